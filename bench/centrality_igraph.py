#!/usr/bin/python3
"""Baseline for bench/centrality.sh: python-igraph computing one centrality measure on the graph
tkg builds from the same data (docs/analytics.md: ties undirected by default, symmetric kinds
both ways when directed; the generator writes no repeated pair and no self-loop).

  centrality_igraph.py GRAPHML MEASURE [--cutoff L]

Reads GRAPHML (bench/gen_tkg.py's graph.graphml) with Graph.Read_GraphML, prepares the graph
the measure runs on (outside the timing), then times the measure call alone with
time.perf_counter and prints

  measure MEASURE seconds S vertices N edges M sum X

where X is the sum of the values (tkg's scaling), so the caller can check that both sides
computed the same thing on the same graph.
"""

import argparse
import sys
import time

import igraph

SYMMETRIC = {"allied_with"}  # the default ontology's symmetric relation kinds


def prepare(g, directed):
    """tkg's graph: directed with symmetric kinds both ways, or undirected ties."""
    if directed:
        back = [(e.target, e.source) for e in g.es if e["kind"] in SYMMETRIC]
        g.add_edges(back)
        g.simplify(multiple=True, loops=True)
        return g
    return g.as_undirected(mode="collapse")


def run(g, measure, cutoff):
    if measure == "degree":
        return g.degree()
    if measure == "pagerank":
        return g.pagerank(directed=False)
    if measure == "eigenvector":
        return g.eigenvector_centrality(directed=False, scale=True)
    if measure == "hub":
        return g.hub_score(scale=True)
    if measure == "authority":
        return g.authority_score(scale=True)
    if measure == "betweenness":
        return g.betweenness(directed=False, cutoff=cutoff)
    if measure == "closeness":
        return [0.0 if x != x else x for x in g.closeness(mode="all", cutoff=cutoff)]
    if measure == "harmonic":
        return g.harmonic_centrality(mode="all", cutoff=cutoff, normalized=False)
    raise ValueError(measure)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graphml")
    ap.add_argument("measure", choices=["degree", "pagerank", "eigenvector", "hub", "authority",
                                        "betweenness", "closeness", "harmonic"])
    ap.add_argument("--cutoff", type=float, default=None)
    args = ap.parse_args()
    g = igraph.Graph.Read_GraphML(args.graphml)
    g = prepare(g, args.measure in ("hub", "authority"))
    t0 = time.perf_counter()
    values = run(g, args.measure, args.cutoff)
    seconds = time.perf_counter() - t0
    print(f"measure {args.measure} seconds {seconds:.6f} vertices {g.vcount()} "
          f"edges {g.ecount()} sum {sum(values):.10g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
