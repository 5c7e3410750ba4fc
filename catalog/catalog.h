/*
 * catalog/catalog.h: the SQLite file that keeps every scan.
 *
 * It holds sources (connection targets without any secret), scans with
 * their status and timings, relations, columns, classifications with the
 * evidence behind them, skipped relations with their reasons, and column
 * lineage. It never holds a sampled value.
 *
 * One struct catalog is used by one thread at a time.
 */
#ifndef PGSIFT_CATALOG_H
#define PGSIFT_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"

/* The newest schema version this build writes (PRAGMA user_version). */
#define CATALOG_SCHEMA_VERSION 7

enum catalog_mode {
	CATALOG_READ,		/* the file must exist and be a pgsift catalog */
	CATALOG_WRITE		/* create it (mode 0600) if missing; migrate */
};

/*
 * Open the catalog at path. A missing directory, a file that is not a
 * SQLite database, a SQLite database that is not a pgsift catalog, or a
 * catalog from a newer pgsift is refused with err filled in (code
 * SIFT_E_CATALOG or SIFT_E_IO) and the file is left untouched. In
 * CATALOG_WRITE mode a missing file is created with mode 0600, WAL mode is
 * turned on, and an older schema is migrated forward in one transaction.
 * Returns a catalog the caller frees with catalog_close(), or NULL.
 */
struct catalog *catalog_open(const char *path, enum catalog_mode mode,
    struct sift_err *err);
void	catalog_close(struct catalog *cat);

/*
 * Check, without creating or changing anything, that catalog_open(path,
 * CATALOG_WRITE) could work: an existing file is a pgsift catalog of a
 * schema this pgsift knows (or empty), a missing one has an existing,
 * writable directory. Returns 0, or -1 with err as catalog_open() would
 * fill it.
 */
int	catalog_check(const char *path, struct sift_err *err);

/*
 * Group writes: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on failure.
 * They nest: inside another, they are a savepoint, released by commit
 * and undone alone by rollback; only the outermost commit writes.
 */
int	catalog_begin(struct catalog *cat, struct sift_err *err);
int	catalog_commit(struct catalog *cat, struct sift_err *err);
void	catalog_rollback(struct catalog *cat);

/*
 * Start a scan: a row with status "running", started_at now (UTC), and the
 * options it ran with (a JSON text, copied). Sets *scan_id.
 */
int	catalog_scan_begin(struct catalog *cat, const char *options_json,
    int64_t *scan_id, struct sift_err *err);

/*
 * End a scan: status "completed", "partial" or "failed", finished_at now,
 * and its counts (a JSON text, copied; NULL to leave them).
 */
int	catalog_scan_finish(struct catalog *cat, int64_t scan_id,
    const char *status, const char *stats_json, struct sift_err *err);

/*
 * Record a source by name (insert, or reuse the row with that name and
 * update its target). target describes the connection with every secret
 * removed ("host=db1 port=5432 dbname=shop user=scan"). Sets *source_id.
 */
int	catalog_source_put(struct catalog *cat, const char *name,
    const char *target, int64_t *source_id, struct sift_err *err);

/* How one database of a scan was reached (schema 7, "connections"). */
struct catalog_connection {
	int64_t	scan_id;
	int64_t	source_id;
	const char *source;		/* its name, when read */
	const char *database;
	const char *host;		/* host name or socket directory */
	bool	local;			/* a local socket or loopback */
	bool	tls;
	const char *tls_version;	/* NULL without TLS */
	const char *tls_cipher;
	const char *server_verified;	/* "full", "ca", "none" */
};
int	catalog_connection_put(struct catalog *cat,
    const struct catalog_connection *c, struct sift_err *err);

/* Call fn for each connection of scan_id, by source and database. */
typedef int (*catalog_connection_fn)(const struct catalog_connection *c,
    void *arg, struct sift_err *err);
int	catalog_connections_foreach(struct catalog *cat, int64_t scan_id,
    catalog_connection_fn fn, void *arg, struct sift_err *err);

/*
 * Resuming an interrupted scan (catalog/resume.c). The scan to resume is
 * the latest one when it is still "running" (its process was killed) or
 * "partial" with "interrupted" in its stats or relations it did not
 * reach ("not scanned: ...", its server went away); anything else is
 * SIFT_E_NOTFOUND, saying why. Reopening marks it running again.
 */
