// The browser side of the tests: Debian's Chromium (or Firefox ESR: TKG_BROWSER=firefox) driven
// through puppeteer-core (which never downloads a browser), one page of `tkg export -f html`
// opened from file://, and everything that must not happen on it recorded as a problem: a
// request for anything but the page's own file and data: or blob: URLs (the page is
// self-contained: no network request of any kind), a WebSocket, a console error, an uncaught
// exception, a dialog (alert, confirm, prompt), a new window.

import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { proxyPrefs, startProxy, watchResources } from "./firefox_watch.mjs";
import { startXvfb } from "./xvfb.mjs";

// How long to wait for the page to do something before failing: long, since ctest runs the
// browser tests beside others on two cores and WebGL is drawn on the CPU; a page that works
// answers in well under a second.
export const WAIT = 20000;

// TKG_BROWSER chooses the browser: "chromium" (the default) or "firefox". CHROMIUM and FIREFOX
// override where they are (default: Debian's chromium and firefox-esr packages).
export const BROWSER = process.env.TKG_BROWSER || "chromium";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
if (BROWSER !== "chromium" && BROWSER !== "firefox") {
    throw new Error(`TKG_BROWSER is "${BROWSER}": chromium or firefox`);
}

/**
 * One browser for a test file (share it: starting one takes a second or two). With
 * `{webgl: false}`, one without WebGL (as on a machine whose browser offers none).
 */
export async function launchBrowser({ webgl = true } = {}) {
    if (BROWSER === "firefox") return launchFirefox(webgl);
    return launchChromium(webgl);
}

async function launchChromium(webgl) {
    const args = [
        // WebGL (sigma.js draws with it) on SwiftShader, the CPU renderer, asked for
        // explicitly: Chromium warns on the console when it falls back to it by itself.
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--no-first-run",
        "--hide-scrollbars",
        "--font-render-hinting=none",
    ];
    if (!webgl) args.push("--disable-3d-apis");
    // Chromium's sandbox refuses to run as root (CI runs as root).
    if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
    return puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        args,
        defaultViewport: { width: 1280, height: 800 },
    });
}

// Firefox through WebDriver BiDi. Headless Firefox has no WebGL at all (Mozilla's bug 1375585:
// "Exhausted GL driver options" whatever the preferences), so it runs with a window on a
// virtual X display of its own (xvfb.mjs), where its WebGL draws on Mesa's CPU renderer
// (llvmpipe). Without WEBGL: headless, and WebGL turned off besides.
async function launchFirefox(webgl) {
    const xvfb = webgl ? await startXvfb() : null;
    const proxy = await startProxy((problem) => {
        for (const problems of firefoxPages) problems.push(problem);
    });
    const env = { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" };
    if (xvfb) env.DISPLAY = xvfb.display;
    let browser;
    try {
        browser = await puppeteer.launch({
            browser: "firefox",
            executablePath: FIREFOX,
            headless: !webgl,
            defaultViewport: { width: 1280, height: 800 },
            // MOZ_REMOTE_SETTINGS_DEVTOOLS lets Firefox take services.settings.server from
            // its preferences (proxyPrefs).
            env,
            extraPrefsFirefox: {
                ...proxyPrefs(proxy.port),
                // Mesa's CPU renderer is on Firefox's list of drivers it will not use for
                // WebGL unless told to.
                "webgl.force-enabled": webgl,
                "webgl.disabled": !webgl,
            },
        });
    } catch (error) {
        await proxy.close();
        xvfb?.stop();
        throw error;
    }
    browser.once("disconnected", () => {
        proxy.close();
        xvfb?.stop();
    });
    return browser;
}

// The problem lists of the Firefox pages open now: what the proxy records goes to each.
const firefoxPages = new Set();

// data: and blob: URLs are read from memory, not fetched: Chromium's own controls use them
// (the calendar icon of <input type=date> is a data: image).
function local(url) {
    return url.startsWith("data:") || url.startsWith("blob:");
}

function withoutHash(url) {
    const i = url.indexOf("#");
    return i < 0 ? url : url.slice(0, i);
}

/**
 * Opens FILE (a path) with an optional fragment (without '#') in a new page of BROWSER and
 * waits for `window.tkgViewer.ready` (not with `{ready: false}`). Returns {page, url,
 * problems}: `problems` collects, from before the first byte is loaded, every request, console
 * error, page error, dialog and popup that should not happen; `expectClean(problems)` fails a
 * test on any of them.
 */
export async function openViewer(browser, file, { hash = "", viewport, ready = true } = {}) {
    const page = await browser.newPage();
    if (viewport) await page.setViewport(viewport);
    const url = pathToFileURL(file).href;
    const problems = [];

    if (BROWSER === "firefox") await watchFirefox(page, url, problems);
    else await interceptChromium(page, url, problems);
    page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message || err}`));
    page.on("dialog", async (dialog) => {
        problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
        await dialog.dismiss();
    });
    page.on("popup", (p) => problems.push(`popup: ${p ? p.url() : "?"}`));

    await page.goto(hash ? `${url}#${hash}` : url, { waitUntil: "load" });
    if (ready) await waitReady(page);
    return { page, url, problems };
}

