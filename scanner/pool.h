/*
 * scanner/pool.h: sampling relations with several workers, one writer.
 */
#ifndef PGSIFT_SCANNER_POOL_H
#define PGSIFT_SCANNER_POOL_H

#include "scanner/scanner-int.h"

/* One relation to sample, and what came of it. */
struct scan_job {
	const struct scan_relation *rel;
	size_t	index;			/* the caller's, untouched */
	struct cls_column **cols;	/* one per column; NULL: it failed */
	struct scan_sample_result sr;
	struct sift_err err;		/* why it failed */
	bool	lost;			/* with the worker's session */
	bool	interrupted;		/* by scan_interrupt() */
};

/*
 * Called in the calling thread for each finished job, one at a time, in
 * the order they finish; job->cols is freed after it returns. Return 0,
 * or -1 with err filled in to stop the run.
 */
typedef int (*scan_job_done_fn)(struct scan_job *job, void *arg,
    struct sift_err *err);

/*
 * Sample the relations of jobs on the database conn is connected to,
 * with up to opts->jobs sessions (conn's included, see pool.c), and hand
 * every job to done. Returns 0, or -1 when done failed (err from done).
 * conn may have been reconnected; when it was lost for good,
 * scan_conn_ok(conn) is false.
 */
int	scan_pool_run(struct scan_conn *conn, const struct cls_engine *engine,
    const struct scan_options *opts, struct scan_job *jobs, size_t njobs,
    scan_job_done_fn done, void *arg, struct sift_err *err);

#endif /* PGSIFT_SCANNER_POOL_H */