int	catalog_scan_resumable(struct catalog *cat, int64_t *scan_id,
    struct sift_err *err);
int	catalog_scan_reopen(struct catalog *cat, int64_t scan_id,
    struct sift_err *err);

/*
 * Does scan_id hold a finished record of the relation? Returns 1 when
 * it does; 0 when it holds none, or one whose skip reason starts with
 * not_scanned, which is deleted (columns and classifications with it);
 * -1 on error.
 */
int	catalog_relation_done(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, const char *schema,
    const char *name, const char *not_scanned, struct sift_err *err);

/* Forget the lineage edges scan_id recorded for a source's database. */
int	catalog_lineage_clear(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err);

/* A relation as one scan found it. Strings are copied. */
struct catalog_relation {
	int64_t	scan_id;
	int64_t	source_id;
	const char *database;
	const char *schema;
	const char *name;
	const char *kind;	/* "table", "partitioned_table", "view",
				   "materialized_view", "foreign_table" */
	const char *parent_schema;	/* partition parent, or NULL */
	const char *parent_name;
	double	reltuples;	/* pg_class.reltuples; -1 if unknown */
	long long rows_sampled;	/* rows read; -1 if not sampled */
	const char *sample_method;	/* "full", "tablesample system", ... */
	/* Its fingerprint, to tell at the next scan whether it changed. */
	long long relfilenode;	/* sum over partitions for a parent */
	long long mod_count;	/* rows inserted, updated, deleted; -1 unknown */
	const char *col_hash;	/* its columns and their types */
	const char *ruleset;	/* the rules and sample size it ran with */
};
int	catalog_relation_put(struct catalog *cat,
    const struct catalog_relation *rel, int64_t *relation_id,
    struct sift_err *err);

/*
 * The latest record of a relation before scan_id (any scan of the same
 * source and database), to decide whether a rescan may carry it forward.
 */
struct catalog_previous {
	int64_t	relation_id;
	int64_t	scan_id;
	int64_t	sampled_scan_id;	/* 0: it holds no sample */
	long long relfilenode;
	long long mod_count;		/* -1: unknown */
	char	col_hash[64];
	char	ruleset[128];
	bool	removed;
};
/* Returns 1 and fills prev when found, 0 when not, -1 on error. */
int	catalog_relation_previous(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, const char *schema,
    const char *name, struct catalog_previous *prev, struct sift_err *err);

/*
 * Carry relations forward into scan_id, n of them, by the ids of their
 * earlier records: each record, its columns and its classifications
 * (those from its values and names; lineage is derived again), marked
 * with the scan whose sample it holds. A few statements for them all, in
 * the caller's transaction. *classified is set to the number of their
 * columns with a classification.
 */
int	catalog_relations_carry(struct catalog *cat, int64_t scan_id,
    const int64_t *prev_ids, size_t n, long *classified,
    struct sift_err *err);

/*
 * Mark as removed, in scan_id, the relations of the source and database
 * that the previous scan of them recorded and this one did not, when
 * wanted(schema, name, arg) says this scan would have looked at them.
 * Their columns are copied, their classifications are not. Returns the
 * number marked, or -1.
 */
typedef bool (*catalog_wanted_fn)(const char *schema, const char *name,
    void *arg);
long	catalog_mark_removed(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, catalog_wanted_fn wanted,
    void *arg, struct sift_err *err);

/* Set the number of rows and the method a relation was sampled with. */
int	catalog_relation_sampled(struct catalog *cat, int64_t relation_id,
    long long rows_sampled, const char *sample_method, struct sift_err *err);

/*
 * Mark a relation skipped with a one-line reason. error is true when the
 * skip is a failure (permission denied, timeout) that makes the scan
 * partial, false when it is by design (views and foreign tables are not
 * sampled, partitions are sampled through their parent).
 */
int	catalog_relation_skip(struct catalog *cat, int64_t relation_id,
    const char *reason, bool error, struct sift_err *err);

