#!/usr/bin/python3
"""tkg against `xmllint --schema`: the published schemas stay the contract of tkg's reader.

schema/tkg.xsd and schema/ontology.xsd are what tkg promises to accept. tkg checks TKG-XML
and ontology files itself and words its own messages; this test holds those checks to
libxml2's XSD validator, run as `xmllint --noout --nonet --schema XSD FILE`, on

- every TKG-XML test input: graphs/*.xml, tests/data/**/*.xml, the fuzz corpus of read_xml,
  and the examples of docs/format.md;
- the ontology files: schema/ontology.xml, the ontology inputs under tests/data and the
  example of docs/format.md;
- generated mutants of them (attribute values replaced by values at the edges of the schema's
  types, attributes removed or added, namespaced too; elements renamed, moved into other
  namespaces, moved, duplicated or removed; text and CDATA inserted).

tkg also checks what XSD cannot (kinds against the ontology, dangling ids, calendar dates...).
Each of tkg's `PATH:LINE:COL: error: MESSAGE` lines is classified: "semantic" when it matches
SEMANTIC (messages of the reader and the store) or ONTOLOGY_SEMANTIC (the ontology loader's
checks after the schema), "policy" when it matches POLICY (what tkg refuses whatever the
schema says: a DOCTYPE, another encoding than UTF-8, compressed input...), otherwise "schema"
(an XSD or well-formedness message, whatever its wording). Asserted for every file:

1. tkg neither crashes nor hangs, and it exits 0 exactly when it prints no message;
2. unless tkg reports a policy message: xmllint rejects the file <=> tkg reports >= 1 schema
   message (a policy message is a rejection that xmllint need not share: tkg must then exit 1);
3. when both reject, tkg's first schema message is on the line xmllint names first when that
   is a schema error, within the same start tag (xmllint names an element by the line where
   its start tag ends, tkg an attribute where it is), or later for text in element-only
   content (xmllint names the element, tkg the text); when xmllint's first error is a parse
   error (it then reports nothing else), on that line or before. How often the lines are the
   same is printed.

xmllint runs with --nocdata (libxml2's validator refuses a CDATA section of white space in
element-only content, which XSD allows), and the mutants hold no empty CDATA section (which
xmllint's validator takes for character content; XSD and tkg see no character there).

`--self-test` checks that this test can fail: it runs the comparison again with a tkg that
hides its schema messages (a wrapper that drops them from stderr and exits 0 when nothing is
left) and with a classification that takes every message for semantic, and requires
failures from both.

usage: xsd_differential.py TKG SOURCE_DIR [--mutants N] [--ontology-mutants N] [--seed S]
                           [--jobs J] [--self-test] [--keep DIR]
"""
import argparse
import concurrent.futures
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom

TKG_NS = "urn:tkg:1"
ONTOLOGY_NS = "urn:tkg:ontology:1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# The messages of tkg's semantic checks, taken from the source: the TKG-XML reader
# (src/lib/read_xml.c), the store it fills (src/lib/store.c, store_relations.c,
# store_finish.c), the typed values and dates they call (src/lib/fields.c, src/lib/date.c).
# Each pattern matches the start of the message after "error: ", up to the first value it
# quotes or a little after: a message is cut at 255 bytes (tkg_error), and a value can be
# 200 characters long. When one of these messages changes, change it here too (a message
# left out counts as a schema message, and this test fails on the first input that is valid
# by the schema and semantically wrong).
SEMANTIC = [
    # read_xml.c
    r"invalid date '",                                     # date.c, through date_attr
    r"'date' cannot be combined with 'start' or 'end'",
    r"end \S+ is before start ",                           # date.c tkg_interval_from_bounds
    r"unknown (entity|relation) kind '",
    r"text of <[^>]+> is longer than 1 MiB",
    r"attribute '.*': an empty value is not a valid ",
    r"empty <[^>]+>$",
    r"a second <name> in language '",
    # fields.c (typed <attr> values)
    r"attribute '.*': '.*' is not a valid ",
    r"attribute '.*': invalid date '",
    # store.c
    r"source '.*': url '",
    r"this file is given twice as input",
    r"duplicate (source|entity) id '",
    r"entity '.*' is a '.*' here but a '",
    # store_relations.c
    r"duplicate relation id '",
    r"relation '.*' states the same fact as relation '",
    r"attribute '.*' is (string|int|double|bool|date) '",
    # store_finish.c
    r"unknown entity '",
    r"unknown source '",
    r"'.*' goes (from|to) kind '",
    r"'.*' needs a date \(start, end or date\)",
]
# The ontology loader's checks after the schema (src/lib/ontology.c, resolve()).
ONTOLOGY_SEMANTIC = [
    r"duplicate (entity|relation) kind '",
    r"entity kind '.*' has no parent: only 'entity' is the root",
    r"unknown parent kind '",
    r"the ontology has no root kind 'entity'",
    r"entity kind '.*' is its own ancestor",
    r"unknown (domain|range) kind '",
]
# What tkg refuses by policy, whatever the schema says (src/lib/xml.c; docs/format.md):
# xmllint may accept these documents (it reads DTDs, other encodings and gzip).
POLICY = [
    r"a DOCTYPE is not allowed",
    r"entity reference '.*' is not allowed",
    r"unsupported encoding ",
    r"not an XML document in UTF-8",
    r"input is larger than the limit",
]

