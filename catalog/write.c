/*
 * catalog/write.c: recording scans, sources, relations, columns and
 * classifications.
 *
 * Every value is bound as a parameter and every statement finalized on
 * every path. Timestamps are RFC 3339 in UTC, made by SQLite's strftime.
 */
#include <stdio.h>

#include <sqlite3.h>

#include "config.h"

#include "catalog/catalog-int.h"


/*
 * Step a prepared statement that returns no row, finalize it, and set
 * *id (if not NULL) to the last inserted rowid. Returns 0 or -1.
 */
static int
write_step(struct catalog *cat, sqlite3_stmt *st, int64_t *id,
    const char *what, struct sift_err *err)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		catalog_fail(cat, err, what);
		sqlite3_reset(st);
		return -1;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(cat->db);
	sqlite3_reset(st);
	return 0;
}

/* Insert a running scan with its options; sets *scan_id. */
int
catalog_scan_begin(struct catalog *cat, const char *options_json,
    int64_t *scan_id, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "INSERT INTO scans (started_at, status, "
	    "options, pgsift_version) VALUES (" CATALOG_NOW ", 'running', ?, ?)",
	    err);
	if (st == NULL)
		return -1;
	catalog_bind_text(st, 1, options_json ? options_json : "{}");
	catalog_bind_text(st, 2, PACKAGE_VERSION);
	return write_step(cat, st, scan_id, "record the scan", err);
}

/* Set a scan's final status and finishing time. */
int
catalog_scan_finish(struct catalog *cat, int64_t scan_id, const char *status,
    const char *stats_json, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "UPDATE scans SET status = ?1, finished_at = "
	    CATALOG_NOW ", stats = coalesce(?3, stats) WHERE id = ?2", err);
	if (st == NULL)
		return -1;
	catalog_bind_text(st, 1, status);
	sqlite3_bind_int64(st, 2, scan_id);
	catalog_bind_text(st, 3, stats_json);
	return write_step(cat, st, NULL, "finish the scan", err);
}

/* Insert the source, or update the target of the one with that name. */
int
catalog_source_put(struct catalog *cat, const char *name, const char *target,
    int64_t *source_id, struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, "INSERT INTO sources (name, target, "
	    "created_at) VALUES (?, ?, " CATALOG_NOW ") ON CONFLICT (name) "
	    "DO UPDATE SET target = excluded.target RETURNING id", err);
	if (st == NULL)
		return -1;
	catalog_bind_text(st, 1, name);
	catalog_bind_text(st, 2, target);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		catalog_fail(cat, err, "record the source");
		sqlite3_reset(st);
		return -1;
	}
	*source_id = sqlite3_column_int64(st, 0);
	/* Step to the end so the upsert completes before resetting. */
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "record the source");
	return 0;
}

/* Insert a relation as the scan found it; sets *relation_id. */
int
catalog_relation_put(struct catalog *cat, const struct catalog_relation *rel,
    int64_t *relation_id, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "INSERT INTO relations (scan_id, source_id, "
	    "database, schema, name, kind, parent_schema, parent_name, "
	    "reltuples, rows_sampled, sample_method, relfilenode, mod_count, "
	    "col_hash, ruleset, sampled_scan_id) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, CASE WHEN ?10 IS NULL THEN NULL ELSE ?1 END)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rel->scan_id);
	sqlite3_bind_int64(st, 2, rel->source_id);
	catalog_bind_text(st, 3, rel->database);
	catalog_bind_text(st, 4, rel->schema);
	catalog_bind_text(st, 5, rel->name);
	catalog_bind_text(st, 6, rel->kind);
	catalog_bind_text(st, 7, rel->parent_schema);
	catalog_bind_text(st, 8, rel->parent_name);
	sqlite3_bind_double(st, 9, rel->reltuples);
	if (rel->rows_sampled >= 0)
		sqlite3_bind_int64(st, 10, rel->rows_sampled);
	else
		sqlite3_bind_null(st, 10);
	catalog_bind_text(st, 11, rel->sample_method);
	sqlite3_bind_int64(st, 12, rel->relfilenode);
	if (rel->mod_count >= 0)
		sqlite3_bind_int64(st, 13, rel->mod_count);
	else
		sqlite3_bind_null(st, 13);
	catalog_bind_text(st, 14, rel->col_hash);
	catalog_bind_text(st, 15, rel->ruleset);
	return write_step(cat, st, relation_id, "record a relation", err);
}

/* Record how many rows a relation gave, and how they were drawn. */
int
catalog_relation_sampled(struct catalog *cat, int64_t relation_id,
    long long rows_sampled, const char *sample_method, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "UPDATE relations SET rows_sampled = ?1, "
	    "sample_method = ?2, sampled_scan_id = scan_id WHERE id = ?3", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rows_sampled);
	catalog_bind_text(st, 2, sample_method);
	sqlite3_bind_int64(st, 3, relation_id);
	return write_step(cat, st, NULL, "record a sample", err);
}

/* Record why a relation was not sampled, and whether that is a failure. */
int
catalog_relation_skip(struct catalog *cat, int64_t relation_id,
    const char *reason, bool error, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "UPDATE relations SET skip_reason = ?, "
	    "skip_error = ? WHERE id = ?", err);
	if (st == NULL)
		return -1;
	catalog_bind_text(st, 1, reason);
	sqlite3_bind_int(st, 2, error ? 1 : 0);
	sqlite3_bind_int64(st, 3, relation_id);
	return write_step(cat, st, NULL, "record a skipped relation", err);
}

/* Insert a column of a relation; sets *column_id. */
int
catalog_column_put(struct catalog *cat, const struct catalog_column *col,
    int64_t *column_id, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "INSERT INTO columns (relation_id, attnum, "
	    "name, data_type, not_null, values_sampled, path) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, col->relation_id);
	sqlite3_bind_int(st, 2, col->attnum);
	catalog_bind_text(st, 3, col->name);
	catalog_bind_text(st, 4, col->data_type);
	sqlite3_bind_int(st, 5, col->not_null ? 1 : 0);
	if (col->values_sampled >= 0)
		sqlite3_bind_int64(st, 6, col->values_sampled);
	else
		sqlite3_bind_null(st, 6);
	catalog_bind_text(st, 7, col->path != NULL ? col->path : "");
	return write_step(cat, st, column_id, "record a column", err);
}

/* Insert one classification of a column with its evidence. */
int
catalog_classification_put(struct catalog *cat,
    const struct catalog_classification *c, struct sift_err *err)
{
	sqlite3_stmt *st;

	st = catalog_cached(cat, "INSERT INTO classifications (column_id, "
	    "type, likelihood, score, match_ratio, values_seen, matched, "
	    "validated, distinct_count, evidence, name_tokens, sensitivity, "
	    "examples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->column_id);
	catalog_bind_text(st, 2, c->type);
	catalog_bind_text(st, 3, c->likelihood);
	sqlite3_bind_double(st, 4, c->score);
	sqlite3_bind_double(st, 5, c->match_ratio);
	sqlite3_bind_int64(st, 6, c->values);
	sqlite3_bind_int64(st, 7, c->matched);
	sqlite3_bind_int64(st, 8, c->validated);
	sqlite3_bind_int64(st, 9, c->distinct_count);
	catalog_bind_text(st, 10, c->evidence);
	catalog_bind_text(st, 11, c->name_tokens ? c->name_tokens : "");
	catalog_bind_text(st, 12, c->sensitivity);
	catalog_bind_text(st, 13, c->examples ? c->examples : "[]");
	return write_step(cat, st, NULL, "record a classification", err);
}
