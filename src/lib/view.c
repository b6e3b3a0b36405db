/* Views: the part of a store that holds at a date or in a window, of some kinds, around an
 * entity. A view is two sorted row lists plus membership bitmaps. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

struct tkg_view {
    uint32_t *entities, *relations;
    size_t entity_count, relation_count;
    uint8_t *entity_in, *relation_in; /* one byte per row: kept or not */
};

static bool holds(const tkg_view_options *opt, tkg_interval iv)
{
    if (opt->has_at && !tkg_interval_contains(iv, opt->at))
        return false;
    if (opt->has_window && !tkg_interval_overlaps(iv, opt->from, opt->to))
        return false;
    return true;
}

/* Resolves kind names into a mask over the ontology's kinds (entity kinds with their
 * subkinds); a NULL list keeps everything. */
static int kind_mask(uint8_t **out, const tkg_ontology *o, const char *const *names, size_t n,
                     bool relations, tkg_error *err)
{
    size_t count =
        relations ? tkg_ontology_relation_kind_count(o) : tkg_ontology_entity_kind_count(o);
    uint8_t *mask = calloc(count ? count : 1, 1);
    *out = mask;
    if (!mask)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    if (!names) {
        memset(mask, 1, count);
        return TKG_OK;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t k = relations ? tkg_ontology_relation_kind(o, names[i])
                               : tkg_ontology_entity_kind(o, names[i]);
        if (k == TKG_NO_KIND) {
            char hint[128];
            ontology_suggest(o, relations, names[i], hint, sizeof hint);
            return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown %s kind '%s'%s%s%s",
                            relations ? "relation" : "entity", names[i],
                            hint[0] ? " (did you mean '" : "", hint, hint[0] ? "'?)" : "");
        }
        if (relations) {
            mask[k] = 1;
            continue;
        }
        for (uint32_t j = 0; j < count; j++)
            if (tkg_entity_kind_is_a(o, j, k))
                mask[j] = 1;
    }
    return TKG_OK;
}

/* Keeps only what lies within `depth` hops of `start` along kept relations (either way). */
static int restrict_around(tkg_view *v, const tkg_store *s, uint32_t start, unsigned depth,
                           tkg_error *err)
{
    size_t ne = tkg_store_entity_count(s);
    uint32_t *queue = malloc((ne ? ne : 1) * sizeof *queue);
    unsigned *dist = malloc((ne ? ne : 1) * sizeof *dist);
    if (!queue || !dist) {
        free(queue);
        free(dist);
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < ne; i++)
        dist[i] = UINT32_MAX;
    size_t head = 0, tail = 0;
    if (v->entity_in[start]) {
        dist[start] = 0;
        queue[tail++] = start;
    }
    while (head < tail) {
        uint32_t e = queue[head++];
        if (dist[e] == depth)
            continue;
        size_t n;
        const uint32_t *rel = tkg_entity_relations(s, e, &n);
        for (size_t i = 0; i < n; i++) {
            if (!v->relation_in[rel[i]])
                continue;
            uint32_t other = tkg_relation_from(s, rel[i]) == e ? tkg_relation_to(s, rel[i])
                                                               : tkg_relation_from(s, rel[i]);
            if (dist[other] == UINT32_MAX) {
                dist[other] = dist[e] + 1;
                queue[tail++] = other;
            }
        }
    }
    for (size_t i = 0; i < ne; i++)
        v->entity_in[i] = dist[i] != UINT32_MAX;
    for (size_t r = 0; r < tkg_store_relation_count(s); r++)
        v->relation_in[r] = v->relation_in[r] && v->entity_in[tkg_relation_from(s, r)] &&
                            v->entity_in[tkg_relation_to(s, r)];
    free(queue);
    free(dist);
    return TKG_OK;
}

static int collect(uint32_t **out, size_t *count, const uint8_t *in, size_t n, tkg_error *err)
{
    *count = 0;
    for (size_t i = 0; i < n; i++)
        *count += in[i];
    *out = malloc((*count ? *count : 1) * sizeof **out);
    if (!*out)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (in[i])
            (*out)[k++] = (uint32_t)i;
    return TKG_OK;
}

