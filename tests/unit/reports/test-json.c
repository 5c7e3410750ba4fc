/*
 * tests/unit/reports/test-json.c: the JSON report of a scan built through
 * the catalog API, parsed back with cJSON and checked field by field
 * against the contract; and atomic writing to a file.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "catalog/catalog.h"
#include "reports/reports.h"
#include "tests/lib/tap.h"

static char dir[256];

/* Build a catalog with one scan: a classified column and a skipped table. */
static struct catalog *
fixture(const char *path, int64_t *scan)
{
	struct catalog *cat;
	struct sift_err err;
	struct catalog_relation rel = { 0 };
	struct catalog_column col = { 0 };
	struct catalog_classification cl = { 0 };
	int64_t	src, r, c;

	cat = catalog_open(path, CATALOG_WRITE, &err);
	catalog_scan_begin(cat, "{}", scan, &err);
	catalog_source_put(cat, "db1:5432", "host=db1 port=5432", &src, &err);
	rel.scan_id = *scan;
	rel.source_id = src;
	rel.database = "shop";
	rel.schema = "public";
	rel.name = "<script>alert(1)</script>";
	rel.kind = "table";
	rel.rows_sampled = 10;
	rel.sample_method = "full";
	catalog_relation_put(cat, &rel, &r, &err);
	col.relation_id = r;
	col.name = "email";
	col.attnum = 1;
	col.data_type = "text";
	col.values_sampled = 10;
	catalog_column_put(cat, &col, &c, &err);
	cl.column_id = c;
	cl.type = "EMAIL_ADDRESS";
	cl.likelihood = "VERY_LIKELY";
	cl.score = 0.96666;
	cl.match_ratio = 0.9;
	cl.values = 10;
	cl.matched = 9;
	cl.validated = 9;
	cl.distinct_count = 9;
	cl.evidence = "values,column_name";
	cl.name_tokens = "email";
	cl.sensitivity = "confidential";
	catalog_classification_put(cat, &cl, &err);
	col.name = "note";
	col.attnum = 2;
	catalog_column_put(cat, &col, &c, &err);
	rel.schema = "secret";
	rel.name = "payroll";
	rel.rows_sampled = -1;
	catalog_relation_put(cat, &rel, &r, &err);
	catalog_relation_skip(cat, r, "permission denied for schema secret",
	    true, &err);
	col.relation_id = r;
	col.name = "ssn";
	col.attnum = 1;
	col.values_sampled = -1;
	catalog_column_put(cat, &col, &c, &err);
	catalog_scan_finish(cat, *scan, "partial", NULL, &err);
	return cat;
}

