/* Unit tests for the timeline page writer (write_html.c, write_timeline_json.c): the
 * template split and its refusals, the data written into the embedded template, and the
 * escaping that keeps every label inside the data element. Expected values are worked out
 * by hand from the graph below and docs/timeline-data.md (days since 1970-01-01). The whole
 * page is checked against tkg query in check_timeline_data.py. */
#include "tkg.h"
#include "write_html.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A label that would end a <script> element, a name with U+2028 (a line break in JavaScript
 * strings before ES2019), a URL with markup in it, partial dates and an event-timed
 * relation. (A javascript: URL never reaches a writer: the store takes only http and https
 * sources, test_javascript_url.) */
static const char graph[] =
    "<tkg xmlns=\"urn:tkg:1\">\n"
    "  <source id=\"s1\" title=\"T &lt;b&gt;\" url=\"https://x.org/?q=&lt;/script&gt;&amp;a=1\" "
    "lang=\"fr\"/>\n"
    "  <entity id=\"a\" kind=\"state\" "
    "label=\"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""
    " start=\"2020-07\">\n"
    "    <name lang=\"en\">line\xE2\x80\xA8sep &amp; &lt;!-- c --&gt;</name>\n"
    "    <alias>Aa</alias>\n"
    "  </entity>\n"
    "  <entity id=\"b\" kind=\"organization\" label=\"Org\"/>\n"
    "  <entity id=\"d\" kind=\"event\" label=\"D\" start=\"2019\" end=\"2019\"/>\n"
    "  <relation kind=\"member_of\" from=\"a\" to=\"b\" start=\"2020-07\" end=\"2021\">\n"
    "    <cite source=\"s1\">q &lt;/script&gt;</cite></relation>\n"
    "  <relation id=\"own\" kind=\"concerns\" from=\"d\" to=\"b\" date=\"2020\"/>\n"
    "  <relation kind=\"concerns\" from=\"d\" to=\"a\"/>\n"
    "</tkg>\n";

static tkg_store *store;

static int setup(void)
{
    tkg_error err = {0};
    if (tkg_store_new(&store, NULL, &err) != TKG_OK ||
        tkg_read_xml_buffer(store, graph, strlen(graph), "<graph>", &err) != TKG_OK ||
        tkg_store_finish(store, &err) != TKG_OK) {
        fprintf(stderr, "setup: %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }
    return 0;
}

static int teardown(void)
{
    tkg_store_free(store);
    return 0;
}

/* What a sink holds, NUL-terminated (free it). */
static char *sink_text(tkg_sink *s)
{
    size_t n;
    const char *data = tkg_sink_data(s, &n);
    char *text = malloc(n + 1);
    if (text) {
        memcpy(text, data, n);
        text[n] = '\0';
    }
    return text;
}

static void expect_in(const char *text, const char *want)
{
    bool found = text && strstr(text, want);
    if (!found)
        fprintf(stderr, "\n  missing: %s\n", want);
    CU_ASSERT_TRUE(found);
}

static void expect_not_in(const char *text, const char *unwanted)
{
    bool absent = text && !strstr(text, unwanted);
    if (!absent)
        fprintf(stderr, "\n  unwanted: %s\n", unwanted);
    CU_ASSERT_TRUE(absent);
}

#define OPEN "<script type=\"application/json\" id=\"tkg-data\">"

static void test_split(void)
{
    static const char good[] = "<p>" OPEN "@TKG_DATA@</script>";
    size_t at = 0;
    tkg_error err = {0};
    CU_ASSERT_EQUAL(html_template_split(&at, good, strlen(good), "t", &err), TKG_OK);
    CU_ASSERT_EQUAL(at, strlen("<p>" OPEN));
    static const char *const bad[] = {
        "<p>" OPEN "</script>",                                /* no marker */
        OPEN "@TKG_DATA@</script>" OPEN "@TKG_DATA@</script>", /* two */
        OPEN "@TKG_DATA@</script><!-- @TKG_DATA@ -->",         /* one more outside */
        "<script>@TKG_DATA@</script>",                         /* not the data element */
        OPEN " @TKG_DATA@</script>",                           /* not its whole content */
        OPEN "@TKG_DATA@",                                     /* unclosed */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tkg_error_clear(&err);
        CU_ASSERT_EQUAL(html_template_split(&at, bad[i], strlen(bad[i]), "t", &err), TKG_EIO);
        CU_ASSERT_EQUAL(err.code, TKG_EIO);
        expect_in(err.message, "the page template t ");
    }
}

/* A template with one marker: its bytes before and after, the data between; a template
 * without exactly one marker writes nothing. */
static void test_template(void)
{
    static const char tpl[] = "<!DOCTYPE html><b>before</b>" OPEN "@TKG_DATA@</script><i>after</i>";
    static const char twice[] = OPEN "@TKG_DATA@@TKG_DATA@</script>";
    tkg_sink *s = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, &err), TKG_OK);
    CU_ASSERT_EQUAL(html_write_with_template(s, tpl, strlen(tpl), "t", store, NULL, NULL, &err),
                    TKG_OK);
    char *text = sink_text(s);
    const char *head = "<!DOCTYPE html><b>before</b>" OPEN "{\"format\":\"tkg-timeline\"";
    CU_ASSERT_TRUE(text && strncmp(text, head, strlen(head)) == 0);
    const char *tail = "}</script><i>after</i>";
    CU_ASSERT_TRUE(text && strlen(text) > strlen(tail) &&
                   strcmp(text + strlen(text) - strlen(tail), tail) == 0);
    expect_not_in(text, "@TKG_DATA@");
    free(text);
    tkg_sink_free(s);

    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, &err), TKG_OK);
    CU_ASSERT_EQUAL(html_write_with_template(s, twice, strlen(twice), "t", store, NULL, NULL, &err),
                    TKG_EIO);
    size_t n = 1;
    tkg_sink_data(s, &n);
    CU_ASSERT_EQUAL(n, 0);
    tkg_sink_free(s);
}

