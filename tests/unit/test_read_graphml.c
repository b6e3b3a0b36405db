/* Unit tests for src/lib/read_graphml.c: mapping GraphML to the data model, and every refusal
 * with its position. Expected values are written by hand (days from 1970-01-01 computed with
 * Python's datetime). */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"

/* Every problem reported, as "LINE:COL: message", one per line. */
typedef struct problems {
    char text[8192];
    int count;
} problems;

static void collect(void *ctx, const tkg_error *e)
{
    problems *p = ctx;
    size_t used = strlen(p->text);
    snprintf(p->text + used, sizeof p->text - used, "%d:%d: %s\n", e->line, e->column, e->message);
    p->count++;
}

/* Reads `doc` (then finishes the store when the read succeeded); returns the read's code. */
static int load(tkg_store **out, problems *p, const char *doc)
{
    memset(p, 0, sizeof *p);
    tkg_store_options opt = {.report = collect, .report_ctx = p};
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_store_new(out, &opt, &err) == TKG_OK);
    int rc = tkg_read_graphml_buffer(*out, doc, strlen(doc), "t.graphml", &err);
    if (rc == TKG_OK)
        rc = tkg_store_finish(*out, &err);
    return rc;
}

/* True when a problem "LINE:COL: ...MESSAGE..." was reported. */
static bool has(const problems *p, const char *position, const char *message)
{
    for (const char *line = p->text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        char one[512];
        snprintf(one, sizeof one, "%.*s", (int)n, line);
        if (strncmp(one, position, strlen(position)) == 0 && one[strlen(position)] == ':' &&
            strstr(one, message))
            return true;
        line += n + (nl != NULL);
    }
    fprintf(stderr, "\n  expected %s: ...%s... among:\n%s", position, message, p->text);
    return false;
}

static const char *attr_of(const tkg_store *s, bool relation, uint32_t row, const char *key,
                           tkg_attr_type *type)
{
    size_t n = relation ? tkg_relation_attr_count(s, row) : tkg_entity_attr_count(s, row);
    for (size_t i = 0; i < n; i++) {
        tkg_attr a = relation ? tkg_relation_attr(s, row, i) : tkg_entity_attr(s, row, i);
        if (strcmp(a.key, key) == 0) {
            if (type)
                *type = a.type;
            return a.value;
        }
    }
    return NULL;
}

static const char *kind_of(const tkg_store *s, uint32_t e)
{
    return tkg_entity_kind_name(tkg_store_ontology(s), tkg_entity_kind(s, e));
}

/* ------------------------------------------------------------ mapping */

static const char sahel[] =
    HEAD "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"rel\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"sd\" for=\"edge\" attr.name=\"start_date\" attr.type=\"string\"/>\n"
         "  <key id=\"ed\" for=\"edge\" attr.name=\"end_date\" attr.type=\"string\"/>\n"
         "  <key id=\"sr\" for=\"edge\" attr.name=\"start_raw\" attr.type=\"string\"/>\n"
         "  <key id=\"er\" for=\"edge\" attr.name=\"end_raw\" attr.type=\"string\"/>\n"
         "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <key id=\"own\" for=\"edge\" attr.name=\"tkg_id\" attr.type=\"string\"/>\n"
         "  <graph id=\"g\" edgedefault=\"directed\">\n"
         "    <node id=\"minusma\"><data key=\"label\">MINUSMA</data>"
         "<data key=\"kind\">mission</data></node>\n"
         "    <node id=\"mali\"><data key=\"label\">Mali</data>"
         "<data key=\"kind\">state</data></node>\n"
         "    <edge id=\"r1\" source=\"minusma\" target=\"mali\">\n"
         "      <data key=\"rel\">deployed_in</data>\n"
         "      <data key=\"sd\">2013-04-25</data><data key=\"sr\">2013-04-25</data>\n"
         "      <data key=\"ed\">2024-11-15</data><data key=\"er\">2024-11-15</data>\n"
         "      <data key=\"w\">1.5</data><data key=\"own\">r1</data>\n"
         "    </edge>\n"
         "  </graph>\n"
         "</graphml>\n";

static void test_maps_the_data_model(void)
{
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, sahel), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 1);
    uint32_t m = tkg_store_find_entity(s, "minusma"), mali = tkg_store_find_entity(s, "mali");
    CU_ASSERT_FATAL(m != TKG_NO_ENTITY && mali != TKG_NO_ENTITY);
    CU_ASSERT_STRING_EQUAL(kind_of(s, m), "mission");
    CU_ASSERT_STRING_EQUAL(kind_of(s, mali), "state");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, m, NULL), "MINUSMA");
    /* kind and label are mapped, not attributes */
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, m), 0);
    const tkg_ontology *o = tkg_store_ontology(s);
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, tkg_relation_kind(s, 0)), "deployed_in");
    CU_ASSERT_FALSE(tkg_relation_kind_implicit(o, tkg_relation_kind(s, 0)));
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), m);
    CU_ASSERT_EQUAL(tkg_relation_to(s, 0), mali);
    CU_ASSERT_STRING_EQUAL(tkg_relation_id(s, 0), "r1");
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 0).raw, "2013-04-25");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 0).precision, TKG_PREC_DAY);
    tkg_interval iv = tkg_relation_interval(s, 0);
    CU_ASSERT_EQUAL(iv.start, 15820);    /* 2013-04-25 */
    CU_ASSERT_EQUAL(iv.end_excl, 20043); /* 2024-11-16: the end day is included */
    tkg_attr_type type;
    const char *w = attr_of(s, true, 0, "weight", &type);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_STRING_EQUAL(w, "1.5");
    CU_ASSERT_EQUAL(type, TKG_ATTR_DOUBLE);
    CU_ASSERT_PTR_NULL(attr_of(s, true, 0, "start_date", NULL));
    /* One source, the file; each node and edge cites it with its line. */
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 1);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, 0), "t.graphml");
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 1);
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 0, 0).line, 15);
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, mali), 1);
    CU_ASSERT_EQUAL(tkg_entity_citation(s, mali, 0).line, 14);
    tkg_store_free(s);
}

