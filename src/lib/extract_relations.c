/* Drafting relations from an article (docs/extract.md, "Relations"): the main loop, the
 * triggers and their actors and dates. Each sentence is cut into tokens (src/lib/extract_words.c);
 * the lexicon's triggers of the article's language are matched word by word, leftmost and
 * longest first, outside actor mentions and temporal expressions; each trigger then looks for
 * the nearest mentions that stand as its order says and fit its relation kind's domain and
 * range, within the trigger's clause, extended to the actors coordinated with them (an actor
 * may also stand as its adjective: "les autorités maliennes"); the draft takes its dates from
 * the temporal expression nearest to its trigger, in the trigger's clause. Then the rules
 * beyond a trigger (src/lib/extract_inferred.c) add the relations of names inside names,
 * English compounds, possessors and documents' dates. */
#include "extract_relations.h"

#include "error.h"
#include "extract_inferred.h"
#include "extract_words.h"

#include <string.h>

/* At most this many words (mentions and dates not counted) between a content trigger and
 * the mention it binds; beyond, the mention is taken to belong to another clause. */
#define MAX_WORDS 10
/* The longest coordination followed ("A, B, C et D"). */
#define MAX_CHAIN 8

/* A side's mentions: the nearest that fits, then those coordinated with it. */
typedef struct side {
    size_t m[MAX_CHAIN];                 /* mentions */
    size_t ks[MAX_CHAIN], ke[MAX_CHAIN]; /* their first and last tokens */
    size_t n;
    size_t words;   /* words between the trigger and the nearest */
    size_t skipped; /* nearer mentions that did not fit */
    bool apposition;
    bool shared;     /* the subject of the verb before ("A seized X and took Y") */
    bool appositive; /* the trigger opens an apposition ("Bukavu, dans l'est de") */
} side;

/* Extends side `s` to the mentions coordinated with its last one, reading forward (`dir` 1)
 * or backward (-1): "A, B et C". Forward, commas count only when an "et" ends the list;
 * backward (from C), the link nearest the trigger must be "et", then commas may follow. */
static void coordinate(const work *w, side *s, int dir, uint32_t kind, size_t other)
{
    size_t pending[MAX_CHAIN], pks[MAX_CHAIN], pke[MAX_CHAIN], npending = 0;
    bool conj_seen = false, linked = false, comma = false;
    size_t k = dir > 0 ? s->ke[0] + 1 : s->ks[0];
    while (s->n + npending < MAX_CHAIN) {
        if (dir < 0) {
            if (k == 0)
                break;
            k--;
        } else if (k >= w->ntok) {
            break;
        }
        const token *t = &w->tok[k];
        if (t->mention != NONE) {
            size_t j = t->mention, ks = xw_span_first(w, k), ke = xw_span_last(w, k);
            /* coordinated actors are alike: "Ouagadougou et Niamey", not "la résolution
             * 2100 et le Mali" */
            if (!linked || !xw_fits(w, j, kind) || xw_same_entity(w, j, other) ||
                w->kinds[j] != w->kinds[s->m[0]])
                break;
            bool conj_link = !comma;
            if (dir > 0) {
                if (comma && !conj_link) {
                    pks[npending] = ks, pke[npending] = ke;
                    pending[npending++] = j;
                } else {
                    for (size_t i = 0; i < npending; i++, s->n++)
                        s->m[s->n] = pending[i], s->ks[s->n] = pks[i], s->ke[s->n] = pke[i];
                    npending = 0;
                    s->m[s->n] = j, s->ks[s->n] = ks, s->ke[s->n++] = ke;
                    if (conj_link)
                        break; /* "A, B et C": the list ends at C */
                }
            } else {
                if (!conj_link && !conj_seen)
                    break; /* "Au Mali, la France": no list without "et" */
                conj_seen = conj_seen || conj_link;
                s->m[s->n] = j, s->ks[s->n] = ks, s->ke[s->n++] = ke;
            }
            linked = comma = false;
            k = dir > 0 ? ke + 1 : ks;
            continue;
        }
        if (t->type == TOK_COMMA) {
            linked = comma = true;
        } else if (t->type == TOK_WORD && xw_conjunction(w, t)) {
            linked = true;
            comma = false;
        } else if (!(t->type == TOK_OTHER || (t->type == TOK_WORD && xw_link_word(w, t)))) {
            break;
        }
        if (dir > 0)
            k++;
    }
}

