/*
 * catalog/read.c: reading scans back for reports.
 *
 * catalog_columns_foreach() walks a scan's columns in report order and
 * hands each, with its classifications, to a callback; the strings it
 * passes belong to SQLite and live only during the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "common/xmalloc.h"
#include "catalog/catalog-int.h"

/* Copy column i of st as text into out (size bytes), "" for NULL. */
static void
read_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *s;

	s = sqlite3_column_text(st, i);
	snprintf(out, size, "%s", s ? (const char *)s : "");
}

/* Read one scan, or the latest when scan_id is 0, into info. */
int
catalog_scan_get(struct catalog *cat, int64_t scan_id,
    struct catalog_scan_info *info, struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_prepare(cat, scan_id > 0 ?
	    "SELECT id, started_at, finished_at, status FROM scans WHERE id = ?" :
	    "SELECT id, started_at, finished_at, status FROM scans "
	    "ORDER BY id DESC LIMIT 1", err);
	if (st == NULL)
		return -1;
	if (scan_id > 0)
		sqlite3_bind_int64(st, 1, scan_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		info->id = sqlite3_column_int64(st, 0);
		read_text(st, 1, info->started_at, sizeof info->started_at);
		read_text(st, 2, info->finished_at, sizeof info->finished_at);
		read_text(st, 3, info->status, sizeof info->status);
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "read a scan");
	if (scan_id > 0)
		return sift_err_set(err, SIFT_E_NOTFOUND,
		    "catalog \"%s\" has no scan %lld", cat->path,
		    (long long)scan_id);
	return sift_err_set(err, SIFT_E_NOTFOUND,
	    "catalog \"%s\" has no scan yet", cat->path);
}

/* Text of column i, or NULL when it is NULL. */
static const char *
read_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/*
 * Load the classifications of column column_id, best score first, into
 * *out (grown as needed, *cap its size). The strings are copies the
 * caller frees with read_findings_release(). Returns the count, or -1.
 */
static long
read_findings(struct catalog *cat, sqlite3_stmt *st, int64_t column_id,
    struct catalog_finding **out, size_t *cap, struct sift_err *err)
{
	size_t	n = 0;
	int	rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, column_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_finding *f;

		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 4;
			*out = xreallocarray(*out, *cap, sizeof **out);
		}
		f = &(*out)[n++];
		f->type = xstrdup(read_str(st, 0));
		f->likelihood = xstrdup(read_str(st, 1));
		f->sensitivity = xstrdup(read_str(st, 2));
		f->evidence = xstrdup(read_str(st, 3));
		f->name_tokens = xstrdup(read_str(st, 4) ? read_str(st, 4) : "");
		f->score = sqlite3_column_double(st, 5);
		f->match_ratio = sqlite3_column_double(st, 6);
		f->matched = sqlite3_column_int64(st, 7);
		f->validated = sqlite3_column_int64(st, 8);
		f->distinct_count = sqlite3_column_int64(st, 9);
		f->via = xstrdup(read_str(st, 10) ? read_str(st, 10) : "");
		f->review = read_str(st, 11) ? xstrdup(read_str(st, 11)) : NULL;
		f->reviewer = read_str(st, 12) ? xstrdup(read_str(st, 12)) : NULL;
		f->reviewed_at = read_str(st, 13) ? xstrdup(read_str(st, 13)) :
		    NULL;
		f->review_note = read_str(st, 14) ? xstrdup(read_str(st, 14)) :
		    NULL;
		f->examples = xstrdup(read_str(st, 15) ? read_str(st, 15) : "[]");
	}
	if (rc != SQLITE_DONE) {
		catalog_fail(cat, err, "read classifications");
		return -(long)n - 1;
	}
	return (long)n;
}

