/* Drafting relations from an article (docs/extract.md, "Relations"). Each sentence is folded
 * with the lexicon's function (lexicon_fold_step) and cut into tokens that keep their bytes
 * in the text; the lexicon's triggers of the article's language are matched word by word,
 * leftmost and longest first, outside actor mentions and temporal expressions; each trigger
 * then looks for the nearest mentions that stand as its order says and fit its relation
 * kind's domain and range, within the trigger's clause, extended to the actors coordinated
 * with them (an actor may also stand as its adjective: "les autorités maliennes"); the draft
 * takes its dates from the temporal expression nearest to its trigger, in the trigger's clause.
 * Then names inside names and English compounds of two names give the relations their words
 * say, a possessor's hold ends where a new one starts, and a document's relation takes the
 * document's date. */
#include "extract_relations.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
/* At most this many words (mentions and dates not counted) between a content trigger and
 * the mention it binds; beyond, the mention is taken to belong to another clause. */
#define MAX_WORDS 10
/* The longest coordination followed ("A, B, C et D"). */
#define MAX_CHAIN 8

typedef enum tok_type {
    TOK_WORD,
    TOK_COMMA,   /* , */
    TOK_BARRIER, /* ; : ? ! … ( ) [ ] and dashes: the end of a clause */
    TOK_OTHER,   /* quotes and other signs, read through */
} tok_type;

typedef struct token {
    size_t start, end; /* bytes in the text */
    size_t fold, flen; /* the folded word in the sentence's buffer (words only) */
    tok_type type;
    size_t mention; /* index into the mentions, NONE outside them */
    bool adjective; /* a word derived from a mention's name ("maliennes"): `mention` is one
                       of the same entity */
    bool date;      /* within a temporal expression */
    bool anaphor;   /* "le pays", "the country": `mention` is the state the sentence named
                       before it (marked `adjective` too: a one-token actor) */
} token;

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

typedef struct work {
    const extract_input *in;
    const lexicon_trigger **trig; /* the triggers of the language */
    size_t ntrig;
    uint32_t *kinds; /* each mention's entity kind in the ontology, TKG_NO_KIND when unknown */
    token *tok;
    size_t ntok, captok;
    char *fold;
    size_t nfold, capfold;
    char **stems;   /* the folded one-word names of the article's actors, for adjectives */
    size_t *stem_m; /* a mention of each */
    size_t nstem;
    extract_draft *out;
    size_t nout, capout;
} work;

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
static int tokenize(work *w, size_t start, size_t end)
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

static bool word_is(const work *w, const token *t, const char *s);

/* Marks the tokens that lie in mentions [mlo, mhi) and dates [dlo, dhi), and the words that
 * are adjectives of an actor the article names (a mention of it in the sentence if there is
 * one, else the article's first). */
static void mark(work *w, size_t mlo, size_t mhi, size_t dlo, size_t dhi)
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
            state != TKG_NO_KIND && (word_is(w, t, "pays") || word_is(w, t, "country")) &&
            (word_is(w, &w->tok[k - 1], "le") || word_is(w, &w->tok[k - 1], "ce") ||
             word_is(w, &w->tok[k - 1], "the") || word_is(w, &w->tok[k - 1], "this")))
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
static size_t span_first(const work *w, size_t k)
{
    while (!w->tok[k].adjective && k > 0 && w->tok[k - 1].mention == w->tok[k].mention &&
           !w->tok[k - 1].adjective)
        k--;
    return k;
}

static size_t span_last(const work *w, size_t k)
{
    while (!w->tok[k].adjective && k + 1 < w->ntok && w->tok[k + 1].mention == w->tok[k].mention &&
           !w->tok[k + 1].adjective)
        k++;
    return k;
}

static bool word_is(const work *w, const token *t, const char *s)
{
    size_t n = strlen(s);
    return t->type == TOK_WORD && t->flen == n && memcmp(w->fold + t->fold, s, n) == 0;
}

/* Articles and prepositions that may stand between coordinated actors, or between a
 * function-word trigger and its actor. */
