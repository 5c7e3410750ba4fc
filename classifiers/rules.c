/*
 * classifiers/rules.c: rules files (docs/rules.md), which add custom
 * types and turn built-in ones off or change their thresholds.
 *
 * Loading builds a new type table, the built-in rows first (with their
 * overrides) and the custom rows after them, checks every pattern with
 * PCRE2, and only then installs the table: a bad file leaves the built-in
 * table in use. Errors name the file, and a line and column for JSON
 * syntax or the JSON path ("rules[2].pattern") for everything else.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <pcre2.h>

#include "common/buf.h"
#include "common/jsonpos.h"
#include "common/xmalloc.h"
#include "classifiers/classifiers-int.h"

#define RULES_MAX_FILE	(16u << 20)	/* a rules or dictionary file */
#define RULES_MAX_DICT	1000000		/* entries in one dictionary */
#define RULES_DISTINCT_MAX 768		/* what column.c counts exactly */

/* Everything a loaded table owns, freed by cls_rules_reset(). */
static struct cls_type_def *rules_table;
static void **rules_owned;
static size_t rules_nowned;

/* Remember p, to be freed with the table; returns p. */
static void *
rules_keep(void *p)
{
	rules_owned = xreallocarray(rules_owned, rules_nowned + 1,
	    sizeof *rules_owned);
	rules_owned[rules_nowned++] = p;
	return p;
}

/* Validators a rule may name, and the functions behind them. */
static const struct {
	const char *name;
	bool	(*fn)(const char *s, size_t len);
} rules_validators[] = {
	{ "luhn", cls_luhn },
	{ "email", cls_valid_email },
	{ "phone", cls_valid_phone },
	{ "credit_card", cls_valid_card },
	{ "iban", cls_valid_iban },
	{ "swift", cls_valid_swift },
	{ "us_ssn", cls_valid_us_ssn },
	{ "us_itin", cls_valid_us_itin },
	{ "us_aba", cls_valid_us_aba },
	{ "us_ein", cls_valid_us_ein },
	{ "uk_nino", cls_valid_uk_nino },
	{ "uk_nhs", cls_valid_uk_nhs },
	{ "ca_sin", cls_valid_ca_sin },
	{ "ip", cls_valid_ip },
	{ "mac", cls_valid_mac },
	{ "birth_date", cls_valid_birth_date },
	{ "gender", cls_valid_gender },
	{ "person_name", cls_valid_person_name },
	{ "street_address", cls_valid_street_address },
	{ "password", cls_valid_password },
	{ "token", cls_valid_token },
};

/* The names of the validators, for "pgsift rules list" and errors. */
const char *
cls_rules_validator_name(size_t i)
{
	return i < sizeof rules_validators / sizeof rules_validators[0] ?
	    rules_validators[i].name : NULL;
}

/* Set err to "PATH: WHERE: message". */
static bool
rules_fail(struct sift_err *err, const char *path, const char *where,
    const char *msg)
{
	sift_err_set(err, SIFT_E_RULES, "%s: %s: %s", path, where, msg);
	return false;
}

/* Compile pattern with PCRE2 to check it; false with err on failure. */
static bool
rules_check_pattern(const char *path, const char *where, const char *pattern,
    uint32_t options, struct sift_err *err)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *code;
	int	rc;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    options, &rc, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(rc, msg, sizeof msg);
		sift_err_set(err, SIFT_E_RULES,
		    "%s: %s: bad pattern at offset %zu: %s", path, where,
		    (size_t)off, (const char *)msg);
		return false;
	}
	pcre2_code_free(code);
	return true;
}

/* A sensitivity by name; -1 if unknown. */
static int
rules_sensitivity(const char *s)
{
	static const enum cls_sensitivity all[] = { CLS_SENS_PUBLIC,
		CLS_SENS_GENERAL, CLS_SENS_CONFIDENTIAL,
		CLS_SENS_HIGHLY_CONFIDENTIAL };
	size_t	i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, cls_sensitivity_name(all[i])) == 0)
			return (int)all[i];
	return -1;
}

