/* The quadruple reader: ICEWS `s⇥r⇥o⇥YYYY-MM-DD` point facts, YAGO `<s>⇥<r>⇥<o>` lines,
 * optionally with `⇥<occursSince>|<occursUntil>⇥"YYYY-##-##"`, and Wikidata's
 * `Q…⇥P…⇥Q…⇥occurSince|occurUntil⇥YYYY` (docs/format.md). Streams the file in chunks; every
 * fact cites the file and its line(s). Since and until lines are kept until the whole file is
 * read, then paired triple by triple whatever their order (flush_marks).
 *
 * Bulk files are large and their entities many: looking up a name is then a few cache misses
 * (the string table's slot, the string's address, the string, the entity lookup), and those
 * misses, not the parsing, are what reading costs. So lines are read in batches (feed_lines),
 * in passes: the first splits each line and hashes its names, and starts loading the table
 * slots they will be looked up in; the next two start loading what those slots lead to; the
 * fourth reads the lines in order, as if one by one (every problem is reported in line order,
 * with the same messages); the last adds their relations, in order. The loads of one batch
 * overlap instead of following one another. Small memos spare most lines the string table
 * for their relation phrase and date. */
#include "day_memo.h"
#include "fields.h"
#include "store.h"

#include "vec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_LINE   ((size_t)1 << 20)
#define MAX_FIELDS 5

/* The kind and endpoints (rows) of a relation. */
typedef struct triple {
    uint32_t kind, from, to;
} triple;

/* A since or until line, kept until the file is read: then each triple's are paired
 * (flush_marks), so that the result does not depend on the order of the lines. */
typedef struct mark {
    uint64_t key[2]; /* the first keys of compare_marks, packed: see add_mark */
    triple t;
    uint32_t line;
    uint8_t until; /* 0: since, 1: until */
    bound bound;
    tkg_date date;
    const char *raw; /* the date as written (orders dates that cover the same days) */
} mark;

/* A date text already read in this file, with what it parses to and its symbol: files of
 * dated facts repeat a few thousand dates at most, and a line then needs neither parsing
 * nor the string table for its date. */
#define MEMO_TEXT 11

typedef struct date_memo {
    uint8_t len;
    char text[MEMO_TEXT]; /* the date as written (quotes stripped) */
    sym raw;              /* its symbol; SYM_NONE: an empty entry */
    tkg_date date;
} date_memo;

#define MEMO_MAX ((uint32_t)1 << 16) /* entries at most (2 MiB): past half of that, no more */

/* The relation column repeats a few phrases: a small cache finds the symbol of a phrase of
 * up to 16 bytes from its bytes alone (the key), without hashing or the string table. */
typedef struct phrase_memo {
    uint64_t w0, w1; /* phrase_key */
    uint32_t len;
    sym y; /* SYM_NONE: empty */
} phrase_memo;

#define PHRASE_BITS 6
#define PHRASES     (1u << PHRASE_BITS)

typedef struct reader {
    tkg_store *s;
    tkg_error *err;
    sym file;
    uint32_t source;
    uint32_t line;
    mark *marks;
    uint32_t mark_count, mark_cap;
    date_memo *memo; /* open addressing by intern_hash of the text */
    uint32_t memo_size, memo_used;
    day_memo days; /* dates written in digits (ICEWS writes nothing else) */
    phrase_memo phrases[PHRASES];
    uint64_t size; /* of the input in bytes, 0 when unknown */
    uint64_t done; /* bytes read so far */
} reader;

/* One field of a line. */
typedef struct cell {
    const char *p;
    size_t len;
    uint32_t column;
} cell;

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
static void strip_brackets(cell *f)
{
    if (f->len >= 2 && f->p[0] == '<' && f->p[f->len - 1] == '>') {
        f->p++;
        f->len -= 2;
    }
}

