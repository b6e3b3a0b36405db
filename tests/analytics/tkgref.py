"""An independent reading of tkg inputs for the analytics oracles.

Parses TKG-XML and ICEWS quadruples with the Python standard library, applies the date rules
of docs/format.md (inclusive policy) and builds NetworkX graphs by the model of
docs/analytics.md. Nothing here calls tkg: the tests compare tkg's output with what this
module and NetworkX compute.
"""
import datetime
import fractions
import math
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx

NS = "{urn:tkg:1}"
ONS = "{urn:tkg:ontology:1}"
NEG_INF, POS_INF = -(10**9), 10**9
EPOCH = datetime.date(1970, 1, 1).toordinal()


def day(y, m=1, d=1):
    return datetime.date(y, m, d).toordinal() - EPOCH


def day_text(n):
    return datetime.date.fromordinal(n + EPOCH).isoformat()


def dot_name_id(name):
    """The entity id of a DOT node name as tkg writes it (docs/export.md: a byte outside
    [A-Za-z0-9_.:-] is written as '·' and two hex digits)."""
    out, i = bytearray(), 0
    while i < len(name):
        if name[i] == "\u00b7":
            out.append(int(name[i + 1:i + 3], 16))
            i += 3
        else:
            out += name[i].encode()
            i += 1
    return out.decode()


def date_range(text):
    """First and last day covered by YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return day(parts[0]), day(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        nxt = day(y + (m == 12), m % 12 + 1)
        return day(y, m), nxt - 1
    return day(*parts), day(*parts)


def interval(start=None, end=None, date=None):
    """Half-open day range [lo, hi) of the inclusive policy."""
    if date:
        a, b = date_range(date)
        return a, b + 1
    lo = date_range(start)[0] if start else NEG_INF
    hi = date_range(end)[1] + 1 if end else POS_INF
    return lo, hi


class Ontology:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.parent = {}
        self.symmetric = set()
        for k in root.iter(ONS + "entity-kind"):
            self.parent[k.get("name")] = k.get("parent")
        for k in root.iter(ONS + "relation-kind"):
            if k.get("symmetric") in ("true", "1"):
                self.symmetric.add(k.get("name"))

    def is_a(self, kind, ancestor):
        while kind is not None:
            if kind == ancestor:
                return True
            kind = self.parent.get(kind)
        return False

    def actor_like(self, kind):
        """The default kind filter of tkg centrality: actors, and the untyped root kind."""
        return kind == "entity" or self.is_a(kind, "actor")


class Graph:
    """Entities {id: (kind, lifespan)} and merged relations
    {(kind, from, to, lo, hi): {"support": n, "attrs": {...}}}."""

    def __init__(self, ontology):
        self.ontology = ontology
        self.entities = {}
        self.relations = {}

    def add_entity(self, eid, kind, life=(NEG_INF, POS_INF)):
        if eid not in self.entities or self.entities[eid][0] == "entity":
            self.entities[eid] = (kind, life)

    def add_relation(self, kind, a, b, iv, support, attrs=None):
        key = (kind, a, b) + tuple(iv)
        rec = self.relations.setdefault(key, {"support": 0, "attrs": {}})
        rec["support"] += support
        rec["attrs"].update(attrs or {})

    def read_xml(self, path):
        root = ET.parse(path).getroot()
        for e in root.iter(NS + "entity"):
            self.add_entity(e.get("id"), e.get("kind"),
                            interval(e.get("start"), e.get("end"), e.get("date")))
        for r in root.iter(NS + "relation"):
            attrs = {a.get("key"): a.text for a in r.iter(NS + "attr")}
            self.add_relation(r.get("kind"), r.get("from"), r.get("to"),
                              interval(r.get("start"), r.get("end"), r.get("date")),
                              len(r.findall(NS + "cite")), attrs)
        return self

    def read_icews(self, path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line:
                    continue
                s, rel, o, date = line.split("\t")
                self.add_entity(s, "entity")
                self.add_entity(o, "entity")
                self.add_relation(rel, s, o, interval(date=date), 1)
        return self

    # -------------------------------------------------------- views

    def holds(self, iv, lo, hi):
        """True when half-open interval iv overlaps the inclusive window [lo, hi]."""
        return iv[0] <= hi and lo < iv[1]

    def view(self, lo=NEG_INF, hi=POS_INF, kinds=None, relation_kinds=None, actors_only=False):
        """The relations of the graph model in the window [lo, hi]: a list of
        (kind, from, to, support, attrs) between two different kept entities."""
        def kept(eid):
            kind, life = self.entities[eid]
            if actors_only and not self.ontology.actor_like(kind):
                return False
            if kinds is not None and not any(self.ontology.is_a(kind, k) for k in kinds):
                return False
            return self.holds(life, lo, hi)

        out = []
        for (kind, a, b, ilo, ihi), rec in self.relations.items():
            if relation_kinds is not None and kind not in relation_kinds:
                continue
            if a == b or not self.holds((ilo, ihi), lo, hi) or not kept(a) or not kept(b):
                continue
            out.append((kind, a, b, rec["support"], rec["attrs"]))
        return out

    def networkx(self, rels, directed, weighting=None):
        """The tie graph: parallel relations merged, weights summed, symmetric kinds both
        ways when directed. Edge attribute 'w' is the tie weight (relations when unweighted),
        'len' its length 1 / w, as an exact fraction: shortest paths of equal length must
        compare equal (igraph compares lengths with a tolerance; NetworkX exactly)."""
        g = nx.DiGraph() if directed else nx.Graph()
        for kind, a, b, support, attrs in rels:
            w = fractions.Fraction(1)
            if weighting == "support":
                w = fractions.Fraction(max(support, 1))
            elif weighting and weighting.startswith("attr:"):
                w = fractions.Fraction(attrs[weighting[5:]])
            pairs = [(a, b)]
            if directed and kind in self.ontology.symmetric:
                pairs.append((b, a))
            for u, v in pairs:
                if g.has_edge(u, v):
                    g[u][v]["w"] += w
                else:
                    g.add_edge(u, v, w=w)
        for u, v, d in g.edges(data=True):
            d["len"] = 1 / d["w"]
            d["w"] = float(d["w"])
        return g


def run_tkg(tkg, args):
    p = subprocess.run([tkg] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def close(a, b, tol=1e-6):
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
