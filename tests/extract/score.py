#!/usr/bin/env python3
"""Scores tkg extract's steps against the hand-made gold of tests/extract/gold/.

Three scores, each asked for by its own option, each the section of tests/extract/RESULTS.md
of the same name (docs/extract.md, "Evaluation"):

  --driver PATH        Temporal expressions: the tagger (src/lib/extract_dates.c) through
                       tests/extract/extract_dates_tsv.c against gold/*.dates.tsv. Spans: the
                       byte span is exact; values: span, role, value and a span's end value.
  --actors-driver PATH Actor mentions: the gazetteer (src/lib/extract_actors.c, the text's
                       graph and the bundled states) through tests/extract/extract_actors_tsv.c
                       against gold/*.actors.tsv. Spans: the byte span is exact; ids: the span
                       and the entity id.
  --tkg PATH           Relations: `tkg extract ... -o DRAFT ARTICLE` (its TKG-XML draft) against
                       gold/*.relations.tsv, written by hand, or, for a text with a
                       gold/*.sentences.tsv instead (the seed article), the relations of its graph
                       that cite its source in a sentence with a gold mention of both endpoints.
                       A draft relation matches a gold one when the kind, the from and the to
                       (in either order for a kind the ontology marks symmetric) and the dates
                       date, start and end are all equal, each present or absent alike.
  --drafts DIR         instead of running tkg, read the draft of gold NAME from DIR/NAME.xml
                       (hand-made drafts, to test this scorer)

Precision = matches / rows found, recall = matches / gold rows, per file and overall, the
overall computed apart for the development texts and for the held-out texts: those whose gold
files have a `# heldout: yes` comment line (written after the drafting rules and the lexicon were
fixed, never used to tune them; no target applies to them).

  --write   rewrites the sections scored in tests/extract/RESULTS.md
  --check   fails (exit 1) when a scored section of RESULTS.md is not what this run computes,
            or when the seed article misses the issue's targets: temporal expressions, value
            precision and recall >= 0.95; relations, recall >= 0.6 at precision >= 0.7
            (--check=sections: the sections alone; --check=targets: the targets alone)

Errors in the gold are reported as PATH:LINE:COL: error: ... (exit 2).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLD = os.path.join(HERE, 'gold')
RESULTS = os.path.join(HERE, 'RESULTS.md')
ONTOLOGY = os.path.join(ROOT, 'schema', 'ontology.xml')
SEED = 'minusma-2024-11-15'
DATES_TARGET = 0.95
RELATIONS_RECALL, RELATIONS_PRECISION = 0.6, 0.7
TKG_NS = '{urn:tkg:1}'
ONTO_NS = '{urn:tkg:ontology:1}'
DATE_RE = re.compile(r'^$|^-?\d{4}(-\d{2}(-\d{2})?)?$')

DATES_SECTION = '## Temporal expressions'
ACTORS_SECTION = '## Actor mentions'
RELATIONS_SECTION = '## Relations'
SECTION_ORDER = [DATES_SECTION, ACTORS_SECTION, RELATIONS_SECTION]


HELDOUT_NOTE = '\n'.join([
    'Held-out texts (a `# heldout: yes` line in their gold files) were written and annotated',
    'after the drafting rules and the lexicon were fixed, and were never used to tune them:',
    'they measure how `tkg extract` does on text it was not tuned on. No target applies to',
    'them; the development texts are those the rules and the lexicon were written from.'])


class GoldError(Exception):
    pass


def fail(path, line, col, msg):
    raise GoldError('%s:%d:%d: error: %s' % (path, line, col, msg))


def ratio(num, den):
    return num / den if den else 1.0


def fmt(x):
    return '%.3f' % x


def pr(counts, ok):
    """The table cells 'P | R' of the `ok` count of `counts` (found and gold)."""
    return '%s | %s' % (fmt(ratio(counts[ok], counts['found'])),
                        fmt(ratio(counts[ok], counts['gold'])))


def read_tsv(path, header, keys):
    """(meta, rows) of a gold TSV: `# key: value` comment lines for `keys`, the header line,
    then rows of len(header) columns, each (line number, columns...)."""
    meta, rows, seen_header = {}, [], False
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.startswith('#'):
                key, sep, val = line[1:].strip().partition(':')
                if sep and key in keys:
                    meta[key] = val.strip()
                continue
            cols = line.split('\t')
            if not seen_header:
                if cols != header:
                    fail(path, n, 1, 'unexpected header (want %s)' % ' '.join(header))
                seen_header = True
                continue
            if len(cols) != len(header):
                fail(path, n, 1, 'expected %d columns, found %d' % (len(header), len(cols)))
            rows.append((n,) + tuple(cols))
    if not seen_header:
        fail(path, 1, 1, 'no header line')
    return meta, rows


def heldout(path, meta):
    """Whether a gold file marks its text held out: `# heldout: yes ...` (or `no ...`)."""
    val = meta.get('heldout', 'no').split(' ', 1)[0].lower()
    if val not in ('yes', 'no'):
        fail(path, 1, 1, '"# heldout:" must begin with yes or no, not "%s"' % val)
    return val == 'yes'


def groups(results):
    """[(overall row label, results)] of the development texts, then of the held-out ones
    (a group without texts left out); results are (name, meta, scores) with meta['heldout']."""
    out = [('**development texts**', [r for r in results if not r[1]['heldout']]),
           ('**held-out texts**', [r for r in results if r[1]['heldout']])]
    return [(label, rs) for label, rs in out if rs]


def shown(name, meta):
    """A text's name in the differences: held-out texts tagged."""
    return name + ' (held out)' if meta['heldout'] else name


