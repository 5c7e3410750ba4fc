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
 *
 * Sparse columns: a column with fewer than SAMPLE_SPARSE_MIN non-NULL
 * values in the row sample, most of its rows NULL, when the sample did
 * not read every row, gets
 * a second sample of its own non-NULL values, as many as the row sample
 * (at most SAMPLE_SPARSE_MAX_COLUMNS such columns per relation). It reads
 * as many more pages as should hold SAMPLE_SPARSE_WANT values at the
 * density the first sample saw, but at most SAMPLE_SPARSE_FACTOR times
 * the first's, through TABLESAMPLE, or the whole relation when that is
 * small or the first already read it whole; within the same statement
 * timeout and the same snapshot.
 *
 * With a seed (--seed), random() is seeded per relation (setseed) and
 * TABLESAMPLE is REPEATABLE, both from the seed and the relation's name,
 * so a relation's sample is the same whichever worker draws it; the
 * sample's transaction turns off parallel and synchronized scans, which
 * would change the order random() sees the rows in.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/scanner-int.h"

#define SAMPLE_GUESS_DENSITY	100.0	/* rows per page when unknown */
#define SAMPLE_SPARSE_MIN	20	/* non-NULL values a column needs */
#define SAMPLE_SPARSE_MAX_COLUMNS 32	/* resampled per relation, at most */
#define SAMPLE_SPARSE_WANT	100.0	/* values a second sample aims at */
#define SAMPLE_SPARSE_FACTOR	20.0	/* pages read, next to the first */

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
 * Build the sample query: the fetched columns cut to text (or only column
 * only, when it is not -1, and only its non-NULL values), from the
 * relation, through the plan. $1 is the row limit, $2 the percentage and
 * $3 the REPEATABLE seed (used when seeded). Returns 0 with the SQL in b,
 * or -1.
 */
static int
sample_build(struct sift_buf *b, PGconn *pg, const struct scan_relation *rel,
    const struct sample_plan *plan, long only, bool seeded,
    struct sift_err *err)
{
	size_t	i, pass;
	bool	first;

	/*
	 * Two levels: the inner query picks the rows, carrying the values
	 * as they are stored (a TOASTed value as its pointer); the outer one
	 * casts and cuts only the values of the rows picked, so a long
	 * value is read, and only its head, for the sample alone.
	 */
	for (pass = 0; pass < 2; pass++) {
		sift_buf_addstr(b, "SELECT ");
		first = true;
		for (i = 0; i < rel->ncols; i++) {
			if (!rel->cols[i].fetch ||
			    (only >= 0 && (size_t)only != i))
				continue;
			if (!first)
				sift_buf_addstr(b, ", ");
			first = false;
			if (pass == 0)
				sift_buf_addstr(b, "pg_catalog.left(");
			if (sample_add_ident(b, pg, rel->cols[i].name, err) != 0)
				return -1;
			if (pass == 0)
				sift_buf_printf(b, "::pg_catalog.text, %d)",
				    SCAN_MAX_VALUE_BYTES);
		}
		sift_buf_addstr(b, " FROM ");
		if (pass == 0)
			sift_buf_addch(b, '(');
	}
	if (sample_add_ident(b, pg, rel->schema, err) != 0)
		return -1;
	sift_buf_addch(b, '.');
	if (sample_add_ident(b, pg, rel->name, err) != 0)
		return -1;
	if (plan->kind != PLAN_FULL)
		sift_buf_printf(b, " TABLESAMPLE %s ($2::pg_catalog.float4)%s",
		    plan->kind == PLAN_BERNOULLI ? "BERNOULLI" : "SYSTEM",
		    seeded ? " REPEATABLE ($3::pg_catalog.float8)" : "");
	sift_buf_addstr(b, " WHERE $2::pg_catalog.float4 IS NOT NULL");
	if (only >= 0) {
		sift_buf_addstr(b, " AND ");
		if (sample_add_ident(b, pg, rel->cols[only].name, err) != 0)
			return -1;
		sift_buf_addstr(b, " IS NOT NULL");
	}
	/*
	 * ORDER BY random() sorts only what the sample (or a small table)
	 * yields, and with LIMIT it keeps just the top N rows in memory.
	 */
	sift_buf_addstr(b, " ORDER BY pg_catalog.random() "
	    "LIMIT $1::pg_catalog.int8) AS sample");
	return 0;
}

/*
 * Count the values of one streamed row into the columns' evidence.
 * cols[i] is NULL for the columns that are not fetched.
 */