/* bsearch/qsort comparator over an array of strings. */
static int
rules_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add one dictionary entry, lower-cased, to *words (*n of them). */
static bool
rules_dict_add(const char *s, size_t len, char ***words, size_t *n)
{
	char	low[CLS_MAX_SHORT + 1];

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r' ||
	    s[len - 1] == '\t'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0)
		return true;
	if (*n >= RULES_MAX_DICT || !cls_fold_lower(s, len, low, sizeof low))
		return false;
	*words = xreallocarray(*words, *n + 1, sizeof **words);
	(*words)[(*n)++] = rules_keep(xstrdup(low));
	return true;
}

/*
 * The dictionary of a rule: inline entries and a file of one entry per
 * line ("#" starts a comment line), relative to the rules file's folder.
 */
static bool
rules_dictionary(const char *path, const char *where, const cJSON *inline_,
    const cJSON *file, struct cls_type_def *t, struct sift_err *err)
{
	char  **words = NULL, *text, *line, *nl, full[4096];
	const cJSON *e;
	const char *slash;
	size_t	n = 0, len, lineno = 0;

	cJSON_ArrayForEach(e, inline_) {
		if (!cJSON_IsString(e))
			return rules_fail(err, path, where,
			    "dictionary entries must be strings");
		if (!rules_dict_add(e->valuestring, strlen(e->valuestring),
		    &words, &n)) {
			free(words);
			return rules_fail(err, path, where,
			    "a dictionary entry is longer than 256 bytes");
		}
	}
	if (file != NULL) {
		slash = strrchr(path, '/');
		if (file->valuestring[0] == '/' || slash == NULL)
			snprintf(full, sizeof full, "%s", file->valuestring);
		else
			snprintf(full, sizeof full, "%.*s/%s",
			    (int)(slash - path), path, file->valuestring);
		text = sift_read_file(full, RULES_MAX_FILE, SIFT_E_RULES, &len,
		    err);
		if (text == NULL) {
			free(words);
			sift_err_prefix(err, "%s: %s.dictionary_file", path,
			    where);
			return false;
		}
		for (line = text; *line != '\0'; line = nl + (*nl != '\0')) {
			nl = strchr(line, '\n');
			if (nl == NULL)
				nl = line + strlen(line);
			lineno++;
			if (*line != '#' && !rules_dict_add(line,
			    (size_t)(nl - line), &words, &n)) {
				free(words);
				free(text);
				sift_err_set(err, SIFT_E_RULES, "%s:%zu: an entry "
				    "is longer than 256 bytes, or there are more "
				    "than 1000000 (the dictionary_file of %s, %s)",
				    full, lineno, path, where);
				return false;
			}
		}
		free(text);
	}
	if (n == 0) {
		free(words);
		return rules_fail(err, path, where, "the dictionary is empty");
	}
	qsort(words, n, sizeof *words, rules_strcmp);
	t->dict = (const char *const *)rules_keep(words);
	t->ndict = n;
	return true;
}

/* Check that every key of obj is allowed; false with err otherwise. */
static bool
rules_keys(const char *path, const char *where, const cJSON *obj,
    const char *const *allowed, struct sift_err *err)
{
	const cJSON *e;
	char	msg[256];

	cJSON_ArrayForEach(e, obj) {
		if (!cls_in_list(e->string, allowed)) {
			snprintf(msg, sizeof msg, "unknown key \"%s\"", e->string);
			return rules_fail(err, path, where, msg);
		}
	}
	return true;
}

/*
 * The thresholds and sensitivity an object may set (a rule, or an
 * override of a built-in type), into t.
 */
static bool
rules_thresholds(const char *path, const char *where, const cJSON *o,
    struct cls_type_def *t, struct sift_err *err)
{
	const cJSON *v;
	int	sens;

	if ((v = cJSON_GetObjectItemCaseSensitive(o, "min_share")) != NULL) {
		if (!cJSON_IsNumber(v) || v->valuedouble <= 0 ||
		    v->valuedouble > 1)
			return rules_fail(err, path, where,
			    "min_share must be a number in (0, 1]");
		t->min_share = v->valuedouble;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "min_distinct")) != NULL) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
		    v->valuedouble > RULES_DISTINCT_MAX ||
		    v->valuedouble != (double)(int)v->valuedouble)
			return rules_fail(err, path, where,
			    "min_distinct must be a whole number from 0 to 768");
		t->min_distinct = (size_t)v->valuedouble;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "sensitivity")) != NULL) {
		sens = cJSON_IsString(v) ? rules_sensitivity(v->valuestring) : -1;
		if (sens < 0)
			return rules_fail(err, path, where, "sensitivity must be "
			    "public, general, confidential or highly_confidential");
		t->sensitivity = (enum cls_sensitivity)sens;
	}
	t->source = path;
	return true;
}

