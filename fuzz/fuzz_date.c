/* Fuzz target: the date parser. Oracle: an accepted date has a valid calendar day, covers the
 * days it says, and formats back to text that parses to the same date. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tkg_date d, again;
    tkg_error err = {0};
    if (tkg_date_parse(&d, (const char *)data, size, &err) != TKG_OK) {
        if (err.code != TKG_EINPUT || err.message[0] == '\0')
            abort();
        return 0;
    }
    if (d.precision < TKG_PREC_YEAR || d.year < 1 || d.first > d.last)
        abort();
    if (d.precision >= TKG_PREC_MONTH && (d.month < 1 || d.month > 12))
        abort();
    if (d.precision == TKG_PREC_DAY &&
        (d.day < 1 || d.day > tkg_days_in_month(d.year, d.month) || d.first != d.last))
        abort();
    char text[11];
    int n = tkg_date_format(&d, text);
    if (tkg_date_parse(&again, text, (size_t)n, &err) != TKG_OK ||
        memcmp(&again, &d, sizeof d) != 0)
        abort();
    return 0;
}
