// The search box (#search) and its results (#search-results): buttons whose text is the label.

import {el, replaceChildren} from "./dom.js";
import {searchEntities} from "./search.js";
import {kindLabel} from "./model.js";

/** Wires the search box: `choose(index)` is called with the entity picked. */
export function setupSearch(model, {input, results, isShown, choose}) {
    const close = () => {
        results.hidden = true;
        replaceChildren(results);
    };
    const pick = (i) => {
        close();
        choose(i);
    };
    const update = () => {
        const found = searchEntities(model.search, model.data.entities, input.value, 12);
        if (!input.value.trim()) {
            close();
            return;
        }
        const buttons = found.map((i) => {
            const e = model.data.entities[i];
            const names = (e.names || []).map((n) => n.text).filter((t) => t !== e.label);
            const title = [kindLabel(e.kind), ...names].join(" · ") + (isShown(i) ? "" : " (not at this date)");
            return el("button", {type: "button", class: isShown(i) ? null : "absent", title,
                onclick: () => pick(i)}, String(e.label ?? e.id));
        });
        replaceChildren(results, buttons.length ? buttons : el("div", {class: "none"}, "No entity found"));
        results.hidden = false;
    };
    input.addEventListener("input", update);
    input.addEventListener("focus", () => input.value.trim() && update());
    input.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
            close();
            input.blur();
        } else if (event.key === "Enter") {
            const first = searchEntities(model.search, model.data.entities, input.value, 1);
            if (first.length) pick(first[0]);
        } else if (event.key === "ArrowDown") {
            results.querySelector("button")?.focus();
            event.preventDefault();
        }
    });
    results.addEventListener("keydown", (event) => {
        const buttons = [...results.querySelectorAll("button")];
        const at = buttons.indexOf(document.activeElement);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            const next = buttons[at + (event.key === "ArrowDown" ? 1 : -1)];
            (next || input).focus();
            event.preventDefault();
        } else if (event.key === "Escape") {
            close();
            input.focus();
        }
    });
    document.addEventListener("click", (event) => {
        if (!results.contains(event.target) && event.target !== input) close();
    });
    return {refresh: () => !results.hidden && update()};
}
