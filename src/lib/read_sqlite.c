/* Reading tkg's SQLite base (docs/sqlite.md) into a store, as every other input is read: the
 * ontology's kinds are checked against the store's, then sources, entities (with names,
 * attributes and citations) and relations (with theirs) are added through the store's
 * interface, so that a base merges with other inputs by the same rules.
 *
 * Each table is stepped once in row order through one prepared statement; text comes with
 * its length (sqlite3_column_bytes), dates written in digits are parsed once per distinct text
 * (day_memo.h), and a problem is reported at `PATH:ROW:COL` (the rowid, the column's 1-based
 * place in its table) as `TABLE.COLUMN: message`. The raw bounds are the truth: the derived
 * first_day, last_day and precision columns are not read (tkg validate checks them). This file
 * opens and checks the base and reads its kinds and sources; read_sqlite_rows.c reads the entity
 * and relation rows and their side rows. */
#include "read_sqlite.h"
#include "read_sqlite_rows.h"
#include "select_sqlite.h"

#include "day_memo.h"
#include "ontology.h"
#include "write_sqlite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ opening */

int sqlite_base_fail(tkg_error *err, sqlite3 *db, int rc, const char *path)
{
    int primary = rc & 0xFF;
    const char *why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (primary == SQLITE_NOTADB)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0, "not a SQLite database (%s)", why);
    if (primary == SQLITE_CORRUPT)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0, "the SQLite base is corrupt (%s)", why);
    /* A statement of this reader that does not fit the base: its schema is not tkg's. */
    if (primary == SQLITE_ERROR || primary == SQLITE_SCHEMA || primary == SQLITE_MISMATCH ||
        primary == SQLITE_RANGE)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                        "not a tkg base of version %d: its schema differs (%s)",
                        TKG_DB_FORMAT_VERSION, why);
    if (primary == SQLITE_NOMEM)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return tkg_fail(err, TKG_EIO, path, 0, 0, "SQLite: %s", why);
}

/* The integer of a one-row query (`*found` false when it gives no row), or an error. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out, bool *found)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    *found = false;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *found = true;
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Checks that `db` is a tkg base of a version this tkg reads. */
static int check_format(sqlite3 *db, const char *path, tkg_error *err)
{
    int64_t user_version = 0, version = 0;
    bool found;
    int rc = query_int(db, "PRAGMA user_version", &user_version, &found);
    if (rc != SQLITE_OK)
        return sqlite_base_fail(err, db, rc, path);
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(db, "SELECT key, value FROM meta WHERE key IN ('format', 'version')",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) {
        int code = sqlite3_errcode(db);
        sqlite3_finalize(st);
        if (code == SQLITE_ERROR) /* no such table (or column) */
            return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                            "not a tkg base: a SQLite database without tkg's meta table "
                            "(tkg reads the bases that tkg export -f sqlite writes)");
        return sqlite_base_fail(err, db, rc, path);
    }
    char format[64] = "";
    bool has_version = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *value = (const char *)sqlite3_column_text(st, 1);
        if (key && strcmp(key, "format") == 0)
            snprintf(format, sizeof format, "%s", value ? value : "");
        else if (key && value) {
            char *end;
            version = strtoll(value, &end, 10);
            has_version = *end == '\0' && end != value;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sqlite_base_fail(err, db, rc, path);
    if (strcmp(format, TKG_DB_FORMAT_NAME) != 0)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                        "not a tkg base: meta.format is %s%s%s, expected '%s'",
                        format[0] ? "'" : "", format[0] ? format : "missing", format[0] ? "'" : "",
                        TKG_DB_FORMAT_NAME);
    if (!has_version)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                        "not a tkg base: meta.version is missing or not a number");
    if (version > TKG_DB_FORMAT_VERSION || user_version > TKG_DB_FORMAT_VERSION)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                        "a tkg base of version %lld, newer than this tkg reads (version %d): "
                        "read it with a newer tkg",
                        (long long)(version > user_version ? version : user_version),
                        TKG_DB_FORMAT_VERSION);
    if (version != TKG_DB_FORMAT_VERSION || user_version != TKG_DB_FORMAT_VERSION)
        return tkg_fail(err, TKG_EINPUT, path, 0, 0,
                        "not a tkg base of a known version: meta.version is %lld and "
                        "PRAGMA user_version %lld, expected %d",
                        (long long)version, (long long)user_version, TKG_DB_FORMAT_VERSION);
    return TKG_OK;
}

/* Why SQLite could not open `path`, as every reader says it: a missing file is not found
 * (the system's reason), anything else an I/O error. */
static int cannot_open(tkg_error *err, sqlite3 *db, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tkg_fail_open(err, path, errno);
    close(fd);
    return tkg_fail(err, TKG_EIO, path, 0, 0, "cannot open: %s", sqlite3_errmsg(db));
}

