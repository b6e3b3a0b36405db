/* Relations in the store: their identity (kind, endpoints, interval), how a relation read
 * again merges with the one already there (also by its attributes, for GraphML and CSV),
 * relation kinds, and attributes, whose per-owner chains that merging reads. */
#include "store.h"

#include "vec.h"

#include <stdlib.h>
#include <string.h>

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ------------------------------------------------------------ relations */

/* A relation's identity is (kind, from, to, interval); for a symmetric kind the endpoints
 * are unordered, so `allied_with(a, b)` and `allied_with(b, a)` are one relation. */
static void endpoints(const tkg_store *s, const relation_row *r, uint32_t *lo, uint32_t *hi)
{
    *lo = r->from;
    *hi = r->to;
    if (*lo > *hi && tkg_relation_kind_symmetric(s->ontology, r->kind)) {
        *lo = r->to;
        *hi = r->from;
    }
}

uint32_t store_relation_hash(const tkg_store *s, const relation_row *r)
{
    uint32_t key[5] = {r->kind, 0, 0, (uint32_t)r->iv.start, (uint32_t)r->iv.end_excl};
    endpoints(s, r, &key[1], &key[2]);
    return intern_hash(key, sizeof key);
}

void store_relation_prefetch(const tkg_store *s, const relation_row *row)
{
    if (s->rel_nslots)
        __builtin_prefetch(&s->rel_slots[store_relation_hash(s, row) & (s->rel_nslots - 1)]);
}

static bool same_relation(const tkg_store *s, const relation_row *a, const relation_row *b)
{
    uint32_t alo, ahi, blo, bhi;
    endpoints(s, a, &alo, &ahi);
    endpoints(s, b, &blo, &bhi);
    return a->kind == b->kind && alo == blo && ahi == bhi && a->iv.start == b->iv.start &&
           a->iv.end_excl == b->iv.end_excl;
}

static uint32_t relation_slot(const tkg_store *s, const relation_row *r, uint32_t h)
{
    uint32_t mask = s->rel_nslots - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t slot = s->rel_slots[i];
        if (slot == 0)
            return i;
        if ((uint32_t)(slot >> 32) == h && same_relation(s, &s->relations[(uint32_t)slot - 1], r))
            return i;
    }
}

/* Moves the relation table to `n` slots (a power of two, at least twice the relations). */
static int resize_relation_slots(tkg_store *s, uint32_t n, tkg_error *err)
{
    uint64_t *slots = mem_table((size_t)n * sizeof *slots);
    if (!slots)
        return nomem(err);
    for (uint32_t i = 0; i < s->rel_nslots; i++) {
        if (!s->rel_slots[i])
            continue;
        uint32_t j = (uint32_t)(s->rel_slots[i] >> 32) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = s->rel_slots[i];
    }
    free(s->rel_slots);
    s->rel_slots = slots;
    s->rel_nslots = n;
    return TKG_OK;
}

int store_add_relation(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                       tkg_error *err)
{
    return store_add_relation_hashed(s, out, merged, row, store_relation_hash(s, row), err);
}

/* Appends `row` as a new relation filed in slot `slot` under hash `h`. */
static int insert_relation(tkg_store *s, uint32_t *out, const relation_row *row, uint32_t h,
                           uint32_t slot, tkg_error *err)
{
    if ((s->relation_count + 1) * 2 > s->rel_nslots) {
        int rc = resize_relation_slots(s, s->rel_nslots * 2, err);
        if (rc != TKG_OK)
            return rc;
        uint32_t mask = s->rel_nslots - 1;
        for (slot = h & mask; s->rel_slots[slot]; slot = (slot + 1) & mask)
            ;
    }
    if (vec_reserve(&s->relations, &s->relation_cap, s->relation_count + 1, sizeof *s->relations))
        return nomem(err);
    *out = s->relation_count++;
    s->relations[*out] = *row;
    s->relations[*out].id = SYM_NONE;
    s->rel_slots[slot] = (uint64_t)h << 32 | (*out + 1);
    return TKG_OK;
}

