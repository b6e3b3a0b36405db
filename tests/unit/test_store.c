/* Unit tests for the store (src/lib/store*.c) through the public API, filled from small
 * in-memory TKG-XML and TSV documents: merging inputs, identity of relations, the checks
 * that need every input, getters in input order, adjacency, lifespans, date policies and
 * the error cap. Positions and day numbers are computed by hand. */
#include "tkg.h"

#include "store.h" /* store_reserve, store_add_relation_hashed: what bulk readers use */

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Every problem the store reports, in order. */
#define LOOSE_HINT " (use --loose-kinds to load it anyway)"

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

static tkg_store *new_store(reports *r, tkg_policy policy, unsigned max_errors)
{
    tkg_store_options opt = {.policy = policy, .max_errors = max_errors};
    if (r) {
        memset(r, 0, sizeof *r);
        opt.report = on_report;
        opt.report_ctx = r;
    }
    tkg_store *s = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, &err), TKG_OK);
    return s;
}

#define DOC(body) "<tkg xmlns=\"urn:tkg:1\">\n" body "</tkg>\n"

/* Reads a TKG-XML document from a string; returns the reader's code. */
static int read_xml(tkg_store *s, const char *name, const char *doc)
{
    tkg_error err;
    tkg_error_clear(&err);
    return tkg_read_xml_buffer(s, doc, strlen(doc), name, &err);
}

/* Reads a document that must be accepted. */
static void accept_xml(tkg_store *s, const char *name, const char *doc)
{
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_read_xml_buffer(s, doc, strlen(doc), name, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
    CU_ASSERT_EQUAL(rc, TKG_OK);
}

static void accept_tsv(tkg_store *s, const char *name, const char *doc)
{
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_read_tsv_buffer(s, doc, strlen(doc), name, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
    CU_ASSERT_EQUAL(rc, TKG_OK);
}

static void finish_ok(tkg_store *s)
{
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_store_finish(s, &err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s:%d:%d: %s\n", err.source, err.line, err.column, err.message);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
}

/* Checks report `i`: an input error at source:line:column with this message. */
static void check_report(const reports *r, unsigned i, const char *source, int line, int column,
                         const char *message)
{
    CU_ASSERT_FATAL(i < r->n);
    const tkg_error *e = &r->e[i];
    bool ok = e->code == TKG_EINPUT && strcmp(e->source, source) == 0 && e->line == line &&
              e->column == column && strcmp(e->message, message) == 0;
    CU_ASSERT_TRUE(ok);
    if (!ok)
        fprintf(stderr, "\n  report %u: want %s:%d:%d: %s\n            got %s:%d:%d: %s (%d)\n", i,
                source, line, column, message, e->source, e->line, e->column, e->message, e->code);
}

static uint32_t entity(const tkg_store *s, const char *id)
{
    uint32_t e = tkg_store_find_entity(s, id);
    CU_ASSERT_NOT_EQUAL_FATAL(e, TKG_NO_ENTITY);
    return e;
}

static int32_t day(int y, int m, int d)
{
    return tkg_day_from_civil(y, m, d);
}

/* ------------------------------------------------------------ merging entities */

static void test_merge_entity(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali\">"
                   "<name lang=\"fr\">Mali</name></entity>\n"));
    accept_xml(s, "b.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Republic of Mali\" "
                   "wikidata=\"Q912\" start=\"1960-09-22\">"
                   "<name lang=\"en\">Republic of Mali</name><alias>ML</alias></entity>\n"));
    accept_xml(s, "c.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali 3\" wikidata=\"Q1\" "
                   "start=\"1950\"/>\n"));
    finish_ok(s);

    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 1);
    uint32_t mali = entity(s, "mali");
    /* The first label and external id win; a lifespan fills a gap once. */
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, NULL), "Mali");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, "en"), "Republic of Mali");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, "fr"), "Mali");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, mali, "de"), "Mali");
    CU_ASSERT_STRING_EQUAL(tkg_entity_external_id(s, mali), "Q912");
    tkg_interval life = tkg_entity_lifespan(s, mali);
    CU_ASSERT_EQUAL(life.start, day(1960, 9, 22));
    CU_ASSERT_EQUAL(life.end_excl, TKG_DAY_MAX);
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, mali).raw, "1960-09-22");
    CU_ASSERT_EQUAL(tkg_entity_start(s, mali).precision, TKG_PREC_DAY);
    CU_ASSERT_PTR_NULL(tkg_entity_end(s, mali).raw);

    /* Names from every input, in input order. */
    CU_ASSERT_EQUAL_FATAL(tkg_entity_name_count(s, mali), 3);
    tkg_name n = tkg_entity_name(s, mali, 0);
    CU_ASSERT(strcmp(n.lang, "fr") == 0 && strcmp(n.text, "Mali") == 0 && !n.alias);
    n = tkg_entity_name(s, mali, 1);
    CU_ASSERT(strcmp(n.lang, "en") == 0 && strcmp(n.text, "Republic of Mali") == 0 && !n.alias);
    n = tkg_entity_name(s, mali, 2);
    CU_ASSERT(n.lang == NULL && strcmp(n.text, "ML") == 0 && n.alias);
    tkg_store_free(s);
}

