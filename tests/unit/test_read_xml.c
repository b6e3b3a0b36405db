/* Unit tests for src/lib/read_xml.c (and the hardened XML layer under it): positions of
 * errors at elements, attributes and inside date values, line numbers past 65535, typed
 * attributes, and the documents that are refused outright. Positions are counted by hand;
 * messages that come from the XML layer are matched on their key words. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Reads `len` bytes into a new store (returned in *out, or freed when out is NULL);
 * every problem lands in `r`. Returns the reader's code. */
static int read_doc(tkg_store **out, reports *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    tkg_store_options opt = {.report = on_report, .report_ctx = r};
    tkg_store *s = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, &err), TKG_OK);
    int rc = tkg_read_xml_buffer(s, data, len, "t.xml", &err);
    /* The returned error is the first problem reported. */
    if (rc == TKG_EINPUT && r->n > 0)
        CU_ASSERT(err.line == r->e[0].line && err.column == r->e[0].column &&
                  strcmp(err.message, r->e[0].message) == 0);
    if (out)
        *out = s;
    else
        tkg_store_free(s);
    return rc;
}

#define READ(out, r, literal) read_doc(out, r, literal, sizeof literal - 1)
#define DOC(body)             "<tkg xmlns=\"urn:tkg:1\">\n" body "</tkg>\n"

/* Report `i` is at line:column and its message is `message` (exact) or holds `part`. */
static void check_report(const reports *r, unsigned i, int line, int column, const char *message,
                         const char *part)
{
    CU_ASSERT_FATAL(i < r->n);
    const tkg_error *e = &r->e[i];
    bool ok = e->code == TKG_EINPUT && strcmp(e->source, "t.xml") == 0 && e->line == line &&
              e->column == column && (!message || strcmp(e->message, message) == 0) &&
              (!part || strstr(e->message, part) != NULL);
    CU_ASSERT_TRUE(ok);
    if (!ok)
        fprintf(stderr, "\n  report %u: want %d:%d: %s\n            got %s:%d:%d: %s\n", i, line,
                column, message ? message : part, e->source, e->line, e->column, e->message);
}

