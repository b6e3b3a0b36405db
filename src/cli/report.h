/* tkg report's parts: the paths of the files it writes (report_path.c) and its centrality
 * (report_centrality.c), used by the command (cmd_report.c). */
#ifndef TKG_CLI_REPORT_H
#define TKG_CLI_REPORT_H

#include "cli.h"

/** Prints the path of a file a report wrote, with the staging directory `report_stage`
 *  shown as `report_shown` (the directory the file will be in once the report is done). */
void report_print_path(const char *path);
extern const char *report_stage, *report_shown;

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
/** The series of centrality-series.csv: the actors' degree, betweenness, harmonic and
 *  PageRank (REPORT_PAGERANK) in series_auto's windows over [first, last] of view `v`;
 *  `period` receives one window's name. Returns an exit status (*out NULL on failure). */
int report_series_compute(tkg_centrality **out, char *period, size_t size, const tkg_store *s,
                          const tkg_view *v, int32_t first, int32_t last);
/** True when some snapshot of `c` has a relation. */
bool report_has_relations(const tkg_centrality *c);

#endif
