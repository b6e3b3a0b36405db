#!/usr/bin/env python3
"""tkg export -f sqlite, checked through the sqlite3 shell (docs/sqlite.md).

Usage: check_sqlite.py TKG SQLITE3 REPO WORKDIR INPUT...

Exports INPUT to WORKDIR/base.sqlite and checks: integrity_check and foreign_key_check
clean; user_version and the meta table; entity, relation and citation counts equal to
`tkg stats`; the documented "holding" query equal to `tkg query --at D --ids` on dates
around every partial-date bound and on dates of the data. With graphs/sahel.xml among the
inputs, also the documented allies and citations queries. Independently of INPUT: a hostile
label stored verbatim, an unwritable path and a failed export leave no file and an existing
one untouched, also when the failure comes while SQLite writes the base (a file size limit);
the base written to standard output (built in memory) has the same content as the file
(built in its temporary file).
"""
import datetime
import shutil
import os
import re
import resource
import signal
import subprocess
import sys

TKG, SQLITE3, REPO, WORK = sys.argv[1:5]
INPUTS = sys.argv[5:]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, ok=True, **kw):
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if ok and p.returncode != 0:
        sys.exit(f"{args!r} failed ({p.returncode}): {p.stderr}")
    return p


def sql(db, query, **params):
    args = [SQLITE3, "-bail", "-batch", "-separator", "\t", db]
    for k, v in params.items():
        args.append(".parameter set :%s \"'%s'\"" % (k, v.replace("'", "''")))
    args.append(query)
    return run(args).stdout


def rows(db, query, **params):
    return [line.split("\t") for line in sql(db, query, **params).splitlines()]


def documented(name):
    text = open(os.path.join(REPO, "docs", "sqlite.md"), encoding="utf-8").read()
    m = re.search(r"<!-- query: %s -->\n```sql\n(.*?)```" % name, text, re.S)
    if not m:
        sys.exit(f"docs/sqlite.md has no query '{name}'")
    return m.group(1)


def query_ids(day):
    out = run([TKG, "query", "--at", day, "--ids", "--format", "tsv", *INPUTS]).stdout
    return [line.split("\t")[0] for line in out.splitlines()[1:]]


def stats():
    out = run([TKG, "stats", "--format", "tsv", *INPUTS]).stdout
    total = {}
    for line in out.splitlines():
        f = line.split("\t")
        if len(f) == 3 and f[0] == "total":
            total[f[1]] = int(f[2])
    return total


def shift(day, n):
    d = datetime.date.fromisoformat(day) + datetime.timedelta(days=n)
    return d.isoformat()


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
db = os.path.join(WORK, "base.sqlite")
run([TKG, "export", "-o", db, *INPUTS])

check(sql(db, "PRAGMA integrity_check;").strip() == "ok", "integrity_check")
check(sql(db, "PRAGMA foreign_key_check;").strip() == "", "foreign_key_check")
check(sql(db, "PRAGMA user_version;").strip() == "1", "user_version 1")
check(rows(db, "SELECT key, value FROM meta ORDER BY key;") ==
      [["date_policy", "inclusive"], ["format", "tkg-sqlite"], ["version", "1"]],
      "meta table")

total = stats()
for table, name in (("entities", "entities"), ("relations", "relations"),
                    ("citations", "citations"), ("sources", "sources")):
    n = int(sql(db, f"SELECT count(*) FROM {table};"))
    check(n == total.get(name), f"{table}: {n} rows, tkg stats says {total.get(name)}")

# Days around every bound that is not a full day (partial dates), and some dates of the data.
days = set()
for first, last in rows(db, "SELECT DISTINCT ifnull(first_day, ''), ifnull(last_day, '') "
                            "FROM relations WHERE start_precision <> 'day' "
                            "OR end_precision <> 'day' LIMIT 12;"):
    for d in (first, last):
        if d:
            days.update({shift(d, -1), d, shift(d, 1)})
for (d,) in rows(db, "SELECT first_day FROM relations WHERE first_day IS NOT NULL "
                     "GROUP BY first_day ORDER BY count(*) DESC LIMIT 3;"):
    days.update({d, shift(d, -1)})
days.add("2023-06-01")
check(len(days) >= 4, f"only {len(days)} dates to compare")
holding = documented("holding")
for day in sorted(days):
    got = [r[0] for r in rows(db, holding, day=day)]
    want = query_ids(day)
    check(got == want, f"holding on {day}: {len(got)} relations in SQL, {len(want)} by tkg query")

if any(os.path.basename(p) == "sahel.xml" for p in INPUTS):
    allies = documented("allies")
    check(sql(db, allies, day="2023-06-01", entity="mali") == "", "no ally of Mali in 2023-06")
    check(sql(db, allies, day="2024-01-01", entity="mali").split() == ["Burkina", "Faso", "Niger"],
          "the allies of Mali on 2024-01-01")
    rel = sql(db, "SELECT id FROM relations WHERE kind = 'allied_with' ORDER BY row LIMIT 1;")
    cites = rows(db, documented("citations"), relation=rel.strip())
    n = int(sql(db, "SELECT count(*) FROM citations c JOIN relations r ON r.row = c.relation "
                    "WHERE r.id = :relation;", relation=rel.strip()))
    check(len(cites) == n and n > 0 and all(c[2] for c in cites), "every citation of " + rel)
    neigh = rows(db, documented("neighbourhood"), entity="mali")
    check(len(neigh) > 0 and all("mali" in (r[2], r[3]) for r in neigh), "mali's relations")

