import {test} from "node:test";
import assert from "node:assert/strict";
import {parseFragment, formatFragment} from "../src/fragment.js";

test("a full state round-trips, ids with reserved characters included", () => {
    const state = {date: "2013-04-01", mode: "window", from: "2012-01-01", to: "2014-12-31",
        selection: "r:mali member_of&ecowas#1=2", measure: "pagerank"};
    const hash = formatFragment(state);
    assert.equal(hash, "#date=2013-04-01&mode=window&from=2012-01-01&to=2014-12-31" +
        "&sel=r:mali%20member_of%26ecowas%231%3D2&measure=pagerank");
    const back = parseFragment(hash);
    assert.deepEqual(back, {date: "2013-04-01", mode: "window", from: "2012-01-01",
        to: "2014-12-31", sel: "r:mali member_of&ecowas#1=2", measure: "pagerank"});
});

test("entity ids with accents and colons", () => {
    const hash = formatFragment({date: "2020-01-01", mode: "date", selection: "e:Cédéao:2",
        measure: null, from: null, to: null});
    assert.equal(hash, "#date=2020-01-01&mode=date&sel=e:C%C3%A9d%C3%A9ao%3A2");
    assert.equal(parseFragment(hash).sel, "e:Cédéao:2");
});

test("damaged or foreign fragments keep what is valid", () => {
    assert.deepEqual(parseFragment(""), {});
    assert.deepEqual(parseFragment("#"), {});
    assert.deepEqual(parseFragment("#date=2023-02-30&mode=month&sel=x:1&measure="), {});
    assert.deepEqual(parseFragment("#date=2023-02-28&junk&sel=%E0%A4%A&other=1&measure=degree"),
        {date: "2023-02-28", measure: "degree"});
    assert.deepEqual(parseFragment("date=1999-12-31"), {date: "1999-12-31"});
    assert.deepEqual(parseFragment("#sel=e:"), {});
});

test("an empty state gives an empty fragment", () => {
    assert.equal(formatFragment({date: null, mode: null, selection: null}), "");
});
