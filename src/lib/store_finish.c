/* Ending the load: the checks that need every input (dangling endpoints, domain and range,
 * required dates) and the indexes that queries use (owner runs, adjacency). */
#include "store.h"

#include <stdlib.h>
#include <string.h>

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

/* The defined entity id closest to `id`, for "did you mean" hints; only tried on graphs
 * small enough for a linear scan to be cheap. */
static const char *closest_entity(const tkg_store *s, const char *id)
{
    if (s->entity_count > 100000)
        return NULL;
    const char *best = NULL;
    unsigned best_d = (unsigned)strlen(id) / 3 + 1;
    for (uint32_t i = 0; i < s->entity_count; i++) {
        if (s->entities[i].state == ENTITY_REFERENCED)
            continue;
        const char *cand = store_str(s, s->entities[i].id);
        unsigned d = edit_distance(id, cand, best_d + 1);
        if (d < best_d || (d == best_d && !best)) {
            best = cand;
            best_d = d;
        }
    }
    return best;
}

static int check_entities(tkg_store *s, tkg_error *err)
{
    int rc = TKG_OK;
    for (uint32_t i = 0; i < s->entity_count && !store_too_many_errors(s); i++) {
        const entity_row *e = &s->entities[i];
        if (e->state != ENTITY_REFERENCED)
            continue;
        const char *id = store_str(s, e->id);
        const char *hint = closest_entity(s, id);
        if (hint)
            rc = store_report(s, err, e->where, "unknown entity '%s' (did you mean '%s'?)", id,
                              hint);
        else
            rc = store_report(s, err, e->where, "unknown entity '%s'", id);
    }
    return rc;
}

static int check_sources(tkg_store *s, tkg_error *err)
{
    int rc = TKG_OK;
    for (uint32_t i = 0; i < s->source_count && !store_too_many_errors(s); i++)
        if (!s->sources[i].defined)
            rc = store_report(s, err, s->sources[i].where,
                              "unknown source '%s' (no <source> with this id in any input)",
                              store_str(s, s->sources[i].id));
    return rc;
}

static int check_relations(tkg_store *s, tkg_error *err)
{
    const tkg_ontology *o = s->ontology;
    int rc = TKG_OK;
    for (uint32_t i = 0; i < s->relation_count && !store_too_many_errors(s); i++) {
        const relation_row *r = &s->relations[i];
        const entity_row *from = &s->entities[r->from], *to = &s->entities[r->to];
        const char *kind = tkg_relation_kind_name(o, r->kind);
        uint32_t dom = tkg_relation_kind_domain(o, r->kind);
        uint32_t ran = tkg_relation_kind_range(o, r->kind);
        if (from->state != ENTITY_REFERENCED && !tkg_entity_kind_is_a(o, from->kind, dom))
            rc = store_report(s, err, r->where, "'%s' needs a '%s' as from, but '%s' is a '%s'",
                              kind, tkg_entity_kind_name(o, dom), store_str(s, from->id),
                              tkg_entity_kind_name(o, from->kind));
        else if (to->state != ENTITY_REFERENCED && !tkg_entity_kind_is_a(o, to->kind, ran))
            rc = store_report(s, err, r->where, "'%s' needs a '%s' as to, but '%s' is a '%s'", kind,
                              tkg_entity_kind_name(o, ran), store_str(s, to->id),
                              tkg_entity_kind_name(o, to->kind));
        else if (tkg_relation_kind_dated(o, r->kind) && !r->start.raw && !r->end.raw)
            rc = store_report(s, err, r->where, "'%s' needs a date (start, end or date)", kind);
    }
    return rc;
}

/* Sorts side rows by owner (stable) and records each owner's run. Owners are entity rows,
 * or relation rows with OWNER_RELATION set. */
