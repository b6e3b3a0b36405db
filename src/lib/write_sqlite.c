/* The SQLite base: the view's entities, relations, names, attributes, citations, the sources
 * and the ontology, in the schema of sqlite_schema.c (docs/sqlite.md). The base is built in
 * memory in one transaction, with prepared statements only, then serialized into the sink, so
 * that a file is replaced atomically like every other output (outfile.c). */
#include "write.h"
#include "write_sqlite.h"

#include <sqlite3.h>
#include <stdio.h>

enum {
    ST_META,
    ST_EKIND,
    ST_RKIND,
    ST_SOURCE,
    ST_ENTITY,
    ST_NAME,
    ST_RELATION,
    ST_ATTR,
    ST_CITE,
    ST_COUNT
};

static const char *const statements[ST_COUNT] = {
    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
    "INSERT INTO entity_kinds (name, label, parent) VALUES (?1, ?2, ?3)",
    "INSERT INTO relation_kinds (name, label, domain, range, symmetric, dated, implicit) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO sources (id, title, publisher, date, url, lang) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO entities (row, id, kind, label, external_id, start_raw, end_raw, first_day, "
    "last_day, start_precision, end_precision, implicit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11, ?12)",
    "INSERT INTO names (entity, lang, text, alias) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO relations (row, id, kind, from_entity, to_entity, start_raw, end_raw, "
    "first_day, last_day, start_precision, end_precision, own_id) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "INSERT INTO attributes (entity, relation, key, type, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO citations (entity, relation, source, quote, line) VALUES (?1, ?2, ?3, ?4, ?5)"};

typedef struct db_ctx {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    int rc; /* the first SQLite error */
} db_ctx;

static const char *const type_names[] = {"string", "int", "double", "bool", "date"};

/* Binds text (NULL: SQL NULL) to parameter i, copied by SQLite. */
static void bind_text(db_ctx *d, int s, int i, const char *text)
{
    if (d->rc != SQLITE_OK)
        return;
    d->rc = text ? sqlite3_bind_text(d->st[s], i, text, -1, SQLITE_TRANSIENT)
                 : sqlite3_bind_null(d->st[s], i);
}

static void bind_int(db_ctx *d, int s, int i, int64_t v)
{
    if (d->rc == SQLITE_OK)
        d->rc = sqlite3_bind_int64(d->st[s], i, v);
}

static void bind_null(db_ctx *d, int s, int i)
{
    if (d->rc == SQLITE_OK)
        d->rc = sqlite3_bind_null(d->st[s], i);
}

/* Runs statement s with what is bound, then clears it for the next row. */
static void step(db_ctx *d, int s)
{
    if (d->rc == SQLITE_OK) {
        int rc = sqlite3_step(d->st[s]);
        d->rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_reset(d->st[s]);
    sqlite3_clear_bindings(d->st[s]);
}

static const char *kind_or_null(const tkg_ontology *o, uint32_t k)
{
    return k == TKG_NO_KIND ? NULL : tkg_entity_kind_name(o, k);
}

/* The dates of an entity or a relation, parameters 6 to 11 of its statement. */
static void bind_dates(db_ctx *d, int s, tkg_interval iv, tkg_bound start, tkg_bound end)
{
    char first[16], last[16];
    bind_text(d, s, 6, start.raw);
    bind_text(d, s, 7, end.raw);
    bind_text(d, s, 8, first_day_text(iv, first) ? first : NULL);
    bind_text(d, s, 9, last_day_text(iv, last) ? last : NULL);
    bind_text(d, s, 10, start.raw ? precision_name(start.precision) : NULL);
    bind_text(d, s, 11, end.raw ? precision_name(end.precision) : NULL);
}

static void put_attr(db_ctx *d, tkg_attr a, int64_t entity, int64_t relation)
{
    if (entity)
        bind_int(d, ST_ATTR, 1, entity);
    else
        bind_int(d, ST_ATTR, 2, relation);
    bind_text(d, ST_ATTR, 3, a.key);
    bind_text(d, ST_ATTR, 4, type_names[a.type]);
    bind_text(d, ST_ATTR, 5, a.value);
    step(d, ST_ATTR);
}

static void put_citation(db_ctx *d, const tkg_store *s, tkg_citation c, int64_t entity,
                         int64_t relation)
{
    if (entity)
        bind_int(d, ST_CITE, 1, entity);
    else
        bind_int(d, ST_CITE, 2, relation);
    bind_text(d, ST_CITE, 3, tkg_source_id(s, c.source));
    bind_text(d, ST_CITE, 4, c.quote);
    if (c.line)
        bind_int(d, ST_CITE, 5, c.line);
    else
        bind_null(d, ST_CITE, 5);
    step(d, ST_CITE);
}

static void put_ontology(db_ctx *d, const tkg_ontology *o)
{
    size_t ne = tkg_ontology_entity_kind_count(o), nr = tkg_ontology_relation_kind_count(o);
    /* Parents first, as the foreign key checks each row when it is inserted. */
    for (size_t depth = 0, done = 0; done < ne && depth <= ne; depth++)
        for (uint32_t k = 0; k < ne; k++) {
            size_t level = 0;
            for (uint32_t p = tkg_entity_kind_parent(o, k); p != TKG_NO_KIND;
                 p = tkg_entity_kind_parent(o, p))
                level++;
            if (level != depth)
                continue;
            bind_text(d, ST_EKIND, 1, tkg_entity_kind_name(o, k));
            bind_text(d, ST_EKIND, 2, tkg_entity_kind_label(o, k));
            bind_text(d, ST_EKIND, 3, kind_or_null(o, tkg_entity_kind_parent(o, k)));
            step(d, ST_EKIND);
            done++;
        }
    for (uint32_t k = 0; k < nr; k++) {
        bind_text(d, ST_RKIND, 1, tkg_relation_kind_name(o, k));
        bind_text(d, ST_RKIND, 2, tkg_relation_kind_label(o, k));
        bind_text(d, ST_RKIND, 3, kind_or_null(o, tkg_relation_kind_domain(o, k)));
        bind_text(d, ST_RKIND, 4, kind_or_null(o, tkg_relation_kind_range(o, k)));
        bind_int(d, ST_RKIND, 5, tkg_relation_kind_symmetric(o, k));
        bind_int(d, ST_RKIND, 6, tkg_relation_kind_dated(o, k));
        bind_int(d, ST_RKIND, 7, tkg_relation_kind_implicit(o, k));
        step(d, ST_RKIND);
    }
}

static void put_model(db_ctx *d, const wctx *c)
{
    const tkg_store *s = c->s;
    char version[16], id[512];
    snprintf(version, sizeof version, "%d", TKG_DB_FORMAT_VERSION);
    const char *meta[][2] = {
        {"format", TKG_DB_FORMAT_NAME},
        {"version", version},
        {"date_policy", s->opt.policy == TKG_POLICY_STRICT ? "strict" : "inclusive"}};
    for (size_t i = 0; i < 3; i++) {
        bind_text(d, ST_META, 1, meta[i][0]);
        bind_text(d, ST_META, 2, meta[i][1]);
        step(d, ST_META);
    }
    put_ontology(d, c->o);
    for (uint32_t src = 0; src < tkg_store_source_count(s); src++) {
        bind_text(d, ST_SOURCE, 1, tkg_source_id(s, src));
        bind_text(d, ST_SOURCE, 2, tkg_source_title(s, src));
        bind_text(d, ST_SOURCE, 3, tkg_source_publisher(s, src));
        bind_text(d, ST_SOURCE, 4, tkg_source_published(s, src));
        bind_text(d, ST_SOURCE, 5, tkg_source_url(s, src));
        bind_text(d, ST_SOURCE, 6, tkg_source_lang(s, src));
        step(d, ST_SOURCE);
    }
    for (size_t i = 0; i < c->ne && d->rc == SQLITE_OK; i++) {
        uint32_t e = c->ent[i];
        int64_t row = (int64_t)e + 1;
        bind_int(d, ST_ENTITY, 1, row);
        bind_text(d, ST_ENTITY, 2, tkg_entity_id(s, e));
        bind_text(d, ST_ENTITY, 3, tkg_entity_kind_name(c->o, tkg_entity_kind(s, e)));
        bind_text(d, ST_ENTITY, 4, tkg_entity_label(s, e, NULL));
        bind_text(d, ST_ENTITY, 5, tkg_entity_external_id(s, e));
        bind_dates(d, ST_ENTITY, tkg_entity_lifespan(s, e), tkg_entity_start(s, e),
                   tkg_entity_end(s, e));
        bind_int(d, ST_ENTITY, 12, s->entities[e].state == ENTITY_IMPLICIT);
        step(d, ST_ENTITY);
        for (size_t k = 0; k < tkg_entity_name_count(s, e); k++) {
            tkg_name n = tkg_entity_name(s, e, k);
            bind_int(d, ST_NAME, 1, row);
            bind_text(d, ST_NAME, 2, n.lang);
            bind_text(d, ST_NAME, 3, n.text);
            bind_int(d, ST_NAME, 4, n.alias);
            step(d, ST_NAME);
        }
        for (size_t k = 0; k < tkg_entity_attr_count(s, e); k++)
            put_attr(d, tkg_entity_attr(s, e, k), row, 0);
        for (size_t k = 0; k < tkg_entity_citation_count(s, e); k++)
            put_citation(d, s, tkg_entity_citation(s, e, k), row, 0);
    }
    for (size_t i = 0; i < c->nr && d->rc == SQLITE_OK; i++) {
        uint32_t r = c->rel[i];
        int64_t row = (int64_t)r + 1;
        tkg_relation_edge_id(id, sizeof id, s, r);
        bind_int(d, ST_RELATION, 1, row);
        bind_text(d, ST_RELATION, 2, id);
        bind_text(d, ST_RELATION, 3, tkg_relation_kind_name(c->o, tkg_relation_kind(s, r)));
        bind_int(d, ST_RELATION, 4, (int64_t)tkg_relation_from(s, r) + 1);
        bind_int(d, ST_RELATION, 5, (int64_t)tkg_relation_to(s, r) + 1);
        bind_dates(d, ST_RELATION, tkg_relation_interval(s, r), tkg_relation_start(s, r),
                   tkg_relation_end(s, r));
        /* A generated id numbered otherwise than by its row (a base read in part) is written
         * as the relation's own, so that reading this base back gives it again. */
        bind_int(d, ST_RELATION, 12,
                 tkg_relation_id(s, r) != NULL || (r < s->edge_numbers && s->edge_number[r] != r));
        step(d, ST_RELATION);
        for (size_t k = 0; k < tkg_relation_attr_count(s, r); k++)
            put_attr(d, tkg_relation_attr(s, r, k), 0, row);
        for (size_t k = 0; k < tkg_relation_citation_count(s, r); k++)
            put_citation(d, s, tkg_relation_citation(s, r, k), 0, row);
    }
}

int tkg_write_sqlite(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt, tkg_error *err)
{
    wctx c;
    db_ctx d = {0};
    unsigned char *image = NULL;
    sqlite3_int64 size = 0;
    char pragma[64];
    int rc = wctx_init(&c, out, s, v, opt, ESC_JSON, true, err);
    if (rc != TKG_OK)
        return rc;
    d.rc = sqlite3_open_v2(":memory:", &d.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", TKG_DB_FORMAT_VERSION);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(d.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(d.db, pragma, NULL, NULL, NULL);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(d.db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; sqlite_schema_sql[i] && d.rc == SQLITE_OK; i++)
        d.rc = sqlite3_exec(d.db, sqlite_schema_sql[i], NULL, NULL, NULL);
    for (int i = 0; i < ST_COUNT && d.rc == SQLITE_OK; i++)
        d.rc = sqlite3_prepare_v2(d.db, statements[i], -1, &d.st[i], NULL);
    if (d.rc == SQLITE_OK)
        put_model(&d, &c);
    if (d.rc == SQLITE_OK)
        d.rc = sqlite3_exec(d.db, "COMMIT", NULL, NULL, NULL);
    if (d.rc == SQLITE_OK && !(image = sqlite3_serialize(d.db, "main", &size, 0)))
        d.rc = SQLITE_NOMEM;
    if (d.rc != SQLITE_OK) {
        rc = tkg_fail(err, d.rc == SQLITE_NOMEM ? TKG_ENOMEM : TKG_EIO, NULL, 0, 0,
                      "%s: SQLite: %s", out->path ? out->path : "<sqlite>",
                      d.db ? sqlite3_errmsg(d.db) : sqlite3_errstr(d.rc));
        goto done;
    }
    sink_put(out, image, (size_t)size);
    rc = wctx_status(&c, TKG_OK, err);
done:
    sqlite3_free(image);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(d.st[i]);
    sqlite3_close(d.db);
    wctx_free(&c);
    return rc;
}
