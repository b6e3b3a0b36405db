// Moving the date without recomputing everything: from one query to the next, only the
// entities and relations with a bound between the two can change, and the relations of the
// entities that did change.
//
// A query is reduced to three days (presence.js, computeView): an entity or relation is present
// when s <= hi && lo < e, and a relation not present is ended when e <= endBy (at a day D all
// three are D; in a window [F, T], lo = endBy = F and hi = T). Between two queries, "s <= hi"
// can change only for an s in (min(hi1, hi2), max(hi1, hi2)], "lo < e" and "e <= endBy" (endBy
// is lo) only for an e in (min(lo1, lo2), max(lo1, lo2)]. The finite bounds are kept sorted
// (one typed array of indexes by s and one by e, for entities and for relations), so that each
// of those ranges is two binary searches and a slice. Each candidate is recomputed with the
// full rule, and so are the relations of every entity whose state changed (a relation needs
// both its endpoints). A large jump (many candidates) recomputes everything instead.

import {computeView, createViewState, HIDDEN, SHOWN, ENDED} from "./presence.js";

/** Indexes of the finite values of `values`, sorted by value, with the values in that order. */
export function sortedBounds(values) {
    const order = [];
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) order.push(i);
    order.sort((a, b) => values[a] - values[b] || a - b);
    const keys = new Float64Array(order.length);
    order.forEach((i, k) => (keys[k] = values[i]));
    return {order: Uint32Array.from(order), keys};
}

/** The position of the first key greater than `day` (keys sorted increasing). */
function upper(keys, day) {
    let lo = 0, hi = keys.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] <= day) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/** The positions [first, last) of the keys in (min(a, b), max(a, b)]. */
function between(sorted, a, b) {
    if (a === b) return [0, 0];
    return [upper(sorted.keys, Math.min(a, b)), upper(sorted.keys, Math.max(a, b))];
}

/** lo, hi and endBy of a query {mode: "date", day} or {mode: "window", from, to}. */
export function queryBounds(query) {
    if (query.mode === "window") {
        const lo = Math.min(query.from, query.to);
        return {lo, hi: Math.max(query.from, query.to), endBy: lo};
    }
    return {lo: query.day, hi: query.day, endBy: query.day};
}

/** For each entity, its relations (from or to it): offsets into one flat array. */
function incidence(presence) {
    const n = presence.es.length, m = presence.rs.length;
    const start = new Uint32Array(n + 1);
    for (let r = 0; r < m; r++) {
        start[presence.from[r] + 1]++;
        if (presence.to[r] !== presence.from[r]) start[presence.to[r] + 1]++;
    }
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n), list = new Uint32Array(start[n]);
    for (let r = 0; r < m; r++) {
        list[fill[presence.from[r]]++] = r;
        if (presence.to[r] !== presence.from[r]) list[fill[presence.to[r]]++] = r;
    }
    return {start, list};
}

/**
 * A view that follows queries: `states` ({entities, relations}, as computeView fills them) and
 * `update(query)`, which brings the states to the query and returns what changed:
 * {full: true} when it recomputed everything (the first query, or a jump whose candidates exceed
 * `limit` times the number of entities and relations), else {full: false, entities, relations},
 * the indexes whose state changed (each once, in no particular order).
 */
export function createViewTracker(presence, {limit = 0.125} = {}) {
    const states = createViewState(presence);
    const sorted = {
        es: sortedBounds(presence.es), ee: sortedBounds(presence.ee),
        rs: sortedBounds(presence.rs), re: sortedBounds(presence.re),
    };
    const links = incidence(presence);
    const n = presence.es.length, m = presence.rs.length;
    const seenEntity = new Uint32Array(n), seenRelation = new Uint32Array(m);
    let stamp = 0, last = null;

    function full(query, bounds) {
        computeView(presence, query, states);
        last = bounds;
        return {full: true};
    }

    function update(query) {
        const q = queryBounds(query);
        if (!last) return full(query, q);
        const ranges = {
            es: between(sorted.es, last.hi, q.hi), ee: between(sorted.ee, last.lo, q.lo),
            rs: between(sorted.rs, last.hi, q.hi), re: between(sorted.re, last.lo, q.lo),
        };
        let candidates = 0;
        for (const [a, b] of Object.values(ranges)) candidates += b - a;
        if (candidates > limit * (n + m)) return full(query, q);
        stamp++;
        if (stamp === 0xffffffff) {
            seenEntity.fill(0);
            seenRelation.fill(0);
            stamp = 1;
        }
        const {es, ee, rs, re, from, to, point} = presence;
        const ents = states.entities, rels = states.relations;
        const changedEntities = [], changedRelations = [];

        const visitEntity = (i) => {
            if (seenEntity[i] === stamp) return;
            seenEntity[i] = stamp;
            const now = es[i] <= q.hi && q.lo < ee[i] ? SHOWN : HIDDEN;
            if (now !== ents[i]) {
                ents[i] = now;
                changedEntities.push(i);
            }
        };
        const visitRelation = (i) => {
            if (seenRelation[i] === stamp) return;
            seenRelation[i] = stamp;
            let now;
            if (!ents[from[i]] || !ents[to[i]]) now = HIDDEN;
            else if (rs[i] <= q.hi && q.lo < re[i]) now = SHOWN;
            else if (!point[i] && re[i] <= q.endBy) now = ENDED;
            else now = HIDDEN;
            if (now !== rels[i]) {
                rels[i] = now;
                changedRelations.push(i);
            }
        };
        const each = (list, [a, b], visit) => {
            for (let k = a; k < b; k++) visit(list.order[k]);
        };
        // Entities first: a relation's state reads its endpoints' new states.
        each(sorted.es, ranges.es, visitEntity);
        each(sorted.ee, ranges.ee, visitEntity);
        each(sorted.rs, ranges.rs, visitRelation);
        each(sorted.re, ranges.re, visitRelation);
        for (const i of changedEntities) {
            for (let k = links.start[i]; k < links.start[i + 1]; k++) visitRelation(links.list[k]);
        }
        last = q;
        return {full: false, entities: changedEntities, relations: changedRelations};
    }

    return {states, update};
}
