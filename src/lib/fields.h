/* Named, typed fields of flat formats — GraphML and Neo4j-style CSV — and how they map to the
 * data model: typed values, labels, the date fields (start/end, start_date/end_date,
 * start_raw/end_raw, precision), kinds, and the entities and relations built from them
 * (docs/format.md, "GraphML input" and "CSV input"). */
#ifndef TKG_FIELDS_H
#define TKG_FIELDS_H

#include "store.h"

/* What a field means, by its name. */
typedef enum field_role {
    ROLE_ATTR = 0, /* any other name: a typed attribute */
    ROLE_LABEL,    /* label */
    ROLE_NAME,     /* name: the label when there is no label field, else an attribute */
    ROLE_START,
    ROLE_END,
    ROLE_START_DATE, /* full ISO dates as tkg's exports write them */
    ROLE_END_DATE,
    ROLE_START_RAW, /* the dates as written, at their precision */
    ROLE_END_RAW,
    ROLE_PRECISION, /* year, month or day: for both bounds */
    ROLE_START_PRECISION,
    ROLE_END_PRECISION,
    ROLE_WIKIDATA,  /* an entity's external id when it is a Wikidata item id */
    ROLE_TIME_FROM, /* a relation's event under the event-time rule: its *_date fields are
                       the event's, not its own */
    ROLE_COUNT
} field_role;

/** Whether the `n` bytes at `t` are a Wikidata item id, Q[1-9][0-9]* of at most 20
 *  characters (the form tkg.xsd's WikidataId gives). */
bool fields_is_qid(const char *t, size_t n);

/** The role of the field named `name`. */
field_role field_role_of(const char *name);

/* One value of a node, edge or row. */
typedef struct field {
    sym name;
    tkg_attr_type type;
    sym value; /* canonical text */
    origin at; /* the value's first character when `inside`, else its element */
    bool inside;
    bool used;    /* taken by the mapping (label, dates, kind): not an attribute */
    uint8_t role; /* field_role_of(name), decided once per key or column by the reader */
    bool dated;   /* `date` is the value parsed as a date (a reader may parse the dates of
                     date fields while their text is at hand); else the mapping parses it */
    tkg_date date;
} field;

/** Whether a field of role `role` gives a date (start, end and their _date and _raw forms). */
static inline bool field_role_is_date(field_role role)
{
    return role >= ROLE_START && role <= ROLE_END_RAW;
}

/** Sets `f->dated` and `f->date` when the `len` bytes at `text`, the text of `f->value`,
 *  are a valid date. */
void field_parse_date(field *f, const char *text, size_t len);

/* The fields of one node, edge or row, in input order. */
typedef struct record {
    field *fields;
    uint32_t count, cap;
} record;

/** Appends a field; `value` must not be SYM_NONE. */
int record_add(tkg_store *s, record *r, const field *f, tkg_error *err);
void record_free(record *r);

/** The first field named `name` that is not used yet, or NULL. */
field *record_find(tkg_store *s, record *r, const char *name);

/**
 * Checks `len` bytes of `text` against `type` and interns its canonical text into `*out`:
 * strings as they are; other types without surrounding whitespace, where nothing at all
 * means "no value" (`*out` is then SYM_NONE); int within 64 bits (canonical decimal);
 * double a finite C-locale decimal; bool true/false in any case, or 1/0 (canonical
 * true/false); date YYYY[-MM[-DD]]. Reports a bad value as "WHAT: 'TEXT' is not a valid
 * TYPE" at `at`.
 */
int fields_value(tkg_store *s, sym *out, tkg_attr_type type, const char *text, size_t len,
                 const char *what, origin at, tkg_error *err);

/* A memo of fields_value for short values, which repeat (dates, kinds, numbers): a look at
 * a small table instead of the interner's. Open addressing, filled with the first values
 * that come up to half its slots, then kept as it is: the days of a few decades (tens of
 * thousands of dates) all stay, where a direct-mapped memo lost a value of every pair of
 * values that shared a slot, again and again. */
