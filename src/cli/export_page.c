/* The timeline page (tkg export -f html, tkg report's timeline.html): the part of the view a
 * page holds, its layout over all dates and its centrality series, then tkg_write_html. */
#include "analytics_args.h"
#include "export.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

/* "Showing the 2,000 most connected of 9,876 entities (those with the most relations in the
 * view): a page holds at most 2,000 entities and 20,000 relations." */
static void page_notice(char *buf, size_t size, const tkg_view *kept, size_t total)
{
    char cut[96], ne[32], nr[32];
    export_cut_caption(cut, sizeof cut, kept, total);
    export_with_commas(ne, sizeof ne, EXPORT_PAGE_ENTITIES);
    export_with_commas(nr, sizeof nr, EXPORT_PAGE_RELATIONS);
    snprintf(buf, size,
             "Showing %s (those with the most relations in the view): a page holds at most "
             "%s entities and %s relations.",
             cut, ne, nr);
}

/* The series of tkg report's centrality-series.csv (its measures and windows) for the
 * network of view `v` over its dates; none (NULL) when nothing is dated or no window has a
 * relation between actors. */
static int page_series(tkg_centrality **out, const tkg_store *s, const tkg_view *v,
                       const tkg_view_options *vo)
{
    int32_t first, last;
    char period[32];
    *out = NULL;
    if (!series_span(&first, &last, s, v, vo))
        return EXIT_OK;
    int rc = report_series_compute(out, period, sizeof period, s, v, first, last);
    if (rc == EXIT_OK && !report_has_relations(*out)) {
        tkg_centrality_free(*out);
        *out = NULL;
    }
    return rc;
}

int export_page(const char *path, const tkg_store *s, const tkg_view *v, const tkg_view_options *vo,
                const tkg_export_options *opt, const render_options *ro,
                const tkg_centrality *series)
{
    tkg_view *kept = NULL;
    tkg_centrality *own = NULL;
    double *px = NULL, *py = NULL;
    size_t total;
    char notice[400];
    int rc = export_kept_view(&kept, &total, s, v, vo, EXPORT_PAGE_ENTITIES, EXPORT_PAGE_RELATIONS);
    if (rc != EXIT_OK)
        goto done;
    const tkg_view *page = kept ? kept : v;
    tkg_export_options o = *opt;
    if (kept) {
        page_notice(notice, sizeof notice, kept, total);
        o.notice = notice;
        fprintf(stderr, "tkg: note: %s\n", notice);
    }
    /* The values are those of the network the page holds: the caller's series when that is
     * the whole view, else computed on what the page keeps (which also bounds their cost). */
    if (kept)
        series = NULL;
    if (!series && (rc = page_series(&own, s, page, vo)) != EXIT_OK)
        goto done;
    o.centrality = series ? series : own;
    o.size_by_centrality = false;
    size_t nodes;
    tkg_view_entities(page, &nodes);
    if (nodes) { /* one layout for every date: the union of the view over time */
        rc = ro->engine ? export_positions(&px, &py, s, page, &o, ro)
                        : export_layout_positions(&px, &py, s, page);
        if (rc != EXIT_OK)
            goto done;
    }
    o.x = px;
    o.y = py;
    rc = export_to_path(path, EXPORT_HTML, s, page, &o, ro);
done:
    free(px);
    free(py);
    tkg_centrality_free(own);
    tkg_view_free(kept);
    return rc;
}
