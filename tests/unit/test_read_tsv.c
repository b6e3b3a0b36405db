/* Unit tests for src/lib/read_tsv.c: ICEWS and YAGO quadruples from memory, the pairing of
 * occursSince/occursUntil lines, citations of file and line, and every error with its
 * LINE:COL (columns count characters). Expected values are worked out by hand. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

typedef struct reports {
    unsigned n;
    tkg_error e[32];
} reports;

static void on_report(void *ctx, const tkg_error *e)
{
    reports *r = ctx;
    if (r->n < sizeof r->e / sizeof r->e[0])
        r->e[r->n] = *e;
    r->n++;
}

static tkg_store *new_store(reports *r, unsigned max_errors)
{
    tkg_store_options opt = {.max_errors = max_errors};
    memset(r, 0, sizeof *r);
    opt.report = on_report;
    opt.report_ctx = r;
    tkg_store *s = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, &err), TKG_OK);
    return s;
}

/* Reads `len` bytes of TSV (embedded NULs allowed); returns the reader's code. */
static int read_tsv(tkg_store *s, const char *name, const char *data, size_t len)
{
    tkg_error err;
    tkg_error_clear(&err);
    return tkg_read_tsv_buffer(s, data, len, name, &err);
}

#define READ(s, name, literal) read_tsv(s, name, literal, sizeof literal - 1)

static void finish_ok(tkg_store *s)
{
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_store_finish(s, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
}

static void check_report(const reports *r, unsigned i, const char *source, int line, int column,
                         const char *message)
{
    CU_ASSERT_FATAL(i < r->n);
    const tkg_error *e = &r->e[i];
    bool ok = e->code == TKG_EINPUT && strcmp(e->source, source) == 0 && e->line == line &&
              e->column == column && strcmp(e->message, message) == 0;
    CU_ASSERT_TRUE(ok);
    if (!ok)
        fprintf(stderr, "\n  report %u: want %s:%d:%d: %s\n            got %s:%d:%d: %s\n", i,
                source, line, column, message, e->source, e->line, e->column, e->message);
}

static int32_t day(int y, int m, int d)
{
    return tkg_day_from_civil(y, m, d);
}

static uint32_t entity(const tkg_store *s, const char *id)
{
    uint32_t e = tkg_store_find_entity(s, id);
    CU_ASSERT_NOT_EQUAL_FATAL(e, TKG_NO_ENTITY);
    return e;
}

/* Checks relation `r`: subject, kind, object, interval and the lines it cites. */
static void check_relation(const tkg_store *s, uint32_t r, const char *from, const char *kind,
                           const char *to, int32_t start, int32_t end_excl, const uint32_t *lines,
                           size_t nlines)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    CU_ASSERT_FATAL(r < tkg_store_relation_count(s));
    bool ok = tkg_relation_from(s, r) == entity(s, from) &&
              tkg_relation_to(s, r) == entity(s, to) &&
              strcmp(tkg_relation_kind_name(o, tkg_relation_kind(s, r)), kind) == 0 &&
              tkg_relation_interval(s, r).start == start &&
              tkg_relation_interval(s, r).end_excl == end_excl &&
              tkg_relation_citation_count(s, r) == nlines;
    for (size_t i = 0; ok && i < nlines; i++) {
        tkg_citation c = tkg_relation_citation(s, r, i);
        ok = c.line == lines[i] && c.quote == NULL;
    }
    CU_ASSERT_TRUE(ok);
    if (!ok)
        fprintf(stderr, "\n  relation %u (%s %s %s) differs\n", r, from, kind, to);
}

#define LINES(...)                                                                                 \
    (const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t)

/* ------------------------------------------------------------ ICEWS */

