/*
 * catalog/rescan.c: what rescans need from earlier scans: a relation's
 * last record, carrying it forward, and marking what was removed.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog-int.h"

/* The latest record of a relation before scan_id (see catalog.h). */
int
catalog_relation_previous(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, const char *schema,
    const char *name, struct catalog_previous *prev, struct sift_err *err)
{
	sqlite3_stmt *st;
	const char *t;
	int	rc;

	static const char sql[] = "SELECT id, scan_id, "
	    "coalesce(sampled_scan_id, 0), coalesce(relfilenode, -1), "
	    "coalesce(mod_count, -1), col_hash, ruleset, removed "
	    "FROM relations WHERE source_id = ?1 AND database = ?2 "
	    "AND schema = ?3 AND name = ?4 AND scan_id < ?5 "
	    "ORDER BY scan_id DESC LIMIT 1";

	memset(prev, 0, sizeof *prev);
	st = catalog_cached(cat, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	catalog_bind_text(st, 2, database);
	catalog_bind_text(st, 3, schema);
	catalog_bind_text(st, 4, name);
	sqlite3_bind_int64(st, 5, scan_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		prev->relation_id = sqlite3_column_int64(st, 0);
		prev->scan_id = sqlite3_column_int64(st, 1);
		prev->sampled_scan_id = sqlite3_column_int64(st, 2);
		prev->relfilenode = sqlite3_column_int64(st, 3);
		prev->mod_count = sqlite3_column_int64(st, 4);
		t = (const char *)sqlite3_column_text(st, 5);
		snprintf(prev->col_hash, sizeof prev->col_hash, "%s", t ? t : "");
		t = (const char *)sqlite3_column_text(st, 6);
		snprintf(prev->ruleset, sizeof prev->ruleset, "%s", t ? t : "");
		prev->removed = sqlite3_column_int(st, 7) != 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return catalog_fail(cat, err, "read an earlier scan");
}

/* Run one statement (a static string) with two integer parameters. */
static int
rescan_exec2(struct catalog *cat, const char *sql, int64_t a, int64_t b,
    const char *what, struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, what);
	return 0;
}

/* Run one statement (a static string) without parameters. */
static int
rescan_exec0(struct catalog *cat, const char *sql, const char *what,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, sql, err);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, what);
	return 0;
}

/*
 * Carrying forward goes through a temporary table (in memory, see
 * open.c) that maps each earlier record to its copy: one INSERT per
 * relation for the records, then one for all their columns and one for
 * all their classifications.
 */
