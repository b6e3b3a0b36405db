/* Unit tests for src/lib/read_tsv.c: ICEWS and YAGO quadruples from memory, the pairing of
 * occursSince/occursUntil lines, citations of file and line, and every error with its
 * LINE:COL (columns count characters). Expected values are worked out by hand. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

    /* Lines of three or four fields are relations in line order; since and until lines are
     * paired once the file is read, and added by kind, subject and object (here: playsFor,
     * then r from A, C, E, G, the order the store met them in), each triple's by start. */
    /* three fields: valid at all times */
    check_relation(s, 0, "Nathan_Eccleston", "isAffiliatedTo", "Charlton_Athletic_F.C.",
                   TKG_DAY_MIN, TKG_DAY_MAX, LINES(3));
    CU_ASSERT_PTR_NULL(tkg_relation_start(s, 0).raw);
    /* since 1992 + until 1994: one fact, 1992-01-01 through 1994-12-31, citing both lines */
    check_relation(s, 1, "Neil_Grayson", "playsFor", "Boston_United_F.C.", day(1992, 1, 1),
                   day(1995, 1, 1), LINES(1, 2));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "1992-##-##");
    CU_ASSERT_STRING_EQUAL(tkg_relation_end(s, 1).raw, "1994-##-##");
    CU_ASSERT_EQUAL(tkg_relation_end(s, 1).precision, TKG_PREC_YEAR);
    /* an until that ends before the since begins does not pair: two open facts, the until's
     * first (it starts earlier) */
    check_relation(s, 2, "A", "r", "B", TKG_DAY_MIN, day(1996, 1, 1), LINES(5));
    check_relation(s, 3, "A", "r", "B", day(2000, 5, 1), TKG_DAY_MAX, LINES(4));
    CU_ASSERT_EQUAL(tkg_relation_start(s, 3).precision, TKG_PREC_MONTH);
    /* until without since: open start */
    check_relation(s, 4, "C", "r", "D", TKG_DAY_MIN, day(2011, 1, 1), LINES(6));
    /* a 3-digit year is year 600; a since without until: open end */
    check_relation(s, 5, "E", "r", "F", day(600, 1, 1), TKG_DAY_MAX, LINES(7));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 5).raw, "600-##-##");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 5).precision, TKG_PREC_YEAR);
    /* several of one triple: 1990..1995, 2000..2005 */
    check_relation(s, 6, "G", "r", "H", day(1990, 1, 1), day(1996, 1, 1), LINES(8, 10));
    check_relation(s, 7, "G", "r", "H", day(2000, 1, 1), day(2006, 1, 1), LINES(9, 11));
    tkg_store_free(s);
}

/* The earliest since takes the until, whatever the order of the lines: since 2000, since
 * 1990, until 1995 is 1990..1995, and 2000 stays open. */
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

/* An until line before its since pairs all the same. */
static void test_until_before_since(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "u.tsv",
                         "<X>\t<r>\t<Y>\t<occursUntil>\t\"1994-##-##\"\n"
                         "<A>\t<r>\t<B>\n"
                         "<X>\t<r>\t<Y>\t<occursSince>\t\"1992-##-##\"\n"),
                    TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    check_relation(s, 0, "A", "r", "B", TKG_DAY_MIN, TKG_DAY_MAX, LINES(2));
    /* where it begins (line 3), citing the since line, then the until line */
    check_relation(s, 1, "X", "r", "Y", day(1992, 1, 1), day(1995, 1, 1), LINES(3, 1));
    tkg_store_free(s);
}

/* Several of each, shuffled (a triple of wiki_valid.txt, with fewer lines): sorted, the
 * sinces are 2003 (line 4), 2013 (3), 2014 (6), 2015 (8), the untils 2002 (5), 2015 (7),
 * 2017 (1), 2017 (2). 2002 ends before the first since begins: open start. 2003 takes 2015,
 * 2013 and 2014 take the two 2017s (equal dates: in line order), 2015 finds none left. */
