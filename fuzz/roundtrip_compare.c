/* The round trip of the writers through tkg's readers: see roundtrip.h. */
#include "fuzz.h"
#include "roundtrip.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable list of lines, compared once sorted. */
typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

static void die(const char *what)
{
    fprintf(stderr, "roundtrip: %s\n", what);
    abort();
}

static void add_line(lines *l, const char *text)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die("out of memory");
    }
    if (!(l->v[l->n++] = strdup(text)))
        die("out of memory");
}

static void free_lines(lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A string being built. */
typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void cat(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        if (!(t->p = realloc(t->p, t->cap)))
            die("out of memory");
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

static void catf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void catf(text *t, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cat(t, buf);
}

/* Separators that no generated text holds (TKG-XML cannot: they are C0 controls). */
#define FIELD "\x1f"
#define ITEM  "\x1e"

/* Appends the sorted items of `l`, then frees it. */
static void cat_sorted(text *t, lines *l)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_text);
    for (size_t i = 0; i < l->n; i++) {
        cat(t, ITEM);
        cat(t, l->v[i]);
    }
    free_lines(l);
    cat(t, FIELD);
}

static bool presentation(const char *key, bool relation)
{
    static const char *const node[] = {"color", "size", "x", "y", NULL};
    static const char *const edge[] = {"label", "weight", "symmetric", NULL};
    for (const char *const *k = relation ? edge : node; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

static void cat_attrs(text *t, const tkg_store *s, uint32_t row, bool relation)
{
    lines l = {0};
    size_t n = relation ? tkg_relation_attr_count(s, row) : tkg_entity_attr_count(s, row);
    for (size_t i = 0; i < n; i++) {
        tkg_attr a = relation ? tkg_relation_attr(s, row, i) : tkg_entity_attr(s, row, i);
        if (presentation(a.key, relation))
            continue;
        /* GraphML and CSV have no date type: dates are written as strings */
        tkg_attr_type type = a.type == TKG_ATTR_DATE ? TKG_ATTR_STRING : a.type;
        text one = {0};
        catf(&one, "%s" FIELD "%d" FIELD, a.key, (int)type);
        cat(&one, a.value);
        add_line(&l, one.p);
        free(one.p);
    }
    cat_sorted(t, &l);
}

static void cat_cites(text *t, const tkg_store *s, uint32_t row, bool relation, bool *cited)
{
    lines l = {0};
    size_t n = relation ? tkg_relation_citation_count(s, row) : tkg_entity_citation_count(s, row);
    for (size_t i = 0; i < n; i++) {
        tkg_citation c =
            relation ? tkg_relation_citation(s, row, i) : tkg_entity_citation(s, row, i);
        cited[c.source] = true;
        text one = {0};
        catf(&one, "%s" FIELD "%s" FIELD "%u", tkg_source_id(s, c.source), c.quote ? "q" : "-",
             c.line);
        if (c.quote)
            cat(&one, c.quote);
        add_line(&l, one.p);
        free(one.p);
    }
    cat_sorted(t, &l);
}

static void cat_bound(text *t, tkg_bound b)
{
    catf(t, "%s/%d" FIELD, b.raw ? b.raw : "-", (int)b.precision);
}

static const char *or_none(const char *s)
{
    return s ? s : "\x01";
}

/* The store as sorted lines, as roundtrip.h defines equality. */
static void describe(const tkg_store *s, lines *out)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    bool *cited = calloc(tkg_store_source_count(s) + 1, sizeof *cited);
    if (!cited)
        die("out of memory");
    for (uint32_t e = 0; e < tkg_store_entity_count(s); e++) {
        text t = {0};
        catf(&t, "E" FIELD "%s" FIELD "%s" FIELD, tkg_entity_id(s, e),
             tkg_entity_kind_name(o, tkg_entity_kind(s, e)));
        cat(&t, tkg_entity_label(s, e, NULL));
        cat(&t, FIELD);
        cat(&t, or_none(tkg_entity_external_id(s, e)));
        cat(&t, FIELD);
        cat_bound(&t, tkg_entity_start(s, e));
        cat_bound(&t, tkg_entity_end(s, e));
        cat_attrs(&t, s, e, false);
        cat_cites(&t, s, e, false, cited);
        add_line(out, t.p);
        free(t.p);
    }
    for (uint32_t r = 0; r < tkg_store_relation_count(s); r++) {
        text t = {0};
        tkg_interval iv = tkg_relation_interval(s, r);
        catf(&t, "R" FIELD "%s" FIELD "%s" FIELD "%s" FIELD,
             tkg_relation_kind_name(o, tkg_relation_kind(s, r)),
             tkg_entity_id(s, tkg_relation_from(s, r)), tkg_entity_id(s, tkg_relation_to(s, r)));
        cat_bound(&t, tkg_relation_start(s, r));
        cat_bound(&t, tkg_relation_end(s, r));
        catf(&t, "%ld..%ld" FIELD, (long)iv.start, (long)iv.end_excl);
        cat(&t, or_none(tkg_relation_id(s, r)));
        cat(&t, FIELD);
        cat_attrs(&t, s, r, true);
        cat_cites(&t, s, r, true, cited);
        add_line(out, t.p);
        free(t.p);
    }
    for (uint32_t i = 0; i < tkg_store_source_count(s); i++) {
        if (!cited[i])
            continue;
        text t = {0};
        const char *fields[] = {tkg_source_id(s, i),        tkg_source_title(s, i),
                                tkg_source_publisher(s, i), tkg_source_url(s, i),
                                tkg_source_published(s, i), tkg_source_lang(s, i)};
        cat(&t, "S");
        for (size_t k = 0; k < 6; k++) {
            cat(&t, FIELD);
            cat(&t, or_none(fields[k]));
        }
        add_line(out, t.p);
        free(t.p);
    }
    free(cited);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_text);
}

