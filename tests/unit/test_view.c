/* Unit tests for src/lib/view.c: as-of dates at interval edges, windows, entity and relation
 * kinds, neighbourhoods in both directions, lifespans, and the usage errors. Every expected
 * set is worked out by hand from the small graph below. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* Entity rows 0..9 and relation rows 0..9, in document order. */
/* clang-format off */
static const char graph[] =
    "<tkg xmlns=\"urn:tkg:1\">\n"
    "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"       /* e0 */
    "  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"     /* e1 */
    "  <entity id=\"bf\" kind=\"state\" label=\"Burkina Faso\"/>\n" /* e2 */
    "  <entity id=\"un\" kind=\"organization\" label=\"UN\"/>\n"    /* e3 */
    "  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\" start=\"2013-04-25\" "
    "end=\"2024-11-15\"/>\n"                                                            /* e4 */
    "  <entity id=\"gao\" kind=\"city\" label=\"Gao\"/>\n"                              /* e5 */
    "  <entity id=\"aes\" kind=\"organization\" label=\"AES\" start=\"2023-09-16\"/>\n" /* e6 */
    "  <entity id=\"ev\" kind=\"event\" label=\"Summit\" date=\"2024-07-06\"/>\n"       /* e7 */
    "  <entity id=\"far\" kind=\"state\" label=\"Far\"/>\n"                             /* e8 */
    "  <entity id=\"chad\" kind=\"state\" label=\"Chad\"/>\n"                           /* e9 */
    /* r0 */
    "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" start=\"2013-04-25\" "
    "end=\"2024-11-15\"/>\n"
    "  <relation kind=\"member_of\" from=\"mali\" to=\"un\" start=\"1960-09-28\"/>\n"   /* r1 */
    "  <relation kind=\"member_of\" from=\"niger\" to=\"aes\" start=\"2023-09-16\"/>\n" /* r2 */
    "  <relation kind=\"allied_with\" from=\"mali\" to=\"bf\" start=\"2023-09-16\"/>\n" /* r3 */
    "  <relation kind=\"located_in\" from=\"gao\" to=\"mali\"/>\n"                      /* r4 */
    "  <relation kind=\"member_of\" from=\"bf\" to=\"aes\" start=\"2023-09-16\" "
    "end=\"2024-01-28\"/>\n"                                                         /* r5 */
    "  <relation kind=\"participant_in\" from=\"niger\" to=\"ev\"/>\n"               /* r6 */
    "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"gao\" date=\"2020\"/>\n" /* r7 */
    "  <relation kind=\"allied_with\" from=\"far\" to=\"chad\" start=\"2020\"/>\n"   /* r8 */
    "  <relation kind=\"allied_with\" from=\"chad\" to=\"niger\" start=\"2020\"/>\n" /* r9 */
    "</tkg>\n";
/* clang-format on */

static tkg_store *store;

