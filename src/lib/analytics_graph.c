/* The graph of a view on plain arrays: vertices, relations merged into ties, time masks and
 * ranks. analytics.c turns a masked graph into an igraph graph; nothing here includes igraph. */
#include "analytics.h"
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ names */

static const char *const measure_names[TKG_MEASURE_COUNT] = {
    "degree",      "indegree",  "outdegree", "weighted_degree",
    "betweenness", "closeness", "harmonic",  "eigenvector",
    "pagerank",    "hub",       "authority"};

const char *tkg_measure_name(tkg_measure m)
{
    return (unsigned)m < TKG_MEASURE_COUNT ? measure_names[m] : NULL;
}

int tkg_measure_parse(tkg_measure *out, const char *name, tkg_error *err)
{
    const char *best = NULL;
    unsigned best_distance = 3;
    for (unsigned m = 0; m < TKG_MEASURE_COUNT; m++) {
        if (strcmp(name, measure_names[m]) == 0) {
            *out = (tkg_measure)m;
            return TKG_OK;
        }
        unsigned d = edit_distance(name, measure_names[m], best_distance);
        if (d < best_distance) {
            best_distance = d;
            best = measure_names[m];
        }
    }
    *out = TKG_MEASURE_COUNT;
    return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown measure '%s'%s%s%s", name,
                    best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
}

static const char *const change_names[] = {"none",  "unchanged", "started",
                                           "ended", "changed",   "transient"};

const char *tkg_change_name(tkg_change c)
{
    return (unsigned)c <= TKG_CHANGE_TRANSIENT ? change_names[c] : NULL;
}

/* ------------------------------------------------------------ building */

/* Open addressing from a vertex pair to a tie index. */
typedef struct pair_map {
    uint64_t *key;
    uint32_t *index; /* index + 1; 0 = empty slot */
    size_t mask;
} pair_map;

static int pair_map_init(pair_map *m, size_t count, tkg_error *err)
{
    size_t cap = 16;
    while (cap < 2 * count)
        cap *= 2;
    m->key = malloc(cap * sizeof *m->key);
    m->index = calloc(cap, sizeof *m->index);
    m->mask = cap - 1;
    if (!m->key || !m->index)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return TKG_OK;
}

static void pair_map_free(pair_map *m)
{
    free(m->key);
    free(m->index);
}

/* The tie of (a, b): an existing index, or `*count` (then incremented) with the endpoints
 * recorded in from[] and to[]. */
static uint32_t pair_tie(pair_map *m, uint32_t a, uint32_t b, uint32_t *from, uint32_t *to,
                         uint32_t *count)
{
    uint64_t key = (uint64_t)a << 32 | b;
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15u) >> 17) & m->mask;
    while (m->index[slot]) {
        if (m->key[slot] == key)
            return m->index[slot] - 1;
        slot = (slot + 1) & m->mask;
    }
    m->key[slot] = key;
    m->index[slot] = ++*count;
    from[*count - 1] = a;
    to[*count - 1] = b;
    return *count - 1;
}

