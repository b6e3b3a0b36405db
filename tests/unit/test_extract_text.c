/* Unit tests for src/lib/extract_text.c: UTF-8 articles, HTML articles, errors. */
#include "extract_text.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads `s` as an article; returns its code, the text in *out (freed by the caller). */
static int text_of(const char *s, size_t n, extract_format f, uint64_t max, char **out,
                   tkg_error *err)
{
    size_t len = 0;
    tkg_error_clear(err);
    int rc = extract_text_buffer(s, n, "a.txt", f, max, out, &len, err);
    if (rc == TKG_OK)
        CU_ASSERT_EQUAL(len, strlen(*out));
    return rc;
}

static void test_plain(void)
{
    tkg_error err;
    char *t = NULL;
    const char *s = "Au Mali, l’ONU.\n\nDeuxième ligne « citée ».\n";
    CU_ASSERT_EQUAL(text_of(s, strlen(s), EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, s);
    free(t);
    /* A byte order mark is skipped. */
    CU_ASSERT_EQUAL(text_of("\xEF\xBB\xBFHé.", 7, EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "Hé.");
    free(t);
    /* Empty: an empty text, not an error. */
    CU_ASSERT_EQUAL(text_of("", 0, EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "");
    free(t);
    /* Starts with '<' but not as HTML: kept as it is. */
    CU_ASSERT_EQUAL(text_of("<b> ok", 6, EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "<b> ok");
    free(t);
}

static void bad(const char *s, size_t n, int line, int column, const char *what)
{
    tkg_error err;
    char *t = (char *)"unset";
    CU_ASSERT_EQUAL(text_of(s, n, EXTRACT_AUTO, 0, &t, &err), TKG_EINPUT);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_EQUAL(err.column, column);
    CU_ASSERT_STRING_EQUAL(err.source, "a.txt");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, what));
}

static void test_invalid_utf8(void)
{
    bad("ab\ncd\xC3(", 7, 2, 3, "invalid UTF-8 (byte 0xC3)");
    bad("é\xC0\x80", 4, 1, 2, "invalid UTF-8 (byte 0xC0)");        /* overlong */
    bad("x\xED\xA0\x80", 4, 1, 2, "invalid UTF-8 (byte 0xED)");    /* surrogate */
    bad("\xF4\x90\x80\x80", 4, 1, 1, "invalid UTF-8 (byte 0xF4)"); /* above U+10FFFF */
    bad("été\nà\xE2\x82", 10, 2, 2, "invalid UTF-8 (byte 0xE2)");  /* cut short */
    bad("\xEF\xBB\xBF"
        "a\xFF",
        5, 1, 3, "invalid UTF-8 (byte 0xFF)"); /* after a BOM */
    bad("a\0b", 3, 1, 2, "NUL byte");
    /* HTML is checked the same way, before parsing. */
    bad("<html><p>\x80</p>", 14, 1, 10, "invalid UTF-8 (byte 0x80)");
}

static void test_limit(void)
{
    tkg_error err;
    char *t = NULL;
    CU_ASSERT_EQUAL(text_of("0123456789", 10, EXTRACT_AUTO, 9, &t, &err), TKG_ELIMIT);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "limit of 9 bytes"));
    CU_ASSERT_EQUAL(text_of("0123456789", 10, EXTRACT_AUTO, 10, &t, &err), TKG_OK);
    free(t);
}

static void test_html(void)
{
    tkg_error err;
    char *t = NULL;
    const char *page =
        "<!DOCTYPE html>\n<html><head><title>Titre</title><style>p{}</style>"
        "<script>var x = \"<p>no</p>\";</script></head>\n<body>"
        "<header>Menu du site</header><nav><a href=\"/\">Accueil</a></nav>\n"
        "<article><h1>Défis   sécuritaires</h1>\n<p>Le  Mali,\n dirigé par "
        "<b>Assimi Goïta</b>, l&rsquo;ONU &amp; la C&eacute;d&eacute;ao.</p>"
        "<p>Deux<br>lignes &unknown; ici.<script>document.write(\"js\")</script></p>"
        "<style>.x{color:red}</style><ul><li>un</li><li>deux</li></ul></article>"
        "<aside>Lire aussi</aside><form><input value=\"x\">Recherche</form>"
        "<noscript>Activez JavaScript</noscript><footer>© RFI</footer></body></html>\n";
    CU_ASSERT_EQUAL(text_of(page, strlen(page), EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "Défis sécuritaires\n"
                              "Le Mali, dirigé par Assimi Goïta, l’ONU & la Cédéao.\n"
                              "Deux\nlignes &unknown; ici.\nun\ndeux\n");
    free(t);
    /* Forced HTML without any sniffable start; forced plain keeps the markup. */
    CU_ASSERT_EQUAL(text_of("<p>a</p>b", 9, EXTRACT_HTML, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "a\nb\n");
    free(t);
    CU_ASSERT_EQUAL(text_of("<html>a", 7, EXTRACT_PLAIN, 0, &t, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "<html>a");
    free(t);
    /* No external entity, no network: a SYSTEM identifier and an entity of the internal
     * subset are not expanded. */
    const char *xxe = "<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/x.dtd\" "
                      "[<!ENTITY e \"EXPANDED\">]><html><body><p>x &e; y</p></body></html>";
    CU_ASSERT_EQUAL(text_of(xxe, strlen(xxe), EXTRACT_AUTO, 0, &t, &err), TKG_OK);
    CU_ASSERT_PTR_NULL(strstr(t, "EXPANDED"));
    free(t);
}

static void test_files(void)
{
    tkg_error err;
    char *t = NULL;
    size_t len = 0;
    char dirname[] = "/tmp/tkg_extract_XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dirname) != NULL);
    char path[64];
    snprintf(path, sizeof path, "%s/a.HTM", dirname);
    FILE *w = fopen(path, "wb");
    CU_ASSERT_FATAL(w != NULL);
    const char *page = "<p>Un.</p><p>Deux.</p>"; /* HTML by its name only */
    CU_ASSERT_EQUAL(fwrite(page, 1, strlen(page), w), strlen(page));
    fclose(w);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_text_file(path, EXTRACT_AUTO, 0, &t, &len, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(t, "Un.\nDeux.\n");
    free(t);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_text_file(path, EXTRACT_AUTO, 5, &t, &len, &err), TKG_ELIMIT);
    CU_ASSERT_PTR_NULL(t);
    unlink(path);
    rmdir(dirname);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_text_file(path, EXTRACT_AUTO, 0, &t, &len, &err), TKG_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(err.source, path);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_text_file("/tmp", EXTRACT_AUTO, 0, &t, &len, &err), TKG_EIO);

    /* The seed article: a UTF-8 text, handed over byte for byte. */
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_FATAL(dir != NULL);
    char seed[1024];
    snprintf(seed, sizeof seed, "%s/tests/extract/minusma-2024-11-15.fr.txt", dir);
    FILE *f = fopen(seed, "rb");
    CU_ASSERT_FATAL(f != NULL);
    char raw[16384];
    size_t n = fread(raw, 1, sizeof raw, f);
    fclose(f);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_text_file(seed, EXTRACT_AUTO, 0, &t, &len, &err), TKG_OK);
    CU_ASSERT_EQUAL(len, n);
    CU_ASSERT(t && memcmp(t, raw, n) == 0);
    free(t);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"plain UTF-8 text, BOM, empty", test_plain},
        {"invalid UTF-8 at its position", test_invalid_utf8},
        {"size limit", test_limit},
        {"HTML: dropped elements, blocks, entities, hardening", test_html},
        {"files: by extension, limit, missing, the seed article", test_files},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract_text", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
