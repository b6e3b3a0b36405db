/* Unit tests for src/lib/extract_actors.c: the gazetteer on the seed article with
 * graphs/sahel.xml as the store, folding, elisions and contractions, acronyms, overlaps,
 * English text, the bundled states. */
#include "extract_actors.h"
#include "extract_text.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tkg_store *sahel;              /* graphs/sahel.xml */
static extract_gazetteer *with_store; /* sahel and the states */
static extract_gazetteer *states;     /* the states alone */

static int setup(void)
{
    tkg_error err;
    tkg_error_clear(&err);
    const char *dir = getenv("TKG_SOURCE_DIR");
    char path[1024];
    if (!dir)
        return 1;
    snprintf(path, sizeof path, "%s/graphs/sahel.xml", dir);
    if (tkg_store_new(&sahel, NULL, &err) != TKG_OK ||
        tkg_read_xml_file(sahel, path, &err) != TKG_OK || tkg_store_finish(sahel, &err) != TKG_OK)
        return 1;
    if (extract_gazetteer_new(&with_store, sahel, true, &err) != TKG_OK)
        return 1;
    return extract_gazetteer_new(&states, NULL, true, &err) != TKG_OK;
}

static int teardown(void)
{
    extract_gazetteer_free(with_store);
    extract_gazetteer_free(states);
    tkg_store_free(sahel);
    return 0;
}

/* The mentions of `text`, as "WORDS=ID" joined by " | " (`proposed` ids marked "+ID/KIND",
 * nested mentions "^WORDS=ID"). */
static void mentions(const extract_gazetteer *g, const char *text, char *out, size_t size)
{
    tkg_error err;
    tkg_error_clear(&err);
    extract_mention *m = NULL;
    size_t n = 0;
    out[0] = '\0';
    CU_ASSERT_EQUAL_FATAL(extract_actors(g, text, strlen(text), &m, &n, &err), TKG_OK);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT(m[i].start < m[i].end && m[i].end <= strlen(text));
        /* Outermost mentions never overlap; a nested one lies in the mention before it that
         * holds it (the nearest such), after it in text order. */
        if (!m[i].nested) {
            for (size_t j = 0; j < i; j++)
                CU_ASSERT(m[j].end <= m[i].start);
        } else {
            bool held = false;
            for (size_t j = i; j-- > 0 && !held;)
                held = !m[j].proposed && m[j].start < m[i].start && m[i].end <= m[j].end;
            CU_ASSERT(held && !m[i].proposed);
        }
        int k = snprintf(out + used, size - used, "%s%s%.*s=%s%s%s%s", i ? " | " : "",
                         m[i].nested ? "^" : "", (int)(m[i].end - m[i].start), text + m[i].start,
                         m[i].proposed ? "+" : "", m[i].id, m[i].proposed ? "/" : "",
                         m[i].proposed ? m[i].kind : "");
        if (k > 0 && (size_t)k < size - used)
            used += (size_t)k;
    }
    free(m);
}

static void expect(const extract_gazetteer *g, const char *text, const char *want)
{
    char got[4096];
    mentions(g, text, got, sizeof got);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  text: %s\n  got:  %s\n  want: %s\n", text, got, want);
    CU_ASSERT_STRING_EQUAL(got, want);
}

static void test_folding(void)
{
    expect(with_store, "la Cédéao, la CEDEAO, la cedeao, la CÉDÉAO",
           "Cédéao=ecowas | CEDEAO=ecowas | cedeao=ecowas | CÉDÉAO=ecowas");
    expect(with_store, "l'ONU, l’ONU, d’ONU", "ONU=un | ONU=un | ONU=un");
    expect(with_store, "du Mali, au Niger, aux États-Unis, des Etats-Unis, en Burkina-Faso",
           "Mali=mali | Niger=niger | États-Unis=+united-states/state | "
           "Etats-Unis=+united-states/state | Burkina-Faso=burkina-faso");
    /* An apostrophe is an apostrophe whatever its code point; white space runs are one. */
    expect(with_store, "en Côte d’Ivoire et au\n  Tchad",
           "Côte d’Ivoire=+cote-d-ivoire/state | Tchad=+chad/state");
    /* Words, not parts of words; "un" is an article, not the UN. */
    expect(with_store, "la mission onusienne, un malien, Un soldat, Malienne", "");
    expect(with_store, "Assimi Goita et ASSIMI GOÏTA",
           "Assimi Goita=assimi-goita | ASSIMI GOÏTA=assimi-goita");
}

