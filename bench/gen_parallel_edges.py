#!/usr/bin/env python3
"""A GraphML file of N parallel edges a -> b, each with its own `value`, for timing how the
readers merge edges (issue 10, #4): every edge stays a relation of its own.

usage: gen_parallel_edges.py N OUT
"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    f.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<key id="v" for="edge" attr.name="value" attr.type="long"/>'
            '<graph edgedefault="directed"><node id="a"/><node id="b"/>\n')
    for i in range(n):
        f.write(f'<edge source="a" target="b"><data key="v">{i}</data></edge>\n')
    f.write('</graph></graphml>\n')
