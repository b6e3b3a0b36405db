/* tkg diff: what changed between two dates: relations that started, ended or changed, and
 * actors whose centrality rank moved, as tables; or the relations as a diagram in which each
 * change has its own style. */
#include "analytics_args.h"
#include "export.h"
#include "outcheck.h"
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const help[] = {
    "Usage: tkg diff --from DATE --to DATE [--relations | --actors] [--unchanged]\n"
    "                [-m MEASURES] [GRAPH OPTIONS] [--format table|tsv|csv|json] [VIEW] INPUT...\n"
    "       tkg diff --from DATE --to DATE [--unchanged] -f dot|svg|png|pdf [-o FILE|-]\n"
    "                [DIAGRAM OPTIONS] [VIEW] INPUT...\n"
    "\n"
    "Compares the graph on two dates (a partial date means its first day).\n"
    "\n"
    "Relations, one row each: change, kind, from, from_label, to, to_label, start, end, where\n"
    "change is started (holds on the second date, and no relation of its kind between the\n"
    "same entities held on the first), ended (the reverse), changed (holds on one date only,\n"
    "replaced by another relation of its kind between the same entities on the other),\n"
    "transient (holds only between the two dates) or, with --unchanged, unchanged.\n"
    "\n"
    "Actors, one row per entity and measure whose rank moved: entity, label, measure,\n"
    "rank_from, rank_to, move (rank_from - rank_to: positive is up), value_from, value_to;\n"
    "an empty rank means the entity has no relation on that date. Measures as for\n"
    "'tkg centrality' (-m, default pagerank), with its graph options (--directed, --weight,\n"
    "--normalize). Without --kind, actors (and untyped entities) only, as there.\n"
    "\n"
    "Output: both tables (table and json formats), or the one chosen by --relations or\n"
    "--actors; tsv and csv hold one table (relations unless --actors).\n"
    "\n"
    "Diagram: -f (--format) dot, svg, png or pdf, or -o FILE ending in .dot, .gv, .svg, .png\n"
    "or .pdf, draws the relations that changed (with --unchanged the others too) and the\n"
    "entities they touch, each change in its own style: started green and bold, ended red\n"
    "and dashed, changed orange, transient purple and dotted, unchanged thin and grey. Each\n"
    "edge's label and tooltip name its change, and so does its class in the SVG\n"
    "(class=\"edge KIND started\"); the legend says what each change present means.\n"
    "Nodes are sized by the first measure (-m, default pagerank, with the graph options) on\n"
    "the second date, and an actor whose rank in it moved shows \xE2\x96\xB2 n or \xE2\x96\xBC n "
    "(n places up\n"
    "or down) under its label.\n"
    "Without -o, or with -o -, the diagram goes to standard output; a file is replaced\n"
    "atomically.\n"
    "\n"
    "Dates:\n"
    "  --from DATE           the first date (a partial date means its first day)\n"
    "  --to DATE             the second date (likewise)\n"
    "\n"
    "Tables:\n"
    "  --relations           only the table of relations\n"
    "  --actors              only the table of actors whose rank moved\n"
    "  --unchanged           also the relations that hold on both dates (tables and diagrams)\n"
    "  -f, --format FORMAT   table, tsv, csv or json (tables); dot, svg, png or pdf (a diagram)\n"
    "  -m, --measures LIST   the measures of the actors' ranks (default pagerank)\n"
    "  --normalize           normalized values, as for 'tkg centrality'\n",
    CLI_HELP_GRAPH,
    CLI_HELP_LANG,
    "\n"
    "Diagram:\n"
    "  -o, --output FILE     the diagram's file ('-': standard output)\n"
    "  --layout ENGINE       Graphviz layout, as for 'tkg export' (default dot up to 150\n"
    "                        nodes, sfdp above)\n"
    "  --timeout SECONDS     stop a layout that takes longer (default 120; 0: no limit)\n"
    "  --title TEXT          the caption (default: Changes from DATE to DATE)\n"
    "  --no-legend           no legend\n"
    "\n"
    "View:\n"
    "  --kind K[,K...]       entities of these kinds (subkinds included)\n"
    "  --relation R[,R...]   relations of these kinds\n"
    "  --around ID           only the neighbourhood of entity ID ...\n"
    "  --depth N             ... up to N hops (default 1)\n"
    "A warning says when no relation holds on a date (tables) or none changed (diagrams).\n"
    "\n",
    CLI_HELP_INPUT,
    "\n" CLI_HELP_EXIT_AROUND,
    NULL};

