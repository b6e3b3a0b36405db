import {test} from "node:test";
import assert from "node:assert/strict";
import {segmentDistance, nearestEdge, edgeTolerance} from "../src/hit.js";

test("distance to a segment: along it, beyond its ends, a point segment", () => {
    assert.equal(segmentDistance(5, 3, 0, 0, 10, 0), 3);
    assert.equal(segmentDistance(13, 4, 0, 0, 10, 0), 5);
    assert.equal(segmentDistance(-3, -4, 0, 0, 10, 0), 5);
    assert.equal(segmentDistance(3, 4, 0, 0, 0, 0), 5);
    assert.ok(Math.abs(segmentDistance(0, 10, 0, 0, 10, 10) - Math.SQRT2 * 5) < 1e-9);
});

// Three nodes on screen and four edges between them.
const xs = [0, 100, 100], ys = [0, 0, 100];
const edges = {
    count: 4,
    from: [0, 1, 0, 0],
    to: [1, 2, 2, 1],
    xs, ys,
    drawn: (i) => i !== 3,
    tolerance: () => 5,
};

test("the nearest drawn edge within the tolerance, on both sides of the line", () => {
    assert.equal(nearestEdge(50, 4, edges), 0);
    assert.equal(nearestEdge(50, -4, edges), 0);
    assert.equal(nearestEdge(50, 6, edges), -1);
    assert.equal(nearestEdge(103, 50, edges), 1);
    assert.equal(nearestEdge(97, 50, edges), 1);
    assert.equal(nearestEdge(50, 52, edges), 2);
    assert.equal(nearestEdge(300, 300, edges), -1);
});

test("hidden edges are not hit; of two edges on one line the later (drawn on top) wins", () => {
    // Edge 3 lies on edge 0 but is not drawn.
    assert.equal(nearestEdge(50, 0, edges), 0);
    assert.equal(nearestEdge(50, 0, {...edges, drawn: () => true}), 3);
    assert.equal(nearestEdge(50, 0, {...edges, drawn: () => false}), -1);
});

test("tolerance: a few pixels past a thin line's edge, more for a bold one, less when faded", () => {
    assert.equal(edgeTolerance(1.8, false), 5);
    assert.equal(edgeTolerance(3.2 + 1.5, false), 5.35);
    assert.equal(edgeTolerance(8, false), 7);
    assert.equal(edgeTolerance(1.4, true), 4);
});

test("several edges within the tolerance: the nearest wins, whatever their order", () => {
    // Two parallel horizontal edges 4 px apart: y = 0 (edge 0) and y = 4 (edge 1).
    const two = {count: 2, from: [0, 2], to: [1, 3], xs: [0, 100, 0, 100], ys: [0, 0, 4, 4],
        drawn: () => true, tolerance: () => 5};
    assert.equal(nearestEdge(50, 1, two), 0);
    assert.equal(nearestEdge(50, 3, two), 1);
    assert.equal(nearestEdge(50, -4.5, two), 0);
    assert.equal(nearestEdge(50, 8.5, two), 1);
    assert.equal(nearestEdge(50, 9.5, two), -1);
    // The same edges listed the other way round.
    const swapped = {...two, from: [2, 0], to: [3, 1]};
    assert.equal(nearestEdge(50, 1, swapped), 1);
    assert.equal(nearestEdge(50, 3, swapped), 0);
});

test("each edge its own tolerance: a wide edge is hit farther out than a thin one", () => {
    const wide = {...edges, tolerance: (i) => edgeTolerance(i === 0 ? 8 : 1.8, false)};
    assert.equal(nearestEdge(50, 6.5, wide), 0);
    assert.equal(nearestEdge(50, 7.5, wide), -1);
    assert.equal(nearestEdge(104.5, 50, wide), 1);
    assert.equal(nearestEdge(105.5, 50, wide), -1);
});
