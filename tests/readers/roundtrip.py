#!/usr/bin/python3
"""Round trips through tkg's own exports: each input, exported as GraphML (and as Neo4j CSV)
and read back, must list the same relations and entities as the original, byte for byte:
`tkg query --format tsv` and `tkg query --entities --format tsv` (every column, `sources` and
`support` included: the citations travel in the files), and must carry the same citations
(sources with their metadata, quotes, FILE:LINE locators), compared through tkg's JSON export.
A GraphML without the citations (a foreign file) still cites the file itself.

usage: roundtrip.py TKG SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Labels and ids that must survive: non-ASCII text, guillemets, markup characters, partial
# dates; and from quadruples, ids that are not slug-like (tkg's writer encodes them and keeps
# them in tkg_id), implicit relation kinds and YAGO dates.
EXTRA_XML = """<?xml version="1.0" encoding="UTF-8"?>
<tkg xmlns="urn:tkg:1">
  <entity id="aes" kind="organization" label="« Alliance des États du Sahel »" start="2023-09"/>
  <entity id="kerry" kind="person" label="John Kerry &amp; co &lt;x&gt;"/>
  <entity id="niger" kind="state" label="Niger" wikidata="Q1032"/>
  <relation kind="member_of" from="niger" to="aes" start="2023-09-16"/>
  <relation kind="leads" from="kerry" to="aes" start="2004" end="2005-02"/>
  <relation kind="accused" from="niger" to="kerry" date="2024-07"/>
</tkg>
"""
EXTRA_TSV = ("John Kerry\tExpress intent to meet or negotiate\tChina\t2014-11-04\n"
             "<Neil_Grayson>\t<playsFor>\t<Boston_United_F.C.>\t<occursSince>\t\"1992-##-##\"\n"
             "<Neil_Grayson>\t<playsFor>\t<Boston_United_F.C.>\t<occursUntil>\t\"1994-##-##\"\n"
             "Côte d'Ivoire\tSign formal agreement\tniger\t2024-07\n")


def tkg(binary, *args):
    run = subprocess.run([binary, *args], capture_output=True, timeout=300)
    if run.returncode != 0:
        raise AssertionError(f"tkg {' '.join(args)}: exit {run.returncode}\n"
                             + run.stderr.decode("utf-8", "replace"))
    return run.stdout


def table(binary, inputs, entities):
    args = ["query", "--format", "tsv"] + (["--entities"] if entities else []) + inputs
    rows = tkg(binary, *args).split(b"\n")
    header = rows[0].split(b"\t")
    return [r for r in rows if r]


def provenance(binary, inputs, tmp):
    """The sources table, and each edge's and node's citations, of tkg's JSON export (sorted:
    the CSV files read in another order number the rows differently)."""
    out = os.path.join(tmp, "provenance.json")
    tkg(binary, "export", "-f", "json", "--layout", "none", "-o", out, *inputs)
    with open(out, encoding="utf-8") as f:
        g = json.load(f)
    edges = sorted((e["source"], e["target"], e["attributes"]["kind"],
                    e["attributes"].get("start_date", ""), e["attributes"].get("end_date", ""),
                    e["attributes"].get("citations", "")) for e in g["edges"])
    nodes = sorted((n["key"], n["attributes"].get("citations", "")) for n in g["nodes"])
    return g["attributes"].get("sources"), edges, nodes


def compare(what, original, copy):
    if original == copy:
        return []
    problems = [f"{what}: {len(original)} rows before, {len(copy)} after"]
    for a, b in zip(original, copy):
        if a != b:
            problems.append(f"  before: {a!r}\n  after:  {b!r}")
            break
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, source_dir = sys.argv[1:]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        extra = [os.path.join(tmp, "extra.xml"), os.path.join(tmp, "extra.tsv")]
        for path, text in zip(extra, (EXTRA_XML, EXTRA_TSV)):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        cases = (("sahel", [os.path.join(source_dir, "graphs", "sahel.xml")]), ("extra", extra))
        for name, original in cases:
            graphml = os.path.join(tmp, name + ".graphml")
            csv_dir = os.path.join(tmp, name + "-csv")
            tkg(binary, "export", "-f", "graphml", "--layout", "none", "-o", graphml, *original)
            tkg(binary, "export", "-f", "csv", "-o", csv_dir, *original)
            # the same files named so that the relationships are read before the nodes
            swapped = os.path.join(tmp, name + "-swapped")
            os.mkdir(swapped)
            shutil.copy(os.path.join(csv_dir, "nodes.csv"), os.path.join(swapped, "b-nodes.csv"))
            shutil.copy(os.path.join(csv_dir, "relationships.csv"),
                        os.path.join(swapped, "a-relationships.csv"))
            for copy, how in ((graphml, "graphml"), (csv_dir, "csv"), (swapped, "csv swapped")):
                for entities in (False, True):
                    what = f"{name} via {how}, {'entities' if entities else 'relations'}"
                    before = table(binary, original, entities)
                    after = table(binary, [copy], entities)
                    if how == "csv swapped":
                        # entities are numbered in the order they are first named
                        before = before[:1] + sorted(before[1:])
                        after = after[:1] + sorted(after[1:])
                    if len(before) < 2:
                        failures.append(f"{what}: nothing to compare")
                    failures += compare(what, before, after)
                before = provenance(binary, original, tmp)
                after = provenance(binary, [copy], tmp)
                quotes = sum(c.count('"quote"') for *_, c in before[1])
                if name == "sahel" and quotes < 50:
                    failures.append(f"{name}: only {quotes} quotes to compare")
                if name == "extra" and not any('"locator"' in c for *_, c in before[1]):
                    failures.append(f"{name}: no locator to compare")
                for part, a, b in zip(("sources", "edge citations", "node citations"), before,
                                      after):
                    if a != b:
                        failures += compare(f"{name} via {how}, {part}",
                                            a if isinstance(a, list) else [a],
                                            b if isinstance(b, list) else [b])
            # without its citations, a GraphML is a foreign file: it cites itself, line by line
            foreign = os.path.join(tmp, name + "-foreign.graphml")
            with open(graphml, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r'<key id="[^"]*" for="(node|edge)" attr.name="citations"[^>]*/>\n', "",
                          text)
            text = re.sub(r'<data key="(ecit|n_citations)">[^<]*</data>', "", text)
            with open(foreign, "w", encoding="utf-8") as f:
                f.write(text)
            rows = table(binary, [foreign], False)
            col = rows[0].split(b"\t").index(b"sources")
            cited = {r.split(b"\t")[col] for r in rows[1:]}
            if cited != {foreign.encode()}:
                failures.append(f"{name}: a GraphML without citations cites {sorted(cited)[:3]}, "
                                f"not itself")
        # the labels that must come back byte for byte are there
        text = b"\n".join(table(binary, [os.path.join(tmp, "extra.graphml")], True))
        for label in ("« Alliance des États du Sahel »", "John Kerry & co <x>", "Côte d'Ivoire"):
            if label.encode("utf-8") not in text:
                failures.append(f"label {label!r} missing after the GraphML round trip")
    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
