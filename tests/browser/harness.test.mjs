// The harness itself, on pages written here: it must catch each thing it is there to catch
// (a request, a console error, an exception, a dialog, a javascript: link followed), else the
// page tests could pass on a page that does them; and the PNG decoder must read back the
// pixels a canvas drew.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, openViewer, expectClean } from "./harness.mjs";
import { decodePng, inkStats, pixelsChanged } from "./png.mjs";
import { workDir } from "./tkg.mjs";

const dir = workDir("harness");
let browser;

before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

function page(name, body) {
    const file = join(dir, `${name}.html`);
    writeFileSync(
        file,
        `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head>` +
            `<body style="margin:0;background:#fff">${body}` +
            `<script>window.tkgViewer = { ready: Promise.resolve() };</script></body></html>`,
    );
    return file;
}

// Each page does one forbidden thing; the harness must report it, and say what. The host is
// one that cannot exist (.invalid): nothing leaves the machine even if the harness fails.
// Chromium's interception names the kind of request, Firefox's proxy the method.
const hostile = {
    image: [`<img src="http://tkg.invalid/x.png">`, /request: \w+ http:\/\/tkg\.invalid\/x\.png/],
    fetch: [
        `<script>fetch("http://tkg.invalid/data").catch(() => {});</script>`,
        /request: \w+ http:\/\/tkg\.invalid\/data/,
    ],
    sibling: [`<link rel="stylesheet" href="style.css">`, /request: \w+ file:.*style\.css/],
    websocket: [
        `<script>try { new WebSocket("ws://tkg.invalid/"); } catch (e) {}</script>`,
        /websocket: ws:|request: CONNECT tkg\.invalid:80/,
    ],
    console: [`<script>console.error("boom");</script>`, /console error: boom/],
    exception: [
        `<script>setTimeout(() => { throw new Error("uncaught"); });</script>`,
        /page error: .*uncaught/,
    ],
    alert: [`<script>setTimeout(() => alert("hi"));</script>`, /dialog \(alert\): hi/],
};
// The sibling exists: a browser may record only the files it did read.
writeFileSync(join(dir, "style.css"), "body { color: #000; }\n");

for (const [name, [body, expected]] of Object.entries(hostile)) {
    test(`the harness catches: ${name}`, async () => {
        const { page: p, problems } = await openViewer(browser, page(name, body));
        await new Promise((r) => setTimeout(r, 150));
        assert.throws(() => expectClean(problems), expected, `caught: ${problems.join("; ")}`);
        await p.close();
    });
}

test("the harness catches a javascript: link that is clicked", async () => {
    const file = page("jslink", `<a id="l" href="javascript:alert(1)">link</a>`);
    const { page: p, problems } = await openViewer(browser, file);
    await p.click("#l");
    await new Promise((r) => setTimeout(r, 150));
    assert.throws(() => expectClean(problems), /dialog \(alert\): 1/);
    await p.close();
});

test("a clean page has no problem, and its screenshot decodes to what it drew", async () => {
    const file = page(
        "clean",
        `<canvas id="c" width="200" height="100"></canvas><script>
         const g = document.getElementById("c").getContext("2d");
         g.fillStyle = "#fff"; g.fillRect(0, 0, 200, 100);
         g.fillStyle = "rgb(200, 30, 60)"; g.fillRect(10, 20, 50, 40);
         g.fillStyle = "rgb(20, 90, 250)"; g.fillRect(120, 10, 30, 80);
         </script>`,
    );
    const { page: p, problems } = await openViewer(browser, file);
    const el = await p.$("#c");
    const png = decodePng(await el.screenshot({ type: "png" }));
    assert.equal(png.width, 200);
    assert.equal(png.height, 100);
    const at = (x, y) => Array.from(png.rgba.subarray((y * 200 + x) * 4, (y * 200 + x) * 4 + 3));
    assert.deepEqual(at(0, 0), [255, 255, 255]);
    assert.deepEqual(at(30, 40), [200, 30, 60]);
    assert.deepEqual(at(135, 50), [20, 90, 250]);
    const ink = inkStats(png);
    assert.deepEqual(ink.background, [255, 255, 255]);
    assert.equal(ink.ink, 50 * 40 + 30 * 80);
    // Blank it: the count drops to nothing, and the difference is every coloured pixel.
    await p.evaluate(() => {
        const c = document.getElementById("c").getContext("2d");
        c.fillStyle = "#fff";
        c.fillRect(0, 0, 200, 100);
    });
    const blank = decodePng(await el.screenshot({ type: "png" }));
    assert.equal(inkStats(blank).ink, 0);
    assert.equal(pixelsChanged(png, blank), 50 * 40 + 30 * 80);
    expectClean(problems);
    await p.close();
});
