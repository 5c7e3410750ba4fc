/*
 * classifiers/classifiers.h: deciding what kind of sensitive data a column
 * holds, from its sampled values, its name and its data type.
 *
 * This module knows nothing of libpq or SQLite: it works on plain strings,
 * so it can be unit-tested and fuzzed alone.
 *
 * Threads: a struct cls_engine is built once and is read-only afterwards,
 * so any number of threads may share it. Each thread uses its own
 * struct cls_matcher (PCRE2 match data) and its own struct cls_column.
 *
 * Sampled values passed in are never copied into results, logs or errors;
 * a column keeps only hashes of them (for the distinct count) until it is
 * freed.
 */
#ifndef PGSIFT_CLASSIFIERS_H
#define PGSIFT_CLASSIFIERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

#define CLS_MAX_EXAMPLES	3	/* masked examples kept per type */
#define CLS_EXAMPLE_LEN		48	/* bytes of one, NUL included */

enum cls_likelihood {
	CLS_VERY_UNLIKELY = 0,
	CLS_UNLIKELY,
	CLS_POSSIBLE,
	CLS_LIKELY,
	CLS_VERY_LIKELY
};

enum cls_sensitivity {
	CLS_SENS_PUBLIC = 0,
	CLS_SENS_GENERAL,
	CLS_SENS_CONFIDENTIAL,
	CLS_SENS_HIGHLY_CONFIDENTIAL
};

/* "VERY_UNLIKELY" .. "VERY_LIKELY"; static strings. */
const char *cls_likelihood_name(enum cls_likelihood l);

/* Parse a likelihood name (case-insensitive); -1 if unknown. */
int	cls_likelihood_parse(const char *s);

/* "public", "general", "confidential", "highly_confidential". */
const char *cls_sensitivity_name(enum cls_sensitivity s);

/*
 * The type table (classifiers/types.c), in the order of spec/types.md.
 * Indexes run from 0 to cls_type_count() - 1.
 */
size_t	cls_type_count(void);
size_t	cls_builtin_count(void);		/* the first ones are built in */
const char *cls_type_id(size_t type);		/* "EMAIL_ADDRESS" */
enum cls_sensitivity cls_type_sensitivity(size_t type);

/* Index of the type with this id, or -1. */
int	cls_type_find(const char *id);

/* What the type table says of one type; pointers are static. */
struct cls_type_info {
	const char *id;
	const char *pattern;		/* PCRE2, anchored at both ends */
	const char *const *names;	/* name tokens, NULL-terminated */
	const char *const *not_names;	/* tokens that rule it out, or NULL */
	enum cls_sensitivity sensitivity;
	bool	weak;			/* needs its name or a strong form */
	bool	needs_name;		/* never reported without its name */
	bool	name_enough;		/* its name suffices (plain secrets) */
	size_t	max_len;		/* longest value looked at */
	const char *source;		/* NULL: built in; else a rules file */
	const char *description;	/* NULL for built-in types */
	const char *name_pattern;	/* a rule's column-name pattern */
	bool	disabled;		/* turned off by a rules file */
	double	min_share;		/* 0: none */
	size_t	min_distinct;		/* 0: none */
	size_t	dictionary;		/* entries in its dictionary */
};

/* Fill info for type (0 <= type < cls_type_count()). */
void	cls_type_describe(size_t type, struct cls_type_info *info);

/*
 * Validators: pure functions on a value without its surrounding white
 * space. They allocate nothing, ignore the locale, never read past len and
 * never expect a terminating NUL. Strict: stray characters, wrong lengths
 * and impossible prefixes give false.
 */
bool	cls_valid_email(const char *s, size_t len);
bool	cls_valid_phone(const char *s, size_t len);
bool	cls_valid_card(const char *s, size_t len);
bool	cls_valid_iban(const char *s, size_t len);
bool	cls_valid_us_ssn(const char *s, size_t len);
bool	cls_valid_ip(const char *s, size_t len);
bool	cls_valid_mac(const char *s, size_t len);
bool	cls_valid_swift(const char *s, size_t len);
bool	cls_valid_us_itin(const char *s, size_t len);
bool	cls_valid_us_aba(const char *s, size_t len);
bool	cls_valid_us_ein(const char *s, size_t len);
bool	cls_valid_uk_nino(const char *s, size_t len);
bool	cls_valid_uk_nhs(const char *s, size_t len);
bool	cls_valid_ca_sin(const char *s, size_t len);
bool	cls_valid_birth_date(const char *s, size_t len);
bool	cls_valid_gender(const char *s, size_t len);
bool	cls_valid_person_name(const char *s, size_t len);
bool	cls_valid_street_address(const char *s, size_t len);
bool	cls_valid_password(const char *s, size_t len);
bool	cls_valid_token(const char *s, size_t len);

/* The Luhn check over the digits of s, ignoring spaces and hyphens. */
bool	cls_luhn(const char *s, size_t len);

/*
 * Load rules files (docs/rules.md) over the built-in types: custom types
 * added after them, built-in ones turned off or given thresholds. Call it
 * before any engine is made, from one thread. Returns false with err
 * ("FILE:LINE:COL: ..." or "FILE: rules[2].pattern: ...") and the
 * built-in table back in use on the first error.
 */
