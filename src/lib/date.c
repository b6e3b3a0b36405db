/*
 * Dates and validity intervals: parsing `YYYY[-MM[-DD]]` (and YAGO's `2004-##-##`), the
 * proleptic Gregorian calendar for years 1..9999, and half-open day intervals.
 *
 * Day numbers count from 1970-01-01 (day 0). The conversions use the era method: Gregorian
 * years repeat every 400 years (an "era") of exactly 146097 days, and a year that starts on
 * March 1 puts the leap day last, so the position of a month within such a year does not
 * depend on whether the year is leap.
 */
#include "error.h"

#include <assert.h>
#include <stdio.h>

#define DAYS_PER_ERA      146097 /* 400 * 365 + 97 leap days */
#define DAYS_PER_CENTURY  36524  /* 100 * 365 + 24: the first three centuries of an era */
#define DAYS_PER_4_YEARS  1461   /* 4 * 365 + 1 */
#define EPOCH_FROM_MARCH0 719468 /* days from 0000-03-01 to 1970-01-01 */
#define YEAR_MIN          1
#define YEAR_MAX          9999
#define SHOWN_MAX         40 /* at most this many bytes of bad text go into a message */

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

/* ------------------------------------------------------------ calendar */

bool tkg_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Returns 0 for a month outside 1..12. */
int tkg_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && tkg_is_leap_year(year))
        return 29;
    return days[month - 1];
}

/*
 * Months counted from March (0) to February (11) have the lengths
 * 31 30 31 30 31 | 31 30 31 30 31 | 31 28/29: the line through them, (153 * m + 2) / 5,
 * gives the day of the March-based year on which month m begins (0, 31, 61, ..., 337).
 */
static int64_t march_month_start(int64_t m)
{
    return (153 * m + 2) / 5;
}

/* Floor division for a positive divisor (C's `/` truncates towards zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Valid for any date of the proleptic calendar; the callers keep to years 1..9999. */
int32_t tkg_day_from_civil(int year, int month, int day)
{
    /* January and February belong to the March-based year that began the year before. */
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* year of era, 0..399 */
    int64_t moy = month > 2 ? month - 3 : month + 9;     /* March = 0 */
    int64_t doy = march_month_start(moy) + day - 1;      /* day of year, 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* leap days before yoe; day of era */
    return (int32_t)(era * DAYS_PER_ERA + doe - EPOCH_FROM_MARCH0);
}

/* Any int32_t is accepted; days outside years 1..9999 give proleptic years outside that range. */
void tkg_day_to_civil(int32_t day, int *year, int *month, int *dayofmonth)
{
    assert(year && month && dayofmonth);
    int64_t z = (int64_t)day + EPOCH_FROM_MARCH0; /* days since 0000-03-01 */
    int64_t era = floor_div(z, DAYS_PER_ERA);
    int64_t doe = z - era * DAYS_PER_ERA; /* day of era, 0..146096 */

    /* Peel off centuries, 4-year groups and years. Only the last of each is one day longer
     * (it ends on a leap day), so a quotient of 4 means "the last day of the last one". */
    int64_t century = doe / DAYS_PER_CENTURY;
    if (century == 4)
        century = 3;
    int64_t doc = doe - century * DAYS_PER_CENTURY;
    int64_t group = doc / DAYS_PER_4_YEARS;
    int64_t dog = doc - group * DAYS_PER_4_YEARS;
    int64_t yog = dog / 365;
    if (yog == 4)
        yog = 3;
    int64_t doy = dog - yog * 365; /* day of the March-based year, 0..365 */
    int64_t yoe = century * 100 + group * 4 + yog;

    int64_t moy = (5 * doy + 2) / 153; /* inverse of march_month_start */
    *dayofmonth = (int)(doy - march_month_start(moy) + 1);
    *month = (int)(moy < 10 ? moy + 3 : moy - 9);
    *year = (int)(era * 400 + yoe + (*month <= 2));
}

/* ------------------------------------------------------------- writing */

/* Writes `v` (0..9999 after reduction) as `width` decimal digits; returns the end. */
static char *put_digits(char *p, int v, int width)
{
    unsigned u = (unsigned)(v < 0 ? -(v % 10000) : v % 10000);
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + u % 10);
        u /= 10;
    }
    return p + width;
}