static void test_labels_byte_exact(void)
{
    static const char doc[] =
        HEAD "<key id=\"l\" for=\"node\" attr.name=\"label\"/>\n"
             "<key id=\"n\" for=\"node\" attr.name=\"note\" attr.type=\"string\"/>\n"
             "<graph edgedefault=\"undirected\">\n"
             "<node id=\"ecowas\"><data key=\"l\">Cédéao</data></node>\n"
             "<node id=\"goita\"><data key=\"l\">Assimi Goïta</data></node>\n"
             "<node id=\"aes\"><data key=\"l\">« Alliance des États du Sahel »</data>"
             "<data key=\"n\"><![CDATA[a <b> & c]]></data></node>\n"
             "<node id=\"mx\"><data key=\"l\">M&amp;Eacute;XICO&#13;\n</data>"
             "<data key=\"n\">  padded  </data></node>\n"
             "<node id=\"blank\"><data key=\"l\">   </data></node>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, tkg_store_find_entity(s, "ecowas"), NULL),
                           "C\xc3\xa9"
                           "d\xc3\xa9"
                           "ao");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, tkg_store_find_entity(s, "goita"), NULL),
                           "Assimi Go\xc3\xafta");
    uint32_t aes = tkg_store_find_entity(s, "aes");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, aes, NULL),
                           "\xc2\xab Alliance des \xc3\x89tats du Sahel \xc2\xbb");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, aes, "note", NULL), "a <b> & c");
    uint32_t mx = tkg_store_find_entity(s, "mx");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mx, NULL), "M&Eacute;XICO\r\n");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, mx, "note", NULL), "  padded  ");
    /* a blank label is no label: the id stands in */
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, tkg_store_find_entity(s, "blank"), NULL), "blank");
    tkg_store_free(s);
}

static void test_dates_and_precision(void)
{
    static const char doc[] =
        HEAD "<key id=\"sd\" for=\"all\" attr.name=\"start_date\"/>\n"
             "<key id=\"ed\" for=\"all\" attr.name=\"end_date\"/>\n"
             "<key id=\"sr\" for=\"all\" attr.name=\"start_raw\"/>\n"
             "<key id=\"p\" for=\"all\" attr.name=\"precision\"/>\n"
             "<key id=\"s\" for=\"all\" attr.name=\"start\"/>\n"
             "<key id=\"e\" for=\"all\" attr.name=\"end\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             /* raw wins; start_date lies in it */
             "<node id=\"a\"><data key=\"sd\">2024-07-01</data><data key=\"sr\">2024-07</data>"
             "</node>\n"
             /* full dates cut to their precision */
             "<node id=\"b\"><data key=\"sd\">2024-07-01</data><data key=\"ed\">2024-07-31</data>"
             "<data key=\"p\">month</data></node>\n"
             /* plain start/end as written */
             "<node id=\"c\"><data key=\"s\">2023</data><data key=\"e\">2024-02</data></node>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"s\">2004-##-##</data></edge>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    uint32_t c = tkg_store_find_entity(s, "c");
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, a).raw, "2024-07");
    CU_ASSERT_EQUAL(tkg_entity_start(s, a).precision, TKG_PREC_MONTH);
    CU_ASSERT_PTR_NULL(tkg_entity_end(s, a).raw);
    CU_ASSERT_EQUAL(tkg_entity_lifespan(s, a).start, 19905); /* 2024-07-01 */
    CU_ASSERT_EQUAL(tkg_entity_lifespan(s, a).end_excl, TKG_DAY_MAX);
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, b).raw, "2024-07");
    CU_ASSERT_STRING_EQUAL(tkg_entity_end(s, b).raw, "2024-07");
    CU_ASSERT_EQUAL(tkg_entity_end(s, b).precision, TKG_PREC_MONTH);
    CU_ASSERT_EQUAL(tkg_entity_lifespan(s, b).end_excl, 19936); /* 2024-08-01 */
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, c).raw, "2023");
    CU_ASSERT_EQUAL(tkg_entity_start(s, c).precision, TKG_PREC_YEAR);
    CU_ASSERT_EQUAL(tkg_entity_lifespan(s, c).start, 19358); /* 2023-01-01 */
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 0).raw, "2004-##-##");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 0).precision, TKG_PREC_YEAR);
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, a), 0); /* date keys are not attributes */
    tkg_store_free(s);
}

/* python-igraph writes an empty string for a missing value of a string attribute: an empty
 * or blank date field is no value, not an invalid date. */
static void test_empty_dates(void)
{
    static const char doc[] =
        HEAD "<key id=\"v_start\" for=\"node\" attr.name=\"start\" attr.type=\"string\"/>\n"
             "<key id=\"e_start\" for=\"edge\" attr.name=\"start\" attr.type=\"string\"/>\n"
             "<key id=\"e_end\" for=\"edge\" attr.name=\"end\" attr.type=\"string\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"><data key=\"v_start\"></data></node>\n"
             "<node id=\"b\"><data key=\"v_start\">2020</data></node>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"e_start\">2021-03</data>"
             "<data key=\"e_end\"></data></edge>\n"
             "<edge source=\"b\" target=\"a\"><data key=\"e_start\"> </data>"
             "<data key=\"e_end\">\n</data></edge>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL(p.count, 0);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    CU_ASSERT_PTR_NULL(tkg_entity_start(s, a).raw);
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, a), 0); /* not an attribute either */
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, b).raw, "2020");
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    for (uint32_t r = 0; r < 2; r++) {
        bool first = tkg_relation_from(s, r) == a;
        if (first)
            CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, r).raw, "2021-03");
        if (!first)
            CU_ASSERT_PTR_NULL(tkg_relation_start(s, r).raw);
        CU_ASSERT_PTR_NULL(tkg_relation_end(s, r).raw);
        CU_ASSERT_EQUAL(tkg_relation_attr_count(s, r), 0);
    }
    tkg_store_free(s);
}

