/* The quadruple reader: ICEWS `s⇥r⇥o⇥YYYY-MM-DD` point facts and YAGO `<s>⇥<r>⇥<o>` lines,
 * optionally with `⇥<occursSince>|<occursUntil>⇥"YYYY-##-##"` (docs/format.md). Streams the
 * file in chunks; every fact cites the file and its line. */
#include "store.h"

#include "vec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE   ((size_t)1 << 20)
#define MAX_FIELDS 5

/* A YAGO `occursSince` waiting for its `occursUntil`. */
typedef struct pending {
    sym subject, relation, object;
    tkg_date since;
    bound bound;
    uint32_t line;
    uint32_t next; /* index + 1 of the next pending since of the same triple, in file order */
} pending;

typedef struct triple_slot {
    sym subject, relation, object;
    uint32_t head, tail; /* index + 1 into pendings; head == 0: empty queue */
} triple_slot;

typedef struct reader {
    tkg_store *s;
    tkg_error *err;
    sym file;
    uint32_t source;
    uint32_t line;
    pending *pendings;
    uint32_t pending_count, pending_cap;
    triple_slot *slots;
    uint32_t nslots, used_slots;
} reader;

typedef struct field {
    const char *p;
    size_t len;
    uint32_t column;
} field;

static int nomem(reader *r)
{
    return tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

static int report(reader *r, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int report(reader *r, uint32_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(r->s, r->err, (origin){r->file, r->line, column}, fmt, ap);
    va_end(ap);
    return rc;
}

/* Length of the valid UTF-8 prefix of [p, p + n): the offset of the first bad byte, or n. */
static size_t utf8_valid_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + len > n)
            return i;
        for (size_t k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        uint32_t cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++)
            cp = (cp << 6) | (p[i + k] & 0x3F);
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

/* `<name>` → `name` (YAGO writes identifiers in angle brackets). */
static void strip_brackets(field *f)
{
    if (f->len >= 2 && f->p[0] == '<' && f->p[f->len - 1] == '>') {
        f->p++;
        f->len -= 2;
    }
}

static int entity_of(reader *r, const field *f, uint32_t *out)
{
    if (f->len == 0)
        return report(r, f->column, "empty entity name");
    sym id = store_intern(r->s, f->p, f->len, r->err);
    if (!id)
        return TKG_ENOMEM;
    return store_implicit_entity(r->s, out, id, (origin){r->file, r->line, f->column}, r->err);
}

static int date_of(reader *r, field f, tkg_date *out, bound *b)
{
    if (f.len >= 2 && f.p[0] == '"' && f.p[f.len - 1] == '"') {
        f.p++;
        f.len -= 2;
        f.column++;
    }
    /* YAGO writes years before 1000 with fewer digits ("600-##-##"): pad them to four. */
    char padded[16];
    const char *text = f.p;
    size_t len = f.len, digits = 0;
    while (digits < len && f.p[digits] >= '0' && f.p[digits] <= '9')
        digits++;
    size_t pad = digits >= 1 && digits < 4 && digits < len && f.p[digits] == '-' ? 4 - digits : 0;
    if (pad && len + pad < sizeof padded) {
        memset(padded, '0', pad);
        memcpy(padded + pad, f.p, len);
        text = padded;
        len += pad;
    }
    tkg_error e = {0};
    if (tkg_date_parse(out, text, len, &e) != TKG_OK) {
        uint32_t col = e.column > (int)pad ? (uint32_t)e.column - (uint32_t)pad : 1;
        origin at = {r->file, r->line, f.column + col - 1};
        if (!pad)
            return store_report(r->s, r->err, at, "%s", e.message);
        /* Quote the date as written, not padded: "invalid date 'TEXT': WHY". */
        const char *why = e.message, *q;
        while ((q = strstr(why, "': ")) != NULL)
            why = q + 3;
        return store_report(r->s, r->err, at, "invalid date '%.*s': %s", (int)f.len, f.p, why);
    }
    b->raw = store_intern(r->s, f.p, f.len, r->err);
    b->prec = (uint8_t)out->precision;
    return b->raw ? TKG_OK : TKG_ENOMEM;
}

/* Adds the fact subject–relation–object over [start, end] (either may be NULL: open),
 * citing `line` and, for a combined since/until pair, `line2` too. */
static int add_fact(reader *r, sym subject, sym relation, sym object, const tkg_date *start,
                    bound bs, const tkg_date *end, bound be, origin at, uint32_t line2)
{
    relation_row row = {.start = bs, .end = be, .where = at};
    int rc = store_relation_kind(r->s, &row.kind, relation, true, r->err);
    if (rc == TKG_OK)
        rc = store_implicit_entity(r->s, &row.from, subject, at, r->err);
    if (rc == TKG_OK)
        rc = store_implicit_entity(r->s, &row.to, object, at, r->err);
    if (rc == TKG_OK)
        rc = store_interval(r->s, &row.iv, start, end, at, r->err);
    uint32_t rel;
    bool merged;
    if (rc == TKG_OK)
        rc = store_add_relation(r->s, &rel, &merged, &row, r->err);
    if (rc == TKG_OK)
        rc = store_add_cite(r->s, rel | OWNER_RELATION, r->source, NULL, 0, at.line, r->err);
    if (rc == TKG_OK && line2)
        rc = store_add_cite(r->s, rel | OWNER_RELATION, r->source, NULL, 0, line2, r->err);
    return rc;
}

/* ------------------------------------------------------------ since/until pairing */

static uint32_t triple_hash(sym a, sym b, sym c)
{
    uint32_t key[3] = {a, b, c};
    return intern_hash(key, sizeof key);
}

static triple_slot *find_triple(reader *r, sym a, sym b, sym c)
{
    uint32_t mask = r->nslots - 1;
    for (uint32_t i = triple_hash(a, b, c) & mask;; i = (i + 1) & mask) {
        triple_slot *t = &r->slots[i];
        if (!t->subject || (t->subject == a && t->relation == b && t->object == c))
            return t;
    }
}

static int grow_triples(reader *r)
{
    triple_slot *old = r->slots;
    uint32_t n = r->nslots;
    r->nslots = n ? n * 2 : 256;
    r->slots = calloc(r->nslots, sizeof *r->slots);
    if (!r->slots) {
        r->slots = old;
        r->nslots = n;
        return nomem(r);
    }
    for (uint32_t i = 0; i < n; i++)
        if (old[i].subject)
            *find_triple(r, old[i].subject, old[i].relation, old[i].object) = old[i];
    free(old);
    return TKG_OK;
}

static int push_since(reader *r, sym a, sym b, sym c, const tkg_date *d, bound bd)
{
    if ((r->used_slots + 1) * 2 > r->nslots && grow_triples(r) != TKG_OK)
        return TKG_ENOMEM;
    if (vec_reserve(&r->pendings, &r->pending_cap, r->pending_count + 1, sizeof *r->pendings))
        return nomem(r);
    r->pendings[r->pending_count] = (pending){a, b, c, *d, bd, r->line, 0};
    uint32_t index = ++r->pending_count;
    triple_slot *t = find_triple(r, a, b, c);
    if (!t->subject) {
        *t = (triple_slot){a, b, c, 0, 0};
        r->used_slots++;
    }
    if (t->tail)
        r->pendings[t->tail - 1].next = index;
    else
        t->head = index;
    t->tail = index;
    return TKG_OK;
}

/* Takes the earliest unpaired since of a triple that begins no later than `until` ends off
 * its queue into `out`; false when there is none (then the until is a fact of its own, open
 * at the start: the data holds an until whose since is missing). */
static bool pop_since(reader *r, sym a, sym b, sym c, const tkg_date *until, pending *out)
{
    if (!r->nslots)
        return false;
    triple_slot *t = find_triple(r, a, b, c);
    if (!t->subject)
        return false;
    uint32_t prev = 0;
    for (uint32_t at = t->head; at; prev = at, at = r->pendings[at - 1].next) {
        pending *p = &r->pendings[at - 1];
        if (until->last < p->since.first)
            continue;
        if (prev)
            r->pendings[prev - 1].next = p->next;
        else
            t->head = p->next;
        if (t->tail == at)
            t->tail = prev;
        *out = *p;
        p->line = 0; /* paired: not flushed at the end */
        return true;
    }
    return false;
}

/* At the end of the file, every since without an until is a fact open towards the future. */
static int flush_since(reader *r)
{
    int rc = TKG_OK;
    for (uint32_t i = 0; i < r->pending_count && rc == TKG_OK; i++) {
        pending *p = &r->pendings[i];
        if (!p->line)
            continue;
        origin at = {r->file, p->line, 1};
        rc = add_fact(r, p->subject, p->relation, p->object, &p->since, p->bound, NULL,
                      (bound){0, 0}, at, 0);
    }
    return rc;
}

/* ------------------------------------------------------------ lines */

/* Column of byte `at` of a line: columns count characters, as in XML input. */
static uint32_t column_of(const char *line, size_t at)
{
    uint32_t chars = 0;
    for (size_t i = 0; i < at; i++)
        chars += ((unsigned char)line[i] & 0xC0) != 0x80;
    return chars + 1;
}

/* Splits a line at tabs into at most MAX_FIELDS fields; `*count` receives the number of
 * fields found (possibly more), `*extra` the column of the first field past the fifth. */
static void split(const char *line, size_t len, field *f, size_t *count, uint32_t *extra)
{
    size_t n = 0, start = 0;
    uint32_t chars = 0, column = 1; /* characters before byte i; column of the field */
    *extra = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (n < MAX_FIELDS)
                f[n] = (field){line + start, i - start, column};
            if (n == MAX_FIELDS)
                *extra = column;
            n++;
            start = i + 1;
            column = chars + 2; /* past the tab */
        }
        if (i < len)
            chars += ((unsigned char)line[i] & 0xC0) != 0x80;
    }
    *count = n;
}

