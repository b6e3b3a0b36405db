/* Printing results: aligned tables for people, TSV and JSON for programs. */
#include "output.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void out_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* a C1 control */
                fprintf(f, "\\u%04x", *++p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

/* Control characters must not reach a terminal as they are (an ESC sequence can retitle a
 * window, rewrite the screen or worse): C0 controls and DEL are shown as \xHH, C1
 * controls (U+0080–U+009F, two bytes in UTF-8) as \uHHHH. Returns the bytes at `p` that
 * make one control character (0 for anything else). */
static size_t control_len(const unsigned char *p)
{
    if (*p < 0x20 || *p == 0x7f)
        return 1;
    return *p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F ? 2 : 0;
}

/* Writes the control character of `n` bytes at `p` as its visible escape; returns the
 * escape's width in columns. */
static size_t put_control(FILE *f, const unsigned char *p, size_t n)
{
    if (n == 1)
        return f ? (size_t)fprintf(f, "\\x%02x", *p) : 4;
    return f ? (size_t)fprintf(f, "\\u%04x", p[1]) : 6;
}

void out_visible(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n = control_len(p);
        if (n) {
            put_control(f, p, n);
            p += n;
        } else {
            fputc(*p++, f);
        }
    }
}

void out_tsv_field(FILE *f, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '\t':
            fputs("\\t", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        default: {
            size_t n = control_len((const unsigned char *)p);
            if (n) {
                put_control(f, (const unsigned char *)p, n);
                p += n - 1;
            } else {
                fputc(*p, f);
            }
        }
        }
    }
}

/* Combining marks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F)
 * take no column; other code points take one (wide CJK is counted as one: good enough for
 * aligning mostly Latin tables). */
size_t out_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t control = control_len(p);
        if (control && *p != '\n' && *p != '\r' && *p != '\t') {
            w += put_control(NULL, p, control);
            p += control;
            continue;
        }
        uint32_t cp = *p;
        size_t len = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : 4;
        if (len > 1) {
            cp &= 0xFF >> (len + 1);
            for (size_t k = 1; k < len && p[k]; k++)
                cp = (cp << 6) | (p[k] & 0x3F);
        }
        bool combining = (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
                         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
                         (cp >= 0xFE20 && cp <= 0xFE2F);
        w += !combining;
        for (size_t k = 0; k < len && *p; k++)
            p++;
    }
    return w;
}

struct table {
    size_t columns;
    const char *const *names;
    char **cells; /* rows × columns */
    size_t rows, cap;
};

table *table_new(const char *const *columns, size_t count)
{
    table *t = calloc(1, sizeof *t);
    if (t) {
        t->columns = count;
        t->names = columns;
    }
    return t;
}

int table_add(table *t, const char *const *cells)
{
    if (t->rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **more = realloc(t->cells, cap * t->columns * sizeof *more);
        if (!more)
            return -1;
        t->cells = more;
        t->cap = cap;
    }
    char **row = t->cells + t->rows * t->columns;
    for (size_t c = 0; c < t->columns; c++) {
        row[c] = strdup(cells[c] ? cells[c] : "");
        if (!row[c]) {
            while (c--)
                free(row[c]);
            return -1;
        }
    }
    t->rows++;
    return 0;
}

/* A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula: `=HYPERLINK(...)` as a label would become a link, `+cmd|...` a command.
 * Such a field, unless it is a plain number (-0.5), is written with a leading apostrophe,
 * which spreadsheets take as "text" and do not show. */
static bool formula_like(const char *s)
{
    if (!*s || !strchr("=+-@\t\r", *s))
        return false;
    char *end;
    (void)strtod(s, &end);
    bool number =
        end != s && *end == '\0' && (s[0] == '-' || s[0] == '+') && isdigit((unsigned char)s[1]);
    return !number;
}

void out_csv_field(FILE *f, const char *s)
{
    bool formula = formula_like(s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

/* Table cells are one line: line breaks and tabs are shown as spaces, other control
 * characters as their escapes (as out_width counts them). */
static void print_cell(FILE *f, const char *s, size_t pad)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = control_len(p);
        if (*p == '\n' || *p == '\r' || *p == '\t')
            fputc(' ', f), p++;
        else if (n)
            put_control(f, p, n), p += n;
        else
            fputc(*p++, f);
    }
    for (size_t i = 0; i < pad; i++)
        fputc(' ', f);
}

void table_print(const table *t, FILE *f, format fmt, const bool *numeric)
{
    if (fmt == FORMAT_JSON) {
        fputs("[", f);
        for (size_t r = 0; r < t->rows; r++) {
            fputs(r ? ",\n {" : "\n {", f);
            for (size_t c = 0; c < t->columns; c++) {
                const char *v = t->cells[r * t->columns + c];
                if (c)
                    fputs(", ", f);
                out_json_string(f, t->names[c]);
                fputs(": ", f);
                if (numeric && numeric[c] && v[0])
                    fputs(v, f);
                else if (numeric && numeric[c])
                    fputs("null", f);
                else
                    out_json_string(f, v);
            }
            fputs("}", f);
        }
        fputs(t->rows ? "\n]\n" : "]\n", f);
        return;
    }
    if (fmt == FORMAT_CSV) {
        for (size_t r = 0; r <= t->rows; r++) {
            for (size_t c = 0; c < t->columns; c++) {
                fputs(c ? "," : "", f);
                out_csv_field(f, r ? t->cells[(r - 1) * t->columns + c] : t->names[c]);
            }
            fputc('\n', f);
        }
        return;
    }
    if (fmt == FORMAT_TSV) {
        for (size_t c = 0; c < t->columns; c++) {
            fputs(c ? "\t" : "", f);
            out_tsv_field(f, t->names[c]);
        }
        fputc('\n', f);
        for (size_t r = 0; r < t->rows; r++) {
            for (size_t c = 0; c < t->columns; c++) {
                fputs(c ? "\t" : "", f);
                out_tsv_field(f, t->cells[r * t->columns + c]);
            }
            fputc('\n', f);
        }
        return;
    }
    size_t *width = calloc(t->columns, sizeof *width);
    if (!width)
        return;
    for (size_t c = 0; c < t->columns; c++) {
        width[c] = out_width(t->names[c]);
        for (size_t r = 0; r < t->rows; r++) {
            size_t w = out_width(t->cells[r * t->columns + c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < t->columns; c++)
        print_cell(f, t->names[c], c + 1 < t->columns ? width[c] - out_width(t->names[c]) + 2 : 0);
    fputc('\n', f);
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *v = t->cells[r * t->columns + c];
            print_cell(f, v, c + 1 < t->columns ? width[c] - out_width(v) + 2 : 0);
        }
        fputc('\n', f);
    }
    free(width);
}

void table_free(table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->rows * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}

int cli_finish_output(int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "tkg: error: cannot write the output: %s\n",
                e ? strerror(e) : "write error");
        return EXIT_IO;
    }
    return status;
}
