/* Unit tests for src/lib/json.c, the strict reader of arrays of flat string objects: what it
 * accepts and decodes, and every refusal with its byte offset (RFC 8259 and json.h). */
#include "json.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* The objects read, flattened: "name=value;" per member, "|" after each object. */
typedef struct collected {
    char text[512];
    size_t len;
    int stop_after; /* > 0: the callback returns -7 after this many objects */
    int objects;
} collected;

static int collect(void *ctx, const json_member *m, size_t n)
{
    collected *c = ctx;
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(strlen(m[i].name), m[i].name_len);
        CU_ASSERT_EQUAL(strlen(m[i].value), m[i].value_len);
        c->len += (size_t)snprintf(c->text + c->len, sizeof c->text - c->len, "%s=%s;", m[i].name,
                                   m[i].value);
    }
    c->len += (size_t)snprintf(c->text + c->len, sizeof c->text - c->len, "|");
    return ++c->objects == c->stop_after ? -7 : 0;
}

static void accept(const char *in, const char *want)
{
    collected c = {0};
    json_error e;
    int rc = json_read_objects(in, strlen(in), collect, &c, &e);
    if (rc != 0 || strcmp(c.text, want) != 0)
        fprintf(stderr, "\n  %s: rc %d (%s at %zu), got '%s', want '%s'\n", in, rc,
                e.message ? e.message : "-", e.offset, c.text, want);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(c.text, want);
}

static void refuse_len(const char *in, size_t len, size_t offset, const char *message)
{
    collected c = {0};
    json_error e;
    int rc = json_read_objects(in, len, collect, &c, &e);
    if (rc != JSON_SYNTAX || e.offset != offset || !e.message || strcmp(e.message, message) != 0)
        fprintf(stderr, "\n  %s: rc %d, '%s' at %zu; want '%s' at %zu\n", in, rc,
                e.message ? e.message : "-", e.offset, message, offset);
    CU_ASSERT_EQUAL(rc, JSON_SYNTAX);
    CU_ASSERT_EQUAL(e.offset, offset);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e.message);
    CU_ASSERT_STRING_EQUAL(e.message, message);
}

static void refuse(const char *in, size_t offset, const char *message)
{
    refuse_len(in, strlen(in), offset, message);
}

static void test_accepts(void)
{
    accept("[]", "");
    accept(" \t\r\n[ ] \n", "");
    accept("[{}]", "|");
    accept("[{\"source\":\"s1\"}]", "source=s1;|");
    accept("[ {\"a\" : \"1\" , \"b\":\"\"} ,{\"a\":\"2\"} ]", "a=1;b=;|a=2;|");
    /* member names may repeat across objects, not within one */
    accept("[{\"a\":\"x\"},{\"a\":\"y\"}]", "a=x;|a=y;|");
}

static void test_escapes(void)
{
    accept("[{\"q\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}]", "q=\"\\/\b\f\n\r\t;|");
    accept("[{\"q\":\"\\u00e9\\u00C9\\u2028\\u0041\"}]", "q=\xC3\xA9\xC3\x89\xE2\x80\xA8"
                                                         "A;|");
    /* a surrogate pair is one code point: U+1F600 */
    accept("[{\"q\":\"\\ud83d\\ude00\"}]", "q=\xF0\x9F\x98\x80;|");
    /* UTF-8 as it is, markup as it is */
    accept("[{\"q\":\"\xC3\xA9t\xC3\xA9 </script> | a\"}]", "q=\xC3\xA9t\xC3\xA9 </script> | a;|");
}

