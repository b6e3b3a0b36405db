/* Unit tests for the writers (write_graphml.c, write_gexf.c, write_json.c, write_csv.c,
 * write_dot.c) on a small graph held in memory: exact lines worked out by hand from the
 * input below and the rules in docs/export.md. The real readers check the same writers on
 * whole files in check_formats.py. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char graph[] =
    "<tkg xmlns=\"urn:tkg:1\">\n"
    "  <source id=\"s1\" title=\"T\"/>\n"
    "  <entity id=\"a\" kind=\"state\" label=\"A &amp; B\" start=\"2020-07\"/>\n"
    "  <entity id=\"b\" kind=\"organization\" label=\"Org\"/>\n"
    "  <entity id=\"c\" kind=\"state\" label=\"C\"/>\n"
    "  <entity id=\"d\" kind=\"event\" label=\"D\" start=\"2019\" end=\"2019\"/>\n"
    "  <relation kind=\"member_of\" from=\"a\" to=\"b\" start=\"2020-07\" end=\"2021\">\n"
    "    <cite source=\"s1\">q</cite><cite source=\"s1\">r</cite></relation>\n"
    "  <relation kind=\"allied_with\" from=\"a\" to=\"c\" date=\"2022-02-03\"/>\n"
    "  <relation id=\"e1\" kind=\"concerns\" from=\"d\" to=\"c\" date=\"2021-05\"/>\n"
    "  <relation kind=\"concerns\" from=\"d\" to=\"b\" date=\"2020\"/>\n"
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

typedef int (*writer)(tkg_sink *, const tkg_store *, const tkg_view *, const tkg_export_options *,
                      tkg_error *);

/* Writes the whole store with `w` into a NUL-terminated string (free it). */
static char *write_all(writer w, const tkg_export_options *opt)
{
    tkg_sink *s = NULL;
    char *text = NULL;
    if (tkg_sink_open_memory(&s, NULL) == TKG_OK && w(s, store, NULL, opt, NULL) == TKG_OK) {
        size_t n;
        const char *data = tkg_sink_data(s, &n);
        if ((text = malloc(n + 1))) {
            memcpy(text, data, n);
            text[n] = '\0';
        }
    }
    tkg_sink_free(s);
    CU_ASSERT_PTR_NOT_NULL(text);
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
    CU_ASSERT_TRUE(text && !strstr(text, unwanted));
}

static void test_graphml(void)
{
    char *t = write_all(tkg_write_graphml, NULL);
    expect_in(t, "<graph id=\"tkg\" edgedefault=\"directed\">");
    expect_in(t, "    <node id=\"a\"><data key=\"label\">A &amp; B</data>"
                 "<data key=\"color\">#4e79a7</data><data key=\"size\">15.66</data>"
                 "<data key=\"n_kind\">state</data><data key=\"n_start_date\">2020-07-01</data>"
                 "<data key=\"n_start_raw\">2020-07</data><data key=\"n_precision\">month</data>"
                 "</node>\n");
    /* Relation ids: own ids as they are; generated ids never take one ("e1" → "e1_1"). */
    expect_in(t, "    <edge id=\"e0\" source=\"a\" target=\"b\" label=\"member_of\">"
                 "<data key=\"el\">member of</data><data key=\"ew\">2</data>"
                 "<data key=\"ek\">member_of</data><data key=\"esd\">2020-07-01</data>"
                 "<data key=\"eed\">2021-12-31</data><data key=\"esr\">2020-07</data>"
                 "<data key=\"eer\">2021</data><data key=\"ep\">year</data>"
                 "<data key=\"esrc\">s1</data><data key=\"esup\">2</data>"
                 "<data key=\"esym\">false</data>"
                 "<data key=\"ecit\">[{\"source\":\"s1\",\"quote\":\"q\"},"
                 "{\"source\":\"s1\",\"quote\":\"r\"}]</data>"
                 "<data key=\"equote\">q</data></edge>\n");
    /* the sources cited, as graph data before the nodes */
    expect_in(t, "<key id=\"g_sources\" for=\"graph\" attr.name=\"sources\" "
                 "attr.type=\"string\"/>");
    expect_in(t, "<graph id=\"tkg\" edgedefault=\"directed\">\n"
                 "    <data key=\"g_sources\">[{\"id\":\"s1\",\"title\":\"T\"}]</data>\n"
                 "    <node id=\"a\">");
    expect_in(t, "<edge id=\"e1_1\" source=\"a\" target=\"c\" label=\"allied_with\">");
    expect_in(t, "<data key=\"esym\">true</data>");
    expect_in(t, "<key id=\"el\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>");
    expect_in(t, "<edge id=\"e1\" source=\"d\" target=\"c\" label=\"concerns\">");
    /* ... and a relation's own id travels in the tkg_id key, which the reader takes back */
    expect_in(t, "<data key=\"eid\">e1</data>");
    expect_in(t, "<key id=\"size\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>");
    expect_not_in(t, "<key id=\"x\""); /* no positions given */
    free(t);
    tkg_export_options strict = {.strict = true};
    t = write_all(tkg_write_graphml, &strict);
    expect_in(t, "<edge id=\"e0\" source=\"a\" target=\"b\"><data key=\"el\">");
    expect_not_in(t, "label=\"member_of\"");
    free(t);
}