def need_meta(path, meta, keys):
    for key in keys:
        if key not in meta:
            fail(path, 1, 1, 'missing "# %s:" comment line' % key)


def int_cols(path, n, cols):
    try:
        return [int(c) for c in cols]
    except ValueError:
        fail(path, n, 1, 'start and end must be integers')


def check_span(path, n, data, start, end, text, name):
    if not 0 <= start < end <= len(data):
        fail(path, n, 1, 'span [%d, %d) is not within %s' % (start, end, name))
    got = data[start:end].decode('utf-8', 'replace')
    if re.sub(r'[\t\r\n]', ' ', got) != text:
        fail(path, n, 1, 'bytes [%d, %d) of %s are not "%s"' % (start, end, name, text))


def read_bytes(path):
    with open(path, 'rb') as f:
        return f.read()


def read_text(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, check=False)
    if out.returncode != 0:
        sys.stderr.write(out.stderr.decode('utf-8', 'replace'))
        raise GoldError('error: %s failed (exit %d)' % (' '.join(cmd), out.returncode))
    return out.stdout.decode('utf-8')


def tsv_rows(output):
    return [line.split('\t') for line in output.splitlines()[1:]]


# ------------------------------------------------------------------ temporal expressions

def read_dates_gold(path):
    meta, rows = read_tsv(path, ['start', 'end', 'role', 'value', 'end_value', 'text'],
                          ('text', 'lang', 'published', 'heldout'))
    need_meta(path, meta, ('text', 'lang', 'published'))
    meta['heldout'] = heldout(path, meta)
    text_path = os.path.join(HERE, meta['text'])
    data = read_bytes(text_path)
    gold = []
    for (n, start, end, role, value, value2, text) in rows:
        start, end = int_cols(path, n, (start, end))
        check_span(path, n, data, start, end, text, meta['text'])
        gold.append((n, start, end, role, value, value2, text))
    return meta, text_path, gold


