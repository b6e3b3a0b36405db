"""What the export checks share to keep their verdict: check() prints `ok` or `FAIL` for one
condition and collects the failures, which the script counts at the end."""
import sys

failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what)
        print(f"FAIL {what}: {detail}", file=sys.stderr)
    else:
        print(f"ok   {what}")
    return cond
