/* Unit tests for src/lib/read_csv.c: Neo4j import headers, RFC 4180 quoting, typed columns,
 * and every refusal with its line and column. Expected values are written by hand (days from
 * 1970-01-01 computed with Python's datetime). */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct problems {
    char text[8192];
    int count;
} problems;

static void collect(void *ctx, const tkg_error *e)
{
    problems *p = ctx;
    size_t used = strlen(p->text);
    snprintf(p->text + used, sizeof p->text - used, "%s:%d:%d: %s\n", e->source, e->line, e->column,
             e->message);
    p->count++;
}

static tkg_store *new_store(problems *p)
{
    memset(p, 0, sizeof *p);
    tkg_store_options opt = {.report = collect, .report_ctx = p};
    tkg_store *s = NULL;
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_store_new(&s, &opt, &err) == TKG_OK);
    return s;
}

static int read_text(tkg_store *s, const char *name, const char *text)
{
    tkg_error err = {0};
    return tkg_read_csv_buffer(s, text, strlen(text), name, &err);
}

static int finish(tkg_store *s)
{
    tkg_error err = {0};
    return tkg_store_finish(s, &err);
}

/* True when "FILE:LINE:COL: ...MESSAGE..." was reported. */
static bool has(const problems *p, const char *where, const char *message)
{
    for (const char *line = p->text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        char one[512];
        snprintf(one, sizeof one, "%.*s", (int)n, line);
        if (strncmp(one, where, strlen(where)) == 0 && one[strlen(where)] == ':' &&
            strstr(one, message))
            return true;
        line += n + (nl != NULL);
    }
    fprintf(stderr, "\n  expected %s: ...%s... among:\n%s", where, message, p->text);
    return false;
}

static const char *attr_of(const tkg_store *s, bool relation, uint32_t row, const char *key,
                           tkg_attr_type *type)
{
    size_t n = relation ? tkg_relation_attr_count(s, row) : tkg_entity_attr_count(s, row);
    for (size_t i = 0; i < n; i++) {
        tkg_attr a = relation ? tkg_relation_attr(s, row, i) : tkg_entity_attr(s, row, i);
        if (strcmp(a.key, key) == 0) {
            if (type)
                *type = a.type;
            return a.value;
        }
    }
    return NULL;
}

static const char *kind_of(const tkg_store *s, uint32_t e)
{
    return tkg_entity_kind_name(tkg_store_ontology(s), tkg_entity_kind(s, e));
}

/* ------------------------------------------------------------ reading */

static const char nodes[] =
    "id:ID,:LABEL,label,founded:date,members:int,score:double,active:boolean,note,skip:IGNORE\n"
    "minusma,Mission;Organization,MINUSMA,2013-04,\" 15000 \",1.5,TRUE,\"a, b\",x\n"
    "goita,Person;Leader,\"Assimi Go\xc3\xafta\",,,,,\"he said \"\"non\"\"\n"
    "twice\",\n"
    "mali,State,Mali,,,,,,\n"
    "\n"
    "x,Protein,,,,,,,\n";

static const char rels[] = ":START_ID,:END_ID,:TYPE,start,end:date,weight:double\r\n"
                           "minusma,mali,DEPLOYED_IN,2013-04-25,2024-11-15,2\r\n"
                           "goita,mali,leads,2021-05,,\r\n"
                           "x,mali,binds,,,";

