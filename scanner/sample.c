/*
 * scanner/sample.c: reading a random, bounded sample of a table's rows.
 *
 * The sampling method is picked per relation from its current size on
 * disk and the planner's row estimate, never from count(*):
 *
 *   - small relations (at most SAMPLE_SMALL_PAGES pages, or fewer rows
 *     than the sample size) are read whole, in random order, up to the
 *     sample size: the sample is exact;
 *   - medium ones use TABLESAMPLE BERNOULLI, a uniform row-level sample
 *     that reads every page but keeps only a few rows;
 *   - large ones use TABLESAMPLE SYSTEM, which reads only the sampled
 *     pages.
 *
 * The TABLESAMPLE percentage over-samples a little, and the sampled rows
 * are then shuffled and cut to the sample size, so the LIMIT never
 * favours the first pages. Every value is cast to text and cut to
 * SCAN_MAX_VALUE_BYTES characters on the server. Rows are read one at a
 * time (single-row mode), so memory does not grow with the sample.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/scanner-int.h"

#define SAMPLE_GUESS_DENSITY	100.0	/* rows per page when unknown */

/*
 * Current size of the relation in pages, and the planner's rows per page.
 * A partitioned table's size is the sum of its leaf partitions. The size
 * comes from the files (pg_relation_size), so it is current even when
 * reltuples is stale; reltuples and relpages give the density.
 */
static const char size_sql[] =
    "SELECT coalesce(sum(pg_catalog.pg_relation_size(c.oid)), 0) "
    "         / pg_catalog.current_setting('block_size')::pg_catalog.int8, "
    "       coalesce(sum(c.reltuples) FILTER (WHERE c.reltuples >= 0 "
    "                                       AND c.relpages > 0), 0), "
    "       coalesce(sum(c.relpages) FILTER (WHERE c.reltuples >= 0 "
    "                                      AND c.relpages > 0), 0) "
    "FROM pg_catalog.pg_class c "
    "WHERE (c.oid = $1 AND c.relkind <> 'p') "
    "   OR c.oid IN (SELECT relid FROM pg_catalog.pg_partition_tree($1) "
    "                WHERE isleaf)";

/*
 * Pick the method for a relation of pages pages holding about tuples
 * rows, for a sample of want rows.
 */
void
scan_sample_choose(double pages, double tuples, long want,
    struct sample_plan *p)
{
	double	target;

	p->kind = PLAN_FULL;
	p->percent = 100.0;
	if (pages <= SAMPLE_SMALL_PAGES || tuples <= (double)want)
		return;
	p->kind = pages <= SAMPLE_BERNOULLI_PAGES ? PLAN_BERNOULLI : PLAN_SYSTEM;
	/*
	 * Ask for more rows than wanted, so that the random count TABLESAMPLE
	 * returns (binomial: standard deviation about the square root of the
	 * mean) falls short of want only rarely; whole-page samples vary
	 * more, so SYSTEM asks for more still. The surplus is cut after the
	 * shuffle.
	 */
	if (p->kind == PLAN_BERNOULLI)
		target = 1.2 * (double)want + 4.0 * sqrt((double)want) + 10.0;
	else
		target = 2.0 * (double)want + 8.0 * sqrt((double)want) + 20.0;
	p->percent = 100.0 * target / tuples;
	if (p->percent >= 100.0) {
		p->kind = PLAN_FULL;
		p->percent = 100.0;
	}
}

/*
 * Estimate the relation's size and choose a plan. Returns 0, or -1 with
 * err filled in.
 */
