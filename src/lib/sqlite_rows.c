/* Writing the store's rows into a base's tables: the statements and their bindings
 * (sqlite_rows.h). No SQL is built from text: every value is bound to a prepared statement. */
#include "sqlite_rows.h"

#include "write.h"

#include <stdio.h>
#include <string.h>

static const char *const statements[SQ_COUNT] = {
    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
    "INSERT INTO entity_kinds (name, label, parent) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (name) DO NOTHING",
    "INSERT INTO relation_kinds (name, label, domain, range, symmetric, dated, implicit) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (name) DO NOTHING",
    "INSERT INTO sources (row, id, title, publisher, date, url, lang) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7)",
    "INSERT INTO entities (row, id, kind, label, external_id, start_raw, end_raw, first_day, "
    "last_day, start_precision, end_precision, implicit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11, ?12)",
    "INSERT INTO names (entity, lang, text, alias) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO relations (row, id, kind, from_entity, to_entity, start_raw, end_raw, "
    "first_day, last_day, start_precision, end_precision, own_id) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "INSERT INTO attributes (entity, relation, key, type, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO citations (entity, relation, source, quote, line) VALUES (?1, ?2, ?3, ?4, ?5)",
    /* The same parameters as the insert; the row is written only when something differs, so
     * that sqlite3_changes says whether it changed. */
    "UPDATE entities SET kind = ?3, label = ?4, external_id = ?5, start_raw = ?6, end_raw = ?7, "
    "first_day = ?8, last_day = ?9, start_precision = ?10, end_precision = ?11, implicit = ?12 "
    "WHERE row = ?1 AND id = ?2 AND (kind IS NOT ?3 OR label IS NOT ?4 OR external_id IS NOT ?5 "
    "OR start_raw IS NOT ?6 OR end_raw IS NOT ?7 OR first_day IS NOT ?8 OR last_day IS NOT ?9 "
    "OR start_precision IS NOT ?10 OR end_precision IS NOT ?11 OR implicit IS NOT ?12)",
    "UPDATE relations SET id = ?2, first_day = ?3, last_day = ?4, own_id = ?5 "
    "WHERE row = ?1 AND (id IS NOT ?2 OR first_day IS NOT ?3 OR last_day IS NOT ?4 "
    "OR own_id IS NOT ?5)",
    "SELECT 1 FROM relations WHERE id = ?1"};

static const char *const type_names[] = {"string", "int", "double", "bool", "date"};

int sqlite_rows_prepare(sqlite_rows *d, sqlite3 *db)
{
    d->db = db;
    d->rc = SQLITE_OK;
    for (int i = 0; i < SQ_COUNT; i++)
        d->st[i] = NULL;
    for (int i = 0; i < SQ_COUNT && d->rc == SQLITE_OK; i++)
        d->rc = sqlite3_prepare_v2(db, statements[i], -1, &d->st[i], NULL);
    return d->rc;
}

void sqlite_rows_finalize(sqlite_rows *d)
{
    for (int i = 0; i < SQ_COUNT; i++) {
        sqlite3_finalize(d->st[i]);
        d->st[i] = NULL;
    }
}

/* Binds text (NULL: SQL NULL) to parameter i. SQLite does not copy it (a copy is a malloc
 * per value, a tenth of the time of a row): the text must live until the statement is run
 * and its bindings cleared (step). */
static void bind_text(sqlite_rows *d, int s, int i, const char *text)
{
    if (d->rc != SQLITE_OK)
        return;
    d->rc = text ? sqlite3_bind_text(d->st[s], i, text, -1, SQLITE_STATIC)
                 : sqlite3_bind_null(d->st[s], i);
}

static void bind_int(sqlite_rows *d, int s, int i, int64_t v)
{
    if (d->rc == SQLITE_OK)
        d->rc = sqlite3_bind_int64(d->st[s], i, v);
}

static void bind_null(sqlite_rows *d, int s, int i)
{
    if (d->rc == SQLITE_OK)
        d->rc = sqlite3_bind_null(d->st[s], i);
}

/* Runs statement s with what is bound, then clears it for the next row; the rows it changed
 * (0 after an error). */
static int step(sqlite_rows *d, int s)
{
    int changed = 0;
    if (d->rc == SQLITE_OK) {
        int rc = sqlite3_step(d->st[s]);
        d->rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        if (d->rc == SQLITE_OK)
            changed = sqlite3_changes(d->db);
    }
    sqlite3_reset(d->st[s]);
    sqlite3_clear_bindings(d->st[s]);
    return changed;
}

static const char *kind_or_null(const tkg_ontology *o, uint32_t k)
{
    return k == TKG_NO_KIND ? NULL : tkg_entity_kind_name(o, k);
}

void sqlite_rows_meta(sqlite_rows *d, const char *key, const char *value)
{
    bind_text(d, SQ_META, 1, key);
    bind_text(d, SQ_META, 2, value);
    step(d, SQ_META);
}

void sqlite_rows_ontology(sqlite_rows *d, const tkg_ontology *o, size_t *entity_kinds,
                          size_t *relation_kinds)
{
    size_t ne = tkg_ontology_entity_kind_count(o), nr = tkg_ontology_relation_kind_count(o);
    size_t added_e = 0, added_r = 0;
    /* Parents first, as the foreign key checks each row when it is inserted. */
    for (size_t depth = 0, done = 0; done < ne && depth <= ne; depth++)
        for (uint32_t k = 0; k < ne; k++) {
            size_t level = 0;
            for (uint32_t p = tkg_entity_kind_parent(o, k); p != TKG_NO_KIND;
                 p = tkg_entity_kind_parent(o, p))
                level++;
            if (level != depth)
                continue;
            bind_text(d, SQ_EKIND, 1, tkg_entity_kind_name(o, k));
            bind_text(d, SQ_EKIND, 2, tkg_entity_kind_label(o, k));
            bind_text(d, SQ_EKIND, 3, kind_or_null(o, tkg_entity_kind_parent(o, k)));
            added_e += (size_t)step(d, SQ_EKIND);
            done++;
        }
    for (uint32_t k = 0; k < nr; k++) {
        bind_text(d, SQ_RKIND, 1, tkg_relation_kind_name(o, k));
        bind_text(d, SQ_RKIND, 2, tkg_relation_kind_label(o, k));
        bind_text(d, SQ_RKIND, 3, kind_or_null(o, tkg_relation_kind_domain(o, k)));
        bind_text(d, SQ_RKIND, 4, kind_or_null(o, tkg_relation_kind_range(o, k)));
        bind_int(d, SQ_RKIND, 5, tkg_relation_kind_symmetric(o, k));
        bind_int(d, SQ_RKIND, 6, tkg_relation_kind_dated(o, k));
        bind_int(d, SQ_RKIND, 7, tkg_relation_kind_implicit(o, k));
        added_r += (size_t)step(d, SQ_RKIND);
    }
    if (entity_kinds)
        *entity_kinds = added_e;
    if (relation_kinds)
        *relation_kinds = added_r;
}

void sqlite_rows_source(sqlite_rows *d, const tkg_store *s, uint32_t src, int64_t row)
{
    bind_int(d, SQ_SOURCE, 1, row);
    bind_text(d, SQ_SOURCE, 2, tkg_source_id(s, src));
    bind_text(d, SQ_SOURCE, 3, tkg_source_title(s, src));
    bind_text(d, SQ_SOURCE, 4, tkg_source_publisher(s, src));
    bind_text(d, SQ_SOURCE, 5, tkg_source_published(s, src));
    bind_text(d, SQ_SOURCE, 6, tkg_source_url(s, src));
    bind_text(d, SQ_SOURCE, 7, tkg_source_lang(s, src));
    step(d, SQ_SOURCE);
}

/* The dates of an entity or a relation: parameters 6 to 11 of statement st; `first` and `last`
 * (16 bytes each) hold the days until the statement is run. */
static void bind_dates(sqlite_rows *d, int st, tkg_interval iv, tkg_bound start, tkg_bound end,
                       char *first, char *last)
{
    bind_text(d, st, 6, start.raw);
    bind_text(d, st, 7, end.raw);
    bind_text(d, st, 8, first_day_text(iv, first) ? first : NULL);
    bind_text(d, st, 9, last_day_text(iv, last) ? last : NULL);
    bind_text(d, st, 10, start.raw ? precision_name(start.precision) : NULL);
    bind_text(d, st, 11, end.raw ? precision_name(end.precision) : NULL);
}

/* Entity e's columns, for the insert or the update (the same parameters). */
static int put_entity(sqlite_rows *d, int st, const tkg_store *s, uint32_t e, int64_t row)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    char first[16], last[16];
    bind_int(d, st, 1, row);
    bind_text(d, st, 2, tkg_entity_id(s, e));
    bind_text(d, st, 3, tkg_entity_kind_name(o, tkg_entity_kind(s, e)));
    bind_text(d, st, 4, tkg_entity_label(s, e, NULL));
    bind_text(d, st, 5, tkg_entity_external_id(s, e));
    bind_dates(d, st, tkg_entity_lifespan(s, e), tkg_entity_start(s, e), tkg_entity_end(s, e),
               first, last);
    bind_int(d, st, 12, s->entities[e].state == ENTITY_IMPLICIT);
    return step(d, st);
}

