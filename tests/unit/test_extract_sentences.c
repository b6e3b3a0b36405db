/* Unit tests for src/lib/extract_sentences.c: ICU sentence boundaries and tkg's rules, on the
 * seed article (its citations in graphs/sahel.xml) and on short texts. */
#include "extract_sentences.h"
#include "extract_text.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits `s` and checks the spans against `expected` (NULL-terminated). */
static void split(const char *lang, const char *s, const char *const *expected)
{
    tkg_error err;
    tkg_error_clear(&err);
    extract_span *spans = NULL;
    size_t n = 0, want = 0;
    CU_ASSERT_EQUAL_FATAL(extract_sentences(s, strlen(s), lang, &spans, &n, &err), TKG_OK);
    while (expected[want])
        want++;
    CU_ASSERT_EQUAL(n, want);
    for (size_t i = 0; i < n && i < want; i++) {
        size_t len = spans[i].end - spans[i].start;
        bool same = len == strlen(expected[i]) && memcmp(s + spans[i].start, expected[i], len) == 0;
        if (!same)
            fprintf(stderr, "\n  sentence %zu: got \"%.*s\", want \"%s\"\n", i, (int)len,
                    s + spans[i].start, expected[i]);
        CU_ASSERT_TRUE(same);
    }
    free(spans);
}

static void test_abbreviations(void)
{
    split("fr", "M. Macron est arrivé à Paris. Il a parlé.",
          (const char *const[]){"M. Macron est arrivé à Paris.", "Il a parlé.", NULL});
    split("fr", "Mme Dupont et Dr. Martin, J.-C. Durand. Fin.",
          (const char *const[]){"Mme Dupont et Dr. Martin, J.-C. Durand.", "Fin.", NULL});
    split("en", "Dr. Smith met Mr. Jones at the U.S. Army base. They talked!  Did they?",
          (const char *const[]){"Dr. Smith met Mr. Jones at the U.S. Army base.", "They talked!",
                                "Did they?", NULL});
    split("fr", "Il a dit « Non. Jamais. » hier. Puis il est parti.",
          (const char *const[]){"Il a dit « Non. Jamais. » hier.", "Puis il est parti.", NULL});
    split("en", "He said “No. Never.” Then he left.",
          (const char *const[]){"He said “No. Never.”", "Then he left.", NULL});
}

