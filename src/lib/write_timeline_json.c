/* The data of the timeline page (docs/timeline-data.md, version 1): the view's kinds,
 * sources, entities, relations and centrality series as one JSON object, every string
 * escaped for a <script> element (the context's mode, ESC_JSON_SCRIPT). Days are the store's
 * day numbers; intervals are half-open [s, e), null where open. */
#include "write_html.h"

#include <math.h>
#include <stdlib.h>

/* ---- JSON pieces (the context's escaping for strings) */

static void key(const wctx *c, const char *name, bool first)
{
    sink_puts(c->out, first ? "\"" : ",\"");
    sink_puts(c->out, name); /* our own ASCII names */
    sink_puts(c->out, "\":");
}

static void str(const wctx *c, const char *value)
{
    if (!value) {
        sink_lit(c->out, "null");
        return;
    }
    sink_putc(c->out, '"');
    esc_puts(c->out, c->mode, value);
    sink_putc(c->out, '"');
}

static void member(const wctx *c, const char *name, const char *value, bool first)
{
    key(c, name, first);
    str(c, value);
}

static void boolean(const wctx *c, const char *name, bool value)
{
    key(c, name, false);
    sink_puts(c->out, value ? "true" : "false");
}

/* `"name":` and a day number, or null for an open side. */
static void day(const wctx *c, const char *name, int32_t d, bool open, bool first)
{
    key(c, name, first);
    if (open)
        sink_lit(c->out, "null");
    else
        sink_put_int(c->out, d);
}

/* "s" and "e" of an interval. */
static void interval(const wctx *c, tkg_interval iv)
{
    day(c, "s", iv.start, iv.start == TKG_DAY_MIN, false);
    day(c, "e", iv.end_excl, iv.end_excl == TKG_DAY_MAX, false);
}

/* ---- what the view holds */

typedef struct tdata {
    uint32_t *index;         /* per entity row: its index in "entities" */
    uint32_t *source;        /* per source row: its index in "sources" + 1, 0 when not cited */
    size_t *ekinds, *rkinds; /* per kind: entities (relations) of the view */
    int32_t first, last;     /* the first and last day named; first > last when none */
} tdata;

static void name_day(tdata *d, int32_t dn)
{
    if (dn < d->first)
        d->first = dn;
    if (dn > d->last)
        d->last = dn;
}

static void name_interval(tdata *d, tkg_interval iv)
{
    if (iv.start != TKG_DAY_MIN)
        name_day(d, iv.start);
    if (iv.end_excl != TKG_DAY_MAX)
        name_day(d, iv.end_excl - 1);
}

static void cite(tdata *d, const tkg_store *s, uint32_t row, bool relation)
{
    size_t n = row_citation_count(s, row, relation);
    for (size_t i = 0; i < n; i++)
        d->source[row_citation(s, row, relation, i).source] = 1;
}

static int tdata_init(tdata *d, const wctx *c, tkg_error *err)
{
    const tkg_store *s = c->s;
    size_t ne = tkg_store_entity_count(s), ns = tkg_store_source_count(s);
    d->index = malloc((ne ? ne : 1) * sizeof *d->index);
    d->source = calloc(ns ? ns : 1, sizeof *d->source);
    d->ekinds = calloc(tkg_ontology_entity_kind_count(c->o) + 1, sizeof *d->ekinds);
    d->rkinds = calloc(tkg_ontology_relation_kind_count(c->o) + 1, sizeof *d->rkinds);
    if (!d->index || !d->source || !d->ekinds || !d->rkinds)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    d->first = TKG_DAY_MAX;
    d->last = TKG_DAY_MIN;
    for (size_t i = 0; i < c->ne; i++) {
        uint32_t e = c->ent[i];
        d->index[e] = (uint32_t)i;
        d->ekinds[tkg_entity_kind(s, e)]++;
        name_interval(d, tkg_entity_lifespan(s, e));
        cite(d, s, e, false);
    }
    for (size_t i = 0; i < c->nr; i++) {
        uint32_t r = c->rel[i];
        d->rkinds[tkg_relation_kind(s, r)]++;
        name_interval(d, tkg_relation_interval(s, r));
        cite(d, s, r, true);
    }
    uint32_t k = 0;
    for (size_t src = 0; src < ns; src++)
        if (d->source[src])
            d->source[src] = ++k;
    return TKG_OK;
}

static void tdata_free(tdata *d)
{
    free(d->index);
    free(d->source);
    free(d->ekinds);
    free(d->rkinds);
}

/* ---- the parts of the object */

static void write_head(const wctx *c, const tdata *d)
{
    sink_puts(c->out, "{\"format\":\"tkg-timeline\",\"version\":1");
    member(c, "title", c->opt.title ? c->opt.title : "tkg", false);
    member(c, "generator", "tkg " TKG_VERSION, false);
    member(c, "policy", c->s->opt.policy == TKG_POLICY_STRICT ? "strict" : "inclusive", false);
    key(c, "span", false);
    if (d->first <= d->last) {
        sink_puts(c->out, "{\"s\":");
        sink_put_int(c->out, d->first);
        sink_puts(c->out, ",\"e\":");
        sink_put_int(c->out, (int64_t)d->last + 1);
        sink_putc(c->out, '}');
    } else {
        sink_lit(c->out, "null");
    }
    member(c, "notice", c->opt.notice, false);
}

