/*
 * scanner/scan.c: scanning a run's databases into the catalog.
 *
 * Each database is first settled on its own session, in the calling
 * thread: discovered, its relations that are not sampled recorded, those
 * unchanged since an earlier scan carried forward, its lineage recorded;
 * then that session is closed, and the relations to sample join the
 * run's one queue (pool.c). Once every database is queued, the workers
 * sample them, and the calling thread records each as it comes back,
 * deciding on each column: the relation, its columns and their
 * classifications go to the catalog in one transaction (a savepoint of a
 * batch), so a relation is in the catalog whole or not at all. Relations
 * that cannot be read are recorded as skipped with the reason; the scan
 * goes on. Once a database's last relation is recorded, its last steps
 * follow (scan_finish()).
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

/* A run's databases, and the catalog transaction results are written in. */
struct scan_queue {
	struct scan_pool *pool;
	struct catalog *cat;
	int64_t	scan_id;
	struct scan_stats *stats;
	scan_queue_done_fn done;
	void   *arg;
	struct scan_db **dbs;
	size_t	ndbs;
	size_t	in_batch;		/* written in the open transaction */
	bool	open;			/* a batch's transaction is open */
	size_t	recorded;		/* relations of the run recorded */
};

/* One database of a run: what the writer needs to record it. */
struct scan_db {
	struct scan_queue *q;
	int64_t	source_id;
	struct scan_conn *conn;		/* its session: closed once settled */
	struct scan_options opts;	/* the caller's, copied */
	char   *ruleset;		/* opts.ruleset, copied */
	const char **patterns[5];	/* opts' pattern arrays, copied */
	struct scan_relation_list list;
	struct scan_job *jobs;
	size_t	njobs;
	size_t	interrupted, lost;	/* jobs not sampled for these */
	bool	broken;			/* its session was lost before sampling */
	char	why[512];		/* and why */
};

/* Count one relation of the run recorded, and report progress. */
static void
scan_progress(struct scan_db *db)
{
	struct scan_queue *q = db->q;

	q->recorded++;
	if (db->opts.progress != NULL)
		db->opts.progress(db->conn->dbname, q->recorded,
		    (size_t)q->stats->relations, q->stats,
		    db->opts.progress_arg);
}

/*
 * Relations are written in batches of SCAN_BATCH, each in a savepoint of
 * its own: a rescan that carries most of them forward, or a scan of many
 * small tables, writes far fewer pages than a transaction each would.
 * A batch may hold relations of several databases. Open the batch's
 * transaction when none is open; commit a full one.
 */
static int
scan_batch_open(struct scan_queue *q, struct sift_err *err)
{
	if (q->open)
		return 0;
	if (catalog_begin(q->cat, err) != 0)
		return -1;
	q->open = true;
	q->in_batch = 0;
	return 0;
}

/* Count a relation into the open batch; commit it when full. */
static int
scan_batch_count(struct scan_queue *q, struct sift_err *err)
{
	if (++q->in_batch < SCAN_BATCH)
		return 0;
	q->open = false;
	return catalog_commit(q->cat, err);
}

/* Commit the open batch, if any. */
static int
scan_batch_close(struct scan_queue *q, struct sift_err *err)
{
	if (!q->open)
		return 0;
	q->open = false;
	return catalog_commit(q->cat, err);
}

/*
 * Record one sampled relation as the pool hands it back (a
 * scan_job_done_fn): its classifications, or why it failed.
 */
