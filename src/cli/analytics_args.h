/* Options shared by the analytics commands (analytics_args.c): graph options, measure lists
 * and series of snapshot dates; and the tidy series table of cmd_centrality.c. */
#ifndef TKG_CLI_ANALYTICS_ARGS_H
#define TKG_CLI_ANALYTICS_ARGS_H

#include "cli.h"

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

#endif
