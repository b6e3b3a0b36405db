/* Unit tests for src/lib/extract_dates.c: each form in French and English, the anchoring of
 * relative expressions and of dates without a year (around New Year, leap days), roles and
 * spans, what is not a date, text boundaries and invalid UTF-8 (the text is copied into a
 * buffer of exactly its length, so that ASan catches any read past it). */
#include "extract_dates.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tagger's output as one string: `[span] role value[..end]; ` per expression. */
static const char *tag_n(const char *text, size_t len, xdate_lang lang, const char *published)
{
    static char out[4096];
    tkg_error err = {0};
    tkg_date pub;
    xdate *x = NULL;
    size_t n = 0, used = 0;
    char *copy = malloc(len ? len : 1);
    out[0] = '\0';
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    memcpy(copy, text, len);
    CU_ASSERT_EQUAL_FATAL(tkg_date_parse(&pub, published, strlen(published), &err), TKG_OK);
    CU_ASSERT_EQUAL(xdate_extract(copy, len, lang, &pub, &x, &n, &err), TKG_OK);
    for (size_t i = 0; i < n; i++) {
        char v[11], v2[11];
        CU_ASSERT(x[i].start < x[i].end && x[i].end <= len);
        CU_ASSERT(i == 0 || x[i - 1].end <= x[i].start);
        tkg_date_format(&x[i].value, v);
        tkg_date_format(&x[i].value2, v2);
        used += (size_t)snprintf(out + used, sizeof out - used, "[%.*s] %s %s%s%s; ",
                                 (int)(x[i].end - x[i].start), copy + x[i].start,
                                 xdate_role_name(x[i].role), v, v2[0] ? ".." : "", v2);
        CU_ASSERT_FATAL(used < sizeof out);
    }
    free(x);
    free(copy);
    return out;
}

static const char *fr(const char *text, const char *published)
{
    return tag_n(text, strlen(text), XDATE_FR, published);
}

static const char *en(const char *text, const char *published)
{
    return tag_n(text, strlen(text), XDATE_EN, published);
}

#define EXPECT(got, want) CU_ASSERT_STRING_EQUAL(got, want)

static void test_full_dates_fr(void)
{
    EXPECT(fr("créée le 25 avril 2013 par", "2024-11-15"), "[25 avril 2013] point 2013-04-25; ");
    EXPECT(fr("le 1er janvier 2024", "2024-11-15"), "[1er janvier 2024] point 2024-01-01; ");
    EXPECT(fr("le 1ᵉʳ juillet", "2024-11-15"), "[1ᵉʳ juillet] point 2024-07-01; ");
    EXPECT(fr("le 6 juillet", "2024-11-15"), "[6 juillet] point 2024-07-06; ");
    EXPECT(fr("LE 6 JUILLET", "2024-11-15"), "[6 JUILLET] point 2024-07-06; ");
    EXPECT(fr("le 15 Août 2020", "2024-11-15"), "[15 Août 2020] point 2020-08-15; ");
    EXPECT(fr("vendredi 15 novembre 2024", "2024-11-20"),
           "[vendredi 15 novembre 2024] point 2024-11-15; ");
    EXPECT(fr("ce 15 novembre", "2024-11-15"), "[ce 15 novembre] point 2024-11-15; ");
    EXPECT(fr("le 28 janvier dernier", "2024-11-15"), "[28 janvier dernier] point 2024-01-28; ");
}

static void test_months_years_fr(void)
{
    EXPECT(fr("en mai 2021", "2024-11-15"), "[mai 2021] point 2021-05; ");
    EXPECT(fr("en 2013", "2024-11-15"), "[2013] point 2013; ");
    EXPECT(fr("en juillet dernier", "2024-11-15"), "[juillet dernier] point 2024-07; ");
    EXPECT(fr("en novembre", "2024-11-15"), "[novembre] point 2024-11; ");
    EXPECT(fr("en novembre dernier", "2024-11-15"), "[novembre dernier] point 2023-11; ");
    EXPECT(fr("en mars prochain", "2024-11-15"), "[mars prochain] point 2025-03; ");
    /* a month or a year alone needs a cue */
    EXPECT(fr("Il mai pas. La résolution 2100 et 15 000 hommes, en 2013.", "2024-11-15"),
           "[2013] point 2013; ");
}

static void test_full_dates_en(void)
{
    EXPECT(en("on April 25, 2013 the", "2024-11-15"), "[April 25, 2013] point 2013-04-25; ");
    EXPECT(en("on 25 April 2013", "2024-11-15"), "[25 April 2013] point 2013-04-25; ");
    EXPECT(en("the 25th of April 2013", "2024-11-15"), "[25th of April 2013] point 2013-04-25; ");
    EXPECT(en("on Sept. 16, 2023.", "2024-11-15"), "[Sept. 16, 2023] point 2023-09-16; ");
    EXPECT(en("on July 4", "2024-11-15"), "[July 4] point 2024-07-04; ");
    EXPECT(en("in May 2021", "2024-11-15"), "[May 2021] point 2021-05; ");
    EXPECT(en("in June.", "2024-11-15"), "[June] point 2024-06; ");
    EXPECT(en("in 2013", "2024-11-15"), "[2013] point 2013; ");
    EXPECT(en("Officials may march today", "2024-11-15"), "[today] point 2024-11-15; ");
}