static int index_side(tkg_store *s, void *rows, uint32_t count, size_t size, size_t owner_at,
                      side_index *out, tkg_error *err)
{
    int rc = TKG_OK;
    uint32_t ne = s->entity_count, nr = s->relation_count;
    uint32_t *counts = calloc((size_t)ne + nr + 2, sizeof *counts);
    unsigned char *sorted = malloc(count ? (size_t)count * size : 1);
    out->entity_offset = calloc((size_t)ne + 1, sizeof *out->entity_offset);
    out->relation_offset = calloc((size_t)nr + 1, sizeof *out->relation_offset);
    if (!counts || !sorted || !out->entity_offset || !out->relation_offset) {
        rc = nomem(err);
        goto done;
    }
    unsigned char *base = rows;
    /* Slot of an owner in one combined numbering: entities first, then relations. */
#define SLOT(owner) (((owner)&OWNER_RELATION) ? ne + ((owner) & ~OWNER_RELATION) : (owner))
    for (uint32_t i = 0; i < count; i++) {
        uint32_t owner;
        memcpy(&owner, base + (size_t)i * size + owner_at, sizeof owner);
        counts[SLOT(owner) + 1]++;
    }
    for (uint32_t i = 1; i <= ne + nr; i++)
        counts[i] += counts[i - 1];
    for (uint32_t i = 0; i <= ne; i++)
        out->entity_offset[i] = counts[i];
    for (uint32_t i = 0; i <= nr; i++)
        out->relation_offset[i] = counts[ne + i];
    for (uint32_t i = 0; i < count; i++) {
        uint32_t owner;
        memcpy(&owner, base + (size_t)i * size + owner_at, sizeof owner);
        memcpy(sorted + (size_t)counts[SLOT(owner)]++ * size, base + (size_t)i * size, size);
    }
#undef SLOT
    if (count)
        memcpy(rows, sorted, (size_t)count * size);
done:
    free(counts);
    free(sorted);
    return rc;
}

/* Adjacency in compressed rows: each entity's out-going relations, then its in-coming ones. */
static int index_adjacency(tkg_store *s, tkg_error *err)
{
    uint32_t ne = s->entity_count, nr = s->relation_count;
    s->adj_offset = calloc((size_t)ne + 1, sizeof *s->adj_offset);
    s->adj = malloc(((size_t)nr * 2 + 1) * sizeof *s->adj);
    uint32_t *fill = calloc((size_t)ne + 1, sizeof *fill);
    int rc = TKG_OK;
    if (!s->adj_offset || !s->adj || !fill) {
        rc = nomem(err);
        goto done;
    }
    for (uint32_t r = 0; r < nr; r++) {
        s->adj_offset[s->relations[r].from + 1]++;
        s->adj_offset[s->relations[r].to + 1]++;
    }
    for (uint32_t e = 0; e < ne; e++)
        s->adj_offset[e + 1] += s->adj_offset[e];
    for (uint32_t r = 0; r < nr; r++) {
        uint32_t f = s->relations[r].from;
        s->adj[s->adj_offset[f] + fill[f]++] = r;
    }
    for (uint32_t r = 0; r < nr; r++) {
        uint32_t t = s->relations[r].to;
        s->adj[s->adj_offset[t] + fill[t]++] = r;
    }
done:
    free(fill);
    return rc;
}

int tkg_store_finish(tkg_store *s, tkg_error *err)
{
    if (s->finished)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the store is finished already");
    check_entities(s, err);
    check_sources(s, err);
    check_relations(s, err);
    if (s->errors)
        return tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "invalid input");
    int rc = index_side(s, s->names, s->name_count, sizeof *s->names, offsetof(name_row, owner),
                        &s->name_idx, err);
    if (rc == TKG_OK)
        rc = index_side(s, s->attrs, s->attr_count, sizeof *s->attrs, offsetof(attr_row, owner),
                        &s->attr_idx, err);
    if (rc == TKG_OK)
        rc = index_side(s, s->cites, s->cite_count, sizeof *s->cites, offsetof(cite_row, owner),
                        &s->cite_idx, err);
    if (rc == TKG_OK)
        rc = index_adjacency(s, err);
    if (rc == TKG_OK) {
        /* The dedup table is not needed once loading is over. */
        free(s->rel_slots);
        s->rel_slots = NULL;
        s->rel_nslots = 0;
        s->finished = true;
    }
    return rc;
}
