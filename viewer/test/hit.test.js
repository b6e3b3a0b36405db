import {test} from "node:test";
import assert from "node:assert/strict";
import {segmentDistance, nearestEdge} from "../src/hit.js";

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
