#!/usr/bin/env python3
"""tkg add: merging inputs into a SQLite base (docs/sqlite.md, "tkg add").

Usage: check_add.py TKG SQLITE3 REPO WORKDIR CASE [ICEWS]

CASE is one of:
  sahel      graphs/sahel.xml split in parts (events first without their dates, a part that
             re-asserts relations from a new source) added one by one into a base that does
             not exist yet: every table equals the export of the parts read together, and so
             does `tkg query --format tsv` (relations, ids, entities); the summary counts equal
             what the tables gained; an entity made by quadruples gets the kind and label of a
             TKG-XML definition.
  icews      ICEWS (the file ICEWS) split in two halves: the same, for bulk input.
  rollback   a bad file among good ones, a missing file, a file of the base given again, a
             foreign database, a newer version: refused, the base identical (.dump,
             integrity_check), no base created from bad inputs.
  readers    `tkg query` on the base while adds run: each reader sees the old or the new
             content, never an error.
  sigkill    `tkg add` killed with SIGKILL at random moments, 100 times: the base is the old or
             the new one (integrity_check, .dump).
  concurrent two `tkg add` of different inputs at once, several times: both succeed, nothing is
             lost.
"""
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

TKG, SQLITE3, REPO, WORK, CASE = sys.argv[1:6]
ICEWS = sys.argv[6] if len(sys.argv) > 6 else None
NS = "urn:tkg:1"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, ok=True, cwd=None):
    p = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    if ok and p.returncode != 0:
        sys.exit(f"{args!r} failed ({p.returncode}): {p.stderr}")
    return p


def sql(db, query):
    return run([SQLITE3, "-bail", "-batch", "-separator", "\t", db, query]).stdout


def dump(db):
    return sql(db, ".dump")


def integrity(db):
    return sql(db, "PRAGMA integrity_check;").strip() == "ok" and \
        sql(db, "PRAGMA foreign_key_check;").strip() == ""


# Every table of a base, each row with its owner's id rather than its row number, ordered by
# owner then by row: two bases with the same content compare equal whatever their rowids.
TABLES = {
    "entity_kinds": "SELECT * FROM entity_kinds ORDER BY name",
    "relation_kinds": "SELECT * FROM relation_kinds ORDER BY name",
    "sources": "SELECT id, title, publisher, date, url, lang FROM sources ORDER BY id",
    "entities": "SELECT * FROM entities ORDER BY row",
    "relations": "SELECT r.*, f.id, t.id FROM relations r JOIN entities f ON f.row = r.from_entity"
                 " JOIN entities t ON t.row = r.to_entity ORDER BY r.row",
    "names": "SELECT e.id, n.lang, n.text, n.alias FROM names n JOIN entities e "
             "ON e.row = n.entity ORDER BY e.row, n.rowid",
    "attributes": "SELECT coalesce(e.id, r.id), a.key, a.type, a.value FROM attributes a "
                  "LEFT JOIN entities e ON e.row = a.entity LEFT JOIN relations r "
                  "ON r.row = a.relation ORDER BY a.entity IS NULL, coalesce(a.entity, "
                  "a.relation), a.rowid",
    "citations": "SELECT coalesce(e.id, r.id), s.id, c.quote, c.line FROM citations c "
                 "JOIN sources s ON s.row = c.source "
                 "LEFT JOIN entities e ON e.row = c.entity LEFT JOIN relations r "
                 "ON r.row = c.relation ORDER BY c.entity IS NULL, coalesce(c.entity, "
                 "c.relation), c.rowid",
}


def content(db):
    return {t: sql(db, q + ";") for t, q in TABLES.items()}


def counts(db):
    return {t: int(sql(db, f"SELECT count(*) FROM {t};")) for t in TABLES}


def compare_bases(got, want, what):
    a, b = content(got), content(want)
    for t in TABLES:
        check(a[t] == b[t], f"{what}: table {t} differs from the export of the inputs read "
                            f"together ({a[t].count(chr(10))} and {b[t].count(chr(10))} rows)")


def compare_queries(db, inputs, what):
    for extra in ([], ["--ids"], ["--entities"]):
        got = run([TKG, "query", "--format", "tsv", *extra, db]).stdout
        want = run([TKG, "query", "--format", "tsv", *extra, *inputs]).stdout
        check(got == want and got.count("\n") > 1,
              f"{what}: tkg query --format tsv {' '.join(extra)} of the base differs from the "
              f"inputs read together")