typedef struct value_cache {
    struct value_slot *slots; /* VALUE_CACHE_SLOTS, allocated on first use */
    uint32_t count;
} value_cache;

/** fields_value through the memo `c` (whose memory it allocates; a failure to allocate
 *  just means no memo). */
int fields_value_cached(tkg_store *s, value_cache *c, sym *out, tkg_attr_type type,
                        const char *text, size_t len, const char *what, origin at, tkg_error *err);

void value_cache_free(value_cache *c);

/* What a record says about its entity or relation. */
typedef struct mapped {
    sym label;    /* SYM_NONE when absent */
    sym external; /* an entity's Wikidata id, or SYM_NONE */
    bound start, end;
    tkg_interval iv;
} mapped;

/**
 * Maps the date fields of `r`, and for an `entity` its label and Wikidata id, marking them
 * used: the label is `label`, else `name`; the external id is `wikidata` when it is an item
 * id (Q42); each bound is its `*_raw` field, else the plain `start`/`end`, else the full
 * `*_date` cut to its precision (`*_precision`, else `precision`); every other date field
 * given must lie within the chosen bound's days. `at` is where bound errors are reported
 * when no field is to blame.
 */
int record_map(tkg_store *s, record *r, bool entity, mapped *out, origin at, tkg_error *err);

/** Adds the fields of `r` not used by the mapping as typed attributes of entity `owner`,
 *  as store_add_attr_merged does (an entity may be defined by several inputs). */
int record_attrs(tkg_store *s, const record *r, uint32_t owner, tkg_error *err);

/** The entity kind named `name` (exactly, else ignoring case and `_`, `-`, spaces, so that
 *  Neo4j's `ArmedGroup` is `armed_group`), or TKG_NO_KIND. */
uint32_t fields_entity_kind(const tkg_ontology *o, const char *name, size_t len);

/** The relation kind named `name` (as fields_entity_kind matches; implicit kinds only
 *  exactly), else a new implicit kind between `entity`s, as for quadruples. */
int fields_relation_kind(tkg_store *s, uint32_t *out, const char *name, size_t len, tkg_error *err);

/* A `source` argument below that cites nothing: the caller adds the citations itself (a
 * record with tkg's `citations`, provenance.h). */
#define FIELDS_NO_SOURCE UINT32_MAX

/** Interns the file name `name` into `*file` and adds the file as a source (id: the name,
 *  title: its last component) into `*source`. */
int fields_file_source(tkg_store *s, sym *file, uint32_t *source, const char *name, tkg_error *err);

/**
 * Defines entity `id` from a node: with `kind` an entity kind it is a definition (as in
 * TKG-XML); with TKG_NO_KIND it has the kind `entity` and, like the entities of quadruples,
 * a definition in another input refines it (the first label and lifespan given are kept
 * until then). The entity cites `source` at `at.line`.
 */
int fields_define_entity(tkg_store *s, uint32_t *out, sym id, uint32_t kind, const mapped *m,
                         origin at, uint32_t source, tkg_error *err);

/* The endpoints, id and kind of an edge. */
typedef struct edge_ends {
    sym from, to;
    origin from_at, to_at;
    sym id; /* SYM_NONE when it has none */
    uint32_t kind;
} edge_ends;

/** Adds the relation of an edge with the fields of `r` not used by the mapping as its
 *  attributes, or merges it into an equal relation whose attributes agree
 *  (store_add_relation_attrs), citing `source` at `at.line`; its endpoints are resolved when
 *  the store is finished. */
int fields_add_relation(tkg_store *s, uint32_t *out, const edge_ends *e, const mapped *m,
                        const record *r, origin at, uint32_t source, tkg_error *err);

/** fields_add_relation for an edge whose ends are the entity rows `from` and `to` when they
 *  are not TKG_NO_ENTITY (else found or made from `e`'s ids, as there). */
int fields_add_relation_between(tkg_store *s, uint32_t *out, uint32_t from, uint32_t to,
                                const edge_ends *e, const mapped *m, const record *r, origin at,
                                uint32_t source, tkg_error *err);

#endif
