/*
 * scanner/pool.c: sampling the relations of a run's databases with
 * several workers.
 *
 * One queue holds the relations to sample of every database of a run,
 * whatever its source, in the order the databases were added. Each
 * worker, a thread with its own match data, takes a relation, samples
 * it and hands the result back. Only the thread in scan_pool_run(), the
 * writer, writes the catalog: it receives the results one at a time, in
 * the order they are finished, so SQLite has one writer and the workers
 * never wait for it, except when POOL_BACKLOG_PER_WORKER results each
 * are waiting (which bounds the memory they hold). Once every relation
 * of a database is back, the writer ends it (scan.c: what was removed,
 * reviews, lineage) while the workers go on with the others.
 *
 * Sessions: a worker samples on a session of its own to the database of
 * the relation it took, and keeps it while that database has relations
 * left to take; then it closes it and takes the next relation of the
 * first database that has any and room for one more session, opening a
 * session there. So a database's relations are taken by the workers
 * already connected to it first, and the sessions opened are few. There
 * are never more sessions than workers (-j), none other being open while
 * they sample, so no server gets more than that from us; and a database
 * never has more than its room allowed (scan_room_read(): the server's
 * free max_connections slots less the reserved ones, the role's and the
 * database's CONNECTION LIMIT, less one left for others), nor a server
 * more than the least room any of its databases saw. A session that
 * cannot be opened is done without while we have others on the server;
 * when we have none there, it is tried a few times more (pool_connect()),
 * and when it still cannot be, the database's relations not taken yet
 * are handed back not sampled: the connection was lost.
 *
 * A worker whose session is lost reconnects (scanner/conn.c: three tries
 * with growing pauses) and samples the relation once more; if it cannot,
 * the relation is handed back not sampled, and so are the database's
 * relations no worker has taken yet. The worker goes on with the others.
 *
 * scan_interrupt() (a signal) stops the run: no worker takes another
 * relation, the writer cancels the queries in flight (PQcancel), and
 * every relation not sampled is handed back as not scanned, interrupted.
 */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* A server the run samples on. */
struct pool_server {
	char	key[300];		/* "host:port" */
	size_t	used;			/* sessions open or being opened */
	size_t	cap;			/* at most */
};

/* A database whose relations are in the queue. */
struct pool_db {
	const struct scan_conn *model;	/* what its sessions are like */
	const struct scan_options *opts;
	struct pool_server *srv;
	struct scan_job *jobs;
	size_t	njobs;
	size_t	taken;			/* jobs[0..taken) were taken */
	size_t	back;			/* and this many handed back */
	size_t	holders;		/* sessions open or being opened */
	size_t	connecting;		/* of which being opened */
	size_t	cap;			/* at most */
	size_t	peak;			/* the most it had at once */
	bool	lost;			/* no session to be had: take no more */
	bool	ended;			/* end was called */
	scan_job_done_fn done;
	scan_db_end_fn end;
	void   *arg;
};

/* One worker: its thread and, while it has one, its session. */
struct worker {
	struct scan_pool *pool;
	pthread_t thread;
	struct scan_conn *conn;		/* NULL: none */
	struct pool_db *db;		/* conn's, or the one it connects to */
	PGcancel *cancel;		/* while it samples, under the lock */
};

/* The state the workers and the writer share, under lock. */
struct scan_pool {
	pthread_mutex_t lock;
	pthread_cond_t	ready;		/* for the writer: a result, a loss */
	pthread_cond_t	work;		/* for the workers: a session let go */
	pthread_cond_t	room;		/* the backlog shrank */
	const struct cls_engine *engine;
	size_t	size;			/* workers, at most (-j) */
	struct pool_server **servers;
	size_t	nservers;
	struct pool_db **dbs;		/* in the order they were added */
	size_t	ndbs;
	size_t	queued;			/* jobs, over every database */
	struct scan_job **done;		/* finished, not yet handed back */
	size_t	ndone, backlog;
	struct worker *w;
	size_t	nworkers;		/* started */
	bool	stop;			/* take no more jobs */
	bool	quit;			/* workers: leave */
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
pool_sample(struct scan_conn *conn, const struct scan_pool *p,
    const struct scan_options *opts, struct cls_matcher *m,
    struct scan_job *job)
{
	const struct scan_relation *rel = job->rel;
	size_t	i;

