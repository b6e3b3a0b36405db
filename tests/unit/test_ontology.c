/* Unit tests for src/lib/ontology.c: the default ontology, kinds and their tree, styles and
 * labels, the loader's errors with positions, and clones. */
#include "ontology.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static tkg_ontology *load(const char *doc, tkg_error *err)
{
    tkg_ontology *o = NULL;
    tkg_error_clear(err);
    int rc = tkg_ontology_load_buffer(&o, doc, strlen(doc), "test.xml", err);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  unexpected: %s:%d:%d: %s\n", err->source, err->line, err->column,
                err->message);
    CU_ASSERT_EQUAL(rc, TKG_OK);
    return o;
}

/* Loads `doc`, which must fail at line:column; `message` must occur in the error message
 * (NULL: `exact` must equal it). */
static void check_error(const char *doc, int line, int column, const char *exact,
                        const char *contains)
{
    tkg_ontology *o = (tkg_ontology *)1;
    tkg_error err;
    tkg_error_clear(&err);
    int rc = tkg_ontology_load_buffer(&o, doc, strlen(doc), "test.xml", &err);
    CU_ASSERT_EQUAL(rc, TKG_EINPUT);
    CU_ASSERT_EQUAL(err.code, TKG_EINPUT);
    CU_ASSERT_PTR_NULL(o);
    CU_ASSERT_STRING_EQUAL(err.source, "test.xml");
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_EQUAL(err.column, column);
    if (exact)
        CU_ASSERT_STRING_EQUAL(err.message, exact);
    if (contains)
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, contains));
    if (err.line != line || err.column != column || (exact && strcmp(err.message, exact)) ||
        (contains && !strstr(err.message, contains)))
        fprintf(stderr, "\n  got %d:%d: %s\n", err.line, err.column, err.message);
    tkg_ontology_free(o == (tkg_ontology *)1 ? NULL : o);
}

#define HEAD "<ontology xmlns=\"urn:tkg:ontology:1\" name=\"test\">\n"
#define TAIL "</ontology>\n"
#define ROOT "  <entity-kind name=\"entity\" label=\"Thing\" color=\"#000000\" shape=\"box\"/>\n"
/* An entity kind line: name, parent. */
#define KIND(name, parent)                                                                         \
    "  <entity-kind name=\"" name "\" parent=\"" parent "\" label=\"L\" color=\"#111111\" "        \
    "shape=\"oval\"/>\n"
#define REL(name, domain, range)                                                                   \
    "  <relation-kind name=\"" name "\" label=\"R\" domain=\"" domain "\" range=\"" range          \
    "\" color=\"#222222\"/>\n"

/* A small ontology: kinds declared before their parents too, every flag form. */
/* clang-format off */
static const char small_doc[] =
    HEAD                                                                        /* 1 */
    "  <entity-kind name=\"mission\" parent=\"org\" label=\"Mission\" color=\"#e15759\" "
    "shape=\"house\"/>\n"                                                       /* 2 */
    ROOT                                                                        /* 3 */
    KIND("actor", "entity")                                                     /* 4 */
    "  <entity-kind name=\"org\" parent=\"actor\" label=\"Organization\" color=\"#f28e2b\" "
    "shape=\"hexagon\"/>\n"                                                     /* 5 */
    KIND("place", "entity")                                                     /* 6 */
    "  <relation-kind name=\"member_of\" label=\"member of\" domain=\"actor\" range=\"org\" "
    "dated=\"1\" color=\"#0072b2\"/>\n"                                         /* 7 */
    "  <relation-kind name=\"allied\" label=\"allied with\" domain=\"actor\" range=\"actor\" "
    "symmetric=\"true\" dated=\"false\" color=\"#009e73\" style=\"dashed\"/>\n" /* 8 */
    "  <relation-kind name=\"in\" label=\"in\" domain=\"entity\" range=\"place\" "
    "symmetric=\" true \" dated=\"0\" color=\"#000000\" style=\"dotted\"/>\n"   /* 9 */
    TAIL;
/* clang-format on */

/* ------------------------------------------------------------ a small ontology */

