// The page of graphs/sahel.xml (`tkg export -f html`) in Chromium: at every bound of every
// dated fact (the first day and the day before, the last day and the day after, partial dates
// and events included) the page shows what `tkg query --at` lists, dates set through the slider
// and through the URL fragment; windows as `--from/--to`; provenance at a click; search; the
// keyboard; links that reopen the same view; a screenshot that is not blank.

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
    visible,
    WAIT,
} from "./harness.mjs";
import { decodePng, inkStats, pixelsChanged } from "./png.mjs";
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

/** The visible relation whose edge midpoint is farthest from every node and other midpoint. */
async function clearRelation(page, candidates) {
    const v = await visible(page);
    const box = await page.$eval("#graph", (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    const pos = (id) => page.evaluate((k) => window.tkgViewer.screenPosition(k), id);
    const nodes = await Promise.all(v.entities.map((id) => pos(`e:${id}`)));
    const mids = new Map();
    for (const id of v.relations) mids.set(id, await pos(`r:${id}`));
    let best = null;
    for (const id of candidates) {
        const p = mids.get(id);
        if (!p) continue;
        if (
            p.x < box.x + 10 ||
            p.y < box.y + 10 ||
            p.x > box.x + box.w - 10 ||
            p.y > box.y + box.h - 10
        )
            continue;
        let room = Infinity;
        for (const n of nodes) room = Math.min(room, Math.hypot(n.x - p.x, n.y - p.y));
        for (const [other, q] of mids)
            if (other !== id) room = Math.min(room, Math.hypot(q.x - p.x, q.y - p.y));
        if (!best || room > best.room) best = { id, ...p, room };
    }
    return best;
}

/**
 * Clicks REL's edge with the mouse, as a user does: at its midpoint, else a pixel or two to
 * either side of it (an edge is a line one or two pixels wide, and screenPosition's midpoint is
 * within a pixel of it). Waits out the double-click delay between tries (a double click
 * zooms). Returns whether the page then has REL selected.
 */
async function clickEdge(page, rel) {
    const pos = (k) => page.evaluate((key) => window.tkgViewer.screenPosition(key), k);
    const a = await pos(`e:${data.entities[rel.from].id}`);
    const b = await pos(`e:${data.entities[rel.to].id}`);
    const m = await pos(`r:${rel.id}`);
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const [nx, ny] = [-(b.y - a.y) / len, (b.x - a.x) / len];
    for (const off of [0, 1, -1, 2, -2]) {
        const [x, y] = [m.x + nx * off, m.y + ny * off];
        await page.mouse.move(x, y);
        await frames(page);
        await page.mouse.click(x, y);
        await frames(page);
        if ((await viewerState(page)).selection === `r:${rel.id}`) return true;
        await new Promise((r) => setTimeout(r, 500));
    }
    return false;
}

test("a click on a relation shows its kind, dates and quotes, with the source", async () => {
    const date = "2023-07-15";
    const { page, problems } = await openViewer(browser, file, { hash: `date=${date}` });
    const byId = new Map(data.relations.map((r) => [r.id, r]));
    const quoted = (await visible(page)).relations.filter((id) =>
        byId.get(id)?.citations.some((c) => c.quote),
    );
    assert.ok(quoted.length > 3, `relations with quotes at ${date}`);
    const target = await clearRelation(page, quoted);
    assert.ok(
        target && target.room >= 12,
        `an edge clear of nodes and other edges: ${JSON.stringify(target)}`,
    );
    assert.ok(await clickEdge(page, byId.get(target.id)), `a click on ${target.id} selects it`);
    await frames(page);
    const details = await page.$eval("#details", (el) => el.textContent);
    const rel = byId.get(target.id);
    for (const c of rel.citations) {
        if (c.quote)
            assert.ok(
                details.includes(c.quote),
                `the quote ${JSON.stringify(c.quote)} in #details`,
            );
        assert.ok(details.includes(data.sources[c.source].title), "the source's title");
    }
    for (const written of [rel.start, rel.end]) {
        if (written) assert.ok(details.includes(written), `the date as written, ${written}`);
    }
    assert.match(
        await page.evaluate(() => location.hash),
        new RegExp(`sel=r(:|%3A)${encodeURIComponent(target.id)}`),
    );
    expectClean(problems);
    await page.close();
});

test("a source's web address is a link in the details, opened in no other way", async () => {
    const si = data.sources.findIndex((s) => s.url && s.url.startsWith("https://"));
    assert.ok(si >= 0, "sahel.xml has a source with a web address");
    const rel = data.relations.find((r) => r.citations.some((c) => c.source === si));
    const { page, problems } = await openViewer(browser, file);
    await page.evaluate((id) => window.tkgViewer.select(id), `r:${rel.id}`);
    await frames(page);
    const hrefs = await page.$$eval("#details a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.includes(data.sources[si].url), `a link to ${data.sources[si].url}: ${hrefs}`);
    expectClean(problems);
    await page.close();
});

test('typing "cedeao" finds Cédéao, and choosing it selects it', async () => {
    const { page, problems } = await openViewer(browser, file);
    // By another of its names, too: its English name.
    await page.click("#search");
    await page.keyboard.type("ecowas");
    await page.waitForFunction(
        () =>
            [...document.querySelectorAll("#search-results button")].some(
                (b) => b.textContent.trim() === "Cédéao",
            ),
        { timeout: WAIT },
    );
    await page.$eval("#search", (el) => {
        el.value = "";
        el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.click("#search");
    await page.keyboard.type("cedeao");
    const button = await page.waitForFunction(
        () =>
            [...document.querySelectorAll("#search-results button")].find(
                (b) => b.textContent.trim() === "Cédéao",
            ),
        { timeout: WAIT },
    );
    await button.click();
    await page.waitForFunction(() => window.tkgViewer.state().selection === "e:ecowas", {
        timeout: WAIT,
    });
    const details = await page.$eval("#details", (el) => el.textContent);
    for (const name of ["Cédéao", "ECOWAS", "CEDEAO"])
        assert.ok(details.includes(name), `${name} in #details`);
    expectClean(problems);
    await page.close();
});

test("every control has an accessible name", async () => {
    const { page, problems } = await openViewer(browser, file);
    const controls = ["date-slider", "step", "play", "speed", "mode", "window-from", "window-to"];
    controls.push("show-ended", "search", "measure");
    // The window's ends are shown (and so in the accessibility tree) in window mode.
    await setControl(page, "#mode", "window");
    for (const id of controls) {
        const el = await page.$(`#${id}`);
        assert.ok(el, `#${id} exists`);
        const node = await page.accessibility.snapshot({ root: el, interestingOnly: false });
        assert.ok(node && node.name && node.name.trim(), `#${id} has an accessible name`);
    }
    expectClean(problems);
    await page.close();
});

test("keyboard: arrows step the date by the step unit, / focuses the search", async () => {
    const { page, problems } = await openViewer(browser, file, { hash: "date=2023-06-15" });
    const blur = () => page.evaluate(() => document.activeElement?.blur());
    await setControl(page, "#step", "day");
    await blur();
    const day = dayOf("2023-06-15");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(
        (d) => window.tkgViewer.state().day === d,
        { timeout: WAIT },
        day + 1,
    );
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(
        (d) => window.tkgViewer.state().day === d,
        { timeout: WAIT },
        day - 1,
    );
    await expectVisible(
        page,
        expectedView([SAHEL], ["--at", "2023-06-14"]),
        "2023-06-14 by the keyboard",
    );
    await setControl(page, "#step", "year");
    await blur();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => window.tkgViewer.state().date.startsWith("2024-"), {
        timeout: WAIT,
    });
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "search");
    assert.equal(
        await page.$eval("#search", (el) => el.value),
        "",
        "the / is not typed into the box",
    );
    expectClean(problems);
    await page.close();
});

test("play advances the date by the step, pause stops it", async () => {
    const { page, problems } = await openViewer(browser, file, { hash: "date=2020-01-01" });
    await setControl(page, "#step", "month");
    await page.click("#play");
    assert.equal(await page.$eval("#play", (el) => el.getAttribute("aria-pressed")), "true");
    await page.waitForFunction(() => window.tkgViewer.state().date >= "2020-03-01", {
        timeout: WAIT,
    });
    await page.click("#play");
    assert.equal(await page.$eval("#play", (el) => el.getAttribute("aria-pressed")), "false");
    const stopped = (await viewerState(page)).date;
    assert.match(stopped, /^20\d\d-\d\d-01$/, "month steps from the first of a month");
    // Longer than a step at the default speed takes.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await viewerState(page)).date, stopped, "paused");
    expectClean(problems);
    await page.close();
});

test("the URL fragment reopens the same view: date, selection, measure", async () => {
    const { page, problems } = await openViewer(browser, file);
    await setSlider(page, dayOf("2023-12-31"));
    await page.evaluate(() => window.tkgViewer.select("e:mali"));
    const measures = await page.$$eval("#measure option", (os) => os.map((o) => o.value));
    const measure = measures.find((m) => m !== data.centrality?.default);
    assert.ok(measure, `a measure other than the default among ${measures}`);
    await setControl(page, "#measure", measure);
    await page.waitForFunction(
        (m) => location.hash.includes("date=2023-12-31") && location.hash.includes(`measure=${m}`),
        { timeout: WAIT },
        measure,
    );
    const hash = (await page.evaluate(() => location.hash)).slice(1);
    const before_ = await viewerState(page);
    const shown = await visible(page);
    assert.deepEqual(
        [before_.date, before_.selection, before_.measure],
        ["2023-12-31", "e:mali", measure],
    );
    await page.close();

    const again = await openViewer(browser, file, { hash });
    assert.deepEqual(await viewerState(again.page), before_, `the state from #${hash}`);
    assert.deepEqual(await visible(again.page), shown);
    assert.equal(await again.page.$eval("#measure", (el) => el.value), measure);
    expectClean(problems);
    expectClean(again.problems, "the reopened page");
    await again.page.close();
});

test("a screenshot is not blank, and another date draws another picture", async () => {
    const { page, problems } = await openViewer(browser, file, { hash: "date=2023-06-01" });
    // The graph's box, from the page as it is: no resizing for the capture.
    const clip = await page.$eval("#graph", (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    const capture = async () =>
        decodePng(await page.screenshot({ type: "png", clip, captureBeyondViewport: false }));
    const shot = await capture();
    const ink = inkStats(shot);
    const n = (await visible(page)).entities.length;
    assert.ok(n > 10, `${n} entities shown`);
    assert.ok(
        ink.ink >= 30 * n,
        `drawn pixels: ${ink.ink} of ${ink.pixels} (${ink.colours} colours)`,
    );
    await setSlider(page, dayOf("2013-04-25"));
    const other = await capture();
    assert.ok(pixelsChanged(shot, other) > 500, "2013-04-25 looks different from 2023-06-01");
    expectClean(problems);
    await page.close();
});

test("a small window: the page shows its graph, and resizing to it and back raises nothing", async () => {
    // A phone held sideways, or the page in a small frame: below 820 px wide the panel goes
    // under the graph, which must keep some height.
    const small = { width: 700, height: 300 };
    const { page, problems } = await openViewer(browser, file, { viewport: small });
    const height = await page.$eval("#graph", (el) => el.getBoundingClientRect().height);
    assert.ok(height > 0, `#graph has a height: ${height}`);
    await page.setViewport({ width: 1280, height: 800 });
    await frames(page);
    await page.setViewport({ width: 640, height: 240 });
    await frames(page);
    await setSlider(page, dayOf("2023-06-01"));
    await expectVisible(page, expectedView([SAHEL], ["--at", "2023-06-01"]), "in a small window");
    expectClean(problems);
    await page.close();
});