static void test_gexf_spells(void)
{
    char *t = write_all(tkg_write_gexf, NULL);
    expect_in(t, "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
                 "version=\"1.3\">");
    /* a: since 2020-07; its edge's spell lies within that lifespan. */
    expect_in(t, "<node id=\"a\" label=\"A &amp; B\" start=\"2020-07-01\"><attvalues>");
    expect_in(t, "</attvalues><viz:color r=\"78\" g=\"121\" b=\"167\"/>");
    /* One interval: the element's own start and end. */
    expect_in(t, "kind=\"member_of\" weight=\"2\" start=\"2020-07-01\" end=\"2021-12-31\">");
    expect_in(t, "<attvalue for=\"support\" value=\"2\"/>");
    /* citations with their source's metadata inline (GEXF has no graph attributes) */
    expect_in(t, "<attvalue for=\"citations\" value=\"[{&quot;source&quot;:&quot;s1&quot;,"
                 "&quot;quote&quot;:&quot;q&quot;,&quot;title&quot;:&quot;T&quot;},"
                 "{&quot;source&quot;:&quot;s1&quot;,&quot;quote&quot;:&quot;r&quot;,"
                 "&quot;title&quot;:&quot;T&quot;}]\"/><attvalue for=\"quote\" value=\"q\"/>");
    expect_in(t, "<attribute id=\"citations\" title=\"citations\" type=\"string\"/>");
    /* A symmetric kind is a directed edge, from -> to, marked symmetric (docs/export.md). */
    expect_in(t, "<edge id=\"e1_1\" source=\"a\" target=\"c\" label=\"allied with\" "
                 "kind=\"allied_with\" weight=\"1\" start=\"2022-02-03\" end=\"2022-02-03\">");
    expect_in(t, "<attvalue for=\"symmetric\" value=\"true\"/>");
    expect_in(t, "<attribute id=\"symmetric\" title=\"symmetric\" type=\"boolean\">"
                 "<default>false</default></attribute>");
    expect_not_in(t, "undirected\"");
    /* support is 0 there, not the default 1 */
    expect_in(t, "<attvalue for=\"support\" value=\"0\"/>");
    expect_in(t, "<attribute id=\"support\" title=\"support\" type=\"long\">"
                 "<default>1</default></attribute>");
    /* d lives in 2019; its edges of 2020 and 2021-05 lie outside, so its spells take them
     * in: 2019 and 2020 touch and merge, 2021-05 stays apart. */
    expect_in(t, "<spells><spell start=\"2019-01-01\" end=\"2020-12-31\"/>"
                 "<spell start=\"2021-05-01\" end=\"2021-05-31\"/></spells>");
    /* b and c have no lifespan of their own: the span of their relations, from the first
     * start to the last end (b: d->b in 2020, a->b 2020-07 to 2021; c: d->c 2021-05, a-c
     * 2022-02-03), and no lifespan attributes. */
    expect_in(t, "<node id=\"b\" label=\"Org\" start=\"2020-01-01\" end=\"2021-12-31\">"
                 "<attvalues><attvalue for=\"kind\" value=\"organization\"/></attvalues>");
    expect_in(t, "<node id=\"c\" label=\"C\" start=\"2021-05-01\" end=\"2022-02-03\">"
                 "<attvalues><attvalue for=\"kind\" value=\"state\"/></attvalues>");
    free(t);
    /* Only the view's relations count: from 2020 to 2021, d (2019) and its relations are
     * left out, so b spans a->b alone and c, without a relation, has no spell. */
    tkg_view *v = NULL;
    tkg_view_options vo = {.has_window = true,
                           .from = tkg_day_from_civil(2020, 1, 1),
                           .to = tkg_day_from_civil(2021, 12, 31)};
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, &vo, NULL), TKG_OK);
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_gexf(s, store, v, NULL, NULL), TKG_OK);
    size_t n;
    const char *data = tkg_sink_data(s, &n);
    t = strndup(data, n);
    expect_in(t, "<node id=\"b\" label=\"Org\" start=\"2020-07-01\" end=\"2021-12-31\">");
    expect_in(t, "<node id=\"c\" label=\"C\"><attvalues>");
    free(t);
    tkg_sink_free(s);
    tkg_view_free(v);
}

