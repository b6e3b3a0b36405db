import {test} from "node:test";
import assert from "node:assert/strict";
import {parseData, createModel, resolveSelection, kindLabel} from "../src/model.js";

const text = JSON.stringify({
    format: "tkg-timeline", version: 1, span: {s: 10, e: 20},
    entity_kinds: [{name: "state"}], relation_kinds: [{name: "member_of"}],
    sources: [],
    entities: [{id: "a", label: "A"}, {id: "b:c", label: "B"}, {id: "d", label: "D"}],
    relations: [{id: "r 1", from: 0, to: 1}, {id: "r2", from: 1, to: 1}, {id: "r3", from: 2, to: 0}],
});

test("the data is checked: format and version", () => {
    assert.throws(() => parseData("{}"), /tkg-timeline version 1/);
    assert.throws(() => parseData(JSON.stringify({format: "tkg-timeline", version: 2})), /version 1/);
    assert.throws(() => parseData("@TKG" + "_DATA@"), SyntaxError);
    const d = parseData(JSON.stringify({format: "tkg-timeline", version: 1}));
    assert.deepEqual([d.entities, d.relations, d.sources], [[], [], []]);
});

test("selections resolve by id, colons and spaces included; unknown ones to null", () => {
    const m = createModel(parseData(text));
    assert.deepEqual(resolveSelection(m, "e:b:c"), {type: "e", index: 1});
    assert.deepEqual(resolveSelection(m, "r:r 1"), {type: "r", index: 0});
    for (const bad of [null, "", "e:", "x:a", "e:zz", "r:a", "ea"]) {
        assert.equal(resolveSelection(m, bad), null, String(bad));
    }
});

test("each entity's relations, a relation from an entity to itself once", () => {
    const m = createModel(parseData(text));
    assert.deepEqual(m.incident, [[0, 2], [0, 1], [2]]);
    assert.deepEqual(m.bounds, {first: 10, last: 19});
    assert.equal(kindLabel("member_of"), "member of");
});
