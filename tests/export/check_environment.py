#!/usr/bin/env python3
"""Every output is byte-identical whatever TZ and LC_ALL say.

Exports graphs/sahel.xml in every format (and prints query and timeline tables) under three
environments — UTC in the C locale, UTC+14 (Pacific/Kiritimati) in a French locale that
writes decimal commas, UTC-3:30 (America/St_Johns) in C.UTF-8 — and requires the same bytes
each time. A PDF written by cairo carried the local time zone in its /CreationDate.

Usage: check_environment.py TKG SOURCE_DIR WORK_DIR
"""
import os
import subprocess
import sys

TKG, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "fr_FR.UTF-8"},
    {"TZ": "America/St_Johns", "LC_ALL": "C.UTF-8"},
]
FORMATS = ["dot", "svg", "png", "pdf", "graphml", "gexf", "json", "csv", "html"]


def outputs(env, k):
    sahel = os.path.join(SRC, "graphs", "sahel.xml")
    e = dict(os.environ, **env)
    got = {}
    for fmt in FORMATS:
        target = os.path.join(WORK, f"{k}.{fmt}" if fmt != "csv" else f"{k}-csv")
        if fmt == "csv":
            os.makedirs(target, exist_ok=True)  # -o names a directory for the two files
        subprocess.run([TKG, "export", "-f", fmt, "-o", target, sahel], env=e, check=True)
        if fmt == "csv":
            for name in ("nodes.csv", "relationships.csv"):
                with open(os.path.join(target, name), "rb") as f:
                    got[f"csv/{name}"] = f.read()
        else:
            with open(target, "rb") as f:
                got[fmt] = f.read()
    for args in (["query", "--at", "2023-06-01"], ["timeline", "mali"],
                 ["centrality", "-m", "pagerank"]):
        got[" ".join(args)] = subprocess.run([TKG, *args, sahel], env=e, check=True,
                                             capture_output=True).stdout
    return got


def main():
    os.makedirs(WORK, exist_ok=True)
    runs = [outputs(env, k) for k, env in enumerate(ENVIRONMENTS)]
    failures = 0
    for name in runs[0]:
        for env, other in zip(ENVIRONMENTS[1:], runs[1:]):
            if other[name] != runs[0][name]:
                failures += 1
                print(f"FAIL {name}: differs under {env} from {ENVIRONMENTS[0]}")
    print("environment:", "ok" if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
