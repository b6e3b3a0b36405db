#!/usr/bin/env python3
"""The event-time rule (docs/format.md, "Relations to events"), end to end.

A relation written without any date that ties an entity to an event with a lifespan holds
when the event holds (the `to` endpoint's event first, else the `from` one's). This test
computes what must hold from the TKG-XML alone, with its own reading of the rule, and
compares it with what tkg prints and writes:

- `tkg query --at D` on dates before, during and after each event (a synthetic graph and
  graphs/sahel.xml), including the edges of partial dates (2020-05 covers May);
- `tkg timeline` lists such relations at the event's date, never as "undated";
- `tkg diff` classifies them by the event's time;
- `tkg centrality --series` counts them only in the windows where the event holds
  (degree per window, recomputed here with NetworkX);
- GraphML (NetworkX), graphology JSON and CSV carry the event's dates and `time_from`,
  GEXF gives the edge the event's spell and does not stretch the event's own spell;
- exports read back by tkg (GraphML, CSV) give the same relations with the same dates.

Usage: event_time.py TKG SOURCE_DIR WORK_DIR
"""
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx

TKG, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
NS = "{urn:tkg:1}"
GEXF = "{http://gexf.net/1.3}"
failures = 0

SYNTHETIC = """<?xml version="1.0" encoding="UTF-8"?>
<tkg xmlns="urn:tkg:1">
  <source id="s" title="T" published="2024-01-01"/>
  <entity id="a" kind="state" label="A"/>
  <entity id="b" kind="state" label="B"/>
  <entity id="o" kind="organization" label="O" start="2018"/>
  <entity id="summit" kind="event" label="Summit" date="2020-05"/>
  <entity id="talks" kind="event" label="Talks" start="2021-01-10" end="2021-03-31"/>
  <entity id="someday" kind="event" label="Undated event"/>
  <entity id="doc" kind="resolution" label="Resolution" date="2019-06-01"/>
  <relation kind="participant_in" from="a" to="summit"><cite source="s">q1</cite></relation>
  <relation kind="participant_in" from="b" to="summit"><cite source="s">q2</cite></relation>
  <relation kind="participant_in" from="b" to="talks"><cite source="s">q3</cite></relation>
  <relation kind="participant_in" from="a" to="someday"><cite source="s">q4</cite></relation>
  <relation kind="led_to" from="summit" to="talks"><cite source="s">q5</cite></relation>
  <relation kind="concerns" from="talks" to="o"><cite source="s">q6</cite></relation>
  <relation kind="participant_in" from="a" to="talks" start="2021-02"><cite source="s">q7</cite></relation>
  <relation kind="member_of" from="a" to="o" start="2019"><cite source="s">q8</cite></relation>
  <relation kind="established_by" from="o" to="doc"><cite source="s">q9</cite></relation>
</tkg>
"""


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAIL", what)
    return ok