def score_dates(driver):
    results = []
    for name in sorted(os.listdir(GOLD)):
        if not name.endswith('.dates.tsv'):
            continue
        meta, text_path, gold = read_dates_gold(os.path.join(GOLD, name))
        found = [(int(c[0]), int(c[1]), c[2], c[3], c[4], c[5])
                 for c in tsv_rows(run([driver, meta['lang'], meta['published'], text_path]))]
        gspans = {(g[1], g[2]) for g in gold}
        fspans = {(f[0], f[1]) for f in found}
        gvals = {g[1:6] for g in gold}
        fvals = {f[0:5] for f in found}
        results.append((name[:-len('.dates.tsv')], meta, {
            'gold': len(gold), 'found': len(found),
            'span_ok': len(gspans & fspans), 'value_ok': len(gvals & fvals),
            'missed': sorted(g for g in gold if g[1:6] not in fvals),
            'wrong': sorted(f for f in found if f[0:5] not in gvals),
        }))
    return results


def dates_table(results):
    out = [DATES_SECTION, '',
           'Generated by `tests/extract/score.py --write` (do not edit by hand; the ctest',
           '`extract_dates_score` fails when this section differs from what the scorer computes).',
           'Gold: `tests/extract/gold/*.dates.tsv`, annotated by hand. Span: the byte span is',
           'exact. Value: span, role, value and a span\'s end value all right.', '',
           HELDOUT_NOTE, '',
           '| file | lang | published | gold | found | span P | span R | value P | value R |',
           '|---|---|---|---|---|---|---|---|---|']
    ordered = []
    for label, rs in groups(results):
        ordered += rs
        tot = {'gold': 0, 'found': 0, 'span_ok': 0, 'value_ok': 0}
        for name, meta, r in rs:
            for k in tot:
                tot[k] += r[k]
            out.append('| %s | %s | %s | %d | %d | %s | %s |' % (
                name, meta['lang'], meta['published'], r['gold'], r['found'],
                pr(r, 'span_ok'), pr(r, 'value_ok')))
        out.append('| %s | | | %d | %d | %s | %s |' % (
            label, tot['gold'], tot['found'],
            pr(tot, 'span_ok'), pr(tot, 'value_ok')))
    out.append('')
    out.append('Differences (gold rows not found exactly, rows found that the gold lacks):')
    out.append('')
    diffs = []
    for name, meta, r in ordered:
        name = shown(name, meta)
        for g in r['missed']:
            diffs.append('- %s: missed `%s` [%d, %d) %s %s%s' % (
                name, g[6], g[1], g[2], g[3], g[4], ('..' + g[5]) if g[5] else ''))
        for f in r['wrong']:
            diffs.append('- %s: found `%s` [%d, %d) %s %s%s' % (
                name, f[5], f[0], f[1], f[2], f[3], ('..' + f[4]) if f[4] else ''))
    out.extend(diffs or ['- none'])
    out.append('')
    return '\n'.join(out)


def dates_targets(results):
    r = seed_result(results, '.dates.tsv')
    p, rc = ratio(r['value_ok'], r['found']), ratio(r['value_ok'], r['gold'])
    if p < DATES_TARGET or rc < DATES_TARGET:
        return ['seed article: temporal expressions, value precision %.3f, recall %.3f '
                '(target %.2f)' % (p, rc, DATES_TARGET)]
    return []


def seed_result(results, suffix):
    for name, _, r in results:
        if name == SEED:
            return r
    raise GoldError('error: no gold for the seed article (gold/%s%s)' % (SEED, suffix))


# ------------------------------------------------------------------------ actor mentions

def read_actors_gold(path):
    """meta (text, lang, published, graph, source; text_path, graph_path added), data (the
    text's bytes), gold mentions [(line, start, end, id, text)]."""
    meta, rows = read_tsv(path, ['start', 'end', 'text', 'id'],
                          ('text', 'lang', 'published', 'graph', 'source', 'heldout'))
    need_meta(path, meta, ('text', 'lang', 'published', 'source'))
    meta['heldout'] = heldout(path, meta)
    meta['text_path'] = os.path.join(HERE, meta['text'])
    meta['graph_path'] = os.path.normpath(os.path.join(HERE, meta['graph'])) \
        if meta.get('graph') else None
    data = read_bytes(meta['text_path'])
    gold, seen = [], set()
    for (n, start, end, text, id_) in rows:
        start, end = int_cols(path, n, (start, end))
        check_span(path, n, data, start, end, text, meta['text'])
        if not id_:
            fail(path, n, 1, 'empty id')
        if (start, end, id_) in seen:
            fail(path, n, 1, 'mention given twice')
        seen.add((start, end, id_))
        gold.append((n, start, end, id_, text))
    return meta, data, gold


