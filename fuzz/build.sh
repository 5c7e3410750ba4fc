#!/bin/sh
# fuzz/build.sh: build the libFuzzer targets of fuzz/ (docs/fuzzing.md)
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer.
#
# Usage: fuzz/build.sh OUTDIR
#
# Compiles the modules (common, classifiers, scanner, catalog) and the few
# files of cli/ the targets need straight from the source tree, without
# configure, into OUTDIR/obj, and links OUTDIR/fuzz-validators,
# fuzz-engine, fuzz-rules, fuzz-sources, fuzz-nodetree and fuzz-lineage. The compiler is $FUZZ_CC,
# else clang, else clang-14; on Debian, libFuzzer comes with
# libclang-rt-14-dev (scripts/deps.sh --test installs both). Exits
# non-zero when a target does not build, 77 when the compiler cannot
# link a fuzzer at all.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: fuzz/build.sh OUTDIR" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
# Objects are made afresh each time, so a changed header is never missed.
rm -rf "$out/obj"
mkdir "$out/obj"

cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
	for c in clang clang-14; do
		if command -v "$c" >/dev/null 2>&1; then
			cc=$c
			break
		fi
	done
fi
if [ -z "$cc" ]; then
	echo "fuzz/build.sh: no clang found (set FUZZ_CC)" >&2
	exit 77
fi

# Any sanitizer report aborts, so that libFuzzer records it as a crash.
san="-fsanitize=address,undefined -fno-sanitize-recover=all
-fno-omit-frame-pointer"
libs_cflags=$(pkg-config --cflags libpcre2-8 libcjson libpq sqlite3)
cflags="-g -O1 -Wall -Wextra $libs_cflags $san"

# Can this compiler link a fuzzer (libFuzzer's runtime installed)?
cat >"$out/obj/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}
EOF
# shellcheck disable=SC2086
if ! "$cc" -fsanitize=fuzzer $san -o "$out/obj/probe" "$out/obj/probe.c" \
    >"$out/obj/probe.log" 2>&1; then
	cat "$out/obj/probe.log" >&2
	echo "fuzz/build.sh: $cc cannot link a libFuzzer target" \
	    "(install libclang-rt-14-dev)" >&2
	exit 77
fi

cd "$top"
targets="validators engine rules sources nodetree lineage"

# The modules go into an archive, from which the linker takes only the
# files a target needs (and the files those need, as they change).
lib=$(ls common/*.c classifiers/*.c scanner/*.c catalog/*.c)
libs=$(pkg-config --libs libpcre2-8 libcjson libpq sqlite3)

# own NAME: the files of target NAME outside the archive.
own() {
	case $1 in
	sources) echo "fuzz/fuzz-sources.c cli/sources.c cli/util.c" ;;
	*) echo "fuzz/fuzz-$1.c" ;;
	esac
}

# obj FILE: the object of source FILE (relative to the top).
obj() {
	echo "$out/obj/$(echo "$1" | tr / -).o"
}

# catalog/write.c records the version from config.h; nothing else
# compiled here needs one.
version=$(sed -n 's/^AC_INIT(\[pgsift\], \[\([^]]*\)\].*/\1/p' configure.ac)
printf '#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n#define PACKAGE_VERSION "%s"\n' \
    "$version" >"$out/obj/config.h"

# Compile every source once, $FUZZ_JOBS (default: the number of CPUs) at
# a time; warnings are errors in fuzz/ only.
all="fuzz/fuzz-util.c $lib"
for t in $targets; do
	all="$all $(own "$t")"
done
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
export cc cflags top out
# shellcheck disable=SC2086,SC2016
printf '%s\n' $all | sort -u | xargs -P "$jobs" -n 1 sh -c '
	case $1 in
	fuzz/*) extra=-Werror ;;
	*) extra= ;;
	esac
	exec $cc $cflags "-I$top" "-I$out/obj" -fsanitize=fuzzer-no-link \
	    $extra -c "$top/$1" -o "$out/obj/$(echo "$1" | tr / -).o"' sh
rm -f "$out/obj/libpgsift-fuzz.a"
# shellcheck disable=SC2046
ar rcs "$out/obj/libpgsift-fuzz.a" $(for f in $lib; do obj "$f"; done)

# Link each target.
for t in $targets; do
	o=$(obj fuzz/fuzz-util.c)
	for f in $(own "$t"); do
		o="$o $(obj "$f")"
	done
	# shellcheck disable=SC2086
	"$cc" -fsanitize=fuzzer $san -o "$out/fuzz-$t" $o \
	    "$out/obj/libpgsift-fuzz.a" $libs -lpthread -lm
	echo "fuzz/build.sh: built $out/fuzz-$t" >&2
done
