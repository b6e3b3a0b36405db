/* The GEXF 1.3 writer, by the rules of docs/export.md ("The readers", "GEXF"): a dynamic
 * graph with closed date spells (merged, a node's covering its edges'), one attributes block
 * per class with id == title, viz colour (r g b, no alpha), size and position, and the
 * relation kind as the edge kind. Time is also written as plain string attributes for Gephi
 * Lite, which ignores spells.
 * Centrality (opt.centrality) becomes dynamic attribute values, one per snapshot. */
#include "write.h"
#include "write_prov.h"

#include "vec.h"

#include <math.h>
#include <stdlib.h>

static const char *const node_reserved[] = {
    "label",   "kind",   "start_date", "end_date", "start_raw", "end_raw", "precision", "wikidata",
    "sources", "tkg_id", "id",         "timeset",  "citations", "quote",   NULL};
static const char *const edge_reserved[] = {
    "label",   "kind",      "weight",    "start_date", "end_date",  "start_raw",
    "end_raw", "precision", "sources",   "support",    "symmetric", "id",
    "timeset", "type",      "time_from", "citations",  "quote",     NULL};

/* An interval owed to an entity's spells: an edge whose interval lies outside the
 * lifespans of its endpoints keeps its own interval, and the endpoints must cover it. */
typedef struct owed {
    uint32_t entity;
    tkg_interval iv;
} owed;

typedef struct gexf {
    wctx c;
    strtab colors;      /* <viz:color .../> of each relation kind */
    tkg_interval *life; /* every entity's lifespan, compact (edges look them up at random) */
    uint8_t *timed;     /* bit e: entity e has a lifespan (a small table to look at first) */
    owed *owed;
    uint32_t nowed, owed_cap;
    tkg_interval *merge; /* scratch for one node's spells */
    uint32_t merge_cap;
    tkg_interval *snap; /* with opt.centrality: the time each snapshot's values hold */
} gexf;

static bool bounded(tkg_interval iv)
{
    return iv.start != TKG_DAY_MIN || iv.end_excl != TKG_DAY_MAX;
}

static tkg_interval intersect(tkg_interval a, tkg_interval b)
{
    return (tkg_interval){a.start > b.start ? a.start : b.start,
                          a.end_excl < b.end_excl ? a.end_excl : b.end_excl};
}

/* The edge's spell: its interval within both endpoints' lifespans. When that is empty (an
 * undated edge between two events of different dates, say), its interval within the span
 * of the two lifespans, else its own interval; `*outside` is then set, and the endpoints'
 * spells take it in. */
static tkg_interval edge_spell(const gexf *g, uint32_t r, bool *outside)
{
    const relation_row *row = &g->c.s->relations[r];
    static const tkg_interval always = {TKG_DAY_MIN, TKG_DAY_MAX};
    bool ta = g->timed[row->from >> 3] >> (row->from & 7) & 1;
    bool tb = g->timed[row->to >> 3] >> (row->to & 7) & 1;
    if (!ta && !tb) {
        *outside = false;
        return row->iv;
    }
    tkg_interval iv = row->iv, a = ta ? g->life[row->from] : always,
                 b = tb ? g->life[row->to] : always;
    tkg_interval in = intersect(intersect(iv, a), b);
    *outside = in.start >= in.end_excl;
    if (!*outside)
        return in;
    tkg_interval span = {a.start < b.start ? a.start : b.start,
                         a.end_excl > b.end_excl ? a.end_excl : b.end_excl};
    in = intersect(iv, span);
    return in.start < in.end_excl ? in : iv;
}

static const char *gexf_type(tkg_attr_type t)
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

