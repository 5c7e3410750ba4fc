/*
 * reports/json.c: the JSON report.
 *
 * The fields of ../shared/spec/report-contract.md keep their names and
 * meanings across versions; docs/report.md describes every field and
 * docs/report.schema.json is its JSON Schema. The document is built with
 * cJSON, then printed in one piece.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "common/xmalloc.h"
#include "classifiers/classifiers.h"
#include "reports/reports-int.h"

/* Round to a number of decimals, so reports do not show 0.9700000001. */
static double
json_round(double v, int decimals)
{
	double	f = pow(10.0, decimals);

	return round(v * f) / f;
}

/* Add a string, or null when s is NULL or empty. */
static void
json_add_str_or_null(cJSON *o, const char *name, const char *s)
{
	if (s == NULL || *s == '\0')
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddStringToObject(o, name, s);
}

/* Split "values,column_name" into a JSON array of strings. */
static cJSON *
json_evidence(const char *list)
{
	cJSON  *arr = cJSON_CreateArray();
	const char *p = list, *comma;
	char	item[64];

	while (p != NULL && *p != '\0') {
		size_t	len;

		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len > 0 && len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			cJSON_AddItemToArray(arr, cJSON_CreateString(item));
		}
		p = comma ? comma + 1 : NULL;
	}
	return arr;
}

/* One classification with its evidence details. */
static cJSON *
json_finding(const struct catalog_finding *f, long long values)
{
	cJSON  *o, *d;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", f->type);
	cJSON_AddStringToObject(o, "likelihood", f->likelihood);
	cJSON_AddNumberToObject(o, "score", json_round(f->score, 2));
	cJSON_AddNumberToObject(o, "match_ratio", json_round(f->match_ratio, 4));
	cJSON_AddItemToObject(o, "evidence", json_evidence(f->evidence));
	cJSON_AddStringToObject(o, "sensitivity", f->sensitivity);
	d = cJSON_AddObjectToObject(o, "details");
	cJSON_AddNumberToObject(d, "values", (double)(values > 0 ? values : 0));
	cJSON_AddNumberToObject(d, "matched", (double)f->matched);
	cJSON_AddNumberToObject(d, "validated", (double)f->validated);
	cJSON_AddNumberToObject(d, "distinct", (double)f->distinct_count);
	cJSON_AddStringToObject(d, "name_tokens", f->name_tokens);
	if (f->via != NULL && f->via[0] != '\0')
		cJSON_AddStringToObject(d, "lineage", f->via);
	if (f->examples != NULL && strcmp(f->examples, "[]") != 0) {
		cJSON  *ex = cJSON_Parse(f->examples);

		if (cJSON_IsArray(ex))
			cJSON_AddItemToObject(o, "examples", ex);
		else
			cJSON_Delete(ex);
	}
	if (f->review != NULL) {
		d = cJSON_AddObjectToObject(o, "review");
		cJSON_AddStringToObject(d, "decision", f->review);
		json_add_str_or_null(d, "by", f->reviewer);
		json_add_str_or_null(d, "at", f->reviewed_at);
		json_add_str_or_null(d, "note", f->review_note);
	}
	return o;
}

/* Lineage edges as the contract writes them, with keeps and via. */
static cJSON *
json_edges(const struct catalog_edge *e, size_t n)
{
	cJSON  *arr = cJSON_CreateArray(), *o;
	size_t	i;

	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "database", e[i].database);
		cJSON_AddStringToObject(o, "schema", e[i].schema);
		cJSON_AddStringToObject(o, "table", e[i].table);
		cJSON_AddStringToObject(o, "column", e[i].column);
		cJSON_AddStringToObject(o, "kind", e[i].kind);
		cJSON_AddBoolToObject(o, "keeps", e[i].keeps);
		if (e[i].via[0] != '\0')
			cJSON_AddStringToObject(o, "via", e[i].via);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* One difference between two scans as JSON (see reports.h). */
cJSON *
report_change_json(const struct catalog_change *c)
{
	cJSON  *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "what", c->what);
	cJSON_AddStringToObject(o, "change", c->change);
	cJSON_AddStringToObject(o, "source", c->source);
	cJSON_AddStringToObject(o, "database", c->database);
	cJSON_AddStringToObject(o, "schema", c->schema);
	cJSON_AddStringToObject(o, "table", c->table);
	if (c->column)
		cJSON_AddStringToObject(o, "column", c->column);
	if (c->type)
		cJSON_AddStringToObject(o, "type", c->type);
	if (c->before)
		cJSON_AddStringToObject(o, "before", c->before);
	if (c->after)
		cJSON_AddStringToObject(o, "after", c->after);
	return o;
}