static void test_small_kinds(void)
{
    tkg_error err;
    tkg_ontology *o = load(small_doc, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_EQUAL(tkg_ontology_entity_kind_count(o), 5);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(o), 3);

    /* Kinds are numbered in document order. */
    uint32_t mission = tkg_ontology_entity_kind(o, "mission");
    uint32_t entity = tkg_ontology_entity_kind(o, "entity");
    uint32_t actor = tkg_ontology_entity_kind(o, "actor");
    uint32_t org = tkg_ontology_entity_kind(o, "org");
    uint32_t place = tkg_ontology_entity_kind(o, "place");
    CU_ASSERT(mission == 0 && entity == 1 && actor == 2 && org == 3 && place == 4);
    CU_ASSERT_EQUAL(tkg_ontology_entity_kind(o, "Mission"), TKG_NO_KIND);
    CU_ASSERT_EQUAL(tkg_ontology_entity_kind(o, "member_of"), TKG_NO_KIND);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind(o, "mission"), TKG_NO_KIND);
    CU_ASSERT_EQUAL(ontology_root(o), entity);

    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, mission), "mission");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_name(o, 99), "?");
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, 99), "?");

    /* Parents, including one declared after its child. */
    CU_ASSERT_EQUAL(tkg_entity_kind_parent(o, entity), TKG_NO_KIND);
    CU_ASSERT_EQUAL(tkg_entity_kind_parent(o, mission), org);
    CU_ASSERT_EQUAL(tkg_entity_kind_parent(o, org), actor);
    CU_ASSERT_EQUAL(tkg_entity_kind_parent(o, actor), entity);
    CU_ASSERT_EQUAL(tkg_entity_kind_parent(o, place), entity);

    /* is_a: reflexive, transitive, never sideways or downwards. */
    static const struct {
        const char *kind, *ancestor;
        bool expect;
    } is_a[] = {
        {"mission", "mission", true}, {"mission", "org", true},    {"mission", "actor", true},
        {"mission", "entity", true},  {"org", "mission", false},   {"actor", "org", false},
        {"entity", "actor", false},   {"mission", "place", false}, {"place", "actor", false},
        {"place", "entity", true},    {"entity", "entity", true},
    };
    for (size_t i = 0; i < sizeof is_a / sizeof *is_a; i++) {
        bool got = tkg_entity_kind_is_a(o, tkg_ontology_entity_kind(o, is_a[i].kind),
                                        tkg_ontology_entity_kind(o, is_a[i].ancestor));
        CU_ASSERT_EQUAL(got, is_a[i].expect);
        if (got != is_a[i].expect)
            fprintf(stderr, "\n  is_a(%s, %s)\n", is_a[i].kind, is_a[i].ancestor);
    }

    /* Styles and labels. */
    tkg_style st = tkg_entity_kind_style(o, mission);
    CU_ASSERT_STRING_EQUAL(st.color, "#e15759");
    CU_ASSERT_STRING_EQUAL(st.shape, "house");
    CU_ASSERT_PTR_NULL(st.line);
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_label(o, org), "Organization");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_label(o, entity), "Thing");
    tkg_ontology_free(o);
}

static void test_small_relations(void)
{
    tkg_error err;
    tkg_ontology *o = load(small_doc, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    uint32_t member = tkg_ontology_relation_kind(o, "member_of");
    uint32_t allied = tkg_ontology_relation_kind(o, "allied");
    uint32_t in = tkg_ontology_relation_kind(o, "in");
    CU_ASSERT(member == 0 && allied == 1 && in == 2);

    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, member), "member_of");
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_label(o, member), "member of");
    CU_ASSERT_EQUAL(tkg_relation_kind_domain(o, member), tkg_ontology_entity_kind(o, "actor"));
    CU_ASSERT_EQUAL(tkg_relation_kind_range(o, member), tkg_ontology_entity_kind(o, "org"));
    CU_ASSERT_TRUE(tkg_relation_kind_dated(o, member));      /* dated="1" */
    CU_ASSERT_FALSE(tkg_relation_kind_symmetric(o, member)); /* default */
    CU_ASSERT_FALSE(tkg_relation_kind_implicit(o, member));
    tkg_style st = tkg_relation_kind_style(o, member);
    CU_ASSERT_STRING_EQUAL(st.color, "#0072b2");
    CU_ASSERT_STRING_EQUAL(st.line, "solid"); /* default */
    CU_ASSERT_PTR_NULL(st.shape);

    CU_ASSERT_TRUE(tkg_relation_kind_symmetric(o, allied)); /* "true" */
    CU_ASSERT_FALSE(tkg_relation_kind_dated(o, allied));    /* "false" */
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_style(o, allied).line, "dashed");

    /* xs:boolean collapses whitespace: " true " is true. */
    CU_ASSERT_TRUE(tkg_relation_kind_symmetric(o, in));
    CU_ASSERT_FALSE(tkg_relation_kind_dated(o, in)); /* "0" */
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_style(o, in).line, "dotted");
    CU_ASSERT_EQUAL(tkg_relation_kind_domain(o, in), ontology_root(o));
    tkg_ontology_free(o);
}

