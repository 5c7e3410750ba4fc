/*
 * tests/unit/catalog/test-catalog.c: opening, refusing, creating and
 * migrating catalogs, and writing a scan and reading it back.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalog/catalog.h"
#include "catalog/catalog-int.h"
#include "tests/lib/tap.h"

static char dir[256];

/* A path inside the test's temporary directory. */
static const char *
path_in(const char *name)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

/* The whole content of a file, caller frees; NULL if unreadable. */
static char *
slurp(const char *path, long *len)
{
	FILE   *f = fopen(path, "rb");
	char   *buf;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)*len + 1);
	if (fread(buf, 1, (size_t)*len, f) != (size_t)*len)
		*len = -1;
	fclose(f);
	return buf;
}

/* Run SQL on a file with SQLite directly. */
static int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int	rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Does opening path for writing fail, leaving its bytes unchanged? */
static void
refused_unchanged(const char *path, const char *what, const char *needle)
{
	struct catalog *cat;
	struct sift_err err;
	char   *before, *after;
	long	lb, la;
	char	wal[600];

	before = slurp(path, &lb);
	cat = catalog_open(path, CATALOG_WRITE, &err);
	tap_ok(cat == NULL && err.code == SIFT_E_CATALOG, "%s is refused", what);
	if (!tap_ok(strstr(err.msg, needle) != NULL, "...saying \"%s\"", needle))
		tap_diag("message: %s", err.msg);
	catalog_close(cat);
	after = slurp(path, &la);
	tap_ok(before && after && lb == la && memcmp(before, after,
	    (size_t)lb) == 0, "...and left byte for byte as it was");
	snprintf(wal, sizeof wal, "%s-journal", path);
	tap_ok(access(wal, F_OK) != 0, "...with no journal left beside it");
	free(before);
	free(after);
}

