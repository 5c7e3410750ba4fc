/*
 * fuzz/fuzz-util.c: helpers the fuzz targets share: failing on a broken
 * promise, and a private directory for the files of parsers that only
 * read from a path (rules and sources files).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz/fuzz.h"

#define FUZZ_MAX_FILES	8	/* distinct file names one target writes */

static char fuzz_path[4096];		/* the directory, once made */
static char fuzz_file[4096];		/* the last file written */
static char *fuzz_names[FUZZ_MAX_FILES];	/* files to remove at exit */
static size_t fuzz_nnames;

/* Print what broke and abort, so that libFuzzer saves the input. */
void
fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz: broken promise: %s\n", what);
	abort();
}

/*
 * Remove the files written and the directory, at exit. A run that
 * crashes leaves them behind in $TMPDIR, which the test script removes.
 */
static void
fuzz_cleanup(void)
{
	char	path[8192];
	size_t	i;

	for (i = 0; i < fuzz_nnames; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_path, fuzz_names[i]);
		unlink(path);
		free(fuzz_names[i]);
	}
	fuzz_nnames = 0;
	if (fuzz_path[0] != '\0')
		rmdir(fuzz_path);
	fuzz_path[0] = '\0';
}

/* The private directory, made on first use (see fuzz.h). */
const char *
fuzz_dir(void)
{
	const char *tmp;

	if (fuzz_path[0] != '\0')
		return fuzz_path;
	tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(fuzz_path, sizeof fuzz_path, "%s/pgsift-fuzz.XXXXXX", tmp);
	if (mkdtemp(fuzz_path) == NULL) {
		fuzz_path[0] = '\0';
		fuzz_fail("cannot make a directory in $TMPDIR");
	}
	atexit(fuzz_cleanup);
	return fuzz_path;
}

/* Remember name, to be removed at exit, unless already known. */
static void
fuzz_remember(const char *name)
{
	size_t	i;

	for (i = 0; i < fuzz_nnames; i++)
		if (strcmp(fuzz_names[i], name) == 0)
			return;
	if (fuzz_nnames == FUZZ_MAX_FILES)
		fuzz_fail("too many file names in fuzz_write()");
	fuzz_names[fuzz_nnames] = strdup(name);
	if (fuzz_names[fuzz_nnames] == NULL)
		fuzz_fail("out of memory");
	fuzz_nnames++;
}

/* Write a file in the private directory (see fuzz.h). */
const char *
fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	FILE   *f;

	snprintf(fuzz_file, sizeof fuzz_file, "%s/%s", fuzz_dir(), name);
	fuzz_remember(name);
	f = fopen(fuzz_file, "wb");
	if (f == NULL)
		fuzz_fail("cannot write a file in the fuzz directory");
	if ((size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		fuzz_fail("cannot write a file in the fuzz directory");
	return fuzz_file;
}

/* Standard input from /dev/null (see fuzz.h). */
void
fuzz_no_stdin(void)
{
	int	fd = open("/dev/null", O_RDONLY);

	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		fuzz_fail("cannot open /dev/null");
	if (fd != STDIN_FILENO)
		close(fd);
}
