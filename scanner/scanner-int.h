/*
 * scanner/scanner-int.h: what the scanner's files share.
 */
#ifndef PGSIFT_SCANNER_INT_H
#define PGSIFT_SCANNER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

#include "scanner/scanner.h"

/* An open, configured session. */
struct scan_conn {
	PGconn *pg;
	char   *target;		/* "host=... port=... dbname=... user=..." */
	char   *source_name;	/* "host:port" */
	char   *dbname;
	/*
	 * The connection string as given (NULL: the PG* variables), for the
	 * workers' connections and reconnects. It may hold a password: it
	 * is never logged, stored or shown.
	 */
	char   *conninfo;
	struct scan_transport transport;
	long	catalog_timeout_ms;	/* of discovery and lineage, 0: none */
};

/*
 * --statement-timeout bounds each sample query; the catalog reads that
 * every scan of a database needs (discovery, lineage) get at least this
 * long, so that a short bound for sampling cannot fail a whole database.
 */
#define SCAN_CATALOG_TIMEOUT_MS	60000L

/* A column as discovered. */
struct scan_column {
	char   *name;
	int	attnum;
	char   *data_type;	/* format_type() */
	bool	not_null;
	bool	fetch;		/* its type can hold a classified value */
};

/* A relation as discovered. */
struct scan_relation {
	unsigned int oid;
	char   *schema;
	char   *name;
	char	relkind;	/* r, p, v, m, f */
	bool	populated;	/* matviews: has data */
	char   *parent_schema;	/* partitions: the parent, else NULL */
	char   *parent_name;
	double	reltuples;
	long long relfilenode;	/* sum over the partitions of a parent */
	long long mod_count;	/* rows inserted, updated, deleted; -1 unknown */
	bool	has_children;	/* a parent or a child (pg_inherits) */
	bool	has_triggers;	/* relhastriggers: foreign keys among them */
	bool	bad_name;	/* schema or name not UTF-8: shown escaped */
	char	col_hash[17];	/* digest of its columns and their types */
	struct scan_column *cols;
	size_t	ncols;
};

struct scan_relation_list {
	struct scan_relation *rels;
	size_t	n;
};

/* conn.c */
struct scan_conn *scan_conn_open(const char *conninfo,
    const struct scan_options *opts, struct sift_err *err);
void	scan_conn_free(struct scan_conn *conn);
int	scan_conn_exec(struct scan_conn *conn, const char *sql,
    struct sift_err *err);
int	scan_result_error(const PGresult *res, struct sift_err *err);
bool	scan_conn_ok(const struct scan_conn *conn);
/* Did err, from a query on conn, end its session (see conn.c)? */
bool	scan_conn_lost(const struct scan_conn *conn,
    const struct sift_err *err);
/*
 * Begin a read-only REPEATABLE READ transaction for catalog reads, with
 * the statement timeout of catalog_timeout_ms. Returns 0 or -1 with err.
 */
int	scan_conn_begin_catalog(struct scan_conn *conn, struct sift_err *err);
/* Another session on the database conn is connected to. */
struct scan_conn *scan_conn_again(const struct scan_conn *conn,
    const struct scan_options *opts, struct sift_err *err);
/* Close conn's session, keeping it as a model for scan_conn_again(). */
void	scan_conn_hangup(struct scan_conn *conn);
/*
 * Another session on conn's database, trying a few times, each after a
 * growing pause (see conn.c). Returns it, or NULL with err from the last
 * try.
 */
struct scan_conn *scan_conn_again_patiently(const struct scan_conn *conn,
    const struct scan_options *opts, struct sift_err *err);
/*
 * Replace conn's lost session with a new one on the same database,
 * trying a few times with a growing pause. Returns 0, or -1 with err.
 */
int	scan_conn_reconnect(struct scan_conn *conn,
    const struct scan_options *opts, struct sift_err *err);

/* transport.c */
/*
 * May a connection with these libpq options go ahead? Returns 0, with
 * *require set when sslmode=require must be added (a remote host with
 * sslmode=prefer), or -1 with err (SIFT_E_USAGE) when the options ask
 * for no TLS to a remote host and allow_insecure is off.
 */
int	scan_transport_check(const char *const *keys, const char *const *vals,
    bool allow_insecure, bool *require, struct sift_err *err);
void	scan_transport_describe(PGconn *pg, struct scan_transport *t);

/* discover.c */
int	scan_discover(struct scan_conn *conn, const struct scan_options *opts,
    struct scan_relation_list *list, struct sift_err *err);
void	scan_relation_list_release(struct scan_relation_list *list);
/* Does a relation pass the scan's schema and table patterns? */
bool	scan_wanted(const struct scan_options *opts, const char *schema,
    const char *name);
const char *scan_relkind_name(char relkind);

/* sample.c */
#define SAMPLE_SMALL_PAGES	128	/* 1 MB with 8 kB pages: read whole */
#define SAMPLE_BERNOULLI_PAGES	4096	/* 32 MB: row-level sample */

/* How a relation's sample is drawn. */
struct sample_plan {
	enum { PLAN_FULL, PLAN_BERNOULLI, PLAN_SYSTEM } kind;
	double	percent;	/* TABLESAMPLE percentage */
};

/*
 * Choose the plan for a relation of pages pages (current size) holding
 * about tuples rows, for a sample of want rows.
 */
void	scan_sample_choose(double pages, double tuples, long want,
    struct sample_plan *p);

struct scan_sample_result {
	long long rows;		/* rows read */
	char	method[64];	/* "full", "tablesample bernoulli (2.5%)" */
	int	sparse;		/* columns given a second sample */
};
int	scan_relation_sample(struct scan_conn *conn,
    const struct scan_relation *rel, const struct scan_options *opts,
    struct cls_matcher *m, struct cls_column **cols,
    struct scan_sample_result *res, struct sift_err *err);

#endif /* PGSIFT_SCANNER_INT_H */