static int
sample_plan_get(struct scan_conn *conn, const struct scan_relation *rel,
    long want, struct sample_plan *plan, struct sift_err *err)
{
	char	oid[16];
	const char *params[1] = { oid };
	double	pages, tuples, relpages;
	PGresult *res;

	snprintf(oid, sizeof oid, "%u", rel->oid);
	res = PQexecParams(conn->pg, size_sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		scan_result_error(res, err);
		PQclear(res);
		return -1;
	}
	pages = strtod(PQgetvalue(res, 0, 0), NULL);
	tuples = strtod(PQgetvalue(res, 0, 1), NULL);
	relpages = strtod(PQgetvalue(res, 0, 2), NULL);
	PQclear(res);
	/* Scale the planner's density to the current size. */
	if (relpages > 0 && tuples > 0)
		tuples = tuples / relpages * pages;
	else
		tuples = pages * SAMPLE_GUESS_DENSITY;
	scan_sample_choose(pages, tuples, want, plan);
	return 0;
}

/*
 * Append an identifier, quoted by PQescapeIdentifier(). Returns 0, or -1
 * when libpq refuses it (invalid encoding).
 */
static int
sample_add_ident(struct sift_buf *b, PGconn *pg, const char *ident,
    struct sift_err *err)
{
	char   *q;

	q = PQescapeIdentifier(pg, ident, strlen(ident));
	if (q == NULL)
		return sift_err_set(err, SIFT_E_QUERY,
		    "could not quote an identifier: %s", PQerrorMessage(pg));
	sift_buf_addstr(b, q);
	PQfreemem(q);
	return 0;
}

/*
 * Build the sample query: the fetched columns cut to text, from the
 * relation, through the plan. $1 is the row limit and $2 the
 * percentage. Returns 0 with the SQL in b, or -1.
 */
static int
sample_build(struct sift_buf *b, PGconn *pg, const struct scan_relation *rel,
    const struct sample_plan *plan, struct sift_err *err)
{
	size_t	i;
	bool	first = true;

	sift_buf_addstr(b, "SELECT ");
	for (i = 0; i < rel->ncols; i++) {
		if (!rel->cols[i].fetch)
			continue;
		if (!first)
			sift_buf_addstr(b, ", ");
		first = false;
		sift_buf_addstr(b, "pg_catalog.left(");
		if (sample_add_ident(b, pg, rel->cols[i].name, err) != 0)
			return -1;
		sift_buf_printf(b, "::pg_catalog.text, %d)", SCAN_MAX_VALUE_BYTES);
	}
	sift_buf_addstr(b, " FROM ");
	if (sample_add_ident(b, pg, rel->schema, err) != 0)
		return -1;
	sift_buf_addch(b, '.');
	if (sample_add_ident(b, pg, rel->name, err) != 0)
		return -1;
	if (plan->kind == PLAN_BERNOULLI)
		sift_buf_addstr(b, " TABLESAMPLE BERNOULLI ($2::pg_catalog.float4)");
	else if (plan->kind == PLAN_SYSTEM)
		sift_buf_addstr(b, " TABLESAMPLE SYSTEM ($2::pg_catalog.float4)");
	else
		sift_buf_addstr(b, " WHERE $2::pg_catalog.float4 IS NOT NULL");
	/*
	 * ORDER BY random() sorts only what the sample (or a small table)
	 * yields, and with LIMIT it keeps just the top N rows in memory.
	 */
	sift_buf_addstr(b, " ORDER BY pg_catalog.random() LIMIT $1::pg_catalog.int8");
	return 0;
}

/*
 * Count the values of one streamed row into the columns' evidence.
 * cols[i] is NULL for the columns that are not fetched.
 */
static void
sample_row(const PGresult *res, int row, const struct scan_relation *rel,
    struct cls_matcher *m, struct cls_column **cols)
{
	size_t	i;
	int	f = 0;

	for (i = 0; i < rel->ncols; i++) {
		if (!rel->cols[i].fetch)
			continue;
		if (!PQgetisnull(res, row, f))
			cls_column_add(cols[i], m, PQgetvalue(res, row, f),
			    (size_t)PQgetlength(res, row, f));
		f++;
	}
}

/*
 * Stream the rows of the sample query already sent, feeding each to the
 * classifiers. Returns 0, or -1 with the first error.
 */
