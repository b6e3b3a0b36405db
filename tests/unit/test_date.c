/* Unit tests for src/lib/date.c: calendar, parsing, formatting and intervals. */
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* A loop over millions of days checks each one silently and asserts once on the count of
 * mismatches, printing the first: one CUnit record per mismatch would drown the report. */
typedef struct tally {
    long bad;
    char first[160];
} tally;

static void miss(tally *t, const char *what, long a, long b)
{
    if (t->bad++ == 0)
        snprintf(t->first, sizeof t->first, "%s (%ld, %ld)", what, a, b);
}

static void report(const tally *t, const char *name)
{
    if (t->bad)
        fprintf(stderr, "\n  %s: %ld mismatches, first: %s\n", name, t->bad, t->first);
    CU_ASSERT_EQUAL(t->bad, 0);
}

static int parse(tkg_date *out, const char *text, tkg_error *err)
{
    tkg_error_clear(err);
    return tkg_date_parse(out, text, strlen(text), err);
}

/* ------------------------------------------------------------ calendar */

static void test_leap_years(void)
{
    CU_ASSERT_FALSE(tkg_is_leap_year(1900));
    CU_ASSERT_TRUE(tkg_is_leap_year(2000));
    CU_ASSERT_TRUE(tkg_is_leap_year(2024));
    CU_ASSERT_FALSE(tkg_is_leap_year(2100));
    CU_ASSERT_FALSE(tkg_is_leap_year(2023));
    CU_ASSERT_TRUE(tkg_is_leap_year(4));
    CU_ASSERT_FALSE(tkg_is_leap_year(100));
    CU_ASSERT_TRUE(tkg_is_leap_year(400));
    CU_ASSERT_FALSE(tkg_is_leap_year(9999));

    static const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        CU_ASSERT_EQUAL(tkg_days_in_month(2023, m), common[m - 1]);
        CU_ASSERT_EQUAL(tkg_days_in_month(2024, m), m == 2 ? 29 : common[m - 1]);
    }
    CU_ASSERT_EQUAL(tkg_days_in_month(1900, 2), 28);
    CU_ASSERT_EQUAL(tkg_days_in_month(2000, 2), 29);
    CU_ASSERT_EQUAL(tkg_days_in_month(2100, 2), 28);
    CU_ASSERT_EQUAL(tkg_days_in_month(2024, 0), 0);
    CU_ASSERT_EQUAL(tkg_days_in_month(2024, 13), 0);
}

