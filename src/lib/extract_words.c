/* The words of a sentence, for drafting relations (docs/extract.md, "Relations", "Triggers";
 * internal header src/lib/extract_words.h): the work state of an article's drafting, the
 * cutting of a sentence into tokens (folded with the lexicon's function, lexicon_fold_step,
 * keeping their bytes in the text), the marking of actor mentions, temporal expressions,
 * actors' adjectives and "le pays" onto them, the predicates on words (articles, prepositions,
 * conjunctions, function-word triggers) and mentions (kinds, entities, English compounds), and
 * the sentence's drafts, each said once. */
#include "extract_words.h"

#include <stdlib.h>
#include <string.h>

static int grow(void *data, size_t *cap, size_t need, size_t size)
{
    void **p = (void **)data;
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    if (n < need)
        n = need;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* The code point at `s` (`n` > 0 bytes), or the byte itself when it is not UTF-8. */
static long decode(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80 || n < 2)
        return s[0];
    if ((s[0] & 0xe0) == 0xc0)
        return ((long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    if ((s[0] & 0xf0) == 0xe0 && n >= 3)
        return ((long)(s[0] & 0x0f) << 12) | ((long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
    return s[0];
}

/* The token type of a character that is not a word character, or TOK_WORD. */
static tok_type sign(long cp)
{
    if (cp == ',')
        return TOK_COMMA;
    if (cp == ';' || cp == ':' || cp == '?' || cp == '!' || cp == '(' || cp == ')' || cp == '[' ||
        cp == ']' || cp == 0x2026 || cp == 0x2013 || cp == 0x2014)
        return TOK_BARRIER;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
                       cp == '-' || cp == '*' || cp >= 0x80
                   ? TOK_WORD
                   : TOK_OTHER;
    /* Latin-1 signs (« » ¿ ¡ ° ·), general punctuation (“ ” • ‹ ›) */
    if ((cp >= 0xa1 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 || (cp >= 0x2000 && cp <= 0x206f))
        return TOK_OTHER;
    return TOK_WORD;
}

static int push_token(work *w, size_t start, size_t end, tok_type type)
{
    if (grow(&w->tok, &w->captok, w->ntok + 1, sizeof *w->tok))
        return -1;
    w->tok[w->ntok++] = (token){start, end, 0, 0, type, NONE, false, false, false};
    return 0;
}

/* Cuts text[start, end) into tokens: words (folded, split after apostrophes as the lexicon
 * splits its triggers: "s'est" is "s'" "est"), commas, barriers and other signs. */
int xw_tokenize(work *w, size_t start, size_t end)
{
    const char *text = w->in->text;
    bool open = false; /* the last token is a word still growing */
    w->ntok = 0;
    w->nfold = 0;
    for (size_t i = start; i < end;) {
        char buf[4];
        size_t used, n = lexicon_fold_step(text + i, end - i, &used, buf);
        long cp = decode((const unsigned char *)text + i, end - i);
        if (n == 1 && buf[0] == ' ') {
            open = false;
        } else if (n == 1 && buf[0] == '\'') {
            if (open) { /* an elision: the apostrophe ends the word */
                if (grow(&w->fold, &w->capfold, w->nfold + 1, 1))
                    return -1;
                w->fold[w->nfold++] = '\'';
                w->tok[w->ntok - 1].flen++;
                w->tok[w->ntok - 1].end = i + used;
            } else if (push_token(w, i, i + used, TOK_OTHER)) {
                return -1;
            }
            open = false;
        } else {
            tok_type t = n == 1 && buf[0] == '-' && !open ? TOK_BARRIER : sign(cp);
            if (t != TOK_WORD) {
                /* '.' inside a sentence belongs to an abbreviation or a number */
                if (push_token(w, i, i + used, cp == '.' ? TOK_OTHER : t))
                    return -1;
                open = false;
            } else {
                if (!open) {
                    if (push_token(w, i, i, TOK_WORD))
                        return -1;
                    w->tok[w->ntok - 1].fold = w->nfold;
                    open = true;
                }
                if (grow(&w->fold, &w->capfold, w->nfold + n, 1))
                    return -1;
                memcpy(w->fold + w->nfold, buf, n);
                w->nfold += n;
                w->tok[w->ntok - 1].flen += n;
                w->tok[w->ntok - 1].end = i + used;
            }
        }
        i += used;
    }
    return 0;
}

/* True when the folded word `t` of `n` bytes is an adjective of the name `stem` ("malien",
 * "maliennes", "Malian" of Mali, "nigérien" of Niger, "français" of France, "tchadien" of
 * Tchad, "Senegalese" of Senegal): the name, without a final "e", then a suffix of nationality. */
static bool adjective_of(const char *t, size_t n, const char *stem)
{
    static const char *const suffixes[] = {
        "en",   "enne",  "ens",   "ennes", "ien",  "ienne", "iens",  "iennes",
        "ais",  "aise",  "aises", "ain",   "aine", "ains",  "aines", "ois",
        "oise", "oises", "an",    "ans",   "ian",  "ians",  "ese",
    };
    size_t len = strlen(stem);
    for (int drop = 0; drop < 2; drop++) {
        size_t m = len - (size_t)drop;
        if (drop && stem[len - 1] != 'e')
            break;
        if (n <= m || memcmp(t, stem, m) != 0)
            continue;
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
            if (n - m == strlen(suffixes[i]) && memcmp(t + m, suffixes[i], n - m) == 0)
                return true;
        /* "Nigerian", "Kenyan" */
        if (stem[len - 1] == 'a' && !drop && (n - m == 1 || n - m == 2) && t[m] == 'n' &&
            (n - m == 1 || t[m + 1] == 's'))
            return true;
    }
    return false;
}

/* Marks the tokens that lie in mentions [mlo, mhi) and dates [dlo, dhi), and the words that
 * are adjectives of an actor the article names (a mention of it in the sentence if there is
 * one, else the article's first). */
void xw_mark(work *w, size_t mlo, size_t mhi, size_t dlo, size_t dhi)
{
    const extract_input *in = w->in;
    size_t m = mlo, d = dlo;
    for (size_t k = 0; k < w->ntok; k++) {
        token *t = &w->tok[k];
        while (m < mhi && in->mentions[m].end <= t->start)
            m++;
        while (d < dhi && in->dates[d].end <= t->start)
            d++;
        if (m < mhi && in->mentions[m].start < t->end)
            t->mention = m;
        t->date = d < dhi && in->dates[d].start < t->end;
        for (size_t i = 0; t->type == TOK_WORD && t->mention == NONE && !t->date && i < w->nstem;
             i++)
            if (adjective_of(w->fold + t->fold, t->flen, w->stems[i])) {
                t->mention = w->stem_m[i];
                t->adjective = true;
                for (size_t j = mlo; j < mhi; j++)
                    if (strcmp(in->mentions[j].id, in->mentions[t->mention].id) == 0) {
                        t->mention = j;
                        break;
                    }
                break;
            }
        /* "le pays", "ce pays", "the country", "this country": the last state named before
         * it in the sentence */
        uint32_t state = tkg_ontology_entity_kind(in->ontology, "state");
        if (t->type == TOK_WORD && t->mention == NONE && !t->date && k > 0 &&
            state != TKG_NO_KIND && (xw_word_is(w, t, "pays") || xw_word_is(w, t, "country")) &&
            (xw_word_is(w, &w->tok[k - 1], "le") || xw_word_is(w, &w->tok[k - 1], "ce") ||
             xw_word_is(w, &w->tok[k - 1], "the") || xw_word_is(w, &w->tok[k - 1], "this")))
            for (size_t j = m; j-- > mlo;)
                if (!in->mentions[j].nested && in->mentions[j].end <= t->start &&
                    w->kinds[j] != TKG_NO_KIND &&
                    tkg_entity_kind_is_a(in->ontology, w->kinds[j], state)) {
                    t->mention = j;
                    t->adjective = t->anaphor = true;
                    break;
                }
    }
}

/* The first and the last token of the mention at token `k`. */
size_t xw_span_first(const work *w, size_t k)
{
    while (!w->tok[k].adjective && k > 0 && w->tok[k - 1].mention == w->tok[k].mention &&
           !w->tok[k - 1].adjective)
        k--;
    return k;
}

size_t xw_span_last(const work *w, size_t k)
{
    while (!w->tok[k].adjective && k + 1 < w->ntok && w->tok[k + 1].mention == w->tok[k].mention &&
           !w->tok[k + 1].adjective)
        k++;
    return k;
}

bool xw_word_is(const work *w, const token *t, const char *s)
{
    size_t n = strlen(s);
    return t->type == TOK_WORD && t->flen == n && memcmp(w->fold + t->fold, s, n) == 0;
}

/* Articles and prepositions that may stand between coordinated actors, or between a
 * function-word trigger and its actor. */
bool xw_determiner(const work *w, const token *t)
{
    static const char *const words[] = {"le", "la", "les", "l'", "the", "un", "une", "a", "an"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (xw_word_is(w, t, words[i]))
            return true;
    return false;
}

bool xw_link_word(const work *w, const token *t)
{
    static const char *const words[] = {"de", "du", "des", "d'", "a", "au", "aux", "en", "of"};
    if (xw_determiner(w, t))
        return true;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (xw_word_is(w, t, words[i]))
            return true;
    return false;
}

bool xw_conjunction(const work *w, const token *t)
{
    return xw_word_is(w, t, "et") || xw_word_is(w, t, "and") || xw_word_is(w, t, "ou") ||
           xw_word_is(w, t, "or");
}

/* True when the mention starting at token `k` is a noun's complement ("MINUSMA de l'ONU",
 * "the head of the UN"): de, du, des, d' or of before it, determiners aside. Only such a
 * mention may be passed over on the way to one that fits. */
bool xw_complement(const work *w, size_t k)
{
    while (k > 0 && (xw_determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
        k--;
    if (k == 0)
        return false;
    const token *t = &w->tok[k - 1];
    return xw_word_is(w, t, "de") || xw_word_is(w, t, "du") || xw_word_is(w, t, "des") ||
           xw_word_is(w, t, "d'") || xw_word_is(w, t, "of");
}

/* True when the mention starting at token `k` follows a preposition ("Au Mali, la mission"):
 * it is then no subject, nor the head of an apposition. */
bool xw_prepositional(const work *w, size_t k)
{
    static const char *const words[] = {"a",    "au",  "aux",  "en",    "dans",  "de",   "du",
                                        "des",  "d'",  "par",  "pour",  "sur",   "avec", "chez",
                                        "vers", "in",  "at",   "on",    "of",    "from", "to",
                                        "by",   "for", "with", "since", "depuis"};
    while (k > 0 && (xw_determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
        k--;
    for (size_t i = 0; k > 0 && i < sizeof words / sizeof *words; i++)
        if (xw_word_is(w, &w->tok[k - 1], words[i]))
            return true;
    return false;
}

/* A function-word trigger ("à", "du", "in", "of the"): made only of prepositions and
 * articles. Such a trigger binds only the mentions right next to it. */
bool xw_function_word(const lexicon_trigger *t)
{
    static const char *const words[] = {"a",  "au", "aux", "de",  "du",   "des", "d'",  "en",
                                        "le", "la", "les", "l'",  "in",   "of",  "the", "at",
                                        "on", "to", "by",  "par", "dans", "sur", "for", "with"};
    for (uint32_t i = 0; i < t->word_count; i++) {
        bool found = false;
        for (size_t j = 0; j < sizeof words / sizeof *words && !found; j++)
            found = !t->words[i].prefix && t->words[i].len == strlen(words[j]) &&
                    memcmp(t->words[i].text, words[j], t->words[i].len) == 0;
        if (!found)
            return false;
    }
    return true;
}

bool xw_fits(const work *w, size_t m, uint32_t kind)
{
    return kind == TKG_NO_KIND ||
           (w->kinds[m] != TKG_NO_KIND && tkg_entity_kind_is_a(w->in->ontology, w->kinds[m], kind));
}

bool xw_same_entity(const work *w, size_t a, size_t b)
{
    return a != NONE && b != NONE && strcmp(w->in->mentions[a].id, w->in->mentions[b].id) == 0;
}

/* In English, a name right before another names what the other belongs to, the head of the
 * compound ("Security Council resolution 1925"): the first token of the head of the mention
 * starting at token `k`, or `k` itself. */
size_t xw_head(const work *w, size_t k)
{
    if (strcmp(w->in->lang, "en") != 0 || w->tok[k].adjective)
        return k;
    size_t e = xw_span_last(w, k);
    if (e + 1 < w->ntok && w->tok[e + 1].mention != NONE && !w->tok[e + 1].adjective &&
        w->tok[e + 1].mention != w->tok[k].mention)
        return e + 1;
    return k;
}

/* The first token of the mention `m` (a word token at or after its start). */
size_t xw_token_at(const work *w, size_t m)
{
    size_t k = 0;
    while (k < w->ntok && w->tok[k].start < w->in->mentions[m].start)
        k++;
    return k;
}

static bool same_date(const tkg_date *a, const tkg_date *b)
{
    return a->precision == b->precision &&
           (a->precision == TKG_PREC_NONE ||
            (a->year == b->year && a->month == b->month && a->day == b->day));
}

/* The index of a draft of sentence drafts [from, nout) saying the same as `d`, or NONE. */
static size_t duplicate(const work *w, const extract_draft *d, size_t from)
{
    const extract_mention *m = w->in->mentions;
    bool sym = tkg_relation_kind_symmetric(w->in->ontology, d->kind);
    for (size_t i = from; i < w->nout; i++) {
        const extract_draft *e = &w->out[i];
        if (e->kind != d->kind || !same_date(&e->date, &d->date) ||
            !same_date(&e->start, &d->start) || !same_date(&e->end, &d->end))
            continue;
        bool direct = !strcmp(m[e->from].id, m[d->from].id) && !strcmp(m[e->to].id, m[d->to].id);
        bool reverse = !strcmp(m[e->from].id, m[d->to].id) && !strcmp(m[e->to].id, m[d->from].id);
        if (direct || (sym && reverse))
            return i;
    }
    return NONE;
}

/* Adds `d` to the drafts of the sentence (from `first` on), unless one of them says the same
 * as surely: of two drafts saying the same, the surer one is kept, in the later's place. */
int xw_push_draft(work *w, const extract_draft *d, size_t first)
{
    size_t dup = duplicate(w, d, first);
    if (dup != NONE) {
        if (w->out[dup].confidence >= d->confidence)
            return 0;
        memmove(w->out + dup, w->out + dup + 1, (w->nout - dup - 1) * sizeof *w->out);
        w->nout--;
    }
    if (grow(&w->out, &w->capout, w->nout + 1, sizeof *w->out))
        return -1;
    w->out[w->nout++] = *d;
    return 0;
}

static const double base_confidence[] = {0.9, 0.7, 0.45};

extract_draft xw_draft(const work *w, const lexicon_trigger *t, size_t from, size_t to, size_t si,
                       size_t k0, size_t k1)
{
    extract_draft d = {0};
    d.kind = t->kind;
    d.from = from;
    d.to = to;
    d.sentence = si;
    d.trigger_start = w->tok[k0].start;
    d.trigger_end = w->tok[k1].end;
    d.trigger = t;
    return d;
}

void xw_date_published(const work *w, extract_draft *d)
{
    const tkg_date *p = &w->in->published;
    switch (d->trigger->date_role) {
    case LEXICON_START:
        d->start = *p;
        break;
    case LEXICON_END:
        d->end = *p;
        break;
    case LEXICON_DATE:
        d->date = *p;
        break;
    }
    d->date_from_published = true;
}

double xw_confidence(const lexicon_trigger *t)
{
    return base_confidence[t->confidence];
}

int xw_init(work *w, const extract_input *in)
{
    size_t nlex = lexicon_trigger_count(in->lexicon);
    w->in = in;
    w->trig = malloc((nlex ? nlex : 1) * sizeof *w->trig);
    w->kinds = malloc((in->mention_count ? in->mention_count : 1) * sizeof *w->kinds);
    if (!w->trig || !w->kinds)
        return -1;
    for (size_t i = 0; i < nlex; i++) {
        const lexicon_trigger *t = lexicon_trigger_at(in->lexicon, i);
        if (strcmp(t->lang, in->lang) == 0)
            w->trig[w->ntrig++] = t;
    }
    for (size_t i = 0; i < in->mention_count; i++)
        w->kinds[i] = tkg_ontology_entity_kind(in->ontology, in->mentions[i].kind);
    /* The actors' one-word names, once per entity, for their adjectives. */
    w->stems = calloc(in->mention_count ? in->mention_count : 1, sizeof *w->stems);
    w->stem_m = malloc((in->mention_count ? in->mention_count : 1) * sizeof *w->stem_m);
    if (!w->stems || !w->stem_m)
        return -1;
    for (size_t i = 0; i < in->mention_count; i++) {
        char *f = NULL;
        size_t n = 0;
        bool seen = false;
        for (size_t j = 0; j < w->nstem && !seen; j++)
            seen = strcmp(in->mentions[w->stem_m[j]].id, in->mentions[i].id) == 0;
        if (seen)
            continue;
        if (lexicon_fold(&f, &n, in->text + in->mentions[i].start,
                         in->mentions[i].end - in->mentions[i].start))
            return -1;
        if (n >= 4 && !memchr(f, ' ', n) && !memchr(f, '\'', n)) {
            w->stem_m[w->nstem] = i;
            w->stems[w->nstem++] = f;
        } else {
            free(f);
        }
    }
    return 0;
}

void xw_free(work *w)
{
    free(w->out);
    free(w->trig);
    free(w->kinds);
    free(w->tok);
    free(w->fold);
    for (size_t i = 0; i < w->nstem; i++)
        free(w->stems[i]);
    free(w->stems);
    free(w->stem_m);
}

size_t xw_setting(const work *w)
{
    static const char *const preps[] = {"in", "au", "aux", "en", NULL};
    uint32_t state = tkg_ontology_entity_kind(w->in->ontology, "state");
    size_t k = 0;
    bool prep = false;
    for (size_t i = 0; preps[i] && !prep; i++)
        prep = w->ntok > 0 && xw_word_is(w, &w->tok[0], preps[i]);
    if (!prep || state == TKG_NO_KIND)
        return NONE;
    for (k = 1; k < w->ntok && w->tok[k].mention == NONE && xw_determiner(w, &w->tok[k]);)
        k++;
    if (k >= w->ntok || w->tok[k].mention == NONE || w->tok[k].adjective)
        return NONE;
    size_t e = xw_span_last(w, k), m = w->tok[k].mention;
    if (e + 1 >= w->ntok || w->tok[e + 1].type != TOK_COMMA || w->kinds[m] == TKG_NO_KIND ||
        !tkg_entity_kind_is_a(w->in->ontology, w->kinds[m], state))
        return NONE;
    return m;
}
