/*
 * tests/unit/classifiers/test-vectors.c: every line of every
 * tests/vectors/<TYPE>.txt file, one check each: "+ VALUE" must pass
 * cls_value_check() for TYPE, "- VALUE" must not. Every type in the table
 * must have a vectors file, and every file must name a known type.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers.h"
#include "tests/lib/tap.h"

/*
 * Cut a vectors line to its value: after "+ " or "- ", up to two or more
 * spaces followed by "#", or the end of the line. Returns the value's
 * length and sets *value.
 */
static size_t
vector_value(char *line, char **value)
{
	char   *end, *hash;

	end = line + strcspn(line, "\r\n");
	*end = '\0';
	*value = line + 2;
	hash = strstr(*value, "  #");
	if (hash != NULL) {
		end = hash;
		while (end > *value && end[-1] == ' ')
			end--;
	}
	return (size_t)(end - *value);
}

/* Check every vector of one file; returns how many lines it checked. */
static int
vectors_file(const struct cls_engine *e, struct cls_matcher *m,
    const char *dir, const char *file)
{
	char	path[1024], type_id[128], line[1024];
	char   *value;
	size_t	len;
	int	type, n = 0, lineno = 0;
	FILE   *f;

	snprintf(type_id, sizeof type_id, "%.*s", (int)(strlen(file) - 4), file);
	type = cls_type_find(type_id);
	if (!tap_ok(type >= 0, "%s names a type in the table", file))
		return 0;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!tap_ok(f != NULL, "%s can be read", path))
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		bool	want, got;

		lineno++;
		if ((line[0] != '+' && line[0] != '-') || line[1] != ' ')
			continue;
		want = line[0] == '+';
		len = vector_value(line, &value);
		got = cls_value_check(e, m, (size_t)type, value, len, NULL);
		tap_ok(got == want, "%s:%d %s \"%.*s\"", file, lineno,
		    want ? "accepts" : "rejects", (int)len, value);
		n++;
	}
	fclose(f);
	tap_ok(n >= 10, "%s has at least 10 vectors (%d)", file, n);
	return n;
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	struct cls_engine *e;
	struct cls_matcher *m;
	struct sift_err err;
	struct dirent *de;
	char	dir[1024], seen[64] = { 0 };
	size_t	i;
	DIR    *d;

	snprintf(dir, sizeof dir, "%s/tests/vectors", top ? top : ".");
	e = cls_engine_new(&err);
	if (!tap_ok(e != NULL, "the engine compiles every pattern"))
		return tap_done();
	m = cls_matcher_new(e);
	d = opendir(dir);
	if (!tap_ok(d != NULL, "%s can be opened", dir))
		return tap_done();
	while ((de = readdir(d)) != NULL) {
		size_t	len = strlen(de->d_name);
		int	type;
		char	id[128];

		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		snprintf(id, sizeof id, "%.*s", (int)(len - 4), de->d_name);
		type = cls_type_find(id);
		if (type >= 0 && (size_t)type < sizeof seen)
			seen[type] = 1;
		vectors_file(e, m, dir, de->d_name);
	}
	closedir(d);
	for (i = 0; i < cls_type_count(); i++)
		tap_ok(seen[i], "type %s has a vectors file", cls_type_id(i));
	cls_matcher_free(m);
	cls_engine_free(e);
	return tap_done();
}