/* Keeps in `in` (ne entries) only the entity rows listed in `only`. */
static int restrict_to(uint8_t *in, size_t ne, const uint32_t *only, size_t n, tkg_error *err)
{
    uint8_t *listed = calloc(ne ? ne : 1, 1);
    if (!listed)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (only[i] >= ne) {
            free(listed);
            return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "no entity has row %u", only[i]);
        }
        listed[only[i]] = 1;
    }
    for (size_t e = 0; e < ne; e++)
        in[e] &= listed[e];
    free(listed);
    return TKG_OK;
}

int tkg_view_new(tkg_view **out, const tkg_store *s, const tkg_view_options *opt, tkg_error *err)
{
    static const tkg_view_options all = {0};
    if (!opt)
        opt = &all;
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t ne = tkg_store_entity_count(s), nr = tkg_store_relation_count(s);
    uint8_t *ekinds = NULL, *rkinds = NULL;
    int rc = TKG_OK;
    tkg_view *v = calloc(1, sizeof *v);
    if (!v) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    uint32_t center = TKG_NO_ENTITY;
    if (opt->around) {
        center = tkg_store_find_entity(s, opt->around);
        if (center == TKG_NO_ENTITY) {
            rc = tkg_fail(err, TKG_ENOTFOUND, NULL, 0, 0, "unknown entity '%s'", opt->around);
            goto done;
        }
    }
    if (opt->has_window && opt->from > opt->to) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the window ends before it starts");
        goto done;
    }
    if ((rc = kind_mask(&ekinds, o, opt->kinds, opt->kind_count, false, err)) != TKG_OK ||
        (rc = kind_mask(&rkinds, o, opt->relations, opt->relation_count, true, err)) != TKG_OK)
        goto done;
    v->entity_in = calloc(ne ? ne : 1, 1);
    v->relation_in = calloc(nr ? nr : 1, 1);
    if (!v->entity_in || !v->relation_in) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (uint32_t e = 0; e < ne; e++)
        v->entity_in[e] = ekinds[tkg_entity_kind(s, e)] && holds(opt, tkg_entity_lifespan(s, e));
    if (opt->only && (rc = restrict_to(v->entity_in, ne, opt->only, opt->only_count, err)))
        goto done;
    for (uint32_t r = 0; r < nr; r++)
        v->relation_in[r] =
            rkinds[tkg_relation_kind(s, r)] && holds(opt, tkg_relation_interval(s, r)) &&
            v->entity_in[tkg_relation_from(s, r)] && v->entity_in[tkg_relation_to(s, r)];
    if (center != TKG_NO_ENTITY &&
        (rc = restrict_around(v, s, center, opt->depth ? opt->depth : 1, err)) != TKG_OK)
        goto done;
    if ((rc = collect(&v->entities, &v->entity_count, v->entity_in, ne, err)) != TKG_OK)
        goto done;
    rc = collect(&v->relations, &v->relation_count, v->relation_in, nr, err);
done:
    free(ekinds);
    free(rkinds);
    if (rc != TKG_OK) {
        tkg_view_free(v);
        v = NULL;
    }
    *out = v;
    return rc;
}

void tkg_view_free(tkg_view *v)
{
    if (!v)
        return;
    free(v->entities);
    free(v->relations);
    free(v->entity_in);
    free(v->relation_in);
    free(v);
}

const uint32_t *tkg_view_entities(const tkg_view *v, size_t *n)
{
    *n = v->entity_count;
    return v->entities;
}

const uint32_t *tkg_view_relations(const tkg_view *v, size_t *n)
{
    *n = v->relation_count;
    return v->relations;
}

bool tkg_view_has_entity(const tkg_view *v, uint32_t e)
{
    return v->entity_in[e] != 0;
}

bool tkg_view_has_relation(const tkg_view *v, uint32_t r)
{
    return v->relation_in[r] != 0;
}
