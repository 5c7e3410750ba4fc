/*
 * catalog/open.c: opening, checking, creating and migrating the catalog.
 *
 * Opening is careful not to change a file that is not ours: the file's
 * header is read first (a SQLite file starts with "SQLite format 3" and
 * keeps its application_id at byte 68), and only a pgsift catalog, a new
 * file or an empty SQLite database is ever opened for writing. A catalog
 * from a newer pgsift is refused too, since we cannot know what its
 * schema means.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "common/xmalloc.h"
#include "catalog/catalog-int.h"

/* Fill err with what failed and SQLite's message for cat; returns -1. */
int
catalog_fail(struct catalog *cat, struct sift_err *err, const char *what)
{
	return sift_err_set(err, SIFT_E_CATALOG, "could not %s in catalog \"%s\": %s",
	    what, cat->path, sqlite3_errmsg(cat->db));
}

/* Prepare sql on cat; returns the statement, or NULL with err filled in. */
sqlite3_stmt *
catalog_prepare(struct catalog *cat, const char *sql, struct sift_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(cat->db, sql, -1, &st, NULL) != SQLITE_OK) {
		catalog_fail(cat, err, "prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* A kept statement for a static string (see catalog-int.h). */
sqlite3_stmt *
catalog_cached(struct catalog *cat, const char *sql, struct sift_err *err)
{
	size_t	i;

	for (i = 0; i < CATALOG_CACHED && cat->cache[i].sql != NULL; i++) {
		if (cat->cache[i].sql == sql) {
			sqlite3_reset(cat->cache[i].st);
			sqlite3_clear_bindings(cat->cache[i].st);
			return cat->cache[i].st;
		}
	}
	if (i == CATALOG_CACHED) {
		/* Full: the oldest makes room. */
		sqlite3_finalize(cat->cache[0].st);
		memmove(&cat->cache[0], &cat->cache[1],
		    (CATALOG_CACHED - 1) * sizeof cat->cache[0]);
		i = CATALOG_CACHED - 1;
	}
	cat->cache[i].st = catalog_prepare(cat, sql, err);
	if (cat->cache[i].st == NULL) {
		cat->cache[i].sql = NULL;
		return NULL;
	}
	cat->cache[i].sql = sql;
	return cat->cache[i].st;
}

/* Bind s as text parameter i (a copy), or NULL when s is NULL. */
void
catalog_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Read a big-endian 32-bit number. */
static unsigned long
open_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

/*
 * Run a one-number query on db (a PRAGMA or a count). Returns the number,
 * or -1 on failure.
 */
static long
open_number(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long	v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Fill err with the refusal of a catalog of schema version v; -1. */
static int
open_newer(const char *path, long v, struct sift_err *err)
{
	return sift_err_set(err, SIFT_E_CATALOG, "catalog \"%s\" was written "
	    "by a newer pgsift (schema version %ld, this pgsift knows %d)",
	    path, v, CATALOG_SCHEMA_VERSION);
}

/*
 * Look at an existing, non-empty file without changing it. Returns 0 when
 * it is a pgsift catalog this pgsift can use (or an empty SQLite database
 * we may initialise), or -1 with err saying what it is. The schema
 * version is read from the header (user_version at byte 60), so a newer
 * catalog is refused here too.
 */
static int
open_inspect(const char *path, struct sift_err *err)
{
	unsigned char hdr[100];
	unsigned long appid;
	sqlite3 *db = NULL;
	ssize_t	n;
	long	tables;
	int	fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return sift_err_set(err, SIFT_E_IO, "could not open catalog \"%s\": %s",
		    path, strerror(errno));
	n = read(fd, hdr, sizeof hdr);
	close(fd);
	if (n != (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0)
		return sift_err_set(err, SIFT_E_CATALOG,
		    "\"%s\" is not a pgsift catalog: file is not a database", path);
	appid = open_be32(hdr + 68);
	if (appid == CATALOG_APPLICATION_ID)
		return open_be32(hdr + 60) > CATALOG_SCHEMA_VERSION ?
		    open_newer(path, (long)open_be32(hdr + 60), err) : 0;
	if (appid != 0)
		return sift_err_set(err, SIFT_E_CATALOG,
		    "\"%s\" is not a pgsift catalog: it belongs to another "
		    "program (application_id %lu)", path, appid);
	/*
	 * No application_id in the file header: another program's database,
	 * an empty one, or ours with its header still in the write-ahead log
	 * after a crash. Ask SQLite, which reads the log, read-only.
	 */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return sift_err_set(err, SIFT_E_CATALOG,
		    "could not open catalog \"%s\"", path);
	}
	appid = (unsigned long)open_number(db, "PRAGMA application_id");
	tables = open_number(db, "SELECT count(*) FROM sqlite_master");
	sqlite3_close(db);
	if (appid == CATALOG_APPLICATION_ID || tables == 0)
		return 0;
	return sift_err_set(err, SIFT_E_CATALOG,
	    "\"%s\" is not a pgsift catalog: it is another program's SQLite "
	    "database", path);
}

/*
 * Can a catalog be created at path? Its directory must exist and be
 * writable. Returns 0, or -1 with err naming the directory.
 */
static int
open_dir_ok(const char *path, struct sift_err *err)
{
	struct stat st;
	char   *copy, *dir;
	int	rc = 0;

	copy = xstrdup(path);
	dir = dirname(copy);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		rc = sift_err_set(err, SIFT_E_IO,
		    "could not create catalog \"%s\": directory \"%s\" does "
		    "not exist", path, dir);
	else if (access(dir, W_OK) != 0)
		rc = sift_err_set(err, SIFT_E_IO,
		    "could not create catalog \"%s\": directory \"%s\" is not "
		    "writable", path, dir);
	free(copy);
	return rc;
}

/*
 * Create path with mode 0600, failing if it exists, so that SQLite gives
 * its -wal and -shm files the same mode.
 */
static int
open_create(const char *path, struct sift_err *err)
{
	int	fd;

	if (open_dir_ok(path, err) != 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return sift_err_set(err, SIFT_E_IO,
		    "could not create catalog \"%s\": %s", path, strerror(errno));
	close(fd);
	return 0;
}

/* Could catalog_open(path, CATALOG_WRITE) work? Changes nothing. */
int
catalog_check(const char *path, struct sift_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return sift_err_set(err, SIFT_E_IO,
			    "could not open catalog \"%s\": %s", path,
			    strerror(errno));
		return open_dir_ok(path, err);
	}
	if (!S_ISREG(st.st_mode))
		return sift_err_set(err, SIFT_E_CATALOG,
		    "\"%s\" is not a pgsift catalog: not a regular file", path);
	return st.st_size == 0 ? 0 : open_inspect(path, err);
}

/* Run SQL without results; returns 0 or -1 with err filled in. */
static int
open_exec(struct catalog *cat, const char *sql, const char *what,
    struct sift_err *err)
{
	if (sqlite3_exec(cat->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return catalog_fail(cat, err, what);
	return 0;
}

/*
 * Bring the schema to CATALOG_SCHEMA_VERSION in one transaction. Another
 * pgsift may be doing the same, so the version is read inside it.
 */
static int
open_migrate(struct catalog *cat, struct sift_err *err)
{
	char	sql[128];
	long	v, from;

	/*
	 * Foreign keys are off while tables are rebuilt (a dropped table
	 * would cascade), and checked before the commit when anything was
	 * migrated (the check reads every table: not on every open).
	 */
	if (open_exec(cat, "PRAGMA foreign_keys = OFF", "turn foreign keys off",
	    err) != 0)
		return -1;
	if (open_exec(cat, "BEGIN IMMEDIATE", "start a migration", err) != 0)
		goto fk;
	v = open_number(cat->db, "PRAGMA user_version");
	if (v < 0 || v > CATALOG_SCHEMA_VERSION) {
		sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
		open_newer(cat->path, v, err);
		goto fk;
	}
	for (from = v; v < CATALOG_SCHEMA_VERSION; v++) {
		if (open_exec(cat, catalog_migrations[v], "migrate the schema",
		    err) != 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; "
	    "PRAGMA user_version = %d", CATALOG_APPLICATION_ID,
	    CATALOG_SCHEMA_VERSION);
	if (open_exec(cat, sql, "mark the schema version", err) != 0)
		goto fail;
	if (from > 0 && from < CATALOG_SCHEMA_VERSION &&
	    open_number(cat->db, "SELECT count(*) FROM pragma_foreign_key_check")
	    != 0) {
		sift_err_set(err, SIFT_E_CATALOG, "catalog \"%s\": the migration "
		    "would break foreign keys", cat->path);
		goto fail;
	}
	if (open_exec(cat, "COMMIT", "commit a migration", err) != 0)
		goto fail;
	return open_exec(cat, "PRAGMA foreign_keys = ON",
	    "turn foreign keys on", err);
fail:
	sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
fk:
	sqlite3_exec(cat->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return -1;
}

/* Refuse, in read mode, a schema other than ours. */
static int
open_check_version(struct catalog *cat, struct sift_err *err)
{
	long	v;

	v = open_number(cat->db, "PRAGMA user_version");
	if (v > CATALOG_SCHEMA_VERSION)
		return open_newer(cat->path, v, err);
	if (v < CATALOG_SCHEMA_VERSION)
		return sift_err_set(err, SIFT_E_CATALOG,
		    "catalog \"%s\" has schema version %ld; a scan upgrades it "
		    "to %d", cat->path, v, CATALOG_SCHEMA_VERSION);
	return 0;
}

/* Open, check, create or migrate the catalog at path (see catalog.h). */
struct catalog *
catalog_open(const char *path, enum catalog_mode mode, struct sift_err *err)
{
	struct catalog *cat;
	struct stat st;
	int	flags;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT) {
			sift_err_set(err, SIFT_E_IO, "could not open catalog \"%s\": %s",
			    path, strerror(errno));
			return NULL;
		}
		if (mode == CATALOG_READ) {
			sift_err_set(err, SIFT_E_CATALOG,
			    "catalog \"%s\" does not exist", path);
			return NULL;
		}
		if (open_create(path, err) != 0)
			return NULL;
	} else if (!S_ISREG(st.st_mode)) {
		sift_err_set(err, SIFT_E_CATALOG,
		    "\"%s\" is not a pgsift catalog: not a regular file", path);
		return NULL;
	} else if (st.st_size == 0 && mode == CATALOG_READ) {
		sift_err_set(err, SIFT_E_CATALOG, "catalog \"%s\" is empty", path);
		return NULL;
	} else if (st.st_size > 0 && open_inspect(path, err) != 0)
		return NULL;

	cat = xcalloc(1, sizeof *cat);
	cat->path = xstrdup(path);
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	if (sqlite3_open_v2(path, &cat->db, flags, NULL) != SQLITE_OK) {
		catalog_fail(cat, err, "open the database");
		goto fail;
	}
	sqlite3_busy_timeout(cat->db, 5000);
	if (open_exec(cat, "PRAGMA foreign_keys = ON", "enable foreign keys",
	    err) != 0)
		goto fail;
	if (mode == CATALOG_READ) {
		if (open_check_version(cat, err) != 0)
			goto fail;
		return cat;
	}
	/* A newer schema is refused before anything is written. */
	if (open_number(cat->db, "PRAGMA user_version") > CATALOG_SCHEMA_VERSION) {
		open_check_version(cat, err);
		goto fail;
	}
	/*
	 * Write-ahead logging; and the statement journals that each
	 * relation's savepoint needs kept in memory, not in a temporary file
	 * written page by page (a rescan that carries 1000 relations forward
	 * spent most of its time there).
	 */
	if (open_exec(cat, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY",
	    "enable write-ahead logging", err) != 0)
		goto fail;
	if (open_migrate(cat, err) != 0)
		goto fail;
	return cat;
fail:
	catalog_close(cat);
	return NULL;
}

/* Close the database and free cat; cat may be NULL. */
void
catalog_close(struct catalog *cat)
{
	size_t	i;

	if (cat == NULL)
		return;
	for (i = 0; i < CATALOG_CACHED; i++)
		sqlite3_finalize(cat->cache[i].st);
	sqlite3_close(cat->db);
	free(cat->path);
	free(cat);
}

/* Start a write transaction, taking the write lock now. */
int
catalog_begin(struct catalog *cat, struct sift_err *err)
{
	char	sql[32];

	if (cat->depth > 0) {
		/* Inside another: a savepoint, so it can be undone alone. */
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", cat->depth);
		if (open_exec(cat, sql, "begin a transaction", err) != 0)
			return -1;
	} else if (open_exec(cat, "BEGIN IMMEDIATE", "begin a transaction",
	    err) != 0)
		return -1;
	cat->depth++;
	return 0;
}

/* Commit the transaction catalog_begin() started (or release its savepoint). */
int
catalog_commit(struct catalog *cat, struct sift_err *err)
{
	char	sql[32];

	if (cat->depth > 1) {
		snprintf(sql, sizeof sql, "RELEASE s%d", cat->depth - 1);
		if (open_exec(cat, sql, "commit", err) != 0)
			return -1;
		cat->depth--;
		return 0;
	}
	if (open_exec(cat, "COMMIT", "commit", err) != 0)
		return -1;
	cat->depth = 0;
	return 0;
}

/* Abandon the transaction or savepoint; errors are ignored. */
void
catalog_rollback(struct catalog *cat)
{
	char	sql[64];

	if (cat->depth > 1) {
		snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d",
		    cat->depth - 1, cat->depth - 1);
		sqlite3_exec(cat->db, sql, NULL, NULL, NULL);
		cat->depth--;
		return;
	}
	sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
	cat->depth = 0;
}
