/* tkg query: the relations (or entities) of a view, as a table. */
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg query [VIEW] [--entities|--ids] [--format table|tsv|csv|json] [--lang LANG]\n"
    "                 [INPUT OPTIONS] INPUT...\n"
    "\n"
    "Lists the relations that the view keeps, in input order, with the columns\n"
    "kind, from, from_label, to, to_label, start, end, sources, support\n"
    "(start and end as written; sources joined with '|'; support = number of citations).\n"
    "With --ids, a first column id: the relation's id in the graph files and the timeline\n"
    "page (its own id, else e<row>). With --entities, lists the entities instead: id, kind,\n"
    "label, start, end, relations.\n"
    "On a SQLite base that is the only input, reads only the rows the view may keep, through\n"
    "the base's indexes (docs/sqlite.md).\n"
    "\n"
    "Output:\n"
    "  --entities            list the view's entities instead of its relations\n"
    "  --ids                 relations: a first column with each relation's id\n",
    CLI_HELP_FORMAT,
    CLI_HELP_LANG,
    "\n",
    CLI_HELP_VIEW,
    "\n",
    CLI_HELP_INPUT,
    "\n" CLI_HELP_EXIT_AROUND,
    NULL};

/* Source ids of a relation's citations, each once, joined with '|'. */
static void join_sources(const tkg_store *s, uint32_t r, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    size_t n = tkg_relation_citation_count(s, r);
    for (size_t i = 0; i < n; i++) {
        uint32_t src = tkg_relation_citation(s, r, i).source;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = tkg_relation_citation(s, r, j).source == src;
        if (seen)
            continue;
        int w = snprintf(out + used, size - used, "%s%s", used ? "|" : "", tkg_source_id(s, src));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static int list_relations(table *t, const tkg_store *s, const tkg_view *v, const char *lang,
                          bool ids)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t n;
    const uint32_t *rel = tkg_view_relations(v, &n);
    char *id = NULL;
    size_t id_size = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        uint32_t r = rel[i], from = tkg_relation_from(s, r), to = tkg_relation_to(s, r);
        char sources[1024], support[24];
        join_sources(s, r, sources, sizeof sources);
        snprintf(support, sizeof support, "%zu", tkg_relation_citation_count(s, r));
        if (ids) { /* ids may be long (a relation's own): grow the buffer to fit */
            size_t len = tkg_relation_edge_id(id, id_size, s, r);
            if (len + 1 > id_size) {
                char *bigger = realloc(id, len + 1);
                if (!bigger) {
                    rc = -1;
                    break;
                }
                id = bigger;
                id_size = len + 1;
                tkg_relation_edge_id(id, id_size, s, r);
            }
        }
        const char *row[] = {id,
                             tkg_relation_kind_name(o, tkg_relation_kind(s, r)),
                             tkg_entity_id(s, from),
                             tkg_entity_label(s, from, lang),
                             tkg_entity_id(s, to),
                             tkg_entity_label(s, to, lang),
                             tkg_relation_start(s, r).raw,
                             tkg_relation_end(s, r).raw,
                             sources,
                             support};
        if (table_add(t, ids ? row : row + 1) != 0)
            rc = -1;
    }
    free(id);
    return rc;
}

static int list_entities(table *t, const tkg_store *s, const tkg_view *v, const char *lang)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t n;
    const uint32_t *ent = tkg_view_entities(v, &n);
    for (size_t i = 0; i < n; i++) {
        uint32_t e = ent[i];
        size_t m, degree = 0;
        const uint32_t *rel = tkg_entity_relations(s, e, &m);
        for (size_t k = 0; k < m; k++)
            degree += tkg_view_has_relation(v, rel[k]);
        char deg[24];
        snprintf(deg, sizeof deg, "%zu", degree);
        const char *cells[] = {
            tkg_entity_id(s, e),          tkg_entity_kind_name(o, tkg_entity_kind(s, e)),
            tkg_entity_label(s, e, lang), tkg_entity_start(s, e).raw,
            tkg_entity_end(s, e).raw,     deg};
        if (table_add(t, cells) != 0)
            return -1;
    }
    return 0;
}

static int own_option(cli_args *a, const char *name, const char *value)
{
    (void)value;
    if (strcmp(name, "--ids") != 0)
        return CLI_NOT_OWN;
    *(bool *)a->own_ctx = true;
    return EXIT_OK;
}

int cmd_query(int argc, char **argv)
{
    static const char *const valued[] = {NULL};
    bool ids = false;
    cli_args a = {.command = "query", .own_valued = valued, .own = own_option, .own_ctx = &ids};
    tkg_store *s = NULL;
    tkg_view *v = NULL;
    table *t = NULL;
    int rc = cli_parse(&a, argc, argv, 2,
                       OPT_VIEW | OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY | OPT_ENTITIES, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if (a.entities && ids) {
        rc = cli_usage(a.command, "%s", "--ids adds the relations' ids: entities have theirs");
        goto done;
    }
    a.hint = &a.view;                    /* the view alone decides the output ... */
    a.hint_relations_only = !a.entities; /* ... its relations alone, without --entities */
    if ((rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    tkg_error err = {0};
    if (tkg_view_new(&v, s, &a.view, &err) != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    static const char *const rcols[] = {"id",       "kind",  "from", "from_label", "to",
                                        "to_label", "start", "end",  "sources",    "support"};
    static const bool rnum[] = {false, false, false, false, false,
                                false, false, false, false, true};
    static const char *const ecols[] = {"id", "kind", "label", "start", "end", "relations"};
    static const bool enumeric[] = {false, false, false, false, false, true};
    t = a.entities ? table_new(ecols, 6) : table_new(rcols + !ids, 9 + ids);
    if (!t ||
        (a.entities ? list_entities(t, s, v, a.lang) : list_relations(t, s, v, a.lang, ids))) {
        rc = cli_nomem();
        goto done;
    }
    table_print(t, stdout, a.fmt, a.entities ? enumeric : rnum + !ids);
done:
    table_free(t);
    tkg_view_free(v);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
