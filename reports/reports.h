/*
 * reports/reports.h: reports of a scan, read from the catalog.
 *
 * Reports read the catalog only, never the database. They hold no
 * sampled value: the catalog has none.
 */
#ifndef PGSIFT_REPORTS_H
#define PGSIFT_REPORTS_H

#include <stdint.h>
#include <stdio.h>

#include "catalog/catalog.h"
#include "common/error.h"

/* The version of the JSON report's contract (docs/report.md). */
#define REPORT_FORMAT_VERSION 1

enum report_format {
	REPORT_JSON,
	REPORT_CSV,		/* one row per finding, RFC 4180 */
	REPORT_NDJSON,		/* one finding per line */
	REPORT_MARKDOWN,	/* a short summary */
	REPORT_HTML		/* one self-contained page */
};

/* Parse a format name ("json", "csv", "ndjson", "markdown", "html").
 * Returns 0, or -1 if unknown. */
int	report_format_parse(const char *name, enum report_format *fmt);

/*
 * Write the report of scan scan_id (0: the latest) in format fmt to out.
 * Returns 0, or -1 with err filled in (SIFT_E_NOTFOUND when there is no
 * such scan).
 */
int	report_write(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, FILE *out, struct sift_err *err);

/*
 * The same, to path ("-" for standard output), atomically: the report is
 * written to a temporary file (mode 0600) in the same directory, flushed
 * to disk and renamed over path, so a reader never sees half a report.
 * On failure the temporary file is removed and path is left as it was.
 */
int	report_write_file(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, const char *path, struct sift_err *err);

struct cJSON;

/*
 * One difference between two scans (catalog_diff()) as a JSON object
 * with the fields "pgsift diff --format json" writes: what, change,
 * source, database, schema, table, and column, type, before, after when
 * set. The caller owns it.
 */
struct cJSON *report_change_json(const struct catalog_change *c);

#endif /* PGSIFT_REPORTS_H */
