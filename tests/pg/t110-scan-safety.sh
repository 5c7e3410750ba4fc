#!/bin/bash
# t110-scan-safety: a scan never writes to the scanned database, runs only
# read-only statements, and never queues behind DDL: a table locked by
# another session is skipped with a lock-timeout reason.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/report.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5110

pgtmp_fixture
cat=$PGTMP/pgsift.db

# Log every statement, with the application name, from here on.
pgtmp_psql postgres -c "ALTER SYSTEM SET log_statement = 'all'" \
    -c "ALTER SYSTEM SET log_line_prefix = '[%a] '" \
    -c "SELECT pg_reload_conf()" >/dev/null
counters() {
	pgtmp_psql fixture -At -c "SELECT pg_stat_force_next_flush()" \
	    -c "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del), count(*)
	        FROM pg_stat_user_tables" \
	    -c "SELECT count(*) FROM pg_class" | tail -n 2 | tr '\n' ' '
}
before=$(counters)
log=$PGHOST/data/server.log
lines_before=$(wc -l <"$log")

$PGSIFT scan --quiet --catalog "$cat" "dbname=fixture" >/dev/null 2>&1
rc=$?
ok $(( rc == 0 || rc == 4 ? 0 : 1 )) "the scan runs (status $rc)"
after=$(counters)
is "$after" "$before" "no row or relation of the scanned database changed"

# Simple queries log as "statement:", parameterised ones as "execute".
tail -n +"$((lines_before + 1))" "$log" \
    | grep -E '^\[pgsift\] LOG:  (statement|execute [^:]*): ' \
    | sed -E 's/^\[pgsift\] LOG:  (statement|execute [^:]*): //' \
    >"$PGTMP/statements"
test -s "$PGTMP/statements"
ok $? "the server logged the scan's statements under application_name pgsift"
grep -Eiv '^(SELECT|WITH|BEGIN|COMMIT|ROLLBACK)( |$)' "$PGTMP/statements" \
    >"$PGTMP/other"
is "$(wc -l <"$PGTMP/other" | tr -d ' ')" 0 \
    "every statement is a SELECT (or WITH ... SELECT), BEGIN, COMMIT or ROLLBACK"
grep -Eiq '(INSERT INTO|DELETE FROM|\bUPDATE +[^ ]+ +SET|\bMERGE INTO)\b' \
    "$PGTMP/statements"
ok $((! $?)) "...and no WITH holds a data-modifying statement"
[ -s "$PGTMP/other" ] && diag "$(head -n 5 "$PGTMP/other")"
grep -q 'BEGIN READ ONLY' "$PGTMP/statements"
ok $? "tables are sampled in read-only transactions"
grep -q "set_config('default_transaction_read_only', 'on'" "$PGTMP/statements"
ok $? "the session defaults to read-only transactions"
grep -q "set_config('search_path', ''" "$PGTMP/statements"
ok $? "the session empties its search_path"
grep -v 'pg_catalog\.' "$PGTMP/statements" | grep -Eiv '^(BEGIN|COMMIT|ROLLBACK)' \
    | grep -qi 'FROM [a-z_]*[ ,]' && bad=1 || bad=0
is "$bad" 0 "catalog queries are qualified with pg_catalog."

# Another session holds an ACCESS EXCLUSIVE lock on customers.
"$pgtmp_bindir/psql" -X -q -d fixture -c "BEGIN" \
    -c "LOCK TABLE public.customers IN ACCESS EXCLUSIVE MODE" \
    -c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
locker=$!
for i in $(seq 1 50); do
	n=$(pgtmp_psql fixture -At -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'customers' AND l.mode = 'AccessExclusiveLock' AND l.granted")
	[ "$n" = 1 ] && break
	sleep 0.2
done
is "$n" 1 "another session holds an exclusive lock on customers"
timeout 120 $PGSIFT scan --quiet --full --catalog "$cat" --lock-timeout 200ms \
    --table customers --table products "dbname=fixture" >/dev/null 2>"$PGTMP/lock.err"
is "$?" 4 "a scan that meets a lock ends partial instead of waiting"
$PGSIFT report --catalog "$cat" --output "$PGTMP/lock.json"
report_field "$PGTMP/lock.json" public customers email '.skipped' \
    | grep -q 'lock timeout'
ok $? "the locked table is skipped with a lock-timeout reason"
is "$(report_types "$PGTMP/lock.json" public products name)" "" \
    "the scan went on past the locked table"
is "$(report_field "$PGTMP/lock.json" public products sku '.skipped // "sampled"')" \
    sampled "the next table was sampled"
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null

tap_done