static void put_attribute(tkg_sink *out, const char *id, const char *type)
{
    sink_puts(out, "      <attribute id=\"");
    esc_puts(out, ESC_XML_ATTR, id);
    sink_puts(out, "\" title=\"");
    esc_puts(out, ESC_XML_ATTR, id);
    sink_puts(out, "\" type=\"");
    sink_puts(out, type);
    /* Most relations have one citation: `support` defaults to 1 and is written otherwise;
     * most are not symmetric: `symmetric` defaults to false. */
    if (strcmp(id, "support") == 0)
        sink_puts(out, "\"><default>1</default></attribute>\n");
    else if (strcmp(id, "symmetric") == 0)
        sink_puts(out, "\"><default>false</default></attribute>\n");
    else
        sink_puts(out, "\"/>\n");
}

/* One attributes block per class (graphology keeps only the last one of a class). With
 * `cent`, the centrality columns follow, and the block is dynamic: Gephi then reads the
 * untimed values of the other columns as holding at all times. */
static void put_attributes(tkg_sink *out, const char *domain, const char *const *fixed,
                           const char *const *fixed_types, const attr_schema *a, const wctx *cent)
{
    sink_puts(out, "    <attributes class=\"");
    sink_puts(out, domain);
    sink_puts(out, cent ? "\" mode=\"dynamic\">\n" : "\" mode=\"static\">\n");
    for (size_t i = 0; fixed[i]; i++)
        put_attribute(out, fixed[i], fixed_types[i]);
    for (size_t i = 0; i < a->n; i++)
        put_attribute(out, a->cols[i].name, gexf_type(a->cols[i].type));
    char name[64];
    for (size_t m = 0; cent && m < tkg_centrality_measure_count(cent->opt.centrality); m++) {
        put_attribute(out, centrality_column(name, sizeof name, cent, m, false), "double");
        put_attribute(out, centrality_column(name, sizeof name, cent, m, true), "integer");
    }
    sink_puts(out, "    </attributes>\n");
}

static void put_value(tkg_sink *out, const char *attr, const char *value)
{
    sink_puts(out, "<attvalue for=\"");
    esc_puts(out, ESC_XML_ATTR, attr);
    sink_puts(out, "\" value=\"");
    esc_puts(out, ESC_XML_ATTR, value);
    sink_puts(out, "\"/>");
}

static void put_time(const wctx *c, tkg_interval iv, bound start, bound end)
{
    tkg_sink *out = c->out;
    char first[11], last[11];
    if (first_day_text(iv, first)) {
        sink_lit(out, "<attvalue for=\"start_date\" value=\"");
        sink_put(out, first, 10);
        sink_lit(out, "\"/>");
    }
    if (last_day_text(iv, last)) {
        sink_lit(out, "<attvalue for=\"end_date\" value=\"");
        sink_put(out, last, 10);
        sink_lit(out, "\"/>");
    }
    tkg_precision coarsest =
        coarsest_precision((tkg_bound){start.raw ? "" : NULL, (tkg_precision)start.prec},
                           (tkg_bound){end.raw ? "" : NULL, (tkg_precision)end.prec});
    /* (the text as written also when `precision`, the coarser bound's, would cut it) */
    if (bound_raw_differs(c->s, start) || (start.raw && start.prec != coarsest)) {
        sink_lit(out, "<attvalue for=\"start_raw\" value=\"");
        put_sym(c, start.raw, ESC_XML_ATTR);
        sink_lit(out, "\"/>");
    }
    if (bound_raw_differs(c->s, end) || (end.raw && end.prec != coarsest)) {
        sink_lit(out, "<attvalue for=\"end_raw\" value=\"");
        put_sym(c, end.raw, ESC_XML_ATTR);
        sink_lit(out, "\"/>");
    }
    const char *p = precision_name(coarsest);
    if (p) {
        sink_lit(out, "<attvalue for=\"precision\" value=\"");
        sink_puts(out, p);
        sink_lit(out, "\"/>");
    }
}

static void put_sources(const wctx *c, uint32_t row, bool relation)
{
    size_t n = row_citation_count(c->s, row, relation);
    if (!n)
        return;
    sink_lit(c->out, "<attvalue for=\"sources\" value=\"");
    put_source_ids(c, row, relation);
    sink_lit(c->out, "\"/>");
}