static void test_date_errors(void)
{
    static const char doc[] =
        HEAD "<key id=\"sd\" for=\"node\" attr.name=\"start_date\"/>\n"
             "<key id=\"sr\" for=\"node\" attr.name=\"start_raw\"/>\n"
             "<key id=\"p\" for=\"node\" attr.name=\"precision\"/>\n"
             "<key id=\"e\" for=\"node\" attr.name=\"end\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"><data key=\"sd\">2024-08-01</data><data key=\"sr\">2024-07</data>"
             "</node>\n"
             "<node id=\"b\">\n  <data key=\"sd\">2023-02-29</data></node>\n"
             "<node id=\"c\"><data key=\"sd\">2024</data>\n <data key=\"p\">day</data></node>\n"
             "<node id=\"d\"><data key=\"sd\">2024-05-01</data>\n  <data key=\"e\">2024-04</data>"
             "</node>\n"
             "<node id=\"e\"><data key=\"sd\">2024-05-01</data><data key=\"p\">week</data></node>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL(load(&s, &p, doc), TKG_EINPUT);
    CU_ASSERT(has(&p, "8:14", "start_date '2024-08-01' does not agree with start_raw '2024-07'"));
    CU_ASSERT(has(&p, "10:3", "start_date: invalid date '2023-02-29'"));
    CU_ASSERT(has(&p, "12:2", "precision: 'day' is finer than the date '2024'"));
    CU_ASSERT(has(&p, "14:3", "end 2024-04 is before start 2024-05-01"));
    CU_ASSERT(has(&p, "15:46", "precision: 'week' is not a precision"));
    CU_ASSERT_EQUAL(p.count, 5);
    tkg_store_free(s);
}

static void test_kinds(void)
{
    static const char doc[] =
        HEAD "<key id=\"k\" for=\"all\" attr.name=\"kind\"/>\n"
             "<key id=\"t\" for=\"node\" attr.name=\"type\"/>\n"
             "<key id=\"r\" for=\"edge\" attr.name=\"relation\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"><data key=\"k\">ArmedGroup</data></node>\n"
             "<node id=\"b\"><data key=\"t\">city</data></node>\n"
             "<node id=\"c\"><data key=\"k\">protein</data></node>\n"
             "<node id=\"d\"/>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"k\">supplies</data></edge>\n"
             "<edge source=\"a\" target=\"c\"><data key=\"r\">ALLIED_WITH</data></edge>\n"
             "<edge source=\"c\" target=\"d\" label=\"trades_with\"/>\n"
             "<edge source=\"d\" target=\"c\"/>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    /* allied_with is in the ontology: its domain and range (actor) apply, and c is an entity */
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_EINPUT);
    CU_ASSERT(has(&p, "12:1", "'allied_with' goes to kind 'actor', but 'c' is of kind 'entity'"));
    CU_ASSERT_EQUAL(p.count, 1);
    tkg_store_free(s);

    char fixed[sizeof doc];
    strcpy(fixed, doc);
    memcpy(strstr(fixed, "ALLIED_WITH"), "unrelated__", 11);
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, fixed), TKG_OK);
    const tkg_ontology *o = tkg_store_ontology(s);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    uint32_t c = tkg_store_find_entity(s, "c"), d = tkg_store_find_entity(s, "d");
    CU_ASSERT_STRING_EQUAL(kind_of(s, a), "armed_group");
    CU_ASSERT_STRING_EQUAL(kind_of(s, b), "city");
    CU_ASSERT_STRING_EQUAL(kind_of(s, c), "entity");
    CU_ASSERT_STRING_EQUAL(kind_of(s, d), "entity");
    /* a kind that is no entity kind stays an attribute */
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, c, "kind", NULL), "protein");
    CU_ASSERT_PTR_NULL(attr_of(s, false, a, "kind", NULL));
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 4);
    static const char *const kinds[] = {"supplies", "unrelated__", "trades_with", "related_to"};
    for (uint32_t r = 0; r < 4; r++) {
        CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, tkg_relation_kind(s, r)), kinds[r]);
        CU_ASSERT_TRUE(tkg_relation_kind_implicit(o, tkg_relation_kind(s, r)));
        CU_ASSERT_EQUAL(tkg_relation_attr_count(s, r), 0);
    }
    tkg_store_free(s);
}

static void test_types_defaults_whitespace(void)
{
    static const char doc[] =
        HEAD "<key id=\"b\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\">"
             "<default>TRUE</default></key>\n"
             "<key id=\"i\" for=\"node\" attr.name=\"count\" attr.type=\"long\">"
             "<default>20</default></key>\n"
             "<key id=\"f\" for=\"node\" attr.name=\"score\" attr.type=\"float\"/>\n"
             "<key id=\"s\" for=\"node\" attr.name=\"note\" attr.type=\"string\">"
             "<default>x</default></key>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"><data key=\"b\"> False </data><data key=\"i\"> +007 </data>"
             "<data key=\"f\">-2.5e3</data></node>\n"
             "<node id=\"b\"><data key=\"i\">   </data><data key=\"f\"> </data></node>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    tkg_attr_type t;
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, a, "flag", &t), "false");
    CU_ASSERT_EQUAL(t, TKG_ATTR_BOOL);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, a, "count", &t), "7");
    CU_ASSERT_EQUAL(t, TKG_ATTR_INT);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, a, "score", &t), "-2.5e3");
    CU_ASSERT_EQUAL(t, TKG_ATTR_DOUBLE);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, a, "note", NULL), "x");
    /* blank numbers are no value: the default applies, or nothing */
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, b, "flag", NULL), "true");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, b, "count", NULL), "20");
    CU_ASSERT_PTR_NULL(attr_of(s, false, b, "score", NULL));
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, b), 3);
    tkg_store_free(s);
}

