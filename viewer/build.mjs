// Builds dist/timeline.html: the page skeleton (src/page.html) with the bundled JavaScript
// (src/main.js and sigma, graphology) and the CSS (src/style.css) inline, the licence texts of
// every bundled package in a comment, and the marker @TKG_DATA@ once, as the whole content of
// the data's script element. Reproducible: the same sources give the same bytes.
//
//   node build.mjs           write dist/timeline.html and LICENSES/
//   node build.mjs --check   fail when dist/timeline.html or LICENSES/ differ from a fresh build

import {build, transform} from "esbuild";
import {readFileSync, writeFileSync, renameSync, existsSync, readdirSync, mkdirSync, rmSync} from "node:fs";
import {dirname, join, relative, sep} from "node:path";
import {fileURLToPath} from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const MARKER = "@TKG_DATA@";
const DATA_ELEMENT = `<script type="application/json" id="tkg-data">${MARKER}</script>`;
const ALLOWED_LICENSES = new Set(["MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "0BSD"]);

function fail(message) {
    console.error(`viewer/build.mjs: error: ${message}`);
    process.exit(1);
}

function count(text, what) {
    return text.split(what).length - 1;
}

// The packages whose code went into the bundle, from esbuild's metafile, with their licences.
function bundledPackages(metafile) {
    const names = new Set();
    for (const input of Object.keys(metafile.inputs)) {
        const parts = input.split("/");
        const at = parts.lastIndexOf("node_modules");
        if (at < 0) continue;
        names.add(parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]);
    }
    return [...names].sort().map((name) => {
        const dir = join(HERE, "node_modules", name);
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        if (!ALLOWED_LICENSES.has(pkg.license)) fail(`${name}: licence ${pkg.license} is not one of ${[...ALLOWED_LICENSES].join(", ")}`);
        const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(txt|md))?$/i.test(f));
        if (!file) fail(`${name}: no licence file in node_modules/${name}`);
        const text = readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n").trim() + "\n";
        return {name, version: pkg.version, license: pkg.license, text};
    });
}

async function assemble() {
    const js = await build({
        entryPoints: [join(HERE, "src/main.js")],
        absWorkingDir: HERE,
        bundle: true,
        write: false,
        metafile: true,
        format: "iife",
        platform: "browser",
        target: ["es2020"],
        minify: true,
        legalComments: "none",
        sourcemap: false,
        charset: "ascii",
        logLevel: "silent",
    });
    const code = js.outputFiles[0].text.trim();
    const css = (await transform(readFileSync(join(HERE, "src/style.css"), "utf8"),
        {loader: "css", minify: true, charset: "ascii"})).code.trim();
    const packages = bundledPackages(js.metafile);
    const page = readFileSync(join(HERE, "src/page.html"), "utf8");

    // Checks on the parts before they go in: nothing may close its element early, nothing may
    // load anything, no path of this machine may leak into the page.
    if (/<\/script|<!--|<script/i.test(code)) fail("the bundled script contains </script, <script or <!--");
    if (/<\/style/i.test(css)) fail("the CSS contains </style");
    if (/url\(|@import/i.test(css)) fail("the CSS loads something (url() or @import)");
    if (/sourceMappingURL/.test(code + css)) fail("a source map reference is in the output");
    if (code.includes(MARKER) || css.includes(MARKER)) fail(`${MARKER} is in the script or CSS`);
    if (count(page, "/*@TKG_CSS@*/") !== 1 || count(page, "/*@TKG_JS@*/") !== 1) {
        fail("src/page.html must have /*@TKG_CSS@*/ and /*@TKG_JS@*/ once each");
    }

    const notices = packages.map((p) => `${p.name} ${p.version} (${p.license})\n\n${p.text}`).join("\n----\n\n");
    const legal = "<!--\ntkg timeline viewer (MIT licence, the LICENSE file of tkg). It bundles, unchanged:\n" +
        packages.map((p) => `  ${p.name} ${p.version} (${p.license})`).join("\n") +
        "\nTheir licence texts follow.\n\n" + notices.replace(/--+/g, (m) => "-".repeat(m.length).split("").join(" ")) + "-->\n";
    const html = page
        .split("/*@TKG_CSS@*/").join(css)
        .split("/*@TKG_JS@*/").join(code)
        .replace("<!DOCTYPE html>\n", () => `<!DOCTYPE html>\n${legal}`);

    if (count(html, MARKER) !== 1 || count(html, DATA_ELEMENT) !== 1) {
        fail(`the page must contain ${MARKER} exactly once, as ${DATA_ELEMENT}`);
    }
    for (const leak of [HERE, HERE.split(sep).join("/"), process.env.HOME].filter((s) => s && s.length > 1)) {
        if (html.includes(leak)) fail(`the page contains a path of this machine (${leak})`);
    }
    if (/<(link|img|iframe|object|embed)\b|\ssrc=|@font-face/i.test(html.replace(code, ""))) {
        fail("the page skeleton loads something (link, img, iframe, src= or a font)");
    }
    const licenses = new Map(packages.map((p) => [`${p.name.replace("/", "__")}.txt`,
        `${p.name} ${p.version} (${p.license}), bundled into dist/timeline.html\n\n${p.text}`]));
    return {html, licenses};
}

function writeAtomic(path, text) {
    mkdirSync(dirname(path), {recursive: true});
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
}

const {html, licenses} = await assemble();
const target = join(HERE, "dist/timeline.html");
const licenseDir = join(HERE, "LICENSES");
if (process.argv.includes("--check")) {
    const stale = [];
    if (!existsSync(target) || readFileSync(target, "utf8") !== html) stale.push(relative(HERE, target));
    const present = existsSync(licenseDir) ? readdirSync(licenseDir).sort() : [];
    if (present.join("\n") !== [...licenses.keys()].sort().join("\n")) stale.push("LICENSES/ (files)");
    for (const [name, text] of licenses) {
        const path = join(licenseDir, name);
        if (existsSync(path) && readFileSync(path, "utf8") !== text) stale.push(`LICENSES/${name}`);
    }
    if (stale.length) fail(`out of date with its sources: ${stale.join(", ")}; run npm run build --prefix viewer`);
    console.log(`viewer: dist/timeline.html and LICENSES/ match a fresh build (${html.length} bytes)`);
} else {
    writeAtomic(target, html);
    if (existsSync(licenseDir)) {
        for (const f of readdirSync(licenseDir)) if (!licenses.has(f)) rmSync(join(licenseDir, f));
    }
    for (const [name, text] of licenses) writeAtomic(join(licenseDir, name), text);
    console.log(`viewer: wrote dist/timeline.html (${html.length} bytes) and ${licenses.size} licence texts`);
}
