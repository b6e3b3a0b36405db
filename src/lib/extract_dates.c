/*
 * Temporal expressions in French and English (docs/extract.md, "Temporal expressions").
 *
 * A hand-written scanner, no regular expressions: the text is cut into tokens (words folded
 * to lower-case ASCII without accents, numbers, apostrophes, other punctuation), then each
 * token is tried as the first of an expression, longest form first. Relative expressions are
 * anchored at the publication date. One pass over the tokens; linear in the text's size.
 */
#include "extract_dates.h"

#include "error.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FOLD_MAX 15 /* longer words never match a keyword */

enum { TOK_WORD, TOK_NUM, TOK_APOS, TOK_PUNCT };

typedef struct token {
    size_t start, end;
    int kind;
    int num;     /* TOK_NUM: the value (capped), else 0 */
    int ndigits; /* TOK_NUM: number of digits */
    char f[FOLD_MAX + 1];
} token;

typedef struct scan {
    const token *t;
    size_t n;
    xdate_lang lang;
    const tkg_date *pub;
    int pub_y, pub_m, pub_d;
} scan;

/* Direction of a date written without its year (or a weekday). */
enum { DIR_PAST = 0, DIR_PAST_STRICT, DIR_FUTURE, DIR_FUTURE_STRICT, DIR_NEAREST };

/* A calendar expression before its year is known: day and year may be 0 (missing). */
typedef struct cal {
    int y, m, d;
    size_t first, last; /* tokens [first, last) */
    int dir;
    bool has_dir; /* dernier/prochain/last/next/ce fixed the direction */
} cal;

const char *xdate_role_name(xdate_role role)
{
    static const char *const names[] = {"point", "start", "end", "span"};
    return role <= XDATE_SPAN ? names[role] : "?";
}

/* ------------------------------------------------------------ tokens */

/* Decodes the code point at text[i]; returns its byte length, or 0 for an invalid or
 * truncated sequence (then read as one separator byte). Never reads at or past `len`. */
static size_t utf8_decode(const unsigned char *s, size_t i, size_t len, uint32_t *cp)
{
    unsigned char c = s[i];
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* The folded ASCII letter of a letter code point, '?' for other letters, 0 for a
 * non-letter. */
static char fold_letter(uint32_t cp)
{
    /* U+00C0..U+00FF */
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                                 "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
    if ((cp >= 'a' && cp <= 'z'))
        return (char)cp;
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    if (cp == 0x152 || cp == 0x153) /* Œ œ */
        return 'o';
    if (cp == 0x1D49) /* ᵉ, as in 1ᵉʳ */
        return 'e';
    if (cp == 0x2B3) /* ʳ */
        return 'r';
    if ((cp >= 0x100 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xFE00) || cp >= 0x10000)
        return '?';
    return 0;
}

static int tokens_push(token **t, size_t *n, size_t *cap, const token *tok)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        token *nt = realloc(*t, ncap * sizeof *nt);
        if (!nt)
            return TKG_ENOMEM;
        *t = nt;
        *cap = ncap;
    }
    (*t)[(*n)++] = *tok;
    return TKG_OK;
}

static int tokenize(const char *text, size_t len, token **out, size_t *count)
{
    const unsigned char *s = (const unsigned char *)text;
    token *t = NULL;
    size_t n = 0, cap = 0, i = 0;
    int rc = TKG_OK;
    while (i < len) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s, i, len, &cp);
        token tok = {.start = i};
        if (k == 0) { /* an invalid byte: a separator */
            i++;
            continue;
        }
        if (cp >= '0' && cp <= '9') {
            tok.kind = TOK_NUM;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (tok.num < 100000)
                    tok.num = tok.num * 10 + (s[i] - '0');
                tok.ndigits++;
                i++;
            }
        } else if (fold_letter(cp)) {
            size_t nf = 0;
            tok.kind = TOK_WORD;
            while (i < len) {
                k = utf8_decode(s, i, len, &cp);
                char f = k ? fold_letter(cp) : 0;
                if (!f)
                    break;
                if (nf <= FOLD_MAX)
                    tok.f[nf < FOLD_MAX ? nf : FOLD_MAX - 1] = f;
                nf++;
                i += k;
            }
            if (nf > FOLD_MAX)
                tok.f[0] = '#'; /* too long to be a keyword */
            else
                tok.f[nf] = '\0';
        } else if (cp == '\'' || cp == 0x2019) {
            tok.kind = TOK_APOS;
            tok.f[0] = '\'';
            i += k;
        } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                   cp == 0x202F || cp == 0x2009 || cp < 0x20) {
            i += k;
            continue;
        } else {
            tok.kind = TOK_PUNCT;
            tok.f[0] = cp < 0x80 ? (char)cp : (cp == 0x2013 || cp == 0x2014) ? '-' : '.';
            i += k;
        }
        tok.end = i;
        rc = tokens_push(&t, &n, &cap, &tok);
        if (rc)
            goto done;
    }
