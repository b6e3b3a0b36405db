/* The GraphML writer, by the rules of docs/export.md ("The readers", "GraphML"): all keys first,
 * with for="node|edge", attr.name and one of the six schema types; Gephi's visual keys (label,
 * color, size, x, y; edge label and weight); the relation kind as Gephi's edge type; full dates
 * beside the text as written; globally unique edge ids; no empty or non-finite values. */
#include "write.h"
#include "write_prov.h"

#include <math.h>

/* Column names the writer uses itself, and the names Gephi reserves. */
static const char *const node_reserved[] = {
    "label",      "color",    "size",      "x",         "y",         "kind",
    "start_date", "end_date", "start_raw", "end_raw",   "precision", "wikidata",
    "sources",    "tkg_id",   "id",        "timeset",   "weight",    "type",
    "degree",     "indegree", "outdegree", "citations", "quote",     NULL};
static const char *const edge_reserved[] = {
    "label",     "weight",    "kind",      "start_date", "end_date", "start_raw", "end_raw",
    "precision", "sources",   "support",   "symmetric",  "id",       "tkg_id",    "timeset",
    "type",      "time_from", "citations", "quote",      NULL};

static const char *graphml_type(tkg_attr_type t)
{
    switch (t) {
    case TKG_ATTR_INT:
        return "long";
    case TKG_ATTR_DOUBLE:
        return "double";
    case TKG_ATTR_BOOL:
        return "boolean";
    default:
        return "string";
    }
}

static void put_key(tkg_sink *out, const char *id, const char *domain, const char *name,
                    const char *type)
{
    sink_puts(out, "  <key id=\"");
    sink_puts(out, id);
    sink_puts(out, "\" for=\"");
    sink_puts(out, domain);
    sink_puts(out, "\" attr.name=\"");
    sink_puts(out, name);
    sink_puts(out, "\" attr.type=\"");
    sink_puts(out, type);
    sink_puts(out, "\"/>\n");
}

static void put_attr_keys(tkg_sink *out, const attr_schema *a, const char *prefix,
                          const char *domain)
{
    for (size_t i = 0; i < a->n; i++) {
        sink_puts(out, "  <key id=\"");
        sink_puts(out, prefix);
        sink_put_uint(out, i);
        sink_puts(out, "\" for=\"");
        sink_puts(out, domain);
        sink_puts(out, "\" attr.name=\"");
        esc_put_id(out, a->cols[i].name);
        sink_puts(out, "\" attr.type=\"");
        sink_puts(out, graphml_type(a->cols[i].type));
        sink_puts(out, "\"/>\n");
    }
}

/* <data key="KEY">TEXT</data>, the text escaped. Elements go one per line: a node or an
 * edge with all its data, which keeps the file small and line-oriented tools useful. */
static void put_data(tkg_sink *out, const char *key, const char *text)
{
    sink_puts(out, "<data key=\"");
    sink_puts(out, key);
    sink_puts(out, "\">");
    esc_puts(out, ESC_XML_TEXT, text);
    sink_puts(out, "</data>");
}

static void put_data_sym(const wctx *c, const char *key, sym y)
{
    sink_puts(c->out, "<data key=\"");
    sink_puts(c->out, key);
    sink_puts(c->out, "\">");
    put_sym(c, y, ESC_XML_TEXT);
    sink_puts(c->out, "</data>");
}

static void put_data_number(tkg_sink *out, const char *key, double v, int decimals)
{
    sink_puts(out, "<data key=\"");
    sink_puts(out, key);
    sink_puts(out, "\">");
    sink_put_fixed(out, v, decimals);
    sink_puts(out, "</data>");
}

/* The opening tags of the five time keys: start_date, end_date, start_raw, end_raw and
 * precision. */
typedef struct time_keys {
    const char *tag[5];
    size_t len[5];
} time_keys;

#define TAG(k) "<data key=\"" k "\">"
#define TAGS(a, b, c, d, e)                                                                        \
    {                                                                                              \
        {TAG(a), TAG(b), TAG(c), TAG(d), TAG(e)},                                                  \
        {                                                                                          \
            sizeof TAG(a) - 1, sizeof TAG(b) - 1, sizeof TAG(c) - 1, sizeof TAG(d) - 1,            \
                sizeof TAG(e) - 1                                                                  \
        }                                                                                          \
    }
