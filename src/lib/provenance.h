/* Reading back the provenance that tkg's graph exports carry (docs/export.md, "Provenance"):
 * the `citations` of a node, edge or row — a JSON array of {"source", "quote", "locator"}
 * objects, with the source's metadata inline in GEXF and CSV — and a graph's `sources`
 * table, a JSON array of {"id", "title", "publisher", "published", "url", "lang"} objects. */
#ifndef TKG_PROVENANCE_H
#define TKG_PROVENANCE_H

#include "fields.h"

/** The record's `citations` field, when it has one that is not used yet: marks it used, and
 *  with it the fields tkg's writers derive from the citations (`sources`, `support`,
 *  `quote`), which would otherwise come back as attributes. NULL when there is none. */
field *prov_citations_field(tkg_store *s, record *r);

/** Marks used the fields tkg's writers derive from the citations (`sources`, `support`,
 *  `quote`) in a record of a file that declares `citations`: they are not attributes even
 *  where the record cites nothing (tkg writes `support` 0 there). */
void prov_derived_used(tkg_store *s, record *r);

/**
 * Adds the citations of a `citations` value (`len` bytes of `text`) to `owner` (an entity
 * row, or a relation row | OWNER_RELATION): each object's `source` (required) is the cited
 * source, `quote` its quote, `locator` (`SOURCE:LINE`) its line. A source not defined yet is
 * defined by the metadata the object carries (the first definition wins), else referenced
 * (tkg_store_finish reports a source that no input defines) — unless `inline_sources`: the
 * objects are then the only definitions of their sources (CSV, which has no table of
 * sources), and one without metadata defines a source that has none. Problems are reported
 * at `at` (TKG_EINPUT, "citations: ..."); TKG_ENOMEM.
 */
int prov_add_citations(tkg_store *s, uint32_t owner, const char *text, size_t len,
                       bool inline_sources, origin at, tkg_error *err);

/** Defines the sources of a `sources` table (`len` bytes of `text`); a source already
 *  defined keeps its first definition. Problems are reported at `at` ("sources: ..."). */
int prov_define_sources(tkg_store *s, const char *text, size_t len, origin at, tkg_error *err);

#endif
