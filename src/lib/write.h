/* What the writers (write_dot, write_graphml, write_gexf, write_json, write_csv) share: the
 * view being written, identifiers, dates, sources, sizes, colours and attribute columns. */
#ifndef TKG_WRITE_H
#define TKG_WRITE_H

#include "escape.h"
#include "store.h"

/** Appends a string literal (its length known at compile time). */
#define sink_lit(s, lit) sink_put((s), (lit), sizeof(lit) - 1)

/* Strings escaped once for the writer's mode, then copied: string i is
 * buf->buf[off[i] .. off[i + 1]). */
typedef struct strtab {
    tkg_sink *buf;
    uint32_t *off;
} strtab;

/* Everything a writer needs about one export. */
typedef struct wctx {
    tkg_sink *out;
    const tkg_store *s;
    const tkg_ontology *o;
    tkg_export_options opt; /* a copy; zeroed when the caller passed none */
    const uint32_t *ent, *rel;
    size_t ne, nr;
    tkg_view *own_view;  /* made when the caller passed no view */
    bool own_ids;        /* some relation of the store has its own id */
    uint32_t *degree;    /* per entity row: relations of the view touching it */
    bool raw_ids;        /* ids as they are where the format allows (GEXF, JSON, CSV) */
    uint8_t *plain;      /* per entity row: 1 when its id is written as it is, 0 when encoded */
    tkg_sink *ids;       /* every entity's id as written (esc_put_id), back to back ... */
    uint32_t *id_off;    /* ... entity e's from id_off[e] to id_off[e + 1]: compact, so that
                            writing edges does not chase entity rows and strings in memory */
    esc_mode mode;       /* the writer's escaping, for the tables below */
    strtab kind_names;   /* relation kind names, escaped */
    strtab kind_labels;  /* relation kind labels, escaped */
    strtab source_ids;   /* source ids, escaped */
    uint32_t *cent_slot; /* with opt.centrality, per entity row: its index in the result + 1,
                            or 0 when it has no value */
} wctx;

/** Prepares a context for a writer that escapes text with `mode`; `v` NULL means the whole
 *  store. Ids are encoded by esc_put_id (DOT, GraphML: the syntax restricts them), or with
 *  `raw_ids` written as they are (escaped for `mode`) and encoded only when cleaning would
 *  change them; an encoded id that equals another entity's id is then an error (TKG_EINPUT),
 *  as the file would have two nodes with one id. Free with wctx_free. */
int wctx_init(wctx *c, tkg_sink *out, const tkg_store *s, const tkg_view *v,
              const tkg_export_options *opt, esc_mode mode, bool raw_ids, tkg_error *err);
void wctx_free(wctx *c);

/** The sink's first write error, else `rc`; records it in `err`. */
int wctx_status(const wctx *c, int rc, tkg_error *err);

/* ---- identifiers */

/** Writes string i of a table. */
static inline void put_tab(const wctx *c, const strtab *t, uint32_t i)
{
    sink_put(c->out, t->buf->buf + t->off[i], t->off[i + 1] - t->off[i]);
}

/** Writes the string of symbol `y` escaped for `mode` (its length comes from the interner). */
void put_sym(const wctx *c, sym y, esc_mode mode);

/** Writes entity e's id as the context writes ids (see wctx_init). */
void put_node_id(const wctx *c, uint32_t e);

/** Writes relation r's edge id: its own id (written as node ids are) or `e<row>`, made unique
 *  against every relation's own id. `mode` escapes a raw id for the enclosing syntax. */
void put_edge_id(const wctx *c, uint32_t r, esc_mode mode);

/* ---- dates */

/** The name of a precision ("day", "month", "year"), or NULL for an open bound. */
const char *precision_name(tkg_precision p);

/** The coarsest precision among the bounds that are present, or TKG_PREC_NONE. */
tkg_precision coarsest_precision(tkg_bound start, tkg_bound end);

/** The first day of an interval (NULL: open) and its last day, as `YYYY-MM-DD` in `buf`
 *  (11 bytes); returns false when that side is open. */
bool first_day_text(tkg_interval iv, char *buf);
bool last_day_text(tkg_interval iv, char *buf);

/** True when a bound's text as written adds something to the full date written beside it
 *  (`day`, "" when open): a partial date, a YAGO date, anything but that very date. The
 *  writers leave `start_raw` and `end_raw` out otherwise. */
bool raw_differs(const char *raw, const char *day);

/* The citations of a node (`relation` false: entity row `row`) or of an edge (relation row
 * `row`): their number, and the i-th. */