static const time_keys node_time =
    TAGS("n_start_date", "n_end_date", "n_start_raw", "n_end_raw", "n_precision");
static const time_keys edge_time = TAGS("esd", "eed", "esr", "eer", "ep");
static const char *const node_time_keys[5] = {"n_start_date", "n_end_date", "n_start_raw",
                                              "n_end_raw", "n_precision"};
static const char *const edge_time_keys[5] = {"esd", "eed", "esr", "eer", "ep"};

static void put_time(const wctx *c, const time_keys *k, tkg_interval iv, bound start, bound end)
{
    tkg_sink *out = c->out;
    char first[11], last[11];
    if (first_day_text(iv, first)) {
        sink_put(out, k->tag[0], k->len[0]);
        sink_put(out, first, 10);
        sink_lit(out, "</data>");
    }
    if (last_day_text(iv, last)) {
        sink_put(out, k->tag[1], k->len[1]);
        sink_put(out, last, 10);
        sink_lit(out, "</data>");
    }
    tkg_precision coarsest =
        coarsest_precision((tkg_bound){start.raw ? "" : NULL, (tkg_precision)start.prec},
                           (tkg_bound){end.raw ? "" : NULL, (tkg_precision)end.prec});
    /* A full date goes without its text as written, unless `precision`, which says the
     * coarser bound's, would cut it (a start 2024-07-06 with an end 2025-03). */
    if (bound_raw_differs(c->s, start) || (start.raw && start.prec != coarsest)) {
        sink_put(out, k->tag[2], k->len[2]);
        put_sym(c, start.raw, ESC_XML_TEXT);
        sink_lit(out, "</data>");
    }
    if (bound_raw_differs(c->s, end) || (end.raw && end.prec != coarsest)) {
        sink_put(out, k->tag[3], k->len[3]);
        put_sym(c, end.raw, ESC_XML_TEXT);
        sink_lit(out, "</data>");
    }
    const char *p = precision_name(coarsest);
    if (p) {
        sink_put(out, k->tag[4], k->len[4]);
        sink_puts(out, p);
        sink_lit(out, "</data>");
    }
}

static void put_attrs(const wctx *c, const attr_schema *a, uint32_t row, bool edge)
{
    size_t n;
    const attr_row *attrs = row_attrs(c->s, row, edge, &n);
    for (size_t i = 0; i < n; i++) {
        if (!attr_first_of_key(attrs, i))
            continue;
        const attr_col *col = attr_schema_col(a, attrs[i].key);
        sink_puts(c->out, edge ? "<data key=\"ea" : "<data key=\"na");
        sink_put_uint(c->out, (uint64_t)(col - a->cols));
        sink_puts(c->out, "\">");
        put_sym(c, attrs[i].value, ESC_XML_TEXT);
        sink_puts(c->out, "</data>");
    }
}

/* The values of the last snapshot of opt.centrality, one <data key="tkg_MEASURE"> each
 * (the key's id is its name); none for a measure in which the entity has no value. */
static void put_centrality(const wctx *c, uint32_t e)
{
    if (!c->opt.centrality)
        return;
    size_t k = tkg_centrality_snapshot_count(c->opt.centrality) - 1;
    char name[64];
    for (size_t m = 0; m < tkg_centrality_measure_count(c->opt.centrality); m++) {
        double v = centrality_value(c, m, k, e);
        if (!isfinite(v))
            continue;
        sink_puts(c->out, "<data key=\"");
        sink_puts(c->out, centrality_column(name, sizeof name, c, m, false));
        sink_puts(c->out, "\">");
        put_double(c->out, v, 10);
        sink_puts(c->out, "</data>");
    }
}

/* The citations of a node or an edge (JSON text) and the first quote among them. */
static void put_provenance(const wctx *c, uint32_t row, bool relation)
{
    size_t n = row_citation_count(c->s, row, relation);
    if (!n)
        return;
    sink_puts(c->out, relation ? "<data key=\"ecit\">" : "<data key=\"n_citations\">");
    put_citations(c, row, relation, false, ESC_XML_TEXT);
    sink_lit(c->out, "</data>");
    const char *q = first_quote(c->s, row, relation);
    if (q)
        put_data(c->out, relation ? "equote" : "n_quote", q);
}

