#!/usr/bin/python3
"""Outputs that must not lose or mix data (issue 10, items 1, 2, 3 and 5).

- An output that is an input (the file, a symbolic or hard link to it, a file of an input
  directory; a report or CSV directory that is, lies in or holds an input directory) is refused
  with exit 2 and the input is untouched; `tkg report -o out graphs/` still works.
- The CSV pair changes together: on a full disk (RLIMIT_FSIZE, so writes fail with EFBIG) the
  old pair stays; two concurrent exports into one directory leave one whole pair.
- A symbolic link planted in a report directory is replaced, never followed.
- Output names of 241 to 255 bytes work (their temporaries fit in NAME_MAX).
- A dangling symbolic link given as -o is replaced by the file, not followed.
- Temporaries left by a killed run are removed by the next run on the same target, except
  those a live process holds locked.
- kill -9 at random moments of `export -f csv` and `report`: the directory is always the old
  version or the new one, never a mixture, and the next run leaves no temporary behind.

Usage: check_outputs.py TKG SOURCE_DIR WORK_DIR [ITERATIONS]
"""

import fcntl
import os
import random
import resource
import signal
import shutil
import subprocess
import sys
import time

from verdict import check, failures  # noqa: E402  (tests/export/verdict.py)


def run(cmd, preexec=None, cwd=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, preexec_fn=preexec, cwd=cwd, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def contents(d):
    """name -> bytes of the regular files and link targets of d (temporaries included)."""
    out = {}
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        if os.path.islink(p):
            out[name] = ("link", os.readlink(p))
        elif os.path.isfile(p):
            with open(p, "rb") as f:
                out[name] = f.read()
        else:
            out[name] = "dir"
    return out


def leftovers(parent, base):
    return [n for n in os.listdir(parent) if n.startswith("." + base[:240] + ".tkg-")]


def old_input(work):
    """A small dated graph, different from sahel.xml: the 'old' version of every output."""
    path = os.path.join(work, "old.tsv")
    with open(path, "w") as f:
        f.write("alpha\tmeets\tbeta\t2020-01-01\n"
                "beta\tmeets\tgamma\t2020-02-01\n"
                "gamma\tmeets\talpha\t2020-03-01\n")
    return path


# ------------------------------------------------------------ output over input

def output_over_input(tkg, sahel, work):
    d = os.path.join(work, "overinput")
    os.makedirs(d)
    src = os.path.join(d, "in.xml")
    shutil.copy(sahel, src)
    with open(src, "rb") as f:
        original = f.read()
    os.symlink("in.xml", os.path.join(d, "link.xml"))
    os.link(src, os.path.join(d, "hard.xml"))
    g = os.path.join(d, "g")
    os.makedirs(g)
    shutil.copy(sahel, os.path.join(g, "a.xml"))
    with open(os.path.join(g, "a.xml"), "rb") as f:
        original_g = f.read()
    os.link(src, os.path.join(d, "nodes.csv"))  # a hard link where csv would write
    cases = [
        ("export over the input", ["export", "-f", "svg", "-o", "in.xml", "in.xml"]),
        ("export over a symbolic link to the input",
         ["export", "-f", "svg", "-o", "link.xml", "in.xml"]),
        ("export over the input through a symbolic link",
         ["export", "-f", "svg", "-o", "in.xml", "link.xml"]),
        ("export over a hard link to the input",
         ["export", "-f", "graphml", "-o", "hard.xml", "in.xml"]),
        ("export over a file of the input directory",
         ["export", "-f", "graphml", "-o", "g/a.xml", "g/"]),
        ("diff diagram over the input",
         ["diff", "--from", "2020-01-01", "--to", "2024-01-01", "-f", "svg", "-o", "in.xml",
          "in.xml"]),
        ("report into its input directory", ["report", "-o", "g", "g/"]),
        ("report into a directory in its input directory", ["report", "-o", "g/sub", "g"]),
        ("report into a directory that holds its input", ["report", "-o", ".", "g"]),
        ("csv into its input directory", ["export", "-f", "csv", "-o", "g", "g"]),
        ("csv whose nodes.csv is the input (hard link)",
         ["export", "-f", "csv", "-o", ".", "in.xml"]),
    ]
    for what, args in cases:
        before = contents(d)
        rc, _, err = run([tkg] + args, cwd=d)
        check(rc == 2, f"{what}: exit 2", f"exit {rc}: {err}")
        check("give another output" in err, f"{what}: says why", err)
        check(contents(d) == before and not os.path.exists(os.path.join(g, "sub")),
              f"{what}: nothing written")
    with open(src, "rb") as f:
        check(f.read() == original, "the input is untouched")
    with open(os.path.join(g, "a.xml"), "rb") as f:
        check(f.read() == original_g, "the input directory's file is untouched")
    # The main job keeps working: a report of a directory into another directory.
    rc, _, err = run([tkg, "report", "-o", "output", "g/"], cwd=d)
    check(rc == 0 and os.path.isfile(os.path.join(d, "output", "index.html")),
          "report -o output g/ works", err)
    rc, _, err = run([tkg, "export", "-f", "csv", "-o", "csv", "g/"], cwd=d)
    check(rc == 0 and os.path.isfile(os.path.join(d, "csv", "nodes.csv")),
          "export -f csv -o csv g/ works", err)


# ------------------------------------------------------------ the CSV pair

def fsize_limit(n):
    def set_limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
    return set_limit


def csv_pair(tkg, sahel, old, work):
    d = os.path.join(work, "pair")
    new_ref, old_ref = os.path.join(work, "pair-new"), os.path.join(work, "pair-old")
    for ref, src in ((new_ref, sahel), (old_ref, old)):
        rc, _, err = run([tkg, "export", "-f", "csv", "-o", ref, src])
        check(rc == 0, f"reference csv export of {os.path.basename(src)}", err)
    new, oldc = contents(new_ref), contents(old_ref)
    limit = len(new["nodes.csv"]) + 1  # nodes.csv fits, relationships.csv does not
    check(len(new["relationships.csv"]) > limit, "the full-disk case writes nodes.csv first")
    rc, _, err = run([tkg, "export", "-f", "csv", "-o", d, old])
    rc, _, err = run([tkg, "export", "-f", "csv", "-o", d, sahel], preexec=fsize_limit(limit))
    check(rc == 3, "csv on a full disk: exit 3", f"exit {rc}: {err}")
    check(contents(d) == oldc, "csv on a full disk: the old pair is untouched",
          sorted(contents(d)))
    check(not leftovers(work, "pair"), "csv on a full disk: no staging directory left",
          leftovers(work, "pair"))

    mixed = failed = 0
    for i in range(50):
        a = subprocess.Popen([tkg, "export", "-f", "csv", "-o", d, old],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        b = subprocess.Popen([tkg, "export", "-f", "csv", "-o", d, sahel],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ea, eb = a.communicate()[1], b.communicate()[1]
        failed += (a.returncode != 0) + (b.returncode != 0)
        got = contents(d)
        mixed += got not in (oldc, new)
        if failed or mixed:
            print(ea.decode(), eb.decode(), sorted(got), file=sys.stderr)
            break
    check(failed == 0, "two concurrent csv exports: both succeed", f"{failed} failed")
    check(mixed == 0, "two concurrent csv exports, 50 runs: always one whole pair",
          f"{mixed} mixed")
    check(not leftovers(work, "pair"), "concurrent csv exports: nothing left beside the directory")


# ------------------------------------------------------------ report directory

def report_link(tkg, sahel, work):
    d = os.path.join(work, "planted")
    os.makedirs(d)
    victim = os.path.join(work, "victim.txt")
    with open(victim, "w") as f:
        f.write("precious\n")
    os.symlink(victim, os.path.join(d, "graph.json"))
    with open(os.path.join(d, "README.md"), "w") as f:
        f.write("kept\n")
    rc, out, err = run([tkg, "report", "-o", d, sahel])
    check(rc == 0, "report over a planted link: exit 0", err)
    with open(victim) as f:
        check(f.read() == "precious\n", "report: the planted link's target is untouched")
    gj = os.path.join(d, "graph.json")
    check(not os.path.islink(gj) and os.path.isfile(gj), "report: graph.json is a file now")
    with open(os.path.join(d, "README.md")) as f:
        check(f.read() == "kept\n", "report: a file tkg does not write is kept")
    check(f"{d}/index.html" in out.splitlines(), "report prints the final paths", out)
    os.makedirs(os.path.join(d, "sub"))
    rc, _, err = run([tkg, "report", "-o", d, sahel])
    check(rc == 2 and "'sub', which is not a regular file" in err,
          "report into a directory with a sub-directory: refused", f"exit {rc}: {err}")


# ------------------------------------------------------------ names and links

def long_names(tkg, sahel, work):
    d = os.path.join(work, "long")
    os.makedirs(d)
    bad = []
    for n in range(241, 256):
        name = "n" * (n - 5) + ".json"
        rc, _, err = run([tkg, "export", "-o", os.path.join(d, name), "--layout", "none", sahel])
        if rc != 0 or not os.path.isfile(os.path.join(d, name)):
            bad.append((n, rc, err.strip()[:200]))
    check(not bad, "output names of 241 to 255 bytes", bad[:3])
    check(len(os.listdir(d)) == 15, "long names: no temporary left", os.listdir(d))
    cd = "c" * 250  # a csv directory whose stage's name must be shortened too
    rc, _, err = run([tkg, "export", "-f", "csv", "-o", os.path.join(d, cd), sahel])
    check(rc == 0 and os.path.isfile(os.path.join(d, cd, "nodes.csv")),
          "a csv directory named with 250 bytes", err)


def dangling_link(tkg, sahel, work):
    d = os.path.join(work, "dangling")
    os.makedirs(d)
    link = os.path.join(d, "out.json")
    target = os.path.join(d, "elsewhere", "target.json")
    os.symlink(target, link)
    rc, _, err = run([tkg, "export", "-o", link, "--layout", "none", sahel])
    check(rc == 0, "dangling link as -o: exit 0", err)
    check(os.path.isfile(link) and not os.path.islink(link),
          "dangling link as -o: the link is replaced by the file")
    check(not os.path.exists(target), "dangling link as -o: its target is not created")


def stale_temporaries(tkg, sahel, work):
    d = os.path.join(work, "stale")
    os.makedirs(d)
    dead_file = os.path.join(d, ".out.json.tkg-0badf00d")
    live_file = os.path.join(d, ".out.json.tkg-1badf00d")
    dead_stage = os.path.join(d, ".csv.tkg-AbC123")
    live_stage = os.path.join(d, ".csv.tkg-XyZ789")
    other = os.path.join(d, ".other.json.tkg-2badf00d")
    for p in (dead_file, live_file, other):
        with open(p, "w") as f:
            f.write("half")
    for p in (dead_stage, live_stage):
        os.makedirs(p)
        with open(os.path.join(p, "nodes.csv"), "w") as f:
            f.write("half")
    os.makedirs(os.path.join(d, "csv"))
    held = [os.open(live_file, os.O_RDONLY), os.open(live_stage, os.O_RDONLY)]
    for fd in held:
        fcntl.flock(fd, fcntl.LOCK_EX)
    rc1, _, e1 = run([tkg, "export", "-o", os.path.join(d, "out.json"), "--layout", "none",
                      sahel])
    rc2, _, e2 = run([tkg, "export", "-f", "csv", "-o", os.path.join(d, "csv"), sahel])
    check(rc1 == 0 and rc2 == 0, "runs beside stale temporaries", e1 + e2)
    check(not os.path.exists(dead_file), "a killed run's temporary file is removed")
    check(not os.path.exists(dead_stage), "a killed run's staging directory is removed")
    check(os.path.exists(live_file) and os.path.exists(live_stage),
          "temporaries held locked by a live process are kept")
    check(os.path.exists(other), "another target's temporary is kept")
    for fd in held:
        os.close(fd)


# ------------------------------------------------------------ kill -9

def kill_loop(tkg, what, args_old, args_new, target, keep, iterations, work):
    """Runs `args_new` and `args_old` alternately into `target`, killed at random moments."""
    refs = []
    for i, args in enumerate((args_old, args_new)):
        ref = os.path.join(work, f"ref-{what}-{i}")
        os.makedirs(ref)
        shutil.copy(keep, ref)
        rc, _, err = run([tkg] + args(ref))
        check(rc == 0, f"kill -9 {what}: reference run {i}", err)
        refs.append(contents(ref))
    check(refs[0] != refs[1], f"kill -9 {what}: the two versions differ")
    os.makedirs(target)
    shutil.copy(keep, target)
    rc, _, err = run([tkg] + args_old(target))
    start = time.monotonic()
    run([tkg] + args_new(target))
    span = time.monotonic() - start  # to spread the kills over a whole run
    rng = random.Random(10)
    mixed, states = [], set()
    for i in range(iterations):
        args = (args_old, args_new)[i % 2]
        p = subprocess.Popen([tkg] + args(target), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span * 1.1))
        p.kill()
        p.wait()
        got = contents(target)
        if got not in refs:
            mixed.append(i)
        states.add(refs.index(got) if got in refs else -1)
    check(not mixed, f"kill -9 {what}, {iterations} times: always the old or the new version",
          f"mixed after iterations {mixed[:10]}")
    rc, _, err = run([tkg] + args_new(target))
    parent, base = os.path.split(target)
    check(rc == 0 and contents(target) == refs[1], f"kill -9 {what}: the next run completes",
          err)
    check(not leftovers(parent, base), f"kill -9 {what}: the next run leaves no temporary",
          leftovers(parent, base))
    print(f"     (kill -9 {what}: states seen {sorted(states)})")


def main():
    tkg, src, work = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    iterations = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    sahel = os.path.join(src, "graphs", "sahel.xml")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    old = old_input(work)
    parts = sys.argv[5].split(",") if len(sys.argv) > 5 else \
        ["input", "pair", "report", "names", "kill"]
    if "input" in parts:
        output_over_input(tkg, sahel, work)
    if "pair" in parts:
        csv_pair(tkg, sahel, old, work)
    if "report" in parts:
        report_link(tkg, sahel, work)
    if "names" in parts:
        long_names(tkg, sahel, work)
        dangling_link(tkg, sahel, work)
        stale_temporaries(tkg, sahel, work)
    if "kill" in parts:
        keep = os.path.join(work, "README.md")
        with open(keep, "w") as f:
            f.write("a file tkg does not write\n")
        kill_loop(tkg, "csv", lambda t: ["export", "-f", "csv", "-o", t, old],
                  lambda t: ["export", "-f", "csv", "-o", t, sahel],
                  os.path.join(work, "killcsv"), keep, iterations, work)
        kill_loop(tkg, "report", lambda t: ["report", "-o", t, old],
                  lambda t: ["report", "-o", t, sahel],
                  os.path.join(work, "killreport"), keep, iterations, work)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