/* ------------------------------------------------------------ the default ontology */

static char *xml_prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool xs_true(const char *v)
{
    return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* Every kind of schema/ontology.xml, read with libxml2's tree parser as an independent
 * oracle, is in the compiled-in default with the same parent, label, colour, shape or
 * domain, range, flags and style. */
static void test_default_matches_file(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/schema/ontology.xml", dir);
    /* Read through memory: tkg's XML layer refuses libxml2's own file loading. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char chunk[4096];
    for (size_t n; (n = fread(chunk, 1, sizeof chunk, f)) > 0; len += n) {
        char *more = realloc(text, len + n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(more);
        text = more;
        memcpy(text + len, chunk, n);
    }
    fclose(f);
    xmlDocPtr doc = xmlReadMemory(text, (int)len, path, NULL, XML_PARSE_NONET);
    free(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    tkg_ontology *o = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_default(&o, &err), TKG_OK);

    size_t entity_kinds = 0, relation_kinds = 0;
    long bad = 0;
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *name = xml_prop(n, "name"), *label = xml_prop(n, "label");
        char *color = xml_prop(n, "color");
        if (strcmp((const char *)n->name, "entity-kind") == 0) {
            entity_kinds++;
            char *parent = xml_prop(n, "parent"), *shape = xml_prop(n, "shape");
            uint32_t k = tkg_ontology_entity_kind(o, name);
            bad += k == TKG_NO_KIND;
            if (k != TKG_NO_KIND) {
                uint32_t p = tkg_entity_kind_parent(o, k);
                bad += parent ? p != tkg_ontology_entity_kind(o, parent) : p != TKG_NO_KIND;
                bad += strcmp(tkg_entity_kind_label(o, k), label) != 0;
                bad += strcmp(tkg_entity_kind_style(o, k).color, color) != 0;
                bad += strcmp(tkg_entity_kind_style(o, k).shape, shape) != 0;
            }
            xmlFree(parent);
            xmlFree(shape);
        } else {
            relation_kinds++;
            char *domain = xml_prop(n, "domain"), *range = xml_prop(n, "range");
            char *sym = xml_prop(n, "symmetric"), *dated = xml_prop(n, "dated");
            char *style = xml_prop(n, "style");
            uint32_t k = tkg_ontology_relation_kind(o, name);
            bad += k == TKG_NO_KIND;
            if (k != TKG_NO_KIND) {
                bad += tkg_relation_kind_domain(o, k) != tkg_ontology_entity_kind(o, domain);
                bad += tkg_relation_kind_range(o, k) != tkg_ontology_entity_kind(o, range);
                bad += tkg_relation_kind_symmetric(o, k) != xs_true(sym);
                bad += tkg_relation_kind_dated(o, k) != xs_true(dated);
                bad += tkg_relation_kind_implicit(o, k);
                bad += strcmp(tkg_relation_kind_label(o, k), label) != 0;
                bad += strcmp(tkg_relation_kind_style(o, k).color, color) != 0;
                bad += strcmp(tkg_relation_kind_style(o, k).line, style ? style : "solid") != 0;
            }
            xmlFree(domain);
            xmlFree(range);
            xmlFree(sym);
            xmlFree(dated);
            xmlFree(style);
        }
        if (bad)
            fprintf(stderr, "\n  mismatch at kind '%s'\n", name);
        xmlFree(name);
        xmlFree(label);
        xmlFree(color);
        if (bad)
            break;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(entity_kinds > 0 && relation_kinds > 0);
    CU_ASSERT_EQUAL(tkg_ontology_entity_kind_count(o), entity_kinds);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(o), relation_kinds);
    tkg_ontology_free(o);
    xmlFreeDoc(doc);
}

/* The kinds the Sahel case relies on, by hand. */
static void test_default_sahel_kinds(void)
{
    tkg_ontology *o = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_default(&o, &err), TKG_OK);
    uint32_t mission = tkg_ontology_entity_kind(o, "mission");
    uint32_t organization = tkg_ontology_entity_kind(o, "organization");
    uint32_t actor = tkg_ontology_entity_kind(o, "actor");
    uint32_t state = tkg_ontology_entity_kind(o, "state");
    uint32_t place = tkg_ontology_entity_kind(o, "place");
    uint32_t entity = tkg_ontology_entity_kind(o, "entity");
    CU_ASSERT_FATAL(mission != TKG_NO_KIND && organization != TKG_NO_KIND && actor != TKG_NO_KIND &&
                    state != TKG_NO_KIND && place != TKG_NO_KIND && entity != TKG_NO_KIND);
    CU_ASSERT_EQUAL(ontology_root(o), entity);
    CU_ASSERT_TRUE(tkg_entity_kind_is_a(o, mission, organization));
    CU_ASSERT_TRUE(tkg_entity_kind_is_a(o, mission, actor));
    CU_ASSERT_TRUE(tkg_entity_kind_is_a(o, state, actor));
    CU_ASSERT_FALSE(tkg_entity_kind_is_a(o, state, place));
    CU_ASSERT_FALSE(tkg_entity_kind_is_a(o, organization, mission));

    uint32_t deployed = tkg_ontology_relation_kind(o, "deployed_in");
    uint32_t allied = tkg_ontology_relation_kind(o, "allied_with");
    CU_ASSERT_FATAL(deployed != TKG_NO_KIND && allied != TKG_NO_KIND);
    CU_ASSERT_EQUAL(tkg_relation_kind_domain(o, deployed), mission);
    CU_ASSERT_TRUE(tkg_relation_kind_dated(o, deployed));
    CU_ASSERT_TRUE(tkg_relation_kind_symmetric(o, allied));
    CU_ASSERT_FALSE(tkg_relation_kind_symmetric(o, deployed));
    tkg_ontology_free(o);
}

static void test_load_file(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/schema/ontology.xml", dir);
    tkg_ontology *o = NULL, *d = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_load(&o, path, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_default(&d, &err), TKG_OK);
    CU_ASSERT_EQUAL(tkg_ontology_entity_kind_count(o), tkg_ontology_entity_kind_count(d));
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(o), tkg_ontology_relation_kind_count(d));
    tkg_ontology_free(o);
    tkg_ontology_free(d);

    /* A missing file is "not found" about that file, not an input error. */
    snprintf(path, sizeof path, "%s/schema/no-such-ontology.xml", dir);
    o = (tkg_ontology *)1;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_ontology_load(&o, path, &err), TKG_ENOTFOUND);
    CU_ASSERT_PTR_NULL(o);
    CU_ASSERT_STRING_EQUAL(err.source, path);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot open"));
    tkg_ontology_free(NULL); /* a no-op */
}

