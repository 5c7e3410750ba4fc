/*
 * reports/output.c: choosing a report writer and writing its output,
 * atomically when it goes to a file.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xmalloc.h"
#include "classifiers/classifiers.h"
#include "reports/reports-int.h"

/* The report format with this name. */
int
report_format_parse(const char *name, enum report_format *fmt)
{
	static const struct {
		const char *name;
		enum report_format fmt;
	} formats[] = { { "json", REPORT_JSON }, { "csv", REPORT_CSV },
		{ "ndjson", REPORT_NDJSON }, { "markdown", REPORT_MARKDOWN },
		{ "md", REPORT_MARKDOWN }, { "html", REPORT_HTML } };
	size_t	i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*fmt = formats[i].fmt;
			return 0;
		}
	}
	return -1;
}

/* Is a classification a finding (see reports-int.h)? */
bool
report_is_finding(const struct catalog_finding *f)
{
	return cls_likelihood_parse(f->likelihood) >= CLS_LIKELY ||
	    (f->review != NULL && strcmp(f->review, "confirmed") == 0);
}

/* The rank of a sensitivity name, or -1. */
int
report_sensitivity_rank(const char *s)
{
	int	i;

	for (i = CLS_SENS_PUBLIC; i <= CLS_SENS_HIGHLY_CONFIDENTIAL; i++)
		if (strcmp(s, cls_sensitivity_name((enum cls_sensitivity)i)) == 0)
			return i;
	return -1;
}

/* Write a scan's report in fmt to out. */
int
report_write(struct catalog *cat, int64_t scan_id, enum report_format fmt,
    FILE *out, struct sift_err *err)
{
	switch (fmt) {
	case REPORT_JSON:
		return report_json_write(cat, scan_id, out, err);
	case REPORT_HTML:
		return report_html_write(cat, scan_id, out, err);
	case REPORT_CSV:
	case REPORT_NDJSON:
	case REPORT_MARKDOWN:
		return report_flat_write(cat, scan_id, fmt, out, err);
	}
	return sift_err_set(err, SIFT_E_INTERNAL, "unknown report format %d",
	    (int)fmt);
}

/* Write the report to an open stream and flush it. */
static int
report_write_stream(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, FILE *f, const char *path, struct sift_err *err)
{
	if (report_write(cat, scan_id, fmt, f, err) != 0)
		return -1;
	if (fflush(f) != 0)
		return sift_err_set(err, SIFT_E_IO, "could not write report "
		    "\"%s\": %s", path, strerror(errno));
	return 0;
}

/*
 * Write the report to a new temporary file next to path, then rename it
 * over path. mkstemp() creates the file with mode 0600. An existing path
 * that is not a regular file (/dev/null, a pipe) is written in place:
 * renaming over it would replace the device.
 */
int
report_write_file(struct catalog *cat, int64_t scan_id,
    enum report_format fmt, const char *path, struct sift_err *err)
{
	char   *tmp, *copy;
	const char *base;
	struct stat st;
	FILE   *f;
	int	fd, rc = -1;

	if (strcmp(path, "-") == 0)
		return report_write_stream(cat, scan_id, fmt, stdout,
		    "standard output", err);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return sift_err_set(err, SIFT_E_IO, "could not write "
			    "report \"%s\": it is a directory", path);
		f = fopen(path, "w");
		if (f == NULL)
			return sift_err_set(err, SIFT_E_IO, "could not write "
			    "report \"%s\": %s", path, strerror(errno));
		rc = report_write_stream(cat, scan_id, fmt, f, path, err);
		if (fclose(f) != 0 && rc == 0)
			rc = sift_err_set(err, SIFT_E_IO, "could not write "
			    "report \"%s\": %s", path, strerror(errno));
		return rc;
	}
	copy = xstrdup(path);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	tmp = xasprintf("%s/.%s.XXXXXX", dirname(copy), base);
	free(copy);
	fd = mkstemp(tmp);
	if (fd < 0) {
		sift_err_set(err, SIFT_E_IO, "could not write report \"%s\": %s",
		    path, strerror(errno));
		free(tmp);
		return -1;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		sift_err_set(err, SIFT_E_IO, "could not write report \"%s\": %s",
		    path, strerror(errno));
		close(fd);
		goto out;
	}
	if (report_write(cat, scan_id, fmt, f, err) != 0) {
		fclose(f);
		goto out;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		sift_err_set(err, SIFT_E_IO, "could not write report \"%s\": %s",
		    path, strerror(errno));
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0) {
		sift_err_set(err, SIFT_E_IO, "could not write report \"%s\": %s",
		    path, strerror(errno));
		goto out;
	}
	if (rename(tmp, path) != 0) {
		sift_err_set(err, SIFT_E_IO, "could not write report \"%s\": %s",
		    path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
