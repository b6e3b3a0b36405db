/* tkg export: a view of the graph as a diagram (DOT, SVG, PNG, PDF), as a file for Gephi,
 * Gephi Lite, NetworkX, igraph or Neo4j (GraphML, GEXF, graphology JSON, CSV) or as the
 * interactive timeline page (HTML). The writing itself is export.c's (export_page.c's for
 * the page). */
#include "analytics_args.h"
#include "export.h"
#include "outcheck.h"
#include "help.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const help[] = {
    "Usage: tkg export [-f FORMAT] [-o FILE|-] [--layout auto|none|ENGINE] [--all]\n"
    "                  [CENTRALITY] [VIEW] INPUT...\n"
    "\n"
    "Writes the view as a diagram, a graph file or a timeline page. FORMAT: dot, svg, png,\n"
    "pdf (diagrams, drawn by Graphviz through tkg-render), graphml (Gephi, NetworkX,\n"
    "igraph), gexf (Gephi's timeline), json (graphology: Gephi Lite), csv (Neo4j bulk\n"
    "import: -o names a directory that receives nodes.csv and relationships.csv), html (the\n"
    "interactive timeline page: one self-contained file for a web browser;\n"
    "docs/timeline.md), sqlite (a SQLite database of the whole model for sqlite3 and any SQL\n"
    "tool: docs/sqlite.md). Without -f the format follows from the extension of -o (.dot .gv\n"
    ".svg .png .pdf .graphml .gexf .json .html .sqlite .db). Without -o, or with -o -, the\n"
    "output goes to standard output. Files are replaced atomically, the csv pair at once; an\n"
    "output that is an input (even through a link) is refused. On a SQLite base that is the\n"
    "only input, reads only the rows the view may keep, through the base's indexes\n"
    "(docs/sqlite.md).\n"
    "\n"
    "html: the page shows the view at any date (a slider, play, a window mode), the\n"
    "citations of a relation at a click, and sizes nodes by a centrality measure at that\n"
    "date (the series of 'tkg report': PageRank, degree, betweenness, harmonic). Its layout\n"
    "is computed once over the whole view (--layout auto or ENGINE, as for graphml). A view\n"
    "of more than 2,000 entities or 20,000 relations keeps the entities with the most\n"
    "relations in it, and the page says so.\n"
    "\n"
    "A diagram of a view of more than 200 entities draws the 200 with the most relations in\n"
    "the view, and its caption says so (--all draws every one); a diagram of more than 300\n"
    "edges has no edge labels (the tooltips keep them).\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   the output format\n"
    "  -o, --output FILE     the output file ('-': standard output)\n"
    "  --layout auto|none|ENGINE\n"
    "                        graphml, gexf, json: node positions. auto (default): a\n"
    "                        force-directed layout (igraph) whose cost grows linearly with\n"
    "                        the view, within a fixed budget: a view too large for it (over\n"
    "                        about 1.5 million entities + ties) gets no positions, with a\n"
    "                        note; none: no positions; ENGINE: positions from that Graphviz\n"
    "                        engine (slow beyond a few thousand nodes; --timeout applies).\n"
    "                        Diagrams: the Graphviz engine, one of dot, neato, fdp, sfdp,\n"
    "                        twopi, circo, osage, patchwork; auto (default): dot up to 150\n"
    "                        nodes and 300 edges, sfdp above; on a crash or a timeout,\n"
    "                        tried again with sfdp and straight edges (with a warning)\n"
    "  --all                 diagrams: draw every entity of the view, however many\n"
    "  --timeout SECONDS     stop a Graphviz layout that takes longer (default 120; 0: no\n"
    "                        limit)\n"
    "  --title TEXT          the diagram's caption (default: the inputs and the view)\n"
    "  --no-legend           no legend on diagrams\n"
    "  --strict              graphml valid against the GraphML schema: ids that are not XML\n"
    "                        NMTOKENs encoded (the id itself in tkg_id), no <edge label>\n"
    "\n"
    "Centrality (measures as for 'tkg centrality'; see docs/export.md):\n"
    "  --centrality M[,M...]\n"
    "                        graphml, json: node attributes tkg_<measure> (the view's values);\n"
    "                        gexf: dynamic tkg_<measure> and tkg_<measure>_rank, one value per\n"
    "                        snapshot, for Gephi's timeline ('all': every measure)\n"
    "  --size-by MEASURE     dot, svg, png, pdf: node area grows with the measure; the legend\n"
    "                        names it and the range of its values\n"
    "The graph and the values, as for 'tkg centrality' (actors only unless --kind is given):\n",
    CLI_HELP_GRAPH,
    "  --normalize           normalized values, as for 'tkg centrality'\n"
    "gexf --centrality: the snapshots of the dynamic values, as for 'tkg centrality'. Default:\n"
    "windows that tile the view's dates, as 'tkg report' chooses them (10 to about 40: years,\n"
    "months, ...); with --at DATE, that day's values.\n"
    "  --series FROM..TO     a snapshot on each date FROM, FROM + step, ... up to TO\n"
    "  --step N(d|w|m|y)     the series' step: N days, weeks, months or years (default 1y)\n"
    "  --windows             each snapshot holds what holds on some day up to the next date\n"
    "  --at D1,D2,...        a snapshot on each date given (increasing)\n"
    "\n" CLI_HELP_VIEW,
    "On diagrams, relations that ended before the end of the window (or at all, without one)\n"
    "are drawn grey and dashed.\n",
    CLI_HELP_LANG,
    "\n",
    CLI_HELP_INPUT,
    "\n" CLI_HELP_EXIT_AROUND,
    NULL};

