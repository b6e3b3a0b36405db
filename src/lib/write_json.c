/* The graphology JSON writer: graphology's serialized graph ({attributes, options, nodes,
 * edges}), which graphology's `import` and Gephi Lite load. One node or edge per line. */
#include "write.h"
#include "write_prov.h"

#include <math.h>

static const char *const node_reserved[] = {
    "label",      "color",    "size",      "x",       "y",         "kind",
    "start_date", "end_date", "start_raw", "end_raw", "precision", "wikidata",
    "sources",    "tkg_id",   "citations", "quote",   NULL};
static const char *const edge_reserved[] = {"label",     "kind",      "weight",    "start_date",
                                            "end_date",  "start_raw", "end_raw",   "precision",
                                            "sources",   "support",   "symmetric", "time_from",
                                            "citations", "quote",     NULL};

static void put_key(tkg_sink *out, const char *key)
{
    sink_puts(out, ",\"");
    esc_puts(out, ESC_JSON, key);
    sink_puts(out, "\":");
}

static void put_string(tkg_sink *out, const char *key, const char *value)
{
    put_key(out, key);
    sink_putc(out, '"');
    esc_puts(out, ESC_JSON, value);
    sink_putc(out, '"');
}

static void put_number(tkg_sink *out, const char *key, double v)
{
    put_key(out, key);
    sink_put_fixed(out, v, 2);
}

/* True when `text` is a JSON number that a JavaScript double holds exactly enough: the JSON
 * grammar, and for integers at most 15 digits (beyond 2^53 integers lose digits). */