static void test_icews(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "data/icews.tsv",
                         "John Kerry\tExpress intent to meet or negotiate\tChina\t2014-11-04\n"
                         "China\tMake statement\tJohn Kerry\t2014-11\n"
                         "John Kerry\tExpress intent to meet or negotiate\tChina\t2014-11-04\n"
                         "China\tMake statement\tJohn Kerry\t2014\n"),
                    TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    finish_ok(s);
    const tkg_ontology *o = tkg_store_ontology(s);

    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    uint32_t kerry = entity(s, "John Kerry");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, kerry, NULL), "John Kerry");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, kerry)), "entity");

    /* The repeated line is the same fact: one relation citing lines 1 and 3. */
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 3);
    check_relation(s, 0, "John Kerry", "Express intent to meet or negotiate", "China",
                   day(2014, 11, 4), day(2014, 11, 5), LINES(1, 3));
    check_relation(s, 1, "China", "Make statement", "John Kerry", day(2014, 11, 1),
                   day(2014, 12, 1), LINES(2));
    check_relation(s, 2, "China", "Make statement", "John Kerry", day(2014, 1, 1), day(2015, 1, 1),
                   LINES(4));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2014-11");
    CU_ASSERT_STRING_EQUAL(tkg_relation_end(s, 1).raw, "2014-11");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_MONTH);

    /* Relation kinds come as they are: implicit, between entities, undated. */
    uint32_t k = tkg_relation_kind(s, 1);
    CU_ASSERT_TRUE(tkg_relation_kind_implicit(o, k));
    CU_ASSERT_FALSE(tkg_relation_kind_symmetric(o, k));
    CU_ASSERT_FALSE(tkg_relation_kind_dated(o, k));
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_relation_kind_domain(o, k)), "entity");

    /* The file is the source: its path is the id, its base name the title. */
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 1);
    uint32_t src = tkg_relation_citation(s, 0, 0).source;
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, src), "data/icews.tsv");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, src), "icews.tsv");
    tkg_store_free(s);
}

/* ------------------------------------------------------------ YAGO */

/* clang-format off */
static const char yago[] =
    "<Neil_Grayson>\t<playsFor>\t<Boston_United_F.C.>\t<occursSince>\t\"1992-##-##\"\n" /* 1 */
    "<Neil_Grayson>\t<playsFor>\t<Boston_United_F.C.>\t<occursUntil>\t\"1994-##-##\"\n" /* 2 */
    "<Nathan_Eccleston>\t<isAffiliatedTo>\t<Charlton_Athletic_F.C.>\n"                  /* 3 */
    "<A>\t<r>\t<B>\t<occursSince>\t\"2000-05-##\"\n"                                    /* 4 */
    "<A>\t<r>\t<B>\t<occursUntil>\t\"1995-##-##\"\n"                                    /* 5 */
    "<C>\t<r>\t<D>\t<occursUntil>\t\"2010-##-##\"\n"                                    /* 6 */
    "<E>\t<r>\t<F>\t<occursSince>\t\"600-##-##\"\n"                                     /* 7 */
    "<G>\t<r>\t<H>\t<occursSince>\t\"1990\"\n"                                          /* 8 */
    "<G>\t<r>\t<H>\t<occursSince>\t\"2000\"\n"                                          /* 9 */
    "<G>\t<r>\t<H>\t<occursUntil>\t\"1995\"\n"                                          /* 10 */
    "<G>\t<r>\t<H>\t<occursUntil>\t2005\n";                                             /* 11 */
/* clang-format on */

static void test_yago_pairing(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "yago/y.tsv", yago), TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    finish_ok(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 12); /* brackets stripped: Neil_Grayson, ... */
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 8);

    /* since 1992 + until 1994: one fact, 1992-01-01 through 1994-12-31, citing both lines */
    check_relation(s, 0, "Neil_Grayson", "playsFor", "Boston_United_F.C.", day(1992, 1, 1),
                   day(1995, 1, 1), LINES(1, 2));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 0).raw, "1992-##-##");
    CU_ASSERT_STRING_EQUAL(tkg_relation_end(s, 0).raw, "1994-##-##");
    CU_ASSERT_EQUAL(tkg_relation_end(s, 0).precision, TKG_PREC_YEAR);
    /* three fields: valid at all times */
    check_relation(s, 1, "Nathan_Eccleston", "isAffiliatedTo", "Charlton_Athletic_F.C.",
                   TKG_DAY_MIN, TKG_DAY_MAX, LINES(3));
    CU_ASSERT_PTR_NULL(tkg_relation_start(s, 1).raw);
    /* an until before the pending since does not pair: two open facts */
    check_relation(s, 2, "A", "r", "B", TKG_DAY_MIN, day(1996, 1, 1), LINES(5));
    /* until without since: open start */
    check_relation(s, 3, "C", "r", "D", TKG_DAY_MIN, day(2011, 1, 1), LINES(6));
    /* several of one triple pair in file order: 1990..1995, 2000..2005 */
    check_relation(s, 4, "G", "r", "H", day(1990, 1, 1), day(1996, 1, 1), LINES(8, 10));
    check_relation(s, 5, "G", "r", "H", day(2000, 1, 1), day(2006, 1, 1), LINES(9, 11));
    /* unpaired sinces, at the end of the file, in file order: open ends */
    check_relation(s, 6, "A", "r", "B", day(2000, 5, 1), TKG_DAY_MAX, LINES(4));
    CU_ASSERT_EQUAL(tkg_relation_start(s, 6).precision, TKG_PREC_MONTH);
    /* a 3-digit year is year 600 */
    check_relation(s, 7, "E", "r", "F", day(600, 1, 1), TKG_DAY_MAX, LINES(7));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 7).raw, "600-##-##");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 7).precision, TKG_PREC_YEAR);
    tkg_store_free(s);
}

