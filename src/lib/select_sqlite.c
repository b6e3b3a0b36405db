/* Reading only what a view needs from a SQLite base (docs/sqlite.md, "Reading only what a
 * view needs"): the rows a view may keep, chosen through the base's indexes into the TEMP
 * tables need_entity and need_relation, which sqlite_base_load then reads alone. */
#include "select_sqlite.h"

#include "error.h"
#include "read_sqlite.h"

#include <stdlib.h>
#include <string.h>

/* ISO days compare as text in date order (tkg's years are 1 to 9999): bounds below and above
 * every day, for a window open on one side. */
#define DAY_LOWEST  "0000-00-00"
#define DAY_HIGHEST "9999-99-99"

/* A fact passes the day filter unless first_day > ?2 or last_day < ?1 (NULL: open). */
#define DAYS_SQL                                                                                   \
    " AND (first_day IS NULL OR first_day <= ?2) AND (last_day IS NULL OR last_day >= ?1)"
#define RKINDS_SQL " AND kind IN (SELECT name FROM temp.need_rkind)"
#define EKINDS_SQL " AND kind IN (SELECT name FROM temp.need_ekind)"

enum { SEEN_KEPT = 1, SEEN_LEFT = 2 };

typedef struct selector {
    sqlite3 *db;
    const char *path;
    const tkg_ontology *o;
    bool days;           /* filter on first_day/last_day */
    char lo[16], hi[16]; /* a fact passes when first_day <= hi and last_day >= lo */
    uint8_t *ekinds;     /* entity kinds kept (subkinds included); NULL: every kind */
    bool rkinds;         /* temp.need_rkind lists the relation kinds kept */
    sqlite3_stmt *entity, *from, *to, *add_entity, *add_relation;
    /* The walk's entities: row + 1 (0: empty slot) and SEEN_*, open addressing. */
    sqlite3_int64 *keys;
    uint8_t *seen;
    size_t cap, count;
} selector;

static int sql_fail(const selector *x, tkg_error *err)
{
    return sqlite_base_fail(err, x->db, sqlite3_errcode(x->db), x->path);
}

static int prepare(selector *x, sqlite3_stmt **st, const char *sql, tkg_error *err)
{
    if (sqlite3_prepare_v2(x->db, sql, -1, st, NULL) != SQLITE_OK)
        return sql_fail(x, err);
    return TKG_OK;
}

/* Runs a statement that returns no row, with `text` bound to ?1, or (`text` NULL) the day
 * bounds to the ?1 (lo) and ?2 (hi) it names. */
static int run(selector *x, const char *sql, const char *text, tkg_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(x, &st, sql, err);
    if (rc != TKG_OK)
        goto done;
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    else if (sqlite3_bind_parameter_count(st) >= 1) { /* the day bounds ?1 and ?2 */
        sqlite3_bind_text(st, 1, x->lo, -1, SQLITE_STATIC);
        if (sqlite3_bind_parameter_count(st) >= 2)
            sqlite3_bind_text(st, 2, x->hi, -1, SQLITE_STATIC);
    }
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sql_fail(x, err);
done:
    sqlite3_finalize(st);
    return rc;
}

/* The day filter: usable when every interval of the store holds within the base's days. The
 * strict policy's intervals lie within the inclusive ones (docs/format.md), so a base written
 * under the inclusive policy (or under the store's own) holds a superset. */
static int day_filter(selector *x, const tkg_store *s, const tkg_view_options *v, tkg_error *err)
{
    x->days = false;
    if (!v->has_at && !v->has_window)
        return TKG_OK;
    sqlite3_stmt *st = NULL;
    int rc = prepare(x, &st, "SELECT value FROM main.meta WHERE key = 'date_policy'", err);
    if (rc != TKG_OK)
        return rc;
    const char *mine = s->opt.policy == TKG_POLICY_STRICT ? "strict" : "inclusive";
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *base = (const char *)sqlite3_column_text(st, 0);
        x->days = s->opt.policy == TKG_POLICY_STRICT ||
                  (base && (strcmp(base, "inclusive") == 0 || strcmp(base, mine) == 0));
    } else if (step == SQLITE_DONE) {
        x->days = s->opt.policy == TKG_POLICY_STRICT; /* a base that does not say */
    } else {
        rc = sql_fail(x, err);
    }
    sqlite3_finalize(st);
    if (rc != TKG_OK || !x->days)
        return rc;
    int32_t lo = v->has_at ? v->at : v->from, hi = v->has_at ? v->at : v->to;
    if (tkg_day_format(lo, x->lo) <= 0)
        strcpy(x->lo, DAY_LOWEST);
    if (tkg_day_format(hi, x->hi) <= 0)
        strcpy(x->hi, DAY_HIGHEST);
    return TKG_OK;
}

