#!/usr/bin/python3
"""tkg diff as a diagram: the SVG (and the DOT, PNG, PDF) that `tkg diff -o FILE` writes.

For several date pairs on graphs/sahel.xml and on tests/analytics/data/restated.xml (which has
every kind of change), with and without --unchanged:
- the SVG is well-formed (xmllint) and its edges, read by class (`edge KIND CHANGE`) and
  title (`FROM->TO`), are exactly the relations that the independent classification of
  oracle_structure.classify (written from docs/analytics.md, on tkgref's own reading of the
  input) puts in each change; its nodes are exactly the entities those relations touch;
- each edge's label and tooltip name its change; the edges of one change share one colour,
  different changes have different colours, ended and transient edges are dashed or dotted and
  the others not, started edges are the widest and unchanged ones the thinnest;
- the legend names each change present and no other, under the title "Changes from D1 to D2";
- every node whose PageRank rank (actors only, oracle_structure.pagerank_ranks: NetworkX)
  differs between the two dates shows `▲ n` or `▼ n` (n places up or down) in its label,
  and no other node does; the legend explains the marks when any is shown;
- Graphviz's own `dot` reads the DOT and draws the same edges; PNG and PDF are images;
- errors (--to before --from, an unwritable directory, a missing renderer, usage mistakes)
  exit with the documented status, write nothing and leave an existing file untouched.

Usage: diff_diagram.py TKG SOURCE_DIR WORK_DIR
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_structure  # noqa: E402
import tkgref  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
CHANGES = ("started", "ended", "changed", "transient", "unchanged")
UP, DOWN = "\u25b2", "\u25bc"  # the marks of a rank that rose, fell


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def expected_changes(ref, a, b, unchanged):
    """Counter {(change, kind, from, to): n} of the relations the diagram must draw."""
    d1, d2 = oracle_structure.parse_day(a), oracle_structure.parse_day(b)
    got = oracle_structure.classify(ref, list(ref.relations), d1, d2)
    return collections.Counter({k: n for k, n in got.items() if unchanged or k[0] != "unchanged"})


def edge_style(g):
    path = g.find(f"{SVG}a/{SVG}path")
    if path is None:
        path = g.find(f".//{SVG}path")
    return (path.get("stroke"), float(path.get("stroke-width", "1")),
            path.get("stroke-dasharray") is not None)


def check_svg(chk, case, path, expected, a, b):
    """The SVG's edges, nodes and legend against the expected classification."""
    p = subprocess.run(["xmllint", "--noout", path], capture_output=True)
    chk.expect(p.returncode == 0, case, f"xmllint: {p.stderr.decode()[:300]}")
    if p.returncode != 0:
        return
    root = ET.parse(path).getroot()
    edges, nodes, styles = collections.Counter(), set(), collections.defaultdict(set)
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if cls[:1] == ["node"]:
            nodes.add(g.find(SVG + "title").text)
        if cls[:1] != ["edge"]:
            continue
        change = [c for c in cls[2:] if c in CHANGES]
        chk.expect(len(cls) == 3 and len(change) == 1, case, f"edge class {cls}")
        if len(change) != 1:
            continue
        change = change[0]
        src, dst = g.find(SVG + "title").text.split("->")
        edges[(change, cls[1], src, dst)] += 1
        texts = " ".join(t.text or "" for t in g.iter(SVG + "text"))
        chk.expect(f"({change})" in texts, case, f"label of {src}->{dst}: {texts!r}")
        tips = [x.get(XLINK + "title") or "" for x in g.iter(SVG + "a")]
        chk.expect(any(f"\n{change}: " in t for t in tips), case,
                   f"tooltip of {src}->{dst} does not name its change: {tips[:1]!r}")
        styles[change].add(edge_style(g))
    chk.expect(edges == expected, case,
               f"only in the SVG {dict(edges - expected)}, only in the oracle "
               f"{dict(expected - edges)}")
    touched = {k[2] for k in expected} | {k[3] for k in expected}
    chk.expect(nodes == touched, case,
               f"nodes not touched by a change {sorted(nodes - touched)}, missing "
               f"{sorted(touched - nodes)}")

    # Styles: one per change, told apart by colour, by dashes, by width.
    colours = {}
    for change, st in styles.items():
        chk.expect(len(st) == 1, case, f"{change} edges drawn {len(st)} ways: {st}")
        colour, width, dashed = next(iter(st))
        colours[change] = colour
        chk.expect(dashed == (change in ("ended", "transient")), case,
                   f"{change} edges dashed: {dashed}")
    chk.expect(len(set(colours.values())) == len(colours), case, f"colours shared: {colours}")
    widths = {c: next(iter(st))[1] for c, st in styles.items()}
    if "started" in widths:
        chk.expect(widths["started"] == max(widths.values()), case, f"widths {widths}")
    if "unchanged" in widths:
        chk.expect(all(widths["unchanged"] < w for c, w in widths.items() if c != "unchanged"),
                   case, f"widths {widths}")

    # The legend: the graph's own texts (outside nodes and edges).
    graph = next(g for g in root.iter(SVG + "g") if g.get("class") == "graph")
    texts = [t for t in graph.findall(SVG + "text")]
    title = f"Changes from {a} to {b}"
    chk.expect(any(t.text == title for t in texts), case, f"no title {title!r}")
    named = {t.text for t in texts if t.get("font-weight") == "bold" and t.text in CHANGES}
    present = {k[0] for k in expected}
    chk.expect(named == present, case, f"legend names {sorted(named)}, drawn {sorted(present)}")
    for i, t in enumerate(texts[:-1]):
        if t.text in present and t.get("font-weight") == "bold":
            meaning = texts[i + 1].text or ""
            chk.expect(re.match(r"^: \w.{8,}", meaning) is not None, case,
                       f"legend says nothing of {t.text}: {meaning!r}")


