// A small PNG decoder for screenshots (node's zlib, no dependency): 8-bit RGB or RGBA,
// not interlaced, which is what Chromium writes. Anything else is refused, not guessed.

import { inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a, b, c) {
    const p = a + b - c;
    const pa = Math.abs(p - a);
    const pb = Math.abs(p - b);
    const pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
}

/** Decodes BUF into {width, height, rgba} (rgba: 4 bytes a pixel, row after row). */
export function decodePng(buf) {
    if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
    let pos = 8;
    let header = null;
    const idat = [];
    while (pos + 8 <= buf.length) {
        const len = buf.readUInt32BE(pos);
        const type = buf.toString("latin1", pos + 4, pos + 8);
        const data = buf.subarray(pos + 8, pos + 8 + len);
        pos += 12 + len;
        if (type === "IHDR") {
            header = {
                width: data.readUInt32BE(0),
                height: data.readUInt32BE(4),
                depth: data[8],
                color: data[9],
                interlace: data[12],
            };
        } else if (type === "IDAT") {
            idat.push(data);
        } else if (type === "IEND") {
            break;
        }
    }
    if (!header) throw new Error("PNG without IHDR");
    const { width, height, depth, color, interlace } = header;
    if (depth !== 8 || (color !== 2 && color !== 6) || interlace !== 0) {
        throw new Error(
            `unsupported PNG: depth ${depth}, colour type ${color}, interlace ${interlace}`,
        );
    }
    const channels = color === 6 ? 4 : 3;
    const stride = width * channels;
    const raw = inflateSync(Buffer.concat(idat));
    if (raw.length !== height * (stride + 1)) throw new Error("PNG data of the wrong length");

    const prev = new Uint8Array(stride);
    const line = new Uint8Array(stride);
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
        for (let i = 0; i < stride; i++) {
            const a = i >= channels ? line[i - channels] : 0;
            const b = prev[i];
            const c = i >= channels ? prev[i - channels] : 0;
            let v = src[i];
            if (filter === 1) v += a;
            else if (filter === 2) v += b;
            else if (filter === 3) v += (a + b) >> 1;
            else if (filter === 4) v += paeth(a, b, c);
            else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`);
            line[i] = v & 0xff;
        }
        for (let x = 0; x < width; x++) {
            const o = (y * width + x) * 4;
            rgba[o] = line[x * channels];
            rgba[o + 1] = line[x * channels + 1];
            rgba[o + 2] = line[x * channels + 2];
            rgba[o + 3] = channels === 4 ? line[x * channels + 3] : 255;
        }
        prev.set(line);
    }
    return { width, height, rgba };
}

/**
 * The background (the most frequent colour) and how many pixels differ from it by more than
 * TOLERANCE in some channel.
 */
export function inkStats({ width, height, rgba }, tolerance = 24) {
    const counts = new Map();
    for (let o = 0; o < rgba.length; o += 4) {
        const key = (rgba[o] << 16) | (rgba[o + 1] << 8) | rgba[o + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
    }
    let background = 0;
    let best = -1;
    for (const [key, n] of counts) {
        if (n > best) {
            best = n;
            background = key;
        }
    }
    const br = background >> 16;
    const bg = (background >> 8) & 0xff;
    const bb = background & 0xff;
    let ink = 0;
    for (let o = 0; o < rgba.length; o += 4) {
        if (
            Math.abs(rgba[o] - br) > tolerance ||
            Math.abs(rgba[o + 1] - bg) > tolerance ||
            Math.abs(rgba[o + 2] - bb) > tolerance
        ) {
            ink++;
        }
    }
    return { background: [br, bg, bb], ink, pixels: width * height, colours: counts.size };
}

/** How many pixels of two images of one size differ by more than TOLERANCE in some channel. */
export function pixelsChanged(a, b, tolerance = 24) {
    if (a.width !== b.width || a.height !== b.height) throw new Error("images of different sizes");
    let n = 0;
    for (let o = 0; o < a.rgba.length; o += 4) {
        if (
            Math.abs(a.rgba[o] - b.rgba[o]) > tolerance ||
            Math.abs(a.rgba[o + 1] - b.rgba[o + 1]) > tolerance ||
            Math.abs(a.rgba[o + 2] - b.rgba[o + 2]) > tolerance
        ) {
            n++;
        }
    }
    return n;
}