/* True when `kind` (a domain) is the ontology's `place` or a subkind: an apposition after a
 * place says where the place is, whatever the place's role in the sentence ("s'emparent de
 * Bukavu, dans l'est de la RDC"). */
static bool of_places(const work *w, uint32_t kind)
{
    uint32_t place = tkg_ontology_entity_kind(w->in->ontology, "place");
    return place != TKG_NO_KIND && kind != TKG_NO_KIND &&
           tkg_entity_kind_is_a(w->in->ontology, kind, place);
}

/* The nearest mention before token `k0` (exclusive) that fits `kind` and is not the entity of
 * `other`, within the clause: a comma stops the search, but for an apposition ("Le Mali,
 * dirigé par": the comma right before the trigger, a mention right before the comma). */
static void find_before(const work *w, side *s, size_t k0, uint32_t kind, size_t other,
                        bool adjacent)
{
    s->n = s->words = s->skipped = 0;
    s->apposition = s->shared = s->appositive = false;
    for (size_t k = k0; k-- > 0;) {
        const token *t = &w->tok[k];
        if (t->mention != NONE) {
            size_t j = t->mention, ks = xw_span_first(w, k);
            if (xw_fits(w, j, kind) && !xw_same_entity(w, j, other)) {
                s->m[0] = j, s->ks[0] = ks, s->ke[0] = k, s->n = 1;
                coordinate(w, s, -1, kind, other);
                return;
            }
            if (!xw_same_entity(w, j, other) && (adjacent || !xw_complement(w, ks)))
                return;
            s->skipped++;
            k = ks;
            continue;
        }
        if (t->date || t->type == TOK_OTHER)
            continue;
        if (t->type == TOK_BARRIER)
            return;
        if (t->type == TOK_COMMA) {
            /* "Itombwe, in South Kivu": a function word of places opening an apposition */
            if (adjacent && !s->apposition && k + 1 == k0 && k > 0 &&
                w->tok[k - 1].mention != NONE && of_places(w, kind)) {
                s->apposition = s->appositive = true;
                continue;
            }
            if (adjacent || s->apposition)
                return;
            s->apposition = true;
            /* An insertion between the subject and its verb ("Le Mali, dirigé par Assimi
             * Goïta depuis 2021, a quitté", "Goïta, the leader of Mali, accused"): on to the
             * mention before the opening comma. */
            size_t c = k, words = 0;
            while (c > 0 && (w->tok[c - 1].date || (w->tok[c - 1].type != TOK_COMMA &&
                                                    w->tok[c - 1].type != TOK_BARRIER))) {
                c--;
                /* a content word: "Mali, Burkina Faso and Niger," is a list, no insertion */
                words += w->tok[c].type == TOK_WORD && w->tok[c].mention == NONE &&
                         !w->tok[c].date && !xw_link_word(w, &w->tok[c]) &&
                         !xw_conjunction(w, &w->tok[c]);
            }
            if (words && c >= 2 && w->tok[c - 1].type == TOK_COMMA &&
                w->tok[c - 2].mention != NONE && !xw_prepositional(w, xw_span_first(w, c - 2))) {
                k = c - 1;
                continue;
            }
            /* An apposition: "Le Mali, dirigé par", "Goïta, the leader of": the comma before
             * the trigger (articles aside), a mention before the comma. */
            size_t j = k + 1;
            while (j < k0 && xw_determiner(w, &w->tok[j]))
                j++;
            if (j == k0 && k > 0 && w->tok[k - 1].mention != NONE &&
                (!xw_prepositional(w, xw_span_first(w, k - 1)) || of_places(w, kind))) {
                s->appositive = true;
                continue;
            }
            return;
        }
        if (adjacent || ++s->words > MAX_WORDS)
            return;
    }
}

