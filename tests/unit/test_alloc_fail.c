/* Allocation failures, in the spirit of SQLite's and jansson's malloc tests: every reader and
 * writer is run on a small input once for each allocation it makes, with that allocation
 * failing, and must then fail cleanly — TKG_ENOMEM, no crash, nothing leaked (the suite runs
 * again under AddressSanitizer, whose leak check covers this program), and no output file
 * or temporary file left behind. The allocations of tkg's own code are counted: this
 * program is linked with -Wl,--wrap for malloc, calloc, realloc, strdup and strndup, so the
 * wrappers below see every call the library makes (libxml2's and igraph's own allocations
 * live in their shared objects and are not counted).
 *
 * Usage: test_alloc_fail [SCENARIO]   (all scenarios but `add` without an argument; `add`:
 * tkg add into a SQLite base; `lexicon`: the default relation lexicon, and a lexicon whose
 * last trigger is refused; `relations`: relation drafting, src/lib/extract_relations.c with
 * extract_words.c and extract_inferred.c) */
#include "extract_actors.h"
#include "extract_dates.h"
#include "extract_relations.h"
#include "extract_sentences.h"
#include "lexicon.h"
#include "tkg.h"

#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------- the wrappers */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static atomic_long counted;      /* allocations since arm() */
static atomic_long fail_at = -1; /* the one to fail, or -1 */
static atomic_bool failed;       /* whether it was reached */

/* With TKG_ALLOC_TRACE set, the stack of each failed allocation is printed (to find the
 * caller that mishandles it: addr2line -e test_alloc_fail, or gdb). */
static bool fail_now(void)
{
    long k = atomic_fetch_add(&counted, 1);
    if (k != atomic_load(&fail_at))
        return false;
    atomic_store(&failed, true);
    if (getenv("TKG_ALLOC_TRACE")) {
        void *frames[24];
        backtrace_symbols_fd(frames, backtrace(frames, 24), 2);
    }
    errno = ENOMEM;
    return true;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fail_now() ? NULL : __real_strndup(s, n);
}

static void arm(long k)
{
    atomic_store(&failed, false);
    atomic_store(&counted, 0);
    atomic_store(&fail_at, k);
}

static void disarm(void)
{
    atomic_store(&fail_at, -1);
}

/* ------------------------------------------------------------------ inputs */

static const char xml_input[] =
    "<tkg xmlns=\"urn:tkg:1\">\n"
    "  <source id=\"s1\" title=\"T\" publisher=\"P\" url=\"https://example.org/a\""
    " published=\"2024-11-15\" lang=\"fr\"/>\n"
    "  <entity id=\"mali\" kind=\"state\" label=\"Mali\" wikidata=\"Q912\">\n"
    "    <name lang=\"en\">Mali</name><name lang=\"fr\">Mali</name></entity>\n"
    "  <entity id=\"aes\" kind=\"organization\" label=\"AES\" start=\"2023-09\"/>\n"
    "  <entity id=\"niger\" kind=\"state\" label=\"Niger\"/>\n"
    "  <entity id=\"summit\" kind=\"event\" label=\"Summit\" date=\"2024-07-06\"/>\n"
    "  <relation kind=\"member_of\" from=\"mali\" to=\"aes\" start=\"2023-09-16\">\n"
    "    <attr key=\"note\" type=\"string\">n</attr><attr key=\"n\" type=\"int\">3</attr>\n"
    "    <cite source=\"s1\">Le Mali &amp; l’AES.</cite></relation>\n"
    "  <relation kind=\"allied_with\" from=\"mali\" to=\"niger\" start=\"2023\" end=\"2024-07\">\n"
    "    <cite source=\"s1\">Alliés.</cite></relation>\n"
    "  <relation kind=\"participant_in\" from=\"niger\" to=\"summit\">\n"
    "    <cite source=\"s1\">Au sommet.</cite></relation>\n"
    "</tkg>\n";

