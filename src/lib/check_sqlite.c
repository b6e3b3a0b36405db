/* What `tkg validate` checks in a SQLite base beyond reading it (docs/sqlite.md, "Checking a
 * base"): SQLite's integrity and foreign key checks (the sqlite3 shell runs with foreign keys
 * off, so a base edited by hand may break them), the meta table, the ontology tables against
 * the ontology in use, the generated relation ids, and the derived day and precision columns
 * against the raw bounds: those are computed again by reading the base into a store of its own,
 * under the date policy the base records and with the event-time rule, so that the check is the
 * writer's own computation. */
#include "read_sqlite.h"

#include "ontology.h"
#include "write.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct checker {
    tkg_store *s; /* reports go through it */
    tkg_error *err;
    sqlite3 *db;
    const char *path;
    sym file;
    int rc; /* the first error that is not about the base's content */
} checker;

static int report(checker *c, int64_t row, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int report(checker *c, int64_t row, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uint32_t line = row < 1 ? 0 : row > UINT32_MAX ? UINT32_MAX : (uint32_t)row;
    int rc = store_vreport(c->s, c->err, (origin){c->file, line, (uint32_t)column}, fmt, ap);
    va_end(ap);
    return rc;
}

static bool sql_failed(checker *c, int rc)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return false;
    if (c->rc == TKG_OK) {
        tkg_error e;
        tkg_error_clear(&e);
        c->rc = sqlite_base_fail(&e, c->db, rc, c->path);
        if (c->rc == TKG_EINPUT)
            store_report_error(c->s, c->err, &e);
        else
            tkg_error_keep(c->err, &e);
    }
    return true;
}

