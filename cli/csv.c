/*
 * cli/csv.c: a CSV record reader (see csv.h). Fields are copied into one
 * buffer, each NUL-terminated; a record ends at an unquoted line break
 * (LF or CRLF) or at the end of input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "cli/csv.h"

#define CSV_MAX_FIELDS	4096

/* An empty record. */
void
csv_record_init(struct csv_record *r)
{
	memset(r, 0, sizeof *r);
	sift_buf_init(&r->data);
}

/* Free what the record holds. */
void
csv_record_release(struct csv_record *r)
{
	sift_buf_release(&r->data);
	free(r->off);
	free(r->len);
	free(r->quoted);
	memset(r, 0, sizeof *r);
}

/* End the field that began at start; false when there are too many. */
static bool
csv_end_field(struct csv_record *r, size_t start, bool quoted)
{
	if (r->n == CSV_MAX_FIELDS)
		return false;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->off = xreallocarray(r->off, r->cap, sizeof *r->off);
		r->len = xreallocarray(r->len, r->cap, sizeof *r->len);
		r->quoted = xreallocarray(r->quoted, r->cap, sizeof *r->quoted);
	}
	r->off[r->n] = start;
	r->len[r->n] = r->data.len - start;
	r->quoted[r->n] = quoted;
	r->n++;
	sift_buf_addch(&r->data, '\0');
	return true;
}

/* Read the next record (see csv.h). */
int
csv_read(FILE *f, struct csv_record *r, size_t *line, struct sift_err *err)
{
	size_t	start = 0, first = *line + 1;
	bool	quoted = false, inq = false, any = false;
	int	c;

	sift_buf_reset(&r->data);
	r->n = 0;
	while ((c = getc(f)) != EOF) {
		any = true;
		if (inq) {
			if (c == '"') {
				c = getc(f);
				if (c == '"') {
					sift_buf_addch(&r->data, '"');
					continue;
				}
				inq = false;
				if (c == EOF)
					break;
				if (c != ',' && c != '\n' && c != '\r') {
					sift_err_set(err, SIFT_E_USAGE, "line %zu: "
					    "text after a closing quote", *line + 1);
					return -1;
				}
			} else {
				if (c == '\n')
					(*line)++;
				sift_buf_addch(&r->data, (char)c);
				continue;
			}
		}
		if (c == '"' && r->data.len == start && !quoted) {
			inq = quoted = true;
			continue;
		}
		if (c == '"') {
			sift_err_set(err, SIFT_E_USAGE, "line %zu: a quote inside "
			    "an unquoted field", *line + 1);
			return -1;
		}
		if (c == ',' ) {
			if (!csv_end_field(r, start, quoted))
				goto too_many;
			start = r->data.len;
			quoted = false;
			continue;
		}
		if (c == '\r') {
			c = getc(f);
			if (c != '\n' && c != EOF)
				ungetc(c, f);
			c = '\n';
		}
		if (c == '\n') {
			(*line)++;
			if (!csv_end_field(r, start, quoted))
				goto too_many;
			return 1;
		}
		sift_buf_addch(&r->data, (char)c);
	}
	if (ferror(f)) {
		sift_err_set(err, SIFT_E_IO, "read error: %s", strerror(errno));
		return -1;
	}
	if (inq) {
		sift_err_set(err, SIFT_E_USAGE, "line %zu: a quoted field is "
		    "never closed", first);
		return -1;
	}
	if (!any)
		return 0;
	(*line)++;
	if (!csv_end_field(r, start, quoted))
		goto too_many;
	return 1;
too_many:
	sift_err_set(err, SIFT_E_USAGE, "line %zu: more than %d fields",
	    *line, CSV_MAX_FIELDS);
	return -1;
}
