/* The rank chart: an SVG line chart (a bump chart) of how the best-ranked entities rank in
 * one centrality measure across the snapshots of a series. Plain SVG 1.1 without scripts or
 * style sheets, so that browsers, Inkscape and librsvg draw it alike; the geometry is fixed
 * (docs/export.md gives the scale), so that a test can map every point back to its rank. */
#include "escape.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

enum {
    WIDTH = 960,
    HEIGHT = 560,
    PLOT_LEFT = 64,    /* x of the first snapshot */
    PLOT_RIGHT = 740,  /* x of the last snapshot */
    PLOT_TOP = 84,     /* y of rank 1 */
    PLOT_BOTTOM = 484, /* y of the largest rank drawn */
    LINES_MAX = 8,     /* one colour each */
    LINEAR_MAX = 25,   /* ranks up to this on a linear scale, beyond on a logarithmic one */
    LABEL_CHARS = 28,  /* end labels longer than this are shortened */
    LABEL_GAP = 15     /* the least vertical distance between two end labels */
};

/* Okabe & Ito's colour-blind-safe palette without its yellow, which is unreadable on white,
 * and Paul Tol's wine as the eighth colour. */
static const char *const palette[LINES_MAX] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                               "#E69F00", "#56B4E9", "#000000", "#882255"};

static const char font[] = "DejaVu Sans, Helvetica, Arial, sans-serif";

/* An entity that may be drawn, and what orders the candidates. */
typedef struct pick {
    size_t i;           /* its index in the centrality result */
    uint32_t last_rank; /* its rank in the latest snapshot that has relations; 0: absent */
    double mean_rank;   /* over the snapshots where it is present */
    const char *id;
} pick;

