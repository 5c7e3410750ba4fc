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

tap_done
