/*
 * tkg — a typed, temporal knowledge-graph store.
 *
 * This is the one public header. It includes no third-party header. Conventions:
 *   - every fallible function returns TKG_OK (0) or a negative TKG_E* code and takes
 *     `tkg_error *err` last (NULL allowed); the first error recorded wins;
 *   - a single output parameter comes first and is called `out`;
 *   - getters return pointers borrowed from the store: they live as long as the store;
 *   - every `_free(NULL)` is a no-op.
 *
 * Threads. tkg starts no thread. Between calls it keeps only the list of the file sinks'
 * temporary files (for tkg_sink_remove_temporaries; locked) and what is said below.
 * Callbacks (report, warn, progress) run in the calling thread, during the call.
 *   - Different objects may be used in different threads at the same time: several threads
 *     may each build, read, query and write their own store, view, result and sink.
 *   - A store is written by one thread at a time (tkg_store_new, the readers,
 *     tkg_store_finish), with no other thread using it. Once tkg_store_finish has returned,
 *     every function taking a `const tkg_store *` (views, getters, writers) may run on it in
 *     any number of threads at once; the same holds for a `const` ontology, view or result,
 *     and an ontology may be shared by stores in different threads (each store copies it).
 *   - A sink, a stage and a tkg_error belong to one thread at a time. File sinks may be
 *     opened, committed and freed in several threads at once, also onto the same target
 *     (the last commit wins, each one whole).
 *   - The functions that run igraph (tkg_centrality_compute, tkg_communities_detect,
 *     tkg_path_find, tkg_layout_compute) must not run in two threads at once, nor beside
 *     other igraph calls of the program: igraph keeps its error handlers and random number
 *     generator in process-wide variables (Debian's igraph is built without thread-local
 *     storage). Each installs its own igraph error handlers for the call (the program's
 *     are restored before it returns), seeds igraph's default random number generator, and
 *     runs PageRank on one OpenMP thread (the caller's setting restored).
 *   - libxml2 is set up once, the first time XML is read (pthread_once); tkg changes none
 *     of libxml2's process-wide settings: its handlers and hardening are per parse.
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

/* The library is compiled with -fvisibility=hidden: what this header declares is all it
 * exports (libtkg.so, and libtkg.a whose other symbols are local). */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
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

/** Loads an ontology file and checks it against schema/ontology.xsd (TKG_ENOTFOUND when the
 *  file does not exist, TKG_EIO when it cannot be read). Free with tkg_ontology_free. */
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
    /* Loose kinds, for foreign data whose entity kinds (`state`, `place`, `event`, ...) are
     * used more loosely than the ontology's domains and ranges: a relation whose endpoint is
     * not of its kind's domain or range is kept, and the problem goes to `warn` instead of
     * being an error (tkg_store_finish then succeeds). Without it, each such error message
     * ends with "(use --loose-kinds to load it anyway)", the command-line form of this
     * option. Other problems (a required date missing, ...) stay errors. */
    bool loose_kinds;
    tkg_report_fn warn; /* called by tkg_store_finish for each such warning, in input order,
                           code TKG_EINPUT, at most `max_errors` of them, then one without a
                           position saying how many more there were; NULL: none reported */
    void *warn_ctx;
    /* A read hint: the options of the one view the caller will compute (tkg_view_new) on the
     * store. Readers that can use it (a SQLite base, docs/sqlite.md) read only the rows that
     * such a view may keep, through the base's indexes, so that the view is the same as on a
     * whole read while the rows left out are neither read nor checked; other readers ignore
     * it. Give it only when that base is the only input of the store: rows of other inputs
     * could join what it left out. NULL: read everything. Borrowed; `only` is not used. */
    const struct tkg_view_options *hint;
    /* With `hint`: the caller uses only the view's relations and the entities at their ends,
     * not the entities that the view keeps without a relation, which then need not be read
     * (`tkg query` without --entities). */
    bool hint_relations_only;
} tkg_store_options;

/** Creates an empty store. `opt` may be NULL for defaults. Free with tkg_store_free. */
int tkg_store_new(tkg_store **out, const tkg_store_options *opt, tkg_error *err);
void tkg_store_free(tkg_store *s);

/** The store's ontology (borrowed; relation kinds may have been added by quadruple input). */
const tkg_ontology *tkg_store_ontology(const tkg_store *s);

/**
 * Reads one input file into the store, choosing the reader by the file's extension:
 * `.xml` TKG-XML, `.tsv` and `.txt` quadruples, `.graphml` GraphML, `.csv` Neo4j-style CSV,
 * `.sqlite` and `.db` a tkg SQLite base (docs/sqlite.md; opened read-only, never changed;
 * problems in its rows are reported at PATH:ROW:COL, a file that is not a base or is of a
 * newer version is refused with TKG_EINPUT). A directory means every such file inside it, in
 * sorted order. Problems go to the report callback; the first one is returned.
 */
int tkg_store_read_path(tkg_store *s, const char *path, tkg_error *err);

/**
 * Checks the tkg SQLite base `path` (a `.sqlite` or `.db` file; in a directory, each such
 * file, in sorted order) beyond what reading it checks,
 * as `tkg validate` does (docs/sqlite.md, "Checking a base"): SQLite's integrity and foreign
 * key checks, the ontology tables against the store's ontology, the generated relation ids,
 * and the derived days against the raw bounds. Problems go to the report callback
 * (TKG_EINPUT); any other path, or a file that is not a base (the reader reports it), gives
 * TKG_OK.
 */
int tkg_store_check_sqlite(tkg_store *s, const char *path, tkg_error *err);

/** Reads a TKG-XML document from memory; `name` is used in error messages. */
int tkg_read_xml_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err);
/** Reads a TKG-XML file (streamed, with the size cap of the store's options). Every
 *  tkg_read_*_file fails with TKG_ENOTFOUND when the file does not exist ("cannot open: no
 *  such file or directory") and TKG_EIO when it cannot be read. */
int tkg_read_xml_file(tkg_store *s, const char *path, tkg_error *err);

/** Reads quadruples (ICEWS, YAGO or Wikidata form: docs/format.md) from memory; `name` is used
 *  in error messages. The since and until lines of a triple are paired once all is read,
 *  whatever their order. */
int tkg_read_tsv_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err);
/** Reads a quadruple file (streamed, with the size cap of the store's options). */
int tkg_read_tsv_file(tkg_store *s, const char *path, tkg_error *err);

/* ------------------------------------------------------ GraphML and CSV input */