static void test_json_csv(void)
{
    char *t = write_all(tkg_write_json, NULL);
    expect_in(t, "\"options\":{\"type\":\"directed\",\"multi\":true,\"allowSelfLoops\":true}");
    expect_in(t, "{\"key\":\"a\",\"attributes\":{\"label\":\"A & B\",\"color\":\"#4e79a7\","
                 "\"size\":15.66,\"kind\":\"state\",\"start_date\":\"2020-07-01\","
                 "\"start_raw\":\"2020-07\",\"precision\":\"month\"}}");
    expect_in(t, "{\"key\":\"e1_1\",\"source\":\"a\",\"target\":\"c\",\"attributes\":{");
    expect_in(t, "\"support\":0,\"symmetric\":true}}");
    expect_not_in(t, "undirected");
    /* the sources table among the graph's attributes; citations as a string holding JSON */
    expect_in(t, "{\"attributes\":{\"name\":\"tkg\",\"sources\":\"[{\\\"id\\\":\\\"s1\\\","
                 "\\\"title\\\":\\\"T\\\"}]\"},\n");
    expect_in(t, "\"support\":2,\"symmetric\":false,\"citations\":\"[{\\\"source\\\":\\\"s1\\\","
                 "\\\"quote\\\":"
                 "\\\"q\\\"},{\\\"source\\\":\\\"s1\\\",\\\"quote\\\":\\\"r\\\"}]\","
                 "\"quote\":\"q\"}}");
    free(t);
    t = write_all(tkg_write_csv_nodes, NULL);
    expect_in(t, "id:ID,:LABEL,label,kind,start_date:date,end_date:date,start_raw,end_raw,"
                 "precision,wikidata,sources,tkg_id,quote,citations\n");
    expect_in(t, "\n\"a\",\"state;actor;entity\",\"A & B\",\"state\",2020-07-01,,\"2020-07\",,"
                 "\"month\",,,,,\n");
    expect_in(t, "\n\"d\",\"event;entity\",\"D\",\"event\",2019-01-01,2019-12-31,\"2019\","
                 "\"2019\",\"year\",,,,,\n");
    free(t);
    t = write_all(tkg_write_csv_relationships, NULL);
    /* `id` is a relation's own id only (read back, a generated one would become one);
     * `edge_id` is the edge id of every format. */
    expect_in(t, ":START_ID,:END_ID,:TYPE,id,edge_id,label,");
    expect_in(t, "\n\"d\",\"c\",\"concerns\",\"e1\",\"e1\",\"concerns\",");
    expect_in(t,
              "\n\"a\",\"b\",\"member_of\",,\"e0\",\"member of\",2020-07-01,2021-12-31,"
              "\"2020-07\",\"2021\",\"year\",\"s1\",2,false,,\"q\",\"[{\"\"source\"\":\"\"s1\"\","
              "\"\"quote\"\":\"\"q\"\",\"\"title\"\":\"\"T\"\"},{\"\"source\"\":\"\"s1\"\","
              "\"\"quote\"\":\"\"r\"\",\"\"title\"\":\"\"T\"\"}]\"\n");
    expect_in(t, "\n\"a\",\"c\",\"allied_with\",,\"e1_1\",\"allied with\",2022-02-03,"
                 "2022-02-03,,,\"day\",,0,true,,,\n");
    free(t);
}

