#!/usr/bin/python3
"""A plain GraphML file of bench/gen_tkg.py's graph, written by NetworkX's write_graphml:
the foreign GraphML that bench/read.sh times tkg's reader on.

usage: gen_graphml_plain.py GRAPHML OUT

GRAPHML is gen_tkg.py's graph.graphml (read with python-igraph). OUT gets the same nodes and
edges, in the form NetworkX writes (keys d0, d1, ..., one <data> per line, a missing value
left out), with none of the keys tkg gives a meaning to (kind, relation, type, tkg_id,
cites...):

  nodes   id: gen_tkg.py's entity id; label (string), category (string: the entity kind of
          gen_tkg.py, as a plain attribute)
  edges   start (string date YYYY, YYYY-MM or YYYY-MM-DD), end (the same, absent when open),
          weight (double: the number of citations)

The relation kind of gen_tkg.py is left out (tkg then gives the relations its default kind).
NetworkX writes the edges grouped by their source node. Not python-igraph's writer: it writes
a missing end as an empty string (<data key="e_end"></data>), which tkg refuses as a date.
Written to OUT.tmp and renamed. Needs python3-igraph and python3-networkx; at 10^6 edges it
takes about 40 s and 3.5 GB.
"""
import os
import sys

import igraph
import networkx as nx


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    src, out = sys.argv[1], sys.argv[2]
    g = igraph.Graph.Read_GraphML(src)
    ids = g.vs["id"]
    G = nx.DiGraph()
    for i, label, kind in zip(ids, g.vs["label"], g.vs["kind"]):
        G.add_node(i, label=label, category=kind)
    for (a, b), start, end, weight in zip(g.get_edgelist(), g.es["start"], g.es["end"],
                                          g.es["weight"]):
        attrs = {"start": start, "weight": weight}
        if end:
            attrs["end"] = end
        G.add_edge(ids[a], ids[b], **attrs)
    if G.number_of_edges() != g.ecount() or G.number_of_nodes() != g.vcount():
        sys.stderr.write(f"gen_graphml_plain.py: {src} has repeated node pairs, which a "
                         "DiGraph would merge\n")
        return 1
    tmp = out + ".tmp"
    nx.write_graphml(G, tmp)
    os.replace(tmp, out)
    print(f"{out}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
          f"{os.path.getsize(out)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
