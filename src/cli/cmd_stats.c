/* tkg stats: what the inputs hold, counted. */
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg stats [--format table|tsv|csv|json] [INPUT OPTIONS] INPUT...\n"
    "\n"
    "Counts entities, relations, sources and citations after merging the inputs, then\n"
    "entities per kind and relations per kind (kinds that occur), and the span of dates.\n"
    "TSV and table output have the columns: section, name, value.\n"
    "\n"
    "Output:\n",
    CLI_HELP_FORMAT,
    "\n",
    CLI_HELP_INPUT,
    "\n" CLI_HELP_EXIT_FILE,
    NULL};

typedef struct counts {
    size_t *entity_kinds, *relation_kinds;
    int32_t earliest, latest;
    size_t undated, open_ended;
} counts;

static int count(const tkg_store *s, counts *c)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    c->entity_kinds = calloc(tkg_ontology_entity_kind_count(o) + 1, sizeof(size_t));
    c->relation_kinds = calloc(tkg_ontology_relation_kind_count(o) + 1, sizeof(size_t));
    if (!c->entity_kinds || !c->relation_kinds)
        return -1;
    c->earliest = TKG_DAY_MAX;
    c->latest = TKG_DAY_MIN;
    for (uint32_t e = 0; e < tkg_store_entity_count(s); e++)
        c->entity_kinds[tkg_entity_kind(s, e)]++;
    for (uint32_t r = 0; r < tkg_store_relation_count(s); r++) {
        c->relation_kinds[tkg_relation_kind(s, r)]++;
        tkg_interval iv = tkg_relation_interval(s, r);
        if (iv.start == TKG_DAY_MIN && iv.end_excl == TKG_DAY_MAX)
            c->undated++;
        else if (iv.end_excl == TKG_DAY_MAX)
            c->open_ended++;
        if (iv.start != TKG_DAY_MIN && iv.start < c->earliest)
            c->earliest = iv.start;
        if (iv.end_excl != TKG_DAY_MAX && iv.end_excl - 1 > c->latest)
            c->latest = iv.end_excl - 1;
        if (iv.start != TKG_DAY_MIN && iv.start > c->latest)
            c->latest = iv.start;
    }
    return 0;
}

static int add_row(table *t, const char *section, const char *name, size_t n)
{
    char v[32];
    snprintf(v, sizeof v, "%zu", n);
    const char *cells[] = {section, name, v};
    return table_add(t, cells);
}

static int fill(table *t, const tkg_store *s, const counts *c)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    int rc = add_row(t, "total", "entities", tkg_store_entity_count(s));
    rc |= add_row(t, "total", "relations", tkg_store_relation_count(s));
    rc |= add_row(t, "total", "sources", tkg_store_source_count(s));
    rc |= add_row(t, "total", "citations", tkg_store_citation_count(s));
    for (uint32_t k = 0; k < tkg_ontology_entity_kind_count(o); k++)
        if (c->entity_kinds[k])
            rc |= add_row(t, "entity_kind", tkg_entity_kind_name(o, k), c->entity_kinds[k]);
    for (uint32_t k = 0; k < tkg_ontology_relation_kind_count(o); k++)
        if (c->relation_kinds[k])
            rc |= add_row(t, "relation_kind", tkg_relation_kind_name(o, k), c->relation_kinds[k]);
    char day[11] = "";
    const char *first[] = {"dates", "earliest", day};
    const char *last[] = {"dates", "latest", day};
    if (c->earliest != TKG_DAY_MAX) {
        tkg_day_format(c->earliest, day);
        rc |= table_add(t, first);
        tkg_day_format(c->latest, day);
        rc |= table_add(t, last);
    }
    rc |= add_row(t, "dates", "undated_relations", c->undated);
    rc |= add_row(t, "dates", "open_ended_relations", c->open_ended);
    return rc;
}

int cmd_stats(int argc, char **argv)
{
    cli_args a = {.command = "stats"};
    tkg_store *s = NULL;
    table *t = NULL;
    counts c = {0};
    int rc = cli_parse(&a, argc, argv, 2, OPT_FORMAT | OPT_ONTOLOGY, 0, help);
    if (rc != EXIT_OK)
        goto done;
    if ((rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    static const char *const columns[] = {"section", "name", "value"};
    t = table_new(columns, 3);
    if (!t || count(s, &c) != 0 || fill(t, s, &c) != 0) {
        rc = cli_nomem();
        goto done;
    }
    static const bool numeric[] = {false, false, false};
    table_print(t, stdout, a.fmt, numeric);
done:
    table_free(t);
    free(c.entity_kinds);
    free(c.relation_kinds);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
