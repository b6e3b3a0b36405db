/* Times the library stages of tkg extract one by one on an article (bench/README.md,
 * "Drafting facts"): reading the --graph inputs into a store, building the gazetteer from it
 * and the bundled states, reading the article's text, its sentences (ICU), its actor mentions,
 * its temporal expressions. Each stage runs ROUNDS times; prints, per stage, the median CPU
 * time of a run (clock()) and what it found.
 * Usage: extract_stages_time fr|en PUBLISHED ROUNDS ARTICLE [GRAPH...] */
#include "extract_actors.h"
#include "extract_dates.h"
#include "extract_sentences.h"
#include "extract_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ST_GRAPH, ST_GAZETTEER, ST_TEXT, ST_SENTENCES, ST_ACTORS, ST_DATES, ST_COUNT };
static const char *const stage_names[ST_COUNT] = {"graphs",    "gazetteer", "text",
                                                  "sentences", "actors",    "dates"};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double seconds(clock_t t0)
{
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void print_error(const tkg_error *err)
{
    if (err->source[0] && err->line > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err->source, err->line, err->column, err->message);
    else if (err->source[0])
        fprintf(stderr, "%s: error: %s\n", err->source, err->message);
    else
        fprintf(stderr, "extract_stages_time: error: %s\n", err->message);
}

int main(int argc, char **argv)
{
    tkg_error err;
    tkg_date pub;
    double *times = NULL;
    size_t found[ST_COUNT] = {0};
    int status = 1, rounds;
    tkg_error_clear(&err);
    if (argc < 5 || (strcmp(argv[1], "fr") != 0 && strcmp(argv[1], "en") != 0) ||
        (rounds = atoi(argv[3])) < 1) {
        fprintf(stderr, "usage: extract_stages_time fr|en PUBLISHED ROUNDS ARTICLE [GRAPH...]\n");
        return 2;
    }
    if (tkg_date_parse(&pub, argv[2], strlen(argv[2]), &err) != TKG_OK) {
        fprintf(stderr, "<argument>:1:%d: error: %s\n", err.column, err.message);
        return 2;
    }
    times = calloc((size_t)rounds * ST_COUNT, sizeof *times);
    if (!times)
        goto done;
    for (int r = 0; r < rounds; r++) {
        tkg_store *store = NULL;
        extract_gazetteer *g = NULL;
        char *text = NULL;
        size_t len = 0, n;
        extract_span *spans = NULL;
        extract_mention *m = NULL;
        xdate *x = NULL;
        int ok = 0;
        double *t = times + (size_t)r * ST_COUNT;
        clock_t t0 = clock();
        if (tkg_store_new(&store, NULL, &err) != TKG_OK)
            goto round_done;
        for (int a = 5; a < argc; a++)
            if (tkg_store_read_path(store, argv[a], &err) != TKG_OK)
                goto round_done;
        if (tkg_store_finish(store, &err) != TKG_OK)
            goto round_done;
        t[ST_GRAPH] = seconds(t0);
        found[ST_GRAPH] = tkg_store_entity_count(store);
        t0 = clock();
        if (extract_gazetteer_new(&g, argc > 5 ? store : NULL, true, &err) != TKG_OK)
            goto round_done;
        t[ST_GAZETTEER] = seconds(t0);
        found[ST_GAZETTEER] = extract_gazetteer_size(g);
        t0 = clock();
        if (extract_text_file(argv[4], EXTRACT_AUTO, UINT64_MAX, &text, &len, &err) != TKG_OK)
            goto round_done;
        t[ST_TEXT] = seconds(t0);
        found[ST_TEXT] = len;
        t0 = clock();
        if (extract_sentences(text, len, argv[1], &spans, &n, &err) != TKG_OK)
            goto round_done;
        t[ST_SENTENCES] = seconds(t0);
        found[ST_SENTENCES] = n;
        t0 = clock();
        if (extract_actors(g, text, len, &m, &n, &err) != TKG_OK)
            goto round_done;
        t[ST_ACTORS] = seconds(t0);
        found[ST_ACTORS] = n;
        t0 = clock();
        if (xdate_extract(text, len, argv[1][0] == 'f' ? XDATE_FR : XDATE_EN, &pub, &x, &n, &err) !=
            TKG_OK)
            goto round_done;
        t[ST_DATES] = seconds(t0);
        found[ST_DATES] = n;
        ok = 1;
    round_done:
        free(x);
        free(m);
        free(spans);
        free(text);
        extract_gazetteer_free(g);
        tkg_store_free(store);
        if (!ok) {
            print_error(&err);
            goto done;
        }
    }
    printf("stage\tfound\tmedian_cpu_s\tmin_cpu_s\n");
    for (int s = 0; s < ST_COUNT; s++) {
        double *col = malloc((size_t)rounds * sizeof *col);
        if (!col)
            goto done;
        for (int r = 0; r < rounds; r++)
            col[r] = times[(size_t)r * ST_COUNT + (size_t)s];
        qsort(col, (size_t)rounds, sizeof *col, cmp_double);
        printf("%s\t%zu\t%.4f\t%.4f\n", stage_names[s], found[s], col[rounds / 2], col[0]);
        free(col);
    }
    status = 0;
done:
    free(times);
    return status;
}
