/* Unit tests for src/lib/extract.c and extract_write.c: the language guess, the option
 * checks, and the draft built and written from drafts made by hand (so that merging, order,
 * escaping and validity are tested whatever the drafting finds): read back by tkg's own
 * XML reader, with verbatim citations. */
#include "extract.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void guess(const char *text, const char *want, size_t want_fr, size_t want_en)
{
    size_t fr = 99, en = 99;
    const char *got = extract_guess_lang(text, strlen(text), &fr, &en);
    CU_ASSERT(want ? got && strcmp(got, want) == 0 : got == NULL);
    CU_ASSERT_EQUAL(fr, want_fr);
    CU_ASSERT_EQUAL(en, want_en);
}

static void test_guess(void)
{
    guess("Le Mali et la Cédéao.", "fr", 3, 0);
    guess("The withdrawal of Mali was announced, and THE bloc said that it is final.", "en", 0, 7);
    /* Whole words only: "theatre", "lesson", "Tolède" are no function words; nor is a word
     * after an apostrophe ("l'est", "d’une"), nor "des" inside "dès". */
    guess("theatre lesson Tolède l'est d’une dès", NULL, 0, 0);
    guess("le the", NULL, 1, 1);
    guess("", NULL, 0, 0);
    guess("2024 2025 — 12 000.", NULL, 0, 0);
}

static void test_ident(void)
{
    CU_ASSERT(extract_is_ident("rfi-2024-11-15"));
    CU_ASSERT(extract_is_ident("_a.b:c"));
    CU_ASSERT(extract_is_ident("9"));
    CU_ASSERT_FALSE(extract_is_ident(""));
    CU_ASSERT_FALSE(extract_is_ident("-a"));
    CU_ASSERT_FALSE(extract_is_ident(".a"));
    CU_ASSERT_FALSE(extract_is_ident("a b"));
    CU_ASSERT_FALSE(extract_is_ident("é"));
    char long_id[202];
    memset(long_id, 'a', 201);
    long_id[201] = '\0';
    CU_ASSERT_FALSE(extract_is_ident(long_id));
    long_id[200] = '\0';
    CU_ASSERT(extract_is_ident(long_id));
}

static void refused(tkg_extract_options o, const char *message)
{
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_extract_check_options(&o, &err), TKG_EUSAGE);
    CU_ASSERT_STRING_EQUAL(err.message, message);
}

static void test_options(void)
{
    tkg_extract_options ok = {.source_id = "s", .published = "2024-11-15"};
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_extract_check_options(&ok, &err), TKG_OK);
    tkg_extract_options o = ok;
    o.url = "https://example.org/a?b=1&c=2";
    o.lang = "en";
    CU_ASSERT_EQUAL(tkg_extract_check_options(&o, &err), TKG_OK);
    o = ok, o.source_id = NULL;
    refused(o, "--source-id is required: the id of the article's source in the draft");
    o = ok, o.published = NULL;
    refused(o, "--published is required: the article's date, YYYY-MM-DD");
    o = ok, o.published = "2024";
    refused(o, "--published: '2024' is not a date of the form YYYY-MM-DD");
    o = ok, o.lang = "FR";
    refused(o, "unknown language 'FR' (fr or en)");
    o = ok, o.url = "ftp://example.org/";
    refused(o, "--url: 'ftp://example.org/' is not an http or https address");
    o = ok, o.url = "https://";
    refused(o, "--url: 'https://' is not an http or https address");
    o = ok, o.format = (tkg_extract_format)7;
    refused(o, "unknown draft format");
}

/* ------------------------------------------------------------ the draft */

/* Three sentences (the second with XML's special characters and a carriage return), then a
 * fourth. Offsets by hand below. */
static const char text[] = "Mali left ECOWAS in 2024.\n"             /* [0, 25) */
                           "Mali & <ECOWAS> \"split\"\r\n said Y.\n" /* [26, 59) */
                           "Mali withdrew from ECOWAS in 2024.\n"    /* [60, 94) */
                           "Mali left ECOWAS in 2023.\n";            /* [95, 120) */

