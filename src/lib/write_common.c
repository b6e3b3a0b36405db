/* What the writers share: the view being written, edge ids, dates, sources, node sizes,
 * colours and the columns of typed attributes. */
#include "write.h"

#include "vec.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Builds a table of `n` strings, string i being get(c, i), escaped for c->mode. */
static int strtab_build(strtab *t, const wctx *c, size_t n,
                        const char *(*get)(const wctx *c, uint32_t i), tkg_error *err)
{
    int rc = tkg_sink_open_memory(&t->buf, err);
    if (rc != TKG_OK)
        return rc;
    if (!(t->off = malloc((n + 1) * sizeof *t->off)))
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        t->off[i] = (uint32_t)t->buf->len;
        esc_puts(t->buf, c->mode, get(c, (uint32_t)i));
        if (t->buf->len > UINT32_MAX)
            return tkg_fail(err, TKG_ELIMIT, NULL, 0, 0, "names longer than 4 GiB in all");
    }
    t->off[n] = (uint32_t)t->buf->len;
    return sink_status(t->buf) == TKG_OK ? TKG_OK : tkg_error_keep(err, &t->buf->error);
}

static void strtab_free(strtab *t)
{
    tkg_sink_free(t->buf);
    free(t->off);
    t->buf = NULL;
    t->off = NULL;
}

static const char *kind_name(const wctx *c, uint32_t k)
{
    return tkg_relation_kind_name(c->o, k);
}

static const char *kind_label(const wctx *c, uint32_t k)
{
    return tkg_relation_kind_label(c->o, k);
}

static const char *source_id(const wctx *c, uint32_t i)
{
    return tkg_source_id(c->s, i);
}

/* With raw ids, an id that cleaning would change is encoded; fails when the encoded form is
 * another entity's id. */
static int check_encoded(const wctx *c, size_t e, tkg_error *err)
{
    size_t len = c->ids->len - c->id_off[e];
    char *enc = strndup(c->ids->buf + c->id_off[e], len);
    if (!enc)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    uint32_t other = tkg_store_find_entity(c->s, enc);
    int rc = TKG_OK;
    if (other != TKG_NO_ENTITY)
        rc = tkg_fail(err, TKG_EINPUT, NULL, 0, 0,
                      "entity '%.80s' (which cannot be written as it is) and entity '%.80s' "
                      "would have the same id",
                      enc, tkg_entity_id(c->s, other));
    free(enc);
    return rc;
}

/* Maps entity rows to their index in opt.centrality; checks the DOT sizing options. */
static int centrality_init(wctx *c, size_t n, tkg_error *err)
{
    const tkg_centrality *cent = c->opt.centrality;
    if (c->opt.size_by_centrality &&
        (!cent || c->opt.size_measure >= tkg_centrality_measure_count(cent)))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                        "node sizes need a centrality result holding the measure to size by");
    if (!cent)
        return TKG_OK;
    if (!(c->cent_slot = calloc(n ? n : 1, sizeof *c->cent_slot)))
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    size_t count = tkg_centrality_entity_count(cent);
    for (size_t i = 0; i < count; i++) {
        uint32_t e = tkg_centrality_entity(cent, i);
        if (e < n) /* a result of another store would be a caller's error: ignore its rows */
            c->cent_slot[e] = (uint32_t)i + 1;
    }
    return TKG_OK;
}