	job->cols = xcalloc(rel->ncols + 1, sizeof *job->cols);
	for (i = 0; i < rel->ncols; i++) {
		if (rel->cols[i].fetch) {
			job->cols[i] = cls_column_new(p->engine,
			    rel->cols[i].name, rel->cols[i].data_type);
			cls_column_set_examples(job->cols[i],
			    (size_t)opts->examples);
		}
	}
	sift_err_clear(&job->err);
	if (scan_relation_sample(conn, rel, opts, m, job->cols, &job->sr,
	    &job->err) != 0)
		pool_job_release(job);
}

/*
 * Sample a job on the worker's session; when the session is lost,
 * reconnect and sample once more, else mark the job lost. Lock not held.
 */
static void
pool_run_job(struct scan_pool *p, struct worker *w, struct cls_matcher *m,
    struct scan_job *job)
{
	const struct scan_options *opts = w->db->opts;
	struct sift_err rerr;

	pool_sample(w->conn, p, opts, m, job);
	if (job->cols == NULL && scan_interrupted()) {
		/* Cancelled, or cut short: done again on --resume. */
		job->interrupted = true;
		sift_err_set(&job->err, SIFT_E_INTERRUPTED, "%s",
		    SCAN_INTERRUPTED);
		return;
	}
	if (job->cols != NULL || !scan_conn_lost(w->conn, &job->err))
		return;
	/* The session is gone: a new one, and once more. */
	sift_log(SIFT_LOG_DEBUG, "lost the session sampling \"%s\".\"%s\": %s",
	    job->rel->schema, job->rel->name, job->err.msg);
	if (scan_conn_reconnect(w->conn, opts, &rerr) != 0) {
		job->lost = true;
	} else {
		pthread_mutex_lock(&p->lock);
		PQfreeCancel(w->cancel);
		w->cancel = PQgetCancel(w->conn->pg);
		pthread_mutex_unlock(&p->lock);
		pool_sample(w->conn, p, opts, m, job);
	}
	/* Not sampled for want of a session: --resume redoes it. */
	if (job->cols == NULL && (job->lost ||
	    scan_conn_lost(w->conn, &job->err)))
		sift_err_prefix(&job->err, "%s", SCAN_LOST);
}

/*
 * Let go of the worker's database: its session no longer counts, and
 * a worker waiting for room may go ahead. Returns the session, for the
 * caller to close once the lock is dropped (NULL: none). Lock held.
 */
static struct scan_conn *
pool_release(struct scan_pool *p, struct worker *w)
{
	struct scan_conn *conn = w->conn;

	if (w->db != NULL) {
		w->db->holders--;
		w->db->srv->used--;
		pthread_cond_broadcast(&p->work);
	}
	w->conn = NULL;
	w->db = NULL;
	return conn;
}

/*
 * Find the worker a database to connect to: the first with more
 * relations left to take than sessions being opened for them, and room
 * for one more session, counted as the worker's at once. Returns false
 * when there is none now. Lock held.
 */
static bool
pool_pick(struct scan_pool *p, struct worker *w)
{
	struct pool_db *db;
	size_t	i;

	for (i = 0; i < p->ndbs; i++) {
		db = p->dbs[i];
		if (db->lost || db->njobs - db->taken <= db->connecting ||
		    db->holders >= db->cap || db->srv->used >= db->srv->cap)
			continue;
		db->holders++;
		db->connecting++;
		db->srv->used++;
		if (db->holders > db->peak)
			db->peak = db->holders;
		w->db = db;
		return true;
	}
	return false;
}

/*
 * The session the worker was to open on w->db could not be: done
 * without while we have another on the server (which is then given no
 * more than it has), else the database's relations not taken are lost.
 * Lock held.
 */
static void
pool_refused(struct scan_pool *p, struct worker *w, const struct sift_err *err)
{
	struct pool_db *db = w->db;

	sift_log(SIFT_LOG_WARNING, "database \"%s\": a sampling session could "
	    "not connect: %s", db->model->dbname, err->msg);
	(void)pool_release(p, w);
	if (db->srv->used > 0) {
		db->srv->cap = db->srv->used;
		if (db->cap > db->holders && db->holders > 0)
			db->cap = db->holders;
	} else {
		db->lost = true;
		pthread_cond_signal(&p->ready);
	}
}

/*
 * Open a session to db for a worker (counted already). When the server
 * refuses it and has no other session of ours, try again a few times
 * with a growing pause (as a lost session does), since the refusal then
 * is no sign that the server is full of us: it may be restarting, or
 * have refused another session of ours opened at the same moment.
 * Returns the session, or NULL with err. Lock not held.
 */
static struct scan_conn *
pool_connect(struct scan_pool *p, struct pool_db *db, struct sift_err *err)
{
	struct scan_conn *conn;
	bool	alone;

	sift_err_clear(err);
	conn = scan_conn_again(db->model, db->opts, err);
	if (conn != NULL)
		return conn;
	pthread_mutex_lock(&p->lock);
	alone = db->srv->used == 1;
	pthread_mutex_unlock(&p->lock);
	if (!alone)
		return NULL;
	return scan_conn_again_patiently(db->model, db->opts, err);
}

/* Hand a finished job to the writer; wait while the backlog is full. */
static void
pool_finish(struct scan_pool *p, struct scan_job *job)
{
	while (p->ndone >= p->backlog && !p->stop)
		pthread_cond_wait(&p->room, &p->lock);
	p->done[p->ndone++] = job;
	pthread_cond_signal(&p->ready);
}

/*
 * A worker thread: take jobs, connecting to their databases, until the
 * writer says to quit.
 */
static void *
pool_worker(void *arg)
{
	struct worker *w = arg;
	struct scan_pool *p = w->pool;
	struct cls_matcher *m = cls_matcher_new(p->engine);
	struct scan_conn *conn;
	struct scan_job *job;
	struct pool_db *db;
	struct sift_err err;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		db = w->db;
		if (db != NULL && (p->stop || db->lost ||
		    db->taken >= db->njobs)) {
			/* Done with the database: close its session. */
			conn = pool_release(p, w);
			pthread_mutex_unlock(&p->lock);
			scan_conn_free(conn);
			pthread_mutex_lock(&p->lock);
			continue;
		}
		if (p->quit)
			break;
		if (db == NULL) {
			if (p->stop || !pool_pick(p, w)) {
				pthread_cond_wait(&p->work, &p->lock);
				continue;
			}
			db = w->db;
			pthread_mutex_unlock(&p->lock);
			conn = pool_connect(p, db, &err);
			pthread_mutex_lock(&p->lock);
			db->connecting--;
			if (conn == NULL)
				pool_refused(p, w, &err);
			else
				w->conn = conn;
			continue;
		}
		job = &db->jobs[db->taken++];
		w->cancel = PQgetCancel(w->conn->pg);
		pthread_mutex_unlock(&p->lock);
		pool_run_job(p, w, m, job);
		pthread_mutex_lock(&p->lock);
		PQfreeCancel(w->cancel);
		w->cancel = NULL;
		if (job->lost) {
			db->lost = true;
			pthread_cond_signal(&p->ready);
		}
		pool_finish(p, job);
	}
	conn = pool_release(p, w);
	pthread_mutex_unlock(&p->lock);
	scan_conn_free(conn);
	cls_matcher_free(m);
	return NULL;
}