int sqlite_base_open(sqlite3 **out, const char *path, int flags, tkg_error *err)
{
    sqlite3 *db = NULL;
    *out = NULL;
    /* Never create: a missing base is not found, as a missing input of any format. */
    flags &= ~SQLITE_OPEN_CREATE;
    /* The connection is used by one thread at a time: no mutex per call. */
    int rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        rc = (rc & 0xFF) == SQLITE_CANTOPEN ? cannot_open(err, db, path)
                                            : sqlite_base_fail(err, db, rc, path);
        sqlite3_close(db);
        return rc;
    }
    sqlite3_extended_result_codes(db, 1);
    /* A writer (tkg add) holds the file locked for a moment when it puts the base in WAL mode
     * and when it checkpoints on closing, and a second writer waits for the first: wait
     * rather than fail. */
    sqlite3_busy_timeout(db, SQLITE_BASE_BUSY_MS);
    /* Reading maps the file rather than copying its pages (where the system allows). */
    sqlite3_exec(db, "PRAGMA mmap_size = 1099511627776", NULL, NULL, NULL);
    rc = check_format(db, path, err);
    if (rc != TKG_OK) {
        sqlite3_close(db);
        return rc;
    }
    *out = db;
    return TKG_OK;
}

int sqlite_base_need_tables(sqlite3 *db, const char *path, tkg_error *err)
{
    static const char sql[] =
        "CREATE TEMP TABLE IF NOT EXISTS need_entity (row INTEGER PRIMARY KEY);"
        "CREATE TEMP TABLE IF NOT EXISTS need_relation (row INTEGER PRIMARY KEY);"
        "DELETE FROM temp.need_entity; DELETE FROM temp.need_relation;";
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? TKG_OK : sqlite_base_fail(err, db, rc, path);
}

/* ------------------------------------------------------------ reading */

int sqlite_base_query_int(sqlite3 *db, const char *sql, int64_t *out, bool *found)
{
    return query_int(db, sql, out, found);
}

/* Records SQLite's failure `rc` as the reading's error: a file that is not a base or is
 * corrupt is a problem of the input, reported through the store like every other. */
int base_read_fail(base_reader *r, int rc)
{
    if (r->rc != TKG_OK)
        return r->rc;
    tkg_error e;
    tkg_error_clear(&e);
    r->rc = sqlite_base_fail(&e, r->db, rc, r->path);
    if (r->rc == TKG_EINPUT)
        store_report_error(r->s, r->err, &e);
    else
        tkg_error_keep(r->err, &e);
    return r->rc;
}

int base_read_nomem(base_reader *r)
{
    if (r->rc == TKG_OK)
        r->rc = tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return r->rc;
}

/* Reports a problem of row `row` at its column `column`; `fmt` starts with TABLE.COLUMN. */
int base_read_report(base_reader *r, int64_t row, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(r->s, r->err, at(r, row, column), fmt, ap);
    va_end(ap);
    return rc;
}

/* The symbol of a text column, SYM_NONE for NULL (and out of memory, recorded). */
sym base_read_sym(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p)
        return SYM_NONE;
    sym y = store_intern(r->s, t.p, t.len, r->err);
    if (!y)
        base_read_nomem(r);
    return y;
}

