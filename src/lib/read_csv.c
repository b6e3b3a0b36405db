/* The CSV reader, in Neo4j's bulk-import header convention: the header says whether a file
 * holds nodes (`:ID`, `:LABEL`) or relationships (`:START_ID`, `:END_ID`, `:TYPE`), and
 * types the other columns (`name:int`). RFC 4180 quoting, UTF-8 checked, streamed in chunks;
 * every node and relationship cites the file and its line (docs/format.md, "CSV input"). */
#include "fields.h"
#include "provenance.h"

#include "vec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORD  ((size_t)1 << 20)
#define MAX_COLUMNS 1024
#define NO_COLUMN   UINT32_MAX

enum role { COL_ID, COL_START_ID, COL_END_ID, COL_LABEL, COL_TYPE, COL_IGNORE, COL_PROPERTY };

typedef struct csv_column {
    enum role role;
    sym name; /* property name; for :ID, the optional name before the colon */
    tkg_attr_type type;
    uint8_t field_role; /* field_role_of(name), for its fields */
} csv_column;

/* One field of the record being read: [off, off + len) of the reader's text. */
typedef struct cell {
    uint32_t off, len;
    uint32_t line, column; /* of its first character (after an opening quote) */
} cell;

/* Outcomes of scanning one record. */
enum scan { SCAN_RECORD, SCAN_EMPTY, SCAN_BAD, SCAN_MORE };

typedef struct reader {
    tkg_store *s;
    tkg_error *err;
    sym file;
    uint32_t source;
    uint32_t line; /* the line the next record starts on */
    bool started;  /* past a byte-order mark */
    bool header_done, header_bad, nodes;
    csv_column *cols;
    uint32_t ncols, col_cap;
    uint32_t id, start, end, label, type; /* column indexes, or NO_COLUMN */
    cell *cells;
    uint32_t ncells, cell_cap;
    char *text; /* the fields of the record, unquoted */
    uint32_t text_len, text_cap;
    record fields;
    uint32_t *node_line; /* by symbol: the line of the node with this id in this file */
    uint32_t line_cap;
} reader;