/* The kinds: entity kinds with their subkinds (from the store's ontology, as the view reads
 * them) into a mask and temp.need_ekind, relation kinds as named into temp.need_rkind. An
 * unknown name selects nothing: the view then fails on it, whatever was read. */
static int kind_filters(selector *x, const tkg_view_options *v, tkg_error *err)
{
    int rc = TKG_OK;
    size_t count = tkg_ontology_entity_kind_count(x->o);
    if (v->kinds) {
        if (!(x->ekinds = calloc(count ? count : 1, 1)))
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        if ((rc = run(x, "CREATE TEMP TABLE IF NOT EXISTS need_ekind (name TEXT PRIMARY KEY)", NULL,
                      err)) != TKG_OK ||
            (rc = run(x, "DELETE FROM temp.need_ekind", NULL, err)) != TKG_OK)
            return rc;
        for (size_t i = 0; i < v->kind_count; i++) {
            uint32_t k = tkg_ontology_entity_kind(x->o, v->kinds[i]);
            for (uint32_t j = 0; k != TKG_NO_KIND && j < count; j++)
                if (tkg_entity_kind_is_a(x->o, j, k))
                    x->ekinds[j] = 1;
        }
        for (uint32_t j = 0; j < count && rc == TKG_OK; j++)
            if (x->ekinds[j])
                rc = run(x, "INSERT OR IGNORE INTO temp.need_ekind VALUES (?1)",
                         tkg_entity_kind_name(x->o, j), err);
    }
    if (v->relations && rc == TKG_OK) {
        x->rkinds = true;
        if ((rc = run(x, "CREATE TEMP TABLE IF NOT EXISTS need_rkind (name TEXT PRIMARY KEY)", NULL,
                      err)) != TKG_OK ||
            (rc = run(x, "DELETE FROM temp.need_rkind", NULL, err)) != TKG_OK)
            return rc;
        for (size_t i = 0; i < v->relation_count && rc == TKG_OK; i++)
            rc = run(x, "INSERT OR IGNORE INTO temp.need_rkind VALUES (?1)", v->relations[i], err);
    }
    return rc;
}

/* Whether an entity of this kind and lifespan passes the view's filters. */
static bool entity_passes(const selector *x, const char *kind, const char *first, const char *last)
{
    if (x->ekinds && kind) {
        uint32_t k = tkg_ontology_entity_kind(x->o, kind);
        if (k != TKG_NO_KIND && !x->ekinds[k])
            return false;
    }
    return !x->days || !((first && strcmp(first, x->hi) > 0) || (last && strcmp(last, x->lo) < 0));
}

/* ------------------------------------------------------------ without --around */

/* The day of an ISO text (NULL or not a date: `fallback`). */
static int32_t day_of(const unsigned char *text, int32_t fallback)
{
    tkg_date d;
    if (!text || tkg_date_parse(&d, (const char *)text, strlen((const char *)text), NULL) != TKG_OK)
        return fallback;
    return d.first;
}

/* The index that scans fewer entries for the days [lo, hi]: relations_days (first_day,
 * last_day) holds from the earliest first_day up to hi, relations_last_day (last_day,
 * first_day) from lo up to the latest last_day; both cover the day test. The relations'
 * earliest and latest days are read from the two indexes' ends. */
