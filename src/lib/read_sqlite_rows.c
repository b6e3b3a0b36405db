/* Reading the rows of tkg's SQLite base (docs/sqlite.md) into a store: entities (with their
 * names, attributes and citations) and relations (with theirs), each table stepped once in
 * row order, dates written in digits parsed once per distinct text (day_memo.h), a problem
 * reported at `PATH:ROW:COL` as `TABLE.COLUMN: message`. read_sqlite.c opens the base, reads
 * its kinds and sources and calls these in order. */
#include "read_sqlite_rows.h"

#include "ontology.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

int base_read_map_add(base_reader *r, row_map *m, int64_t row, uint32_t to)
{
    if (vec_reserve(&m->row, &m->row_cap, m->count + 1, sizeof *m->row) ||
        vec_reserve(&m->to, &m->to_cap, m->count + 1, sizeof *m->to))
        return base_read_nomem(r);
    m->gaps |= row != (int64_t)m->count + 1;
    m->row[m->count] = row;
    m->to[m->count++] = to;
    return TKG_OK;
}

uint32_t base_read_map_find(const row_map *m, int64_t row)
{
    /* Rows 1, 2, 3, ... (a whole base) are found at once. */
    if (!m->gaps)
        return row >= 1 && row <= m->count ? m->to[row - 1] : UINT32_MAX;
    if (row >= 1 && row <= m->count && m->row[row - 1] == row)
        return m->to[row - 1];
    uint32_t lo = 0, hi = m->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->row[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->count && m->row[lo] == row ? m->to[lo] : UINT32_MAX;
}

/* ---- dates */

/* Reads the bound of column `raw_i` of `st` (the raw text), which is column `raw_col` of
 * `table`: `*d` and `*b` (precision TKG_PREC_NONE and SYM_NONE for an open bound). The
 * precision columns are not read: the precision is the raw text's (tkg validate checks the
 * columns, check_sqlite.c). */
static int read_bound(base_reader *r, sqlite3_stmt *st, int raw_i, const char *table,
                      const char *which, int raw_col, int64_t row, tkg_date *d, bound *b)
{
    text raw = col_text(st, raw_i);
    *d = (tkg_date){0};
    *b = (bound){0, 0};
    if (!raw.p)
        return TKG_OK;
    long key = day_memo_key(raw.p, raw.len);
    other_date *o = NULL;
    if (key < 0) {
        /* Other forms (YAGO's 2004-##-##): a small cache by the text's hash. */
        o = &r->others[intern_hash(raw.p, raw.len) % OTHER_DATES];
        if (o->raw && r->s->strings.len[o->raw] == raw.len &&
            intern_same(store_str(r->s, o->raw), raw.p, raw.len)) {
            *d = o->date;
            *b = (bound){o->raw, (uint8_t)d->precision};
        } else {
            o->raw = SYM_NONE;
        }
    }
    if ((key < 0 && !o->raw) || (key >= 0 && !day_memo_get(&r->days, key, d, b))) {
        tkg_error e;
        e.code = TKG_OK;
        if (tkg_date_parse(d, raw.p, raw.len, &e) != TKG_OK)
            return base_read_report(r, row, raw_col, "%s.%s_raw: '%.*s' is not a date: %s", table,
                                    which, (int)(raw.len > 40 ? 40 : raw.len), raw.p, e.message);
        sym y = store_intern(r->s, raw.p, raw.len, r->err);
        if (!y)
            return base_read_nomem(r);
        *b = (bound){y, (uint8_t)d->precision};
        if (key >= 0)
            day_memo_put(&r->days, key, d, y);
        else
            *o = (other_date){y, *d};
    }
    return TKG_OK;
}

/* The interval of two bounds under the store's policy; a problem is reported at the end's
 * column `end_col` of `table`. */
static int read_interval(base_reader *r, const tkg_date *start, const tkg_date *end,
                         const char *table, int end_col, int64_t row, tkg_interval *out)
{
    tkg_error e;
    e.code = TKG_OK;
    if (tkg_interval_from_bounds(out, start, end, r->s->opt.policy, &e) == TKG_OK)
        return TKG_OK;
    return base_read_report(r, row, end_col, "%s.end_raw: %s", table, e.message);
}

/* The entity kind named in column i of `st` (TKG_NO_KIND when unknown). */
static uint32_t entity_kind_of(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p)
        return TKG_NO_KIND;
    if (t.len == r->kind_len && t.len < sizeof r->kind_text &&
        memcmp(t.p, r->kind_text, t.len) == 0)
        return r->kind;
    uint32_t kind = tkg_ontology_entity_kind(r->s->ontology, t.p);
    if (kind != TKG_NO_KIND && t.len < sizeof r->kind_text) {
        memcpy(r->kind_text, t.p, t.len);
        r->kind_len = t.len;
        r->kind = kind;
    }
    return kind;
}