/* Prints `s` with the separators and controls visible. */
static void show(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0x1f)
            fputs(" | ", stderr);
        else if (c == 0x1e)
            fputs(" ; ", stderr);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputc('\n', stderr);
}

static void compare(const tkg_store *a, const tkg_store *b, const char *format, const char *doc,
                    const char *written)
{
    lines la = {0}, lb = {0};
    describe(a, &la);
    describe(b, &lb);
    size_t i = 0;
    while (i < la.n && i < lb.n && strcmp(la.v[i], lb.v[i]) == 0)
        i++;
    if (i < la.n || i < lb.n) {
        fprintf(stderr,
                "roundtrip: %s differs from the store (line %zu of %zu / %zu)\nstore:  ", format, i,
                la.n, lb.n);
        show(i < la.n ? la.v[i] : "(nothing)");
        fprintf(stderr, "%-8s", format);
        fputs(": ", stderr);
        show(i < lb.n ? lb.v[i] : "(nothing)");
        fprintf(stderr, "--- document:\n%s\n--- %s:\n%s\n", doc, format, written);
        abort();
    }
    free_lines(&la);
    free_lines(&lb);
}

typedef int (*writer)(tkg_sink *, const tkg_store *, const tkg_view *, const tkg_export_options *,
                      tkg_error *);

/* Writes `a` with `w` into a new memory sink. */
static tkg_sink *write_one(const tkg_store *a, writer w, const tkg_export_options *opt)
{
    tkg_sink *out = NULL;
    tkg_error err = {0};
    if (tkg_sink_open_memory(&out, &err) != TKG_OK)
        die("cannot open a memory sink");
    if (w(out, a, NULL, opt, &err) != TKG_OK) {
        fprintf(stderr, "roundtrip: writer failed: %s\n", err.message);
        abort();
    }
    return out;
}

typedef int (*reader)(tkg_store *, const char *, size_t, const char *, tkg_error *);

