/*
 * cli/cmd-classify.c: "pgsift classify", the classifiers without a
 * database: values are read one per line from a file or standard input,
 * treated as one column, and the decision is printed with the same
 * evidence a scan records. The values themselves are never printed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "common/xmalloc.h"
#include "classifiers/classifiers.h"
#include "cli/cli.h"
#include "cli/csv.h"

#define CLASSIFY_MAX_RESULTS 8

static const char classify_usage[] =
    "Usage: pgsift classify [OPTIONS] [FILE]\n"
    "\n"
    "Classify the values of FILE (or standard input), one per line, as one\n"
    "column, and print the decision and its evidence. Empty lines count as\n"
    "NULL. With --csv, FILE is CSV with a header line, and every column is\n"
    "classified under its header's name (empty fields count as NULL). With\n"
    "--data-type json or jsonb, each value is a JSON document, classified\n"
    "path by path. No value is ever printed.\n"
    "\n"
    "Options:\n"
    "  -n, --column-name NAME  the column's name, for name evidence\n"
    "  -d, --data-type TYPE    its PostgreSQL type (default text)\n"
    "  -r, --rules FILE        custom classification rules, see\n"
    "                          docs/rules.md (repeatable)\n"
    "  -c, --csv               read CSV with a header, classify each column\n"
    "  -f, --format FORMAT     text (default) or json (with --csv, an array)\n"
    "  -h, --help              show this help and exit\n";

/* Print the results as text, one line per classification. */
static void
classify_text(const char *name, const char *type, size_t values,
    const struct cls_result *r, size_t n)
{
	size_t	i;

	printf("column %s (%s): %zu values\n", name[0] ? name : "(unnamed)",
	    type, values);
	if (n == 0)
		printf("no classification of POSSIBLE or above\n");
	for (i = 0; i < n; i++)
		printf("%-26s %-12s score %.2f  match %.4f (%zu matched, %zu "
		    "validated, %zu distinct, %zu in text)  evidence %s%s%s%s%s"
		    "%s%s  %s\n",
		    cls_type_id(r[i].type), cls_likelihood_name(r[i].likelihood),
		    r[i].score, r[i].match_ratio, r[i].matched, r[i].validated,
		    r[i].distinct, r[i].in_text, r[i].ev_values ? "values" : "",
		    r[i].ev_values && (r[i].ev_text || r[i].ev_name) ? "," : "",
		    r[i].ev_text ? "free_text" : "",
		    r[i].ev_text && r[i].ev_name ? "," : "",
		    r[i].ev_name ? "column_name" : "",
		    r[i].name_tokens[0] ? " tokens " : "", r[i].name_tokens,
		    cls_sensitivity_name(r[i].sensitivity));
}

/* The results as one JSON object, with the report's field names. */
static cJSON *
classify_json(const char *name, const char *type, size_t values,
    const struct cls_result *r, size_t n)
{
	cJSON  *root, *arr, *o, *ev, *d;
	size_t	i;

	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "column", name);
	cJSON_AddStringToObject(root, "data_type", type);
	cJSON_AddNumberToObject(root, "rows_sampled", (double)values);
	arr = cJSON_AddArrayToObject(root, "classifications");
	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", cls_type_id(r[i].type));
		cJSON_AddStringToObject(o, "likelihood",
		    cls_likelihood_name(r[i].likelihood));
		cJSON_AddNumberToObject(o, "score",
		    (double)(long)(r[i].score * 100 + 0.5) / 100);
		cJSON_AddNumberToObject(o, "match_ratio",
		    (double)(long)(r[i].match_ratio * 10000 + 0.5) / 10000);
		ev = cJSON_AddArrayToObject(o, "evidence");
		if (r[i].ev_values)
			cJSON_AddItemToArray(ev, cJSON_CreateString("values"));
		if (r[i].ev_text)
			cJSON_AddItemToArray(ev, cJSON_CreateString("free_text"));
		if (r[i].ev_name)
			cJSON_AddItemToArray(ev, cJSON_CreateString("column_name"));
		cJSON_AddStringToObject(o, "sensitivity",
		    cls_sensitivity_name(r[i].sensitivity));
		d = cJSON_AddObjectToObject(o, "details");
		cJSON_AddNumberToObject(d, "values", (double)r[i].values);
		cJSON_AddNumberToObject(d, "matched", (double)r[i].matched);
		cJSON_AddNumberToObject(d, "validated", (double)r[i].validated);
		cJSON_AddNumberToObject(d, "distinct", (double)r[i].distinct);
		cJSON_AddNumberToObject(d, "in_text", (double)r[i].in_text);
		cJSON_AddStringToObject(d, "name_tokens", r[i].name_tokens);
		cJSON_AddItemToArray(arr, o);
	}
	return root;
}

