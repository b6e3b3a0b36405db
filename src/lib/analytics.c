/* Analytics with igraph: centrality (also over snapshots), communities and shortest paths.
 * With analytics_igraph.c and layout.c, the only files that include igraph. igraph's default
 * error handler aborts the process, so every entry point installs the one of
 * analytics_igraph.c, and restores the previous handlers before returning; the random number
 * generator is seeded before each computation so that results repeat. */
#include "analytics.h"
#include "analytics_igraph.h"
#include "error.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef TKG_HAVE_OPENMP
#include <omp.h>
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* igraph's PageRank (PRPACK) runs OpenMP loops whose threads spin at every barrier. On a
 * machine with few cores and any other load, each iteration then waits for a descheduled
 * thread: on the 2-core reference machine PageRank at 10^5 relations took 0.66 s instead of
 * 0.04 s in most runs. One thread is as fast on an idle machine and never pathological.
 * These return the previous setting and restore it, so a host program keeps its own. */
static int openmp_serial(void)
{
#ifdef TKG_HAVE_OPENMP
    int previous = omp_get_max_threads();
    omp_set_num_threads(1);
    return previous;
#else
    return 0;
#endif
}

static void openmp_restore(int previous)
{
#ifdef TKG_HAVE_OPENMP
    omp_set_num_threads(previous);
#else
    (void)previous;
#endif
}

void analytics_versions(FILE *out)
{
    const char *running;
    int major, minor, patch;
    igraph_version(&running, &major, &minor, &patch);
    fprintf(out, "igraph %s (built with %s)\n", running, IGRAPH_VERSION);
}

/* ------------------------------------------------------------ graphs */

/* An igraph graph of a masked agraph: the present arcs (directed) or edges, their weights
 * (tie strengths) and lengths (1 / weight). */
typedef struct igraph_view {
    igraph_t graph;
    igraph_vector_int_t edges; /* from, to of each edge */
    igraph_vector_t weight, length;
    bool made;
} igraph_view;

static int view_make(igraph_view *out, const agraph *g, const amask *m, bool directed,
                     tkg_error *err)
{
    int rc = TKG_OK;
    uint32_t count = directed ? g->narc : g->nedge;
    const double *w = directed ? m->arc_w : m->edge_w;
    const uint32_t *a = directed ? g->arc_from : g->edge_a;
    const uint32_t *b = directed ? g->arc_to : g->edge_b;
    igraph_vector_int_t *edges = &out->edges;
    bool edges_made = false, weight_made = false, length_made = false;
    uint32_t present = 0;
    for (uint32_t t = 0; t < count; t++)
        present += w[t] > 0;
    TRY(igraph_vector_int_init(edges, 2 * (igraph_integer_t)present));
    edges_made = true;
    TRY(igraph_vector_init(&out->weight, present));
    weight_made = true;
    TRY(igraph_vector_init(&out->length, present));
    length_made = true;
    for (uint32_t t = 0, k = 0; t < count; t++) {
        if (!(w[t] > 0))
            continue;
        VECTOR(*edges)[2 * k] = m->vmap[a[t]];
        VECTOR(*edges)[2 * k + 1] = m->vmap[b[t]];
        VECTOR(out->weight)[k] = w[t];
        VECTOR(out->length)[k] = 1.0 / w[t];
        k++;
    }
    TRY(igraph_create(&out->graph, edges, m->nv, directed));
    out->made = true;
done:
    if (!out->made && edges_made)
        igraph_vector_int_destroy(edges);
    if (!out->made && weight_made)
        igraph_vector_destroy(&out->weight);
    if (!out->made && length_made)
        igraph_vector_destroy(&out->length);
    return rc;
}

static void view_free(igraph_view *v)
{
    if (!v->made)
        return;
    igraph_destroy(&v->graph);
    igraph_vector_int_destroy(&v->edges);
    igraph_vector_destroy(&v->weight);
    igraph_vector_destroy(&v->length);
    v->made = false;
}

/* ------------------------------------------------------------ centrality */

static bool always_directed(tkg_measure m)
{
    return m == TKG_MEASURE_INDEGREE || m == TKG_MEASURE_OUTDEGREE || m == TKG_MEASURE_HUB ||
           m == TKG_MEASURE_AUTHORITY;
}

/* ---- principal eigenvectors, block by block
 *
 * Eigenvector centrality and HITS are principal eigenvectors (of A, of A·Aᵀ and Aᵀ·A). When
 * the graph falls into blocks, the principal eigenvalue may be repeated, and ARPACK then
 * returns some vector of the eigenspace that depends on its own random restarts, which carry
 * over from call to call: the same graph could get other scores later in the same process.
 * So each block (a connected component; for HITS one of the bipartite graph joining each
 * vertex's hub side to the authority side of its targets) is solved on its own, where the
 * principal eigenvalue is simple, and the blocks whose eigenvalue is the largest are combined
 * as Kleinberg's iteration from all ones would: the projection of the all-ones vector on the
 * principal eigenspace, Σ (x_c · 1) x_c over unit vectors x_c. */

