// The URL fragment: #date=YYYY-MM-DD&mode=date|window&from=…&to=…&sel=e:ID|r:ID&measure=NAME.

import {dayFromIso} from "./dates.js";

const KEYS = ["date", "mode", "from", "to", "sel", "measure"];

function decode(text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
        return null;
    }
}

/**
 * The state a fragment asks for: an object with only the keys it gives validly (date, from, to
 * as ISO dates; mode "date" or "window"; sel "e:ID" or "r:ID"; measure a name). Unknown keys and
 * malformed values are left out, so that a damaged link still opens the page.
 */
export function parseFragment(hash) {
    const out = {};
    const text = (hash || "").replace(/^#/, "");
    if (!text) return out;
    for (const part of text.split("&")) {
        const eq = part.indexOf("=");
        if (eq < 0) continue;
        const key = part.slice(0, eq), value = decode(part.slice(eq + 1));
        if (value === null || !KEYS.includes(key)) continue;
        if (key === "date" || key === "from" || key === "to") {
            if (dayFromIso(value) !== null) out[key] = value;
        } else if (key === "mode") {
            if (value === "date" || value === "window") out.mode = value;
        } else if (key === "sel") {
            if (/^[er]:./s.test(value)) out.sel = value;
        } else if (value) {
            out.measure = value;
        }
    }
    return out;
}

/**
 * The fragment of a state {date, mode, from, to, selection, measure}: keys in a fixed order,
 * values URI-encoded (the "e:" or "r:" of the selection kept as it is); null values left out.
 */
export function formatFragment(state) {
    const parts = [];
    const add = (key, value) => {
        if (value !== null && value !== undefined && value !== "") parts.push(`${key}=${value}`);
    };
    add("date", state.date && encodeURIComponent(state.date));
    add("mode", state.mode && encodeURIComponent(state.mode));
    add("from", state.from && encodeURIComponent(state.from));
    add("to", state.to && encodeURIComponent(state.to));
    if (state.selection) {
        add("sel", state.selection.slice(0, 2) + encodeURIComponent(state.selection.slice(2)));
    }
    add("measure", state.measure && encodeURIComponent(state.measure));
    return parts.length ? "#" + parts.join("&") : "";
}
