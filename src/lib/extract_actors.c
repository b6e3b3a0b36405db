/* The gazetteer (see extract_actors.h and docs/extract.md, "Sentences and actors").
 *
 * Names and text are compared folded, one code point at a time with ICU: canonical
 * decomposition (NFD), combining marks dropped, simple case folding; every run of white space
 * or hyphens is one space and every apostrophe is "'". Each folded code point remembers the
 * bytes of the original text it came from, so that a match is reported as original bytes.
 * Matching goes left to right: at a word start, the longest name that ends on a word end
 * wins, and the search resumes after it; within a store entity's name, a store entity's name
 * after a preposition of the name is a nested mention ("ONU" in "Conseil de sécurité de
 * l’ONU"). A capital I before an apostrophe and a letter folds as "l" ("de I’ONU").
 * French elisions and contractions need no rule of their own: "l'", "d'", "du", "au", "aux",
 * "des" stand before a word boundary; a name that starts with an article (le, la, les, l',
 * the) is also matched without it ("du Caire" for "Le Caire"). */
#include "extract_actors.h"

#include "error.h"
#include "resources.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Names of at most this many letters, written all in capitals (UN, ONU, AES), match only text
 * written all in capitals: "un" is a French article, "Un" begins sentences. */
#define SHORT_ACRONYM 3
/* Ids shorter than this are not names: "un" is the id of the United Nations in
 * graphs/sahel.xml. */
#define MIN_ID_NAME 4

typedef struct actor {
    char *id, *kind;
    bool proposed;
    tkg_date date; /* the store entity's date (a point lifespan), else TKG_PREC_NONE */
} actor;

typedef struct entry {
    UChar32 *cp;
    size_t n;
    uint32_t actor;
    uint32_t order; /* insertion order: the store's names before the states' */
    bool capitals;  /* a short acronym: match text in capitals only */
} entry;

struct extract_gazetteer {
    actor *actors;
    size_t nactors, actors_cap;
    entry *entries;
    size_t nentries, entries_cap;
};

/* A folded text: code points, each with the original bytes [from, to) it came from. */
typedef struct folded {
    UChar32 *cp;
    size_t *from, *to;
    size_t n, cap;
} folded;

static void folded_free(folded *f)
{
    free(f->cp);
    free(f->from);
    free(f->to);
    *f = (folded){0};
}

static bool push(folded *f, UChar32 c, size_t from, size_t to)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        UChar32 *cp = realloc(f->cp, cap * sizeof *cp);
        if (cp)
            f->cp = cp;
        size_t *a = realloc(f->from, cap * sizeof *a);
        if (a)
            f->from = a;
        size_t *b = realloc(f->to, cap * sizeof *b);
        if (b)
            f->to = b;
        if (!cp || !a || !b)
            return false;
        f->cap = cap;
    }
    f->cp[f->n] = c, f->from[f->n] = from, f->to[f->n] = to;
    f->n++;
    return true;
}

