/*
 * cli/sources.c: reading and checking a sources file (docs/sources.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "common/buf.h"
#include "common/jsonpos.h"
#include "common/xmalloc.h"
#include "scanner/scanner.h"
#include "cli/cli.h"
#include "cli/sources.h"

#define SOURCES_MAX_FILE (4u << 20)

/* Set err to "PATH: WHERE: message"; returns -1. */
static int
sources_fail(struct sift_err *err, const char *path, const char *where,
    const char *msg)
{
	sift_err_set(err, SIFT_E_USAGE, "%s: %s: %s", path, where, msg);
	return -1;
}

/* An array of strings into p; where names it for errors. */
static int
sources_patterns(const char *path, const char *where, const cJSON *v,
    struct source_patterns *p, struct sift_err *err)
{
	const cJSON *e;

	if (v == NULL)
		return 0;
	if (!cJSON_IsArray(v))
		return sources_fail(err, path, where,
		    "must be an array of patterns");
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e) || e->valuestring[0] == '\0')
			return sources_fail(err, path, where,
			    "patterns must be non-empty strings");
		p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
		p->items[p->n++] = xstrdup(e->valuestring);
	}
	return 0;
}

/* Are all keys of o among the NULL-terminated allowed ones? */
static int
sources_keys(const char *path, const char *where, const cJSON *o,
    const char *const *allowed, struct sift_err *err)
{
	const cJSON *e;
	char	msg[160];
	size_t	i;

	cJSON_ArrayForEach(e, o) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(e->string, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL) {
			snprintf(msg, sizeof msg, "unknown key \"%.100s\"",
			    e->string);
			return sources_fail(err, path, where, msg);
		}
	}
	return 0;
}

/* {"include": [...], "exclude": [...]} into two lists. */
static int
sources_filter(const char *path, const char *where, const cJSON *o,
    struct source_patterns *inc, struct source_patterns *exc,
    struct sift_err *err)
{
	static const char *const keys[] = { "include", "exclude", NULL };
	char	at[96];

