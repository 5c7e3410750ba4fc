#!/bin/sh
# scripts/deps.sh: install, with apt-get, whatever pgsift needs to build,
# test and run its demo that this Debian machine does not have yet.
#
# Usage: scripts/deps.sh [--test]
#
# --test also installs what only the test suite needs: Debian's chromium,
# in which a test renders the HTML report, and python3-jsonschema, which
# checks the JSON report against its schema, GNU time, with which a test
# measures peak memory, and clang-14 with libclang-rt-14-dev (libFuzzer's
# runtime, only recommended by clang), which build the fuzz targets.
#
# Needs root (or sudo) only when something is missing. Safe to run again:
# it installs nothing when everything is there.
set -eu

packages="build-essential autoconf automake pkg-config
libpq-dev libpcre2-dev libsqlite3-dev libcjson-dev
postgresql postgresql-client sqlite3 jq"
[ "${1:-}" = --test ] && packages="$packages chromium python3-jsonschema time
clang-14 libclang-rt-14-dev"

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1; then
	as_root=sudo
else
	echo "deps.sh: these packages are missing and I am not root:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
