#!/bin/bash
# t180-rescan: incremental rescans on a real server (only what changed is
# sampled again; added columns, dropped tables and overwritten PII are
# noticed), reviews that survive rescans, "pgsift diff" and --fail-on.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5180
pgtmp_createdb shop
pgtmp_psql shop -q <<'SQL'
CREATE TABLE customers (id int PRIMARY KEY, email text, phone text);
INSERT INTO customers SELECT i, 'user' || i || '@example.com',
	'+44 20 7946 ' || lpad(i::text, 4, '0') FROM generate_series(1, 200) i;
CREATE TABLE orders (id int PRIMARY KEY, order_ref text);
INSERT INTO orders SELECT i, 'ORD-' || i FROM generate_series(1, 200) i;
CREATE TABLE notes (id int PRIMARY KEY, body text);
INSERT INTO notes SELECT i, 'call me back please' FROM generate_series(1, 50) i;
CREATE TABLE legacy (id int, contact text);
INSERT INTO legacy SELECT i, 'old' || i || '@example.org' FROM generate_series(1, 50) i;
SQL
cat=$PGTMP/pgsift.db

# scan [ARGS...]: rescan; sets out to the summary line, rc to the status.
scan() {
	$PGSIFT scan --catalog "$cat" "$@" dbname=shop >"$PGTMP/out" \
	    2>"$PGTMP/err"
	rc=$?
	out=$(head -n 1 "$PGTMP/out")
}
# wait_stats TABLE N: until the statistics show N row changes to TABLE.
wait_stats() {
	local i n
	for i in $(seq 1 50); do
		n=$(pgtmp_psql shop -At -c "SELECT n_tup_ins + n_tup_upd + n_tup_del
		    FROM pg_stat_user_tables WHERE relname = '$1'")
		[ "$n" = "$2" ] && return 0
		sleep 0.2
	done
	return 1
}
# count WHAT: the number before WHAT in the summary line.
count() { echo "$out" | sed -n "s/.*[ (]\([0-9]*\) $1.*/\1/p"; }

scan
is "$(count sampled)" 4 "the first scan samples all four tables"
scan
is "$(count sampled)" 0 "a rescan after no change samples nothing"
is "$(count 'unchanged and carried forward')" 4 "...and carries all four forward"
$PGSIFT report --catalog "$cat" --output "$PGTMP/r2.json"
is "$(jq -r '.columns[] | select(.table == "customers" and .column == "email")
    | "\(.carried_from_scan) \(.classifications[0].type)"' "$PGTMP/r2.json")" \
    "1 EMAIL_ADDRESS" "a carried column keeps its classification and names the scan that sampled it"

pgtmp_psql shop -c "INSERT INTO orders VALUES (201, 'ORD-201')" >/dev/null
wait_stats orders 201
ok $? "the statistics see the insert"
scan
is "$(count sampled)" 1 "after an insert into one table, only that table is sampled"
is "$(count 'unchanged and carried forward')" 3 "...the other three are carried"

pgtmp_psql shop -c "ALTER TABLE notes ADD COLUMN contact_email text" \
    -c "DROP TABLE legacy" >/dev/null
scan
is "$(count sampled)" 1 "after ALTER TABLE ADD COLUMN, that table is sampled again"
is "$(count removed)" 1 "a dropped table is counted as removed"
$PGSIFT report --catalog "$cat" --output "$PGTMP/r4.json"
is "$(jq -r '[.columns[] | select(.table == "notes") | .column] | join(",")' \
    "$PGTMP/r4.json")" "id,body,contact_email" "...and the new column is there"
is "$(jq -r '[.columns[] | select(.table == "legacy")][0] | "\(.removed) \(.skipped)"' \
    "$PGTMP/r4.json")" "true removed from the database since scan 3" \
    "the dropped table is listed as removed, not deleted"
diff=$($PGSIFT diff --catalog "$cat")
is "$?" 0 "diff exits 0"
echo "$diff" | grep -q '^column  *new  *.*shop\.public\.notes\.contact_email text$'
ok $? "diff shows the new column"
echo "$diff" | grep -q '^relation  *dropped  *.*shop\.public\.legacy'
ok $? "...the dropped table"
echo "$diff" | grep -q '^classification removed .*legacy.contact EMAIL_ADDRESS'
ok $? "...and the classification that went with it"

# Overwritten PII loses its classification.
pgtmp_psql shop -c "UPDATE customers SET phone = 'n/a'" >/dev/null
wait_stats customers 400
scan
$PGSIFT report --catalog "$cat" --output "$PGTMP/r5.json"
is "$(jq -r '[.columns[] | select(.table == "customers" and .column == "phone")
    | .classifications[] | select(.likelihood == "LIKELY" or
    .likelihood == "VERY_LIKELY") | .type] | join(",")' "$PGTMP/r5.json")" "" \
    "a column whose PII was overwritten loses its classification"
