/* What a GraphML document names: see graphml_names.h. The node table is open addressing with
 * linear probing, load at most 1/2; a slot holds the full hash, so growing reads no string. */
#include "graphml_names.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>

/* Which element `name` is (a switch on its first letter rather than a string compare with
 * each: every element of the document comes here). */
enum gname gname_of(const char *name)
{
    switch (name[0]) {
    case 'd':
        return strcmp(name, "data") == 0      ? N_DATA
               : strcmp(name, "default") == 0 ? N_DEFAULT
               : strcmp(name, "desc") == 0    ? N_DESC
                                              : N_OTHER;
    case 'e':
        return strcmp(name, "edge") == 0       ? N_EDGE
               : strcmp(name, "endpoint") == 0 ? N_ENDPOINT
                                               : N_OTHER;
    case 'g':
        return strcmp(name, "graph") == 0     ? N_GRAPH
               : strcmp(name, "graphml") == 0 ? N_GRAPHML
                                              : N_OTHER;
    case 'h':
        return strcmp(name, "hyperedge") == 0 ? N_HYPEREDGE : N_OTHER;
    case 'k':
        return strcmp(name, "key") == 0 ? N_KEY : N_OTHER;
    case 'l':
        return strcmp(name, "locator") == 0 ? N_LOCATOR : N_OTHER;
    case 'n':
        return strcmp(name, "node") == 0 ? N_NODE : N_OTHER;
    case 'p':
        return strcmp(name, "port") == 0 ? N_PORT : N_OTHER;
    default:
        return N_OTHER;
    }
}

static bool same_id(const gnode *g, const tkg_store *s, const char *id, size_t len)
{
    if (len <= GNODE_INLINE)
        return g->len == len && memcmp(g->text, id, len) == 0;
    return g->len == 0 && s->strings.len[g->id] == len && memcmp(store_str(s, g->id), id, len) == 0;
}

gnode *gnodes_find(const gnodes *t, const tkg_store *s, const char *id, size_t len, uint32_t hash)
{
    if (!t->slots)
        return NULL;
    for (uint32_t i = hash & t->mask;; i = (i + 1) & t->mask) {
        gnode *g = &t->slots[i];
        if (g->id == SYM_NONE)
            return NULL;
        if (g->hash == hash && same_id(g, s, id, len))
            return g;
    }
}

static int grow(gnodes *t)
{
    uint32_t n = t->slots ? (t->mask + 1) * 2 : 1024;
    gnode *slots = mem_table((size_t)n * sizeof *slots); /* (huge pages: read at random) */
    if (!slots)
        return -1;
    for (uint32_t i = 0; t->slots && i <= t->mask; i++) {
        const gnode *g = &t->slots[i];
        if (g->id == SYM_NONE)
            continue;
        uint32_t j = g->hash & (n - 1);
        while (slots[j].id != SYM_NONE)
            j = (j + 1) & (n - 1);
        slots[j] = *g;
    }
    free(t->slots);
    t->slots = slots;
    t->mask = n - 1;
    return 0;
}

int gnodes_add(gnodes *t, const tkg_store *s, gnode **out, sym id, uint32_t hash, uint32_t line,
               tkg_error *err)
{
    if ((!t->slots || (t->count + 1) * 2 > t->mask + 1) && grow(t) != 0)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    uint32_t i = hash & t->mask;
    while (t->slots[i].id != SYM_NONE)
        i = (i + 1) & t->mask;
    gnode *g = &t->slots[i];
    size_t len = s->strings.len[id];
    *g = (gnode){.hash = hash, .id = id, .line = line};
    if (len <= GNODE_INLINE) {
        g->len = (uint8_t)len;
        memcpy(g->text, store_str(s, id), len);
    }
    t->count++;
    *out = g;
    return TKG_OK;
}

void gnodes_free(gnodes *t)
{
    free(t->slots);
    memset(t, 0, sizeof *t);
}
