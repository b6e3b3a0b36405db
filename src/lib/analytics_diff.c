/* What changed between two dates: every relation classified as started, ended, changed,
 * unchanged or transient, for `tkg diff` and for diagrams that style relations by change. */
#include "analytics.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* A tie: one relation kind between two entities (in either order for a symmetric kind). */
typedef struct tie {
    uint32_t kind, a, b;
    bool at_from, at_to; /* some relation of the tie holds at the first / second date */
} tie;

typedef struct tie_map {
    tie *ties;
    uint32_t count;
    uint32_t *slot; /* tie index + 1; 0 = empty */
    size_t mask;
} tie_map;

static size_t tie_hash(uint32_t kind, uint32_t a, uint32_t b)
{
    uint64_t h = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15u;
    return (size_t)((h ^ (h >> 29) ^ kind * 0x85EBCA6Bu) >> 7);
}

static uint32_t tie_of(tie_map *m, uint32_t kind, uint32_t a, uint32_t b)
{
    size_t i = tie_hash(kind, a, b) & m->mask;
    while (m->slot[i]) {
        const tie *t = &m->ties[m->slot[i] - 1];
        if (t->kind == kind && t->a == a && t->b == b)
            return m->slot[i] - 1;
        i = (i + 1) & m->mask;
    }
    m->ties[m->count] = (tie){kind, a, b, false, false};
    m->slot[i] = ++m->count;
    return m->count - 1;
}

/* True when relation r and both its endpoints hold on some day of [from, to]. */
static bool holds(const tkg_store *s, uint32_t r, int32_t from, int32_t to)
{
    return from <= to && tkg_interval_overlaps(tkg_relation_interval(s, r), from, to) &&
           tkg_interval_overlaps(tkg_entity_lifespan(s, tkg_relation_from(s, r)), from, to) &&
           tkg_interval_overlaps(tkg_entity_lifespan(s, tkg_relation_to(s, r)), from, to);
}

int tkg_diff_classify(tkg_change *out, const tkg_store *s, const tkg_view *v, int32_t from,
                      int32_t to, tkg_error *err)
{
    if (to < from)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the second date precedes the first");
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t total = tkg_store_relation_count(s), n;
    const uint32_t *rel = tkg_view_relations(v, &n);
    tie_map map = {0};
    uint32_t *tie_index = malloc((n ? n : 1) * sizeof *tie_index);
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    map.ties = malloc((n ? n : 1) * sizeof *map.ties);
    map.slot = calloc(cap, sizeof *map.slot);
    map.mask = cap - 1;
    int rc = TKG_OK;
    if (!tie_index || !map.ties || !map.slot) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < total; r++)
        out[r] = TKG_CHANGE_NONE;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = rel[i], kind = tkg_relation_kind(s, r);
        uint32_t a = tkg_relation_from(s, r), b = tkg_relation_to(s, r);
        if (tkg_relation_kind_symmetric(o, kind) && b < a) {
            uint32_t t = a;
            a = b;
            b = t;
        }
        tie_index[i] = tie_of(&map, kind, a, b);
        map.ties[tie_index[i]].at_from |= holds(s, r, from, from);
        map.ties[tie_index[i]].at_to |= holds(s, r, to, to);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t r = rel[i];
        const tie *t = &map.ties[tie_index[i]];
        bool at_from = holds(s, r, from, from), at_to = holds(s, r, to, to);
        if (at_from && at_to)
            out[r] = TKG_CHANGE_UNCHANGED;
        else if (at_to)
            out[r] = t->at_from ? TKG_CHANGE_CHANGED : TKG_CHANGE_STARTED;
        else if (at_from)
            out[r] = t->at_to ? TKG_CHANGE_CHANGED : TKG_CHANGE_ENDED;
        else if (from < to && holds(s, r, from + 1, to - 1))
            out[r] = TKG_CHANGE_TRANSIENT;
    }
done:
    free(tie_index);
    free(map.ties);
    free(map.slot);
    return rc;
}