static inline size_t row_citation_count(const tkg_store *s, uint32_t row, bool relation)
{
    return relation ? tkg_relation_citation_count(s, row) : tkg_entity_citation_count(s, row);
}

static inline tkg_citation row_citation(const tkg_store *s, uint32_t row, bool relation, size_t i)
{
    return relation ? tkg_relation_citation(s, row, i) : tkg_entity_citation(s, row, i);
}

/** raw_differs for a bound of the store, without reading its text: a date written at day
 *  precision is always the full date itself (YYYY-MM-DD, exactly). */
static inline bool bound_raw_differs(const tkg_store *s, bound b)
{
    return b.raw != SYM_NONE && (b.prec != TKG_PREC_DAY || s->strings.len[b.raw] != 10);
}

/** Writes the human form of a validity, from the bounds as written: `A → B`, `since A`,
 *  `until B`, or the single date of a point fact; nothing when undated. Raw, unescaped. */
void put_validity(tkg_sink *out, tkg_bound start, tkg_bound end);

/* ---- sources */

/** Calls `fn` once per distinct source cited by an entity (or by a relation, `relation`),
 *  in citation order. */
void for_each_source(const tkg_store *s, uint32_t row, bool relation,
                     void (*fn)(void *ctx, uint32_t source, size_t index), void *ctx);

/** Writes the distinct source ids, joined with '|', escaped for the writer's mode. Returns
 *  how many. */
size_t put_source_ids(const wctx *c, uint32_t row, bool relation);

/* ---- appearance */

/** A node's size from its degree in the view: 10 + 4·√degree. */
double node_size(uint32_t degree);

/** Parses "#rrggbb" (NULL or malformed: grey). */
void color_rgb(const char *hex, int rgb[3]);

/** The entity's display label (in opt.lang when the entity has a name in it). */
const char *entity_label(const wctx *c, uint32_t e);

/** True when entity e has a position (finite x and y in the options). */
bool has_position(const wctx *c, uint32_t e);

/* ---- centrality (opt.centrality) */

/** The value of measure m in snapshot k for entity row e; NaN when it has none. */
double centrality_value(const wctx *c, size_t m, size_t k, uint32_t e);

/** Its rank (1 for the highest), 0 when it has none. */
uint32_t centrality_rank(const wctx *c, size_t m, size_t k, uint32_t e);

/** The column name of measure m's values (`tkg_pagerank`), or of its ranks
 *  (`tkg_pagerank_rank`), into `buf` (at least 40 bytes). */
const char *centrality_column(char *buf, size_t size, const wctx *c, size_t m, bool rank);

/** Appends a finite number in the C locale with `digits` significant digits (1..17;
 *  with 10: "0.1234567891", "1e-12", "42"); never "-0". */
void put_double(tkg_sink *out, double v, int digits);

/* ---- attribute columns: the typed attributes of the entities (or relations) in the view */

typedef struct attr_col {
    const char *key;    /* the attribute key (borrowed from the store) */
    char *name;         /* the column name: the key, or attr_<key> when it is a reserved name */
    tkg_attr_type type; /* the common type; string when the rows disagree */
} attr_col;

typedef struct attr_schema {
    attr_col *cols;
    size_t n;
    uint32_t *col_of_key; /* per interned string: column index + 1, or 0 */
    size_t nkeys;
} attr_schema;

/** Collects the attribute columns of the view's entities (or relations). `reserved` is a
 *  NULL-terminated list of names the writer uses itself: a key among them, or starting with
 *  "attr_", or (for entities, with opt.centrality) a centrality column name, gets the prefix
 *  "attr_", so that column names stay distinct. Free with attr_schema_free. */
int attr_schema_build(attr_schema *out, const wctx *c, bool relations, const char *const *reserved,
                      tkg_error *err);
void attr_schema_free(attr_schema *a);

/** The attribute rows of an entity (or relation): `*n` of them, contiguous. */
const attr_row *row_attrs(const tkg_store *s, uint32_t row, bool relation, size_t *n);

/** The column of an attribute key. */
const attr_col *attr_schema_col(const attr_schema *a, sym key);

/** True when attrs[i] is the first of the row's attributes with its key: writers skip
 *  repeated keys, so that every column has at most one value per row. */
bool attr_first_of_key(const attr_row *attrs, size_t i);

/** Writes an attribute's value for its column: a string column takes the value as text. */
const char *attr_value(const tkg_store *s, const attr_row *a);

#endif
