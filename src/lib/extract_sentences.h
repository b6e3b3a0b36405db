/* An article's sentences (docs/extract.md, "Sentences and actors"): ICU's sentence break
 * iterator in the article's language, with tkg's rules on top for abbreviations, quotations
 * and line breaks. Internal to the library. */
#ifndef TKG_EXTRACT_SENTENCES_H
#define TKG_EXTRACT_SENTENCES_H

#include "tkg.h"

#include <stddef.h>

/** A span of the article's text: byte offsets, [start, end). */
typedef struct extract_span {
    size_t start, end;
} extract_span;

/**
 * Splits the UTF-8 `text[0, len)` into sentences for `lang` ("fr" or "en"): `*spans` (malloc'ed,
 * the caller frees it; NULL when there is none) gets `*count` spans in text order, each trimmed
 * of the white space around it and never empty. Errors: TKG_EUSAGE for another language,
 * TKG_ENOMEM, TKG_EINPUT when ICU refuses the text.
 */
int extract_sentences(const char *text, size_t len, const char *lang, extract_span **spans,
                      size_t *count, tkg_error *err);

#endif