static int read_line(reader *r, const char *line, size_t len)
{
    if (len && line[len - 1] == '\r')
        len--;
    if (len == 0)
        return TKG_OK;
    const char *nul = memchr(line, '\0', len);
    if (nul)
        return report(r, column_of(line, (size_t)(nul - line)), "NUL byte in input");
    size_t good = utf8_valid_prefix((const unsigned char *)line, len);
    if (good != len)
        return report(r, column_of(line, good), "invalid UTF-8");
    field f[MAX_FIELDS];
    size_t n = 0;
    uint32_t extra;
    int rc;
    split(line, len, f, &n, &extra);
    if (n != 3 && n != 4 && n != 5) {
        return report(r, n > 5 ? extra : 1,
                      "expected 3, 4 or 5 tab-separated fields (subject, relation, object, "
                      "date), found %zu%s",
                      n, n == 1 ? ": separate the fields with TAB characters" : "");
    }
    for (int i = 0; i < 3; i++)
        strip_brackets(&f[i]);
    uint32_t subject_row, object_row;
    if ((rc = entity_of(r, &f[0], &subject_row)) != TKG_OK ||
        (rc = entity_of(r, &f[2], &object_row)) != TKG_OK)
        return rc;
    if (f[1].len == 0)
        return report(r, f[1].column, "empty relation name");
    sym subject = r->s->entities[subject_row].id, object = r->s->entities[object_row].id;
    sym relation = store_intern(r->s, f[1].p, f[1].len, r->err);
    if (!relation)
        return TKG_ENOMEM;
    origin at = {r->file, r->line, 1};
    bound none = {0, 0};
    if (n == 3)
        return add_fact(r, subject, relation, object, NULL, none, NULL, none, at, 0);
    tkg_date d;
    bound bd;
    if (n == 4) {
        if ((rc = date_of(r, f[3], &d, &bd)) != TKG_OK)
            return rc;
        return add_fact(r, subject, relation, object, &d, bd, &d, bd, at, 0);
    }
    strip_brackets(&f[3]);
    bool since = f[3].len == 11 && memcmp(f[3].p, "occursSince", 11) == 0;
    bool until = f[3].len == 11 && memcmp(f[3].p, "occursUntil", 11) == 0;
    if (!since && !until)
        return report(r, f[3].column, "expected <occursSince> or <occursUntil>");
    if ((rc = date_of(r, f[4], &d, &bd)) != TKG_OK)
        return rc;
    if (since)
        return push_since(r, subject, relation, object, &d, bd);
    pending since_fact;
    if (!pop_since(r, subject, relation, object, &d, &since_fact))
        return add_fact(r, subject, relation, object, NULL, none, &d, bd, at, 0);
    at.line = since_fact.line; /* the fact is where it begins; it cites both lines */
    return add_fact(r, subject, relation, object, &since_fact.since, since_fact.bound, &d, bd, at,
                    r->line);
}