/* Writes `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (fields limited to their width); returns the length. */
static int write_fields(char *buf, int year, int month, int day, tkg_precision precision)
{
    char *p = buf;
    if (precision >= TKG_PREC_YEAR)
        p = put_digits(p, year, 4);
    if (precision >= TKG_PREC_MONTH) {
        *p++ = '-';
        p = put_digits(p, month, 2);
    }
    if (precision >= TKG_PREC_DAY) {
        *p++ = '-';
        p = put_digits(p, day, 2);
    }
    *p = '\0';
    return (int)(p - buf);
}

/* `d` must come from tkg_date_parse (or be a zeroed TKG_PREC_NONE date, which writes ""). */
int tkg_date_format(const tkg_date *d, char *buf)
{
    assert(d && buf);
    assert(d->precision >= TKG_PREC_NONE && d->precision <= TKG_PREC_DAY);
    assert(d->precision == TKG_PREC_NONE || (d->year >= YEAR_MIN && d->year <= YEAR_MAX));
    return write_fields(buf, d->year, d->month, d->day, d->precision);
}

/* A day outside years 1..9999 (such as the open sentinels) has no such text: writes "". */
int tkg_day_format(int32_t day, char *buf)
{
    assert(buf);
    int y, m, d;
    tkg_day_to_civil(day, &y, &m, &d);
    if (y < YEAR_MIN || y > YEAR_MAX)
        return write_fields(buf, 0, 0, 0, TKG_PREC_NONE);
    return write_fields(buf, y, m, d, TKG_PREC_DAY);
}

/* ------------------------------------------------------------- parsing */