static void
sample_row(const PGresult *res, int row, const struct scan_relation *rel,
    long only, struct cls_matcher *m, struct cls_column **cols)
{
	size_t	i;
	int	f = 0;

	for (i = 0; i < rel->ncols; i++) {
		if (!rel->cols[i].fetch || (only >= 0 && (size_t)only != i))
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
    long only, struct cls_matcher *m, struct cls_column **cols,
    long long *rows, struct sift_err *err)
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
				sample_row(res, i, rel, only, m, cols);
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
 * The seeds of rel's sample for opts->seed: setseed()'s, in [-1, 1], and
 * TABLESAMPLE REPEATABLE's. FNV-1a over the seed and the relation's name,
 * so they do not depend on which worker draws the sample, or when.
 */
static void
sample_seeds(const struct scan_options *opts, const struct scan_relation *rel,
    double *setseed, double *repeatable)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const unsigned char *p;
	int	i;

	for (i = 0; i < 8; i++) {
		h ^= (opts->seed >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	for (p = (const unsigned char *)rel->schema; ; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
		if (*p == '\0')
			break;
	}
	for (p = (const unsigned char *)rel->name; *p != '\0'; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	*setseed = (double)(h >> 11) / 9007199254740992.0 * 2.0 - 1.0;
	*repeatable = (double)(uint32_t)h;
}

/*
 * Run one sample query (see sample_build) and count what it returns into
 * cols. Returns 0, or -1 with err filled in.
 */
static int
sample_query(struct scan_conn *conn, const struct scan_relation *rel,
    const struct scan_options *opts, const struct sample_plan *plan,
    long only, double repeatable, struct cls_matcher *m,
    struct cls_column **cols, long long *rows, struct sift_err *err)
{
	/* int8, float4, float8: $3 need not appear in the query. */
	static const Oid types[3] = { 20, 700, 701 };
	char	limit[32], percent[32], seed[32];
	const char *params[3] = { limit, percent, seed };
	struct sift_buf sql;
	int	rc = -1;

	sift_buf_init(&sql);
	if (sample_build(&sql, conn->pg, rel, plan, only, opts->seeded,
	    err) != 0)
		goto out;
	snprintf(limit, sizeof limit, "%ld", opts->sample_rows);
	snprintf(percent, sizeof percent, "%.6f", plan->percent);
	snprintf(seed, sizeof seed, "%.0f", repeatable);
	if (!PQsendQueryParams(conn->pg, sql.data, 3, types, params, NULL, NULL,
	    0)) {
		sift_err_set(err, SIFT_E_CONNECT, "%s", PQerrorMessage(conn->pg));
		goto out;
	}
	/* "[$1 $2 $3]: SQL", so bench/bench-throughput.sh can replay it. */
	sift_log(SIFT_LOG_DEBUG, "sample query [%s %s %s]: %s", limit, percent,
	    seed, sql.data);
	rc = sample_read(conn, rel, only, m, cols, rows, err);
out:
	sift_buf_release(&sql);
	return rc;
}

/*
 * Give the sparse columns of rel a second sample of their own non-NULL
 * values (see the top of this file). Returns how many were resampled, or
 * -1 with err filled in.
 */
static int
sample_sparse(struct scan_conn *conn, const struct scan_relation *rel,
    const struct scan_options *opts, const struct sample_plan *first,
    long long first_rows, double repeatable, struct cls_matcher *m,
    struct cls_column **cols, struct sift_err *err)
{
	struct sample_plan plan;
	long long rows;
	double	seen, factor;
	size_t	i;
	int	n = 0;

	/* A whole relation read to its end left nothing unseen. */
	if (first->kind == PLAN_FULL && first_rows < opts->sample_rows)
		return 0;
	for (i = 0; i < rel->ncols && n < SAMPLE_SPARSE_MAX_COLUMNS; i++) {
		if (cols[i] == NULL ||
		    cls_column_values(cols[i]) >= SAMPLE_SPARSE_MIN ||
		    (long long)cls_column_values(cols[i]) * 2 >= first_rows)
			continue;	/* enough values, or mostly not NULL */
		plan = *first;
		if (plan.kind != PLAN_FULL) {
			seen = (double)cls_column_values(cols[i]);
			factor = SAMPLE_SPARSE_WANT / (seen > 1 ? seen : 1);
			if (factor > SAMPLE_SPARSE_FACTOR)
				factor = SAMPLE_SPARSE_FACTOR;
			plan.percent *= factor;
			if (plan.percent >= 100.0) {
				plan.kind = PLAN_FULL;
				plan.percent = 100.0;
			}
		}
		rows = 0;
		if (sample_query(conn, rel, opts, &plan, (long)i, repeatable, m,
		    cols, &rows, err) != 0)
			return -1;
		n++;
	}
	return n;
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
	double	setseed = 0, repeatable = 0;
	char	seed[32];
	const char *params[1] = { seed };
	PGresult *pr;
	size_t	i;
	bool	any = false;
	int	sparse;

	res->rows = 0;
	res->sparse = 0;
	snprintf(res->method, sizeof res->method, "none");
	for (i = 0; i < rel->ncols; i++)
		any = any || rel->cols[i].fetch;
	/*
	 * Rows are shuffled by random() in the order the scan yields them,
	 * so for a seed to draw the same sample again that order must not
	 * change: no parallel workers (their rows arrive in any order) and
	 * no synchronized scan (it starts where another scan of the table
	 * is).
	 */
	if (scan_conn_exec(conn, "BEGIN READ ONLY; "
	    "SET LOCAL max_parallel_workers_per_gather = 0; "
	    "SET LOCAL synchronize_seqscans = off", err) != 0)
		return -1;
	if (sample_plan_get(conn, rel, opts->sample_rows, &plan, err) != 0)
		goto rollback;
	sample_describe(&plan, res->method, sizeof res->method);
	if (!any) {
		snprintf(res->method, sizeof res->method, "none (no column to read)");
		return scan_conn_exec(conn, "COMMIT", err);
	}
	if (opts->seeded) {
		sample_seeds(opts, rel, &setseed, &repeatable);
		snprintf(seed, sizeof seed, "%.17g", setseed);
		pr = PQexecParams(conn->pg, "SELECT pg_catalog.setseed($1)", 1,
		    NULL, params, NULL, NULL, 0);
		if (PQresultStatus(pr) != PGRES_TUPLES_OK) {
			scan_result_error(pr, err);
			PQclear(pr);
			goto rollback;
		}
		PQclear(pr);
	}
	if (sample_query(conn, rel, opts, &plan, -1, repeatable, m, cols,
	    &res->rows, err) != 0)
		goto rollback;
	sparse = sample_sparse(conn, rel, opts, &plan, res->rows, repeatable, m,
	    cols, err);
	if (sparse < 0)
		goto rollback;
	res->sparse = sparse;
	return scan_conn_exec(conn, "COMMIT", err);
rollback:
	if (scan_conn_ok(conn))
		PQclear(PQexec(conn->pg, "ROLLBACK"));
	return -1;
}
