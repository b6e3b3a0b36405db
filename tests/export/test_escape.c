/* Unit tests for src/lib/escape.c: cleaning, escaping per format, shortening, identifiers.
 * Every expected string is written out by hand from the rules in docs/export.md. */
#include "escape.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* Escapes `len` bytes of `in` in `mode` and compares with `want`. */
static void expect_len(esc_mode mode, const char *in, size_t len, const char *want)
{
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    esc_put(s, mode, in, len);
    size_t n;
    const char *got = tkg_sink_data(s, &n);
    bool same = n == strlen(want) && memcmp(got, want, n) == 0;
    if (!same)
        fprintf(stderr, "\n  mode %d: got '%.*s', want '%s'\n", (int)mode, (int)n, got, want);
    CU_ASSERT_TRUE(same);
    tkg_sink_free(s);
}

static void expect(esc_mode mode, const char *in, const char *want)
{
    expect_len(mode, in, strlen(in), want);
}

static void test_xml(void)
{
    expect(ESC_XML_ATTR, "a&b<c>\"d'\t\n\r", "a&amp;b&lt;c&gt;&quot;d'&#9;&#10;&#13;");
    expect(ESC_XML_TEXT, "a&b<c>\"d'\t\r\n", "a&amp;b&lt;c&gt;\"d'\t&#13;\n");
    expect(ESC_XML_TEXT, "]]>", "]]&gt;");
    expect(ESC_XML_ATTR, "plain text", "plain text");
}