static void test_known_days(void)
{
    CU_ASSERT_EQUAL(tkg_day_from_civil(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(tkg_day_from_civil(1969, 12, 31), -1);
    CU_ASSERT_EQUAL(tkg_day_from_civil(2000, 1, 1), 10957);
    CU_ASSERT_EQUAL(tkg_day_from_civil(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(tkg_day_from_civil(2024, 7, 6), 19910);
    CU_ASSERT_EQUAL(tkg_day_from_civil(1, 1, 1), -719162);
    CU_ASSERT_EQUAL(tkg_day_from_civil(9999, 12, 31), 2932896);

    int y, m, d;
    tkg_day_to_civil(19910, &y, &m, &d);
    CU_ASSERT(y == 2024 && m == 7 && d == 6);
    tkg_day_to_civil(-719162, &y, &m, &d);
    CU_ASSERT(y == 1 && m == 1 && d == 1);

    /* The sentinels split without overflow (the years lie far outside 1..9999). */
    tkg_day_to_civil(TKG_DAY_MIN, &y, &m, &d);
    CU_ASSERT(y < 1 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
    tkg_day_to_civil(TKG_DAY_MAX, &y, &m, &d);
    CU_ASSERT(y > 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

/* Every day of years 1..9999: civil → day → civil, and consecutive days differ by one. */
static void test_civil_round_trip_all_years(void)
{
    tally t = {0};
    long count = 0;
    int32_t prev = tkg_day_from_civil(1, 1, 1) - 1;
    for (int y = 1; y <= 9999; y++) {
        for (int m = 1; m <= 12; m++) {
            int dim = tkg_days_in_month(y, m);
            for (int d = 1; d <= dim; d++) {
                int32_t day = tkg_day_from_civil(y, m, d);
                if (day != prev + 1)
                    miss(&t, "not consecutive", (long)prev, (long)day);
                int y2, m2, d2;
                tkg_day_to_civil(day, &y2, &m2, &d2);
                if (y2 != y || m2 != m || d2 != d)
                    miss(&t, "civil round trip", (long)day, (long)(y2 * 10000 + m2 * 100 + d2));
                prev = day;
                count++;
            }
        }
    }
    report(&t, "years 1..9999");
    CU_ASSERT_EQUAL(count, 3652059);
    CU_ASSERT_EQUAL(prev, 2932896);
}

/* Every day of 1900..2100: day → text → parse → the same day, and text → format → text. */
static void test_format_parse_1900_2100(void)
{
    tally t = {0};
    int32_t from = tkg_day_from_civil(1900, 1, 1);
    int32_t to = tkg_day_from_civil(2100, 12, 31);
    for (int32_t day = from; day <= to; day++) {
        char text[11], again[11], expect[32];
        tkg_date date;
        tkg_error err;
        int y, m, d;
        tkg_day_to_civil(day, &y, &m, &d);
        if (tkg_day_from_civil(y, m, d) != day)
            miss(&t, "civil round trip", (long)day, (long)y);
        snprintf(expect, sizeof expect, "%04d-%02d-%02d", y, m, d);
        if (tkg_day_format(day, text) != 10 || strcmp(text, expect) != 0)
            miss(&t, "day_format", (long)day, (long)strlen(text));
        if (parse(&date, text, &err) != TKG_OK) {
            miss(&t, "parse", (long)day, (long)err.code);
            continue;
        }
        if (date.precision != TKG_PREC_DAY || date.first != day || date.last != day)
            miss(&t, "parsed day", (long)day, (long)date.first);
        if (date.year != y || date.month != m || date.day != d)
            miss(&t, "parsed fields", (long)day, (long)date.year);
        if (tkg_date_format(&date, again) != 10 || strcmp(again, text) != 0)
            miss(&t, "date_format", (long)day, (long)strlen(again));
    }
    report(&t, "days 1900..2100");
}

/* -------------------------------------------------------- good dates */

static void check_date(const char *text, tkg_precision prec, int year, int month, int day,
                       const char *first, const char *last, const char *canonical)
{
    tkg_date d;
    tkg_error err;
    char buf[11];
    int rc = parse(&d, text, &err);
    CU_ASSERT_EQUAL(rc, TKG_OK);
    CU_ASSERT_EQUAL(err.code, TKG_OK);
    if (rc != TKG_OK) {
        fprintf(stderr, "\n  '%s' rejected: %s\n", text, err.message);
        return;
    }
    CU_ASSERT_EQUAL(d.precision, prec);
    CU_ASSERT_EQUAL(d.year, year);
    CU_ASSERT_EQUAL(d.month, month);
    CU_ASSERT_EQUAL(d.day, day);
    tkg_day_format(d.first, buf);
    CU_ASSERT_STRING_EQUAL(buf, first);
    tkg_day_format(d.last, buf);
    CU_ASSERT_STRING_EQUAL(buf, last);
    CU_ASSERT_EQUAL(tkg_date_format(&d, buf), (int)strlen(canonical));
    CU_ASSERT_STRING_EQUAL(buf, canonical);
}

static void test_good_dates(void)
{
    check_date("2024-07-06", TKG_PREC_DAY, 2024, 7, 6, "2024-07-06", "2024-07-06", "2024-07-06");
    check_date("2000-02-29", TKG_PREC_DAY, 2000, 2, 29, "2000-02-29", "2000-02-29", "2000-02-29");
    check_date("2024-02-29", TKG_PREC_DAY, 2024, 2, 29, "2024-02-29", "2024-02-29", "2024-02-29");
    check_date("0001-01-01", TKG_PREC_DAY, 1, 1, 1, "0001-01-01", "0001-01-01", "0001-01-01");
    check_date("9999-12-31", TKG_PREC_DAY, 9999, 12, 31, "9999-12-31", "9999-12-31", "9999-12-31");
    check_date("2024", TKG_PREC_YEAR, 2024, 0, 0, "2024-01-01", "2024-12-31", "2024");
    check_date("0001", TKG_PREC_YEAR, 1, 0, 0, "0001-01-01", "0001-12-31", "0001");
    check_date("9999", TKG_PREC_YEAR, 9999, 0, 0, "9999-01-01", "9999-12-31", "9999");
    check_date("2024-07", TKG_PREC_MONTH, 2024, 7, 0, "2024-07-01", "2024-07-31", "2024-07");
    check_date("2024-02", TKG_PREC_MONTH, 2024, 2, 0, "2024-02-01", "2024-02-29", "2024-02");
    check_date("2023-02", TKG_PREC_MONTH, 2023, 2, 0, "2023-02-01", "2023-02-28", "2023-02");
    check_date("1900-02", TKG_PREC_MONTH, 1900, 2, 0, "1900-02-01", "1900-02-28", "1900-02");
    check_date("2024-04", TKG_PREC_MONTH, 2024, 4, 0, "2024-04-01", "2024-04-30", "2024-04");
    check_date("2024-12", TKG_PREC_MONTH, 2024, 12, 0, "2024-12-01", "2024-12-31", "2024-12");
}

static void test_yago_partial_dates(void)
{
    check_date("2004-##-##", TKG_PREC_YEAR, 2004, 0, 0, "2004-01-01", "2004-12-31", "2004");
    check_date("2004-##", TKG_PREC_YEAR, 2004, 0, 0, "2004-01-01", "2004-12-31", "2004");
    check_date("2004-05-##", TKG_PREC_MONTH, 2004, 5, 0, "2004-05-01", "2004-05-31", "2004-05");
    check_date("2004-02-##", TKG_PREC_MONTH, 2004, 2, 0, "2004-02-01", "2004-02-29", "2004-02");
    check_date("1900-02-##", TKG_PREC_MONTH, 1900, 2, 0, "1900-02-01", "1900-02-28", "1900-02");
}

/* The length bounds the text: nothing past `len` is read. */
static void test_parse_respects_len(void)
{
    tkg_date d;
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2024-07-06T00:00", 10, &err), TKG_OK);
    CU_ASSERT_EQUAL(d.precision, TKG_PREC_DAY);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2024-07-06", 7, &err), TKG_OK);
    CU_ASSERT_EQUAL(d.precision, TKG_PREC_MONTH);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, NULL, 0, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(err.column, 1);
    /* A NUL byte inside the text is a bad character like any other. */
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2024\0", 5, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(err.column, 5);
}

/* ---------------------------------------------------------- bad dates */

typedef struct bad_case {
    const char *text;
    int column;
    const char *message; /* a substring of the message */
} bad_case;

static const char SYNTAX[] = "expected YYYY, YYYY-MM or YYYY-MM-DD";
static const char UNKNOWN[] = "'#' may only fill whole trailing fields";

static void test_bad_dates(void)
{
    const bad_case cases[] = {
        /* exact messages from the specification */
        {"2023-02-29", 9, "invalid date '2023-02-29': february 2023 has 28 days"},
        {"2024-13-01", 6, "invalid date '2024-13-01': month must be 01-12"},
        {"2024-07-1x", 10, "invalid date '2024-07-1x': expected YYYY, YYYY-MM or YYYY-MM-DD"},
        /* shape */
        {"", 1, SYNTAX},
        {" 2024", 1, SYNTAX},
        {"2024 ", 5, SYNTAX},
        {" 2024-07-01", 1, SYNTAX},
        {"2024-07-01 ", 11, SYNTAX},
        {"2024-07-01x", 11, SYNTAX},
        {"2024-07-01\n", 11, SYNTAX},
        {"x2024", 1, SYNTAX},
        {"+2024", 1, SYNTAX},
        {"-2024", 1, SYNTAX},
        {"+2024-07-01", 1, SYNTAX},
        {"2024-+7-01", 6, SYNTAX},
        {"2024-07--1", 9, SYNTAX},
        {"20245", 5, SYNTAX},
        {"20245-01-01", 5, SYNTAX},
        {"02024-01-01", 5, SYNTAX},
        {"2024-7-01", 7, SYNTAX},
        {"2024-07-1", 10, SYNTAX},
        {"2024-07-001", 11, SYNTAX},
        {"2024-007-01", 8, SYNTAX},
        {"24-07-01", 3, SYNTAX},
        {"202", 4, SYNTAX},
        {"2024/07/01", 5, SYNTAX},
        {"2024-", 6, SYNTAX},
        {"2024-0", 7, SYNTAX},
        {"2024-07-", 9, SYNTAX},
        {"2024-07-06T10:00", 11, SYNTAX},
        {"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94", 1, SYNTAX}, /* fullwidth 2024 */
        /* ranges */
        {"0000-00-00", 1, "year must be 0001-9999"},
        {"0000", 1, "year must be 0001-9999"},
        {"0000-01-01", 1, "year must be 0001-9999"},
        {"2024-00-01", 6, "month must be 01-12"},
        {"2024-00", 6, "month must be 01-12"},
        {"2024-13", 6, "month must be 01-12"},
        {"2024-99-99", 6, "month must be 01-12"},
        {"2024-13-##", 6, "month must be 01-12"},
        {"2024-01-00", 9, "day must be 01-31"},
        {"2024-02-00", 9, "day must be 01-29"},
        {"2024-01-32", 9, "january 2024 has 31 days"},
        {"2024-04-31", 9, "april 2024 has 30 days"},
        {"2023-02-29", 9, "february 2023 has 28 days"},
        {"2100-02-29", 9, "february 2100 has 28 days"},
        {"1900-02-29", 9, "february 1900 has 28 days"},
        {"2024-02-30", 9, "february 2024 has 29 days"},
        {"2024-11-31", 9, "november 2024 has 30 days"},
        /* unknown digits */
        {"20##-##-##", 3, UNKNOWN},
        {"####-##-##", 1, UNKNOWN},
        {"####", 1, UNKNOWN},
        {"200#", 4, UNKNOWN},
        {"2004-##-05", 9, UNKNOWN},
        {"2004-0#-##", 7, UNKNOWN},
        {"2004-#5-##", 7, UNKNOWN},
        {"2004-##-0#", 9, UNKNOWN},
        {"2004-05-0#", 10, UNKNOWN},
        {"2004-05-#1", 10, UNKNOWN},
        {"2004-#", 7, SYNTAX},
        {"2004-##-#", 10, SYNTAX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        tkg_date d;
        tkg_error err;
        int rc = parse(&d, c->text, &err);
        bool ok = rc == TKG_EINPUT && err.code == TKG_EINPUT && err.column == c->column &&
                  err.line == 0 && err.source[0] == '\0' && strstr(err.message, c->message) &&
                  strncmp(err.message, "invalid date '", 14) == 0 && d.precision == TKG_PREC_NONE;
        if (!ok)
            fprintf(stderr, "\n  '%s': rc %d, column %d, message '%s'\n", c->text, rc, err.column,
                    err.message);
        CU_ASSERT_TRUE(ok);
    }
}

static void test_error_rules(void)
{
    tkg_date d;
    tkg_error err;

    /* err may be NULL */
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2024-13", 7, NULL), TKG_EINPUT);

    /* the first error wins */
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2024-13", 7, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, "2023-02-29", 10, &err), TKG_EINPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'2024-13'"));

    /* long garbage is shortened in the message, which keeps its reason */
    char junk[300];
    memset(junk, 'x', sizeof junk);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, junk, 0, &err), TKG_EINPUT); /* first error kept */
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_date_parse(&d, junk, sizeof junk, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(err.column, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "...': expected YYYY"));
    CU_ASSERT(strlen(err.message) < 120);
}

/* ---------------------------------------------------------- formatting */

static void test_format(void)
{
    char buf[11];
    tkg_date none = {0};
    memset(buf, 'z', sizeof buf);
    CU_ASSERT_EQUAL(tkg_date_format(&none, buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");

    CU_ASSERT_EQUAL(tkg_day_format(0, buf), 10);
    CU_ASSERT_STRING_EQUAL(buf, "1970-01-01");
    CU_ASSERT_EQUAL(tkg_day_format(-1, buf), 10);
    CU_ASSERT_STRING_EQUAL(buf, "1969-12-31");
    CU_ASSERT_EQUAL(tkg_day_format(-719162, buf), 10);
    CU_ASSERT_STRING_EQUAL(buf, "0001-01-01");
    CU_ASSERT_EQUAL(tkg_day_format(2932896, buf), 10);
    CU_ASSERT_STRING_EQUAL(buf, "9999-12-31");

    /* days without a four-digit year, such as the sentinels, have no text */
    CU_ASSERT_EQUAL(tkg_day_format(-719163, buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");
    CU_ASSERT_EQUAL(tkg_day_format(2932897, buf), 0);
    CU_ASSERT_EQUAL(tkg_day_format(TKG_DAY_MIN, buf), 0);
    CU_ASSERT_EQUAL(tkg_day_format(TKG_DAY_MAX, buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");
}

/* ----------------------------------------------------------- intervals */

static tkg_date date_of(const char *text)
{
    tkg_date d;
    tkg_error err;
    int rc = parse(&d, text, &err);
    CU_ASSERT_EQUAL_FATAL(rc, TKG_OK);
    return d;
}

static int32_t day_of(const char *text)
{
    return date_of(text).first;
}

static tkg_interval interval_of(const char *start, const char *end, tkg_policy policy)
{
    tkg_date s = {0}, e = {0};
    tkg_interval iv;
    tkg_error err;
    if (start)
        s = date_of(start);
    if (end)
        e = date_of(end);
    tkg_error_clear(&err);
    int rc = tkg_interval_from_bounds(&iv, &s, &e, policy, &err);
    CU_ASSERT_EQUAL(rc, TKG_OK);
    if (rc != TKG_OK)
        fprintf(stderr, "\n  %s..%s: %s\n", start, end, err.message);
    return iv;
}

static bool is_empty(tkg_interval iv)
{
    return iv.start >= iv.end_excl;
}

static void test_interval_policies(void)
{
    /* 2024-07 .. 2024-07: the whole month, or nothing surely */
    tkg_interval iv = interval_of("2024-07", "2024-07", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.start, day_of("2024-07-01"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-08-01"));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, day_of("2024-06-30")));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("2024-07-01")));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("2024-07-31")));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, day_of("2024-08-01")));

    iv = interval_of("2024-07", "2024-07", TKG_POLICY_STRICT);
    CU_ASSERT_EQUAL(iv.start, day_of("2024-07-31"));
    CU_ASSERT_TRUE(is_empty(iv));
    for (int d = 1; d <= 31; d++)
        CU_ASSERT_FALSE(tkg_interval_contains(iv, tkg_day_from_civil(2024, 7, d)));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, TKG_DAY_MIN, TKG_DAY_MAX));

    /* a year-precision fact: strict keeps nothing of a single year */
    CU_ASSERT_TRUE(is_empty(interval_of("2004-##-##", "2004-##-##", TKG_POLICY_STRICT)));
    iv = interval_of("2004-##-##", "2004-##-##", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.start, day_of("2004-01-01"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2005-01-01"));

    /* partial bounds months apart: strict runs from the last day of the start month through
     * the first day of the end month */
    iv = interval_of("2024-03", "2024-07", TKG_POLICY_STRICT);
    CU_ASSERT_EQUAL(iv.start, day_of("2024-03-31"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-07-02"));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("2024-07-01")));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, day_of("2024-07-02")));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, day_of("2024-03-30")));

    /* full-precision bounds leave nothing uncertain: both policies agree, end day included */
    for (int p = TKG_POLICY_INCLUSIVE; p <= TKG_POLICY_STRICT; p++) {
        iv = interval_of("2013-04-25", "2024-11-15", (tkg_policy)p);
        CU_ASSERT_EQUAL(iv.start, day_of("2013-04-25"));
        CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-11-16"));
        iv = interval_of("2024-07-06", "2024-07-06", (tkg_policy)p);
        CU_ASSERT_EQUAL(iv.start, day_of("2024-07-06"));
        CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-07-07"));
        CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("2024-07-06")));
    }

    /* a day start inside the end month: fine inclusively, empty strictly */
    iv = interval_of("2024-07-06", "2024-07", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.start, day_of("2024-07-06"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-08-01"));
    CU_ASSERT_TRUE(is_empty(interval_of("2024-07-06", "2024-07", TKG_POLICY_STRICT)));
    iv = interval_of("2024-07", "2024-07-06", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.start, day_of("2024-07-01"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-07-07"));
    iv = interval_of("2024", "2024-01-01", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.end_excl, day_of("2024-01-02"));

    /* the extremes of the calendar */
    iv = interval_of("0001", "9999", TKG_POLICY_INCLUSIVE);
    CU_ASSERT_EQUAL(iv.start, day_of("0001-01-01"));
    CU_ASSERT_EQUAL(iv.end_excl, day_of("9999-12-31") + 1);
}

static void test_interval_open(void)
{
    tkg_interval iv;
    tkg_date none = {0};
    tkg_date july = date_of("2024-07");
    tkg_error err;
    tkg_error_clear(&err);

    for (int p = TKG_POLICY_INCLUSIVE; p <= TKG_POLICY_STRICT; p++) {
        CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, NULL, NULL, (tkg_policy)p, &err), TKG_OK);
        CU_ASSERT(iv.start == TKG_DAY_MIN && iv.end_excl == TKG_DAY_MAX);
        CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, &none, &none, (tkg_policy)p, &err), TKG_OK);
        CU_ASSERT(iv.start == TKG_DAY_MIN && iv.end_excl == TKG_DAY_MAX);
        CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, &july, NULL, (tkg_policy)p, &err), TKG_OK);
        CU_ASSERT_EQUAL(iv.end_excl, TKG_DAY_MAX);
        CU_ASSERT_EQUAL(iv.start, p == TKG_POLICY_STRICT ? july.last : july.first);
        CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, &none, &july, (tkg_policy)p, &err), TKG_OK);
        CU_ASSERT_EQUAL(iv.start, TKG_DAY_MIN);
        CU_ASSERT_EQUAL(iv.end_excl, p == TKG_POLICY_STRICT ? july.first + 1 : july.last + 1);
    }
    CU_ASSERT_EQUAL(err.code, TKG_OK);

    /* an open interval holds every real day, and the start sentinel */
    iv = (tkg_interval){TKG_DAY_MIN, TKG_DAY_MAX};
    CU_ASSERT_TRUE(tkg_interval_contains(iv, TKG_DAY_MIN));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("0001-01-01")));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, day_of("9999-12-31")));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, TKG_DAY_MAX - 1));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, TKG_DAY_MAX)); /* half-open */
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, TKG_DAY_MIN, TKG_DAY_MAX));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, TKG_DAY_MIN, TKG_DAY_MIN));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, TKG_DAY_MAX - 1, TKG_DAY_MAX));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, TKG_DAY_MAX, TKG_DAY_MAX));

    /* open on one side */
    tkg_interval before = {TKG_DAY_MIN, 0}, after = {0, TKG_DAY_MAX};
    CU_ASSERT_TRUE(tkg_interval_contains(before, -1));
    CU_ASSERT_FALSE(tkg_interval_contains(before, 0));
    CU_ASSERT_TRUE(tkg_interval_contains(after, 0));
    CU_ASSERT_FALSE(tkg_interval_contains(after, -1));
    CU_ASSERT_TRUE(tkg_interval_overlaps(before, TKG_DAY_MIN, TKG_DAY_MIN));
    CU_ASSERT_TRUE(tkg_interval_overlaps(before, -1, 0));
    CU_ASSERT_FALSE(tkg_interval_overlaps(before, 0, TKG_DAY_MAX));
    CU_ASSERT_TRUE(tkg_interval_overlaps(after, TKG_DAY_MIN, 0));
    CU_ASSERT_FALSE(tkg_interval_overlaps(after, TKG_DAY_MIN, -1));
    CU_ASSERT_TRUE(tkg_interval_overlaps(after, TKG_DAY_MAX - 1, TKG_DAY_MAX));
}

