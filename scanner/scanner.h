/*
 * scanner/scanner.h: scanning PostgreSQL databases into the catalog.
 *
 * The scanner connects with libpq, discovers relations and columns from
 * pg_catalog, samples each table's rows at random within a bound, has the
 * classifiers decide what each column holds, and writes what it found to
 * the catalog. Sampled values live only in libpq results and the
 * classifiers' counters; they are never logged, stored or put in errors.
 */
#ifndef PGSIFT_SCANNER_H
#define PGSIFT_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "classifiers/classifiers.h"
#include "common/error.h"

struct scan_conn;

/* Defaults for struct scan_options. */
#define SCAN_DEFAULT_SAMPLE_ROWS	1000
#define SCAN_DEFAULT_STATEMENT_TIMEOUT	30000	/* ms */
#define SCAN_DEFAULT_LOCK_TIMEOUT	1000	/* ms */
#define SCAN_MAX_VALUE_BYTES		4096	/* longer values are cut */
#define SCAN_MAX_JOBS			64	/* sessions sampling at once */

/* A list of shell-style patterns (fnmatch); the arrays are borrowed. */
struct scan_stats;

struct scan_patterns {
	const char *const *items;
	size_t	n;
};

struct scan_options {
	long	sample_rows;		/* rows per table, at most */
	long	statement_timeout_ms;	/* 0: no limit */
	long	lock_timeout_ms;	/* 0: no limit */
	struct scan_patterns schemas;	/* include; empty: every schema */
	struct scan_patterns exclude_schemas;
	struct scan_patterns tables;	/* "table" or "schema.table" */
	struct scan_patterns exclude_tables;
	struct scan_patterns exclude_columns;	/* never read */
	const char *dbname;		/* overrides the conninfo's, or NULL */
	const char *source_name;	/* overrides "host:port", or NULL */
	bool	full;			/* sample everything, changed or not */
	int	examples;		/* masked examples kept per finding */
	/*
	 * Called after each relation is recorded: its database, how many
	 * relations of the run are recorded out of how many its databases
	 * discovered so far, and the run's counters. NULL: no progress is
	 * reported.
	 */
	void	(*progress)(const char *database, size_t done, size_t total,
		    const struct scan_stats *stats, void *arg);
	void   *progress_arg;
	const char *ruleset;		/* the rule set's fingerprint */
	/*
	 * Workers that sample at once, each on a session of its own, over
	 * every database of a run (scan_queue_new() takes it; see
	 * scanner/pool.c): at most this many sessions, and never more than
	 * a server's free connection slots allow. 1: one at a time.
	 */
	int	jobs;
	bool	seeded;			/* samples repeat for one seed */
	uint64_t seed;
	/*
	 * Connect to hosts other than a local socket or loopback without
	 * TLS (see scanner/transport.c). Off: sslmode=require at least.
	 */
	bool	allow_insecure;
	/*
	 * Continue an interrupted scan: relations its record already holds
	 * are left as they are; those "not scanned" are done again.
	 */
	bool	resume;
};

/* How a session reached its server. */
struct scan_transport {
	bool	local;			/* a Unix socket or a loopback address */
	char	host[256];		/* the host name, or socket directory */
	bool	tls;
	char	tls_version[32];	/* "TLSv1.3" */
	char	tls_cipher[64];
	const char *verified;		/* the server's certificate: "full"
					   (chain and name), "ca" (chain),
					   "none" */
};

/* Fill opts with the defaults above and no patterns; jobs is 1. */
void	scan_options_init(struct scan_options *opts);

/* The number of CPUs online, within 1..SCAN_MAX_JOBS: what -j defaults to. */
int	scan_default_jobs(void);

/* Counters of a run's databases, added to by the scan_queue_*() calls. */
struct scan_stats {
	long	relations;		/* relations found */
	long	sampled;		/* relations sampled */
	long	skipped;		/* not sampled by design */
	long	failed;			/* not sampled because of an error */
	long	carried;		/* unchanged: carried from an earlier scan */
	long	removed;		/* gone since the earlier scan */
	long	resumed;		/* done before the scan was resumed */
	long	columns;		/* columns recorded */
	long	classified;		/* columns with a classification */
	long long rows;			/* rows read */
};

/*
 * The databases a role may connect to on the server conninfo reaches
 * (templates and databases that refuse connections left out), sorted.
 * Returns 0 with *names (n of them, each and the array freed by the
 * caller), or -1 with err filled in.
 */