static bool separator(UChar32 c)
{
    return u_isUWhiteSpace(c) || c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static bool apostrophe(UChar32 c)
{
    return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == 0x0060;
}

/* Whether the capital I at s[start, i) is a French elided "l'" typed as "I'" (a frequent
 * typing or OCR confusion: "de I’ONU"): a word of its own, before an apostrophe and a letter. */
static bool elided_l(const char *s, int32_t start, int32_t i, int32_t n)
{
    if (start > 0) {
        int32_t k = start;
        UChar32 p;
        U8_PREV(s, 0, k, p);
        if (p < 0 || u_isalnum(p))
            return false;
    }
    UChar32 a, b;
    if (i >= n)
        return false;
    U8_NEXT(s, i, n, a);
    if (a < 0 || !(apostrophe(a) || a == '\'') || i >= n)
        return false;
    U8_NEXT(s, i, n, b);
    return b >= 0 && u_isalpha(b);
}

/* Folds s[0, len) (UTF-8; a bad byte counts as U+FFFD) into `f`. */
static int fold(const char *s, size_t len, folded *f, tkg_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st))
        return tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "ICU: %s", u_errorName(st));
    if (len > INT32_MAX)
        return tkg_fail(err, TKG_ELIMIT, NULL, 0, 0, "text larger than 2 GiB");
    int32_t i = 0, n = (int32_t)len;
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            c = 0xFFFD;
        bool ok = true;
        if (separator(c)) {
            if (f->n && f->cp[f->n - 1] == ' ')
                f->to[f->n - 1] = (size_t)i;
            else
                ok = push(f, ' ', (size_t)start, (size_t)i);
        } else if (c == 'I' && elided_l(s, start, i, n)) {
            ok = push(f, 'l', (size_t)start, (size_t)i); /* "I’ONU" typed for "l’ONU" */
        } else if (apostrophe(c) || c == '\'') {
            ok = push(f, '\'', (size_t)start, (size_t)i);
        } else {
            UChar buf[32];
            UErrorCode e = U_ZERO_ERROR;
            int32_t k = unorm2_getDecomposition(nfd, c, buf, 32, &e);
            if (k < 0 || U_FAILURE(e)) {
                k = 0;
                U16_APPEND_UNSAFE(buf, k, c);
            }
            for (int32_t j = 0; j < k && ok;) {
                UChar32 d;
                U16_NEXT(buf, j, k, d);
                if (u_getCombiningClass(d) != 0 || u_charType(d) == U_NON_SPACING_MARK)
                    continue;
                ok = push(f, u_foldCase(d, U_FOLD_CASE_DEFAULT), (size_t)start, (size_t)i);
            }
        }
        if (!ok)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return TKG_OK;
}

/* ------------------------------------------------------------ building */

static int add_actor(extract_gazetteer *g, const char *id, size_t id_len, const char *kind,
                     bool proposed, const tkg_date *date, tkg_error *err)
{
    if (g->nactors == g->actors_cap) {
        size_t cap = g->actors_cap ? g->actors_cap * 2 : 64;
        actor *more = realloc(g->actors, cap * sizeof *more);
        if (!more)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        g->actors = more, g->actors_cap = cap;
    }
    actor *a = &g->actors[g->nactors];
    a->id = strndup(id, id_len);
    a->kind = strdup(kind);
    a->proposed = proposed;
    a->date = date ? *date : (tkg_date){.precision = TKG_PREC_NONE};
    if (!a->id || !a->kind) {
        free(a->id);
        free(a->kind);
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    g->nactors++;
    return TKG_OK;
}

/* Whether s[0, len) is written all in capitals with at most SHORT_ACRONYM letters. */
static bool short_acronym(const char *s, size_t len)
{
    int32_t i = 0, n = (int32_t)len, letters = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || !u_isupper(c))
            return false;
        letters++;
    }
    return letters >= 2 && letters <= SHORT_ACRONYM;
}

static int add_entry(extract_gazetteer *g, const UChar32 *cp, size_t n, bool capitals,
                     tkg_error *err)
{
    if (n < 2)
        return TKG_OK;
    if (g->nentries == g->entries_cap) {
        size_t cap = g->entries_cap ? g->entries_cap * 2 : 256;
        entry *more = realloc(g->entries, cap * sizeof *more);
        if (!more)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        g->entries = more, g->entries_cap = cap;
    }
    UChar32 *copy = malloc(n * sizeof *copy);
    if (!copy)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(copy, cp, n * sizeof *copy);
    g->entries[g->nentries] = (entry){.cp = copy,
                                      .n = n,
                                      .actor = (uint32_t)(g->nactors - 1),
                                      .order = (uint32_t)g->nentries,
                                      .capitals = capitals};
    g->nentries++;
    return TKG_OK;
}

