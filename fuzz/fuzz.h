/*
 * fuzz/fuzz.h: what the libFuzzer targets in fuzz/ share (docs/fuzzing.md).
 *
 * Each target is one program built by fuzz/build.sh with clang's
 * -fsanitize=fuzzer,address,undefined. libFuzzer calls its
 * LLVMFuzzerTestOneInput() once per input; a sanitizer report, a leak or
 * an abort() is a crash, which libFuzzer saves as crash-<sha1>.
 */
#ifndef PGSIFT_FUZZ_H
#define PGSIFT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry points, defined once by each target. */
int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Report a broken promise of the code under test (what, one line) on
 * stderr and abort(), which libFuzzer records as a crash.
 */
void	fuzz_fail(const char *what) __attribute__((noreturn));

/*
 * A private directory for the target's files, made on first use under
 * $TMPDIR (or /tmp) and removed at exit. Returns its path (static), or
 * aborts when it cannot be made.
 */
const char *fuzz_dir(void);

/*
 * Write data[0..size) to the file name inside fuzz_dir(), replacing it.
 * Returns the file's full path (static, overwritten by the next call),
 * or aborts when the file cannot be written.
 */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

/*
 * Make standard input /dev/null, so that code reading a file named by
 * the input ("/dev/stdin", "/proc/self/fd/0") sees an empty file instead
 * of waiting for a terminal.
 */
void	fuzz_no_stdin(void);

#endif /* PGSIFT_FUZZ_H */
