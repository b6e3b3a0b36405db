/* Exporting a view: the code that tkg export, tkg report and tkg diff share. Formats and
 * their names, writing a view into a file or standard output atomically, the CSV pair
 * through a staged directory, and the checks of export options. */
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name, *ext;
    export_format f;
} formats[] = {{"dot", ".dot", EXPORT_DOT},          {"dot", ".gv", EXPORT_DOT},
               {"svg", ".svg", EXPORT_SVG},          {"png", ".png", EXPORT_PNG},
               {"pdf", ".pdf", EXPORT_PDF},          {"graphml", ".graphml", EXPORT_GRAPHML},
               {"gexf", ".gexf", EXPORT_GEXF},       {"json", ".json", EXPORT_JSON},
               {"html", ".html", EXPORT_HTML},       {"csv", NULL, EXPORT_CSV},
               {"sqlite", ".sqlite", EXPORT_SQLITE}, {"sqlite", ".db", EXPORT_SQLITE}};

static const char *const engines[] = {"dot",   "neato", "fdp",       "sfdp", "twopi",
                                      "circo", "osage", "patchwork", NULL};

export_format export_format_named(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (strcmp(name, formats[i].name) == 0)
            return formats[i].f;
    return EXPORT_NONE;
}

export_format export_format_of_path(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        const char *ext = formats[i].ext;
        size_t k = ext ? strlen(ext) : 0;
        if (ext && n > k && strcmp(path + n - k, ext) == 0)
            return formats[i].f;
    }
    return EXPORT_NONE;
}

bool export_engine_known(const char *engine)
{
    for (size_t i = 0; engines[i]; i++)
        if (strcmp(engine, engines[i]) == 0)
            return true;
    return false;
}

void export_warn(void *ctx, const tkg_error *e)
{
    (void)ctx;
    tkg_error shown = *e; /* about the output (a label shortened), not a place in an input */
    shown.source[0] = '\0';
    cli_print_warning(&shown); /* labels quoted in it are shown with controls escaped */
}

/* --------------------------------------------------------------- writing */

static const char *render_format(export_format f)
{
    return f == EXPORT_SVG ? "svg" : f == EXPORT_PNG ? "png" : "pdf";
}

int export_write(tkg_sink *out, export_format f, const tkg_store *s, const tkg_view *v,
                 const tkg_export_options *opt, const render_options *ro)
{
    tkg_error err = {0};
    tkg_sink *dot = NULL;
    char *data = NULL;
    size_t data_len = 0;
    int rc = TKG_OK, status = EXIT_OK;
    switch (f) {
    case EXPORT_DOT:
        rc = tkg_write_dot(out, s, v, opt, &err);
        break;
    case EXPORT_SVG:
    case EXPORT_PNG:
    case EXPORT_PDF:
        if ((rc = tkg_sink_open_memory(&dot, &err)) != TKG_OK ||
            (rc = tkg_write_dot(dot, s, v, opt, &err)) != TKG_OK)
            break;
        size_t len;
        const char *text = tkg_sink_data(dot, &len);
        if ((status = render_run(&data, &data_len, ro, render_format(f), text, len)) == EXIT_OK)
            rc = tkg_sink_write(out, data, data_len, &err);
        break;
    case EXPORT_GRAPHML:
        rc = tkg_write_graphml(out, s, v, opt, &err);
        break;
    case EXPORT_GEXF:
        rc = tkg_write_gexf(out, s, v, opt, &err);
        break;
    case EXPORT_JSON:
        rc = tkg_write_json(out, s, v, opt, &err);
        break;
    case EXPORT_HTML:
        rc = tkg_write_html(out, s, v, opt, &err);
        break;
    case EXPORT_SQLITE:
        rc = tkg_write_sqlite(out, s, v, opt, &err);
        break;
    default:
        fprintf(stderr, "tkg: error: csv is written with export_csv\n");
        status = EXIT_USAGE;
        break;
    }
    if (rc != TKG_OK) {
        status = cli_fail(&err);
    }
    tkg_sink_free(dot);
    free(data);
    return status;
}

static int export_commit(tkg_sink *out)
{
    tkg_error err = {0};
    if (tkg_sink_commit(out, &err) == TKG_OK)
        return EXIT_OK;
    return cli_fail(&err);
}

