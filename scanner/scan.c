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
#include "scanner/pool.h"
#include "scanner/scanner-int.h"

#define SCAN_MAX_RESULTS 8	/* classifications kept per column */
#define SCAN_BATCH	200	/* relations per catalog transaction */

/* What happens to one relation, and why. */
struct scan_verdict {
	bool	sample;
	bool	error;		/* a failure, not a choice */
	char	reason[512];
};

/* The relations of a database by schema and name, for look-ups. */
struct scan_index {
	const struct scan_relation **by_name;
	size_t	n;
};

/* Order relations by schema, then name. */
static int
scan_index_cmp(const void *a, const void *b)
{
	const struct scan_relation *x = *(const struct scan_relation *const *)a;
	const struct scan_relation *y = *(const struct scan_relation *const *)b;
	int	c = strcmp(x->schema, y->schema);

	return c != 0 ? c : strcmp(x->name, y->name);
}

/* Index the relations of list by name; free with free(ix->by_name). */
static void
scan_index_build(const struct scan_relation_list *list, struct scan_index *ix)
{
	size_t	i;

	ix->n = list->n;
	ix->by_name = xcalloc(list->n + 1, sizeof *ix->by_name);
	for (i = 0; i < list->n; i++)
		ix->by_name[i] = &list->rels[i];
	qsort(ix->by_name, ix->n, sizeof *ix->by_name, scan_index_cmp);
}

/* Is the relation schema.name in the index? */
static bool
scan_listed(const struct scan_index *ix, const char *schema, const char *name)
{
	struct scan_relation key;
	const struct scan_relation *k = &key;

	memset(&key, 0, sizeof key);
	key.schema = (char *)schema;
	key.name = (char *)name;
	return bsearch(&k, ix->by_name, ix->n, sizeof *ix->by_name,
	    scan_index_cmp) != NULL;
}

/*
 * Decide whether rel is sampled. Views and foreign tables are not (a
 * view's rows are its base tables' rows, and a foreign table's come from
 * another server); a partition is sampled through its parent when the
 * parent is scanned too; an unpopulated materialized view cannot be read.
 */