/*
 * The paths of a json column, each decided like a column: as text, or
 * (json) as a "paths" array added to obj, which is returned.
 */
static cJSON *
classify_paths(cJSON *obj, const struct cls_column *col, bool json)
{
	struct cls_result r[CLASSIFY_MAX_RESULTS];
	const struct cls_column *pc;
	const char *path, *full, *type;
	cJSON  *arr = NULL, *o;
	size_t	i, n;

	if (cls_column_paths(col) == 0)
		return obj;
	if (json)
		arr = cJSON_AddArrayToObject(obj, "paths");
	for (i = 0; i < cls_column_paths(col); i++) {
		pc = cls_column_path(col, i, &path, &full, &type);
		n = cls_column_decide(pc, r, CLASSIFY_MAX_RESULTS);
		if (!json) {
			classify_text(full, type, cls_column_values(pc), r, n);
			continue;
		}
		o = classify_json(full, type, cls_column_values(pc), r, n);
		cJSON_AddStringToObject(o, "json_path", path);
		cJSON_AddItemToArray(arr, o);
	}
	return obj;
}

/*
 * Classify every column of a CSV file with a header line: each column
 * under its header's name, of type type. Empty fields are NULL.
 */
static int
classify_csv(FILE *f, const char *type, bool json,
    const struct cls_engine *engine, struct cls_matcher *m,
    struct sift_err *err)
{
	struct cls_result r[CLASSIFY_MAX_RESULTS];
	struct csv_record rec;
	struct cls_column **cols;
	char  **names;
	cJSON  *arr = NULL;
	size_t	line = 0, ncols, i, n;
	int	rc, status = 0;

	csv_record_init(&rec);
	rc = csv_read(f, &rec, &line, err);
	if (rc <= 0) {
		if (rc == 0)
			sift_err_set(err, SIFT_E_USAGE,
			    "the CSV input has no header line");
		csv_record_release(&rec);
		return -1;
	}
	ncols = rec.n;
	cols = xcalloc(ncols, sizeof *cols);
	names = xcalloc(ncols, sizeof *names);
	for (i = 0; i < ncols; i++) {
		names[i] = xstrdup(rec.data.data + rec.off[i]);
		cols[i] = cls_column_new(engine, names[i], type);
	}
	while ((rc = csv_read(f, &rec, &line, err)) > 0) {
		if (rec.n == 1 && rec.len[0] == 0 && !rec.quoted[0])
			continue;	/* a blank line */
		if (rec.n != ncols) {
			sift_err_set(err, SIFT_E_USAGE, "line %zu: %zu fields, "
			    "but the header has %zu", line, rec.n, ncols);
			rc = -1;
			break;
		}
		for (i = 0; i < ncols; i++)
			if (rec.len[i] > 0)
				cls_column_add(cols[i], m,
				    rec.data.data + rec.off[i], rec.len[i]);
	}
	if (rc < 0)
		status = -1;
	if (status == 0 && json)
		arr = cJSON_CreateArray();
	for (i = 0; status == 0 && i < ncols; i++) {
		n = cls_column_decide(cols[i], r, CLASSIFY_MAX_RESULTS);
		if (json)
			cJSON_AddItemToArray(arr, classify_paths(classify_json(
			    names[i], type, cls_column_values(cols[i]), r, n),
			    cols[i], true));
		else {
			classify_text(names[i], type,
			    cls_column_values(cols[i]), r, n);
			(void)classify_paths(NULL, cols[i], false);
		}
	}
	if (arr != NULL && cli_print_json(arr) != 0) {
		sift_err_set(err, SIFT_E_INTERNAL, "out of memory");
		status = -1;
	}
	for (i = 0; i < ncols; i++) {
		cls_column_free(cols[i]);
		free(names[i]);
	}
	free(cols);
	free(names);
	csv_record_release(&rec);
	return status;
}

