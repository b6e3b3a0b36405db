/* The error model: one struct, the first error wins, reporting never allocates. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void tkg_error_clear(tkg_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

__attribute__((format(printf, 6, 0))) static void vformat(tkg_error *out, int code,
                                                          const char *source, int line, int column,
                                                          const char *fmt, va_list ap)
{
    out->code = code;
    out->line = line;
    out->column = column;
    snprintf(out->source, sizeof out->source, "%s", source ? source : "");
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    /* A message is one line: fold any line break that came in through %s. */
    for (char *p = out->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
}

void tkg_error_format(tkg_error *out, int code, const char *source, int line, int column,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(out, code, source, line, column, fmt, ap);
    va_end(ap);
}

int tkg_fail(tkg_error *err, int code, const char *source, int line, int column, const char *fmt,
             ...)
{
    if (!err)
        return code;
    if (err->code == TKG_OK) {
        va_list ap;
        va_start(ap, fmt);
        vformat(err, code, source, line, column, fmt, ap);
        va_end(ap);
    }
    return err->code;
}

int tkg_error_keep(tkg_error *err, const tkg_error *e)
{
    if (!err)
        return e->code;
    if (err->code == TKG_OK)
        *err = *e;
    return err->code;
}
