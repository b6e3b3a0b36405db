/* An article's sentences (see extract_sentences.h). ICU's sentence break iterator, reading the
 * UTF-8 text in place (utext_openUTF8: its indexes are byte offsets), proposes the boundaries;
 * tkg then drops those that its rules (docs/extract.md, "Sentences and actors") say are not:
 *  - after an abbreviation of the language's list or a dotted initialism ("M.", "U.S.",
 *    "J.-C.") on the same line;
 *  - inside a quotation opened (« or “) and closed (» or ”) later on the same line;
 *  - at a single line break inside a hard-wrapped paragraph: the line before ends without
 *    . ! ? … : ; » ” " ) and holds at least WRAPPED_WORDS words (a shorter line, such as a
 *    heading "Défis sécuritaires", ends its sentence).
 * A blank line always ends a sentence. */
#include "extract_sentences.h"

#include "error.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define WRAPPED_WORDS 8

static const char *const abbreviations_fr[] = {
    "M",  "MM",  "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr",  "Me",  "Mgr", "St", "Ste",
    "av", "apr", "cf",  "p",    "art",  "vol",   "éd", "env", "gén", "col", "lt", "cdt"};
static const char *const abbreviations_en[] = {
    "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "St",  "Jr",  "Sr", "Gen", "Col", "Lt", "Capt",
    "Sgt", "Maj", "Gov", "Sen", "Rep",  "Rev", "Hon", "Mt", "No",  "vs",  "cf", "approx"};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether s[0, n) (a word ending in '.') is a dotted initialism: letters each followed by a
 * dot, a hyphen allowed between two ("U.S.", "e.g.", "J.-C."). */
static bool initialism(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!is_ascii_letter(s[i]) || i + 1 >= n || s[i + 1] != '.')
            return false;
        i += 2;
        if (i < n && s[i] == '-')
            i++;
    }
    return n >= 2;
}

/* Whether the word before `end` (white space already skipped) is an abbreviation. */
static bool abbreviation(const char *text, size_t line_start, size_t end, bool fr)
{
    if (end == line_start || text[end - 1] != '.')
        return false;
    size_t start = end;
    while (start > line_start && !is_space(text[start - 1]))
        start--;
    /* Opening punctuation before the word: ( [ « “ " ' */
    while (start < end && strchr("([\"'", text[start]))
        start++;
    if (end - start >= 2 && (unsigned char)text[start] == 0xC2 &&
        (unsigned char)text[start + 1] == 0xAB) /* « */
        start += 2;
    if (end - start >= 3 && memcmp(text + start, "\xE2\x80\x9C", 3) == 0) /* “ */
        start += 3;
    if (initialism(text + start, end - start))
        return true;
    size_t n = end - 1 - start;
    const char *const *list = fr ? abbreviations_fr : abbreviations_en;
    size_t count = fr ? sizeof abbreviations_fr / sizeof *abbreviations_fr
                      : sizeof abbreviations_en / sizeof *abbreviations_en;
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], text + start, n) == 0)
            return true;
    return false;
}

/* Whether `at` is inside a quotation opened before it on its line and closed after it on the
 * same line. */
static bool inside_quotation(const char *text, size_t len, size_t line_start, size_t at)
{
    int depth = 0;
    for (size_t i = line_start; i < at; i++) {
        if (i + 2 <= len && memcmp(text + i, "\xC2\xAB", 2) == 0)
            depth++;
        else if (i + 3 <= len && memcmp(text + i, "\xE2\x80\x9C", 3) == 0)
            depth++;
        else if (depth && i + 2 <= len && memcmp(text + i, "\xC2\xBB", 2) == 0)
            depth--;
        else if (depth && i + 3 <= len && memcmp(text + i, "\xE2\x80\x9D", 3) == 0)
            depth--;
    }
    if (depth == 0)
        return false;
    for (size_t i = at; i < len && text[i] != '\n'; i++)
        if ((i + 2 <= len && memcmp(text + i, "\xC2\xBB", 2) == 0) ||
            (i + 3 <= len && memcmp(text + i, "\xE2\x80\x9D", 3) == 0))
            return true;
    return false;
}

