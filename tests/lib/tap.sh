# tests/lib/tap.sh: TAP output for the shell tests in tests/pg.
#
#   ok COND_EXIT_STATUS "what it checks"   (e.g. ok $? "...")
#   check "what it checks" CMD ARGS...     runs CMD, ok when it exits 0
#   is GOT WANT "what it checks"           string comparison
#   skip "why"                             a check that could not run
#   diag "text"
#   tap_done                               prints the plan; exit status

tap_n=0
tap_failed=0

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

check() {
	local what=$1
	shift
	"$@" >/dev/null 2>&1
	ok $? "$what"
}

is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "    got: '$1'"
		diag "    expected: '$2'"
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