static int nomem(reader *r)
{
    return tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

static int report(reader *r, uint32_t line, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int report(reader *r, uint32_t line, uint32_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(r->s, r->err, (origin){r->file, line, column}, fmt, ap);
    va_end(ap);
    return rc;
}

/* ------------------------------------------------------------ scanning */

/* The length of the UTF-8 sequence at p (n bytes available): 0 when invalid, n + 1 when it
 * may be valid but is cut short. */
static size_t utf8_length(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if (k >= n)
            return n + 1;
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    }
    uint32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static int push_cell(reader *r, uint32_t off, uint32_t line, uint32_t column)
{
    if (vec_reserve(&r->cells, &r->cell_cap, (size_t)r->ncells + 1, sizeof *r->cells))
        return nomem(r);
    r->cells[r->ncells++] = (cell){off, r->text_len - off, line, column};
    return TKG_OK;
}

static int append(reader *r, const char *p, size_t n)
{
    if (vec_reserve(&r->text, &r->text_cap, (size_t)r->text_len + n, 1))
        return nomem(r);
    memcpy(r->text + r->text_len, p, n);
    r->text_len += (uint32_t)n;
    return TKG_OK;
}

enum state { AT_START, UNQUOTED, QUOTED, AFTER_QUOTE };

/*
 * Scans the record at the head of [p, p + n) into cells (RFC 4180: fields separated by
 * commas, records by LF or CRLF, quoted fields with "" for a quote may hold commas and line
 * breaks). Sets *used to the bytes the record takes. Reports the first problem of a record
 * (SCAN_BAD; the record is skipped). SCAN_MORE: the record continues past `n` (`last` false).
 */
static enum scan scan(reader *r, const char *p, size_t n, bool last, size_t *used, int *rc)
{
    uint32_t line = r->line, col = 1, qline = 0, qcol = 0, off = 0;
    uint32_t cell_line = line, cell_col = 1;
    enum state st = AT_START;
    bool bad = false, any = false, ended = false;
    size_t i = 0;
    r->ncells = r->text_len = 0;
    *rc = TKG_OK;
#define FAIL(l, c, ...)                                                                            \
    do {                                                                                           \
        if (!bad)                                                                                  \
            *rc = report(r, l, c, __VA_ARGS__);                                                    \
        bad = true;                                                                                \
    } while (0)
    while (i < n && *rc != TKG_ENOMEM) {
        unsigned char c = (unsigned char)p[i];
        size_t len = 1;
        if (c >= 0x80) {
            len = utf8_length((const unsigned char *)p + i, n - i);
            if (len > n - i) {
                if (!last)
                    return SCAN_MORE;
                len = 0;
            }
            if (len == 0) {
                FAIL(line, col, "invalid UTF-8");
                len = 1;
            }
        } else if (c == '\0') {
            FAIL(line, col, "NUL byte in input");
        }
        bool eol = c == '\n' || (c == '\r' && i + 1 < n && p[i + 1] == '\n');
        if (c == '\r' && i + 1 == n && !last)
            return SCAN_MORE; /* a CR whose LF may follow */
        if (st == AT_START && c == '"') {
            st = QUOTED;
            qline = line;
            qcol = col;
            cell_line = line;
            cell_col = col + 1;
            i++, col++;
            continue;
        }
        if (st == QUOTED) {
            if (c == '"' && i + 1 == n && !last)
                return SCAN_MORE; /* "" or the closing quote? */
            if (c == '"' && i + 1 < n && p[i + 1] == '"') {
                *rc = append(r, "\"", 1);
                i += 2, col += 2;
            } else if (c == '"') {
                st = AFTER_QUOTE;
                i++, col++;
            } else {
                *rc = append(r, p + i, len);
                i += len;
                if (c == '\n')
                    line++, col = 1;
                else
                    col++;
            }
            any = true;
            continue;
        }
        if (c == ',' || eol) {
            any = any || c == ',' || st != AT_START;
            if (*rc == TKG_OK)
                *rc = push_cell(r, off, cell_line, cell_col);
            off = r->text_len;
            st = AT_START;
            i += c == '\r' ? 2 : 1;
            if (eol) {
                line++;
                ended = true;
                break;
            }
            col++;
            cell_line = line;
            cell_col = col;
            continue;
        }
        if (st == AFTER_QUOTE)
            FAIL(line, col,
                 "'%c' after the closing quote of a field (expected ',' or the end of "
                 "the line)",
                 c < 0x20 || c >= 0x7F ? '?' : c);
        else if (c == '"')
            FAIL(line, col,
                 "quote inside an unquoted field (quote the whole field and double "
                 "the quote)");
        if (st == AT_START) {
            cell_line = line;
            cell_col = col;
        }
        st = UNQUOTED;
        any = true;
        *rc = append(r, p + i, len);
        i += len, col++;
    }
    if (*rc == TKG_ENOMEM)
        return SCAN_BAD;
    if (!ended && st == QUOTED) {
        if (!last)
            return SCAN_MORE;
        FAIL(qline, qcol, "unterminated quoted field (the quote opened here is never closed)");
    } else if (!ended && !last) {
        return SCAN_MORE; /* the record has no line end yet */
    } else if (!ended && !bad) {
        *rc = push_cell(r, off, cell_line, cell_col); /* the last record has no line end */
    }
#undef FAIL
    *used = i;
    r->line = ended ? line : line + 1;
    if (bad)
        return SCAN_BAD;
    return any ? SCAN_RECORD : SCAN_EMPTY;
}

/* ------------------------------------------------------------ header */

static bool token_is(const char *p, size_t n, const char *token)
{
    if (n != strlen(token))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i] >= 'a' && p[i] <= 'z' ? (char)(p[i] - 'a' + 'A') : p[i];
        char t = token[i] >= 'a' && token[i] <= 'z' ? (char)(token[i] - 'a' + 'A') : token[i];
        if (c != t)
            return false;
    }
    return true;
}

/* `ID`, `ID(Space)` and the like: true when [p, p + n) is `token` with an optional group. */
static bool id_token(const char *p, size_t n, const char *token)
{
    size_t k = strlen(token);
    if (n < k || !token_is(p, k, token))
        return false;
    return n == k || (p[k] == '(' && p[n - 1] == ')' && n > k + 2);
}

