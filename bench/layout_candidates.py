#!/usr/bin/env python3
"""Times igraph's layouts that could give graph files their positions, on one graph.

Usage: layout_candidates.py FILE [CANDIDATE...]

FILE holds quadruples (subject TAB relation TAB object TAB date: the temporal-kg samples,
bench/gen_tkg.py's quads.tsv). The graph is the one tkg_layout_compute lays out: undirected,
one tie per pair of entities joined by some relation, no loops. CANDIDATE (default: all):
  fr_grid      Fruchterman-Reingold with igraph's grid, 500 iterations (igraph's default)
  fr_grid_100  the same, 100 iterations
  fr_grid_40   the same, 40 iterations
  drl          DrL (default settings)
  lgl          LGL (root: vertex 0; igraph warns that it does not handle disconnected graphs)
Prints one line per candidate: name, vertices, ties, seconds (wall, the layout call only).
python-igraph calls the same C library as tkg (igraph 0.10.2 on Debian 12).
"""
import sys
import time

import igraph

CANDIDATES = {
    "fr_grid": lambda g: g.layout_fruchterman_reingold(grid=True),
    "fr_grid_100": lambda g: g.layout_fruchterman_reingold(grid=True, niter=100),
    "fr_grid_40": lambda g: g.layout_fruchterman_reingold(grid=True, niter=40),
    "drl": lambda g: g.layout_drl(),
    "lgl": lambda g: g.layout_lgl(root=0),
}


def main():
    path, *names = sys.argv[1:]
    ids, edges = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3:
                a = ids.setdefault(fields[0], len(ids))
                b = ids.setdefault(fields[2], len(ids))
                edges.append((a, b))
    g = igraph.Graph(n=len(ids), edges=edges)
    g.simplify()
    for name in names or CANDIDATES:
        t = time.monotonic()
        CANDIDATES[name](g)
        print(f"{name}\t{g.vcount()}\t{g.ecount()}\t{time.monotonic() - t:.2f}", flush=True)


if __name__ == "__main__":
    main()
