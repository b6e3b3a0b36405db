/* The Graphviz DOT writer: a relationship diagram styled from the ontology, with dates on
 * edge labels, an id, a class and a tooltip on every node and edge, and a legend of the
 * kinds present. Escaping follows docs/export.md ("The readers"): every value is quoted and written
 * through escape.c, and attributes come from a fixed list (no ortho splines, no concentrate, no
 * weight, no splines outside dot: each crashes Graphviz 2.42's layout on some
 * inputs). */
#include "write.h"

#include <math.h>
#include <stdlib.h>

#define LABEL_MAX       400 /* bytes of an escaped node label: a diagram shows names, not essays */
#define TOOLTIP_MAX     4000 /* bytes of an escaped tooltip; Graphviz 2.42 rejects strings > 16 KiB */
#define QUOTE_MAX       300 /* bytes of a quoted sentence in a tooltip */
#define WRAP            24  /* node labels wrap at spaces past this many characters */
#define DOT_MAX_NODES   150
#define DOT_MAX_EDGES   300 /* beyond, dot may take minutes (143 nodes, 700 edges: over 120 s) */
#define LABEL_MAX_EDGES 300 /* beyond, edge labels cover each other: the tooltips keep them */
#define FONT            "Helvetica,Arial,sans-serif"

const char *tkg_layout_engine(size_t nodes, size_t edges)
{
    return nodes <= DOT_MAX_NODES && edges <= DOT_MAX_EDGES ? "dot" : "sfdp";
}

typedef struct dot {
    wctx c;
    tkg_sink *tmp; /* scratch text (labels, tooltips) before escaping */
    uint8_t *ekind_present, *rkind_present;
    bool any_ended;
    unsigned shortened;        /* labels shortened, for one warning each */
    double size_max, size_min; /* sizing by centrality: the range of the drawn nodes' values */
    size_t size_count;         /* ... and how many have one */
    uint8_t change_present[TKG_CHANGE_TRANSIENT + 1]; /* diagrams of changes: in the legend */
    uint8_t *touched; /* diagrams of changes: per entity row, 1 when a drawn relation ends there */
    bool moves_shown; /* diagrams of changes: a node shows its rank move (rank_move) */
    bool edge_labels; /* at most LABEL_MAX_EDGES edges drawn: they have labels */
} dot;

static void warn_shortened(dot *d, const char *what, const char *id)
{
    d->shortened++;
    if (!d->c.opt.warn)
        return;
    tkg_error e;
    tkg_error_format(&e, TKG_ELIMIT, NULL, 0, 0, "%s of '%.120s' shortened to fit Graphviz", what,
                     id);
    d->c.opt.warn(d->c.opt.warn_ctx, &e);
}

/* Writes `text` into the scratch sink with line breaks at spaces once a line is longer than
 * `width` characters. */
static void put_wrapped(tkg_sink *out, const char *text, size_t width)
{
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\n') {
            col = 0;
        } else if (*p == ' ' && col >= width) {
            sink_putc(out, '\n');
            col = 0;
            continue;
        } else if ((*p & 0xC0) != 0x80) {
            col++;
        }
        sink_putc(out, (char)*p);
    }
}

/* Writes the scratch text as a quoted DOT value of at most `max` bytes. */
static void put_scratch(dot *d, esc_mode mode, size_t max, const char *what, const char *id)
{
    size_t len;
    const char *text = tkg_sink_data(d->tmp, &len);
    sink_putc(d->c.out, '"');
    if (esc_put_capped(d->c.out, mode, text, len, max))
        warn_shortened(d, what, id);
    sink_putc(d->c.out, '"');
    d->tmp->len = 0;
}

static void put_attr(tkg_sink *out, const char *name, const char *value)
{
    sink_puts(out, ", ");
    sink_puts(out, name);
    sink_puts(out, "=\"");
    esc_puts(out, ESC_DOT, value);
    sink_putc(out, '"');
}

/* "#rrggbb" mixed with white: `keep` of the colour (0..1). */
static void put_tint(tkg_sink *out, const char *hex, double keep, double dark)
{
    int rgb[3];
    char buf[8];
    color_rgb(hex, rgb);
    for (int i = 0; i < 3; i++) {
        double v = rgb[i] * keep + 255.0 * (1.0 - keep);
        rgb[i] = (int)lround(v * dark);
    }
    snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    sink_puts(out, buf);
}