static void test_bad_values(void)
{
    static const char doc[] =
        HEAD "<key id=\"b\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\">"
             "<default>yes</default></key>\n"
             "<key id=\"i\" for=\"node\" attr.name=\"count\" attr.type=\"int\"/>\n"
             "<key id=\"d\" for=\"node\" attr.name=\"score\" attr.type=\"double\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"><data key=\"i\">1.5</data></node>\n"
             "<node id=\"b\"><data key=\"i\">9223372036854775808</data></node>\n"
             "<node id=\"c\"><data key=\"d\">nan</data> <data key=\"d\">1,5</data></node>\n"
             "<node id=\"e\"><data key=\"d\">1e999</data></node>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL(load(&s, &p, doc), TKG_EINPUT);
    CU_ASSERT(has(&p, "3:61", "flag: 'yes' is not a valid bool"));
    CU_ASSERT(has(&p, "7:14", "count: '1.5' is not a valid int"));
    CU_ASSERT(has(&p, "8:14", "count: '9223372036854775808' is not a valid int"));
    CU_ASSERT(has(&p, "9:14", "score: 'nan' is not a valid double"));
    CU_ASSERT(has(&p, "9:39", "a second <data> for key 'd' in this node"));
    CU_ASSERT(has(&p, "10:14", "score: '1e999' is not a valid double"));
    CU_ASSERT_EQUAL(p.count, 6);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ provenance */

/* tkg's `citations` and graph `sources`: the citations come back with their sources' metadata,
 * quotes and lines, and the file itself is no source. */
static void test_citations_read_back(void)
{
    static const char doc[] = HEAD
        "<key id=\"c\" for=\"edge\" attr.name=\"citations\" attr.type=\"string\"/>\n"
        "<key id=\"nc\" for=\"node\" attr.name=\"citations\" attr.type=\"string\"/>\n"
        "<key id=\"s\" for=\"graph\" attr.name=\"sources\" attr.type=\"string\"/>\n"
        "<key id=\"q\" for=\"edge\" attr.name=\"quote\" attr.type=\"string\"/>\n"
        "<graph edgedefault=\"directed\">\n"
        "<data key=\"s\">[{\"id\":\"doc1\",\"title\":\"T\",\"publisher\":\"P\","
        "\"published\":\"2024-11\",\"url\":\"http://e.org/?a&amp;b\",\"lang\":\"fr\"}]</data>\n"
        "<node id=\"a\"><data key=\"nc\">[{\"source\":\"doc1\",\"quote\":\"A is\"}]</data></node>\n"
        "<node id=\"b\"/>\n"
        "<edge source=\"a\" target=\"b\"><data key=\"c\">[{\"source\":\"doc1\",\"quote\":"
        "\"q \\\"1\\\" &lt;/x&gt;\"},{\"source\":\"f.tsv\",\"locator\":\"f.tsv:42\","
        "\"title\":\"f\"}]</data><data key=\"q\">q \"1\" &lt;/x&gt;</data></edge>\n"
        "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 2); /* doc1 and f.tsv, not t.graphml */
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, 0), "doc1");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, 0), "T");
    CU_ASSERT_STRING_EQUAL(tkg_source_publisher(s, 0), "P");
    CU_ASSERT_STRING_EQUAL(tkg_source_published(s, 0), "2024-11");
    CU_ASSERT_STRING_EQUAL(tkg_source_url(s, 0), "http://e.org/?a&b");
    CU_ASSERT_STRING_EQUAL(tkg_source_lang(s, 0), "fr");
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, 1), "f.tsv");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, 1), "f");
    CU_ASSERT_PTR_NULL(tkg_source_publisher(s, 1));
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 2);
    tkg_citation c0 = tkg_relation_citation(s, 0, 0), c1 = tkg_relation_citation(s, 0, 1);
    CU_ASSERT_EQUAL(c0.source, 0);
    CU_ASSERT_STRING_EQUAL(c0.quote, "q \"1\" </x>");
    CU_ASSERT_EQUAL(c0.line, 0);
    CU_ASSERT_EQUAL(c1.source, 1);
    CU_ASSERT_PTR_NULL(c1.quote);
    CU_ASSERT_EQUAL(c1.line, 42);
    /* the quote derived from the citations is not an attribute */
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, a), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 0).quote, "A is");
    /* the file declares node citations: a node without any cites nothing */
    CU_ASSERT_EQUAL(tkg_entity_citation_count(s, b), 0);
    tkg_store_free(s);
}

