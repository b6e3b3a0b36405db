/* Sinks and atomic writes. A file sink writes into a temporary file in the target's
 * directory; commit flushes, syncs, renames it over the target and syncs the directory, so
 * a reader sees either the old file or the complete new one, and a failure leaves the old
 * file untouched and no temporary file behind. */
#define _GNU_SOURCE /* realpath */

#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUFFER_SIZE ((size_t)1 << 20)

/* strerror's text starts with a capital; messages are lower case. */
static void system_message(char *out, size_t size, int errnum)
{
    snprintf(out, size, "%s", strerror(errnum));
    if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
        out[0] = (char)(out[0] - 'A' + 'a');
}

/* A system error as TKG_EIO, or TKG_ENOMEM when the system (or tkg, in a call that
 * allocates) ran out of memory. */
static int fail_errno(tkg_error *err, const char *path, const char *what, int errnum)
{
    char sys[128];
    system_message(sys, sizeof sys, errnum);
    return tkg_fail(err, errnum == ENOMEM ? TKG_ENOMEM : TKG_EIO, path, 0, 0, "%s: %s", what, sys);
}

static void record_errno(tkg_sink *s, const char *what, int errnum)
{
    if (s->error.code == TKG_OK)
        fail_errno(&s->error, s->path, what, errnum);
}

/* Writes all of [data, data + len) to fd, retrying short writes and EINTR. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        if (w == 0)
            return EIO;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes out the buffer (a memory sink keeps everything). */
static void flush_buffer(tkg_sink *s)
{
    if (s->kind == SINK_MEMORY)
        return;
    if (s->len && s->error.code == TKG_OK) {
        int e = write_all(s->fd, s->buf, s->len);
        if (e)
            record_errno(s, "cannot write", e);
    }
    s->len = 0;
}

void sink_put_slow(tkg_sink *s, const void *data, size_t len)
{
    if (s->kind == SINK_MEMORY) {
        if (s->error.code != TKG_OK)
            return;
        size_t cap = s->cap;
        while (cap - s->len < len) {
            if (cap > SIZE_MAX / 2) {
                tkg_fail(&s->error, TKG_ENOMEM, s->path, 0, 0, "out of memory");
                return;
            }
            cap *= 2;
        }
        char *p = realloc(s->buf, cap);
        if (!p) {
            tkg_fail(&s->error, TKG_ENOMEM, s->path, 0, 0, "out of memory");
            return;
        }
        s->buf = p;
        s->cap = cap;
        memcpy(s->buf + s->len, data, len);
        s->len += len;
        s->total += len;
        return;
    }
    s->total += len;
    const char *p = data;
    while (len > 0) {
        if (s->len == s->cap)
            flush_buffer(s);
        size_t n = s->cap - s->len < len ? s->cap - s->len : len;
        memcpy(s->buf + s->len, p, n);
        s->len += n;
        p += n;
        len -= n;
    }
}

void sink_put_uint(tkg_sink *s, uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sink_put(s, tmp + i, sizeof tmp - i);
}

void sink_put_int(tkg_sink *s, int64_t v)
{
    if (v < 0) {
        sink_putc(s, '-');
        sink_put_uint(s, (uint64_t)0 - (uint64_t)v);
    } else {
        sink_put_uint(s, (uint64_t)v);
    }
}

void sink_put_fixed(tkg_sink *s, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double m = v * scale[decimals];
    /* Also rejects NaN, for which every comparison is false. */
    if (!(m > -9.0e15 && m < 9.0e15)) {
        sink_putc(s, '0');
        return;
    }
    bool neg = m < 0;
    uint64_t u = (uint64_t)((neg ? -m : m) + 0.5);
    uint64_t p = (uint64_t)scale[decimals];
    uint64_t whole = u / p, frac = u % p;
    if (neg && u != 0)
        sink_putc(s, '-');
    sink_put_uint(s, whole);
    if (frac == 0)
        return;
    char digits[8];
    int n = decimals;
    for (int i = n - 1; i >= 0; i--) {
        digits[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    while (n > 0 && digits[n - 1] == '0')
        n--;
    sink_putc(s, '.');
    sink_put(s, digits, (size_t)n);
}

void sink_put_day(tkg_sink *s, int32_t day)
{
    char buf[11];
    int n = tkg_day_format(day, buf);
    sink_put(s, buf, (size_t)n);
}

/* ------------------------------------------------------------- temporaries */

/* The temporary files of the open file sinks, in a fixed table that a signal handler can read
 * (tkg_sink_remove_temporaries): a path is copied in before its slot is marked used, and the
 * slot is cleared before it is reused. A path too long for a slot is not listed. */
#define TEMP_SLOTS 64
#define TEMP_PATH  4096
static char temp_path[TEMP_SLOTS][TEMP_PATH];
static atomic_int temp_used[TEMP_SLOTS];
static pthread_mutex_t temp_lock = PTHREAD_MUTEX_INITIALIZER;

static int temp_register(const char *path)
{
    if (strlen(path) >= TEMP_PATH)
        return -1;
    int slot = -1;
    pthread_mutex_lock(&temp_lock);
    for (int i = 0; i < TEMP_SLOTS && slot < 0; i++)
        if (!atomic_load(&temp_used[i]))
            slot = i;
    if (slot >= 0) {
        strcpy(temp_path[slot], path);
        atomic_store(&temp_used[slot], 1);
    }
    pthread_mutex_unlock(&temp_lock);
    return slot;
}

static void temp_release(int slot)
{
    if (slot >= 0)
        atomic_store(&temp_used[slot], 0);
}

void tkg_sink_remove_temporaries(void)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_used[i]))
            unlink(temp_path[i]);
}

