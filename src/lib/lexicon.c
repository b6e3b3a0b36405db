/* The relation lexicon: trigger phrases per relation kind and language, loaded from XML
 * checked against schema/lexicon.xsd's declaration table (xsd.h), then against the ontology
 * in use; and the folding that makes matching blind to case and accents. See lexicon.h. */
#include "lexicon.h"

#include "error.h"
#include "ontology.h"
#include "resources.h"
#include "vec.h"
#include "xml.h"
#include "xsd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lexicon {
    char *name;
    lexicon_trigger *t;
    uint32_t count, cap;
};

/* ------------------------------------------------------------ folding */

/* U+00C0 to U+017F folded: lower case, no accent; "" keeps the character (× ÷). */
static const char *const latin[192] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c",  /* U+00C0 */
    "e", "e", "e",  "e",  "i", "i", "i",  "i",  /* U+00C8 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",   /* U+00D0 */
    "o", "u", "u",  "u",  "u", "y", "th", "ss", /* U+00D8 */
    "a", "a", "a",  "a",  "a", "a", "ae", "c",  /* U+00E0 */
    "e", "e", "e",  "e",  "i", "i", "i",  "i",  /* U+00E8 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",   /* U+00F0 */
    "o", "u", "u",  "u",  "u", "y", "th", "y",  /* U+00F8 */
    "a", "a", "a",  "a",  "a", "a", "c",  "c",  /* U+0100 */
    "c", "c", "c",  "c",  "c", "c", "d",  "d",  /* U+0108 */
    "d", "d", "e",  "e",  "e", "e", "e",  "e",  /* U+0110 */
    "e", "e", "e",  "e",  "g", "g", "g",  "g",  /* U+0118 */
    "g", "g", "g",  "g",  "h", "h", "h",  "h",  /* U+0120 */
    "i", "i", "i",  "i",  "i", "i", "i",  "i",  /* U+0128 */
    "i", "i", "ij", "ij", "j", "j", "k",  "k",  /* U+0130 */
    "k", "l", "l",  "l",  "l", "l", "l",  "l",  /* U+0138 */
    "l", "l", "l",  "n",  "n", "n", "n",  "n",  /* U+0140 */
    "n", "n", "n",  "n",  "o", "o", "o",  "o",  /* U+0148 */
    "o", "o", "oe", "oe", "r", "r", "r",  "r",  /* U+0150 */
    "r", "r", "s",  "s",  "s", "s", "s",  "s",  /* U+0158 */
    "s", "s", "t",  "t",  "t", "t", "t",  "t",  /* U+0160 */
    "u", "u", "u",  "u",  "u", "u", "u",  "u",  /* U+0168 */
    "u", "u", "u",  "u",  "w", "w", "y",  "y",  /* U+0170 */
    "y", "z", "z",  "z",  "z", "z", "z",  "s",  /* U+0178 */
};

/* The code point of the UTF-8 sequence at `s` (`n` bytes left) and its length in `*used`;
 * -1 (one byte used) when it is not valid UTF-8 of 2 or 3 bytes, the only ones folded. */