/* An until skips a pending since that begins after it ends and pairs with the next one:
 * since 2000, since 1990, until 1995 is 1990..1995, and 2000 stays open. */
static void test_yago_pairing_skips_later_since(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "a.tsv",
                         "<X>\t<r>\t<Y>\t<occursSince>\t\"2000-##-##\"\n"
                         "<X>\t<r>\t<Y>\t<occursSince>\t\"1990-##-##\"\n"
                         "<X>\t<r>\t<Y>\t<occursUntil>\t\"1995-##-##\"\n"),
                    TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    check_relation(s, 0, "X", "r", "Y", day(1990, 1, 1), day(1996, 1, 1), LINES(2, 3));
    check_relation(s, 1, "X", "r", "Y", day(2000, 1, 1), TKG_DAY_MAX, LINES(1));
    tkg_store_free(s);
}

/* Pairing is per file: an until in another file stays alone. */
static void test_yago_pairing_per_file(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "a.tsv", "<X>\t<r>\t<Y>\t<occursSince>\t\"1992-##-##\"\n"), TKG_OK);
    CU_ASSERT_EQUAL(READ(s, "b.tsv", "<X>\t<r>\t<Y>\t<occursUntil>\t\"1994-##-##\"\n"), TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    check_relation(s, 0, "X", "r", "Y", day(1992, 1, 1), TKG_DAY_MAX, LINES(1));
    check_relation(s, 1, "X", "r", "Y", TKG_DAY_MIN, day(1995, 1, 1), LINES(1));
    tkg_store_free(s);
}

/* ------------------------------------------------------------ lines */

static void test_crlf_and_blank_lines(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "crlf.tsv",
                         "a\tr\tb\t2024-01-01\r\n" /* 1 */
                         "\r\n"                    /* 2 */
                         "\n"                      /* 3 */
                         "c\tr\td\r\n"             /* 4 */
                         "a\tr\tb\t2024-01-01"),   /* 5, no final newline */
                    TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    check_relation(s, 0, "a", "r", "b", day(2024, 1, 1), day(2024, 1, 2), LINES(1, 5));
    check_relation(s, 1, "c", "r", "d", TKG_DAY_MIN, TKG_DAY_MAX, LINES(4));
    /* no CR left in names */
    CU_ASSERT_NOT_EQUAL(tkg_store_find_entity(s, "d"), TKG_NO_ENTITY);
    tkg_store_free(s);
}

/* clang-format off */
static const char bad[] = "a\tr\n"                                        /* 1 */
                          "a\tr\tb\tc\td\te\tf\n"                         /* 2 */
                          "\tr\tb\n"                                      /* 3 */
                          "a\t\tb\n"                                      /* 4 */
                          "a\tr\t<>\n"                                    /* 5 */
                          "a\tr\tb\t2024-13-01\n"                         /* 6 */
                          "a\tr\tb\t<occursAt>\t\"2004\"\n"               /* 7 */
                          "<a>\t<r>\t<b>\t<occursSince>\t\"600-13-##\"\n" /* 8 */
                          "a\xff\tr\tb\n"                                 /* 9 */
                          "\xc3\xa9\0\tr\tb\n"                            /* 10: é, then NUL */
                          "\xc3\xa9\t\tb\n"                               /* 11 */
                          "a\tr\tb\t2024-02-30\r\n"                       /* 12 */
                          "\xed\xa0\x80\tr\tb\n" /* 13: an encoded surrogate */
                          "x\tr\t\xc0\xaf\n"     /* 14: an overlong '/' */
                          "ok\tr\tfine\n";       /* 15 */
/* clang-format on */