/* Writes store `s` with `w` into a NUL-terminated string (free it). */
static char *write_store(writer w, tkg_store *s)
{
    tkg_store *keep = store;
    store = s;
    char *t = write_all(w, NULL);
    store = keep;
    return t;
}

/* A quote and a source title holding what each syntax must escape: JSON inside XML text, an
 * XML attribute, a CSV field and a JSON string. The expected text follows from escaping for
 * JSON (" \ LF TAB), then for the file's syntax (docs/export.md, "Escaping"). */
static void test_citations_escaped(void)
{
    static const char xml[] =
        "<tkg xmlns=\"urn:tkg:1\">\n"
        "  <source id=\"s1\" title=\"T &quot;x&quot;\" url=\"http://e.org/?a=1&amp;b=2\"/>\n"
        "  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
        "  <entity id=\"b\" kind=\"organization\" label=\"B\"/>\n"
        "  <relation kind=\"member_of\" from=\"a\" to=\"b\" start=\"2020\"><cite source=\"s1\">"
        "say \"hi\" \\x|y&#10;z&#9;&lt;/script&gt; &amp; ]]&gt; &#x2028;.</cite></relation>\n"
        "</tkg>\n";
    tkg_store *s = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, xml, strlen(xml), "<x>", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    char *t = write_store(tkg_write_graphml, s);
    expect_in(t, "<data key=\"ecit\">[{\"source\":\"s1\",\"quote\":\"say \\\"hi\\\" \\\\x|y\\nz\\t"
                 "&lt;/script&gt; &amp; ]]&gt; \xE2\x80\xA8.\"}]</data>");
    expect_in(t, "<data key=\"g_sources\">[{\"id\":\"s1\",\"title\":\"T \\\"x\\\"\","
                 "\"url\":\"http://e.org/?a=1&amp;b=2\"}]</data>");
    free(t);
    t = write_store(tkg_write_gexf, s);
    expect_in(t, "<attvalue for=\"citations\" value=\"[{&quot;source&quot;:&quot;s1&quot;,"
                 "&quot;quote&quot;:&quot;say \\&quot;hi\\&quot; \\\\x|y\\nz\\t&lt;/script&gt; "
                 "&amp; ]]&gt; \xE2\x80\xA8.&quot;,&quot;title&quot;:&quot;T \\&quot;x\\&quot;"
                 "&quot;,&quot;url&quot;:&quot;http://e.org/?a=1&amp;b=2&quot;}]\"/>");
    free(t);
    t = write_store(tkg_write_csv_relationships, s);
    expect_in(t,
              ",\"[{\"\"source\"\":\"\"s1\"\",\"\"quote\"\":\"\"say \\\"\"hi\\\"\" \\\\x|y\\nz\\t"
              "</script> & ]]> \xE2\x80\xA8.\"\",\"\"title\"\":\"\"T \\\"\"x\\\"\"\"\","
              "\"\"url\"\":\"\"http://e.org/?a=1&b=2\"\"}]\"\n");
    free(t);
    t = write_store(tkg_write_json, s);
    expect_in(
        t, "\"citations\":\"[{\\\"source\\\":\\\"s1\\\",\\\"quote\\\":\\\"say \\\\\\\"hi\\\\\\\" "
           "\\\\\\\\x|y\\\\nz\\\\t</script> & ]]> \\u2028.\\\"}]\"");
    free(t);
    tkg_store_free(s);
}

