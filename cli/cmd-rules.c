/*
 * cli/cmd-rules.c: "pgsift rules list", the classification types this
 * pgsift knows, with what each needs and its default sensitivity.
 */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "classifiers/classifiers.h"
#include "cli/cli.h"

static const char rules_usage[] =
    "Usage: pgsift rules list [--format text|json]\n"
    "\n"
    "List every classification type: its sensitivity, what it needs\n"
    "beyond valid values, and the column-name tokens that count as\n"
    "evidence. The validation of each is described in\n"
    "docs/classification.md.\n";

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
	char   *text;
	size_t	i, k;

	arr = cJSON_CreateArray();
	for (i = 0; i < cls_type_count(); i++) {
		cls_type_describe(i, &t);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", t.id);
		cJSON_AddStringToObject(o, "source", "built-in");
		cJSON_AddStringToObject(o, "sensitivity",
		    cls_sensitivity_name(t.sensitivity));
		cJSON_AddStringToObject(o, "needs", rules_needs(&t));
		cJSON_AddStringToObject(o, "pattern", t.pattern);
		names = cJSON_AddArrayToObject(o, "name_tokens");
		for (k = 0; t.names != NULL && t.names[k] != NULL; k++)
			cJSON_AddItemToArray(names, cJSON_CreateString(t.names[k]));
		cJSON_AddItemToArray(arr, o);
	}
	text = cJSON_Print(arr);
	cJSON_Delete(arr);
	if (text == NULL)
		return CLI_EXIT_INTERNAL;
	puts(text);
	cJSON_free(text);
	return CLI_EXIT_OK;
}

/* "pgsift rules list [--format text|json]". */
int
cmd_rules(int argc, char **argv)
{
	struct cls_type_info t;
	char	tokens[1024];
	size_t	i;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(rules_usage, stdout);
		return CLI_EXIT_OK;
	}
	if (argc < 2 || strcmp(argv[1], "list") != 0)
		return cli_usage_error("rules", argc < 2 ? "no rules command given" :
		    "unknown rules command \"%s\"", argv[1]);
	if (argc == 4 && strcmp(argv[2], "--format") == 0 &&
	    strcmp(argv[3], "json") == 0)
		return rules_json();
	if (!(argc == 2 || (argc == 4 && strcmp(argv[2], "--format") == 0 &&
	    strcmp(argv[3], "text") == 0)))
		return cli_usage_error("rules", "unexpected arguments after list");
	for (i = 0; i < cls_type_count(); i++) {
		cls_type_describe(i, &t);
		rules_tokens(t.names, tokens, sizeof tokens);
		printf("%-45s %-19s built-in  needs %s\n    name tokens: %s\n",
		    t.id, cls_sensitivity_name(t.sensitivity), rules_needs(&t),
		    tokens);
	}
	return CLI_EXIT_OK;
}