/* The citations of a node or an edge (JSON text, each with its source's metadata: GEXF has
 * no graph attributes to hold a table of sources) and the first quote among them. */
static void put_provenance(const wctx *c, uint32_t row, bool relation)
{
    size_t n = row_citation_count(c->s, row, relation);
    if (!n)
        return;
    sink_lit(c->out, "<attvalue for=\"citations\" value=\"");
    put_citations(c, row, relation, true, ESC_XML_ATTR);
    sink_lit(c->out, "\"/>");
    const char *q = first_quote(c->s, row, relation);
    if (q)
        put_value(c->out, "quote", q);
}

static void put_attrs(const wctx *c, const attr_schema *a, uint32_t row, bool relation)
{
    size_t n;
    const attr_row *attrs = row_attrs(c->s, row, relation, &n);
    for (size_t i = 0; i < n; i++)
        if (attr_first_of_key(attrs, i))
            put_value(c->out, attr_schema_col(a, attrs[i].key)->name, attr_value(c->s, &attrs[i]));
}

/* <spells> for a list of intervals sorted by start, merging those that overlap or touch;
 * nothing when they cover all time. An empty interval (possible under the strict date
 * policy) is written as its first day. */
/* Sorts nothing: merges intervals sorted by start that overlap or touch, in place, and
 * returns how many remain. An empty interval (possible under the strict date policy) counts
 * as its first day. */
static size_t merge_spells(tkg_interval *iv, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (iv[i].end_excl <= iv[i].start)
            iv[i].end_excl = iv[i].start + 1;
        if (m && iv[i].start <= iv[m - 1].end_excl) {
            if (iv[i].end_excl > iv[m - 1].end_excl)
                iv[m - 1].end_excl = iv[i].end_excl;
        } else {
            iv[m++] = iv[i];
        }
    }
    return m;
}

/* ` start="..." end="..."` of one closed interval (open sides left out). */
static void put_bounds(tkg_sink *out, tkg_interval iv)
{
    if (iv.start != TKG_DAY_MIN) {
        sink_lit(out, " start=\"");
        sink_put_day(out, iv.start);
        sink_putc(out, '"');
    }
    if (iv.end_excl != TKG_DAY_MAX) {
        sink_lit(out, " end=\"");
        sink_put_day(out, iv.end_excl - 1);
        sink_putc(out, '"');
    }
}

/* The time of an element with `m` merged intervals: one is written as the element's own
 * start and end (`in_tag`, inside its opening tag), several as <spells> (after it); all time
 * means none. */
static void put_spells(tkg_sink *out, const tkg_interval *iv, size_t m, bool in_tag)
{
    if (m == 0 || (m == 1 && !bounded(iv[0])))
        return;
    if (m == 1) {
        if (in_tag)
            put_bounds(out, iv[0]);
        return;
    }
    if (in_tag)
        return;
    sink_lit(out, "<spells>");
    for (size_t i = 0; i < m; i++) {
        sink_lit(out, "<spell");
        put_bounds(out, iv[i]);
        sink_lit(out, "/>");
    }
    sink_lit(out, "</spells>");
}

static void put_color(tkg_sink *out, const char *hex)
{
    int rgb[3];
    color_rgb(hex, rgb);
    sink_puts(out, "<viz:color r=\"");
    sink_put_uint(out, (uint64_t)rgb[0]);
    sink_puts(out, "\" g=\"");
    sink_put_uint(out, (uint64_t)rgb[1]);
    sink_puts(out, "\" b=\"");
    sink_put_uint(out, (uint64_t)rgb[2]);
    sink_puts(out, "\"/>");
}

