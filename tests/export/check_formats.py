#!/usr/bin/python3
"""Exports INPUT... with tkg in every format and reads each file back with the real readers:
xmllint with the vendored GraphML XSD and GEXF 1.3 RELAX NG grammar, NetworkX and python-igraph
(GraphML), graphology with the versions Gephi Lite pins (GraphML, GEXF, JSON), Graphviz's own
`dot` (every DOT file), Python's XML and CSV parsers. What each reader sees is compared with
what oracle.py computes from the inputs, independently of tkg.

Usage: check_formats.py --tkg TKG --work DIR [--view='VIEW OPTIONS'] [--story] [--long-label]
                        INPUT...
Exit status 0 when every check passes; every failure is printed.
"""

import argparse
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import oracle

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

failures = []


def fail(what, detail):
    failures.append(f"{what}: {detail}")
    print(f"FAIL {what}: {detail}", file=sys.stderr)


def check(cond, what, detail=""):
    if not cond:
        fail(what, detail)
    return cond


def run(cmd, env=None, what=None):
    p = subprocess.run(cmd, capture_output=True, env=env)
    if p.returncode != 0:
        fail(what or " ".join(cmd), f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p


def xmllint(args, path, what):
    p = subprocess.run(["xmllint", "--nonet", "--noout", *args, path], capture_output=True)
    return check(p.returncode == 0, what, p.stderr.decode(errors="replace")[-2000:])


def graphology(fmt, path):
    p = subprocess.run(["node", os.path.join(HERE, "graphology_read.js"), fmt, path],
                       capture_output=True)
    if not check(p.returncode == 0, f"graphology {fmt}", p.stderr.decode(errors="replace")[-2000:]):
        return None
    return json.loads(p.stdout)


def multiset(items):
    out = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return out


# ------------------------------------------------------------------ graphs


def expect_graph(what, model, ents, rels, nodes, edges, tkg_ids=None, raw=False):
    """nodes: {id in the file: (label, kind)}; edges: list of (from, to, kind) with ids as in
    the file; tkg_ids: {id in the file: its tkg_id attribute or None}. DOT and GraphML --strict
    carry encoded ids (oracle.encoded_id), GraphML, GEXF, JSON and CSV (`raw`) the ids as they
    are (oracle.raw_id); an id written otherwise than as it is comes with a tkg_id."""
    enc = oracle.raw_id if raw else oracle.encoded_id
    want_nodes = {enc(e): (oracle.clean(model.entities[e]["label"]), model.entities[e]["kind"])
                  for e in ents}
    check(len(nodes) == len(want_nodes), what, f"{len(nodes)} nodes, expected {len(want_nodes)}")
    for e, (label, kind) in want_nodes.items():
        got = nodes.get(e)
        if not check(got is not None, what, f"node {e!r} missing"):
            continue
        check(got[0] == label, what, f"node {e!r}: label {got[0]!r}, expected {label!r}")
        check(got[1] == kind, what, f"node {e!r}: kind {got[1]!r}, expected {kind!r}")
    if tkg_ids is not None:
        for e in ents:
            want = None if enc(e) == e else oracle.clean(e)
            check(tkg_ids.get(enc(e)) == want, what,
                  f"node {enc(e)!r}: tkg_id {tkg_ids.get(enc(e))!r}, expected {want!r}")
    want = multiset(oracle.relation_key(r, enc) for r in rels)
    got = multiset(edges)
    check(got == want, what, f"edges differ: {len(edges)} edges, expected {len(rels)}; "
          f"extra {sorted(set(got) - set(want))[:5]}, missing {sorted(set(want) - set(got))[:5]}")


def precision(t):
    """1 (year), 2 (month) or 3 (day): the parts of a date as written before any '#'."""
    parts = t.split("-")
    n = 0
    while n < len(parts) and "#" not in parts[n]:
        n += 1
    return n


def edge_dates(what, rels, found, raw=False):
    """found: list of (from, to, kind, attrs) with string attributes start_date, ..."""
    want = {}
    for r in rels:
        a, b = r["iv"]
        first = oracle.iso(a) if a != oracle.OPEN_START else None
        last = oracle.iso(b - 1) if b != oracle.OPEN_END else None
        # the text as written, when it says more than the full date beside it, or when its
        # precision is finer than `precision`, the coarser bound's, which would cut it
        coarsest = min((precision(t) for t in (r["start"], r["end"]) if t), default=None)

        def text(t, full):
            return t if t and (t != full or precision(t) != coarsest) else None
        want.setdefault(oracle.relation_key(r, oracle.raw_id if raw else oracle.encoded_id),
                        []).append((first, last, text(r["start"], first), text(r["end"], last)))
    for f, t, k, attrs in found:
        got = (attrs.get("start_date"), attrs.get("end_date"), attrs.get("start_raw"),
               attrs.get("end_raw"))
        for d in got[:2]:
            check(d is None or ISO.match(d), what, f"edge {f}->{t}: date {d!r} is not YYYY-MM-DD")
        options = want.get((f, t, k), [])
        if check(got in options, what, f"edge {f}->{t} {k}: dates {got}, expected one of {options}"):
            options.remove(got)


# --------------------------------------------------------------- formats


def check_graphml(model, ents, rels, path, strict_path, story):
    xmllint(["--schema", os.path.join(SCHEMAS, "graphml", "graphml.xsd")], strict_path,
            "graphml --strict validates against the GraphML XSD")
    plain = open(path, encoding="utf-8").read()
    strict = open(strict_path, encoding="utf-8").read()
    # The default file has the ids as they are, --strict encodes those that are not NMTOKENs:
    # with only plain ids, the two differ by the <edge label> attributes alone.
    # (Relation ids are plain: TKG-XML's schema wants them so, quadruples have none.)
    if all(oracle.encoded_id(e) == e for e in ents):
        check(re.sub(r'(<edge [^>]*?) label="[^"]*"', r"\1", plain) == strict, "graphml",
              "the default file differs from --strict by more than the <edge label> attributes")
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k for k in root.iter(GRAPHML + "key")}
    for k in keys.values():
        check(k.get("for") in ("node", "edge", "graph"), "graphml key", f"for={k.get('for')!r}")
        check(k.get("attr.type") in ("boolean", "int", "long", "float", "double", "string"),
              "graphml key", f"attr.type={k.get('attr.type')!r}")
    for e in root.iter(GRAPHML + "edge"):
        check(e.get("directed") is None, "graphml", "an edge carries 'directed'")
    for d in root.iter(GRAPHML + "data"):
        if keys[d.get("key")].get("attr.type") in ("double", "long", "int"):
            check(d.text and re.match(r"^-?\d+(\.\d+)?$", d.text), "graphml number",
                  f"key {d.get('key')}: {d.text!r}")

    import networkx as nx

    g = nx.read_graphml(path, force_multigraph=True)
    nodes = {n: (d.get("label"), d.get("kind")) for n, d in g.nodes(data=True)}
    tkg_ids = {n: d.get("tkg_id") for n, d in g.nodes(data=True)}
    edges = [(u, v, d.get("kind")) for u, v, d in g.edges(data=True)]
    expect_graph("networkx graphml", model, ents, rels, nodes, edges, tkg_ids, raw=True)
    keys_seen = [k for _, _, k in g.edges(keys=True)]
    check(len(set(keys_seen)) == len(keys_seen), "graphml", "edge ids are not unique")
    edge_dates("networkx graphml", rels, [(u, v, d.get("kind"), d) for u, v, d in g.edges(data=True)],
               raw=True)
    gs = nx.read_graphml(strict_path, force_multigraph=True)
    expect_graph("networkx graphml --strict", model, ents, rels,
                 {n: (d.get("label"), d.get("kind")) for n, d in gs.nodes(data=True)},
                 [(u, v, d.get("kind")) for u, v, d in gs.edges(data=True)],
                 {n: d.get("tkg_id") for n, d in gs.nodes(data=True)})
    for n, d in g.nodes(data=True):
        check(isinstance(d.get("x"), float) and math.isfinite(d["x"]) and
              isinstance(d.get("y"), float), "graphml positions", f"node {n!r}: no x/y")
        check(re.match(r"^#[0-9a-f]{6}$", d.get("color", "")), "graphml color", repr(d.get("color")))
        check(isinstance(d.get("size"), float), "graphml size", repr(d.get("size")))

    import igraph

    ig = igraph.Graph.Read_GraphML(path)
    ids = ig.vs["id"]
    nodes = {v["id"]: (v["label"], v["kind"]) for v in ig.vs}
    edges = [(ids[e.source], ids[e.target], e["kind"]) for e in ig.es]
    expect_graph("igraph graphml", model, ents, rels, nodes, edges, raw=True)

    for p, name, raw in ((path, "graphology graphml", True),
                         (strict_path, "graphology graphml --strict", False)):
        gy = graphology("graphml", p)
        if gy:
            nodes = {k: (a.get("label"), a.get("kind")) for k, a in gy["nodes"].items()}
            edges = [(e["source"], e["target"], e["attributes"].get("kind")) for e in gy["edges"]]
            expect_graph(name, model, ents, rels, nodes, edges,
                         {k: a.get("tkg_id") for k, a in gy["nodes"].items()}, raw=raw)


