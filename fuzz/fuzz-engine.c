/*
 * fuzz/fuzz-engine.c: the classifier engine on arbitrary columns.
 *
 * An input is text: its first line is the column's data type as
 * format_type() prints it ("text", "jsonb", "text[]", "inet",
 * "numeric(12,2)"...), its second line the column name, and every
 * further line a value (empty lines are NULLs, as "pgsift classify"
 * reads them). The column is built on an engine of the built-in types,
 * fed the values, and decided, and so is every path of a json column.
 * What the decision promises in classifiers.h is checked: likelihoods
 * of POSSIBLE and above, best score first, scores in 0..1, masked
 * examples that fit. The whole text after the two first lines is also
 * walked as one JSON document, and the column name split into tokens.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers-int.h"
#include "fuzz/fuzz.h"

#define FUZZ_FEW	4	/* a result array smaller than the types */

static struct cls_engine *fuzz_engine;
static struct cls_matcher *fuzz_matcher;

/* Build the engine and matcher once; they live until the process ends. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sift_err err;

	(void)argc;
	(void)argv;
	fuzz_engine = cls_engine_new(&err);
	if (fuzz_engine == NULL)
		fuzz_fail(err.msg);
	fuzz_matcher = cls_matcher_new(fuzz_engine);
	return 0;
}

/* Is s[0..size) a NUL-terminated string? */
static bool
fuzz_terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* Check what classifiers.h promises of one decided result. */
static void
fuzz_check_result(const struct cls_result *r)
{
	size_t	i;

	if (r->type >= cls_type_count())
		fuzz_fail("a result's type is past the type table");
	if (r->likelihood < CLS_POSSIBLE || r->likelihood > CLS_VERY_LIKELY)
		fuzz_fail("a result below POSSIBLE or past VERY_LIKELY");
	if (!(r->score >= 0 && r->score <= 1))
		fuzz_fail("a result's score is outside 0..1");
	if (r->nexamples > CLS_MAX_EXAMPLES)
		fuzz_fail("more masked examples than CLS_MAX_EXAMPLES");
	for (i = 0; i < r->nexamples; i++)
		if (!fuzz_terminated(r->examples[i], CLS_EXAMPLE_LEN))
			fuzz_fail("a masked example without its NUL");
	if (!fuzz_terminated(r->name_tokens, sizeof r->name_tokens))
		fuzz_fail("name_tokens without its NUL");
	if (cls_type_id(r->type) == NULL ||
	    cls_likelihood_name(r->likelihood) == NULL)
		fuzz_fail("a result without a type id or likelihood name");
}

/*
 * Decide col twice, into room for every type and into a short array:
 * both best score first, the short one the head of the long one.
 */
static void
fuzz_decide(const struct cls_column *col)
{
	struct cls_result all[CLS_MAX_TYPES], few[FUZZ_FEW];
	size_t	n, k, i;

	n = cls_column_decide(col, all, CLS_MAX_TYPES);
	if (n > cls_type_count())
		fuzz_fail("more results than types");
	for (i = 0; i < n; i++) {
		fuzz_check_result(&all[i]);
		if (i > 0 && all[i].score > all[i - 1].score)
			fuzz_fail("results not in score order");
	}
	k = cls_column_decide(col, few, FUZZ_FEW);
	if (k != (n < FUZZ_FEW ? n : FUZZ_FEW))
		fuzz_fail("a short result array did not get the best results");
	for (i = 0; i < k; i++)
		if (few[i].score != all[i].score)
			fuzz_fail("a short result array lost a better result");
}

/* A JSON leaf: its path must fit, its value must be within bounds. */
static void
fuzz_leaf(void *arg, const char *path, const char *v, size_t len,
    bool number)
{
	size_t	*count = arg;

	(void)number;
	if (strlen(path) >= CLS_JSON_PATH)
		fuzz_fail("a JSON path longer than CLS_JSON_PATH");
	if (len > CLS_MAX_VALUE)
		fuzz_fail("a JSON leaf longer than CLS_MAX_VALUE");
	if (len > 0 && v == NULL)
		fuzz_fail("a JSON leaf without its value");
	(*count)++;
}

/* Split the column name into tokens; they must be lower case and fit. */
static void
fuzz_tokens(const char *name)
{
	char	tokens[CLS_MAX_TOKENS][32];
	size_t	n, i, j;

	n = cls_name_tokens(name, tokens, CLS_MAX_TOKENS);
	if (n > CLS_MAX_TOKENS)
		fuzz_fail("more name tokens than asked for");
	for (i = 0; i < n; i++) {
		if (!fuzz_terminated(tokens[i], sizeof tokens[i]) ||
		    tokens[i][0] == '\0')
			fuzz_fail("a name token empty or without its NUL");
		for (j = 0; tokens[i][j] != '\0'; j++)
			if (tokens[i][j] >= 'A' && tokens[i][j] <= 'Z')
				fuzz_fail("a name token not in lower case");
	}
}

/*
 * The next line of s[*pos..size) without its "\n" (and a "\r" before
 * it) into *line and *len; false at the end.
 */
static bool
fuzz_line(const char *s, size_t size, size_t *pos, const char **line,
    size_t *len)
{
	const char *nl;

	if (*pos >= size)
		return false;
	*line = s + *pos;
	nl = memchr(*line, '\n', size - *pos);
	*len = nl != NULL ? (size_t)(nl - *line) : size - *pos;
	*pos += *len + (nl != NULL);
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return true;
}

/* A C string copy of s[0..len), which the caller frees. */
static char *
fuzz_strndup(const char *s, size_t len)
{
	char   *c = malloc(len + 1);

	if (c == NULL)
		fuzz_fail("out of memory");
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

/* One input: a column (see the file comment). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *line, *path, *full, *type;
	const struct cls_column *pc;
	struct cls_column *col;
	char   *data_type, *name;
	size_t	pos = 0, len, i, leaves = 0;

	if (!fuzz_line(s, size, &pos, &line, &len))
		return 0;
	data_type = fuzz_strndup(line, len);
	if (!fuzz_line(s, size, &pos, &line, &len)) {
		free(data_type);
		return 0;
	}
	name = fuzz_strndup(line, len);
	fuzz_tokens(name);
	(void)cls_json_walk(s + pos, size - pos, fuzz_leaf, &leaves);

	col = cls_column_new(fuzz_engine, name, data_type);
	/* Masked examples for some inputs only: both paths are taken. */
	cls_column_set_examples(col, size % (CLS_MAX_EXAMPLES + 2));
	while (fuzz_line(s, size, &pos, &line, &len))
		if (len > 0)
			cls_column_add(col, fuzz_matcher, line, len);
	fuzz_decide(col);
	if (cls_column_paths(col) > CLS_MAX_PATHS)
		fuzz_fail("more json paths than CLS_MAX_PATHS");
	for (i = 0; i < cls_column_paths(col); i++) {
		pc = cls_column_path(col, i, &path, &full, &type);
		if (pc == NULL || path == NULL || full == NULL || type == NULL)
			fuzz_fail("a json path without its column or names");
		fuzz_decide(pc);
	}
	if (cls_column_path(col, i, &path, &full, &type) != NULL)
		fuzz_fail("a json path past the last one");
	cls_column_free(col);
	free(name);
	free(data_type);
	return 0;
}