static void test_lines(void)
{
    /* A heading without a period; a hard-wrapped paragraph; a blank line. */
    split("fr",
          "Défis sécuritaires\nLe Conseil de sécurité a confié à la mission la tâche de sécuriser "
          "le\nterritoire du pays. Fin\n\nAutre paragraphe",
          (const char *const[]){"Défis sécuritaires",
                                "Le Conseil de sécurité a confié à la mission la tâche de "
                                "sécuriser le\nterritoire du pays.",
                                "Fin", "Autre paragraphe", NULL});
    /* Offsets are bytes of the UTF-8 text. */
    const char *s = "  Élan été.  Ça va.\n";
    tkg_error err;
    extract_span *spans = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(extract_sentences(s, strlen(s), "fr", &spans, &n, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(spans[0].start, 2);
    CU_ASSERT_EQUAL(spans[0].end, (size_t)(strstr(s, ".") + 1 - s));
    CU_ASSERT_EQUAL(spans[1].start, (size_t)(strstr(s, "Ça") - s));
    CU_ASSERT_EQUAL(spans[1].end, strlen(s) - 1);
    free(spans);
}

static void test_errors(void)
{
    tkg_error err;
    tkg_error_clear(&err);
    extract_span *spans = (extract_span *)&err;
    size_t n = 7;
    CU_ASSERT_EQUAL(extract_sentences("a. b.", 5, "de", &spans, &n, &err), TKG_EUSAGE);
    CU_ASSERT_PTR_NULL(spans);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unknown language 'de'"));
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(extract_sentences(" \n ", 3, "en", &spans, &n, &err), TKG_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_PTR_NULL(spans);
}

static bool space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Finds `q` in `text` where a run of white space of `q` matches any run of white space of the
 * text (graphs/sahel.xml writes the article's wrapped sentence on one line); sets *start and
 * *end to the match's bytes in `text`, and *verbatim when it is byte for byte. */
static bool find(const char *text, const char *q, size_t *start, size_t *end, bool *verbatim)
{
    for (const char *t = text; *t; t++) {
        const char *a = t, *b = q;
        bool same = true;
        while (*a && *b) {
            if (space(*a) && space(*b)) {
                same = same && *a == *b;
                while (space(*a))
                    a++;
                while (space(*b))
                    b++;
            } else if (*a == *b)
                a++, b++;
            else
                break;
        }
        if (!*b) {
            *start = (size_t)(t - text), *end = (size_t)(a - text), *verbatim = same;
            return true;
        }
    }
    return false;
}

/* Every citation of the seed article in graphs/sahel.xml lies within exactly one sentence. */
static void test_seed_article(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_FATAL(dir != NULL);
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/extract/minusma-2024-11-15.fr.txt", dir);
    tkg_error err;
    tkg_error_clear(&err);
    char *text = NULL;
    size_t len = 0;
    CU_ASSERT_EQUAL_FATAL(extract_text_file(path, EXTRACT_AUTO, 0, &text, &len, &err), TKG_OK);
    extract_span *spans = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(extract_sentences(text, len, "fr", &spans, &n, &err), TKG_OK);
    /* 13 sentences by hand: one a line, but the heading, and one sentence wrapped on three. */
    CU_ASSERT_EQUAL(n, 13);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT(spans[i].start < spans[i].end);
        CU_ASSERT(i == 0 || spans[i - 1].end < spans[i].start);
        CU_ASSERT(text[spans[i].start] != ' ' && text[spans[i].start] != '\n');
        CU_ASSERT(text[spans[i].end - 1] != ' ' && text[spans[i].end - 1] != '\n');
    }
    CU_ASSERT(n > 7 && spans[7].end - spans[7].start == strlen("Défis sécuritaires") &&
              memcmp(text + spans[7].start, "Défis sécuritaires", spans[7].end - spans[7].start) ==
                  0);

    snprintf(path, sizeof path, "%s/graphs/sahel.xml", dir);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CU_ASSERT_FATAL(doc != NULL);
    size_t cites = 0, inside = 0, exact = 0, wrapped = 0;
    xmlNodePtr node = xmlDocGetRootElement(doc);
    while (node) { /* document order, without recursion */
        if (node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST "cite")) {
            xmlChar *src = xmlGetProp(node, BAD_CAST "source");
            if (src && xmlStrEqual(src, BAD_CAST "rfi-2024-11-15")) {
                xmlChar *quote = xmlNodeGetContent(node);
                size_t s = 0, e = 0;
                bool verbatim = false, found = find(text, (const char *)quote, &s, &e, &verbatim);
                cites++;
                CU_ASSERT_TRUE(found);
                wrapped += found && !verbatim;
                size_t holders = 0;
                for (size_t i = 0; found && i < n; i++)
                    if (spans[i].start <= s && e <= spans[i].end) {
                        holders++;
                        exact += spans[i].start == s && spans[i].end == e;
                    }
                if (holders != 1)
                    fprintf(stderr, "\n  citation not within one sentence: %s\n", quote);
                inside += holders == 1;
                xmlFree(quote);
            }
            xmlFree(src);
        }
        if (node->children && node->type == XML_ELEMENT_NODE) {
            node = node->children;
            continue;
        }
        while (node && !node->next)
            node = node->parent;
        if (node)
            node = node->next;
    }
    xmlFreeDoc(doc);
    CU_ASSERT(cites > 0);
    CU_ASSERT_EQUAL(inside, cites);
    /* For the record (docs/extract.md): how many cite their whole sentence, and how many
     * write the article's line breaks as spaces. */
    fprintf(stderr,
            "\n  %zu citations, %zu within one sentence, %zu whole sentences, %zu with "
            "spaces for line breaks\n",
            cites, inside, exact, wrapped);
    free(spans);
    free(text);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"abbreviations, initialisms, quotations", test_abbreviations},
        {"headings, wrapped lines, blank lines, byte offsets", test_lines},
        {"unknown language, empty text", test_errors},
        {"the seed article and its citations", test_seed_article},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract_sentences", NULL, NULL);
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