static void test_relative(void)
{
    /* 2024-11-15 is a Friday */
    EXPECT(fr("hier, aujourd’hui et demain", "2024-11-15"),
           "[hier] point 2024-11-14; [aujourd’hui] point 2024-11-15; [demain] point 2024-11-16; ");
    EXPECT(fr("avant-hier", "2024-11-15"), "[avant-hier] point 2024-11-13; ");
    EXPECT(fr("l'an dernier, l’année prochaine, cette année", "2024-11-15"),
           "[l'an dernier] point 2023; [l’année prochaine] point 2025; [cette année] point 2024; ");
    EXPECT(fr("le mois dernier", "2024-01-10"), "[le mois dernier] point 2023-12; ");
    EXPECT(fr("vendredi", "2024-11-15"), "[vendredi] point 2024-11-15; ");
    EXPECT(fr("vendredi dernier", "2024-11-15"), "[vendredi dernier] point 2024-11-08; ");
    EXPECT(fr("jeudi", "2024-11-15"), "[jeudi] point 2024-11-14; ");
    EXPECT(fr("samedi", "2024-11-15"), "[samedi] point 2024-11-09; ");
    EXPECT(fr("lundi prochain", "2024-11-15"), "[lundi prochain] point 2024-11-18; ");
    EXPECT(en("yesterday and today", "2024-03-01"),
           "[yesterday] point 2024-02-29; [today] point 2024-03-01; ");
    EXPECT(en("last month, this year, last year", "2024-01-10"),
           "[last month] point 2023-12; [this year] point 2024; [last year] point 2023; ");
    EXPECT(en("on Friday", "2024-11-15"), "[Friday] point 2024-11-15; ");
    EXPECT(en("last Friday", "2024-11-15"), "[last Friday] point 2024-11-08; ");
    EXPECT(en("next Friday", "2024-11-15"), "[next Friday] point 2024-11-22; ");
}

static void test_roles_and_spans(void)
{
    EXPECT(fr("depuis 2013", "2024-11-15"), "[2013] start 2013; ");
    EXPECT(fr("depuis le coup d’État de mai 2021", "2024-11-15"), "[mai 2021] start 2021-05; ");
    /* the complement of `depuis` introduced by `en` or by the contraction `du` */
    EXPECT(fr("depuis sa création en 2014", "2024-11-15"), "[2014] start 2014; ");
    EXPECT(fr("depuis le putsch du 5 septembre 2021", "2024-11-15"),
           "[5 septembre 2021] start 2021-09-05; ");
    /* but not past another date: the second bound of a span */
    EXPECT(fr("depuis 2013 jusqu'en 2024", "2024-11-15"), "[2013] start 2013; [2024] end 2024; ");
    EXPECT(fr("à partir du 1er décembre", "2024-11-15"), "[1er décembre] start 2024-12-01; ");
    EXPECT(fr("jusqu’au 31 décembre", "2024-11-15"), "[31 décembre] end 2024-12-31; ");
    EXPECT(fr("jusqu'en mars", "2024-11-15"), "[mars] end 2025-03; ");
    EXPECT(fr("d’ici la fin de l’année", "2024-11-15"), "[la fin de l’année] end 2024-12-31; ");
    EXPECT(fr("du 1er janvier au 15 novembre 2024", "2024-11-15"),
           "[1er janvier au 15 novembre 2024] span 2024-01-01..2024-11-15; ");
    EXPECT(fr("du 1er au 15 novembre", "2024-11-15"),
           "[1er au 15 novembre] span 2024-11-01..2024-11-15; ");
    EXPECT(fr("du 20 décembre au 5 janvier 2025", "2025-02-01"),
           "[20 décembre au 5 janvier 2025] span 2024-12-20..2025-01-05; ");
    EXPECT(fr("entre 2009 et 2010", "2024-11-15"), "[2009 et 2010] span 2009..2010; ");
    EXPECT(en("since 2013, until the end of the year", "2024-11-15"),
           "[2013] start 2013; [the end of the year] end 2024-12-31; ");
    /* the complement of `since` introduced by `of` or `in`, not past a number */
    EXPECT(en("since the coup of August 30, 2023", "2024-11-15"),
           "[August 30, 2023] start 2023-08-30; ");
    EXPECT(en("since its creation in 2014", "2024-11-15"), "[2014] start 2014; ");
    EXPECT(en("since 2013 in 2024", "2024-11-15"), "[2013] start 2013; [2024] point 2024; ");
    EXPECT(en("from July 1 to December 31, 2023", "2024-11-15"),
           "[July 1 to December 31, 2023] span 2023-07-01..2023-12-31; ");
    /* durations are not dates */
    EXPECT(fr("après dix ans de présence", "2024-11-15"), "");
    EXPECT(en("for ten years", "2024-11-15"), "");
}