/* A string member, or NULL; false with err if present but not a string. */
static bool
rules_string(const char *path, const char *where, const cJSON *o,
    const char *key, const char **out, struct sift_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char	msg[128];

	*out = NULL;
	if (v == NULL)
		return true;
	if (!cJSON_IsString(v) || v->valuestring[0] == '\0') {
		snprintf(msg, sizeof msg, "%s must be a non-empty string", key);
		return rules_fail(err, path, where, msg);
	}
	*out = rules_keep(xstrdup(v->valuestring));
	return true;
}

/* A boolean member into *out (left alone when absent). */
static bool
rules_bool(const char *path, const char *where, const cJSON *o,
    const char *key, bool *out, struct sift_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char	msg[128];

	if (v == NULL)
		return true;
	if (!cJSON_IsBool(v)) {
		snprintf(msg, sizeof msg, "%s must be true or false", key);
		return rules_fail(err, path, where, msg);
	}
	*out = cJSON_IsTrue(v);
	return true;
}

/* Is id an upper-case type id of 2 to 64 characters? */
static bool
rules_id_ok(const char *id)
{
	size_t	i;

	if (id[0] < 'A' || id[0] > 'Z')
		return false;
	for (i = 1; id[i] != '\0'; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '_'))
			return false;
	return i >= 2 && i <= 64;
}

/* Index of id in table[0..n), or -1. */
static int
rules_find(const struct cls_type_def *table, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* One custom rule: a new row of the table. */
static bool
rules_rule(const char *path, const char *where, const cJSON *o,
    struct cls_type_def *table, size_t *n, struct sift_err *err)
{
	static const char *const keys[] = { "id", "description", "pattern",
		"column_name_pattern", "dictionary", "dictionary_file",
		"validator", "min_share", "min_distinct", "sensitivity",
		"needs_name", "numbers", "max_len", NULL };
	struct cls_type_def *t = &table[*n];
	const cJSON *dict, *dfile, *v;
	const char *validator;
	char	at[96];
	bool	needs_name = false, numbers = false;
	size_t	i;

	if (!cJSON_IsObject(o))
		return rules_fail(err, path, where, "a rule must be an object");
	if (!rules_keys(path, where, o, keys, err))
		return false;
	memset(t, 0, sizeof *t);
	t->sensitivity = CLS_SENS_CONFIDENTIAL;
	if (!rules_string(path, where, o, "id", &t->id, err) ||
	    !rules_string(path, where, o, "description", &t->description,
	    err) || !rules_string(path, where, o, "pattern", &t->pattern, err) ||
	    !rules_string(path, where, o, "column_name_pattern",
	    &t->name_pattern, err) ||
	    !rules_string(path, where, o, "validator", &validator, err) ||
	    !rules_bool(path, where, o, "needs_name", &needs_name, err) ||
	    !rules_bool(path, where, o, "numbers", &numbers, err) ||
	    !rules_thresholds(path, where, o, t, err))
		return false;
	if (t->id == NULL || !rules_id_ok(t->id))
		return rules_fail(err, path, where, "id must be 2 to 64 "
		    "characters of A-Z, 0-9 and _, starting with a letter");
	if (rules_find(table, *n, t->id) >= 0)
		return rules_fail(err, path, where, rules_find(cls_builtin_types,
		    cls_nbuiltin, t->id) >= 0 ? "id is a built-in type: change "
		    "it under \"builtin\"" : "id is already defined");
	if (*n >= CLS_MAX_TYPES)
		return rules_fail(err, path, where, "more than 64 types in all");
	if (validator != NULL) {
		for (i = 0; cls_rules_validator_name(i) != NULL; i++)
			if (strcmp(validator, rules_validators[i].name) == 0)
				t->validate = rules_validators[i].fn;
		if (t->validate == NULL) {
			char	msg[512];
			size_t	len;

			snprintf(msg, sizeof msg, "unknown validator \"%.64s\", "
			    "not one of", validator);
			for (i = 0; cls_rules_validator_name(i) != NULL; i++) {
				len = strlen(msg);
				snprintf(msg + len, sizeof msg - len, "%s %s",
				    i ? "," : "", cls_rules_validator_name(i));
			}
			return rules_fail(err, path, where, msg);
		}
	}
	dict = cJSON_GetObjectItemCaseSensitive(o, "dictionary");
	dfile = cJSON_GetObjectItemCaseSensitive(o, "dictionary_file");
	if (dict != NULL && !cJSON_IsArray(dict))
		return rules_fail(err, path, where,
		    "dictionary must be an array of strings");
	if (dfile != NULL && (!cJSON_IsString(dfile) ||
	    dfile->valuestring[0] == '\0'))
		return rules_fail(err, path, where,
		    "dictionary_file must be a file name");
	if ((dict != NULL || dfile != NULL) &&
	    !rules_dictionary(path, where, dict, dfile, t, err))
		return false;
	if (t->pattern == NULL && t->dict == NULL && t->validate == NULL)
		return rules_fail(err, path, where, "a rule needs a pattern, a "
		    "dictionary or a validator");
	if (t->pattern == NULL)
		t->pattern = "(?s).+";
	snprintf(at, sizeof at, "%s.pattern", where);
	if (!rules_check_pattern(path, at, t->pattern,
	    PCRE2_ANCHORED | PCRE2_ENDANCHORED, err))
		return false;
	snprintf(at, sizeof at, "%s.column_name_pattern", where);
	if (t->name_pattern != NULL && !rules_check_pattern(path, at,
	    t->name_pattern, PCRE2_CASELESS, err))
		return false;
	if (needs_name && t->name_pattern == NULL)
		return rules_fail(err, path, where,
		    "needs_name needs a column_name_pattern");
	t->max_len = CLS_MAX_SHORT;
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "max_len")) != NULL) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
		    v->valuedouble > CLS_MAX_VALUE)
			return rules_fail(err, path, where,
			    "max_len must be from 1 to 4096");
		t->max_len = (size_t)v->valuedouble;
	}
	t->flags = (needs_name ? CLS_F_NEEDS_NAME : 0) |
	    (numbers ? CLS_F_NUMBERS : 0);
	(*n)++;
	return true;
}