typedef struct keyed {
    uint64_t key; /* from << 32 | to: unique per tie */
    uint32_t old;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Numbers ties in (from, to) order and renumbers the relations' references to them. igraph
 * then sees the same edge order for the same graph however it was reached (a view at a date
 * or a snapshot of a longer view, relations in any input order), so that results whose
 * computation depends on edge order (the eigenvector of a repeated eigenvalue) repeat. */
static int sort_ties(uint32_t *from, uint32_t *to, uint32_t count, uint32_t *ref1, uint32_t *ref2,
                     uint32_t nref, tkg_error *err)
{
    keyed *order = malloc((count ? count : 1) * sizeof *order);
    uint32_t *renumber = malloc((count ? count : 1) * sizeof *renumber);
    int rc = TKG_OK;
    if (!order || !renumber) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (uint32_t t = 0; t < count; t++)
        order[t] = (keyed){(uint64_t)from[t] << 32 | to[t], t};
    qsort(order, count, sizeof *order, by_key);
    for (uint32_t t = 0; t < count; t++) {
        renumber[order[t].old] = t;
        from[t] = (uint32_t)(order[t].key >> 32);
        to[t] = (uint32_t)order[t].key;
    }
    for (uint32_t r = 0; r < nref; r++) {
        ref1[r] = renumber[ref1[r]];
        if (ref2 && ref2[r] != NO_INDEX)
            ref2[r] = renumber[ref2[r]];
    }
done:
    free(order);
    free(renumber);
    return rc;
}

/* A relation's weight under `opt`, or an input error at the relation's position. */
static int relation_weight(double *out, const tkg_store *s, uint32_t r,
                           const tkg_graph_options *opt, tkg_error *err)
{
    *out = 1.0;
    if (opt->weighting == TKG_WEIGHT_SUPPORT) {
        size_t n = tkg_relation_citation_count(s, r);
        *out = n ? (double)n : 1.0;
        return TKG_OK;
    }
    if (opt->weighting != TKG_WEIGHT_ATTR)
        return TKG_OK;
    const relation_row *row = &s->relations[r];
    const char *file = store_str(s, row->where.file);
    const tkg_ontology *o = tkg_store_ontology(s);
    const char *kind = tkg_relation_kind_name(o, row->kind);
    const char *from = tkg_entity_id(s, row->from), *to = tkg_entity_id(s, row->to);
    size_t n = tkg_relation_attr_count(s, r);
    for (size_t i = 0; i < n; i++) {
        tkg_attr a = tkg_relation_attr(s, r, i);
        if (strcmp(a.key, opt->weight_attr) != 0)
            continue;
        char *end;
        double w =
            a.type == TKG_ATTR_INT || a.type == TKG_ATTR_DOUBLE ? strtod(a.value, &end) : NAN;
        if (!(w > 0) || !isfinite(w))
            return tkg_fail(err, TKG_EINPUT, file, (int)row->where.line, (int)row->where.column,
                            "weight '%s' of relation %s from '%s' to '%s' is '%s', not a "
                            "positive number",
                            opt->weight_attr, kind, from, to, a.value);
        *out = w;
        return TKG_OK;
    }
    return tkg_fail(err, TKG_EINPUT, file, (int)row->where.line, (int)row->where.column,
                    "relation %s from '%s' to '%s' has no weight attribute '%s'", kind, from, to,
                    opt->weight_attr);
}

/* True when entity kind `k` is kept by the actors-only filter: `actor` or below, or the
 * untyped root kind of bulk data. Without an `actor` kind in the ontology, everything is. */
static bool actor_kind(const tkg_ontology *o, uint32_t k, uint32_t actor, uint32_t root)
{
    return actor == TKG_NO_KIND || k == root || tkg_entity_kind_is_a(o, k, actor);
}

int agraph_build(agraph *out, const tkg_store *s, const tkg_view *v, const tkg_graph_options *opt,
                 tkg_error *err)
{
    static const tkg_graph_options defaults = {0};
    agraph *g = out;
    memset(g, 0, sizeof *g);
    if (!opt)
        opt = &defaults;
    if (opt->weighting == TKG_WEIGHT_ATTR && (!opt->weight_attr || !opt->weight_attr[0]))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "weighting by attribute needs its key");
    const tkg_ontology *o = tkg_store_ontology(s);
    uint32_t actor = tkg_ontology_entity_kind(o, "actor"), root = ontology_root(o);
    size_t ne, nr, nstore = tkg_store_entity_count(s);
    const uint32_t *ent = tkg_view_entities(v, &ne);
    const uint32_t *rel = tkg_view_relations(v, &nr);
    pair_map arcs = {0}, edges = {0};
    int rc = TKG_OK;
    uint32_t *vertex_of = malloc((nstore ? nstore : 1) * sizeof *vertex_of);
    g->ventity = malloc((ne ? ne : 1) * sizeof *g->ventity);
    g->vlife = malloc((ne ? ne : 1) * sizeof *g->vlife);
    g->riv = malloc((nr ? nr : 1) * sizeof *g->riv);
    g->rrow = malloc((nr ? nr : 1) * sizeof *g->rrow);
    g->rweight = malloc((nr ? nr : 1) * sizeof *g->rweight);
    g->rarc = malloc((nr ? nr : 1) * sizeof *g->rarc);
    g->rback = malloc((nr ? nr : 1) * sizeof *g->rback);
    g->redge = malloc((nr ? nr : 1) * sizeof *g->redge);
    g->arc_from = malloc((2 * nr + 1) * sizeof *g->arc_from);
    g->arc_to = malloc((2 * nr + 1) * sizeof *g->arc_to);
    g->edge_a = malloc((nr ? nr : 1) * sizeof *g->edge_a);
    g->edge_b = malloc((nr ? nr : 1) * sizeof *g->edge_b);
    if (!vertex_of || !g->ventity || !g->vlife || !g->riv || !g->rrow || !g->rweight || !g->rarc ||
        !g->rback || !g->redge || !g->arc_from || !g->arc_to || !g->edge_a || !g->edge_b) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((rc = pair_map_init(&arcs, 2 * nr, err)) != TKG_OK ||
        (rc = pair_map_init(&edges, nr, err)) != TKG_OK)
        goto done;
    for (size_t e = 0; e < nstore; e++)
        vertex_of[e] = NO_INDEX;
    for (size_t i = 0; i < ne; i++) {
        if (opt->actors_only && !actor_kind(o, tkg_entity_kind(s, ent[i]), actor, root))
            continue;
        vertex_of[ent[i]] = g->nv;
        g->vlife[g->nv] = tkg_entity_lifespan(s, ent[i]);
        g->ventity[g->nv++] = ent[i];
    }
    for (size_t i = 0; i < nr; i++) {
        uint32_t r = rel[i];
        uint32_t a = vertex_of[tkg_relation_from(s, r)], b = vertex_of[tkg_relation_to(s, r)];
        if (a == NO_INDEX || b == NO_INDEX || a == b)
            continue;
        double w;
        if ((rc = relation_weight(&w, s, r, opt, err)) != TKG_OK)
            goto done;
        bool symmetric = tkg_relation_kind_symmetric(o, tkg_relation_kind(s, r));
        g->rrow[g->nr] = r;
        g->riv[g->nr] = tkg_relation_interval(s, r);
        g->rweight[g->nr] = w;
        g->rarc[g->nr] = pair_tie(&arcs, a, b, g->arc_from, g->arc_to, &g->narc);
        g->rback[g->nr] =
            symmetric ? pair_tie(&arcs, b, a, g->arc_from, g->arc_to, &g->narc) : NO_INDEX;
        g->redge[g->nr] =
            pair_tie(&edges, a < b ? a : b, a < b ? b : a, g->edge_a, g->edge_b, &g->nedge);
        g->nr++;
    }
    if ((rc = sort_ties(g->arc_from, g->arc_to, g->narc, g->rarc, g->rback, g->nr, err)) !=
            TKG_OK ||
        (rc = sort_ties(g->edge_a, g->edge_b, g->nedge, g->redge, NULL, g->nr, err)) != TKG_OK)
        goto done;
done:
    free(vertex_of);
    pair_map_free(&arcs);
    pair_map_free(&edges);
    if (rc != TKG_OK)
        agraph_free(g);
    return rc;
}