static int by_last_day(selector *x, bool *out, tkg_error *err)
{
    sqlite3_stmt *st = NULL;
    int32_t first = 0, last = 0;
    int rc = TKG_OK;
    *out = false;
    for (int i = 0; i < 2 && rc == TKG_OK; i++) {
        if ((rc = prepare(x, &st,
                          i ? "SELECT max(last_day) FROM main.relations"
                            : "SELECT min(first_day) FROM main.relations",
                          err)) != TKG_OK)
            break;
        if (sqlite3_step(st) != SQLITE_ROW)
            rc = sql_fail(x, err);
        else if (i)
            last = day_of(sqlite3_column_text(st, 0), INT32_MIN);
        else
            first = day_of(sqlite3_column_text(st, 0), INT32_MAX);
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc == TKG_OK && first != INT32_MAX && last != INT32_MIN)
        *out = (int64_t)day_of((const unsigned char *)x->hi, last) - first >
               (int64_t)last - day_of((const unsigned char *)x->lo, first);
    return rc;
}

/* The view without a centre: the entities that pass, and the relations that pass between
 * two of them (with days: through the index that scans less, in two parts, open bound and
 * bounded, so that each is one range of the index). With `relations_only`, the entities are
 * only the relations' ends, each tested once per relation through its row. */
static int select_all_passing(selector *x, bool relations_only, tkg_error *err)
{
    bool filter = x->ekinds || x->days;
    const char *kinds = x->rkinds ? RKINDS_SQL : "";
    const char *ekinds = x->ekinds ? EKINDS_SQL : "", *days = x->days ? DAYS_SQL : "";
    char ends[640] = "", sql[1024];
    int rc = TKG_OK;
    if (filter && relations_only) /* (inside EXISTS, kind and the days are e's) */
        snprintf(ends, sizeof ends,
                 " AND EXISTS (SELECT 1 FROM main.entities e WHERE e.row = r.from_entity%s%s)"
                 " AND EXISTS (SELECT 1 FROM main.entities e WHERE e.row = r.to_entity%s%s)",
                 ekinds, days, ekinds, days);
    else if (filter)
        snprintf(ends, sizeof ends, "%s",
                 " AND +r.from_entity IN (SELECT row FROM temp.need_entity)"
                 " AND +r.to_entity IN (SELECT row FROM temp.need_entity)");
    if (!relations_only) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO temp.need_entity (row) SELECT row FROM main.entities WHERE 1%s%s",
                 ekinds, days);
        if ((rc = run(x, sql, NULL, err)) != TKG_OK)
            return rc;
    }
    bool last = false;
    if (x->days && (rc = by_last_day(x, &last, err)) != TKG_OK)
        return rc;
    static const char *const parts[3][2] = {{" WHERE 1", NULL},
                                            {" INDEXED BY relations_days WHERE first_day IS NULL"
                                             " AND (last_day IS NULL OR last_day >= ?1)",
                                             " INDEXED BY relations_days WHERE first_day <= ?2"
                                             " AND (last_day IS NULL OR last_day >= ?1)"},
                                            {" INDEXED BY relations_last_day WHERE last_day IS NULL"
                                             " AND (first_day IS NULL OR first_day <= ?2)",
                                             " INDEXED BY relations_last_day WHERE last_day >= ?1"
                                             " AND (first_day IS NULL OR first_day <= ?2)"}};
    const char *const *part = parts[x->days ? 1 + last : 0];
    for (int i = 0; i < 2 && part[i] && rc == TKG_OK; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT OR IGNORE INTO temp.need_relation (row) SELECT r.row FROM main.relations "
                 "AS r%s%s%s",
                 part[i], kinds, ends);
        rc = run(x, sql, NULL, err);
    }
    for (int i = 0; i < 2 && relations_only && rc == TKG_OK; i++)
        rc = run(x,
                 i ? "INSERT OR IGNORE INTO temp.need_entity (row) SELECT r.to_entity FROM "
                     "temp.need_relation n CROSS JOIN main.relations r ON r.row = n.row"
                   : "INSERT OR IGNORE INTO temp.need_entity (row) SELECT r.from_entity FROM "
                     "temp.need_relation n CROSS JOIN main.relations r ON r.row = n.row",
                 NULL, err);
    return rc;
}

/* ------------------------------------------------------------ --around: the walk */

static size_t slot_of(const selector *x, sqlite3_int64 row)
{
    size_t i = (size_t)((uint64_t)row * 0x9E3779B97F4A7C15u >> 17) & (x->cap - 1);
    while (x->keys[i] && x->keys[i] != row + 1)
        i = (i + 1) & (x->cap - 1);
    return i;
}

