/* What tkg says on stderr, and with which exit status: problems in inputs (with their
 * position), errors, warnings and usage errors. */
#include "output.h"

#include <stdarg.h>

/* Messages quote input text (a bad date, an unknown id) and name files: both are shown with
 * their control characters escaped (out_visible). `what` is "error" or "warning". */
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

int cli_exit_status(int code)
{
    switch (code) {
    case TKG_OK:
        return EXIT_OK;
    case TKG_EINPUT:
    case TKG_ELIMIT:
        return EXIT_INPUT;
    case TKG_EUSAGE:
        return EXIT_USAGE;
    default:
        return EXIT_IO;
    }
}

int cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tkg %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'tkg %s --help'.\n", command);
    va_end(ap);
    return EXIT_USAGE;
}