void agraph_free(agraph *g)
{
    if (!g)
        return;
    free(g->ventity);
    free(g->vlife);
    free(g->riv);
    free(g->rrow);
    free(g->rweight);
    free(g->rarc);
    free(g->rback);
    free(g->redge);
    free(g->arc_from);
    free(g->arc_to);
    free(g->edge_a);
    free(g->edge_b);
    memset(g, 0, sizeof *g);
}

/* ------------------------------------------------------------ masks */

int amask_init(amask *out, const agraph *g, tkg_error *err)
{
    memset(out, 0, sizeof *out);
    out->vmap = malloc((g->nv ? g->nv : 1) * sizeof *out->vmap);
    out->vlist = malloc((g->nv ? g->nv : 1) * sizeof *out->vlist);
    out->arc_w = malloc((g->narc ? g->narc : 1) * sizeof *out->arc_w);
    out->edge_w = malloc((g->nedge ? g->nedge : 1) * sizeof *out->edge_w);
    if (!out->vmap || !out->vlist || !out->arc_w || !out->edge_w) {
        amask_free(out);
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return TKG_OK;
}

void amask_free(amask *m)
{
    if (!m)
        return;
    free(m->vmap);
    free(m->vlist);
    free(m->arc_w);
    free(m->edge_w);
    memset(m, 0, sizeof *m);
}

/* True when `iv` is not empty and overlaps the inclusive day range of `snap`, as
 * tkg_interval_overlaps, inlined for the mask's loop. */
static bool in_slice(tkg_interval iv, const tkg_snapshot *snap)
{
    return iv.start < iv.end_excl && iv.start <= snap->to && snap->from < iv.end_excl;
}

void amask_apply(amask *m, const agraph *g, const tkg_snapshot *snap)
{
    for (uint32_t i = 0; i < g->nv; i++)
        m->vmap[i] = NO_INDEX;
    memset(m->arc_w, 0, (g->narc ? g->narc : 1) * sizeof *m->arc_w);
    memset(m->edge_w, 0, (g->nedge ? g->nedge : 1) * sizeof *m->edge_w);
    m->nrel = 0;
    for (uint32_t i = 0; i < g->nr; i++) {
        uint32_t e = g->redge[i];
        if (snap && (!in_slice(g->riv[i], snap) || !in_slice(g->vlife[g->edge_a[e]], snap) ||
                     !in_slice(g->vlife[g->edge_b[e]], snap)))
            continue;
        m->nrel++;
        m->arc_w[g->rarc[i]] += g->rweight[i];
        if (g->rback[i] != NO_INDEX)
            m->arc_w[g->rback[i]] += g->rweight[i];
        m->edge_w[g->redge[i]] += g->rweight[i];
        m->vmap[g->edge_a[g->redge[i]]] = 0;
        m->vmap[g->edge_b[g->redge[i]]] = 0;
    }
    m->nv = 0;
    for (uint32_t i = 0; i < g->nv; i++)
        if (m->vmap[i] != NO_INDEX) {
            m->vlist[m->nv] = i;
            m->vmap[i] = m->nv++;
        }
}

/* ------------------------------------------------------------ components */

static uint32_t find_root(uint32_t *parent, uint32_t v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]]; /* path halving */
        v = parent[v];
    }
    return v;
}