static void test_overlaps(void)
{
    /* The longest name is the mention; a store entity's name inside a store entity's name,
     * after a preposition of the name, is a nested mention. */
    expect(with_store, "le Conseil de sécurité de l’ONU et l’ONU",
           "Conseil de sécurité de l’ONU=unsc | ^ONU=un | ONU=un");
    expect(with_store,
           "la Mission multidimensionnelle intégrée des Nations unies pour la "
           "stabilisation au Mali",
           "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au "
           "Mali=minusma | ^Mali=mali");
    expect(with_store, "le camp de la MINUSMA à Bamako",
           "camp de la MINUSMA à Bamako=camp-bamako | ^MINUSMA=minusma | ^Bamako=bamako");
    /* Not without a preposition before it, not inside a bundled state's name, not a bundled
     * state inside a name ("République démocratique du Congo" names no Congo). */
    expect(with_store, "la République démocratique du Congo et la République du Congo",
           "République démocratique du Congo=+democratic-republic-of-the-congo/state | "
           "République du Congo=+congo/state");
    /* A capital I typed for the l of an elision ("de I’ONU") is read as "l’". */
    expect(with_store, "la résolution du Conseil de sécurité de I’ONU, I'm sure",
           "Conseil de sécurité de I’ONU=unsc | ^ONU=un");
    expect(with_store, "the Alliance des États du Sahel (AES) and the aes",
           "Alliance des États du Sahel=aes | AES=aes");
}

/* After a person's full name, its last word (capitalised, 4 letters or more) names the
 * person for the rest of the article; not before it, not in lower case, not inside a word. */
static void test_surnames(void)
{
    expect(with_store,
           "Goïta parle. Assimi Goïta a dit que Goïta, goïta et Goïtaville, puis GOITA.",
           "Assimi Goïta=assimi-goita | Goïta=assimi-goita | GOITA=assimi-goita");
    /* a state's or an organisation's last word is no surname */
    expect(with_store, "la Mission des Nations unies au Mali. Mali, Unies.",
           "Mali=mali | Mali=mali");
}

static void test_english(void)
{
    expect(with_store,
           "The UN Security Council met in Bamako. The United Nations Security Council, the "
           "UNSC and ECOWAS said the United States of America and France agreed.",
           "UN=un | Bamako=bamako | United Nations Security Council=unsc | UNSC=unsc | "
           "ECOWAS=ecowas | United States of America=+united-states/state | France=france");
}

