#!/usr/bin/python3
"""Oracle tests for tkg communities, tkg path and tkg diff.

Usage: oracle_structure.py TKG SOURCE_DIR {communities|path|diff}

communities: every entity of the graph is in exactly one community, sizes and numbering are
    as documented, the printed modularity equals NetworkX's modularity of the printed
    partition, Leiden communities are connected, the same seed repeats the same partition,
    and planted partitions are found with their hand-computed modularity: two cliques joined
    by one tie (11/26) and a ring of six 5-cliques (49/66).
path: tkg's path has NetworkX's shortest length (fewest ties, or least sum of 1 / weight),
    each step is a tie of the view, and each step lists exactly the relations of that tie.
diff: every relation's class equals the one tkgref computes from the definitions, and the
    rank moves equal those of NetworkX PageRank on the two dates.
"""
import collections
import json
import os
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tkgref  # noqa: E402


class Checker:
    def __init__(self):
        self.failures = self.checked = 0

    def expect(self, ok, case, msg):
        self.checked += 1
        if not ok:
            self.failures += 1
            if self.failures <= 40:
                print(f"FAIL {case}: {msg}")


def sources(src):
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml")))
    return ref, os.path.join(src, "graphs/sahel.xml")


def icews_path():
    return os.environ.get("TKG_ICEWS_SAMPLE", "/work/shared/corpus/temporal-kg/icews_2014_test.txt")


def parse_day(text):
    return tkgref.day(*map(int, text.split("-")))


# ------------------------------------------------------------ communities

def check_partition(chk, case, tkg, args, inputs, g, weight, gamma, leiden):
    rc, out, err = tkgref.run_tkg(tkg, ["communities", "--format", "json"] + args + inputs)
    chk.expect(rc == 0, case, f"exit {rc}: {err.strip()}")
    if rc != 0:
        return None
    rows = json.loads(out)
    chk.expect(sorted(r["entity"] for r in rows) == sorted(g.nodes), case,
               "entities differ from the graph's")
    by = collections.defaultdict(set)
    for r in rows:
        by[r["community"]].add(r["entity"])
    ids = sorted(by)
    chk.expect(ids == list(range(1, len(ids) + 1)), case, f"community ids {ids}")
    sizes = [len(by[i]) for i in ids]
    chk.expect(sizes == sorted(sizes, reverse=True), case, f"sizes not largest first: {sizes}")
    chk.expect(all(r["size"] == len(by[r["community"]]) for r in rows), case, "size column")
    part = [by[i] for i in ids]
    q = nx.community.modularity(g, part, weight=weight, resolution=gamma)
    chk.expect(tkgref.close(rows[0]["modularity"], q), case,
               f"modularity {rows[0]['modularity']}, networkx {q}")
    if leiden:
        for c in part:
            chk.expect(nx.is_connected(g.subgraph(c)), case, f"community {sorted(c)} not connected")
    rc2, out2, _ = tkgref.run_tkg(tkg, ["communities", "--format", "json"] + args + inputs)
    chk.expect(rc2 == 0 and out2 == out, case, "the same seed gave another partition")
    return part


def communities(chk, tkg, src):
    ref, sahel = sources(src)
    ref.read_xml(sahel)
    cases = [
        ("sahel actors", [], {}, None, 1.0, True),
        ("sahel all kinds", ["--kind", "entity"], {"kinds": ["entity"]}, None, 1.0, True),
        ("sahel support", ["--kind", "entity", "--weight", "support", "--seed", "7"],
         {"kinds": ["entity"]}, "support", 1.0, True),
        ("sahel resolution 2", ["--kind", "entity", "--resolution", "2"], {"kinds": ["entity"]},
         None, 2.0, True),
        ("sahel louvain", ["--kind", "entity", "--method", "louvain"], {"kinds": ["entity"]},
         None, 1.0, False),
        ("sahel 2024-01-28", ["--kind", "entity", "--at", "2024-01-28"], {"kinds": ["entity"],
                                                                         "at": "2024-01-28"},
         None, 1.0, True),
    ]
    for name, args, kw, weighting, gamma, leiden in cases:
        lo = hi = parse_day(kw["at"]) if "at" in kw else None
        rels = ref.view(lo if lo is not None else tkgref.NEG_INF,
                        hi if hi is not None else tkgref.POS_INF,
                        kinds=kw.get("kinds"), actors_only="kinds" not in kw)
        g = ref.networkx(rels, False, weighting)
        check_partition(chk, name, tkg, args, [sahel], g, "w" if weighting else None, gamma, leiden)
    iref = tkgref.Graph(ref.ontology).read_icews(icews_path())
    rels = iref.view(parse_day("2014-01-01"), parse_day("2014-03-31"))
    g = iref.networkx(rels, False, None)
    for method in ("leiden", "louvain"):
        check_partition(chk, f"icews q1 {method}", tkg,
                        ["--from", "2014-01-01", "--to", "2014-03-31", "--method", method],
                        [icews_path()], g, None, 1.0, method == "leiden")
    cliques = os.path.join(src, "tests/analytics/data/cliques.xml")
    cref = tkgref.Graph(ref.ontology).read_xml(cliques)
    g = cref.networkx(cref.view(), False, None)
    part = check_partition(chk, "two cliques", tkg, [], [cliques], g, None, 1.0, True)
    expected = [{"a1", "a2", "a3", "a4"}, {"b1", "b2", "b3", "b4"}]
    chk.expect(part is not None and sorted(map(sorted, part)) == sorted(map(sorted, expected)),
               "two cliques", f"partition {part}")
    rc, out, _ = tkgref.run_tkg(tkg, ["communities", "--format", "json", cliques])
    chk.expect(rc == 0 and tkgref.close(json.loads(out)[0]["modularity"], 11 / 26), "two cliques",
               "modularity is not 11/26")
    ring_of_cliques(chk, tkg, ref)


