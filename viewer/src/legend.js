// The legend (#legend): the kinds of entities (shape and colour), the kinds of relations (line
// style and colour), the size scale of the chosen measure, and the faded ended relations.

import {el, svg, replaceChildren} from "./dom.js";
import {kindLabel} from "./model.js";
import {shapeCode, shapeFigure} from "./shapes.js";
import {legendValues} from "./sizes.js";

const DASH = {dashed: "5.5 3.5", dotted: "2.2 2.8"};
const nf = new Intl.NumberFormat("en", {maximumSignificantDigits: 2});

function shapeIcon(shape, color, size) {
    const [tag, attrs] = shapeFigure(shapeCode(shape), size);
    return svg("svg", {width: size, height: size, viewBox: `0 0 ${size} ${size}`, "aria-hidden": "true"},
        svg(tag, {...attrs, fill: color, stroke: "rgba(0,0,0,0.25)", "stroke-width": 0.8}));
}

function lineIcon(style, color, symmetric) {
    const width = style === "bold" ? 3.2 : 1.8;
    return svg("svg", {width: 28, height: 12, viewBox: "0 0 28 12", "aria-hidden": "true"},
        svg("line", {x1: 1, y1: 6, x2: symmetric ? 27 : 21, y2: 6, stroke: color, "stroke-width": width,
            "stroke-dasharray": DASH[style] || null}),
        symmetric ? null : svg("polygon", {points: "20,2 27,6 20,10", fill: color}));
}

/**
 * Fills `root`. sizes: {measure, top, scale(value) → radius in pixels, snapshot label} or null
 * when nodes are all one size.
 */
export function renderLegend(root, data, sizes) {
    const kinds = data.entity_kinds.filter((k) => k.count !== 0).map((k) => el("li", {title: k.name},
        shapeIcon(k.shape, k.color, 16), el("span", null, kindLabel(k.name)),
        typeof k.count === "number" ? el("span", {class: "count"}, k.count.toLocaleString("en")) : null));
    const rels = data.relation_kinds.filter((k) => k.count !== 0).map((k) => el("li", {title: k.name},
        lineIcon(k.style, k.color, k.symmetric), el("span", null, kindLabel(k.name)),
        typeof k.count === "number" ? el("span", {class: "count"}, k.count.toLocaleString("en")) : null));
    // Long names or many kinds (event data such as ICEWS): one kind a line, names wrapped.
    const long = (list) => list.length > 16 || list.some((k) => kindLabel(k.name).length > 16);
    let scale = null;
    if (sizes && sizes.top > 0) {
        const figures = legendValues(sizes.top).map((v) => {
            const r = sizes.scale(v);
            const d = Math.ceil(2 * r + 2);
            return el("figure", null,
                svg("svg", {width: d, height: d, viewBox: `0 0 ${d} ${d}`, "aria-hidden": "true"},
                    svg("circle", {cx: d / 2, cy: d / 2, r: r.toFixed(2), fill: "#c5ccd8", stroke: "#8791a3"})),
                el("figcaption", null, nf.format(v)));
        });
        scale = [el("h2", null, `Size: ${kindLabel(sizes.measure)}`), el("div", {class: "sizes"}, figures),
            el("p", {class: "note"}, "at the shown date; smallest: no value")];
    }
    replaceChildren(root,
        kinds.length ? [el("h2", null, "Entities"),
            el("ul", {class: long(data.entity_kinds) ? "one" : null}, kinds)] : null,
        rels.length ? [el("h2", null, "Relations"),
            el("ul", {class: long(data.relation_kinds) ? "one" : null}, rels)] : null,
        scale,
        el("h2", null, "Ended"),
        el("ul", {class: "one"}, el("li", null, lineIcon("solid", "#b9bec7", true),
            el("span", null, "ended before the date (faded)"))));
}
