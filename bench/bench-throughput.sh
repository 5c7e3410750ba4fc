#!/bin/bash
# bench/bench-throughput.sh: how close a scan comes to what the database
# can hand over. A measurement, not a test.
#
# Starts a private PostgreSQL server (tests/lib/pgtmp.sh), builds an
# estate of TABLES tables of ROWS rows (defaults 200 x 100000): most have
# six columns (e-mail, phone, name, note, date, id); one in ten is wide
# (COLS text columns, default 60), one in ten has notes of 2-8 kB (stored
# out of line, TOAST; ROWS/20 rows of them, at least 1000), one in ten a
# jsonb document per row. Then, in one
# run:
#   1. the floor: psql running exactly the sample queries pgsift runs
#      (taken from `pgsift scan -vv`, same --seed), output to /dev/null;
#   2. pgsift scan -j 1, and -j with the number of CPUs (--full, same
#      seed, a fresh catalog each);
#   3. the peak resident memory of each (GNU time's %M);
# and prints the times and their ratios to the floor.
#
# Usage: bench/bench-throughput.sh [TABLES [ROWS [COLS]]]   (from a build
# directory, or with PGSIFT set to the pgsift binary).
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
export top_srcdir
PGSIFT=${PGSIFT:-$PWD/pgsift}
[ -x "$PGSIFT" ] || { echo "bench-throughput: no pgsift at $PGSIFT" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-throughput: needs GNU time (apt-get install time)" >&2; exit 1; }
tables=${1:-200}
rows=${2:-100000}
cols=${3:-60}
cpus=$(nproc)
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5197
pgtmp_createdb estate
out=$PGTMP/bench
mkdir -p "$out"

now() { date +%s.%N; }

# The estate: built server-side, one table at a time.
wide_cols=$(seq 1 "$cols" | sed 's/.*/c& text/' | paste -sd, -)
wide_vals=$(seq 1 "$cols" | sed "s/.*/''v'' || (g %% 97) || ''-&''/" | paste -sd, -)
t0=$(now)
pgtmp_psql estate -q -c "
CREATE FUNCTION pg_temp.build(t int, n bigint) RETURNS void LANGUAGE plpgsql AS \$\$
BEGIN
	IF t % 10 = 0 THEN
		EXECUTE format('CREATE TABLE w%s (id bigint, $wide_cols)', t);
		EXECUTE format('INSERT INTO w%s SELECT g, $wide_vals
		    FROM generate_series(1, %s) g', t, n);
	ELSIF t % 10 = 1 THEN
		EXECUTE format('CREATE TABLE l%s (id bigint, email text, note text)', t);
		EXECUTE format('INSERT INTO l%s SELECT g, ''user'' || g || ''@example.org'',
		    repeat(md5(g::text) || '' call +44 20 7946 0'' || (g %% 1000) || '' '', 40 + (g %% 120))
		    FROM generate_series(1, %s) g', t, greatest(n / 20, 1000));
	ELSIF t % 10 = 2 THEN
		EXECUTE format('CREATE TABLE j%s (id bigint, doc jsonb)', t);
		EXECUTE format('INSERT INTO j%s SELECT g, jsonb_build_object(
		    ''customer'', jsonb_build_object(''email'', ''c'' || g || ''@example.com'',
		        ''phone'', ''+1 415 555 '' || lpad((g %% 10000)::text, 4, ''0'')),
		    ''items'', jsonb_build_array(g %% 7, g %% 11, ''sku-'' || g),
		    ''ip'', ''10.'' || (g %% 250) || ''.'' || (g %% 199) || ''.7'')
		    FROM generate_series(1, %s) g', t, n);
	ELSE
		EXECUTE format('CREATE TABLE t%s (id bigint, email text, phone text,
		    full_name text, note text, created date)', t);
		EXECUTE format('INSERT INTO t%s SELECT g, ''u'' || g || ''@example.com'',
		    ''+44 20 7946 '' || lpad((g %% 10000)::text, 4, ''0''),
		    (ARRAY[''Anna Schmidt'', ''John Smith'', ''Maria Garcia'', ''Li Wei''])[1 + g %% 4],
		    ''order '' || g || '' shipped'', DATE ''2020-01-01'' + (g %% 1500)::int
		    FROM generate_series(1, %s) g', t, n);
	END IF;
END
\$\$;
SELECT count(pg_temp.build(t, $rows)) FROM generate_series(1, $tables) t;" \
    -o /dev/null || exit 1
pgtmp_psql estate -q -c "VACUUM ANALYZE" || exit 1
t1=$(now)
size=$(pgtmp_psql estate -Atc "SELECT pg_size_pretty(pg_database_size('estate'))")
awk -v a="$t0" -v b="$t1" -v s="$size" -v t="$tables" -v r="$rows" 'BEGIN {
	printf "estate: %s tables x %s rows, %s, built in %.0f s\n", t, r, s, b - a }'

# Runs the command, writing its wall time and peak RSS to $out/NAME.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" >"$out/$name.out" \
	    2>"$out/$name.err"
	rc=$?
	[ "$rc" -eq 0 ] || [ "$rc" -eq 6 ] || {
		echo "bench-throughput: $name failed ($rc):" >&2
		tail -5 "$out/$name.err" >&2
		exit 1
	}
}

seed=42
# The sample queries, from a first scan at -vv (not timed).
"$PGSIFT" scan -q --full --seed $seed -j 1 --catalog "$out/queries.db" \
    dbname=estate >/dev/null 2>&1
"$PGSIFT" scan -vv --full --seed $seed -j 1 --catalog "$out/queries.db" \
    dbname=estate 2>&1 >/dev/null |
    sed -n -E 's/^pgsift: debug: sample query \[([^ ]+) ([^ ]+) ([^ ]+)\]: (.*)$/PREPARE q(int8, float4, float8) AS \4;\nEXECUTE q(\1, \2, \3);\nDEALLOCATE q;/p' \
    >"$out/floor.sql"
nq=$(grep -c '^EXECUTE' "$out/floor.sql")
[ "$nq" -gt 0 ] || { echo "bench-throughput: no sample queries seen" >&2; exit 1; }

# Warm the cache once for everyone, then measure.
psql=$pgtmp_bindir/psql
"$psql" -X -q -d estate -f "$out/floor.sql" >/dev/null 2>&1
measure floor "$psql" -X -q -A -t -d estate -o /dev/null -f "$out/floor.sql"
measure j1 "$PGSIFT" scan -q --full --seed $seed -j 1 \
    --catalog "$out/j1.db" dbname=estate
measure jn "$PGSIFT" scan -q --full --seed $seed -j "$cpus" \
    --catalog "$out/jn.db" dbname=estate

read -r tf mf <"$out/floor.time"
read -r t1 m1 <"$out/j1.time"
read -r tn mn <"$out/jn.time"
echo "sample queries: $nq"
awk -v tf="$tf" -v t1="$t1" -v tn="$tn" -v m1="$m1" -v mn="$mn" \
    -v mf="$mf" -v c="$cpus" 'BEGIN {
	printf "floor (psql, one session):  %7.2f s  peak RSS %6.1f MiB (psql)\n", tf, mf / 1024
	printf "pgsift scan -j 1:           %7.2f s  peak RSS %6.1f MiB  %.2fx the floor\n", t1, m1 / 1024, t1 / tf
	printf "pgsift scan -j %d:           %7.2f s  peak RSS %6.1f MiB  %.2fx the floor\n", c, tn, mn / 1024, tn / tf
}'
exit 0
