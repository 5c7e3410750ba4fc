#!/bin/bash
# t220-jobs: sampling with several sessions on a real server: the same
# findings with -j 4 as with -j 1 for one --seed; the connection limits
# the sessions keep to; a relation that fails does not stop the others;
# one queue shared by the databases of a run;
# 1 MB values and a 1600-column table within the memory bound; sparse
# columns sampled a second time.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5220
# dump CATALOG: every relation's sample, every column's count of values
# and every classification with its likelihood, score and counts, one
# line each, sorted: what two scans of one estate are compared by.
dump() {
	sqlite3 "$1" "SELECT r.database, r.schema, r.name, r.rows_sampled,
	    r.sample_method, c.name, c.path, c.values_sampled, k.type,
	    k.likelihood, k.score, k.match_ratio, k.values_seen, k.matched,
	    k.validated, k.distinct_count, k.evidence
	    FROM relations r JOIN columns c ON c.relation_id = r.id
	    LEFT JOIN classifications k ON k.column_id = c.id" | sort
}
pgtmp_createdb jobs
# Tables large enough for TABLESAMPLE (so the seed matters), small ones
# read whole, and columns whose share of findings sits near the bounds.
pgtmp_psql jobs -q <<'SQL'
CREATE TABLE big (id int, email text, phone text, ref text, note text);
INSERT INTO big SELECT i,
	CASE WHEN i % 3 = 0 THEN 'user' || i || '@example.com' ELSE 'n/a' END,
	'+44 20 7946 ' || lpad((i % 10000)::text, 4, '0'),
	CASE WHEN i % 2 = 0 THEN '4111111111111111' ELSE 'ref-' || i END,
	md5(i::text) FROM generate_series(1, 60000) i;