static long decode(const unsigned char *s, size_t n, size_t *used)
{
    *used = 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf && n >= 2 && (s[1] & 0xc0) == 0x80) {
        *used = 2;
        return ((long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    }
    if (s[0] >= 0xe0 && s[0] <= 0xef && n >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
        long cp = ((long)(s[0] & 0x0f) << 12) | ((long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
        if (cp >= 0x800) {
            *used = 3;
            return cp;
        }
    }
    return -1;
}

size_t lexicon_fold_step(const char *s, size_t n, size_t *used, char buf[4])
{
    unsigned char c = (unsigned char)s[0];
    *used = 1;
    if (c < 0x80) {
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        buf[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return 1;
    }
    size_t len;
    long cp = decode((const unsigned char *)s, n, &len);
    const char *to = NULL;
    if (cp >= 0xc0 && cp < 0x180 && latin[cp - 0xc0][0])
        to = latin[cp - 0xc0];
    else if (cp == 0xa0 || cp == 0x2009 || cp == 0x202f) /* no-break, thin spaces */
        to = " ";
    else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2bc) /* typographic apostrophes */
        to = "'";
    else if (cp == 0x2010 || cp == 0x2011) /* hyphen, non-breaking hyphen */
        to = "-";
    if (!to) { /* kept as it is: a whole character, or one byte of invalid UTF-8 */
        memcpy(buf, s, len);
        *used = len;
        return len;
    }
    *used = len;
    size_t k = strlen(to);
    memcpy(buf, to, k);
    return k;
}

int lexicon_fold(char **out, size_t *out_len, const char *s, size_t n)
{
    /* Folding never lengthens: every character of two or three bytes folds to at most two,
     * and one byte to one. */
    char *f = malloc(n + 1);
    size_t k = 0;
    if (!f) {
        *out = NULL;
        *out_len = 0;
        return TKG_ENOMEM;
    }
    for (size_t i = 0; i < n;) {
        char buf[4];
        size_t used, w = lexicon_fold_step(s + i, n - i, &used, buf);
        i += used;
        if (w == 1 && buf[0] == ' ') {
            if (k > 0 && f[k - 1] != ' ')
                f[k++] = ' ';
            continue;
        }
        memcpy(f + k, buf, w);
        k += w;
    }
    if (k > 0 && f[k - 1] == ' ')
        k--;
    f[k] = '\0';
    *out = f;
    *out_len = k;
    return TKG_OK;
}

/* ------------------------------------------------------------ queries and life cycle */

const char *lexicon_name(const lexicon *lx)
{
    return lx->name;
}

size_t lexicon_trigger_count(const lexicon *lx)
{
    return lx->count;
}

const lexicon_trigger *lexicon_trigger_at(const lexicon *lx, size_t i)
{
    return &lx->t[i];
}

static void free_trigger(lexicon_trigger *t)
{
    free(t->text);
    free(t->folded);
    free(t->words);
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    for (uint32_t i = 0; i < lx->count; i++)
        free_trigger(&lx->t[i]);
    free(lx->t);
    free(lx->name);
    free(lx);
}

/* ------------------------------------------------------------ loading */

typedef struct loader {
    lexicon *lx;
    const tkg_ontology *o;
    const char *name;
    tkg_error *err;
    int status;
    xsd_check check;                   /* against schema/lexicon.xsd */
    uint32_t kind;                     /* of the open <relation>, or TKG_NO_KIND */
    uint32_t *kind_line, *kind_column; /* per relation kind: its <relation>, 0 when none yet */
    bool in_trigger;                   /* a valid <trigger> is open */
    lexicon_trigger pending;           /* its attributes */
    char lang[32];                     /* its lang attribute as written */
    char *text;                        /* its text so far */
    size_t text_len, text_cap;
} loader;

static int fail_at(loader *l, uint32_t line, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(loader *l, uint32_t line, uint32_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    l->status = tkg_failv(l->err, TKG_EINPUT, l->name, (int)line, (int)column, fmt, ap);
    va_end(ap);
    return 1;
}

static int nomem(loader *l)
{
    l->status = tkg_fail(l->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return 1;
}

/* The value of attribute `name`, white space collapsed away at both ends (the attributes read
 * here are enumerations and names, whose types collapse), or `fallback`. */
static void attr(const xml_element *el, const char *name, const char *fallback, char *out,
                 size_t size)
{
    snprintf(out, size, "%s", fallback);
    for (size_t i = 0; i < el->attr_count; i++) {
        if (strcmp(el->attrs[i].name, name) != 0)
            continue;
        const char *v = el->attrs[i].value;
        size_t n = el->attrs[i].len;
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
            n--;
        while (n && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
            v++, n--;
        snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), v);
    }
}

static int index_of(const char *const *names, const char *v)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return 0; /* the schema admits only the names listed */
}

static const char *const orders[] = {"from-trigger-to", "to-trigger-from", "trigger-from-to",
                                     "trigger-to-from", NULL};
static const char *const confidences[] = {"high", "medium", "low", NULL};
static const char *const date_roles[] = {"date", "start", "end", NULL};

static int start_relation(loader *l, const xml_element *el)
{
    char kind[80], hint[80];
    attr(el, "kind", "", kind, sizeof kind);
    l->kind = tkg_ontology_relation_kind(l->o, kind);
    if (l->kind == TKG_NO_KIND) {
        ontology_suggest(l->o, true, kind, hint, sizeof hint);
        if (hint[0])
            return fail_at(l, el->line, el->column,
                           "unknown relation kind '%s' (did you mean '%s'?)", kind, hint);
        return fail_at(l, el->line, el->column, "unknown relation kind '%s'", kind);
    }
    if (l->kind_line[l->kind])
        return fail_at(l, el->line, el->column,
                       "relation kind '%s' has a second <relation>: its first is at %u:%u", kind,
                       l->kind_line[l->kind], l->kind_column[l->kind]);
    l->kind_line[l->kind] = el->line;
    l->kind_column[l->kind] = el->column;
    return 0;
}

static void start_trigger(loader *l, const xml_element *el)
{
    char v[32];
    lexicon_trigger *t = &l->pending;
    *t = (lexicon_trigger){.kind = l->kind, .line = el->line, .column = el->column};
    attr(el, "lang", "", l->lang, sizeof l->lang);
    attr(el, "order", "from-trigger-to", v, sizeof v);
    t->order = (lexicon_order)index_of(orders, v);
    attr(el, "confidence", "medium", v, sizeof v);
    t->confidence = (lexicon_confidence)index_of(confidences, v);
    attr(el, "date", "date", v, sizeof v);
    t->date_role = (lexicon_date_role)index_of(date_roles, v);
    l->text_len = 0;
    l->in_trigger = true;
}

/* The words of `t->folded`, split at spaces and after apostrophes ("s'est" is "s'" "est"),
 * as a matcher splits the folded text. */
static int split_words(lexicon_trigger *t)
{
    size_t n = strlen(t->folded), cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += t->folded[i] == ' ' || t->folded[i] == '\'';
    t->words = calloc(cap, sizeof *t->words);
    if (!t->words)
        return TKG_ENOMEM;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && t->folded[j] != ' ' && t->folded[j] != '\'')
            j++;
        if (j < n && t->folded[j] == '\'')
            j++;
        lexicon_word *w = &t->words[t->word_count++];
        *w = (lexicon_word){t->folded + i, j - i, j > i && t->folded[j - 1] == '*'};
        if (w->prefix)
            w->len--;
        i = j < n && t->folded[j] == ' ' ? j + 1 : j;
    }
    return TKG_OK;
}

static size_t characters(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

/* Whether folded text `s` holds a letter or a digit: an ASCII one, or a character from U+00C0
 * on other than × ÷, the punctuation and symbols of U+2000 to U+2BFF and those of CJK
 * (U+3000 to U+303F). Latin-1's punctuation (« » ° ...) and ASCII's are not letters. */
static bool has_letter(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            return true;
        size_t used;
        long cp = c < 0x80 ? -1 : decode((const unsigned char *)s + i, n - i, &used);
        i += c < 0x80 ? 1 : used;
        if (c >= 0xf0 || (cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 &&
                          !(cp >= 0x2000 && cp <= 0x2bff) && !(cp >= 0x3000 && cp <= 0x303f)))
            return true;
    }
    return false;
}

/* The checks of a trigger that the schema cannot make, once its text is whole. */
static int check_trigger(loader *l, lexicon_trigger *t)
{
    const char *kind = tkg_relation_kind_name(l->o, t->kind);
    if (strcmp(l->lang, "fr") != 0 && strcmp(l->lang, "en") != 0)
        return fail_at(l, t->line, t->column,
                       "unknown language '%s' of trigger '%s': a lexicon is in fr or en", l->lang,
                       t->text);
    memcpy(t->lang, l->lang, 3);
    if (!has_letter(t->folded))
        return fail_at(l, t->line, t->column, "trigger '%s' has no letter or digit", t->text);
    for (uint32_t i = 0; i < t->word_count; i++) {
        const lexicon_word *w = &t->words[i];
        const char *star = memchr(w->text, '*', w->len);
        if (star || (w->prefix && characters(w->text, w->len) < 3))
            return fail_at(l, t->line, t->column,
                           "trigger '%s': a '*' may only end a word of at least 3 characters",
                           t->text);
    }
    for (uint32_t i = 0; i < l->lx->count; i++) {
        const lexicon_trigger *o = &l->lx->t[i];
        if (o->kind == t->kind && strcmp(o->lang, t->lang) == 0 &&
            strcmp(o->folded, t->folded) == 0)
            return fail_at(l, t->line, t->column,
                           "duplicate trigger '%s' (%s) of relation kind '%s': the same as '%s' "
                           "at %u:%u",
                           t->text, t->lang, kind, o->text, o->line, o->column);
    }
    return 0;
}

static int end_trigger(loader *l)
{
    lexicon_trigger *t = &l->pending;
    size_t n;
    l->in_trigger = false;
    /* The text as written, white space collapsed, for messages and reviewers. */
    if (lexicon_fold(&t->folded, &n, l->text ? l->text : "", l->text_len) != TKG_OK)
        goto nomem;
    t->text = malloc(l->text_len + 1);
    if (!t->text)
        goto nomem;
    size_t k = 0;
    for (size_t i = 0; i < l->text_len; i++) {
        char c = l->text[i];
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space && (k == 0 || t->text[k - 1] == ' '))
            continue;
        t->text[k++] = space ? ' ' : c;
    }
    if (k > 0 && t->text[k - 1] == ' ')
        k--;
    t->text[k] = '\0';
    if (split_words(t) != TKG_OK)
        goto nomem;
    if (check_trigger(l, t))
        goto fail;
    if (vec_reserve(&l->lx->t, &l->lx->cap, l->lx->count + 1, sizeof *l->lx->t))
        goto nomem;
    l->lx->t[l->lx->count++] = *t;
    *t = (lexicon_trigger){0};
    return 0;
nomem:
    nomem(l);
fail:
    free_trigger(t);
    *t = (lexicon_trigger){0};
    return 1;
}

