/* The SQLite base: the view's entities, relations, names, attributes, citations, the sources
 * and the ontology, in the schema of sqlite_schema.c (docs/sqlite.md), with prepared
 * statements only (sqlite_rows.c). Into a file, the base is built directly in the sink's
 * temporary file, without a journal or a sync while it is built: the file becomes the target
 * only when the sink's commit has synced it and renamed it over the target, like every other
 * output (outfile.c), and a failure removes it. Into standard output or memory, it is built
 * in memory and serialized into the sink. The tables are filled first and their indexes
 * made after, each by one sort rather than by an insertion per row. */
#include "sqlite_rows.h"
#include "write.h"
#include "write_sqlite.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void put_model(sqlite_rows *d, const wctx *c)
{
    const tkg_store *s = c->s;
    char version[16];
    snprintf(version, sizeof version, "%d", TKG_DB_FORMAT_VERSION);
    sqlite_rows_meta(d, "format", TKG_DB_FORMAT_NAME);
    sqlite_rows_meta(d, "version", version);
    sqlite_rows_meta(d, "date_policy", s->opt.policy == TKG_POLICY_STRICT ? "strict" : "inclusive");
    sqlite_rows_ontology(d, c->o, NULL, NULL);
    for (uint32_t src = 0; src < tkg_store_source_count(s); src++)
        sqlite_rows_source(d, s, src, (int64_t)src + 1);
    for (size_t i = 0; i < c->ne && d->rc == SQLITE_OK; i++) {
        uint32_t e = c->ent[i];
        int64_t row = (int64_t)e + 1;
        sqlite_rows_entity(d, s, e, row);
        for (size_t k = 0; k < tkg_entity_name_count(s, e); k++)
            sqlite_rows_name(d, s, e, k, row);
        for (size_t k = 0; k < tkg_entity_attr_count(s, e); k++)
            sqlite_rows_attr(d, tkg_entity_attr(s, e, k), row, 0);
        for (size_t k = 0; k < tkg_entity_citation_count(s, e); k++) {
            tkg_citation cite = tkg_entity_citation(s, e, k);
            sqlite_rows_citation(d, cite, (int64_t)cite.source + 1, row, 0);
        }
    }
    for (size_t i = 0; i < c->nr && d->rc == SQLITE_OK; i++) {
        uint32_t r = c->rel[i];
        int64_t row = (int64_t)r + 1;
        sqlite_rows_relation(d, s, r, row, (int64_t)tkg_relation_from(s, r) + 1,
                             (int64_t)tkg_relation_to(s, r) + 1);
        for (size_t k = 0; k < tkg_relation_attr_count(s, r); k++)
            sqlite_rows_attr(d, tkg_relation_attr(s, r, k), 0, row);
        for (size_t k = 0; k < tkg_relation_citation_count(s, r); k++) {
            tkg_citation cite = tkg_relation_citation(s, r, k);
            sqlite_rows_citation(d, cite, (int64_t)cite.source + 1, 0, row);
        }
    }
}

static bool is_index(const char *sql)
{
    return strncmp(sql, "CREATE INDEX ", 13) == 0 || strncmp(sql, "CREATE UNIQUE INDEX ", 20) == 0;
}

static void run_sql(sqlite_rows *d, sqlite3 *db, const char *sql)
{
    if (d->rc == SQLITE_OK)
        d->rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Opens the database the base is built in: the sink's temporary file (`direct`), else
 * memory. The file's name is given to SQLite as a path, never as a URI ("./" before a
 * relative name, which could otherwise start with "file:"). */
static sqlite3 *open_db(sqlite_rows *d, const tkg_sink *out, bool direct)
{
    sqlite3 *db = NULL;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX; /* one thread uses it */
    if (!direct) {
        d->rc = sqlite3_open_v2(":memory:", &db, flags, NULL);
        return db;
    }
    size_t n = strlen(out->tmp) + 3;
    char *name = malloc(n);
    if (!name) {
        d->rc = SQLITE_NOMEM;
        return NULL;
    }
    snprintf(name, n, "%s%s", out->tmp[0] == '/' ? "" : "./", out->tmp);
    d->rc = sqlite3_open_v2(name, &db, flags, NULL);
    free(name);
    /* No journal and no sync while it is built: until the sink's commit, the file is a
     * temporary that a failure removes, and the commit syncs it before the rename. One
     * connection holds it: no lock taken and released per transaction. */
    run_sql(d, db, "PRAGMA journal_mode = OFF");
    run_sql(d, db, "PRAGMA synchronous = OFF");
    run_sql(d, db, "PRAGMA locking_mode = EXCLUSIVE");
    return db;
}