static bool determiner(const work *w, const token *t)
{
    static const char *const words[] = {"le", "la", "les", "l'", "the", "un", "une", "a", "an"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (word_is(w, t, words[i]))
            return true;
    return false;
}

static bool link_word(const work *w, const token *t)
{
    static const char *const words[] = {"de", "du", "des", "d'", "a", "au", "aux", "en", "of"};
    if (determiner(w, t))
        return true;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (word_is(w, t, words[i]))
            return true;
    return false;
}

static bool conjunction(const work *w, const token *t)
{
    return word_is(w, t, "et") || word_is(w, t, "and") || word_is(w, t, "ou") ||
           word_is(w, t, "or");
}

/* True when the mention starting at token `k` is a noun's complement ("MINUSMA de l'ONU",
 * "the head of the UN"): de, du, des, d' or of before it, determiners aside. Only such a
 * mention may be passed over on the way to one that fits. */
static bool complement(const work *w, size_t k)
{
    while (k > 0 && (determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
        k--;
    if (k == 0)
        return false;
    const token *t = &w->tok[k - 1];
    return word_is(w, t, "de") || word_is(w, t, "du") || word_is(w, t, "des") ||
           word_is(w, t, "d'") || word_is(w, t, "of");
}

/* True when the mention starting at token `k` follows a preposition ("Au Mali, la mission"):
 * it is then no subject, nor the head of an apposition. */
static bool prepositional(const work *w, size_t k)
{
    static const char *const words[] = {"a",    "au",  "aux",  "en",    "dans",  "de",   "du",
                                        "des",  "d'",  "par",  "pour",  "sur",   "avec", "chez",
                                        "vers", "in",  "at",   "on",    "of",    "from", "to",
                                        "by",   "for", "with", "since", "depuis"};
    while (k > 0 && (determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
        k--;
    for (size_t i = 0; k > 0 && i < sizeof words / sizeof *words; i++)
        if (word_is(w, &w->tok[k - 1], words[i]))
            return true;
    return false;
}

/* A function-word trigger ("à", "du", "in", "of the"): made only of prepositions and
 * articles. Such a trigger binds only the mentions right next to it. */
static bool function_word(const lexicon_trigger *t)
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

static bool fits(const work *w, size_t m, uint32_t kind)
{
    return kind == TKG_NO_KIND ||
           (w->kinds[m] != TKG_NO_KIND && tkg_entity_kind_is_a(w->in->ontology, w->kinds[m], kind));
}

static bool same_entity(const work *w, size_t a, size_t b)
{
    return a != NONE && b != NONE && strcmp(w->in->mentions[a].id, w->in->mentions[b].id) == 0;
}

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
            size_t j = t->mention, ks = span_first(w, k), ke = span_last(w, k);
            /* coordinated actors are alike: "Ouagadougou et Niamey", not "la résolution
             * 2100 et le Mali" */
            if (!linked || !fits(w, j, kind) || same_entity(w, j, other) ||
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
        } else if (t->type == TOK_WORD && conjunction(w, t)) {
            linked = true;
            comma = false;
        } else if (!(t->type == TOK_OTHER || (t->type == TOK_WORD && link_word(w, t)))) {
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
            size_t j = t->mention, ks = span_first(w, k);
            if (fits(w, j, kind) && !same_entity(w, j, other)) {
                s->m[0] = j, s->ks[0] = ks, s->ke[0] = k, s->n = 1;
                coordinate(w, s, -1, kind, other);
                return;
            }
            if (!same_entity(w, j, other) && (adjacent || !complement(w, ks)))
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
                         !w->tok[c].date && !link_word(w, &w->tok[c]) &&
                         !conjunction(w, &w->tok[c]);
            }
            if (words && c >= 2 && w->tok[c - 1].type == TOK_COMMA &&
                w->tok[c - 2].mention != NONE && !prepositional(w, span_first(w, c - 2))) {
                k = c - 1;
                continue;
            }
            /* An apposition: "Le Mali, dirigé par", "Goïta, the leader of": the comma before
             * the trigger (articles aside), a mention before the comma. */
            size_t j = k + 1;
            while (j < k0 && determiner(w, &w->tok[j]))
                j++;
            if (j == k0 && k > 0 && w->tok[k - 1].mention != NONE &&
                (!prepositional(w, span_first(w, k - 1)) || of_places(w, kind))) {
                s->appositive = true;
                continue;
            }
            return;
        }
        if (adjacent || ++s->words > MAX_WORDS)
            return;
    }
}

/* In English, a name right before another names what the other belongs to, the head of the
 * compound ("Security Council resolution 1925"): the first token of the head of the mention
 * starting at token `k`, or `k` itself. */
static size_t head(const work *w, size_t k)
{
    if (strcmp(w->in->lang, "en") != 0 || w->tok[k].adjective)
        return k;
    size_t e = span_last(w, k);
    if (e + 1 < w->ntok && w->tok[e + 1].mention != NONE && !w->tok[e + 1].adjective &&
        w->tok[e + 1].mention != w->tok[k].mention)
        return e + 1;
    return k;
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
            size_t j = t->mention, ke = span_last(w, k), h = head(w, k);
            if (h != k && fits(w, w->tok[h].mention, kind) &&
                !same_entity(w, w->tok[h].mention, other))
                j = w->tok[h].mention, k = h, ke = span_last(w, h);
            if (fits(w, j, kind) && !same_entity(w, j, other)) {
                s->m[0] = j, s->ks[0] = k, s->ke[0] = ke, s->n = 1;
                coordinate(w, s, 1, kind, other);
                return;
            }
            if (!same_entity(w, j, other) && (adjacent || !complement(w, k)))
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
            if (determiner(w, t))
                continue;
            return;
        }
        if (++s->words > MAX_WORDS)
            return;
    }
}

