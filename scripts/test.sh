#!/bin/sh
# scripts/test.sh: build pgsift with warnings as errors, AddressSanitizer
# and UndefinedBehaviorSanitizer, and run the whole test suite against a
# real PostgreSQL server that the tests start themselves.
#
# Usage: scripts/test.sh
#
# Installs missing Debian packages first (scripts/deps.sh). Builds out of
# tree in _build/check, runs make check (one line per check), then make
# distcheck (the release tarball builds and passes its tests). With CI=true, a missing PostgreSQL server fails the
# suite instead of skipping the tests that need one.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

"$top/scripts/deps.sh" --test
[ "${CI:-}" = true ] && export PGSIFT_REQUIRE_PG=1

./autogen.sh >/dev/null 2>&1 || ./autogen.sh
mkdir -p _build/check
cd _build/check
if [ ! -f Makefile ]; then
	"$top/configure" --enable-debug --enable-sanitizers >configure.out 2>&1 ||
	    { cat configure.out; exit 1; }
fi
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" >make.out 2>&1 || { cat make.out; exit 1; }
# One line per check; on failure, the logs of the failing tests.
status=0
make -j"$jobs" check || status=$?
count() { sed -n "s/^# $1: *//p" test-suite.log 2>/dev/null | head -n 1; }
if [ $status -ne 0 ]; then
	for f in $(find . -name '*.log' ! -name 'test-suite.log' ! -name 'config.log'); do
		if grep -q '^not ok\|^Bail out\|ERROR' "$f" 2>/dev/null; then
			echo "==== $f"
			cat "$f"
		fi
	done
fi
summary="$(count PASS) passed, $(( $(count FAIL) + $(count ERROR) + $(count XPASS) )) failed, $(count SKIP) skipped"
# The release tarball must build and pass the unit and integration tests
# on its own too.
if [ $status -eq 0 ]; then
	make distcheck >distcheck.out 2>&1 || {
		tail -n 40 distcheck.out
		echo "make distcheck failed"
		status=1
	}
fi
echo "tests: $summary"
exit $status
