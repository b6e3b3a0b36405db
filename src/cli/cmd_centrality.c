/* tkg centrality: rank entities by centrality measures in a view, or over a series of dates.
 * Also the option handling shared by the analytics commands (communities, path, diff). */
#include "analytics_args.h"
#include "output.h"
#include "help.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg centrality [-m MEASURES] [--top N] [--format table|tsv|csv|json]\n"
    "                      [--series FROM..TO [--step N(d|w|m|y)] [--windows] | --at D1,D2,...]\n"
    "                      [GRAPH OPTIONS] [VIEW] INPUT...\n"
    "\n"
    "Ranks the entities of a view by centrality. Measures (-m, comma-separated, or 'all'):\n"
    "  degree, indegree, outdegree, weighted_degree, betweenness, closeness, harmonic,\n"
    "  eigenvector, pagerank, hub, authority     (default: degree,betweenness,harmonic,pagerank)\n"
    "Definitions, defaults and how each maps to NetworkX and igraph: docs/analytics.md.\n"
    "\n"
    "One view: one row per entity (rank by the first measure, entity, label, kind, a column per\n"
    "measure), best first. With --top N, the entities ranked N or better.\n"
    "\n"
    "Over time: --series FROM..TO --step 1y computes every measure on the snapshot of each date\n"
    "FROM, FROM + step, ... up to TO (steps: d days, w weeks, m months, y years; default 1y);\n"
    "--at D1,D2,... takes the dates given. A snapshot keeps what holds on its date; with\n"
    "--windows, what holds on some day up to the next date (event data). Output is tidy:\n"
    "entity, label, date, measure, value, rank (1 = highest; ties share the best rank), and\n"
    "--top N applies per date and measure. Dates without any relation are left out, with a\n"
    "warning; if no date has one, the command fails (exit status 1).\n"
    "\n"
    "Measures and output:\n"
    "  -m, --measures LIST   the measures, comma-separated, or 'all'\n"
    "  --top N               only the entities ranked N or better (per date and measure)\n",
    CLI_HELP_FORMAT,
    CLI_HELP_LANG,
    "\n"
    "Over time:\n"
    "  --series FROM..TO     a snapshot on each date FROM, FROM + step, ... up to TO\n"
    "  --step N(d|w|m|y)     the series' step: N days, weeks, months or years (default 1y)\n"
    "  --windows             each snapshot holds what holds on some day up to the next date\n"
    "  --at D1,D2,...        a snapshot on each date given (increasing)\n"
    "\n"
    "Graph options (indegree, outdegree, hub and authority always use direction):\n",
    CLI_HELP_GRAPH,
    "  --normalize           divide by the graph's size (degree, betweenness, harmonic) and\n"
    "                        weigh closeness by the share of entities reached\n"
    "  --cutoff L            betweenness, closeness, harmonic: only paths up to length L\n"
    "  --damping D           PageRank damping factor (default 0.85)\n"
    "  --timings             print the time spent building graphs, computing measures and\n"
    "                        ranking (stderr)\n"
    "\n",
    CLI_HELP_VIEW,
    "Without --kind, actors (and untyped entities of bulk data) only: places, events and\n"
    "documents are left out ('--kind entity' keeps everything).\n"
    "\n",
    CLI_HELP_INPUT,
    "\n"
    "Exit status: 0 success, 1 invalid input or no relation to analyse, 2 usage error, 3 I/O\n"
    "or system error, 4 an input file or the --around entity not found.\n",
    NULL};

/* ------------------------------------------------------------ options */

typedef struct centrality_args {
    tkg_measure measures[TKG_MEASURE_COUNT];
    size_t measure_count;
    tkg_graph_options graph;
    bool normalized, timings;
    double cutoff, damping;
    long top;
    series_args series;
} centrality_args;

