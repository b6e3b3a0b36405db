#!/usr/bin/env python3
"""`cmake --install` into a temporary prefix, then use what it installed as a user would.

usage: check_install.py CMAKE BUILD_DIR SOURCE_DIR WORK_DIR CC

Checks: the installed files (tkg, tkg-render, libtkg.so and libtkg.a, tkg.h, tkg.pc, every
docs/man/*.1); igraph and Graphviz in no executable together (ldd); tests/install/hello.c
built through `pkg-config --cflags --libs tkg` against the shared library and through
`pkg-config --static` against the static one, both run on graphs/sahel.xml with the counts
the installed `tkg stats` prints; the installed tkg drawing an SVG through the installed
tkg-render (found next to it).
"""
import filecmp
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(cmd, env=None, **kw):
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        print(f"$ {shlex.join(cmd)}\n{r.stdout}{r.stderr}")
    return r


def needed(binary):
    out = run(["readelf", "-d", binary]).stdout
    return [line.split("[")[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    cmake, build, src, work, cc = sys.argv[1:]
    src, work = os.path.abspath(src), os.path.abspath(work)
    shutil.rmtree(work, ignore_errors=True)
    prefix = os.path.join(work, "prefix")
    r = run([cmake, "--install", build, "--prefix", prefix])
    check(r.returncode == 0, "cmake --install --prefix " + prefix)
    if r.returncode != 0:
        sys.exit(1)

    tkg = os.path.join(prefix, "bin", "tkg")
    check(os.access(tkg, os.X_OK), "bin/tkg installed")
    check(os.access(os.path.join(prefix, "bin", "tkg-render"), os.X_OK), "bin/tkg-render installed")
    header = os.path.join(prefix, "include", "tkg.h")
    check(os.path.isfile(header) and filecmp.cmp(header, os.path.join(src, "include", "tkg.h"),
                                                 shallow=False), "include/tkg.h installed as is")
    pcs = glob.glob(os.path.join(prefix, "lib*", "**", "pkgconfig", "tkg.pc"), recursive=True)
    check(len(pcs) == 1, "one tkg.pc installed: " + " ".join(pcs))
    if len(pcs) != 1:
        sys.exit(1)
    pcdir = os.path.dirname(pcs[0])
    libdir = os.path.dirname(pcdir)
    check(os.path.isfile(os.path.join(libdir, "libtkg.a")), "libtkg.a installed")
    check(os.path.islink(os.path.join(libdir, "libtkg.so")) and os.path.isfile(
        os.path.realpath(os.path.join(libdir, "libtkg.so"))), "libtkg.so and its soname link")
    pages = sorted(glob.glob(os.path.join(src, "docs", "man", "*.1")))
    for page in pages:
        dest = os.path.join(prefix, "share", "man", "man1", os.path.basename(page))
        check(os.path.isfile(dest) and filecmp.cmp(page, dest, shallow=False),
              "man page installed: share/man/man1/" + os.path.basename(page))
    installed_pages = glob.glob(os.path.join(prefix, "share", "man", "man1", "*"))
    check(len(installed_pages) == len(pages), f"{len(pages)} man pages, no other")

    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = pcdir + (":" + env["PKG_CONFIG_PATH"]
                                      if env.get("PKG_CONFIG_PATH") else "")
    env.pop("TKG_RENDER", None)
    pc = run(["pkg-config", "--variable=libdir", "tkg"], env=env)
    check(pc.returncode == 0 and os.path.realpath(pc.stdout.strip()) == os.path.realpath(libdir),
          "pkg-config finds the installed libdir: " + pc.stdout.strip())
    cflags = run(["pkg-config", "--cflags", "tkg"], env=env).stdout.split()
    libs = run(["pkg-config", "--libs", "tkg"], env=env).stdout.split()
    static_libs = run(["pkg-config", "--static", "--libs", "tkg"], env=env).stdout.split()
    check("-ltkg" in libs and "-ltkg" in static_libs, "pkg-config --libs names -ltkg")

    hello = os.path.join(src, "tests", "install", "hello.c")
    shared_exe = os.path.join(work, "hello-shared")
    static_exe = os.path.join(work, "hello-static")
    r = run([cc, "-std=c11", "-Wall", "-Werror", *cflags, hello, "-o", shared_exe, *libs,
             "-Wl,-rpath," + libdir])
    check(r.returncode == 0, "hello.c builds with pkg-config --cflags --libs tkg")
    static_tkg = ["-Wl,-Bstatic", "-ltkg", "-Wl,-Bdynamic"]  # libtkg.a, its dependencies shared
    static_libs = [x for lib in static_libs for x in (static_tkg if lib == "-ltkg" else [lib])]
    r = run([cc, "-std=c11", "-Wall", "-Werror", *cflags, hello, "-o", static_exe, *static_libs])
    check(r.returncode == 0,
          "hello.c builds with pkg-config --static against libtkg.a (its internal names are local)")
    if failures:
        sys.exit(1)
    check(any(n.startswith("libtkg.so") for n in needed(shared_exe)),
          "hello-shared needs libtkg.so")
    check(not any(n.startswith("libtkg") for n in needed(static_exe)),
          "hello-static does not need libtkg.so")

    # igraph (GPL) and Graphviz (EPL) never share an executable: tkg and the library load no
    # Graphviz library, tkg-render no igraph (ldd: every library each loads, transitively).
    graphviz = ("libgvc.", "libcgraph.", "libcdt.", "libpathplan.", "libxdot.")
    loaded = {}
    for name, path in (("bin/tkg", tkg),
                       ("bin/tkg-render", os.path.join(prefix, "bin", "tkg-render")),
                       ("libtkg.so", os.path.join(libdir, "libtkg.so")),
                       ("hello-shared", shared_exe)):
        r = run(["ldd", path])
        loaded[name] = [line.split()[0] for line in r.stdout.splitlines() if line.strip()]
        check(r.returncode == 0 and loaded[name], f"ldd {name}")
    for name in ("bin/tkg", "libtkg.so", "hello-shared"):
        bad = [lib for lib in loaded[name] if lib.startswith(graphviz)]
        check(any(lib.startswith("libigraph.") for lib in loaded[name]) and not bad,
              f"{name} loads igraph and no Graphviz library {bad}")
    bad = [lib for lib in loaded["bin/tkg-render"] if lib.startswith("libigraph.")]
    check(any(lib.startswith("libgvc.") for lib in loaded["bin/tkg-render"]) and not bad,
          f"bin/tkg-render loads Graphviz and not igraph {bad}")

    sahel = os.path.join(src, "graphs", "sahel.xml")
    stats = run([tkg, "stats", "--format", "json", sahel], env=env)
    check(stats.returncode == 0, "installed tkg stats runs")
    want = {row["name"]: row["value"] for row in json.loads(stats.stdout or "[]")
            if row["section"] == "total"}
    for exe in (shared_exe, static_exe):
        r = run([exe, sahel], env=env)
        got = dict(line.split() for line in r.stdout.splitlines())
        check(r.returncode == 0 and got == want and len(want) == 4,
              f"{os.path.basename(exe)}: {got} == tkg stats: {want}")

    svg = os.path.join(work, "sahel.svg")
    r = run([tkg, "export", "-f", "svg", "-o", svg, sahel], env=env, cwd=work)
    ok = r.returncode == 0 and os.path.isfile(svg)
    if ok:
        root = ET.parse(svg).getroot()
        ok = root.tag == "{http://www.w3.org/2000/svg}svg" and len(root.findall(".//*")) > 100
    check(ok, "installed tkg draws an SVG through the installed tkg-render")

    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