/* ------------------------------------------------------------- opening */

static int new_sink(tkg_sink **out, enum sink_kind kind, const char *name, tkg_error *err)
{
    tkg_sink *s = calloc(1, sizeof *s);
    if (s) {
        s->kind = kind;
        s->fd = -1;
        s->temp_slot = -1;
        s->path = strdup(name ? name : "");
        s->cap = kind == SINK_MEMORY ? 4096 : BUFFER_SIZE;
        s->buf = malloc(s->cap);
    }
    if (!s || !s->path || !s->buf) {
        if (s) {
            free(s->path);
            free(s->buf);
            free(s);
        }
        *out = NULL;
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = s;
    return TKG_OK;
}

int tkg_sink_open_memory(tkg_sink **out, tkg_error *err)
{
    return new_sink(out, SINK_MEMORY, "<memory>", err);
}

int tkg_sink_open_fd(tkg_sink **out, int fd, const char *name, tkg_error *err)
{
    int rc = new_sink(out, SINK_FD, name, err);
    if (rc == TKG_OK)
        (*out)->fd = fd;
    return rc;
}

/* Creates `dir/.base.tkg-XXXXXXXX` exclusively (base cut to OUTFILE_BASE_MAX bytes), mode
 * 0666 less the umask (as the target would get), and locks it (outstage.c); fills `*tmp`
 * (malloc'd) and returns the descriptor, or -1 with errno set. */
static int create_temp(const char *dir, const char *base, char **tmp)
{
    static atomic_uint counter; /* sinks may be opened in several threads at once */
    size_t size = strlen(dir) + strlen(base) + 32;
    char *name = malloc(size);
    if (!name) {
        errno = ENOMEM;
        return -1;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long r = ((unsigned long)getpid() * 2654435761u) ^ (unsigned long)ts.tv_nsec ^
                          ((unsigned long)(atomic_fetch_add(&counter, 1) + 1) << 20);
        snprintf(name, size, "%s/.%.*s.tkg-%08lx", dir, (int)outfile_temp_base(base), base,
                 r & 0xffffffffUL);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        int e = fd < 0 ? errno : outfile_lock_new(fd);
        if (e == 0) {
            *tmp = name;
            return fd;
        }
        if (fd >= 0)
            close(fd);
        if (e != EEXIST && e != ENOENT) {
            errno = e;
            break;
        }
    }
    int e = errno;
    free(name);
    errno = e;
    return -1;
}

int tkg_sink_open_file(tkg_sink **out, const char *path, tkg_error *err)
{
    tkg_sink *s = NULL;
    char *resolved = NULL, *dir = NULL;
    int rc = TKG_OK;
    *out = NULL;
    struct stat st;
    if (!path[0] || path[strlen(path) - 1] == '/') {
        rc = tkg_fail(err, TKG_EUSAGE, path, 0, 0, "not a file name");
        goto done;
    }
    /* A symbolic link is followed, so that the file it names is replaced, not the link. */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        resolved = realpath(path, NULL);
        if (!resolved && errno != ENOENT) {
            rc = fail_errno(err, path, "cannot resolve the link", errno);
            goto done;
        }
    }
    const char *target = resolved ? resolved : path;
    if ((rc = new_sink(&s, SINK_FILE, target, err)) != TKG_OK)
        goto done;
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
        rc = tkg_fail(err, TKG_EIO, path, 0, 0, "is a directory");
        goto done;
    }
    if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe (/dev/null, /dev/stdout): written directly, as there is no
         * file to replace. */
        s->fd = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (s->fd < 0)
            rc = fail_errno(err, path, "cannot open", errno);
        goto done;
    }
    const char *slash = strrchr(target, '/');
    dir = slash ? strndup(target, (size_t)(slash - target)) : strdup(".");
    if (!dir) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (slash && dir[0] == '\0') { /* a file in "/" */
        free(dir);
        dir = strdup("/");
        if (!dir) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    /* Temporaries left by a killed run on the same target (unlocked) go first. */
    outfile_clean_leftovers(dir, slash ? slash + 1 : target, false);
    s->fd = create_temp(strcmp(dir, "/") == 0 ? "" : dir, slash ? slash + 1 : target, &s->tmp);
    if (s->fd < 0) {
        rc = fail_errno(err, path, "cannot create a file in its directory", errno);
        goto done;
    }
    s->temp_slot = temp_register(s->tmp);
    /* An existing target keeps its permissions. */
    if (stat(target, &st) == 0 && fchmod(s->fd, st.st_mode & 07777) != 0) {
        rc = fail_errno(err, path, "cannot set permissions", errno);
        goto done;
    }
done:
    free(resolved);
    free(dir);
    if (rc != TKG_OK) {
        tkg_sink_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

/* ------------------------------------------------------------- finishing */

int tkg_sink_write(tkg_sink *s, const void *data, size_t len, tkg_error *err)
{
    sink_put(s, data, len);
    return s->error.code == TKG_OK ? TKG_OK : tkg_error_keep(err, &s->error);
}

static int sync_directory(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) == 0 ? 0 : errno;
    close(fd);
    /* Some file systems cannot sync a directory; the rename itself has happened. */
    return e == EINVAL || e == EROFS ? 0 : e;
}

int tkg_sink_commit(tkg_sink *s, tkg_error *err)
{
    char *dir = NULL;
    if (s->committed || s->kind == SINK_MEMORY)
        goto done;
    flush_buffer(s);
    if (s->error.code != TKG_OK)
        goto done;
    if (s->kind == SINK_FD) {
        /* A regular file or a device behind the descriptor: make the data durable where
         * that means something; pipes and terminals reject fsync, which is fine. */
        if (fsync(s->fd) != 0 && errno != EINVAL && errno != EROFS && errno != EBADF &&
            errno != ENOTSUP)
            record_errno(s, "cannot write", errno);
        goto done;
    }
    if (fsync(s->fd) != 0 && errno != EINVAL && errno != EROFS) {
        record_errno(s, "cannot write", errno);
        goto done;
    }
    if (!s->tmp) {
        int fd = s->fd;
        s->fd = -1;
        if (close(fd) != 0)
            record_errno(s, "cannot write", errno);
        goto done;
    }
    /* The directory's name is made before the rename: once the file is replaced, nothing
     * may fail for want of memory. */
    const char *slash = strrchr(s->path, '/');
    dir = slash ? strndup(s->path, slash == s->path ? 1 : (size_t)(slash - s->path)) : strdup(".");
    if (!dir) {
        record_errno(s, "cannot replace the file", ENOMEM);
        goto done;
    }
    /* The descriptor, and so the temporary's lock, is kept until the rename: a clean-up by
     * another run never removes a temporary about to be renamed. */
    if (s->exclusive) {
        /* link fails when the target exists, where rename would replace it. */
        if (link(s->tmp, s->path) != 0) {
            s->existed = errno == EEXIST;
            record_errno(s, "cannot create the file", errno);
            goto done;
        }
        unlink(s->tmp);
    } else if (rename(s->tmp, s->path) != 0) {
        record_errno(s, "cannot replace the file", errno);
        goto done;
    }
    close(s->fd); /* synced: nothing is left to fail */
    s->fd = -1;
    temp_release(s->temp_slot);
    s->temp_slot = -1;
    free(s->tmp);
    s->tmp = NULL;
    int e = sync_directory(dir);
    if (e)
        record_errno(s, "cannot sync the directory", e);
done:
    free(dir);
    if (s->error.code == TKG_OK)
        s->committed = true;
    return s->error.code == TKG_OK ? TKG_OK : tkg_error_keep(err, &s->error);
}

const char *tkg_sink_data(const tkg_sink *s, size_t *len)
{
    *len = s->kind == SINK_MEMORY ? s->len : 0;
    return s->kind == SINK_MEMORY ? s->buf : "";
}

const char *tkg_sink_name(const tkg_sink *s)
{
    return s->path;
}

uint64_t tkg_sink_size(const tkg_sink *s)
{
    return s->total;
}

void tkg_sink_free(tkg_sink *s)
{
    if (!s)
        return;
    if (s->kind == SINK_FILE && s->fd >= 0)
        close(s->fd);
    if (s->tmp)
        unlink(s->tmp);
    temp_release(s->temp_slot);
    free(s->tmp);
    free(s->path);
    free(s->buf);
    free(s);
}
