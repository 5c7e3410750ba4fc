/*
 * catalog/schema.c: the catalog's schema, as forward migrations.
 *
 * Migration i turns a catalog of schema version i into version i + 1;
 * a new catalog runs them all. Published migrations are never edited:
 * a change to the schema is a new migration at the end, and
 * CATALOG_SCHEMA_VERSION in catalog.h moves with it. No table has a
 * column for a sampled value.
 */
#include <stddef.h>

#include "catalog/catalog-int.h"

const char *const catalog_migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"		/* host:port or a given name */
	"  target TEXT NOT NULL,"		/* connection, secrets removed */
	"  created_at TEXT NOT NULL"
	");"
	"CREATE TABLE scans ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at TEXT NOT NULL,"
	"  finished_at TEXT,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('running', 'completed', 'partial', 'failed')),"
	"  options TEXT NOT NULL DEFAULT '{}',"
	"  pgsift_version TEXT NOT NULL"
	");"
	"CREATE TABLE relations ("
	"  id INTEGER PRIMARY KEY,"
	"  scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,"
	"  source_id INTEGER NOT NULL REFERENCES sources (id),"
	"  database TEXT NOT NULL,"
	"  schema TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  parent_schema TEXT,"
	"  parent_name TEXT,"
	"  reltuples REAL,"
	"  rows_sampled INTEGER,"		/* NULL: not sampled */
	"  sample_method TEXT,"
	"  skip_reason TEXT,"			/* NULL: not skipped */
	"  skip_error INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (scan_id, source_id, database, schema, name)"
	");"
	"CREATE TABLE columns ("
	"  id INTEGER PRIMARY KEY,"
	"  relation_id INTEGER NOT NULL REFERENCES relations (id)"
	"    ON DELETE CASCADE,"
	"  attnum INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  data_type TEXT NOT NULL,"
	"  not_null INTEGER NOT NULL,"
	"  values_sampled INTEGER,"		/* NULL: not read */
	"  UNIQUE (relation_id, attnum)"
	");"
	"CREATE TABLE classifications ("
	"  id INTEGER PRIMARY KEY,"
	"  column_id INTEGER NOT NULL REFERENCES columns (id) ON DELETE CASCADE,"
	"  type TEXT NOT NULL,"
	"  likelihood TEXT NOT NULL,"
	"  score REAL NOT NULL,"
	"  match_ratio REAL NOT NULL,"
	"  values_seen INTEGER NOT NULL,"
	"  matched INTEGER NOT NULL,"
	"  validated INTEGER NOT NULL,"
	"  distinct_count INTEGER NOT NULL,"
	"  evidence TEXT NOT NULL,"		/* values,column_name,... */
	"  name_tokens TEXT NOT NULL DEFAULT '',"
	"  sensitivity TEXT NOT NULL,"
	"  UNIQUE (column_id, type)"
	");"
	"CREATE TABLE lineage ("
	"  id INTEGER PRIMARY KEY,"
	"  scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,"
	"  source_id INTEGER NOT NULL REFERENCES sources (id),"
	"  database TEXT NOT NULL,"
	"  down_schema TEXT NOT NULL,"
	"  down_table TEXT NOT NULL,"
	"  down_column TEXT NOT NULL,"
	"  up_schema TEXT NOT NULL,"
	"  up_table TEXT NOT NULL,"
	"  up_column TEXT NOT NULL,"
	"  kind TEXT NOT NULL"
	");"
	"CREATE INDEX relations_scan ON relations (scan_id);"
	"CREATE INDEX columns_relation ON columns (relation_id);"
	"CREATE INDEX classifications_column ON classifications (column_id);"
	"CREATE INDEX lineage_scan ON lineage (scan_id);",
	/*
	 * 1 -> 2: a column may be a path inside a json or jsonb column,
	 * recorded under the column's attnum with its path ("" for the
	 * column itself). SQLite cannot change a UNIQUE constraint, so the
	 * table is rebuilt (open.c turns foreign keys off around it).
	 */
	"CREATE TABLE columns_v2 ("
	"  id INTEGER PRIMARY KEY,"
	"  relation_id INTEGER NOT NULL REFERENCES relations (id)"
	"    ON DELETE CASCADE,"
	"  attnum INTEGER NOT NULL,"
	"  path TEXT NOT NULL DEFAULT '',"
	"  name TEXT NOT NULL,"
	"  data_type TEXT NOT NULL,"
	"  not_null INTEGER NOT NULL,"
	"  values_sampled INTEGER,"
	"  UNIQUE (relation_id, attnum, path)"
	");"
	"INSERT INTO columns_v2 (id, relation_id, attnum, name, data_type,"
	"  not_null, values_sampled) SELECT id, relation_id, attnum, name,"
	"  data_type, not_null, values_sampled FROM columns;"
	"DROP TABLE columns;"
	"ALTER TABLE columns_v2 RENAME TO columns;"
	"CREATE INDEX columns_relation ON columns (relation_id);",
	/*
	 * 2 -> 3: lineage edges say whether the way keeps the values and
	 * which functions it passes; a classification that came by lineage
	 * says by which columns.
	 */
	"ALTER TABLE lineage ADD COLUMN keeps INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE lineage ADD COLUMN via TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE classifications ADD COLUMN via TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX lineage_down ON lineage (scan_id, down_schema,"
	"  down_table);"
	"CREATE INDEX lineage_up ON lineage (scan_id, up_schema, up_table);",
	/*
	 * 3 -> 4: rescans. A relation keeps the fingerprint it was sampled
	 * under (files, row-change counter, columns, rule set), the scan
	 * whose sample it holds (itself, or an earlier one it was carried
	 * forward from), and whether it was removed from the database;
	 * classifications carry a reviewer's decision; reviews are kept.
	 */
	"ALTER TABLE relations ADD COLUMN relfilenode INTEGER;"
	"ALTER TABLE relations ADD COLUMN mod_count INTEGER;"
	"ALTER TABLE relations ADD COLUMN col_hash TEXT;"
	"ALTER TABLE relations ADD COLUMN ruleset TEXT;"
	"ALTER TABLE relations ADD COLUMN sampled_scan_id INTEGER;"
	"ALTER TABLE relations ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE classifications ADD COLUMN review TEXT;"
	"ALTER TABLE scans ADD COLUMN stats TEXT NOT NULL DEFAULT '{}';"
	"CREATE INDEX relations_key ON relations (source_id, database, schema,"
	"  name, scan_id);"
	"CREATE TABLE reviews ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  database TEXT NOT NULL,"
	"  schema TEXT NOT NULL,"
	"  table_name TEXT NOT NULL,"
	"  column_name TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),"
	"  sensitivity TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  reviewer TEXT NOT NULL,"
	"  reviewed_at TEXT NOT NULL,"
	"  UNIQUE (source, database, schema, table_name, column_name, type)"
	");",
	/* 4 -> 5: masked examples, when a scan was asked for them. */
	"ALTER TABLE classifications ADD COLUMN examples TEXT NOT NULL "
	"  DEFAULT '[]';",
	/*
	 * 5 -> 6: sensitivity labels rolled up: each table, schema, database
	 * and source of a scan takes the highest label of its findings
	 * (LIKELY or above, or confirmed; never rejected).
	 */
	"CREATE VIEW labels AS "
	"WITH f AS (SELECT r.scan_id, s.name AS source, r.database, r.schema,"
	"  r.name AS table_name, max(CASE k.sensitivity WHEN 'public' THEN 0"
	"  WHEN 'general' THEN 1 WHEN 'confidential' THEN 2 ELSE 3 END) AS rank"
	"  FROM classifications k JOIN columns c ON c.id = k.column_id"
	"  JOIN relations r ON r.id = c.relation_id"
	"  JOIN sources s ON s.id = r.source_id"
	"  WHERE (k.likelihood IN ('LIKELY', 'VERY_LIKELY')"
	"    OR k.review = 'confirmed') AND coalesce(k.review, '') <> 'rejected'"
	"  GROUP BY 1, 2, 3, 4, 5), "
	"l AS (SELECT scan_id, 'table' AS level, source, database, schema,"
	"    table_name, rank FROM f"
	"  UNION ALL SELECT scan_id, 'schema', source, database, schema, NULL,"
	"    max(rank) FROM f GROUP BY 1, 3, 4, 5"
	"  UNION ALL SELECT scan_id, 'database', source, database, NULL, NULL,"
	"    max(rank) FROM f GROUP BY 1, 3, 4"
	"  UNION ALL SELECT scan_id, 'source', source, NULL, NULL, NULL,"
	"    max(rank) FROM f GROUP BY 1, 3) "
	"SELECT scan_id, level, source, database, schema, table_name,"
	"  CASE rank WHEN 0 THEN 'public' WHEN 1 THEN 'general'"
	"  WHEN 2 THEN 'confidential' ELSE 'highly_confidential' END AS label "
	"FROM l;",
	/*
	 * 6 -> 7: how each database of a scan was reached: a local socket
	 * or TCP, and over TCP whether TLS was used, its version and cipher,
	 * and how far the server's certificate was verified.
	 */
	"CREATE TABLE connections ("
	"  id INTEGER PRIMARY KEY,"
	"  scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,"
	"  source_id INTEGER NOT NULL REFERENCES sources (id),"
	"  database TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  local INTEGER NOT NULL,"
	"  tls INTEGER NOT NULL,"
	"  tls_version TEXT,"
	"  tls_cipher TEXT,"
	"  server_verified TEXT NOT NULL"
	"    CHECK (server_verified IN ('full', 'ca', 'none')),"
	"  UNIQUE (scan_id, source_id, database)"
	");",
	NULL
};
