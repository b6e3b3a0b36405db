#!/usr/bin/python3
"""Foreign GraphML whose kinds are used loosely (tests/data/graphml/loose_kinds.graphml).

The relations outside their kind's domain or range are worked out here from the file and
schema/ontology.xml (kinds and their parents), independently of tkg. Then:
- without an option every command refuses the file: exit status 1, the first 20 of those
  relations as `PATH:LINE:COL: error: ... (use --loose-kinds to load it anyway)` in input
  order, then the stop line;
- with --loose-kinds every command that reads inputs loads it: exit status 0, the same
  problems as `PATH:LINE:COL: warning: ...` (the first 20, then how many more), and
  `tkg query` lists every edge of the file with its kind as written.

Usage: loose_kinds.py TKG SOURCE_DIR WORK
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
HINT = " (use --loose-kinds to load it anyway)"
MAX = 20
FAILS = []


def check(ok, what, detail=""):
    if not ok:
        FAILS.append(what)
        print(f"FAIL {what}: {detail}")
    return ok


def ontology(src):
    root = ET.parse(os.path.join(src, "schema", "ontology.xml")).getroot()
    parent, rel = {}, {}
    for el in root.iter():
        if el.tag.endswith("entity-kind"):
            parent[el.get("name")] = el.get("parent")
        elif el.tag.endswith("relation-kind"):
            rel[el.get("name")] = (el.get("domain"), el.get("range"))
    return parent, rel


def is_a(parent, kind, ancestor):
    while kind:
        if kind == ancestor:
            return True
        kind = parent.get(kind)
    return False


def expected_problems(path, src):
    """(line, column, message) of every relation outside its domain or range, in order."""
    parent, rel = ontology(src)
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(GRAPHML + "key")}
    kinds = {}
    for n in root.iter(GRAPHML + "node"):
        data = {keys[d.get("key")]: d.text for d in n.iter(GRAPHML + "data")}
        kinds[n.get("id")] = data.get("kind")
    edges = []
    for e in root.iter(GRAPHML + "edge"):
        data = {keys[d.get("key")]: d.text for d in e.iter(GRAPHML + "data")}
        edges.append((e.get("source"), e.get("target"), data.get("relation")))
    # One edge per line: its position is where `<edge` starts.
    lines = [(i + 1, line.index("<edge") + 1)
             for i, line in enumerate(open(path, encoding="utf-8")) if "<edge" in line]
    assert len(lines) == len(edges)
    out = []
    for (src_id, dst_id, kind), (line, col) in zip(edges, lines):
        dom, ran = rel[kind]
        if not is_a(parent, kinds[src_id], dom):
            out.append((line, col, f"'{kind}' goes from kind '{dom}', but '{src_id}' is of kind "
                                   f"'{kinds[src_id]}'"))
        elif not is_a(parent, kinds[dst_id], ran):
            out.append((line, col, f"'{kind}' goes to kind '{ran}', but '{dst_id}' is of kind "
                                   f"'{kinds[dst_id]}'"))
    return out, edges


def main():
    tkg, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    path = os.path.join(src, "tests", "data", "graphml", "loose_kinds.graphml")
    problems, edges = expected_problems(path, src)
    check(len(problems) > MAX, "test file", f"only {len(problems)} problems: make more than {MAX}")
    commands = {
        "validate": ["validate"],
        "stats": ["stats"],
        "query": ["query", "--format", "tsv"],
        "timeline": ["timeline", "Mali"],
        "export": ["export", "-f", "json", "--layout", "none", "-o", os.path.join(work, "out.json")],
        "centrality": ["centrality"],
        "communities": ["communities"],
        "path": ["path", "Mali", "Niger"],
        "diff": ["diff", "--from", "2013", "--to", "2024"],
        "report": ["report", "-o", os.path.join(work, "report")],
    }
    errors = [f"{path}:{line}:{col}: error: {msg}{HINT}" for line, col, msg in problems[:MAX]]
    errors.append(f"{path}: error: too many errors ({MAX}), stopping")
    warnings = [f"{path}:{line}:{col}: warning: {msg}" for line, col, msg in problems[:MAX]]
    warnings.append(f"tkg: warning: {len(problems) - MAX} more relations outside their kinds' "
                    "domain or range (loose kinds)")
    for name, args in commands.items():
        p = subprocess.run([tkg, *args, path], capture_output=True, text=True)
        check(p.returncode == 1, f"{name} without --loose-kinds", f"exit status {p.returncode}")
        got = p.stderr.splitlines()
        check(got == errors, f"{name} without --loose-kinds",
              "stderr differs:\n  " + "\n  ".join(l for l in got if l not in errors)[:1500])
        p = subprocess.run([tkg, *args, "--loose-kinds", path], capture_output=True, text=True)
        check(p.returncode == 0, f"{name} --loose-kinds", f"exit status {p.returncode}: "
              f"{p.stderr[-1500:]}")
        got = [l for l in p.stderr.splitlines()
               if re.search(r" warning: '[^']*' goes (from|to) kind ", l) or "loose kinds" in l]
        check(got == warnings, f"{name} --loose-kinds",
              "warnings differ:\n  " + "\n  ".join(got[:5]) + "\nexpected\n  " +
              "\n  ".join(warnings[:5]))
        check(not re.search(r": error: ", p.stderr), f"{name} --loose-kinds", p.stderr[-1500:])
        if name == "query":
            rows = [l.split("\t") for l in p.stdout.splitlines()[1:]]
            got = sorted((r[1], r[3], r[0]) for r in rows)
            check(got == sorted(edges), "query --loose-kinds",
                  f"{len(rows)} relations, expected the file's {len(edges)} as written")
    if FAILS:
        print(f"{len(FAILS)} checks failed")
        sys.exit(1)
    print(f"loose kinds: {len(problems)} problems, {len(commands)} commands: all checks passed")


if __name__ == "__main__":
    main()