static tkg_store *graph;

static int setup(void)
{
    static const char xml[] = "<tkg xmlns=\"urn:tkg:1\"><entity id=\"ecowas\" "
                              "kind=\"organization\" label=\"Cédéao\"/></tkg>";
    tkg_error err;
    tkg_error_clear(&err);
    return tkg_store_new(&graph, NULL, &err) != TKG_OK ||
           tkg_read_xml_buffer(graph, xml, sizeof xml - 1, "graph.xml", &err) != TKG_OK ||
           tkg_store_finish(graph, &err) != TKG_OK;
}

static int teardown(void)
{
    tkg_store_free(graph);
    return 0;
}

static tkg_date date(const char *s)
{
    tkg_date d;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, s, strlen(s), &err), TKG_OK);
    return d;
}

/* The run of `text`, built by hand: mentions of Mali (a proposed state) and ECOWAS (the
 * graph's) in each sentence, and the drafts. */
static void build(extract_run *r, extract_span *sentences, extract_mention *mentions,
                  extract_draft *drafts, size_t *draft_count, lexicon_trigger *triggers)
{
    static const size_t spans[][2] = {{0, 25}, {26, 59}, {60, 94}, {95, 120}};
    for (size_t i = 0; i < 4; i++)
        sentences[i] = (extract_span){spans[i][0], spans[i][1]};
    /* Mali and ECOWAS in each sentence. */
    static const size_t at[][2] = {{0, 4},   {10, 16}, {26, 30}, {34, 40},
                                   {60, 64}, {79, 85}, {95, 99}, {105, 111}};
    for (size_t i = 0; i < 8; i++)
        mentions[i] = (extract_mention){.start = at[i][0],
                                        .end = at[i][1],
                                        .id = i % 2 ? "ecowas" : "mali",
                                        .kind = i % 2 ? "organization" : "state",
                                        .proposed = i % 2 == 0};
    *r = (extract_run){.text = (char *)text,
                       .len = sizeof text - 1,
                       .lang = "en",
                       .published = date("2024-11-15"),
                       .graph = graph,
                       .ontology = tkg_store_ontology(graph),
                       .sentences = sentences,
                       .sentence_count = 4,
                       .mentions = mentions,
                       .mention_count = 8};
    uint32_t withdrew = tkg_ontology_relation_kind(r->ontology, "withdrew_from");
    uint32_t member = tkg_ontology_relation_kind(r->ontology, "member_of");
    CU_ASSERT_FATAL(withdrew != TKG_NO_KIND && member != TKG_NO_KIND);
    triggers[0] = (lexicon_trigger){.kind = withdrew, .lang = "en", .text = "left"};
    triggers[1] = (lexicon_trigger){.kind = withdrew, .lang = "en", .text = "withdr* from"};
    triggers[2] = (lexicon_trigger){.kind = member, .lang = "en", .text = "& <x>"};
    tkg_date y2024 = date("2024"), y2023 = date("2023"), none = {0};
    size_t n = 0;
    /* Sentence 0: withdrew_from 2024, low. */
    drafts[n++] = (extract_draft){withdrew, 0,    1,    0,     5,   9,       &triggers[0],
                                  y2024,    none, none, false, 0.4, "rule A"};
    /* Sentence 1: member_of with no date; twice (two triggers), one citation. */
    drafts[n++] = (extract_draft){
        member, 2, 3, 1, 31, 33, &triggers[2], none, y2023, none, false, 0.5, "rule <B> & \"C\""};
    drafts[n++] = (extract_draft){
        member, 2, 3, 1, 31, 33, &triggers[2], none, y2023, none, false, 0.5, "rule <B> & \"C\""};
    /* An end before its start: left out. */
    drafts[n++] = (extract_draft){member, 2,     3,     1,     31,  33,      &triggers[2],
                                  none,   y2024, y2023, false, 0.5, "rule D"};
    /* Sentence 2: the relation of sentence 0 again, more sure: one relation, two citations. */
    drafts[n++] = (extract_draft){withdrew, 4,    5,    2,     65,  78,      &triggers[1],
                                  y2024,    none, none, false, 0.9, "rule E"};
    /* Sentence 3: the same kind and ends, another date: another relation. */
    drafts[n++] = (extract_draft){withdrew, 6,    7,    3,     100, 104,     &triggers[0],
                                  y2023,    none, none, false, 0.4, "rule A"};
    r->drafts = drafts;
    r->draft_count = n;
    *draft_count = n;
}