static void test_several_of_each(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "w.tsv",
                         "Q7\tP54\tQ8\toccurUntil\t2017\n"   /* 1 */
                         "Q7\tP54\tQ8\toccurUntil\t2017\n"   /* 2 */
                         "Q7\tP54\tQ8\toccurSince\t2013\n"   /* 3 */
                         "Q7\tP54\tQ8\toccurSince\t2003\n"   /* 4 */
                         "Q7\tP54\tQ8\toccurUntil\t2002\n"   /* 5 */
                         "Q7\tP54\tQ8\toccurSince\t2014\n"   /* 6 */
                         "Q7\tP54\tQ8\toccurUntil\t2015\n"   /* 7 */
                         "Q7\tP54\tQ8\toccurSince\t2015\n"), /* 8 */
                    TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 5);
    check_relation(s, 0, "Q7", "P54", "Q8", TKG_DAY_MIN, day(2003, 1, 1), LINES(5));
    check_relation(s, 1, "Q7", "P54", "Q8", day(2003, 1, 1), day(2016, 1, 1), LINES(4, 7));
    check_relation(s, 2, "Q7", "P54", "Q8", day(2013, 1, 1), day(2018, 1, 1), LINES(3, 1));
    check_relation(s, 3, "Q7", "P54", "Q8", day(2014, 1, 1), day(2018, 1, 1), LINES(6, 2));
    check_relation(s, 4, "Q7", "P54", "Q8", day(2015, 1, 1), TKG_DAY_MAX, LINES(8));
    tkg_store_free(s);
}

/* Partial dates: an until pairs with a since when it does not end before the since begins
 * (2004-05 with 2004: one year), and dates that cover the same days are ordered by their
 * text, byte by byte: "2004" before "2004-##-##". Identical pairs are one relation citing all four
 * lines. */
static void test_pairing_partial_dates(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "p.tsv",
                         "a\tr\tb\toccurUntil\t2004\n"              /* 1 */
                         "a\tr\tb\toccurSince\t2004-05\n"           /* 2 */
                         "c\tr\td\t<occursSince>\t\"2004\"\n"       /* 3 */
                         "c\tr\td\t<occursSince>\t\"2004-##-##\"\n" /* 4 */
                         "c\tr\td\t<occursUntil>\t\"2006-##-##\"\n" /* 5 */
                         "e\tr\tf\toccurSince\t2001\n"              /* 6 */
                         "e\tr\tf\toccurUntil\t2002\n"              /* 7 */
                         "e\tr\tf\toccurUntil\t2002\n"              /* 8 */
                         "e\tr\tf\toccurSince\t2001\n"              /* 9 */
                         "a\tr\tb\toccurUntil\t2004-04-30\n"),      /* 10 */
                    TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 5);
    /* a r b: the until 2004-04-30 ends before 2004-05 begins; 2004 does not */
    check_relation(s, 0, "a", "r", "b", TKG_DAY_MIN, day(2004, 5, 1), LINES(10));
    check_relation(s, 1, "a", "r", "b", day(2004, 5, 1), day(2005, 1, 1), LINES(2, 1));
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_MONTH);
    CU_ASSERT_EQUAL(tkg_relation_end(s, 1).precision, TKG_PREC_YEAR);
    check_relation(s, 2, "c", "r", "d", day(2004, 1, 1), day(2007, 1, 1), LINES(3, 5));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 2).raw, "2004");
    check_relation(s, 3, "c", "r", "d", day(2004, 1, 1), TKG_DAY_MAX, LINES(4));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 3).raw, "2004-##-##");
    check_relation(s, 4, "e", "r", "f", day(2001, 1, 1), day(2003, 1, 1), LINES(6, 7, 9, 8));
    tkg_store_free(s);
}

/* The Wikidata form: words without brackets, dates without quotes; values as objects. Item
 * ids are the entities' external ids; property ids are relation kinds. */