/**
 * Reads one GraphML graph from memory; `name` (NULL: "<memory>") is used in error messages
 * and as the id of the source that every node and edge cites, with its line. Keys map by
 * attr.name: `label`, `kind`/`type` (node kind when it is an entity kind of the ontology,
 * else the node is an `entity`), `kind`/`relation`/`type` (edge kind, an implicit one when
 * the ontology lacks it), `start`/`end`, `start_date`/`end_date`, `start_raw`/`end_raw`,
 * `precision`; the other keys become typed attributes. Hyperedges, ports, nested graphs, a
 * second graph, dangling endpoints, duplicate node ids and values that do not match their
 * key's type are reported (TKG_EINPUT) with their position; TKG_ELIMIT for an input
 * over the size cap. Rules: docs/format.md, "GraphML input".
 * Provenance: a node or edge with tkg's `citations` cites the sources, quotes and lines they
 * name instead of the file, and the graph's `sources` defines those sources (docs/format.md,
 * "Provenance read back"); malformed values are reported (TKG_EINPUT) at their <data>.
 */
int tkg_read_graphml_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                            tkg_error *err);
/** Reads a GraphML file (streamed, with the size cap of the store's options); as
 *  tkg_read_graphml_buffer, TKG_ENOTFOUND when the file does not exist and TKG_EIO when it
 *  cannot be read. */
int tkg_read_graphml_file(tkg_store *s, const char *path, tkg_error *err);

/**
 * Reads a CSV file in Neo4j's bulk-import header convention from memory; `name` (NULL:
 * "<memory>") is used in error messages and as the id of the source every row cites, with
 * its line. The header says what the file holds: a column `:ID` (also `name:ID(Space)`)
 * makes it a nodes file (`:LABEL`: `;`-separated labels, the first entity kind of the
 * ontology among them is the kind), `:START_ID` and `:END_ID` a relationships file (`:TYPE`:
 * the relation kind, implicit when the ontology lacks it). Other columns `name[:type]`
 * (int, long, float, double, boolean, string, date) are typed attributes, except `label`,
 * `name` and the date columns of tkg_read_graphml_buffer. RFC 4180 quoting; UTF-8. Every
 * problem is reported (TKG_EINPUT) at its line and column. Rules: docs/format.md, "CSV input".
 * A `citations` column (tkg's export) is read as tkg_read_graphml_buffer reads it.
 */
int tkg_read_csv_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err);
/** Reads a Neo4j-style CSV file (streamed, with the size cap of the store's options); as
 *  tkg_read_csv_buffer, TKG_ENOTFOUND when the file does not exist and TKG_EIO when it
 *  cannot be read. */
int tkg_read_csv_file(tkg_store *s, const char *path, tkg_error *err);

/**
 * Ends loading: resolves relation endpoints across all inputs, checks every relation
 * against the ontology (domain, range, required dates; domain and range only warn with
 * `loose_kinds`) and builds the indexes.
 * Must be called once, after the last read and before any query. Fails with TKG_EINPUT
 * when the inputs had problems (each reported) and TKG_ENOMEM; after a failure the store
 * can only be freed.
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
/**
 * The id of relation `r` as the writers give its edge in GEXF, graphology JSON, CSV and the
 * timeline page (and GraphML for ids made of [A-Za-z0-9_.:-]), and as `tkg query --ids`
 * prints it: the relation's own id (encoded as an entity id is when cleaning would change
 * it), else `e<row>` (`e12`; `e12_1`, `e12_2`, ... when a relation's own id is already
 * that). Writes it into `buf` (`size` bytes, cut short when too small) NUL-terminated, and
 * returns its full length (0 and "" when out of memory).
 */
size_t tkg_relation_edge_id(char *buf, size_t size, const tkg_store *s, uint32_t r);
/** The relation's validity: its own dates, or, under the event-time rule, the lifespan of the
 *  event it takes its time from (see tkg_relation_event); open on both sides when it has
 *  neither. */
tkg_interval tkg_relation_interval(const tkg_store *s, uint32_t r);
/**
 * The event-time rule (docs/format.md, "Relations to events"): a relation written without any
 * date (no start, end or date) that ties an entity to an event — an entity of the ontology's
 * kind `event` or a subkind, with a lifespan — holds when the event holds. Returns the row of
 * that event: the relation's `to` endpoint when it is such an event, else its `from`
 * endpoint when it is one; TKG_NO_ENTITY when the relation has dates of its own or touches
 * no dated event. tkg_relation_interval then returns the event's lifespan, while
 * tkg_relation_start and tkg_relation_end still give the relation's own (empty) bounds.
 */
uint32_t tkg_relation_event(const tkg_store *s, uint32_t r);
tkg_bound tkg_relation_start(const tkg_store *s, uint32_t r);
tkg_bound tkg_relation_end(const tkg_store *s, uint32_t r);
/** True for a point fact, which holds on one date as written and never "ends": a relation
 *  written with one `date` (its start and end are one text), or one that takes the time of
 *  an event (tkg_relation_event) written with one `date`. `tkg timeline` lists it "on" that
 *  date; diagrams and the timeline page never draw it as ended. */
bool tkg_relation_is_point(const tkg_store *s, uint32_t r);
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
    const char *around;   /* keep the neighbourhood of this entity id ... */
    unsigned depth;       /* ... up to this many hops (0 means 1) */
    const uint32_t *only; /* keep only these entity rows (any order; the other options still
                             apply); NULL: no such restriction */
    size_t only_count;
} tkg_view_options;

typedef struct tkg_view tkg_view;

/**
 * Selects entities and relations. An entity is kept when its kind matches and its lifespan
 * holds at `at` (overlaps the window); a relation is kept when its kind matches, its
 * interval holds, and both its endpoints are kept. With `around`, only what lies within
 * `depth` hops of that entity along kept relations stays. With `only`, only the entities
 * listed can be kept. Fails with TKG_EUSAGE for an unknown kind or a row in `only` that is
 * not an entity's, and TKG_ENOTFOUND for an unknown `around` id. Free with tkg_view_free.
 */
int tkg_view_new(tkg_view **out, const tkg_store *s, const tkg_view_options *opt, tkg_error *err);
void tkg_view_free(tkg_view *v);

/** Kept entities and relations, in row order (borrowed arrays). */
const uint32_t *tkg_view_entities(const tkg_view *v, size_t *n);
const uint32_t *tkg_view_relations(const tkg_view *v, size_t *n);
bool tkg_view_has_entity(const tkg_view *v, uint32_t e);
bool tkg_view_has_relation(const tkg_view *v, uint32_t r);