typedef struct blocks {
    uint32_t n, m;   /* vertices, edges of the whole graph */
    uint32_t *a, *b; /* edge ends as component nodes (HITS: authority side at n + v) */
    uint32_t *label; /* component node → block */
    uint32_t *order; /* edges grouped by block */
    uint32_t *start; /* block → first position in order[], count + 1 entries */
    uint32_t *local; /* vertex → local id in the block being solved */
    double *x;       /* vertex → its (hub or eigenvector) score in its block, unit norm */
    double *lambda;  /* block → principal eigenvalue, or -1 when it has no edge */
    long count;
} blocks;

static void blocks_free(blocks *bl)
{
    free(bl->a);
    free(bl->b);
    free(bl->label);
    free(bl->order);
    free(bl->start);
    free(bl->local);
    free(bl->x);
    free(bl->lambda);
}

static int blocks_find(blocks *bl, const igraph_view *iv, bool hits, tkg_error *err)
{
    uint32_t n = (uint32_t)igraph_vcount(&iv->graph), m = (uint32_t)igraph_ecount(&iv->graph);
    uint32_t nodes = hits ? 2 * n : n;
    bl->n = n;
    bl->m = m;
    bl->a = malloc((m ? m : 1) * sizeof *bl->a);
    bl->b = malloc((m ? m : 1) * sizeof *bl->b);
    bl->label = malloc((nodes ? nodes : 1) * sizeof *bl->label);
    bl->order = malloc((m ? m : 1) * sizeof *bl->order);
    bl->local = malloc((n ? n : 1) * sizeof *bl->local);
    bl->x = calloc(n ? n : 1, sizeof *bl->x);
    if (!bl->a || !bl->b || !bl->label || !bl->order || !bl->local || !bl->x)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (uint32_t e = 0; e < m; e++) {
        bl->a[e] = (uint32_t)VECTOR(iv->edges)[2 * e];
        bl->b[e] = (uint32_t)VECTOR(iv->edges)[2 * e + 1] + (hits ? n : 0);
    }
    bl->count = components(bl->label, nodes, bl->a, bl->b, m);
    bl->start = calloc((size_t)(bl->count > 0 ? bl->count : 0) + 2, sizeof *bl->start);
    bl->lambda = malloc(((size_t)(bl->count > 0 ? bl->count : 0) + 1) * sizeof *bl->lambda);
    if (bl->count < 0 || !bl->start || !bl->lambda)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (uint32_t e = 0; e < m; e++)
        bl->start[bl->label[bl->a[e]] + 2]++;
    for (long c = 0; c < bl->count; c++)
        bl->start[c + 2] += bl->start[c + 1];
    for (uint32_t e = 0; e < m; e++)
        bl->order[bl->start[bl->label[bl->a[e]] + 1]++] = e;
    return TKG_OK;
}

/* igraph's eigenvector centrality of one block. A directed block whose largest eigenvalue is
 * repeated within it (two cycles of equal strength, one feeding the other) has no unique
 * principal eigenvector and ARPACK does not converge: that is the input's doing. */
static int eigenvector_block(const igraph_t *g, igraph_vector_t *x, igraph_real_t *value,
                             bool directed, const igraph_vector_t *w,
                             igraph_arpack_options_t *arpack, tkg_error *err)
{
    igraph_error_t code = igraph_eigenvector_centrality(g, x, value, directed, true, w, arpack);
    if (code == IGRAPH_SUCCESS)
        return TKG_OK;
    if (code == IGRAPH_ENOMEM || !directed)
        return igraph_failed(err, code);
    return tkg_fail(err, TKG_EINPUT, NULL, 0, 0,
                    "directed eigenvector centrality does not converge on this graph (a "
                    "repeated principal eigenvalue): use it undirected, or pagerank, hub or "
                    "authority");
}