/* Gives relation `r`, just added or merged into from `row`, the id `row` has, if any. */
static int claim_id(tkg_store *s, uint32_t r, const relation_row *row, tkg_error *err)
{
    if (!row->id)
        return TKG_OK;
    uint32_t have = s->relation_of_sym[row->id];
    if (have && have - 1 != r) {
        origin first = s->relations[have - 1].where;
        return store_report(s, err, row->where, "duplicate relation id '%s' (first used at %s:%u)",
                            store_str(s, row->id), store_origin_file(s, first), first.line);
    }
    sym old = s->relations[r].id;
    if (old && old != row->id) {
        char where[300];
        store_place(s, s->relations[r].where, row->where, where, sizeof where);
        return store_report(s, err, row->where,
                            "relation '%s' states the same fact as relation '%s' (%s): same "
                            "kind, endpoints and dates; give both the same id, or none",
                            store_str(s, row->id), store_str(s, old), where);
    }
    if (!old) {
        s->relations[r].id = row->id;
        s->relation_of_sym[row->id] = r + 1;
    }
    return TKG_OK;
}

int store_add_relation_hashed(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                              uint32_t h, tkg_error *err)
{
    uint32_t slot = relation_slot(s, row, h);
    *merged = s->rel_slots[slot] != 0;
    int rc = TKG_OK;
    if (*merged)
        *out = (uint32_t)s->rel_slots[slot] - 1;
    else
        rc = insert_relation(s, out, row, h, slot, err);
    return rc == TKG_OK ? claim_id(s, *out, row, err) : rc;
}

/* ---- merging records by their attributes */

/* Starts keeping each owner's attributes in chains (once, from the rows so far). */
static int start_attr_chains(tkg_store *s, tkg_error *err)
{
    if (s->attr_chains)
        return TKG_OK;
    uint32_t na = s->attr_cap ? s->attr_cap : 1, ne = s->entity_cap ? s->entity_cap : 1;
    uint32_t nr = s->relation_cap ? s->relation_cap : 1;
    uint32_t *prev = calloc(na, sizeof *prev), *ent = calloc(ne, sizeof *ent);
    uint32_t *rel = calloc(nr, sizeof *rel);
    if (!prev || !ent || !rel) {
        free(prev);
        free(ent);
        free(rel);
        return nomem(err);
    }
    for (uint32_t a = 0; a < s->attr_count; a++) {
        uint32_t owner = s->attrs[a].owner;
        uint32_t *head = owner & OWNER_RELATION ? &rel[owner & ~OWNER_RELATION] : &ent[owner];
        prev[a] = *head;
        *head = a + 1;
    }
    s->attr_prev = prev;
    s->ent_attr = ent;
    s->rel_attr = rel;
    s->attr_prev_cap = na;
    s->ent_attr_cap = ne;
    s->rel_attr_cap = nr;
    s->attr_chains = true;
    return TKG_OK;
}

/* Makes `*array` (of `*cap` entries) hold index `i`, zeroing what it adds. */
static int cover(uint32_t **array, uint32_t *cap, uint32_t i, tkg_error *err)
{
    uint32_t old = *cap;
    if (i < old)
        return TKG_OK;
    if (vec_reserve(array, cap, (size_t)i + 1, sizeof **array))
        return nomem(err);
    memset(*array + old, 0, (size_t)(*cap - old) * sizeof **array);
    return TKG_OK;
}

/* Appends attribute row `a` for `owner` (its own owner field is not read), without
 * chaining it. */
static int append_attr(tkg_store *s, uint32_t owner, const attr_row *a, tkg_error *err)
{
    if (vec_reserve(&s->attrs, &s->attr_cap, s->attr_count + 1, sizeof *s->attrs))
        return nomem(err);
    s->attrs[s->attr_count++] = (attr_row){owner, a->key, a->value, a->type};
    return TKG_OK;
}

