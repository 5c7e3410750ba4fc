#!/bin/bash
# t230-tls: the transport policy on a real server. Local sockets and
# loopback may go without TLS; any other host needs it unless
# --allow-insecure. The server listens on 127.0.0.1 with a certificate
# for db.example.test from a certificate authority this test makes;
# "host=db.example.test hostaddr=127.0.0.1" is a remote host by name. The
# catalog and the report say how each database was reached.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
command -v openssl >/dev/null || { echo "1..0 # SKIP no openssl"; exit 0; }
pgtmp_start 5230
pgtmp_createdb plain
pgtmp_createdb secure
for db in plain secure; do
	pgtmp_psql $db -q -c "CREATE TABLE people (id int, email text);
	    INSERT INTO people SELECT i, 'p' || i || '@example.com'
	    FROM generate_series(1, 50) i"
done

# A certificate authority, and the server's certificate from it.
tls=$PGTMP/tls
mkdir "$tls"
(
	cd "$tls" || exit 1
	openssl req -new -x509 -days 2 -nodes -subj "/CN=pgsift test CA" \
	    -keyout ca.key -out ca.crt
	openssl req -new -nodes -subj "/CN=db.example.test" \
	    -keyout server.key -out server.csr
	printf 'subjectAltName=DNS:db.example.test\n' >san.ext
	openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key \
	    -CAcreateserial -days 2 -extfile san.ext -out server.crt
) >"$PGTMP/openssl.log" 2>&1 || { echo "Bail out! openssl failed"; exit 1; }
data=$pgtmp_dir/data
cp "$tls/server.crt" "$tls/server.key" "$data/"
chmod 600 "$data/server.key"
[ "$(id -u)" = 0 ] && chown postgres "$data/server.crt" "$data/server.key"
# plain: only without TLS; secure: only with it.
cat >"$data/pg_hba.conf" <<'EOF'
local all all trust
hostnossl plain all 127.0.0.1/32 trust
hostssl secure all 127.0.0.1/32 trust
EOF
pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -w -D "$data" -m fast stop >/dev/null
# A TCP port nobody listens on: another run of this test, or anything
# else on the machine, may hold 5230.
for port in $PGPORT $(shuf -i 20000-60000 -n 40); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
export PGPORT=$port
pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -w -t 60 -D "$data" \
    -l "$data/server.log" -o "-k $pgtmp_dir -c listen_addresses=127.0.0.1 \
    -c fsync=off -p $PGPORT -c ssl=on -c ssl_cert_file=server.crt \
    -c ssl_key_file=server.key" start >/dev/null ||
    { echo "Bail out! the server did not restart with TLS"; exit 1; }

remote="host=db.example.test hostaddr=127.0.0.1 port=$PGPORT user=pgsift"
scan() {
	local cat=$1
	shift
	$PGSIFT scan -j 1 --catalog "$PGTMP/$cat.db" "$@" \
	    2>"$PGTMP/$cat.err" >/dev/null
}
conn() {
	$PGSIFT report --catalog "$PGTMP/$1.db" |
	    jq -r ".connections[0] | $2"
}

scan sock dbname=plain
is "$?" 0 "a local socket needs no TLS"
is "$(conn sock '"\(.transport) \(.tls) \(.warning)"')" "local false null" \
    "...and is recorded as local, without TLS, with nothing to flag"

scan lo "host=127.0.0.1 port=$PGPORT dbname=plain sslmode=disable"
is "$?" 0 "a loopback address may go without TLS"
scan lo2 "host=localhost hostaddr=127.0.0.1 port=$PGPORT dbname=plain sslmode=disable"
is "$?" 0 "...and so may localhost"

scan refused "$remote dbname=plain sslmode=disable"
ok $((! $?)) "a remote name without TLS is refused"
grep -q "refusing to connect to db.example.test without TLS (sslmode=disable).*--allow-insecure" \
    "$PGTMP/refused.err"
ok $? "...saying why and what lifts it"
[ ! -s "$PGTMP/refused.db" ]
ok $? "...before anything is written"

