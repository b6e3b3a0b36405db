/* Writing the store's rows into a base's tables (docs/sqlite.md) with prepared statements:
 * shared by the writer of a whole base (write_sqlite.c) and `tkg add`, which writes only what
 * its inputs added or changed (add_sqlite.c). Every function does nothing once a statement
 * failed: the first SQLite error stays in `rc`. */
#ifndef TKG_SQLITE_ROWS_H
#define TKG_SQLITE_ROWS_H

#include "store.h"

#include <sqlite3.h>

enum {
    SQ_META,
    SQ_EKIND,
    SQ_RKIND,
    SQ_SOURCE,
    SQ_ENTITY,
    SQ_NAME,
    SQ_RELATION,
    SQ_ATTR,
    SQ_CITE,
    SQ_ENTITY_UPDATE,
    SQ_RELATION_UPDATE,
    SQ_ID_TAKEN,
    SQ_COUNT
};

typedef struct sqlite_rows {
    sqlite3 *db;
    sqlite3_stmt *st[SQ_COUNT];
    int rc; /* the first SQLite error, SQLITE_OK while none */
    /* Set when writing into a base that has relations already (tkg add): a relation without
     * an id of its own whose generated id (`e<row>`) a relation of the base holds, as bases
     * edited by hand may, gets a suffix (`e12_1`, `e12_2`, ...) rather than fail. */
    bool unique_ids;
} sqlite_rows;

/** Prepares the statements on `db` (borrowed); the result is also in d->rc. */
int sqlite_rows_prepare(sqlite_rows *d, sqlite3 *db);

/** Finalizes the statements (not the connection). */
void sqlite_rows_finalize(sqlite_rows *d);

/** Inserts a row of `meta`. */
void sqlite_rows_meta(sqlite_rows *d, const char *key, const char *value);

/** Inserts the ontology's entity kinds (parents first) and relation kinds that the base does
 *  not have yet (by name; a kind it has is left as it is), counting those inserted into
 *  `*entity_kinds` and `*relation_kinds` (each may be NULL). */
void sqlite_rows_ontology(sqlite_rows *d, const tkg_ontology *o, size_t *entity_kinds,
                          size_t *relation_kinds);

/** Inserts source `src` as base row `row`. */
void sqlite_rows_source(sqlite_rows *d, const tkg_store *s, uint32_t src, int64_t row);

/** Inserts entity `e` as base row `row`. */
void sqlite_rows_entity(sqlite_rows *d, const tkg_store *s, uint32_t e, int64_t row);

/** Updates base row `row` (entity `e`, the same id) to what the store has for it: kind,
 *  label, external id, lifespan and implicitness. True when the row changed. */
bool sqlite_rows_entity_update(sqlite_rows *d, const tkg_store *s, uint32_t e, int64_t row);

/** Inserts relation `r` as base row `row` between the base rows `from` and `to`. */
void sqlite_rows_relation(sqlite_rows *d, const tkg_store *s, uint32_t r, int64_t row, int64_t from,
                          int64_t to);

/** Updates base row `row` (relation `r`) to the id (and own_id) and days the store has for it. True
 * when the row changed. */
bool sqlite_rows_relation_update(sqlite_rows *d, const tkg_store *s, uint32_t r, int64_t row);

/** Inserts name k of entity `e` (base row `row`). */
void sqlite_rows_name(sqlite_rows *d, const tkg_store *s, uint32_t e, size_t k, int64_t row);

/** Inserts an attribute of the entity of base row `entity`, or (`entity` 0) of the relation of
 *  base row `relation`. */
void sqlite_rows_attr(sqlite_rows *d, tkg_attr a, int64_t entity, int64_t relation);

/** Inserts a citation of the source of base row `source`, owned as sqlite_rows_attr's
 *  attribute is. */
void sqlite_rows_citation(sqlite_rows *d, tkg_citation c, int64_t source, int64_t entity,
                          int64_t relation);

#endif
