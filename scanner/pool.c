/*
 * scanner/pool.c: sampling a database's relations with several workers.
 *
 * The relations to sample wait in a list; each worker, a thread with its
 * own session and its own match data, takes the next one, samples it and
 * hands the result back. Only the calling thread writes the catalog: it
 * receives the results one at a time, in the order they are finished, so
 * SQLite has one writer and the workers never wait for it, except when
 * POOL_BACKLOG results are waiting (which bounds the memory they hold).
 *
 * Worker 0 uses the scan's own session; the others open one each on the
 * same database. Their number is opts->jobs at most, no more than the
 * relations to sample, and no more than the server's free connection
 * slots allow (max_connections less the reserved ones and the sessions
 * already open, the role's and the database's connection limits, less
 * one left for others). A session that cannot connect all the same is
 * done without. A worker whose session is
 * lost reconnects (scanner/conn.c: three tries with growing pauses) and
 * samples the relation once more; if it cannot, the relation is recorded
 * as failed and the worker stops. When no worker is left, the relations
 * not sampled are handed back as failed: the connection was lost.
 *
 * scan_interrupt() (a signal) stops the run: no worker takes another
 * relation, the writer cancels the queries in flight (PQcancel), and
 * every relation not sampled is handed back as not scanned, interrupted.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/pool.h"

#define POOL_BACKLOG_PER_WORKER	2	/* finished results waiting, each */
#define POOL_POLL_MS		100	/* how often the writer looks for a stop */

static volatile sig_atomic_t pool_stop_requested;

/* Ask the scans in progress to stop (see scanner.h). */
void
scan_interrupt(void)
{
	pool_stop_requested = 1;
}

/* Was the scan asked to stop? */
bool
scan_interrupted(void)
{
	return pool_stop_requested != 0;
}

/* The state the workers and the writer share, under lock. */
struct pool {
	pthread_mutex_t lock;
	pthread_cond_t	ready;		/* a result is waiting, or a worker left */
	pthread_cond_t	room;		/* the backlog shrank */
	struct scan_job *jobs;
	size_t	njobs;
	size_t	next;			/* the next job to take */
	struct scan_job **done;		/* finished, not yet handed back */
	size_t	ndone, backlog;
	int	running;		/* workers still taking jobs */
	bool	stop;			/* the writer gave up */
	const struct cls_engine *engine;
	const struct scan_options *opts;
};

/* One worker: its session (worker 0: the scan's) and thread. */
struct worker {
	struct pool *pool;
	struct scan_conn *conn;
	bool	own;			/* conn is this worker's to close */
	pthread_t thread;
	bool	started;
	PGcancel *cancel;		/* while it samples, under the lock */
};

/* Free the classifier columns of a job. */
static void
pool_job_release(struct scan_job *job)
{
	size_t	i;

	if (job->cols == NULL)
		return;
	for (i = 0; i < job->rel->ncols; i++)
		cls_column_free(job->cols[i]);
	free(job->cols);
	job->cols = NULL;
}

/* Sample one job's relation on conn; job->cols is NULL when it failed. */
static void
pool_sample(struct scan_conn *conn, const struct pool *p,
    struct cls_matcher *m, struct scan_job *job)
{
	const struct scan_relation *rel = job->rel;
	size_t	i;

	job->cols = xcalloc(rel->ncols + 1, sizeof *job->cols);
	for (i = 0; i < rel->ncols; i++) {
		if (rel->cols[i].fetch) {
			job->cols[i] = cls_column_new(p->engine,
			    rel->cols[i].name, rel->cols[i].data_type);
			cls_column_set_examples(job->cols[i],
			    (size_t)p->opts->examples);
		}
	}
	sift_err_clear(&job->err);
	if (scan_relation_sample(conn, rel, p->opts, m, job->cols, &job->sr,
	    &job->err) != 0)
		pool_job_release(job);
}

/* Hand a finished job to the writer; wait while the backlog is full. */
static void
pool_finish(struct pool *p, struct scan_job *job)
{
	pthread_mutex_lock(&p->lock);
	while (p->ndone >= p->backlog && !p->stop)
		pthread_cond_wait(&p->room, &p->lock);
	p->done[p->ndone++] = job;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
}

