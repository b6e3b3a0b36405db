// The tkg side of the tests: the command line (TKG), the views `tkg query` lists (the oracle the
// page is compared with), the data inside a written page, and day numbers.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function need(name) {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set (ctest sets it: tests/CMakeLists.txt)`);
    return v;
}

export const TKG = need("TKG");
export const SOURCE_DIR = need("TKG_SOURCE_DIR");

/** A fresh directory for NAME's files under TKG_WORK. */
export function workDir(name) {
    const dir = join(need("TKG_WORK"), name);
    mkdirSync(dir, { recursive: true });
    return dir;
}

export function tkg(args, { allowFail = false } = {}) {
    try {
        return execFileSync(TKG, args, {
            encoding: "utf8",
            maxBuffer: 1 << 30,
            stdio: ["ignore", "pipe", "pipe"],
        });
    } catch (e) {
        if (allowFail) return e;
        throw new Error(`tkg ${args.join(" ")} failed (${e.status}): ${e.stderr}`);
    }
}

/** `tkg export -f html -o OUT [VIEW...] INPUT...`; returns OUT. */
export function exportHtml(out, inputs, view = []) {
    tkg(["export", "-f", "html", "-o", out, ...view, ...inputs]);
    return out;
}

/** Rows of a TSV with a header line, as objects. */
function parseTsv(text) {
    const lines = text.split("\n").filter((l) => l !== "");
    const header = lines.shift().split("\t");
    return {
        header,
        rows: lines.map((l) => {
            const cells = l.split("\t");
            return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
        }),
    };
}

/**
 * What `tkg query VIEW --format tsv` lists: {entities: ids, relations: [{id, from, to}]}
 * (relations with --ids: their id in the graph files and the page).
 * VIEW is e.g. ["--at", "2023-06-01"] or ["--from", F, "--to", T].
 */
export function query(inputs, view) {
    const ents = parseTsv(tkg(["query", "--entities", ...view, "--format", "tsv", ...inputs]));
    const rels = parseTsv(tkg(["query", "--ids", ...view, "--format", "tsv", ...inputs]));
    for (const col of ["id", "from", "to"]) {
        if (!rels.header.includes(col)) {
            throw new Error(
                `tkg query --format tsv has no '${col}' column: ${rels.header.join(" ")}`,
            );
        }
    }
    return {
        entities: ents.rows.map((r) => r.id),
        relations: rels.rows.map((r) => ({ id: r.id, from: r.from, to: r.to })),
    };
}

/** The data JSON inside a page written by tkg (the contract: script#tkg-data). */
export function pageData(file) {
    const html = readFileSync(file, "utf8");
    const m = html.match(/<script type="application\/json" id="tkg-data">([^]*?)<\/script>/);
    if (!m) throw new Error(`${file}: no <script type="application/json" id="tkg-data">`);
    return JSON.parse(m[1]);
}

/**
 * Writes a copy of the page FILE to OUT with its data replaced by DATA, escaped as the
 * contract says the writer escapes it (< > & U+2028 U+2029).
 */
export function rewritePage(file, out, data) {
    const html = readFileSync(file, "utf8");
    const json = JSON.stringify(data)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
    const re = /(<script type="application\/json" id="tkg-data">)[^]*?(<\/script>)/;
    writeFileSync(
        out,
        html.replace(re, (_, a, b) => a + json + b),
    );
    return out;
}

// ---- Days: days since 1970-01-01, proleptic Gregorian, as in the page's data.

const MS_PER_DAY = 86400000;

export function dayOf(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    const t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    t.setUTCHours(0, 0, 0, 0);
    return Math.round(t.getTime() / MS_PER_DAY);
}

export function isoOf(day) {
    const t = new Date(day * MS_PER_DAY);
    const y = t.getUTCFullYear();
    const pad = (n, w) => String(n).padStart(w, "0");
    const year = `${y < 0 ? "-" : ""}${pad(Math.abs(y), 4)}`;
    return `${year}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** The first and last day a date as written (YYYY, YYYY-MM or YYYY-MM-DD) may cover. */
export function daysCovered(text) {
    const parts = text.split("-");
    if (parts.length === 1) return [dayOf(`${text}-01-01`), dayOf(`${text}-12-31`)];
    if (parts.length === 2) {
        const first = dayOf(`${text}-01`);
        const [y, m] = parts.map(Number);
        const next =
            m === 12 ? dayOf(`${y + 1}-01-01`) : dayOf(`${y}-${String(m + 1).padStart(2, "0")}-01`);
        return [first, next - 1];
    }
    return [dayOf(text), dayOf(text)];
}

/** Sorted copy, the same order on both sides of a comparison. */
export function sorted(ids) {
    return [...ids].sort();
}
