#!/usr/bin/python3
"""Oracle test: every centrality value tkg prints equals NetworkX's on the same graph.

Usage: oracle_centrality.py TKG SOURCE_DIR {sahel|icews|series|weighted}

tests/analytics/tkgref.py reads the inputs itself (XML, quadruples, dates, ontology) and
builds the graph by the model of docs/analytics.md; NetworkX computes each measure with the
variant docs/analytics.md names; values must agree within 1e-6 (relative, or absolute below
1) after the same normalisation, and every rank must be one the oracle's values allow.
"""
import json
import os
import sys

import networkx as nx
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tkgref  # noqa: E402

ALL = ["degree", "indegree", "outdegree", "weighted_degree", "betweenness", "closeness",
       "harmonic", "eigenvector", "pagerank", "hub", "authority"]


def max_scaled(values):
    top = max(values.values()) if values else 0
    return {k: (v / top if top else 0.0) for k, v in values.items()}


def hits(dig, weighted, which):
    """Hub or authority scores, maximum 1. Kleinberg's iteration from all ones converges to
    the projection of the all-ones vector on the principal eigenspace of A Aᵀ (hubs), and
    authorities are Aᵀ h; NetworkX computes that when the principal eigenvalue is simple, and
    with a repeated one (a graph in several equally strong parts) numpy's eigh gives it."""
    nodes = list(dig)
    a = nx.to_numpy_array(dig, nodelist=nodes, weight="w" if weighted else None)
    ev, vec = np.linalg.eigh(a @ a.T)
    if len(ev) > 1 and ev[-2] >= ev[-1] * (1 - 1e-9):
        top = vec[:, ev >= ev[-1] * (1 - 1e-9)]
        h = top @ (top.T @ np.ones(len(nodes)))
        x = h if which == "hub" else a.T @ h
        return max_scaled(dict(zip(nodes, map(float, x))))
    h = dig.copy()
    for _, _, d in h.edges(data=True):
        d["weight"] = d["w"] if weighted else 1.0
    hubs, auths = nx.hits(h, max_iter=100000, tol=1e-14)
    return max_scaled(hubs if which == "hub" else auths)


def bfs_counts(g, s):
    """Distances and numbers of shortest paths from s (unweighted)."""
    dist, sigma, frontier = {s: 0}, {s: 1}, [s]
    while frontier:
        nxt = []
        for u in frontier:
            for v in g.successors(u) if g.is_directed() else g.neighbors(u):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    sigma[v] = 0
                    nxt.append(v)
                if dist[v] == dist[u] + 1:
                    sigma[v] += sigma[u]
        frontier = nxt
    return dist, sigma


def cutoff_betweenness(g, cutoff):
    """Betweenness counting only pairs at distance <= cutoff, from the definition."""
    paths = {s: bfs_counts(g, s) for s in g}
    bc = {v: 0.0 for v in g}
    for s in g:
        ds, ss = paths[s]
        for t, dst in ds.items():
            if t == s or dst > cutoff:
                continue
            for v in g:
                if v in (s, t) or v not in ds:
                    continue
                dv, sv = paths[v]
                if t in dv and ds[v] + dv[t] == dst:
                    bc[v] += ss[v] * sv[t] / ss[t]
    if not g.is_directed():
        bc = {v: x / 2 for v, x in bc.items()}
    return bc


def reach_within(g, s, cutoff, weight):
    if weight:
        d = nx.single_source_dijkstra_path_length(g, s, cutoff=cutoff, weight=weight)
    else:
        d = nx.single_source_shortest_path_length(g, s, cutoff=cutoff)
    return {t: x for t, x in d.items() if t != s}


