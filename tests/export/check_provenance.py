#!/usr/bin/python3
"""Provenance through every graph format (docs/export.md, "Provenance"), read by the readers
users have: each relation's and entity's citations (source, quote, locator) and the sources'
metadata, from GraphML by NetworkX and python-igraph, from GraphML, GEXF and JSON by graphology
(as Gephi Lite reads them), from the Neo4j CSV files by Python's csv module; the GraphML
--strict file and the GEXF against their official schemas.

The expected values come from the inputs themselves, read here independently of tkg: a
TKG-XML file (sahel.xml) parsed with ElementTree gives every relation's and entity's
(source, quote) pairs and every source's attributes; a quadruple file (ICEWS) gives, for each
line number, the row that a locator FILE:LINE must point at, and every line must be cited once.

usage: check_provenance.py TKG WORK INPUT...
"""
import collections
import csv
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")
TKG_NS = "{urn:tkg:1}"
SOURCE_FIELDS = ("title", "publisher", "published", "url", "lang")
FAILURES = []
QUADRUPLE_FILES = set()  # the inputs read as quadruples: sources whose citations have lines


def check(cond, what, detail=""):
    if not cond:
        FAILURES.append(f"{what}: {detail}")
    return cond


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)}: exit {p.returncode}\n"
                             + p.stderr.decode("utf-8", "replace"))
    return p.stdout


# ------------------------------------------------------------------ what the inputs say


class Truth:
    def __init__(self):
        self.sources = {}  # id -> {field: value}
        self.relations = collections.defaultdict(list)  # (a, b, kind) -> [(source, quote)]
        self.entities = collections.defaultdict(list)  # id -> [(source, quote)]
        self.lines = {}  # (path, line) -> (from, kind, to, date) of a quadruple file


def rel_key(a, b, kind):
    """Relations are compared without their direction: symmetric ones may be written either
    way, and direction is checked by check_formats.py."""
    return (min(a, b), max(a, b), kind)


def read_tkg_xml(path, truth):
    root = ET.parse(path).getroot()
    for s in root.iter(TKG_NS + "source"):
        truth.sources[s.get("id")] = {k: s.get(k) for k in SOURCE_FIELDS if s.get(k)}

    def cites(el):
        return [(c.get("source"), c.text if c.text else None) for c in el.findall(TKG_NS + "cite")]

    for e in root.iter(TKG_NS + "entity"):
        truth.entities[e.get("id")] += cites(e)
    for r in root.iter(TKG_NS + "relation"):
        truth.relations[rel_key(r.get("from"), r.get("to"), r.get("kind"))] += cites(r)


def clean(text):
    """The writers' cleaning (docs/export.md): C0 controls other than TAB, LF and CR, and the
    noncharacters U+FFFE and U+FFFF, are dropped."""
    return "".join(ch for ch in text if not ((ord(ch) < 0x20 and ch not in "\t\n\r")
                                               or ch in "\ufffe\uffff"))


def read_quadruples(path, truth):
    """ICEWS: subject, relation, object, date per line; the file is a source (id: the path as
    given, title: its name) and each line is a citation of it with that line number."""
    truth.sources[path] = {"title": os.path.basename(path)}
    QUADRUPLE_FILES.add(path)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s, p, o, t = line.rstrip("\n").split("\t")
            truth.lines[(path, n)] = (clean(s), clean(p), clean(o), t)


# ------------------------------------------------------------------ what the readers see


class Seen:
    """One file as a reader saw it: the sources table (None when the format has none), the
    edges (from, to, kind, start_date, citations, flat attributes) and the nodes' citations."""

    def __init__(self, what):
        self.what = what
        self.table = None
        self.edges = []
        self.nodes = {}


def citations(what, text):
    if text in (None, ""):
        return []
    value = json.loads(text)
    check(isinstance(value, list) and all(isinstance(c, dict) for c in value), what,
          f"citations is not an array of objects: {text[:80]!r}")
    return value


def add_edge(seen, a, b, attrs):
    seen.edges.append((a, b, attrs.get("kind"), attrs.get("start_date"),
                       citations(seen.what, attrs.get("citations")),
                       {k: attrs.get(k) for k in ("sources", "quote", "support")}))


def read_networkx(path, what="graphml (NetworkX)"):
    import networkx as nx
    seen = Seen(what)
    g = nx.read_graphml(path)
    seen.table = json.loads(g.graph["sources"]) if "sources" in g.graph else []
    ident = {n: d.get("tkg_id", n) for n, d in g.nodes(data=True)}
    for n, d in g.nodes(data=True):
        seen.nodes[ident[n]] = citations(seen.what, d.get("citations"))
    for a, b, d in g.edges(data=True):
        add_edge(seen, ident[a], ident[b], d)
    return seen