# A hostile label and id, stored verbatim (prepared statements, never SQL built from text).
hostile = "Mali'); DROP TABLE entities; --\" `x` ''"
attr = hostile.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
xml = os.path.join(WORK, "hostile.xml")
with open(xml, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tkg xmlns="urn:tkg:1">\n'
            '  <source id="s1" title="%s"/>\n'
            '  <entity id="x" kind="state" label="%s"/>\n'
            '  <entity id="z" kind="state" label="Z"/>\n'
            '  <relation kind="allied_with" from="x" to="z" start="2020">\n'
            '    <cite source="s1">%s</cite>\n  </relation>\n</tkg>\n'
            % ((attr,) * 2 + (hostile.replace("&", "&amp;").replace("<", "&lt;"),)))
hdb = os.path.join(WORK, "hostile.sqlite")
run([TKG, "export", "-f", "sqlite", "-o", hdb, xml])
check(rows(hdb, "SELECT id, label FROM entities ORDER BY row;") == [["x", hostile], ["z", "Z"]],
      "hostile label verbatim")
check(rows(hdb, "SELECT s.id, c.quote FROM citations c JOIN sources s ON s.row = c.source;")
      == [["s1", hostile]],
      "hostile quote verbatim")
check(rows(hdb, "SELECT title FROM sources;") == [[hostile]], "hostile title verbatim")
check(rows(hdb, "SELECT first_day, last_day, start_precision FROM relations;") ==
      [["2020-01-01", "", "year"]], "a year as its first day")

# The extension .db names the format too.
ddb = os.path.join(WORK, "base.db")
run([TKG, "export", "-o", ddb, xml])
check(sql(ddb, "SELECT value FROM meta WHERE key = 'format';").strip() == "tkg-sqlite", ".db")

# --centrality has no place in the base: refused, no file.
cdb = os.path.join(WORK, "centrality.sqlite")
p = run([TKG, "export", "--centrality", "pagerank", "-o", cdb, xml], ok=False)
check(p.returncode != 0 and "--centrality" in p.stderr and not os.path.exists(cdb),
      "--centrality refused")

# An unwritable path: an error, and no file.
missing = os.path.join(WORK, "no-such-dir", "kb.sqlite")
p = run([TKG, "export", "-o", missing, xml], ok=False)
check(p.returncode != 0 and "error" in p.stderr and not os.path.exists(missing),
      "unwritable path: an error and no file")
# A failed export leaves an existing base untouched, and no temporary beside it.
bad = os.path.join(WORK, "bad.xml")
with open(bad, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0"?>\n<tkg xmlns="urn:tkg:1">\n  <entity id="a" kind="nope"/>\n'
            '</tkg>\n')
before = open(hdb, "rb").read()
p = run([TKG, "export", "-o", hdb, bad], ok=False)
check(p.returncode != 0 and re.search(r"bad\.xml:\d+:\d+: error:", p.stderr),
      "a bad input: PATH:LINE:COL: error")
check(open(hdb, "rb").read() == before, "a failed export leaves the base untouched")
check(sorted(os.listdir(WORK)) == sorted(
    ["base.sqlite", "hostile.xml", "hostile.sqlite", "base.db", "bad.xml"]),
      "no temporary left: %s" % sorted(os.listdir(WORK)))

# A failure while SQLite writes the base into its temporary file (here: a file size limit, so
# that a write fails with EFBIG, as on a full disk): an error, the old base untouched, no
# temporary left.
big = os.path.getsize(db)
limit = min(big // 2, 65536)


def limited():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


p = run([TKG, "export", "-f", "sqlite", "-o", hdb, *INPUTS], ok=False, preexec_fn=limited)
check(p.returncode != 0 and "hostile.sqlite" in p.stderr and "error" in p.stderr,
      f"a write failure is an error naming the base ({p.returncode}: {p.stderr.strip()})")
check(open(hdb, "rb").read() == before, "a write failure leaves the base untouched")
check(sorted(os.listdir(WORK)) == sorted(
    ["base.sqlite", "hostile.xml", "hostile.sqlite", "base.db", "bad.xml"]),
      "no temporary left after a write failure: %s" % sorted(os.listdir(WORK)))

# The base on standard output is built in memory, the file in its temporary file: the same
# content (the sqlite3 shell's dump: schema and every row).
piped = os.path.join(WORK, "piped.sqlite")
with open(piped, "wb") as f:
    subprocess.run([TKG, "export", "-f", "sqlite", "-o", "-", *INPUTS], stdout=f, check=True)
check(sql(piped, ".dump") == sql(db, ".dump") and "INSERT INTO relations" in sql(db, ".dump"),
      "the base written to standard output has the file's content")
check(sql(piped, "PRAGMA integrity_check;").strip() == "ok", "integrity_check (stdout)")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
print(f"ok: {len(days)} dates compared")
