// The sigma renderer in #graph. The graphology graph is built once, with the positions of the
// data (x, y) and every entity and relation; a date change only changes the state arrays the
// reducers read (presence.js, incremental.js, sizes.js), followed by one refresh of what changed.

import {MultiDirectedGraph} from "graphology";
import Sigma from "sigma";
import {NodeShapeProgram} from "./node-program.js";
import {DashedArrowProgram, DashedLineProgram, dashCode} from "./edge-programs.js";
import {shapeCode} from "./shapes.js";
import {SHOWN, ENDED} from "./presence.js";
import {edgeTolerance, nearestEdge} from "./hit.js";

// Opaque greys: sigma draws edges without premultiplying alpha, so a colour with alpha comes out
// nearly white on the page.
const FADED_EDGE = "#b9bec7";
const DIM_NODE = "#dcdcdc";
const DIM_EDGE = "#e4e6ea";
const SELECTED = "#111111";

/** A node's label beside it, on a white halo so that it stays readable over the edges. */
function drawLabel(context, data, settings) {
    if (!data.label) return;
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const x = data.x + data.size + 4, y = data.y + size / 3;
    context.lineJoin = "round";
    context.lineWidth = 3.5;
    context.strokeStyle = "rgba(255, 255, 255, 0.92)";
    context.strokeText(data.label, x, y);
    context.fillStyle = settings.labelColor.color;
    context.fillText(data.label, x, y);
}

/** Edge thickness of a relation style. */
export function styleWidth(style) {
    return style === "bold" ? 3.2 : 1.8;
}

/**
 * The renderer: `view` is read by the reducers at every refresh:
 * {states: {entities, relations} (presence.js), sizes: Float32Array, showEnded: boolean,
 *  focus: null | {type: "e"|"r", index}, neighbours: Set of entity indexes}.
 */