done:
    if (rc) {
        free(t);
        t = NULL;
        n = 0;
    }
    *out = t;
    *count = n;
    return rc;
}

/* ------------------------------------------------------------ token tests */

static bool is_w(const scan *s, size_t i, const char *w)
{
    return i < s->n && s->t[i].kind == TOK_WORD && strcmp(s->t[i].f, w) == 0;
}

static bool is_any(const scan *s, size_t i, const char *const *ws)
{
    for (; *ws; ws++)
        if (is_w(s, i, *ws))
            return true;
    return false;
}

static bool is_p(const scan *s, size_t i, char c)
{
    return i < s->n && (s->t[i].kind == TOK_PUNCT || s->t[i].kind == TOK_APOS) && s->t[i].f[0] == c;
}

/* Token i directly follows token i-1 (no space between). */
static bool glued(const scan *s, size_t i)
{
    return i > 0 && i < s->n && s->t[i - 1].end == s->t[i].start;
}

static int month_of(const scan *s, size_t i)
{
    static const char *const fr[12] = {"janvier",   "fevrier", "mars",     "avril",
                                       "mai",       "juin",    "juillet",  "aout",
                                       "septembre", "octobre", "novembre", "decembre"};
    static const char *const en[12] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
    const char *const *names = s->lang == XDATE_FR ? fr : en;
    if (i >= s->n || s->t[i].kind != TOK_WORD)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strcmp(s->t[i].f, names[m]) == 0)
            return m + 1;
    if (s->lang == XDATE_EN) { /* abbreviations, with or without their period */
        static const char *const ab[12] = {"jan", "feb", "mar", "apr", "",    "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int m = 0; m < 12; m++)
            if (ab[m][0] && strcmp(s->t[i].f, ab[m]) == 0)
                return m + 1;
        if (strcmp(s->t[i].f, "sept") == 0)
            return 9;
    }
    return 0;
}

/* 0 = Sunday .. 6 = Saturday, or -1. */
static int weekday_of(const scan *s, size_t i)
{
    static const char *const fr[7] = {"dimanche", "lundi",    "mardi", "mercredi",
                                      "jeudi",    "vendredi", "samedi"};
    static const char *const en[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                      "thursday", "friday", "saturday"};
    const char *const *names = s->lang == XDATE_FR ? fr : en;
    for (int w = 0; w < 7; w++)
        if (is_w(s, i, names[w]))
            return w;
    return -1;
}