/* The first token of the mention `m` (a word token at or after its start). */
static size_t token_at(const work *w, size_t m)
{
    size_t k = 0;
    while (k < w->ntok && w->tok[k].start < w->in->mentions[m].start)
        k++;
    return k;
}

/* A verb coordinated with the one before it shares its subject ("M23 seized Goma on January 27
 * and took control of Bukavu"): when `et`/`and` stands right before the trigger at token `k`,
 * the side gets the `from` mentions that fit `kind` of the latest trigger of the sentence
 * (drafts from `first` on) whose `from` stood before it. */
static void shared_subject(const work *w, side *s, size_t k, uint32_t kind, size_t first)
{
    const extract_mention *m = w->in->mentions;
    if (k == 0 || !conjunction(w, &w->tok[k - 1]))
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
            seen = same_entity(w, s->m[j], d->from);
        if (d->trigger_start != w->out[latest].trigger_start || seen || !fits(w, d->from, kind))
            continue;
        size_t ks = token_at(w, d->from);
        s->m[s->n] = d->from, s->ks[s->n] = ks, s->ke[s->n] = span_last(w, ks), s->n++;
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
        if (word_is(w, &w->tok[q], lead[i]) && w->tok[q + 1].date && !w->tok[q].date) {
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
           (link_word(w, &w->tok[k - 1]) || word_is(w, &w->tok[k - 1], "on") ||
            word_is(w, &w->tok[k - 1], "le")) &&
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
    bool coordinated = k > 0 && conjunction(w, &w->tok[k - 1]);
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
static int push_draft(work *w, const extract_draft *d, size_t first)
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

static const double base_confidence[] = {0.9, 0.7, 0.45};

/* Drafts the relations of trigger `t` matched at tokens [k, k + len) in sentence `si`. */
static int draft_trigger(work *w, const lexicon_trigger *t, size_t k, size_t len, size_t si,
                         size_t dlo, size_t dhi, size_t sentence_first, bool ambiguous)
{
    const tkg_ontology *o = w->in->ontology;
    uint32_t dom = tkg_relation_kind_domain(o, t->kind), ran = tkg_relation_kind_range(o, t->kind);
    bool fw = function_word(t);
    side a, b; /* a: the side found first; b: the other */
    bool a_from;
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
    const double conf0 = base_confidence[t->confidence];
    for (size_t i = 0; i < a.n; i++)
        for (size_t j = mutual ? i + 1 : 0; j < b.n; j++) {
            size_t from = a_from ? a.m[i] : b.m[j], to = a_from ? b.m[j] : a.m[i];
            if (same_entity(w, from, to))
                continue;
            if (mutual && w->in->mentions[from].start > w->in->mentions[to].start) {
                size_t x = from; /* in text order */
                from = to;
                to = x;
            }
            bool adj = w->tok[a.ks[i]].adjective || w->tok[b.ks[j]].adjective;
            bool ana = w->tok[a.ks[i]].anaphor || w->tok[b.ks[j]].anaphor;
            extract_draft d = {0};
            d.kind = t->kind;
            d.from = from;
            d.to = to;
            d.sentence = si;
            d.trigger_start = w->tok[k].start;
            d.trigger_end = w->tok[k + len - 1].end;
            d.trigger = t;
            d.rule = mutual     ? "symmetric kind without an object: the actors coordinated before "
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
            if (!found && dated) {
                d.date = w->in->published;
                d.date_from_published = true;
            }
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
            d.confidence = c < 0.05 ? 0.05 : c > 1.0 ? 1.0 : c;
            if (push_draft(w, &d, sentence_first))
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
        for (size_t j = first; function_word(d->trigger) && j < w->nout && !drop; j++) {
            const extract_draft *e = &w->out[j];
            if (function_word(e->trigger))
                continue;
            drop = (!strcmp(m[e->from].id, m[d->from].id) && !strcmp(m[e->to].id, m[d->to].id)) ||
                   (!strcmp(m[e->from].id, m[d->to].id) && !strcmp(m[e->to].id, m[d->from].id));
        }
        if (!drop)
            w->out[n++] = *d;
    }
    w->nout = n;
}

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
    while (k > lo && (determiner(w, &w->tok[k - 1]) || w->tok[k - 1].type == TOK_OTHER))
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

/* Names inside a name (docs/extract.md, "Names inside names"): a function-word trigger of the
 * name right before a nested mention ties the name that holds it (its head, before the
 * trigger) to it, as for two adjacent mentions: "camp de la MINUSMA à Bamako" (located_in),
 * "Conseil de sécurité de l'ONU" (part_of). */
static int draft_nested(work *w, size_t si, size_t mlo, size_t mhi, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    for (size_t i = mlo; i < mhi; i++) {
        size_t c = w->in->mentions[i].nested ? container(w, i, mlo) : NONE;
        if (c == NONE)
            continue;
        size_t ki = token_at(w, i), lo = token_at(w, c) + 1;
        size_t kd = before_determiners(w, ki, lo);
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!function_word(t) ||
                (t->order != LEXICON_FROM_TRIGGER_TO && t->order != LEXICON_TO_TRIGGER_FROM))
                continue;
            size_t e = match_before(w, t, lo, ki)                     ? ki
                       : kd != NONE && match_before(w, t, lo, kd + 1) ? kd + 1
                                                                      : NONE;
            if (e == NONE)
                continue;
            bool fwd = t->order == LEXICON_FROM_TRIGGER_TO;
            extract_draft d = {0};
            d.kind = t->kind;
            d.from = fwd ? c : i;
            d.to = fwd ? i : c;
            if (!fits(w, d.from, tkg_relation_kind_domain(o, t->kind)) ||
                !fits(w, d.to, tkg_relation_kind_range(o, t->kind)) || same_entity(w, c, i))
                continue;
            d.sentence = si;
            d.trigger_start = w->tok[e - t->word_count].start;
            d.trigger_end = w->tok[e - 1].end;
            d.trigger = t;
            d.rule = fwd ? "function word inside a name: the name before it, the name after it"
                         : "function word inside a name: to the name before it, from the name "
                           "after it";
            d.confidence = base_confidence[t->confidence];
            if (tkg_relation_kind_dated(o, t->kind)) {
                d.date = w->in->published;
                d.date_from_published = true;
                d.confidence *= 0.8;
            }
            if (push_draft(w, &d, first))
                return -1;
        }
    }
    return 0;
}

