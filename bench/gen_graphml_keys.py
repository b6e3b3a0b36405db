#!/usr/bin/env python3
"""A GraphML file with many <key> declarations, for timing the reader's key handling
(issue 10, #12): KEYS int node keys, then NODES nodes with one <data> each, of a key spread
over all of them.

usage: gen_graphml_keys.py KEYS NODES OUT
"""
import sys

nkeys, nnodes, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(out, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for i in range(nkeys):
        f.write(f'<key id="k{i}" for="node" attr.name="a{i}" attr.type="int"/>\n')
    f.write('<graph edgedefault="directed">\n')
    for j in range(nnodes):
        f.write(f'<node id="n{j}"><data key="k{(j * 7919) % nkeys}">{j}</data></node>\n')
    f.write('</graph>\n</graphml>\n')
