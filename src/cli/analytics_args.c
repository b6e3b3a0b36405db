/* Options shared by the analytics commands (centrality, communities, path, diff, and the
 * centrality that export and report add): graph options, measure lists, error reporting,
 * and series of snapshot dates. */
#include "analytics_args.h"

#include <stdlib.h>
#include <string.h>

int analytics_graph_option(tkg_graph_options *g, const char *command, const char *name,
                           const char *value)
{
    if (strcmp(name, "--directed") == 0)
        g->directed = true;
    else if (strcmp(name, "--undirected") == 0)
        g->directed = false;
    else if (strcmp(name, "--weight") != 0)
        return CLI_NOT_OWN;
    else if (strcmp(value, "count") == 0)
        g->weighting = TKG_WEIGHT_COUNT;
    else if (strcmp(value, "support") == 0)
        g->weighting = TKG_WEIGHT_SUPPORT;
    else if (strncmp(value, "attr:", 5) == 0 && value[5]) {
        g->weighting = TKG_WEIGHT_ATTR;
        g->weight_attr = value + 5;
    } else
        return cli_usage(command, "unknown weight '%s' (expected count, support or attr:KEY)",
                         value);
    return EXIT_OK;
}

int analytics_parse_measures(tkg_measure *out, size_t *count, const char *command, const char *list)
{
    *count = 0;
    if (strcmp(list, "all") == 0) {
        for (int m = 0; m < TKG_MEASURE_COUNT; m++)
            out[(*count)++] = (tkg_measure)m;
        return EXIT_OK;
    }
    char name[64];
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof name)
            return cli_usage(command, "bad measure list '%s'", list);
        memcpy(name, p, len);
        name[len] = '\0';
        tkg_measure m;
        tkg_error err = {0};
        if (tkg_measure_parse(&m, name, &err) != TKG_OK)
            return cli_usage(command, "%s", err.message);
        for (size_t i = 0; i < *count; i++)
            if (out[i] == m)
                return cli_usage(command, "measure '%s' given twice", name);
        out[(*count)++] = m;
        p += len + (p[len] == ',');
    }
    if (*count == 0)
        return cli_usage(command, "%s", "no measure given");
    return EXIT_OK;
}

void analytics_format_value(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.10g", v == 0 ? 0.0 : v); /* no "-0" */
}

/* The day `k` steps of `n` `unit`s after `start` (months and years keep the day of month,
 * clamped to the month's length). */
static int32_t step_day(int32_t start, long k, long n, char unit)
{
    if (unit == 'd' || unit == 'w')
        return start + (int32_t)(k * n * (unit == 'w' ? 7 : 1));
    int y, m, d;
    tkg_day_to_civil(start, &y, &m, &d);
    long months = (long)y * 12 + (m - 1) + k * n * (unit == 'y' ? 12 : 1);
    y = (int)(months / 12);
    m = (int)(months % 12) + 1;
    if (y > 9999)
        return TKG_DAY_MAX;
    int last = tkg_days_in_month(y, m);
    return tkg_day_from_civil(y, m, d < last ? d : last);
}

/* ------------------------------------------------------------ series of dates */

int series_option(series_args *sa, const char *name, const char *value)
{
    if (strcmp(name, "--at") == 0 && strchr(value, ','))
        sa->at_list = value;
    else if (strcmp(name, "--series") == 0)
        sa->series = value;
    else if (strcmp(name, "--step") == 0)
        sa->step = value;
    else if (strcmp(name, "--windows") == 0)
        sa->windows = true;
    else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

int series_check(const series_args *sa, const cli_args *a)
{
    if (sa->series && sa->at_list)
        return cli_usage(a->command, "%s", "--series and --at D1,D2,... exclude each other");
    if ((sa->series || sa->at_list) && (a->view.has_at || a->view.has_window))
        return cli_usage(a->command, "%s", "a series cannot be combined with --at or --from/--to");
    if ((sa->step || sa->windows) && !sa->series)
        return cli_usage(a->command, "%s", "--step and --windows need --series");
    return EXIT_OK;
}

int series_parse_step(long *n, char *unit, const char *command, const char *step)
{
    char *end;
    *n = strtol(step, &end, 10);
    if (end == step || *n < 1 || *n > 100000 || strlen(end) != 1 || !strchr("dwmy", *end))
        return cli_usage(command, "--step needs a count and d, w, m or y (1y, 6m), not '%s'", step);
    *unit = *end;
    return EXIT_OK;
}

int series_steps(tkg_snapshot *snaps, size_t *count, int32_t first, int32_t last, long n, char unit,
                 bool windows, const char *command)
{
    *count = 0;
    for (long k = 0;; k++) {
        int32_t day = step_day(first, k, n, unit);
        if (day > last)
            break;
        if (*count == SERIES_MAX)
            return cli_usage(command, "the series has more than %d dates", SERIES_MAX);
        snaps[*count] = (tkg_snapshot){day, day};
        if (windows) {
            int32_t next = step_day(first, k + 1, n, unit);
            snaps[*count].to = next == TKG_DAY_MAX ? TKG_DAY_MAX - 1 : next - 1;
        }
        (*count)++;
    }
    return EXIT_OK;
}

/* Fills `snaps` from --at D1,D2,... */
static int at_list_snapshots(tkg_snapshot *snaps, size_t *count, const char *list,
                             const char *command)
{
    *count = 0;
    char date[32];
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof date)
            return cli_usage(command, "bad date list '%s'", list);
        memcpy(date, p, len);
        date[len] = '\0';
        int32_t day;
        if (cli_parse_day(command, date, false, &day) != EXIT_OK)
            return EXIT_USAGE;
        if (*count && day <= snaps[*count - 1].from)
            return cli_usage(command, "the dates of --at must increase ('%s')", date);
        if (*count == SERIES_MAX)
            return cli_usage(command, "more than %d dates", SERIES_MAX);
        snaps[(*count)++] = (tkg_snapshot){day, day};
        p += len + (p[len] == ',');
    }
    return EXIT_OK;
}

