/* What include/tkg.h ("Threads") says may run at once, run at once: stores read in several
 * threads, one finished store queried and exported by several threads, file sinks opened,
 * written and committed by several threads in one directory (also onto one target). Every
 * result must equal the one the same calls give in one thread. The ThreadSanitizer build
 * (scripts/test.sh --tsan, run by .ci/run) runs this test to catch data races too. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define THREADS 4

static char inputs[3][4096]; /* graphs/sahel.xml and two quadruple samples */

/* The inputs read into a new finished store; NULL on failure. */
static tkg_store *load(void)
{
    tkg_store *s = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    if (tkg_store_new(&s, NULL, &err) != TKG_OK)
        return NULL;
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
        if (tkg_store_read_path(s, inputs[i], &err) != TKG_OK)
            goto fail;
    if (tkg_store_finish(s, &err) != TKG_OK)
        goto fail;
    return s;
fail:
    fprintf(stderr, "%s:%d:%d: error: %s\n", err.source, err.line, err.column, err.message);
    tkg_store_free(s);
    return NULL;
}

typedef int (*writer_fn)(tkg_sink *, const tkg_store *, const tkg_view *,
                         const tkg_export_options *, tkg_error *);

/* The bytes `w` writes for view `at` of `s` (at 0: the whole store), malloc'd; NULL on failure. */
static char *export_view(const tkg_store *s, int32_t at, writer_fn w, size_t *len)
{
    tkg_view *v = NULL;
    tkg_sink *out = NULL;
    char *copy = NULL;
    tkg_error err;
    tkg_error_clear(&err);
    tkg_view_options o = {.has_at = at != 0, .at = at};
    if (tkg_view_new(&v, s, &o, &err) != TKG_OK || tkg_sink_open_memory(&out, &err) != TKG_OK ||
        w(out, s, v, NULL, &err) != TKG_OK)
        goto done;
    const char *data = tkg_sink_data(out, len);
    if ((copy = malloc(*len + 1)) != NULL) {
        memcpy(copy, data, *len);
        copy[*len] = '\0';
    }
done:
    tkg_sink_free(out);
    tkg_view_free(v);
    return copy;
}

static bool same(const char *a, size_t alen, const char *b, size_t blen)
{
    return a && b && alen == blen && memcmp(a, b, alen) == 0;
}

/* ------------------------------------------------------------ one store per thread */

typedef struct {
    char *graphml, *gexf;
    size_t graphml_len, gexf_len;
} whole_export;

static void *read_and_export(void *arg)
{
    whole_export *out = arg;
    tkg_store *s = load();
    if (s) {
        out->graphml = export_view(s, 0, tkg_write_graphml, &out->graphml_len);
        out->gexf = export_view(s, 0, tkg_write_gexf, &out->gexf_len);
    }
    tkg_store_free(s);
    return NULL;
}

static void test_stores_in_threads(void)
{
    whole_export want = {0}, got[THREADS] = {{0}};
    read_and_export(&want);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want.graphml);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want.gexf);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, read_and_export, &got[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        CU_ASSERT(same(got[i].graphml, got[i].graphml_len, want.graphml, want.graphml_len));
        CU_ASSERT(same(got[i].gexf, got[i].gexf_len, want.gexf, want.gexf_len));
        free(got[i].graphml);
        free(got[i].gexf);
    }
    free(want.graphml);
    free(want.gexf);
}

/* ------------------------------------------------------------ one store, many readers */

#define DATES 6
static const char *const dates[DATES] = {"2013-04-25", "2015-06-20", "2020-08-18",
                                         "2023-06-30", "2024-01-28", "2024-11-15"};

typedef struct {
    const tkg_store *s;
    int32_t day[DATES];
    char *json[DATES];
    size_t len[DATES];
    int first; /* the date this thread starts with, so that threads differ */
} views;

static void *export_views(void *arg)
{
    views *v = arg;
    for (int k = 0; k < DATES; k++) {
        int i = (v->first + k) % DATES;
        v->json[i] = export_view(v->s, v->day[i], tkg_write_json, &v->len[i]);
    }
    return NULL;
}

