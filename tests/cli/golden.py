#!/usr/bin/env python3
"""Golden tests of the command line: runs one case of cases.tsv and compares its exit
status, stdout and stderr with golden/<name>.out. Every golden file was read and checked
by hand against the source article and docs when it was written or changed.

Usage: golden.py TKG SOURCE_DIR NAME         run one case
       golden.py TKG SOURCE_DIR --update     rewrite every golden file (then review the diff)
"""
import os
import shlex
import subprocess
import sys


def cases(source_dir):
    with open(os.path.join(source_dir, "tests/cli/cases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, args = line.rstrip("\n").split("\t", 1)
                yield name, shlex.split(args)


def run(tkg, source_dir, args):
    env = dict(os.environ, LC_ALL="C")
    p = subprocess.run([tkg, *args], cwd=source_dir, capture_output=True, env=env)
    return (f"exit: {p.returncode}\n--- stdout\n".encode() + p.stdout + b"--- stderr\n" +
            p.stderr)


def main():
    tkg, source_dir, name = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    golden_dir = os.path.join(source_dir, "tests/cli/golden")
    if name == "--update":
        for case, args in cases(source_dir):
            with open(os.path.join(golden_dir, case + ".out"), "wb") as f:
                f.write(run(tkg, source_dir, args))
        return 0
    args = dict(cases(source_dir))[name]
    got = run(tkg, source_dir, args)
    with open(os.path.join(golden_dir, name + ".out"), "rb") as f:
        want = f.read()
    if got != want:
        sys.stdout.write("command: tkg " + shlex.join(args) + "\n--- expected\n")
        sys.stdout.write(want.decode("utf-8", "replace"))
        sys.stdout.write("--- got\n" + got.decode("utf-8", "replace"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