/* A document refused with one problem at line:column whose message holds `part`. */
static void check_refused(const char *data, size_t len, int line, int column, const char *part)
{
    reports r;
    CU_ASSERT_EQUAL(read_doc(NULL, &r, data, len), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    if (r.n >= 1)
        check_report(&r, 0, line, column, NULL, part);
}

#define REFUSED(literal, line, column, part)                                                       \
    check_refused(literal, sizeof literal - 1, line, column, part)

/* ------------------------------------------------------------ positions */

static void test_attribute_positions(void)
{
    reports r;
    /* An attribute on a line of its own. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\"\n"
                             "          kind=\"stat\"\n"
                             "          label=\"A\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, 3, 11, "unknown entity kind 'stat' (did you mean 'state'?)", NULL);

    /* Columns count characters: "Sécurité" is 8 columns wide. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" label=\"S\xc3\xa9"
                             "curit\xc3\xa9\" kind=\"stat\"/>\n")),
                    TKG_EINPUT);
    check_report(&r, 0, 2, 35, "unknown entity kind 'stat' (did you mean 'state'?)", NULL);

    /* ISO-8859-1 input is converted: each é is one byte and one column. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                         "<tkg xmlns=\"urn:tkg:1\">\n"
                         "  <entity id=\"a\" label=\"\xe9\xe9\" kind=\"stat\"/>\n"
                         "</tkg>\n"),
                    TKG_EINPUT);
    check_report(&r, 0, 3, 29, "unknown entity kind 'stat' (did you mean 'state'?)", NULL);

    /* An unknown relation kind, and `date` combined with `start` or `end`. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <relation kind=\"deploy_in\" from=\"a\" to=\"b\"/>\n"
                             "  <entity id=\"a\" kind=\"event\" label=\"A\" date=\"2024\" "
                             "start=\"2023\"/>\n"
                             "  <relation kind=\"established_by\" from=\"a\" to=\"a\" end=\"2024\" "
                             "date=\"2024\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 3);
    check_report(&r, 0, 2, 13, "unknown relation kind 'deploy_in' (did you mean 'deployed_in'?)",
                 NULL);
    check_report(&r, 1, 3, 41, "'date' cannot be combined with 'start' or 'end'", NULL);
    check_report(&r, 2, 4, 62, "'date' cannot be combined with 'start' or 'end'", NULL);

    /* A second name in one language: at the <name> element. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" kind=\"state\" label=\"A\">\n"
                             "    <name lang=\"fr\">A</name>\n"
                             "    <name lang=\"fr\">B</name>\n"
                             "  </entity>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, 4, 5, "a second <name> in language 'fr'", NULL);
}

/* Attribute positions come from the start tag still in libxml2's input buffer (xml.c): after
 * a byte order mark, after an attribute larger than a chunk of input, and far into a
 * document read in many chunks. */
static void test_positions_found_again(void)
{
    reports r;
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         "\xef\xbb\xbf<tkg xmlns=\"urn:tkg:1\">\n"
                         "  <entity id=\"a\" label=\"A\" kind=\"stat\"/>\n"
                         "</tkg>\n"),
                    TKG_EINPUT);
    check_report(&r, 0, 2, 28, "unknown entity kind 'stat' (did you mean 'state'?)", NULL);

    enum { BIG = 400000, ENTITIES = 20000 };
    char *doc = malloc(BIG + (size_t)ENTITIES * 64 + 256);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    size_t n = (size_t)sprintf(doc, "<tkg xmlns=\"urn:tkg:1\">\n  <entity id=\"big\" label=\"");
    memset(doc + n, 'x', BIG);
    n += BIG;
    n += (size_t)sprintf(doc + n, "\" kind=\"state\"/>\n");
    for (int i = 0; i < ENTITIES; i++)
        n += (size_t)sprintf(doc + n, "  <entity id=\"e%d\" kind=\"state\" label=\"E\"/>\n", i);
    n += (size_t)sprintf(doc + n, "  <entity id=\"z\" label=\"Z\" kind=\"stat\"/>\n</tkg>\n");
    tkg_store *s;
    CU_ASSERT_EQUAL(read_doc(&s, &r, doc, n), TKG_EINPUT);
    check_report(&r, 0, 3 + ENTITIES, 28, "unknown entity kind 'stat' (did you mean 'state'?)",
                 NULL);
    uint32_t big = tkg_store_find_entity(s, "big");
    CU_ASSERT_FATAL(big < tkg_store_entity_count(s));
    CU_ASSERT_EQUAL(strlen(tkg_entity_label(s, big, NULL)), BIG);
    tkg_store_free(s);
    free(doc);
}

static void test_date_errors_point_into_values(void)
{
    reports r;
    CU_ASSERT_EQUAL(
        READ(NULL, &r,
             DOC("  <entity id=\"a\" kind=\"state\" label=\"A\" start=\"2023-02-29\"/>\n"
                 "  <entity id=\"b\" kind=\"state\" label=\"B\" end=\"2024-13\"/>\n"
                 "  <entity id=\"c\" kind=\"event\" label=\"C\" date=\"0000\"/>\n"
                 "  <source id=\"s\" published=\"2024-04-31\"/>\n"
                 "  <relation kind=\"established_by\" from=\"a\" to=\"a\"\n"
                 "            start=\"2024-06-31\"/>\n")),
        TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 5);
    /* the offending field: the day of 2023-02-29, the month of 2024-13, the year of 0000 */
    check_report(&r, 0, 2, 56, "invalid date '2023-02-29': february 2023 has 28 days", NULL);
    check_report(&r, 1, 3, 51, "invalid date '2024-13': month must be 01-12", NULL);
    check_report(&r, 2, 4, 47, "invalid date '0000': year must be 0001-9999", NULL);
    check_report(&r, 3, 5, 37, "invalid date '2024-04-31': april 2024 has 30 days", NULL);
    check_report(&r, 4, 7, 28, "invalid date '2024-06-31': june 2024 has 30 days", NULL);

    /* A value of the wrong shape is the schema's to report, at the attribute. */
    CU_ASSERT_EQUAL(
        READ(NULL, &r, DOC("  <entity id=\"a\" kind=\"state\" label=\"A\" start=\"2024-1\"/>\n")),
        TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, 2, 41, NULL, "'2024-1'");
}