int wctx_init(wctx *c, tkg_sink *out, const tkg_store *s, const tkg_view *v,
              const tkg_export_options *opt, esc_mode mode, bool raw_ids, tkg_error *err)
{
    memset(c, 0, sizeof *c);
    c->out = out;
    c->mode = mode;
    c->raw_ids = raw_ids;
    c->s = s;
    c->o = tkg_store_ontology(s);
    if (opt)
        c->opt = *opt;
    int rc = TKG_OK;
    if (!v) {
        if ((rc = tkg_view_new(&c->own_view, s, NULL, err)) != TKG_OK)
            goto done;
        v = c->own_view;
    }
    c->ent = tkg_view_entities(v, &c->ne);
    c->rel = tkg_view_relations(v, &c->nr);
    size_t n = tkg_store_entity_count(s);
    c->degree = calloc(n ? n : 1, sizeof *c->degree);
    c->plain = malloc(n ? n : 1);
    c->id_off = malloc((n + 1) * sizeof *c->id_off);
    if (!c->degree || !c->plain || !c->id_off) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((rc = tkg_sink_open_memory(&c->ids, err)) != TKG_OK)
        goto done;
    for (size_t e = 0; e < n && c->ids->len <= UINT32_MAX && rc == TKG_OK; e++) {
        sym y = s->entities[e].id;
        const char *id = store_str(s, y);
        c->id_off[e] = (uint32_t)c->ids->len;
        if (raw_ids && esc_is_clean(id, s->strings.len[y])) {
            c->plain[e] = 1;
            esc_put(c->ids, mode, id, s->strings.len[y]);
        } else {
            c->plain[e] = esc_id_is_plain(id);
            esc_put_id(c->ids, id);
            if (raw_ids)
                rc = check_encoded(c, e, err);
        }
    }
    if (rc != TKG_OK)
        goto done;
    if (c->ids->len > UINT32_MAX) {
        rc = tkg_fail(err, TKG_ELIMIT, NULL, 0, 0, "entity ids longer than 4 GiB in all");
        goto done;
    }
    c->id_off[n] = (uint32_t)c->ids->len;
    if (sink_status(c->ids) != TKG_OK) {
        rc = tkg_error_keep(err, &c->ids->error);
        goto done;
    }
    size_t nk = tkg_ontology_relation_kind_count(c->o);
    if ((rc = strtab_build(&c->kind_names, c, nk, kind_name, err)) != TKG_OK ||
        (rc = strtab_build(&c->kind_labels, c, nk, kind_label, err)) != TKG_OK ||
        (rc = strtab_build(&c->source_ids, c, s->source_count, source_id, err)) != TKG_OK)
        goto done;
    for (uint32_t r = 0; r < s->relation_count && !c->own_ids; r++)
        c->own_ids = s->relations[r].id != SYM_NONE;
    for (size_t i = 0; i < c->nr; i++) {
        c->degree[tkg_relation_from(s, c->rel[i])]++;
        c->degree[tkg_relation_to(s, c->rel[i])]++;
    }
    if ((rc = centrality_init(c, n, err)) != TKG_OK)
        goto done;
done:
    if (rc != TKG_OK)
        wctx_free(c);
    return rc;
}

void wctx_free(wctx *c)
{
    tkg_view_free(c->own_view);
    free(c->degree);
    free(c->plain);
    free(c->id_off);
    tkg_sink_free(c->ids);
    strtab_free(&c->kind_names);
    strtab_free(&c->kind_labels);
    strtab_free(&c->source_ids);
    free(c->cent_slot);
    c->cent_slot = NULL;
    c->own_view = NULL;
    c->degree = NULL;
    c->plain = NULL;
    c->id_off = NULL;
    c->ids = NULL;
}

int wctx_status(const wctx *c, int rc, tkg_error *err)
{
    if (rc == TKG_OK && sink_status(c->out) != TKG_OK)
        return tkg_error_keep(err, &c->out->error);
    return rc;
}

/* ------------------------------------------------------------- identifiers */

/* True when some relation of the store has `id` as its own id. */
static bool relation_id_taken(const tkg_store *s, const char *id, size_t len)
{
    sym y = intern_find(&s->strings, id, len);
    return y != SYM_NONE && y < s->sym_cap && s->relation_of_sym[y] != 0;
}

void put_sym(const wctx *c, sym y, esc_mode mode)
{
    if (y != SYM_NONE)
        esc_put(c->out, mode, store_str(c->s, y), c->s->strings.len[y]);
}

