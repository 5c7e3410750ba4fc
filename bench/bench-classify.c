/*
 * bench/bench-classify.c: throughput of the classifiers alone.
 *
 * Builds a mixed corpus in memory (e-mail addresses, phone numbers, card
 * numbers, IBANs, SSNs, IP addresses, hashes and tokens, person names and
 * street addresses, and the plain data that fills most columns: words,
 * sentences, integers, amounts, dates, UUIDs), then counts every value
 * into columns with every type enabled, on one thread, and prints values
 * per second. Run with
 * "make bench"; it is a measurement, not a test.
 *
 * Usage: bench-classify [VALUES]   (default 2,000,000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "classifiers/classifiers.h"

#define CORPUS 4096

/* A small deterministic generator, so runs compare. */
static unsigned long bench_state = 42;

static unsigned int
bench_rand(void)
{
	bench_state = bench_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned int)(bench_state >> 33);
}

/* Fill buf with one value of kind k. */
static void
bench_value(int k, char *buf, size_t size)
{
	static const char *const words[] = { "alpha", "shipped", "pending",
		"Lamp model 7", "The parcel arrived damaged, please advise.",
		"Order charged twice", "bronze", "de_DE" };
	static const char *const given[] = { "Ana", "Lukas", "Chloé",
		"Giulia", "Thomas", "Olivia" };
	static const char *const family[] = { "Trujillo", "Schneider",
		"Dubois", "Rossi", "Miller", "Nowak" };
	static const char *const streets[] = { "Main St", "rue de la Paix",
		"Hauptstraße 5", "Elm Avenue" };
	unsigned int r = bench_rand();

	switch (k % 16) {
	case 0:
		snprintf(buf, size, "user%u@example.com", r % 100000);
		break;
	case 1:
		snprintf(buf, size, "+44 20 7946 %04u", r % 10000);
		break;
	case 2:
		snprintf(buf, size, "4111111111111111");
		break;
	case 3:
		snprintf(buf, size, "GB82WEST12345698765432");
		break;
	case 4:
		snprintf(buf, size, "%03u-%02u-%04u", 1 + r % 665, 1 + r % 99,
		    1 + r % 9999);
		break;
	case 5:
		snprintf(buf, size, "198.51.100.%u", r % 255);
		break;
	case 6:
		snprintf(buf, size, "%u", r);
		break;
	case 7:
		snprintf(buf, size, "%u.%02u", r % 10000, r % 100);
		break;
	case 8:
		snprintf(buf, size, "2024-%02u-%02u", 1 + r % 12, 1 + r % 28);
		break;
	case 9:
		snprintf(buf, size, "%08x-%04x-4%03x-a%03x-%012x", r, r & 0xffff,
		    r & 0xfff, (r >> 4) & 0xfff, r);
		break;
	case 10:
		snprintf(buf, size, "$2b$12$%053u", r);
		break;
	case 11:
		snprintf(buf, size, "%08x%08x%08x%08x", r, r ^ 1, r ^ 2, r ^ 3);
		break;
	case 12:
		snprintf(buf, size, "%s %s", given[r % 6], family[(r >> 8) % 6]);
		break;
	case 13:
		snprintf(buf, size, "%u %s", 1 + r % 999, streets[(r >> 8) % 4]);
		break;
	default:
		snprintf(buf, size, "%s", words[r % 8]);
		break;
	}
}

int
main(int argc, char **argv)
{
	static char corpus[CORPUS][96];
	static size_t lens[CORPUS];
	struct cls_column *cols[8];
	struct cls_engine *e;
	struct cls_matcher *m;
	struct sift_err err;
	struct timespec t0, t1;
	long	n = argc > 1 ? atol(argv[1]) : 2000000, i;
	double	secs;
	int	k;

	for (i = 0; i < CORPUS; i++) {
		bench_value((int)i, corpus[i], sizeof corpus[i]);
		lens[i] = strlen(corpus[i]);
	}
	e = cls_engine_new(&err);
	if (e == NULL) {
		fprintf(stderr, "bench-classify: %s\n", err.msg);
		return 1;
	}
	m = cls_matcher_new(e);
	for (k = 0; k < 8; k++)
		cols[k] = cls_column_new(e, "data", "text");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		cls_column_add(cols[i & 7], m, corpus[i % CORPUS],
		    lens[i % CORPUS]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%ld values, %zu types, one thread: %.3f s, %.0f values/s\n",
	    n, cls_type_count(), secs, (double)n / secs);
	for (k = 0; k < 8; k++)
		cls_column_free(cols[k]);
	cls_matcher_free(m);
	cls_engine_free(e);
	return 0;
}