/* ---- entities */

/* Columns of entities: row 1, id 2, kind 3, label 4, external_id 5, start_raw 6, end_raw 7,
 * first_day 8, last_day 9, start_precision 10, end_precision 11, implicit 12; fetched (from 0):
 * row, id, kind, label, external_id, start_raw, end_raw, implicit. */
#define ENTITY_COLUMNS                                                                             \
    "e.row, e.id, e.kind, e.label, e.external_id, e.start_raw, e.end_raw, e.implicit"

static void read_entity(base_reader *r, sqlite3_stmt *st)
{
    uint32_t out = ROW_FAILED;
    int64_t row = sqlite3_column_int64(st, 0);
    entity_row e = {.where = at(r, row, 1)};
    tkg_date start, end;
    e.id = base_read_sym(r, st, 1);
    e.external = base_read_sym(r, st, 4);
    if (r->rc != TKG_OK)
        goto done;
    if (!e.id) {
        base_read_report(r, row, 2, "entities.id: NULL");
        goto done;
    }
    bool implicit = sqlite3_column_int64(st, 7) == 1;
    e.kind = entity_kind_of(r, st, 2);
    if (e.kind == TKG_NO_KIND) {
        text k = col_text(st, 2);
        base_read_report(r, row, 3,
                         "entities.kind: %s%s%s is not an entity kind of the ontology in use",
                         k.p ? "'" : "", k.p ? k.p : "NULL", k.p ? "'" : "");
        goto done;
    }
    if (implicit) {
        /* Taken from bulk input: a later definition may still refine it, as in bulk input. */
        if (e.kind != ontology_root(r->s->ontology)) {
            base_read_report(r, row, 3,
                             "entities.kind: an implicit entity is of kind '%s', not '%s'",
                             tkg_entity_kind_name(r->s->ontology, ontology_root(r->s->ontology)),
                             tkg_entity_kind_name(r->s->ontology, e.kind));
            goto done;
        }
        if (store_implicit_entity(r->s, &out, e.id, e.where, r->err) != TKG_OK) {
            base_read_nomem(r);
            goto done;
        }
        entity_row *have = &r->s->entities[out];
        if (have->state == ENTITY_IMPLICIT && !have->external)
            have->external = e.external;
    } else {
        e.label = base_read_sym(r, st, 3);
        if (r->rc != TKG_OK)
            goto done;
        if (!e.label) {
            base_read_report(r, row, 4, "entities.label: NULL");
            goto done;
        }
        if (read_bound(r, st, 5, "entities", "start", 6, row, &start, &e.start) != TKG_OK ||
            read_bound(r, st, 6, "entities", "end", 7, row, &end, &e.end) != TKG_OK ||
            read_interval(r, &start, &end, "entities", 7, row, &e.life) != TKG_OK)
            goto done;
        int rc = store_define_entity(r->s, &out, &e, r->err);
        if (rc == TKG_ENOMEM)
            base_read_nomem(r);
        if (rc != TKG_OK && rc != TKG_EINPUT && rc != TKG_ELIMIT)
            goto done;
    }
done:
    /* A row not read is remembered, so that its names, attributes and citations and the
     * relations that name it are not reported again. */
    if (r->rc == TKG_OK)
        base_read_map_add(r, &r->ents, row, out);
}

