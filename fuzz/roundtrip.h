/* The round trip of the writers through tkg's readers, for fuzz_write_roundtrip.c. */
#ifndef TKG_FUZZ_ROUNDTRIP_H
#define TKG_FUZZ_ROUNDTRIP_H

#include "tkg.h"

/**
 * Writes the finished store `a` as GraphML (tkg_write_graphml, by default and with `strict`,
 * which encodes ids) and as Neo4j CSV (tkg_write_csv_nodes and tkg_write_csv_relationships), reads
 * each back with tkg's readers into a store of its own (the options of fuzz_store), and aborts —
 * after printing the first difference and `doc`, the document `a` was read from — unless each reads
 * back without a problem and equals `a`. Equal means the same sorted lists of:
 *
 * - entities: id, kind, label (byte for byte), Wikidata id, each lifespan bound as written
 *   with its precision, attributes (key, type and canonical value; a date attribute counts as
 *   a string, since GraphML and CSV write dates as strings), and citations (source id, quote
 *   byte for byte or none, line);
 * - relations: kind, the ids of both endpoints (as written: a symmetric kind keeps its
 *   direction), each bound as written with its precision, the interval in days (after the
 *   event-time rule), the relation id, attributes and citations as for entities;
 * - the sources that something cites: id, title, publisher, url, published, lang.
 *
 * Left out, as documented (docs/format.md, docs/export.md): the attributes the writers add
 * for readers and the readers take back as attributes (nodes: color, size, x, y; edges:
 * label, weight, symmetric), names and aliases (GraphML and CSV carry the label only), and
 * sources that nothing cites (the exports carry sources with the citations). The store is
 * made from TKG-XML, which cannot hold the C0 controls the writers drop, so text compares
 * byte for byte with no cleaning.
 *
 * It also writes `a` as the timeline page (tkg_write_html) and aborts unless the page's data
 * element holds no '<', '>' or '&' and ends right after the data object: no text can end it.
 */
void roundtrip_check(const tkg_store *a, const char *doc);

#endif