def gold_texts():
    """[(name, path of gold/NAME.actors.tsv)]: every text with actor gold."""
    return [(n[:-len('.actors.tsv')], os.path.join(GOLD, n))
            for n in sorted(os.listdir(GOLD)) if n.endswith('.actors.tsv')]


def score_actors(driver):
    results = []
    for name, path in gold_texts():
        meta, _, gold = read_actors_gold(path)
        cmd = [driver] + (['--graph', meta['graph_path']] if meta['graph_path'] else [])
        found = [(int(c[0]), int(c[1]), c[2], c[5])
                 for c in tsv_rows(run(cmd + [meta['text_path']]))]
        gspans = {(g[1], g[2]) for g in gold}
        fspans = {(f[0], f[1]) for f in found}
        gids = {g[1:4] for g in gold}
        fids = {f[0:3] for f in found}
        results.append((name, meta, {
            'gold': len(gold), 'found': len(found),
            'span_ok': len(gspans & fspans), 'id_ok': len(gids & fids),
            'missed': sorted(g[1:] for g in gold if g[1:4] not in fids),
            'wrong': sorted(f for f in found if f[0:3] not in gids),
        }))
    return results


def actors_table(results):
    out = [ACTORS_SECTION, '',
           'Generated by `tests/extract/score.py --write` (do not edit by hand; the ctest',
           '`extract_actors_score` fails when this section differs from what the scorer computes).',
           'Gold: `tests/extract/gold/*.actors.tsv`, annotated by hand (docs/extract.md,',
           '"Evaluation"); found: the gazetteer of the text\'s graph and the bundled states',
           '(`tests/extract/extract_actors_tsv.c`). Span: the byte span is exact. Id: the span and',
           'the entity id both right.', '',
           HELDOUT_NOTE, '',
           '| file | lang | graph | gold | found | span P | span R | id P | id R |',
           '|---|---|---|---|---|---|---|---|---|']
    ordered = []
    for label, rs in groups(results):
        ordered += rs
        tot = {'gold': 0, 'found': 0, 'span_ok': 0, 'id_ok': 0}
        for name, meta, r in rs:
            for k in tot:
                tot[k] += r[k]
            graph = os.path.relpath(meta['graph_path'], ROOT) if meta['graph_path'] \
                else '(states)'
            out.append('| %s | %s | %s | %d | %d | %s | %s |' % (
                name, meta['lang'], graph, r['gold'], r['found'],
                pr(r, 'span_ok'), pr(r, 'id_ok')))
        out.append('| %s | | | %d | %d | %s | %s |' % (
            label, tot['gold'], tot['found'],
            pr(tot, 'span_ok'), pr(tot, 'id_ok')))
    out.append('')
    out.append('Differences (gold mentions not found exactly, mentions found that the gold lacks):')
    out.append('')
    diffs = []
    for name, meta, r in ordered:
        name = shown(name, meta)
        for (start, end, id_, text) in r['missed']:
            diffs.append('- %s: missed `%s` [%d, %d) %s' % (name, text, start, end, id_))
        for (start, end, id_, text) in r['wrong']:
            diffs.append('- %s: found `%s` [%d, %d) %s' % (name, text, start, end, id_))
    out.extend(diffs or ['- none'])
    out.append('')
    return '\n'.join(out)


# ----------------------------------------------------------------------------- relations

def symmetric_kinds(path=ONTOLOGY):
    """The relation kinds of the ontology, {name: symmetric?}."""
    root = ET.parse(path).getroot()
    return {k.get('name'): k.get('symmetric') == 'true'
            for k in root.iter(ONTO_NS + 'relation-kind')}


