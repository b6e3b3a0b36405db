import {test} from "node:test";
import assert from "node:assert/strict";
import {snapshotAt, measureMax, sizeScale, sizesAt, legendValues} from "../src/sizes.js";

const snapshots = [{s: 100, e: 200}, {s: 200, e: 300}, {s: 300, e: 400}];
const centrality = {
    measures: ["pagerank", "degree"], default: "pagerank", snapshots,
    values: {
        pagerank: [[0.5, null, 0.1], [0.2, 0.8, null], [null, 0.4, 0.4]],
        degree: [[1, 0, 1], [2, 3, 0], [0, 1, 1]],
    },
};

test("the snapshot that applies: from its start to the next one's", () => {
    assert.equal(snapshotAt(snapshots, 99), -1);
    assert.equal(snapshotAt(snapshots, 100), 0);
    assert.equal(snapshotAt(snapshots, 199), 0);
    assert.equal(snapshotAt(snapshots, 200), 1);
    assert.equal(snapshotAt(snapshots, 299), 1);
    assert.equal(snapshotAt(snapshots, 300), 2);
    assert.equal(snapshotAt(snapshots, 10000), 2);
    assert.equal(snapshotAt([], 5), -1);
});

test("sizes at a date come from that date's snapshot", () => {
    const scale = sizeScale(measureMax(centrality, "pagerank"), 2, 12);
    const out = new Float32Array(3);
    assert.equal(sizesAt(centrality, "pagerank", 250, scale, out), 1);
    assert.deepEqual(Array.from(out), [2 + 10 * Math.sqrt(0.25), 12, 2].map(Math.fround));
    assert.equal(sizesAt(centrality, "pagerank", 50, scale, out), -1);
    assert.deepEqual(Array.from(out), [2, 2, 2]);
    assert.equal(sizesAt(centrality, "nonesuch", 250, scale, out), -1);
    assert.equal(sizesAt(null, "pagerank", 250, scale, out), -1);
    assert.deepEqual(Array.from(out), [2, 2, 2]);
});

test("the scale's top is the measure's largest value over every snapshot", () => {
    assert.equal(measureMax(centrality, "degree"), 3);
    assert.equal(measureMax(centrality, "pagerank"), 0.8);
    assert.equal(measureMax(null, "degree"), 0);
    const scale = sizeScale(3, 1, 5);
    assert.equal(scale(3), 5);
    assert.equal(scale(9), 5);
    assert.equal(scale(0), 1);
    assert.equal(scale(-1), 1);
    assert.ok(scale(1) > 1 && scale(1) < scale(2));
    assert.equal(sizeScale(0, 1, 5)(1), 1);
    assert.deepEqual(legendValues(0.8), [0.8, 0.2, 0.05]);
    assert.deepEqual(legendValues(0), []);
});