static int parse_number(double *out, const char *command, const char *name, const char *value)
{
    char *end;
    *out = strtod(value, &end);
    if (*end || end == value || !isfinite(*out) || *out <= 0)
        return cli_usage(command, "%s needs a positive number, not '%s'", name, value);
    return EXIT_OK;
}

static int own_option(cli_args *a, const char *name, const char *value)
{
    centrality_args *c = a->own_ctx;
    int rc = analytics_graph_option(&c->graph, a->command, name, value);
    if (rc != CLI_NOT_OWN)
        return rc;
    if (strcmp(name, "-m") == 0 || strcmp(name, "--measures") == 0)
        return analytics_parse_measures(c->measures, &c->measure_count, a->command, value);
    if (strcmp(name, "--top") == 0) {
        char *end;
        c->top = strtol(value, &end, 10);
        if (*end || end == value || c->top < 1)
            return cli_usage(a->command, "--top needs a whole number above 0, not '%s'", value);
        return EXIT_OK;
    }
    if ((rc = series_option(&c->series, name, value)) != CLI_NOT_OWN)
        return rc;
    if (strcmp(name, "--normalize") == 0)
        c->normalized = true;
    else if (strcmp(name, "--timings") == 0)
        c->timings = true;
    else if (strcmp(name, "--cutoff") == 0)
        return parse_number(&c->cutoff, a->command, name, value);
    else if (strcmp(name, "--damping") == 0) {
        if (parse_number(&c->damping, a->command, name, value) != EXIT_OK)
            return EXIT_USAGE;
        if (c->damping >= 1)
            return cli_usage(a->command, "--damping must be below 1, not '%s'", value);
    } else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

/* ------------------------------------------------------------ output */

typedef struct row {
    uint32_t rank;
    const char *id;
    size_t i;
} row;

static int by_rank(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The entities of snapshot k, sorted by their rank in measure m (then by id). */
static size_t sorted_rows(row *rows, const tkg_centrality *c, const tkg_store *s, size_t m,
                          size_t k)
{
    size_t n = 0;
    for (size_t i = 0; i < tkg_centrality_entity_count(c); i++) {
        uint32_t r = tkg_centrality_rank(c, m, k, i);
        if (r)
            rows[n++] = (row){r, tkg_entity_id(s, tkg_centrality_entity(c, i)), i};
    }
    qsort(rows, n, sizeof *rows, by_rank);
    return n;
}

static int print_one(const tkg_centrality *c, const tkg_store *s, const centrality_args *ca,
                     const cli_args *a, row *rows)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t nm = tkg_centrality_measure_count(c);
    const char *columns[4 + TKG_MEASURE_COUNT] = {"rank", "entity", "label", "kind"};
    bool numeric[4 + TKG_MEASURE_COUNT] = {true};
    for (size_t m = 0; m < nm; m++) {
        columns[4 + m] = tkg_measure_name(tkg_centrality_measure(c, m));
        numeric[4 + m] = true;
    }
    table *t = table_new(columns, 4 + nm);
    int rc = t ? EXIT_OK : EXIT_IO;
    size_t n = sorted_rows(rows, c, s, 0, 0);
    char values[TKG_MEASURE_COUNT][32], rank[16];
    for (size_t j = 0; j < n && rc == EXIT_OK; j++) {
        if (ca->top && rows[j].rank > (uint32_t)ca->top)
            break;
        uint32_t e = tkg_centrality_entity(c, rows[j].i);
        const char *cells[4 + TKG_MEASURE_COUNT] = {rank, rows[j].id,
                                                    tkg_entity_label(s, e, a->lang),
                                                    tkg_entity_kind_name(o, tkg_entity_kind(s, e))};
        snprintf(rank, sizeof rank, "%u", rows[j].rank);
        for (size_t m = 0; m < nm; m++) {
            analytics_format_value(values[m], sizeof values[m],
                                   tkg_centrality_value(c, m, 0, rows[j].i));
            cells[4 + m] = values[m];
        }
        if (table_add(t, cells) != 0)
            rc = EXIT_IO;
    }
    if (rc == EXIT_OK)
        table_print(t, stdout, a->fmt, numeric);
    else
        cli_nomem();
    table_free(t);
    return rc;
}

/* Writes row `n` (0-based) of a table in a machine format as it comes, so that a long series
 * needs no memory for its output; the same text as table_print. */
static void stream_row(FILE *f, const char *const *columns, const char *const *cells,
                       const bool *numeric, size_t count, size_t n, format fmt)
{
    if (fmt == FORMAT_JSON) {
        fputs(n ? ",\n {" : "\n {", f);
        for (size_t c = 0; c < count; c++) {
            fputs(c ? ", " : "", f);
            out_json_string(f, columns[c]);
            fputs(": ", f);
            if (numeric[c])
                fputs(cells[c][0] ? cells[c] : "null", f);
            else
                out_json_string(f, cells[c]);
        }
        fputs("}", f);
        return;
    }
    for (size_t c = 0; c < count; c++) {
        fputs(c ? (fmt == FORMAT_CSV ? "," : "\t") : "", f);
        if (fmt == FORMAT_CSV)
            out_csv_field(f, cells[c]);
        else
            out_tsv_field(f, cells[c]);
    }
    fputc('\n', f);
}

int centrality_print_series(FILE *f, const tkg_centrality *c, const tkg_store *s, long top,
                            format fmt, const char *lang)
{
    static const char *const columns[] = {"entity", "label", "date", "measure", "value", "rank"};
    static const bool numeric[] = {false, false, false, false, true, true};
    /* Tables for people are aligned, so they are collected; the other formats stream. */
    bool stream = fmt != FORMAT_TABLE;
    table *t = stream ? NULL : table_new(columns, 6);
    row *rows = malloc((tkg_centrality_entity_count(c) + 1) * sizeof *rows);
    int rc = (stream || t) && rows ? EXIT_OK : EXIT_IO;
    size_t written = 0;
    if (stream && fmt == FORMAT_JSON)
        fputs("[", f);
    else if (stream)
        stream_row(f, columns, columns, numeric, 6, 0, fmt);
    for (size_t k = 0; k < tkg_centrality_snapshot_count(c) && rc == EXIT_OK; k++) {
        char date[16], value[32], rank[16];
        tkg_day_format(tkg_centrality_snapshot(c, k).from, date);
        if (tkg_centrality_snapshot_relations(c, k) == 0) {
            fprintf(stderr, "tkg: warning: no relation holds on %s: that date is left out\n", date);
            continue;
        }
        for (size_t m = 0; m < tkg_centrality_measure_count(c) && rc == EXIT_OK; m++) {
            size_t n = sorted_rows(rows, c, s, m, k);
            for (size_t j = 0; j < n && rc == EXIT_OK; j++) {
                if (top && rows[j].rank > (uint32_t)top)
                    break;
                uint32_t e = tkg_centrality_entity(c, rows[j].i);
                analytics_format_value(value, sizeof value,
                                       tkg_centrality_value(c, m, k, rows[j].i));
                snprintf(rank, sizeof rank, "%u", rows[j].rank);
                const char *cells[] = {rows[j].id, tkg_entity_label(s, e, lang),
                                       date,       tkg_measure_name(tkg_centrality_measure(c, m)),
                                       value,      rank};
                if (stream)
                    stream_row(f, columns, cells, numeric, 6, written++, fmt);
                else if (table_add(t, cells) != 0)
                    rc = EXIT_IO;
            }
        }
    }
    if (stream && fmt == FORMAT_JSON)
        fputs(written ? "\n]\n" : "]\n", f);
    else if (rc == EXIT_OK && !stream)
        table_print(t, f, fmt, numeric);
    if (rc != EXIT_OK)
        cli_nomem();
    table_free(t);
    free(rows);
    return rc;
}

/* ------------------------------------------------------------ command */

/* Explains an empty graph: no relation at all in the view, or none between its actors. */
static int nothing_to_analyse(const tkg_view *v, const cli_args *a, bool actors_only)
{
    size_t n;
    tkg_view_relations(v, &n);
    char date[16] = "";
    if (a->view.has_at)
        tkg_day_format(a->view.at, date);
    if (n && actors_only)
        fprintf(stderr,
                "tkg: error: no relation between actors in the view%s%s "
                "(--kind entity keeps every kind)\n",
                date[0] ? " on " : "", date);
    else
        fprintf(stderr, "tkg: error: no relation holds in the view%s%s\n", date[0] ? " on " : "",
                date);
    return EXIT_INPUT;
}

int cmd_centrality(int argc, char **argv)
{
    static const char *const valued[] = {"-m",       "--measures", "--top",
                                         "--series", "--step",     "--weight",
                                         "--cutoff", "--damping",  NULL};
    centrality_args ca = {.measures = {TKG_MEASURE_DEGREE, TKG_MEASURE_BETWEENNESS,
                                       TKG_MEASURE_HARMONIC, TKG_MEASURE_PAGERANK},
                          .measure_count = 4};
    cli_args a = {.command = "centrality", .own_valued = valued, .own = own_option, .own_ctx = &ca};
    tkg_store *s = NULL;
    tkg_view *v = NULL;
    tkg_centrality *c = NULL;
    tkg_snapshot *snaps = NULL;
    row *rows = NULL;
    size_t nsnap = 0;
    int rc = cli_parse(&a, argc, argv, 2, OPT_VIEW | OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    bool series = ca.series.series || ca.series.at_list;
    if ((rc = series_check(&ca.series, &a)) != EXIT_OK)
        goto done;
    if (series) {
        snaps = malloc(SERIES_MAX * sizeof *snaps);
        if (!snaps) {
            rc = cli_nomem();
            goto done;
        }
        if ((rc = series_snapshots(snaps, &nsnap, &ca.series, a.command)) != EXIT_OK)
            goto done;
    }
    if ((rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    ca.graph.actors_only = a.view.kind_count == 0;
    tkg_centrality_options opt = {.graph = ca.graph,
                                  .measures = ca.measures,
                                  .measure_count = ca.measure_count,
                                  .normalized = ca.normalized,
                                  .cutoff = ca.cutoff,
                                  .damping = ca.damping,
                                  .snapshots = snaps,
                                  .snapshot_count = nsnap};
    if (tkg_centrality_compute(&c, s, v, &opt, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (ca.timings) {
        double graph, measures, ranks;
        tkg_centrality_timings(c, &graph, &measures, &ranks);
        fprintf(stderr,
                "tkg: timings: graph %.6f s, measures %.6f s, ranks %.6f s (%zu snapshots, %zu "
                "measures)\n",
                graph, measures, ranks, tkg_centrality_snapshot_count(c),
                tkg_centrality_measure_count(c));
    }
    size_t nonempty = 0;
    for (size_t k = 0; k < tkg_centrality_snapshot_count(c); k++)
        nonempty += tkg_centrality_snapshot_relations(c, k) > 0;
    if (nonempty == 0) {
        if (series)
            fprintf(stderr, "tkg: error: no relation holds on any date of the series\n");
        rc = series ? EXIT_INPUT : nothing_to_analyse(v, &a, ca.graph.actors_only);
        goto done;
    }
    rows = malloc((tkg_centrality_entity_count(c) + 1) * sizeof *rows);
    if (!rows) {
        rc = cli_nomem();
        goto done;
    }
    rc = series ? centrality_print_series(stdout, c, s, ca.top, a.fmt, a.lang)
                : print_one(c, s, &ca, &a, rows);
done:
    free(rows);
    free(snaps);
    tkg_centrality_free(c);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
