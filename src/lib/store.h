/* The store's rows and the internal interface the readers fill it through. */
#ifndef TKG_STORE_H
#define TKG_STORE_H

#include "error.h"
#include "intern.h"
#include "ontology.h"

#include <stdarg.h>

/* Where something was written: file (a symbol), 1-based line and column. */
typedef struct origin {
    sym file;
    uint32_t line, column;
} origin;

/* One bound as written. */
typedef struct bound {
    sym raw;      /* SYM_NONE when open */
    uint8_t prec; /* tkg_precision */
} bound;

enum entity_state {
    ENTITY_REFERENCED = 0, /* only named by relations so far */
    ENTITY_IMPLICIT = 1,   /* created by bulk input (kind `entity`); a definition may refine it */
    ENTITY_DEFINED = 2     /* defined by an <entity> element */
};

typedef struct entity_row {
    sym id, label, external;
    uint32_t kind; /* TKG_NO_KIND while only referenced */
    uint8_t state; /* enum entity_state */
    bound start, end;
    tkg_interval life;
    origin where; /* the definition, or the first reference */
} entity_row;

typedef struct relation_row {
    uint32_t kind, from, to;
    tkg_interval iv;
    bound start, end;
    sym id;
    origin where; /* the first assertion */
} relation_row;

/* Names, attributes and citations belong to an owner: an entity or a relation row. */
#define OWNER_RELATION 0x80000000u

typedef struct name_row {
    uint32_t owner;
    sym lang, text;
    uint8_t alias;
} name_row;

typedef struct attr_row {
    uint32_t owner;
    sym key, value;
    uint8_t type; /* tkg_attr_type */
} attr_row;

typedef struct cite_row {
    uint32_t owner;
    uint32_t source;
    const char *quote; /* in `texts`, or NULL */
    uint32_t line;
} cite_row;

typedef struct source_row {
    sym id, title, publisher, url, published, lang;
    origin where;    /* the definition, or the first citation while only cited */
    uint8_t defined; /* 0 while only cited */
} source_row;

/* Owner-sorted runs of side rows, built by tkg_store_finish: rows of owner o are
 * [offset[o], offset[o + 1]). */
typedef struct side_index {
    uint32_t *entity_offset;   /* entity count + 1 */
    uint32_t *relation_offset; /* relation count + 1 */
} side_index;

struct tkg_store {
    tkg_store_options opt;
    tkg_ontology *ontology; /* owned: a copy that bulk input may add relation kinds to */
    interner strings;
    arena texts; /* quoted sentences: mostly unique, so kept apart from interned strings */

    entity_row *entities;
    uint32_t entity_count, entity_cap;
    relation_row *relations;
    uint32_t relation_count, relation_cap;
    name_row *names;
    uint32_t name_count, name_cap;
    attr_row *attrs;
    uint32_t attr_count, attr_cap;
    cite_row *cites;
    uint32_t cite_count, cite_cap;
    source_row *sources;
    uint32_t source_count, source_cap;

    /* Bit e set: entity row e is no longer a mere reference (it never becomes one again),
     * so that bulk input can skip reading the row; (entity_cap + 63) / 64 words. */
    uint64_t *entity_placed;

    /* Lookups by symbol: index + 1, or 0 when absent; `sym_cap` entries each. */
    uint32_t *entity_of_sym, *relation_of_sym, *source_of_sym, *rkind_of_sym;
    uint32_t sym_cap;

    /* Relation identity (kind, from, to, interval) → row, open addressing:
     * (hash << 32 | row + 1), 0 = empty. */
    uint64_t *rel_slots;
    uint32_t rel_nslots;

    /* The attributes of each entity and relation before the store is finished, for merging
     * (store_add_relation_attrs, store_add_attr_merged): kept once one of those is called.
     * attr_prev[a] is the previous attribute row of a's owner + 1 (0: none; attr_prev_cap
     * entries), ent_attr[e] and rel_attr[r] the last one + 1 (an owner past their caps has
     * none). */
    bool attr_chains;
    uint32_t *attr_prev, *ent_attr, *rel_attr;
    uint32_t attr_prev_cap, ent_attr_cap, rel_attr_cap;

    /* The dates of value symbols parsed by the mapping of flat formats (fields.c), so that
     * each distinct date text is parsed once: direct-mapped by symbol, NULL until used. */
    struct date_memo *date_memo;

