/* Unit tests for src/lib/read_sqlite.c: a base built row by row with the schema of
 * sqlite_schema.c, read whole and in the only_needed mode (the TEMP tables need_entity and
 * need_relation), and the refusals of sqlite_base_open. Expected values are worked out by
 * hand from the rows below. */
#include "read_sqlite.h"
#include "write_sqlite.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct reports {
    unsigned n;
    tkg_error e[16];
} reports;

static void on_report(void *ctx, const tkg_error *e)
{
    reports *r = ctx;
    if (r->n < sizeof r->e / sizeof r->e[0])
        r->e[r->n] = *e;
    r->n++;
}

static tkg_store *new_store(reports *r)
{
    tkg_store_options opt = {.max_errors = 20};
    memset(r, 0, sizeof *r);
    opt.report = on_report;
    opt.report_ctx = r;
    tkg_store *s = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, &err), TKG_OK);
    return s;
}

static char base_path[64];

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "\n  %s: %s\n", sql, msg);
    sqlite3_free(msg);
    CU_ASSERT_EQUAL_FATAL(rc, SQLITE_OK);
}

/* Three states, mali (1), niger (2) and chad (3); allied_with 1–2 (row 1, own id a12, with an
 * attribute and a citation), allied_with 2–3 (row 2, a citation), member_of 1 of the
 * organization aes (4) (row 3); mali has a name and a citation. The one source, doc, is
 * row 5. */
static const char rows[] =
    "INSERT INTO meta VALUES ('format', 'tkg-sqlite'), ('version', '1'),"
    " ('date_policy', 'inclusive');"
    "INSERT INTO entity_kinds (name, parent) VALUES ('entity', NULL), ('actor', 'entity'),"
    " ('state', 'actor'), ('organization', 'actor');"
    "INSERT INTO relation_kinds VALUES ('allied_with', NULL, 'actor', 'actor', 1, 1, 0),"
    " ('member_of', NULL, 'actor', 'organization', 0, 1, 0);"
    "INSERT INTO sources (row, id, title) VALUES (5, 'doc', 'A document');"
    "INSERT INTO entities (row, id, kind, label, implicit) VALUES (1, 'mali', 'state', 'Mali',"
    " 0), (2, 'niger', 'state', 'Niger', 0), (3, 'chad', 'state', 'Chad', 0),"
    " (4, 'aes', 'organization', 'AES', 0);"
    "INSERT INTO names VALUES (1, 'fr', 'Mali', 0);"
    "INSERT INTO relations (row, id, kind, from_entity, to_entity, start_raw, start_precision,"
    " first_day, own_id) VALUES (1, 'a12', 'allied_with', 1, 2, '2023-09', 'month',"
    " '2023-09-01', 1), (2, 'e1', 'allied_with', 2, 3, '2024', 'year', '2024-01-01', 0),"
    " (3, 'e2', 'member_of', 1, 4, '2024-07-06', 'day', '2024-07-06', 0);"
    "INSERT INTO attributes (relation, key, type, value) VALUES (1, 'weight', 'int', '3');"
    "INSERT INTO citations (entity, relation, source, quote, line) VALUES"
    " (NULL, 1, 5, 'Bamako and Niamey', NULL), (NULL, 2, 5, NULL, 7),"
    " (1, NULL, 5, 'Mali', NULL);";

static void make_base(void)
{
    sqlite3 *db = NULL;
    snprintf(base_path, sizeof base_path, "/tmp/tkg_read_sqlite_%d.sqlite", (int)getpid());
    unlink(base_path);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(base_path, &db), SQLITE_OK);
    exec(db, "PRAGMA user_version = 1");
    for (size_t i = 0; sqlite_schema_sql[i]; i++)
        exec(db, sqlite_schema_sql[i]);
    exec(db, rows);
    sqlite3_close(db);
}

static sqlite3 *open_base(void)
{
    sqlite3 *db = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    int rc = sqlite_base_open(&db, base_path, SQLITE_OPEN_READONLY, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s: %s\n", err.source, err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
    return db;
}

static void finish(tkg_store *s)
{
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_store_finish(s, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
}

static void test_whole(void)
{
    reports r;
    tkg_store *s = new_store(&r);
    sqlite3 *db = open_base();
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(sqlite_base_load(s, db, base_path, false, &err), TKG_OK);
    sqlite3_close(db);
    finish(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 4);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 3);
    CU_ASSERT_STRING_EQUAL(tkg_relation_id(s, 0), "a12");
    CU_ASSERT_PTR_NULL(tkg_relation_id(s, 1));
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 0).quote, "Bamako and Niamey");
    /* (the source of base row 5, the only one: citations name it by its row) */
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, tkg_relation_citation(s, 0, 0).source), "doc");
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 1, 0).line, 7);
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 0, 0).value, "3");
    CU_ASSERT_EQUAL(tkg_relation_attr(s, 0, 0).type, TKG_ATTR_INT);
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2024");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_YEAR);
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 0).start, tkg_day_from_civil(2023, 9, 1));
    CU_ASSERT_EQUAL(tkg_entity_name_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_entity_citation_count(s, 0), 1);
    CU_ASSERT_EQUAL(r.n, 0);
    tkg_store_free(s);
}

