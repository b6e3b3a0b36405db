#!/usr/bin/python3
"""tkg report's centrality files against NetworkX and the documented rules.

- centrality.csv: the actors of the snapshot at the data's last date, every default measure
  (degree, betweenness, harmonic, PageRank) equal to NetworkX's on the same graph (1e-6),
  every rank one that the oracle's values allow, ties sharing the best rank, rows by PageRank
  rank then id;
- centrality-series.csv: the windows of the documented step rule (recomputed here from the
  data's first and last dates), each equal to NetworkX's on that window's graph;
- ranks.svg: well-formed (xmllint), drawn by librsvg (rsvg-convert) to a PNG; the lines are
  the actors the documented rule picks (recomputed from the series CSV), each labelled, and
  every polyline vertex and point sits where the documented scale puts its rank and date;
  every point's tooltip gives the rank and value of the series CSV;
- index.html shows the chart and links the files.

With --edge, also runs the report on two small graphs: one whose relations never join two
actors, one with nothing dated; the report must succeed, say what it skipped, and write the
other files.

Usage: check_report_centrality.py TKG WORK_DIR INPUT [--edge]
INPUT is a TKG-XML file or an ICEWS quadruple file.
"""

import csv
import datetime
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "analytics"))
import oracle_centrality as oc  # noqa: E402
import tkgref  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
MEASURES = ["degree", "betweenness", "harmonic", "pagerank"]
# docs/export.md, "Rank chart": the fixed geometry.
LEFT, RIGHT, TOP, BOTTOM, LINES, LINEAR_MAX, LABEL_CHARS, LABEL_GAP = \
    64, 740, 84, 484, 8, 25, 28, 15
# tkg report --help: the series steps, coarsest first.
STEPS = [(1000, "y"), (500, "y"), (250, "y"), (100, "y"), (50, "y"), (25, "y"), (10, "y"),
         (5, "y"), (2, "y"), (1, "y"), (6, "m"), (3, "m"), (1, "m"), (1, "w"), (2, "d"), (1, "d")]

failures = []
checked = [0]


def check(cond, what, detail=""):
    checked[0] += 1
    if not cond:
        failures.append(what)
        if len(failures) <= 40:
            print(f"FAIL {what}: {detail}")
    return cond


def date_of(day):
    return datetime.date.fromordinal(day + tkgref.EPOCH)


def day_of(date):
    return date.toordinal() - tkgref.EPOCH


# ------------------------------------------------------------ the step rule


def step_add(start, k, n, unit):
    if unit in "dw":
        return start + k * n * (7 if unit == "w" else 1)
    d = date_of(start)
    months = d.year * 12 + d.month - 1 + k * n * (12 if unit == "y" else 1)
    y, m = divmod(months, 12)
    return day_of(datetime.date(y, m + 1, 1)) if y <= 9999 else tkgref.POS_INF


