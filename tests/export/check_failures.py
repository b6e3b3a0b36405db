#!/usr/bin/python3
"""Failure paths of tkg export, tkg report and tkg-render: each must give one clear error, a
non-zero exit status and no partial file, and leave an existing file untouched.

Covered: an unwritable directory, a full disk (/dev/full, as a file and as standard output),
a renderer that crashes, hangs, fails or is missing (through $TKG_RENDER, which tkg honours),
invalid DOT and unknown options given to tkg-render itself, usage errors, and what a
successful write must keep (permissions, symbolic links, no temporary file left).

Usage: check_failures.py TKG TKG_RENDER SOURCE_DIR WORK_DIR
"""

import os
import pty
import re
import signal
import shutil
import stat
import subprocess
import sys
import time

from verdict import check, failures  # noqa: E402  (tests/export/verdict.py)


def run(cmd, env=None, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120):
    e = dict(os.environ, **(env or {}))
    p = subprocess.run(cmd, env=e, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin,
                       timeout=timeout)
    return p.returncode, (p.stdout or b""), p.stderr.decode("utf-8", "replace")


ERROR_LINE = re.compile(r"^(\S.*?): error: [a-z0-9'<(].*[^.]$")


def one_clean_error(stderr, what, pattern):
    lines = [l for l in stderr.splitlines() if l.strip()]
    check(lines and all(ERROR_LINE.match(l) or l.startswith("tkg: warning:") for l in lines),
          f"{what}: errors read 'PATH: error: message'", repr(stderr))
    check(re.search(pattern, stderr), f"{what}: says why", f"{pattern!r} not in {stderr!r}")


def listing(d):
    return sorted(os.listdir(d))


def fake(work, name, body):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, 0o755)
    return path


