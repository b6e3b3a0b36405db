// Hostile text in the page: labels, names, titles and quotes made of markup must show as the
// very characters they are, never as markup, and nothing may run. A javascript: source URL is
// refused by tkg itself; the page must still show one as text, not as a link, should its data
// ever hold one (written here into a copy of the page's data).

import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { expectClean, frames, launchBrowser, openViewer, WAIT } from "./harness.mjs";
import { exportHtml, pageData, rewritePage, tkg, workDir } from "./tkg.mjs";

const dir = workDir("hostile");
const SCRIPT = "</script><script>alert(1)</script>";
const TEXT = {
    label: SCRIPT,
    name: "<img src=x onerror=alert(2)>",
    alias: "<!-- --><b>bold</b>&amp;\u2028line",
    other: "Bamako & <Co> \u2029 </SCRIPT >",
    title: '"><svg onload=alert(3)>',
    publisher: "<iframe src=javascript:alert(4)>",
    quote: "</script><script>alert(5)</script> & <a href=javascript:alert(6)>x</a>",
};
const JS_URL = "javascript:alert(1)";

function xmlAttr(s) {
    return s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/\u2028/g, "&#x2028;")
        .replace(/\u2029/g, "&#x2029;");
}

function graph(url) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<tkg xmlns="urn:tkg:1">
  <source id="s1" title="${xmlAttr(TEXT.title)}" publisher="${xmlAttr(TEXT.publisher)}"
          url="${xmlAttr(url)}" published="2024-01-02" lang="fr"/>
  <entity id="evil" kind="state" label="${xmlAttr(TEXT.label)}">
    <name lang="fr">${xmlAttr(TEXT.name)}</name>
    <alias lang="fr">${xmlAttr(TEXT.alias)}</alias>
  </entity>
  <entity id="other" kind="state" label="${xmlAttr(TEXT.other)}"/>
  <relation id="r-evil" kind="allied_with" from="evil" to="other" start="2020" end="2023-06">
    <cite source="s1">${xmlAttr(TEXT.quote)}</cite>
  </relation>
</tkg>
`;
}

const input = join(dir, "hostile.xml");
writeFileSync(input, graph("https://example.org/a?b=1&c=2"));
const file = exportHtml(join(dir, "hostile.html"), [input]);
const data = pageData(file);
const si = data.sources.findIndex((s) => s.id === "s1");
data.sources[si].url = JS_URL;
const jsFile = rewritePage(file, join(dir, "hostile-js.html"), data);
let browser;

before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

test("tkg refuses a javascript: source URL, with its position, and writes nothing", () => {
    const bad = join(dir, "javascript-url.xml");
    const out = join(dir, "javascript-url.html");
    writeFileSync(bad, graph(JS_URL));
    const e = tkg(["export", "-f", "html", "-o", out, bad], { allowFail: true });
    assert.equal(e.status, 1, `exit status 1, not ${e.status}`);
    assert.match(
        String(e.stderr),
        new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:\\d+: error: .*javascript`),
    );
    assert.equal(existsSync(out), false, "no output file");
});

test("the page's file holds the hostile text only escaped, and its data as it was", () => {
    const html = readFileSync(file, "utf8");
    for (const s of [SCRIPT, "<img src=x", "<svg onload", "<iframe", "\u2028", "\u2029"]) {
        assert.equal(html.includes(s), false, `${JSON.stringify(s)} appears raw in the page`);
    }
    const evil = data.entities.find((e) => e.id === "evil");
    assert.equal(evil.label, TEXT.label);
    const names = evil.names.map((n) => n.text);
    for (const k of ["name", "alias"])
        assert.ok(names.includes(TEXT[k]), `the ${k} among ${names}`);
    assert.equal(data.entities.find((e) => e.id === "other").label, TEXT.other);
    assert.equal(data.relations[0].citations[0].quote, TEXT.quote);
    assert.equal(data.sources[si].title, TEXT.title);
});

test("labels and names show as text, found by the search, and nothing runs", async () => {
    const { page, problems } = await openViewer(browser, jsFile, { hash: "date=2021-01-01" });
    const scripts = await page.$$eval("script", (s) => s.length);
    await page.click("#search");
    await page.keyboard.type("script");
    const button = await page.waitForFunction(
        (label) =>
            [...document.querySelectorAll("#search-results button")].find(
                (b) => b.textContent.trim() === label,
            ),
        { timeout: WAIT },
        TEXT.label,
    );
    await button.click();
    await page.waitForFunction(() => window.tkgViewer.state().selection === "e:evil", {
        timeout: WAIT,
    });
    await frames(page);
    const details = await page.$eval("#details", (el) => el.textContent);
    for (const k of ["label", "name"])
        assert.ok(details.includes(TEXT[k]), `the ${k} as text in #details`);
    const injected = await page.evaluate(() => ({
        img: document.querySelectorAll("img[src=x], svg[onload], iframe, b").length,
        scripts: document.querySelectorAll("script").length,
    }));
    assert.deepEqual(injected, { img: 0, scripts }, "no element made of the data");
    expectClean(problems);
    await page.close();
});

test("a javascript: URL is shown as text, is no link, and clicking it runs nothing", async () => {
    const { page, problems } = await openViewer(browser, jsFile, { hash: "date=2021-01-01" });
    const address = () => page.evaluate(() => location.origin + location.pathname);
    const before_ = await address();
    await page.evaluate(() => window.tkgViewer.select("r:r-evil"));
    await frames(page);
    const details = await page.$eval("#details", (el) => el.textContent);
    for (const k of ["quote", "title", "publisher"])
        assert.ok(details.includes(TEXT[k]), `the ${k} as text`);
    assert.ok(details.includes(JS_URL), "the URL shown as text");
    const links = await page.$$eval("a", (as) => as.map((a) => a.getAttribute("href") || ""));
    assert.deepEqual(
        links.filter((h) => !/^https?:/i.test(h) && !h.startsWith("#")),
        [],
        "links",
    );
    // Click the URL's text, wherever the page put it.
    const where = await page.evaluate((url) => {
        const walk = document.createTreeWalker(
            document.getElementById("details"),
            NodeFilter.SHOW_TEXT,
        );
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const i = n.data.indexOf(url);
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + url.length);
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width };
        }
        return null;
    }, JS_URL);
    assert.ok(where && where.w > 0, "the URL's text is on screen");
    await page.mouse.click(where.x, where.y);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await address(), before_, "still on the page");
    assert.ok(await page.evaluate(() => Boolean(window.tkgViewer)), "the same document");
    expectClean(problems);
    await page.close();
});
