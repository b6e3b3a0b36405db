// What the page shows against what `tkg query` lists for the same view.

import { query, sorted } from "./tkg.mjs";
import { visible } from "./harness.mjs";

/**
 * The ids `tkg query VIEW` lists for INPUTS: {entities, relations}, sorted. KEPT (a Set of
 * entity ids, or null) is the page's cut of a large view: only those entities, and the
 * relations between two of them.
 */
export function expectedView(inputs, view, kept = null) {
    const q = query(inputs, view);
    let { entities, relations } = q;
    if (kept) {
        entities = entities.filter((id) => kept.has(id));
        relations = relations.filter((r) => kept.has(r.from) && kept.has(r.to));
    }
    return { entities: sorted(entities), relations: sorted(relations.map((r) => r.id)) };
}

function difference(what, got, want) {
    const g = new Set(got);
    const w = new Set(want);
    const missing = want.filter((id) => !g.has(id));
    const extra = got.filter((id) => !w.has(id));
    if (!missing.length && !extra.length && got.length === want.length) return null;
    const show = (xs) =>
        xs
            .slice(0, 8)
            .map((x) => JSON.stringify(x))
            .join(", ") + (xs.length > 8 ? ", …" : "");
    return (
        `${what}: the page shows ${got.length}, tkg query lists ${want.length}` +
        (missing.length ? `; missing ${missing.length}: ${show(missing)}` : "") +
        (extra.length ? `; extra ${extra.length}: ${show(extra)}` : "") +
        (!missing.length && !extra.length ? "; duplicates on the page" : "")
    );
}

/** Throws unless the page's `tkgViewer.visible()` is EXPECTED; WHAT names the view. */
export async function expectVisible(page, expected, what) {
    const v = await visible(page);
    const problems = [
        difference("entities", sorted(v.entities), expected.entities),
        difference("relations", sorted(v.relations), expected.relations),
    ].filter(Boolean);
    if (problems.length) throw new Error(`${what}:\n  ${problems.join("\n  ")}`);
    return v;
}
