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

#include "classifiers/classifiers.h"
#include "cli/cli.h"

#define CLASSIFY_MAX_RESULTS 8

static const char classify_usage[] =
    "Usage: pgsift classify [OPTIONS] [FILE]\n"
    "\n"
    "Classify the values of FILE (or standard input), one per line, as one\n"
    "column, and print the decision and its evidence. Empty lines count as\n"
    "NULL. No value is ever printed.\n"
    "\n"
    "Options:\n"
    "  -n, --column-name NAME  the column's name, for name evidence\n"
    "  -d, --data-type TYPE    its PostgreSQL type (default text)\n"
    "  -f, --format FORMAT     text (default) or json\n"
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

/* Print the results as one JSON object, with the report's field names. */
static int
classify_json(const char *name, const char *type, size_t values,
    const struct cls_result *r, size_t n)
{
	cJSON  *root, *arr, *o, *ev, *d;
	char   *text;
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
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return -1;
	puts(text);
	cJSON_free(text);
	return 0;
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
	bool	json = false;
	size_t	n;
	FILE   *f = stdin;
	int	c, rc = CLI_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":n:d:f:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n':
			name = optarg;
			break;
		case 'd':
			type = optarg;
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
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		path = argv[optind];
		f = fopen(path, "r");
		if (f == NULL) {
			sift_err_set(&err, SIFT_E_IO, "could not open \"%s\": %s",
			    path, strerror(errno));
			return cli_fail(&err);
		}
	}
	engine = cls_engine_new(&err);
	if (engine == NULL) {
		if (path != NULL)
			fclose(f);
		return cli_fail(&err);
	}
	m = cls_matcher_new(engine);
	col = cls_column_new(engine, name, type);
	if (classify_read(f, col, m) != 0) {
		sift_err_set(&err, SIFT_E_IO, "could not read \"%s\": %s",
		    path ? path : "standard input", strerror(errno));
		rc = cli_fail(&err);
	} else {
		n = cls_column_decide(col, r, CLASSIFY_MAX_RESULTS);
		if (json)
			rc = classify_json(name, type, cls_column_values(col), r,
			    n) == 0 ? CLI_EXIT_OK : CLI_EXIT_INTERNAL;
		else
			classify_text(name, type, cls_column_values(col), r, n);
	}
	if (path != NULL)
		fclose(f);
	cls_column_free(col);
	cls_matcher_free(m);
	cls_engine_free(engine);
	return rc;
}