/* Records "invalid date 'TEXT': WHY" at 1-based column `col` of the text. */
static int fail(tkg_error *err, const char *text, size_t len, size_t col, const char *why)
{
    int shown = len > SHOWN_MAX ? SHOWN_MAX : (int)len;
    return tkg_fail(err, TKG_EINPUT, NULL, 0, (int)col, "invalid date '%.*s%s': %s", shown, text,
                    len > SHOWN_MAX ? "..." : "", why);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The value of the two digits at `p`. */
static int two_digits(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

/*
 * Finds the first byte where `text` stops matching `xxxx[-xx[-xx]]` (x a digit or '#'):
 * returns its 0-based offset, `len` when the text ends early, or -1 when it matches.
 */
static long syntax_error_at(const char *text, size_t len)
{
    static const char shape[] = "xxxx-xx-xx";
    size_t i;
    for (i = 0; i < len && i < sizeof shape - 1; i++) {
        char c = text[i];
        bool ok = shape[i] == '-' ? c == '-' : is_digit(c) || c == '#';
        if (!ok)
            return (long)i;
    }
    if (i < len)
        return (long)i; /* something follows a full date */
    if (len != 4 && len != 7 && len != 10)
        return (long)len; /* a field or separator is missing */
    return -1;
}

/*
 * `#` (an unknown digit) may only fill whole fields after the year, and a known field may not
 * follow an unknown one (`2004-##-05`). The text already has the right shape. Returns the
 * 0-based offset of the first offending byte, or -1.
 */
static long unknown_digit_error_at(const char *text, size_t len)
{
    bool unknown = false; /* an earlier field was all '#' */
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        bool field_start = i == 5 || i == 8;
        if (c == '#') {
            if (i < 4)
                return (long)i; /* the year must be known */
            if (field_start)
                unknown = true;
            else if (text[i - 1] != '#')
                return (long)i; /* a field mixing digits and '#' */
        } else if (c != '-' && unknown) {
            return (long)i; /* a digit in or after an unknown field */
        }
    }
    return -1;
}

/*
 * Parses a date; on failure *out is a zeroed TKG_PREC_NONE date and `err` holds the message
 * and the 1-based column, within `text`, of the first offending byte (just past the end when
 * the text stops early). `text` may be NULL when `len` is 0.
 */
int tkg_date_parse(tkg_date *out, const char *text, size_t len, tkg_error *err)
{
    assert(out && (text || len == 0));
    static const char syntax[] = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    int rc = TKG_OK;
    *out = (tkg_date){0};
    if (!text)
        text = "";

    long bad = syntax_error_at(text, len);
    if (bad >= 0) {
        rc = fail(err, text, len, (size_t)bad + 1, syntax);
        goto done;
    }
    bad = unknown_digit_error_at(text, len);
    if (bad >= 0) {
        rc = fail(err, text, len, (size_t)bad + 1,
                  "'#' may only fill whole trailing fields, as in 2004-##-## or 2004-05-##");
        goto done;
    }

    int year = two_digits(text) * 100 + two_digits(text + 2);
    bool has_month = len >= 7 && text[5] != '#';
    bool has_day = len == 10 && text[8] != '#';
    int month = has_month ? two_digits(text + 5) : 0;
    int day = has_day ? two_digits(text + 8) : 0;

    if (year < YEAR_MIN) {
        rc = fail(err, text, len, 1, "year must be 0001-9999");
        goto done;
    }
    if (has_month && (month < 1 || month > 12)) {
        rc = fail(err, text, len, 6, "month must be 01-12");
        goto done;
    }
    int last = has_day ? tkg_days_in_month(year, month) : 0;
    if (has_day && (day < 1 || day > last)) {
        char why[64];
        if (day < 1)
            snprintf(why, sizeof why, "day must be 01-%02d", last);
        else
            snprintf(why, sizeof why, "%s %d has %d days", month_names[month - 1], year, last);
        rc = fail(err, text, len, 9, why);
        goto done;
    }

    out->year = (int16_t)year;
    out->month = (int8_t)month;
    out->day = (int8_t)day;
    if (has_day) {
        out->precision = TKG_PREC_DAY;
        out->first = out->last = tkg_day_from_civil(year, month, day);
    } else if (has_month) {
        out->precision = TKG_PREC_MONTH;
        out->first = tkg_day_from_civil(year, month, 1);
        out->last = tkg_day_from_civil(year, month, tkg_days_in_month(year, month));
    } else {
        out->precision = TKG_PREC_YEAR;
        out->first = tkg_day_from_civil(year, 1, 1);
        out->last = tkg_day_from_civil(year, 12, 31);
    }
done:
    return rc;
}

/* ----------------------------------------------------------- intervals */

static bool is_open(const tkg_date *d)
{
    return !d || d->precision == TKG_PREC_NONE;
}

/* `day + 1`, kept below the open-end sentinel. */
static int32_t next_day(int32_t day)
{
    return day < TKG_DAY_MAX ? day + 1 : TKG_DAY_MAX;
}

/*
 * Ends are inclusive (a fact "to 2024-11-15" holds on that day). Inclusive policy: a partial
 * start begins on the first day it covers and a partial end runs through the last. Strict
 * policy: only the days covered however the partial bounds resolve, from the last day of the
 * start through the first day of the end; with day-precision bounds both policies agree. A
 * strict interval may be empty (start >= end_excl); that is not an error. The order check
 * always uses the inclusive reading.
 * Fails with TKG_EINPUT (column 0: the message is about two attributes) or TKG_EUSAGE for an
 * unknown policy; *out is then the empty interval [0, 0).
 */
int tkg_interval_from_bounds(tkg_interval *out, const tkg_date *start, const tkg_date *end,
                             tkg_policy policy, tkg_error *err)
{
    assert(out);
    int rc = TKG_OK;
    *out = (tkg_interval){0, 0};

    if (policy != TKG_POLICY_INCLUSIVE && policy != TKG_POLICY_STRICT) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown date policy %d", (int)policy);
        goto done;
    }
    if (!is_open(start) && !is_open(end) && end->last < start->first) {
        char s[11], e[11];
        tkg_date_format(start, s);
        tkg_date_format(end, e);
        rc = tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "end %s is before start %s", e, s);
        goto done;
    }

    bool strict = policy == TKG_POLICY_STRICT;
    out->start = is_open(start) ? TKG_DAY_MIN : strict ? start->last : start->first;
    out->end_excl = is_open(end) ? TKG_DAY_MAX : next_day(strict ? end->first : end->last);
done:
    return rc;
}

bool tkg_interval_contains(tkg_interval iv, int32_t d)
{
    return iv.start <= d && d < iv.end_excl;
}

/* False for an empty interval and for an empty window (from > to). */
bool tkg_interval_overlaps(tkg_interval iv, int32_t from, int32_t to)
{
    return iv.start < iv.end_excl && from <= to && iv.start <= to && from < iv.end_excl;
}