static void test_nodes_and_relationships(void)
{
    problems p;
    tkg_store *s = new_store(&p);
    /* relationships first: endpoints are resolved when the store is finished */
    CU_ASSERT_EQUAL(read_text(s, "rels.csv", rels), TKG_OK);
    CU_ASSERT_EQUAL(read_text(s, "nodes.csv", nodes), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(s), TKG_OK);
    if (p.count)
        fprintf(stderr, "\n%s", p.text);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), 4);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 3);
    uint32_t m = tkg_store_find_entity(s, "minusma"), g = tkg_store_find_entity(s, "goita");
    uint32_t mali = tkg_store_find_entity(s, "mali"), x = tkg_store_find_entity(s, "x");
    CU_ASSERT_FATAL(m != TKG_NO_ENTITY && g != TKG_NO_ENTITY && mali != TKG_NO_ENTITY &&
                    x != TKG_NO_ENTITY);
    CU_ASSERT_STRING_EQUAL(kind_of(s, m), "mission");
    CU_ASSERT_STRING_EQUAL(kind_of(s, g), "person");
    CU_ASSERT_STRING_EQUAL(kind_of(s, mali), "state");
    CU_ASSERT_STRING_EQUAL(kind_of(s, x), "entity");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, g, NULL), "Assimi Go\xc3\xafta");
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, x, NULL), "x");
    tkg_attr_type t;
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, m, "founded", &t), "2013-04");
    CU_ASSERT_EQUAL(t, TKG_ATTR_DATE);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, m, "members", &t), "15000");
    CU_ASSERT_EQUAL(t, TKG_ATTR_INT);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, m, "score", &t), "1.5");
    CU_ASSERT_EQUAL(t, TKG_ATTR_DOUBLE);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, m, "active", &t), "true");
    CU_ASSERT_EQUAL(t, TKG_ATTR_BOOL);
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, m, "note", NULL), "a, b");
    CU_ASSERT_PTR_NULL(attr_of(s, false, m, "skip", NULL));
    CU_ASSERT_PTR_NULL(attr_of(s, false, m, "labels", NULL)); /* both labels are kinds */
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, g, "note", NULL), "he said \"non\"\ntwice");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, g, "labels", NULL), "Leader");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, x, "labels", NULL), "Protein");
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, mali), 0); /* empty fields are no values */

    const tkg_ontology *o = tkg_store_ontology(s);
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, tkg_relation_kind(s, 0)), "deployed_in");
    CU_ASSERT_FALSE(tkg_relation_kind_implicit(o, tkg_relation_kind(s, 0)));
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 0).start, 15820);    /* 2013-04-25 */
    CU_ASSERT_EQUAL(tkg_relation_interval(s, 0).end_excl, 20043); /* 2024-11-16 */
    CU_ASSERT_STRING_EQUAL(attr_of(s, true, 0, "weight", NULL), "2");
    CU_ASSERT_STRING_EQUAL(tkg_relation_start(s, 1).raw, "2021-05");
    CU_ASSERT_EQUAL(tkg_relation_start(s, 1).precision, TKG_PREC_MONTH);
    CU_ASSERT_PTR_NULL(tkg_relation_end(s, 1).raw);
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(o, tkg_relation_kind(s, 2)), "binds");
    CU_ASSERT_TRUE(tkg_relation_kind_implicit(o, tkg_relation_kind(s, 2)));
    /* each row cites its file and line */
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, mali), 1);
    tkg_citation c = tkg_entity_citation(s, mali, 0);
    CU_ASSERT_EQUAL(c.line, 5);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, c.source), "nodes.csv");
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 2, 0).line, 4);
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 2);
    tkg_store_free(s);
}

static void test_dates_columns(void)
{
    static const char doc[] =
        "id:ID,kind,start_date:date,end_date:date,start_raw,end_raw,precision,wikidata\n"
        "a,mission,2024-07-01,2024-07-31,2024-07,2024-07,month,Q1\n"
        "b,,2024-07-01,2024-12-31,,,year,Qx\n";
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL(read_text(s, "n.csv", doc), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(s), TKG_OK);
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    CU_ASSERT_STRING_EQUAL(kind_of(s, a), "mission");
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, a).raw, "2024-07");
    CU_ASSERT_STRING_EQUAL(tkg_entity_end(s, a).raw, "2024-07");
    CU_ASSERT_STRING_EQUAL(tkg_entity_external_id(s, a), "Q1");
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, a), 0);
    CU_ASSERT_STRING_EQUAL(tkg_entity_start(s, b).raw, "2024");
    CU_ASSERT_EQUAL(tkg_entity_start(s, b).precision, TKG_PREC_YEAR);
    CU_ASSERT_EQUAL(tkg_entity_lifespan(s, b).start, 19723); /* 2024-01-01 */
    CU_ASSERT_PTR_NULL(tkg_entity_external_id(s, b));
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, b, "wikidata", NULL), "Qx");
    tkg_store_free(s);
}

