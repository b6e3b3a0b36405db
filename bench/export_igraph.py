#!/usr/bin/python3
"""Baseline for bench/export.sh: python-igraph writing the same graph as GraphML.

  export_igraph.py GRAPHML OUT

Loads GRAPHML with Graph.Read_GraphML (not timed: the graph is in memory before tkg's writers
start too), then times g.write_graphml(OUT). Prints

  load SECONDS VERTICES EDGES
  graphml WRITE_SECONDS 0 BYTES

in the format of bench/export_time.c (igraph does not sync the file, so its commit time is 0).
"""

import os
import sys
import time

import igraph


def main(argv):
    if len(argv) != 3:
        print("usage: export_igraph.py GRAPHML OUT", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    g = igraph.Graph.Read_GraphML(argv[1])
    t1 = time.perf_counter()
    print(f"load {t1 - t0:.3f} {g.vcount()} {g.ecount()}", flush=True)
    g.write_graphml(argv[2])
    t2 = time.perf_counter()
    print(f"graphml {t2 - t1:.3f} 0 {os.path.getsize(argv[2])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
