/* Named, typed fields of flat formats (GraphML, Neo4j-style CSV) mapped to the data model:
 * see fields.h. */
#include "fields.h"

#include "vec.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int nomem(tkg_error *err)
{
    return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ------------------------------------------------------------ records */

field_role field_role_of(const char *name)
{
    static const char *const names[ROLE_COUNT] = {[ROLE_LABEL] = "label",
                                                  [ROLE_NAME] = "name",
                                                  [ROLE_START] = "start",
                                                  [ROLE_END] = "end",
                                                  [ROLE_START_DATE] = "start_date",
                                                  [ROLE_END_DATE] = "end_date",
                                                  [ROLE_START_RAW] = "start_raw",
                                                  [ROLE_END_RAW] = "end_raw",
                                                  [ROLE_PRECISION] = "precision",
                                                  [ROLE_START_PRECISION] = "start_precision",
                                                  [ROLE_END_PRECISION] = "end_precision",
                                                  [ROLE_WIKIDATA] = "wikidata",
                                                  [ROLE_TIME_FROM] = "time_from"};
    /* Every field of every record comes here: most names are ruled out by their first
     * letter, without a string compare. */
    if (!strchr("lnseptw", name[0]) || !name[0])
        return ROLE_ATTR;
    for (int i = 1; i < ROLE_COUNT; i++)
        if (names[i][0] == name[0] && strcmp(name, names[i]) == 0)
            return (field_role)i;
    return ROLE_ATTR;
}

int record_add(tkg_store *s, record *r, const field *f, tkg_error *err)
{
    (void)s;
    if (vec_reserve(&r->fields, &r->cap, (size_t)r->count + 1, sizeof *r->fields))
        return nomem(err);
    r->fields[r->count++] = *f;
    return TKG_OK;
}

void record_free(record *r)
{
    free(r->fields);
    r->fields = NULL;
    r->count = r->cap = 0;
}

field *record_find(tkg_store *s, record *r, const char *name)
{
    /* (the few names of a document's keys are in the cache: comparing them is cheaper than
     * looking `name` up in the interner) */
    size_t n = strlen(name);
    for (uint32_t i = 0; i < r->count; i++) {
        field *f = &r->fields[i];
        if (!f->used && s->strings.len[f->name] == n && memcmp(store_str(s, f->name), name, n) == 0)
            return f;
    }
    return NULL;
}

/* ------------------------------------------------------------ values */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_blank(const char *t)
{
    while (is_space(*t))
        t++;
    return *t == '\0';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool same_ci(const char *a, size_t n, const char *b)
{
    size_t k = strlen(b);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        if (c != b[i])
            return false;
    }
    return true;
}

/* A 64-bit decimal integer: optional sign, digits. */
static bool int_value(const char *t, size_t n, char *canon, size_t size)
{
    char buf[32];
    size_t i = t[0] == '-' || t[0] == '+';
    if (n >= sizeof buf || i == n)
        return false;
    for (size_t k = i; k < n; k++)
        if (!is_digit(t[k]))
            return false;
    memcpy(buf, t, n);
    buf[n] = '\0';
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno)
        return false;
    snprintf(canon, size, "%lld", v);
    return true;
}

/* A finite decimal in C-locale notation: [-+]digits[.digits][(e|E)[-+]digits]. */
static bool double_value(const char *t, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (t[i] == '-' || t[i] == '+'))
        i++;
    for (; i < n && is_digit(t[i]); i++)
        digits++;
    if (i < n && t[i] == '.')
        for (i++; i < n && is_digit(t[i]); i++)
            digits++;
    if (digits == 0)
        return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        size_t exp = 0;
        if (++i < n && (t[i] == '-' || t[i] == '+'))
            i++;
        for (; i < n && is_digit(t[i]); i++)
            exp++;
        if (exp == 0)
            return false;
    }
    if (i != n || n >= 64)
        return false;
    /* Finite? strtod reads the locale's decimal point, so give it that one. */
    char buf[64];
    memcpy(buf, t, n);
    buf[n] = '\0';
    const char *point = localeconv()->decimal_point;
    char *dot = strchr(buf, '.');
    if (dot && point && point[0] && !point[1])
        *dot = point[0];
    return isfinite(strtod(buf, NULL));
}

