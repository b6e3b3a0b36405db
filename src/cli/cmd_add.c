/* tkg add: merge inputs into a SQLite base in one transaction (tkg_sqlite_add). */
#include "cli.h"
#include "help.h"
#include "outcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg add [--ontology FILE] [--strict-dates] [--loose-kinds] [--max-input-bytes N]\n"
    "               BASE INPUT...\n"
    "\n"
    "Merges the inputs into the SQLite base BASE (a .sqlite or .db file written by 'tkg\n"
    "export -f sqlite' or by 'tkg add') in one transaction, by the rules every command\n"
    "merges inputs by (read under the base's date policy: --strict-dates or not): the\n"
    "same relation from a new source gains a citation, new entities and relations are added,\n"
    "an entity created by a file of quadruples that a TKG-XML file defines gets its kind and\n"
    "label. Prints what was added. On any problem nothing is changed: every problem is\n"
    "printed as PATH:LINE:COL: error: MESSAGE and the base stays as it was. Readers can query\n"
    "the base while it is being added to (it is put in WAL mode: BASE-wal and BASE-shm sit\n"
    "next to it while it is in use); a second 'tkg add' waits for the first. A BASE that\n"
    "does not exist is created from the inputs (a note says so). An input file that is a\n"
    "source of the base already (quadruples, CSV and GraphML files are their own source) is\n"
    "refused: its evidence would count twice.\n"
    "\n",
    CLI_HELP_INPUT, "\n" CLI_HELP_EXIT_FILE, NULL};

/* "N thing" or "N things". */
static void count(const char *sep, size_t n, const char *one, const char *many)
{
    printf("%s%zu %s", sep, n, n == 1 ? one : many);
}

int cmd_add(int argc, char **argv)
{
    cli_args a = {.command = "add"};
    tkg_ontology *ontology = NULL;
    int rc = cli_parse(&a, argc, argv, 2, OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if (a.input_count < 2) {
        rc = cli_usage(a.command, "%s", "no input given (tkg add BASE INPUT...)");
        goto done;
    }
    const char *base = a.inputs[0];
    size_t len = strlen(base);
    if (!(len > 7 && strcmp(base + len - 7, ".sqlite") == 0) &&
        !(len > 3 && strcmp(base + len - 3, ".db") == 0)) {
        rc = cli_usage(a.command,
                       "the base '%s' is not named .sqlite or .db (tkg add BASE INPUT...)", base);
        goto done;
    }
    cli_args inputs = a;
    inputs.inputs = a.inputs + 1;
    inputs.input_count = a.input_count - 1;
    if ((rc = cli_check_base_file(&inputs, base)) != EXIT_OK)
        goto done;
    tkg_store_options opt;
    if ((rc = cli_store_options(&opt, &ontology, &a)) != EXIT_OK)
        goto done;
    tkg_add_counts n;
    tkg_error err = {0};
    /* Every problem was printed through opt.report. */
    rc = cli_status(tkg_sqlite_add(base, a.inputs + 1, (size_t)a.input_count - 1, &opt, &n, &err));
    if (rc != EXIT_OK)
        goto done;
    if (n.created) {
        tkg_error note = {0};
        snprintf(note.source, sizeof note.source, "%s", base);
        snprintf(note.message, sizeof note.message, "%s",
                 "there was no base here: created it from the inputs");
        cli_print_note(&note);
    }
    count("added: ", n.entities, "entity", "entities");
    count(", ", n.relations, "relation", "relations");
    count(", ", n.names, "name", "names");
    count(", ", n.attributes, "attribute", "attributes");
    count(", ", n.citations, "citation", "citations");
    count(", ", n.sources, "source", "sources");
    count(", ", n.relation_kinds, "relation kind", "relation kinds");
    count(", ", n.entity_kinds, "entity kind", "entity kinds");
    count("; changed: ", n.entities_changed, "entity", "entities");
    count(", ", n.relations_changed, "relation", "relations");
    putchar('\n');
done:
    tkg_ontology_free(ontology);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