/* ------------------------------------------------------------ driver */

static int begin(reader *r, tkg_store *s, const char *name, tkg_error *err)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->err = err;
    r->file = store_intern(s, name, strlen(name), err);
    if (!r->file)
        return TKG_ENOMEM;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    source_row src = {
        .id = r->file, .title = store_intern(s, base, strlen(base), err), .where = {r->file, 0, 0}};
    if (!src.title)
        return TKG_ENOMEM;
    return store_add_source(s, &r->source, &src, err);
}

static int end(reader *r, unsigned errors_before, int rc)
{
    if (rc == TKG_OK || rc == TKG_EINPUT)
        if (flush_since(r) != TKG_OK && rc == TKG_OK)
            rc = TKG_EINPUT;
    if (rc == TKG_OK && tkg_store_error_count(r->s) != errors_before)
        rc = TKG_EINPUT;
    free(r->pendings);
    free(r->slots);
    return rc;
}

/* Feeds complete lines of [data, data + len) to read_line; returns bytes consumed. */
static size_t feed_lines(reader *r, const char *data, size_t len, bool last, int *rc)
{
    size_t pos = 0;
    while (pos < len && !store_too_many_errors(r->s)) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (!nl && !last)
            break;
        size_t line_len = nl ? (size_t)(nl - (data + pos)) : len - pos;
        r->line++;
        int lr = read_line(r, data + pos, line_len);
        /* Input problems were reported (TKG_ELIMIT: the last one allowed); go on, unless the
         * cap was reached (the loop ends) or the problem is not about the input. */
        if (lr != TKG_OK && lr != TKG_EINPUT && lr != TKG_ELIMIT) {
            *rc = lr;
            return pos;
        }
        pos += line_len + (nl != NULL);
    }
    return pos;
}

