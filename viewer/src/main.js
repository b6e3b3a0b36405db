// The timeline page: reads the data of #tkg-data, draws it with sigma and keeps the controls,
// the selection panel, the legend, the URL fragment and window.tkgViewer in step.

import {parseData, createModel, resolveSelection, kindLabel} from "./model.js";
import {dayFromIso, isoFromDay, stepDay, clampDay} from "./dates.js";
import {indexesWith, SHOWN, ENDED} from "./presence.js";
import {createViewTracker} from "./incremental.js";
import {measureMax, sizeScale, sizesAt} from "./sizes.js";
import {parseFragment, formatFragment} from "./fragment.js";
import {createGraphView} from "./graph.js";
import {renderDetails} from "./details.js";
import {relationDates} from "./timeline.js";
import {renderLegend} from "./legend.js";
import {setupSearch} from "./search-box.js";
import {el, replaceChildren} from "./dom.js";

// Node sizes in pixels (radius at the first zoom), smaller when there are many entities.
function nodeSizes(count) {
    const k = count <= 150 ? 1 : Math.sqrt(150 / count);
    return {min: Math.max(2, 4.5 * k), max: Math.max(7, 18 * k), plain: Math.max(3, 6 * k)};
}
const $ = (id) => document.getElementById(id);

// The first quote of a relation's citations, cut to a tooltip's length.
function firstQuote(r) {
    const quote = (r.citations || []).find((c) => c.quote)?.quote;
    if (!quote) return null;
    const text = String(quote);
    return `“${text.length > 160 ? text.slice(0, 159) + "…" : text}”`;
}

function todayDay() {
    return Math.floor(Date.now() / 86400000);
}

