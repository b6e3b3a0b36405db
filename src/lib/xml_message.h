/* Message text for the hardened XML layer (xml.c): libxml2's messages rewritten into tkg's.
 * Internal to xml.c; no libxml2 type appears here. */
#ifndef TKG_XML_MESSAGE_H
#define TKG_XML_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest quoted value in a message, in bytes; longer ones end in "...". */
#define XML_MAX_QUOTED 60

/** Copies at most XML_MAX_QUOTED bytes of [s, s + n) into `out` (at least XML_MAX_QUOTED + 4
 *  bytes), never cutting a UTF-8 sequence, control characters shown as '?', "..." when cut. */
void xml_clip(char *out, const char *s, size_t n);

/** One line, lower-case start, namespaces ("{urn:x}a") dropped, no trailing period; braces
 *  without ':' or '/' are kept (pattern quantifiers such as {4}). */
void xml_tidy_message(char *out, size_t size, const char *msg);

/** Formats into `out`, truncating at `size`. */
void xml_say(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** A schema validation problem in tkg's words. */
typedef struct xml_problem {
    char message[256];
    char element[64]; /* local name of the element it is about ("" when unknown) */
    char attr[64];    /* the attribute it is about, "" when about the element */
} xml_problem;

/**
 * Rewrites a schema validation message (libxml2's "Element '{ns}x', attribute 'a': ...").
 * `parent` and `parent_ns` name the element enclosing the one it is about (NULL at the root).
 */
void xml_schema_message(xml_problem *out, const char *msg, const char *parent,
                        const char *parent_ns);

#endif