/* What json_column() adds to. */
struct json_ctx {
	cJSON  *columns;
	int64_t	scan_id;
	cJSON  *levels[4];	/* sources, databases, schemas, tables */
};

/*
 * Roll a finding's label up to its table, schema, database and source:
 * each keeps the highest label it holds.
 */
static void
json_rollup(struct json_ctx *ctx, const struct catalog_column_view *col,
    const struct catalog_finding *f)
{
	char   *key[4];
	int	rank = report_sensitivity_rank(f->sensitivity), i;
	cJSON  *n;

	if (rank < 0 || !report_is_finding(f))
		return;
	/* Names joined by the unit separator, which names do not hold. */
	key[0] = xstrdup(col->source);
	key[1] = xasprintf("%s\x1f%s", key[0], col->database);
	key[2] = xasprintf("%s\x1f%s", key[1], col->schema);
	key[3] = xasprintf("%s\x1f%s", key[2], col->table);
	for (i = 0; i < 4; i++) {
		n = cJSON_GetObjectItemCaseSensitive(ctx->levels[i], key[i]);
		if (n == NULL)
			cJSON_AddNumberToObject(ctx->levels[i], key[i], rank);
		else if (n->valuedouble < rank)
			cJSON_SetNumberValue(n, rank);
		free(key[i]);
	}
}

/* The rolled-up labels as the report writes them. */
static cJSON *
json_labels(struct json_ctx *ctx)
{
	static const char *const level[] = { "sources", "databases", "schemas",
		"tables" };
	static const char *const field[] = { "source", "database", "schema",
		"table" };
	cJSON  *o = cJSON_CreateObject(), *arr, *e;
	const cJSON *n;
	int	i, k;

	for (i = 0; i < 4; i++) {
		arr = cJSON_AddArrayToObject(o, level[i]);
		cJSON_ArrayForEach(n, ctx->levels[i]) {
			char   *buf = xstrdup(n->string), *part, *next;

			e = cJSON_CreateObject();
			for (k = 0, part = buf; part != NULL && k <= i; k++) {
				next = strchr(part, '\x1f');
				if (next != NULL)
					*next++ = '\0';
				cJSON_AddStringToObject(e, field[k], part);
				part = next;
			}
			free(buf);
			cJSON_AddStringToObject(e, "label", cls_sensitivity_name(
			    (enum cls_sensitivity)(int)n->valuedouble));
			cJSON_AddItemToArray(arr, e);
		}
	}
	return o;
}

/* Add one column of the scan to the "columns" array of the context. */
static int
json_column(const struct catalog_column_view *col, void *arg,
    struct sift_err *err)
{
	struct json_ctx *ctx = arg;
	cJSON  *columns = ctx->columns, *o, *cls, *lin;
	size_t	i;

	(void)err;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "source", col->source);
	cJSON_AddStringToObject(o, "database", col->database);
	cJSON_AddStringToObject(o, "schema", col->schema);
	cJSON_AddStringToObject(o, "table", col->table);
	cJSON_AddStringToObject(o, "column", col->column);
	if (col->path != NULL)
		cJSON_AddStringToObject(o, "json_path", col->path);
	cJSON_AddStringToObject(o, "relation_kind", col->relkind);
	cJSON_AddNumberToObject(o, "attnum", col->attnum);
	cJSON_AddStringToObject(o, "data_type", col->data_type);
	cJSON_AddNumberToObject(o, "rows_sampled",
	    (double)(col->values_sampled > 0 ? col->values_sampled : 0));
	cJSON_AddBoolToObject(o, "sampled", col->values_sampled >= 0);
	if (col->skipped != NULL)
		cJSON_AddStringToObject(o, "skipped", col->skipped);
	if (col->removed)
		cJSON_AddBoolToObject(o, "removed", true);
	if (col->sampled_scan_id > 0 && col->sampled_scan_id != ctx->scan_id)
		cJSON_AddNumberToObject(o, "carried_from_scan",
		    (double)col->sampled_scan_id);
	cls = cJSON_AddArrayToObject(o, "classifications");
	for (i = 0; i < col->nfindings; i++) {
		cJSON_AddItemToArray(cls, json_finding(&col->findings[i],
		    col->values_sampled));
		json_rollup(ctx, col, &col->findings[i]);
	}
	if (col->nrejected > 0) {
		cls = cJSON_AddArrayToObject(o, "rejected");
		for (i = 0; i < col->nrejected; i++)
			cJSON_AddItemToArray(cls, json_finding(&col->rejected[i],
			    col->values_sampled));
	}
	lin = cJSON_AddObjectToObject(o, "lineage");
	cJSON_AddItemToObject(lin, "upstream", json_edges(col->upstream,
	    col->nupstream));
	cJSON_AddItemToObject(lin, "downstream", json_edges(col->downstream,
	    col->ndownstream));
	cJSON_AddItemToArray(columns, o);
	return 0;
}