int	scan_list_databases(const char *conninfo, const struct scan_options *opts,
    char ***names, size_t *n, struct sift_err *err);

/*
 * Check that conninfo parses as a connection string or URI, without
 * connecting. Returns 0, or -1 with err (SIFT_E_USAGE) saying why.
 */
int	scan_conninfo_check(const char *conninfo, struct sift_err *err);

/*
 * Connect to the database that conninfo names (a "key=value" string or a
 * URI; NULL or "" lets libpq's PG* variables decide, as with psql) and
 * make the session safe: read-only, empty search_path, the timeouts of
 * opts, application_name=pgsift. Returns a session the caller closes
 * with scan_disconnect(), or NULL with err filled in: SIFT_E_USAGE for an
 * invalid connection string, SIFT_E_CONNECT when the server cannot be
 * reached or refuses us.
 */
struct scan_conn *scan_connect(const char *conninfo,
    const struct scan_options *opts, struct sift_err *err);
void	scan_disconnect(struct scan_conn *conn);

/*
 * The source name ("host:port") and the connection target without any
 * secret ("host=... port=... dbname=... user=..."). Borrowed; valid until
 * scan_disconnect().
 */
const char *scan_conn_source(const struct scan_conn *conn);
const char *scan_conn_target(const struct scan_conn *conn);
const struct scan_transport *scan_conn_transport(const struct scan_conn *conn);

/*
 * A run's databases, scanned into the catalog by one pool of up to jobs
 * workers, each sampling on a session of its own, taking relations from
 * one queue that holds every database's (scanner/pool.c). The calling
 * thread is the only one that writes the catalog, in the calls below.
 * done is called once for each database added, when it is over: err
 * NULL when it was scanned (some relations may have failed:
 * stats->failed counts those), or why it was not wholly: SIFT_E_CONNECT
 * when its connection was lost (the relations not reached are recorded
 * as not scanned), SIFT_E_INTERRUPTED after scan_interrupt(); err is
 * borrowed for the call. engine is shared, read-only; stats is added to.
 * Free with scan_queue_free().
 */
struct scan_queue;
typedef void (*scan_queue_done_fn)(const char *database,
    const struct sift_err *err, void *arg);
struct scan_queue *scan_queue_new(const struct cls_engine *engine, int jobs,
    struct scan_stats *stats, scan_queue_done_fn done, void *arg);

/*
 * Record conn's database in cat under scan_id: discover it, record the
 * relations that need no sample and its lineage, and queue the others
 * to be sampled by scan_queue_run(). The queue takes conn: its session
 * is closed before this returns, and the rest freed with the queue.
 * opts is copied, but the strings its patterns point to are borrowed
 * and must outlive the queue. Returns 0, or -1 with err filled in:
 * SIFT_E_QUERY when the database's catalogs could not be read,
 * SIFT_E_CONNECT when its connection was lost, SIFT_E_CATALOG or
 * SIFT_E_IO when the catalog cannot be written (the run cannot go on).
 */
int	scan_queue_add(struct scan_queue *q, struct catalog *cat,
    int64_t scan_id, struct scan_conn *conn, const struct scan_options *opts,
    struct sift_err *err);

/*
 * Sample every relation queued and finish each database. Returns 0, or
 * -1 with err filled in when the catalog cannot be written.
 */
int	scan_queue_run(struct scan_queue *q, struct sift_err *err);

/* Free the queue, its databases and their sessions; q may be NULL. */
void	scan_queue_free(struct scan_queue *q);

/*
 * Ask the scans in progress to stop, from a signal handler as well: the
 * sessions' queries are cancelled, what was finished stays recorded, the
 * relations not sampled are recorded as "not scanned: the scan was
 * interrupted", and each database not finished ends with
 * SIFT_E_INTERRUPTED.
 */
void	scan_interrupt(void);
bool	scan_interrupted(void);

/* The skip reasons of relations a scan did not reach; --resume redoes them. */
#define SCAN_NOT_SCANNED	"not scanned: "
#define SCAN_INTERRUPTED	SCAN_NOT_SCANNED "the scan was interrupted"
#define SCAN_LOST		SCAN_NOT_SCANNED "the connection was lost"

/*
 * Does name match one of the patterns? An empty list matches nothing.
 * Patterns are shell globs (*, ?, [...]), matched case-sensitively
 * against the identifier as stored, without quotes.
 */
bool	scan_patterns_match(const struct scan_patterns *p, const char *name);

#endif /* PGSIFT_SCANNER_H */