static void test_one_store_many_readers(void)
{
    tkg_store *s = load();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    views want = {.s = s}, got[THREADS];
    for (int i = 0; i < DATES; i++) {
        tkg_date d;
        CU_ASSERT_EQUAL_FATAL(tkg_date_parse(&d, dates[i], strlen(dates[i]), NULL), TKG_OK);
        want.day[i] = d.first;
    }
    export_views(&want);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        got[i] = want;
        memset(got[i].json, 0, sizeof got[i].json);
        got[i].first = i;
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, export_views, &got[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    size_t distinct = 0;
    for (int d = 0; d < DATES; d++) {
        CU_ASSERT_PTR_NOT_NULL(want.json[d]);
        distinct += d == 0 || !same(want.json[d], want.len[d], want.json[d - 1], want.len[d - 1]);
        for (int i = 0; i < THREADS; i++) {
            CU_ASSERT(same(got[i].json[d], got[i].len[d], want.json[d], want.len[d]));
            free(got[i].json[d]);
        }
    }
    CU_ASSERT(distinct > 1); /* the dates give different views, so the check means something */
    for (int d = 0; d < DATES; d++)
        free(want.json[d]);
    tkg_store_free(s);
}

/* ------------------------------------------------------------ file sinks */

typedef struct {
    const tkg_store *s;
    const char *dir;
    int index;
    int failures;
} sinks;

/* Writes the whole store as GraphML into DIR/own-INDEX-K.graphml and DIR/shared.graphml,
 * three times each, committing every file. */
static void *write_files(void *arg)
{
    sinks *w = arg;
    for (int k = 0; k < 3; k++) {
        char own[4200];
        snprintf(own, sizeof own, "%s/own-%d-%d.graphml", w->dir, w->index, k);
        const char *targets[2] = {own, NULL};
        char shared[4200];
        snprintf(shared, sizeof shared, "%s/shared.graphml", w->dir);
        targets[1] = shared;
        for (int j = 0; j < 2; j++) {
            tkg_sink *out = NULL;
            tkg_error err;
            tkg_error_clear(&err);
            if (tkg_sink_open_file(&out, targets[j], &err) != TKG_OK ||
                tkg_write_graphml(out, w->s, NULL, NULL, &err) != TKG_OK ||
                tkg_sink_commit(out, &err) != TKG_OK) {
                fprintf(stderr, "%s: %s\n", targets[j], err.message);
                w->failures++;
            }
            tkg_sink_free(out);
        }
    }
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (data = malloc((size_t)st.st_size + 1)) != NULL)
        *len = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    return data;
}

static void test_file_sinks_in_threads(void)
{
    tkg_store *s = load();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    size_t want_len = 0;
    char *want = export_view(s, 0, tkg_write_graphml, &want_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    char dir[] = "/tmp/tkg-test-threads-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    sinks w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (sinks){.s = s, .dir = dir, .index = i};
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, write_files, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        CU_ASSERT_EQUAL(w[i].failures, 0);
    }
    char path[4200];
    for (int i = 0; i <= THREADS; i++) {
        for (int k = 0; k < (i < THREADS ? 3 : 1); k++) {
            if (i < THREADS)
                snprintf(path, sizeof path, "%s/own-%d-%d.graphml", dir, i, k);
            else
                snprintf(path, sizeof path, "%s/shared.graphml", dir);
            size_t len = 0;
            char *got = slurp(path, &len);
            CU_ASSERT(same(got, len, want, want_len));
            free(got);
            unlink(path);
        }
    }
    /* Nothing else is left: no temporary file of any sink. */
    CU_ASSERT_EQUAL(rmdir(dir), 0);
    free(want);
    tkg_store_free(s);
}

int main(void)
{
    const char *src = getenv("TKG_SOURCE_DIR");
    if (!src)
        src = ".";
    snprintf(inputs[0], sizeof inputs[0], "%s/graphs/sahel.xml", src);
    snprintf(inputs[1], sizeof inputs[1], "%s/tests/data/ok/icews_sample.tsv", src);
    snprintf(inputs[2], sizeof inputs[2], "%s/tests/data/ok/yago_sample.tsv", src);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("threads", NULL, NULL);
    CU_add_test(suite, "one store per thread: read and export", test_stores_in_threads);
    CU_add_test(suite, "one finished store, views and exports in threads",
                test_one_store_many_readers);
    CU_add_test(suite, "file sinks committed in threads, one target shared",
                test_file_sinks_in_threads);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
