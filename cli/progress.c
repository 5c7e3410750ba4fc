/*
 * cli/progress.c: what "pgsift scan" shows while it runs. On a terminal,
 * one line redrawn in place: a bar of the run's relations done (of those
 * its databases discovered so far), rows read, elapsed and remaining
 * time. Elsewhere (a log, a pipe), a plain line now and then. The line
 * names the database, or "all databases" once a second one has come
 * (their relations are sampled from one queue, interleaved). Nothing
 * with --quiet.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress.h"

#define PROGRESS_BAR	24	/* characters in the bar */
#define PROGRESS_EVERY	10	/* seconds between plain lines */

/* Seconds since an arbitrary start, with a fraction. */
static double
progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "1:05" or "1:02:05". */
static void
progress_time(double secs, char *out, size_t size)
{
	long	s = (long)(secs + 0.5);

	if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

static void progress_draw(struct progress *p, const char *database,
    size_t done, size_t total, const struct scan_stats *stats);

/* Set up progress for a run; stderr decides the style. */
void
progress_init(struct progress *p, FILE *out)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->tty = isatty(fileno(out));
	p->start = progress_now();
	p->last = p->start;
}

/* After each relation (see scanner.h). */
void
progress_update(const char *database, size_t done, size_t total,
    const struct scan_stats *stats, void *arg)
{
	struct progress *p = arg;

	/*
	 * Under the stream's lock: sift_log() calls progress_clear() under
	 * it too, from the sampling workers as well (at debug level).
	 */
	flockfile(p->out);
	progress_draw(p, database, done, total, stats);
	funlockfile(p->out);
}

/* Draw the bar, or print a plain line; the stream is locked. */
static void
progress_draw(struct progress *p, const char *database, size_t done,
    size_t total, const struct scan_stats *stats)
{
	double	now = progress_now(), elapsed, left;
	char	bar[PROGRESS_BAR + 1], e[32], l[32];
	size_t	filled, i;

	if (p->database[0] == '\0')
		snprintf(p->database, sizeof p->database, "%s", database);
	else if (strcmp(p->database, database) != 0)
		snprintf(p->database, sizeof p->database, "all databases");
	database = p->database;
	elapsed = now - p->start;
	if (!p->tty) {
		if (now - p->last < PROGRESS_EVERY && done < total)
			return;
		p->last = now;
		fprintf(p->out, "pgsift: %s: %zu of %zu relations, %lld rows "
		    "read, %.0f s\n", database, done, total, stats->rows,
		    elapsed);
		fflush(p->out);
		return;
	}
	filled = total ? done * PROGRESS_BAR / total : PROGRESS_BAR;
	for (i = 0; i < PROGRESS_BAR; i++)
		bar[i] = i < filled ? '#' : '-';
	bar[PROGRESS_BAR] = '\0';
	left = done > 0 ? elapsed * (double)(total - done) / (double)done : 0;
	progress_time(elapsed, e, sizeof e);
	progress_time(left, l, sizeof l);
	fprintf(p->out, "\r\033[K%.30s [%s] %zu/%zu relations, %lld rows, "
	    "%s elapsed, ~%s left", database, bar, done, total, stats->rows, e,
	    l);
	fflush(p->out);
	p->shown = true;
}

/* Clear the redrawn line before anything else is printed. */
void
progress_done(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->tty && p->shown) {
		fprintf(p->out, "\r\033[K");
		fflush(p->out);
	}
	p->shown = false;
}

/* progress_done() as a log hook. */
void
progress_clear(void *arg)
{
	progress_done(arg);
}
