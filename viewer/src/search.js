// Finding entities by label or by any of their names, accents and case ignored.

/** `text` without accents (any combining mark after NFD), lower case, spaces collapsed. */
export function fold(text) {
    return String(text ?? "")
        .normalize("NFD")
        .replace(/\p{M}+/gu, "")
        .normalize("NFC")
        .toLowerCase()
        .replace(/\s+/g, " ")
        .trim();
}

/** For each entity, the folded texts it can be found by: its label and each name. */
export function buildSearchIndex(entities) {
    return entities.map((e) => {
        const texts = [fold(e.label)];
        for (const n of e.names || []) {
            const t = fold(n.text);
            if (t && !texts.includes(t)) texts.push(t);
        }
        return texts;
    });
}

// How well a folded text matches a folded query: 0 equal, 1 prefix, 2 a word's prefix,
// 3 anywhere inside, -1 not at all.
function rank(text, query) {
    if (text === query) return 0;
    if (text.startsWith(query)) return 1;
    const at = text.indexOf(query);
    if (at < 0) return -1;
    return /[\s\-'’(/.,]/.test(text[at - 1]) ? 2 : 3;
}

/**
 * The indexes of the entities matching `query` (its best-matching text decides), best first,
 * then by label; at most `limit` of them. An empty query matches nothing.
 */
export function searchEntities(index, entities, query, limit = 20) {
    const q = fold(query);
    if (!q) return [];
    const hits = [];
    index.forEach((texts, i) => {
        let best = -1;
        for (const t of texts) {
            const r = rank(t, q);
            if (r >= 0 && (best < 0 || r < best)) best = r;
        }
        if (best >= 0) hits.push({i, best});
    });
    hits.sort((a, b) => a.best - b.best ||
        fold(entities[a.i].label).localeCompare(fold(entities[b.i].label)) || a.i - b.i);
    return hits.slice(0, limit).map((h) => h.i);
}
