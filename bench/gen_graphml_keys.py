#!/usr/bin/env python3
"""A GraphML file with many <key> declarations, for timing the reader's key handling.

usage: gen_graphml_keys.py KEYS NODES OUT  (each node has one <data> of a key spread over all)
"""
import sys
nkeys = int(sys.argv[1]); nnodes = int(sys.argv[2]); out = sys.argv[3]
with open(out, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for i in range(nkeys):
        f.write(f'<key id="k{i}" for="node" attr.name="a{i}" attr.type="int"/>\n')
    f.write('<graph edgedefault="directed">\n')
    for j in range(nnodes):
        k = (j * 7919) % nkeys
        f.write(f'<node id="n{j}"><data key="k{k}">{j}</data></node>\n')
    f.write('</graph>\n</graphml>\n')