static int setup(void)
{
    tkg_error err;
    tkg_error_clear(&err);
    if (tkg_store_new(&store, NULL, &err) != TKG_OK ||
        tkg_read_xml_buffer(store, graph, sizeof graph - 1, "view.xml", &err) != TKG_OK ||
        tkg_store_finish(store, &err) != TKG_OK) {
        fprintf(stderr, "%s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    /* The rows are numbered as the comments above say. */
    static const char *const ids[] = {"mali", "niger", "bf", "un",  "minusma",
                                      "gao",  "aes",   "ev", "far", "chad"};
    for (uint32_t i = 0; i < 10; i++)
        if (tkg_store_find_entity(store, ids[i]) != i)
            return 1;
    return tkg_store_relation_count(store) == 10 ? 0 : 1;
}

static int teardown(void)
{
    tkg_store_free(store);
    return 0;
}

/* ------------------------------------------------------------ helpers */

#define ROWS(...)                                                                                  \
    (const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t)
#define NONE NULL, 0

static bool same_rows(const uint32_t *got, size_t n, const uint32_t *want, size_t wn,
                      const char *what)
{
    bool same = n == wn;
    for (size_t i = 0; same && i < n; i++)
        same = got[i] == want[i];
    if (!same) {
        fprintf(stderr, "\n  %s: got", what);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %u", got[i]);
        fprintf(stderr, "; want");
        for (size_t i = 0; i < wn; i++)
            fprintf(stderr, " %u", want[i]);
        fprintf(stderr, "\n");
    }
    return same;
}

/* Makes the view and checks its entity and relation rows (in row order), and that the
 * membership tests agree with the lists. */
static void check_view(const tkg_view_options *opt, const uint32_t *ents, size_t ne,
                       const uint32_t *rels, size_t nr)
{
    tkg_view *v = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_view_new(&v, store, opt, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s\n", err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
    size_t n;
    const uint32_t *rows = tkg_view_entities(v, &n);
    CU_ASSERT_TRUE(same_rows(rows, n, ents, ne, "entities"));
    for (uint32_t e = 0, j = 0; e < tkg_store_entity_count(store); e++) {
        bool want = j < ne && ents[j] == e;
        CU_ASSERT_EQUAL(tkg_view_has_entity(v, e), want);
        j += want;
    }
    rows = tkg_view_relations(v, &n);
    CU_ASSERT_TRUE(same_rows(rows, n, rels, nr, "relations"));
    for (uint32_t r = 0, j = 0; r < tkg_store_relation_count(store); r++) {
        bool want = j < nr && rels[j] == r;
        CU_ASSERT_EQUAL(tkg_view_has_relation(v, r), want);
        j += want;
    }
    tkg_view_free(v);
}

static int32_t day(int y, int m, int d)
{
    return tkg_day_from_civil(y, m, d);
}

static tkg_view_options at(int y, int m, int d)
{
    return (tkg_view_options){.has_at = true, .at = day(y, m, d)};
}

static tkg_view_options window(int32_t from, int32_t to)
{
    return (tkg_view_options){.has_window = true, .from = from, .to = to};
}

/* ------------------------------------------------------------ time */

static void test_everything(void)
{
    tkg_view_options all = {0};
    check_view(&all, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    check_view(NULL, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
}

static void test_as_of_edges(void)
{
    /* The day before MINUSMA: no mission, no AES yet, no summit. */
    tkg_view_options o = at(2013, 4, 24);
    check_view(&o, ROWS(0, 1, 2, 3, 5, 8, 9), ROWS(1, 4));
    /* Its first day: start is inclusive. */
    o = at(2013, 4, 25);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 8, 9), ROWS(0, 1, 4));
    /* Its last day as written (end="2024-11-15" holds through that day). */
    o = at(2024, 11, 15);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 8, 9));
    /* The next day: end_excl is exclusive; the mission and its relations are gone. */
    o = at(2024, 11, 16);
    check_view(&o, ROWS(0, 1, 2, 3, 5, 6, 8, 9), ROWS(1, 2, 3, 4, 8, 9));
    /* The last day of Burkina Faso in AES (r5) and the day after. */
    o = at(2024, 1, 28);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 8, 9));
    o = at(2024, 1, 29);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 8, 9));
    /* The summit day: the event exists, and so does its undated participation. */
    o = at(2024, 7, 6);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 6, 8, 9));
    /* A year-precision point fact covers the whole year, inclusively. */
    o = at(2020, 12, 31);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 8, 9), ROWS(0, 1, 4, 7, 8, 9));
    o = at(2021, 1, 1);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 8, 9), ROWS(0, 1, 4, 8, 9));
}

static void test_windows(void)
{
    /* r5 ends 2024-01-28: a window from the next day misses it; the summit is after it. */
    tkg_view_options o = window(day(2024, 1, 29), day(2024, 7, 5));
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 8, 9));
    /* One-day windows on each edge. */
    o = window(day(2024, 1, 28), day(2024, 1, 28));
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 8, 9));
    o = window(day(2024, 7, 6), day(2024, 7, 6));
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 6, 8, 9));
    /* A window that only touches the mission's last day keeps it. */
    o = window(day(2024, 11, 15), day(2030, 1, 1));
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 8, 9), ROWS(0, 1, 2, 3, 4, 8, 9));
    /* Before everything dated: only the open and undated facts. */
    o = window(day(1900, 1, 1), day(1960, 9, 27));
    check_view(&o, ROWS(0, 1, 2, 3, 5, 8, 9), ROWS(4));
    /* The widest window keeps everything. */
    o = window(TKG_DAY_MIN, TKG_DAY_MAX);
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    /* as-of and window together: both must hold. */
    o = window(day(2013, 1, 1), day(2013, 12, 31));
    o.has_at = true;
    o.at = day(2013, 4, 24);
    check_view(&o, ROWS(0, 1, 2, 3, 5, 8, 9), ROWS(1, 4));
}

/* ------------------------------------------------------------ kinds */

