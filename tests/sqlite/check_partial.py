#!/usr/bin/env python3
"""Reading only what a view needs from a SQLite base (docs/sqlite.md).

Usage: check_partial.py TKG SQLITE3 WORKDIR INPUT

Exports INPUT to WORKDIR/kb.sqlite, then for many views -- every day on which a fact of the
base begins or ends and the day on each side (a sample of them for large inputs), windows,
--around with depths 1 to 3 (with days, kinds and relation kinds), every entity kind used
and its parent kinds, relation kinds, combinations -- checks that `tkg query --ids`,
`tkg query --entities` and `tkg export` (GraphML, and for --around the other formats) on the base (which read only the rows the
view may keep) print exactly what they print on INPUT, and `tkg timeline` likewise for the
entities the views centre on. Then proves that rows outside the view are not read: a relation
far from the centre is given an impossible date with the sqlite3 shell; the view around the
centre still answers as before, while a whole read of the base reports the row.
"""
import datetime
import os
import random
import shutil
import subprocess
import sys

TKG, SQLITE3, WORK, INPUT = sys.argv[1:5]
BASE = os.path.join(WORK, "kb.sqlite")
failures = []
compared = 0


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def sql(db, query):
    p = run([SQLITE3, "-bail", "-batch", "-separator", "\t", db, query])
    if p.returncode != 0:
        sys.exit(f"sqlite3 {query!r} failed: {p.stderr}")
    return [line.split("\t") for line in p.stdout.splitlines()]


def fail(what):
    failures.append(what)
    print("FAIL:", what, file=sys.stderr)


def outcome(args, path):
    """Exit status, output and messages of `tkg ARGS path`, the path's name masked."""
    p = run([TKG, *args, path])
    return p.returncode, p.stdout, p.stderr.replace(path, "INPUT")


def same(args, base=BASE):
    global compared
    compared += 1
    want, got = outcome(args, INPUT), outcome(args, base)
    if want != got:
        fail(f"tkg {' '.join(args)}: {os.path.basename(base)} gives {got[0]} ({len(got[1])} bytes, "
             f"{got[2].strip()[:300]!r}), the input {want[0]} ({len(want[1])} bytes, "
             f"{want[2].strip()[:300]!r})")
    return want


def day_shift(iso, days):
    d = datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)
    return d.isoformat()


os.makedirs(WORK, exist_ok=True)
if os.path.exists(BASE):
    os.remove(BASE)
# The base, and one written under the strict date policy, whose first_day/last_day hold fewer
# days than the inclusive policy gives: read inclusively, the day filter must not use them.
STRICT = os.path.join(WORK, "kb-strict.sqlite")
for path, flags in ((BASE, []), (STRICT, ["--strict-dates"])):
    if os.path.exists(path):
        os.remove(path)
    p = run([TKG, "export", "-f", "sqlite", *flags, "-o", path, INPUT])
    if p.returncode != 0:
        sys.exit(f"export failed: {p.stderr}")
rng = random.Random(13)

# Days: every bound of a fact, and the day on each side.
bounds = sorted({r[0] for r in sql(BASE, "SELECT first_day FROM relations UNION "
                                         "SELECT last_day FROM relations UNION "
                                         "SELECT first_day FROM entities UNION "
                                         "SELECT last_day FROM entities") if r[0]})
if len(bounds) > 8:
    bounds = sorted(rng.sample(bounds, 8))
days = sorted({day_shift(d, k) for d in bounds for k in (-1, 0, 1)})

# Centres: the most connected entities, one of median degree, an event, one without
# relations, an entity that does not exist.
degree = sql(BASE, "SELECT e.id, (SELECT count(*) FROM relations WHERE from_entity = e.row) + "
                   "(SELECT count(*) FROM relations WHERE to_entity = e.row) AS d "
                   "FROM entities e ORDER BY d DESC, e.row")