static void test_states_alone(void)
{
    /* Without a store, Mali is a proposed state; offsets are bytes of the UTF-8 text. */
    const char *text = "À Bamako, le Mali et la République du Niger.";
    expect(states, text, "Mali=+mali/state | République du Niger=+niger/state");
    tkg_error err;
    extract_mention *m = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(extract_actors(states, text, strlen(text), &m, &n, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(m[0].start, (size_t)(strstr(text, "Mali") - text));
    CU_ASSERT_EQUAL(m[0].end, m[0].start + 4);
    CU_ASSERT_EQUAL(m[1].end, strlen(text) - 1);
    free(m);
    CU_ASSERT(extract_gazetteer_size(states) > 500);
    /* Empty text, empty gazetteer. */
    extract_gazetteer *none = NULL;
    CU_ASSERT_EQUAL_FATAL(extract_gazetteer_new(&none, NULL, false, &err), TKG_OK);
    CU_ASSERT_EQUAL(extract_gazetteer_size(none), 0);
    expect(none, "Mali", "");
    expect(states, "", "");
    extract_gazetteer_free(none);
}

/* A name that starts with an article matches without it: "du Caire", "au Caire". */
static void test_articles(void)
{
    static const char xml[] = "<tkg xmlns=\"urn:tkg:1\"><entity id=\"le-caire\" kind=\"city\" "
                              "label=\"Le Caire\"/><entity id=\"hague\" kind=\"city\" "
                              "label=\"The Hague\"/></tkg>";
    tkg_error err;
    tkg_error_clear(&err);
    tkg_store *s = NULL;
    extract_gazetteer *g = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, xml, sizeof xml - 1, "t.xml", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_gazetteer_new(&g, s, false, &err), TKG_OK);
    tkg_store_free(s); /* the gazetteer keeps copies */
    expect(g, "Le Caire, du Caire, in The Hague, to Hague",
           "Le Caire=le-caire | Caire=le-caire | The Hague=hague | Hague=hague");
    extract_gazetteer_free(g);
}

/* A name without a letter is never matched: quadruple files give literal values ("2200",
 * "15") as entities, and they would take the article's numbers and days. */
static void test_numbers(void)
{
    static const char xml[] = "<tkg xmlns=\"urn:tkg:1\"><entity id=\"q1\" kind=\"entity\" "
                              "label=\"2200\"/><entity id=\"q2\" kind=\"entity\" label=\"15\">"
                              "<name lang=\"fr\">1 500</name></entity><entity id=\"mali\" "
                              "kind=\"state\" label=\"Mali\"/></tkg>";
    tkg_error err;
    tkg_error_clear(&err);
    tkg_store *s = NULL;
    extract_gazetteer *g = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, xml, sizeof xml - 1, "t.xml", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_gazetteer_new(&g, s, false, &err), TKG_OK);
    tkg_store_free(s);
    expect(g, "Le 15 mai, le Mali comptait 2200 soldats et 1 500 civils.", "Mali=mali");
    extract_gazetteer_free(g);
}

/* A gazetteer of the store read from `xml` (and the bundled states if `with_states`). */
static extract_gazetteer *gazetteer_of(const char *xml, bool with_states)
{
    tkg_error err;
    tkg_error_clear(&err);
    tkg_store *s = NULL;
    extract_gazetteer *g = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, xml, strlen(xml), "t.xml", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_gazetteer_new(&g, s, with_states, &err), TKG_OK);
    tkg_store_free(s);
    return g;
}

/* A name that begins a longer one: the longest that ends on a word end wins, else the shorter
 * ("Nigerian" names neither Niger nor Nigeria, "Congo-Brazzavilles" is "Congo" and a word). */
static void test_prefixes(void)
{
    extract_gazetteer *g = gazetteer_of(
        "<tkg xmlns=\"urn:tkg:1\"><entity id=\"nigeria\" kind=\"state\" label=\"Nigeria\"/>"
        "<entity id=\"niger\" kind=\"state\" label=\"Niger\"/>"
        "<entity id=\"congo\" kind=\"state\" label=\"Congo\"/>"
        "<entity id=\"congo-b\" kind=\"city\" label=\"Congo-Brazzaville\"/>"
        "<entity id=\"rdc\" kind=\"state\" label=\"Congo démocratique\"/></tkg>",
        false);
    expect(g, "Niger, Nigeria, Nigerian, NIGERIA, Nigé",
           "Niger=niger | Nigeria=nigeria | NIGERIA=nigeria");
    expect(g, "Congo-Brazzaville, Congo Brazzaville, Congo-Brazza, Congo-Brazzavilles, Congo",
           "Congo-Brazzaville=congo-b | Congo Brazzaville=congo-b | Congo=congo | "
           "Congo=congo | Congo=congo");
    expect(g, "le Congo démocratique, le Congo démocrate", "Congo démocratique=rdc | Congo=congo");
    extract_gazetteer_free(g);
}

/* Equal spellings: the store's entity before a bundled state, the first entity of the store
 * before later ones, whatever their ids. */