static bool json_number(const char *text, bool integer)
{
    const char *p = text;
    p += *p == '-';
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return false;
    if (integer)
        return *p == '\0' && p - text <= 15;
    if (*p == '.') {
        if (!(*++p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        p += *p == '+' || *p == '-';
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

static void put_time(tkg_sink *out, tkg_interval iv, tkg_bound start, tkg_bound end)
{
    char first[11], last[11];
    if (first_day_text(iv, first))
        put_string(out, "start_date", first);
    if (last_day_text(iv, last))
        put_string(out, "end_date", last);
    /* (the text as written also when `precision`, the coarser bound's, would cut it) */
    tkg_precision coarsest = coarsest_precision(start, end);
    if (raw_differs(start.raw, first) || (start.raw && start.precision != coarsest))
        put_string(out, "start_raw", start.raw);
    if (raw_differs(end.raw, last) || (end.raw && end.precision != coarsest))
        put_string(out, "end_raw", end.raw);
    const char *p = precision_name(coarsest);
    if (p)
        put_string(out, "precision", p);
}

static void put_attrs(const wctx *c, const attr_schema *a, uint32_t row, bool relation)
{
    size_t n;
    const attr_row *attrs = row_attrs(c->s, row, relation, &n);
    for (size_t i = 0; i < n; i++) {
        if (!attr_first_of_key(attrs, i))
            continue;
        const attr_col *col = attr_schema_col(a, attrs[i].key);
        const char *value = attr_value(c->s, &attrs[i]);
        bool literal = (col->type == TKG_ATTR_BOOL && attrs[i].type == TKG_ATTR_BOOL) ||
                       ((col->type == TKG_ATTR_INT || col->type == TKG_ATTR_DOUBLE) &&
                        json_number(value, col->type == TKG_ATTR_INT));
        if (literal) {
            put_key(c->out, col->name);
            sink_puts(c->out, value);
        } else {
            put_string(c->out, col->name, value);
        }
    }
}

/* The citations of a node or an edge (a string holding JSON, as in every format) and the
 * first quote among them. */
static void put_provenance(const wctx *c, uint32_t row, bool relation)
{
    size_t n = row_citation_count(c->s, row, relation);
    if (!n)
        return;
    put_key(c->out, "citations");
    sink_putc(c->out, '"');
    put_citations(c, row, relation, false, ESC_JSON);
    sink_putc(c->out, '"');
    const char *q = first_quote(c->s, row, relation);
    if (q)
        put_string(c->out, "quote", q);
}

static void write_node(const wctx *c, const attr_schema *a, uint32_t e, bool first)
{
    const tkg_store *s = c->s;
    tkg_sink *out = c->out;
    uint32_t kind = tkg_entity_kind(s, e);
    const char *id = tkg_entity_id(s, e);
    sink_puts(out, first ? "\n{\"key\":\"" : ",\n{\"key\":\"");
    put_node_id(c, e);
    sink_puts(out, "\",\"attributes\":{\"label\":\"");
    esc_puts(out, ESC_JSON, entity_label(c, e));
    sink_putc(out, '"');
    put_string(out, "color", tkg_entity_kind_style(c->o, kind).color);
    put_number(out, "size", node_size(c->degree[e]));
    if (has_position(c, e)) {
        put_number(out, "x", c->opt.x[e]);
        put_number(out, "y", c->opt.y[e]);
    }
    put_string(out, "kind", tkg_entity_kind_name(c->o, kind));
    put_time(out, tkg_entity_lifespan(s, e), tkg_entity_start(s, e), tkg_entity_end(s, e));
    const char *qid = tkg_entity_external_id(s, e);
    if (qid)
        put_string(out, "wikidata", qid);
    if (tkg_entity_citation_count(s, e)) {
        put_key(out, "sources");
        sink_putc(out, '"');
        put_source_ids(c, e, false);
        sink_putc(out, '"');
    }
    if (!c->plain[e])
        put_string(out, "tkg_id", id);
    put_provenance(c, e, false);
    put_attrs(c, a, e, false);
    if (c->opt.centrality) { /* the last snapshot's values, as numbers */
        size_t k = tkg_centrality_snapshot_count(c->opt.centrality) - 1;
        char name[64];
        for (size_t m = 0; m < tkg_centrality_measure_count(c->opt.centrality); m++) {
            double v = centrality_value(c, m, k, e);
            if (!isfinite(v))
                continue;
            put_key(out, centrality_column(name, sizeof name, c, m, false));
            put_double(out, v, 10);
        }
    }
    sink_puts(out, "}}");
}

static void write_edge(const wctx *c, const attr_schema *a, uint32_t r, bool first)
{
    const tkg_store *s = c->s;
    tkg_sink *out = c->out;
    uint32_t kind = tkg_relation_kind(s, r);
    size_t support = tkg_relation_citation_count(s, r);
    bool symmetric = tkg_relation_kind_symmetric(c->o, kind);
    sink_puts(out, first ? "\n{\"key\":\"" : ",\n{\"key\":\"");
    put_edge_id(c, r, ESC_JSON);
    sink_puts(out, "\",\"source\":\"");
    put_node_id(c, tkg_relation_from(s, r));
    sink_puts(out, "\",\"target\":\"");
    put_node_id(c, tkg_relation_to(s, r));
    sink_puts(out, "\",\"attributes\":{\"label\":\"");
    esc_puts(out, ESC_JSON, tkg_relation_kind_label(c->o, kind));
    sink_putc(out, '"');
    put_string(out, "kind", tkg_relation_kind_name(c->o, kind));
    put_key(out, "weight");
    sink_put_uint(out, support ? support : 1);
    put_time(out, tkg_relation_interval(s, r), tkg_relation_start(s, r), tkg_relation_end(s, r));
    uint32_t event = tkg_relation_event(s, r);
    if (event != TKG_NO_ENTITY)
        put_string(out, "time_from", tkg_entity_id(s, event));
    if (support) {
        put_key(out, "sources");
        sink_putc(out, '"');
        put_source_ids(c, r, true);
        sink_putc(out, '"');
    }
    put_key(out, "support");
    sink_put_uint(out, support);
    sink_puts(out, symmetric ? ",\"symmetric\":true" : ",\"symmetric\":false");
    put_provenance(c, r, true);
    put_attrs(c, a, r, true);
    sink_puts(out, "}}");
}

int tkg_write_json(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    attr_schema na = {0}, ea = {0};
    int rc = wctx_init(&c, out, s, v, opt, ESC_JSON, true, err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = attr_schema_build(&na, &c, false, node_reserved, err)) != TKG_OK ||
        (rc = attr_schema_build(&ea, &c, true, edge_reserved, err)) != TKG_OK)
        goto done;
    sink_puts(out, "{\"attributes\":{\"name\":\"");
    esc_puts(out, ESC_JSON, c.opt.title ? c.opt.title : "tkg");
    if ((rc = put_sources_table(&c, ESC_JSON, "\",\"sources\":\"", "", err)) != TKG_OK)
        goto done;
    /* Every edge directed, from -> to, symmetric kinds marked `symmetric` (docs/export.md):
     * the one shape that NetworkX, igraph, graphology and Gephi all read alike. */
    sink_puts(out, "\"},\n\"options\":{\"type\":\"directed\",\"multi\":true,"
                   "\"allowSelfLoops\":true},\n\"nodes\":[");
    for (size_t i = 0; i < c.ne; i++)
        write_node(&c, &na, c.ent[i], i == 0);
    sink_puts(out, "],\n\"edges\":[");
    for (size_t i = 0; i < c.nr; i++)
        write_edge(&c, &ea, c.rel[i], i == 0);
    sink_puts(out, "]}\n");
done:
    rc = wctx_status(&c, rc, err);
    attr_schema_free(&na);
    attr_schema_free(&ea);
    wctx_free(&c);
    return rc;
}
