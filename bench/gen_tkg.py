#!/usr/bin/env python3
"""Deterministic generator of synthetic typed temporal graphs for tkg's ingest benchmark.

Usage: gen_tkg.py M OUTDIR [--seed N] [--per-node K]

M is the number of relations (edges); "1e5" and "100000" both work. Writes into OUTDIR:

  quads.tsv      ICEWS-style quadruples: subject TAB relation phrase TAB object TAB YYYY-MM-DD (M lines)
  graph.xml      TKG-XML (urn:tkg:1): 2 sources, every entity, then every relation with 1-2 citations
  graph.graphml  the same graph as GraphML, for python-igraph's Graph.Read_GraphML
  manifest.json  parameters and counts; written last, so its presence means the set is complete

The graph: preferential attachment with m = 5 edges per new node (10% of targets chosen uniformly
instead), starting from a 6-node clique, so N = 6 + (M - 15) / 5 ~ M / 5 entities with a heavy-tailed
degree distribution; --per-node K brings K edges per new node instead (N ~ M / K; K = 10 gives the
2,000 entities / 20,000 relations of bench/html.sh). The default output is the same as without it. Each edge gets a random direction; among the relation kinds whose domain and
range fit the two entity kinds one is chosen uniformly (an actor -> city edge has none, so it is
reversed into city located_in actor). Entity kinds and the domain/range rules follow tkg's default
ontology (actor = state|organization|mission|person, organization includes mission, place = city).

Dates: start in 1960-01-01..2024-12-31 always; end for ~80% of relations, strictly after the day range
the start covers; each bound is day precision (~85%), month precision YYYY-MM (~10%) or year YYYY
(~5%). The TSV date is the first day the start covers. ~30% of relations have a second citation.

Python 3 standard library only; the output depends only on M and the seed. Files are streamed
(written in chunks as they are produced) and renamed into place when complete.
"""

import argparse
import calendar
import json
import os
import random
import sys
import time
from datetime import date

GENERATOR_VERSION = 1
M_PER_NODE = 5  # edges brought by each new node
UNIFORM_SHARE = 0.10  # share of targets chosen uniformly instead of by degree
SEED_NODES = 6  # initial clique

# Entity kinds with their shares.
KINDS = ["state", "organization", "mission", "person", "city", "event"]
KIND_WEIGHTS = [0.10, 0.18, 0.05, 0.30, 0.15, 0.22]
ACTOR = {"state", "organization", "mission", "person"}
ORGANIZATION = {"organization", "mission"}

# Relation kind -> (French sentence verb for s0, English verb for s1).
VERBS = {
    "member_of": ("est membre de", "is a member of"),
    "allied_with": ("s'allie avec", "is allied with"),
    "participant_in": ("participe à", "takes part in"),
    "located_in": ("se trouve dans", "is located in"),
    "concerns": ("concerne", "concerns"),
    "accused": ("accuse", "accused"),
    "leads": ("dirige", "leads"),
}

# Label stems per kind: French/Sahel names with diacritics, Greek, Cyrillic, CJK, and the XML
# specials & < " (escaped on output). A number is appended so labels stay distinguishable.
LABELS = {
    "state": ["Mali", "Niger", "Burkina Faso", "Sénégal", "Côte d'Ivoire", "Tchad", "Algérie",
              "Mauritanie", "Россия", "中国", "Ελλάδα", "日本", "Türkiye", "République \"Sahel\""],
    "organization": ["Cédéao", "Union africaine", "AES", "ONU", "JNIM & EIGS", "Groupe Wagner",
                     "Группа Вагнера", "上海合作组织", "ΝΑΤΟ", "G5 Sahel", "CMA <Azawad>",
                     "Ansar Dine", "Coordination des mouvements \"de l'Azawad\""],
    "mission": ["MINUSMA", "Barkhane", "Serval", "EUTM Mali", "Takuba", "MISMA <AFISMA>",
                "EUCAP Sahel & Niger", "Миссия ООН"],
    "person": ["Assimi Goïta", "Abdourahamane Tiani", "Ibrahim Traoré", "Mohamed Bazoum",
               "Iyad Ag Ghaly", "Владимир Путин", "习近平", "Κυριάκος Μητσοτάκης",
               "Bintou Keïta", "El-Ghassim Wane", "Amadou Koufa \"le prédicateur\"", "Zoë & Chloé"],
    "city": ["Ménaka", "Gao", "Kidal", "Tombouctou", "Bamako", "Niamey", "Ouagadougou", "Ségou",
             "Mopti", "Москва", "北京", "Αθήνα", "Tessalit <Aguelhok>"],
    "event": ["Coup d'État", "Accord d'Alger", "Retrait de la MINUSMA", "Sommet \"AES\"",
              "Attaque de Ménaka", "Élection présidentielle", "Conférence & médiation",
              "Переговоры", "停火协议", "Σύνοδος κορυφής", "Blocus <frontière>"],
}

