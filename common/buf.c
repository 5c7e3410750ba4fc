/*
 * common/buf.c: a growable byte buffer, in the manner of git's strbuf.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"

/* Make room for extra more bytes plus the terminating NUL. */
static void
buf_grow(struct sift_buf *b, size_t extra)
{
	size_t	need;

	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

/* Set up an empty, NUL-terminated buffer. */
void
sift_buf_init(struct sift_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	buf_grow(b, 0);
	b->data[0] = '\0';
}

/* Free the buffer's memory. */
void
sift_buf_release(struct sift_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Empty the buffer, keeping its memory. */
void
sift_buf_reset(struct sift_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Append len bytes. */
void
sift_buf_add(struct sift_buf *b, const void *p, size_t len)
{
	buf_grow(b, len);
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Append a C string. */
void
sift_buf_addstr(struct sift_buf *b, const char *s)
{
	sift_buf_add(b, s, strlen(s));
}

/* Append one byte. */
void
sift_buf_addch(struct sift_buf *b, char c)
{
	sift_buf_add(b, &c, 1);
}

/* Append printf-formatted text. */
void
sift_buf_printf(struct sift_buf *b, const char *fmt, ...)
{
	va_list ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Hand the data to the caller; the buffer is left released. */
char *
sift_buf_detach(struct sift_buf *b)
{
	char   *p;

	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* Line and column (1-based) of offset off in text. */
void
sift_text_position(const char *text, size_t off, size_t *line, size_t *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && text[i] != '\0'; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

/* Read a whole file (see buf.h). */
char *
sift_read_file(const char *path, size_t max, enum sift_errcode code,
    size_t *len, struct sift_err *err)
{
	FILE   *f;
	char   *buf;
	size_t	n = 0, cap = max < 65536 ? max : 65536;

	f = fopen(path, "rb");
	if (f == NULL) {
		sift_err_set(err, code, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap + 1);
	errno = 0;
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || ferror(f))
			break;
		if (cap >= max) {
			/* Full: one more byte says whether there is more. */
			if (fgetc(f) == EOF && !ferror(f))
				break;
			sift_err_set(err, code, "%s: larger than %zu MB", path,
			    max >> 20);
			fclose(f);
			free(buf);
			return NULL;
		}
		cap = cap * 2 > max ? max : cap * 2;
		buf = xreallocarray(buf, cap + 1, 1);
	}
	if (ferror(f)) {
		sift_err_set(err, code, "%s: %s", path, errno ? strerror(errno) :
		    "read error");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}