static uint64_t load64(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t load32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The symbol of the relation phrase `f` (not empty), through the phrase cache. */
static sym phrase_of(reader *r, const cell *f)
{
    size_t n = f->len;
    if (n > 16)
        return store_intern(r->s, f->p, n, r->err);
    /* With the length, these two words (possibly overlapping) are the phrase. */
    uint64_t w0, w1 = 0;
    if (n >= 8) {
        w0 = load64(f->p);
        w1 = load64(f->p + n - 8);
    } else if (n >= 4) {
        w0 = (uint64_t)load32(f->p) << 32 | load32(f->p + n - 4);
    } else {
        w0 = (uint64_t)(unsigned char)f->p[0] << 16 | (uint64_t)(unsigned char)f->p[n / 2] << 8 |
             (unsigned char)f->p[n - 1];
    }
    uint64_t mix = (w0 * 0x9e3779b97f4a7c15u) ^ (w1 * 0xc2b2ae3d27d4eb4fu) ^ n;
    phrase_memo *m = &r->phrases[(mix * 0xff51afd7ed558ccdu) >> (64 - PHRASE_BITS)];
    if (m->y && m->len == n && m->w0 == w0 && m->w1 == w1)
        return m->y;
    sym y = store_intern(r->s, f->p, n, r->err);
    if (y)
        *m = (phrase_memo){w0, w1, (uint32_t)n, y};
    return y;
}

/* Makes `name` the external id of entity `row` when it is a Wikidata item id, unless the
 * entity has one or an input defines it. (Out of line: the hot path of entity_of stays
 * small enough to be inlined.) */
__attribute__((noinline)) static void wikidata_id(reader *r, uint32_t row, sym name, const cell *f)
{
    entity_row *e = &r->s->entities[row];
    if (e->state == ENTITY_IMPLICIT && !e->external && fields_is_qid(f->p, f->len))
        e->external = name;
}

/* Finds or creates the entity named by field `f` (whose intern_hash is `hash`); `*out`
 * receives its id. A name that is a Wikidata item id (`Q42`) is also the external id of an
 * entity that no input defines (tkg_entity_external_id). */
static inline __attribute__((always_inline)) int entity_of(reader *r, const cell *f, uint32_t hash,
                                                           sym *out)
{
    if (f->len == 0)
        return report(r, f->column, "empty entity name");
    *out = store_intern_hashed(r->s, f->p, f->len, hash, r->err);
    if (!*out)
        return TKG_ENOMEM;
    uint32_t row;
    int rc = store_implicit_entity(r->s, &row, *out, (origin){r->file, r->line, f->column}, r->err);
    if (rc == TKG_OK && f->p[0] == 'Q')
        wikidata_id(r, row, *out, f);
    return rc;
}

/* Whether field `f` (not stripped) is the word of a since or an until line: Wikidata's
 * `occurSince` and `occurUntil`, YAGO's `<occursSince>` and `<occursUntil>`, either with or
 * without angle brackets. `*until` receives which. */
static bool since_or_until(const cell *f, bool *until)
{
    cell w = *f;
    strip_brackets(&w);
    size_t s = w.len == 11 && w.p[5] == 's'; /* occursSince: skip the s */
    if (w.len != 10 + s || memcmp(w.p, "occur", 5) != 0)
        return false;
    *until = memcmp(w.p + 5 + s, "Until", 5) == 0;
    return *until || memcmp(w.p + 5 + s, "Since", 5) == 0;
}

/* `"text"` → `text` (YAGO quotes its dates). */
static void strip_quotes(cell *f)
{
    if (f->len >= 2 && f->p[0] == '"' && f->p[f->len - 1] == '"') {
        f->p++;
        f->len -= 2;
        f->column++;
    }
}

/* Parses the date of field `f` (quotes already stripped; `hash` is the intern_hash of its
 * text) into `out`, and its text as written into `b`. */
static int date_of(reader *r, cell f, uint32_t hash, tkg_date *out, bound *b)
{
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
    tkg_error e;
    e.code = TKG_OK; /* (only written on failure: no need to clear the whole struct) */
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
    b->raw = store_intern_hashed(r->s, f.p, f.len, hash, r->err);
    b->prec = (uint8_t)out->precision;
    return b->raw ? TKG_OK : TKG_ENOMEM;
}

/* The memo entry of the date text `f` (of intern_hash `hash`), or the empty entry where it
 * would go. */
static date_memo *memo_find(const reader *r, const cell *f, uint32_t hash)
{
    uint32_t mask = r->memo_size - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
        date_memo *m = &r->memo[i];
        if (!m->raw || (m->len == f->len && intern_same(m->text, f->p, f->len)))
            return m;
    }
}

