#!/usr/bin/python3
"""Centrality in the exports, read back with the real readers and checked against NetworkX.

Usage: check_centrality.py TKG SOURCE_DIR WORK {graphml|gexf|svg|usage}

- graphml: `tkg export -f graphml --strict --centrality ...` validates against the GraphML
  XSD (xmllint), NetworkX reads it, and every tkg_<measure> equals NetworkX's own value on
  the same view (the oracle of tests/analytics: tkgref.py reads the input itself); the same
  for graphology JSON read by graphology (Gephi Lite's reader).
- gexf: the dynamic values validate against the GEXF 1.3 RELAX NG grammar, graphology parses
  the file (and sees the latest value), and a plain XML read of the <attvalue>s gives, on
  every snapshot, NetworkX's values on that snapshot and ranks the oracle allows; spells are
  full dates, ascending and disjoint, each snapshot's running to the day before the next.
  The default snapshots are derived here from the rule docs/export.md states.
- svg: with --size-by, every node's drawn width is the larger of the documented function of
  its value and what its label needs (the width of the same node drawn without --size-by, at
  the same height), so labels stay inside and sizes rise with the measure where it decides;
  nodes without a value keep their natural size; the legend names the measure and its range;
  through tkg-render and through Graphviz's own `dot`.
- usage: option combinations that make no sense exit with status 2 and say why.

The ICEWS sample is $TKG_ICEWS_SAMPLE (tests/CMakeLists.txt sets it from TKG_CORPUS).
"""
import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "analytics"))
import check_report_centrality  # noqa: E402  (tkg report's windows, the GEXF default)
import oracle_centrality as oc  # noqa: E402
import tkgref  # noqa: E402

SCHEMAS = os.path.join(HERE, "schemas")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALL = oc.ALL


