#!/usr/bin/env python3
"""Every option of every command is in its --help, described, and in the man page.

The options a command takes are found by asking tkg itself, not from a list kept here: every
option name written in src/cli/*.c is tried on every command (`tkg CMD OPTION x --zz-probe`:
an option tkg does not take is refused as "unknown option 'OPTION'"; one it takes is handled,
and the probe then stops at the unknown --zz-probe, so nothing is ever run). Then:
- help: each option taken starts a line of `tkg CMD --help` (alone or as `-f, --format`)
  that describes it, on that line or on the indented lines below; each option such a line
  names is taken (no stale help); `tkg help CMD` prints the same text as `tkg CMD --help`;
- man (with --man FILE): the section of each command in docs/man/tkg.1 names every option
  that its --help names (as roff writes it, with \\- for each dash).

Usage: options.py TKG SOURCE_DIR [--man]
"""
import glob
import os
import re
import subprocess
import sys

COMMANDS = ("validate", "stats", "query", "timeline", "centrality", "communities", "path",
            "diff", "export", "report", "add", "extract")
NOT_CHECKED = {"-h", "--help"}  # every command's; the man page says so once
OPTION = re.compile(r"-{1,2}[a-zA-Z][-a-zA-Z]*")


def candidates(src):
    names = set()
    for path in glob.glob(os.path.join(src, "src/cli/*.c")):
        text = open(path, encoding="utf-8").read()
        for literal in re.findall(r'"(-{1,2}[a-zA-Z][-a-zA-Z]*)"', text):
            names.add(literal)
    return sorted(names - NOT_CHECKED)


def taken(tkg, cmd, option, cwd):
    p = subprocess.run([tkg, cmd, option, "x", "--zz-probe"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, cwd=cwd, timeout=60)
    return f"unknown option '{option}'" not in p.stderr


def help_options(text):
    """The options that start a line of the help, each with whether it is described."""
    lines = text.splitlines()
    found = {}
    for i, line in enumerate(lines):
        m = re.match(r"^( +)(-[^ ].*?)(?: {2,}(\S.*))?$", line)
        if not m:
            continue
        indent, head, desc = len(m.group(1)), m.group(2), m.group(3)
        # the option list: "-f, --format FORMAT", "--at DATE", "--series FROM..TO [--step ...]"
        names = OPTION.findall(re.sub(r"\[.*", "", head))
        names = [n for n in names if head.find(n) == 0 or re.search(r"(^|, )" + re.escape(n), head)]
        below = i + 1 < len(lines) and re.match(r"^ {%d,}\S" % (indent + 2), lines[i + 1])
        # The head holds options and their values only (FILE, K[,K...], auto|none|ENGINE): a
        # word of prose in it is a description run into the option (one space, not two).
        if any(re.search(r"[a-z]", w) and "|" not in w and not OPTION.fullmatch(w.rstrip(","))
               for w in head.split()):
            desc, below = None, False
        for n in names:
            found[n] = found.get(n, False) or bool(desc) or bool(below)
    return found


def man_sections(path):
    """The text of each command's section of the man page (.SS tkg CMD), dashes unescaped."""
    sections, current = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^\.SS\s+"?tkg\s+(\w+)', line)
        if m:
            current = m.group(1)
            sections[current] = ""
        elif line.startswith(".SH"):
            current = None
        elif current:
            sections[current] += re.sub(r"\\f[BIRP]", "", line.replace("\\-", "-"))
    return sections


def main():
    tkg, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    man = "--man" in sys.argv[3:]
    failures = 0
    names = candidates(src)
    sections = man_sections(os.path.join(src, "docs/man/tkg.1")) if man else {}
    total = 0
    for cmd in COMMANDS:
        h = subprocess.run([tkg, cmd, "--help"], capture_output=True, text=True)
        text = h.stdout
        if h.returncode != 0 or not text.startswith(f"Usage: tkg {cmd}"):
            print(f"FAIL tkg {cmd} --help: exit {h.returncode}")
            failures += 1
            continue
        listed = help_options(text)
        if man:
            section = sections.get(cmd)
            if section is None:
                print(f"FAIL docs/man/tkg.1 has no section .SS \"tkg {cmd}\"")
                failures += 1
                continue
            for option in sorted(listed):
                total += 1
                if not re.search(r"(?<![-\w])" + re.escape(option) + r"(?![-\w])", section):
                    print(f"FAIL man tkg {cmd}: {option} (in --help) is not in the man page")
                    failures += 1
            continue
        alias = subprocess.run([tkg, "help", cmd], capture_output=True, text=True)
        if alias.returncode != 0 or alias.stdout != text:
            print(f"FAIL tkg help {cmd} differs from tkg {cmd} --help")
            failures += 1
        takes = [o for o in names if taken(tkg, cmd, o, src)]
        for option in takes:
            total += 1
            if option not in listed:
                print(f"FAIL tkg {cmd}: takes {option}, which no line of its --help starts with")
                failures += 1
            elif not listed[option]:
                print(f"FAIL tkg {cmd}: {option} is listed in --help without a description")
                failures += 1
        for option in sorted(set(listed) - set(takes) - NOT_CHECKED):
            print(f"FAIL tkg {cmd}: --help lists {option}, which the command does not take")
            failures += 1
    print(f"{total} options checked: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
