/* Temporal expressions in French and English news text (docs/extract.md, "Temporal
 * expressions"): each found expression's byte span, its value as a tkg date at its precision,
 * and its role (a point, a start, an end, or a span with both bounds). */
#ifndef TKG_EXTRACT_DATES_H
#define TKG_EXTRACT_DATES_H

#include "tkg.h"

#include <stddef.h>

typedef enum xdate_lang { XDATE_FR = 0, XDATE_EN = 1 } xdate_lang;

typedef enum xdate_role {
    XDATE_POINT = 0, /* `le 25 avril 2013`, `in 2013`, `hier` */
    XDATE_START = 1, /* `depuis 2013`, `since May`, `à partir du 1er juin` */
    XDATE_END = 2,   /* `jusqu'au 31 décembre`, `until the end of the year` */
    XDATE_SPAN = 3   /* `du 1er janvier au 15 novembre 2024`: one expression, two bounds */
} xdate_role;

/** One temporal expression: text[start, end) in bytes. `value` is the date (the start bound
 *  for XDATE_SPAN); `value2` is the end bound of a span, precision TKG_PREC_NONE otherwise. */
typedef struct xdate {
    size_t start, end;
    xdate_role role;
    tkg_date value, value2;
} xdate;

/** The name of a role: "point", "start", "end", "span". */
const char *xdate_role_name(xdate_role role);

/**
 * Finds the temporal expressions of `text` (`len` bytes of UTF-8; invalid bytes are read
 * as separators and never past `len`) in `lang`, relative ones anchored at `published` (a
 * date of day precision). On success `*out` (malloc'd, the caller frees it; NULL when none)
 * holds `*count` expressions in text order, not overlapping. Fails with TKG_EUSAGE for a
 * `published` date that is not of day precision, TKG_ENOMEM when out of memory; `*out` is
 * then NULL and `*count` 0.
 */
int xdate_extract(const char *text, size_t len, xdate_lang lang, const tkg_date *published,
                  xdate **out, size_t *count, tkg_error *err);

#endif