static void check_rejected(const char *start, const char *end, tkg_policy policy,
                           const char *message)
{
    tkg_date s = date_of(start), e = date_of(end);
    tkg_interval iv = {1, 2};
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, &s, &e, policy, &err), TKG_EINPUT);
    CU_ASSERT_EQUAL(err.code, TKG_EINPUT);
    CU_ASSERT_STRING_EQUAL(err.message, message);
    CU_ASSERT(err.line == 0 && err.column == 0 && err.source[0] == '\0');
    CU_ASSERT_TRUE(is_empty(iv));
}

static void test_interval_end_before_start(void)
{
    for (int p = TKG_POLICY_INCLUSIVE; p <= TKG_POLICY_STRICT; p++) {
        tkg_policy policy = (tkg_policy)p;
        check_rejected("2024-05", "2023-01", policy, "end 2023-01 is before start 2024-05");
        check_rejected("2024-07-10", "2024-07-09", policy,
                       "end 2024-07-09 is before start 2024-07-10");
        check_rejected("2004-##-##", "2003-12-31", policy, "end 2003-12-31 is before start 2004");
        check_rejected("2024-08-01", "2024-07", policy, "end 2024-07 is before start 2024-08-01");
    }
    /* NULL err is allowed */
    tkg_date s = date_of("2024"), e = date_of("2023");
    tkg_interval iv;
    CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, &s, &e, TKG_POLICY_INCLUSIVE, NULL), TKG_EINPUT);
    /* an unknown policy is a usage error */
    tkg_error err;
    tkg_error_clear(&err);
    CU_ASSERT_EQUAL(tkg_interval_from_bounds(&iv, NULL, NULL, (tkg_policy)7, &err), TKG_EUSAGE);
    CU_ASSERT_EQUAL(err.code, TKG_EUSAGE);
}