/* True when node e carries its id in tkg_id too: an encoded id (--strict, or one that
 * cleaning would change), or one with '&', which igraph 0.10's GraphML reader (libxml2's SAX
 * without entity substitution) reads back as "&#38;" in its `id` attribute. */
static bool keeps_tkg_id(const wctx *c, uint32_t e)
{
    return !c->plain[e] || strchr(store_str(c->s, c->s->entities[e].id), '&') != NULL;
}

static void write_node(const wctx *c, const attr_schema *a, uint32_t e)
{
    const tkg_store *s = c->s;
    const entity_row *row = &s->entities[e];
    tkg_sink *out = c->out;
    sink_puts(out, "    <node id=\"");
    put_node_id(c, e);
    sink_puts(out, "\">");
    put_data(out, "label", entity_label(c, e));
    put_data(out, "color", tkg_entity_kind_style(c->o, row->kind).color);
    put_data_number(out, "size", node_size(c->degree[e]), 2);
    if (has_position(c, e)) {
        put_data_number(out, "x", c->opt.x[e], 2);
        put_data_number(out, "y", c->opt.y[e], 2);
    }
    put_data(out, "n_kind", tkg_entity_kind_name(c->o, row->kind));
    put_time(c, &node_time, row->life, row->start, row->end);
    if (row->external)
        put_data_sym(c, "n_wikidata", row->external);
    if (tkg_entity_citation_count(s, e)) {
        sink_puts(out, "<data key=\"n_sources\">");
        put_source_ids(c, e, false);
        sink_puts(out, "</data>");
    }
    if (keeps_tkg_id(c, e))
        put_data_sym(c, "n_tkg_id", row->id);
    put_provenance(c, e, false);
    put_attrs(c, a, e, false);
    put_centrality(c, e);
    sink_puts(out, "</node>\n");
}

static void write_edge(const wctx *c, const attr_schema *a, uint32_t r)
{
    const tkg_store *s = c->s;
    const relation_row *row = &s->relations[r];
    tkg_sink *out = c->out;
    sink_lit(out, "    <edge id=\"");
    put_edge_id(c, r, ESC_XML_ATTR);
    sink_lit(out, "\" source=\"");
    put_node_id(c, row->from);
    sink_lit(out, "\" target=\"");
    put_node_id(c, row->to);
    if (!c->opt.strict) {
        sink_lit(out, "\" label=\"");
        put_tab(c, &c->kind_names, row->kind);
    }
    sink_lit(out, "\"><data key=\"el\">");
    put_tab(c, &c->kind_labels, row->kind);
    size_t support = tkg_relation_citation_count(s, r);
    sink_lit(out, "</data><data key=\"ew\">");
    sink_put_uint(out, support ? support : 1);
    sink_lit(out, "</data><data key=\"ek\">");
    put_tab(c, &c->kind_names, row->kind);
    sink_lit(out, "</data>");
    put_time(c, &edge_time, row->iv, row->start, row->end);
    uint32_t event = tkg_relation_event(s, r);
    if (event != TKG_NO_ENTITY)
        put_data_sym(c, "etf", s->entities[event].id);
    if (support) {
        sink_lit(out, "<data key=\"esrc\">");
        put_source_ids(c, r, true);
        sink_lit(out, "</data>");
    }
    sink_lit(out, "<data key=\"esup\">");
    sink_put_uint(out, support);
    sink_lit(out, "</data>");
    /* Written on every edge: NetworkX 2.8 ignores key defaults, graphology-graphml 0.5
     * turns a boolean default into the string "false". */
    if (tkg_relation_kind_symmetric(c->o, row->kind))
        sink_lit(out, "<data key=\"esym\">true</data>");
    else
        sink_lit(out, "<data key=\"esym\">false</data>");
    if (row->id) /* the edge id above is local to this file; the relation's own id is this */
        put_data_sym(c, "eid", row->id);
    put_provenance(c, r, true);
    put_attrs(c, a, r, true);
    sink_lit(out, "</edge>\n");
}

