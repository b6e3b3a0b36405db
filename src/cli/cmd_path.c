/* tkg path: a shortest path between two entities in a view, with the relations along it. */
#include "analytics_args.h"
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg path FROM TO [--directed] [--weight W] [--format table|tsv|csv|json]\n"
    "                [VIEW] INPUT...\n"
    "\n"
    "A shortest path from entity FROM to entity TO in the graph of a view (usually --at DATE):\n"
    "fewest ties, or with --weight the least total length (1 / weight per tie). One row per\n"
    "relation along the path: step, from, from_label, relation, direction ('->' when the\n"
    "relation points along the path, '<-' against it, '<->' for a symmetric kind), to,\n"
    "to_label, start, end. A tie made of several relations gives several rows of one step.\n"
    "\n"
    "Graph options:\n",
    CLI_HELP_GRAPH,
    "\n"
    "Output:\n",
    CLI_HELP_FORMAT,
    CLI_HELP_LANG,
    "\n",
    CLI_HELP_VIEW,
    "Every entity kind takes part unless --kind is given.\n"
    "\n",
    CLI_HELP_INPUT,
    "\n"
    "Exit status: 0 a path was found; 1 invalid input; 2 usage error; 3 I/O or system error;\n"
    "4 not found: an input file, FROM or TO (unknown, or without a relation in the view), or\n"
    "a path from FROM to TO.\n",
    NULL};

static int own_option(cli_args *a, const char *name, const char *value)
{
    return analytics_graph_option(a->own_ctx, a->command, name, value);
}

static int print_path(const tkg_path *p, const tkg_store *s, const cli_args *a)
{
    static const char *const columns[] = {"step", "from",     "from_label", "relation", "direction",
                                          "to",   "to_label", "start",      "end"};
    static const bool numeric[] = {true, false, false, false, false, false, false, false, false};
    const tkg_ontology *o = tkg_store_ontology(s);
    table *t = table_new(columns, 9);
    int rc = t ? EXIT_OK : EXIT_IO;
    for (size_t i = 0; i < tkg_path_length(p) && rc == EXIT_OK; i++) {
        uint32_t from = tkg_path_entity(p, i), to = tkg_path_entity(p, i + 1);
        size_t n;
        const uint32_t *rel = tkg_path_relations(p, i, &n);
        char step[24];
        snprintf(step, sizeof step, "%zu", i + 1);
        for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
            uint32_t r = rel[k], kind = tkg_relation_kind(s, r);
            const char *direction = tkg_relation_kind_symmetric(o, kind) ? "<->"
                                    : tkg_relation_from(s, r) == from    ? "->"
                                                                         : "<-";
            const char *cells[] = {step,
                                   tkg_entity_id(s, from),
                                   tkg_entity_label(s, from, a->lang),
                                   tkg_relation_kind_name(o, kind),
                                   direction,
                                   tkg_entity_id(s, to),
                                   tkg_entity_label(s, to, a->lang),
                                   tkg_relation_start(s, r).raw,
                                   tkg_relation_end(s, r).raw};
            if (table_add(t, cells) != 0)
                rc = EXIT_IO;
        }
    }
    if (rc == EXIT_OK)
        table_print(t, stdout, a->fmt, numeric);
    else
        cli_nomem();
    table_free(t);
    return rc;
}

int cmd_path(int argc, char **argv)
{
    static const char *const valued[] = {"--weight", NULL};
    tkg_graph_options graph = {0};
    cli_args a = {.command = "path", .own_valued = valued, .own = own_option, .own_ctx = &graph};
    tkg_store *s = NULL;
    tkg_view *v = NULL;
    tkg_path *p = NULL;
    uint32_t from, to;
    int rc = cli_parse(&a, argc, argv, 2, OPT_VIEW | OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY, 2, help);
    if (rc != EXIT_OK || (rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    if ((from = cli_find_entity(s, a.positional[0])) == TKG_NO_ENTITY ||
        (to = cli_find_entity(s, a.positional[1])) == TKG_NO_ENTITY) {
        rc = EXIT_NOTFOUND;
        goto done;
    }
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (tkg_path_find(&p, s, v, from, to, &graph, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    rc = print_path(p, s, &a);
done:
    tkg_path_free(p);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