/* Read how many more sessions conn's server and database allow (pool.h). */
void
scan_room_read(struct scan_conn *conn, struct scan_room *room)
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
	    "     END FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER)),"
	    "  (SELECT CASE WHEN d.datconnlimit < 0 THEN NULL"
	    "     ELSE d.datconnlimit - (SELECT pg_catalog.count(*)::int"
	    "       FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)"
	    "     END FROM pg_catalog.pg_database d"
	    "   WHERE d.datname = pg_catalog.current_database())";
	const char *host = PQhost(conn->pg), *port = PQport(conn->pg);
	PGresult *res;

	snprintf(room->server, sizeof room->server, "%s:%s",
	    host != NULL ? host : "", port != NULL ? port : "");
	room->server_room = 0;
	room->db_room = 0;
	res = PQexec(conn->pg, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0)) {
		room->server_room = strtol(PQgetvalue(res, 0, 0), NULL, 10) - 1;
		room->db_room = PQgetisnull(res, 0, 1) ? LONG_MAX :
		    strtol(PQgetvalue(res, 0, 1), NULL, 10) - 1;
	}
	PQclear(res);
	if (room->server_room < 0)
		room->server_room = 0;
	if (room->db_room < 0)
		room->db_room = 0;
}

/* A pool of workers for a run (see pool.h). */
struct scan_pool *
scan_pool_new(const struct cls_engine *engine, int jobs)
{
	struct scan_pool *p = xcalloc(1, sizeof *p);

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->room, NULL);
	p->engine = engine;
	p->size = jobs > 1 ? (size_t)jobs : 1;
	p->backlog = p->size * POOL_BACKLOG_PER_WORKER;
	/* Once the run is stopped, each worker may add one past the bound. */
	p->done = xcalloc(p->backlog + p->size + 1, sizeof *p->done);
	p->w = xcalloc(p->size, sizeof *p->w);
	return p;
}

