/*
 * cli/csv.h: reading CSV records (RFC 4180: comma-separated, fields
 * optionally in double quotes, "" for a quote, line breaks inside quotes),
 * for "pgsift classify --csv".
 */
#ifndef PGSIFT_CLI_CSV_H
#define PGSIFT_CLI_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/buf.h"
#include "common/error.h"

/* One record: n fields, field i at data.data + off[i], len[i] bytes. */
struct csv_record {
	struct sift_buf data;
	size_t *off;
	size_t *len;
	bool   *quoted;	/* written in quotes ("" is an empty string) */
	size_t	n;
	size_t	cap;
};

void	csv_record_init(struct csv_record *r);
void	csv_record_release(struct csv_record *r);

/*
 * Read the next record of f into r; *line counts physical lines read.
 * Returns 1 for a record, 0 at the end of input, -1 with err filled in
 * (an unterminated quote, a quote inside an unquoted field, a read error).
 */
int	csv_read(FILE *f, struct csv_record *r, size_t *line,
    struct sift_err *err);

#endif /* PGSIFT_CLI_CSV_H */
