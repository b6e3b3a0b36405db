/* Staged directories (tkg_stage_*) and the names and clean-up of temporaries.
 *
 * A stage is a new sibling directory `.NAME.tkg-XXXXXX` of the target directory NAME, on the
 * same file system. The caller writes its files there (a new directory holds no planted
 * link); tkg_stage_commit carries over, by hard link, the files of the target that the
 * stage does not hold, then swaps the stage with the target in one step
 * (renameat2 RENAME_EXCHANGE) and removes the old version. A reader of the target sees the
 * old set of files or the new one, never a mixture.
 *
 * Every temporary (a file sink's `.NAME.tkg-XXXXXXXX`, a stage) is locked with flock while
 * it is in use. After a kill -9 the lock is gone with the process, so the next run on the
 * same target removes the temporaries it can lock, and never one that a live process holds. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */

#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

struct tkg_stage {
    char *target; /* the directory replaced (a symbolic link to a directory: resolved) */
    char *parent; /* its parent directory */
    char *path;   /* the stage */
    int lock;     /* the stage's descriptor, locked; -1 once released */
    bool committed;
};

static int fail_sys(tkg_error *err, const char *path, const char *what, int errnum)
{
    return tkg_fail(err, errnum == ENOMEM ? TKG_ENOMEM : TKG_EIO, path, 0, 0, "%s: %s", what,
                    strerror(errnum));
}

size_t outfile_temp_base(const char *base)
{
    size_t len = strlen(base);
    return len > OUTFILE_BASE_MAX ? OUTFILE_BASE_MAX : len;
}

/* Whether `name` is `.BASE.tkg-` followed by 6 to 8 letters or digits (a temporary of a
 * file sink or a stage for the target named `base`). */
static bool is_temporary(const char *name, const char *base, size_t blen)
{
    if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 ||
        strncmp(name + 1 + blen, ".tkg-", 5) != 0)
        return false;
    const char *p = name + 1 + blen + 5;
    size_t n = 0;
    for (; p[n]; n++)
        if (!((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'z') ||
              (p[n] >= 'A' && p[n] <= 'Z')))
            return false;
    return n >= 6 && n <= 8;
}

/* Removes the directory `name` of `dirfd` and the entries in it (one level: a stage holds
 * files only; anything deeper is left). */
static void remove_tree(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlinkat(fd, e->d_name, 0);
    closedir(d);
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

void outfile_clean_leftovers(const char *dir, const char *base, bool directories)
{
    size_t blen = outfile_temp_base(base);
    DIR *d = opendir(dir[0] ? dir : "/");
    if (!d)
        return;
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_temporary(e->d_name, base, blen))
            continue;
        int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        struct stat st;
        if (fd < 0)
            continue;
        /* Held by a live process: not ours to remove. */
        if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &st) == 0) {
            if (S_ISREG(st.st_mode))
                unlinkat(dfd, e->d_name, 0);
            else if (S_ISDIR(st.st_mode) && directories)
                remove_tree(dfd, e->d_name);
        }
        close(fd); /* after the removal: the lock is held until the name is gone */
    }
    closedir(d);
}

int outfile_lock_new(int fd)
{
    struct stat st;
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return errno;
    /* A clean-up that locked it first has removed it: the caller makes another. */
    if (fstat(fd, &st) != 0)
        return errno;
    return st.st_nlink == 0 ? ENOENT : 0;
}

/* ---------------------------------------------------------------- stages */

static int sync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) == 0 ? 0 : errno;
    close(fd);
    return e == EINVAL || e == EROFS ? 0 : e;
}

/* Checks that the existing target `dir` holds only what a stage can carry over: regular files
 * and symbolic links. */
static int check_target(const char *dir, tkg_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return fail_sys(err, dir, "cannot read the directory", errno);
    int rc = TKG_OK;
    struct dirent *e;
    while (rc == TKG_OK && (e = readdir(d)) != NULL) {
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            rc = fail_sys(err, dir, "cannot read the directory", errno);
        else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
            rc = tkg_fail(err, TKG_EUSAGE, dir, 0, 0,
                          "holds '%s', which is not a regular file: tkg replaces the whole "
                          "directory and keeps only files and links in it (give another "
                          "directory)",
                          e->d_name);
    }
    closedir(d);
    return rc;
}