static void test_contains_overlaps_edges(void)
{
    tkg_interval iv = {10, 20};
    CU_ASSERT_FALSE(tkg_interval_contains(iv, 9));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, 10));
    CU_ASSERT_TRUE(tkg_interval_contains(iv, 19));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, 20));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, TKG_DAY_MIN));
    CU_ASSERT_FALSE(tkg_interval_contains(iv, TKG_DAY_MAX));

    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, 0, 9));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 0, 10));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 10, 10));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 12, 15));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 19, 19));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 19, 30));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, 20, 30));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, 0, 100));
    CU_ASSERT_TRUE(tkg_interval_overlaps(iv, TKG_DAY_MIN, TKG_DAY_MAX));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, TKG_DAY_MIN, 9));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, 20, TKG_DAY_MAX));
    CU_ASSERT_FALSE(tkg_interval_overlaps(iv, 15, 12)); /* an empty window */

    /* a one-day interval */
    tkg_interval one = {10, 11};
    CU_ASSERT_TRUE(tkg_interval_contains(one, 10));
    CU_ASSERT_FALSE(tkg_interval_contains(one, 11));
    CU_ASSERT_TRUE(tkg_interval_overlaps(one, 10, 10));
    CU_ASSERT_FALSE(tkg_interval_overlaps(one, 11, 11));
    CU_ASSERT_FALSE(tkg_interval_overlaps(one, 9, 9));

    /* empty intervals contain and overlap nothing */
    tkg_interval empty = {5, 5}, reversed = {20, 10};
    CU_ASSERT_FALSE(tkg_interval_contains(empty, 5));
    CU_ASSERT_FALSE(tkg_interval_overlaps(empty, 0, 10));
    CU_ASSERT_FALSE(tkg_interval_overlaps(empty, 5, 5));
    CU_ASSERT_FALSE(tkg_interval_overlaps(empty, TKG_DAY_MIN, TKG_DAY_MAX));
    CU_ASSERT_FALSE(tkg_interval_contains(reversed, 15));
    CU_ASSERT_FALSE(tkg_interval_overlaps(reversed, 12, 15));
    CU_ASSERT_FALSE(tkg_interval_overlaps(reversed, TKG_DAY_MIN, TKG_DAY_MAX));
}

