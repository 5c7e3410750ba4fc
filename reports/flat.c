/*
 * reports/flat.c: the reports other tools ingest, one finding at a time:
 * CSV for spreadsheets (RFC 4180), NDJSON for log shippers and SIEMs,
 * and a Markdown summary for CI job pages and pull requests.
 *
 * A finding is a classification of LIKELY or above that a reviewer did
 * not reject (confirmed ones always count). No sampled value is written:
 * the catalog holds none.
 */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "common/xmalloc.h"
#include "reports/reports-int.h"

#define FLAT_MD_ROWS	50	/* findings listed in the Markdown summary */

/*
 * Write s as one CSV field: quoted when it holds , " CR or LF. A field
 * that begins with = + - @ TAB or CR would be read as a formula by a
 * spreadsheet (a table named =HYPERLINK(...) is a valid identifier), so
 * it is written after a single quote, as OWASP advises for CSV
 * injection; no number in the report begins with one of them.
 */
static void
flat_csv_field(FILE *out, const char *s, bool last)
{
	const char *p;
	bool	formula;

	s = s ? s : "";
	formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (formula)
			putc('\'', out);
		fputs(s, out);
	} else {
		putc('"', out);
		if (formula)
			putc('\'', out);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putc('"', out);
			putc(*p, out);
		}
		putc('"', out);
	}
	fputs(last ? "\r\n" : ",", out);
}

/* The state of a flat report being written. */
struct flat_state {
	FILE   *out;
	enum report_format fmt;
	int64_t	scan_id;
	/* Markdown: counts and the first findings. */
	long	findings, columns, skipped;
	long	by_sens[4];
	cJSON  *types;		/* type -> count */
	char	rows[FLAT_MD_ROWS][512];
	long	nrows;
};

/* The column's full name, "source/db.schema.table.column". */
static void
flat_name(const struct catalog_column_view *c, char *out, size_t size)
{
	snprintf(out, size, "%s/%s.%s.%s.%s", c->source, c->database, c->schema,
	    c->table, c->column);
}

/* One finding as an NDJSON line. */
static void
flat_ndjson(struct flat_state *st, const struct catalog_column_view *c,
    const struct catalog_finding *f)
{
	cJSON  *o = cJSON_CreateObject();
	char   *text;

	cJSON_AddNumberToObject(o, "scan_id", (double)st->scan_id);
	cJSON_AddStringToObject(o, "source", c->source);
	cJSON_AddStringToObject(o, "database", c->database);
	cJSON_AddStringToObject(o, "schema", c->schema);
	cJSON_AddStringToObject(o, "table", c->table);
	cJSON_AddStringToObject(o, "column", c->column);
	if (c->path != NULL)
		cJSON_AddStringToObject(o, "json_path", c->path);
	cJSON_AddStringToObject(o, "data_type", c->data_type);
	cJSON_AddStringToObject(o, "type", f->type);
	cJSON_AddStringToObject(o, "likelihood", f->likelihood);
	cJSON_AddNumberToObject(o, "score", (double)(long)(f->score * 100 + 0.5)
	    / 100);
	cJSON_AddNumberToObject(o, "match_ratio",
	    (double)(long)(f->match_ratio * 10000 + 0.5) / 10000);
	cJSON_AddStringToObject(o, "sensitivity", f->sensitivity);
	cJSON_AddStringToObject(o, "evidence", f->evidence);
	if (f->via != NULL && f->via[0] != '\0')
		cJSON_AddStringToObject(o, "lineage", f->via);
	if (f->review != NULL)
		cJSON_AddStringToObject(o, "review", f->review);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (text != NULL) {
		fprintf(st->out, "%s\n", text);
		cJSON_free(text);
	}
}

/* One finding as a CSV row. */
static void
flat_csv(struct flat_state *st, const struct catalog_column_view *c,
    const struct catalog_finding *f)
{
	char	num[32];

	flat_csv_field(st->out, c->source, false);
	flat_csv_field(st->out, c->database, false);
	flat_csv_field(st->out, c->schema, false);
	flat_csv_field(st->out, c->table, false);
	flat_csv_field(st->out, c->column, false);
	flat_csv_field(st->out, c->path, false);
	flat_csv_field(st->out, c->data_type, false);
	flat_csv_field(st->out, f->type, false);
	flat_csv_field(st->out, f->likelihood, false);
	snprintf(num, sizeof num, "%.2f", f->score);
	flat_csv_field(st->out, num, false);
	snprintf(num, sizeof num, "%.4f", f->match_ratio);
	flat_csv_field(st->out, num, false);
	flat_csv_field(st->out, f->sensitivity, false);
	flat_csv_field(st->out, f->evidence, false);
	flat_csv_field(st->out, f->via, false);
	flat_csv_field(st->out, f->review, true);
}