DO $$
BEGIN
	FOR t IN 1..24 LOOP
		EXECUTE format('CREATE TABLE small%s (id int, contact text, iban text)', t);
		EXECUTE format('INSERT INTO small%s SELECT i, ''c'' || i || ''@example.org'',
		    ''GB82 WEST 1234 5698 7654 32'' FROM generate_series(1, %s) i', t, 50 + t);
	END LOOP;
END
$$;
ANALYZE;
SQL
for j in 1 4; do
	$PGSIFT scan -vv --full --seed 11 -j $j --catalog "$PGTMP/j$j.db" \
	    dbname=jobs >/dev/null 2>"$PGTMP/err$j"
	is "$?" 0 "-j $j scans the estate"
	is "$(sed -n 's/.*relations to sample, \([0-9]*\) session.*/\1/p' \
	    "$PGTMP/err$j")" $j "...with $j session(s) sampling"
	dump "$PGTMP/j$j.db" >"$PGTMP/j$j.dump"
done
[ "$(grep -c '|[A-Z_]*|POSSIBLE|' "$PGTMP/j1.dump")" -gt 20 ] &&
    [ "$(grep -c '|[A-Z_]*|VERY_LIKELY|' "$PGTMP/j1.dump")" -gt 20 ]
ok $? "-j 1 classifies the estate's columns, some below LIKELY"
cmp -s "$PGTMP/j1.dump" "$PGTMP/j4.dump"
ok $? "-j 4 gives exactly the classifications of -j 1 for the same --seed"
is "$(sqlite3 "$PGTMP/j4.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" 25 "-j 4 sampled every table"
# The same seed draws the same sample; another seed, another one.
$PGSIFT scan --quiet --full --seed 11 -j 2 --catalog "$PGTMP/j1.db" \
    dbname=jobs
is "$(sqlite3 "$PGTMP/j1.db" "SELECT count(DISTINCT k.score || k.match_ratio)
    FROM classifications k JOIN columns c ON c.id = k.column_id
    JOIN relations r ON r.id = c.relation_id
    WHERE r.name = 'big' AND c.name = 'ref'")" 1 \
    "a second scan with the same seed measures the same share"
$PGSIFT scan --quiet --full --seed 12 -j 2 --catalog "$PGTMP/j1.db" \
    dbname=jobs
is "$(sqlite3 "$PGTMP/j1.db" "SELECT count(DISTINCT k.match_ratio)
    FROM classifications k JOIN columns c ON c.id = k.column_id
    JOIN relations r ON r.id = c.relation_id
    WHERE r.name = 'big' AND c.name = 'ref'")" 2 \
    "...and another seed another sample"

# A bloated table read whole: on a server whose costs favour parallel
# plans the sample's seq scan would go parallel, its rows reaching
# random() in any order; the sample's transaction forbids it. The plans
# of pgsift's queries are logged by auto_explain.
pgtmp_createdb par
pgtmp_psql par -q <<'SQL'
CREATE TABLE bloated (id int, email text, pad text)
	WITH (autovacuum_enabled = false);
INSERT INTO bloated SELECT i, 'b' || i || '@example.com', repeat('p', 100)
	FROM generate_series(1, 400000) i;
DELETE FROM bloated WHERE id % 4 <> 0;
ANALYZE bloated;
ALTER DATABASE par SET parallel_setup_cost = 0;
ALTER DATABASE par SET parallel_tuple_cost = 0;
ALTER DATABASE par SET session_preload_libraries = 'auto_explain';
ALTER DATABASE par SET auto_explain.log_min_duration = 0;
SQL
is "$(pgtmp_psql par -Atc "EXPLAIN SELECT id FROM bloated
    ORDER BY random() LIMIT 100000" | grep -c 'Parallel Seq Scan')" 1 \
    "the bloated table's sample would get a parallel scan by default"
srvlog=$pgtmp_dir/data/server.log
pos=$(wc -c <"$srvlog")
$PGSIFT scan --quiet --full --seed 5 -n 100000 -j 1 \
    --catalog "$PGTMP/par.db" dbname=par
is "$?" 0 "the bloated table is scanned"
tail -c +$((pos + 1)) "$srvlog" >"$PGTMP/par.log"
is "$(grep -c 'Query Text: SELECT pg_catalog.left' "$PGTMP/par.log")" 1 \
    "...its sample query's plan is logged"
is "$(grep -A 12 'Query Text: SELECT pg_catalog.left' "$PGTMP/par.log" |
    grep -c 'Gather\|Parallel')" 0 "...and it is not a parallel plan"
is "$(sqlite3 "$PGTMP/par.db" "SELECT sample_method FROM relations
    WHERE name = 'bloated'")" full "...read whole"

# A role that may open two sessions: -j 8 keeps to them and finishes.
pgtmp_psql jobs -q <<'SQL'
CREATE ROLE lim LOGIN CONNECTION LIMIT 2;
GRANT pg_read_all_data TO lim;
CREATE TABLE hidden (id int, email text);
INSERT INTO hidden SELECT i, 'h' || i || '@example.com' FROM generate_series(1, 40) i;
CREATE ROLE reader LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
REVOKE SELECT ON hidden FROM reader;
SQL
PGUSER=lim $PGSIFT scan -vv --full -j 8 --catalog "$PGTMP/lim.db" \
    dbname=jobs >/dev/null 2>"$PGTMP/lim.err"
is "$?" 0 "-j 8 under a role limited to two sessions completes"
is "$(sed -n 's/.*relations to sample, \([0-9]*\) session.*/\1/p' \
    "$PGTMP/lim.err")" 1 "...sampling in its own session, leaving the other free"
is "$(sqlite3 "$PGTMP/lim.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" 26 "...and samples every table"

# One relation fails (no privilege); the workers go on with the others.
PGUSER=reader $PGSIFT scan --quiet --full -j 4 --catalog "$PGTMP/priv.db" \
    dbname=jobs 2>"$PGTMP/priv.err"
is "$?" 4 "a relation that cannot be read makes the scan partial"
is "$(sqlite3 "$PGTMP/priv.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" 25 "...every other relation is sampled"
[[ "$(sqlite3 "$PGTMP/priv.db" "SELECT skip_reason FROM relations
    WHERE name = 'hidden'")" =~ permission\ denied.*42501 ]]