SUMMARY = re.compile(r"^added: (\d+) entit(?:y|ies), (\d+) relations?, (\d+) names?, "
                     r"(\d+) attributes?, (\d+) citations?, (\d+) sources?, (\d+) relation kinds?, "
                     r"(\d+) entity kinds?; changed: (\d+) entit(?:y|ies), (\d+) relations?\n$")


def add(db, *inputs):
    """Runs tkg add, checks its summary against what the tables gained; the summary."""
    before = counts(db) if os.path.exists(db) else {t: 0 for t in TABLES}
    p = run([TKG, "add", db, *inputs])
    m = SUMMARY.match(p.stdout)
    check(m is not None, f"add summary: {p.stdout!r}")
    if not m:
        return None
    n = [int(x) for x in m.groups()]
    after = counts(db)
    gained = {t: after[t] - before[t] for t in TABLES}
    check([gained["entities"], gained["relations"], gained["names"], gained["attributes"],
           gained["citations"], gained["sources"], gained["relation_kinds"],
           gained["entity_kinds"]] == n[:8],
          f"the summary {n[:8]} says what the tables gained {gained}")
    check(integrity(db), "integrity after add")
    return n, p.stderr


def export(db, inputs):
    run([TKG, "export", "-f", "sqlite", "-o", db, *inputs])


def reset():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)


def path(name):
    return os.path.join(WORK, name)


# ------------------------------------------------------------------ splitting sahel.xml

def q(tag):
    return "{%s}%s" % (NS, tag)


def write_xml(name, elements):
    ET.register_namespace("", NS)
    root = ET.Element(q("tkg"))
    root.text = "\n"
    for e in elements:
        e.tail = "\n"
        root.append(e)
    ET.ElementTree(root).write(path(name), encoding="UTF-8", xml_declaration=True)
    return path(name)


def split_sahel():
    root = ET.parse(os.path.join(REPO, "graphs", "sahel.xml")).getroot()
    sources = root.findall(q("source"))
    entities = root.findall(q("entity"))
    relations = root.findall(q("relation"))
    events = [e for e in entities if e.get("kind") == "event"]
    others = [e for e in entities if e.get("kind") != "event"]
    half = len(others) // 2
    # Part 1: the events without their dates (a later definition gives them), half of the
    # other entities, the relations among those.
    undated = []
    for e in events:
        u = ET.fromstring(ET.tostring(e))
        for a in ("date", "start", "end"):
            u.attrib.pop(a, None)
        undated.append(u)
    first = {e.get("id") for e in undated + others[:half]}
    r1 = [r for r in relations if r.get("from") in first and r.get("to") in first]
    r2 = [r for r in relations if r not in r1]
    p1 = write_xml("part1.xml", sources + undated + others[:half] + r1)
    p2 = write_xml("part2.xml", events + others[half:] + r2)
    # Part 3: a new source, and relations of part 1 asserted again citing it.
    src = ET.Element(q("source"), {"id": "check-add-source", "title": "Another article"})
    again = []
    for r in r1[:3]:
        c = ET.Element(q("relation"), dict(r.attrib))
        c.text = "\n"
        cite = ET.SubElement(c, q("cite"), {"source": "check-add-source"})
        cite.text = "the same fact, from another source"
        again.append(c)
    p3 = write_xml("part3.xml", [src] + again)
    check(len(r1) >= 3 and r2 and undated, "sahel.xml splits into parts")
    return [p1, p2, p3], len(again)


