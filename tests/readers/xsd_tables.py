#!/usr/bin/python3
"""The declaration tables of src/lib/xsd_tables.c against the schemas they stand for.

tkg checks TKG-XML, ontology and lexicon files with tables written once in C; schema/tkg.xsd,
schema/ontology.xsd and schema/lexicon.xsd stay the published contract. This test parses each .xsd on its own (with
ElementTree, not with tkg) and fails on any difference with the table that tests/unit/xsd_dump
prints: every element, by its path from the root, with its complex type, its children and
their occurrences, its text type, every attribute with its type, required flag and default,
and every simple type with its base, pattern, maxLength, enumeration and white space. It
fails too when a schema uses a construct the table cannot say (a sequence of several
particles, an element that may occur a bounded number of times, ...).

Then the C function that stands for each pattern is held to the pattern: on some 50,000
values (edge cases, their near misses with one character replaced, inserted or deleted, and
random strings over the characters the patterns mention), the verdict
of the table (white space, maxLength, enumeration, pattern, in XSD's order) must be the one
Python's re gives for the pattern translated from XSD's regular expressions. xs:anyURI is
left out: tkg asks libxml2's own URI parser, which is what xmllint uses.

usage: xsd_tables.py XSD_DUMP SOURCE_DIR
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"
UNBOUNDED = None

# The built-in types the schemas use: white space collapsed or not, and their lexical space.
BUILT_IN = {
    "xs:string": (False, None),
    "xs:language": (True, r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*"),
    "xs:boolean": (True, r"true|false|1|0"),
    "xs:anyURI": (True, None),  # libxml2's URI parser: not checked here
}


class Unsupported(Exception):
    pass


def prefixes(path):
    """The namespace prefixes the .xsd declares: URI -> prefix."""
    out = {}
    for _, (prefix, uri) in ET.iterparse(path, events=["start-ns"]):
        out.setdefault(uri, prefix)
    return out


def read_xsd(path):
    ns_prefix = prefixes(path)
    root = ET.parse(path).getroot()
    target = root.get("targetNamespace")
    own = ns_prefix[target]
    if root.get("elementFormDefault") != "qualified" or root.get(
            "attributeFormDefault", "unqualified") != "unqualified":
        raise Unsupported("elements must be qualified and attributes unqualified")
    simple = {f"{own}:{t.get('name')}": t for t in root.findall(XS + "simpleType")}
    complex_ = {f"{own}:{t.get('name')}": t for t in root.findall(XS + "complexType")}
    types = {}

    def simple_type(name):
        if name in types:
            return name
        if name in BUILT_IN:
            types[name] = {"base": None, "pattern": None, "maxLength": 0,
                           "collapse": BUILT_IN[name][0], "enumeration": None}
            return name
        if name not in simple:
            raise Unsupported(f"type {name} is neither built in nor a simple type of the schema")
        r = simple[name].find(XS + "restriction")
        if r is None or r.get("base") not in BUILT_IN or BUILT_IN[r.get("base")][0]:
            raise Unsupported(f"{name}: only restrictions of xs:string are supported")
        facets = [c for c in r if c.tag != XS + "annotation"]
        known = {XS + "pattern", XS + "maxLength", XS + "enumeration"}
        if any(f.tag not in known for f in facets):
            raise Unsupported(f"{name}: facet other than pattern, maxLength, enumeration")
        patterns = [f.get("value") for f in facets if f.tag == XS + "pattern"]
        if len(patterns) > 1:
            raise Unsupported(f"{name}: more than one pattern")
        enum = [f.get("value") for f in facets if f.tag == XS + "enumeration"]
        max_length = [int(f.get("value")) for f in facets if f.tag == XS + "maxLength"]
        types[name] = {"base": r.get("base"), "pattern": patterns[0] if patterns else None,
                       "maxLength": max_length[0] if max_length else 0, "collapse": False,
                       "enumeration": enum or None}
        return name

    def occurs(node):
        lo = int(node.get("minOccurs", "1"))
        hi = node.get("maxOccurs", "1")
        return lo, UNBOUNDED if hi == "unbounded" else int(hi)

    def content(group, repeated=False):
        """A group as (min count of children, element particles): one choice, repeated
        without bound by itself or by the groups around it."""
        lo, hi = occurs(group)
        repeated = repeated or hi is UNBOUNDED
        parts = [c for c in group if c.tag != XS + "annotation"]
        if group.tag == XS + "sequence":
            if len(parts) != 1 or parts[0].tag not in (XS + "choice", XS + "sequence"):
                raise Unsupported("a sequence holds exactly one group")
            inner_lo, children = content(parts[0], repeated)
            return lo * inner_lo, children
        if group.tag != XS + "choice" or not repeated or hi not in (1, UNBOUNDED):
            raise Unsupported("content is a choice repeated without bound")
        children = []
        for p in parts:
            if p.tag != XS + "element" or occurs(p) != (1, 1):
                raise Unsupported("a choice holds elements that occur once each")
            children.append(p)
        return lo, children

    elements = {}

    def element(decl, path):
        name = decl.get("name")
        here = f"{path}/{name}" if path else name
        type_name = decl.get("type")
        ct = complex_[type_name] if type_name else decl.find(XS + "complexType")
        if ct is None:
            raise Unsupported(f"{here}: elements have a complex type")
        entry = {"name": name, "type": type_name, "min_children": 0, "text": None,
                 "attributes": [], "children": []}
        holder = ct
        sc = ct.find(XS + "simpleContent")
        if sc is not None:
            ext = sc.find(XS + "extension")
            if ext is None:
                raise Unsupported(f"{here}: simple content is an extension")
            entry["text"] = simple_type(ext.get("base"))
            holder = ext
        group = [c for c in holder if c.tag in (XS + "sequence", XS + "choice", XS + "all")]
        children = []
        if group:
            entry["min_children"], children = content(group[0])
        for a in holder.findall(XS + "attribute"):
            entry["attributes"].append({"name": a.get("name"),
                                        "type": simple_type(a.get("type", "xs:string")),
                                        "required": a.get("use") == "required",
                                        "default": a.get("default")})
        if holder.find(XS + "anyAttribute") is not None or ct.find(XS + "complexContent"):
            raise Unsupported(f"{here}: anyAttribute, complexContent")
        entry["children"] = [c.get("name") for c in children]
        elements[here] = entry
        for c in children:
            element(c, here)

    roots = root.findall(XS + "element")
    if len(roots) != 1:
        raise Unsupported("one global element, the root")
    element(roots[0], "")
    return {"file": os.path.basename(path), "ns": target, "elements": elements, "types": types}


def translate(pattern):
    """An XSD regular expression (as the schemas use them) as a Python one for fullmatch."""
    p = pattern.replace(r"[\s\S]", "(?s:.)")
    out, i, in_class = [], 0, False
    while i < len(p):
        c = p[i]
        if c == "\\" and p[i + 1] in "sS" and not in_class:
            out.append("[ \t\n\r]" if p[i + 1] == "s" else "[^ \t\n\r]")
            i += 2
            continue
        if c == "\\":
            out.append(p[i:i + 2])
            i += 2
            continue
        in_class = (in_class or c == "[") and c != "]"
        out.append(c)
        i += 1
    return "".join(out)


def expected(name, t, v):
    pattern = t["pattern"] or BUILT_IN.get(name, (False, None))[1]
    if t["collapse"]:
        v = re.sub(r"[ \t\n\r]+", " ", v).strip(" ")
    if t["maxLength"] and len(v) > t["maxLength"]:
        return False
    if t["enumeration"] is not None and v not in t["enumeration"]:
        return False
    return re.fullmatch(translate(pattern), v) is not None if pattern else True


def sample_values(types, rng):
    alphabet = set(" \t\n\r-_.:#@/%'\"&<é\u00a0Q")
    for t in types.values():
        for text in (t["pattern"] or "", *(t["enumeration"] or [])):
            alphabet.update(text)
    alphabet.update("azAZ09fgF")
    alphabet = sorted(alphabet)
    values = ["", " ", "\t", "x", " x ", "Q912", "Q0", "Q", "2024", "2024-07", "2024-07-06",
              "2024-7-01", "2024-07-01x", "#a0b1c2", "#A0B1C2", "#a0b1c", "fr", "en-GB",
              "fr-", "zh-Hant-TW", "abcdefghi", " en ", "en  GB", "true", " false ", "TRUE",
              "a" * 64, "a" * 65, "a" * 200, "a" * 201, "Q" + "1" * 19, "Q" + "1" * 20, "é" * 64,
              "é" * 65, "mali_2", "_x", "-x", ".x", "x.y:z-w", "string", "int ", "box3d",
              "solid", "Solid"]
    for t in types.values():
        values.extend(t["enumeration"] or [])
    # Near misses: each short value with one character replaced by, or inserted before, each
    # character of the alphabet, and with one character deleted.
    for v in [v for v in values if len(v) <= 12]:
        for i in range(len(v) + 1):
            if i < len(v):
                values.append(v[:i] + v[i + 1:])
            for c in alphabet:
                values.append(v[:i] + c + v[i + 1:])
                values.append(v[:i] + c + v[i:])
    for _ in range(4000):
        n = rng.choice([1, 2, 3, 4, 5, 7, 8, 9, 10, 12])
        values.append("".join(rng.choice(alphabet) for _ in range(n)))
    return [v for v in values if "\0" not in v]


def main():
    dump, source = sys.argv[1], sys.argv[2]
    rng = random.Random(11)
    failures = []
    for schema in ("tkg", "ontology", "lexicon"):
        path = os.path.join(source, "schema", schema + ".xsd")
        try:
            want = read_xsd(path)
        except Unsupported as e:
            failures.append(f"{path}: the table cannot say this: {e}")
            continue
        values = sample_values(want["types"], rng)
        with tempfile.NamedTemporaryFile(suffix=".bin") as f:
            f.write(b"".join(v.encode("utf-8") + b"\0" for v in values))
            f.flush()
            got = json.loads(subprocess.run([dump, schema, f.name], check=True,
                                            capture_output=True).stdout)
        for key in ("file", "ns"):
            if got[key] != want[key]:
                failures.append(f"{schema}: {key} {got[key]!r} in the table, {want[key]!r} in "
                                f"the .xsd")
        for where in sorted(set(got["elements"]) | set(want["elements"])):
            g, w = got["elements"].get(where), want["elements"].get(where)
            if g != w:
                failures.append(f"{schema}: element {where}:\n  table: {g}\n  .xsd:  {w}")
        for name in sorted(set(got["types"]) | set(want["types"])):
            g, w = got["types"].get(name), want["types"].get(name)
            if g is None or w is None:
                failures.append(f"{schema}: type {name} only in the "
                                f"{'.xsd' if g is None else 'table'}")
                continue
            verdicts = g.pop("verdicts")
            if g != w:
                failures.append(f"{schema}: type {name}:\n  table: {g}\n  .xsd:  {w}")
                continue
            if name == "xs:anyURI":
                continue
            wrong = [v for v, d in zip(values, verdicts) if (d == "1") != expected(name, w, v)]
            if len(verdicts) != len(values) or wrong:
                failures.append(f"{schema}: type {name}: the table and the pattern disagree on "
                                f"{len(wrong)} values, e.g. {wrong[:5]!r}")
        print(f"{schema}.xsd: {len(want['elements'])} elements, {len(want['types'])} types, "
              f"{len(values)} values compared")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