/* A column of a relation. Strings are copied. */
struct catalog_column {
	int64_t	relation_id;
	const char *name;
	int	attnum;
	const char *data_type;	/* format_type() text */
	bool	not_null;
	long long values_sampled;	/* non-NULL values looked at; -1 if not */
	const char *path;	/* inside a json column, or NULL for itself */
};
int	catalog_column_put(struct catalog *cat, const struct catalog_column *col,
    int64_t *column_id, struct sift_err *err);

/*
 * A lineage edge: values of the up column reach the down column
 * (down_column "" for a filter edge of a view as a whole). kind is
 * copy, expression, aggregate, filter, foreign_key, partition,
 * inheritance or foreign_table; keeps says whether the values survive
 * the way; via names the functions on it.
 */
struct catalog_lineage {
	int64_t	scan_id;
	int64_t	source_id;
	const char *database;
	const char *down_schema, *down_table, *down_column;
	const char *up_schema, *up_table, *up_column;
	const char *kind;
	bool	keeps;
	const char *via;
};
int	catalog_lineage_put(struct catalog *cat, const struct catalog_lineage *l,
    struct sift_err *err);

/*
 * Let classifications follow lineage within one scan and database: a
 * column downstream of a LIKELY or VERY_LIKELY classified column by a
 * copy (or an expression or aggregate that keeps the values) gets the
 * classification with evidence "lineage" and the chain of columns in
 * via; partitions get their parent's. Repeats until nothing changes (views on
 * views). Returns 0, or -1 with err filled in.
 */
int	catalog_lineage_propagate(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err);

/*
 * A reviewer's decision on one type for one column, kept across scans:
 * a confirmed type is reported whatever the values say (evidence
 * "manual"), a rejected one never again. A later decision on the same
 * column and type replaces the earlier one.
 */
struct catalog_review {
	const char *source, *database, *schema, *table, *column;
	const char *type;
	const char *decision;		/* "confirmed" or "rejected" */
	const char *sensitivity;	/* for a confirmed type not found */
	const char *note;
	const char *reviewer;
	const char *reviewed_at;	/* filled in when read */
};
int	catalog_review_put(struct catalog *cat, const struct catalog_review *r,
    struct sift_err *err);

/* Call fn for every review, oldest first. */
typedef int (*catalog_review_fn)(const struct catalog_review *r, void *arg,
    struct sift_err *err);
int	catalog_reviews_foreach(struct catalog *cat, catalog_review_fn fn,
    void *arg, struct sift_err *err);

/*
 * Apply the reviews to the classifications of scan_id (one source and
 * database, or all when database is NULL): mark rejected ones, mark
 * confirmed ones (evidence "manual" added) and add confirmed types that
 * were not found. Returns 0, or -1.
 */
int	catalog_reviews_apply(struct catalog *cat, int64_t scan_id,
    int64_t source_id, const char *database, struct sift_err *err);

/*
 * Find the sources and databases of scan_id holding
 * schema.table.column (database may be NULL for any). Returns the
 * number found (0, 1, or more when ambiguous), filling the first into
 * source and db (each size bytes); -1 on error.
 */
long	catalog_column_locate(struct catalog *cat, int64_t scan_id,
    const char *database, const char *schema, const char *table,
    const char *column, char *source, char *db, size_t size,
    struct sift_err *err);

/* One difference between two scans (see catalog_diff()). */
struct catalog_change {
	const char *what;	/* "relation", "column", "classification" */
	const char *change;	/* "new", "dropped", "altered", "removed",
				   "likelihood" */
	const char *source, *database, *schema, *table;
	const char *column;	/* NULL for a relation */
	const char *type;	/* classifications */
	const char *before, *after;	/* what changed, when it did */
};
typedef int (*catalog_change_fn)(const struct catalog_change *c, void *arg,
    struct sift_err *err);

/*
 * The differences from scan a to scan b: relations and columns new,
 * dropped or altered (types), classifications new, removed (no longer
 * found) or of another likelihood. Rejected classifications do not
 * count. Returns 0, or -1.
 */
int	catalog_diff(struct catalog *cat, int64_t a, int64_t b,
    catalog_change_fn fn, void *arg, struct sift_err *err);

/*
 * The last scan before scan_id that finished, completed or partial (0 if
 * none), for diffs: a scan still running, killed or failed is no base.
 */
int64_t	catalog_scan_before(struct catalog *cat, int64_t scan_id);

