/* Growable arrays: `vec_reserve(&p, &cap, n, sizeof *p)` makes room for n elements. */
#ifndef TKG_VEC_H
#define TKG_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/** Ensures `*data` (capacity `*cap` elements of `size` bytes) holds at least `need`
 *  elements, growing by half again; returns 0, or -1 when out of memory (nothing changed). */
static inline int vec_reserve(void *data, uint32_t *cap, size_t need, size_t size)
{
    void **p = (void **)data;
    if (need <= *cap)
        return 0;
    if (need > UINT32_MAX)
        return -1;
    size_t n = *cap ? *cap + *cap / 2 : 16;
    if (n < need)
        n = need;
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = (uint32_t)n;
    return 0;
}

#endif
