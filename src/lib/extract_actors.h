/* The gazetteer of tkg extract (docs/extract.md, "Sentences and actors"): the entities of a
 * finished store and the bundled base of states (data/states.tsv), found in an article's text
 * ignoring case and accents, longest match first, on word boundaries. Internal to the
 * library. */
#ifndef TKG_EXTRACT_ACTORS_H
#define TKG_EXTRACT_ACTORS_H

#include "tkg.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct extract_gazetteer extract_gazetteer;

/** A mention of an actor: text[start, end) in bytes. `id` and `kind` belong to the gazetteer. */
typedef struct extract_mention {
    size_t start, end;
    const char *id;   /* the store's entity id, or the id proposed for a bundled state */
    const char *kind; /* the entity's kind name; "state" for bundled states */
    bool proposed;    /* true for a bundled state the store does not hold */
    bool nested;      /* a name inside the name of the mention before it that holds it */
    tkg_date date;    /* the store entity's date (written as `date`), else TKG_PREC_NONE */
} extract_mention;

/**
 * Builds a gazetteer from `store` (finished; NULL for none) and, unless `states` is false, the
 * bundled states. The gazetteer copies what it needs: it may outlive the store. Free it with
 * extract_gazetteer_free. Errors: TKG_ENOMEM, TKG_EINPUT (an ICU failure).
 */
int extract_gazetteer_new(extract_gazetteer **out, const tkg_store *store, bool states,
                          tkg_error *err);
void extract_gazetteer_free(extract_gazetteer *g);

/** Number of names the gazetteer matches (every spelling counted once per entity). */
size_t extract_gazetteer_size(const extract_gazetteer *g);

/**
 * The mentions of the gazetteer's actors in the UTF-8 `text[0, len)`, in text order: `*out`
 * (malloc'ed, the caller frees it; NULL when none), `*count`. The outermost mentions (longest
 * match first) never overlap; within one that names a store entity, a store entity's name that
 * follows a preposition of the name ("camp de la MINUSMA à Bamako", "Conseil de sécurité de
 * l'ONU") is a mention too, marked `nested`, right after the mention that holds it (by start,
 * then longest first).
 */
int extract_actors(const extract_gazetteer *g, const char *text, size_t len, extract_mention **out,
                   size_t *count, tkg_error *err);

#endif