/* Whether cp[0, n) starts with the folded ASCII `prefix`. */
static bool starts_with(const UChar32 *cp, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n <= k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (cp[i] != (UChar32)(unsigned char)prefix[i])
            return false;
    return true;
}

/* Adds a name of the last actor: folded, trimmed, and without its leading article too. */
static int add_name(extract_gazetteer *g, const char *name, size_t len, tkg_error *err)
{
    folded f = {0};
    int rc = fold(name, len, &f, err);
    if (rc != TKG_OK)
        goto done;
    size_t s = 0, e = f.n;
    while (s < e && f.cp[s] == ' ')
        s++;
    while (e > s && f.cp[e - 1] == ' ')
        e--;
    bool letter = false; /* a name without a letter (Wikidata's literal "2200") is a number */
    for (size_t i = s; i < e && !letter; i++)
        letter = u_isalpha(f.cp[i]);
    if (!letter)
        goto done;
    bool capitals = short_acronym(name, len);
    if ((rc = add_entry(g, f.cp + s, e - s, capitals, err)) != TKG_OK)
        goto done;
    static const char *const articles[] = {"le ", "la ", "les ", "l'", "the "};
    for (size_t i = 0; i < sizeof articles / sizeof *articles; i++)
        if (starts_with(f.cp + s, e - s, articles[i])) {
            size_t k = strlen(articles[i]);
            rc = add_entry(g, f.cp + s + k, e - s - k, capitals, err);
            break;
        }
done:
    folded_free(&f);
    return rc;
}

static int add_store(extract_gazetteer *g, const tkg_store *s, tkg_error *err)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t count = tkg_store_entity_count(s);
    for (uint32_t e = 0; e < count; e++) {
        const char *id = tkg_entity_id(s, e);
        uint32_t k = tkg_entity_kind(s, e);
        const char *kind = k == TKG_NO_KIND ? NULL : tkg_entity_kind_name(o, k);
        /* Its date, when written as one (a point lifespan: a document's, an event's). */
        tkg_bound st = tkg_entity_start(s, e), en = tkg_entity_end(s, e);
        tkg_date date = {.precision = TKG_PREC_NONE};
        if (st.raw && en.raw && strcmp(st.raw, en.raw) == 0) {
            tkg_error ignored;
            if (tkg_date_parse(&date, st.raw, strlen(st.raw), &ignored) != TKG_OK)
                date.precision = TKG_PREC_NONE;
        }
        int rc = add_actor(g, id, strlen(id), kind ? kind : "entity", false, &date, err);
        if (rc != TKG_OK)
            return rc;
        if (strlen(id) >= MIN_ID_NAME && (rc = add_name(g, id, strlen(id), err)) != TKG_OK)
            return rc;
        const char *label = tkg_entity_label(s, e, NULL);
        if (label && (rc = add_name(g, label, strlen(label), err)) != TKG_OK)
            return rc;
        for (size_t i = 0, n = tkg_entity_name_count(s, e); i < n; i++) {
            tkg_name nm = tkg_entity_name(s, e, i);
            if (nm.text && (rc = add_name(g, nm.text, strlen(nm.text), err)) != TKG_OK)
                return rc;
        }
    }
    return TKG_OK;
}

/* The bundled states: data/states.tsv (ALPHA-2, id, language, name), a state per run of
 * lines with the same id. A state whose id the store already holds is left out. */