void sqlite_rows_entity(sqlite_rows *d, const tkg_store *s, uint32_t e, int64_t row)
{
    put_entity(d, SQ_ENTITY, s, e, row);
}

bool sqlite_rows_entity_update(sqlite_rows *d, const tkg_store *s, uint32_t e, int64_t row)
{
    return put_entity(d, SQ_ENTITY_UPDATE, s, e, row) > 0;
}

/* Relation r's id (tkg_relation_edge_id) into `buf`; false, with SQLITE_NOMEM recorded, when
 * there was no memory to make it. */
static bool edge_id(sqlite_rows *d, char *buf, size_t size, const tkg_store *s, uint32_t r)
{
    if (d->rc != SQLITE_OK)
        return false;
    if (tkg_relation_edge_id(buf, size, s, r) == 0) {
        d->rc = SQLITE_NOMEM;
        return false;
    }
    return true;
}

/* True when a relation of the base has the id `id`. */
static bool id_taken(sqlite_rows *d, const char *id)
{
    bool taken = false;
    bind_text(d, SQ_ID_TAKEN, 1, id);
    if (d->rc == SQLITE_OK) {
        int rc = sqlite3_step(d->st[SQ_ID_TAKEN]);
        taken = rc == SQLITE_ROW;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            d->rc = rc;
    }
    sqlite3_reset(d->st[SQ_ID_TAKEN]);
    sqlite3_clear_bindings(d->st[SQ_ID_TAKEN]);
    return taken;
}

