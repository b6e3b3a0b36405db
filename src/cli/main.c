/* tkg: the command line. Dispatches to one cmd_<name>.c per subcommand. */
#include "output.h"
#include "render.h"

#include <signal.h>
#include <string.h>

/* A signal that ends tkg kills the renderer it runs, removes the temporary files of outputs being
 * written, then ends it as the signal would have (the exit status shows the signal). */
static void on_fatal_signal(int sig)
{
    render_kill_child();
    tkg_sink_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void handle_fatal_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    struct sigaction sa = {.sa_handler = on_fatal_signal};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started tkg (nohup, a shell's background job) stays
         * ignored. */
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

static const char usage_text[] =
    "Usage: tkg COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "A typed, temporal knowledge-graph store. INPUT is a TKG-XML file (.xml), a file of\n"
    "quadruples (.tsv, .txt: ICEWS, YAGO or Wikidata form), a GraphML file (.graphml), a\n"
    "CSV file in Neo4j's import form (.csv: nodes or relationships), a tkg SQLite base\n"
    "(.sqlite, .db: what 'tkg export -f sqlite' writes) or a directory of such files; several\n"
    "inputs merge into one graph.\n"
    "\n"
    "Commands:\n"
    "  validate   check inputs against the schema and the ontology\n"
    "  stats      count entities, relations, kinds, sources and dates\n"
    "  query      list the relations (or entities) of a view\n"
    "  timeline   the dated history of one entity\n"
    "  centrality rank entities by degree, betweenness, PageRank, ... (also over time)\n"
    "  communities find communities (Leiden, Louvain) and their modularity\n"
    "  path       a shortest path between two entities, with its relations\n"
    "  diff       what changed between two dates: relations, ranks; a table or a diagram\n"
    "  export     a view as DOT, SVG, PNG, PDF, GraphML, GEXF, graphology JSON, CSV or SQLite\n"
    "  report     every output into one directory (default output/), centrality included\n"
    "  add        merge inputs into a SQLite base in one transaction\n"
    "  extract    draft the dated, sourced relations of a news article, for review\n"
    "\n"
    "View options (query, centrality, communities, path, export): --at DATE | --from DATE\n"
    "  --to DATE, --kind K[,K...], --relation R[,R...], --around ID [--depth N], --lang LANG\n"
    "\n"
    "Exit status: 0 success, 1 invalid input, 2 usage error, 3 I/O or system error,\n"
    "4 not found (an input file, an entity named on the command line, or a path).\n"
    "Messages: PATH:LINE:COL: error: ... for a place in an input, PATH: error: ... for a\n"
    "file, tkg: error: ... for anything else (warnings and notes alike).\n"
    "\n"
    "Run 'tkg help COMMAND' (or 'tkg COMMAND --help') for a command's options; 'tkg --version'\n"
    "for versions; 'man tkg' for the manual.\n";

int main(int argc, char **argv)
{
    handle_fatal_signals();
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {{"validate", cmd_validate},
                    {"stats", cmd_stats},
                    {"query", cmd_query},
                    {"timeline", cmd_timeline},
                    {"centrality", cmd_centrality},
                    {"communities", cmd_communities},
                    {"path", cmd_path},
                    {"diff", cmd_diff},
                    {"export", cmd_export},
                    {"report", cmd_report},
                    {"add", cmd_add},
                    {"extract", cmd_extract}};
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    bool help = strcmp(argv[1], "help") == 0;
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || (help && argc == 2)) {
        fputs(usage_text, stdout);
        return cli_finish_output(EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        tkg_versions(stdout);
        return cli_finish_output(EXIT_OK);
    }
    if (help && argc > 3) {
        fputs("tkg: error: help takes one command\nTry 'tkg --help'.\n", stderr);
        return EXIT_USAGE;
    }
    /* `tkg help CMD` is `tkg CMD --help`. */
    const char *name = help ? argv[2] : argv[1];
    char *help_argv[] = {argv[0], argv[2], "--help", NULL};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return cli_finish_output(help ? commands[i].run(3, help_argv)
                                          : commands[i].run(argc, argv));
    fputs("tkg: error: unknown command '", stderr);
    out_visible(stderr, name);
    fputs("'\nTry 'tkg --help'.\n", stderr);
    return EXIT_USAGE;
}
