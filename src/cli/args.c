/* Command-line options shared by the subcommands, and loading the inputs they name. */
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_parse_day(const char *command, const char *text, bool last, int32_t *out)
{
    tkg_date d;
    tkg_error err = {0};
    if (tkg_date_parse(&d, text, strlen(text), &err) != TKG_OK)
        return cli_usage(command, "%s", err.message);
    *out = last ? d.last : d.first;
    return EXIT_OK;
}

/* Splits "a,b,c" into `list` (pointers into `text`, which is modified). */
static int split_list(const char *command, char *text, const char **list, size_t *count)
{
    for (char *tok = strtok(text, ","); tok; tok = strtok(NULL, ",")) {
        if (*count == MAX_LIST)
            return cli_usage(command, "too many kinds (at most %s)", "64");
        list[(*count)++] = tok;
    }
    return EXIT_OK;
}

static int parse_format(const char *command, const char *v, format *out)
{
    if (strcmp(v, "table") == 0)
        *out = FORMAT_TABLE;
    else if (strcmp(v, "tsv") == 0)
        *out = FORMAT_TSV;
    else if (strcmp(v, "json") == 0)
        *out = FORMAT_JSON;
    else if (strcmp(v, "csv") == 0)
        *out = FORMAT_CSV;
    else
        return cli_usage(command, "unknown format '%s' (expected table, tsv, csv or json)", v);
    return EXIT_OK;
}

/* A byte count: decimal digits, at least 1. */
static int parse_size(const char *command, const char *v, uint64_t *out)
{
    uint64_t n = 0;
    const char *p = v;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (n > (UINT64_MAX - 9) / 10)
            return cli_usage(command, "--max-input-bytes: '%s' is too large", v);
        n = n * 10 + (uint64_t)(*p - '0');
    }
    if (p == v || *p || n == 0)
        return cli_usage(
            command, "--max-input-bytes needs a whole number of bytes, at least 1, not '%s'", v);
    *out = n;
    return EXIT_OK;
}

int cli_parse(cli_args *out, int argc, char **argv, int first, unsigned options, int positionals,
              const char *const *help)
{
    cli_args *a = out;
    const char *command = a->command;
    const char *from = NULL, *to = NULL, *at = NULL;
    a->inputs = calloc((size_t)argc + 1, sizeof *a->inputs);
    if (!a->inputs)
        return EXIT_IO;
    bool only_inputs = false;
    for (int i = first; i < argc; i++) {
        char *arg = argv[i];
        if (only_inputs || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (a->positional_count < positionals)
                a->positional[a->positional_count++] = arg;
            else
                a->inputs[a->input_count++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_inputs = true;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            for (size_t k = 0; help[k]; k++)
                fputs(help[k], stdout);
            return -1;
        }
        /* Options with a value: --name VALUE or --name=VALUE. */
        char *value = NULL;
        char name[32];
        char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        if (len >= sizeof name)
            return cli_usage(command, "unknown option '%s'", arg);
        memcpy(name, arg, len);
        name[len] = '\0';
        static const char *const valued[] = {
            "--at",    "--from", "--to",     "--kind",     "--relation",       "--around",
            "--depth", "--lang", "--format", "--ontology", "--max-input-bytes"};
        bool takes_value = false;
        for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
            takes_value |= strcmp(name, valued[k]) == 0;
        for (size_t k = 0; a->own_valued && a->own_valued[k]; k++)
            takes_value |= strcmp(name, a->own_valued[k]) == 0;
        if (takes_value) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return cli_usage(command, "option '%s' needs a value", name);
        } else if (eq) {
            return cli_usage(command, "option '%s' takes no value", name);
        }
        bool view = options & OPT_VIEW;
        int rc = a->own ? a->own(a, name, value) : CLI_NOT_OWN;
        if (rc != CLI_NOT_OWN) {
            if (rc != EXIT_OK)
                return rc;
            continue;
        }
        rc = EXIT_OK;
        if (view && strcmp(name, "--at") == 0)
            at = value;
        else if (view && strcmp(name, "--from") == 0)
            from = value;
        else if (view && strcmp(name, "--to") == 0)
            to = value;
        else if (view && strcmp(name, "--kind") == 0)
            rc = split_list(command, value, a->kinds, &a->view.kind_count);
        else if (view && strcmp(name, "--relation") == 0)
            rc = split_list(command, value, a->relations, &a->view.relation_count);
        else if (view && strcmp(name, "--around") == 0)
            a->view.around = value;
        else if (view && strcmp(name, "--depth") == 0) {
            char *end;
            long d = strtol(value, &end, 10);
            if (*end || d < 1 || d > 1000)
                return cli_usage(command, "--depth needs a whole number from 1 to 1000, not '%s'",
                                 value);
            a->view.depth = (unsigned)d;
        } else if ((options & OPT_LANG) && strcmp(name, "--lang") == 0)
            a->lang = value;
        else if ((options & OPT_FORMAT) && strcmp(name, "--format") == 0)
            rc = parse_format(command, value, &a->fmt);
        else if ((options & OPT_ONTOLOGY) && strcmp(name, "--ontology") == 0)
            a->ontology = value;
        else if (strcmp(name, "--strict-dates") == 0)
            a->strict_dates = true;
        else if (strcmp(name, "--loose-kinds") == 0)
            a->loose_kinds = true;
        else if (strcmp(name, "--max-input-bytes") == 0)
            rc = parse_size(command, value, &a->max_input_bytes);
        else if ((options & OPT_ENTITIES) && strcmp(name, "--entities") == 0)
            a->entities = true;
        else
            return cli_usage(command, "unknown option '%s'", arg);
        if (rc != EXIT_OK)
            return rc;
    }
    if (a->view.kind_count)
        a->view.kinds = a->kinds;
    if (a->view.relation_count)
        a->view.relations = a->relations;
    if (at && (from || to))
        return cli_usage(command, "%s", "--at cannot be combined with --from/--to");
    if (at) {
        a->view.has_at = true;
        if (cli_parse_day(command, at, false, &a->view.at) != EXIT_OK)
            return EXIT_USAGE;
    }
    if (from || to) {
        a->view.has_window = true;
        a->view.from = TKG_DAY_MIN;
        a->view.to = TKG_DAY_MAX - 1;
        if ((from && cli_parse_day(command, from, false, &a->view.from) != EXIT_OK) ||
            (to && cli_parse_day(command, to, true, &a->view.to) != EXIT_OK))
            return EXIT_USAGE;
        if (a->view.from > a->view.to)
            return cli_usage(command, "%s", "--to is before --from");
    }
    if (a->view.depth && !a->view.around)
        return cli_usage(command, "%s", "--depth needs --around");
    if (a->positional_count < positionals)
        return cli_usage(command, "%s", positionals == 1 ? "missing ID" : "missing FROM and TO");
    if (a->input_count == 0)
        return cli_usage(command, "%s", "no input given");
    return EXIT_OK;
}

