/* The error model: one struct, the first error wins, reporting never allocates. */
#include "error.h"

#include <errno.h>
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

int tkg_failv(tkg_error *err, int code, const char *source, int line, int column, const char *fmt,
              va_list ap)
{
    if (!err)
        return code;
    if (err->code == TKG_OK)
        vformat(err, code, source, line, column, fmt, ap);
    return err->code;
}

int tkg_fail(tkg_error *err, int code, const char *source, int line, int column, const char *fmt,
             ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tkg_failv(err, code, source, line, column, fmt, ap);
    va_end(ap);
    return rc;
}

int tkg_error_keep(tkg_error *err, const tkg_error *e)
{
    if (!err)
        return e->code;
    if (err->code == TKG_OK)
        *err = *e;
    return err->code;
}

const char *tkg_errno_reason(int errnum, char *buf, size_t size)
{
    snprintf(buf, size, "%s", strerror(errnum));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

int tkg_fail_open(tkg_error *err, const char *path, int errnum)
{
    char why[128];
    int code = errnum == ENOENT || errnum == ENOTDIR ? TKG_ENOTFOUND : TKG_EIO;
    return tkg_fail(err, code, path, 0, 0, "cannot open: %s",
                    tkg_errno_reason(errnum, why, sizeof why));
}