def run(*args):
    p = subprocess.run([TKG, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"tkg {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout


# ------------------------------------------------ an independent reading of the rule

OPEN = (-(10**9), 10**9)


def day(y, m=1, d=1):
    return dt.date(y, m, d).toordinal()


def bounds(text, first):
    """First (first=True) or last day covered by a YYYY[-MM[-DD]] date, inclusive."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 3:
        return day(*parts)
    if len(parts) == 2:
        y, m = parts
        if first:
            return day(y, m)
        return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).toordinal()
    return day(parts[0]) if first else day(parts[0], 12, 31)


def interval(el):
    start, end = el.get("start"), el.get("end")
    if el.get("date"):
        start = end = el.get("date")
    return (
        bounds(start, True) if start else OPEN[0],
        bounds(end, False) + 1 if end else OPEN[1],
    ), start, end


def model(path, ontology):
    parent = {}
    for el in ET.parse(ontology).getroot():
        if el.tag.endswith("entity-kind"):
            parent[el.get("name")] = el.get("parent")

    def is_event(kind):
        while kind:
            if kind == "event":
                return True
            kind = parent.get(kind)
        return False

    root = ET.parse(path).getroot()
    ents = {}
    for el in root.iter(NS + "entity"):
        life, _, _ = interval(el)
        ents[el.get("id")] = {"kind": el.get("kind"), "life": life, "el": el}
    rels = []
    for el in root.iter(NS + "relation"):
        iv, start, end = interval(el)
        event = None
        if start is None and end is None:
            for side in ("to", "from"):
                e = ents[el.get(side)]
                if e["life"] != OPEN and is_event(e["kind"]):
                    iv, event = e["life"], el.get(side)
                    break
        rels.append({"kind": el.get("kind"), "from": el.get("from"), "to": el.get("to"),
                     "iv": iv, "event": event, "start": start, "end": end})
    return ents, rels


def holds(iv, d):
    return iv[0] <= d < iv[1]


def expected_at(ents, rels, d):
    return sorted((r["kind"], r["from"], r["to"]) for r in rels
                  if holds(r["iv"], d) and holds(ents[r["from"]]["life"], d)
                  and holds(ents[r["to"]]["life"], d))


def query_at(path, date):
    out = run("query", "--at", date, "--format", "tsv", path).splitlines()[1:]
    return sorted((c[0], c[1], c[3]) for c in (line.split("\t") for line in out))


def iso(ordinal):
    return dt.date.fromordinal(ordinal).isoformat()


def dates_of(r):
    a, b = r["iv"]
    return (iso(a) if a != OPEN[0] else None, iso(b - 1) if b != OPEN[1] else None)


# ----------------------------------------------------------------------- checks

def check_views(path, ents, rels, dates):
    for d in dates:
        y, m, dd = (int(x) for x in d.split("-"))
        want = expected_at(ents, rels, day(y, m, dd))
        got = query_at(path, d)
        check(got == want, f"{os.path.basename(path)} --at {d}: got {got}, expected {want}")


def check_timeline(path, ents, rels, who):
    rows = [line.split("\t") for line in run("timeline", who, "--format", "tsv", path)
            .splitlines()[1:]]
    for r in rels:
        if who not in (r["from"], r["to"]) or not r["event"]:
            continue
        other = r["to"] if r["from"] == who else r["from"]
        mine = [x for x in rows if x[3] == r["kind"] and x[5] == other]
        first, last = dates_of(r)
        ev = ents[r["event"]]["el"]
        written_first = ev.get("date") or ev.get("start")
        check(mine and all(x[2] != "undated" for x in mine),
              f"timeline {who}: {r['kind']} {other} listed as undated: {mine}")
        check(any(x[0] == first and x[1] == written_first for x in mine),
              f"timeline {who}: {r['kind']} {other} not at {first} ({written_first}): {mine}")
        if ev.get("date") is None and last:
            check(any(x[0] == last and x[2] == "ends" for x in mine),
                  f"timeline {who}: {r['kind']} {other} does not end on {last}: {mine}")


def check_diff(path, ents, rels, a, b):
    def spans(r):
        return (r["iv"], ents[r["from"]]["life"], ents[r["to"]]["life"])

    out = run("diff", "--from", a, "--to", b, "--format", "tsv", "--unchanged", path)
    got = {(c[1], c[2], c[4]): c[0] for c in (line.split("\t") for line in out.splitlines()[1:])}
    da, db = (day(*(int(x) for x in s.split("-"))) for s in (a, b))
    for r in rels:
        if not r["event"]:
            continue
        key = (r["kind"], r["from"], r["to"])

        def at(d):
            return (holds(r["iv"], d) and holds(ents[r["from"]]["life"], d)
                    and holds(ents[r["to"]]["life"], d))

        if at(da) and at(db):
            want = "unchanged"
        elif at(db):
            want = "started"
        elif at(da):
            want = "ended"
        elif da < db and all(x[0] <= db - 1 and da + 1 < x[1] for x in spans(r)):
            want = "transient"  # each overlaps the days between, as a window view keeps it
        else:
            want = None
        check(got.get(key) == want, f"diff {a}..{b}: {key} is {got.get(key)}, expected {want}")


def check_series(path, ents, rels):
    out = run("centrality", "-m", "degree", "--series", "2019..2022", "--step", "1y",
              "--windows", "--kind", "entity", "--format", "tsv", path)
    got = {}
    for line in out.splitlines()[1:]:
        c = line.split("\t")
        got[(c[0], c[2])] = float(c[4])
    for year in range(2019, 2023):
        lo, hi = day(year), day(year, 12, 31)
        g = nx.Graph()
        for r in rels:
            ok = all(x[0] <= hi and lo < x[1] for x in
                     (r["iv"], ents[r["from"]]["life"], ents[r["to"]]["life"]))
            if ok and r["from"] != r["to"]:
                g.add_edge(r["from"], r["to"])
        for e in g.nodes:
            want = g.degree(e)
            have = got.get((e, f"{year}-01-01"))
            check(have == want, f"series {year}: degree of {e} is {have}, expected {want}")
        extra = [k for k in got if k[1] == f"{year}-01-01" and k[0] not in g.nodes]
        check(not extra, f"series {year}: entities without ties that year: {extra}")


def check_exports(path, ents, rels, work):
    stem = os.path.join(work, os.path.basename(path).rsplit(".", 1)[0])
    run("export", "-f", "graphml", "--layout", "none", "-o", stem + ".graphml", path)
    run("export", "-f", "gexf", "--layout", "none", "-o", stem + ".gexf", path)
    run("export", "-f", "json", "--layout", "none", "-o", stem + ".json", path)
    run("export", "-f", "csv", "-o", stem + "-csv", path)
    want = {}
    for r in rels:
        want[(r["kind"], r["from"], r["to"])] = (dates_of(r), r["event"])

    g = nx.read_graphml(stem + ".graphml")
    for u, v, d in g.edges(data=True):
        key = (d["kind"], u, v)
        (first, last), event = want[key]
        check((d.get("start_date"), d.get("end_date"), d.get("time_from")) == (first, last, event),
              f"graphml {key}: {d.get('start_date')}..{d.get('end_date')} "
              f"time_from {d.get('time_from')}, expected {first}..{last} {event}")
        if event:
            check("start_raw" not in d and "precision" not in d,
                  f"graphml {key}: dates as written given for an event's time: {d}")

    with open(stem + ".json", encoding="utf-8") as f:
        doc = json.load(f)
    for e in doc["edges"]:
        at = e["attributes"]
        key = (at["kind"], e["source"], e["target"])
        (first, last), event = want[key]
        check((at.get("start_date"), at.get("end_date"), at.get("time_from")) ==
              (first, last, event), f"json {key}: {at}")

    with open(os.path.join(stem + "-csv", "relationships.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row[":TYPE"], row[":START_ID"], row[":END_ID"])
            (first, last), event = want[key]
            check((row["start_date:date"] or None, row["end_date:date"] or None,
                   row.get("time_from") or None) == (first, last, event), f"csv {key}: {row}")

    root = ET.parse(stem + ".gexf").getroot()
    nodes = {}
    for n in root.iter(GEXF + "node"):
        spells = [(s.get("start"), s.get("end")) for s in n.iter(GEXF + "spell")]
        if n.get("start") or n.get("end"):
            spells.append((n.get("start"), n.get("end")))
        nodes[n.get("id")] = spells
    for e in root.iter(GEXF + "edge"):
        key = (e.get("kind"), e.get("source"), e.get("target"))
        (first, last), event = want[key]
        if not event:
            continue
        inside = [(a, b) for a, b in nodes[event] if (a is None or a <= first)
                  and (b is None or last <= b)]
        if event == e.get("target"):
            check((e.get("start"), e.get("end")) == (first, last),
                  f"gexf {key}: spell {e.get('start')}..{e.get('end')}, expected {first}..{last}")
        check(inside, f"gexf {key}: the event's spells {nodes[event]} do not hold {first}..{last}")
    for ident, e in ents.items():
        if e["kind"] == "event" and e["life"] != OPEN and ident in nodes:
            # An event's spells are its own date, and only the dates of edges that lie
            # outside it (an event led to by an earlier one is not stretched back).
            first, last = iso(e["life"][0]), iso(e["life"][1] - 1)
            check(any((a is None or a <= first) and (b is None or last <= b)
                      for a, b in nodes[ident]),
                  f"gexf: event {ident} spells {nodes[ident]} lack its own {first}..{last}")
            earlier = [s for s in nodes[ident] if s[0] and s[0] < first]
            leading = [r for r in rels if r["from"] == ident and r["event"] and r["event"] != ident]
            if not leading:
                check(not earlier, f"gexf: event {ident} stretched back: {nodes[ident]}")

    # Read back by tkg: the same relations at the same dates, and no relation of its own dates.
    base = run("query", "--format", "tsv", path)
    for copy in (stem + ".graphml", stem + "-csv/nodes.csv"):
        inputs = [copy] if copy.endswith("graphml") else [
            stem + "-csv/nodes.csv", stem + "-csv/relationships.csv"]
        back = run("query", "--format", "tsv", *inputs)
        strip = lambda text: sorted(text.splitlines())  # sources and support included
        check(strip(back) == strip(base), f"read back from {os.path.basename(copy)}: "
              f"{set(strip(back)) ^ set(strip(base))}")
        for d in ("2020-05-15", "2021-02-01", "2023-09-16", "2030-01-01"):
            got = sorted(run("query", "--at", d, "--format", "tsv", *inputs).splitlines())
            want = sorted(run("query", "--at", d, "--format", "tsv", path).splitlines())
            check(strip("\n".join(got)) == strip("\n".join(want)),
                  f"read back from {os.path.basename(copy)}: --at {d} differs")


def main():
    os.makedirs(WORK, exist_ok=True)
    ontology = os.path.join(SRC, "schema", "ontology.xml")
    synthetic = os.path.join(WORK, "events.xml")
    with open(synthetic, "w", encoding="utf-8") as f:
        f.write(SYNTHETIC)
    sahel = os.path.join(SRC, "graphs", "sahel.xml")

    ents, rels = model(synthetic, ontology)
    check_views(synthetic, ents, rels,
                ["2019-06-01", "2020-04-30", "2020-05-01", "2020-05-31", "2020-06-01",
                 "2021-01-09", "2021-01-10", "2021-02-01", "2021-03-31", "2021-04-01",
                 "2030-01-01"])
    for who in ("a", "b", "summit", "talks", "o"):
        check_timeline(synthetic, ents, rels, who)
    for a, b in (("2020-04-01", "2020-05-10"), ("2020-05-10", "2020-06-10"),
                 ("2019-01-01", "2022-01-01"), ("2020-05-31", "2021-02-01")):
        check_diff(synthetic, ents, rels, a, b)
    check_series(synthetic, ents, rels)
    check_exports(synthetic, ents, rels, WORK)

    ents, rels = model(sahel, ontology)
    check(any(r["event"] for r in rels), "sahel.xml has relations that take an event's time")
    check_views(sahel, ents, rels, ["2021-05-01", "2021-05-31", "2021-06-01", "2023-09-15",
                                    "2023-09-16", "2023-09-17", "2023-12-31", "2024-01-28",
                                    "2024-07-06", "2024-11-15", "2030-01-01"])
    for who in ("mali", "minusma", "aes-decision", "aes-confederation"):
        check_timeline(sahel, ents, rels, who)
    check_diff(sahel, ents, rels, "2023-09-01", "2024-08-01")
    check_exports(sahel, ents, rels, WORK)

    print("event_time:", "ok" if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