class Run:
    def __init__(self, tkg, src, work):
        self.tkg, self.src, self.work = tkg, src, work
        os.makedirs(work, exist_ok=True)
        self.chk = oc.Checker()
        self.ontology = tkgref.Ontology(os.path.join(src, "schema/ontology.xml"))
        self.sahel_path = os.path.join(src, "graphs/sahel.xml")
        self.sahel = tkgref.Graph(self.ontology).read_xml(self.sahel_path)
        self.icews_path = os.environ.get(
            "TKG_ICEWS_SAMPLE",
            os.path.join(src, "../shared/corpus/temporal-kg/icews_2014_test.txt"))
        self.icews = None
        if os.path.exists(self.icews_path):
            self.icews = tkgref.Graph(self.ontology).read_icews(self.icews_path)
        else:
            print(f"note: no ICEWS sample at {self.icews_path}: its cases are skipped")

    def fail(self, case, msg):
        self.chk.fail(case, msg)

    def export(self, case, args, out):
        if os.path.exists(out):
            os.remove(out)
        rc, _, err = tkgref.run_tkg(self.tkg, ["export"] + args + ["-o", out])
        if rc != 0:
            self.fail(case, f"tkg export exit {rc}: {err.strip()}")
            return False
        return True

    def xmllint(self, case, schema_args, path):
        p = subprocess.run(["xmllint", "--nonet", "--noout"] + schema_args + [path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            self.fail(case, f"xmllint: {p.stderr.strip()[-1500:]}")
        self.chk.checked += 1

    def graphology(self, case, fmt, path):
        p = subprocess.run(["node", os.path.join(HERE, "graphology_read.js"), fmt, path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            self.fail(case, f"graphology: {p.stderr.strip()[-1500:]}")
            return None
        return json.loads(p.stdout)


def day_of(text):
    return tkgref.day(*map(int, text.split("-")))


def expected_values(ref, lo, hi, measures, kw):
    """The oracle's {measure: {entity: value}} on the view [lo, hi] (None: no relation)."""
    kinds = kw.get("kinds")
    rels = ref.view(lo, hi, kinds=kinds, actors_only=kinds is None)
    if "around" in kw:
        # --around ID --depth N: the entities within N hops along the view's relations (of
        # every kind), and the relations between them.
        center, depth = kw["around"]
        hops = nx.Graph()
        hops.add_edges_from((a, b) for _, a, b, _, _ in ref.view(lo, hi))
        near = nx.single_source_shortest_path_length(hops, center, cutoff=depth)
        rels = [r for r in rels if r[1] in near and r[2] in near]
    if not rels:
        return None
    return oc.oracle(ref, rels, measures, kw.get("directed", False), kw.get("weighting"),
                     kw.get("normalized", False), 0)


def compare_values(run, case, exp, got):
    """exp {entity: value} from the oracle; got {entity: value} read from a file."""
    if set(exp) != set(got):
        run.fail(case, f"entities with a value differ: only oracle "
                       f"{sorted(set(exp) - set(got))[:5]}, only file {sorted(set(got) - set(exp))[:5]}")
    for e, x in exp.items():
        run.chk.checked += 1
        if e in got and not tkgref.close(got[e], x):
            run.fail(case, f"{e}: file {got[e]!r}, networkx {x!r}")


# ------------------------------------------------------------------ graphml and json


def single_cases(run):
    """(name, ref, input, tkg args, lo, hi, measures, oracle options)."""
    inf = (tkgref.NEG_INF, tkgref.POS_INF)
    cases = [
        ("sahel at 2023-06-01", run.sahel, run.sahel_path, ["--at", "2023-06-01"],
         (day_of("2023-06-01"),) * 2, ALL, {}),
        ("sahel at 2024-07-06 directed support normalized", run.sahel, run.sahel_path,
         ["--at", "2024-07-06", "--directed", "--weight", "support", "--normalize"],
         (day_of("2024-07-06"),) * 2, ALL,
         {"directed": True, "weighting": "support", "normalized": True}),
        ("sahel history every kind", run.sahel, run.sahel_path, ["--kind", "entity"], inf,
         ["degree", "betweenness", "harmonic", "pagerank"], {"kinds": ["entity"]}),
    ]
    if run.icews:
        cases.append(("icews 2014-06", run.icews, run.icews_path,
                      ["--from", "2014-06-01", "--to", "2014-06-30", "--layout", "none"],
                      (day_of("2014-06-01"), day_of("2014-06-30")), ALL, {}))
    return cases


def check_graphml(run):
    xsd = os.path.join(SCHEMAS, "graphml", "graphml.xsd")
    for k, (name, ref, inp, args, (lo, hi), measures, kw) in enumerate(single_cases(run)):
        path = os.path.join(run.work, f"c{k}.graphml")
        if not run.export(name, ["-f", "graphml", "--strict", "--centrality", ",".join(measures)]
                          + args + [inp], path):
            continue
        run.xmllint(f"{name}: GraphML XSD", ["--schema", xsd], path)
        root = ET.parse(path).getroot()
        keys = {key.get("attr.name"): key for key in root.iter(GRAPHML + "key")}
        for m in measures:
            key = keys.get(f"tkg_{m}")
            if key is None or key.get("for") != "node" or key.get("attr.type") != "double":
                run.fail(name, f"no <key for=node attr.type=double> for tkg_{m}")
        g = nx.read_graphml(path, force_multigraph=True)
        exp = expected_values(ref, lo, hi, measures, kw)
        for m in measures:
            got = {d.get("tkg_id", n): d[f"tkg_{m}"] for n, d in g.nodes(data=True)
                   if f"tkg_{m}" in d}
            compare_values(run, f"{name} graphml {m}", exp[m], got)
        # graphology JSON carries the same values as numbers.
        jpath = os.path.join(run.work, f"c{k}.json")
        if run.export(name, ["-f", "json", "--centrality", ",".join(measures)] + args + [inp],
                      jpath):
            seen = run.graphology(f"{name} json", "json", jpath)
            for m in measures if seen else []:
                got = {key: a[f"tkg_{m}"] for key, a in seen["nodes"].items() if f"tkg_{m}" in a}
                if any(not isinstance(v, (int, float)) for v in got.values()):
                    run.fail(f"{name} json {m}", "a value that is not a number")
                compare_values(run, f"{name} json {m}", exp[m], got)


# ------------------------------------------------------------------ gexf


def view_days(ref):
    """The first and last day the whole graph names (lifespans and relation intervals)."""
    days = []
    for _, (lo, hi) in ref.entities.values():
        days += [d for d in (lo, hi - 1) if tkgref.NEG_INF < d < tkgref.POS_INF - 1]
    for (_, _, _, lo, hi) in ref.relations:
        days += [d for d in (lo, hi - 1) if tkgref.NEG_INF < d < tkgref.POS_INF - 1]
    return min(days), max(days)


def default_snapshots(ref):
    """docs/export.md: the windows tkg report uses (check_report_centrality.windows, which
    follows the rule written in docs/analytics.md) over the view's dates."""
    return check_report_centrality.windows(*view_days(ref))


def spells_of(snaps, last_day):
    """Snapshot k's values hold from its first day to the day before the next snapshot's;
    the last one to its own last day or the view's, whichever is later."""
    out = [(lo, snaps[i + 1][0] - 1) for i, (lo, _) in enumerate(snaps[:-1])]
    out.append((snaps[-1][0], max(snaps[-1][1], last_day)))
    return out


def read_attvalues(run, case, path, measures):
    """{node id: {attribute: [(value, start, end)]}} of the tkg_ columns, and the attribute
    declarations; checks dates and order."""
    root = ET.parse(path).getroot()
    decl = {}
    for block in root.iter(GEXF + "attributes"):
        if block.get("class") == "node":
            if block.get("mode") != "dynamic":
                run.fail(case, "the node attributes block is not mode=dynamic")
            decl = {a.get("id"): (a.get("title"), a.get("type")) for a in block}
    for m in measures:
        if decl.get(f"tkg_{m}") != (f"tkg_{m}", "double") or \
                decl.get(f"tkg_{m}_rank") != (f"tkg_{m}_rank", "integer"):
            run.fail(case, f"tkg_{m} or tkg_{m}_rank is not declared as double/integer")
    if "kind" not in decl:
        run.fail(case, "the static attribute 'kind' is not declared any more")
    nodes = {}
    for node in root.iter(GEXF + "node"):
        values = {}
        for av in node.iter(GEXF + "attvalue"):
            attr = av.get("for")
            if not attr.startswith("tkg_") or attr == "tkg_id":
                continue
            start, end = av.get("start"), av.get("end")
            for t in (start, end):
                if t is not None and not ISO.match(t):
                    run.fail(case, f"{node.get('id')} {attr}: date {t!r} is not YYYY-MM-DD")
            lo = day_of(start) if start else tkgref.NEG_INF
            hi = day_of(end) if end else tkgref.POS_INF
            if hi < lo:
                run.fail(case, f"{node.get('id')} {attr}: spell {start}..{end} ends before it starts")
            values.setdefault(attr, []).append((float(av.get("value")), lo, hi))
        for attr, spells in values.items():
            for a, b in zip(spells, spells[1:]):
                run.chk.checked += 1
                if not a[2] < b[1]:
                    run.fail(case, f"{node.get('id')} {attr}: spells not ascending and disjoint")
        nodes[node.get("id")] = values
    return nodes


def check_gexf_case(run, name, ref, inp, args, snaps, measures, kw, k):
    path = os.path.join(run.work, f"g{k}.gexf")
    if not run.export(name, ["-f", "gexf", "--layout", "none", "--centrality",
                             ",".join(measures)] + args + [inp], path):
        return
    run.xmllint(f"{name}: GEXF 1.3 RELAX NG",
                ["--relaxng", os.path.join(SCHEMAS, "gexf-1.3", "gexf.rng")], path)
    nodes = read_attvalues(run, name, path, measures)
    seen = run.graphology(f"{name} gexf", "gexf", path)
    if seen:
        # Gephi Lite keeps the last value of a dynamic attribute: the latest snapshot's.
        for key, values in nodes.items():
            for attr, spells in values.items():
                run.chk.checked += 1
                if not tkgref.close(seen["nodes"][key].get(attr, math.nan), spells[-1][0]):
                    run.fail(f"{name} graphology", f"{key} {attr}: {seen['nodes'][key].get(attr)}")
            if "kind" not in seen["nodes"][key]:
                run.fail(f"{name} graphology", f"{key}: static attribute kind lost")
    # An entity without a lifespan of its own is shown over the span of its relations
    # (docs/export.md), which tests/export/check_shape.py checks: its node's spells there.
    span = {}
    for node in ET.parse(path).getroot().iter(GEXF + "node"):
        sp = [(s.get("start"), s.get("end")) for s in node.iter(GEXF + "spell")] or \
             ([(node.get("start"), node.get("end"))] if node.get("start") or node.get("end") else [])
        if sp:
            span[node.get("id")] = (min(day_of(a) if a else tkgref.NEG_INF for a, _ in sp),
                                    max(day_of(b) + 1 if b else tkgref.POS_INF for _, b in sp))
    spells = spells_of(snaps, view_days(ref)[1])
    for (lo, hi), (s0, s1) in zip(snaps, spells):
        exp = expected_values(ref, lo, hi, measures, kw) or {m: {} for m in measures}
        for m in measures:
            case = f"{name} {tkgref.day_text(lo)} {m}"
            got_v, got_r = {}, {}
            for e, (_, (life_lo, life_hi)) in ref.entities.items():
                if (life_lo, life_hi) == (tkgref.NEG_INF, tkgref.POS_INF) and e in span:
                    life_lo, life_hi = span[e]
                vals = nodes.get(e, {})
                if e not in exp[m]:
                    for attr in (f"tkg_{m}", f"tkg_{m}_rank"):
                        if any(a <= s1 and s0 <= b for _, a, b in vals.get(attr, [])):
                            run.fail(case, f"{e} has a {attr} value but is not in the snapshot")
                    continue
                probe = max(s0, life_lo)
                if not (probe <= s1 and probe < life_hi):
                    run.fail(case, f"{e}: in the snapshot but outside its spell")
                    continue
                for attr, out in ((f"tkg_{m}", got_v), (f"tkg_{m}_rank", got_r)):
                    hit = [v for v, a, b in vals.get(attr, []) if a <= probe <= b]
                    if len(hit) == 1:
                        out[e] = hit[0]
                    else:
                        run.fail(case, f"{e}: {len(hit)} {attr} values on {tkgref.day_text(probe)}")
            if set(got_v) == set(exp[m]) and set(got_r) == set(exp[m]):
                run.chk.compare(case, exp[m], got_v, got_r)


def check_gexf(run):
    sahel, sp = run.sahel, run.sahel_path
    years = [(tkgref.day(y), tkgref.day(y)) for y in range(2012, 2026)]
    listed = [(day_of(d),) * 2 for d in ("2013-06-01", "2023-12-15", "2024-12-01")]
    cases = [
        ("sahel default series", sahel, sp, [], default_snapshots(sahel), ALL, {}),
        ("sahel yearly directed", sahel, sp, ["--series", "2012..2025", "--step", "1y",
                                              "--directed"], years,
         ["degree", "betweenness", "pagerank", "hub"], {"directed": True}),
        ("sahel dates, every kind", sahel, sp,
         ["--at", "2013-06-01,2023-12-15,2024-12-01", "--kind", "entity"], listed,
         ["degree", "harmonic", "pagerank"], {"kinds": ["entity"]}),
    ]
    if run.icews:
        months = [tkgref.day(2014, m) for m in (1, 2, 3, 4)]
        cases += [
            ("icews monthly windows", run.icews, run.icews_path,
             ["--series", "2014-01..2014-03", "--step", "1m", "--windows"],
             [(months[i], months[i + 1] - 1) for i in range(3)],
             ["degree", "betweenness", "pagerank"], {}),
            ("icews default series", run.icews, run.icews_path, [],
             default_snapshots(run.icews), ["degree", "pagerank"], {}),
        ]
    for k, (name, ref, inp, args, snaps, measures, kw) in enumerate(cases):
        check_gexf_case(run, name, ref, inp, args, snaps, measures, kw, k)


# ------------------------------------------------------------------ svg


def node_boxes(svg_path):
    """{node name: (drawn width, drawn height in points, tooltip)} from an SVG written by
    Graphviz: the extent of the node's shape (polygon, ellipse or path)."""
    root = ET.parse(svg_path).getroot()
    out = {}
    for g in root.iter(SVG + "g"):
        if "node" not in (g.get("class") or "").split():
            continue
        xs, ys = [], []
        for el in g.iter():
            tag = el.tag[len(SVG):] if el.tag.startswith(SVG) else el.tag
            if tag in ("polygon", "polyline"):
                pts = [p.split(",") for p in el.get("points").split()]
                xs += [float(x) for x, _ in pts]
                ys += [float(y) for _, y in pts]
            elif tag == "ellipse":
                cx, rx = float(el.get("cx")), float(el.get("rx"))
                cy, ry = float(el.get("cy")), float(el.get("ry"))
                xs += [cx - rx, cx + rx]
                ys += [cy - ry, cy + ry]
            elif tag == "path":
                nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", el.get("d"))]
                xs += nums[0::2]
                ys += nums[1::2]
        tip = next((a.get(XLINK + "title") for a in g.iter(SVG + "a")), "")
        out[tkgref.dot_name_id(g.find(SVG + "title").text)] = (max(xs) - min(xs), max(ys) - min(ys),
                                                      tip or "")
    return out, root


def dot_svg(run, case, dot_path, svg_path):
    """Graphviz's own `dot` renders a DOT file; False (and a failure) when it cannot."""
    p = subprocess.run(["dot", "-Tsvg", "-o", svg_path, dot_path], capture_output=True, text=True)
    if p.returncode != 0:
        run.fail(case, f"dot -Tsvg: {p.stderr.strip()}")
    return p.returncode == 0


def render(run, name, args, path, via_dot):
    """`tkg export ARGS` as SVG at `path`: through tkg-render, or (via_dot) as DOT rendered by
    Graphviz's own `dot`. Returns the path of the DOT when it wrote one."""
    if not via_dot:
        return run.export(name, ["-f", "svg"] + args, path)
    dot_path = path[:-4] + ".dot"
    return run.export(name, ["-f", "dot"] + args, dot_path) and dot_svg(run, name, dot_path, path)


# docs/export.md: the area grows linearly from the minimum (0.75 x 0.3 in) at 0 to 16 times it
# at the largest value drawn; the label's natural size wins where it is larger.
SIZE_WIDTH, SIZE_HEIGHT, SIZE_AREA = 0.75, 0.3, 16.0


def check_svg_case(run, name, ref, inp, args, lo, hi, measure, kw, via_dot, k):
    path = os.path.join(run.work, f"s{k}.svg")
    if not render(run, name, ["--size-by", measure] + args + [inp], path, via_dot):
        return
    run.xmllint(f"{name}: well-formed SVG", [], path)
    boxes, root = node_boxes(path)
    # The natural sizes: the same view drawn the same way without --size-by.
    # (The graph options only change the values: they need a measure.)
    plain, skip = [], 0
    for a in args:
        if skip or a in ("--directed", "--normalize"):
            skip = 0
        elif a == "--weight":
            skip = 1
        else:
            plain.append(a)
    nat_path = os.path.join(run.work, f"s{k}-natural.svg")
    nat_dot = os.path.join(run.work, f"s{k}-natural.dot")
    if not (render(run, name, plain + [inp], nat_path, via_dot) and
            run.export(name, ["-f", "dot"] + plain + [inp], nat_dot)):
        return
    natural, _ = node_boxes(nat_path)
    exp = expected_values(ref, lo, hi, [measure], kw)[measure]
    top = max(exp.values())
    minimum = {}  # entity: the (width, height) in points the formula asks for
    for e, v in exp.items():
        scale = math.sqrt(1 + (SIZE_AREA - 1) * (v / top if v > 0 and top > 0 else 0.0))
        minimum[e] = (72 * SIZE_WIDTH * scale, 72 * SIZE_HEIGHT * scale)
    # Graphviz pads a label less in an ellipse, a hexagon... taller than the label needs: what
    # the label needs at the node's height is the natural DOT with that (minimum) height drawn
    # by Graphviz. Node sizes do not depend on the layout.
    fit_dot = os.path.join(run.work, f"s{k}-fit.dot")
    fit_path = os.path.join(run.work, f"s{k}-fit.svg")
    lines = []
    with open(nat_dot, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'  "([^"]+)" \[id="n-', line)
            if m and tkgref.dot_name_id(m.group(1)) in minimum:
                height = minimum[tkgref.dot_name_id(m.group(1))][1] / 72
                line = line.replace(' [id="n-', f' [height="{height:.6f}", id="n-', 1)
            lines.append(line)
    with open(fit_dot, "w", encoding="utf-8") as f:
        f.writelines(lines)
    if not dot_svg(run, name, fit_dot, fit_path):
        return
    fit, _ = node_boxes(fit_path)
    if set(boxes) != set(natural) or set(boxes) != set(fit):
        run.fail(name, f"the nodes drawn differ with and without --size-by: "
                       f"{sorted(set(boxes) ^ set(natural))[:5]}")
        return
    formula_wins = []
    for e, (width, height, tip) in boxes.items():
        nat_w, nat_h, _ = natural[e]
        run.chk.checked += 1
        if e not in minimum:
            # No value: the node keeps its natural shape.
            if abs(width - nat_w) > 1.0 or abs(height - nat_h) > 1.0:
                run.fail(name, f"{e} has no {measure} but is drawn {width:.1f} x {height:.1f} pt, "
                               f"not its natural {nat_w:.1f} x {nat_h:.1f}")
            continue
        min_w, min_h = minimum[e]
        label_w = fit[e][0]  # what the label needs at this height
        want = max(label_w, min_w)
        if label_w > nat_w + 1.0:
            run.fail(name, f"{e}: Graphviz needs {label_w:.1f} pt for the label at height "
                           f"{min_h:.1f}, more than its natural {nat_w:.1f}")
        if abs(width - want) > 1.0:
            run.fail(name, f"{e}: drawn {width:.1f} pt wide, expected {want:.1f} = max(label "
                           f"{label_w:.1f} (natural {nat_w:.1f}), {min_w:.1f} for {measure} "
                           f"{exp[e]})")
        if abs(height - fit[e][1]) > 1.0:
            run.fail(name, f"{e}: drawn {height:.1f} pt high, expected {fit[e][1]:.1f} (height "
                           f"{min_h:.1f} for {measure} {exp[e]})")
        if min_w >= label_w:
            formula_wins.append((exp[e], width, e))
        m = re.search(re.escape(measure) + r": ([-0-9.e+]+) \(rank (\d+)\)", tip)
        if not m or not math.isclose(float(m.group(1)), exp[e], rel_tol=1e-3, abs_tol=1e-9):
            run.fail(name, f"{e}: tooltip does not give {measure} {exp[e]}: {tip[:120]!r}")
    # Where the measure asks for more than the label, sizes rise with it.
    run.chk.checked += 1
    if len(formula_wins) < 2:
        run.fail(name, f"the measure decides the size of {len(formula_wins)} nodes only")
    ordered = sorted(formula_wins)
    for (v1, w1, e1), (v2, w2, e2) in zip(ordered, ordered[1:]):
        run.chk.checked += 1
        if w2 < w1 - 1.0 or (v2 - v1 > 0.05 * top and w2 <= w1):
            run.fail(name, f"not monotone: {e1} ({measure} {v1}) is {w1} wide, {e2} ({v2}) {w2}")
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    m = re.search(r"node size: " + re.escape(measure) + r" \(([-0-9.e+]+) to ([-0-9.e+]+);", texts)
    run.chk.checked += 1
    if not m:
        run.fail(name, f"the legend does not name the measure: {texts[-300:]!r}")
    elif not (math.isclose(float(m.group(1)), min(exp.values()), rel_tol=1e-3, abs_tol=1e-9) and
              math.isclose(float(m.group(2)), top, rel_tol=1e-3)):
        run.fail(name, f"legend range {m.group(1)} to {m.group(2)}, expected "
                       f"{min(exp.values())} to {top}")


def check_svg(run):
    d = day_of("2023-06-01")
    cases = [
        ("sahel svg pagerank", run.sahel, run.sahel_path, ["--at", "2023-06-01"], d, d,
         "pagerank", {}, False),
        ("sahel dot betweenness every kind", run.sahel, run.sahel_path,
         ["--at", "2023-06-01", "--kind", "entity"], d, d, "betweenness", {"kinds": ["entity"]},
         True),
        ("sahel dot degree history directed", run.sahel, run.sahel_path, ["--directed"],
         tkgref.NEG_INF, tkgref.POS_INF, "indegree", {"directed": True}, True),
    ]
    if run.icews:
        cases.append(("icews dot degree around Iran", run.icews, run.icews_path,
                      ["--from", "2014-03-01", "--to", "2014-03-31", "--around", "Iran",
                       "--depth", "2"], day_of("2014-03-01"), day_of("2014-03-31"), "degree",
                      {"around": ("Iran", 2)}, True))
    for k, case in enumerate(cases):
        check_svg_case(run, *case, k)


# ------------------------------------------------------------------ usage


def check_usage(run):
    sp = run.sahel_path
    cases = [
        (["-f", "svg", "--centrality", "pagerank"], "--centrality writes values into graphml"),
        (["-f", "csv", "--centrality", "pagerank"], "--centrality writes values into graphml"),
        (["-f", "graphml", "--size-by", "pagerank"], "--size-by sizes the nodes of diagrams"),
        (["-f", "svg", "--size-by", "pagerank,degree"], "--size-by takes one measure"),
        (["-f", "svg", "--size-by", "pagerang"], "unknown measure 'pagerang'"),
        (["-f", "graphml", "--centrality", "degree,bogus"], "unknown measure 'bogus'"),
        (["-f", "graphml", "--directed"], "need --centrality or --size-by"),
        (["-f", "graphml", "--centrality", "degree", "--weight", "heavy"], "unknown weight"),
        (["-f", "graphml", "--centrality", "degree", "--series", "2013..2024"],
         "choose the snapshots of gexf"),
        (["-f", "gexf", "--series", "2013..2024"], "choose the snapshots of gexf"),
        (["-f", "gexf", "--centrality", "degree", "--step", "1y"], "need --series"),
        (["-f", "gexf", "--centrality", "degree", "--series", "2013..2024", "--at", "2020"],
         "cannot be combined"),
        (["-f", "gexf", "--centrality", "degree", "--series", "2024..2013"],
         "ends before it starts"),
        (["-f", "gexf", "--centrality", "degree", "--at", "2020,2019"], "must increase"),
    ]
    for k, (args, want) in enumerate(cases):
        out = os.path.join(run.work, f"u{k}.out")
        if os.path.exists(out):
            os.remove(out)
        rc, stdout, err = tkgref.run_tkg(run.tkg, ["export"] + args + ["-o", out, sp])
        run.chk.checked += 1
        case = " ".join(args)
        if rc != 2:
            run.fail(case, f"exit {rc}, expected 2: {err.strip()}")
        if want not in err:
            run.fail(case, f"stderr lacks {want!r}: {err.strip()!r}")
        if os.path.exists(out):
            run.fail(case, "an output file was written")
    # An export whose view has no relation between actors still succeeds, with a warning.
    out = os.path.join(run.work, "empty.graphml")
    rc, _, err = tkgref.run_tkg(run.tkg, ["export", "-f", "graphml", "--centrality", "degree",
                                          "--kind", "city", "-o", out, sp])
    run.chk.checked += 1
    if rc != 0 or "no relation between" not in err or \
            "tkg_degree" in open(out).read().split("<graph id=")[1]:
        run.fail("empty centrality", f"exit {rc}: {err.strip()}")


def main():
    tkg, src, work, which = sys.argv[1:5]
    run = Run(tkg, src, os.path.join(work, which))
    {"graphml": check_graphml, "gexf": check_gexf, "svg": check_svg,
     "usage": check_usage}[which](run)
    print(f"{which}: {run.chk.checked} checks, {run.chk.failures} failures")
    if run.chk.checked == 0:
        print("FAIL: nothing was checked")
        return 1
    return 1 if run.chk.failures else 0


if __name__ == "__main__":
    sys.exit(main())