ok $? "...and the one that failed says why"

# One worker's session is terminated while it samples: the others carry
# on, and the relation is sampled again on a new session. A second
# session holds a lock on "victim", so the worker that takes it waits,
# visibly, in pg_stat_activity; once every other relation is sampled,
# that worker's backend is terminated, then the lock released.
pgtmp_psql jobs -q -c "CREATE TABLE victim AS SELECT i AS id,
    'v' || i || '@example.com' AS email FROM generate_series(1, 100) i"
pgtmp_psql jobs -c "SET application_name = locker" -c BEGIN \
    -c "LOCK TABLE victim IN ACCESS EXCLUSIVE MODE" \
    -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
locker=$!
# poll SQL: wait up to 60 s for SQL (on database jobs) to print a line.
poll() {
	local out
	for _ in $(seq 1 600); do
		out=$(pgtmp_psql jobs -Atc "$1")
		[ -n "$out" ] && { echo "$out"; return 0; }
		sleep 0.1
	done
	return 1
}
poll "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE c.relname = 'victim' AND l.mode = 'AccessExclusiveLock'
    AND l.granted" >/dev/null
ok $? "a session holds a lock on victim"
$PGSIFT scan -vv --full -j 4 --lock-timeout 0 --catalog "$PGTMP/kill.db" \
    dbname=jobs >/dev/null 2>"$PGTMP/kill.err" &
