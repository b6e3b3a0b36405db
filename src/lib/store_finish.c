/* Ending the load: the checks that need every input (dangling endpoints, domain and range,
 * required dates) and the indexes that queries use (owner runs, adjacency). */
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Problems found at the end are reported in document order (input, line, column), not in
 * the order of the checks: the first max_errors of them are kept, sorted, as they are found. */
typedef struct problem {
    origin at;
    char message[256];
} problem;

typedef struct problems {
    problem *first; /* sorted by position; at most `cap` */
    unsigned count, cap;
    unsigned found; /* all problems found, kept or not */
} problems;

/* Inputs are interned when reading starts, so file symbols grow in input order. */
static int compare_origin(origin a, origin b)
{
    if (a.file != b.file)
        return a.file < b.file ? -1 : 1;
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return a.column < b.column ? -1 : a.column > b.column;
}

static void note(problems *ps, origin at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(problems *ps, origin at, const char *fmt, ...)
{
    ps->found++;
    unsigned i = ps->count;
    while (i > 0 && compare_origin(at, ps->first[i - 1].at) < 0)
        i--;
    if (i == ps->cap)
        return; /* later than every kept problem */
    unsigned last = ps->count < ps->cap ? ps->count : ps->cap - 1;
    memmove(&ps->first[i + 1], &ps->first[i], (last - i) * sizeof *ps->first);
    if (ps->count < ps->cap)
        ps->count++;
    ps->first[i].at = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->first[i].message, sizeof ps->first[i].message, fmt, ap);
    va_end(ap);
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

static void check_entities(const tkg_store *s, problems *ps)
{
    for (uint32_t i = 0; i < s->entity_count; i++) {
        const entity_row *e = &s->entities[i];
        if (e->state != ENTITY_REFERENCED)
            continue;
        const char *id = store_str(s, e->id);
        const char *hint = closest_entity(s, id);
        if (hint)
            note(ps, e->where, "unknown entity '%s' (did you mean '%s'?)", id, hint);
        else
            note(ps, e->where, "unknown entity '%s'", id);
    }
}

static void check_sources(const tkg_store *s, problems *ps)
{
    for (uint32_t i = 0; i < s->source_count; i++)
        if (!s->sources[i].defined)
            note(ps, s->sources[i].where,
                 "unknown source '%s' (no <source> with this id in any input)",
                 store_str(s, s->sources[i].id));
}

/* How many relations ahead the loops over all relations start loading their endpoints'
 * rows, which lie anywhere in memory. */
#define PREFETCH_AHEAD 16

/* The end of a domain or range error: how to load such data anyway (tkg_store_options
 * .loose_kinds, which the CLI spells --loose-kinds). */
#define LOOSE_HINT " (use --loose-kinds to load it anyway)"

/* `text` cut to at most 40 bytes at a UTF-8 character boundary, with "…" when cut, in `buf`
 * (48 bytes): so that the hint after it always fits in a message. */
static const char *cut(char *buf, const char *text)
{
    size_t n = strlen(text);
    if (n <= 40)
        return text;
    n = 37;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, text, n);
    memcpy(buf + n, "\xE2\x80\xA6", 4); /* … and the NUL */
    return buf;
}

/* Domain and range problems go to `loose` (warnings) with loose kinds, else to `ps` with a
 * hint. Names are cut (cut()) so that the hint fits in the message. */
static void check_relations(const tkg_store *s, problems *ps, problems *loose)
{
    bool warn = s->opt.loose_kinds;
    problems *kinds = warn ? loose : ps;
    const char *hint = warn ? "" : LOOSE_HINT;
    const tkg_ontology *o = s->ontology;
    for (uint32_t i = 0; i < s->relation_count; i++) {
        if (i + PREFETCH_AHEAD < s->relation_count) { /* the endpoints lie anywhere */
            __builtin_prefetch(&s->entities[s->relations[i + PREFETCH_AHEAD].from]);
            __builtin_prefetch(&s->entities[s->relations[i + PREFETCH_AHEAD].to]);
        }
        const relation_row *r = &s->relations[i];
        const entity_row *from = &s->entities[r->from], *to = &s->entities[r->to];
        const char *kind = tkg_relation_kind_name(o, r->kind);
        uint32_t dom = tkg_relation_kind_domain(o, r->kind);
        uint32_t ran = tkg_relation_kind_range(o, r->kind);
        bool from_ok = from->state == ENTITY_REFERENCED || tkg_entity_kind_is_a(o, from->kind, dom);
        bool to_ok = to->state == ENTITY_REFERENCED || tkg_entity_kind_is_a(o, to->kind, ran);
        char b[4][48];
        if (!from_ok)
            note(kinds, r->where, "'%s' goes from kind '%s', but '%s' is of kind '%s'%s",
                 cut(b[0], kind), cut(b[1], tkg_entity_kind_name(o, dom)),
                 cut(b[2], store_str(s, from->id)), cut(b[3], tkg_entity_kind_name(o, from->kind)),
                 hint);
        if (!to_ok && from_ok) /* one problem per relation */
            note(kinds, r->where, "'%s' goes to kind '%s', but '%s' is of kind '%s'%s",
                 cut(b[0], kind), cut(b[1], tkg_entity_kind_name(o, ran)),
                 cut(b[2], store_str(s, to->id)), cut(b[3], tkg_entity_kind_name(o, to->kind)),
                 hint);
        if (((from_ok && to_ok) || warn) && tkg_relation_kind_dated(o, r->kind) && !r->start.raw &&
            !r->end.raw)
            note(ps, r->where, "'%s' needs a date (start, end or date)", kind);
    }
}