ELEMENTS = ["tkg", "source", "entity", "relation", "name", "alias", "attr", "cite", "note"]
ATTRIBUTES = ["id", "kind", "label", "from", "to", "start", "end", "date", "wikidata", "lang",
              "key", "type", "source", "title", "publisher", "url", "published", "extra"]
ONTOLOGY_ELEMENTS = ["ontology", "entity-kind", "relation-kind", "kind", "note"]
ONTOLOGY_ATTRIBUTES = ["name", "version", "parent", "label", "color", "shape", "domain",
                       "range", "dated", "symmetric", "style", "extra"]
# Values at the edges of the schemas' types (Ident, Date, Text, WikidataId, AttrType,
# xs:language, xs:anyURI; KindName, Color, Shape, LineStyle, xs:boolean).
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
ONTOLOGY_VALUES = [
    "entity", "actor", "state", "place", "person", "organization", "a" * 64, "a" * 65, "a_1",
    "A", "1a", "_a", "a-b", "#9e9e9e", "#9E9E9E", "#9e9e9", "#9e9e9e0", "9e9e9e", "box",
    "Box", "ellipse", "star", "box3d", "circle ", "solid", "dashed", "dotted", "bold", "wavy",
    "true", "false", "1", "0", "yes", " true ", "TRUE",
]
TEXTS = ["", " ", "\n  ", "x", " x ", "Bamako", "é", "a & b", "\u00a0", "\t\t"]

MESSAGE = re.compile(r"^(\d+):(\d+): error: (.*)$")


def compile_list(patterns):
    return [re.compile(p) for p in patterns]


class Flavour:
    """What is compared: TKG-XML with tkg.xsd, or ontologies with ontology.xsd."""

    def __init__(self, name, xsd, semantic, elements, attributes, values, ns, root):
        self.name, self.xsd, self.ns, self.root = name, xsd, ns, root
        self.semantic = compile_list(semantic)
        self.elements, self.attributes, self.values = elements, attributes, values


POLICY_RE = compile_list(POLICY)


def classify(flavour, message, everything_semantic=False):
    if any(p.match(message) for p in POLICY_RE):
        return "policy"
    if everything_semantic or any(p.match(message) for p in flavour.semantic):
        return "semantic"
    return "schema"


# ---------------------------------------------------------------- running the two sides

def tkg_command(tkg, flavour, path, empty_doc):
    if flavour.name == "ontology":
        return [tkg, "validate", "--ontology", path, empty_doc]
    return [tkg, "validate", path]


def run_tkg(cmd, path):
    """tkg's exit status and its messages about `path`: (line, column, text) in order."""
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, [], "timed out after 60 s"
    msgs, other = [], []
    prefix = path + ":"
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        m = MESSAGE.match(line[len(prefix):]) if line.startswith(prefix) else None
        if m:
            msgs.append((int(m.group(1)), int(m.group(2)), m.group(3)))
        else:
            other.append(line)
    return p.returncode, msgs, "\n".join(other)


