#!/bin/bash
# t190-estate: scanning an estate on a real server: --all-databases, a
# sources file with names, a service, patterns, column excludes and a
# sample size; errors in that file; two scans into one catalog at once.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5190
for db in alpha beta; do
	pgtmp_createdb $db
	pgtmp_psql $db -q <<'SQL'
CREATE TABLE customers (id int, email text, phone text);
INSERT INTO customers SELECT i, 'user' || i || '@example.com',
	'+44 20 7946 ' || lpad(i::text, 4, '0') FROM generate_series(1, 100) i;
CREATE TABLE secret_keys (id int, note text);
INSERT INTO secret_keys VALUES (1, 'x');
SQL
done
cat=$PGTMP/all.db

$PGSIFT scan --quiet --all-databases --catalog "$cat" dbname=postgres \
    2>"$PGTMP/err"
is "$?" 0 "--all-databases scans every database the role may connect to"
$PGSIFT report --catalog "$cat" --output "$PGTMP/all.json"
is "$(jq -r '[.columns[].database] | unique | join(",")' "$PGTMP/all.json")" \
    "alpha,beta" "...alpha and beta (postgres has no tables; templates are left out)"
is "$(jq -r '[.columns[].source] | unique | join(",")' "$PGTMP/all.json")" \
    "$PGHOST:$PGPORT" "without a name, the source is host:port"

cat >"$PGTMP/pg_service.conf" <<EOF2
[beta-svc]
host=$PGHOST
port=$PGPORT
dbname=beta
EOF2
export PGSERVICEFILE=$PGTMP/pg_service.conf
cat >"$PGTMP/sources.json" <<'EOF2'
{
  "version": 1,
  "sources": [
    { "name": "prod-eu", "conninfo": "dbname=alpha",
      "tables": { "exclude": ["secret_*"] },
      "columns": { "exclude": ["customers.phone"] } },
    { "name": "prod-us", "service": "beta-svc", "sample_rows": 10,
      "statement_timeout": "10s" }
  ]
}
EOF2
cat=$PGTMP/sources.db
$PGSIFT scan --quiet --sources "$PGTMP/sources.json" --catalog "$cat" \
    2>"$PGTMP/err"
is "$?" 0 "a sources file is scanned"
$PGSIFT report --catalog "$cat" --output "$PGTMP/s.json"
is "$(jq -r '[.columns[] | "\(.source)/\(.database)"] | unique | join(",")' \
    "$PGTMP/s.json")" "prod-eu/alpha,prod-us/beta" \
    "each source is reported under its name, the second through a service"
is "$(jq -r '[.columns[] | select(.source == "prod-eu") | .table] | unique
    | join(",")' "$PGTMP/s.json")" "customers" "the source's table excludes apply"
is "$(jq -r '.columns[] | select(.source == "prod-eu" and .column == "phone")
    | "\(.sampled) \(.classifications | length)"' "$PGTMP/s.json")" "false 0" \
    "an excluded column is listed but never read"
is "$(jq -r '.columns[] | select(.source == "prod-us" and .column == "email")
    | .rows_sampled' "$PGTMP/s.json")" 10 "the source's sample size applies"

# Errors in the file say where.
printf '{\n  "sources": [\n    { "name": "x" "conninfo": "dbname=alpha" }\n  ]\n}\n' \
    >"$PGTMP/bad.json"
out=$($PGSIFT scan --sources "$PGTMP/bad.json" --catalog "$PGTMP/x.db" 2>&1)
is "$?" 2 "a malformed sources file is a usage error"
is "$out" "pgsift: error: $PGTMP/bad.json:3:19: not valid JSON here" \
    "...with the line and column of the missing comma"
printf '{ "sources": [ { "name": "x", "conninfo": "dbname=alpha", "sample_row": 5 } ] }' \
    >"$PGTMP/bad2.json"
out=$($PGSIFT scan --sources "$PGTMP/bad2.json" --catalog "$PGTMP/x.db" 2>&1)
is "$out" "pgsift: error: $PGTMP/bad2.json:1:59: sources[0]: unknown key \"sample_row\"" \
    "a misspelt key is named with its source, line and column"
printf '{ "sources": [ { "conninfo": "dbname=alpha", "service": "s" } ] }' \
    >"$PGTMP/bad3.json"
out=$($PGSIFT scan --sources "$PGTMP/bad3.json" --catalog "$PGTMP/x.db" 2>&1)
is "$out" "pgsift: error: $PGTMP/bad3.json:1:16: sources[0]: give either \"conninfo\" or \"service\"" \
    "conninfo and service exclude each other"
[ -e "$PGTMP/x.db" ]
is "$?" 1 "a bad sources file writes no catalog"

# Two scans into one catalog: the second waits, then gives up clearly.
cat=$PGTMP/lock.db
pgtmp_psql alpha -c "BEGIN; LOCK customers IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(6); COMMIT" \
    >/dev/null 2>&1 &
locker=$!
for i in $(seq 1 50); do
	n=$(pgtmp_psql alpha -At -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'customers' AND l.granted AND l.mode = 'AccessExclusiveLock'")
	[ "$n" = 1 ] && break
	sleep 0.1
done
$PGSIFT scan --quiet --lock-timeout 10s --catalog "$cat" dbname=alpha \
    >/dev/null 2>"$PGTMP/first.err" &
first=$!
sleep 1
out=$($PGSIFT scan --quiet --wait 500ms --catalog "$cat" dbname=beta 2>&1)
is "$?" 5 "a second scan into the same catalog gives up after --wait"
case $out in
*"another pgsift scan is writing to catalog"*) ok 0 "...saying why" ;;
*) ok 1 "...saying why"; diag "$out" ;;
esac
wait $first
is "$?" 0 "the first scan completes"
wait $locker
$PGSIFT scan --quiet --catalog "$cat" dbname=beta 2>/dev/null
is "$?" 0 "once it has, the next scan runs"
is "$(sqlite3 "$cat" 'PRAGMA integrity_check')" ok "the catalog is intact"
tap_done