void put_node_id(const wctx *c, uint32_t e)
{
    sink_put(c->out, c->ids->buf + c->id_off[e], c->id_off[e + 1] - c->id_off[e]);
}

/* Writes relation r's edge id (put_edge_id), a raw id escaped for `mode`, or (`mode` NULL)
 * as it is; `any_own` false when no relation of the store has its own id (then no generated
 * id can take one). */
static void edge_id(tkg_sink *out, const tkg_store *s, uint32_t r, bool raw_ids, bool any_own,
                    const esc_mode *mode)
{
    const relation_row *row = &s->relations[r];
    if (row->id) {
        const char *id = store_str(s, row->id);
        size_t len = s->strings.len[row->id];
        if (raw_ids && esc_is_clean(id, len)) {
            if (mode)
                esc_put(out, *mode, id, len);
            else
                sink_put(out, id, len);
            return;
        }
        if (esc_id_is_plain(id)) {
            sink_puts(out, id);
            return;
        }
        /* Encoded ids contain '·' and '·' needs no escaping in any mode. */
        esc_put_id(out, id);
        return;
    }
    uint32_t number = r < s->edge_numbers ? s->edge_number[r] : r;
    if (!any_own) {
        sink_putc(out, 'e');
        sink_put_uint(out, number);
        return;
    }
    char buf[40];
    int n = snprintf(buf, sizeof buf, "e%u", (unsigned)number);
    /* Generated ids ("e12", then "e12_1", "e12_2", ...) never take a relation's own id. */
    for (unsigned k = 1; relation_id_taken(s, buf, (size_t)n) && k < 1000000; k++)
        n = snprintf(buf, sizeof buf, "e%u_%u", (unsigned)number, k);
    sink_put(out, buf, (size_t)n);
}

void put_edge_id(const wctx *c, uint32_t r, esc_mode mode)
{
    edge_id(c->out, c->s, r, c->raw_ids, c->own_ids, &mode);
}

size_t tkg_relation_edge_id(char *buf, size_t size, const tkg_store *s, uint32_t r)
{
    assert(s && r < s->relation_count);
    tkg_sink *out = NULL;
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    if (tkg_sink_open_memory(&out, NULL) != TKG_OK)
        return 0;
    edge_id(out, s, r, true, true, NULL);
    len = out->len;
    if (size) {
        size_t n = len < size ? len : size - 1;
        memcpy(buf, out->buf, n);
        buf[n] = '\0';
    }
    tkg_sink_free(out);
    return len;
}

/* ------------------------------------------------------------------- dates */

const char *precision_name(tkg_precision p)
{
    switch (p) {
    case TKG_PREC_DAY:
        return "day";
    case TKG_PREC_MONTH:
        return "month";
    case TKG_PREC_YEAR:
        return "year";
    default:
        return NULL;
    }
}

tkg_precision coarsest_precision(tkg_bound start, tkg_bound end)
{
    tkg_precision p = TKG_PREC_NONE;
    if (start.raw)
        p = start.precision;
    if (end.raw && (p == TKG_PREC_NONE || end.precision < p))
        p = end.precision;
    return p;
}

bool first_day_text(tkg_interval iv, char *buf)
{
    buf[0] = '\0';
    return iv.start != TKG_DAY_MIN && tkg_day_format(iv.start, buf) > 0;
}

bool last_day_text(tkg_interval iv, char *buf)
{
    buf[0] = '\0';
    return iv.end_excl != TKG_DAY_MAX && tkg_day_format(iv.end_excl - 1, buf) > 0;
}

bool raw_differs(const char *raw, const char *day)
{
    return raw && strcmp(raw, day) != 0;
}