static void test_kinds(void)
{
    /* Subkinds count: a mission is an organization. Relations need both ends kept. */
    const char *orgs[] = {"organization"};
    tkg_view_options o = {.kinds = orgs, .kind_count = 1};
    check_view(&o, ROWS(3, 4, 6), NONE);

    const char *actors[] = {"actor"};
    o = (tkg_view_options){.kinds = actors, .kind_count = 1};
    check_view(&o, ROWS(0, 1, 2, 3, 4, 6, 8, 9), ROWS(0, 1, 2, 3, 5, 8, 9));

    const char *two[] = {"place", "event"};
    o = (tkg_view_options){.kinds = two, .kind_count = 2};
    check_view(&o, ROWS(5, 7), NONE);

    const char *states_and_cities[] = {"state", "city"};
    o = (tkg_view_options){.kinds = states_and_cities, .kind_count = 2};
    check_view(&o, ROWS(0, 1, 2, 5, 8, 9), ROWS(3, 4, 8, 9));

    /* The root kind keeps everything. */
    const char *root[] = {"entity"};
    o = (tkg_view_options){.kinds = root, .kind_count = 1};
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
}

static void test_relation_kinds(void)
{
    /* Relation kinds select relations only; every entity stays. */
    const char *allied[] = {"allied_with"};
    tkg_view_options o = {.relations = allied, .relation_count = 1};
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(3, 8, 9));

    const char *two[] = {"member_of", "deployed_in"};
    o = (tkg_view_options){.relations = two, .relation_count = 2};
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 5, 7));

    /* A kind with no relation in the store. */
    const char *none[] = {"accused"};
    o = (tkg_view_options){.relations = none, .relation_count = 1};
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), NONE);

    /* With entity kinds and a date. */
    const char *states[] = {"state"};
    o = (tkg_view_options){.relations = allied,
                           .relation_count = 1,
                           .kinds = states,
                           .kind_count = 1,
                           .has_at = true,
                           .at = day(2021, 6, 1)};
    check_view(&o, ROWS(0, 1, 2, 8, 9), ROWS(8, 9));
}

/* ------------------------------------------------------------ neighbourhoods */

static void test_around(void)
{
    /* Depth 1 from mali: its neighbours either way, and every kept relation among them
     * (r7, minusma-gao, joins two neighbours). */
    tkg_view_options o = {.around = "mali", .depth = 1};
    check_view(&o, ROWS(0, 2, 3, 4, 5), ROWS(0, 1, 3, 4, 7));
    o.depth = 0; /* means 1 */
    check_view(&o, ROWS(0, 2, 3, 4, 5), ROWS(0, 1, 3, 4, 7));
    o.depth = 2; /* + aes through bf */
    check_view(&o, ROWS(0, 2, 3, 4, 5, 6), ROWS(0, 1, 3, 4, 5, 7));
    o.depth = 3; /* + niger through aes */
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6), ROWS(0, 1, 2, 3, 4, 5, 7));
    o.depth = 4; /* + the summit and chad through niger */
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 9));
    o.depth = 5; /* + far */
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    o.depth = 100;
    check_view(&o, ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ROWS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));

    /* un has only an in-coming relation: it is followed backwards. */
    o = (tkg_view_options){.around = "un", .depth = 1};
    check_view(&o, ROWS(0, 3), ROWS(1));
    /* far has only an out-going one, and chad both. */
    o = (tkg_view_options){.around = "far", .depth = 2};
    check_view(&o, ROWS(1, 8, 9), ROWS(8, 9));
}

static void test_around_with_time_and_kinds(void)
{
    /* In 2025 minusma and r5 are gone: from mali, aes is out of reach. */
    tkg_view_options o = at(2025, 1, 1);
    o.around = "mali";
    o.depth = 2;
    check_view(&o, ROWS(0, 2, 3, 5), ROWS(1, 3, 4));
    o.depth = 10;
    check_view(&o, ROWS(0, 2, 3, 5), ROWS(1, 3, 4));

    /* An around entity outside the view leaves nothing. */
    o.around = "minusma";
    check_view(&o, NONE, NONE);

    /* Only allied_with relations carry the walk: from niger to chad and far. */
    const char *allied[] = {"allied_with"};
    o = (tkg_view_options){.around = "niger", .depth = 3, .relations = allied, .relation_count = 1};
    check_view(&o, ROWS(1, 8, 9), ROWS(8, 9));
}

/* ------------------------------------------------------------ policies */

