/* A bump allocator over a chain of blocks. */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)1 << 20)

struct arena_block {
    arena_block *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

/* Returns `size` bytes at a multiple of `align` (a power of two) from the current block. */
static void *bump(arena *a, size_t size, size_t align)
{
    size_t at = (a->used + align - 1) & ~(align - 1);
    if (!a->head || at > a->head->size || a->head->size - at < size) {
        size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        arena_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->size = cap;
        if (a->head && cap != BLOCK_SIZE) {
            /* An oversized request gets its own block behind the current one, so the
             * space left in the current block is not wasted. */
            b->next = a->head->next;
            a->head->next = b;
            a->total += cap;
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->total += cap;
    }
    at = (a->used + align - 1) & ~(align - 1);
    void *p = a->head->data + at;
    a->used = at + size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    return bump(a, size, alignof(max_align_t));
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    /* Strings need no alignment: packing them saves up to 15 bytes each. */
    char *p = bump(a, len + 1, 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}