static void test_dot(void)
{
    tkg_export_options opt = {.mark_ended = true, .ended_before = TKG_DAY_MAX, .title = "T\"x"};
    char *t = write_all(tkg_write_dot, &opt);
    expect_in(t, "digraph \"tkg\" {\n  graph [layout=\"dot\"");
    expect_in(t, "  \"a\" [id=\"n-a\", class=\"state\", label=\"A &amp; B\\nsince 2020-07\", "
                 "shape=\"box\"");
    /* Ended (closed end, not a point fact): grey and dashed. */
    expect_in(t, "  \"a\" -> \"b\" [id=\"r-e0\", class=\"member_of ended\", label=\"member of\\n"
                 "2020-07 \xe2\x86\x92 2021\", style=\"dashed\", color=\"#a0a0a0\"");
    /* A point fact is an event: never drawn as ended. */
    expect_in(t, "  \"a\" -> \"c\" [id=\"r-e1_1\", class=\"allied_with\", label=\"allied with\\n"
                 "2022-02-03\", color=\"#009e73\"");
    expect_in(t, ", dir=\"none\", tooltip=\"A &amp; B \xe2\x80\x94 C: allied with\\n2022-02-03\"");
    /* The legend lists the kinds present, not the others. */
    expect_in(t, "<B>T&quot;x</B>");
    expect_in(t, ">Organization</TD>");
    expect_in(t, ">member of</TD>");
    expect_in(t, ">ended</TD>");
    expect_not_in(t, ">Mission</TD>");
    expect_not_in(t, ">deployed in</TD>");
    free(t);
    CU_ASSERT_STRING_EQUAL(tkg_layout_engine(150, 300), "dot");
    CU_ASSERT_STRING_EQUAL(tkg_layout_engine(151, 0), "sfdp");
    CU_ASSERT_STRING_EQUAL(tkg_layout_engine(143, 301), "sfdp");
}