/* The nearest mention from token `k0` on: as find_before, forward; a comma stops it unless it
 * sets off a date ("créée, le 25 avril 2013, par"). `adjacent`: only determiners between. */
static void find_after(const work *w, side *s, size_t k0, uint32_t kind, size_t other,
                       bool adjacent)
{
    s->n = s->words = s->skipped = 0;
    s->apposition = s->shared = s->appositive = false;
    for (size_t k = k0; k < w->ntok; k++) {
        const token *t = &w->tok[k];
        if (t->mention != NONE) {
            size_t j = t->mention, ke = xw_span_last(w, k), h = xw_head(w, k);
            if (h != k && xw_fits(w, w->tok[h].mention, kind) &&
                !xw_same_entity(w, w->tok[h].mention, other))
                j = w->tok[h].mention, k = h, ke = xw_span_last(w, h);
            if (xw_fits(w, j, kind) && !xw_same_entity(w, j, other)) {
                s->m[0] = j, s->ks[0] = k, s->ke[0] = ke, s->n = 1;
                coordinate(w, s, 1, kind, other);
                return;
            }
            if (!xw_same_entity(w, j, other) && (adjacent || !xw_complement(w, k)))
                return;
            s->skipped++;
            k = ke;
            continue;
        }
        if (t->date || t->type == TOK_OTHER)
            continue;
        if (t->type == TOK_BARRIER)
            return;
        if (t->type == TOK_COMMA) {
            size_t j = k + 1; /* ", le 25 avril 2013," */
            while (j < w->ntok && j <= k + 2 && w->tok[j].type == TOK_WORD && !w->tok[j].date &&
                   w->tok[j].mention == NONE)
                j++;
            if (!adjacent && ((k > 0 && w->tok[k - 1].date) || (j < w->ntok && w->tok[j].date)))
                continue;
            return;
        }
        if (adjacent) {
            if (xw_determiner(w, t))
                continue;
            return;
        }
        if (++s->words > MAX_WORDS)
            return;
    }
}

/* A verb coordinated with the one before it shares its subject ("M23 seized Goma on January 27
 * and took control of Bukavu"): when `et`/`and` stands right before the trigger at token `k`,
 * the side gets the `from` mentions that fit `kind` of the latest trigger of the sentence
 * (drafts from `first` on) whose `from` stood before it. */
static void shared_subject(const work *w, side *s, size_t k, uint32_t kind, size_t first)
{
    const extract_mention *m = w->in->mentions;
    if (k == 0 || !xw_conjunction(w, &w->tok[k - 1]))
        return;
    size_t latest = NONE;
    for (size_t i = first; i < w->nout; i++) {
        const extract_draft *d = &w->out[i];
        if (d->trigger_end <= w->tok[k].start && m[d->from].end <= d->trigger_start &&
            (latest == NONE || d->trigger_start > w->out[latest].trigger_start))
            latest = i;
    }
    for (size_t i = first; latest != NONE && i < w->nout && s->n < MAX_CHAIN; i++) {
        const extract_draft *d = &w->out[i];
        bool seen = false;
        for (size_t j = 0; j < s->n && !seen; j++)
            seen = xw_same_entity(w, s->m[j], d->from);
        if (d->trigger_start != w->out[latest].trigger_start || seen || !xw_fits(w, d->from, kind))
            continue;
        size_t ks = xw_token_at(w, d->from);
        s->m[s->n] = d->from, s->ks[s->n] = ks, s->ke[s->n] = xw_span_last(w, ks), s->n++;
        s->shared = true;
    }
}

/* A temporal expression set inside a verb phrase, with its article or preposition ("a mis fin
 * le 28 novembre 2024 à", "s'est emparé le 16 février de", "took on Monday control of"): the
 * token after it when one starts at token `p`, else `p`. */
