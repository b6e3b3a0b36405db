#!/usr/bin/python3
"""The data of the timeline page (`tkg export -f html`) against `tkg query`, without a browser.

For each INPUT: writes the page, takes the JSON out of its
`<script type="application/json" id="tkg-data">` element and checks that
- the element holds no raw `</script`, `<!--`, `<`, `>` or `&`, and the JSON parses, in the
  form of docs/timeline-data.md (format, version, indexes in range, half-open intervals);
- on at least 10 dates, among them the partial-date boundaries (the first day, the day before,
  the last day and the day after of relations written with month or year precision, and of
  relations that take their time from an event), the entities and relations that the
  contract's rule shows ((s is null or s <= D) and (e is null or D < e); a relation when both
  its endpoints are shown too) are exactly the ids that `tkg query --at D --entities` and
  `tkg query --at D --ids` list (restricted to the page's entities when the page keeps only
  the most connected of a large view; those must then be the ones with the most relations);
- every relation's citations (source, quote, locator) are those of the graphology JSON export
  (`tkg export -f json`), whose edges have the same ids, and quotes are there;
- every entity has a finite position, the one graph.json has when the page holds the whole
  view (one layout for all dates), and a second run in another locale writes the same bytes.

A synthetic ICEWS-form input of 400 entities and 24,000 relations is checked too: its page
must keep fewer entities, the most connected, to hold at most 20,000 relations.

With --view="OPTIONS" (options of the view or of reading that keep the same entities at
every date: --strict-dates, --relation, --kind, --lang), the page and every query get them.

Usage: check_timeline_data.py TKG WORK_DIR [--view="OPTIONS"] INPUT...
"""

import datetime
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

EPOCH = datetime.date(1970, 1, 1)
OPEN = '<script type="application/json" id="tkg-data">'
failures = 0
VIEW = []  # --view's options


def check(ok, what, detail=""):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what}: {detail}"[:3000])


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(args)}: exit {p.returncode}\n{p.stderr[:2000]}")
    return p


def iso(day):
    return (EPOCH + datetime.timedelta(days=day)).isoformat()


def tsv_column(text, name):
    lines = text.rstrip("\n").split("\n")
    col = lines[0].split("\t").index(name)
    return [line.split("\t")[col] for line in lines[1:]]


def page_data(path):
    text = open(path, encoding="utf-8").read()
    check(text.count(OPEN) == 1, "one data element", str(text.count(OPEN)))
    start = text.index(OPEN) + len(OPEN)
    raw = text[start:text.index("</script>", start)]
    for bad in ("</script", "<!--", "<", ">", "&"):
        check(bad not in raw.lower(), f"no raw {bad!r} in the data")
    return json.loads(raw)


def check_form(d):
    check(d["format"] == "tkg-timeline" and d["version"] == 1, "format and version")
    n = len(d["entities"])
    for r in d["relations"]:
        check(0 <= r["from"] < n and 0 <= r["to"] < n, "relation endpoints", r["id"])
    for x in d["entities"] + d["relations"]:  # (strict dates may leave an interval empty)
        if x["s"] is not None and x["e"] is not None and d["policy"] == "inclusive":
            check(x["s"] < x["e"], "half-open interval", x["id"])
    ids = [r["id"] for r in d["relations"]]
    check(len(set(ids)) == len(ids), "relation ids unique")
    for r in d["relations"]:
        for c in r["citations"]:
            check(0 <= c["source"] < len(d["sources"]), "citation source index", r["id"])
    c = d["centrality"]
    if c is not None:
        check(c["default"] in c["measures"], "default measure")
        for m in c["measures"]:
            check(len(c["values"][m]) == len(c["snapshots"]), "a row per snapshot", m)
            check(all(len(row) == n for row in c["values"][m]), "a value per entity", m)


def holds(x, day):
    return (x["s"] is None or x["s"] <= day) and (x["e"] is None or day < x["e"])