static void test_wikidata(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "wiki.txt",
                         "Q470340\tP54\tQ18741\toccurUntil\t2010\n"  /* 1 */
                         "Q470340\tP54\tQ18741\toccurSince\t2005\n"  /* 2 */
                         "Q541305\tP1087\t2200\toccurSince\t2011\n"  /* 3 */
                         "Q1\tP31\tQ5\t<occurSince>\t\"2001\"\n"     /* 4 */
                         "Q1\tP31\tQ5\toccursUntil\t2003-##-##\n"    /* 5 */
                         "Qatar\tP17\tQ0\toccurSince\t2004\n"        /* 6 */
                         "Q01\tP17\tQ12345678901234567890\t2004\n"), /* 7 */
                    TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 5);
    check_relation(s, 0, "Q01", "P17", "Q12345678901234567890", day(2004, 1, 1), day(2005, 1, 1),
                   LINES(7));
    check_relation(s, 1, "Q470340", "P54", "Q18741", day(2005, 1, 1), day(2011, 1, 1), LINES(2, 1));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2005");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_YEAR);
    CU_ASSERT_STRING_EQUAL(tkg_relation_end(s, 1).raw, "2010");
    check_relation(s, 2, "Q541305", "P1087", "2200", day(2011, 1, 1), TKG_DAY_MAX, LINES(3));
    check_relation(s, 3, "Q1", "P31", "Q5", day(2001, 1, 1), day(2004, 1, 1), LINES(4, 5));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 3).raw, "2001");
    CU_ASSERT_STRING_EQUAL(tkg_relation_end(s, 3).raw, "2003-##-##");
    check_relation(s, 4, "Qatar", "P17", "Q0", day(2004, 1, 1), TKG_DAY_MAX, LINES(6));
    static const struct {
        const char *id, *wikidata;
    } ids[] = {
        {"Q470340", "Q470340"}, {"Q18741", "Q18741"},
        {"Q541305", "Q541305"}, {"2200", NULL},
        {"Q1", "Q1"},           {"Q5", "Q5"},
        {"Qatar", NULL},        {"Q0", NULL},
        {"Q01", NULL},          {"Q12345678901234567890", NULL}, /* 21 characters */
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const char *got = tkg_entity_external_id(s, entity(s, ids[i].id));
        bool ok = ids[i].wikidata ? got && strcmp(got, ids[i].wikidata) == 0 : got == NULL;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  %s: external id %s\n", ids[i].id, got ? got : "(none)");
    }
    tkg_store_free(s);
}

/* Malformed Wikidata lines, each reported at its place. */
static void test_wikidata_errors(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "bad.txt",
                         "Q1\tP54\tQ2\toccurFrom\t2005\n"       /* 1 */
                         "Q1\tP54\tQ2\toccurSince\n"            /* 2 */
                         "Q1\tP54\tQ2\toccurSince\t20O5\n"      /* 3 */
                         "Q1\tP54\tQ2\t<occurUntil\t2005\n"     /* 4 */
                         "Q1\tP54\t\toccurUntil\t2005\n"        /* 5 */
                         "Q1\tP54\tQ2\toccursince\t2005\n"      /* 6 */
                         "Q1\tP54\tQ2\t<occursUntil>\n"         /* 7 */
                         "Q1\tP54\tQ2\toccurUntil\t2005-13\n"), /* 8 */
                    TKG_EINPUT);
#define WORD "expected occurSince or occurUntil (Wikidata), <occursSince> or <occursUntil> (YAGO)"
    CU_ASSERT_EQUAL_FATAL(r.n, 8);
    check_report(&r, 0, "bad.txt", 1, 11, WORD);
    check_report(&r, 1, "bad.txt", 2, 11, "occurSince without a date: expected a fifth field");
    check_report(&r, 2, "bad.txt", 3, 24,
                 "invalid date '20O5': expected YYYY, YYYY-MM or YYYY-MM-DD");
    check_report(&r, 3, "bad.txt", 4, 11, WORD);
    check_report(&r, 4, "bad.txt", 5, 8, "empty entity name");
    check_report(&r, 5, "bad.txt", 6, 11, WORD);
    check_report(&r, 6, "bad.txt", 7, 11, "<occursUntil> without a date: expected a fifth field");
    check_report(&r, 7, "bad.txt", 8, 27, "invalid date '2005-13': month must be 01-12");
#undef WORD
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 0);
    tkg_store_free(s);
}

/* An empty last field at the very end of the input: nothing is read past it (the buffer
 * is exactly the input, so that AddressSanitizer sees a read beyond it). */