def main():
    tkg, render, src, work = sys.argv[1:5]
    sahel = os.path.join(src, "graphs", "sahel.xml")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # ---- an unwritable directory: as root every directory is writable, but /proc is not.
    if os.geteuid() == 0:
        target_dir = "/proc"
    else:
        target_dir = os.path.join(work, "readonly")
        os.makedirs(target_dir)
        os.chmod(target_dir, 0o555)
    for fmt in ("graphml", "svg", "html"):
        out = os.path.join(target_dir, f"tkg-export-test.{fmt}")
        rc, _, err = run([tkg, "export", "-o", out, sahel])
        check(rc == 3, f"unwritable directory ({fmt}): exit 3", f"exit {rc}")
        one_clean_error(err, f"unwritable directory ({fmt})", re.escape(out) + r": error: cannot ")
        check(not os.path.exists(out), f"unwritable directory ({fmt}): no file")
    rc, _, err = run([tkg, "report", "-o", os.path.join(target_dir, "tkg-report"), sahel])
    check(rc == 3, "report into an unwritable directory: exit 3", f"exit {rc} {err}")

    # ---- a full disk
    for fmt in ("graphml", "svg", "json", "html"):
        with open("/dev/full", "wb") as full:
            rc, _, err = run([tkg, "export", "-f", fmt, "-o", "-", sahel], stdout=full)
        check(rc == 3, f"-o - > /dev/full ({fmt}): exit 3", f"exit {rc}")
        one_clean_error(err, f"-o - > /dev/full ({fmt})", r"no space left on device")
    with open("/dev/full", "wb") as full:
        rc, _, err = run([tkg, "export", "-f", "gexf", sahel], stdout=full)
    check(rc == 3, "stdout > /dev/full: exit 3", f"exit {rc}")
    rc, _, err = run([tkg, "export", "-f", "dot", "-o", "/dev/full", sahel])
    check(rc == 3, "-o /dev/full: exit 3", f"exit {rc}")
    one_clean_error(err, "-o /dev/full", r"/dev/full: error: cannot write: no space left")

    # ---- the renderer crashes, hangs, fails, is missing: nothing written, the old file kept
    d = os.path.join(work, "keep")
    os.makedirs(d)
    old = os.path.join(d, "graph.svg")
    with open(old, "w") as f:
        f.write("OLD")
    pidfile = os.path.join(work, "hang.pid")
    fakes = {
        "crash": (fake(work, "crash.sh", 'head -c 100 >/dev/null; printf "<svg partial"; '
                       "kill -SEGV $$"), [], r"renderer \(Graphviz\) crashed with signal 11"),
        "hang": (fake(work, "hang.sh", f'echo $$ > "{pidfile}"; exec sleep 600'),
                 ["--timeout", "1"], r"did not finish within 1 s"),
        "fail": (fake(work, "fail.sh", 'cat >/dev/null; printf "<svg partial"; '
                      'echo "tkg-render: error: out of paper" >&2; exit 1'),
                 [], r"tkg: error: graphviz: out of paper"),
        "missing": (os.path.join(work, "no-such-renderer"), [], r"cannot run the renderer"),
        "empty-exit": (fake(work, "exit3.sh", "exit 3"), [], r"renderer failed"),
    }
    for name, (path, extra, pattern) in fakes.items():
        # A graph file asks the renderer for positions only when an engine is named.
        for fmt, out, layout in (("svg", old, []),
                                 ("graphml", os.path.join(d, "graph.graphml"), ["--layout", "neato"]),
                                 ("html", os.path.join(d, "graph.html"), ["--layout", "neato"])):
            t0 = time.monotonic()
            rc, _, err = run([tkg, "export", *extra, *layout, "-o", out, sahel],
                             env={"TKG_RENDER": path})
            check(rc == 3, f"renderer {name} ({fmt}): exit 3", f"exit {rc}: {err}")
            one_clean_error(err, f"renderer {name} ({fmt})", pattern)
            check(open(old).read() == "OLD", f"renderer {name} ({fmt}): the old file is untouched")
            check(listing(d) == ["graph.svg"], f"renderer {name} ({fmt}): no other file",
                  str(listing(d)))
            if name == "hang":
                check(time.monotonic() - t0 < 60, "renderer hang: stopped by the time limit")
                pid = int(open(pidfile).read())
                check(not os.path.exists(f"/proc/{pid}") or
                      open(f"/proc/{pid}/stat").read().split()[2] == "Z",
                      "renderer hang: the child was killed")

    # ---- an input error: the page is not written, the old one kept
    page = os.path.join(d, "page.html")
    with open(page, "w") as f:
        f.write("OLD")
    bad = os.path.join(src, "tests", "data", "bad", "attribute_without_value.xml")
    rc, _, err = run([tkg, "export", "-o", page, bad])
    check(rc == 1, "html of a bad input: exit 1", f"exit {rc}: {err}")
    one_clean_error(err, "html of a bad input", re.escape(bad) + r":3:47: error: ")
    check(open(page).read() == "OLD", "html of a bad input: the old page is untouched")
    os.remove(page)

    # ---- the timeout's message suggests sfdp only to a layout that is not sfdp already
    rc, _, err = run([tkg, "export", "--timeout", "1", "--layout", "sfdp", "-o", old, sahel],
                     env={"TKG_RENDER": fakes["hang"][0]})
    check(rc == 3 and "the sfdp layout (Graphviz) did not finish within 1 s" in err,
          "renderer hang with sfdp: names sfdp", err)
    check("try --layout sfdp" not in err, "renderer hang with sfdp: does not suggest sfdp", err)
    rc, _, err = run([tkg, "export", "--timeout", "1", "--layout", "dot", "-o", old, sahel],
                     env={"TKG_RENDER": fakes["hang"][0]})
    check(rc == 3 and "the dot layout (Graphviz) did not finish" in err and
          "try --layout sfdp" in err and "warning" not in err,
          "renderer hang with --layout dot: no fallback, names dot, suggests sfdp", err)
    rc, _, err = run([tkg, "export", "--layout", "neato", "-o", old, sahel],
                     env={"TKG_RENDER": fakes["crash"][0]})
    check(rc == 3 and "with neato; nothing written (try --layout sfdp)" in err and
          "warning" not in err, "renderer crash with --layout neato: suggests sfdp", err)

    # ---- the engine tkg chose falls back to sfdp with straight edges, within the time limit
    args_file = os.path.join(work, "args")
    picky = fake(work, "picky.sh", f'echo "$@" >> "{args_file}"\n'
                 'case "$*" in *"-K sfdp"*--straight*) exec "' + render + '" "$@";; esac\n'
                 'cat >/dev/null; ' + '{}')
    for name, body, said in (("crash", "kill -ABRT $$", "crashed with signal 6 (Aborted)"),
                             ("hang", "exec sleep 600", "did not finish within 0.7 s")):
        stand_in = picky.replace(".sh", f"-{name}.sh")
        shutil.copy(picky, stand_in)
        text = open(picky).read().replace("{}", body)
        open(stand_in, "w").write(text)
        if os.path.exists(args_file):
            os.remove(args_file)
        rc, out, err = run([tkg, "export", "-f", "svg", "--timeout", "1", "-o", "-", sahel],
                           env={"TKG_RENDER": stand_in})
        calls = open(args_file).read().splitlines() if os.path.exists(args_file) else []
        check(rc == 0 and out.startswith(b"<?xml") and
              f"tkg: warning: the dot layout (Graphviz) {said}; trying sfdp with straight "
              "edges" in err and len(calls) == 2 and "-K" not in calls[0].split(),
              f"renderer {name} with the engine tkg chose: falls back to sfdp", f"{rc} {err} {calls}")
    rc, _, err = run([tkg, "export", "--timeout", "1", "-o", old, sahel],
                     env={"TKG_RENDER": fakes["hang"][0]})
    check(rc == 3 and "warning: the dot layout (Graphviz) did not finish within 0.7 s" in err and
          "error: the sfdp layout (Graphviz) did not finish within 1 s" in err and
          "try --layout sfdp" not in err and open(old).read() == "OLD",
          "renderer hang, fallback hangs too: one warning, one error, the old file kept", err)

    # ---- graph files never wait on the renderer: positions come from igraph
    for name, (path, extra, _) in fakes.items():
        g = os.path.join(work, f"never-{name}.graphml")
        rc, _, err = run([tkg, "export", *extra, "-o", g, sahel], env={"TKG_RENDER": path})
        check(rc == 0 and not err and 'attr.name="x"' in open(g).read(),
              f"renderer {name}: a GraphML file still has positions", f"exit {rc}: {err}")

    # ---- a signal while the output is being written (here: during the layout) removes the
    # temporary file, leaves the old file, and ends tkg by that signal
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if os.path.exists(pidfile):
            os.remove(pidfile)
        env = dict(os.environ, TKG_RENDER=fakes["hang"][0])
        p = subprocess.Popen([tkg, "export", "--timeout", "0", "-o", old, sahel], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not os.path.exists(pidfile) and time.monotonic() < deadline:
            time.sleep(0.05)
        temps = [n for n in listing(d) if n.startswith(".graph.svg.tkg-")]
        check(len(temps) == 1, f"{sig.name} during a layout: a temporary file while writing",
              str(listing(d)))
        p.send_signal(sig)
        rc = p.wait(timeout=30)
        pid = int(open(pidfile).read()) if os.path.exists(pidfile) else None
        if pid:  # the stand-in renderer got no signal (not a terminal's process group)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        check(rc == -sig, f"{sig.name} during a layout: tkg ends by the signal", f"exit {rc}")
        check(listing(d) == ["graph.svg"], f"{sig.name} during a layout: no temporary file left",
              str(listing(d)))
        check(open(old).read() == "OLD", f"{sig.name} during a layout: the old file is untouched")

    # ---- the renderer dies with tkg: SIGTERM and SIGINT (tkg's handler kills it) and SIGKILL
    # (PR_SET_PDEATHSIG); no temporary file is left but after SIGKILL, which cannot be caught
    # (docs/export.md: the next write's temporary has another name; the leftover is inert)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
        if os.path.exists(pidfile):
            os.remove(pidfile)
        env = dict(os.environ, TKG_RENDER=fakes["hang"][0])
        # its own session: no terminal's process-group signal reaches the renderer
        p = subprocess.Popen([tkg, "export", "--timeout", "0", "-o", old, sahel], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        deadline = time.monotonic() + 30
        while not os.path.exists(pidfile) and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = int(open(pidfile).read()) if os.path.exists(pidfile) else None
        check(pid is not None, f"{sig.name} of tkg: the renderer started")
        p.send_signal(sig)
        rc = p.wait(timeout=30)
        check(rc == -sig, f"{sig.name} of tkg: tkg ends by the signal", f"exit {rc}")

        def alive(pid):
            try:
                return open(f"/proc/{pid}/stat").read().split()[2] != "Z"
            except OSError:
                return False
        deadline = time.monotonic() + 30  # generous: the kill is immediate
        while pid and alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        gone = pid is not None and not alive(pid)
        if pid and not gone:
            os.kill(pid, signal.SIGKILL)
        check(gone, f"{sig.name} of tkg: the renderer dies with it")
        left = [n for n in listing(d) if n != "graph.svg"]
        if sig == signal.SIGKILL:
            for n in left:
                os.remove(os.path.join(d, n))
            check(all(n.startswith(".graph.svg.tkg-") for n in left),
                  "SIGKILL of tkg: at most its own temporary file is left", str(left))
        else:
            check(not left, f"{sig.name} of tkg: no temporary file left", str(left))
        check(open(old).read() == "OLD", f"{sig.name} of tkg: the old file is untouched")

    # ---- bad input: the old file is untouched
    bad = os.path.join(work, "bad.xml")
    with open(bad, "w") as f:
        f.write('<tkg xmlns="urn:tkg:1"><entity id="a" kind="stat" label="A"/></tkg>\n')
    rc, _, err = run([tkg, "export", "-o", old, bad])
    check(rc == 1, "invalid input: exit 1", f"exit {rc}")
    check(re.search(re.escape(bad) + r":1:\d+: error: ", err), "invalid input: PATH:LINE:COL",
          err)
    check(open(old).read() == "OLD" and listing(d) == ["graph.svg"],
          "invalid input: the old file is untouched")

    # ---- a successful write keeps permissions and links, and leaves no temporary file
    os.chmod(old, 0o640)
    rc, _, err = run([tkg, "export", "-o", old, sahel])
    check(rc == 0 and open(old).read().startswith("<?xml"), "export replaces the file", err)
    check(stat.S_IMODE(os.stat(old).st_mode) == 0o640, "export keeps the file's permissions")
    check(listing(d) == ["graph.svg"], "export leaves no temporary file", str(listing(d)))
    link = os.path.join(d, "link.graphml")
    real = os.path.join(d, "real.graphml")
    open(real, "w").write("OLD")
    os.symlink("real.graphml", link)
    rc, _, err = run([tkg, "export", "-o", link, sahel])
    check(rc == 0 and os.path.islink(link) and open(real).read().startswith("<?xml"),
          "export through a symbolic link replaces the file it names", err)

    # ---- usage errors
    usage = [
        (["-f", "bmp"], r"unknown format 'bmp'"),
        (["-o", os.path.join(work, "x.xyz")], r"cannot tell the format"),
        (["-f", "csv"], r"give -o DIRECTORY"),
        (["-f", "csv", "-o", os.path.join(work, "x.csv")], r"give -o DIRECTORY"),
        (["-f", "svg", "--layout", "magic"], r"unknown layout 'magic'"),
        (["-f", "svg", "--layout", "none"], r"a diagram needs a layout"),
        (["-f", "graphml", "--all"], r"--all is for diagrams"),
        (["-f", "svg", "--timeout", "soon"], r"--timeout needs a whole number"),
        (["-f", "svg", "--at", "2023-02-29"], r"error"),
        (["-f", "html", "--layout", "none"], r"html takes none of --layout none"),
        (["-f", "html", "--all"], r"html takes none of"),
        (["-f", "html", "--centrality", "pagerank"], r"html carries the centrality series"),
        (["-o", os.path.join(work, "x.html"), "--size-by", "degree"], r"no --centrality or --size-by"),
    ]
    for args, pattern in usage:
        rc, out, err = run([tkg, "export", *args, sahel])
        check(rc == 2 and re.search(pattern, err) and not out, f"usage: {' '.join(args)}: exit 2",
              f"exit {rc}: {err}")
    rc, out, err = run([tkg, "export", "-f", "svg", "--around", "atlantis", sahel])
    check(rc == 4 and "unknown entity 'atlantis'" in err, "unknown --around id: exit 4",
          f"exit {rc}: {err}")
    # An image is not written to a terminal.
    master, slave = pty.openpty()
    rc, _, err = run([tkg, "export", "-f", "png", sahel], stdout=slave)
    os.close(master)
    os.close(slave)
    check(rc == 2 and "terminal" in err, "png to a terminal: exit 2", f"exit {rc}: {err}")

    # ---- tkg-render itself
    rc, out, err = run([render, "-Tsvg"], stdin=open(os.path.join(src, "graphs", "sahel.xml")))
    check(rc == 1 and not out, "tkg-render: not DOT: exit 1, no output", f"exit {rc}")
    check(err.startswith("tkg-render: error: ") and "\n" == err[-1] and
          all(l.startswith("tkg-render: error: ") for l in err.splitlines()),
          "tkg-render: Graphviz's messages captured as 'tkg-render: error: ...'", repr(err))
    dot = os.path.join(work, "g.dot")
    open(dot, "w").write('digraph { "a" -> "b" }\n')
    rc, out, err = run([render, "-Tsvg", "-Kbogus"], stdin=open(dot))
    check(rc == 1 and not out and "tkg-render: error:" in err, "tkg-render: unknown engine",
          f"exit {rc}: {err}")
    rc, out, err = run([render, "-Tgif"], stdin=open(dot))
    check(rc == 2 and "unknown format 'gif'" in err, "tkg-render: unknown format: exit 2", err)
    rc, out, err = run([render, "-Tpos"], stdin=open(dot))
    lines = out.decode().splitlines()
    check(rc == 0 and [l.split()[0] for l in lines] == ["a", "b"] and
          all(re.match(r"^\S+ -?\d+\.\d\d -?\d+\.\d\d$", l) for l in lines),
          "tkg-render -Tpos: one 'NAME X Y' line per node, in order", repr(out))
    with open("/dev/full", "wb") as full:
        rc, _, err = run([render, "-Tsvg"], stdin=open(dot), stdout=full)
    check(rc == 3 and "no space left" in err.lower(), "tkg-render > /dev/full: exit 3", err)

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
