#!/usr/bin/env python3
"""Independent count of entities, relations and citations in quadruple files.

Implements the rules of docs/format.md ("Quadruple TSV") in plain Python, without tkg's
code, and compares the totals with `tkg stats --format tsv` on the same files.
Usage: check_counts.py TKG FILE...
"""
import calendar
import datetime
import subprocess
import sys
from collections import defaultdict


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


def count(paths):
    entities, relations, citations = set(), set(), 0
    for path in paths:
        pending = defaultdict(list)  # (s, r, o) -> first days of unpaired sinces, file order
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
                    relations.add((r, s, o, None, None))
                elif len(fields) == 4:
                    first, last = day_range(fields[3])
                    relations.add((r, s, o, first, last + 1))
                else:
                    first, last = day_range(fields[4])
                    queue = pending[(s, r, o)]
                    if strip(fields[3]) == "occursSince":
                        queue.append(first)
                        continue
                    # the earliest since that does not begin after this until ends
                    match = next((i for i, start in enumerate(queue) if start <= last), None)
                    if match is None:
                        relations.add((r, s, o, None, last + 1))
                    else:
                        start = queue[match]
                        del queue[match]
                        relations.add((r, s, o, start, last + 1))
        for (s, r, o), queue in pending.items():
            for start in queue:
                relations.add((r, s, o, start, None))
    return len(entities), len(relations), citations


def tkg_totals(tkg, paths):
    out = subprocess.run([tkg, "stats", "--format", "tsv", *paths], capture_output=True,
                         text=True, check=True).stdout
    totals = {}
    for line in out.splitlines()[1:]:
        section, name, value = line.split("\t")
        if section == "total":
            totals[name] = int(value)
    return totals["entities"], totals["relations"], totals["citations"]


def main():
    tkg, paths = sys.argv[1], sys.argv[2:]
    expected = count(paths)
    got = tkg_totals(tkg, paths)
    names = ("entities", "relations", "citations")
    print(" ".join(f"{n}={e}" for n, e in zip(names, expected)))
    if got != expected:
        for n, e, g in zip(names, expected, got):
            if e != g:
                print(f"FAIL {n}: independent count {e}, tkg stats {g}")
        return 1
    print("counts match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
