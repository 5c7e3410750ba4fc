/*
 * common/log.c: leveled messages on stderr.
 *
 * Each line is written while the stream is locked, so lines from several
 * worker threads never interleave. Control characters and bytes that are
 * not UTF-8 are written as \xNN: messages name tables and columns of the
 * scanned database, which may hold an escape sequence or a newline.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/log.h"
#include "common/text.h"
#include "common/xmalloc.h"

static enum sift_log_level log_level = SIFT_LOG_WARNING;
static void (*log_hook)(void *);
static void *log_hook_arg;

/* Call fn(arg) before each line is written (see log.h). */
void
sift_log_set_hook(void (*fn)(void *arg), void *arg)
{
	log_hook = fn;
	log_hook_arg = arg;
}

/* Drop messages above level from now on. */
void
sift_log_set_level(enum sift_log_level level)
{
	log_level = level;
}

/* The level in force. */
enum sift_log_level
sift_log_get_level(void)
{
	return log_level;
}

/* Write one line at level to stderr, "pgsift: " first. */
void
sift_log(enum sift_log_level level, const char *fmt, ...)
{
	static const char *const prefix[] = { "error: ", "warning: ", "",
		"debug: " };
	char	stack[1024], *msg = stack;
	va_list ap;
	int	n;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	n = vsnprintf(stack, sizeof stack, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof stack) {
		msg = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	flockfile(stderr);
	if (log_hook != NULL)
		log_hook(log_hook_arg);
	fprintf(stderr, "pgsift: %s", prefix[level]);
	sift_fput_clean(stderr, msg);
	fputc('\n', stderr);
	funlockfile(stderr);
	if (msg != stack)
		free(msg);
}