D_MIN = date(1960, 1, 1).toordinal()
D_MAX = date(2024, 12, 31).toordinal()
CHUNK = 8192  # relations per write


def relation_kinds(a, b):
    """Relation kinds whose domain holds for kind a and range for kind b (may be empty)."""
    out = []
    if a in ACTOR:
        if b in ACTOR:
            out += ["allied_with", "accused"]
            if b in ORGANIZATION:
                out.append("member_of")
            if a == "person":
                out.append("leads")
        if b == "event":
            out.append("participant_in")
    if a == "city":
        out.append("located_in")  # place -> entity
    if a == "event":
        out.append("concerns")  # event -> entity
    return out


KIND_TABLE = {(a, b): relation_kinds(a, b) for a in KINDS for b in KINDS}
for (_a, _b), _c in KIND_TABLE.items():
    assert _c or KIND_TABLE[(_b, _a)], (_a, _b)


def esc_attr(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def esc_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_count(text):
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    if v != int(v) or v < 1 or v > 1e9:
        raise argparse.ArgumentTypeError(f"need a whole number of relations in 1..1e9: {text!r}")
    return int(v)


def build_graph(rng, m_total, per_node=M_PER_NODE):
    """Preferential attachment; returns (n, src, dst) with edges as parallel lists."""
    src, dst = [], []
    ends = []  # every edge contributes both endpoints: sampling from it is degree-proportional
    for i in range(SEED_NODES):
        for j in range(i):
            if len(src) < m_total:
                src.append(i)
                dst.append(j)
                ends += (i, j)
    n = SEED_NODES
    rand = rng.random
    while len(src) < m_total:
        new = n
        want = min(per_node, m_total - len(src), n)
        chosen = set()
        while len(chosen) < want:
            if rand() < UNIFORM_SHARE:
                t = int(rand() * n)
            else:
                t = ends[int(rand() * len(ends))]
            chosen.add(t)
        for t in sorted(chosen):  # sorted: set order must not leak into the output
            src.append(new)
            dst.append(t)
            ends += (new, t)
        n += 1
    return n, src, dst


def bound(rng, day):
    """Returns (text, first_day, last_day) for `day` at a random precision."""
    u = rng.random()
    d = date.fromordinal(day)
    if u < 0.05:
        return f"{d.year:04d}", date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
    if u < 0.15:
        lo = date(d.year, d.month, 1).toordinal()
        return f"{d.year:04d}-{d.month:02d}", lo, lo + calendar.monthrange(d.year, d.month)[1] - 1
    return d.isoformat(), day, day


def generate(m_total, outdir, seed, per_node=M_PER_NODE):
    t0 = time.monotonic()
    rng = random.Random(seed)
    n, src, dst = build_graph(rng, m_total, per_node)

    kinds = rng.choices(KINDS, weights=KIND_WEIGHTS, k=n)
    labels = [None] * n
    for i in range(n):
        stems = LABELS[kinds[i]]
        labels[i] = f"{stems[int(rng.random() * len(stems))]} {i}"
    lab_attr = [esc_attr(s) for s in labels]
    lab_text = [esc_text(s) for s in labels]

    os.makedirs(outdir, exist_ok=True)
    paths = {k: os.path.join(outdir, k) for k in ("quads.tsv", "graph.xml", "graph.graphml")}
    opened = {k: open(p + ".tmp", "w", encoding="utf-8", newline="\n", buffering=1 << 20)
              for k, p in paths.items()}
    tsv, xml, gml = opened["quads.tsv"], opened["graph.xml"], opened["graph.graphml"]

    xml.write('<?xml version="1.0" encoding="UTF-8"?>\n<tkg xmlns="urn:tkg:1">\n'
              '<source id="s0" title="synthetic"/>\n'
              '<source id="s1" title="synthetic (second source)"/>\n')
    gml.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
              ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
              ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
              ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
              '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
              '<key id="kind" for="node" attr.name="kind" attr.type="string"/>\n'
              '<key id="rkind" for="edge" attr.name="kind" attr.type="string"/>\n'
              '<key id="start" for="edge" attr.name="start" attr.type="string"/>\n'
              '<key id="end" for="edge" attr.name="end" attr.type="string"/>\n'
              '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
              '<graph id="G" edgedefault="directed">\n')

    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        xml.write("".join(
            f'<entity id="e{i}" kind="{kinds[i]}" label="{lab_attr[i]}"/>\n' for i in range(lo, hi)))
        gml.write("".join(
            f'<node id="e{i}"><data key="label">{lab_text[i]}</data>'
            f'<data key="kind">{kinds[i]}</data></node>\n' for i in range(lo, hi)))

    rand = rng.random
    span = D_MAX - D_MIN + 1
    stats = {"with_end": 0, "two_citations": 0, "reversed": 0, "month": 0, "year": 0}
    kind_counts = {k: 0 for k in VERBS}
    tl, xl, gl = [], [], []
    for r in range(m_total):
        a, b = src[r], dst[r]
        if rand() < 0.5:
            a, b = b, a
        cands = KIND_TABLE[(kinds[a], kinds[b])]
        if not cands:
            a, b = b, a
            cands = KIND_TABLE[(kinds[a], kinds[b])]
            stats["reversed"] += 1
        rk = cands[int(rand() * len(cands))]
        kind_counts[rk] += 1

        s_txt, s_lo, s_hi = bound(rng, D_MIN + int(rand() * span))
        end_attr = end_data = ""
        if rand() < 0.8 and s_hi < D_MAX:
            e_day = min(D_MAX, s_hi + 1 + int(rng.expovariate(1 / 1500.0)))
            e_txt, e_lo, _e_hi = bound(rng, e_day)
            if e_lo <= s_hi:  # a coarse end would overlap the start: keep the day
                e_txt = date.fromordinal(e_day).isoformat()
            end_attr = f' end="{e_txt}"'
            end_data = f'<data key="end">{e_txt}</data>'
            stats["with_end"] += 1
            stats["month"] += len(e_txt) == 7
            stats["year"] += len(e_txt) == 4
        stats["month"] += len(s_txt) == 7
        stats["year"] += len(s_txt) == 4

        fr, en = VERBS[rk]
        cite = (f'<cite source="s0">{lab_text[a]} {fr} {lab_text[b]} ({s_txt}).</cite>')
        if rand() < 0.3:
            cite += f'<cite source="s1">{lab_text[a]} {en} {lab_text[b]}.</cite>'
            weight = "2.0"
            stats["two_citations"] += 1
        else:
            weight = "1.0"

        # ICEWS-style: the relation is an English phrase, not an ontology kind, as in real
        # event data (tkg takes such relation names as they come, between `entity`s; capitalised so
        # that none is also the name of an ontology kind, whose domain and range would apply).
        tl.append(f"e{a}\t{en[0].upper() + en[1:]}\te{b}\t{date.fromordinal(s_lo).isoformat()}\n")
        xl.append(f'<relation kind="{rk}" from="e{a}" to="e{b}" start="{s_txt}"{end_attr}>'
                  f'{cite}</relation>\n')
        gl.append(f'<edge source="e{a}" target="e{b}"><data key="rkind">{rk}</data>'
                  f'<data key="start">{s_txt}</data>{end_data}'
                  f'<data key="weight">{weight}</data></edge>\n')
        if len(tl) == CHUNK:
            tsv.write("".join(tl))
            xml.write("".join(xl))
            gml.write("".join(gl))
            tl.clear()
            xl.clear()
            gl.clear()
    tsv.write("".join(tl))
    xml.write("".join(xl))
    gml.write("".join(gl))
    xml.write("</tkg>\n")
    gml.write("</graph>\n</graphml>\n")
    for f in opened.values():
        f.close()
    for p in paths.values():
        os.replace(p + ".tmp", p)

    manifest = {
        "generator": "bench/gen_tkg.py",
        "version": GENERATOR_VERSION,
        "seed": seed,
        "per_node": per_node,
        "relations": m_total,
        "entities": n,
        "relation_kinds": kind_counts,
        "entity_kinds": {k: kinds.count(k) for k in KINDS},
        "relations_with_end": stats["with_end"],
        "relations_with_two_citations": stats["two_citations"],
        "relations_reversed_for_domain_range": stats["reversed"],
        "bounds_month_precision": stats["month"],
        "bounds_year_precision": stats["year"],
        "bytes": {k: os.path.getsize(p) for k, p in paths.items()},
        "seconds": round(time.monotonic() - t0, 2),
    }
    with open(os.path.join(outdir, "manifest.json.tmp"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(os.path.join(outdir, "manifest.json.tmp"), os.path.join(outdir, "manifest.json"))
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Generate a synthetic typed temporal graph (TSV quadruples, TKG-XML, GraphML).")
    ap.add_argument("relations", type=parse_count, help="number of relations M, e.g. 1e5")
    ap.add_argument("outdir", help="output directory (created if missing)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--per-node", type=int, default=M_PER_NODE, metavar="K",
                    help=f"edges each new entity brings: about M / K entities (default {M_PER_NODE})")
    args = ap.parse_args(argv)
    if args.per_node < 1:
        ap.error("--per-node must be at least 1")
    m = generate(args.relations, args.outdir, args.seed, args.per_node)
    sizes = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in m["bytes"].items())
    print(f"gen_tkg: M={m['relations']} N={m['entities']} seed={m['seed']} "
          f"in {m['seconds']} s -> {args.outdir} ({sizes})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
