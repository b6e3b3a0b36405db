import {test} from "node:test";
import assert from "node:assert/strict";
import {dayFromIso} from "../src/dates.js";
import {createPresence, createViewState, computeView, indexesWith, SHOWN, ENDED}
    from "../src/presence.js";

const D = dayFromIso;
// Entities and relations with the store's intervals already applied: "2013-04" as a start is
// [2013-04-01, …); "2023-12" as an end is (…, 2024-01-01).
const data = {
    entities: [
        {id: "mali", s: D("1960-06-20"), e: null},
        {id: "minusma", s: D("2013-04-01"), e: D("2024-01-01")},
        {id: "un", s: null, e: null},
        {id: "aes", s: D("2023-09-16"), e: null},
        {id: "battle", s: D("2012-04-01"), e: D("2012-04-02")},
    ],
    relations: [
        {id: "r0", from: 1, to: 0, point: false, s: D("2013-04-01"), e: D("2024-01-01")},
        {id: "r1", from: 1, to: 2, point: false, s: null, e: null},
        {id: "r2", from: 0, to: 3, point: false, s: D("2023-09-16"), e: D("2025-01-29")},
        {id: "r3", from: 0, to: 2, point: true, s: D("2020-08-18"), e: D("2020-08-19")},
        {id: "r4", from: 0, to: 2, point: false, s: null, e: D("2012-01-01")},
        {id: "r5", from: 4, to: 0, point: false, s: D("2012-04-01"), e: D("2012-04-02")},
    ],
};
const presence = createPresence(data);

function at(query) {
    const v = computeView(presence, query, createViewState(presence));
    const ids = (list, states, state) => indexesWith(states, state).map((i) => list[i].id);
    return {
        entities: ids(data.entities, v.entities, SHOWN),
        relations: ids(data.relations, v.relations, SHOWN),
        ended: ids(data.relations, v.relations, ENDED),
    };
}

test("partial-date boundaries: first day in, day after the last out", () => {
    assert.deepEqual(at({mode: "date", day: D("2013-03-31")}).entities, ["mali", "un"]);
    assert.deepEqual(at({mode: "date", day: D("2013-04-01")}).entities, ["mali", "minusma", "un"]);
    assert.deepEqual(at({mode: "date", day: D("2023-12-31")}).relations, ["r0", "r1", "r2"]);
    const after = at({mode: "date", day: D("2024-01-01")});
    assert.deepEqual(after.entities, ["mali", "un", "aes"]);
    assert.deepEqual(after.relations, ["r2"]);
});

test("open intervals hold at every date", () => {
    for (const day of [D("0001-01-01"), D("1970-01-01"), D("9999-12-31")]) {
        assert.ok(at({mode: "date", day}).entities.includes("un"));
    }
    assert.deepEqual(at({mode: "date", day: D("1965-01-01")}).relations, ["r4"]);
});

test("a relation needs both its endpoints", () => {
    // r1 (minusma - un) is open, but minusma is not there in 2000.
    assert.deepEqual(at({mode: "date", day: D("2000-01-01")}).relations, ["r4"]);
});

test("ended relations: ended before the date, endpoints shown, never a point event", () => {
    assert.deepEqual(at({mode: "date", day: D("2012-01-01")}).ended, ["r4"]);
    assert.deepEqual(at({mode: "date", day: D("2011-12-31")}).ended, []);
    // r3 is a point event on 2020-08-18: shown that day, neither shown nor ended after.
    assert.deepEqual(at({mode: "date", day: D("2020-08-18")}).relations, ["r0", "r1", "r3"]);
    const later = at({mode: "date", day: D("2020-08-19")});
    assert.deepEqual(later.relations, ["r0", "r1"]);
    assert.deepEqual(later.ended, ["r4"]);
    // r0 ended with minusma: its endpoint gone, it is not drawn at all.
    assert.ok(!at({mode: "date", day: D("2024-06-01")}).ended.includes("r0"));
    // r5 ended but its endpoint (the battle, one day) is gone too.
    assert.ok(!at({mode: "date", day: D("2013-01-01")}).ended.includes("r5"));
});

test("window mode: overlap, both ends inclusive", () => {
    const w = (from, to) => at({mode: "window", from: D(from), to: D(to)});
    // Ends on 2023-12-31 (e = 2024-01-01): overlaps a window that starts that day, not after.
    assert.ok(w("2023-12-31", "2024-05-01").relations.includes("r0"));
    assert.ok(!w("2024-01-01", "2024-05-01").relations.includes("r0"));
    // Starts on 2023-09-16: overlaps a window that ends that day, not one that ends before.
    assert.ok(w("2023-01-01", "2023-09-16").entities.includes("aes"));
    assert.ok(!w("2023-01-01", "2023-09-15").entities.includes("aes"));
    // A window around the point event shows it; a window after it does not fade it.
    assert.ok(w("2020-01-01", "2020-12-31").relations.includes("r3"));
    assert.deepEqual(w("2021-01-01", "2021-12-31").ended, ["r4"]);
    // A window given backwards is read forwards.
    assert.deepEqual(w("2020-12-31", "2020-01-01"), w("2020-01-01", "2020-12-31"));
    // The one-day window is the date.
    const day = D("2023-10-01");
    assert.deepEqual(at({mode: "window", from: day, to: day}), at({mode: "date", day}));
});
