/* Refusing an output that would overwrite an input (issue: `tkg export -o in.xml in.xml`).
 * One place, used by every command that writes files (export, report, diff, and add for
 * its base). The inputs are
 * compared with stat, before any output is opened: by device and inode, so a symbolic or a
 * hard link to an input is the input; an input directory stands for every file in it. */
#define _GNU_SOURCE /* realpath */

#include "outcheck.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int refuse(const char *command, const char *output, const char *input, const char *why)
{
    /* About the output file: the message starts with its path (cli.h's rule). */
    cli_error(output, "%s '%s'; give another output", why, input);
    fprintf(stderr, "Try 'tkg %s --help'.\n", command);
    return EXIT_USAGE;
}

/* Whether the file `st` is the input `input` or, for an input directory, a file in it. */
static bool is_input(const struct stat *st, const char *input)
{
    struct stat in;
    if (stat(input, &in) != 0)
        return false;
    if (in.st_dev == st->st_dev && in.st_ino == st->st_ino)
        return true;
    if (!S_ISDIR(in.st_mode))
        return false;
    DIR *d = opendir(input);
    bool same = false;
    struct dirent *e;
    while (d && !same && (e = readdir(d)) != NULL) {
        struct stat f;
        same = fstatat(dirfd(d), e->d_name, &f, 0) == 0 && S_ISREG(f.st_mode) &&
               f.st_dev == st->st_dev && f.st_ino == st->st_ino;
    }
    if (d)
        closedir(d);
    return same;
}

int cli_check_output_file(const cli_args *a, const char *path)
{
    struct stat st;
    if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return EXIT_OK; /* nothing there yet (or a device): no input to lose */
    for (int i = 0; i < a->input_count; i++) {
        struct stat in;
        if (is_input(&st, a->inputs[i]))
            return refuse(a->command, path, a->inputs[i],
                          stat(a->inputs[i], &in) == 0 && S_ISDIR(in.st_mode)
                              ? "is a file of the input directory"
                              : "is the input");
    }
    return EXIT_OK;
}

int cli_check_base_file(const cli_args *a, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return EXIT_OK; /* nothing there yet: no input can be it */
    for (int i = 0; i < a->input_count; i++)
        if (is_input(&st, a->inputs[i])) {
            struct stat in;
            bool dir = stat(a->inputs[i], &in) == 0 && S_ISDIR(in.st_mode);
            cli_error(path, "the base is %s '%s': a base cannot be added to itself",
                      dir ? "a file of the input directory" : "the input", a->inputs[i]);
            fprintf(stderr, "Try 'tkg %s --help'.\n", a->command);
            return EXIT_USAGE;
        }
    return EXIT_OK;
}

/* The real path of `path`, or of its nearest existing ancestor followed by the rest (a
 * directory yet to be made); NULL when out of memory or unresolvable. */
static char *resolve(const char *path)
{
    char *copy = strdup(path), *real = NULL, *out = NULL;
    if (!copy)
        return NULL;
    size_t len = strlen(copy); /* the part of `path` resolved: copy[0, len) */
    while (len > 1 && copy[len - 1] == '/')
        copy[--len] = '\0';
    const char *rest = path + len;
    while (!(real = realpath(copy, NULL)) && errno == ENOENT) {
        char *slash = strrchr(copy, '/');
        if (!slash) { /* nothing of a relative path exists: it lies below "." */
            real = realpath(".", NULL);
            rest = NULL;
            break;
        }
        len = slash == copy ? 1 : (size_t)(slash - copy);
        copy[len] = '\0';
        rest = path + len;
    }
    if (real) {
        size_t size = strlen(real) + strlen(path) + 2;
        if ((out = malloc(size)) != NULL)
            snprintf(out, size, "%s%s%s", real, rest ? "" : "/", rest ? rest : path);
        for (size_t n = out ? strlen(out) : 0; n > 1 && out[n - 1] == '/'; n--)
            out[n - 1] = '\0';
    }
    free(real);
    free(copy);
    return out;
}

/* Whether `inner` is `outer` or lies below it (both real paths). */
static bool within(const char *inner, const char *outer)
{
    size_t n = strlen(outer);
    if (n == 1 && outer[0] == '/')
        return true;
    return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

int cli_check_output_dir(const cli_args *a, const char *dir, const char *const *names)
{
    int rc = EXIT_OK;
    char *out = resolve(dir);
    if (!out) {
        cli_error(dir, "cannot resolve the directory: %s", strerror(errno));
        return EXIT_IO;
    }
    for (int i = 0; i < a->input_count && rc == EXIT_OK; i++) {
        struct stat in;
        if (strcmp(a->inputs[i], "-") == 0 || stat(a->inputs[i], &in) != 0)
            continue;
        char *real = realpath(a->inputs[i], NULL);
        if (!real)
            continue;
        if (S_ISDIR(in.st_mode) && within(out, real))
            rc = refuse(a->command, dir, a->inputs[i], "is or lies in the input directory");
        else if (within(real, out))
            rc = refuse(a->command, dir, a->inputs[i], "holds the input");
        free(real);
    }
    /* A file the command writes that is an input under another name (a hard link). */
    size_t size = strlen(dir) + 64;
    char *path = malloc(size);
    for (size_t k = 0; names && names[k] && path && rc == EXIT_OK; k++) {
        snprintf(path, size, "%s/%s", dir, names[k]);
        rc = cli_check_output_file(a, path);
    }
    free(path);
    free(out);
    return rc;
}
