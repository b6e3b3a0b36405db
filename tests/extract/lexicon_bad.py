#!/usr/bin/env python3
"""Bad lexicon files (tests/data/lexicon/bad/<case>.xml) and the error each must give.

<case>.err holds the stderr expected, `LINE:COL: error: message` without the `PATH:` prefix.
A case passes when tests/unit/lexicon_check (which loads the file as tkg extract will, against
the default ontology) exits with status 1, prints nothing on stdout and exactly that line on
stderr. xmllint is held to the split between the schema and the loader that
schema/lexicon.xsd documents: it must reject a `schema_*` case and accept every other case
(except `xml_*`, the hostile XML that tkg refuses before any schema is asked).

usage: lexicon_bad.py --check LEXICON_CHECK --xmllint XMLLINT --source DIR (--case CASE | --ok)
--ok: schema/lexicon.xml validates with xmllint and loads.
"""
import argparse
import os
import subprocess
import sys


def xmllint_accepts(xmllint, xsd, path):
    r = subprocess.run([xmllint, "--noout", "--nonet", "--schema", xsd, path],
                       capture_output=True, text=True)
    return r.returncode == 0, r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", required=True)
    ap.add_argument("--xmllint", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--case")
    ap.add_argument("--ok", action="store_true")
    a = ap.parse_args()
    xsd = os.path.join(a.source, "schema", "lexicon.xsd")
    failures = []
    if a.ok:
        path = os.path.join(a.source, "schema", "lexicon.xml")
        ok, err = xmllint_accepts(a.xmllint, xsd, path)
        if not ok:
            failures.append(f"xmllint rejects {path}:\n{err}")
        r = subprocess.run([a.check, path], capture_output=True, text=True)
        if r.returncode != 0 or r.stderr:
            failures.append(f"lexicon_check {path}: status {r.returncode}, stderr {r.stderr!r}")
    else:
        base = os.path.join(a.source, "tests", "data", "lexicon", "bad", a.case)
        path = base + ".xml"
        with open(base + ".err", encoding="utf-8") as f:
            want = "".join(f"{path}:{line}" for line in f.read().splitlines(keepends=True))
        r = subprocess.run([a.check, path], capture_output=True, text=True)
        if r.returncode != 1:
            failures.append(f"status {r.returncode}, expected 1")
        if r.stdout:
            failures.append(f"stdout: {r.stdout!r}")
        if r.stderr != want:
            failures.append(f"stderr:\n  got      {r.stderr!r}\n  expected {want!r}")
        if not a.case.startswith("xml_"):
            ok, err = xmllint_accepts(a.xmllint, xsd, path)
            if ok == a.case.startswith("schema_"):
                failures.append(f"xmllint {'accepts' if ok else 'rejects'} it: {err.strip()}")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