static void test_positions(void)
{
    size_t n = tkg_store_entity_count(store);
    double x[4], y[4];
    tkg_view *v = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, store, NULL, &err), TKG_OK);
    const char ok[] = "a 1.5 -2.25\nb 3 4\nc 0.00 10.50\nd -7 0\n";
    CU_ASSERT_EQUAL(tkg_positions_read(x, y, store, v, ok, strlen(ok), &err), TKG_OK);
    CU_ASSERT_DOUBLE_EQUAL(x[0], 1.5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y[0], -2.25, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(y[2], 10.5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(x[3], -7, 1e-9);
    const char *bad[] = {"a 1 2\nb 3 4\nc 5 6\n", "a 1 2\nb 3 4\nx 5 6\nd 7 8\n",
                         "a 1 2\nb 3,5 4\nc 5 6\nd 7 8\n", "a 1e3 2\nb 3 4\nc 5 6\nd 7 8\n",
                         "a 1 2\nb 3 4\nc 5 6\nd 7 8\ne 9 9\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tkg_error_clear(&err);
        CU_ASSERT_EQUAL(tkg_positions_read(x, y, store, v, bad[i], strlen(bad[i]), &err),
                        TKG_EINPUT);
        CU_ASSERT_STRING_EQUAL(err.source, "<tkg-render>");
    }
    /* With positions, GraphML declares x and y and writes them. */
    const char again[] = "a 1.5 -2.25\nb 3 4\nc 0 10.5\nd -7 0\n";
    CU_ASSERT_EQUAL(tkg_positions_read(x, y, store, v, again, strlen(again), NULL), TKG_OK);
    tkg_export_options opt = {.x = x, .y = y};
    char *t = write_all(tkg_write_graphml, &opt);
    expect_in(t, "<key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>");
    expect_in(t, "<data key=\"x\">1.5</data><data key=\"y\">-2.25</data>");
    free(t);
    x[1] = NAN; /* no position for b: nothing written for it */
    t = write_all(tkg_write_gexf, &opt);
    expect_in(t, "<viz:position x=\"1.5\" y=\"-2.25\"/>");
    const char *b = strstr(t, "<node id=\"b\"");
    const char *end = b ? strstr(b, "</node>") : NULL, *pos = b ? strstr(b, "<viz:position") : NULL;
    CU_ASSERT_TRUE(end && (!pos || pos > end));
    free(t);
    tkg_view_free(v);
}

/* GraphML, GEXF, JSON and CSV keep ids as they are, except those that cleaning would change,
 * which are encoded as in DOT; an encoded id that is another entity's id is refused. GraphML
 * --strict encodes every id that is not an NMTOKEN and keeps the original in tkg_id. */
static void test_raw_ids(void)
{
    static const char quads[] = "John Kerry\tConsult\tBad\x01Name\t2014-11-04\n";
    static const char clash[] = "a\x01\tConsult\ta\xc2\xb7"
                                "01\t2014-11-04\n";
    tkg_store *s = NULL;
    tkg_sink *out = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_tsv_buffer(s, quads, strlen(quads), "q.tsv", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_json(out, s, NULL, NULL, &err), TKG_OK);
    size_t n;
    const char *data = tkg_sink_data(out, &n);
    char *text = strndup(data, n);
    expect_in(text, "{\"key\":\"John Kerry\",\"attributes\":{\"label\":\"John Kerry\"");
    expect_in(text, "{\"key\":\"Bad\xc2\xb7"
                    "01Name\",\"attributes\":{\"label\":\"BadName\"");
    expect_in(text, "\"tkg_id\":\"BadName\"");
    expect_in(text, "\"source\":\"John Kerry\",\"target\":\"Bad\xc2\xb7"
                    "01Name\"");
    free(text);
    tkg_sink_free(out);
    out = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_graphml(out, s, NULL, NULL, &err), TKG_OK);
    data = tkg_sink_data(out, &n);
    text = strndup(data, n);
    expect_in(text, "<node id=\"John Kerry\"><data key=\"label\">John Kerry</data>");
    expect_not_in(text, "<data key=\"n_tkg_id\">John Kerry</data>");
    expect_in(text, "<node id=\"Bad\xc2\xb7"
                    "01Name\">");
    expect_in(text, "<data key=\"n_tkg_id\">BadName</data>");
    expect_in(text, "<edge id=\"e0\" source=\"John Kerry\" target=\"Bad\xc2\xb7"
                    "01Name\"");
    free(text);
    tkg_sink_free(out);
    out = NULL;
    tkg_export_options strict = {.strict = true};
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_graphml(out, s, NULL, &strict, &err), TKG_OK);
    data = tkg_sink_data(out, &n);
    text = strndup(data, n);
    expect_in(text, "<node id=\"John\xc2\xb7"
                    "20Kerry\">");
    expect_in(text, "<data key=\"n_tkg_id\">John Kerry</data>");
    free(text);
    tkg_sink_free(out);
    tkg_store_free(s);

    s = NULL;
    out = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_tsv_buffer(s, clash, strlen(clash), "c.tsv", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_write_csv_nodes(out, s, NULL, NULL, &err), TKG_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "would have the same id"));
    tkg_sink_free(out);
    out = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_graphml(out, s, NULL, NULL, NULL), TKG_EINPUT);
    tkg_sink_free(out);
    out = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_graphml(out, s, NULL, &strict, NULL), TKG_OK); /* both encoded */
    tkg_sink_free(out);
    tkg_store_free(s);
}

/* Centrality in the exports, on the actors of the graph above (a, b, c; d is an event):
 * a–b (member_of) and a–c (allied_with), so degrees a 2, b 1, c 1 over the whole history. */
