// What is shown at a day or in a window: the contract's rules on typed arrays, so that moving
// the date recomputes one byte per entity and per relation and nothing else.
//
// Intervals are half-open [s, e) in day numbers; a null bound is open (stored as -Infinity
// or +Infinity). An entity is shown at day D when its interval holds on D; a relation when
// its interval holds on D and both its endpoints are shown. In a window [F, T] (inclusive)
// "holds on" becomes "overlaps". A relation that is not shown is "ended" when it is not a point
// event, its end is at or before D (window: at or before F, the window's first day) and both
// its endpoints are shown: the page can draw it faded.

export const HIDDEN = 0;
export const SHOWN = 1;
export const ENDED = 2;

/** s, e typed arrays of a list of {s, e} (null bounds as -Infinity / +Infinity). */
export function intervalArrays(items) {
    const s = new Float64Array(items.length), e = new Float64Array(items.length);
    items.forEach((item, i) => {
        s[i] = item.s === null || item.s === undefined ? -Infinity : item.s;
        e[i] = item.e === null || item.e === undefined ? Infinity : item.e;
    });
    return {s, e};
}

/** The arrays that views are computed from, built once from the data. */
export function createPresence(data) {
    const entities = intervalArrays(data.entities);
    const relations = intervalArrays(data.relations);
    const n = data.relations.length;
    const from = new Uint32Array(n), to = new Uint32Array(n), point = new Uint8Array(n);
    data.relations.forEach((r, i) => {
        from[i] = r.from;
        to[i] = r.to;
        point[i] = r.point ? 1 : 0;
    });
    return {es: entities.s, ee: entities.e, rs: relations.s, re: relations.e, from, to, point};
}

/** Empty state arrays for a presence (see computeView). */
export function createViewState(presence) {
    return {
        entities: new Uint8Array(presence.es.length),
        relations: new Uint8Array(presence.rs.length),
    };
}

/**
 * Fills `out.entities` (HIDDEN or SHOWN) and `out.relations` (HIDDEN, SHOWN or ENDED) for the
 * query {mode: "date", day} or {mode: "window", from, to} (days; a window given backwards is
 * read forwards). Returns `out`.
 */
export function computeView(presence, query, out) {
    let lo, hi, endBy;
    if (query.mode === "window") {
        lo = Math.min(query.from, query.to);
        hi = Math.max(query.from, query.to);
        endBy = lo;
    } else {
        lo = hi = endBy = query.day;
    }
    // Holds on D is s <= D < e; overlaps [F, T] is s <= T && F < e: one test for both.
    const {es, ee, rs, re, from, to, point} = presence;
    const ents = out.entities, rels = out.relations;
    for (let i = 0; i < es.length; i++) ents[i] = es[i] <= hi && lo < ee[i] ? SHOWN : HIDDEN;
    for (let i = 0; i < rs.length; i++) {
        if (!ents[from[i]] || !ents[to[i]]) rels[i] = HIDDEN;
        else if (rs[i] <= hi && lo < re[i]) rels[i] = SHOWN;
        else if (!point[i] && re[i] <= endBy) rels[i] = ENDED;
        else rels[i] = HIDDEN;
    }
    return out;
}

/** The indexes whose state is `state` in a state array. */
export function indexesWith(states, state) {
    const out = [];
    for (let i = 0; i < states.length; i++) if (states[i] === state) out.push(i);
    return out;
}