    /* Built by tkg_store_finish. */
    bool finished;
    side_index name_idx, attr_idx, cite_idx;
    uint32_t *adj_offset; /* entity count + 1 */
    uint32_t *adj;        /* relation rows: out-going then in-coming per entity */

    unsigned errors; /* problems reported */

    /* The SQLite base that tkg add reads into the store before its inputs (add_sqlite.c), or
     * SYM_NONE: a file of bulk input whose source (named after the file) was read from it is
     * reported by store_add_source, as its evidence would count twice. */
    sym base_file;

    /* The number of each relation's generated id (`e<n>`), when it is not its row: a SQLite
     * base read in part (read_sqlite.c, only_needed) gives its relations the ids they have in
     * the whole base. A relation past edge_numbers (added later) has its row as number. */
    uint32_t *edge_number;
    uint32_t edge_numbers;

    /* The ontology's `event` kind (TKG_NO_KIND when it has none), for the event-time rule;
     * set by tkg_store_finish. */
    uint32_t event_kind;
};

/* ---- reporting: every reader reports through these, so all problems reach the caller. */

/** Reports a problem about input at `at` and records the first in `err`; returns
 *  TKG_EINPUT, or TKG_ELIMIT once max_errors problems were reported. */
int store_report(tkg_store *s, tkg_error *err, origin at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** store_report with a va_list. */
int store_vreport(tkg_store *s, tkg_error *err, origin at, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/** Reports an already formatted error; same return convention as store_report. */
int store_report_error(tkg_store *s, tkg_error *err, const tkg_error *e);

/** True once max_errors problems were reported: readers stop. */
bool store_too_many_errors(const tkg_store *s);

/* ---- filling. Each returns 0 or a negative code; out-of-memory is recorded in err. */

/** Interns a string; SYM_NONE (and TKG_ENOMEM in err) when out of memory. */
sym store_intern(tkg_store *s, const char *text, size_t len, tkg_error *err);

/** store_intern for text whose intern_hash is `hash`. */
sym store_intern_hashed(tkg_store *s, const char *text, size_t len, uint32_t hash, tkg_error *err);

static inline const char *store_str(const tkg_store *s, sym y)
{
    return intern_str(&s->strings, y);
}

/** The name of the input `at` is in ("<memory>" for a buffer without one). */
const char *store_origin_file(const tkg_store *s, origin at);

/** Says where `first` is, seen from `here`, into `out`: "line 5" in the same input, else
 *  "a.xml:5". */
void store_place(const tkg_store *s, origin first, origin here, char *out, size_t size);

/** True when `url` starts with http:// or https:// (any case) and something follows: the
 *  only URLs tkg takes from its inputs and writes as links. */
bool store_url_is_web(const char *url);

/** Defines a source (an URL other than store_url_is_web's is reported). The same id from another
 * input is the same source (the first definition wins); twice in one input is reported (for bulk
 * input, whose source is the file itself, that means the file was given twice), and so is the
 * source of a bulk input that was read from `base_file` (the file is in the base already). */
int store_add_source(tkg_store *s, uint32_t *out, const source_row *row, tkg_error *err);

/** The row of the source `id`, creating a cited-only placeholder that a later definition
 *  fills; tkg_store_finish reports placeholders that no input defines. */
int store_ref_source(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err);

/** The row of the entity with id `id`, creating a referenced placeholder when absent. */
int store_ref_entity(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err);

/** The row of the entity `id`, creating it with kind `entity` when absent (bulk input). */
int store_implicit_entity(tkg_store *s, uint32_t *out, sym id, origin at, tkg_error *err);

/** Defines entity `row->id` (kind, label, lifespan, external id, origin). Merges with an
 *  earlier definition of the same kind from another file; a different kind, or a second
 *  definition in the same file, is reported. `*out` receives the row even then. */
int store_define_entity(tkg_store *s, uint32_t *out, const entity_row *row, tkg_error *err);

/** Adds a relation, or finds the existing one with the same kind, endpoints and interval
 *  (`*merged` is then true). Reports a relation id used by a different relation. */
int store_add_relation(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                       tkg_error *err);

/** Makes room for `relations` more relations, each with a citation: a hint from a reader
 *  that can tell how large its input is, so that the arrays grow once. When memory is
 *  short, it does less or nothing: adding rows reports that, if it comes to it. */
void store_reserve(tkg_store *s, uint32_t relations);

/** The hash store_add_relation files `row` under (kind, endpoints and interval). */
uint32_t store_relation_hash(const tkg_store *s, const relation_row *row);

/** Starts loading the slot of the relation table where the identity of `row` (its kind,
 *  entity rows and interval) is looked up first. */
void store_relation_prefetch(const tkg_store *s, const relation_row *row);

/** store_add_relation for a row whose store_relation_hash is `hash`. */
int store_add_relation_hashed(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                              uint32_t hash, tkg_error *err);

/**
 * Adds the relation of a record (a GraphML edge, a CSV row) with its `n` attributes `attrs`
 * (their owner is ignored), or merges it: into the first relation of the same kind,
 * endpoints and interval (from any input) when its attributes agree with these (none has a
 * key of `attrs` with another type or value), which then gains the keys it lacks; else into
 * a relation of that identity made from a record with exactly these attributes; else the
 * record is a relation of its own (parallel edges of a multigraph that differ in an
 * attribute stay distinct). `*merged` tells which. Constant time however many relations an
 * identity has. Relation ids are checked as store_add_relation does.
 */
int store_add_relation_attrs(tkg_store *s, uint32_t *out, bool *merged, const relation_row *row,
                             const attr_row *attrs, uint32_t n, tkg_error *err);

int store_add_name(tkg_store *s, uint32_t owner, sym lang, sym text, bool alias, tkg_error *err);
int store_add_attr(tkg_store *s, uint32_t owner, sym key, tkg_attr_type type, sym value,
                   tkg_error *err);

/** store_add_attr for an owner that inputs may give more than once (an entity defined in
 *  several inputs, a relation asserted again): a key the owner has with the same type and
 *  value is not added again; with another type or value it is reported at `at`, naming the
 *  owner's first place, since an attribute has one value (GraphML and CSV have one cell). */
int store_add_attr_merged(tkg_store *s, uint32_t owner, sym key, tkg_attr_type type, sym value,
                          origin at, tkg_error *err);
/** Adds a citation (evidence) to an entity or relation; `quote` (`len` bytes, may be NULL)
 *  is copied. */
int store_add_cite(tkg_store *s, uint32_t owner, uint32_t source, const char *quote, size_t len,
                   uint32_t line, tkg_error *err);

/** The event whose lifespan relation `r` takes under the event-time rule, or TKG_NO_ENTITY
 *  (store_finish.c; tkg_relation_event). */
uint32_t store_relation_event(const tkg_store *s, uint32_t r);

/** The relation kind named by symbol `name`; with `implicit`, an unknown name becomes a
 *  new kind between `entity`s (bulk input). TKG_NO_KIND when unknown and not implicit. */
int store_relation_kind(tkg_store *s, uint32_t *out, sym name, bool implicit, tkg_error *err);

/** Parses a date attribute, reporting errors at `at` (column shifted into the value). */
int store_parse_date(tkg_store *s, tkg_date *out, const char *text, size_t len, origin at,
                     tkg_error *err);

/** Turns bounds into an interval under the store's policy, reporting at `at`. */
int store_interval(tkg_store *s, tkg_interval *out, const tkg_date *start, const tkg_date *end,
                   origin at, tkg_error *err);

/* ---- prefetching (see intern.h): hints for readers that batch their lookups. */

/** Starts loading the entity lookup entry of symbol `y` (a symbol of the store). */
PREFETCH_FN void store_prefetch_entity_of(const tkg_store *s, sym y)
{
    if (y < s->sym_cap)
        __builtin_prefetch(&s->entity_of_sym[y]);
}

/** Starts loading the relation table slot where a relation of hash `hash` is looked up. */
PREFETCH_FN void store_prefetch_relation(const tkg_store *s, uint32_t hash)
{
    __builtin_prefetch(&s->rel_slots[hash & (s->rel_nslots - 1)]);
}

/* ---- reading files of records (input.c): TSV and CSV stream a file through this. */

typedef struct record_reader {
    void *ctx;
    /* Consumes the complete records of [data, data + len), all of it when `last`, and returns
     * the bytes consumed; sets *stop to end the reading early (problems already reported), or
     * *rc to an error that is not about the input. */
    size_t (*consume)(void *ctx, const char *data, size_t len, bool last, bool *stop, int *rc);
    /* Reports a record longer than `max_record` bytes, returning the code. */
    int (*too_long)(void *ctx);
    size_t max_record;
} record_reader;

/** Streams the file `path` into `rr` in chunks (each holding whole records) under the
 *  store's size cap and progress callback; `*bytes` receives the bytes read. */
int store_read_records(tkg_store *s, const char *path, const record_reader *rr, uint64_t *bytes,
                       tkg_error *err);

#endif
