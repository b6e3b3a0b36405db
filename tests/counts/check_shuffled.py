#!/usr/bin/env python3
"""Since/until pairing does not depend on the order of the lines.

For each input — quadruple files given on the command line, and a synthetic file made here
with several since and until lines per triple in every accepted form — writes the lines
sorted and shuffled (several seeds) under the same file name in separate directories, runs
`tkg query --format tsv` on each, and requires the same relations: the output lines, sorted,
must be identical (kind, endpoints, dates as written, support = number of citations).
Usage: check_shuffled.py TKG WORKDIR [FILE...]
"""
import os
import random
import subprocess
import sys

SEEDS = (1, 2, 3, 4, 5)
NAME = "quads.txt"  # the same name everywhere: the sources column names the file


def synthetic(seed):
    """Lines of about 300 triples with 0-4 sinces and 0-4 untils each, in the Wikidata and
    YAGO forms, at year, month and day precision, with repeats, among undated and point
    facts."""
    rng = random.Random(seed)
    words = {"since": ["occurSince", "occursSince", "<occursSince>", "<occurSince>"],
             "until": ["occurUntil", "occursUntil", "<occursUntil>", "<occurUntil>"]}

    def date():
        y = rng.randint(1990, 2010)
        form = rng.randrange(6)
        if form == 0:
            return str(y)
        if form == 1:
            return f'"{y}-##-##"'
        if form == 2:
            return f'"{y}"'
        m = rng.randint(1, 12)
        if form == 3:
            return f"{y}-{m:02d}"
        if form == 4:
            return f'"{y}-{m:02d}-##"'
        return f"{y}-{m:02d}-{rng.randint(1, 28):02d}"

    lines = []
    for t in range(300):
        s, r, o = f"Q{t % 40 + 1}", f"P{t % 7 + 1}", f"Q{1000 + t % 53}"
        for side in ("since", "until"):
            for _ in range(rng.choice((0, 1, 1, 2, 3, 4))):
                d = date()
                lines.append(f"{s}\t{r}\t{o}\t{rng.choice(words[side])}\t{d}")
                if rng.random() < 0.1:
                    lines.append(lines[-1])  # the same line twice
        if rng.random() < 0.2:
            lines.append(f"{s}\t{r}\t{o}")
        if rng.random() < 0.2:
            lines.append(f"{s}\t{r}\t{o}\t2001-02-03")
    return lines


def query(tkg, directory):
    run = subprocess.run([tkg, "query", "--format", "tsv", NAME], cwd=directory,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: tkg query in {directory}: exit {run.returncode}\n{run.stderr[:2000]}")
    header, *rows = run.stdout.splitlines()
    return sorted(rows)


def write(directory, lines):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, NAME), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def check(tkg, work, label, lines):
    """0 when every shuffle gives the relations of the sorted lines, else 1."""
    base = os.path.join(work, label)
    write(os.path.join(base, "sorted"), sorted(lines))
    want = query(tkg, os.path.join(base, "sorted"))
    failed = 0
    for seed in SEEDS:
        shuffled = list(lines)
        random.Random(seed).shuffle(shuffled)
        directory = os.path.join(base, f"shuffled-{seed}")
        write(directory, shuffled)
        got = query(tkg, directory)
        if got != want:
            only_sorted = sorted(set(want) - set(got))
            only_shuffled = sorted(set(got) - set(want))
            print(f"FAIL {label} seed {seed}: {len(want)} relations sorted, {len(got)} shuffled")
            for row in only_sorted[:3]:
                print(f"  sorted only:   {row}")
            for row in only_shuffled[:3]:
                print(f"  shuffled only: {row}")
            failed = 1
    if not failed:
        print(f"{label}: {len(lines)} lines, {len(want)} relations, the same for "
              f"{len(SEEDS)} shuffles")
    return failed


def main():
    tkg, work, files = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
    failed = 0
    for seed in (7, 8):
        failed |= check(tkg, work, f"synthetic-{seed}", synthetic(seed))
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f if line.strip()]
        failed |= check(tkg, work, os.path.splitext(os.path.basename(path))[0], lines)
    return failed


if __name__ == "__main__":
    sys.exit(main())