/* Solves block c: its principal eigenvalue, and its vertices' scores (unit 2-norm) in x. */
static int block_solve(blocks *bl, long c, const igraph_view *iv, bool hits, bool directed,
                       bool weighted, tkg_error *err)
{
    int rc = TKG_OK;
    uint32_t first = bl->start[c], last = bl->start[c + 1], nloc = 0;
    igraph_t sub;
    igraph_vector_int_t edges, vertex;
    igraph_vector_t weight, x;
    bool made[5] = {false};
    bl->lambda[c] = -1;
    if (first == last)
        return TKG_OK;
    TRY(igraph_vector_int_init(&edges, 2 * (igraph_integer_t)(last - first)));
    made[0] = true;
    TRY(igraph_vector_int_init(&vertex, 0));
    made[1] = true;
    TRY(igraph_vector_init(&weight, last - first));
    made[2] = true;
    TRY(igraph_vector_init(&x, 0));
    made[3] = true;
    for (uint32_t k = first; k < last; k++) {
        uint32_t e = bl->order[k];
        igraph_integer_t ends[2] = {VECTOR(iv->edges)[2 * e], VECTOR(iv->edges)[2 * e + 1]};
        for (int j = 0; j < 2; j++) {
            uint32_t v = (uint32_t)ends[j];
            if (bl->local[v] == NO_INDEX) {
                bl->local[v] = nloc++;
                TRY(igraph_vector_int_push_back(&vertex, v));
            }
            VECTOR(edges)[2 * (k - first) + j] = bl->local[v];
        }
        VECTOR(weight)[k - first] = VECTOR(iv->weight)[e];
    }
    TRY(igraph_create(&sub, &edges, nloc, directed));
    made[4] = true;
    igraph_real_t value = 0;
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    igraph_rng_seed(igraph_rng_default(), SEED);
    const igraph_vector_t *w = weighted ? &weight : NULL;
    if (hits)
        TRY(igraph_hub_and_authority_scores(&sub, &x, NULL, &value, true, w, &arpack));
    else if ((rc = eigenvector_block(&sub, &x, &value, directed, w, &arpack, err)) != TKG_OK)
        goto done;
    double norm = 0;
    for (uint32_t i = 0; i < nloc; i++)
        norm += VECTOR(x)[i] * VECTOR(x)[i];
    norm = sqrt(norm);
    bl->lambda[c] = norm > 0 ? value : 0;
    for (uint32_t i = 0; i < nloc; i++) {
        uint32_t v = (uint32_t)VECTOR(vertex)[i];
        /* A HITS vertex has its hub score in the block of its out-arcs only. */
        if (!hits || bl->label[v] == c)
            bl->x[v] = norm > 0 ? VECTOR(x)[i] / norm : 0;
    }
done:
    for (uint32_t i = 0; made[1] && i < (uint32_t)igraph_vector_int_size(&vertex); i++)
        bl->local[VECTOR(vertex)[i]] = NO_INDEX;
    if (made[4])
        igraph_destroy(&sub);
    if (made[3])
        igraph_vector_destroy(&x);
    if (made[2])
        igraph_vector_destroy(&weight);
    if (made[1])
        igraph_vector_int_destroy(&vertex);
    if (made[0])
        igraph_vector_int_destroy(&edges);
    return rc;
}

/* igraph's eigenvector, hub or authority scores of the whole graph (maximum 1), and the
 * principal eigenvalue: the answer when that eigenvalue is simple. */
static int whole(igraph_vector_t *res, igraph_real_t *value, tkg_measure which,
                 const igraph_view *iv, bool directed, bool weighted, tkg_error *err)
{
    int rc = TKG_OK;
    const igraph_vector_t *w = weighted ? &iv->weight : NULL;
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    igraph_rng_seed(igraph_rng_default(), SEED);
    if (which == TKG_MEASURE_EIGENVECTOR)
        return eigenvector_block(&iv->graph, res, value, directed, w, &arpack, err);
    TRY(igraph_hub_and_authority_scores(&iv->graph, which == TKG_MEASURE_HUB ? res : NULL,
                                        which == TKG_MEASURE_HUB ? NULL : res, value, true, w,
                                        &arpack));
    /* ARPACK's rounding can leave -0 or -1e-17 where the score is 0. */
    for (igraph_integer_t i = 0; i < igraph_vector_size(res); i++)
        if (VECTOR(*res)[i] < 0)
            VECTOR(*res)[i] = 0;
done:
    return rc;
}

/* Eigenvector, hub or authority scores of `iv` into res, scaled to a maximum of 1 (all 0
 * when the principal eigenvalue is 0: a directed graph without cycles). */