static void
scan_decide(const struct scan_index *ix, const struct scan_relation *rel,
    struct scan_verdict *v)
{
	v->sample = false;
	v->error = false;
	v->reason[0] = '\0';
	if (rel->bad_name) {
		/* Its escaped name would not find it again in SQL. */
		v->error = true;
		snprintf(v->reason, sizeof v->reason, "not sampled: its name "
		    "is not valid UTF-8 (SQL_ASCII database); shown with \\xNN "
		    "escapes");
	} else if (rel->relkind == 'v')
		snprintf(v->reason, sizeof v->reason, "views are not sampled");
	else if (rel->relkind == 'f')
		snprintf(v->reason, sizeof v->reason,
		    "foreign tables are not sampled");
	else if (rel->relkind == 'm' && !rel->populated) {
		v->error = true;
		snprintf(v->reason, sizeof v->reason,
		    "materialized view has not been populated");
	} else if (rel->parent_name != NULL &&
	    scan_listed(ix, rel->parent_schema, rel->parent_name))
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
 * Has nothing that matters changed since rel was last sampled: its files
 * (a TRUNCATE, a rewrite), its rows (the statistics counters of inserted,
 * updated and deleted rows), its columns, the rule set and sample size?
 * Returns 1 with *prev_id, the record to carry forward, 0 when it must be
 * sampled, -1 on a catalog error.
 */
static int
scan_unchanged(struct catalog *cat, int64_t scan_id, int64_t source_id,
    struct scan_conn *conn, const struct scan_relation *rel,
    const char *ruleset, int64_t *prev_id, struct sift_err *err)
{
	struct catalog_previous prev;
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
	*prev_id = prev.relation_id;
	sift_log(SIFT_LOG_INFO, "unchanged \"%s\".\"%s\": carried from scan "
	    "%lld", rel->schema, rel->name, (long long)prev.sampled_scan_id);
	return 1;
}

/* What the writer needs to record the pool's results. */
struct scan_writer {
	struct catalog *cat;
	int64_t	scan_id, source_id;
	struct scan_conn *conn;
	const struct scan_options *opts;
	struct scan_stats *stats;
	size_t	done, total;		/* relations of the database recorded */
	size_t	in_batch;		/* written in the open transaction */
	bool	open;			/* a batch's transaction is open */
};

/* Count one relation done and report progress. */
static void
scan_progress(struct scan_writer *w)
{
	w->done++;
	if (w->opts->progress != NULL)
		w->opts->progress(w->conn->dbname, w->done, w->total, w->stats,
		    w->opts->progress_arg);
}

/*
 * Relations are written in batches of SCAN_BATCH, each in a savepoint of
 * its own: a rescan that carries most of them forward, or a scan of many
 * small tables, writes far fewer pages than a transaction each would.
 * Open the batch's transaction when none is open; commit a full one.
 */
static int
scan_batch_open(struct scan_writer *w, struct sift_err *err)
{
	if (w->open)
		return 0;
	if (catalog_begin(w->cat, err) != 0)
		return -1;
	w->open = true;
	w->in_batch = 0;
	return 0;
}

/* Count a relation into the open batch; commit it when full. */
static int
scan_batch_count(struct scan_writer *w, struct sift_err *err)
{
	if (++w->in_batch < SCAN_BATCH)
		return 0;
	w->open = false;
	return catalog_commit(w->cat, err);
}

/* Commit the open batch, if any. */
static int
scan_batch_close(struct scan_writer *w, struct sift_err *err)
{
	if (!w->open)
		return 0;
	w->open = false;
	return catalog_commit(w->cat, err);
}

/*
 * Record one sampled relation as the pool hands it back (a
 * scan_job_done_fn): its classifications, or why it failed.
 */
static int
scan_job_done(struct scan_job *job, void *arg, struct sift_err *err)
{
	struct scan_writer *w = arg;
	const struct scan_relation *rel = job->rel;
	struct scan_verdict v;
	int	rc;

	memset(&v, 0, sizeof v);
	v.sample = true;
	if (job->cols != NULL) {
		w->stats->sampled++;
		w->stats->rows += job->sr.rows;
		sift_log(SIFT_LOG_INFO, "sampled \"%s\".\"%s\": %lld rows (%s)%s",
		    rel->schema, rel->name, job->sr.rows, job->sr.method,
		    job->sr.sparse > 0 ? ", sparse columns sampled again" : "");
	} else if (job->interrupted) {
		scan_reason(&job->err, &v);
		w->stats->failed++;
	} else {
		scan_reason(&job->err, &v);
		w->stats->failed++;
		sift_log(SIFT_LOG_WARNING, "skipped \"%s\".\"%s\": %s",
		    rel->schema, rel->name, v.reason);
	}
	if (scan_batch_open(w, err) != 0)
		return -1;
	rc = scan_record(w->cat, w->scan_id, w->source_id, w->conn, rel,
	    job->cols, &job->sr, &v, w->opts->ruleset, w->stats, err);
	if (rc == 0)
		rc = scan_batch_count(w, err);
	scan_progress(w);
	return rc;
}

/*
 * Carry forward the relations whose earlier records are ids[0..n), in
 * one transaction, and count them done.
 */
static int
scan_carry(struct scan_writer *w, const int64_t *ids, size_t n,
    long columns, struct sift_err *err)
{
	long	classified;
	size_t	i;

	if (n == 0)
		return 0;
	if (catalog_begin(w->cat, err) != 0)
		return -1;
	if (catalog_relations_carry(w->cat, w->scan_id, ids, n, &classified,
	    err) != 0) {
		catalog_rollback(w->cat);
		return -1;
	}
	if (catalog_commit(w->cat, err) != 0)
		return -1;
	w->stats->carried += (long)n;
	w->stats->columns += columns;
	w->stats->classified += classified;
	for (i = 0; i < n; i++)
		scan_progress(w);
	return 0;
}

/*
 * The first pass over a database's relations, on the scan's thread:
 * record those that are not sampled (views, foreign tables, partitions
 * sampled through their parent), carry forward those unchanged since
 * their last sample, all at once, and put the others in jobs, *njobs of
 * them.
 */
static int
scan_settle(struct scan_writer *w, const struct scan_relation_list *list,
    struct scan_job *jobs, size_t *njobs, struct sift_err *err)
{
	struct scan_index ix;
	struct scan_verdict v;
	int64_t	*carry, prev_id;
	size_t	i, ncarry = 0;
	long	carry_cols = 0;
	int	rc = 0;

