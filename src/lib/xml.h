/* Hardened, streaming XML parsing: the only door to libxml2's XML parser (xml.c; HTML articles
 * go through its HTML parser in extract_text.c).
 *
 * Every document is read once, from bytes we hold (never through libxml2's own I/O, which
 * sniffs and inflates gzip), by libxml2's SAX2 push parser with XML_PARSE_NONET |
 * XML_PARSE_BIG_LINES and nothing that loads or substitutes: any DOCTYPE is refused before
 * its content is looked at, entity references are refused, only UTF-8, US-ASCII and
 * ISO-8859-1 are accepted, input size, nesting depth and attributes per element are capped.
 * Elements reach the caller as SAX-style events, in the caller's thread, with 1-based
 * positions. This layer only parses: checking a document against its schema is the
 * reader's business (xsd.h).
 *
 * libxml2 is set up once per process (pthread_once); none of its process-wide settings
 * (entity loader, error handlers, catalogs) is changed: everything goes through the SAX
 * handler of each parser context. Parses of different documents may run in different
 * threads at the same time. */
#ifndef TKG_XML_H
#define TKG_XML_H

#include "tkg.h"

typedef struct xml_attr {
    const char *name; /* local name */
    const char *ns;   /* namespace URI, or NULL (unprefixed) */
    const char *value;
    size_t len;
} xml_attr;

typedef struct xml_parser xml_parser;

typedef struct xml_element {
    const char *name; /* local name */
    const char *ns;   /* namespace URI, or NULL */
    const xml_attr *attrs;
    size_t attr_count;
    uint32_t line, column; /* of the '<' that opens the element */
    xml_parser *parser;    /* for xml_attr_position and xml_text_position */
} xml_element;

/* Callbacks return 0 to go on, anything else to stop the parse. */
typedef struct xml_handler {
    void *ctx;
    int (*start)(void *ctx, const xml_element *el);
    int (*end)(void *ctx, const char *name);
    int (*text)(void *ctx, const char *text, size_t len);
    /** Every problem libxml2 or the hardening finds; `e` is fully formatted. */
    int (*error)(void *ctx, const tkg_error *e);
} xml_handler;

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
 * Parses `in` once and calls `h` for each event, in document order, in the caller's thread.
 * Returns TKG_OK when the document is well-formed and no callback stopped it; else
 * TKG_EINPUT (problems were passed to h->error), TKG_EIO, TKG_ELIMIT or TKG_ENOMEM (also
 * recorded in err).
 */
int xml_parse(const xml_input *in, const xml_handler *h, tkg_error *err);

/** The position of attribute `name` of the element being started, worked out from the start
 *  tag still in libxml2's input buffer (the element's own position when it cannot be found).
 *  Only during the handler's start call for `el`. */
void xml_attr_position(xml_parser *p, const xml_element *el, const char *name, uint32_t *line,
                       uint32_t *column);

/** The position of byte `offset` of `text` (`len` bytes), as passed to the handler's text
 *  callback; only during that call. Falls back to the parser's current position. */
void xml_text_position(xml_parser *p, const char *text, size_t len, size_t offset, uint32_t *line,
                       uint32_t *column);

/** Whether `v` is an xs:anyURI as libxml2's schema types accept it (after collapsing white
 *  space): 1 or 0, or TKG_ENOMEM. */
int xml_any_uri(const char *v, size_t n);

/** The versions of libxml2 built against and running. */
void xml_versions(FILE *out);

#endif