static int principal(igraph_vector_t *res, tkg_measure which, const igraph_view *iv, bool directed,
                     bool weighted, tkg_error *err)
{
    bool hits = which == TKG_MEASURE_HUB || which == TKG_MEASURE_AUTHORITY;
    blocks bl = {0};
    int rc = blocks_find(&bl, iv, hits, err);
    if (rc != TKG_OK)
        goto done;
    /* Solve every block but the largest. When each one's eigenvalue is below the whole
     * graph's, that eigenvalue is simple (the largest block's alone) and igraph's answer on
     * the whole graph is the unique one; otherwise the largest block is solved too and the
     * blocks are combined. */
    long largest = 0;
    for (long c = 1; c < bl.count; c++)
        if (bl.start[c + 1] - bl.start[c] > bl.start[largest + 1] - bl.start[largest])
            largest = c;
    for (uint32_t v = 0; v < bl.n; v++)
        bl.local[v] = NO_INDEX;
    for (long c = 0; c < bl.count; c++)
        if (c != largest && (rc = block_solve(&bl, c, iv, hits, directed, weighted, err)) != TKG_OK)
            goto done;
    igraph_real_t value = 0;
    tkg_error attempt = {0};
    int wrc = whole(res, &value, which, iv, directed, weighted, &attempt);
    if (wrc == TKG_ENOMEM) {
        rc = tkg_error_keep(err, &attempt);
        goto done;
    }
    bool simple = wrc == TKG_OK && value > 0;
    for (long c = 0; c < bl.count && simple; c++)
        simple = c == largest || bl.lambda[c] < value * (1 - 1e-9);
    if (simple)
        goto done;
    if ((rc = block_solve(&bl, largest, iv, hits, directed, weighted, err)) != TKG_OK)
        goto done;
    double top = 0;
    for (long c = 0; c < bl.count; c++)
        top = fmax(top, bl.lambda[c]);
    /* Coefficients x_c · 1 of the blocks that reach the top eigenvalue. */
    double *coef = bl.lambda; /* reused: block → coefficient */
    for (long c = 0; c < bl.count; c++)
        coef[c] = top > 0 && bl.lambda[c] >= top * (1 - 1e-9) ? 0 : -1;
    for (uint32_t v = 0; v < bl.n; v++)
        if (bl.x[v] != 0 && coef[bl.label[v]] >= 0)
            coef[bl.label[v]] += bl.x[v];
    TRY(igraph_vector_resize(res, bl.n));
    for (uint32_t v = 0; v < bl.n; v++)
        VECTOR(*res)[v] = coef[bl.label[v]] > 0 ? coef[bl.label[v]] * bl.x[v] : 0;
    if (which == TKG_MEASURE_AUTHORITY) {
        /* Authorities are what hubs point to: a = Aᵀ h. */
        for (uint32_t v = 0; v < bl.n; v++)
            bl.x[v] = VECTOR(*res)[v];
        igraph_vector_null(res);
        for (uint32_t e = 0; e < bl.m; e++) {
            igraph_integer_t from = VECTOR(iv->edges)[2 * e], to = VECTOR(iv->edges)[2 * e + 1];
            VECTOR(*res)[to] += (weighted ? VECTOR(iv->weight)[e] : 1.0) * bl.x[from];
        }
    }
    double max = igraph_vector_max(res);
    if (max > 0)
        igraph_vector_scale(res, 1.0 / max);
done:
    blocks_free(&bl);
    return rc;
}

/* Computes measure `which` on `iv` into res (one value per vertex of the graph). */
static int measure_one(igraph_vector_t *res, tkg_measure which, const igraph_view *iv,
                       bool directed, const tkg_centrality_options *opt, tkg_error *err)
{
    int rc = TKG_OK;
    const igraph_t *G = &iv->graph;
    bool weighted = opt->graph.weighting != TKG_WEIGHT_NONE;
    const igraph_vector_t *w = weighted ? &iv->weight : NULL;
    const igraph_vector_t *len = weighted ? &iv->length : NULL;
    igraph_integer_t n = igraph_vcount(G);
    igraph_vector_int_t reach;
    bool reach_made = false;
    igraph_real_t value;
    igraph_rng_seed(igraph_rng_default(), SEED);
    double scale = 1.0;
    switch (which) {
    case TKG_MEASURE_DEGREE:
    case TKG_MEASURE_INDEGREE:
    case TKG_MEASURE_OUTDEGREE: {
        igraph_neimode_t mode = which == TKG_MEASURE_INDEGREE    ? IGRAPH_IN
                                : which == TKG_MEASURE_OUTDEGREE ? IGRAPH_OUT
                                                                 : IGRAPH_ALL;
        TRY(igraph_strength(G, res, igraph_vss_all(), mode, IGRAPH_LOOPS, NULL));
        if (opt->normalized && n > 1)
            scale = 1.0 / (double)(n - 1);
        break;
    }
    case TKG_MEASURE_WEIGHTED_DEGREE:
        TRY(igraph_strength(G, res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &iv->weight));
        break;
    case TKG_MEASURE_BETWEENNESS:
        if (opt->cutoff > 0)
            TRY(igraph_betweenness_cutoff(G, res, igraph_vss_all(), directed, len, opt->cutoff));
        else
            TRY(igraph_betweenness(G, res, igraph_vss_all(), directed, len));
        /* igraph counts each unordered pair once in an undirected graph. */
        if (opt->normalized && n > 2)
            scale = (directed ? 1.0 : 2.0) / ((double)(n - 1) * (double)(n - 2));
        break;
    case TKG_MEASURE_CLOSENESS:
        TRY(igraph_vector_int_init(&reach, n));
        reach_made = true;
        if (opt->cutoff > 0)
            TRY(igraph_closeness_cutoff(G, res, &reach, NULL, igraph_vss_all(), IGRAPH_OUT, len,
                                        true, opt->cutoff));
        else
            TRY(igraph_closeness(G, res, &reach, NULL, igraph_vss_all(), IGRAPH_OUT, len, true));
        for (igraph_integer_t i = 0; i < n; i++) {
            /* igraph gives NaN to an entity that reaches nobody: its closeness is 0. */
            if (isnan(VECTOR(*res)[i]))
                VECTOR(*res)[i] = 0;
            else if (opt->normalized)
                VECTOR(*res)[i] *= (double)VECTOR(reach)[i] / (double)(n - 1);
        }
        break;
    case TKG_MEASURE_HARMONIC:
        if (opt->cutoff > 0)
            TRY(igraph_harmonic_centrality_cutoff(G, res, igraph_vss_all(), IGRAPH_OUT, len,
                                                  opt->normalized, opt->cutoff));
        else
            TRY(igraph_harmonic_centrality(G, res, igraph_vss_all(), IGRAPH_OUT, len,
                                           opt->normalized));
        break;
    case TKG_MEASURE_EIGENVECTOR:
    case TKG_MEASURE_HUB:
    case TKG_MEASURE_AUTHORITY:
        rc = principal(res, which, iv, directed || which != TKG_MEASURE_EIGENVECTOR, weighted, err);
        break;
    case TKG_MEASURE_PAGERANK: {
        int threads = openmp_serial();
        igraph_error_t code =
            igraph_pagerank(G, IGRAPH_PAGERANK_ALGO_PRPACK, res, &value, igraph_vss_all(), directed,
                            opt->damping > 0 ? opt->damping : 0.85, w, NULL);
        openmp_restore(threads);
        TRY(code);
        break;
    }
    default:
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown measure %d", (int)which);
        goto done;
    }
    if (scale != 1.0)
        igraph_vector_scale(res, scale);
done:
    if (reach_made)
        igraph_vector_int_destroy(&reach);
    return rc;
}

