/* XML text byte by byte, beside libxml2 (xml_text.c). */
#ifndef TKG_XML_TEXT_H
#define TKG_XML_TEXT_H

#include <stddef.h>
#include <stdint.h>

/** The UTF-8 characters in [a, b): the bytes that do not continue one (10xxxxxx), eight at a
 *  time (positions are worked out for every element, over its whole start tag). */
uint32_t xml_columns(const char *a, const char *b);
/** The line feeds in [a, b). */
uint32_t xml_line_feeds(const char *a, const char *b);
/** Moves the position *line:*column of `a` on to `b`. */
void xml_advance(uint32_t *line, uint32_t *column, const char *a, const char *b);

/* Longest quoted value in a message, in bytes; longer ones end in "...". */
#define XML_MAX_QUOTED 60

/** Copies at most XML_MAX_QUOTED bytes of [s, s + n) into `out` (at least XML_MAX_QUOTED + 4
 *  bytes), never cutting a UTF-8 sequence, control characters shown as '?', "..." when cut. */
void xml_clip(char *out, const char *s, size_t n);

/** Whether the first `len` bytes of a document are UTF-8 text (or US-ASCII, ISO-8859-1): 0,
 *  or -1 with a message in msg[size] and its position. Refused: byte order marks of UTF-16
 *  and UTF-32, EBCDIC, compressed data (gzip, xz, bzip2, zip, zstd), and encoding
 *  declarations naming anything else, which libxml2 would convert (through ICU) or inflate. */
int xml_sniff_encoding(const char *data, size_t len, char *msg, size_t size, uint32_t *line,
                       uint32_t *column);

#endif
