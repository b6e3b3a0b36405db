// The dated history of one entity, as `tkg timeline ID` lists it: its own begin and end, and
// the begin and end (or the one day, for a point event) of each relation it takes part in,
// oldest first; undated relations last.

import {isoFromDay} from "./dates.js";

export const EVENTS = ["on", "begins", "ends", "undated"];
const ON = 0, BEGINS = 1, ENDS = 2, UNDATED = 3;

function rowsOf(out, s, e, relation, point) {
    if (s === null && e === null) {
        if (relation >= 0) out.push({day: Infinity, relation, event: UNDATED});
        return;
    }
    if (point && s !== null) {
        out.push({day: s, relation, event: ON});
        return;
    }
    if (s !== null) out.push({day: s, relation, event: BEGINS});
    if (e !== null) out.push({day: e - 1, relation, event: ENDS});
}

// Within a day: the entity's own begin first and its own end last, then by event, relation.
function order(a, b) {
    if (a.day !== b.day) return a.day < b.day ? -1 : 1;
    const own = (r) => (r.relation < 0 ? (r.event === ENDS ? 1 : -1) : 0);
    if (own(a) !== own(b)) return own(a) - own(b);
    if (a.event !== b.event) return a.event - b.event;
    return a.relation - b.relation;
}

/* Whose dates as written a relation shows: its own, or the event's whose time it takes. */
function datesOwner(data, r) {
    return r.event !== null && r.event !== undefined ? data.entities[r.event] : r;
}

/**
 * The rows of entity `index`'s timeline: {day (Infinity when undated), event ("on", "begins",
 * "ends", "undated"), relation (an index into data.relations, -1 for the entity's own
 * lifespan), written (the date as written), role ("from" or "to"), other (the other entity's
 * index)}.
 */
export function entityTimeline(data, index) {
    const rows = [];
    const ent = data.entities[index];
    rowsOf(rows, ent.s, ent.e, -1, ent.start !== null && ent.start === ent.end);
    data.relations.forEach((r, i) => {
        if (r.from === index || r.to === index) rowsOf(rows, r.s, r.e, i, Boolean(r.point));
    });
    rows.sort(order);
    return rows.map((row) => {
        const rel = row.relation >= 0 ? data.relations[row.relation] : null;
        const owner = rel ? datesOwner(data, rel) : ent;
        const written = row.event === ENDS ? owner.end : owner.start;
        return {
            day: row.day,
            event: EVENTS[row.event],
            relation: row.relation,
            written: written ?? null,
            role: rel ? (rel.from === index ? "from" : "to") : null,
            other: rel ? (rel.from === index ? rel.to : rel.from) : -1,
        };
    });
}

/**
 * Dates as written: "on D" for a point, "S – E", "since S", "until E" or "undated". A bound not
 * written but known as a day (a relation that takes the dates of an event) is given as its
 * ISO day: s itself, e - 1 for the end.
 */
export function writtenInterval(start, end, point, s = null, e = null) {
    start = start ?? (s !== null ? isoFromDay(s) : null);
    end = end ?? (e !== null ? isoFromDay(e - 1) : null);
    if (point && start) return `on ${start}`;
    if (start && end) return `${start} – ${end}`;
    if (start) return `since ${start}`;
    if (end) return `until ${end}`;
    return "undated";
}

/**
 * A relation's dates as written: its own, or for a relation that takes the time of an event
 * (`event` set), the event's dates followed by "(the dates of LABEL)".
 */
export function relationDates(data, r) {
    const owner = datesOwner(data, r);
    const text = writtenInterval(owner.start, owner.end, r.point, r.s, r.e);
    return owner === r ? text : `${text} (the dates of ${owner.label ?? owner.id})`;
}
