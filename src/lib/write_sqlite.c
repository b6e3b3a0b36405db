/* The SQLite base: the view's entities, relations, names, attributes, citations, the sources
 * and the ontology, in the schema of sqlite_schema.c (docs/sqlite.md). The base is built in
 * memory in one transaction, with prepared statements only, then serialized into the sink, so
 * that a file is replaced atomically like every other output (outfile.c). */
#include "sqlite_rows.h"
#include "write.h"
#include "write_sqlite.h"

#include <sqlite3.h>
#include <stdio.h>

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
        sqlite_rows_source(d, s, src);
    for (size_t i = 0; i < c->ne && d->rc == SQLITE_OK; i++) {
        uint32_t e = c->ent[i];
        int64_t row = (int64_t)e + 1;
        sqlite_rows_entity(d, s, e, row);
        for (size_t k = 0; k < tkg_entity_name_count(s, e); k++)
            sqlite_rows_name(d, s, e, k, row);
        for (size_t k = 0; k < tkg_entity_attr_count(s, e); k++)
            sqlite_rows_attr(d, tkg_entity_attr(s, e, k), row, 0);
        for (size_t k = 0; k < tkg_entity_citation_count(s, e); k++)
            sqlite_rows_citation(d, s, tkg_entity_citation(s, e, k), row, 0);
    }
    for (size_t i = 0; i < c->nr && d->rc == SQLITE_OK; i++) {
        uint32_t r = c->rel[i];
        int64_t row = (int64_t)r + 1;
        sqlite_rows_relation(d, s, r, row, (int64_t)tkg_relation_from(s, r) + 1,
                             (int64_t)tkg_relation_to(s, r) + 1);
        for (size_t k = 0; k < tkg_relation_attr_count(s, r); k++)
            sqlite_rows_attr(d, tkg_relation_attr(s, r, k), 0, row);
        for (size_t k = 0; k < tkg_relation_citation_count(s, r); k++)
            sqlite_rows_citation(d, s, tkg_relation_citation(s, r, k), 0, row);
    }
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
    int rc = wctx_init(&c, out, s, v, opt, ESC_JSON, true, err);
    if (rc != TKG_OK)
        return rc;
    d.rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", TKG_DB_FORMAT_VERSION);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(db, pragma, NULL, NULL, NULL);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; sqlite_schema_sql[i] && d.rc == SQLITE_OK; i++)
        d.rc = sqlite3_exec(db, sqlite_schema_sql[i], NULL, NULL, NULL);
    if (d.rc == SQLITE_OK)
        sqlite_rows_prepare(&d, db);
    if (d.rc == SQLITE_OK)
        put_model(&d, &c);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (d.rc == SQLITE_OK && !(image = sqlite3_serialize(db, "main", &size, 0)))
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
    sink_put(out, image, (size_t)size);
    rc = wctx_status(&c, TKG_OK, err);
done:
    sqlite3_free(image);
    sqlite_rows_finalize(&d);
    sqlite3_close(db);
    wctx_free(&c);
    return rc;
}