static void test_citation_errors(void)
{
    static const char doc[] =
        HEAD "<key id=\"c\" for=\"edge\" attr.name=\"citations\" attr.type=\"string\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"a\"/><node id=\"b\"/>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"c\">[{\"source\":\"s\"},]</data></edge>\n"
             "<edge source=\"b\" target=\"a\"><data key=\"c\">[{\"source\":\"s\",\"locator\":"
             "\"t:3\"}]</data></edge>\n"
             "<edge source=\"a\" target=\"a\"><data key=\"c\">[{\"quote\":\"x\"}]</data></edge>\n"
             "<edge source=\"b\" target=\"b\"><data key=\"c\">[{\"source\":\"s\",\"published\":"
             "\"2024-13\"}]</data></edge>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"c\">[{\"source\":\"s\",\"locator\":"
             "\"s:0\"}]</data></edge>\n"
             "<edge source=\"b\" target=\"a\"><data key=\"c\">[{\"source\":\"s2\",\"url\":"
             "\"javascript:alert(1)\"}]</data></edge>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL(load(&s, &p, doc), TKG_EINPUT);
    CU_ASSERT(has(&p, "6:29", "citations: not tkg's JSON at byte 17: expected an object"));
    CU_ASSERT(has(&p, "7:29", "citations: locator 't:3' is not 's:LINE' (a line number from 1)"));
    CU_ASSERT(has(&p, "8:29", "citations: an object without 'source'"));
    CU_ASSERT(has(&p, "9:29", "citations: source 's': published: "));
    CU_ASSERT(has(&p, "10:29", "citations: locator 's:0' is not 's:LINE'"));
    /* a source's url becomes a link: only web addresses, whatever the input format */
    CU_ASSERT(has(&p, "11:29", "source 's2': url 'javascript:alert(1)' is not an http or https"));
    CU_ASSERT_EQUAL(p.count, 6);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ structure */

static void test_structure_errors(void)
{
    static const struct {
        const char *doc, *position, *message;
    } cases[] = {
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/>\n<hyperedge>"
              "<endpoint node=\"a\"/></hyperedge></graph></graphml>",
         "4:1", "hyperedges are not supported"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\">\n  <port name=\"p\"/></node>"
              "</graph></graphml>",
         "4:3", "ports are not supported (a <port> in a <node>)"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
              "<edge source=\"a\" target=\"b\" sourceport=\"p\"/></graph></graphml>",
         "4:29", "ports are not supported (sourceport on an <edge>)"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\">\n <graph edgedefault=\"directed\">"
              "<node id=\"b\"/></graph></node></graph></graphml>",
         "4:2", "nested graphs are not supported (a <graph> inside a <node>)"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/>\n"
              "<graph edgedefault=\"directed\"/></graph></graphml>",
         "4:1", "nested graphs are not supported (a <graph> inside a <graph>)"},
        {HEAD "<graph edgedefault=\"directed\"/>\n<graph edgedefault=\"directed\"/></graphml>",
         "4:1", "a second <graph> (the first is at line 3)"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/>\n"
              "<edge source=\"a\" target=\"zz\"/></graph></graphml>",
         "4:18", "edge target 'zz' is not a node of this graph"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/>\n<node  id=\"a\"/></graph>"
              "</graphml>",
         "4:8", "duplicate node id 'a' (first defined at line 3)"},
        {HEAD "<key id=\"v\" for=\"edge\" attr.name=\"value\" attr.type=\"long\"/>\n"
              "<key id=\"w\" for=\"edge\" attr.name=\"value\" attr.type=\"double\"/>\n"
              "<graph edgedefault=\"directed\"><node id=\"a\"/><edge source=\"a\" "
              "target=\"a\"><data key=\"v\">1</data>\n<data key=\"w\">2</data></edge>"
              "</graph></graphml>",
         "6:1", "a second <data> named 'value' in this edge (key 'w'"},
        {HEAD "<key id=\"one\" for=\"edge\" attr.type=\"double\"/>\n"
              "<key id=\"one\" for=\"all\"/><graph edgedefault=\"directed\"/></graphml>",
         "4:6", "duplicate key id 'one' (first declared at line 3)"},
        {HEAD "<key id=\"k\" for=\"nodd\"/><graph edgedefault=\"directed\"/></graphml>", "3:13",
         "for='nodd' is not node, edge, graph"},
        {HEAD "<key id=\"k\" attr.type=\"s\"/><graph edgedefault=\"directed\"/></graphml>", "3:13",
         "attr.type='s' is not boolean, int, long, float, double or string"},
        {HEAD "<key id=\"\"/><graph edgedefault=\"directed\"/></graphml>", "3:6",
         "<key> needs a non-empty id"},
        {HEAD "<key id=\"k\" attr.name=\"\"/><graph edgedefault=\"directed\"/></graphml>", "3:13",
         "attr.name must not be empty"},
        {HEAD "<key id=\"k\" for=\"edge\"/><graph edgedefault=\"directed\"><node id=\"a\">\n"
              "<data key=\"k\">x</data></node></graph></graphml>",
         "4:7", "key 'k' is declared for edge (line 3), not for node"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\">\n<data key=\"k\">x</data></node>"
              "</graph><key id=\"k\"/></graphml>",
         "4:7", "unknown key 'k' (no <key> before declares it)"},
        {HEAD "<graph><node id=\"a\"/></graph></graphml>", "3:1",
         "<graph> needs edgedefault=\"directed\" or \"undirected\""},
        {HEAD "<graph edgedefault=\"both\"/></graphml>", "3:8",
         "edgedefault must be \"directed\" or \"undirected\", not 'both'"},
        {HEAD "<graph edgedefault=\"directed\" parse.nodes=\"2\"><node id=\"a\"/></graph>"
              "</graphml>",
         "3:1", "parse.nodes says 2 nodes, but the graph has 1"},
        {"<?xml version=\"1.0\"?>\n<myroot>x</myroot>", "2:1",
         "the root element is <myroot>, not <graphml>"},
        {HEAD "\n</graphml>", "2:1", "no <graph> in this GraphML document"},
        {HEAD "<graph edgedefault=\"directed\">\n<vertex id=\"a\"/></graph></graphml>", "4:1",
         "unknown GraphML element <vertex>"},
        {HEAD "<graph edgedefault=\"directed\">\n<default/></graph></graphml>", "4:1",
         "<default> is not allowed in <graph>"},
        {HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/>\n<edge target=\"a\"/></graph>"
              "</graphml>",
         "4:1", "<edge> needs a non-empty source"},
        {HEAD "<graph edgedefault=\"directed\">\n<node/></graph></graphml>", "4:1",
         "<node> needs a non-empty id"},

    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tkg_store *s;
        problems p;
        int rc = load(&s, &p, cases[i].doc);
        CU_ASSERT_EQUAL(rc, TKG_EINPUT);
        if (!has(&p, cases[i].position, cases[i].message))
            fprintf(stderr, "  (case %zu)\n", i);
        CU_ASSERT(has(&p, cases[i].position, cases[i].message));
        tkg_store_free(s);
    }
}

static void test_ignored_and_lenient(void)
{
    static const char doc[] =
        "<graphml xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
        "<key id=\"g\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
        "<key id=\"d\" for=\"all\" attr.name=\"url\"/>\n"
        "<y:Extra><node id=\"ghost\"/></y:Extra>\n"
        "<graph edgedefault=\"undirected\"><desc>a graph</desc>\n"
        /* an edge before its nodes, with a <desc> */
        "<edge source=\"a\" target=\"b\" directed=\"false\"><desc>e</desc></edge>\n"
        "<key id=\"late\" for=\"node\" attr.name=\"late\"/>\n"
        "<node id=\"a\"><data key=\"g\"><y:ShapeNode><y:NodeLabel>A</y:NodeLabel>"
        "</y:ShapeNode></data><data key=\"late\">yes</data></node>\n"
        "<node id=\"b\"><y:Custom/><data key=\"d\">http://b</data></node>\n"
        "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "ghost"), TKG_NO_ENTITY);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, a), 1); /* yEd graphics are ignored */
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, a, "late", NULL), "yes");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, b, "url", NULL), "http://b");
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), a);
    tkg_store_free(s);
}

