/*
 * common/log.c: leveled messages on stderr.
 *
 * Each line is written with one stdio call while the stream is locked, so
 * lines from several worker threads never interleave.
 */
#include <stdarg.h>
#include <stdio.h>

#include "common/log.h"

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
	va_list ap;

	if (level > log_level)
		return;
	flockfile(stderr);
	if (log_hook != NULL)
		log_hook(log_hook_arg);
	fprintf(stderr, "pgsift: %s", prefix[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}
