/* The CSV writers, in the header convention of Neo4j's bulk import (neo4j-admin database
 * import): a nodes file with `id:ID` and `:LABEL`, a relationships file with `:START_ID`,
 * `:END_ID` and `:TYPE`; typed columns (`:date`, `:long`, `:boolean`); every string quoted
 * (RFC 4180, quotes doubled); an empty field means "no value". */
#include "write.h"
#include "write_prov.h"

static const char *const node_reserved[] = {
    "id",        "label",    "kind",    "start_date", "end_date",  "start_raw", "end_raw",
    "precision", "wikidata", "sources", "tkg_id",     "citations", "quote",     NULL};
static const char *const edge_reserved[] = {"id",        "edge_id",   "label",     "start_date",
                                            "end_date",  "start_raw", "end_raw",   "precision",
                                            "sources",   "support",   "symmetric", "time_from",
                                            "citations", "quote",     NULL};

static void put_field(tkg_sink *out, const char *value)
{
    sink_puts(out, ",\"");
    esc_puts(out, ESC_CSV, value);
    sink_putc(out, '"');
}

static void put_optional(tkg_sink *out, const char *value)
{
    if (value)
        put_field(out, value);
    else
        sink_putc(out, ',');
}

/* A header name: Neo4j splits `name:type` at the colon, so a colon in a key becomes '_'. */
static void put_header_name(tkg_sink *out, const attr_col *col)
{
    sink_putc(out, ',');
    for (const unsigned char *p = (const unsigned char *)col->name; *p; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-' || *p >= 0x80;
        sink_putc(out, keep ? (char)*p : '_');
    }
    switch (col->type) {
    case TKG_ATTR_INT:
        sink_puts(out, ":long");
        break;
    case TKG_ATTR_DOUBLE:
        sink_puts(out, ":double");
        break;
    case TKG_ATTR_BOOL:
        sink_puts(out, ":boolean");
        break;
    default:
        break;
    }
}

static void put_time(tkg_sink *out, tkg_interval iv, tkg_bound start, tkg_bound end)
{
    char first[11], last[11];
    sink_putc(out, ',');
    if (first_day_text(iv, first))
        sink_puts(out, first);
    sink_putc(out, ',');
    if (last_day_text(iv, last))
        sink_puts(out, last);
    /* A full date goes without its text as written, unless `precision`, which says the
     * coarser bound's, would cut it (a start 2024-07-06 with an end 2025-03). */
    tkg_precision coarsest = coarsest_precision(start, end);
    bool start_raw = raw_differs(start.raw, first) || (start.raw && start.precision != coarsest);
    bool end_raw = raw_differs(end.raw, last) || (end.raw && end.precision != coarsest);
    put_optional(out, start_raw ? start.raw : NULL);
    put_optional(out, end_raw ? end.raw : NULL);
    put_optional(out, precision_name(coarsest));
}

static void put_sources(const wctx *c, uint32_t row, bool relation)
{
    size_t n = row_citation_count(c->s, row, relation);
    sink_putc(c->out, ',');
    if (!n)
        return;
    sink_putc(c->out, '"');
    put_source_ids(c, row, relation);
    sink_putc(c->out, '"');
}

/* The first quote and the citations (JSON text, each with its source's metadata: the two
 * files have no place for a table of sources) of a node or relationship: two fields. */
static void put_provenance(const wctx *c, uint32_t row, bool relation)
{
    put_optional(c->out, first_quote(c->s, row, relation));
    size_t n = row_citation_count(c->s, row, relation);
    sink_putc(c->out, ',');
    if (!n)
        return;
    sink_putc(c->out, '"');
    put_citations(c, row, relation, true, ESC_CSV);
    sink_putc(c->out, '"');
}

/* One field per column, in column order; the row's values where it has them. */
static void put_attrs(const wctx *c, const attr_schema *a, uint32_t row, bool relation)
{
    size_t n;
    const attr_row *attrs = row_attrs(c->s, row, relation, &n);
    for (size_t k = 0; k < a->n; k++) {
        const attr_row *found = NULL;
        for (size_t i = 0; i < n && !found; i++)
            if (attr_schema_col(a, attrs[i].key) == &a->cols[k])
                found = &attrs[i];
        if (!found) {
            sink_putc(c->out, ',');
        } else if (a->cols[k].type == TKG_ATTR_STRING || a->cols[k].type == TKG_ATTR_DATE) {
            put_field(c->out, attr_value(c->s, found));
        } else {
            sink_putc(c->out, ',');
            sink_puts(c->out, attr_value(c->s, found));
        }
    }
}

