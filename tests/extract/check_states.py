#!/usr/bin/env python3
"""data/states.tsv is what scripts/gen_states.py writes from the installed iso-codes.

    check_states.py SOURCE_DIR

Exit 77 (skipped) when iso-codes is not installed (scripts/setup.sh installs it)."""
import difflib
import os
import subprocess
import sys

src = sys.argv[1]
if not (os.path.exists("/usr/share/iso-codes/json/iso_3166-1.json")
        and os.path.exists("/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo")):
    print("skipped: iso-codes is not installed")
    sys.exit(77)
fresh = subprocess.run([sys.executable, os.path.join(src, "scripts/gen_states.py")],
                       check=True, capture_output=True, text=True).stdout
with open(os.path.join(src, "data/states.tsv"), encoding="utf-8") as f:
    committed = f.read()
if fresh != committed:
    sys.stdout.writelines(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                               "data/states.tsv", "scripts/gen_states.py"))
    print("data/states.tsv differs from a fresh generation: run scripts/gen_states.py "
          "data/states.tsv")
    sys.exit(1)
print(f"data/states.tsv: {committed.count(chr(10))} lines, as generated")