static void test_errors(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "bad.tsv", bad), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 14);
#define FIELDS "expected 3, 4 or 5 tab-separated fields (subject, relation, object, date), found "
    check_report(&r, 0, "bad.tsv", 1, 1, FIELDS "2");
    check_report(&r, 1, "bad.tsv", 2, 11, FIELDS "7"); /* at the sixth field */
    check_report(&r, 2, "bad.tsv", 3, 1, "empty entity name");
    check_report(&r, 3, "bad.tsv", 4, 3, "empty relation name");
    check_report(&r, 4, "bad.tsv", 5, 5, "empty entity name");
    check_report(&r, 5, "bad.tsv", 6, 12, "invalid date '2024-13-01': month must be 01-12");
    check_report(&r, 6, "bad.tsv", 7, 7, "expected <occursSince> or <occursUntil>");
    /* the date field starts at column 27 with its quote; the month at column 32 */
    check_report(&r, 7, "bad.tsv", 8, 32, "invalid date '600-13-##': month must be 01-12");
    check_report(&r, 8, "bad.tsv", 9, 2, "invalid UTF-8");
    check_report(&r, 9, "bad.tsv", 10, 2, "NUL byte in input");
    check_report(&r, 10, "bad.tsv", 11, 3, "empty relation name"); /* é is one column */
    check_report(&r, 11, "bad.tsv", 12, 15, "invalid date '2024-02-30': february 2024 has 29 days");
    check_report(&r, 12, "bad.tsv", 13, 1, "invalid UTF-8");
    check_report(&r, 13, "bad.tsv", 14, 5, "invalid UTF-8");
    CU_ASSERT_EQUAL(tkg_store_error_count(s), 14);
    tkg_store_free(s);
}

static void test_empty_and_twice(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(read_tsv(s, "empty.tsv", "", 0), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "empty.tsv", 1, 1, "empty file");

    /* The same file twice is refused; the other file with the same fact adds a citation. */
    CU_ASSERT_EQUAL(READ(s, "one.tsv", "a\tr\tb\n"), TKG_OK);
    CU_ASSERT_EQUAL(READ(s, "one.tsv", "a\tr\tb\n"), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 2);
    check_report(&r, 1, "one.tsv", 0, 0, "this file is given twice as input");
    CU_ASSERT_EQUAL(READ(s, "two.tsv", "\na\tr\tb\n"), TKG_OK);
    CU_ASSERT_EQUAL(r.n, 2);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 1);
    tkg_store_free(s);

    s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "one.tsv", "a\tr\tb\n"), TKG_OK);
    CU_ASSERT_EQUAL(READ(s, "two.tsv", "\na\tr\tb\n"), TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 2);
    tkg_citation c0 = tkg_relation_citation(s, 0, 0), c1 = tkg_relation_citation(s, 0, 1);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c0.source), "one.tsv");
    CU_ASSERT_EQUAL(c0.line, 1);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c1.source), "two.tsv");
    CU_ASSERT_EQUAL(c1.line, 2);
    tkg_store_free(s);
}

static void test_max_errors(void)
{
    reports r;
    tkg_store *s = new_store(&r, 3);
    CU_ASSERT_EQUAL(READ(s, "cap.tsv",
                         "a\n"
                         "b\n"
                         "c\n"
                         "d\n"
                         "good\tr\tline\n"),
                    TKG_EINPUT);
    /* Three problems, the notice, and reading stopped before the good line. */
    CU_ASSERT_EQUAL_FATAL(r.n, 4);
    for (unsigned i = 0; i < 3; i++)
        check_report(&r, i, "cap.tsv", (int)i + 1, 1,
                     FIELDS "1: separate the fields with TAB characters");
    CU_ASSERT_EQUAL(r.e[3].code, TKG_ELIMIT);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 0);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "good"), TKG_NO_ENTITY);
    tkg_store_free(s);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"ICEWS quadruples", test_icews},
        {"YAGO since/until pairing", test_yago_pairing},
        {"YAGO pairing is per file", test_yago_pairing_per_file},
        {"yago: an until skips a later since", test_yago_pairing_skips_later_since},
        {"CRLF and blank lines", test_crlf_and_blank_lines},
        {"errors with positions", test_errors},
        {"empty file, the same file twice", test_empty_and_twice},
        {"max_errors stops reading", test_max_errors},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("read_tsv", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    /* read before CU_cleanup_registry(), which clears it */
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