static int on_start(void *ctx, const xml_element *el)
{
    loader *l = ctx;
    enum xsd_verdict verdict = xsd_start(&l->check, el);
    if (l->check.stopped)
        return 1;
    if (verdict != XSD_VALID)
        return 0;
    switch (xsd_open_id(&l->check)) {
    case XSD_LEXICON: {
        char name[256];
        attr(el, "name", "", name, sizeof name);
        l->lx->name = strdup(name);
        return l->lx->name ? 0 : nomem(l);
    }
    case XSD_LEXICON_RELATION:
        return start_relation(l, el);
    case XSD_TRIGGER:
        start_trigger(l, el);
        return 0;
    default:
        return 0;
    }
}

static int on_text(void *ctx, const char *text, size_t len)
{
    loader *l = ctx;
    xsd_text(&l->check, text, len);
    if (l->check.stopped)
        return 1;
    if (!l->in_trigger)
        return 0;
    if (l->text_len + len + 1 > l->text_cap) {
        size_t cap = (l->text_len + len + 1) * 2;
        char *p = realloc(l->text, cap);
        if (!p)
            return nomem(l);
        l->text = p;
        l->text_cap = cap;
    }
    memcpy(l->text + l->text_len, text, len);
    l->text_len += len;
    return 0;
}