static int cmp_interval(const void *a, const void *b)
{
    const tkg_interval *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_owed(const void *a, const void *b)
{
    const owed *x = a, *y = b;
    if (x->entity != y->entity)
        return x->entity < y->entity ? -1 : 1;
    return cmp_interval(&x->iv, &y->iv);
}

/* The dynamic centrality values of entity e: per measure, its values and then its ranks,
 * each as one <attvalue> per run of snapshots with the same value, in increasing time,
 * within `hull` (the node's own time). */
static void put_centrality(const gexf *g, uint32_t e, tkg_interval hull)
{
    const wctx *c = &g->c;
    const tkg_centrality *cent = c->opt.centrality;
    size_t nk = tkg_centrality_snapshot_count(cent);
    char name[64];
    for (size_t m = 0; m < tkg_centrality_measure_count(cent); m++) {
        for (int rank = 0; rank < 2; rank++) {
            centrality_column(name, sizeof name, c, m, rank);
            for (size_t k = 0; k < nk;) {
                double v = centrality_value(c, m, k, e);
                uint32_t r = centrality_rank(c, m, k, e);
                size_t end = k + 1;
                if (!isfinite(v)) {
                    k = end;
                    continue;
                }
                while (end < nk && (rank ? centrality_rank(c, m, end, e) == r
                                         : centrality_value(c, m, end, e) == v))
                    end++;
                tkg_interval iv =
                    intersect((tkg_interval){g->snap[k].start, g->snap[end - 1].end_excl}, hull);
                k = end;
                if (iv.start >= iv.end_excl)
                    continue;
                sink_lit(c->out, "<attvalue for=\"");
                sink_puts(c->out, name);
                sink_lit(c->out, "\" value=\"");
                if (rank)
                    sink_put_uint(c->out, r);
                else
                    put_double(c->out, v, 10);
                sink_putc(c->out, '"');
                put_bounds(c->out, iv);
                sink_lit(c->out, "/>");
            }
        }
    }
}

static int write_node(gexf *g, const attr_schema *a, uint32_t e, size_t *next_owed, tkg_error *err)
{
    const wctx *c = &g->c;
    const tkg_store *s = c->s;
    tkg_sink *out = c->out;
    uint32_t kind = tkg_entity_kind(s, e);
    const char *id = tkg_entity_id(s, e);
    tkg_interval life = g->life[e]; /* its lifespan, or the span of its relations */
    size_t m = 0;
    if (bounded(life)) {
        /* The lifespan, and the intervals of edges that lie outside it. */
        size_t k = *next_owed, n = 1;
        while (k < g->nowed && g->owed[k].entity < e)
            k++;
        size_t first = k;
        while (k < g->nowed && g->owed[k].entity == e)
            k++, n++;
        *next_owed = k;
        if (vec_reserve(&g->merge, &g->merge_cap, n, sizeof *g->merge) != 0)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        g->merge[0] = life;
        for (size_t i = 1; i < n; i++)
            g->merge[i] = g->owed[first + i - 1].iv;
        qsort(g->merge, n, sizeof *g->merge, cmp_interval);
        m = merge_spells(g->merge, n);
    }
    sink_lit(out, "      <node id=\"");
    put_node_id(c, e);
    sink_lit(out, "\" label=\"");
    esc_puts(out, ESC_XML_ATTR, entity_label(c, e));
    sink_putc(out, '"');
    put_spells(out, g->merge, m, true);
    sink_lit(out, "><attvalues>");
    put_value(out, "kind", tkg_entity_kind_name(c->o, kind));
    put_time(c, tkg_entity_lifespan(s, e), s->entities[e].start, s->entities[e].end);
    const char *qid = tkg_entity_external_id(s, e);
    if (qid)
        put_value(out, "wikidata", qid);
    put_sources(c, e, false);
    if (!c->plain[e])
        put_value(out, "tkg_id", id);
    put_provenance(c, e, false);
    put_attrs(c, a, e, false);
    if (c->opt.centrality) {
        tkg_interval hull = {TKG_DAY_MIN, TKG_DAY_MAX};
        if (m)
            hull = (tkg_interval){g->merge[0].start, g->merge[m - 1].end_excl};
        put_centrality(g, e, hull);
    }
    sink_lit(out, "</attvalues>");
    put_spells(out, g->merge, m, false);
    put_color(out, tkg_entity_kind_style(c->o, kind).color);
    sink_lit(out, "<viz:size value=\"");
    sink_put_fixed(out, node_size(c->degree[e]), 2);
    sink_lit(out, "\"/>");
    if (has_position(c, e)) {
        sink_lit(out, "<viz:position x=\"");
        sink_put_fixed(out, c->opt.x[e], 2);
        sink_lit(out, "\" y=\"");
        sink_put_fixed(out, c->opt.y[e], 2);
        sink_lit(out, "\"/>");
    }
    sink_lit(out, "</node>\n");
    return TKG_OK;
}

static void write_edge(const gexf *g, const attr_schema *a, uint32_t r)
{
    const wctx *c = &g->c;
    const tkg_store *s = c->s;
    const relation_row *row = &s->relations[r];
    tkg_sink *out = c->out;
    size_t support = tkg_relation_citation_count(s, r);
    bool symmetric = tkg_relation_kind_symmetric(c->o, row->kind), outside;
    sink_lit(out, "      <edge id=\"");
    put_edge_id(c, r, ESC_XML_ATTR);
    sink_lit(out, "\" source=\"");
    put_node_id(c, row->from);
    sink_lit(out, "\" target=\"");
    put_node_id(c, row->to);
    sink_lit(out, "\" label=\"");
    put_tab(c, &c->kind_labels, row->kind);
    sink_lit(out, "\" kind=\"");
    put_tab(c, &c->kind_names, row->kind);
    sink_lit(out, "\" weight=\"");
    sink_put_uint(out, support ? support : 1);
    sink_putc(out, '"');
    tkg_interval spell = edge_spell(g, r, &outside);
    put_spells(out, &spell, 1, true);
    sink_lit(out, "><attvalues>");
    put_time(c, row->iv, row->start, row->end);
    if (support) {
        sink_lit(out, "<attvalue for=\"sources\" value=\"");
        put_source_ids(c, r, true);
        sink_lit(out, "\"/>");
    }
    if (support != 1) { /* 1 is the attribute's default */
        sink_lit(out, "<attvalue for=\"support\" value=\"");
        sink_put_uint(out, support);
        sink_lit(out, "\"/>");
    }
    if (symmetric)
        sink_lit(out, "<attvalue for=\"symmetric\" value=\"true\"/>");
    uint32_t event = tkg_relation_event(s, r);
    if (event != TKG_NO_ENTITY) {
        sink_lit(out, "<attvalue for=\"time_from\" value=\"");
        esc_puts(out, ESC_XML_ATTR, tkg_entity_id(s, event));
        sink_lit(out, "\"/>");
    }
    put_provenance(c, r, true);
    put_attrs(c, a, r, true);
    sink_lit(out, "</attvalues>");
    put_tab(c, &g->colors, row->kind);
    sink_lit(out, "</edge>\n");
}

/* An entity without a lifespan of its own (bulk data: ICEWS, YAGO) is shown over the span of
 * its relations in the view: from the first start to the last end (tkg_relation_interval),
 * open on a side where one of them is open, and always (no spell) when none is dated or it
 * has none. Sets g->life of those entities; the others keep their lifespans. */
static int relation_spans(gexf *g, tkg_error *err)
{
    const tkg_store *s = g->c.s;
    size_t ne = tkg_store_entity_count(s);
    uint8_t *own = calloc(ne / 8 + 1, 1);
    if (!own)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t e = 0; e < ne; e++) {
        if (bounded(g->life[e]))
            own[e >> 3] |= (uint8_t)(1u << (e & 7));
        else /* an empty span, widened by each relation below */
            g->life[e] = (tkg_interval){TKG_DAY_MAX, TKG_DAY_MIN};
    }
    for (size_t i = 0; i < g->c.nr; i++) {
        uint32_t r = g->c.rel[i];
        tkg_interval iv = tkg_relation_interval(s, r);
        uint32_t ends[2] = {tkg_relation_from(s, r), tkg_relation_to(s, r)};
        for (int k = 0; k < 2; k++) {
            uint32_t e = ends[k];
            if (own[e >> 3] >> (e & 7) & 1)
                continue;
            if (iv.start < g->life[e].start)
                g->life[e].start = iv.start;
            if (iv.end_excl > g->life[e].end_excl)
                g->life[e].end_excl = iv.end_excl;
        }
    }
    for (size_t e = 0; e < ne; e++) {
        tkg_interval *iv = &g->life[e];
        if (own[e >> 3] >> (e & 7) & 1)
            continue;
        if (iv->start == TKG_DAY_MAX) /* no relation in the view: always there */
            *iv = (tkg_interval){TKG_DAY_MIN, TKG_DAY_MAX};
        else if (iv->end_excl <= iv->start) /* empty intervals (strict dates): their first day */
            iv->end_excl = iv->start + 1;
    }
    free(own);
    return TKG_OK;
}

