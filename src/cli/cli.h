/* The core of the tkg command line: exit statuses, parsing the options, loading the inputs,
 * messages. The CLI uses only the public API (include/tkg.h); each concern has its own header
 * (output.h, analytics_args.h, export.h, render.h, outcheck.h, report.h, help.h). */
#ifndef TKG_CLI_H
#define TKG_CLI_H

#include "tkg.h"

/* Exit statuses (README.md, "Command line"; docs/man/tkg.1, "EXIT STATUS"). Every command
 * turns a library error into one of them through cli_status, and nowhere else. */
enum {
    EXIT_OK = 0,      /* success */
    EXIT_INPUT = 1,   /* invalid input (TKG_EINPUT, TKG_ELIMIT), or nothing to analyse */
    EXIT_USAGE = 2,   /* usage error (TKG_EUSAGE): bad options or arguments */
    EXIT_IO = 3,      /* I/O or system error (TKG_EIO, TKG_ENOMEM, a failed renderer) */
    EXIT_NOTFOUND = 4 /* not found (TKG_ENOTFOUND): an input file, an entity named on the
                         command line, a path between two entities */
};

typedef enum format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON, FORMAT_CSV } format;

#define MAX_LIST 64

/* Everything the subcommands' options can set. */
typedef struct cli_args {
    const char *command;
    const char **inputs;
    int input_count;
    const char *positional[2]; /* timeline ID; path FROM TO */
    int positional_count;
    format fmt;
    const char *ontology;
    bool strict_dates;
    bool loose_kinds;         /* --loose-kinds: domain and range problems are warnings */
    uint64_t max_input_bytes; /* --max-input-bytes; 0 means the default (4 GiB) */
    bool entities;            /* query: list entities instead of relations */
    const char *lang;
    tkg_view_options view;
    const char *kinds[MAX_LIST], *relations[MAX_LIST];
    /* The read hint cli_load gives the store (tkg_store_options.hint) when the only input is a
     * file: set by the commands whose output one view with these options decides (query,
     * export: &view; timeline: its entity's neighbourhood). NULL: read everything. */
    const tkg_view_options *hint;
    bool hint_relations_only; /* tkg_store_options.hint_relations_only */
    /* A subcommand's own options: `own_valued` names those that take a value (NULL ends
     * the list). cli_parse offers every option to `own` first, which returns CLI_NOT_OWN
     * to let cli_parse handle it, else EXIT_OK or EXIT_USAGE (having printed why). */
    const char *const *own_valued;
    int (*own)(struct cli_args *a, const char *name, const char *value);
    void *own_ctx;
    /* Called by cli_load after each input is read (also when it had problems): further checks
     * of that input reported through the store (tkg validate checks SQLite bases), or NULL. */
    int (*check_input)(tkg_store *s, const char *path, tkg_error *err);
} cli_args;

#define CLI_NOT_OWN (-1)

/* Which options a subcommand takes. */
enum {
    OPT_VIEW = 1 << 0,
    OPT_FORMAT = 1 << 1,
    OPT_ONTOLOGY = 1 << 2,
    OPT_LANG = 1 << 3,
    OPT_ENTITIES = 1 << 4
};

/**
 * Parses argv[first..argc) for a subcommand that accepts `options` and `positionals`
 * positional arguments before its inputs. Prints a message and returns EXIT_USAGE on error,
 * -1 when --help was printed (`help`: the parts of the subcommand's help text, NULL ended;
 * parts keep each string literal under the 4095 bytes C guarantees), else EXIT_OK.
 */
int cli_parse(cli_args *out, int argc, char **argv, int first, unsigned options, int positionals,
              const char *const *help);

/** The store options of the reading options in `a` (--ontology, loaded into `*ontology`,
 *  which the caller frees with tkg_ontology_free; --strict-dates, --loose-kinds,
 *  --max-input-bytes), with problems and warnings printed on stderr. Returns an exit status
 *  (the ontology's problem printed). */
int cli_store_options(tkg_store_options *opt, tkg_ontology **ontology, const cli_args *a);

/** Loads the inputs into a finished store, printing every problem. Returns an exit status. */
int cli_load(tkg_store **out, const cli_args *a);

/* Messages (message.c). One rule for every message on stderr: it starts with where the
 * problem is, then its severity: `PATH:LINE:COL: error: ` for a place in an input,
 * `PATH: error: ` for a file as a whole, `tkg: error: ` for anything else (the command line,
 * the system); `warning:` and `note:` likewise. A usage error adds a line
 * `Try 'tkg COMMAND --help'.` */

/** Prints an error as `PATH:LINE:COL: error: message` (or `tkg: error: message`). */
void cli_print_error(const tkg_error *e);
/** Prints a warning as `PATH:LINE:COL: warning: message` (or `tkg: warning: message`). */
void cli_print_warning(const tkg_error *e);
/** Prints a note as `PATH:LINE:COL: note: message` (or `tkg: note: message`). */
void cli_print_note(const tkg_error *e);
/** Prints `tkg: error: message` and a hint to `tkg COMMAND --help` on stderr; returns
 *  EXIT_USAGE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Prints `SOURCE: error: message` (`tkg: error: message` when `source` is NULL), escaped
 *  as cli_print_error escapes. */
void cli_error(const char *source, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** The exit status for a library error code: the one map from TKG_E* to EXIT_*. */
int cli_status(int code);
/** Prints `err` (cli_print_error) and returns its exit status (cli_status). */
int cli_fail(const tkg_error *err);
/** Prints `tkg: error: out of memory` and returns its exit status (cli_status(TKG_ENOMEM)). */
int cli_nomem(void);

/** The entity with the id `id`, or TKG_NO_ENTITY after printing `tkg: error: unknown entity
 *  'ID'` (with the closest id, if one is near: "did you mean 'mali'?"). */
uint32_t cli_find_entity(const tkg_store *s, const char *id);

/** Parses a date argument (`--at 2024-07`) of `command`: its first day, or its last with
 *  `last`. A bad date is a usage error (printed; EXIT_USAGE). */
int cli_parse_day(const char *command, const char *text, bool last, int32_t *out);

/* ---- subcommands */
int cmd_validate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_centrality(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_extract(int argc, char **argv);

#endif