/* ------------------------------------------------------------ loader errors */

static void test_error_duplicate_kinds(void)
{
    check_error(HEAD ROOT KIND("actor", "entity") KIND("place", "entity") KIND("actor", "entity")
                    TAIL,
                5, 3, "duplicate entity kind 'actor'", NULL);
    check_error(HEAD ROOT REL("near", "entity", "entity") KIND("place", "entity")
                    REL("near", "place", "place") TAIL,
                5, 3, "duplicate relation kind 'near'", NULL);
    /* The root declared twice. */
    check_error(HEAD ROOT ROOT TAIL, 3, 3, "duplicate entity kind 'entity'", NULL);
}

static void test_error_unknown_names(void)
{
    check_error(HEAD ROOT KIND("actor", "entity") KIND("org", "actr") TAIL, 4, 3,
                "unknown parent kind 'actr' of 'org'", NULL);
    check_error(HEAD ROOT KIND("actor", "entity") REL("member_of", "actr", "actor") TAIL, 4, 3,
                "unknown domain kind 'actr' of 'member_of'", NULL);
    check_error(HEAD ROOT KIND("actor", "entity") REL("member_of", "actor", "org") TAIL, 4, 3,
                "unknown range kind 'org' of 'member_of'", NULL);
    /* A relation kind is not an entity kind. */
    check_error(HEAD ROOT REL("near", "entity", "entity") KIND("town", "near") TAIL, 4, 3,
                "unknown parent kind 'near' of 'town'", NULL);
}