/* A relation added first of its identity by store_add_relation_attrs keeps no chain: its
 * attributes are the rows added with it, one run from row h - 1 on (h = its rel_attr entry
 * without this bit) for as long as the rows are its own; the chain is made when the
 * relation gets another attribute. */
#define ATTR_RUN 0x80000000u

/* Turns the run of relation `row` (if it has one) into a chain, stopping at row `end`. */
static int chain_run(tkg_store *s, uint32_t row, uint32_t end, tkg_error *err)
{
    if (row >= s->rel_attr_cap || !(s->rel_attr[row] & ATTR_RUN))
        return TKG_OK;
    uint32_t owner = row | OWNER_RELATION, a = (s->rel_attr[row] & ~ATTR_RUN) - 1;
    s->rel_attr[row] = 0;
    for (; a < end && s->attrs[a].owner == owner; a++) {
        if (cover(&s->attr_prev, &s->attr_prev_cap, a, err) != TKG_OK)
            return TKG_ENOMEM;
        s->attr_prev[a] = s->rel_attr[row];
        s->rel_attr[row] = a + 1;
    }
    return TKG_OK;
}

/* Links the attribute row `a`, just added, into its owner's chain. */
static int chain_attr(tkg_store *s, uint32_t a, tkg_error *err)
{
    if (!s->attr_chains)
        return TKG_OK;
    uint32_t owner = s->attrs[a].owner, row = owner & ~OWNER_RELATION;
    bool rel = owner & OWNER_RELATION;
    int rc = rel ? chain_run(s, row, a, err) : TKG_OK;
    if (rc == TKG_OK)
        rc = cover(&s->attr_prev, &s->attr_prev_cap, a, err);
    if (rc == TKG_OK)
        rc = rel ? cover(&s->rel_attr, &s->rel_attr_cap, row, err)
                 : cover(&s->ent_attr, &s->ent_attr_cap, row, err);
    if (rc != TKG_OK)
        return rc;
    uint32_t *head = rel ? &s->rel_attr[row] : &s->ent_attr[row];
    s->attr_prev[a] = *head;
    *head = a + 1;
    return TKG_OK;
}

/* The entry of `owner` in ent_attr or rel_attr (0: none); chains must be kept. */
static uint32_t last_attr(const tkg_store *s, uint32_t owner)
{
    uint32_t row = owner & ~OWNER_RELATION;
    if (owner & OWNER_RELATION)
        return row < s->rel_attr_cap ? s->rel_attr[row] : 0;
    return row < s->ent_attr_cap ? s->ent_attr[row] : 0;
}

/* A walk over the attribute rows of one owner: `a` is the current row + 1 (0: done). */
typedef struct attr_walk {
    uint32_t owner, a;
    bool run;
} attr_walk;

static attr_walk walk_start(const tkg_store *s, uint32_t owner)
{
    uint32_t h = last_attr(s, owner);
    return (attr_walk){owner, h & ~ATTR_RUN, (h & ATTR_RUN) != 0};
}

static void walk_next(const tkg_store *s, attr_walk *w)
{
    if (!w->run)
        w->a = s->attr_prev[w->a - 1];
    else
        w->a = w->a < s->attr_count && s->attrs[w->a].owner == w->owner ? w->a + 1 : 0;
}

/* The attribute row of `owner` with key `key` (the last added), or NULL. */
static const attr_row *owner_attr(const tkg_store *s, uint32_t owner, sym key)
{
    for (attr_walk w = walk_start(s, owner); w.a; walk_next(s, &w))
        if (s->attrs[w.a - 1].key == key)
            return &s->attrs[w.a - 1];
    return NULL;
}

/* True when no attribute of relation `r` has a key of `attrs` with another type or value
 * (with `exactly`: and `r` has no other attribute). */
