/*
 * tkg — a typed, temporal knowledge-graph store.
 *
 * This is the one public header. It includes no third-party header. Conventions:
 *   - every fallible function returns TKG_OK (0) or a negative TKG_E* code and takes
 *     `tkg_error *err` last (NULL allowed); the first error recorded wins;
 *   - a single output parameter comes first and is called `out`;
 *   - getters return pointers borrowed from the store: they live as long as the store;
 *   - every `_free(NULL)` is a no-op.
 */
#ifndef TKG_H
#define TKG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TKG_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

enum {
    TKG_OK = 0,
    TKG_EINPUT = -1,    /* invalid input: bad syntax, bad date, unknown kind, ... */
    TKG_EUSAGE = -2,    /* invalid arguments to a function or command */
    TKG_EIO = -3,       /* I/O or system error */
    TKG_ENOMEM = -4,    /* out of memory */
    TKG_ENOTFOUND = -5, /* a named entity, kind or file does not exist */
    TKG_ELIMIT = -6     /* an input exceeds a documented limit (size, count) */
};

typedef struct tkg_error {
    int code;          /* TKG_OK or a negative TKG_E* */
    int line, column;  /* 1-based position in the input; 0 when not about input */
    char source[256];  /* file name or "<memory>"; empty when not about input */
    char message[256]; /* one line, lower case, no trailing period */
} tkg_error;

/** Clears `err` to TKG_OK. NULL is allowed. */
void tkg_error_clear(tkg_error *err);

/**
 * Called once for every problem a reader or check finds, in input order, so that a run can
 * report all of them. `e` is borrowed for the duration of the call.
 */
typedef void (*tkg_report_fn)(void *ctx, const tkg_error *e);

/* ----------------------------------------------------------------- dates */

/* Days are counted from 1970-01-01 (day 0), proleptic Gregorian calendar, years 1..9999. */
#define TKG_DAY_MIN INT32_MIN /* open start: −∞ */
#define TKG_DAY_MAX INT32_MAX /* open end: +∞ */

typedef enum tkg_precision {
    TKG_PREC_NONE = 0, /* no date (an open bound) */
    TKG_PREC_YEAR = 1,
    TKG_PREC_MONTH = 2,
    TKG_PREC_DAY = 3
} tkg_precision;

/** A parsed calendar date at some precision, and the inclusive day range it covers. */
typedef struct tkg_date {
    int16_t year;
    int8_t month, day;       /* 0 when below the precision */
    tkg_precision precision; /* TKG_PREC_NONE for "no date" */
    int32_t first, last;     /* first and last day covered */
} tkg_date;

/** How partial bounds turn into days. */
typedef enum tkg_policy {
    TKG_POLICY_INCLUSIVE = 0, /* start → first day covered, end → last day covered (default) */
    TKG_POLICY_STRICT = 1     /* only the days surely covered: start → last day of its range,
                                 end → first day of its range (possibly empty) */
} tkg_policy;

/**
 * Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (exactly; nothing may follow) of `len` bytes.
 * Also accepts the YAGO form with unknown digits written `#` (`2004-##-##` is `2004`,
 * `2004-05-##` is `2004-05`); unknown digits must be trailing whole fields.
 * Fails with TKG_EINPUT and a message for malformed text and impossible dates (2023-02-29);
 * the error's column is the offending character's, 1-based within `text`; `*out` is then a
 * zeroed date of precision TKG_PREC_NONE (whose `first`/`last` mean nothing).
 */
int tkg_date_parse(tkg_date *out, const char *text, size_t len, tkg_error *err);

/** Writes the canonical text of `d` (at its precision) into `buf` (11 bytes), NUL-terminated;
 *  returns the length (0 and "" for TKG_PREC_NONE). */
int tkg_date_format(const tkg_date *d, char *buf);

/** Writes the day `day` as `YYYY-MM-DD` into `buf` (11 bytes); returns the length. Days
 *  outside years 1..9999 (the open sentinels among them) give "" and 0. */
int tkg_day_format(int32_t day, char *buf);

/** The day number of a valid calendar date. */
int32_t tkg_day_from_civil(int year, int month, int day);

/** Splits a day number into its calendar date. */
void tkg_day_to_civil(int32_t day, int *year, int *month, int *dayofmonth);

/** True when `year` is a Gregorian leap year. */
bool tkg_is_leap_year(int year);

/** Number of days in `month` (1..12) of `year`. */
int tkg_days_in_month(int year, int month);