static void put_source_line(void *ctx, uint32_t src, size_t index)
{
    dot *d = ctx;
    const tkg_store *s = d->c.s;
    const char *title = tkg_source_title(s, src), *publisher = tkg_source_publisher(s, src);
    const char *published = tkg_source_published(s, src);
    (void)index;
    sink_puts(d->tmp, "\nsource: ");
    sink_puts(d->tmp, title ? title : tkg_source_id(s, src));
    if (publisher || published) {
        sink_puts(d->tmp, " (");
        sink_puts(d->tmp, publisher ? publisher : "");
        sink_puts(d->tmp, publisher && published ? ", " : "");
        sink_puts(d->tmp, published ? published : "");
        sink_putc(d->tmp, ')');
    }
}

/* The URL of the first cited source that has a web address (the readers take no other), or
 * NULL: only http and https become links. */
static const char *first_url(const tkg_store *s, uint32_t row, bool relation)
{
    size_t n = row_citation_count(s, row, relation);
    for (size_t i = 0; i < n; i++) {
        tkg_citation ct = row_citation(s, row, relation, i);
        const char *url = tkg_source_url(s, ct.source);
        if (url && store_url_is_web(url))
            return url;
    }
    return NULL;
}

static bool entity_ended(const dot *d, uint32_t e)
{
    tkg_interval iv = tkg_entity_lifespan(d->c.s, e);
    tkg_bound start = tkg_entity_start(d->c.s, e), end = tkg_entity_end(d->c.s, e);
    bool point = start.raw && end.raw && strcmp(start.raw, end.raw) == 0;
    return d->c.opt.mark_ended && !point && iv.end_excl != TKG_DAY_MAX &&
           iv.end_excl <= d->c.opt.ended_before;
}

static bool relation_ended(const dot *d, uint32_t r)
{
    tkg_interval iv = tkg_relation_interval(d->c.s, r);
    return d->c.opt.mark_ended && !tkg_relation_is_point(d->c.s, r) && iv.end_excl != TKG_DAY_MAX &&
           iv.end_excl <= d->c.opt.ended_before;
}

/* Node sizes by centrality (opt.size_by_centrality). The area grows linearly with the value,
 * from SIZE_WIDTH x SIZE_HEIGHT at 0 (the smallest node Graphviz draws with the defaults of
 * write_dot) to SIZE_AREA times that at the largest value drawn. Without fixedsize, Graphviz
 * reads width and height as minimums: a label larger than that still gets the room it needs,
 * so the measure shows where it asks for more than the label does. Nodes without a value get
 * no size at all (their natural shape). The font stays the same: a larger one would let long
 * labels, not the measure, make the important nodes larger. */
#define SIZE_WIDTH  0.75 /* inches: Graphviz's default width, the diagram's smallest node */
#define SIZE_HEIGHT 0.3  /* the node defaults' height */
#define SIZE_AREA   16.0

static void put_size(dot *d, uint32_t e)
{
    tkg_sink *out = d->c.out;
    double v = centrality_value(&d->c, d->c.opt.size_measure,
                                tkg_centrality_snapshot_count(d->c.opt.centrality) - 1, e);
    if (!isfinite(v))
        return;
    double r = v > 0 && d->size_max > 0 ? v / d->size_max : 0.0;
    double scale = sqrt(1.0 + (SIZE_AREA - 1.0) * r);
    sink_puts(out, ", width=\"");
    sink_put_fixed(out, SIZE_WIDTH * scale, 3);
    sink_puts(out, "\", height=\"");
    sink_put_fixed(out, SIZE_HEIGHT * scale, 3);
    sink_putc(out, '"');
}

