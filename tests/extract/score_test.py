#!/usr/bin/env python3
"""Tests of tests/extract/score.py's relation scoring on hand-made drafts, without tkg:
the seed article's gold as derived from graphs/sahel.xml (against the list below, derived by
hand: docs/extract.md, "Evaluation"), the matching rule (kind, endpoints, symmetric kinds,
dates present or absent alike), the targets, the verbatim-citation check, and --write/--check
of RESULTS.md on a copy. Run by the ctest extract_score_selftest."""
import contextlib
import io
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

# The relations of graphs/sahel.xml citing rfi-2024-11-15 in a sentence that names both
# endpoints (gold/minusma-2024-11-15.actors.tsv), listed by hand, sentence by sentence.
SEED_GOLD = [
    # Au Mali, la mission de maintien de la paix MINUSMA de l'ONU quitte ...
    ('part_of', 'minusma', 'un', '', '', ''),
    ('deployed_in', 'minusma', 'mali', '', '2013-04-25', '2024-11-15'),
    # Les autorités maliennes récupèrent ce 15 novembre le camp de la MINUSMA à Bamako ...
    ('controlled', 'minusma', 'camp-bamako', '', '', '2024-11-15'),
    ('handed_over_to', 'camp-bamako', 'mali', '2024-11-15', '', ''),
    ('controlled', 'mali', 'camp-bamako', '', '2024-11-15', ''),
    ('located_in', 'camp-bamako', 'bamako', '', '', ''),
    ('located_in', 'bamako', 'mali', '', '', ''),
    ('located_in', 'gao', 'mali', '', '', ''),
    ('located_in', 'tombouctou', 'mali', '', '', ''),
    # ... conformément à la Résolution 2690 du Conseil de sécurité de l'ONU ...
    ('adopted_by', 'unsc-res-2690', 'unsc', '2023-06-30', '', ''),
    ('part_of', 'unsc', 'un', '', '', ''),
    # La MINUSMA, créée le 25 avril 2013 par la résolution 2100 ...
    ('adopted_by', 'unsc-res-2100', 'unsc', '2013-04-25', '', ''),
    ('established_by', 'minusma', 'unsc-res-2100', '2013-04-25', '', ''),
    # Le Mali, dirigé par le colonel Assimi Goïta depuis le coup d'État de mai 2021 ...
    ('leads', 'assimi-goita', 'mali', '', '2021-05', ''),
    ('participant_in', 'assimi-goita', 'coup-2021-05', '', '', ''),
    ('occurred_in', 'coup-2021-05', 'mali', '', '', ''),
]