/* Feed every line of f to col; empty lines are NULLs. */
static int
classify_read(FILE *f, struct cls_column *col, struct cls_matcher *m)
{
	char   *line = NULL;
	size_t	cap = 0;
	ssize_t	len;

	while ((len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len > 0)
			cls_column_add(col, m, line, (size_t)len);
	}
	free(line);
	return ferror(f) ? -1 : 0;
}

/* "pgsift classify": parse options, read the values, print the decision. */
int
cmd_classify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "column-name", required_argument, NULL, 'n' },
		{ "data-type", required_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, 'r' },
		{ "csv", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cls_result r[CLASSIFY_MAX_RESULTS];
	const char *name = "", *type = "text", *path = NULL;
	struct cls_engine *engine;
	struct cls_matcher *m;
	struct cls_column *col;
	struct sift_err err;
	const char *rules[16];
	bool	json = false, csv = false;
	size_t	n, nrules = 0;
	FILE   *f = stdin;
	int	c, rc = CLI_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":n:d:r:cf:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n':
			name = optarg;
			break;
		case 'd':
			type = optarg;
			break;
		case 'c':
			csv = true;
			break;
		case 'r':
			if (nrules == sizeof rules / sizeof rules[0])
				return cli_usage_error("classify",
				    "at most 16 rules files");
			rules[nrules++] = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("classify",
				    "unknown format \"%s\"", optarg);
			break;
		case 'h':
			fputs(classify_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("classify",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("classify",
			    "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("classify", "unexpected argument \"%s\"",
		    argv[optind + 1]);
	if (csv && name[0] != '\0')
		return cli_usage_error("classify", "--column-name does not go "
		    "with --csv: the header names the columns");
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		path = argv[optind];
		f = fopen(path, "r");
		if (f == NULL) {
			sift_err_set(&err, SIFT_E_IO, "could not open \"%s\": %s",
			    path, strerror(errno));
			return cli_fail(&err);
		}
	}
	if (nrules > 0 && !cls_rules_load(rules, nrules, &err)) {
		if (path != NULL)
			fclose(f);
		return cli_fail(&err);
	}
	engine = cls_engine_new(&err);
	if (engine == NULL) {
		if (path != NULL)
			fclose(f);
		cls_rules_reset();
		return cli_fail(&err);
	}
	m = cls_matcher_new(engine);
	col = csv ? NULL : cls_column_new(engine, name, type);
	if (csv) {
		if (classify_csv(f, type, json, engine, m, &err) != 0) {
			sift_err_prefix(&err, "%s",
			    path ? path : "standard input");
			rc = cli_fail(&err);
		}
	} else if (classify_read(f, col, m) != 0) {
		sift_err_set(&err, SIFT_E_IO, "could not read \"%s\": %s",
		    path ? path : "standard input", strerror(errno));
		rc = cli_fail(&err);
	} else {
		n = cls_column_decide(col, r, CLASSIFY_MAX_RESULTS);
		if (json)
			rc = cli_print_json(classify_paths(classify_json(name,
			    type, cls_column_values(col), r, n), col, json)) == 0 ?
			    CLI_EXIT_OK : CLI_EXIT_INTERNAL;
		else {
			classify_text(name, type, cls_column_values(col), r, n);
			(void)classify_paths(NULL, col, false);
		}
	}
	if (path != NULL)
		fclose(f);
	cls_column_free(col);
	cls_matcher_free(m);
	cls_engine_free(engine);
	cls_rules_reset();
	return rc;
}
