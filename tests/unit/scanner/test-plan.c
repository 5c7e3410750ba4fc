/*
 * tests/unit/scanner/test-plan.c: choosing how to sample a relation, and
 * matching --schema/--table patterns. No server needed.
 */
#include <math.h>

#include "scanner/scanner-int.h"
#include "tests/lib/tap.h"

int
main(void)
{
	struct sample_plan p;
	const char *pats[] = { "sales*", "public.t?" };
	struct scan_patterns sp = { pats, 2 };
	struct scan_patterns none = { NULL, 0 };
	struct scan_options o;

	scan_sample_choose(10, 500, 1000, &p);
	tap_ok(p.kind == PLAN_FULL, "a small table is read whole");
	scan_sample_choose(SAMPLE_SMALL_PAGES + 1, 900, 1000, &p);
	tap_ok(p.kind == PLAN_FULL,
	    "a table with fewer rows than the sample is read whole");
	scan_sample_choose(1000, 100000, 1000, &p);
	tap_ok(p.kind == PLAN_BERNOULLI, "a medium table gets BERNOULLI");
	tap_is_double(p.percent, 100.0 * (1200 + 4 * sqrt(1000) + 10) / 100000,
	    1e-9, "BERNOULLI asks for 1.2 n + 4 sqrt(n) + 10 rows");
	scan_sample_choose(1e6, 1e8, 1000, &p);
	tap_ok(p.kind == PLAN_SYSTEM, "a large table gets SYSTEM");
	tap_is_double(p.percent, 100.0 * (2000 + 8 * sqrt(1000) + 20) / 1e8,
	    1e-12, "SYSTEM asks for 2 n + 8 sqrt(n) + 20 rows");
	scan_sample_choose(1e6, 2000, 1000, &p);
	tap_ok(p.kind == PLAN_FULL && p.percent == 100.0,
	    "a sample over 100%% becomes a full read");
	scan_sample_choose(SAMPLE_BERNOULLI_PAGES, 1e6, 1000, &p);
	tap_ok(p.kind == PLAN_BERNOULLI, "the BERNOULLI bound is inclusive");

	tap_ok(scan_patterns_match(&sp, "sales"), "sales* matches sales");
	tap_ok(scan_patterns_match(&sp, "sales_eu"), "sales* matches sales_eu");
	tap_ok(!scan_patterns_match(&sp, "presales"),
	    "patterns are anchored: sales* does not match presales");
	tap_ok(scan_patterns_match(&sp, "public.t1"), "? matches one character");
	tap_ok(!scan_patterns_match(&sp, "public.t10"),
	    "? matches only one character");
	tap_ok(!scan_patterns_match(&sp, "Sales"), "matching is case-sensitive");
	tap_ok(!scan_patterns_match(&none, "x"), "an empty list matches nothing");
	scan_options_init(&o);
	tap_is_int(o.sample_rows, 1000, "the default sample is 1000 rows");
	tap_is_int(o.lock_timeout_ms, 1000, "the default lock timeout is 1s");
	return tap_done();
}