PREFETCH_FN void memo_prefetch(const reader *r, uint32_t hash)
{
    if (r->memo)
        __builtin_prefetch(&r->memo[hash & (r->memo_size - 1)]);
}

/* Remembers a date that date_of read (a cache: when memory is short, it stays as it is). */
static void memo_add(reader *r, const cell *f, uint32_t hash, const tkg_date *d, sym raw)
{
    if (f->len > MEMO_TEXT)
        return;
    if ((r->memo_used + 1) * 2 > r->memo_size) {
        uint32_t n = r->memo_size ? r->memo_size * 2 : 256;
        date_memo *old = r->memo, *memo;
        if (n > MEMO_MAX || !(memo = calloc(n, sizeof *memo)))
            return;
        r->memo = memo;
        r->memo_size = n;
        for (uint32_t i = 0; i < n / 2 && old; i++)
            if (old[i].raw) {
                cell k = {old[i].text, old[i].len, 0};
                *memo_find(r, &k, intern_hash(k.p, k.len)) = old[i];
            }
        free(old);
    }
    date_memo *m = memo_find(r, f, hash);
    m->len = (uint8_t)f->len;
    memcpy(m->text, f->p, f->len);
    m->raw = raw;
    m->date = *d;
    r->memo_used++;
}

/* date_of through the memos. `key` is the day_memo_key of the text, `hash` its intern_hash when
 * key is -1. */
static int memo_date_of(reader *r, const cell *f, long key, uint32_t hash, tkg_date *out, bound *b)
{
    if (key >= 0) {
        if (day_memo_get(&r->days, key, out, b))
            return TKG_OK;
        int rc = date_of(r, *f, intern_hash(f->p, f->len), out, b);
        if (rc == TKG_OK)
            day_memo_put(&r->days, key, out, b->raw);
        return rc;
    }
    if (r->memo && f->len <= MEMO_TEXT) {
        const date_memo *m = memo_find(r, f, hash);
        if (m->raw) {
            *out = m->date;
            *b = (bound){m->raw, (uint8_t)m->date.precision};
            return TKG_OK;
        }
    }
    int rc = date_of(r, *f, hash, out, b);
    if (rc == TKG_OK)
        memo_add(r, f, hash, out, b->raw);
    return rc;
}

/* A relation ready to be added, and the lines that state it. */
typedef struct fact {
    relation_row row;
    uint32_t hash;  /* store_relation_hash of row */
    uint32_t line2; /* a second line to cite (a combined since/until pair), or 0 */
} fact;

/* Resolves the kind and endpoints of subject–relation–object, stated at `at`, into `out`. */
static int resolve_triple(reader *r, triple *out, sym subject, sym relation, sym object, origin at)
{
    int rc = store_relation_kind(r->s, &out->kind, relation, true, r->err);
    if (rc == TKG_OK)
        rc = store_implicit_entity(r->s, &out->from, subject, at, r->err);
    if (rc == TKG_OK)
        rc = store_implicit_entity(r->s, &out->to, object, at, r->err);
    return rc;
}

/* Makes the fact `t` over [start, end] (either may be NULL: open) stated at `at` (and at
 * `line2` too, unless 0) into `out`, reporting any problem: all that adding it needs, except
 * the adding (commit_fact). */
static int make_fact(reader *r, fact *out, const triple *t, const tkg_date *start, bound bs,
                     const tkg_date *end, bound be, origin at, uint32_t line2)
{
    out->row = (relation_row){
        .kind = t->kind, .from = t->from, .to = t->to, .start = bs, .end = be, .where = at};
    out->line2 = line2;
    int rc = store_interval(r->s, &out->row.iv, start, end, at, r->err);
    if (rc == TKG_OK) {
        out->hash = store_relation_hash(r->s, &out->row);
        store_prefetch_relation(r->s, out->hash);
    }
    return rc;
}