/* The "builtin" object: overrides of built-in types. */
static bool
rules_builtin(const char *path, const cJSON *o, struct cls_type_def *table,
    struct sift_err *err)
{
	static const char *const keys[] = { "enabled", "min_share",
		"min_distinct", "sensitivity", NULL };
	const cJSON *e;
	char	where[128];
	bool	enabled;
	int	k;

	if (!cJSON_IsObject(o))
		return rules_fail(err, path, "builtin",
		    "must be an object of type ids");
	cJSON_ArrayForEach(e, o) {
		snprintf(where, sizeof where, "builtin.%s", e->string);
		k = rules_find(cls_builtin_types, cls_nbuiltin, e->string);
		if (k < 0)
			return rules_fail(err, path, where,
			    "not a built-in type (pgsift rules list)");
		if (!cJSON_IsObject(e))
			return rules_fail(err, path, where, "must be an object");
		if (!rules_keys(path, where, e, keys, err))
			return false;
		enabled = !(table[k].flags & CLS_F_DISABLED);
		if (!rules_bool(path, where, e, "enabled", &enabled, err) ||
		    !rules_thresholds(path, where, e, &table[k], err))
			return false;
		if (enabled)
			table[k].flags &= ~(unsigned int)CLS_F_DISABLED;
		else
			table[k].flags |= CLS_F_DISABLED;
	}
	return true;
}

/* Parse one file into table (*n rows so far). */
static bool
rules_file(const char *path, struct cls_type_def *table, size_t *n,
    struct sift_err *err)
{
	static const char *const keys[] = { "version", "rules", "builtin",
		NULL };
	const char *end = NULL;
	const cJSON *v, *e;
	cJSON  *doc;
	char   *text, where[64];
	size_t	len, line, col, i = 0;
	bool	ok = true;

