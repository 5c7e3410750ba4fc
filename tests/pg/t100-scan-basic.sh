#!/bin/bash
# t100-scan-basic: a scan of the fixture database finds what it should,
# skips what it must, and reports every column it looked at.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/report.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5100

pgtmp_fixture
cat=$PGTMP/pgsift.db
report=$PGTMP/report.json

$PGSIFT scan --catalog "$cat" "dbname=fixture" >"$PGTMP/scan.out" 2>"$PGTMP/scan.err"
rc=$?
is "$rc" 4 "a scan with an unpopulated materialized view exits 4 (partial)"
$PGSIFT report --format json --catalog "$cat" --output "$report"
ok $? "report --format json writes the report"
is "$(jq -r .scan.status "$report")" partial "the report says the scan was partial"
is "$(jq -r .format_version "$report")" 1 "format_version is 1"
grep -q '^scan 1 partial' "$PGTMP/scan.out"
ok $? "scan prints a one-line summary"

# Values with names that say what they are.
is "$(report_types "$report" public customers email)" EMAIL_ADDRESS \
    "customers.email is EMAIL_ADDRESS"
is "$(report_types "$report" public customers phone)" PHONE_NUMBER \
    "customers.phone is PHONE_NUMBER"
is "$(report_types "$report" public customers card_number)" CREDIT_CARD_NUMBER \
    "customers.card_number is CREDIT_CARD_NUMBER"
is "$(report_types "$report" public customers iban)" IBAN_CODE \
    "customers.iban is IBAN_CODE"
is "$(report_types "$report" public customers ssn)" US_SOCIAL_SECURITY_NUMBER \
    "customers.ssn is US_SOCIAL_SECURITY_NUMBER"
is "$(report_field "$report" public customers email '.classifications[0].likelihood')" \
    VERY_LIKELY "valid emails under an email name are VERY_LIKELY"

# Near misses that a loose regex gets wrong.
is "$(report_types "$report" public orders order_no)" "" \
    "16-digit order numbers that fail Luhn are not card numbers"
is "$(report_types "$report" public orders version)" "" \
    "a column of version strings is not IP addresses"
is "$(report_types "$report" public orders amount)" "" \
    "amounts are not classified"
is "$(report_types "$report" public orders client_ip)" IP_ADDRESS \
    "an inet column of addresses is IP_ADDRESS"
is "$(report_types "$report" public products name)" "" \
    "product names are not classified"

# Opaque names: the values alone decide.
is "$(report_types "$report" public opaque c1)" IBAN_CODE \
    "opaque c1 holding IBANs is IBAN_CODE"
is "$(report_field "$report" public opaque c1 '.classifications[0].evidence | join(",")')" \
    values "its evidence is the values alone"
is "$(report_types "$report" public opaque c2)" CREDIT_CARD_NUMBER \
    "opaque c2 holding card numbers is CREDIT_CARD_NUMBER"
is "$(report_types "$report" public opaque c3)" "" "opaque c3 of words is nothing"

# Identifiers with spaces, quotes, upper case and non-ASCII letters.
is "$(report_types "$report" "Weird Schema" 'Mixed "Quoted" Table' E-Mail)" \
    EMAIL_ADDRESS "a quoted, mixed-case identifier is sampled and classified"
is "$(report_field "$report" "Weird Schema" 'Mixed "Quoted" Table' 'Straße' '.rows_sampled > 0')" \
    true "a non-ASCII column name is sampled"

# What is not sampled, and why.
is "$(report_field "$report" public customer_emails contact '.skipped')" \
    "views are not sampled" "a view is listed as not sampled"
is "$(report_field "$report" public remote_staff email '.skipped')" \
    "foreign tables are not sampled" "a foreign table is listed, not sampled"
is "$(report_field "$report" public remote_staff ssn '.relation_kind')" \
    foreign_table "...as a foreign_table"
report_field "$report" public mv_empty email '.skipped' | grep -q 'not been populated'
ok $? "an unpopulated materialized view is skipped with its reason"
is "$(report_types "$report" public mv_populated email)" EMAIL_ADDRESS \
    "a populated materialized view is sampled"
is "$(report_types "$report" public events email)" EMAIL_ADDRESS \
    "a partitioned table is sampled through its parent"
is "$(jq -r '[.columns[] | select(.table | startswith("events_")) | .skipped
    | test("sampled through its parent")] | all' "$report")" true \
    "its partitions are listed as sampled through the parent"
is "$(report_field "$report" public empty_table email '.rows_sampled')" 0 \
    "an empty table is sampled with no values"

# Every column of every user relation is in the report.
want=$(pgtmp_psql fixture -At -c "
    SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r','p','v','m','f') AND a.attnum > 0
      AND NOT a.attisdropped AND n.nspname <> 'information_schema'
      AND n.nspname NOT LIKE 'pg\_%'")
is "$(jq '.columns | length' "$report")" "$want" \
    "the report lists every column of every relation"

# Sampling is bounded and cheap on a big table.
is "$(sqlite3 "$cat" "SELECT rows_sampled <= 1000 AND sample_method LIKE 'tablesample%' FROM relations WHERE name = 'big_log'")" \
    1 "a big table is sampled with TABLESAMPLE, at most 1000 rows"
$PGSIFT scan --quiet --sample-rows 50 --catalog "$cat" --table big_log \
    "dbname=fixture" >/dev/null 2>&1
is "$?" 0 "a scan limited to one table completes"
n=$(sqlite3 "$cat" "SELECT max(values_sampled) FROM columns JOIN relations r ON r.id = relation_id WHERE r.scan_id = 2")
ok $(( n > 0 && n <= 50 ? 0 : 1 )) "--sample-rows 50 reads at most 50 values per column ($n)"
is "$(sqlite3 "$cat" "SELECT count(*) FROM relations WHERE scan_id = 2")" 1 \
    "--table limits the scan to the matching table"
$PGSIFT report --catalog "$cat" | jq -e '.scan.id == 2' >/dev/null
ok $? "report shows the latest scan by default"
$PGSIFT report --catalog "$cat" --scan 1 | jq -e '.scan.id == 1' >/dev/null
ok $? "report --scan picks an earlier scan"

# Schema filters.
$PGSIFT scan --quiet --catalog "$cat" --schema 'Weird*' "dbname=fixture"
is "$(sqlite3 "$cat" "SELECT group_concat(DISTINCT schema) FROM relations WHERE scan_id = 3")" \
    "Weird Schema" "--schema keeps only matching schemas"
$PGSIFT scan --quiet --catalog "$cat" --exclude-schema public \
    --exclude-table 'mv_*' "dbname=fixture"
is "$(sqlite3 "$cat" "SELECT count(*) FROM relations WHERE scan_id = 4 AND (schema = 'public' OR name LIKE 'mv%')")" \
    0 "--exclude-schema and --exclude-table leave matching relations out"

tap_done