def align(first, n, unit):
    d = date_of(first)
    if unit == "y":
        return day_of(datetime.date(max(1, d.year // n * n), 1, 1))
    if unit == "m":
        return day_of(datetime.date(d.year, (d.month - 1) // n * n + 1, 1))
    return first


def windows(first, last):
    """The report's windows [(from, to)], by the rule of tkg report --help."""
    for n, unit in STEPS:
        start = align(first, n, unit)
        starts = []
        while (d := step_add(start, len(starts), n, unit)) <= last:
            starts.append(d)
        if len(starts) >= 10 or (n, unit) == STEPS[-1]:
            return [(d, step_add(start, k + 1, n, unit) - 1) for k, d in enumerate(starts)]


def data_range(ref):
    days = []
    for _, (lo, hi) in ref.entities.values():
        days += [lo] if lo != tkgref.NEG_INF else []
        days += [hi - 1] if hi != tkgref.POS_INF else []
    for (_, _, _, lo, hi) in ref.relations:
        days += [lo] if lo != tkgref.NEG_INF else []
        days += [hi - 1] if hi != tkgref.POS_INF else []
    return (min(days), max(days)) if days else None


# ------------------------------------------------------------ values and ranks


def check_values(case, ref, rels, rows_by_measure):
    """rows_by_measure {measure: {entity: (value, rank)}} against NetworkX on `rels`."""
    exp = oc.oracle(ref, rels, MEASURES, False, None, False, 0)
    for m in MEASURES:
        got = rows_by_measure.get(m, {})
        chk = oc.Checker()
        chk.fail = lambda c, msg: check(False, c, msg)
        chk.compare(f"{case} {m}", exp[m], {e: v for e, (v, _) in got.items()},
                    {e: r for e, (_, r) in got.items()})
        checked[0] += chk.checked
        # The tie rule: competition ranks (1, 2, 2, 4), equal values sharing the best rank.
        ranks = sorted(r for _, r in got.values())
        for e, (v, r) in got.items():
            check(r == 1 + sum(1 for x in ranks if x < r), f"{case} {m} {e}: competition rank",
                  f"rank {r} among {ranks[:20]}")
            for e2, (v2, r2) in got.items():
                if math.isclose(v, v2, rel_tol=1e-9, abs_tol=1e-12) and r != r2:
                    check(False, f"{case} {m}: {e} and {e2} tie", f"ranks {r} and {r2}")


# ------------------------------------------------------------ the chart


def rank_y(rank, max_rank):
    if max_rank <= 1:
        return TOP
    if max_rank <= LINEAR_MAX:
        return TOP + (BOTTOM - TOP) * (rank - 1) / (max_rank - 1)
    return TOP + (BOTTOM - TOP) * math.log(rank) / math.log(max_rank)


def shorten(label):
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "\u2026"


def check_chart(path, wins, series, labels, pngpath):
    """series {date: {entity: (value, rank)}} for PageRank; labels {entity: label}."""
    p = subprocess.run(["xmllint", "--nonet", "--noout", path], capture_output=True, text=True)
    check(p.returncode == 0, "ranks.svg is well-formed", p.stderr[-1000:])
    p = subprocess.run(["rsvg-convert", "-o", pngpath, path], capture_output=True, text=True)
    check(p.returncode == 0 and not p.stderr, "rsvg-convert draws ranks.svg", p.stderr[-1000:])
    if p.returncode == 0:
        with open(pngpath, "rb") as f:
            head = f.read(24)
        check(head[:8] == b"\x89PNG\r\n\x1a\n", "rsvg-convert wrote a PNG")
        w, h = struct.unpack(">II", head[16:24])
        check((w, h) == (960, 560), "the PNG is 960 x 560", f"{w} x {h}")

    root = ET.parse(path).getroot()
    check(root.get("width") == "960" and root.get("viewBox") == "0 0 960 560",
          "ranks.svg is 960 wide", str(root.attrib))
    texts = {t.get("class"): "".join(t.itertext()) for t in root.iter(SVG + "text")
             if t.get("class") in ("title", "subtitle")}
    check("PageRank" in texts.get("title", ""), "the chart has a title", str(texts))
    axis_titles = [t.text for t in root.iter(SVG + "text") if t.get("class") == "axis-title"]
    check(len(axis_titles) == 2 and all(axis_titles), "both axes have a title",
          str(axis_titles))

    # Which actors the rule picks: best ranked in the latest window with rows, then by mean
    # rank where present, then by id.
    dates = [tkgref.day_text(lo) for lo, _ in wins]
    latest = max(d for d in dates if d in series)
    ents = {e for rows in series.values() for e in rows}

    def standing(e):
        at = series[latest].get(e)
        present = [series[d][e][1] for d in series if e in series[d]]
        return (at is None, at[1] if at else 0, sum(present) / len(present), e)

    picked = sorted(ents, key=standing)[:LINES]
    groups = [g for g in root.iter(SVG + "g") if g.get("class") == "series"]
    drawn = [g.get("data-entity") for g in groups]
    check(drawn == picked[::-1], "the lines are the actors the rule picks, best drawn last",
          f"drawn {drawn}, expected {picked[::-1]}")

    max_rank = max(series[d][e][1] for d in series for e in picked if e in series[d])
    xs = [LEFT + (RIGHT - LEFT) * (lo - wins[0][0]) / (wins[-1][0] - wins[0][0])
          if len(wins) > 1 else (LEFT + RIGHT) / 2 for lo, _ in wins]

    def expected_y(j, k):
        """Rank height, lines tied at a rank in a window side by side (docs/export.md)."""
        r = series.get(dates[k], {}).get(picked[j], (None, 0))[1]
        tied = [o for o in range(len(picked))
                if series.get(dates[k], {}).get(picked[o], (None, 0))[1] == r]
        band = 16 if max_rank <= 1 else rank_y(r + 1, max_rank) - rank_y(r, max_rank)
        gap = min(4.0, band / len(tied))
        return rank_y(r, max_rank) + (tied.index(j) - (len(tied) - 1) / 2) * gap

    close = lambda a, b: abs(a - b) <= 0.011  # coordinates are written with 2 decimals
    for g in groups:
        e = g.get("data-entity")
        if e not in picked:
            continue
        j = picked.index(e)
        present = [k for k in range(len(wins)) if e in series.get(dates[k], {})]
        runs, run = [], []
        for k in present:
            if run and k != run[-1] + 1:
                runs.append(run)
                run = []
            run.append(k)
        runs.append(run)
        want = [[(xs[k], expected_y(j, k)) for k in r] for r in runs if len(r) > 1]
        got = [[tuple(map(float, pt.split(","))) for pt in pl.get("points").split()]
               for pl in g.iter(SVG + "polyline") if pl.get("class") != "leader"]
        ok = len(got) == len(want) and all(
            len(a) == len(b) and all(close(p[0], q[0]) and close(p[1], q[1]) for p, q in zip(a, b))
            for a, b in zip(got, want))
        check(ok, f"ranks.svg {e}: the polylines follow its ranks in the series CSV",
              f"got {got}, expected {want}")
        points = [c for c in g.iter(SVG + "circle")]
        check(len(points) == len(present), f"ranks.svg {e}: a point per window present",
              f"{len(points)} points, {len(present)} windows")
        tip = re.compile(r"^(.*), (\d{4}-\d\d-\d\d)(?: to (\d{4}-\d\d-\d\d))?: rank (\d+) of (\d+) "
                         r"\(pagerank ([0-9.]+)\)$")
        for c, k in zip(points, present):
            value, rank = series[dates[k]][e]
            check(close(float(c.get("cx")), xs[k]) and close(float(c.get("cy")), expected_y(j, k)),
                  f"ranks.svg {e} {dates[k]}: the point sits at its date and rank",
                  f"({c.get('cx')}, {c.get('cy')}), expected ({xs[k]:.2f}, {expected_y(j, k):.2f})")
            m = tip.match(c.find(SVG + "title").text or "")
            if not check(m, f"ranks.svg {e} {dates[k]}: tooltip", c.find(SVG + "title").text):
                continue
            lo, hi = wins[k]
            check(m.group(1) == labels[e] and m.group(2) == tkgref.day_text(lo) and
                  m.group(3) == tkgref.day_text(hi) and int(m.group(4)) == rank and
                  int(m.group(5)) == len(series[dates[k]]) and
                  abs(float(m.group(6)) - value) <= 1e-6,
                  f"ranks.svg {e} {dates[k]}: the tooltip gives the CSV's rank and value",
                  f"{m.group(0)} vs rank {rank} of {len(series[dates[k]])}, value {value}")
        label = [t for t in g.iter(SVG + "text") if t.get("class") == "label"]
        check(len(label) == 1 and label[0].text == shorten(labels[e]),
              f"ranks.svg {e}: labelled with its label", str([t.text for t in label]))
        check(g.find(SVG + "title").text == labels[e], f"ranks.svg {e}: the line's title")
    label_ys = sorted(float(t.get("y")) for t in root.iter(SVG + "text")
                      if t.get("class") == "label")
    check(all(b - a >= LABEL_GAP - 0.011 for a, b in zip(label_ys, label_ys[1:])) and
          all(TOP - 20 <= y <= 560 - 40 for y in label_ys),
          "the end labels do not overlap and stay in the chart", str(label_ys))

    # The axes agree with the points: every rank tick at its rank's height, every labelled
    # date tick at its window's x.
    yticks = [t for t in root.iter(SVG + "text") if t.get("class") == "ytick"]
    check(yticks and yticks[0].text == "1", "the rank axis starts at 1 (top)")
    for t in yticks:
        check(close(float(t.get("y")) - 4, rank_y(int(t.text), max_rank)),
              f"rank tick {t.text} at its height", t.get("y"))
    xticks = [t for t in root.iter(SVG + "text") if t.get("class") == "xtick"]
    check(len(xticks) >= min(len(wins), 5), "the date axis is labelled", str(len(xticks)))
    for t in xticks:
        k = min(range(len(wins)), key=lambda i: abs(xs[i] - float(t.get("x"))))
        lo, hi = wins[k]
        check(close(float(t.get("x")), xs[k]) and
              tkgref.day_text(lo).startswith(t.text.split("\u2013")[0]),
              f"date tick {t.text} at its window", f"x {t.get('x')}, window {tkgref.day_text(lo)}")


# ------------------------------------------------------------ the report


GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"


def check_graph_files(out, table, by_date, wins):
    """The graph files carry the report's centrality: GraphML (read by NetworkX) and JSON the
    values of centrality.csv, GEXF those of every window of centrality-series.csv as dynamic
    values and ranks timed by the window; latest.svg is sized by PageRank."""
    import networkx as nx
    g = nx.read_graphml(os.path.join(out, "graph.graphml"), force_multigraph=True)
    for m in MEASURES:
        got = {d.get("tkg_id", n): d[f"tkg_{m}"] for n, d in g.nodes(data=True)
               if f"tkg_{m}" in d}
        check(set(got) == set(table[m]), f"graph.graphml tkg_{m}: the actors of centrality.csv",
              str(sorted(set(got) ^ set(table[m]))[:5]))
        for e, (v, _) in table[m].items():
            check(e in got and math.isclose(got[e], v, rel_tol=1e-9, abs_tol=1e-12),
                  f"graph.graphml tkg_{m} of {e}", f"{got.get(e)} != {v}")
    import json
    nodes = json.load(open(os.path.join(out, "graph.json"), encoding="utf-8"))["nodes"]
    got = {n["key"]: n["attributes"]["tkg_pagerank"] for n in nodes
           if "tkg_pagerank" in n.get("attributes", {})}
    check(got.keys() == table["pagerank"].keys() and
          all(math.isclose(got[e], v, rel_tol=1e-9, abs_tol=1e-12)
              for e, (v, _) in table["pagerank"].items()),
          "graph.json tkg_pagerank: the values of centrality.csv")

    # GEXF: for each window and actor, the one attvalue of tkg_<m> whose spell overlaps the
    # window equals the series' value there (ranks too).
    root = ET.parse(os.path.join(out, "graph.gexf")).getroot()
    spells = {}
    for node in root.iter(GEXF_NS + "node"):
        nid = node.get("id")
        for av in node.iter(GEXF_NS + "attvalue"):
            attr = av.get("for")
            if attr.startswith("tkg_") and attr != "tkg_id":
                lo = day_of(datetime.date.fromisoformat(av.get("start"))) \
                    if av.get("start") else tkgref.NEG_INF
                hi = day_of(datetime.date.fromisoformat(av.get("end"))) \
                    if av.get("end") else tkgref.POS_INF
                spells.setdefault((nid, attr), []).append((lo, hi, av.get("value")))
    ids = {n.get("id"): n for n in root.iter(GEXF_NS + "node")}

    def during(nid, attr, first, last):
        """Values whose spell overlaps the window (spells are cut to the node's lifespan)."""
        return [v for lo, hi, v in spells.get((nid, attr), []) if lo <= last and first <= hi]

    compared = 0
    for lo, hi in wins:
        values = by_date.get(tkgref.day_text(lo), {})
        for m in ("pagerank", "degree"):
            for e, (v, r) in values.get(m, {}).items():
                # GEXF node ids are the entity ids where they are valid XML ids
                nid = e if e in ids else None
                if nid is None:
                    continue
                got = during(nid, f"tkg_{m}", lo, hi)
                rank = during(nid, f"tkg_{m}_rank", lo, hi)
                compared += 1
                check(len(got) == 1 and math.isclose(float(got[0]), v, rel_tol=1e-9,
                                                     abs_tol=1e-12) and
                      len(rank) == 1 and int(rank[0]) == r,
                      f"graph.gexf {e} {m} in the window from {tkgref.day_text(lo)}",
                      f"{got} {rank} != {v} {r}")
    check(compared > 0, "graph.gexf: values compared with the series")
    svg = open(os.path.join(out, "latest.svg"), encoding="utf-8").read()
    check("node size: pagerank" in svg, "latest.svg: node size by PageRank in the legend")


DRAW_MAX = 200  # tkg report --help: the most entities a diagram draws


def svg_nodes(path):
    """The entity ids of the nodes of an SVG written by Graphviz (their <title> is the DOT
    node name)."""
    root = ET.parse(path).getroot()
    ids = set()
    for g in root.iter(SVG + "g"):
        if "node" in (g.get("class") or "").split():
            ids.add(tkgref.dot_name_id(g.find(SVG + "title").text))
    return ids


def check_drawn(out, ref, first, last, stderr):
    """With more than DRAW_MAX entities, each diagram draws the most connected ones: at most
    DRAW_MAX, none without relations, and none with fewer relations than one left out; the
    caption says so. Else every entity is drawn."""
    def degrees(lo, hi):
        ents = [e for e, (_, (a, b)) in ref.entities.items() if a <= hi and lo < b]
        kept = set(ents)
        deg = dict.fromkeys(ents, 0)
        for (_, x, y, a, b) in ref.relations:
            if a <= hi and lo < b and x in kept and y in kept:
                deg[x] += 1
                deg[y] += 1
        return deg

    cases = [("history.svg", degrees(tkgref.NEG_INF, tkgref.POS_INF))]
    if first is not None:
        cases.append(("latest.svg", degrees(last, last)))
    for name, deg in cases:
        drawn = svg_nodes(os.path.join(out, name))
        svg = open(os.path.join(out, name), encoding="utf-8").read()
        if len(deg) <= DRAW_MAX:
            check(drawn == set(deg), f"{name}: every entity drawn")
            continue
        connected = sum(1 for d in deg.values() if d > 0)
        check(len(drawn) == min(DRAW_MAX, connected), f"{name}: {DRAW_MAX} entities drawn",
              str(len(drawn)))
        left = [d for e, d in deg.items() if e not in drawn]
        check(all(deg[e] > 0 for e in drawn) and
              min(deg[e] for e in drawn) >= max(left, default=0),
              f"{name}: the most connected entities are drawn")
        check(f"the {len(drawn):,} most connected of {len(deg):,} entities" in svg,
              f"{name}: the caption says the diagram is cut")
        check(f"the diagrams draw at most the {DRAW_MAX} most connected of " in stderr,
              f"{name}: a note")
    # The graph files have positions whatever the size (igraph's layout, not the diagrams').
    text = open(os.path.join(out, "graph.graphml"), encoding="utf-8").read()
    nodes = text.count("<node ")
    xs = re.findall(r'<data key="x">([^<]*)</data>', text)
    ys = re.findall(r'<data key="y">([^<]*)</data>', text)
    check(len(xs) == len(ys) == nodes and all(math.isfinite(float(v)) for v in xs + ys),
          "graph.graphml: every node has a finite position", f"{len(xs)} of {nodes}")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def main():
    args = [a for a in sys.argv[1:] if a != "--edge"]
    tkg, work, inp = args
    shutil.rmtree(work, ignore_errors=True)
    out = os.path.join(work, "output")
    ref = tkgref.Graph(tkgref.Ontology(os.path.join(HERE, "..", "..", "schema", "ontology.xml")))
    if inp.endswith(".xml"):
        ref.read_xml(inp)
    else:
        ref.read_icews(inp)
    # No layout timeout: the diagrams of a large sample may take long on a loaded machine.
    p = subprocess.run([tkg, "report", "--timeout", "0", "-o", out, inp], capture_output=True,
                       text=True)
    if not check(p.returncode == 0, "tkg report", p.stderr[-2000:]):
        return 1
    for name in ("centrality.csv", "centrality-series.csv", "ranks.svg"):
        check(os.path.join(out, name) in p.stdout.split(), f"report lists {name}")
    first, last = data_range(ref)
    labels = {}

    # centrality.csv: the snapshot of latest.svg, actors only.
    rows = read_csv(os.path.join(out, "centrality.csv"))
    header = ["entity", "label", "kind"] + [c for m in MEASURES for c in (m, m + "_rank")]
    check(rows[0] == header, "centrality.csv header", str(rows[0]))
    table = {}
    for r in rows[1:]:
        labels[r[0]] = r[1]
        for i, m in enumerate(MEASURES):
            table.setdefault(m, {})[r[0]] = (float(r[3 + 2 * i]), int(r[4 + 2 * i]))
    check(rows[1:] == sorted(rows[1:], key=lambda r: (int(r[10]), r[0])),
          "centrality.csv rows by PageRank rank, then id")
    rels = ref.view(last, last, actors_only=True)
    check(bool(rels), f"the oracle has relations on {tkgref.day_text(last)}")
    check_values(f"centrality.csv ({tkgref.day_text(last)})", ref, rels, table)

    # centrality-series.csv: the windows of the step rule.
    wins = windows(first, last)
    print(f"data from {tkgref.day_text(first)} to {tkgref.day_text(last)}: {len(wins)} windows "
          f"from {tkgref.day_text(wins[0][0])}, the last to {tkgref.day_text(wins[-1][1])}")
    check(10 <= len(wins) <= 45 or last - first < 20, "the series has 10 to 45 windows")
    rows = read_csv(os.path.join(out, "centrality-series.csv"))
    check(rows[0] == ["entity", "label", "date", "measure", "value", "rank"],
          "centrality-series.csv header", str(rows[0]))
    by_date = {}
    for e, label, date, m, v, r in rows[1:]:
        labels.setdefault(e, label)
        by_date.setdefault(date, {}).setdefault(m, {})[e] = (float(v), int(r))
    for lo, hi in wins:
        date = tkgref.day_text(lo)
        rels = ref.view(lo, hi, actors_only=True)
        if not rels:
            check(date not in by_date, f"series {date}: no rows for an empty window")
            check(f"no relation holds on {date}" in p.stderr, f"series {date}: a warning")
            continue
        if check(date in by_date, f"series {date}: rows for the window"):
            check_values(f"series {date}", ref, rels, by_date[date])
    check(set(by_date) <= {tkgref.day_text(lo) for lo, _ in wins}, "series dates are windows",
          str(sorted(by_date)))

    # As --help says: what tkg centrality writes for the same windows.
    step = {(n, u) for n, u in STEPS
            if len(wins) > 1 and step_add(wins[0][0], 1, n, u) == wins[1][0]}
    if len(step) == 1:
        n, u = step.pop()
        q = subprocess.run([tkg, "centrality", "--series",
                            f"{tkgref.day_text(wins[0][0])}..{tkgref.day_text(last)}",
                            "--step", f"{n}{u}", "--windows", "--format", "csv", inp],
                           capture_output=True)
        series_bytes = open(os.path.join(out, "centrality-series.csv"), "rb").read()
        check(q.returncode == 0 and q.stdout == series_bytes,
              "centrality-series.csv is what tkg centrality --series ... --windows writes")

    pagerank = {d: ms["pagerank"] for d, ms in by_date.items()}
    check_chart(os.path.join(out, "ranks.svg"), wins, pagerank, labels,
                os.path.join(work, "ranks.png"))

    check_graph_files(out, table, by_date, wins)
    check_drawn(out, ref, first, last, p.stderr)

    html = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    check('<object data="ranks.svg" type="image/svg+xml">' in html,
          "index.html shows ranks.svg (as an object: tooltips work)")
    for name in ("centrality.csv", "centrality-series.csv", "ranks.svg"):
        check(f'href="{name}"' in html, f"index.html links {name}")

    if "--edge" in sys.argv:
        edge_cases(tkg, work)
    print(f"{checked[0]} checks, {len(failures)} failure(s)")
    return 1 if failures or checked[0] < 100 else 0


EDGE = {
    # Dated, but the only relation joins a city to a state: no relation between actors.
    "no-actor-relation.xml": """<tkg xmlns="urn:tkg:1">
  <entity id="mali" kind="state" label="Mali" start="1960-09-22"/>
  <entity id="bamako" kind="city" label="Bamako"/>
  <relation kind="located_in" from="bamako" to="mali" start="1960-09-22"/>
</tkg>
""",
    # Nothing dated: centrality.csv covers the whole graph; no series, no chart.
    "undated.xml": """<tkg xmlns="urn:tkg:1">
  <entity id="a" kind="state" label="A"/>
  <entity id="b" kind="state" label="B"/>
  <entity id="o" kind="organization" label="O"/>
  <relation kind="part_of" from="a" to="o"/>
  <relation kind="part_of" from="b" to="o"/>
</tkg>
""",
}


def edge_cases(tkg, work):
    for name, text in EDGE.items():
        path = os.path.join(work, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        out = os.path.join(work, name + ".out")
        p = subprocess.run([tkg, "report", "-o", out, path], capture_output=True, text=True)
        check(p.returncode == 0, f"{name}: report succeeds", p.stderr)
        files = set(os.listdir(out)) if os.path.isdir(out) else set()
        check({"history.svg", "graph.graphml", "index.html"} <= files, f"{name}: other files",
              str(files))
        check("centrality-series.csv" not in files and "ranks.svg" not in files,
              f"{name}: no series, no chart", str(files))
        check("centrality-series.csv and ranks.svg are skipped" in p.stderr,
              f"{name}: says the series and chart are skipped", p.stderr)
        html = open(os.path.join(out, "index.html"), encoding="utf-8").read() if files else ""
        check("ranks.svg" not in html, f"{name}: index.html does not link a missing chart")
        if name == "undated.xml":
            ref = tkgref.Graph(tkgref.Ontology(
                os.path.join(HERE, "..", "..", "schema", "ontology.xml"))).read_xml(path)
            rows = read_csv(os.path.join(out, "centrality.csv"))
            table = {}
            for r in rows[1:]:
                for i, m in enumerate(MEASURES):
                    table.setdefault(m, {})[r[0]] = (float(r[3 + 2 * i]), int(r[4 + 2 * i]))
            check_values("undated centrality.csv", ref, ref.view(actors_only=True), table)
            check("nothing in the data is dated" in p.stderr, f"{name}: says why", p.stderr)
        else:
            check("centrality.csv" not in files, f"{name}: no centrality.csv", str(files))
            check("centrality.csv is skipped" in p.stderr, f"{name}: says so", p.stderr)


if __name__ == "__main__":
    sys.exit(main())
