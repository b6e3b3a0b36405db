#!/usr/bin/env python3
"""Data-driven input tests of `tkg validate` (the jansson way: one case, one file).

tests/data/bad/<case>.err holds the stderr expected for input <case>.xml, <case>.tsv (any
extension) or the directory <case>/, one `LINE:COL: error: message` per line, each line
without its `PATH:` prefix (for a directory, without its `DIR/`). A case passes when tkg
exits with status 1 (or the number in <case>.exit), prints nothing on stdout, and prints
exactly those lines on stderr. tests/data/ok/<case>.out holds the stdout expected for a
valid input: exit status 0, nothing on stderr. <case>.args, when present, holds options
put before the input. Every case is also checked for crashes (signals, sanitizer reports)
and for leaked file contents (no output may contain `root:x:0:0`). XML cases are run with
the network cut off (`unshare -rn`) and traced (`strace -e trace=network`): no network
system call may happen.

Some inputs are made at test time in the work directory instead of being committed: see
GENERATED.

Usage: bad_input.py --tkg TKG --data DIR --work DIR (--bad CASE | --ok CASE)
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

# Sizes of generated inputs.
HUGE_ATTRIBUTE = 20 << 20  # one attribute value of 20 MiB (libxml2 caps them at 10 MB)
DEEP = 10000  # nesting levels
LIMIT = 200  # the --max-input-bytes given in max_input_bytes*.args
BIG_LINES = 70000  # lines (comments, then blank) before the errors of big_line_numbers
LONG_LINE = 20000  # entities of 44 characters on the line of long_line

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def sized_document(size):
    """A valid TKG-XML document of exactly `size` bytes (a comment pads it)."""
    head = XML_HEAD + '<tkg xmlns="urn:tkg:1">\n  <entity id="mali" kind="state" label="Mali"/>\n'
    tail = "</tkg>\n"
    pad = size - len(head) - len(tail) - len("<!--  -->\n")
    assert pad >= 0
    doc = head + "<!-- " + "x" * pad + " -->\n" + tail
    assert len(doc.encode()) == size
    return doc.encode()


def quadratic_blowup():
    """One 64 KiB entity referenced 40,000 times: 2.6 GB once expanded."""
    return (XML_HEAD + '<!DOCTYPE tkg [\n<!ENTITY a "' + "x" * 65536 + '">\n]>\n'
            '<tkg xmlns="urn:tkg:1">\n  <entity id="mali" kind="state" label="' +
            "&a;" * 40000 + '"/>\n</tkg>\n').encode()


def deep_nesting():
    return (XML_HEAD + '<tkg xmlns="urn:tkg:1">\n' + "<e>" * DEEP + "</e>" * DEEP +
            "\n</tkg>\n").encode()


def huge_attribute():
    return (XML_HEAD + '<tkg xmlns="urn:tkg:1">\n  <entity id="mali" kind="state" label="' +
            "x" * HUGE_ATTRIBUTE + '"/>\n</tkg>\n').encode()


def big_line_numbers():
    """Errors past line 65,535, where libxml2's line numbers stop without XML_PARSE_BIG_LINES."""
    filler = "  <!-- a comment -->\n" * (BIG_LINES // 2) + "\n" * (BIG_LINES // 2)
    return (XML_HEAD + '<tkg xmlns="urn:tkg:1">\n' + filler +
            '  <entity id="bad1" kind="stat" label="X"/>\n'
            '  <entity id="bad2" kind="state" label="X" colour="red"/>\n'
            '  <entity id="bad3" kind="state" label="X"></entity2>\n</tkg>\n').encode()


def long_line():
    """Errors far along one line: columns past what one read of the file holds."""
    return (XML_HEAD + '<tkg xmlns="urn:tkg:1">' +
            "".join(f'<entity id="e{i:05d}" kind="state" label="E"/>' for i in range(LONG_LINE)) +
            '<entity id="bad" kind="stat" label="X"/></tkg>\n').encode()


# case name → (file name in the work directory, its bytes or None for "must not exist")
GENERATED = {
    "quadratic_blowup": ("quadratic_blowup.xml", quadratic_blowup),
    "deep_nesting": ("deep_nesting.xml", deep_nesting),
    "huge_attribute": ("huge_attribute.xml", huge_attribute),
    "max_input_bytes_over": ("max_input_bytes_over.xml", lambda: sized_document(LIMIT + 1)),
    "max_input_bytes_at_limit": ("max_input_bytes_at_limit.xml", lambda: sized_document(LIMIT)),
    "nonexistent": ("nonexistent.xml", None),
    "big_line_numbers": ("big_line_numbers.xml", big_line_numbers),
    "long_line": ("long_line.xml", long_line),
}

SIDE_FILES = (".err", ".out", ".exit", ".args")
SANITIZER = re.compile(rb"(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                       rb"runtime error:)")


def find_input(data, work, case):
    """Returns (directory to run in, input argument as given to tkg, is a directory)."""
    if case in GENERATED:
        name, make = GENERATED[case]
        path = os.path.join(work, name)
        if os.path.lexists(path):
            os.remove(path)
        if make is not None:
            with open(path, "wb") as f:
                f.write(make())
        return work, name, False
    if os.path.isdir(os.path.join(data, case)):
        return data, case, True
    found = [n for n in sorted(os.listdir(data))
             if os.path.splitext(n)[0] == case and os.path.splitext(n)[1] not in SIDE_FILES
             and os.path.isfile(os.path.join(data, n))]
    if len(found) != 1:  # a case without its input is a mistake, not a "missing file" test
        raise SystemExit(f"case {case}: expected one input file in {data}, found {found}")
    return data, found[0], False


def read_side(data, case, ext, default=None):
    path = os.path.join(data, case + ext)
    if not os.path.exists(path):
        return default
    with open(path, "rb") as f:
        return f.read()


class Sandbox:
    """How to run tkg without network: under `unshare -rn` and, in a second run, under
    `strace -f -e trace=network`. Each is used when it works on this machine."""

    def __init__(self):
        self.unshare = self.works(["unshare", "-rn", "true"])
        self.strace = self.works(["strace", "-f", "-qq", "-e", "trace=network", "-o",
                                  os.devnull, "true"])

    @staticmethod
    def works(cmd):
        if not shutil.which(cmd[0]):
            return False
        try:
            return subprocess.run(cmd, capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False

    def prefix(self):
        return ["unshare", "-rn"] if self.unshare else []


def run(cmd, cwd, env):
    # The timeout only turns a hang into a failure; no test depends on speed.
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=600)


def strip_prefix(line, prefix):
    if line.startswith(prefix):
        line = line[len(prefix):]
        if line.startswith(b" "):
            line = line[1:]
    return line


def check(kind, tkg, data, work, case):
    problems = []
    cwd, arg, is_dir = find_input(data, work, case)
    extra = (read_side(data, case, ".args", b"").decode()).split()
    cmd = [tkg, "validate", *extra, arg]
    env = dict(os.environ, LC_ALL="C")
    sandbox = Sandbox()
    p = run(sandbox.prefix() + cmd, cwd, env)
    shown = "tkg validate " + " ".join(extra + [arg]) + f"  (in {cwd})"

    if p.returncode < 0 or p.returncode >= 128:
        problems.append(f"crashed: exit status {p.returncode}")
    if SANITIZER.search(p.stderr):
        problems.append("sanitizer report on stderr")
    for stream, text in (("stdout", p.stdout), ("stderr", p.stderr)):
        if b"root:x:0:0" in text:
            problems.append(f"{stream} holds the contents of /etc/passwd")

    if kind == "bad":
        want_status = int(read_side(data, case, ".exit", b"1").decode().strip())
        want = read_side(data, case, ".err")
        prefix = (arg.encode() + b"/") if is_dir else (arg.encode() + b":")
        got_lines = [strip_prefix(l, prefix) for l in p.stderr.splitlines()]
        if p.stdout:
            problems.append("stdout is not empty")
    else:
        want_status = 0
        want = read_side(data, case, ".out")
        got_lines = p.stdout.splitlines()
        if p.stderr:
            problems.append("stderr is not empty")
    if p.returncode != want_status:
        problems.append(f"exit status {p.returncode}, expected {want_status}")
    if got_lines != want.splitlines():
        problems.append("output differs from tests/data/%s/%s%s" %
                        (kind, case, ".err" if kind == "bad" else ".out"))

    # No network system call, ever (XML inputs are the ones that could name a URL).
    xml = arg.endswith(".xml") or is_dir
    if xml and sandbox.strace:
        trace = os.path.join(work, case + ".strace")
        tenv = dict(env, ASAN_OPTIONS="detect_leaks=0")  # LeakSanitizer cannot run traced
        run(["strace", "-f", "-qq", "-e", "trace=network", "-o", trace] + cmd, cwd, tenv)
        with open(trace, encoding="utf-8", errors="replace") as f:
            calls = [l for l in f if not re.match(r"^\d+\s+\+\+\+ ", l)]
        os.remove(trace)
        if calls:
            problems.append("network system calls: " + "".join(calls[:5]))
    elif xml and not sandbox.unshare:
        print("SKIP network check: neither 'unshare -rn' nor 'strace' works here")

    if problems:
        print(f"FAIL {kind}/{case}: {shown}")
        for pr in problems:
            print("  - " + pr)
        print("--- expected\n" + (want or b"").decode("utf-8", "replace"), end="")
        print("--- got (stdout)\n" + p.stdout.decode("utf-8", "replace"), end="")
        print("--- got (stderr)\n" + p.stderr.decode("utf-8", "replace")[:4000], end="")
        return 1
    if not sandbox.unshare:
        print("note: 'unshare -rn' is not available: the case ran with the network on")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tkg", required=True)
    ap.add_argument("--data", required=True, help="tests/data")
    ap.add_argument("--work", required=True, help="a scratch directory in the build tree")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--bad")
    group.add_argument("--ok")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    kind, case = ("bad", a.bad) if a.bad else ("ok", a.ok)
    return check(kind, os.path.abspath(a.tkg), os.path.join(a.data, kind), a.work, case)


if __name__ == "__main__":
    sys.exit(main())