function start(resolveReady) {
    const data = parseData($("tkg-data").textContent);
    const model = createModel(data);
    const {bounds} = model;
    const SIZES = nodeSizes(data.entities.length);
    const centrality = data.centrality && Array.isArray(data.centrality.measures) ? data.centrality : null;
    const measures = centrality ? centrality.measures : [];

    const last = bounds ? bounds.last : todayDay();
    const state = {
        day: last,
        mode: "date",
        from: bounds ? bounds.first : last,
        to: last,
        selection: null,
        measure: centrality ? (measures.includes(centrality.default) ? centrality.default : measures[0]) : null,
        showEnded: false,
    };
    const tracker = createViewTracker(model.presence);
    const view = {
        states: tracker.states,
        sizes: new Float32Array(data.entities.length).fill(SIZES.plain),
        showEnded: false,
        focus: null,
        neighbours: new Set(),
    };
    let scale = null;

    // ---- Static parts: title, notice, span, measure choices.
    const title = String(data.title ?? "Timeline");
    $("title").textContent = title;
    document.title = `${title} — timeline`;
    $("subtitle").textContent = [`${data.entities.length.toLocaleString("en")} entities`,
        `${data.relations.length.toLocaleString("en")} relations`,
        data.generator ? String(data.generator) : null].filter(Boolean).join(" · ");
    if (data.notice) {
        $("notice").textContent = String(data.notice);
        $("notice").hidden = false;
    }
    const slider = $("date-slider");
    if (bounds) {
        slider.min = String(bounds.first);
        slider.max = String(bounds.last);
        $("span-first").textContent = isoFromDay(bounds.first);
        $("span-last").textContent = isoFromDay(bounds.last);
        for (const input of [$("window-from"), $("window-to")]) {
            input.min = isoFromDay(bounds.first);
            input.max = isoFromDay(bounds.last);
        }
    } else {
        slider.disabled = true;
        $("play").disabled = true;
    }
    const measureSelect = $("measure");
    if (measures.length) {
        replaceChildren(measureSelect, measures.map((m) => el("option", {value: m}, kindLabel(m))));
    } else {
        replaceChildren(measureSelect, el("option", {value: ""}, "(no centrality)"));
        measureSelect.disabled = true;
    }

    // ---- The graph.
    let hoverTip = null;
    const graphView = createGraphView($("graph"), model, view, {
        select: (sel) => setSelection(sel),
        hoverEdge: (index, event) => {
            const tip = $("tooltip");
            if (index < 0) {
                tip.hidden = true;
                hoverTip = null;
                return;
            }
            const r = data.relations[index];
            const box = $("graph").getBoundingClientRect();
            const name = (i) => String(data.entities[i].label ?? data.entities[i].id);
            replaceChildren(tip, el("strong", null, kindLabel(r.kind)), " ",
                `${name(r.from)} ${r.symmetric ? "—" : "→"} ${name(r.to)}`, el("br"),
                el("span", {class: "dates"}, relationDates(data, r)),
                (r.citations || []).length ? el("span", {class: "dates"}, ` · ${r.citations.length} citation${r.citations.length > 1 ? "s" : ""}`) : null,
                firstQuote(r) ? el("span", {class: "quote"}, firstQuote(r)) : null);
            tip.style.left = `${Math.min(box.left + event.x + 14, window.innerWidth - 350)}px`;
            tip.style.top = `${box.top + event.y + 14}px`;
            tip.hidden = false;
            hoverTip = index;
        },
    });

    // ---- Recomputing what is shown: states, sizes, neighbours, then one refresh.
    function sizeDay() {
        return state.mode === "window" ? Math.max(state.from, state.to) : state.day;
    }
    function updateScale() {
        const top = centrality && state.measure ? measureMax(centrality, state.measure) : 0;
        scale = top > 0 ? {measure: state.measure, top, scale: sizeScale(top, SIZES.min, SIZES.max)} : null;
        renderLegend($("legend"), data, scale);
    }
    function updateNeighbours() {
        view.neighbours.clear();
        const f = view.focus;
        if (!f) return;
        if (f.type === "r") {
            view.neighbours.add(data.relations[f.index].from);
            view.neighbours.add(data.relations[f.index].to);
            return;
        }
        for (const ri of model.incident[f.index]) {
            const st = view.states.relations[ri];
            if (st === SHOWN || (st === ENDED && view.showEnded)) {
                const r = data.relations[ri];
                view.neighbours.add(r.from === f.index ? r.to : r.from);
            }
        }
    }
    // A step draws again only the entities and relations whose state changed (incremental.js),
    // when what else the reducers read is as it was at the last refresh: the same selection,
    // faded or not, and the same sizes (measure and centrality snapshot). Anything else, or a
    // large jump, draws everything again.
    let drawn = null;
    function recompute() {
        const change = tracker.update(state.mode === "window" ?
            {mode: "window", from: state.from, to: state.to} : {mode: "date", day: state.day});
        const snapshot = scale ? sizesAt(centrality, state.measure, sizeDay(), scale.scale, view.sizes) : -1;
        if (!scale) view.sizes.fill(SIZES.plain);
        view.showEnded = state.showEnded;
        const before = view.focus?.type === "e" ? new Set(view.neighbours) : null;
        updateNeighbours();
        const look = {selection: state.selection, showEnded: state.showEnded, scale, snapshot};
        const same = drawn !== null && Object.keys(look).every((key) => look[key] === drawn[key]);
        drawn = look;
        if (change.full || !same) {
            graphView.refresh(null);
            return;
        }
        const entities = change.entities;
        if (before) {
            // Neighbours of the selected entity are drawn apart: those that came and went too.
            for (const i of view.neighbours) if (!before.has(i)) entities.push(i);
            for (const i of before) if (!view.neighbours.has(i)) entities.push(i);
        }
        graphView.refresh({entities, relations: change.relations, reindex: entities.length > 0 || Boolean(view.focus)});
    }

    // ---- Controls and fragment from the state.
    let lastHashWrite = 0, hashTimer = null;
    function writeHash(now) {
        clearTimeout(hashTimer);
        const write = () => {
            lastHashWrite = Date.now();
            const hash = formatFragment(publicState());
            if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
                history.replaceState(null, "", hash || location.pathname + location.search);
            }
        };
        if (now || Date.now() - lastHashWrite > 300) write();
        else hashTimer = setTimeout(write, 300);
    }
    // Controls written only when their value changes: each write can cost a style recalculation.
    // Inputs are compared with what they hold now (the user may have changed them).
    const shown = new Map();
    function show(key, write, value) {
        if (shown.get(key) === value) return;
        shown.set(key, value);
        write(value);
    }
    function setValue(element, property, value) {
        if (element[property] !== value) element[property] = value;
    }
    function showControls() {
        const iso = isoFromDay(state.day);
        const windowMode = state.mode === "window";
        const from = isoFromDay(state.from), to = isoFromDay(state.to);
        show("mode-class", (v) => document.body.classList.toggle("window-mode", v), windowMode);
        show("slider-text", (v) => slider.setAttribute("aria-valuetext", v), windowMode ? `${from} to ${to}` : iso);
        show("label", (v) => ($("date-label").textContent = v), windowMode ? `${from} – ${to}` : iso);
        setValue(slider, "value", String(clampDay(windowMode ? state.to : state.day, bounds)));
        setValue($("mode"), "value", state.mode);
        setValue($("window-from"), "value", from);
        setValue($("window-to"), "value", to);
        setValue($("show-ended"), "checked", state.showEnded);
        if (state.measure) setValue(measureSelect, "value", state.measure);
    }
    function showDetails() {
        renderDetails($("details"), model, view.focus, {
            select: (sel) => setSelection(sel),
            relationShown: (i) => view.states.relations[i] === SHOWN,
        });
    }
    function update({hash = true, hashNow = false, details = true} = {}) {
        recompute();
        showControls();
        if (details) showDetails();
        searchBox.refresh();
        if (hoverTip !== null) $("tooltip").hidden = true;
        if (hash) writeHash(hashNow);
    }

    // ---- State changes.
    function setSelection(sel, opts) {
        const focus = resolveSelection(model, sel);
        const changed = (focus ? sel : null) !== state.selection;
        state.selection = focus ? sel : null;
        view.focus = focus;
        update(opts);
        if (changed) document.querySelector(".side").scrollTop = 0;
    }
    function setDay(day, opts) {
        if (state.mode === "window") {
            const length = state.to - state.from;
            state.to = day;
            state.from = day - length;
        }
        state.day = day;
        update({details: Boolean(view.focus), ...opts});
    }
    function step(count) {
        const unit = $("step").value;
        if (state.mode === "window") {
            const to = stepDay(state.to, unit, count, null);
            const from = stepDay(state.from, unit, count, null);
            if (bounds && (to > bounds.last || from < bounds.first)) return false;
            state.from = from;
            state.to = to;
            state.day = to;
            update({details: Boolean(view.focus)});
            return true;
        }
        const next = stepDay(state.day, unit, count, bounds);
        if (next === state.day) return false;
        setDay(next);
        return true;
    }
    function applyFragment(hash) {
        const f = parseFragment(hash);
        if (f.date) state.day = dayFromIso(f.date);
        if (f.mode) state.mode = f.mode;
        if (f.from) state.from = dayFromIso(f.from);
        if (f.to) state.to = dayFromIso(f.to);
        if (f.measure && measures.includes(f.measure) && f.measure !== state.measure) {
            state.measure = f.measure;
            updateScale();
        }
        const focus = f.sel ? resolveSelection(model, f.sel) : null;
        state.selection = focus ? f.sel : null;
        view.focus = focus;
    }
    function publicState() {
        return {
            date: isoFromDay(state.day), day: state.day, mode: state.mode,
            from: isoFromDay(state.from), to: isoFromDay(state.to),
            selection: state.selection, measure: state.measure,
        };
    }

    // ---- Play.
    let timer = null;
    function setPlaying(on) {
        clearInterval(timer);
        timer = null;
        const play = $("play");
        play.setAttribute("aria-pressed", String(on));
        play.setAttribute("aria-label", on ? "Pause" : "Play");
        play.title = on ? "Pause" : "Play";
        if (!on) {
            writeHash(true);
            return;
        }
        timer = setInterval(() => {
            if (!step(1)) setPlaying(false);
        }, Number($("speed").value) || 600);
    }
    $("play").addEventListener("click", () => {
        if (timer) {
            setPlaying(false);
            return;
        }
        // At the end, play starts again from the beginning.
        if (bounds && (state.mode === "window" ? stepDay(state.to, $("step").value, 1, null) > bounds.last :
            state.day >= bounds.last)) {
            setDay(state.mode === "window" ? bounds.first + (state.to - state.from) : bounds.first);
        }
        setPlaying(true);
    });
    $("speed").addEventListener("change", () => timer && setPlaying(true));

    // ---- Control events.
    // Dragging fires many input events: the first one of a frame is drawn at once, the last
    // of the others when the frame ends, so that the page keeps up with the pointer.
    let frameBusy = false, pendingDay = null;
    const flushSlider = () => {
        frameBusy = false;
        if (pendingDay === null) return;
        const day = pendingDay;
        pendingDay = null;
        setDay(day);
    };
    slider.addEventListener("input", () => {
        const day = Number(slider.value);
        if (frameBusy) {
            pendingDay = day;
            return;
        }
        setDay(day);
        frameBusy = true;
        requestAnimationFrame(flushSlider);
    });
    slider.addEventListener("change", () => {
        flushSlider();
        writeHash(true);
    });
    $("mode").addEventListener("change", () => {
        state.mode = $("mode").value === "window" ? "window" : "date";
        if (state.mode === "window" && state.to < state.from) [state.from, state.to] = [state.to, state.from];
        update({hashNow: true});
    });
    for (const [id, key] of [["window-from", "from"], ["window-to", "to"]]) {
        $(id).addEventListener("change", () => {
            const day = dayFromIso($(id).value);
            if (day === null) return;
            state[key] = day;
            if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
            if (state.mode === "window") state.day = state.to;
            update({hashNow: true});
        });
    }
    $("show-ended").addEventListener("change", () => {
        state.showEnded = $("show-ended").checked;
        update({hash: false});
    });
    measureSelect.addEventListener("change", () => {
        if (!measures.includes(measureSelect.value)) return;
        state.measure = measureSelect.value;
        updateScale();
        update({hashNow: true, details: false});
    });
    const searchBox = setupSearch(model, {
        input: $("search"),
        results: $("search-results"),
        isShown: (i) => view.states.entities[i] === SHOWN,
        choose: (i) => {
            const e = data.entities[i];
            // An entity absent at the date: go to its first day (or its last one) to show it.
            if (state.mode === "date" && view.states.entities[i] !== SHOWN) {
                const day = e.s !== null ? e.s : e.e !== null ? e.e - 1 : null;
                if (day !== null) state.day = day;
            }
            setSelection(`e:${e.id}`, {hashNow: true});
        },
    });
    document.addEventListener("keydown", (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const t = event.target;
        const typing = t instanceof HTMLElement && (t.isContentEditable || t.tagName === "SELECT" ||
            (t.tagName === "INPUT" && t.type !== "range" && t.type !== "checkbox"));
        if (event.key === "/" && !typing) {
            event.preventDefault();
            $("search").focus();
            $("search").select();
        } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !typing) {
            event.preventDefault();
            step(event.key === "ArrowRight" ? 1 : -1);
            writeHash(true);
        } else if (event.key === "Escape" && !typing && state.selection) {
            setSelection(null, {hashNow: true});
        }
    });
    window.addEventListener("hashchange", () => {
        applyFragment(location.hash);
        update({hash: false});
    });

    // ---- Start: the fragment, the first render, the hooks.
    applyFragment(location.hash);
    updateScale();
    update({hash: false});
    const ids = (list, states, wanted) => indexesWith(states, wanted).map((i) => String(list[i].id)).sort();
    Object.assign(window.tkgViewer, {
        state: publicState,
        visible: () => ({
            entities: ids(data.entities, view.states.entities, SHOWN),
            relations: ids(data.relations, view.states.relations, SHOWN),
        }),
        ended: () => (state.showEnded ? ids(data.relations, view.states.relations, ENDED) : []),
        screenPosition: (sel) => {
            const focus = resolveSelection(model, sel);
            return focus ? graphView.screenPosition(focus.type, focus.index) : null;
        },
        setDate: (iso) => {
            const day = dayFromIso(iso);
            if (day === null) throw new Error(`not a date: ${iso}`);
            setDay(day, {hashNow: true});
        },
        select: (sel) => setSelection(sel, {hashNow: true}),
    });
    requestAnimationFrame(() => resolveReady());
}

// The graph is drawn with WebGL (sigma.js asks for webgl2, then webgl): without it the error
// sigma raises says nothing a reader can act on.
function hasWebGL() {
    try {
        const canvas = document.createElement("canvas");
        return Boolean(canvas.getContext("webgl2") || canvas.getContext("webgl"));
    } catch {
        return false;
    }
}

function fail(error) {
    const graph = $("graph");
    const why = hasWebGL() ? error.message :
        "it is drawn with WebGL, which this browser does not provide here. Turn on hardware " +
        "acceleration (or WebGL) in the browser's settings, or open the page in another browser.";
    replaceChildren(graph, el("p", {class: "error"}, `This page cannot show its graph: ${why}`));
}

let resolveReady, rejectReady;
window.tkgViewer = {ready: new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
})};
try {
    start(resolveReady);
} catch (error) {
    fail(error);
    rejectReady(error);
}
