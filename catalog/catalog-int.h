/*
 * catalog/catalog-int.h: what the catalog's files share.
 */
#ifndef PGSIFT_CATALOG_INT_H
#define PGSIFT_CATALOG_INT_H

#include <sqlite3.h>

#include "catalog/catalog.h"

/* "PGSF": marks a SQLite file as a pgsift catalog (PRAGMA application_id). */
#define CATALOG_APPLICATION_ID 0x50475346

/* Now, as RFC 3339 UTC, in SQL. */
#define CATALOG_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

#define CATALOG_CACHED	32	/* statements kept prepared */

struct catalog {
	sqlite3 *db;
	char   *path;
	int	depth;		/* nested catalog_begin() calls */
	struct {
		const char *sql;	/* by address: static strings only */
		sqlite3_stmt *st;
	} cache[CATALOG_CACHED];
};

/*
 * A statement for a SQL string with a fixed address (a literal or a
 * static array), prepared once per catalog and
 * kept: returned reset, with no bindings. The caller must not finalize
 * it, and should sqlite3_reset() it when done. NULL with err on error.
 */
sqlite3_stmt *catalog_cached(struct catalog *cat, const char *sql,
    struct sift_err *err);

/* schema.c: the forward migrations; migration i brings version i to i+1. */
extern const char *const catalog_migrations[];

/* Fill err from the connection's last error, with context; returns -1. */
int	catalog_fail(struct catalog *cat, struct sift_err *err,
    const char *what);

/* Prepare sql or fill err; returns the statement or NULL. */
sqlite3_stmt *catalog_prepare(struct catalog *cat, const char *sql,
    struct sift_err *err);

/* lineage.c: an edge from a row (database, schema, table, column,
 * kind, keeps, via), its strings copied. */
void	catalog_edge_read(sqlite3_stmt *st, struct catalog_edge *e);

/* lineage.c: free the strings of n edges, not the array. */
void	catalog_edges_release(struct catalog_edge *edges, size_t n);

/* Bind a text value, or NULL when s is NULL. */
void	catalog_bind_text(sqlite3_stmt *st, int i, const char *s);

#endif /* PGSIFT_CATALOG_INT_H */
