/* Reading tkg's SQLite base (docs/sqlite.md) into a store, as every other input is read: the
 * ontology's kinds are checked against the store's, then sources, entities (with names,
 * attributes and citations) and relations (with theirs) are added through the store's
 * interface, so that a base merges with other inputs by the same rules.
 *
 * Each table is stepped once in row order through one prepared statement; text comes with
 * its length (sqlite3_column_bytes), dates written in digits are parsed once per distinct text
 * (day_memo.h), and a problem is reported at `PATH:ROW:COL` (the rowid, the column's 1-based
 * place in its table) as `TABLE.COLUMN: message`. The raw bounds are the truth: the derived
 * first_day and last_day are not read (tkg validate checks them). */
#include "read_sqlite.h"
#include "select_sqlite.h"

#include "day_memo.h"
#include "ontology.h"
#include "vec.h"
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

/* Base rows of entities or relations and the store rows they became, in ascending base row
 * order (each table is read in row order). */
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
    row_map ents, rels;
    uint32_t rel_before; /* the store's relations before this base */
    day_memo days;
    attr_row *attrs; /* the attributes of the relation being read */
    uint32_t attr_count, attr_cap;
    /* The last entity kind and source looked up (bulk bases repeat them row after row). */
    char kind_text[64];
    size_t kind_len;
    uint32_t kind;
    sym last_source;
    uint32_t source;
    kind_memo kinds[KIND_MEMO];
    other_date others[OTHER_DATES];
} base_reader;

/* Records SQLite's failure `rc` as the reading's error: a file that is not a base or is
 * corrupt is a problem of the input, reported through the store like every other. */
static int fail(base_reader *r, int rc)
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

static int nomem(base_reader *r)
{
    if (r->rc == TKG_OK)
        r->rc = tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return r->rc;
}

static origin at(const base_reader *r, int64_t row, int column)
{
    uint32_t line = row < 1 ? 0 : row > UINT32_MAX ? UINT32_MAX : (uint32_t)row;
    return (origin){r->file, line, (uint32_t)column};
}

/* Reports a problem of row `row` at its column `column`; `fmt` starts with TABLE.COLUMN. */
static int report(base_reader *r, int64_t row, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int report(base_reader *r, int64_t row, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(r->s, r->err, at(r, row, column), fmt, ap);
    va_end(ap);
    return rc;
}

/* A text column: its bytes and length (NULL for SQL NULL). */
typedef struct text {
    const char *p;
    size_t len;
} text;

static text col_text(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    return (text){p, p ? (size_t)sqlite3_column_bytes(st, i) : 0};
}

static bool col_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* The symbol of a text column, SYM_NONE for NULL (and out of memory, recorded). */
static sym col_sym(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p)
        return SYM_NONE;
    sym y = store_intern(r->s, t.p, t.len, r->err);
    if (!y)
        nomem(r);
    return y;
}

