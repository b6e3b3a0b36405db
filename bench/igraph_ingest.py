#!/usr/bin/python3
"""Baselines for bench/ingest.sh: what a python-igraph user runs to load the same data.

  igraph_ingest.py tsv FILE      csv reader + Graph.TupleList(directed, edge attrs kind and date)
  igraph_ingest.py graphml FILE  Graph.Read_GraphML

Prints "vertices N edges M" so the caller can check the graph was really built.
"""

import csv
import sys

import igraph


def main(argv):
    if len(argv) != 3 or argv[1] not in ("tsv", "graphml"):
        print("usage: igraph_ingest.py tsv|graphml FILE", file=sys.stderr)
        return 2
    how, path = argv[1], argv[2]
    if how == "tsv":
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            # ICEWS order is subject, relation, object, date; TupleList wants the endpoints first.
            g = igraph.Graph.TupleList(((s, o, r, d) for s, r, o, d in rows), directed=True,
                                       edge_attrs=["kind", "date"])
    else:
        g = igraph.Graph.Read_GraphML(path)
    print(f"vertices {g.vcount()} edges {g.ecount()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
