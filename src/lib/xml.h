/* Hardened, streaming XML reading: the only door to libxml2.
 *
 * Every document is read from bytes we hold (never through libxml2's own I/O, which sniffs
 * and inflates gzip), with XML_PARSE_NONET | XML_PARSE_BIG_LINES and nothing that loads or
 * substitutes: any DOCTYPE is refused before its content is looked at, entity references
 * are refused, only UTF-8, US-ASCII and ISO-8859-1 are accepted, and schemas are compiled
 * from memory only. Elements reach the caller as SAX-style events with 1-based positions.
 *
 * With a schema, a start event is delivered once the schema has checked the start tag, so
 * that structural problems are reported first: attributes whose value the schema rejected
 * are flagged `invalid`, and an element the schema rejected as a whole (not allowed where it
 * is, a required attribute missing) is not delivered at all, nor is anything inside it.
 *
 * libxml2's schema validator is the authority, but a slow one: its regular expressions and
 * allocations cost twice the parse. A schema may therefore come with a fast check, the same
 * schema compiled by hand into a few comparisons (xml_fast_check). The document is first
 * read with the fast check alone; the moment it meets anything it cannot vouch for, the
 * document is read again from the start under libxml2's validator, and the events the
 * caller already received are not delivered a second time. Valid documents never pay for
 * libxml2's validator, and every problem is still found and worded by it. */
#ifndef TKG_XML_H
#define TKG_XML_H

#include "tkg.h"

typedef struct xml_attr {
    const char *name; /* local name */
    const char *ns;   /* namespace URI, or NULL (unprefixed) */
    const char *value;
    size_t len;
    bool invalid; /* the schema rejected this value (already reported) */
} xml_attr;

typedef struct xml_parser xml_parser;

typedef struct xml_element {
    const char *name; /* local name */
    const char *ns;   /* namespace URI, or NULL */
    const xml_attr *attrs;
    size_t attr_count;
    uint32_t line, column; /* of the '<' that opens the element */
    xml_parser *parser;    /* for xml_attr_position, during the call only */
} xml_element;

/* Callbacks return 0 to go on, anything else to stop the parse. */
typedef struct xml_handler {
    void *ctx;
    int (*start)(void *ctx, const xml_element *el);
    int (*end)(void *ctx, const char *name);
    int (*text)(void *ctx, const char *text, size_t len);
    /** Every problem libxml2 or the hardening finds; `e` is fully formatted. */
    int (*error)(void *ctx, const tkg_error *e);
    /** Optional: a look at a start tag that will be delivered soon, once per stage
     *  0..XML_PEEK_STAGES-1, the earliest stage farthest ahead, so that the handler can start
     *  loading what it will need for it (prefetching). A hint: it must not change anything
     *  the handler's results depend on. `el->parser` is NULL. */
    void (*peek)(void *ctx, const xml_element *el, unsigned stage);
} xml_handler;

#define XML_PEEK_STAGES 3

typedef struct xml_schema xml_schema;

/* What a fast check keeps while a document is read: the elements open, as it numbers them,
 * and whether each holds non-blank text yet. */
#define XML_CHECK_DEPTH 8

typedef struct xml_check_state {
    unsigned depth;
    uint8_t type[XML_CHECK_DEPTH];
    bool text[XML_CHECK_DEPTH];
} xml_check_state;

/* A schema compiled by hand (see the top of this file). Each function returns true only
 * when the event is certainly valid against the schema where it occurs, and false when it
 * is not, or when the check cannot tell: a false is never wrong, only slower. Element values
 * reach it as xml_element does (attribute values with '&' decoded). */
typedef struct xml_fast_check {
    bool (*start)(xml_check_state *st, const xml_element *el);
    bool (*text)(xml_check_state *st, const char *text, size_t len);
    bool (*end)(xml_check_state *st);
} xml_fast_check;

/** Compiles an XSD held in memory; only self-contained schemas (no include or import).
 *  `fast` is the same schema as a fast check, or NULL. For tests, the environment variable
 *  TKG_XSD_VALIDATOR=libxml2 makes every parse use libxml2's validator alone, and
 *  TKG_XSD_VALIDATOR=fast turns what the fast check cannot vouch for into an error. */
int xml_schema_compile(xml_schema **out, const char *data, size_t len, const char *name,
                       const xml_fast_check *fast, tkg_error *err);
void xml_schema_free(xml_schema *x);

/** Where the input comes from: memory, or a file read in chunks with a size cap. */
typedef struct xml_input {
    const char *name; /* for messages */
    const char *data; /* memory input, or NULL to read `path` */
    size_t len;
    const char *path;
    uint64_t max_bytes;
    void (*progress)(void *ctx, const char *name, uint64_t done, uint64_t total);
    void *progress_ctx;
} xml_input;

/** The input of the file `path`, with the store options' size cap and progress callback. */
xml_input xml_input_file(const tkg_store_options *o, const char *path);
/** The input of `len` bytes at `data`, named `name` (NULL: "<memory>") in messages, with the
 *  store options' size cap. */
xml_input xml_input_buffer(const tkg_store_options *o, const char *data, size_t len,
                           const char *name);

/**
 * Parses `in`, validating against `schema` when not NULL, and calls `h` for each event, in
 * document order, in the caller's thread. Unless libxml2's validator is needed, libxml2
 * parses in a second thread meanwhile (xml_deliver.c); the callbacks see no difference.
 * Returns TKG_OK when the document is well-formed, valid and no callback stopped it; else
 * TKG_EINPUT (problems were passed to h->error), TKG_EIO or TKG_ELIMIT (also recorded in err).
 */
int xml_parse(const xml_input *in, const xml_schema *schema, const xml_handler *h, tkg_error *err);

/** The position of attribute `name` of the element being started (falls back to the
 *  element's own position). */
void xml_attr_position(xml_parser *p, const xml_element *el, const char *name, uint32_t *line,
                       uint32_t *column);

/** The versions of libxml2 built against and running. */
void xml_versions(FILE *out);

#endif
