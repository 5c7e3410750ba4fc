/*
 * scanner/patterns.c: matching names against --schema and --table
 * patterns, and the defaults of struct scan_options.
 */
#include <fnmatch.h>
#include <unistd.h>

#include "scanner/scanner.h"

/* Fill opts with the documented defaults and empty pattern lists. */
void
scan_options_init(struct scan_options *opts)
{
	opts->sample_rows = SCAN_DEFAULT_SAMPLE_ROWS;
	opts->statement_timeout_ms = SCAN_DEFAULT_STATEMENT_TIMEOUT;
	opts->lock_timeout_ms = SCAN_DEFAULT_LOCK_TIMEOUT;
	opts->schemas.items = opts->exclude_schemas.items = NULL;
	opts->tables.items = opts->exclude_tables.items = NULL;
	opts->schemas.n = opts->exclude_schemas.n = 0;
	opts->tables.n = opts->exclude_tables.n = 0;
	opts->jobs = 1;
	opts->seeded = false;
	opts->seed = 0;
	opts->allow_insecure = false;
	opts->resume = false;
}

/* The CPUs online, within 1..SCAN_MAX_JOBS (see scanner.h). */
int
scan_default_jobs(void)
{
	long	n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > SCAN_MAX_JOBS ? SCAN_MAX_JOBS : (int)n;
}

/*
 * True when name matches one of the shell globs in p. No flags: "*"
 * crosses dots, so "sales*" matches "sales.orders" as well.
 */
bool
scan_patterns_match(const struct scan_patterns *p, const char *name)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		if (fnmatch(p->items[i], name, 0) == 0)
			return true;
	}
	return false;
}
