#!/usr/bin/env python3
"""CSV meant for spreadsheets never holds a formula; the Neo4j CSV keeps text as it is.

Entities named like spreadsheet formulas (=HYPERLINK(...), +cmd|..., @SUM(...), -2+3, =1+1)
go through `tkg report` (centrality.csv, centrality-series.csv), `tkg centrality
--format csv` and `tkg diff --format csv`. Every cell those files hold is read back with
Python's csv module: none may start with = + - @ TAB or CR unless it is a number, and a cell
that starts with the apostrophe tkg adds must be the entity's id (or label) behind it. The
Neo4j CSV export (`export -f csv`), whose reader is no spreadsheet, must keep the ids
unchanged.

Usage: check_spreadsheet.py TKG WORK_DIR
"""
import csv
import os
import subprocess
import sys

TKG, WORK = sys.argv[1], sys.argv[2]
NAMES = ['=HYPERLINK("http://example.org","x")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)",
         "-2+3", "=1+1", "-1", "plain"]
failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAIL", what)


def number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def check_cells(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    seen = set()
    for row in rows[1:]:
        for cell in row:
            check(not cell or cell[0] not in "=+-@\t\r" or number(cell),
                  f"{os.path.basename(path)}: a formula reaches the spreadsheet: {cell!r}")
            if cell.startswith("'"):
                check(cell[1:] in NAMES, f"{os.path.basename(path)}: {cell!r} is no name")
                seen.add(cell[1:])
            elif cell in NAMES:
                seen.add(cell)
    return seen


def main():
    os.makedirs(WORK, exist_ok=True)
    data = os.path.join(WORK, "formulas.tsv")
    with open(data, "w", encoding="utf-8") as f:
        for i, a in enumerate(NAMES):
            b = NAMES[(i + 1) % len(NAMES)]
            f.write(f"{a}\tmeets\t{b}\t2014-0{1 + i % 3}-01\n")
    report = os.path.join(WORK, "report")
    subprocess.run([TKG, "report", "-o", report, data], check=True, capture_output=True)
    check_cells(os.path.join(report, "centrality.csv"))  # the latest snapshot's actors
    seen = check_cells(os.path.join(report, "centrality-series.csv"))
    check(seen == set(NAMES), f"centrality-series.csv: names {sorted(seen)}, expected {NAMES}")
    out = os.path.join(WORK, "centrality.csv")
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([TKG, "centrality", "--format", "csv", data], check=True, stdout=f)
    check(check_cells(out) == set(NAMES), "tkg centrality --format csv: names lost")
    out = os.path.join(WORK, "diff.csv")
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([TKG, "diff", "--from", "2014-01-01", "--to", "2014-02-01",
                        "--format", "csv", data], check=True, stdout=f)
    check_cells(out)
    neo = os.path.join(WORK, "neo4j")
    os.makedirs(neo, exist_ok=True)
    subprocess.run([TKG, "export", "-f", "csv", "-o", neo, data], check=True)
    with open(os.path.join(neo, "nodes.csv"), encoding="utf-8", newline="") as f:
        ids = {row["id:ID"] for row in csv.DictReader(f)}
    check(ids == set(NAMES), f"neo4j nodes.csv changed the ids: {sorted(ids ^ set(NAMES))}")
    print("spreadsheet:", "ok" if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