/* A classification of a column and its evidence. Strings are copied. */
struct catalog_classification {
	int64_t	column_id;
	const char *type;		/* id from spec/types.md */
	const char *likelihood;		/* "VERY_UNLIKELY" .. "VERY_LIKELY" */
	double	score;
	double	match_ratio;
	long long values;		/* non-NULL values looked at */
	long long matched;
	long long validated;
	long long distinct_count;
	const char *evidence;		/* comma-separated: "values,column_name" */
	const char *name_tokens;	/* name tokens matched, or "" */
	const char *sensitivity;	/* "confidential", ... */
	const char *examples;		/* JSON array of masked examples, or NULL */
};
int	catalog_classification_put(struct catalog *cat,
    const struct catalog_classification *c, struct sift_err *err);

/* A scan as the catalog keeps it. */
struct catalog_scan_info {
	int64_t	id;
	char	started_at[32];		/* RFC 3339 UTC */
	char	finished_at[32];	/* "" while running */
	char	status[16];		/* running, completed, partial, failed */
};

/*
 * Read scan scan_id, or the latest scan when scan_id is 0. No such scan
 * (or an empty catalog) gives -1 with code SIFT_E_NOTFOUND.
 */
int	catalog_scan_get(struct catalog *cat, int64_t scan_id,
    struct catalog_scan_info *info, struct sift_err *err);

/* One classification as reports read it; strings borrowed. */
struct catalog_finding {
	const char *type;
	const char *likelihood;
	const char *sensitivity;
	const char *evidence;
	const char *name_tokens;
	double	score;
	double	match_ratio;
	long long matched;
	long long validated;
	long long distinct_count;
	const char *via;		/* lineage: the columns it came by */
	const char *review;		/* "confirmed", "rejected" or NULL */
	const char *reviewer, *reviewed_at, *review_note;
	const char *examples;		/* JSON array of masked examples */
};

/* A lineage edge as seen from one column: the column at its other end. */
struct catalog_edge {
	const char *database;
	const char *schema;
	const char *table;
	const char *column;		/* "" for a view as a whole (filter) */
	const char *kind;
	bool	keeps;
	const char *via;
};

/*
 * The edges one step from a column in a scan: upstream (where its values
 * come from) or downstream (where they go, filters included). database
 * may be NULL for any. Each edge names its far end, in the near end's
 * database. Strings are copies, freed with catalog_edges_free().
 * Returns the count, or -1 with err filled in.
 */
long	catalog_lineage_step(struct catalog *cat, int64_t scan_id,
    const char *database, const char *schema, const char *table,
    const char *column, bool upstream, struct catalog_edge **edges,
    struct sift_err *err);
void	catalog_edges_free(struct catalog_edge *edges, size_t n);

/* One column of a scan with its classifications; strings borrowed. */
struct catalog_column_view {
	const char *source;
	const char *database;
	const char *schema;
	const char *table;
	const char *relkind;
	const char *column;	/* "profile.contact.email" for a JSON path */
	const char *data_type;
	const char *path;	/* "contact.email", or NULL */
	int	attnum;
	long long values_sampled;	/* -1 if not sampled */
	const char *skipped;		/* relation's skip reason, or NULL */
	int64_t	sampled_scan_id;	/* scan whose sample it holds; 0 none */
	bool	removed;		/* gone from the database */
	size_t	nfindings;
	const struct catalog_finding *findings;	/* best score first */
	size_t	nrejected;
	const struct catalog_finding *rejected;	/* rejected by a reviewer */
	size_t	nupstream, ndownstream;
	const struct catalog_edge *upstream;	/* where its values come from */
	const struct catalog_edge *downstream;	/* where they go */
};

/*
 * Call fn for every column of scan scan_id, ordered by source, database,
 * schema, table and attnum. Pointers in the view are valid only during
 * the call. fn returns 0 to go on or -1 (with err filled) to stop; the
 * -1 is passed back.
 */
typedef int (*catalog_column_fn)(const struct catalog_column_view *col,
    void *arg, struct sift_err *err);
int	catalog_columns_foreach(struct catalog *cat, int64_t scan_id,
    catalog_column_fn fn, void *arg, struct sift_err *err);

#endif /* PGSIFT_CATALOG_H */
