/* What tkg says on stderr, and with which exit status: problems in inputs (with their
 * position), errors, warnings and usage errors. */
#include "output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Messages quote input text (a bad date, an unknown id) and name files: both are shown with
 * their control characters escaped (out_visible). `what` is "error", "warning" or "note". */
static void print_problem(const tkg_error *e, const char *what)
{
    if (e->source[0]) {
        out_visible(stderr, e->source);
        if (e->line > 0)
            fprintf(stderr, ":%d:%d", e->line, e->column > 0 ? e->column : 1);
    } else {
        fputs("tkg", stderr);
    }
    fprintf(stderr, ": %s: ", what);
    out_visible(stderr, e->message);
    fputc('\n', stderr);
}

void cli_print_error(const tkg_error *e)
{
    print_problem(e, "error");
}

void cli_print_warning(const tkg_error *e)
{
    print_problem(e, "warning");
}

void cli_print_note(const tkg_error *e)
{
    print_problem(e, "note");
}

int cli_status(int code)
{
    switch (code) {
    case TKG_OK:
        return EXIT_OK;
    case TKG_EINPUT:
    case TKG_ELIMIT:
        return EXIT_INPUT;
    case TKG_EUSAGE:
        return EXIT_USAGE;
    case TKG_ENOTFOUND:
        return EXIT_NOTFOUND;
    default: /* TKG_EIO, TKG_ENOMEM */
        return EXIT_IO;
    }
}

int cli_fail(const tkg_error *err)
{
    cli_print_error(err);
    return cli_status(err->code);
}

int cli_nomem(void)
{
    fputs("tkg: error: out of memory\n", stderr);
    return cli_status(TKG_ENOMEM);
}

/* Usage errors quote arguments, and messages name files: both as out_visible shows them. */
int cli_usage(const char *command, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    fputs("tkg: error: ", stderr);
    out_visible(stderr, message);
    fputs("\nTry 'tkg ", stderr);
    out_visible(stderr, command);
    fputs(" --help'.\n", stderr);
    return EXIT_USAGE;
}

void cli_error(const char *source, const char *fmt, ...)
{
    tkg_error e = {0};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    snprintf(e.source, sizeof e.source, "%s", source ? source : "");
    cli_print_error(&e);
}

/* The id closest to `id` (by edit distance, at most 2 edits), or NULL: a "did you mean". */
static const char *closest_id(const tkg_store *s, const char *id)
{
    size_t len = strlen(id), best_d = 3;
    const char *best = NULL;
    size_t *row = malloc((len + 1) * sizeof *row);
    if (!row)
        return NULL;
    for (uint32_t e = 0; e < tkg_store_entity_count(s); e++) {
        const char *other = tkg_entity_id(s, e);
        size_t olen = strlen(other);
        if (olen + best_d <= len || len + best_d <= olen)
            continue;
        /* One row of the Levenshtein table at a time. */
        for (size_t j = 0; j <= len; j++)
            row[j] = j;
        for (size_t i = 1; i <= olen; i++) {
            size_t diag = row[0];
            row[0] = i;
            for (size_t j = 1; j <= len; j++) {
                size_t up = row[j];
                size_t cost = diag + (other[i - 1] != id[j - 1]);
                size_t del = row[j] + 1, ins = row[j - 1] + 1;
                row[j] = cost < del ? (cost < ins ? cost : ins) : (del < ins ? del : ins);
                diag = up;
            }
        }
        if (row[len] < best_d) {
            best_d = row[len];
            best = other;
        }
    }
    free(row);
    return best;
}

uint32_t cli_find_entity(const tkg_store *s, const char *id)
{
    uint32_t e = tkg_store_find_entity(s, id);
    if (e != TKG_NO_ENTITY)
        return e;
    const char *hint = closest_id(s, id);
    tkg_error err = {.code = TKG_ENOTFOUND};
    snprintf(err.message, sizeof err.message, "unknown entity '%s'%s%s%s", id,
             hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    cli_print_error(&err);
    return TKG_NO_ENTITY;
}