/* The compact lifespans (or spans of relations) and the colour element of each relation kind. */
static int prepare(gexf *g, tkg_error *err)
{
    const tkg_store *s = g->c.s;
    size_t ne = tkg_store_entity_count(s), nk = tkg_ontology_relation_kind_count(g->c.o);
    int rc = tkg_sink_open_memory(&g->colors.buf, err);
    if (rc != TKG_OK)
        return rc;
    g->life = malloc((ne ? ne : 1) * sizeof *g->life);
    g->timed = calloc(ne / 8 + 1, 1);
    g->colors.off = malloc((nk + 1) * sizeof *g->colors.off);
    if (!g->life || !g->timed || !g->colors.off)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t e = 0; e < ne; e++)
        g->life[e] = s->entities[e].life;
    if ((rc = relation_spans(g, err)) != TKG_OK)
        return rc;
    for (size_t e = 0; e < ne; e++)
        if (bounded(g->life[e]))
            g->timed[e >> 3] |= (uint8_t)(1u << (e & 7));
    for (size_t k = 0; k < nk; k++) {
        g->colors.off[k] = (uint32_t)g->colors.buf->len;
        put_color(g->colors.buf, tkg_relation_kind_style(g->c.o, (uint32_t)k).color);
    }
    g->colors.off[nk] = (uint32_t)g->colors.buf->len;
    return sink_status(g->colors.buf) == TKG_OK ? TKG_OK
                                                : tkg_error_keep(err, &g->colors.buf->error);
}