static int
scan_job_done(struct scan_job *job, void *arg, struct sift_err *err)
{
	struct scan_db *db = arg;
	struct scan_queue *q = db->q;
	const struct scan_relation *rel = job->rel;
	struct scan_verdict v;
	int	rc;

	memset(&v, 0, sizeof v);
	v.sample = true;
	if (job->cols != NULL) {
		q->stats->sampled++;
		q->stats->rows += job->sr.rows;
		sift_log(SIFT_LOG_INFO, "sampled \"%s\".\"%s\": %lld rows (%s)%s",
		    rel->schema, rel->name, job->sr.rows, job->sr.method,
		    job->sr.sparse > 0 ? ", sparse columns sampled again" : "");
	} else if (job->interrupted) {
		scan_reason(&job->err, &v);
		q->stats->failed++;
		db->interrupted++;
	} else {
		scan_reason(&job->err, &v);
		q->stats->failed++;
		if (job->lost)
			db->lost++;
		sift_log(SIFT_LOG_WARNING, "skipped \"%s\".\"%s\": %s",
		    rel->schema, rel->name, v.reason);
	}
	if (scan_batch_open(q, err) != 0)
		return -1;
	rc = scan_record(q->cat, q->scan_id, db->source_id, db->conn, rel,
	    job->cols, &job->sr, &v, db->opts.ruleset, q->stats, err);
	if (rc == 0)
		rc = scan_batch_count(q, err);
	scan_progress(db);
	return rc;
}

/*
 * Carry forward the relations whose earlier records are ids[0..n), in
 * one transaction, and count them done.
 */
static int
scan_carry(struct scan_db *db, const int64_t *ids, size_t n, long columns,
    struct sift_err *err)
{
	struct scan_queue *q = db->q;
	long	classified;
	size_t	i;

	if (n == 0)
		return 0;
	if (catalog_begin(q->cat, err) != 0)
		return -1;
	if (catalog_relations_carry(q->cat, q->scan_id, ids, n, &classified,
	    err) != 0) {
		catalog_rollback(q->cat);
		return -1;
	}
	if (catalog_commit(q->cat, err) != 0)
		return -1;
	q->stats->carried += (long)n;
	q->stats->columns += columns;
	q->stats->classified += classified;
	for (i = 0; i < n; i++)
		scan_progress(db);
	return 0;
}

/*
 * The first pass over a database's relations, on the scan's thread:
 * record those that are not sampled (views, foreign tables, partitions
 * sampled through their parent), carry forward those unchanged since
 * their last sample, all at once, and put the others in db->jobs.
 */
