// The selection panel (#details): a relation's kind, dates as written and citations; an
// entity's names, kind, lifespan and timeline. Every data string goes in as text.

import {el, replaceChildren, safeLink} from "./dom.js";
import {kindLabel} from "./model.js";
import {entityTimeline, relationDates, writtenInterval} from "./timeline.js";
import {isoFromDay} from "./dates.js";

// An entity's timeline in the panel stops there: a hub of event data can have thousands.
const TIMELINE_ROWS = 400;

function entityLabel(model, index) {
    const e = model.data.entities[index];
    return String(e?.label ?? e?.id ?? "");
}

function entityButton(model, index, select) {
    const e = model.data.entities[index];
    return el("button", {type: "button", class: "link", onclick: () => select(`e:${e.id}`)},
        entityLabel(model, index));
}

function closeButton(select) {
    return el("button", {type: "button", class: "close", "aria-label": "Close the selection",
        title: "Close", onclick: () => select(null)}, "×");
}

function citation(model, c) {
    const src = model.data.sources[c.source] || {};
    const meta = [src.publisher, src.date].filter((v) => v !== null && v !== undefined && v !== "");
    return el("li", null,
        c.quote ? el("blockquote", null, String(c.quote)) : null,
        el("p", {class: "source"},
            el("span", {class: "source-title"}, String(src.title ?? src.id ?? "source")),
            meta.length ? ` — ${meta.join(", ")}` : "",
            c.locator ? ` (${c.locator})` : "",
            src.url ? [" · ", safeLink(String(src.url))] : null));
}

function relationDetails(model, index, select) {
    const r = model.data.relations[index];
    const arrow = r.symmetric ? " — " : " → ";
    const cites = r.citations || [];
    return [
        closeButton(select),
        el("h2", null, kindLabel(r.kind)),
        el("p", {class: "kind"}, entityButton(model, r.from, select), arrow,
            entityButton(model, r.to, select)),
        el("h3", null, "Dates"),
        el("p", {class: "dates"}, relationDates(model.data, r)),
        el("h3", null, cites.length === 1 ? "Source" : `Sources (${cites.length})`),
        cites.length ? el("ul", {class: "citations"}, cites.map((c) => citation(model, c))) :
            el("p", {class: "muted"}, "No source cited."),
    ];
}

function entityDetails(model, index, ctx) {
    const {select} = ctx;
    const e = model.data.entities[index];
    const kind = model.entityKinds.get(e.kind);
    const names = (e.names || []).map((n) => el("li", null, String(n.text),
        n.lang ? el("span", {class: "muted"}, ` (${n.lang})`) : null,
        n.alias ? el("span", {class: "muted"}, " · alias") : null));
    const all = entityTimeline(model.data, index);
    const rows = all.slice(0, TIMELINE_ROWS).map((row) => {
        const when = row.event === "undated" ? "undated" : String(row.written ?? isoFromDay(row.day));
        if (row.relation < 0) {
            return el("tr", null, el("td", null, when), el("td", null, `${row.event} (lifespan)`));
        }
        const r = model.data.relations[row.relation];
        const shown = ctx.relationShown(row.relation);
        const arrow = r.symmetric ? "—" : row.role === "from" ? "→" : "←";
        return el("tr", {class: shown ? null : "absent"},
            el("td", null, when),
            el("td", null, `${row.event} `,
                el("button", {type: "button", class: "link", onclick: () => select(`r:${r.id}`)},
                    kindLabel(r.kind)),
                ` ${arrow} `, entityButton(model, row.other, select)));
    });
    return [
        closeButton(select),
        el("h2", null, entityLabel(model, index)),
        el("p", {class: "kind"}, kindLabel(kind?.name ?? e.kind), " · ", String(e.id)),
        el("h3", null, "Lifespan"),
        el("p", null, writtenInterval(e.start, e.end, e.start !== null && e.start === e.end, e.s, e.e)),
        names.length ? [el("h3", null, "Names"), el("ul", {class: "names"}, names)] : null,
        el("h3", null, "Timeline"),
        rows.length ? el("table", null, el("tbody", null, rows)) :
            el("p", {class: "muted"}, "Nothing dated."),
        all.length > rows.length ? el("p", {class: "muted"},
            `… and ${(all.length - rows.length).toLocaleString("en")} more rows (tkg timeline ${e.id} lists them all).`) : null,
    ];
}

/**
 * Fills `panel` for `focus` ({type: "e"|"r", index} or null: emptied). ctx: {select(sel),
 * relationShown(index)}.
 */
export function renderDetails(panel, model, focus, ctx) {
    if (!focus) {
        replaceChildren(panel);
        return;
    }
    replaceChildren(panel, focus.type === "r" ? relationDetails(model, focus.index, ctx.select) :
        entityDetails(model, focus.index, ctx));
}
