/* tkg report: every output for the inputs, in one directory (output/ by default): the
 * diagram of the whole history and of the latest snapshot, GraphML, GEXF, graphology JSON,
 * the interactive timeline page, Neo4j CSV, the centrality of the actors in the latest snapshot and
 * over the whole history (CSV, and a chart of their PageRank ranks), and an index.html that shows
 * and lists them. */
#include "analytics_args.h"
#include "export.h"
#include "outcheck.h"
#include "report.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const help[] = {
    "Usage: tkg report [-o DIR] [--layout ENGINE] [--timeout SECONDS] INPUT...\n"
    "\n"
    "Writes every output for INPUT into DIR (default: output), all together in one step (the\n"
    "files go into a new directory beside DIR, which is then swapped in; the other files of\n"
    "DIR are kept, a sub-directory in it is refused, and DIR may not be or lie in an input\n"
    "directory):\n"
    "  history.svg        the whole history; relations that have ended are grey and dashed\n"
    "  latest.svg         the graph as of the latest date in the data; node size grows with\n"
    "                     the actors' PageRank on that date\n"
    "  graph.graphml      for Gephi, NetworkX and igraph, with positions (see below),\n"
    "                     with the centrality of centrality.csv as tkg_<measure> attributes\n"
    "  graph.gexf         for Gephi, with a timeline; the centrality of each window of\n"
    "                     centrality-series.csv as dynamic values (tkg_<measure>, _rank)\n"
    "  graph.json         graphology JSON, for Gephi Lite, with the values of graph.graphml\n"
    "  timeline.html      the interactive timeline page ('tkg export -f html'): the graph at\n"
    "                     any date in a web browser, with the citations and the centrality\n"
    "                     of centrality-series.csv; index.html opens with a link to it\n"
    "  nodes.csv, relationships.csv   for Neo4j's bulk import\n"
    "  centrality.csv     the actors in the snapshot of latest.svg (in the whole graph when\n"
    "                     nothing is dated): degree, betweenness, harmonic and PageRank, each\n"
    "                     with its rank (1 = highest; ties share the best), best PageRank first\n"
    "  centrality-series.csv   the same measures in each window of the history (below), as\n"
    "                     'tkg centrality --series START..LAST --step S --windows --format csv'\n"
    "  ranks.svg          a line chart of the top 8 actors' PageRank rank in each window\n"
    "  index.html         leads to timeline.html, shows the diagrams and the chart, and\n"
    "                     lists the files\n"
    "The file names (in DIR) are printed on standard output as they are written. With\n"
    "more than 200 entities, a diagram shows at most the 200 with the most relations, never\n"
    "one without any (its caption says so). The positions of the graph files and of\n"
    "timeline.html come from a force-directed layout (igraph) whose cost grows linearly\n"
    "with the graph, within a fixed budget, as with 'tkg export --layout auto': a graph too\n"
    "large for it gets none, with a note. timeline.html holds at most 2,000 entities and\n"
    "20,000 relations (the most connected, as 'tkg export -f html'; the page says so).\n"
    "\n"
    "Windows run from the data's first date to its last; each holds the relations that hold\n"
    "on some day of it. The step is the coarsest of 1000, 500, 250, 100, 50, 25, 10, 5, 2 or 1\n"
    "years, 6, 3 or 1 months, 1 week, 2 days or 1 day that gives at least 10 windows (so 10 to\n"
    "about 40); year windows start on 1 January of a multiple of the step, month windows on\n"
    "the first of a month. The chart's lines are the actors ranked best in the last window,\n"
    "then the others by mean rank. Windows without relations between actors are left out\n"
    "with a warning; when none has any, or nothing is dated, the series and the chart are\n"
    "skipped with a warning.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR   the output directory (created when missing)\n"
    "  --layout ENGINE    the diagrams' Graphviz layout; auto (default): dot up to 150\n"
    "                     nodes and 300 edges, sfdp above\n"
    "  --timeout SECONDS  stop a layout that takes longer (default 120; 0: no limit)\n"
    "  --lang LANG        labels in this language where there is a name for it\n"
    "\n",
    CLI_HELP_INPUT, "\n" CLI_HELP_EXIT_FILE, NULL};

