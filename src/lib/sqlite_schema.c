/* The schema of tkg's SQLite base (docs/sqlite.md): its statements, run in order by write_sqlite.c.
 * A CHECK that a column holds one of a few words compares it with each (a = 'x' OR a = 'y' ...):
 * SQLite (3.40) makes a list of three or more constants after IN into a temporary index, built
 * again for every row inserted, which made the checks cost more than the rest of a row. */
#include "write_sqlite.h"

#include <stddef.h>

const char *const sqlite_schema_sql[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;\n",
    "CREATE TABLE entity_kinds (\n"
    "  name TEXT PRIMARY KEY,\n"
    "  label TEXT,\n"
    "  parent TEXT REFERENCES entity_kinds(name) CHECK (parent IS NULL OR parent <> name)\n"
    ") STRICT;\n",
    "CREATE TABLE relation_kinds (\n"
    "  name TEXT PRIMARY KEY,\n"
    "  label TEXT,\n"
    "  domain TEXT REFERENCES entity_kinds(name),\n"
    "  range TEXT REFERENCES entity_kinds(name),\n"
    "  symmetric INTEGER NOT NULL CHECK (symmetric IN (0, 1)),\n"
    "  dated INTEGER NOT NULL CHECK (dated IN (0, 1)),\n"
    "  implicit INTEGER NOT NULL CHECK (implicit IN (0, 1))\n"
    ") STRICT;\n",
    "CREATE TABLE sources (\n"
    "  row INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  title TEXT,\n"
    "  publisher TEXT,\n"
    "  date TEXT,\n"
    "  url TEXT,\n"
    "  lang TEXT\n"
    ") STRICT;\n",
    "CREATE TABLE entities (\n"
    "  row INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT NOT NULL REFERENCES entity_kinds(name),\n"
    "  label TEXT NOT NULL,\n"
    "  external_id TEXT,\n"
    "  start_raw TEXT,\n"
    "  end_raw TEXT,\n"
    "  first_day TEXT CHECK (first_day IS NULL OR length(first_day) >= 10),\n"
    "  last_day TEXT CHECK (last_day IS NULL OR length(last_day) >= 10),\n"
    "  start_precision TEXT CHECK (start_precision = 'year' OR start_precision = 'month' OR\n"
    "                          start_precision = 'day'),\n"
    "  end_precision TEXT CHECK (end_precision = 'year' OR end_precision = 'month' OR\n"
    "                          end_precision = 'day'),\n"
    "  implicit INTEGER NOT NULL CHECK (implicit IN (0, 1)),\n"
    "  CHECK ((start_raw IS NULL) = (start_precision IS NULL)),\n"
    "  CHECK ((end_raw IS NULL) = (end_precision IS NULL))\n"
    ") STRICT;\n",
    "CREATE INDEX entities_by_label ON entities(label);\n",
    "CREATE TABLE names (\n"
    "  entity INTEGER NOT NULL REFERENCES entities(row),\n"
    "  lang TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  alias INTEGER NOT NULL CHECK (alias IN (0, 1))\n"
    ") STRICT;\n",
    "CREATE INDEX names_of_entity ON names(entity);\n",
    "CREATE INDEX names_by_text ON names(text);\n",
    "CREATE TABLE relations (\n"
    "  row INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT NOT NULL REFERENCES relation_kinds(name),\n"
    "  from_entity INTEGER NOT NULL REFERENCES entities(row),\n"
    "  to_entity INTEGER NOT NULL REFERENCES entities(row),\n"
    "  start_raw TEXT,\n"
    "  end_raw TEXT,\n"
    "  first_day TEXT CHECK (first_day IS NULL OR length(first_day) >= 10),\n"
    "  last_day TEXT CHECK (last_day IS NULL OR length(last_day) >= 10),\n"
    "  start_precision TEXT CHECK (start_precision = 'year' OR start_precision = 'month' OR\n"
    "                          start_precision = 'day'),\n"
    "  end_precision TEXT CHECK (end_precision = 'year' OR end_precision = 'month' OR\n"
    "                          end_precision = 'day'),\n"
    "  own_id INTEGER NOT NULL CHECK (own_id IN (0, 1)),\n"
    "  CHECK ((start_raw IS NULL) = (start_precision IS NULL)),\n"
    "  CHECK ((end_raw IS NULL) = (end_precision IS NULL))\n"
    ") STRICT;\n",
    "CREATE INDEX relations_from ON relations(from_entity, kind);\n",
    "CREATE INDEX relations_to ON relations(to_entity, kind);\n",
    "CREATE INDEX relations_days ON relations(first_day, last_day);\n",
    "CREATE INDEX relations_last_day ON relations(last_day, first_day);\n",
    "CREATE TABLE attributes (\n"
    "  entity INTEGER REFERENCES entities(row),\n"
    "  relation INTEGER REFERENCES relations(row),\n"
    "  key TEXT NOT NULL,\n"
    "  type TEXT NOT NULL CHECK (type = 'string' OR type = 'int' OR type = 'double' OR\n"
    "                            type = 'bool' OR type = 'date'),\n"
    "  value TEXT NOT NULL,\n"
    "  CHECK ((entity IS NULL) <> (relation IS NULL))\n"
    ") STRICT;\n",
    "CREATE INDEX attributes_of_entity ON attributes(entity) WHERE entity IS NOT NULL;\n",
    "CREATE INDEX attributes_of_relation ON attributes(relation) WHERE relation IS NOT NULL;\n",
    "CREATE TABLE citations (\n"
    "  entity INTEGER REFERENCES entities(row),\n"
    "  relation INTEGER REFERENCES relations(row),\n"
    "  source INTEGER NOT NULL REFERENCES sources(row),\n"
    "  quote TEXT,\n"
    "  line INTEGER CHECK (line IS NULL OR line > 0),\n"
    "  CHECK ((entity IS NULL) <> (relation IS NULL))\n"
    ") STRICT;\n",
    "CREATE INDEX citations_of_entity ON citations(entity) WHERE entity IS NOT NULL;\n",
    "CREATE INDEX citations_of_relation ON citations(relation) WHERE relation IS NOT NULL;\n",
    "CREATE INDEX citations_of_source ON citations(source);\n",
    "CREATE VIEW relations_labelled AS\n"
    "  SELECT r.id AS id, r.kind AS kind, f.id AS from_id, f.label AS from_label,\n"
    "         t.id AS to_id, t.label AS to_label, r.start_raw AS start_raw,\n"
    "         r.end_raw AS end_raw, r.first_day AS first_day, r.last_day AS last_day\n"
    "  FROM relations r JOIN entities f ON f.row = r.from_entity\n"
    "                   JOIN entities t ON t.row = r.to_entity;\n",
    "CREATE VIEW citations_labelled AS\n"
    "  SELECT r.id AS relation_id, s.id AS source, s.title AS title,\n"
    "         s.publisher AS publisher, s.date AS date, s.url AS url, c.quote AS quote,\n"
    "         c.line AS line\n"
    "  FROM citations c JOIN relations r ON r.row = c.relation\n"
    "                   JOIN sources s ON s.row = c.source;\n",
    NULL};
