/*
 * fuzz/fuzz-rules.c: the rules-file loader (classifiers/rules.c,
 * docs/rules.md) on arbitrary files.
 *
 * cls_rules_load() reads rules files by path, so each input is written
 * to rules.json in a private directory, next to a dictionary file
 * (departments.txt) that inputs may name in "dictionary_file". A file
 * that loads is then put to work: an engine is built over the new type
 * table, a few columns are classified with it, and the table is reset.
 * A file that does not load must leave one line of error and the
 * built-in table in use, as classifiers.h promises.
 */
#include <stdbool.h>
#include <string.h>

#include "classifiers/classifiers-int.h"
#include "fuzz/fuzz.h"

/* Columns classified with a table that loaded: name and values. */
static const struct {
	const char *name;
	const char *type;
	const char *values[6];
} fuzz_columns[] = {
	{ "emp_no", "text", { "E-000123", "E-004711", "E-123456", "x",
	    "E-000123", NULL } },
	{ "department", "character varying(32)", { "Finance", "legal",
	    "SALES", "Research", "Caf\xc3\xa9", NULL } },
	{ "loyalty", "bigint", { "079927398713", "4111111111111111", "12",
	    NULL } },
	{ "contact_email", "text", { "bob@example.com", "ann@example.org",
	    "male", "female", NULL } },
};

/* The dictionary file inputs may name, and standard input shut. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char dict[] = "# departments\nFinance\nResearch\n"
	    "Sales\n\nLegal  \n";

	(void)argc;
	(void)argv;
	fuzz_no_stdin();
	(void)fuzz_write("departments.txt", (const uint8_t *)dict,
	    sizeof dict - 1);
	return 0;
}

/* The table that loaded: describe it and classify the columns above. */
static void
fuzz_use_table(void)
{
	struct cls_result r[CLS_MAX_TYPES];
	struct cls_type_info info;
	struct cls_engine *engine;
	struct cls_matcher *m;
	struct cls_column *col;
	struct sift_err err;
	size_t	i, k, n;

	if (cls_type_count() < cls_builtin_count() ||
	    cls_type_count() > CLS_MAX_TYPES)
		fuzz_fail("a loaded table of an impossible size");
	for (i = 0; i < cls_type_count(); i++) {
		cls_type_describe(i, &info);
		if (info.id == NULL || info.pattern == NULL ||
		    cls_type_find(info.id) != (int)i)
			fuzz_fail("a loaded type without its id or pattern");
	}
	(void)cls_ruleset_fingerprint();
	/* The loader checked every pattern: the engine must build. */
	engine = cls_engine_new(&err);
	if (engine == NULL)
		fuzz_fail("no engine from a rules file that loaded");
	m = cls_matcher_new(engine);
	for (i = 0; i < sizeof fuzz_columns / sizeof fuzz_columns[0]; i++) {
		col = cls_column_new(engine, fuzz_columns[i].name,
		    fuzz_columns[i].type);
		for (k = 0; fuzz_columns[i].values[k] != NULL; k++)
			cls_column_add(col, m, fuzz_columns[i].values[k],
			    strlen(fuzz_columns[i].values[k]));
		n = cls_column_decide(col, r, CLS_MAX_TYPES);
		for (k = 0; k < n; k++)
			if (r[k].type >= cls_type_count())
				fuzz_fail("a result's type is past the table");
		cls_column_free(col);
	}
	cls_matcher_free(m);
	cls_engine_free(engine);
}

/* One input: a rules file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sift_err err;
	const char *path;

	memset(&err, 0, sizeof err);
	path = fuzz_write("rules.json", data, size);
	if (cls_rules_load(&path, 1, &err))
		fuzz_use_table();
	else {
		if (err.msg[0] == '\0' || strchr(err.msg, '\n') != NULL)
			fuzz_fail("a rules error that is not one line");
		if (cls_type_count() != cls_builtin_count())
			fuzz_fail("a bad rules file left its types in use");
	}
	cls_rules_reset();
	if (cls_type_count() != cls_builtin_count())
		fuzz_fail("cls_rules_reset() left custom types in use");
	return 0;
}
