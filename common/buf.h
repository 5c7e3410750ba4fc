/*
 * common/buf.h: a growable, always NUL-terminated byte buffer.
 */
#ifndef PGSIFT_COMMON_BUF_H
#define PGSIFT_COMMON_BUF_H

#include <stddef.h>

#include "common/error.h"

struct sift_buf {
	char   *data;	/* NUL-terminated; owned by the buffer */
	size_t	len;	/* bytes used, not counting the NUL */
	size_t	cap;	/* bytes allocated */
};

/* Set up an empty buffer; sift_buf_release() frees it. */
void	sift_buf_init(struct sift_buf *b);
void	sift_buf_release(struct sift_buf *b);

/* Empty the buffer, keeping its memory. */
void	sift_buf_reset(struct sift_buf *b);

/* Append len bytes, a C string, one byte, or printf-formatted text. */
void	sift_buf_add(struct sift_buf *b, const void *p, size_t len);
void	sift_buf_addstr(struct sift_buf *b, const char *s);
void	sift_buf_addch(struct sift_buf *b, char c);
void	sift_buf_printf(struct sift_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Hand the data to the caller, who frees it with free(). b is left as
 * after sift_buf_release(): init it again to reuse it.
 */
char   *sift_buf_detach(struct sift_buf *b);

/*
 * Read the whole file at path, at most max bytes, into a NUL-terminated
 * buffer the caller frees; *len is its length. NULL with err (of code
 * code): "PATH: No such file or directory", "PATH: larger than N MB",
 * "PATH: read error".
 */
char   *sift_read_file(const char *path, size_t max, enum sift_errcode code,
    size_t *len, struct sift_err *err);

/*
 * The line and column (both from 1) of byte offset off in text, for
 * error messages about a file's content.
 */
void	sift_text_position(const char *text, size_t off, size_t *line,
    size_t *col);

#endif /* PGSIFT_COMMON_BUF_H */
