#!/usr/bin/python3
"""The fast check of schema/tkg.xsd (src/lib/tkg_xsd.c) against libxml2's validator.

tkg reads TKG-XML with a hand-compiled check of the schema and reads the document again under
libxml2's validator whenever that check cannot vouch for something (src/lib/xml.h). Held here:

1. Same results: `tkg validate` (exit status, stdout, stderr) and, for valid inputs, the
   GraphML export are the same with the fast check as with libxml2's validator alone
   (TKG_XSD_VALIDATOR=libxml2), on every TKG-XML test input, the fuzz corpus, and mutants of
   them: attribute values replaced by tricky ones, attributes removed or added (namespaced
   too), elements renamed, moved into other namespaces, nested, duplicated or removed, text
   and CDATA inserted. A fast check more lenient than the schema, or a second reading that
   delivers an event twice or not at all, changes one of these.
2. Soundness, directly: whenever the fast check alone accepts a document
   (TKG_XSD_VALIDATOR=fast, where what it cannot vouch for is an error), `xmllint --schema
   schema/tkg.xsd` accepts it too.
3. The fast path is taken: graphs/*.xml and the valid test inputs pass under
   TKG_XSD_VALIDATOR=fast (but the one with an xsi:schemaLocation, left to libxml2), so that
   valid documents are not read twice.
4. A second reading late in a large document (bench/gen_tkg.py, 20,000 relations, read in
   many chunks) delivers every event once: with a valid URL of an unusual shape at the end
   (an IPv6 host), which the fast check leaves to libxml2, the relations and entities listed
   are the same as with libxml2 alone; with a few semantic errors early and a schema error at the end, the
   messages are the same.

usage: fast_check.py TKG SOURCE_DIR [--mutants N] [--seed S]
"""
import argparse
import concurrent.futures
import glob
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.dom.minidom

TKG_NS = "urn:tkg:1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ELEMENTS = ["tkg", "source", "entity", "relation", "name", "alias", "attr", "cite", "note"]
ATTRIBUTES = ["id", "kind", "label", "from", "to", "start", "end", "date", "wikidata", "lang",
              "key", "type", "source", "title", "publisher", "url", "published", "extra"]
# Values at the edges of the schema's types (Ident, Date, Text, WikidataId, AttrType,
# xs:language, xs:anyURI): valid, invalid, and what only libxml2 can judge.
VALUES = [
    "", " ", "\t", "\n", "x", " x ", "a b", "é", "Mali", "mali_2", "_x", "-x", ".x", "x.y:z-w",
    "a" * 200, "a" * 201, "1", "1999", "1999-1", "1999-01", "1999-01-01", "1999-13-40",
    "1999-01-01x", "19990101", "99-01-01", "٣٤٥٦", "Q", "Q0", "Q1", "Q12", "Q012", "Q1x",
    "Q" + "1" * 19, "Q" + "1" * 20, "q12", "string", "int", "double", "bool", "date", "INT",
    "int ", "fr", "en-GB", "fr-", "-fr", "fr--ca", "abcdefghi", "x-abcdefgh", "x-abcdefghi",
    "fr-1", "1fr", "zh-Hant-TW", " fr", "http://example.org", "https://x.org/a/b?c=d#e",
    "http://x.org:8080/", "http://x.org:/", "http://x.org:123456/", "http://a:b/",
    "http://[::1]/", "http://x/%41", "http://x/%4", "http://x/%zz", "http://x/a b",
    "http://x/a#b#c", "http://x/?a=1&b=2", "mailto:a@b.org", "urn:isbn:123", "//x.org/",
    "/relative", "relative", "http://", "http:///x", "ftp://h.example/é", "a&b", "<", "'\"",
    "&#38;", "x\u00a0", "\u00a0",
]
TEXTS = ["", " ", "\n  ", "x", " x ", "Bamako", "é", "a & b", "\u00a0", "\t\t"]


