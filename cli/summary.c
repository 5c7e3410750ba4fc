/*
 * cli/summary.c: the table of findings that "pgsift scan" prints when it
 * ends: every column classified LIKELY or above, read back from the
 * catalog, one line each.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "common/buf.h"
#include "common/text.h"

/* Counts kept while the table is printed. */
struct summary_state {
	FILE   *out;
	long	shown;
	struct sift_buf name;	/* the column's qualified name */
};

/* Is a likelihood name LIKELY or VERY_LIKELY? */
static int
summary_likely(const char *likelihood)
{
	return strcmp(likelihood, "LIKELY") == 0 ||
	    strcmp(likelihood, "VERY_LIKELY") == 0;
}

/* Print the column's findings of LIKELY or above. */
static int
summary_column(const struct catalog_column_view *col, void *arg,
    struct sift_err *err)
{
	struct summary_state *st = arg;
	size_t	i;

	(void)err;
	for (i = 0; i < col->nfindings; i++) {
		const struct catalog_finding *f = &col->findings[i];

		if (!summary_likely(f->likelihood))
			continue;
		if (st->shown++ == 0)
			fprintf(st->out, "\n%-44s %-26s %-12s %s\n", "COLUMN",
			    "TYPE", "LIKELIHOOD", "SCORE");
		sift_buf_reset(&st->name);
		sift_buf_printf(&st->name, "%s.%s.%s.%s", col->database,
		    col->schema, col->table, col->column);
		sift_fput_clean(st->out, st->name.data);
		if (st->name.len < 44)
			fprintf(st->out, "%*s", (int)(44 - st->name.len), "");
		fprintf(st->out, " %-26s %-12s %.2f\n", f->type, f->likelihood,
		    f->score);
	}
	return 0;
}

/* Print the LIKELY-and-above findings of a scan as a table. */
int
cli_print_findings(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err)
{
	struct summary_state st = { out, 0, { NULL, 0, 0 } };
	int	rc;

	sift_buf_init(&st.name);
	rc = catalog_columns_foreach(cat, scan_id, summary_column, &st, err);
	sift_buf_release(&st.name);
	if (rc != 0)
		return -1;
	if (st.shown == 0)
		fprintf(out, "no column was classified LIKELY or above\n");
	return 0;
}
