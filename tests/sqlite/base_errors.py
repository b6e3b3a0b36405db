#!/usr/bin/env python3
"""Refusals and problems of a SQLite base read as an input, and `tkg validate` of a base
edited by hand with the sqlite3 shell (docs/sqlite.md, "Reading a base" and "Checking a
base").

Usage: base_errors.py TKG SQLITE3 REPO WORKDIR

Each case makes a file (most often the base of graphs/sahel.xml, or of
tests/sqlite/detail.xml, changed by SQL run through the sqlite3 shell, which runs with
foreign keys off), runs `tkg stats` or `tkg validate` on it, and checks the exact messages
on stderr (BASE stands for the file's path) and the exit status. Reading or validating never
changes the file nor leaves a journal. Corrupt files (truncated, bytes flipped at random)
give a message about the file and exit status 1, never a crash.
"""
import hashlib
import os
import random
import shutil
import subprocess
import sys

TKG, SQLITE3, REPO, WORK = sys.argv[1:5]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def sql(path, *statements):
    p = run(SQLITE3, path, *statements)
    if p.returncode != 0:
        print("sqlite3 failed on %s: %s" % (statements, p.stderr), file=sys.stderr)
        sys.exit(2)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


os.makedirs(WORK, exist_ok=True)
SAHEL = os.path.join(WORK, "sahel.sqlite")
DETAIL = os.path.join(WORK, "detail.sqlite")
for out, src in ((SAHEL, "graphs/sahel.xml"), (DETAIL, "tests/sqlite/detail.xml")):
    if os.path.exists(out):
        os.remove(out)
    p = run(TKG, "export", "-f", "sqlite", "-o", out, os.path.join(REPO, src))
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        sys.exit(2)


