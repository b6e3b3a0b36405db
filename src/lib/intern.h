/* String interning: each distinct string is stored once and named by a small integer
 * (a symbol), so that strings compare with == and rows stay small. */
#ifndef TKG_INTERN_H
#define TKG_INTERN_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The prefetching helpers below and in store.h are always inlined: a function that only
 * prefetches has no visible effect, and the compiler drops calls to it. */
#define PREFETCH_FN static inline __attribute__((always_inline))

typedef uint32_t sym;

#define SYM_NONE 0u /* "no string"; never returned by intern_add */

/* A slot of the hash table: enough of a string to tell it from others without reading it
 * (a lookup then reads the string once, nearly always), and its symbol. */
typedef struct intern_slot {
    uint32_t tag; /* intern_tag of the string */
    sym y;        /* SYM_NONE: the slot is empty */
} intern_slot;

typedef struct interner {
    arena text;         /* the bytes of every string, NUL-terminated */
    const char **str;   /* str[sym]: the string of a symbol; str[0] is NULL */
    uint32_t *len;      /* len[sym]: its length in bytes */
    uint32_t count;     /* symbols in use, including SYM_NONE */
    uint32_t cap;       /* capacity of str and len */
    intern_slot *slots; /* open addressing, linear probing from the top bits of the hash */
    uint32_t nslots;    /* a power of two */
    unsigned shift;     /* 32 - log2(nslots): a string of hash h starts at h >> shift */
} interner;

/** Prepares an empty interner; 0 or -1 when out of memory. */
int intern_init(interner *in);

/** Releases everything; every string of the interner becomes invalid. */
void intern_free(interner *in);

/** The symbol of `s` (`len` bytes), adding it when new; SYM_NONE when out of memory. */
sym intern_add(interner *in, const char *s, size_t len);

/** intern_add for a string whose intern_hash was computed ahead (to prefetch, see below). */
sym intern_add_hashed(interner *in, const char *s, size_t len, uint32_t hash);

/** The symbol of `s` if it was added before, else SYM_NONE. Never allocates. */
sym intern_find(const interner *in, const char *s, size_t len);

/** The string of a symbol; NULL for SYM_NONE. */
static inline const char *intern_str(const interner *in, sym y)
{
    return in->str[y];
}

/** Whether the `len` bytes at `a` and at `b` are the same: memcmp(a, b, len) == 0, quicker
 *  for the short strings that interning mostly compares (no call, no 32-byte loads). */
static inline bool intern_same(const char *a, const char *b, size_t len)
{
    if (len > 16)
        return memcmp(a, b, len) == 0;
    if (len >= 8) {
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, a, 8);
        memcpy(&b0, b, 8);
        memcpy(&a1, a + len - 8, 8);
        memcpy(&b1, b + len - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (len >= 4) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&b0, b, 4);
        memcpy(&a1, a + len - 4, 4);
        memcpy(&b1, b + len - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/** A 32-bit hash of `len` bytes (8 bytes at a time, with a final avalanche step). */
uint32_t intern_hash(const void *data, size_t len);

/* ---- prefetching. A reader that knows the strings it will look up next can hash them
 * ahead and ask the processor to load what the lookups will touch, so that the cache misses
 * of many lookups overlap instead of following one another. These are hints: they never
 * change a result, whatever the table holds meanwhile. */

/** Starts loading the table slot where a string of hash `hash` is looked up first. */
PREFETCH_FN void intern_prefetch_slot(const interner *in, uint32_t hash)
{
    __builtin_prefetch(&in->slots[hash >> in->shift]);
}

/** What a slot keeps of a string to tell it from others without reading it: the top 24 bits
 *  of its hash and its length (255 for 255 or more). */
static inline uint32_t intern_tag(uint32_t hash, size_t len)
{
    return (hash & 0xffffff00u) | (len < 255 ? (uint32_t)len : 255u);
}

/** The symbol a lookup of hash `hash` and length `len` is likely to find (the first of that
 *  tag among the first 8 slots it would look at; its string not compared), or SYM_NONE: a
 *  guess, to prefetch what the symbol indexes. */
static inline sym intern_guess(const interner *in, uint32_t hash, size_t len)
{
    uint32_t mask = in->nslots - 1, tag = intern_tag(hash, len);
    for (uint32_t i = hash >> in->shift, n = 0; n < 8; i = (i + 1) & mask, n++) {
        const intern_slot *slot = &in->slots[i];
        if (slot->y == SYM_NONE)
            break;
        if (slot->tag == tag)
            return slot->y;
    }
    return SYM_NONE;
}

/** Starts loading the address of the string of symbol `y`. */
PREFETCH_FN void intern_prefetch_row(const interner *in, sym y)
{
    __builtin_prefetch(&in->str[y]);
}

/** Starts loading the string of symbol `y` (once its address is loaded). */
PREFETCH_FN void intern_prefetch_string(const interner *in, sym y)
{
    __builtin_prefetch(in->str[y]);
}

#endif
