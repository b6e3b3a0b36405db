#!/usr/bin/env python3
"""tkg extract end to end (docs/extract.md, "The command", "The draft").

Drafts of the seed article (tests/extract/minusma-2024-11-15.fr.txt) with --graph
graphs/sahel.xml and without, of an HTML page (tests/cli/extract/article.fr.html: its script,
style, navigation and footer must leave nothing in the draft), of an English text (the
language guessed), in TSV, and with an ontology and a lexicon of their own
(tests/cli/extract/). Each XML draft is parsed and checked: its source; every entity and
relation cites a verbatim substring of the article's text (each entity its first sentence);
entities in the order of their first mention and relations in the order of their first
sentence; the draft attributes; ids of the known graph kept, proposed states marked; and
`tkg validate` accepts it alone and with the --graph inputs. The TSV lists the same relations
as the XML. The same relation drafted from two sentences is one relation citing both, with the
higher confidence. Then every error of the command: its exact message, its exit status, and
an existing -o file left as it was, with no temporary file beside it.

Usage: extract.py TKG SOURCE_DIR [CASE]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{urn:tkg:1}"
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL", what)
    return cond


def run(tkg, src, *args):
    p = subprocess.run([tkg, *args], cwd=src, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def validate(tkg, src, label, *inputs):
    rc, out, err = run(tkg, src, "validate", *inputs)
    check(rc == 0 and out.startswith(b"valid: "), f"{label}: tkg validate {' '.join(inputs)}: "
          f"exit {rc}\n{err}")


def draft_of(xml_bytes):
    root = ET.fromstring(xml_bytes)
    return root


def attrs(el):
    return {a.get("key"): (a.get("type"), a.text or "") for a in el.findall(NS + "attr")}


def check_draft(label, xml_bytes, text, source_id, lang, published, known=None, held=frozenset()):
    """Checks one XML draft against the article's `text`. `known`: {id: (kind, label)} of
    the --graph inputs; `held`: their relations (relation_keys). Returns the parsed root."""
    try:
        root = ET.fromstring(xml_bytes)
    except ET.ParseError as e:
        check(False, f"{label}: the draft is not XML: {e}")
        return None
    check(root.tag == NS + "tkg", f"{label}: root {root.tag}")
    sources = root.findall(NS + "source")
    check(len(sources) == 1 and sources[0].get("id") == source_id and
          sources[0].get("lang") == lang and sources[0].get("published") == published,
          f"{label}: source {[s.attrib for s in sources]}")
    # Every sentence cited, and where it stands in the text.
    def position(cite, owner):
        t = cite.text or ""
        check(cite.get("source") == source_id, f"{label}: {owner} cites source {cite.get('source')}")
        at = text.find(t)
        check(t != "" and at >= 0, f"{label}: {owner} cites {t!r}, not in the article's text")
        # A whole sentence: white space or the text's ends on either side.
        check(at >= 0 and (at == 0 or text[at - 1].isspace()) and
              (at + len(t) == len(text) or text[at + len(t)].isspace()),
              f"{label}: {owner} cites {t!r}, which is not a whole sentence")
        return at
    entities = root.findall(NS + "entity")
    ids = [e.get("id") for e in entities]
    check(len(ids) == len(set(ids)), f"{label}: an entity twice: {ids}")
    last = -1
    for e in entities:
        eid = e.get("id")
        cites = e.findall(NS + "cite")
        if not check(len(cites) == 1, f"{label}: entity {eid} has {len(cites)} citations"):
            continue
        at = position(cites[0], f"entity {eid}")
        check(at >= last, f"{label}: entity {eid} is out of the order of first mentions")
        last = max(last, at)
        a = attrs(e)
        if known is not None and eid in known:
            check((e.get("kind"), e.get("label")) == known[eid] and "draft_proposed" not in a,
                  f"{label}: known entity {eid} written as {e.attrib} {a}")
        else:
            check(a.get("draft_proposed") == ("bool", "true") and e.get("kind") == "state",
                  f"{label}: entity {eid} is not known and not proposed: {e.attrib} {a}")
    relations = root.findall(NS + "relation")
    last = -1
    seen = set()
    for r in relations:
        name = f"relation {r.get('kind')} {r.get('from')} -> {r.get('to')}"
        check(r.get("from") in ids and r.get("to") in ids, f"{label}: {name}: an endpoint is not "
              "an entity of the draft")
        a = attrs(r)
        key = (r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"), r.get("end"))
        if key in held:
            # docs/extract.md, "The draft": a relation the graph holds comes with its
            # citation only, so that it merges with the graph's whatever attributes it has.
            check(not any(k.startswith("draft_") for k in a), f"{label}: {name}: known, with {a}")
            cites = r.findall(NS + "cite")
            check(len(cites) >= 1, f"{label}: {name}: no citation")
            at = [position(c, name) for c in cites]
            check(at[0] >= last, f"{label}: {name}: out of the order of first sentences")
            last = max(last, at[0])
            check(key not in seen, f"{label}: {name}: the same relation twice")
            seen.add(key)
            continue
        check(a.get("draft_confidence", ("", ""))[0] == "double" and
              0 < float(a["draft_confidence"][1]) <= 1, f"{label}: {name}: draft_confidence {a}")
        check(a.get("draft_trigger", ("", ""))[1] != "" and a.get("draft_rule", ("", ""))[1] != "",
              f"{label}: {name}: draft_trigger, draft_rule {a}")
        cites = r.findall(NS + "cite")
        check(len(cites) >= 1, f"{label}: {name}: no citation")
        at = [position(c, name) for c in cites]
        check(at == sorted(at) and len(set(c.text for c in cites)) == len(cites),
              f"{label}: {name}: citations not in text order or repeated")
        check(at[0] >= last, f"{label}: {name}: out of the order of first sentences")
        last = max(last, at[0])
        key = (r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"), r.get("end"))
        check(key not in seen, f"{label}: {name}: the same relation twice")
        seen.add(key)
    return root


def known_entities(path):
    root = ET.parse(path).getroot()
    return {e.get("id"): (e.get("kind"), e.get("label")) for e in root.findall(NS + "entity")}


def relation_keys(*paths):
    """The relations of TKG-XML files, as (kind, from, to, date, start, end)."""
    keys = set()
    for path in paths:
        for r in ET.parse(path).getroot().findall(NS + "relation"):
            keys.add((r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"),
                      r.get("end")))
    return keys


def article_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def extract(tkg, src, label, *args):
    rc, out, err = run(tkg, src, "extract", *args)
    check(rc == 0, f"{label}: tkg extract {' '.join(args)}: exit {rc}\n{err}")
    return out, err


def write_draft(work, name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


# ------------------------------------------------------------------ the cases


def case_seed(tkg, src, work):
    article = "tests/extract/minusma-2024-11-15.fr.txt"
    text = article_text(os.path.join(src, article))
    sahel = "graphs/sahel.xml"
    known = known_entities(os.path.join(src, sahel))
    base = ["--source-id", "rfi-2024-11-15", "--published", "2024-11-15"]
    out, err = extract(tkg, src, "seed", *base, "--graph", sahel, article)
    check(err == f"{article}: note: read as French, guessed from its common words (78 French, "
          "0 English); --lang sets the language\n", f"seed: the language note: {err!r}")
    held = relation_keys(os.path.join(src, sahel))
    root = check_draft("seed", out, text, "rfi-2024-11-15", "fr", "2024-11-15", known, held)
    if root is not None:
        ids = [e.get("id") for e in root.findall(NS + "entity")]
        # docs/extract.md, "Actors": every mention of the seed article is of the graph.
        check(all(i in known for i in ids) and {"mali", "minusma", "ecowas", "aes"} <= set(ids),
              f"seed: entities {ids}")
        rels = root.findall(NS + "relation")
        check(len(rels) > 0, "seed: no relation drafted")
        keys = [(r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"),
                 r.get("end")) for r in rels]
        check(any(k in held for k in keys) and any(k not in held for k in keys),
              f"seed: known and new relations both expected: {keys}")
    draft = write_draft(work, "seed.xml", out)
    validate(tkg, src, "seed", draft)
    validate(tkg, src, "seed", sahel, draft)
    validate(tkg, src, "seed", "--strict-dates", sahel, draft)

    # Without the graph: the states are proposed, with their names; the draft still merges.
    out2, err2 = extract(tkg, src, "seed-alone", *base, "--lang", "fr", "--title", "Au Mali & <ailleurs>",
                         "--publisher", "RFI", "--url", "https://www.rfi.fr/fr/afrique/x?a=1&b=2",
                         article)
    check(err2 == "", f"seed-alone: stderr {err2!r}")
    root = check_draft("seed-alone", out2, text, "rfi-2024-11-15", "fr", "2024-11-15", {})
    if root is not None:
        s = root.find(NS + "source")
        check(s.get("title") == "Au Mali & <ailleurs>" and s.get("publisher") == "RFI" and
              s.get("url") == "https://www.rfi.fr/fr/afrique/x?a=1&b=2", f"seed-alone: {s.attrib}")
        mali = [e for e in root.findall(NS + "entity") if e.get("id") == "mali"]
        check(len(mali) == 1 and mali[0].get("label") == "Mali" and
              {n.get("lang"): n.text for n in mali[0].findall(NS + "name")} ==
              {"fr": "Mali", "en": "Mali"}, "seed-alone: the proposed entity mali")
    draft2 = write_draft(work, "seed-alone.xml", out2)
    validate(tkg, src, "seed-alone", draft2)
    validate(tkg, src, "seed-alone", sahel, draft2)

    # The TSV lists the relations of the XML draft, in its order.
    tsv, _ = extract(tkg, src, "seed-tsv", *base, "--graph", sahel, "--format", "tsv", article)
    lines = tsv.decode("utf-8").split("\n")
    check(lines[-1] == "", "seed-tsv: no final line break")
    header = lines[0].split("\t")
    check(header == ["confidence", "kind", "from", "to", "date", "start", "end", "trigger", "rule",
                     "sentence", "from_label", "to_label", "from_proposed", "to_proposed",
                     "support", "sentence_start", "sentence_end", "known"],
          f"seed-tsv: header {header}")
    rows = [line.split("\t") for line in lines[1:-1]]
    xml_rel = ET.fromstring(out).findall(NS + "relation")
    check(len(rows) == len(xml_rel), f"seed-tsv: {len(rows)} lines for {len(xml_rel)} relations")
    raw = open(os.path.join(src, article), "rb").read()
    for row, r in zip(rows, xml_rel):
        if not check(len(row) == len(header), f"seed-tsv: {len(row)} fields: {row}"):
            continue
        f = dict(zip(header, row))
        a = attrs(r)
        key = (r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"), r.get("end"))
        check((f["kind"], f["from"], f["to"], f["date"] or None, f["start"] or None,
               f["end"] or None, int(f["support"]), f["known"]) ==
              key + (len(r.findall(NS + "cite")), "true" if key in held else "false"),
              f"seed-tsv: line {row} against {r.attrib}")
        check(key in held or (f["confidence"], f["trigger"], f["rule"]) ==
              (a["draft_confidence"][1], a["draft_trigger"][1], a["draft_rule"][1]),
              f"seed-tsv: line {row} against the attributes {a}")
        sentence = raw[int(f["sentence_start"]):int(f["sentence_end"])].decode("utf-8")
        check(f["sentence"] == sentence.replace("\n", " ").replace("\t", " ") and
              sentence == r.find(NS + "cite").text, f"seed-tsv: sentence {f['sentence']!r}")
        check(f["from_proposed"] == "false" and f["to_proposed"] == "false" and
              f["from_label"] == known[f["from"]][1], f"seed-tsv: labels {row}")


def case_html(tkg, src, work):
    article = "tests/cli/extract/article.fr.html"
    # The page's text (docs/extract.md, "The article's text"): one block a line, without the
    # head, the scripts, the navigation and the footer.
    text = ("Le Mali quitte la Cédéao\n"
            "Le Mali a annoncé le 28 janvier 2024 son retrait de la Cédéao, a indiqué le "
            "gouvernement & ses alliés.\n"
            "Le Burkina Faso s’est retiré de la Cédéao le même jour.\n")
    sahel = "graphs/sahel.xml"
    known = known_entities(os.path.join(src, sahel))
    out, err = extract(tkg, src, "html", "--source-id", "page", "--published", "2024-02-01",
                       "--graph", sahel, article)
    root = check_draft("html", out, text, "page", "fr", "2024-02-01", known,
                       relation_keys(os.path.join(src, sahel)))
    if root is not None:
        ids = [e.get("id") for e in root.findall(NS + "entity")]
        check(ids == ["mali", "ecowas", "burkina-faso"], f"html: entities {ids} (the script, nav, "
              "title and footer name Niger, Chad, Togo, Benin and Guinea)")
        check(b"&amp; ses" in out, "html: & not escaped")
    draft = write_draft(work, "html.xml", out)
    validate(tkg, src, "html", draft)
    validate(tkg, src, "html", sahel, draft)


def case_english(tkg, src, work):
    article = "tests/cli/extract/article.en.txt"
    text = article_text(os.path.join(src, article))
    sahel = "graphs/sahel.xml"
    known = known_entities(os.path.join(src, sahel))
    out, err = extract(tkg, src, "english", "--source-id", "wire", "--published", "2024-11-15",
                       "--graph", sahel, article)
    check(err.startswith(f"{article}: note: read as English, guessed from its common words (0 "
                         "French, "), f"english: note {err!r}")
    root = check_draft("english", out, text, "wire", "en", "2024-11-15", known,
                       relation_keys(os.path.join(src, sahel)))
    if root is not None:
        ids = [e.get("id") for e in root.findall(NS + "entity")]
        check("chad" in ids and "chad" not in known and "togo" in ids,
              f"english: chad and togo not proposed: {ids}")
        # XML's special characters in a citation (Togo's first sentence): read back verbatim.
        cites = [c.text for c in root.iter(NS + "cite")]
        check(any('"Economic Community of West African States" & Togo\'s <bloc>.' in c for c in cites),
              f"english: the sentence with & < > \" is not cited verbatim: {cites}")
    draft = write_draft(work, "english.xml", out)
    validate(tkg, src, "english", draft)
    validate(tkg, src, "english", sahel, draft)


def case_merge(tkg, src, work):
    """The same relation from two sentences: one relation, both citations, the higher
    confidence of the two (each sentence drafted alone gives its own)."""
    one = "Mali left ECOWAS on January 28, 2024."
    two = "On January 28, 2024, Mali withdrew from ECOWAS, the bloc said."
    ontology, lexicon = "tests/cli/extract/ontology.xml", "tests/cli/extract/lexicon.xml"
    graph = "tests/cli/extract/graph.xml"
    base = ["--source-id", "s", "--published", "2024-11-15", "--lang", "en", "--ontology", ontology,
            "--lexicon", lexicon, "--graph", graph]
    alone = {}
    for name, body in (("one", one), ("two", two), ("both", one + "\n" + two)):
        path = os.path.join(work, name + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(body + "\n")
        out, _ = extract(tkg, src, "merge-" + name, *base, path)
        root = check_draft("merge-" + name, out, body + "\n", "s", "en", "2024-11-15",
                           known_entities(os.path.join(src, graph)))
        if root is None:
            return
        alone[name] = {(r.get("kind"), r.get("from"), r.get("to"), r.get("date")):
                       (float(attrs(r)["draft_confidence"][1]), [c.text for c in r.findall(NS + "cite")])
                       for r in root.findall(NS + "relation")}
        draft = write_draft(work, "merge-" + name + ".xml", out)
        validate(tkg, src, "merge-" + name, "--ontology", ontology, draft)
        validate(tkg, src, "merge-" + name, "--ontology", ontology, graph, draft)
    common = set(alone["one"]) & set(alone["two"])
    check(("left_bloc", "mali", "ecowas", "2024-01-28") in common,
          f"merge: each sentence alone: {alone['one']} {alone['two']}")
    for key in common:
        conf, cites = alone["both"].get(key, (None, []))
        check(conf == max(alone["one"][key][0], alone["two"][key][0]) and cites == [one, two],
              f"merge: {key}: {conf} {cites} from {alone['one'][key]} and {alone['two'][key]}")


def case_known(tkg, src, work):
    """A draft kept into the graph with its draft_* attributes, then the article drafted again
    with that graph: its relations come with the citation only, so everything merges (with
    the attributes, a confidence or rule that differs would be an attribute given two values)."""
    article = "tests/extract/texts/sahel-congo-2025-03-14.en.txt"
    text = article_text(os.path.join(src, article))
    sahel = "graphs/sahel.xml"
    base = ["--source-id", "congo", "--published", "2025-03-14", "--lang", "en"]
    out, _ = extract(tkg, src, "known-first", *base, "--graph", sahel, article)
    first = ET.fromstring(out)
    rels = first.findall(NS + "relation")
    if not check(len(rels) > 0, "known: nothing drafted"):
        return
    # The reviewer keeps the draft, with attributes that a new draft would not give again.
    for a in first.iter(NS + "attr"):
        if a.get("key") == "draft_confidence":
            a.text = "0.123"
        elif a.get("key") == "draft_rule":
            a.text = "kept by the reviewer"
    kept = os.path.join(work, "kept.xml")
    ET.ElementTree(first).write(kept, encoding="UTF-8", xml_declaration=True)
    validate(tkg, src, "known-kept", sahel, kept)
    out2, _ = extract(tkg, src, "known-again", *base, "--graph", sahel, "--graph", kept, article)
    held = relation_keys(os.path.join(src, sahel), kept)
    root = check_draft("known-again", out2, text, "congo", "en", "2025-03-14",
                       {**known_entities(os.path.join(src, sahel)), **known_entities(kept)}, held)
    if root is not None:
        keys = {(r.get("kind"), r.get("from"), r.get("to"), r.get("date"), r.get("start"),
                 r.get("end")) for r in root.findall(NS + "relation")}
        check(keys and keys <= held, f"known-again: relations not known: {keys - held}")
        check(b"<!-- already in the known graph: this article's citation -->" in out2,
              "known-again: the comment before a known relation")
    again = write_draft(work, "again.xml", out2)
    validate(tkg, src, "known-again", sahel, kept, again)
    tsv, _ = extract(tkg, src, "known-tsv", *base, "--graph", sahel, "--graph", kept,
                     "--format", "tsv", article)
    lines = tsv.decode("utf-8").split("\n")[1:-1]
    check(lines and all(line.endswith("\ttrue") for line in lines), f"known-tsv: {lines}")


def case_ontology(tkg, src, work):
    """An ontology without `state`: no state is proposed; the draft validates with it."""
    article = "tests/cli/extract/article.en.txt"
    text = article_text(os.path.join(src, article))
    ontology, lexicon = "tests/cli/extract/ontology.xml", "tests/cli/extract/lexicon.xml"
    graph = "tests/cli/extract/graph.xml"
    out, _ = extract(tkg, src, "ontology", "--source-id", "s", "--published", "2024-11-15",
                     "--ontology", ontology, "--lexicon", lexicon, "--graph", graph, article)
    root = check_draft("ontology", out, text, "s", "en", "2024-11-15", known_entities(os.path.join(src, graph)))
    if root is not None:
        ids = [e.get("id") for e in root.findall(NS + "entity")]
        check(ids == ["mali", "ecowas"], f"ontology: entities {ids}")
        kinds = {r.get("kind") for r in root.findall(NS + "relation")}
        check(kinds == {"left_bloc"}, f"ontology: relation kinds {kinds}")
    draft = write_draft(work, "ontology.xml", out)
    validate(tkg, src, "ontology", "--ontology", ontology, draft)
    validate(tkg, src, "ontology", "--ontology", ontology, graph, draft)
    # Without --graph: nothing known, nothing proposed, a draft of its source alone.
    out, _ = extract(tkg, src, "ontology-alone", "--source-id", "s", "--published", "2024-11-15",
                     "--ontology", ontology, "--lexicon", lexicon, article)
    root = check_draft("ontology-alone", out, text, "s", "en", "2024-11-15", {})
    if root is not None:
        check(root.findall(NS + "entity") == [], "ontology-alone: entities proposed")
    validate(tkg, src, "ontology-alone", "--ontology", ontology, write_draft(work, "o2.xml", out))


def case_errors(tkg, src, work):
    seed = "tests/extract/minusma-2024-11-15.fr.txt"
    bad_utf8 = os.path.join(work, "bad-utf8.txt")
    with open(bad_utf8, "wb") as f:
        f.write("Le Mali et la Cédéao.\n".encode("utf-8") + b"La France \xe9t\xe9 2024.\n")
    no_lang = os.path.join(work, "numbers.txt")
    with open(no_lang, "w") as f:
        f.write("2024 2025. 12 000.\n")
    out = os.path.join(work, "draft.xml")
    base = ["--source-id", "s", "--published", "2024-11-15"]
    usage = "\nTry 'tkg extract --help'.\n"
    cases = [
        (base + ["tests/no-such-article.txt"], 4,
         "tests/no-such-article.txt: error: cannot open: no such file or directory\n"),
        (base + ["tests"], 3, "tests: error: cannot read: is a directory\n"),
        (base + [bad_utf8], 1,
         f"{bad_utf8}:2:11: error: invalid UTF-8 (byte 0xE9): the article must be UTF-8\n"),
        (base + ["--max-input-bytes", "1000", seed], 1,
         f"{seed}: error: article larger than the limit of 1000 bytes\n"),
        (base + ["--lang", "de", seed], 2, "tkg: error: unknown language 'de' (fr or en)" + usage),
        (base + [no_lang], 1, f"{no_lang}: error: cannot tell the article's language (0 French and "
         "0 English function words): give --lang fr or --lang en\n"),
        (["--source-id", "s", "--published", "2024-11", seed], 2,
         "tkg: error: --published: '2024-11' is not a date of the form YYYY-MM-DD" + usage),
        (["--source-id", "s", "--published", "15/11/2024", seed], 2,
         "tkg: error: --published: '15/11/2024' is not a date of the form YYYY-MM-DD: invalid "
         "date '15/11/2024': expected YYYY, YYYY-MM or YYYY-MM-DD" + usage),
        (["--source-id", "s", "--published", "2023-02-29", seed], 2,
         "tkg: error: --published: '2023-02-29' is not a date of the form YYYY-MM-DD: invalid "
         "date '2023-02-29': february 2023 has 28 days" + usage),
        (["--source-id", "s", seed], 2,
         "tkg: error: --published is required: the article's date, YYYY-MM-DD" + usage),
        (["--published", "2024-11-15", seed], 2, "tkg: error: --source-id is required: the id of "
         "the article's source in the draft" + usage),
        (["--source-id", "rfi 15", "--published", "2024-11-15", seed], 2,
         "tkg: error: --source-id: 'rfi 15' is not an id (letters, digits, _ . : -, not starting "
         "with . : -, at most 200)" + usage),
        (base + ["--url", "javascript:alert(1)", seed], 2,
         "tkg: error: --url: 'javascript:alert(1)' is not an http or https address" + usage),
        (base + ["--format", "json", seed], 2,
         "tkg: error: unknown format 'json' (expected xml or tsv)" + usage),
        (base + [seed, seed], 2, "tkg: error: one ARTICLE at a time (tkg extract ... ARTICLE)" + usage),
        (base, 2, "tkg: error: no input given" + usage),
        (base + ["--lexicon", "tests/data/lexicon/bad/unknown_kind.xml", seed], 1,
         "tests/data/lexicon/bad/unknown_kind.xml:3:3: error: unknown relation kind "
         "'withdrew_frm' (did you mean 'withdrew_from'?)\n"),
        (base + ["--lexicon", "tests/data/lexicon/bad/xml_doctype.xml", seed], 1,
         "tests/data/lexicon/bad/xml_doctype.xml:2:1: error: a DOCTYPE is not allowed (no DTD, "
         "no entity declarations): remove the <!DOCTYPE> declaration\n"),
        (base + ["--lexicon", "tests/no-such-lexicon.xml", seed], 4,
         "tests/no-such-lexicon.xml: error: cannot open: no such file or directory\n"),
        (base + ["--ontology", "tests/cli/extract/ontology.xml", seed], 1,
         "lexicon.xml:24:3: error: unknown relation kind 'member_of', in the bundled lexicon: "
         "give --lexicon FILE for this ontology\n"),
        (base + ["--graph", "tests/data/bad/date_feb29_2023.xml", seed], 1,
         "tests/data/bad/date_feb29_2023.xml:5:72: error: invalid date '2023-02-29': february "
         "2023 has 28 days\n"),
        (base + ["--graph", "tests/no-such-graph.xml", seed], 4,
         "tests/no-such-graph.xml: error: cannot open: no such file or directory\n"),
        (base + ["-o", seed, seed], 2,
         f"{seed}: error: is the input '{seed}'; give another output" + usage),
    ]
    for args, status, message in cases:
        with open(out, "w") as f:
            f.write("the reviewer's work\n")
        with_o = ["-o", out] + args if "-o" not in args else args
        rc, stdout, stderr = run(tkg, src, "extract", *with_o)
        label = "tkg extract " + " ".join(with_o)
        check(rc == status, f"{label}: exit {rc}, expected {status}")
        check(stderr == message, f"{label}:\n  got      {stderr!r}\n  expected {message!r}")
        check(stdout == b"", f"{label}: printed {stdout[:80]!r}")
        check(open(out).read() == "the reviewer's work\n", f"{label}: -o {out} changed")
        check(sorted(os.listdir(work)) == sorted(set(os.listdir(work))) and
              not [n for n in os.listdir(work) if n.startswith(".draft.xml.tkg-")],
              f"{label}: a temporary file is left: {os.listdir(work)}")
    # And a run that succeeds replaces the file.
    rc, stdout, stderr = run(tkg, src, "extract", "-o", out, "--lang", "fr", *base, seed)
    check(rc == 0 and stdout == b"" and stderr == "" and
          open(out, "rb").read().startswith(b"<?xml"), f"-o {out}: exit {rc} {stderr}")
    # Standard output that cannot be written: an I/O error.
    with open("/dev/full", "wb") as full:
        p = subprocess.run([tkg, "extract", "--lang", "fr", *base, seed], cwd=src, stdout=full,
                           stderr=subprocess.PIPE)
    check(p.returncode == 3 and p.stderr == b"<stdout>: error: cannot write: no space left on device\n",
          f"stdout /dev/full: exit {p.returncode} {p.stderr!r}")


CASES = {"seed": case_seed, "html": case_html, "english": case_english, "merge": case_merge,
         "known": case_known, "ontology": case_ontology, "errors": case_errors}


def main():
    tkg, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    names = sys.argv[3:] or list(CASES)
    for name in names:
        work = tempfile.mkdtemp(prefix="tkg-extract-")
        try:
            CASES[name](tkg, src, work)
        finally:
            shutil.rmtree(work)
    print(f"{len(names)} cases: {len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