def case(name, command, expected, status, base=SAHEL, edits=(), make=None, extra=()):
    """Copies `base` to WORK/name.sqlite (or has `make` write it), applies `edits` with the
    sqlite3 shell, runs `tkg command PATH extra...` and compares stderr and the status."""
    path = os.path.join(WORK, name + (".db" if name.endswith("_db") else ".sqlite"))
    for p in (path, path + "-journal", path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    if make:
        make(path)
    elif base:
        shutil.copyfile(base, path)
        if edits:
            sql(path, *edits)
    before = digest(path) if os.path.exists(path) else None
    p = run(TKG, command, path, *extra)
    want = [line.replace("BASE", path) for line in expected]
    got = p.stderr.splitlines()
    check(got == want, "%s: stderr\n  got  %r\n  want %r" % (name, got, want))
    check(p.returncode == status,
          "%s: exit status %d, expected %d" % (name, p.returncode, status))
    after = digest(path) if os.path.exists(path) else None
    check(before == after, "%s: %s changed the file" % (name, command))
    for suffix in ("-journal", "-wal", "-shm"):
        check(not os.path.exists(path + suffix), "%s: %s left %s" % (name, command, suffix))


def write(data):
    def make(path):
        with open(path, "wb") as f:
            f.write(data)
    return make


# ---- files that are not a base this tkg reads: a message about the file, no position.
case("missing", "stats", ["BASE: error: cannot open: no such file or directory"], 4, base=None)
check(not os.path.exists(os.path.join(WORK, "missing.sqlite")), "missing: the file was created")
random.seed(13)
case("random", "stats", ["BASE: error: not a SQLite database (file is not a database)"], 1,
     make=write(bytes(random.randrange(256) for _ in range(8192))))
case("text_db", "stats", ["BASE: error: not a SQLite database (file is not a database)"], 1,
     make=write(b"kind\tfrom\tto\n"))


def foreign(path):
    sql(path, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")


case("foreign", "stats",
     ["BASE: error: not a tkg base: a SQLite database without tkg's meta table (tkg reads the "
      "bases that tkg export -f sqlite writes)"], 1, make=foreign)
case("format", "stats",
     ["BASE: error: not a tkg base: meta.format is 'tkg-other', expected 'tkg-sqlite'"], 1,
     edits=["UPDATE meta SET value = 'tkg-other' WHERE key = 'format'"])
case("user_version", "stats",
     ["BASE: error: a tkg base of version 2, newer than this tkg reads (version 1): read it "
      "with a newer tkg"], 1, edits=["PRAGMA user_version = 2"])
case("meta_version", "validate",
     ["BASE: error: a tkg base of version 2, newer than this tkg reads (version 1): read it "
      "with a newer tkg"], 1, edits=["UPDATE meta SET value = '2' WHERE key = 'version'"])

case("schema", "stats",
     ["BASE: error: not a tkg base of version 1: its schema differs (no such column: r.own_id)"],
     1, edits=["ALTER TABLE relations RENAME COLUMN own_id TO own"])

# ---- rows that break the rules: PATH:ROW:COL: error: TABLE.COLUMN: message
case("entity_kind", "stats",
     ["BASE:1:3: error: entities.kind: 'country' is not an entity kind of the ontology in use"],
     1, edits=["UPDATE entities SET kind = 'country' WHERE row = 1"])
case("relation_kind", "stats",
     ["BASE:3:3: error: relations.kind: 'befriends' is not a relation kind of the base or of "
      "the ontology in use"], 1, edits=["UPDATE relations SET kind = 'befriends' WHERE row = 3"])
case("relation_kind_table", "stats",
     ["BASE:17:1: error: relation_kinds.name: the relation kind 'befriends' is not in the "
      "ontology in use and not marked implicit (give the base's ontology with --ontology)"], 1,
     edits=["INSERT INTO relation_kinds VALUES ('befriends', NULL, NULL, NULL, 0, 0, 0)"])
case("implicit_kind", "stats", [], 0,
     edits=["INSERT INTO relation_kinds VALUES ('befriends', NULL, NULL, NULL, 0, 0, 1)",
            "UPDATE relations SET kind = 'befriends' WHERE row = 1"])
case("bad_date", "stats",
     ["BASE:3:6: error: relations.start_raw: '2013-13-25' is not a date: invalid date "
      "'2013-13-25': month must be 01-12"], 1,
     edits=["UPDATE relations SET start_raw = '2013-13-25' WHERE row = 3"])
# The precision columns are derived from the raw bounds: reading does not read them (tkg
# validate checks them, below).
case("precision_not_read", "stats", [], 0,
     edits=["UPDATE relations SET start_precision = 'month' WHERE row = 3"])
case("end_before_start", "stats",
     ["BASE:6:7: error: relations.end_raw: end 2012 is before start 2013-04-25"], 1,
     edits=["UPDATE relations SET end_raw = '2012', end_precision = 'year', last_day = NULL "
            "WHERE row = 6"])
case("dangling_endpoint", "stats",
     ["BASE:3:5: error: relations.to_entity: no entity has row 99"], 1,
     edits=["UPDATE relations SET to_entity = 99 WHERE row = 3"])
case("dangling_source", "stats",
     ["BASE:24:3: error: citations.source: no source has row 2",
      "BASE:36:3: error: citations.source: no source has row 2"], 1,
     edits=["DELETE FROM sources WHERE id = 'un-s-res-2690-2023'"])
case("source_url", "stats",
     ["BASE:2:6: error: sources.url: 'javascript:alert(1)' is not an http or https address"], 1,
     edits=["UPDATE sources SET url = 'javascript:alert(1)' WHERE row = 2"])
case("same_relation", "stats",
     ["BASE:65:1: error: relations.row: the same relation as row 3 (same kind, endpoints and "
      "dates)"], 1,
     edits=["INSERT INTO relations SELECT 65, 'e64', kind, from_entity, to_entity, start_raw, "
            "end_raw, first_day, last_day, start_precision, end_precision, 0 FROM relations "
            "WHERE row = 3"])
DUP = os.path.join(WORK, "dup.xml")
with open(DUP, "w", encoding="utf-8") as f:
    f.write('<tkg xmlns="urn:tkg:1">\n'
            '  <relation id="r-alliance" kind="member_of" from="niger" to="aes" date="2020"/>\n'
            '</tkg>\n')
case("duplicate_id", "stats",
     ["%s:2:3: error: duplicate relation id 'r-alliance' (first used at BASE:1)" % DUP], 1,
     base=DETAIL, extra=[DUP])

# ---- tkg validate: what reading does not check
case("valid", "validate", [], 0)
case("first_day", "validate",
     ["BASE:3:8: error: relations.first_day: '2013-04-24', but the raw bounds give '2013-04-25' "
      "(date policy inclusive)"], 1,
     edits=["UPDATE relations SET first_day = '2013-04-24' WHERE row = 3"])
case("precision", "validate",
     ["BASE:3:10: error: relations.start_precision: 'month', but start_raw '2013-04-25' is a "
      "date to the day"], 1,
     edits=["UPDATE relations SET start_precision = 'month' WHERE row = 3"])
case("open_bound_precision", "validate",
     ["BASE: error: integrity_check: CHECK constraint failed in relations",
      "BASE:2:11: error: relations.end_precision: 'year' for an open bound (end_raw is NULL)"],
     1, edits=["PRAGMA ignore_check_constraints = ON; "
               "UPDATE relations SET end_precision = 'year' WHERE row = 2 AND end_raw IS NULL"])
case("validate_dangling_source", "validate",
     ["BASE:24:3: error: citations.source: no source has row 2",
      "BASE:36:3: error: citations.source: no source has row 2"], 1,
     edits=["DELETE FROM sources WHERE row = 2"])
case("event_time", "validate",
     ["BASE:64:9: error: relations.last_day: NULL, but the raw bounds give '2024-01-28' "
      "(date policy inclusive)"], 1,
     edits=["UPDATE relations SET last_day = NULL WHERE row = 64"])
case("policy", "validate",
     ["BASE:3:2: error: meta.value: date_policy is 'loose', expected 'inclusive' or 'strict'"],
     1, edits=["UPDATE meta SET value = 'loose' WHERE key = 'date_policy'"])
case("parent", "validate",
     ["BASE:6:3: error: entity_kinds.parent: 'place', but the ontology in use makes 'state' a "
      "kind of 'actor'"], 1,
     edits=["UPDATE entity_kinds SET parent = 'place' WHERE name = 'state'"])
case("relation_kind_rules", "validate",
     ["BASE:5:4: error: relation_kinds.domain: 'state', but 'allied_with' goes from 'actor' in "
      "the ontology in use",
      "BASE:5:5: error: relation_kinds.range: NULL, but 'allied_with' goes to 'actor' in the "
      "ontology in use",
      "BASE:5:6: error: relation_kinds.symmetric: 0, but 'allied_with' is symmetric in the "
      "ontology in use",
      "BASE:5:7: error: relation_kinds.dated: 0, but 'allied_with' is dated in the ontology in "
      "use"], 1,
     edits=["UPDATE relation_kinds SET domain = 'state', range = NULL, symmetric = 0, dated = 0 "
            "WHERE name = 'allied_with'"])
case("missing_kind", "validate",
     ["BASE:6:3: error: relation_kinds.domain: refers to no row of entity_kinds "
      "(foreign_key_check)",
      "BASE:9:3: error: entities.kind: refers to no row of entity_kinds (foreign_key_check)",
      "BASE: error: entity_kinds: the ontology in use has the entity kind 'mission', which the "
      "base lacks"], 1, edits=["DELETE FROM entity_kinds WHERE name = 'mission'"])
case("generated_id", "validate",
     ["BASE:4:2: error: relations.id: 'x7' is not the id generated for row 4 (e3), but own_id "
      "is 0"], 1, edits=["UPDATE relations SET id = 'x7' WHERE row = 4"])
case("integrity", "validate",
     ["BASE: error: integrity_check: CHECK constraint failed in relations",
      "BASE:3:10: error: relations.start_precision: 'week', but start_raw '2013-04-25' is a "
      "date to the day"], 1,
     edits=["PRAGMA ignore_check_constraints = ON; "
            "UPDATE relations SET start_precision = 'week' WHERE row = 3"])
case("validate_dangling", "validate",
     ["BASE:3:5: error: relations.to_entity: no entity has row 99"], 1,
     edits=["UPDATE relations SET to_entity = 99 WHERE row = 3"])

# ---- validate checks the bases of a directory too
folder = os.path.join(WORK, "folder")
shutil.rmtree(folder, ignore_errors=True)
os.makedirs(folder)
shutil.copyfile(SAHEL, os.path.join(folder, "a.sqlite"))
shutil.copyfile(SAHEL, os.path.join(folder, "b.db"))
sql(os.path.join(folder, "b.db"), "UPDATE relations SET first_day = '2013-04-24' WHERE row = 3")
p = run(TKG, "validate", folder)
want = ["%s/b.db:3:8: error: relations.first_day: '2013-04-24', but the raw bounds give "
        "'2013-04-25' (date policy inclusive)" % folder]
check(p.returncode == 1 and p.stderr.splitlines() == want,
      "validate of a directory: %d %r" % (p.returncode, p.stderr))

# ---- corrupt files: a message about the file, status 1, never a crash
data = open(SAHEL, "rb").read()
for name, blob in (("truncated", data[:len(data) // 3]), ("half_page", data[:1000])):
    path = os.path.join(WORK, name + ".sqlite")
    with open(path, "wb") as f:
        f.write(blob)
    p = run(TKG, "stats", path)
    check(p.returncode == 1 and p.stderr.startswith(path + ": error: "),
          "%s: status %d, stderr %r" % (name, p.returncode, p.stderr[:200]))
path = os.path.join(WORK, "flipped.sqlite")
statuses = {}
for i in range(200):
    blob = bytearray(data)
    for _ in range(1 + i % 8):
        blob[random.randrange(len(blob))] ^= 1 << random.randrange(8)
    with open(path, "wb") as f:
        f.write(blob)
    p = run(TKG, "validate", path)
    statuses[p.returncode] = statuses.get(p.returncode, 0) + 1
    check(p.returncode in (0, 1), "flipped %d: status %d (%s)" % (i, p.returncode, p.stderr[-200:]))
    check(p.returncode == 0 or p.stderr.startswith(path), "flipped %d: %r" % (i, p.stderr[:200]))
print("flipped bases: exit statuses %s" % statuses)

if failures:
    print("%d check(s) failed" % len(failures), file=sys.stderr)
    sys.exit(1)
