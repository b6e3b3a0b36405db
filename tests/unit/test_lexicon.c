/* Unit tests for src/lib/lexicon.c: the default lexicon against schema/lexicon.xml read by
 * libxml2's tree API (an independent reading) and against the default ontology (every
 * relation kind has French and English triggers), folding, words, attributes and their
 * defaults, and the loader's errors with their positions. */
#include "lexicon.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tkg_ontology *onto;

static int setup(void)
{
    tkg_error err;
    tkg_error_clear(&err);
    return tkg_ontology_default(&onto, &err) != TKG_OK;
}

static int teardown(void)
{
    tkg_ontology_free(onto);
    return 0;
}

/* ------------------------------------------------------------ helpers */

static lexicon *load(const char *doc)
{
    lexicon *lx = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    int rc = lexicon_load_buffer(&lx, doc, strlen(doc), "test.xml", onto, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  unexpected: %s:%d:%d: %s\n", err.source, err.line, err.column,
                err.message);
    CU_ASSERT_EQUAL(rc, TKG_OK);
    return lx;
}

/* Loads `doc`, which must fail at line:column with exactly `message`. */
static void check_error(const char *doc, int line, int column, const char *message)
{
    lexicon *lx = (lexicon *)1;
    tkg_error err;
    tkg_error_clear(&err);
    int rc = lexicon_load_buffer(&lx, doc, strlen(doc), "test.xml", onto, &err);
    CU_ASSERT_EQUAL(rc, TKG_EINPUT);
    CU_ASSERT_PTR_NULL(lx);
    CU_ASSERT_STRING_EQUAL(err.source, "test.xml");
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_EQUAL(err.column, column);
    CU_ASSERT_STRING_EQUAL(err.message, message);
    if (err.line != line || err.column != column || strcmp(err.message, message) != 0)
        fprintf(stderr, "\n  got %d:%d: %s\n", err.line, err.column, err.message);
    if (lx != (lexicon *)1)
        lexicon_free(lx);
}

static char *fold(const char *s)
{
    char *out = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(lexicon_fold(&out, &n, s, strlen(s)), TKG_OK);
    CU_ASSERT_EQUAL(n, strlen(out));
    return out;
}

static void check_fold(const char *in, const char *want)
{
    char *got = fold(in);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  fold(%s) = '%s', expected '%s'\n", in, got, want);
    free(got);
}

#define HEAD "<lexicon xmlns=\"urn:tkg:lexicon:1\" name=\"test\">\n"
#define TAIL "</lexicon>\n"

/* ------------------------------------------------------------ the default lexicon */

/* An attribute of a <trigger> as the file has it, or the schema's default. */
static char *attr_or(xmlNodePtr n, const char *name, const char *fallback)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = strdup(v ? (const char *)v : fallback);
    xmlFree(v);
    return s;
}

static const char *const orders[] = {"from-trigger-to", "to-trigger-from", "trigger-from-to",
                                     "trigger-to-from"};
static const char *const confidences[] = {"high", "medium", "low"};
static const char *const date_roles[] = {"date", "start", "end"};

/* The compiled-in lexicon holds exactly the triggers of schema/lexicon.xml, in order, with
 * their kinds, languages, texts and attributes (defaults applied), as libxml2's tree reads the
 * file. */