static void test_named_ids(void)
{
    /* name:ID also gives the property `name` (the label here); a relationship's `id` column
     * is its id; ID spaces are accepted */
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL(read_text(s, "n.csv", "name:ID(Person),born:int\nAssimi Go\xc3\xafta,1983\n"),
                    TKG_OK);
    CU_ASSERT_EQUAL(read_text(s, "r.csv",
                              ":START_ID(Person),:END_ID(Person),id\n"
                              "Assimi Go\xc3\xafta,Assimi Go\xc3\xafta,r7\n"),
                    TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(s), TKG_OK);
    uint32_t e = tkg_store_find_entity(s, "Assimi Go\xc3\xafta");
    CU_ASSERT_FATAL(e != TKG_NO_ENTITY);
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, e, NULL), "Assimi Go\xc3\xafta");
    CU_ASSERT_EQUAL(tkg_entity_attr_count(s, e), 1);
    CU_ASSERT_STRING_EQUAL(tkg_relation_id(s, 0), "r7");
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    CU_ASSERT_STRING_EQUAL(tkg_relation_kind_name(tkg_store_ontology(s), tkg_relation_kind(s, 0)),
                           "related_to");
    tkg_store_free(s);
}

static void test_errors(void)
{
    static const struct {
        const char *doc, *where, *message;
    } cases[] = {
        {"id:ID,label\na,b\xff\n", "c.csv:2:4", "invalid UTF-8"},
        {"id:ID,label\na,\xc3\xa9\xe2\x82\n", "c.csv:2:4", "invalid UTF-8"},
        {"id:ID,label\nab,c\0d\n", "c.csv:2:5", "NUL byte in input"},
        {"id:ID,label\na,b\"c\n", "c.csv:2:4", "quote inside an unquoted field"},
        {"id:ID,label\na,\"b\"c\n", "c.csv:2:6", "'c' after the closing quote"},
        {"id:ID,label\na,b\nc,\"d\ne\n", "c.csv:3:3", "unterminated quoted field"},
        {"id:ID,label\na,b,c\n", "c.csv:2:1", "expected 2 fields as in the header, found 3"},
        {"label,id:ID\nb,\n", "c.csv:2:3", "empty :ID"},
        {"id:ID\na\nb\n\"a\"\n", "c.csv:4:2", "duplicate node id 'a' (first defined at line 2)"},
        {"id:ID,n:int\na,1.5\n", "c.csv:2:3", "n: '1.5' is not a valid int"},
        {"id:ID,start\na,2023-02-29\n", "c.csv:2:11", "start: invalid date '2023-02-29'"},
        {"id:ID,d:date\na,\"2024-13\"\n", "c.csv:2:4", "d: '2024-13' is not a valid date"},
        {"id:ID,n:integer\n", "c.csv:1:9", "unknown column type 'integer'"},
        {"id:ID,n:int[]\n", "c.csv:1:9", "array type 'int[]' is not supported"},
        {"id:ID,:int\n", "c.csv:1:7", "a property column needs a name before ':int'"},
        {"a,b\nx,y\n", "c.csv:1:1", "not a Neo4j import header"},
        {":ID,:START_ID,:END_ID\n", "c.csv:1:1", "both :ID (nodes) and :START_ID/:END_ID"},
        {":START_ID,x\n", "c.csv:1:1", "needs both :START_ID and :END_ID"},
        {":ID,:TYPE\n", "c.csv:1:5", ":TYPE belongs in a relationships file"},
        {":START_ID,:END_ID,:LABEL\n", "c.csv:1:19", ":LABEL belongs in a nodes file"},
        {":ID,x,:ID(S)\n", "c.csv:1:7", "a second :ID column"},
        {":ID,x,y,x:int\n", "c.csv:1:9", "a second column named 'x'"},
        {":START_ID,:END_ID,:TYPE\na,b,\n", "c.csv:2:5", "empty :TYPE"},
        {"", "c.csv:1:1", "empty file"},
        {"\xef\xbb\xbf\n\n", "c.csv:1:1", "empty file"},
        {":ID,:LABEL,kind\na,State,person\n", "c.csv:2:9",
         "kind 'person' disagrees with the kind 'state' of :LABEL"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        problems p;
        tkg_store *s = new_store(&p);
        tkg_error err = {0};
        size_t len = strlen(cases[i].doc);
        if (i == 2)
            len = 19; /* the NUL byte */
        int rc = tkg_read_csv_buffer(s, cases[i].doc, len, "c.csv", &err);
        CU_ASSERT_EQUAL(rc, TKG_EINPUT);
        if (!has(&p, cases[i].where, cases[i].message))
            fprintf(stderr, "  (case %zu)\n", i);
        CU_ASSERT(has(&p, cases[i].where, cases[i].message));
        tkg_store_free(s);
    }
}

/* tkg's `citations` column: citations with their sources' metadata inline; the file itself is
 * no source, and a row without citations cites nothing. */
static void test_citations_read_back(void)
{
    static const char n[] =
        "id:ID,:LABEL,citations\n"
        "a,state,\"[{\"\"source\"\":\"\"doc1\"\",\"\"quote\"\":\"\"A, \\\"\"x\\\"\"\"\","
        "\"\"title\"\":\"\"T\"\"}]\"\n"
        "b,organization,\n";
    static const char r[] =
        ":START_ID,:END_ID,:TYPE,start,sources,support:long,quote,citations\n"
        "a,b,member_of,2020,doc1|f.tsv,2,q,\"[{\"\"source\"\":\"\"doc1\"\",\"\"quote\"\":"
        "\"\"q\"\"},{\"\"source\"\":\"\"f.tsv\"\",\"\"locator\"\":\"\"f.tsv:7\"\","
        "\"\"title\"\":\"\"f\"\"}]\"\n";
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL_FATAL(read_text(s, "n.csv", n), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(read_text(s, "r.csv", r), TKG_OK);
    if (finish(s) != TKG_OK)
        fprintf(stderr, "\n%s", p.text);
    CU_ASSERT_EQUAL_FATAL(tkg_store_error_count(s), 0);
    CU_ASSERT_EQUAL(tkg_store_source_count(s), 2);
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, 0), "T");
    CU_ASSERT_STRING_EQUAL(tkg_source_title(s, 1), "f");
    uint32_t a = tkg_store_find_entity(s, "a"), b = tkg_store_find_entity(s, "b");
    CU_ASSERT_EQUAL_FATAL(tkg_entity_citation_count(s, a), 1);
    CU_ASSERT_STRING_EQUAL(tkg_entity_citation(s, a, 0).quote, "A, \"x\"");
    CU_ASSERT_EQUAL(tkg_entity_citation_count(s, b), 0);
    CU_ASSERT_EQUAL_FATAL(tkg_relation_citation_count(s, 0), 2);
    CU_ASSERT_STRING_EQUAL(tkg_relation_citation(s, 0, 0).quote, "q");
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 0, 1).line, 7);
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 0, 1).source, 1);
    /* sources, support and quote follow from the citations: not attributes */
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    tkg_store_free(s);
    s = new_store(&p);
    CU_ASSERT_EQUAL(read_text(s, "c.csv",
                              ":START_ID,:END_ID,citations\n"
                              "a,b,\"[{\"\"source\"\":1}]\"\n"),
                    TKG_EINPUT);
    CU_ASSERT(has(&p, "c.csv:2:6",
                  "citations: not tkg's JSON at byte 12: a member's value must be a string"));
    CU_ASSERT_EQUAL(p.count, 1);
    tkg_store_free(s);
}

