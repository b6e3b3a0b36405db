#!/usr/bin/env python3
"""A tkg SQLite base read back as an input (docs/sqlite.md, "Reading a base").

Usage: roundtrip.py TKG SQLITE3 WORKDIR INPUT... [--merge PART2 ...]

For each INPUT: `tkg export -f sqlite` writes WORKDIR/base.sqlite, and the original, the
base, and a directory holding the base as kb.db give the same `tkg query --format tsv` (citations included), `tkg query --ids`,
`tkg query --entities --format tsv`, `tkg stats` and `tkg export -f graphml`; a base exported
from the base has the same `sqlite3 .dump`; reading the base changes nothing in it.

With --merge, the inputs after it are read after the first INPUT: the base of the first
INPUT followed by them gives what the first INPUT followed by them gives.

`--split XML`: instead of INPUTs, splits the TKG-XML file in two (every source and entity and
the first half of the relations; the other half), and checks that the base of the first part
followed by the second gives what the whole file gives, and what both parts give; and that a
relation restated by another source gains that source's citation (its support grows by one).
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def views(tkg, inputs):
    """What the commands give on `inputs`: {name: (status, stdout, stderr)}."""
    out = {}
    for name, args in [
        ("query --format tsv", ["query", "--format", "tsv"]),
        ("query --ids --format tsv", ["query", "--ids", "--format", "tsv"]),
        ("query --ids", ["query", "--ids"]),
        ("query --entities --format tsv", ["query", "--entities", "--format", "tsv"]),
        ("stats", ["stats"]),
        ("export -f graphml", ["export", "-f", "graphml", "-o", "-"]),
    ]:
        out[name] = run(tkg, *args, *inputs)
    return out


def compare(what, a, b):
    for name in a:
        check(a[name][0] == 0, "%s: %s of the original fails: %s" % (what, name, a[name][2][:300]))
        same = a[name] == b[name]
        if not same:
            la, lb = a[name][1].splitlines(), b[name][1].splitlines()
            diff = [(x, y) for x, y in zip(la, lb) if x != y][:2]
            print("  %s %s: status %d/%d, %d/%d lines, first differences %r; stderr %r" %
                  (what, name, a[name][0], b[name][0], len(la), len(lb), diff, b[name][2][:300]),
                  file=sys.stderr)
        check(same, "%s: %s differs between the original and its base" % (what, name))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export(tkg, out, *inputs):
    rc, _, err = run(tkg, "export", "-f", "sqlite", "-o", out, *inputs)
    check(rc == 0, "export -f sqlite %s: %s" % (" ".join(inputs), err[:300]))
    return rc == 0


def roundtrip(tkg, sqlite3, work, inp, rest):
    tag = os.path.basename(inp)
    base = os.path.join(work, "base.sqlite")
    again = os.path.join(work, "again.sqlite")
    for p in (base, again):
        if os.path.exists(p):
            os.remove(p)
    export(tkg, base, inp)
    if not os.path.exists(base):
        return
    before = digest(base)
    compare(tag, views(tkg, [inp] + rest), views(tkg, [base] + rest))
    check(digest(base) == before, "%s: reading the base changed it" % tag)
    if rest:
        return
    # A directory holding the base reads it as the base itself (.db as .sqlite).
    folder = os.path.join(work, "dir")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    shutil.copyfile(base, os.path.join(folder, "kb.db"))
    a, b = run(tkg, "query", "--ids", "--format", "tsv", base), \
        run(tkg, "query", "--ids", "--format", "tsv", folder)
    check(a[0] == 0 and a[1] == b[1], "%s: a directory with the base as kb.db differs" % tag)
    export(tkg, again, base)
    dump1 = run(sqlite3, base, ".dump")[1]
    dump2 = run(sqlite3, again, ".dump")[1]
    check(dump1 and dump1 == dump2, "%s: the base exported from the base differs" % tag)


def split(tkg, sqlite3, work, xml):
    text = open(xml, encoding="utf-8").read()
    starts = [m.start() for m in re.finditer(r"\n  <relation ", text)]
    cut = starts[len(starts) // 2]
    end = text.rindex("</tkg>")
    part1 = os.path.join(work, "part1.xml")
    part2 = os.path.join(work, "part2.xml")
    with open(part1, "w", encoding="utf-8") as f:
        f.write(text[:cut] + "\n</tkg>\n")
    with open(part2, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tkg xmlns="urn:tkg:1">'
                + text[cut:end] + "</tkg>\n")
    base = os.path.join(work, "part1.sqlite")
    export(tkg, base, part1)
    merged = views(tkg, [base, part2])
    compare("part1 base + part2 vs the parts", views(tkg, [part1, part2]), merged)
    # The whole file names itself in nothing the commands print: it equals the two parts.
    compare("part1 base + part2 vs the whole", views(tkg, [xml]), merged)

    # The first relation of the file, restated by another source.
    m = re.search(r'<relation kind="([^"]+)" from="([^"]+)" to="([^"]+)"( date="[^"]+")?', text)
    restated = os.path.join(work, "restated.xml")
    with open(restated, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tkg xmlns="urn:tkg:1">\n'
                '  <source id="restated-source" title="Another source"/>\n'
                '  <relation kind="%s" from="%s" to="%s"%s>\n'
                '    <cite source="restated-source">Said again.</cite>\n'
                '  </relation>\n</tkg>\n' % (m.group(1), m.group(2), m.group(3), m.group(4) or ""))
    whole = os.path.join(work, "whole.sqlite")
    export(tkg, whole, xml)
    a = views(tkg, [xml, restated])
    b = views(tkg, [whole, restated])
    compare("base + a restated relation", a, b)
    rows = b["query --ids --format tsv"][1].decode().splitlines()
    header = rows[0].split("\t")
    first = dict(zip(header, rows[1].split("\t")))
    alone = dict(zip(header, views(tkg, [whole])["query --ids --format tsv"][1]
                     .decode().splitlines()[1].split("\t")))
    check("restated-source" in first.get("sources", ""),
          "the restated relation does not cite the new source: %r" % first)
    check(int(first.get("support", 0)) == int(alone.get("support", 0)) + 1,
          "the restated relation's support did not grow by one: %r vs %r" % (first, alone))


def main():
    tkg, sqlite3, work = sys.argv[1:4]
    args = sys.argv[4:]
    os.makedirs(work, exist_ok=True)
    if args and args[0] == "--split":
        split(tkg, sqlite3, work, args[1])
    else:
        rest = []
        if "--merge" in args:
            i = args.index("--merge")
            args, rest = args[:i], args[i + 1:]
        for inp in args:
            roundtrip(tkg, sqlite3, work, inp, rest)
    if failures:
        print("%d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
