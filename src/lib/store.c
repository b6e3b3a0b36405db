/* The typed temporal store: its life cycle, reporting, symbols, sources, entities, names,
 * citations and dates. Relations and attributes, and how inputs merge them, are in
 * store_relations.c; the checks and indexes that run once all inputs are read in
 * store_finish.c. */
#include "store.h"

#include "vec.h"

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
    free(s->edge_number);
    free(s->attr_prev);
    free(s->date_memo);
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

const char *store_origin_file(const tkg_store *s, origin at)
{
    return at.file ? store_str(s, at.file) : "<memory>";
}

void store_place(const tkg_store *s, origin first, origin here, char *out, size_t size)
{
    if (first.file == here.file)
        snprintf(out, size, "line %u", first.line);
    else
        snprintf(out, size, "%s:%u", store_origin_file(s, first), first.line);
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
                            tkg_entity_kind_name(o, e->kind), store_origin_file(s, e->where),
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

/* ------------------------------------------------------------ side rows */

int store_add_name(tkg_store *s, uint32_t owner, sym lang, sym text, bool alias, tkg_error *err)
{
    if (vec_reserve(&s->names, &s->name_cap, s->name_count + 1, sizeof *s->names))
        return nomem(err);
    s->names[s->name_count++] = (name_row){owner, lang, text, alias};
    return TKG_OK;
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