/* Reads one header field `name[:type]` into `col`. */
static int parse_column(reader *r, const cell *c, csv_column *col)
{
    const char *t = r->text + c->off;
    size_t n = c->len;
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (t[i] == ':')
            colon = t + i;
    size_t name_len = colon ? (size_t)(colon - t) : n;
    const char *spec = colon ? colon + 1 : "string";
    size_t spec_len = colon ? n - name_len - 1 : 6;
    col->name = SYM_NONE;
    col->type = TKG_ATTR_STRING;
    if (name_len && !(col->name = store_intern(r->s, t, name_len, r->err)))
        return TKG_ENOMEM;
    col->field_role = col->name ? (uint8_t)field_role_of(store_str(r->s, col->name)) : ROLE_ATTR;
    static const char *const roles[] = {"ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"};
    for (int i = 0; i < 6; i++)
        if (i < 3 ? id_token(spec, spec_len, roles[i]) : token_is(spec, spec_len, roles[i])) {
            col->role = (enum role)i;
            return TKG_OK;
        }
    static const char *const types[] = {"string", "int",     "long", "float",
                                        "double", "boolean", "date"};
    static const tkg_attr_type as[] = {TKG_ATTR_STRING, TKG_ATTR_INT,    TKG_ATTR_INT,
                                       TKG_ATTR_DOUBLE, TKG_ATTR_DOUBLE, TKG_ATTR_BOOL,
                                       TKG_ATTR_DATE};
    col->role = COL_PROPERTY;
    int shown = (int)(spec_len > 40 ? 40 : spec_len);
    uint32_t at = c->column + (colon ? 1 : 0); /* the type's column, in characters */
    for (size_t i = 0; i < name_len; i++)
        at += ((unsigned char)t[i] & 0xC0) != 0x80;
    size_t k = 0;
    while (k < 7 && !token_is(spec, spec_len, types[k]))
        k++;
    if (k < 7)
        col->type = as[k];
    else if (spec_len > 2 && spec[spec_len - 2] == '[' && spec[spec_len - 1] == ']')
        return report(r, c->line, at, "array type '%.*s' is not supported", shown, spec);
    else
        return report(r, c->line, at,
                      "unknown column type '%.*s' (expected int, long, float, double, boolean, "
                      "string or date, or ID, START_ID, END_ID, LABEL, TYPE, IGNORE)",
                      shown, spec);
    if (!name_len)
        return report(r, c->line, c->column, "a property column needs a name before ':%.*s'", shown,
                      spec);
    return TKG_OK;
}

static int read_header(reader *r)
{
    const cell *first = &r->cells[0];
    if (r->ncells > MAX_COLUMNS)
        return report(r, first->line, 1, "more than %d columns", MAX_COLUMNS);
    if (vec_reserve(&r->cols, &r->col_cap, r->ncells, sizeof *r->cols))
        return nomem(r);
    r->ncols = r->ncells;
    r->id = r->start = r->end = r->label = r->type = NO_COLUMN;
    uint32_t *slot[] = {&r->id, &r->start, &r->end, &r->label, &r->type};
    static const char *const names[] = {":ID", ":START_ID", ":END_ID", ":LABEL", ":TYPE"};
    int rc = TKG_OK;
    for (uint32_t i = 0; i < r->ncols && rc == TKG_OK; i++) {
        const cell *c = &r->cells[i];
        csv_column *col = &r->cols[i];
        if ((rc = parse_column(r, c, col)) != TKG_OK)
            break;
        if (col->role < COL_IGNORE) {
            if (*slot[col->role] != NO_COLUMN)
                rc = report(r, c->line, c->column, "a second %s column", names[col->role]);
            *slot[col->role] = i;
        }
        for (uint32_t j = 0; j < i && rc == TKG_OK; j++)
            if (col->role == COL_PROPERTY && r->cols[j].role == COL_PROPERTY &&
                r->cols[j].name == col->name)
                rc = report(r, c->line, c->column, "a second column named '%s'",
                            store_str(r->s, col->name));
    }
    if (rc != TKG_OK)
        return rc;
    r->nodes = r->id != NO_COLUMN;
    bool rels = r->start != NO_COLUMN || r->end != NO_COLUMN;
    uint32_t line = first->line;
    if (r->nodes && rels)
        return report(r, line, 1,
                      "a header with both :ID (nodes) and :START_ID/:END_ID "
                      "(relationships)");
    if (!r->nodes && !rels)
        return report(r, line, 1,
                      "not a Neo4j import header: a nodes file needs an :ID column, a "
                      "relationships file :START_ID and :END_ID");
    if (rels && (r->start == NO_COLUMN || r->end == NO_COLUMN))
        return report(r, line, 1, "a relationships file needs both :START_ID and :END_ID");
    if (r->nodes && r->type != NO_COLUMN)
        return report(r, line, r->cells[r->type].column,
                      ":TYPE belongs in a relationships file, not a nodes file");
    if (rels && r->label != NO_COLUMN)
        return report(r, line, r->cells[r->label].column,
                      ":LABEL belongs in a nodes file, not a relationships file");
    return TKG_OK;
}