/* ------------------------------------------------------------- analytics */

/*
 * Network analysis of a view with igraph (docs/analytics.md has every definition).
 * The graph of a view: its vertices are the view's entities that take part in at least one
 * relation of the graph, its edges the view's relations between two different entities.
 * Parallel relations between the same two entities merge into one edge (a tie) whose
 * weight is the sum of theirs. A relation of a symmetric kind is undirected: in a directed
 * graph it becomes two arcs, one each way.
 */

/** Centrality measures. */
typedef enum tkg_measure {
    TKG_MEASURE_DEGREE = 0,      /* ties (directed: in-arcs + out-arcs) */
    TKG_MEASURE_INDEGREE,        /* in-arcs, always directed */
    TKG_MEASURE_OUTDEGREE,       /* out-arcs, always directed */
    TKG_MEASURE_WEIGHTED_DEGREE, /* sum of tie weights (relations when unweighted) */
    TKG_MEASURE_BETWEENNESS,     /* shortest paths through the entity */
    TKG_MEASURE_CLOSENESS,       /* 1 / mean distance to the entities it reaches */
    TKG_MEASURE_HARMONIC,        /* sum of 1 / distance to every other entity */
    TKG_MEASURE_EIGENVECTOR,     /* principal eigenvector, scaled to a maximum of 1 */
    TKG_MEASURE_PAGERANK,        /* PageRank, summing to 1 */
    TKG_MEASURE_HUB,             /* Kleinberg hub score, always directed, maximum 1 */
    TKG_MEASURE_AUTHORITY,       /* Kleinberg authority score, always directed, maximum 1 */
    TKG_MEASURE_COUNT
} tkg_measure;

/** The measure's name as the command line spells it ("pagerank"), or NULL when out of
 *  range. Static storage. */
const char *tkg_measure_name(tkg_measure m);

/** Parses a measure name. Fails with TKG_EUSAGE ("unknown measure 'x' (did you mean
 *  'y'?)") for a name that is none of tkg_measure_name's. */
int tkg_measure_parse(tkg_measure *out, const char *name, tkg_error *err);

/** What a relation weighs (weights are tie strengths: distance-based measures and paths use
 *  1 / weight as the length of a tie). */
typedef enum tkg_weighting {
    TKG_WEIGHT_NONE = 0, /* unweighted; weighted degree still counts relations */
    TKG_WEIGHT_COUNT,    /* 1 per relation: a tie weighs its number of relations */
    TKG_WEIGHT_SUPPORT,  /* the relation's citations (at least 1) */
    TKG_WEIGHT_ATTR      /* the relation's numeric attribute `weight_attr`, > 0 */
} tkg_weighting;

/** How a view becomes a graph. Zero-initialise, then set fields. */
typedef struct tkg_graph_options {
    bool directed;           /* follow relation direction (default: undirected ties) */
    bool actors_only;        /* keep only entities of kind `actor` (or below) or `entity` */
    tkg_weighting weighting; /* default unweighted */
    const char *weight_attr; /* the attribute key for TKG_WEIGHT_ATTR */
} tkg_graph_options;

/** A time slice of a view: the inclusive day range [from, to]. from == to is an as-of
 *  date; a relation (and an entity's lifespan) is in a slice when its interval overlaps it. */
typedef struct tkg_snapshot {
    int32_t from, to;
} tkg_snapshot;

/** What to compute. Zero-initialise, then set fields. */
typedef struct tkg_centrality_options {
    tkg_graph_options graph;
    const tkg_measure *measures; /* at least one */
    size_t measure_count;
    bool normalized; /* divide by the graph's size (per measure: docs/analytics.md) */
    double cutoff;   /* > 0: only paths up to this length count (betweenness, closeness,
                        harmonic); 0: exact */
    double damping;  /* PageRank damping factor in (0, 1); 0 means 0.85 */
    const tkg_snapshot *snapshots; /* NULL: the view as it is, one snapshot */
    size_t snapshot_count;
} tkg_centrality_options;

/** Centrality values per measure, snapshot and entity. */
typedef struct tkg_centrality tkg_centrality;

/**
 * Computes the measures on the graph of view `v` (which must belong to `s`), once per
 * snapshot. The graph is built once from the view; each snapshot masks it, keeping the
 * entities whose lifespan overlaps the slice and the relations that hold in it. A snapshot
 * without any relation is left empty (see tkg_centrality_snapshot_relations). igraph is
 * seeded before each measure, so results repeat exactly. Fails with TKG_EUSAGE for
 * invalid options (no measure, a damping outside (0, 1), a snapshot whose `to` precedes
 * its `from`), TKG_EINPUT for a missing or non-positive weight attribute (with the
 * relation's position) and for directed eigenvector centrality on a graph where it does not
 * converge (a defective principal eigenvalue), TKG_ENOMEM, and TKG_EIO for a failure inside
 * igraph (message "igraph: ..."). Free the result with tkg_centrality_free.
 */
int tkg_centrality_compute(tkg_centrality **out, const tkg_store *s, const tkg_view *v,
                           const tkg_centrality_options *opt, tkg_error *err);
void tkg_centrality_free(tkg_centrality *c);

/** Entities that have a value in some snapshot, in store row order; the i-th one's row. */
size_t tkg_centrality_entity_count(const tkg_centrality *c);
uint32_t tkg_centrality_entity(const tkg_centrality *c, size_t i);
/** The measures, in the order requested; the m-th one. */
size_t tkg_centrality_measure_count(const tkg_centrality *c);
tkg_measure tkg_centrality_measure(const tkg_centrality *c, size_t m);
/** Snapshots, in the order given (one, spanning all days, when none was given). */
size_t tkg_centrality_snapshot_count(const tkg_centrality *c);
tkg_snapshot tkg_centrality_snapshot(const tkg_centrality *c, size_t k);
/** Number of relations that make up snapshot k's graph; 0 for an empty snapshot. */
size_t tkg_centrality_snapshot_relations(const tkg_centrality *c, size_t k);
/** Number of entities in snapshot k's graph. */
size_t tkg_centrality_snapshot_entities(const tkg_centrality *c, size_t k);
/** The value of measure m in snapshot k for the i-th entity; NaN when that entity is not in
 *  the snapshot's graph. */