static void test_cleaning(void)
{
    /* C0 controls other than TAB LF CR are dropped in every mode; DEL stays. */
    for (int m = ESC_XML_TEXT; m <= ESC_URL; m++)
        expect((esc_mode)m,
               "a\x01"
               "b\x1f"
               "c\x7f",
               "abc\x7f");
    expect_len(ESC_XML_TEXT, "a\0b", 3, "ab");
    /* Invalid UTF-8: each bad byte becomes U+FFFD. */
    expect(ESC_XML_TEXT,
           "a\xff"
           "b\xc3",
           "a\xef\xbf\xbd"
           "b\xef\xbf\xbd");
    expect(ESC_XML_TEXT, "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong */
    expect(ESC_XML_TEXT, "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
    expect(ESC_XML_TEXT, "\xf4\x90\x80\x80", /* beyond U+10FFFF */
           "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    /* Noncharacters U+FFFE and U+FFFF are dropped; other characters pass. */
    expect(ESC_XML_TEXT,
           "x\xef\xbf\xbe"
           "y\xef\xbf\xbf"
           "z",
           "xyz");
    expect(ESC_XML_TEXT, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x87\xb2",
           "\xc3\xa9\xe2\x82\xac\xf0\x9f\x87\xb2");
}

static void test_dot(void)
{
    expect(ESC_DOT, "a\\b\"c&d\nx\r\ny\rz", "a\\\\b\\\"c&amp;d\\nx\\ny\\nz");
    expect(ESC_DOT, "ends\\", "ends\\\\");
    expect(ESC_DOT, "\\N &beta; <b>", "\\\\N &amp;beta; <b>");
    /* Tooltips: Graphviz unescapes them twice, so one backslash is written as four. */
    expect(ESC_DOT_TIP, "\\N\"\n", "\\\\\\\\N\\\"\\n");
    expect(ESC_HTML, "a\nb\tc<d>&\"\r\ne\rf", "a b c&lt;d&gt;&amp;&quot; e f");
}

static void test_json_csv_url(void)
{
    expect(ESC_JSON, "\"\\\n\r\t\x01/", "\\\"\\\\\\n\\r\\t/");
    expect(ESC_JSON,
           "a\xe2\x80\xa8"
           "b\xe2\x80\xa9",
           "a\\u2028b\\u2029");
    expect(ESC_CSV, "a\"b,c\nd", "a\"\"b,c\nd");
    expect(ESC_URL, "http://x/a b?c=1&d=\"e\"<f>'g\\",
           "http://x/a%20b?c=1&amp;d=%22e%22%3Cf%3E%27g%5C");
}

static void expect_capped(esc_mode mode, const char *in, size_t max, const char *want,
                          bool shortened)
{
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    CU_ASSERT_EQUAL(esc_put_capped(s, mode, in, strlen(in), max), shortened);
    size_t n;
    const char *got = tkg_sink_data(s, &n);
    CU_ASSERT_TRUE(n <= max);
    CU_ASSERT_TRUE(n == strlen(want) && memcmp(got, want, n) == 0);
    tkg_sink_free(s);
}

static void test_capped(void)
{
    expect_capped(ESC_DOT, "abcdef", 10, "abcdef", false);
    expect_capped(ESC_DOT, "abcdefgh", 8, "abcdefgh", false);
    expect_capped(ESC_DOT, "abcdefghijkl", 8, "abcde\xe2\x80\xa6", true);
    /* Never inside a character: Ω is two bytes. */
    expect_capped(ESC_DOT, "\xce\xa9\xce\xa9\xce\xa9\xce\xa9\xce\xa9", 8,
                  "\xce\xa9\xce\xa9\xe2\x80\xa6", true);
    /* Never inside an escape: each quote becomes two bytes. */
    expect_capped(ESC_DOT, "\"\"\"\"\"", 8, "\\\"\\\"\xe2\x80\xa6", true);
    expect_capped(ESC_DOT, "\"\"\"\"", 8, "\\\"\\\"\\\"\\\"", false);
}

static void expect_id(const char *id, const char *want, bool plain)
{
    tkg_sink *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&s, NULL), TKG_OK);
    esc_put_id(s, id);
    size_t n;
    const char *got = tkg_sink_data(s, &n);
    CU_ASSERT_TRUE(n == strlen(want) && memcmp(got, want, n) == 0);
    CU_ASSERT_EQUAL(esc_id_is_plain(id), plain);
    tkg_sink_free(s);
}

static void test_ids(void)
{
    expect_id("mali", "mali", true);
    expect_id("state:MLI_2.x-y", "state:MLI_2.x-y", true);
    expect_id("John Kerry",
              "John\xc2\xb7"
              "20Kerry",
              false);
    expect_id("a\xc2\xb7"
              "b",
              "a\xc2\xb7"
              "C2\xc2\xb7"
              "B7b",
              false); /* '·' itself */
    expect_id("\xc3\xa9",
              "\xc2\xb7"
              "C3\xc2\xb7"
              "A9",
              false);
    expect_id("q\"\\",
              "q\xc2\xb7"
              "22\xc2\xb7"
              "5C",
              false);
    expect_id("", "\xc2\xb7", false);
}

static void test_clean(void)
{
    CU_ASSERT_TRUE(esc_is_clean("John Kerry\t\n\r\xc3\xa9", 15));
    CU_ASSERT_FALSE(esc_is_clean("a\x01", 2));
    CU_ASSERT_FALSE(esc_is_clean("a\xff", 2));
    CU_ASSERT_FALSE(esc_is_clean("\xef\xbf\xbe", 3));
    CU_ASSERT_FALSE(esc_is_clean("a\0b", 3));
}

static void test_utf8_sequence(void)
{
    uint32_t cp = 0;
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"A", 1, &cp), 1);
    CU_ASSERT_EQUAL(cp, 0x41);
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
    CU_ASSERT_EQUAL(cp, 0xE9);
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
    CU_ASSERT_EQUAL(cp, 0x20AC);
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &cp), 4);
    CU_ASSERT_EQUAL(cp, 0x10FFFF);
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0); /* cut */
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\xe0\x80\x80", 3, &cp), 0);
    CU_ASSERT_EQUAL(utf8_sequence((const unsigned char *)"\x80", 1, &cp), 0);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"xml text and attributes", test_xml},
        {"cleaning: controls, invalid utf-8, noncharacters", test_cleaning},
        {"dot labels, tooltips, html labels", test_dot},
        {"json, csv, urls", test_json_csv_url},
        {"shortening at character boundaries", test_capped},
        {"identifiers", test_ids},
        {"utf-8 sequences", test_utf8_sequence},
        {"clean text", test_clean},
    };
    unsigned failures = 1;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("escape", NULL, NULL);
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