/* A worker thread: take jobs until none is left or its session is gone. */
static void *
pool_worker(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	struct cls_matcher *m = cls_matcher_new(p->engine);
	struct scan_job *job;
	struct sift_err rerr;
	bool	alive = true;

	while (alive) {
		pthread_mutex_lock(&p->lock);
		job = p->stop || p->next >= p->njobs ? NULL :
		    &p->jobs[p->next++];
		if (job != NULL)
			w->cancel = PQgetCancel(w->conn->pg);
		pthread_mutex_unlock(&p->lock);
		if (job == NULL)
			break;
		pool_sample(w->conn, p, m, job);
		pthread_mutex_lock(&p->lock);
		PQfreeCancel(w->cancel);
		w->cancel = NULL;
		pthread_mutex_unlock(&p->lock);
		if (job->cols == NULL && scan_interrupted()) {
			/* Cancelled, or cut short: done again on --resume. */
			job->interrupted = true;
			sift_err_set(&job->err, SIFT_E_INTERRUPTED, "%s",
			    SCAN_INTERRUPTED);
		} else if (job->cols == NULL &&
		    scan_conn_lost(w->conn, &job->err)) {
			/* The session is gone: a new one, and once more. */
			sift_log(SIFT_LOG_DEBUG, "lost the session sampling "
			    "\"%s\".\"%s\": %s", job->rel->schema,
			    job->rel->name, job->err.msg);
			if (scan_conn_reconnect(w->conn, p->opts, &rerr) != 0)
				alive = false;
			else
				pool_sample(w->conn, p, m, job);
			/* Not sampled for want of a session: --resume redoes it. */
			if (job->cols == NULL && (!alive ||
			    scan_conn_lost(w->conn, &job->err)))
				sift_err_prefix(&job->err, "%s", SCAN_LOST);
			job->lost = !alive;
		}
		pool_finish(p, job);
	}
	cls_matcher_free(m);
	pthread_mutex_lock(&p->lock);
	p->running--;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/*
 * How many sessions besides conn's the server has room for: the free
 * slots of max_connections (less the reserved ones), of the role's
 * CONNECTION LIMIT and of the database's, whichever is least, less one
 * left for others. -1 when that cannot be read (then only the scan's own
 * session samples).
 */
static long
pool_free_slots(struct scan_conn *conn)
{
	static const char sql[] =
	    "SELECT LEAST("
	    "  pg_catalog.current_setting('max_connections')::int"
	    "  - pg_catalog.current_setting('superuser_reserved_connections')"
	    "::int"
	    "  - COALESCE(pg_catalog.current_setting("
	    "'reserved_connections', true)::int, 0)"
	    "  - (SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_stat_activity"
	    "     WHERE backend_type = 'client backend'),"
	    "  (SELECT CASE WHEN r.rolconnlimit < 0 THEN NULL"
	    "     ELSE r.rolconnlimit - (SELECT pg_catalog.count(*)::int"
	    "       FROM pg_catalog.pg_stat_activity a WHERE a.usesysid = r.oid)"
	    "     END FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER),"
	    "  (SELECT CASE WHEN d.datconnlimit < 0 THEN NULL"
	    "     ELSE d.datconnlimit - (SELECT pg_catalog.count(*)::int"
	    "       FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)"
	    "     END FROM pg_catalog.pg_database d"
	    "   WHERE d.datname = pg_catalog.current_database()))";
	PGresult *res;
	long	n = -1;

	res = PQexec(conn->pg, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0))
		n = strtol(PQgetvalue(res, 0, 0), NULL, 10) - 1;
	PQclear(res);
	return n;
}

/* How many workers to start for njobs relations (see the top). */
static size_t
pool_size(struct scan_conn *conn, const struct scan_options *opts,
    size_t njobs)
{
	size_t	n = opts->jobs > 1 ? (size_t)opts->jobs : 1;
	long	room;

	if (n > njobs)
		n = njobs;
	if (n <= 1)
		return 1;
	room = pool_free_slots(conn);
	if (room < 0)
		room = 0;
	if ((size_t)room < n - 1) {
		sift_log(SIFT_LOG_INFO, "database \"%s\": %ld free connection "
		    "slot%s: sampling with %ld session%s, not %zu", conn->dbname,
		    room + 1, room == 0 ? "" : "s", room + 1, room == 0 ? "" : "s",
		    n);
		n = (size_t)room + 1;
	}
	return n;
}