typedef struct diff_args {
    const char *from, *to;
    bool relations, actors, unchanged, normalized;
    tkg_measure measures[TKG_MEASURE_COUNT];
    size_t measure_count;
    tkg_graph_options graph;
    /* the diagram */
    export_format diagram; /* EXPORT_NONE: tables */
    const char *output, *layout, *title;
    const char *diagram_only; /* the last option given that only a diagram takes */
    bool table_format;        /* a table format was named */
    bool no_legend;
    unsigned timeout;
} diff_args;

/* -f and --format name a table format or a diagram format. */
static int format_option(cli_args *a, diff_args *d, const char *value)
{
    static const struct {
        const char *name;
        format fmt;
    } tables[] = {
        {"table", FORMAT_TABLE}, {"tsv", FORMAT_TSV}, {"csv", FORMAT_CSV}, {"json", FORMAT_JSON}};
    export_format f = export_format_named(value);
    if (f >= EXPORT_DOT && f <= EXPORT_PDF) {
        d->diagram = f;
        d->table_format = false;
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        if (strcmp(value, tables[i].name) == 0) {
            a->fmt = tables[i].fmt;
            d->table_format = true;
            d->diagram = EXPORT_NONE;
            return EXIT_OK;
        }
    return cli_usage(a->command,
                     "unknown format '%s' (expected table, tsv, csv, json, dot, svg, png "
                     "or pdf)",
                     value);
}

static int own_option(cli_args *a, const char *name, const char *value)
{
    diff_args *d = a->own_ctx;
    int rc = analytics_graph_option(&d->graph, a->command, name, value);
    if (rc != CLI_NOT_OWN)
        return rc;
    if (strcmp(name, "-f") == 0 || strcmp(name, "--format") == 0)
        return format_option(a, d, value);
    if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0) {
        d->output = value;
        return EXIT_OK;
    }
    if (strcmp(name, "--timeout") == 0) {
        d->diagram_only = "--timeout";
        return export_parse_timeout(a->command, value, &d->timeout);
    }
    if (strcmp(name, "-m") == 0 || strcmp(name, "--measures") == 0)
        return analytics_parse_measures(d->measures, &d->measure_count, a->command, value);
    if (strcmp(name, "--from") == 0)
        d->from = value;
    else if (strcmp(name, "--to") == 0)
        d->to = value;
    else if (strcmp(name, "--at") == 0)
        return cli_usage(a->command, "%s",
                         "unknown option '--at' (the two dates are --from and --to)");
    else if (strcmp(name, "--relations") == 0)
        d->relations = true;
    else if (strcmp(name, "--actors") == 0)
        d->actors = true;
    else if (strcmp(name, "--unchanged") == 0)
        d->unchanged = true;
    else if (strcmp(name, "--normalize") == 0)
        d->normalized = true;
    else if (strcmp(name, "--layout") == 0) {
        d->layout = value;
        d->diagram_only = "--layout";
    } else if (strcmp(name, "--title") == 0) {
        d->title = value;
        d->diagram_only = "--title";
    } else if (strcmp(name, "--no-legend") == 0) {
        d->no_legend = true;
        d->diagram_only = "--no-legend";
    } else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

/* ------------------------------------------------------------ relations */

static int print_relations(const tkg_store *s, const tkg_view *v, const tkg_change *change,
                           const diff_args *d, const cli_args *a)
{
    static const char *const columns[] = {"change", "kind",     "from",  "from_label",
                                          "to",     "to_label", "start", "end"};
    static const tkg_change order[] = {TKG_CHANGE_STARTED, TKG_CHANGE_ENDED, TKG_CHANGE_CHANGED,
                                       TKG_CHANGE_TRANSIENT, TKG_CHANGE_UNCHANGED};
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t n;
    const uint32_t *rel = tkg_view_relations(v, &n);
    table *t = table_new(columns, 8);
    int rc = t ? EXIT_OK : EXIT_IO;
    for (size_t k = 0; k < sizeof order / sizeof *order && rc == EXIT_OK; k++) {
        if (order[k] == TKG_CHANGE_UNCHANGED && !d->unchanged)
            break;
        for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
            uint32_t r = rel[i], from = tkg_relation_from(s, r), to = tkg_relation_to(s, r);
            if (change[r] != order[k])
                continue;
            const char *cells[] = {
                tkg_change_name(change[r]),   tkg_relation_kind_name(o, tkg_relation_kind(s, r)),
                tkg_entity_id(s, from),       tkg_entity_label(s, from, a->lang),
                tkg_entity_id(s, to),         tkg_entity_label(s, to, a->lang),
                tkg_relation_start(s, r).raw, tkg_relation_end(s, r).raw};
            if (table_add(t, cells) != 0)
                rc = EXIT_IO;
        }
    }
    if (rc == EXIT_OK)
        table_print(t, stdout, a->fmt, NULL);
    table_free(t);
    return rc;
}

