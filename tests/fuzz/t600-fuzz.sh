#!/bin/bash
# t600-fuzz: the libFuzzer targets of fuzz/ (docs/fuzzing.md), built with
# clang, AddressSanitizer and UndefinedBehaviorSanitizer by fuzz/build.sh,
# each run for 10 seconds on a copy of its seed corpus (fuzz/corpus/NAME),
# so the tree is never written to. A crash, a leak, a sanitizer report,
# a timeout or a run that never finishes fails the target's check, with
# the report as diagnostics. Skips when clang or libFuzzer's runtime is
# missing (scripts/deps.sh --test installs them). Needs no database.
. "$top_srcdir/tests/lib/tap.sh"

# Fuzzed for $FUZZ_SECONDS (default 10) each.
targets="validators engine rules sources nodetree lineage"
seconds=${FUZZ_SECONDS:-10}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgsift-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

sh "$top_srcdir/fuzz/build.sh" "$tmp/bin" >"$tmp/build.log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
	echo "1..0 # SKIP no clang that links libFuzzer targets"
	exit 0
fi
ok $rc "fuzz/build.sh builds every target"
if [ $rc -ne 0 ]; then
	diag "$(tail -n 30 "$tmp/build.log")"
	tap_done
	exit 1
fi

# fuzz_log NAME: the report of a failed run, for diag.
fuzz_log() {
	local log=$tmp/$1.log
	if grep -q '^==[0-9]*==\|runtime error\|broken promise' "$log"; then
		sed -n '/^==[0-9]*==\|runtime error\|broken promise/,$p' "$log" |
		    head -n 40
	else
		tail -n 20 "$log"
	fi
	for f in "$tmp/crash-$1-"*; do
		[ -f "$f" ] && echo "input (hex): $(od -An -tx1 -v "$f" |
		    tr -d ' \n' | head -c 400)"
	done
}

# fuzz_run NAME: fuzz target NAME on a copy of its corpus, in its own
# directory and with $TMPDIR inside ours, so that whatever a run leaves
# behind goes with the trap. Its exit status goes to $tmp/NAME.rc.
fuzz_run() {
	mkdir "$tmp/corpus-$1" "$tmp/run-$1" &&
	    cp "$top_srcdir/fuzz/corpus/$1/"* "$tmp/corpus-$1/" &&
	    (cd "$tmp/run-$1" && TMPDIR=$tmp/run-$1 "$tmp/bin/fuzz-$1" \
	    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 \
	    -artifact_prefix="$tmp/crash-$1-" "$tmp/corpus-$1" \
	    </dev/null >"$tmp/$1.log" 2>&1)
	echo $? >"$tmp/$1.rc"
}

# $FUZZ_PARALLEL (default 2) targets at a time: each still gets about a
# core of a two-core machine, and the test takes half as long.
parallel=${FUZZ_PARALLEL:-2}
n=0
for t in $targets; do
	fuzz_run "$t" &
	n=$((n + 1))
	[ $((n % parallel)) -eq 0 ] && wait
done
wait

for t in $targets; do
	rc=$(cat "$tmp/$t.rc")
	# A clean run exits 0 and says how many inputs it ran.
	runs=$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' "$tmp/$t.log")
	if [ "$rc" -eq 0 ] && [ -n "$runs" ] &&
	    ! grep -q '^==[0-9]*==ERROR\|runtime error' "$tmp/$t.log"; then
		ok 0 "fuzz-$t: ${seconds}s, $runs inputs, no crash, leak or sanitizer report"
	else
		ok 1 "fuzz-$t: ${seconds}s with no crash, leak or sanitizer report"
		diag "exit status $rc"
		diag "$(fuzz_log "$t")"
	fi
done

tap_done