def read_igraph(path):
    import igraph
    seen = Seen("graphml (python-igraph)")
    g = igraph.Graph.Read_GraphML(path)
    seen.table = json.loads(g["sources"]) if "sources" in g.attributes() else []
    names = g.vs.attributes()
    ident = [(v["tkg_id"] if "tkg_id" in names and v["tkg_id"] else v["id"]) for v in g.vs]
    for v in g.vs:
        seen.nodes[ident[v.index]] = citations(
            seen.what, v["citations"] if "citations" in names else None)
    keys = g.es.attributes()
    for e in g.es:
        attrs = {k: e[k] for k in keys}
        add_edge(seen, ident[e.source], ident[e.target], attrs)
    return seen


def read_graphology(fmt, path):
    seen = Seen(f"{fmt} (graphology)")
    out = json.loads(run(["node", os.path.join(HERE, "graphology_read.js"), fmt, path]))
    attrs = out.get("attributes", {})
    seen.table = json.loads(attrs["sources"]) if "sources" in attrs else None
    ident = {k: a.get("tkg_id", k) for k, a in out["nodes"].items()}
    for k, a in out["nodes"].items():
        seen.nodes[ident[k]] = citations(seen.what, a.get("citations"))
    for e in out["edges"]:
        add_edge(seen, ident[e["source"]], ident[e["target"]], e["attributes"])
    return seen


