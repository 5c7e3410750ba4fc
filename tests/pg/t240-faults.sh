#!/bin/bash
# t240-faults: a scan that is stopped or loses its server keeps a
# consistent catalog. SIGINT and SIGTERM stop it cleanly (a partial scan
# that --resume continues without sampling again what it finished);
# SIGKILL leaves a catalog that passes integrity_check and a scan that
# --resume finishes; a server restarted mid-scan is reconnected to. A
# run of two databases is interrupted and resumed as one.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5240
pgtmp_createdb faults
ntables=300
pgtmp_psql faults -q <<SQL
DO \$\$
BEGIN
	FOR t IN 1..$ntables LOOP
		EXECUTE format('CREATE TABLE t%s (id int, email text, note text)', t);
		EXECUTE format('INSERT INTO t%s SELECT i, ''u'' || i || ''@example.com'',
		    repeat(''x'', 50) FROM generate_series(1, 400) i', t);
	END LOOP;
END
\$\$;
ANALYZE;
SQL

# Start a scan in the background; wait until it has sampled $2 tables.
start_scan() {
	local cat=$1 want=$2
	shift 2
	$PGSIFT scan -v -j 2 --catalog "$cat" "$@" dbname=faults \
	    >"$PGTMP/out" 2>"$PGTMP/err" &
	scan_pid=$!
	for _ in $(seq 1 600); do
		[ "$(grep -c '^pgsift: sampled' "$PGTMP/err")" -ge "$want" ] && return 0
		kill -0 $scan_pid 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
q() { sqlite3 "$1" "$2"; }
# unsampled CATALOG: the relations not sampled and why, for diag.
unsampled() {
	q "$1" "SELECT name || ': ' || coalesce(skip_reason, '?') FROM relations
	    WHERE coalesce(rows_sampled, 0) = 0 LIMIT 5"
}

# SIGINT, then --resume.
cat=$PGTMP/int.db
start_scan "$cat" 20
ok $? "a scan of $ntables tables is under way"
kill -INT $scan_pid
wait $scan_pid
is "$?" 4 "SIGINT stops it with the partial status"
grep -q 'interrupted: scan 1 is recorded as partial; "pgsift scan --resume"' \
    "$PGTMP/err"
ok $? "...saying how to continue it"
is "$(q "$cat" "SELECT status || ' ' || json_extract(stats, '\$.interrupted')
    FROM scans")" "partial 1" "the scan is recorded partial, interrupted"
is "$(q "$cat" 'PRAGMA integrity_check')" ok "the catalog is intact"
done1=$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")
left1=$(q "$cat" "SELECT count(*) FROM relations
    WHERE skip_reason = 'not scanned: the scan was interrupted'")
[ "$done1" -ge 20 ] && [ "$done1" -lt $ntables ]
ok $? "what it sampled is kept ($done1 tables)"
is "$((done1 + left1))" $ntables "...and the rest is recorded as interrupted"
before=$(q "$cat" "SELECT group_concat(id || name) FROM (SELECT id, name
    FROM relations WHERE rows_sampled > 0 ORDER BY id)")
$PGSIFT scan --quiet --resume -j 2 --catalog "$cat" dbname=faults
is "$?" 0 "--resume finishes it"
is "$(q "$cat" "SELECT count(*) || ' ' || max(id) FROM scans")" "1 1" \
    "...as the same scan"
is "$(q "$cat" "SELECT status FROM scans")" completed "...now completed"
is "$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")" \
    $ntables "every table is sampled once"
is "$(q "$cat" "SELECT group_concat(id || name) FROM (SELECT id, name
    FROM relations WHERE id IN (SELECT id FROM relations WHERE rows_sampled > 0)
    ORDER BY id LIMIT $done1)")" "$before" \
    "what was finished before was not sampled again"
is "$(q "$cat" "SELECT json_extract(stats, '\$.resumed')
    FROM scans")" "$done1" "...and is counted as such"
$PGSIFT scan --quiet --resume --catalog "$cat" dbname=faults 2>"$PGTMP/err2"
is "$?" 5 "--resume after a completed scan is refused"
grep -q "was not interrupted: it is completed" "$PGTMP/err2"
ok $? "...saying why"

# SIGINT in a run of two databases, whose relations share one queue:
# both are left partly sampled, partly not scanned; --resume finishes
# both in the same scan.
pgtmp_createdb faults2
pgtmp_psql faults2 -q <<SQL
DO \$\$
BEGIN
	FOR t IN 1..40 LOOP
		EXECUTE format('CREATE TABLE u%s (id int, email text)', t);
		EXECUTE format('INSERT INTO u%s SELECT i, ''w'' || i || ''@example.com''
		    FROM generate_series(1, 400) i', t);
	END LOOP;
END
\$\$;
ANALYZE;
SQL
cat=$PGTMP/int2.db
start_scan "$cat" 20 dbname=faults2
ok $? "a scan of two databases is under way"
kill -INT $scan_pid
wait $scan_pid
is "$?" 4 "SIGINT stops it with the partial status"
is "$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0 OR
    skip_reason = 'not scanned: the scan was interrupted'")" $((ntables + 40)) \
    "...every relation of both recorded, sampled or interrupted"
$PGSIFT scan --quiet --resume -j 2 --catalog "$cat" dbname=faults2 dbname=faults
is "$?" 0 "--resume finishes both"
is "$(q "$cat" "SELECT database || ':' || count(*) FROM relations
    WHERE rows_sampled > 0 GROUP BY database ORDER BY database" |
    paste -sd' ' -)" "faults:$ntables faults2:40" \
    "...every table of each sampled"
is "$(q "$cat" "SELECT count(*) || ' ' || status FROM scans")" "1 completed" \
    "...in the same scan, now completed"

# SIGTERM behaves as SIGINT.
cat=$PGTMP/term.db
start_scan "$cat" 10
kill -TERM $scan_pid
wait $scan_pid
is "$?" 4 "SIGTERM stops a scan cleanly too"

# SIGKILL in the middle of writing.
cat=$PGTMP/kill.db
start_scan "$cat" 30
kill -KILL $scan_pid
wait $scan_pid 2>/dev/null
is "$(q "$cat" 'PRAGMA integrity_check')" ok "after SIGKILL the catalog is intact"
is "$(q "$cat" "SELECT status FROM scans")" running \
    "...its scan still says running"
$PGSIFT scan --quiet --resume -j 2 --catalog "$cat" dbname=faults
is "$?" 0 "--resume finishes a killed scan"
is "$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")" \
    $ntables "...every table sampled once"
$PGSIFT scan --quiet --catalog "$cat" dbname=faults
is "$?" 0 "and the next scan works"

# The server restarts in the middle of a scan: the sessions reconnect.
cat=$PGTMP/restart.db
start_scan "$cat" 20 --full
pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -D "$pgtmp_dir/data" -m immediate \
    -w restart >/dev/null 2>&1
ok $? "the server restarted (immediate) during the scan"
kill -0 $scan_pid 2>/dev/null
ok $? "...and the scan was still running when it came back"
wait $scan_pid
rc=$?
is "$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")" \
    $ntables "every table is sampled all the same"
