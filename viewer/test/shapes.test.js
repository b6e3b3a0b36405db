import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {shapeCode, knownShape, shapeFigure, SHAPES} from "../src/shapes.js";

// The shapes an ontology may give a kind: the Shape type of the repository's schema.
const xsd = readFileSync(new URL("../../schema/ontology.xsd", import.meta.url), "utf8");
const type = xsd.slice(xsd.indexOf('<xs:simpleType name="Shape"'));
const schemaShapes = [...type.slice(0, type.indexOf("</xs:simpleType>"))
    .matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]);

test("every shape of schema/ontology.xsd has a figure", () => {
    assert.ok(schemaShapes.length >= 10, `read ${schemaShapes.length} shapes from the schema`);
    for (const name of schemaShapes) assert.ok(knownShape(name), name);
});

test("distinct figures for the shapes the bundled ontology uses", () => {
    const onto = readFileSync(new URL("../../schema/ontology.xml", import.meta.url), "utf8");
    const used = [...new Set([...onto.matchAll(/shape="([^"]+)"/g)].map((m) => m[1]))];
    const codes = new Map();
    for (const name of used) codes.set(name, shapeCode(name));
    // ellipse and oval are one figure; every other shape gets its own.
    const figures = new Set([...codes.values()]);
    assert.equal(figures.size, used.filter((n) => n !== "oval").length);
});

test("unknown and missing shapes are circles; every code has an SVG figure", () => {
    assert.equal(shapeCode("nonesuch"), 0);
    assert.equal(shapeCode(null), 0);
    assert.equal(knownShape("nonesuch"), false);
    assert.equal(shapeCode("Box"), shapeCode("box"));
    SHAPES.forEach((_, code) => {
        const [tag, attrs] = shapeFigure(code, 16);
        assert.ok(["circle", "rect", "polygon"].includes(tag), `code ${code}`);
        for (const v of Object.values(attrs)) assert.doesNotMatch(String(v), /NaN|undefined/, `code ${code}`);
    });
});