int fields_value(tkg_store *s, sym *out, tkg_attr_type type, const char *text, size_t len,
                 const char *what, origin at, tkg_error *err)
{
    static const char *const type_names[] = {"string", "int", "double", "bool", "date"};
    *out = SYM_NONE;
    if (!text)
        text = ""; /* an empty value */
    const char *t = text;
    size_t n = len;
    if (type != TKG_ATTR_STRING) {
        while (n && is_space(t[n - 1]))
            n--;
        while (n && is_space(*t))
            t++, n--;
        if (n == 0)
            return TKG_OK; /* no value */
    }
    char canon[40];
    const char *value = t;
    bool ok = true;
    switch (type) {
    case TKG_ATTR_STRING:
        break;
    case TKG_ATTR_INT:
        ok = int_value(t, n, canon, sizeof canon);
        value = canon;
        break;
    case TKG_ATTR_DOUBLE:
        ok = double_value(t, n);
        break;
    case TKG_ATTR_BOOL:
        if (same_ci(t, n, "true") || (n == 1 && *t == '1'))
            value = "true";
        else if (same_ci(t, n, "false") || (n == 1 && *t == '0'))
            value = "false";
        else
            ok = false;
        break;
    case TKG_ATTR_DATE: {
        tkg_date d;
        tkg_error e = {0};
        ok = tkg_date_parse(&d, t, n, &e) == TKG_OK;
        if (ok)
            tkg_date_format(&d, canon);
        value = canon;
        break;
    }
    }
    if (!ok)
        return store_report(s, err, at, "%s: '%.*s%s' is not a valid %s", what,
                            (int)(n > 60 ? 60 : n), t, n > 60 ? "..." : "", type_names[type]);
    *out = store_intern(s, value, value == t ? n : strlen(value), err);
    return *out ? TKG_OK : TKG_ENOMEM;
}

#define VALUE_CACHE_SLOTS ((uint32_t)1 << 16)
#define VALUE_INLINE      18

struct value_slot {
    sym value;    /* SYM_NONE: empty */
    uint8_t type; /* tkg_attr_type */
    uint8_t len;  /* of the text */
    char text[VALUE_INLINE];
};

int fields_value_cached(tkg_store *s, value_cache *c, sym *out, tkg_attr_type type,
                        const char *text, size_t len, const char *what, origin at, tkg_error *err)
{
    if (len == 0 || len > VALUE_INLINE)
        return fields_value(s, out, type, text, len, what, at, err);
    if (!c->slots)
        c->slots = calloc(VALUE_CACHE_SLOTS, sizeof *c->slots);
    if (!c->slots)
        return fields_value(s, out, type, text, len, what, at, err);
    uint32_t mask = VALUE_CACHE_SLOTS - 1, i = (intern_hash(text, len) ^ (uint32_t)type) & mask;
    struct value_slot *v;
    for (;; i = (i + 1) & mask) {
        v = &c->slots[i];
        if (!v->value)
            break;
        if (v->type == type && v->len == len && memcmp(v->text, text, len) == 0) {
            *out = v->value;
            return TKG_OK;
        }
    }
    int rc = fields_value(s, out, type, text, len, what, at, err);
    if (rc == TKG_OK && *out && c->count < VALUE_CACHE_SLOTS / 2) {
        *v = (struct value_slot){*out, (uint8_t)type, (uint8_t)len, {0}};
        memcpy(v->text, text, len);
        c->count++;
    }
    return rc;
}

void value_cache_free(value_cache *c)
{
    free(c->slots);
    c->slots = NULL;
    c->count = 0;
}

/* ------------------------------------------------------------ dates */

/* The fields that give one bound. */
typedef struct side {
    field *raw, *plain, *date, *precision;
} side;

static const char *name_of(const tkg_store *s, const field *f)
{
    return store_str(s, f->name);
}

#define DATE_MEMO_SLOTS ((uint32_t)1 << 15)

/* Parsed dates by value symbol: the bounds of flat formats repeat the days of a few
 * decades, some tens of thousands. */
struct date_memo {
    struct {
        sym value; /* SYM_NONE: empty */
        tkg_date date;
    } slot[DATE_MEMO_SLOTS]; /* (one cache line per look) */
};

void field_parse_date(field *f, const char *text, size_t len)
{
    tkg_error e;
    e.code = TKG_OK; /* all that tkg_fail reads */
    f->dated = tkg_date_parse(&f->date, text, len, &e) == TKG_OK;
}