def boundary_dates(d):
    """Days around the bounds of partial-date and event-timed relations, and of entities."""
    partial, event, other = [], [], []
    for r in d["relations"]:
        written = [b for b in (r["start"], r["end"]) if b]
        if not written and (r["s"] is not None or r["e"] is not None):
            event.append(r)  # dated through the event it touches
        elif any(not re.fullmatch(r"\d{4}-\d{2}-\d{2}", b) for b in written):  # 2013-04, 2004-##-##
            partial.append(r)
        elif written:
            other.append(r)
    days = set()
    for group in (partial, event, other):  # up to 8 new days from each group
        want = len(days) + 8
        for r in group:
            if len(days) >= want:
                break
            if r["s"] is not None:
                days |= {r["s"] - 1, r["s"]}
            if r["e"] is not None:
                days |= {r["e"] - 1, r["e"]}
    if d["span"]:
        days |= {d["span"]["s"], d["span"]["e"] - 1, (d["span"]["s"] + d["span"]["e"]) // 2}
    days = sorted(days)
    check(len(days) >= 10, "at least 10 dates", str(len(days)))
    print(f"  {len(partial)} partial-date relations, {len(event)} event-timed, "
          f"{len(days)} dates")
    return days


def check_cut(tkg, inp, d):
    """The page keeps the entities with the most relations (all of them when it can)."""
    q = run(tkg, "query", *VIEW, "--entities", "--format", "tsv", inp).stdout
    ids, counts = tsv_column(q, "id"), [int(c) for c in tsv_column(q, "relations")]
    kept = {e["id"] for e in d["entities"]}
    if d["notice"] is None:
        check(kept == set(ids), "the page holds the whole view")
        return
    check(len(kept) < len(ids), "a notice only for a cut view")
    check(d["notice"].startswith(f"Showing the {len(kept):,} most connected of {len(ids):,} "
                                 "entities"), "the notice says what the page keeps", d["notice"])
    inside = [c for i, c in zip(ids, counts) if i in kept]
    outside = [c for i, c in zip(ids, counts) if i not in kept]
    check(min(inside) >= max(outside), "the page keeps the most connected entities",
          f"{min(inside)} < {max(outside)}")
    check(len(d["entities"]) <= 2000 and len(d["relations"]) <= 20000, "the page's limits")


def check_dates(tkg, inp, d):
    ents = d["entities"]
    kept = {e["id"] for e in ents}
    for day in boundary_dates(d):
        date = iso(day)
        shown = {i for i, e in enumerate(ents) if holds(e, day)}
        want_e = sorted(ents[i]["id"] for i in shown)
        want_r = sorted(r["id"] for r in d["relations"]
                        if holds(r, day) and r["from"] in shown and r["to"] in shown)
        qe = run(tkg, "query", *VIEW, "--at", date, "--entities", "--format", "tsv", inp).stdout
        qr = run(tkg, "query", *VIEW, "--at", date, "--ids", "--format", "tsv", inp).stdout
        got_e = sorted(i for i in tsv_column(qe, "id") if i in kept)
        froms, tos = tsv_column(qr, "from"), tsv_column(qr, "to")
        got_r = sorted(i for i, f, t in zip(tsv_column(qr, "id"), froms, tos)
                       if f in kept and t in kept)
        check(want_e == got_e, f"entities on {date}",
              f"page only {sorted(set(want_e) - set(got_e))[:10]}, "
              f"query only {sorted(set(got_e) - set(want_e))[:10]}")
        check(want_r == got_r, f"relations on {date}",
              f"page only {sorted(set(want_r) - set(got_r))[:10]}, "
              f"query only {sorted(set(got_r) - set(want_r))[:10]}")
        print(f"  {date}: {len(want_e)} entities, {len(want_r)} relations")


def check_citations(tkg, inp, work, d):
    path = os.path.join(work, "graph.json")
    run(tkg, "export", *VIEW, "-f", "json", "-o", path, inp)
    g = json.load(open(path, encoding="utf-8"))
    nodes = {n["key"]: n["attributes"] for n in g["nodes"]}
    bad = [e["id"] for e in d["entities"] if not (isinstance(e["x"], (int, float)) and
                                                  isinstance(e["y"], (int, float)))]
    check(not bad, "every entity placed", str(bad[:10]))
    if d["notice"] is None:
        moved = [e["id"] for e in d["entities"]
                 if (e["x"], e["y"]) != (nodes[e["id"]]["x"], nodes[e["id"]]["y"])]
        check(not moved, "the positions of graph.json", str(moved[:10]))
    edges = {e["key"]: e["attributes"] for e in g["edges"]}
    quotes = 0
    for r in d["relations"]:
        a = edges.get(r["id"])
        check(a is not None, "a graphology edge of the same id", r["id"])
        if a is None:
            continue
        want = json.loads(a.get("citations", "[]"))
        got = [{"source": d["sources"][c["source"]]["id"], "quote": c["quote"],
                "locator": c["locator"]} for c in r["citations"]]
        want = [{"source": c["source"], "quote": c.get("quote"), "locator": c.get("locator")}
                for c in want]
        check(got == want, "citations", f"{r['id']}: {got} != {want}")
        quotes += sum(1 for c in r["citations"] if c["quote"])
    if any(c.get("quote") for e in edges.values() for c in json.loads(e.get("citations", "[]"))):
        check(quotes > 0, "quotes in the page's citations")
    print(f"  {quotes} quotes in {len(d['relations'])} relations")


def page_timeline(d, i):
    """Entity i's relations as `tkg timeline` lists them, from the page's data alone: a point
    fact "on" its date, else "begins" and "ends" (or "undated"), each with the date as written
    of the relation or, when it takes an event's time (`event`), of that event."""
    rows = []
    for r in d["relations"]:
        if i not in (r["from"], r["to"]):
            continue
        owner = d["entities"][r["event"]] if r["event"] is not None else r
        role = "from" if r["from"] == i else "to"
        other = d["entities"][r["to"] if role == "from" else r["from"]]["id"]
        if r["s"] is None and r["e"] is None:
            rows.append(("", "", "undated", r["kind"], role, other))
        elif r["point"]:
            rows.append((iso(r["s"]), owner["start"] or "", "on", r["kind"], role, other))
        else:
            if r["s"] is not None:
                rows.append((iso(r["s"]), owner["start"] or "", "begins", r["kind"], role, other))
            if r["e"] is not None:
                rows.append((iso(r["e"] - 1), owner["end"] or "", "ends", r["kind"], role, other))
    return sorted(rows)


def check_timelines(tkg, inp, d, most=40):
    """`point` and `event` against `tkg timeline`, for the entities that touch event-timed or
    point relations first (at most `most` entities)."""
    touched = [i for i, _ in enumerate(d["entities"])
               if any(i in (r["from"], r["to"]) and (r["point"] or r["event"] is not None)
                      for r in d["relations"])]
    events = sum(1 for r in d["relations"] if r["event"] is not None)
    for r in d["relations"]:
        if r["event"] is not None:
            check(r["event"] in (r["from"], r["to"]) and r["start"] is None and r["end"] is None,
                  "an event-timed relation's event is one of its ends", r["id"])
    if d["notice"] is not None:
        return  # a cut page leaves out some of an entity's relations: nothing to compare
    dates = ["--strict-dates"] if "--strict-dates" in VIEW else []
    kinds = {k["name"] for k in d["relation_kinds"]}  # what a --relation filter kept
    for i in touched[:most]:
        ent = d["entities"][i]
        out = run(tkg, "timeline", *dates, "--format", "tsv", ent["id"], inp).stdout
        lines = [line.split("\t") for line in out.rstrip("\n").split("\n")[1:]]
        want = sorted((x[0], x[1], x[2], x[3], x[4], x[5]) for x in lines
                      if x[3] != "(lifespan)" and x[3] in kinds)
        got = page_timeline(d, i)
        check(got == want, "the page's timeline = tkg timeline", f"{ent['id']}: "
              f"page only {sorted(set(got) - set(want))[:4]}, timeline only "
              f"{sorted(set(want) - set(got))[:4]}")
    print(f"  {min(len(touched), most)} timelines, {events} event-timed relations")


def dense_input(work):
    """400 actors and 24,000 dated events among them, more between the first ones."""
    path = os.path.join(work, "dense.tsv")
    with open(path, "w", encoding="utf-8") as f:
        for i in range(24000):
            a = (i * 7) % (40 + i % 360)
            b = (i * 13 + 1) % 400
            day = EPOCH + datetime.timedelta(days=16000 + i % 700)
            f.write(f"Actor {a}\tMeet\tActor {b if b != a else (b + 1) % 400}\t{day}\n")
    return path


def main():
    tkg, work, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    if inputs and inputs[0].startswith("--view="):
        VIEW.extend(shlex.split(inputs[0][len("--view="):]))
        inputs = inputs[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if not VIEW:
        inputs = inputs + [dense_input(work)]
    for n, inp in enumerate(inputs):
        print(inp)
        page = os.path.join(work, f"page{n}.html")
        run(tkg, "export", *VIEW, "-f", "html", "-o", page, inp)
        again = os.path.join(work, f"again{n}.html")
        env = dict(os.environ, LC_ALL="C.UTF-8", TZ="Pacific/Kiritimati")
        subprocess.run([tkg, "export", *VIEW, "-o", again, inp], env=env, capture_output=True)
        check(open(page, "rb").read() == open(again, "rb").read(), "the same bytes again")
        d = page_data(page)
        check_form(d)
        check_cut(tkg, inp, d)
        check_dates(tkg, inp, d)
        check_citations(tkg, inp, os.path.join(work), d)
        check_timelines(tkg, inp, d)
    if failures:
        sys.exit(f"{failures} check(s) failed")
    print("ok")


if __name__ == "__main__":
    main()