static int
scan_settle(struct scan_db *db, struct sift_err *err)
{
	struct scan_queue *q = db->q;
	const struct scan_relation_list *list = &db->list;
	const char *dbname = db->conn->dbname;
	struct scan_index ix;
	struct scan_verdict v;
	int64_t	*carry, prev_id;
	size_t	i, ncarry = 0;
	long	carry_cols = 0;
	int	rc = 0;

	db->njobs = 0;
	carry = xcalloc(list->n + 1, sizeof *carry);
	scan_index_build(list, &ix);
	for (i = 0; rc == 0 && i < list->n; i++) {
		const struct scan_relation *rel = &list->rels[i];

		scan_decide(&ix, rel, &v);
		if (db->opts.resume) {
			/* Done before the interruption: left as it is. */
			rc = catalog_relation_done(q->cat, q->scan_id,
			    db->source_id, dbname, rel->schema, rel->name,
			    SCAN_NOT_SCANNED, err);
			if (rc < 0)
				break;
			if (rc == 1) {
				q->stats->resumed++;
				scan_progress(db);
				rc = 0;
				continue;
			}
		}
		if (v.sample && !db->opts.full) {
			rc = scan_unchanged(q->cat, q->scan_id, db->source_id,
			    db->conn, rel, db->opts.ruleset, &prev_id, err);
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
			memset(&db->jobs[db->njobs], 0, sizeof *db->jobs);
			db->jobs[db->njobs].rel = rel;
			db->jobs[db->njobs].index = i;
			db->njobs++;
			continue;
		}
		if (v.error) {
			q->stats->failed++;
			sift_log(SIFT_LOG_WARNING, "skipped \"%s\".\"%s\": %s",
			    rel->schema, rel->name, v.reason);
		} else
			q->stats->skipped++;
		if (scan_batch_open(q, err) != 0) {
			rc = -1;
			break;
		}
		rc = scan_record(q->cat, q->scan_id, db->source_id, db->conn,
		    rel, NULL, NULL, &v, db->opts.ruleset, q->stats, err);
		if (rc == 0)
			rc = scan_batch_count(q, err);
		scan_progress(db);
	}
	free(ix.by_name);
	if (rc == 0)
		rc = scan_batch_close(q, err);
	else
		scan_batch_close(q, &(struct sift_err){ 0 });
	if (rc == 0)
		rc = scan_carry(db, carry, ncarry, carry_cols, err);
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

/*
 * The last steps of a database whose every relation is recorded: what
 * the earlier scan saw and this one did not is marked removed; then the
 * reviewers' decisions, classifications carried along the lineage
 * (recorded before sampling), and the decisions again for what lineage
 * brought. Returns 0, or -1 with err filled in.
 */
static int
scan_finish(struct scan_db *db, struct sift_err *err)
{
	struct scan_queue *q = db->q;
	const char *dbname = db->conn->dbname;
	long	removed;

	removed = catalog_mark_removed(q->cat, q->scan_id, db->source_id,
	    dbname, scan_wanted_cb, &db->opts, err);
	if (removed < 0)
		return -1;
	q->stats->removed += removed;
	if (scan_db_step(catalog_reviews_apply, q->cat, q->scan_id,
	    db->source_id, dbname, err) != 0 ||
	    scan_db_step(catalog_lineage_propagate, q->cat, q->scan_id,
	    db->source_id, dbname, err) != 0)
		return -1;
	return scan_db_step(catalog_reviews_apply, q->cat, q->scan_id,
	    db->source_id, dbname, err);
}

/* Does an error end the whole run (the catalog failed)? */
static bool
scan_fatal(const struct sift_err *err)
{
	return err->code == SIFT_E_CATALOG || err->code == SIFT_E_IO;
}

/*
 * A database is over, every relation handed back (a scan_db_end_fn):
 * finish it, unless it was interrupted or lost its connection, and tell
 * the queue's owner how it went. Returns -1 with err only when the
 * catalog failed.
 */
static int
scan_db_end(void *arg, struct sift_err *err)
{
	struct scan_db *db = arg;
	struct scan_queue *q = db->q;
	const char *dbname = db->conn->dbname;
	struct sift_err e;
	int	rc;

	if (scan_batch_close(q, err) != 0)
		return -1;
	sift_err_clear(&e);
	if (db->interrupted > 0)
		rc = sift_err_set(&e, SIFT_E_INTERRUPTED, "interrupted while "
		    "scanning database \"%s\"", dbname);
	else if (db->broken)
		rc = sift_err_set(&e, SIFT_E_CONNECT, "lost the connection to "
		    "database \"%s\": %s", dbname, db->why);
	else if (db->lost > 0)
		rc = sift_err_set(&e, SIFT_E_CONNECT, "lost the connection to "
		    "database \"%s\"", dbname);
	else
		rc = scan_finish(db, &e);
	if (rc != 0 && scan_fatal(&e)) {
		*err = e;
		return -1;
	}
	q->done(dbname, rc == 0 ? NULL : &e, q->arg);
	return 0;
}

/* A queue for a run's databases (see scanner.h). */
struct scan_queue *
scan_queue_new(const struct cls_engine *engine, int jobs,
    struct scan_stats *stats, scan_queue_done_fn done, void *arg)
{
	struct scan_queue *q = xcalloc(1, sizeof *q);

	q->pool = scan_pool_new(engine, jobs);
	q->stats = stats;
	q->done = done;
	q->arg = arg;
	return q;
}

/* A copy of a pattern list's array; the strings stay borrowed. */
static void
scan_patterns_copy(struct scan_patterns *p, const char ***owned)
{
	const char **v;

	*owned = NULL;
	if (p->n == 0)
		return;
	v = xcalloc(p->n, sizeof *v);
	memcpy(v, p->items, p->n * sizeof *v);
	p->items = v;
	*owned = v;
}

/* Keep the caller's options for the database: they outlive the call. */
static void
scan_db_options(struct scan_db *db, const struct scan_options *opts)
{
	struct scan_patterns *pats[5];
	size_t	i;

	db->opts = *opts;
	pats[0] = &db->opts.schemas;
	pats[1] = &db->opts.exclude_schemas;
	pats[2] = &db->opts.tables;
	pats[3] = &db->opts.exclude_tables;
	pats[4] = &db->opts.exclude_columns;
	for (i = 0; i < 5; i++)
		scan_patterns_copy(pats[i], &db->patterns[i]);
	db->ruleset = opts->ruleset != NULL ? xstrdup(opts->ruleset) : NULL;
	db->opts.ruleset = db->ruleset;
	/* Sessions name their database and source from conn. */
	db->opts.dbname = NULL;
	db->opts.source_name = NULL;
}

/*
 * Read the lineage of the database while its session is open. A session
 * lost on the way leaves the database broken: its relations are not
 * sampled, and it ends as having lost its connection. Returns -1 only
 * when the catalog failed.
 */
static int
scan_lineage(struct scan_db *db, struct sift_err *err)
{
	struct scan_queue *q = db->q;

	if (lin_record(db->conn, q->cat, q->scan_id, db->source_id, &db->list,
	    err) == 0)
		return 0;
	if (err->code == SIFT_E_CATALOG)
		return -1;
	if (scan_conn_lost(db->conn, err)) {
		db->broken = true;
		snprintf(db->why, sizeof db->why, "%s", err->msg);
	} else {
		sift_log(SIFT_LOG_WARNING, "lineage of database \"%s\" not "
		    "read: %s", db->conn->dbname, err->msg);
		q->stats->failed++;
	}
	sift_err_clear(err);
	return 0;
}

/* Discover and settle a database, and queue it (see scanner.h). */
int
scan_queue_add(struct scan_queue *q, struct catalog *cat, int64_t scan_id,
    struct scan_conn *conn, const struct scan_options *opts,
    struct sift_err *err)
{
	struct scan_db *db = xcalloc(1, sizeof *db);
	struct scan_room room;

	db->q = q;
	db->conn = conn;
	scan_db_options(db, opts);
	q->dbs = xreallocarray(q->dbs, q->ndbs + 1, sizeof *q->dbs);
	q->dbs[q->ndbs++] = db;
	q->cat = cat;
	q->scan_id = scan_id;
	if (catalog_source_put(cat, conn->source_name, conn->target,
	    &db->source_id, err) != 0 ||
	    scan_put_connection(cat, scan_id, db->source_id, conn, err) != 0 ||
	    scan_discover(conn, &db->opts, &db->list, err) != 0)
		goto fail;
	q->stats->relations += (long)db->list.n;
	db->jobs = xcalloc(db->list.n + 1, sizeof *db->jobs);
	if (scan_settle(db, err) != 0 || scan_lineage(db, err) != 0)
		goto fail;
	memset(&room, 0, sizeof room);
	if (db->njobs > 0 && !db->broken)
		scan_room_read(conn, &room);
	/* The workers open sessions of their own, as many as there is room. */
	scan_conn_hangup(conn);
	scan_pool_add(q->pool, conn, &db->opts, &room, db->broken, db->jobs,
	    db->njobs, scan_job_done, scan_db_end, db);
	return 0;
fail:
	scan_conn_hangup(conn);
	return -1;
}

/* Sample and finish every database queued (see scanner.h). */
int
scan_queue_run(struct scan_queue *q, struct sift_err *err)
{
	int	rc = scan_pool_run(q->pool, err);

	if (rc != 0 && q->open) {
		catalog_rollback(q->cat);
		q->open = false;
	}
	return rc;
}

/* Free the queue and its databases (see scanner.h). */
void
scan_queue_free(struct scan_queue *q)
{
	struct scan_db *db;
	size_t	i, k;

	if (q == NULL)
		return;
	scan_pool_free(q->pool);
	if (q->open)
		catalog_rollback(q->cat);
	for (i = 0; i < q->ndbs; i++) {
		db = q->dbs[i];
		scan_conn_free(db->conn);
		scan_relation_list_release(&db->list);
		free(db->jobs);
		free(db->ruleset);
		for (k = 0; k < 5; k++)
			free(db->patterns[k]);
		free(db);
	}
	free(q->dbs);
	free(q);
}