static void test_conflicting_kinds(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml", DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"));
    CU_ASSERT_EQUAL(read_xml(s, "b.xml",
                             DOC("  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
                                 "  <entity id=\"mali\" kind=\"organization\" label=\"Mali\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "b.xml", 3, 3,
                 "entity 'mali' is a 'organization' here but a 'state' at a.xml:2:3");
    CU_ASSERT_EQUAL(tkg_store_error_count(s), 1);

    /* The error returned is the first one, and the store refuses to finish. */
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    tkg_store_free(s);
}

static void test_duplicate_ids_in_one_input(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    tkg_error err;
    tkg_error_clear(&err);
    const char *doc = DOC("  <source id=\"rfi\"/>\n"
                          "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
                          "  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
                          "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
                          "  <source id=\"rfi\"/>\n");
    CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, doc, strlen(doc), "dup.xml", &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 2);
    check_report(&r, 0, "dup.xml", 5, 3, "duplicate entity id 'mali' (first defined at line 3)");
    check_report(&r, 1, "dup.xml", 6, 3, "duplicate source id 'rfi' (first defined at line 2)");
    /* err holds the first problem */
    CU_ASSERT_EQUAL(err.line, 5);
    CU_ASSERT_STRING_EQUAL(err.message, r.e[0].message);

    /* The same ids in another input are the same entity and source. */
    accept_xml(s, "other.xml",
               DOC("  <source id=\"rfi\"/>\n"
                   "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"));
    CU_ASSERT_EQUAL(r.n, 2);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 2);
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 1);
    tkg_store_free(s);
}

/* Bulk entities (kind `entity`) become the entity a TKG-XML input defines, either way. */
static void test_merge_with_quadruples(void)
{
    tkg_ontology *user = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_default(&user, &err), TKG_OK);
    tkg_store_options opt = {.ontology = user};
    tkg_store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, &err), TKG_OK);
    accept_tsv(s, "a.tsv", "mali\tborders\tniger\t2024-01-01\n");
    accept_xml(s, "b.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
                   "  <entity id=\"chad\" kind=\"state\" label=\"Chad\"/>\n"));
    accept_tsv(s, "c.tsv", "chad\tborders\tniger\t2024-01-01\n");
    finish_ok(s);

    const tkg_ontology *o = tkg_store_ontology(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 3);
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "mali"))), "state");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "chad"))), "state");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "niger"))),
                           "entity");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, entity(s, "niger"), NULL), "niger");

    /* The bulk relation kind went into the store's copy of the ontology, not the user's. */
    uint32_t borders = tkg_ontology_relation_kind(o, "borders");
    CU_ASSERT_NOT_EQUAL(borders, TKG_NO_KIND);
    CU_ASSERT_TRUE(tkg_relation_kind_implicit(o, borders));
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind(user, "borders"), TKG_NO_KIND);
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 2);
    tkg_store_free(s);
    tkg_ontology_free(user);
}

/* An entity only referenced (by a TKG-XML relation) that quadruples then name becomes a bulk
 * entity; one defined stays as defined whatever quadruples say before or after. Bulk input
 * keeps a bit per entity row to skip reading rows it has seen (words of 64 rows): enough
 * entities here to use several words. */
static void test_bulk_entities_after_references(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013\"/>\n"));
    /* 200 bulk entities first, so that mali and minusma are rows 0 and 1, then e0..e199 */
    char *doc = malloc(200 * 32);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    size_t at = 0;
    for (int i = 0; i < 200; i += 2)
        at += (size_t)snprintf(doc + at, 32, "e%d\tr\te%d\n", i, i + 1);
    accept_tsv(s, "b.tsv", doc);
    accept_xml(s, "c.xml",
               DOC("  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\"/>\n"
                   "  <entity id=\"e130\" kind=\"state\" label=\"E130\"/>\n"));
    /* mali: referenced, then named by quadruples; e130: bulk, then defined, then bulk again */
    accept_tsv(s, "d.tsv", "mali\tr\te130\ne130\tr\tminusma\ne199\tr\te130\n");
    finish_ok(s);
    const tkg_ontology *o = tkg_store_ontology(s);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 202);
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "mali"))),
                           "entity");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "minusma"))),
                           "mission");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "e130"))), "state");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, entity(s, "e130"), NULL), "E130");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, tkg_entity_kind(s, entity(s, "e199"))),
                           "entity");
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 1 + 100 + 3);
    free(doc);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ identity of relations */

static void test_same_relation_two_sources(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <source id=\"rfi\"/>\n"
                   "  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\"/>\n"
                   "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013-04-25\" end=\"2024-11-15\"><cite source=\"rfi\">quote A</cite>"
                   "</relation>\n"));
    accept_xml(s, "b.xml",
               DOC("  <source id=\"un\"/>\n"
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013-04-25\" end=\"2024-11-15\"><cite source=\"un\">quote B</cite>"
                   "<cite source=\"rfi\"/></relation>\n"
                   /* another interval: another relation */
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013-04\" end=\"2024-11-15\"><cite source=\"un\">quote C</cite>"
                   "</relation>\n"));
    finish_ok(s);

    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 2);
    CU_ASSERT_EQUAL(tkg_store_citation_count(s), 4);
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 3);
    tkg_citation c = tkg_relation_citation(s, 0, 0);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c.source), "rfi");
    CU_ASSERT_STRING_EQUAL(c.quote, "quote A");
    CU_ASSERT_EQUAL(c.line, 0);
    c = tkg_relation_citation(s, 0, 1);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c.source), "un");
    CU_ASSERT_STRING_EQUAL(c.quote, "quote B");
    c = tkg_relation_citation(s, 0, 2);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c.source), "rfi");
    CU_ASSERT_PTR_NULL(c.quote); /* an empty <cite/> cites the source as a whole */

    CU_ASSERT_EQUAL(tkg_relation_interval(s, 0).start, day(2013, 4, 25));
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 0).end_excl, day(2024, 11, 16));
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 1).start, day(2013, 4, 1));
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2013-04");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_MONTH);
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 1), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 1, 0).quote, "quote C");
    tkg_store_free(s);
}