static void write_kinds(const wctx *c, const tdata *d)
{
    const tkg_ontology *o = c->o;
    sink_puts(c->out, ",\n\"entity_kinds\":[");
    bool first = true;
    for (uint32_t k = 0; k < tkg_ontology_entity_kind_count(o); k++) {
        if (!d->ekinds[k])
            continue;
        tkg_style st = tkg_entity_kind_style(o, k);
        uint32_t parent = tkg_entity_kind_parent(o, k);
        sink_puts(c->out, first ? "{" : ",{");
        first = false;
        member(c, "name", tkg_entity_kind_name(o, k), true);
        member(c, "parent", parent == TKG_NO_KIND ? NULL : tkg_entity_kind_name(o, parent), false);
        member(c, "color", st.color, false);
        member(c, "shape", st.shape, false);
        key(c, "count", false);
        sink_put_uint(c->out, d->ekinds[k]);
        sink_putc(c->out, '}');
    }
    sink_puts(c->out, "],\n\"relation_kinds\":[");
    first = true;
    for (uint32_t k = 0; k < tkg_ontology_relation_kind_count(o); k++) {
        if (!d->rkinds[k])
            continue;
        tkg_style st = tkg_relation_kind_style(o, k);
        sink_puts(c->out, first ? "{" : ",{");
        first = false;
        member(c, "name", tkg_relation_kind_name(o, k), true);
        member(c, "color", st.color, false);
        member(c, "style", st.line ? st.line : "solid", false);
        boolean(c, "symmetric", tkg_relation_kind_symmetric(o, k));
        key(c, "count", false);
        sink_put_uint(c->out, d->rkinds[k]);
        sink_putc(c->out, '}');
    }
    sink_putc(c->out, ']');
}

static void write_sources(const wctx *c, const tdata *d)
{
    const tkg_store *s = c->s;
    sink_puts(c->out, ",\n\"sources\":[");
    bool first = true;
    for (uint32_t src = 0; src < tkg_store_source_count(s); src++) {
        if (!d->source[src])
            continue;
        sink_puts(c->out, first ? "\n{" : ",\n{");
        first = false;
        member(c, "id", tkg_source_id(s, src), true);
        member(c, "title", tkg_source_title(s, src), false);
        member(c, "publisher", tkg_source_publisher(s, src), false);
        member(c, "date", tkg_source_published(s, src), false);
        member(c, "url", tkg_source_url(s, src), false);
        member(c, "lang", tkg_source_lang(s, src), false);
        sink_putc(c->out, '}');
    }
    sink_putc(c->out, ']');
}

static void write_entity(const wctx *c, uint32_t e, bool first)
{
    const tkg_store *s = c->s;
    tkg_sink *out = c->out;
    sink_puts(out, first ? "\n{\"id\":\"" : ",\n{\"id\":\"");
    put_node_id(c, e);
    sink_putc(out, '"');
    member(c, "label", entity_label(c, e), false);
    member(c, "kind", tkg_entity_kind_name(c->o, tkg_entity_kind(s, e)), false);
    sink_puts(out, ",\"names\":[");
    for (size_t i = 0; i < tkg_entity_name_count(s, e); i++) {
        tkg_name nm = tkg_entity_name(s, e, i);
        sink_puts(out, i ? ",{" : "{");
        member(c, "text", nm.text, true);
        member(c, "lang", nm.lang, false);
        boolean(c, "alias", nm.alias);
        sink_putc(out, '}');
    }
    sink_putc(out, ']');
    member(c, "start", tkg_entity_start(s, e).raw, false);
    member(c, "end", tkg_entity_end(s, e).raw, false);
    interval(c, tkg_entity_lifespan(s, e));
    bool placed = has_position(c, e);
    key(c, "x", false);
    if (placed)
        sink_put_fixed(out, c->opt.x[e], 2);
    else
        sink_lit(out, "null");
    key(c, "y", false);
    if (placed)
        sink_put_fixed(out, c->opt.y[e], 2);
    else
        sink_lit(out, "null");
    sink_putc(out, '}');
}

static void write_citations(const wctx *c, const tdata *d, uint32_t r)
{
    const tkg_store *s = c->s;
    size_t n = tkg_relation_citation_count(s, r);
    sink_puts(c->out, ",\"citations\":[");
    for (size_t i = 0; i < n; i++) {
        tkg_citation ct = tkg_relation_citation(s, r, i);
        sink_puts(c->out, i ? ",{\"source\":" : "{\"source\":");
        sink_put_uint(c->out, d->source[ct.source] - 1);
        member(c, "quote", ct.quote, false);
        key(c, "locator", false);
        if (ct.line) { /* bulk data: the file (the source's id) and the line */
            sink_putc(c->out, '"');
            esc_puts(c->out, c->mode, tkg_source_id(s, ct.source));
            sink_putc(c->out, ':');
            sink_put_uint(c->out, ct.line);
            sink_putc(c->out, '"');
        } else {
            sink_lit(c->out, "null");
        }
        sink_putc(c->out, '}');
    }
    sink_putc(c->out, ']');
}