double tkg_centrality_value(const tkg_centrality *c, size_t m, size_t k, size_t i);
/** The rank of that value among the snapshot's entities: 1 for the highest; equal values
 *  (within a relative 1e-9) share the best rank (1, 2, 2, 4); 0 when absent. */
uint32_t tkg_centrality_rank(const tkg_centrality *c, size_t m, size_t k, size_t i);
/** Wall-clock seconds tkg_centrality_compute spent building graphs (the view's ties, each
 *  snapshot's mask and igraph graph), computing measures (igraph's calls and tkg's work on
 *  their results) and ranking, for benchmarks. */
void tkg_centrality_timings(const tkg_centrality *c, double *graph_seconds, double *measure_seconds,
                            double *rank_seconds);

/** Community detection methods (both maximise modularity). */
typedef enum tkg_community_method {
    TKG_COMMUNITY_LEIDEN = 0, /* Traag et al. 2019: communities are always connected */
    TKG_COMMUNITY_LOUVAIN     /* Blondel et al. 2008 (igraph's multilevel) */
} tkg_community_method;

/** Options for tkg_communities_detect. Zero-initialise, then set fields. */
typedef struct tkg_community_options {
    tkg_graph_options graph; /* `directed` must be false: modularity here is undirected */
    tkg_community_method method;
    double resolution; /* modularity resolution γ > 0; 0 means 1 */
    uint64_t seed;     /* igraph's random number generator seed */
} tkg_community_options;

typedef struct tkg_communities tkg_communities;

/**
 * Partitions the graph of view `v` into communities. Communities are numbered from 0,
 * largest first (ties: the one holding the lowest entity row first). The same seed gives
 * the same partition. Fails with TKG_EUSAGE for a directed graph or a resolution ≤ 0,
 * TKG_EINPUT when the graph has no relation, TKG_ENOMEM, TKG_EIO inside igraph. Free the
 * result with tkg_communities_free.
 */
int tkg_communities_detect(tkg_communities **out, const tkg_store *s, const tkg_view *v,
                           const tkg_community_options *opt, tkg_error *err);
void tkg_communities_free(tkg_communities *c);
/** Entities of the graph, in store row order; the i-th one's row and community. */
size_t tkg_communities_entity_count(const tkg_communities *c);
uint32_t tkg_communities_entity(const tkg_communities *c, size_t i);
uint32_t tkg_communities_membership(const tkg_communities *c, size_t i);
/** Number of communities, and the number of entities in community k. */
size_t tkg_communities_count(const tkg_communities *c);
size_t tkg_communities_size(const tkg_communities *c, uint32_t k);
/** Modularity of the partition (with the resolution and weights used). */
double tkg_communities_modularity(const tkg_communities *c);

/** A shortest path between two entities. */
typedef struct tkg_path tkg_path;

/**
 * Finds a shortest path from entity row `from` to entity row `to` in the graph of view `v`:
 * fewest ties when unweighted, least total length (1 / weight per tie) when weighted. With
 * `directed`, ties are followed only along their relations' direction (symmetric kinds
 * both ways). Fails with TKG_ENOTFOUND when an entity is not in the graph or no path
 * joins them (the message says which), TKG_EINPUT for a bad weight attribute, TKG_ENOMEM,
 * TKG_EIO inside igraph. Free the result with tkg_path_free.
 */
int tkg_path_find(tkg_path **out, const tkg_store *s, const tkg_view *v, uint32_t from, uint32_t to,
                  const tkg_graph_options *opt, tkg_error *err);
void tkg_path_free(tkg_path *p);
/** Number of ties along the path (0 when from == to). */
size_t tkg_path_length(const tkg_path *p);
/** The i-th entity along the path, i in 0..length (0 is `from`). */
uint32_t tkg_path_entity(const tkg_path *p, size_t i);
/** The view's relations that make up tie i (between entity i and i + 1), in row order;
 *  `*n` receives their count. Borrowed from the path. */
const uint32_t *tkg_path_relations(const tkg_path *p, size_t i, size_t *n);
/** The total length: ties, or the sum of 1 / weight when weighted. */
double tkg_path_distance(const tkg_path *p);

/** How a relation changed between two dates. */
typedef enum tkg_change {
    TKG_CHANGE_NONE = 0,  /* not in the view, or holds at neither date nor in between */
    TKG_CHANGE_UNCHANGED, /* holds at both dates */
    TKG_CHANGE_STARTED,   /* holds at the second date only; its tie did not hold at the first */
    TKG_CHANGE_ENDED,     /* holds at the first date only; its tie does not hold at the second */
    TKG_CHANGE_CHANGED,   /* holds at one date only, and another relation of the same kind
                             between the same entities holds at the other (a replacement) */
    TKG_CHANGE_TRANSIENT  /* holds only between the two dates */
} tkg_change;

/** The change's name ("started"), or NULL when out of range. Static storage. */
const char *tkg_change_name(tkg_change c);

/**
 * Classifies every relation of store `s` between day `from` and day `to` (from ≤ to):
 * `out` has tkg_store_relation_count(s) entries. Relations outside view `v` are
 * TKG_CHANGE_NONE, so `v` should select kinds (or a neighbourhood) but no dates. A relation
 * holds at a date when its interval and both endpoints' lifespans contain that date. Two
 * relations are of the same tie when they share kind, `from` and `to` (either way round
 * for a symmetric kind). Fails with TKG_EUSAGE when `to` precedes `from`, TKG_ENOMEM.
 */
int tkg_diff_classify(tkg_change *out, const tkg_store *s, const tkg_view *v, int32_t from,
                      int32_t to, tkg_error *err);

/* --------------------------------------------------------------- writers */

/**
 * Where a writer's bytes go: a file replaced atomically, a file descriptor, or memory.
 * Writes are buffered; a failed write is remembered and reported by tkg_sink_commit, so a
 * writer never needs to check each write.
 */
typedef struct tkg_sink tkg_sink;

/**
 * Opens a sink that replaces the file `path` atomically: bytes go to a new temporary file in
 * the same directory (`.NAME.tkg-XXXXXXXX`, NAME cut to its first 240 bytes so that the name
 * fits in 255), locked with flock while in use, which tkg_sink_commit flushes, syncs and
 * renames over `path` (an existing file keeps its permissions; a symbolic link to an existing
 * file is followed, and that file replaced; a dangling symbolic link is not followed: the
 * link itself is replaced by the file). Until then `path` is untouched, and tkg_sink_free
 * without a successful commit removes the temporary file. Temporaries of `path` left by a
 * killed run (not locked by a live process) are removed first. A `path` naming a device or a pipe
 * (/dev/null) is written directly. Fails with TKG_EIO (a directory, no permission, no such
 * directory: the message says which) or TKG_ENOMEM. Free with tkg_sink_free.
 */