/* Citations come in any order of their owners (an entity defined after the relations that
 * cite it, a second input adding to the first's relations); each owner keeps its own in the
 * order they were read. */
static void test_citations_out_of_order(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <source id=\"rfi\"/>\n"
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013\"><cite source=\"rfi\">r0 one</cite></relation>\n"
                   "  <entity id=\"mali\" kind=\"state\" label=\"Mali\">"
                   "<cite source=\"rfi\">mali one</cite></entity>\n"
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2014\"><cite source=\"rfi\">r1 one</cite></relation>\n"
                   "  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\">"
                   "<cite source=\"rfi\">minusma one</cite></entity>\n"));
    accept_xml(s, "b.xml",
               DOC("  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mali\" "
                   "start=\"2013\"><cite source=\"rfi\">r0 two</cite></relation>\n"
                   "  <entity id=\"mali\" kind=\"state\" label=\"Mali\">"
                   "<cite source=\"rfi\">mali two</cite></entity>\n"));
    finish_ok(s);
    uint32_t mali = entity(s, "mali"), minusma = entity(s, "minusma");
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 2);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 0).quote, "r0 one");
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 1).quote, "r0 two");
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 1), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 1, 0).quote, "r1 one");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, mali), 2);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, mali, 0).quote, "mali one");
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, mali, 1).quote, "mali two");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, minusma), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, minusma, 0).quote, "minusma one");
    tkg_store_free(s);
}

static void test_symmetric_kinds(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "sym.xml",
               DOC("  <source id=\"rfi\"/>\n"
                   "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
                   "  <entity id=\"bf\" kind=\"state\" label=\"Burkina Faso\"/>\n"
                   "  <relation kind=\"allied_with\" from=\"mali\" to=\"bf\" start=\"2023-09-16\">"
                   "<cite source=\"rfi\">one</cite></relation>\n"
                   "  <relation kind=\"allied_with\" from=\"bf\" to=\"mali\" start=\"2023-09-16\">"
                   "<cite source=\"rfi\">two</cite></relation>\n"
                   /* a different start: another relation */
                   "  <relation kind=\"allied_with\" from=\"bf\" to=\"mali\" start=\"2023-09\"/>\n"
                   /* not symmetric: the direction makes two relations */
                   "  <relation kind=\"established_by\" from=\"mali\" to=\"bf\"/>\n"
                   "  <relation kind=\"established_by\" from=\"bf\" to=\"mali\"/>\n"));
    finish_ok(s);
    uint32_t mali = entity(s, "mali"), bf = entity(s, "bf");
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 4);
    /* The relation keeps the direction it was first written in. */
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), mali);
    CU_ASSERT_EQUAL(tkg_relation_to(s, 0), bf);
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 2);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 1), bf);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 2), mali);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 3), bf);
    CU_ASSERT_EQUAL(tkg_relation_to(s, 3), mali);
    tkg_store_free(s);
}

/* A reader that knows its size reserves room ahead (store_reserve): relations already read
 * stay, and are found again, after the arrays and the relation table have moved; adding
 * with a hash computed ahead is adding. */
static void test_reserve_and_hashed_adding(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_tsv(s, "a.tsv", "a\tr\tb\t2024-01-01\nb\tr\tc\t2024-01-02\n");
    uint32_t slots = s->rel_nslots;
    store_reserve(s, 100000);
    CU_ASSERT(s->relation_cap >= 2 + 100000);
    CU_ASSERT(s->cite_cap >= 2 + 100000);
    CU_ASSERT(s->rel_nslots >= 2 * (2 + 100000));
    CU_ASSERT(s->rel_nslots > slots);
    CU_ASSERT_EQUAL(s->rel_nslots & (s->rel_nslots - 1), 0);
    store_reserve(s, 10); /* less than there is room for: nothing changes */
    CU_ASSERT(s->rel_nslots >= 2 * (2 + 100000));
    accept_tsv(s, "b.tsv", "b\tr\tc\t2024-01-02\nc\tr\td\n");
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 3);

    /* c -r-> d again, open: the same relation, through the hashed entry point */
    relation_row row = s->relations[2];
    row.id = SYM_NONE;
    row.where.line = 7;
    uint32_t out = 99;
    bool merged = false;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(
        store_add_relation_hashed(s, &out, &merged, &row, store_relation_hash(s, &row), &err),
        TKG_OK);
    CU_ASSERT_EQUAL(out, 2);
    CU_ASSERT_TRUE(merged);
    /* one day later: another relation */
    row.iv.start += 1;
    CU_ASSERT_EQUAL(
        store_add_relation_hashed(s, &out, &merged, &row, store_relation_hash(s, &row), &err),
        TKG_OK);
    CU_ASSERT_EQUAL(out, 3);
    CU_ASSERT_FALSE(merged);
    CU_ASSERT_EQUAL(store_add_relation(s, &out, &merged, &row, &err), TKG_OK);
    CU_ASSERT_EQUAL(out, 3);
    CU_ASSERT_TRUE(merged);
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 4);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 0), entity(s, "a"));
    CU_ASSERT_EQUAL(tkg_relation_to(s, 2), entity(s, "d"));
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 1).start, day(2024, 1, 2));
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 1), 2); /* a.tsv line 2, b.tsv line 1 */
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 3).start, TKG_DAY_MIN + 1);
    tkg_store_free(s);
}

