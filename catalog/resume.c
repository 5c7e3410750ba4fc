/*
 * catalog/resume.c: what `pgsift scan --resume` needs of the catalog:
 * the scan to resume, and which of its relations are finished.
 */
#include <string.h>

#include "catalog/catalog-int.h"

/* The scan to resume (see catalog.h). */
int
catalog_scan_resumable(struct catalog *cat, int64_t *scan_id,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	const char *status;
	bool	interrupted;
	int	rc;

	st = catalog_prepare(cat, "SELECT id, status, coalesce(json_extract("
	    "stats, '$.interrupted'), 0) OR EXISTS (SELECT 1 FROM relations r "
	    "WHERE r.scan_id = s.id AND r.skip_reason LIKE 'not scanned: %') "
	    "FROM scans s ORDER BY id DESC LIMIT 1", err);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return catalog_fail(cat, err, "read the scans");
		return sift_err_set(err, SIFT_E_NOTFOUND,
		    "the catalog holds no scan to resume");
	}
	*scan_id = sqlite3_column_int64(st, 0);
	status = (const char *)sqlite3_column_text(st, 1);
	interrupted = sqlite3_column_int(st, 2) != 0;
	rc = 0;
	if (status == NULL || !(strcmp(status, "running") == 0 ||
	    (strcmp(status, "partial") == 0 && interrupted)))
		rc = sift_err_set(err, SIFT_E_NOTFOUND, "the last scan (%lld) "
		    "was not interrupted: it is %s with every relation reached; "
		    "there is nothing to resume",
		    (long long)*scan_id, status ? status : "unknown");
	sqlite3_finalize(st);
	return rc;
}

/* Mark a scan running again (see catalog.h). */
int
catalog_scan_reopen(struct catalog *cat, int64_t scan_id,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, "UPDATE scans SET status = 'running', "
	    "finished_at = NULL WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "reopen the scan");
	return 0;
}

/* Is the relation finished in scan_id (see catalog.h)? */
int
catalog_relation_done(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, const char *schema,
    const char *name, const char *not_scanned, struct sift_err *err)
{
	sqlite3_stmt *st;
	const char *reason;
	int64_t	id = 0;
	bool	done = false;
	int	rc;

	st = catalog_cached(cat, "SELECT id, skip_reason FROM relations "
	    "WHERE scan_id = ?1 AND source_id = ?2 AND database = ?3 "
	    "AND schema = ?4 AND name = ?5", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	sqlite3_bind_int64(st, 2, source_id);
	catalog_bind_text(st, 3, database);
	catalog_bind_text(st, 4, schema);
	catalog_bind_text(st, 5, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		reason = (const char *)sqlite3_column_text(st, 1);
		done = reason == NULL ||
		    strncmp(reason, not_scanned, strlen(not_scanned)) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return catalog_fail(cat, err, "read the scan's relations");
	if (rc == SQLITE_DONE || done)
		return done ? 1 : 0;
	/* Not scanned then: its record goes, its columns with it. */
	st = catalog_cached(cat, "DELETE FROM relations WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "forget a relation not scanned");
	return 0;
}

/* Forget the lineage a scan recorded for a database (see catalog.h). */
int
catalog_lineage_clear(struct catalog *cat, int64_t scan_id, int64_t source_id,
    const char *database, struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, "DELETE FROM lineage WHERE scan_id = ?1 "
	    "AND source_id = ?2 AND database = ?3", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	sqlite3_bind_int64(st, 2, source_id);
	catalog_bind_text(st, 3, database);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "clear the lineage");
	return 0;
}