static sqlite3_stmt *prepare(checker *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (c->rc == TKG_OK && sql_failed(c, sqlite3_prepare_v2(c->db, sql, -1, &st, NULL))) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static bool next(checker *c, sqlite3_stmt *st)
{
    if (!st || store_too_many_errors(c->s))
        return false;
    int rc = sqlite3_step(st);
    sql_failed(c, rc);
    return rc == SQLITE_ROW;
}

static const char *text_at(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* "'text'" or "NULL" for messages, into buf. */
static const char *quoted(char *buf, size_t size, const char *text)
{
    if (text)
        snprintf(buf, size, "'%s'", text);
    else
        snprintf(buf, size, "NULL");
    return buf;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- SQLite's own checks */

static void check_integrity(checker *c)
{
    sqlite3_stmt *st = prepare(c, "PRAGMA integrity_check");
    while (next(c, st)) {
        const char *msg = text_at(st, 0);
        if (msg && strcmp(msg, "ok") != 0)
            report(c, 0, 0, "integrity_check: %s", msg);
    }
    sqlite3_finalize(st);
}

/* The tables of the schema, and for each the column that each of its foreign keys reads. */
static const char *const tables[] = {"entity_kinds", "relation_kinds", "sources",
                                     "entities",     "names",          "relations",
                                     "attributes",   "citations",      "meta"};

static bool known_table(const char *name)
{
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        if (name && strcmp(name, tables[i]) == 0)
            return true;
    return false;
}

/* The reader checks the endpoints of relations and the owners and sources of names,
 * attributes and citations itself (read_sqlite.c, read_sqlite_rows.c): their foreign keys are not
 * reported twice. */
static bool checked_by_reader(const char *table, const char *column)
{
    return strcmp(table, "names") == 0 || strcmp(table, "attributes") == 0 ||
           strcmp(table, "citations") == 0 ||
           (strcmp(table, "relations") == 0 &&
            (strcmp(column, "from_entity") == 0 || strcmp(column, "to_entity") == 0));
}

/* True when row `row` of `table` (entities or relations) has a kind that the ontology in
 * use lacks: the reader reported it. */
static bool unknown_kind(checker *c, const char *table, int64_t row)
{
    bool entities = strcmp(table, "entities") == 0;
    if (!entities && strcmp(table, "relations") != 0)
        return false;
    sqlite3_stmt *st = prepare(c, entities ? "SELECT kind FROM entities WHERE row = ?1"
                                           : "SELECT kind FROM relations WHERE row = ?1");
    bool unknown = false;
    if (st && sqlite3_bind_int64(st, 1, row) == SQLITE_OK && next(c, st)) {
        const char *kind = text_at(st, 0);
        const tkg_ontology *o = c->s->ontology;
        unknown = !kind || (entities ? tkg_ontology_entity_kind(o, kind)
                                     : tkg_ontology_relation_kind(o, kind)) == TKG_NO_KIND;
    }
    sqlite3_finalize(st);
    return unknown;
}

static void check_foreign_keys(checker *c)
{
    sqlite3_stmt *st = prepare(c, "PRAGMA foreign_key_check");
    sqlite3_stmt *fk = prepare(c, "SELECT f.\"from\", t.cid FROM pragma_foreign_key_list(?1) f "
                                  "JOIN pragma_table_info(?1) t ON t.name = f.\"from\" "
                                  "WHERE f.id = ?2");
    while (fk && next(c, st)) {
        const char *table = text_at(st, 0), *parent = text_at(st, 2);
        int64_t row = sqlite3_column_int64(st, 1);
        if (!known_table(table))
            continue;
        sqlite3_reset(fk);
        sqlite3_bind_text(fk, 1, table, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(fk, 2, sqlite3_column_int64(st, 3));
        if (!next(c, fk))
            report(c, row, 1, "%s: a foreign key refers to no row of %s (foreign_key_check)", table,
                   parent ? parent : "?");
        else if (!checked_by_reader(table, text_at(fk, 0)) && !unknown_kind(c, table, row))
            report(c, row, (int)sqlite3_column_int64(fk, 1) + 1,
                   "%s.%s: refers to no row of %s (foreign_key_check)", table, text_at(fk, 0),
                   parent ? parent : "?");
    }
    sqlite3_finalize(fk);
    sqlite3_finalize(st);
}

/* ---- meta */

static bool check_meta(checker *c, tkg_policy *policy)
{
    sqlite3_stmt *st = prepare(c, "SELECT rowid, value FROM meta WHERE key = 'date_policy'");
    bool ok = false;
    if (next(c, st)) {
        const char *v = text_at(st, 1);
        ok = v && (strcmp(v, "inclusive") == 0 || strcmp(v, "strict") == 0);
        if (ok)
            *policy = strcmp(v, "strict") == 0 ? TKG_POLICY_STRICT : TKG_POLICY_INCLUSIVE;
        else {
            char q[80];
            report(c, sqlite3_column_int64(st, 0), 2,
                   "meta.value: date_policy is %s, expected 'inclusive' or 'strict'",
                   quoted(q, sizeof q, v));
        }
    } else if (c->rc == TKG_OK) {
        report(c, 0, 0, "meta: no date_policy (inclusive or strict)");
    }
    sqlite3_finalize(st);
    return ok;
}

/* ---- the ontology tables against the ontology in use */

static const char *kind_name(const tkg_ontology *o, uint32_t k)
{
    return k == TKG_NO_KIND ? NULL : tkg_entity_kind_name(o, k);
}

static void check_entity_kinds(checker *c, const tkg_ontology *o)
{
    size_t n = tkg_ontology_entity_kind_count(o);
    bool *seen = calloc(n ? n : 1, sizeof *seen);
    sqlite3_stmt *st = prepare(c, "SELECT rowid, name, parent FROM entity_kinds ORDER BY rowid");
    if (!seen) {
        sql_failed(c, SQLITE_NOMEM);
        sqlite3_finalize(st);
        return;
    }
    while (next(c, st)) {
        const char *name = text_at(st, 1);
        uint32_t k = name ? tkg_ontology_entity_kind(o, name) : TKG_NO_KIND;
        if (k == TKG_NO_KIND)
            continue; /* reported by the reader */
        seen[k] = true;
        const char *parent = kind_name(o, tkg_entity_kind_parent(o, k)), *have = text_at(st, 2);
        char q1[128], q2[128];
        if (!same_text(parent, have))
            report(c, sqlite3_column_int64(st, 0), 3,
                   "entity_kinds.parent: %s, but the ontology in use makes '%s' a kind of %s",
                   quoted(q1, sizeof q1, have), name, quoted(q2, sizeof q2, parent));
    }
    sqlite3_finalize(st);
    for (uint32_t k = 0; k < n && c->rc == TKG_OK; k++)
        if (!seen[k])
            report(c, 0, 0,
                   "entity_kinds: the ontology in use has the entity kind '%s', which the "
                   "base lacks",
                   tkg_entity_kind_name(o, k));
    free(seen);
}

static void check_relation_kinds(checker *c, const tkg_ontology *o)
{
    size_t n = tkg_ontology_relation_kind_count(o);
    bool *seen = calloc(n ? n : 1, sizeof *seen);
    sqlite3_stmt *st =
        prepare(c, "SELECT rowid, name, domain, range, symmetric, dated FROM relation_kinds "
                   "ORDER BY rowid");
    if (!seen) {
        sql_failed(c, SQLITE_NOMEM);
        sqlite3_finalize(st);
        return;
    }
    while (next(c, st)) {
        const char *name = text_at(st, 1);
        uint32_t k = name ? tkg_ontology_relation_kind(o, name) : TKG_NO_KIND;
        if (k == TKG_NO_KIND)
            continue; /* reported by the reader */
        seen[k] = true;
        int64_t row = sqlite3_column_int64(st, 0);
        char q1[128], q2[128];
        const char *domain = kind_name(o, tkg_relation_kind_domain(o, k));
        const char *range = kind_name(o, tkg_relation_kind_range(o, k));
        if (!same_text(domain, text_at(st, 2)))
            report(c, row, 4,
                   "relation_kinds.domain: %s, but '%s' goes from %s in the ontology "
                   "in use",
                   quoted(q1, sizeof q1, text_at(st, 2)), name, quoted(q2, sizeof q2, domain));
        if (!same_text(range, text_at(st, 3)))
            report(c, row, 5,
                   "relation_kinds.range: %s, but '%s' goes to %s in the ontology in "
                   "use",
                   quoted(q1, sizeof q1, text_at(st, 3)), name, quoted(q2, sizeof q2, range));
        if (sqlite3_column_int64(st, 4) != tkg_relation_kind_symmetric(o, k))
            report(c, row, 6,
                   "relation_kinds.symmetric: %lld, but '%s' is %ssymmetric in the "
                   "ontology in use",
                   (long long)sqlite3_column_int64(st, 4), name,
                   tkg_relation_kind_symmetric(o, k) ? "" : "not ");
        if (sqlite3_column_int64(st, 5) != tkg_relation_kind_dated(o, k))
            report(c, row, 7,
                   "relation_kinds.dated: %lld, but '%s' is %sdated in the ontology "
                   "in use",
                   (long long)sqlite3_column_int64(st, 5), name,
                   tkg_relation_kind_dated(o, k) ? "" : "not ");
    }
    sqlite3_finalize(st);
    for (uint32_t k = 0; k < n && c->rc == TKG_OK; k++)
        if (!seen[k] && !tkg_relation_kind_implicit(o, k))
            report(c, 0, 0,
                   "relation_kinds: the ontology in use has the relation kind '%s', "
                   "which the base lacks",
                   tkg_relation_kind_name(o, k));
    free(seen);
}

/* ---- generated ids */

/* True when `id` is e<n> or e<n>_<k>. */
static bool generated_id(const char *id, int64_t n)
{
    char want[32];
    int len = snprintf(want, sizeof want, "e%" PRId64, n);
    if (!id || strncmp(id, want, (size_t)len) != 0)
        return false;
    const char *p = id + len;
    if (*p == '\0')
        return true;
    if (*p++ != '_' || *p < '1' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

static void check_ids(checker *c)
{
    sqlite3_stmt *st = prepare(c, "SELECT row, id FROM relations WHERE own_id = 0 ORDER BY row");
    while (next(c, st)) {
        int64_t row = sqlite3_column_int64(st, 0);
        const char *id = text_at(st, 1);
        if (!generated_id(id, row - 1))
            report(c, row, 2,
                   "relations.id: '%s' is not the id generated for row %lld (e%lld), "
                   "but own_id is 0",
                   id ? id : "", (long long)row, (long long)(row - 1));
    }
    sqlite3_finalize(st);
}

/* ---- derived days */

/* Compares the first_day and last_day of the current row of `st` (columns 1 and 2) with those
 * of `iv`. */
static void check_days(checker *c, sqlite3_stmt *st, const char *table, tkg_interval iv,
                       const char *policy)
{
    int64_t row = sqlite3_column_int64(st, 0);
    char want[2][16], q1[64], q2[64];
    const char *have[2] = {text_at(st, 1), text_at(st, 2)};
    const char *expect[2] = {first_day_text(iv, want[0]) ? want[0] : NULL,
                             last_day_text(iv, want[1]) ? want[1] : NULL};
    static const char *const names[2] = {"first_day", "last_day"};
    for (int i = 0; i < 2; i++)
        if (!same_text(have[i], expect[i]))
            report(c, row, 8 + i, "%s.%s: %s, but the raw bounds give %s (date policy %s)", table,
                   names[i], quoted(q1, sizeof q1, have[i]), quoted(q2, sizeof q2, expect[i]),
                   policy);
}

/* Compares the start_precision and end_precision of the current row of `st` (columns 3 and 4)
 * with the precision of the raw bounds `start` and `end` as store `d` read them (the reader
 * takes the precision from the raw text and does not read these columns). */
static void check_precision(checker *c, sqlite3_stmt *st, const tkg_store *d, const char *table,
                            bound start, bound end)
{
    static const char *const precision_names[] = {NULL, "year", "month", "day"};
    static const char *const which[2] = {"start", "end"};
    int64_t row = sqlite3_column_int64(st, 0);
    bound b[2] = {start, end};
    for (int i = 0; i < 2; i++) {
        const char *have = text_at(st, 3 + i);
        const char *want = b[i].raw && b[i].prec < 4 ? precision_names[b[i].prec] : NULL;
        if (same_text(have, want))
            continue;
        if (!b[i].raw)
            report(c, row, 10 + i, "%s.%s_precision: '%s' for an open bound (%s_raw is NULL)",
                   table, which[i], have, which[i]);
        else {
            char q[64];
            report(c, row, 10 + i, "%s.%s_precision: %s, but %s_raw '%s' is a date to the %s",
                   table, which[i], quoted(q, sizeof q, have), which[i], store_str(d, b[i].raw),
                   want ? want : "?");
        }
    }
}

static void check_derived(checker *c, tkg_policy policy)
{
    tkg_store *d = NULL;
    tkg_error e;
    tkg_error_clear(&e);
    tkg_store_options opt = c->s->opt;
    opt.policy = policy;
    opt.report = NULL;
    opt.warn = NULL;
    opt.progress = false;
    opt.loose_kinds = true;
    opt.max_errors = 1;
    const char *pname = policy == TKG_POLICY_STRICT ? "strict" : "inclusive";
    if (tkg_store_new(&d, &opt, &e) != TKG_OK) {
        tkg_error_keep(c->err, &e);
        c->rc = e.code;
        return;
    }
    /* Problems of the rows themselves are the reader's to report: without a store that reads
     * the base whole, there is nothing to compare with. */
    if (sqlite_base_load(d, c->db, c->path, false, &e) != TKG_OK ||
        tkg_store_finish(d, &e) != TKG_OK) {
        tkg_store_free(d);
        return;
    }
    sqlite3_stmt *st = prepare(c, "SELECT row, first_day, last_day, start_precision, "
                                  "end_precision FROM entities ORDER BY row");
    for (uint32_t k = 0; next(c, st) && k < d->entity_count; k++)
        if (d->entities[k].where.line == (uint32_t)sqlite3_column_int64(st, 0)) {
            const entity_row *x = &d->entities[k];
            /* (an implicit entity has no lifespan: its bounds are not the base's) */
            check_days(c, st, "entities", x->life, pname);
            if (x->state != ENTITY_IMPLICIT)
                check_precision(c, st, d, "entities", x->start, x->end);
        }
    sqlite3_finalize(st);
    st = prepare(c, "SELECT row, first_day, last_day, start_precision, end_precision FROM "
                    "relations ORDER BY row");
    for (uint32_t r = 0; next(c, st) && r < d->relation_count; r++)
        if (d->relations[r].where.line == (uint32_t)sqlite3_column_int64(st, 0)) {
            check_days(c, st, "relations", tkg_relation_interval(d, r), pname);
            check_precision(c, st, d, "relations", d->relations[r].start, d->relations[r].end);
        }
    sqlite3_finalize(st);
    tkg_store_free(d);
}

int sqlite_base_check(tkg_store *s, const char *path, tkg_error *err)
{
    checker c = {.s = s, .err = err, .path = path};
    tkg_error e;
    tkg_error_clear(&e);
    unsigned before = tkg_store_error_count(s);
    /* A file that is not a base was reported when it was read. */
    /* SQLite checks CHECK constraints in integrity_check on a connection that may write
     * only: this one may, but is made query-only (nothing is written, no file is created for
     * a base in rollback journal mode); a file that cannot be opened so is checked read-only. */
    if (sqlite_base_open(&c.db, path, SQLITE_OPEN_READWRITE, &e) == TKG_OK)
        sql_failed(&c, sqlite3_exec(c.db, "PRAGMA query_only = ON", NULL, NULL, NULL));
    else if (sqlite_base_open(&c.db, path, SQLITE_OPEN_READONLY, &e) != TKG_OK)
        return TKG_OK;
    if (!(c.file = store_intern(s, path, strlen(path), err))) {
        sqlite3_close(c.db);
        return TKG_ENOMEM;
    }
    tkg_policy policy = TKG_POLICY_INCLUSIVE;
    check_integrity(&c);
    check_foreign_keys(&c);
    bool has_policy = check_meta(&c, &policy);
    check_entity_kinds(&c, s->ontology);
    check_relation_kinds(&c, s->ontology);
    check_ids(&c);
    if (has_policy && c.rc == TKG_OK && !store_too_many_errors(s))
        check_derived(&c, policy);
    sqlite3_close(c.db);
    if (c.rc == TKG_OK && tkg_store_error_count(s) != before)
        return store_too_many_errors(s) ? TKG_ELIMIT : TKG_EINPUT;
    return c.rc;
}

static bool is_base_name(const char *path)
{
    size_t n = strlen(path);
    return (n >= 7 && strcmp(path + n - 7, ".sqlite") == 0) ||
           (n >= 3 && strcmp(path + n - 3, ".db") == 0);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks the bases of directory `path` (as input.c reads them: in sorted order, hidden files
 * skipped). */
static int check_directory(tkg_store *s, const char *path, tkg_error *err)
{
    DIR *dir = opendir(path);
    if (!dir)
        return TKG_OK; /* the reader said why */
    char **names = NULL;
    size_t count = 0, cap = 0;
    int rc = TKG_OK;
    struct dirent *d;
    while (rc == TKG_OK && (d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.' || !is_base_name(d->d_name))
            continue;
        size_t len = strlen(path) + 1 + strlen(d->d_name) + 1;
        char **more =
            count == cap ? realloc(names, (cap = cap ? cap * 2 : 8) * sizeof *names) : names;
        char *name = more ? malloc(len) : NULL;
        if (more)
            names = more;
        if (!name) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        snprintf(name, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", d->d_name);
        names[count++] = name;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        int r = rc == TKG_OK || rc == TKG_EINPUT ? sqlite_base_check(s, names[i], err) : TKG_OK;
        if (r != TKG_OK && (rc == TKG_OK || (rc == TKG_EINPUT && r != TKG_EINPUT)))
            rc = r;
        free(names[i]);
    }
    free(names);
    return rc;
}

int tkg_store_check_sqlite(tkg_store *s, const char *path, tkg_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return check_directory(s, path, err);
    return is_base_name(path) ? sqlite_base_check(s, path, err) : TKG_OK;
}
