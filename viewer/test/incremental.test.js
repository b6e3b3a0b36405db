import {test} from "node:test";
import assert from "node:assert/strict";
import {createPresence, createViewState, computeView, SHOWN, HIDDEN} from "../src/presence.js";
import {createViewTracker, sortedBounds, queryBounds} from "../src/incremental.js";

// A deterministic pseudo-random generator (mulberry32), so that a failure can be replayed.
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const SPAN = 3000;

/** Entities and relations with random intervals over [0, SPAN): open bounds, points, loops. */
function generate(seed, entities, relations) {
    const rnd = random(seed);
    const int = (k) => Math.floor(rnd() * k);
    const interval = () => {
        const s = rnd() < 0.15 ? null : int(SPAN);
        const e = rnd() < 0.25 ? null : (s ?? 0) + 1 + int(SPAN / 3);
        return {s, e};
    };
    const data = {entities: [], relations: []};
    for (let i = 0; i < entities; i++) data.entities.push({id: `e${i}`, ...interval()});
    for (let i = 0; i < relations; i++) {
        const point = rnd() < 0.1;
        const iv = point ? (() => {
            const s = int(SPAN);
            return {s, e: s + 1};
        })() : interval();
        const from = int(entities), to = rnd() < 0.03 ? from : int(entities);
        data.relations.push({id: `r${i}`, from, to, point, ...iv});
    }
    return data;
}

function fullStates(presence, query) {
    return computeView(presence, query, createViewState(presence));
}

function changedBetween(before, after) {
    const out = [];
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) out.push(i);
    return out;
}

const sortNum = (list) => [...list].sort((a, b) => a - b);

/** Follows `queries` with a tracker and checks every step against computeView from scratch. */
function follow(presence, queries, options) {
    const tracker = createViewTracker(presence, options);
    const counts = {full: 0, partial: 0};
    let previous = null;
    for (const query of queries) {
        const change = tracker.update(query);
        const expected = fullStates(presence, query);
        const where = JSON.stringify(query);
        assert.deepEqual(tracker.states.entities, expected.entities, `entities at ${where}`);
        assert.deepEqual(tracker.states.relations, expected.relations, `relations at ${where}`);
        if (change.full) {
            counts.full++;
        } else {
            counts.partial++;
            // What it says changed is exactly what differs from the previous states.
            assert.deepEqual(sortNum(change.entities),
                changedBetween(previous.entities, expected.entities), `changed entities at ${where}`);
            assert.deepEqual(sortNum(change.relations),
                changedBetween(previous.relations, expected.relations), `changed relations at ${where}`);
        }
        previous = expected;
    }
    return counts;
}

test("bounds sorted with their indexes, open bounds left out", () => {
    const sorted = sortedBounds(Float64Array.from([5, -Infinity, 2, Infinity, 5, -3]));
    assert.deepEqual([...sorted.order], [5, 2, 0, 4]);
    assert.deepEqual([...sorted.keys], [-3, 2, 5, 5]);
});

test("query bounds: a day, a window, a window given backwards", () => {
    assert.deepEqual(queryBounds({mode: "date", day: 7}), {lo: 7, hi: 7, endBy: 7});
    assert.deepEqual(queryBounds({mode: "window", from: 3, to: 9}), {lo: 3, hi: 9, endBy: 3});
    assert.deepEqual(queryBounds({mode: "window", from: 9, to: 3}), {lo: 3, hi: 9, endBy: 3});
});

test("day steps (1 to 40 days, both ways) equal the full recomputation", () => {
    const data = generate(12, 400, 4000);
    const presence = createPresence(data);
    const rnd = random(99);
    const queries = [];
    let day = 1500;
    for (let k = 0; k < 400; k++) {
        day += (rnd() < 0.5 ? -1 : 1) * (1 + Math.floor(rnd() * 40));
        day = Math.max(-50, Math.min(SPAN + 50, day));
        queries.push({mode: "date", day});
    }
    const counts = follow(presence, queries);
    assert.equal(counts.full, 1, "only the first query recomputes everything");
    assert.equal(counts.partial, queries.length - 1);
});

test("random dates, windows and mode changes equal the full recomputation", () => {
    const data = generate(7, 300, 3000);
    const presence = createPresence(data);
    const rnd = random(2024);
    const queries = [];
    for (let k = 0; k < 500; k++) {
        const r = rnd();
        const day = Math.floor(rnd() * (SPAN + 200)) - 100;
        if (r < 0.6) queries.push({mode: "date", day});
        else queries.push({mode: "window", from: day, to: day + Math.floor((rnd() - 0.2) * 400)});
    }
    // A limit that nothing exceeds: every step is incremental, however large the jump.
    const counts = follow(presence, queries, {limit: Infinity});
    assert.equal(counts.full, 1);
    // The default limit: large jumps recompute everything, and give the same states.
    assert.ok(follow(presence, queries).full > 1);
});

test("a relation follows its endpoints: an entity that leaves hides its relations", () => {
    const data = {
        entities: [{id: "a", s: 0, e: 10}, {id: "b", s: null, e: null}],
        relations: [{id: "ab", from: 0, to: 1, point: false, s: null, e: null}],
    };
    const presence = createPresence(data);
    const tracker = createViewTracker(presence, {limit: Infinity});
    tracker.update({mode: "date", day: 5});
    assert.deepEqual([...tracker.states.relations], [SHOWN]);
    const change = tracker.update({mode: "date", day: 10});
    assert.deepEqual(change, {full: false, entities: [0], relations: [0]});
    assert.deepEqual([...tracker.states.relations], [HIDDEN]);
    // No bound between 20 and 30: nothing to look at, nothing changes.
    tracker.update({mode: "date", day: 20});
    assert.deepEqual(tracker.update({mode: "date", day: 30}), {full: false, entities: [], relations: []});
});
