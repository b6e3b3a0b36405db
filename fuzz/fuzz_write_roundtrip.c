/* Fuzz target: the writers, read back by tkg's own readers. The fuzzer's bytes drive a small
 * store — entities of every kind of the default ontology with labels of any Unicode text
 * (quotes, markup characters, TAB, LF, CR, DEL, C1 controls, astral characters), lifespans and
 * relations dated at every precision (point facts, open ends, relations that take an event's
 * time), typed attributes of every type, relation ids, Wikidata ids, and citations with
 * quotes of sources with metadata — written as a TKG-XML document and read by tkg's TKG-XML
 * reader, and from what bytes are left, quadruples (ICEWS, YAGO and Wikidata lines, with ids
 * that are not slug-like, implicit relation kinds, YAGO's partial dates and line citations)
 * read by the quadruple reader. The store is exported to GraphML and to Neo4j CSV (nodes +
 * relationships), each read back into a store of its own, and the three must be equal: roundtrip.h
 * says exactly what is compared, and what is not and why. */
#include "fuzz.h"
#include "roundtrip.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the fuzzer's bytes */

typedef struct bytes {
    const uint8_t *p;
    size_t n;
} bytes;

/* The next byte, 0 once the input is used up (so that every input makes a document). */
static unsigned next(bytes *b)
{
    if (!b->n)
        return 0;
    b->n--;
    return *b->p++;
}

static unsigned below(bytes *b, unsigned n)
{
    return n ? next(b) % n : 0;
}

/* ------------------------------------------------------------ the document */

typedef struct doc {
    char *text;
    size_t len, cap;
    bool failed;
} doc;