static void test_tkg_id_and_wikidata(void)
{
    /* an edge before its nodes, whose GraphML ids stand for the tkg_ids */
    static const char doc[] = HEAD "<key id=\"t\" for=\"node\" attr.name=\"tkg_id\"/>\n"
                                   "<key id=\"w\" for=\"all\" attr.name=\"wikidata\"/>\n"
                                   "<graph edgedefault=\"directed\">\n"
                                   "<edge source=\"John\xc2\xb7"
                                   "20Kerry\" target=\"c\"><data key=\"w\">Q1</data></edge>\n"
                                   "<node id=\"John\xc2\xb7"
                                   "20Kerry\"><data key=\"t\">John Kerry</data>"
                                   "<data key=\"w\">Q22</data></node>\n"
                                   "<node id=\"c\"><data key=\"w\">not a QID</data></node>\n"
                                   "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    uint32_t k = tkg_store_find_entity(s, "John Kerry"), c = tkg_store_find_entity(s, "c");
    CU_ASSERT_FATAL(k != TKG_NO_ENTITY && c != TKG_NO_ENTITY);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "John\xc2\xb7"
                                             "20Kerry"),
                    TKG_NO_ENTITY);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), k);
    CU_ASSERT_EQUAL(tkg_relation_to(s, 0), c);
    CU_ASSERT_STRING_EQUAL(tkg_entity_external_id(s, k), "Q22");
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, k), 0);
    CU_ASSERT_PTR_NULL(tkg_entity_external_id(s, c));
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, c, "wikidata", NULL), "not a QID");
    /* relations have no external id: the value stays an attribute */
    CU_ASSERT_STRING_EQUAL(attr_of(s, true, 0, "wikidata", NULL), "Q1");
    tkg_store_free(s);
}

static void test_merges_with_tkg_xml(void)
{
    static const char xml[] = "<tkg xmlns=\"urn:tkg:1\">"
                              "<entity id=\"mali\" kind=\"state\" label=\"Mali\"/></tkg>";
    static const char doc[] =
        HEAD "<key id=\"l\" for=\"node\" attr.name=\"label\"/>\n"
             "<graph edgedefault=\"directed\">\n"
             "<node id=\"mali\"><data key=\"l\">Mali (GraphML)</data></node>\n"
             "<node id=\"x\"><data key=\"l\">X</data></node>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_store_new(&s, NULL, &err) == TKG_OK);
    CU_ASSERT_EQUAL(tkg_read_graphml_buffer(s, doc, strlen(doc), "g.graphml", &err), TKG_OK);
    CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, xml, strlen(xml), "d.xml", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    uint32_t mali = tkg_store_find_entity(s, "mali");
    /* the kind-less node is refined by the definition */
    CU_ASSERT_STRING_EQUAL(kind_of(s, mali), "state");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, NULL), "Mali");
    CU_ASSERT_EQUAL(tkg_entity_citation_count(s, mali), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, tkg_store_find_entity(s, "x"), NULL), "X");
    tkg_store_free(s);
}

/* Many nodes with ids of every length around what the reader keeps in its node table's slots
 * (15 bytes), edges whose kinds change from one to the next, and the same short text as the
 * value of an int key and of a string key: each relation must join the right entities and
 * keep its own values. */
#define MANY 3000

static void node_id(char *out, size_t size, int i)
{
    if (i % 3 == 0)
        snprintf(out, size, "n%d", i); /* short */
    else if (i % 3 == 1)
        snprintf(out, size, "node-%010d", i); /* 15 bytes */
    else
        snprintf(out, size, "node-%011d-and-more", i); /* 16 bytes and more */
}

static int index_of(const char *id)
{
    const char *digits = id + strcspn(id, "0123456789");
    return atoi(digits);
}

