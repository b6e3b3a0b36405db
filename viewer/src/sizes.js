// Node sizes from a centrality measure at the current date.
//
// data.centrality.snapshots are increasing; snapshot k applies from its s up to the next
// snapshot's s, and the last one from its s on. Before the first snapshot none applies.

/** The index of the snapshot that applies on `day`, or -1 when none does. */
export function snapshotAt(snapshots, day) {
    let lo = 0, hi = snapshots.length - 1, found = -1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (snapshots[mid].s <= day) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

/** The largest value of `measure` over every snapshot and entity (0 when there is none). */
export function measureMax(centrality, measure) {
    let max = 0;
    for (const row of centrality?.values?.[measure] || []) {
        for (const v of row) if (typeof v === "number" && v > max) max = v;
    }
    return max;
}

/**
 * A size scale: the area of a node grows with its value, from `min` (a value of 0, or no value)
 * to `max` (the measure's largest value over the whole span, so that sizes compare across dates).
 */
export function sizeScale(top, min, max) {
    return (value) => {
        if (typeof value !== "number" || !(top > 0) || value <= 0) return min;
        return min + (max - min) * Math.sqrt(Math.min(value, top) / top);
    };
}

/**
 * Fills `out` (a Float32Array, one per entity) with the sizes at `day` by `measure`, every
 * entity at `min` when the data has no centrality, no such measure or no snapshot for the day.
 * Returns the index of the snapshot used, or -1.
 */
export function sizesAt(centrality, measure, day, scale, out) {
    const rows = centrality?.values?.[measure];
    const k = rows ? snapshotAt(centrality.snapshots, day) : -1;
    const row = k >= 0 ? rows[k] : null;
    for (let i = 0; i < out.length; i++) out[i] = scale(row ? row[i] : null);
    return k;
}

/** A few round values for the legend of the size scale: the top value and smaller ones. */
export function legendValues(top) {
    if (!(top > 0)) return [];
    return [top, top / 4, top / 16];
}
