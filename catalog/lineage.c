/*
 * catalog/lineage.c: lineage edges, and classifications that follow them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "common/xmalloc.h"
#include "catalog/catalog-int.h"

/* Insert one lineage edge. */
int
catalog_lineage_put(struct catalog *cat, const struct catalog_lineage *l,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, "INSERT INTO lineage (scan_id, source_id, "
	    "database, down_schema, down_table, down_column, up_schema, "
	    "up_table, up_column, kind, keeps, via) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, l->scan_id);
	sqlite3_bind_int64(st, 2, l->source_id);
	catalog_bind_text(st, 3, l->database);
	catalog_bind_text(st, 4, l->down_schema);
	catalog_bind_text(st, 5, l->down_table);
	catalog_bind_text(st, 6, l->down_column);
	catalog_bind_text(st, 7, l->up_schema);
	catalog_bind_text(st, 8, l->up_table);
	catalog_bind_text(st, 9, l->up_column);
	catalog_bind_text(st, 10, l->kind);
	sqlite3_bind_int(st, 11, l->keeps ? 1 : 0);
	catalog_bind_text(st, 12, l->via ? l->via : "");
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "record a lineage edge");
	return 0;
}

/*
 * One round of propagation: from "from" columns to "to" columns of
 * every edge that carries values (see catalog.h). The SQL names the two
 * ends of an edge u (up) and d (down); from and to say which is which.
 */
static const char lineage_round[] =
    "WITH e AS ("
    "  SELECT l.kind,"
    "    CASE WHEN l.kind = 'partition' THEN l.down_schema ELSE l.up_schema END AS fs,"
    "    CASE WHEN l.kind = 'partition' THEN l.down_table ELSE l.up_table END AS ft,"
    "    CASE WHEN l.kind = 'partition' THEN l.down_column ELSE l.up_column END AS fc,"
    "    CASE WHEN l.kind = 'partition' THEN l.up_schema ELSE l.down_schema END AS ts,"
    "    CASE WHEN l.kind = 'partition' THEN l.up_table ELSE l.down_table END AS tt,"
    "    CASE WHEN l.kind = 'partition' THEN l.up_column ELSE l.down_column END AS tc"
    "  FROM lineage l WHERE l.scan_id = ?1 AND l.source_id = ?2"
    "    AND l.database = ?3 AND l.down_column <> ''"
    "    AND (l.kind IN ('copy', 'partition', 'inheritance')"
    "      OR (l.kind IN ('expression', 'aggregate') AND l.keeps))"
    ")"
    "INSERT INTO classifications (column_id, type, likelihood, score,"
    "  match_ratio, values_seen, matched, validated, distinct_count,"
    "  evidence, name_tokens, sensitivity, via)"
    "SELECT tc.id, k.type, k.likelihood, k.score, k.match_ratio, 0, 0, 0,"
    "  0, 'lineage', '', k.sensitivity,"
    "  CASE WHEN k.via = '' THEN e.fs || '.' || e.ft || '.' || e.fc"
    "    ELSE k.via END || ' -> ' || e.ts || '.' || e.tt || '.' || e.tc "
    "FROM e"
    "  JOIN relations fr ON fr.scan_id = ?1 AND fr.source_id = ?2"
    "    AND fr.database = ?3 AND fr.schema = e.fs AND fr.name = e.ft"
    "  JOIN columns fcol ON fcol.relation_id = fr.id AND fcol.name = e.fc"
    "    AND fcol.path = ''"
    "  JOIN classifications k ON k.column_id = fcol.id"
    "    AND k.likelihood IN ('LIKELY', 'VERY_LIKELY')"
    "    AND coalesce(k.review, '') <> 'rejected'"
    "  JOIN relations tr ON tr.scan_id = ?1 AND tr.source_id = ?2"
    "    AND tr.database = ?3 AND tr.schema = e.ts AND tr.name = e.tt"
    "  JOIN columns tc ON tc.relation_id = tr.id AND tc.name = e.tc"
    "    AND tc.path = '' "
    "WHERE true "
    "ON CONFLICT (column_id, type) DO UPDATE SET"
    "  evidence = classifications.evidence || ',lineage',"
    "  via = excluded.via,"
    "  likelihood = CASE WHEN excluded.likelihood = 'VERY_LIKELY' OR"
    "    (excluded.likelihood = 'LIKELY' AND classifications.likelihood"
    "    NOT IN ('LIKELY', 'VERY_LIKELY')) THEN excluded.likelihood"
    "    ELSE classifications.likelihood END,"
    "  score = max(classifications.score, excluded.score) "
    "WHERE classifications.evidence NOT LIKE '%lineage%'";

