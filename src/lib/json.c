/* The strict JSON reader of json.h: a recursive-descent parser of one array of flat objects of
 * strings, decoding strings into one buffer as large as the text (decoding never grows). */
#include "json.h"

#include "escape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const unsigned char *p, *start, *end;
    char *buf; /* decoded strings, back to back */
    size_t used;
    json_error *e;
} parser;

static int fail(parser *ps, const unsigned char *at, const char *message)
{
    ps->e->offset = (size_t)(at - ps->start);
    ps->e->message = message;
    return JSON_SYNTAX;
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(parser *ps, uint32_t *out)
{
    uint32_t v = 0;
    if (ps->end - ps->p < 4)
        return fail(ps, ps->p, "\\u needs four hex digits");
    for (int i = 0; i < 4; i++) {
        unsigned char ch = ps->p[i];
        int d = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (d < 0)
            return fail(ps, ps->p + i, "\\u needs four hex digits");
        v = v * 16 + (uint32_t)d;
    }
    ps->p += 4;
    *out = v;
    return 0;
}

static void put_utf8(parser *ps, uint32_t cp)
{
    char *o = ps->buf + ps->used;
    if (cp < 0x80) {
        o[0] = (char)cp;
        ps->used += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        ps->used += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        ps->used += 3;
    } else {
        o[0] = (char)(0xF0 | cp >> 18);
        o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        ps->used += 4;
    }
}

/* An escape after the backslash at ps->p - 1. */
static int escape(parser *ps)
{
    const unsigned char *at = ps->p - 1;
    if (ps->p >= ps->end)
        return fail(ps, at, "string not closed");
    unsigned char ch = *ps->p++;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = ch ? strchr(from, ch) : NULL;
    if (k) {
        ps->buf[ps->used++] = to[k - from];
        return 0;
    }
    if (ch != 'u')
        return fail(ps, at, "unknown escape");
    uint32_t cp, low;
    if (hex4(ps, &cp) != 0)
        return JSON_SYNTAX;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(ps, at, "lone low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return fail(ps, at, "lone high surrogate");
        ps->p += 2;
        if (hex4(ps, &low) != 0)
            return JSON_SYNTAX;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(ps, at, "lone high surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp == 0)
        return fail(ps, at, "\\u0000 is not allowed");
    put_utf8(ps, cp);
    return 0;
}

/* A string at ps->p (its opening quote), decoded into the buffer: `*out`, `*len`. */
static int string(parser *ps, const char **out, size_t *len)
{
    const unsigned char *open = ps->p;
    if (ps->p >= ps->end || *ps->p != '"')
        return fail(ps, ps->p, "expected a string");
    ps->p++;
    size_t first = ps->used;
    for (;;) {
        if (ps->p >= ps->end)
            return fail(ps, open, "string not closed");
        unsigned char ch = *ps->p;
        if (ch == '"') {
            ps->p++;
            break;
        }
        if (ch < 0x20)
            return fail(ps, ps->p, "control character in a string");
        if (ch == '\\') {
            ps->p++;
            if (escape(ps) != 0)
                return JSON_SYNTAX;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_sequence(ps->p, (size_t)(ps->end - ps->p), &cp);
        if (k == 0)
            return fail(ps, ps->p, "invalid UTF-8");
        memcpy(ps->buf + ps->used, ps->p, k);
        ps->used += k;
        ps->p += k;
    }
    ps->buf[ps->used++] = '\0';
    *out = ps->buf + first;
    *len = ps->used - first - 1;
    return 0;
}

static int expect(parser *ps, unsigned char ch, const char *message)
{
    skip_space(ps);
    if (ps->p >= ps->end || *ps->p != ch)
        return fail(ps, ps->p, message);
    ps->p++;
    return 0;
}

/* One object at ps->p (after whitespace): its members into m, their count into *n. */
static int object(parser *ps, json_member *m, size_t *n)
{
    *n = 0;
    if (expect(ps, '{', "expected an object") != 0)
        return JSON_SYNTAX;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return 0;
    }
    for (;;) {
        skip_space(ps);
        const unsigned char *at = ps->p;
        if (*n == JSON_MAX_MEMBERS)
            return fail(ps, at, "too many members in an object");
        json_member *x = &m[*n];
        if (string(ps, &x->name, &x->name_len) != 0)
            return JSON_SYNTAX;
        for (size_t i = 0; i < *n; i++)
            if (m[i].name_len == x->name_len && memcmp(m[i].name, x->name, x->name_len) == 0)
                return fail(ps, at, "duplicate member name");
        if (expect(ps, ':', "expected ':'") != 0)
            return JSON_SYNTAX;
        skip_space(ps);
        if (ps->p >= ps->end || *ps->p != '"')
            return fail(ps, ps->p, "a member's value must be a string");
        if (string(ps, &x->value, &x->value_len) != 0)
            return JSON_SYNTAX;
        ++*n;
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        return expect(ps, '}', "expected ',' or '}'");
    }
}

int json_read_objects(const char *text, size_t len,
                      int (*fn)(void *ctx, const json_member *m, size_t n), void *ctx,
                      json_error *e)
{
    parser ps = {.p = (const unsigned char *)text,
                 .start = (const unsigned char *)text,
                 .end = (const unsigned char *)text + len,
                 .e = e};
    e->offset = 0;
    e->message = NULL;
    if (!(ps.buf = malloc(len + 1)))
        return JSON_NOMEM;
    json_member m[JSON_MAX_MEMBERS];
    size_t n;
    int rc = expect(&ps, '[', "expected '['");
    skip_space(&ps);
    bool empty = rc == 0 && ps.p < ps.end && *ps.p == ']';
    if (empty)
        ps.p++;
    while (rc == 0 && !empty) {
        ps.used = 0;
        if ((rc = object(&ps, m, &n)) != 0 || (rc = fn(ctx, m, n)) != 0)
            break;
        skip_space(&ps);
        if (ps.p < ps.end && *ps.p == ',') {
            ps.p++;
            continue;
        }
        rc = expect(&ps, ']', "expected ',' or ']'");
        break;
    }
    if (rc == 0) {
        skip_space(&ps);
        if (ps.p != ps.end)
            rc = fail(&ps, ps.p, "text after the array");
    }
    free(ps.buf);
    return rc;
}

const char *json_member_value(const json_member *m, size_t n, const char *name, size_t *len)
{
    size_t k = strlen(name);
    for (size_t i = 0; i < n; i++)
        if (m[i].name_len == k && memcmp(m[i].name, name, k) == 0) {
            *len = m[i].value_len;
            return m[i].value;
        }
    return NULL;
}
