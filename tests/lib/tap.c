/*
 * tests/lib/tap.c: the TAP writer behind tests/lib/tap.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int tap_count;
static int tap_failed;
static int tap_planned = -1;

void
tap_plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

int
tap_done(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_count);
	else if (tap_planned != tap_count)
		printf("# planned %d checks but ran %d\n", tap_planned,
		    tap_count);
	fflush(stdout);
	return (tap_failed > 0 || (tap_planned >= 0 && tap_planned !=
	    tap_count)) ? 1 : 0;
}

/* Print the ok/not ok line for one check with a va_list description. */
static int
tap_vok(int cond, const char *fmt, va_list ap)
{
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int
tap_is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int	cond = got == want;

	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		tap_diag("    got: %lld, expected: %lld", got, want);
	return cond;
}

int
tap_is_double(double got, double want, double eps, const char *fmt, ...)
{
	va_list ap;
	int	cond = fabs(got - want) <= eps;

	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		tap_diag("    got: %g, expected: %g (+/- %g)", got, want, eps);
	return cond;
}

int
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int	cond;

	if (got == NULL || want == NULL)
		cond = got == want;
	else
		cond = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		tap_diag("    got: '%s', expected: '%s'", got ? got : "(null)",
		    want ? want : "(null)");
	return cond;
}

void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void
tap_skip(int n, const char *reason)
{
	while (n-- > 0) {
		tap_count++;
		printf("ok %d # SKIP %s\n", tap_count, reason);
	}
	fflush(stdout);
}

int
tap_skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	fflush(stdout);
	return 0;
}