scan=$!
victim_pid=$(poll "SELECT pid FROM pg_stat_activity
    WHERE application_name = 'pgsift' AND wait_event_type = 'Lock'")
ok $? "a pgsift session waits on it"
nrel=$(pgtmp_psql jobs -Atc "SELECT count(*) FROM pg_tables
    WHERE schemaname = 'public'")
for _ in $(seq 1 600); do
	[ "$(grep -c '^pgsift: sampled' "$PGTMP/kill.err")" -ge $((nrel - 1)) ] &&
	    break
	sleep 0.1
done
is "$(grep -c '^pgsift: sampled' "$PGTMP/kill.err")" $((nrel - 1)) \
    "...while the other sessions sample the $((nrel - 1)) other relations"
is "$(pgtmp_psql jobs -Atc "SELECT pg_terminate_backend($victim_pid)")" t \
    "its backend is terminated"
pgtmp_psql jobs -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'locker'" >/dev/null
wait $locker
wait $scan
is "$?" 0 "the scan completes"
is "$(grep -c 'debug: reconnected' "$PGTMP/kill.err")" 1 \
    "...reconnecting once"
is "$(sqlite3 "$PGTMP/kill.db" "SELECT rows_sampled FROM relations
    WHERE name = 'victim'")" 100 "...and samples victim on the new session"
is "$(sqlite3 "$PGTMP/kill.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" "$nrel" "...and every other relation"

# One queue for every database of a run. Three databases, tables large
# enough for TABLESAMPLE among them, and a view each (lineage): -j 4
# classifies them exactly as -j 1 does for one --seed, and records each
# database's lineage, carried classifications included.
for d in 1 2 3; do
	pgtmp_createdb m$d
	pgtmp_psql m$d -q <<SQL
DO \$\$
BEGIN
	FOR t IN 1..6 LOOP
		EXECUTE format('CREATE TABLE m${d}_t%s (id int, mail text, iban text)', t);
		EXECUTE format('INSERT INTO m${d}_t%s SELECT i,
		    CASE WHEN i %% 3 = 0 THEN ''m'' || i || ''@example.net'' END,
		    CASE WHEN i %% %s = 0 THEN ''GB82 WEST 1234 5698 7654 32'' END
		    FROM generate_series(1, %s) i', t, t + $d, 2000 * t * t);
	END LOOP;
END
\$\$;
CREATE VIEW m${d}_v AS SELECT id, lower(mail) AS mail FROM m${d}_t1;
ANALYZE;
SQL
done
for j in 1 4; do
	$PGSIFT scan --full --seed 7 -j $j --catalog "$PGTMP/m$j.db" \
	    dbname=m1 dbname=m2 dbname=m3 >"$PGTMP/m$j.out" 2>&1
	is "$?" 0 "-j $j scans three databases in one run"
	dump "$PGTMP/m$j.db" >"$PGTMP/m$j.dump"
done
grep -q '^scan 1 completed: 3 databases, 21 relations (18 sampled' \
    "$PGTMP/m4.out"
ok $? "...sampling every table of each"
grep -q '^pgsift: all databases: 21 of 21 relations, [0-9]* rows read' \
    "$PGTMP/m4.out"
ok $? "...its progress counting the relations of the run"
[ "$(grep -c '^m[1-3]|public|m[1-3]_t[1-6]|.*|mail||[0-9]*|EMAIL_ADDRESS|' \
    "$PGTMP/m4.dump")" -eq 18 ] &&
    [ "$(grep -c 'tablesample' "$PGTMP/m4.dump")" -gt 0 ]
ok $? "...classifying their columns, some from a TABLESAMPLE"
cmp -s "$PGTMP/m1.dump" "$PGTMP/m4.dump"
r=$?
ok $r "-j 4 classifies them exactly as -j 1 for the same --seed"
[ $r -eq 0 ] || diag "$(diff "$PGTMP/m1.dump" "$PGTMP/m4.dump" | head -n 5)"
lineage() {
	sqlite3 "$1" "SELECT l.database, count(DISTINCT l.id),
	    count(DISTINCT k.id) FROM lineage l
	    LEFT JOIN relations r ON r.database = l.database
	    AND r.name = l.down_table
	    LEFT JOIN columns c ON c.relation_id = r.id AND c.name = l.down_column
	    LEFT JOIN classifications k ON k.column_id = c.id
	    AND k.evidence LIKE '%lineage%'
	    GROUP BY l.database ORDER BY l.database" | paste -sd' ' -
}
is "$(lineage "$PGTMP/m4.db")" "m1|2|1 m2|2|1 m3|2|1" \
    "...records each database's lineage and carries the finding along it"
is "$(lineage "$PGTMP/m1.db")" "$(lineage "$PGTMP/m4.db")" "...as -j 1 does"

# The queue is shared: while a relation of one database is being sampled,
# the other workers sample the next database's. Database "slow" has one
# table, "big", locked by another session so the worker that takes it
# waits; "many" has 30 small tables and then "zz", locked too. With -j 2
# one worker waits on big while the other samples many's tables, then
# waits on zz: two pgsift sessions waiting at once, one in each database.
# (Scanned one database after the other, many would not be reached while
# big waits.) The server logs the sessions and statements, so the order
# of the two samples can be read there too. No timeout: however long
# many's tables take, big waits for them.
pgtmp_createdb slow
pgtmp_createdb many
pgtmp_psql slow -q <<'SQL'
CREATE TABLE big (id int, email text);
INSERT INTO big SELECT i, 'b' || i || '@example.com' FROM generate_series(1, 5000) i;
ANALYZE;
SQL
pgtmp_psql many -q <<'SQL'
DO $$
BEGIN
	FOR t IN 1..30 LOOP
		EXECUTE format('CREATE TABLE t%s (id int, email text)', t);
		EXECUTE format('INSERT INTO t%s SELECT i, ''t'' || i || ''@example.org''
		    FROM generate_series(1, 20) i', t);
	END LOOP;
END
$$;
CREATE TABLE zz (id int, email text);
INSERT INTO zz SELECT i, 'z' || i || '@example.org' FROM generate_series(1, 20) i;
ANALYZE;
SQL
pgtmp_psql postgres -q -c "ALTER SYSTEM SET log_connections = on" \
    -c "ALTER SYSTEM SET log_statement = 'all'" \
    -c "ALTER SYSTEM SET log_line_prefix = '[%p] %d: '" \
    -c "SELECT pg_reload_conf()" >/dev/null
for t in slow.big many.zz; do
	pgtmp_psql ${t%.*} -c "SET application_name = locker" -c BEGIN \
	    -c "LOCK TABLE ${t#*.} IN ACCESS EXCLUSIVE MODE" \
	    -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
done
poll "SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE a.application_name = 'locker' AND l.locktype = 'relation'
    AND l.mode = 'AccessExclusiveLock' AND l.granted
    HAVING count(*) = 2" >/dev/null
ok $? "other sessions lock slow.big and many.zz"
pos=$(wc -c <"$srvlog")
$PGSIFT scan -v --full -j 2 --lock-timeout 0 --statement-timeout 0 \
    --catalog "$PGTMP/shared.db" \
    dbname=slow dbname=many >/dev/null 2>"$PGTMP/shared.err" &
scan=$!
waiting=$(poll "SELECT string_agg(datname, ',' ORDER BY datname)
    FROM pg_stat_activity WHERE application_name = 'pgsift'
    AND wait_event_type = 'Lock' HAVING count(*) = 2")
is "$waiting" "many,slow" \
    "-j 2: a session in each database waits on its locked table at once"
is "$(grep -c '^pgsift: sampled "public"\."t[0-9]*"' "$PGTMP/shared.err")" 30 \
    "...once many's 30 other tables were sampled, while big waited"
pgtmp_psql postgres -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'locker'" >/dev/null
wait $scan
is "$?" 0 "the locks gone, the scan completes"
wait
is "$(sqlite3 "$PGTMP/shared.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" 32 "...with every table of both sampled"
pgtmp_psql postgres -q -c "ALTER SYSTEM RESET log_connections" \
    -c "ALTER SYSTEM RESET log_statement" \
    -c "ALTER SYSTEM RESET log_line_prefix" \
    -c "SELECT pg_reload_conf()" >/dev/null
tail -c +$((pos + 1)) "$srvlog" >"$PGTMP/shared.log"
# In the server log: the lockers were ended (FATAL, before they let go
# of their locks) only after both pgsift sessions had begun the statement
# that waited (the size of big, of zz), and after many's 30 other tables
# were sampled; big and zz were sampled after. So many's tables were
# sampled while big's was under way. Statements with parameters are
# logged as "execute <unnamed>: ...".
stmt='LOG:  \(statement\|execute [^:]*\): '
# line DB REGEX: the number of the first line of DB matching REGEX.
line() {
	grep -n "^\[[0-9]*\] $1: $2" "$PGTMP/shared.log" | head -n 1 | cut -d: -f1
}
# waited DB TABLE: the line of the last statement before the locker of
# DB ended, of the backend that then sampled TABLE.
waited() {
	local pid end
	pid=$(sed -n "s/^\[\([0-9]*\)\] $1: $stmt.*\"public\"\.\"$2\".*/\1/p" \
	    "$PGTMP/shared.log" | head -n 1)
	end=$(line "$1" 'FATAL:  terminating connection due to administrator')
	[ -n "$pid" ] && [ -n "$end" ] &&
	    head -n "$end" "$PGTMP/shared.log" |
	    grep -n "^\[$pid\] $1: $stmt" | tail -n 1 | cut -d: -f1
}
ended=$(line slow 'FATAL:  terminating connection due to administrator')
zzended=$(line many 'FATAL:  terminating connection due to administrator')
wbig=$(waited slow big)
wzz=$(waited many zz)
sbig=$(line slow "$stmt.*\"public\"\.\"big\"")
szz=$(line many "$stmt.*\"public\"\.\"zz\"")
nt=$(head -n "${ended:-0}" "$PGTMP/shared.log" |
    grep -c "^\[[0-9]*\] many: $stmt.*\"public\"\.\"t[0-9]*\"")
[ -n "$ended" ] && [ -n "$zzended" ] && [ -n "$wbig" ] && [ -n "$wzz" ] &&
    [ -n "$sbig" ] && [ -n "$szz" ] && [ "$nt" -eq 30 ] &&
    [ "$sbig" -gt "$ended" ] && [ "$szz" -gt "$zzended" ] &&
    sed -n "${wbig}p;${wzz}p" "$PGTMP/shared.log" | grep -c pg_relation_size |
    grep -qx 2
r=$?
ok $r "the server log shows many's tables sampled while big's sample waited"
[ $r -eq 0 ] || diag "waited at ${wbig:-?} and ${wzz:-?}, lockers ended at" \
    "${ended:-?} and ${zzended:-?}, sampled at ${sbig:-?} and ${szz:-?}," \
    "$nt of many's before"
is "$(grep -c 'connection authorized: user=pgsift database=many application_name=pgsift' \
    "$PGTMP/shared.log")" 2 \
    "...and many's 31 tables were sampled on one session, besides the one that discovered it"

# A session refused after discovery: the role "lim3" may open three, so
# database ra, discovered first, has room for two workers; then the
# discovery of rb waits (its partitioned table and partition, excluded
# from the scan, are locked; listing the partitions waits), and meanwhile
# the role is cut to one session. Of the two workers that connect to ra,
# one is refused: the scan goes on with the other, and completes.
pgtmp_createdb ra
pgtmp_createdb rb
pgtmp_psql ra -q <<'SQL'
CREATE ROLE lim3 LOGIN CONNECTION LIMIT 3;
GRANT pg_read_all_data TO lim3;
DO $$
BEGIN
	FOR t IN 1..6 LOOP
		EXECUTE format('CREATE TABLE r%s AS SELECT i AS id,
		    ''r'' || i || ''@example.net'' AS email
		    FROM generate_series(1, 50) i', t);
	END LOOP;
END
$$;
ANALYZE;
SQL
pgtmp_psql rb -q -c "CREATE TABLE zp (id int) PARTITION BY RANGE (id)" \
    -c "CREATE TABLE zp1 PARTITION OF zp FOR VALUES FROM (0) TO (10)"
pgtmp_psql rb -c "SET application_name = locker" -c BEGIN \
    -c "LOCK TABLE zp IN ACCESS EXCLUSIVE MODE" \
    -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
poll "SELECT 1 FROM pg_stat_activity WHERE application_name = 'locker'
    AND state = 'active'" >/dev/null
PGUSER=lim3 $PGSIFT scan -vv --full -j 2 --lock-timeout 0 -T 'zp*' \
    --catalog "$PGTMP/refused.db" dbname=ra dbname=rb \
    >/dev/null 2>"$PGTMP/refused.err" &
scan=$!
poll "SELECT 1 FROM pg_stat_activity WHERE application_name = 'pgsift'
    AND datname = 'rb' AND wait_event_type = 'Lock'" >/dev/null
ok $? "the discovery of rb waits on its locked table"
pgtmp_psql ra -q -c "ALTER ROLE lim3 CONNECTION LIMIT 1"
pgtmp_psql rb -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'locker'" >/dev/null
wait $scan
is "$?" 0 "once the role may open one session only, the scan completes"
wait
grep -q 'database "ra": a sampling session could not connect: .*too many connections for role "lim3"' \
    "$PGTMP/refused.err"
ok $? "...a worker refused, and said so"
is "$(sqlite3 "$PGTMP/refused.db" "SELECT count(*) FROM relations
    WHERE rows_sampled > 0")" 6 "...the other sampling every table"
is "$(sed -n 's/.*database "ra": sampled with up to \([0-9]*\) session.*/\1/p' \
    "$PGTMP/refused.err")" 2 "...after both had tried"

# Memory: 1 MB values and 1600 columns stay within the bound. The values
# are cut to 4096 characters on the server; a column's evidence is
# bounded; at most two finished relations per session wait to be written.
pgtmp_createdb wide
# A row must fit in a page: one column in four holds an address.
cols=$(seq 1 1599 | sed 's/.*/c& text/' | paste -sd, -)
vals=$(seq 1 1599 |
    awk '{ print ($1 % 4 == 0) ? "'"'"'m'"'"' || i || '"'"'-" $1 "@ex.io'"'"'" : "NULL" }' |
    paste -sd, -)
pgtmp_psql wide -q <<SQL
CREATE TABLE blobs (id int, body text);
INSERT INTO blobs SELECT i, repeat('lorem ipsum dolor ', 58255) || ' mail me at x' || i || '@example.com'
	FROM generate_series(1, 40) i;
CREATE TABLE wide1600 (id int, $cols);
INSERT INTO wide1600 SELECT i, $vals FROM generate_series(1, 30) i;
SQL
is "$(pgtmp_psql wide -Atc "SELECT min(length(body)) >= 1000000 FROM blobs")" \
    t "the blobs are over 1 MB each"
# Peak RSS of an empty scan, then of this database. Under ASan freed
# memory waits in a quarantine: keep it small, to measure what is live.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
/usr/bin/time -f %M -o "$PGTMP/rss0" $PGSIFT scan --quiet -j 2 \
    --catalog "$PGTMP/empty.db" dbname=postgres
/usr/bin/time -f %M -o "$PGTMP/rss1" $PGSIFT scan --quiet -j 2 \
    --catalog "$PGTMP/wide.db" dbname=wide
is "$?" 0 "1 MB values and a 1600-column table are scanned"
rss0=$(tail -n 1 "$PGTMP/rss0")
rss1=$(tail -n 1 "$PGTMP/rss1")
diag "peak RSS: $rss0 kB for no table, $rss1 kB for blobs and wide1600"
[ $((rss1 - rss0)) -lt 65536 ]
ok $? "...within 64 MiB more than a scan of nothing"
is "$(sqlite3 "$PGTMP/wide.db" "SELECT count(*) FROM columns c
    JOIN relations r ON r.id = c.relation_id
    WHERE r.name = 'wide1600' AND c.path = ''")" 1600 "all 1600 columns are recorded"
is "$($PGSIFT report --catalog "$PGTMP/wide.db" --format csv |
    grep -c ',wide1600,c[0-9]*,,text,EMAIL_ADDRESS')" 399 \
    "...and classified"
is "$($PGSIFT report --catalog "$PGTMP/wide.db" --format csv |
    grep -c ',blobs,body,.*EMAIL_ADDRESS')" 0 \
    "an address past the first 4096 characters of a value is not seen"

# A sparse column: one row in 400 holds an SSN; the row sample sees
# about 2 of them (too few to say anything), the second sample of its
# non-NULL values twenty times the pages, so about 60.
pgtmp_psql jobs -q <<'SQL'
CREATE TABLE sparse (id int, ssn text, pad text);
INSERT INTO sparse SELECT i,
	CASE WHEN i % 400 = 0 THEN lpad((100 + i % 600)::text, 3, '0') || '-'
	    || lpad((10 + i % 89)::text, 2, '0') || '-' || lpad((1000 + i)::text, 4, '0')
	END, repeat('x', 200) FROM generate_series(1, 60000) i;
ANALYZE sparse;
SQL
$PGSIFT scan --quiet --full -t sparse --catalog "$PGTMP/sparse.db" \
    dbname=jobs
is "$(sqlite3 "$PGTMP/sparse.db" "SELECT c.values_sampled >= 30 FROM columns c
    JOIN relations r ON r.id = c.relation_id
    WHERE r.name = 'sparse' AND c.name = 'ssn'")" 1 \
    "a column mostly NULL gets a second sample of its values"
is "$($PGSIFT report --catalog "$PGTMP/sparse.db" --format csv |
    grep -c ',sparse,ssn,.*US_SOCIAL_SECURITY_NUMBER,\(LIKELY\|VERY_LIKELY\)')" 1 \
    "...enough to classify it"
tap_done