static int check_options(const tkg_centrality_options *opt, tkg_error *err)
{
    if (!opt->measures || opt->measure_count == 0)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "no measure to compute");
    for (size_t m = 0; m < opt->measure_count; m++)
        if ((unsigned)opt->measures[m] >= TKG_MEASURE_COUNT)
            return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown measure %d",
                            (int)opt->measures[m]);
    if (opt->damping != 0 && !(opt->damping > 0 && opt->damping < 1))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the damping factor must lie in (0, 1)");
    if (!(opt->cutoff >= 0) || isinf(opt->cutoff))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the cutoff must be a positive number");
    if (opt->snapshot_count && !opt->snapshots)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "snapshot count without snapshots");
    for (size_t k = 0; k < opt->snapshot_count; k++)
        if (opt->snapshots[k].to < opt->snapshots[k].from)
            return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "snapshot %zu ends before it starts",
                            k + 1);
    return TKG_OK;
}

/* Allocates the result: its measures, snapshots and value arrays, and the entities present
 * in some snapshot (found with one masking pass); `slot` maps a vertex to its entity index. */
static int result_new(tkg_centrality **out, uint32_t *slot, const agraph *g, amask *m,
                      const tkg_centrality_options *opt, tkg_error *err)
{
    static const tkg_snapshot all_days = {TKG_DAY_MIN, TKG_DAY_MAX};
    tkg_centrality *c = calloc(1, sizeof *c);
    int rc = TKG_OK;
    if (!c)
        goto nomem;
    c->nm = opt->measure_count;
    c->nk = opt->snapshot_count ? opt->snapshot_count : 1;
    c->measures = malloc(c->nm * sizeof *c->measures);
    c->snapshots = malloc(c->nk * sizeof *c->snapshots);
    c->relations = calloc(c->nk, sizeof *c->relations);
    c->entities = calloc(c->nk, sizeof *c->entities);
    c->entity = malloc((g->nv ? g->nv : 1) * sizeof *c->entity);
    if (!c->measures || !c->snapshots || !c->relations || !c->entities || !c->entity)
        goto nomem;
    memcpy(c->measures, opt->measures, c->nm * sizeof *c->measures);
    if (opt->snapshot_count)
        memcpy(c->snapshots, opt->snapshots, c->nk * sizeof *c->snapshots);
    else
        c->snapshots[0] = all_days;
    for (uint32_t i = 0; i < g->nv; i++)
        slot[i] = NO_INDEX;
    for (size_t k = 0; k < c->nk; k++) {
        amask_apply(m, g, opt->snapshot_count ? &c->snapshots[k] : NULL);
        for (uint32_t j = 0; j < m->nv; j++)
            slot[m->vlist[j]] = 0;
    }
    for (uint32_t i = 0; i < g->nv; i++)
        if (slot[i] != NO_INDEX) {
            slot[i] = (uint32_t)c->nv;
            c->entity[c->nv++] = g->ventity[i];
        }
    size_t cells = c->nm * c->nk * c->nv;
    if (c->nv && cells / c->nv / c->nk != c->nm)
        goto nomem;
    c->value = malloc((cells ? cells : 1) * sizeof *c->value);
    c->rank = calloc(cells ? cells : 1, sizeof *c->rank);
    if (!c->value || !c->rank)
        goto nomem;
    for (size_t i = 0; i < cells; i++)
        c->value[i] = NAN;
    goto done;
nomem:
    rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
done:
    if (rc != TKG_OK) {
        tkg_centrality_free(c);
        c = NULL;
    }
    *out = c;
    return rc;
}

