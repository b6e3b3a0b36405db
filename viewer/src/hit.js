// Which edge is under the pointer: the nearest drawn segment within a few pixels. sigma's own
// edge picking reads a half-resolution framebuffer where thin edges are hit on one side only;
// a scan of the drawn edges in screen space hits what the eye sees, and spares the renderer a
// picking pass over every edge at each date. Nodes come first: the page asks here only when
// the pointer is on no node (sigma's node events).

/**
 * How far from a drawn edge's centre line, in CSS pixels, a pointer still hits it: half its
 * drawn width and 3 px more, at least 5 px, so that a line one or two pixels wide is as easy
 * to hit as a small button; a faded (ended) edge, drawn thin and behind, 4 px.
 */
export function edgeTolerance(width, faded) {
    return faded ? 4 : Math.max(5, width / 2 + 3);
}

/** The distance from point (px, py) to the segment (ax, ay)-(bx, by). */
export function segmentDistance(px, py, ax, ay, bx, by) {
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const cx = ax + t * dx - px, cy = ay + t * dy - py;
    return Math.sqrt(cx * cx + cy * cy);
}

/**
 * The index of the edge nearest to (x, y) among `count` edges whose endpoints' screen
 * positions are xs[from[i]], ys[from[i]] and xs[to[i]], ys[to[i]], only those for which
 * drawn(i) is true, within tolerance(i) pixels; -1 when there is none. Ties go to the later
 * edge (drawn on top).
 */
export function nearestEdge(x, y, {count, from, to, xs, ys, drawn, tolerance}) {
    let best = -1, bestDistance = Infinity;
    for (let i = 0; i < count; i++) {
        if (!drawn(i)) continue;
        const a = from[i], b = to[i];
        const ax = xs[a], ay = ys[a], bx = xs[b], by = ys[b];
        const tol = tolerance(i);
        // A quick reject on the bounding box before the distance.
        if (x < Math.min(ax, bx) - tol || x > Math.max(ax, bx) + tol ||
            y < Math.min(ay, by) - tol || y > Math.max(ay, by) + tol) continue;
        const d = segmentDistance(x, y, ax, ay, bx, by);
        if (d <= tol && d <= bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}