/* Free the strings of n findings. */
static void
read_findings_release(struct catalog_finding *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free((char *)f[i].type);
		free((char *)f[i].likelihood);
		free((char *)f[i].sensitivity);
		free((char *)f[i].evidence);
		free((char *)f[i].name_tokens);
		free((char *)f[i].via);
		free((char *)f[i].review);
		free((char *)f[i].reviewer);
		free((char *)f[i].reviewed_at);
		free((char *)f[i].review_note);
		free((char *)f[i].examples);
	}
}

/*
 * Load the edges st selects for one column (bound to its scan, source,
 * database, schema, table and column) into *out; the strings are copies
 * freed by catalog_edges_release(). Returns the count, or -1.
 */
static long
read_edges(struct catalog *cat, sqlite3_stmt *st,
    const struct catalog_column_view *v, int64_t scan_id,
    struct catalog_edge **out, size_t *cap, struct sift_err *err)
{
	size_t	n = 0;
	int	rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, scan_id);
	catalog_bind_text(st, 2, v->source);
	catalog_bind_text(st, 3, v->database);
	catalog_bind_text(st, 4, v->schema);
	catalog_bind_text(st, 5, v->table);
	catalog_bind_text(st, 6, v->column);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 4;
			*out = xreallocarray(*out, *cap, sizeof **out);
		}
		catalog_edge_read(st, &(*out)[n++]);
	}
	if (rc != SQLITE_DONE) {
		catalog_fail(cat, err, "read lineage");
		return -(long)n - 1;
	}
	return (long)n;
}

/* Edges into a column, and out of it (filters included). */
#define READ_EDGE_SQL(ME, OTHER, EXTRA) \
	"SELECT l.database, l." OTHER "_schema, l." OTHER "_table, " \
	"l." OTHER "_column, l.kind, l.keeps, l.via FROM lineage l " \
	"JOIN sources s ON s.id = l.source_id WHERE l.scan_id = ?1 " \
	"AND s.name = ?2 AND l.database = ?3 AND l." ME "_schema = ?4 " \
	"AND l." ME "_table = ?5 AND l." ME "_column = ?6 " EXTRA \
	"ORDER BY 2, 3, 4, 5"

