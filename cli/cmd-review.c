/*
 * cli/cmd-review.c: "pgsift review", a reviewer's decisions on
 * classifications, kept in the catalog and applied to every scan.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "common/xmalloc.h"
#include "catalog/catalog.h"
#include "classifiers/classifiers.h"
#include "cli/cli.h"

static const char review_usage[] =
    "Usage: pgsift review confirm|reject [OPTIONS] [DATABASE.]SCHEMA.TABLE.COLUMN TYPE\n"
    "       pgsift review list [--catalog FILE] [--format text|json]\n"
    "\n"
    "confirm: TYPE is in the column, whatever later scans find (evidence\n"
    "\"manual\"). reject: it is not; later scans never report it again.\n"
    "A later decision on the same column and type replaces the earlier\n"
    "one. The decision also applies to the latest scan at once.\n"
    "\n"
    "Options:\n"
    "  -c, --catalog FILE   the catalog (default pgsift.db)\n"
    "      --source NAME    the source, when the column is in several\n"
    "  -m, --note TEXT      why\n"
    "      --by NAME        who decides (default: $USER)\n"
    "  -f, --format FORMAT  list: text (default) or json\n"
    "  -h, --help           show this help and exit\n";

/* Print one review as a text line. */
static int
review_print(const struct catalog_review *r, void *arg, struct sift_err *err)
{
	cJSON  *arr = arg, *o;

	(void)err;
	if (arr == NULL) {
		printf("%-9s %-28s %s.%s.%s.%s.%s  by %s at %s%s%s\n",
		    r->decision, r->type, r->source, r->database, r->schema,
		    r->table, r->column, r->reviewer, r->reviewed_at,
		    r->note[0] ? ": " : "", r->note);
		return 0;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "decision", r->decision);
	cJSON_AddStringToObject(o, "type", r->type);
	cJSON_AddStringToObject(o, "source", r->source);
	cJSON_AddStringToObject(o, "database", r->database);
	cJSON_AddStringToObject(o, "schema", r->schema);
	cJSON_AddStringToObject(o, "table", r->table);
	cJSON_AddStringToObject(o, "column", r->column);
	cJSON_AddStringToObject(o, "note", r->note);
	cJSON_AddStringToObject(o, "by", r->reviewer);
	cJSON_AddStringToObject(o, "at", r->reviewed_at);
	cJSON_AddItemToArray(arr, o);
	return 0;
}

/* "pgsift review list". */
static int
review_list(struct catalog *cat, bool json)
{
	struct sift_err err;
	cJSON  *arr = json ? cJSON_CreateArray() : NULL;

	if (catalog_reviews_foreach(cat, review_print, arr, &err) != 0) {
		cJSON_Delete(arr);
		return cli_fail(&err);
	}
	if (arr == NULL)
		return CLI_EXIT_OK;
	return cli_print_json(arr);
}

/* Record a decision and apply it to the latest scan. */
static int
review_decide(struct catalog *cat, const char *decision, const char *spec_in,
    const char *type, const char *source, const char *note, const char *by)
{
	struct catalog_scan_info info;
	struct catalog_review r;
	struct sift_err err;
	char   *spec, *db, *schema, *table, *column;
	char	found_source[256], found_db[256];
	long	n;
	int	t, rc = CLI_EXIT_OK;

	t = cls_type_find(type);
	if (t < 0)
		return cli_usage_error("review", "unknown type \"%s\" "
		    "(pgsift rules list)", type);
	spec = xstrdup(spec_in);
	if (!cli_parse_column(spec, &db, &schema, &table, &column)) {
		free(spec);
		return cli_usage_error("review", "\"%s\" is not "
		    "[DATABASE.]SCHEMA.TABLE.COLUMN", spec_in);
	}
	if (catalog_scan_get(cat, 0, &info, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	n = catalog_column_locate(cat, info.id, db, schema, table, column,
	    found_source, found_db, sizeof found_source, &err);
	if (n < 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (n == 0) {
		sift_err_set(&err, SIFT_E_NOTFOUND, "no column \"%s\" in scan "
		    "%lld", spec_in, (long long)info.id);
		rc = cli_fail(&err);
		goto out;
	}
	if (n > 1 && source == NULL) {
		rc = cli_usage_error("review", "column \"%s\" is in %ld "
		    "databases of scan %lld: put its database first, or give "
		    "--source", spec_in, n, (long long)info.id);
		goto out;
	}
	memset(&r, 0, sizeof r);
	r.source = source ? source : found_source;
	r.database = db ? db : found_db;
	r.schema = schema;
	r.table = table;
	r.column = column;
	r.type = cls_type_id((size_t)t);
	r.decision = decision;
	r.sensitivity = cls_sensitivity_name(cls_type_sensitivity((size_t)t));
	r.note = note;
	r.reviewer = by;
	if (catalog_begin(cat, &err) != 0 ||
	    catalog_review_put(cat, &r, &err) != 0 ||
	    catalog_reviews_apply(cat, info.id, 0, r.database, &err) != 0 ||
	    catalog_commit(cat, &err) != 0) {
		catalog_rollback(cat);
		rc = cli_fail(&err);
		goto out;
	}
	printf("%s %s for %s.%s.%s.%s.%s\n", decision, r.type, r.source,
	    r.database, schema, table, column);
out:
	free(spec);
	return rc;
}

/* "pgsift review". */
int
cmd_review(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "source", required_argument, NULL, 1 },
		{ "note", required_argument, NULL, 'm' },
		{ "by", required_argument, NULL, 2 },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *catalog_path = "pgsift.db", *source = NULL, *note = "";
	const char *by = getenv("USER"), *sub;
	struct catalog *cat;
	struct sift_err err;
	bool	json = false;
	int	c, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		if (argc >= 2) {
			fputs(review_usage, stdout);
			return CLI_EXIT_OK;
		}
		return cli_usage_error("review", "no review command given");
	}
	sub = argv[1];
	if (strcmp(sub, "confirm") != 0 && strcmp(sub, "reject") != 0 &&
	    strcmp(sub, "list") != 0)
		return cli_usage_error("review", "unknown review command \"%s\"",
		    sub);
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, ":c:m:f:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			catalog_path = optarg;
			break;
		case 1:
			source = optarg;
			break;
		case 'm':
			note = optarg;
			break;
		case 2:
			by = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return cli_usage_error("review",
				    "unknown format \"%s\"", optarg);
			json = strcmp(optarg, "json") == 0;
			break;
		case 'h':
			fputs(review_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("review",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("review", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (strcmp(sub, "list") == 0 && optind != argc)
		return cli_usage_error("review", "list takes no arguments");
	if (strcmp(sub, "list") != 0 && argc - optind != 2)
		return cli_usage_error("review", "%s needs a column and a type",
		    sub);
	if (by == NULL || by[0] == '\0')
		by = "unknown";
	cat = catalog_open(catalog_path, strcmp(sub, "list") == 0 ?
	    CATALOG_READ : CATALOG_WRITE, &err);
	if (cat == NULL)
		return cli_fail(&err);
	if (strcmp(sub, "list") == 0)
		rc = review_list(cat, json);
	else
		rc = review_decide(cat, strcmp(sub, "confirm") == 0 ?
		    "confirmed" : "rejected", argv[optind], argv[optind + 1],
		    source, note, by);
	catalog_close(cat);
	return rc;
}