int tkg_centrality_compute(tkg_centrality **out, const tkg_store *s, const tkg_view *v,
                           const tkg_centrality_options *opt, tkg_error *err)
{
    agraph g = {0};
    amask m = {0};
    tkg_centrality *c = NULL;
    uint32_t *slot = NULL, *rank = NULL;
    ranked *order = NULL;
    igraph_view dir = {0}, und = {0};
    igraph_vector_t res;
    bool res_made = false;
    handlers saved = handlers_install();
    int rc = check_options(opt, err);
    double t0 = now(), graph_seconds = 0, measure_seconds = 0, rank_seconds = 0;
    *out = NULL;
    if (rc != TKG_OK || (rc = agraph_build(&g, s, v, &opt->graph, err)) != TKG_OK ||
        (rc = amask_init(&m, &g, err)) != TKG_OK)
        goto done;
    slot = malloc((g.nv ? g.nv : 1) * sizeof *slot);
    rank = malloc((g.nv ? g.nv : 1) * sizeof *rank);
    order = malloc((g.nv ? g.nv : 1) * sizeof *order);
    if (!slot || !rank || !order) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((rc = result_new(&c, slot, &g, &m, opt, err)) != TKG_OK)
        goto done;
    TRY(igraph_vector_init(&res, 0));
    res_made = true;
    bool need_dir = false, need_und = false;
    for (size_t i = 0; i < c->nm; i++) {
        bool d = opt->graph.directed || always_directed(c->measures[i]);
        need_dir |= d;
        need_und |= !d;
    }
    graph_seconds += now() - t0;
    for (size_t k = 0; k < c->nk; k++) {
        t0 = now();
        amask_apply(&m, &g, opt->snapshot_count ? &c->snapshots[k] : NULL);
        c->relations[k] = m.nrel;
        c->entities[k] = m.nv;
        if (m.nrel == 0)
            continue;
        if ((need_dir && (rc = view_make(&dir, &g, &m, true, err)) != TKG_OK) ||
            (need_und && (rc = view_make(&und, &g, &m, false, err)) != TKG_OK))
            goto done;
        graph_seconds += now() - t0;
        for (size_t i = 0; i < c->nm; i++) {
            bool d = opt->graph.directed || always_directed(c->measures[i]);
            double t1 = now();
            if ((rc = measure_one(&res, c->measures[i], d ? &dir : &und, d, opt, err)) != TKG_OK)
                goto done;
            double t2 = now();
            measure_seconds += t2 - t1;
            rank_values(rank, VECTOR(res), order, m.nv);
            size_t base = (i * c->nk + k) * c->nv;
            for (uint32_t j = 0; j < m.nv; j++) {
                c->value[base + slot[m.vlist[j]]] = VECTOR(res)[j];
                c->rank[base + slot[m.vlist[j]]] = rank[j];
            }
            rank_seconds += now() - t2;
        }
        view_free(&dir);
        view_free(&und);
    }
    c->graph_seconds = graph_seconds;
    c->measure_seconds = measure_seconds;
    c->rank_seconds = rank_seconds;
done:
    view_free(&dir);
    view_free(&und);
    if (res_made)
        igraph_vector_destroy(&res);
    handlers_restore(saved);
    free(slot);
    free(rank);
    free(order);
    amask_free(&m);
    agraph_free(&g);
    if (rc != TKG_OK) {
        tkg_centrality_free(c);
        c = NULL;
    }
    *out = c;
    return rc;
}

/* ------------------------------------------------------------ communities */

static int by_key_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->value > y->value ? -1 : x->value < y->value;
}

/* Renumbers igraph's membership so that community 0 is the largest (ties: the community of
 * the lowest vertex first), filling c->membership, c->count and c->size. */
