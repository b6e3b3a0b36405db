#!/usr/bin/python3
"""GraphML with 10^5 <key> declarations (issue 10, #12): tkg reads it correctly. Keys are
found by id in constant time (src/lib/read_graphml.c); this test checks what that lookup
must still get right on a large file: the value of each <data> goes to its own key (also
for ids declared once for nodes and once for edges, and for keys declared last), defaults
of a few keys among many apply to every node and edge without a value, and a duplicate key
id after 10^5 keys is reported with the line of the first declaration. No
timing is asserted (bench/RESULTS.md has the times); NetworkX reads tkg's GraphML export of
the result as the oracle of what tkg read.

usage: many_keys.py TKG WORK_DIR
"""
import os
import subprocess
import sys

import networkx as nx

KEYS = 100_000  # node keys + edge keys
NODES = 60


def document(extra_key=""):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    half = KEYS // 2
    # Node keys n0..n49999 and edge keys e0..e49999; ids d0..d999 are declared twice, once
    # per domain, with different names (Gephi writes such files).
    for i in range(half):
        typ = "int" if i % 2 else "string"
        lines.append(f'<key id="n{i}" for="node" attr.name="na{i}" attr.type="{typ}"/>')
    for i in range(half):
        lines.append(f'<key id="e{i}" for="edge" attr.name="ea{i}" attr.type="long"/>')
    for i in range(1000):
        lines.append(f'<key id="d{i}" for="node" attr.name="dn{i}"/>')
        lines.append(f'<key id="d{i}" for="edge" attr.name="de{i}"/>')
    lines.append('<key id="kind" for="node" attr.name="kind"/>')
    lines.append('<key id="nd" for="node" attr.name="node_default" attr.type="int">'
                 '<default>7</default></key>')
    lines.append('<key id="ed" for="edge" attr.name="edge_default"><default>x</default></key>')
    lines.append(extra_key)
    lines.append('<graph edgedefault="directed">')
    for j in range(NODES):
        k = KEYS // 2 - 1 - j * 811  # keys from the end of the declarations too
        data = f'<data key="n{k}">{j}</data><data key="d{j * 13}">node {j}</data>'
        if j % 3 == 0:
            data += f'<data key="nd">{j + 100}</data>'
        lines.append(f'<node id="v{j}">{data}</node>')
    for j in range(NODES - 1):
        k = KEYS // 2 - 1 - j * 797
        data = f'<data key="e{k}">{-j}</data><data key="d{j * 17}">edge {j}</data>'
        if j % 4 == 0:
            data += '<data key="ed">given</data>'
        lines.append(f'<edge source="v{j}" target="v{j + 1}">{data}</edge>')
    lines += ['</graph>', '</graphml>', '']
    return "\n".join(lines)


def main():
    tkg, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "many-keys.graphml")
    out = os.path.join(work, "many-keys.out.graphml")
    with open(src, "w") as f:
        f.write(document())
    run = subprocess.run([tkg, "export", "-f", "graphml", "-o", out, src], capture_output=True,
                         text=True, timeout=300)
    if run.returncode != 0:
        sys.exit(f"tkg export failed ({run.returncode}): {run.stderr}")
    g = nx.read_graphml(out)
    nodes = {d.get("tkg_id", n): d for n, d in g.nodes(data=True)}
    failures = []

    def expect(what, got, want):
        if got != want:
            failures.append(f"{what}: {got!r}, expected {want!r}")

    expect("node count", len(nodes), NODES)
    for j in range(NODES):
        d = nodes.get(f"v{j}", {})
        k = KEYS // 2 - 1 - j * 811
        want = j if k % 2 else str(j)
        expect(f"v{j} na{k}", d.get(f"na{k}"), want)
        expect(f"v{j} dn{j * 13}", d.get(f"dn{j * 13}"), f"node {j}")
        expect(f"v{j} node_default", d.get("node_default"), j + 100 if j % 3 == 0 else 7)
        extra = {a for a in d if a.startswith(("na", "dn", "ea", "de"))}
        expect(f"v{j} attributes", extra, {f"na{k}", f"dn{j * 13}"})
    edges = {(u, v): d for u, v, d in g.edges(data=True)}
    ids = {n: d.get("tkg_id", n) for n, d in g.nodes(data=True)}
    edges = {(ids[u], ids[v]): d for (u, v), d in edges.items()}
    expect("edge count", len(edges), NODES - 1)
    for j in range(NODES - 1):
        d = edges.get((f"v{j}", f"v{j + 1}"), {})
        k = KEYS // 2 - 1 - j * 797
        expect(f"edge {j} ea{k}", d.get(f"ea{k}"), -j)
        expect(f"edge {j} de{j * 17}", d.get(f"de{j * 17}"), f"edge {j}")
        expect(f"edge {j} edge_default", d.get("edge_default"), "given" if j % 4 == 0 else "x")

    # A duplicate key id after 10^5 keys names the first declaration's line; keys of one
    # domain may share an attr.name (NetworkX declares one per name and type).
    first_line = 3 + 3  # <?xml>, <graphml>, then n0 on line 3: n3 is on line 6
    for extra, message in [
            ('<key id="n3" for="all" attr.name="late"/>',
             f"duplicate key id 'n3' (first declared at line {first_line})"),
            ('<key id="late" for="node" attr.name="na3"/>', None),
            ('<key id="d5" for="graph" attr.name="dn5"/>', None)]:
        bad = os.path.join(work, "many-keys-dup.graphml")
        with open(bad, "w") as f:
            f.write(document(extra))
        run = subprocess.run([tkg, "validate", bad], capture_output=True, text=True, timeout=300)
        if message is None:
            expect(f"{extra}: exit", (run.returncode, run.stderr), (0, ""))
        else:
            expect(f"{extra}: exit", run.returncode, 1)
            if message not in run.stderr:
                failures.append(f"{extra}: stderr {run.stderr!r} lacks {message!r}")
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"{KEYS + 2003} keys: {NODES} nodes and {NODES - 1} edges read with their values")


if __name__ == "__main__":
    main()
