/* Printing results (output.c): escaped fields and aligned tables for people, TSV, CSV and
 * JSON for programs. */
#ifndef TKG_CLI_OUTPUT_H
#define TKG_CLI_OUTPUT_H

#include "cli.h"

/* Every field is written through the library's escaper (tkg_text_write), cleaned: bytes
 * that are not UTF-8 become U+FFFD. */

/** Writes `s` as a JSON string literal (control characters, DEL and C1 controls as \u
 *  escapes). */
void out_json_string(FILE *f, const char *s);
/** Writes `s` as one TSV field: tabs, line breaks and backslashes escaped as \t \n \r \\,
 *  other control characters as out_visible shows them. */
void out_tsv_field(FILE *f, const char *s);
/** Writes `s` for a terminal: C0 controls and DEL as \xHH, C1 controls as \uHHHH, so that
 *  no escape sequence from an input reaches the terminal; the rest as it is. */
void out_visible(FILE *f, const char *s);
/** Writes `s` as one RFC 4180 CSV field: quoted when it holds a comma, a quote or a line
 *  break, quotes doubled, C0 controls other than TAB, LF, CR dropped. A field a spreadsheet would
 * run as a formula (it starts with = + - @, a tab or a carriage return, and is not a number) is
 * quoted with a leading '. */
void out_csv_field(FILE *f, const char *s);

/* A table with a header row, printed aligned (table), tab-separated (tsv), as RFC 4180
 * CSV (csv) or as a JSON array of objects (json). Cells are copied. */
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

#endif
