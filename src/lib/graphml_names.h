/* What a GraphML document names, looked up by the GraphML reader for every element: the
 * elements it knows, and the nodes read so far by their GraphML id (where each is, and the
 * entity it became). An edge names its ends by these ids, so every edge looks up two of them:
 * the table keeps short ids in its slots, so that a lookup reads one slot and nothing else
 * (no interning of the ends, no string compared elsewhere in memory). */
#ifndef TKG_GRAPHML_NAMES_H
#define TKG_GRAPHML_NAMES_H

#include "store.h"

/* The GraphML elements tkg knows by name. */
enum gname {
    N_OTHER,
    N_GRAPHML,
    N_KEY,
    N_DEFAULT,
    N_GRAPH,
    N_NODE,
    N_EDGE,
    N_DATA,
    N_ENDPOINT,
    N_HYPEREDGE,
    N_DESC,
    N_PORT,
    N_LOCATOR
};

/** Which element `name` (a local name) is. */
enum gname gname_of(const char *name);

#define GNODE_INLINE 15 /* ids up to this many bytes are kept in the slot */

typedef struct gnode {
    uint32_t hash; /* intern_hash of the id */
    sym id;        /* the GraphML id; SYM_NONE in an empty slot */
    uint32_t line; /* of the <node> */
    /* The entity the node became: its id (SYM_NONE until the node is read) and its row + 1
     * (0 until the node's entity is defined). */
    sym entity;
    uint32_t row;
    uint8_t len; /* of the id when at most GNODE_INLINE, else 0 */
    char text[GNODE_INLINE];
} gnode;

typedef struct gnodes {
    gnode *slots;
    uint32_t mask, count;
} gnodes;

/** The node whose id is the `len` bytes at `id` (intern_hash `hash`), or NULL. */
gnode *gnodes_find(const gnodes *t, const tkg_store *s, const char *id, size_t len, uint32_t hash);

/** Adds node `id` (not in the table; intern_hash `hash`) at `line` into `*out`, valid
 *  until the next addition. */
int gnodes_add(gnodes *t, const tkg_store *s, gnode **out, sym id, uint32_t hash, uint32_t line,
               tkg_error *err);

/** Starts loading the slot where an id of hash `hash` is looked up. */
static inline void gnodes_prefetch(const gnodes *t, uint32_t hash)
{
    if (t->slots)
        __builtin_prefetch(&t->slots[hash & t->mask]);
}

void gnodes_free(gnodes *t);

#endif