/* ------------------------------------------------------------ actors */

typedef struct move {
    size_t m, i;
    uint32_t rank_to, rank_from; /* 0 when absent */
    const char *id;
} move;

static int by_move(const void *a, const void *b)
{
    const move *x = a, *y = b;
    if (x->m != y->m)
        return x->m < y->m ? -1 : 1;
    /* Ranked on the second date first, by that rank; then the ones that left. */
    uint32_t xt = x->rank_to ? x->rank_to : UINT32_MAX, yt = y->rank_to ? y->rank_to : UINT32_MAX;
    if (xt != yt)
        return xt < yt ? -1 : 1;
    if (x->rank_from != y->rank_from)
        return x->rank_from < y->rank_from ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int print_actors(const tkg_centrality *c, const tkg_store *s, const cli_args *a)
{
    static const char *const columns[] = {"entity",  "label", "measure",    "rank_from",
                                          "rank_to", "move",  "value_from", "value_to"};
    static const bool numeric[] = {false, false, false, true, true, true, true, true};
    size_t nv = tkg_centrality_entity_count(c), nm = tkg_centrality_measure_count(c), n = 0;
    move *moves = malloc((nv * nm + 1) * sizeof *moves);
    table *t = table_new(columns, 8);
    int rc = moves && t ? EXIT_OK : EXIT_IO;
    for (size_t m = 0; m < nm && rc == EXIT_OK; m++)
        for (size_t i = 0; i < nv; i++) {
            uint32_t r0 = tkg_centrality_rank(c, m, 0, i), r1 = tkg_centrality_rank(c, m, 1, i);
            if (r0 != r1)
                moves[n++] = (move){m, i, r1, r0, tkg_entity_id(s, tkg_centrality_entity(c, i))};
        }
    if (rc == EXIT_OK)
        qsort(moves, n, sizeof *moves, by_move);
    for (size_t j = 0; j < n && rc == EXIT_OK; j++) {
        const move *mv = &moves[j];
        char rank_from[16] = "", rank_to[16] = "", delta[24] = "", v0[32] = "", v1[32] = "";
        if (mv->rank_from) {
            snprintf(rank_from, sizeof rank_from, "%u", mv->rank_from);
            analytics_format_value(v0, sizeof v0, tkg_centrality_value(c, mv->m, 0, mv->i));
        }
        if (mv->rank_to) {
            snprintf(rank_to, sizeof rank_to, "%u", mv->rank_to);
            analytics_format_value(v1, sizeof v1, tkg_centrality_value(c, mv->m, 1, mv->i));
        }
        if (mv->rank_from && mv->rank_to)
            snprintf(delta, sizeof delta, "%ld", (long)mv->rank_from - (long)mv->rank_to);
        uint32_t e = tkg_centrality_entity(c, mv->i);
        const char *cells[] = {mv->id,
                               tkg_entity_label(s, e, a->lang),
                               tkg_measure_name(tkg_centrality_measure(c, mv->m)),
                               rank_from,
                               rank_to,
                               delta,
                               v0,
                               v1};
        if (table_add(t, cells) != 0)
            rc = EXIT_IO;
    }
    if (rc == EXIT_OK)
        table_print(t, stdout, a->fmt, numeric);
    table_free(t);
    free(moves);
    return rc;
}

/* ------------------------------------------------------------ diagram */

/* The diagram format of a file name ("changes.svg"), or EXPORT_NONE. */
static export_format diagram_of_path(const char *path)
{
    const char *ext = strrchr(path, '.');
    if (!ext || strchr(ext, '/'))
        return EXPORT_NONE;
    export_format f = strcmp(ext, ".gv") == 0 ? EXPORT_DOT : export_format_named(ext + 1);
    return f >= EXPORT_DOT && f <= EXPORT_PDF ? f : EXPORT_NONE;
}

/* Checks the diagram options against each other and against the tables' options; settles
 * d->diagram from -o's extension. */
static int check_diagram(diff_args *d, const cli_args *a)
{
    bool to_stdout = !d->output || strcmp(d->output, "-") == 0;
    if (d->output && d->table_format)
        return cli_usage(a->command, "%s",
                         "-o writes a diagram (dot, svg, png or pdf); tables go to "
                         "standard output");
    if (!d->diagram && !to_stdout && (d->diagram = diagram_of_path(d->output)) == EXPORT_NONE)
        return cli_usage(a->command, "%s",
                         "cannot tell the diagram format from the file name: give -f "
                         "dot, svg, png or pdf");
    if (!d->diagram && (d->output || d->diagram_only))
        return cli_usage(a->command, "%s is for a diagram: give -f dot, svg, png or pdf",
                         d->output ? "-o" : d->diagram_only);
    if (!d->diagram)
        return EXIT_OK;
    if (d->actors)
        return cli_usage(a->command, "%s", "a diagram shows relations: --actors is for the tables");
    if (d->layout && !export_engine_known(d->layout))
        return cli_usage(a->command,
                         "unknown layout '%s' (expected dot, neato, fdp, sfdp, twopi, "
                         "circo, osage or patchwork)",
                         d->layout);
    if ((d->diagram == EXPORT_PNG || d->diagram == EXPORT_PDF) && to_stdout &&
        isatty(STDOUT_FILENO))
        return cli_usage(a->command, "%s", "not writing an image to a terminal: give -o FILE");
    return EXIT_OK;
}

/* Draws the relations of the view whose change is not NONE (UNCHANGED ones only with
 * --unchanged) into d->output, atomically. */
static int write_diagram(const tkg_store *s, const tkg_view *v, tkg_change *change,
                         const tkg_centrality *c, const diff_args *d, const cli_args *a,
                         const char *d0, const char *d1)
{
    size_t n, drawn = 0;
    const uint32_t *rel = tkg_view_relations(v, &n);
    for (size_t i = 0; i < n; i++) {
        if (change[rel[i]] == TKG_CHANGE_UNCHANGED && !d->unchanged)
            change[rel[i]] = TKG_CHANGE_NONE;
        drawn += change[rel[i]] != TKG_CHANGE_NONE;
    }
    if (drawn == 0)
        fprintf(stderr, "tkg: warning: no relation of the view %s from %s to %s\n",
                d->unchanged ? "holds on any day" : "changed", d0, d1);
    char title[64];
    snprintf(title, sizeof title, "Changes from %s to %s", d0, d1);
    tkg_export_options opt = {.lang = a->lang,
                              .title = d->title ? (d->title[0] ? d->title : NULL) : title,
                              .layout = d->layout,
                              .no_legend = d->no_legend,
                              .changes = change,
                              .warn = export_warn,
                              /* nodes sized by the first measure on the second date, with
                               * their rank moves */
                              .centrality = c,
                              .size_by_centrality = true,
                              .size_measure = 0};
    render_options ro = {.engine = d->layout, .timeout = d->timeout};
    bool to_stdout = !d->output || strcmp(d->output, "-") == 0;
    return export_to_path(to_stdout ? "-" : d->output, d->diagram, s, v, &opt, &ro);
}

/* ------------------------------------------------------------ command */

static void warn_empty(const tkg_centrality *c)
{
    for (size_t k = 0; k < 2; k++)
        if (tkg_centrality_snapshot_relations(c, k) == 0) {
            char date[16];
            tkg_day_format(tkg_centrality_snapshot(c, k).from, date);
            fprintf(stderr, "tkg: warning: no relation between the entities analysed holds on %s\n",
                    date);
        }
}

int cmd_diff(int argc, char **argv)
{
    static const char *const valued[] = {"-m",       "--measures", "--weight", "-f",        "-o",
                                         "--output", "--layout",   "--title",  "--timeout", NULL};
    diff_args d = {.measures = {TKG_MEASURE_PAGERANK}, .measure_count = 1, .timeout = 120};
    cli_args a = {.command = "diff", .own_valued = valued, .own = own_option, .own_ctx = &d};
    tkg_store *s = NULL;
    tkg_view *v = NULL;
    tkg_change *change = NULL;
    tkg_centrality *c = NULL;
    int32_t from, to;
    int rc = cli_parse(&a, argc, argv, 2, OPT_VIEW | OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if (!d.from || !d.to)
        rc = cli_usage(a.command, "%s", "both --from DATE and --to DATE are needed");
    else if (cli_parse_day(a.command, d.from, false, &from) != EXIT_OK ||
             cli_parse_day(a.command, d.to, false, &to) != EXIT_OK)
        rc = EXIT_USAGE;
    else if (to < from)
        rc = cli_usage(a.command, "%s", "--to is before --from");
    else if (d.relations && d.actors && (a.fmt == FORMAT_TSV || a.fmt == FORMAT_CSV))
        rc = cli_usage(a.command, "%s", "tsv and csv hold one table: --relations or --actors");
    if (rc == EXIT_OK)
        rc = check_diagram(&d, &a);
    if (rc == EXIT_OK && d.output)
        rc = cli_check_output_file(&a, d.output);
    if (rc != EXIT_OK || (rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    bool show_relations = d.relations || !d.actors;
    bool show_actors = d.actors || (!d.relations && a.fmt != FORMAT_TSV && a.fmt != FORMAT_CSV);
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    change = malloc((tkg_store_relation_count(s) + 1) * sizeof *change);
    if (!change) {
        rc = cli_nomem();
        goto done;
    }
    if (tkg_diff_classify(change, s, v, from, to, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    char d0[16], d1[16];
    tkg_day_format(from, d0);
    tkg_day_format(to, d1);
    d.graph.actors_only = a.view.kind_count == 0;
    tkg_snapshot snaps[2] = {{from, from}, {to, to}};
    tkg_centrality_options opt = {.graph = d.graph,
                                  .measures = d.measures,
                                  .measure_count = d.measure_count,
                                  .normalized = d.normalized,
                                  .snapshots = snaps,
                                  .snapshot_count = 2};
    if (tkg_centrality_compute(&c, s, v, &opt, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    warn_empty(c);
    if (d.diagram) {
        rc = write_diagram(s, v, change, c, &d, &a, d0, d1);
        goto done;
    }
    if (a.fmt == FORMAT_JSON) {
        printf("{\"from\": \"%s\", \"to\": \"%s\"", d0, d1);
        if (show_relations) {
            fputs(",\n\"relations\": ", stdout);
            rc = print_relations(s, v, change, &d, &a);
        }
        if (show_actors && rc == EXIT_OK) {
            fputs(",\n\"actors\": ", stdout);
            rc = print_actors(c, s, &a);
        }
        fputs("}\n", stdout);
    } else {
        if (show_relations && a.fmt == FORMAT_TABLE)
            printf("Relations, %s to %s:\n", d0, d1);
        if (show_relations)
            rc = print_relations(s, v, change, &d, &a);
        if (show_actors && rc == EXIT_OK && a.fmt == FORMAT_TABLE)
            printf("%sRank moves, %s to %s:\n", show_relations ? "\n" : "", d0, d1);
        if (show_actors && rc == EXIT_OK)
            rc = print_actors(c, s, &a);
    }
    if (rc != EXIT_OK)
        cli_nomem();
done:
    tkg_centrality_free(c);
    free(change);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
