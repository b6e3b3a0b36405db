/* An article's text (docs/extract.md, "Sentences and actors"): a UTF-8 text file or an HTML
 * page turned into UTF-8 text, one block per line. Positions in later steps (sentences,
 * actors, dates) are byte offsets into this text. Internal to the library. */
#ifndef TKG_EXTRACT_TEXT_H
#define TKG_EXTRACT_TEXT_H

#include "tkg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** How an article is read: plain text or HTML. */
typedef enum extract_format {
    EXTRACT_AUTO, /* HTML when the name ends in .html or .htm, or the content starts as HTML */
    EXTRACT_PLAIN,
    EXTRACT_HTML
} extract_format;

/**
 * Reads the article in `data[0, len)` (named `name` in messages, "<memory>" when NULL) into
 * `*text` (NUL-terminated, malloc'ed, the caller frees it) and `*text_len`. The bytes must be
 * UTF-8 (an initial byte order mark is skipped), without NUL bytes, at most `max_bytes` long
 * (0: 4 GiB). Errors: TKG_EINPUT at the first bad byte (NAME:LINE:COL, COL counting
 * characters), TKG_ELIMIT, TKG_ENOMEM; `*text` is NULL then.
 */
int extract_text_buffer(const char *data, size_t len, const char *name, extract_format format,
                        uint64_t max_bytes, char **text, size_t *text_len, tkg_error *err);

/** As extract_text_buffer, reading the file `path` (whose name decides EXTRACT_AUTO). */
int extract_text_file(const char *path, extract_format format, uint64_t max_bytes, char **text,
                      size_t *text_len, tkg_error *err);

#endif
