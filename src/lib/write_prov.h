/* Provenance in the graph formats (docs/export.md, "Provenance"): each node's and edge's
 * citations as a JSON array of {"source", "quote", "locator"} objects, and the sources'
 * metadata as a table of {"id", "title", "publisher", "published", "url", "lang"} objects
 * (GraphML, JSON) or inline in each citation (GEXF, CSV, which have no place for a table).
 * The JSON text is written escaped for the enclosing syntax. */
#ifndef TKG_WRITE_PROV_H
#define TKG_WRITE_PROV_H

#include "write.h"

/** Writes the citations of entity `row` (relation, `relation`) as the text of a JSON array
 *  escaped for `mode`, each object with its source's metadata when `inline_sources`; nothing
 *  when it has none. Returns how many. */
size_t put_citations(const wctx *c, uint32_t row, bool relation, bool inline_sources,
                     esc_mode mode);

/** The quote of the first citation of entity `row` (relation) that has one, or NULL. */
const char *first_quote(const tkg_store *s, uint32_t row, bool relation);

/** Writes `before`, the table of the sources cited by the view's entities and relations
 *  (a JSON array in source order, escaped for `mode`) and `after`; nothing when the view
 *  cites none. */
int put_sources_table(const wctx *c, esc_mode mode, const char *before, const char *after,
                      tkg_error *err);

#endif
