/*
 * cli/sources.h: the sources file of "pgsift scan --sources FILE"
 * (docs/sources.md): the servers and databases of an estate, each with
 * its name, patterns, sample size and timeouts.
 */
#ifndef PGSIFT_CLI_SOURCES_H
#define PGSIFT_CLI_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

/* A list of patterns, owned. */
struct source_patterns {
	char  **items;
	size_t	n;
};

/* One source of the file. */
struct scan_source {
	char   *name;		/* the report's "source"; NULL: host:port */
	char   *conninfo;	/* a connection string, URI or "service=..." */
	bool	all_databases;
	struct source_patterns databases, exclude_databases;
	struct source_patterns schemas, exclude_schemas;
	struct source_patterns tables, exclude_tables;
	struct source_patterns exclude_columns;
	long	sample_rows;		/* -1: the command line's */
	long	statement_timeout_ms;	/* -1: the command line's */
	long	lock_timeout_ms;	/* -1: the command line's */
};

/*
 * Load a sources file. Returns 0 with *sources (n of them, freed with
 * sources_free()), or -1 with err: FILE:LINE:COL for JSON syntax,
 * FILE: sources[2].sample_rows: ... for the rest.
 */
int	sources_load(const char *path, struct scan_source **sources, size_t *n,
    struct sift_err *err);
void	sources_free(struct scan_source *sources, size_t n);

/* Does name pass include (empty: everything) and exclude patterns? */
bool	sources_wanted(const struct source_patterns *include,
    const struct source_patterns *exclude, const char *name);

#endif /* PGSIFT_CLI_SOURCES_H */
