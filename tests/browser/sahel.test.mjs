// The page of graphs/sahel.xml (`tkg export -f html`) in the browser, against `tkg query`: at every
// bound of every dated fact (the first day and the day before, the last day and the day after,
// partial dates and events included) the page shows what `tkg query --at` lists, dates set
// through the slider and through the URL fragment; windows as `--from/--to`; the relations that
// have ended, drawn faded. The rest of the page: sahel_ui.test.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
    expectClean,
    frames,
    launchBrowser,
    openViewer,
    setControl,
    setHash,
    setSlider,
    viewerState,
} from "./harness.mjs";
import {
    SOURCE_DIR,
    dayOf,
    daysCovered,
    exportHtml,
    isoOf,
    pageData,
    query,
    sorted,
    workDir,
} from "./tkg.mjs";
import { expectVisible, expectedView } from "./views.mjs";

const SAHEL = join(SOURCE_DIR, "graphs", "sahel.xml");
const dir = workDir("sahel");
const file = exportHtml(join(dir, "sahel.html"), [SAHEL]);
const data = pageData(file);
let browser;

before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/**
 * The days to look at, read from the TKG-XML itself: for every start (and point date) its
 * first day and the day before, for every end (and point date) its last day and the day after.
 * Returns [{day, why}] sorted, each day once.
 */
function boundaryDays(xml) {
    const days = new Map();
    const add = (day, why) => days.has(day) || days.set(day, why);
    for (const el of xml.matchAll(/<(relation|entity)\b([^>]*)>/g)) {
        for (const [, attr, text] of el[2].matchAll(/\b(start|end|date)="([^"]+)"/g)) {
            const [first, last] = daysCovered(text);
            const what = `${el[1]} ${attr}="${text}"`;
            if (attr !== "end") {
                add(first, `first day of ${what}`);
                add(first - 1, `day before ${what}`);
            }
            if (attr !== "start") {
                add(last, `last day of ${what}`);
                add(last + 1, `day after ${what}`);
            }
        }
    }
    return [...days].map(([day, why]) => ({ day, why })).sort((a, b) => a.day - b.day);
}

test("the data is the page's: a span, entities, relations with citations", () => {
    assert.equal(data.format, "tkg-timeline");
    assert.equal(data.version, 1);
    assert.ok(data.span && data.span.s < data.span.e, "a span");
    assert.ok(data.entities.length > 20 && data.relations.length > 60);
});

test("at every bound of every dated fact, the page shows what tkg query --at lists", async () => {
    const xml = readFileSync(SAHEL, "utf8");
    const { page, problems } = await openViewer(browser, file);
    const [min, max] = await page.$eval("#date-slider", (el) => [Number(el.min), Number(el.max)]);
    const all = boundaryDays(xml);
    const days = all.filter((d) => d.day >= min && d.day <= max);
    const partial = days.filter((d) => /"\d{4}(-\d\d)?"/.test(d.why));
    assert.ok(days.length >= 10, `at least 10 dates inside the slider's range, not ${days.length}`);
    assert.ok(partial.length >= 8, `boundaries of partial dates: ${partial.length}`);

    const seen = new Set();
    for (const [i, { day, why }] of days.entries()) {
        const date = isoOf(day);
        // Every other date through the slider, the others through the URL fragment.
        const how = i % 2 ? "the slider" : "the URL fragment";
        if (i % 2) await setSlider(page, day);
        else await setHash(page, `date=${date}`, (d) => window.tkgViewer.state().date === d, date);
        const state = await viewerState(page);
        assert.equal(state.date, date, `${date} set through ${how}`);
        assert.equal(state.day, day);
        assert.equal(state.mode, "date");
        const v = await expectVisible(
            page,
            expectedView([SAHEL], ["--at", date]),
            `${date} (${why}), set through ${how}`,
        );
        seen.add(JSON.stringify(v));
    }
    // Not one picture at every date: the dates chosen do change what is shown.
    assert.ok(
        seen.size >= days.length / 3,
        `${seen.size} different views over ${days.length} dates`,
    );
    expectClean(problems);
    await page.close();
});

test("relations that have ended are drawn faded when asked, as tkg query tells them", async () => {
    // Ended at D: in the view up to the day before (--to D-1), not in the view at D, both ends
    // shown at D, and not a point fact (an event: the page's data says which).
    const point = new Set(data.relations.filter((r) => r.point).map((r) => r.id));
    const { page, problems } = await openViewer(browser, file);
    await page.$eval("#show-ended", (el) => {
        el.checked = true;
        el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    let faded = 0;
    for (const date of ["2023-12-31", "2024-01-01", "2024-08-01", "2024-11-15", "2020-06-01"]) {
        await setSlider(page, dayOf(date));
        const at = query([SAHEL], ["--at", date]);
        const before_ = query([SAHEL], ["--to", isoOf(dayOf(date) - 1)]);
        const shown = new Set(at.entities);
        const now = new Set(at.relations.map((r) => r.id));
        const want = before_.relations
            .filter((r) => !now.has(r.id) && shown.has(r.from) && shown.has(r.to))
            .filter((r) => !point.has(r.id))
            .map((r) => r.id);
        const got = await page.evaluate(() => window.tkgViewer.ended());
        assert.deepEqual(sorted(got), sorted(want), `ended at ${date}`);
        faded += got.length;
    }
    assert.ok(faded > 0, "some relations have ended at these dates");
    await page.$eval("#show-ended", (el) => {
        el.checked = false;
        el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await frames(page);
    assert.deepEqual(
        await page.evaluate(() => window.tkgViewer.ended()),
        [],
        "none when not asked",
    );
    expectClean(problems);
    await page.close();
});

test("window mode shows what tkg query --from --to lists", async () => {
    const { page, problems } = await openViewer(browser, file);
    const windows = [
        ["2023-12-01", "2023-12-31"],
        ["2013-04-24", "2013-04-25"],
        ["2021-04-30", "2021-05-01"],
        ["2024-07-31", "2024-08-01"],
    ];
    for (const [i, [from, to]] of windows.entries()) {
        if (i % 2) {
            await setHash(
                page,
                `mode=window&from=${from}&to=${to}`,
                (f, t) => {
                    const s = window.tkgViewer.state();
                    return s.mode === "window" && s.from === f && s.to === t;
                },
                from,
                to,
            );
        } else {
            // In the order a user keeps from <= to in (the page swaps ends given the other way).
            await setControl(page, "#mode", "window");
            const later = from > (await viewerState(page)).to;
            await setControl(page, later ? "#window-to" : "#window-from", later ? to : from);
            await setControl(page, later ? "#window-from" : "#window-to", later ? from : to);
        }
        const s = await viewerState(page);
        assert.deepEqual([s.mode, s.from, s.to], ["window", from, to]);
        await expectVisible(
            page,
            expectedView([SAHEL], ["--from", from, "--to", to]),
            `${from}..${to}`,
        );
    }
    expectClean(problems);
    await page.close();
});