static const char tsv_input[] =
    "John Kerry\tExpress intent to meet or negotiate\tChina\t2014-11-04\n"
    "China\tHost a visit\tJohn Kerry\t2014-11-05\n"
    "<A_b>\t<playsFor>\t<C_d>\t<occursSince>\t\"2012-##-##\"\n"
    "<A_b>\t<playsFor>\t<C_d>\t<occursUntil>\t\"2014-##-##\"\n"
    "<E>\t<isMarriedTo>\t<F>\n";

static const char graphml_input[] =
    "<?xml version=\"1.0\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"k0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"k1\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "  <key id=\"k2\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"k3\" for=\"edge\" attr.name=\"start_date\" attr.type=\"string\"/>\n"
    "  <key id=\"k4\" for=\"node\" attr.name=\"pop\" "
    "attr.type=\"long\"><default>1</default></key>\n"
    "  <key id=\"k5\" for=\"edge\" attr.name=\"citations\" attr.type=\"string\"/>\n"
    "  <key id=\"k6\" for=\"graph\" attr.name=\"sources\" attr.type=\"string\"/>\n"
    "  <graph edgedefault=\"directed\">\n"
    "    <data key=\"k6\">[{\"id\":\"s1\",\"title\":\"T\",\"url\":\"https://e.org/\"}]</data>\n"
    "    <node id=\"a\"><data key=\"k0\">A</data><data key=\"k1\">state</data></node>\n"
    "    <node id=\"b\"><data key=\"k0\">B</data><data key=\"k4\">7</data></node>\n"
    "    <edge source=\"a\" target=\"b\"><data key=\"k2\">2.5</data>"
    "<data key=\"k3\">2020-01-02</data><data key=\"k5\">[{\"source\":\"s1\",\"quote\":\"q "
    "\\u00e9\"},"
    "{\"source\":\"f.tsv\",\"locator\":\"f.tsv:3\",\"title\":\"f\"}]</data></edge>\n"
    "    <edge source=\"b\" target=\"a\"/>\n"
    "  </graph>\n"
    "</graphml>\n";

static const char csv_nodes[] = "id:ID,:LABEL,label,pop:long\n"
                                "a,state,A,3\n"
                                "b,organization,\"B, Inc\",4\n";
static const char csv_relationships[] =
    ":START_ID,:END_ID,:TYPE,start_date:date,w:double,citations\n"
    "a,b,MEMBER_OF,2020-05,1.5,\"[{\"\"source\"\":\"\"s1\"\",\"\"quote\"\":\"\"q\"\",\"\"title\"\":"
    "\"\"T\"\"}]\"\n"
    "b,a,knows,,,\n";

/* --------------------------------------------------------------- scenarios */

typedef int (*writer)(tkg_sink *, const tkg_store *, const tkg_view *, const tkg_export_options *,
                      tkg_error *);

static char work_dir[] = "/tmp/tkg-alloc-fail-XXXXXX";