static void
test_open(void)
{
	struct catalog *cat;
	struct sift_err err;
	struct stat st;
	FILE   *f;

	cat = catalog_open(path_in("new.db"), CATALOG_WRITE, &err);
	tap_ok(cat != NULL, "a new catalog is created");
	catalog_close(cat);
	tap_ok(stat(path_in("new.db"), &st) == 0 && (st.st_mode & 0777) == 0600,
	    "...with mode 0600");
	cat = catalog_open(path_in("new.db"), CATALOG_READ, &err);
	tap_ok(cat != NULL, "it opens again for reading");
	catalog_close(cat);
	cat = catalog_open(path_in("new.db"), CATALOG_WRITE, &err);
	tap_ok(cat != NULL, "...and for writing");
	catalog_close(cat);

	cat = catalog_open(path_in("missing.db"), CATALOG_READ, &err);
	tap_ok(cat == NULL && err.code == SIFT_E_CATALOG &&
	    strstr(err.msg, "does not exist") != NULL,
	    "reading a missing catalog fails: %s", err.msg);
	tap_ok(access(path_in("missing.db"), F_OK) != 0, "...and creates nothing");
	cat = catalog_open(path_in("no/such/dir/x.db"), CATALOG_WRITE, &err);
	tap_ok(cat == NULL && err.code == SIFT_E_IO &&
	    strstr(err.msg, "directory") != NULL,
	    "a missing directory is named: %s", err.msg);

	f = fopen(path_in("text.db"), "w");
	fputs("hello, I am a text file and not a database at all\n", f);
	fclose(f);
	refused_unchanged(path_in("text.db"), "a text file", "not a database");
	raw_exec(path_in("other.db"), "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	refused_unchanged(path_in("other.db"), "another program's SQLite file",
	    "not a pgsift catalog");
	raw_exec(path_in("appid.db"),
	    "PRAGMA application_id = 42; CREATE TABLE t (x)");
	refused_unchanged(path_in("appid.db"), "a file with another application_id",
	    "another program");
	cat = catalog_open(path_in("newer.db"), CATALOG_WRITE, &err);
	catalog_close(cat);
	raw_exec(path_in("newer.db"),
	    "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
	refused_unchanged(path_in("newer.db"), "a catalog from a newer pgsift",
	    "newer pgsift");
	cat = catalog_open(path_in("newer.db"), CATALOG_READ, &err);
	tap_ok(cat == NULL && strstr(err.msg, "newer") != NULL,
	    "...also when only reading");

	tap_ok(catalog_check(path_in("new.db"), &err) == 0,
	    "catalog_check accepts an existing catalog");
	tap_ok(catalog_check(path_in("fresh.db"), &err) == 0 &&
	    access(path_in("fresh.db"), F_OK) != 0,
	    "catalog_check accepts a new path, creating nothing");
	tap_ok(catalog_check(path_in("text.db"), &err) == -1 &&
	    err.code == SIFT_E_CATALOG, "catalog_check refuses a text file");
	tap_ok(catalog_check(path_in("newer.db"), &err) == -1 &&
	    strstr(err.msg, "newer") != NULL,
	    "catalog_check refuses a newer catalog");
	tap_ok(catalog_check(path_in("no/such/dir/x.db"), &err) == -1 &&
	    err.code == SIFT_E_IO, "catalog_check refuses a missing directory");

	f = fopen(path_in("empty.db"), "w");
	fclose(f);
	cat = catalog_open(path_in("empty.db"), CATALOG_WRITE, &err);
	tap_ok(cat != NULL, "an empty file becomes a catalog");
	catalog_close(cat);
	raw_exec(path_in("blank.db"), "PRAGMA user_version = 0");
	cat = catalog_open(path_in("blank.db"), CATALOG_WRITE, &err);
	tap_ok(cat != NULL, "an empty SQLite database becomes a catalog");
	catalog_close(cat);
}

/* Counts what catalog_columns_foreach() hands over. */
struct seen {
	int	columns;
	int	findings;
	char	order[256];
	char	skipped[128];
	char	best[64];
};

static int
on_column(const struct catalog_column_view *c, void *arg, struct sift_err *err)
{
	struct seen *s = arg;

	(void)err;
	s->columns++;
	s->findings += (int)c->nfindings;
	strncat(s->order, c->column, sizeof s->order - strlen(s->order) - 2);
	strcat(s->order, ",");
	if (c->skipped)
		snprintf(s->skipped, sizeof s->skipped, "%s", c->skipped);
	if (c->nfindings > 0)
		snprintf(s->best, sizeof s->best, "%s", c->findings[0].type);
	return 0;
}

static void
test_write_read(void)
{
	struct catalog *cat;
	struct sift_err err;
	struct catalog_scan_info info;
	struct catalog_relation rel = { 0 };
	struct catalog_column col = { 0 };
	struct catalog_classification cl = { 0 };
	struct seen s = { 0 };
	int64_t	scan, src, src2, r1, r2, c1, c2;

	cat = catalog_open(path_in("w.db"), CATALOG_WRITE, &err);
	tap_ok(catalog_scan_get(cat, 0, &info, &err) == -1 &&
	    err.code == SIFT_E_NOTFOUND, "an empty catalog has no latest scan");
	tap_ok(catalog_scan_begin(cat, "{\"sample_rows\":10}", &scan, &err) == 0,
	    "a scan begins");
	tap_ok(catalog_source_put(cat, "db1:5432", "host=db1 port=5432", &src,
	    &err) == 0, "a source is recorded");
	catalog_source_put(cat, "db1:5432", "host=db1 port=5432 user=x", &src2,
	    &err);
	tap_is_int(src2, src, "the same source name gives the same id");

	catalog_begin(cat, &err);
	rel.scan_id = scan;
	rel.source_id = src;
	rel.database = "shop";
	rel.schema = "public";
	rel.name = "customers";
	rel.kind = "table";
	rel.reltuples = 100;
	rel.rows_sampled = 100;
	rel.sample_method = "full";
	tap_ok(catalog_relation_put(cat, &rel, &r1, &err) == 0,
	    "a relation is recorded");
	col.relation_id = r1;
	col.name = "phone";
	col.attnum = 2;
	col.data_type = "text";
	col.values_sampled = 90;
	catalog_column_put(cat, &col, &c2, &err);
	col.name = "email";
	col.attnum = 1;
	tap_ok(catalog_column_put(cat, &col, &c1, &err) == 0,
	    "a column is recorded");
	cl.column_id = c1;
	cl.type = "PHONE_NUMBER";
	cl.likelihood = "POSSIBLE";
	cl.score = 0.5;
	cl.evidence = "values";
	cl.sensitivity = "confidential";
	catalog_classification_put(cat, &cl, &err);
	cl.type = "EMAIL_ADDRESS";
	cl.likelihood = "VERY_LIKELY";
	cl.score = 0.97;
	cl.evidence = "values,column_name";
	cl.name_tokens = "email";
	tap_ok(catalog_classification_put(cat, &cl, &err) == 0,
	    "a classification is recorded");
	rel.name = "secrets";
	rel.rows_sampled = -1;
	rel.sample_method = NULL;
	catalog_relation_put(cat, &rel, &r2, &err);
	tap_ok(catalog_relation_skip(cat, r2, "permission denied", true, &err) == 0,
	    "a skip is recorded");
	col.relation_id = r2;
	col.name = "ssn";
	col.values_sampled = -1;
	catalog_column_put(cat, &col, &c1, &err);
	tap_ok(catalog_commit(cat, &err) == 0, "the transaction commits");

	catalog_begin(cat, &err);
	rel.name = "ghost";
	catalog_relation_put(cat, &rel, &r2, &err);
	catalog_rollback(cat);
	tap_ok(catalog_scan_finish(cat, scan, "partial", NULL, &err) == 0,
	    "the scan finishes");

	tap_ok(catalog_scan_get(cat, 0, &info, &err) == 0 && info.id == scan,
	    "the latest scan is found");
	tap_is_str(info.status, "partial", "...with its status");
	tap_ok(strlen(info.started_at) == 20 && info.started_at[19] == 'Z',
	    "...and RFC 3339 UTC times (%s)", info.started_at);
	tap_ok(catalog_scan_get(cat, 42, &info, &err) == -1 &&
	    err.code == SIFT_E_NOTFOUND && strstr(err.msg, "42") != NULL,
	    "a missing scan is not found: %s", err.msg);

	tap_ok(catalog_columns_foreach(cat, scan, on_column, &s, &err) == 0,
	    "the scan's columns can be walked");
	tap_is_int(s.columns, 3, "...all three, and not the rolled-back relation");
	tap_is_str(s.order, "email,phone,ssn,", "...in table then attnum order");
	tap_is_int(s.findings, 2, "...with their classifications");
	tap_is_str(s.best, "EMAIL_ADDRESS", "...the best score first");
	tap_is_str(s.skipped, "permission denied", "...and the skip reason");
	catalog_close(cat);
}

/* One number from a catalog, read outside pgsift; -1 on error. */
static long
raw_number(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long	v = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/*
 * A catalog of schema version 1, with a scan in it, is migrated to the
 * current version by a write open, its scans and classifications kept; a
 * json path can then sit beside its column.
 */
static void
test_migrate_v1(void)
{
	const char *path = path_in("v1.db");
	struct catalog_column col = { 0 };
	struct sift_err err = { 0 };
	struct catalog *cat;
	struct seen s = { 0 };
	char	sql[4096];
	int64_t	id;

	snprintf(sql, sizeof sql, "%s"
	    "INSERT INTO sources VALUES (1, 'db1:5432', 'host=db1', 'x');"
	    "INSERT INTO scans VALUES (1, '2026-01-01T00:00:00Z', NULL,"
	    "  'completed', '{}', '0.1');"
	    "INSERT INTO relations (id, scan_id, source_id, database, schema,"
	    "  name, kind) VALUES (1, 1, 1, 'shop', 'public', 'customers',"
	    "  'table');"
	    "INSERT INTO columns VALUES (1, 1, 2, 'email', 'text', 0, 10);"
	    "INSERT INTO columns VALUES (2, 1, 3, 'profile', 'jsonb', 0, 10);"
	    "INSERT INTO classifications (column_id, type, likelihood, score,"
	    "  match_ratio, values_seen, matched, validated, distinct_count,"
	    "  evidence, sensitivity) VALUES (1, 'EMAIL_ADDRESS',"
	    "  'VERY_LIKELY', 0.99, 1, 10, 10, 10, 10, 'values',"
	    "  'confidential');"
	    "PRAGMA application_id = %d; PRAGMA user_version = 1;",
	    catalog_migrations[0], CATALOG_APPLICATION_ID);
	if (!tap_ok(raw_exec(path, sql) == 0, "a version 1 catalog is made"))
		return;
	cat = catalog_open(path, CATALOG_WRITE, &err);
	if (!tap_ok(cat != NULL, "a write open migrates it"))
		return;
	tap_is_int(raw_number(path, "PRAGMA user_version"),
	    CATALOG_SCHEMA_VERSION, "...to the current schema version");
	tap_ok(catalog_columns_foreach(cat, 1, on_column, &s, &err) == 0,
	    "...and its scan can be read");
	tap_is_int(s.columns, 2, "...with both its columns");
	tap_is_int(s.findings, 1, "...and its classification kept");
	catalog_begin(cat, &err);
	col.relation_id = 1;
	col.attnum = 3;
	col.name = "profile.contact.email";
	col.data_type = "text";
	col.path = "contact.email";
	col.values_sampled = 10;
	tap_ok(catalog_column_put(cat, &col, &id, &err) == 0,
	    "a json path is recorded beside its column: %s", err.msg);
	tap_ok(catalog_column_put(cat, &col, &id, &err) != 0,
	    "...but only once");
	catalog_rollback(cat);
	catalog_close(cat);
	tap_is_int(raw_number(path, "SELECT count(*) FROM "
	    "pragma_foreign_key_check"), 0, "no foreign key is broken");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char	cmd[300];

	snprintf(dir, sizeof dir, "%s/pgsift-catalog-XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return tap_skip_all("no temporary directory");
	test_open();
	test_write_read();
	test_migrate_v1();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	return tap_done();
}
