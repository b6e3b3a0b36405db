/* Drafting relations beyond a trigger and its actors (docs/extract.md, "Relations"; internal
 * header src/lib/extract_inferred.h): names inside names, English compounds of two names and
 * appositions give the relations their words say, the places of a sentence set in a state lie
 * in it, a document's relation takes the document's date, and a
 * possessor's hold ends where a new one starts. */
#include "extract_inferred.h"

#include <string.h>

/* True when the words of trigger `t` are the word tokens that end right before token `e`,
 * mentions or not (inside a name), none before token `lo`. */
static bool match_before(const work *w, const lexicon_trigger *t, size_t lo, size_t e)
{
    if (e < lo + t->word_count)
        return false;
    for (uint32_t i = 0; i < t->word_count; i++) {
        const token *x = &w->tok[e - t->word_count + i];
        const lexicon_word *y = &t->words[i];
        if (x->type != TOK_WORD || x->flen < y->len || (!y->prefix && x->flen != y->len) ||
            memcmp(w->fold + x->fold, y->text, y->len) != 0)
            return false;
    }
    return true;
}

/* The token before token `k` with determiners and signs read through, or NONE. */
static size_t before_determiners(const work *w, size_t k, size_t lo)
{
    while (k > lo && (xw_determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
        k--;
    return k > lo ? k - 1 : NONE;
}

/* The mention that holds the nested mention `i`: the nearest before it whose span holds it. */
static size_t container(const work *w, size_t i, size_t mlo)
{
    const extract_mention *m = w->in->mentions;
    for (size_t j = i; j-- > mlo;)
        if (m[j].start <= m[i].start && m[j].end >= m[i].end)
            return j;
    return NONE;
}

/* Adds draft `d` at `confidence`, dated, for a relation kind marked dated, by the publication
 * date (0.8 of the confidence): the rules of this file read no temporal expression. */
static int push_published(work *w, extract_draft *d, double confidence, size_t first)
{
    d->confidence = confidence;
    if (tkg_relation_kind_dated(w->in->ontology, d->kind)) {
        xw_date_published(w, d);
        d->confidence *= 0.8;
    }
    return xw_push_draft(w, d, first);
}

/* Names inside a name (docs/extract.md, "Names inside names"): a function-word trigger of the
 * name right before a nested mention ties the name that holds it (its head, before the
 * trigger) to it, as for two adjacent mentions: "camp de la MINUSMA à Bamako" (located_in),
 * "Conseil de sécurité de l'ONU" (part_of). */
int xi_draft_nested(work *w, size_t si, size_t mlo, size_t mhi, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    for (size_t i = mlo; i < mhi; i++) {
        size_t c = w->in->mentions[i].nested ? container(w, i, mlo) : NONE;
        if (c == NONE)
            continue;
        size_t ki = xw_token_at(w, i), lo = xw_token_at(w, c) + 1;
        size_t kd = before_determiners(w, ki, lo);
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!xw_function_word(t) ||
                (t->order != LEXICON_FROM_TRIGGER_TO && t->order != LEXICON_TO_TRIGGER_FROM))
                continue;
            size_t e = match_before(w, t, lo, ki)                     ? ki
                       : kd != NONE && match_before(w, t, lo, kd + 1) ? kd + 1
                                                                      : NONE;
            if (e == NONE)
                continue;
            bool fwd = t->order == LEXICON_FROM_TRIGGER_TO;
            size_t from = fwd ? c : i, to = fwd ? i : c;
            if (!xw_fits(w, from, tkg_relation_kind_domain(o, t->kind)) ||
                !xw_fits(w, to, tkg_relation_kind_range(o, t->kind)) || xw_same_entity(w, c, i))
                continue;
            extract_draft d = xw_draft(w, t, from, to, si, e - t->word_count, e - 1);
            d.rule = fwd ? "function word inside a name: the name before it, the name after it"
                         : "function word inside a name: to the name before it, from the name "
                           "after it";
            if (push_published(w, &d, xw_confidence(t), first))
                return -1;
        }
    }
    return 0;
}

/* English compounds of two names ("Security Council resolution 1925"): the head, after, with
 * the name before it, as "the head of the name" reads: each of the language's function-word
 * triggers made of "of" (and an article) ties them when their kinds fit (adopted_by). */
