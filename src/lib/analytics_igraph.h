/* What the files that call igraph share (analytics.c, layout.c): error handlers that turn
 * igraph's errors into tkg errors instead of aborting the process, and the seed of igraph's
 * random number generator. Only those files include this header (and igraph). */
#ifndef TKG_ANALYTICS_IGRAPH_H
#define TKG_ANALYTICS_IGRAPH_H

#include "tkg.h"

#include <igraph.h>

/* The seed of igraph's random number generator before each computation, so that results
 * repeat. */
#define SEED 20240706u

/* igraph's handlers before handlers_install. */
typedef struct handlers {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
} handlers;

/** Installs handlers that record igraph's first error message (read by igraph_failed) and free
 *  igraph's temporaries, and that drop warnings; returns the previous ones. */
handlers handlers_install(void);
/** Puts back the handlers that handlers_install returned. */
void handlers_restore(handlers h);
/** Records the failure of an igraph call with `code` in `err` (TKG_ENOMEM, or TKG_EIO with
 *  igraph's message) and returns that tkg code. */
int igraph_failed(tkg_error *err, igraph_error_t code);

/* Runs an igraph call; on failure records the error in `rc` and `err` and jumps to `done`. */
#define TRY(call)                                                                                  \
    do {                                                                                           \
        igraph_error_t try_code = (call);                                                          \
        if (try_code != IGRAPH_SUCCESS) {                                                          \
            rc = igraph_failed(err, try_code);                                                     \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

#endif