static void put(doc *d, const char *s, size_t n)
{
    if (d->failed)
        return;
    if (d->len + n + 1 > d->cap) {
        size_t cap = (d->len + n + 1) * 2;
        char *t = realloc(d->text, cap);
        if (!t) {
            d->failed = true;
            return;
        }
        d->text = t;
        d->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static void puts_(doc *d, const char *s)
{
    put(d, s, strlen(s));
}

static void printf_(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void printf_(doc *d, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        put(d, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Appends code point `c` escaped for XML content or a double-quoted attribute: markup
 * characters and TAB, LF, CR as references (literal ones would be normalized), the rest as
 * UTF-8. */
static void put_char(doc *d, uint32_t c)
{
    char u[8];
    size_t n;
    switch (c) {
    case '&':
        puts_(d, "&amp;");
        return;
    case '<':
        puts_(d, "&lt;");
        return;
    case '>':
        puts_(d, "&gt;");
        return;
    case '"':
        puts_(d, "&quot;");
        return;
    case '\t':
    case '\n':
    case '\r':
        printf_(d, "&#%u;", (unsigned)c);
        return;
    }
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xc0 | c >> 6);
        u[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xe0 | c >> 12);
        u[1] = (char)(0x80 | (c >> 6 & 0x3f));
        u[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | c >> 18);
        u[1] = (char)(0x80 | (c >> 12 & 0x3f));
        u[2] = (char)(0x80 | (c >> 6 & 0x3f));
        u[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    put(d, u, n);
}

/* A character that TKG-XML can hold (XML 1.0 has no C0 controls but TAB, LF and CR, no
 * surrogates, no U+FFFE or U+FFFF): a little of everything that writers must escape. */
static uint32_t any_char(bytes *b)
{
    static const char ascii[] = "aZ09 ,;\"'<>&=+-@|\\/:.#%{}[]()!?*_~`^$";
    static const uint32_t special[] = {'\t',   '\n',   '\r',    0x7f,     0x80,   0x85,   0x9f,
                                       0xa0,   0xe9,   0xab,    0xbb,     0x2028, 0x2029, 0xfeff,
                                       0xfffd, 0x200b, 0x1f600, 0x10ffff, 0x4e2d, 0x0627};
    unsigned k = next(b);
    if (k < 160)
        return (uint32_t)ascii[k % (sizeof ascii - 1)];
    if (k < 220)
        return special[k % (sizeof special / sizeof *special)];
    uint32_t c = (uint32_t)next(b) << 8 | next(b);
    if (c < 0x20 || (c >= 0xd800 && c < 0xe000) || c >= 0xfffe)
        c = 'x';
    return c;
}

/* Text of 0..max characters; `nonblank` makes sure one is not XML white space. */
static void put_text(doc *d, bytes *b, unsigned max, bool nonblank)
{
    unsigned n = below(b, max + 1);
    bool blank = true;
    for (unsigned i = 0; i < n; i++) {
        uint32_t c = any_char(b);
        blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
        put_char(d, c);
    }
    if (nonblank && blank)
        put_char(d, 'x');
}

/* A date at a precision of the bytes' choosing; `*first` and `*last` get its day range as
 * comparable numbers (yyyymmdd). */
static void date_text(bytes *b, char *out, long *first, long *last)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned k = next(b);
    int year = k < 8 ? (k < 4 ? 1 : 9999) : 1900 + (int)below(b, 200);
    int month = 1 + (int)below(b, 12);
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int dim = month == 2 && !leap ? 28 : days[month - 1];
    int day = 1 + (int)below(b, (unsigned)dim);
    switch (below(b, 3)) {
    case 0:
        sprintf(out, "%04d", year);
        *first = year * 10000L + 101;
        *last = year * 10000L + 1231;
        break;
    case 1:
        sprintf(out, "%04d-%02d", year, month);
        *first = year * 10000L + month * 100 + 1;
        *last = year * 10000L + month * 100 + dim;
        break;
    default:
        sprintf(out, "%04d-%02d-%02d", year, month, day);
        *first = *last = year * 10000L + month * 100 + day;
        break;
    }
}

/* start/end or date attributes, or none; a dated kind gets at least one. */
static void put_dates(doc *d, bytes *b, bool need)
{
    char s[16], e[16];
    long sf, sl, ef, el;
    unsigned form = below(b, 5);
    if (need && form == 0)
        form = 1;
    switch (form) {
    case 0:
        return;
    case 1: /* a point fact */
        date_text(b, s, &sf, &sl);
        printf_(d, " date=\"%s\"", s);
        return;
    case 2:
        date_text(b, s, &sf, &sl);
        printf_(d, " start=\"%s\"", s);
        return;
    case 3:
        date_text(b, e, &ef, &el);
        printf_(d, " end=\"%s\"", e);
        return;
    default:
        date_text(b, s, &sf, &sl);
        date_text(b, e, &ef, &el);
        if (el < sf) /* the end ends before the start begins: swap them */
            printf_(d, " start=\"%s\" end=\"%s\"", e, s);
        else
            printf_(d, " start=\"%s\" end=\"%s\"", s, e);
    }
}

/* One typed <attr> per chosen key: keys name their type (s0, i1, ...), so that a key's
 * column has one type in every export. */
static void put_attrs(doc *d, bytes *b)
{
    static const char *const types[] = {"string", "int", "double", "bool", "date"};
    static const char *const doubles[] = {
        "1.5",      "-2e3", "0.000", "1E+5", "  7.25 ", "-0", "123456789012345678",
        "2.5e-300", ".5",   "5."};
    static const char *const ints[] = {
        "0", "-1", "+5", "007", " 42 ", "9223372036854775807", "-9223372036854775808", "12"};
    static const char *const bools[] = {"true", "false", "TRUE", "0", "1", " False "};
    unsigned mask = next(b) & next(b);
    for (unsigned k = 0; k < 8; k++) {
        if (!(mask >> k & 1))
            continue;
        unsigned t = k % 5;
        printf_(d, "<attr key=\"%c%u\" type=\"%s\">", "sidbt"[t], k, types[t]);
        char date[16];
        long f, l;
        switch (t) {
        case 0:
            put_text(d, b, 12, true);
            break;
        case 1:
            puts_(d, ints[below(b, sizeof ints / sizeof *ints)]);
            break;
        case 2:
            puts_(d, doubles[below(b, sizeof doubles / sizeof *doubles)]);
            break;
        case 3:
            puts_(d, bools[below(b, sizeof bools / sizeof *bools)]);
            break;
        default:
            date_text(b, date, &f, &l);
            puts_(d, date);
        }
        puts_(d, "</attr>");
    }
}

#define SOURCES 3

static void put_cites(doc *d, bytes *b)
{
    unsigned n = below(b, 3);
    for (unsigned i = 0; i < n; i++) {
        printf_(d, "<cite source=\"src%u\">", below(b, SOURCES));
        put_text(d, b, 16, false);
        puts_(d, "</cite>");
    }
}

/* An optional attribute of any text. */
static void put_opt(doc *d, bytes *b, const char *name)
{
    if (next(b) < 128)
        return;
    printf_(d, " %s=\"", name);
    put_text(d, b, 10, true);
    puts_(d, "\"");
}

#define MAX_ENTITIES 8

static char *make_document(bytes *in, const tkg_ontology *o, size_t *len)
{
    static const char *const langs[] = {"fr", "en", "pt-BR", "de-CH-1901"};
    static const char *const urls[] = {"https://example.org/a?b=1&amp;c=%22", "http://x.test/",
                                       "HTTPS://EXAMPLE.ORG/p/q#f"};
    bytes b = *in;
    doc d = {0};
    uint32_t kinds[MAX_ENTITIES];
    char ids[MAX_ENTITIES][16];
    unsigned n_entities = 1 + below(&b, MAX_ENTITIES);
    puts_(&d, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tkg xmlns=\"urn:tkg:1\">\n");
    for (unsigned i = 0; i < SOURCES; i++) {
        printf_(&d, "<source id=\"src%u\"", i);
        put_opt(&d, &b, "title");
        put_opt(&d, &b, "publisher");
        if (next(&b) & 1)
            printf_(&d, " url=\"%s\"", urls[below(&b, 3)]);
        if (next(&b) & 1) {
            char date[16];
            long f, l;
            date_text(&b, date, &f, &l);
            printf_(&d, " published=\"%s\"", date);
        }
        if (next(&b) & 1)
            printf_(&d, " lang=\"%s\"", langs[below(&b, 4)]);
        puts_(&d, "/>\n");
    }
    size_t nk = tkg_ontology_entity_kind_count(o);
    for (unsigned i = 0; i < n_entities; i++) {
        kinds[i] = below(&b, (unsigned)nk);
        /* ids of the ident form: some with '.', ':' and '-', which GraphML ids may not start
         * with */
        static const char *const prefixes[] = {"e", "_e", "0e", "e.x:", "E-"};
        snprintf(ids[i], sizeof ids[i], "%s%u", prefixes[below(&b, 5)], i);
        printf_(&d, "<entity id=\"%s\" kind=\"%s\" label=\"", ids[i],
                tkg_entity_kind_name(o, kinds[i]));
        put_text(&d, &b, 12, true);
        puts_(&d, "\"");
        put_dates(&d, &b, false);
        if (next(&b) < 64)
            printf_(&d, " wikidata=\"Q%u\"", 1 + next(&b) * 7);
        puts_(&d, ">");
        put_attrs(&d, &b);
        put_cites(&d, &b);
        puts_(&d, "</entity>\n");
    }
    unsigned n_relations = below(&b, 12);
    size_t nr = tkg_ontology_relation_kind_count(o);
    for (unsigned r = 0; r < n_relations && !d.failed; r++) {
        uint32_t k = below(&b, (unsigned)nr);
        unsigned from = below(&b, n_entities), to = below(&b, n_entities);
        /* endpoints whose kinds fit the kind's domain and range: the first that fit from
         * the chosen ones on */
        unsigned i, j;
        for (i = 0; i < n_entities; i++)
            if (tkg_entity_kind_is_a(o, kinds[(from + i) % n_entities],
                                     tkg_relation_kind_domain(o, k)))
                break;
        for (j = 0; j < n_entities; j++)
            if (tkg_entity_kind_is_a(o, kinds[(to + j) % n_entities],
                                     tkg_relation_kind_range(o, k)))
                break;
        if (i == n_entities || j == n_entities)
            continue;
        printf_(&d, "<relation kind=\"%s\" from=\"%s\" to=\"%s\"", tkg_relation_kind_name(o, k),
                ids[(from + i) % n_entities], ids[(to + j) % n_entities]);
        if (next(&b) < 48)
            printf_(&d, " id=\"r%u\"", r);
        put_dates(&d, &b, tkg_relation_kind_dated(o, k));
        puts_(&d, ">");
        put_attrs(&d, &b);
        put_cites(&d, &b);
        puts_(&d, "</relation>\n");
    }
    puts_(&d, "</tkg>\n");
    *in = b;
    if (d.failed) {
        free(d.text);
        return NULL;
    }
    *len = d.len;
    return d.text;
}

/* Quadruples from what is left of the bytes (or nothing): ICEWS, YAGO and Wikidata lines
 * whose names are entity ids as they are (spaces, quotes, markup, non-ASCII, one of the
 * document's ids), implicit relation kinds, and dates at every precision, YAGO's
 * `2004-##-##` included; each relation cites the file with its line. */
static char *make_quadruples(bytes *b, size_t *len)
{
    static const char *const names[] = {
        "John Kerry", "C\xc3\xb4te d'Ivoire", "a\"b", "<x> & y", "e1", "Q42", "x,y", "=cmd|x"};
    static const char *const relations[] = {"Express intent to meet", "<playsFor>", "P54", "knows"};
    static const char *const dates[] = {"2014-11-04", "2014",       "2014-07",
                                        "1992-##-##", "1994-05-##", "2005"};
    doc d = {0};
    unsigned n = next(b) % 8;
    if (n > 5)
        return NULL;
    for (unsigned i = 0; i < n; i++) {
        const char *s = names[below(b, 8)], *r = relations[below(b, 4)], *o = names[below(b, 8)];
        const char *date = dates[below(b, 6)];
        bool yago = strchr(date, '#') || next(b) & 1;
        if (!yago)
            printf_(&d, "%s\t%s\t%s\t%s\n", s, r, o, date);
        else if (next(b) & 1)
            printf_(&d, "<%s>\t<%s>\t<%s>\t<%s>\t\"%s\"\n", s, r, o,
                    next(b) & 1 ? "occursSince" : "occursUntil", date);
        else
            printf_(&d, "%s\t%s\t%s\n", s, r, o);
    }
    if (d.failed) {
        free(d.text);
        return NULL;
    }
    *len = d.len;
    return d.text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tkg_store *a = fuzz_store();
    if (!a)
        return 0;
    bytes b = {data, size};
    size_t len = 0, tsv_len = 0;
    char *text = make_document(&b, tkg_store_ontology(a), &len);
    char *tsv = text ? make_quadruples(&b, &tsv_len) : NULL;
    tkg_error err = {0};
    /* A document the reader refuses (the generator does not rule out every conflict, such as
     * one relation asserted twice with different values of an attribute) is not a store to
     * write. */
    if (text && tkg_read_xml_buffer(a, text, len, "fuzz.xml", &err) == TKG_OK &&
        (!tsv || tkg_read_tsv_buffer(a, tsv, tsv_len, "fuzz.tsv", &err) == TKG_OK) &&
        tkg_store_finish(a, &err) == TKG_OK) {
        if (tsv) { /* shown with the document when the round trip fails */
            text = realloc(text, len + tsv_len + 32);
            if (!text)
                abort();
            snprintf(text + len, tsv_len + 32, "--- fuzz.tsv:\n%s", tsv);
        }
        roundtrip_check(a, text);
    } else if (text && getenv("TKG_FUZZ_VERBOSE")) {
        fprintf(stderr, "refused: %d:%d: %s\n%s\n%s\n", err.line, err.column, err.message, text,
                tsv ? tsv : "");
    }
    tkg_store_free(a);
    free(text);
    free(tsv);
    return 0;
}