int tkg_sink_open_file(tkg_sink **out, const char *path, tkg_error *err);

/** Opens a sink that writes to the open descriptor `fd` (1 for standard output), which it
 *  never closes; `name` is used in error messages ("<stdout>"). Free with tkg_sink_free. */
int tkg_sink_open_fd(tkg_sink **out, int fd, const char *name, tkg_error *err);

/** Opens a sink that keeps everything in memory (tkg_sink_data). Free with tkg_sink_free. */
int tkg_sink_open_memory(tkg_sink **out, tkg_error *err);

/** Appends `len` bytes. Returns the sink's first error so far (TKG_EIO, TKG_ENOMEM). */
int tkg_sink_write(tkg_sink *s, const void *data, size_t len, tkg_error *err);

/**
 * Finishes a sink: writes out what is buffered and reports the first failed write. A file
 * sink is then synced, renamed over its target and its directory synced; a descriptor sink
 * is synced when the descriptor is a file. On failure (TKG_EIO with the path and the system's
 * reason, e.g. "no space left on device") the target is untouched. Calling it again is a
 * no-op that returns the same result. A memory sink has nothing to finish.
 */
int tkg_sink_commit(tkg_sink *s, tkg_error *err);

/** The bytes a memory sink holds (borrowed, valid until the next write or tkg_sink_free;
 *  not NUL-terminated); "" and 0 for other sinks. */
const char *tkg_sink_data(const tkg_sink *s, size_t *len);

/** The sink's name: the target path, the descriptor's name, or "<memory>". */
const char *tkg_sink_name(const tkg_sink *s);

/** Bytes written into the sink so far. */
uint64_t tkg_sink_size(const tkg_sink *s);

/** Appends `text` cleaned (as the writers clean text) and escaped for XML or HTML content and
 *  double-quoted attributes (& < > " and line breaks as references). NULL appends nothing.
 *  Returns the sink's first error so far. */
int tkg_sink_write_xml(tkg_sink *s, const char *text, tkg_error *err);

/** Closes the sink; a file sink not committed removes its temporary file. NULL is a no-op. */
void tkg_sink_free(tkg_sink *s);

/** How tkg_text_write escapes text for a table or a message (the tkg command's outputs). */
typedef enum tkg_text_mode {
    TKG_TEXT_TERMINAL, /* for a terminal: C0 controls (TAB, LF, CR too) and DEL as \xHH, C1
                          controls as \uHHHH, so that no escape sequence reaches the terminal */
    TKG_TEXT_CELL,     /* a cell of an aligned table: as TERMINAL, but TAB, LF, CR as a space */
    TKG_TEXT_TSV,      /* a TSV field: TAB, LF, CR and \ as \t \n \r \\, other controls as
                          TERMINAL */
    TKG_TEXT_JSON,     /* inside a JSON string: " and \ escaped, TAB LF CR as \t \n \r, other
                          C0 controls, DEL, C1 controls, U+2028 and U+2029 as \u escapes */
    TKG_TEXT_CSV       /* inside a double-quoted CSV field: " doubled; C0 controls other than
                          TAB, LF, CR dropped, as the CSV writer drops them */
} tkg_text_mode;

/**
 * Writes `text` to `f` escaped for `mode`, cleaned as the writers clean text: a byte that is
 * not part of valid UTF-8 becomes U+FFFD and the noncharacters U+FFFE and U+FFFF are
 * dropped. The same escaper as the writers' (one table of special characters). NULL writes
 * nothing. Returns the bytes handed to fwrite (check ferror(f) for failures).
 */
size_t tkg_text_write(FILE *f, tkg_text_mode mode, const char *text);

/**
 * A staged directory: a set of files that replaces a directory in one step. Files are
 * written into tkg_stage_path (a new sibling directory `.NAME.tkg-XXXXXX` of the target, on
 * the same file system, locked with flock while in use), then tkg_stage_commit swaps it with
 * the target, so a reader of the target sees the old set of files or the new one, never a
 * mixture, whatever happens (a full disk, kill -9, another tkg writing the same target).
 */
typedef struct tkg_stage tkg_stage;

/**
 * Opens a stage for the directory `dir`, which need not exist (its parent must). A `dir`
 * that is a symbolic link to a directory stands for that directory. An existing `dir` must
 * hold only regular files and symbolic links (else TKG_EUSAGE naming the entry: tkg does not
 * replace sub-directories it did not make). Removes first the stages and temporary files of
 * `dir` that killed runs left (those no live process holds locked; stages only while `dir`
 * exists, as a run killed between the two renames of the fallback below leaves the old
 * version there). Fails with TKG_EUSAGE ("/", not a directory), TKG_EIO or TKG_ENOMEM.
 * Free with tkg_stage_free.
 */
int tkg_stage_open(tkg_stage **out, const char *dir, tkg_error *err);

/** The stage's directory, where the new files go (borrowed, valid until tkg_stage_free). */
const char *tkg_stage_path(const tkg_stage *st);

/**
 * Replaces the target with the stage: the target's regular files that the stage does not
 * hold are carried over by hard link and its symbolic links recreated (never followed), the
 * stage is synced and swapped with the target in one step (renameat2 RENAME_EXCHANGE, or a
 * plain rename when there is no target yet), the parent synced and the old version removed.
 * Where the file system cannot exchange, the target is renamed aside and the stage renamed
 * in: the target is then absent for an instant. On failure (TKG_EIO, TKG_EUSAGE for an entry
 * that is not a file or a link, TKG_ENOMEM) the target is untouched. Calling it again after
 * success is a no-op.
 */
int tkg_stage_commit(tkg_stage *st, tkg_error *err);

/** Closes the stage; a stage not committed is removed with its files. NULL is a no-op. */
void tkg_stage_free(tkg_stage *st);

/**
 * Removes the temporary files of all file sinks not yet committed or freed, for a program
 * that is being stopped by a signal (SIGINT, SIGTERM, ...): async-signal-safe, so that its
 * handler can call it before the program dies, and no half-written file is left behind. The
 * sinks themselves are not usable afterwards. (A sink opened in the instant the signal
 * arrives, or whose directory path exceeds 4,000 bytes, may keep its temporary file.)
 */