/* Passes the warnings kept (loose kinds) to the store's warn callback, and says how many
 * more there were. */
static void warn_all(const tkg_store *s, const problems *loose)
{
    if (!s->opt.warn)
        return;
    for (unsigned i = 0; i < loose->count; i++) {
        const problem *p = &loose->first[i];
        tkg_error e = {.code = TKG_EINPUT, .line = (int)p->at.line, .column = (int)p->at.column};
        snprintf(e.source, sizeof e.source, "%s",
                 p->at.file ? store_str(s, p->at.file) : "<memory>");
        snprintf(e.message, sizeof e.message, "%s", p->message);
        s->opt.warn(s->opt.warn_ctx, &e);
    }
    if (loose->found > loose->count) {
        tkg_error e = {.code = TKG_EINPUT};
        snprintf(e.message, sizeof e.message,
                 "%u more relations outside their kinds' domain or range (loose kinds)",
                 loose->found - loose->count);
        s->opt.warn(s->opt.warn_ctx, &e);
    }
}

/* Runs the checks that need every input and reports what they find, in document order. */
static int check_all(tkg_store *s, tkg_error *err)
{
    problems ps = {.cap = s->opt.max_errors > s->errors ? s->opt.max_errors - s->errors : 1};
    problems loose = {.cap = s->opt.max_errors};
    ps.first = malloc(ps.cap * sizeof *ps.first);
    loose.first = malloc(loose.cap * sizeof *loose.first);
    if (!ps.first || !loose.first) {
        free(ps.first);
        free(loose.first);
        return nomem(err);
    }
    check_entities(s, &ps);
    check_sources(s, &ps);
    check_relations(s, &ps, &loose);
    warn_all(s, &loose);
    for (unsigned i = 0; i < ps.count && !store_too_many_errors(s); i++)
        store_report(s, err, ps.first[i].at, "%s", ps.first[i].message);
    free(ps.first);
    free(loose.first);
    return ps.found ? TKG_EINPUT : TKG_OK;
}

/* The event whose time relation `r` takes (the event-time rule, docs/format.md): when the
 * relation has no date of its own, its `to` endpoint if that is an event with a lifespan,
 * else its `from` endpoint if that is one; TKG_NO_ENTITY otherwise. */
uint32_t store_relation_event(const tkg_store *s, uint32_t r)
{
    const relation_row *row = &s->relations[r];
    if (s->event_kind == TKG_NO_KIND || row->start.raw || row->end.raw)
        return TKG_NO_ENTITY;
    uint32_t ends[2] = {row->to, row->from};
    for (int i = 0; i < 2; i++) {
        const entity_row *e = &s->entities[ends[i]];
        bool dated = e->life.start != TKG_DAY_MIN || e->life.end_excl != TKG_DAY_MAX;
        if (dated && tkg_entity_kind_is_a(s->ontology, e->kind, s->event_kind))
            return ends[i];
    }
    return TKG_NO_ENTITY;
}

/* Gives every relation that takes an event's time that event's lifespan as its interval,
 * so that views, the timeline, diffs, centrality and every export follow the rule. */
static void apply_event_time(tkg_store *s)
{
    s->event_kind = tkg_ontology_entity_kind(s->ontology, "event");
    if (s->event_kind == TKG_NO_KIND)
        return;
    for (uint32_t r = 0; r < s->relation_count; r++) {
        uint32_t e = store_relation_event(s, r);
        if (e != TKG_NO_ENTITY)
            s->relations[r].iv = s->entities[e].life;
    }
}