	if (o == NULL)
		return 0;
	if (!cJSON_IsObject(o))
		return sources_fail(err, path, where, "must be an object with "
		    "\"include\" and \"exclude\" arrays");
	if (sources_keys(path, where, o, keys, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.include", where);
	if (inc == NULL && cJSON_GetObjectItemCaseSensitive(o, "include"))
		return sources_fail(err, path, at, "columns can only be excluded");
	if (inc != NULL && sources_patterns(path, at,
	    cJSON_GetObjectItemCaseSensitive(o, "include"), inc, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.exclude", where);
	return sources_patterns(path, at,
	    cJSON_GetObjectItemCaseSensitive(o, "exclude"), exc, err);
}

/* A duration string ("30s") or a number of milliseconds into *ms. */
static int
sources_duration(const char *path, const char *where, const cJSON *v,
    long *ms, struct sift_err *err)
{
	if (v == NULL)
		return 0;
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e12) {
		*ms = (long)v->valuedouble;
		return 0;
	}
	if (!cJSON_IsString(v) || cli_parse_duration(where, v->valuestring,
	    ms, err) != 0)
		return sources_fail(err, path, where, "must be a duration "
		    "such as \"30s\", \"500ms\" or \"2min\"");
	return 0;
}

/* One source object into s. */
static int
sources_one(const char *path, const char *where, const cJSON *o,
    struct scan_source *s, struct sift_err *err)
{
	static const char *const keys[] = { "name", "conninfo", "service",
		"all_databases", "databases", "schemas", "tables", "columns",
		"sample_rows", "statement_timeout", "lock_timeout", NULL };
	const cJSON *v, *conninfo, *service;
	char	at[96];

	s->sample_rows = s->statement_timeout_ms = s->lock_timeout_ms = -1;
	if (!cJSON_IsObject(o))
		return sources_fail(err, path, where, "a source must be an object");
	if (sources_keys(path, where, o, keys, err) != 0)
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(o, "name");
	if (v != NULL) {
		if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
			return sources_fail(err, path, where,
			    "name must be a non-empty string");
		s->name = xstrdup(v->valuestring);
	}
	conninfo = cJSON_GetObjectItemCaseSensitive(o, "conninfo");
	service = cJSON_GetObjectItemCaseSensitive(o, "service");
	if ((conninfo != NULL) == (service != NULL))
		return sources_fail(err, path, where, "give either \"conninfo\" "
		    "or \"service\"");
	v = conninfo ? conninfo : service;
	if (!cJSON_IsString(v))
		return sources_fail(err, path, where, conninfo ?
		    "conninfo must be a string" : "service must be a string");
	s->conninfo = conninfo ? xstrdup(v->valuestring) :
	    xasprintf("service='%s'", v->valuestring);
	if (scan_conninfo_check(s->conninfo, err) != 0) {
		snprintf(at, sizeof at, "%s.%s", where, conninfo ? "conninfo" :
		    "service");
		return sift_err_prefix(err, "%s: %s", path, at);
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "all_databases");
	if (v != NULL && !cJSON_IsBool(v))
		return sources_fail(err, path, where,
		    "all_databases must be true or false");
	s->all_databases = v != NULL && cJSON_IsTrue(v);
	snprintf(at, sizeof at, "%s.databases", where);
	if (sources_filter(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "databases"), &s->databases, &s->exclude_databases, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.schemas", where);
	if (sources_filter(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "schemas"), &s->schemas, &s->exclude_schemas, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.tables", where);
	if (sources_filter(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "tables"), &s->tables, &s->exclude_tables, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.columns", where);
	if (sources_filter(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "columns"), NULL, &s->exclude_columns, err) != 0)
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(o, "sample_rows");
	if (v != NULL) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
		    v->valuedouble > 10000000)
			return sources_fail(err, path, where,
			    "sample_rows must be a number from 1 to 10000000");
		s->sample_rows = (long)v->valuedouble;
	}
	snprintf(at, sizeof at, "%s.statement_timeout", where);
	if (sources_duration(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "statement_timeout"), &s->statement_timeout_ms, err) != 0)
		return -1;
	snprintf(at, sizeof at, "%s.lock_timeout", where);
	return sources_duration(path, at, cJSON_GetObjectItemCaseSensitive(o,
	    "lock_timeout"), &s->lock_timeout_ms, err);
}

/* Load a sources file (see sources.h). */
int
sources_load(const char *path, struct scan_source **sources, size_t *n,
    struct sift_err *err)
{
	static const char *const keys[] = { "version", "sources", NULL };
	const char *end = NULL;
	const cJSON *list, *e, *v;
	struct scan_source *s = NULL;
	size_t	len, count = 0, line, col, i;
	char	where[64], *text;
	cJSON  *doc;
	int	rc = -1;

	*sources = NULL;
	*n = 0;
	text = sift_read_file(path, SOURCES_MAX_FILE, SIFT_E_USAGE, &len, err);
	if (text == NULL)
		return -1;
	doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
	if (doc == NULL) {
		sift_text_position(text, end != NULL && end >= text ?
		    (size_t)(end - text) : 0, &line, &col);
		sift_err_set(err, SIFT_E_USAGE, "%s:%zu:%zu: not valid JSON here",
		    path, line, col);
		free(text);
		return -1;
	}
	if (!cJSON_IsObject(doc)) {
		sources_fail(err, path, "top level", "must be an object");
		goto out;
	}
	if (sources_keys(path, "top level", doc, keys, err) != 0)
		goto out;
	v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (v != NULL && !(cJSON_IsNumber(v) && v->valuedouble == 1)) {
		sources_fail(err, path, "version", "only version 1 exists");
		goto out;
	}
	list = cJSON_GetObjectItemCaseSensitive(doc, "sources");
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0) {
		sources_fail(err, path, "sources", "must be a non-empty array");
		goto out;
	}
	s = xcalloc((size_t)cJSON_GetArraySize(list), sizeof *s);
	cJSON_ArrayForEach(e, list) {
		snprintf(where, sizeof where, "sources[%zu]", count);
		if (sources_one(path, where, e, &s[count++], err) != 0)
			goto out;
		for (i = 0; s[count - 1].name != NULL && i + 1 < count; i++) {
			if (s[i].name != NULL &&
			    strcmp(s[i].name, s[count - 1].name) == 0) {
				sources_fail(err, path, where,
				    "two sources have this name");
				goto out;
			}
		}
	}
	rc = 0;
out:
	if (rc != 0)
		sift_err_json_position(err, path, text, len);
	free(text);
	cJSON_Delete(doc);
	if (rc != 0)
		sources_free(s, count);
	else {
		*sources = s;
		*n = count;
	}
	return rc;
}

/* Free a list of patterns. */
static void
sources_patterns_free(struct source_patterns *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
}

/* Free the sources. */
void
sources_free(struct scan_source *sources, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(sources[i].name);
		free(sources[i].conninfo);
		sources_patterns_free(&sources[i].databases);
		sources_patterns_free(&sources[i].exclude_databases);
		sources_patterns_free(&sources[i].schemas);
		sources_patterns_free(&sources[i].exclude_schemas);
		sources_patterns_free(&sources[i].tables);
		sources_patterns_free(&sources[i].exclude_tables);
		sources_patterns_free(&sources[i].exclude_columns);
	}
	free(sources);
}

/* Does name pass the include and exclude patterns? */
bool
sources_wanted(const struct source_patterns *include,
    const struct source_patterns *exclude, const char *name)
{
	const struct scan_patterns in = { (const char *const *)include->items,
		include->n };
	const struct scan_patterns out = { (const char *const *)exclude->items,
		exclude->n };

	return (in.n == 0 || scan_patterns_match(&in, name)) &&
	    !scan_patterns_match(&out, name);
}