[ "$tap_failed" -eq 0 ] || diag "$(unsampled "$cat")"
is "$rc $(q "$cat" "SELECT status FROM scans")" "0 completed" \
    "...and the scan completes"
is "$(q "$cat" 'PRAGMA integrity_check')" ok "...with the catalog intact"

# The server stops mid-scan and stays down: the scan ends partial, with
# what it sampled kept and the rest recorded as not scanned; once the
# server is back, --resume finishes it.
cat=$PGTMP/down.db
start_scan "$cat" 20 --full
pgtmp_server_stop
ok $? "the server stopped (immediate) during the scan"
wait $scan_pid
is "$?" 4 "the scan ends with the partial status"
is "$(q "$cat" "SELECT status FROM scans")" partial "...recorded as partial"
is "$(q "$cat" 'PRAGMA integrity_check')" ok "...with the catalog intact"
done2=$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")
lost=$(q "$cat" "SELECT count(*) FROM relations
    WHERE skip_reason LIKE 'not scanned: %'")
[ "$done2" -ge 20 ] && [ "$lost" -gt 0 ]
ok $? "what it sampled is kept ($done2), the rest is not scanned ($lost)"
grep -q 'lost the connection' "$PGTMP/err"
r=$?
ok $r "...and the lost connection is reported"
[ $r -eq 0 ] || diag "$(grep -v '^pgsift: sampled' "$PGTMP/err" | tail -n 5)"
pgtmp_server_start "$PGPORT"
ok $? "the server is started again"
$PGSIFT scan --quiet --resume -j 2 --catalog "$cat" dbname=faults
is "$?" 0 "--resume finishes a scan whose server went away"
is "$(q "$cat" "SELECT count(*) FROM relations WHERE rows_sampled > 0")" \
    $ntables "...every table sampled"
[ "$tap_failed" -eq 0 ] || diag "$(unsampled "$cat")"
is "$(q "$cat" "SELECT count(*) || ' ' || status FROM scans")" "1 completed" \
    "...as the same scan, now completed"
tap_done