	*njobs = 0;
	carry = xcalloc(list->n + 1, sizeof *carry);
	scan_index_build(list, &ix);
	for (i = 0; rc == 0 && i < list->n; i++) {
		const struct scan_relation *rel = &list->rels[i];

		scan_decide(&ix, rel, &v);
		if (w->opts->resume) {
			/* Done before the interruption: left as it is. */
			rc = catalog_relation_done(w->cat, w->scan_id,
			    w->source_id, w->conn->dbname, rel->schema,
			    rel->name, SCAN_NOT_SCANNED, err);
			if (rc < 0)
				break;
			if (rc == 1) {
				w->stats->resumed++;
				scan_progress(w);
				rc = 0;
				continue;
			}
		}
		if (v.sample && !w->opts->full) {
			rc = scan_unchanged(w->cat, w->scan_id, w->source_id,
			    w->conn, rel, w->opts->ruleset, &prev_id, err);
			if (rc < 0)
				break;
			if (rc == 1) {
				carry[ncarry++] = prev_id;
				carry_cols += (long)rel->ncols;
				rc = 0;
				continue;
			}
		}
		if (v.sample) {
			memset(&jobs[*njobs], 0, sizeof jobs[*njobs]);
			jobs[*njobs].rel = rel;
			jobs[*njobs].index = i;
			(*njobs)++;
			continue;
		}
		if (v.error) {
			w->stats->failed++;
			sift_log(SIFT_LOG_WARNING, "skipped \"%s\".\"%s\": %s",
			    rel->schema, rel->name, v.reason);
		} else
			w->stats->skipped++;
		if (scan_batch_open(w, err) != 0) {
			rc = -1;
			break;
		}
		rc = scan_record(w->cat, w->scan_id, w->source_id, w->conn, rel,
		    NULL, NULL, &v, w->opts->ruleset, w->stats, err);
		if (rc == 0)
			rc = scan_batch_count(w, err);
		scan_progress(w);
	}
	free(ix.by_name);
	if (rc == 0)
		rc = scan_batch_close(w, err);
	else
		scan_batch_close(w, &(struct sift_err){ 0 });
	if (rc == 0)
		rc = scan_carry(w, carry, ncarry, carry_cols, err);
	free(carry);
	return rc;
}

/* A catalog step over one database of the scan. */
typedef int (*scan_db_step_fn)(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err);

/*
 * Run one step over a database of the scan in a transaction of its own:
 * catalog_reviews_apply() or catalog_lineage_propagate(). Returns 0, or
 * -1 with err filled in (the step undone).
 */
static int
scan_db_step(scan_db_step_fn step, struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err)
{
	if (catalog_begin(cat, err) != 0)
		return -1;
	if (step(cat, scan_id, source_id, database, err) != 0) {
		catalog_rollback(cat);
		return -1;
	}
	return catalog_commit(cat, err);
}

/* Record how the session reached the database (catalog "connections"). */
static int
scan_put_connection(struct catalog *cat, int64_t scan_id, int64_t source_id,
    const struct scan_conn *conn, struct sift_err *err)
{
	const struct scan_transport *t = &conn->transport;
	struct catalog_connection c;

	memset(&c, 0, sizeof c);
	c.scan_id = scan_id;
	c.source_id = source_id;
	c.database = conn->dbname;
	c.host = t->host;
	c.local = t->local;
	c.tls = t->tls;
	c.tls_version = t->tls_version;
	c.tls_cipher = t->tls_cipher;
	c.server_verified = t->verified;
	if (!t->local && !t->tls)
		sift_log(SIFT_LOG_WARNING, "database \"%s\" on %s was reached "
		    "without TLS (--allow-insecure)", conn->dbname, t->host);
	return catalog_connection_put(cat, &c, err);
}

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
	struct scan_writer w;
	struct scan_job *jobs;
	size_t	njobs = 0;
	int	rc;