/* Fills need_entity and need_relation with the rows of the two SQL lists. */
static void need(sqlite3 *db, const char *entities, const char *relations)
{
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(sqlite_base_need_tables(db, base_path, &err), TKG_OK);
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO temp.need_entity VALUES %s", entities);
    exec(db, sql);
    if (relations) {
        snprintf(sql, sizeof sql, "INSERT INTO temp.need_relation VALUES %s", relations);
        exec(db, sql);
    }
}

static void test_only_needed(void)
{
    reports r;
    tkg_store *s = new_store(&r);
    sqlite3 *db = open_base();
    tkg_error err;
    tkg_error_clear(&err);
    /* A first filling, then another: need_tables empties what was there. */
    need(db, "(1), (2), (3), (4)", "(1), (2), (3)");
    need(db, "(2), (3)", "(2)");
    CU_ASSERT_EQUAL(sqlite_base_load(s, db, base_path, true, &err), TKG_OK);
    sqlite3_close(db);
    finish(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    CU_ASSERT_STRING_EQUAL(tkg_entity_id(s, 0), "niger");
    CU_ASSERT_STRING_EQUAL(tkg_entity_id(s, 1), "chad");
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), 0);
    CU_ASSERT_EQUAL(tkg_relation_to(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 0, 0).line, 7);
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    /* Its generated id is the one of the whole base (row 2: e1), not of its place here. */
    char id[16];
    tkg_relation_edge_id(id, sizeof id, s, 0);
    CU_ASSERT_STRING_EQUAL(id, "e1");
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 1);
    CU_ASSERT_EQUAL(r.n, 0);
    tkg_store_free(s);
}

static void test_only_needed_mali(void)
{
    reports r;
    tkg_store *s = new_store(&r);
    sqlite3 *db = open_base();
    tkg_error err;
    tkg_error_clear(&err);
    need(db, "(1), (2)", "(1)");
    CU_ASSERT_EQUAL(sqlite_base_load(s, db, base_path, true, &err), TKG_OK);
    sqlite3_close(db);
    finish(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    CU_ASSERT_EQUAL(tkg_entity_name_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_entity_citation_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_id(s, 0), "a12");
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 1);
    tkg_store_free(s);
}

/* A needed relation whose endpoint is not needed is reported at its column. */
static void test_only_needed_missing_endpoint(void)
{
    reports r;
    tkg_store *s = new_store(&r);
    sqlite3 *db = open_base();
    tkg_error err;
    tkg_error_clear(&err);
    need(db, "(1)", "(3)");
    CU_ASSERT_EQUAL(sqlite_base_load(s, db, base_path, true, &err), TKG_EINPUT);
    sqlite3_close(db);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(r.e[0].line, 3);
    CU_ASSERT_EQUAL(r.e[0].column, 5);
    CU_ASSERT_STRING_EQUAL(r.e[0].message,
                           "relations.to_entity: entity row 4 was not read (it is not in "
                           "need_entity)");
    tkg_store_free(s);
}

static void expect_refusal(const char *path, int code, const char *message)
{
    sqlite3 *db = (sqlite3 *)&db; /* must become NULL */
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(sqlite_base_open(&db, path, SQLITE_OPEN_READONLY, &err), code);
    CU_ASSERT_PTR_NULL(db);
    if (strstr(err.message, message) == NULL)
        fprintf(stderr, "\n  got: %s\n", err.message);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, message));
}

static void test_refusals(void)
{
    char path[80];
    struct stat st;
    snprintf(path, sizeof path, "/tmp/tkg_read_sqlite_%d_missing.sqlite", (int)getpid());
    expect_refusal(path, TKG_ENOTFOUND, "cannot open");
    CU_ASSERT_NOT_EQUAL(stat(path, &st), 0); /* not created */

    sqlite3 *db = NULL;
    snprintf(path, sizeof path, "/tmp/tkg_read_sqlite_%d_other.sqlite", (int)getpid());
    unlink(path);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
    exec(db, "CREATE TABLE t (x)");
    sqlite3_close(db);
    expect_refusal(path, TKG_EINPUT, "not a tkg base: a SQLite database without tkg's meta table");
    unlink(path);

    CU_ASSERT_EQUAL_FATAL(sqlite3_open(base_path, &db), SQLITE_OK);
    exec(db, "PRAGMA user_version = 2");
    sqlite3_close(db);
    expect_refusal(base_path, TKG_EINPUT, "a tkg base of version 2, newer than this tkg reads");
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(base_path, &db), SQLITE_OK);
    exec(db, "PRAGMA user_version = 1; UPDATE meta SET value = 'other' WHERE key = 'format'");
    sqlite3_close(db);
    expect_refusal(base_path, TKG_EINPUT, "not a tkg base: meta.format is 'other'");
    make_base();
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("read_sqlite", NULL, NULL);
    struct {
        const char *name;
        void (*fn)(void);
    } tests[] = {
        {"make_base", make_base},
        {"whole", test_whole},
        {"only_needed", test_only_needed},
        {"only_needed_mali", test_only_needed_mali},
        {"only_needed_missing_endpoint", test_only_needed_missing_endpoint},
        {"refusals", test_refusals},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            return 1;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    unlink(base_path);
    return failed ? 1 : 0;
}
