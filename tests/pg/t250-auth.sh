#!/bin/bash
# t250-auth: passwords reach the server as they do for psql (.pgpass,
# PGPASSFILE, PGPASSWORD, the connection string) and never reach the
# terminal, the log or the catalog. The test server trusts every local
# connection but the role sift_pw's, which must give a SCRAM password.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5250
pgtmp_createdb shop
pgtmp_psql shop -q <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE sift_pw LOGIN PASSWORD 'Tr0ub4dor&3x';
CREATE TABLE people (email text);
INSERT INTO people SELECT 'user' || i || '@example.com' FROM generate_series(1, 50) i;
GRANT SELECT ON people TO sift_pw;
SQL
hba=$pgtmp_dir/data/pg_hba.conf
{ echo "local all sift_pw scram-sha-256"; cat "$hba"; } >"$hba.new"
chown --reference="$hba" "$hba.new" 2>/dev/null
mv "$hba.new" "$hba"
pgtmp_psql postgres -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
secret='Tr0ub4dor&3x'
conn="dbname=shop user=sift_pw"

# No password at all: libpq's own message, and exit status 3.
HOME=$PGTMP PGPASSFILE=$PGTMP/none $PGSIFT scan --quiet \
    --catalog "$PGTMP/a.db" "$conn" >"$PGTMP/out" 2>&1 </dev/null
is "$?" 3 "without a password the scan cannot connect (exit 3)"
grep -q 'password' "$PGTMP/out"
ok $? "...and says a password was needed"

# A wrong one in PGPASSWORD.
PGPASSWORD=wrong $PGSIFT scan --quiet --catalog "$PGTMP/a.db" "$conn" \
    >"$PGTMP/out" 2>&1
is "$?" 3 "a wrong PGPASSWORD is refused (exit 3)"
grep -q 'password authentication failed' "$PGTMP/out"
ok $? "...with the server's reason"

# The right one, each way psql takes it.
PGPASSWORD=$secret $PGSIFT scan --quiet --catalog "$PGTMP/env.db" "$conn" \
    2>"$PGTMP/err.env"
is "$?" 0 "PGPASSWORD is used"
printf '*:*:shop:sift_pw:%s\n' "$secret" >"$PGTMP/pgpass"
chmod 600 "$PGTMP/pgpass"
PGPASSFILE=$PGTMP/pgpass $PGSIFT scan --quiet --catalog "$PGTMP/file.db" \
    "$conn" 2>"$PGTMP/err.file"
is "$?" 0 "a password file named by PGPASSFILE is used"
mkdir -p "$PGTMP/home"
cp -p "$PGTMP/pgpass" "$PGTMP/home/.pgpass"
HOME=$PGTMP/home $PGSIFT scan --quiet --catalog "$PGTMP/home.db" "$conn" \
    2>"$PGTMP/err.home"
is "$?" 0 "~/.pgpass is used"
$PGSIFT scan --quiet -vv --catalog "$PGTMP/str.db" \
    "$conn password=$secret" 2>"$PGTMP/err.str"
is "$?" 0 "a password in the connection string is used"
$PGSIFT scan --quiet --catalog "$PGTMP/uri.db" \
    "postgresql://sift_pw:Tr0ub4dor%263x@/shop?host=$PGHOST" 2>"$PGTMP/err.uri"
is "$?" 0 "...and one in a URI"
is "$(sqlite3 "$PGTMP/env.db" "SELECT count(*) FROM classifications
    WHERE type = 'EMAIL_ADDRESS'")" 1 "the column is classified"

found=
for f in "$PGTMP"/err.* "$PGTMP"/*.db; do
	grep -qaF "$secret" "$f" && found="$found ${f##*/}"
	grep -qaF "Tr0ub4dor%263x" "$f" && found="$found ${f##*/}"
done
is "$found" "" "the password is in no output, log or catalog"
is "$(sqlite3 "$PGTMP/str.db" "SELECT target FROM sources")" \
    "host=$PGHOST port=$PGPORT dbname=shop user=sift_pw" \
    "the source recorded for a connection string with a password"

tap_done