static int add_states(extract_gazetteer *g, const tkg_store *s, tkg_error *err)
{
    const char *p = tkg_res_states_tsv, *end = p + tkg_res_states_tsv_len;
    const char *last_id = NULL;
    size_t last_len = 0;
    bool skip = false;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *f[4];
        size_t fl[4], nf = 0;
        for (const char *q = p; nf < 4 && q <= eol;) {
            const char *tab = memchr(q, '\t', (size_t)(eol - q));
            const char *stop = tab ? tab : eol;
            f[nf] = q, fl[nf] = (size_t)(stop - q), nf++;
            q = stop + 1;
        }
        if (*p != '#' && nf == 4) {
            if (!last_id || last_len != fl[1] || memcmp(last_id, f[1], fl[1]) != 0) {
                last_id = f[1], last_len = fl[1];
                char id[128];
                snprintf(id, sizeof id, "%.*s", (int)fl[1], f[1]);
                skip = s && tkg_store_find_entity(s, id) != TKG_NO_ENTITY;
                int rc = skip ? TKG_OK : add_actor(g, f[1], fl[1], "state", true, NULL, err);
                if (rc != TKG_OK)
                    return rc;
            }
            int rc = skip ? TKG_OK : add_name(g, f[3], fl[3], err);
            if (rc != TKG_OK)
                return rc;
        }
        p = eol + 1;
    }
    return TKG_OK;
}

/* Code points in lexicographic order (a name before the longer names it begins), then
 * insertion order: the entries that begin with any given code points are a range, and equal
 * spellings are neighbours, the first given first. */
static int compare_entries(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    for (size_t i = 0; i < a->n && i < b->n; i++)
        if (a->cp[i] != b->cp[i])
            return a->cp[i] < b->cp[i] ? -1 : 1;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static bool same_name(const entry *a, const entry *b)
{
    return a->n == b->n && memcmp(a->cp, b->cp, a->n * sizeof *a->cp) == 0;
}

int extract_gazetteer_new(extract_gazetteer **out, const tkg_store *store, bool states,
                          tkg_error *err)
{
    int rc = TKG_OK;
    extract_gazetteer *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    if (store && (rc = add_store(g, store, err)) != TKG_OK)
        goto done;
    if (states && (rc = add_states(g, store, err)) != TKG_OK)
        goto done;
    if (g->nentries) {
        qsort(g->entries, g->nentries, sizeof *g->entries, compare_entries);
        /* One entry per spelling: the first given wins (the store's before the states'). */
        size_t kept = 0;
        for (size_t i = 0; i < g->nentries; i++) {
            if (kept && same_name(&g->entries[kept - 1], &g->entries[i])) {
                free(g->entries[i].cp);
                continue;
            }
            g->entries[kept++] = g->entries[i];
        }
        g->nentries = kept;
    }
    *out = g;
    g = NULL;
done:
    extract_gazetteer_free(g);
    return rc;
}

void extract_gazetteer_free(extract_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nactors; i++) {
        free(g->actors[i].id);
        free(g->actors[i].kind);
    }
    for (size_t i = 0; i < g->nentries; i++)
        free(g->entries[i].cp);
    free(g->actors);
    free(g->entries);
    free(g);
}

size_t extract_gazetteer_size(const extract_gazetteer *g)
{
    return g->nentries;
}

/* ------------------------------------------------------------ matching */

static bool word_char(UChar32 c)
{
    return u_isalnum(c) != 0;
}

/* Whether the original text[from, to) has no lower-case letter. */
static bool in_capitals(const char *text, size_t from, size_t to)
{
    int32_t i = (int32_t)from, n = (int32_t)to;
    while (i < n) {
        UChar32 c;
        U8_NEXT(text, i, n, c);
        if (c >= 0 && u_islower(c))
            return false;
    }
    return true;
}

/* The first entry of entries[lo, hi) whose code point `d` is not below `c` (`above` false) or
 * above it (`above` true); every entry of the range has more than `d` code points, and they
 * are in order at `d`. */