static void test_draft_set(void)
{
    extract_run r;
    extract_span sentences[4];
    extract_mention mentions[8];
    extract_draft drafts[8];
    lexicon_trigger triggers[3];
    size_t n;
    build(&r, sentences, mentions, drafts, &n, triggers);
    extract_draft_set d;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(extract_draft_set_build(&d, &r, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(d.entity_count, 2);
    CU_ASSERT_STRING_EQUAL(d.entities[0].id, "mali");
    CU_ASSERT(d.entities[0].proposed && d.entities[0].row == TKG_NO_ENTITY);
    CU_ASSERT_STRING_EQUAL(d.entities[1].id, "ecowas");
    CU_ASSERT(!d.entities[1].proposed && d.entities[1].row == 0);
    CU_ASSERT(d.entities[0].sentence == 0 && d.entities[1].sentence == 0);
    CU_ASSERT_EQUAL_FATAL(d.relation_count, 3);
    /* In the order of first sentences; the merged one keeps its most sure draft. */
    CU_ASSERT_EQUAL(d.relations[0].best, 4);
    CU_ASSERT_EQUAL(d.relations[0].sentence_count, 2);
    CU_ASSERT(d.relations[0].sentences[0] == 0 && d.relations[0].sentences[1] == 2);
    CU_ASSERT_EQUAL(d.relations[1].best, 1);
    CU_ASSERT_EQUAL(d.relations[1].sentence_count, 1);
    CU_ASSERT_EQUAL(d.relations[2].best, 5);
    CU_ASSERT_EQUAL(d.relations[2].sentence_count, 1);
    extract_draft_set_free(&d);
}

/* The written draft, read back by tkg's XML reader. */
static void test_write_xml(void)
{
    extract_run r;
    extract_span sentences[4];
    extract_mention mentions[8];
    extract_draft drafts[8];
    lexicon_trigger triggers[3];
    size_t n;
    build(&r, sentences, mentions, drafts, &n, triggers);
    extract_draft_set d;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(extract_draft_set_build(&d, &r, &err), TKG_OK);
    tkg_extract_options opt = {.source_id = "wire-1",
                               .published = "2024-11-15",
                               .title = "A & B <\"C\">",
                               .url = "https://example.org/?a=1&b=2"};
    tkg_sink *out;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_write_xml(out, &r, &d, &opt, &err), TKG_OK);
    size_t len;
    const char *xml = tkg_sink_data(out, &len);
    /* Alone, and with the graph. */
    for (int with_graph = 0; with_graph < 2; with_graph++) {
        tkg_store *s;
        CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
        static const char g[] = "<tkg xmlns=\"urn:tkg:1\"><entity id=\"ecowas\" "
                                "kind=\"organization\" label=\"Cédéao\"/></tkg>";
        if (with_graph)
            CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, g, sizeof g - 1, "graph.xml", &err), TKG_OK);
        CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, xml, len, "draft.xml", &err), TKG_OK);
        CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_OK);
        if (err.code)
            printf("\n%s:%d:%d: %s\n%.*s\n", err.source, err.line, err.column, err.message,
                   (int)len, xml);
        CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
        CU_ASSERT_EQUAL(tkg_store_source_count(s), 1);
        CU_ASSERT_STRING_EQUAL(tkg_source_title(s, 0), "A & B <\"C\">");
        CU_ASSERT_STRING_EQUAL(tkg_source_url(s, 0), "https://example.org/?a=1&b=2");
        CU_ASSERT_STRING_EQUAL(tkg_source_lang(s, 0), "en");
        uint32_t mali = tkg_store_find_entity(s, "mali");
        CU_ASSERT_FATAL(mali != TKG_NO_ENTITY);
        CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, NULL), "Mali");
        CU_ASSERT_EQUAL(tkg_entity_attr_count(s, mali), 1);
        CU_ASSERT_STRING_EQUAL(tkg_entity_attr(s, mali, 0).key, "draft_proposed");
        CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, mali, 0).quote, "Mali left ECOWAS in 2024.");
        CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 3);
        /* The merged relation: two citations, verbatim; the most sure draft's attributes. */
        CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 2);
        CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 0).quote, "Mali left ECOWAS in 2024.");
        CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 1).quote,
                               "Mali withdrew from ECOWAS in 2024.");
        CU_ASSERT_EQUAL_FATAL(tkg_relation_attr_count(s, 0), 3);
        CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 0, 0).key, "draft_confidence");
        CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 0, 0).value, "0.9");
        CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 0, 1).value, "withdr* from");
        CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 0, 2).value, "rule E");
        /* XML's special characters and a carriage return, read back as they were. */
        CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 1, 0).quote,
                               "Mali & <ECOWAS> \"split\"\r\n said Y.");
        CU_ASSERT_STRING_EQUAL(tkg_relation_attr(s, 1, 2).value, "rule <B> & \"C\"");
        CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2023");
        CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 2), 1);
        tkg_store_free(s);
    }
    tkg_sink_free(out);
    extract_draft_set_free(&d);
}