static int field_date(tkg_store *s, const field *f, tkg_date *d, tkg_error *err)
{
    if (f->dated) {
        *d = f->date;
        return TKG_OK;
    }
    if (!s->date_memo)
        s->date_memo = calloc(1, sizeof *s->date_memo); /* (none: no memo) */
    struct date_memo *memo = s->date_memo;
    uint32_t slot = f->value & (DATE_MEMO_SLOTS - 1);
    if (memo && memo->slot[slot].value == f->value) {
        *d = memo->slot[slot].date;
        return TKG_OK;
    }
    const char *text = store_str(s, f->value);
    tkg_error e;
    e.code = TKG_OK; /* all that tkg_fail reads: no need to clear 500 bytes per date */
    if (tkg_date_parse(d, text, strlen(text), &e) == TKG_OK) {
        if (memo) {
            memo->slot[slot].value = f->value;
            memo->slot[slot].date = *d;
        }
        return TKG_OK;
    }
    origin at = f->at;
    if (f->inside && e.column > 0)
        at.column += (uint32_t)e.column - 1;
    return store_report(s, err, at, "%s: %s", name_of(s, f), e.message);
}

/* Cuts `d` to the coarser precision `p`. */
static void cut_date(tkg_date *d, tkg_precision p)
{
    d->precision = p;
    if (p == TKG_PREC_YEAR) {
        d->month = d->day = 0;
        d->first = tkg_day_from_civil(d->year, 1, 1);
        d->last = tkg_day_from_civil(d->year, 12, 31);
    } else {
        d->day = 0;
        d->first = tkg_day_from_civil(d->year, d->month, 1);
        d->last = tkg_day_from_civil(d->year, d->month, tkg_days_in_month(d->year, d->month));
    }
}

/* Reads one bound into `b` and `d`; `*has` is false when none of its fields is given. */
static int map_side(tkg_store *s, side *sd, bound *b, tkg_date *d, bool *has, tkg_error *err)
{
    *b = (bound){SYM_NONE, TKG_PREC_NONE};
    *has = false;
    field *all[] = {sd->raw, sd->plain, sd->date, sd->precision};
    for (size_t i = 0; i < 4; i++)
        if (all[i])
            all[i]->used = true;
    field *primary = sd->raw ? sd->raw : sd->plain ? sd->plain : sd->date;
    if (!primary)
        return TKG_OK;
    int rc = field_date(s, primary, d, err);
    if (rc != TKG_OK)
        return rc;
    sym raw = primary->value;
    if (primary != sd->raw && sd->precision) {
        static const char *const names[] = {"year", "month", "day"};
        const char *p = store_str(s, sd->precision->value);
        tkg_precision prec = TKG_PREC_NONE;
        for (int i = 0; i < 3; i++)
            if (same_ci(p, strlen(p), names[i]))
                prec = (tkg_precision)(i + 1);
        if (prec == TKG_PREC_NONE)
            return store_report(s, err, sd->precision->at,
                                "%s: '%s' is not a precision (year, month or day)",
                                name_of(s, sd->precision), p);
        if (prec > d->precision)
            return store_report(s, err, sd->precision->at,
                                "%s: '%s' is finer than the date '%s' it describes",
                                name_of(s, sd->precision), p, store_str(s, primary->value));
        if (prec < d->precision) {
            char text[11];
            cut_date(d, prec);
            int n = tkg_date_format(d, text);
            if (!(raw = store_intern(s, text, (size_t)n, err)))
                return TKG_ENOMEM;
        }
    }
    /* Every other form given must name days of the chosen one. */
    field *others[] = {sd->plain, sd->date};
    for (size_t i = 0; i < 2; i++) {
        field *o = others[i];
        tkg_date od;
        if (!o || o == primary)
            continue;
        if ((rc = field_date(s, o, &od, err)) != TKG_OK)
            return rc;
        if (od.first < d->first || od.last > d->last)
            return store_report(s, err, o->at, "%s '%s' does not agree with %s '%s'", name_of(s, o),
                                store_str(s, o->value), name_of(s, primary), store_str(s, raw));
    }
    b->raw = raw;
    b->prec = (uint8_t)d->precision;
    *has = true;
    return TKG_OK;
}

bool fields_is_qid(const char *t, size_t n)
{
    if (n < 2 || n > 20 || t[0] != 'Q' || t[1] < '1' || t[1] > '9')
        return false;
    for (size_t i = 2; i < n; i++)
        if (!is_digit(t[i]))
            return false;
    return true;
}