void sqlite_rows_relation(sqlite_rows *d, const tkg_store *s, uint32_t r, int64_t row, int64_t from,
                          int64_t to)
{
    char id[512], first[16], last[16];
    if (!edge_id(d, id, sizeof id - 16, s, r))
        return;
    size_t len = strlen(id);
    for (unsigned k = 1; d->unique_ids && !tkg_relation_id(s, r) && id_taken(d, id); k++)
        snprintf(id + len, sizeof id - len, "_%u", k);
    bind_int(d, SQ_RELATION, 1, row);
    bind_text(d, SQ_RELATION, 2, id);
    bind_text(d, SQ_RELATION, 3,
              tkg_relation_kind_name(tkg_store_ontology(s), tkg_relation_kind(s, r)));
    bind_int(d, SQ_RELATION, 4, from);
    bind_int(d, SQ_RELATION, 5, to);
    bind_dates(d, SQ_RELATION, tkg_relation_interval(s, r), tkg_relation_start(s, r),
               tkg_relation_end(s, r), first, last);
    /* A generated id numbered otherwise than by its row (a base read in part) is written as
     * the relation's own, so that reading this base back gives it again. */
    bind_int(d, SQ_RELATION, 12,
             tkg_relation_id(s, r) != NULL || (r < s->edge_numbers && s->edge_number[r] != r));
    step(d, SQ_RELATION);
}

bool sqlite_rows_relation_update(sqlite_rows *d, const tkg_store *s, uint32_t r, int64_t row)
{
    char id[512], first[16], last[16];
    tkg_interval iv = tkg_relation_interval(s, r);
    if (!edge_id(d, id, sizeof id, s, r))
        return false;
    bind_int(d, SQ_RELATION_UPDATE, 1, row);
    bind_text(d, SQ_RELATION_UPDATE, 2, id);
    bind_text(d, SQ_RELATION_UPDATE, 3, first_day_text(iv, first) ? first : NULL);
    bind_text(d, SQ_RELATION_UPDATE, 4, last_day_text(iv, last) ? last : NULL);
    bind_int(d, SQ_RELATION_UPDATE, 5, tkg_relation_id(s, r) != NULL);
    return step(d, SQ_RELATION_UPDATE) > 0;
}

void sqlite_rows_name(sqlite_rows *d, const tkg_store *s, uint32_t e, size_t k, int64_t row)
{
    tkg_name n = tkg_entity_name(s, e, k);
    bind_int(d, SQ_NAME, 1, row);
    bind_text(d, SQ_NAME, 2, n.lang);
    bind_text(d, SQ_NAME, 3, n.text);
    bind_int(d, SQ_NAME, 4, n.alias);
    step(d, SQ_NAME);
}

void sqlite_rows_attr(sqlite_rows *d, tkg_attr a, int64_t entity, int64_t relation)
{
    if (entity)
        bind_int(d, SQ_ATTR, 1, entity);
    else
        bind_int(d, SQ_ATTR, 2, relation);
    bind_text(d, SQ_ATTR, 3, a.key);
    bind_text(d, SQ_ATTR, 4, type_names[a.type]);
    bind_text(d, SQ_ATTR, 5, a.value);
    step(d, SQ_ATTR);
}

void sqlite_rows_citation(sqlite_rows *d, tkg_citation c, int64_t source, int64_t entity,
                          int64_t relation)
{
    if (entity)
        bind_int(d, SQ_CITE, 1, entity);
    else
        bind_int(d, SQ_CITE, 2, relation);
    bind_int(d, SQ_CITE, 3, source);
    bind_text(d, SQ_CITE, 4, c.quote);
    if (c.line)
        bind_int(d, SQ_CITE, 5, c.line);
    else
        bind_null(d, SQ_CITE, 5);
    step(d, SQ_CITE);
}
