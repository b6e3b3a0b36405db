/* Layouts for tkg export and tkg report: node positions for the graph files (igraph's layout
 * through the library, or a Graphviz engine through tkg-render when one is named) and the part
 * of a large view that a diagram draws. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ positions */

int export_positions(double **x, double **y, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt, const render_options *ro)
{
    size_t n = tkg_store_entity_count(s);
    tkg_sink *dot = NULL;
    char *pos = NULL;
    size_t pos_len = 0;
    tkg_error err = {0};
    int status = EXIT_IO;
    *x = malloc((n ? n : 1) * sizeof **x);
    *y = malloc((n ? n : 1) * sizeof **y);
    if (!*x || !*y) {
        cli_nomem();
        goto done;
    }
    tkg_export_options o = *opt;
    o.warn = NULL; /* the diagram, if any, reports shortened labels */
    if (tkg_sink_open_memory(&dot, &err) != TKG_OK || tkg_write_dot(dot, s, v, &o, &err)) {
        status = cli_fail(&err);
        goto done;
    }
    size_t len;
    const char *text = tkg_sink_data(dot, &len);
    if ((status = render_run(&pos, &pos_len, ro, "pos", text, len)) != EXIT_OK)
        goto done;
    if (tkg_positions_read(*x, *y, s, v, pos, pos_len, &err) != TKG_OK)
        status = cli_fail(&err);
done:
    if (status != EXIT_OK) {
        free(*x);
        free(*y);
        *x = *y = NULL;
    }
    tkg_sink_free(dot);
    free(pos);
    return status;
}

int export_layout_positions(double **x, double **y, const tkg_store *s, const tkg_view *v)
{
    size_t n = tkg_store_entity_count(s);
    tkg_error err = {0};
    int status = EXIT_IO;
    *x = malloc((n ? n : 1) * sizeof **x);
    *y = malloc((n ? n : 1) * sizeof **y);
    if (!*x || !*y) {
        cli_nomem();
        goto done;
    }
    int rc = tkg_layout_compute(*x, *y, s, v, NULL, &err);
    if (rc == TKG_ELIMIT) {
        fprintf(stderr, "tkg: note: no positions: %s (Gephi lays the file out)\n", err.message);
        free(*x);
        free(*y);
        *x = *y = NULL;
        return EXIT_OK;
    }
    if (rc != TKG_OK) {
        status = cli_fail(&err);
        goto done;
    }
    status = EXIT_OK;
done:
    if (status != EXIT_OK) {
        free(*x);
        free(*y);
        *x = *y = NULL;
    }
    return status;
}

/* ------------------------------------------------------------ what a diagram draws */

typedef struct degree_row {
    uint32_t entity, relations;
} degree_row;

static int by_relations(const void *a, const void *b)
{
    const degree_row *x = a, *y = b;
    if (x->relations != y->relations)
        return x->relations > y->relations ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

int export_drawn_view(tkg_view **out, size_t *total, const tkg_store *s, const tkg_view *v,
                      const tkg_view_options *vo)
{
    return export_kept_view(out, total, s, v, vo, EXPORT_DRAW_MAX, SIZE_MAX);
}

int export_kept_view(tkg_view **out, size_t *total, const tkg_store *s, const tkg_view *v,
                     const tkg_view_options *vo, size_t max_entities, size_t max_relations)
{
    size_t ne, nr;
    const uint32_t *ent = tkg_view_entities(v, &ne), *rel = tkg_view_relations(v, &nr);
    *out = NULL;
    *total = ne;
    if (ne <= max_entities && nr <= max_relations)
        return EXIT_OK;
    uint32_t *count = calloc(tkg_store_entity_count(s), sizeof *count);
    degree_row *rows = malloc((ne ? ne : 1) * sizeof *rows);
    uint32_t *keep = malloc((ne ? ne : 1) * sizeof *keep);
    int rc = EXIT_IO;
    if (!count || !rows || !keep) {
        cli_nomem();
        goto done;
    }
    for (size_t i = 0; i < nr; i++) {
        count[tkg_relation_from(s, rel[i])]++;
        count[tkg_relation_to(s, rel[i])]++;
    }
    for (size_t i = 0; i < ne; i++)
        rows[i] = (degree_row){ent[i], count[ent[i]]};
    qsort(rows, ne, sizeof *rows, by_relations);
    size_t want = max_entities < ne ? max_entities : ne;
    tkg_view_options o = vo ? *vo : (tkg_view_options){0};
    o.only = keep;
    rc = EXIT_OK;
    /* The most connected entities, fewer of them while their relations are too many. */
    for (;;) {
        size_t n = 0, kept;
        while (n < want && rows[n].relations > 0) /* entities without relations: none */
            keep[n] = rows[n].entity, n++;
        o.only_count = n;
        tkg_error err = {0};
        tkg_view_free(*out);
        *out = NULL;
        if (tkg_view_new(out, s, &o, &err) != TKG_OK) {
            rc = cli_fail(&err);
            break;
        }
        tkg_view_relations(*out, &kept);
        if (kept <= max_relations || n <= 1)
            break;
        size_t fewer = (size_t)((double)n * (double)max_relations / (double)kept);
        want = fewer < n ? fewer : n - 1;
    }
done:
    free(count);
    free(rows);
    free(keep);
    return rc;
}

void export_with_commas(char *buf, size_t size, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), used = 0;
    for (int i = 0; i < len && (size_t)used + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[used++] = ',';
        buf[used++] = digits[i];
    }
    buf[used] = '\0';
}

void export_cut_caption(char *buf, size_t size, const tkg_view *drawn, size_t total)
{
    size_t n;
    char shown[32], all[32];
    tkg_view_entities(drawn, &n);
    export_with_commas(shown, sizeof shown, n);
    export_with_commas(all, sizeof all, total);
    snprintf(buf, size, "the %s most connected of %s entities", shown, all);
}