/* Closes the connection of a base built in the sink's temporary file, so that every page is
 * in the file, and counts the file's bytes as written to the sink. */
static int close_direct(sqlite_rows *d, sqlite3 *db, tkg_sink *out, tkg_error *err)
{
    struct stat st;
    sqlite_rows_finalize(d);
    int rc = sqlite3_close(db);
    if (rc != SQLITE_OK)
        return tkg_fail(err, TKG_EIO, NULL, 0, 0, "%s: SQLite: %s", out->path, sqlite3_errstr(rc));
    if (fstat(out->fd, &st) != 0)
        return tkg_fail(err, TKG_EIO, NULL, 0, 0, "%s: cannot write: %s", out->path,
                        strerror(errno));
    out->total = (uint64_t)st.st_size;
    return TKG_OK;
}

int tkg_write_sqlite(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    sqlite_rows d = {0};
    sqlite3 *db = NULL;
    unsigned char *image = NULL;
    sqlite3_int64 size = 0;
    char pragma[64];
    /* A file sink that has a temporary file and nothing in it yet: the base is built there. */
    bool direct = out->kind == SINK_FILE && out->tmp && out->total == 0;
    int rc = wctx_init(&c, out, s, v, opt, ESC_JSON, true, err);
    if (rc != TKG_OK)
        return rc;
    db = open_db(&d, out, direct);
    /* A small cache (negative: KiB) is faster: the sorts that make the indexes work in runs
     * of the cache's size, merged after, and runs of 4 MiB sort in the processor's caches
     * (at 10^6 relations, 4 MiB made the indexes in 2.9 s of CPU, 128 MiB in 4.4 s); the
     * tables only grow at their end, and the id indexes by insertions in nearly sorted
     * order. Nothing is deleted while the base is built: no freed page to overwrite with
     * zeros (Debian's SQLite sets secure_delete). The rows come from one store, whose
     * references all hold: foreign keys are not checked row by row (PRAGMA
     * foreign_key_check finds nothing; the tests run it). */
    run_sql(&d, db, "PRAGMA cache_size = -4096");
    run_sql(&d, db, "PRAGMA secure_delete = OFF");
    run_sql(&d, db, "PRAGMA foreign_keys = OFF");
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", TKG_DB_FORMAT_VERSION);
    run_sql(&d, db, pragma);
    run_sql(&d, db, "BEGIN");
    for (size_t i = 0; sqlite_schema_sql[i]; i++)
        if (!is_index(sqlite_schema_sql[i]))
            run_sql(&d, db, sqlite_schema_sql[i]);
    if (d.rc == SQLITE_OK)
        sqlite_rows_prepare(&d, db);
    if (d.rc == SQLITE_OK)
        put_model(&d, &c);
    for (size_t i = 0; sqlite_schema_sql[i]; i++)
        if (is_index(sqlite_schema_sql[i]))
            run_sql(&d, db, sqlite_schema_sql[i]);
    run_sql(&d, db, "COMMIT");
    if (d.rc == SQLITE_OK && !direct && !(image = sqlite3_serialize(db, "main", &size, 0)))
        d.rc = SQLITE_NOMEM;
    if (d.rc == SQLITE_NOMEM) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (d.rc != SQLITE_OK) {
        rc =
            tkg_fail(err, TKG_EIO, NULL, 0, 0, "%s: SQLite: %s", out->path ? out->path : "<sqlite>",
                     db ? sqlite3_errmsg(db) : sqlite3_errstr(d.rc));
        goto done;
    }
    if (direct) {
        rc = close_direct(&d, db, out, err);
        db = NULL;
        if (rc != TKG_OK)
            goto done;
    } else {
        sink_put(out, image, (size_t)size);
    }
    rc = wctx_status(&c, TKG_OK, err);
done:
    sqlite3_free(image);
    sqlite_rows_finalize(&d);
    sqlite3_close(db);
    wctx_free(&c);
    return rc;
}