static tkg_centrality *centrality(const tkg_snapshot *snaps, size_t n, bool normalized)
{
    static const tkg_measure degree[] = {TKG_MEASURE_DEGREE};
    tkg_centrality_options co = {.graph = {.actors_only = true},
                                 .measures = degree,
                                 .measure_count = 1,
                                 .normalized = normalized,
                                 .snapshots = snaps,
                                 .snapshot_count = n};
    tkg_centrality *c = NULL;
    tkg_view *v = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL(tkg_view_new(&v, store, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL(tkg_centrality_compute(&c, store, v, &co, &err), TKG_OK);
    tkg_view_free(v);
    return c;
}

static void test_centrality(void)
{
    tkg_centrality *c = centrality(NULL, 0, false);
    tkg_export_options opt = {.centrality = c};
    char *t = write_all(tkg_write_graphml, &opt);
    expect_in(t, "<key id=\"tkg_degree\" for=\"node\" attr.name=\"tkg_degree\" "
                 "attr.type=\"double\"/>");
    expect_in(t, "<data key=\"n_precision\">month</data><data key=\"tkg_degree\">2</data></node>");
    expect_in(t, "<node id=\"b\"><data key=\"label\">Org</data>");
    const char *d = t ? strstr(t, "<node id=\"d\"") : NULL; /* an event: no value */
    char *node_d = d ? strndup(d, (size_t)(strstr(d, "</node>") - d)) : NULL;
    CU_ASSERT_TRUE(node_d && !strstr(node_d, "tkg_degree"));
    free(node_d);
    free(t);
    t = write_all(tkg_write_json, &opt);
    expect_in(t, "\"precision\":\"month\",\"tkg_degree\":2}}");
    free(t);

    /* Diagrams: minimum sizes (the label may ask for more). a has the largest value (area
     * 16 times 0.75 x 0.3 in: 4 times each side), b and c half of it (8.5 times: 2.9155 times
     * each side), d none (no size: its natural shape); the legend gives the measure and the
     * range. */
    opt.size_by_centrality = true;
    t = write_all(tkg_write_dot, &opt);
    expect_in(t, ", width=\"3\", height=\"1.2\", tooltip=\"A &amp; B\\n");
    expect_in(t, ", width=\"2.187\", height=\"0.875\", tooltip=\"Org\\n");
    expect_in(t, ", width=\"2.187\", height=\"0.875\", tooltip=\"C\\n");
    expect_not_in(t, "fixedsize");
    d = t ? strstr(t, "\n  \"d\" [") : NULL;
    char *line_d = d ? strndup(d + 1, (size_t)(strchr(d + 1, '\n') - d - 1)) : NULL;
    CU_ASSERT_TRUE(line_d && strstr(line_d, "tooltip=\"D\\n") && !strstr(line_d, "width=") &&
                   !strstr(line_d, "height="));
    free(line_d);
    expect_in(t, "\\ndegree: 2 (rank 1)");
    expect_in(t, ">node size: degree (1 to 2; area grows with the value)</TD>");
    free(t);
    opt.size_measure = 1; /* no such measure */
    tkg_sink *out = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_dot(out, store, NULL, &opt, &err), TKG_EUSAGE);
    opt = (tkg_export_options){.size_by_centrality = true}; /* no centrality */
    CU_ASSERT_EQUAL(tkg_write_dot(out, store, NULL, &opt, NULL), TKG_EUSAGE);
    tkg_centrality_free(c);

    /* GEXF: 2020 (a–b) and 2022 (a–c) as windows. Each holds until the day before the next;
     * the last until its own end (the view's last day, 2022-02-03, is earlier). Equal
     * consecutive values make one spell, cut to the node's own time (a: since 2020-07). */
    tkg_snapshot snaps[2] = {{tkg_day_from_civil(2020, 1, 1), tkg_day_from_civil(2020, 12, 31)},
                             {tkg_day_from_civil(2022, 1, 1), tkg_day_from_civil(2022, 12, 31)}};
    c = centrality(snaps, 2, false);
    opt = (tkg_export_options){.centrality = c};
    t = write_all(tkg_write_gexf, &opt);
    expect_in(t, "<attributes class=\"node\" mode=\"dynamic\">");
    expect_in(t, "<attribute id=\"tkg_degree_rank\" title=\"tkg_degree_rank\" type=\"integer\"/>");
    expect_in(t, "<attributes class=\"edge\" mode=\"static\">");
    expect_in(t, "<attvalue for=\"tkg_degree\" value=\"1\" start=\"2020-07-01\" "
                 "end=\"2022-12-31\"/><attvalue for=\"tkg_degree_rank\" value=\"1\" "
                 "start=\"2020-07-01\" end=\"2022-12-31\"/></attvalues>");
    expect_in(t, "<attvalue for=\"tkg_degree\" value=\"1\" start=\"2020-01-01\" "
                 "end=\"2021-12-31\"/>"); /* b */
    expect_in(t, "<attvalue for=\"tkg_degree\" value=\"1\" start=\"2022-01-01\" "
                 "end=\"2022-02-03\"/>"); /* c, whose spell (its relations') ends 2022-02-03 */
    free(t);
    tkg_centrality_free(c);
    snaps[1] = snaps[0]; /* snapshots must start on increasing days */
    c = centrality(snaps, 2, false);
    opt.centrality = c;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_write_gexf(out, store, NULL, &opt, &err), TKG_EUSAGE);
    tkg_centrality_free(c);
    tkg_sink_free(out);

    /* Numbers in the C locale whatever LC_NUMERIC says (normalised: a 1, b and c 0.5). */
    c = centrality(NULL, 0, true);
    opt = (tkg_export_options){.centrality = c};
    if (setlocale(LC_NUMERIC, "fr_FR.utf8") || setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
        t = write_all(tkg_write_json, &opt);
        expect_in(t, "\"tkg_degree\":0.5}}");
        free(t);
        setlocale(LC_NUMERIC, "C");
    }
    tkg_centrality_free(c);
}