/* Reads the sink's bytes into `s` as `name` with `r`; aborts on a problem. */
static void read_back(tkg_store *s, reader r, const tkg_sink *in, const char *name, const char *doc)
{
    size_t len;
    const char *data = tkg_sink_data(in, &len);
    tkg_error err = {0};
    if (r(s, data, len, name, &err) != TKG_OK) {
        fprintf(stderr, "roundtrip: %s:%d:%d: %s\n--- document:\n%s\n--- %s:\n%.*s\n", name,
                err.line, err.column, err.message, doc, name, (int)len, data);
        abort();
    }
}

static void finish(tkg_store *s, const char *format, const char *doc)
{
    tkg_error err = {0};
    if (tkg_store_finish(s, &err) != TKG_OK) {
        fprintf(stderr, "roundtrip: %s read back, not finished: %s:%d:%d: %s\n--- document:\n%s\n",
                format, err.source, err.line, err.column, err.message, doc);
        abort();
    }
}

/* Writes `a` as GraphML with `opt`, reads it back and compares. */
static void graphml_round(const tkg_store *a, const char *doc, const tkg_export_options *opt,
                          const char *format)
{
    tkg_sink *graphml = write_one(a, tkg_write_graphml, opt);
    tkg_store *b = fuzz_store();
    if (!b)
        die("cannot make a store");
    read_back(b, tkg_read_graphml_buffer, graphml, "rt.graphml", doc);
    finish(b, format, doc);
    size_t len;
    const char *data = tkg_sink_data(graphml, &len);
    char *written = strndup(data, len);
    compare(a, b, format, doc, written ? written : "");
    free(written);
    tkg_store_free(b);
    tkg_sink_free(graphml);
}

/* The timeline page: whatever the text, its data element holds no '<', '>' or '&' and ends
 * where the data object does (docs/timeline-data.md). */
static void html_check(const tkg_store *a, const char *doc)
{
    static const char open[] = "<script type=\"application/json\" id=\"tkg-data\">";
    static const char close[] = "</script>";
    tkg_sink *page = write_one(a, tkg_write_html, NULL);
    size_t len, k = sizeof open - 1;
    const char *bytes = tkg_sink_data(page, &len), *start = NULL;
    for (size_t i = 0; i + k <= len && !start; i++)
        if (memcmp(bytes + i, open, k) == 0)
            start = bytes + i + k;
    if (!start)
        die("the page has no data element");
    const char *p = start, *end = bytes + len;
    while (p < end && *p != '<' && *p != '>' && *p != '&')
        p++;
    if (p == start || p[-1] != '}' || (size_t)(end - p) < sizeof close - 1 ||
        memcmp(p, close, sizeof close - 1) != 0) {
        fprintf(stderr, "roundtrip: the page's data element ends early\n--- document:\n%s\n", doc);
        abort();
    }
    tkg_sink_free(page);
}

void roundtrip_check(const tkg_store *a, const char *doc)
{
    html_check(a, doc);
    /* GraphML as it is written by default, and with --strict (ids that are not NMTOKENs
     * encoded, the original in tkg_id) */
    tkg_export_options strict = {.strict = true};
    graphml_round(a, doc, NULL, "graphml");
    graphml_round(a, doc, &strict, "strict graphml");
    tkg_sink *nodes = write_one(a, tkg_write_csv_nodes, NULL);
    tkg_sink *rels = write_one(a, tkg_write_csv_relationships, NULL);
    tkg_store *c = fuzz_store();
    if (!c)
        die("cannot make a store");
    read_back(c, tkg_read_csv_buffer, nodes, "nodes.csv", doc);
    read_back(c, tkg_read_csv_buffer, rels, "relationships.csv", doc);
    finish(c, "csv", doc);
    size_t n_len, r_len;
    const char *n_data = tkg_sink_data(nodes, &n_len), *r_data = tkg_sink_data(rels, &r_len);
    char *both = malloc(n_len + r_len + 1);
    if (!both)
        die("out of memory");
    memcpy(both, n_data, n_len);
    memcpy(both + n_len, r_data, r_len);
    both[n_len + r_len] = '\0';
    compare(a, c, "csv", doc, both);
    free(both);
    tkg_store_free(c);
    tkg_sink_free(nodes);
    tkg_sink_free(rels);
}
