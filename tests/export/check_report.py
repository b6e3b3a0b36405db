#!/usr/bin/python3
"""tkg report: every file it announces exists and is read correctly by the real readers (the
checks of check_formats.py), the latest snapshot shows what holds on the latest date of the
data, index.html links every file, and a second run writes the same bytes. The centrality
files are checked against NetworkX by check_report_centrality.py.

Usage: check_report.py TKG WORK_DIR INPUT...
"""

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import check_formats as cf
import oracle


def main():
    tkg, work, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    shutil.rmtree(work, ignore_errors=True)
    out = os.path.join(work, "deep", "output")  # missing parents are created
    p = subprocess.run([tkg, "report", "-o", out, *inputs], capture_output=True, text=True)
    cf.check(p.returncode == 0, "tkg report", p.stderr)
    listed = p.stdout.split()
    names = ["history.svg", "latest.svg", "graph.graphml", "graph.gexf", "graph.json",
             "timeline.html", "nodes.csv", "relationships.csv", "centrality.csv", "centrality-series.csv",
             "ranks.svg", "index.html"]
    cf.check(listed == [os.path.join(out, n) for n in names], "report lists its files",
             str(listed))
    cf.check(sorted(os.listdir(out)) == sorted(names), "report writes those files only",
             str(sorted(os.listdir(out))))

    model = oracle.load(inputs, os.path.join(oracle.source_dir(), "schema", "ontology.xml"))
    ents, rels = oracle.view(model)
    # The latest day any bound names (end_excl is one day past the last day covered).
    ends = [r["iv"][1] - 1 for r in model.relations if r["iv"][1] != oracle.OPEN_END] + \
           [e["life"][1] - 1 for e in model.entities.values() if e["life"][1] != oracle.OPEN_END]
    starts = [r["iv"][0] for r in model.relations if r["iv"][0] != oracle.OPEN_START] + \
             [e["life"][0] for e in model.entities.values() if e["life"][0] != oracle.OPEN_START]
    last = max(ends + starts)
    snap_ents, snap_rels = oracle.view(model, at=last)
    print(f"latest date {oracle.iso(last)}: {len(snap_ents)} entities, {len(snap_rels)} relations")

    f = lambda n: os.path.join(out, n)
    cf.check_svg(model, ents, rels, f("history.svg"), "report history.svg", False)
    cf.check_svg(model, snap_ents, snap_rels, f("latest.svg"), "report latest.svg", False)
    title = ET.parse(f("latest.svg")).getroot()
    texts = " ".join(t.text or "" for t in title.iter(cf.SVG + "text"))
    cf.check(f"as of {oracle.iso(last)}" in texts, "latest.svg says its date", texts[-200:])
    # The report's GraphML is the default (non-strict) one: validate it without the
    # <edge label> attributes, which --strict leaves out.
    strict = os.path.join(work, "strict.graphml")
    text = open(f("graph.graphml"), encoding="utf-8").read()
    open(strict, "w", encoding="utf-8").write(re.sub(r'(<edge [^>]*?) label="[^"]*"', r"\1", text))
    cf.check_graphml(model, ents, rels, f("graph.graphml"), strict, False)
    cf.check_gexf(model, ents, rels, f("graph.gexf"), False)
    cf.check_json(model, ents, rels, f("graph.json"))
    cf.check_csv(model, ents, rels, out)

    index = f("index.html")
    p = subprocess.run(["xmllint", "--html", "--noout", index], capture_output=True, text=True)
    cf.check(p.returncode == 0 and not p.stderr, "index.html parses as HTML", p.stderr)
    html = open(index, encoding="utf-8").read()
    for n in names[:-1]:
        cf.check(f'href="{n}"' in html, f"index.html links {n}")
    for n in ("history.svg", "latest.svg"):  # objects, not images: their tooltips work
        cf.check(f'<object data="{n}" type="image/svg+xml">' in html, f"index.html shows {n}")
    cf.check(f"{len(model.entities)} entities, {len(model.relations)} relations" in html,
             "index.html gives the counts", html[:400])
    # It leads with the timeline: the first link of its body opens timeline.html.
    body = html[html.index("<body>"):]
    cf.check(re.search(r'href="([^"]*)"', body).group(1) == "timeline.html",
             "index.html leads with timeline.html", body[:300])

    # The timeline page is tkg export -f html's page of the whole graph (its data checked
    # against tkg query by check_timeline_data.py), with the series of centrality-series.csv.
    page = os.path.join(work, "page.html")
    p = subprocess.run([tkg, "export", "-o", page, "--title", f"{os.path.basename(inputs[0])}"
                        + (", \u2026" if len(inputs) > 1 else ""), *inputs],
                       capture_output=True, text=True)
    cf.check(p.returncode == 0, "tkg export -f html", p.stderr)
    cf.check(open(page, "rb").read() == open(f("timeline.html"), "rb").read(),
             "report timeline.html is the page tkg export -f html writes")

    again = os.path.join(work, "again")
    p = subprocess.run([tkg, "report", "-o", again, *inputs], capture_output=True, text=True)
    for n in names:
        same = open(f(n), "rb").read() == open(os.path.join(again, n), "rb").read()
        cf.check(same, f"report {n} is byte-identical from run to run")

    print(f"{len(cf.failures)} failure(s)")
    return 1 if cf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
