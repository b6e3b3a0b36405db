// The page of graphs/sahel.xml in a browser without WebGL (Chromium with its 3D APIs turned
// off; headless Firefox, which has none): the page cannot draw its graph, and says so, and what
// to do, where the graph would be, instead of an error only a developer could read.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, openViewer, WAIT } from "./harness.mjs";
import { SOURCE_DIR, exportHtml, workDir } from "./tkg.mjs";

const SAHEL = join(SOURCE_DIR, "graphs", "sahel.xml");
const file = exportHtml(join(workDir("nowebgl"), "sahel.html"), [SAHEL]);
let browser;

before(async () => {
    browser = await launchBrowser({ webgl: false });
});
after(async () => {
    await browser?.close();
});

test("without WebGL the page says it needs WebGL, and nothing else goes wrong", async () => {
    const { page, problems } = await openViewer(browser, file, { ready: false });
    assert.equal(
        await page.evaluate(() => {
            const c = document.createElement("canvas");
            return Boolean(c.getContext("webgl2") || c.getContext("webgl"));
        }),
        false,
        "this browser has no WebGL",
    );
    const rejected = await page.evaluate(() =>
        window.tkgViewer.ready.then(
            () => null,
            (e) => String(e && e.message),
        ),
    );
    assert.ok(rejected, "tkgViewer.ready is rejected");
    await page.waitForSelector("#graph .error", { timeout: WAIT });
    const text = await page.$eval("#graph .error", (el) => el.textContent);
    assert.match(text, /^This page cannot show its graph: it is drawn with WebGL, which this browser/);
    assert.match(text, /hardware acceleration \(or WebGL\)/);
    assert.ok(!text.includes(rejected), `not the renderer's own error (${rejected})`);
    // The rejected promise is the page's one error; no request, console error or dialog.
    const others = problems.filter((p) => !p.startsWith("page error:"));
    assert.deepEqual(others, []);
    await page.close();
});