int record_map(tkg_store *s, record *r, bool entity, mapped *out, origin at, tkg_error *err)
{
    field *by[ROLE_COUNT] = {0};
    memset(out, 0, sizeof *out);
    out->iv = (tkg_interval){TKG_DAY_MIN, TKG_DAY_MAX};
    for (uint32_t i = 0; i < r->count; i++) {
        field *f = &r->fields[i];
        field_role role = f->used ? ROLE_ATTR : (field_role)f->role;
        if (role >= ROLE_START && role <= ROLE_END_PRECISION && !f->dated &&
            is_blank(store_str(s, f->value))) {
            /* An empty date field is no value: python-igraph writes "" for an edge (node)
             * without the date that others have, as a CSV cell is empty. */
            f->used = true;
            continue;
        }
        if (role != ROLE_ATTR && !by[role])
            by[role] = f;
    }
    field *label = !entity ? NULL : by[ROLE_LABEL] ? by[ROLE_LABEL] : by[ROLE_NAME];
    field *qid = entity ? by[ROLE_WIKIDATA] : NULL;
    const char *qid_text = qid ? store_str(s, qid->value) : NULL;
    if (qid_text && fields_is_qid(qid_text, strlen(qid_text))) {
        qid->used = true;
        out->external = qid->value;
    }
    if (label) {
        label->used = true;
        const char *t = store_str(s, label->value);
        while (is_space(*t))
            t++;
        if (*t)
            out->label = label->value; /* a blank label is no label: the id stands in */
    }
    /* tkg's exports write the time a relation takes from an event (tkg_relation_event) as
     * start_date and end_date beside time_from: that time is the event's, and comes back
     * from it when the store is finished. */
    if (!entity && by[ROLE_TIME_FROM]) {
        by[ROLE_TIME_FROM]->used = true;
        for (int k = ROLE_START_DATE; k <= ROLE_END_DATE; k++)
            if (by[k]) {
                by[k]->used = true;
                by[k] = NULL;
            }
    }
    field *both = by[ROLE_PRECISION];
    side start = {by[ROLE_START_RAW], by[ROLE_START], by[ROLE_START_DATE],
                  by[ROLE_START_PRECISION] ? by[ROLE_START_PRECISION] : both};
    side end = {by[ROLE_END_RAW], by[ROLE_END], by[ROLE_END_DATE],
                by[ROLE_END_PRECISION] ? by[ROLE_END_PRECISION] : both};
    if (both)
        both->used = true;
    tkg_date ds, de;
    bool has_start, has_end;
    int rc = map_side(s, &start, &out->start, &ds, &has_start, err);
    if (rc == TKG_OK)
        rc = map_side(s, &end, &out->end, &de, &has_end, err);
    if (rc != TKG_OK || (!has_start && !has_end))
        return rc;
    field *blame = has_end ? (end.raw     ? end.raw
                              : end.plain ? end.plain
                                          : end.date)
                           : (start.raw     ? start.raw
                              : start.plain ? start.plain
                                            : start.date);
    return store_interval(s, &out->iv, has_start ? &ds : NULL, has_end ? &de : NULL,
                          blame ? blame->at : at, err);
}

int record_attrs(tkg_store *s, const record *r, uint32_t owner, tkg_error *err)
{
    int rc = TKG_OK;
    for (uint32_t i = 0; i < r->count && rc == TKG_OK; i++) {
        const field *f = &r->fields[i];
        if (!f->used)
            rc = store_add_attr_merged(s, owner, f->name, f->type, f->value, f->at, err);
    }
    return rc;
}

/* ------------------------------------------------------------ kinds */

/* Equal when compared without case and without '_', '-' and spaces. */
static bool same_loosely(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (;;) {
        while (i < n && (a[i] == '_' || a[i] == '-' || a[i] == ' '))
            i++;
        while (*b == '_' || *b == '-' || *b == ' ')
            b++;
        if (i == n || !*b)
            return i == n && !*b;
        char c = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        char d = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (c != d)
            return false;
        i++;
        b++;
    }
}

uint32_t fields_entity_kind(const tkg_ontology *o, const char *name, size_t len)
{
    char buf[256];
    if (len == 0 || len >= sizeof buf)
        return TKG_NO_KIND;
    memcpy(buf, name, len);
    buf[len] = '\0';
    uint32_t k = tkg_ontology_entity_kind(o, buf);
    for (uint32_t i = 0; k == TKG_NO_KIND && i < tkg_ontology_entity_kind_count(o); i++)
        if (same_loosely(name, len, tkg_entity_kind_name(o, i)))
            k = i;
    return k;
}