def check_moves(chk, case, path, ref, a, b):
    """Rank-move marks on the nodes against NetworkX's PageRank ranks on both dates."""
    root = ET.parse(path).getroot()
    r1 = oracle_structure.pagerank_ranks(ref, tkgref.day(*map(int, a.split("-"))))
    r2 = oracle_structure.pagerank_ranks(ref, tkgref.day(*map(int, b.split("-"))))
    shown = 0
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] != ["node"]:
            continue
        e = tkgref.dot_name_id(g.find(SVG + "title").text)
        texts = [t.text or "" for t in g.iter(SVG + "text")]
        marks = [t for t in texts if re.fullmatch(r"[\u25b2\u25bc] \d+", t)]
        if e in r1 and e in r2 and r1[e] != r2[e]:
            arrow = UP if r1[e] > r2[e] else DOWN
            want = f"{arrow} {abs(r1[e] - r2[e])}"
            chk.expect(marks == [want], case, f"{e}: rank {r1[e]} -> {r2[e]}, marks {marks}")
            shown += 1
        else:
            chk.expect(not marks, case, f"{e}: no move ({r1.get(e)} -> {r2.get(e)}), {marks}")
    graph = next(g for g in root.iter(SVG + "g") if g.get("class") == "graph")
    legend = " ".join(t.text or "" for t in graph.findall(SVG + "text"))
    chk.expect(("rank by pagerank up, down n places from " in legend) == (shown > 0), case,
               f"{shown} marks; legend {legend[-200:]!r}")
    return shown