/* ------------------------------------------------------------ rows */

static origin cell_origin(const reader *r, const cell *c)
{
    return (origin){r->file, c->line, c->column};
}

/* The symbol of a non-empty cell into `*out`, or a report that it is empty. */
static int id_cell(reader *r, uint32_t index, const char *what, sym *out)
{
    const cell *c = &r->cells[index];
    *out = SYM_NONE;
    if (c->len == 0)
        return report(r, c->line, c->column, "empty %s", what);
    *out = store_intern(r->s, r->text + c->off, c->len, r->err);
    return *out ? TKG_OK : TKG_ENOMEM;
}

/* Collects the property cells (and a named :ID) of the row as fields. */
static int row_fields(reader *r)
{
    r->fields.count = 0;
    int rc = TKG_OK;
    for (uint32_t i = 0; i < r->ncols && rc == TKG_OK; i++) {
        const csv_column *col = &r->cols[i];
        const cell *c = &r->cells[i];
        bool named_id =
            col->role == COL_ID && col->name && strcmp(store_str(r->s, col->name), "id") != 0;
        if (col->role != COL_PROPERTY && !named_id)
            continue;
        field f = {.name = col->name,
                   .type = col->type,
                   .at = cell_origin(r, c),
                   .inside = true,
                   .role = col->field_role};
        if (c->len == 0)
            continue; /* an empty field is no value */
        rc = fields_value(r->s, &f.value, col->type, r->text + c->off, c->len,
                          store_str(r->s, col->name), f.at, r->err);
        if (rc == TKG_OK && f.value)
            rc = record_add(r->s, &r->fields, &f, r->err);
    }
    return rc;
}

/* The kind among the `;`-separated labels; the labels that are no kind, joined by `;`, go
 * into `*rest` (SYM_NONE when there are none). */
static int node_kind(reader *r, uint32_t *kind, sym *rest)
{
    *kind = TKG_NO_KIND;
    *rest = SYM_NONE;
    if (r->label == NO_COLUMN)
        return TKG_OK;
    const cell *c = &r->cells[r->label];
    const char *t = r->text + c->off, *end = t + c->len;
    char *others = malloc(c->len + 1);
    size_t used = 0;
    if (!others)
        return nomem(r);
    while (t < end) {
        const char *semi = memchr(t, ';', (size_t)(end - t));
        size_t n = semi ? (size_t)(semi - t) : (size_t)(end - t);
        uint32_t k = n ? fields_entity_kind(tkg_store_ontology(r->s), t, n) : TKG_NO_KIND;
        if (k != TKG_NO_KIND && *kind == TKG_NO_KIND) {
            *kind = k;
        } else if (k == TKG_NO_KIND && n) {
            if (used)
                others[used++] = ';';
            memcpy(others + used, t, n);
            used += n;
        }
        t += n + (semi != NULL);
    }
    int rc = TKG_OK;
    if (used && !(*rest = store_intern(r->s, others, used, r->err)))
        rc = TKG_ENOMEM;
    free(others);
    return rc;
}

/* A `kind` column naming an entity kind gives the kind when :LABEL does not, and must agree
 * with it when it does; any other value stays an attribute. */
static int kind_column(reader *r, uint32_t *kind)
{
    const tkg_ontology *o = tkg_store_ontology(r->s);
    field *f = record_find(r->s, &r->fields, "kind");
    const char *t = f ? store_str(r->s, f->value) : NULL;
    uint32_t k = t ? fields_entity_kind(o, t, strlen(t)) : TKG_NO_KIND;
    if (k == TKG_NO_KIND)
        return TKG_OK;
    if (*kind != TKG_NO_KIND && *kind != k)
        return store_report(r->s, r->err, f->at, "kind '%s' disagrees with the kind '%s' of :LABEL",
                            t, tkg_entity_kind_name(o, *kind));
    *kind = k;
    f->used = true;
    return TKG_OK;
}

/* True when the header has a `citations` column, as tkg's writer makes it: its rows cite
 * what that column says, and nothing when it is empty. */
static bool declares_citations(const reader *r)
{
    for (uint32_t i = 0; i < r->ncols; i++)
        if (r->cols[i].role == COL_PROPERTY &&
            strcmp(store_str(r->s, r->cols[i].name), "citations") == 0)
            return true;
    return false;
}