/** A validity interval: the half-open day range [start, end_excl). */
typedef struct tkg_interval {
    int32_t start;    /* TKG_DAY_MIN when open */
    int32_t end_excl; /* TKG_DAY_MAX when open */
} tkg_interval;

/**
 * Turns two optional bounds into an interval under `policy`. `start` or `end` may be NULL or
 * have precision TKG_PREC_NONE for an open bound. Fails with TKG_EINPUT when the end lies
 * before the start (under the inclusive reading, whatever the policy).
 */
int tkg_interval_from_bounds(tkg_interval *out, const tkg_date *start, const tkg_date *end,
                             tkg_policy policy, tkg_error *err);

/** True when day `d` lies in `iv`. */
bool tkg_interval_contains(tkg_interval iv, int32_t d);

/** True when `iv` overlaps the inclusive day window [from, to]. */
bool tkg_interval_overlaps(tkg_interval iv, int32_t from, int32_t to);

/* -------------------------------------------------------------- ontology */

typedef struct tkg_ontology tkg_ontology;

/** A relation kind's display style, straight from the ontology. */
typedef struct tkg_style {
    const char *color; /* "#rrggbb" */
    const char *shape; /* Graphviz node shape (entity kinds) */
    const char *line;  /* "solid", "dashed", "dotted", "bold" (relation kinds) */
} tkg_style;

/** Loads the ontology bundled with tkg (schema/ontology.xml, compiled into the library). */
int tkg_ontology_default(tkg_ontology **out, tkg_error *err);

/** Loads and validates an ontology file against schema/ontology.xsd. Free with
 *  tkg_ontology_free. */
int tkg_ontology_load(tkg_ontology **out, const char *path, tkg_error *err);

/** Parses an ontology document held in memory; `name` is used in error messages. */
int tkg_ontology_load_buffer(tkg_ontology **out, const char *data, size_t len, const char *name,
                             tkg_error *err);

void tkg_ontology_free(tkg_ontology *o);

#define TKG_NO_KIND UINT32_MAX

size_t tkg_ontology_entity_kind_count(const tkg_ontology *o);
size_t tkg_ontology_relation_kind_count(const tkg_ontology *o);
/** The index of the entity kind `name`, or TKG_NO_KIND. */
uint32_t tkg_ontology_entity_kind(const tkg_ontology *o, const char *name);
/** The index of the relation kind `name`, or TKG_NO_KIND. */
uint32_t tkg_ontology_relation_kind(const tkg_ontology *o, const char *name);
const char *tkg_entity_kind_name(const tkg_ontology *o, uint32_t kind);
/** The parent of an entity kind, or TKG_NO_KIND for the root (`entity`). */
uint32_t tkg_entity_kind_parent(const tkg_ontology *o, uint32_t kind);
/** True when entity kind `kind` is `ancestor` or one of its descendants. */
bool tkg_entity_kind_is_a(const tkg_ontology *o, uint32_t kind, uint32_t ancestor);
tkg_style tkg_entity_kind_style(const tkg_ontology *o, uint32_t kind);
/** The human-readable label of a kind ("peacekeeping mission"), for legends. */
const char *tkg_entity_kind_label(const tkg_ontology *o, uint32_t kind);
const char *tkg_relation_kind_label(const tkg_ontology *o, uint32_t kind);
const char *tkg_relation_kind_name(const tkg_ontology *o, uint32_t kind);
uint32_t tkg_relation_kind_domain(const tkg_ontology *o, uint32_t kind);
uint32_t tkg_relation_kind_range(const tkg_ontology *o, uint32_t kind);
bool tkg_relation_kind_symmetric(const tkg_ontology *o, uint32_t kind);
/** True when relations of this kind must carry at least one date. */
bool tkg_relation_kind_dated(const tkg_ontology *o, uint32_t kind);
/** True when the kind was not in the ontology file but taken from bulk data (quadruples). */
bool tkg_relation_kind_implicit(const tkg_ontology *o, uint32_t kind);
tkg_style tkg_relation_kind_style(const tkg_ontology *o, uint32_t kind);

/* ----------------------------------------------------------------- store */

typedef struct tkg_store tkg_store;