static int by_standing(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if ((x->last_rank == 0) != (y->last_rank == 0))
        return x->last_rank == 0 ? 1 : -1;
    if (x->last_rank != y->last_rank)
        return x->last_rank < y->last_rank ? -1 : 1;
    if (x->mean_rank != y->mean_rank)
        return x->mean_rank < y->mean_rank ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Everything the drawing needs. */
typedef struct chart {
    tkg_sink *out;
    const tkg_store *s;
    const tkg_centrality *c;
    const tkg_rank_chart_options *opt;
    size_t m, nsnap;
    double *x;         /* per snapshot */
    double *y;         /* per line j and snapshot k, at [j * nsnap + k]; NaN when absent */
    uint32_t max_rank; /* the largest rank drawn: the bottom of the scale */
} chart;

static void put(tkg_sink *out, const char *text)
{
    sink_puts(out, text);
}

static void put_num(tkg_sink *out, double v)
{
    sink_put_fixed(out, v, 2);
}

static void put_attr(tkg_sink *out, const char *text)
{
    esc_puts(out, ESC_XML_ATTR, text);
}

static void put_text(tkg_sink *out, const char *text)
{
    esc_puts(out, ESC_XML_TEXT, text);
}

/* `text` shortened to at most `max` characters (code points), ending with "…" when cut. */
static void put_text_capped(tkg_sink *out, const char *text, size_t max)
{
    size_t len = strlen(text), at = 0, chars = 0, cut = 0;
    while (at < len) {
        uint32_t cp;
        size_t n = utf8_sequence((const unsigned char *)text + at, len - at, &cp);
        if (++chars == max)
            cut = at; /* where the last character before "…" would start */
        at += n ? n : 1;
        if (chars > max) {
            esc_put(out, ESC_XML_TEXT, text, cut);
            put(out, "\xE2\x80\xA6");
            return;
        }
    }
    esc_put(out, ESC_XML_TEXT, text, len);
}

/* The y coordinate of a rank (see docs/export.md). */
static double rank_y(const chart *ch, uint32_t rank)
{
    double span = PLOT_BOTTOM - PLOT_TOP;
    if (ch->max_rank <= 1)
        return PLOT_TOP;
    if (ch->max_rank <= LINEAR_MAX)
        return PLOT_TOP + span * (rank - 1) / (ch->max_rank - 1);
    return PLOT_TOP + span * log(rank) / log(ch->max_rank);
}

/* The vertical distance from rank r to rank r + 1. */
static double rank_band(const chart *ch, uint32_t r)
{
    if (ch->max_rank <= 1)
        return 16;
    return rank_y(ch, r + 1) - rank_y(ch, r);
}

/* Where each line passes: its rank's height, except that lines tied at a rank in a snapshot
 * are drawn side by side, min(4, band / n) apart around it, in the order of the lines (the
 * better standing higher), so that none hides another. */
static void place_points(chart *ch, const pick *picks, size_t lines)
{
    for (size_t k = 0; k < ch->nsnap; k++)
        for (size_t j = 0; j < lines; j++) {
            uint32_t r = tkg_centrality_rank(ch->c, ch->m, k, picks[j].i);
            size_t before = 0, tied = 0;
            for (size_t o = 0; o < lines && r; o++) {
                bool same = tkg_centrality_rank(ch->c, ch->m, k, picks[o].i) == r;
                tied += same;
                before += same && o < j;
            }
            if (!r) {
                ch->y[j * ch->nsnap + k] = NAN;
                continue;
            }
            double gap = fmin(4.0, rank_band(ch, r) / (double)tied);
            ch->y[j * ch->nsnap + k] =
                rank_y(ch, r) + ((double)before - (double)(tied - 1) / 2.0) * gap;
        }
}

/* The x tick label of a snapshot: "2014" for a calendar year, "2010–2019" for whole years,
 * "2014-03" for a window that starts on the first of a month and ends at a month's end, else
 * its first day. */
static void snapshot_label(tkg_snapshot sn, char *buf, size_t size)
{
    int y1, m1, d1, y2, m2, d2;
    tkg_day_to_civil(sn.from, &y1, &m1, &d1);
    tkg_day_to_civil(sn.to, &y2, &m2, &d2);
    bool month_end = d2 == tkg_days_in_month(y2, m2);
    if (sn.to > sn.from && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31) {
        if (y1 == y2)
            snprintf(buf, size, "%04d", y1);
        else
            snprintf(buf, size, "%04d\xE2\x80\x93%04d", y1, y2);
    } else if (sn.to > sn.from && d1 == 1 && month_end) {
        snprintf(buf, size, "%04d-%02d", y1, m1);
    } else {
        tkg_day_format(sn.from, buf);
    }
}

/* Writes "FROM to TO" for a window, or the day of an as-of snapshot. */
static void put_span(tkg_sink *out, tkg_snapshot sn)
{
    sink_put_day(out, sn.from);
    if (sn.to != sn.from) {
        put(out, " to ");
        sink_put_day(out, sn.to);
    }
}

static void put_line(tkg_sink *out, double x1, double y1, double x2, double y2, const char *rest)
{
    put(out, "<line x1=\"");
    put_num(out, x1);
    put(out, "\" y1=\"");
    put_num(out, y1);
    put(out, "\" x2=\"");
    put_num(out, x2);
    put(out, "\" y2=\"");
    put_num(out, y2);
    put(out, "\" ");
    put(out, rest);
    put(out, "/>\n");
}

/* Opens <text x y ...> (the caller writes the content and </text>). */
static void open_text(tkg_sink *out, double x, double y, const char *rest)
{
    put(out, "<text x=\"");
    put_num(out, x);
    put(out, "\" y=\"");
    put_num(out, y);
    put(out, "\" ");
    put(out, rest);
    put(out, ">");
}

/* Title, subtitle and a description for screen readers. */
static void put_heading(const chart *ch, const char *title)
{
    tkg_sink *out = ch->out;
    put(out, "<title>");
    put_text(out, title);
    put(out, "</title>\n<desc>");
    put(out, "Rank of each entity by ");
    put_text(out, tkg_measure_name(tkg_centrality_measure(ch->c, ch->m)));
    put(out, " in each snapshot (1 = highest); a gap where the entity is absent.");
    put(out, "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    open_text(out, PLOT_LEFT, 32, "class=\"title\" font-size=\"18\" font-weight=\"bold\"");
    put_text(out, title);
    put(out, "</text>\n");
    if (ch->opt->subtitle) {
        open_text(out, PLOT_LEFT, 54, "class=\"subtitle\" font-size=\"13\" fill=\"#555555\"");
        put_text(out, ch->opt->subtitle);
        put(out, "</text>\n");
    }
}

/* A tick, a label and a grid line at rank `r`. */
static void put_rank_tick(const chart *ch, uint32_t r)
{
    double y = rank_y(ch, r);
    put_line(ch->out, PLOT_LEFT - 8, y, PLOT_RIGHT + 8, y, "stroke=\"#e6e6e6\"");
    open_text(ch->out, PLOT_LEFT - 20, y + 4, "class=\"ytick\" text-anchor=\"end\"");
    sink_put_uint(ch->out, r);
    put(ch->out, "</text>\n");
}

/* The rank axis: a tick per rank on the linear scale; at 1, 2, 3, 5, 10, 20, 30, 50, 100, ...
 * on the logarithmic one. */
static void put_rank_axis(const chart *ch)
{
    tkg_sink *out = ch->out;
    put(out, "<g class=\"y-axis\" font-size=\"11\" fill=\"#444444\">\n");
    put_line(out, PLOT_LEFT - 16, PLOT_TOP - 10, PLOT_LEFT - 16, PLOT_BOTTOM + 10,
             "stroke=\"#888888\"");
    if (ch->max_rank <= LINEAR_MAX) {
        for (uint32_t r = 1; r <= ch->max_rank; r++)
            put_rank_tick(ch, r);
    } else {
        static const uint32_t steps[] = {1, 2, 3, 5};
        for (uint64_t base = 1; base <= ch->max_rank; base *= 10)
            for (size_t k = 0; k < 4 && base * steps[k] <= ch->max_rank; k++)
                put_rank_tick(ch, (uint32_t)(base * steps[k]));
    }
    put(out, "</g>\n");
    double mid = (PLOT_TOP + PLOT_BOTTOM) / 2.0;
    put(out, "<text class=\"axis-title\" x=\"0\" y=\"0\" font-size=\"13\" text-anchor=\"middle\" "
             "transform=\"translate(18 ");
    put_num(out, mid);
    put(out, ") rotate(-90)\">");
    if (ch->opt->y_title) {
        put_text(out, ch->opt->y_title);
    } else {
        put(out, "rank by ");
        put_text(out, tkg_measure_name(tkg_centrality_measure(ch->c, ch->m)));
        put(out, " (1 = highest)");
    }
    put(out, "</text>\n");
}

/* The date axis: a tick per snapshot, labelled as often as the labels fit. */
static void put_date_axis(const chart *ch)
{
    tkg_sink *out = ch->out;
    double axis = PLOT_BOTTOM + 14;
    char label[32];
    size_t chars = 4;
    for (size_t k = 0; k < ch->nsnap; k++) {
        snapshot_label(tkg_centrality_snapshot(ch->c, k), label, sizeof label);
        size_t n = strlen(label) - (strstr(label, "\xE2\x80\x93") ? 2 : 0);
        chars = n > chars ? n : chars;
    }
    /* About 6.5 px per character at 11 px, and a gap of two characters. */
    double room = ch->nsnap > 1 ? (double)(PLOT_RIGHT - PLOT_LEFT) / (double)(ch->nsnap - 1) : 1e9;
    size_t stride = (size_t)ceil(6.5 * (double)(chars + 2) / room);
    stride = stride ? stride : 1;
    put(out, "<g class=\"x-axis\" font-size=\"11\" fill=\"#444444\">\n");
    put_line(out, PLOT_LEFT - 8, axis, PLOT_RIGHT + 8, axis, "stroke=\"#888888\"");
    for (size_t k = 0; k < ch->nsnap; k++) {
        tkg_snapshot sn = tkg_centrality_snapshot(ch->c, k);
        put_line(out, ch->x[k], axis, ch->x[k], axis + (k % stride ? 3 : 6), "stroke=\"#888888\"");
        if (k % stride)
            continue;
        snapshot_label(sn, label, sizeof label);
        open_text(out, ch->x[k], axis + 20, "class=\"xtick\" text-anchor=\"middle\"");
        put_text(out, label);
        put(out, "<title>");
        put_span(out, sn);
        put(out, "</title></text>\n");
    }
    put(out, "</g>\n");
    open_text(out, (PLOT_LEFT + PLOT_RIGHT) / 2.0, HEIGHT - 18,
              "class=\"axis-title\" font-size=\"13\" text-anchor=\"middle\"");
    put_text(out, ch->opt->x_title ? ch->opt->x_title : "date");
    put(out, "</text>\n");
}

/* One entity's line: a polyline per run of snapshots where it is present, a point with a
 * tooltip per snapshot, and its label at the right, at `label_y`. */
static void put_series(const chart *ch, const pick *p, size_t line, double label_y)
{
    tkg_sink *out = ch->out;
    const char *color = palette[line];
    uint32_t e = tkg_centrality_entity(ch->c, p->i);
    const char *label = tkg_entity_label(ch->s, e, ch->opt->lang);
    const char *measure = tkg_measure_name(tkg_centrality_measure(ch->c, ch->m));
    put(out, "<g class=\"series\" data-entity=\"");
    put_attr(out, p->id);
    put(out, "\">\n<title>");
    put_text(out, label);
    put(out, "</title>\n");
    size_t last = 0;
    for (size_t k = 0; k < ch->nsnap;) {
        if (!tkg_centrality_rank(ch->c, ch->m, k, p->i)) {
            k++;
            continue;
        }
        size_t end = k;
        while (end < ch->nsnap && tkg_centrality_rank(ch->c, ch->m, end, p->i))
            end++;
        if (end - k > 1) {
            put(out, "<polyline points=\"");
            for (size_t j = k; j < end; j++) {
                put(out, j > k ? " " : "");
                put_num(out, ch->x[j]);
                put(out, ",");
                put_num(out, ch->y[line * ch->nsnap + j]);
            }
            put(out, "\" fill=\"none\" stroke=\"");
            put(out, color);
            put(out, "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" "
                     "stroke-linecap=\"round\"/>\n");
        }
        last = end - 1;
        k = end;
    }
    for (size_t k = 0; k < ch->nsnap; k++) {
        uint32_t r = tkg_centrality_rank(ch->c, ch->m, k, p->i);
        if (!r)
            continue;
        put(out, "<circle class=\"point\" cx=\"");
        put_num(out, ch->x[k]);
        put(out, "\" cy=\"");
        put_num(out, ch->y[line * ch->nsnap + k]);
        put(out, "\" r=\"4\" fill=\"");
        put(out, color);
        put(out, "\" stroke=\"#ffffff\" stroke-width=\"1\"><title>");
        put_text(out, label);
        put(out, ", ");
        put_span(out, tkg_centrality_snapshot(ch->c, k));
        put(out, ": rank ");
        sink_put_uint(out, r);
        put(out, " of ");
        sink_put_uint(out, tkg_centrality_snapshot_entities(ch->c, k));
        put(out, " (");
        put(out, measure);
        put(out, " ");
        sink_put_fixed(out, tkg_centrality_value(ch->c, ch->m, k, p->i), 6);
        put(out, ")</title></circle>\n");
    }
    /* The label, with a thin leader from the line's last point. */
    double x0 = ch->x[last], y0 = ch->y[line * ch->nsnap + last];
    put(out, "<polyline class=\"leader\" points=\"");
    put_num(out, x0 + 6);
    put(out, ",");
    put_num(out, y0);
    put(out, " ");
    put_num(out, PLOT_RIGHT + 14);
    put(out, ",");
    put_num(out, label_y - 4);
    put(out, "\" fill=\"none\" stroke=\"");
    put(out, color);
    put(out, "\" stroke-width=\"1\"");
    put(out, last + 1 < ch->nsnap ? " stroke-dasharray=\"2 3\"/>\n" : "/>\n");
    char rest[64];
    snprintf(rest, sizeof rest, "class=\"label\" font-size=\"12\" fill=\"%s\"", color);
    open_text(out, PLOT_RIGHT + 18, label_y, rest);
    put_text_capped(out, label, LABEL_CHARS);
    put(out, "</text>\n</g>\n");
}

/* The candidates for the chart, best standing first: the entities best ranked in snapshot
 * `latest`, then the others by their mean rank where present. Returns how many. */
static size_t pick_entities(pick *picks, const chart *ch, size_t latest)
{
    size_t np = 0;
    for (size_t i = 0; i < tkg_centrality_entity_count(ch->c); i++) {
        double sum = 0;
        size_t present = 0;
        for (size_t k = 0; k < ch->nsnap; k++) {
            uint32_t r = tkg_centrality_rank(ch->c, ch->m, k, i);
            sum += r;
            present += r > 0;
        }
        if (present)
            picks[np++] =
                (pick){i, tkg_centrality_rank(ch->c, ch->m, latest, i), sum / (double)present,
                       tkg_entity_id(ch->s, tkg_centrality_entity(ch->c, i))};
    }
    qsort(picks, np, sizeof *picks, by_standing);
    return np;
}

/* Spreads the end labels apart: at least LABEL_GAP between neighbours, within the chart. */
static void spread_labels(double *y, const size_t *order, size_t n)
{
    for (size_t j = 1; j < n; j++)
        if (y[order[j]] < y[order[j - 1]] + LABEL_GAP)
            y[order[j]] = y[order[j - 1]] + LABEL_GAP;
    double floor = PLOT_BOTTOM + 12;
    if (n && y[order[n - 1]] > floor) {
        y[order[n - 1]] = floor;
        for (size_t j = n - 1; j-- > 0;)
            if (y[order[j]] > y[order[j + 1]] - LABEL_GAP)
                y[order[j]] = y[order[j + 1]] - LABEL_GAP;
    }
}

int tkg_write_rank_chart(tkg_sink *out, const tkg_store *s, const tkg_centrality *c,
                         const tkg_rank_chart_options *opt, tkg_error *err)
{
    assert(out && s && c);
    static const tkg_rank_chart_options defaults = {0};
    opt = opt ? opt : &defaults;
    chart ch = {.out = out, .s = s, .c = c, .opt = opt, .m = opt->measure};
    ch.nsnap = tkg_centrality_snapshot_count(c);
    size_t ne = tkg_centrality_entity_count(c);
    size_t lines = opt->top == 0 || opt->top > LINES_MAX ? LINES_MAX : opt->top;
    pick *picks = NULL;
    double label_y[LINES_MAX];
    size_t order[LINES_MAX];
    int rc = TKG_OK;
    if (ch.m >= tkg_centrality_measure_count(c)) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "the chart's measure %zu is out of range", ch.m);
        goto done;
    }
    size_t latest = ch.nsnap;
    for (size_t k = ch.nsnap; k-- > 0;)
        if (tkg_centrality_snapshot_relations(c, k) > 0) {
            latest = k;
            break;
        }
    if (latest == ch.nsnap) {
        rc = tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "no snapshot has a relation to chart");
        goto done;
    }
    ch.x = malloc(ch.nsnap * sizeof *ch.x);
    ch.y = malloc(ch.nsnap * LINES_MAX * sizeof *ch.y);
    picks = malloc((ne ? ne : 1) * sizeof *picks);
    if (!ch.x || !ch.y || !picks) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    size_t np = pick_entities(picks, &ch, latest);
    lines = np < lines ? np : lines;
    ch.max_rank = 1;
    for (size_t j = 0; j < lines; j++)
        for (size_t k = 0; k < ch.nsnap; k++) {
            uint32_t r = tkg_centrality_rank(c, ch.m, k, picks[j].i);
            ch.max_rank = r > ch.max_rank ? r : ch.max_rank;
        }
    place_points(&ch, picks, lines);
    int32_t first = tkg_centrality_snapshot(c, 0).from;
    int32_t span = tkg_centrality_snapshot(c, ch.nsnap - 1).from - first;
    for (size_t k = 0; k < ch.nsnap; k++)
        ch.x[k] = span > 0 ? PLOT_LEFT + (double)(PLOT_RIGHT - PLOT_LEFT) *
                                             (tkg_centrality_snapshot(c, k).from - first) / span
                           : (PLOT_LEFT + PLOT_RIGHT) / 2.0;

    char title[128];
    if (!opt->title)
        snprintf(title, sizeof title, "Rank by %s over time",
                 tkg_measure_name(tkg_centrality_measure(c, ch.m)));
    put(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
    sink_put_uint(out, WIDTH);
    put(out, "\" height=\"");
    sink_put_uint(out, HEIGHT);
    put(out, "\" viewBox=\"0 0 ");
    sink_put_uint(out, WIDTH);
    put(out, " ");
    sink_put_uint(out, HEIGHT);
    put(out, "\" font-family=\"");
    put(out, font);
    put(out, "\" fill=\"#222222\">\n");
    put_heading(&ch, opt->title ? opt->title : title);
    put_rank_axis(&ch);
    put_date_axis(&ch);

    /* End labels: at the height of each line's last point, spread apart in that order. */
    for (size_t j = 0; j < lines; j++) {
        size_t last = 0;
        for (size_t k = 0; k < ch.nsnap; k++)
            if (tkg_centrality_rank(c, ch.m, k, picks[j].i))
                last = k;
        label_y[j] = ch.y[j * ch.nsnap + last] + 4;
        order[j] = j;
    }
    for (size_t j = 1; j < lines; j++) /* insertion sort by height, then by standing */
        for (size_t i = j; i > 0 && label_y[order[i]] < label_y[order[i - 1]]; i--) {
            size_t t = order[i];
            order[i] = order[i - 1];
            order[i - 1] = t;
        }
    spread_labels(label_y, order, lines);
    /* The best-ranked line last, so that it is drawn on top. */
    for (size_t j = lines; j-- > 0;)
        put_series(&ch, &picks[j], j, label_y[j]);
    put(out, "</svg>\n");
    rc = sink_status(out) == TKG_OK ? TKG_OK : tkg_error_keep(err, &out->error);
done:
    free(ch.x);
    free(ch.y);
    free(picks);
    return rc;
}