/* Let classifications follow lineage (see catalog.h). */
int
catalog_lineage_propagate(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err)
{
	sqlite3_stmt *st;
	int	round, rc, changed;

	for (round = 0; round < 32; round++) {
		st = catalog_prepare(cat, lineage_round, err);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, scan_id);
		sqlite3_bind_int64(st, 2, source_id);
		catalog_bind_text(st, 3, database);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return catalog_fail(cat, err,
			    "carry classifications along lineage");
		changed = sqlite3_changes(cat->db);
		if (changed == 0)
			break;
	}
	return 0;
}

/* The edges one step from a column (see catalog.h). */
long
catalog_lineage_step(struct catalog *cat, int64_t scan_id,
    const char *database, const char *schema, const char *table,
    const char *column, bool upstream, struct catalog_edge **edges,
    struct sift_err *err)
{
	static const char up_sql[] = "SELECT database, up_schema, up_table, "
	    "up_column, kind, keeps, via FROM lineage WHERE scan_id = ?1 "
	    "AND (?2 IS NULL OR database = ?2) AND down_schema = ?3 "
	    "AND down_table = ?4 AND down_column = ?5 "
	    "ORDER BY 1, 2, 3, 4, 5";
	static const char down_sql[] = "SELECT database, down_schema, "
	    "down_table, down_column, kind, keeps, via FROM lineage "
	    "WHERE scan_id = ?1 AND (?2 IS NULL OR database = ?2) "
	    "AND up_schema = ?3 AND up_table = ?4 AND up_column = ?5 "
	    "ORDER BY 1, 2, 3, 4, 5";
	sqlite3_stmt *st;
	size_t	n = 0, cap = 0;
	int	rc;

	*edges = NULL;
	st = catalog_prepare(cat, upstream ? up_sql : down_sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	catalog_bind_text(st, 2, database);
	catalog_bind_text(st, 3, schema);
	catalog_bind_text(st, 4, table);
	catalog_bind_text(st, 5, column);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*edges = xreallocarray(*edges, cap, sizeof **edges);
		}
		catalog_edge_read(st, &(*edges)[n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_edges_free(*edges, n);
		*edges = NULL;
		return catalog_fail(cat, err, "read lineage");
	}
	return (long)n;
}

/*
 * Copy an edge from a row of database, schema, table, column, kind,
 * keeps, via.
 */
void
catalog_edge_read(sqlite3_stmt *st, struct catalog_edge *e)
{
	const char *f[7];
	int	i;

	for (i = 0; i < 7; i++)
		f[i] = (const char *)sqlite3_column_text(st, i);
	e->database = xstrdup(f[0] ? f[0] : "");
	e->schema = xstrdup(f[1] ? f[1] : "");
	e->table = xstrdup(f[2] ? f[2] : "");
	e->column = xstrdup(f[3] ? f[3] : "");
	e->kind = xstrdup(f[4] ? f[4] : "");
	e->keeps = sqlite3_column_int(st, 5) != 0;
	e->via = xstrdup(f[6] ? f[6] : "");
}

/* Free the strings of n edges, not the array. */
void
catalog_edges_release(struct catalog_edge *edges, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free((char *)edges[i].database);
		free((char *)edges[i].schema);
		free((char *)edges[i].table);
		free((char *)edges[i].column);
		free((char *)edges[i].kind);
		free((char *)edges[i].via);
	}
}

/* Free edges from catalog_lineage_step(). */
void
catalog_edges_free(struct catalog_edge *edges, size_t n)
{
	catalog_edges_release(edges, n);
	free(edges);
}
