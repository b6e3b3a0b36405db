/* Citations and sources as JSON text inside the graph formats (write_prov.h). Text from the
 * store is cleaned and escaped twice: for JSON, then for the enclosing syntax (`mode`). */
#include "write_prov.h"

#include <stdio.h>
#include <stdlib.h>

/* JSON syntax (ASCII), escaped for `mode`. */
static void jraw(const wctx *c, esc_mode mode, const char *lit)
{
    esc_puts(c->out, mode, lit);
}

/* The inside of a JSON string: `"`, `\` and line breaks escaped for JSON (the C0 controls
 * that cleaning drops are dropped), the rest cleaned; all escaped for `mode`. */
static void jbody(const wctx *c, esc_mode mode, const char *t, size_t n)
{
    const char *run = t;
    for (const char *p = t; p < t + n; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch != '"' && ch != '\\' && ch >= 0x20)
            continue;
        esc_put(c->out, mode, run, (size_t)(p - run));
        run = p + 1;
        const char *e = ch == '"'    ? "\\\""
                        : ch == '\\' ? "\\\\"
                        : ch == '\t' ? "\\t"
                        : ch == '\n' ? "\\n"
                        : ch == '\r' ? "\\r"
                                     : NULL;
        if (e)
            jraw(c, mode, e);
    }
    esc_put(c->out, mode, run, (size_t)(t + n - run));
}

/* `,"name":"value"` (`first`: without the comma); nothing when value is NULL. */
static void jmember(const wctx *c, esc_mode mode, const char *name, const char *value, bool first)
{
    if (!value)
        return;
    jraw(c, mode, first ? "\"" : ",\"");
    jraw(c, mode, name);
    jraw(c, mode, "\":\"");
    jbody(c, mode, value, strlen(value));
    jraw(c, mode, "\"");
}

/* The metadata members of source `src` (after its id). */
static void source_members(const wctx *c, esc_mode mode, uint32_t src)
{
    const tkg_store *s = c->s;
    jmember(c, mode, "title", tkg_source_title(s, src), false);
    jmember(c, mode, "publisher", tkg_source_publisher(s, src), false);
    jmember(c, mode, "published", tkg_source_published(s, src), false);
    jmember(c, mode, "url", tkg_source_url(s, src), false);
    jmember(c, mode, "lang", tkg_source_lang(s, src), false);
}

size_t put_citations(const wctx *c, uint32_t row, bool relation, bool inline_sources, esc_mode mode)
{
    const tkg_store *s = c->s;
    size_t n = row_citation_count(s, row, relation);
    for (size_t i = 0; i < n; i++) {
        tkg_citation ct = row_citation(s, row, relation, i);
        const char *id = tkg_source_id(s, ct.source);
        jraw(c, mode, i ? ",{" : "[{");
        jmember(c, mode, "source", id, true);
        jmember(c, mode, "quote", ct.quote, false);
        if (ct.line) { /* bulk data: the file (the source's id) and the line */
            char num[16];
            int k = snprintf(num, sizeof num, ":%u", (unsigned)ct.line);
            jraw(c, mode, ",\"locator\":\"");
            jbody(c, mode, id, strlen(id));
            esc_put(c->out, mode, num, (size_t)k);
            jraw(c, mode, "\"");
        }
        if (inline_sources)
            source_members(c, mode, ct.source);
        jraw(c, mode, "}");
    }
    if (n)
        jraw(c, mode, "]");
    return n;
}

const char *first_quote(const tkg_store *s, uint32_t row, bool relation)
{
    size_t n = row_citation_count(s, row, relation);
    for (size_t i = 0; i < n; i++) {
        tkg_citation ct = row_citation(s, row, relation, i);
        if (ct.quote && ct.quote[0])
            return ct.quote;
    }
    return NULL;
}

/* Marks the sources cited by entity (relation) `row`. */
static void mark_cited(const tkg_store *s, uint32_t row, bool relation, uint8_t *cited)
{
    size_t n = row_citation_count(s, row, relation);
    for (size_t i = 0; i < n; i++)
        cited[row_citation(s, row, relation, i).source] = 1;
}

int put_sources_table(const wctx *c, esc_mode mode, const char *before, const char *after,
                      tkg_error *err)
{
    const tkg_store *s = c->s;
    size_t ns = tkg_store_source_count(s);
    uint8_t *cited = calloc(ns ? ns : 1, 1);
    if (!cited)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < c->ne; i++)
        mark_cited(s, c->ent[i], false, cited);
    for (size_t i = 0; i < c->nr; i++)
        mark_cited(s, c->rel[i], true, cited);
    size_t k = 0;
    for (uint32_t src = 0; src < ns; src++) {
        if (!cited[src])
            continue;
        if (k++ == 0) {
            sink_puts(c->out, before);
            jraw(c, mode, "[");
        } else {
            jraw(c, mode, ",");
        }
        jraw(c, mode, "{");
        jmember(c, mode, "id", tkg_source_id(s, src), true);
        source_members(c, mode, src);
        jraw(c, mode, "}");
    }
    if (k) {
        jraw(c, mode, "]");
        sink_puts(c->out, after);
    }
    free(cited);
    return TKG_OK;
}