def read_csv_files(directory):
    seen = Seen("csv (Python csv)")
    ident = {}
    with open(os.path.join(directory, "nodes.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ident[row["id:ID"]] = row["tkg_id"] or row["id:ID"]
            seen.nodes[ident[row["id:ID"]]] = citations(seen.what, row["citations"])
    with open(os.path.join(directory, "relationships.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            row["kind"] = row[":TYPE"]
            row["start_date"] = row["start_date:date"] or None
            row["support"] = row["support:long"]
            add_edge(seen, ident[row[":START_ID"]], ident[row[":END_ID"]], row)
    return seen


# ------------------------------------------------------------------ comparisons


def check_sources(seen, truth, inline):
    """The table (GraphML, JSON), else each citation's inline metadata (GEXF, CSV)."""
    what = seen.what
    cited = set()
    for *_, cs, _ in seen.edges:
        cited |= {c.get("source") for c in cs}
    for cs in seen.nodes.values():
        cited |= {c.get("source") for c in cs}
    check(cited and cited <= set(truth.sources), what, f"cited sources {sorted(cited)[:5]} "
          f"not all among the input's {sorted(truth.sources)[:5]}")
    if not inline:
        if not check(seen.table is not None, what, "no sources table"):
            return
        ids = [s.get("id") for s in seen.table]
        check(len(ids) == len(set(ids)), what, "a source twice in the table")
        check(set(ids) == cited, what, f"table {sorted(ids)[:5]} != cited {sorted(cited)[:5]}")
        for s in seen.table:
            meta = {k: v for k, v in s.items() if k != "id"}
            check(meta == truth.sources.get(s["id"]), what,
                  f"source {s['id']}: {meta} != {truth.sources.get(s['id'])}")
        return
    check(seen.table is None, what, "a sources table where none was expected")
    bad = 0
    for cs in [e[4] for e in seen.edges] + list(seen.nodes.values()):
        for c in cs:
            meta = {k: v for k, v in c.items() if k in SOURCE_FIELDS}
            bad += meta != truth.sources.get(c.get("source"))
    check(bad == 0, what, f"{bad} citations whose inline metadata differ from the source's")


def check_flat(seen):
    """`sources` (distinct ids joined with '|'), `quote` (the first one), `support`."""
    bad = []
    for a, b, kind, _, cs, flat in seen.edges:
        ids = list(dict.fromkeys(c["source"] for c in cs))
        quotes = [c["quote"] for c in cs if c.get("quote")]
        want = ("|".join(ids) or None, quotes[0] if quotes else None, len(cs))
        got = (flat["sources"] or None, flat["quote"] or None, int(flat["support"]))
        if want != got:
            bad.append(f"{a}->{b} {kind}: {got} != {want}")
    check(not bad, seen.what, f"{len(bad)} edges with flat attributes unlike their citations, "
          f"e.g. {bad[:2]}")


def check_curated(seen, truth):
    """Every relation's and entity's (source, quote) pairs equal those of the TKG-XML (the
    citations with a locator, of quadruple files, are check_bulk's)."""
    got = collections.defaultdict(list)
    for a, b, kind, _, cs, _ in seen.edges:
        for c in cs:
            check(set(c) <= {"source", "quote", "locator"} | set(SOURCE_FIELDS), seen.what,
                  f"unknown member in {c}")
            check(("locator" in c) == (c["source"] in QUADRUPLE_FILES), seen.what,
                  f"a locator where the source is not a quadruple file, or none where it is: {c}")
        cs = [c for c in cs if "locator" not in c]
        if cs:
            got[rel_key(a, b, kind)] += [(c["source"], c.get("quote")) for c in cs]
    want = {k: sorted(v, key=repr) for k, v in truth.relations.items() if v}
    got = {k: sorted(v, key=repr) for k, v in got.items()}
    diff = [k for k in set(want) | set(got) if want.get(k) != got.get(k)]
    check(not diff, seen.what, f"{len(diff)} relations whose citations differ, e.g. "
          + "; ".join(f"{k}: {got.get(k)} != {want.get(k)}" for k in sorted(diff)[:2]))
    quotes = sum(1 for v in want.values() for _, q in v if q)
    check(quotes > 0, seen.what, "no quote in the input: the comparison shows nothing")
    ents = {k: [(c["source"], c.get("quote")) for c in v] for k, v in seen.nodes.items() if v}
    wants = {k: v for k, v in truth.entities.items() if v}
    diff = [k for k in set(ents) | set(wants) if ents.get(k) != wants.get(k)]
    check(not diff, seen.what, f"{len(diff)} entities whose citations differ, e.g. "
          + "; ".join(f"{k}: {ents.get(k)} != {wants.get(k)}" for k in sorted(diff)[:2]))


def check_bulk(seen, truth):
    """Each locator FILE:LINE names the line of the quadruple file that states this relation,
    and every line is cited once."""
    cited = collections.Counter()
    bad = []
    for a, b, kind, start, cs, _ in seen.edges:
        for c in cs:
            if c["source"] not in QUADRUPLE_FILES:
                continue
            path, _, n = c.get("locator", "").rpartition(":")
            if not (path == c["source"] and n.isdigit()):
                bad.append(f"locator {c.get('locator')!r} of source {c['source']!r}")
                continue
            cited[(path, int(n))] += 1
            row = truth.lines.get((path, int(n)))
            if row != (a, kind, b, start):
                bad.append(f"{c['locator']}: edge {(a, kind, b, start)} but the line says {row}")
    check(not bad, seen.what, f"{len(bad)} bad locators, e.g. {bad[:2]}")
    missing = [k for k in truth.lines if cited[k] != 1]
    check(not missing, seen.what, f"{len(missing)} lines not cited exactly once, e.g. "
          f"{missing[:3]}")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    tkg, work, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    truth = Truth()
    for path in inputs:
        (read_tkg_xml if path.endswith(".xml") else read_quadruples)(path, truth)
    files = {f: os.path.join(work, "graph." + f) for f in ("graphml", "gexf", "json")}
    for fmt, out in files.items():
        run([tkg, "export", "-f", fmt, "--layout", "none", "-o", out, *inputs])
    strict = os.path.join(work, "strict.graphml")
    run([tkg, "export", "-f", "graphml", "--strict", "--layout", "none", "-o", strict, *inputs])
    csv_dir = os.path.join(work, "csv")
    run([tkg, "export", "-f", "csv", "-o", csv_dir, *inputs])
    for args, path in ((["--schema", os.path.join(SCHEMAS, "graphml", "graphml.xsd")], strict),
                       (["--relaxng", os.path.join(SCHEMAS, "gexf-1.3", "gexf.rng")],
                        files["gexf"])):
        p = subprocess.run(["xmllint", "--nonet", "--noout", *args, path], capture_output=True)
        check(p.returncode == 0, f"{path} against its schema", p.stderr.decode()[:400])
    readers = [(read_networkx(files["graphml"]), False), (read_igraph(files["graphml"]), False),
               (read_networkx(strict, "graphml --strict (NetworkX)"), False),
               (read_graphology("graphml", files["graphml"]), False),
               (read_graphology("gexf", files["gexf"]), True),
               (read_graphology("json", files["json"]), False), (read_csv_files(csv_dir), True)]
    for seen, inline in readers:
        check(seen.edges, seen.what, "no edges read")
        check_sources(seen, truth, inline)
        check_flat(seen)
        if truth.lines:
            check_bulk(seen, truth)
        if truth.relations:
            check_curated(seen, truth)
        print(f"{seen.what}: {len(seen.edges)} edges, "
              f"{sum(len(e[4]) for e in seen.edges)} citations checked")
    for f in FAILURES:
        print("FAIL", f)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