/* ------------------------------------------------------------ loading */

static void print_report(void *ctx, const tkg_error *e)
{
    (void)ctx;
    cli_print_error(e);
}

static void print_warning(void *ctx, const tkg_error *e)
{
    (void)ctx;
    cli_print_warning(e);
}

static void print_progress(void *ctx, const char *source, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (total >= ((uint64_t)16 << 20))
        fprintf(stderr, "\rreading %s: %3d%%", source, (int)(total ? done * 100 / total : 100));
    if (done >= total && total >= ((uint64_t)16 << 20))
        fputc('\n', stderr);
}

int cli_store_options(tkg_store_options *opt, tkg_ontology **ontology, const cli_args *a)
{
    tkg_error err = {0};
    *ontology = NULL;
    if (a->ontology && tkg_ontology_load(ontology, a->ontology, &err) != TKG_OK)
        return cli_fail(&err);
    *opt = (tkg_store_options){.policy = a->strict_dates ? TKG_POLICY_STRICT : TKG_POLICY_INCLUSIVE,
                               .ontology = *ontology,
                               .report = print_report,
                               .progress = isatty(STDERR_FILENO) != 0,
                               .on_progress = print_progress,
                               .max_input_bytes = a->max_input_bytes,
                               .loose_kinds = a->loose_kinds,
                               .warn = print_warning};
    return EXIT_OK;
}

/* A directory input is read file by file: the read hint holds only for a single file. */
static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_load(tkg_store **out, const cli_args *a)
{
    tkg_ontology *ontology = NULL;
    tkg_error err = {0};
    tkg_store *s = NULL;
    tkg_store_options opt;
    int rc = TKG_OK;
    *out = NULL;
    int status = cli_store_options(&opt, &ontology, a);
    if (status != EXIT_OK)
        return status;
    /* The read hint holds only for a single file: a directory is read file by file. */
    opt.hint = a->input_count == 1 && !is_directory(a->inputs[0]) ? a->hint : NULL;
    opt.hint_relations_only = a->hint_relations_only;
    if ((rc = tkg_store_new(&s, &opt, &err)) != TKG_OK) {
        cli_print_error(&err);
        goto done;
    }
    for (int i = 0; i < a->input_count; i++) {
        tkg_error one = {0};
        int r = tkg_store_read_path(s, a->inputs[i], &one);
        if (a->check_input && (r == TKG_OK || r == TKG_EINPUT)) {
            int c = a->check_input(s, a->inputs[i], &one);
            if (r == TKG_OK)
                r = c;
        }
        /* Input problems went through print_report; anything else is printed here. */
        if (r != TKG_OK && r != TKG_EINPUT && one.code != TKG_OK)
            cli_print_error(&one);
        if (r != TKG_OK && rc == TKG_OK)
            rc = r;
        if (r != TKG_OK && r != TKG_EINPUT)
            break;
    }
    if (rc == TKG_OK) {
        rc = tkg_store_finish(s, &err);
        if (rc != TKG_OK && rc != TKG_EINPUT)
            cli_print_error(&err);
    }
    if (rc == TKG_OK) {
        *out = s;
        s = NULL;
    }
done:
    tkg_store_free(s);
    tkg_ontology_free(ontology);
    return cli_status(rc);
}