/* The data element of a page written with the embedded template (free it). */
static char *page_data(const tkg_export_options *opt)
{
    tkg_sink *s = NULL;
    char *data = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_html(s, store, NULL, opt, NULL), TKG_OK);
    char *text = sink_text(s);
    const char *start = text ? strstr(text, OPEN) : NULL;
    const char *end = start ? strstr(start + strlen(OPEN), "</script>") : NULL;
    CU_ASSERT_PTR_NOT_NULL(end);
    if (end) {
        start += strlen(OPEN);
        data = strndup(start, (size_t)(end - start));
    }
    free(text);
    tkg_sink_free(s);
    return data;
}

static void test_escaping(void)
{
    char *data = page_data(NULL);
    expect_not_in(data, "</script");
    expect_not_in(data, "<!--");
    expect_not_in(data, "<");
    expect_not_in(data, ">");
    expect_not_in(data, "&");
    expect_not_in(data, "\xE2\x80\xA8");
    expect_in(
        data,
        "\"label\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"");
    expect_in(data, "{\"text\":\"line\\u2028sep \\u0026 \\u003c!-- c --\\u003e\",\"lang\":\"en\","
                    "\"alias\":false}");
    expect_in(data, "{\"text\":\"Aa\",\"lang\":null,\"alias\":true}");
    /* the URL is data, escaped as any other string */
    expect_in(data, "{\"id\":\"s1\",\"title\":\"T \\u003cb\\u003e\",\"publisher\":null,"
                    "\"date\":null,\"url\":\"https://x.org/?q=\\u003c/script\\u003e\\u0026a=1\","
                    "\"lang\":\"fr\"}");
    expect_in(data, "\"quote\":\"q \\u003c/script\\u003e\"");
    free(data);
}

/* A javascript: URL is refused where sources are read, so no page can link to one. */
static void test_javascript_url(void)
{
    static const char doc[] = "<tkg xmlns=\"urn:tkg:1\">\n"
                              "  <source id=\"s\" title=\"T\" url=\"javascript:alert(1)\"/>\n"
                              "</tkg>\n";
    tkg_store *s = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, doc, strlen(doc), "<doc>", &err), TKG_EINPUT);
    expect_in(err.message, "is not an http or https address");
    tkg_store_free(s);
}

