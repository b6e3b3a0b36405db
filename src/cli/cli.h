/* Shared parts of the tkg command line: argument parsing, loading inputs, printing. The CLI
 * uses only the public API (include/tkg.h). */
#ifndef TKG_CLI_H
#define TKG_CLI_H

#include "tkg.h"

/* Exit statuses (README.md, "Exit status"). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

typedef enum format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON, FORMAT_CSV } format;

#define MAX_LIST 64

/* Everything the subcommands' options can set. */
typedef struct cli_args {
    const char *command;
    const char **inputs;
    int input_count;
    const char *positional[2]; /* timeline ID; path FROM TO */
    int positional_count;
    format fmt;
    const char *ontology;
    bool strict_dates;
    bool loose_kinds;         /* --loose-kinds: domain and range problems are warnings */
    uint64_t max_input_bytes; /* --max-input-bytes; 0 means the default (4 GiB) */
    bool entities;            /* query: list entities instead of relations */
    const char *lang;
    tkg_view_options view;
    const char *kinds[MAX_LIST], *relations[MAX_LIST];
    /* A subcommand's own options: `own_valued` names those that take a value (NULL ends
     * the list). cli_parse offers every option to `own` first, which returns CLI_NOT_OWN
     * to let cli_parse handle it, else EXIT_OK or EXIT_USAGE (having printed why). */
    const char *const *own_valued;
    int (*own)(struct cli_args *a, const char *name, const char *value);
    void *own_ctx;
} cli_args;

#define CLI_NOT_OWN (-1)

/* Which options a subcommand takes. */
enum {
    OPT_VIEW = 1 << 0,
    OPT_FORMAT = 1 << 1,
    OPT_ONTOLOGY = 1 << 2,
    OPT_LANG = 1 << 3,
    OPT_ENTITIES = 1 << 4
};

/**
 * Parses argv[first..argc) for a subcommand that accepts `options` and `positionals`
 * positional arguments before its inputs. Prints a message and returns EXIT_USAGE on error,
 * -1 when --help was printed (`help` is the subcommand's help text), else EXIT_OK.
 */
int cli_parse(cli_args *out, int argc, char **argv, int first, unsigned options, int positionals,
              const char *help);

/** Loads the inputs into a finished store, printing every problem. Returns an exit status. */
int cli_load(tkg_store **out, const cli_args *a);

/** Prints an error as `PATH:LINE:COL: error: message` (or `tkg: error: message`). */
void cli_print_error(const tkg_error *e);
/** Prints a warning as `PATH:LINE:COL: warning: message` (or `tkg: warning: message`). */
void cli_print_warning(const tkg_error *e);
/** Prints `tkg COMMAND: message` and a hint to --help on stderr; returns EXIT_USAGE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** The exit status for a library error code. */
int cli_exit_status(int code);

/** Parses a date argument (`--at 2024-07`): its first day, or its last with `last`. */
int cli_parse_day(const char *text, bool last, int32_t *out);

/* ---- output (output.c) */

/** Writes `s` as a JSON string literal (control characters, DEL and C1 controls as \u
 *  escapes). */
void out_json_string(FILE *f, const char *s);
/** Writes `s` as one TSV field: tabs, line breaks and backslashes escaped as \t \n \r \\,
 *  other control characters as out_visible shows them. */
void out_tsv_field(FILE *f, const char *s);
/** Writes `s` for a terminal: C0 controls and DEL as \xHH, C1 controls as \uHHHH, so that
 *  no escape sequence from an input reaches the terminal; the rest as it is. */
void out_visible(FILE *f, const char *s);
/** Writes `s` as one RFC 4180 CSV field: quoted when it holds a comma, a quote or a line
 *  break, quotes doubled. A field a spreadsheet would run as a formula (it starts with
 *  = + - @, a tab or a carriage return, and is not a number) is quoted with a leading '. */
void out_csv_field(FILE *f, const char *s);
/** The display width of a UTF-8 string (code points; combining marks count zero). */
size_t out_width(const char *s);

/* A table with a header row, printed aligned (table), tab-separated (tsv), as RFC 4180
 * CSV (csv) or as a JSON array of objects (json). Cells are copied. */
typedef struct table table;
table *table_new(const char *const *columns, size_t count);
/** Appends a row of `count` cells (NULL is an empty cell); returns 0 or -1 (out of memory). */
int table_add(table *t, const char *const *cells);
/** Prints the table; `numeric` marks columns printed as JSON numbers (may be NULL). */
void table_print(const table *t, FILE *f, format fmt, const bool *numeric);
void table_free(table *t);