/** Options for a store and the readers that fill it. Zero-initialise, then set fields. */
typedef struct tkg_store_options {
    tkg_policy policy;            /* how partial dates expand; default inclusive */
    const tkg_ontology *ontology; /* borrowed, must outlive the store; NULL: the default one */
    tkg_report_fn report;         /* called for every problem found; NULL: only the first is kept */
    void *report_ctx;
    unsigned max_errors;      /* stop reading after this many problems; 0 means 20 */
    uint64_t max_input_bytes; /* refuse larger inputs; 0 means 4 GiB */
    bool progress;            /* call `on_progress` while reading large inputs */
    void (*on_progress)(void *ctx, const char *source, uint64_t done, uint64_t total);
    void *progress_ctx;
} tkg_store_options;

/** Creates an empty store. `opt` may be NULL for defaults. Free with tkg_store_free. */
int tkg_store_new(tkg_store **out, const tkg_store_options *opt, tkg_error *err);
void tkg_store_free(tkg_store *s);

/** The store's ontology (borrowed; relation kinds may have been added by quadruple input). */
const tkg_ontology *tkg_store_ontology(const tkg_store *s);

/**
 * Reads one input file into the store, choosing the reader by the file's extension:
 * `.xml` TKG-XML, `.tsv` and `.txt` quadruples. A directory means every such file inside
 * it, in sorted order. Problems go to the report callback; the first one is returned.
 */
int tkg_store_read_path(tkg_store *s, const char *path, tkg_error *err);

/** Reads a TKG-XML document from memory; `name` is used in error messages. */
int tkg_read_xml_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err);
/** Reads a TKG-XML file (streamed, with the size cap of the store's options). */
int tkg_read_xml_file(tkg_store *s, const char *path, tkg_error *err);

/** Reads quadruples (ICEWS or YAGO form) from memory; `name` is used in error messages. */
int tkg_read_tsv_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err);
/** Reads a quadruple file (streamed, with the size cap of the store's options). */
int tkg_read_tsv_file(tkg_store *s, const char *path, tkg_error *err);

/**
 * Ends loading: resolves relation endpoints across all inputs, checks every relation
 * against the ontology (domain, range, required dates) and builds the indexes.
 * Must be called once, after the last read and before any query.
 */
int tkg_store_finish(tkg_store *s, tkg_error *err);

/** Number of problems reported so far. */
unsigned tkg_store_error_count(const tkg_store *s);

/* Entities and relations are rows numbered 0..n-1. */
size_t tkg_store_entity_count(const tkg_store *s);
size_t tkg_store_relation_count(const tkg_store *s);
size_t tkg_store_source_count(const tkg_store *s);
size_t tkg_store_citation_count(const tkg_store *s);

#define TKG_NO_ENTITY UINT32_MAX

/** The row of the entity with this id, or TKG_NO_ENTITY. */
uint32_t tkg_store_find_entity(const tkg_store *s, const char *id);

const char *tkg_entity_id(const tkg_store *s, uint32_t e);
uint32_t tkg_entity_kind(const tkg_store *s, uint32_t e);
/** The display label; with `lang` (may be NULL) the name in that language when there is one. */
const char *tkg_entity_label(const tkg_store *s, uint32_t e, const char *lang);
/** The external id (e.g. a Wikidata QID), or NULL. */
const char *tkg_entity_external_id(const tkg_store *s, uint32_t e);
/** The entity's lifespan; open on both sides when it has none. */
tkg_interval tkg_entity_lifespan(const tkg_store *s, uint32_t e);

/** One bound of an interval as it was written. */
typedef struct tkg_bound {
    const char *raw;         /* the text as written ("2024-07", "2004-##-##"), or NULL */
    tkg_precision precision; /* TKG_PREC_NONE when open */
} tkg_bound;

tkg_bound tkg_entity_start(const tkg_store *s, uint32_t e);
tkg_bound tkg_entity_end(const tkg_store *s, uint32_t e);

/** A name or alias of an entity. */
typedef struct tkg_name {
    const char *lang; /* NULL for aliases without a language */
    const char *text;
    bool alias;
} tkg_name;

/** Number of names and aliases of entity `e`; tkg_entity_name returns the i-th. */
size_t tkg_entity_name_count(const tkg_store *s, uint32_t e);
tkg_name tkg_entity_name(const tkg_store *s, uint32_t e, size_t i);

typedef enum tkg_attr_type {
    TKG_ATTR_STRING = 0,
    TKG_ATTR_INT,
    TKG_ATTR_DOUBLE,
    TKG_ATTR_BOOL,
    TKG_ATTR_DATE
} tkg_attr_type;

