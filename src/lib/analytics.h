/* Internal interface of the analytics: the graph of a view on plain arrays (analytics_graph.c),
 * and the igraph side that computes on it (analytics.c, the only file including igraph). */
#ifndef TKG_ANALYTICS_H
#define TKG_ANALYTICS_H

#include "tkg.h"

#define NO_INDEX UINT32_MAX

/* The graph of a view before any time mask: candidate vertices, the relations taking part,
 * and their ties merged per ordered pair (arcs) and per unordered pair (edges). */
typedef struct agraph {
    uint32_t nv;         /* candidate vertices */
    uint32_t *ventity;   /* vertex → entity row */
    tkg_interval *vlife; /* vertex → its entity's lifespan */
    uint32_t nr;         /* relations taking part */
    uint32_t *rrow;      /* relation → store row */
    double *rweight;     /* relation → weight (1 when unweighted) */
    tkg_interval *riv;   /* relation → its interval */
    uint32_t *rarc;      /* relation → arc from → to */
    uint32_t *rback;     /* relation → arc to → from for a symmetric kind, else NO_INDEX */
    uint32_t *redge;     /* relation → undirected edge */
    uint32_t narc, nedge;
    uint32_t *arc_from, *arc_to; /* arc → vertices */
    uint32_t *edge_a, *edge_b;   /* edge → vertices */
} agraph;

/** Builds the graph of view `v` under `opt` (kind filter, weights). Free with agraph_free. */
int agraph_build(agraph *out, const tkg_store *s, const tkg_view *v, const tkg_graph_options *opt,
                 tkg_error *err);
void agraph_free(agraph *g);

/* One snapshot of an agraph: which vertices, arcs and edges are present, with summed weights. */
typedef struct amask {
    uint32_t nv;     /* vertices present */
    uint32_t *vmap;  /* vertex → compact id 0..nv-1, or NO_INDEX */
    uint32_t *vlist; /* compact id → vertex */
    uint32_t nrel;   /* relations present */
    double *arc_w;   /* arc → summed weight of present relations; 0 when absent */
    double *edge_w;  /* edge → the same for undirected edges */
} amask;

int amask_init(amask *out, const agraph *g, tkg_error *err);
void amask_free(amask *m);
/** Masks `g` to the relations holding in `snap` (whose endpoints' lifespans also overlap
 *  it); NULL keeps every relation. Present vertices are the endpoints of present relations,
 *  numbered in vertex order. */
void amask_apply(amask *m, const agraph *g, const tkg_snapshot *snap);

/** Labels the connected components of the graph on nodes 0..n-1 with edges (a[i], b[i]),
 *  i < m, ignoring direction: label[v] in 0..k-1, numbered in order of their lowest node.
 *  Returns k, or -1 when out of memory. */
long components(uint32_t *label, uint32_t n, const uint32_t *a, const uint32_t *b, size_t m);

/* A value and where it came from, for sorting. */
typedef struct ranked {
    double value;
    uint32_t index;
} ranked;

/** Competition ranks (1 = highest, ties within a relative 1e-9 share the best rank) of
 *  `value[0..n)` into `rank`; `order` is scratch space of n entries. */
void rank_values(uint32_t *rank, const double *value, ranked *order, size_t n);

struct tkg_centrality {
    size_t nv;        /* entities with a value somewhere */
    uint32_t *entity; /* → entity row */
    size_t nm, nk;    /* measures, snapshots */
    tkg_measure *measures;
    tkg_snapshot *snapshots;
    size_t *relations;                                   /* per snapshot */
    size_t *entities;                                    /* per snapshot */
    double *value;                                       /* [m][k][i], NaN when absent */
    uint32_t *rank;                                      /* [m][k][i], 0 when absent */
    double graph_seconds, measure_seconds, rank_seconds; /* see tkg_centrality_timings */
};

struct tkg_communities {
    size_t nv;
    uint32_t *entity;
    uint32_t *membership;
    size_t count;
    size_t *size;
    double modularity;
};

struct tkg_path {
    size_t length;
    uint32_t *entity; /* length + 1 */
    size_t *offset;   /* length + 1: relations of tie i are relation[offset[i]..offset[i+1]) */
    uint32_t *relation;
    double distance;
};

/** Prints igraph's version (compiled against and running) for `tkg --version`. */
void analytics_versions(FILE *out);

#endif