static size_t skip_date(const work *w, size_t p)
{
    static const char *const lead[] = {"le", "ce", "en", "on", "in", "the", "this", NULL};
    size_t q = p;
    for (size_t i = 0; lead[i] && q + 1 < w->ntok; i++)
        if (xw_word_is(w, &w->tok[q], lead[i]) && w->tok[q + 1].date && !w->tok[q].date) {
            q++;
            break;
        }
    if (q >= w->ntok || !w->tok[q].date)
        return p;
    while (q < w->ntok && w->tok[q].date)
        q++;
    return q;
}

/* The number of tokens the trigger `t` matches from token `k`, 0 when it does not: each of
 * its words against a word token outside mentions and dates, whole or as a prefix; between
 * two of its words, a temporal expression (and its article) is read through. */
static size_t match(const work *w, const lexicon_trigger *t, size_t k)
{
    size_t p = k;
    for (uint32_t i = 0; i < t->word_count; i++, p++) {
        if (i > 0)
            p = skip_date(w, p);
        if (p >= w->ntok)
            return 0;
        const token *x = &w->tok[p];
        const lexicon_word *y = &t->words[i];
        if (x->type != TOK_WORD || x->mention != NONE || x->date)
            return 0;
        if (x->flen < y->len || (!y->prefix && x->flen != y->len) ||
            memcmp(w->fold + x->fold, y->text, y->len) != 0)
            return 0;
    }
    return p - k;
}

/* True when a comma or a barrier lies in the bytes [a, b) of the sentence. */
static bool separated(const work *w, size_t a, size_t b)
{
    for (size_t k = 0; k < w->ntok && w->tok[k].start < b; k++)
        if (w->tok[k].start >= a && !w->tok[k].date &&
            (w->tok[k].type == TOK_COMMA || w->tok[k].type == TOK_BARRIER))
            return true;
    return false;
}

/* True when the date `x` closes the sentence after a comma, a preposition or an article at most
 * before it (", le 16 février.", ", on February 16."): like a date that opens it, it dates the
 * sentence's main clause. */
static bool closing(const work *w, const xdate *x)
{
    size_t k = w->ntok;
    while (k > 0 && (w->tok[k - 1].start >= x->start || w->tok[k - 1].type == TOK_OTHER))
        k--;
    for (size_t j = k; j < w->ntok; j++) /* nothing but signs after it */
        if (w->tok[j].start >= x->end && w->tok[j].type != TOK_OTHER)
            return false;
    size_t words = 0;
    while (k > 0 && w->tok[k - 1].type == TOK_WORD && w->tok[k - 1].mention == NONE &&
           (xw_link_word(w, &w->tok[k - 1]) || xw_word_is(w, &w->tok[k - 1], "on") ||
            xw_word_is(w, &w->tok[k - 1], "le") || xw_word_is(w, &w->tok[k - 1], "since") ||
            xw_word_is(w, &w->tok[k - 1], "depuis") || xw_word_is(w, &w->tok[k - 1], "until")) &&
           words < 2) {
        k--;
        words++;
    }
    return k > 0 && w->tok[k - 1].type == TOK_COMMA && !w->tok[k - 1].date;
}

/* True when a clause boundary lies between the trigger [ts, te) and the date `x`: a barrier,
 * or a comma other than the date's own ("créée, le 25 avril 2013, par"). */
static bool apart(const work *w, const xdate *x, size_t ts, size_t te)
{
    size_t a = x->start >= te ? te : x->end, b = x->start >= te ? x->start : ts;
    for (size_t k = 0; k < w->ntok && w->tok[k].start < b; k++) {
        const token *t = &w->tok[k];
        if (t->start < a || t->date || (t->type != TOK_COMMA && t->type != TOK_BARRIER))
            continue;
        /* ", le 25 avril" read through, but for a date that closes the sentence: the main
         * clause's, not an apposition's */
        if (t->type == TOK_COMMA && x->start >= te && !closing(w, x)) {
            size_t j = k + 1;
            while (j < w->ntok && w->tok[j].start < b && w->tok[j].type == TOK_WORD && j - k <= 2)
                j++;
            if (j >= w->ntok || w->tok[j].start >= b)
                continue;
        }
        return true;
    }
    return false;
}