static void test_new_year(void)
{
    /* the latest such date not after publication, unless a marker says otherwise */
    EXPECT(fr("le 28 décembre", "2025-01-03"), "[28 décembre] point 2024-12-28; ");
    EXPECT(fr("le 3 janvier", "2025-01-03"), "[3 janvier] point 2025-01-03; ");
    EXPECT(fr("le 4 janvier", "2025-01-03"), "[4 janvier] point 2024-01-04; ");
    EXPECT(fr("en décembre", "2025-01-03"), "[décembre] point 2024-12; ");
    EXPECT(fr("jusqu'au 31 décembre", "2024-12-31"), "[31 décembre] end 2024-12-31; ");
    EXPECT(fr("jusqu'au 31 décembre", "2025-01-01"), "[31 décembre] end 2025-12-31; ");
    EXPECT(fr("dès le 2 janvier", "2024-12-30"), "[2 janvier] start 2025-01-02; ");
    EXPECT(en("last month", "2025-01-10"), "[last month] point 2024-12; ");
    EXPECT(en("December 31", "2025-01-01"), "[December 31] point 2024-12-31; ");
    EXPECT(fr("mardi", "2025-01-03"), "[mardi] point 2024-12-31; ");
}

static void test_leap_days_and_invalid(void)
{
    EXPECT(fr("le 29 février", "2025-03-01"), "[29 février] point 2024-02-29; ");
    EXPECT(fr("le 29 février 2024", "2025-03-01"), "[29 février 2024] point 2024-02-29; ");
    /* an impossible date is not tagged, not even as its month */
    EXPECT(fr("le 29 février 2023, puis", "2025-03-01"), "");
    EXPECT(fr("le 31 février 2023", "2025-03-01"), "");
    EXPECT(fr("le 31 avril", "2025-03-01"), "");
    EXPECT(en("The February 30, 2023 memo", "2025-03-01"), "");
    EXPECT(fr("le 32 mai 2020", "2025-03-01"), "");
}

static void test_boundaries(void)
{
    EXPECT(fr("", "2024-11-15"), "");
    EXPECT(fr("hier", "2024-11-15"), "[hier] point 2024-11-14; ");
    EXPECT(fr("en 2013", "2024-11-15"), "[2013] point 2013; ");
    EXPECT(fr("le 25 avril", "2024-11-15"), "[25 avril] point 2024-04-25; ");
    EXPECT(fr("aujourd'", "2024-11-15"), "");
    EXPECT(fr("depuis", "2024-11-15"), "");
    EXPECT(fr("le 1", "2024-11-15"), "");
    EXPECT(en("April 25,", "2024-11-15"), "[April 25] point 2024-04-25; ");
    /* a prefix of a text is tagged as a text of its own */
    const char *t = "le 25 avril 2013";
    EXPECT(tag_n(t, 11, XDATE_FR, "2024-11-15"), "[25 avril] point 2024-04-25; ");
    EXPECT(tag_n(t, 0, XDATE_FR, "2024-11-15"), "");
    tkg_error err = {0};
    xdate *x = (xdate *)1;
    size_t n = 5;
    CU_ASSERT_EQUAL(xdate_extract(NULL, 0, XDATE_EN, &(tkg_date){0}, &x, &n, &err), TKG_EUSAGE);
    CU_ASSERT_PTR_NULL(x);
    CU_ASSERT_EQUAL(n, 0);
}

static void test_invalid_utf8(void)
{
    /* truncated sequences at the end, stray continuation bytes, overlong forms */
    static const char *const bad[] = {"le 25 avril 2013 \xC3",
                                      "le 25 avril 2013 \xE2\x80",
                                      "\x80\x80le 6 juillet\xFF",
                                      "le 6 juil\xC3\xA9let",
                                      "\xF0\x9F\x98",
                                      "le 25 \xC0\xAF avril 2013",
                                      "aujourd\xE2\x80",
                                      "1\xE1\xB5 juillet"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        (void)fr(bad[i], "2024-11-15");
    EXPECT(fr("le 25 avril 2013 \xC3", "2024-11-15"), "[25 avril 2013] point 2013-04-25; ");
    EXPECT(fr("\x80\x80le 6 juillet\xFF", "2024-11-15"), "[6 juillet] point 2024-07-06; ");
    /* every byte value at every position of a short text */
    char buf[24];
    const char *base = "le 1er mai 2021 hier";
    size_t len = strlen(base);
    for (size_t pos = 0; pos < len; pos++)
        for (int b = 0x80; b <= 0xFF; b += 7) {
            memcpy(buf, base, len);
            buf[pos] = (char)b;
            (void)tag_n(buf, len, XDATE_FR, "2024-11-15");
        }
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"full dates, French", test_full_dates_fr},
        {"months and years, French", test_months_years_fr},
        {"full dates, months and years, English", test_full_dates_en},
        {"relative expressions and weekdays", test_relative},
        {"roles and spans", test_roles_and_spans},
        {"year inference around New Year", test_new_year},
        {"leap days and impossible dates", test_leap_days_and_invalid},
        {"text boundaries and usage", test_boundaries},
        {"invalid UTF-8", test_invalid_utf8},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract_dates", NULL, NULL);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