static void test_errors_are_all_reported(void)
{
    /* a bad row is skipped and reading goes on; a dangling endpoint is found at the end */
    static const char doc[] = ":START_ID,:END_ID,n:int\n"
                              "a,b,x\n"
                              "a,\"b\n"
                              "\",1\n"
                              "a,zz,2\n";
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL(read_text(s, "n.csv", ":ID\na\nb\n"), TKG_OK);
    CU_ASSERT_EQUAL(read_text(s, "r.csv", doc), TKG_EINPUT);
    CU_ASSERT(has(&p, "r.csv:2:5", "n: 'x' is not a valid int"));
    CU_ASSERT_EQUAL(p.count, 1);
    CU_ASSERT_EQUAL(finish(s), TKG_EINPUT);
    CU_ASSERT(has(&p, "r.csv:3:4", "unknown entity 'b '"));
    CU_ASSERT(has(&p, "r.csv:5:3", "unknown entity 'zz'"));
    tkg_store_free(s);
}

/* ------------------------------------------------------------ files */

/* A file over the reader's 1 MiB chunk, with quoted line breaks and CRLF everywhere, reads as
 * the same buffer does. */
static void test_file_in_chunks(void)
{
    char path[] = "/tmp/tkg-test-csv-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("\xef\xbb\xbfid:ID,label,n:long\r\n", f);
    const int rows = 30000; /* about 1.6 MB */
    for (int i = 0; i < rows; i++)
        fprintf(f, "n%d,\"node %d, \"\"quoted\"\"\r\nsecond line of a long label\",%d\r\n", i, i,
                i);
    CU_ASSERT_FATAL(fclose(f) == 0);
    problems p;
    tkg_store *s = new_store(&p);
    tkg_error err = {0};
    CU_ASSERT_EQUAL(tkg_read_csv_file(s, path, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(s), TKG_OK);
    CU_ASSERT_EQUAL(tkg_store_entity_count(s), (size_t)rows);
    uint32_t e = tkg_store_find_entity(s, "n29999");
    CU_ASSERT_FATAL(e != TKG_NO_ENTITY);
    CU_ASSERT_STRING_EQUAL(tkg_entity_label(s, e, NULL),
                           "node 29999, \"quoted\"\r\nsecond line of a long label");
    CU_ASSERT_STRING_EQUAL(attr_of(s, false, e, "n", NULL), "29999");
    CU_ASSERT_EQUAL(tkg_entity_citation(s, e, 0).line, 2 + 2 * 29999);
    tkg_store_free(s);
    unlink(path);

    s = new_store(&p);
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_read_csv_file(s, "/nonexistent/x.csv", &err), TKG_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(err.message, "cannot open: no such file or directory");
    tkg_store_free(s);
}

/* ------------------------------------------------------------ round trip */

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static char *write_csv(const tkg_store *s, bool relationships)
{
    tkg_sink *sink = NULL;
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_sink_open_memory(&sink, &err) == TKG_OK);
    int rc = relationships ? tkg_write_csv_relationships(sink, s, NULL, NULL, &err)
                           : tkg_write_csv_nodes(sink, s, NULL, NULL, &err);
    CU_ASSERT_FATAL(rc == TKG_OK);
    size_t len;
    const char *data = tkg_sink_data(sink, &len);
    char *copy = malloc(len + 1);
    CU_ASSERT_FATAL(copy != NULL);
    memcpy(copy, data, len);
    copy[len] = '\0';
    tkg_sink_free(sink);
    return copy;
}

