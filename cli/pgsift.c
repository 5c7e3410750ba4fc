/*
 * cli/pgsift.c: main(), the global options and the command table.
 *
 * "pgsift COMMAND [OPTIONS]" runs one command from the table below; each
 * lives in cli/cmd-<name>.c and returns the process's exit status.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"

#include "cli/cli.h"

static const struct {
	const char *name;
	int	(*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "scan", cmd_scan, "scan databases into the catalog" },
	{ "report", cmd_report, "write a report of a scan from the catalog" },
	{ "classify", cmd_classify, "classify values from a file, no database" },
	{ "diff", cmd_diff, "show what changed between two scans" },
	{ "review", cmd_review, "confirm or reject a classification" },
	{ "lineage", cmd_lineage, "show where a column's values come from and go" },
	{ "rules", cmd_rules, "list and check classification rules" },
};

/* Print the top-level usage on f. */
static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f, "pgsift %s: find and classify sensitive data in PostgreSQL\n"
	    "\n"
	    "Usage: pgsift COMMAND [OPTIONS] [ARGS]\n"
	    "       pgsift --help | --version\n"
	    "\n"
	    "Commands:\n", PACKAGE_VERSION);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n"
	    "Run \"pgsift COMMAND --help\" for a command's options.\n"
	    "Exit statuses: 0 success, 1 internal error, 2 usage error,\n"
	    "3 connection failure, 4 partial scan, 5 catalog or file error.\n");
}

/* Dispatch to the command named by argv[1]. */
int
main(int argc, char **argv)
{
	size_t	i;

	if (argc < 2)
		return cli_usage_error(NULL, "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char   *help_argv[] = { argv[2], (char *)"--help", NULL };

			for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
				if (strcmp(argv[2], commands[i].name) == 0)
					return commands[i].fn(2, help_argv);
			return cli_usage_error(NULL, "unknown command \"%s\"",
			    argv[2]);
		}
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("pgsift %s\n", PACKAGE_VERSION);
		return CLI_EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	}
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option \"%s\"", argv[1]);
	return cli_usage_error(NULL, "unknown command \"%s\"", argv[1]);
}