static void test_relation_ids(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    CU_ASSERT_EQUAL(read_xml(s, "a.xml",
                             DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
                                 "  <entity id=\"b\" kind=\"state\" label=\"B\"/>\n"
                                 "  <relation id=\"r1\" kind=\"established_by\" from=\"a\" "
                                 "to=\"b\"/>\n"
                                 /* the same relation again: the same id is fine */
                                 "  <relation id=\"r1\" kind=\"established_by\" from=\"a\" "
                                 "to=\"b\"/>\n"
                                 "  <relation id=\"r1\" kind=\"established_by\" from=\"b\" "
                                 "to=\"a\"/>\n")),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "a.xml", 6, 3, "duplicate relation id 'r1' (first used at a.xml:4)");
    /* and from another input */
    CU_ASSERT_EQUAL(
        read_xml(s, "b.xml",
                 DOC("\n  <relation id=\"r1\" kind=\"part_of\" from=\"a\" to=\"b\"/>\n")),
        TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 2);
    check_report(&r, 1, "b.xml", 3, 3, "duplicate relation id 'r1' (first used at a.xml:4)");
    tkg_store_free(s);

    /* Without conflicts, ids come back; relations without one have NULL. */
    s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "ok.xml",
               DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
                   "  <entity id=\"b\" kind=\"state\" label=\"B\"/>\n"
                   "  <relation kind=\"established_by\" from=\"a\" to=\"b\"/>\n"
                   "  <relation id=\"r9\" kind=\"established_by\" from=\"b\" to=\"a\"/>\n"));
    accept_xml(s, "ok2.xml",
               DOC("  <relation id=\"r9\" kind=\"established_by\" from=\"b\" to=\"a\"/>\n"));
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 2);
    CU_ASSERT_PTR_NULL(tkg_relation_id(s, 0));
    CU_ASSERT_STRING_EQUAL(tkg_relation_id(s, 1), "r9");
    tkg_store_free(s);
}

/* ------------------------------------------------------------ checks at the end */

static void test_dangling_endpoints(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(
        s, "d.xml",
        DOC("  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\"/>\n"
            "  <entity id=\"mali\" kind=\"state\" label=\"Mali\"/>\n"
            "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mal\" date=\"2013\"/>\n"
            "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"zzzzzzzz\" "
            "date=\"2013\"/>\n"
            "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"mal\" date=\"2014\"/>\n"));
    CU_ASSERT_EQUAL(r.n, 0);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    /* One report per unknown id, at its first mention (the `to` attribute, column 47). */
    CU_ASSERT_EQUAL(r.n, 2);
    check_report(&r, 0, "d.xml", 4, 47, "unknown entity 'mal' (did you mean 'mali'?)");
    check_report(&r, 1, "d.xml", 5, 47, "unknown entity 'zzzzzzzz'");
    CU_ASSERT_EQUAL(err.line, 4);
    CU_ASSERT_EQUAL(err.column, 47);
    CU_ASSERT_EQUAL(tkg_store_find_entity(s, "mal"), TKG_NO_ENTITY);
    tkg_store_free(s);
}

static void test_domain_and_range(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "dr.xml",
               DOC("  <entity id=\"minusma\" kind=\"mission\" label=\"MINUSMA\"/>\n"
                   "  <entity id=\"un\" kind=\"organization\" label=\"UN\"/>\n"
                   "  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
                   "  <entity id=\"gao\" kind=\"city\" label=\"Gao\"/>\n"
                   "  <relation kind=\"member_of\" from=\"minusma\" to=\"un\" start=\"2013\"/>\n"
                   "  <relation kind=\"member_of\" from=\"gao\" to=\"un\" start=\"2013\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"niger\" start=\"2013\"/>\n"
                   "  <relation kind=\"deployed_in\" from=\"minusma\" to=\"gao\" start=\"2013\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"minusma\" start=\"2013\"/>\n"
                   "  <relation kind=\"deployed_in\" from=\"un\" to=\"gao\" start=\"2013\"/>\n"));
    CU_ASSERT_EQUAL(r.n, 0);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    /* Lines 6, 9 and 10 hold: a mission is an actor and an organization; a city an entity. */
    CU_ASSERT_EQUAL(r.n, 3);
    check_report(&r, 0, "dr.xml", 7, 3,
                 "'member_of' goes from kind 'actor', but 'gao' is of kind 'city'" LOOSE_HINT);
    check_report(
        &r, 1, "dr.xml", 8, 3,
        "'member_of' goes to kind 'organization', but 'niger' is of kind 'state'" LOOSE_HINT);
    /* A parent kind is not enough. */
    check_report(
        &r, 2, "dr.xml", 11, 3,
        "'deployed_in' goes from kind 'mission', but 'un' is of kind 'organization'" LOOSE_HINT);
    tkg_store_free(s);
}

/* With loose_kinds, domain and range problems are warnings (through `warn`, in input order,
 * at most max_errors and then a count) and the store finishes; a missing required date is
 * still an error. Long names are cut so that the hint stays in the message. */