json=$($PGSIFT diff --catalog "$cat" --format json)
is "$(echo "$json" | jq -r '.changes[] | select(.what == "classification")
    | "\(.change) \(.column) \(.type) \(.before)"')" \
    "removed phone PHONE_NUMBER VERY_LIKELY" "diff --format json: the classification is removed"
# A scan that failed, or one killed while running, is no base for the
# default diff (the rows stand for what such scans leave in the catalog).
pair=$(echo "$json" | jq -r '"\(.scan_a) \(.scan_b)"')
sqlite3 "$cat" "INSERT INTO scans (started_at, status, pgsift_version)
    VALUES (datetime('now'), 'failed', 'test'), (datetime('now'), 'running', 'test')"
is "$($PGSIFT diff --catalog "$cat" --format json | jq -r '"\(.scan_a) \(.scan_b)"')" \
    "$pair" "diff by default compares the last two finished scans, not a failed or running one"
sqlite3 "$cat" "DELETE FROM scans WHERE pgsift_version = 'test'"

# Reviews.
$PGSIFT review reject --catalog "$cat" --by alice --note "test data" \
    public.customers.email EMAIL_ADDRESS >/dev/null
is "$?" 0 "review reject exits 0"
$PGSIFT review confirm --catalog "$cat" --by bob public.orders.order_ref \
    US_SOCIAL_SECURITY_NUMBER >/dev/null
is "$?" 0 "review confirm exits 0"
pgtmp_psql shop -c "INSERT INTO customers VALUES (999, 'late@example.com', 'x')" >/dev/null
wait_stats customers 401
scan --full
$PGSIFT report --catalog "$cat" --output "$PGTMP/r6.json"
is "$(jq -r '.columns[] | select(.table == "customers" and .column == "email")
    | "\([.classifications[].type] | join(",")) \(.rejected[0].type) \(.rejected[0].review.by)"' \
    "$PGTMP/r6.json")" " EMAIL_ADDRESS alice" \
    "a rejected type stays rejected after a full rescan, with who rejected it"
is "$(jq -r '.columns[] | select(.table == "orders" and .column == "order_ref")
    | .classifications[] | "\(.type) \(.evidence | join("+")) \(.review.decision)"' \
    "$PGTMP/r6.json")" "US_SOCIAL_SECURITY_NUMBER manual confirmed" \
    "a confirmed type is reported though the values do not show it"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	/usr/bin/python3 "$top_srcdir/tests/lib/validate-json.py" \
	    "$top_srcdir/docs/report.schema.json" "$PGTMP/r6.json" >"$PGTMP/v6"
	ok $? "a report with reviews, rejected and carried columns is valid against the schema"
	[ -s "$PGTMP/v6" ] && diag "$(cat "$PGTMP/v6")"
else
	skip "no python3-jsonschema"
fi
is "$($PGSIFT review list --catalog "$cat" --format json | jq -r '[.[] | .decision] | join(",")')" \
    "rejected,confirmed" "review list shows both decisions"

# --fail-on and --fail-on-new.
scan --fail-on VERY_LIKELY
is "$rc" 6 "scan --fail-on VERY_LIKELY exits 6 when such findings exist"
scan --fail-on LIKELY --exclude-table customers --exclude-table orders \
    --exclude-table notes
is "$rc" 0 "...and 0 when none are in scope"
pgtmp_psql shop -c "CREATE TABLE cards (pan text)" \
    -c "INSERT INTO cards SELECT '4111111111111111' FROM generate_series(1, 3)" \
    -c "INSERT INTO cards VALUES ('5555555555554444'), ('378282246310005'), ('6011111111111117'), ('4012888888881881'), ('5105105105105100'), ('4222222222222')" >/dev/null
scan
$PGSIFT diff --catalog "$cat" --fail-on-new >/dev/null 2>"$PGTMP/diff.err"
is "$?" 6 "diff --fail-on-new exits 6 when a finding is new"
grep -q "new finding" "$PGTMP/diff.err"
ok $? "...and says so"
scan
$PGSIFT diff --catalog "$cat" --fail-on-new >/dev/null 2>&1
is "$?" 0 "...and 0 when nothing is new"
tap_done