/* sahel.xml written by tkg's CSV writers and read back is the same graph; the expected values
 * come from the TKG-XML reader. */
static void test_round_trip_sahel(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/graphs/sahel.xml", dir);
    problems p;
    tkg_store *a = new_store(&p);
    tkg_error err = {0};
    CU_ASSERT_FATAL(tkg_read_xml_file(a, path, &err) == TKG_OK);
    CU_ASSERT_FATAL(finish(a) == TKG_OK);
    char *n = write_csv(a, false), *r = write_csv(a, true);
    tkg_store *b = new_store(&p);
    CU_ASSERT_EQUAL(read_text(b, "relationships.csv", r), TKG_OK);
    CU_ASSERT_EQUAL(read_text(b, "nodes.csv", n), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(b), TKG_OK);
    if (p.count)
        fprintf(stderr, "\n%s", p.text);
    const tkg_ontology *oa = tkg_store_ontology(a), *ob = tkg_store_ontology(b);
    CU_ASSERT_EQUAL(tkg_store_entity_count(b), tkg_store_entity_count(a));
    size_t same_entities = 0;
    for (uint32_t e = 0; e < tkg_store_entity_count(a); e++) {
        uint32_t f = tkg_store_find_entity(b, tkg_entity_id(a, e));
        CU_ASSERT_FATAL(f != TKG_NO_ENTITY);
        tkg_bound sa = tkg_entity_start(a, e), sb = tkg_entity_start(b, f);
        tkg_bound ea = tkg_entity_end(a, e), eb = tkg_entity_end(b, f);
        same_entities += tkg_entity_kind(a, e) == tkg_entity_kind(b, f) &&
                         strcmp(tkg_entity_label(a, e, NULL), tkg_entity_label(b, f, NULL)) == 0 &&
                         same_text(sa.raw, sb.raw) && sa.precision == sb.precision &&
                         same_text(ea.raw, eb.raw) && ea.precision == eb.precision &&
                         same_text(tkg_entity_external_id(a, e), tkg_entity_external_id(b, f));
    }
    CU_ASSERT_EQUAL(same_entities, tkg_store_entity_count(a));
    /* relations come back in the order they were written, which is the store's */
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(b), tkg_store_relation_count(a));
    size_t same_relations = 0;
    for (uint32_t i = 0; i < tkg_store_relation_count(a); i++) {
        tkg_bound sa = tkg_relation_start(a, i), sb = tkg_relation_start(b, i);
        tkg_bound ea = tkg_relation_end(a, i), eb = tkg_relation_end(b, i);
        same_relations +=
            strcmp(tkg_relation_kind_name(oa, tkg_relation_kind(a, i)),
                   tkg_relation_kind_name(ob, tkg_relation_kind(b, i))) == 0 &&
            strcmp(tkg_entity_id(a, tkg_relation_from(a, i)),
                   tkg_entity_id(b, tkg_relation_from(b, i))) == 0 &&
            strcmp(tkg_entity_id(a, tkg_relation_to(a, i)),
                   tkg_entity_id(b, tkg_relation_to(b, i))) == 0 &&
            same_text(sa.raw, sb.raw) && sa.precision == sb.precision &&
            same_text(ea.raw, eb.raw) && ea.precision == eb.precision &&
            tkg_relation_interval(a, i).start == tkg_relation_interval(b, i).start &&
            tkg_relation_interval(a, i).end_excl == tkg_relation_interval(b, i).end_excl;
    }
    CU_ASSERT_EQUAL(same_relations, tkg_store_relation_count(a));
    free(n);
    free(r);
    tkg_store_free(a);
    tkg_store_free(b);
}