static void test_refusals(void)
{
    refuse("", 0, "expected '['");
    refuse("{}", 0, "expected '['");
    refuse("[", 1, "expected an object");
    refuse("[{}", 3, "expected ',' or ']'");
    refuse("[{},]", 4, "expected an object");
    refuse("[\"a\"]", 1, "expected an object");
    refuse("[{\"a\"}]", 5, "expected ':'");
    refuse("[{\"a\":1}]", 6, "a member's value must be a string");
    refuse("[{\"a\":null}]", 6, "a member's value must be a string");
    refuse("[{\"a\":\"1\",}]", 10, "expected a string");
    refuse("[{\"a\":\"1\" \"b\":\"2\"}]", 10, "expected ',' or '}'");
    refuse("[{\"a\":\"1\",\"a\":\"2\"}]", 10, "duplicate member name");
    refuse("[{}] x", 5, "text after the array");
    refuse("[{}][]", 4, "text after the array");
    refuse("[{\"a\":\"1}]", 6, "string not closed");
    refuse("[{\"a\":\"x\ny\"}]", 8, "control character in a string");
    refuse("[{\"a\":\"\\x\"}]", 7, "unknown escape");
    refuse("[{\"a\":\"\\u12\"}]", 11, "\\u needs four hex digits");
    refuse("[{\"a\":\"\\u0000\"}]", 7, "\\u0000 is not allowed");
    refuse("[{\"a\":\"\\ud83d\"}]", 7, "lone high surrogate");
    refuse("[{\"a\":\"\\ud83d\\u0041\"}]", 7, "lone high surrogate");
    refuse("[{\"a\":\"\\ude00\"}]", 7, "lone low surrogate");
    refuse("[{\"a\":\"\xFF\"}]", 7, "invalid UTF-8");
    refuse("[{\"a\":\"\xC0\xAF\"}]", 7, "invalid UTF-8");     /* overlong */
    refuse("[{\"a\":\"\xED\xA0\x80\"}]", 7, "invalid UTF-8"); /* a surrogate in UTF-8 */
    refuse("[{\"a\":\"\xE2\x80\"}]", 7, "invalid UTF-8");     /* cut short */
    /* a NUL byte is a control character, and the length, not the NUL, ends the text */
    refuse_len("[{\"a\":\"x\0\"}]", 11, 8, "control character in a string");
    refuse_len("[]\0", 3, 2, "text after the array");
    /* members of 9 bytes and a comma: the 17th starts at byte 2 + 16 * 10 */
    char many[512] = "[{";
    for (int i = 0; i <= JSON_MAX_MEMBERS; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "%s\"m%02d\":\"v\"", i ? "," : "",
                 i);
    strcat(many, "}]");
    refuse(many, 2 + (size_t)JSON_MAX_MEMBERS * 10, "too many members in an object");
}

static void test_callback_stops(void)
{
    collected c = {.stop_after = 1};
    json_error e;
    CU_ASSERT_EQUAL(json_read_objects("[{\"a\":\"1\"},{\"a\":\"2\"}]", 21, collect, &c, &e), -7);
    CU_ASSERT_EQUAL(c.objects, 1);
    CU_ASSERT_STRING_EQUAL(c.text, "a=1;|");
}

static void test_member_value(void)
{
    json_member m[2] = {{"source", "s1", 6, 2}, {"quote", "", 5, 0}};
    size_t len = 99;
    CU_ASSERT_STRING_EQUAL(json_member_value(m, 2, "source", &len), "s1");
    CU_ASSERT_EQUAL(len, 2);
    CU_ASSERT_STRING_EQUAL(json_member_value(m, 2, "quote", &len), "");
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT_PTR_NULL(json_member_value(m, 2, "sourc", &len));
    CU_ASSERT_PTR_NULL(json_member_value(m, 2, "locator", &len));
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"accepts arrays of string objects", test_accepts},
        {"decodes escapes and UTF-8", test_escapes},
        {"refuses with the byte offset", test_refusals},
        {"the callback's code stops reading", test_callback_stops},
        {"member lookup", test_member_value},
    };
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("json", NULL, NULL);
    for (size_t i = 0; suite && i < sizeof tests / sizeof *tests; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            suite = NULL;
    if (!suite) {
        CU_cleanup_registry();
        return 1;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