bool	cls_rules_load(const char *const *paths, size_t npaths,
    struct sift_err *err);

/*
 * A fingerprint of the types in use (built-in and from rules files, with
 * their patterns, validators, dictionaries and thresholds): a rescan
 * samples again what was classified under another one.
 */
uint64_t cls_ruleset_fingerprint(void);

/* Back to the built-in table, freeing what cls_rules_load() made. */
void	cls_rules_reset(void);

/* The i-th validator name a rule may use ("luhn", ...), or NULL. */
const char *cls_rules_validator_name(size_t i);

/*
 * The compiled patterns of every type: PCRE2 compiled and JIT-compiled
 * once. Returns an engine the caller frees with cls_engine_free(), or NULL
 * with err filled in.
 */
struct cls_engine *cls_engine_new(struct sift_err *err);
void	cls_engine_free(struct cls_engine *engine);

/*
 * Per-thread matching state. Returns a matcher the caller frees with
 * cls_matcher_free(); it must not outlive the engine.
 */
struct cls_matcher *cls_matcher_new(const struct cls_engine *engine);
void	cls_matcher_free(struct cls_matcher *m);

/*
 * Does the whole value (leading and trailing white space ignored) have the
 * shape of type and pass its validator? This is the per-value test that
 * column classification counts; the vectors tests call it directly.
 * *shape, if not NULL, is set to whether the pattern matched at all.
 */
bool	cls_value_check(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t len, bool *shape);

/*
 * Evidence for one column: counts per type over the values added. The
 * column name and data type (as format_type() prints it: "text",
 * "character varying(64)", "inet", "numeric(12,2)") are copied.
 * Returns a column the caller frees with cls_column_free().
 */
struct cls_column *cls_column_new(const struct cls_engine *engine,
    const char *column_name, const char *data_type);
void	cls_column_free(struct cls_column *col);

/*
 * Count one non-NULL sampled value. The value is not kept. For an array
 * column (data type "text[]", ...) each element of the array literal is
 * counted as a value of its own.
 */
void	cls_column_add(struct cls_column *col, struct cls_matcher *m,
    const char *value, size_t len);

/*
 * Keep up to n (at most CLS_MAX_EXAMPLES) masked examples of each type's
 * validated values, for reports that show them. A masked example keeps
 * a value's shape and separators and its last two letters or digits:
 * every other letter becomes x, every other digit 0
 * ("user42@example.com" -> "xxxx00@xxxxxxx.xom"). Default: none.
 */
void	cls_column_set_examples(struct cls_column *col, size_t n);

/* Mask s[0..len) into out (size bytes) as described above. */
void	cls_mask(const char *s, size_t len, char *out, size_t size);

/*
 * A json or jsonb column is classified path by path (docs/classification.md):
 * how many paths it has (0 for other columns), and path i with its column,
 * its path ("contact.email", arrays as "[]"), its full name
 * ("profile.contact.email") and the data type it was judged as. Returns
 * NULL past the last path.
 */
size_t	cls_column_paths(const struct cls_column *col);
const struct cls_column *cls_column_path(const struct cls_column *col,
    size_t i, const char **path, const char **full, const char **data_type);

/* Number of non-NULL values (array elements) counted so far. */
size_t	cls_column_values(const struct cls_column *col);

/* One decided classification of a column, with the evidence behind it. */
struct cls_result {
	size_t	type;			/* index into the type table */
	enum cls_likelihood likelihood;
	double	score;			/* 0..1 */
	double	match_ratio;		/* validated / values */
	size_t	values;			/* non-NULL values looked at */
	size_t	matched;		/* values with the type's shape */
	size_t	validated;		/* of those, values that validated */
	size_t	distinct;		/* distinct validated values */
	bool	ev_values;		/* evidence: values */
	bool	ev_name;		/* evidence: column_name */
	bool	ev_text;		/* evidence: free_text (match_ratio is
					   the share of values mentioning it) */
	size_t	in_text;		/* values of free text mentioning it */
	char	name_tokens[128];	/* name tokens that matched, "e_mail" */
	enum cls_sensitivity sensitivity;
	/* Masked examples, only when asked for (cls_column_set_examples()). */
	size_t	nexamples;
	char	examples[CLS_MAX_EXAMPLES][CLS_EXAMPLE_LEN];
};

/*
 * Decide the column's classifications from the evidence gathered: fills
 * out[0..max) with those of likelihood POSSIBLE or above, best score
 * first, and returns how many it wrote. The rule is documented in
 * docs/classification.md.
 */
size_t	cls_column_decide(const struct cls_column *col, struct cls_result *out,
    size_t max);

/*
 * Split a column name into lower-case whole tokens over snake_case,
 * camelCase, digits and punctuation ("customerEmail2" -> "customer",
 * "email"). Writes up to max tokens of at most 32 bytes each into tokens
 * and returns how many.
 */
size_t	cls_name_tokens(const char *name, char tokens[][32], size_t max);

#endif /* PGSIFT_CLASSIFIERS_H */