def spells(el):
    """An element's time: its <spells>, or its own start and end (one interval)."""
    sp = el.find(GEXF + "spells")
    if sp is not None:
        return [(s.get("start"), s.get("end")) for s in sp.iter(GEXF + "spell")]
    if el.get("start") or el.get("end"):
        return [(el.get("start"), el.get("end"))]
    return []


def check_gexf(model, ents, rels, path, story):
    xmllint(["--relaxng", os.path.join(SCHEMAS, "gexf-1.3", "gexf.rng")], path,
            "gexf validates against the GEXF 1.3 RELAX NG grammar")
    root = ET.parse(path).getroot()
    graph = root.find(GEXF + "graph")
    check(graph.get("mode") == "dynamic" and graph.get("timeformat") == "date", "gexf",
          "the graph is not dynamic with date time")
    blocks = [a.get("class") for a in graph.findall(GEXF + "attributes")]
    check(sorted(blocks) == ["edge", "node"], "gexf", f"attribute blocks {blocks}")
    for a in graph.iter(GEXF + "attribute"):
        check(a.get("id") == a.get("title"), "gexf", f"attribute id {a.get('id')!r} != title")
        check(a.get("type") != "anyURI", "gexf", "anyURI attribute")
    for c in root.iter(VIZ + "color"):
        check(c.get("a") is None and c.get("hex") is None, "gexf", "viz:color with a or hex")
    node_spells = {}
    for n in graph.iter(GEXF + "node"):
        node_spells[n.get("id")] = spells(n)

    def day(t, default):
        return oracle.first_day(t) if t else default

    all_days = []
    for el in list(graph.iter(GEXF + "node")) + list(graph.iter(GEXF + "edge")):
        sp = [(day(a, oracle.OPEN_START), day(b, oracle.OPEN_END)) for a, b in spells(el)]
        for a, b in spells(el):
            check((a is None or ISO.match(a)) and (b is None or ISO.match(b)), "gexf spell",
                  f"{el.get('id')}: {a!r}..{b!r} not full dates")
        for (a1, b1), (a2, b2) in zip(sp, sp[1:]):
            check(a2 > b1 + 1, "gexf spells", f"{el.get('id')}: spells overlap or touch")
        for a, b in sp:
            check(a <= b, "gexf spell", f"{el.get('id')}: ends before it starts")
            all_days += [d for d in (a, b) if d not in (oracle.OPEN_START, oracle.OPEN_END)]
    for e in graph.iter(GEXF + "edge"):
        for end in (e.get("source"), e.get("target")):
            cover = node_spells.get(end)
            if not cover:
                continue  # no spells: always present
            for a, b in spells(e):
                a = day(a, oracle.OPEN_START)
                b = day(b, oracle.OPEN_END)
                ok = any(day(x, oracle.OPEN_START) <= a and b <= day(y, oracle.OPEN_END)
                         for x, y in cover)
                check(ok, "gexf spells", f"edge {e.get('id')}: node {end!r} does not cover it")
    if story:
        # Gephi's timeline spans the spells: MINUSMA from 2013-04-25 to 2024-11-15.
        check(node_spells.get("minusma") == [("2013-04-25", "2024-11-15")], "gexf story",
              f"MINUSMA's spells {node_spells.get('minusma')}")
        check(all_days and oracle.iso(min(all_days)) == "2013-04-25" and
              oracle.iso(max(all_days)) == "2024-11-15", "gexf story",
              f"timeline {oracle.iso(min(all_days))}..{oracle.iso(max(all_days))}")
        deployed = [e for e in graph.iter(GEXF + "edge") if e.get("kind") == "deployed_in"]
        check([spells(e) for e in deployed] == [[("2013-04-25", "2024-11-15")]], "gexf story",
              "MINUSMA deployed in Mali: spell")

    nodes, tkg_ids = {}, {}
    for n in graph.iter(GEXF + "node"):
        values = {v.get("for"): v.get("value") for v in n.iter(GEXF + "attvalue")}
        nodes[n.get("id")] = (n.get("label"), values.get("kind"))
        tkg_ids[n.get("id")] = values.get("tkg_id")
    edges = [(e.get("source"), e.get("target"), e.get("kind")) for e in graph.iter(GEXF + "edge")]
    expect_graph("gexf (ElementTree)", model, ents, rels, nodes, edges, tkg_ids, raw=True)
    found = []
    for e in graph.iter(GEXF + "edge"):
        attrs = {v.get("for"): v.get("value") for v in e.iter(GEXF + "attvalue")}
        found.append((e.get("source"), e.get("target"), e.get("kind"), attrs))
    edge_dates("gexf", rels, found, raw=True)
    gy = graphology("gexf", path)
    if gy:
        nodes = {k: (a.get("label"), a.get("kind")) for k, a in gy["nodes"].items()}
        edges = [(e["source"], e["target"], e["attributes"].get("kind")) for e in gy["edges"]]
        expect_graph("graphology gexf", model, ents, rels, nodes, edges, raw=True)
        for k, a in gy["nodes"].items():
            check(re.match(r"^rgb\(\d+,\d+,\d+\)$", a.get("color", "")), "graphology gexf color",
                  f"{k!r}: {a.get('color')!r}")