static bool attrs_agree(const tkg_store *s, uint32_t r, const attr_row *attrs, uint32_t n,
                        bool exactly)
{
    uint32_t count = 0;
    for (attr_walk w = walk_start(s, r | OWNER_RELATION); w.a; walk_next(s, &w), count++) {
        const attr_row *have = &s->attrs[w.a - 1];
        bool found = false;
        for (uint32_t i = 0; i < n && !found; i++) {
            if (attrs[i].key != have->key)
                continue;
            if (attrs[i].type != have->type || attrs[i].value != have->value)
                return false;
            found = true;
        }
        if (exactly && !found)
            return false;
    }
    return !exactly || count == n;
}

/* The hash a record's relation is filed under when it is not its identity's first: the
 * identity's hash `h` mixed with the attributes' (whatever their order), never `h` itself. */
static uint32_t attrs_hash(uint32_t h, const attr_row *attrs, uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key[3] = {attrs[i].key, attrs[i].value, attrs[i].type};
        sum += intern_hash(key, sizeof key);
    }
    return h ^ (sum * 0x9e3779b1u | 1u);
}

/* The relation with the identity of `row` filed under hash `h` (the first, or with
 * `exactly` the one whose attributes are `attrs`), and the first free slot of its probe
 * sequence in `*free_slot`; UINT32_MAX when there is none. */
static uint32_t find_filed(const tkg_store *s, const relation_row *row, uint32_t h,
                           const attr_row *attrs, uint32_t n, bool exactly, uint32_t *free_slot)
{
    uint32_t mask = s->rel_nslots - 1, i;
    for (i = h & mask; s->rel_slots[i]; i = (i + 1) & mask) {
        uint64_t slot = s->rel_slots[i];
        uint32_t r = (uint32_t)slot - 1;
        if ((uint32_t)(slot >> 32) == h && same_relation(s, &s->relations[r], row) &&
            (!exactly || attrs_agree(s, r, attrs, n, true)))
            return r;
    }
    *free_slot = i;
    return UINT32_MAX;
}

int store_add_relation_attrs(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                             const attr_row *attrs, uint32_t n, tkg_error *err)
{
    int rc = start_attr_chains(s, err);
    if (rc != TKG_OK)
        return rc;
    /* The first relation of an identity (from any input) is filed under the identity's
     * hash, where every input finds it; a record whose attributes conflict with it is filed
     * under a hash of its attributes too, where records with the very same attributes find
     * it. Both lookups take constant time, however many parallel edges an identity has. */
    uint32_t h = store_relation_hash(s, row), free_slot, hx = attrs_hash(h, attrs, n);
    uint32_t r = find_filed(s, row, h, attrs, n, false, &free_slot);
    *merged = r != UINT32_MAX && attrs_agree(s, r, attrs, n, false);
    bool first = r == UINT32_MAX;
    if (!*merged && !first) {
        r = find_filed(s, row, hx, attrs, n, true, &free_slot);
        *merged = r != UINT32_MAX;
    }
    if (*merged)
        *out = r;
    else
        rc = insert_relation(s, out, row, first ? h : hx, free_slot, err);
    if (rc == TKG_OK)
        rc = claim_id(s, *out, row, err);
    if (rc == TKG_OK && !*merged && n && s->attr_count + 1 < ATTR_RUN) {
        /* A new relation: its attributes are one run of rows, no chain (ATTR_RUN). */
        uint32_t run = s->attr_count;
        rc = cover(&s->rel_attr, &s->rel_attr_cap, *out, err);
        for (uint32_t k = 0; k < n && rc == TKG_OK; k++)
            rc = append_attr(s, *out | OWNER_RELATION, &attrs[k], err);
        if (rc == TKG_OK)
            s->rel_attr[*out] = (run + 1) | ATTR_RUN;
        return rc;
    }
    for (uint32_t k = 0; k < n && rc == TKG_OK; k++)
        if (!*merged || !owner_attr(s, *out | OWNER_RELATION, attrs[k].key))
            rc = store_add_attr(s, *out | OWNER_RELATION, attrs[k].key,
                                (tkg_attr_type)attrs[k].type, attrs[k].value, err);
    return rc;
}