def run_xmllint(xsd, paths):
    """xmllint's verdicts on `paths`, validated in one run (the schema is compiled once):
    {path: (valid, first line named in an error or None, kind of that error, its message)},
    where the kind is "validity" (a schema error) or "parser" (not well-formed). --nocdata reads
    CDATA sections as text: libxml2's validator refuses a CDATA section of white space in
    element-only content, which XSD allows (its content is characters like any other)."""
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--nocdata", "--schema", xsd] + paths,
                       capture_output=True, timeout=600)
    lines = p.stderr.decode("utf-8", "replace").splitlines()
    out = {}
    for path in paths:
        prefix = path + ":"
        mine = [line for line in lines if line.startswith(prefix) or line == path + " validates"]
        first = kind = None
        message = ""
        for line in mine:
            m = re.match(r"(\d+): (.*)$", line[len(prefix):])
            if m and (" error : " in m.group(2) or "validity error" in m.group(2)):
                first = int(m.group(1))
                kind = "validity" if "Schemas validity error" in m.group(2) else "parser"
                message = line
                break
        out[path] = (path + " validates" in mine, first, kind, message)
    return out


def tag_spans(path):
    """(first line, last line) of every start tag of `path` written over several lines."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    spans = []
    for m in re.finditer(r"<[^!?/][^<>]*>", text):
        if "\n" in m.group(0):
            first = text.count("\n", 0, m.start()) + 1
            spans.append((first, first + m.group(0).count("\n")))
    return spans


def compare(path, tkg_side, lint, flavour, everything_semantic=False):
    """Compares tkg's and xmllint's results on one file: (problems, facts), facts being what
    was seen (for the counts printed at the end)."""
    rc, msgs, other = tkg_side
    valid, xline, xkind, xtext = lint
    facts = {"xmllint_valid": valid, "tkg_rc": rc}
    if rc is None or rc < 0 or rc not in (0, 1):
        return [f"tkg exited with {rc}: {other[:500]}"], facts
    problems = []
    classes = [classify(flavour, m[2], everything_semantic) for m in msgs]
    if (rc == 0) != (not msgs):
        problems.append(f"tkg exits {rc} with {len(msgs)} message(s): {msgs[:3]} {other[:300]}")
    if "policy" in classes:
        facts["policy"] = True
        if rc != 1:
            problems.append(f"tkg reports a policy refusal but exits {rc}")
        return problems, facts
    schema = [m for m, c in zip(msgs, classes) if c == "schema"]
    if msgs and not schema:
        facts["semantic_only"] = True
    if valid and schema:
        problems.append(f"xmllint accepts, tkg reports schema message(s): {schema[:3]}")
    if not valid and not schema:
        if "too many errors" in other:
            # tkg stopped at its cap of 20 messages, all semantic, before it met the first
            # schema problem: nothing to compare (counted and printed).
            facts["capped"] = True
        else:
            problems.append("xmllint rejects, tkg reports no schema message "
                            f"(tkg exit {rc}, messages {msgs[:3]}):\n    "
                            + xtext)
    if not valid and schema:
        facts["both_reject"] = xkind
        facts["same_line"] = xline == schema[0][0]
        # What holds of the lines (measured on the whole test set, today with libxml2's
        # validator behind tkg). For a schema error: the same line, except that libxml2
        # numbers an element by the line where its start tag ends, and tkg names the
        # attribute, which can be on an earlier line of the same tag; and that libxml2
        # reports text in element-only content on the line of the element, and tkg where the
        # text is, later. For a parse error, which xmllint reports alone, where its parse
        # stopped: a line no later (tkg reports the schema errors met before it as it reads,
        # and an unclosed element where it opens).
        line = schema[0][0]
        if xkind == "validity" and "Character content " in xtext:
            ok = line >= xline
        elif xkind == "validity":
            ok = line == xline or any(first <= line and last == xline
                                      for first, last in tag_spans(path))
        else:
            ok = xline is not None and line <= xline
        if not ok:
            facts["line_diff"] = (xkind, xline, schema[0], xtext)
    return problems, facts


# ---------------------------------------------------------------- mutation

def elements(node):
    out = []
    for c in node.childNodes:
        if c.nodeType == c.ELEMENT_NODE:
            out.append(c)
            out.extend(elements(c))
    return out


def ancestors(node):
    out = []
    while node is not None:
        out.append(node)
        node = node.parentNode
    return out


def mutate(flavour, doc, rng):
    root = doc.documentElement
    els = [root] + elements(root)
    el = rng.choice(els)
    op = rng.randrange(11)
    if op <= 2:  # set an attribute (existing or not) to a tricky value
        names = [el.attributes.item(i).name for i in range(el.attributes.length)]
        name = rng.choice(names) if names and rng.random() < 0.7 else rng.choice(flavour.attributes)
        if not name.startswith("xmlns"):
            el.setAttribute(name, rng.choice(flavour.values + VALUES if rng.random() < 0.5
                                             else flavour.values))
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
                              rng.choice(["true", "tkg:Text", flavour.ns + " x.xsd", "x"]))
        elif choice == 1:
            el.setAttribute("xmlns:q", "urn:q")
            el.setAttributeNS("urn:q", "q:" + rng.choice(flavour.attributes), "1")
        else:
            el.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "fr")
    elif op == 5 and el is not root:  # rename, maybe into another namespace
        ns = flavour.ns if rng.random() < 0.7 else rng.choice([None, "urn:other"])
        new = doc.createElementNS(ns, rng.choice(flavour.elements))
        if ns is None:
            new.setAttribute("xmlns", "")
        elif ns != flavour.ns:
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
        # No empty CDATA section: xmllint's validator takes one for character content, where
        # XSD sees no character at all (tkg follows XSD there).
        text = rng.choice(TEXTS)
        node = (doc.createCDATASection(text) if text and rng.random() < 0.2
                else doc.createTextNode(text))
        el.insertBefore(node, rng.choice(el.childNodes + [None]))
    else:  # replace the whole text of an element
        while el.firstChild and rng.random() < 0.9:
            el.removeChild(el.firstChild)
        el.appendChild(doc.createTextNode(rng.choice(TEXTS)))


def mutants(flavour, seeds, count, rng):
    parsed = {}
    for i in range(count):
        path = rng.choice(seeds)
        if path not in parsed:
            with open(path, "rb") as f:
                parsed[path] = f.read()
        doc = xml.dom.minidom.parseString(parsed[path])
        for _ in range(rng.randint(1, 3)):
            mutate(flavour, doc, rng)
        yield i, doc.toxml(encoding="UTF-8")


def root_namespace(path):
    try:
        return xml.dom.minidom.parse(path).documentElement.namespaceURI
    except Exception:
        return None


# ---------------------------------------------------------------- main

def inputs_of(source, work):
    """TKG-XML inputs and ontology inputs found in the tree (fuzz corpus copied as .xml)."""
    tkg_files, ontologies = [], [os.path.join(source, "schema", "ontology.xml")]
    found = sorted(glob.glob(os.path.join(source, "graphs", "*.xml")) +
                   glob.glob(os.path.join(source, "tests", "data", "**", "*.xml"), recursive=True))
    for path in found:
        if os.sep + "graphml" + os.sep in path:
            continue
        with open(path, "rb") as f:
            head = f.read(4096)
        (ontologies if b"urn:tkg:ontology" in head else tkg_files).append(path)
    # The examples of docs/format.md, each ```xml block with a root element of ours.
    with open(os.path.join(source, "docs", "format.md"), encoding="utf-8") as f:
        blocks = re.findall(r"^```xml\n(.*?)^```", f.read(), re.S | re.M)
    for i, block in enumerate(blocks):
        kind = ("ontology" if 'xmlns="urn:tkg:ontology:1"' in block
                else "tkg" if 'xmlns="urn:tkg:1"' in block else None)
        if kind:
            path = os.path.join(work, f"format_md_{i}.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(block)
            (ontologies if kind == "ontology" else tkg_files).append(path)
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    for path in sorted(glob.glob(os.path.join(source, "fuzz", "corpus", "read_xml", "*"))):
        copy = os.path.join(corpus, os.path.basename(path) + ".xml")
        shutil.copyfile(path, copy)
        tkg_files.append(copy)
    return tkg_files, ontologies


BATCH = 40  # files per xmllint run


def run_all(tkg, plan, counts, seed, jobs, work, empty_doc, inputs_too=True):
    """Writes the mutants, runs both sides on every file (the inputs too, or only the
    mutants), compares: (failures, stats per flavour, results). `plan` is a list of (flavour,
    input files); results are (flavour, path, tkg's side, xmllint's side)."""
    failures, stats, results = [], {}, []
    rng = random.Random(seed)
    files = []  # (flavour, path)
    for flavour, inputs in plan:
        seeds = [p for p in inputs if root_namespace(p) == flavour.ns]
        stats[flavour.name] = {"inputs": len(inputs), "seeds": len(seeds), "mutants": 0,
                               "valid": 0, "rejected": 0, "policy": 0, "semantic_only": 0,
                               "capped": 0, "validity": 0, "parser": 0, "same_line_validity": 0,
                               "same_line_parser": 0, "line_diffs": []}
        files += [(flavour, p) for p in inputs if inputs_too]
        mdir = os.path.join(work, "mutants-" + flavour.name)
        os.makedirs(mdir, exist_ok=True)
        for i, data in mutants(flavour, seeds, counts[flavour.name], rng):
            path = os.path.join(mdir, f"m{i:05d}.xml")
            with open(path, "wb") as f:
                f.write(data)
            stats[flavour.name]["mutants"] += 1
            files.append((flavour, path))
    tkg_runs, lint_runs = {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for flavour, _ in plan:
            mine = [p for f, p in files if f is flavour]
            for i in range(0, len(mine), BATCH):
                lint_runs[pool.submit(run_xmllint, flavour.xsd, mine[i:i + BATCH])] = flavour
        for flavour, path in files:
            tkg_runs[(flavour.name, path)] = pool.submit(
                run_tkg, tkg_command(tkg, flavour, path, empty_doc), path)
        lint = {}
        for fut in lint_runs:
            lint.update(fut.result())
        for flavour, path in files:
            results.append((flavour, path, tkg_runs[(flavour.name, path)].result(), lint[path]))
            problems, facts = compare(path, results[-1][2], lint[path], flavour)
            st = stats[flavour.name]
            st["valid" if facts.get("xmllint_valid") else "rejected"] += 1
            for k in ("policy", "semantic_only", "capped"):
                st[k] += bool(facts.get(k))
            kind = facts.get("both_reject")
            if kind:
                st[kind] += 1
                st["same_line_" + kind] += facts["same_line"]
                if "line_diff" in facts:
                    st["line_diffs"].append((path, facts["line_diff"]))
            if problems:
                failures.append((flavour.name, path, problems))
    return failures, stats, results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tkg")
    ap.add_argument("source")
    ap.add_argument("--mutants", type=int, default=2500, help="TKG-XML mutants")
    ap.add_argument("--ontology-mutants", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--self-test", action="store_true",
                    help="also check that a broken tkg or a broken classification is caught")
    ap.add_argument("--keep", help="copy the files that fail into this directory")
    args = ap.parse_args()
    source = os.path.abspath(args.source)
    tkg = os.path.abspath(args.tkg)
    if shutil.which("xmllint") is None:
        print("xmllint not found (Debian package libxml2-utils)")
        return 1
    flavours = {
        "tkg": Flavour("tkg", os.path.join(source, "schema", "tkg.xsd"), SEMANTIC, ELEMENTS,
                       ATTRIBUTES, VALUES, TKG_NS, "tkg"),
        "ontology": Flavour("ontology", os.path.join(source, "schema", "ontology.xsd"),
                            ONTOLOGY_SEMANTIC, ONTOLOGY_ELEMENTS, ONTOLOGY_ATTRIBUTES,
                            ONTOLOGY_VALUES, ONTOLOGY_NS, "ontology"),
    }
    counts = {"tkg": args.mutants, "ontology": args.ontology_mutants}
    status = 0
    with tempfile.TemporaryDirectory() as work:
        empty_doc = os.path.join(work, "one_source.xml")
        with open(empty_doc, "w") as f:
            f.write('<tkg xmlns="urn:tkg:1"><source id="s"/></tkg>\n')
        tkg_files, ontologies = inputs_of(source, work)
        plan = [(flavours["tkg"], tkg_files), (flavours["ontology"], ontologies)]
        failures, stats, results = run_all(tkg, plan, counts, args.seed, args.jobs, work,
                                           empty_doc)
        for name, st in stats.items():
            print(f"{name}: {st['inputs']} inputs ({st['seeds']} mutation seeds) and "
                  f"{st['mutants']} mutants (seed {args.seed}): xmllint accepts {st['valid']}, "
                  f"rejects {st['rejected']}; tkg refuses {st['policy']} by policy; "
                  f"{st['semantic_only']} with semantic messages only, {st['capped']} of them "
                  "stopped at the error cap before a schema message")
            print(f"  both reject, xmllint's first error a schema error: {st['validity']}, "
                  f"tkg's first schema message on that line in {st['same_line_validity']}")
            print(f"  both reject, xmllint's first error a parse error: {st['parser']}, "
                  f"tkg's first schema message on that line in {st['same_line_parser']}")
            diffs = st["line_diffs"]
            for path, (kind, xline, msg, xtext) in diffs[:10]:
                print(f"  lines: {path}: xmllint ({kind} error) line {xline}, tkg {msg}; {xtext}")
            if diffs:
                failures.append((name, "(lines)", [f"{len(diffs)} first lines disagree"]))
            if not (st["valid"] and st["validity"]):
                failures.append((name, "(all)", ["no file valid, or no schema error: void test"]))
        for name, path, problems in failures[:25]:
            print(f"FAIL {name} {path}:\n  " + "\n  ".join(problems))
            if args.keep and os.path.isfile(path):
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(path, os.path.join(args.keep, name + "_" + os.path.basename(path)))
        if failures:
            print(f"{len(failures)} failure(s)")
            status = 1

        if args.self_test:
            status |= self_test(tkg, plan, results, args, work, empty_doc)
    return status


def self_test(tkg, plan, results, args, work, empty_doc):
    """The comparison must fail with a classification that takes every message for semantic
    (on the results above), and with a tkg that drops its schema messages (a wrapper around
    tkg, run on new mutants), in both flavours."""
    status = 0
    caught = {flavour.name for flavour, path, tkg_side, lint in results
              if compare(path, tkg_side, lint, flavour, everything_semantic=True)[0]}
    status |= report_self_test("every message classified semantic", caught)
    wrapper = os.path.join(work, "tkg_without_schema_messages")
    keep = SEMANTIC + ONTOLOGY_SEMANTIC + POLICY
    with open(wrapper, "w") as f:
        f.write(f"""#!{sys.executable}
import re, subprocess, sys
KEEP = [re.compile(p) for p in {keep!r}]
p = subprocess.run([{tkg!r}] + sys.argv[1:], capture_output=True)
lines = p.stderr.decode("utf-8", "replace").splitlines()
kept = [l for l in lines if ": error: " not in l or
        any(k.match(l.split(": error: ", 1)[1]) for k in KEEP)]
sys.stderr.write("".join(l + "\\n" for l in kept))
sys.exit(p.returncode if any(": error: " in l for l in kept) else 0)
""")
    os.chmod(wrapper, 0o755)
    counts = {"tkg": min(args.mutants, 100), "ontology": min(args.ontology_mutants, 30)}
    sub = os.path.join(work, "self-test")
    os.makedirs(sub)
    failures, _, _ = run_all(wrapper, plan, counts, args.seed + 1, args.jobs, sub, empty_doc,
                             inputs_too=False)
    status |= report_self_test("a tkg that hides its schema messages",
                               {name for name, _, _ in failures})
    return status


def report_self_test(what, caught):
    print(f"self-test, {what}: caught in {', '.join(sorted(caught)) or 'no flavour'}")
    if caught != {"tkg", "ontology"}:
        print(f"FAIL self-test: {what} was not caught in every flavour")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
