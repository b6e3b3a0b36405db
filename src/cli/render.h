/* Running tkg-render, the Graphviz child process (render.c). */
#ifndef TKG_CLI_RENDER_H
#define TKG_CLI_RENDER_H

#include "cli.h"

typedef struct render_options {
    const char *engine; /* -K ENGINE; NULL: the graph's own `layout` */
    unsigned timeout;   /* seconds; 0: no limit */
    bool all;           /* the diagram draws every entity (tkg export --all): messages say so */
} render_options;

/**
 * Runs tkg-render -T KIND (svg, png, pdf, dot, pos) on `dot` as a child process (found through
 * $TKG_RENDER, else next to the tkg executable) and waits at most ro->timeout seconds. On success
 * `*out` receives everything it wrote (malloc'd; free it). A crash, a failure or a timeout prints
 * one error and leaves `*out` NULL. Returns an exit status. When ro->engine is NULL (tkg chose
 * the engine), a crash or a timeout is retried once with sfdp and straight edges within the
 * same time limit (the first try gets two thirds of it), with a warning on stderr.
 */
int render_run(char **out, size_t *out_len, const render_options *ro, const char *kind,
               const char *dot, size_t dot_len);

/* Kills the renderer being run, if any (async-signal-safe: for tkg's signal handler). The
 * renderer also dies by itself when tkg does (PR_SET_PDEATHSIG). */
void render_kill_child(void);

#endif