static void test_empty_date_at_end(void)
{
    static const char text[] = "Q1\tP54\tQ2\t";
    char *buf = malloc(sizeof text - 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    memcpy(buf, text, sizeof text - 1);
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(read_tsv(s, "end.txt", buf, sizeof text - 1), TKG_EINPUT);
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    check_report(&r, 0, "end.txt", 1, 11, "invalid date '': expected YYYY, YYYY-MM or YYYY-MM-DD");
    tkg_store_free(s);
    free(buf);
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
    check_report(&r, 6, "bad.tsv", 7, 7,
                 "expected occurSince or occurUntil (Wikidata), <occursSince> or <occursUntil> "
                 "(YAGO)");
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

/* ------------------------------------------------------------ batches */

/* Lines are read in batches of a few dozen, in passes; problems still come in line order,
 * at their lines, and facts in line order, whatever the batch a line falls in. Line i
 * (1-based) is `e<i>	r	e<i+1>	2020-01-<i % 28 + 1>`, except these. */
static const char *special_line(int i)
{
    switch (i) {
    case 31:
        return "x\ty"; /* too few fields, at 31:1 */
    case 32:
        return "\tr\tb"; /* empty subject, at 32:1 */
    case 33:
        return "a\t\tb"; /* empty relation, at 33:3 */
    case 64:
        return "e64\tr\te65\t2020-02-30"; /* the day, at 64:19 */
    case 65:
        return "C\xc3\xb4te\tr\t\t2020"; /* Côte: empty object, at 65:8 */
    case 70:
        return "e2\tr\te3\t2020-01-03"; /* line 2 again: the same fact */
    case 97:
        return "e97"; /* then a NUL, at 97:4 (added below) */
    default:
        return NULL;
    }
}

static void test_batches(void)
{
    char *doc = malloc(100 * 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    size_t len = 0;
    for (int i = 1; i <= 100; i++) {
        const char *line = special_line(i);
        if (line)
            len += (size_t)sprintf(doc + len, "%s", line);
        else
            len += (size_t)sprintf(doc + len, "e%d\tr\te%d\t2020-01-%02d", i, i + 1, i % 28 + 1);
        if (i == 97) {
            memcpy(doc + len, "\0\tr\tb", 5);
            len += 5;
        }
        doc[len++] = '\n';
    }
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(read_tsv(s, "b.tsv", doc, len), TKG_EINPUT);
    CU_ASSERT_EQUAL_FATAL(r.n, 6);
    check_report(&r, 0, "b.tsv", 31, 1, FIELDS "2");
    check_report(&r, 1, "b.tsv", 32, 1, "empty entity name");
    check_report(&r, 2, "b.tsv", 33, 3, "empty relation name");
    check_report(&r, 3, "b.tsv", 64, 19, "invalid date '2020-02-30': february 2020 has 29 days");
    check_report(&r, 4, "b.tsv", 65, 8, "empty entity name");
    check_report(&r, 5, "b.tsv", 97, 4, "NUL byte in input");
    /* 100 lines, 6 with a problem, 1 restating line 2: 93 relations, in line order */
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 93);
    tkg_store_free(s);

    /* The same without the problems (and without line 70), to look at every relation. */
    len = 0;
    for (int i = 1; i <= 100; i++)
        len += (size_t)sprintf(doc + len, "e%d\tr\te%d\t2020-01-%02d\n", i, i + 1, i % 28 + 1);
    len += (size_t)sprintf(doc + len, "e2\tr\te3\t2020-01-03\n"); /* 101: line 2 again */
    s = new_store(&r, 0);
    CU_ASSERT_EQUAL(read_tsv(s, "c.tsv", doc, len), TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 101);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 100);
    for (int i = 1; i <= 100; i++) {
        char from[16], to[16];
        snprintf(from, sizeof from, "e%d", i);
        snprintf(to, sizeof to, "e%d", i + 1);
        int32_t d = day(2020, 1, i % 28 + 1);
        if (i == 2)
            check_relation(s, 1, from, "r", to, d, d + 1, LINES(2, 101));
        else
            check_relation(s, (uint32_t)i - 1, from, "r", to, d, d + 1, LINES((uint32_t)i));
    }
    /* entities in order of first mention */
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "e1"), 0);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "e101"), 100);
    tkg_store_free(s);
    free(doc);
}

/* The cap on problems may be reached in the middle of a batch: the lines before it are
 * read, relations and all, and none after. */
