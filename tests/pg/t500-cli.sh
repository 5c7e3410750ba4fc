#!/bin/bash
# t500-cli: help, version, usage errors, bad connection strings, unreachable
# servers and bad catalogs: each a one-line error, a documented exit
# status, and an existing catalog left untouched.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5500

pgtmp_fixture
cd "$PGTMP" || exit 1

# run CMD...: run pgsift, keeping its status, stdout and stderr.
run() {
	$PGSIFT "$@" >out 2>err
	rc=$?
}
one_error_line() {
	[ "$(wc -l <err)" -le 2 ] && grep -q '^pgsift: error: ' err
}

run --version
is "$rc" 0 "--version exits 0"
grep -Eq '^pgsift [0-9]+\.[0-9]+' out
ok $? "--version prints the version"
run --help
is "$rc" 0 "--help exits 0"
grep -q 'scan' out && grep -q 'report' out
ok $? "--help lists the commands"
run scan --help
grep -q -- '--sample-rows' out && grep -q -- '--lock-timeout' out
ok $? "scan --help lists its options"
run report --help
grep -q -- '--format' out
ok $? "report --help lists its options"
run frobnicate
is "$rc" 2 "an unknown command exits 2"
run scan --frobnicate
is "$rc" 2 "an unknown option exits 2"
one_error_line
ok $? "...with a one-line error"
run scan --sample-rows abc
is "$rc" 2 "a bad --sample-rows exits 2"
run scan --statement-timeout 5parsecs
is "$rc" 2 "a bad duration exits 2"
run report --format xml
is "$rc" 2 "an unknown report format exits 2"

# A catalog with a scan in it, to check that failures leave it untouched.
$PGSIFT scan --quiet --catalog good.db "dbname=fixture" >/dev/null 2>&1
test -s good.db
ok $? "a first scan creates the catalog"
is "$(stat -c %a good.db)" 600 "the catalog is created with mode 0600"
sqlite3 good.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum() { sha256sum good.db | cut -d' ' -f1; }
before=$(sum)

run scan --catalog good.db "host= port=x dbname"
is "$rc" 2 "a bad connection string exits 2"
one_error_line && grep -q 'invalid connection string' err
ok $? "...saying the connection string is invalid"
run scan --catalog good.db "host=$PGTMP/nowhere port=1 dbname=fixture connect_timeout=5"
is "$rc" 3 "an unreachable server exits 3"
one_error_line
ok $? "...with a one-line error"
run scan --catalog good.db "dbname=fixture password=hunter2secret user=nobody_here"
is "$rc" 3 "a role that does not exist exits 3"
grep -q hunter2secret err out
is "$?" 1 "a password from the connection string is never printed"
run scan --catalog good.db "dbname=fixture password=hunter 2secret"
is "$rc" 2 "a connection string that does not parse exits 2"
grep -q 2secret err out
is "$?" 1 "...and libpq's message is given without what it quotes of it"
grep -q 'missing "=" after "..."' err
ok $? "...which it replaces with ..."
run scan --catalog good.db "postgresql://u:s3cr%zzet@localhost/fixture"
is "$rc" 2 "a URI that does not parse exits 2"
grep -q s3cr err out
is "$?" 1 "...without the password in its error"
is "$(sum)" "$before" "failed scans leave the existing catalog untouched"
run scan --catalog "$PGTMP/missing/dir/x.db" "dbname=fixture"
is "$rc" 5 "a catalog in a missing directory exits 5"
grep -q 'does not exist' err
ok $? "...saying the directory does not exist"
test ! -e "$PGTMP/missing"
ok $? "...and creates nothing"
echo "hello, I am not a database" >notes.txt
run scan --catalog notes.txt "dbname=fixture"
is "$rc" 5 "a file that is not a catalog exits 5"
grep -q 'not a pgsift catalog' err
ok $? "...saying it is not a pgsift catalog"
is "$(cat notes.txt)" "hello, I am not a database" "...and leaves it unchanged"
sqlite3 other.db "CREATE TABLE t (x int); INSERT INTO t VALUES (1)"
osum=$(sha256sum other.db)
run scan --catalog other.db "dbname=fixture"
is "$rc" 5 "another program's SQLite file exits 5"
is "$(sha256sum other.db)" "$osum" "...and is left unchanged"
run report --catalog nothere.db
is "$rc" 5 "report on a missing catalog exits 5"
run report --catalog good.db --scan 999
is "$rc" 5 "report of a scan that does not exist exits 5"
grep -q '999' err
ok $? "...naming the scan"
is "$(sum)" "$before" "none of this changed the catalog"

# PG* variables decide when no connection string is given.
PGDATABASE=fixture $PGSIFT scan --quiet --catalog env.db
is "$?" 4 "with no CONNINFO the PG* variables name the database"
is "$(sqlite3 env.db "SELECT DISTINCT database FROM relations")" fixture \
    "...and that database was scanned"
# A URI works as well as key=value.
$PGSIFT scan --quiet --catalog uri.db \
    "postgresql:///fixture?host=$(printf %s "$PGHOST" | jq -sRr @uri)&port=$PGPORT"
is "$?" 4 "a postgresql:// URI works"

# No sampled value ever reaches the catalog or the output.
secret=$(pgtmp_psql fixture -At -c "SELECT email FROM public.customers ORDER BY id LIMIT 1")
card=$(pgtmp_psql fixture -At -c "SELECT card_number FROM public.customers ORDER BY id LIMIT 1")
sqlite3 good.db .dump >dump.sql
test -n "$secret" && test -n "$card"
ok $? "the fixture has a known e-mail address and card number"
grep -qF -e "$secret" -e "$card" $(ls good.db good.db-wal dump.sql 2>/dev/null)
is "$?" 1 "no sampled value is stored in the catalog"
$PGSIFT scan --verbose --catalog v.db "dbname=fixture" >vout 2>verr
$PGSIFT report --catalog v.db >>vout
grep -qF -e "$secret" -e "$card" vout verr
is "$?" 1 "no sampled value is printed, even with --verbose, or in the report"

# A report written to something that is not a regular file (a pipe
# here; /dev/null alike) is written into it, never renamed over it.
mkfifo fifo
cat fifo >fifo.out &
reader=$!
$PGSIFT report --catalog v.db --output fifo
is "$?" 0 "a report can be written to a pipe"
wait $reader
[ -p fifo ]
ok $? "...which is still a pipe afterwards"
is "$(jq -r '.format_version' fifo.out)" 1 "...and carried the report"

tap_done