def rel_key(kinds, kind, frm, to, date, start, end):
    """A relation as the scorer compares it: a symmetric kind's endpoints in sorted order."""
    if kinds.get(kind) and to < frm:
        frm, to = to, frm
    return (kind, frm, to, date or '', start or '', end or '')


def show_rel(key):
    kind, frm, to, date, start, end = key
    dates = ', '.join('%s %s' % (k, v) for k, v in
                      (('date', date), ('start', start), ('end', end)) if v)
    return '%s %s → %s%s' % (kind, frm, to, (' (%s)' % dates) if dates else '')


def loose_find(data, passage):
    """[(start, end)] of every occurrence of `passage` in the text's bytes, every run of
    white space matching any run (graphs/sahel.xml writes a wrapped line's breaks as spaces)."""
    words = passage.split()
    pat = rb'\s+'.join(re.escape(w.encode('utf-8')) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pat, data)] if words else []


def mentioned(gold_mentions, sentence, id_):
    return any(m[3] == id_ and sentence[0] <= m[1] and m[2] <= sentence[1] for m in gold_mentions)


def read_sentences(path, data, text_name):
    meta, rows = read_tsv(path, ['start', 'end', 'text'], ('text',))
    spans = []
    for (n, start, end, text) in rows:
        start, end = int_cols(path, n, (start, end))
        check_span(path, n, data, start, end, text, text_name)
        if spans and start < spans[-1][1]:
            fail(path, n, 1, 'sentences overlap or are out of order')
        spans.append((start, end))
    return spans


def graph_relations(kinds, graph_path, source):
    """[(key, [cited passages])] of the graph's relations that cite `source`."""
    out = []
    root = ET.parse(graph_path).getroot()
    for r in root.iter(TKG_NS + 'relation'):
        cites = [c.text or '' for c in r.findall(TKG_NS + 'cite') if c.get('source') == source]
        if cites:
            key = rel_key(kinds, r.get('kind'), r.get('from'), r.get('to'), r.get('date'),
                          r.get('start'), r.get('end'))
            out.append((key, cites))
    return out


def derived_gold(kinds, meta, data, mentions, sentences_path):
    """The gold relations of a text with a graph and its sentences marked: the graph's
    relations citing the text's source in a sentence with a gold mention of both endpoints."""
    if not meta['graph_path']:
        fail(sentences_path, 1, 1, 'the text has no "# graph:" to derive relations from')
    sentences = read_sentences(sentences_path, data, meta['text'])
    every = graph_relations(kinds, meta['graph_path'], meta['source'])
    gold = set()
    for key, cites in every:
        for cite in cites:
            places = loose_find(data, cite)
            if not places:
                raise GoldError('%s: error: a citation of %s is not in %s: "%s"' % (
                    meta['graph_path'], show_rel(key), meta['text'], cite))
            for (a, b) in places:
                for s in sentences:
                    if s[0] <= a and b <= s[1] and mentioned(mentions, s, key[1]) \
                            and mentioned(mentions, s, key[2]):
                        gold.add(key)
    return gold, {k for k, _ in every}


def read_relations_gold(kinds, path, data, mentions):
    meta, rows = read_tsv(path, ['kind', 'from', 'to', 'date', 'start', 'end', 'sentence'],
                          ('text',))
    gold = set()
    for (n, kind, frm, to, date, start, end, sentence) in rows:
        if kind not in kinds:
            fail(path, n, 1, 'relation kind "%s" is not in the ontology' % kind)
        for col, d in ((4, date), (5, start), (6, end)):
            if not DATE_RE.match(d):
                fail(path, n, col, 'bad date "%s"' % d)
        places = loose_find(data, sentence)
        if not places:
            fail(path, n, 7, 'the sentence is not in the text')
        for id_ in (frm, to):
            if not any(mentioned(mentions, s, id_) for s in places):
                fail(path, n, 1, 'the sentence has no gold mention of "%s"' % id_)
        key = rel_key(kinds, kind, frm, to, date, start, end)
        if key in gold:
            fail(path, n, 1, 'relation given twice')
        gold.add(key)
    return gold