long components(uint32_t *label, uint32_t n, const uint32_t *a, const uint32_t *b, size_t m)
{
    uint32_t *parent = malloc((n ? n : 1) * sizeof *parent);
    if (!parent)
        return -1;
    for (uint32_t v = 0; v < n; v++)
        parent[v] = v;
    for (size_t i = 0; i < m; i++) {
        uint32_t x = find_root(parent, a[i]), y = find_root(parent, b[i]);
        /* The lower root wins, so each root is its component's lowest node. */
        if (x < y)
            parent[y] = x;
        else if (y < x)
            parent[x] = y;
    }
    long k = 0;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t r = find_root(parent, v);
        label[v] = r == v ? (uint32_t)k++ : label[r];
    }
    free(parent);
    return k;
}

/* ------------------------------------------------------------ ranks */

static int by_value_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool tied(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

void rank_values(uint32_t *rank, const double *value, ranked *order, size_t n)
{
    for (size_t i = 0; i < n; i++)
        order[i] = (ranked){value[i], (uint32_t)i};
    qsort(order, n, sizeof *order, by_value_desc);
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && tied(order[i - 1].value, order[i].value);
        rank[order[i].index] = same ? rank[order[i - 1].index] : (uint32_t)(i + 1);
    }
}

/* ------------------------------------------------------------ results */

void tkg_centrality_free(tkg_centrality *c)
{
    if (!c)
        return;
    free(c->entity);
    free(c->measures);
    free(c->snapshots);
    free(c->relations);
    free(c->entities);
    free(c->value);
    free(c->rank);
    free(c);
}

size_t tkg_centrality_entity_count(const tkg_centrality *c)
{
    return c->nv;
}

uint32_t tkg_centrality_entity(const tkg_centrality *c, size_t i)
{
    return c->entity[i];
}

size_t tkg_centrality_measure_count(const tkg_centrality *c)
{
    return c->nm;
}

tkg_measure tkg_centrality_measure(const tkg_centrality *c, size_t m)
{
    return c->measures[m];
}

size_t tkg_centrality_snapshot_count(const tkg_centrality *c)
{
    return c->nk;
}

tkg_snapshot tkg_centrality_snapshot(const tkg_centrality *c, size_t k)
{
    return c->snapshots[k];
}

size_t tkg_centrality_snapshot_relations(const tkg_centrality *c, size_t k)
{
    return c->relations[k];
}

size_t tkg_centrality_snapshot_entities(const tkg_centrality *c, size_t k)
{
    return c->entities[k];
}

double tkg_centrality_value(const tkg_centrality *c, size_t m, size_t k, size_t i)
{
    return c->value[(m * c->nk + k) * c->nv + i];
}

uint32_t tkg_centrality_rank(const tkg_centrality *c, size_t m, size_t k, size_t i)
{
    return c->rank[(m * c->nk + k) * c->nv + i];
}

void tkg_centrality_timings(const tkg_centrality *c, double *graph_seconds, double *measure_seconds,
                            double *rank_seconds)
{
    *graph_seconds = c->graph_seconds;
    *measure_seconds = c->measure_seconds;
    *rank_seconds = c->rank_seconds;
}

void tkg_communities_free(tkg_communities *c)
{
    if (!c)
        return;
    free(c->entity);
    free(c->membership);
    free(c->size);
    free(c);
}

size_t tkg_communities_entity_count(const tkg_communities *c)
{
    return c->nv;
}

uint32_t tkg_communities_entity(const tkg_communities *c, size_t i)
{
    return c->entity[i];
}

uint32_t tkg_communities_membership(const tkg_communities *c, size_t i)
{
    return c->membership[i];
}

size_t tkg_communities_count(const tkg_communities *c)
{
    return c->count;
}

size_t tkg_communities_size(const tkg_communities *c, uint32_t k)
{
    return c->size[k];
}

double tkg_communities_modularity(const tkg_communities *c)
{
    return c->modularity;
}

void tkg_path_free(tkg_path *p)
{
    if (!p)
        return;
    free(p->entity);
    free(p->offset);
    free(p->relation);
    free(p);
}

size_t tkg_path_length(const tkg_path *p)
{
    return p->length;
}

uint32_t tkg_path_entity(const tkg_path *p, size_t i)
{
    return p->entity[i];
}

const uint32_t *tkg_path_relations(const tkg_path *p, size_t i, size_t *n)
{
    *n = p->offset[i + 1] - p->offset[i];
    return p->relation + p->offset[i];
}

double tkg_path_distance(const tkg_path *p)
{
    return p->distance;
}
