import {test} from "node:test";
import assert from "node:assert/strict";
import {dayFromIso, isoFromDay, stepDay, spanBounds, clampDay, monthLength} from "../src/dates.js";

test("known day numbers", () => {
    assert.equal(dayFromIso("1970-01-01"), 0);
    assert.equal(dayFromIso("1969-12-31"), -1);
    assert.equal(dayFromIso("2000-01-01"), 10957);
    assert.equal(dayFromIso("2000-03-01"), 10957 + 31 + 29);
    assert.equal(dayFromIso("1900-03-01"), -25567 + 31 + 28);
    assert.equal(isoFromDay(-719162), "0001-01-01");
    assert.equal(isoFromDay(-719163), "0000-12-31");
});

test("day numbers agree with Date.UTC from year 1 to 9999", () => {
    for (let day = -719162; day < 2932897; day += 997) {
        const want = new Date(day * 86400000).toISOString().slice(0, 10);
        assert.equal(isoFromDay(day), want, `day ${day}`);
        assert.equal(dayFromIso(want), day, want);
    }
});

test("years outside 0000-9999 are signed and read back", () => {
    assert.equal(dayFromIso("10000-01-01"), null);
    assert.equal(isoFromDay(dayFromIso("+010000-01-01")), "+010000-01-01");
    const far = -719162 - 366 * 2;
    assert.match(isoFromDay(far), /^-000002-/);
    assert.equal(dayFromIso(isoFromDay(far)), far);
});

test("invalid dates are refused", () => {
    for (const bad of ["", "2023", "2023-04", "2023-02-29", "2024-13-01", "2024-00-10",
        "2024-04-31", "24-01-01", "2024-1-01", null, undefined, 20240101]) {
        assert.equal(dayFromIso(bad), null, String(bad));
    }
    assert.notEqual(dayFromIso("2024-02-29"), null);
    assert.equal(monthLength(1900, 2), 28);
    assert.equal(monthLength(2000, 2), 29);
});

test("steps by day, month and year, clamped to the span", () => {
    const bounds = spanBounds({s: dayFromIso("2012-01-01"), e: dayFromIso("2025-01-01")});
    assert.equal(isoFromDay(bounds.last), "2024-12-31");
    const d = dayFromIso("2020-01-31");
    assert.equal(isoFromDay(stepDay(d, "day", 1, bounds)), "2020-02-01");
    assert.equal(isoFromDay(stepDay(d, "day", -31, bounds)), "2019-12-31");
    assert.equal(isoFromDay(stepDay(d, "month", 1, bounds)), "2020-02-29");
    assert.equal(isoFromDay(stepDay(dayFromIso("2021-01-31"), "month", 1, bounds)), "2021-02-28");
    assert.equal(isoFromDay(stepDay(d, "month", -1, bounds)), "2019-12-31");
    assert.equal(isoFromDay(stepDay(dayFromIso("2020-02-29"), "year", 1, bounds)), "2021-02-28");
    assert.equal(isoFromDay(stepDay(d, "year", -1, bounds)), "2019-01-31");
    assert.equal(isoFromDay(stepDay(d, "year", 10, bounds)), "2024-12-31");
    assert.equal(isoFromDay(stepDay(d, "year", -10, bounds)), "2012-01-01");
    assert.equal(isoFromDay(stepDay(d, "month", 1, null)), "2020-02-29");
    assert.equal(clampDay(5, null), 5);
});

test("a span is usable only with two finite bounds, the end after the start", () => {
    assert.equal(spanBounds(null), null);
    assert.equal(spanBounds({s: 5, e: 5}), null);
    assert.equal(spanBounds({s: null, e: 5}), null);
    assert.deepEqual(spanBounds({s: 5, e: 6}), {first: 5, last: 5});
});