static int seen_grow(selector *x, tkg_error *err)
{
    size_t old = x->cap;
    sqlite3_int64 *keys = x->keys;
    uint8_t *seen = x->seen;
    x->cap = old ? old * 2 : 1024;
    x->keys = calloc(x->cap, sizeof *x->keys);
    x->seen = calloc(x->cap, 1);
    if (!x->keys || !x->seen) {
        free(keys);
        free(seen);
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < old; i++)
        if (keys[i]) {
            size_t j = slot_of(x, keys[i] - 1);
            x->keys[j] = keys[i];
            x->seen[j] = seen[i];
        }
    free(keys);
    free(seen);
    return TKG_OK;
}

typedef struct rows {
    sqlite3_int64 *at;
    size_t count, cap;
} rows;

static int rows_push(rows *r, sqlite3_int64 row, tkg_error *err)
{
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        sqlite3_int64 *more = realloc(r->at, cap * sizeof *more);
        if (!more)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        r->at = more;
        r->cap = cap;
    }
    r->at[r->count++] = row;
    return TKG_OK;
}

static int insert_row(selector *x, sqlite3_stmt *st, sqlite3_int64 row, tkg_error *err)
{
    sqlite3_bind_int64(st, 1, row);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    return step == SQLITE_DONE ? TKG_OK : sql_fail(x, err);
}

/* Marks entity `row` as seen, reading its kind and lifespan: SEEN_KEPT when it passes the
 * filters (it is then in need_entity), else SEEN_LEFT. */
static int visit(selector *x, sqlite3_int64 row, uint8_t *state, tkg_error *err)
{
    int rc = TKG_OK;
    if ((x->count + 1) * 2 > x->cap && (rc = seen_grow(x, err)) != TKG_OK)
        return rc;
    sqlite3_bind_int64(x->entity, 1, row);
    int step = sqlite3_step(x->entity);
    if (step == SQLITE_ROW)
        *state = entity_passes(x, (const char *)sqlite3_column_text(x->entity, 0),
                               (const char *)sqlite3_column_text(x->entity, 1),
                               (const char *)sqlite3_column_text(x->entity, 2))
                     ? SEEN_KEPT
                     : SEEN_LEFT;
    else if (step == SQLITE_DONE)
        *state = SEEN_KEPT; /* a dangling endpoint: the reader reports it */
    else
        rc = sql_fail(x, err);
    sqlite3_reset(x->entity);
    if (rc != TKG_OK)
        return rc;
    size_t i = slot_of(x, row);
    x->keys[i] = row + 1;
    x->seen[i] = *state;
    x->count++;
    return *state == SEEN_KEPT ? insert_row(x, x->add_entity, row, err) : TKG_OK;
}

/* The relations of entity `e` one way (`st`: by from_entity or by to_entity) that pass the
 * filters: each whose other end is kept is needed; with `expand`, an other end not seen yet is
 * visited, and goes to `next` when kept. */
static int step_from(selector *x, sqlite3_stmt *st, sqlite3_int64 e, bool expand, rows *next,
                     tkg_error *err)
{
    int rc = TKG_OK, step;
    sqlite3_bind_int64(st, 3, e);
    while (rc == TKG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 r = sqlite3_column_int64(st, 0), other = sqlite3_column_int64(st, 1);
        size_t i = slot_of(x, other);
        uint8_t state = x->keys[i] ? x->seen[i] : 0;
        if (!state && expand && (rc = visit(x, other, &state, err)) == TKG_OK && state == SEEN_KEPT)
            rc = rows_push(next, other, err);
        if (rc == TKG_OK && state == SEEN_KEPT)
            rc = insert_row(x, x->add_relation, r, err);
    }
    if (rc == TKG_OK && step != SQLITE_DONE)
        rc = sql_fail(x, err);
    sqlite3_reset(st);
    return rc;
}

/* The walk: `depth` hops from the centre through the relations that pass, then the relations
 * that pass between two entities reached (a view keeps those too). */
