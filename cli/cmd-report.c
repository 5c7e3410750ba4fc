/*
 * cli/cmd-report.c: "pgsift report", a report of one scan from the
 * catalog.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "reports/reports.h"

static const char report_usage[] =
    "Usage: pgsift report [OPTIONS]\n"
    "\n"
    "Write the report of a scan kept in the catalog.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT  json (default), html (one self-contained\n"
    "                       page), csv (one row per finding), ndjson (one\n"
    "                       finding per line) or markdown (a summary)\n"
    "  -c, --catalog FILE   the catalog (default pgsift.db)\n"
    "  -s, --scan ID        the scan to report on (default: the latest)\n"
    "  -o, --output FILE    write to FILE, atomically (default: stdout)\n"
    "  -h, --help           show this help and exit\n";

/* "pgsift report": parse options, open the catalog, write the report. */
int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "scan", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *catalog_path = "pgsift.db", *output = "-";
	enum report_format format = REPORT_JSON;
	struct catalog *cat;
	struct sift_err err;
	long	scan_id = 0;
	int	c, rc;

	sift_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:c:s:o:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			if (report_format_parse(optarg, &format) != 0)
				return cli_usage_error("report",
				    "unknown report format \"%s\"", optarg);
			break;
		case 'c':
			catalog_path = optarg;
			break;
		case 's':
			if (cli_parse_long("--scan", optarg, 1, INT32_MAX,
			    &scan_id, &err) != 0)
				return cli_fail(&err);
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(report_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("report",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("report", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("report", "unexpected argument \"%s\"",
		    argv[optind]);
	cat = catalog_open(catalog_path, CATALOG_READ, &err);
	if (cat == NULL)
		return cli_fail(&err);
	rc = report_write_file(cat, scan_id, format, output, &err);
	catalog_close(cat);
	if (rc != 0)
		return cli_fail(&err);
	return CLI_EXIT_OK;
}