static int number_communities(tkg_communities *c, const igraph_vector_int_t *membership,
                              tkg_error *err)
{
    size_t n = c->nv, k = 0;
    int rc = TKG_OK;
    uint32_t *first = malloc((n ? n : 1) * sizeof *first); /* community → first vertex */
    size_t *count = calloc(n ? n : 1, sizeof *count);
    ranked *order = malloc((n ? n : 1) * sizeof *order);
    uint32_t *label = malloc((n ? n : 1) * sizeof *label);
    c->size = calloc(n ? n : 1, sizeof *c->size);
    if (!first || !count || !order || !label || !c->size) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        first[i] = NO_INDEX;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t g = VECTOR(*membership)[i];
        if (first[g] == NO_INDEX)
            first[g] = (uint32_t)i;
        count[g]++;
    }
    /* Sort the communities by size, descending, then by first vertex: the sort key is
     * size - first / (n + 1), exact for any n below 2^26. */
    for (size_t g = 0; g < n; g++)
        if (count[g])
            order[k++] =
                (ranked){(double)count[g] - (double)first[g] / (double)(n + 1), (uint32_t)g};
    qsort(order, k, sizeof *order, by_key_desc);
    for (size_t i = 0; i < k; i++) {
        label[order[i].index] = (uint32_t)i;
        c->size[i] = count[order[i].index];
    }
    for (size_t i = 0; i < n; i++)
        c->membership[i] = label[VECTOR(*membership)[i]];
    c->count = k;
done:
    free(first);
    free(count);
    free(order);
    free(label);
    return rc;
}

int tkg_communities_detect(tkg_communities **out, const tkg_store *s, const tkg_view *v,
                           const tkg_community_options *opt, tkg_error *err)
{
    agraph g = {0};
    amask m = {0};
    igraph_view und = {0};
    igraph_vector_int_t membership;
    igraph_vector_t strength;
    bool membership_made = false, strength_made = false;
    tkg_communities *c = NULL;
    handlers saved = handlers_install();
    double gamma = opt->resolution == 0 ? 1.0 : opt->resolution;
    int rc = TKG_OK;
    *out = NULL;
    if (opt->graph.directed) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "community detection needs an undirected graph");
        goto done;
    }
    if (!(gamma > 0) || isinf(gamma)) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the resolution must be a positive number");
        goto done;
    }
    if (opt->method != TKG_COMMUNITY_LEIDEN && opt->method != TKG_COMMUNITY_LOUVAIN) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown community method %d", (int)opt->method);
        goto done;
    }
    if ((rc = agraph_build(&g, s, v, &opt->graph, err)) != TKG_OK ||
        (rc = amask_init(&m, &g, err)) != TKG_OK)
        goto done;
    amask_apply(&m, &g, NULL);
    if (m.nrel == 0) {
        rc = tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "the view has no relation to analyse");
        goto done;
    }
    if ((rc = view_make(&und, &g, &m, false, err)) != TKG_OK)
        goto done;
    const igraph_vector_t *w = opt->graph.weighting != TKG_WEIGHT_NONE ? &und.weight : NULL;
    TRY(igraph_vector_int_init(&membership, m.nv));
    membership_made = true;
    TRY(igraph_vector_init(&strength, m.nv));
    strength_made = true;
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)opt->seed);
    if (opt->method == TKG_COMMUNITY_LEIDEN) {
        /* Modularity as the Leiden quality: node weights are strengths and the resolution
         * is γ / 2W, W the total edge weight (Traag et al. 2019, section "Quality"). */
        TRY(igraph_strength(&und.graph, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, w));
        double total = igraph_vector_sum(&strength) / 2;
        igraph_integer_t clusters;
        igraph_real_t quality;
        TRY(igraph_community_leiden(&und.graph, w, &strength, gamma / (2 * total), 0.01, false, -1,
                                    &membership, &clusters, &quality));
    } else {
        TRY(igraph_community_multilevel(&und.graph, w, gamma, &membership, NULL, NULL));
    }
    igraph_real_t q;
    TRY(igraph_modularity(&und.graph, &membership, w, gamma, false, &q));
    c = calloc(1, sizeof *c);
    if (c) {
        c->nv = m.nv;
        c->modularity = q;
        c->entity = malloc((m.nv ? m.nv : 1) * sizeof *c->entity);
        c->membership = malloc((m.nv ? m.nv : 1) * sizeof *c->membership);
    }
    if (!c || !c->entity || !c->membership) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (uint32_t j = 0; j < m.nv; j++)
        c->entity[j] = g.ventity[m.vlist[j]];
    rc = number_communities(c, &membership, err);
done:
    if (membership_made)
        igraph_vector_int_destroy(&membership);
    if (strength_made)
        igraph_vector_destroy(&strength);
    view_free(&und);
    handlers_restore(saved);
    amask_free(&m);
    agraph_free(&g);
    if (rc != TKG_OK) {
        tkg_communities_free(c);
        c = NULL;
    }
    *out = c;
    return rc;
}

/* ------------------------------------------------------------ paths */

/* The vertex of entity row `e` present in mask `m`, or NO_INDEX. */
static uint32_t find_vertex(const agraph *g, const amask *m, uint32_t e)
{
    for (uint32_t i = 0; i < g->nv; i++)
        if (g->ventity[i] == e)
            return m->vmap[i];
    return NO_INDEX;
}

/* Fills p->offset and p->relation: the relations along each tie of the path. `hop` maps a
 * tie (arc or edge) to its position on the path, or NO_INDEX. */
