/* Unit tests for tkg_layout_compute (layout.c): positions for the view's entities only, the
 * same bits from run to run, the budget and its failure. The CLI's use of it, on the
 * temporal-kg samples and with the real readers, is in check_layout.py. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two components (a-b-c-d a cycle with a chord, e-f) and an isolated entity g. */
static const char graph[] =
    "<tkg xmlns=\"urn:tkg:1\">\n"
    "  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
    "  <entity id=\"b\" kind=\"organization\" label=\"B\"/>\n"
    "  <entity id=\"c\" kind=\"state\" label=\"C\"/>\n"
    "  <entity id=\"d\" kind=\"state\" label=\"D\"/>\n"
    "  <entity id=\"e\" kind=\"state\" label=\"E\"/>\n"
    "  <entity id=\"f\" kind=\"state\" label=\"F\"/>\n"
    "  <entity id=\"g\" kind=\"person\" label=\"G\"/>\n"
    "  <relation kind=\"member_of\" from=\"a\" to=\"b\"/>\n"
    "  <relation kind=\"member_of\" from=\"c\" to=\"b\"/>\n"
    "  <relation kind=\"allied_with\" from=\"c\" to=\"d\"/>\n"
    "  <relation kind=\"allied_with\" from=\"d\" to=\"a\"/>\n"
    "  <relation kind=\"allied_with\" from=\"a\" to=\"c\"/>\n"
    "  <relation kind=\"allied_with\" from=\"a\" to=\"c\" start=\"2020\"/>\n"
    "  <relation kind=\"allied_with\" from=\"e\" to=\"f\"/>\n"
    "</tkg>\n";

static tkg_store *store;
static size_t n;

static int setup(void)
{
    tkg_error err = {0};
    if (tkg_store_new(&store, NULL, &err) != TKG_OK ||
        tkg_read_xml_buffer(store, graph, strlen(graph), "<graph>", &err) != TKG_OK ||
        tkg_store_finish(store, &err) != TKG_OK) {
        fprintf(stderr, "setup: %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    n = tkg_store_entity_count(store);
    return 0;
}

static int teardown(void)
{
    tkg_store_free(store);
    return 0;
}

static void test_whole_store(void)
{
    double x[7], y[7], x2[7], y2[7];
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(n, 7);
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, NULL, NULL, &err), TKG_OK);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT(isfinite(x[i]) && isfinite(y[i]));
        for (size_t j = 0; j < i; j++) /* no two entities on one spot */
            CU_ASSERT(x[i] != x[j] || y[i] != y[j]);
    }
    /* The same bits again, also through a view of everything and explicit defaults. */
    tkg_view *v = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, NULL, &err), TKG_OK);
    tkg_layout_options opt = {.budget = TKG_LAYOUT_BUDGET};
    CU_ASSERT_EQUAL(tkg_layout_compute(x2, y2, store, v, &opt, &err), TKG_OK);
    CU_ASSERT(memcmp(x, x2, sizeof x) == 0 && memcmp(y, y2, sizeof y) == 0);
    /* Another seed, other positions. */
    opt.seed = 7;
    CU_ASSERT_EQUAL(tkg_layout_compute(x2, y2, store, v, &opt, &err), TKG_OK);
    CU_ASSERT(memcmp(x, x2, sizeof x) != 0);
    tkg_view_free(v);
}

static void test_view_only(void)
{
    static const char *const states[] = {"state"};
    tkg_view_options vo = {.kinds = states, .kind_count = 1};
    tkg_view *v = NULL;
    tkg_error err = {0};
    double x[7], y[7];
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, &vo, &err), TKG_OK);
    size_t ne;
    const uint32_t *ent = tkg_view_entities(v, &ne);
    CU_ASSERT_EQUAL(ne, 5); /* a c d e f */
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, v, NULL, &err), TKG_OK);
    size_t finite = 0;
    for (size_t i = 0; i < n; i++) {
        bool in_view = false;
        for (size_t k = 0; k < ne; k++)
            in_view |= ent[k] == i;
        CU_ASSERT_EQUAL(isfinite(x[i]) && isfinite(y[i]), in_view);
        finite += isfinite(x[i]) != 0;
    }
    CU_ASSERT_EQUAL(finite, 5);
    tkg_view_free(v);

    /* An empty view: nothing to lay out, every entry NaN. */
    static const char *const events[] = {"event"};
    vo = (tkg_view_options){.kinds = events, .kind_count = 1};
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, &vo, &err), TKG_OK);
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, v, NULL, &err), TKG_OK);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT(isnan(x[i]) && isnan(y[i]));
    tkg_view_free(v);
}

static void test_budget(void)
{
    double x[7], y[7];
    tkg_error err = {0};
    /* 7 entities + 6 ties (a-b, c-b, c-d, d-a, a-c twice as one; e-f) = 13 units: a budget of
     * 13 x (TKG_LAYOUT_ITERATIONS_MIN - 1) allows too few iterations. */
    tkg_layout_options opt = {.budget = 13.0 * (TKG_LAYOUT_ITERATIONS_MIN - 1)};
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, NULL, &opt, &err), TKG_ELIMIT);
    CU_ASSERT_EQUAL(err.code, TKG_ELIMIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "7 entities and 6 ties are too many"));
    for (size_t i = 0; i < n; i++)
        CU_ASSERT(isnan(x[i]) && isnan(y[i]));
    /* Exactly enough for the fewest iterations. */
    opt.budget = 13.0 * TKG_LAYOUT_ITERATIONS_MIN;
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, NULL, &opt, &err), TKG_OK);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT(isfinite(x[i]) && isfinite(y[i]));
    /* Iterations given: used whatever the budget. */
    opt = (tkg_layout_options){.budget = 1, .iterations = 3};
    CU_ASSERT_EQUAL(tkg_layout_compute(x, y, store, NULL, &opt, &err), TKG_OK);
    CU_ASSERT(isfinite(x[0]) && isfinite(y[0]));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("layout", setup, teardown);
    CU_add_test(s, "whole store, repeatable", test_whole_store);
    CU_add_test(s, "a view's entities only", test_view_only);
    CU_add_test(s, "the budget", test_budget);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
