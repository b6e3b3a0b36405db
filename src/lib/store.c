/* The typed temporal store: rows, lookups, merging of inputs, and the checks that run once
 * all inputs are read. */
#include "store.h"

#include "vec.h"
#include "xml.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_ERRORS 20u
#define DEFAULT_MAX_INPUT  ((uint64_t)4 << 30)

/* ------------------------------------------------------------ reporting */

bool store_too_many_errors(const tkg_store *s)
{
    return s->errors >= s->opt.max_errors;
}

int store_report_error(tkg_store *s, tkg_error *err, const tkg_error *e)
{
    if (store_too_many_errors(s))
        return TKG_ELIMIT;
    s->errors++;
    tkg_error_keep(err, e);
    if (s->opt.report)
        s->opt.report(s->opt.report_ctx, e);
    if (store_too_many_errors(s)) {
        tkg_error stop;
        tkg_error_format(&stop, TKG_ELIMIT, e->source, 0, 0, "too many errors (%u), stopping",
                         s->opt.max_errors);
        if (s->opt.report)
            s->opt.report(s->opt.report_ctx, &stop);
        return TKG_ELIMIT;
    }
    return e->code;
}

int store_report(tkg_store *s, tkg_error *err, origin at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(s, err, at, fmt, ap);
    va_end(ap);
    return rc;
}

