/* Node positions for the graph files, by igraph's Fruchterman-Reingold layout with a grid
 * (tkg_layout_compute in tkg.h). Graphviz lays out diagrams only (tkg-render); a graph file
 * gets positions whose cost is bounded by a budget and linear in the size of the view.
 *
 * Why this layout (bench/RESULTS.md has the figures): on the ICEWS sample (2,760 entities)
 * DrL took 3.1 s and LGL 6.9 s, where Fruchterman-Reingold with igraph's grid took 0.2 s for
 * its default 500 iterations; its cost per iteration is linear in entities + ties because
 * the grid, made once from the random start (uniform over a square of side √n, about four
 * vertices per cell), limits repulsion to neighbouring cells. A start of our own (a core laid
 * out first, the rest placed next to their neighbours) crowded some cells and made the
 * repulsion quadratic there: ten times slower on the YAGO sample; so did calling igraph in
 * steps of 50 iterations so that the grid follows the vertices. The price: the grid keeps the
 * neighbours of the start, so a large connected component ends up dense, while small
 * components and isolated entities stay apart around it. */
#include "analytics_igraph.h"
#include "error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SCALE     50.0 /* writer units per unit of igraph's layout: ties 30 to 200 long */
#define NO_VERTEX UINT32_MAX

/* The view as an undirected simple igraph graph: vertex i is the view's i-th entity. */
static int view_graph(igraph_t *g, const tkg_store *s, const tkg_view *v, const uint32_t *ent,
                      size_t ne, tkg_error *err)
{
    size_t n = tkg_store_entity_count(s), nr;
    const uint32_t *rel = tkg_view_relations(v, &nr);
    uint32_t *vid = malloc((n ? n : 1) * sizeof *vid);
    igraph_vector_int_t edges;
    bool edges_made = false;
    int rc = TKG_OK;
    if (!vid) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        vid[i] = NO_VERTEX;
    for (size_t i = 0; i < ne; i++)
        vid[ent[i]] = (uint32_t)i;
    TRY(igraph_vector_int_init(&edges, 0));
    edges_made = true;
    TRY(igraph_vector_int_reserve(&edges, (igraph_integer_t)(2 * nr)));
    for (size_t i = 0; i < nr; i++) {
        uint32_t a = vid[tkg_relation_from(s, rel[i])], b = vid[tkg_relation_to(s, rel[i])];
        if (a == NO_VERTEX || b == NO_VERTEX || a == b)
            continue;
        igraph_vector_int_push_back(&edges, a); /* reserved: cannot fail */
        igraph_vector_int_push_back(&edges, b);
    }
    TRY(igraph_create(g, &edges, (igraph_integer_t)ne, IGRAPH_UNDIRECTED));
    if ((rc = igraph_simplify(g, true, true, NULL)) != IGRAPH_SUCCESS) {
        igraph_destroy(g);
        rc = igraph_failed(err, rc);
    }
done:
    if (edges_made)
        igraph_vector_int_destroy(&edges);
    free(vid);
    return rc;
}

int tkg_layout_compute(double *x, double *y, const tkg_store *s, const tkg_view *v,
                       const tkg_layout_options *opt, tkg_error *err)
{
    static const tkg_layout_options defaults = {0};
    size_t n = tkg_store_entity_count(s), ne;
    tkg_view *own = NULL;
    igraph_t g;
    igraph_matrix_t res;
    bool g_made = false, res_made = false;
    handlers saved = handlers_install();
    int rc = TKG_OK;
    if (!opt)
        opt = &defaults;
    for (size_t i = 0; i < n; i++)
        x[i] = y[i] = NAN;
    if (!v && (rc = tkg_view_new(&own, s, NULL, err)) != TKG_OK)
        goto done;
    const uint32_t *ent = tkg_view_entities(v ? v : own, &ne);
    if (ne == 0)
        goto done;
    if ((rc = view_graph(&g, s, v ? v : own, ent, ne, err)) != TKG_OK)
        goto done;
    g_made = true;
    double budget = opt->budget > 0 ? opt->budget : TKG_LAYOUT_BUDGET;
    double work = (double)ne + (double)igraph_ecount(&g), iters = opt->iterations;
    if (!opt->iterations) {
        iters = floor(budget / work);
        if (iters > TKG_LAYOUT_ITERATIONS_MAX)
            iters = TKG_LAYOUT_ITERATIONS_MAX;
        if (iters < TKG_LAYOUT_ITERATIONS_MIN) {
            rc = tkg_fail(err, TKG_ELIMIT, NULL, 0, 0,
                          "%zu entities and %lld ties are too many to lay out within the "
                          "budget of %.0f (entities + ties) x iterations, which allows at "
                          "most %.0f entities + ties",
                          ne, (long long)igraph_ecount(&g), budget,
                          floor(budget / TKG_LAYOUT_ITERATIONS_MIN));
            goto done;
        }
    }
    igraph_rng_seed(igraph_rng_default(), opt->seed ? (igraph_uint_t)opt->seed : SEED);
    TRY(igraph_matrix_init(&res, (igraph_integer_t)ne, 2));
    res_made = true;
    TRY(igraph_layout_fruchterman_reingold(&g, &res, false, (igraph_integer_t)iters,
                                           sqrt((double)ne) / 10, IGRAPH_LAYOUT_AUTOGRID, NULL,
                                           NULL, NULL, NULL, NULL));
    for (size_t i = 0; i < ne; i++) {
        x[ent[i]] = SCALE * MATRIX(res, (igraph_integer_t)i, 0);
        y[ent[i]] = SCALE * MATRIX(res, (igraph_integer_t)i, 1);
    }
done:
    if (rc != TKG_OK)
        for (size_t i = 0; i < n; i++)
            x[i] = y[i] = NAN;
    if (res_made)
        igraph_matrix_destroy(&res);
    if (g_made)
        igraph_destroy(&g);
    tkg_view_free(own);
    handlers_restore(saved);
    return rc;
}