/* Escape | and line breaks for a Markdown table cell, into out. */
static void
flat_md_cell(const char *s, char *out, size_t size)
{
	size_t	n = 0;

	for (; s != NULL && *s != '\0' && n + 3 < size; s++) {
		if (*s == '|' || *s == '\\' || *s == '<' || *s == '`')
			out[n++] = '\\';
		out[n++] = *s == '\n' || *s == '\r' ? ' ' : *s;
	}
	out[n] = '\0';
}

/* Count a finding for the Markdown summary. */
static void
flat_md(struct flat_state *st, const struct catalog_column_view *c,
    const struct catalog_finding *f)
{
	int	rank = report_sensitivity_rank(f->sensitivity);
	char	name[400], cell[450];
	cJSON  *n;

	if (rank >= 0)
		st->by_sens[rank]++;
	n = cJSON_GetObjectItemCaseSensitive(st->types, f->type);
	if (n == NULL)
		cJSON_AddNumberToObject(st->types, f->type, 1);
	else
		cJSON_SetNumberValue(n, n->valuedouble + 1);
	if (st->nrows < FLAT_MD_ROWS) {
		flat_name(c, name, sizeof name);
		flat_md_cell(name, cell, sizeof cell);
		snprintf(st->rows[st->nrows++], sizeof st->rows[0],
		    "| %s | %s | %s | %.2f | %s |", cell, f->type, f->likelihood,
		    f->score, f->sensitivity);
	}
}

/* One column: each of its findings in the format. */
static int
flat_column(const struct catalog_column_view *c, void *arg,
    struct sift_err *err)
{
	struct flat_state *st = arg;
	size_t	i;

	(void)err;
	st->columns++;
	if (c->skipped != NULL)
		st->skipped++;
	for (i = 0; i < c->nfindings; i++) {
		const struct catalog_finding *f = &c->findings[i];

		if (!report_is_finding(f))
			continue;
		st->findings++;
		if (st->fmt == REPORT_CSV)
			flat_csv(st, c, f);
		else if (st->fmt == REPORT_NDJSON)
			flat_ndjson(st, c, f);
		else
			flat_md(st, c, f);
	}
	return 0;
}

/* The Markdown summary, once every column was counted. */
static void
flat_md_write(struct flat_state *st, const struct catalog_scan_info *info)
{
	const cJSON *t;
	long	i;

	fprintf(st->out, "## pgsift scan %lld: %s\n\n", (long long)info->id,
	    info->status);
	fprintf(st->out, "Started %s, finished %s. %ld columns, %ld findings "
	    "(LIKELY or above, or confirmed by a reviewer).\n\n",
	    info->started_at, info->finished_at[0] ? info->finished_at : "-",
	    st->columns, st->findings);
	fprintf(st->out, "| sensitivity | findings |\n|---|---:|\n"
	    "| highly confidential | %ld |\n| confidential | %ld |\n"
	    "| general | %ld |\n| public | %ld |\n\n", st->by_sens[3],
	    st->by_sens[2], st->by_sens[1], st->by_sens[0]);
	if (st->findings > 0) {
		fprintf(st->out, "| type | findings |\n|---|---:|\n");
		cJSON_ArrayForEach(t, st->types)
			fprintf(st->out, "| %s | %.0f |\n", t->string,
			    t->valuedouble);
		fprintf(st->out, "\n| column | type | likelihood | score | "
		    "sensitivity |\n|---|---|---|---:|---|\n");
		for (i = 0; i < st->nrows; i++)
			fprintf(st->out, "%s\n", st->rows[i]);
		if (st->findings > st->nrows)
			fprintf(st->out, "\n%ld more in the full report.\n",
			    st->findings - st->nrows);
		fputc('\n', st->out);
	}
	if (st->skipped > 0)
		fprintf(st->out, "%ld columns of relations that were not sampled "
		    "(views, failures: see the full report).\n", st->skipped);
}

/* Write a flat report (see reports-int.h). */
int
report_flat_write(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, FILE *out, struct sift_err *err)
{
	struct catalog_scan_info info;
	struct flat_state *st;
	int	rc;

	if (catalog_scan_get(cat, scan_id, &info, err) != 0)
		return -1;
	st = xcalloc(1, sizeof *st);
	st->out = out;
	st->fmt = fmt;
	st->scan_id = info.id;
	st->types = cJSON_CreateObject();
	if (fmt == REPORT_CSV)
		fputs("source,database,schema,table,column,json_path,data_type,"
		    "type,likelihood,score,match_ratio,sensitivity,evidence,"
		    "lineage,review\r\n", out);
	rc = catalog_columns_foreach(cat, info.id, flat_column, st, err);
	if (rc == 0 && fmt == REPORT_MARKDOWN)
		flat_md_write(st, &info);
	cJSON_Delete(st->types);
	free(st);
	return rc;
}