typedef struct report_args {
    const char *dir, *layout;
    unsigned timeout;
} report_args;

static int own_option(cli_args *a, const char *name, const char *value)
{
    report_args *r = a->own_ctx;
    if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
        r->dir = value;
    else if (strcmp(name, "--layout") == 0)
        r->layout = value;
    else if (strcmp(name, "--timeout") == 0)
        return export_parse_timeout("report", value, &r->timeout);
    else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

/* Writes one view in one format to DIR/NAME and prints the path. */
static int write_one(const char *dir, const char *name, export_format f, const tkg_store *s,
                     const tkg_view *v, const tkg_export_options *opt, const render_options *ro)
{
    char *path = report_path(dir, name);
    if (!path) {
        return cli_nomem();
    }
    if (isatty(STDERR_FILENO) && f >= EXPORT_SVG && f <= EXPORT_PDF)
        fprintf(stderr, "drawing %s...\n", path);
    int rc = export_to_path(path, f, s, v, opt, ro);
    if (rc == EXIT_OK)
        report_print_path(path);
    free(path);
    return rc;
}

/* ------------------------------------------------------------ index.html */

static void put(tkg_sink *out, const char *text)
{
    tkg_sink_write(out, text, strlen(text), NULL);
}

static void put_xml(tkg_sink *out, const char *text)
{
    tkg_sink_write_xml(out, text, NULL);
}

static void put_row(tkg_sink *out, const char *file, const char *what, const char *open)
{
    put(out, "<tr><td><a href=\"");
    put_xml(out, file);
    put(out, "\">");
    put_xml(out, file);
    put(out, "</a></td><td>");
    put(out, what);
    put(out, "</td><td>");
    put(out, open);
    put(out, "</td></tr>\n");
}

static int write_index(const char *dir, const cli_args *a, const tkg_store *s, bool dated,
                       int32_t first, int32_t last, const report_files *w)
{
    char *path = report_path(dir, "index.html");
    tkg_sink *out = NULL;
    tkg_error err = {0};
    int status = EXIT_IO;
    char line[512], d1[11], d2[11];
    if (!path || tkg_sink_open_file(&out, path, &err) != TKG_OK) {
        status = path ? cli_fail(&err) : cli_nomem();
        goto done;
    }
    char names[1024] = "";
    size_t used = 0;
    for (int i = 0; i < a->input_count && used < sizeof names; i++) {
        const char *base = strrchr(a->inputs[i], '/');
        base = base && base[1] ? base + 1 : a->inputs[i];
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", base);
    }
    put(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    put_xml(out, names);
    put(out, " \xE2\x80\x94 tkg report</title>\n<style>\n"
             "body{font-family:system-ui,sans-serif;max-width:1400px;margin:2em auto;"
             "padding:0 1em;color:#222;line-height:1.4}\n"
             "object{max-width:100%;border:1px solid #ddd}\n"
             "table{border-collapse:collapse}td,th{padding:.3em .8em;text-align:left;"
             "border-bottom:1px solid #eee;vertical-align:top}\n"
             "code{background:#f4f4f4;padding:0 .2em}\n"
             ".timeline{font-size:1.3em;padding:.8em 1em;background:#eef4fb;"
             "border:1px solid #bcd;border-radius:6px}\n</style>\n</head>\n<body>\n<h1>");
    put_xml(out, names);
    /* The page leads with the timeline: the graph at any date, in the browser. */
    put(out, "</h1>\n<p class=\"timeline\"><a href=\"timeline.html\"><strong>Open the "
             "interactive timeline</strong></a>: the graph at any date \xE2\x80\x94 drag the "
             "date or press play, click a relation for its sources, search an entity.</p>\n<p>");
    snprintf(line, sizeof line, "%zu entities, %zu relations, %zu sources",
             tkg_store_entity_count(s), tkg_store_relation_count(s), tkg_store_source_count(s));
    put(out, line);
    if (dated) {
        tkg_day_format(first, d1);
        tkg_day_format(last, d2);
        snprintf(line, sizeof line, "; dates from %s to %s", d1, d2);
        put(out, line);
    }
    /* <object>, not <img>: an image shows no tooltips, and the tooltips carry the sources. */
    put(out, ".</p>\n<h2>Whole history</h2>\n<p>Relations that have ended are grey and "
             "dashed; hover over a node or an edge for its names, dates and sources "
             "(<a href=\"history.svg\">open it alone</a>).</p>\n"
             "<p><object data=\"history.svg\" type=\"image/svg+xml\">"
             "<a href=\"history.svg\">the whole history</a></object></p>\n");
    if (dated) {
        put(out, "<h2>As of ");
        put(out, d2);
        put(out, "</h2>\n<p>What holds on the latest date in the data; the larger an actor, "
                 "the higher its PageRank that day (<a href=\"latest.svg\">open it alone</a>)."
                 "</p>\n<p><object data=\"latest.svg\" type=\"image/svg+xml\"><a "
                 "href=\"latest.svg\">the latest snapshot</a></object></p>\n");
    }
    if (w->series) {
        put(out, "<h2>Ranks over time</h2>\n<p>The actors' rank by PageRank in the network of "
                 "each ");
        put_xml(out, w->period);
        put(out, " (1 = highest); hover over a point for its dates and value. All values: "
                 "<a href=\"centrality-series.csv\">centrality-series.csv</a>.</p>\n"
                 "<p><object data=\"ranks.svg\" type=\"image/svg+xml\"><a "
                 "href=\"ranks.svg\">rank by PageRank over time</a></object></p>\n");
    }
    put(out, "<h2>Files</h2>\n<table>\n<tr><th>File</th><th>What</th><th>Open it with</th>"
             "</tr>\n");
    put_row(out, "timeline.html",
            "the interactive timeline: the graph at any date, with sources and centrality",
            "a web browser (no network needed)");
    put_row(out, "history.svg", "diagram of the whole history",
            "a web browser; an SVG editor (Inkscape)");
    if (dated)
        put_row(out, "latest.svg", "diagram of the latest snapshot", "a web browser");
    put_row(out, "graph.graphml",
            "the graph with labels, colours, sizes, positions, kinds, dates and sources",
            "Gephi (File \xE2\x86\x92 Open); NetworkX <code>read_graphml</code>; igraph "
            "<code>Graph.Read_GraphML</code>");
    put_row(out, "graph.gexf", "the graph with a timeline (dynamic spells)",
            "Gephi (File \xE2\x86\x92 Open, then Window \xE2\x86\x92 Timeline)");
    put_row(out, "graph.json", "graphology JSON",
            "Gephi Lite (Open \xE2\x86\x92 local file); graphology <code>import</code>");
    put_row(out, "nodes.csv", "entities, Neo4j bulk-import form",
            "<code>neo4j-admin database import full --nodes=nodes.csv "
            "--relationships=relationships.csv --multiline-fields=true</code>");
    put_row(out, "relationships.csv", "relations, Neo4j bulk-import form", "(with nodes.csv)");
    if (w->table)
        put_row(out, "centrality.csv",
                dated ? "the actors' centrality in the latest snapshot (degree, betweenness, "
                        "harmonic, PageRank, with ranks)"
                      : "the actors' centrality (degree, betweenness, harmonic, PageRank, with "
                        "ranks)",
                "a spreadsheet; pandas <code>read_csv</code>");
    if (w->series) {
        put_row(out, "centrality-series.csv",
                "the same measures over the whole history, one row per actor, date and measure",
                "a spreadsheet; pandas <code>read_csv</code>");
        put_row(out, "ranks.svg", "chart of the top actors' PageRank rank over time",
                "a web browser");
    }
    put(out, "</table>\n<p>Written by tkg " TKG_VERSION ".</p>\n</body>\n</html>\n");
    if (tkg_sink_commit(out, &err) != TKG_OK) {
        status = cli_fail(&err);
        goto done;
    }
    report_print_path(path);
    status = EXIT_OK;
done:
    tkg_sink_free(out);
    free(path);
    return status;
}

int cmd_report(int argc, char **argv)
{
    static const char *const valued[] = {"-o", "--output", "--layout", "--timeout", NULL};
    report_args r = {.dir = "output", .timeout = 120};
    cli_args a = {.command = "report", .own_valued = valued, .own = own_option, .own_ctx = &r};
    tkg_store *s = NULL;
    tkg_view *all = NULL, *latest = NULL, *drawn = NULL, *drawn_latest = NULL;
    double *px = NULL, *py = NULL;
    report_centrality cent = {0};
    tkg_stage *stage = NULL;
    static const char *const report_names[] = {"history.svg",
                                               "latest.svg",
                                               "graph.graphml",
                                               "graph.gexf",
                                               "graph.json",
                                               "timeline.html",
                                               "nodes.csv",
                                               "relationships.csv",
                                               "centrality.csv",
                                               "centrality-series.csv",
                                               "ranks.svg",
                                               "index.html",
                                               NULL};
    char title[512];
    int rc = cli_parse(&a, argc, argv, 2, OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if (r.layout && strcmp(r.layout, "auto") == 0)
        r.layout = NULL;
    if (r.layout && !export_engine_known(r.layout)) {
        fprintf(stderr,
                "tkg report: unknown layout '%s' (expected auto, dot, neato, fdp, sfdp, "
                "twopi, circo, osage or patchwork)\nTry 'tkg report --help'.\n",
                r.layout);
        rc = EXIT_USAGE;
        goto done;
    }
    /* Everything is written into a stage, swapped in at the end: DIR changes in one step. */
    if ((rc = cli_check_output_dir(&a, r.dir, report_names)) != EXIT_OK ||
        (rc = cli_load(&s, &a)) != EXIT_OK || (rc = export_stage_open(&stage, r.dir)) != EXIT_OK)
        goto done;
    const char *shown = r.dir;
    r.dir = report_stage = tkg_stage_path(stage);
    report_shown = shown;
    tkg_error err = {0};
    if (tkg_view_new(&all, s, NULL, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    int32_t first, last;
    bool dated = series_span(&first, &last, s, all, NULL);
    tkg_view_options at = {.has_at = true, .at = last};
    if (dated && tkg_view_new(&latest, s, &at, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if ((rc = report_centrality_compute(&cent, s, all, latest, dated, first, last)) != EXIT_OK)
        goto done;
    const char *base = strrchr(a.inputs[0], '/');
    base = base && base[1] ? base + 1 : a.inputs[0];
    const char *more = a.input_count > 1 ? ", \xE2\x80\xA6" : "";
    size_t total;
    if ((rc = export_drawn_view(&drawn, &total, s, all, NULL)) != EXIT_OK)
        goto done;
    char cut[128] = "", part[96];
    if (drawn) {
        export_cut_caption(part, sizeof part, drawn, total);
        fprintf(stderr, "tkg: note: the diagrams draw at most %s\n", part);
        snprintf(cut, sizeof cut, " \xC2\xB7 %s", part);
    }
    snprintf(title, sizeof title, "%s%s \xC2\xB7 whole history%s", base, more, cut);
    tkg_export_options opt = {.lang = a.lang,
                              .title = title,
                              .layout = r.layout,
                              .mark_ended = true,
                              .ended_before = TKG_DAY_MAX,
                              .warn = export_warn};
    render_options ro = {.engine = r.layout, .timeout = r.timeout};
    rc = write_one(r.dir, "history.svg", EXPORT_SVG, s, drawn ? drawn : all, &opt, &ro);
    if (rc != EXIT_OK)
        goto done;
    if (dated) {
        char day[11];
        tkg_day_format(last, day);
        if ((rc = export_drawn_view(&drawn_latest, &total, s, latest, &at)) != EXIT_OK)
            goto done;
        cut[0] = '\0';
        if (drawn_latest) {
            export_cut_caption(part, sizeof part, drawn_latest, total);
            snprintf(cut, sizeof cut, " \xC2\xB7 %s", part);
        }
        snprintf(title, sizeof title, "%s%s \xC2\xB7 as of %s%s", base, more, day, cut);
        tkg_export_options snap = opt;
        snap.mark_ended = false;
        snap.warn = NULL;              /* the history diagram has warned about the same labels */
        snap.centrality = cent.latest; /* node size: PageRank on that day */
        snap.size_by_centrality = cent.latest != NULL;
        snap.size_measure = REPORT_PAGERANK;
        rc = write_one(r.dir, "latest.svg", EXPORT_SVG, s, drawn_latest ? drawn_latest : latest,
                       &snap, &ro);
        if (rc != EXIT_OK)
            goto done;
    }
    opt.title = NULL;
    if ((rc = export_layout_positions(&px, &py, s, all)) != EXIT_OK)
        goto done;
    opt.x = px;
    opt.y = py;
    /* The graph files carry the centrality: GraphML and JSON that of the latest snapshot (as
     * centrality.csv), GEXF the series, as values that change along Gephi's timeline. */
    static const struct {
        const char *name;
        export_format f;
    } files[] = {{"graph.graphml", EXPORT_GRAPHML},
                 {"graph.gexf", EXPORT_GEXF},
                 {"graph.json", EXPORT_JSON}};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        tkg_export_options file = opt;
        file.centrality = files[i].f == EXPORT_GEXF && cent.series ? cent.series : cent.latest;
        if ((rc = write_one(r.dir, files[i].name, files[i].f, s, all, &file, &ro)) != EXIT_OK)
            goto done;
    }
    /* The page: positions of its own (igraph, as the graph files), the series of
     * centrality-series.csv. */
    snprintf(title, sizeof title, "%s%s", base, more);
    tkg_export_options page = {.lang = a.lang, .title = title, .warn = export_warn};
    render_options page_ro = {.timeout = r.timeout};
    char *page_path = report_path(r.dir, "timeline.html");
    if (!page_path) {
        rc = cli_nomem();
        goto done;
    }
    if ((rc = export_page(page_path, s, all, NULL, &page, &page_ro, cent.series)) == EXIT_OK)
        report_print_path(page_path);
    free(page_path);
    if (rc != EXIT_OK)
        goto done;
    if ((rc = export_csv_files(r.dir, s, all, &opt)) != EXIT_OK)
        goto done;
    printf("%s/nodes.csv\n%s/relationships.csv\n", shown, shown);
    report_files w = {0};
    snprintf(title, sizeof title, "%s%s", base, a.input_count > 1 ? ", \xE2\x80\xA6" : "");
    if ((rc = report_centrality_write(&w, r.dir, &a, s, &cent, first, last, title)) != EXIT_OK)
        goto done;
    if ((rc = write_index(r.dir, &a, s, dated, first, last, &w)) != EXIT_OK)
        goto done;
    rc = export_stage_commit(stage);
done:
    tkg_stage_free(stage);
    report_stage = NULL;
    free(px);
    free(py);
    report_centrality_free(&cent);
    tkg_view_free(drawn);
    tkg_view_free(drawn_latest);
    tkg_view_free(all);
    tkg_view_free(latest);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
