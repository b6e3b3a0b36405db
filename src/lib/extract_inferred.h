/* The rules that draft relations beyond a trigger and its actors (docs/extract.md,
 * "Relations"): names inside names, English compounds of two names, a document's date and a
 * possessor's hold that ends. Each reads the sentence's tokens and drafts of the work state
 * (src/lib/extract_words.h), from draft `first` on. Internal to the drafting of relations. */
#ifndef TKG_EXTRACT_INFERRED_H
#define TKG_EXTRACT_INFERRED_H

#include "extract_words.h"

/* Drafts the relations of names inside names of sentence `si` (mentions [mlo, mhi)): "camp de
 * la MINUSMA à Bamako". -1 when out of memory. */
int xi_draft_nested(work *w, size_t si, size_t mlo, size_t mhi, size_t first);
/* Drafts the relations of English compounds of two names of sentence `si`: "Security Council
 * resolution 1925". -1 when out of memory. */
int xi_draft_compounds(work *w, size_t si, size_t first);
/* Drafts the relations of appositions of sentence `si`: "AUSSOM, the African Union mission,"
 * (part_of the organisation that qualifies the noun). -1 when out of memory. */
int xi_draft_appositions(work *w, size_t si, size_t first);
/* Drafts the located_in of the places of sentence `si` (mentions [mlo, mhi)) in the state the
 * sentence is set in ("In Sudan, the army retook Wad Madani"), for the places no draft of the
 * sentence locates. -1 when out of memory. */
int xi_draft_setting(work *w, size_t si, size_t mlo, size_t mhi, size_t first);
/* Dates a document's undated relations by the document's date. */
void xi_date_documents(work *w, size_t first);
/* Ends a possessor's hold where a draft starts a new one: "le camp de la MINUSMA". -1 when out
 * of memory. */
int xi_draft_possessors(work *w, size_t first, size_t mlo, size_t mhi);

#endif