static void test_schema_errors(void)
{
    reports r;
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" label=\"A\"/>\n"
                             "  <entity id=\"c\" kind=\"state\" label=\"C\" colour=\"red\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 2);
    check_report(&r, 0, 2, 3, NULL, "'kind'");    /* missing: at the element */
    check_report(&r, 1, 3, 41, NULL, "'colour'"); /* unknown: at the attribute */

    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
                             "  <entiti id=\"b\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, 3, 3, NULL, "<entiti>");

    /* A typed attribute of an unknown type; an element without the namespace. */
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" kind=\"state\" label=\"A\">"
                             "<attr key=\"k\" type=\"float\">1</attr></entity>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, 2, 55, NULL, "'float'");
    REFUSED("<tkg>\n</tkg>\n", 1, 1, "namespace");
}

/* Line numbers past 65535 (libxml2 caps them without XML_PARSE_BIG_LINES). */
static void test_big_line_numbers(void)
{
    enum { LAST = 100003 };
    size_t cap = (size_t)LAST * 64, len = 0;
    char *doc = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    for (int line = 1; line <= LAST; line++) {
        const char *text = "  <!-- filler -->\n";
        if (line == 1)
            text = "<tkg xmlns=\"urn:tkg:1\">\n";
        else if (line == 66000 || line == 99000)
            text = "  <entity id=\"x\" kind=\"state\" label=\"X\"/>\n";
        else if (line == 70001)
            text = "  <entity id=\"b\" kind=\"stat\" label=\"B\"/>\n";
        else if (line == 100002)
            text = "  <entity id=\"c\" kind=\"state\" label=\"C\" colour=\"red\"/>\n";
        else if (line == LAST)
            text = "</tkg>\n";
        size_t n = strlen(text);
        memcpy(doc + len, text, n);
        len += n;
    }
    reports r;
    CU_ASSERT_EQUAL(read_doc(NULL, &r, doc, len), TKG_EINPUT);
    free(doc);
    CU_ASSERT_EQUAL(r.n, 3);
    check_report(&r, 0, 70001, 18, "unknown entity kind 'stat' (did you mean 'state'?)", NULL);
    check_report(&r, 1, 99000, 3, "duplicate entity id 'x' (first defined at line 66000)", NULL);
    check_report(&r, 2, 100002, 41, NULL, "'colour'");
}

/* ------------------------------------------------------------ typed attributes */