/* ------------------------------------------------------------- options */

typedef struct export_args {
    const char *format, *output, *layout, *title;
    unsigned timeout;
    bool strict, no_legend, timeout_set, all;
    tkg_measure measures[TKG_MEASURE_COUNT]; /* --centrality */
    size_t measure_count;
    const char *size_by;
    tkg_measure size_measure; /* --size-by, parsed */
    tkg_graph_options graph;
    bool normalized, graph_set;
    series_args series;
} export_args;

static int own_option(cli_args *a, const char *name, const char *value)
{
    export_args *x = a->own_ctx;
    int rc = analytics_graph_option(&x->graph, a->command, name, value);
    if (rc != CLI_NOT_OWN) {
        x->graph_set = true;
        return rc;
    }
    if ((rc = series_option(&x->series, name, value)) != CLI_NOT_OWN)
        return rc;
    if (strcmp(name, "--centrality") == 0)
        return analytics_parse_measures(x->measures, &x->measure_count, a->command, value);
    if (strcmp(name, "--size-by") == 0) {
        tkg_error err = {0};
        x->size_by = value;
        if (strchr(value, ','))
            return cli_usage(a->command, "--size-by takes one measure, not '%s'", value);
        if (tkg_measure_parse(&x->size_measure, value, &err) != TKG_OK)
            return cli_usage(a->command, "%s", err.message);
    } else if (strcmp(name, "--normalize") == 0)
        x->normalized = x->graph_set = true;
    else if (strcmp(name, "-f") == 0 || strcmp(name, "--format") == 0)
        x->format = value;
    else if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
        x->output = value;
    else if (strcmp(name, "--layout") == 0)
        x->layout = value;
    else if (strcmp(name, "--title") == 0)
        x->title = value;
    else if (strcmp(name, "--timeout") == 0) {
        x->timeout_set = true;
        return export_parse_timeout("export", value, &x->timeout);
    } else if (strcmp(name, "--strict") == 0)
        x->strict = true;
    else if (strcmp(name, "--all") == 0)
        x->all = true;
    else if (strcmp(name, "--no-legend") == 0)
        x->no_legend = true;
    else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

/* "sahel.xml, more.tsv · as of 2023-06-01 · around mali (2 hops)" */
static void default_title(char *out, size_t size, const cli_args *a)
{
    size_t used = 0;
    for (int i = 0; i < a->input_count && used < size; i++) {
        const char *base = strrchr(a->inputs[i], '/');
        base = base && base[1] ? base + 1 : a->inputs[i];
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", base);
    }
    char d1[11], d2[11];
    const tkg_view_options *v = &a->view;
    if (used < size && v->has_at && tkg_day_format(v->at, d1))
        used += (size_t)snprintf(out + used, size - used, " \xC2\xB7 as of %s", d1);
    else if (used < size && v->has_window) {
        bool from = tkg_day_format(v->from, d1) > 0, to = tkg_day_format(v->to, d2) > 0;
        used += (size_t)snprintf(out + used, size - used, " \xC2\xB7 %s%s%s%s",
                                 from ? "" : "until ", from ? d1 : "",
                                 from && to ? " to " : (from ? " onwards" : ""), to ? d2 : "");
    } else if (used < size) {
        used += (size_t)snprintf(out + used, size - used, " \xC2\xB7 whole history");
    }
    if (used < size && v->around)
        snprintf(out + used, size - used, " \xC2\xB7 around %s (%u hop%s)", v->around,
                 v->depth ? v->depth : 1, v->depth > 1 ? "s" : "");
}

/* ------------------------------------------------------------ centrality */

/* The default snapshots of a GEXF export: series_auto's windows over the view's dated span.
 * None (the view as it is) for an as-of view or a view without dates. */
static void auto_snapshots(tkg_snapshot *snaps, size_t *count, const tkg_store *s,
                           const tkg_view *v, const tkg_view_options *vo)
{
    int32_t first, last;
    char period[32];
    *count = 0;
    if (!vo->has_at && series_span(&first, &last, s, v, vo))
        series_auto(snaps, count, period, sizeof period, first, last);
}

/* Computes the centrality an export writes: for GEXF on the snapshots given (`nsnap` of
 * them) or by default (auto_snapshots), else on the view as it is. `snaps` has room for
 * SERIES_MAX snapshots (GEXF only). */
static int export_centrality(tkg_centrality **out, const export_args *x, export_format f,
                             tkg_snapshot *snaps, size_t nsnap, const tkg_store *s,
                             const tkg_view *v, const cli_args *a)
{
    if (f == EXPORT_GEXF && !nsnap)
        auto_snapshots(snaps, &nsnap, s, v, &a->view);
    tkg_error err = {0};
    tkg_graph_options graph = x->graph;
    graph.actors_only = a->view.kind_count == 0; /* as tkg centrality */
    tkg_centrality_options co = {.graph = graph,
                                 .measures = x->measures,
                                 .measure_count = x->measure_count,
                                 .normalized = x->normalized,
                                 .snapshots = nsnap ? snaps : NULL,
                                 .snapshot_count = nsnap};
    if (x->size_by) {
        co.measures = &x->size_measure;
        co.measure_count = 1;
    }
    if (tkg_centrality_compute(out, s, v, &co, &err) != TKG_OK)
        return cli_fail(&err);
    size_t with_relations = 0;
    for (size_t k = 0; k < tkg_centrality_snapshot_count(*out); k++)
        with_relations += tkg_centrality_snapshot_relations(*out, k) > 0;
    if (!with_relations)
        fprintf(stderr,
                "tkg: warning: no relation between %s in the view: no centrality "
                "values%s\n",
                graph.actors_only ? "actors" : "entities",
                graph.actors_only ? " (--kind entity keeps every kind)" : "");
    return EXIT_OK;
}

static bool no_layout_named(const export_args *x)
{
    return x->layout && strcmp(x->layout, "none") == 0;
}

/* The combinations of options that make no sense for format f. */
static int check_centrality_options(const export_args *x, const cli_args *a, export_format f)
{
    bool diagram = f >= EXPORT_DOT && f <= EXPORT_PDF;
    bool series = x->series.series || x->series.at_list || x->series.step || x->series.windows;
    if ((x->measure_count || x->size_by) && f == EXPORT_HTML)
        return cli_usage(a->command, "%s",
                         "html carries the centrality series of 'tkg report' (PageRank, degree, "
                         "betweenness, harmonic) by itself: no --centrality or --size-by");
    if (x->measure_count && (diagram || f == EXPORT_CSV || f == EXPORT_SQLITE))
        return cli_usage(a->command, "%s",
                         "--centrality writes values into graphml, gexf and json; diagrams "
                         "take --size-by MEASURE");
    if (x->size_by && !diagram)
        return cli_usage(a->command, "%s",
                         "--size-by sizes the nodes of diagrams (dot, svg, png, pdf); "
                         "graphml, gexf and json take --centrality MEASURES");
    if (x->graph_set && !x->measure_count && !x->size_by)
        return cli_usage(a->command, "%s",
                         "--directed, --undirected, --weight and --normalize need "
                         "--centrality or --size-by");
    if (series && (f != EXPORT_GEXF || !x->measure_count))
        return cli_usage(a->command, "%s",
                         "--series, --step, --windows and --at D1,D2,... choose the snapshots "
                         "of gexf --centrality");
    return series ? series_check(&x->series, a) : EXIT_OK;
}

int cmd_export(int argc, char **argv)
{
    static const char *const valued[] = {
        "-f",       "--format",     "-o",        "--output", "--layout", "--title", "--timeout",
        "--weight", "--centrality", "--size-by", "--series", "--step",   NULL};
    export_args x = {.timeout = 120};
    cli_args a = {.command = "export", .own_valued = valued, .own = own_option, .own_ctx = &x};
    tkg_store *s = NULL;
    tkg_view *v = NULL, *drawn = NULL;
    double *px = NULL, *py = NULL;
    tkg_centrality *cent = NULL;
    tkg_snapshot *snaps = NULL;
    size_t nsnap = 0;
    char title[512], cut_title[700];
    int rc = cli_parse(&a, argc, argv, 2, OPT_VIEW | OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    export_format f = EXPORT_NONE;
    if (x.format && (f = export_format_named(x.format)) == EXPORT_NONE) {
        rc = cli_usage(
            a.command,
            "unknown format '%s' (expected dot, svg, png, pdf, graphml, gexf, json, csv, html or "
            "sqlite)",
            x.format);
        goto done;
    }
    if (f == EXPORT_NONE && x.output && strcmp(x.output, "-") != 0)
        f = export_format_of_path(x.output);
    if (f == EXPORT_NONE) {
        rc = cli_usage(a.command, "%s",
                       x.output && strcmp(x.output, "-") != 0
                           ? "cannot tell the format from the file name: give -f FORMAT"
                           : "missing -f FORMAT");
        goto done;
    }
    bool to_stdout = !x.output || strcmp(x.output, "-") == 0;
    if (f == EXPORT_CSV &&
        (to_stdout || export_format_of_path(x.output) != EXPORT_NONE ||
         (strlen(x.output) > 4 && strcmp(x.output + strlen(x.output) - 4, ".csv") == 0))) {
        rc = cli_usage(a.command, "%s",
                       "csv writes two files, nodes.csv and relationships.csv: give -o "
                       "DIRECTORY");
        goto done;
    }
    if ((f == EXPORT_PNG || f == EXPORT_PDF) && to_stdout && isatty(STDOUT_FILENO)) {
        rc = cli_usage(a.command, "%s", "not writing an image to a terminal: give -o FILE");
        goto done;
    }
    if ((rc = check_centrality_options(&x, &a, f)) != EXIT_OK)
        goto done;
    if (f == EXPORT_HTML && (no_layout_named(&x) || x.all || x.strict || x.no_legend)) {
        rc = cli_usage(a.command, "%s",
                       "html takes none of --layout none, --all, --strict and --no-legend: the "
                       "page always has positions, a legend and at most 2,000 entities");
        goto done;
    }
    if (f == EXPORT_GEXF && x.measure_count) { /* the snapshots given, checked before loading */
        if (!(snaps = malloc(SERIES_MAX * sizeof *snaps))) {
            rc = cli_nomem();
            goto done;
        }
        if ((x.series.series || x.series.at_list) &&
            (rc = series_snapshots(snaps, &nsnap, &x.series, a.command)) != EXIT_OK)
            goto done;
    }
    bool diagram = f >= EXPORT_DOT && f <= EXPORT_PDF;
    bool no_layout = x.layout && strcmp(x.layout, "none") == 0;
    bool auto_layout = !x.layout || strcmp(x.layout, "auto") == 0;
    if (!auto_layout && !no_layout && !export_engine_known(x.layout)) {
        rc = cli_usage(a.command,
                       "unknown layout '%s' (expected auto, none, dot, neato, fdp, sfdp, twopi, "
                       "circo, osage or patchwork)",
                       x.layout);
        goto done;
    }
    if (no_layout && diagram) {
        rc = cli_usage(a.command, "%s",
                       "a diagram needs a layout: --layout none is for graphml, gexf and json");
        goto done;
    }
    if (x.all && !diagram) {
        rc = cli_usage(a.command, "%s",
                       "--all is for diagrams (dot, svg, png, pdf): graph files always hold "
                       "the whole view");
        goto done;
    }
    static const char *const csv_names[] = {"nodes.csv", "relationships.csv", NULL};
    rc = f == EXPORT_CSV ? cli_check_output_dir(&a, x.output, csv_names)
                         : cli_check_output_file(&a, to_stdout ? "-" : x.output);
    a.hint = &a.view; /* every format writes the view (and every source and kind) */
    if (rc != EXIT_OK || (rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    size_t nodes;
    tkg_view_entities(v, &nodes);
    default_title(title, sizeof title, &a);
    const char *caption = x.title ? (x.title[0] ? x.title : NULL) : title;
    if (diagram && !x.all && (rc = export_drawn_view(&drawn, &nodes, s, v, &a.view)) != EXIT_OK)
        goto done;
    if (drawn) { /* the caption names the cut */
        char cut[96];
        export_cut_caption(cut, sizeof cut, drawn, nodes);
        snprintf(cut_title, sizeof cut_title, "%s%s%s", caption ? caption : "",
                 caption ? " \xC2\xB7 " : "", cut);
        caption = cut_title;
        fprintf(stderr, "tkg: note: the diagram draws %s (--all draws every one)\n", cut);
    }
    tkg_export_options opt = {.lang = a.lang,
                              .strict = x.strict,
                              .title = caption,
                              .layout = auto_layout || no_layout ? NULL : x.layout,
                              .no_legend = x.no_legend,
                              .warn = export_warn};
    export_mark_ended(&opt, &a.view);
    if (x.measure_count || x.size_by) {
        if ((rc = export_centrality(&cent, &x, f, snaps, nsnap, s, v, &a)) != EXIT_OK)
            goto done;
        opt.centrality = cent;
        opt.size_by_centrality = x.size_by != NULL;
    }
    render_options ro = {.engine = opt.layout, .timeout = x.timeout, .all = x.all};
    if ((f == EXPORT_GRAPHML || f == EXPORT_GEXF || f == EXPORT_JSON) && !no_layout && nodes) {
        if (isatty(STDERR_FILENO))
            fprintf(stderr, "laying out %zu nodes%s%s...\n", nodes, opt.layout ? " with " : "",
                    opt.layout ? opt.layout : "");
        rc = opt.layout ? export_positions(&px, &py, s, v, &opt, &ro)
                        : export_layout_positions(&px, &py, s, v);
        if (rc != EXIT_OK)
            goto done;
        opt.x = px;
        opt.y = py;
    }
    if (f == EXPORT_CSV)
        rc = export_csv(x.output, s, v, &opt);
    else if (f == EXPORT_HTML)
        rc = export_page(to_stdout ? "-" : x.output, s, v, &a.view, &opt, &ro, NULL);
    else
        rc = export_to_path(to_stdout ? "-" : x.output, f, s, drawn ? drawn : v, &opt, &ro);
done:
    free(px);
    free(py);
    tkg_centrality_free(cent);
    free(snaps);
    tkg_view_free(drawn);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