static int path_relations(tkg_path *p, const agraph *g, const uint32_t *hop, bool directed,
                          tkg_error *err)
{
    p->offset = calloc(p->length + 2, sizeof *p->offset);
    if (!p->offset)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t r = 0; r < g->nr; r++) {
            uint32_t h = directed ? hop[g->rarc[r]] : hop[g->redge[r]];
            if (directed && h == NO_INDEX && g->rback[r] != NO_INDEX)
                h = hop[g->rback[r]];
            if (h == NO_INDEX)
                continue;
            if (pass == 0)
                p->offset[h + 2]++;
            else
                p->relation[p->offset[h + 1]++] = g->rrow[r];
        }
        if (pass == 0) {
            for (size_t i = 2; i < p->length + 2; i++)
                p->offset[i] += p->offset[i - 1];
            p->relation = malloc((p->offset[p->length + 1] + 1) * sizeof *p->relation);
            if (!p->relation)
                return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    return TKG_OK;
}

int tkg_path_find(tkg_path **out, const tkg_store *s, const tkg_view *v, uint32_t from, uint32_t to,
                  const tkg_graph_options *opt, tkg_error *err)
{
    static const tkg_graph_options defaults = {0};
    agraph g = {0};
    amask m = {0};
    igraph_view iv = {0};
    igraph_vector_int_t vertices, edges;
    bool vertices_made = false, edges_made = false;
    uint32_t *hop = NULL, *tie = NULL;
    tkg_path *p = NULL;
    handlers saved = handlers_install();
    int rc = TKG_OK;
    *out = NULL;
    if (!opt)
        opt = &defaults;
    if ((rc = agraph_build(&g, s, v, opt, err)) != TKG_OK ||
        (rc = amask_init(&m, &g, err)) != TKG_OK)
        goto done;
    amask_apply(&m, &g, NULL);
    uint32_t a = find_vertex(&g, &m, from), b = find_vertex(&g, &m, to);
    if (a == NO_INDEX || b == NO_INDEX) {
        rc = tkg_fail(err, TKG_ENOTFOUND, NULL, 0, 0, "'%s' has no relation in the view",
                      tkg_entity_id(s, a == NO_INDEX ? from : to));
        goto done;
    }
    bool weighted = opt->weighting != TKG_WEIGHT_NONE;
    if ((rc = view_make(&iv, &g, &m, opt->directed, err)) != TKG_OK)
        goto done;
    TRY(igraph_vector_int_init(&vertices, 0));
    vertices_made = true;
    TRY(igraph_vector_int_init(&edges, 0));
    edges_made = true;
    if (weighted)
        TRY(igraph_get_shortest_path_dijkstra(&iv.graph, &vertices, &edges, a, b, &iv.length,
                                              IGRAPH_OUT));
    else
        TRY(igraph_get_shortest_path(&iv.graph, &vertices, &edges, a, b, IGRAPH_OUT));
    if (igraph_vector_int_size(&vertices) == 0) {
        rc = tkg_fail(err, TKG_ENOTFOUND, NULL, 0, 0, "no path from '%s' to '%s' in the view",
                      tkg_entity_id(s, from), tkg_entity_id(s, to));
        goto done;
    }
    /* igraph numbers the present ties in tie order: map them back to arcs or edges. */
    uint32_t count = opt->directed ? g.narc : g.nedge;
    const double *w = opt->directed ? m.arc_w : m.edge_w;
    hop = malloc((count ? count : 1) * sizeof *hop);
    tie = malloc((count ? count : 1) * sizeof *tie);
    p = calloc(1, sizeof *p);
    if (!hop || !tie || !p) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    uint32_t present = 0;
    for (uint32_t t = 0; t < count; t++) {
        hop[t] = NO_INDEX;
        if (w[t] > 0)
            tie[present++] = t;
    }
    p->length = (size_t)igraph_vector_int_size(&edges);
    p->entity = malloc((p->length + 1) * sizeof *p->entity);
    if (!p->entity) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i <= p->length; i++)
        p->entity[i] = g.ventity[m.vlist[VECTOR(vertices)[i]]];
    for (size_t i = 0; i < p->length; i++) {
        uint32_t t = tie[VECTOR(edges)[i]];
        hop[t] = (uint32_t)i;
        p->distance += weighted ? 1.0 / w[t] : 1.0;
    }
    rc = path_relations(p, &g, hop, opt->directed, err);
done:
    if (vertices_made)
        igraph_vector_int_destroy(&vertices);
    if (edges_made)
        igraph_vector_int_destroy(&edges);
    view_free(&iv);
    handlers_restore(saved);
    free(hop);
    free(tie);
    amask_free(&m);
    agraph_free(&g);
    if (rc != TKG_OK) {
        tkg_path_free(p);
        p = NULL;
    }
    *out = p;
    return rc;
}