void tkg_sink_remove_temporaries(void);

/** What the writers write besides the view itself. Zero-initialise, then set fields. */
typedef struct tkg_export_options {
    const char *lang;     /* labels in this language where an entity has a name in it */
    const double *x, *y;  /* node positions by entity row (GraphML, GEXF, JSON), e.g. from
                             tkg_positions_read; NULL, or a non-finite value: no position */
    bool strict;          /* GraphML: encode ids that are not XML NMTOKENs (the original in
                             tkg_id) and leave out <edge label="KIND"> (Gephi's edge type, not
                             in the GraphML schema) so that the file validates */
    const char *title;    /* DOT: a caption above the legend; GEXF: the description */
    const char *layout;   /* DOT: the layout engine named in the graph; NULL: tkg_layout_engine
                             of the nodes and edges drawn */
    bool no_legend;       /* DOT: no legend */
    bool mark_ended;      /* DOT: draw relations that ended (see ended_before) grey and dashed */
    int32_t ended_before; /* ... those with a closed end whose end_excl <= this day; point
                             facts (one date) are events, never drawn as ended */
    tkg_report_fn warn;   /* called once per warning (a label shortened to fit Graphviz),
                             code TKG_ELIMIT; may be NULL */
    void *warn_ctx;

    /* DOT: a diagram of changes: one entry per relation row of the store (as filled by
     * tkg_diff_classify; borrowed). Only the view's relations whose entry is not
     * TKG_CHANGE_NONE are drawn, coloured and styled by their change (which their class,
     * label and tooltip name), and only the entities they touch; mark_ended is ignored; the
     * legend lists the changes present instead of the relation kinds. Set the UNCHANGED
     * entries to NONE to leave those out. NULL: a plain diagram */
    const tkg_change *changes;

    /* Centrality, computed by the caller with tkg_centrality_compute on the same store
     * (borrowed; the writers read it through the accessors only). GraphML and JSON write
     * each measure's value in the last snapshot as the node attribute tkg_<measure>
     * (double); GEXF writes every snapshot as dynamic values of tkg_<measure> (double) and
     * tkg_<measure>_rank (integer): snapshot k holds from its `from` day to the day before
     * snapshot k + 1's `from`, the last one to its `to` day or the last date of the view,
     * whichever is later (snapshots must be in increasing order of `from`). Entities
     * without a value get none. A user attribute named like one of these columns gets the
     * prefix attr_. NULL: no centrality */
    const tkg_centrality *centrality;
    bool size_by_centrality; /* DOT: node size grows with measure `size_measure` of
                                `centrality` (last snapshot): a minimum width and height
                                whose area grows from 0.75 x 0.3 in at 0 to 16 times that at
                                the view's largest value; a label that needs more room gets
                                it, so labels stay inside their nodes; nodes without a value
                                keep their natural size; the legend names the measure and the
                                range of its values. With `changes` and two or more snapshots,
                                a node whose rank moved from the first snapshot to the last
                                shows it under its label (a triangle up or down and the number
                                of places), and its tooltip gives both ranks */
    size_t size_measure;     /* index of that measure in the result (< measure count) */
    const char *notice;      /* HTML: a sentence the page shows above the graph (the data's
                                `notice`), e.g. that it shows only part of the view; NULL:
                                none */
} tkg_export_options;

/*
 * The writers write the entities and relations of view `v` of store `s` (`v` NULL: the whole
 * store) into `out`, in view order, so that the same input gives the same bytes. `opt` may be
 * NULL. Text is cleaned the same way in every format: invalid UTF-8 becomes U+FFFD, and C0
 * controls other than TAB, LF and CR are dropped. Entity ids are written as they are in
 * GraphML, GEXF, JSON and CSV (encoded only when cleaning would change them, or in GraphML
 * with opt->strict; the original then in `tkg_id`); edge ids are the same in every format.
 * A relation of a symmetric kind is a directed edge from -> to with `symmetric` true (false
 * on every other edge) in every format. Dates are written in full (YYYY-MM-DD)
 * with the text as written and its precision beside them. Numbers are written in the C
 * locale. They return TKG_OK, the sink's first write error (TKG_EIO, TKG_ENOMEM),
 * TKG_ENOMEM, or TKG_EUSAGE for centrality options that do not fit (size_by_centrality
 * without a result holding measure size_measure; in GEXF, snapshots whose `from` days do not
 * increase); the sink is not committed (the caller commits it). docs/export.md describes
 * every format.
 */

/** GraphML for Gephi, Gephi Lite, NetworkX and igraph; valid against the GraphML 1.1 schema
 *  when opt->strict is set (ids that are not NMTOKENs encoded, no <edge label>). With
 *  opt->centrality, a double node key tkg_<measure> per measure, with the values of the
 *  result's last snapshot. */
int tkg_write_graphml(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                      const tkg_export_options *opt, tkg_error *err);

/** GEXF 1.3 with dynamic spells (closed, merged; a node's spells cover its edges'; an entity
 *  without a lifespan spans its relations in the view, open where one is open, none when
 *  none is dated), valid against the GEXF 1.3 RELAX NG schema. With opt->centrality, the
 *  node attributes block is dynamic and every node gets the values (tkg_<measure>) and ranks
 *  (tkg_<measure>_rank) of each snapshot, timed as tkg_export_options says, in increasing
 *  time. */
int tkg_write_gexf(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err);

/** graphology's serialized-graph JSON (what Gephi Lite and graphology's `import` load).
 *  With opt->centrality, node attributes tkg_<measure> (numbers) from the last snapshot. */
int tkg_write_json(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err);

/**
 * The interactive timeline page: one self-contained HTML file (its code and styles inside,
 * no network request) made of the page template bundled with the library
 * (viewer/dist/timeline.html) with the view's data as JSON inside its
 * `<script type="application/json" id="tkg-data">` element, in the form of
 * docs/timeline-data.md: the entities with their names, lifespans and positions (opt->x,
 * opt->y; null without), the relations with their intervals (tkg_relation_interval: the
 * store's policy and the event-time rule applied), ids (tkg_relation_edge_id) and citations,
 * the sources they cite, the kinds present with the ontology's colours and shapes, the title
 * (opt->title), the notice (opt->notice) and, with opt->centrality, every measure's value in
 * every snapshot (snapshot k holding from its `from` day to the next one's). The JSON escapes
 * `<`, `>`, `&`, U+2028 and U+2029, so that no text can end the element. Fails as the other
 * writers, and with TKG_EIO when the bundled template does not hold its data marker exactly
 * once (a broken build).
 */