static void test_max_errors_mid_batch(void)
{
    char doc[1024];
    size_t len = 0;
    for (int i = 1; i <= 21; i++) {
        if (i == 10 || i == 20)
            len += (size_t)sprintf(doc + len, "bad\n");
        else if (i == 21)
            len += (size_t)sprintf(doc + len, "late\tr\tx\n");
        else
            len += (size_t)sprintf(doc + len, "g%d\tr\th%d\n", i, i);
    }
    reports r;
    tkg_store *s = new_store(&r, 2);
    CU_ASSERT_EQUAL(read_tsv(s, "cap.tsv", doc, len), TKG_EINPUT);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    check_report(&r, 0, "cap.tsv", 10, 1, FIELDS "1: separate the fields with TAB characters");
    check_report(&r, 1, "cap.tsv", 20, 1, FIELDS "1: separate the fields with TAB characters");
    CU_ASSERT_EQUAL(r.e[2].code, TKG_ELIMIT);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 18);
    CU_ASSERT_NOT_EQUAL(tkg_store_find_entity(s, "h19"), TKG_NO_ENTITY);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "late"), TKG_NO_ENTITY);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ dates and phrases */

/* A date keeps the text it was written with, in every form, the first time and again. */
static void test_date_forms(void)
{
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(READ(s, "d.tsv",
                         "a\tr\tb\t2004-05-06\n"     /* 1 */
                         "a\tr\tc\t\"2004-05-06\"\n" /* 2: the same text, quoted */
                         "a\tr\td\t2004-05\n"        /* 3 */
                         "a\tr\te\t2004\n"           /* 4 */
                         "a\tr\tf\t\"2004-##-##\"\n" /* 5 */
                         "a\tr\tg\t\"2004-05-##\"\n" /* 6 */
                         "a\tr\th\t\"600-##-##\"\n"  /* 7 */
                         "a\tr\ti\t2004-05-06\n"     /* 8 */
                         "a\tr\tj\t\"2004-##-##\"\n" /* 9 */
                         "a\tr\tk\t2004\n"           /* 10 */
                         "a\tr\tl\t2023-02-29\n"     /* 11 */
                         "a\tr\tm\t2023-02-29\n"     /* 12: reported again */
                         "a\tr\tn\t0000\n"           /* 13 */
                         "a\tr\to\t\"600-##-##\"\n"  /* 14 */
                         "a\tr\tp\t2004-13\n"),      /* 15 */
                    TKG_EINPUT);
    CU_ASSERT_EQUAL_FATAL(r.n, 4);
    check_report(&r, 0, "d.tsv", 11, 15, "invalid date '2023-02-29': february 2023 has 28 days");
    check_report(&r, 1, "d.tsv", 12, 15, "invalid date '2023-02-29': february 2023 has 28 days");
    check_report(&r, 2, "d.tsv", 13, 7, "invalid date '0000': year must be 0001-9999");
    check_report(&r, 3, "d.tsv", 15, 12, "invalid date '2004-13': month must be 01-12");
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 11);
    static const struct {
        const char *to, *raw;
        tkg_precision prec;
        int y0, m0, d0, y1, m1, d1; /* first day, day after the last */
    } want[] = {
        {"b", "2004-05-06", TKG_PREC_DAY, 2004, 5, 6, 2004, 5, 7},
        {"c", "2004-05-06", TKG_PREC_DAY, 2004, 5, 6, 2004, 5, 7},
        {"d", "2004-05", TKG_PREC_MONTH, 2004, 5, 1, 2004, 6, 1},
        {"e", "2004", TKG_PREC_YEAR, 2004, 1, 1, 2005, 1, 1},
        {"f", "2004-##-##", TKG_PREC_YEAR, 2004, 1, 1, 2005, 1, 1},
        {"g", "2004-05-##", TKG_PREC_MONTH, 2004, 5, 1, 2004, 6, 1},
        {"h", "600-##-##", TKG_PREC_YEAR, 600, 1, 1, 601, 1, 1},
        {"i", "2004-05-06", TKG_PREC_DAY, 2004, 5, 6, 2004, 5, 7},
        {"j", "2004-##-##", TKG_PREC_YEAR, 2004, 1, 1, 2005, 1, 1},
        {"k", "2004", TKG_PREC_YEAR, 2004, 1, 1, 2005, 1, 1},
        {"o", "600-##-##", TKG_PREC_YEAR, 600, 1, 1, 601, 1, 1},
    };
    for (uint32_t i = 0; i < 11; i++) {
        tkg_bound b = tkg_relation_start(s, i), e = tkg_relation_end(s, i);
        tkg_interval iv = tkg_relation_interval(s, i);
        bool ok = tkg_relation_to(s, i) == entity(s, want[i].to) && b.raw && e.raw &&
                  strcmp(b.raw, want[i].raw) == 0 && strcmp(e.raw, want[i].raw) == 0 &&
                  b.precision == want[i].prec && e.precision == want[i].prec &&
                  iv.start == day(want[i].y0, want[i].m0, want[i].d0) &&
                  iv.end_excl == day(want[i].y1, want[i].m1, want[i].d1);
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  relation %u (to %s) differs\n", i, want[i].to);
    }
    tkg_store_free(s);
}

