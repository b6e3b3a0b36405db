/* Choosing a reader for a path: by extension, and every known file of a directory in sorted
 * order. */
#include "read_sqlite.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

typedef int (*reader_fn)(tkg_store *s, const char *path, tkg_error *err);

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* strerror(errnum) with a lower-case first letter, as every tkg message: "no such file or
 * directory". */
/* The extension of a file name ("" when it has none), for messages. */
static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    return dot ? dot : "";
}

/* The reader for a file name, or NULL when tkg does not read such files. */
static reader_fn reader_for(const char *path)
{
    if (ends_with(path, ".xml"))
        return tkg_read_xml_file;
    if (ends_with(path, ".tsv") || ends_with(path, ".txt"))
        return tkg_read_tsv_file;
    if (ends_with(path, ".graphml"))
        return tkg_read_graphml_file;
    if (ends_with(path, ".csv"))
        return tkg_read_csv_file;
    if (ends_with(path, ".sqlite") || ends_with(path, ".db"))
        return tkg_read_sqlite_file;
    return NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_directory(tkg_store *s, const char *path, tkg_error *err)
{
    char why[128];
    int rc = TKG_OK;
    char **names = NULL;
    size_t count = 0, cap = 0;
    DIR *dir = opendir(path);
    if (!dir)
        return tkg_fail(err, TKG_EIO, path, 0, 0, "cannot open directory: %s",
                        tkg_errno_reason(errno, why, sizeof why));
    struct dirent *d;
    while ((d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.' || !reader_for(d->d_name))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
            names = more;
        }
        size_t len = strlen(path) + 1 + strlen(d->d_name) + 1;
        if (!(names[count] = malloc(len))) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        snprintf(names[count++], len, "%s%s%s", path, ends_with(path, "/") ? "" : "/", d->d_name);
    }
    if (count == 0) /* (qsort must not see the NULL array) */
        rc = tkg_fail(err, TKG_ENOTFOUND, path, 0, 0,
                      "no .xml, .tsv, .txt, .graphml, .csv, .sqlite or .db file in this directory");
    else
        qsort(names, count, sizeof *names, compare_names);
    /* Read every file, so that all problems are reported, unless one is not about input. */
    for (size_t i = 0; i < count; i++) {
        int r = tkg_store_read_path(s, names[i], err);
        if (r != TKG_OK && rc == TKG_OK)
            rc = r;
        if (r != TKG_OK && r != TKG_EINPUT)
            break;
    }
done:
    closedir(dir);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

int tkg_store_read_path(tkg_store *s, const char *path, tkg_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return tkg_fail_open(err, path, errno);
    if (S_ISDIR(st.st_mode))
        return read_directory(s, path, err);
    reader_fn read = reader_for(path);
    if (!read)
        return tkg_fail(err, TKG_EUSAGE, path, 0, 0,
                        "unknown input format %s%s%s (expected .xml, .tsv, .txt, .graphml, .csv, "
                        ".sqlite or .db)",
                        extension(path)[0] ? "'" : "(the name has no extension", extension(path),
                        extension(path)[0] ? "'" : ")");
    if (!S_ISREG(st.st_mode))
        return tkg_fail(err, TKG_EIO, path, 0, 0, "not a regular file");
    return read(s, path, err);
}

/* ------------------------------------------------------------ files of records */

#define CHUNK ((size_t)1 << 20)

int store_read_records(tkg_store *s, const char *path, const record_reader *rr, uint64_t *bytes,
                       tkg_error *err)
{
    int rc = TKG_OK;
    size_t cap = CHUNK * 2, have = 0;
    char *buf = NULL;
    *bytes = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = tkg_fail_open(err, path, errno);
        goto done;
    }
    struct stat st;
    uint64_t total = fstat(fd, &st) == 0 ? (uint64_t)st.st_size : 0;
    if (!(buf = malloc(cap))) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (;;) {
        if (cap - have < CHUNK / 2) {
            /* Less than half a chunk free and no record ends in the buffer: grow it. */
            if (have > rr->max_record) {
                rc = rr->too_long(rr->ctx);
                goto done;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + have, cap - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = tkg_fail(err, TKG_EIO, path, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        *bytes += (uint64_t)n;
        if (*bytes > s->opt.max_input_bytes) {
            rc = tkg_fail(err, TKG_ELIMIT, path, 0, 0,
                          "input is larger than the limit of %llu bytes",
                          (unsigned long long)s->opt.max_input_bytes);
            goto done;
        }
        have += (size_t)n;
        bool stop = false;
        size_t used = rr->consume(rr->ctx, buf, have, n == 0, &stop, &rc);
        if (rc != TKG_OK || stop || n == 0 || store_too_many_errors(s))
            goto done;
        memmove(buf, buf + used, have - used);
        have -= used;
        if (s->opt.progress && s->opt.on_progress)
            s->opt.on_progress(s->opt.progress_ctx, path, *bytes, total);
    }
done:
    if (fd >= 0)
        close(fd);
    free(buf);
    return rc;
}
