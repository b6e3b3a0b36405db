import {test} from "node:test";
import assert from "node:assert/strict";
import {fold, buildSearchIndex, searchEntities} from "../src/search.js";

const entities = [
    {id: "ecowas", label: "ECOWAS", names: [{text: "ECOWAS", lang: "en"},
        {text: "Cédéao", lang: "fr"}, {text: "Communauté économique des États de l'Afrique de l'Ouest", lang: "fr"}]},
    {id: "mali", label: "Mali", names: [{text: "République du Mali", lang: "fr"}]},
    {id: "malian-army", label: "Forces armées maliennes", names: [{text: "FAMa", alias: true}]},
    {id: "somalia", label: "Somalia", names: []},
    {id: "goita", label: "Assimi Goïta", names: []},
];
const index = buildSearchIndex(entities);
const find = (q) => searchEntities(index, entities, q).map((i) => entities[i].id);

test("fold removes accents and case", () => {
    assert.equal(fold("Cédéao"), "cedeao");
    assert.equal(fold("  ÉTATS  de\tl'Ouest "), "etats de l'ouest");
    assert.equal(fold("Goïta"), "goita");
    assert.equal(fold(null), "");
});

test("any name finds the entity, accents and case ignored", () => {
    assert.deepEqual(find("cedeao"), ["ecowas"]);
    assert.deepEqual(find("CÉDÉAO"), ["ecowas"]);
    assert.deepEqual(find("etats de l"), ["ecowas"]);
    assert.deepEqual(find("goita"), ["goita"]);
    assert.deepEqual(find("fama"), ["malian-army"]);
});

test("exact before prefix before word before inside", () => {
    assert.deepEqual(find("mali"), ["mali", "malian-army", "somalia"]);
    // "ma" begins "mali", begins a word of "forces armees maliennes", is inside "somalia".
    assert.deepEqual(find("ma"), ["mali", "malian-army", "somalia"]);
});

test("empty and unmatched queries find nothing; the limit holds", () => {
    assert.deepEqual(find(""), []);
    assert.deepEqual(find("   "), []);
    assert.deepEqual(find("zzz"), []);
    assert.equal(searchEntities(index, entities, "a", 2).length, 2);
});