static int prepare(base_reader *r, sqlite3_stmt **st, const char *sql)
{
    int rc = sqlite3_prepare_v2(r->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? r->rc : fail(r, rc);
}

/* Steps `st`: true for a row; false at the end or on an error (recorded in r->rc), and when
 * too many problems were reported. */
static bool next_row(base_reader *r, sqlite3_stmt *st)
{
    if (r->rc != TKG_OK || store_too_many_errors(r->s))
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        fail(r, rc);
    return false;
}

static int map_add(base_reader *r, row_map *m, int64_t row, uint32_t to)
{
    if (vec_reserve(&m->row, &m->row_cap, m->count + 1, sizeof *m->row) ||
        vec_reserve(&m->to, &m->to_cap, m->count + 1, sizeof *m->to))
        return nomem(r);
    m->gaps |= row != (int64_t)m->count + 1;
    m->row[m->count] = row;
    m->to[m->count++] = to;
    return TKG_OK;
}

/* The store row of base row `row`; UINT32_MAX when it was not read, ROW_FAILED when it was
 * read but had a problem (reported). */
static uint32_t map_find(const row_map *m, int64_t row)
{
    /* Rows 1, 2, 3, ... (a whole base) are found at once. */
    if (!m->gaps)
        return row >= 1 && row <= m->count ? m->to[row - 1] : UINT32_MAX;
    if (row >= 1 && row <= m->count && m->row[row - 1] == row)
        return m->to[row - 1];
    uint32_t lo = 0, hi = m->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->row[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->count && m->row[lo] == row ? m->to[lo] : UINT32_MAX;
}

/* ---- dates */

static const char *const precision_names[] = {NULL, "year", "month", "day"};

/* Reads the bound of columns `raw_i` (the raw text) and `prec_i` (its precision) of `st`,
 * which are columns `raw_col` and `raw_col + 4` of `table`: `*d` and `*b` (precision
 * TKG_PREC_NONE and SYM_NONE for an open bound). */
static int read_bound(base_reader *r, sqlite3_stmt *st, int raw_i, int prec_i, const char *table,
                      const char *which, int raw_col, int64_t row, tkg_date *d, bound *b)
{
    text raw = col_text(st, raw_i), prec = col_text(st, prec_i);
    *d = (tkg_date){0};
    *b = (bound){0, 0};
    if (!raw.p) {
        if (prec.p)
            return report(r, row, raw_col + 4,
                          "%s.%s_precision: '%s' for an open bound (%s_raw "
                          "is NULL)",
                          table, which, prec.p, which);
        return TKG_OK;
    }
    long key = day_memo_key(raw.p, raw.len);
    other_date *o = NULL;
    if (key < 0) {
        /* Other forms (YAGO's 2004-##-##): a small cache by the text's hash. */
        o = &r->others[intern_hash(raw.p, raw.len) % OTHER_DATES];
        if (o->raw && r->s->strings.len[o->raw] == raw.len &&
            intern_same(store_str(r->s, o->raw), raw.p, raw.len)) {
            *d = o->date;
            *b = (bound){o->raw, (uint8_t)d->precision};
        } else {
            o->raw = SYM_NONE;
        }
    }
    if ((key < 0 && !o->raw) || (key >= 0 && !day_memo_get(&r->days, key, d, b))) {
        tkg_error e;
        e.code = TKG_OK;
        if (tkg_date_parse(d, raw.p, raw.len, &e) != TKG_OK)
            return report(r, row, raw_col, "%s.%s_raw: '%.*s' is not a date: %s", table, which,
                          (int)(raw.len > 40 ? 40 : raw.len), raw.p, e.message);
        sym y = store_intern(r->s, raw.p, raw.len, r->err);
        if (!y)
            return nomem(r);
        *b = (bound){y, (uint8_t)d->precision};
        if (key >= 0)
            day_memo_put(&r->days, key, d, y);
        else
            *o = (other_date){y, *d};
    }
    const char *want = precision_names[d->precision];
    if (!prec.p || prec.len != strlen(want) || memcmp(prec.p, want, prec.len) != 0)
        return report(r, row, raw_col + 4,
                      "%s.%s_precision: %s%s%s, but %s_raw '%.*s' is a date "
                      "to the %s",
                      table, which, prec.p ? "'" : "", prec.p ? prec.p : "NULL", prec.p ? "'" : "",
                      which, (int)raw.len, raw.p, want);
    return TKG_OK;
}

/* The interval of two bounds under the store's policy; a problem is reported at the end's
 * column `end_col` of `table`. */
static int read_interval(base_reader *r, const tkg_date *start, const tkg_date *end,
                         const char *table, int end_col, int64_t row, tkg_interval *out)
{
    tkg_error e;
    e.code = TKG_OK;
    if (tkg_interval_from_bounds(out, start, end, r->s->opt.policy, &e) == TKG_OK)
        return TKG_OK;
    return report(r, row, end_col, "%s.end_raw: %s", table, e.message);
}

/* ---- ontology */

static int read_kinds(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const tkg_ontology *o = r->s->ontology;
    if (prepare(r, &st, "SELECT rowid, name FROM entity_kinds ORDER BY rowid") == TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            const char *name = (const char *)sqlite3_column_text(st, 1);
            if (!name)
                report(r, row, 1, "entity_kinds.name: NULL");
            else if (tkg_ontology_entity_kind(o, name) == TKG_NO_KIND)
                report(r, row, 1,
                       "entity_kinds.name: the entity kind '%s' is not in the ontology in use "
                       "(give the base's ontology with --ontology)",
                       name);
        }
    sqlite3_finalize(st);
    st = NULL;
    if (prepare(r, &st, "SELECT rowid, name, implicit FROM relation_kinds ORDER BY rowid") ==
        TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            sym name = col_sym(r, st, 1);
            bool implicit = sqlite3_column_int64(st, 2) == 1;
            uint32_t kind;
            if (!name) {
                if (r->rc == TKG_OK)
                    report(r, row, 1, "relation_kinds.name: NULL");
                continue;
            }
            if (store_relation_kind(r->s, &kind, name, implicit, r->err) != TKG_OK)
                nomem(r);
            else if (kind == TKG_NO_KIND)
                report(r, row, 1,
                       "relation_kinds.name: the relation kind '%s' is not in the ontology in use "
                       "and not marked implicit (give the base's ontology with --ontology)",
                       store_str(r->s, name));
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* The entity kind named in column i of `st` (TKG_NO_KIND when unknown). */
static uint32_t entity_kind_of(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p)
        return TKG_NO_KIND;
    if (t.len == r->kind_len && t.len < sizeof r->kind_text &&
        memcmp(t.p, r->kind_text, t.len) == 0)
        return r->kind;
    uint32_t kind = tkg_ontology_entity_kind(r->s->ontology, t.p);
    if (kind != TKG_NO_KIND && t.len < sizeof r->kind_text) {
        memcpy(r->kind_text, t.p, t.len);
        r->kind_len = t.len;
        r->kind = kind;
    }
    return kind;
}

/* ---- sources */

static int read_sources(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    if (prepare(
            r, &st,
            "SELECT rowid, id, title, publisher, date, url, lang FROM sources ORDER BY rowid") ==
        TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            source_row src = {.id = col_sym(r, st, 1),
                              .title = col_sym(r, st, 2),
                              .publisher = col_sym(r, st, 3),
                              .published = col_sym(r, st, 4),
                              .url = col_sym(r, st, 5),
                              .lang = col_sym(r, st, 6),
                              .where = at(r, row, 1)};
            uint32_t out;
            if (r->rc != TKG_OK)
                break;
            if (!src.id)
                report(r, row, 1, "sources.id: NULL");
            else {
                if (src.url && !store_url_is_web(store_str(r->s, src.url))) {
                    report(r, row, 5, "sources.url: '%.80s' is not an http or https address",
                           store_str(r->s, src.url));
                    src.url = SYM_NONE; /* (the source stays, for its citations) */
                }
                if (store_add_source(r->s, &out, &src, r->err) == TKG_ENOMEM)
                    nomem(r);
            }
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* The store row of the source named in column i of `st`, or UINT32_MAX when no source has
 * that id. */
static uint32_t source_of(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (t.p && r->last_source && r->s->strings.len[r->last_source] == t.len &&
        memcmp(store_str(r->s, r->last_source), t.p, t.len) == 0)
        return r->source;
    sym y = col_sym(r, st, i);
    if (!y)
        return UINT32_MAX;
    if (y == r->last_source)
        return r->source;
    uint32_t have = y < r->s->sym_cap ? r->s->source_of_sym[y] : 0;
    if (!have)
        return UINT32_MAX;
    r->last_source = y;
    r->source = have - 1;
    return have - 1;
}

/* ---- entities */

/* Columns of entities: row 1, id 2, kind 3, label 4, external_id 5, start_raw 6, end_raw 7,
 * first_day 8, last_day 9, start_precision 10, end_precision 11, implicit 12. */
#define ENTITY_COLUMNS                                                                             \
    "e.row, e.id, e.kind, e.label, e.external_id, e.start_raw, e.end_raw, e.start_precision, "     \
    "e.end_precision, e.implicit"

static void read_entity(base_reader *r, sqlite3_stmt *st)
{
    uint32_t out = ROW_FAILED;
    int64_t row = sqlite3_column_int64(st, 0);
    entity_row e = {.where = at(r, row, 1)};
    tkg_date start, end;
    e.id = col_sym(r, st, 1);
    e.external = col_sym(r, st, 4);
    if (r->rc != TKG_OK)
        goto done;
    if (!e.id) {
        report(r, row, 2, "entities.id: NULL");
        goto done;
    }
    bool implicit = sqlite3_column_int64(st, 9) == 1;
    e.kind = entity_kind_of(r, st, 2);
    if (e.kind == TKG_NO_KIND) {
        text k = col_text(st, 2);
        report(r, row, 3, "entities.kind: %s%s%s is not an entity kind of the ontology in use",
               k.p ? "'" : "", k.p ? k.p : "NULL", k.p ? "'" : "");
        goto done;
    }
    if (implicit) {
        /* Taken from bulk input: a later definition may still refine it, as in bulk input. */
        if (e.kind != ontology_root(r->s->ontology)) {
            report(r, row, 3, "entities.kind: an implicit entity is of kind '%s', not '%s'",
                   tkg_entity_kind_name(r->s->ontology, ontology_root(r->s->ontology)),
                   tkg_entity_kind_name(r->s->ontology, e.kind));
            goto done;
        }
        if (store_implicit_entity(r->s, &out, e.id, e.where, r->err) != TKG_OK) {
            nomem(r);
            goto done;
        }
        entity_row *have = &r->s->entities[out];
        if (have->state == ENTITY_IMPLICIT && !have->external)
            have->external = e.external;
    } else {
        e.label = col_sym(r, st, 3);
        if (r->rc != TKG_OK)
            goto done;
        if (!e.label) {
            report(r, row, 4, "entities.label: NULL");
            goto done;
        }
        if (read_bound(r, st, 5, 7, "entities", "start", 6, row, &start, &e.start) != TKG_OK ||
            read_bound(r, st, 6, 8, "entities", "end", 7, row, &end, &e.end) != TKG_OK ||
            read_interval(r, &start, &end, "entities", 7, row, &e.life) != TKG_OK)
            goto done;
        int rc = store_define_entity(r->s, &out, &e, r->err);
        if (rc == TKG_ENOMEM)
            nomem(r);
        if (rc != TKG_OK && rc != TKG_EINPUT && rc != TKG_ELIMIT)
            goto done;
    }
done:
    /* A row not read is remembered, so that its names, attributes and citations and the
     * relations that name it are not reported again. */
    if (r->rc == TKG_OK)
        map_add(r, &r->ents, row, out);
}

static int read_entities(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql = r->only ? "SELECT " ENTITY_COLUMNS
                                " FROM temp.need_entity k CROSS JOIN entities e "
                                "ON e.row = k.row ORDER BY k.row"
                              : "SELECT " ENTITY_COLUMNS " FROM entities e ORDER BY e.row";
    if (prepare(r, &st, sql) == TKG_OK)
        while (next_row(r, st))
            read_entity(r, st);
    sqlite3_finalize(st);
    return r->rc;
}

/* The owner (entity row, or relation row | OWNER_RELATION) of a name, attribute or citation
 * whose entity is column `ei` and relation column `ri` of `st` (ri < 0: entities only), or
 * UINT32_MAX when there is none (reported unless the owner was not needed). `table` and
 * `col` name the entity column for messages (the relation column follows it). */
static uint32_t owner_of(base_reader *r, sqlite3_stmt *st, int ei, int ri, const char *table,
                         int col, int64_t row)
{
    bool relation = ri >= 0 && !col_null(st, ri);
    if (relation == !col_null(st, ei) && ri >= 0) {
        report(r, row, col, "%s.entity: exactly one of entity and relation must be set", table);
        return UINT32_MAX;
    }
    int64_t of = sqlite3_column_int64(st, relation ? ri : ei);
    if (!relation && col_null(st, ei)) {
        report(r, row, col, "%s.entity: NULL", table);
        return UINT32_MAX;
    }
    uint32_t to = map_find(relation ? &r->rels : &r->ents, of);
    if (to == ROW_FAILED)
        return UINT32_MAX; /* the owner's problem was reported */
    if (to == UINT32_MAX) {
        if (!r->only)
            report(r, row, col + relation, "%s.%s: no %s has row %lld", table,
                   relation ? "relation" : "entity", relation ? "relation" : "entity",
                   (long long)of);
        return UINT32_MAX;
    }
    return relation ? to | OWNER_RELATION : to;
}

/* Columns of names: entity 1, lang 2, text 3, alias 4. */
static int read_names(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql = r->only ? "SELECT n.rowid, n.entity, n.lang, n.text, n.alias FROM "
                                "temp.need_entity k CROSS JOIN names n ON n.entity = k.row"
                              : "SELECT rowid, entity, lang, text, alias FROM names ORDER BY rowid";
    if (prepare(r, &st, sql) == TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            uint32_t owner = owner_of(r, st, 1, -1, "names", 1, row);
            if (owner == UINT32_MAX)
                continue;
            sym lang = col_sym(r, st, 2), name = col_sym(r, st, 3);
            if (r->rc != TKG_OK)
                break;
            if (!name)
                report(r, row, 3, "names.text: NULL");
            else if (store_add_name(r->s, owner, lang, name, sqlite3_column_int64(st, 4) == 1,
                                    r->err) != TKG_OK)
                nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

static const char *const attr_types[] = {"string", "int", "double", "bool", "date"};

/* The attribute type named in column i of `st`, or -1. */
static int attr_type_of(sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    for (int k = 0; t.p && k < 5; k++)
        if (t.len == strlen(attr_types[k]) && memcmp(t.p, attr_types[k], t.len) == 0)
            return k;
    return -1;
}

/* Reads the attribute of the current row of `st` (columns: rowid, owner, key, type, value;
 * the owner resolved by the caller) into `*a`. */
static bool read_attr(base_reader *r, sqlite3_stmt *st, uint32_t owner, attr_row *a)
{
    int64_t row = sqlite3_column_int64(st, 0);
    int type = attr_type_of(st, 3);
    *a = (attr_row){owner, col_sym(r, st, 2), col_sym(r, st, 4), 0};
    if (r->rc != TKG_OK)
        return false;
    if (type < 0) {
        text t = col_text(st, 3);
        report(r, row, 4, "attributes.type: %s%s%s is not string, int, double, bool or date",
               t.p ? "'" : "", t.p ? t.p : "NULL", t.p ? "'" : "");
        return false;
    }
    if (!a->key || !a->value) {
        report(r, row, a->key ? 5 : 3, "attributes.%s: NULL", a->key ? "value" : "key");
        return false;
    }
    a->type = (uint8_t)type;
    return true;
}

/* Columns of attributes: entity 1, relation 2, key 3, type 4, value 5. */
static int read_entity_attrs(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql =
        r->only ? "SELECT a.rowid, a.entity, a.key, a.type, a.value FROM temp.need_entity k "
                  "CROSS JOIN attributes a ON a.entity = k.row"
                : "SELECT rowid, entity, key, type, value FROM attributes "
                  "WHERE relation IS NULL ORDER BY rowid";
    if (prepare(r, &st, sql) == TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            attr_row a;
            uint32_t owner = owner_of(r, st, 1, -1, "attributes", 1, row);
            if (owner != UINT32_MAX && read_attr(r, st, owner, &a) &&
                store_add_attr(r->s, owner, a.key, (tkg_attr_type)a.type, a.value, r->err) !=
                    TKG_OK)
                nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* Columns of citations: entity 1, relation 2, source 3, quote 4, line 5. */
static int read_citations(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql =
        r->only
            ? "SELECT c.rowid, c.entity, c.relation, c.source, c.quote, c.line FROM "
              "temp.need_entity k CROSS JOIN citations c ON c.entity = k.row UNION ALL "
              "SELECT c.rowid, c.entity, c.relation, c.source, c.quote, c.line FROM "
              "temp.need_relation k CROSS JOIN citations c ON c.relation = k.row"
            : "SELECT rowid, entity, relation, source, quote, line FROM citations ORDER BY rowid";
    if (prepare(r, &st, sql) == TKG_OK)
        while (next_row(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            uint32_t owner = owner_of(r, st, 1, 2, "citations", 1, row);
            if (owner == UINT32_MAX)
                continue;
            uint32_t source = source_of(r, st, 3);
            if (r->rc != TKG_OK)
                break;
            if (source == UINT32_MAX) {
                text t = col_text(st, 3);
                report(r, row, 3, "citations.source: %s%s%s is not the id of a source",
                       t.p ? "'" : "", t.p ? t.p : "NULL", t.p ? "'" : "");
                continue;
            }
            int64_t line = col_null(st, 5) ? 0 : sqlite3_column_int64(st, 5);
            if (line < 0 || line > UINT32_MAX) {
                report(r, row, 5, "citations.line: %lld is not a line number", (long long)line);
                continue;
            }
            text quote = col_text(st, 4);
            if (store_add_cite(r->s, owner, source, quote.p, quote.len, (uint32_t)line, r->err) !=
                TKG_OK)
                nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* ---- relations */

/* Columns of relations: row 1, id 2, kind 3, from_entity 4, to_entity 5, start_raw 6,
 * end_raw 7, first_day 8, last_day 9, start_precision 10, end_precision 11, own_id 12. */
#define RELATION_COLUMNS                                                                           \
    "r.row, r.id, r.kind, r.from_entity, r.to_entity, r.start_raw, r.end_raw, "                    \
    "r.start_precision, r.end_precision, r.own_id"

/* The relation attributes, ordered by relation: read along with the relations. */
typedef struct attr_cursor {
    sqlite3_stmt *st;
    bool has; /* st is on a row */
} attr_cursor;

static void attr_next(base_reader *r, attr_cursor *c)
{
    c->has = next_row(r, c->st);
}

/* Gathers into r->attrs the attributes of relation `row` (store row `to`, or UINT32_MAX
 * while it is not added), reporting those of relations that do not exist. */
static int gather_attrs(base_reader *r, attr_cursor *c, int64_t row)
{
    r->attr_count = 0;
    while (c->has && r->rc == TKG_OK) {
        int64_t of = sqlite3_column_int64(c->st, 1);
        if (of > row)
            break;
        if (of < row) {
            if (!r->only)
                report(r, sqlite3_column_int64(c->st, 0), 2,
                       "attributes.relation: no relation has row %lld", (long long)of);
        } else {
            if (vec_reserve(&r->attrs, &r->attr_cap, r->attr_count + 1, sizeof *r->attrs))
                return nomem(r);
            if (read_attr(r, c->st, 0, &r->attrs[r->attr_count]))
                r->attr_count++;
        }
        attr_next(r, c);
    }
    return r->rc;
}

/* The symbol of the relation kind in column i of `st`, through a small cache of the kinds
 * met (bulk bases have a few hundred at most): neither hashing nor the string table for
 * most rows. SYM_NONE for NULL. */
static sym relation_kind_sym(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p || t.len == 0 || t.len > 255)
        return col_sym(r, st, i);
    unsigned char a = (unsigned char)t.p[0], z = (unsigned char)t.p[t.len - 1];
    kind_memo *m = &r->kinds[(a * 31u + z * 7u + (unsigned)t.len) % KIND_MEMO];
    if (m->y && r->s->strings.len[m->y] == t.len && intern_same(store_str(r->s, m->y), t.p, t.len))
        return m->y;
    sym y = col_sym(r, st, i);
    m->y = y;
    return y;
}

/* True when relations a and b state the same fact (kind, endpoints, interval). */
static bool same_fact(const tkg_store *s, const relation_row *a, const relation_row *b)
{
    if (a->kind != b->kind || a->iv.start != b->iv.start || a->iv.end_excl != b->iv.end_excl)
        return false;
    if (a->from == b->from && a->to == b->to)
        return true;
    return tkg_relation_kind_symmetric(s->ontology, a->kind) && a->from == b->to &&
           a->to == b->from;
}

static void read_relation(base_reader *r, sqlite3_stmt *st, attr_cursor *ac)
{
    uint32_t out = ROW_FAILED;
    bool merged;
    int64_t row = sqlite3_column_int64(st, 0);
    relation_row rel = {.where = at(r, row, 1)};
    tkg_date start, end;
    if (gather_attrs(r, ac, row) != TKG_OK)
        goto done;
    sym kind = relation_kind_sym(r, st, 2);
    if (r->rc != TKG_OK)
        goto done;
    if (!kind || store_relation_kind(r->s, &rel.kind, kind, false, r->err) != TKG_OK ||
        rel.kind == TKG_NO_KIND) {
        if (r->rc == TKG_OK)
            report(r, row, 3,
                   "relations.kind: %s%s%s is not a relation kind of the base or of "
                   "the ontology in use",
                   kind ? "'" : "", kind ? store_str(r->s, kind) : "NULL", kind ? "'" : "");
        goto done;
    }
    for (int side = 0; side < 2; side++) {
        int64_t of = sqlite3_column_int64(st, 3 + side);
        /* (NULL reads as 0, which no row has: told apart below, when it matters) */
        uint32_t to = map_find(&r->ents, of);
        if (to == ROW_FAILED)
            goto done; /* the entity's problem was reported */
        if (to == UINT32_MAX) {
            const char *name = side ? "to_entity" : "from_entity";
            if (col_null(st, 3 + side))
                report(r, row, 4 + side, "relations.%s: NULL", name);
            else if (r->only)
                report(r, row, 4 + side,
                       "relations.%s: entity row %lld was not read (it is "
                       "not in need_entity)",
                       name, (long long)of);
            else
                report(r, row, 4 + side, "relations.%s: no entity has row %lld", name,
                       (long long)of);
            goto done;
        }
        *(side ? &rel.to : &rel.from) = to;
    }
    if (read_bound(r, st, 5, 7, "relations", "start", 6, row, &start, &rel.start) != TKG_OK ||
        read_bound(r, st, 6, 8, "relations", "end", 7, row, &end, &rel.end) != TKG_OK ||
        read_interval(r, &start, &end, "relations", 7, row, &rel.iv) != TKG_OK)
        goto done;
    if (sqlite3_column_int64(st, 9) == 1) {
        if (!(rel.id = col_sym(r, st, 1))) {
            if (r->rc == TKG_OK)
                report(r, row, 2, "relations.id: NULL");
            goto done;
        }
        uint32_t have = rel.id < r->s->sym_cap ? r->s->relation_of_sym[rel.id] : 0;
        if (have && !same_fact(r->s, &r->s->relations[have - 1], &rel)) {
            origin first = r->s->relations[have - 1].where;
            report(r, row, 2, "relations.id: duplicate relation id '%s' (first used at %s:%u)",
                   store_str(r->s, rel.id), store_origin_file(r->s, first), first.line);
            goto done;
        }
    }
    int rc = r->attr_count ? store_add_relation_attrs(r->s, &out, &merged, &rel, r->attrs,
                                                      r->attr_count, r->err)
                           : store_add_relation(r->s, &out, &merged, &rel, r->err);
    if (rc == TKG_ENOMEM)
        nomem(r);
    if (rc == TKG_OK && merged && out >= r->rel_before &&
        r->s->relations[out].where.file == r->file) {
        report(r, row, 1,
               "relations.row: the same relation as row %u (same kind, endpoints "
               "and dates)",
               r->s->relations[out].where.line);
        rc = TKG_EINPUT;
    }
    if (rc != TKG_OK)
        out = ROW_FAILED;
done:
    if (r->rc == TKG_OK)
        map_add(r, &r->rels, row, out);
}

static int read_relations(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    attr_cursor ac = {0};
    const char *sql = r->only ? "SELECT " RELATION_COLUMNS
                                " FROM temp.need_relation k CROSS JOIN relations r "
                                "ON r.row = k.row ORDER BY k.row"
                              : "SELECT " RELATION_COLUMNS " FROM relations r ORDER BY r.row";
    const char *attr_sql =
        r->only ? "SELECT a.rowid, a.relation, a.key, a.type, a.value FROM temp.need_relation "
                  "k CROSS JOIN attributes a ON a.relation = k.row ORDER BY k.row, a.rowid"
                : "SELECT rowid, relation, key, type, value FROM attributes "
                  "WHERE relation IS NOT NULL ORDER BY relation, rowid";
    int64_t max_row = 0;
    bool found;
    if (!r->only &&
        query_int(r->db, "SELECT max(row) FROM relations", &max_row, &found) == SQLITE_OK &&
        max_row > 0 && max_row < UINT32_MAX / 2)
        store_reserve(r->s, (uint32_t)max_row);
    if (prepare(r, &ac.st, attr_sql) == TKG_OK && prepare(r, &st, sql) == TKG_OK) {
        attr_next(r, &ac);
        while (next_row(r, st))
            read_relation(r, st, &ac);
        /* Attributes of rows past the last relation. */
        if (r->rc == TKG_OK && !store_too_many_errors(r->s))
            gather_attrs(r, &ac, INT64_MAX);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(ac.st);
    return r->rc;
}

/* Read in part, relations are not at their rows: their generated ids are numbered by their
 * rows in the base (e<row - 1>), as in a whole reading, and those before them by theirs. */
static void number_edges(base_reader *r)
{
    tkg_store *s = r->s;
    uint32_t n = s->relation_count;
    if (n == 0) /* no relation read: nothing to number (and no array to make) */
        return;
    uint32_t *number =
        n > s->edge_numbers ? realloc(s->edge_number, (size_t)n * sizeof *number) : s->edge_number;
    if (!number) {
        nomem(r);
        return;
    }
    for (uint32_t i = s->edge_numbers; i < n; i++)
        number[i] = i;
    for (uint32_t i = 0; i < r->rels.count; i++)
        if (r->rels.to[i] < n && r->rels.row[i] >= 1 && r->rels.row[i] <= UINT32_MAX)
            number[r->rels.to[i]] = (uint32_t)(r->rels.row[i] - 1);
    s->edge_number = number;
    s->edge_numbers = n;
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
        return fail(&r, rc);
    if (read_kinds(&r) == TKG_OK && read_sources(&r) == TKG_OK && read_entities(&r) == TKG_OK &&
        read_names(&r) == TKG_OK && read_entity_attrs(&r) == TKG_OK && read_relations(&r) == TKG_OK)
        read_citations(&r);
    sqlite3_exec(db, "RELEASE tkg_read", NULL, NULL, NULL);
    if (only_needed && r.rc == TKG_OK)
        number_edges(&r);
    rc = r.rc;
    if (rc == TKG_OK && tkg_store_error_count(s) != before)
        rc = store_too_many_errors(s) ? TKG_ELIMIT : TKG_EINPUT;
    free(r.ents.row);
    free(r.ents.to);
    free(r.rels.row);
    free(r.rels.to);
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
