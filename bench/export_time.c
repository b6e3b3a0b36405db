/* Times tkg's writers, as `tkg export` runs them, for bench/export.sh: loads INPUT... once,
 * then writes the whole graph in each format into OUTDIR through an atomic file sink
 * (temporary file, fsync, rename). Prints one line per step on stdout:
 *
 *   load SECONDS ENTITIES RELATIONS
 *   FORMAT WRITE_SECONDS COMMIT_SECONDS BYTES      (graphml, gexf, json, csv)
 *
 * WRITE is the writer filling the sink (buffered writes included), COMMIT the flush, fsync and
 * rename. Usage: export_time OUTDIR INPUT... */
#include "tkg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef int (*writer)(tkg_sink *, const tkg_store *, const tkg_view *, const tkg_export_options *,
                      tkg_error *);

static int timed(const char *name, writer w, const char *dir, const char *file, const tkg_store *s,
                 tkg_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    tkg_sink *out = NULL;
    double t0 = now(), t1 = t0, t2 = t0;
    int rc = tkg_sink_open_file(&out, path, err);
    if (rc == TKG_OK && (rc = w(out, s, NULL, NULL, err)) == TKG_OK) {
        t1 = now();
        rc = tkg_sink_commit(out, err);
        t2 = now();
    }
    if (rc == TKG_OK)
        printf("%s %.3f %.3f %llu\n", name, t1 - t0, t2 - t1,
               (unsigned long long)tkg_sink_size(out));
    tkg_sink_free(out);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: export_time OUTDIR INPUT...\n");
        return 2;
    }
    tkg_error err = {0};
    tkg_store *s = NULL;
    double t0 = now();
    int rc = tkg_store_new(&s, NULL, &err);
    for (int i = 2; i < argc && rc == TKG_OK; i++)
        rc = tkg_store_read_path(s, argv[i], &err);
    if (rc == TKG_OK)
        rc = tkg_store_finish(s, &err);
    if (rc == TKG_OK) {
        printf("load %.3f %zu %zu\n", now() - t0, tkg_store_entity_count(s),
               tkg_store_relation_count(s));
        fflush(stdout);
    }
    static const struct {
        const char *name, *file;
        writer w;
    } steps[] = {{"graphml", "graph.graphml", tkg_write_graphml},
                 {"gexf", "graph.gexf", tkg_write_gexf},
                 {"json", "graph.json", tkg_write_json},
                 {"csv-nodes", "nodes.csv", tkg_write_csv_nodes},
                 {"csv-relationships", "relationships.csv", tkg_write_csv_relationships}};
    for (size_t i = 0; i < sizeof steps / sizeof *steps && rc == TKG_OK; i++) {
        rc = timed(steps[i].name, steps[i].w, argv[1], steps[i].file, s, &err);
        fflush(stdout);
    }
    if (rc != TKG_OK)
        fprintf(stderr, "export_time: %s%s%s\n", err.source, err.source[0] ? ": " : "",
                err.message);
    tkg_store_free(s);
    return rc == TKG_OK ? 0 : 1;
}