/** Closes stdout, reporting a failed write (a full disk, a closed pipe). Returns an exit
 *  status: `status` unchanged, or EXIT_IO. */
int cli_finish_output(int status);

/* ---- options shared by the analytics commands (analytics_args.c) */

/** Prints a library error and returns its exit status (usage 2; input, not found 1; else 3). */
int analytics_failed(const tkg_error *err);
/** Handles --directed, --undirected and --weight count|support|attr:KEY into `g`; returns
 *  CLI_NOT_OWN for any other option. */
int analytics_graph_option(tkg_graph_options *g, const char *command, const char *name,
                           const char *value);
/** Parses "m1,m2,..." (or "all") into `out` (TKG_MEASURE_COUNT entries). */
int analytics_parse_measures(tkg_measure *out, size_t *count, const char *command,
                             const char *list);
/** Formats a measure value for output ("%.10g"). */
void analytics_format_value(char *buf, size_t size, double v);

/* A series of snapshot dates: --series FROM..TO [--step N(d|w|m|y)] [--windows], or
 * --at D1,D2,... (a single --at date is the view's). */
typedef struct series_args {
    const char *series, *step, *at_list;
    bool windows;
} series_args;

/** The most snapshots a series may have; arrays for series_snapshots hold this many. */
#define SERIES_MAX 10000

/** Handles --series, --step, --windows and a list given to --at; CLI_NOT_OWN for others. */
int series_option(series_args *sa, const char *name, const char *value);
/** Checks the series options against each other and the view (EXIT_USAGE, having said why). */
int series_check(const series_args *sa, const cli_args *a);
/** Parses a step ("1y", "6m", "2w", "30d") into a count and a unit letter. */
int series_parse_step(long *n, char *unit, const char *command, const char *step);
/** Fills `snaps` (SERIES_MAX entries) with the dates first, first + step, ... up to last;
 *  with `windows`, each snapshot spans the days up to the next date. */
int series_steps(tkg_snapshot *snaps, size_t *count, int32_t first, int32_t last, long n, char unit,
                 bool windows, const char *command);
/** The first and last day that the entities and relations of view `v` name, clipped to the
 *  window of `vo` (may be NULL); false when nothing is dated. */
bool series_span(int32_t *first, int32_t *last, const tkg_store *s, const tkg_view *v,
                 const tkg_view_options *vo);

/** The fewest windows series_auto chooses (it gives 10 to about 40). */
#define SERIES_AUTO_MIN 10

/** The default series over [first, last]: windows (each spans the days up to the next)
 *  with the coarsest step of 1000, 500, 250, 100, 50, 25, 10, 5, 2, 1 years, 6, 3, 1 months,
 *  1 week, 2 days, 1 day that gives at least SERIES_AUTO_MIN of them. Year windows start on
 *  1 January of a year that is a multiple of the step, month windows on the first of a month
 *  one more than a multiple of the step, weeks and days on `first`. `period` receives the
 *  name of one window ("year", "period of 3 months"). `snaps` holds SERIES_MAX. */
void series_auto(tkg_snapshot *snaps, size_t *count, char *period, size_t size, int32_t first,
                 int32_t last);

/** Fills `snaps` (SERIES_MAX entries) from the series options (one of them given). */
int series_snapshots(tkg_snapshot *snaps, size_t *count, const series_args *sa,
                     const char *command);

/** Writes the snapshots of `c` to `f` as a tidy table in `fmt` (entity, label, date, measure,
 *  value, rank), best first per date and measure, the `top` best (0: all); warns on stderr
 *  about each snapshot without relations, which it leaves out. Returns an exit status
 *  (cmd_centrality.c; `tkg report` writes its series with it). */
int centrality_print_series(FILE *f, const tkg_centrality *c, const tkg_store *s, long top,
                            format fmt, const char *lang);

/* ---- running tkg-render (render.c) */

typedef struct render_options {
    const char *engine; /* -K ENGINE; NULL: the graph's own `layout` */
    unsigned timeout;   /* seconds; 0: no limit */
    bool all;           /* the diagram draws every entity (tkg export --all): messages say so */
} render_options;

/**
 * Runs tkg-render -T KIND (svg, png, pdf, dot, pos) on `dot` as a child process (found through
 * $TKG_RENDER, else next to the tkg executable) and waits at most ro->timeout seconds. On success
 * `*out` receives everything it wrote (malloc'd; free it). A crash, a failure or a timeout prints
 * one error and leaves `*out` NULL. Returns an exit status. When ro->engine is NULL (tkg chose
 * the engine), a crash or a timeout is retried once with sfdp and straight edges within the
 * same time limit (the first try gets two thirds of it), with a warning on stderr.
 */