static void test_loose_kinds(void)
{
    reports r, w;
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    tkg_store_options opt = {.report = on_report,
                             .report_ctx = &r,
                             .loose_kinds = true,
                             .warn = on_report,
                             .warn_ctx = &w,
                             .max_errors = 2};
    tkg_store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, NULL), TKG_OK);
    static const char doc[] =
        DOC("  <entity id=\"gao\" kind=\"city\" label=\"Gao\"/>\n"
            "  <entity id=\"coup\" kind=\"event\" label=\"Coup\"/>\n"
            "  <relation kind=\"participant_in\" from=\"gao\" to=\"coup\"/>\n"
            "  <relation kind=\"member_of\" from=\"coup\" to=\"coup\" start=\"2021\"/>\n"
            "  <relation kind=\"member_of\" from=\"gao\" to=\"gao\" start=\"2021\"/>\n"
            "  <relation kind=\"participant_in\" from=\"coup\" to=\"gao\"/>\n");
    accept_xml(s, "lk.xml", doc);
    finish_ok(s);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(w.n, 3);
    check_report(&w, 0, "lk.xml", 4, 3,
                 "'participant_in' goes from kind 'actor', but 'gao' is of kind 'city'");
    check_report(&w, 1, "lk.xml", 5, 3,
                 "'member_of' goes from kind 'actor', but 'coup' is of kind 'event'");
    CU_ASSERT_EQUAL(w.e[2].line, 0);
    CU_ASSERT_STRING_EQUAL(w.e[2].message,
                           "2 more relations outside their kinds' domain or range (loose kinds)");
    CU_ASSERT_EQUAL(tkg_store_relation_count(s), 4);
    tkg_store_free(s);

    /* Without it: errors that name the option; a required date stays an error with it. */
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, NULL), TKG_OK);
    accept_xml(s, "nd.xml",
               DOC("  <entity id=\"gao\" kind=\"city\" label=\"Gao\"/>\n"
                   "  <entity id=\"un\" "
                   "kind=\"organization\" label=\"O\"/>\n"
                   "  <relation kind=\"member_of\" from=\"gao\" "
                   "to=\"un\"/>\n"));
    CU_ASSERT_EQUAL(tkg_store_finish(s, NULL), TKG_EINPUT);
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "nd.xml", 4, 3, "'member_of' needs a date (start, end or date)");
    tkg_store_free(s);
    opt.loose_kinds = false;
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, &opt, NULL), TKG_OK);
    static const char graphml[] =
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "<key id=\"r\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "<key id=\"s\" for=\"edge\" attr.name=\"start\" attr.type=\"string\"/>\n"
        "<graph edgedefault=\"directed\">\n"
        "<node id=\"a-city-with-a-rather-long-identifier\xC3\xA9\xC3\xA9\xC3\xA9\"><data "
        "key=\"k\">city</data></node>\n"
        "<node id=\"un\"><data key=\"k\">organization</data></node>\n"
        "<edge source=\"a-city-with-a-rather-long-identifier\xC3\xA9\xC3\xA9\xC3\xA9\" "
        "target=\"un\"><data key=\"r\">member_of</data>"
        "<data key=\"s\">2020</data></edge>\n"
        "</graph></graphml>\n";
    CU_ASSERT_EQUAL(tkg_read_graphml_buffer(s, graphml, sizeof graphml - 1, "cut.graphml", NULL),
                    TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_finish(s, NULL), TKG_EINPUT);
    CU_ASSERT_EQUAL(w.n, 0);
    CU_ASSERT_EQUAL(r.n, 1);
    /* the id cut before the 'é' that straddles byte 37, and "…" */
    check_report(&r, 0, "cut.graphml", 8, 1,
                 "'member_of' goes from kind 'actor', but "
                 "'a-city-with-a-rather-long-identifier\xE2\x80\xA6' is of kind 'city'" LOOSE_HINT);
    tkg_store_free(s);
}

static void test_dated_kinds(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "dated.xml",
               DOC("  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
                   "  <entity id=\"un\" kind=\"organization\" label=\"UN\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"un\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"un\" end=\"2024\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"un\" date=\"2020\"/>\n"
                   "  <relation kind=\"member_of\" from=\"niger\" to=\"un\" start=\"1960\"/>\n"
                   "  <relation kind=\"part_of\" from=\"niger\" to=\"un\"/>\n"));
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "dated.xml", 4, 3, "'member_of' needs a date (start, end or date)");
    tkg_store_free(s);
}

static void test_sources(void)
{
    /* Cited before defined in the same input, and cited in one input but defined in another;
     * the first definition wins. */
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali\">"
                   "<cite source=\"rfi\">Au Mali</cite></entity>\n"
                   "  <source id=\"rfi\" title=\"T\" publisher=\"RFI\" url=\"https://rfi.fr/a\" "
                   "published=\"2024-11-15\" lang=\"fr\"/>\n"
                   "  <entity id=\"bf\" kind=\"state\" label=\"BF\">"
                   "<cite source=\"un\"/></entity>\n"));
    accept_xml(s, "b.xml",
               DOC("  <source id=\"un\" title=\"UN first\"/>\n"
                   "  <source id=\"rfi\" title=\"RFI again\"/>\n"));
    accept_xml(s, "c.xml", DOC("  <source id=\"un\" title=\"UN second\"/>\n"));
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_source_count(s), 2);
    uint32_t mali = entity(s, "mali"), bf = entity(s, "bf");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, mali), 1);
    uint32_t rfi = tkg_entity_citation(s, mali, 0).source;
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, rfi), "rfi");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, rfi), "T");
    CU_ASSERT_STRING_EQUAL(tkg_source_publisher(s, rfi), "RFI");
    CU_ASSERT_STRING_EQUAL(tkg_source_url(s, rfi), "https://rfi.fr/a");
    CU_ASSERT_STRING_EQUAL(tkg_source_published(s, rfi), "2024-11-15");
    CU_ASSERT_STRING_EQUAL(tkg_source_lang(s, rfi), "fr");
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, mali, 0).quote, "Au Mali");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, bf), 1);
    uint32_t un = tkg_entity_citation(s, bf, 0).source;
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, un), "un");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, un), "UN first");
    CU_ASSERT_PTR_NULL(tkg_source_publisher(s, un));
    CU_ASSERT_PTR_NULL(tkg_source_url(s, un));
    tkg_store_free(s);

    /* A source that no input defines: reported once, at its first citation. */
    reports r;
    s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "u.xml",
               DOC("  <entity id=\"mali\" kind=\"state\" label=\"Mali\"><cite source=\"nope\">x"
                   "</cite></entity>\n"
                   "  <entity id=\"bf\" kind=\"state\" label=\"BF\"><cite source=\"nope\"/>"
                   "</entity>\n"));
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 1);
    check_report(&r, 0, "u.xml", 2, 53,
                 "unknown source 'nope' (no <source> with this id in any input)");
    tkg_store_free(s);
}

