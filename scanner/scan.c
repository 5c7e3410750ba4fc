/*
 * scanner/scan.c: scanning one database into the catalog.
 *
 * For each relation discovery found: decide whether to sample it, sample
 * it, let the classifiers decide on each column, and write the relation,
 * its columns and their classifications to the catalog in one
 * transaction, so a relation is in the catalog whole or not at all.
 * Relations that cannot be read are recorded as skipped with the reason;
 * the scan goes on.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/lineage.h"
#include "scanner/scanner-int.h"

#define SCAN_MAX_RESULTS 8	/* classifications kept per column */

/* What happens to one relation, and why. */
struct scan_verdict {
	bool	sample;
	bool	error;		/* a failure, not a choice */
	char	reason[512];
};

/* Is the relation schema.name in list? */
static bool
scan_listed(const struct scan_relation_list *list, const char *schema,
    const char *name)
{
	size_t	i;

	for (i = 0; i < list->n; i++) {
		if (strcmp(list->rels[i].schema, schema) == 0 &&
		    strcmp(list->rels[i].name, name) == 0)
			return true;
	}
	return false;
}

/*
 * Decide whether rel is sampled. Views and foreign tables are not (a
 * view's rows are its base tables' rows, and a foreign table's come from
 * another server); a partition is sampled through its parent when the
 * parent is scanned too; an unpopulated materialized view cannot be read.
 */
static void
scan_decide(const struct scan_relation_list *list,
    const struct scan_relation *rel, struct scan_verdict *v)
{
	v->sample = false;
	v->error = false;
	v->reason[0] = '\0';
	if (rel->relkind == 'v')
		snprintf(v->reason, sizeof v->reason, "views are not sampled");
	else if (rel->relkind == 'f')
		snprintf(v->reason, sizeof v->reason,
		    "foreign tables are not sampled");
	else if (rel->relkind == 'm' && !rel->populated) {
		v->error = true;
		snprintf(v->reason, sizeof v->reason,
		    "materialized view has not been populated");
	} else if (rel->parent_name != NULL &&
	    scan_listed(list, rel->parent_schema, rel->parent_name))
		snprintf(v->reason, sizeof v->reason,
		    "partition of \"%s\".\"%s\": sampled through its parent",
		    rel->parent_schema, rel->parent_name);
	else
		v->sample = true;
}

/* The masked examples of a result as a JSON array of strings. */
static void
scan_examples_json(const struct cls_result *r, char *out, size_t size)
{
	size_t	i, n = 0;
	const char *p;

	n += (size_t)snprintf(out + n, size - n, "[");
	for (i = 0; i < r->nexamples && n + 8 < size; i++) {
		n += (size_t)snprintf(out + n, size - n, "%s\"", i ? "," : "");
		for (p = r->examples[i]; *p != '\0' && n + 4 < size; p++) {
			if (*p == '"' || *p == '\\')
				out[n++] = '\\';
			out[n++] = (unsigned char)*p < 0x20 ? ' ' : *p;
		}
		n += (size_t)snprintf(out + n, size - n, "\"");
	}
	snprintf(out + n, size - n, "]");
}

/*
 * Write the classifications of one column from its evidence. Returns 0,
 * or -1 with err filled in; *classified tells whether any was written.
 */
