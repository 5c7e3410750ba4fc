#!/bin/sh
# scripts/demo.sh: the pgsift demo, from nothing to a report.
#
# Usage: scripts/demo.sh [OUTPUT_DIR]
#
# Installs missing Debian packages (scripts/deps.sh), builds pgsift in
# _build/demo, starts a throw-away PostgreSQL cluster in a temporary
# directory (as the postgres user when run as root), loads the demo
# estate that demo/estate.sql generates (a fake online shop: customers,
# payments, employees, support tickets, logs, credentials and plain
# business tables; about 680,000 rows), scans it,
# writes the catalog, report.html and report.json into OUTPUT_DIR (default
# demo-out),
# prints a summary, and stops and removes the cluster.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-demo-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)

"$top/scripts/deps.sh"

echo "demo: building pgsift" >&2
(cd "$top" && { ./autogen.sh >/dev/null 2>&1 || ./autogen.sh; })
mkdir -p "$top/_build/demo"
(
	cd "$top/_build/demo"
	[ -f Makefile ] || "$top/configure" >configure.out 2>&1 ||
	    { cat configure.out; exit 1; }
	make -j"$(nproc 2>/dev/null || echo 2)" pgsift >make.out 2>&1 ||
	    { cat make.out; exit 1; }
)
pgsift=$top/_build/demo/pgsift

# A throw-away cluster listening only on a socket in its own directory.
. "$top/tests/lib/pgtmp.sh"
pgtmp_start 54329

echo "demo: generating the demo estate (database demo)" >&2
pgtmp_createdb demo "$top/demo/estate.sql"

echo "demo: scanning" >&2
rm -f "$out/pgsift.db" "$out/pgsift.db-wal" "$out/pgsift.db-shm"
rc=0
"$pgsift" scan --catalog "$out/pgsift.db" "dbname=demo" || rc=$?
# 0 is a complete scan, 4 a partial one (the demo has an unpopulated
# materialized view on purpose); anything else is a failure.
if [ $rc -ne 0 ] && [ $rc -ne 4 ]; then
	echo "demo: pgsift scan failed with status $rc" >&2
	exit $rc
fi
"$pgsift" report --format json --catalog "$out/pgsift.db" \
    --output "$out/report.json"
"$pgsift" report --format html --catalog "$out/pgsift.db" \
    --output "$out/report.html"

echo
echo "Not sampled:"
jq -r '[.columns[] | select(.skipped) |
    "  " + .schema + "." + .table + ": " + .skipped] | unique | .[]' \
    "$out/report.json"
echo
echo "demo: wrote $out/report.html, $out/report.json and the catalog $out/pgsift.db"
