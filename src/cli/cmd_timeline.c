/* tkg timeline: everything dated about one entity, in date order. */
#include "output.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

static const char *const help[] = {
    "Usage: tkg timeline ID [--format table|tsv|csv|json] [--lang LANG] [INPUT OPTIONS] INPUT...\n"
    "\n"
    "The dated history of entity ID: its own start and end, and the start and end of every\n"
    "relation it takes part in, oldest first; undated relations come last. A relation\n"
    "without dates of its own that ties ID to a dated event (or an event to a dated event)\n"
    "is listed at the event's dates, which as_written then shows (docs/format.md). Columns:\n"
    "date (the first day covered, ISO), as_written, event (begins, ends, on, undated),\n"
    "relation, role (from or to: ID's side), with, with_label, sources.\n"
    "On a SQLite base that is the only input, reads only ID, its relations and the entities\n"
    "at their other end (docs/sqlite.md).\n"
    "\n"
    "Output:\n",
    CLI_HELP_FORMAT,
    CLI_HELP_LANG,
    "\n",
    CLI_HELP_INPUT,
    "\n" CLI_HELP_EXIT_STATUS "file or the entity ID not found.\n",
    NULL};

typedef struct row {
    int32_t day;
    uint32_t relation; /* UINT32_MAX for the entity itself */
    int event;         /* index into event_names */
} row;

enum { EV_ON, EV_BEGINS, EV_ENDS, EV_UNDATED };
static const char *const event_names[] = {"on", "begins", "ends", "undated"};

static int by_day(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    /* On one day, the entity's own begin comes first and its own end last. */
    int xr = x->relation == UINT32_MAX ? (x->event == EV_ENDS ? 1 : -1) : 0;
    int yr = y->relation == UINT32_MAX ? (y->event == EV_ENDS ? 1 : -1) : 0;
    if (xr != yr)
        return xr < yr ? -1 : 1;
    if (x->event != y->event)
        return x->event < y->event ? -1 : 1;
    return x->relation < y->relation ? -1 : x->relation > y->relation;
}

/* Adds the rows of one interval: a point or a begin and an end, or one undated row. */
static size_t interval_rows(row *out, tkg_interval iv, uint32_t relation, bool point)
{
    size_t n = 0;
    if (iv.start == TKG_DAY_MIN && iv.end_excl == TKG_DAY_MAX) {
        if (relation != UINT32_MAX)
            out[n++] = (row){TKG_DAY_MAX, relation, EV_UNDATED};
        return n;
    }
    if (point) {
        out[n++] = (row){iv.start, relation, EV_ON};
        return n;
    }
    if (iv.start != TKG_DAY_MIN)
        out[n++] = (row){iv.start, relation, EV_BEGINS};
    if (iv.end_excl != TKG_DAY_MAX)
        out[n++] = (row){iv.end_excl - 1, relation, EV_ENDS};
    return n;
}

static bool same_raw(tkg_bound a, tkg_bound b)
{
    return a.raw && b.raw && strcmp(a.raw, b.raw) == 0;
}

static int fill(table *t, const tkg_store *s, uint32_t e, const char *lang)
{
    const tkg_ontology *o = tkg_store_ontology(s);
    size_t m;
    const uint32_t *rel = tkg_entity_relations(s, e, &m);
    row *rows = malloc((2 * m + 2) * sizeof *rows);
    if (!rows)
        return -1;
    size_t n = interval_rows(rows, tkg_entity_lifespan(s, e), UINT32_MAX,
                             same_raw(tkg_entity_start(s, e), tkg_entity_end(s, e)));
    for (size_t i = 0; i < m; i++) {
        /* A relation from e to e appears twice in the adjacency: keep one. */
        if (i > 0 && rel[i] == rel[i - 1])
            continue;
        n += interval_rows(rows + n, tkg_relation_interval(s, rel[i]), rel[i],
                           tkg_relation_is_point(s, rel[i]));
    }
    qsort(rows, n, sizeof *rows, by_day);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const row *x = &rows[i];
        char day[11] = "", sources[1024] = "";
        if (x->event != EV_UNDATED)
            tkg_day_format(x->day, day);
        const char *written = NULL, *kind = NULL, *role = NULL, *with = NULL, *with_label = NULL;
        if (x->relation == UINT32_MAX) {
            written = (x->event == EV_ENDS ? tkg_entity_end(s, e) : tkg_entity_start(s, e)).raw;
            kind = "(lifespan)";
        } else {
            uint32_t r = x->relation;
            bool from = tkg_relation_from(s, r) == e;
            uint32_t other = from ? tkg_relation_to(s, r) : tkg_relation_from(s, r);
            /* A relation that takes an event's time shows the event's date as written. */
            uint32_t ev = tkg_relation_event(s, r);
            if (ev != TKG_NO_ENTITY)
                written =
                    (x->event == EV_ENDS ? tkg_entity_end(s, ev) : tkg_entity_start(s, ev)).raw;
            else
                written =
                    (x->event == EV_ENDS ? tkg_relation_end(s, r) : tkg_relation_start(s, r)).raw;
            kind = tkg_relation_kind_name(o, tkg_relation_kind(s, r));
            role = from ? "from" : "to";
            with = tkg_entity_id(s, other);
            with_label = tkg_entity_label(s, other, lang);
            size_t used = 0;
            for (size_t c = 0; c < tkg_relation_citation_count(s, r); c++) {
                const char *id = tkg_source_id(s, tkg_relation_citation(s, r, c).source);
                if (strstr(sources, id))
                    continue;
                int w =
                    snprintf(sources + used, sizeof sources - used, "%s%s", used ? "|" : "", id);
                if (w < 0 || (size_t)w >= sizeof sources - used)
                    break;
                used += (size_t)w;
            }
        }
        const char *cells[] = {day,        written, event_names[x->event], kind, role, with,
                               with_label, sources};
        rc = table_add(t, cells);
    }
    free(rows);
    return rc;
}

int cmd_timeline(int argc, char **argv)
{
    cli_args a = {.command = "timeline"};
    tkg_store *s = NULL;
    table *t = NULL;
    int rc = cli_parse(&a, argc, argv, 2, OPT_FORMAT | OPT_LANG | OPT_ONTOLOGY, 1, help);
    if (rc != EXIT_OK)
        goto done;
    /* The history of ID is the relations of its neighbourhood of depth 1. */
    tkg_view_options near = {.around = a.positional[0], .depth = 1};
    a.hint = &near;
    if ((rc = cli_load(&s, &a)) != EXIT_OK)
        goto done;
    uint32_t e = cli_find_entity(s, a.positional[0]);
    if (e == TKG_NO_ENTITY) {
        rc = EXIT_NOTFOUND;
        goto done;
    }
    static const char *const columns[] = {"date", "as_written", "event",      "relation",
                                          "role", "with",       "with_label", "sources"};
    t = table_new(columns, 8);
    if (!t || fill(t, s, e, a.lang) != 0) {
        rc = cli_nomem();
        goto done;
    }
    table_print(t, stdout, a.fmt, NULL);
done:
    table_free(t);
    tkg_store_free(s);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