scan byaddr "host=localhost hostaddr=192.0.2.1 port=$PGPORT dbname=plain sslmode=disable"
ok $((! $?)) "a local name with a remote address (hostaddr) is remote"
grep -q "refusing to connect to localhost without TLS" "$PGTMP/byaddr.err"
ok $? "...and refused without TLS"
scan second "hostaddr=127.0.0.1,192.0.2.1 port=$PGPORT dbname=plain sslmode=disable"
ok $((! $?)) "every address of a list is judged, not only the first"
grep -q "refusing to connect" "$PGTMP/second.err"
ok $? "...a remote second address is refused"
scan hosts "host=localhost,db.example.test hostaddr=127.0.0.1,127.0.0.1 port=$PGPORT dbname=plain sslmode=disable"
ok $((! $?)) "...and so is a remote second host name"

scan insecure --allow-insecure "$remote dbname=plain sslmode=disable"
is "$?" 0 "--allow-insecure lets it through"
is "$(conn insecure '"\(.host) \(.transport) \(.tls)"')" \
    "db.example.test network false" "...recorded as network, without TLS"
is "$(conn insecure .warning)" "reached over the network without TLS" \
    "...and flagged in the report"
grep -q "without TLS (--allow-insecure)" "$PGTMP/insecure.err"
ok $? "...with a warning as it happens"

scan upgraded "$remote dbname=plain"
ok $((! $?)) "libpq's default (prefer) to a remote name becomes require: a server without TLS fails"
grep -q "pgsift requires TLS" "$PGTMP/upgraded.err"
ok $? "...saying that pgsift required it"

scan req "$remote dbname=secure"
is "$?" 0 "the same default reaches a server with TLS"
is "$(conn req '"\(.tls) \(.server_verified)"')" "true none" \
    "...encrypted, the certificate unverified"
is "$(conn req .warning)" \
    "the server's certificate was not verified (sslmode=verify-full verifies it)" \
    "...which the report flags"

scan full "$remote dbname=secure sslmode=verify-full sslrootcert=$tls/ca.crt"
is "$?" 0 "verify-full with the authority's certificate connects"
is "$(conn full '"\(.tls) \(.server_verified) \(.warning)"')" "true full null" \
    "...verified in full, nothing to flag"
like=$(conn full .tls_version)
[[ "$like" =~ ^TLSv1\.[23]$ ]]
ok $? "...with the protocol version recorded ($like)"
[ -n "$(conn full .tls_cipher)" ]
ok $? "...and the cipher"
is "$(sqlite3 "$PGTMP/full.db" "SELECT tls || server_verified FROM connections")" \
    "1full" "the catalog keeps it (connections)"
$PGSIFT report --catalog "$PGTMP/full.db" --output "$PGTMP/full.json"
/usr/bin/python3 "$top_srcdir/tests/lib/validate-json.py" \
    "$top_srcdir/docs/report.schema.json" "$PGTMP/full.json" >/dev/null 2>&1
ok $? "the report with its connections follows the schema"

scan wrong "host=other.example.test hostaddr=127.0.0.1 port=$PGPORT user=pgsift dbname=secure sslmode=verify-full sslrootcert=$tls/ca.crt"
is "$?" 3 "verify-full refuses a certificate for another name"
grep -q 'server certificate for "db.example.test".*does not match host name "other.example.test"' \
    "$PGTMP/wrong.err"
ok $? "...saying the name does not match"

# sslmode=require verifies the chain when a root certificate exists.
scan reqca "$remote dbname=secure sslmode=require sslrootcert=$tls/ca.crt"
is "$?" 0 "require with a root certificate connects"
is "$(conn reqca .server_verified)" ca \
    "...and is recorded as verified up to the authority, as libpq did"
scan verca "$remote dbname=secure sslmode=verify-ca sslrootcert=$tls/ca.crt"
is "$? $(conn verca .server_verified)" "0 ca" "verify-ca is recorded as ca"

$PGSIFT report --catalog "$PGTMP/insecure.db" --format html \
    --output "$PGTMP/insecure.html"
grep -q 't-connections' "$PGTMP/insecure.html"
ok $? "the HTML report has the connections table"
tap_done
