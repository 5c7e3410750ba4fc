/*
 * scanner/pool.h: sampling the relations of a run's databases with
 * several workers, one writer.
 */
#ifndef PGSIFT_SCANNER_POOL_H
#define PGSIFT_SCANNER_POOL_H

#include "scanner/scanner-int.h"

struct pool_db;

/* One relation to sample, and what came of it. */
struct scan_job {
	const struct scan_relation *rel;
	size_t	index;			/* the caller's, untouched */
	struct cls_column **cols;	/* one per column; NULL: it failed */
	struct scan_sample_result sr;
	struct sift_err err;		/* why it failed */
	bool	lost;			/* for want of a session */
	bool	interrupted;		/* by scan_interrupt() */
	struct pool_db *db;		/* the pool's: its database */
};

/*
 * Called in the writer, the thread in scan_pool_run(), for each finished
 * job, one at a time, in the order they finish; job->cols is freed after
 * it returns. arg is the one its database was added with. Return 0, or
 * -1 with err filled in to stop the run.
 */
typedef int (*scan_job_done_fn)(struct scan_job *job, void *arg,
    struct sift_err *err);

/*
 * Called in the writer once every job of a database was handed to done:
 * its last steps. Return 0, or -1 with err filled in to stop the run.
 */
typedef int (*scan_db_end_fn)(void *arg, struct sift_err *err);

/*
 * A pool of up to jobs workers for every database of a run (see
 * pool.c). Free with scan_pool_free().
 */
struct scan_pool *scan_pool_new(const struct cls_engine *engine, int jobs);

/*
 * How many sessions besides conn's own its server and its database have
 * room for (see pool.c), read on conn by scan_room_read(): the server's
 * free slots of max_connections less the reserved ones and of the role's
 * CONNECTION LIMIT, the database's of its CONNECTION LIMIT (LONG_MAX:
 * none), each less one left for others. Both 0 when they cannot be read.
 */
struct scan_room {
	char	server[300];		/* "host:port", as libpq reached it */
	long	server_room;
	long	db_room;
};
void	scan_room_read(struct scan_conn *conn, struct scan_room *room);

/*
 * Queue the jobs of a database. model describes its sessions (its own
 * may be closed: see scan_conn_hangup()); the workers open theirs with
 * scan_conn_again(model, opts). room says how many its server and
 * the database have room for (one more than room's counts, since
 * model's own is closed by then), lost true when
 * none may be opened: its jobs are then handed back not sampled. model,
 * opts, jobs and arg stay the caller's and must outlive the pool.
 */
void	scan_pool_add(struct scan_pool *p, const struct scan_conn *model,
    const struct scan_options *opts, const struct scan_room *room,
    bool lost, struct scan_job *jobs, size_t njobs, scan_job_done_fn done,
    scan_db_end_fn end, void *arg);

/*
 * Sample every job queued, handing each to its database's done, and call
 * each database's end once all of its jobs were; the calling thread is
 * the writer. Returns 0, or -1 when a callback failed (err from it).
 */
int	scan_pool_run(struct scan_pool *p, struct sift_err *err);

/* Stop the workers and free the pool; p may be NULL. */
void	scan_pool_free(struct scan_pool *p);

#endif /* PGSIFT_SCANNER_POOL_H */
