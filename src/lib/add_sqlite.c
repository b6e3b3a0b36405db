/* tkg add: merging inputs into a SQLite base in one transaction (docs/sqlite.md, "tkg add").
 *
 * The base is read whole into a fresh store inside a write transaction (BEGIN IMMEDIATE, so
 * that what is read is what is changed and a second writer waits), the inputs are read into
 * the same store by the rules of every command, and only the difference is written: rows
 * past the counts the base had, the base's entities and relations that the inputs changed,
 * and the names, attributes and citations the inputs gave the base's own entities and
 * relations. tkg_store_finish sorts side rows by owner stably (store_finish.c, index_side),
 * so an owner's rows read from the base come first in its run: counting them per owner
 * before the inputs are read tells which of its rows are new. Any problem rolls back. */
#include "outfile.h"
#include "read_sqlite.h"
#include "sqlite_rows.h"
#include "write_sqlite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What the base held once read, before the inputs. */
typedef struct mark {
    uint32_t entities, relations, sources;
    entity_row *ent;  /* copies of the base's entity rows */
    sym *rel_id;      /* the base's relation ids */
    int64_t *ent_row; /* base row of each of the base's entities, in store order */
    int64_t *rel_row; /* same for relations */
    int64_t *src_row; /* same for sources */
    /* the rows new entities, relations and sources start at */
    int64_t next_ent_row, next_rel_row, next_src_row;
    /* Per owner (entities, then relations): its names, attributes and citations from the
     * base. */
    uint32_t *names, *attrs, *cites;
} mark;

static void mark_free(mark *m)
{
    free(m->ent);
    free(m->rel_id);
    free(m->ent_row);
    free(m->rel_row);
    free(m->src_row);
    free(m->names);
    free(m->attrs);
    free(m->cites);
}

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