def draft_xml(source, relations, cite):
    """A draft as tkg extract writes it (docs/extract.md, "The draft"): `relations` are
    (kind, from, to, date, start, end), each citing `cite`."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tkg xmlns="urn:tkg:1">',
           '  <source id="%s" published="2024-11-15" lang="fr"/>' % source]
    for (kind, frm, to, date, start, end) in relations:
        attrs = ''.join(' %s="%s"' % (k, v) for k, v in
                        (('date', date), ('start', start), ('end', end)) if v)
        out.append('  <relation kind="%s" from="%s" to="%s"%s>' % (kind, frm, to, attrs))
        out.append('    <attr key="draft_confidence" type="double">0.5</attr>')
        out.append('    <cite source="%s">%s</cite>' % (source, cite))
        out.append('  </relation>')
    out.append('</tkg>')
    return '\n'.join(out) + '\n'


class Args:
    def __init__(self, drafts):
        self.drafts, self.tkg = drafts, None


class RelationScoring(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.kinds = score.symmetric_kinds()
        # every text gets an empty draft unless a test writes one
        for name, _ in score.gold_texts():
            self.write(name, [])

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, name, relations, cite='Mali'):
        with open(os.path.join(self.tmp, name + '.xml'), 'w', encoding='utf-8') as f:
            f.write(draft_xml(name, relations, cite))

    def results(self):
        return {name: r for name, _, r in score.score_relations(Args(self.tmp))}

    def test_seed_gold_is_the_hand_derivation(self):
        meta, data, mentions = score.read_actors_gold(
            os.path.join(score.GOLD, score.SEED + '.actors.tsv'))
        gold, every = score.derived_gold(
            self.kinds, meta, data, mentions,
            os.path.join(score.GOLD, score.SEED + '.sentences.tsv'))
        want = {score.rel_key(self.kinds, *r) for r in SEED_GOLD}
        self.assertEqual(gold, want)
        self.assertTrue(gold < every)
        # the withdrawal from ECOWAS is in the graph, but its sentence names no state
        self.assertIn(('withdrew_from', 'mali', 'ecowas', '2024-01-28', '', ''), every)

    def test_exact_match_and_targets(self):
        right = SEED_GOLD[:10]
        wrong = [('part_of', 'mali', 'minusma', '', '', ''),
                 ('withdrew_from', 'mali', 'ecowas', '2024-01-28', '', ''),  # in the graph
                 ('leads', 'assimi-goita', 'mali', '', '', ''),  # its start missing
                 ('handed_over_to', 'camp-bamako', 'mali', '', '2024-11-15', '')]  # start≠date
        self.write(score.SEED, right + wrong)
        r = self.results()[score.SEED]
        self.assertEqual((r['gold'], r['found'], r['ok']), (16, 14, 10))
        self.assertIn((('withdrew_from', 'mali', 'ecowas', '2024-01-28', '', ''), True),
                      r['wrong'])
        self.assertIn((('part_of', 'mali', 'minusma', '', '', ''), False), r['wrong'])
        # recall 10/16 = 0.625 at precision 10/14 = 0.714: the targets are met
        self.assertEqual(score.relations_targets([(score.SEED, {}, r)]), [])
        # one right draft fewer: recall 9/16 = 0.5625 misses the target
        self.write(score.SEED, right[:9] + wrong)
        r = self.results()[score.SEED]
        self.assertEqual(len(score.relations_targets([(score.SEED, {}, r)])), 1)
        # precision 10/15 = 0.667 misses the target too
        self.write(score.SEED, right + wrong + [('located_in', 'gao', 'niger', '', '', '')])
        r = self.results()[score.SEED]
        self.assertEqual(len(score.relations_targets([(score.SEED, {}, r)])), 1)

    def test_symmetric_kinds_in_either_order(self):
        name = 'sahel-congo-2025-03-14'
        self.write(name, [
            # gold: allied_with central-african-republic → russia (start 2018)
            ('allied_with', 'russia', 'central-african-republic', '', '2018', ''),
            # gold: allied_with chad → france (end 2024-11-28); the end given as a start
            ('allied_with', 'france', 'chad', '', '2024-11-28', ''),
            # member_of is not symmetric: reversed, it is wrong
            ('member_of', 'aes', 'mali', '', '2023-09-16', ''),
            ('member_of', 'niger', 'aes', '', '2023-09-16', ''),
        ], cite='Chad ended its defence cooperation agreement with France')
        r = self.results()[name]
        self.assertEqual((r['gold'], r['found'], r['ok']), (17, 4, 2))

    def test_citation_must_be_verbatim(self):
        self.write(score.SEED, SEED_GOLD[:1], cite='Au  Mali, la mission')
        with self.assertRaises(score.GoldError):
            self.results()

    def test_write_then_check(self):
        self.write(score.SEED, SEED_GOLD)
        copy = os.path.join(self.tmp, 'RESULTS.md')
        shutil.copy(score.RESULTS, copy)
        saved = score.RESULTS
        score.RESULTS = copy
        argv = sys.argv
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                sys.argv = ['score.py', '--drafts', self.tmp, '--check']
                stale = score.main()
                sys.argv = ['score.py', '--drafts', self.tmp, '--write']
                wrote = score.main()
                sys.argv = ['score.py', '--drafts', self.tmp, '--check']
                fresh = score.main()
            text = score.read_text(copy)
        finally:
            score.RESULTS = saved
            sys.argv = argv
        self.assertEqual((stale, wrote, fresh), (1, 0, 0))
        self.assertIn('| minusma-2024-11-15 | fr | 16 (from graphs/sahel.xml) | 16 | 16 | '
                      '1.000 | 1.000 |', text)
        # the other sections are kept, in order
        self.assertLess(text.index(score.DATES_SECTION), text.index(score.RELATIONS_SECTION))


class GoldChecks(unittest.TestCase):
    def test_hand_gold_sentences_name_both_endpoints(self):
        kinds = score.symmetric_kinds()
        for name, path in score.gold_texts():
            rel = os.path.join(score.GOLD, name + '.relations.tsv')
            if os.path.exists(rel):
                _, data, mentions = score.read_actors_gold(path)
                score.read_relations_gold(kinds, rel, data, mentions)  # raises on a bad row

    def test_bad_gold_row(self):
        kinds = score.symmetric_kinds()
        _, data, mentions = score.read_actors_gold(
            os.path.join(score.GOLD, 'sahel-congo-2025-03-14.actors.tsv'))
        with tempfile.NamedTemporaryFile('w', suffix='.tsv', delete=False) as f:
            f.write('kind\tfrom\tto\tdate\tstart\tend\tsentence\n')
            f.write('leads\tabdourahamane-tiani\tchad\t\t2023-07-26\t\tGeneral Abdourahamane '
                    'Tiani has led Niger since July 26, 2023, when soldiers of the presidential '
                    'guard seized power in Niamey.\n')
        try:
            with self.assertRaisesRegex(score.GoldError, r':2:1: error: .*"chad"'):
                score.read_relations_gold(kinds, f.name, data, mentions)
        finally:
            os.unlink(f.name)


class HeldOut(unittest.TestCase):
    """Texts whose gold says `# heldout: yes` are scored apart from the development texts."""

    def write_gold(self, heldout_line):
        src = os.path.join(score.GOLD, 'sahel-congo-2025-03-14.actors.tsv')
        with open(src, encoding='utf-8') as f:
            lines = f.read().splitlines(True)
        path = os.path.join(self.tmp, 'x.actors.tsv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(heldout_line)
            # the text and graph paths stay relative to tests/extract/
            f.writelines(l.replace('# text: ', '# text: %s/' % score.HERE)
                         .replace('# graph: ', '# graph: %s/' % score.HERE) for l in lines)
        return path

    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_heldout_line(self):
        meta, _, _ = score.read_actors_gold(self.write_gold('# heldout: yes (written later)\n'))
        self.assertTrue(meta['heldout'])
        meta, _, _ = score.read_actors_gold(self.write_gold(''))
        self.assertFalse(meta['heldout'])
        with self.assertRaisesRegex(score.GoldError, r':1:1: error: .*heldout'):
            score.read_actors_gold(self.write_gold('# heldout: maybe\n'))

    def test_groups_and_tables(self):
        dev = ('dev-text', {'heldout': False, 'lang': 'en'},
               {'origin': 'by hand', 'gold': 2, 'found': 1, 'ok': 1, 'missed': [], 'wrong': []})
        held = ('held-text', {'heldout': True, 'lang': 'fr'},
                {'origin': 'by hand', 'gold': 4, 'found': 2, 'ok': 1, 'missed': [],
                 'wrong': [(('leads', 'a', 'b', '', '', ''), False)]})
        self.assertEqual([(label, [r[0] for r in rs]) for label, rs in score.groups([held, dev])],
                         [('**development texts**', ['dev-text']),
                          ('**held-out texts**', ['held-text'])])
        table = score.relations_table([held, dev]).splitlines()
        rows = [l for l in table if l.startswith('| ') and not l.startswith('| file')]
        self.assertEqual(rows, [
            '| dev-text | en | 2 (by hand) | 1 | 1 | 1.000 | 0.500 |',
            '| **development texts** | | 2 | 1 | 1 | 1.000 | 0.500 |',
            '| held-text | fr | 4 (by hand) | 2 | 1 | 0.500 | 0.250 |',
            '| **held-out texts** | | 4 | 2 | 1 | 0.500 | 0.250 |'])
        self.assertIn('- held-text (held out): drafted leads a → b', table)
        self.assertIn(score.HELDOUT_NOTE.split('\n')[0], table)
        # without held-out texts, no held-out row
        self.assertEqual([label for label, _ in score.groups([dev])], ['**development texts**'])


if __name__ == '__main__':
    unittest.main()