/* ------------------------------------------------------------ getters */

static void test_side_rows_in_input_order(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "a.xml",
               DOC("  <source id=\"s\"/>\n"
                   "  <entity id=\"a\" kind=\"state\" label=\"A\">\n"
                   "    <name lang=\"fr\">A-fr</name>\n"
                   "    <alias>A1</alias>\n"
                   "    <attr key=\"pop\" type=\"int\">+0042</attr>\n"
                   "    <cite source=\"s\">a one</cite>\n"
                   "    <name lang=\"en\">A-en</name>\n"
                   "    <alias lang=\"en\">A2</alias>\n"
                   "    <attr key=\"note\">  spaced  </attr>\n"
                   "    <cite source=\"s\">a two</cite>\n"
                   "  </entity>\n"
                   "  <entity id=\"b\" kind=\"state\" label=\"B\"><name lang=\"fr\">B-fr</name>"
                   "<attr key=\"x\" type=\"bool\">1</attr><cite source=\"s\"/></entity>\n"
                   "  <relation kind=\"established_by\" from=\"a\" to=\"b\">"
                   "<attr key=\"k1\" type=\"double\">1.5</attr><cite source=\"s\">r one</cite>"
                   "<attr key=\"k2\" type=\"date\">2024-07</attr><cite source=\"s\">r two</cite>"
                   "</relation>\n"));
    accept_xml(s, "b.xml",
               DOC("  <source id=\"s\"/>\n"
                   "  <entity id=\"a\" kind=\"state\" label=\"A\"><alias>A3</alias>"
                   "<attr key=\"late\">yes</attr><cite source=\"s\">a three</cite></entity>\n"));
    finish_ok(s);
    uint32_t a = entity(s, "a"), b = entity(s, "b");

    static const struct {
        const char *lang, *text;
        bool alias;
    } names[] = {{"fr", "A-fr", false},
                 {NULL, "A1", true},
                 {"en", "A-en", false},
                 {"en", "A2", true},
                 {NULL, "A3", true}};
    CU_ASSERT_EQUAL_FATAL(tkg_entity_name_count(s, a), 5);
    for (size_t i = 0; i < 5; i++) {
        tkg_name n = tkg_entity_name(s, a, i);
        CU_ASSERT_STRING_EQUAL(n.text, names[i].text);
        CU_ASSERT_EQUAL(n.alias, names[i].alias);
        if (names[i].lang) {
            CU_ASSERT(n.lang && strcmp(n.lang, names[i].lang) == 0);
        } else {
            CU_ASSERT_PTR_NULL(n.lang);
        }
    }
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, a, "en"), "A-en"); /* a name, not the alias */

    CU_ASSERT_EQUAL_FATAL(tkg_entity_attr_count(s, a), 3);
    tkg_attr at = tkg_entity_attr(s, a, 0);
    CU_ASSERT(strcmp(at.key, "pop") == 0 && at.type == TKG_ATTR_INT && strcmp(at.value, "42") == 0);
    at = tkg_entity_attr(s, a, 1);
    CU_ASSERT(strcmp(at.key, "note") == 0 && at.type == TKG_ATTR_STRING &&
              strcmp(at.value, "  spaced  ") == 0);
    at = tkg_entity_attr(s, a, 2);
    CU_ASSERT(strcmp(at.key, "late") == 0 && strcmp(at.value, "yes") == 0);

    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, a), 3);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 0).quote, "a one");
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 1).quote, "a two");
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 2).quote, "a three");

    CU_ASSERT_EQUAL_FATAL(tkg_entity_name_count(s, b), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_name(s, b, 0).text, "B-fr");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_attr_count(s, b), 1);
    at = tkg_entity_attr(s, b, 0);
    CU_ASSERT(at.type == TKG_ATTR_BOOL && strcmp(at.value, "true") == 0);
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, b), 1);
    CU_ASSERT_PTR_NULL(tkg_entity_citation(s, b, 0).quote);

    CU_ASSERT_EQUAL_FATAL(tkg_relation_attr_count(s, 0), 2);
    at = tkg_relation_attr(s, 0, 0);
    CU_ASSERT(strcmp(at.key, "k1") == 0 && at.type == TKG_ATTR_DOUBLE &&
              strcmp(at.value, "1.5") == 0);
    at = tkg_relation_attr(s, 0, 1);
    CU_ASSERT(strcmp(at.key, "k2") == 0 && at.type == TKG_ATTR_DATE &&
              strcmp(at.value, "2024-07") == 0);
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 2);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 0).quote, "r one");
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 1).quote, "r two");
    CU_ASSERT_EQUAL(tkg_store_citation_count(s), 6);
    tkg_store_free(s);
}

static void check_adjacency(const tkg_store *s, const char *id, const uint32_t *want, size_t n)
{
    size_t got_n = 0;
    const uint32_t *got = tkg_entity_relations(s, entity(s, id), &got_n);
    CU_ASSERT_EQUAL(got_n, n);
    bool same = got_n == n;
    for (size_t i = 0; same && i < n; i++)
        same = got[i] == want[i];
    CU_ASSERT_TRUE(same);
    if (!same)
        fprintf(stderr, "\n  adjacency of '%s' differs\n", id);
}

