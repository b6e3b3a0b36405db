#!/usr/bin/python3
"""Parallel edges from NetworkX (issue 10, #4): nothing lost.

NetworkX writes a MultiDiGraph's parallel edges with their own attributes, numbers their ids
per pair of nodes (0, 1, ... again for each pair) and declares one key per attribute name and
type when the values of one attribute mix int and float. tkg reads such a file (it used to
refuse it, and to keep one relation of a->b with `value` 1 when three edges said 1, 2 and 3);
its GraphML and CSV exports, read with NetworkX and Python's csv module, must hold every value
of every edge:

- every input edge's attributes are those of one relation between the same nodes (the
  relation it became) — compared as text, since tkg writes a column that mixes int and float
  values as a string;
- the relations' support (the number of edges each cites) adds up to the number of edges;
- the relations are exactly those of the documented rule (docs/format.md, "Merging inputs"),
  computed here independently: in input order, an edge merges into the first relation between
  the same nodes when their attributes agree (no shared key with another value), which gains
  the keys it lacks; else into a relation made from an edge with exactly its attributes;
  else it is a new relation.

usage: multigraph.py TKG WORK_DIR
"""
import csv
import json
import os
import random
import subprocess
import sys

import networkx as nx

KEYS = ("value", "note", "flag")


def build(seed):
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(12)]
    for n in nodes:
        g.add_node(n, label=f"Node {n} «{n}»")
    g.add_edge("a", "b", value=1)  # the case: three edges a->b with 1, 2 and 3
    g.add_edge("a", "b", value=2)
    g.add_edge("a", "b", value=3)
    for _ in range(400):
        u, v = rnd.choice(nodes[:5]), rnd.choice(nodes[:5])
        attrs = {}
        if rnd.random() < 0.9:
            attrs["value"] = rnd.choice([1, 2, 3, 1.5, 2.5, -7])
        if rnd.random() < 0.3:
            attrs["note"] = rnd.choice(["x", "y", "a, b", 'say "hi"', "é"])
        if rnd.random() < 0.2:
            attrs["flag"] = rnd.choice([True, False])
        g.add_edge(u, v, **attrs)
    return g


def text(v):
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def expected_relations(g):
    """The documented merging rule, applied to the edges in the order NetworkX writes them."""
    relations = []  # [u, v, {key: text}, support]
    first = {}  # (u, v) -> the first relation between them
    for u, v, d in g.edges(data=True):
        attrs = {k: text(x) for k, x in d.items()}
        rel = first.get((u, v))
        if rel is not None and all(rel[2].get(k, x) == x for k, x in attrs.items()):
            rel[2].update(attrs)
        else:
            same = [r for r in relations if r[0] == u and r[1] == v and r is not rel
                    and r[2] == attrs]
            if rel is not None and same:
                rel = same[0]
            else:
                rel = [u, v, attrs, 0]
                relations.append(rel)
                first.setdefault((u, v), rel)
        rel[3] += 1
    return sorted((u, v, tuple(sorted(a.items())), n) for u, v, a, n in relations)


def check(name, got, g, failures):
    want = expected_relations(g)
    if sorted(got) != want:
        extra = sorted(set(got) - set(want))[:5]
        missing = sorted(set(want) - set(got))[:5]
        failures.append(f"{name}: {len(got)} relations, expected {len(want)}; "
                        f"unexpected {extra}; missing {missing}")
    by_pair = {}
    for u, v, attrs, _ in got:
        by_pair.setdefault((u, v), []).append(dict(attrs))
    for u, v, d in g.edges(data=True):
        attrs = {k: text(x) for k, x in d.items()}
        if not any(all(r.get(k) == x for k, x in attrs.items()) for r in by_pair.get((u, v), [])):
            failures.append(f"{name}: edge {u}->{v} {attrs} lost")
    support = sum(n for *_, n in got)
    if support != g.number_of_edges():
        failures.append(f"{name}: support adds up to {support}, not {g.number_of_edges()}")


def main():
    tkg, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    failures = []
    for seed in range(5):
        g = build(seed)
        src = os.path.join(work, f"multi{seed}.graphml")
        nx.write_graphml(g, src)
        out = os.path.join(work, f"multi{seed}.out.graphml")
        csv_dir = os.path.join(work, f"multi{seed}-csv")
        for fmt, dest in (("graphml", out), ("csv", csv_dir)):
            run = subprocess.run([tkg, "export", "-f", fmt, "-o", dest, src],
                                 capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                sys.exit(f"seed {seed}: tkg export -f {fmt} failed ({run.returncode}):\n"
                         f"{run.stderr}")
        h = nx.read_graphml(out)
        got = [(u, v, tuple(sorted((k, text(x)) for k, x in d.items() if k in KEYS)),
                d["support"]) for u, v, d in h.edges(data=True)]
        check(f"seed {seed} graphml", got, g, failures)
        with open(os.path.join(csv_dir, "relationships.csv"), newline="") as f:
            rows = list(csv.reader(f))
        header = [c.split(":")[0] for c in rows[0]]
        got = []
        for row in rows[1:]:
            cells = dict(zip(header, row))
            attrs = tuple(sorted((k, cells[k]) for k in KEYS if cells.get(k, "") != ""))
            got.append((row[0], row[1], attrs,
                        len(json.loads(cells["citations"]))))
        check(f"seed {seed} csv", got, g, failures)
    if failures:
        print("\n".join(failures[:20]))
        sys.exit(1)
    print("5 NetworkX multigraphs: every edge's attributes kept, in GraphML and CSV")


if __name__ == "__main__":
    main()
