#!/bin/bash
# bench/bench-rescan.sh: what a rescan of an unchanged estate costs next
# to a full scan. Starts a private PostgreSQL server (tests/lib/pgtmp.sh),
# creates TABLES tables (default 1000) of ROWS rows (default 200) with
# e-mail addresses and phone numbers in them, runs a full scan, then a
# rescan with nothing changed, and prints both times and their ratio
# (the target: under 5%). A measurement, not a test.
#
# Usage: bench/bench-rescan.sh [TABLES [ROWS]]   (from a build directory,
# or with PGSIFT set to the pgsift binary)
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
export top_srcdir
PGSIFT=${PGSIFT:-$PWD/pgsift}
[ -x "$PGSIFT" ] || { echo "bench-rescan: no pgsift at $PGSIFT" >&2; exit 1; }
tables=${1:-1000}
rows=${2:-200}
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5199
pgtmp_createdb estate
pgtmp_psql estate -q -c "
DO \$\$
BEGIN
	FOR i IN 1..$tables LOOP
		EXECUTE format('CREATE TABLE t%s (id int, email text, phone text, note text)', i);
		EXECUTE format('INSERT INTO t%s SELECT g, ''u'' || g || ''@example.com'',
		    ''+44 20 7946 '' || lpad(g::text, 4, ''0''), ''note '' || g
		    FROM generate_series(1, $rows) g', i);
	END LOOP;
END
\$\$;" || exit 1
pgtmp_psql estate -q -c "ANALYZE" || exit 1
cat=$PGTMP/bench.db
now() { date +%s.%N; }
t0=$(now)
"$PGSIFT" scan --catalog "$cat" dbname=estate >"$PGTMP/full.out" || exit 1
t1=$(now)
"$PGSIFT" scan --catalog "$cat" dbname=estate >"$PGTMP/re.out"
head -n 1 "$PGTMP/full.out" "$PGTMP/re.out"
t2=$(now)
awk -v t="$tables" -v r="$rows" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
	printf "tables=%s rows=%s full scan %.2f s, unchanged rescan %.2f s: %.1f%%\n",
	    t, r, b - a, c - b, 100 * (c - b) / (b - a) }'
