/* Reading only what a view needs from a SQLite base (select_sqlite.c, docs/sqlite.md). */
#ifndef TKG_SELECT_SQLITE_H
#define TKG_SELECT_SQLITE_H

#include "store.h"

#include <sqlite3.h>

/**
 * Fills the TEMP tables need_entity(row) and need_relation(row) of the base open in `db`
 * with a superset of the rows that a view with options `view`, computed on the store `s` (its
 * ontology and date policy) once they are read, can keep: the facts that hold on the view's
 * day or window (from the base's first_day/last_day, when the base's date policy makes them
 * a superset of the store's intervals), of the view's kinds (entity kinds with their
 * subkinds), and with `around` the walk of `depth` hops from that entity through the
 * relations that pass those filters. Only prepared statements with bound values: no SQL is
 * built from the options' text. Sets *whole (and fills nothing) when the view restricts
 * nothing, or names an `around` entity that the base does not have (the whole read then gives
 * the same error messages as any input). `path` names the base in error messages
 * (sqlite_base_fail).
 */
int sqlite_select_needed(sqlite3 *db, const tkg_store *s, const tkg_view_options *view,
                         const char *path, bool *whole, tkg_error *err);

#endif
