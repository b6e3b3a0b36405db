/* Shared parts of the tkg command line: argument parsing, loading inputs, printing. The CLI
 * uses only the public API (include/tkg.h). */
#ifndef TKG_CLI_H
#define TKG_CLI_H

#include "tkg.h"

/* Exit statuses (DESIGN.md). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

typedef enum format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON } format;

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
    bool entities; /* query: list entities instead of relations */
    const char *lang;
    tkg_view_options view;
    const char *kinds[MAX_LIST], *relations[MAX_LIST];
} cli_args;

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
 * -1 when --help was printed (`help` is the subcommand's help text), else EXIT_OK.
 */
int cli_parse(cli_args *out, int argc, char **argv, int first, unsigned options, int positionals,
              const char *help);

/** Loads the inputs into a finished store, printing every problem. Returns an exit status. */
int cli_load(tkg_store **out, const cli_args *a);

/** Prints an error as `PATH:LINE:COL: error: message` (or `tkg: error: message`). */
void cli_print_error(const tkg_error *e);

/** The exit status for a library error code. */
int cli_exit_status(int code);

/** Parses a date argument (`--at 2024-07`): its first day, or its last with `last`. */
int cli_parse_day(const char *text, bool last, int32_t *out);

/* ---- output (output.c) */

/** Writes `s` as a JSON string literal. */
void out_json_string(FILE *f, const char *s);
/** Writes `s` as one TSV field: tabs, line breaks and backslashes escaped as \t \n \r \\. */
void out_tsv_field(FILE *f, const char *s);
/** The display width of a UTF-8 string (code points; combining marks count zero). */
size_t out_width(const char *s);

/* A table with a header row, printed aligned (table), tab-separated (tsv) or as a JSON
 * array of objects (json). Cells are copied. */
typedef struct table table;
table *table_new(const char *const *columns, size_t count);
/** Appends a row of `count` cells (NULL is an empty cell); returns 0 or -1 (out of memory). */
int table_add(table *t, const char *const *cells);
/** Prints the table; `numeric` marks columns printed as JSON numbers (may be NULL). */
void table_print(const table *t, FILE *f, format fmt, const bool *numeric);
void table_free(table *t);

/** Closes stdout, reporting a failed write (a full disk, a closed pipe). Returns an exit
 *  status: `status` unchanged, or EXIT_IO. */
int cli_finish_output(int status);

/* ---- subcommands */
int cmd_validate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_timeline(int argc, char **argv);

#endif
