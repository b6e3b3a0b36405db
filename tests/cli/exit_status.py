#!/usr/bin/env python3
"""Every exit status of every command (README.md, "Command line"; docs/man/tkg.1, "EXIT STATUS"):
0 success, 1 invalid input, 2 usage error, 3 I/O or system error, 4 not found. Each command is
run once (or more) for each status it can end with, and must end with exactly that status.
Every line it prints on stderr must follow the one message rule: `PATH:LINE:COL: error: `,
`PATH: error: ` or `tkg: error: ` (warning and note alike), or the hint `Try 'tkg ... --help'.`
and be clean for a terminal: valid UTF-8 (a byte that is not is shown as U+FFFD), without any
control character but the line ends (arguments and file names quoted in messages hold some).

Usage: exit_status.py TKG SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

MESSAGE = re.compile(r"^(?:tkg|\S.*?(?::\d+:\d+)?): (?:error|warning|note): \S|^Try 'tkg( \w+)? --help'\.$")


def main():
    tkg, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sahel = os.path.join(src, "graphs/sahel.xml")
    bad = os.path.join(src, "tests/data/bad/date_feb29_2023.xml")
    missing = os.path.join(src, "tests/data/no-such-file.xml")
    work = tempfile.mkdtemp(prefix="tkg-exit-")
    full = "/dev/full"  # every write fails with ENOSPC: the I/O status of commands that print
    out = os.path.join(work, "out.svg")
    a_file = os.path.join(work, "a-file")
    open(a_file, "w").close()
    # (command, arguments after it, expected status, stdout to /dev/full)
    cases = []
    ids = {"timeline": ["mali"], "path": ["mali", "aes"]}
    for cmd in ("validate", "stats", "query", "timeline", "centrality", "communities", "path",
                "diff", "export", "report"):
        pos = ids.get(cmd, [])
        extra = {"diff": ["--from", "2023", "--to", "2024"],
                 "export": ["-f", "dot"],
                 "report": ["-o", os.path.join(work, "report")]}.get(cmd, [])
        cases += [
            (cmd, pos + extra + [sahel], 0, False),
            (cmd, pos + extra + [bad], 1, False),
            (cmd, ["--no-such-option"] + pos + extra + [sahel], 2, False),
            (cmd, pos + extra + [missing], 4, False),
            # a missing ontology file is not found either, as a missing input is
            (cmd, ["--ontology", missing] + pos + extra + [sahel], 4, False),
        ]
        if cmd == "report":  # a report goes into a directory: one that cannot be made
            cases.append((cmd, ["-o", os.path.join(a_file, "sub"), sahel], 3, False))
        else:  # the others write standard output
            cases.append((cmd, pos + extra + [sahel], 3, True))
    # tkg add: the base first (each case its own, created by the add when it succeeds).
    kb = [os.path.join(work, f"kb{i}.sqlite") for i in range(8)]
    cases += [
        ("add", [kb[0], sahel], 0, False),
        ("add", [kb[1], bad], 1, False),
        ("add", ["--no-such-option", kb[2], sahel], 2, False),
        ("add", [kb[3]], 2, False),
        ("add", [kb[4], missing], 4, False),
        ("add", ["--ontology", missing, kb[5], sahel], 4, False),
        ("add", [kb[6], sahel], 3, True),
        ("add", [os.path.join(a_file, "kb.sqlite"), sahel], 4, False),
        ("add", [os.path.join(work, "no-dir", "kb.sqlite"), sahel], 3, False),
        ("add", [a_file + ".sqlite", sahel], 0, False),
        ("add", [a_file + ".sqlite", a_file], 2, False),
    ]
    # tkg extract: an article, the graph an option.
    article = os.path.join(src, "tests/extract/minusma-2024-11-15.fr.txt")
    ex = ["--source-id", "rfi", "--published", "2024-11-15"]
    cases += [
        ("extract", ex + ["--graph", sahel, article], 0, False),
        ("extract", ex + ["--graph", bad, article], 1, False),
        ("extract", ex + ["--lexicon", sahel, article], 1, False),
        ("extract", ex + ["--no-such-option", article], 2, False),
        ("extract", ex + ["--lang", "de", article], 2, False),
        ("extract", ["--published", "2024-11", "--source-id", "rfi", article], 2, False),
        ("extract", ex + [article], 3, True),
        ("extract", ex + ["-o", os.path.join(a_file, "x.xml"), article], 3, False),
        ("extract", ex + [missing], 4, False),
        ("extract", ex + ["--graph", missing, article], 4, False),
        ("extract", ex + ["--ontology", missing, article], 4, False),
    ]
    # Command-specific ways to each status.
    cases += [
        ("query", ["--around", "nobody", sahel], 4, False),
        ("query", ["--kind", "stat", sahel], 2, False),
        ("query", ["--at", "2023-02-29", sahel], 2, False),
        ("timeline", ["nobody", sahel], 4, False),
        ("timeline", [sahel], 2, False),
        ("centrality", ["--around", "nobody", sahel], 4, False),
        ("centrality", ["-m", "pagrank", sahel], 2, False),
        ("centrality", ["--relation", "accused", "--at", "2020-01-01", sahel], 1, False),
        ("communities", ["--around", "nobody", sahel], 4, False),
        ("communities", ["--relation", "located_in", sahel], 1, False),
        ("communities", ["--method", "walktrap", sahel], 2, False),
        ("path", ["nobody", "aes", sahel], 4, False),
        ("path", ["mali", "nobody", sahel], 4, False),
        ("path", ["un", "france", "--directed", "--at", "2024-01-28", sahel], 4, False),
        ("path", ["mali", sahel], 2, False),
        ("diff", ["--from", "2023", "--to", "2024", "--around", "nobody", sahel], 4, False),
        ("diff", ["--from", "2024", sahel], 2, False),
        ("diff", ["--from", "2023", "--to", "2024", "-o", out, "--around", "nobody", sahel], 4,
         False),
        ("diff", ["--from", "2023", "--to", "2024", "-o", os.path.join(a_file, "x.svg"), sahel],
         3, False),
        ("export", ["-f", "svg", "--around", "nobody", sahel], 4, False),
        ("export", ["-f", "bmp", sahel], 2, False),
        ("export", ["-o", sahel, sahel], 2, False),
        ("export", ["-o", os.path.join(a_file, "x.graphml"), sahel], 3, False),
        ("export", ["-f", "csv", "-o", os.path.join(a_file, "csv"), sahel], 3, False),
        ("report", ["-o", os.path.join(work, "r2"), "--timeout", "soon", sahel], 2, False),
        ("stats", ["--format", "xml", sahel], 2, False),
        ("validate", [sahel, bad], 1, False),
        # controls and bytes that are not UTF-8 in what a message quotes
        ("timeline", [b"x\x9b2J", sahel], 4, False),
        ("query", ["--around", b"\x1b]0;title\x07\xff", sahel], 4, False),
        ("stats", [b"no-\x1b[2J-\xc2\x9b-\xfe.xml"], 4, False),
        ("stats", ["--format", b"\x1b[2J\xff", sahel], 2, False),
        ("query", ["--at", b"2024-\x1b[2J", sahel], 2, False),
        ("export", ["-o", os.path.join(a_file, "\x1b[2J.graphml"), sahel], 3, False),
    ]
    failures = 0
    statuses = {}
    for cmd, args, status, to_full in cases:
        stdout = open(full, "w") if to_full else subprocess.PIPE
        p = subprocess.run([tkg, cmd, *args], stdout=stdout, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, cwd=work, timeout=300)
        if to_full:
            stdout.close()
        err = p.stderr.decode("utf-8", "replace")
        shown = f"tkg {cmd} {' '.join(map(str, args))}{' > /dev/full' if to_full else ''}"
        problems = []
        try:
            p.stderr.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"stderr is not UTF-8: {e}")
        if re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", err):
            problems.append("a control character reaches the terminal")
        if p.returncode != status:
            problems.append(f"exit {p.returncode}, expected {status}")
        if status and not err:
            problems.append("nothing on stderr")
        for line in err.splitlines():
            if not MESSAGE.match(line):
                problems.append(f"stderr line breaks the message rule: {line!r}")
        if problems:
            failures += 1
            print(f"FAIL {shown}: " + "; ".join(problems) + f"\n  stderr: {err!r}")
        else:
            statuses.setdefault(cmd, set()).add(status)
    # Each command was seen ending with each status.
    for cmd, seen in sorted(statuses.items()):
        if seen != {0, 1, 2, 3, 4}:
            failures += 1
            print(f"FAIL tkg {cmd}: statuses seen {sorted(seen)}, not all of 0..4")
    # The general usage errors.
    for args, status in ((["frobnicate"], 2), ([], 2), (["help", "frobnicate"], 2),
                         (["help", "query", "stats"], 2), (["--help"], 0), (["help"], 0)):
        p = subprocess.run([tkg, *args], capture_output=True)
        if p.returncode != status:
            failures += 1
            print(f"FAIL tkg {' '.join(args)}: exit {p.returncode}, expected {status}")
    print(f"{len(cases)} cases: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