static void test_strict_empty_facts(void)
{
    /* Under the strict policy a month-precision point fact covers no day for sure: it
     * matches no date and no window. */
    static const char doc[] = "<tkg xmlns=\"urn:tkg:1\">\n"
                              "  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
                              "  <entity id=\"b\" kind=\"state\" label=\"B\"/>\n"
                              "  <relation kind=\"allied_with\" from=\"a\" to=\"b\" "
                              "date=\"2024-07\"/>\n"
                              "</tkg>\n";
    for (int p = TKG_POLICY_INCLUSIVE; p <= TKG_POLICY_STRICT; p++) {
        tkg_store_options so = {.policy = (tkg_policy)p};
        tkg_store *s = NULL;
        tkg_error err;
        tkg_error_clear(&err);
        CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &so, &err), TKG_OK);
        CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, doc, sizeof doc - 1, "s.xml", &err), TKG_OK);
        CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
        bool inclusive = p == TKG_POLICY_INCLUSIVE;
        tkg_view_options opts[] = {at(2024, 7, 1), at(2024, 7, 15), at(2024, 7, 31),
                                   window(TKG_DAY_MIN, TKG_DAY_MAX)};
        for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
            tkg_view *v = NULL;
            CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, s, &opts[i], &err), TKG_OK);
            size_t n;
            tkg_view_relations(v, &n);
            CU_ASSERT_EQUAL(n, inclusive ? 1 : 0);
            tkg_view_entities(v, &n);
            CU_ASSERT_EQUAL(n, 2);
            tkg_view_free(v);
        }
        tkg_store_free(s);
    }
}

/* ------------------------------------------------------------ errors */

/* `only`: the listed entities (in any order, repeats allowed) and the relations between them,
 * with the other options still applied. */
static void test_only(void)
{
    const uint32_t some[] = {6, 1, 2, 1}; /* aes, niger, bf */
    tkg_view_options o = {.only = some, .only_count = 4};
    check_view(&o, (uint32_t[]){1, 2, 6}, 3, (uint32_t[]){2, 5}, 2);
    /* with a date: bf's membership of aes ended on 2024-01-28 */
    o.has_at = true;
    o.at = day(2024, 6, 1);
    check_view(&o, (uint32_t[]){1, 2, 6}, 3, (uint32_t[]){2}, 1);
    /* an empty list keeps nothing */
    o = (tkg_view_options){.only = some, .only_count = 0};
    check_view(&o, NULL, 0, NULL, 0);
}

static void check_fails(const tkg_view_options *o, int code, const char *message)
{
    tkg_view *v = (tkg_view *)1;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_view_new(&v, store, o, &err), code);
    CU_ASSERT_PTR_NULL(v);
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_STRING_EQUAL(err.message, message);
    CU_ASSERT(err.line == 0 && err.column == 0);
}

static void test_errors(void)
{
    const char *stat[] = {"state", "stat"};
    tkg_view_options o = {.kinds = stat, .kind_count = 2};
    check_fails(&o, TKG_EUSAGE, "unknown entity kind 'stat' (did you mean 'state'?)");
    const char *far[] = {"zzzzzz"};
    o = (tkg_view_options){.kinds = far, .kind_count = 1};
    check_fails(&o, TKG_EUSAGE, "unknown entity kind 'zzzzzz'");
    const char *alied[] = {"alied_with"};
    o = (tkg_view_options){.relations = alied, .relation_count = 1};
    check_fails(&o, TKG_EUSAGE, "unknown relation kind 'alied_with' (did you mean 'allied_with'?)");
    /* an entity kind is not a relation kind */
    const char *state[] = {"state"};
    o = (tkg_view_options){.relations = state, .relation_count = 1};
    check_fails(&o, TKG_EUSAGE, "unknown relation kind 'state'");

    o = (tkg_view_options){.around = "nobody"};
    check_fails(&o, TKG_ENOTFOUND, "unknown entity 'nobody'");
    /* the id match is exact */
    o = (tkg_view_options){.around = "Mali"};
    check_fails(&o, TKG_ENOTFOUND, "unknown entity 'Mali'");

    o = window(day(2024, 2, 1), day(2024, 1, 31));
    check_fails(&o, TKG_EUSAGE, "the window ends before it starts");
    const uint32_t beyond[] = {3, 10};
    o = (tkg_view_options){.only = beyond, .only_count = 2};
    check_fails(&o, TKG_EUSAGE, "no entity has row 10");
    tkg_view_free(NULL); /* a no-op */
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"no options: everything", test_everything},
        {"as-of at interval edges", test_as_of_edges},
        {"windows", test_windows},
        {"entity kinds with subkinds", test_kinds},
        {"relation kinds", test_relation_kinds},
        {"around: depth, both directions", test_around},
        {"around with dates and kinds", test_around_with_time_and_kinds},
        {"strict policy: empty facts match nothing", test_strict_empty_facts},
        {"only: listed entities", test_only},
        {"usage errors", test_errors},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("view", setup, teardown);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    /* read before CU_cleanup_registry(), which clears it; a failed setup counts too */
    failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
done:
    CU_cleanup_registry();
    return failures != 0;
}