/* Does the scan have any lineage edge? (If not, none is looked up.) */
static bool
read_has_lineage(struct catalog *cat, int64_t scan_id)
{
	sqlite3_stmt *st;
	struct sift_err err;
	bool	yes = true;

	st = catalog_prepare(cat, "SELECT EXISTS (SELECT 1 FROM lineage "
	    "WHERE scan_id = ?)", &err);
	if (st == NULL)
		return true;
	sqlite3_bind_int64(st, 1, scan_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return yes;
}

/* Walk a scan's columns in report order, with their findings. */
int
catalog_columns_foreach(struct catalog *cat, int64_t scan_id,
    catalog_column_fn fn, void *arg, struct sift_err *err)
{
	sqlite3_stmt *cols = NULL, *finds = NULL, *ups = NULL, *downs = NULL;
	struct catalog_finding *found = NULL;
	struct catalog_edge *up = NULL, *down = NULL;
	struct catalog_column_view v;
	size_t	cap = 0, upcap = 0, downcap = 0;
	long	n, nu = 0, nd = 0;
	bool	has_lineage;
	int	rc = -1, step;

	cols = catalog_prepare(cat, "SELECT s.name, r.database, r.schema, "
	    "r.name, r.kind, c.name, c.data_type, c.attnum, c.values_sampled, "
	    "r.skip_reason, c.id, nullif(c.path, ''), "
	    "coalesce(r.sampled_scan_id, 0), r.removed "
	    "FROM columns c JOIN relations r ON r.id = c.relation_id "
	    "JOIN sources s ON s.id = r.source_id WHERE r.scan_id = ? "
	    "ORDER BY s.name, r.database, r.schema, r.name, c.attnum, c.path",
	    err);
	if (cols == NULL)
		goto out;
	finds = catalog_prepare(cat, "SELECT k.type, k.likelihood, "
	    "k.sensitivity, k.evidence, k.name_tokens, k.score, k.match_ratio, "
	    "k.matched, k.validated, k.distinct_count, k.via, k.review, "
	    "v.reviewer, v.reviewed_at, v.note, k.examples "
	    "FROM classifications k JOIN columns c ON c.id = k.column_id "
	    "JOIN relations r ON r.id = c.relation_id "
	    "JOIN sources s ON s.id = r.source_id "
	    "LEFT JOIN reviews v ON k.review IS NOT NULL AND v.source = s.name "
	    "AND v.database = r.database AND v.schema = r.schema "
	    "AND v.table_name = r.name AND v.column_name = c.name "
	    "AND v.type = k.type WHERE k.column_id = ? "
	    "ORDER BY k.review = 'rejected', k.score DESC, k.type", err);
	ups = catalog_prepare(cat, READ_EDGE_SQL("down", "up",
	    "AND l.kind <> 'filter' "), err);
	downs = catalog_prepare(cat, READ_EDGE_SQL("up", "down", ""), err);
	if (finds == NULL || ups == NULL || downs == NULL)
		goto out;
	sqlite3_bind_int64(cols, 1, scan_id);
	has_lineage = read_has_lineage(cat, scan_id);
	while ((step = sqlite3_step(cols)) == SQLITE_ROW) {
		v.source = read_str(cols, 0);
		v.database = read_str(cols, 1);
		v.schema = read_str(cols, 2);
		v.table = read_str(cols, 3);
		v.relkind = read_str(cols, 4);
		v.column = read_str(cols, 5);
		v.data_type = read_str(cols, 6);
		v.attnum = sqlite3_column_int(cols, 7);
		v.values_sampled = sqlite3_column_type(cols, 8) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(cols, 8);
		v.skipped = read_str(cols, 9);
		v.path = read_str(cols, 11);
		v.sampled_scan_id = sqlite3_column_int64(cols, 12);
		v.removed = sqlite3_column_int(cols, 13) != 0;
		n = read_findings(cat, finds, sqlite3_column_int64(cols, 10),
		    &found, &cap, err);
		if (n < 0) {
			read_findings_release(found, (size_t)(-n - 1));
			goto out;
		}
		nu = nd = 0;
		if (v.path == NULL && has_lineage) {
			nu = read_edges(cat, ups, &v, scan_id, &up, &upcap, err);
			if (nu >= 0)
				nd = read_edges(cat, downs, &v, scan_id, &down,
				    &downcap, err);
		}
		if (nu < 0 || nd < 0) {
			read_findings_release(found, (size_t)n);
			catalog_edges_release(up, nu < 0 ? (size_t)(-nu - 1) :
			    (size_t)nu);
			catalog_edges_release(down, nd < 0 ? (size_t)(-nd - 1) : 0);
			goto out;
		}
		/* Rejected ones come last: reported apart. */
		v.nfindings = (size_t)n;
		while (v.nfindings > 0 && found[v.nfindings - 1].review != NULL &&
		    strcmp(found[v.nfindings - 1].review, "rejected") == 0)
			v.nfindings--;
		v.findings = found;
		v.nrejected = (size_t)n - v.nfindings;
		v.rejected = found + v.nfindings;
		v.nupstream = (size_t)nu;
		v.upstream = up;
		v.ndownstream = (size_t)nd;
		v.downstream = down;
		step = fn(&v, arg, err);
		read_findings_release(found, (size_t)n);
		catalog_edges_release(up, (size_t)nu);
		catalog_edges_release(down, (size_t)nd);
		if (step != 0)
			goto out;
	}
	if (step != SQLITE_DONE) {
		catalog_fail(cat, err, "read columns");
		goto out;
	}
	rc = 0;
out:
	free(found);
	free(up);
	free(down);
	sqlite3_finalize(cols);
	sqlite3_finalize(finds);
	sqlite3_finalize(ups);
	sqlite3_finalize(downs);
	return rc;
}