def ring_of_cliques(chk, tkg, ref):
    """Six 5-cliques in a ring, one tie between neighbours: m = 66 ties; the cliques are the
    best partition (each has 10 ties, far above the resolution limit sqrt(m / 2)), with
    modularity 6 * (10/66 - (22/132)^2) = 49/66."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ring.tsv")
        lines, cliques = [], []
        for c in range(6):
            members = [f"c{c}n{i}" for i in range(5)]
            cliques.append(set(members))
            lines += [f"<{a}>\t<tie>\t<{b}>" for i, a in enumerate(members) for b in members[i + 1:]]
            lines.append(f"<c{c}n0>\t<tie>\t<c{(c + 1) % 6}n1>")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        rref = tkgref.Graph(ref.ontology)
        for line in lines:
            a, _, b = (x.strip("<>") for x in line.split("\t"))
            rref.add_entity(a, "entity")
            rref.add_entity(b, "entity")
            rref.add_relation("tie", a, b, (tkgref.NEG_INF, tkgref.POS_INF), 1)
        g = rref.networkx(rref.view(), False, None)
        for method in ("leiden", "louvain"):
            part = check_partition(chk, f"ring {method}", tkg, ["--method", method], [path], g,
                                   None, 1.0, method == "leiden")
            chk.expect(part is not None and sorted(map(sorted, part)) ==
                       sorted(map(sorted, cliques)), f"ring {method}", f"partition {part}")
            q = nx.community.modularity(g, part or [set(g)])
            chk.expect(tkgref.close(q, 49 / 66), f"ring {method}", f"modularity {q}, not 49/66")


# ------------------------------------------------------------ paths

def path_case(chk, case, tkg, ref, inputs, args, rels, a, b, directed, weighting):
    g = ref.networkx(rels, directed, weighting)
    rc, out, err = tkgref.run_tkg(tkg, ["path", a, b, "--format", "json"] + args + inputs)
    if a not in g or b not in g or not nx.has_path(g, a, b):
        chk.expect(rc == 4, case, f"{a}->{b}: no path expected (exit 4), exit {rc}")
        return
    chk.expect(rc == 0, case, f"{a}->{b}: exit {rc}: {err.strip()}")
    if rc != 0:
        return
    rows = json.loads(out)
    steps = collections.OrderedDict()
    for r in rows:
        steps.setdefault(r["step"], []).append(r)
    hops = [(s[0]["from"], s[0]["to"]) for s in steps.values()]
    chain_ok = (not hops and a == b) or (hops and hops[0][0] == a and hops[-1][1] == b and
                                        all(x[1] == y[0] for x, y in zip(hops, hops[1:])))
    chk.expect(chain_ok, case, f"{a}->{b}: steps do not chain: {hops}")
    length = nx.shortest_path_length(g, a, b, weight="len" if weighting else None)
    got = sum(g[u][v]["len"] if weighting else 1 for u, v in hops if g.has_edge(u, v))
    chk.expect(all(g.has_edge(u, v) for u, v in hops), case, f"{a}->{b}: a step is not a tie")
    chk.expect(got == length, case, f"{a}->{b}: length {got}, networkx {length}")
    sym = ref.ontology.symmetric

    def norm(kind, x, y):
        return (kind,) + (tuple(sorted((x, y))) if kind in sym else (x, y))

    for (u, v), step in zip(hops, steps.values()):
        expected = collections.Counter(
            norm(k, x, y) for k, x, y, _, _ in rels
            if {x, y} == {u, v} and (not directed or (x, y) == (u, v) or k in sym))
        listed = collections.Counter(
            norm(r["relation"], *((u, v) if r["direction"] != "<-" else (v, u))) for r in step)
        chk.expect(listed == expected, case,
                   f"{u}->{v}: relations {dict(listed)}, expected {dict(expected)}")
        chk.expect(all((r["direction"] == "<->") == (r["relation"] in sym) for r in step), case,
                   f"{u}->{v}: direction column")


def paths(chk, tkg, src):
    ref, sahel = sources(src)
    ref.read_xml(sahel)
    ids = sorted(ref.entities)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i::5] if a != b][::3]
    for date in ("2013-06-01", "2024-01-28", "2024-07-06", None):
        at = ["--at", date] if date else []
        lo = hi = parse_day(date) if date else None
        rels = ref.view(lo if date else tkgref.NEG_INF, hi if date else tkgref.POS_INF)
        for directed, weighting in ((False, None), (True, None), (False, "support")):
            args = at + (["--directed"] if directed else []) + \
                (["--weight", weighting] if weighting else [])
            for a, b in pairs:
                path_case(chk, f"sahel {date} directed={directed} {weighting}", tkg, ref, [sahel],
                          args, rels, a, b, directed, weighting)
    data = os.path.join(src, "tests/analytics/data/weighted.xml")
    wref = tkgref.Graph(ref.ontology).read_xml(data)
    rels = wref.view()
    for a in sorted(wref.entities):
        for b in sorted(wref.entities):
            path_case(chk, "weighted attr", tkg, wref, [data], ["--weight", "attr:strength"], rels,
                      a, b, False, "attr:strength")


# ------------------------------------------------------------ diff

def classify(ref, rels_all, d1, d2):
    """{(change, kind, from, to): count} from the definitions in docs/analytics.md."""
    def holds(key, d):
        kind, a, b, lo, hi = key
        return (lo <= d < hi and ref.holds(ref.entities[a][1], d, d)
                and ref.holds(ref.entities[b][1], d, d))

    def tie(key):
        kind, a, b = key[:3]
        return (kind,) + (tuple(sorted((a, b))) if kind in ref.ontology.symmetric else (a, b))

    at1 = collections.defaultdict(bool)
    at2 = collections.defaultdict(bool)
    for key in rels_all:
        at1[tie(key)] |= holds(key, d1)
        at2[tie(key)] |= holds(key, d2)
    out = collections.Counter()
    for key in rels_all:
        h1, h2 = holds(key, d1), holds(key, d2)
        if h1 and h2:
            c = "unchanged"
        elif h2:
            c = "changed" if at1[tie(key)] else "started"
        elif h1:
            c = "changed" if at2[tie(key)] else "ended"
        else:
            kind, a, b, lo, hi = key
            between = (d1 + 1 <= d2 - 1 and ref.holds((lo, hi), d1 + 1, d2 - 1)
                       and ref.holds(ref.entities[a][1], d1 + 1, d2 - 1)
                       and ref.holds(ref.entities[b][1], d1 + 1, d2 - 1))
            if not between:
                continue
            c = "transient"
        out[(c,) + key[:3]] += 1
    return out


def pagerank_ranks(ref, d):
    rels = ref.view(d, d, actors_only=True)
    if not rels:
        return {}
    pr = nx.pagerank(ref.networkx(rels, False, None), tol=1e-14, max_iter=100000)
    return {e: 1 + sum(1 for y in pr.values() if y > x and not tkgref.close(x, y, 1e-9))
            for e, x in pr.items()}


def diffs(chk, tkg, src):
    ref, sahel = sources(src)
    ref.read_xml(sahel)
    pairs = [("2013-01-01", "2013-06-01"), ("2021-01-01", "2023-12-31"),
             ("2023-06-01", "2024-12-01"), ("2024-01-28", "2024-01-28"),
             ("2024-01-27", "2024-01-29"), ("1990-01-01", "2030-01-01")]
    for a, b in pairs:
        d1, d2 = parse_day(a), parse_day(b)
        rc, out, err = tkgref.run_tkg(tkg, ["diff", "--from", a, "--to", b, "--unchanged",
                                            "--format", "json", sahel])
        chk.expect(rc == 0, f"diff {a} {b}", f"exit {rc}: {err.strip()}")
        if rc != 0:
            continue
        doc = json.loads(out)
        got = collections.Counter((r["change"], r["kind"], r["from"], r["to"])
                                  for r in doc["relations"])
        expected = classify(ref, list(ref.relations), d1, d2)
        chk.expect(got == expected, f"diff {a} {b}",
                   f"only tkg {dict(got - expected)}, only oracle {dict(expected - got)}")
        r1, r2 = pagerank_ranks(ref, d1), pagerank_ranks(ref, d2)
        moves = {(e, r1.get(e), r2.get(e)) for e in set(r1) | set(r2) if r1.get(e) != r2.get(e)}
        got_moves = {(r["entity"], r["rank_from"], r["rank_to"]) for r in doc["actors"]}
        chk.expect(got_moves == moves, f"diff {a} {b} actors",
                   f"only tkg {got_moves - moves}, only oracle {moves - got_moves}")


def main():
    tkg, src, which = sys.argv[1], sys.argv[2], sys.argv[3]
    chk = Checker()
    {"communities": communities, "path": paths, "diff": diffs}[which](chk, tkg, src)
    print(f"{which}: {chk.checked} checks, {chk.failures} failures")
    return 1 if chk.failures or chk.checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