static int
sample_read(struct scan_conn *conn, const struct scan_relation *rel,
    struct cls_matcher *m, struct cls_column **cols, long long *rows,
    struct sift_err *err)
{
	PGresult *res;
	int	rc = 0, i;

	if (!PQsetSingleRowMode(conn->pg))
		sift_log(SIFT_LOG_DEBUG, "single-row mode refused; reading whole");
	while ((res = PQgetResult(conn->pg)) != NULL) {
		switch (PQresultStatus(res)) {
		case PGRES_SINGLE_TUPLE:
		case PGRES_TUPLES_OK:
			/*
			 * In single-row mode the final TUPLES_OK has no rows;
			 * without it, it has them all.
			 */
			for (i = 0; rc == 0 && i < PQntuples(res); i++) {
				sample_row(res, i, rel, m, cols);
				(*rows)++;
			}
			break;
		default:
			if (rc == 0)
				rc = scan_result_error(res, err);
			break;
		}
		PQclear(res);
	}
	if (rc == 0 && !scan_conn_ok(conn))
		rc = sift_err_set(err, SIFT_E_CONNECT, "%s", PQerrorMessage(conn->pg));
	return rc;
}

/* Describe the plan for the catalog: "full", "tablesample system (2.5%)". */
static void
sample_describe(const struct sample_plan *plan, char *out, size_t size)
{
	if (plan->kind == PLAN_FULL)
		snprintf(out, size, "full");
	else
		snprintf(out, size, "tablesample %s (%.4g%%)",
		    plan->kind == PLAN_BERNOULLI ? "bernoulli" : "system",
		    plan->percent);
}

/*
 * Sample rel in its own read-only transaction (so no snapshot is held
 * between relations) and count every non-NULL value into cols, which has
 * one entry per column of rel (NULL where the column is not fetched).
 * Returns 0 with res filled, or -1 with err filled in; err->sqlstate
 * tells permission, timeout and lock failures apart.
 */
int
scan_relation_sample(struct scan_conn *conn, const struct scan_relation *rel,
    const struct scan_options *opts, struct cls_matcher *m,
    struct cls_column **cols, struct scan_sample_result *res,
    struct sift_err *err)
{
	struct sample_plan plan;
	struct sift_buf sql;
	char	limit[32], percent[32];
	const char *params[2] = { limit, percent };
	size_t	i;
	bool	any = false;
	int	rc = -1;

	res->rows = 0;
	snprintf(res->method, sizeof res->method, "none");
	for (i = 0; i < rel->ncols; i++)
		any = any || rel->cols[i].fetch;
	sift_buf_init(&sql);
	if (scan_conn_exec(conn, "BEGIN READ ONLY", err) != 0)
		goto out;
	if (sample_plan_get(conn, rel, opts->sample_rows, &plan, err) != 0)
		goto rollback;
	sample_describe(&plan, res->method, sizeof res->method);
	if (!any) {
		snprintf(res->method, sizeof res->method, "none (no column to read)");
		rc = scan_conn_exec(conn, "COMMIT", err);
		goto out;
	}
	if (sample_build(&sql, conn->pg, rel, &plan, err) != 0)
		goto rollback;
	snprintf(limit, sizeof limit, "%ld", opts->sample_rows);
	snprintf(percent, sizeof percent, "%.6f", plan.percent);
	if (!PQsendQueryParams(conn->pg, sql.data, 2, NULL, params, NULL, NULL,
	    0)) {
		sift_err_set(err, SIFT_E_CONNECT, "%s", PQerrorMessage(conn->pg));
		goto rollback;
	}
	if (sample_read(conn, rel, m, cols, &res->rows, err) != 0)
		goto rollback;
	rc = scan_conn_exec(conn, "COMMIT", err);
	goto out;
rollback:
	if (scan_conn_ok(conn))
		PQclear(PQexec(conn->pg, "ROLLBACK"));
out:
	sift_buf_release(&sql);
	return rc;
}