/* The draft's dates from the sentence's temporal expressions [dlo, dhi): the one nearest to
 * its trigger in the trigger's clause (or one that opens the sentence: "En 2013, ..."), read
 * by its role, the trigger's date role for a point; a bound given alone is completed by an
 * expression of the clause that gives the other. */
static bool date_draft(const work *w, extract_draft *d, size_t dlo, size_t dhi, bool appositive)
{
    const xdate *x = w->in->dates;
    size_t best = NONE, bestd = 0, ts = d->trigger_start, te = d->trigger_end, k = 0;
    while (k < w->ntok && w->tok[k].start < ts)
        k++;
    /* a verb coordinated with the one before ("seized Goma on January 27 and took Bukavu") */
    bool coordinated = k > 0 && xw_conjunction(w, &w->tok[k - 1]);
    for (size_t i = dlo; i < dhi; i++) {
        size_t dist = x[i].end <= ts ? ts - x[i].end : x[i].start >= te ? x[i].start - te : 0;
        /* before the sentence's first comma (there is one after it), or closing it */
        bool fronted = (!separated(w, w->tok[0].start, x[i].start) &&
                        separated(w, x[i].end, w->tok[w->ntok - 1].end)) ||
                       (!appositive && closing(w, &x[i]));
        if (!fronted && (apart(w, &x[i], ts, te) || (coordinated && x[i].end <= ts)))
            continue; /* in another clause, or the verb's before "et"/"and" */
        if (best == NONE || dist < bestd)
            best = i, bestd = dist;
    }
    if (best == NONE)
        return false;
    const xdate *b = &x[best];
    switch (b->role) {
    case XDATE_START:
        d->start = b->value;
        break;
    case XDATE_END:
        d->end = b->value;
        break;
    case XDATE_SPAN:
        d->start = b->value;
        d->end = b->value2;
        break;
    case XDATE_POINT:
        if (d->trigger->date_role == LEXICON_START)
            d->start = b->value;
        else if (d->trigger->date_role == LEXICON_END)
            d->end = b->value;
        else
            d->date = b->value;
        break;
    }
    /* "depuis 2013 jusqu'en 2024": the other bound from an expression that gives it */
    if (b->role == XDATE_START || b->role == XDATE_END) {
        xdate_role want = b->role == XDATE_START ? XDATE_END : XDATE_START;
        for (size_t i = dlo; i < dhi; i++)
            if (x[i].role == want && !apart(w, &x[i], ts, te)) {
                if (want == XDATE_END)
                    d->end = x[i].value;
                else
                    d->start = x[i].value;
                break;
            }
    }
    return true;
}

static const char *const rules[4][4] = {
    {"from before the trigger, to after it: the nearest mentions that fit, in its clause",
     "from before the trigger, to after it: a mention coordinated with the nearest that fits",
     "function word between two adjacent mentions: from before it, to after it",
     "from before the trigger, to after it: an actor named by its adjective (maliennes)"},
    {"to before the trigger, from after it: the nearest mentions that fit, in its clause",
     "to before the trigger, from after it: a mention coordinated with the nearest that fits",
     "function word between two adjacent mentions: to before it, from after it",
     "to before the trigger, from after it: an actor named by its adjective (maliennes)"},
    {"from then to after the trigger: the nearest mentions that fit, in its clause",
     "from then to after the trigger: a mention coordinated with the nearest that fits",
     "function word before two adjacent mentions: from, then to",
     "from then to after the trigger: an actor named by its adjective (maliennes)"},
    {"to then from after the trigger: the nearest mentions that fit, in its clause",
     "to then from after the trigger: a mention coordinated with the nearest that fits",
     "function word before two adjacent mentions: to, then from",
     "to then from after the trigger: an actor named by its adjective (maliennes)"},
};

