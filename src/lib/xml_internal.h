/* The XML layer's own declarations, shared by xml.c (libxml2's side: parsing, positions,
 * messages, validation) and xml_deliver.c (the events of a reading in two threads, and
 * their delivery). Nothing outside the layer includes this. */
#ifndef TKG_XML_INTERNAL_H
#define TKG_XML_INTERNAL_H

#include "xml.h"
#include "xml_pipe.h"

#include <stdint.h>

struct _xmlParserCtxt;

#define MAX_ATTRS 64
/* libxml2 refuses documents nested deeper than 256 levels without XML_PARSE_HUGE; positions
 * are kept for a little more than that. */
#define MAX_DEPTH     300
#define XML_MAX_DEPTH 256 /* the deepest nesting accepted */
/* Schema problems of one start tag, held until the tag is delivered, then sorted. */
#define MAX_HELD 16
/* All attribute values of one start tag together (each is also capped by libxml2). */
#define MAX_TAG_BYTES ((size_t)16 << 20)
#define PARSER_MAGIC  0x746b6778u

typedef struct position {
    uint32_t line, column;
} position;

/* An element that is open, for the positions of validation errors. */
typedef struct open_element {
    const char *name, *ns; /* strings of the parser's dictionary */
    position at;
} open_element;

/* A start tag parsed but not yet delivered: the schema checks it first (see xml.h). */
typedef struct pending {
    bool active;
    bool invalid; /* the schema rejected the element itself */
    open_element el;
    unsigned depth;
    size_t attr_count;
    xml_attr attrs[MAX_ATTRS];   /* values copied into `values` */
    position attr_at[MAX_ATTRS]; /* valid once attrs_located */
    bool attrs_located;
    char *values;
    size_t values_cap;
    char *tag; /* a copy of the start tag as written, for locate_attrs */
    size_t tag_len, tag_cap;
    size_t held_count;
    struct {
        position at;
        char message[256];
    } held[MAX_HELD];
} pending;

/* What the last SAX event was: schema validation runs right after our callbacks, so an
 * error that follows a start tag is about that tag, one that follows an end tag is about
 * the element just closed, one that follows text is about that text. */
enum phase { PHASE_NONE, PHASE_START, PHASE_END, PHASE_TEXT };

struct xml_parser {
    uint32_t magic;
    struct _xmlParserCtxt *ctxt; /* libxml2's (xml.c) */
    const xml_handler *h;
    const char *name;
    int status;     /* TKG_OK until a problem */
    bool stopped;   /* a callback or the hardening stopped the parse */
    bool nomem;     /* out of memory: the parse stopped */
    unsigned depth; /* open elements; levels past MAX_DEPTH are not recorded */
    unsigned skip;  /* depth of an element the schema rejected: its subtree is not delivered */
    open_element open[MAX_DEPTH];
    enum phase phase;
    open_element closed;
    bool has_text_at;
    position text_at; /* the first non-blank character of the text since the last tag */
    pending p;
    /* The fast check (see xml.h): set while it runs; `unsure` once it met something it
     * cannot vouch for, and the document is to be read again under libxml2's validator. */
    const xml_fast_check *fast;
    bool unsure;
    position unsure_at;                  /* where the parser was then */
    uint64_t suppress;                   /* handler calls to skip: made by an earlier reading */
    uint64_t reported, suppress_reports; /* the same for calls of the handler's error */
    bool reread;                         /* this is the second reading */
    uint64_t file_size;                  /* of the file at the first reading */
    int64_t file_mtime;                  /* its modification time then, in nanoseconds */

    /* When the handler runs in the caller's thread while libxml2 parses in another (see
     * xml_read_piped): set before, then only read. The events go through `pipe`. */
    _Alignas(64) xml_pipe *pipe;
    const xml_input *in;
    const xml_fast_check *delivery_check; /* run by the delivering thread */
    bool tags_by_offset; /* start tags are not copied, but found again in the input */

    /* What the thread that calls the handler writes, on cache lines of its own: the parsing
     * thread writing next to it would cost a cache miss per event. */
    _Alignas(64) xml_check_state check; /* the fast check's */
    uint64_t delivered;                 /* calls of the handler's start, end and text so far */
    uint64_t delivered_reports;         /* and of its error, through the pipe */
    bool delivery_unsure;               /* the fast check could not vouch for an event */
    position delivery_unsure_at;
    const struct event_start *delivering; /* during the handler's start */
    pending out;                          /* that start tag, when its attributes are placed */
    char *tag;                            /* and its text, found again in the input */
    size_t tag_cap;
    int tag_fd; /* the input file, opened again to find them */
};

/* What the parsing thread hands over to the delivering one, as records of the pipe. Names
 * are strings of the parser's dictionary, which lives until both threads are done. */
enum event_type { EVENT_START, EVENT_END, EVENT_TEXT, EVENT_ERROR, EVENT_PROGRESS };

typedef struct event_start {
    uint32_t type, attr_count;
    const char *name, *ns;
    position at;
    size_t values_len, tag_len; /* the values, then the tag as written, after `attrs` */
    uint64_t tag_offset;        /* or, when not copied, where the tag is in the input */
    bool tag_copied;
    xml_attr attrs[]; /* their values point into the record */
} event_start;

typedef struct event_end {
    uint32_t type;
    const char *name;
} event_end;

typedef struct event_text {
    uint32_t type;
    size_t len;
    char text[];
} event_text;

typedef struct event_error {
    uint32_t type;
    tkg_error e;
} event_error;

typedef struct event_progress {
    uint32_t type;
    uint64_t done, total;
} event_progress;

/* ---- xml.c */

/** Reads the document once, under libxml2's validator when `validate` (and a schema is
 *  given), else with the schema's fast check, if any; through x->pipe when it is set. */
int xml_read_once(xml_parser *x, const xml_input *in, const xml_schema *schema, bool validate,
                  tkg_error *err);
/** Frees libxml2's parser of a reading. */
void xml_free_context(xml_parser *x);
/** The fast check of a schema (NULL for none, or no schema). */
const xml_fast_check *xml_schema_fast(const xml_schema *schema);
/** Whether the input can be read a second time: memory, or a regular file. */
bool xml_rereadable(const xml_input *in);

/* ---- xml_deliver.c */

/** Room for an event of `size` bytes in the pipe; NULL when the delivering thread stopped
 *  (or memory ran out: then x->nomem). Commit it with xml_pipe_commit. */
void *xml_event(xml_parser *x, size_t size);
/** These hand an event over through the pipe; false when the delivering thread stopped. */
bool xml_event_end(xml_parser *x, const char *name);
bool xml_event_text(xml_parser *x, const char *text, size_t len);
bool xml_event_error(xml_parser *x, const tkg_error *e);
void xml_event_progress(xml_parser *x, uint64_t done, uint64_t total);
/** The start tag being delivered through the pipe, as a pending one, for the positions of
 *  its attributes. */
pending *xml_delivering(xml_parser *x);
/** Reads the document once without libxml2's validator, parsing in a second thread while
 *  this one calls the handler. False when the thread cannot be started: nothing was read. */
bool xml_read_piped(xml_parser *x, const xml_input *in, const xml_schema *schema, tkg_error *err,
                    int *out);

#endif