def case_sahel():
    reset()
    parts, reasserted = split_sahel()
    db = path("kb.sqlite")
    n, err = add(db, parts[0])
    check(n and "note:" in err and "created" in err, "a missing base is created, with a note")
    check(sql(db, "PRAGMA journal_mode;").strip() == "wal", "a created base is in WAL mode")
    n, _ = add(db, parts[1])
    check(n and n[0] > 0 and n[1] > 0, "part 2 adds entities and relations")
    check(n and n[8] > 0, "part 2 gives the undated events their dates: entities changed")
    check(n and n[9] > 0, "relations that take an event's time changed days")
    n, _ = add(db, parts[2])
    check(n and n[1] == 0 and n[4] == reasserted and n[5] == 1,
          f"part 3 adds {reasserted} citations to existing relations and 1 source: {n}")
    whole = path("whole.sqlite")
    export(whole, parts)
    compare_bases(db, whole, "sahel in parts")
    compare_queries(db, parts, "sahel in parts")

    # Quadruples make entities implicitly; a TKG-XML definition then gives them kind and label.
    tsv = path("quads.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("Mali\tMake statement\tNiger\t2014-01-02\nNiger\tMake statement\tChad\t2014-01-03\n")
    define = write_xml("define.xml", [ET.fromstring(
        '<entity xmlns="%s" id="Mali" kind="state" label="Republic of Mali"/>' % NS)])
    db2 = path("implicit.sqlite")
    export(db2, [tsv])
    n, _ = add(db2, define)
    check(n and n[8] == 1 and n[0] == 0, f"the implicit entity is changed, none added: {n}")
    check(sql(db2, "SELECT kind, label FROM entities WHERE id = 'Mali';") ==
          "state\tRepublic of Mali\n", "the definition's kind and label")
    whole2 = path("whole2.sqlite")
    export(whole2, [tsv, define])
    compare_bases(db2, whole2, "implicit then defined")
    compare_queries(db2, [tsv, define], "implicit then defined")

    # Citations name their source by its row: in a base whose source rows are not 1, 2, ...
    # (renumbered by hand), the citations of the base keep theirs and a new source takes the
    # row after the last.
    gap = path("gap.sqlite")
    export(gap, [parts[0]])
    sql(gap, "UPDATE sources SET row = row + 10; UPDATE citations SET source = source + 10;")
    last = int(sql(gap, "SELECT max(row) FROM sources;"))
    n, _ = add(gap, parts[2])
    check(n and n[5] == 1 and n[4] == reasserted, f"gapped source rows: {n}")
    check(sql(gap, "SELECT row FROM sources WHERE id = 'check-add-source';") == f"{last + 1}\n",
          "a new source takes the row after the base's last")
    whole3 = path("whole3.sqlite")
    export(whole3, [parts[0], parts[2]])
    compare_bases(gap, whole3, "gapped source rows")
    compare_queries(gap, [parts[0], parts[2]], "gapped source rows")


def case_icews():
    reset()
    lines = open(ICEWS, encoding="utf-8").read().splitlines(keepends=True)
    half = len(lines) // 2
    a, b = path("a.txt"), path("b.txt")
    open(a, "w", encoding="utf-8").writelines(lines[:half])
    # b also repeats facts of a: the same relation from a new source gains a citation.
    open(b, "w", encoding="utf-8").writelines(lines[half:] + lines[:50])
    db = path("kb.sqlite")
    export(db, [a])
    n, _ = add(db, b)
    check(n and n[1] > 0 and n[4] > n[1], f"new relations, and citations of existing ones: {n}")
    whole = path("whole.sqlite")
    export(whole, [a, b])
    compare_bases(db, whole, "ICEWS in two halves")
    compare_queries(db, [a, b], "ICEWS in two halves")

    # Another base as the input: merged as its content would be.
    other, into = path("other.sqlite"), path("into.sqlite")
    export(other, [b])
    export(into, [a])
    add(into, other)
    compare_queries(into, [a, b], "a base added to a base")

    # A base edited by hand (a relation deleted: the rows after it keep their ids, which the
    # new relations' generated ids then meet) still takes additions.
    edited = path("edited.sqlite")
    export(edited, [a])
    sql(edited, "PRAGMA foreign_keys = ON; DELETE FROM citations WHERE relation = 3; "
                "DELETE FROM relations WHERE row = 3;")
    n, _ = add(edited, b)
    check(n and n[1] > 0, f"a base with a row deleted by hand takes additions: {n}")
    ids = sql(edited, "SELECT count(DISTINCT id), count(*) FROM relations;").split()
    check(ids[0] == ids[1], "relation ids stay unique")


def refused(db, args, what, pattern):
    """tkg add ARGS fails with a message matching `pattern`, leaving `db` as it was."""
    before = dump(db) if os.path.exists(db) else None
    p = run([TKG, "add", *args], ok=False)
    check(p.returncode != 0 and re.search(pattern, p.stderr), f"{what}: {p.returncode} "
                                                               f"{p.stderr!r}")
    check(p.stdout == "", f"{what}: no summary")
    if before is not None:
        check(dump(db) == before and integrity(db), f"{what}: the base is unchanged")
    return p


def case_rollback():
    reset()
    parts, _ = split_sahel()
    db = path("kb.sqlite")
    export(db, [parts[0]])
    bad = path("bad.tsv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("Mali\tMake statement\tNiger\t2014-01-02\nMali\tMake statement\tNiger\t2014-13-45\n")
    p = refused(db, [db, parts[1], bad, parts[2]], "a bad file among good ones",
                re.escape(bad) + r":2:\d+: error:")
    check(p.returncode == 1, "input errors: exit status 1")
    refused(db, [db, parts[1], path("missing.xml")], "a missing input", r"missing\.xml: error:")
    # A file whose source is in the base already.
    tsv = path("q.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("Mali\tMake statement\tNiger\t2014-01-02\n")
    add(db, tsv)
    refused(db, [db, tsv], "a file of the base given again", re.escape(tsv) + r": error: .*already")
    # ... also inside a directory given as input.
    os.makedirs(path("dir"))
    inside = os.path.join(path("dir"), "d.tsv")
    with open(inside, "w", encoding="utf-8") as f:
        f.write("Chad\tMake statement\tNiger\t2014-01-05\n")
    add(db, path("dir"))
    refused(db, [db, parts[1], path("dir")], "a directory of the base given again",
            re.escape(inside) + r": error: .*already")
    # Another date policy than the base's; a base that is not named as one (the arguments
    # swapped): usage errors.
    p = refused(db, ["--strict-dates", db, parts[1]], "another date policy",
                re.escape(db) + r": error: .*date policy")
    check(p.returncode == 2, "another date policy: exit status 2")
    p = refused(db, [parts[1], db], "arguments swapped", r"not named \.sqlite or \.db")
    check(p.returncode == 2, "arguments swapped: exit status 2")
    # The base among its inputs (itself, through a link, in an input directory): refused.
    os.symlink(db, path("link.sqlite"))
    for args, what in (([db, parts[1], db], "the base as its own input"),
                       ([db, path("link.sqlite")], "a link to the base as input"),
                       ([db, WORK], "the base in an input directory")):
        p = refused(db, args, what, re.escape(db) + r": error: the base is .*added to itself")
        check(p.returncode == 2, f"{what}: exit status 2")
    os.remove(path("link.sqlite"))
    # Not a tkg base, a newer version: refused.
    foreign = path("foreign.sqlite")
    sql(foreign, "CREATE TABLE t (a INTEGER);")
    refused(foreign, [foreign, parts[1]], "a foreign database", r"foreign\.sqlite: error:")
    newer = path("newer.sqlite")
    export(newer, [parts[0]])
    sql(newer, "PRAGMA user_version = 99; UPDATE meta SET value = '99' WHERE key = 'version';")
    refused(newer, [newer, parts[1]], "a newer version", r"newer\.sqlite: error:")
    # A base that does not exist, with a bad input: nothing is created.
    fresh = path("fresh.sqlite")
    refused(fresh, [fresh, bad], "a bad input to a missing base", re.escape(bad) + r":2:")
    check(not os.path.exists(fresh), "no base created from a bad input")
    check(not [f for f in os.listdir(WORK) if ".tkg-" in f], "no temporary left")


def big_inputs():
    """The ICEWS sample as a base and a second file to add: large enough to take a while."""
    lines = open(ICEWS, encoding="utf-8").read().splitlines(keepends=True)
    half = len(lines) // 2
    a, b = path("a.txt"), path("b.txt")
    open(a, "w", encoding="utf-8").writelines(lines[:half])
    open(b, "w", encoding="utf-8").writelines(lines[half:])
    old = path("old.sqlite")
    export(old, [a])
    new = path("new.sqlite")
    shutil.copy(old, new)
    run([TKG, "add", new, b])
    return old, new, b


def replace_base(src, db):
    """Puts a copy of the base `src` at `db`, with the -wal and -shm files of the base that was
    there removed: they are part of that base (docs/sqlite.md, "Transactions, WAL and what
    readers see"), and a -wal left beside the copy would be read as the copy's own."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(src, db)


def relation_count(conn):
    return conn.execute("SELECT count(*) FROM relations").fetchone()[0]


def case_readers():
    reset()
    old, new, b = big_inputs()
    want = {run([TKG, "query", "--format", "tsv", db]).stdout: name
            for db, name in ((old, "old"), (new, "new"))}
    seen = {"old": 0, "new": 0}
    reads = []  # every read: (attempt, exit status, content seen, stderr), printed on failure
    overlapping = 0
    db = path("kb.sqlite")
    # At least three attempts, so that a base is replaced after an add that a held reader (see
    # below) kept from checkpointing.
    # Even attempts start from the base in rollback-journal mode, which the add puts in WAL
    # mode; odd ones from the base in WAL mode with a reader (a connection of Python's sqlite3
    # module) holding one read transaction open across the whole add: it sees the old content
    # until it ends it, and since it has the base open when the add closes, the add cannot
    # checkpoint and the log keeps the add's commit after every connection closed.
    for attempt in range(20):
        replace_base(old, db)
        held = None
        if attempt % 2:
            sql(db, "PRAGMA journal_mode = WAL;")
            held = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
            held.execute("BEGIN")
            before = relation_count(held)
        writer = subprocess.Popen([TKG, "add", db, b], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        while True:
            running = writer.poll() is None
            p = run([TKG, "query", "--format", "tsv", db], ok=False)
            got = want.get(p.stdout)
            reads.append((attempt, p.returncode, got, p.stderr))
            check(p.returncode == 0, f"attempt {attempt}: a reader during an add failed "
                                     f"({p.returncode}): {p.stderr}")
            check(got is not None, f"attempt {attempt}: a reader saw neither the old nor the "
                                   f"new content")
            if got:
                seen[got] += 1
            if running and writer.poll() is None:
                overlapping += 1  # (the read began and ended while the add ran)
            if not running:
                break
        check(writer.wait() == 0, f"attempt {attempt}: the add ({writer.returncode}): "
                                  f"{writer.stderr.read()}")
        if held:
            check(relation_count(held) == before, f"attempt {attempt}: a read transaction open "
                                                  f"across the add sees the old content")
            held.execute("COMMIT")
            check(relation_count(held) > before,
                  f"attempt {attempt}: the held reader sees the new content once it ends its "
                  f"transaction")
            held.close()
            check(os.path.getsize(db + "-wal") > 0,
                  f"attempt {attempt}: the add's commit stays in the log while a reader had "
                  f"the base open when it closed")
        if attempt >= 2 and overlapping >= 3:
            break
    check(overlapping > 0, "no read ran while an add did")
    if failures:
        for attempt, status, got, err in reads:
            print(f"read in attempt {attempt}: exit status {status}, saw {got or 'neither'}"
                  f"{': ' + err.strip() if err.strip() else ''}", file=sys.stderr)
    print(f"readers: {overlapping} reads during adds in {attempt + 1} attempts; seen {seen}")


def case_sigkill():
    reset()
    old, new, b = big_inputs()
    old_dump, new_dump = dump(old), dump(new)
    check(old_dump != new_dump, "the add changes the base")
    # How long one add takes, so that kills land anywhere in it (not a threshold).
    db = path("kb.sqlite")
    shutil.copy(old, db)
    t0 = time.monotonic()
    run([TKG, "add", db, b])
    took = time.monotonic() - t0
    rng = random.Random(13)
    outcome = {"old": 0, "new": 0}
    for i in range(100):
        replace_base(old, db)
        p = subprocess.Popen([TKG, "add", db, b], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, took * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        ok = integrity(db)
        d = dump(db)
        check(ok, f"kill {i}: integrity_check")
        if d == old_dump:
            outcome["old"] += 1
        elif d == new_dump:
            outcome["new"] += 1
        else:
            check(False, f"kill {i}: the base is neither the old nor the new one")
    print(f"sigkill: add takes {took:.2f} s; after 100 kills: {outcome}")


def case_concurrent():
    reset()
    # Each fact in one file only, so that no relation's citations depend on which add ran
    # first.
    lines = list(dict.fromkeys(open(ICEWS, encoding="utf-8").read().splitlines(keepends=True)))
    third = len(lines) // 3
    a, b, c = path("a.txt"), path("b.txt"), path("c.txt")
    open(a, "w", encoding="utf-8").writelines(lines[:third])
    open(b, "w", encoding="utf-8").writelines(lines[third:2 * third])
    open(c, "w", encoding="utf-8").writelines(lines[2 * third:])
    want = sorted(run([TKG, "query", "--format", "tsv", a, b, c]).stdout.splitlines())
    for attempt in range(4):
        db = path(f"kb{attempt}.sqlite")
        if attempt % 2:
            export(db, [a])
            first = []
        else:
            first = [a]  # the base does not exist: both may try to create it
        ps = [subprocess.Popen([TKG, "add", db, *first, x], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
              for x in (b, c)] if not first else \
            [subprocess.Popen([TKG, "add", db, a, b], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True),
             subprocess.Popen([TKG, "add", db, c], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)]
        for p in ps:
            out, err = p.communicate()
            check(p.returncode == 0, f"attempt {attempt}: a concurrent add failed: {err}")
        check(integrity(db), "integrity after concurrent adds")
        got = sorted(run([TKG, "query", "--format", "tsv", db]).stdout.splitlines())
        check(got == want, f"attempt {attempt}: concurrent adds lost something "
                           f"({len(got)} lines, {len(want)} expected)")


CASES = {"sahel": case_sahel, "icews": case_icews, "rollback": case_rollback,
         "readers": case_readers, "sigkill": case_sigkill, "concurrent": case_concurrent}
CASES[CASE]()
if failures:
    sys.exit(f"{len(failures)} check(s) failed")
print("ok:", CASE)
