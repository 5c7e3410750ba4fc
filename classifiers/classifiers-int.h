/*
 * classifiers/classifiers-int.h: what the classifier's files share.
 */
#ifndef PGSIFT_CLASSIFIERS_INT_H
#define PGSIFT_CLASSIFIERS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classifiers/classifiers.h"

#define CLS_MAX_TYPES	64	/* bits in a column's type mask */
#define CLS_MAX_VALUE	4096	/* longer values hold none of our types */
#define CLS_MAX_SHORT	256	/* the default max_len of a type */
#define CLS_MAX_TOKENS	16	/* name tokens looked at */
#define CLS_MAX_PATHS	128	/* paths of one json column */

/* Type flags. */
#define CLS_F_WEAK	0x01	/* shape common in other data: needs names */
#define CLS_F_NET	0x02	/* inet and cidr columns hold this type */
#define CLS_F_MACADDR	0x04	/* macaddr columns hold this type */
#define CLS_F_NUMBERS	0x08	/* may be stored in an integer column */
#define CLS_F_FALLBACK	0x20	/* counts only values no other type took */
#define CLS_F_NAME_ENOUGH 0x40	/* its name and distinct values suffice */
#define CLS_F_NEEDS_NAME 0x80	/* never reported without name evidence */
#define CLS_F_DATES	0x100	/* date and timestamp columns hold it */
#define CLS_F_IN_TEXT	0x200	/* looked for inside free text too */
#define CLS_F_DISABLED	0x800	/* turned off by a rules file */
#define CLS_F_CHECKSUM	0x1000	/* weak shape, but its validator has a
				   check digit: 9 in 10 random shapes fail */
#define CLS_F_SHAPE_NAMED 0x400 /* named: its shape and a few validated
				   values suffice (a column of surnames) */

/* Cheap facts about a value, computed once for all types. */
struct cls_value_facts {
	size_t	len;
	size_t	digits;
	size_t	alpha;
	bool	has_at;
	bool	has_colon;
	bool	has_dot;
	bool	has_dollar;
	size_t	spaces;
};

/* One row of the type table. */
struct cls_type_def {
	const char *id;
	const char *pattern;	/* PCRE2, anchored at both ends */
	bool	(*validate)(const char *s, size_t len);
	/* A validated value that is distinctive even for a weak type. */
	bool	(*strong)(const char *s, size_t len);
	/* Cheap test run before the pattern; NULL: none. */
	bool	(*prefilter)(const struct cls_value_facts *f);
	/* Column-name tokens; "a b" means two tokens in a row. */
	const char *const *names;
	/*
	 * Generic tokens ("name") that do not name the type but let a looser
	 * form count as strong: a given name and a word, "Mathieu Chevalier".
	 */
	const char *const *generic_names;
	bool	(*loose)(const char *s, size_t len);
	/* Tokens that rule the type out, unless names also match. */
	const char *const *not_names;
	enum cls_sensitivity sensitivity;
	unsigned int flags;
	size_t	max_len;	/* longest value looked at; 0: CLS_MAX_SHORT */
	/*
	 * Digits of a number of fixed width that may begin with 0: stored
	 * in an integer column it lost its leading zeros ("012-34-5678" is
	 * 12345678), which are put back before it is looked at. 0: none.
	 */
	size_t	digits;
	/* From rules files (rules.c); NULL or 0 in the built-in table. */
	const char *source;		/* the file that defined or changed it */
	const char *description;
	const char *name_pattern;	/* PCRE2 over the column name */
	const char *const *dict;	/* sorted lower-case values, or NULL */
	size_t	ndict;
	double	min_share;		/* 0: the decision rule alone */
	size_t	min_distinct;
};

/* The table in use: the built-in one, or one that rules.c built. */
extern const struct cls_type_def *cls_types;
extern size_t cls_ntypes;
extern const struct cls_type_def cls_builtin_types[];
extern const size_t cls_nbuiltin;

/* engine.c: the validator and the dictionary of t, on a trimmed value. */
bool	cls_type_validate(const struct cls_type_def *t, const char *s,
    size_t len);

/* engine.c: does the column name match type's name_pattern? */
bool	cls_engine_name_match(const struct cls_engine *engine, size_t type,
    const char *name);

/* Evidence from a column name: which types its tokens name. */
struct cls_name_evidence {
	uint64_t types;			/* bit per type */
	uint64_t excluded;		/* types a not_names token rules out */
	uint64_t generic;		/* types a generic token hints at */
	bool	meta;			/* a token says "about", not "is":
					   password_hint, token_expires_at */
	char	tokens[CLS_MAX_TYPES][64];	/* per type: tokens matched */
};

/* name.c: evaluate a column name against every type's tokens. */
void	cls_name_evidence(const char *name, struct cls_name_evidence *ev);

/* valid-person.c: no date of birth after y-m-d (engine.c sets today). */
void	cls_birth_date_latest(int y, int m, int d);

/* engine.c: PCRE2 match of type's pattern on s[0..len). */
bool	cls_engine_match(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t len);

/* engine.c: a validated occurrence of type inside free text? */
bool	cls_engine_search(const struct cls_engine *engine,
    struct cls_matcher *m, size_t type, const char *s, size_t len);

/* json.c: walk a JSON document's leaves (see json.c). */
#define CLS_JSON_PATH	256	/* longest path kept, in bytes */
typedef void cls_json_leaf_fn(void *arg, const char *path, const char *v,
    size_t len, bool number);
bool	cls_json_walk(const char *s, size_t len, cls_json_leaf_fn *leaf,
    void *arg);

/* engine.c: is s one of the strings of the NULL-terminated list? */
bool	cls_in_list(const char *s, const char *const *list);

/* engine.c: trim ASCII white space from both ends of *s, *len. */
void	cls_trim(const char **s, size_t *len);

/* engine.c: the facts of a value. */
void	cls_value_facts(const char *s, size_t len, struct cls_value_facts *f);

/* digits.c: want digits, bare or grouped at the offsets in seps. */
bool	cls_digits_grouped(const char *s, size_t len, size_t want,
    const int *seps, char *d);

/* valid-*.c helpers. */
bool	cls_luhn_digits(const char *digits, size_t n);

/* Distinctive forms of weak types: "+44 20 ...", "123-45-6789". */
bool	cls_strong_phone(const char *s, size_t len);
bool	cls_strong_ssn(const char *s, size_t len);
bool	cls_strong_separated(const char *s, size_t len);
bool	cls_strong_nhs(const char *s, size_t len);
bool	cls_strong_ca_sin(const char *s, size_t len);
bool	cls_strong_password(const char *s, size_t len);
bool	cls_strong_person_name(const char *s, size_t len);
bool	cls_loose_person_name(const char *s, size_t len);

/* valid-name.c: lower-case UTF-8 (ASCII, Latin-1, Latin Extended-A). */
bool	cls_fold_lower(const char *s, size_t len, char *out, size_t size);

/*
 * names-data.c (scripts/gen-names.sh): the name lists, and each letter of
 * U+00C0..U+024F without its accents, in lower case ("é" -> "e", "ß" ->
 * "ss"), or NULL.
 */
#define CLS_NAME_FOLD_FIRST	0xc0
#define CLS_NAME_FOLD_COUNT	(0x250 - CLS_NAME_FOLD_FIRST)
extern const char *const cls_name_fold[CLS_NAME_FOLD_COUNT];
extern const char *const cls_given_names[];
extern const size_t cls_given_names_count;
extern const char *const cls_surnames[];
extern const size_t cls_surnames_count;

#endif /* PGSIFT_CLASSIFIERS_INT_H */