/* English compounds of two names ("Security Council resolution 1925"): the head, after, with
 * the name before it, as "the head of the name" reads: each of the language's function-word
 * triggers made of "of" (and an article) ties them when their kinds fit (adopted_by). */
static int draft_compounds(work *w, size_t si, size_t first)
{
    const tkg_ontology *o = w->in->ontology;
    for (size_t k = 0; k + 1 < w->ntok; k++) {
        size_t h =
            w->tok[k].mention != NONE && (k == 0 || w->tok[k - 1].mention != w->tok[k].mention)
                ? head(w, k)
                : k;
        if (h == k)
            continue;
        size_t a = w->tok[k].mention, b = w->tok[h].mention;
        for (size_t n = 0; n < w->ntrig; n++) {
            const lexicon_trigger *t = w->trig[n];
            if (!function_word(t) || t->order != LEXICON_FROM_TRIGGER_TO || t->words[0].len != 2 ||
                memcmp(t->words[0].text, "of", 2) != 0)
                continue;
            if (!fits(w, b, tkg_relation_kind_domain(o, t->kind)) ||
                !fits(w, a, tkg_relation_kind_range(o, t->kind)) || same_entity(w, a, b))
                continue;
            extract_draft d = {0};
            d.kind = t->kind;
            d.from = b;
            d.to = a;
            d.sentence = si;
            d.trigger_start = w->tok[k].start;
            d.trigger_end = w->tok[span_last(w, h)].end;
            d.trigger = t;
            d.rule = "compound of two names: the head (after) of the name before it";
            d.confidence = base_confidence[t->confidence] * 0.9;
            if (tkg_relation_kind_dated(o, t->kind)) {
                d.date = w->in->published;
                d.date_from_published = true;
                d.confidence *= 0.8;
            }
            if (push_draft(w, &d, first))
                return -1;
        }
    }
    return 0;
}

