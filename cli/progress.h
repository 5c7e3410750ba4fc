/*
 * cli/progress.h: the progress "pgsift scan" shows (cli/progress.c).
 */
#ifndef PGSIFT_CLI_PROGRESS_H
#define PGSIFT_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "scanner/scanner.h"

struct progress {
	FILE   *out;
	bool	tty;		/* redraw one line, or print plain lines */
	bool	shown;		/* a redrawn line is on the terminal */
	double	start, last;
	char	database[256];	/* the first one's name, or "all databases" */
};

void	progress_init(struct progress *p, FILE *out);
/* The scanner's progress callback; arg is a struct progress. */
void	progress_update(const char *database, size_t done, size_t total,
    const struct scan_stats *stats, void *arg);
void	progress_done(struct progress *p);
/* progress_done() for sift_log_set_hook(). */
void	progress_clear(void *arg);

#endif /* PGSIFT_CLI_PROGRESS_H */