int render_run(char **out, size_t *out_len, const render_options *ro, const char *kind,
               const char *dot, size_t dot_len);

/* Kills the renderer being run, if any (async-signal-safe: for tkg's signal handler). The
 * renderer also dies by itself when tkg does (PR_SET_PDEATHSIG). */
void render_kill_child(void);

/* ---- exporting (cmd_export.c), shared with cmd_report.c */

typedef enum export_format {
    EXPORT_NONE,
    EXPORT_DOT,
    EXPORT_SVG,
    EXPORT_PNG,
    EXPORT_PDF,
    EXPORT_GRAPHML,
    EXPORT_GEXF,
    EXPORT_JSON,
    EXPORT_CSV
} export_format;

/** The format named `name` ("svg"), or EXPORT_NONE. */
export_format export_format_named(const char *name);
/** True for a Graphviz layout engine that tkg accepts. */
bool export_engine_known(const char *engine);
/** Parses --timeout's value (0..86400 seconds); prints why not and returns EXIT_USAGE. */
int export_parse_timeout(const char *command, const char *value, unsigned *out);
/** Sets opt->mark_ended and opt->ended_before for a diagram of the view `view`. */
void export_mark_ended(tkg_export_options *opt, const tkg_view_options *view);
/** A tkg_export_options.warn that prints `tkg: warning: MESSAGE`. */
void export_warn(void *ctx, const tkg_error *e);

/* ---- layouts (export_layout.c), shared with cmd_report.c */

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
/** The caption of a cut: "the 200 most connected of 5,112 entities". */
void export_cut_caption(char *buf, size_t size, const tkg_view *drawn, size_t total);
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

/** Refuses (EXIT_USAGE, with a message) an output file `path` that is one of a's inputs, or a
 *  file in one of its input directories: the same device and inode, so also through symbolic
 *  and hard links. "-" and paths that do not exist yet pass. Returns an exit status. */
int cli_check_output_file(const cli_args *a, const char *path);

/** Refuses (EXIT_USAGE) an output directory `dir` that is an input directory or lies inside
 *  one, or that holds an input (an input file or directory lies inside it), or one of whose
 *  files `names` (NULL-terminated; may be NULL) is an input under another name. Compares
 *  real paths; a `dir` yet to be made is placed below its nearest existing ancestor. */
int cli_check_output_dir(const cli_args *a, const char *dir, const char *const *names);

/** Prints the path of a file a report wrote, with the staging directory `report_stage`
 *  shown as `report_shown` (the directory the file will be in once the report is done). */
void report_print_path(const char *path);
extern const char *report_stage, *report_shown;

/* ---- subcommands */
int cmd_validate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_centrality(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* ---- tkg report's centrality (report_centrality.c), used by cmd_report.c */

/** Index of PageRank among the report's measures (degree, betweenness, harmonic, pagerank). */
#define REPORT_PAGERANK 3

/* The centrality the report writes and draws with: `latest`, the snapshot of latest.svg
 * (the whole graph when nothing is dated), and `series`, the windows of the history. A part
 * without any relation between actors is NULL, with a warning saying what it skips. */
typedef struct report_centrality {
    tkg_centrality *latest, *series;
    char period[32]; /* one window of the series: "year", "period of 3 months" */
} report_centrality;

/* What the report wrote besides the diagrams and the graph files. */
typedef struct report_files {
    bool table, series;
    char period[32]; /* one window of the series: "year", "period of 3 months" */
} report_files;

/** "DIR/NAME", malloc'd; NULL when out of memory. */
char *report_path(const char *dir, const char *name);
/** Computes `latest` (on view `latest`, or on `all` when nothing is dated) and the series
 *  over [first, last] (series_auto's windows); warns about what will be skipped. Returns an
 *  exit status. */
int report_centrality_compute(report_centrality *rc, const tkg_store *s, const tkg_view *all,
                              const tkg_view *latest, bool dated, int32_t first, int32_t last);
/** Writes centrality.csv, centrality-series.csv and ranks.svg into `dir` for the parts that
 *  have values, records them in `w` and prints each path. Returns an exit status. */
int report_centrality_write(report_files *w, const char *dir, const cli_args *a, const tkg_store *s,
                            const report_centrality *rc, int32_t first, int32_t last,
                            const char *base);
void report_centrality_free(report_centrality *rc);

#endif
