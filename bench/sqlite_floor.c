/* The floors under tkg's reader of a SQLite base, for bench/sqlite.sh: how much CPU a whole
 * read of BASE costs in SQLite alone, with the statements of src/lib/read_sqlite.c and
 * src/lib/read_sqlite_rows.c (the same SQL, the same connection settings, one read
 * transaction) and nothing after them.
 *
 *   rows      steps through every row a whole read visits (ontology kinds, sources,
 *             entities, names, attributes, relations, citations), fetching nothing;
 *   columns   the same, fetching from each row, with the typed accessor the reader uses,
 *             exactly the columns the reader fetches from a valid row (a relation's id only
 *             when own_id is 1, an entity's label and bounds only when it is not implicit),
 *             and storing nothing.
 *
 * Nothing here builds a graph: the difference between `columns` and `tkg stats BASE` is the
 * store's share, and `rows` is what stepping through SQLite's row API costs at least.
 * Prints "MODE ROWS rows COLUMNS columns fetched"; exits 1 when BASE cannot be read.
 * Usage: sqlite_floor rows|columns BASE */
#include <sqlite3.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct floor_ctx {
    sqlite3 *db;
    bool fetch;
    unsigned long rows, columns;
    uint64_t sum; /* of what was fetched, printed so that the fetches are not optimized away */
} floor_ctx;

static void get_int(floor_ctx *f, sqlite3_stmt *st, int i)
{
    f->sum += (uint64_t)sqlite3_column_int64(st, i);
    f->columns++;
}

static void get_text(floor_ctx *f, sqlite3_stmt *st, int i)
{
    const unsigned char *p = sqlite3_column_text(st, i);
    if (p)
        f->sum += (uint64_t)sqlite3_column_bytes(st, i) + p[0];
    f->columns++;
}

/* A nullable integer: tested for NULL (sqlite3_column_type), then read. */
static void get_nullable(floor_ctx *f, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) != SQLITE_NULL)
        f->sum += (uint64_t)sqlite3_column_int64(st, i);
    f->columns++;
}

/* The columns the reader fetches from a row of each statement (read_sqlite*.c). */
enum { KINDS_E, KINDS_R, SOURCES, ENTITIES, NAMES, ENTITY_ATTRS, RELATIONS, CITATIONS };

static const char *const statements[] = {
    "SELECT rowid, name FROM entity_kinds ORDER BY rowid",
    "SELECT rowid, name, implicit FROM relation_kinds ORDER BY rowid",
    "SELECT row, id, title, publisher, date, url, lang FROM sources ORDER BY row",
    "SELECT e.row, e.id, e.kind, e.label, e.external_id, e.start_raw, e.end_raw, e.implicit "
    "FROM entities e ORDER BY e.row",
    "SELECT rowid, entity, lang, text, alias FROM names ORDER BY rowid",
    "SELECT rowid, entity, key, type, value FROM attributes WHERE relation IS NULL ORDER BY "
    "rowid",
    "SELECT r.row, r.id, r.kind, r.from_entity, r.to_entity, r.start_raw, r.end_raw, r.own_id "
    "FROM relations r ORDER BY r.row",
    "SELECT rowid, entity, relation, source, quote, line FROM citations ORDER BY rowid"};

/* The relations' attributes, stepped along with the relations as the reader does. */
static const char relation_attrs[] = "SELECT rowid, relation, key, type, value FROM attributes "
                                     "WHERE relation IS NOT NULL ORDER BY relation, rowid";

