/* Reading back the citations and sources of tkg's graph exports (provenance.h), through the
 * strict JSON reader of json.h. */
#include "provenance.h"

#include "json.h"

#include <stdlib.h>

typedef struct cite_ctx {
    tkg_store *s;
    tkg_error *err;
    uint32_t owner;
    origin at;
    const char *what;      /* "citations" or "sources", for messages */
    const char *id_member; /* the member naming the source: "source" or "id" */
    bool inline_sources;   /* every citation object defines its source (CSV) */
} cite_ctx;

void prov_derived_used(tkg_store *s, record *r)
{
    static const char *const derived[] = {"sources", "support", "quote"};
    for (size_t i = 0; i < 3; i++) {
        field *d = record_find(s, r, derived[i]);
        if (d)
            d->used = true;
    }
}

field *prov_citations_field(tkg_store *s, record *r)
{
    field *f = record_find(s, r, "citations");
    if (!f)
        return NULL;
    f->used = true;
    prov_derived_used(s, r);
    return f;
}

/* An optional string member as a symbol (SYM_NONE when absent). */
static int member_sym(const cite_ctx *c, const json_member *m, size_t n, const char *name, sym *out)
{
    size_t len;
    const char *v = json_member_value(m, n, name, &len);
    *out = SYM_NONE;
    if (!v || len == 0)
        return TKG_OK;
    *out = store_intern(c->s, v, len, c->err);
    return *out ? TKG_OK : TKG_ENOMEM;
}

/* Defines the source `id` from the metadata members of an object, unless it is defined. */
static int define_source(const cite_ctx *c, const json_member *m, size_t n, sym id)
{
    uint32_t have = c->s->source_of_sym[id], row;
    if (have && c->s->sources[have - 1].defined)
        return TKG_OK;
    source_row src = {.id = id, .where = c->at};
    int rc;
    if ((rc = member_sym(c, m, n, "title", &src.title)) != TKG_OK ||
        (rc = member_sym(c, m, n, "publisher", &src.publisher)) != TKG_OK ||
        (rc = member_sym(c, m, n, "url", &src.url)) != TKG_OK ||
        (rc = member_sym(c, m, n, "published", &src.published)) != TKG_OK ||
        (rc = member_sym(c, m, n, "lang", &src.lang)) != TKG_OK)
        return rc;
    if (src.published) {
        tkg_date d;
        tkg_error e = {0};
        const char *p = store_str(c->s, src.published);
        if (tkg_date_parse(&d, p, strlen(p), &e) != TKG_OK)
            return store_report(c->s, c->err, c->at, "%s: source '%s': published: %s", c->what,
                                store_str(c->s, id), e.message);
    }
    return store_add_source(c->s, &row, &src, c->err);
}

/* The source named by an object (its `id_member`), interned. */
static int object_source(const cite_ctx *c, const json_member *m, size_t n, sym *id)
{
    size_t len;
    const char *v = json_member_value(m, n, c->id_member, &len);
    *id = SYM_NONE;
    if (!v || len == 0)
        return store_report(c->s, c->err, c->at, "%s: an object without '%s'", c->what,
                            c->id_member);
    *id = store_intern(c->s, v, len, c->err);
    return *id ? TKG_OK : TKG_ENOMEM;
}

/* True when a source defines something besides its id. */
static bool has_metadata(const json_member *m, size_t n)
{
    static const char *const names[] = {"title", "publisher", "url", "published", "lang"};
    size_t len;
    for (size_t i = 0; i < 5; i++)
        if (json_member_value(m, n, names[i], &len))
            return true;
    return false;
}

/* The line of a locator `SOURCE:LINE` of source `id`. */
static int locator_line(const cite_ctx *c, const char *loc, size_t len, sym id, uint32_t *line)
{
    const char *sid = store_str(c->s, id);
    size_t k = c->s->strings.len[id];
    uint64_t v = 0;
    bool ok = len > k + 1 && memcmp(loc, sid, k) == 0 && loc[k] == ':' && loc[k + 1] != '0';
    for (size_t i = k + 1; ok && i < len; i++) {
        ok =
            loc[i] >= '0' && loc[i] <= '9' && (v = v * 10 + (uint64_t)(loc[i] - '0')) <= UINT32_MAX;
    }
    if (!ok)
        return store_report(c->s, c->err, c->at,
                            "%s: locator '%.*s' is not '%s:LINE' (a line number from 1)", c->what,
                            (int)(len > 200 ? 200 : len), loc, sid);
    *line = (uint32_t)v;
    return TKG_OK;
}

static int on_citation(void *ctx, const json_member *m, size_t n)
{
    const cite_ctx *c = ctx;
    sym id;
    uint32_t src, line = 0;
    size_t qlen = 0, llen = 0;
    const char *quote = json_member_value(m, n, "quote", &qlen);
    const char *loc = json_member_value(m, n, "locator", &llen);
    int rc = object_source(c, m, n, &id);
    if (rc == TKG_OK && loc)
        rc = locator_line(c, loc, llen, id, &line);
    if (rc == TKG_OK && (c->inline_sources || has_metadata(m, n)))
        rc = define_source(c, m, n, id);
    if (rc == TKG_OK)
        rc = store_ref_source(c->s, &src, id, c->at, c->err);
    if (rc == TKG_OK)
        rc = store_add_cite(c->s, c->owner, src, quote, qlen, line, c->err);
    return rc;
}

static int on_source(void *ctx, const json_member *m, size_t n)
{
    const cite_ctx *c = ctx;
    sym id;
    int rc = object_source(c, m, n, &id);
    return rc == TKG_OK ? define_source(c, m, n, id) : rc;
}

static int read_objects(const cite_ctx *c, const char *text, size_t len,
                        int (*fn)(void *ctx, const json_member *m, size_t n))
{
    json_error e;
    int rc = json_read_objects(text, len, fn, (void *)c, &e);
    if (rc == JSON_NOMEM)
        return tkg_fail(c->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    if (rc == JSON_SYNTAX)
        return store_report(c->s, c->err, c->at, "%s: not tkg's JSON at byte %zu: %s", c->what,
                            e.offset + 1, e.message);
    return rc;
}

int prov_add_citations(tkg_store *s, uint32_t owner, const char *text, size_t len,
                       bool inline_sources, origin at, tkg_error *err)
{
    cite_ctx c = {s, err, owner, at, "citations", "source", inline_sources};
    return read_objects(&c, text, len, on_citation);
}

int prov_define_sources(tkg_store *s, const char *text, size_t len, origin at, tkg_error *err)
{
    cite_ctx c = {s, err, 0, at, "sources", "id", false};
    return read_objects(&c, text, len, on_source);
}