int tkg_read_tsv_buffer(tkg_store *s, const char *data, size_t len, const char *name,
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
    if (rc == TKG_OK) {
        if (len == 0)
            store_report(s, err, (origin){r.file, 1, 1}, "empty file");
        else
            feed_lines(&r, data, len, true, &rc);
    }
    return end(&r, before, rc);
}

static size_t consume_lines(void *ctx, const char *data, size_t len, bool last, bool *stop, int *rc)
{
    (void)stop;
    return feed_lines(ctx, data, len, last, rc);
}

static int line_too_long(void *ctx)
{
    reader *r = ctx;
    return store_report(r->s, r->err, (origin){r->file, r->line + 1, 1},
                        "line longer than %s bytes", "1048576");
}

int tkg_read_tsv_file(tkg_store *s, const char *path, tkg_error *err)
{
    reader r;
    unsigned before = tkg_store_error_count(s);
    int rc = begin(&r, s, path, err);
    if (rc == TKG_OK) {
        record_reader rr = {&r, consume_lines, line_too_long, MAX_LINE};
        uint64_t bytes;
        rc = store_read_records(s, path, &rr, &bytes, err);
        if (rc == TKG_OK && bytes == 0)
            store_report(s, err, (origin){r.file, 1, 1}, "empty file");
    }
    return end(&r, before, rc);
}