/* A user attribute named like a centrality column is renamed, not mixed with it. */
static void test_centrality_names(void)
{
    static const char doc[] =
        "<tkg xmlns=\"urn:tkg:1\">\n"
        "  <entity id=\"x\" kind=\"state\" label=\"X\">"
        "<attr key=\"tkg_degree\" type=\"int\">7</attr></entity>\n"
        "  <entity id=\"y\" kind=\"state\" label=\"Y\"/>\n"
        "  <relation kind=\"allied_with\" from=\"x\" to=\"y\" date=\"2020\"/>\n"
        "</tkg>\n";
    static const tkg_measure degree[] = {TKG_MEASURE_DEGREE};
    tkg_store *s = NULL;
    tkg_centrality *c = NULL;
    tkg_view *v = NULL;
    tkg_sink *out = NULL;
    tkg_error err = {0};
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, doc, strlen(doc), "<doc>", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_view_new(&v, s, NULL, &err), TKG_OK);
    tkg_centrality_options co = {.measures = degree, .measure_count = 1};
    CU_ASSERT_EQUAL_FATAL(tkg_centrality_compute(&c, s, v, &co, &err), TKG_OK);
    tkg_view_free(v);
    tkg_export_options opt = {.centrality = c};
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_json(out, s, NULL, &opt, &err), TKG_OK);
    size_t n;
    const char *data = tkg_sink_data(out, &n);
    char *text = strndup(data, n);
    expect_in(text, "\"attr_tkg_degree\":7,\"tkg_degree\":1}}");
    free(text);
    tkg_sink_free(out);
    out = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, NULL), TKG_OK);
    CU_ASSERT_EQUAL(tkg_write_json(out, s, NULL, NULL, &err), TKG_OK); /* no centrality */
    data = tkg_sink_data(out, &n);
    text = strndup(data, n);
    expect_in(text, "\"tkg_degree\":7}}");
    free(text);
    tkg_sink_free(out);
    tkg_centrality_free(c);
    tkg_store_free(s);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"graphml: keys, nodes, edges, ids, strict", test_graphml},
        {"gexf: spells closed, merged, covering", test_gexf_spells},
        {"json and csv", test_json_csv},
        {"citations escaped in every syntax", test_citations_escaped},
        {"dot: styles, ended relations, legend", test_dot},
        {"positions read back", test_positions},
        {"ids as they are, or encoded", test_raw_ids},
        {"centrality: graphml, json, dot sizes, gexf dynamic values", test_centrality},
        {"centrality: a user attribute of the same name is renamed", test_centrality_names},
    };
    unsigned failures = 1;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("writers", setup, teardown);
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