/* A second object that shares the trigger through an ellipsis: "a member of X since 2022, and
 * of Y since 1997", "membre de X depuis 1983, et de Y depuis 1998". The trigger ends with a
 * preposition, its object's last token is `e`; after it, up to a comma (dates and at most
 * three words between), "and"/"et", a preposition and articles, then a mention that fits
 * `ran`: its mention, and in `*prep` the preposition's token; NONE without one. */
static size_t shared_object(const work *w, size_t last, size_t e, uint32_t ran, size_t other,
                            size_t *prep)
{
    static const char *const preps[] = {"of", "de", "du", "des", "d'", NULL};
    bool linked = false;
    for (size_t i = 0; preps[i] && !linked; i++)
        linked = xw_word_is(w, &w->tok[last], preps[i]);
    if (!linked)
        return NONE;
    size_t p = e + 1, words = 0;
    while (p < w->ntok && w->tok[p].type != TOK_COMMA) {
        if (w->tok[p].mention != NONE || w->tok[p].type == TOK_BARRIER ||
            (!w->tok[p].date && ++words > 3))
            return NONE;
        p++;
    }
    if (p + 2 >= w->ntok || !xw_conjunction(w, &w->tok[p + 1]))
        return NONE;
    p += 2;
    linked = false;
    for (size_t i = 0; preps[i] && !linked; i++)
        linked = xw_word_is(w, &w->tok[p], preps[i]);
    if (!linked || w->tok[p].mention != NONE)
        return NONE;
    *prep = p++;
    while (p < w->ntok && w->tok[p].mention == NONE && xw_determiner(w, &w->tok[p]))
        p++;
    if (p >= w->ntok || w->tok[p].mention == NONE)
        return NONE;
    size_t m = w->tok[p].mention;
    return xw_fits(w, m, ran) && !xw_same_entity(w, m, other) ? m : NONE;
}

