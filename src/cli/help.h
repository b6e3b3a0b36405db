/* Parts of the commands' --help that several of them share. */
#ifndef TKG_CLI_HELP_H
#define TKG_CLI_HELP_H

/* One line per option, with what it does (tests/cli/options.py holds every --help to the options
 * its command takes). */
#define CLI_HELP_VIEW                                                                              \
    "View (what the command looks at):\n"                                                          \
    "  --at DATE             what holds on DATE (a partial date means its first day)\n"            \
    "  --from DATE           what overlaps the window that starts on DATE (its first day) ...\n"   \
    "  --to DATE             ... and ends on DATE (its last day); either end may be left open\n"   \
    "  --kind K[,K...]       entities of these kinds (subkinds included)\n"                        \
    "  --relation R[,R...]   relations of these kinds\n"                                           \
    "  --around ID           only the neighbourhood of entity ID ...\n"                            \
    "  --depth N             ... up to N hops (default 1)\n"
#define CLI_HELP_LANG                                                                              \
    "  --lang LANG           labels in this language where there is a name for it\n"
#define CLI_HELP_FORMAT                                                                            \
    "  --format FORMAT       table (aligned, for people; the default), tsv (with a header\n"       \
    "                        line), csv or json (for programs)\n"
#define CLI_HELP_INPUT                                                                             \
    "Reading the inputs (.xml, .tsv, .txt, .graphml, .csv, a SQLite base .sqlite or .db, or a\n"   \
    "directory of such files):\n"                                                                  \
    "  --ontology FILE       use this ontology instead of the bundled one\n"                       \
    "  --strict-dates        expand partial dates to the days they surely cover (default:\n"       \
    "                        every day they may cover)\n"                                          \
    "  --loose-kinds         load relations whose endpoints are not of their kind's domain or\n"   \
    "                        range (foreign data with loosely used kinds), with warnings\n"        \
    "  --max-input-bytes N   refuse an input file larger than N bytes (default 4 GiB)\n"
#define CLI_HELP_GRAPH                                                                             \
    "  --directed            follow relation direction (symmetric kinds are undirected\n"          \
    "                        either way)\n"                                                        \
    "  --undirected          undirected ties (the default)\n"                                      \
    "  --weight W            tie weights: count (relations per tie), support (citations) or\n"     \
    "                        attr:KEY (a numeric relation attribute); default unweighted\n"
/* The exit statuses (cli.h), as a command's help ends with them. */
#define CLI_HELP_EXIT_STATUS                                                                       \
    "Exit status: 0 success, 1 invalid input, 2 usage error, 3 I/O or system error, 4 an input\n"
#define CLI_HELP_EXIT_FILE   CLI_HELP_EXIT_STATUS "file not found.\n"
#define CLI_HELP_EXIT_AROUND CLI_HELP_EXIT_STATUS "file or the --around entity not found.\n"

#endif