int tkg_write_html(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err);

/** Neo4j bulk-import CSV, nodes file: `id:ID`, `:LABEL` (the kind and its ancestors), ... */
int tkg_write_csv_nodes(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                        const tkg_export_options *opt, tkg_error *err);

/** Neo4j bulk-import CSV, relationships file: `:START_ID`, `:END_ID`, `:TYPE`, dates, ... */
int tkg_write_csv_relationships(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                                const tkg_export_options *opt, tkg_error *err);

/**
 * A SQLite database (the system SQLite, format "tkg-sqlite" version 1: its `meta` table and
 * PRAGMA user_version): the view's entities with their names, attributes and citations, its
 * relations with their ids (tkg_relation_edge_id), dates as written, first and last days
 * (tkg_relation_interval, the last day inclusive, NULL when open) and precisions, every
 * source, and the ontology's kinds, in STRICT tables with foreign keys, CHECK constraints,
 * indexes and views (docs/sqlite.md), with prepared statements only. A file sink gets the
 * base built directly in its temporary file, which becomes the target only on the sink's
 * commit; a memory or standard-output sink gets it built in memory and written as one image.
 * Fails as the other writers, and with TKG_EIO when SQLite refuses a row.
 */
int tkg_write_sqlite(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt, tkg_error *err);

/**
 * A Graphviz diagram styled from the ontology: shape and colour per entity kind, line style
 * and colour per relation kind, dates on edge labels, an id, a class and a tooltip on every
 * node and edge, and a legend of the kinds present. A diagram of more than 300 edges has no
 * edge labels (they would cover each other; the tooltips keep the kind and the dates).
 * Labels longer than Graphviz accepts are shortened, with a warning through opt->warn. With
 * opt->size_by_centrality, node sizes follow a centrality measure (see tkg_export_options)
 * and the legend says which.
 */
int tkg_write_dot(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                  const tkg_export_options *opt, tkg_error *err);

/** The layout engine for a diagram of `nodes` nodes and `edges` edges: "dot" up to 150 nodes
 *  and 300 edges (dot's cost grows fast with edges: 143 nodes and 700 edges take it over two
 *  minutes), "sfdp" above. */
const char *tkg_layout_engine(size_t nodes, size_t edges);

/**
 * Reads node positions back from tkg-render's `pos` output for the DOT that tkg_write_dot
 * wrote for the same view: lines `NAME X Y`. Fills `x[e]` and `y[e]` (arrays of
 * tkg_store_entity_count elements) for the view's entities and NaN for the others. Fails
 * with TKG_EINPUT when a line is malformed or names a node the view does not have.
 */
int tkg_positions_read(double *x, double *y, const tkg_store *s, const tkg_view *v,
                       const char *text, size_t len, tkg_error *err);

/** The work a layout may do by default: (entities + ties) x iterations, about 1 s at 10^5
 *  relations and 1.5 s at 10^6 on the reference machine (a 2-core VM; bench/RESULTS.md). */
#define TKG_LAYOUT_BUDGET 3e7
/** The most iterations of the force-directed layout, and the fewest it accepts within its
 *  budget: a view that would get fewer is too large to lay out (TKG_ELIMIT). */
#define TKG_LAYOUT_ITERATIONS_MAX 500
#define TKG_LAYOUT_ITERATIONS_MIN 20

/** How tkg_layout_compute works. Zero-initialise, then set fields. */
typedef struct tkg_layout_options {
    double budget;       /* the work allowed, in (entities + ties) x iterations; 0 means
                            TKG_LAYOUT_BUDGET */
    unsigned iterations; /* the force-directed iterations over the whole view; 0 means
                            automatic: budget / (entities + ties), at most
                            TKG_LAYOUT_ITERATIONS_MAX, and a view that would get fewer than
                            TKG_LAYOUT_ITERATIONS_MIN fails with TKG_ELIMIT. A number given
                            here is used as it is, whatever the budget */
    uint64_t seed;       /* igraph's random number generator; 0 means a fixed default */
} tkg_layout_options;

/**
 * Node positions for the graph files (GraphML, GEXF, JSON) without Graphviz: igraph's
 * force-directed layout (Fruchterman-Reingold with a grid, from a random start seeded with
 * opt->seed) of the undirected simple graph of view `v` of store `s` (`v` NULL: the whole
 * store): one tie per pair of entities joined by some relation of the view, whatever its
 * direction, kind or dates; loops are ignored. Each iteration costs time linear in entities
 * + ties, and their number shrinks as the view grows (see tkg_layout_options), so the cost
 * is bounded by the budget; the same store, view and options give the same positions, bit
 * for bit.
 *
 * Fills `x[e]` and `y[e]` (arrays of tkg_store_entity_count elements) for the view's
 * entities, in the units of the writers' positions (on the ICEWS sample ties are 30 to 150
 * units long, median 84), and NaN for the others. Fails with TKG_ELIMIT when the view is too
 * large for the budget (see tkg_layout_options.iterations; the message gives its size),
 * TKG_ENOMEM, TKG_EIO inside igraph; then every entry is NaN. Not thread-safe (igraph's error
 * handlers and random number generator are global).
 */
int tkg_layout_compute(double *x, double *y, const tkg_store *s, const tkg_view *v,
                       const tkg_layout_options *opt, tkg_error *err);

/** What tkg_write_rank_chart draws. Zero-initialise, then set fields. */
typedef struct tkg_rank_chart_options {
    size_t measure;       /* the index (in the centrality result) of the measure charted */
    size_t top;           /* entities drawn, at most 8 (one colour each); 0 means 8 */
    const char *lang;     /* labels in this language where an entity has a name in it */
    const char *title;    /* NULL: "Rank by MEASURE over time" */
    const char *subtitle; /* a line under the title; NULL: none */
    const char *x_title;  /* the date axis' title; NULL: "date" */
    const char *y_title;  /* the rank axis' title; NULL: "rank by MEASURE (1 = highest)" */
} tkg_rank_chart_options;

