/* Exporting a view (export.c) and laying it out (export_layout.c): the code that tkg export,
 * tkg report and tkg diff share. Functions print their errors and return exit statuses. */
#ifndef TKG_CLI_EXPORT_H
#define TKG_CLI_EXPORT_H

#include "render.h"

typedef enum export_format {
    EXPORT_NONE,
    EXPORT_DOT,
    EXPORT_SVG,
    EXPORT_PNG,
    EXPORT_PDF,
    EXPORT_GRAPHML,
    EXPORT_GEXF,
    EXPORT_JSON,
    EXPORT_CSV,
    EXPORT_HTML,
    EXPORT_SQLITE
} export_format;

/** The format named `name` ("svg"), or EXPORT_NONE. */
export_format export_format_named(const char *name);
/** The format that the extension of `path` names (".svg", ".gv"), or EXPORT_NONE. */
export_format export_format_of_path(const char *path);
/** True for a Graphviz layout engine that tkg accepts. */
bool export_engine_known(const char *engine);
/** Parses --timeout's value (0..86400 seconds); prints why not and returns EXIT_USAGE. */
int export_parse_timeout(const char *command, const char *value, unsigned *out);
/** Sets opt->mark_ended and opt->ended_before for a diagram of the view `view`. */
void export_mark_ended(tkg_export_options *opt, const tkg_view_options *view);
/** A tkg_export_options.warn that prints `tkg: warning: MESSAGE`. */
void export_warn(void *ctx, const tkg_error *e);

/* ---- layouts (export_layout.c) */

/** Lays the view out with a Graphviz engine (tkg-render -Tpos; ro->engine) and returns node
 *  positions by entity row in *x and *y (malloc'd; free them). Prints errors; returns an exit
 *  status. */
int export_positions(double **x, double **y, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt, const render_options *ro);
/** Lays the view out with tkg_layout_compute (igraph, default budget) and returns positions
 *  as export_positions does. A view too large for the budget gets none: *x and *y NULL, a
 *  note on stderr, and EXIT_OK. Prints errors; returns an exit status. */
int export_layout_positions(double **x, double **y, const tkg_store *s, const tkg_view *v);

/** The most entities a diagram draws unless asked for all (tkg export --all). */
#define EXPORT_DRAW_MAX 200

/** What a diagram of view `v` (made with `vo`, may be NULL) draws: `v` itself (*out NULL)
 *  when it has at most EXPORT_DRAW_MAX entities, else a view of its EXPORT_DRAW_MAX entities
 *  with the most relations in it (ties: the first defined; never one without relations).
 *  `*total` receives v's entity count. Prints errors; returns an exit status. */
int export_drawn_view(tkg_view **out, size_t *total, const tkg_store *s, const tkg_view *v,
                      const tkg_view_options *vo);
/** export_drawn_view with other limits: `v` itself when it has at most `max_entities`
 *  entities and `max_relations` relations, else a view of its entities with the most
 *  relations in it (never one without), as many as keep within both limits. */
int export_kept_view(tkg_view **out, size_t *total, const tkg_store *s, const tkg_view *v,
                     const tkg_view_options *vo, size_t max_entities, size_t max_relations);
/** `n` with a comma between thousands ("46,092") into `buf`. */
void export_with_commas(char *buf, size_t size, size_t n);
/** The caption of a cut: "the 200 most connected of 5,112 entities". */
void export_cut_caption(char *buf, size_t size, const tkg_view *drawn, size_t total);
/* ---- the timeline page (export_page.c) */

/** The most entities and relations a timeline page holds: a larger view keeps its most
 *  connected entities (export_kept_view), and the page says so. */
#define EXPORT_PAGE_ENTITIES  2000
#define EXPORT_PAGE_RELATIONS 20000

/** Writes the timeline page of view `v` (made with `vo`) into `path` ("-": standard output):
 *  the part of `v` within the page's limits (its notice says what was left out), laid out once
 *  for all dates (ro->engine: that Graphviz engine through tkg-render; NULL: igraph), with
 *  `opt`'s title and language, and the centrality series of the network it holds: `series`
 *  when the page holds all of `v` and `series` is not NULL, else computed here on that
 *  network as tkg report computes centrality-series.csv (its measures and windows, over the
 *  dates of the network). Prints errors; returns an exit status. */
int export_page(const char *path, const tkg_store *s, const tkg_view *v, const tkg_view_options *vo,
                const tkg_export_options *opt, const render_options *ro,
                const tkg_centrality *series);

/** Writes the view in a single-file format into `out` (not committed). Prints errors;
 *  returns an exit status. */
int export_write(tkg_sink *out, export_format f, const tkg_store *s, const tkg_view *v,
                 const tkg_export_options *opt, const render_options *ro);
/** export_write into `path` ("-": standard output), atomically, and commits. */
int export_to_path(const char *path, export_format f, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, const render_options *ro);
/** Writes DIR/nodes.csv and DIR/relationships.csv together through a stage (DIR replaced in
 *  one step, its other files kept: tkg_stage_commit), creating DIR's parents. */
int export_csv(const char *dir, const tkg_store *s, const tkg_view *v,
               const tkg_export_options *opt);
/** Creates `dir` and its missing parents. Prints errors; returns an exit status. */
int export_make_directory(const char *dir);

/** Opens a stage for the directory `dir` (tkg_stage_open), its parents made first, and
 *  commits it, printing any error. Return exit statuses. */
int export_stage_open(tkg_stage **st, const char *dir);
int export_stage_commit(tkg_stage *st);

/** Writes DIR/nodes.csv and DIR/relationships.csv directly (DIR exists: a stage's
 *  directory). Returns an exit status. */
int export_csv_files(const char *dir, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt);

#endif
