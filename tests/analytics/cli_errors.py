#!/usr/bin/python3
"""Bad input and usage errors of the analytics commands: each case must end with the
documented exit status and message (tkg's own message format, never an igraph abort), and
output formats must agree with each other.

Usage: cli_errors.py TKG SOURCE_DIR
"""
import csv
import io
import json
import os
import re
import subprocess
import sys


def main():
    tkg, src = sys.argv[1], sys.argv[2]
    sahel = os.path.join(src, "graphs/sahel.xml")
    data = os.path.join(src, "tests/analytics/data")
    # (arguments, exit status, regular expression the standard error must match)
    cases = [
        (["centrality", "-m", "pagrank", sahel], 2,
         r"^tkg: error: unknown measure 'pagrank' \(did you mean 'pagerank'\?\)\n"
         r"Try 'tkg centrality --help'\.\n$"),
        (["centrality", "-m", "degree,degree", sahel], 2, r"measure 'degree' given twice"),
        (["centrality", "-m", "", sahel], 2, r"no measure given"),
        (["centrality", "--at", "2020-01-01", "--relation", "accused", sahel], 1,
         r"^tkg: error: no relation holds in the view on 2020-01-01\n$"),
        (["centrality", "--at", "2024-06-01", "--relation", "located_in", sahel], 1,
         r"^tkg: error: no relation between actors in the view on 2024-06-01 "
         r"\(--kind entity keeps every kind\)\n$"),
        (["centrality", "--series", "1990..1993", "--relation", "accused", sahel], 1,
         r"^tkg: error: no relation holds on any date of the series\n$"),
        (["centrality", "--series", "2024-01-27..2024-01-28", "--step", "1d", "--relation",
          "accused", sahel], 0,
         r"^tkg: warning: no relation holds on 2024-01-27: that date is left out\n$"),
        (["centrality", "--series", "2024..2020", sahel], 2, r"--series ends before it starts"),
        (["centrality", "--series", "2020", sahel], 2, r"--series needs FROM\.\.TO"),
        (["centrality", "--series", "2020..2024", "--step", "1q", sahel], 2,
         r"--step needs a count and d, w, m or y"),
        (["centrality", "--series", "2020..2024", "--at", "2021", sahel], 2,
         r"a series cannot be combined with --at"),
        (["centrality", "--step", "1y", sahel], 2, r"--step and --windows need --series"),
        (["centrality", "--at", "2024,2023", sahel], 2, r"the dates of --at must increase"),
        (["centrality", "--at", "2024,2023-02-30", sahel], 2, r"error: .*2023-02-30|invalid|day"),
        (["centrality", "--series", "0001..9999", "--step", "1d", sahel], 2,
         r"the series has more than 10000 dates"),
        (["centrality", "--weight", "attr:strength", sahel], 1,
         r"^.*graphs/sahel\.xml:\d+:\d+: error: relation \S+ from '[^']+' to '[^']+' has no "
         r"weight attribute 'strength'\n$"),
        (["centrality", "--weight", "attr:strength", os.path.join(data, "bad_weight.xml")], 1,
         r"bad_weight\.xml:10:3: error: weight 'strength' of relation accused from 'b' to 'a' "
         r"is '0', not a positive number\n$"),
        (["centrality", "--directed", "-m", "eigenvector", os.path.join(data, "defective.tsv")], 1,
         r"^tkg: error: directed eigenvector centrality does not converge on this graph \(a "
         r"repeated principal eigenvalue\): use it undirected, or pagerank, hub or authority\n$"),
        (["centrality", "-m", "eigenvector,hub,authority", os.path.join(data, "defective.tsv")],
         0, r"^$"),
        (["centrality", "--weight", "heavy", sahel], 2, r"unknown weight 'heavy'"),
        (["centrality", "--damping", "1.5", sahel], 2, r"--damping must be below 1"),
        (["centrality", "--cutoff", "-1", sahel], 2, r"--cutoff needs a positive number"),
        (["centrality", "--top", "0", sahel], 2, r"--top needs a whole number above 0"),
        (["centrality", "--format", "xml", sahel], 2, r"unknown format 'xml'"),
        (["centrality", "--kind", "galaxy", sahel], 2, r"unknown entity kind 'galaxy'"),
        (["centrality", os.path.join(data, "missing.xml")], 4, r"missing\.xml"),
        (["path", "mallli", "aes", sahel], 4,
         r"^tkg: error: unknown entity 'mallli' \(did you mean 'mali'\?\)\n$"),
        (["path", "mali"], 2, r"missing FROM and TO"),
        (["path", "minusma", "aes", "--at", "2025-06-01", sahel], 4,
         r"^tkg: error: 'minusma' has no relation in the view\n$"),
        (["path", "un", "france", "--directed", "--at", "2024-01-28", sahel], 4,
         r"^tkg: error: no path from 'un' to 'france' in the view\n$"),
        (["communities", "--directed", sahel], 2, r"communities are found on undirected ties"),
        (["communities", "--method", "walktrap", sahel], 2, r"unknown method 'walktrap'"),
        (["communities", "--resolution", "0", sahel], 2, r"--resolution needs a positive number"),
        (["communities", "--seed", "-3", sahel], 2, r"--seed needs a whole number"),
        (["communities", "--relation", "located_in", sahel], 1,
         r"^tkg: error: the view has no relation to analyse\n$"),
        (["diff", "--from", "2020", sahel], 2, r"both --from DATE and --to DATE are needed"),
        (["diff", "--from", "2024", "--to", "2020", sahel], 2, r"--to is before --from"),
        (["diff", "--at", "2024", sahel], 2, r"the two dates are --from and --to"),
        (["diff", "--from", "2020", "--to", "2024", "--relations", "--actors", "--format", "tsv",
          sahel], 2, r"tsv and csv hold one table"),
        (["diff", "--from", "1900", "--to", "2024-01-28", "--relation", "accused", sahel], 0,
         r"^tkg: warning: no relation between the entities analysed holds on 1900-01-01\n$"),
    ]
    failures = 0
    for args, status, pattern in cases:
        p = subprocess.run([tkg] + args, capture_output=True, text=True)
        problem = None
        if p.returncode < 0:
            problem = f"killed by signal {-p.returncode}"
        elif p.returncode != status:
            problem = f"exit {p.returncode}, expected {status}"
        elif not re.search(pattern, p.stderr):
            problem = f"stderr does not match {pattern!r}"
        elif "igraph" in p.stderr.lower():
            problem = "igraph's own message reached the user"
        if problem:
            failures += 1
            print(f"FAIL tkg {' '.join(args)}: {problem}\n  stderr: {p.stderr!r}")
    failures += check_formats(tkg, ["-m", "all", "--at", "2024-01-28", "--kind", "entity", sahel])
    failures += check_formats(tkg, ["--series", "2012..2025", "--step", "2y", "--kind", "entity",
                                    "-m", "degree,hub", sahel])
    version = subprocess.run([tkg, "--version"], capture_output=True, text=True)
    if version.returncode != 0 or not re.search(
            r"(?m)^igraph \d+\.\d+\.\d+ \(built with \d+\.\d+\.\d+\)$", version.stdout):
        failures += 1
        print(f"FAIL tkg --version does not name igraph's version: {version.stdout!r}")
    for command in ("centrality", "communities", "path", "diff"):
        h = subprocess.run([tkg, command, "--help"], capture_output=True, text=True)
        if h.returncode != 0 or not h.stdout.startswith(f"Usage: tkg {command}"):
            failures += 1
            print(f"FAIL tkg {command} --help")
    print(f"{len(cases)} error cases and the format check: {failures} failures")
    return 1 if failures else 0


def check_formats(tkg, args):
    """table, tsv, csv and json carry the same rows."""
    base = ["centrality"] + args
    out = {f: subprocess.run([tkg] + base + ["--format", f], capture_output=True, text=True).stdout
           for f in ("json", "csv", "tsv", "table")}
    rows = json.loads(out["json"])
    from_csv = list(csv.DictReader(io.StringIO(out["csv"])))
    from_tsv = list(csv.DictReader(io.StringIO(out["tsv"]), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))
    table_lines = out["table"].splitlines()
    failures = 0
    if not rows or len(rows) != len(from_csv) or len(rows) != len(from_tsv) or \
            len(table_lines) != len(rows) + 1:
        print("FAIL formats: different row counts")
        return 1
    for j, c, t in zip(rows, from_csv, from_tsv):
        for key, value in j.items():
            if str(value) != c[key] and float(c[key]) != value or c[key] != t[key]:
                failures += 1
                print(f"FAIL formats: {key}: json {value!r}, csv {c[key]!r}, tsv {t[key]!r}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
