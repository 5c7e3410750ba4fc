/*
 * catalog/diff.c: the differences between two scans of the catalog.
 *
 * Relations are matched by source name, database, schema and name;
 * columns (JSON paths included) also by name; classifications also by
 * type. A relation marked removed counts as absent. Rejected
 * classifications count as absent too.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog-int.h"

/* The relations of scan ?N present in the database, keyed by name. */
#define DIFF_RELS(N) \
	"SELECT r.id, s.name AS source, r.database, r.schema, r.name, " \
	"r.kind, r.col_hash FROM relations r JOIN sources s ON " \
	"s.id = r.source_id WHERE r.scan_id = ?" N " AND r.removed = 0"

/* Their columns. */
#define DIFF_COLS(N) \
	"SELECT x.source, x.database, x.schema, x.name AS tname, c.name " \
	"AS cname, c.data_type, c.id AS cid FROM (" DIFF_RELS(N) ") x " \
	"JOIN columns c ON c.relation_id = x.id"

/* Their classifications that stand. */
#define DIFF_CLS(N) \
	"SELECT y.source, y.database, y.schema, y.tname, y.cname, k.type, " \
	"k.likelihood FROM (" DIFF_COLS(N) ") y JOIN classifications k " \
	"ON k.column_id = y.cid WHERE coalesce(k.review, '') <> 'rejected'"

/* Each query gives what, change, source, database, schema, table,
 * column, type, before, after. */
static const char *const diff_sql[] = {
	"SELECT 'relation', 'new', b.source, b.database, b.schema, b.name, "
	"NULL, NULL, NULL, b.kind FROM (" DIFF_RELS("2") ") b WHERE NOT EXISTS "
	"(SELECT 1 FROM (" DIFF_RELS("1") ") a WHERE a.source = b.source AND "
	"a.database = b.database AND a.schema = b.schema AND a.name = b.name)",

	"SELECT 'relation', 'dropped', a.source, a.database, a.schema, "
	"a.name, NULL, NULL, a.kind, NULL FROM (" DIFF_RELS("1") ") a WHERE "
	"NOT EXISTS (SELECT 1 FROM (" DIFF_RELS("2") ") b WHERE a.source = "
	"b.source AND a.database = b.database AND a.schema = b.schema AND "
	"a.name = b.name)",

	"SELECT 'relation', 'altered', b.source, b.database, b.schema, b.name, "
	"NULL, NULL, NULL, NULL FROM (" DIFF_RELS("1") ") a JOIN ("
	DIFF_RELS("2") ") b ON a.source = b.source AND a.database = b.database "
	"AND a.schema = b.schema AND a.name = b.name "
	"WHERE a.col_hash IS NOT b.col_hash",

	"SELECT 'column', 'new', b.source, b.database, b.schema, b.tname, "
	"b.cname, NULL, NULL, b.data_type FROM (" DIFF_COLS("2") ") b "
	"WHERE EXISTS (SELECT 1 FROM (" DIFF_RELS("1") ") r WHERE r.source = "
	"b.source AND r.database = b.database AND r.schema = b.schema AND "
	"r.name = b.tname) AND NOT EXISTS (SELECT 1 FROM (" DIFF_COLS("1")
	") a WHERE a.source = b.source AND a.database = b.database AND "
	"a.schema = b.schema AND a.tname = b.tname AND a.cname = b.cname)",

	"SELECT 'column', 'dropped', a.source, a.database, a.schema, a.tname, "
	"a.cname, NULL, a.data_type, NULL FROM (" DIFF_COLS("1") ") a "
	"WHERE EXISTS (SELECT 1 FROM (" DIFF_RELS("2") ") r WHERE r.source = "
	"a.source AND r.database = a.database AND r.schema = a.schema AND "
	"r.name = a.tname) AND NOT EXISTS (SELECT 1 FROM (" DIFF_COLS("2")
	") b WHERE a.source = b.source AND a.database = b.database AND "
	"a.schema = b.schema AND a.tname = b.tname AND a.cname = b.cname)",

	"SELECT 'column', 'altered', b.source, b.database, b.schema, b.tname, "
	"b.cname, NULL, a.data_type, b.data_type FROM (" DIFF_COLS("1") ") a "
	"JOIN (" DIFF_COLS("2") ") b ON a.source = b.source AND a.database = "
	"b.database AND a.schema = b.schema AND a.tname = b.tname AND "
	"a.cname = b.cname WHERE a.data_type <> b.data_type",

	"SELECT 'classification', 'new', b.source, b.database, b.schema, "
	"b.tname, b.cname, b.type, NULL, b.likelihood FROM (" DIFF_CLS("2")
	") b WHERE NOT EXISTS (SELECT 1 FROM (" DIFF_CLS("1") ") a WHERE "
	"a.source = b.source AND a.database = b.database AND a.schema = "
	"b.schema AND a.tname = b.tname AND a.cname = b.cname AND "
	"a.type = b.type)",

	"SELECT 'classification', 'removed', a.source, a.database, a.schema, "
	"a.tname, a.cname, a.type, a.likelihood, NULL FROM (" DIFF_CLS("1")
	") a WHERE NOT EXISTS (SELECT 1 FROM (" DIFF_CLS("2") ") b WHERE "
	"a.source = b.source AND a.database = b.database AND a.schema = "
	"b.schema AND a.tname = b.tname AND a.cname = b.cname AND "
	"a.type = b.type)",

	"SELECT 'classification', 'likelihood', b.source, b.database, "
	"b.schema, b.tname, b.cname, b.type, a.likelihood, b.likelihood FROM ("
	DIFF_CLS("1") ") a JOIN (" DIFF_CLS("2") ") b ON a.source = b.source "
	"AND a.database = b.database AND a.schema = b.schema AND a.tname = "
	"b.tname AND a.cname = b.cname AND a.type = b.type "
	"WHERE a.likelihood <> b.likelihood",
};

/* Report the differences between scans a and b (see catalog.h). */
int
catalog_diff(struct catalog *cat, int64_t a, int64_t b,
    catalog_change_fn fn, void *arg, struct sift_err *err)
{
	struct catalog_change c;
	sqlite3_stmt *st;
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof diff_sql / sizeof diff_sql[0]; i++) {
		char	sql[8192];

		snprintf(sql, sizeof sql, "%s ORDER BY 3, 4, 5, 6, 7, 8",
		    diff_sql[i]);
		st = catalog_prepare(cat, sql, err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *f[10];
			int	k;

			for (k = 0; k < 10; k++)
				f[k] = (const char *)sqlite3_column_text(st, k);
			c.what = f[0];
			c.change = f[1];
			c.source = f[2];
			c.database = f[3];
			c.schema = f[4];
			c.table = f[5];
			c.column = f[6];
			c.type = f[7];
			c.before = f[8];
			c.after = f[9];
			if (fn(&c, arg, err) != 0) {
				sqlite3_finalize(st);
				return -1;
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return catalog_fail(cat, err, "compare two scans");
	}
	return 0;
}

/* The scan before scan_id, or 0. */
int64_t
catalog_scan_before(struct catalog *cat, int64_t scan_id)
{
	sqlite3_stmt *st;
	int64_t	id = 0;
	struct sift_err err;

	st = catalog_prepare(cat, "SELECT max(id) FROM scans WHERE id < ? "
	    "AND status IN ('completed', 'partial')", &err);
	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, scan_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}