/* Issue 10 #4: rows of one relation whose attributes differ were merged into the first,
 * dropping the others' values. They are relations of their own now; rows that agree are one
 * relation citing each line. */
static void test_parallel_rows_keep_attributes(void)
{
    static const char rows[] = ":START_ID,:END_ID,:TYPE,value:int,note\n"
                               "a,b,KNOWS,1,\n"
                               "a,b,KNOWS,2,\n"
                               "a,b,KNOWS,3,\n"
                               "a,b,KNOWS,2,\n"
                               "a,b,KNOWS,,x\n";
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL(read_text(s, "rels.csv", rows), TKG_OK);
    CU_ASSERT_EQUAL(read_text(s, "nodes.csv", ":ID\na\nb\n"), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(finish(s), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 3);
    static const char *const values[] = {"1", "2", "3"};
    static const size_t cites[] = {2, 2, 1}; /* lines 2 and 6 (the note agrees), 3 and 5, 4 */
    for (uint32_t r = 0; r < 3; r++) {
        tkg_attr_type t = TKG_ATTR_STRING;
        const char *v = attr_of(s, true, r, "value", &t);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_STRING_EQUAL(v, values[r]);
        CU_ASSERT_EQUAL(t, TKG_ATTR_INT);
        CU_ASSERT_EQUAL(tkg_relation_citation_count(s, r), cites[r]);
    }
    const char *note = attr_of(s, true, 0, "note", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(note);
    CU_ASSERT_STRING_EQUAL(note, "x");
    CU_ASSERT_EQUAL(tkg_relation_citation(s, 0, 1).line, 6);
    tkg_store_free(s);
}

/* Found by fuzz/fuzz_write_roundtrip.c: tkg's own CSV of a relation that cites nothing
 * (support 0, no citations) gave it an attribute `support`, and a source without any
 * metadata (its citation object is {"source": ...} alone) was never defined, so the export
 * did not read back. */
static void test_own_export_details(void)
{
    static const char n[] = "id:ID,:LABEL,citations\n"
                            "a,state,\"[{\"\"source\"\":\"\"bare\"\",\"\"quote\"\":\"\"q\"\"}]\"\n"
                            "b,state,\n";
    static const char r[] = ":START_ID,:END_ID,:TYPE,sources,support:long,quote,citations\n"
                            "a,b,established_by,,0,,\n";
    problems p;
    tkg_store *s = new_store(&p);
    CU_ASSERT_EQUAL_FATAL(read_text(s, "nodes.csv", n), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(read_text(s, "relationships.csv", r), TKG_OK);
    CU_ASSERT_EQUAL(finish(s), TKG_OK);
    if (p.count)
        fprintf(stderr, "\n%s", p.text);
    CU_ASSERT_EQUAL_FATAL(tkg_store_source_count(s), 1);
    CU_ASSERT_STRING_EQUAL(tkg_source_id(s, 0), "bare");
    CU_ASSERT_PTR_NULL(tkg_source_title(s, 0));
    CU_ASSERT_EQUAL_FATAL(tkg_store_relation_count(s), 1);
    CU_ASSERT_EQUAL(tkg_relation_attr_count(s, 0), 0);
    CU_ASSERT_EQUAL(tkg_relation_citation_count(s, 0), 0);
    tkg_store_free(s);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite("read_csv", NULL, NULL);
    CU_add_test(suite, "nodes and relationships", test_nodes_and_relationships);
    CU_add_test(suite, "date columns", test_dates_columns);
    CU_add_test(suite, "named ids", test_named_ids);
    CU_add_test(suite, "errors", test_errors);
    CU_add_test(suite, "errors are all reported", test_errors_are_all_reported);
    CU_add_test(suite, "file in chunks", test_file_in_chunks);
    CU_add_test(suite, "round trip of sahel.xml", test_round_trip_sahel);
    CU_add_test(suite, "citations read back", test_citations_read_back);
    CU_add_test(suite, "parallel rows keep their attributes", test_parallel_rows_keep_attributes);
    CU_add_test(suite, "details of tkg's own export", test_own_export_details);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
