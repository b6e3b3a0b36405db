/* String interning with an open-addressing table (linear probing, load ≤ 1/2). */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

uint32_t intern_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    /* FNV-1a mixes its low bits poorly, and tables index by the low bits: finish with an
     * avalanche step (xor-shift-multiply) so that similar keys ("e1", "e2") spread out. */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

int intern_init(interner *in)
{
    memset(in, 0, sizeof *in);
    in->cap = 1024;
    in->nslots = 2048;
    in->str = malloc(in->cap * sizeof *in->str);
    in->len = malloc(in->cap * sizeof *in->len);
    in->slots = calloc(in->nslots, sizeof *in->slots);
    if (!in->str || !in->len || !in->slots) {
        intern_free(in);
        return -1;
    }
    in->str[0] = NULL;
    in->len[0] = 0;
    in->count = 1;
    return 0;
}

void intern_free(interner *in)
{
    arena_free(&in->text);
    free(in->str);
    free(in->len);
    free(in->slots);
    memset(in, 0, sizeof *in);
}

/* Each slot keeps the symbol's hash beside it, so a probe touches the strings only when
 * the hashes match: the table is the only memory a miss reads. */
static uint64_t slot_of(sym y, uint32_t h)
{
    return (uint64_t)h << 32 | y;
}

static uint32_t probe(const interner *in, const char *s, size_t len, uint32_t h)
{
    uint32_t mask = in->nslots - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t slot = in->slots[i];
        sym y = (sym)slot;
        if (y == SYM_NONE)
            return i;
        if ((uint32_t)(slot >> 32) == h && in->len[y] == len && memcmp(in->str[y], s, len) == 0)
            return i;
    }
}

sym intern_find(const interner *in, const char *s, size_t len)
{
    return (sym)in->slots[probe(in, s, len, intern_hash(s, len))];
}

static int grow_slots(interner *in)
{
    uint32_t n = in->nslots * 2;
    uint64_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t i = 0; i < in->nslots; i++) {
        if (in->slots[i] == 0)
            continue;
        uint32_t j = (uint32_t)(in->slots[i] >> 32) & (n - 1);
        while (slots[j] != 0)
            j = (j + 1) & (n - 1);
        slots[j] = in->slots[i];
    }
    free(in->slots);
    in->slots = slots;
    in->nslots = n;
    return 0;
}

static int grow_rows(interner *in)
{
    uint32_t cap = in->cap * 2;
    const char **str = realloc(in->str, cap * sizeof *str);
    if (!str)
        return -1;
    in->str = str;
    uint32_t *len = realloc(in->len, cap * sizeof *len);
    if (!len)
        return -1;
    in->len = len;
    in->cap = cap;
    return 0;
}

sym intern_add(interner *in, const char *s, size_t len)
{
    if (len > UINT32_MAX - 1)
        return SYM_NONE;
    uint32_t h = intern_hash(s, len);
    uint32_t i = probe(in, s, len, h);
    if (in->slots[i] != 0)
        return (sym)in->slots[i];
    if (in->count == UINT32_MAX / 2)
        return SYM_NONE;
    if ((in->count + 1) * 2 > in->nslots) {
        if (grow_slots(in) != 0)
            return SYM_NONE;
        i = probe(in, s, len, h);
    }
    if (in->count == in->cap && grow_rows(in) != 0)
        return SYM_NONE;
    char *copy = arena_strndup(&in->text, s, len);
    if (!copy)
        return SYM_NONE;
    sym y = in->count++;
    in->str[y] = copy;
    in->len[y] = (uint32_t)len;
    in->slots[i] = slot_of(y, h);
    return y;
}