/* The tooltip's line for the measure that sizes the node: `pagerank: 0.1234 (rank 2)`. */
static void put_size_tooltip(dot *d, uint32_t e)
{
    const tkg_centrality *cent = d->c.opt.centrality;
    size_t m = d->c.opt.size_measure, k = tkg_centrality_snapshot_count(cent) - 1;
    double v = centrality_value(&d->c, m, k, e);
    sink_putc(d->tmp, '\n');
    sink_puts(d->tmp, tkg_measure_name(tkg_centrality_measure(cent, m)));
    if (!isfinite(v)) {
        sink_puts(d->tmp, ": no value");
        return;
    }
    sink_puts(d->tmp, ": ");
    put_double(d->tmp, v, 4);
    sink_puts(d->tmp, " (rank ");
    sink_put_uint(d->tmp, centrality_rank(&d->c, m, k, e));
    if (d->c.opt.changes && k > 0 && centrality_rank(&d->c, m, 0, e)) {
        /* a diagram of changes: the rank on the first date too */
        char day[11];
        tkg_day_format(tkg_centrality_snapshot(cent, 0).from, day);
        sink_puts(d->tmp, "; ");
        sink_put_uint(d->tmp, centrality_rank(&d->c, m, 0, e));
        sink_puts(d->tmp, " on ");
        sink_puts(d->tmp, day);
    }
    sink_putc(d->tmp, ')');
}

/* In a diagram of changes whose centrality has snapshots on both dates: how many places the
 * entity's rank in the sizing measure rose (> 0) or fell (< 0) from the first snapshot to
 * the last; 0 when it did not move or is absent from either. */
static long rank_move(const dot *d, uint32_t e)
{
    const tkg_centrality *cent = d->c.opt.centrality;
    if (!d->c.opt.changes || !d->c.opt.size_by_centrality ||
        tkg_centrality_snapshot_count(cent) < 2)
        return 0;
    size_t m = d->c.opt.size_measure, k = tkg_centrality_snapshot_count(cent) - 1;
    uint32_t before = centrality_rank(&d->c, m, 0, e), after = centrality_rank(&d->c, m, k, e);
    return before && after ? (long)before - (long)after : 0;
}