/* The file as a source, defined when a row first cites it: a file written by tkg cites the
 * sources of its `citations` column instead. */
static int file_source(reader *r)
{
    if (r->source != FIELDS_NO_SOURCE || declares_citations(r))
        return TKG_OK;
    return fields_file_source(r->s, &r->file, &r->source, store_str(r->s, r->file), r->err);
}

/* The citations of a `citations` field (tkg's export) for `owner`. */
static int add_citations(reader *r, uint32_t owner, const field *f)
{
    const char *t = store_str(r->s, f->value);
    return prov_add_citations(r->s, owner, t, r->s->strings.len[f->value], true, f->at, r->err);
}

static int read_node(reader *r, origin at)
{
    sym id, labels;
    uint32_t kind, row;
    int rc = id_cell(r, r->id, ":ID", &id);
    if (rc != TKG_OK)
        return rc;
    uint32_t first = id < r->line_cap ? r->node_line[id] : 0;
    const cell *c = &r->cells[r->id];
    if (first)
        return report(r, c->line, c->column, "duplicate node id '%s' (first defined at line %u)",
                      store_str(r->s, id), first);
    if (id >= r->line_cap) {
        uint32_t cap = r->s->strings.count + r->s->strings.count / 2 + 16;
        uint32_t *more = realloc(r->node_line, (size_t)cap * sizeof *more);
        if (!more)
            return nomem(r);
        memset(more + r->line_cap, 0, (size_t)(cap - r->line_cap) * sizeof *more);
        r->node_line = more;
        r->line_cap = cap;
    }
    r->node_line[id] = at.line;
    mapped m;
    if ((rc = node_kind(r, &kind, &labels)) == TKG_OK && (rc = row_fields(r)) == TKG_OK)
        rc = kind_column(r, &kind);
    if (rc == TKG_OK)
        rc = record_map(r->s, &r->fields, true, &m, at, r->err);
    field *cites = rc == TKG_OK ? prov_citations_field(r->s, &r->fields) : NULL;
    if (rc == TKG_OK && declares_citations(r))
        prov_derived_used(r->s, &r->fields);
    if (rc == TKG_OK && !cites)
        rc = file_source(r);
    if (rc == TKG_OK)
        rc = fields_define_entity(r->s, &row, id, kind, &m, at,
                                  cites || declares_citations(r) ? FIELDS_NO_SOURCE : r->source,
                                  r->err);
    if (rc == TKG_OK && cites)
        rc = add_citations(r, row, cites);
    if (rc == TKG_OK)
        rc = record_attrs(r->s, &r->fields, row, r->err);
    if (rc == TKG_OK && labels) {
        sym key = store_intern(r->s, "labels", 6, r->err);
        rc = key ? store_add_attr_merged(r->s, row, key, TKG_ATTR_STRING, labels, at, r->err)
                 : TKG_ENOMEM;
    }
    return rc;
}

static int read_relationship(reader *r, origin at)
{
    edge_ends e = {.from_at = cell_origin(r, &r->cells[r->start]),
                   .to_at = cell_origin(r, &r->cells[r->end])};
    int rc = id_cell(r, r->start, ":START_ID", &e.from);
    if (rc == TKG_OK)
        rc = id_cell(r, r->end, ":END_ID", &e.to);
    if (rc != TKG_OK)
        return rc;
    const char *kind = "related_to";
    size_t n = strlen(kind);
    if (r->type != NO_COLUMN) {
        const cell *c = &r->cells[r->type];
        if (c->len == 0)
            return report(r, c->line, c->column, "empty :TYPE");
        kind = r->text + c->off;
        n = c->len;
    }
    mapped m;
    uint32_t rel;
    if ((rc = fields_relation_kind(r->s, &e.kind, kind, n, r->err)) == TKG_OK &&
        (rc = row_fields(r)) == TKG_OK)
        rc = record_map(r->s, &r->fields, false, &m, at, r->err);
    field *id = record_find(r->s, &r->fields, "id");
    if (id) {
        e.id = id->value; /* the relation's own id */
        id->used = true;
    }
    /* tkg's export writes each edge's id of the other formats too: local to that export, as
     * a GraphML edge id is to its file, so not kept. */
    field *edge_id = record_find(r->s, &r->fields, "edge_id");
    if (edge_id)
        edge_id->used = true;
    field *cites = rc == TKG_OK ? prov_citations_field(r->s, &r->fields) : NULL;
    if (rc == TKG_OK && declares_citations(r))
        prov_derived_used(r->s, &r->fields);
    if (rc == TKG_OK && !cites)
        rc = file_source(r);
    if (rc == TKG_OK)
        rc = fields_add_relation(r->s, &rel, &e, &m, &r->fields, at,
                                 cites || declares_citations(r) ? FIELDS_NO_SOURCE : r->source,
                                 r->err);
    if (rc == TKG_OK && cites)
        rc = add_citations(r, rel | OWNER_RELATION, cites);
    return rc;
}