static int sqlite_fail(tkg_error *err, const char *path, sqlite3 *db, int rc)
{
    if (rc == SQLITE_NOMEM)
        return nomem(err);
    return tkg_fail(err, TKG_EIO, path, 0, 0, "SQLite: %s",
                    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/* Counts, per owner slot, the side rows [0, count) (`size` bytes each, owner at `owner_at`). */
static int count_owned(uint32_t **out, const void *rows, uint32_t count, size_t size,
                       size_t owner_at, uint32_t ne, uint32_t nr, tkg_error *err)
{
    *out = calloc((size_t)ne + nr + 1, sizeof **out);
    if (!*out)
        return nomem(err);
    const unsigned char *base = rows;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t owner;
        memcpy(&owner, base + (size_t)i * size + owner_at, sizeof owner);
        (*out)[owner & OWNER_RELATION ? ne + (owner & ~OWNER_RELATION) : owner]++;
    }
    return TKG_OK;
}

/* The base rows of the table's rows (entities, relations or sources), in row order, as the base was
 * read into the store; `count` of them are expected. */
static int read_rows(sqlite3 *db, const char *path, const char *sql, uint32_t count, int64_t **rows,
                     int64_t *next, tkg_error *err)
{
    sqlite3_stmt *st = NULL;
    uint32_t n = 0;
    int rc = TKG_OK, src;
    *next = 1;
    *rows = malloc(((size_t)count + 1) * sizeof **rows);
    if (!*rows)
        return nomem(err);
    if ((src = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK) {
        rc = sqlite_fail(err, path, db, src);
        goto done;
    }
    while ((src = sqlite3_step(st)) == SQLITE_ROW && n <= count) {
        int64_t row = sqlite3_column_int64(st, 0);
        if (n < count)
            (*rows)[n] = row;
        n++;
        *next = row + 1;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_fail(err, path, db, src);
    else if (n != count)
        rc = tkg_fail(err, TKG_EINPUT, path, 0, 0,
                      "the base's rows did not read as one store row each (%u rows, %u read)", n,
                      count);
done:
    sqlite3_finalize(st);
    return rc;
}

/* Notes what the store holds once the base is read. */
static int take_mark(mark *m, const tkg_store *s, sqlite3 *db, const char *path, tkg_error *err)
{
    uint32_t ne = s->entity_count, nr = s->relation_count;
    m->entities = ne;
    m->relations = nr;
    m->sources = s->source_count;
    m->ent = malloc(((size_t)ne + 1) * sizeof *m->ent);
    m->rel_id = malloc(((size_t)nr + 1) * sizeof *m->rel_id);
    if (!m->ent || !m->rel_id)
        return nomem(err);
    memcpy(m->ent, s->entities, (size_t)ne * sizeof *m->ent);
    for (uint32_t r = 0; r < nr; r++)
        m->rel_id[r] = s->relations[r].id;
    int rc = count_owned(&m->names, s->names, s->name_count, sizeof *s->names,
                         offsetof(name_row, owner), ne, nr, err);
    if (rc == TKG_OK)
        rc = count_owned(&m->attrs, s->attrs, s->attr_count, sizeof *s->attrs,
                         offsetof(attr_row, owner), ne, nr, err);
    if (rc == TKG_OK)
        rc = count_owned(&m->cites, s->cites, s->cite_count, sizeof *s->cites,
                         offsetof(cite_row, owner), ne, nr, err);
    if (rc == TKG_OK)
        rc = read_rows(db, path, "SELECT row FROM entities ORDER BY row", ne, &m->ent_row,
                       &m->next_ent_row, err);
    if (rc == TKG_OK)
        rc = read_rows(db, path, "SELECT row FROM relations ORDER BY row", nr, &m->rel_row,
                       &m->next_rel_row, err);
    if (rc == TKG_OK)
        rc = read_rows(db, path, "SELECT row FROM sources ORDER BY row", m->sources, &m->src_row,
                       &m->next_src_row, err);
    return rc;
}

static int64_t entity_row_of(const mark *m, uint32_t e)
{
    return e < m->entities ? m->ent_row[e] : m->next_ent_row + (e - m->entities);
}

static int64_t relation_row_of(const mark *m, uint32_t r)
{
    return r < m->relations ? m->rel_row[r] : m->next_rel_row + (r - m->relations);
}

static int64_t source_row_of(const mark *m, uint32_t src)
{
    return src < m->sources ? m->src_row[src] : m->next_src_row + (src - m->sources);
}

/* Inserts citation k of entity e (or, `relation` set, of relation e) of base row `row`. */
static void put_citation(sqlite_rows *d, const tkg_store *s, const mark *m, uint32_t e, size_t k,
                         bool relation, int64_t row)
{
    tkg_citation c = relation ? tkg_relation_citation(s, e, k) : tkg_entity_citation(s, e, k);
    sqlite_rows_citation(d, c, source_row_of(m, c.source), relation ? 0 : row, relation ? row : 0);
}

/* True when entity e differs from its copy in what the base keeps of it (implicitness
 * included: entities.implicit). */
static bool entity_changed(const tkg_store *s, const mark *m, uint32_t e)
{
    const entity_row *a = &m->ent[e], *b = &s->entities[e];
    return a->kind != b->kind || a->label != b->label || a->external != b->external ||
           a->start.raw != b->start.raw || a->start.prec != b->start.prec ||
           a->end.raw != b->end.raw || a->end.prec != b->end.prec ||
           a->life.start != b->life.start || a->life.end_excl != b->life.end_excl ||
           (a->state == ENTITY_IMPLICIT) != (b->state == ENTITY_IMPLICIT);
}

/* Writes what the inputs added to the base and what they changed in it. */
static void write_difference(sqlite_rows *d, const tkg_store *s, const mark *m, tkg_add_counts *n)
{
    uint32_t ne = s->entity_count, nr = s->relation_count;
    sqlite_rows_ontology(d, tkg_store_ontology(s), &n->entity_kinds, &n->relation_kinds);
    for (uint32_t src = m->sources; src < s->source_count; src++, n->sources++)
        sqlite_rows_source(d, s, src, source_row_of(m, src));
    for (uint32_t e = 0; e < ne && d->rc == SQLITE_OK; e++) {
        int64_t row = entity_row_of(m, e);
        size_t names = 0, attrs = 0, cites = 0;
        if (e >= m->entities) {
            sqlite_rows_entity(d, s, e, row);
            n->entities++;
        } else {
            names = m->names[e];
            attrs = m->attrs[e];
            cites = m->cites[e];
            if (entity_changed(s, m, e) && sqlite_rows_entity_update(d, s, e, row))
                n->entities_changed++;
        }
        for (size_t k = names; k < tkg_entity_name_count(s, e); k++, n->names++)
            sqlite_rows_name(d, s, e, k, row);
        for (size_t k = attrs; k < tkg_entity_attr_count(s, e); k++, n->attributes++)
            sqlite_rows_attr(d, tkg_entity_attr(s, e, k), row, 0);
        for (size_t k = cites; k < tkg_entity_citation_count(s, e); k++, n->citations++)
            put_citation(d, s, m, e, k, false, row);
    }
    for (uint32_t r = 0; r < nr && d->rc == SQLITE_OK; r++) {
        int64_t row = relation_row_of(m, r);
        size_t attrs = 0, cites = 0;
        if (r >= m->relations) {
            uint32_t from = tkg_relation_from(s, r), to = tkg_relation_to(s, r);
            sqlite_rows_relation(d, s, r, row, entity_row_of(m, from), entity_row_of(m, to));
            n->relations++;
        } else {
            const relation_row *x = &s->relations[r];
            attrs = m->attrs[m->entities + r];
            cites = m->cites[m->entities + r];
            /* Only its id (a base relation without one given one by an input) and its days
             * (the event-time rule, when an endpoint's lifespan or kind changed) can change. */
            bool maybe = x->id != m->rel_id[r] ||
                         (!x->start.raw && !x->end.raw &&
                          ((x->from < m->entities && entity_changed(s, m, x->from)) ||
                           (x->to < m->entities && entity_changed(s, m, x->to))));
            if (maybe && sqlite_rows_relation_update(d, s, r, row))
                n->relations_changed++;
        }
        for (size_t k = attrs; k < tkg_relation_attr_count(s, r); k++, n->attributes++)
            sqlite_rows_attr(d, tkg_relation_attr(s, r, k), 0, row);
        for (size_t k = cites; k < tkg_relation_citation_count(s, r); k++, n->citations++)
            put_citation(d, s, m, r, k, true, row);
    }
}

/* Passes a problem that no reader reported to the caller's report callback, and keeps the
 * first in `err`. */
static int pass_on(const tkg_store_options *opt, tkg_error *err, const tkg_error *e)
{
    if (opt && opt->report)
        opt->report(opt->report_ctx, e);
    return tkg_error_keep(err, e);
}

/* Hands on the outcome `rc` (with its error `one`) of a step that read into `s`: a problem
 * the store did not report (it counts those it reports: `errors` before the step) is passed
 * on. */
static int outcome(const tkg_store *s, unsigned errors, int rc, const tkg_error *one,
                   const tkg_store_options *opt, tkg_error *err)
{
    if (rc == TKG_OK)
        return rc;
    if (tkg_store_error_count(s) == errors && one->code != TKG_OK)
        pass_on(opt, err, one);
    else
        tkg_error_keep(err, one);
    return rc;
}

/* Reads the inputs into `s` and finishes it, as every command does (cli_load): every input
 * is read so that all problems are reported; the first code is returned. */
static int read_inputs(tkg_store *s, const char *const *inputs, size_t count,
                       const tkg_store_options *opt, tkg_error *err)
{
    int rc = TKG_OK;
    for (size_t i = 0; i < count; i++) {
        tkg_error one = {0};
        unsigned errors = tkg_store_error_count(s);
        int r = tkg_store_read_path(s, inputs[i], &one);
        outcome(s, errors, r, &one, opt, err);
        if (r != TKG_OK && rc == TKG_OK)
            rc = r;
        if (r != TKG_OK && r != TKG_EINPUT)
            return rc;
    }
    if (rc == TKG_OK) {
        tkg_error one = {0};
        unsigned errors = tkg_store_error_count(s);
        rc = outcome(s, errors, tkg_store_finish(s, &one), &one, opt, err);
    }
    return rc;
}

/* Puts the base in WAL mode. Where SQLite cannot (a file system without shared memory), the
 * base stays in its journal mode, which is said through opt->warn: readers then wait while an
 * add writes. An SQLite error is reported, or with `err` NULL only said through opt->warn. */
static int set_wal(sqlite3 *db, const char *path, const tkg_store_options *opt, tkg_error *err)
{
    sqlite3_stmt *st = NULL;
    tkg_error e = {0};
    int src = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
    if (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        if (mode && strcmp(mode, "wal") != 0 && opt && opt->warn) {
            tkg_error_format(&e, TKG_EINPUT, path, 0, 0,
                             "SQLite cannot put the base in WAL mode here (its journal mode "
                             "stays '%s'): readers wait while it is added to",
                             mode);
            opt->warn(opt->warn_ctx, &e);
        }
        src = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (src == SQLITE_OK)
        return TKG_OK;
    sqlite_fail(&e, path, db, src);
    if (!err) {
        if (opt && opt->warn)
            opt->warn(opt->warn_ctx, &e);
        return TKG_OK;
    }
    return pass_on(opt, err, &e);
}

/* A base that does not exist: made from the inputs alone and written as `tkg export -f
 * sqlite` writes one, except that it is linked into place, never over a file: when another
 * process created the base meanwhile, *existed is set and nothing is written. */
static int create_base(const char *path, const char *const *inputs, size_t count,
                       const tkg_store_options *opt, tkg_add_counts *n, bool *existed,
                       tkg_error *err)
{
    tkg_store *s = NULL;
    tkg_sink *out = NULL;
    sqlite3 *db = NULL;
    tkg_error e = {0};
    int rc = tkg_store_new(&s, opt, &e);
    if (rc == TKG_OK)
        rc = read_inputs(s, inputs, count, opt, err);
    else
        pass_on(opt, err, &e);
    if (rc != TKG_OK)
        goto done;
    if ((rc = tkg_sink_open_file(&out, path, &e)) == TKG_OK) {
        out->exclusive = true;
        rc = tkg_write_sqlite(out, s, NULL, NULL, &e);
    }
    if (rc == TKG_OK && (rc = tkg_sink_commit(out, &e)) != TKG_OK && out->existed) {
        *existed = true;
        rc = TKG_OK;
        goto done;
    }
    if (rc != TKG_OK) {
        pass_on(opt, err, &e);
        goto done;
    }
    /* Readers and writers of the new base work as with any other (WAL). The base is there
     * now, whole: a failure here is only a warning (the next add tries again). */
    int src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (src == SQLITE_OK)
        set_wal(db, path, opt, NULL);
    else if (opt && opt->warn) {
        sqlite_fail(&e, path, db, src);
        opt->warn(opt->warn_ctx, &e);
    }
    n->created = true;
    n->sources = tkg_store_source_count(s);
    n->entity_kinds = tkg_ontology_entity_kind_count(s->ontology);
    n->relation_kinds = tkg_ontology_relation_kind_count(s->ontology);
    n->entities = s->entity_count;
    n->relations = s->relation_count;
    n->names = s->name_count;
    n->attributes = s->attr_count;
    n->citations = s->cite_count;
done:
    sqlite3_close(db);
    tkg_sink_free(out);
    tkg_store_free(s);
    return rc;
}

/* Runs `sql` (a fixed statement) on the base; reports a failure. */
static int exec(sqlite3 *db, const char *path, const char *sql, const tkg_store_options *opt,
                tkg_error *err)
{
    int src = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (src == SQLITE_OK)
        return TKG_OK;
    tkg_error e = {0};
    sqlite_fail(&e, path, db, src);
    return pass_on(opt, err, &e);
}

/* The base's first and last days follow one date policy, the one in meta.date_policy: the
 * inputs must be read under it. */
static int check_policy(sqlite3 *db, const char *path, const tkg_store_options *opt, tkg_error *err)
{
    sqlite3_stmt *st = NULL;
    tkg_error e = {0};
    int rc = TKG_OK;
    int src =
        sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'date_policy'", -1, &st, NULL);
    if (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        const char *have = (const char *)sqlite3_column_text(st, 0);
        bool strict = opt && opt->policy == TKG_POLICY_STRICT;
        const char *want = strict ? "strict" : "inclusive";
        if (!have || strcmp(have, want) != 0) {
            tkg_error_format(&e, TKG_EUSAGE, path, 0, 0,
                             "the base's days follow the '%s' date policy (meta.date_policy), "
                             "not '%s': add to it %s --strict-dates",
                             have ? have : "NULL", want, strict ? "without" : "with");
            rc = pass_on(opt, err, &e);
        }
        src = SQLITE_DONE;
    }
    if (src != SQLITE_DONE) {
        sqlite_fail(&e, path, db, src);
        rc = pass_on(opt, err, &e);
    }
    sqlite3_finalize(st);
    return rc;
}

static int add_to_base(const char *path, const char *const *inputs, size_t count,
                       const tkg_store_options *opt, tkg_add_counts *n, tkg_error *err)
{
    sqlite3 *db = NULL;
    tkg_store *s = NULL;
    sqlite_rows d = {0};
    mark m = {0};
    bool begun = false;
    tkg_error e = {0};
    int rc = sqlite_base_open(&db, path, SQLITE_OPEN_READWRITE, &e);
    if (rc != TKG_OK) {
        pass_on(opt, err, &e);
        goto done;
    }
    /* WAL: readers go on reading the last committed state while this writes. FULL syncs
     * each commit, so that a committed add survives a power loss too. */
    if ((rc = set_wal(db, path, opt, err)) != TKG_OK ||
        (rc = exec(db, path, "PRAGMA synchronous = FULL", opt, err)) != TKG_OK ||
        (rc = exec(db, path, "PRAGMA foreign_keys = ON", opt, err)) != TKG_OK ||
        (rc = exec(db, path, "BEGIN IMMEDIATE", opt, err)) != TKG_OK)
        goto done;
    begun = true;
    if ((rc = check_policy(db, path, opt, err)) != TKG_OK)
        goto done;
    if ((rc = tkg_store_new(&s, opt, &e)) != TKG_OK) {
        pass_on(opt, err, &e);
        goto done;
    }
    e = (tkg_error){0};
    rc = outcome(s, 0, sqlite_base_load(s, db, path, false, &e), &e, opt, err);
    /* (sqlite_base_load interned the path: the sources it read come from that file) */
    s->base_file = intern_find(&s->strings, path, strlen(path));
    if (rc == TKG_OK && (rc = take_mark(&m, s, db, path, &e)) != TKG_OK)
        pass_on(opt, err, &e);
    if (rc != TKG_OK)
        goto done;
    if ((rc = read_inputs(s, inputs, count, opt, err)) != TKG_OK)
        goto done;
    d.unique_ids = true;
    if (sqlite_rows_prepare(&d, db) == SQLITE_OK)
        write_difference(&d, s, &m, n);
    if (d.rc != SQLITE_OK) {
        sqlite_fail(&e, path, db, d.rc);
        rc = pass_on(opt, err, &e);
        goto done;
    }
    sqlite_rows_finalize(&d);
    if ((rc = exec(db, path, "COMMIT", opt, err)) == TKG_OK)
        begun = false;
done:
    sqlite_rows_finalize(&d);
    if (begun)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    tkg_store_free(s);
    mark_free(&m);
    return rc;
}

int tkg_sqlite_add(const char *path, const char *const *inputs, size_t count,
                   const tkg_store_options *opt, tkg_add_counts *out, tkg_error *err)
{
    tkg_add_counts n = {0};
    struct stat st;
    int rc;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        bool existed = false;
        rc = create_base(path, inputs, count, opt, &n, &existed, err);
        if (rc != TKG_OK || !existed)
            goto done;
        n = (tkg_add_counts){0}; /* created by another process meanwhile: add to it */
    }
    rc = add_to_base(path, inputs, count, opt, &n, err);
done:
    if (out)
        *out = rc == TKG_OK ? n : (tkg_add_counts){0};
    return rc;
}
