/*
 * cli/util.c: exit statuses, error printing and option parsing shared by
 * the commands.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "cli/cli.h"
#include "common/text.h"

/* The exit status documented in README.md for an error code. */
int
cli_exit_status(const struct sift_err *err)
{
	switch (err->code) {
	case SIFT_E_OK:
		return CLI_EXIT_OK;
	case SIFT_E_USAGE:
	case SIFT_E_RULES:
		return CLI_EXIT_USAGE;
	case SIFT_E_CONNECT:
		return CLI_EXIT_CONNECT;
	case SIFT_E_INTERRUPTED:
		return CLI_EXIT_PARTIAL;
	case SIFT_E_CATALOG:
	case SIFT_E_NOTFOUND:
	case SIFT_E_IO:
		return CLI_EXIT_CATALOG;
	case SIFT_E_QUERY:
	case SIFT_E_INTERNAL:
	default:
		return CLI_EXIT_INTERNAL;
	}
}

/* Print err as one line on stderr; returns its exit status. */
int
cli_fail(const struct sift_err *err)
{
	fputs("pgsift: error: ", stderr);
	sift_fput_clean(stderr, err->msg[0] ? err->msg : "unknown error");
	fputc('\n', stderr);
	return cli_exit_status(err);
}

/* Print a usage error and a hint; returns CLI_EXIT_USAGE. */
int
cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fputs("pgsift: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\npgsift: hint: Try \"pgsift %s%s--help\".\n",
	    command ? command : "", command ? " " : "");
	return CLI_EXIT_USAGE;
}

/* Parse a whole number for an option, within bounds. */
int
cli_parse_long(const char *option, const char *s, long min, long max,
    long *out, struct sift_err *err)
{
	char   *end;
	long	v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < min || v > max)
		return sift_err_set(err, SIFT_E_USAGE,
		    "invalid value \"%s\" for %s: expected a whole number "
		    "from %ld to %ld", s, option, min, max);
	*out = v;
	return 0;
}

/* Parse "30s", "500ms", "2min", "1h" or plain milliseconds. */
int
cli_parse_duration(const char *option, const char *s, long *ms,
    struct sift_err *err)
{
	static const struct {
		const char *unit;
		long	factor;
	} units[] = { { "", 1 }, { "ms", 1 }, { "s", 1000 },
		{ "min", 60000 }, { "h", 3600000 } };
	char   *end;
	long	v;
	size_t	i;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || errno != 0 || v < 0 || !isdigit((unsigned char)*s))
		goto bad;
	while (*end == ' ')
		end++;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(end, units[i].unit) == 0) {
			if (v > 2147483647L / units[i].factor)
				goto bad;
			*ms = v * units[i].factor;
			return 0;
		}
	}
bad:
	return sift_err_set(err, SIFT_E_USAGE,
	    "invalid duration \"%s\" for %s: expected a number with an "
	    "optional unit ms, s, min or h, as in \"30s\"", s, option);
}

/* Print a JSON document on standard output and free it (see cli.h). */
int
cli_print_json(cJSON *doc)
{
	char   *text;

	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (text == NULL)
		return CLI_EXIT_INTERNAL;
	puts(text);
	cJSON_free(text);
	return CLI_EXIT_OK;
}

/* Split "[db.]schema.table.column" at its last three dots (see cli.h). */
bool
cli_parse_column(char *spec, char **db, char **schema, char **table,
    char **column)
{
	char   *dot;

	if ((dot = strrchr(spec, '.')) == NULL)
		return false;
	*dot = '\0';
	*column = dot + 1;
	if ((dot = strrchr(spec, '.')) == NULL)
		return false;
	*dot = '\0';
	*table = dot + 1;
	dot = strrchr(spec, '.');
	if (dot != NULL) {
		*dot = '\0';
		*schema = dot + 1;
		*db = spec;
	} else {
		*schema = spec;
		*db = NULL;
	}
	return **column && **table && **schema && (*db == NULL || **db);
}