	memset(&w, 0, sizeof w);
	w.cat = cat;
	w.scan_id = scan_id;
	w.conn = conn;
	w.opts = opts;
	w.stats = stats;
	if (catalog_source_put(cat, conn->source_name, conn->target,
	    &w.source_id, err) != 0 ||
	    scan_put_connection(cat, scan_id, w.source_id, conn, err) != 0)
		return -1;
	if (scan_discover(conn, opts, &list, err) != 0)
		return -1;
	stats->relations += (long)list.n;
	w.total = list.n;
	jobs = xcalloc(list.n + 1, sizeof *jobs);
	rc = scan_settle(&w, &list, jobs, &njobs, err);
	/* Sample what must be, with the pool's workers, writing here. */
	if (rc == 0) {
		rc = scan_pool_run(conn, engine, opts, jobs, njobs,
		    scan_job_done, &w, err);
		if (scan_batch_close(&w, rc == 0 ? err :
		    &(struct sift_err){ 0 }) != 0)
			rc = -1;
	}
	if (rc == 0 && scan_interrupted())
		rc = sift_err_set(err, SIFT_E_INTERRUPTED, "interrupted while "
		    "scanning database \"%s\"", conn->dbname);
	/* The scan's own session is needed once more, for lineage. */
	if (rc == 0 && !scan_conn_ok(conn) &&
	    scan_conn_reconnect(conn, opts, err) != 0)
		rc = sift_err_set(err, SIFT_E_CONNECT,
		    "lost the connection to database \"%s\"", conn->dbname);
	/* What the earlier scan saw and this one did not is removed. */
	if (rc == 0) {
		long	removed = catalog_mark_removed(cat, scan_id,
		    w.source_id, conn->dbname, scan_wanted_cb, (void *)opts, err);

		if (removed < 0)
			rc = -1;
		else
			stats->removed += removed;
	}
	/*
	 * Reviewers' decisions, then lineage once every relation is in the
	 * catalog, classifications carried along it, then the decisions
	 * again for what lineage brought.
	 */
	if (rc == 0 && scan_db_step(catalog_reviews_apply, cat, scan_id,
	    w.source_id, conn->dbname, err) != 0)
		rc = -1;
	if (rc == 0 && lin_record(conn, cat, scan_id, w.source_id, &list,
	    err) != 0) {
		if (err->code == SIFT_E_CATALOG)
			rc = -1;
		else if (scan_conn_lost(conn, err)) {
			/* Our session died quietly while the workers sampled. */
			rc = sift_err_prefix(err, "lost the connection to "
			    "database \"%s\"", conn->dbname);
			err->code = SIFT_E_CONNECT;
		} else {
			sift_log(SIFT_LOG_WARNING, "lineage of database \"%s\" "
			    "not read: %s", conn->dbname, err->msg);
			stats->failed++;
			sift_err_clear(err);
		}
	}
	if (rc == 0 && (scan_db_step(catalog_lineage_propagate, cat, scan_id,
	    w.source_id, conn->dbname, err) != 0 ||
	    scan_db_step(catalog_reviews_apply, cat, scan_id, w.source_id,
	    conn->dbname, err) != 0))
		rc = -1;
	free(jobs);
	scan_relation_list_release(&list);
	return rc;
}