static void test_precedence(void)
{
    extract_gazetteer *g = gazetteer_of(
        "<tkg xmlns=\"urn:tkg:1\"><entity id=\"zz-river\" kind=\"place\" label=\"Niger\"/>"
        "<entity id=\"aa-state\" kind=\"state\" label=\"Niger\"/>"
        "<entity id=\"republic\" kind=\"state\" label=\"Mali\">"
        "<name lang=\"fr\">Nigeria</name></entity></tkg>",
        true);
    expect(g, "le Niger, le Mali, le Nigeria, le Tchad",
           "Niger=zz-river | Mali=republic | Nigeria=republic | Tchad=+chad/state");
    extract_gazetteer_free(g);
    g = gazetteer_of("<tkg xmlns=\"urn:tkg:1\"><entity id=\"aa-state\" kind=\"state\" "
                     "label=\"Niger\"/><entity id=\"zz-river\" kind=\"place\" "
                     "label=\"Niger\"/></tkg>",
                     false);
    expect(g, "le Niger", "Niger=aa-state");
    extract_gazetteer_free(g);
}

/* The seed article: the actors of graphs/sahel.xml it names, where it names them. */
static void test_seed_article(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/extract/minusma-2024-11-15.fr.txt", dir);
    tkg_error err;
    tkg_error_clear(&err);
    char *text = NULL;
    size_t len = 0;
    CU_ASSERT_EQUAL_FATAL(extract_text_file(path, EXTRACT_AUTO, 0, &text, &len, &err), TKG_OK);
    /* Its first two lines, then mentions counted over the whole article. */
    char *second = strchr(strchr(text, '\n') + 1, '\n');
    *second = '\0';
    expect(with_store, text,
           "Mali=mali | MINUSMA=minusma | ONU=un | camp de la MINUSMA à Bamako=camp-bamako | "
           "^MINUSMA=minusma | ^Bamako=bamako | "
           "Mali=mali | Gao=gao | Tombouctou=tombouctou");
    *second = '\n';
    extract_mention *m = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(extract_actors(with_store, text, len, &m, &n, &err), TKG_OK);
    static const struct {
        const char *id;
        size_t times; /* counted by hand in the article */
    } want[] = {/* nested mentions included: "MINUSMA" and "Bamako" in the camp's name, the three
                 * "ONU" in the Security Council's (one written "I’ONU", a typo) */
                {"mali", 6},          {"minusma", 4},     {"un", 4},
                {"unsc", 3},          {"ecowas", 2},      {"bamako", 3},
                {"niamey", 1},        {"ouagadougou", 1}, {"assimi-goita", 1},
                {"france", 1},        {"aes", 2},         {"gao", 1},
                {"tombouctou", 1},    {"camp-bamako", 1}, {"unsc-res-2690", 1},
                {"unsc-res-2100", 1}, {"coup-2021-05", 1}};
    size_t total = 0;
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        size_t times = 0;
        for (size_t i = 0; i < n; i++)
            times += strcmp(m[i].id, want[w].id) == 0;
        if (times != want[w].times)
            fprintf(stderr, "\n  %s: %zu mentions, want %zu\n", want[w].id, times, want[w].times);
        CU_ASSERT_EQUAL(times, want[w].times);
        total += times;
    }
    CU_ASSERT_EQUAL(n, total); /* and nothing else */
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_FALSE(m[i].proposed); /* every actor of the article is in the store */
    free(m);
    free(text);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"case, accents, elisions, contractions, acronyms", test_folding},
        {"longest match first", test_overlaps},
        {"English text", test_english},
        {"a person's surname after the full name", test_surnames},
        {"the bundled states alone, byte offsets", test_states_alone},
        {"names with an article", test_articles},
        {"names without a letter", test_numbers},
        {"a name that begins a longer one", test_prefixes},
        {"equal spellings: the first given wins", test_precedence},
        {"the seed article with graphs/sahel.xml", test_seed_article},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract_actors", setup, teardown);
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