/* The server of that name, added to the pool's list if new. */
static struct pool_server *
pool_server_get(struct scan_pool *p, const char *key)
{
	struct pool_server *srv;
	size_t	i;

	for (i = 0; i < p->nservers; i++)
		if (strcmp(p->servers[i]->key, key) == 0)
			return p->servers[i];
	srv = xcalloc(1, sizeof *srv);
	snprintf(srv->key, sizeof srv->key, "%s", key);
	srv->cap = p->size;
	p->servers = xreallocarray(p->servers, p->nservers + 1,
	    sizeof *p->servers);
	p->servers[p->nservers++] = srv;
	return srv;
}

/* The lesser of cap and room + 1, room counting sessions besides one. */
static size_t
pool_cap(size_t cap, long room)
{
	if (room >= 0 && (size_t)room + 1 < cap)
		return (size_t)room + 1;
	return cap;
}

/* Queue a database's jobs (see pool.h). */
void
scan_pool_add(struct scan_pool *p, const struct scan_conn *model,
    const struct scan_options *opts, const struct scan_room *room,
    bool lost, struct scan_job *jobs, size_t njobs, scan_job_done_fn done,
    scan_db_end_fn end, void *arg)
{
	struct pool_db *db = xcalloc(1, sizeof *db);
	size_t	i, want;

	db->model = model;
	db->opts = opts;
	db->jobs = jobs;
	db->njobs = njobs;
	db->lost = lost;
	db->done = done;
	db->end = end;
	db->arg = arg;
	for (i = 0; i < njobs; i++)
		jobs[i].db = db;
	db->srv = pool_server_get(p, room->server);
	db->srv->cap = pool_cap(db->srv->cap, room->server_room);
	db->cap = pool_cap(db->srv->cap, room->db_room);
	want = njobs < p->size ? njobs : p->size;
	if (want > db->cap) {
		sift_log(SIFT_LOG_INFO, "database \"%s\": %zu free connection "
		    "slot%s: sampling with %zu session%s, not %zu",
		    model->dbname, db->cap, db->cap == 1 ? "" : "s", db->cap,
		    db->cap == 1 ? "" : "s", want);
		want = db->cap;
	}
	if (njobs > 0)
		sift_log(SIFT_LOG_DEBUG, "database \"%s\": %zu relations to "
		    "sample, %zu session%s", model->dbname, njobs, want,
		    want == 1 ? "" : "s");
	p->dbs = xreallocarray(p->dbs, p->ndbs + 1, sizeof *p->dbs);
	p->dbs[p->ndbs++] = db;
	p->queued += njobs;
}

/*
 * Stop the run: no worker takes another job, and the queries in flight
 * are cancelled. Lock held.
 */
static void
pool_halt(struct scan_pool *p)
{
	char	msg[256];
	size_t	i;

	p->stop = true;
	pthread_cond_broadcast(&p->room);
	pthread_cond_broadcast(&p->work);
	for (i = 0; i < p->nworkers; i++)
		if (p->w[i].cancel != NULL)
			(void)PQcancel(p->w[i].cancel, msg, sizeof msg);
}

/* Wait for a result, a loss, or POOL_POLL_MS; lock held. */
static void
pool_wait(struct scan_pool *p)
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

/*
 * Hand back, not sampled, the jobs no worker will take: every one once
 * the run is stopped (interrupted) or no worker could start, a
 * database's once it was lost. Lock held; dropped meanwhile.
 */
