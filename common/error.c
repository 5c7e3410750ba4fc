/*
 * common/error.c: filling struct sift_err.
 *
 * The message buffer is fixed, so that reporting an error never allocates;
 * messages longer than it are cut.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/error.h"

/*
 * Make msg a single line: line breaks and tabs become one space and
 * trailing white space goes, so libpq's "...\n" endings disappear.
 */
static void
err_flatten(char *msg)
{
	size_t	len;
	char   *p, *q;

	/* Each run of line breaks and tabs, with spaces around, is one space. */
	for (p = q = msg; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			while (q > msg && q[-1] == ' ')
				q--;
			*q++ = ' ';
			while (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' ||
			    p[1] == '\r')
				p++;
		} else
			*q++ = *p;
	}
	*q = '\0';
	len = strlen(msg);
	while (len > 0 && msg[len - 1] == ' ')
		msg[--len] = '\0';
}

/* Fill err with a code and a one-line message; returns -1. */
int
sift_err_set(struct sift_err *err, enum sift_errcode code, const char *fmt,
    ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	err->sqlstate[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err_flatten(err->msg);
	return -1;
}

/* Reset err to "no error"; err may be NULL. */
void
sift_err_clear(struct sift_err *err)
{
	if (err == NULL)
		return;
	err->code = SIFT_E_OK;
	err->sqlstate[0] = '\0';
	err->msg[0] = '\0';
}

/* Put context before the message already in err; returns -1. */
int
sift_err_prefix(struct sift_err *err, const char *fmt, ...)
{
	char	old[sizeof err->msg];
	size_t	len;
	va_list ap;

	if (err == NULL)
		return -1;
	memcpy(old, err->msg, sizeof old);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	/* Append ": old" by hand, cutting it to what is left of the buffer. */
	len = strlen(err->msg);
	if (old[0] != '\0' && len + 2 < sizeof err->msg) {
		memcpy(err->msg + len, ": ", 2);
		len += 2;
		snprintf(err->msg + len, sizeof err->msg - len, "%.*s",
		    (int)(sizeof err->msg - len - 1), old);
	}
	err_flatten(err->msg);
	return -1;
}
