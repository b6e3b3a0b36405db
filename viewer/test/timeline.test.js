import {test} from "node:test";
import assert from "node:assert/strict";
import {entityTimeline, relationDates, writtenInterval} from "../src/timeline.js";
import {dayFromIso as D} from "../src/dates.js";

const data = {
    entities: [
        {id: "minusma", start: "2013-04", end: "2023-12", s: D("2013-04-01"), e: D("2024-01-01")},
        {id: "mali", start: "1960-06-20", end: null, s: D("1960-06-20"), e: null},
        {id: "un", start: null, end: null, s: null, e: null},
        {id: "battle", start: "2013-04-01", end: "2013-04-01", s: D("2013-04-01"), e: D("2013-04-02")},
    ],
    relations: [
        {id: "a", from: 0, to: 1, point: false, start: "2013-04", end: "2023-12-31",
            s: D("2013-04-01"), e: D("2024-01-01")},
        {id: "b", from: 2, to: 0, point: false, start: null, end: null, s: null, e: null},
        {id: "c", from: 3, to: 0, point: true, start: "2013-04-01", end: "2013-04-01",
            s: D("2013-04-01"), e: D("2013-04-02")},
        {id: "d", from: 1, to: 2, point: false, start: "2020", end: null, s: D("2020-01-01"), e: null},
    ],
};

test("an entity's timeline in date order, as tkg timeline lists it", () => {
    const rows = entityTimeline(data, 0).map((r) =>
        [r.day === Infinity ? "-" : r.day, r.event, r.relation, r.written, r.role, r.other]);
    assert.deepEqual(rows, [
        [D("2013-04-01"), "begins", -1, "2013-04", null, -1],
        [D("2013-04-01"), "on", 2, "2013-04-01", "to", 3],
        [D("2013-04-01"), "begins", 0, "2013-04", "from", 1],
        [D("2023-12-31"), "ends", 0, "2023-12-31", "from", 1],
        [D("2023-12-31"), "ends", -1, "2023-12", null, -1],
        ["-", "undated", 1, null, "to", 2],
    ]);
});

test("a point entity, an open lifespan, an entity without dates", () => {
    assert.deepEqual(entityTimeline(data, 3).map((r) => [r.event, r.relation]),
        [["on", -1], ["on", 2]]);
    assert.deepEqual(entityTimeline(data, 1).map((r) => [r.event, r.relation]),
        [["begins", -1], ["begins", 0], ["begins", 3], ["ends", 0]]);
    assert.deepEqual(entityTimeline(data, 2).map((r) => [r.event, r.relation]),
        [["begins", 3], ["undated", 1]]);
});

test("dates as written, and days where nothing is written", () => {
    assert.equal(writtenInterval("2013-04", "2023-12-31", false), "2013-04 – 2023-12-31");
    assert.equal(writtenInterval("2020-08-18", "2020-08-18", true), "on 2020-08-18");
    assert.equal(writtenInterval("2013", null, false), "since 2013");
    assert.equal(writtenInterval(null, "2012", false), "until 2012");
    assert.equal(writtenInterval(null, null, false), "undated");
    // A relation that takes an event's days: nothing written, the days known.
    assert.equal(writtenInterval(null, null, true, D("2023-12-11"), D("2023-12-12")), "on 2023-12-11");
    assert.equal(writtenInterval(null, null, false, D("2013-04-25"), D("2024-11-16")),
        "2013-04-25 – 2024-11-15");
});

test("a relation dated by its event shows the event's days in the timeline", () => {
    const d = {
        entities: [{id: "a", start: null, end: null, s: null, e: null},
            {id: "ev", start: "2023-12", end: "2023-12", s: D("2023-12-01"), e: D("2024-01-01")}],
        relations: [{id: "p", from: 0, to: 1, point: false, start: null, end: null,
            s: D("2023-12-01"), e: D("2024-01-01")}],
    };
    assert.deepEqual(entityTimeline(d, 0).map((r) => [r.event, r.written, r.day]),
        [["begins", null, D("2023-12-01")], ["ends", null, D("2023-12-31")]]);
});

test("a relation that takes an event's time shows the event's dates as written", () => {
    const ev = {
        entities: [
            {id: "mali", label: "Mali", start: null, end: null, s: null, e: null},
            {id: "coup", label: "Coup", start: "2020-08-18", end: "2020-08-18",
                s: D("2020-08-18"), e: D("2020-08-19")},
            {id: "talks", label: "Talks", start: "2021-05", end: "2021-06", s: D("2021-05-01"),
                e: D("2021-07-01")},
        ],
        relations: [
            {id: "p", from: 0, to: 1, point: true, event: 1, start: null, end: null,
                s: D("2020-08-18"), e: D("2020-08-19")},
            {id: "q", from: 0, to: 2, point: false, event: 2, start: null, end: null,
                s: D("2021-05-01"), e: D("2021-07-01")},
            {id: "r", from: 0, to: 2, point: false, event: null, start: "2021", end: null,
                s: D("2021-01-01"), e: null},
        ],
    };
    assert.equal(relationDates(ev, ev.relations[0]), "on 2020-08-18 (the dates of Coup)");
    assert.equal(relationDates(ev, ev.relations[1]), "2021-05 – 2021-06 (the dates of Talks)");
    assert.equal(relationDates(ev, ev.relations[2]), "since 2021");
    assert.deepEqual(entityTimeline(ev, 0).map((r) => [r.event, r.relation, r.written]), [
        ["on", 0, "2020-08-18"],
        ["begins", 2, "2021"],
        ["begins", 1, "2021-05"],
        ["ends", 1, "2021-06"],
    ]);
});
