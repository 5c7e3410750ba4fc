/*
 * reports/reports-int.h: what the report writers share.
 */
#ifndef PGSIFT_REPORTS_INT_H
#define PGSIFT_REPORTS_INT_H

#include <stdbool.h>

#include "reports/reports.h"

/*
 * Is a classification a finding the reports count: LIKELY or above, or
 * confirmed by a reviewer? (Rejected ones are never among a column's
 * findings.)
 */
bool	report_is_finding(const struct catalog_finding *f);

/* The rank of a sensitivity name, 0 (public) to 3; -1 if unknown. */
int	report_sensitivity_rank(const char *s);

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