static int walk(selector *x, sqlite3_int64 center, unsigned depth, tkg_error *err)
{
    rows frontier = {0}, next = {0};
    uint8_t state;
    int rc = visit(x, center, &state, err);
    if (rc == TKG_OK && state != SEEN_KEPT) { /* the view keeps nothing: the centre alone */
        rc = insert_row(x, x->add_entity, center, err);
        goto done;
    }
    if (rc != TKG_OK || (rc = rows_push(&frontier, center, err)) != TKG_OK)
        goto done;
    for (unsigned level = 0; level <= depth && frontier.count && rc == TKG_OK; level++) {
        next.count = 0;
        for (size_t i = 0; i < frontier.count && rc == TKG_OK; i++)
            if ((rc = step_from(x, x->from, frontier.at[i], level < depth, &next, err)) == TKG_OK)
                rc = step_from(x, x->to, frontier.at[i], level < depth, &next, err);
        rows swap = frontier;
        frontier = next;
        next = swap;
    }
done:
    free(frontier.at);
    free(next.at);
    return rc;
}

static int select_around(selector *x, const tkg_view_options *v, bool *whole, tkg_error *err)
{
    sqlite3_stmt *center = NULL;
    char sql[512];
    const char *kinds = x->rkinds ? RKINDS_SQL : "", *days = x->days ? DAYS_SQL : "";
    int rc = prepare(x, &center, "SELECT row FROM main.entities WHERE id = ?1", err);
    if (rc != TKG_OK)
        goto done;
    sqlite3_bind_text(center, 1, v->around, -1, SQLITE_STATIC);
    int step = sqlite3_step(center);
    if (step == SQLITE_DONE) {
        *whole = true;
        goto done;
    }
    if (step != SQLITE_ROW) {
        rc = sql_fail(x, err);
        goto done;
    }
    snprintf(sql, sizeof sql,
             "SELECT row, to_entity FROM main.relations WHERE from_entity = ?3%s%s", kinds, days);
    if ((rc = prepare(x, &x->from, sql, err)) != TKG_OK)
        goto done;
    snprintf(sql, sizeof sql,
             "SELECT row, from_entity FROM main.relations WHERE to_entity = ?3%s%s", kinds, days);
    if ((rc = prepare(x, &x->to, sql, err)) != TKG_OK ||
        (rc = prepare(x, &x->entity,
                      "SELECT kind, first_day, last_day FROM main.entities WHERE row = ?1", err)) !=
            TKG_OK ||
        (rc = prepare(x, &x->add_entity, "INSERT OR IGNORE INTO temp.need_entity VALUES (?1)",
                      err)) != TKG_OK ||
        (rc = prepare(x, &x->add_relation, "INSERT OR IGNORE INTO temp.need_relation VALUES (?1)",
                      err)) != TKG_OK)
        goto done;
    if (x->days) {
        for (int i = 0; i < 2; i++) {
            sqlite3_stmt *st = i ? x->to : x->from;
            sqlite3_bind_text(st, 1, x->lo, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, x->hi, -1, SQLITE_STATIC);
        }
    }
    rc = walk(x, sqlite3_column_int64(center, 0), v->depth ? v->depth : 1, err);
done:
    sqlite3_finalize(center);
    return rc;
}

int sqlite_select_needed(sqlite3 *db, const tkg_store *s, const tkg_view_options *view,
                         const char *path, bool *whole, tkg_error *err)
{
    selector x = {.db = db, .path = path, .o = tkg_store_ontology(s)};
    *whole = !view ||
             !(view->has_at || view->has_window || view->kinds || view->relations || view->around);
    if (*whole)
        return TKG_OK;
    int rc;
    if ((rc = sqlite_base_need_tables(db, path, err)) != TKG_OK ||
        (rc = day_filter(&x, s, view, err)) != TKG_OK ||
        (rc = kind_filters(&x, view, err)) != TKG_OK)
        goto done;
    rc = view->around ? select_around(&x, view, whole, err)
                      : select_all_passing(&x, s->opt.hint_relations_only, err);
done:
    sqlite3_finalize(x.entity);
    sqlite3_finalize(x.from);
    sqlite3_finalize(x.to);
    sqlite3_finalize(x.add_entity);
    sqlite3_finalize(x.add_relation);
    free(x.ekinds);
    free(x.keys);
    free(x.seen);
    return rc;
}