/* Relation phrases of every length, many more than a small cache holds, each its own kind. */
static void test_many_phrases(void)
{
    enum { N = 150 };
    char phrase[N][48];
    for (int i = 0; i < N; i++) {
        int len = i % 40 + 1, digits = snprintf(NULL, 0, "%d", i);
        int pad = len > digits ? len - digits : 0;
        memset(phrase[i], 'x', (size_t)pad);
        snprintf(phrase[i] + pad, sizeof phrase[i] - (size_t)pad, "%d", i);
    }
    char *doc = malloc(2 * N * 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    size_t len = 0;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N; i++)
            len += (size_t)sprintf(doc + len, "s\t%s\to%d\n", phrase[i], i);
    reports r;
    tkg_store *s = new_store(&r, 0);
    CU_ASSERT_EQUAL(read_tsv(s, "p.tsv", doc, len), TKG_OK);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), N);
    for (int i = 0; i < N; i++) {
        char to[16];
        snprintf(to, sizeof to, "o%d", i);
        check_relation(s, (uint32_t)i, "s", phrase[i], to, TKG_DAY_MIN, TKG_DAY_MAX,
                       LINES((uint32_t)i + 1, (uint32_t)(N + i + 1)));
    }
    tkg_store_free(s);
    free(doc);
}

/* ------------------------------------------------------------ files */

/* A file of several chunks: lines cut by a chunk's end, CRLF, non-ASCII names. */
static void test_file_in_chunks(void)
{
    enum { N = 120000 };
    char path[] = "/tmp/tkg-test-read-tsv-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (int i = 0; i < N; i++)
        fprintf(f, "%s%d\tsays\tobj%d\t2021-%02d-%02d%s\n", i % 1000 == 7 ? "\xc3\xa9" : "s", i,
                i % 5000, i % 12 + 1, i % 28 + 1, i % 3 == 0 ? "\r" : "");
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);

    reports r;
    tkg_store *s = new_store(&r, 0);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_read_tsv_file(s, path, &err), TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    finish_ok(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), N + 5000);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), N);
    long wrong = 0;
    for (int i = 0; i < N; i++) {
        char from[32], to[32];
        snprintf(from, sizeof from, "%s%d", i % 1000 == 7 ? "\xc3\xa9" : "s", i);
        snprintf(to, sizeof to, "obj%d", i % 5000);
        int32_t d = day(2021, i % 12 + 1, i % 28 + 1);
        tkg_interval iv = tkg_relation_interval(s, (uint32_t)i);
        wrong += tkg_relation_from(s, (uint32_t)i) != tkg_store_find_entity(s, from) ||
                 tkg_relation_to(s, (uint32_t)i) != tkg_store_find_entity(s, to) || iv.start != d ||
                 iv.end_excl != d + 1 ||
                 tkg_relation_citation(s, (uint32_t)i, 0).line != (uint32_t)i + 1;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    tkg_store_free(s);
    remove(path);
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
        {"an until before its since", test_until_before_since},
        {"several sinces and untils of a triple", test_several_of_each},
        {"pairing partial dates", test_pairing_partial_dates},
        {"Wikidata quadruples and item ids", test_wikidata},
        {"malformed Wikidata lines", test_wikidata_errors},
        {"an empty date at the end of the input", test_empty_date_at_end},
        {"CRLF and blank lines", test_crlf_and_blank_lines},
        {"errors with positions", test_errors},
        {"empty file, the same file twice", test_empty_and_twice},
        {"max_errors stops reading", test_max_errors},
        {"problems and facts across batches", test_batches},
        {"max_errors reached within a batch", test_max_errors_mid_batch},
        {"dates in every form, again and again", test_date_forms},
        {"many relation phrases", test_many_phrases},
        {"a file in several chunks", test_file_in_chunks},
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
