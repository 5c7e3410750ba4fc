/*
 * fuzz/fuzz-sources.c: the sources-file loader (cli/sources.c,
 * docs/sources.md) on arbitrary files.
 *
 * sources_load() reads a file by path, so each input is written to
 * sources.json in a private directory. A file that loads must give at
 * least one source, each with a connection string and patterns that are
 * non-empty strings, named uniquely; its patterns are then tried on a
 * few names. A file that does not load must leave one line of error.
 */
#include <stdbool.h>
#include <string.h>

#include "cli/sources.h"
#include "fuzz/fuzz.h"

/* Names tried against each source's patterns. */
static const char *const fuzz_names[] = { "shop", "shop_tmp", "public",
	"audit", "orders", "public.orders_old", "users.password_hash", "",
	NULL };

/* Standard input shut: nothing here should read it. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_no_stdin();
	return 0;
}

/* Every pattern of p is a non-empty string. */
static void
fuzz_check_patterns(const struct source_patterns *p)
{
	size_t	i;

	if (p->n > 0 && p->items == NULL)
		fuzz_fail("a pattern list without its items");
	for (i = 0; i < p->n; i++)
		if (p->items[i] == NULL || p->items[i][0] == '\0')
			fuzz_fail("an empty pattern");
}

/* One source that loaded: check it, and match its patterns. */
static void
fuzz_check_source(const struct scan_source *s)
{
	size_t	i;

	if (s->conninfo == NULL)
		fuzz_fail("a source without a connection string");
	if (s->name != NULL && s->name[0] == '\0')
		fuzz_fail("a source with an empty name");
	if (s->sample_rows != -1 && (s->sample_rows < 1 ||
	    s->sample_rows > 10000000))
		fuzz_fail("sample_rows outside 1..10000000");
	if (s->statement_timeout_ms < -1 || s->lock_timeout_ms < -1)
		fuzz_fail("a negative timeout");
	fuzz_check_patterns(&s->databases);
	fuzz_check_patterns(&s->exclude_databases);
	fuzz_check_patterns(&s->schemas);
	fuzz_check_patterns(&s->exclude_schemas);
	fuzz_check_patterns(&s->tables);
	fuzz_check_patterns(&s->exclude_tables);
	fuzz_check_patterns(&s->exclude_columns);
	for (i = 0; fuzz_names[i] != NULL; i++) {
		(void)sources_wanted(&s->databases, &s->exclude_databases,
		    fuzz_names[i]);
		(void)sources_wanted(&s->schemas, &s->exclude_schemas,
		    fuzz_names[i]);
		(void)sources_wanted(&s->tables, &s->exclude_tables,
		    fuzz_names[i]);
	}
}

/* One input: a sources file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_source *sources;
	struct sift_err err;
	const char *path;
	size_t	n, i, j;

	memset(&err, 0, sizeof err);
	path = fuzz_write("sources.json", data, size);
	if (sources_load(path, &sources, &n, &err) != 0) {
		if (sources != NULL || n != 0)
			fuzz_fail("a bad sources file gave sources");
		if (err.msg[0] == '\0' || strchr(err.msg, '\n') != NULL)
			fuzz_fail("a sources error that is not one line");
		return 0;
	}
	if (n == 0 || sources == NULL)
		fuzz_fail("a sources file loaded with no source");
	for (i = 0; i < n; i++) {
		fuzz_check_source(&sources[i]);
		for (j = 0; j < i; j++)
			if (sources[i].name != NULL && sources[j].name != NULL &&
			    strcmp(sources[i].name, sources[j].name) == 0)
				fuzz_fail("two sources with one name");
	}
	sources_free(sources, n);
	return 0;
}