static int
pool_flush(struct scan_pool *p, struct sift_err *err)
{
	struct pool_db *db;
	struct scan_job *job;
	size_t	i, k, from;
	int	rc = 0;

	for (i = 0; rc == 0 && i < p->ndbs; i++) {
		db = p->dbs[i];
		if (db->taken >= db->njobs ||
		    (!p->stop && !db->lost && p->nworkers > 0))
			continue;
		from = db->taken;
		db->taken = db->njobs;
		pthread_mutex_unlock(&p->lock);
		for (k = from; rc == 0 && k < db->njobs; k++) {
			job = &db->jobs[k];
			job->cols = NULL;
			if (scan_interrupted()) {
				job->interrupted = true;
				sift_err_set(&job->err, SIFT_E_INTERRUPTED, "%s",
				    SCAN_INTERRUPTED);
			} else {
				job->lost = true;
				sift_err_set(&job->err, SIFT_E_CONNECT, "%s",
				    SCAN_LOST);
			}
			rc = db->done(job, db->arg, err);
		}
		pthread_mutex_lock(&p->lock);
		db->back += k - from;
	}
	return rc;
}

/*
 * End the databases whose jobs are all back, in the order they were
 * added. Lock held; dropped meanwhile.
 */
static int
pool_end_dbs(struct scan_pool *p, size_t *ended, struct sift_err *err)
{
	struct pool_db *db;
	size_t	i;
	int	rc = 0;

	for (i = 0; rc == 0 && i < p->ndbs; i++) {
		db = p->dbs[i];
		if (db->ended || db->back < db->njobs)
			continue;
		db->ended = true;
		(*ended)++;
		if (db->njobs > 0)
			sift_log(SIFT_LOG_DEBUG, "database \"%s\": sampled with "
			    "up to %zu session%s at once", db->model->dbname,
			    db->peak, db->peak == 1 ? "" : "s");
		pthread_mutex_unlock(&p->lock);
		rc = db->end(db->arg, err);
		pthread_mutex_lock(&p->lock);
	}
	return rc;
}

/* Start the workers: as many as jobs queued, up to the pool's size. */
static void
pool_start(struct scan_pool *p)
{
	struct worker *w;

	while (p->nworkers < p->size && p->nworkers < p->queued) {
		w = &p->w[p->nworkers];
		memset(w, 0, sizeof *w);
		w->pool = p;
		if (pthread_create(&w->thread, NULL, pool_worker, w) != 0) {
			sift_log(SIFT_LOG_WARNING, "could not start a sampling "
			    "thread; going on with %zu", p->nworkers);
			break;
		}
		p->nworkers++;
	}
}

/* Sample everything queued, writing here (see pool.h). */
int
scan_pool_run(struct scan_pool *p, struct sift_err *err)
{
	struct scan_job *job;
	struct pool_db *db;
	size_t	ended = 0, i;
	int	rc = 0;

	pthread_mutex_lock(&p->lock);
	pool_start(p);
	while (rc == 0) {
		if (scan_interrupted() && !p->stop)
			pool_halt(p);
		if (pool_flush(p, err) != 0 || pool_end_dbs(p, &ended,
		    err) != 0) {
			rc = -1;
			break;
		}
		if (ended == p->ndbs)
			break;
		if (p->ndone == 0) {
			pool_wait(p);
			continue;
		}
		job = p->done[0];
		memmove(p->done, p->done + 1, --p->ndone * sizeof *p->done);
		pthread_cond_signal(&p->room);
		db = job->db;
		pthread_mutex_unlock(&p->lock);
		rc = db->done(job, db->arg, err);
		pool_job_release(job);
		pthread_mutex_lock(&p->lock);
		db->back++;
	}
	/* Every database ended, or the writer failed: the workers leave. */
	if (rc != 0)
		pool_halt(p);
	p->quit = true;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nworkers; i++)
		pthread_join(p->w[i].thread, NULL);
	p->nworkers = 0;
	for (i = 0; i < p->ndone; i++)
		pool_job_release(p->done[i]);
	p->ndone = 0;
	return rc;
}

/* Free the pool (see pool.h). */
void
scan_pool_free(struct scan_pool *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->ndbs; i++)
		free(p->dbs[i]);
	for (i = 0; i < p->nservers; i++)
		free(p->servers[i]);
	free(p->servers);
	free(p->dbs);
	free(p->done);
	free(p->w);
	pthread_cond_destroy(&p->room);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