/* Drafts the relations of trigger `t` matched at tokens [k, k + len) in sentence `si`. */
static int draft_trigger(work *w, const lexicon_trigger *t, size_t k, size_t len, size_t si,
                         size_t dlo, size_t dhi, size_t sentence_first, bool ambiguous)
{
    const tkg_ontology *o = w->in->ontology;
    uint32_t dom = tkg_relation_kind_domain(o, t->kind), ran = tkg_relation_kind_range(o, t->kind);
    bool fw = xw_function_word(t);
    side a, b; /* a: the side found first; b: the other */
    bool a_from, set = false;
    switch (t->order) {
    case LEXICON_FROM_TRIGGER_TO:
    case LEXICON_TO_TRIGGER_FROM:
        a_from = t->order == LEXICON_FROM_TRIGGER_TO;
        find_before(w, &a, k, a_from ? dom : ran, NONE, fw);
        if (a.n == 0 && a_from && !fw)
            shared_subject(w, &a, k, dom, sentence_first);
        if (a.n == 0)
            return 0;
        find_after(w, &b, k + len, a_from ? ran : dom, a.m[0], fw);
        /* "In Ghana, X was sworn in as president", "Au Tchad, X a été investi président":
         * with no `to` after the trigger, the state the sentence is set in */
        if (b.n == 0 && a_from && !fw) {
            size_t m = xw_setting(w);
            if (m != NONE && xw_fits(w, m, ran) && !xw_same_entity(w, m, a.m[0]) &&
                w->in->mentions[m].end <= w->in->mentions[a.m[0]].start) {
                b.n = 1, b.m[0] = m, b.ks[0] = b.ke[0] = xw_token_at(w, m);
                b.ke[0] = xw_span_last(w, b.ks[0]);
                b.words = b.skipped = 0;
                b.apposition = b.shared = b.appositive = false;
                set = true;
            }
        }
        break;
    default:
        a_from = t->order == LEXICON_TRIGGER_FROM_TO;
        find_after(w, &a, k + len, a_from ? dom : ran, NONE, fw);
        if (a.n == 0)
            return 0;
        find_after(w, &b, a.ke[a.n - 1] + 1, a_from ? ran : dom, a.m[0], fw);
        break;
    }
    /* A symmetric kind whose subject is a coordination and which has no object ties the
     * coordinated actors to each other: "Le Niger et la Russie sont alliés depuis 2024". */
    bool mutual = b.n == 0 && a.n >= 2 && !fw && t->order == LEXICON_FROM_TRIGGER_TO &&
                  tkg_relation_kind_symmetric(o, t->kind);
    if (mutual)
        b = a;
    if (b.n == 0)
        return 0;
    const double conf0 = xw_confidence(t);
    for (size_t i = 0; i < a.n; i++)
        for (size_t j = mutual ? i + 1 : 0; j < b.n; j++) {
            size_t from = a_from ? a.m[i] : b.m[j], to = a_from ? b.m[j] : a.m[i];
            if (xw_same_entity(w, from, to))
                continue;
            if (mutual && w->in->mentions[from].start > w->in->mentions[to].start) {
                size_t x = from; /* in text order */
                from = to;
                to = x;
            }
            bool adj = w->tok[a.ks[i]].adjective || w->tok[b.ks[j]].adjective;
            bool ana = w->tok[a.ks[i]].anaphor || w->tok[b.ks[j]].anaphor;
            extract_draft d = xw_draft(w, t, from, to, si, k, k + len - 1);
            d.rule = set        ? "from before the trigger; to: the state the sentence is set in "
                                  "(In X, / Au X,), no other fitting the kind after the trigger"
                     : mutual   ? "symmetric kind without an object: the actors coordinated before "
                                  "the trigger, with each other"
                     : ana      ? "the nearest mentions that fit, in the trigger's clause; le pays "
                                  "(the country): the state the sentence named before it"
                     : a.shared ? "from: the subject of the verb before, across et/and (A seized X "
                                  "and took Y); to after the trigger"
                                : rules[t->order][fw         ? 2
                                                  : adj      ? 3
                                                  : (i || j) ? 1
                                                             : 0];
            /* A function word's clause is too short to hold the date of an undated kind. */
            bool dated = tkg_relation_kind_dated(o, t->kind);
            bool found = (!fw || dated) && date_draft(w, &d, dlo, dhi, a.appositive);
            if (!found && dated)
                xw_date_published(w, &d);
            double c = conf0;
            size_t words = a.words + b.words;
            c *= words > 6 ? 0.8 : words > 3 ? 0.9 : 1.0;
            c *= (a.skipped + b.skipped) ? 0.85 : 1.0;
            c *= (i || j) ? 0.9 : 1.0;
            c *= adj ? 0.8 : 1.0;
            c *= a.apposition || b.apposition ? 0.95 : 1.0;
            c *= a.shared ? 0.9 : 1.0;
            c *= d.date_from_published ? 0.8 : 1.0;
            c *= ambiguous ? 0.85 : 1.0;
            c *= set ? 0.8 : 1.0;
            d.confidence = c < 0.05 ? 0.05 : c > 1.0 ? 1.0 : c;
            if (xw_push_draft(w, &d, sentence_first))
                return -1;
        }
    /* "a member of X since 2022, and of Y since 1997": the same from, the trigger's
     * preposition repeated for another object, dated from there */
    size_t prep = NONE, y = NONE;
    if (t->order == LEXICON_FROM_TRIGGER_TO && !fw && !mutual && !set)
        y = shared_object(w, k + len - 1, b.ke[b.n - 1], ran, a.m[0], &prep);
    for (size_t i = 0; y != NONE && i < a.n; i++) {
        if (xw_same_entity(w, a.m[i], y))
            continue;
        extract_draft d = xw_draft(w, t, a.m[i], y, si, prep, prep);
        d.rule = "from before the trigger; to: a second object sharing the trigger across "
                 "a list (X, and of Y)";
        bool dated = tkg_relation_kind_dated(o, t->kind);
        size_t dfirst = dlo; /* the dates after the repeated preposition: its own */
        while (dfirst < dhi && w->in->dates[dfirst].start < w->tok[prep].start)
            dfirst++;
        if (!date_draft(w, &d, dfirst, dhi, a.appositive) && dated)
            xw_date_published(w, &d);
        double c = conf0 * 0.9 * (i ? 0.9 : 1.0) * (d.date_from_published ? 0.8 : 1.0);
        d.confidence = c < 0.05 ? 0.05 : c;
        if (xw_push_draft(w, &d, sentence_first))
            return -1;
    }
    return 0;
}

