/* Unit tests for tkg_sqlite_add (src/lib/add_sqlite.c) through the public API: creating a
 * base, adding a relation again from a new source, a new relation and entity, refinement of
 * an implicit entity, and the failures (a bad input, a missing input, a foreign database),
 * each leaving the base as it was, with its problems reported and the first one in `err`.
 * Expected counts are worked out by hand from the small files below. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct reports {
    unsigned n;
    tkg_error first;
} reports;

static void on_report(void *ctx, const tkg_error *e)
{
    reports *r = ctx;
    if (r->n++ == 0)
        r->first = *e;
}

static char dir[64];

static const char *file(const char *name, const char *text)
{
    static char paths[8][128];
    static unsigned next;
    char *p = paths[next++ % 8];
    snprintf(p, 128, "%s/%s", dir, name);
    if (text) {
        FILE *f = fopen(p, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fputs(text, f);
        fclose(f);
    }
    return p;
}

/* One integer from the base. */
static long long query(const char *base, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(base, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int add(const char *base, const char *input, reports *r, tkg_add_counts *n, tkg_error *err)
{
    tkg_store_options opt = {.report = on_report, .report_ctx = r};
    memset(r, 0, sizeof *r);
    tkg_error_clear(err);
    return tkg_sqlite_add(base, &input, 1, &opt, n, err);
}

#define HEAD "<?xml version=\"1.0\"?>\n<tkg xmlns=\"urn:tkg:1\">\n"

/* Two states allied from 2020, cited once by s1. */
static const char first_xml[] =
    HEAD "  <source id=\"s1\" title=\"One\"/>\n"
         "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
         "  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
         "  <relation kind=\"allied_with\" from=\"mali\" to=\"niger\" start=\"2020\">\n"
         "    <cite source=\"s1\">one</cite>\n  </relation>\n</tkg>\n";

/* The same relation from s2, and a new state with a new alliance. */
static const char second_xml[] =
    HEAD "  <source id=\"s2\" title=\"Two\"/>\n"
         "  <entity id=\"chad\" kind=\"state\" label=\"Chad\"/>\n"
         "  <relation kind=\"allied_with\" from=\"mali\" to=\"niger\" start=\"2020\">\n"
         "    <cite source=\"s2\">two</cite>\n  </relation>\n"
         "  <relation kind=\"allied_with\" from=\"chad\" to=\"niger\" start=\"2021\">\n"
         "    <cite source=\"s2\">three</cite>\n  </relation>\n</tkg>\n";

/* Line 5: a month 13. */
static const char bad_xml[] = HEAD
    "  <source id=\"s3\" title=\"Three\"/>\n"
    "  <entity id=\"togo\" kind=\"state\" label=\"Togo\"/>\n"
    "  <relation kind=\"allied_with\" from=\"togo\" to=\"niger\" start=\"2021-13\"/>\n</tkg>\n";

static void test_add(void)
{
    reports r;
    tkg_add_counts n;
    tkg_error err;
    const char *base = file("kb.sqlite", NULL);

    /* A missing base is created. */
    CU_ASSERT_EQUAL(add(base, file("first.xml", first_xml), &r, &n, &err), TKG_OK);
    CU_ASSERT_TRUE(n.created);
    CU_ASSERT_EQUAL(n.entities, 2);
    CU_ASSERT_EQUAL(n.relations, 1);
    CU_ASSERT_EQUAL(n.citations, 1);
    CU_ASSERT_EQUAL(n.sources, 1);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM relations"), 1);
    CU_ASSERT_EQUAL(r.n, 0);

    /* The same relation from a new source gains a citation; a new entity and relation. */
    CU_ASSERT_EQUAL(add(base, file("second.xml", second_xml), &r, &n, &err), TKG_OK);
    CU_ASSERT_FALSE(n.created);
    CU_ASSERT_EQUAL(n.entities, 1);
    CU_ASSERT_EQUAL(n.relations, 1);
    CU_ASSERT_EQUAL(n.citations, 2);
    CU_ASSERT_EQUAL(n.sources, 1);
    CU_ASSERT_EQUAL(n.entities_changed, 0);
    CU_ASSERT_EQUAL(n.relations_changed, 0);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM citations c JOIN relations r "
                                "ON r.row = c.relation JOIN entities f ON f.row = r.from_entity "
                                "WHERE f.id = 'mali'"),
                    2);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM entities"), 3);
    CU_ASSERT_EQUAL(query(base, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);

    /* A bad input: reported with its position, nothing written, the counts zero. */
    long long citations = query(base, "SELECT count(*) FROM citations");
    const char *bad = file("bad.xml", bad_xml);
    CU_ASSERT_EQUAL(add(base, bad, &r, &n, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_STRING_EQUAL(r.first.source, bad);
    CU_ASSERT_EQUAL(r.first.line, 5);
    CU_ASSERT_EQUAL(err.code, TKG_EINPUT);
    CU_ASSERT_EQUAL(n.entities + n.relations + n.citations + n.sources, 0);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM citations"), citations);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM entities WHERE id = 'togo'"), 0);

    /* A missing input: not found, reported (no position), nothing written. */
    CU_ASSERT_EQUAL(add(base, file("missing.xml", NULL), &r, &n, &err), TKG_ENOTFOUND);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(r.first.line, 0);
    CU_ASSERT_EQUAL(err.code, TKG_ENOTFOUND);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM citations"), citations);

    /* Without a report callback the first problem is in `err`. */
    const char *input = bad;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_sqlite_add(base, &input, 1, NULL, NULL, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(err.line, 5);

    /* A bad input to a missing base creates nothing. */
    const char *fresh = file("fresh.sqlite", NULL);
    CU_ASSERT_EQUAL(add(fresh, bad, &r, &n, &err), TKG_EINPUT);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(fresh, &st), 0);
}

/* Quadruples make entities implicitly; a TKG-XML definition then refines one. */
static void test_implicit(void)
{
    reports r;
    tkg_add_counts n;
    tkg_error err;
    const char *base = file("implicit.sqlite", NULL);
    const char *tsv = file("quads.tsv", "mali\tMake statement\tniger\t2014-01-02\n");
    CU_ASSERT_EQUAL(add(base, tsv, &r, &n, &err), TKG_OK);
    CU_ASSERT_EQUAL(query(base, "SELECT implicit FROM entities WHERE id = 'mali'"), 1);
    CU_ASSERT_EQUAL(add(base,
                        file("define.xml", HEAD "  <entity id=\"mali\" kind=\"state\" "
                                                "label=\"Mali\"/>\n</tkg>\n"),
                        &r, &n, &err),
                    TKG_OK);
    CU_ASSERT_EQUAL(n.entities_changed, 1);
    CU_ASSERT_EQUAL(n.entities, 0);
    CU_ASSERT_EQUAL(query(base, "SELECT implicit FROM entities WHERE id = 'mali'"), 0);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM entities WHERE id = 'mali' AND "
                                "kind = 'state' AND label = 'Mali'"),
                    1);
    /* The quadruple file again: refused, its evidence would count twice. */
    CU_ASSERT_EQUAL(add(base, tsv, &r, &n, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_STRING_EQUAL(r.first.source, tsv);
}

/* Not a tkg base: refused, untouched. */
static void test_foreign(void)
{
    reports r;
    tkg_add_counts n;
    tkg_error err;
    const char *base = file("foreign.sqlite", NULL);
    sqlite3 *db = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(base, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(db, "CREATE TABLE t (a INTEGER)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CU_ASSERT_EQUAL(add(base, file("first.xml", first_xml), &r, &n, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_STRING_EQUAL(r.first.source, base);
    CU_ASSERT_EQUAL(query(base, "SELECT count(*) FROM sqlite_master"), 1);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/tkg-add-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("add_sqlite", NULL, NULL);
    CU_add_test(suite, "add", test_add);
    CU_add_test(suite, "implicit", test_implicit);
    CU_add_test(suite, "foreign", test_foreign);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return failed ? 1 : 0;
}