centres = [degree[0][0], degree[min(1, len(degree) - 1)][0], degree[len(degree) // 2][0]]
centres += [r[0] for r in sql(BASE, "SELECT id FROM entities WHERE kind IN "
                                    "('event', 'battle', 'operation', 'election') LIMIT 1")]
centres += [r[0] for r in degree if r[1] == "0"][:1]
centres = list(dict.fromkeys(centres)) + ["no-such-entity"]

# Kinds: every entity kind used, with its ancestors; the relation kinds, most used first.
kinds = set()
parent = dict(sql(BASE, "SELECT name, coalesce(parent, '') FROM entity_kinds"))
for (k,) in sql(BASE, "SELECT DISTINCT kind FROM entities"):
    while k:
        kinds.add(k)
        k = parent.get(k, "")
kinds = sorted(kinds)
rkinds = [r[0] for r in sql(BASE, "SELECT kind FROM relations GROUP BY kind "
                                  "ORDER BY count(*) DESC, kind")]
rkinds_few = rkinds[:2] + rkinds[-1:] if len(rkinds) > 3 else rkinds

views = [["--at", d] for d in days]
views += [["--from", a, "--to", b] for a, b in zip(days[::3], days[2::3]) if a <= b]
views += [["--from", days[len(days) // 2]], ["--to", days[len(days) // 3]]]
views += [["--kind", k] for k in kinds] + [["--relation", k] for k in rkinds_few]
views += [["--kind", ",".join(kinds[:2])], ["--relation", ",".join(rkinds_few[:2])]]
some_days = rng.sample(days, min(3, len(days)))
for x in centres:
    for depth in (1, 2, 3):
        views.append(["--around", x, "--depth", str(depth)])
        for d in some_days:
            views.append(["--around", x, "--depth", str(depth), "--at", d])
    views.append(["--around", x, "--from", days[0], "--to", days[len(days) // 2]])
    views.append(["--around", x, "--depth", "2", "--relation", rkinds_few[0]])
    views.append(["--around", x, "--depth", "2", "--kind", kinds[0]])
    views.append(["--around", x, "--kind", kinds[-1], "--at", some_days[0]])
for d in some_days:
    views.append(["--at", d, "--kind", kinds[len(kinds) // 2], "--relation", rkinds_few[0]])
views += [["--kind", "no_such_kind"], ["--relation", "no_such_relation"],
          ["--around", centres[0], "--relation", rkinds_few[0] + "x"]]

for i, view in enumerate(views):
    same(["query", "--ids", "--format", "tsv", *view])
    same(["query", "--entities", "--format", "tsv", *view])
    # GraphML with its layout for the small views (the layout takes time on large ones).
    depth = view[view.index("--depth") + 1] if "--depth" in view else "1"
    if "--around" in view and depth == "1":
        same(["export", "-f", "graphml", "-o", "-", *view])
    elif i % 3 == 0 or "--around" in view:
        same(["export", "-f", "graphml", "--layout", "none", "-o", "-", *view])
for x in centres:
    same(["timeline", "--format", "tsv", x])
    # The other formats of export (the title set: by default it names the input file).
    for f in ("gexf", "json", "dot", "html"):
        same(["export", "-f", f, "--title", "T", "-o", "-", "--around", x, "--at", some_days[0]])
    outs = []
    for path in (INPUT, BASE):
        out = os.path.join(WORK, "csv")
        shutil.rmtree(out, ignore_errors=True)
        p = run([TKG, "export", "-f", "csv", "-o", out, "--around", x, path])
        outs.append((p.returncode, p.stderr.replace(path, "INPUT"),
                     [open(os.path.join(out, n), "rb").read() for n in
                      ("nodes.csv", "relationships.csv") if os.path.exists(os.path.join(out, n))]))
    compared += 1
    if outs[0] != outs[1]:
        fail(f"tkg export -f csv --around {x}: the base gives other files than the input")
# Date policies: each base read under each policy, on (a sample of) the day views and
# --around on a day.
dated = [v for v in views if "--at" in v or "--from" in v or "--to" in v]
for view in (dated if len(dated) <= 40 else rng.sample(dated, 40)):
    for base, flags in ((BASE, ["--strict-dates"]), (STRICT, []), (STRICT, ["--strict-dates"])):
        same(["query", "--ids", "--format", "tsv", *flags, *view], base)
        if "--around" not in view:
            same(["query", "--entities", "--format", "tsv", *flags, *view], base)

# A base exported from a partial read (its relations keep the ids of the base) is valid and
# reads back as the view of the input.
SLICE = os.path.join(WORK, "slice.sqlite")
for view in (["--around", centres[0], "--depth", "2"], ["--at", days[len(days) // 2]]):
    if os.path.exists(SLICE):
        os.remove(SLICE)
    p = run([TKG, "export", "-f", "sqlite", "-o", SLICE, *view, BASE])
    v = run([TKG, "validate", SLICE])
    if p.returncode != 0 or v.returncode != 0:
        fail(f"export -f sqlite {' '.join(view)} of the base: {p.stderr.strip()[:300]!r}, "
             f"validate: {v.stderr.strip()[:300]!r}")
        continue
    compared += 1
    want = outcome(["query", "--ids", "--format", "tsv", *view], INPUT)
    got = outcome(["query", "--ids", "--format", "tsv"], SLICE)
    if want != got:
        fail(f"the base exported with {' '.join(view)} reads back otherwise than the view")

# Rows outside the view are not read: a relation far from a centre (neither end within one
# hop of it) gets an impossible date; the view around the centre does not see it.
ends = sql(BASE, "SELECT r.row, f.id, t.id FROM relations r JOIN entities f ON f.row = "
                 "r.from_entity JOIN entities t ON t.row = r.to_entity ORDER BY r.row")
far = []
for centre in centres:
    near = {centre} | {b for _, a, b in ends if a == centre} | {a for _, a, b in ends if b == centre}
    far = [row for row, a, b in ends if a not in near and b not in near]
    if far:
        break
if not far:
    sys.exit("no relation lies far from " + ", ".join(centres))
broken = os.path.join(WORK, "broken.sqlite")
shutil.copyfile(BASE, broken)
sql(broken, "UPDATE relations SET start_raw = '2024-13-01', start_precision = 'day' "
            "WHERE row = %d" % int(far[len(far) // 2]))
view = ["query", "--ids", "--format", "tsv", "--around", centre, "--depth", "1"]
want = outcome(view, BASE)
got = outcome(view, broken)
if got != want:
    fail(f"the view around {centre} read the broken relation row {far[len(far) // 2]}: "
         f"{got[2].strip()[:300]!r}")
whole = outcome(["query", "--format", "tsv"], broken)
if whole[0] == 0 or "relations.start_raw" not in whole[2] or "2024-13-01" not in whole[2]:
    fail(f"a whole read of the broken base did not report the row: {whole[0]}, "
         f"{whole[2].strip()[:300]!r}")

print(f"{compared} commands compared on {os.path.basename(INPUT)}, {len(failures)} failures")
sys.exit(1 if failures else 0)