/* A function word adds nothing where a content trigger of the sentence already ties the same
 * two actors: its drafts for such a pair are dropped. */
static void drop_weak(work *w, size_t first)
{
    const extract_mention *m = w->in->mentions;
    size_t n = first;
    for (size_t i = first; i < w->nout; i++) {
        const extract_draft *d = &w->out[i];
        bool drop = false;
        for (size_t j = first; xw_function_word(d->trigger) && j < w->nout && !drop; j++) {
            const extract_draft *e = &w->out[j];
            if (xw_function_word(e->trigger))
                continue;
            drop = (!strcmp(m[e->from].id, m[d->from].id) && !strcmp(m[e->to].id, m[d->to].id)) ||
                   (!strcmp(m[e->from].id, m[d->to].id) && !strcmp(m[e->to].id, m[d->from].id));
        }
        if (!drop)
            w->out[n++] = *d;
    }
    w->nout = n;
}

static int draft_sentence(work *w, size_t si, size_t mlo, size_t mhi, size_t dlo, size_t dhi)
{
    const extract_span *s = &w->in->sentences[si];
    if (xw_tokenize(w, s->start, s->end))
        return -1;
    xw_mark(w, mlo, mhi, dlo, dhi);
    size_t first = w->nout;
    for (size_t k = 0; k < w->ntok;) {
        size_t best = 0, nbest = 0;
        for (size_t i = 0; i < w->ntrig; i++) {
            size_t n = match(w, w->trig[i], k);
            if (n > best)
                best = n, nbest = 0;
            nbest += n && n == best;
        }
        if (best == 0) {
            k++;
            continue;
        }
        for (size_t i = 0; i < w->ntrig; i++)
            if (match(w, w->trig[i], k) == best &&
                draft_trigger(w, w->trig[i], k, best, si, dlo, dhi, first, nbest > 1))
                return -1;
        k += best;
    }
    if (xi_draft_nested(w, si, mlo, mhi, first) || xi_draft_compounds(w, si, first) ||
        xi_draft_appositions(w, si, first) || xi_draft_possessors(w, first, mlo, mhi) ||
        xi_draft_setting(w, si, mlo, mhi, first))
        return -1;
    drop_weak(w, first);
    xi_date_documents(w, first);
    /* In text order: by trigger, stable (the drafts of names inside names come last). */
    for (size_t i = first + 1; i < w->nout; i++) {
        extract_draft d = w->out[i];
        size_t j = i;
        for (; j > first && w->out[j - 1].trigger_start > d.trigger_start; j--)
            w->out[j] = w->out[j - 1];
        w->out[j] = d;
    }
    return 0;
}

int extract_relations(const extract_input *in, extract_draft **out, size_t *count, tkg_error *err)
{
    work w = {0};
    int rc = TKG_OK;
    *out = NULL;
    *count = 0;
    if (xw_init(&w, in))
        goto nomem;
    size_t m = 0, d = 0;
    for (size_t si = 0; si < in->sentence_count; si++) {
        const extract_span *s = &in->sentences[si];
        while (m < in->mention_count && in->mentions[m].start < s->start)
            m++;
        while (d < in->date_count && in->dates[d].start < s->start)
            d++;
        size_t mhi = m, dhi = d;
        while (mhi < in->mention_count && in->mentions[mhi].end <= s->end)
            mhi++;
        while (dhi < in->date_count && in->dates[dhi].end <= s->end)
            dhi++;
        if (mhi == m && w.nstem == 0)
            continue; /* no actor */
        if (draft_sentence(&w, si, m, mhi, d, dhi))
            goto nomem;
    }
    if (w.nout) {
        *out = w.out;
        *count = w.nout;
        w.out = NULL;
    }
    goto done;
nomem:
    rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
done:
    xw_free(&w);
    return rc;
}
