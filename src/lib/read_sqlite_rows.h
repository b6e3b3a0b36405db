/* Reading tkg's SQLite base into a store: the reader's state and helpers shared by
 * read_sqlite.c (opening and checking the base, its kinds and sources, the whole reading) and
 * read_sqlite_rows.c (entities and relations with their names, attributes and citations).
 * Internal to these two files. */
#ifndef TKG_READ_SQLITE_ROWS_H
#define TKG_READ_SQLITE_ROWS_H

#include "day_memo.h"
#include "store.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Base rows of entities, relations or sources and the store rows they became, in ascending
 * base row order (each table is read in row order). */
typedef struct row_map {
    int64_t *row;
    uint32_t *to;
    uint32_t count, row_cap, to_cap;
    bool gaps; /* some row is not its index + 1 */
} row_map;

#define ROW_FAILED (UINT32_MAX - 1)

/* A date written otherwise than in digits, read before. */
#define OTHER_DATES 256
typedef struct other_date {
    sym raw; /* SYM_NONE: empty */
    tkg_date date;
} other_date;

/* A relation kind met, by the first and last bytes and the length of its name. */
#define KIND_MEMO 1024
typedef struct kind_memo {
    sym y;
} kind_memo;

typedef struct base_reader {
    tkg_store *s;
    tkg_error *err;
    sqlite3 *db;
    const char *path;
    sym file;
    bool only;
    int rc; /* the first error that is not about a row (SQLite, memory) */
    row_map ents, rels, srcs;
    uint32_t rel_before; /* the store's relations before this base */
    day_memo days;
    attr_row *attrs; /* the attributes of the relation being read */
    uint32_t attr_count, attr_cap;
    /* The last entity kind looked up (bulk bases repeat it row after row). */
    char kind_text[64];
    size_t kind_len;
    uint32_t kind;
    kind_memo kinds[KIND_MEMO];
    other_date others[OTHER_DATES];
} base_reader;

/* The position of column `column` of base row `row`. */
static inline origin at(const base_reader *r, int64_t row, int column)
{
    uint32_t line = row < 1 ? 0 : row > UINT32_MAX ? UINT32_MAX : (uint32_t)row;
    return (origin){r->file, line, (uint32_t)column};
}

/* A text column: its bytes and length (NULL for SQL NULL). */
typedef struct text {
    const char *p;
    size_t len;
} text;

static inline text col_text(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return (text){p, p ? (size_t)sqlite3_column_bytes(st, i) : 0};
}

/* True when column i of `st` is SQL NULL. */
static inline bool col_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* ---- helpers (read_sqlite.c) */

/** Records SQLite's failure `rc` as the reading's error: a file that is not a base or is
 *  corrupt is a problem of the input, reported through the store like every other. */
int base_read_fail(base_reader *r, int rc);

/** Records running out of memory as the reading's error. */
int base_read_nomem(base_reader *r);

/** Reports a problem of row `row` at its column `column`; `fmt` starts with TABLE.COLUMN. */
int base_read_report(base_reader *r, int64_t row, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The symbol of a text column, SYM_NONE for NULL (and out of memory, recorded). */
sym base_read_sym(base_reader *r, sqlite3_stmt *st, int i);

/** Prepares `sql` on the base (a failure recorded); returns r->rc. */
int base_read_prepare(base_reader *r, sqlite3_stmt **st, const char *sql);

/** Steps `st`: true for a row; false at the end or on an error (recorded in r->rc), and
 *  when too many problems were reported. */
bool base_read_step(base_reader *r, sqlite3_stmt *st);

/** The integer of a one-row query (`*found` false when it gives no row), or SQLite's error. */
int sqlite_base_query_int(sqlite3 *db, const char *sql, int64_t *out, bool *found);

/* ---- rows (read_sqlite_rows.c); each returns r->rc */

/** Notes that base row `row` (ascending from call to call) became store row `to` (ROW_FAILED:
 *  it had a problem, reported). */
int base_read_map_add(base_reader *r, row_map *m, int64_t row, uint32_t to);

/** The store row of base row `row`; UINT32_MAX when it was not read, ROW_FAILED when it was
 *  read but had a problem (reported). */
uint32_t base_read_map_find(const row_map *m, int64_t row);

/** Reads the entities (all, or those in need_entity), in row order. */
int sqlite_base_read_entities(base_reader *r);

/** Reads the names of the entities read. */
int sqlite_base_read_names(base_reader *r);

/** Reads the attributes of the entities read. */
int sqlite_base_read_entity_attrs(base_reader *r);

/** Reads the relations (all, or those in need_relation) with their attributes, in row
 *  order. */
int sqlite_base_read_relations(base_reader *r);

/** Reads the citations of the entities and relations read. */
int sqlite_base_read_citations(base_reader *r);

/** Read in part: numbers the relations read by their rows in the base (their generated ids
 *  are those of a whole reading). */
void sqlite_base_number_edges(base_reader *r);

#endif