/* Sorts side rows by owner (stable: tkg add relies on it to tell an owner's rows read from a
 * base, which come first, from those its inputs added; add_sqlite.c) and records each owner's
 * run. Owners are entity rows,
 * or relation rows with OWNER_RELATION set. Rows usually come in owner order already (each
 * element's children follow it); otherwise they are permuted in place, so that sorting costs
 * 4 bytes per row rather than a second copy of the rows. */
static int index_side(tkg_store *s, void *rows, uint32_t count, size_t size, size_t owner_at,
                      side_index *out, tkg_error *err)
{
    int rc = TKG_OK;
    uint32_t ne = s->entity_count, nr = s->relation_count;
    uint32_t *counts = calloc((size_t)ne + nr + 2, sizeof *counts);
    uint32_t *dest = NULL;
    unsigned char *spare = malloc(size);
    out->entity_offset = calloc((size_t)ne + 1, sizeof *out->entity_offset);
    out->relation_offset = calloc((size_t)nr + 1, sizeof *out->relation_offset);
    if (!counts || !spare || !out->entity_offset || !out->relation_offset) {
        rc = nomem(err);
        goto done;
    }
    unsigned char *base = rows;
    /* Slot of an owner in one combined numbering: entities first, then relations. */
#define SLOT(owner) (((owner)&OWNER_RELATION) ? ne + ((owner) & ~OWNER_RELATION) : (owner))
    bool in_order = true;
    uint32_t previous = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t owner;
        memcpy(&owner, base + (size_t)i * size + owner_at, sizeof owner);
        counts[SLOT(owner) + 1]++;
        in_order = in_order && SLOT(owner) >= previous;
        previous = SLOT(owner);
    }
    for (uint32_t i = 1; i <= ne + nr; i++)
        counts[i] += counts[i - 1];
    for (uint32_t i = 0; i <= ne; i++)
        out->entity_offset[i] = counts[i];
    for (uint32_t i = 0; i <= nr; i++)
        out->relation_offset[i] = counts[ne + i];
    if (in_order)
        goto done;
    dest = malloc((size_t)count * sizeof *dest);
    if (!dest) {
        rc = nomem(err);
        goto done;
    }
    for (uint32_t i = 0; i < count; i++) {
        uint32_t owner;
        memcpy(&owner, base + (size_t)i * size + owner_at, sizeof owner);
        dest[i] = counts[SLOT(owner)]++;
    }
#undef SLOT
    /* Follows each cycle of the permutation: row i belongs at dest[i]. */
    for (uint32_t i = 0; i < count; i++) {
        while (dest[i] != i) {
            uint32_t j = dest[i];
            memcpy(spare, base + (size_t)j * size, size);
            memcpy(base + (size_t)j * size, base + (size_t)i * size, size);
            memcpy(base + (size_t)i * size, spare, size);
            dest[i] = dest[j];
            dest[j] = j;
        }
    }
done:
    free(counts);
    free(dest);
    free(spare);
    return rc;
}

/* Gives back the unused capacity of a row array (`*cap` elements of `size` bytes). */
static void shrink(void *data, uint32_t *cap, uint32_t count, size_t size)
{
    void **p = (void **)data;
    if (count == 0 || count == *cap)
        return;
    void *q = realloc(*p, (size_t)count * size);
    if (q) {
        *p = q;
        *cap = count;
    }
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
        if (r + PREFETCH_AHEAD < nr) {
            __builtin_prefetch(&s->adj_offset[s->relations[r + PREFETCH_AHEAD].from + 1], 1);
            __builtin_prefetch(&s->adj_offset[s->relations[r + PREFETCH_AHEAD].to + 1], 1);
        }
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
    int checked = check_all(s, err);
    if (checked == TKG_ENOMEM)
        return checked;
    if (s->errors)
        return tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "invalid input");
    apply_event_time(s);
    /* The dedup table is not needed once loading is over; the indexes below are built
     * without it, and with the rows' unused capacity given back, to keep the peak low. */
    free(s->rel_slots);
    s->rel_slots = NULL;
    s->rel_nslots = 0;
    shrink(&s->relations, &s->relation_cap, s->relation_count, sizeof *s->relations);
    shrink(&s->cites, &s->cite_cap, s->cite_count, sizeof *s->cites);
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
    if (rc == TKG_OK)
        s->finished = true;
    return rc;
}
