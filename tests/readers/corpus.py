#!/usr/bin/python3
"""Runs `tkg validate` on every GraphML file of the shared corpus and checks each against
corpus-expect.tsv: accepted with the given node and edge counts (which NetworkX, reading the
same file, must confirm where it can), or refused with the given errors at their positions.
Every file of the corpus must have a row, and tkg must never crash.

usage: corpus.py TKG CORPUS_DIR EXPECT_TSV
"""
import os
import re
import subprocess
import sys
import warnings


def load_expectations(path):
    accept, refuse = {}, {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "accept" and len(cols) >= 5:
                accept[cols[1]] = (int(cols[2]), int(cols[3]), cols[4])
            elif cols[0] == "refuse" and len(cols) == 4:
                refuse.setdefault(cols[1], []).append((cols[2], cols[3]))
            else:
                sys.exit(f"{path}:{number}: malformed row: {line!r}")
    return accept, refuse


def networkx_counts(path):
    import networkx  # python3-networkx; the oracle for the counts

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = networkx.read_graphml(path, force_multigraph=True)
    return g.number_of_nodes(), g.number_of_edges()


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    tkg, corpus, expect = sys.argv[1:]
    graphml = os.path.join(corpus, "graphml")
    if not os.path.isdir(graphml):
        print(f"skipped: no corpus at {graphml}")
        return 77
    accept, refuse = load_expectations(expect)
    files = sorted(f for f in os.listdir(graphml) if f.endswith(".graphml"))
    failures = []
    listed = set(accept) | set(refuse)
    for name in sorted(listed - set(files)):
        failures.append(f"{name}: in the table but not in the corpus")
    for name in files:
        if name not in listed:
            failures.append(f"{name}: no row in {os.path.basename(expect)}")
            continue
        path = os.path.join(graphml, name)
        run = subprocess.run([tkg, "validate", path], capture_output=True, text=True,
                             errors="replace", timeout=120)
        if run.returncode not in (0, 1):
            failures.append(f"{name}: exit status {run.returncode} (a crash?)\n{run.stderr}")
            continue
        if name in accept:
            nodes, edges, oracle = accept[name]
            if oracle == "networkx":
                nx = networkx_counts(path)
                if nx != (nodes, edges):
                    failures.append(f"{name}: the table says {nodes}/{edges}, NetworkX {nx}")
            elif oracle != "hand":
                failures.append(f"{name}: unknown oracle {oracle!r}")
            m = re.match(r"valid: (\d+) entities, (\d+) relations", run.stdout)
            if run.returncode != 0 or not m:
                failures.append(f"{name}: expected to be accepted, got exit "
                                f"{run.returncode}\n{run.stderr}")
            elif (int(m.group(1)), int(m.group(2))) != (nodes, edges):
                failures.append(f"{name}: tkg read {m.group(1)} nodes and {m.group(2)} edges, "
                                f"expected {nodes} and {edges}")
        else:
            if run.returncode != 1:
                failures.append(f"{name}: expected to be refused, got exit {run.returncode}")
            lines = run.stderr.splitlines()
            for position, message in refuse[name]:
                prefix = f"{path}:{position}: error: "
                if not any(l.startswith(prefix) and message in l[len(prefix):] for l in lines):
                    failures.append(f"{name}: missing '{prefix}...{message}...' among:\n"
                                    + run.stderr)
    for f in failures:
        print("FAIL", f)
    print(f"{len(files)} files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
