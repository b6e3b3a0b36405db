/* tkg report: every output for the inputs, in one directory (output/ by default): the
 * diagram of the whole history and of the latest snapshot, GraphML, GEXF, graphology JSON,
 * Neo4j CSV, and an index.html that shows and lists them. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "Usage: tkg report [-o DIR] [--layout ENGINE] [--timeout SECONDS] INPUT...\n"
    "\n"
    "Writes every output for INPUT into DIR (default: output), each file replaced atomically:\n"
    "  history.svg        the whole history; relations that have ended are grey and dashed\n"
    "  latest.svg         the graph as of the latest date in the data\n"
    "  graph.graphml      for Gephi, NetworkX and igraph (positions from the history layout)\n"
    "  graph.gexf         for Gephi, with a timeline\n"
    "  graph.json         graphology JSON, for Gephi Lite\n"
    "  nodes.csv, relationships.csv   for Neo4j's bulk import\n"
    "  index.html         shows the diagrams and lists the files\n"
    "The file names are printed on standard output as they are written.\n"
    "\n"
    "Options:\n"
    "  -o DIR             the output directory (created when missing)\n"
    "  --layout ENGINE    Graphviz layout (default dot up to 150 nodes, sfdp above)\n"
    "  --timeout SECONDS  stop a layout that takes longer (default 120; 0: no limit)\n"
    "  --lang LANG        labels in this language where there is a name for it\n"
    "  --ontology FILE, --strict-dates   as for 'tkg validate'\n";

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

/* The earliest and latest days any bound of the data names; false when nothing is dated. */
static bool date_range(const tkg_store *s, int32_t *first, int32_t *last)
{
    *first = TKG_DAY_MAX;
    *last = TKG_DAY_MIN;
    size_t ne = tkg_store_entity_count(s), nr = tkg_store_relation_count(s);
    for (size_t i = 0; i < ne + nr; i++) {
        tkg_interval iv = i < ne ? tkg_entity_lifespan(s, (uint32_t)i)
                                 : tkg_relation_interval(s, (uint32_t)(i - ne));
        int32_t days[2] = {iv.start, iv.end_excl == TKG_DAY_MAX ? TKG_DAY_MAX : iv.end_excl - 1};
        for (int k = 0; k < 2; k++) {
            if (days[k] == TKG_DAY_MIN || days[k] == TKG_DAY_MAX)
                continue;
            *first = days[k] < *first ? days[k] : *first;
            *last = days[k] > *last ? days[k] : *last;
        }
    }
    return *first != TKG_DAY_MAX;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Writes one view in one format to DIR/NAME and prints the path. */
static int write_one(const char *dir, const char *name, export_format f, const tkg_store *s,
                     const tkg_view *v, const tkg_export_options *opt, const render_options *ro)
{
    char *path = join_path(dir, name);
    if (!path) {
        fprintf(stderr, "tkg: error: out of memory\n");
        return EXIT_IO;
    }
    if (isatty(STDERR_FILENO) && f >= EXPORT_SVG && f <= EXPORT_PDF)
        fprintf(stderr, "drawing %s...\n", path);
    int rc = export_to_path(path, f, s, v, opt, ro);
    if (rc == EXIT_OK)
        printf("%s\n", path);
    free(path);
    return rc;
}

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
                       int32_t first, int32_t last)
{
    char *path = join_path(dir, "index.html");
    tkg_sink *out = NULL;
    tkg_error err = {0};
    int status = EXIT_IO;
    char line[512], d1[11], d2[11];
    if (!path || tkg_sink_open_file(&out, path, &err) != TKG_OK) {
        if (path)
            cli_print_error(&err);
        else
            fprintf(stderr, "tkg: error: out of memory\n");
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
             "img{max-width:100%;border:1px solid #ddd}\n"
             "table{border-collapse:collapse}td,th{padding:.3em .8em;text-align:left;"
             "border-bottom:1px solid #eee;vertical-align:top}\n"
             "code{background:#f4f4f4;padding:0 .2em}\n</style>\n</head>\n<body>\n<h1>");
    put_xml(out, names);
    put(out, "</h1>\n<p>");
    snprintf(line, sizeof line, "%zu entities, %zu relations, %zu sources",
             tkg_store_entity_count(s), tkg_store_relation_count(s), tkg_store_source_count(s));
    put(out, line);
    if (dated) {
        tkg_day_format(first, d1);
        tkg_day_format(last, d2);
        snprintf(line, sizeof line, "; dates from %s to %s", d1, d2);
        put(out, line);
    }
    put(out, ".</p>\n<h2>Whole history</h2>\n<p>Relations that have ended are grey and "
             "dashed; hover over a node or an edge for its names, dates and sources.</p>\n"
             "<p><a href=\"history.svg\"><img src=\"history.svg\" alt=\"the whole history\">"
             "</a></p>\n");
    if (dated) {
        put(out, "<h2>As of ");
        put(out, d2);
        put(out, "</h2>\n<p>What holds on the latest date in the data.</p>\n<p><a "
                 "href=\"latest.svg\"><img src=\"latest.svg\" alt=\"the latest snapshot\">"
                 "</a></p>\n");
    }
    put(out, "<h2>Files</h2>\n<table>\n<tr><th>File</th><th>What</th><th>Open it with</th>"
             "</tr>\n");
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
    put(out, "</table>\n<p>Written by tkg " TKG_VERSION ".</p>\n</body>\n</html>\n");
    if (tkg_sink_commit(out, &err) != TKG_OK) {
        cli_print_error(&err);
        goto done;
    }
    printf("%s\n", path);
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
    tkg_view *all = NULL, *latest = NULL;
    double *px = NULL, *py = NULL;
    char title[512];
    int rc = cli_parse(&a, argc, argv, 2, OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if (r.layout && !export_engine_known(r.layout)) {
        fprintf(stderr,
                "tkg report: unknown layout '%s' (expected dot, neato, fdp, sfdp, twopi, "
                "circo, osage or patchwork)\nTry 'tkg report --help'.\n",
                r.layout);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = cli_load(&s, &a)) != EXIT_OK || (rc = export_make_directory(r.dir)) != EXIT_OK)
        goto done;
    tkg_error err = {0};
    int32_t first, last;
    bool dated = date_range(s, &first, &last);
    tkg_view_options at = {.has_at = true, .at = last};
    if (tkg_view_new(&all, s, NULL, &err) != TKG_OK ||
        (dated && tkg_view_new(&latest, s, &at, &err) != TKG_OK)) {
        cli_print_error(&err);
        rc = EXIT_IO;
        goto done;
    }
    const char *base = strrchr(a.inputs[0], '/');
    base = base && base[1] ? base + 1 : a.inputs[0];
    snprintf(title, sizeof title, "%s%s \xC2\xB7 whole history", base,
             a.input_count > 1 ? ", \xE2\x80\xA6" : "");
    tkg_export_options opt = {.lang = a.lang,
                              .title = title,
                              .layout = r.layout,
                              .mark_ended = true,
                              .ended_before = TKG_DAY_MAX,
                              .warn = export_warn};
    render_options ro = {.engine = r.layout, .timeout = r.timeout};
    if ((rc = write_one(r.dir, "history.svg", EXPORT_SVG, s, all, &opt, &ro)) != EXIT_OK)
        goto done;
    if (dated) {
        char day[11];
        tkg_day_format(last, day);
        snprintf(title, sizeof title, "%s%s \xC2\xB7 as of %s", base,
                 a.input_count > 1 ? ", \xE2\x80\xA6" : "", day);
        tkg_export_options snap = opt;
        snap.mark_ended = false;
        snap.warn = NULL; /* the history diagram has warned about the same labels */
        if ((rc = write_one(r.dir, "latest.svg", EXPORT_SVG, s, latest, &snap, &ro)) != EXIT_OK)
            goto done;
    }
    size_t nodes;
    tkg_view_entities(all, &nodes);
    opt.title = NULL;
    if (nodes > 0 && (r.layout || nodes <= 10000)) {
        if ((rc = export_positions(&px, &py, s, all, &opt, &ro)) != EXIT_OK)
            goto done;
        opt.x = px;
        opt.y = py;
    }
    static const struct {
        const char *name;
        export_format f;
    } files[] = {{"graph.graphml", EXPORT_GRAPHML},
                 {"graph.gexf", EXPORT_GEXF},
                 {"graph.json", EXPORT_JSON}};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if ((rc = write_one(r.dir, files[i].name, files[i].f, s, all, &opt, &ro)) != EXIT_OK)
            goto done;
    if ((rc = export_csv(r.dir, s, all, &opt)) != EXIT_OK)
        goto done;
    printf("%s/nodes.csv\n%s/relationships.csv\n", r.dir, r.dir);
    rc = write_index(r.dir, &a, s, dated, first, last);
done:
    free(px);
    free(py);
    tkg_view_free(all);
    tkg_view_free(latest);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
