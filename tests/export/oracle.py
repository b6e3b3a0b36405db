"""What tkg's exports must contain, computed independently of tkg from its inputs.

A small reader of TKG-XML (ElementTree) and of ICEWS quadruples, the view rules of
docs/format.md (as-of date, window, neighbourhood), and the text and identifier rules of
docs/export.md (cleaning, id encoding). Used by check_formats.py and check_report.py.
"""

import datetime
import os
import re
import xml.etree.ElementTree as ET

NS = "{urn:tkg:1}"
OPEN_START = -(10**9)
OPEN_END = 10**9


# ------------------------------------------------------------------ dates


def first_day(text):
    """First day a date covers, as a proleptic ordinal."""
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return datetime.date(*parts).toordinal()


def last_day(text):
    """Last day a date covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31).toordinal()
    if len(parts) == 2:
        y, m = parts
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return nxt.toordinal() - 1
    return datetime.date(*parts).toordinal()


def iso(ordinal):
    return datetime.date.fromordinal(ordinal).isoformat()


def interval(start, end):
    """Half-open [first, end_excl) under the inclusive policy; open ends as sentinels."""
    a = first_day(start) if start else OPEN_START
    b = last_day(end) + 1 if end else OPEN_END
    return (a, b)


# ------------------------------------------------------------------- text


def clean(text):
    """The cleaning every writer applies: C0 controls other than TAB LF CR and the
    noncharacters U+FFFE, U+FFFF are dropped."""
    return "".join(
        ch
        for ch in text
        if not ((ord(ch) < 0x20 and ch not in "\t\n\r") or ch in "\ufffe\uffff")
    )


def collapse(text):
    """Whitespace runs (line breaks included) as one space, trimmed."""
    return " ".join(text.split())


PLAIN_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")


def encoded_id(ident):
    """The identifier DOT and GraphML carry: plain ids as they are, others with each byte
    outside [A-Za-z0-9_.:-] written as '·' and two upper-case hex digits."""
    if PLAIN_ID.match(ident):
        return ident
    out = []
    for b in ident.encode("utf-8"):
        c = chr(b)
        if b < 0x80 and re.match(r"[A-Za-z0-9_.:-]", c):
            out.append(c)
        else:
            out.append("\u00b7%02X" % b)
    return "".join(out) or "\u00b7"


def raw_id(ident):
    """The identifier GEXF, JSON and CSV carry: the id as it is, unless cleaning would change
    it (then encoded as in DOT and GraphML)."""
    return ident if clean(ident) == ident else encoded_id(ident)


def validity(start, end):
    """The human form of a validity that diagrams show."""
    if start and end and start == end:
        return start
    if start and end:
        return f"{start} \u2192 {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return ""


# ------------------------------------------------------------------ model


class Model:
    def __init__(self):
        self.entities = {}  # id -> dict(kind, label, start, end, life)
        self.order = []  # entity ids in first-definition order
        self.relations = []  # dicts: kind, from, to, start, end, iv, sources
        self.kinds_parent = {}

    def entity(self, ident, **fields):
        if ident not in self.entities:
            self.entities[ident] = dict(
                kind="entity", label=ident, start=None, end=None, life=(OPEN_START, OPEN_END)
            )
            self.order.append(ident)
        self.entities[ident].update(fields)

    def relation(self, kind, src, dst, start, end, sources):
        iv = interval(start, end)
        for r in self.relations:
            if (r["kind"], r["from"], r["to"], r["iv"]) == (kind, src, dst, iv):
                r["sources"] |= set(sources)
                return
        self.relations.append(
            {"kind": kind, "from": src, "to": dst, "start": start, "end": end, "iv": iv,
             "sources": set(sources)}
        )


def read_xml(model, path):
    root = ET.parse(path).getroot()
    for el in root:
        if el.tag == NS + "entity":
            start, end = el.get("start"), el.get("end")
            if el.get("date"):
                start = end = el.get("date")
            model.entity(
                el.get("id"), kind=el.get("kind"), label=el.get("label"), start=start, end=end,
                life=interval(start, end), wikidata=el.get("wikidata"),
            )
    for el in root:
        if el.tag == NS + "relation":
            start, end = el.get("start"), el.get("end")
            if el.get("date"):
                start = end = el.get("date")
            for ident in (el.get("from"), el.get("to")):
                if ident not in model.entities:
                    model.entity(ident)
            cites = [c.get("source") for c in el if c.tag == NS + "cite"]
            model.relation(el.get("kind"), el.get("from"), el.get("to"), start, end, cites)


def read_tsv(model, path):
    with open(path, encoding="utf-8", newline="") as f:
        for line in f.read().split("\n"):
            line = line[:-1] if line.endswith("\r") else line
            if not line:
                continue
            s, rel, o, d = line.split("\t")
            for ident in (s, o):
                if ident not in model.entities:
                    model.entity(ident)
            model.relation(rel, s, o, d, d, [])


def read_ontology(model, path):
    ns = "{urn:tkg:ontology:1}"
    for el in ET.parse(path).getroot():
        if el.tag == ns + "entity-kind":
            model.kinds_parent[el.get("name")] = el.get("parent")
        elif el.tag == ns + "relation-kind":
            model.relation_symmetric = getattr(model, "relation_symmetric", {})
            model.relation_symmetric[el.get("name")] = el.get("symmetric") in ("true", "1")


def apply_event_time(model):
    """The event-time rule (docs/format.md): a relation written without dates that ties an
    entity to an event with a lifespan holds when the event does; the `to` event first."""
    open_life = (OPEN_START, OPEN_END)
    for r in model.relations:
        if r["start"] is not None or r["end"] is not None:
            continue
        for end in ("to", "from"):
            e = model.entities[r[end]]
            if e["life"] != open_life and "event" in ancestors(model, e["kind"]):
                r["iv"] = e["life"]
                r["event"] = r[end]
                break


def load(paths, ontology):
    model = Model()
    read_ontology(model, ontology)
    for p in paths:
        (read_xml if p.endswith(".xml") else read_tsv)(model, p)
    apply_event_time(model)
    return model


def ancestors(model, kind):
    out = []
    while kind:
        out.append(kind)
        kind = model.kinds_parent.get(kind)
    return out


# ------------------------------------------------------------------- views


def view(model, at=None, window=None, around=None, depth=1, relations=None, kinds=None):
    """Entity ids and relations kept by a view (docs/format.md): `relations` relation kinds,
    `kinds` entity kinds with their subkinds (None: all)."""

    def holds(iv):
        if at is not None and not (iv[0] <= at < iv[1]):
            return False
        if window is not None and not (iv[0] <= window[1] and window[0] < iv[1]):
            return False
        return True

    def kind_ok(e):
        return kinds is None or any(k in kinds for k in ancestors(model, model.entities[e]["kind"]))

    ents = [e for e in model.order if holds(model.entities[e]["life"]) and kind_ok(e)]
    keep = set(ents)
    rels = [r for r in model.relations if holds(r["iv"]) and r["from"] in keep and r["to"] in keep
            and (relations is None or r["kind"] in relations)]
    if around is not None:
        dist = {around: 0}
        frontier = [around]
        while frontier:
            nxt = []
            for e in frontier:
                if dist[e] == depth:
                    continue
                for r in rels:
                    for a, b in ((r["from"], r["to"]), (r["to"], r["from"])):
                        if a == e and b not in dist:
                            dist[b] = dist[e] + 1
                            nxt.append(b)
            frontier = nxt
        ents = [e for e in ents if e in dist]
        keep = set(ents)
        rels = [r for r in rels if r["from"] in keep and r["to"] in keep]
    return ents, rels


def relation_key(r, ids=lambda x: x):
    """(from, to, kind) with the ids mapped by `ids` and the kind cleaned."""
    return (ids(r["from"]), ids(r["to"]), clean(r["kind"]))


def source_dir():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