int xi_draft_compounds(work *w, size_t si, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    for (size_t k = 0; k + 1 < w->ntok; k++) {
        size_t h =
            w->tok[k].mention != NONE && (k == 0 || w->tok[k - 1].mention != w->tok[k].mention)
                ? xw_head(w, k)
                : k;
        if (h == k)
            continue;
        size_t a = w->tok[k].mention, b = w->tok[h].mention;
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!xw_function_word(t) || t->order != LEXICON_FROM_TRIGGER_TO ||
                t->words[0].len != 2 || memcmp(t->words[0].text, "of", 2) != 0)
                continue;
            if (!xw_fits(w, b, tkg_relation_kind_domain(o, t->kind)) ||
                !xw_fits(w, a, tkg_relation_kind_range(o, t->kind)) || xw_same_entity(w, a, b))
                continue;
            extract_draft d = xw_draft(w, t, b, a, si, k, xw_span_last(w, h));
            d.rule = "compound of two names: the head (after) of the name before it";
            if (push_published(w, &d, xw_confidence(t) * 0.9, first))
                return -1;
        }
    }
    return 0;
}

/* Appositions ("AUSSOM, the African Union mission,", "MONUSCO, the UN peacekeeping force"): a
 * name, a comma, articles, the name of an organisation, one to three words (the noun it
 * qualifies), then a comma or the clause's end: each of the language's function-word triggers
 * made of "of" or "de" ties the first name to the organisation when their kinds fit. */
int xi_draft_appositions(work *w, size_t si, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    uint32_t org = tkg_ontology_entity_kind(o, "organization");
    for (size_t k = 0; org != TKG_NO_KIND && k + 3 < w->ntok; k++) {
        if (w->tok[k].mention == NONE || w->tok[k].adjective ||
            (k > 0 && w->tok[k - 1].mention == w->tok[k].mention))
            continue;
        size_t a = w->tok[k].mention, c = xw_span_last(w, k) + 1;
        if (c >= w->ntok || w->tok[c].type != TOK_COMMA)
            continue;
        size_t p = c + 1;
        while (p < w->ntok && w->tok[p].mention == NONE && xw_determiner(w, &w->tok[p]))
            p++;
        if (p >= w->ntok || w->tok[p].mention == NONE || w->tok[p].adjective)
            continue;
        size_t b = w->tok[p].mention, q = xw_span_last(w, p) + 1, n0 = q;
        while (q < w->ntok && w->tok[q].type == TOK_WORD && w->tok[q].mention == NONE &&
               !w->tok[q].date && !xw_link_word(w, &w->tok[q]) && !xw_conjunction(w, &w->tok[q]) &&
               q - n0 < 4)
            q++;
        if (q == n0 || q - n0 > 3 ||
            (q < w->ntok && w->tok[q].type != TOK_COMMA && w->tok[q].type != TOK_BARRIER))
            continue;
        if (w->kinds[b] == TKG_NO_KIND || !tkg_entity_kind_is_a(o, w->kinds[b], org) ||
            xw_same_entity(w, a, b))
            continue;
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!xw_function_word(t) || t->order != LEXICON_FROM_TRIGGER_TO ||
                t->words[0].len != 2 ||
                (memcmp(t->words[0].text, "of", 2) != 0 && memcmp(t->words[0].text, "de", 2) != 0))
                continue;
            if (!xw_fits(w, a, tkg_relation_kind_domain(o, t->kind)) ||
                !xw_fits(w, b, tkg_relation_kind_range(o, t->kind)))
                continue;
            extract_draft d = xw_draft(w, t, a, b, si, n0, q - 1);
            d.rule = "apposition: the name before the comma, of the organisation that qualifies "
                     "the noun after it (X, the Y mission)";
            if (push_published(w, &d, xw_confidence(t) * 0.9, first))
                return -1;
        }
    }
    return 0;
}

int xi_draft_setting(work *w, size_t si, size_t mlo, size_t mhi, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    size_t s = xw_setting(w);
    if (s == NONE)
        return 0;
    size_t n0 = w->nout;
    for (size_t i = mlo; i < mhi; i++) {
        if (i == s || w->in->mentions[i].nested || xw_same_entity(w, i, s))
            continue;
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!xw_function_word(t) || t->order != LEXICON_FROM_TRIGGER_TO || t->word_count != 1 ||
                !match_before(w, t, 0, 1) || !xw_fits(w, i, tkg_relation_kind_domain(o, t->kind)) ||
                !xw_fits(w, s, tkg_relation_kind_range(o, t->kind)))
                continue;
            /* not a place the sentence locates otherwise */
            bool located = false;
            for (size_t j = first; j < n0 && !located; j++)
                located = w->out[j].kind == t->kind && xw_same_entity(w, w->out[j].from, i);
            if (located)
                continue;
            extract_draft d = xw_draft(w, t, i, s, si, 0, 0);
            d.rule = "the sentence's setting (In X, / Au X,): a place the sentence names, in it";
            if (push_published(w, &d, xw_confidence(t) * 0.9, first))
                return -1;
        }
    }
    return 0;
}

