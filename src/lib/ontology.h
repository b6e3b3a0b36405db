/* Internal interface of the ontology (entity and relation kinds). */
#ifndef TKG_ONTOLOGY_H
#define TKG_ONTOLOGY_H

#include "tkg.h"

/** A deep copy of `o` that the caller owns (tkg_ontology_free). */
int ontology_clone(tkg_ontology **out, const tkg_ontology *o, tkg_error *err);

/** Adds a relation kind named `name` (`len` bytes) between `entity`s, marked implicit, for
 *  bulk input whose relation names come as they are. */
int ontology_add_implicit_relation(tkg_ontology *o, uint32_t *out, const char *name, size_t len,
                                   tkg_error *err);

/** The root entity kind (`entity`). */
uint32_t ontology_root(const tkg_ontology *o);

/** Up to `max` names of entity kinds (relation kinds when `relations`) close to `name`,
 *  for "did you mean" hints: writes the best into `out`, or "" when none is close. */
void ontology_suggest(const tkg_ontology *o, bool relations, const char *name, char *out,
                      size_t size);

/** Edit distance between two strings, capped at `cap` (returns cap when larger). */
unsigned edit_distance(const char *a, const char *b, unsigned cap);

#endif
