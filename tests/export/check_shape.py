#!/usr/bin/python3
"""Ids, symmetric relations and bulk entities' spells, the same through every reader.

Usage: check_shape.py TKG SOURCE_DIR WORK {ids|symmetric|spells} INPUT

- ids: `tkg export` of INPUT as GraphML, GraphML --strict, GEXF, graphology JSON and CSV;
  NetworkX (GraphML), python-igraph (GraphML, its `id` vertex attribute), graphology
  (GraphML, GEXF, JSON: Gephi Lite's reader) and Python's csv module see as node ids exactly
  the entity ids that `tkg query --entities --format tsv` lists, `G.nodes[ID]` works for ids
  with spaces, and every reader sees the same edge ids (unique, one per relation) with the
  same source, target and kind. The --strict file validates against the GraphML XSD, its ids
  are NMTOKENs, and tkg reads both GraphML files back to the same entity ids.
- symmetric: every reader sees every relation as one directed edge from -> to whose
  `symmetric` attribute is the boolean true for the ontology's symmetric kinds (allied_with)
  and false for the others, as `tkg query` lists them; INPUT must hold a symmetric relation.
- spells: the GEXF validates against the GEXF 1.3 RELAX NG grammar, graphology parses it and
  sees every entity, and in a plain XML read every node's spell is the span of its edges
  (first start to last end), computed here from the quadruple file INPUT itself
  (TAB-separated: subject, relation, object, date) and from the edges of the file.
"""
import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")
GEXF = "{http://gexf.net/1.3}"
NMTOKEN = re.compile(r"^[A-Za-z0-9_.:\-\u00b7]+$")
FAILS = []


def check(ok, what, detail=""):
    if not ok:
        FAILS.append(f"{what}: {detail}")
        print(f"FAIL {what}: {detail}")
    return ok


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8")


def unescape_tsv(field):
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def tsv_rows(text):
    lines = text.split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, map(unescape_tsv, line.split("\t")))) for line in lines[1:] if line]


def graphology(fmt, path):
    p = subprocess.run(["node", os.path.join(HERE, "graphology_read.js"), fmt, path],
                       capture_output=True)
    if not check(p.returncode == 0, f"graphology {fmt}", p.stderr.decode(errors="replace")[-2000:]):
        return None
    return json.loads(p.stdout)