def run(args, env_value=None, timeout=60):
    env = dict(os.environ)
    env.pop("TKG_XSD_VALIDATOR", None)
    if env_value:
        env["TKG_XSD_VALIDATOR"] = env_value
    p = subprocess.run(args, capture_output=True, env=env, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def compare(tkg, path):
    """Problems with `path`: differences between the fast check and libxml2 alone, and an
    acceptance by the fast check that xmllint does not share."""
    problems = []
    fast = run([tkg, "validate", path])
    full = run([tkg, "validate", path], "libxml2")
    if fast != full:
        problems.append(f"tkg validate differs\n  fast: {fast}\n  libxml2: {full}")
    elif fast[0] == 0:
        export = [tkg, "export", "-f", "graphml", "--layout", "none", path]
        a, b = run(export), run(export, "libxml2")
        if a != b:
            problems.append("GraphML export differs")
    only = run([tkg, "validate", path], "fast")
    if only[0] == 0:
        schema = os.path.join(SOURCE, "schema", "tkg.xsd")
        lint = run(["xmllint", "--noout", "--nonet", "--nocdata", "--schema", schema, path])
        if lint[0] != 0:
            problems.append("the fast check accepted what xmllint rejects:\n  "
                            + lint[2].decode("utf-8", "replace")[:500])
    return problems, only[0] == 0, full[0] == 0


# ---------------------------------------------------------------- mutation

def elements(node):
    out = []
    for c in node.childNodes:
        if c.nodeType == c.ELEMENT_NODE:
            out.append(c)
            out.extend(elements(c))
    return out


def mutate(doc, rng):
    root = doc.documentElement
    els = [root] + elements(root)
    el = rng.choice(els)
    op = rng.randrange(11)
    if op <= 2:  # set an attribute (existing or not) to a tricky value
        names = [el.attributes.item(i).name for i in range(el.attributes.length)]
        name = rng.choice(names) if names and rng.random() < 0.7 else rng.choice(ATTRIBUTES)
        if not name.startswith("xmlns"):
            el.setAttribute(name, rng.choice(VALUES))
    elif op == 3:  # remove an attribute
        names = [el.attributes.item(i).name for i in range(el.attributes.length)
                 if not el.attributes.item(i).name.startswith("xmlns")]
        if names:
            el.removeAttribute(rng.choice(names))
    elif op == 4:  # a namespaced attribute
        choice = rng.randrange(3)
        if choice == 0:
            el.setAttribute("xmlns:xsi", XSI_NS)
            el.setAttributeNS(XSI_NS, "xsi:" + rng.choice(["type", "nil", "schemaLocation"]),
                              rng.choice(["true", "tkg:Text", "urn:tkg:1 tkg.xsd", "x"]))
        elif choice == 1:
            el.setAttribute("xmlns:q", "urn:q")
            el.setAttributeNS("urn:q", "q:" + rng.choice(ATTRIBUTES), "1")
        else:
            el.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "fr")
    elif op == 5 and el is not root:  # rename, maybe into another namespace
        ns = TKG_NS if rng.random() < 0.7 else rng.choice([None, "urn:other"])
        new = doc.createElementNS(ns, rng.choice(ELEMENTS))
        if ns is None:
            new.setAttribute("xmlns", "")
        elif ns != TKG_NS:
            new.setAttribute("xmlns", ns)
        for i in range(el.attributes.length):
            a = el.attributes.item(i)
            if not a.name.startswith("xmlns"):
                new.setAttribute(a.name, a.value)
        while el.firstChild:
            new.appendChild(el.firstChild)
        el.parentNode.replaceChild(new, el)
    elif op == 6 and el is not root:  # move under another element
        targets = [t for t in els if t is not el and el not in ancestors(t)]
        target = rng.choice(targets)
        el.parentNode.removeChild(el)
        target.insertBefore(el, rng.choice(target.childNodes + [None]))
    elif op == 7 and el is not root:  # duplicate
        el.parentNode.insertBefore(el.cloneNode(True), el.nextSibling)
    elif op == 8 and el is not root:  # remove
        el.parentNode.removeChild(el)
    elif op == 9:  # text, or a CDATA section, somewhere
        text = rng.choice(TEXTS)
        node = doc.createCDATASection(text) if rng.random() < 0.2 else doc.createTextNode(text)
        el.insertBefore(node, rng.choice(el.childNodes + [None]))
    else:  # replace the whole text of an element
        while el.firstChild and rng.random() < 0.9:
            el.removeChild(el.firstChild)
        el.appendChild(doc.createTextNode(rng.choice(TEXTS)))


def ancestors(node):
    out = []
    while node is not None:
        out.append(node)
        node = node.parentNode
    return out


def mutants(seeds, count, rng):
    for i in range(count):
        path = rng.choice(seeds)
        doc = xml.dom.minidom.parse(path)
        for _ in range(rng.randint(1, 3)):
            mutate(doc, rng)
        yield i, doc.toxml(encoding="UTF-8")