static void test_error_roots_and_cycles(void)
{
    /* Two kinds that are each other's parent, under a proper root. */
    check_error(HEAD ROOT KIND("a", "b") KIND("b", "a") TAIL, 3, 3,
                "entity kind 'a' is its own ancestor", NULL);
    /* A kind that is its own parent, after an innocent one. */
    check_error(HEAD ROOT KIND("ok", "entity") KIND("self", "self") TAIL, 4, 3,
                "entity kind 'self' is its own ancestor", NULL);
    /* A kind below a cycle is not in it: the error names a kind of the cycle. */
    check_error(HEAD ROOT KIND("below", "x") KIND("x", "y") KIND("y", "x") TAIL, 4, 3,
                "entity kind 'x' is its own ancestor", NULL);
    /* No kind without parent: no root at all. */
    check_error(HEAD KIND("entity", "actor") KIND("actor", "entity") TAIL, 1, 1,
                "the ontology has no root kind 'entity'", NULL);
    /* A root with another name. */
    check_error(HEAD "  <entity-kind name=\"thing\" label=\"T\" color=\"#000000\" "
                     "shape=\"box\"/>\n" REL("r", "thing", "thing") TAIL,
                2, 3, "entity kind 'thing' has no parent: only 'entity' is the root", NULL);
    /* Two roots. */
    check_error(HEAD ROOT KIND("a", "entity") "  <entity-kind name=\"other\" label=\"O\" "
                                              "color=\"#000000\" shape=\"box\"/>\n" TAIL,
                4, 3, "entity kind 'other' has no parent: only 'entity' is the root", NULL);
}

/* Schema violations: the position is the offending attribute's, or the element's. */
static void test_error_schema(void)
{
    check_error(
        HEAD "  <entity-kind name=\"entity\" label=\"E\" color=\"#FFFFFF\" shape=\"box\"/>\n" TAIL,
        2, 40, NULL, "'#FFFFFF'");
    check_error(HEAD ROOT
                "  <entity-kind name=\"a\" parent=\"entity\" label=\"A\" color=\"#ffffff\" "
                "shape=\"blob\"/>\n" TAIL,
                3, 67, NULL, "'blob'");
    check_error(HEAD "  <entity-kind name=\"entity\" label=\"E\" color=\"#ffffff\" shape=\"box\" "
                     "size=\"3\"/>\n" TAIL,
                2, 68, NULL, "'size'");
    check_error(HEAD ROOT "  <entity-kind name=\"a\" parent=\"entity\" color=\"#ffffff\" "
                          "shape=\"box\"/>\n" TAIL,
                3, 3, NULL, "'label'");
    check_error(HEAD ROOT "\n  <relation-kind name=\"r\" label=\"R\" domain=\"entity\" "
                          "color=\"#ffffff\"/>\n" TAIL,
                4, 3, NULL, "'range'");
    check_error(
        HEAD "  <entity-kind name=\"Entity\" label=\"E\" color=\"#ffffff\" shape=\"box\"/>\n" TAIL,
        2, 16, NULL, "'Entity'");
    check_error(
        HEAD ROOT REL(
            "r", "entity",
            "entity") "  <relation-kind name=\"s\" label=\"S\" domain=\"entity\" range=\"entity\" "
                      "color=\"#ffffff\" style=\"wavy\"/>\n" TAIL,
        4, 84, NULL, "'wavy'");
    check_error(HEAD ROOT
                "  <relation-kind name=\"s\" label=\"S\" domain=\"entity\" range=\"entity\" "
                "color=\"#ffffff\" dated=\"yes\"/>\n" TAIL,
                3, 84, NULL, "'yes'");
    /* An unknown element, no kinds at all, no namespace. */
    check_error(HEAD ROOT "  <kind name=\"x\"/>\n" TAIL, 3, 3, NULL, "<kind>");
    check_error("<ontology xmlns=\"urn:tkg:ontology:1\" name=\"test\"/>\n", 1, 1, NULL,
                "<entity-kind>");
    check_error("<ontology name=\"test\">\n" ROOT TAIL, 1, 1, NULL, "namespace");
}

static void test_error_malformed(void)
{
    /* At the mismatched end tag, which takes columns 79..89 of line 3. */
    check_error(HEAD ROOT "  <entity-kind name=\"a\" parent=\"entity\" label=\"A\" "
                          "color=\"#ffffff\" shape=\"box\">" TAIL,
                3, 79, NULL, "</ontology>");
    check_error("", 1, 1, NULL, "empty");
    check_error("<!DOCTYPE ontology [<!ENTITY x \"y\">]>\n" HEAD ROOT TAIL, 1, 1, NULL, "DOCTYPE");
}

/* ------------------------------------------------------------ clones and implicit kinds */