static size_t bound(const entry *entries, size_t lo, size_t hi, size_t d, UChar32 c, bool above)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        UChar32 m = entries[mid].cp[d];
        if (m < c || (above && m == c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The longest entry that matches the folded text at code point `i` and ends on a word end at
 * or before `limit`, or NULL. The entries that share the text's first d code points are a
 * range of the sorted entries, the one of exactly d code points (a spelling is there once)
 * first: the range narrows one code point at a time, by binary search, each name it passes
 * being a candidate, until it is empty or the text (or `limit`) ends. */
static const entry *longest(const extract_gazetteer *g, const char *text, const folded *f, size_t i,
                            size_t limit)
{
    const entry *best = NULL;
    size_t lo = 0, hi = g->nentries;
    /* Every entry of [lo, hi) has more than d code points and begins with the text's first d. */
    for (size_t d = 0; lo < hi && i + d < limit; d++) {
        lo = bound(g->entries, lo, hi, d, f->cp[i + d], false);
        hi = bound(g->entries, lo, hi, d, f->cp[i + d], true);
        if (lo == hi || g->entries[lo].n != d + 1)
            continue;
        const entry *e = &g->entries[lo++];
        size_t j = i + e->n;
        if (j < f->n && word_char(f->cp[j - 1]) && word_char(f->cp[j]))
            continue;
        if (e->capitals && !in_capitals(text, f->from[i], f->to[j - 1]))
            continue;
        best = e;
    }
    return best;
}

/* Whether the folded word that ends before code point `p` (white space aside; an elided
 * "l'" or "d'" ends at its apostrophe) is one of `words`; `*ws` gets its first code point. */
static bool word_before(const folded *f, size_t lo, size_t p, const char *const *words, size_t *ws)
{
    size_t e = p;
    while (e > lo && f->cp[e - 1] == ' ')
        e--;
    size_t b = e;
    if (b > lo && f->cp[b - 1] == '\'')
        b--;
    while (b > lo && word_char(f->cp[b - 1]))
        b--;
    if (b == e || (b > lo && !(f->cp[b - 1] == ' ' || f->cp[b - 1] == '\'')))
        return false;
    for (size_t w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        bool same = n == e - b;
        for (size_t k = 0; same && k < n; k++)
            same = f->cp[b + k] == (UChar32)(unsigned char)words[w][k];
        if (same) {
            *ws = b;
            return true;
        }
    }
    return false;
}

/* Whether a name inside the name [i, j) may start at code point `p`: after a preposition of
 * the name, articles aside ("camp de la MINUSMA à Bamako", "Conseil de sécurité de l'ONU",
 * "Democratic Republic of the Congo"). */
static bool after_preposition(const folded *f, size_t i, size_t p)
{
    static const char *const prepositions[] = {"de",  "du", "des", "d'", "a",  "au",
                                               "aux", "en", "of",  "in", "at", NULL};
    static const char *const articles[] = {"le", "la", "les", "l'", "the", NULL};
    size_t ws;
    if (word_before(f, i, p, articles, &ws))
        p = ws;
    return word_before(f, i, p, prepositions, &ws);
}

static int add_mention(extract_mention **m, size_t *nm, size_t *cap, const actor *a, size_t start,
                       size_t end, bool nested, tkg_error *err)
{
    if (*nm == *cap) {
        size_t more_cap = *cap ? *cap * 2 : 32;
        extract_mention *more = realloc(*m, more_cap * sizeof *more);
        if (!more)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        *m = more, *cap = more_cap;
    }
    (*m)[(*nm)++] = (extract_mention){.start = start,
                                      .end = end,
                                      .id = a->id,
                                      .kind = a->kind,
                                      .proposed = a->proposed,
                                      .nested = nested,
                                      .date = a->date};
    return TKG_OK;
}

/* A person's surname: the last word of a full name the article gave, folded, at code points
 * [at, at + n) of the folded text. */
typedef struct surname {
    size_t at, n;
    const actor *a;
} surname;

/* The shortest surname that names a person alone ("Sonko" after "Ousmane Sonko"). */
#define MIN_SURNAME 4
/* The surnames remembered per article. */
#define MAX_SURNAMES 64

/* Remembers the last word of the name [i, j) of person `a` when it is a capitalised word of
 * MIN_SURNAME letters or more and the name has more than one word. */
static void remember_surname(surname *s, size_t *ns, const folded *f, const char *text, size_t i,
                             size_t j, const actor *a)
{
    size_t b = j;
    while (b > i && word_char(f->cp[b - 1]))
        b--;
    if (b == i || j - b < MIN_SURNAME || *ns == MAX_SURNAMES || strcmp(a->kind, "person") != 0)
        return;
    int32_t o = (int32_t)f->from[b], n = (int32_t)f->to[b];
    UChar32 c;
    U8_NEXT(text, o, n, c);
    if (c < 0 || !u_isupper(c))
        return;
    for (size_t k = 0; k < *ns; k++)
        if (s[k].a == a)
            return;
    s[(*ns)++] = (surname){.at = b, .n = j - b, .a = a};
}

/* The person whose surname is the capitalised word at code point `i`, or NULL. */
static const actor *surname_at(const surname *s, size_t ns, const folded *f, const char *text,
                               size_t i)
{
    for (size_t k = 0; k < ns; k++) {
        size_t j = i + s[k].n;
        if (j > f->n || (j < f->n && word_char(f->cp[j])) ||
            memcmp(f->cp + i, f->cp + s[k].at, s[k].n * sizeof *f->cp) != 0)
            continue;
        int32_t o = (int32_t)f->from[i], n = (int32_t)f->to[i];
        UChar32 c;
        U8_NEXT(text, o, n, c);
        if (c >= 0 && u_isupper(c))
            return s[k].a;
    }
    return NULL;
}

int extract_actors(const extract_gazetteer *g, const char *text, size_t len, extract_mention **out,
                   size_t *count, tkg_error *err)
{
    surname sn[MAX_SURNAMES];
    size_t nsn = 0;
    folded f = {0};
    extract_mention *m = NULL;
    size_t nm = 0, cap = 0;
    *out = NULL;
    *count = 0;
    int rc = fold(text, len, &f, err);
    if (rc != TKG_OK)
        goto done;
    for (size_t i = 0; i < f.n; i++) {
        if (f.cp[i] == ' ' || (i > 0 && word_char(f.cp[i - 1]) && word_char(f.cp[i])))
            continue;
        const entry *e = longest(g, text, &f, i, f.n);
        if (!e) {
            /* a surname alone, after the person's full name */
            const actor *p = surname_at(sn, nsn, &f, text, i);
            size_t k = 0;
            for (; p && k < nsn && sn[k].a != p; k++)
                ;
            if (p && (rc = add_mention(&m, &nm, &cap, p, f.from[i], f.to[i + sn[k].n - 1], false,
                                       err)) != TKG_OK)
                goto done;
            if (p)
                i += sn[k].n - 1;
            continue;
        }
        size_t j = i + e->n;
        const actor *a = &g->actors[e->actor];
        if ((rc = add_mention(&m, &nm, &cap, a, f.from[i], f.to[j - 1], false, err)) != TKG_OK)
            goto done;
        remember_surname(sn, &nsn, &f, text, i, j, a);
        /* Names inside the name of a store entity: store entities' names only, after a
         * preposition of the name (a state's name in a state's name, "République
         * démocratique du Congo", is part of it, not a mention of the Congo). */
        for (size_t p = i + 1; !a->proposed && p < j; p++) {
            if (f.cp[p] == ' ' || word_char(f.cp[p - 1]) || !after_preposition(&f, i, p))
                continue;
            const entry *in = longest(g, text, &f, p, j);
            const actor *b = in ? &g->actors[in->actor] : NULL;
            if (!b || b->proposed || b == a)
                continue;
            rc = add_mention(&m, &nm, &cap, b, f.from[p], f.to[p + in->n - 1], true, err);
            if (rc != TKG_OK)
                goto done;
        }
        i = j - 1;
    }
    *out = m;
    *count = nm;
    m = NULL;
done:
    free(m);
    folded_free(&f);
    return rc;
}