static void test_adjacency(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "adj.xml",
               DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
                   "  <entity id=\"b\" kind=\"state\" label=\"B\"/>\n"
                   "  <entity id=\"c\" kind=\"state\" label=\"C\"/>\n"
                   "  <entity id=\"d\" kind=\"state\" label=\"D\"/>\n"
                   "  <entity id=\"lonely\" kind=\"state\" label=\"L\"/>\n"
                   "  <relation kind=\"established_by\" from=\"a\" to=\"b\"/>\n"    /* r0 */
                   "  <relation kind=\"established_by\" from=\"c\" to=\"a\"/>\n"    /* r1 */
                   "  <relation kind=\"established_by\" from=\"a\" to=\"c\"/>\n"    /* r2 */
                   "  <relation kind=\"established_by\" from=\"b\" to=\"c\"/>\n"    /* r3 */
                   "  <relation kind=\"established_by\" from=\"d\" to=\"d\"/>\n")); /* r4 */
    finish_ok(s);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 5);
    /* Out-going first, then in-coming, each in row order; a loop is both. */
    check_adjacency(s, "a", (const uint32_t[]){0, 2, 1}, 3);
    check_adjacency(s, "b", (const uint32_t[]){3, 0}, 2);
    check_adjacency(s, "c", (const uint32_t[]){1, 2, 3}, 3);
    check_adjacency(s, "d", (const uint32_t[]){4, 4}, 2);
    check_adjacency(s, "lonely", NULL, 0);
    CU_ASSERT_EQUAL(tkg_relation_from(s, 1), entity(s, "c"));
    CU_ASSERT_EQUAL(tkg_relation_to(s, 1), entity(s, "a"));
    tkg_store_free(s);
}

/* ------------------------------------------------------------ dates */

static const char lifespans_doc[] = DOC(
    "  <entity id=\"e1\" kind=\"mission\" label=\"E1\" start=\"2013-04-25\" end=\"2024-11-15\"/>\n"
    "  <entity id=\"e2\" kind=\"event\" label=\"E2\" date=\"2024-07-06\"/>\n"
    "  <entity id=\"e3\" kind=\"state\" label=\"E3\"/>\n"
    "  <entity id=\"e4\" kind=\"state\" label=\"E4\" start=\"2024-07\"/>\n"
    "  <entity id=\"e5\" kind=\"state\" label=\"E5\" end=\"2024\"/>\n"
    "  <relation kind=\"established_by\" from=\"e3\" to=\"e4\" start=\"2024-07\" "
    "end=\"2024-09\"/>\n"
    "  <relation kind=\"established_by\" from=\"e3\" to=\"e4\" date=\"2024-07\"/>\n"
    "  <relation kind=\"established_by\" from=\"e3\" to=\"e5\" date=\"2024-07-06\"/>\n");

static void check_interval(tkg_interval iv, int32_t start, int32_t end_excl)
{
    CU_ASSERT_EQUAL(iv.start, start);
    CU_ASSERT_EQUAL(iv.end_excl, end_excl);
}

static void test_lifespans_inclusive(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "life.xml", lifespans_doc);
    finish_ok(s);
    uint32_t e1 = entity(s, "e1"), e2 = entity(s, "e2"), e3 = entity(s, "e3");
    check_interval(tkg_entity_lifespan(s, e1), day(2013, 4, 25), day(2024, 11, 16));
    check_interval(tkg_entity_lifespan(s, e2), 19910, 19911); /* 2024-07-06 is day 19910 */
    check_interval(tkg_entity_lifespan(s, e3), TKG_DAY_MIN, TKG_DAY_MAX);
    check_interval(tkg_entity_lifespan(s, entity(s, "e4")), day(2024, 7, 1), TKG_DAY_MAX);
    check_interval(tkg_entity_lifespan(s, entity(s, "e5")), TKG_DAY_MIN, day(2025, 1, 1));

    /* A point lifespan is written as both bounds. */
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, e2).raw, "2024-07-06");
    CU_ASSERT_STRING_EQUAL(tkg_entity_end(s, e2).raw, "2024-07-06");
    CU_ASSERT_EQUAL(tkg_entity_end(s, e2).precision, TKG_PREC_DAY);
    CU_ASSERT_PTR_NULL(tkg_entity_start(s, e3).raw);
    CU_ASSERT_EQUAL(tkg_entity_start(s, e3).precision, TKG_PREC_NONE);
    CU_ASSERT_EQUAL(tkg_entity_end(s, entity(s, "e5")).precision, TKG_PREC_YEAR);

    check_interval(tkg_relation_interval(s, 0), day(2024, 7, 1), day(2024, 10, 1));
    check_interval(tkg_relation_interval(s, 1), day(2024, 7, 1), day(2024, 8, 1));
    check_interval(tkg_relation_interval(s, 2), 19910, 19911);
    tkg_store_free(s);
}

static void test_lifespans_strict(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_STRICT, 0);
    accept_xml(s, "life.xml", lifespans_doc);
    finish_ok(s);
    /* Full dates are the same under both policies. */
    check_interval(tkg_entity_lifespan(s, entity(s, "e1")), day(2013, 4, 25), day(2024, 11, 16));
    check_interval(tkg_entity_lifespan(s, entity(s, "e2")), 19910, 19911);
    /* Partial bounds keep only the days surely covered. */
    check_interval(tkg_entity_lifespan(s, entity(s, "e4")), day(2024, 7, 31), TKG_DAY_MAX);
    check_interval(tkg_entity_lifespan(s, entity(s, "e5")), TKG_DAY_MIN, day(2024, 1, 2));
    check_interval(tkg_relation_interval(s, 0), day(2024, 7, 31), day(2024, 9, 2));
    /* A month-precision point fact covers no day for sure: an empty interval. */
    check_interval(tkg_relation_interval(s, 1), day(2024, 7, 31), day(2024, 7, 2));
    check_interval(tkg_relation_interval(s, 2), 19910, 19911);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ reporting */