def read_draft(kinds, path, data):
    """The relations of a TKG-XML draft, as keys; every citation must be verbatim text."""
    root = ET.parse(path).getroot()
    text = data.decode('utf-8')
    out = set()
    for r in root.iter(TKG_NS + 'relation'):
        for c in r.findall(TKG_NS + 'cite'):
            if (c.text or '') not in text:
                raise GoldError('%s: error: a citation of %s is not a verbatim substring of the '
                                'article: "%s"' % (path, r.get('kind'), c.text))
        out.add(rel_key(kinds, r.get('kind'), r.get('from'), r.get('to'), r.get('date'),
                        r.get('start'), r.get('end')))
    return out


def draft_of(args, name, meta, tmp):
    if args.drafts:
        return os.path.join(args.drafts, name + '.xml')
    out = os.path.join(tmp, name + '.xml')
    cmd = [args.tkg, 'extract', '--lang', meta['lang'], '--source-id', meta['source'],
           '--published', meta['published']]
    if meta['graph_path']:
        cmd += ['--graph', meta['graph_path']]
    run(cmd + ['-o', out, meta['text_path']])
    run([args.tkg, 'validate', out])
    if meta['graph_path']:
        run([args.tkg, 'validate', meta['graph_path'], out])
    return out


def score_relations(args):
    kinds = symmetric_kinds()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in gold_texts():
            meta, data, mentions = read_actors_gold(path)
            rel_path = os.path.join(GOLD, name + '.relations.tsv')
            sent_path = os.path.join(GOLD, name + '.sentences.tsv')
            graph_all = set()
            if os.path.exists(rel_path):
                gold = read_relations_gold(kinds, rel_path, data, mentions)
                origin = 'by hand'
            elif os.path.exists(sent_path):
                gold, graph_all = derived_gold(kinds, meta, data, mentions, sent_path)
                origin = 'from ' + os.path.relpath(meta['graph_path'], ROOT)
            else:
                raise GoldError('%s:1:1: error: no gold/%s.relations.tsv nor '
                                'gold/%s.sentences.tsv' % (path, name, name))
            draft = read_draft(kinds, draft_of(args, name, meta, tmp), data)
            results.append((name, meta, {
                'origin': origin, 'gold': len(gold), 'found': len(draft),
                'ok': len(gold & draft),
                'missed': sorted(gold - draft),
                'wrong': sorted((k, k in graph_all) for k in draft - gold),
            }))
    return results


def relations_table(results):
    out = [RELATIONS_SECTION, '',
           'Generated by `tests/extract/score.py --write` (do not edit by hand; the ctest',
           '`extract_relations_score` fails when this section differs from what the scorer',
           'computes). Found: the relations of the draft of `tkg extract --lang L --source-id S',
           '--published P [--graph G] -o DRAFT ARTICLE`. Gold: `tests/extract/gold/*.relations.tsv`,',
           'written by hand, and for the seed article the relations of `graphs/sahel.xml` that cite',
           'it in a sentence of `gold/minusma-2024-11-15.sentences.tsv` holding a gold mention of',
           'both endpoints (docs/extract.md, "Evaluation"). A draft relation is right when its kind,',
           'from, to (either order for a symmetric kind) and dates date, start and end are all the',
           'gold\'s, each present or absent alike. Targets on the seed article: recall >= %.1f at'
           % RELATIONS_RECALL,
           'precision >= %.1f.' % RELATIONS_PRECISION, '',
           HELDOUT_NOTE, '',
           '| file | lang | gold | found | right | P | R |',
           '|---|---|---|---|---|---|---|']
    ordered = []
    for label, rs in groups(results):
        ordered += rs
        tot = {'gold': 0, 'found': 0, 'ok': 0}
        for name, meta, r in rs:
            for k in tot:
                tot[k] += r[k]
            out.append('| %s | %s | %d (%s) | %d | %d | %s |' % (
                name, meta['lang'], r['gold'], r['origin'], r['found'], r['ok'],
                pr(r, 'ok')))
        out.append('| %s | | %d | %d | %d | %s |' % (
            label, tot['gold'], tot['found'], tot['ok'],
            pr(tot, 'ok')))
    out.append('')
    out.append('Differences (gold relations not drafted exactly, drafts that the gold lacks; '
               '"in the graph": a relation of the text\'s graph citing it, outside the gold):')
    out.append('')
    diffs = []
    for name, meta, r in ordered:
        name = shown(name, meta)
        for key in r['missed']:
            diffs.append('- %s: missed %s' % (name, show_rel(key)))
        for key, in_graph in r['wrong']:
            diffs.append('- %s: drafted %s%s' % (name, show_rel(key),
                                                 ' (in the graph)' if in_graph else ''))
    out.extend(diffs or ['- none'])
    out.append('')
    return '\n'.join(out)