class Exports:
    """Every graph file of one input, written once."""

    def __init__(self, tkg, work, inp):
        self.tkg, self.work, self.inp = tkg, work, inp
        os.makedirs(work, exist_ok=True)
        self.entities = [r["id"] for r in tsv_rows(
            run([tkg, "query", "--entities", "--format", "tsv", inp]))]
        self.relations = tsv_rows(run([tkg, "query", "--format", "tsv", inp]))
        self.path = {}
        for name, args in (("graphml", ["-f", "graphml"]),
                           ("strict", ["-f", "graphml", "--strict"]),
                           ("gexf", ["-f", "gexf"]), ("json", ["-f", "json"]),
                           ("csv", ["-f", "csv"])):
            out = os.path.join(work, {"csv": "csv", "strict": "strict.graphml"}.get(name, f"out.{name}"))
            run([tkg, "export", *args, "--layout", "none", "-o", out, inp])
            self.path[name] = out

    def csv_rows(self, name):
        with open(os.path.join(self.path["csv"], name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        return [dict(zip(rows[0], r)) for r in rows[1:]]


def networkx_graph(path):
    import networkx as nx
    return nx.read_graphml(path, force_multigraph=True)


# ------------------------------------------------------------------------------ ids


def check_ids(x):
    want = set(x.entities)
    check(len(want) == len(x.entities), "tkg query --entities", "an id is listed twice")
    edges = {}  # reader -> {edge id: (source, target, kind)}

    def edge_map(reader, triples):
        ids = [t[0] for t in triples]
        check(len(ids) == len(set(ids)), reader, "edge ids are not unique")
        check(len(ids) == len(x.relations), reader,
              f"{len(ids)} edges, but tkg query lists {len(x.relations)} relations")
        edges[reader] = {t[0]: t[1:] for t in triples}

    def nodes(reader, got):
        got = list(got)
        check(len(got) == len(set(got)), reader, "a node id occurs twice")
        got = set(got)
        check(got == want, reader, f"node ids differ from tkg query's: extra "
              f"{sorted(got - want)[:5]}, missing {sorted(want - got)[:5]}")

    g = networkx_graph(x.path["graphml"])
    nodes("networkx graphml", g.nodes)
    spaced = [e for e in x.entities if " " in e]
    if "John Kerry" in want:
        spaced.insert(0, "John Kerry")
    for e in spaced[:20]:
        try:
            d = g.nodes[e]
            check(d.get("label") is not None, "networkx graphml", f"G.nodes[{e!r}] has no label")
        except KeyError:
            check(False, "networkx graphml", f"G.nodes[{e!r}] raises KeyError")
    edge_map("networkx graphml", [(k, u, v, d.get("kind"))
                                  for u, v, k, d in g.edges(keys=True, data=True)])

    import igraph
    ig = igraph.Graph.Read_GraphML(x.path["graphml"])
    # igraph 0.10 reads '&' in an id attribute as "&#38;": tkg writes such ids in tkg_id too.
    attrs = ig.vs.attributes()
    for v in ig.vs:
        tid = (v["tkg_id"] if "tkg_id" in attrs else None) or None  # igraph: "" when absent
        if tid and "&" in tid:
            check(v["id"] == tid.replace("&", "&#38;"), "igraph graphml",
                  f"id {v['id']!r} beside tkg_id {tid!r}")
        else:
            check(tid is None, "igraph graphml", f"id {v['id']!r} has a tkg_id {tid!r}")
    ids = [(v["tkg_id"] if "tkg_id" in attrs else None) or v["id"] for v in ig.vs]
    check(sum(i != v["id"] for i, v in zip(ids, ig.vs)) == sum("&" in e for e in x.entities),
          "igraph graphml", "ids other than those with '&' differ from their tkg_id")
    nodes("igraph graphml", ids)
    edge_map("igraph graphml", [(e["id"], ids[e.source], ids[e.target], e["kind"])
                                for e in ig.es])

    for fmt in ("graphml", "gexf", "json"):
        gy = graphology(fmt, x.path[fmt])
        if gy:
            nodes(f"graphology {fmt}", gy["nodes"].keys())
            edge_map(f"graphology {fmt}", [(e["key"], e["source"], e["target"],
                                            e["attributes"].get("kind")) for e in gy["edges"]])

    nodes("csv nodes.csv", [r["id:ID"] for r in x.csv_rows("nodes.csv")])
    edge_map("csv relationships.csv", [(r.get("edge_id"), r[":START_ID"], r[":END_ID"], r[":TYPE"])
                                       for r in x.csv_rows("relationships.csv")])

    # The same edge ids, each with the same ends and kind, whichever the format and reader.
    first = "networkx graphml"
    for reader, m in edges.items():
        check(m == edges[first], f"edge ids: {reader}",
              f"differ from {first}'s: " + str(sorted(set(m.items()) ^ set(edges[first].items()))[:4]))
    # ... and the relations tkg query lists.
    want_rel = sorted((r["from"], r["to"], r["kind"]) for r in x.relations)
    check(sorted(edges[first].values()) == want_rel, "edges",
          "(source, target, kind) differ from the relations of tkg query")

    # --strict: schema-valid (NMTOKEN ids), the originals beside them, read back by tkg.
    p = subprocess.run(["xmllint", "--noout", "--schema",
                        os.path.join(SCHEMAS, "graphml", "graphml.xsd"), x.path["strict"]],
                       capture_output=True)
    check(p.returncode == 0, "graphml --strict validates against the GraphML XSD",
          p.stderr.decode(errors="replace")[-1500:])
    gs = networkx_graph(x.path["strict"])
    for n, d in gs.nodes(data=True):
        check(NMTOKEN.match(n), "graphml --strict", f"node id {n!r} is not an NMTOKEN")
        check((d.get("tkg_id") or n) in want, "graphml --strict",
              f"node {n!r}: neither it nor its tkg_id {d.get('tkg_id')!r} is an entity id")
    check({d.get("tkg_id") or n for n, d in gs.nodes(data=True)} == want, "graphml --strict",
          "the ids restored from tkg_id differ from tkg query's")
    for name in ("graphml", "strict"):
        back = [r["id"] for r in tsv_rows(run([x.tkg, "query", "--entities", "--format", "tsv",
                                                x.path[name]]))]
        check(set(back) == want and len(back) == len(want), f"tkg reads {name} back",
              f"extra {sorted(set(back) - want)[:5]}, missing {sorted(want - set(back))[:5]}")
        rels = tsv_rows(run([x.tkg, "query", "--format", "tsv", x.path[name]]))
        check(sorted((r["from"], r["to"], r["kind"]) for r in rels) == want_rel,
              f"tkg reads {name} back", "the relations differ")


# ------------------------------------------------------------------------ symmetric


def symmetric_kinds(src):
    root = ET.parse(os.path.join(src, "schema", "ontology.xml")).getroot()
    return {el.get("name") for el in root.iter()
            if el.tag.endswith("relation-kind") and el.get("symmetric") in ("true", "1")}


def check_symmetric(x, src):
    sym = symmetric_kinds(src)
    want = sorted((r["from"], r["to"], True, r["kind"] in sym, r["kind"]) for r in x.relations)
    check(any(w[3] for w in want), "symmetric", f"{x.inp} holds no relation of {sorted(sym)}")

    def same(reader, got):
        got = sorted(got)
        for t in got:
            check(isinstance(t[3], bool), reader, f"symmetric is {t[3]!r}, not a boolean: {t}")
        check(got == want, reader, "edges (source, target, directed, symmetric, kind) differ: "
              f"extra {[t for t in got if t not in want][:4]}, "
              f"missing {[t for t in want if t not in got][:4]}")

    g = networkx_graph(x.path["graphml"])
    same("networkx graphml", [(u, v, g.is_directed(), d.get("symmetric"), d.get("kind"))
                              for u, v, d in g.edges(data=True)])
    import igraph
    ig = igraph.Graph.Read_GraphML(x.path["graphml"])
    attrs = ig.vs.attributes()
    ids = [(v["tkg_id"] if "tkg_id" in attrs else None) or v["id"] for v in ig.vs]
    same("igraph graphml", [(ids[e.source], ids[e.target], ig.is_directed(), e["symmetric"],
                             e["kind"]) for e in ig.es])
    for fmt in ("graphml", "gexf", "json"):
        gy = graphology(fmt, x.path[fmt])
        if gy:
            same(f"graphology {fmt}", [(e["source"], e["target"], not e["undirected"],
                                        e["attributes"].get("symmetric"),
                                        e["attributes"].get("kind")) for e in gy["edges"]])
    # GEXF as Gephi reads it: the graph's default edge type, an edge's own type, the
    # attribute's value or its declared default.
    root = ET.parse(x.path["gexf"]).getroot()
    graph = root.find(GEXF + "graph")
    default = {a.get("id"): a.findtext(GEXF + "default")
               for a in graph.iter(GEXF + "attribute")}.get("symmetric")
    rows = []
    for e in graph.iter(GEXF + "edge"):
        values = {v.get("for"): v.get("value") for v in e.iter(GEXF + "attvalue")}
        text = values.get("symmetric", default)
        directed = (e.get("type") or graph.get("defaultedgetype")) == "directed"
        rows.append((e.get("source"), e.get("target"), directed,
                     {"true": True, "false": False}.get(text, text), e.get("kind")))
    same("gexf (ElementTree)", rows)
    # CSV for Neo4j: relationships are directed; symmetric:boolean says the rest.
    same("csv relationships.csv", [(r[":START_ID"], r[":END_ID"], True,
                                    {"true": True, "false": False}.get(r["symmetric:boolean"]),
                                    r[":TYPE"]) for r in x.csv_rows("relationships.csv")])


# --------------------------------------------------------------------------- spells


def check_spells(x):
    p = subprocess.run(["xmllint", "--noout", "--relaxng",
                        os.path.join(SCHEMAS, "gexf-1.3", "gexf.rng"), x.path["gexf"]],
                       capture_output=True)
    check(p.returncode == 0, "gexf validates against the GEXF 1.3 RELAX NG grammar",
          p.stderr.decode(errors="replace")[-1500:])
    # The span of each entity's relations, from the quadruples themselves.
    span = {}
    with open(x.inp, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4:
                continue
            s, _, o, date = fields[:4]
            for e in (s, o):
                lo, hi = span.get(e, (date, date))
                span[e] = (min(lo, date), max(hi, date))
    root = ET.parse(x.path["gexf"]).getroot()
    graph = root.find(GEXF + "graph")

    def spells(el):
        sp = el.find(GEXF + "spells")
        if sp is not None:
            return [(s.get("start"), s.get("end")) for s in sp.iter(GEXF + "spell")]
        if el.get("start") or el.get("end"):
            return [(el.get("start"), el.get("end"))]
        return []

    nodes = {n.get("id"): spells(n) for n in graph.iter(GEXF + "node")}
    check(set(nodes) == set(x.entities), "gexf nodes", "differ from tkg query's entities")
    timed = 0
    for e, sp in nodes.items():
        want = [span[e]] if e in span else []
        timed += bool(want)
        check(sp == want, "gexf node spell (from the quadruples)", f"{e!r}: {sp}, expected {want}")
    check(timed == len(nodes) and timed > 0, "gexf", f"{timed} of {len(nodes)} nodes have a spell")
    # ... and from the file's own edges: first start to last end.
    hull = {}
    for e in graph.iter(GEXF + "edge"):
        for a, b in spells(e):
            for n in (e.get("source"), e.get("target")):
                lo, hi = hull.get(n, (a, b))
                hull[n] = (min(lo, a), max(hi, b))
    for n, sp in nodes.items():
        check(sp == ([hull[n]] if n in hull else []), "gexf node spell (from its edges)",
              f"{n!r}: {sp}, its edges span {hull.get(n)}")
    gy = graphology("gexf", x.path["gexf"])
    if gy:
        check(set(gy["nodes"]) == set(x.entities), "graphology gexf",
              "nodes differ from tkg query's entities")
        check(len(gy["edges"]) == len(x.relations), "graphology gexf",
              f"{len(gy['edges'])} edges, expected {len(x.relations)}")


def main():
    tkg, src, work, part, inp = sys.argv[1:6]
    x = Exports(tkg, work, inp)
    if part == "ids":
        check_ids(x)
    elif part == "symmetric":
        check_symmetric(x, src)
    elif part == "spells":
        check_spells(x)
    else:
        sys.exit(f"unknown part {part}")
    if FAILS:
        print(f"{len(FAILS)} checks failed")
        sys.exit(1)
    print(f"{part} of {os.path.basename(inp)}: all checks passed")


if __name__ == "__main__":
    main()