static const char carry_map_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS carry_map ("
    "  old INTEGER PRIMARY KEY, new INTEGER NOT NULL)";
static const char carry_rel_sql[] = "INSERT INTO relations (scan_id, "
    "source_id, database, schema, name, kind, parent_schema, "
    "parent_name, reltuples, rows_sampled, sample_method, skip_reason, "
    "skip_error, relfilenode, mod_count, col_hash, ruleset, "
    "sampled_scan_id) SELECT ?2, source_id, database, schema, name, "
    "kind, parent_schema, parent_name, reltuples, rows_sampled, "
    "sample_method, skip_reason, skip_error, relfilenode, mod_count, "
    "col_hash, ruleset, sampled_scan_id FROM relations WHERE id = ?1";
static const char carry_pair_sql[] =
    "INSERT INTO temp.carry_map (old, new) VALUES (?1, ?2)";
static const char carry_cols_sql[] = "INSERT INTO columns (relation_id, "
    "attnum, path, name, data_type, not_null, values_sampled) "
    "SELECT m.new, c.attnum, c.path, c.name, c.data_type, c.not_null, "
    "c.values_sampled FROM temp.carry_map m "
    "JOIN columns c ON c.relation_id = m.old ORDER BY c.id";
static const char carry_cls_sql[] = "INSERT INTO classifications "
    "(column_id, type, likelihood, score, match_ratio, values_seen, "
    "matched, validated, distinct_count, evidence, name_tokens, "
    "sensitivity, examples) SELECT nc.id, k.type, k.likelihood, "
    "k.score, k.match_ratio, k.values_seen, k.matched, k.validated, "
    "k.distinct_count, replace(replace(k.evidence, ',lineage', ''), "
    "',manual', ''), k.name_tokens, k.sensitivity, k.examples "
    "FROM temp.carry_map m JOIN columns oc ON oc.relation_id = m.old "
    "JOIN classifications k ON k.column_id = oc.id "
    "JOIN columns nc ON nc.relation_id = m.new AND nc.attnum = oc.attnum "
    "AND nc.path = oc.path "
    "WHERE k.evidence NOT IN ('lineage', 'manual') ORDER BY k.id";
static const char carry_count_sql[] = "SELECT count(DISTINCT c.id) "
    "FROM temp.carry_map m JOIN columns c ON c.relation_id = m.new "
    "JOIN classifications k ON k.column_id = c.id";

/* Carry relations forward (see catalog.h). */
int
catalog_relations_carry(struct catalog *cat, int64_t scan_id,
    const int64_t *prev_ids, size_t n, long *classified,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	size_t	i;

	*classified = 0;
	if (n == 0)
		return 0;
	if (sqlite3_exec(cat->db, carry_map_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(cat->db, "DELETE FROM temp.carry_map", NULL, NULL,
	    NULL) != SQLITE_OK)
		return catalog_fail(cat, err, "carry relations forward");
	for (i = 0; i < n; i++) {
		if (rescan_exec2(cat, carry_rel_sql, prev_ids[i], scan_id,
		    "carry a relation forward", err) != 0 ||
		    rescan_exec2(cat, carry_pair_sql, prev_ids[i],
		    sqlite3_last_insert_rowid(cat->db),
		    "carry a relation forward", err) != 0)
			return -1;
	}
	if (rescan_exec0(cat, carry_cols_sql, "carry columns forward",
	    err) != 0 || rescan_exec0(cat, carry_cls_sql,
	    "carry classifications forward", err) != 0)
		return -1;
	st = catalog_cached(cat, carry_count_sql, err);
	if (st == NULL)
		return -1;
	*classified = sqlite3_step(st) == SQLITE_ROW ?
	    (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (sqlite3_exec(cat->db, "DELETE FROM temp.carry_map", NULL, NULL,
	    NULL) != SQLITE_OK)
		return catalog_fail(cat, err, "carry relations forward");
	return 0;
}

/* A removed relation's record in the new scan, and its columns. */
static const char removed_sql[] = "INSERT INTO relations (scan_id, "
    "source_id, database, schema, name, kind, parent_schema, parent_name, "
    "reltuples, skip_reason, skip_error, removed, col_hash) "
    "SELECT ?2, source_id, database, schema, name, kind, parent_schema, "
    "parent_name, reltuples, 'removed from the database since scan ' || "
    "scan_id, 0, 1, col_hash FROM relations WHERE id = ?1";
static const char removed_cols_sql[] = "INSERT INTO columns (relation_id, "
    "attnum, path, name, data_type, not_null) SELECT ?2, attnum, path, "
    "name, data_type, not_null FROM columns WHERE relation_id = ?1";

/* Mark removed relations (see catalog.h). */
long
catalog_mark_removed(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, catalog_wanted_fn wanted,
    void *arg, struct sift_err *err)
{
	sqlite3_stmt *st;
	int64_t	ids[2];
	long	n = 0;
	int	rc;

	/* The relations of the last earlier scan of this database. */
	st = catalog_prepare(cat, "SELECT p.id, p.schema, p.name FROM relations p "
	    "WHERE p.source_id = ?1 AND p.database = ?2 AND p.removed = 0 "
	    "AND p.scan_id = (SELECT max(scan_id) FROM relations "
	    "  WHERE source_id = ?1 AND database = ?2 AND scan_id < ?3) "
	    "AND NOT EXISTS (SELECT 1 FROM relations c WHERE c.scan_id = ?3 "
	    "  AND c.source_id = ?1 AND c.database = ?2 AND c.schema = p.schema "
	    "  AND c.name = p.name)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, source_id);
	catalog_bind_text(st, 2, database);
	sqlite3_bind_int64(st, 3, scan_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *schema = (const char *)sqlite3_column_text(st, 1);
		const char *name = (const char *)sqlite3_column_text(st, 2);

		if (wanted != NULL && !wanted(schema, name, arg))
			continue;
		ids[0] = sqlite3_column_int64(st, 0);
		if (rescan_exec2(cat, removed_sql, ids[0], scan_id,
		    "mark a relation removed", err) != 0)
			goto fail;
		ids[1] = sqlite3_last_insert_rowid(cat->db);
		if (rescan_exec2(cat, removed_cols_sql, ids[0], ids[1],
		    "mark a relation removed", err) != 0)
			goto fail;
		n++;
	}
	if (rc != SQLITE_DONE) {
		catalog_fail(cat, err, "read an earlier scan");
		goto fail;
	}
	sqlite3_finalize(st);
	return n;
fail:
	sqlite3_finalize(st);
	return -1;
}