static int
scan_put_results(struct catalog *cat, int64_t column_id,
    const struct cls_column *col, bool *classified, struct sift_err *err)
{
	struct cls_result results[SCAN_MAX_RESULTS];
	struct catalog_classification c;
	char	evidence[64], examples[CLS_MAX_EXAMPLES * CLS_EXAMPLE_LEN * 2 + 8];
	size_t	i, n;

	n = cls_column_decide(col, results, SCAN_MAX_RESULTS);
	*classified = n > 0;
	for (i = 0; i < n; i++) {
		const struct cls_result *r = &results[i];

		snprintf(evidence, sizeof evidence, "%s%s%s%s%s",
		    r->ev_values ? "values" : "",
		    r->ev_values && (r->ev_name || r->ev_text) ? "," : "",
		    r->ev_text ? "free_text" : "",
		    r->ev_text && r->ev_name ? "," : "",
		    r->ev_name ? "column_name" : "");
		c.column_id = column_id;
		c.type = cls_type_id(r->type);
		c.likelihood = cls_likelihood_name(r->likelihood);
		c.score = r->score;
		c.match_ratio = r->match_ratio;
		c.values = (long long)r->values;
		c.matched = (long long)r->matched;
		c.validated = (long long)r->validated;
		c.distinct_count = (long long)r->distinct;
		c.evidence = evidence;
		c.name_tokens = r->name_tokens;
		c.sensitivity = cls_sensitivity_name(r->sensitivity);
		scan_examples_json(r, examples, sizeof examples);
		c.examples = examples;
		if (catalog_classification_put(cat, &c, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * Record a column and, when it was sampled (col not NULL), its
 * classifications; a json or jsonb column's paths follow, each as a
 * column of its own under the column's attnum.
 */
static int
scan_put_column(struct catalog *cat, const struct catalog_column *c,
    const struct cls_column *col, struct scan_stats *stats,
    struct sift_err *err)
{
	struct catalog_column pc;
	const struct cls_column *p;
	const char *path, *full, *type;
	int64_t	col_id;
	bool	classified;
	size_t	i;

	if (catalog_column_put(cat, c, &col_id, err) != 0)
		return -1;
	stats->columns++;
	if (col == NULL)
		return 0;
	if (scan_put_results(cat, col_id, col, &classified, err) != 0)
		return -1;
	if (classified)
		stats->classified++;
	for (i = 0; i < cls_column_paths(col); i++) {
		p = cls_column_path(col, i, &path, &full, &type);
		pc = *c;
		pc.name = full;
		pc.path = path;
		pc.data_type = type;
		pc.not_null = false;
		pc.values_sampled = (long long)cls_column_values(p);
		if (scan_put_column(cat, &pc, p, stats, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * Record rel, its columns and, when it was sampled, their
 * classifications, in one catalog transaction. cols is NULL when the
 * relation was not sampled; v says why.
 */
static int
scan_record(struct catalog *cat, int64_t scan_id, int64_t source_id,
    struct scan_conn *conn, const struct scan_relation *rel,
    struct cls_column **cols, const struct scan_sample_result *sr,
    const struct scan_verdict *v, const char *ruleset,
    struct scan_stats *stats, struct sift_err *err)
{
	struct catalog_relation r;
	struct catalog_column c;
	int64_t	rel_id;
	size_t	i;

	if (catalog_begin(cat, err) != 0)
		return -1;
	memset(&r, 0, sizeof r);
	r.scan_id = scan_id;
	r.source_id = source_id;
	r.database = conn->dbname;
	r.schema = rel->schema;
	r.name = rel->name;
	r.kind = scan_relkind_name(rel->relkind);
	r.parent_schema = rel->parent_schema;
	r.parent_name = rel->parent_name;
	r.reltuples = rel->reltuples;
	r.rows_sampled = cols ? sr->rows : -1;
	r.sample_method = cols ? sr->method : NULL;
	r.relfilenode = rel->relfilenode;
	r.mod_count = rel->mod_count;
	r.col_hash = rel->col_hash;
	r.ruleset = ruleset;
	if (catalog_relation_put(cat, &r, &rel_id, err) != 0)
		goto fail;
	if (cols == NULL &&
	    catalog_relation_skip(cat, rel_id, v->reason, v->error, err) != 0)
		goto fail;
	for (i = 0; i < rel->ncols; i++) {
		c.path = NULL;
		c.relation_id = rel_id;
		c.name = rel->cols[i].name;
		c.attnum = rel->cols[i].attnum;
		c.data_type = rel->cols[i].data_type;
		c.not_null = rel->cols[i].not_null;
		c.values_sampled = cols && cols[i] ?
		    (long long)cls_column_values(cols[i]) : -1;
		if (scan_put_column(cat, &c, cols ? cols[i] : NULL, stats,
		    err) != 0)
			goto fail;
	}
	return catalog_commit(cat, err);
fail:
	catalog_rollback(cat);
	return -1;
}

/*
 * Turn a failed sample into a skip reason: the server's message with its
 * SQLSTATE, so permission, timeout and lock failures can be told apart.
 */
static void
scan_reason(const struct sift_err *e, struct scan_verdict *v)
{
	v->sample = false;
	v->error = true;
	if (e->sqlstate[0] != '\0')
		snprintf(v->reason, sizeof v->reason, "%.480s (SQLSTATE %.5s)",
		    e->msg, e->sqlstate);
	else
		snprintf(v->reason, sizeof v->reason, "%s", e->msg);
}

/*
 * Carry rel forward when nothing that matters changed since it was last
 * sampled: its files (a TRUNCATE, a rewrite), its rows (the statistics
 * counters of inserted, updated and deleted rows), its columns, the rule
 * set and sample size. Returns 1 when carried, 0 when it must be sampled,
 * -1 on a catalog error.
 */
static int
scan_carry(struct catalog *cat, int64_t scan_id, int64_t source_id,
    struct scan_conn *conn, const struct scan_relation *rel,
    const char *ruleset, struct scan_stats *stats, struct sift_err *err)
{
	struct catalog_previous prev;
	int64_t	rel_id;
	long	classified;
	int	rc;

	rc = catalog_relation_previous(cat, scan_id, source_id, conn->dbname,
	    rel->schema, rel->name, &prev, err);
	if (rc <= 0)
		return rc;
	if (prev.removed || prev.sampled_scan_id == 0 || rel->mod_count < 0 ||
	    prev.mod_count != rel->mod_count ||
	    prev.relfilenode != rel->relfilenode ||
	    strcmp(prev.col_hash, rel->col_hash) != 0 || ruleset == NULL ||
	    strcmp(prev.ruleset, ruleset) != 0)
		return 0;
	if (catalog_begin(cat, err) != 0)
		return -1;
	if (catalog_relation_carry(cat, prev.relation_id, scan_id, &rel_id,
	    &classified, err) != 0) {
		catalog_rollback(cat);
		return -1;
	}
	if (catalog_commit(cat, err) != 0)
		return -1;
	stats->carried++;
	stats->columns += (long)rel->ncols;
	stats->classified += classified;
	sift_log(SIFT_LOG_INFO, "unchanged \"%s\".\"%s\": carried from scan "
	    "%lld", rel->schema, rel->name, (long long)prev.sampled_scan_id);
	return 1;
}

/*
 * Sample and record one relation. Returns 0 (also when it was skipped),
 * or -1 when the scan of this database cannot go on: the connection was
 * lost (err SIFT_E_CONNECT) or the catalog failed.
 */
static int
scan_one(struct catalog *cat, int64_t scan_id, int64_t source_id,
    const struct cls_engine *engine, struct cls_matcher *m,
    struct scan_conn *conn, const struct scan_relation_list *list,
    const struct scan_relation *rel, const struct scan_options *opts,
    struct scan_stats *stats, struct sift_err *err)
{
	struct scan_sample_result sr;
	struct scan_verdict v;
	struct cls_column **cols = NULL;
	struct sift_err serr;
	size_t	i;
	int	rc;

	scan_decide(list, rel, &v);
	if (v.sample && !opts->full) {
		rc = scan_carry(cat, scan_id, source_id, conn, rel,
		    opts->ruleset, stats, err);
		if (rc != 0)
			return rc < 0 ? -1 : 0;	/* carried, or failed */
	}
	if (v.sample) {
		cols = xcalloc(rel->ncols + 1, sizeof *cols);
		for (i = 0; i < rel->ncols; i++) {
			if (rel->cols[i].fetch) {
				cols[i] = cls_column_new(engine,
				    rel->cols[i].name, rel->cols[i].data_type);
				cls_column_set_examples(cols[i],
				    (size_t)opts->examples);
			}
		}
		sift_err_clear(&serr);
		if (scan_relation_sample(conn, rel, opts, m, cols, &sr,
		    &serr) != 0) {
			scan_reason(&serr, &v);
			for (i = 0; i < rel->ncols; i++)
				cls_column_free(cols[i]);
			free(cols);
			cols = NULL;
			if (!scan_conn_ok(conn)) {
				*err = serr;
				err->code = SIFT_E_CONNECT;
			}
		}
	}
	if (cols != NULL) {
		stats->sampled++;
		stats->rows += sr.rows;
		sift_log(SIFT_LOG_INFO, "sampled \"%s\".\"%s\": %lld rows (%s)",
		    rel->schema, rel->name, sr.rows, sr.method);
	} else if (v.error) {
		stats->failed++;
		sift_log(SIFT_LOG_WARNING, "skipped \"%s\".\"%s\": %s",
		    rel->schema, rel->name, v.reason);
	} else
		stats->skipped++;
	rc = scan_record(cat, scan_id, source_id, conn, rel, cols, &sr, &v,
	    opts->ruleset, stats, err);
	if (cols != NULL) {
		for (i = 0; i < rel->ncols; i++)
			cls_column_free(cols[i]);
		free(cols);
	}
	if (rc == 0 && !scan_conn_ok(conn))
		return sift_err_set(err, SIFT_E_CONNECT,
		    "lost the connection to database \"%s\"", conn->dbname);
	return rc;
}

/* Apply the reviews to one database of the scan, in a transaction. */
static int
scan_reviews(struct catalog *cat, int64_t scan_id, int64_t source_id,
    const char *database, struct sift_err *err)
{
	if (catalog_begin(cat, err) != 0)
		return -1;
	if (catalog_reviews_apply(cat, scan_id, source_id, database,
	    err) != 0) {
		catalog_rollback(cat);
		return -1;
	}
	return catalog_commit(cat, err);
}

#define SCAN_BATCH	200	/* relations per catalog transaction */

/* scan_wanted() as the catalog calls it. */
static bool
scan_wanted_cb(const char *schema, const char *name, void *arg)
{
	return scan_wanted(arg, schema, name);
}

/* Scan one connected database into the catalog (see scanner.h). */
int
scan_database(struct catalog *cat, int64_t scan_id,
    const struct cls_engine *engine, struct scan_conn *conn,
    const struct scan_options *opts, struct scan_stats *stats,
    struct sift_err *err)
{
	struct scan_relation_list list;
	struct scan_verdict lost;
	struct cls_matcher *m;
	int64_t	source_id;
	size_t	i;
	int	rc = 0;

	if (catalog_source_put(cat, conn->source_name, conn->target,
	    &source_id, err) != 0)
		return -1;
	if (scan_discover(conn, opts, &list, err) != 0)
		return -1;
	stats->relations += (long)list.n;
	m = cls_matcher_new(engine);
	/*
	 * Relations are written in batches of SCAN_BATCH, each relation
	 * in a savepoint of its own: a rescan that carries most of them
	 * forward writes far fewer pages than one transaction each would.
	 */
	for (i = 0; i < list.n; i++) {
		if (i % SCAN_BATCH == 0 && (catalog_begin(cat, err) != 0)) {
			rc = -1;
			break;
		}
		rc = scan_one(cat, scan_id, source_id, engine, m, conn, &list,
		    &list.rels[i], opts, stats, err);
		if (opts->progress != NULL)
			opts->progress(conn->dbname, i + 1, list.n, stats,
			    opts->progress_arg);
		if (rc != 0) {
			catalog_commit(cat, &(struct sift_err){ 0 });
			break;
		}
		if ((i + 1) % SCAN_BATCH == 0 || i + 1 == list.n) {
			if (catalog_commit(cat, err) != 0) {
				rc = -1;
				break;
			}
		}
	}
	/* What the earlier scan saw and this one did not is removed. */
	if (rc == 0) {
		long	removed = catalog_mark_removed(cat, scan_id, source_id,
		    conn->dbname, scan_wanted_cb, (void *)opts, err);

		if (removed < 0)
			rc = -1;
		else
			stats->removed += removed;
	}
	/*
	 * Reviewers' decisions, then lineage once every relation is in the
	 * catalog, then the decisions again for what lineage brought.
	 */
	if (rc == 0 && scan_reviews(cat, scan_id, source_id, conn->dbname,
	    err) != 0)
		rc = -1;
	if (rc == 0 && lin_record(conn, cat, scan_id, source_id, &list,
	    err) != 0) {
		if (err->code == SIFT_E_CATALOG || !scan_conn_ok(conn))
			rc = -1;
		else {
			sift_log(SIFT_LOG_WARNING, "lineage of database \"%s\" "
			    "not read: %s", conn->dbname, err->msg);
			stats->failed++;
			sift_err_clear(err);
		}
	}
	if (rc == 0 && scan_reviews(cat, scan_id, source_id, conn->dbname,
	    err) != 0)
		rc = -1;
	/* After a lost connection, record what was not reached as failed. */
	if (rc != 0 && err->code == SIFT_E_CONNECT) {
		lost.sample = false;
		lost.error = true;
		snprintf(lost.reason, sizeof lost.reason,
		    "not scanned: the connection was lost");
		for (i++; i < list.n; i++) {
			struct sift_err cerr;

			stats->failed++;
			if (scan_record(cat, scan_id, source_id, conn,
			    &list.rels[i], NULL, NULL, &lost, opts->ruleset, stats,
			    &cerr) != 0)
				break;
		}
	}
	cls_matcher_free(m);
	scan_relation_list_release(&list);
	return rc;
}
