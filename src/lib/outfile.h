/* Sinks: where the writers' bytes go (an atomically replaced file, a file descriptor, or
 * memory), with a buffered fast path the writers call directly. */
#ifndef TKG_OUTFILE_H
#define TKG_OUTFILE_H

#include "error.h"

#include <string.h>

enum sink_kind { SINK_FILE, SINK_FD, SINK_MEMORY };

struct tkg_sink {
    char *buf;       /* pending bytes; for a memory sink, everything written so far */
    size_t len, cap; /* bytes in buf, and its size */
    enum sink_kind kind;
    int fd;          /* SINK_FILE: the temporary file; SINK_FD: the caller's descriptor */
    char *path;      /* SINK_FILE: the target; otherwise the name used in messages */
    char *tmp;       /* SINK_FILE: the temporary file, until it is renamed or removed */
    int temp_slot;   /* its slot in the table of temporaries (outfile.c), or -1 */
    bool committed;  /* tkg_sink_commit succeeded */
    bool exclusive;  /* SINK_FILE: commit creates the target (link) and never replaces it */
    bool existed;    /* set by commit when `exclusive` and the target existed: not written */
    uint64_t total;  /* bytes accepted so far */
    tkg_error error; /* the first write error; code TKG_OK while none */
};

/* The longest part of a target's name kept in the name of its temporaries (`.NAME.tkg-` and 8
 * characters), so that they fit in NAME_MAX (255) whatever the target's name. */
#define OUTFILE_BASE_MAX 240

/** The length of `base` kept in the names of its temporaries (OUTFILE_BASE_MAX at most). */
size_t outfile_temp_base(const char *base);

/** Removes from `dir` the temporaries of the target named `base` (`.BASE.tkg-XXXXXX[XX]`)
 *  that no live process holds locked: files, and stages if `directories`. */
void outfile_clean_leftovers(const char *dir, const char *base, bool directories);

/** Locks the new temporary `fd` (flock, waiting); ENOENT when a clean-up removed it first,
 *  another errno on failure, 0 on success. */
int outfile_lock_new(int fd);

/** Writes out the buffer when full, then appends; records failures in s->error. */
void sink_put_slow(tkg_sink *s, const void *data, size_t len);

/** Appends `len` bytes. Failures are sticky and reported by tkg_sink_commit. */
static inline void sink_put(tkg_sink *s, const void *data, size_t len)
{
    if (len <= s->cap - s->len) {
        memcpy(s->buf + s->len, data, len);
        s->len += len;
        s->total += len;
    } else {
        sink_put_slow(s, data, len);
    }
}

static inline void sink_putc(tkg_sink *s, char c)
{
    if (s->len < s->cap) {
        s->buf[s->len++] = c;
        s->total++;
    } else {
        sink_put_slow(s, &c, 1);
    }
}

static inline void sink_puts(tkg_sink *s, const char *text)
{
    sink_put(s, text, strlen(text));
}

/** Appends a decimal unsigned integer. */
void sink_put_uint(tkg_sink *s, uint64_t v);

/** Appends a signed integer. */
void sink_put_int(tkg_sink *s, int64_t v);

/** Appends `v` in the C locale with at most `decimals` (0..6) digits after the point,
 *  trailing zeros dropped ("12.5", "-3", "0.25"); never an exponent, never a comma.
 *  Non-finite values, which the writers never pass, come out as "0". */
void sink_put_fixed(tkg_sink *s, double v, int decimals);

/** Appends a day as `YYYY-MM-DD` (nothing for the open sentinels). */
void sink_put_day(tkg_sink *s, int32_t day);

/** The sink's first write error (code TKG_OK while none). */
static inline int sink_status(const tkg_sink *s)
{
    return s->error.code;
}

#endif