/* ------------------------------------------------------------ property */

/* A fixed-seed 64-bit LCG (Knuth's MMIX constants); the high bits are the good ones. */
static uint64_t lcg_state = 20240706;

static uint32_t next_random(uint32_t bound)
{
    lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)((lcg_state >> 33) % bound);
}

/* A field value: mostly plausible, sometimes any number of the width, sometimes another width. */
static int append_field(char *p, int lo, int hi, int width)
{
    uint32_t pick = next_random(100);
    int value, w = width;
    if (pick < 70) {
        value = lo + (int)next_random((uint32_t)(hi - lo + 1));
    } else if (pick < 95) {
        value = (int)next_random(width == 4 ? 10000 : 100);
    } else {
        w = 1 + (int)next_random(5);
        value = (int)next_random(100000);
        value %= w == 1 ? 10 : w == 2 ? 100 : w == 3 ? 1000 : w == 4 ? 10000 : 100000;
    }
    return sprintf(p, "%0*d", w, value);
}

static void test_property_random_dates(void)
{
    tally t = {0};
    long accepted = 0, rejected = 0;
    for (long n = 0; n < 1000000; n++) {
        char text[32], back[11];
        char *p = text;
        uint32_t fields = 1 + next_random(3);
        p += append_field(p, 1, 9999, 4);
        if (fields >= 2) {
            *p++ = '-';
            p += append_field(p, 1, 12, 2);
        }
        if (fields >= 3) {
            *p++ = '-';
            p += append_field(p, 1, 31, 2);
        }
        *p = '\0';

        tkg_date d;
        tkg_error err;
        if (parse(&d, text, &err) != TKG_OK) {
            if (err.code != TKG_EINPUT || strncmp(err.message, "invalid date '", 14) != 0 ||
                err.column < 1 || err.column > (int)strlen(text) + 1)
                miss(&t, text, (long)err.code, (long)err.column);
            rejected++;
            continue;
        }
        accepted++;
        int month = d.month ? d.month : 1, day = d.day ? d.day : 1;
        if (d.precision != (tkg_precision)fields)
            miss(&t, text, (long)d.precision, (long)fields);
        if (d.year < 1 || d.year > 9999)
            miss(&t, text, (long)d.year, 0);
        if (d.precision >= TKG_PREC_MONTH && (d.month < 1 || d.month > 12))
            miss(&t, text, (long)d.month, 0);
        if (d.precision == TKG_PREC_DAY &&
            (d.day < 1 || d.day > tkg_days_in_month(d.year, d.month)))
            miss(&t, text, (long)d.day, (long)tkg_days_in_month(d.year, d.month));
        if (d.first != tkg_day_from_civil(d.year, month, day) || d.first > d.last)
            miss(&t, text, (long)d.first, (long)d.last);
        tkg_date_format(&d, back);
        if (strcmp(back, text) != 0)
            miss(&t, text, (long)strlen(back), 0);
    }
    report(&t, "random dates");
    /* the generator must exercise both outcomes */
    CU_ASSERT(accepted > 300000);
    CU_ASSERT(rejected > 100000);
}

/* ---------------------------------------------------------------- main */

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"leap years and month lengths", test_leap_years},
        {"known day numbers", test_known_days},
        {"civil round trip, years 1..9999", test_civil_round_trip_all_years},
        {"format/parse round trip, 1900..2100", test_format_parse_1900_2100},
        {"good dates and their ranges", test_good_dates},
        {"YAGO partial dates", test_yago_partial_dates},
        {"parse respects len", test_parse_respects_len},
        {"bad dates", test_bad_dates},
        {"error rules", test_error_rules},
        {"format", test_format},
        {"interval policies", test_interval_policies},
        {"open intervals and sentinels", test_interval_open},
        {"end before start", test_interval_end_before_start},
        {"contains and overlaps at edges", test_contains_overlaps_edges},
        {"property: random dates", test_property_random_dates},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("date", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    /* read before CU_cleanup_registry(), which clears it */
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
