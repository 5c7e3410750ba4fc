/*
 * cli/cmd-rules.c: "pgsift rules list", the classification types this
 * pgsift knows, with what each needs and its default sensitivity.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "classifiers/classifiers.h"
#include "cli/cli.h"

static const char rules_usage[] =
    "Usage: pgsift rules list [--rules FILE]... [--format text|json]\n"
    "       pgsift rules check FILE...\n"
    "\n"
    "list: every classification type, built-in and from rules files: its\n"
    "sensitivity, where it comes from, what it needs beyond valid values,\n"
    "and the column-name tokens that count as evidence. The validation of\n"
    "each built-in type is described in docs/classification.md.\n"
    "\n"
    "check: load rules files (docs/rules.md) and compile their patterns;\n"
    "print what they define, or the first error with its file, line and\n"
    "column or JSON path. Exit status 0 when they are good, 2 if not.\n";

/* What a type needs, in words. */
static const char *
rules_needs(const struct cls_type_info *t)
{
	if (t->needs_name)
		return "values and its column name";
	if (t->name_enough)
		return "valid values, or its column name";
	if (t->weak)
		return "its column name, or a distinctive form";
	return "valid values";
}

/* The name tokens joined by ", ", into out. */
static void
rules_tokens(const char *const *names, char *out, size_t size)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; names != NULL && names[i] != NULL && len + 1 < size; i++) {
		snprintf(out + len, size - len, "%s%s", i ? ", " : "", names[i]);
		len = strlen(out);
	}
}

/* Print the types as a JSON array. */
static int
rules_json(void)
{
	struct cls_type_info t;
	cJSON  *arr, *o, *names;
	size_t	i, k;

	arr = cJSON_CreateArray();
	for (i = 0; i < cls_type_count(); i++) {
		cls_type_describe(i, &t);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", t.id);
		cJSON_AddStringToObject(o, "source", t.source == NULL ?
		    "built-in" : t.source);
		cJSON_AddBoolToObject(o, "enabled", !t.disabled);
		if (t.description != NULL)
			cJSON_AddStringToObject(o, "description", t.description);
		if (t.name_pattern != NULL)
			cJSON_AddStringToObject(o, "column_name_pattern",
			    t.name_pattern);
		if (t.min_share > 0)
			cJSON_AddNumberToObject(o, "min_share", t.min_share);
		if (t.min_distinct > 0)
			cJSON_AddNumberToObject(o, "min_distinct",
			    (double)t.min_distinct);
		if (t.dictionary > 0)
			cJSON_AddNumberToObject(o, "dictionary_entries",
			    (double)t.dictionary);
		cJSON_AddStringToObject(o, "sensitivity",
		    cls_sensitivity_name(t.sensitivity));
		cJSON_AddStringToObject(o, "needs", rules_needs(&t));
		cJSON_AddStringToObject(o, "pattern", t.pattern);
		names = cJSON_AddArrayToObject(o, "name_tokens");
		for (k = 0; t.names != NULL && t.names[k] != NULL; k++)
			cJSON_AddItemToArray(names, cJSON_CreateString(t.names[k]));
		cJSON_AddItemToArray(arr, o);
	}
	return cli_print_json(arr);
}

/* How many built-in types a rules file changed. */
static size_t
rules_changed(void)
{
	struct cls_type_info t;
	size_t	i, n = 0;

	for (i = 0; i < cls_builtin_count(); i++) {
		cls_type_describe(i, &t);
		if (t.source != NULL)
			n++;
	}
	return n;
}

/* Print the types as text, two lines each. */
static int
rules_text(void)
{
	struct cls_type_info t;
	char	tokens[1024], source[512];
	size_t	i;

	for (i = 0; i < cls_type_count(); i++) {
		cls_type_describe(i, &t);
		rules_tokens(t.names, tokens, sizeof tokens);
		if (t.source == NULL)
			snprintf(source, sizeof source, "built-in");
		else if (i < cls_builtin_count())
			snprintf(source, sizeof source, "built-in, changed by %s",
			    t.source);
		else
			snprintf(source, sizeof source, "%s", t.source);
		printf("%-45s %-19s %s%s  needs %s\n", t.id,
		    cls_sensitivity_name(t.sensitivity), source,
		    t.disabled ? ", DISABLED" : "", rules_needs(&t));
		if (t.description != NULL)
			printf("    %s\n", t.description);
		if (t.min_share > 0 || t.min_distinct > 0)
			printf("    thresholds: min_share %.2f, min_distinct %zu\n",
			    t.min_share, t.min_distinct);
		if (t.dictionary > 0)
			printf("    dictionary: %zu entries\n", t.dictionary);
		if (t.name_pattern != NULL)
			printf("    column names matching: %s\n", t.name_pattern);
		else
			printf("    name tokens: %s\n", tokens[0] ? tokens :
			    "(none)");
	}
	return CLI_EXIT_OK;
}

/* Load the rules files, then make an engine to compile every pattern. */
static int
rules_load(const char *const *files, size_t n)
{
	struct cls_engine *engine;
	struct sift_err err;

	if (n > 0 && !cls_rules_load(files, n, &err))
		return cli_fail(&err);
	engine = cls_engine_new(&err);
	if (engine == NULL) {
		cls_rules_reset();
		return cli_fail(&err);
	}
	cls_engine_free(engine);
	return CLI_EXIT_OK;
}

/* "pgsift rules check FILE...". */
static int
rules_check(int argc, char **argv)
{
	size_t	before = cls_type_count(), i;
	int	rc;

	if (argc < 1)
		return cli_usage_error("rules", "check needs a rules file");
	for (i = 0; i < (size_t)argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("rules", "unknown option \"%s\"",
			    argv[i]);
	rc = rules_load((const char *const *)argv, (size_t)argc);
	if (rc != CLI_EXIT_OK)
		return rc;
	printf("%d rules file%s good: %zu custom type%s, %zu built-in type%s "
	    "changed\n", argc, argc == 1 ? "" : "s", cls_type_count() - before,
	    cls_type_count() - before == 1 ? "" : "s", rules_changed(),
	    rules_changed() == 1 ? "" : "s");
	cls_rules_reset();
	return CLI_EXIT_OK;
}

/* "pgsift rules list [--rules FILE]... [--format text|json]". */
static int
rules_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *files[16];
	size_t	n = 0;
	bool	json = false;
	int	c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":r:f:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (n == sizeof files / sizeof files[0])
				return cli_usage_error("rules",
				    "at most 16 rules files");
			files[n++] = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage_error("rules",
				    "unknown format \"%s\"", optarg);
			break;
		case ':':
			return cli_usage_error("rules",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("rules", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("rules", "unexpected argument \"%s\"",
		    argv[optind]);
	rc = rules_load(files, n);
	if (rc != CLI_EXIT_OK)
		return rc;
	rc = json ? rules_json() : rules_text();
	cls_rules_reset();
	return rc;
}

/* "pgsift rules list|check ...". */
int
cmd_rules(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(rules_usage, stdout);
		return CLI_EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return rules_list(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return rules_check(argc - 2, argv + 2);
	return cli_usage_error("rules", argc < 2 ? "no rules command given" :
	    "unknown rules command \"%s\"", argv[1]);
}