void put_validity(tkg_sink *out, tkg_bound start, tkg_bound end)
{
    if (start.raw && end.raw && strcmp(start.raw, end.raw) == 0) {
        sink_puts(out, start.raw);
    } else if (start.raw && end.raw) {
        sink_puts(out, start.raw);
        sink_puts(out, " \xE2\x86\x92 "); /* → */
        sink_puts(out, end.raw);
    } else if (start.raw) {
        sink_puts(out, "since ");
        sink_puts(out, start.raw);
    } else if (end.raw) {
        sink_puts(out, "until ");
        sink_puts(out, end.raw);
    }
}

/* ----------------------------------------------------------------- sources */

static const cite_row *row_cites(const tkg_store *s, uint32_t row, bool relation, size_t *n)
{
    const uint32_t *off = relation ? s->cite_idx.relation_offset : s->cite_idx.entity_offset;
    *n = off[row + 1] - off[row];
    return *n ? s->cites + off[row] : NULL; /* (no rows at all: `cites` is NULL) */
}

void for_each_source(const tkg_store *s, uint32_t row, bool relation,
                     void (*fn)(void *ctx, uint32_t source, size_t index), void *ctx)
{
    size_t n, k = 0;
    const cite_row *cites = row_cites(s, row, relation, &n);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = cites[j].source == cites[i].source;
        if (!seen)
            fn(ctx, cites[i].source, k++);
    }
}

size_t put_source_ids(const wctx *c, uint32_t row, bool relation)
{
    size_t n, k = 0;
    const cite_row *cites = row_cites(c->s, row, relation, &n);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = cites[j].source == cites[i].source;
        if (seen)
            continue;
        if (k++)
            sink_putc(c->out, '|');
        put_tab(c, &c->source_ids, cites[i].source);
    }
    return k;
}

/* -------------------------------------------------------------- appearance */

double node_size(uint32_t degree)
{
    return 10.0 + 4.0 * sqrt((double)degree);
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

void color_rgb(const char *hex, int rgb[3])
{
    rgb[0] = rgb[1] = rgb[2] = 0x9e;
    if (!hex || hex[0] != '#' || strlen(hex) != 7)
        return;
    int v[6];
    for (int i = 0; i < 6; i++)
        if ((v[i] = hex_digit(hex[i + 1])) < 0)
            return;
    for (int i = 0; i < 3; i++)
        rgb[i] = v[2 * i] * 16 + v[2 * i + 1];
}

const char *entity_label(const wctx *c, uint32_t e)
{
    return tkg_entity_label(c->s, e, c->opt.lang);
}

bool has_position(const wctx *c, uint32_t e)
{
    return c->opt.x && c->opt.y && isfinite(c->opt.x[e]) && isfinite(c->opt.y[e]);
}

/* -------------------------------------------------------------- centrality */

double centrality_value(const wctx *c, size_t m, size_t k, uint32_t e)
{
    uint32_t slot = c->cent_slot ? c->cent_slot[e] : 0;
    return slot ? tkg_centrality_value(c->opt.centrality, m, k, slot - 1) : NAN;
}

uint32_t centrality_rank(const wctx *c, size_t m, size_t k, uint32_t e)
{
    uint32_t slot = c->cent_slot ? c->cent_slot[e] : 0;
    return slot ? tkg_centrality_rank(c->opt.centrality, m, k, slot - 1) : 0;
}

const char *centrality_column(char *buf, size_t size, const wctx *c, size_t m, bool rank)
{
    const char *name = tkg_measure_name(tkg_centrality_measure(c->opt.centrality, m));
    snprintf(buf, size, "tkg_%s%s", name ? name : "measure", rank ? "_rank" : "");
    return buf;
}

/* True when `name` is one of the centrality columns a writer may use. */
static bool centrality_reserved(const wctx *c, const char *name)
{
    if (!c->opt.centrality || strncmp(name, "tkg_", 4) != 0)
        return false;
    char buf[64];
    for (size_t m = 0; m < tkg_centrality_measure_count(c->opt.centrality); m++)
        if (strcmp(name, centrality_column(buf, sizeof buf, c, m, false)) == 0 ||
            strcmp(name, centrality_column(buf, sizeof buf, c, m, true)) == 0)
            return true;
    return false;
}

void put_double(tkg_sink *out, double v, int digits)
{
    char buf[48];
    if (digits < 1 || digits > 17)
        digits = digits < 1 ? 1 : 17;
    int n = snprintf(buf, sizeof buf, "%.*g", digits, v == 0 ? 0.0 : v);
    /* printf's decimal point follows the locale (LC_NUMERIC), which a program linking the
     * library may have set: any byte that is not part of a C-locale number is the point. */
    bool point = false;
    for (int i = 0; i < n; i++) {
        char ch = buf[i];
        if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e') {
            sink_putc(out, ch);
            point = false;
        } else if (!point) {
            sink_putc(out, '.');
            point = true;
        }
    }
}