int tkg_write_csv_nodes(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                        const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    attr_schema na = {0};
    int rc = wctx_init(&c, out, s, v, opt, ESC_CSV, true, err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = attr_schema_build(&na, &c, false, node_reserved, err)) != TKG_OK)
        goto done;
    sink_puts(out, "id:ID,:LABEL,label,kind,start_date:date,end_date:date,start_raw,end_raw,"
                   "precision,wikidata,sources,tkg_id,quote,citations");
    for (size_t k = 0; k < na.n; k++)
        put_header_name(out, &na.cols[k]);
    sink_putc(out, '\n');
    for (size_t i = 0; i < c.ne; i++) {
        uint32_t e = c.ent[i], kind = tkg_entity_kind(s, e);
        const char *id = tkg_entity_id(s, e);
        sink_putc(out, '"');
        put_node_id(&c, e);
        /* The kind and its ancestors, so that MATCH (n:organization) finds missions. */
        sink_puts(out, "\",\"");
        for (uint32_t k = kind; k != TKG_NO_KIND; k = tkg_entity_kind_parent(c.o, k)) {
            if (k != kind)
                sink_putc(out, ';');
            esc_puts(out, ESC_CSV, tkg_entity_kind_name(c.o, k));
        }
        sink_putc(out, '"');
        put_field(out, entity_label(&c, e));
        put_field(out, tkg_entity_kind_name(c.o, kind));
        put_time(out, tkg_entity_lifespan(s, e), tkg_entity_start(s, e), tkg_entity_end(s, e));
        put_optional(out, tkg_entity_external_id(s, e));
        put_sources(&c, e, false);
        put_optional(out, c.plain[e] ? NULL : id);
        put_provenance(&c, e, false);
        put_attrs(&c, &na, e, false);
        sink_putc(out, '\n');
    }
done:
    rc = wctx_status(&c, rc, err);
    attr_schema_free(&na);
    wctx_free(&c);
    return rc;
}

int tkg_write_csv_relationships(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                                const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    attr_schema ea = {0};
    int rc = wctx_init(&c, out, s, v, opt, ESC_CSV, true, err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = attr_schema_build(&ea, &c, true, edge_reserved, err)) != TKG_OK)
        goto done;
    sink_puts(out,
              ":START_ID,:END_ID,:TYPE,id,edge_id,label,start_date:date,end_date:date,start_raw,"
              "end_raw,precision,sources,support:long,symmetric:boolean,time_from,quote,citations");
    for (size_t k = 0; k < ea.n; k++)
        put_header_name(out, &ea.cols[k]);
    sink_putc(out, '\n');
    for (size_t i = 0; i < c.nr; i++) {
        uint32_t r = c.rel[i], kind = tkg_relation_kind(s, r);
        sink_putc(out, '"');
        put_node_id(&c, tkg_relation_from(s, r));
        sink_puts(out, "\",\"");
        put_node_id(&c, tkg_relation_to(s, r));
        sink_puts(out, "\",\"");
        esc_puts(out, ESC_CSV, tkg_relation_kind_name(c.o, kind));
        sink_puts(out, "\",");
        /* Only a relation's own id: a generated one would come back as an id when read. */
        if (tkg_relation_id(s, r)) {
            sink_putc(out, '"');
            esc_puts(out, ESC_CSV, tkg_relation_id(s, r));
            sink_putc(out, '"');
        }
        /* The edge id of the other formats (GraphML, GEXF, JSON): the same in every file. */
        sink_puts(out, ",\"");
        put_edge_id(&c, r, ESC_CSV);
        sink_putc(out, '"');
        put_field(out, tkg_relation_kind_label(c.o, kind));
        put_time(out, tkg_relation_interval(s, r), tkg_relation_start(s, r),
                 tkg_relation_end(s, r));
        put_sources(&c, r, true);
        sink_putc(out, ',');
        sink_put_uint(out, tkg_relation_citation_count(s, r));
        sink_puts(out, tkg_relation_kind_symmetric(c.o, kind) ? ",true" : ",false");
        uint32_t event = tkg_relation_event(s, r);
        put_optional(out, event != TKG_NO_ENTITY ? tkg_entity_id(s, event) : NULL);
        put_provenance(&c, r, true);
        put_attrs(&c, &ea, r, true);
        sink_putc(out, '\n');
    }
done:
    rc = wctx_status(&c, rc, err);
    attr_schema_free(&ea);
    wctx_free(&c);
    return rc;
}