int series_snapshots(tkg_snapshot *snaps, size_t *count, const series_args *sa, const char *command)
{
    if (sa->at_list)
        return at_list_snapshots(snaps, count, sa->at_list, command);
    const char *dots = strstr(sa->series, "..");
    char from[32], to[32];
    if (!dots || (size_t)(dots - sa->series) >= sizeof from || strlen(dots + 2) >= sizeof to)
        return cli_usage(command, "--series needs FROM..TO, not '%s'", sa->series);
    memcpy(from, sa->series, (size_t)(dots - sa->series));
    from[dots - sa->series] = '\0';
    strcpy(to, dots + 2);
    int32_t first, last;
    if (cli_parse_day(command, from, false, &first) != EXIT_OK ||
        cli_parse_day(command, to, true, &last) != EXIT_OK)
        return EXIT_USAGE;
    if (last < first)
        return cli_usage(command, "--series ends before it starts ('%s')", sa->series);
    long n;
    char unit;
    if (series_parse_step(&n, &unit, command, sa->step ? sa->step : "1y") != EXIT_OK)
        return EXIT_USAGE;
    return series_steps(snaps, count, first, last, n, unit, sa->windows, command);
}

bool series_span(int32_t *first, int32_t *last, const tkg_store *s, const tkg_view *v,
                 const tkg_view_options *vo)
{
    size_t ne, nr;
    const uint32_t *ent = tkg_view_entities(v, &ne), *rel = tkg_view_relations(v, &nr);
    *first = TKG_DAY_MAX;
    *last = TKG_DAY_MIN;
    for (size_t i = 0; i < ne + nr; i++) {
        tkg_interval iv =
            i < ne ? tkg_entity_lifespan(s, ent[i]) : tkg_relation_interval(s, rel[i - ne]);
        int32_t days[2] = {iv.start, iv.end_excl == TKG_DAY_MAX ? TKG_DAY_MIN : iv.end_excl - 1};
        for (int k = 0; k < 2; k++) {
            if (days[k] == TKG_DAY_MIN)
                continue;
            *first = days[k] < *first ? days[k] : *first;
            *last = days[k] > *last ? days[k] : *last;
        }
    }
    if (vo && vo->has_window) {
        *first = *first < vo->from ? vo->from : *first;
        *last = *last > vo->to ? vo->to : *last;
    }
    return *first <= *last;
}

/* The first day of a window of `n` `unit`s that holds `day`: 1 January of a year that is a
 * multiple of n, the first of a month whose index in the year is a multiple of n; `day`
 * itself for days and weeks. */
static int32_t align_step(int32_t day, long n, char unit)
{
    int y, m, d;
    tkg_day_to_civil(day, &y, &m, &d);
    if (unit == 'y') {
        y = (int)(y / n * n);
        return tkg_day_from_civil(y < 1 ? 1 : y, 1, 1);
    }
    if (unit == 'm')
        return tkg_day_from_civil(y, (int)((m - 1) / n * n) + 1, 1);
    return day;
}

void series_auto(tkg_snapshot *snaps, size_t *count, char *period, size_t size, int32_t first,
                 int32_t last)
{
    /* Each step is at most 4.4 times finer than the one before, which gave fewer than 10
     * windows: so at most about 40, far below SERIES_MAX. */
    static const struct {
        long n;
        char unit;
    } steps[] = {{1000, 'y'}, {500, 'y'}, {250, 'y'}, {100, 'y'}, {50, 'y'}, {25, 'y'},
                 {10, 'y'},   {5, 'y'},   {2, 'y'},   {1, 'y'},   {6, 'm'},  {3, 'm'},
                 {1, 'm'},    {1, 'w'},   {2, 'd'},   {1, 'd'}};
    static const char *const units[] = {"year", "month", "week", "day"};
    size_t k = 0;
    for (;; k++) {
        series_steps(snaps, count, align_step(first, steps[k].n, steps[k].unit), last, steps[k].n,
                     steps[k].unit, true, "series");
        if (*count >= SERIES_AUTO_MIN || k + 1 == sizeof steps / sizeof *steps)
            break;
    }
    const char *unit = units[strchr("ymwd", steps[k].unit) - "ymwd"];
    if (steps[k].n == 1)
        snprintf(period, size, "%s", unit);
    else
        snprintf(period, size, "period of %ld %ss", steps[k].n, unit);
}
