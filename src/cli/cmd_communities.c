/* tkg communities: a partition of the graph of a view into communities, with its modularity. */
#include "analytics_args.h"
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg communities [--method leiden|louvain] [--resolution R] [--seed N]\n"
    "                       [--weight W] [--format table|tsv|csv|json] [VIEW] INPUT...\n"
    "\n"
    "Partitions the graph of a view (undirected ties; see docs/analytics.md) into communities\n"
    "that maximise modularity, with igraph's Leiden (default; communities are always\n"
    "connected) or Louvain (multilevel) method. One row per entity: community (1 is the\n"
    "largest), size, entity, label, kind, and the partition's modularity. The same seed\n"
    "(default 1) gives the same partition.\n"
    "\n"
    "  --method M       leiden or louvain\n"
    "  --resolution R   modularity resolution (default 1; higher gives smaller communities)\n"
    "  --seed N         seed of igraph's random number generator\n"
    "  --undirected     undirected ties: always (communities are found on undirected ties)\n"
    "  --weight W       tie weights: count, support or attr:KEY (default unweighted)\n",
    CLI_HELP_FORMAT,
    CLI_HELP_LANG,
    "\n",
    CLI_HELP_VIEW,
    "Without --kind, actors (and untyped entities) only, as for 'tkg centrality'.\n"
    "\n",
    CLI_HELP_INPUT,
    "\n"
    "Exit status: 0 success, 1 invalid input or no relation to analyse, 2 usage error, 3 I/O\n"
    "or system error, 4 an input file or the --around entity not found.\n",
    NULL};

typedef struct communities_args {
    tkg_community_options opt;
} communities_args;

static int own_option(cli_args *a, const char *name, const char *value)
{
    communities_args *c = a->own_ctx;
    if (strcmp(name, "--directed") == 0)
        return cli_usage(a->command, "%s",
                         "unknown option '--directed' (communities are found on undirected ties)");
    int rc = analytics_graph_option(&c->opt.graph, a->command, name, value);
    if (rc != CLI_NOT_OWN)
        return rc;
    char *end;
    if (strcmp(name, "--method") == 0) {
        if (strcmp(value, "leiden") == 0)
            c->opt.method = TKG_COMMUNITY_LEIDEN;
        else if (strcmp(value, "louvain") == 0)
            c->opt.method = TKG_COMMUNITY_LOUVAIN;
        else
            return cli_usage(a->command, "unknown method '%s' (expected leiden or louvain)", value);
    } else if (strcmp(name, "--resolution") == 0) {
        c->opt.resolution = strtod(value, &end);
        if (*end || end == value || !(c->opt.resolution > 0) || c->opt.resolution > 1e6)
            return cli_usage(a->command, "--resolution needs a positive number, not '%s'", value);
    } else if (strcmp(name, "--seed") == 0) {
        c->opt.seed = strtoull(value, &end, 10);
        if (*end || end == value || value[0] == '-')
            return cli_usage(a->command, "--seed needs a whole number, not '%s'", value);
    } else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

typedef struct member {
    uint32_t community;
    const char *id;
    uint32_t entity;
} member;

static int by_community(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->community != y->community)
        return x->community < y->community ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int print_communities(const tkg_communities *c, const tkg_store *s, const cli_args *a)
{
    static const char *const columns[] = {"community", "size", "entity",
                                          "label",     "kind", "modularity"};
    static const bool numeric[] = {true, true, false, false, false, true};
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t n = tkg_communities_entity_count(c);
    member *rows = malloc((n + 1) * sizeof *rows);
    table *t = table_new(columns, 6);
    int rc = rows && t ? EXIT_OK : EXIT_IO;
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        uint32_t e = tkg_communities_entity(c, i);
        rows[i] = (member){tkg_communities_membership(c, i), tkg_entity_id(s, e), e};
    }
    if (rc == EXIT_OK)
        qsort(rows, n, sizeof *rows, by_community);
    char community[16], size[24], modularity[32];
    analytics_format_value(modularity, sizeof modularity, tkg_communities_modularity(c));
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        snprintf(community, sizeof community, "%u", rows[i].community + 1);
        snprintf(size, sizeof size, "%zu", tkg_communities_size(c, rows[i].community));
        const char *cells[] = {community,
                               size,
                               rows[i].id,
                               tkg_entity_label(s, rows[i].entity, a->lang),
                               tkg_entity_kind_name(o, tkg_entity_kind(s, rows[i].entity)),
                               modularity};
        if (table_add(t, cells) != 0)
            rc = EXIT_IO;
    }
    if (rc == EXIT_OK)
        table_print(t, stdout, a->fmt, numeric);
    else
        cli_nomem();
    table_free(t);
    free(rows);
    return rc;
}

int cmd_communities(int argc, char **argv)
{
    static const char *const valued[] = {"--method", "--resolution", "--seed", "--weight", NULL};
    communities_args ca = {.opt = {.seed = 1}};
    cli_args a = {
        .command = "communities", .own_valued = valued, .own = own_option, .own_ctx = &ca};
    tkg_store *s = NULL;
    tkg_view *v = NULL;
    tkg_communities *c = NULL;
    int rc = cli_parse(&a, argc, argv, 2, OPT_VIEW | OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK || (rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    ca.opt.graph.actors_only = a.view.kind_count == 0;
    if (tkg_communities_detect(&c, s, v, &ca.opt, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    rc = print_communities(c, s, &a);
done:
    tkg_communities_free(c);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