int base_read_prepare(base_reader *r, sqlite3_stmt **st, const char *sql)
{
    int rc = sqlite3_prepare_v2(r->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? r->rc : base_read_fail(r, rc);
}

/* Steps `st`: true for a row; false at the end or on an error (recorded in r->rc), and when
 * too many problems were reported. */
bool base_read_step(base_reader *r, sqlite3_stmt *st)
{
    if (r->rc != TKG_OK || store_too_many_errors(r->s))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        base_read_fail(r, rc);
    return false;
}

/* ---- ontology */

static int read_kinds(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const tkg_ontology *o = r->s->ontology;
    if (base_read_prepare(r, &st, "SELECT rowid, name FROM entity_kinds ORDER BY rowid") == TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            const char *name = (const char *)sqlite3_column_text(st, 1);
            if (!name)
                base_read_report(r, row, 1, "entity_kinds.name: NULL");
            else if (tkg_ontology_entity_kind(o, name) == TKG_NO_KIND)
                base_read_report(
                    r, row, 1,
                    "entity_kinds.name: the entity kind '%s' is not in the ontology in use "
                    "(give the base's ontology with --ontology)",
                    name);
        }
    sqlite3_finalize(st);
    st = NULL;
    if (base_read_prepare(
            r, &st, "SELECT rowid, name, implicit FROM relation_kinds ORDER BY rowid") == TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            sym name = base_read_sym(r, st, 1);
            bool implicit = sqlite3_column_int64(st, 2) == 1;
            uint32_t kind;
            if (!name) {
                if (r->rc == TKG_OK)
                    base_read_report(r, row, 1, "relation_kinds.name: NULL");
                continue;
            }
            if (store_relation_kind(r->s, &kind, name, implicit, r->err) != TKG_OK)
                base_read_nomem(r);
            else if (kind == TKG_NO_KIND)
                base_read_report(
                    r, row, 1,
                    "relation_kinds.name: the relation kind '%s' is not in the ontology in use "
                    "and not marked implicit (give the base's ontology with --ontology)",
                    store_str(r->s, name));
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* ---- sources */

/* Columns of sources: row 1, id 2, title 3, publisher 4, date 5, url 6, lang 7. */
static int read_sources(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    if (base_read_prepare(
            r, &st,
            "SELECT row, id, title, publisher, date, url, lang FROM sources ORDER BY row") ==
        TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            source_row src = {.id = base_read_sym(r, st, 1),
                              .title = base_read_sym(r, st, 2),
                              .publisher = base_read_sym(r, st, 3),
                              .published = base_read_sym(r, st, 4),
                              .url = base_read_sym(r, st, 5),
                              .lang = base_read_sym(r, st, 6),
                              .where = at(r, row, 1)};
            uint32_t out = ROW_FAILED;
            if (r->rc != TKG_OK)
                break;
            if (!src.id)
                base_read_report(r, row, 2, "sources.id: NULL");
            else {
                if (src.url && !store_url_is_web(store_str(r->s, src.url))) {
                    base_read_report(r, row, 6,
                                     "sources.url: '%.80s' is not an http or https address",
                                     store_str(r->s, src.url));
                    src.url = SYM_NONE; /* (the source stays, for its citations) */
                }
                int rc = store_add_source(r->s, &out, &src, r->err);
                if (rc == TKG_ENOMEM)
                    base_read_nomem(r);
                if (rc != TKG_OK)
                    out = ROW_FAILED;
            }
            /* Citations name their source by its row: a row not read is remembered, so
             * that its citations are not reported again. */
            if (r->rc == TKG_OK)
                base_read_map_add(r, &r->srcs, row, out);
        }
    sqlite3_finalize(st);
    return r->rc;
}

int sqlite_base_load(tkg_store *s, sqlite3 *db, const char *path, bool only_needed, tkg_error *err)
{
    base_reader r = {.s = s, .err = err, .db = db, .path = path, .only = only_needed};
    unsigned before = tkg_store_error_count(s);
    r.file = store_intern(s, path, strlen(path), err);
    if (!r.file)
        return TKG_ENOMEM;
    r.rel_before = s->relation_count;
    /* One read transaction: every table is read from the same state of the base. */
    int rc = sqlite3_exec(db, "SAVEPOINT tkg_read", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return base_read_fail(&r, rc);
    if (read_kinds(&r) == TKG_OK && read_sources(&r) == TKG_OK &&
        sqlite_base_read_entities(&r) == TKG_OK && sqlite_base_read_names(&r) == TKG_OK &&
        sqlite_base_read_entity_attrs(&r) == TKG_OK && sqlite_base_read_relations(&r) == TKG_OK)
        sqlite_base_read_citations(&r);
    sqlite3_exec(db, "RELEASE tkg_read", NULL, NULL, NULL);
    if (only_needed && r.rc == TKG_OK)
        sqlite_base_number_edges(&r);
    rc = r.rc;
    if (rc == TKG_OK && tkg_store_error_count(s) != before)
        rc = store_too_many_errors(s) ? TKG_ELIMIT : TKG_EINPUT;
    free(r.ents.row);
    free(r.ents.to);
    free(r.rels.row);
    free(r.rels.to);
    free(r.srcs.row);
    free(r.srcs.to);
    free(r.attrs);
    day_memo_free(&r.days);
    return rc;
}

int tkg_read_sqlite_file(tkg_store *s, const char *path, tkg_error *err)
{
    sqlite3 *db = NULL;
    bool whole = true; /* with a read hint, only the rows its view may keep (select_sqlite.c) */
    tkg_error e;
    tkg_error_clear(&e);
    int rc = sqlite_base_open(&db, path, SQLITE_OPEN_READONLY, &e);
    /* Not a base, or not one this tkg reads: a problem of the input, reported as such. */
    if (rc == TKG_EINPUT)
        store_report_error(s, err, &e);
    else if (rc != TKG_OK)
        tkg_error_keep(err, &e);
    /* The rows are chosen and read in one read transaction, so that a `tkg add` committing
     * in between cannot make them disagree. */
    int begin = rc == TKG_OK ? sqlite3_exec(db, "SAVEPOINT tkg_view", NULL, NULL, NULL) : SQLITE_OK;
    bool begun = rc == TKG_OK && begin == SQLITE_OK;
    if (rc == TKG_OK && !begun)
        rc = sqlite_base_fail(err, db, begin, path);
    if (rc == TKG_OK && s->opt.hint)
        rc = sqlite_select_needed(db, s, s->opt.hint, path, &whole, err);
    if (rc == TKG_OK)
        rc = sqlite_base_load(s, db, path, !whole, err);
    if (begun)
        sqlite3_exec(db, "RELEASE tkg_view", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}