	text = sift_read_file(path, RULES_MAX_FILE, SIFT_E_RULES, &len, err);
	if (text == NULL)
		return false;
	doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
	if (doc == NULL) {
		sift_text_position(text, end != NULL && end >= text ?
		    (size_t)(end - text) : 0, &line, &col);
		sift_err_set(err, SIFT_E_RULES,
		    "%s:%zu:%zu: not valid JSON here", path, line, col);
		free(text);
		return false;
	}
	path = rules_keep(xstrdup(path));
	if (!cJSON_IsObject(doc))
		ok = rules_fail(err, path, "top level", "must be an object");
	else
		ok = rules_keys(path, "top level", doc, keys, err);
	v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (ok && v != NULL && !(cJSON_IsNumber(v) && v->valuedouble == 1))
		ok = rules_fail(err, path, "version", "only version 1 exists");
	v = cJSON_GetObjectItemCaseSensitive(doc, "rules");
	if (ok && v != NULL && !cJSON_IsArray(v))
		ok = rules_fail(err, path, "rules", "must be an array");
	if (ok && v != NULL) {
		cJSON_ArrayForEach(e, v) {
			snprintf(where, sizeof where, "rules[%zu]", i++);
			if (!(ok = rules_rule(path, where, e, table, n, err)))
				break;
		}
	}
	v = cJSON_GetObjectItemCaseSensitive(doc, "builtin");
	if (ok && v != NULL)
		ok = rules_builtin(path, v, table, err);
	if (!ok)
		sift_err_json_position(err, path, text, len);
	cJSON_Delete(doc);
	free(text);
	return ok;
}

/* Load rules files over the built-in table (see classifiers.h). */
bool
cls_rules_load(const char *const *paths, size_t npaths, struct sift_err *err)
{
	struct cls_type_def *table;
	size_t	n = cls_nbuiltin, i;

	cls_rules_reset();
	table = rules_keep(xcalloc(CLS_MAX_TYPES, sizeof *table));
	memcpy(table, cls_builtin_types, cls_nbuiltin * sizeof *table);
	for (i = 0; i < npaths; i++) {
		if (!rules_file(paths[i], table, &n, err)) {
			cls_rules_reset();
			return false;
		}
	}
	rules_table = table;
	cls_types = table;
	cls_ntypes = n;
	return true;
}

/* Back to the built-in table; frees what loading allocated. */
void
cls_rules_reset(void)
{
	size_t	i;

	cls_types = cls_builtin_types;
	cls_ntypes = cls_nbuiltin;
	rules_table = NULL;
	for (i = 0; i < rules_nowned; i++)
		free(rules_owned[i]);
	free(rules_owned);
	rules_owned = NULL;
	rules_nowned = 0;
}

/* FNV-1a over bytes, continuing from h. */
static uint64_t
rules_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t	i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* FNV-1a over a string and its terminating NUL; NULL as "". */
static uint64_t
rules_fnv_str(uint64_t h, const char *s)
{
	return rules_fnv(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/* A fingerprint of the type table in use (see classifiers.h). */
uint64_t
cls_ruleset_fingerprint(void)
{
	uint64_t h = 14695981039346656037ULL;
	size_t	i, k;

	for (i = 0; i < cls_ntypes; i++) {
		const struct cls_type_def *t = &cls_types[i];
		unsigned int sens = (unsigned int)t->sensitivity;

		h = rules_fnv_str(h, t->id);
		h = rules_fnv_str(h, t->pattern);
		h = rules_fnv_str(h, t->name_pattern);
		h = rules_fnv(h, &t->flags, sizeof t->flags);
		h = rules_fnv(h, &sens, sizeof sens);
		h = rules_fnv(h, &t->min_share, sizeof t->min_share);
		h = rules_fnv(h, &t->min_distinct, sizeof t->min_distinct);
		h = rules_fnv(h, &t->max_len, sizeof t->max_len);
		/* The validator by its place in the list, stable across runs. */
		for (k = 0; k < sizeof rules_validators /
		    sizeof rules_validators[0]; k++)
			if (rules_validators[k].fn == t->validate)
				break;
		h = rules_fnv(h, &k, sizeof k);
		for (k = 0; k < t->ndict; k++)
			h = rules_fnv_str(h, t->dict[k]);
	}
	return h;
}
