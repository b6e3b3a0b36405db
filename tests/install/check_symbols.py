#!/usr/bin/env python3
"""The library exports its public API and nothing else (nm over the built libraries).

usage: check_symbols.py TKG_H LIBRARY...

For each LIBRARY (libtkg.so: its dynamic symbol table; libtkg.a: the global symbols of its
members), the defined global symbols must be exactly the functions that TKG_H declares:
any other name (an internal helper such as `components` or `put_double`, a tkg_ helper that
tkg.h does not declare) fails, and so does a declared function that is not exported.
"""
import re
import subprocess
import sys


def declared_functions(header):
    text = open(header, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)  # comments name functions too
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)  # macros
    # `type tkg_name(` at file scope; typedefs of function pointers read `(*tkg_x_fn)(`.
    return set(re.findall(r"\b(tkg_[A-Za-z0-9_]+)\s*\(", text))


def exported(library):
    if library.endswith(".a"):
        cmd = ["nm", "-g", "--defined-only", library]
    else:
        cmd = ["nm", "-D", "--defined-only", library]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        # "ADDRESS TYPE NAME"; member headers ("x.o:") and blank lines have other shapes.
        if len(fields) == 3 and len(fields[1]) == 1:
            names.add(fields[2])
    return names


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    api = declared_functions(sys.argv[1])
    if len(api) < 50:
        sys.exit(f"only {len(api)} functions found in {sys.argv[1]}: the parser is wrong")
    failed = False
    for library in sys.argv[2:]:
        names = exported(library)
        foreign = sorted(n for n in names if not n.startswith("tkg_"))
        undeclared = sorted(n for n in names if n.startswith("tkg_") and n not in api)
        missing = sorted(api - names)
        for what, lst in (("exported without the tkg_ prefix", foreign),
                          ("exported but not declared in tkg.h", undeclared),
                          ("declared in tkg.h but not exported", missing)):
            if lst:
                failed = True
                shown = " ".join(lst[:40]) + (" ..." if len(lst) > 40 else "")
                print(f"{library}: {len(lst)} {what}: {shown}")
        if not (foreign or undeclared or missing):
            print(f"{library}: {len(names)} symbols, all declared in tkg.h")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
