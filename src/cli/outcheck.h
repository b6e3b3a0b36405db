/* Refusing an output that would overwrite an input (outcheck.c): export, report, diff. */
#ifndef TKG_CLI_OUTCHECK_H
#define TKG_CLI_OUTCHECK_H

#include "cli.h"

/** Refuses (EXIT_USAGE, with a message) an output file `path` that is one of a's inputs, or a
 *  file in one of its input directories: the same device and inode, so also through symbolic
 *  and hard links. "-" and paths that do not exist yet pass. Returns an exit status. */
int cli_check_output_file(const cli_args *a, const char *path);

/** Refuses (EXIT_USAGE, with a message) a base `path` of tkg add that is one of a's inputs
 *  or a file in one of its input directories, as cli_check_output_file compares them. */
int cli_check_base_file(const cli_args *a, const char *path);

/** Refuses (EXIT_USAGE) an output directory `dir` that is an input directory or lies inside
 *  one, or that holds an input (an input file or directory lies inside it), or one of whose
 *  files `names` (NULL-terminated; may be NULL) is an input under another name. Compares
 *  real paths; a `dir` yet to be made is placed below its nearest existing ancestor. */
int cli_check_output_dir(const cli_args *a, const char *dir, const char *const *names);

#endif
