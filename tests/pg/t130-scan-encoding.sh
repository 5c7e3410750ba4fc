#!/bin/bash
# t130-scan-encoding: a database in another encoding (LATIN1) is read as
# UTF-8, so names and the report stay valid UTF-8 and values classify.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/report.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5130

pgtmp_psql postgres -c "CREATE DATABASE lat ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
ok $? "a LATIN1 database is created"
pgtmp_psql lat -c 'CREATE TABLE "café" ("adresse_électronique" text, "courriel" text)' \
    -c "INSERT INTO \"café\" SELECT 'zoë' || g || '@example.fr', 'client' || g || '@example.fr' FROM generate_series(1, 50) g" >/dev/null
ok $? "a table with non-ASCII names and values is loaded"
$PGSIFT scan --quiet --catalog "$PGTMP/c.db" dbname=lat
is "$?" 0 "the scan completes"
$PGSIFT report --catalog "$PGTMP/c.db" --output "$PGTMP/r.json"
iconv -f UTF-8 -t UTF-8 "$PGTMP/r.json" >/dev/null 2>&1
ok $? "the report is valid UTF-8"
is "$(jq -r '.columns[0].table' "$PGTMP/r.json")" "café" \
    "the table name arrives converted to UTF-8"
is "$(report_types "$PGTMP/r.json" public café courriel)" EMAIL_ADDRESS \
    "courriel holding addresses is EMAIL_ADDRESS"
is "$(report_types "$PGTMP/r.json" public café adresse_électronique)" \
    EMAIL_ADDRESS "addresses with a non-ASCII local part are EMAIL_ADDRESS"

tap_done
