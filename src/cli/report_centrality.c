/* tkg report's centrality: the actors' measures in the latest snapshot (centrality.csv) and
 * in the windows of the whole history (centrality-series.csv), and the chart of their
 * PageRank ranks (ranks.svg). cmd_report.c also draws and exports with these values. */
#include "analytics_args.h"
#include "output.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const tkg_measure measures[] = {TKG_MEASURE_DEGREE, TKG_MEASURE_BETWEENNESS,
                                       TKG_MEASURE_HARMONIC, TKG_MEASURE_PAGERANK};
enum { MEASURES = 4, PAGERANK = REPORT_PAGERANK };

/* Writes DIR/NAME from the text that `fill` writes into a stream, atomically, and prints the
 * path. */
static int write_text(const char *dir, const char *name, int (*fill)(FILE *f, void *ctx), void *ctx)
{
    char *path = report_path(dir, name), *text = NULL;
    size_t len = 0;
    tkg_sink *out = NULL;
    tkg_error err = {0};
    FILE *f = path ? open_memstream(&text, &len) : NULL;
    int rc = EXIT_IO;
    if (!f) {
        cli_nomem();
        goto done;
    }
    int filled = fill(f, ctx);
    if (fclose(f) != 0 || filled != EXIT_OK) {
        rc = filled != EXIT_OK ? filled : EXIT_IO;
        if (filled == EXIT_OK)
            cli_nomem();
        goto done;
    }
    if (tkg_sink_open_file(&out, path, &err) != TKG_OK ||
        tkg_sink_write(out, text, len, &err) != TKG_OK || tkg_sink_commit(out, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    report_print_path(path);
    rc = EXIT_OK;
done:
    tkg_sink_free(out);
    free(text);
    free(path);
    return rc;
}

typedef struct table_ctx {
    const tkg_centrality *c;
    const tkg_store *s;
    const char *lang;
} table_ctx;

typedef struct ranked {
    uint32_t rank;
    const char *id;
    size_t i;
} ranked;

static int by_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* centrality.csv: entity, label, kind, then each measure and its rank; by PageRank rank, then
 * by id. */
static int fill_table(FILE *f, void *ctx)
{
    const table_ctx *t = ctx;
    const tkg_ontology *o = tkg_store_ontology(t->s);
    static const char *const columns[] = {
        "entity",           "label",    "kind",          "degree",   "degree_rank",  "betweenness",
        "betweenness_rank", "harmonic", "harmonic_rank", "pagerank", "pagerank_rank"};
    size_t n = 0, ne = tkg_centrality_entity_count(t->c);
    ranked *rows = malloc((ne ? ne : 1) * sizeof *rows);
    table *tab = table_new(columns, 3 + 2 * MEASURES);
    int rc = rows && tab ? EXIT_OK : EXIT_IO;
    for (size_t i = 0; i < ne && rc == EXIT_OK; i++) {
        uint32_t r = tkg_centrality_rank(t->c, PAGERANK, 0, i);
        if (r)
            rows[n++] = (ranked){r, tkg_entity_id(t->s, tkg_centrality_entity(t->c, i)), i};
    }
    if (rc == EXIT_OK)
        qsort(rows, n, sizeof *rows, by_rank);
    char cells_text[2 * MEASURES][32];
    for (size_t j = 0; j < n && rc == EXIT_OK; j++) {
        uint32_t e = tkg_centrality_entity(t->c, rows[j].i);
        const char *cells[3 + 2 * MEASURES] = {rows[j].id, tkg_entity_label(t->s, e, t->lang),
                                               tkg_entity_kind_name(o, tkg_entity_kind(t->s, e))};
        for (size_t m = 0; m < MEASURES; m++) {
            analytics_format_value(cells_text[2 * m], sizeof cells_text[2 * m],
                                   tkg_centrality_value(t->c, m, 0, rows[j].i));
            snprintf(cells_text[2 * m + 1], sizeof cells_text[2 * m + 1], "%u",
                     tkg_centrality_rank(t->c, m, 0, rows[j].i));
            cells[3 + 2 * m] = cells_text[2 * m];
            cells[4 + 2 * m] = cells_text[2 * m + 1];
        }
        if (table_add(tab, cells) != 0)
            rc = EXIT_IO;
    }
    if (rc == EXIT_OK)
        table_print(tab, f, FORMAT_CSV, NULL);
    else
        cli_nomem();
    table_free(tab);
    free(rows);
    return rc;
}

static int fill_series(FILE *f, void *ctx)
{
    const table_ctx *t = ctx;
    return centrality_print_series(f, t->c, t->s, 0, FORMAT_CSV, t->lang);
}

void report_centrality_free(report_centrality *rc)
{
    tkg_centrality_free(rc->latest);
    tkg_centrality_free(rc->series);
}

bool report_has_relations(const tkg_centrality *c)
{
    for (size_t k = 0; k < tkg_centrality_snapshot_count(c); k++)
        if (tkg_centrality_snapshot_relations(c, k) > 0)
            return true;
    return false;
}

int report_centrality_compute(report_centrality *rc, const tkg_store *s, const tkg_view *all,
                              const tkg_view *latest, bool dated, int32_t first, int32_t last)
{
    tkg_error err = {0};
    char d1[11], d2[11];
    tkg_day_format(first, d1);
    tkg_day_format(last, d2);
    tkg_centrality_options opt = {
        .graph = {.actors_only = true}, .measures = measures, .measure_count = MEASURES};
    if (tkg_centrality_compute(&rc->latest, s, dated ? latest : all, &opt, &err) != TKG_OK)
        return cli_fail(&err);
    if (!report_has_relations(rc->latest)) {
        fprintf(stderr,
                "tkg: warning: no relation between actors holds %s%s: centrality.csv is "
                "skipped\n",
                dated ? "on " : "in the data", dated ? d2 : "");
        tkg_centrality_free(rc->latest);
        rc->latest = NULL;
    }
    if (!dated) {
        fprintf(stderr, "tkg: warning: nothing in the data is dated: centrality-series.csv and "
                        "ranks.svg are skipped\n");
        return EXIT_OK;
    }
    int status =
        report_series_compute(&rc->series, rc->period, sizeof rc->period, s, all, first, last);
    if (status == EXIT_OK && !report_has_relations(rc->series)) {
        fprintf(stderr,
                "tkg: warning: no relation between actors holds from %s to %s: "
                "centrality-series.csv and ranks.svg are skipped\n",
                d1, d2);
        tkg_centrality_free(rc->series);
        rc->series = NULL;
    }
    return status;
}

int report_series_compute(tkg_centrality **out, char *period, size_t size, const tkg_store *s,
                          const tkg_view *v, int32_t first, int32_t last)
{
    tkg_error err = {0};
    tkg_snapshot *snaps = malloc(SERIES_MAX * sizeof *snaps);
    *out = NULL;
    if (!snaps) {
        return cli_nomem();
    }
    size_t nsnap;
    series_auto(snaps, &nsnap, period, size, first, last);
    tkg_centrality_options opt = {.graph = {.actors_only = true},
                                  .measures = measures,
                                  .measure_count = MEASURES,
                                  .snapshots = snaps,
                                  .snapshot_count = nsnap};
    int status = EXIT_OK;
    if (tkg_centrality_compute(out, s, v, &opt, &err) != TKG_OK)
        status = cli_fail(&err);
    free(snaps);
    return status;
}

/* centrality.csv, centrality-series.csv and ranks.svg, for the parts that have values. */
int report_centrality_write(report_files *w, const char *dir, const cli_args *a, const tkg_store *s,
                            const report_centrality *rc, int32_t first, int32_t last,
                            const char *base)
{
    table_ctx t = {rc->latest, s, a->lang};
    int status;
    if (rc->latest) {
        if ((status = write_text(dir, "centrality.csv", fill_table, &t)) != EXIT_OK)
            return status;
        w->table = true;
    }
    if (!rc->series)
        return EXIT_OK;
    t.c = rc->series;
    if ((status = write_text(dir, "centrality-series.csv", fill_series, &t)) != EXIT_OK)
        return status;
    w->series = true;
    snprintf(w->period, sizeof w->period, "%s", rc->period);
    char d1[11], d2[11], title[600], subtitle[256];
    tkg_day_format(first, d1);
    tkg_day_format(last, d2);
    snprintf(title, sizeof title, "%s \xC2\xB7 rank by PageRank over time", base);
    snprintf(subtitle, sizeof subtitle,
             "one point per %s: the relations during it \xC2\xB7 data from %s to %s \xC2\xB7 "
             "the top actors of the last %s",
             rc->period, d1, d2, strncmp(rc->period, "period", 6) ? rc->period : "period");
    tkg_rank_chart_options ropt = {.measure = PAGERANK,
                                   .lang = a->lang,
                                   .title = title,
                                   .subtitle = subtitle,
                                   .x_title = rc->period,
                                   .y_title = "rank by PageRank (1 = highest)"};
    char *path = report_path(dir, "ranks.svg");
    tkg_sink *out = NULL;
    tkg_error err = {0};
    status = EXIT_OK;
    if (!path) {
        status = cli_nomem();
    } else if (tkg_sink_open_file(&out, path, &err) != TKG_OK ||
               tkg_write_rank_chart(out, s, rc->series, &ropt, &err) != TKG_OK ||
               tkg_sink_commit(out, &err) != TKG_OK) {
        status = cli_fail(&err);
    } else {
        report_print_path(path);
    }
    tkg_sink_free(out);
    free(path);
    return status;
}