/* -------------------------------------------------------- attribute columns */

const attr_row *row_attrs(const tkg_store *s, uint32_t row, bool relation, size_t *n)
{
    const uint32_t *off = relation ? s->attr_idx.relation_offset : s->attr_idx.entity_offset;
    *n = off[row + 1] - off[row];
    return *n ? s->attrs + off[row] : NULL; /* (no rows at all: `attrs` is NULL) */
}

bool attr_first_of_key(const attr_row *attrs, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (attrs[j].key == attrs[i].key)
            return false;
    return true;
}

const char *attr_value(const tkg_store *s, const attr_row *a)
{
    return store_str(s, a->value);
}

const attr_col *attr_schema_col(const attr_schema *a, sym key)
{
    uint32_t k = key < a->nkeys ? a->col_of_key[key] : 0;
    return k ? &a->cols[k - 1] : NULL;
}

static bool is_reserved(const char *const *reserved, const char *name)
{
    if (strncmp(name, "attr_", 5) == 0)
        return true;
    for (size_t i = 0; reserved && reserved[i]; i++)
        if (strcmp(reserved[i], name) == 0)
            return true;
    return false;
}

int attr_schema_build(attr_schema *out, const wctx *c, bool relations, const char *const *reserved,
                      tkg_error *err)
{
    const tkg_store *s = c->s;
    attr_schema a = {0};
    uint32_t cap = 0;
    int rc = TKG_OK;
    a.nkeys = s->strings.count;
    a.col_of_key = calloc(a.nkeys ? a.nkeys : 1, sizeof *a.col_of_key);
    if (!a.col_of_key) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    size_t rows = relations ? c->nr : c->ne;
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const attr_row *attrs = row_attrs(s, relations ? c->rel[i] : c->ent[i], relations, &n);
        for (size_t k = 0; k < n; k++) {
            uint32_t col = a.col_of_key[attrs[k].key];
            if (col) {
                if (a.cols[col - 1].type != (tkg_attr_type)attrs[k].type)
                    a.cols[col - 1].type = TKG_ATTR_STRING;
                continue;
            }
            attr_col *ac = NULL;
            size_t len = strlen(store_str(s, attrs[k].key)) + 6;
            if (vec_reserve(&a.cols, &cap, a.n + 1, sizeof *a.cols) != 0 ||
                !((ac = &a.cols[a.n])->name = malloc(len))) {
                rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
            ac->key = store_str(s, attrs[k].key);
            ac->type = (tkg_attr_type)attrs[k].type;
            bool taken =
                is_reserved(reserved, ac->key) || (!relations && centrality_reserved(c, ac->key));
            snprintf(ac->name, len, "%s%s", taken ? "attr_" : "", ac->key);
            a.col_of_key[attrs[k].key] = (uint32_t)++a.n;
        }
    }
done:
    if (rc != TKG_OK)
        attr_schema_free(&a);
    *out = a;
    return rc;
}

void attr_schema_free(attr_schema *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->cols[i].name);
    free(a->cols);
    free(a->col_of_key);
    memset(a, 0, sizeof *a);
}
