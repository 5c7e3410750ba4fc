/*
 * catalog/review.c: reviewers' decisions, kept apart from the scans and
 * applied to every scan after it is recorded.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog-int.h"

/* Record a decision, replacing an earlier one on the same column and type. */
int
catalog_review_put(struct catalog *cat, const struct catalog_review *r,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_prepare(cat, "INSERT INTO reviews (source, database, "
	    "schema, table_name, column_name, type, decision, sensitivity, "
	    "note, reviewer, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10, " CATALOG_NOW ") ON CONFLICT (source, database, "
	    "schema, table_name, column_name, type) DO UPDATE SET "
	    "decision = excluded.decision, sensitivity = excluded.sensitivity, "
	    "note = excluded.note, reviewer = excluded.reviewer, "
	    "reviewed_at = excluded.reviewed_at", err);
	if (st == NULL)
		return -1;
	catalog_bind_text(st, 1, r->source);
	catalog_bind_text(st, 2, r->database);
	catalog_bind_text(st, 3, r->schema);
	catalog_bind_text(st, 4, r->table);
	catalog_bind_text(st, 5, r->column);
	catalog_bind_text(st, 6, r->type);
	catalog_bind_text(st, 7, r->decision);
	catalog_bind_text(st, 8, r->sensitivity);
	catalog_bind_text(st, 9, r->note ? r->note : "");
	catalog_bind_text(st, 10, r->reviewer);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "record a review");
	return 0;
}

/* Call fn for every review, oldest first. */
int
catalog_reviews_foreach(struct catalog *cat, catalog_review_fn fn,
    void *arg, struct sift_err *err)
{
	struct catalog_review r;
	sqlite3_stmt *st;
	int	rc;

	st = catalog_prepare(cat, "SELECT source, database, schema, "
	    "table_name, column_name, type, decision, sensitivity, note, "
	    "reviewer, reviewed_at FROM reviews ORDER BY reviewed_at, id", err);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.source = (const char *)sqlite3_column_text(st, 0);
		r.database = (const char *)sqlite3_column_text(st, 1);
		r.schema = (const char *)sqlite3_column_text(st, 2);
		r.table = (const char *)sqlite3_column_text(st, 3);
		r.column = (const char *)sqlite3_column_text(st, 4);
		r.type = (const char *)sqlite3_column_text(st, 5);
		r.decision = (const char *)sqlite3_column_text(st, 6);
		r.sensitivity = (const char *)sqlite3_column_text(st, 7);
		r.note = (const char *)sqlite3_column_text(st, 8);
		r.reviewer = (const char *)sqlite3_column_text(st, 9);
		r.reviewed_at = (const char *)sqlite3_column_text(st, 10);
		if (fn(&r, arg, err) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "read reviews");
	return 0;
}

/* The columns of scan ?1 (source ?2 and database ?3, or all) with their
 * names, for the review statements below. */
#define REVIEW_COLUMNS \
	"SELECT c.id AS column_id, s.name AS source, r.database, r.schema, " \
	"r.name AS table_name, c.name AS column_name FROM columns c " \
	"JOIN relations r ON r.id = c.relation_id " \
	"JOIN sources s ON s.id = r.source_id WHERE r.scan_id = ?1 " \
	"AND (?2 = 0 OR r.source_id = ?2) AND (?3 IS NULL OR r.database = ?3) " \
	"AND r.removed = 0"

/* Apply the reviews to a scan (see catalog.h). */
int
catalog_reviews_apply(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err)
{
	static const char *const sql[] = {
		/* Reviewed classifications: mark them; confirmed is manual. */
		"WITH c AS (" REVIEW_COLUMNS ") "
		"UPDATE classifications SET review = v.decision, "
		"  evidence = CASE WHEN v.decision = 'confirmed' AND "
		"    evidence NOT LIKE '%manual%' THEN evidence || ',manual' "
		"    ELSE evidence END "
		"FROM c JOIN reviews v ON v.source = c.source "
		"  AND v.database = c.database AND v.schema = c.schema "
		"  AND v.table_name = c.table_name "
		"  AND v.column_name = c.column_name "
		"WHERE classifications.column_id = c.column_id "
		"  AND classifications.type = v.type",
		/* Confirmed types the scan did not find: added. */
		"WITH c AS (" REVIEW_COLUMNS ") "
		"INSERT INTO classifications (column_id, type, likelihood, score, "
		"  match_ratio, values_seen, matched, validated, distinct_count, "
		"  evidence, name_tokens, sensitivity, review) "
		"SELECT c.column_id, v.type, 'VERY_LIKELY', 1.0, 0, 0, 0, 0, 0, "
		"  'manual', '', v.sensitivity, 'confirmed' "
		"FROM c JOIN reviews v ON v.source = c.source "
		"  AND v.database = c.database AND v.schema = c.schema "
		"  AND v.table_name = c.table_name "
		"  AND v.column_name = c.column_name "
		"WHERE v.decision = 'confirmed' AND NOT EXISTS (SELECT 1 FROM "
		"  classifications k WHERE k.column_id = c.column_id "
		"  AND k.type = v.type)",
	};
	sqlite3_stmt *st;
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		st = catalog_prepare(cat, sql[i], err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, scan_id);
		sqlite3_bind_int64(st, 2, source_id);
		catalog_bind_text(st, 3, database);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return catalog_fail(cat, err, "apply reviews");
	}
	return 0;
}

/* Where a column is in a scan (see catalog.h). */
long
catalog_column_locate(struct catalog *cat, int64_t scan_id,
    const char *database, const char *schema, const char *table,
    const char *column, char *source, char *db, size_t size,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	long	n = 0;
	int	rc;

	st = catalog_prepare(cat, "SELECT DISTINCT s.name, r.database "
	    "FROM columns c JOIN relations r ON r.id = c.relation_id "
	    "JOIN sources s ON s.id = r.source_id WHERE r.scan_id = ?1 "
	    "AND (?2 IS NULL OR r.database = ?2) AND r.schema = ?3 "
	    "AND r.name = ?4 AND c.name = ?5 ORDER BY 1, 2", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	catalog_bind_text(st, 2, database);
	catalog_bind_text(st, 3, schema);
	catalog_bind_text(st, 4, table);
	catalog_bind_text(st, 5, column);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			snprintf(source, size, "%s", sqlite3_column_text(st, 0));
			snprintf(db, size, "%s", sqlite3_column_text(st, 1));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "find a column");
	return n;
}