static void test_write_tsv(void)
{
    extract_run r;
    extract_span sentences[4];
    extract_mention mentions[8];
    extract_draft drafts[8];
    lexicon_trigger triggers[3];
    size_t n;
    build(&r, sentences, mentions, drafts, &n, triggers);
    extract_draft_set d;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(extract_draft_set_build(&d, &r, &err), TKG_OK);
    tkg_sink *out;
    CU_ASSERT_EQUAL_FATAL(tkg_sink_open_memory(&out, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_write_tsv(out, &r, &d, &err), TKG_OK);
    size_t len;
    const char *tsv = tkg_sink_data(out, &len);
    static const char want[] =
        "confidence\tkind\tfrom\tto\tdate\tstart\tend\ttrigger\trule\tsentence\tfrom_label\t"
        "to_label\tfrom_proposed\tto_proposed\tsupport\tsentence_start\tsentence_end\tknown\n"
        "0.9\twithdrew_from\tmali\tecowas\t2024\t\t\twithdr* from\trule E\t"
        "Mali left ECOWAS in 2024.\tMali\tCédéao\ttrue\tfalse\t2\t0\t25\tfalse\n"
        "0.5\tmember_of\tmali\tecowas\t\t2023\t\t& <x>\trule <B> & \"C\"\t"
        "Mali & <ECOWAS> \"split\"   said Y.\tMali\tCédéao\ttrue\tfalse\t1\t26\t59\tfalse\n"
        "0.4\twithdrew_from\tmali\tecowas\t2023\t\t\tleft\trule A\t"
        "Mali left ECOWAS in 2023.\tMali\tCédéao\ttrue\tfalse\t1\t95\t120\tfalse\n";
    CU_ASSERT_EQUAL(len, sizeof want - 1);
    CU_ASSERT(len == sizeof want - 1 && memcmp(tsv, want, len) == 0);
    if (len != sizeof want - 1 || memcmp(tsv, want, len) != 0)
        printf("\n%.*s\n", (int)len, tsv);
    tkg_sink_free(out);
    extract_draft_set_free(&d);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"the language guess", test_guess},
        {"ids", test_ident},
        {"the options", test_options},
        {"entities and merged relations", test_draft_set},
        {"the draft in TKG-XML, read back", test_write_xml},
        {"the draft in TSV", test_write_tsv},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract", setup, teardown);
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