static int read_record(reader *r)
{
    if (!r->header_done) {
        r->header_done = true;
        int rc = read_header(r);
        r->header_bad = rc != TKG_OK;
        return rc;
    }
    origin at = cell_origin(r, &r->cells[0]);
    at.column = 1;
    if (r->ncells != r->ncols)
        return report(r, at.line, 1, "expected %u fields as in the header, found %u", r->ncols,
                      r->ncells);
    return r->nodes ? read_node(r, at) : read_relationship(r, at);
}

/* ------------------------------------------------------------ driver */

/* Reads the complete records of [data, data + len); returns the bytes consumed. */
static size_t feed(reader *r, const char *data, size_t len, bool last, int *rc)
{
    size_t pos = 0;
    if (!r->started && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a UTF-8 byte-order mark */
    if (len >= 3 || last)
        r->started = true;
    while (pos < len && !r->header_bad && !store_too_many_errors(r->s)) {
        size_t used = 0;
        int sr = TKG_OK;
        enum scan what = scan(r, data + pos, len - pos, last, &used, &sr);
        if (what == SCAN_MORE)
            break;
        if (sr == TKG_ENOMEM) {
            *rc = sr;
            break;
        }
        pos += used;
        if (what == SCAN_RECORD) {
            int lr = read_record(r);
            if (lr != TKG_OK && lr != TKG_EINPUT) {
                *rc = lr;
                break;
            }
        }
    }
    return pos;
}

static int begin(reader *r, tkg_store *s, const char *name, tkg_error *err)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->err = err;
    r->line = 1;
    if (vec_reserve(&r->text, &r->text_cap, 256, 1)) /* never NULL: cells point into it */
        return nomem(r);
    /* the file becomes a source when a row cites it (file_source) */
    r->source = FIELDS_NO_SOURCE;
    r->file = store_intern(s, name, strlen(name), err);
    return r->file ? TKG_OK : TKG_ENOMEM;
}

static int end(reader *r, unsigned errors_before, int rc)
{
    if (rc == TKG_OK && !r->header_done)
        rc = report(r, 1, 1, "empty file: expected a Neo4j import header");
    if (rc == TKG_OK && tkg_store_error_count(r->s) != errors_before)
        rc = TKG_EINPUT;
    free(r->cols);
    free(r->cells);
    free(r->text);
    free(r->node_line);
    record_free(&r->fields);
    return rc;
}

int tkg_read_csv_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err)
{
    reader r;
    unsigned before = tkg_store_error_count(s);
    if (!name)
        name = "<memory>";
    if (len > s->opt.max_input_bytes)
        return tkg_fail(err, TKG_ELIMIT, name, 0, 0, "input is larger than the limit of %llu bytes",
                        (unsigned long long)s->opt.max_input_bytes);
    int rc = begin(&r, s, name, err);
    if (rc == TKG_OK)
        feed(&r, data, len, true, &rc);
    return end(&r, before, rc);
}

static size_t consume_records(void *ctx, const char *data, size_t len, bool last, bool *stop,
                              int *rc)
{
    reader *r = ctx;
    size_t used = feed(r, data, len, last, rc);
    *stop = r->header_bad;
    return used;
}

static int record_too_long(void *ctx)
{
    reader *r = ctx;
    return report(r, r->line, 1, "record longer than 1 MiB");
}

int tkg_read_csv_file(tkg_store *s, const char *path, tkg_error *err)
{
    reader r;
    unsigned before = tkg_store_error_count(s);
    int rc = begin(&r, s, path, err);
    if (rc == TKG_OK) {
        record_reader rr = {&r, consume_records, record_too_long, MAX_RECORD};
        uint64_t bytes;
        rc = store_read_records(s, path, &rr, &bytes, err);
    }
    return end(&r, before, rc);
}