int store_vreport(tkg_store *s, tkg_error *err, origin at, const char *fmt, va_list ap)
{
    tkg_error e = {.code = TKG_EINPUT, .line = (int)at.line, .column = (int)at.column};
    snprintf(e.source, sizeof e.source, "%s", at.file ? store_str(s, at.file) : "<memory>");
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    for (char *p = e.message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return store_report_error(s, err, &e);
}

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

/* -------------------------------------------------------- life cycle */

int tkg_store_new(tkg_store **out, const tkg_store_options *opt, tkg_error *err)
{
    int rc = TKG_OK;
    tkg_ontology *def = NULL;
    tkg_store *s = calloc(1, sizeof *s);
    if (!s) {
        rc = nomem(err);
        goto done;
    }
    s->event_kind = TKG_NO_KIND;
    if (opt)
        s->opt = *opt;
    if (s->opt.max_errors == 0)
        s->opt.max_errors = DEFAULT_MAX_ERRORS;
    if (s->opt.max_input_bytes == 0)
        s->opt.max_input_bytes = DEFAULT_MAX_INPUT;
    if (intern_init(&s->strings) != 0) {
        rc = nomem(err);
        goto done;
    }
    const tkg_ontology *base = s->opt.ontology;
    if (!base) {
        rc = tkg_ontology_default(&def, err);
        if (rc != TKG_OK)
            goto done;
        base = def;
    }
    rc = ontology_clone(&s->ontology, base, err);
    if (rc != TKG_OK)
        goto done;
    s->opt.ontology = s->ontology;
    s->rel_nslots = 1024;
    s->rel_slots = calloc(s->rel_nslots, sizeof *s->rel_slots);
    if (!s->rel_slots)
        rc = nomem(err);
done:
    tkg_ontology_free(def);
    if (rc != TKG_OK) {
        tkg_store_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

static void free_side(side_index *x)
{
    free(x->entity_offset);
    free(x->relation_offset);
}

void tkg_store_free(tkg_store *s)
{
    if (!s)
        return;
    tkg_ontology_free(s->ontology);
    intern_free(&s->strings);
    arena_free(&s->texts);
    xml_schema_free(s->tkg_schema);
    free(s->entities);
    free(s->relations);
    free(s->names);
    free(s->attrs);
    free(s->cites);
    free(s->sources);
    free(s->entity_placed);
    free(s->entity_of_sym);
    free(s->relation_of_sym);
    free(s->source_of_sym);
    free(s->rkind_of_sym);
    free(s->rel_slots);
    free(s->attr_prev);
    free(s->ent_attr);
    free(s->rel_attr);
    free_side(&s->name_idx);
    free_side(&s->attr_idx);
    free_side(&s->cite_idx);
    free(s->adj_offset);
    free(s->adj);
    free(s);
}

const tkg_ontology *tkg_store_ontology(const tkg_store *s)
{
    return s->ontology;
}

unsigned tkg_store_error_count(const tkg_store *s)
{
    return s->errors;
}

/* ------------------------------------------------------------ symbols */

/* Keeps the sym-indexed lookup arrays as long as the symbol table. */
static int grow_sym_maps(tkg_store *s, tkg_error *err)
{
    uint32_t need = s->strings.count;
    if (need <= s->sym_cap)
        return TKG_OK;
    uint32_t cap = s->sym_cap ? s->sym_cap : 1024;
    while (cap < need)
        cap = cap + cap / 2 + 1;
    uint32_t **maps[] = {&s->entity_of_sym, &s->relation_of_sym, &s->source_of_sym,
                         &s->rkind_of_sym};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) {
        uint32_t *p = realloc(*maps[i], (size_t)cap * sizeof *p);
        if (!p)
            return nomem(err);
        memset(p + s->sym_cap, 0, (size_t)(cap - s->sym_cap) * sizeof *p);
        *maps[i] = p;
    }
    s->sym_cap = cap;
    return TKG_OK;
}

sym store_intern(tkg_store *s, const char *text, size_t len, tkg_error *err)
{
    return store_intern_hashed(s, text, len, intern_hash(text, len), err);
}

sym store_intern_hashed(tkg_store *s, const char *text, size_t len, uint32_t hash, tkg_error *err)
{
    sym y = intern_add_hashed(&s->strings, text, len, hash);
    if (y == SYM_NONE || grow_sym_maps(s, err) != TKG_OK) {
        nomem(err);
        return SYM_NONE;
    }
    return y;
}

static const char *origin_file(const tkg_store *s, origin at)
{
    return at.file ? store_str(s, at.file) : "<memory>";
}

/* Says where `first` is, seen from `here`: "line 5" in the same input, else "a.xml:5". */
static void place(const tkg_store *s, origin first, origin here, char *out, size_t size)
{
    if (first.file == here.file)
        snprintf(out, size, "line %u", first.line);
    else
        snprintf(out, size, "%s:%u", origin_file(s, first), first.line);
}

/* ------------------------------------------------------------ sources */

static int new_source(tkg_store *s, uint32_t *out, const source_row *row, tkg_error *err)
{
    if (vec_reserve(&s->sources, &s->source_cap, s->source_count + 1, sizeof *s->sources))
        return nomem(err);
    *out = s->source_count;
    s->sources[s->source_count++] = *row;
    s->source_of_sym[row->id] = *out + 1;
    return TKG_OK;
}

bool store_url_is_web(const char *url)
{
    size_t n = strncasecmp(url, "http://", 7) == 0    ? 7
               : strncasecmp(url, "https://", 8) == 0 ? 8
                                                      : 0;
    return n && url[n] != '\0';
}

int store_add_source(tkg_store *s, uint32_t *out, const source_row *row, tkg_error *err)
{
    /* Sources' URLs become links in diagrams and pages: a javascript: or data: URL there
     * would run when clicked, so only web addresses are taken. */
    if (row->url && !store_url_is_web(store_str(s, row->url)))
        return store_report(s, err, row->where,
                            "source '%s': url '%.80s' is not an http or https address",
                            store_str(s, row->id), store_str(s, row->url));
    uint32_t have = s->source_of_sym[row->id];
    source_row def = *row;
    def.defined = 1;
    if (!have)
        return new_source(s, out, &def, err);
    *out = have - 1;
    source_row *old = &s->sources[*out];
    if (!old->defined) {
        *old = def;
        return TKG_OK;
    }
    if (old->where.file != row->where.file)
        return TKG_OK; /* the same source, named by another input */
    if (row->where.line == 0)
        return store_report(s, err, row->where, "this file is given twice as input");
    return store_report(s, err, row->where, "duplicate source id '%s' (first defined at line %u)",
                        store_str(s, row->id), old->where.line);
}

int store_ref_source(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err)
{
    uint32_t have = s->source_of_sym[id];
    if (have) {
        *out = have - 1;
        return TKG_OK;
    }
    source_row row = {.id = id, .where = at};
    return new_source(s, out, &row, err);
}

/* ------------------------------------------------------------ entities */

static int new_entity(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err)
{
    uint32_t cap = s->entity_cap;
    if (vec_reserve(&s->entities, &s->entity_cap, s->entity_count + 1, sizeof *s->entities))
        return nomem(err);
    if (s->entity_cap != cap) {
        size_t words = ((size_t)cap + 63) / 64, more = ((size_t)s->entity_cap + 63) / 64;
        uint64_t *bits = realloc(s->entity_placed, more * sizeof *bits);
        if (!bits) {
            s->entity_cap = cap; /* (the rows stay, a little larger than recorded) */
            return nomem(err);
        }
        memset(bits + words, 0, (more - words) * sizeof *bits);
        s->entity_placed = bits;
    }
    entity_row *e = &s->entities[s->entity_count];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->label = id;
    e->kind = TKG_NO_KIND;
    e->life = (tkg_interval){TKG_DAY_MIN, TKG_DAY_MAX};
    e->where = at;
    *out = s->entity_count++;
    s->entity_of_sym[id] = *out + 1;
    return TKG_OK;
}

int store_ref_entity(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err)
{
    uint32_t have = s->entity_of_sym[id];
    if (have) {
        *out = have - 1;
        return TKG_OK;
    }
    return new_entity(s, out, id, at, err);
}

int store_implicit_entity(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err)
{
    uint32_t have = s->entity_of_sym[id];
    int rc = TKG_OK;
    if (have) {
        *out = have - 1;
        if (s->entity_placed[*out / 64] >> (*out % 64) & 1)
            return TKG_OK; /* (the common case in bulk input: the row stays unread) */
        entity_row *e = &s->entities[*out];
        if (e->state == ENTITY_REFERENCED) {
            e->state = ENTITY_IMPLICIT;
            e->kind = ontology_root(s->ontology);
        }
    } else {
        rc = new_entity(s, out, id, at, err);
        if (rc != TKG_OK)
            return rc;
        s->entities[*out].state = ENTITY_IMPLICIT;
        s->entities[*out].kind = ontology_root(s->ontology);
    }
    s->entity_placed[*out / 64] |= (uint64_t)1 << (*out % 64);
    return rc;
}

int store_define_entity(tkg_store *s, uint32_t *out, const entity_row *row, tkg_error *err)
{
    uint32_t have = s->entity_of_sym[row->id];
    if (!have) {
        int rc = new_entity(s, out, row->id, row->where, err);
        if (rc != TKG_OK)
            return rc;
        s->entities[*out] = *row;
        s->entities[*out].state = ENTITY_DEFINED;
        return TKG_OK;
    }
    *out = have - 1;
    entity_row *e = &s->entities[*out];
    if (e->state != ENTITY_DEFINED) {
        /* A reference or a bulk placeholder: the definition takes over, keeping the
         * Wikidata id that bulk input gave the placeholder when the definition has none. */
        sym external = e->external;
        *e = *row;
        if (!e->external)
            e->external = external;
        e->state = ENTITY_DEFINED;
        return TKG_OK;
    }
    const tkg_ontology *o = s->ontology;
    if (e->where.file == row->where.file)
        return store_report(s, err, row->where,
                            "duplicate entity id '%s' (first defined at line %u)",
                            store_str(s, row->id), e->where.line);
    if (e->kind != row->kind)
        return store_report(s, err, row->where, "entity '%s' is a '%s' here but a '%s' at %s:%u:%u",
                            store_str(s, row->id), tkg_entity_kind_name(o, row->kind),
                            tkg_entity_kind_name(o, e->kind), origin_file(s, e->where),
                            e->where.line, e->where.column);
    /* The same entity from another input: keep the first label and lifespan, fill gaps. */
    if (!e->external)
        e->external = row->external;
    if (!e->start.raw && !e->end.raw && (row->start.raw || row->end.raw)) {
        e->start = row->start;
        e->end = row->end;
        e->life = row->life;
    }
    return TKG_OK;
}

uint32_t tkg_store_find_entity(const tkg_store *s, const char *id)
{
    sym y = intern_find(&s->strings, id, strlen(id));
    if (y == SYM_NONE || y >= s->sym_cap || !s->entity_of_sym[y])
        return TKG_NO_ENTITY;
    uint32_t e = s->entity_of_sym[y] - 1;
    return s->entities[e].state == ENTITY_REFERENCED ? TKG_NO_ENTITY : e;
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
                            store_str(s, row->id), origin_file(s, first), first.line);
    }
    sym old = s->relations[r].id;
    if (old && old != row->id) {
        char where[300];
        place(s, s->relations[r].where, row->where, where, sizeof where);
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

/* Links the attribute row `a`, just added, into its owner's chain. */
static int chain_attr(tkg_store *s, uint32_t a, tkg_error *err)
{
    if (!s->attr_chains)
        return TKG_OK;
    uint32_t owner = s->attrs[a].owner, row = owner & ~OWNER_RELATION;
    bool rel = owner & OWNER_RELATION;
    int rc = cover(&s->attr_prev, &s->attr_prev_cap, a, err);
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

/* The last attribute row of `owner` + 1 (0: none); chains must be kept. */
static uint32_t last_attr(const tkg_store *s, uint32_t owner)
{
    uint32_t row = owner & ~OWNER_RELATION;
    if (owner & OWNER_RELATION)
        return row < s->rel_attr_cap ? s->rel_attr[row] : 0;
    return row < s->ent_attr_cap ? s->ent_attr[row] : 0;
}

/* The attribute row of `owner` with key `key` (the last added), or NULL. */
static const attr_row *owner_attr(const tkg_store *s, uint32_t owner, sym key)
{
    for (uint32_t a = last_attr(s, owner); a; a = s->attr_prev[a - 1])
        if (s->attrs[a - 1].key == key)
            return &s->attrs[a - 1];
    return NULL;
}

/* True when no attribute of relation `r` has a key of `attrs` with another type or value
 * (with `exactly`: and `r` has no other attribute). */
static bool attrs_agree(const tkg_store *s, uint32_t r, const attr_row *attrs, uint32_t n,
                        bool exactly)
{
    uint32_t count = 0;
    for (uint32_t a = last_attr(s, r | OWNER_RELATION); a; a = s->attr_prev[a - 1], count++) {
        const attr_row *have = &s->attrs[a - 1];
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

/* ------------------------------------------------------------ side rows */

int store_add_name(tkg_store *s, uint32_t owner, sym lang, sym text, bool alias, tkg_error *err)
{
    if (vec_reserve(&s->names, &s->name_cap, s->name_count + 1, sizeof *s->names))
        return nomem(err);
    s->names[s->name_count++] = (name_row){owner, lang, text, alias};
    return TKG_OK;
}

int store_add_attr(tkg_store *s, uint32_t owner, sym key, tkg_attr_type type, sym value,
                   tkg_error *err)
{
    if (vec_reserve(&s->attrs, &s->attr_cap, s->attr_count + 1, sizeof *s->attrs))
        return nomem(err);
    s->attrs[s->attr_count++] = (attr_row){owner, key, value, (uint8_t)type};
    return chain_attr(s, s->attr_count - 1, err);
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
    place(s, first, at, where, sizeof where);
    return store_report(s, err, at,
                        "attribute '%s' is %s '%.40s' here but %s '%.40s' for the same %s%s%s%s "
                        "(%s): an attribute has one value",
                        store_str(s, key), types[type], store_str(s, value), types[have->type],
                        store_str(s, have->value), rel ? "relation" : "entity", rel ? "" : " '",
                        rel ? "" : store_str(s, s->entities[row].id), rel ? "" : "'", where);
}

int store_add_cite(tkg_store *s, uint32_t owner, uint32_t source, const char *quote, size_t len,
                   uint32_t line, tkg_error *err)
{
    const char *copy = quote ? arena_strndup(&s->texts, quote, len) : NULL;
    if ((quote && !copy) ||
        vec_reserve(&s->cites, &s->cite_cap, s->cite_count + 1, sizeof *s->cites))
        return nomem(err);
    s->cites[s->cite_count++] = (cite_row){owner, source, copy, line};
    return TKG_OK;
}

/* ------------------------------------------------------------ dates */

int store_parse_date(tkg_store *s, tkg_date *out, const char *text, size_t len, origin at,
                     tkg_error *err)
{
    tkg_error e;
    e.code = TKG_OK; /* all that tkg_fail reads: no need to clear 500 bytes per date */
    if (tkg_date_parse(out, text, len, &e) == TKG_OK)
        return TKG_OK;
    return store_report(s, err, at, "%s", e.message);
}

int store_interval(tkg_store *s, tkg_interval *out, const tkg_date *start, const tkg_date *end,
                   origin at, tkg_error *err)
{
    tkg_error e;
    e.code = TKG_OK;
    if (tkg_interval_from_bounds(out, start, end, s->opt.policy, &e) == TKG_OK)
        return TKG_OK;
    return store_report(s, err, at, "%s", e.message);
}
