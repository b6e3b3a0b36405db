/* The SQLite base (write_sqlite.c) and its schema (sqlite_schema.c). */
#ifndef TKG_WRITE_SQLITE_H
#define TKG_WRITE_SQLITE_H

/* The format's name and version, in the base's `meta` table and its PRAGMA user_version. */
#define TKG_DB_FORMAT_NAME    "tkg-sqlite"
#define TKG_DB_FORMAT_VERSION 1

/** The CREATE statements of every table, index and view (docs/sqlite.md), in order; NULL
 *  after the last. */
extern const char *const sqlite_schema_sql[];

#endif
