/* A bump allocator: many small allocations freed together. Pointers stay valid until
 * arena_free. */
#ifndef TKG_ARENA_H
#define TKG_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head; /* the block being filled; older blocks follow */
    size_t used;       /* bytes used in head */
    size_t total;      /* bytes reserved in all blocks */
} arena;

/** Returns `size` bytes aligned for any type, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);

/** Copies `len` bytes of `s` and appends a NUL; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

/** Frees every block; the arena is empty and reusable afterwards. */
void arena_free(arena *a);

#endif