/* True when the mention `m` follows one of `words` (articles and a compound's first name
 * aside): "par la résolution", "by Security Council resolution 1925". */
static bool after_word(const work *w, size_t m, const char *const *words)
{
    size_t k = token_at(w, m);
    while (k > 0 && w->tok[k - 1].mention != NONE && head(w, span_first(w, k - 1)) == k)
        k = span_first(w, k - 1);
    k = before_determiners(w, k, 0);
    for (size_t i = 0; k != NONE && words[i]; i++)
        if (word_is(w, &w->tok[k], words[i]))
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
static void date_documents(work *w, size_t first)
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
                same_entity(w, e->to, d->from) && after_word(w, e->to, agent)) {
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
static int draft_possessors(work *w, size_t first, size_t mlo, size_t mhi)
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
            if (!m[j].nested || container(w, j, mlo) != d.to || same_entity(w, j, d.from) ||
                !fits(w, j, tkg_relation_kind_domain(o, d.kind)) || !after_word(w, j, of))
                continue;
            extract_draft e = d;
            e.from = j;
            e.end = d.start;
            e.start = (tkg_date){.precision = TKG_PREC_NONE};
            e.confidence = d.confidence * 0.8;
            e.rule = "the possessor named in the name of the to (le camp de la MINUSMA): its "
                     "hold ends when the new one starts";
            if (push_draft(w, &e, first))
                return -1;
        }
    }
    return 0;
}

static int draft_sentence(work *w, size_t si, size_t mlo, size_t mhi, size_t dlo, size_t dhi)
{
    const extract_span *s = &w->in->sentences[si];
    if (tokenize(w, s->start, s->end))
        return -1;
    mark(w, mlo, mhi, dlo, dhi);
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
    if (draft_nested(w, si, mlo, mhi, first) || draft_compounds(w, si, first) ||
        draft_possessors(w, first, mlo, mhi))
        return -1;
    drop_weak(w, first);
    date_documents(w, first);
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
    size_t nlex = lexicon_trigger_count(in->lexicon);
    *out = NULL;
    *count = 0;
    w.in = in;
    w.trig = malloc((nlex ? nlex : 1) * sizeof *w.trig);
    w.kinds = malloc((in->mention_count ? in->mention_count : 1) * sizeof *w.kinds);
    if (!w.trig || !w.kinds)
        goto nomem;
    for (size_t i = 0; i < nlex; i++) {
        const lexicon_trigger *t = lexicon_trigger_at(in->lexicon, i);
        if (strcmp(t->lang, in->lang) == 0)
            w.trig[w.ntrig++] = t;
    }
    for (size_t i = 0; i < in->mention_count; i++)
        w.kinds[i] = tkg_ontology_entity_kind(in->ontology, in->mentions[i].kind);
    /* The actors' one-word names, once per entity, for their adjectives. */
    w.stems = calloc(in->mention_count ? in->mention_count : 1, sizeof *w.stems);
    w.stem_m = malloc((in->mention_count ? in->mention_count : 1) * sizeof *w.stem_m);
    if (!w.stems || !w.stem_m)
        goto nomem;
    for (size_t i = 0; i < in->mention_count; i++) {
        char *f = NULL;
        size_t n = 0;
        bool seen = false;
        for (size_t j = 0; j < w.nstem && !seen; j++)
            seen = strcmp(in->mentions[w.stem_m[j]].id, in->mentions[i].id) == 0;
        if (seen)
            continue;
        if (lexicon_fold(&f, &n, in->text + in->mentions[i].start,
                         in->mentions[i].end - in->mentions[i].start))
            goto nomem;
        if (n >= 4 && !memchr(f, ' ', n) && !memchr(f, '\'', n)) {
            w.stem_m[w.nstem] = i;
            w.stems[w.nstem++] = f;
        } else {
            free(f);
        }
    }
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
    free(w.out);
    free(w.trig);
    free(w.kinds);
    free(w.tok);
    free(w.fold);
    for (size_t i = 0; i < w.nstem; i++)
        free(w.stems[i]);
    free(w.stems);
    free(w.stem_m);
    return rc;
}
