// Times a page of `tkg export -f html` in headless Chromium (bench/html.sh runs it).
//
//   node bench/html_time.mjs PAGE.html ROUNDS STEPS
//
// Each round opens the page in a fresh browser (Debian's /usr/bin/chromium, or CHROMIUM, driven
// by tests/browser's puppeteer-core; WebGL on SwiftShader, the CPU renderer, as in the tests)
// and prints one line per figure, in milliseconds since the navigation started unless said:
//   ROUND fcp MS         the browser's first-contentful-paint entry (the page's text and controls)
//   ROUND ready MS       window.tkgViewer.ready resolved (the page's first render of the graph)
//   ROUND drawn MS       two animation frames after that: the graph is on screen
//   ROUND step K MS      tkgViewer.setDate(next day) until two animation frames later
//   ROUND drag K MS      #date-slider's value moved one day and an input event, as a drag does,
//                        until the page shows that day and two animation frames later
//   ROUND step-sync K MS the part of a step spent in setDate itself (the page's state, the
//                        ids present, sigma's refresh); the rest is drawing the frames, which
//                        SwiftShader rasterises on the CPU
//   ROUND step-script MS script run on the main thread per step, summed from the
//                        long-animation-frame entries (frames over 50 ms) of the S steps
//                        (for drags the entries name no script: the input event is
//                        dispatched from the measuring code's own callback)
// STEPS steps and drags each round, one day apart, from the middle of the span.

import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "tests", "browser", "package.json"));
const puppeteer = (await import(pathToFileURL(require.resolve("puppeteer-core")).href)).default;

const [file, roundsArg = "5", stepsArg = "20"] = process.argv.slice(2);
if (!file) {
    console.error("usage: node bench/html_time.mjs PAGE.html [ROUNDS] [STEPS]");
    process.exit(2);
}
const rounds = Number(roundsArg);
const steps = Number(stepsArg);
const url = pathToFileURL(resolve(file)).href;

// Installed before the page's own script: notes the time ready resolves, from the object the
// page assigns to window.tkgViewer, without changing what the page does.
function hookReady() {
    window.__bench = {};
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__bench[e.name] = e.startTime;
    }).observe({ type: "paint", buffered: true });
    Object.defineProperty(window, "tkgViewer", {
        configurable: true,
        set(v) {
            Object.defineProperty(window, "tkgViewer", {
                value: v,
                writable: true,
                configurable: true,
            });
            v.ready.then(() => {
                window.__bench.ready = performance.now();
                requestAnimationFrame(() =>
                    requestAnimationFrame(() => {
                        window.__bench.drawn = performance.now();
                    }),
                );
            });
        },
        get() {
            return undefined;
        },
    });
}

// Runs in the page: STEPS one-day moves by setDate ("step") or by the slider ("drag") from
// around day MID, each timed until two animation frames after it.
async function measure(what, mid, steps) {
    const frames = () =>
        new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const v = window.tkgViewer;
    const slider = document.getElementById("date-slider");
    const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
    const start = what === "step" ? mid : mid + steps + 1;
    v.setDate(iso(start));
    await frames();
    const out = { total: [], sync: [], script: 0 };
    // Long animation frames (over 50 ms) with the script that ran in them: how much of a
    // step's time the page's own code takes on the main thread, the rest being the wait for
    // the frame to be drawn.
    const loaf = [];
    const observer = new PerformanceObserver((list) => loaf.push(...list.getEntries()));
    observer.observe({ type: "long-animation-frame" });
    for (let k = 1; k <= steps; k++) {
        const day = start + k;
        const t0 = performance.now();
        if (what === "step") {
            v.setDate(iso(day));
            out.sync.push(performance.now() - t0);
        } else {
            slider.value = String(day);
            slider.dispatchEvent(new Event("input", { bubbles: true }));
            while (v.state().day !== day) await new Promise((ok) => requestAnimationFrame(ok));
        }
        await frames();
        out.total.push(performance.now() - t0);
    }
    await new Promise((ok) => setTimeout(ok, 100));
    for (const e of [...loaf, ...observer.takeRecords()]) {
        for (const script of e.scripts) out.script += script.duration;
    }
    observer.disconnect();
    out.script /= steps;
    return out;
}

async function round(r) {
    const args = ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--hide-scrollbars"];
    if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args,
        defaultViewport: { width: 1280, height: 800 },
    });
    try {
        const page = await browser.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e.message || e)));
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        await page.evaluateOnNewDocument(hookReady);
        await page.goto(url, { waitUntil: "load", timeout: 120000 });
        await page.waitForFunction(() => window.__bench && window.__bench.drawn !== undefined, {
            timeout: 120000,
        });
        const first = await page.evaluate(() => {
            for (const e of performance.getEntriesByType("paint"))
                window.__bench[e.name] = e.startTime;
            return window.__bench;
        });
        if (errors.length) throw new Error(`errors on the page: ${errors.join("; ")}`);
        console.log(`${r}\tfcp\t\t${first["first-contentful-paint"]?.toFixed(1) ?? "NA"}`);
        console.log(`${r}\tready\t\t${first.ready.toFixed(1)}`);
        console.log(`${r}\tdrawn\t\t${first.drawn.toFixed(1)}`);

        const mid = await page.$eval("#date-slider", (el) =>
            Math.floor((Number(el.min) + Number(el.max)) / 2),
        );
        for (const what of ["step", "drag"]) {
            const times = await page.evaluate(measure, what, mid, steps);
            times.total.forEach((t, k) => console.log(`${r}\t${what}\t${k + 1}\t${t.toFixed(2)}`));
            if (what === "step") console.log(`${r}\tstep-script\t\t${times.script.toFixed(2)}`);
            if (what === "step")
                times.sync.forEach((t, k) =>
                    console.log(`${r}\tstep-sync\t${k + 1}\t${t.toFixed(2)}`),
                );
        }
    } finally {
        await browser.close();
    }
}

for (let r = 1; r <= rounds; r++) await round(r);