static void test_data(void)
{
    double x[3] = {1.5, -2, 0}, y[3] = {3.25, 0.5, 0};
    tkg_export_options opt = {.title = "T", .notice = "N", .x = x, .y = y};
    char *data = page_data(&opt);
    expect_in(data, "{\"format\":\"tkg-timeline\",\"version\":1,\"title\":\"T\",\"generator\":"
                    "\"tkg " TKG_VERSION "\",\"policy\":\"inclusive\"");
    /* 2019-01-01 is day 17897; the last day named is 2021-12-31, so the span ends 2022-01-01 */
    expect_in(data, "\"span\":{\"s\":17897,\"e\":18993},\"notice\":\"N\"");
    /* a: from 2020-07 (day 18444), open end, placed */
    expect_in(data, "\"start\":\"2020-07\",\"end\":null,\"s\":18444,\"e\":null,\"x\":1.5,"
                    "\"y\":3.25}");
    /* d: 2019 as written, [2019-01-01, 2020-01-01), placed at 0, 0 */
    expect_in(data, "\"start\":\"2019\",\"end\":\"2019\",\"s\":17897,\"e\":18262,\"x\":0,"
                    "\"y\":0}");
    /* member_of 2020-07 .. 2021: [2020-07-01, 2022-01-01); entities 0 (a) and 1 (b) */
    expect_in(data, "{\"id\":\"e0\",\"kind\":\"member_of\",\"from\":0,\"to\":1,"
                    "\"symmetric\":false,\"point\":false,\"event\":null,\"start\":\"2020-07\","
                    "\"end\":\"2021\","
                    "\"s\":18444,\"e\":18993,\"citations\":[{\"source\":0,\"quote\":"
                    "\"q \\u003c/script\\u003e\",\"locator\":null}]}");
    /* date="2020": a point, [2020-01-01, 2021-01-01), its own id */
    expect_in(data, "{\"id\":\"own\",\"kind\":\"concerns\",\"from\":2,\"to\":1,"
                    "\"symmetric\":false,\"point\":true,\"event\":null,\"start\":\"2020\","
                    "\"end\":\"2020\","
                    "\"s\":18262,\"e\":18628,\"citations\":[]}");
    /* undated, with event d (entity 2, written with one date): the event's lifespan (the
     * event-time rule) and, as d is, a point */
    expect_in(data, "{\"id\":\"e2\",\"kind\":\"concerns\",\"from\":2,\"to\":0,"
                    "\"symmetric\":false,\"point\":true,\"event\":2,\"start\":null,\"end\":null,"
                    "\"s\":17897,\"e\":18262,");
    expect_in(data, "\"centrality\":null}");
    free(data);

    char id[8];
    CU_ASSERT_EQUAL(tkg_relation_edge_id(id, sizeof id, store, 1), 3);
    CU_ASSERT_STRING_EQUAL(id, "own");
    CU_ASSERT_EQUAL(tkg_relation_edge_id(id, 2, store, 2), 2);
    CU_ASSERT_STRING_EQUAL(id, "e");
}

static void test_kinds_centrality(void)
{
    tkg_centrality *c = NULL;
    tkg_measure m[] = {TKG_MEASURE_DEGREE, TKG_MEASURE_PAGERANK};
    tkg_snapshot snaps[] = {{17897, 18261}, {18262, 19000}};
    tkg_centrality_options co = {
        .measures = m, .measure_count = 2, .snapshots = snaps, .snapshot_count = 2};
    tkg_view *v = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, NULL, NULL), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_centrality_compute(&c, store, v, &co, NULL), TKG_OK);
    tkg_export_options opt = {.centrality = c};
    char *data = page_data(&opt);
    expect_in(data, "\"entity_kinds\":[{\"name\":\"state\",\"parent\":\"actor\",");
    expect_in(data, "\"relation_kinds\":[{\"name\":\"member_of\",");
    /* the default (PageRank) first; snapshot k from its first day to the day after its last */
    expect_in(data, "\"centrality\":{\"measures\":[\"pagerank\",\"degree\"],\"default\":"
                    "\"pagerank\",\"snapshots\":[{\"s\":17897,\"e\":18262},{\"s\":18262,"
                    "\"e\":19001}],\"values\":{");
    /* 2019: d-a holds, but a (from 2020-07) is absent: no relation, no values; from 2020:
     * d (2019) is absent, a-b holds: degree 1 for a and b */
    expect_in(data, "\"degree\":[\n[null,null,null],\n[1,1,null]]");
    free(data);
    tkg_centrality_free(c);
    tkg_view_free(v);
}

int main(void)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } tests[] = {
        {"template split and refusals", test_split},
        {"template bytes around the data", test_template},
        {"escaping inside the data element", test_escaping},
        {"javascript: URLs refused at input", test_javascript_url},
        {"data: span, entities, relations, ids", test_data},
        {"kinds and centrality", test_kinds_centrality},
    };
    unsigned failures = 1;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("html", setup, teardown);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    failures = CU_get_number_of_failures(); /* before CU_cleanup_registry clears it */
done:
    CU_cleanup_registry();
    return failures != 0;
}