static void test_default_matches_file(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/schema/lexicon.xml", dir);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    lexicon *lx = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(lexicon_default(&lx, onto, &err), TKG_OK);
    CU_ASSERT_STRING_EQUAL(lexicon_name(lx), "tkg-default");
    size_t i = 0, bad = 0;
    for (xmlNodePtr r = xmlDocGetRootElement(doc)->children; r; r = r->next) {
        if (r->type != XML_ELEMENT_NODE)
            continue;
        char *kind = attr_or(r, "kind", "");
        for (xmlNodePtr t = r->children; t; t = t->next, bad += i > lexicon_trigger_count(lx)) {
            if (t->type != XML_ELEMENT_NODE || i >= lexicon_trigger_count(lx)) {
                i += t->type == XML_ELEMENT_NODE;
                continue;
            }
            const lexicon_trigger *got = lexicon_trigger_at(lx, i++);
            char *lang = attr_or(t, "lang", ""), *order = attr_or(t, "order", orders[0]),
                 *conf = attr_or(t, "confidence", "medium"), *date = attr_or(t, "date", "date");
            xmlChar *text = xmlNodeGetContent(t);
            bool same = strcmp(tkg_relation_kind_name(onto, got->kind), kind) == 0 &&
                        strcmp(got->lang, lang) == 0 &&
                        strcmp(got->text, (const char *)text) == 0 &&
                        strcmp(orders[got->order], order) == 0 &&
                        strcmp(confidences[got->confidence], conf) == 0 &&
                        strcmp(date_roles[got->date_role], date) == 0 &&
                        got->line == (uint32_t)xmlGetLineNo(t);
            if (!same) {
                fprintf(stderr, "\n  trigger %zu: %s %s '%s' differs from line %ld\n", i,
                        tkg_relation_kind_name(onto, got->kind), got->lang, got->text,
                        xmlGetLineNo(t));
                bad++;
            }
            xmlFree(text);
            free(lang);
            free(order);
            free(conf);
            free(date);
        }
        free(kind);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(i, lexicon_trigger_count(lx));
    CU_ASSERT(i > 0);
    lexicon_free(lx);
    xmlFreeDoc(doc);
}

/* Every relation kind of the default ontology has at least one French and one English
 * trigger, and every trigger's folded form is what lexicon_fold gives for its text. */
static void test_default_covers_ontology(void)
{
    lexicon *lx = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(lexicon_default(&lx, onto, &err), TKG_OK);
    size_t kinds = tkg_ontology_relation_kind_count(onto);
    for (uint32_t k = 0; k < kinds; k++) {
        size_t fr = 0, en = 0;
        for (size_t i = 0; i < lexicon_trigger_count(lx); i++) {
            const lexicon_trigger *t = lexicon_trigger_at(lx, i);
            fr += t->kind == k && strcmp(t->lang, "fr") == 0;
            en += t->kind == k && strcmp(t->lang, "en") == 0;
        }
        if (!fr || !en)
            fprintf(stderr, "\n  %s: %zu fr, %zu en triggers\n", tkg_relation_kind_name(onto, k),
                    fr, en);
        CU_ASSERT(fr > 0 && en > 0);
    }
    for (size_t i = 0; i < lexicon_trigger_count(lx); i++) {
        const lexicon_trigger *t = lexicon_trigger_at(lx, i);
        char *f = fold(t->text);
        CU_ASSERT_STRING_EQUAL(f, t->folded);
        CU_ASSERT(t->word_count > 0);
        free(f);
    }
    lexicon_free(lx);
}

/* ------------------------------------------------------------ folding and words */

static void test_fold(void)
{
    check_fold("Élysée", "elysee");
    check_fold("CÉDÉAO", "cedeao");
    check_fold("Cédéao", "cedeao");
    check_fold("ŒUVRE cœur", "oeuvre coeur");
    check_fold("Straße", "strasse");
    check_fold("l’ONU", "l'onu");
    check_fold("Goïta", "goita");
    check_fold("Łódź", "lodz");
    check_fold("  à\xc2\xa0 la\ttête\n ", "a la tete");
    check_fold("«\xe2\x80\xafoui\xe2\x80\xaf»", "« oui »");
    check_fold("x×y", "x×y");
    check_fold("Москва", "Москва");         /* outside Latin: kept */
    check_fold("a\xff\xc3z", "a\xff\xc3z"); /* invalid UTF-8: bytes kept */
    check_fold("", "");
}

static void test_fold_step(void)
{
    char buf[4];
    size_t used;
    CU_ASSERT_EQUAL(lexicon_fold_step("Éa", 3, &used, buf), 1);
    CU_ASSERT_EQUAL(used, 2);
    CU_ASSERT_EQUAL(buf[0], 'e');
    CU_ASSERT_EQUAL(lexicon_fold_step("œ", 2, &used, buf), 2);
    CU_ASSERT_EQUAL(used, 2);
    CU_ASSERT(memcmp(buf, "oe", 2) == 0);
    CU_ASSERT_EQUAL(lexicon_fold_step("\xe2\x80\x99s", 4, &used, buf), 1);
    CU_ASSERT_EQUAL(used, 3);
    CU_ASSERT_EQUAL(buf[0], '\'');
    /* A truncated sequence: one byte, kept. */
    CU_ASSERT_EQUAL(lexicon_fold_step("\xc3", 1, &used, buf), 1);
    CU_ASSERT_EQUAL(used, 1);
    CU_ASSERT_EQUAL((unsigned char)buf[0], 0xc3);
}

static void test_words_and_attributes(void)
{
    lexicon *lx = load(HEAD "  <relation kind=\"withdrew_from\">\n"
                            "    <trigger lang=\"fr\">  Se   RETIR*\n de </trigger>\n"
                            "    <trigger lang=\"fr\" order=\"trigger-from-to\" confidence=\"low\""
                            " date=\"end\">s’est retiré</trigger>\n"
                            "  </relation>\n"
                            "  <relation kind=\"leads\">\n"
                            "    <trigger lang=\"en\" order=\"to-trigger-from\" "
                            "confidence=\"high\" date=\"start\">led by</trigger>\n"
                            "  </relation>\n" TAIL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(lx);
    CU_ASSERT_EQUAL_FATAL(lexicon_trigger_count(lx), 3);
    const lexicon_trigger *a = lexicon_trigger_at(lx, 0), *b = lexicon_trigger_at(lx, 1),
                          *c = lexicon_trigger_at(lx, 2);
    CU_ASSERT_EQUAL(a->kind, tkg_ontology_relation_kind(onto, "withdrew_from"));
    CU_ASSERT_STRING_EQUAL(a->lang, "fr");
    CU_ASSERT_STRING_EQUAL(a->text, "Se RETIR* de");
    CU_ASSERT_STRING_EQUAL(a->folded, "se retir* de");
    CU_ASSERT_EQUAL(a->order, LEXICON_FROM_TRIGGER_TO);
    CU_ASSERT_EQUAL(a->confidence, LEXICON_MEDIUM);
    CU_ASSERT_EQUAL(a->date_role, LEXICON_DATE);
    CU_ASSERT_EQUAL(a->line, 3);
    CU_ASSERT_EQUAL(a->column, 5);
    CU_ASSERT_EQUAL_FATAL(a->word_count, 3);
    CU_ASSERT(a->words[0].len == 2 && memcmp(a->words[0].text, "se", 2) == 0);
    CU_ASSERT(!a->words[0].prefix);
    CU_ASSERT(a->words[1].len == 5 && memcmp(a->words[1].text, "retir", 5) == 0);
    CU_ASSERT(a->words[1].prefix);
    CU_ASSERT(a->words[2].len == 2 && memcmp(a->words[2].text, "de", 2) == 0);
    CU_ASSERT_STRING_EQUAL(b->folded, "s'est retire");
    CU_ASSERT_EQUAL_FATAL(b->word_count, 3); /* s' est retire */
    CU_ASSERT(b->words[0].len == 2 && memcmp(b->words[0].text, "s'", 2) == 0);
    CU_ASSERT(b->words[1].len == 3 && memcmp(b->words[1].text, "est", 3) == 0);
    CU_ASSERT_EQUAL(b->order, LEXICON_TRIGGER_FROM_TO);
    CU_ASSERT_EQUAL(b->confidence, LEXICON_LOW);
    CU_ASSERT_EQUAL(b->date_role, LEXICON_END);
    CU_ASSERT_EQUAL(c->kind, tkg_ontology_relation_kind(onto, "leads"));
    CU_ASSERT_EQUAL(c->order, LEXICON_TO_TRIGGER_FROM);
    CU_ASSERT_EQUAL(c->confidence, LEXICON_HIGH);
    CU_ASSERT_EQUAL(c->date_role, LEXICON_START);
    lexicon_free(lx);
}

/* The same phrase for two kinds, or for two languages of one kind, is allowed. */
static void test_same_phrase_elsewhere(void)
{
    lexicon *lx = load(HEAD "  <relation kind=\"withdrew_from\">\n"
                            "    <trigger lang=\"fr\">retrait de</trigger>\n"
                            "    <trigger lang=\"en\">retrait de</trigger>\n"
                            "  </relation>\n"
                            "  <relation kind=\"deployed_in\">\n"
                            "    <trigger lang=\"fr\">retrait de</trigger>\n"
                            "  </relation>\n" TAIL);
    CU_ASSERT_PTR_NOT_NULL(lx);
    if (lx)
        CU_ASSERT_EQUAL(lexicon_trigger_count(lx), 3);
    lexicon_free(lx);
}

/* ------------------------------------------------------------ errors */

static void test_errors_ontology(void)
{
    check_error(HEAD "  <relation kind=\"withdrew_frm\">\n    <trigger lang=\"fr\">x</trigger>\n"
                     "  </relation>\n" TAIL,
                2, 3, "unknown relation kind 'withdrew_frm' (did you mean 'withdrew_from'?)");
    check_error(HEAD "  <relation kind=\"zzzzzzzzzzzzzzzzzz\">\n"
                     "    <trigger lang=\"fr\">x</trigger>\n  </relation>\n" TAIL,
                2, 3, "unknown relation kind 'zzzzzzzzzzzzzzzzzz'");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"fr\">a</trigger>\n"
                     "  </relation>\n  <relation kind=\"leads\">\n"
                     "    <trigger lang=\"fr\">b</trigger>\n  </relation>\n" TAIL,
                5, 3, "relation kind 'leads' has a second <relation>: its first is at 2:3");
}

static void test_errors_triggers(void)
{
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"de\">führt</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "unknown language 'de' of trigger 'führt': a lexicon is in fr or en");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"fr\">   </trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "<trigger> is empty");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"fr\">« – »</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "trigger '« – »' has no letter or digit");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"en\">le*</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "trigger 'le*': a '*' may only end a word of at least 3 characters");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"en\">le*ad</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "trigger 'le*ad': a '*' may only end a word of at least 3 characters");
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger lang=\"fr\">dirigé par</trigger>\n"
                     "    <trigger lang=\"en\">dirige par</trigger>\n"
                     "    <trigger lang=\"fr\">DIRIGE  par</trigger>\n  </relation>\n" TAIL,
                5, 5,
                "duplicate trigger 'DIRIGE par' (fr) of relation kind 'leads': the same as "
                "'dirigé par' at 3:5");
}

