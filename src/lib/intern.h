/* String interning: each distinct string is stored once and named by a small integer
 * (a symbol), so that strings compare with == and rows stay small. */
#ifndef TKG_INTERN_H
#define TKG_INTERN_H

#include "arena.h"

#include <stddef.h>
#include <stdint.h>

typedef uint32_t sym;

#define SYM_NONE 0u /* "no string"; never returned by intern_add */

typedef struct interner {
    arena text;       /* the bytes of every string, NUL-terminated */
    const char **str; /* str[sym]: the string of a symbol; str[0] is NULL */
    uint32_t *len;    /* len[sym]: its length in bytes */
    uint32_t count;   /* symbols in use, including SYM_NONE */
    uint32_t cap;     /* capacity of str and len */
    uint64_t *slots;  /* open addressing: (hash << 32 | symbol), 0 = empty */
    uint32_t nslots;  /* a power of two */
} interner;

/** Prepares an empty interner; 0 or -1 when out of memory. */
int intern_init(interner *in);

/** Releases everything; every string of the interner becomes invalid. */
void intern_free(interner *in);

/** The symbol of `s` (`len` bytes), adding it when new; SYM_NONE when out of memory. */
sym intern_add(interner *in, const char *s, size_t len);

/** The symbol of `s` if it was added before, else SYM_NONE. Never allocates. */
sym intern_find(const interner *in, const char *s, size_t len);

/** The string of a symbol; NULL for SYM_NONE. */
static inline const char *intern_str(const interner *in, sym y)
{
    return in->str[y];
}

/** A 32-bit hash of `len` bytes (FNV-1a with a final avalanche step). */
uint32_t intern_hash(const void *data, size_t len);

#endif