static int weekday_of_day(int32_t day)
{
    return (int)(((day % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

/* A day of the month at token i (`25`, `1er`, `1ᵉʳ`, `25th`); sets *next past it. */
static bool day_at(const scan *s, size_t i, int *day, size_t *next)
{
    if (i >= s->n || s->t[i].kind != TOK_NUM || s->t[i].ndigits > 2 || s->t[i].num < 1 ||
        s->t[i].num > 31)
        return false;
    *day = s->t[i].num;
    *next = i + 1;
    if (glued(s, i + 1) && s->t[i + 1].kind == TOK_WORD) {
        static const char *const fr[] = {"er", "re", "ere", NULL};
        static const char *const en[] = {"st", "nd", "rd", "th", NULL};
        if (!is_any(s, i + 1, s->lang == XDATE_FR ? fr : en))
            return false; /* `25km`, `3e` */
        *next = i + 2;
    }
    return true;
}

/* A year of four digits, 1000..2999 at token i. */
static bool year_at(const scan *s, size_t i, int *year)
{
    if (i >= s->n || s->t[i].kind != TOK_NUM || s->t[i].ndigits != 4 || s->t[i].num < 1000 ||
        s->t[i].num > 2999)
        return false;
    /* `15 000`-style groups: a year is not followed by a glued or spaced 3-digit group */
    *year = s->t[i].num;
    return true;
}

static bool word_past(const scan *s, size_t i)
{
    static const char *const fr[] = {"dernier", "derniere", "passe", "passee", NULL};
    static const char *const en[] = {"last", "past", NULL};
    return is_any(s, i, s->lang == XDATE_FR ? fr : en);
}

static bool word_next(const scan *s, size_t i)
{
    static const char *const fr[] = {"prochain", "prochaine", NULL};
    static const char *const en[] = {"next", "coming", NULL};
    return is_any(s, i, s->lang == XDATE_FR ? fr : en);
}

static bool word_this(const scan *s, size_t i)
{
    static const char *const fr[] = {"ce", "cette", NULL};
    static const char *const en[] = {"this", NULL};
    return is_any(s, i, s->lang == XDATE_FR ? fr : en);
}

/* ------------------------------------------------------------ values */

static tkg_date make_day(int y, int m, int d)
{
    tkg_date v = {
        .year = (int16_t)y, .month = (int8_t)m, .day = (int8_t)d, .precision = TKG_PREC_DAY};
    v.first = v.last = tkg_day_from_civil(y, m, d);
    return v;
}

static tkg_date make_month(int y, int m)
{
    tkg_date v = {.year = (int16_t)y, .month = (int8_t)m, .precision = TKG_PREC_MONTH};
    v.first = tkg_day_from_civil(y, m, 1);
    v.last = tkg_day_from_civil(y, m, tkg_days_in_month(y, m));
    return v;
}

static tkg_date make_year(int y)
{
    tkg_date v = {.year = (int16_t)y, .precision = TKG_PREC_YEAR};
    v.first = tkg_day_from_civil(y, 1, 1);
    v.last = tkg_day_from_civil(y, 12, 31);
    return v;
}

static tkg_date from_day(int32_t day)
{
    int y, m, d;
    tkg_day_to_civil(day, &y, &m, &d);
    return make_day(y, m, d);
}

static tkg_date add_months(int y, int m, int delta)
{
    int k = y * 12 + (m - 1) + delta;
    return make_month(k / 12, k % 12 + 1);
}

/* The year of a day and month written without one (docs/extract.md, "Anchoring"); 0 when
 * no year near the publication has that date (`30 février`). */
static int infer_year(const scan *s, int m, int d, int dir)
{
    int32_t pub = s->pub->first;
    int best = 0;
    int32_t best_gap = INT32_MAX;
    for (int y = s->pub_y - 4; y <= s->pub_y + 4; y++) {
        int32_t day;
        if (y < 1 || y > 9999)
            continue;
        if (d) {
            if (d > tkg_days_in_month(y, m))
                continue;
            day = tkg_day_from_civil(y, m, d);
        } else { /* a month: compare month numbers */
            day = (int32_t)(y * 12 + m) - (int32_t)(s->pub_y * 12 + s->pub_m);
            pub = 0;
        }
        int32_t gap = day - pub;
        bool ok = (dir == DIR_PAST && gap <= 0) || (dir == DIR_PAST_STRICT && gap < 0) ||
                  (dir == DIR_FUTURE && gap >= 0) || (dir == DIR_FUTURE_STRICT && gap > 0) ||
                  dir == DIR_NEAREST;
        int32_t ag = gap < 0 ? -gap : gap;
        if (ok && ag < best_gap) {
            best_gap = ag;
            best = y;
        }
    }
    return best;
}

/* ------------------------------------------------------------ forms */

/*
 * A calendar expression at token i: [weekday] day month [year] (French and English),
 * month day[,] [year] (English), day of month [year] (English `25th of April`), month year,
 * and a month alone (the caller asks for a cue). Also the markers after it (dernier,
 * prochain, last) and `ce`/`this` before it (i itself then). Sets c->first/last.
 */
static bool cal_at(const scan *s, size_t i, cal *c)
{
    size_t j = i, next;
    int day = 0;
    memset(c, 0, sizeof *c);
    c->first = i;
    c->dir = DIR_PAST;
    if (word_this(s, j) && (s->t[j + 1 < s->n ? j + 1 : j].kind == TOK_NUM || month_of(s, j + 1) ||
                            weekday_of(s, j + 1) >= 0)) {
        c->dir = DIR_NEAREST;
        c->has_dir = true;
        j++;
    }
    if (weekday_of(s, j) >= 0 && (day_at(s, j + 1, &day, &next) || month_of(s, j + 1)))
        j++; /* `vendredi 15 novembre`, `Friday, April 25`: the weekday is part of it */
    else if (weekday_of(s, j) >= 0 && is_p(s, j + 1, ',') &&
             (day_at(s, j + 2, &day, &next) || month_of(s, j + 2)))
        j += 2;
    if (day_at(s, j, &day, &next) && month_of(s, next)) {
        c->d = day;
        c->m = month_of(s, next);
        j = next + 1;
    } else if (s->lang == XDATE_EN && day_at(s, j, &day, &next) && is_w(s, next, "of") &&
               month_of(s, next + 1)) {
        c->d = day;
        c->m = month_of(s, next + 1);
        j = next + 2;
    } else if (month_of(s, j)) {
        if (j > 0 && s->t[j - 1].kind == TOK_NUM && s->t[j - 1].ndigits <= 2 &&
            (s->t[j - 1].num == 0 || s->t[j - 1].num > 31))
            return false; /* `32 mai 2020`: an impossible day, not a month */
        c->m = month_of(s, j);
        j++;
        if (s->lang == XDATE_EN && is_p(s, j, '.') && glued(s, j) && strlen(s->t[j - 1].f) <= 4 &&
            strcmp(s->t[j - 1].f, "june") != 0 && strcmp(s->t[j - 1].f, "july") != 0 &&
            strcmp(s->t[j - 1].f, "may") != 0)
            j++; /* `Sept.`, `Jan.`; not the full stop after `June.` */
        if (s->lang == XDATE_EN && day_at(s, j, &day, &next)) {
            int y;
            /* `May 2013` is a month; `May 25` a day */
            if (!year_at(s, j, &y)) {
                c->d = day;
                j = next;
            }
        }
    } else {
        return false;
    }
    /* the year: `25 avril 2013`, `April 25, 2013` */
    {
        int y;
        size_t k = j;
        if (s->lang == XDATE_EN && c->d && is_p(s, k, ','))
            k++;
        if (year_at(s, k, &y)) {
            c->y = y;
            j = k + 1;
        }
    }
    if (!c->y && word_past(s, j) && !(s->lang == XDATE_EN)) {
        c->dir = DIR_PAST_STRICT;
        c->has_dir = true;
        j++;
    } else if (!c->y && word_next(s, j) && s->lang == XDATE_FR) {
        c->dir = DIR_FUTURE_STRICT;
        c->has_dir = true;
        j++;
    }
    c->last = j;
    return true;
}

/* Resolves a calendar expression to a date; false for an impossible one. */
static bool cal_value(const scan *s, const cal *c, tkg_date *v)
{
    int y = c->y;
    if (!y) {
        y = infer_year(s, c->m, c->d, c->dir);
        if (!y)
            return false;
    }
    if (c->d) {
        if (c->d > tkg_days_in_month(y, c->m))
            return false;
        *v = make_day(y, c->m, c->d);
    } else {
        *v = make_month(y, c->m);
    }
    return true;
}

/* Words after which a bare year or a bare month is a date. */
static bool cue_before(const scan *s, size_t i)
{
    static const char *const fr[] = {"en",     "depuis", "de",    "des",   "du",   "fin",
                                     "debut",  "mi",     "avant", "apres", "dans", "a",
                                     "au",     "et",     "ou",    "entre", "vers", "courant",
                                     "partir", "annee",  "ici",   "l",     "d",    NULL};
    static const char *const en[] = {"in",   "since",   "until",   "till",   "from",  "to",
                                     "of",   "by",      "end",     "early",  "late",  "mid",
                                     "and",  "or",      "between", "before", "after", "during",
                                     "year", "through", "around",  "as",     NULL};
    if (i == 0)
        return false;
    size_t p = i - 1;
    if (s->t[p].kind == TOK_APOS && p > 0)
        p--; /* `jusqu'en`, `d'avril` */
    if (s->t[p].kind == TOK_PUNCT && s->t[p].f[0] == '-' && p > 0)
        p--; /* `mi-juillet` */
    if (s->lang == XDATE_FR && (is_w(s, p, "jusqu") || is_w(s, p, "lors")))
        return true;
    return is_any(s, p, s->lang == XDATE_FR ? fr : en);
}

/* A relative expression at token i that names its own value; sets *last past it. */
static bool relative_at(const scan *s, size_t i, tkg_date *v, size_t *last)
{
    int32_t pub = s->pub->first;
    int py = s->pub_y, pm = s->pub_m;
    if (s->lang == XDATE_FR) {
        /* aujourd'hui, hier, avant-hier, demain, après-demain */
        if (is_w(s, i, "aujourd") && s->t[i + 1 < s->n ? i + 1 : i].kind == TOK_APOS &&
            is_w(s, i + 2, "hui")) {
            *v = from_day(pub);
            *last = i + 3;
            return true;
        }
        if (is_w(s, i, "avant") && is_p(s, i + 1, '-') && is_w(s, i + 2, "hier")) {
            *v = from_day(pub - 2);
            *last = i + 3;
            return true;
        }
        if (is_w(s, i, "apres") && is_p(s, i + 1, '-') && is_w(s, i + 2, "demain")) {
            *v = from_day(pub + 2);
            *last = i + 3;
            return true;
        }
        if (is_w(s, i, "hier") || is_w(s, i, "demain")) {
            *v = from_day(is_w(s, i, "hier") ? pub - 1 : pub + 1);
            *last = i + 1;
            return true;
        }
        /* l'an dernier, l'année dernière/passée/prochaine, cette année, le mois dernier, ce
         * mois-ci, la fin de l'année */
        size_t j = i;
        bool year_noun = false, month_noun = false;
        if (is_w(s, j, "l") && s->t[j + 1 < s->n ? j + 1 : j].kind == TOK_APOS &&
            (is_w(s, j + 2, "an") || is_w(s, j + 2, "annee"))) {
            year_noun = true;
            j += 3;
        } else if (is_w(s, j, "le") && is_w(s, j + 1, "mois")) {
            month_noun = true;
            j += 2;
        }
        if (year_noun || month_noun) {
            int delta = word_past(s, j) ? -1 : word_next(s, j) ? 1 : 9;
            if (delta == 9)
                return false;
            *v = year_noun ? make_year(py + delta) : add_months(py, pm, delta);
            *last = j + 1;
            return true;
        }
        if (is_w(s, i, "cette") && is_w(s, i + 1, "annee")) {
            *v = make_year(py);
            *last = i + 2;
            return true;
        }
        if (is_w(s, i, "ce") && is_w(s, i + 1, "mois") && is_p(s, i + 2, '-') &&
            is_w(s, i + 3, "ci")) {
            *v = add_months(py, pm, 0);
            *last = i + 4;
            return true;
        }
        if (is_w(s, i, "la") && is_w(s, i + 1, "fin") && is_w(s, i + 2, "de") &&
            is_w(s, i + 3, "l") && is_p(s, i + 4, '\'') && is_w(s, i + 5, "annee")) {
            *v = make_day(py, 12, 31);
            *last = i + 6;
            return true;
        }
    } else {
        if (is_w(s, i, "today") || is_w(s, i, "yesterday") || is_w(s, i, "tomorrow")) {
            *v = from_day(is_w(s, i, "today") ? pub : is_w(s, i, "yesterday") ? pub - 1 : pub + 1);
            *last = i + 1;
            return true;
        }
        if ((word_past(s, i) || word_next(s, i) || word_this(s, i)) &&
            (is_w(s, i + 1, "year") || is_w(s, i + 1, "month"))) {
            int delta = word_past(s, i) ? -1 : word_next(s, i) ? 1 : 0;
            *v = is_w(s, i + 1, "year") ? make_year(py + delta) : add_months(py, pm, delta);
            *last = i + 2;
            return true;
        }
        /* the end of the year, the end of this year */
        size_t j = i;
        if (is_w(s, j, "the"))
            j++;
        if (is_w(s, j, "end") && is_w(s, j + 1, "of") &&
            (is_w(s, j + 2, "the") || is_w(s, j + 2, "this")) && is_w(s, j + 3, "year")) {
            *v = make_day(py, 12, 31);
            *last = j + 4;
            return true;
        }
    }
    /* weekdays: `vendredi`, `vendredi dernier`, `last Friday`, `next Friday` */
    {
        int dir = DIR_PAST;
        size_t j = i, end;
        int w;
        if (s->lang == XDATE_EN && (word_past(s, j) || word_next(s, j) || word_this(s, j)) &&
            weekday_of(s, j + 1) >= 0) {
            dir = word_past(s, j)   ? DIR_PAST_STRICT
                  : word_next(s, j) ? DIR_FUTURE_STRICT
                                    : DIR_NEAREST;
            j++;
        }
        w = weekday_of(s, j);
        if (w < 0)
            return false;
        end = j + 1;
        {
            int day;
            size_t k = is_p(s, end, ',') ? end + 1 : end, nx;
            if (day_at(s, k, &day, &nx) || month_of(s, k))
                return false; /* `vendredi 15 novembre`: a calendar date */
        }
        if (s->lang == XDATE_FR && word_past(s, end)) {
            dir = DIR_PAST_STRICT;
            end++;
        } else if (s->lang == XDATE_FR && word_next(s, end)) {
            dir = DIR_FUTURE_STRICT;
            end++;
        }
        int back = (weekday_of_day(pub) - w + 7) % 7; /* days back to that weekday */
        int32_t day;
        if (dir == DIR_PAST)
            day = pub - back;
        else if (dir == DIR_PAST_STRICT)
            day = pub - (back ? back : 7);
        else if (dir == DIR_FUTURE_STRICT)
            day = pub + ((7 - back) % 7 ? (7 - back) % 7 : 7);
        else
            day = back <= 3 ? pub - back : pub + (7 - back);
        *v = from_day(day);
        *last = end;
        return true;
    }
}

/* The role a preposition before token i gives; *spanner set when it opens a span. */
static xdate_role role_before(const scan *s, size_t i, bool *spanner, bool *future)
{
    *spanner = false;
    *future = false;
    if (i == 0)
        return XDATE_POINT;
    size_t p = i - 1;
    if (is_w(s, p, "le") || is_w(s, p, "la") || is_w(s, p, "the") || is_w(s, p, "l"))
        p = p > 0 ? p - 1 : p; /* `depuis le 1er juin`, `since the end of the year` */
    if (s->lang == XDATE_FR) {
        if (is_w(s, p, "depuis"))
            return XDATE_START;
        if (is_w(s, p, "des") && s->t[p].end - s->t[p].start == 4) { /* dès, not des */
            *future = true;
            return XDATE_START;
        }
        /* à partir du / de / d' */
        size_t q = p;
        if (s->t[q].kind == TOK_APOS && q > 0)
            q--;
        if ((is_w(s, q, "du") || is_w(s, q, "de") || is_w(s, q, "d")) && q >= 2 &&
            is_w(s, q - 1, "partir")) {
            *future = true;
            return XDATE_START;
        }
        /* `depuis le coup d'État de mai 2021`, `depuis sa création en 2014`, `depuis le
           coup d'État du 5 septembre 2021`: the date of what `depuis` governs (not past a
           number or `jusqu'`: `depuis 2013 jusqu'en 2024`) */
        if (is_w(s, q, "de") || is_w(s, q, "d") || is_w(s, q, "du") || is_w(s, q, "en")) {
            for (size_t k = q, steps = 0; k > 0 && steps < 7; k--, steps++) {
                if (s->t[k - 1].kind == TOK_PUNCT || s->t[k - 1].kind == TOK_NUM ||
                    is_w(s, k - 1, "jusqu"))
                    break;
                if (is_w(s, k - 1, "depuis"))
                    return XDATE_START;
            }
        }
        if (is_w(s, p, "au") || is_w(s, p, "a") || is_w(s, p, "en")) {
            if (p >= 2 && s->t[p - 1].kind == TOK_APOS && is_w(s, p - 2, "jusqu"))
                return XDATE_END;
        }
        if (s->t[p].kind == TOK_APOS && p >= 1 && is_w(s, p - 1, "jusqu"))
            return XDATE_END; /* jusqu'à la fin de l'année */
        if (p >= 2 && s->t[p].kind == TOK_APOS && is_w(s, p - 1, "d") && is_w(s, p + 1, "ici"))
            return XDATE_END;
        if (is_w(s, p, "ici") && p >= 2 && s->t[p - 1].kind == TOK_APOS && is_w(s, p - 2, "d"))
            return XDATE_END;
        if (is_w(s, p, "du") || is_w(s, p, "de") || is_w(s, p, "entre"))
            *spanner = true;
    } else {
        if (is_w(s, p, "since"))
            return XDATE_START;
        /* `since the coup of August 30, 2023`, `since its creation in 2014`: the date of what
           `since` governs (not past a number) */
        if (is_w(s, p, "of") || is_w(s, p, "in")) {
            for (size_t k = p, steps = 0; k > 0 && steps < 7; k--, steps++) {
                if (s->t[k - 1].kind == TOK_PUNCT || s->t[k - 1].kind == TOK_NUM)
                    break;
                if (is_w(s, k - 1, "since"))
                    return XDATE_START;
            }
        }
        if (is_w(s, p, "until") || is_w(s, p, "till") || is_w(s, p, "through"))
            return XDATE_END;
        if (is_w(s, p, "from") || is_w(s, p, "between"))
            *spanner = true;
    }
    return XDATE_POINT;
}

/* The word linking the two bounds of a span at token i. */
static bool span_link(const scan *s, size_t i)
{
    static const char *const fr[] = {"au", "a", "et", NULL};
    static const char *const en[] = {"to", "until", "through", "and", NULL};
    if (is_p(s, i, '-'))
        return true;
    return is_any(s, i, s->lang == XDATE_FR ? fr : en);
}

typedef struct found {
    size_t first, last; /* tokens */
    xdate_role role;
    tkg_date v, v2;
} found;

/* A single expression at token i (no span): a relative one, a calendar one, a bare year. */
static bool single_at(const scan *s, size_t i, xdate_role role, bool future, found *f,
                      bool *invalid)
{
    cal c;
    size_t last;
    int y;
    *invalid = false;
    if (relative_at(s, i, &f->v, &last)) {
        f->first = i;
        f->last = last;
        return true;
    }
    if (cal_at(s, i, &c)) {
        /* a month alone needs a cue before it or a marker after it (`mai` the verb, `march`) */
        if (!c.d && !c.y && !c.has_dir && !cue_before(s, c.first))
            return false;
        if (!c.y && !c.has_dir && (role == XDATE_END || future))
            c.dir = DIR_FUTURE; /* `jusqu'au 31 décembre`: the end still to come */
        if (!cal_value(s, &c, &f->v)) {
            *invalid = true;
            f->first = c.first;
            f->last = c.last;
            return false;
        }
        f->first = c.first;
        f->last = c.last;
        return true;
    }
    if (year_at(s, i, &y) && cue_before(s, i) &&
        !(i + 1 < s->n && s->t[i + 1].kind == TOK_NUM && s->t[i + 1].ndigits == 3)) {
        f->v = make_year(y);
        f->first = i;
        f->last = i + 1;
        return true;
    }
    return false;
}

/* A span `du 1er janvier au 15 novembre 2024`, `du 1er au 15 novembre`, `from 2013 to
 * 2015`: the first bound at token i, after a span opener. */
static bool span_at(const scan *s, size_t i, found *f)
{
    cal a, b;
    int day = 0;
    size_t next, link;
    tkg_date va, vb;
    /* the first bound: a full calendar expression, a year, or a day alone */
    if (cal_at(s, i, &a)) {
        link = a.last;
    } else if (year_at(s, i, &day)) {
        memset(&a, 0, sizeof a);
        a.y = day;
        a.first = i;
        a.last = link = i + 1;
    } else if (day_at(s, i, &day, &next)) {
        memset(&a, 0, sizeof a);
        a.d = day;
        a.first = i;
        a.last = link = next;
    } else {
        return false;
    }
    if (!span_link(s, link))
        return false;
    if (is_w(s, link + 1, "le"))
        link++;
    if (cal_at(s, link + 1, &b)) {
        if (!a.m && !a.y) {
            if (!b.m || !b.d)
                return false;
            a.m = b.m; /* `du 1er au 15 novembre` */
        }
        if (!cal_value(s, &b, &vb))
            return false;
        if (!a.m && a.y && !b.y) { /* a year then a month */
            return false;
        }
        if (!a.y) {
            a.y = vb.year;
            if (a.m > b.m || (a.m == b.m && a.d > (b.d ? b.d : 31)))
                a.y--;
        }
        if (!a.m) {
            va = make_year(a.y);
        } else {
            if (a.d > tkg_days_in_month(a.y, a.m))
                return false;
            va = a.d ? make_day(a.y, a.m, a.d) : make_month(a.y, a.m);
        }
        f->first = a.first;
        f->last = b.last;
    } else {
        int y2;
        if (!year_at(s, link + 1, &y2) || a.m || !a.y || a.d)
            return false;
        va = make_year(a.y);
        vb = make_year(y2);
        f->first = a.first;
        f->last = link + 2;
    }
    if (vb.last < va.first)
        return false;
    f->v = va;
    f->v2 = vb;
    f->role = XDATE_SPAN;
    return true;
}

static int results_push(xdate **r, size_t *n, size_t *cap, const scan *s, const found *f)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        xdate *nr = realloc(*r, ncap * sizeof *nr);
        if (!nr)
            return TKG_ENOMEM;
        *r = nr;
        *cap = ncap;
    }
    xdate *x = &(*r)[(*n)++];
    x->start = s->t[f->first].start;
    x->end = s->t[f->last - 1].end;
    x->role = f->role;
    x->value = f->v;
    x->value2 = f->role == XDATE_SPAN ? f->v2 : (tkg_date){0};
    return TKG_OK;
}

int xdate_extract(const char *text, size_t len, xdate_lang lang, const tkg_date *published,
                  xdate **out, size_t *count, tkg_error *err)
{
    token *t = NULL;
    size_t n = 0, nr = 0, cap = 0;
    xdate *r = NULL;
    int rc;
    *out = NULL;
    *count = 0;
    if (!published || published->precision != TKG_PREC_DAY ||
        (lang != XDATE_FR && lang != XDATE_EN) || (!text && len)) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                      "temporal expressions need a language and a publication day");
        goto done;
    }
    rc = tokenize(text, len, &t, &n);
    if (rc) {
        rc = tkg_fail(err, rc, NULL, 0, 0, "out of memory");
        goto done;
    }
    scan s = {.t = t, .n = n, .lang = lang, .pub = published};
    tkg_day_to_civil(published->first, &s.pub_y, &s.pub_m, &s.pub_d);
    for (size_t i = 0; i < n;) {
        found f = {0};
        bool spanner, future, invalid;
        if (t[i].kind == TOK_PUNCT || t[i].kind == TOK_APOS) {
            i++;
            continue;
        }
        xdate_role role = role_before(&s, i, &spanner, &future);
        if (spanner && span_at(&s, i, &f)) {
            /* found */
        } else if (single_at(&s, i, role, future, &f, &invalid)) {
            f.role = role;
        } else {
            i = invalid ? f.last : i + 1; /* `31 février 2023`: skipped whole */
            continue;
        }
        rc = results_push(&r, &nr, &cap, &s, &f);
        if (rc) {
            rc = tkg_fail(err, rc, NULL, 0, 0, "out of memory");
            goto done;
        }
        i = f.last;
    }
done:
    free(t);
    if (rc) {
        free(r);
        r = NULL;
        nr = 0;
    }
    *out = r;
    *count = nr;
    return rc;
}