static const char problems_doc[] =
    DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"
        "  <entity id=\"b\" kind=\"stat\" label=\"B\"/>\n"
        "  <entity id=\"c\" kind=\"state\" label=\"C\" start=\"2024-13\"/>\n"
        "  <entity id=\"a\" kind=\"state\" label=\"A2\"/>\n"
        "  <entity id=\"d\" kind=\"state\" label=\"D\" colour=\"red\"/>\n"
        "  <relation kind=\"established_by\" from=\"a\" to=\"c\" start=\"2024\" end=\"2023\"/>\n"
        "  <relation kind=\"established_by\" from=\"a\" to=\"nowhere\" date=\"2024\"/>\n");

static void test_every_problem_reported(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 0);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, problems_doc, strlen(problems_doc), "p.xml", &err),
                    TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 5);
    check_report(&r, 0, "p.xml", 3, 18, "unknown entity kind 'stat' (did you mean 'state'?)");
    /* into the value: the month of start="2024-13" */
    check_report(&r, 1, "p.xml", 4, 53, "invalid date '2024-13': month must be 01-12");
    check_report(&r, 2, "p.xml", 5, 3, "duplicate entity id 'a' (first defined at line 2)");
    CU_ASSERT(r.e[3].line == 6 && r.e[3].column == 41 && strstr(r.e[3].message, "'colour'"));
    check_report(&r, 4, "p.xml", 7, 64, "end 2023 is before start 2024");
    CU_ASSERT_EQUAL(tkg_store_error_count(s), 5);
    /* The first problem is the one returned. */
    CU_ASSERT(err.code == TKG_EINPUT && err.line == 3 && err.column == 18);
    CU_ASSERT_STRING_EQUAL(err.source, "p.xml");

    /* Finishing reports what needs every input, then fails. */
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(r.n, 6);
    check_report(&r, 5, "p.xml", 8, 44, "unknown entity 'nowhere'");
    tkg_store_free(s);
}

static void test_max_errors_cap(void)
{
    reports r;
    tkg_store *s = new_store(&r, TKG_POLICY_INCLUSIVE, 3);
    const char *doc = DOC("  <entity id=\"e1\" kind=\"stat\" label=\"E\"/>\n"
                          "  <entity id=\"e2\" kind=\"stat\" label=\"E\"/>\n"
                          "  <entity id=\"e3\" kind=\"stat\" label=\"E\"/>\n"
                          "  <entity id=\"e4\" kind=\"stat\" label=\"E\"/>\n"
                          "  <entity id=\"e5\" kind=\"stat\" label=\"E\"/>\n");
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_read_xml_buffer(s, doc, strlen(doc), "cap.xml", &err), TKG_EINPUT);
    /* Three problems, then one notice that reading stopped. */
    CU_ASSERT_EQUAL_FATAL(r.n, 4);
    for (unsigned i = 0; i < 3; i++)
        check_report(&r, i, "cap.xml", (int)i + 2, 19,
                     "unknown entity kind 'stat' (did you mean 'state'?)");
    CU_ASSERT_EQUAL(r.e[3].code, TKG_ELIMIT);
    CU_ASSERT_STRING_EQUAL(r.e[3].message, "too many errors (3), stopping");
    CU_ASSERT_EQUAL(tkg_store_error_count(s), 3);
    CU_ASSERT_EQUAL(err.line, 2);

    /* Past the cap, nothing more is reported, from any input or from finishing. */
    read_xml(s, "more.xml", DOC("  <entity id=\"f\" kind=\"stat\" label=\"F\"/>\n"));
    tkg_error_clear(&err);
    CU_ASSERT_NOT_EQUAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL(r.n, 4);
    CU_ASSERT_EQUAL(tkg_store_error_count(s), 3);
    tkg_store_free(s);
}

static void test_finish_twice(void)
{
    tkg_store *s = new_store(NULL, TKG_POLICY_INCLUSIVE, 0);
    accept_xml(s, "one.xml", DOC("  <entity id=\"a\" kind=\"state\" label=\"A\"/>\n"));
    finish_ok(s);
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_store_finish(s, &err), TKG_EUSAGE);
    CU_ASSERT_EQUAL(err.code, TKG_EUSAGE);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 1);
    tkg_store_free(s);
    tkg_store_free(NULL); /* a no-op */
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"the same entity from two inputs", test_merge_entity},
        {"conflicting kinds name both places", test_conflicting_kinds},
        {"duplicate ids in one input", test_duplicate_ids_in_one_input},
        {"bulk entities merge with defined ones", test_merge_with_quadruples},
        {"bulk entities after references and definitions", test_bulk_entities_after_references},
        {"room reserved ahead, hashes computed ahead", test_reserve_and_hashed_adding},
        {"one relation, citations from two sources", test_same_relation_two_sources},
        {"citations out of their owners' order", test_citations_out_of_order},
        {"symmetric kinds ignore direction", test_symmetric_kinds},
        {"relation ids", test_relation_ids},
        {"dangling endpoints with hints", test_dangling_endpoints},
        {"domain and range, subkinds allowed", test_domain_and_range},
        {"dated kinds need a date", test_dated_kinds},
        {"loose kinds: domain and range as warnings", test_loose_kinds},
        {"sources: forward, cross-input, unknown", test_sources},
        {"names, attrs, citations in input order", test_side_rows_in_input_order},
        {"adjacency lists", test_adjacency},
        {"lifespans and intervals, inclusive", test_lifespans_inclusive},
        {"lifespans and intervals, strict", test_lifespans_strict},
        {"every problem reported with its position", test_every_problem_reported},
        {"max_errors caps the reports", test_max_errors_cap},
        {"finish only once", test_finish_twice},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("store", NULL, NULL);
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
