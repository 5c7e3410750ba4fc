/*
 * cli/cli.h: what the command files share: exit statuses, error
 * printing and option parsing helpers.
 */
#ifndef PGSIFT_CLI_H
#define PGSIFT_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"

/* Exit statuses, documented in README.md. */
enum cli_exit {
	CLI_EXIT_OK = 0,	/* the command did what was asked */
	CLI_EXIT_INTERNAL = 1,	/* a bug or an unexpected failure */
	CLI_EXIT_USAGE = 2,	/* bad option, argument or connection string */
	CLI_EXIT_CONNECT = 3,	/* no database could be reached */
	CLI_EXIT_PARTIAL = 4,	/* scan finished, but something was skipped */
	CLI_EXIT_CATALOG = 5,	/* catalog or output file unusable */
	CLI_EXIT_FINDINGS = 6	/* --fail-on: findings at or above a level */
};

/* The exit status for an error code. */
int	cli_exit_status(const struct sift_err *err);

/* Print "pgsift: error: MSG" on stderr and return the exit status. */
int	cli_fail(const struct sift_err *err);

/* Print a usage error with a hint to see --help; returns CLI_EXIT_USAGE. */
int	cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Parse a positive whole number within [min, max]. Returns 0, or -1 with
 * err filled in naming the option.
 */
int	cli_parse_long(const char *option, const char *s, long min, long max,
    long *out, struct sift_err *err);

/*
 * Parse a duration as PostgreSQL writes them: a number with an optional
 * unit ms, s, min or h (no unit: milliseconds). 0 means no limit.
 */
int	cli_parse_duration(const char *option, const char *s, long *ms,
    struct sift_err *err);

struct catalog;
struct cJSON;

/*
 * Split a column named "[DATABASE.]SCHEMA.TABLE.COLUMN" in place, at its
 * last three dots (a dotted name needs the database given). *db is NULL
 * when there is none. False when a part is missing or empty.
 */
bool	cli_parse_column(char *spec, char **db, char **schema, char **table,
    char **column);

/*
 * Print a JSON document on standard output, indented, and free it.
 * Returns CLI_EXIT_OK, or CLI_EXIT_INTERNAL when it cannot be printed.
 */
int	cli_print_json(struct cJSON *doc);

/*
 * Print, one line each, the columns of scan scan_id classified LIKELY or
 * above, with their type, likelihood and score. Returns 0 or -1.
 */
int	cli_print_findings(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err);

/* The commands. */
int	cmd_scan(int argc, char **argv);
int	cmd_report(int argc, char **argv);
int	cmd_classify(int argc, char **argv);
int	cmd_rules(int argc, char **argv);
int	cmd_lineage(int argc, char **argv);
int	cmd_review(int argc, char **argv);
int	cmd_diff(int argc, char **argv);

#endif /* PGSIFT_CLI_H */