export function createGraphView(container, model, view, handlers) {
    const {data} = model;
    const graph = new MultiDirectedGraph();
    data.entities.forEach((e, i) => {
        const kind = model.entityKinds.get(e.kind);
        graph.addNode(String(i), {
            x: Number(e.x) || 0, y: Number(e.y) || 0, label: String(e.label ?? e.id),
            color: kind?.color || "#9e9e9e", shape: shapeCode(kind?.shape), size: 5, type: "shape",
        });
    });
    data.relations.forEach((r, i) => {
        const kind = model.relationKinds.get(r.kind);
        graph.addDirectedEdgeWithKey(String(i), String(r.from), String(r.to), {
            color: kind?.color || "#888888", size: styleWidth(kind?.style), dash: dashCode(kind?.style),
            type: r.symmetric ? "line" : "arrow",
        });
    });

    const nodeReducer = (key, attrs) => {
        const i = Number(key);
        if (view.states.entities[i] !== SHOWN) return {...attrs, hidden: true};
        const out = {...attrs, size: view.sizes[i]};
        const focus = view.focus;
        if (focus) {
            const inFocus = focus.type === "e" ? focus.index === i : view.neighbours.has(i);
            const near = focus.type === "e" && view.neighbours.has(i);
            if (inFocus) {
                out.highlighted = true;
                out.zIndex = 2;
                out.forceLabel = true;
            } else if (near) {
                out.zIndex = 1;
                out.forceLabel = true;
            } else {
                out.color = DIM_NODE;
                out.label = null;
                out.zIndex = 0;
            }
        }
        return out;
    };
    const edgeReducer = (key, attrs) => {
        const i = Number(key);
        const state = view.states.relations[i];
        if (state === ENDED && view.showEnded) {
            return {...attrs, color: FADED_EDGE, size: 1.4, dash: 0, zIndex: 0};
        }
        if (state !== SHOWN) return {...attrs, hidden: true};
        const focus = view.focus;
        if (!focus) return attrs;
        const r = data.relations[i];
        const on = focus.type === "r" ? focus.index === i : r.from === focus.index || r.to === focus.index;
        if (!on) return {...attrs, color: DIM_EDGE, zIndex: 0};
        return focus.type === "r" ?
            {...attrs, color: SELECTED, size: attrs.size + 1.5, zIndex: 2} : {...attrs, zIndex: 1};
    };

    const renderer = new Sigma(graph, container, {
        nodeProgramClasses: {shape: NodeShapeProgram},
        edgeProgramClasses: {arrow: DashedArrowProgram, line: DashedLineProgram},
        defaultNodeType: "shape",
        defaultEdgeType: "arrow",
        nodeReducer,
        edgeReducer,
        zIndex: true,
        enableEdgeEvents: false,
        renderEdgeLabels: false,
        labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif",
        labelSize: 13,
        labelWeight: "500",
        labelColor: {color: "#1d2433"},
        labelDensity: data.entities.length <= 200 ? 4 : 0.6,
        labelGridCellSize: 90,
        labelRenderedSizeThreshold: 0,
        minEdgeThickness: 1,
        stagePadding: 70,
        // A window resized to nothing (a frame being laid out) is no error: sigma draws again
        // when it has room.
        allowInvalidContainer: true,
        defaultDrawNodeLabel: drawLabel,
    });

    // Room on the right for the labels of the rightmost nodes: the frame is the extent of every
    // entity (whatever the date, so that nothing moves), widened on that side.
    if (data.entities.length) {
        const xs = data.entities.map((e) => Number(e.x) || 0), ys = data.entities.map((e) => Number(e.y) || 0);
        const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
        renderer.setCustomBBox({x: [x0, x1 + Math.max(1, x1 - x0) * 0.16], y: [y0, y1]});
    }

    // Edges under the pointer (hit.js): clicks that hit no node, and hovering.
    const count = data.relations.length, n = data.entities.length;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    const edgeDrawn = (i) => {
        const st = view.states.relations[i];
        return st === SHOWN || (st === ENDED && view.showEnded);
    };
    const tolerance = (i) => edgeTolerance(graph.getEdgeAttribute(String(i), "size"),
        view.states.relations[i] !== SHOWN);
    function edgeAt(x, y) {
        if (!count) return -1;
        for (let i = 0; i < n; i++) {
            const d = renderer.getNodeDisplayData(String(i));
            const p = d ? renderer.framedGraphToViewport(d) : {x: NaN, y: NaN};
            xs[i] = p.x;
            ys[i] = p.y;
        }
        return nearestEdge(x, y, {count, from: model.presence.from, to: model.presence.to, xs, ys,
            drawn: edgeDrawn, tolerance});
    }
    let hoveredNode = false, hovered = -1, pending = null;
    const hover = (index, event) => {
        container.classList.toggle("pointing", hoveredNode || index >= 0);
        if (index === hovered && index < 0) return;
        hovered = index;
        handlers.hoverEdge(index, event);
    };
    renderer.on("moveBody", ({event}) => {
        if (pending === null) {
            requestAnimationFrame(() => {
                const e = pending;
                pending = null;
                hover(hoveredNode ? -1 : edgeAt(e.x, e.y), e);
            });
        }
        pending = event;
    });
    renderer.on("leaveStage", () => hover(-1, null));
    renderer.on("enterNode", () => {
        hoveredNode = true;
        hover(-1, null);
    });
    renderer.on("leaveNode", () => {
        hoveredNode = false;
        container.classList.remove("pointing");
    });
    renderer.on("clickNode", ({node}) => handlers.select(`e:${data.entities[Number(node)].id}`));
    renderer.on("clickStage", ({event}) => {
        const i = edgeAt(event.x, event.y);
        handlers.select(i >= 0 ? `r:${data.relations[i].id}` : null);
    });

    /**
     * Draws again: everything (`changes` null: every item through the reducers, then sigma's
     * indexation), or only the entities and relations whose indexes `changes` lists
     * ({entities, relations, reindex}). Without `reindex` the changed items are written in
     * place in sigma's buffers, where they are; with it sigma indexes the whole graph again
     * (label grid, draw order by zIndex) from the display data it has, which a node that
     * appears or leaves, and a selection's zIndex, need. Either way only the listed items go
     * through the reducers.
     */
    function refresh(changes) {
        if (!changes) {
            renderer.refresh();
            return;
        }
        if (!changes.entities.length && !changes.relations.length) return;
        renderer.refresh({
            partialGraph: {nodes: changes.entities.map(String), edges: changes.relations.map(String)},
            skipIndexation: !changes.reindex,
        });
    }

    /** Where an entity ("e", index) or a relation ("r", index) is drawn: viewport CSS pixels. */
    function screenPosition(type, index) {
        const box = container.getBoundingClientRect();
        const at = (i) => {
            const d = renderer.getNodeDisplayData(String(i));
            if (!d) return null;
            const p = renderer.framedGraphToViewport({x: d.x, y: d.y});
            return {x: box.left + p.x, y: box.top + p.y};
        };
        if (type === "e") return at(index);
        const r = data.relations[index];
        const a = at(r.from), b = at(r.to);
        return a && b ? {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2} : null;
    }

    return {
        renderer,
        refresh,
        screenPosition,
    };
}