def relations_targets(results):
    r = seed_result(results, '.actors.tsv')
    p, rc = ratio(r['ok'], r['found']), ratio(r['ok'], r['gold'])
    if rc < RELATIONS_RECALL or p < RELATIONS_PRECISION:
        return ['seed article: relations, recall %.3f at precision %.3f (targets: recall %.1f, '
                'precision %.1f)' % (rc, p, RELATIONS_RECALL, RELATIONS_PRECISION)]
    return []


# ------------------------------------------------------------------------- RESULTS.md

def split_sections(text):
    """(head, {title: section text}, [titles in order]) of RESULTS.md."""
    parts = re.split(r'(?m)^(?=## )', text)
    head, sections, order = parts[0], {}, []
    for p in parts[1:]:
        title = p.split('\n', 1)[0]
        sections[title] = p
        order.append(title)
    return head, sections, order


def write_results(new):
    current = read_text(RESULTS) if os.path.exists(RESULTS) else ''
    head, sections, order = split_sections(current)
    if not head:
        head = '# Extraction results\n\n'
    for title in SECTION_ORDER:
        if title in new and title not in sections:
            order.append(title)
        if title in new:
            sections[title] = new[title]
    with open(RESULTS, 'w', encoding='utf-8') as f:
        f.write(head + ''.join(sections[t].rstrip('\n') + '\n\n' for t in order).rstrip('\n')
                + '\n')


def stale_sections(new):
    current = read_text(RESULTS) if os.path.exists(RESULTS) else ''
    _, sections, _ = split_sections(current)
    return [t for t in new if sections.get(t, '').rstrip('\n') != new[t].rstrip('\n')]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--driver', help='tests/extract/extract_dates_tsv')
    ap.add_argument('--actors-driver', help='tests/extract/extract_actors_tsv')
    ap.add_argument('--tkg', help='the tkg command')
    ap.add_argument('--drafts', help='read drafts from DIR/NAME.xml instead of running tkg')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--check', nargs='?', const='all', choices=('all', 'sections', 'targets'),
                    help='what to check: all (the default), sections or targets')
    args = ap.parse_args()
    if not (args.driver or args.actors_driver or args.tkg or args.drafts):
        ap.error('nothing to score: give --driver, --actors-driver, --tkg or --drafts')
    new, problems = {}, []
    try:
        if args.driver:
            results = score_dates(args.driver)
            new[DATES_SECTION] = dates_table(results)
            problems += dates_targets(results)
        if args.actors_driver:
            new[ACTORS_SECTION] = actors_table(score_actors(args.actors_driver))
        if args.tkg or args.drafts:
            results = score_relations(args)
            new[RELATIONS_SECTION] = relations_table(results)
            problems += relations_targets(results)
    except GoldError as e:
        print(e, file=sys.stderr)
        return 2
    for title in SECTION_ORDER:
        if title in new:
            print(new[title])
    status = 0
    if args.write:
        write_results(new)
    elif args.check in ('all', 'sections'):
        for title in stale_sections(new):
            print('error: %s: the "%s" section is not what the scorer computes now; run '
                  'tests/extract/score.py --write' % (RESULTS, title), file=sys.stderr)
            status = 1
    if args.check in ('all', 'targets'):
        for p in problems:
            print('error: ' + p, file=sys.stderr)
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