int export_to_path(const char *path, export_format f, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, const render_options *ro)
{
    tkg_error err = {0};
    tkg_sink *out = NULL;
    int rc = strcmp(path, "-") == 0 ? tkg_sink_open_fd(&out, STDOUT_FILENO, "<stdout>", &err)
                                    : tkg_sink_open_file(&out, path, &err);
    int status;
    if (rc != TKG_OK) {
        status = cli_fail(&err);
    } else if ((status = export_write(out, f, s, v, opt, ro)) == EXIT_OK) {
        status = export_commit(out);
    }
    tkg_sink_free(out);
    return status;
}

int export_make_directory(const char *dir)
{
    char *path = strdup(dir);
    int status = EXIT_OK;
    if (!path) {
        return cli_nomem();
    }
    /* Every missing parent, then the directory itself. */
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            cli_error(path, "cannot create the directory: %s", strerror(errno));
            status = EXIT_IO;
            break;
        }
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error(path, "not a directory");
            status = EXIT_IO;
            break;
        }
        *p = c;
        if (!c)
            break;
    }
    free(path);
    return status;
}

int export_csv_files(const char *dir, const tkg_store *s, const tkg_view *v,
                     const tkg_export_options *opt)
{
    static const char *const names[] = {"nodes.csv", "relationships.csv"};
    int status = EXIT_OK;
    for (int i = 0; i < 2 && status == EXIT_OK; i++) {
        size_t size = strlen(dir) + 32;
        char *path = malloc(size);
        tkg_sink *out = NULL;
        tkg_error err = {0};
        if (!path) {
            return cli_nomem();
        }
        snprintf(path, size, "%s/%s", dir, names[i]);
        int rc = tkg_sink_open_file(&out, path, &err);
        if (rc == TKG_OK)
            rc = i == 0 ? tkg_write_csv_nodes(out, s, v, opt, &err)
                        : tkg_write_csv_relationships(out, s, v, opt, &err);
        if (rc == TKG_OK)
            rc = tkg_sink_commit(out, &err);
        if (rc != TKG_OK) {
            status = cli_fail(&err);
        }
        tkg_sink_free(out);
        free(path);
    }
    return status;
}

/* Creates the parents of `dir` (the directory itself comes from its stage). */
static int make_parent(const char *dir)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    while (len > 0 && dir[len - 1] != '/')
        len--;
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (len == 0 || (len == 1 && dir[0] == '/'))
        return EXIT_OK;
    char *parent = strndup(dir, len);
    int status = parent ? export_make_directory(parent) : EXIT_IO;
    if (!parent)
        cli_nomem();
    free(parent);
    return status;
}

int export_stage_open(tkg_stage **st, const char *dir)
{
    tkg_error err = {0};
    int status = make_parent(dir);
    if (status == EXIT_OK && tkg_stage_open(st, dir, &err) != TKG_OK) {
        status = cli_fail(&err);
    }
    return status;
}

int export_stage_commit(tkg_stage *st)
{
    tkg_error err = {0};
    if (tkg_stage_commit(st, &err) == TKG_OK)
        return EXIT_OK;
    return cli_fail(&err);
}

/* Writes DIR/nodes.csv and DIR/relationships.csv together: both into a stage swapped in
 * with one rename (tkg_stage_commit), so that a reader never sees a mixed pair. */
int export_csv(const char *dir, const tkg_store *s, const tkg_view *v,
               const tkg_export_options *opt)
{
    tkg_stage *st = NULL;
    int status = export_stage_open(&st, dir);
    if (status == EXIT_OK && (status = export_csv_files(tkg_stage_path(st), s, v, opt)) == EXIT_OK)
        status = export_stage_commit(st);
    tkg_stage_free(st);
    return status;
}

int export_parse_timeout(const char *command, const char *value, unsigned *out)
{
    char *end;
    errno = 0;
    long t = strtol(value, &end, 10);
    if (errno || *end || end == value || t < 0 || t > 86400)
        return cli_usage(command,
                         "--timeout needs a whole number of seconds (0 to 86400), not '%s'", value);
    *out = (unsigned)t;
    return EXIT_OK;
}

void export_mark_ended(tkg_export_options *opt, const tkg_view_options *view)
{
    if (view->has_at)
        return;
    opt->mark_ended = true;
    bool open_end = !view->has_window || view->to >= TKG_DAY_MAX - 1;
    opt->ended_before = open_end ? TKG_DAY_MAX : view->to;
}
