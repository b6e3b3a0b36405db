/* tkg validate: load the inputs, report every problem, say what was found. */
#include "cli.h"
#include "help.h"

#include <stdlib.h>

static const char *const help[] = {
    "Usage: tkg validate [--ontology FILE] [--strict-dates] [--loose-kinds] [--max-input-bytes N]\n"
    "                    INPUT...\n"
    "\n"
    "Checks every input against the TKG-XML schema (or the quadruple format) and against\n"
    "the ontology: kinds, domain and range, dates, dangling endpoints, duplicate ids. A SQLite\n"
    "base (.sqlite, .db) is also checked as SQL edits may leave it: SQLite's integrity and\n"
    "foreign key checks, its ontology tables against the ontology in use, its generated\n"
    "relation ids, and first_day/last_day and the precision columns against the raw bounds\n"
    "(docs/sqlite.md). Every problem is printed as PATH:LINE:COL: error: MESSAGE (at most 20;\n"
    "in a base, LINE is the row and COL the column).\n"
    "\n",
    CLI_HELP_INPUT,
    "\n"
    "Exit status: 0 valid, 1 invalid input, 2 usage error, 3 I/O or system error, 4 an input\n"
    "file not found.\n",
    NULL};

int cmd_validate(int argc, char **argv)
{
    cli_args a = {.command = "validate", .check_input = tkg_store_check_sqlite};
    int rc = cli_parse(&a, argc, argv, 2, OPT_ONTOLOGY, 0, help);
    if (rc == EXIT_OK) {
        tkg_store *s;
        rc = cli_load(&s, &a);
        if (rc == EXIT_OK)
            printf("valid: %zu entities, %zu relations, %zu sources\n", tkg_store_entity_count(s),
                   tkg_store_relation_count(s), tkg_store_source_count(s));
        tkg_store_free(s);
    }
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