/* Whether the text before `end` ends a sentence by its punctuation. */
static bool terminal(const char *text, size_t end)
{
    if (end == 0)
        return false;
    char c = text[end - 1];
    if (strchr(".!?:;)\"", c))
        return true;
    if (end >= 2 && memcmp(text + end - 2, "\xC2\xBB", 2) == 0) /* » */
        return true;
    if (end >= 3 && (memcmp(text + end - 3, "\xE2\x80\xA6", 3) == 0 || /* … */
                     memcmp(text + end - 3, "\xE2\x80\x9D", 3) == 0))  /* ” */
        return true;
    return false;
}

static size_t words(const char *text, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        if (!is_space(text[i]) && (i == start || is_space(text[i - 1])))
            n++;
    return n;
}

/* Whether ICU's boundary `b` (after the white space that follows a sentence) is kept. */
static bool keep(const char *text, size_t len, size_t b, bool fr)
{
    size_t q = b;
    while (q > 0 && is_space(text[q - 1]))
        q--;
    size_t newlines = 0;
    for (size_t i = q; i < b; i++)
        newlines += text[i] == '\n';
    /* And the white space after b, which ICU gives the next sentence only at a line start. */
    for (size_t i = b; i < len && is_space(text[i]); i++)
        newlines += text[i] == '\n';
    size_t line_start = q;
    while (line_start > 0 && text[line_start - 1] != '\n')
        line_start--;
    if (newlines >= 2)
        return true;
    if (newlines == 1)
        return terminal(text, q) || words(text, line_start, q) < WRAPPED_WORDS;
    if (abbreviation(text, line_start, q, fr))
        return false;
    return !inside_quotation(text, len, line_start, b);
}

int extract_sentences(const char *text, size_t len, const char *lang, extract_span **spans,
                      size_t *count, tkg_error *err)
{
    int rc = TKG_OK;
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = NULL;
    UBreakIterator *bi = NULL;
    extract_span *out = NULL;
    size_t n = 0, cap = 0;
    *spans = NULL;
    *count = 0;
    bool fr = lang && strcmp(lang, "fr") == 0;
    if (!fr && !(lang && strcmp(lang, "en") == 0)) {
        rc = tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown language '%s' (fr or en)",
                      lang ? lang : "");
        goto done;
    }
    if (len > INT32_MAX) {
        rc = tkg_fail(err, TKG_ELIMIT, NULL, 0, 0, "text larger than 2 GiB");
        goto done;
    }
    ut = utext_openUTF8(NULL, text, (int64_t)len, &status);
    bi = ubrk_open(UBRK_SENTENCE, lang, NULL, 0, &status);
    if (U_SUCCESS(status))
        ubrk_setUText(bi, ut, &status);
    if (U_FAILURE(status)) {
        rc = status == U_MEMORY_ALLOCATION_ERROR
                 ? tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory")
                 : tkg_fail(err, TKG_EINPUT, NULL, 0, 0, "ICU cannot split the text: %s",
                            u_errorName(status));
        goto done;
    }
    size_t start = 0;
    for (int32_t b = ubrk_next(bi);; b = ubrk_next(bi)) {
        size_t end = b == UBRK_DONE ? len : (size_t)b;
        if (b != UBRK_DONE && end < len && !keep(text, len, end, fr))
            continue;
        size_t s = start, e = end;
        while (s < e && is_space(text[s]))
            s++;
        while (e > s && is_space(text[e - 1]))
            e--;
        if (e > s) {
            if (n == cap) {
                size_t more_cap = cap ? cap * 2 : 64;
                extract_span *more = realloc(out, more_cap * sizeof *out);
                if (!more) {
                    rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
                    goto done;
                }
                out = more, cap = more_cap;
            }
            out[n++] = (extract_span){s, e};
        }
        start = end;
        if (b == UBRK_DONE || end >= len)
            break;
    }
    *spans = out;
    *count = n;
    out = NULL;
done:
    free(out);
    ubrk_close(bi);
    utext_close(ut);
    return rc;
}
