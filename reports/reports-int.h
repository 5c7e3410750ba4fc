/*
 * reports/reports-int.h: what the report writers share.
 */
#ifndef PGSIFT_REPORTS_INT_H
#define PGSIFT_REPORTS_INT_H

#include "reports/reports.h"

/*
 * Write the JSON report of scan scan_id (0: the latest) to out. Returns
 * 0, or -1 with err filled in.
 */
int	report_json_write(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err);

struct cJSON;

/*
 * The JSON report of scan scan_id as a document the caller frees with
 * cJSON_Delete(), or NULL with err filled in. The HTML report embeds it.
 */
struct cJSON *report_json_build(struct catalog *cat, int64_t scan_id,
    struct sift_err *err);

/* Write the self-contained HTML report of scan scan_id to out. */
int	report_html_write(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err);

/*
 * Write a flat report (REPORT_CSV, REPORT_NDJSON or REPORT_MARKDOWN) of
 * scan scan_id to out. Returns 0, or -1 with err filled in.
 */
int	report_flat_write(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, FILE *out, struct sift_err *err);

#endif /* PGSIFT_REPORTS_INT_H */
