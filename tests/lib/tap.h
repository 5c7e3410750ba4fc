/*
 * tests/lib/tap.h: a small TAP writer for unit tests run by automake's
 * tap-driver.sh. Each check prints one "ok N - what" line; failures add
 * "# " diagnostics saying what was expected and what came back.
 */
#ifndef PGSIFT_TESTS_TAP_H
#define PGSIFT_TESTS_TAP_H

#include <stddef.h>

/* Announce the number of checks (or let tap_done() count them). */
void	tap_plan(int n);

/* Print the plan "1..N" for the checks that ran; returns the exit status. */
int	tap_done(void);

/* One check: ok when cond is true. Returns cond. */
int	tap_ok(int cond, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Compare integers, doubles (within eps) or strings (NULL-safe). */
int	tap_is_int(long long got, long long want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int	tap_is_double(double got, double want, double eps, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int	tap_is_str(const char *got, const char *want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A "# " diagnostic line. */
void	tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Skip n checks with a reason. */
void	tap_skip(int n, const char *reason);

/* Skip the whole test file: prints "1..0 # SKIP reason"; returns 0. */
int	tap_skip_all(const char *reason);

#endif /* PGSIFT_TESTS_TAP_H */
