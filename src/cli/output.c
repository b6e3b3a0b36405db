/* Printing results: aligned tables for people, TSV and JSON for programs. */
#include "output.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Every field goes through the library's escaper (tkg_text_write, src/lib/escape.c), with its
 * cleaning: bytes that are not UTF-8 are shown as U+FFFD, and control characters never reach a
 * terminal as they are (an ESC sequence can retitle a window, rewrite the screen or worse). */

void out_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    tkg_text_write(f, TKG_TEXT_JSON, s);
    fputc('"', f);
}

void out_visible(FILE *f, const char *s)
{
    tkg_text_write(f, TKG_TEXT_TERMINAL, s);
}

void out_tsv_field(FILE *f, const char *s)
{
    tkg_text_write(f, TKG_TEXT_TSV, s);
}

/* The display width of `len` bytes of escaped (so valid UTF-8) text: code points, combining
 * marks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F) counting
 * zero (wide CJK is counted as one: good enough for aligning mostly Latin tables). */
static size_t text_width(const char *s, size_t len)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        uint32_t cp = *p;
        size_t n = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : 4;
        if (n > 1) {
            cp &= 0xFFu >> (n + 1);
            for (size_t k = 1; k < n && p + k < end; k++)
                cp = (cp << 6) | (p[k] & 0x3Fu);
        }
        bool combining = (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
                         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
                         (cp >= 0xFE20 && cp <= 0xFE2F);
        w += !combining;
        p += (size_t)(end - p) < n ? (size_t)(end - p) : n;
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
    s = s ? s : "";
    bool formula = formula_like(s);
    bool quoted = formula || strpbrk(s, ",\"\r\n");
    if (quoted)
        fputc('"', f);
    if (formula)
        fputc('\'', f);
    tkg_text_write(f, TKG_TEXT_CSV, s);
    if (quoted)
        fputc('"', f);
}

/* The aligned table: every cell (the header row first) escaped once, for a cell
 * (TKG_TEXT_CELL: one line, controls shown), into one buffer; each column as wide as its
 * widest escaped cell, two spaces apart. */
static void print_aligned(const table *t, FILE *f)
{
    size_t cells = (t->rows + 1) * t->columns;
    size_t *at = malloc((cells + 1) * sizeof *at), *width = calloc(t->columns, sizeof *width);
    char *buf = NULL;
    size_t size = 0;
    FILE *m = at && width ? open_memstream(&buf, &size) : NULL;
    if (!m)
        goto done;
    for (size_t k = 0; k < cells; k++) {
        at[k] = (size_t)ftello(m);
        tkg_text_write(m, TKG_TEXT_CELL, k < t->columns ? t->names[k] : t->cells[k - t->columns]);
    }
    at[cells] = (size_t)ftello(m);
    if (fclose(m) != 0)
        goto done;
    for (size_t k = 0; k < cells; k++) {
        size_t w = text_width(buf + at[k], at[k + 1] - at[k]), c = k % t->columns;
        width[c] = w > width[c] ? w : width[c];
    }
    for (size_t k = 0; k < cells; k++) {
        size_t c = k % t->columns;
        fwrite(buf + at[k], 1, at[k + 1] - at[k], f);
        if (c + 1 == t->columns) {
            fputc('\n', f);
            continue;
        }
        for (size_t pad = width[c] - text_width(buf + at[k], at[k + 1] - at[k]) + 2; pad; pad--)
            fputc(' ', f);
    }
done:
    if (!m && (at && width))
        fputs("tkg: error: out of memory\n", stderr);
    free(buf);
    free(width);
    free(at);
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
    print_aligned(t, f);
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