static void test_clone_independent(void)
{
    tkg_error err;
    tkg_ontology *o = load(small_doc, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    tkg_ontology *c = NULL;
    CU_ASSERT_EQUAL_FATAL(ontology_clone(&c, o, &err), TKG_OK);

    uint32_t k = TKG_NO_KIND;
    CU_ASSERT_EQUAL(ontology_add_implicit_relation(c, &k, "Make statement!", 14, &err), TKG_OK);
    CU_ASSERT_EQUAL(k, 3);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(c), 4);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(o), 3);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind(o, "Make statement"), TKG_NO_KIND);

    /* The original goes; the clone keeps its own copies of every string. */
    tkg_ontology_free(o);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind(c, "Make statement"), 3);
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_label(c, 3), "Make statement");
    CU_ASSERT_TRUE(tkg_relation_kind_implicit(c, 3));
    CU_ASSERT_FALSE(tkg_relation_kind_symmetric(c, 3));
    CU_ASSERT_FALSE(tkg_relation_kind_dated(c, 3));
    CU_ASSERT_EQUAL(tkg_relation_kind_domain(c, 3), ontology_root(c));
    CU_ASSERT_EQUAL(tkg_relation_kind_range(c, 3), ontology_root(c));
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_style(c, 3).line, "solid");
    CU_ASSERT_EQUAL(strlen(tkg_relation_kind_style(c, 3).color), 7);

    uint32_t mission = tkg_ontology_entity_kind(c, "mission");
    CU_ASSERT_STRING_EQUAL(tkg_entity_kind_style(c, mission).shape, "house");
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_style(c, 1).line, "dashed");
    CU_ASSERT_TRUE(tkg_entity_kind_is_a(c, mission, tkg_ontology_entity_kind(c, "actor")));
    CU_ASSERT_TRUE(tkg_relation_kind_symmetric(c, 1));
    CU_ASSERT_EQUAL(ontology_root(c), tkg_ontology_entity_kind(c, "entity"));

    /* A clone of a clone with implicit kinds keeps them. */
    tkg_ontology *cc = NULL;
    CU_ASSERT_EQUAL_FATAL(ontology_clone(&cc, c, &err), TKG_OK);
    tkg_ontology_free(c);
    CU_ASSERT_EQUAL(tkg_ontology_relation_kind_count(cc), 4);
    CU_ASSERT_TRUE(tkg_relation_kind_implicit(cc, 3));
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(cc, 3), "Make statement");
    tkg_ontology_free(cc);
}

/* ------------------------------------------------------------ suggestions */

static void test_suggest(void)
{
    CU_ASSERT_EQUAL(edit_distance("kitten", "sitting", 10), 3);
    CU_ASSERT_EQUAL(edit_distance("", "abc", 10), 3);
    CU_ASSERT_EQUAL(edit_distance("same", "same", 10), 0);
    CU_ASSERT_EQUAL(edit_distance("kitten", "sitting", 2), 2); /* capped */

    tkg_ontology *o = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tkg_ontology_default(&o, &err), TKG_OK);
    char hint[64];
    ontology_suggest(o, true, "deploy_in", hint, sizeof hint);
    CU_ASSERT_STRING_EQUAL(hint, "deployed_in");
    ontology_suggest(o, false, "mision", hint, sizeof hint);
    CU_ASSERT_STRING_EQUAL(hint, "mission");
    ontology_suggest(o, false, "deployed_in", hint, sizeof hint); /* entity kinds only */
    CU_ASSERT_STRING_EQUAL(hint, "");
    ontology_suggest(o, true, "zzzzzzzz", hint, sizeof hint);
    CU_ASSERT_STRING_EQUAL(hint, "");
    tkg_ontology_free(o);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"small ontology: kinds, parents, is_a, styles", test_small_kinds},
        {"small ontology: relation kinds and flags", test_small_relations},
        {"default ontology matches schema/ontology.xml", test_default_matches_file},
        {"default ontology: Sahel kinds", test_default_sahel_kinds},
        {"load from a file", test_load_file},
        {"error: duplicate kinds", test_error_duplicate_kinds},
        {"error: unknown parent, domain, range", test_error_unknown_names},
        {"error: roots and cycles", test_error_roots_and_cycles},
        {"error: schema violations", test_error_schema},
        {"error: malformed documents", test_error_malformed},
        {"clones are independent", test_clone_independent},
        {"did-you-mean suggestions", test_suggest},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("ontology", NULL, NULL);
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