/* Grows an array of `count` rows of `size` bytes to `need` rows at once, as mem_rows. */
static int reserve_exactly(void *data, uint32_t *cap, uint32_t count, size_t need, size_t size)
{
    void **p = (void **)data;
    if (need <= *cap)
        return 0;
    if (need > UINT32_MAX || need > SIZE_MAX / size)
        return -1;
    void *rows = mem_rows(need * size);
    if (!rows)
        return -1;
    if (count)
        memcpy(rows, *p, (size_t)count * size);
    free(*p);
    *p = rows;
    *cap = (uint32_t)need;
    return 0;
}

/* The relation table is sized ahead up to this many slots (32 MiB); past that it grows as
 * relations come, since it is cleared whole and an estimate may be far too large. */
#define RESERVED_SLOTS_MAX ((uint32_t)1 << 22)

void store_reserve(tkg_store *s, uint32_t relations)
{
    size_t need = (size_t)s->relation_count + relations;
    /* Rows are not cleared: what the estimate has too many costs address space only. */
    reserve_exactly(&s->relations, &s->relation_cap, s->relation_count, need, sizeof *s->relations);
    reserve_exactly(&s->cites, &s->cite_cap, s->cite_count, (size_t)s->cite_count + relations,
                    sizeof *s->cites);
    uint32_t n = s->rel_nslots;
    while (need * 2 > n && n < RESERVED_SLOTS_MAX)
        n *= 2;
    if (n != s->rel_nslots)
        resize_relation_slots(s, n, NULL);
}

int store_relation_kind(tkg_store *s, uint32_t *out, sym name, bool implicit, tkg_error *err)
{
    uint32_t have = s->rkind_of_sym[name];
    if (have) {
        *out = have - 1;
        return TKG_OK;
    }
    *out = tkg_ontology_relation_kind(s->ontology, store_str(s, name));
    if (*out == TKG_NO_KIND && implicit) {
        const char *text = store_str(s, name);
        int rc = ontology_add_implicit_relation(s->ontology, out, text, strlen(text), err);
        if (rc != TKG_OK)
            return rc;
    }
    if (*out != TKG_NO_KIND)
        s->rkind_of_sym[name] = *out + 1;
    return TKG_OK;
}

int store_add_attr(tkg_store *s, uint32_t owner, sym key, tkg_attr_type type, sym value,
                   tkg_error *err)
{
    attr_row a = {owner, key, value, (uint8_t)type};
    int rc = append_attr(s, owner, &a, err);
    return rc == TKG_OK ? chain_attr(s, s->attr_count - 1, err) : rc;
}

int store_add_attr_merged(tkg_store *s, uint32_t owner, sym key, tkg_attr_type type, sym value,
                          origin at, tkg_error *err)
{
    static const char *const types[] = {"string", "int", "double", "bool", "date"};
    int rc = start_attr_chains(s, err);
    if (rc != TKG_OK)
        return rc;
    const attr_row *have = owner_attr(s, owner, key);
    if (!have)
        return store_add_attr(s, owner, key, type, value, err);
    if (have->type == type && have->value == value)
        return TKG_OK;
    bool rel = owner & OWNER_RELATION;
    uint32_t row = owner & ~OWNER_RELATION;
    origin first = rel ? s->relations[row].where : s->entities[row].where;
    char where[300];
    store_place(s, first, at, where, sizeof where);
    return store_report(s, err, at,
                        "attribute '%s' is %s '%.40s' here but %s '%.40s' for the same %s%s%s%s "
                        "(%s): an attribute has one value",
                        store_str(s, key), types[type], store_str(s, value), types[have->type],
                        store_str(s, have->value), rel ? "relation" : "entity", rel ? "" : " '",
                        rel ? "" : store_str(s, s->entities[row].id), rel ? "" : "'", where);
}
