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

/* ---- large tables. Tables that are read at random (hash tables) cost a TLB miss per access
 * once they outgrow what the TLB maps with 4 KiB pages (and, in a virtual machine, a nested
 * page walk); huge pages (2 MiB) avoid most of them, and fill large arrays of rows with far
 * fewer page faults. */

/** `size` zeroed bytes for a table, freed with free(); NULL when out of memory. From 2 MiB
 *  on, the table is aligned to 2 MiB and the kernel is advised to back it with huge pages. */
void *mem_table(size_t size);

/** `size` bytes for rows that a reader fills, freed with free(); NULL when out of memory.
 *  From 2 MiB on, aligned and advised as mem_table does, but not cleared: pages that are
 *  never written cost no memory. */
void *mem_rows(size_t size);

#endif