def check_json(model, ents, rels, path):
    data = json.load(open(path, encoding="utf-8"))
    keys = [e["key"] for e in data["edges"]]
    check(len(set(keys)) == len(keys), "json", "edge keys are not unique")
    nodes = {n["key"]: (n["attributes"].get("label"), n["attributes"].get("kind"))
             for n in data["nodes"]}
    edges = [(e["source"], e["target"], e["attributes"].get("kind")) for e in data["edges"]]
    expect_graph("json (python)", model, ents, rels, nodes, edges,
                 {n["key"]: n["attributes"].get("tkg_id") for n in data["nodes"]}, raw=True)
    edge_dates("json", rels, [(e["source"], e["target"], e["attributes"].get("kind"),
                               e["attributes"]) for e in data["edges"]], raw=True)
    gy = graphology("json", path)
    if gy:
        nodes = {k: (a.get("label"), a.get("kind")) for k, a in gy["nodes"].items()}
        edges = [(e["source"], e["target"], e["attributes"].get("kind")) for e in gy["edges"]]
        expect_graph("graphology json", model, ents, rels, nodes, edges, raw=True)


def check_csv(model, ents, rels, directory):
    with open(os.path.join(directory, "nodes.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    check(head[:2] == ["id:ID", ":LABEL"], "csv nodes", f"header {head[:2]}")
    col = {h: i for i, h in enumerate(head)}
    nodes = {r[0]: (r[col["label"]], r[col["kind"]]) for r in rows[1:]}
    expect_graph("csv", model, ents, [], nodes, [],
                 {r[0]: r[col["tkg_id"]] or None for r in rows[1:]}, raw=True)
    by_enc = {oracle.raw_id(e): e for e in ents}
    for r in rows[1:]:
        want = ";".join(oracle.ancestors(model, model.entities[by_enc[r[0]]]["kind"]))
        check(r[1] == want, "csv :LABEL", f"{r[0]!r}: {r[1]!r}, expected {want!r}")
    with open(os.path.join(directory, "relationships.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    check(head[:3] == [":START_ID", ":END_ID", ":TYPE"], "csv relationships", f"header {head[:3]}")
    col = {h: i for i, h in enumerate(head)}
    edges = [(r[0], r[1], r[2]) for r in rows[1:]]
    check(multiset(edges) == multiset(oracle.relation_key(r, oracle.raw_id) for r in rels),
          "csv relationships",
          f"{len(edges)} relationships, expected {len(rels)}")
    edge_dates("csv", rels, [(r[0], r[1], r[2], {
        "start_date": r[col["start_date:date"]] or None, "end_date": r[col["end_date:date"]] or None,
        "start_raw": r[col["start_raw"]] or None, "end_raw": r[col["end_raw"]] or None})
        for r in rows[1:]], raw=True)


def svg_texts(g):
    return [t.text or "" for t in g.iter(SVG + "text")]


def check_svg(model, ents, rels, path, what, long_label):
    """Every node: a <g id="n-ID" class="node KIND">, its text the label and the validity,
    its tooltip starting with the label; every edge a <g id="r-..." class="edge KIND">."""
    if not xmllint([], path, f"{what} is well-formed XML"):
        return
    root = ET.parse(path).getroot()
    groups = {g.get("id"): g for g in root.iter(SVG + "g") if g.get("id")}
    by_enc = {oracle.encoded_id(e): e for e in ents}
    seen = set()
    for gid, g in groups.items():
        cls = (g.get("class") or "").split()
        if cls[:1] != ["node"]:
            continue
        check(gid.startswith("n-") and gid[2:] in by_enc, what, f"node group id {gid!r}")
        e = by_enc.get(gid[2:])
        if e is None:
            continue
        seen.add(e)
        ent = model.entities[e]
        check(cls[1:2] == [ent["kind"]], what, f"{e!r}: class {cls}")
        label = oracle.clean(ent["label"])
        want = oracle.collapse(label + "\n" + oracle.validity(ent["start"], ent["end"]))
        got = oracle.collapse(" ".join(svg_texts(g)))
        if got.endswith("\u2026"):
            check(long_label and len(label.encode()) > 300 and
                  oracle.collapse(label).startswith(got[:-1].rstrip()), what,
                  f"{e!r}: label shortened: {got[:80]!r}")
        else:
            check(got == want, what, f"{e!r}: label {got!r}, expected {want!r}")
        tips = [a.get(XLINK + "title") for a in g.iter(SVG + "a") if a.get(XLINK + "title")]
        if check(tips, what, f"{e!r}: no tooltip"):
            tip = oracle.collapse(tips[0])
            if tip.endswith("\u2026") and long_label:
                check(oracle.collapse(label).startswith(tip[:-1].rstrip()[:1000]), what,
                      f"{e!r}: tooltip {tip[:80]!r}")
            else:
                check(tip.startswith(oracle.collapse(label)), what,
                      f"{e!r}: tooltip {tip[:120]!r} does not start with the label")
    check(seen == set(ents), what, f"nodes missing from the SVG: {sorted(set(ents) - seen)[:5]}")
    edges = []
    for gid, g in groups.items():
        cls = (g.get("class") or "").split()
        if cls[:1] != ["edge"]:
            continue
        check(gid.startswith("r-"), what, f"edge group id {gid!r}")
        title = g.find(SVG + "title").text
        a, b = title.split("->")
        edges.append((a, b, cls[1] if len(cls) > 1 else None))
    enc = oracle.encoded_id
    want = multiset((enc(r["from"]), enc(r["to"]), enc(r["kind"])) for r in rels)
    check(multiset(edges) == want, what,
          f"{len(edges)} edges, expected {len(rels)}")


def check_dot(model, ents, rels, path, work, long_label):
    """Graphviz's own `dot` re-reads the DOT we wrote, with the labels intact."""
    svg = os.path.join(work, "reread.svg")
    p = subprocess.run(["dot", "-Tsvg", "-o", svg, path], capture_output=True)
    err = p.stderr.decode(errors="replace")
    if check(p.returncode == 0 and "rror" not in err, "dot re-reads our DOT", err[-2000:]):
        check_svg(model, ents, rels, svg, "dot -Tsvg of our DOT", long_label)


# ------------------------------------------------------------------- main


def export(tkg, args, out, env=None):
    return run([tkg, "export", *args, "-o", out], env=env, what=f"tkg export -o {out}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tkg", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--view", default="", help="view options for tkg export, in one argument "
                    "written --view='--at 2023-06-01 --around mali'")
    ap.add_argument("--story", action="store_true", help="check the MINUSMA timeline")
    ap.add_argument("--long-label", action="store_true", help="labels may be shortened")
    ap.add_argument("--pdf-may-vary", action="store_true",
                    help="skip the byte-identity check of the PDF (cairo 1.16 may print the last "
                         "digit of a coordinate differently from run to run on large graphs)")
    ap.add_argument("--ontology", default=os.path.join(oracle.source_dir(), "schema",
                                                       "ontology.xml"))
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    model = oracle.load(a.inputs, a.ontology)
    at = window = around = relations = kinds = None
    depth = 1
    v = a.view.split()
    for i, opt in enumerate(v):
        if opt == "--at":
            at = oracle.first_day(v[i + 1])
        elif opt == "--around":
            around = v[i + 1]
        elif opt == "--depth":
            depth = int(v[i + 1])
        elif opt == "--relation":
            relations = v[i + 1].split(",")
        elif opt == "--kind":
            kinds = v[i + 1].split(",")
        elif opt in ("--from", "--to"):
            window = window or [oracle.OPEN_START, oracle.OPEN_END]
            window[opt == "--to"] = (oracle.first_day if opt == "--from" else oracle.last_day)(
                v[i + 1])
    ents, rels = oracle.view(model, at, window, around, depth, relations, kinds)
    print(f"{len(ents)} entities, {len(rels)} relations in the view")
    check(ents, "view", "the view is empty: nothing would be tested")

    w = lambda name: os.path.join(a.work, name)
    base = [*v, *a.inputs]
    # Diagrams draw every entity of the view with --all (else at most 200: check_layout.py).
    every = lambda fmt: ["--all"] if fmt in ("dot", "svg", "png", "pdf") else []
    for fmt in ("dot", "svg", "png", "pdf", "graphml", "gexf", "json"):
        export(a.tkg, ["-f", fmt, *every(fmt), *base], w("out." + fmt))
    export(a.tkg, ["--strict", *base], w("strict.graphml"))
    export(a.tkg, ["-f", "csv", *base], w("csv"))

    check_dot(model, ents, rels, w("out.dot"), a.work, a.long_label)
    check_svg(model, ents, rels, w("out.svg"), "tkg export -f svg", a.long_label)
    png = open(w("out.png"), "rb").read()
    check(png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", "png", "not a PNG file")
    pdf = open(w("out.pdf"), "rb").read()
    check(pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF"), "pdf", "not a PDF file")
    check_graphml(model, ents, rels, w("out.graphml"), w("strict.graphml"), a.story)
    check_gexf(model, ents, rels, w("out.gexf"), a.story)
    check_json(model, ents, rels, w("out.json"))
    check_csv(model, ents, rels, w("csv"))

    # Byte-identical from run to run, and in the C locale whatever LC_ALL says.
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    other = next((l for l in ("fr_FR.utf8", "de_DE.utf8", "C.utf8") if l in locales), "C.utf8")
    env = dict(os.environ, LC_ALL=other, LANG=other)
    for fmt in ("dot", "svg", "png", "pdf", "graphml", "gexf", "json"):
        if fmt == "pdf" and a.pdf_may_vary:
            continue
        export(a.tkg, ["-f", fmt, *every(fmt), *base], w("again." + fmt), env=env)
        same = open(w("out." + fmt), "rb").read() == open(w("again." + fmt), "rb").read()
        check(same, f"{fmt} is byte-identical", f"a second run with LC_ALL={other} differs")
    export(a.tkg, ["-f", "csv", *base], w("csv-again"), env=env)
    for name in ("nodes.csv", "relationships.csv"):
        same = open(w("csv/" + name), "rb").read() == open(w("csv-again/" + name), "rb").read()
        check(same, f"csv {name} is byte-identical", f"a second run with LC_ALL={other} differs")

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