/* Reads the inputs of one scenario into a finished store. */
static int load(tkg_store **out, const char *which, tkg_error *err)
{
    tkg_store *s = NULL;
    int rc = tkg_store_new(&s, NULL, err);
    if (rc == TKG_OK && strcmp(which, "xml") == 0)
        rc = tkg_read_xml_buffer(s, xml_input, sizeof xml_input - 1, "<xml>", err);
    else if (rc == TKG_OK && strcmp(which, "tsv") == 0)
        rc = tkg_read_tsv_buffer(s, tsv_input, sizeof tsv_input - 1, "<tsv>", err);
    else if (rc == TKG_OK && strcmp(which, "graphml") == 0)
        rc = tkg_read_graphml_buffer(s, graphml_input, sizeof graphml_input - 1, "<graphml>", err);
    else if (rc == TKG_OK && strcmp(which, "csv") == 0) {
        rc = tkg_read_csv_buffer(s, csv_nodes, sizeof csv_nodes - 1, "nodes.csv", err);
        if (rc == TKG_OK)
            rc = tkg_read_csv_buffer(s, csv_relationships, sizeof csv_relationships - 1,
                                     "relationships.csv", err);
    }
    if (rc == TKG_OK)
        rc = tkg_store_finish(s, err);
    if (rc != TKG_OK) {
        tkg_store_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

/* Writes the store in every format into memory, and as GraphML into a file of work_dir. */
static int write_everything(const tkg_store *s, tkg_error *err)
{
    static const writer writers[] = {
        tkg_write_graphml,           tkg_write_gexf, tkg_write_json, tkg_write_csv_nodes,
        tkg_write_csv_relationships, tkg_write_dot};
    tkg_view *v = NULL;
    tkg_view_options vo = {.has_window = true, .from = 0, .to = 30000};
    int rc = tkg_view_new(&v, s, &vo, err);
    for (size_t i = 0; rc == TKG_OK && i < sizeof writers / sizeof *writers; i++) {
        tkg_sink *out = NULL;
        rc = tkg_sink_open_memory(&out, err);
        if (rc == TKG_OK)
            rc = writers[i](out, s, i % 2 ? v : NULL, NULL, err);
        tkg_sink_free(out);
    }
    if (rc == TKG_OK) {
        char path[sizeof work_dir + 16];
        snprintf(path, sizeof path, "%s/out.graphml", work_dir);
        tkg_sink *out = NULL;
        rc = tkg_sink_open_file(&out, path, err);
        if (rc == TKG_OK)
            rc = tkg_write_graphml(out, s, v, NULL, err);
        if (rc == TKG_OK)
            rc = tkg_sink_commit(out, err);
        tkg_sink_free(out);
    }
    tkg_view_free(v);
    return rc;
}

/* Centrality over two snapshots, and communities. */
static int analyse(const tkg_store *s, tkg_error *err)
{
    static const tkg_measure m[] = {TKG_MEASURE_PAGERANK, TKG_MEASURE_BETWEENNESS};
    tkg_snapshot snaps[] = {{0, 19000}, {19000, 30000}};
    tkg_centrality_options co = {
        .measures = m, .measure_count = 2, .snapshots = snaps, .snapshot_count = 2};
    tkg_centrality *c = NULL;
    tkg_view *v = NULL;
    tkg_view_options vo = {0};
    int rc = tkg_view_new(&v, s, &vo, err);
    if (rc == TKG_OK)
        rc = tkg_centrality_compute(&c, s, v, &co, err);
    tkg_centrality_free(c);
    tkg_view_free(v);
    return rc == TKG_EINPUT ? TKG_OK : rc; /* a snapshot without relations is no failure here */
}

static int run(const char *input, bool analytics, tkg_error *err)
{
    tkg_store *s = NULL;
    int rc = load(&s, input, err);
    if (rc == TKG_OK)
        rc = analytics ? analyse(s, err) : write_everything(s, err);
    tkg_store_free(s);
    return rc;
}

/* Empties work_dir, and counts (and with `report`, names) what was in it: after a failed
 * run nothing may be left, after a successful one the output file is there. */
static int leftovers(bool report)
{
    int n = 0;
    DIR *d = opendir(work_dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            if (report)
                fprintf(stderr, "  left behind: %s\n", e->d_name);
            char path[sizeof work_dir + 300];
            snprintf(path, sizeof path, "%s/%s", work_dir, e->d_name);
            unlink(path);
            n++;
        }
    if (d)
        closedir(d);
    return n;
}

/* Runs one scenario with allocation k failing, for k = 0, 1, ... until a run makes fewer
 * allocations than k + 1 (so none failed), which must then succeed. */
static int scenario(const char *input, bool analytics)
{
    int bad = 0;
    long k = 0;
    for (;; k++) {
        tkg_error err = {0};
        arm(k);
        int rc = run(input, analytics, &err);
        disarm();
        bool hit = atomic_load(&failed);
        if (!hit) {
            if (rc != TKG_OK) {
                fprintf(stderr, "%s%s: fails without an allocation failure: %d %s\n", input,
                        analytics ? "+analytics" : "", rc, err.message);
                bad++;
            }
            break;
        }
        if (rc == TKG_OK) { /* the code had a way round the failure (a hint, a cache) */
            leftovers(false);
            continue;
        }
        if (rc != TKG_ENOMEM) {
            fprintf(stderr, "%s%s: allocation %ld failed, but the result is %d (%d: %s)\n", input,
                    analytics ? "+analytics" : "", k, rc, err.code, err.message);
            bad++;
        }
        if (leftovers(true)) {
            fprintf(stderr, "%s: allocation %ld failed and a file was left behind\n", input, k);
            bad++;
        }
    }
    leftovers(false); /* the successful run's output */
    printf("%s%s: %ld allocations, each failed once: %s\n", input, analytics ? "+analytics" : "", k,
           bad ? "FAILED" : "ok");
    return bad;
}

/* ------------------------------------------------------------------ tkg add */

static char add_dir[] = "/tmp/tkg-alloc-add-XXXXXX";

static void add_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", add_dir, name);
}

static void put_file(const char *name, const char *text)
{
    char path[sizeof add_dir + 32];
    add_path(path, sizeof path, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* What the base holds, in a few numbers. */
static void base_state(const char *base, char *out, size_t size)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    snprintf(out, size, "unreadable");
    if (sqlite3_open_v2(base, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(
            db,
            "SELECT (SELECT count(*) FROM entities) || ' ' || (SELECT count(*) "
            "FROM entities WHERE implicit) || ' ' || (SELECT count(*) FROM "
            "relations) || ' ' || (SELECT count(*) FROM citations) || ' ' || "
            "(SELECT count(*) FROM names) || ' ' || (SELECT count(*) FROM sources) || ' ' || "
            "(SELECT group_concat(id, ',') FROM (SELECT id FROM relations "
            "ORDER BY row))",
            -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* tkg_sqlite_add of the XML input and of a definition of an entity the quadruples made
 * implicitly, into a base made from the quadruples (before each run, its allocations not
 * counted), with each allocation failing once: TKG_ENOMEM and the base as it was. */
static int scenario_add(void)
{
    int bad = 0;
    long k = 0;
    char base[sizeof add_dir + 32], xml[sizeof add_dir + 32], define[sizeof add_dir + 32];
    char tsv[sizeof add_dir + 32];
    add_path(base, sizeof base, "kb.sqlite");
    add_path(xml, sizeof xml, "add.xml");
    add_path(define, sizeof define, "define.xml");
    add_path(tsv, sizeof tsv, "base.tsv");
    put_file("add.xml", xml_input);
    put_file("define.xml", "<tkg xmlns=\"urn:tkg:1\">\n"
                           "  <entity id=\"China\" kind=\"state\" label=\"China\"/>\n</tkg>\n");
    put_file("base.tsv", tsv_input);
    const char *inputs[] = {xml, define}, *first = tsv;
    char want[512] = "";
    for (;; k++) {
        char before[512], after[512];
        static const char *const suffixes[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < 3; i++) {
            char p[sizeof base + 8];
            snprintf(p, sizeof p, "%s%s", base, suffixes[i]);
            unlink(p);
        }
        tkg_error err = {0};
        if (tkg_sqlite_add(base, &first, 1, NULL, NULL, &err) != TKG_OK) {
            fprintf(stderr, "add: the base cannot be made: %s\n", err.message);
            return 1;
        }
        base_state(base, before, sizeof before);
        tkg_add_counts n;
        if (!want[0]) { /* first, what a run that succeeds makes */
            if (tkg_sqlite_add(base, inputs, 2, NULL, &n, &err) != TKG_OK) {
                fprintf(stderr, "add: fails without an allocation failure: %s\n", err.message);
                return 1;
            }
            base_state(base, want, sizeof want);
            k--;
            continue;
        }
        arm(k);
        int rc = tkg_sqlite_add(base, inputs, 2, NULL, &n, &err);
        disarm();
        base_state(base, after, sizeof after);
        if (!atomic_load(&failed)) {
            if (rc != TKG_OK || n.entities_changed != 1 || strcmp(after, want) != 0) {
                fprintf(stderr, "add: fails without an allocation failure: %d %s\n", rc,
                        err.message);
                bad++;
            }
            break;
        }
        if (rc == TKG_OK && strcmp(after, want) != 0) {
            fprintf(stderr,
                    "add: allocation %ld failed, the add succeeded, but the base is %s, "
                    "not %s\n",
                    k, after, want);
            bad++;
        }
        if (rc == TKG_OK)
            continue;
        if (rc != TKG_ENOMEM) {
            fprintf(stderr, "add: allocation %ld failed, but the result is %d (%s)\n", k, rc,
                    err.message);
            bad++;
        }
        if (strcmp(before, after) != 0) {
            fprintf(stderr, "add: allocation %ld failed and the base changed: %s, then %s\n", k,
                    before, after);
            bad++;
        }
    }
    printf("add: %ld allocations, each failed once: %s\n", k, bad ? "FAILED" : "ok");
    return bad;
}

/* ------------------------------------------------------------------ lexicon */

static const char bad_lexicon[] = "<lexicon xmlns=\"urn:tkg:lexicon:1\" name=\"t\">\n"
                                  "  <relation kind=\"leads\">\n"
                                  "    <trigger lang=\"fr\">dirigé par</trigger>\n"
                                  "    <trigger lang=\"fr\">Dirige  par</trigger>\n"
                                  "  </relation>\n"
                                  "</lexicon>\n";

/* The default lexicon loads, or fails with TKG_ENOMEM when an allocation fails; the bad one
 * fails with TKG_EINPUT, or TKG_ENOMEM. Leaks are AddressSanitizer's to find. */
static int scenario_lexicon(void)
{
    tkg_ontology *o = NULL;
    tkg_error err = {0};
    if (tkg_ontology_default(&o, &err) != TKG_OK)
        return 1;
    int bad = 0;
    for (int which = 0; which < 2; which++) {
        int before = bad;
        long k = 0;
        for (;; k++) {
            lexicon *lx = NULL;
            tkg_error_clear(&err);
            arm(k);
            int rc = which == 0 ? lexicon_default(&lx, o, &err)
                                : lexicon_load_buffer(&lx, bad_lexicon, sizeof bad_lexicon - 1,
                                                      "bad.xml", o, &err);
            disarm();
            bool hit = atomic_load(&failed);
            int want = hit ? TKG_ENOMEM : which ? TKG_EINPUT : TKG_OK;
            if (rc != want) {
                fprintf(stderr, "lexicon %d: allocation %ld: result %d, expected %d (%s)\n", which,
                        k, rc, want, err.message);
                bad++;
            }
            if ((rc == TKG_OK) != (lx != NULL)) {
                fprintf(stderr, "lexicon %d: allocation %ld: result %d with lexicon %p\n", which, k,
                        rc, (void *)lx);
                bad++;
            }
            lexicon_free(lx);
            if (!hit)
                break;
        }
        printf("lexicon %s: %ld allocations, each failed once: %s\n", which ? "refused" : "default",
               k, bad > before ? "FAILED" : "ok");
    }
    tkg_ontology_free(o);
    return bad;
}

/* ---------------------------------------------------------------- relations */

static const char relations_graph[] =
    "<tkg xmlns=\"urn:tkg:1\"><entity id=\"ecowas\" kind=\"organization\" label=\"ECOWAS\">"
    "<name lang=\"fr\">Cédéao</name></entity><entity id=\"goita\" kind=\"person\" "
    "label=\"Assimi Goïta\"/></tkg>";
static const char relations_text[] =
    "Le Mali, dirigé par Assimi Goïta depuis mai 2021, a quitté la Cédéao le 28 janvier 2024. "
    "Les autorités maliennes, le Niger et le Burkina Faso se sont alliés au Tchad.";

/* Drafting gives the drafts of a run without failures, or fails with TKG_ENOMEM and no
 * drafts when an allocation fails. The earlier steps run without failures. */
static int scenario_relations(void)
{
    tkg_error err = {0};
    tkg_ontology *o = NULL;
    tkg_store *s = NULL;
    extract_gazetteer *g = NULL;
    lexicon *lx = NULL;
    extract_span *spans = NULL;
    extract_mention *m = NULL;
    xdate *x = NULL;
    extract_draft *ref = NULL;
    size_t nref = 0;
    extract_input in = {0};
    int bad = 1;
    in.text = relations_text;
    in.len = sizeof relations_text - 1;
    in.lang = "fr";
    if (tkg_ontology_default(&o, &err) || lexicon_default(&lx, o, &err) ||
        tkg_store_new(&s, NULL, &err) ||
        tkg_read_xml_buffer(s, relations_graph, sizeof relations_graph - 1, "g.xml", &err) ||
        tkg_store_finish(s, &err) || extract_gazetteer_new(&g, s, true, &err) ||
        tkg_date_parse(&in.published, "2024-11-15", 10, &err) ||
        extract_sentences(in.text, in.len, "fr", &spans, &in.sentence_count, &err) ||
        extract_actors(g, in.text, in.len, &m, &in.mention_count, &err) ||
        xdate_extract(in.text, in.len, XDATE_FR, &in.published, &x, &in.date_count, &err)) {
        fprintf(stderr, "relations: %s\n", err.message);
        goto done;
    }
    in.sentences = spans;
    in.mentions = m;
    in.dates = x;
    in.lexicon = lx;
    in.ontology = o;
    if (extract_relations(&in, &ref, &nref, &err) || nref < 4) {
        fprintf(stderr, "relations: %zu drafts without failures (%s)\n", nref, err.message);
        goto done;
    }
    bad = 0;
    long k = 0;
    for (;; k++) {
        extract_draft *d = NULL;
        size_t n = 99;
        tkg_error_clear(&err);
        arm(k);
        int rc = extract_relations(&in, &d, &n, &err);
        disarm();
        bool hit = atomic_load(&failed);
        if (rc != (hit ? TKG_ENOMEM : TKG_OK) || (hit && (d || n)) ||
            (!hit && (n != nref || memcmp(d, ref, n * sizeof *d) != 0))) {
            fprintf(stderr, "relations: allocation %ld: result %d with %zu drafts\n", k, rc, n);
            bad++;
        }
        free(d);
        if (!hit)
            break;
    }
    printf("relations: %ld allocations, each failed once: %s\n", k, bad ? "FAILED" : "ok");
done:
    free(ref);
    free(x);
    free(m);
    free(spans);
    extract_gazetteer_free(g);
    tkg_store_free(s);
    lexicon_free(lx);
    tkg_ontology_free(o);
    return bad;
}

int main(int argc, char **argv)
{
    if (!mkdtemp(work_dir)) {
        perror("mkdtemp");
        return 1;
    }
    static const char *const inputs[] = {"xml", "tsv", "graphml", "csv"};
    int bad = 0;
    if (argc > 1 && strcmp(argv[1], "add") == 0) {
        if (!mkdtemp(add_dir)) {
            perror("mkdtemp");
            return 1;
        }
        bad += scenario_add();
        static const char *const names[] = {"kb.sqlite", "kb.sqlite-wal", "kb.sqlite-shm",
                                            "add.xml",   "define.xml",    "base.tsv"};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            char p[sizeof add_dir + 32];
            add_path(p, sizeof p, names[i]);
            unlink(p);
        }
        rmdir(add_dir);
    }
    if (argc <= 1 || strcmp(argv[1], "lexicon") == 0)
        bad += scenario_lexicon();
    if (argc <= 1 || strcmp(argv[1], "relations") == 0)
        bad += scenario_relations();
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        if (argc > 1 && strcmp(argv[1], inputs[i]) != 0)
            continue;
        bad += scenario(inputs[i], false);
        bad += scenario(inputs[i], true);
    }
    rmdir(work_dir);
    return bad ? 1 : 0;
}
