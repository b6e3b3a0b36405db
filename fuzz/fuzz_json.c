/* Fuzz target: the strict JSON reader of tkg's `citations` and `sources` values (json.c).
 * Oracle: a refusal names a message and an offset within the input; every accepted object's
 * members are valid UTF-8 without NUL (their stated lengths), and writing them back as JSON
 * and reading that again gives the same members. */
#include "fuzz.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>

typedef struct copy {
    char *buf; /* the members written back as JSON */
    size_t len, cap;
    size_t objects;
    const char *expect; /* on the second reading: the flattened members of the first */
    size_t expect_len, pos;
    char *flat; /* the first reading, flattened: name NUL value NUL ... */
    size_t flat_len, flat_cap;
} copy;

static void put(char **buf, size_t *len, size_t *cap, const char *p, size_t n)
{
    if (*len + n > *cap) {
        size_t c = (*len + n) * 2 + 64;
        char *more = realloc(*buf, c);
        if (!more)
            abort();
        *buf = more;
        *cap = c;
    }
    memcpy(*buf + *len, p, n);
    *len += n;
}

/* A JSON string literal of `n` bytes of `t` (valid UTF-8, no NUL): " \ and C0 escaped. */
static void put_string(copy *c, const char *t, size_t n)
{
    put(&c->buf, &c->len, &c->cap, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t[i];
        char esc[8];
        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(&c->buf, &c->len, &c->cap, esc, 2);
        } else if (ch < 0x20) {
            static const char hex[] = "0123456789abcdef";
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 15];
            put(&c->buf, &c->len, &c->cap, esc, 6);
        } else {
            put(&c->buf, &c->len, &c->cap, (const char *)&t[i], 1);
        }
    }
    put(&c->buf, &c->len, &c->cap, "\"", 1);
}

static int first(void *ctx, const json_member *m, size_t n)
{
    copy *c = ctx;
    if (c->objects++)
        put(&c->buf, &c->len, &c->cap, ",", 1);
    put(&c->buf, &c->len, &c->cap, "{", 1);
    for (size_t i = 0; i < n; i++) {
        if (strlen(m[i].name) != m[i].name_len || strlen(m[i].value) != m[i].value_len)
            abort(); /* a NUL inside */
        if (i)
            put(&c->buf, &c->len, &c->cap, ",", 1);
        put_string(c, m[i].name, m[i].name_len);
        put(&c->buf, &c->len, &c->cap, ":", 1);
        put_string(c, m[i].value, m[i].value_len);
        put(&c->flat, &c->flat_len, &c->flat_cap, m[i].name, m[i].name_len + 1);
        put(&c->flat, &c->flat_len, &c->flat_cap, m[i].value, m[i].value_len + 1);
    }
    put(&c->buf, &c->len, &c->cap, "}", 1);
    put(&c->flat, &c->flat_len, &c->flat_cap, "\n", 1); /* the end of an object */
    return 0;
}

static int second(void *ctx, const json_member *m, size_t n)
{
    copy *c = ctx;
    for (size_t i = 0; i < n; i++) {
        size_t a = m[i].name_len + 1, b = m[i].value_len + 1;
        if (c->pos + a + b > c->expect_len || memcmp(c->expect + c->pos, m[i].name, a) != 0 ||
            memcmp(c->expect + c->pos + a, m[i].value, b) != 0)
            abort();
        c->pos += a + b;
    }
    if (c->pos >= c->expect_len || c->expect[c->pos] != '\n')
        abort();
    c->pos++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    copy c = {0};
    json_error e;
    put(&c.buf, &c.len, &c.cap, "[", 1);
    int rc = json_read_objects((const char *)data, size, first, &c, &e);
    if (rc == JSON_SYNTAX) {
        if (!e.message || e.offset > size)
            abort();
    } else if (rc != 0 && rc != JSON_NOMEM) {
        abort();
    } else if (rc == 0) {
        put(&c.buf, &c.len, &c.cap, "]", 1);
        copy again = {.expect = c.flat, .expect_len = c.flat_len};
        if (json_read_objects(c.buf, c.len, second, &again, &e) != 0 || again.pos != c.flat_len)
            abort();
    }
    free(c.buf);
    free(c.flat);
    return 0;
}