/* Adds a prepared fact, citing its lines; fails only when out of memory. */
static int commit_fact(reader *r, const fact *f)
{
    uint32_t rel;
    bool merged;
    int rc = store_add_relation_hashed(r->s, &rel, &merged, &f->row, f->hash, r->err);
    if (rc == TKG_OK)
        rc = store_add_cite(r->s, rel | OWNER_RELATION, r->source, NULL, 0, f->row.where.line,
                            r->err);
    if (rc == TKG_OK && f->line2)
        rc = store_add_cite(r->s, rel | OWNER_RELATION, r->source, NULL, 0, f->line2, r->err);
    return rc;
}

/* ------------------------------------------------------------ since/until pairing */

/* Keeps a since (or an until) line of subject–relation–object, of date `d`, for flush_marks. */
static int add_mark(reader *r, sym subject, sym relation, sym object, bool until, const tkg_date *d,
                    bound bd)
{
    mark m = {.line = r->line, .until = until, .bound = bd, .date = *d};
    int rc = resolve_triple(r, &m.t, subject, relation, object, (origin){r->file, r->line, 1});
    if (rc != TKG_OK)
        return rc;
    if (vec_reserve(&r->marks, &r->mark_cap, r->mark_count + 1, sizeof *r->marks))
        return nomem(r);
    m.raw = store_str(r->s, bd.raw);
    /* Kind and subject; object, since (0) or until (1), and the first day of a since or the
     * last day of an until, offset to be positive (years 1 to 9999 are days -719162 to
     * 2932896). */
    int32_t day = until ? d->last : d->first;
    m.key[0] = (uint64_t)m.t.kind << 32 | m.t.from;
    m.key[1] = (uint64_t)m.t.to << 32 | (uint64_t)until << 31 | (uint32_t)(day + 1000000);
    r->marks[r->mark_count++] = m;
    return TKG_OK;
}