def diagrams(chk, tkg, src, work):
    sahel = os.path.join(src, "graphs/sahel.xml")
    restated = os.path.join(src, "tests/analytics/data/restated.xml")
    cases = [(sahel, "2021-01-01", "2023-12-31"), (sahel, "2023-06-01", "2024-12-01"),
             (sahel, "2024-01-27", "2024-01-29"), (restated, "2012-01-01", "2020-01-01"),
             (restated, "2012-01-01", "2012-01-01")]
    seen, marks = set(), 0
    for graph, a, b in cases:
        ref = tkgref.Graph(tkgref.Ontology(os.path.join(src, "schema/ontology.xml")))
        ref.read_xml(graph)
        for unchanged in (False, True):
            case = f"{os.path.basename(graph)} {a} {b}{' --unchanged' if unchanged else ''}"
            out = os.path.join(work, "diff.svg")
            args = [tkg, "diff", "--from", a, "--to", b, "-o", out, graph]
            rc, _, err = run(args + (["--unchanged"] if unchanged else []))
            chk.expect(rc == 0, case, f"exit {rc}: {err.strip()}")
            if rc != 0:
                continue
            expected = expected_changes(ref, a, b, unchanged)
            seen |= {k[0] for k in expected}
            check_svg(chk, case, out, expected, a, b)
            marks += check_moves(chk, case, out, ref, a, b)
            chk.expect(bool(expected) or "warning: no relation of the view" in err, case,
                       f"no warning for an empty diagram: {err!r}")

            # The DOT, read and drawn by Graphviz's own dot.
            dot = os.path.join(work, "diff.gv")
            rc, _, err = run(args[:-3] + ["-o", dot, graph] + (["--unchanged"] if unchanged
                                                                 else []))
            chk.expect(rc == 0, case + " dot", f"exit {rc}: {err.strip()}")
            redrawn = os.path.join(work, "redrawn.svg")
            p = subprocess.run(["dot", "-Tsvg", "-o", redrawn, dot], capture_output=True)
            # (Graphviz 2.42 warns that the legend's colour swatches are smaller than a
            # space in their font: harmless, and the same for every diagram.)
            ok = p.returncode == 0 and b"rror" not in p.stderr
            chk.expect(ok, case + " dot", p.stderr.decode()[:300])
            if ok:
                check_svg(chk, case + " (dot -Tsvg)", redrawn, expected, a, b)
    chk.expect(seen == set(CHANGES), "coverage", f"changes exercised: {sorted(seen)}")
    chk.expect(marks > 0, "coverage", "no rank move was shown in any case")

    # Standard output, PNG and PDF.
    rc, out, err = run([tkg, "diff", "--from", "2012", "--to", "2020", "-f", "svg", restated])
    chk.expect(rc == 0 and out.startswith(b"<?xml") and b'class="edge member_of changed"' in out,
               "svg on standard output", f"exit {rc}: {err.strip()} {out[:60]!r}")
    for ext, magic in (("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        path = os.path.join(work, "diff." + ext)
        rc, _, err = run([tkg, "diff", "--from", "2012", "--to", "2020", "-o", path, restated])
        head = b""
        if rc == 0:
            with open(path, "rb") as f:
                head = f.read(8)
        chk.expect(rc == 0 and head.startswith(magic), ext, f"exit {rc}: {err.strip()} {head!r}")


def errors(chk, tkg, src, work):
    restated = os.path.join(src, "tests/analytics/data/restated.xml")
    errdir = os.path.join(work, "errors")
    os.makedirs(errdir)
    keep = os.path.join(errdir, "keep.svg")
    with open(keep, "w") as f:
        f.write("<svg>the old file</svg>\n")
    base = [tkg, "diff", "--from", "2012", "--to", "2020"]
    # (arguments, environment, exit status, what standard error must say)
    cases = [
        (["diff", "--from", "2020", "--to", "2012", "-o", keep, restated], None, 2,
         r"^tkg: error: --to is before --from\nTry 'tkg diff --help'\.\n"),
        (base[1:] + ["-o", keep, restated], {"TKG_RENDER": os.path.join(errdir, "none")}, 3,
         r"tkg: error: .*render"),
        (base[1:] + ["-o", os.path.join(errdir, "diff.txt"), restated], None, 2,
         r"cannot tell the diagram format from the file name"),
        (base[1:] + ["--actors", "-f", "svg", restated], None, 2, r"--actors is for the tables"),
        (base[1:] + ["--format", "json", "-o", keep, restated], None, 2,
         r"-o writes a diagram"),
        (base[1:] + ["--layout", "dot", restated], None, 2, r"--layout is for a diagram"),
        (base[1:] + ["--layout", "ortho", "-o", keep, restated], None, 2,
         r"unknown layout 'ortho'"),
        (base[1:] + ["-f", "gif", restated], None, 2, r"unknown format 'gif'"),
    ]
    for args, env, status, pattern in cases:
        before = sorted(os.listdir(errdir))
        rc, out, err = run([tkg] + args, env)
        what = " ".join(args[:-1])
        chk.expect(rc == status, what, f"exit {rc}, expected {status}: {err.strip()}")
        chk.expect(re.search(pattern, err) is not None, what, f"{pattern!r} not in {err!r}")
        chk.expect(out == b"", what, f"standard output {out[:80]!r}")
        chk.expect(sorted(os.listdir(errdir)) == before, what,
                   f"files {sorted(os.listdir(errdir))}, before {before}")
        with open(keep) as f:
            chk.expect(f.read() == "<svg>the old file</svg>\n", what, "the old file was changed")

    # An unwritable directory: as root every directory is writable, but /proc is not.
    if os.geteuid() == 0:
        target = "/proc"
    else:
        target = os.path.join(work, "readonly")
        os.makedirs(target)
        os.chmod(target, 0o555)
    out = os.path.join(target, "tkg-diff-test.svg")
    rc, _, err = run(base + ["-o", out, restated])
    chk.expect(rc == 3, "unwritable directory", f"exit {rc}: {err.strip()}")
    chk.expect(err.startswith(out + ": error: cannot "), "unwritable directory", repr(err))
    chk.expect(not os.path.exists(out), "unwritable directory", "a file was written")


def main():
    tkg, src, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    chk = oracle_structure.Checker()
    diagrams(chk, tkg, src, work)
    errors(chk, tkg, src, work)
    print(f"diff diagrams: {chk.checked} checks, {chk.failures} failures")
    return 1 if chk.failures or chk.checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