/* `▲ 3` or `▼ 2`: a rank move as a node's label shows it. */
static void put_move(tkg_sink *out, long move)
{
    sink_puts(out, move > 0 ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ");
    sink_put_uint(out, (uint64_t)(move > 0 ? move : -move));
}

/* The range of the sizing measure over the nodes drawn. */
static void size_range(dot *d)
{
    const tkg_centrality *cent = d->c.opt.centrality;
    size_t k = tkg_centrality_snapshot_count(cent) - 1;
    for (size_t i = 0; i < d->c.ne; i++) {
        uint32_t e = d->c.ent[i];
        double v = centrality_value(&d->c, d->c.opt.size_measure, k, e);
        if ((d->touched && !d->touched[e]) || !isfinite(v))
            continue;
        if (!d->size_count || v > d->size_max)
            d->size_max = v;
        if (!d->size_count || v < d->size_min)
            d->size_min = v;
        d->size_count++;
    }
}

static void write_node(dot *d, uint32_t e)
{
    const tkg_store *s = d->c.s;
    tkg_sink *out = d->c.out;
    uint32_t kind = tkg_entity_kind(s, e);
    tkg_style st = tkg_entity_kind_style(d->c.o, kind);
    const char *id = tkg_entity_id(s, e), *label = entity_label(&d->c, e);
    tkg_bound start = tkg_entity_start(s, e), end = tkg_entity_end(s, e);
    bool ended = entity_ended(d, e);
    d->ekind_present[kind] = 1;

    sink_puts(out, "  \"");
    esc_put_id(out, id);
    sink_puts(out, "\" [id=\"n-");
    esc_put_id(out, id);
    sink_puts(out, "\", class=\"");
    esc_put_id(out, tkg_entity_kind_name(d->c.o, kind));
    sink_puts(out, ended ? " ended\", label=" : "\", label=");
    put_wrapped(d->tmp, label, WRAP);
    if (start.raw || end.raw) {
        sink_putc(d->tmp, '\n');
        put_validity(d->tmp, start, end);
    }
    long move = rank_move(d, e);
    if (move) {
        sink_putc(d->tmp, '\n');
        put_move(d->tmp, move);
        d->moves_shown = true;
    }
    put_scratch(d, ESC_DOT, LABEL_MAX, "the label", id);
    put_attr(out, "shape", st.shape ? st.shape : "ellipse");
    sink_puts(out, ended ? ", style=\"filled,dashed\", fillcolor=\"" : ", fillcolor=\"");
    put_tint(out, st.color, ended ? 0.15 : 0.3, 1.0);
    sink_puts(out, "\", color=\"");
    put_tint(out, st.color, 1.0, 0.85);
    sink_putc(out, '"');
    if (d->c.opt.size_by_centrality)
        put_size(d, e);
    sink_puts(out, ", tooltip=");

    sink_puts(d->tmp, label);
    for (size_t i = 0; i < tkg_entity_name_count(s, e); i++) {
        tkg_name nm = tkg_entity_name(s, e, i);
        if (nm.alias || strcmp(nm.text, label) == 0)
            continue;
        sink_putc(d->tmp, '\n');
        sink_puts(d->tmp, nm.text);
        if (nm.lang) {
            sink_puts(d->tmp, " (");
            sink_puts(d->tmp, nm.lang);
            sink_putc(d->tmp, ')');
        }
    }
    sink_putc(d->tmp, '\n');
    sink_puts(d->tmp, tkg_entity_kind_label(d->c.o, kind));
    if (start.raw || end.raw) {
        sink_puts(d->tmp, ", ");
        put_validity(d->tmp, start, end);
    }
    if (d->c.opt.size_by_centrality)
        put_size_tooltip(d, e);
    for_each_source(s, e, false, put_source_line, d);
    put_scratch(d, ESC_DOT_TIP, TOOLTIP_MAX, "the tooltip", id);

    const char *qid = tkg_entity_external_id(s, e), *url = first_url(s, e, false);
    if (qid || url) {
        sink_puts(out, ", URL=\"");
        if (qid)
            sink_puts(out, "https://www.wikidata.org/wiki/");
        esc_puts(out, ESC_URL, qid ? qid : url);
        sink_putc(out, '"');
    }
    sink_puts(out, "];\n");
}

/* Diagrams of changes: each change's colour, label colour, line, pen width and meaning (in
 * the legend and the tooltips), by tkg_change. Line styles tell the changes apart where the
 * colours do not (in grey print, for colour-blind readers). */
static const struct change_style {
    const char *color, *font, *line, *pen, *meaning;
} change_styles[] = {
    [TKG_CHANGE_UNCHANGED] = {"#a0a0a0", "#808080", "solid", "0.7", "holds on both dates"},
    [TKG_CHANGE_STARTED] = {"#1a9641", "#11632b", "bold", "2.2",
                            "new: holds on the second date only"},
    [TKG_CHANGE_ENDED] = {"#d7191c", "#9e1214", "dashed", "1.4",
                          "gone: held on the first date only"},
    [TKG_CHANGE_CHANGED] = {"#e66101", "#a34500", "solid", "1.6",
                            "holds on one date only, restated on the other"},
    [TKG_CHANGE_TRANSIENT] = {"#7b3294", "#5a246c", "dotted", "1.4",
                              "holds only between the two dates"},
};

static void write_edge(dot *d, uint32_t r)
{
    const tkg_store *s = d->c.s;
    tkg_sink *out = d->c.out;
    uint32_t kind = tkg_relation_kind(s, r), from = tkg_relation_from(s, r),
             to = tkg_relation_to(s, r);
    tkg_style st = tkg_relation_kind_style(d->c.o, kind);
    tkg_bound start = tkg_relation_start(s, r), end = tkg_relation_end(s, r);
    tkg_change change = d->c.opt.changes ? d->c.opt.changes[r] : TKG_CHANGE_NONE;
    bool ended = !d->c.opt.changes && relation_ended(d, r);
    const char *klabel = tkg_relation_kind_label(d->c.o, kind);
    d->rkind_present[kind] = 1;
    d->any_ended |= ended;
    d->change_present[change] = 1;

    sink_puts(out, "  \"");
    put_node_id(&d->c, from);
    sink_puts(out, "\" -> \"");
    put_node_id(&d->c, to);
    sink_puts(out, "\" [id=\"r-");
    put_edge_id(&d->c, r, ESC_DOT);
    sink_puts(out, "\", class=\"");
    esc_put_id(out, tkg_relation_kind_name(d->c.o, kind));
    if (change) {
        sink_putc(out, ' ');
        sink_puts(out, tkg_change_name(change));
    }
    sink_puts(out, ended ? " ended\"" : "\"");
    /* Warnings name the relation by its endpoints. */
    char who[200];
    snprintf(who, sizeof who, "%.90s -> %.90s", tkg_entity_id(s, from), tkg_entity_id(s, to));
    if (d->edge_labels) {
        sink_puts(out, ", label=");
        sink_puts(d->tmp, klabel);
        if (change) {
            sink_puts(d->tmp, " (");
            sink_puts(d->tmp, tkg_change_name(change));
            sink_putc(d->tmp, ')');
        }
        if (start.raw || end.raw) {
            sink_putc(d->tmp, '\n');
            put_validity(d->tmp, start, end);
        }
        put_scratch(d, ESC_DOT, LABEL_MAX, "the label", who);
    }
    const char *line = st.line && strcmp(st.line, "solid") != 0 ? st.line : NULL;
    if (change) {
        const struct change_style *cs = &change_styles[change];
        if (strcmp(cs->line, "dashed") == 0 || strcmp(cs->line, "dotted") == 0)
            put_attr(out, "style", cs->line);
        put_attr(out, "color", cs->color);
        put_attr(out, "fontcolor", cs->font);
        put_attr(out, "penwidth", cs->pen);
    } else if (ended) {
        sink_puts(out, ", style=\"dashed\", color=\"#a0a0a0\", fontcolor=\"#808080\"");
    } else {
        if (line)
            put_attr(out, "style", line);
        sink_puts(out, ", color=\"");
        put_tint(out, st.color, 1.0, 1.0);
        sink_puts(out, "\", fontcolor=\"");
        put_tint(out, st.color, 1.0, 0.6);
        sink_putc(out, '"');
    }
    if (tkg_relation_kind_symmetric(d->c.o, kind))
        sink_puts(out, ", dir=\"none\"");
    sink_puts(out, ", tooltip=");
    sink_puts(d->tmp, entity_label(&d->c, from));
    sink_puts(d->tmp,
              tkg_relation_kind_symmetric(d->c.o, kind) ? " \xE2\x80\x94 " : " \xE2\x86\x92 ");
    sink_puts(d->tmp, entity_label(&d->c, to));
    sink_puts(d->tmp, ": ");
    sink_puts(d->tmp, klabel);
    if (start.raw || end.raw) {
        sink_putc(d->tmp, '\n');
        put_validity(d->tmp, start, end);
        if (ended)
            sink_puts(d->tmp, " (ended)");
    }
    if (change) {
        sink_putc(d->tmp, '\n');
        sink_puts(d->tmp, tkg_change_name(change));
        sink_puts(d->tmp, ": ");
        sink_puts(d->tmp, change_styles[change].meaning);
    }
    for_each_source(s, r, true, put_source_line, d);
    size_t nc = tkg_relation_citation_count(s, r);
    for (size_t i = 0; i < nc; i++) {
        const char *q = tkg_relation_citation(s, r, i).quote;
        if (!q || !q[0])
            continue;
        sink_puts(d->tmp, "\n\xC2\xAB ");
        size_t n = strlen(q);
        if (n > QUOTE_MAX) { /* cut at a character boundary */
            n = QUOTE_MAX;
            while (n > 0 && ((unsigned char)q[n] & 0xC0) == 0x80)
                n--;
        }
        sink_put(d->tmp, q, n);
        sink_puts(d->tmp, n < strlen(q) ? "\xE2\x80\xA6 \xC2\xBB" : " \xC2\xBB");
    }
    put_scratch(d, ESC_DOT_TIP, TOOLTIP_MAX, "the tooltip", who);
    const char *url = first_url(s, r, true);
    if (url) {
        sink_puts(out, ", URL=\"");
        esc_puts(out, ESC_URL, url);
        sink_putc(out, '"');
    }
    sink_puts(out, "];\n");
}

/* Line glyphs for the legend, one per edge style. */
static const char *line_glyph(const char *line)
{
    if (line && strcmp(line, "dashed") == 0)
        return "\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C"; /* ╌╌╌╌ */
    if (line && strcmp(line, "dotted") == 0)
        return "\xE2\x94\x88\xE2\x94\x88\xE2\x94\x88\xE2\x94\x88"; /* ┈┈┈┈ */
    if (line && strcmp(line, "bold") == 0)
        return "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81"; /* ━━━━ */
    return "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80";     /* ──── */
}

#define LEGEND_COLUMNS 4

/* One row per change drawn, in the order of the table of `tkg diff`: its line in its colour,
 * its name and what it means. */
static void write_change_legend(dot *d)
{
    static const tkg_change order[] = {TKG_CHANGE_STARTED, TKG_CHANGE_ENDED, TKG_CHANGE_CHANGED,
                                       TKG_CHANGE_TRANSIENT, TKG_CHANGE_UNCHANGED};
    tkg_sink *out = d->c.out;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        if (!d->change_present[order[k]])
            continue;
        const struct change_style *cs = &change_styles[order[k]];
        sink_puts(out, "    <TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\" COLOR=\"");
        sink_puts(out, cs->color);
        sink_puts(out, "\">");
        sink_puts(out, line_glyph(cs->line));
        sink_puts(out, "</FONT></TD><TD ALIGN=\"LEFT\" COLSPAN=\"7\"><B>");
        sink_puts(out, tkg_change_name(order[k]));
        sink_puts(out, "</B>: ");
        esc_puts(out, ESC_HTML, cs->meaning);
        sink_puts(out, "</TD></TR>\n");
    }
}