int tkg_write_graphml(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                      const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    attr_schema na = {0}, ea = {0};
    /* Ids as they are (NetworkX, igraph, Gephi and graphology read any text); --strict
     * encodes those that are not an XML NMTOKEN, as the GraphML schema wants, and keeps the
     * original in tkg_id. */
    int rc = wctx_init(&c, out, s, v, opt, ESC_XML_ATTR, !(opt && opt->strict), err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = attr_schema_build(&na, &c, false, node_reserved, err)) != TKG_OK ||
        (rc = attr_schema_build(&ea, &c, true, edge_reserved, err)) != TKG_OK)
        goto done;
    bool positions = false, wikidata = false, encoded = false, event_time = false;
    for (size_t i = 0; i < c.ne; i++) {
        positions |= has_position(&c, c.ent[i]);
        wikidata |= tkg_entity_external_id(s, c.ent[i]) != NULL;
        encoded |= keeps_tkg_id(&c, c.ent[i]);
    }
    for (size_t i = 0; i < c.nr && !event_time; i++)
        event_time = tkg_relation_event(s, c.rel[i]) != TKG_NO_ENTITY;
    sink_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                   "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                   "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    put_key(out, "label", "node", "label", "string");
    put_key(out, "color", "node", "color", "string");
    put_key(out, "size", "node", "size", "double");
    if (positions) {
        put_key(out, "x", "node", "x", "double");
        put_key(out, "y", "node", "y", "double");
    }
    put_key(out, "n_kind", "node", "kind", "string");
    static const char *const time_names[] = {"start_date", "end_date", "start_raw", "end_raw",
                                             "precision"};
    for (size_t i = 0; i < 5; i++)
        put_key(out, node_time_keys[i], "node", time_names[i], "string");
    if (wikidata)
        put_key(out, "n_wikidata", "node", "wikidata", "string");
    put_key(out, "n_sources", "node", "sources", "string");
    if (encoded)
        put_key(out, "n_tkg_id", "node", "tkg_id", "string");
    put_key(out, "n_citations", "node", "citations", "string");
    put_key(out, "n_quote", "node", "quote", "string");
    put_attr_keys(out, &na, "na", "node");
    for (size_t m = 0; c.opt.centrality && m < tkg_centrality_measure_count(c.opt.centrality);
         m++) {
        char name[64];
        centrality_column(name, sizeof name, &c, m, false);
        put_key(out, name, "node", name, "double");
    }
    /* Edge keys have short ids (there are many edges); readers go by attr.name, and so does
     * Gephi for its label and weight. */
    put_key(out, "el", "edge", "label", "string");
    put_key(out, "ew", "edge", "weight", "double");
    put_key(out, "ek", "edge", "kind", "string");
    for (size_t i = 0; i < 5; i++)
        put_key(out, edge_time_keys[i], "edge", time_names[i], "string");
    if (event_time)
        put_key(out, "etf", "edge", "time_from", "string");
    put_key(out, "esrc", "edge", "sources", "string");
    put_key(out, "esup", "edge", "support", "long");
    /* Every edge is directed, from -> to; symmetric kinds (allied_with) say so here
     * (docs/export.md). */
    put_key(out, "esym", "edge", "symmetric", "boolean");
    put_key(out, "eid", "edge", "tkg_id", "string");
    put_key(out, "ecit", "edge", "citations", "string");
    put_key(out, "equote", "edge", "quote", "string");
    put_key(out, "g_sources", "graph", "sources", "string");
    put_attr_keys(out, &ea, "ea", "edge");
    sink_puts(out, "  <graph id=\"tkg\" edgedefault=\"directed\">\n");
    if ((rc = put_sources_table(&c, ESC_XML_TEXT, "    <data key=\"g_sources\">", "</data>\n",
                                err)) != TKG_OK)
        goto done;
    for (size_t i = 0; i < c.ne; i++)
        write_node(&c, &na, c.ent[i]);
    for (size_t i = 0; i < c.nr; i++)
        write_edge(&c, &ea, c.rel[i]);
    sink_puts(out, "  </graph>\n</graphml>\n");
done:
    rc = wctx_status(&c, rc, err);
    attr_schema_free(&na);
    attr_schema_free(&ea);
    wctx_free(&c);
    return rc;
}