static void test_errors_schema(void)
{
    check_error(HEAD "  <relation kind=\"leads\">\n    <trigger>x</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 5, "<trigger> needs the attribute 'lang'");
    check_error(HEAD "  <relation kind=\"leads\">\n"
                     "    <trigger lang=\"fr\" order=\"before\">x</trigger>\n"
                     "  </relation>\n" TAIL,
                3, 24,
                "invalid value 'before' for attribute 'order' of <trigger>: expected one of "
                "from-trigger-to, to-trigger-from, trigger-from-to, trigger-to-from");
    check_error(HEAD "  <relation kind=\"leads\">\n  </relation>\n" TAIL, 2, 3,
                "<relation> is missing a child element (expected <trigger>)");
    check_error("<?xml version=\"1.0\"?>\n<!DOCTYPE lexicon [<!ENTITY e \"x\">]>\n" HEAD TAIL, 2, 1,
                "a DOCTYPE is not allowed (no DTD, no entity declarations): remove the "
                "<!DOCTYPE> declaration");
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"default lexicon matches schema/lexicon.xml", test_default_matches_file},
        {"default lexicon covers every relation kind in fr and en", test_default_covers_ontology},
        {"folding: case, accents, ligatures, spaces, apostrophes", test_fold},
        {"folding one character", test_fold_step},
        {"words and attributes", test_words_and_attributes},
        {"a phrase for another kind or language", test_same_phrase_elsewhere},
        {"error: against the ontology", test_errors_ontology},
        {"error: triggers", test_errors_triggers},
        {"error: schema and hostile XML", test_errors_schema},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("lexicon", setup, teardown);
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