static void test_many_nodes_and_values(void)
{
    size_t cap = (size_t)MANY * 400, len = 0;
    char *doc = malloc(cap), id[64], to[64];
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    len += (size_t)snprintf(doc + len, cap - len,
                            HEAD "<key id=\"k\" for=\"edge\" attr.name=\"kind\"/>\n"
                                 "<key id=\"i\" for=\"edge\" attr.name=\"n\" attr.type=\"int\"/>\n"
                                 "<key id=\"s\" for=\"edge\" attr.name=\"s\"/>\n"
                                 "<graph edgedefault=\"directed\">\n");
    for (int i = 0; i < MANY; i++) {
        node_id(id, sizeof id, i);
        len += (size_t)snprintf(doc + len, cap - len, "<node id=\"%s\"/>\n", id);
    }
    for (int i = 0; i < MANY; i++) {
        node_id(id, sizeof id, i);
        node_id(to, sizeof to, (7 * i + 1) % MANY);
        char kind[64] = "";
        if (i % 4 == 0)
            snprintf(kind, sizeof kind, "<data key=\"k\">k%d</data>", i % 3);
        len += (size_t)snprintf(doc + len, cap - len,
                                "<edge source=\"%s\" target=\"%s\"%s>%s<data key=\"i\">00%d</data>"
                                "<data key=\"s\">00%d</data></edge>\n",
                                id, to,
                                i % 4 == 1 ? (i % 8 == 1 ? " label=\"L0\"" : " label=\"L1\"") : "",
                                kind, i % 5, i % 5);
    }
    len += (size_t)snprintf(doc + len, cap - len, "</graph></graphml>\n");
    CU_ASSERT_FATAL(len < cap);
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), MANY);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), MANY);
    const tkg_ontology *o = tkg_store_ontology(s);
    int wrong = 0;
    for (uint32_t r = 0; r < MANY; r++) {
        const char *from = tkg_entity_id(s, tkg_relation_from(s, r));
        int i = index_of(from);
        char want[64];
        node_id(want, sizeof want, i);
        wrong += strcmp(from, want) != 0;
        node_id(want, sizeof want, (7 * i + 1) % MANY);
        wrong += strcmp(tkg_entity_id(s, tkg_relation_to(s, r)), want) != 0;
        char kind[16] = "related_to";
        if (i % 4 == 0)
            snprintf(kind, sizeof kind, "k%d", i % 3);
        else if (i % 4 == 1)
            snprintf(kind, sizeof kind, "L%d", i % 8 == 1 ? 0 : 1);
        wrong += strcmp(tkg_relation_kind_name(o, tkg_relation_kind(s, r)), kind) != 0;
        char n[8], text[8];
        snprintf(n, sizeof n, "%d", i % 5);
        snprintf(text, sizeof text, "00%d", i % 5);
        const char *a = attr_of(s, true, r, "n", NULL), *b = attr_of(s, true, r, "s", NULL);
        wrong += !a || strcmp(a, n) != 0;
        wrong += !b || strcmp(b, text) != 0;
        if (wrong) {
            fprintf(stderr, "\n  relation %u from %s is wrong\n", r, from);
            break;
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
    tkg_store_free(s);
    free(doc);
}

/* ------------------------------------------------------------ round trip */

/* Everything a round trip must keep of relation `r`, as one line. */
static void relation_line(const tkg_store *s, uint32_t r, char *out, size_t size)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    tkg_bound a = tkg_relation_start(s, r), b = tkg_relation_end(s, r);
    tkg_interval iv = tkg_relation_interval(s, r);
    snprintf(out, size, "%s|%s|%s|%s/%d|%s/%d|%ld|%ld",
             tkg_relation_kind_name(o, tkg_relation_kind(s, r)),
             tkg_entity_id(s, tkg_relation_from(s, r)), tkg_entity_id(s, tkg_relation_to(s, r)),
             a.raw ? a.raw : "-", (int)a.precision, b.raw ? b.raw : "-", (int)b.precision,
             (long)iv.start, (long)iv.end_excl);
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

#define LINE 512

/* The relations of `s` as sorted lines (free the result). */
static char *relation_lines(const tkg_store *s)
{
    size_t n = tkg_store_relation_count(s);
    char *lines = calloc(n ? n : 1, LINE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(lines);
    for (uint32_t r = 0; r < n; r++)
        relation_line(s, r, lines + (size_t)r * LINE, LINE);
    qsort(lines, n, LINE, compare_lines);
    return lines;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* sahel.xml, written as GraphML by tkg's writer and read back, is the same graph: ids, kinds,
 * labels byte for byte, lifespans and validity with the dates as written. The expected values
 * come from reading sahel.xml with the TKG-XML reader. */
static void test_round_trip_sahel(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/graphs/sahel.xml", dir);
    tkg_store *a = NULL, *b = NULL;
    tkg_sink *sink = NULL;
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_store_new(&a, NULL, &err) == TKG_OK);
    CU_ASSERT_FATAL(tkg_read_xml_file(a, path, &err) == TKG_OK);
    CU_ASSERT_FATAL(tkg_store_finish(a, &err) == TKG_OK);
    CU_ASSERT_FATAL(tkg_sink_open_memory(&sink, &err) == TKG_OK);
    CU_ASSERT_FATAL(tkg_write_graphml(sink, a, NULL, NULL, &err) == TKG_OK);
    size_t len;
    const char *doc = tkg_sink_data(sink, &len);
    CU_ASSERT_FATAL(tkg_store_new(&b, NULL, &err) == TKG_OK);
    int rc = tkg_read_graphml_buffer(b, doc, len, "sahel.graphml", &err);
    if (rc == TKG_OK)
        rc = tkg_store_finish(b, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %d:%d: %s\n", err.line, err.column, err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);

    CU_ASSERT_EQUAL(tkg_store_entity_count(b), tkg_store_entity_count(a));
    const tkg_ontology *oa = tkg_store_ontology(a), *ob = tkg_store_ontology(b);
    size_t checked = 0;
    for (uint32_t e = 0; e < tkg_store_entity_count(a); e++) {
        const char *id = tkg_entity_id(a, e);
        uint32_t f = tkg_store_find_entity(b, id);
        CU_ASSERT_FATAL(f != TKG_NO_ENTITY);
        tkg_bound sa = tkg_entity_start(a, e), sb = tkg_entity_start(b, f);
        tkg_bound ea = tkg_entity_end(a, e), eb = tkg_entity_end(b, f);
        bool same = strcmp(tkg_entity_kind_name(oa, tkg_entity_kind(a, e)),
                           tkg_entity_kind_name(ob, tkg_entity_kind(b, f))) == 0 &&
                    strcmp(tkg_entity_label(a, e, NULL), tkg_entity_label(b, f, NULL)) == 0 &&
                    same_text(sa.raw, sb.raw) && sa.precision == sb.precision &&
                    same_text(ea.raw, eb.raw) && ea.precision == eb.precision &&
                    tkg_entity_lifespan(a, e).start == tkg_entity_lifespan(b, f).start &&
                    tkg_entity_lifespan(a, e).end_excl == tkg_entity_lifespan(b, f).end_excl &&
                    same_text(tkg_entity_external_id(a, e), tkg_entity_external_id(b, f));
        if (!same)
            fprintf(stderr, "\n  entity '%s' differs\n", id);
        checked += same;
    }
    CU_ASSERT_EQUAL(checked, tkg_store_entity_count(a));
    /* the labels with non-ASCII text did come back */
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(b, tkg_store_find_entity(b, "ecowas"), NULL),
                           "C\xc3\xa9"
                           "d\xc3\xa9"
                           "ao");

    size_t n = tkg_store_relation_count(a);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(b), n);
    char *la = relation_lines(a), *lb = relation_lines(b);
    size_t equal = 0;
    for (size_t i = 0; i < n; i++) {
        bool same = strcmp(la + i * LINE, lb + i * LINE) == 0;
        if (!same)
            fprintf(stderr, "\n  %s\n  %s\n", la + i * LINE, lb + i * LINE);
        equal += same;
    }
    CU_ASSERT_EQUAL(equal, n);
    free(la);
    free(lb);
    tkg_sink_free(sink);
    tkg_store_free(a);
    tkg_store_free(b);
}

/* ------------------------------------------------------------ parallel edges */

/* The value of attribute `key` of each relation, in relation order, joined with ','. */
static void relation_values(const tkg_store *s, const char *key, char *out, size_t size)
{
    out[0] = '\0';
    for (uint32_t r = 0; r < tkg_store_relation_count(s); r++) {
        const char *v = attr_of(s, true, r, key, NULL);
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", r ? "," : "", v ? v : "-");
    }
}

/* Issue 10 #4: three edges a->b with value 1, 2, 3 were one relation with value 1. An edge
 * merges into the first relation of its identity when their attributes agree, or into one
 * made from an edge with exactly its attributes; else it is a relation of its own. */
static void test_parallel_edges_keep_attributes(void)
{
    static const char doc[] =
        HEAD "<key id=\"v\" for=\"edge\" attr.name=\"value\" attr.type=\"long\"/>\n"
             "<key id=\"n\" for=\"edge\" attr.name=\"note\"/>\n"
             "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
             "<edge id=\"0\" source=\"a\" target=\"b\"><data key=\"v\">1</data></edge>\n"
             "<edge id=\"1\" source=\"a\" target=\"b\"><data key=\"v\">2</data></edge>\n"
             "<edge id=\"2\" source=\"a\" target=\"b\"><data key=\"v\">3</data></edge>\n"
             "<edge id=\"3\" source=\"a\" target=\"b\"><data key=\"v\">2</data></edge>\n"
             "<edge id=\"0\" source=\"b\" target=\"a\"><data key=\"v\">1</data></edge>\n"
             "<edge id=\"4\" source=\"a\" target=\"b\"><data key=\"n\">x</data>"
             "<data key=\"v\">3</data></edge>\n"
             "<edge id=\"5\" source=\"a\" target=\"b\"><data key=\"n\">y</data></edge>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    char values[256], notes[256];
    relation_values(s, "value", values, sizeof values);
    relation_values(s, "note", notes, sizeof notes);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 5);
    /* 1 (the first of a -> b: the note y of line 12 agrees with it and joins it); 2 (lines 7
     * and 9: the same attributes); 3; b->a 1 (the edge id 0 again, as NetworkX numbers a
     * multigraph's edges per pair); 3 with the note x (line 11: its value conflicts with
     * the first relation, and no edge had exactly its attributes). */
    CU_ASSERT_STRING_EQUAL(values, "1,2,3,1,3");
    CU_ASSERT_STRING_EQUAL(notes, "y,-,-,-,x");
    static const unsigned lines[5][2] = {{6, 12}, {7, 9}, {8}, {10}, {11}};
    for (uint32_t r = 0; r < 5; r++) {
        size_t n = lines[r][1] ? 2 : 1;
        CU_ASSERT_EQUAL(tkg_relation_citation_count(s, r), n);
        for (size_t i = 0; i < n && i < tkg_relation_citation_count(s, r); i++)
            CU_ASSERT_EQUAL(tkg_relation_citation(s, r, i).line, lines[r][i]);
        CU_ASSERT_EQUAL(tkg_relation_attr_count(s, r), r == 0 || r == 4 ? 2 : 1);
    }
    tkg_store_free(s);
}

