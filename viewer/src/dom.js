// Building DOM nodes from data as text only: strings become text nodes, never markup.

const SVG = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.setAttribute("class", value);
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        node.append(typeof child === "string" || typeof child === "number" ?
            document.createTextNode(String(child)) : child);
    }
    return node;
}

/** An HTML element with attributes (on* keys add listeners) and children (strings as text). */
export function el(tag, attrs, ...children) {
    return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, as el. */
export function svg(tag, attrs, ...children) {
    return fill(document.createElementNS(SVG, tag), attrs, children);
}

/** `node` emptied, then given `children`. */
export function replaceChildren(node, ...children) {
    node.replaceChildren();
    return fill(node, null, children);
}

/** A URL as a link when it is http or https, as plain text otherwise (javascript:, data:…). */
export function safeLink(url, text) {
    let ok = false;
    try {
        const parsed = new URL(url);
        ok = parsed.protocol === "http:" || parsed.protocol === "https:";
    } catch {
        ok = false;
    }
    if (!ok) return el("span", {class: "url"}, text ?? url);
    return el("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, text ?? url);
}