/* Field of obj as a string, or "" */
static const char *
str(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static double
num(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNumber(v) ? v->valuedouble : -999;
}

static void
test_contract(struct catalog *cat, int64_t scan)
{
	struct sift_err err;
	char   *buf = NULL;
	size_t	len = 0;
	FILE   *f;
	cJSON  *root, *s, *cols, *c0, *cl, *ev, *c2;

	f = open_memstream(&buf, &len);
	tap_ok(report_write(cat, 0, REPORT_JSON, f, &err) == 0,
	    "the report of the latest scan is written");
	fclose(f);
	root = cJSON_Parse(buf);
	if (!tap_ok(root != NULL, "it is valid JSON"))
		goto out;
	tap_is_double(num(root, "format_version"), 1, 0, "format_version is 1");
	tap_ok(strlen(str(root, "generated_at")) == 20,
	    "generated_at is RFC 3339 UTC (%s)", str(root, "generated_at"));
	s = cJSON_GetObjectItemCaseSensitive(root, "scan");
	tap_is_double(num(s, "id"), (double)scan, 0, "scan.id");
	tap_is_str(str(s, "status"), "partial", "scan.status");
	tap_ok(strlen(str(s, "started_at")) == 20 &&
	    strlen(str(s, "finished_at")) == 20, "scan.started_at, finished_at");
	cols = cJSON_GetObjectItemCaseSensitive(root, "columns");
	tap_is_int(cJSON_GetArraySize(cols), 3, "every column is listed");
	c0 = cJSON_GetArrayItem(cols, 0);
	tap_is_str(str(c0, "source"), "db1:5432", "columns[].source");
	tap_is_str(str(c0, "database"), "shop", "columns[].database");
	tap_is_str(str(c0, "schema"), "public", "columns[].schema");
	tap_is_str(str(c0, "table"), "<script>alert(1)</script>",
	    "a hostile table name is kept as a plain string");
	tap_is_str(str(c0, "column"), "email", "columns[].column");
	tap_is_str(str(c0, "data_type"), "text", "columns[].data_type");
	tap_is_double(num(c0, "rows_sampled"), 10, 0, "columns[].rows_sampled");
	tap_ok(cJSON_GetObjectItemCaseSensitive(c0, "skipped") == NULL,
	    "a sampled column has no skipped field");
	cl = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c0,
	    "classifications"), 0);
	tap_is_str(str(cl, "type"), "EMAIL_ADDRESS", "classifications[].type");
	tap_is_str(str(cl, "likelihood"), "VERY_LIKELY",
	    "classifications[].likelihood");
	tap_is_double(num(cl, "score"), 0.97, 1e-9, "score is rounded to 0.97");
	tap_is_double(num(cl, "match_ratio"), 0.9, 1e-9, "match_ratio");
	ev = cJSON_GetObjectItemCaseSensitive(cl, "evidence");
	tap_ok(cJSON_GetArraySize(ev) == 2 &&
	    strcmp(cJSON_GetArrayItem(ev, 0)->valuestring, "values") == 0 &&
	    strcmp(cJSON_GetArrayItem(ev, 1)->valuestring, "column_name") == 0,
	    "evidence is [\"values\", \"column_name\"]");
	tap_is_str(str(cl, "sensitivity"), "confidential", "sensitivity");
	tap_ok(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(c0, "lineage"), "upstream")),
	    "lineage.upstream is an array");
	tap_is_int(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(cols, 1), "classifications")), 0,
	    "an unclassified column has an empty classifications array");
	c2 = cJSON_GetArrayItem(cols, 2);
	tap_is_str(str(c2, "skipped"), "permission denied for schema secret",
	    "a skipped relation's column carries the reason");
	tap_is_double(num(c2, "rows_sampled"), 0, 0, "...and 0 rows sampled");
out:
	cJSON_Delete(root);
	free(buf);
}

/* Is there any file in dir whose name starts with a dot? */
static int
temp_files_left(void)
{
	DIR    *d = opendir(dir);
	struct dirent *de;
	int	n = 0;

	while (d && (de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

static void
test_file(struct catalog *cat)
{
	struct sift_err err;
	struct stat st;
	char	path[512], bad[512];
	FILE   *f;
	cJSON  *root;
	char	buf[65536];
	size_t	n;

	snprintf(path, sizeof path, "%s/report.json", dir);
	f = fopen(path, "w");
	fputs("old report", f);
	fclose(f);
	tap_ok(report_write_file(cat, 0, REPORT_JSON, path, &err) == 0,
	    "the report is written to a file");
	f = fopen(path, "r");
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	root = cJSON_Parse(buf);
	tap_ok(root != NULL, "the old file was replaced whole");
	cJSON_Delete(root);
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the report file has mode 0600");
	tap_is_int(temp_files_left(), 0, "no temporary file is left");
	snprintf(bad, sizeof bad, "%s/missing/report.json", dir);
	tap_ok(report_write_file(cat, 0, REPORT_JSON, bad, &err) == -1 &&
	    err.code == SIFT_E_IO, "writing into a missing directory fails: %s",
	    err.msg);
	tap_ok(report_write_file(cat, 77, REPORT_JSON, path, &err) == -1 &&
	    err.code == SIFT_E_NOTFOUND, "a missing scan fails");
	tap_is_int(temp_files_left(), 0, "...leaving no temporary file");
	f = fopen(path, "r");
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	tap_ok(strstr(buf, "format_version") != NULL,
	    "...and the existing report untouched");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct catalog *cat;
	enum report_format fmt;
	int64_t	scan;
	char	path[512], cmd[600];

	snprintf(dir, sizeof dir, "%s/pgsift-report-XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return tap_skip_all("no temporary directory");
	snprintf(path, sizeof path, "%s/c.db", dir);
	cat = fixture(path, &scan);
	tap_ok(report_format_parse("json", &fmt) == 0 && fmt == REPORT_JSON,
	    "json is a report format");
	tap_ok(report_format_parse("xml", &fmt) == -1, "xml is not");
	test_contract(cat, scan);
	test_file(cat);
	catalog_close(cat);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	return tap_done();
}