# ---------------------------------------------------------------- a large document

def large_document(tkg):
    failures = []
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen_tkg.py"), "20000",
                        work, "--seed", "3"], check=True, capture_output=True)
        with open(os.path.join(work, "graph.xml"), encoding="utf-8") as f:
            text = f.read()
        head, tail = text.rsplit("</tkg>", 1)
        late = '<source id="late" url="http://[::1]/late"/>\n'
        valid = os.path.join(work, "late_fallback.xml")
        with open(valid, "w", encoding="utf-8") as f:
            f.write(head + late + "</tkg>" + tail)
        rc, _, err = run([tkg, "validate", valid], "fast")
        if rc == 0:
            failures.append(f"{valid}: the fast check vouched for an IPv6 URL (test is void)")
        for listing in (["query", "--format", "tsv"], ["query", "--entities", "--format", "tsv"]):
            a = run([tkg, *listing, valid])
            b = run([tkg, *listing, valid], "libxml2")
            if a != b or a[0] != 0:
                failures.append(f"{valid}: tkg {' '.join(listing)} differs after a late "
                                f"second reading: {a[0]} {a[2][:300]!r} / {b[0]} {b[2][:300]!r}")
        # Three impossible dates early, then elements the schema rejects.
        broken = re.sub(r'(<relation [^>]*start=")[0-9-]+"', r'\g<1>2023-02-29"', head, count=3)
        invalid = os.path.join(work, "late_error.xml")
        with open(invalid, "w", encoding="utf-8") as f:
            f.write(broken + '<relation kind="leads" from="e1" to="e2" start="2024-13"/>\n'
                    + '<entity id="bad" kind="state"/>\n</tkg>' + tail)
        a = run([tkg, "validate", invalid])
        b = run([tkg, "validate", invalid], "libxml2")
        if a != b or a[2].count(b"error:") < 4:
            failures.append(f"{invalid}: messages differ after a late second reading:\n"
                            f"  fast: {a}\n  libxml2: {b}")
    return failures


# ---------------------------------------------------------------- main

def main():
    global SOURCE
    ap = argparse.ArgumentParser()
    ap.add_argument("tkg")
    ap.add_argument("source")
    ap.add_argument("--mutants", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    SOURCE = args.source
    tkg = args.tkg
    failures = []

    valid = sorted(glob.glob(os.path.join(SOURCE, "graphs", "*.xml")) +
                   glob.glob(os.path.join(SOURCE, "tests", "data", "ok", "*.xml")))
    for path in valid:
        rc, _, err = run([tkg, "validate", path], "fast")
        fallback = os.path.basename(path) == "xsi_schema_location.xml"
        if (rc == 0) == fallback:
            failures.append(f"{path}: TKG_XSD_VALIDATOR=fast gives {rc}: {err[:300]!r}")

    inputs = valid + sorted(glob.glob(os.path.join(SOURCE, "tests", "data", "bad", "*.xml")) +
                            glob.glob(os.path.join(SOURCE, "fuzz", "corpus", "read_xml", "*")))
    seeds = []
    for path in inputs:
        try:
            xml.dom.minidom.parse(path)
            seeds.append(path)
        except Exception:
            pass
    failures += large_document(tkg)

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work, \
            concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        jobs = {pool.submit(compare, tkg, p): p for p in inputs}
        for i, data in mutants(seeds, args.mutants, rng):
            path = os.path.join(work, f"mutant{i:05d}.xml")
            with open(path, "wb") as f:
                f.write(data)
            jobs[pool.submit(compare, tkg, path)] = path
        vouched = valid_count = 0
        for job in concurrent.futures.as_completed(jobs):
            path = jobs[job]
            problems, fast_ok, full_ok = job.result()
            vouched += fast_ok
            valid_count += full_ok
            if problems:
                keep = path
                if path.startswith(work):
                    keep = os.path.join(tempfile.gettempdir(), "fast_check_" +
                                        os.path.basename(path))
                    with open(path, "rb") as src, open(keep, "wb") as dst:
                        dst.write(src.read())
                failures.append(f"{keep}: " + "; ".join(problems))
        count = sum(1 for p in jobs.values() if p.startswith(work))
    print(f"{len(inputs)} inputs and {count} mutants (seed {args.seed}) compared: "
          f"{valid_count} valid, {vouched} of them read with the fast check alone")
    for f in failures[:20]:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
