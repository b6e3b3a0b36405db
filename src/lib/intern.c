/* String interning with an open-addressing table (linear probing, load ≤ 1/2). */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

static uint64_t read64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t read32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* One round: fold 8 bytes in, multiply, and bring the high bits down. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0xbf58476d1ce4e5b9u;
    return h ^ (h >> 31);
}

/* Reads 8 bytes at a time (the strings it sees are mostly short: ids, names, dates), as
 * wyhash does: a key of 4 to 16 bytes is its first and last 4 or 8 bytes, possibly
 * overlapping, and its length, which tells overlaps apart. The final step (murmur3's
 * fmix64) spreads every input bit over all 32 (tables index by the low or the high ones), so
 * that similar keys ("e1", "e2") land far apart. The value depends on the byte order of the
 * machine; it never leaves the process. */
uint32_t intern_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)len;
    if (len > 16) {
        size_t i = 0;
        for (; i + 16 < len; i += 16)
            h = mix(mix(h, read64(p + i)), read64(p + i + 8));
        h = mix(mix(h, read64(p + len - 16)), read64(p + len - 8));
    } else if (len >= 8) {
        h = mix(mix(h, read64(p)), read64(p + len - 8));
    } else if (len >= 4) {
        h = mix(h, (uint64_t)read32(p) << 32 | read32(p + len - 4));
    } else if (len > 0) {
        h = mix(h, (uint64_t)p[0] << 16 | (uint64_t)p[len / 2] << 8 | p[len - 1]);
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

int intern_init(interner *in)
{
    memset(in, 0, sizeof *in);
    in->cap = 1024;
    in->nslots = 2048;
    in->shift = 32 - 11;
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

/* The slot of `s` (hash `h`), or the empty slot where it would go. A probe reads a string
 * only when the tags match: at most once, nearly always. */
static uint32_t probe(const interner *in, const char *s, size_t len, uint32_t h)
{
    uint32_t mask = in->nslots - 1, tag = intern_tag(h, len);
    for (uint32_t i = h >> in->shift;; i = (i + 1) & mask) {
        const intern_slot *slot = &in->slots[i];
        if (slot->y == SYM_NONE)
            return i;
        if (slot->tag == tag && (len < 255 || in->len[slot->y] == len) &&
            intern_same(in->str[slot->y], s, len))
            return i;
    }
}

sym intern_find(const interner *in, const char *s, size_t len)
{
    return in->slots[probe(in, s, len, intern_hash(s, len))].y;
}

/* Doubles the table. Up to 2^24 slots the tags hold the bits that place a string (the top
 * ones of its hash), and the slots move in order; past that, the hashes are computed again. */
static int grow_slots(interner *in)
{
    uint32_t n = in->nslots * 2, mask = n - 1;
    unsigned shift = in->shift - 1;
    intern_slot *slots = mem_table((size_t)n * sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t i = 0; i < in->nslots; i++) {
        intern_slot slot = in->slots[i];
        if (slot.y == SYM_NONE)
            continue;
        uint32_t h = shift >= 8 ? slot.tag : intern_hash(in->str[slot.y], in->len[slot.y]);
        uint32_t j = h >> shift;
        while (slots[j].y != SYM_NONE)
            j = (j + 1) & mask;
        slots[j] = slot;
    }
    free(in->slots);
    in->slots = slots;
    in->nslots = n;
    in->shift = shift;
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
    return intern_add_hashed(in, s, len, intern_hash(s, len));
}

sym intern_add_hashed(interner *in, const char *s, size_t len, uint32_t h)
{
    if (len > UINT32_MAX - 1)
        return SYM_NONE;
    uint32_t i = probe(in, s, len, h);
    if (in->slots[i].y != SYM_NONE)
        return in->slots[i].y;
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
    in->slots[i] = (intern_slot){intern_tag(h, len), y};
    return y;
}
