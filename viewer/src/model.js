// The data of the page, indexed once: id lookups, kinds, neighbours.

import {createPresence} from "./presence.js";
import {buildSearchIndex} from "./search.js";
import {spanBounds} from "./dates.js";

/** Reads and checks the data JSON of the page (format tkg-timeline, version 1). */
export function parseData(text) {
    const data = JSON.parse(text);
    if (!data || data.format !== "tkg-timeline" || data.version !== 1) {
        throw new Error("this page's data is not tkg-timeline version 1");
    }
    for (const key of ["entity_kinds", "relation_kinds", "sources", "entities", "relations"]) {
        if (!Array.isArray(data[key])) data[key] = [];
    }
    return data;
}

/** The indexes the page works with, built from the data. */
export function createModel(data) {
    const entityIndex = new Map(data.entities.map((e, i) => [e.id, i]));
    const relationIndex = new Map(data.relations.map((r, i) => [r.id, i]));
    const entityKinds = new Map(data.entity_kinds.map((k) => [k.name, k]));
    const relationKinds = new Map(data.relation_kinds.map((k) => [k.name, k]));
    const incident = data.entities.map(() => []);
    data.relations.forEach((r, i) => {
        incident[r.from].push(i);
        if (r.to !== r.from) incident[r.to].push(i);
    });
    return {
        data,
        entityIndex,
        relationIndex,
        entityKinds,
        relationKinds,
        incident,
        presence: createPresence(data),
        search: buildSearchIndex(data.entities),
        bounds: spanBounds(data.span),
    };
}

/** The index of a selection "e:ID" or "r:ID": {type: "e"|"r", index}, or null. */
export function resolveSelection(model, selection) {
    if (typeof selection !== "string" || selection.length < 3 || selection[1] !== ":") return null;
    const type = selection[0], id = selection.slice(2);
    const index = type === "e" ? model.entityIndex.get(id) :
        type === "r" ? model.relationIndex.get(id) : undefined;
    return index === undefined ? null : {type, index};
}

/** A kind name for people: "member_of" as "member of". */
export function kindLabel(name) {
    return String(name ?? "").replace(/_/g, " ");
}