/* Collects the intervals owed to entities by edges outside their lifespans, sorted. */
static int collect_owed(gexf *g, tkg_error *err)
{
    const tkg_store *s = g->c.s;
    for (size_t i = 0; i < g->c.nr; i++) {
        uint32_t r = g->c.rel[i];
        bool outside;
        tkg_interval iv = edge_spell(g, r, &outside);
        if (!outside)
            continue;
        uint32_t ends[2] = {tkg_relation_from(s, r), tkg_relation_to(s, r)};
        for (int k = 0; k < 2; k++) {
            if (!bounded(g->life[ends[k]]))
                continue;
            if (vec_reserve(&g->owed, &g->owed_cap, g->nowed + 1, sizeof *g->owed) != 0)
                return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            g->owed[g->nowed++] = (owed){ends[k], iv};
        }
    }
    if (g->nowed)
        qsort(g->owed, g->nowed, sizeof *g->owed, cmp_owed);
    return TKG_OK;
}

/* The last day of the view: the latest closed end or start among its relations and its
 * entities' lifespans, or TKG_DAY_MIN when none is dated. */
static int32_t last_day(const wctx *c)
{
    int32_t last = TKG_DAY_MIN;
    for (size_t i = 0; i < c->ne + c->nr; i++) {
        tkg_interval iv =
            i < c->ne ? c->s->entities[c->ent[i]].life : c->s->relations[c->rel[i - c->ne]].iv;
        int32_t d = iv.end_excl != TKG_DAY_MAX ? iv.end_excl - 1 : iv.start;
        if (d != TKG_DAY_MIN && d > last)
            last = d;
    }
    return last;
}

/* The time each snapshot's values hold: from its first day to the day before the next
 * snapshot's, the last one to its own last day or the view's, whichever is later. */