int tkg_stage_open(tkg_stage **out, const char *dir, tkg_error *err)
{
    tkg_stage *st = calloc(1, sizeof *st);
    int rc = TKG_OK;
    *out = NULL;
    if (!st)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    st->lock = -1;
    struct stat sb;
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') /* "out/" is "out" */
        len--;
    if (len == 0 || (len == 1 && dir[0] == '/')) {
        rc = tkg_fail(err, TKG_EUSAGE, dir, 0, 0, "not a directory tkg can replace");
        goto done;
    }
    if (!(st->target = strndup(dir, len))) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (lstat(st->target, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(st->target, &sb) == 0 &&
        S_ISDIR(sb.st_mode)) { /* a link to a directory: that directory is replaced */
        char *real = realpath(st->target, NULL);
        if (!real) {
            rc = fail_sys(err, dir, "cannot resolve the link", errno);
            goto done;
        }
        free(st->target);
        st->target = real;
    }
    if (lstat(st->target, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) {
            rc = tkg_fail(err, TKG_EUSAGE, dir, 0, 0, "exists and is not a directory");
            goto done;
        }
        if ((rc = check_target(st->target, err)) != TKG_OK)
            goto done;
    } else if (errno != ENOENT) {
        rc = fail_sys(err, dir, "cannot open", errno);
        goto done;
    }
    const char *slash = strrchr(st->target, '/');
    const char *base = slash ? slash + 1 : st->target;
    st->parent = slash ? strndup(st->target, slash == st->target ? 1 : (size_t)(slash - st->target))
                       : strdup(".");
    size_t size = strlen(st->target) + 32;
    if (!st->parent || !(st->path = malloc(size))) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    /* Leftovers of a killed run, if the target is there (else a killed swap may have left
     * the only copy of the old version in one of them). */
    outfile_clean_leftovers(st->parent, base, lstat(st->target, &sb) == 0);
    for (int attempt = 0;; attempt++) {
        snprintf(st->path, size, "%.*s.%.*s.tkg-XXXXXX", (int)(base - st->target), st->target,
                 (int)outfile_temp_base(base), base);
        if (!mkdtemp(st->path)) {
            rc = fail_sys(err, dir, "cannot create a directory beside it", errno);
            st->path[0] = '\0';
            goto done;
        }
        st->lock = open(st->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int e = st->lock < 0 ? errno : outfile_lock_new(st->lock);
        /* mkdtemp's 0700 becomes the target's mode, or what mkdir would give. */
        if (e == 0) {
            mode_t mask = umask(0);
            umask(mask);
            mode_t mode = stat(st->target, &sb) == 0 ? sb.st_mode & 07777 : 0777 & ~mask;
            if (fchmod(st->lock, mode) != 0)
                e = errno;
            else
                break;
        }
        if (st->lock >= 0)
            close(st->lock);
        st->lock = -1;
        if (e != ENOENT || attempt > 100) {
            rmdir(st->path);
            st->path[0] = '\0';
            rc = fail_sys(err, dir, "cannot lock the directory beside it", e);
            goto done;
        }
    }
done:
    if (rc != TKG_OK) {
        tkg_stage_free(st);
        st = NULL;
    }
    *out = st;
    return rc;
}

const char *tkg_stage_path(const tkg_stage *st)
{
    return st->path;
}

/* Hard-links into the stage the regular files of the target it does not hold, and recreates
 * its symbolic links (never followed). */
static int carry_over(tkg_stage *st, tkg_error *err)
{
    DIR *d = opendir(st->target);
    if (!d)
        return errno == ENOENT ? TKG_OK : fail_sys(err, st->target, "cannot read", errno);
    int rc = TKG_OK, sfd = st->lock;
    struct dirent *e;
    while (rc == TKG_OK && (e = readdir(d)) != NULL) {
        struct stat sb;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            fstatat(sfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
            continue; /* written anew */
        if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            continue; /* gone meanwhile */
        if (S_ISREG(sb.st_mode)) {
            /* (ENOENT: removed meanwhile, by its owner or by a concurrent run's swap) */
            if (linkat(dirfd(d), e->d_name, sfd, e->d_name, 0) != 0 && errno != ENOENT)
                rc = fail_sys(err, st->target, "cannot keep a file", errno);
        } else if (S_ISLNK(sb.st_mode)) {
            char to[PATH_MAX + 1];
            ssize_t n = readlinkat(dirfd(d), e->d_name, to, PATH_MAX);
            if ((n < 0 && errno != ENOENT) ||
                (n >= 0 && (to[n] = '\0', symlinkat(to, sfd, e->d_name) != 0)))
                rc = fail_sys(err, st->target, "cannot keep a link", errno);
        } else {
            rc = tkg_fail(err, TKG_EUSAGE, st->target, 0, 0,
                          "holds '%s', which is not a regular file: tkg replaces the whole "
                          "directory and keeps only files and links in it",
                          e->d_name);
        }
    }
    closedir(d);
    return rc;
}

int tkg_stage_commit(tkg_stage *st, tkg_error *err)
{
    int rc = TKG_OK;
    if (st->committed)
        return TKG_OK;
    if ((rc = carry_over(st, err)) != TKG_OK)
        return rc;
    int e = fsync(st->lock) == 0 || errno == EINVAL || errno == EROFS ? 0 : errno;
    if (e)
        return fail_sys(err, st->target, "cannot sync", e);
    bool swapped = false;
    for (int attempt = 0; attempt < 3 && !swapped; attempt++) {
        if (renameat2(AT_FDCWD, st->path, AT_FDCWD, st->target, RENAME_EXCHANGE) == 0) {
            swapped = true; /* the stage's name now holds the old version */
        } else if (errno != ENOENT) {
            break;
        } else if (renameat2(AT_FDCWD, st->path, AT_FDCWD, st->target, RENAME_NOREPLACE) == 0) {
            swapped = true; /* there was no target */
            st->path[0] = '\0';
        } else if (errno == EINVAL && rename(st->path, st->target) == 0) {
            swapped = true; /* no target, and no RENAME_NOREPLACE on this file system */
            st->path[0] = '\0';
        } else if (errno != EEXIST) { /* (EEXIST: another run made it meanwhile: exchange) */
            return fail_sys(err, st->target, "cannot create", errno);
        }
    }
    if (swapped) {
        /* done */
    } else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
        /* No atomic exchange on this file system: the target is absent for an instant
         * between the two renames (docs/export.md). */
        char *old = strdup(st->path);
        if (!old)
            return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        memcpy(old + strlen(old) - 6, "XXXXXX", 6);
        if (!mkdtemp(old) || rmdir(old) != 0 || rename(st->target, old) != 0) {
            rc = fail_sys(err, st->target, "cannot replace", errno);
            free(old);
            return rc;
        }
        if (rename(st->path, st->target) != 0) {
            rc = fail_sys(err, st->target, "cannot replace", errno);
            rename(old, st->target); /* the old version back */
            free(old);
            return rc;
        }
        strcpy(st->path, old);
        free(old);
    } else {
        return fail_sys(err, st->target, "cannot replace", errno);
    }
    st->committed = true;
    if ((e = sync_path(st->parent)) != 0)
        rc = fail_sys(err, st->parent, "cannot sync the directory", e);
    if (st->path[0]) { /* the old version */
        const char *slash = strrchr(st->path, '/');
        int dfd = open(st->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            remove_tree(dfd, slash ? slash + 1 : st->path);
            close(dfd);
        }
        st->path[0] = '\0';
    }
    return rc;
}

void tkg_stage_free(tkg_stage *st)
{
    if (!st)
        return;
    if (st->path && st->path[0] && !st->committed) {
        int dfd = open(st->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const char *slash = strrchr(st->path, '/');
        if (dfd >= 0) {
            remove_tree(dfd, slash ? slash + 1 : st->path);
            close(dfd);
        }
    }
    if (st->lock >= 0)
        close(st->lock);
    free(st->target);
    free(st->parent);
    free(st->path);
    free(st);
}
