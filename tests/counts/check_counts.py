#!/usr/bin/env python3
"""Independent count of entities, relations, citations and intervals in quadruple files.

Implements the rules of docs/format.md ("Quadruple TSV") in plain Python, without tkg's
code: the ICEWS, YAGO and Wikidata forms, and the pairing of since and until lines. Compares
the totals with `tkg stats --format tsv` on the same files, and every relation — kind,
endpoints, first and last day, number of citations — with `tkg query --format tsv`.
Usage: check_counts.py TKG FILE...
"""
import calendar
import datetime
import subprocess
import sys
from collections import Counter, defaultdict

WORDS = {"occurSince": "since", "occursSince": "since", "occurUntil": "until",
         "occursUntil": "until"}


def day_range(text):
    """(first, last) ordinal days covered by YYYY, YYYY-MM, YYYY-MM-DD or YAGO '#' forms."""
    text = text.strip('"')
    year, _, rest = text.partition("-")
    y = int(year)  # YAGO writes years before 1000 with fewer digits
    parts = [p for p in rest.split("-") if p and "#" not in p] if rest else []
    if not parts:
        return datetime.date(y, 1, 1).toordinal(), datetime.date(y, 12, 31).toordinal()
    m = int(parts[0])
    if len(parts) == 1:
        last = calendar.monthrange(y, m)[1]
        return datetime.date(y, m, 1).toordinal(), datetime.date(y, m, last).toordinal()
    d = datetime.date(y, m, int(parts[1])).toordinal()
    return d, d


def strip(field):
    return field[1:-1] if len(field) >= 2 and field[0] == "<" and field[-1] == ">" else field


def unquote(field):
    return field[1:-1] if len(field) >= 2 and field[0] == '"' and field[-1] == '"' else field


def pair(sinces, untils):
    """The rule of docs/format.md, written out plainly (quadratic, for small groups): sinces
    in order of (first day, last day, text), each takes the first not yet taken until, in
    order of (last day, first day, text), that does not end before the since begins. Yields
    (start, end) with None for an open bound; dates are (first, last, text)."""
    sinces = sorted(sinces)
    untils = sorted(untils, key=lambda u: (u[1], u[0], u[2]))
    taken = [False] * len(untils)
    for since in sinces:
        match = next((i for i, u in enumerate(untils) if not taken[i] and u[1] >= since[0]),
                     None)
        if match is None:
            yield since, None
        else:
            taken[match] = True
            yield since, untils[match]
    for i, until in enumerate(untils):
        if not taken[i]:
            yield None, until


def count(paths):
    """Entities, citations, and the relations as {(kind, from, to, first, end_excl): cites}."""
    entities, relations, citations = set(), Counter(), 0
    for path in paths:
        marks = defaultdict(lambda: ([], []))  # (s, r, o) -> (sinces, untils) of this file
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.rstrip("\n").rstrip("\r")
                if not line:
                    continue
                fields = line.split("\t")
                s, r, o = strip(fields[0]), strip(fields[1]), strip(fields[2])
                entities.update((s, o))
                citations += 1
                if len(fields) == 3:
                    relations[(r, s, o, None, None)] += 1
                elif len(fields) == 4:
                    first, last = day_range(fields[3])
                    relations[(r, s, o, first, last + 1)] += 1
                else:
                    text = unquote(fields[4])
                    first, last = day_range(text)
                    side = WORDS[strip(fields[3])]
                    marks[(s, r, o)][side == "until"].append((first, last, text))
        for (s, r, o), (sinces, untils) in marks.items():
            for since, until in pair(sinces, untils):
                start = since[0] if since else None
                end = until[1] + 1 if until else None
                relations[(r, s, o, start, end)] += 2 if since and until else 1
    return entities, relations, citations


def tkg_totals(tkg, paths):
    out = subprocess.run([tkg, "stats", "--format", "tsv", *paths], capture_output=True,
                         text=True, check=True).stdout
    totals = {}
    for line in out.splitlines()[1:]:
        section, name, value = line.split("\t")
        if section == "total":
            totals[name] = int(value)
    return totals["entities"], totals["relations"], totals["citations"]


def tkg_relations(tkg, paths):
    out = subprocess.run([tkg, "query", "--format", "tsv", *paths], capture_output=True,
                         text=True, check=True).stdout
    relations = Counter()
    for line in out.splitlines()[1:]:
        kind, src, _, dst, _, start, end, _, support = line.split("\t")
        first = day_range(start)[0] if start else None
        end_excl = day_range(end)[1] + 1 if end else None
        relations[(kind, src, dst, first, end_excl)] += int(support)
    return relations


def main():
    tkg, paths = sys.argv[1], sys.argv[2:]
    entities, relations, citations = count(paths)
    expected = (len(entities), len(relations), citations)
    got = tkg_totals(tkg, paths)
    names = ("entities", "relations", "citations")
    print(" ".join(f"{n}={e}" for n, e in zip(names, expected)))
    failed = False
    for n, e, g in zip(names, expected, got):
        if e != g:
            print(f"FAIL {n}: independent count {e}, tkg stats {g}")
            failed = True
    listed = tkg_relations(tkg, paths)
    if listed != relations:
        missing, extra = relations - listed, listed - relations
        print(f"FAIL relations: {sum(missing.values())} citations of relations that tkg query "
              f"lacks, {sum(extra.values())} that it has beyond the independent reading")
        for rel in sorted(missing, key=str)[:5]:
            print(f"  missing {rel} x{missing[rel]}")
        for rel in sorted(extra, key=str)[:5]:
            print(f"  extra   {rel} x{extra[rel]}")
        failed = True
    if failed:
        return 1
    open_start = sum(1 for r in relations if r[3] is None and r[4] is not None)
    open_end = sum(1 for r in relations if r[3] is not None and r[4] is None)
    print(f"counts and intervals match ({open_start} open at the start, {open_end} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
