/* Cleaning and escaping user text for every output format: the one place where text from
 * the store turns into bytes of XML, DOT, JSON, CSV or a URL. */
#ifndef TKG_ESCAPE_H
#define TKG_ESCAPE_H

#include "outfile.h"

typedef enum esc_mode {
    ESC_XML_TEXT,    /* XML element content: & < > as entities, CR as &#13; */
    ESC_XML_ATTR,    /* a double-quoted XML attribute: also ", and TAB LF CR as references */
    ESC_DOT,         /* inside a DOT double-quoted string (an escString): \ " & and line breaks */
    ESC_DOT_TIP,     /* as ESC_DOT, for a tooltip: Graphviz unescapes tooltips twice, so a
                        backslash is written as four */
    ESC_HTML,        /* text in a Graphviz HTML-like label: XML entities, line breaks as spaces */
    ESC_JSON,        /* inside a JSON string literal */
    ESC_CSV,         /* inside a double-quoted CSV field: " doubled */
    ESC_URL,         /* a URL inside a DOT string that Graphviz 2.42 copies into SVG verbatim */
    ESC_JSON_SCRIPT, /* inside a JSON string in an HTML <script> element: as ESC_JSON, and
                        < > & as \u003c \u003e \u0026, so that no text ends the element,
                        opens a comment or reads as markup (U+2028, U+2029 escaped as in
                        ESC_JSON) */
    /* The command line's text (tkg_text_write). These show control characters rather than
       drop them, so that none reaches a terminal as it is: */
    ESC_SHOW,      /* for a terminal: C0 controls (TAB LF CR too) and DEL as \xHH, C1 as \uHHHH */
    ESC_SHOW_CELL, /* an aligned table's cell: as ESC_SHOW, but TAB LF CR as one space each */
    ESC_SHOW_TSV,  /* a TSV field: TAB LF CR \ as \t \n \r \\, other controls as ESC_SHOW */
    ESC_SHOW_JSON  /* inside a JSON string: as ESC_JSON, and C0, DEL and C1 as \u escapes */
} esc_mode;

/**
 * Writes `text` (`len` bytes) into `out`, cleaned and then escaped for `mode`. Cleaning, the
 * same for every format: an invalid UTF-8 byte becomes U+FFFD; C0 controls other than TAB,
 * LF and CR, and the noncharacters U+FFFE and U+FFFF, are dropped (the ESC_SHOW modes show
 * the C0 controls instead, as escapes).
 */
void esc_put(tkg_sink *out, esc_mode mode, const char *text, size_t len);

/** esc_put of a NUL-terminated string; NULL writes nothing. */
static inline void esc_puts(tkg_sink *out, esc_mode mode, const char *text)
{
    if (text)
        esc_put(out, mode, text, strlen(text));
}

/**
 * As esc_put, but writes at most `max` bytes (max >= 3): when the escaped text would be
 * longer it stops at a character boundary and ends with "…" within the limit. Returns true
 * when it shortened the text.
 */
bool esc_put_capped(tkg_sink *out, esc_mode mode, const char *text, size_t len, size_t max);

/** True when cleaning leaves `text` as it is: valid UTF-8 without C0 controls (other than
 *  TAB, LF, CR) or the noncharacters U+FFFE and U+FFFF. */
bool esc_is_clean(const char *text, size_t len);

/** True when `id` is non-empty and made only of [A-Za-z0-9_.:-]: a DOT-safe, XML NMTOKEN
 *  identifier that every writer uses as it is. */
bool esc_id_is_plain(const char *id);

/**
 * Writes `id` as an identifier safe in DOT (inside quotes) and as an XML NMTOKEN. A plain id
 * (esc_id_is_plain) is written as it is; any other has each byte outside [A-Za-z0-9_.:-]
 * written as U+00B7 '·' and two upper-case hex digits. The mapping is one-to-one, and an
 * encoded id, which always contains '·', never equals a plain one.
 */
void esc_put_id(tkg_sink *out, const char *id);

/** The length of the valid UTF-8 sequence at the start of [p, p + n) (1 to 4), or 0 when
 *  the bytes there are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF, cut short). */
size_t utf8_sequence(const unsigned char *p, size_t n, uint32_t *cp);

#endif
