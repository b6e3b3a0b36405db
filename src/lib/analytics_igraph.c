/* igraph's errors as tkg errors (see analytics_igraph.h). */
#include "analytics_igraph.h"
#include "error.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static char igraph_reason[200]; /* the first error igraph reported during a call */

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)file;
    (void)line;
    (void)code;
    if (!igraph_reason[0]) {
        /* tkg's messages are lower case without a trailing period. */
        snprintf(igraph_reason, sizeof igraph_reason, "%s", reason ? reason : "unknown error");
        if (!isupper((unsigned char)igraph_reason[1]))
            igraph_reason[0] = (char)tolower((unsigned char)igraph_reason[0]);
        size_t n = strlen(igraph_reason);
        if (n && igraph_reason[n - 1] == '.')
            igraph_reason[n - 1] = '\0';
    }
    IGRAPH_FINALLY_FREE();
}

/* Warnings (e.g. "graph is directed and acyclic; eigenvector centralities will be zeros")
 * describe results that docs/analytics.md documents; a library does not print. */
static void on_igraph_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

handlers handlers_install(void)
{
    igraph_reason[0] = '\0';
    return (handlers){igraph_set_error_handler(on_igraph_error),
                      igraph_set_warning_handler(on_igraph_warning)};
}

void handlers_restore(handlers h)
{
    igraph_set_error_handler(h.error);
    igraph_set_warning_handler(h.warning);
}

int igraph_failed(tkg_error *err, igraph_error_t code)
{
    if (code == IGRAPH_ENOMEM)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return tkg_fail(err, TKG_EIO, NULL, 0, 0, "igraph: %s",
                    igraph_reason[0] ? igraph_reason : igraph_strerror(code));
}