/* NetworkX declares one key per attribute name and type (value as long and as double when
 * the values mix them): both keys give the attribute `value`, with the key's type. */
static void test_keys_sharing_a_name(void)
{
    static const char doc[] =
        HEAD "<key id=\"d2\" for=\"edge\" attr.name=\"value\" attr.type=\"double\"/>\n"
             "<key id=\"d1\" for=\"edge\" attr.name=\"value\" attr.type=\"long\">"
             "<default>5</default></key>\n"
             "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"d1\">1</data></edge>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"d2\">1.5</data></edge>\n"
             "<edge source=\"b\" target=\"a\"/>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 3);
    tkg_attr_type t[3];
    const char *v[3];
    for (uint32_t r = 0; r < 3; r++) {
        CU_ASSERT_EQUAL(tkg_relation_attr_count(s, r), 1);
        v[r] = attr_of(s, true, r, "value", &t[r]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v[r]);
    }
    CU_ASSERT_STRING_EQUAL(v[0], "1");
    CU_ASSERT_EQUAL(t[0], TKG_ATTR_INT);
    CU_ASSERT_STRING_EQUAL(v[1], "1.5"); /* the default of d1 does not apply: value is given */
    CU_ASSERT_EQUAL(t[1], TKG_ATTR_DOUBLE);
    CU_ASSERT_STRING_EQUAL(v[2], "5");
    CU_ASSERT_EQUAL(t[2], TKG_ATTR_INT);
    tkg_store_free(s);
}

/* Found by fuzz/fuzz_write_roundtrip.c: an edge of tkg's own GraphML that cites nothing
 * (support 0, no citations) got an attribute `support`. */
static void test_support_without_citations(void)
{
    static const char doc[] =
        HEAD "<key id=\"c\" for=\"edge\" attr.name=\"citations\"/>\n"
             "<key id=\"s\" for=\"edge\" attr.name=\"support\" attr.type=\"long\"/>\n"
             "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
             "<edge source=\"a\" target=\"b\"><data key=\"s\">0</data></edge>\n"
             "</graph></graphml>\n";
    tkg_store *s;
    problems p;
    CU_ASSERT_EQUAL_FATAL(load(&s, &p, doc), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 0);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ suite */

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite("read_graphml", NULL, NULL);
    CU_add_test(suite, "maps the data model", test_maps_the_data_model);
    CU_add_test(suite, "labels byte-exact", test_labels_byte_exact);
    CU_add_test(suite, "dates and precision", test_dates_and_precision);
    CU_add_test(suite, "date errors", test_date_errors);
    CU_add_test(suite, "empty dates are no value", test_empty_dates);
    CU_add_test(suite, "kinds", test_kinds);
    CU_add_test(suite, "types, defaults, whitespace", test_types_defaults_whitespace);
    CU_add_test(suite, "bad values", test_bad_values);
    CU_add_test(suite, "structure errors", test_structure_errors);
    CU_add_test(suite, "ignored and lenient", test_ignored_and_lenient);
    CU_add_test(suite, "tkg_id and wikidata", test_tkg_id_and_wikidata);
    CU_add_test(suite, "merges with TKG-XML", test_merges_with_tkg_xml);
    CU_add_test(suite, "many nodes, ids of every length, values", test_many_nodes_and_values);
    CU_add_test(suite, "round trip of sahel.xml", test_round_trip_sahel);
    CU_add_test(suite, "citations read back", test_citations_read_back);
    CU_add_test(suite, "citation errors", test_citation_errors);
    CU_add_test(suite, "parallel edges keep their attributes", test_parallel_edges_keep_attributes);
    CU_add_test(suite, "keys sharing a name", test_keys_sharing_a_name);
    CU_add_test(suite, "support without citations", test_support_without_citations);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
