// The page of graphs/sahel.xml (`tkg export -f html`) in the browser, as a user works it:
// provenance at a click on an edge, links, search, accessible names, the keyboard, play and
// pause, links that reopen the same view, a screenshot that is not blank, a small window. The
// page against `tkg query` at every date: sahel.test.mjs.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
    BROWSER,
    WAIT,
    expectClean,
    frames,
    launchBrowser,
    openViewer,
    setControl,
    setSlider,
    viewerState,
    visible,
} from "./harness.mjs";
import { decodePng, inkStats, pixelsChanged } from "./png.mjs";
import { SOURCE_DIR, dayOf, exportHtml, isoOf, pageData, workDir } from "./tkg.mjs";
import { expectVisible, expectedView } from "./views.mjs";

const SAHEL = join(SOURCE_DIR, "graphs", "sahel.xml");
const dir = workDir("sahel-ui");
const file = exportHtml(join(dir, "sahel.html"), [SAHEL]);
const data = pageData(file);
let browser;

before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
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
 * Clicks once with the mouse at (x, y), as a user does, and returns the page's selection then.
 * Waits out the double-click delay first (two clicks in a row zoom).
 */
async function clickAt(page, { x, y }) {
    await new Promise((r) => setTimeout(r, 400));
    await page.mouse.move(x, y);
    await frames(page);
    await page.mouse.click(x, y);
    await frames(page);
    return (await viewerState(page)).selection;
}

/** The distance from P to the segment A-B (screen pixels). */
function segmentDistance(p, a, b) {
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
    return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
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
    // Exactly at the midpoint screenPosition gives, once: the page's hit tolerance (hit.js) is
    // what makes a line one or two pixels wide easy to click.
    assert.equal(await clickAt(page, target), `r:${target.id}`, `a click on ${target.id} selects it`);
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

test("a click exactly on an edge's midpoint selects it; a few pixels aside too, farther not", async () => {
    const date = "2023-07-15";
    const { page, problems } = await openViewer(browser, file, { hash: `date=${date}` });
    const v = await visible(page);
    const pos = (k) => page.evaluate((key) => window.tkgViewer.screenPosition(key), k);
    const at = new Map();
    for (const id of v.entities) at.set(id, await pos(`e:${id}`));
    const byId = new Map(data.relations.map((r) => [r.id, r]));
    const segments = v.relations.map((id) => {
        const r = byId.get(id);
        const a = at.get(data.entities[r.from].id), b = at.get(data.entities[r.to].id);
        return { id, a, b, m: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
    });
    // Room around a point: to the nearest node centre (a node is drawn up to 18 px wide and is
    // hit first) and to the nearest other drawn edge (one on the same line has no room at all).
    const nodeRoom = (p) => Math.min(...[...at.values()].map((n) => Math.hypot(n.x - p.x, n.y - p.y)));
    const edgeRoom = (p, self) =>
        Math.min(Infinity, ...segments.filter((s) => s !== self).map((s) => segmentDistance(p, s.a, s.b)));
    const clear = segments.filter((s) => nodeRoom(s.m) >= 25 && edgeRoom(s.m, s) >= 8);
    assert.ok(clear.length >= 5, `edges clear of nodes and other edges at ${date}: ${clear.length}`);
    for (const s of clear) {
        assert.equal(await clickAt(page, s.m), `r:${s.id}`, `a click at the midpoint of ${s.id}`);
    }
    // Across the line: 3 px aside is on it (the tolerance), 10 px aside on nothing.
    let aside = 0;
    for (const s of clear) {
        const len = Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
        const [nx, ny] = [-(s.b.y - s.a.y) / len, (s.b.x - s.a.x) / len];
        const near = { x: s.m.x + 3 * nx, y: s.m.y + 3 * ny };
        const far = { x: s.m.x - 10 * nx, y: s.m.y - 10 * ny };
        if (edgeRoom(near, s) < 9 || nodeRoom(far) < 25 || edgeRoom(far, null) < 9) continue;
        assert.equal(await clickAt(page, near), `r:${s.id}`, `3 px aside ${s.id}`);
        assert.equal(await clickAt(page, far), null, `10 px aside ${s.id}`);
        if (++aside === 3) break;
    }
    assert.ok(aside > 0, "an edge with room on both sides");
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

// puppeteer reads the accessibility tree through the DevTools protocol, which Firefox has not.
const noTree = BROWSER === "firefox" && "puppeteer has no accessibility tree of Firefox";
test("every control has an accessible name", { skip: noTree }, async () => {
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

test("stepping day by day draws what a fresh page draws at that date", async () => {
    // A step redraws only what changed (viewer/src/incremental.js, sigma's partial refresh):
    // after 30 steps of a day the picture is the one a page opened at that date draws at once,
    // with no selection and with the most connected entity selected.
    const degree = data.entities.map(() => 0);
    for (const r of data.relations) degree[r.from]++, degree[r.to]++;
    const hub = data.entities[degree.indexOf(Math.max(...degree))].id;
    const { page, problems } = await openViewer(browser, file, { hash: "date=2010-01-01" });
    const capture = async (p) => {
        await frames(p);
        const clip = await p.$eval("#graph", (el) => {
            const r = el.getBoundingClientRect();
            return { x: r.left, y: r.top, width: r.width, height: r.height };
        });
        return decodePng(await p.screenshot({ type: "png", clip, captureBeyondViewport: false }));
    };
    for (const sel of [null, `e:${hub}`]) {
        await page.evaluate((s) => window.tkgViewer.select(s), sel);
        for (const date of ["2013-04-25", "2024-01-01"]) {
            for (let day = dayOf(date) - 30; day <= dayOf(date); day++) {
                await page.evaluate((iso) => window.tkgViewer.setDate(iso), isoOf(day));
            }
            const stepped = await capture(page);
            const hash = `date=${date}` + (sel ? `&sel=${encodeURIComponent(sel)}` : "");
            const fresh = await openViewer(browser, file, { hash });
            const direct = await capture(fresh.page);
            assert.equal(pixelsChanged(stepped, direct), 0, `${date}, selection ${sel}`);
            expectClean(fresh.problems);
            await fresh.page.close();
        }
    }
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