int fields_relation_kind(tkg_store *s, uint32_t *out, const char *name, size_t len, tkg_error *err)
{
    sym y = store_intern(s, name, len, err);
    if (!y)
        return TKG_ENOMEM;
    int rc = store_relation_kind(s, out, y, false, err);
    if (rc != TKG_OK || *out != TKG_NO_KIND)
        return rc;
    const tkg_ontology *o = tkg_store_ontology(s);
    for (uint32_t i = 0; i < tkg_ontology_relation_kind_count(o); i++)
        if (!tkg_relation_kind_implicit(o, i) &&
            same_loosely(name, len, tkg_relation_kind_name(o, i))) {
            *out = i;
            return TKG_OK;
        }
    return store_relation_kind(s, out, y, true, err);
}

/* ------------------------------------------------------------ rows */

int fields_file_source(tkg_store *s, sym *file, uint32_t *source, const char *name, tkg_error *err)
{
    *file = store_intern(s, name, strlen(name), err);
    if (!*file)
        return TKG_ENOMEM;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    source_row src = {
        .id = *file, .title = store_intern(s, base, strlen(base), err), .where = {*file, 0, 0}};
    if (!src.title)
        return TKG_ENOMEM;
    return store_add_source(s, source, &src, err);
}

int fields_define_entity(tkg_store *s, uint32_t *out, sym id, uint32_t kind, const mapped *m,
                         origin at, uint32_t source, tkg_error *err)
{
    int rc;
    if (kind != TKG_NO_KIND) {
        entity_row row = {.id = id,
                          .label = m->label ? m->label : id,
                          .external = m->external,
                          .kind = kind,
                          .start = m->start,
                          .end = m->end,
                          .life = m->iv,
                          .where = at};
        rc = store_define_entity(s, out, &row, err);
    } else {
        uint32_t have = s->entity_of_sym[id];
        bool referenced = have && s->entities[have - 1].state == ENTITY_REFERENCED;
        rc = store_implicit_entity(s, out, id, at, err);
        entity_row *e = rc == TKG_OK ? &s->entities[*out] : NULL;
        /* A placeholder (this node, or another bulk input's): fill what it lacks. A
         * definition from elsewhere keeps what it says. */
        if (e && e->state == ENTITY_IMPLICIT) {
            if (referenced)
                e->where = at;
            if (m->label && e->label == e->id)
                e->label = m->label;
            if (!e->external)
                e->external = m->external;
            if (!e->start.raw && !e->end.raw && (m->start.raw || m->end.raw)) {
                e->start = m->start;
                e->end = m->end;
                e->life = m->iv;
            }
        }
    }
    if (rc == TKG_OK && source != FIELDS_NO_SOURCE)
        rc = store_add_cite(s, *out, source, NULL, 0, at.line, err);
    return rc;
}

int fields_add_relation(tkg_store *s, uint32_t *out, const edge_ends *e, const mapped *m,
                        const record *r, origin at, uint32_t source, tkg_error *err)
{
    return fields_add_relation_between(s, out, TKG_NO_ENTITY, TKG_NO_ENTITY, e, m, r, at, source,
                                       err);
}

int fields_add_relation_between(tkg_store *s, uint32_t *out, uint32_t from, uint32_t to,
                                const edge_ends *e, const mapped *m, const record *r, origin at,
                                uint32_t source, tkg_error *err)
{
    relation_row row = {
        .kind = e->kind, .iv = m->iv, .start = m->start, .end = m->end, .id = e->id, .where = at};
    bool merged;
    attr_row few[16]; /* (most records have fewer fields) */
    attr_row *attrs = r->count <= 16 ? few : malloc((size_t)r->count * sizeof *attrs);
    uint32_t n = 0;
    if (!attrs)
        return nomem(err);
    for (uint32_t i = 0; i < r->count; i++)
        if (!r->fields[i].used)
            attrs[n++] =
                (attr_row){0, r->fields[i].name, r->fields[i].value, (uint8_t)r->fields[i].type};
    row.from = from;
    row.to = to;
    int rc =
        from != TKG_NO_ENTITY ? TKG_OK : store_ref_entity(s, &row.from, e->from, e->from_at, err);
    if (rc == TKG_OK && to == TKG_NO_ENTITY)
        rc = store_ref_entity(s, &row.to, e->to, e->to_at, err);
    if (rc == TKG_OK)
        rc = store_add_relation_attrs(s, out, &merged, &row, attrs, n, err);
    if (rc == TKG_OK && source != FIELDS_NO_SOURCE)
        rc = store_add_cite(s, *out | OWNER_RELATION, source, NULL, 0, at.line, err);
    if (attrs != few)
        free(attrs);
    return rc;
}
