/* A small strict JSON reader for the one shape tkg writes inside its graph exports: an array
 * of flat objects whose members are strings (docs/export.md, "Provenance"): the `citations`
 * of a node or an edge and the `sources` table of a graph. */
#ifndef TKG_JSON_H
#define TKG_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* What json_read_objects returns besides 0 and the callback's (negative) codes. */
#define JSON_SYNTAX 1 /* the text is not of that shape: see json_error */
#define JSON_NOMEM  2

/* Members per object, at most. */
#define JSON_MAX_MEMBERS 16

/* One member of an object: its name and its value, decoded (UTF-8, NUL-terminated; neither
 * holds a NUL byte). Both point into the reader's buffer and live until the callback returns. */
typedef struct json_member {
    const char *name, *value;
    size_t name_len, value_len;
} json_member;

/* Where and why the text is not of that shape. */
typedef struct json_error {
    size_t offset;       /* the byte of [text, text + len) where the problem is */
    const char *message; /* static, lower case, e.g. "expected ',' or ']'" */
} json_error;

/** Calls `fn` with the members of each object of the array `text` (`len` bytes, RFC 8259
 *  syntax: whitespace around tokens; strings of valid UTF-8 without control characters, with
 *  the escapes \" \\ \/ \b \f \n \r \t \uXXXX and surrogate pairs), in order. Refused, with
 *  `*e` set: anything but an array of objects, a value that is not a string, a duplicate
 *  member name, \u0000, a lone surrogate, more than JSON_MAX_MEMBERS members, text after
 *  the array. Returns 0; JSON_SYNTAX with `*e` set; JSON_NOMEM; or the first non-zero value
 *  `fn` returned (reading stops there), which must be negative. */
int json_read_objects(const char *text, size_t len,
                      int (*fn)(void *ctx, const json_member *m, size_t n), void *ctx,
                      json_error *e);

/** The value of member `name` among `m[0..n)`, or NULL (its length in `*len` when found). */
const char *json_member_value(const json_member *m, size_t n, const char *name, size_t *len);

#endif