static void write_relation(const wctx *c, const tdata *d, uint32_t r, bool first)
{
    const tkg_store *s = c->s;
    tkg_sink *out = c->out;
    uint32_t kind = tkg_relation_kind(s, r);
    sink_puts(out, first ? "\n{\"id\":\"" : ",\n{\"id\":\"");
    put_edge_id(c, r, c->mode);
    sink_putc(out, '"');
    member(c, "kind", tkg_relation_kind_name(c->o, kind), false);
    key(c, "from", false);
    sink_put_uint(out, d->index[tkg_relation_from(s, r)]);
    key(c, "to", false);
    sink_put_uint(out, d->index[tkg_relation_to(s, r)]);
    boolean(c, "symmetric", tkg_relation_kind_symmetric(c->o, kind));
    boolean(c, "point", tkg_relation_is_point(s, r));
    /* The event whose time it takes (an endpoint, so on the page too), for its dates as
     * written. */
    uint32_t ev = tkg_relation_event(s, r);
    key(c, "event", false);
    if (ev == TKG_NO_ENTITY)
        sink_puts(out, "null");
    else
        sink_put_uint(out, d->index[ev]);
    member(c, "start", tkg_relation_start(s, r).raw, false);
    member(c, "end", tkg_relation_end(s, r).raw, false);
    interval(c, tkg_relation_interval(s, r));
    write_citations(c, d, r);
    sink_putc(out, '}');
}

/* The default measure: PageRank when computed, else the first. */
static size_t default_measure(const tkg_centrality *cent)
{
    for (size_t m = 0; m < tkg_centrality_measure_count(cent); m++)
        if (tkg_centrality_measure(cent, m) == TKG_MEASURE_PAGERANK)
            return m;
    return 0;
}

static void write_centrality(const wctx *c)
{
    const tkg_centrality *cent = c->opt.centrality;
    tkg_sink *out = c->out;
    sink_puts(out, ",\n\"centrality\":");
    if (!cent) {
        sink_lit(out, "null");
        return;
    }
    size_t nm = tkg_centrality_measure_count(cent), nk = tkg_centrality_snapshot_count(cent);
    size_t dm = default_measure(cent);
    const char *dname = tkg_measure_name(tkg_centrality_measure(cent, dm));
    sink_puts(out, "{\"measures\":[");
    str(c, dname); /* the default first, then the others in the result's order */
    for (size_t m = 0; m < nm; m++) {
        if (m == dm)
            continue;
        sink_putc(out, ',');
        str(c, tkg_measure_name(tkg_centrality_measure(cent, m)));
    }
    sink_putc(out, ']');
    member(c, "default", dname, false);
    sink_puts(out, ",\"snapshots\":[");
    for (size_t k = 0; k < nk; k++) {
        tkg_snapshot sn = tkg_centrality_snapshot(cent, k);
        sink_puts(out, k ? ",{" : "{");
        day(c, "s", sn.from, sn.from == TKG_DAY_MIN, true);
        day(c, "e", sn.to == TKG_DAY_MAX ? sn.to : sn.to + 1, sn.to == TKG_DAY_MAX, false);
        sink_putc(out, '}');
    }
    sink_puts(out, "],\"values\":{");
    for (size_t m = 0; m < nm; m++) {
        sink_puts(out, m ? ",\n" : "\n");
        str(c, tkg_measure_name(tkg_centrality_measure(cent, m)));
        sink_puts(out, ":[");
        for (size_t k = 0; k < nk; k++) {
            sink_puts(out, k ? ",\n[" : "\n[");
            for (size_t i = 0; i < c->ne; i++) {
                double v = centrality_value(c, m, k, c->ent[i]);
                if (i)
                    sink_putc(out, ',');
                if (isfinite(v))
                    put_double(out, v, 5);
                else
                    sink_lit(out, "null");
            }
            sink_putc(out, ']');
        }
        sink_putc(out, ']');
    }
    sink_puts(out, "}}");
}

int timeline_json_write(const wctx *c, tkg_error *err)
{
    tdata d = {0};
    int rc = tdata_init(&d, c, err);
    if (rc != TKG_OK)
        goto done;
    write_head(c, &d);
    write_kinds(c, &d);
    write_sources(c, &d);
    sink_puts(c->out, ",\n\"entities\":[");
    for (size_t i = 0; i < c->ne; i++)
        write_entity(c, c->ent[i], i == 0);
    sink_puts(c->out, "],\n\"relations\":[");
    for (size_t i = 0; i < c->nr; i++)
        write_relation(c, &d, c->rel[i], i == 0);
    sink_putc(c->out, ']');
    write_centrality(c);
    sink_puts(c->out, "}");
done:
    tdata_free(&d);
    return rc;
}