static int snapshot_spells(gexf *g, tkg_error *err)
{
    const tkg_centrality *cent = g->c.opt.centrality;
    size_t nk = tkg_centrality_snapshot_count(cent);
    if (!(g->snap = malloc(nk * sizeof *g->snap)))
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < nk; k++) {
        tkg_snapshot sn = tkg_centrality_snapshot(cent, k);
        if (k + 1 < nk) {
            tkg_snapshot next = tkg_centrality_snapshot(cent, k + 1);
            if (next.from <= sn.from)
                return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                                "centrality snapshots must start on increasing days");
            g->snap[k] = (tkg_interval){sn.from, next.from};
            continue;
        }
        int32_t last = last_day(&g->c);
        int32_t end = sn.to > last ? sn.to : last;
        g->snap[k] = (tkg_interval){sn.from, end >= TKG_DAY_MAX - 1 ? TKG_DAY_MAX : end + 1};
    }
    return TKG_OK;
}

int tkg_write_gexf(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err)
{
    gexf g = {0};
    attr_schema na = {0}, ea = {0};
    int rc = wctx_init(&g.c, out, s, v, opt, ESC_XML_ATTR, true, err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = attr_schema_build(&na, &g.c, false, node_reserved, err)) != TKG_OK ||
        (rc = attr_schema_build(&ea, &g.c, true, edge_reserved, err)) != TKG_OK ||
        (rc = prepare(&g, err)) != TKG_OK || (rc = collect_owed(&g, err)) != TKG_OK ||
        (g.c.opt.centrality && (rc = snapshot_spells(&g, err)) != TKG_OK))
        goto done;
    sink_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
                   "version=\"1.3\">\n  <meta>\n    <creator>tkg " TKG_VERSION "</creator>\n");
    if (g.c.opt.title) {
        sink_puts(out, "    <description>");
        esc_puts(out, ESC_XML_TEXT, g.c.opt.title);
        sink_puts(out, "</description>\n");
    }
    sink_puts(out, "  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"dynamic\" "
                   "timeformat=\"date\" timerepresentation=\"interval\" timezone=\"UTC\">\n");
    static const char *const nfixed[] = {"kind",    "start_date", "end_date", "start_raw",
                                         "end_raw", "precision",  "wikidata", "sources",
                                         "tkg_id",  "citations",  "quote",    NULL};
    static const char *const ntypes[] = {"string", "string", "string", "string", "string", "string",
                                         "string", "string", "string", "string", "string"};
    static const char *const efixed[] = {"start_date", "end_date",  "start_raw", "end_raw",
                                         "precision",  "sources",   "support",   "symmetric",
                                         "time_from",  "citations", "quote",     NULL};
    static const char *const etypes[] = {"string", "string", "string", "string",
                                         "string", "string", "long",   "boolean",
                                         "string", "string", "string"};
    put_attributes(out, "node", nfixed, ntypes, &na, g.c.opt.centrality ? &g.c : NULL);
    put_attributes(out, "edge", efixed, etypes, &ea, NULL);
    sink_puts(out, "    <nodes>\n");
    size_t next_owed = 0;
    for (size_t i = 0; i < g.c.ne && rc == TKG_OK; i++)
        rc = write_node(&g, &na, g.c.ent[i], &next_owed, err);
    if (rc != TKG_OK)
        goto done;
    sink_puts(out, "    </nodes>\n    <edges>\n");
    for (size_t i = 0; i < g.c.nr; i++)
        write_edge(&g, &ea, g.c.rel[i]);
    sink_puts(out, "    </edges>\n  </graph>\n</gexf>\n");
done:
    rc = wctx_status(&g.c, rc, err);
    attr_schema_free(&na);
    attr_schema_free(&ea);
    free(g.owed);
    free(g.life);
    free(g.timed);
    free(g.colors.off);
    tkg_sink_free(g.colors.buf);
    free(g.merge);
    free(g.snap);
    wctx_free(&g.c);
    return rc;
}
