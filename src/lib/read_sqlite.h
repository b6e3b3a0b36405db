/* Reading tkg's SQLite base (docs/sqlite.md) into a store: internal interface of
 * read_sqlite.c, shared by the input reader (input.c), `tkg add` and the readers that read
 * only what a view needs. */
#ifndef TKG_READ_SQLITE_H
#define TKG_READ_SQLITE_H

#include "store.h"

#include <sqlite3.h>

/**
 * Opens the tkg base at `path` (flags: SQLITE_OPEN_READONLY or SQLITE_OPEN_READWRITE; a base
 * is never created here), checking that it is one (meta.format = 'tkg-sqlite', user_version
 * and meta.version) of a version this tkg reads. A file that is not SQLite, a foreign
 * database or a newer version is refused with TKG_EINPUT and a message about the file as a
 * whole (`PATH: error: ...`); a missing file is TKG_ENOTFOUND. `*out` is NULL on failure.
 */
int sqlite_base_open(sqlite3 **out, const char *path, int flags, tkg_error *err);

/**
 * Reads the base's rows into `s`: ontology kinds checked against the store's ontology
 * (implicit relation kinds added as bulk input adds them), sources, entities (with their
 * names, attributes, citations), relations (with theirs), in row order, so that base row r
 * becomes store row r - 1 when the store was empty and the base's rows are 1, 2, 3, ...
 * Problems in rows are reported through the store at `path:ROW:COL` (ROW the rowid, COL the
 * 1-based column in its table) as `TABLE.COLUMN: message`. With `only_needed`, reads only
 * the entities whose row is in the TEMP table need_entity(row INTEGER PRIMARY KEY) and the
 * relations whose row is in need_relation(row INTEGER PRIMARY KEY) (sqlite_base_need_tables
 * creates them; every endpoint of a needed relation must be a needed entity), plus every
 * source; the relations read then keep the generated ids (`e<row - 1>`) of the whole base.
 * Returns TKG_OK or the first problem's code.
 */
int sqlite_base_load(tkg_store *s, sqlite3 *db, const char *path, bool only_needed, tkg_error *err);

/** Creates (empty) the TEMP tables need_entity(row INTEGER PRIMARY KEY) and
 *  need_relation(row INTEGER PRIMARY KEY) of sqlite_base_load's `only_needed` mode, or
 *  empties them when they exist. */
int sqlite_base_need_tables(sqlite3 *db, const char *path, tkg_error *err);

/** Turns SQLite's result code `rc` on `db` (may be NULL) into a tkg error about the file
 *  `path` as a whole: TKG_EINPUT for a file that is not a database, is corrupt or whose
 *  schema is not tkg's (a statement of the reader does not fit it),
 *  TKG_ENOMEM, else TKG_EIO. */
int sqlite_base_fail(tkg_error *err, sqlite3 *db, int rc, const char *path);

/**
 * Checks the base at `path` beyond what reading it checks (tkg validate; docs/sqlite.md,
 * "Checking a base"): PRAGMA integrity_check and foreign_key_check, meta.date_policy, the
 * ontology tables against the ontology of `s` (parents, domain, range, symmetric, dated, and
 * no kind of it missing), the generated relation ids, and first_day and last_day against the
 * raw bounds under the base's date policy and the event-time rule. Problems are reported
 * through `s` at `path:ROW:COL`; a file that is not a base is left to the reader (TKG_OK).
 */
int sqlite_base_check(tkg_store *s, const char *path, tkg_error *err);

/** Reads the tkg base at `path` into `s` (input.c: the reader of `.sqlite` and `.db`). */
int tkg_read_sqlite_file(tkg_store *s, const char *path, tkg_error *err);

#endif