/** Chromium: request interception, and the DevTools protocol's network events. */
async function interceptChromium(page, url, problems) {
    await page.setRequestInterception(true);
    page.on("request", (req) => {
        if (
            (withoutHash(req.url()) === url && req.resourceType() === "document") ||
            local(req.url())
        ) {
            req.continue();
            return;
        }
        problems.push(`request: ${req.resourceType()} ${req.url().slice(0, 200)}`);
        req.abort("blockedbyclient");
    });
    // Requests the interception may not see (WebSockets, requests of workers) through the
    // DevTools protocol's own network events.
    const cdp = await page.createCDPSession();
    await cdp.send("Network.enable");
    cdp.on("Network.webSocketCreated", (e) => problems.push(`websocket: ${e.url}`));
    cdp.on("Network.requestWillBeSent", (e) => {
        if (withoutHash(e.request.url) !== url && !local(e.request.url))
            problems.push(`network: ${e.request.url.slice(0, 200)}`);
    });
}

/** Firefox: the proxy (launchFirefox) and the page's own record of what it loads. */
async function watchFirefox(page, url, problems) {
    firefoxPages.add(problems);
    page.once("close", () => firefoxPages.delete(problems));
    await page.exposeFunction("__tkgResource", (what) => {
        const target = what.slice(what.indexOf(" ") + 1);
        if (withoutHash(target) !== url && !local(target)) {
            problems.push(`request: ${what.slice(0, 200)}`);
        }
    });
    await page.evaluateOnNewDocument(watchResources, "__tkgResource");
}

/** Waits for `window.tkgViewer.ready` (the page's first render). */
export async function waitReady(page) {
    // A boolean: a promise returned to waitForFunction would be awaited, not tested.
    await page.waitForFunction(() => Boolean(window.tkgViewer && window.tkgViewer.ready), {
        timeout: WAIT,
    });
    await page.evaluate(() => window.tkgViewer.ready.then(() => true));
}

/** Resolves after two animation frames: what a state change drew is on screen. */
export async function frames(page) {
    await page.evaluate(
        () =>
            new Promise((resolve) =>
                requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))),
            ),
    );
}

/** Throws when PROBLEMS holds anything, listing all of it. */
export function expectClean(problems, what = "the page") {
    if (problems.length) {
        throw new Error(`${what}: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    }
}

/**
 * Sets `#date-slider` to DAY as a user's drag does (the value, then input and change events)
 * and waits until the page's state shows that day.
 */
export async function setSlider(page, day) {
    await page.$eval(
        "#date-slider",
        (el, v) => {
            el.value = String(v);
            el.dispatchEvent(new Event("input", { bubbles: true }));
            el.dispatchEvent(new Event("change", { bubbles: true }));
        },
        day,
    );
    await page.waitForFunction((d) => window.tkgViewer.state().day === d, { timeout: WAIT }, day);
    await frames(page);
}

/**
 * Sets the URL fragment as a user editing the address does, then waits until SETTLED (a
 * function run in the page with ARGS) says the page has followed.
 */
export async function setHash(page, hash, settled, ...args) {
    await page.evaluate((h) => {
        window.location.hash = h;
    }, hash);
    await page.waitForFunction(settled, { timeout: WAIT }, ...args);
    await frames(page);
}

/** Chooses VALUE in the <select> or sets the <input> SELECTOR, with input and change events. */
export async function setControl(page, selector, value) {
    await page.$eval(
        selector,
        (el, v) => {
            el.value = v;
            el.dispatchEvent(new Event("input", { bubbles: true }));
            el.dispatchEvent(new Event("change", { bubbles: true }));
        },
        value,
    );
    await frames(page);
}

export async function viewerState(page) {
    return page.evaluate(() => window.tkgViewer.state());
}

export async function visible(page) {
    return page.evaluate(() => window.tkgViewer.visible());
}