/** A typed attribute; `value` is its canonical text. */
typedef struct tkg_attr {
    const char *key;
    tkg_attr_type type;
    const char *value;
} tkg_attr;

size_t tkg_entity_attr_count(const tkg_store *s, uint32_t e);
tkg_attr tkg_entity_attr(const tkg_store *s, uint32_t e, size_t i);

/* Citations of an entity (evidence for its existence and lifespan): see tkg_citation. */
size_t tkg_entity_citation_count(const tkg_store *s, uint32_t e);

/** Relations: */
uint32_t tkg_relation_kind(const tkg_store *s, uint32_t r);
uint32_t tkg_relation_from(const tkg_store *s, uint32_t r);
uint32_t tkg_relation_to(const tkg_store *s, uint32_t r);
/** The relation's own id, or NULL when it has none. */
const char *tkg_relation_id(const tkg_store *s, uint32_t r);
tkg_interval tkg_relation_interval(const tkg_store *s, uint32_t r);
tkg_bound tkg_relation_start(const tkg_store *s, uint32_t r);
tkg_bound tkg_relation_end(const tkg_store *s, uint32_t r);
size_t tkg_relation_attr_count(const tkg_store *s, uint32_t r);
tkg_attr tkg_relation_attr(const tkg_store *s, uint32_t r, size_t i);

/** A piece of evidence for a relation. */
typedef struct tkg_citation {
    uint32_t source;   /* row of the source */
    const char *quote; /* the quoted sentence, or NULL */
    uint32_t line;     /* for bulk inputs: the line of the source file, else 0 */
} tkg_citation;

/** Number of citations (the relation's support); tkg_relation_citation returns the i-th. */
size_t tkg_relation_citation_count(const tkg_store *s, uint32_t r);
tkg_citation tkg_relation_citation(const tkg_store *s, uint32_t r, size_t i);
tkg_citation tkg_entity_citation(const tkg_store *s, uint32_t e, size_t i);

/** Sources: documents and input files that facts cite. */
const char *tkg_source_id(const tkg_store *s, uint32_t src);
const char *tkg_source_title(const tkg_store *s, uint32_t src);
const char *tkg_source_publisher(const tkg_store *s, uint32_t src);
const char *tkg_source_url(const tkg_store *s, uint32_t src);
const char *tkg_source_published(const tkg_store *s, uint32_t src);
const char *tkg_source_lang(const tkg_store *s, uint32_t src);

/** The relations touching entity `e`: out-going first, then in-coming. `*n` receives the
 *  count; the array is borrowed from the store. */
const uint32_t *tkg_entity_relations(const tkg_store *s, uint32_t e, size_t *n);

/* ------------------------------------------------------------------ view */

/** Which part of the store to look at. Zero-initialise, then set fields. */
typedef struct tkg_view_options {
    bool has_at; /* as-of: keep what holds on day `at` */
    int32_t at;
    bool has_window; /* keep what overlaps the inclusive window [from, to] */
    int32_t from, to;
    const char *const *kinds; /* entity kinds to keep (subkinds included); NULL: all */
    size_t kind_count;
    const char *const *relations; /* relation kinds to keep; NULL: all */
    size_t relation_count;
    const char *around; /* keep the neighbourhood of this entity id ... */
    unsigned depth;     /* ... up to this many hops (0 means 1) */
} tkg_view_options;

typedef struct tkg_view tkg_view;

/**
 * Selects entities and relations. An entity is kept when its kind matches and its lifespan
 * holds at `at` (overlaps the window); a relation is kept when its kind matches, its
 * interval holds, and both its endpoints are kept. With `around`, only what lies within
 * `depth` hops of that entity along kept relations stays. Fails with TKG_EUSAGE for an
 * unknown kind and TKG_ENOTFOUND for an unknown `around` id. Free with tkg_view_free.
 */
int tkg_view_new(tkg_view **out, const tkg_store *s, const tkg_view_options *opt, tkg_error *err);
void tkg_view_free(tkg_view *v);

/** Kept entities and relations, in row order (borrowed arrays). */
const uint32_t *tkg_view_entities(const tkg_view *v, size_t *n);
const uint32_t *tkg_view_relations(const tkg_view *v, size_t *n);
bool tkg_view_has_entity(const tkg_view *v, uint32_t e);
bool tkg_view_has_relation(const tkg_view *v, uint32_t r);

/* ----------------------------------------------------------------- misc */

/** Versions of tkg and of the libraries it was built with and runs with, one per line. */
void tkg_versions(FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* TKG_H */