/* Now as RFC 3339 UTC. */
static void
json_now(char *out, size_t size)
{
	struct tm tm;
	time_t	t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * One entry of "connections": how a database was reached, and a warning
 * when its transport deserves one (see docs/report.md).
 */
static int
json_connection(const struct catalog_connection *c, void *arg,
    struct sift_err *err)
{
	cJSON  *o = cJSON_CreateObject();
	const char *warning = NULL;

	(void)err;
	cJSON_AddStringToObject(o, "source", c->source);
	cJSON_AddStringToObject(o, "database", c->database);
	cJSON_AddStringToObject(o, "host", c->host);
	cJSON_AddStringToObject(o, "transport", c->local ? "local" : "network");
	cJSON_AddBoolToObject(o, "tls", c->tls);
	json_add_str_or_null(o, "tls_version", c->tls_version);
	json_add_str_or_null(o, "tls_cipher", c->tls_cipher);
	cJSON_AddStringToObject(o, "server_verified", c->server_verified);
	if (!c->local && !c->tls)
		warning = "reached over the network without TLS";
	else if (!c->local && strcmp(c->server_verified, "full") != 0)
		warning = "the server's certificate was not verified "
		    "(sslmode=verify-full verifies it)";
	json_add_str_or_null(o, "warning", warning);
	cJSON_AddItemToArray(arg, o);
	return 0;
}

/*
 * Build the report document of scan scan_id. Returns the root (the
 * caller frees it with cJSON_Delete()), or NULL with err filled in.
 */
cJSON *
report_json_build(struct catalog *cat, int64_t scan_id, struct sift_err *err)
{
	struct catalog_scan_info info;
	char	now[32];
	struct json_ctx ctx;
	cJSON  *root, *scan;
	int	i, rc;

	if (catalog_scan_get(cat, scan_id, &info, err) != 0)
		return NULL;
	root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "format_version", REPORT_FORMAT_VERSION);
	json_now(now, sizeof now);
	cJSON_AddStringToObject(root, "generated_at", now);
	scan = cJSON_AddObjectToObject(root, "scan");
	cJSON_AddNumberToObject(scan, "id", (double)info.id);
	cJSON_AddStringToObject(scan, "started_at", info.started_at);
	json_add_str_or_null(scan, "finished_at", info.finished_at);
	cJSON_AddStringToObject(scan, "status", info.status);
	ctx.columns = cJSON_AddArrayToObject(root, "columns");
	ctx.scan_id = info.id;
	for (i = 0; i < 4; i++)
		ctx.levels[i] = cJSON_CreateObject();
	rc = catalog_columns_foreach(cat, info.id, json_column, &ctx, err);
	if (rc == 0)
		cJSON_AddItemToObject(root, "labels", json_labels(&ctx));
	if (rc == 0)
		rc = catalog_connections_foreach(cat, info.id, json_connection,
		    cJSON_AddArrayToObject(root, "connections"), err);
	for (i = 0; i < 4; i++)
		cJSON_Delete(ctx.levels[i]);
	if (rc != 0) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* Write the JSON report of a scan to out. */
int
report_json_write(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err)
{
	cJSON  *root;
	char   *text;
	int	rc = 0;

	root = report_json_build(cat, scan_id, err);
	if (root == NULL)
		return -1;
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return sift_err_set(err, SIFT_E_INTERNAL,
		    "could not print the report: out of memory");
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
		rc = sift_err_set(err, SIFT_E_IO, "could not write the report");
	cJSON_free(text);
	return rc;
}