int sqlite_base_read_entities(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql = r->only ? "SELECT " ENTITY_COLUMNS
                                " FROM temp.need_entity k CROSS JOIN entities e "
                                "ON e.row = k.row ORDER BY k.row"
                              : "SELECT " ENTITY_COLUMNS " FROM entities e ORDER BY e.row";
    if (base_read_prepare(r, &st, sql) == TKG_OK)
        while (base_read_step(r, st))
            read_entity(r, st);
    sqlite3_finalize(st);
    return r->rc;
}

/* The owner (entity row, or relation row | OWNER_RELATION) of a name, attribute or citation
 * whose entity is column `ei` and relation column `ri` of `st` (ri < 0: entities only), or
 * UINT32_MAX when there is none (reported unless the owner was not needed). `table` and
 * `col` name the entity column for messages (the relation column follows it). */
static uint32_t owner_of(base_reader *r, sqlite3_stmt *st, int ei, int ri, const char *table,
                         int col, int64_t row)
{
    bool relation = ri >= 0 && !col_null(st, ri);
    if (relation == !col_null(st, ei) && ri >= 0) {
        base_read_report(r, row, col, "%s.entity: exactly one of entity and relation must be set",
                         table);
        return UINT32_MAX;
    }
    int64_t of = sqlite3_column_int64(st, relation ? ri : ei);
    if (!relation && col_null(st, ei)) {
        base_read_report(r, row, col, "%s.entity: NULL", table);
        return UINT32_MAX;
    }
    uint32_t to = base_read_map_find(relation ? &r->rels : &r->ents, of);
    if (to == ROW_FAILED)
        return UINT32_MAX; /* the owner's problem was reported */
    if (to == UINT32_MAX) {
        if (!r->only)
            base_read_report(r, row, col + relation, "%s.%s: no %s has row %lld", table,
                             relation ? "relation" : "entity", relation ? "relation" : "entity",
                             (long long)of);
        return UINT32_MAX;
    }
    return relation ? to | OWNER_RELATION : to;
}

