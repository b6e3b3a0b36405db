/* The paths of the files tkg report writes: built under the staging directory, printed as
 * they will be once the report is in place (report.h). Both cmd_report.c and
 * report_centrality.c write files, so both use these. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *report_stage, *report_shown;

char *report_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void report_print_path(const char *path)
{
    size_t n = report_stage ? strlen(report_stage) : 0;
    if (n && strncmp(path, report_stage, n) == 0 && path[n] == '/')
        printf("%s%s\n", report_shown, path + n);
    else
        printf("%s\n", path);
}
