/* Recording errors: the one error model of the library (see tkg_error in tkg.h). */
#ifndef TKG_ERROR_H
#define TKG_ERROR_H

#include "tkg.h"

#include <stdarg.h>

/**
 * Records an error in `err` unless one is already recorded (the first error wins) and
 * returns the code of the error `err` then holds — `code`, or the earlier error's — so that
 * a caller can write `return tkg_fail(err, TKG_EINPUT, ...)` and the code returned always
 * matches the error reported (an input problem found after running out of memory is still
 * out of memory). With `err` NULL it returns `code`.
 * `source` may be NULL; `line`/`column` are 0 when the error is not about input.
 * Never allocates. `fmt` must be a literal: input text only ever goes in through `%s`.
 */
int tkg_fail(tkg_error *err, int code, const char *source, int line, int column, const char *fmt,
             ...) __attribute__((format(printf, 6, 7)));

/** tkg_fail with a va_list, for a reader's own fail helper that records more than `err`. */
int tkg_failv(tkg_error *err, int code, const char *source, int line, int column, const char *fmt,
              va_list ap) __attribute__((format(printf, 6, 0)));

/** Formats an error into a caller-owned struct without the first-error-wins rule. */
void tkg_error_format(tkg_error *out, int code, const char *source, int line, int column,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/** Copies `e` into `err` unless `err` already holds an error; returns the code `err` then
 *  holds (e->code when `err` is NULL). */
int tkg_error_keep(tkg_error *err, const tkg_error *e);

/** The system's reason for `errnum` (strerror) with its first letter in lower case, as
 *  messages say it ("no such file or directory"), in `buf`; returns `buf`. */
const char *tkg_errno_reason(int errnum, char *buf, size_t size);

/** Records that `path` could not be opened, `errnum` being errno: "cannot open: REASON",
 *  TKG_ENOTFOUND when it does not exist (ENOENT, ENOTDIR), else TKG_EIO. Returns as
 *  tkg_fail. Every reader opens its input through this, so that a missing file gets the same
 *  message and exit status whatever its format. */
int tkg_fail_open(tkg_error *err, const char *path, int errnum);

#endif