/* `node size: pagerank (0.01 to 0.25)`: the measure that sizes the nodes and the range of
 * its values over the nodes drawn. */
static void write_size_legend(dot *d)
{
    tkg_sink *out = d->c.out;
    const tkg_centrality *cent = d->c.opt.centrality;
    sink_puts(out, "    <TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">node size: ");
    esc_puts(out, ESC_HTML, tkg_measure_name(tkg_centrality_measure(cent, d->c.opt.size_measure)));
    if (d->size_count) {
        sink_puts(out, " (");
        put_double(out, d->size_min, 4);
        sink_puts(out, " to ");
        put_double(out, d->size_max, 4);
        sink_puts(out, "; area grows with the value)</TD></TR>\n");
    } else {
        sink_puts(out, " (no node has a value)</TD></TR>\n");
    }
    if (d->moves_shown) {
        const tkg_centrality *c = d->c.opt.centrality;
        char d1[11], d2[11];
        tkg_day_format(tkg_centrality_snapshot(c, 0).from, d1);
        tkg_day_format(tkg_centrality_snapshot(c, tkg_centrality_snapshot_count(c) - 1).from, d2);
        sink_puts(
            out,
            "    <TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">\xE2\x96\xB2 n, \xE2\x96\xBC n: rank by ");
        esc_puts(out, ESC_HTML, tkg_measure_name(tkg_centrality_measure(c, d->c.opt.size_measure)));
        sink_puts(out, " up, down n places from ");
        sink_puts(out, d1);
        sink_puts(out, " to ");
        sink_puts(out, d2);
        sink_puts(out, " (size: on ");
        sink_puts(out, d2);
        sink_puts(out, ")</TD></TR>\n");
    }
}

/* The legend is the graph's label, an HTML-like table built only from our own escaped text,
 * so that it needs no node and cannot disturb the layout. */
static void write_legend(dot *d)
{
    tkg_sink *out = d->c.out;
    const tkg_ontology *o = d->c.o;
    size_t nek = tkg_ontology_entity_kind_count(o), nrk = tkg_ontology_relation_kind_count(o);
    sink_puts(out, "  label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" "
                   "CELLPADDING=\"1\">\n");
    if (d->c.opt.title) {
        sink_puts(out, "    <TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT POINT-SIZE=\"13\"><B>");
        esc_puts(out, ESC_HTML, d->c.opt.title);
        sink_puts(out, "</B></FONT></TD></TR>\n");
    }
    size_t col = 0;
    for (size_t k = 0; k < nek; k++) {
        if (!d->ekind_present[k])
            continue;
        tkg_style st = tkg_entity_kind_style(o, (uint32_t)k);
        if (col % LEGEND_COLUMNS == 0)
            sink_puts(out, col ? "</TR>\n    <TR>" : "    <TR>");
        sink_puts(out, "<TD BGCOLOR=\"");
        put_tint(out, st.color, 0.3, 1.0);
        sink_puts(out, "\" BORDER=\"1\" COLOR=\"");
        put_tint(out, st.color, 1.0, 0.85);
        sink_puts(out,
                  "\" WIDTH=\"18\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"> </TD><TD ALIGN=\"LEFT\">");
        esc_puts(out, ESC_HTML, tkg_entity_kind_label(o, (uint32_t)k));
        sink_puts(out, "</TD>");
        col++;
    }
    if (col)
        sink_puts(out, "</TR>\n");
    col = 0;
    /* In a diagram of changes, edges are coloured by change, not by kind. */
    for (size_t k = 0; k <= nrk && !d->c.opt.changes; k++) {
        bool ended_row = k == nrk;
        if (ended_row ? !d->any_ended : !d->rkind_present[k])
            continue;
        tkg_style st = ended_row ? (tkg_style){"#a0a0a0", NULL, "dashed"}
                                 : tkg_relation_kind_style(o, (uint32_t)k);
        if (col % LEGEND_COLUMNS == 0)
            sink_puts(out, col ? "</TR>\n    <TR>" : "    <TR>");
        sink_puts(out, "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\" COLOR=\"");
        put_tint(out, st.color, 1.0, 1.0);
        sink_puts(out, "\">");
        sink_puts(out, line_glyph(st.line));
        sink_puts(out, "</FONT></TD><TD ALIGN=\"LEFT\">");
        esc_puts(out, ESC_HTML, ended_row ? "ended" : tkg_relation_kind_label(o, (uint32_t)k));
        sink_puts(out, "</TD>");
        col++;
    }
    if (col)
        sink_puts(out, "</TR>\n");
    if (d->c.opt.changes)
        write_change_legend(d);
    if (d->c.opt.size_by_centrality)
        write_size_legend(d);
    sink_puts(out, "  </TABLE>>;\n  labelloc=\"b\";\n  labeljust=\"l\";\n");
}

/* A diagram of changes draws the relations that changed and the entities they touch: marks
 * those entities and counts them into *nodes. */
static int mark_touched(dot *d, size_t *nodes, tkg_error *err)
{
    d->touched = calloc(tkg_store_entity_count(d->c.s) + 1, 1);
    if (!d->touched)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < d->c.nr; i++) {
        uint32_t r = d->c.rel[i];
        if (d->c.opt.changes[r] == TKG_CHANGE_NONE)
            continue;
        d->touched[tkg_relation_from(d->c.s, r)] = 1;
        d->touched[tkg_relation_to(d->c.s, r)] = 1;
    }
    *nodes = 0;
    for (size_t i = 0; i < d->c.ne; i++)
        *nodes += d->touched[d->c.ent[i]];
    return TKG_OK;
}

int tkg_write_dot(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                  const tkg_export_options *opt, tkg_error *err)
{
    dot d = {0};
    int rc = wctx_init(&d.c, out, s, v, opt, ESC_DOT, false, err);
    if (rc != TKG_OK)
        return rc;
    if ((rc = tkg_sink_open_memory(&d.tmp, err)) != TKG_OK)
        goto done;
    d.ekind_present = calloc(tkg_ontology_entity_kind_count(d.c.o) + 1, 1);
    d.rkind_present = calloc(tkg_ontology_relation_kind_count(d.c.o) + 1, 1);
    if (!d.ekind_present || !d.rkind_present) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    size_t nodes = d.c.ne; /* the nodes drawn */
    if (d.c.opt.changes && (rc = mark_touched(&d, &nodes, err)) != TKG_OK)
        goto done;
    if (d.c.opt.size_by_centrality)
        size_range(&d);
    size_t edges = 0; /* the edges drawn */
    for (size_t i = 0; i < d.c.nr; i++)
        edges += !d.c.opt.changes || d.c.opt.changes[d.c.rel[i]] != TKG_CHANGE_NONE;
    d.edge_labels = edges <= LABEL_MAX_EDGES;
    const char *engine = d.c.opt.layout ? d.c.opt.layout : tkg_layout_engine(nodes, edges);
    bool ranked = strcmp(engine, "dot") == 0;
    sink_puts(out, "digraph \"tkg\" {\n  graph [layout=\"");
    esc_puts(out, ESC_DOT, engine);
    sink_puts(out, "\", fontname=\"" FONT "\", fontsize=\"11\", pad=\"0.3\", "
                   "outputorder=\"edgesfirst\"");
    if (ranked)
        sink_puts(out, ", nodesep=\"0.3\", ranksep=\"0.7\", newrank=\"true\"");
    else
        sink_puts(out, ", overlap=\"prism\", overlap_scaling=\"-4\", sep=\"+6\"");
    /* Outside dot, straight edges (Graphviz's default; parallel ones drawn apart): Graphviz
     * 2.42 routes splines="true" (and "polyline") around the nodes with multispline.c, whose
     * assertion aborts neato, fdp, twopi and circo on graphs/sahel.xml once overlap removal
     * has moved the nodes, and "curved" takes minutes on 100 generated relations. */
    sink_puts(out, "];\n  node [fontname=\"" FONT "\", fontsize=\"11\", style=\"filled\", "
                   "penwidth=\"1.3\", margin=\"0.1,0.04\", height=\"0.3\"];\n"
                   "  edge [fontname=\"" FONT "\", fontsize=\"9\", arrowsize=\"0.6\", "
                   "penwidth=\"1.1\"];\n");
    for (size_t i = 0; i < d.c.ne; i++)
        if (!d.touched || d.touched[d.c.ent[i]])
            write_node(&d, d.c.ent[i]);
    for (size_t i = 0; i < d.c.nr; i++)
        if (!d.c.opt.changes || d.c.opt.changes[d.c.rel[i]] != TKG_CHANGE_NONE)
            write_edge(&d, d.c.rel[i]);
    if (!d.c.opt.no_legend && (nodes || d.c.opt.title))
        write_legend(&d);
    sink_puts(out, "}\n");
    if (sink_status(d.tmp) != TKG_OK)
        rc = tkg_error_keep(err, &d.tmp->error);
done:
    rc = wctx_status(&d.c, rc, err);
    tkg_sink_free(d.tmp);
    free(d.ekind_present);
    free(d.rkind_present);
    free(d.touched);
    wctx_free(&d.c);
    return rc;
}

/* ------------------------------------------------------ positions read back */

/* Parses a decimal number "-?[0-9]+(.[0-9]+)?" at *p (C locale whatever the process's). */
static bool parse_number(const char **p, const char *end, double *out)
{
    const char *q = *p;
    bool neg = q < end && *q == '-';
    q += neg;
    double v = 0, scale = 1;
    const char *digits = q;
    while (q < end && *q >= '0' && *q <= '9')
        v = v * 10 + (*q++ - '0');
    if (q == digits)
        return false;
    if (q < end && *q == '.') {
        q++;
        while (q < end && *q >= '0' && *q <= '9') {
            scale /= 10;
            v += (*q++ - '0') * scale;
        }
    }
    if (q < end && (*q == 'e' || *q == 'E'))
        return false;
    *out = neg ? -v : v;
    *p = q;
    return true;
}

int tkg_positions_read(double *x, double *y, const tkg_store *s, const tkg_view *v,
                       const char *text, size_t len, tkg_error *err)
{
    size_t ne_all = tkg_store_entity_count(s), ne;
    for (size_t i = 0; i < ne_all; i++)
        x[i] = y[i] = NAN;
    const uint32_t *ent = tkg_view_entities(v, &ne);
    tkg_sink *name = NULL;
    int rc = tkg_sink_open_memory(&name, err);
    if (rc != TKG_OK)
        return rc;
    /* tkg-render lists the nodes in the order of the DOT, which is the view's order. */
    const char *p = text, *end = text + len;
    size_t i = 0;
    int line = 1;
    for (; p < end; line++, i++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *sp = memchr(p, ' ', (size_t)(eol - p));
        double px, py;
        const char *q = sp ? sp + 1 : eol;
        bool ok = sp && parse_number(&q, eol, &px) && q < eol && *q++ == ' ' &&
                  parse_number(&q, eol, &py) && q == eol;
        if (!ok) {
            rc = tkg_fail(err, TKG_EINPUT, "<tkg-render>", line, 1, "malformed position line");
            goto done;
        }
        name->len = 0;
        if (i < ne)
            esc_put_id(name, tkg_entity_id(s, ent[i]));
        size_t nlen;
        const char *expect = tkg_sink_data(name, &nlen);
        if (i >= ne || nlen != (size_t)(sp - p) || memcmp(expect, p, nlen) != 0) {
            rc = tkg_fail(err, TKG_EINPUT, "<tkg-render>", line, 1,
                          "position of a node the view does not have");
            goto done;
        }
        x[ent[i]] = px;
        y[ent[i]] = py;
        p = eol + (eol < end);
    }
    if (i != ne)
        rc = tkg_fail(err, TKG_EINPUT, "<tkg-render>", line, 1, "positions of %zu nodes for %zu", i,
                      ne);
done:
    tkg_sink_free(name);
    return rc;
}
