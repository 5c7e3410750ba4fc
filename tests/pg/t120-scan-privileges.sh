#!/bin/bash
# t120-scan-privileges: a role that cannot read everything scans what it
# can, and records what it cannot read as skipped with the reason.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/report.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5120

pgtmp_fixture
cat=$PGTMP/pgsift.db
report=$PGTMP/report.json

$PGSIFT scan --catalog "$cat" "dbname=fixture user=sift_reader" \
    >"$PGTMP/out" 2>"$PGTMP/err"
is "$?" 4 "a scan with an unreadable table exits 4 (partial)"
$PGSIFT report --catalog "$cat" --output "$report"
report_field "$report" secret payroll ssn '.skipped' | grep -q 'permission denied'
ok $? "the unreadable table is skipped with a permission-denied reason"
report_field "$report" secret payroll ssn '.skipped' | grep -q '42501'
ok $? "the reason keeps the SQLSTATE"
grep -q 'payroll' "$PGTMP/err"
ok $? "the skip is reported on stderr"
is "$(report_types "$report" public customers email)" EMAIL_ADDRESS \
    "the tables it can read are classified"
is "$(sqlite3 "$cat" "SELECT target FROM sources")" \
    "host=$PGHOST port=$PGPORT dbname=fixture user=sift_reader" \
    "the source records the role and database, and no secret"
is "$(jq -r '.columns[0].source' "$report")" "$PGHOST:$PGPORT" \
    "the report's source is host:port"

# The least privilege for a whole database: pg_read_all_data and nothing
# else. Every statement the role sends is logged: none may write.
pgtmp_psql fixture -q <<'SQL'
CREATE ROLE sift_all LOGIN IN ROLE pg_read_all_data;
ALTER ROLE sift_all SET log_statement = 'all';
SQL
log=$pgtmp_dir/data/server.log
before=$(wc -l <"$log")
$PGSIFT scan --quiet --catalog "$PGTMP/all.db" "dbname=fixture user=sift_all" \
    2>"$PGTMP/err.all"
is "$?" 4 "a scan as a pg_read_all_data role ends partial (only the unpopulated view)"
$PGSIFT report --catalog "$PGTMP/all.db" --output "$PGTMP/all.json"
is "$(report_types "$PGTMP/all.json" secret payroll ssn)" US_SOCIAL_SECURITY_NUMBER \
    "pg_read_all_data is enough to read every table"
is "$(jq '[.columns[] | select(.skipped != null and (.skipped | test("permission")))] | length' \
    "$PGTMP/all.json")" 0 "...and nothing is refused to it"
tail -n +"$((before + 1))" "$log" |
    sed -n 's/.*LOG:  \(statement\|execute [^:]*\): //p' >"$PGTMP/statements"
cmp=$(wc -l <"$PGTMP/statements")
[ "$cmp" -ge 20 ]
ok $? "the role's statements are in the server log ($cmp)"
grep -Eiv '^(SELECT|SET|BEGIN|COMMIT|ROLLBACK|SHOW|WITH)\b' "$PGTMP/statements" >"$PGTMP/writes"
is "$(head -n 3 "$PGTMP/writes")" "" "every statement it sent reads or sets its own session"
grep -Eiq 'FOR (UPDATE|SHARE)|nextval|INTO|pg_advisory|pg_terminate|lo_(import|export|creat|unlink)' "$PGTMP/statements"
ok $((! $?)) "...and none locks rows, takes an advisory lock, writes or signals"

tap_done
