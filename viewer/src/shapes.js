// Node shapes: the Graphviz shape names of the ontology (the Shape type of schema/ontology.xsd),
// drawn by node-program.js in the graph and as small SVG figures in the legend. One code per
// drawn figure; close variants share one (a double circle is a circle, a tab or a folder a box,
// an inverted house a house), and plain / plaintext (text without a shape in Graphviz) are
// drawn as circles, since a node needs something to click.

export const SHAPES = ["circle", "box", "diamond", "hexagon", "octagon", "house", "cylinder",
    "note", "triangle", "pentagon", "parallelogram", "trapezium", "star"];

const BY_NAME = {
    ellipse: 0, oval: 0, circle: 0, doublecircle: 0, point: 0, egg: 0,
    box: 1, rect: 1, rectangle: 1, square: 1, component: 1, tab: 1, folder: 1, box3d: 1,
    diamond: 2, mdiamond: 2,
    hexagon: 3,
    octagon: 4, doubleoctagon: 4, tripleoctagon: 4,
    house: 5, invhouse: 5,
    cylinder: 6,
    note: 7,
    triangle: 8, invtriangle: 8,
    pentagon: 9,
    parallelogram: 10,
    trapezium: 11,
    star: 12,
    plain: 0, plaintext: 0,
};

/** Whether a Graphviz shape name has a figure here (an unknown one is drawn as a circle). */
export function knownShape(name) {
    return Object.hasOwn(BY_NAME, String(name || "").toLowerCase());
}

/** The code of a Graphviz shape name (a circle for an unknown one). */
export function shapeCode(name) {
    return BY_NAME[String(name || "").toLowerCase()] ?? 0;
}

// A regular polygon of n sides in a box of radius r around (c, c), flat side at the top when
// `flat`, a vertex at the top otherwise (SVG: y down).
function polygon(n, r, c, flat) {
    const points = [];
    for (let k = 0; k < n; k++) {
        const a = (2 * Math.PI * k) / n + (flat ? Math.PI / n : 0);
        points.push(`${(c + r * Math.sin(a)).toFixed(2)},${(c - r * Math.cos(a)).toFixed(2)}`);
    }
    return points.join(" ");
}

// A five-pointed star of outer radius r around (c, c), a point at the top.
function star(r, c) {
    const points = [];
    for (let k = 0; k < 10; k++) {
        const a = (Math.PI * k) / 5, rr = k % 2 ? r * 0.45 : r;
        points.push(`${(c + rr * Math.sin(a)).toFixed(2)},${(c - rr * Math.cos(a) + r * 0.08).toFixed(2)}`);
    }
    return points.join(" ");
}

/** The SVG element name and attributes of a shape code's figure in a `size` square. */
export function shapeFigure(code, size) {
    const c = size / 2, r = size / 2 - 1;
    const s = (v) => (c + v * r).toFixed(2);
    switch (code) {
    case 1: return ["rect", {x: s(-0.84), y: s(-0.84), width: (1.68 * r).toFixed(2), height: (1.68 * r).toFixed(2)}];
    case 2: return ["polygon", {points: `${c},${s(-1)} ${s(1)},${c} ${c},${s(1)} ${s(-1)},${c}`}];
    case 3: return ["polygon", {points: polygon(6, r * 1.03, c, true)}];
    case 4: return ["polygon", {points: polygon(8, r, c, true)}];
    case 5: return ["polygon", {points: `${c},${s(-0.96)} ${s(0.8)},${s(-0.2)} ${s(0.8)},${s(0.8)} ${s(-0.8)},${s(0.8)} ${s(-0.8)},${s(-0.2)}`}];
    case 6: return ["rect", {x: s(-0.68), y: s(-0.92), width: (1.36 * r).toFixed(2), height: (1.84 * r).toFixed(2), rx: (0.4 * r).toFixed(2)}];
    case 7: return ["polygon", {points: `${s(-0.84)},${s(-0.84)} ${s(0.36)},${s(-0.84)} ${s(0.84)},${s(-0.36)} ${s(0.84)},${s(0.84)} ${s(-0.84)},${s(0.84)}`}];
    case 8: return ["polygon", {points: polygon(3, r, c + r * 0.2, false)}];
    case 9: return ["polygon", {points: polygon(5, r, c + r * 0.08, false)}];
    case 10: return ["polygon", {points: `${s(-0.55)},${s(-0.62)} ${s(0.95)},${s(-0.62)} ${s(0.55)},${s(0.62)} ${s(-0.95)},${s(0.62)}`}];
    case 11: return ["polygon", {points: `${s(-0.45)},${s(-0.66)} ${s(0.45)},${s(-0.66)} ${s(0.9)},${s(0.66)} ${s(-0.9)},${s(0.66)}`}];
    case 12: return ["polygon", {points: star(r, c)}];
    default: return ["circle", {cx: c, cy: c, r: r.toFixed(2)}];
    }
}