static int compare_int(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* The order flush_marks pairs in: by triple (kind, subject, object: rows), sinces before
 * untils; sinces by first day, then last day; untils by last day, then first day; then the
 * date as written, then the line (which decides only which of two equal dates cites which
 * line). */
static int compare_marks(const void *pa, const void *pb)
{
    const mark *a = pa, *b = pb;
    if (a->key[0] != b->key[0])
        return a->key[0] < b->key[0] ? -1 : 1;
    if (a->key[1] != b->key[1])
        return a->key[1] < b->key[1] ? -1 : 1;
    int c = a->until ? compare_int(a->date.first, b->date.first)
                     : compare_int(a->date.last, b->date.last);
    if (!c)
        c = strcmp(a->raw, b->raw);
    if (!c)
        c = compare_int(a->line, b->line);
    return c;
}

/* Adds the fact of a since and an until of triple `t`, either of which may be NULL (open);
 * it is where its since is (else its until), and cites both lines. */
static int add_marked(reader *r, const triple *t, const mark *since, const mark *until)
{
    static const bound none = {0, 0};
    origin at = {r->file, since ? since->line : until->line, 1};
    fact f;
    int rc = make_fact(r, &f, t, since ? &since->date : NULL, since ? since->bound : none,
                       until ? &until->date : NULL, until ? until->bound : none, at,
                       since && until ? until->line : 0);
    if (rc == TKG_OK)
        rc = commit_fact(r, &f);
    return rc;
}

/* Pairs the `ns` sinces and `nu` untils of triple `t`, each sorted (compare_marks), and adds
 * the facts: each since, from the earliest, takes the earliest until left that does not end
 * before the since begins. A since left alone is open at the end, an until left alone open
 * at the start. Facts come in order of start (open first). */
static int pair_triple(reader *r, const triple *t, const mark *since, uint32_t ns,
                       const mark *until, uint32_t nu)
{
    int rc = TKG_OK;
    uint32_t u = 0;
    for (uint32_t i = 0; i < ns && rc == TKG_OK; i++) {
        /* Untils sort by last day: one that ends before this since begins ends before every
         * later since begins too. */
        while (u < nu && until[u].date.last < since[i].date.first && rc == TKG_OK)
            rc = add_marked(r, t, NULL, &until[u++]);
        if (rc == TKG_OK)
            rc = add_marked(r, t, &since[i], u < nu ? &until[u++] : NULL);
    }
    while (u < nu && rc == TKG_OK)
        rc = add_marked(r, t, NULL, &until[u++]);
    return rc;
}

static bool same_triple(const triple *a, const triple *b)
{
    return a->kind == b->kind && a->from == b->from && a->to == b->to;
}

/* Once the file is read, pairs the since and until lines of each triple (docs/format.md).
 * Sorting first makes the result independent of the order of the lines, in O(n log n) for n
 * such lines. */
static int flush_marks(reader *r)
{
    int rc = TKG_OK;
    mark *m = r->marks;
    uint32_t n = r->mark_count;
    if (n > 1) /* (qsort must not be given NULL, even for nothing) */
        qsort(m, n, sizeof *m, compare_marks);
    for (uint32_t at = 0, mid, stop; at < n && rc == TKG_OK; at = stop) {
        const triple *t = &m[at].t; /* its sinces are [at, mid), its untils [mid, stop) */
        for (mid = at; mid < n && same_triple(&m[mid].t, t) && !m[mid].until; mid++)
            ;
        for (stop = mid; stop < n && same_triple(&m[stop].t, t); stop++)
            ;
        rc = pair_triple(r, t, &m[at], mid - at, &m[mid], stop - mid);
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
static void split(const char *line, size_t len, cell *f, size_t *count, uint32_t *extra)
{
    size_t n = 0, start = 0;
    uint32_t chars = 0, column = 1; /* characters before byte i; column of the field */
    *extra = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (n < MAX_FIELDS)
                f[n] = (cell){line + start, i - start, column};
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

/* One line of the file, as the first pass over a batch leaves it. */
enum shape {
    LINE_BLANK,  /* nothing to read */
    LINE_FIELDS, /* 3 to 5 fields, split */
    LINE_NUL,    /* a NUL byte at `column` */
    LINE_UTF8,   /* invalid UTF-8 at `column` */
    LINE_COUNT   /* not 3 to 5 fields; `column`: where the sixth begins, or 1 */
};

typedef struct quad {
    uint8_t shape; /* enum shape */
    uint32_t column;
    size_t n;           /* fields found */
    cell f[MAX_FIELDS]; /* brackets stripped from the first three, quotes from the date */
    uint32_t hash[2];   /* intern_hash of the subject and of the object */
    long day;           /* day_memo_key of the date's text (4 or 5 fields) */
    uint32_t date_hash; /* intern_hash of the date's text, when `day` is -1 */
    sym guess[2];       /* the symbols subject and object likely have (prefetching) */
    bool prefetched;    /* (see prefetch_strings) */
    size_t next;        /* offset of the next line in the chunk */
    bool has_fact;      /* the line states `fact`, to be added once the batch is read */
    fact fact;
} quad;

/* The careful first pass over a line, for any bytes: finds a NUL or invalid UTF-8, else
 * splits it; q->n receives the number of fields. */
static void split_any(quad *q, const char *line, size_t len)
{
    const char *nul = memchr(line, '\0', len);
    if (nul) {
        q->shape = LINE_NUL;
        q->column = column_of(line, (size_t)(nul - line));
        return;
    }
    size_t good = utf8_valid_prefix((const unsigned char *)line, len);
    if (good != len) {
        q->shape = LINE_UTF8;
        q->column = column_of(line, good);
        return;
    }
    split(line, len, q->f, &q->n, &q->column);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES  0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* 0x80 in each byte of `w` that is zero, 0 in the others (exactly: no borrow between bytes). */
static uint64_t zero_bytes(uint64_t w)
{
    uint64_t low7 = ~HIGHS;
    return ~(((w & low7) + low7) | w | low7);
}

/* The quick first pass, over the line that begins at `data[at]`, 8 bytes at a time: finds
 * where it ends (`*end`: its line feed, or `len`) and, while its bytes are all ASCII and not
 * NUL (`*plain`), where its first MAX_FIELDS tabs are and how many it has. */
static void find_tabs(const char *data, size_t at, size_t len, size_t *end, bool *plain,
                      size_t *tabs, size_t *ntabs)
{
    size_t i = at, n = 0;
    uint64_t odd = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, sizeof w);
        uint64_t nl = zero_bytes(w ^ (ONES * '\n'));
        uint64_t tab = zero_bytes(w ^ (ONES * '\t'));
        uint64_t bad = zero_bytes(w) | (w & HIGHS);
        if (nl) {
            uint64_t before = (nl & (0 - nl)) - 1; /* the bytes before the first line feed */
            tab &= before;
            bad &= before;
        }
        odd |= bad;
        for (; tab; tab &= tab - 1, n++)
            if (n < MAX_FIELDS)
                tabs[n] = i + (size_t)__builtin_ctzll(tab) / 8;
        if (nl) {
            *end = i + (size_t)__builtin_ctzll(nl) / 8;
            goto done;
        }
    }
    for (; i < len && data[i] != '\n'; i++) {
        unsigned char c = (unsigned char)data[i];
        odd |= c == 0 || c >= 0x80;
        if (c == '\t') {
            if (n < MAX_FIELDS)
                tabs[n] = i;
            n++;
        }
    }
    *end = i;
done:
    *plain = odd == 0;
    *ntabs = n;
}
#else
static void find_tabs(const char *data, size_t at, size_t len, size_t *end, bool *plain,
                      size_t *tabs, size_t *ntabs)
{
    const char *nl = memchr(data + at, '\n', len - at);
    *end = nl ? (size_t)(nl - data) : len;
    *plain = false;
    (void)tabs;
    *ntabs = 0;
}
#endif

/* The first pass over the line that begins at data[at]: checks its bytes and splits it,
 * reporting nothing (read_line reports, in line order), hashes the names that read_line will
 * look up and starts loading their table slots. False when the line does not end within
 * `len` bytes and more may follow (not `last`). */
static bool scan_line(const reader *r, quad *q, const char *data, size_t at, size_t len, bool last)
{
    size_t end, tabs[MAX_FIELDS], ntabs;
    bool plain;
    find_tabs(data, at, len, &end, &plain, tabs, &ntabs);
    if (end == len && !last)
        return false;
    q->next = end + (end < len);
    const char *line = data + at;
    size_t line_len = end - at;
    if (line_len && line[line_len - 1] == '\r')
        line_len--; /* (a tab before it stays where it is) */
    q->shape = LINE_FIELDS;
    cell *f = q->f;
    if (line_len == 0) {
        q->shape = LINE_BLANK;
        return true;
    } else if (plain) {
        /* ASCII: columns are byte offsets. */
        q->n = ntabs + 1;
        size_t start = 0;
        for (size_t k = 0; k < q->n && k < MAX_FIELDS; k++) {
            size_t stop = k < ntabs ? tabs[k] - at : line_len;
            f[k] = (cell){line + start, stop - start, (uint32_t)start + 1};
            start = stop + 1;
        }
        q->column = q->n > MAX_FIELDS ? (uint32_t)(tabs[MAX_FIELDS - 1] - at) + 2 : 1;
    } else {
        split_any(q, line, line_len);
        if (q->shape != LINE_FIELDS)
            return true;
    }
    if (q->n != 3 && q->n != 4 && q->n != 5) {
        q->shape = LINE_COUNT;
        q->column = q->n > 5 ? q->column : 1;
        return true;
    }
    for (int i = 0; i < 3; i++)
        strip_brackets(&f[i]);
    q->hash[0] = intern_hash(f[0].p, f[0].len);
    q->hash[1] = intern_hash(f[2].p, f[2].len);
    const interner *in = &r->s->strings;
    intern_prefetch_slot(in, q->hash[0]);
    intern_prefetch_slot(in, q->hash[1]);
    if (q->n >= 4) {
        cell *date = &f[q->n - 1];
        strip_quotes(date);
        q->day = day_memo_key(date->p, date->len);
        if (q->day >= 0) {
            day_memo_prefetch(&r->days, q->day);
        } else {
            q->date_hash = intern_hash(date->p, date->len);
            memo_prefetch(r, q->date_hash);
        }
    }
    return true;
}

/* The second and third passes over a batch: with the table slots loaded, start loading the
 * string addresses and entity lookups of the symbols they hold (2), then the strings and,
 * for names that may be Wikidata ids, the entity rows (3). Only hints: read_line looks
 * everything up again. (Each pass records what it found: a function that only prefetches
 * has no visible effect, and the compiler would drop it.) */
static void prefetch_rows(const reader *r, quad *batch, size_t n)
{
    const tkg_store *s = r->s;
    for (size_t i = 0; i < n; i++) {
        quad *q = &batch[i];
        if (q->shape != LINE_FIELDS)
            continue;
        for (int k = 0; k < 2; k++) {
            sym y = intern_guess(&s->strings, q->hash[k], q->f[2 * k].len);
            q->guess[k] = y;
            if (y) {
                intern_prefetch_row(&s->strings, y);
                store_prefetch_entity_of(s, y);
            }
        }
    }
}

/* Starts loading the entity row of symbol `y`, if it names an entity. */
PREFETCH_FN void prefetch_entity_row(const tkg_store *s, sym y)
{
    uint32_t have = y < s->sym_cap ? s->entity_of_sym[y] : 0;
    if (have)
        __builtin_prefetch(&s->entities[have - 1]);
}

static void prefetch_strings(const reader *r, quad *batch, size_t n)
{
    const interner *in = &r->s->strings;
    for (size_t i = 0; i < n; i++) {
        quad *q = &batch[i];
        if (q->shape != LINE_FIELDS)
            continue;
        for (int k = 0; k < 2; k++) {
            if (!q->guess[k])
                continue;
            intern_prefetch_string(in, q->guess[k]);
            if (q->f[2 * k].len && q->f[2 * k].p[0] == 'Q')
                prefetch_entity_row(r->s, q->guess[k]); /* for wikidata_id */
        }
        q->prefetched = true;
    }
}

/* Reads a scanned line: reports its problems, or finds or creates what it names, leaving
 * the fact it states (if any) in q->fact. */
static int read_line(reader *r, quad *q)
{
    q->has_fact = false;
    switch (q->shape) {
    case LINE_BLANK:
        return TKG_OK;
    case LINE_NUL:
        return report(r, q->column, "NUL byte in input");
    case LINE_UTF8:
        return report(r, q->column, "invalid UTF-8");
    case LINE_COUNT:
        return report(r, q->column,
                      "expected 3, 4 or 5 tab-separated fields (subject, relation, object, "
                      "date), found %zu%s",
                      q->n, q->n == 1 ? ": separate the fields with TAB characters" : "");
    default:
        break;
    }
    cell *f = q->f;
    size_t n = q->n;
    int rc;
    sym subject = SYM_NONE, object = SYM_NONE;
    if ((rc = entity_of(r, &f[0], q->hash[0], &subject)) != TKG_OK ||
        (rc = entity_of(r, &f[2], q->hash[1], &object)) != TKG_OK)
        return rc;
    if (f[1].len == 0)
        return report(r, f[1].column, "empty relation name");
    sym relation = phrase_of(r, &f[1]);
    if (!relation)
        return TKG_ENOMEM;
    origin at = {r->file, r->line, 1};
    bound none = {0, 0};
    tkg_date d;
    bound bd;
    triple t;
    bool until = false;
    if (n == 5 && !since_or_until(&f[3], &until))
        return report(r, f[3].column,
                      "expected occurSince or occurUntil (Wikidata), "
                      "<occursSince> or <occursUntil> (YAGO)");
    if (n == 4 && f[3].len && (f[3].p[0] == 'o' || f[3].p[0] == '<') &&
        since_or_until(&f[3], &until))
        return report(r, f[3].column, "%.*s without a date: expected a fifth field", (int)f[3].len,
                      f[3].p);
    if (n >= 4 && (rc = memo_date_of(r, &f[n - 1], q->day, q->date_hash, &d, &bd)) != TKG_OK)
        return rc;
    if (n == 5)
        return add_mark(r, subject, relation, object, until, &d, bd);
    if ((rc = resolve_triple(r, &t, subject, relation, object, at)) != TKG_OK)
        return rc;
    if (n == 3)
        rc = make_fact(r, &q->fact, &t, NULL, none, NULL, none, at, 0);
    else
        rc = make_fact(r, &q->fact, &t, &d, bd, &d, bd, at, 0);
    q->has_fact = rc == TKG_OK;
    return rc;
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
        if (flush_marks(r) != TKG_OK && rc == TKG_OK)
            rc = TKG_EINPUT;
    if (rc == TKG_OK && tkg_store_error_count(r->s) != errors_before)
        rc = TKG_EINPUT;
    free(r->marks);
    free(r->memo);
    day_memo_free(&r->days);
    return rc;
}

/* Lines per batch (see the top of the file): enough loads to overlap, few enough that what
 * the first passes load is still in the cache when the lines are read. */
#define BATCH 32

/* Feeds complete lines of [data, data + len) to read_line; returns bytes consumed. */
static size_t feed_lines(reader *r, const char *data, size_t len, bool last, int *rc)
{
    quad batch[BATCH];
    size_t pos = 0;
    while (pos < len && !store_too_many_errors(r->s)) {
        size_t n = 0, at = pos;
        while (n < BATCH && at < len && scan_line(r, &batch[n], data, at, len, last))
            at = batch[n++].next;
        if (n == 0)
            break;
        prefetch_rows(r, batch, n);
        prefetch_strings(r, batch, n);
        size_t done = 0;
        int fatal = TKG_OK;
        for (; done < n && !store_too_many_errors(r->s); done++) {
            r->line++;
            int lr = read_line(r, &batch[done]);
            /* Input problems were reported (TKG_ELIMIT: the last one allowed); go on, unless
             * the cap was reached (the loop ends) or the problem is not about the input. */
            if (lr != TKG_OK && lr != TKG_EINPUT && lr != TKG_ELIMIT) {
                fatal = lr;
                break;
            }
        }
        /* Reading a line adds no relation, so these can wait for the end of the batch:
         * adding them never reports a problem about the input, only running out of memory. */
        for (size_t i = 0; i < done && fatal == TKG_OK; i++)
            if (batch[i].has_fact)
                fatal = commit_fact(r, &batch[i].fact);
        if (done > 0)
            pos = batch[done - 1].next;
        if (fatal != TKG_OK) {
            *rc = fatal;
            break;
        }
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

/* Once the first chunk is read, reserves room for as many relations as the rest of the
 * input holds lines, at the rate seen so far: the store's arrays then grow once. */
static void reserve_ahead(reader *r, size_t consumed)
{
    bool first = r->done == 0;
    r->done += consumed;
    if (!first || !r->size || !r->line || r->size <= r->done || store_too_many_errors(r->s))
        return;
    uint64_t lines = (r->size - r->done) / ((r->done + r->line - 1) / r->line);
    if (lines <= UINT32_MAX / 2)
        store_reserve(r->s, (uint32_t)lines);
}

static size_t consume_lines(void *ctx, const char *data, size_t len, bool last, bool *stop, int *rc)
{
    (void)stop;
    size_t used = feed_lines(ctx, data, len, last, rc);
    if (*rc == TKG_OK)
        reserve_ahead(ctx, used);
    return used;
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
    struct stat st;
    if (rc == TKG_OK && stat(path, &st) == 0)
        r.size = (uint64_t)st.st_size;
    if (rc == TKG_OK) {
        record_reader rr = {&r, consume_lines, line_too_long, MAX_LINE};
        uint64_t bytes;
        rc = store_read_records(s, path, &rr, &bytes, err);
        if (rc == TKG_OK && bytes == 0)
            store_report(s, err, (origin){r.file, 1, 1}, "empty file");
    }
    return end(&r, before, rc);
}