static void test_typed_attributes_valid(void)
{
    reports r;
    tkg_store *s = NULL;
    CU_ASSERT_EQUAL(READ(&s, &r,
                         DOC("  <entity id=\"a\" kind=\"state\" label=\"A\">\n"
                             "    <attr key=\"i1\" type=\"int\">-42</attr>\n"
                             "    <attr key=\"i2\" type=\"int\"> 7 </attr>\n"
                             "    <attr key=\"i3\" type=\"int\">9223372036854775807</attr>\n"
                             "    <attr key=\"d1\" type=\"double\">1.5</attr>\n"
                             "    <attr key=\"d2\" type=\"double\">-2e3</attr>\n"
                             "    <attr key=\"b1\" type=\"bool\">true</attr>\n"
                             "    <attr key=\"b2\" type=\"bool\">0</attr>\n"
                             "    <attr key=\"t1\" type=\"date\">2024-07</attr>\n"
                             "    <attr key=\"t2\" type=\"date\"> 2024-07-06 </attr>\n"
                             "    <attr key=\"s1\">  as is  </attr>\n"
                             "    <attr key=\"s2\" type=\"string\"></attr>\n"
                             "  </entity>\n")),
                    TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    static const struct {
        const char *key;
        tkg_attr_type type;
        const char *value;
    } want[] = {
        {"i1", TKG_ATTR_INT, "-42"},
        {"i2", TKG_ATTR_INT, "7"},
        {"i3", TKG_ATTR_INT, "9223372036854775807"},
        {"d1", TKG_ATTR_DOUBLE, "1.5"},
        {"d2", TKG_ATTR_DOUBLE, "-2e3"},
        {"b1", TKG_ATTR_BOOL, "true"},
        {"b2", TKG_ATTR_BOOL, "false"},
        {"t1", TKG_ATTR_DATE, "2024-07"},
        {"t2", TKG_ATTR_DATE, "2024-07-06"},
        {"s1", TKG_ATTR_STRING, "  as is  "},
        {"s2", TKG_ATTR_STRING, ""},
    };
    uint32_t a = tkg_store_find_entity(s, "a");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_attr_count(s, a), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        tkg_attr at = tkg_entity_attr(s, a, i);
        bool ok = strcmp(at.key, want[i].key) == 0 && at.type == want[i].type &&
                  strcmp(at.value, want[i].value) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "\n  attr %zu: got %s=%s (%d)\n", i, at.key, at.value, (int)at.type);
    }
    tkg_store_free(s);
}

static void test_typed_attributes_invalid(void)
{
    reports r;
    CU_ASSERT_EQUAL(READ(NULL, &r,
                         DOC("  <entity id=\"a\" kind=\"state\" label=\"A\">\n"
                             "    <attr key=\"i1\" type=\"int\">1.5</attr>\n"
                             "    <attr key=\"i2\" type=\"int\">12a</attr>\n"
                             "    <attr key=\"i3\" type=\"int\">9223372036854775808</attr>\n"
                             "    <attr key=\"i4\" type=\"int\"></attr>\n"
                             "    <attr key=\"d1\" type=\"double\">1,5</attr>\n"
                             "    <attr key=\"d2\" type=\"double\">nan</attr>\n"
                             "    <attr key=\"d3\" type=\"double\">1e</attr>\n"
                             "    <attr key=\"b1\" type=\"bool\">yes</attr>\n"
                             "    <attr key=\"t1\" type=\"date\">2024-13</attr>\n"
                             "    <attr key=\"t2\" type=\"date\">July 2024</attr>\n"
                             "    <attr key=\"d4\" type=\"double\">1e999</attr>\n"
                             "  </entity>\n")),
                    TKG_EINPUT);
    static const char *const want[] = {
        "attribute 'i1': '1.5' is not a valid int",
        "attribute 'i2': '12a' is not a valid int",
        "attribute 'i3': '9223372036854775808' is not a valid int",
        "attribute 'i4': an empty value is not a valid int",
        "attribute 'd1': '1,5' is not a valid double",
        "attribute 'd2': 'nan' is not a valid double",
        "attribute 'd3': '1e' is not a valid double",
        "attribute 'b1': 'yes' is not a valid bool",
        "attribute 't1': '2024-13' is not a valid date",
        "attribute 't2': 'July 2024' is not a valid date",
        "attribute 'd4': '1e999' is not a valid double", /* not finite */
    };
    CU_ASSERT_EQUAL(r.n, 11);
    for (unsigned i = 0; i < 11 && i < r.n; i++)
        check_report(&r, i, (int)i + 3, 5, want[i], NULL);
}

/* ------------------------------------------------------------ text */