static void fetch(floor_ctx *f, int which, sqlite3_stmt *st)
{
    switch (which) {
    case KINDS_E:
        get_int(f, st, 0);
        get_text(f, st, 1);
        break;
    case KINDS_R:
        get_int(f, st, 0);
        get_text(f, st, 1);
        get_int(f, st, 2);
        break;
    case SOURCES:
        get_int(f, st, 0);
        for (int i = 1; i <= 6; i++)
            get_text(f, st, i);
        break;
    case ENTITIES: {
        get_int(f, st, 0);
        get_text(f, st, 1); /* id */
        get_text(f, st, 4); /* external_id */
        bool implicit = sqlite3_column_int64(st, 7) == 1;
        f->columns++;
        get_text(f, st, 2); /* kind */
        if (!implicit) {
            get_text(f, st, 3); /* label */
            get_text(f, st, 5); /* start_raw */
            get_text(f, st, 6); /* end_raw */
        }
        break;
    }
    case NAMES:
        get_int(f, st, 0);
        get_nullable(f, st, 1);
        get_text(f, st, 2);
        get_text(f, st, 3);
        get_int(f, st, 4);
        break;
    case ENTITY_ATTRS:
        get_nullable(f, st, 1);
        get_int(f, st, 0);
        get_text(f, st, 3);
        get_text(f, st, 2);
        get_text(f, st, 4);
        break;
    case RELATIONS: {
        get_int(f, st, 0);  /* row */
        get_text(f, st, 2); /* kind */
        get_int(f, st, 3);  /* from_entity */
        get_int(f, st, 4);  /* to_entity */
        get_text(f, st, 5); /* start_raw */
        get_text(f, st, 6); /* end_raw */
        bool own = sqlite3_column_int64(st, 7) == 1;
        f->columns++;
        if (own)
            get_text(f, st, 1); /* id */
        break;
    }
    case CITATIONS:
        get_int(f, st, 0);
        f->sum += sqlite3_column_type(st, 2) == SQLITE_NULL; /* the owner: entity or relation */
        f->sum += sqlite3_column_type(st, 1) == SQLITE_NULL;
        get_int(f, st, sqlite3_column_type(st, 2) == SQLITE_NULL ? 1 : 2);
        f->columns++;           /* (the other owner column, tested for NULL) */
        get_int(f, st, 3);      /* source */
        get_nullable(f, st, 5); /* line */
        get_text(f, st, 4);     /* quote */
        break;
    }
}

static int fail(floor_ctx *f, const char *path)
{
    fprintf(stderr, "sqlite_floor: %s: %s\n", path, sqlite3_errmsg(f->db));
    return 1;
}

/* Steps through `sql`'s rows (and, for the relations, through their attributes). */
static int step_all(floor_ctx *f, int which, const char *path)
{
    sqlite3_stmt *st = NULL, *attrs = NULL;
    int rc = sqlite3_prepare_v2(f->db, statements[which], -1, &st, NULL);
    if (rc == SQLITE_OK && which == RELATIONS)
        rc = sqlite3_prepare_v2(f->db, relation_attrs, -1, &attrs, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            f->rows++;
            if (f->fetch)
                fetch(f, which, st);
        }
        if (rc == SQLITE_DONE && attrs) {
            while ((rc = sqlite3_step(attrs)) == SQLITE_ROW) {
                f->rows++;
                if (f->fetch) {
                    get_int(f, attrs, 1);
                    get_int(f, attrs, 0);
                    get_text(f, attrs, 3);
                    get_text(f, attrs, 2);
                    get_text(f, attrs, 4);
                }
            }
        }
    }
    int result = rc == SQLITE_DONE ? 0 : fail(f, path);
    sqlite3_finalize(st);
    sqlite3_finalize(attrs);
    return result;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "rows") != 0 && strcmp(argv[1], "columns") != 0)) {
        fprintf(stderr, "usage: sqlite_floor rows|columns BASE\n");
        return 2;
    }
    floor_ctx f = {.fetch = strcmp(argv[1], "columns") == 0};
    /* As sqlite_base_open: read-only, no mutex, the file mapped rather than copied. */
    if (sqlite3_open_v2(argv[2], &f.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        int rc = fail(&f, argv[2]);
        sqlite3_close(f.db);
        return rc;
    }
    sqlite3_exec(f.db, "PRAGMA mmap_size = 1099511627776", NULL, NULL, NULL);
    int rc = sqlite3_exec(f.db, "SAVEPOINT tkg_read", NULL, NULL, NULL) == SQLITE_OK
                 ? 0
                 : fail(&f, argv[2]);
    for (int which = KINDS_E; rc == 0 && which <= CITATIONS; which++)
        rc = step_all(&f, which, argv[2]);
    sqlite3_exec(f.db, "RELEASE tkg_read", NULL, NULL, NULL);
    sqlite3_close(f.db);
    if (rc == 0)
        printf("%s %lu rows %lu columns fetched (sum %llu)\n", argv[1], f.rows, f.columns,
               (unsigned long long)f.sum);
    return rc;
}