/* True when the mention `m` follows one of `words` (articles and a compound's first name
 * aside): "par la résolution", "by Security Council resolution 1925". */
static bool after_word(const work *w, size_t m, const char *const *words)
{
    size_t k = xw_token_at(w, m);
    while (k > 0 && w->tok[k - 1].mention != NONE && xw_head(w, xw_span_first(w, k - 1)) == k)
        k = xw_span_first(w, k - 1);
    k = before_determiners(w, k, 0);
    for (size_t i = 0; k != NONE && words[i]; i++)
        if (xw_word_is(w, &w->tok[k], words[i]))
            return true;
    return false;
}

static bool undated(const extract_draft *d)
{
    return d->date.precision == TKG_PREC_NONE && d->start.precision == TKG_PREC_NONE &&
           d->end.precision == TKG_PREC_NONE;
}

/* A relation of a document (a relation kind whose domain is the ontology's `document` kind or
 * one of its subkinds: adopted_by) that its clause leaves undated takes the document's date:
 * the graph's (an entity written with `date`), else the date of what the document does in the
 * sentence, as its agent ("créée le 25 avril 2013 par la résolution 2100", "created by
 * resolution 1925 on May 28, 2010"): a resolution acts on the day it is adopted. */
void xi_date_documents(work *w, size_t first)
{
    static const char *const agent[] = {"par", "by", NULL};
    const tkg_ontology *o = w->in->ontology;
    const extract_mention *m = w->in->mentions;
    uint32_t doc = tkg_ontology_entity_kind(o, "document");
    if (doc == TKG_NO_KIND)
        return;
    for (size_t i = first; i < w->nout; i++) {
        extract_draft *d = &w->out[i];
        uint32_t dom = tkg_relation_kind_domain(o, d->kind);
        if (!undated(d) || dom == TKG_NO_KIND || !tkg_entity_kind_is_a(o, dom, doc))
            continue;
        if (m[d->from].date.precision != TKG_PREC_NONE) {
            d->date = m[d->from].date;
            continue;
        }
        for (size_t j = first; j < w->nout; j++) {
            const extract_draft *e = &w->out[j];
            if (j != i && e->date.precision != TKG_PREC_NONE && !e->date_from_published &&
                xw_same_entity(w, e->to, d->from) && after_word(w, e->to, agent)) {
                d->date = e->date;
                d->confidence *= 0.9;
                break;
            }
        }
    }
}

/* A hold that starts ends another: when a draft starts at a date (taking, recovering a place)
 * and the name of its `to` names a possessor ("le camp de la MINUSMA": a nested mention after
 * de, du, des, d' or of) that fits the kind's domain, the possessor's relation of the same kind
 * ends at that date. */
int xi_draft_possessors(work *w, size_t first, size_t mlo, size_t mhi)
{
    static const char *const of[] = {"de", "du", "des", "d'", "of", NULL};
    const tkg_ontology *o = w->in->ontology;
    const extract_mention *m = w->in->mentions;
    for (size_t i = first, n = w->nout; i < n; i++) {
        extract_draft d = w->out[i];
        if (d.start.precision == TKG_PREC_NONE || d.end.precision != TKG_PREC_NONE ||
            tkg_relation_kind_symmetric(o, d.kind))
            continue;
        for (size_t j = d.to + 1; j < mhi && m[j].start < m[d.to].end; j++) {
            if (!m[j].nested || container(w, j, mlo) != d.to || xw_same_entity(w, j, d.from) ||
                !xw_fits(w, j, tkg_relation_kind_domain(o, d.kind)) || !after_word(w, j, of))
                continue;
            extract_draft e = d;
            e.from = j;
            e.end = d.start;
            e.start = (tkg_date){.precision = TKG_PREC_NONE};
            e.confidence = d.confidence * 0.8;
            e.rule = "the possessor named in the name of the to (le camp de la MINUSMA): its "
                     "hold ends when the new one starts";
            if (xw_push_draft(w, &e, first))
                return -1;
        }
    }
    return 0;
}