/* Start the workers; worker 0 runs on conn. Returns how many started. */
static size_t
pool_start(struct pool *p, struct worker *w, size_t n, struct scan_conn *conn)
{
	struct sift_err err;
	size_t	i, started = 0;

	for (i = 0; i < n; i++) {
		w[i].pool = p;
		if (i == 0) {
			w[i].conn = conn;
			w[i].own = false;
		} else {
			sift_err_clear(&err);
			w[i].conn = scan_conn_again(conn, p->opts, &err);
			if (w[i].conn == NULL) {
				sift_log(SIFT_LOG_WARNING, "database \"%s\": "
				    "a sampling session could not connect: %s",
				    conn->dbname, err.msg);
				break;
			}
			w[i].own = true;
		}
		pthread_mutex_lock(&p->lock);
		p->running++;
		pthread_mutex_unlock(&p->lock);
		if (pthread_create(&w[i].thread, NULL, pool_worker, &w[i]) != 0) {
			pthread_mutex_lock(&p->lock);
			p->running--;
			pthread_mutex_unlock(&p->lock);
			if (w[i].own)
				scan_conn_free(w[i].conn);
			w[i].conn = NULL;
			break;
		}
		w[i].started = true;
		started++;
	}
	return started;
}

/*
 * Stop the run: no worker takes another job, and the queries in flight
 * are cancelled. Called by the writer with the lock held.
 */
static void
pool_halt(struct pool *p, struct worker *w, size_t n)
{
	char	msg[256];
	size_t	i;

	p->stop = true;
	pthread_cond_broadcast(&p->room);
	for (i = 0; i < n; i++)
		if (w[i].cancel != NULL)
			(void)PQcancel(w[i].cancel, msg, sizeof msg);
}

/* Wait for a result, a worker leaving, or POOL_POLL_MS; lock held. */
static void
pool_wait(struct pool *p)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += POOL_POLL_MS * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	(void)pthread_cond_timedwait(&p->ready, &p->lock, &ts);
}

/* Sample every job and hand each to done (see pool.h). */
int
scan_pool_run(struct scan_conn *conn, const struct cls_engine *engine,
    const struct scan_options *opts, struct scan_job *jobs, size_t njobs,
    scan_job_done_fn done, void *arg, struct sift_err *err)
{
	struct pool p;
	struct worker *w;
	struct scan_job *job;
	size_t	n, i;
	int	rc = 0;

	if (njobs == 0)
		return 0;
	memset(&p, 0, sizeof p);
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.room, NULL);
	p.jobs = jobs;
	p.njobs = njobs;
	p.engine = engine;
	p.opts = opts;
	n = pool_size(conn, opts, njobs);
	p.backlog = n * POOL_BACKLOG_PER_WORKER;
	p.done = xcalloc(p.backlog + 1, sizeof *p.done);
	w = xcalloc(n, sizeof *w);
	n = pool_start(&p, w, n, conn);
	sift_log(SIFT_LOG_DEBUG, "database \"%s\": %zu relations to sample, "
	    "%zu session%s", conn->dbname, njobs, n, n == 1 ? "" : "s");

	/* The writer: hand back each result as it comes. */
	pthread_mutex_lock(&p.lock);
	for (;;) {
		while (p.ndone == 0 && p.running > 0) {
			if (scan_interrupted() && !p.stop)
				pool_halt(&p, w, n);
			pool_wait(&p);
		}
		if (p.ndone == 0)
			break;		/* every worker has left */
		job = p.done[0];
		memmove(p.done, p.done + 1, --p.ndone * sizeof *p.done);
		pthread_cond_signal(&p.room);
		pthread_mutex_unlock(&p.lock);
		if (rc == 0 && done(job, arg, err) != 0) {
			rc = -1;
			pthread_mutex_lock(&p.lock);
			p.stop = true;
			pthread_cond_broadcast(&p.room);
			pthread_mutex_unlock(&p.lock);
		}
		pool_job_release(job);
		pthread_mutex_lock(&p.lock);
	}
	pthread_mutex_unlock(&p.lock);
	for (i = 0; i < n; i++) {
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		if (w[i].own)
			scan_conn_free(w[i].conn);
	}
	/* Not sampled: interrupted, or no session was left. */
	for (i = p.next; rc == 0 && i < njobs; i++) {
		job = &jobs[i];
		job->cols = NULL;
		if (scan_interrupted()) {
			job->interrupted = true;
			sift_err_set(&job->err, SIFT_E_INTERRUPTED, "%s",
			    SCAN_INTERRUPTED);
		} else {
			job->lost = true;
			sift_err_set(&job->err, SIFT_E_CONNECT, "%s", SCAN_LOST);
		}
		if (done(job, arg, err) != 0)
			rc = -1;
	}
	free(w);
	free(p.done);
	pthread_cond_destroy(&p.room);
	pthread_cond_destroy(&p.ready);
	pthread_mutex_destroy(&p.lock);
	return rc;
}
