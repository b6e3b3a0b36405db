/* A bump allocator over a chain of blocks, and allocations for large tables. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE (Linux) */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

/* ------------------------------------------------------------ large tables */

#define HUGE_PAGE ((size_t)2 << 20)

/* `size` bytes, aligned to huge pages and advised so when that large; NULL when out of
 * memory. `*rounded` receives the size allocated. */
static void *huge_alloc(size_t size, size_t *rounded)
{
    *rounded = size ? size : 1;
    if (size < HUGE_PAGE)
        return malloc(*rounded);
    if (size > SIZE_MAX - HUGE_PAGE)
        return NULL;
    *rounded = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    void *p = aligned_alloc(HUGE_PAGE, *rounded);
#ifdef MADV_HUGEPAGE
    if (p)
        (void)madvise(p, *rounded, MADV_HUGEPAGE);
#endif
    return p;
}

void *mem_table(size_t size)
{
    size_t rounded;
    void *p = huge_alloc(size, &rounded);
    if (p)
        memset(p, 0, rounded);
    return p;
}

void *mem_rows(size_t size)
{
    size_t rounded;
    return huge_alloc(size, &rounded);
}
