/*
 * cli/cmd-diff.c: "pgsift diff", what changed between two scans.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "catalog/catalog.h"
#include "classifiers/classifiers.h"
#include "cli/cli.h"
#include "reports/reports.h"

static const char diff_usage[] =
    "Usage: pgsift diff [OPTIONS] [SCAN_A [SCAN_B]]\n"
    "\n"
    "What changed from scan A to scan B (default: the last two scans):\n"
    "relations and columns new, dropped or altered; classifications new,\n"
    "removed (no longer found) or of another likelihood. Classifications\n"
    "a reviewer rejected do not count.\n"
    "\n"
    "Options:\n"
    "  -c, --catalog FILE      the catalog (default pgsift.db)\n"
    "  -f, --format FORMAT     text (default) or json\n"
    "      --fail-on-new[=LIKELIHOOD]\n"
    "                          exit with status 6 when a classification at\n"
    "                          or above LIKELIHOOD (default LIKELY) is new\n"
    "                          or rose to it\n"
    "  -h, --help              show this help and exit\n";

/* What the walk over the changes keeps. */
struct diff_state {
	cJSON  *arr;		/* JSON output, or NULL for text */
	int	fail_on;	/* likelihood, or -1 */
	long	changes;
	long	alerts;		/* new findings at or above fail_on */
};

/* Print or collect one change. */
static int
diff_change(const struct catalog_change *c, void *arg, struct sift_err *err)
{
	struct diff_state *st = arg;
	int	after = c->after ? cls_likelihood_parse(c->after) : -1;
	int	before = c->before ? cls_likelihood_parse(c->before) : -1;

	(void)err;
	st->changes++;
	if (st->fail_on >= 0 && strcmp(c->what, "classification") == 0 &&
	    after >= st->fail_on && before < st->fail_on)
		st->alerts++;
	if (st->arr == NULL) {
		printf("%-14s %-10s %s.%s.%s.%s%s%s%s%s%s%s%s%s\n", c->what,
		    c->change, c->source, c->database, c->schema, c->table,
		    c->column ? "." : "", c->column ? c->column : "",
		    c->type ? " " : "", c->type ? c->type : "",
		    c->before || c->after ? " " : "",
		    c->before ? c->before : "",
		    c->before && c->after ? " -> " : "",
		    c->after ? c->after : "");
		return 0;
	}
	cJSON_AddItemToArray(st->arr, report_change_json(c));
	return 0;
}

/* "pgsift diff". */
int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on-new", optional_argument, NULL, 1 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *catalog_path = "pgsift.db";
	struct catalog_scan_info ia, ib;
	struct diff_state st = { NULL, -1, 0, 0 };
	struct catalog *cat;
	struct sift_err err;
	cJSON  *root = NULL;
	bool	json = false;
	long	a = 0, b = 0;
	int	c, rc = CLI_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":c:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			catalog_path = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return cli_usage_error("diff",
				    "unknown format \"%s\"", optarg);
			json = strcmp(optarg, "json") == 0;
			break;
		case 1:
			st.fail_on = optarg ? cls_likelihood_parse(optarg) :
			    CLS_LIKELY;
			if (st.fail_on < 0)
				return cli_usage_error("diff", "unknown "
				    "likelihood \"%s\"", optarg);
			break;
		case 'h':
			fputs(diff_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("diff",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("diff", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (argc - optind > 2)
		return cli_usage_error("diff", "at most two scans");
	if (optind < argc && cli_parse_long("SCAN_A", argv[optind], 1,
	    2147483647L, &a, &err) != 0)
		return cli_usage_error("diff", "%s", err.msg);
	if (optind + 1 < argc && cli_parse_long("SCAN_B", argv[optind + 1], 1,
	    2147483647L, &b, &err) != 0)
		return cli_usage_error("diff", "%s", err.msg);
	cat = catalog_open(catalog_path, CATALOG_READ, &err);
	if (cat == NULL)
		return cli_fail(&err);
	/*
	 * B: given, or the latest that finished; A: given, or the finished
	 * one before B. A scan running, killed or failed has no complete
	 * picture: comparing with it would show tables dropped that are not.
	 */
	if (b == 0 && (b = (long)catalog_scan_before(cat, INT64_MAX)) == 0 &&
	    catalog_scan_get(cat, 0, &ib, &err) == 0) {
		sift_err_set(&err, SIFT_E_NOTFOUND, "catalog \"%s\" has no "
		    "finished scan (the latest, scan %lld, is %s)",
		    catalog_path, (long long)ib.id, ib.status);
		rc = cli_fail(&err);
		goto out;
	}
	if (catalog_scan_get(cat, b, &ib, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (a == 0)
		a = (long)catalog_scan_before(cat, ib.id);
	if (a == 0) {
		sift_err_set(&err, SIFT_E_NOTFOUND, "catalog \"%s\" has no "
		    "finished scan before scan %lld to compare with", catalog_path,
		    (long long)ib.id);
		rc = cli_fail(&err);
		goto out;
	}
	if (catalog_scan_get(cat, a, &ia, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (json) {
		root = cJSON_CreateObject();
		cJSON_AddNumberToObject(root, "scan_a", (double)ia.id);
		cJSON_AddNumberToObject(root, "scan_b", (double)ib.id);
		st.arr = cJSON_AddArrayToObject(root, "changes");
	} else
		printf("scan %lld -> scan %lld\n", (long long)ia.id,
		    (long long)ib.id);
	if (catalog_diff(cat, ia.id, ib.id, diff_change, &st, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (json) {
		rc = cli_print_json(root);
		root = NULL;
		if (rc != CLI_EXIT_OK)
			goto out;
	} else if (st.changes == 0)
		printf("no changes\n");
	if (st.alerts > 0) {
		fprintf(stderr, "pgsift: %ld new finding%s at or above %s\n",
		    st.alerts, st.alerts == 1 ? "" : "s",
		    cls_likelihood_name((enum cls_likelihood)st.fail_on));
		rc = CLI_EXIT_FINDINGS;
	}
out:
	cJSON_Delete(root);
	catalog_close(cat);
	return rc;
}