def oracle(ref, rels, measures, directed, weighting, normalized, cutoff, damping=0.85):
    """{measure: {entity: value}} computed with NetworkX."""
    und = ref.networkx(rels, False, weighting)
    dig = ref.networkx(rels, True, weighting)
    g = dig if directed else und
    n = g.number_of_nodes()
    length = "len" if weighting else None
    weight = "w" if weighting else None
    out = {}
    for m in measures:
        if m in ("degree", "indegree", "outdegree"):
            src = {"degree": g.degree(), "indegree": dig.in_degree(),
                   "outdegree": dig.out_degree()}[m]
            v = {k: float(x) for k, x in src}
            if normalized and n > 1:
                v = {k: x / (n - 1) for k, x in v.items()}
        elif m == "weighted_degree":
            v = dict(g.degree(weight="w"))
        elif m == "betweenness":
            if cutoff:
                v = cutoff_betweenness(g, cutoff)
                if normalized and n > 2:
                    f = (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
                    v = {k: x * f for k, x in v.items()}
            else:
                v = nx.betweenness_centrality(g, normalized=normalized, weight=length)
        elif m == "closeness":
            if cutoff:
                v = {}
                for s in g:
                    d = reach_within(g, s, cutoff, length)
                    c = len(d) / sum(d.values()) if d else 0.0
                    v[s] = c * len(d) / (n - 1) if normalized and d else c
            else:
                # NetworkX measures distances *to* a node in a digraph; tkg *from* it.
                v = nx.closeness_centrality(g.reverse() if directed else g, distance=length,
                                            wf_improved=normalized)
        elif m == "harmonic":
            if cutoff:
                v = {s: sum(1 / x for x in reach_within(g, s, cutoff, length).values())
                     for s in g}
            else:
                v = nx.harmonic_centrality(g.reverse() if directed else g, distance=length)
            if normalized and n > 1:
                v = {k: x / (n - 1) for k, x in v.items()}
        elif m == "eigenvector" and directed and nx.is_directed_acyclic_graph(g):
            # No cycle: every eigenvalue is 0 and igraph gives 0 to all (docs/analytics.md);
            # NetworkX's power iteration does not converge.
            v = {k: 0.0 for k in g}
        elif m == "eigenvector":
            v = max_scaled(nx.eigenvector_centrality(g, max_iter=100000, tol=1e-12,
                                                     weight=weight))
        elif m == "pagerank":
            v = nx.pagerank(g, alpha=damping, weight=weight, tol=1e-14, max_iter=100000)
        elif m in ("hub", "authority"):
            v = hits(dig, weighting is not None, m)
        out[m] = v
    return out


class Checker:
    def __init__(self):
        self.failures = 0
        self.checked = 0

    def fail(self, case, msg):
        self.failures += 1
        if self.failures <= 40:
            print(f"FAIL {case}: {msg}")

    def compare(self, case, expected, got_values, got_ranks):
        """expected {entity: value}; got_* {entity: value/rank} from tkg."""
        if set(expected) != set(got_values):
            self.fail(case, f"entities differ: only oracle {sorted(set(expected) - set(got_values))[:5]}, "
                            f"only tkg {sorted(set(got_values) - set(expected))[:5]}")
            return
        for e, x in expected.items():
            self.checked += 1
            if not tkgref.close(got_values[e], x):
                self.fail(case, f"{e}: tkg {got_values[e]!r}, networkx {x!r}")
            # The rank must lie between 1 + #(clearly higher) and 1 + #(higher or equal).
            above = sum(1 for y in expected.values() if y > x and not tkgref.close(x, y))
            tied = sum(1 for y in expected.values() if y > x or tkgref.close(x, y)) - 1
            if not (1 + above <= got_ranks[e] <= 1 + tied):
                self.fail(case, f"{e}: rank {got_ranks[e]}, expected {1 + above}..{1 + tied}")


def run_single(chk, tkg, ref, inputs, case, args, lo, hi, measures, directed=False,
               weighting=None, normalized=False, cutoff=0, kinds=None, relation_kinds=None):
    rc, out, err = tkgref.run_tkg(tkg, ["centrality", "--format", "json", "-m",
                                        ",".join(measures)] + args + inputs)
    actors_only = kinds is None
    rels = ref.view(lo, hi, kinds=kinds, relation_kinds=relation_kinds, actors_only=actors_only)
    if not rels:
        if rc != 1:
            chk.fail(case, f"empty view: exit {rc}, expected 1")
        return
    if rc != 0:
        chk.fail(case, f"exit {rc}: {err.strip()}")
        return
    rows = json.loads(out)
    exp = oracle(ref, rels, measures, directed, weighting, normalized, cutoff)
    for i, m in enumerate(measures):
        # Only the first measure's rank is printed; check the others' values.
        values = {r["entity"]: r[m] for r in rows}
        if i == 0:
            ranks = {r["entity"]: r["rank"] for r in rows}
            chk.compare(f"{case} {m}", exp[m], values, ranks)
        else:
            for e, x in exp[m].items():
                chk.checked += 1
                if e not in values or not tkgref.close(values[e], x):
                    chk.fail(f"{case} {m}", f"{e}: tkg {values.get(e)!r}, networkx {x!r}")


def rotate(ms, k):
    return ms[k % len(ms):] + ms[:k % len(ms)]


def sahel(chk, tkg, src):
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml")))
    ref.read_xml(os.path.join(src, "graphs/sahel.xml"))
    inputs = [os.path.join(src, "graphs/sahel.xml")]
    dates = [None, "2013-06-01", "2021-06-01", "2023-12-15", "2024-01-28", "2024-07-06",
             "2024-12-01"]
    modes = [
        ("undirected", [], {}),
        ("directed", ["--directed"], {"directed": True}),
        ("support", ["--weight", "support"], {"weighting": "support"}),
        ("count", ["--weight", "count", "--directed"], {"weighting": "count", "directed": True}),
        ("normalized", ["--normalize"], {"normalized": True}),
        ("all kinds", ["--kind", "entity"], {"kinds": ["entity"]}),
        ("everything", ["--kind", "entity", "--directed", "--weight", "support", "--normalize"],
         {"kinds": ["entity"], "directed": True, "weighting": "support", "normalized": True}),
        ("states", ["--kind", "state,organization", "--relation", "member_of,allied_with"],
         {"kinds": ["state", "organization"], "relation_kinds": ["member_of", "allied_with"]}),
    ]
    k = 0
    for date in dates:
        lo, hi = (tkgref.NEG_INF, tkgref.POS_INF) if date is None else (tkgref.day(*map(int, date.split("-"))),) * 2
        at = [] if date is None else ["--at", date]
        for name, args, kw in modes:
            # Every measure leads (and so has its ranks checked) in some run.
            run_single(chk, tkg, ref, inputs, f"sahel {date or 'all'} {name}", at + args, lo, hi,
                       rotate(ALL, k), **kw)
            k += 1
    for cutoff in (1, 2, 3):
        for directed in (False, True):
            args = ["--kind", "entity", "--cutoff", str(cutoff)] + (["--directed"] if directed else [])
            for norm in (False, True):
                run_single(chk, tkg, ref, inputs, f"sahel cutoff {cutoff} directed={directed}",
                           args + (["--normalize"] if norm else []), tkgref.NEG_INF, tkgref.POS_INF,
                           ["betweenness", "closeness", "harmonic"], directed=directed,
                           cutoff=cutoff, kinds=["entity"], normalized=norm)


def icews(chk, tkg, src):
    path = "/work/shared/corpus/temporal-kg/icews_2014_test.txt"
    path = os.environ.get("TKG_ICEWS_SAMPLE", path)
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml")))
    ref.read_icews(path)
    windows = [("2014-01-01", "2014-01-31", []), ("2014-06-01", "2014-06-30", ["--directed"]),
               ("2014-11-01", "2014-11-30", ["--weight", "support"]),
               ("2014-03-06", "2014-03-06", ["--normalize"])]
    for k, (a, b, args) in enumerate(windows):
        lo = tkgref.day(*map(int, a.split("-")))
        hi = tkgref.day(*map(int, b.split("-")))
        kw = {"directed": "--directed" in args, "normalized": "--normalize" in args,
              "weighting": "support" if "support" in args else None}
        run_single(chk, tkg, ref, [path], f"icews {a}..{b} {' '.join(args)}",
                   ["--from", a, "--to", b] + args, lo, hi, rotate(ALL, 3 * k), **kw)


def series(chk, tkg, src):
    """Series rows equal the oracle on each snapshot, as-of dates and windows."""
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml")))
    ref.read_xml(os.path.join(src, "graphs/sahel.xml"))
    sahel_xml = os.path.join(src, "graphs/sahel.xml")
    icews_path = os.environ.get("TKG_ICEWS_SAMPLE",
                                "/work/shared/corpus/temporal-kg/icews_2014_test.txt")
    iref = tkgref.Graph(ref.ontology).read_icews(icews_path)
    month_starts = [tkgref.day(2014, m) for m in (1, 2, 3, 4)]
    cases = [
        ("sahel at-list", ref, sahel_xml, ["--at", "2013-06-01,2021-06-01,2023-12-15,2024-01-28,2024-12-01"],
         [(d, d) for d in (tkgref.day(2013, 6, 1), tkgref.day(2021, 6, 1), tkgref.day(2023, 12, 15),
                           tkgref.day(2024, 1, 28), tkgref.day(2024, 12, 1))], {}),
        ("sahel yearly", ref, sahel_xml, ["--series", "2012..2025", "--step", "1y", "--directed"],
         [(tkgref.day(y), tkgref.day(y)) for y in range(2012, 2026)], {"directed": True}),
        ("sahel 6m windows", ref, sahel_xml, ["--series", "2023-01..2024-12", "--step", "6m",
                                              "--windows", "--kind", "entity"],
         [(tkgref.day(2023, 1), tkgref.day(2023, 7) - 1), (tkgref.day(2023, 7), tkgref.day(2024, 1) - 1),
          (tkgref.day(2024, 1), tkgref.day(2024, 7) - 1), (tkgref.day(2024, 7), tkgref.day(2025, 1) - 1)],
         {"kinds": ["entity"]}),
        ("icews monthly windows", iref, icews_path,
         ["--series", "2014-01..2014-03", "--step", "1m", "--windows"],
         [(month_starts[i], month_starts[i + 1] - 1) for i in range(3)], {}),
    ]
    for name, r, inp, args, snaps, kw in cases:
        measures = ALL if r is ref else ["degree", "betweenness", "harmonic", "pagerank", "hub"]
        rc, out, err = tkgref.run_tkg(tkg, ["centrality", "--format", "json", "-m",
                                            ",".join(measures)] + args + [inp])
        if rc != 0:
            chk.fail(name, f"exit {rc}: {err.strip()}")
            continue
        rows = json.loads(out)
        seen_dates = {row["date"] for row in rows}
        for lo, hi in snaps:
            date = tkgref.day_text(lo)
            rels = r.view(lo, hi, kinds=kw.get("kinds"), actors_only="kinds" not in kw)
            if not rels:
                if date in seen_dates:
                    chk.fail(name, f"{date}: rows for an empty snapshot")
                elif f"no relation holds on {date}" not in err:
                    chk.fail(name, f"{date}: no warning for an empty snapshot")
                continue
            exp = oracle(r, rels, measures, kw.get("directed", False), None, False, 0)
            for m in measures:
                got = [row for row in rows if row["date"] == date and row["measure"] == m]
                chk.compare(f"{name} {date} {m}", exp[m], {x["entity"]: x["value"] for x in got},
                            {x["entity"]: x["rank"] for x in got})


def weighted(chk, tkg, src):
    data = os.path.join(src, "tests/analytics/data/weighted.xml")
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml"))).read_xml(data)
    for directed in (False, True):
        args = ["--weight", "attr:strength"] + (["--directed"] if directed else [])
        run_single(chk, tkg, ref, [data], f"weighted attr directed={directed}", args,
                   tkgref.NEG_INF, tkgref.POS_INF, rotate(ALL, 5 if directed else 0),
                   directed=directed, weighting="attr:strength")


def main():
    tkg, src, which = sys.argv[1], sys.argv[2], sys.argv[3]
    chk = Checker()
    {"sahel": sahel, "icews": icews, "series": series, "weighted": weighted}[which](chk, tkg, src)
    print(f"{which}: {chk.checked} values checked, {chk.failures} failures")
    if chk.checked == 0:
        print("FAIL: nothing was checked")
        return 1
    return 1 if chk.failures else 0


if __name__ == "__main__":
    sys.exit(main())