static void test_references_and_cdata(void)
{
    reports r;
    tkg_store *s = NULL;
    CU_ASSERT_EQUAL(READ(&s, &r,
                         DOC("  <source id=\"s\"/>\n"
                             "  <entity id=\"a\" kind=\"state\" label=\"A&amp;B&#233;&#x41;\">"
                             "<cite source=\"s\"><![CDATA[x < y]]> &lt;&gt;&quot;&apos;</cite>"
                             "</entity>\n")),
                    TKG_OK);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    uint32_t a = tkg_store_find_entity(s, "a");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, a, NULL), "A&B\xc3\xa9"
                                                         "A");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, a), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 0).quote, "x < y <>\"'");
    tkg_store_free(s);
}

/* ------------------------------------------------------------ refused documents */

static void test_refused_documents(void)
{
    REFUSED("<?xml version=\"1.0\"?>\n<!DOCTYPE tkg [<!ENTITY e \"x\">]>\n"
            "<tkg xmlns=\"urn:tkg:1\"/>\n",
            2, 1, "DOCTYPE");
    REFUSED("<!DOCTYPE tkg SYSTEM \"http://example.org/tkg.dtd\">\n<tkg xmlns=\"urn:tkg:1\"/>\n", 1,
            1, "DOCTYPE");
    /* An entity reference, in an attribute value and in text: at the '&'. */
    REFUSED(DOC("  <entity id=\"a\" kind=\"state\" label=\"x&foo;\"/>\n"), 2, 39, "'&foo;'");
    REFUSED(DOC("  <entity id=\"a\" kind=\"state\" label=\"A\">&foo;</entity>\n"), 2, 41,
            "'&foo;'");
    /* Byte order marks of UTF-16, both ways. */
    REFUSED("\xff\xfe<\0t\0k\0g\0", 1, 1, "UTF-16");
    REFUSED("\xfe\xff\0<\0t\0k\0g", 1, 1, "UTF-16");
    /* An encoding declaration naming anything else than UTF-8, US-ASCII or ISO-8859-1: at
     * the name. */
    REFUSED("<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?>\n<tkg xmlns=\"urn:tkg:1\"/>\n", 1, 31,
            "'EBCDIC-US'");
    REFUSED("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tkg xmlns=\"urn:tkg:1\"/>\n", 1, 31,
            "'UTF-16'");
    /* NUL and bytes that are not UTF-8: at the byte. */
    REFUSED(DOC("  <entity id=\"a\" kind=\"state\" label=\"A\0\"/>\n"), 2, 39, "U+0000");
    REFUSED(DOC("  <entity id=\"a\" kind=\"state\" label=\"A\xff\"/>\n"), 2, 39, "UTF-8");
    REFUSED(DOC("  <entity id=\"a\" kind=\"state\" label=\"A\xc0\xaf\"/>\n"), 2, 39, "UTF-8");
    /* Nothing to read. */
    REFUSED("", 1, 1, "empty");
    REFUSED("  \n\n", 3, 1, "no root element"); /* where the input ends */

    /* The UTF-8 byte order mark and the allowed declarations are fine. */
    reports r;
    CU_ASSERT_EQUAL(READ(NULL, &r, "\xef\xbb\xbf<tkg xmlns=\"urn:tkg:1\"/>\n"), TKG_OK);
    CU_ASSERT_EQUAL(
        READ(NULL, &r, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tkg xmlns=\"urn:tkg:1\"/>\n"),
        TKG_OK);
    CU_ASSERT_EQUAL(
        READ(NULL, &r,
             "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<tkg xmlns=\"urn:tkg:1\"/>\n"),
        TKG_OK);
    CU_ASSERT_EQUAL(r.n, 0);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"attribute and element positions", test_attribute_positions},
        {"date errors point into the value", test_date_errors_point_into_values},
        {"positions from the tag: BOM, large tags, many chunks", test_positions_found_again},
        {"schema errors with positions", test_schema_errors},
        {"line numbers past 65535", test_big_line_numbers},
        {"typed attributes: valid", test_typed_attributes_valid},
        {"typed attributes: invalid", test_typed_attributes_invalid},
        {"character references and CDATA", test_references_and_cdata},
        {"refused documents", test_refused_documents},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("read_xml", NULL, NULL);
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
