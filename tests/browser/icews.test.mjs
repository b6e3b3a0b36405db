// The page of a real ICEWS sample (TKG_ICEWS_SAMPLE: a year of dated events between 2,760
// actors) in Chromium: at days with many events, the first and last days, and days without any,
// the page shows what `tkg query --at` lists; windows as `--from/--to`; ids with spaces and
// parentheses through the URL fragment. Should the page draw only the most central entities
// (its notice says so), it is compared with tkg query on those entities.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
    expectClean,
    launchBrowser,
    openViewer,
    setControl,
    setHash,
    setSlider,
    viewerState,
    visible,
    WAIT,
} from "./harness.mjs";
import { dayOf, exportHtml, isoOf, pageData, workDir } from "./tkg.mjs";
import { expectVisible, expectedView } from "./views.mjs";

const SAMPLE = process.env.TKG_ICEWS_SAMPLE;
const dir = workDir("icews");
const file = exportHtml(join(dir, "icews.html"), [SAMPLE]);
const data = pageData(file);
const kept = data.notice ? new Set(data.entities.map((e) => e.id)) : null;
// A smaller window than the default: thousands of nodes are drawn on the CPU (SwiftShader).
const viewport = { width: 960, height: 640 };
let browser;

before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/** Days from the quadruples: the first and last, the busiest, and their neighbours. */
function sampleDays() {
    const count = new Map();
    for (const line of readFileSync(SAMPLE, "utf8").split("\n")) {
        const date = line.split("\t")[3];
        if (date) count.set(date, (count.get(date) || 0) + 1);
    }
    const dates = [...count.keys()].sort();
    const busiest = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    const days = new Set();
    for (const d of [dates[0], dates[dates.length - 1], ...busiest.map(([d]) => d)]) {
        const day = dayOf(d);
        for (const x of [day - 1, day, day + 1]) days.add(x);
    }
    // A day without events, if the year has one.
    const quiet = dates.map(dayOf).find((d, i, all) => i > 0 && d - all[i - 1] > 1);
    if (quiet !== undefined) days.add(quiet - 1);
    return [...days].sort((a, b) => a - b);
}

test("the page holds the sample, or its most central entities with a notice", async () => {
    const all = expectedView([SAMPLE], []);
    const { page, problems } = await openViewer(browser, file, { viewport });
    if (kept) {
        assert.ok(kept.size < all.entities.length, "a cut keeps fewer entities");
        const notice = await page.$eval("#notice", (el) => ({
            text: el.textContent,
            shown: el.offsetParent !== null && !el.hidden,
        }));
        assert.ok(notice.shown, "#notice is shown");
        assert.ok(notice.text.includes(data.notice), `#notice says ${JSON.stringify(data.notice)}`);
    } else {
        assert.equal(data.entities.length, all.entities.length);
        assert.equal(data.relations.length, all.relations.length);
    }
    expectClean(problems);
    await page.close();
});

test("at each day the page shows what tkg query --at lists", async () => {
    const { page, problems } = await openViewer(browser, file, { viewport });
    const [min, max] = await page.$eval("#date-slider", (el) => [Number(el.min), Number(el.max)]);
    const days = sampleDays().filter((d) => d >= min && d <= max);
    assert.ok(days.length >= 10, `at least 10 days inside the slider's range: ${days.length}`);
    let events = 0;
    for (const [i, day] of days.entries()) {
        const date = isoOf(day);
        if (i % 2) await setSlider(page, day);
        else await setHash(page, `date=${date}`, (d) => window.tkgViewer.state().date === d, date);
        const want = expectedView([SAMPLE], ["--at", date], kept);
        await expectVisible(page, want, `${date} (${i % 2 ? "slider" : "fragment"})`);
        events += want.relations.length;
    }
    assert.ok(events > 50, `the days chosen show events: ${events}`);
    expectClean(problems);
    await page.close();
});

test("window mode shows what tkg query --from --to lists", async () => {
    const { page, problems } = await openViewer(browser, file, { viewport });
    await setControl(page, "#mode", "window");
    for (const [from, to] of [
        ["2014-11-20", "2014-11-22"],
        ["2014-01-01", "2014-01-01"],
        ["2014-06-30", "2014-07-06"],
    ]) {
        // In the order a user keeps from <= to in (the page swaps ends given the other way).
        const later = from > (await viewerState(page)).to;
        await setControl(page, later ? "#window-to" : "#window-from", later ? to : from);
        await setControl(page, later ? "#window-from" : "#window-to", later ? from : to);
        const s = await viewerState(page);
        assert.deepEqual([s.mode, s.from, s.to], ["window", from, to]);
        await expectVisible(
            page,
            expectedView([SAMPLE], ["--from", from, "--to", to], kept),
            `${from}..${to}`,
        );
    }
    expectClean(problems);
    await page.close();
});

test("an id with spaces and parentheses goes through the URL fragment", async () => {
    const id = data.entities.map((e) => e.id).find((x) => / \(.*\)/.test(x));
    assert.ok(id, "an entity id with spaces and parentheses");
    const { page, problems } = await openViewer(browser, file, {
        hash: "date=2014-11-21",
        viewport,
    });
    await page.evaluate((k) => window.tkgViewer.select(k), `e:${id}`);
    await page.waitForFunction(() => location.hash.includes("sel="), { timeout: WAIT });
    const hash = (await page.evaluate(() => location.hash)).slice(1);
    const state = await viewerState(page);
    const shown = await visible(page);
    await page.close();
    const again = await openViewer(browser, file, { hash, viewport });
    assert.deepEqual(await viewerState(again.page), state);
    assert.equal(state.selection, `e:${id}`);
    assert.deepEqual(await visible(again.page), shown);
    expectClean(problems);
    expectClean(again.problems, "the reopened page");
    await again.page.close();
});