/* Columns of names: entity 1, lang 2, text 3, alias 4. */
int sqlite_base_read_names(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql = r->only ? "SELECT n.rowid, n.entity, n.lang, n.text, n.alias FROM "
                                "temp.need_entity k CROSS JOIN names n ON n.entity = k.row"
                              : "SELECT rowid, entity, lang, text, alias FROM names ORDER BY rowid";
    if (base_read_prepare(r, &st, sql) == TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            uint32_t owner = owner_of(r, st, 1, -1, "names", 1, row);
            if (owner == UINT32_MAX)
                continue;
            sym lang = base_read_sym(r, st, 2), name = base_read_sym(r, st, 3);
            if (r->rc != TKG_OK)
                break;
            if (!name)
                base_read_report(r, row, 3, "names.text: NULL");
            else if (store_add_name(r->s, owner, lang, name, sqlite3_column_int64(st, 4) == 1,
                                    r->err) != TKG_OK)
                base_read_nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

static const char *const attr_types[] = {"string", "int", "double", "bool", "date"};

/* The attribute type named in column i of `st`, or -1. */
static int attr_type_of(sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    for (int k = 0; t.p && k < 5; k++)
        if (t.len == strlen(attr_types[k]) && memcmp(t.p, attr_types[k], t.len) == 0)
            return k;
    return -1;
}

/* Reads the attribute of the current row of `st` (columns: rowid, owner, key, type, value;
 * the owner resolved by the caller) into `*a`. */
static bool read_attr(base_reader *r, sqlite3_stmt *st, uint32_t owner, attr_row *a)
{
    int64_t row = sqlite3_column_int64(st, 0);
    int type = attr_type_of(st, 3);
    *a = (attr_row){owner, base_read_sym(r, st, 2), base_read_sym(r, st, 4), 0};
    if (r->rc != TKG_OK)
        return false;
    if (type < 0) {
        text t = col_text(st, 3);
        base_read_report(r, row, 4,
                         "attributes.type: %s%s%s is not string, int, double, bool or date",
                         t.p ? "'" : "", t.p ? t.p : "NULL", t.p ? "'" : "");
        return false;
    }
    if (!a->key || !a->value) {
        base_read_report(r, row, a->key ? 5 : 3, "attributes.%s: NULL", a->key ? "value" : "key");
        return false;
    }
    a->type = (uint8_t)type;
    return true;
}

/* Columns of attributes: entity 1, relation 2, key 3, type 4, value 5. */
int sqlite_base_read_entity_attrs(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql =
        r->only ? "SELECT a.rowid, a.entity, a.key, a.type, a.value FROM temp.need_entity k "
                  "CROSS JOIN attributes a ON a.entity = k.row"
                : "SELECT rowid, entity, key, type, value FROM attributes "
                  "WHERE relation IS NULL ORDER BY rowid";
    if (base_read_prepare(r, &st, sql) == TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            attr_row a;
            uint32_t owner = owner_of(r, st, 1, -1, "attributes", 1, row);
            if (owner != UINT32_MAX && read_attr(r, st, owner, &a) &&
                store_add_attr(r->s, owner, a.key, (tkg_attr_type)a.type, a.value, r->err) !=
                    TKG_OK)
                base_read_nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* Columns of citations: entity 1, relation 2, source 3, quote 4, line 5. */
int sqlite_base_read_citations(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    const char *sql =
        r->only
            ? "SELECT c.rowid, c.entity, c.relation, c.source, c.quote, c.line FROM "
              "temp.need_entity k CROSS JOIN citations c ON c.entity = k.row UNION ALL "
              "SELECT c.rowid, c.entity, c.relation, c.source, c.quote, c.line FROM "
              "temp.need_relation k CROSS JOIN citations c ON c.relation = k.row"
            : "SELECT rowid, entity, relation, source, quote, line FROM citations ORDER BY rowid";
    if (base_read_prepare(r, &st, sql) == TKG_OK)
        while (base_read_step(r, st)) {
            int64_t row = sqlite3_column_int64(st, 0);
            uint32_t owner = owner_of(r, st, 1, 2, "citations", 1, row);
            if (owner == UINT32_MAX)
                continue;
            /* (NULL reads as 0, which no row has) */
            uint32_t source = base_read_map_find(&r->srcs, sqlite3_column_int64(st, 3));
            if (source == ROW_FAILED)
                continue; /* the source's problem was reported */
            if (source == UINT32_MAX) {
                if (col_null(st, 3))
                    base_read_report(r, row, 3, "citations.source: NULL");
                else
                    base_read_report(r, row, 3, "citations.source: no source has row %lld",
                                     (long long)sqlite3_column_int64(st, 3));
                continue;
            }
            int64_t line = col_null(st, 5) ? 0 : sqlite3_column_int64(st, 5);
            if (line < 0 || line > UINT32_MAX) {
                base_read_report(r, row, 5, "citations.line: %lld is not a line number",
                                 (long long)line);
                continue;
            }
            text quote = col_text(st, 4);
            if (store_add_cite(r->s, owner, source, quote.p, quote.len, (uint32_t)line, r->err) !=
                TKG_OK)
                base_read_nomem(r);
        }
    sqlite3_finalize(st);
    return r->rc;
}

/* ---- relations */

/* Columns of relations: row 1, id 2, kind 3, from_entity 4, to_entity 5, start_raw 6,
 * end_raw 7, first_day 8, last_day 9, start_precision 10, end_precision 11, own_id 12; fetched
 * (from 0): row, id, kind, from_entity, to_entity, start_raw, end_raw, own_id. */
#define RELATION_COLUMNS                                                                           \
    "r.row, r.id, r.kind, r.from_entity, r.to_entity, r.start_raw, r.end_raw, r.own_id"

/* The relation attributes, ordered by relation: read along with the relations. */
typedef struct attr_cursor {
    sqlite3_stmt *st;
    bool has; /* st is on a row */
} attr_cursor;

static void attr_next(base_reader *r, attr_cursor *c)
{
    c->has = base_read_step(r, c->st);
}

/* Gathers into r->attrs the attributes of relation `row` (store row `to`, or UINT32_MAX
 * while it is not added), reporting those of relations that do not exist. */
static int gather_attrs(base_reader *r, attr_cursor *c, int64_t row)
{
    r->attr_count = 0;
    while (c->has && r->rc == TKG_OK) {
        int64_t of = sqlite3_column_int64(c->st, 1);
        if (of > row)
            break;
        if (of < row) {
            if (!r->only)
                base_read_report(r, sqlite3_column_int64(c->st, 0), 2,
                                 "attributes.relation: no relation has row %lld", (long long)of);
        } else {
            if (vec_reserve(&r->attrs, &r->attr_cap, r->attr_count + 1, sizeof *r->attrs))
                return base_read_nomem(r);
            if (read_attr(r, c->st, 0, &r->attrs[r->attr_count]))
                r->attr_count++;
        }
        attr_next(r, c);
    }
    return r->rc;
}

/* The symbol of the relation kind in column i of `st`, through a small cache of the kinds
 * met (bulk bases have a few hundred at most): neither hashing nor the string table for
 * most rows. SYM_NONE for NULL. */
static sym relation_kind_sym(base_reader *r, sqlite3_stmt *st, int i)
{
    text t = col_text(st, i);
    if (!t.p || t.len == 0 || t.len > 255)
        return base_read_sym(r, st, i);
    unsigned char a = (unsigned char)t.p[0], z = (unsigned char)t.p[t.len - 1];
    kind_memo *m = &r->kinds[(a * 31u + z * 7u + (unsigned)t.len) % KIND_MEMO];
    if (m->y && r->s->strings.len[m->y] == t.len && intern_same(store_str(r->s, m->y), t.p, t.len))
        return m->y;
    sym y = base_read_sym(r, st, i);
    m->y = y;
    return y;
}

/* True when relations a and b state the same fact (kind, endpoints, interval). */
static bool same_fact(const tkg_store *s, const relation_row *a, const relation_row *b)
{
    if (a->kind != b->kind || a->iv.start != b->iv.start || a->iv.end_excl != b->iv.end_excl)
        return false;
    if (a->from == b->from && a->to == b->to)
        return true;
    return tkg_relation_kind_symmetric(s->ontology, a->kind) && a->from == b->to &&
           a->to == b->from;
}

static void read_relation(base_reader *r, sqlite3_stmt *st, attr_cursor *ac)
{
    uint32_t out = ROW_FAILED;
    bool merged;
    int64_t row = sqlite3_column_int64(st, 0);
    relation_row rel = {.where = at(r, row, 1)};
    tkg_date start, end;
    if (gather_attrs(r, ac, row) != TKG_OK)
        goto done;
    sym kind = relation_kind_sym(r, st, 2);
    if (r->rc != TKG_OK)
        goto done;
    if (!kind || store_relation_kind(r->s, &rel.kind, kind, false, r->err) != TKG_OK ||
        rel.kind == TKG_NO_KIND) {
        if (r->rc == TKG_OK)
            base_read_report(r, row, 3,
                             "relations.kind: %s%s%s is not a relation kind of the base or of "
                             "the ontology in use",
                             kind ? "'" : "", kind ? store_str(r->s, kind) : "NULL",
                             kind ? "'" : "");
        goto done;
    }
    for (int side = 0; side < 2; side++) {
        int64_t of = sqlite3_column_int64(st, 3 + side);
        /* (NULL reads as 0, which no row has: told apart below, when it matters) */
        uint32_t to = base_read_map_find(&r->ents, of);
        if (to == ROW_FAILED)
            goto done; /* the entity's problem was reported */
        if (to == UINT32_MAX) {
            const char *name = side ? "to_entity" : "from_entity";
            if (col_null(st, 3 + side))
                base_read_report(r, row, 4 + side, "relations.%s: NULL", name);
            else if (r->only)
                base_read_report(r, row, 4 + side,
                                 "relations.%s: entity row %lld was not read (it is "
                                 "not in need_entity)",
                                 name, (long long)of);
            else
                base_read_report(r, row, 4 + side, "relations.%s: no entity has row %lld", name,
                                 (long long)of);
            goto done;
        }
        *(side ? &rel.to : &rel.from) = to;
    }
    if (read_bound(r, st, 5, "relations", "start", 6, row, &start, &rel.start) != TKG_OK ||
        read_bound(r, st, 6, "relations", "end", 7, row, &end, &rel.end) != TKG_OK ||
        read_interval(r, &start, &end, "relations", 7, row, &rel.iv) != TKG_OK)
        goto done;
    if (sqlite3_column_int64(st, 7) == 1) {
        if (!(rel.id = base_read_sym(r, st, 1))) {
            if (r->rc == TKG_OK)
                base_read_report(r, row, 2, "relations.id: NULL");
            goto done;
        }
        uint32_t have = rel.id < r->s->sym_cap ? r->s->relation_of_sym[rel.id] : 0;
        if (have && !same_fact(r->s, &r->s->relations[have - 1], &rel)) {
            origin first = r->s->relations[have - 1].where;
            base_read_report(r, row, 2,
                             "relations.id: duplicate relation id '%s' (first used at %s:%u)",
                             store_str(r->s, rel.id), store_origin_file(r->s, first), first.line);
            goto done;
        }
    }
    int rc = r->attr_count ? store_add_relation_attrs(r->s, &out, &merged, &rel, r->attrs,
                                                      r->attr_count, r->err)
                           : store_add_relation(r->s, &out, &merged, &rel, r->err);
    if (rc == TKG_ENOMEM)
        base_read_nomem(r);
    if (rc == TKG_OK && merged && out >= r->rel_before &&
        r->s->relations[out].where.file == r->file) {
        base_read_report(r, row, 1,
                         "relations.row: the same relation as row %u (same kind, endpoints "
                         "and dates)",
                         r->s->relations[out].where.line);
        rc = TKG_EINPUT;
    }
    if (rc != TKG_OK)
        out = ROW_FAILED;
done:
    if (r->rc == TKG_OK)
        base_read_map_add(r, &r->rels, row, out);
}

int sqlite_base_read_relations(base_reader *r)
{
    sqlite3_stmt *st = NULL;
    attr_cursor ac = {0};
    const char *sql = r->only ? "SELECT " RELATION_COLUMNS
                                " FROM temp.need_relation k CROSS JOIN relations r "
                                "ON r.row = k.row ORDER BY k.row"
                              : "SELECT " RELATION_COLUMNS " FROM relations r ORDER BY r.row";
    const char *attr_sql =
        r->only ? "SELECT a.rowid, a.relation, a.key, a.type, a.value FROM temp.need_relation "
                  "k CROSS JOIN attributes a ON a.relation = k.row ORDER BY k.row, a.rowid"
                : "SELECT rowid, relation, key, type, value FROM attributes "
                  "WHERE relation IS NOT NULL ORDER BY relation, rowid";
    int64_t max_row = 0;
    bool found;
    if (!r->only &&
        sqlite_base_query_int(r->db, "SELECT max(row) FROM relations", &max_row, &found) ==
            SQLITE_OK &&
        max_row > 0 && max_row < UINT32_MAX / 2)
        store_reserve(r->s, (uint32_t)max_row);
    if (base_read_prepare(r, &ac.st, attr_sql) == TKG_OK &&
        base_read_prepare(r, &st, sql) == TKG_OK) {
        attr_next(r, &ac);
        while (base_read_step(r, st))
            read_relation(r, st, &ac);
        /* Attributes of rows past the last relation. */
        if (r->rc == TKG_OK && !store_too_many_errors(r->s))
            gather_attrs(r, &ac, INT64_MAX);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(ac.st);
    return r->rc;
}

/* Read in part, relations are not at their rows: their generated ids are numbered by their
 * rows in the base (e<row - 1>), as in a whole reading, and those before them by theirs. */
void sqlite_base_number_edges(base_reader *r)
{
    tkg_store *s = r->s;
    uint32_t n = s->relation_count;
    if (n == 0) /* no relation read: nothing to number (and no array to make) */
        return;
    uint32_t *number =
        n > s->edge_numbers ? realloc(s->edge_number, (size_t)n * sizeof *number) : s->edge_number;
    if (!number) {
        base_read_nomem(r);
        return;
    }
    for (uint32_t i = s->edge_numbers; i < n; i++)
        number[i] = i;
    for (uint32_t i = 0; i < r->rels.count; i++)
        if (r->rels.to[i] < n && r->rels.row[i] >= 1 && r->rels.row[i] <= UINT32_MAX)
            number[r->rels.to[i]] = (uint32_t)(r->rels.row[i] - 1);
    s->edge_number = number;
    s->edge_numbers = n;
}