/**
 * An SVG line chart (a bump chart) of the ranks in one measure of centrality result `c`
 * (computed on store `s`) across its snapshots: x is the snapshot's first day, y the rank
 * with 1 at the top, one coloured line per entity with a gap where the entity is absent, a
 * point with a tooltip (dates, rank, value) per snapshot, and each line's label at its end.
 * The entities drawn are the best ranked in the latest snapshot that has relations, then,
 * while there is room, the others by their mean rank where present (ties: by id). The
 * geometry and the scale are fixed (docs/export.md). Fails with TKG_EUSAGE when
 * opt->measure is out of range, TKG_EINPUT when no snapshot has a relation, TKG_ENOMEM, or
 * the sink's first write error; the sink is not committed. `opt` may be NULL.
 */
int tkg_write_rank_chart(tkg_sink *out, const tkg_store *s, const tkg_centrality *c,
                         const tkg_rank_chart_options *opt, tkg_error *err);

/* ------------------------------------------------------------ SQLite base */

/** What tkg_sqlite_add wrote into a base. */
typedef struct tkg_add_counts {
    bool created;                        /* the base did not exist and was created */
    size_t sources;                      /* sources added */
    size_t entity_kinds, relation_kinds; /* ontology kinds added (e.g. implicit relation
                                            kinds of quadruple input) */
    size_t entities, relations;          /* entities and relations added */
    size_t names, attributes, citations; /* names, attributes and citations added, to new
                                            or to existing entities and relations */
    size_t entities_changed;  /* existing entities whose kind, label, external id or lifespan
                                 the inputs changed (an entity created by bulk input that a
                                 TKG-XML file now defines) */
    size_t relations_changed; /* existing relations whose id, or whose first or last day (the
                                 event-time rule), changed */
} tkg_add_counts;

/**
 * Merges the `count` inputs (paths, read as tkg_store_read_path reads them) into the SQLite
 * base at `path` in one transaction (docs/sqlite.md, "tkg add"): the base is read whole into
 * a store made with `opt` inside a write transaction, the inputs are read into the same store
 * by the rules of every reader, and what they added or changed is written, then committed.
 * The base is put in WAL mode: readers see the base as it was until the commit, then as it
 * is. A second writer waits for the first (up to ten minutes). On any problem (an input
 * error, a base that is not a tkg base or of a newer version, an input file that is in the
 * base already as a source, SQLite refusing a row) nothing is changed. A base that does not
 * exist is created from the inputs alone, as tkg_write_sqlite writes one, but never over a
 * file that appeared meanwhile (then the inputs are added to that one); `out->created` says
 * so. Every problem goes to opt->report when it is set (input problems with their position),
 * and the first is kept in `err`. Returns TKG_OK, TKG_EINPUT, TKG_ELIMIT, TKG_ENOTFOUND (an
 * input file), TKG_EUSAGE (an input of unknown format), TKG_EIO or TKG_ENOMEM. `out` (may be
 * NULL) receives what was written, all zero on failure.
 */
int tkg_sqlite_add(const char *path, const char *const *inputs, size_t count,
                   const tkg_store_options *opt, tkg_add_counts *out, tkg_error *err);

/* ---------------------------------------------------------------- extract */

/** What tkg_extract writes: the draft in TKG-XML, or its relations as TSV (docs/extract.md,
 *  "The draft"). */
typedef enum tkg_extract_format { TKG_EXTRACT_XML = 0, TKG_EXTRACT_TSV = 1 } tkg_extract_format;

/** How tkg_extract reads an article and what it says of it. Zero-initialise, then set
 *  fields; `source_id` and `published` are required. */
typedef struct tkg_extract_options {
    const char *source_id;         /* the draft's source id (an ident of docs/format.md) */
    const char *published;         /* the publication date, YYYY-MM-DD: anchors relative dates */
    const char *title, *publisher; /* the source's attributes, or NULL */
    const char *url;               /* the source's address (http or https), or NULL */
    const char *lang;              /* "fr" or "en"; NULL: guessed from the text */
    /* The known graph (a finished store, the --graph inputs), or NULL: its entities are the
     * gazetteer's first names and keep their ids in the draft. Borrowed. */
    const tkg_store *graph;
    /* The ontology of the relation kinds and of the lexicon; NULL: the graph's, or else the
     * bundled one. Borrowed. */
    const tkg_ontology *ontology;
    const char *lexicon;      /* a lexicon file (docs/format.md); NULL: the bundled one */
    uint64_t max_input_bytes; /* refuse a larger article; 0 means 4 GiB */
    tkg_extract_format format;
} tkg_extract_options;

/** What tkg_extract found, for the caller to report. */
typedef struct tkg_extract_summary {
    char lang[3];                      /* "fr" or "en": the language used */
    bool lang_guessed;                 /* it was guessed (no `lang` given) ... */
    size_t fr_words, en_words;         /* ... from these counts of function words */
    size_t sentences, mentions, dates; /* what the article holds */
    size_t entities, proposed;         /* the draft's entities, and how many of them are proposed */
    size_t relations;                  /* the draft's relations (after merging) */
} tkg_extract_summary;

/** Checks the fields of `opt` as tkg_extract checks them first, so that a caller can refuse
 *  wrong options before it loads a graph: TKG_EUSAGE for a missing or wrong --source-id (an
 *  ident) or --published (YYYY-MM-DD), a language other than fr and en, a --url that is not
 *  an http or https address. */
int tkg_extract_check_options(const tkg_extract_options *opt, tkg_error *err);

/**
 * Drafts the facts of the article at path `article` (UTF-8 text, or HTML: docs/extract.md)
 * and writes the draft to `out` (not committed: the caller commits it, or frees it to drop
 * the draft): the source, the entities mentioned (the graph's ids, or proposed ones), and
 * the relations drafted from its sentences, each citing its sentence verbatim. The text is
 * split into sentences, its actor mentions and temporal expressions found, the lexicon's
 * triggers matched, all before the first byte is written. Errors: TKG_EUSAGE for options
 * that are missing or wrong (the message names the option: --source-id, --published,
 * --lang, --url), TKG_ENOTFOUND or TKG_EIO for an article or lexicon that cannot be read,
 * TKG_EINPUT for one that is not valid (`PATH:LINE:COL`: invalid UTF-8, a lexicon that does
 * not validate) or whose language cannot be guessed, TKG_ELIMIT, TKG_ENOMEM, or the sink's
 * first write error. `summary` (may be NULL) is filled on success.
 */
int tkg_extract(tkg_sink *out, const char *article, const tkg_extract_options *opt,
                tkg_extract_summary *summary, tkg_error *err);

/* ----------------------------------------------------------------- misc */

/** Versions of tkg and of the libraries it was built with and runs with, one per line. */
void tkg_versions(FILE *out);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* TKG_H */