static int on_end(void *ctx, const char *name)
{
    loader *l = ctx;
    (void)name;
    bool trigger = l->in_trigger && xsd_open_id(&l->check) == XSD_TRIGGER;
    bool valid = xsd_end(&l->check);
    if (l->check.stopped)
        return 1;
    if (trigger && valid)
        return end_trigger(l);
    l->in_trigger = false;
    return 0;
}

static int on_error(void *ctx, const tkg_error *e)
{
    loader *l = ctx;
    l->status = tkg_error_keep(l->err, e);
    return 1;
}

static int load(lexicon **out, const xml_input *in, const tkg_ontology *o, tkg_error *err)
{
    size_t kinds = tkg_ontology_relation_kind_count(o);
    loader l = {.lx = calloc(1, sizeof(lexicon)),
                .o = o,
                .name = in->name,
                .err = err,
                .kind = TKG_NO_KIND,
                .kind_line = calloc(kinds + 1, sizeof(uint32_t)),
                .kind_column = calloc(kinds + 1, sizeof(uint32_t))};
    l.check = xsd_check_init(&xsd_lexicon, in->name, on_error, &l);
    int rc = TKG_OK;
    if (!l.lx || !l.kind_line || !l.kind_column) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    xml_handler h = {
        .ctx = &l, .start = on_start, .end = on_end, .text = on_text, .error = on_error};
    rc = xml_parse(in, &h, err);
    if (rc == TKG_OK)
        rc = l.status;
done:
    xsd_check_free(&l.check);
    free_trigger(&l.pending);
    free(l.text);
    free(l.kind_line);
    free(l.kind_column);
    if (rc != TKG_OK) {
        lexicon_free(l.lx);
        l.lx = NULL;
    }
    *out = l.lx;
    return rc;
}

int lexicon_load_buffer(lexicon **out, const char *data, size_t len, const char *name,
                        const tkg_ontology *o, tkg_error *err)
{
    xml_input in = {.name = name, .data = data, .len = len, .max_bytes = (uint64_t)64 << 20};
    return load(out, &in, o, err);
}

int lexicon_load(lexicon **out, const char *path, const tkg_ontology *o, tkg_error *err)
{
    xml_input in = {.name = path, .path = path, .max_bytes = (uint64_t)64 << 20};
    return load(out, &in, o, err);
}

int lexicon_default(lexicon **out, const tkg_ontology *o, tkg_error *err)
{
    return lexicon_load_buffer(out, tkg_res_lexicon_xml, tkg_res_lexicon_xml_len, "lexicon.xml", o,
                               err);
}
