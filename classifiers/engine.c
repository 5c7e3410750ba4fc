/*
 * classifiers/engine.c: compiling the type table's patterns once, and
 * matching values against them.
 *
 * Each pattern is compiled with PCRE2_ANCHORED | PCRE2_ENDANCHORED, so it
 * must cover the whole (trimmed) value, and JIT-compiled when the
 * platform allows. The engine is read-only once built and shared by all
 * threads; each thread matches with its own match data (a matcher).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcre2.h>
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#include "common/xmalloc.h"
#include "classifiers/classifiers-int.h"

/*
 * Limits on every match, so a catastrophic pattern from a rules file
 * ("(a+)+$") gives up on a value instead of hanging the scan.
 */
#define ENGINE_MATCH_LIMIT	200000
#define ENGINE_DEPTH_LIMIT	2000

struct cls_engine {
	pcre2_code *code[CLS_MAX_TYPES];	/* the whole value */
	pcre2_code *search[CLS_MAX_TYPES];	/* inside free text */
	pcre2_code *name[CLS_MAX_TYPES];	/* rules' column-name patterns */
	pcre2_match_context *limits;
};

/*
 * Compile one pattern (JIT too when the platform allows). Returns the
 * code, or NULL with err filled in.
 */
static pcre2_code *
engine_compile(const char *id, const char *pattern, uint32_t options,
    struct sift_err *err)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *code;
	int	rc;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    options | PCRE2_NO_UTF_CHECK, &rc, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(rc, msg, sizeof msg);
		sift_err_set(err, SIFT_E_RULES,
		    "could not compile the pattern of %s at offset %zu: %s", id,
		    (size_t)off, (const char *)msg);
		return NULL;
	}
	/*
	 * Without JIT (some platforms), the interpreter is used. So it is
	 * under valgrind, which cannot follow JIT code and reports its reads
	 * of PCRE2's own buffers as uninitialised (PCRE2 built without
	 * --enable-valgrind, as Debian's is).
	 */
#ifdef RUNNING_ON_VALGRIND
	if (RUNNING_ON_VALGRIND)
		return code;
#endif
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

struct cls_matcher {
	pcre2_match_data *md;
};

/* Compile (and JIT-compile) every type's pattern once. */
struct cls_engine *
cls_engine_new(struct sift_err *err)
{
	struct cls_engine *e;
	char	wrapped[1024];
	size_t	i;
	struct tm tm;
	time_t	now;

	if (cls_ntypes > CLS_MAX_TYPES) {
		sift_err_set(err, SIFT_E_INTERNAL, "too many classifier types");
		return NULL;
	}
	/* Dates of birth are in the past: today's date, once, in UTC. */
	now = time(NULL);
	if (gmtime_r(&now, &tm) != NULL)
		cls_birth_date_latest(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
	e = xcalloc(1, sizeof *e);
	e->limits = pcre2_match_context_create(NULL);
	if (e->limits == NULL) {
		fprintf(stderr, "pgsift: out of memory (PCRE2 match context)\n");
		abort();
	}
	pcre2_set_match_limit(e->limits, ENGINE_MATCH_LIMIT);
	pcre2_set_depth_limit(e->limits, ENGINE_DEPTH_LIMIT);
	for (i = 0; i < cls_ntypes; i++) {
		if (cls_types[i].name_pattern != NULL) {
			e->name[i] = engine_compile(cls_types[i].id,
			    cls_types[i].name_pattern, PCRE2_CASELESS, err);
			if (e->name[i] == NULL) {
				cls_engine_free(e);
				return NULL;
			}
		}
		e->code[i] = engine_compile(cls_types[i].id,
		    cls_types[i].pattern, PCRE2_ANCHORED | PCRE2_ENDANCHORED, err);
		if (e->code[i] == NULL) {
			cls_engine_free(e);
			return NULL;
		}
		if (!(cls_types[i].flags & CLS_F_IN_TEXT))
			continue;
		/*
		 * In free text the same shape stands between non-word
		 * characters: not glued to letters, digits, the characters
		 * that continue an address or a number, or a slash (a
		 * product's version in "Chrome/120.0.0.0", a path).
		 */
		snprintf(wrapped, sizeof wrapped,
		    "(?<![A-Za-z0-9@._%%+/-])(?:%s)(?![A-Za-z0-9@_/-]|\\.[A-Za-z0-9])",
		    cls_types[i].pattern);
		e->search[i] = engine_compile(cls_types[i].id, wrapped, 0, err);
		if (e->search[i] == NULL) {
			cls_engine_free(e);
			return NULL;
		}
	}
	return e;
}

/* Free the compiled patterns; engine may be NULL. */
void
cls_engine_free(struct cls_engine *engine)
{
	size_t	i;

	if (engine == NULL)
		return;
	for (i = 0; i < CLS_MAX_TYPES; i++) {
		pcre2_code_free(engine->code[i]);
		pcre2_code_free(engine->search[i]);
		pcre2_code_free(engine->name[i]);
	}
	pcre2_match_context_free(engine->limits);
	free(engine);
}

/* Per-thread match data; aborts on out-of-memory like xmalloc(). */
struct cls_matcher *
cls_matcher_new(const struct cls_engine *engine)
{
	struct cls_matcher *m;

	(void)engine;
	m = xcalloc(1, sizeof *m);
	/* Patterns have at most a few groups; the match is all we need. */
	m->md = pcre2_match_data_create(8, NULL);
	if (m->md == NULL) {
		fprintf(stderr, "pgsift: out of memory (PCRE2 match data)\n");
		abort();
	}
	return m;
}

/* Free a matcher; m may be NULL. */
void
cls_matcher_free(struct cls_matcher *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->md);
	free(m);
}

/* Does the whole of s[0..len) match the pattern of type? */
bool
cls_engine_match(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t len)
{
	int	rc;

	rc = pcre2_match(engine->code[type], (PCRE2_SPTR)s, len, 0, 0, m->md,
	    engine->limits);
	return rc >= 0;
}

/* Does the column name match the rules file's pattern for type? */
bool
cls_engine_name_match(const struct cls_engine *engine, size_t type,
    const char *name)
{
	pcre2_match_data *md;
	int	rc;

	if (type >= CLS_MAX_TYPES || engine->name[type] == NULL)
		return false;
	md = pcre2_match_data_create_from_pattern(engine->name[type], NULL);
	if (md == NULL)
		return false;
	rc = pcre2_match(engine->name[type], (PCRE2_SPTR)name,
	    PCRE2_ZERO_TERMINATED, 0, 0, md, engine->limits);
	pcre2_match_data_free(md);
	return rc >= 0;
}

/* bsearch comparator over an array of strings. */
static int
engine_dict_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

/*
 * The validator of t, then its dictionary: the value lower-cased must be
 * one of the dictionary's entries.
 */
bool
cls_type_validate(const struct cls_type_def *t, const char *s, size_t len)
{
	char	low[CLS_MAX_SHORT + 1];

	if (t->validate != NULL && !t->validate(s, len))
		return false;
	if (t->dict == NULL)
		return true;
	if (!cls_fold_lower(s, len, low, sizeof low))
		return false;
	return bsearch(low, t->dict, t->ndict, sizeof *t->dict,
	    engine_dict_cmp) != NULL;
}

/* Does s[0..n), found in free text, validate as type (strong if weak)? */
static bool
engine_occurrence_ok(const struct cls_type_def *t, const char *s, size_t n)
{
	return n > 0 && cls_type_validate(t, s, n) &&
	    (!(t->flags & CLS_F_WEAK) || (t->strong != NULL &&
	    t->strong(s, n)));
}

/*
 * The longest occurrence may have swallowed what follows it ("4111 1111
 * 1111 1111 123", a card and its security code): does a shorter one,
 * ending where a space follows a letter or digit, have the type's whole
 * shape and validate? (A hyphen would glue it to what follows, as the
 * search pattern sees it.) At most eight cuts are tried.
 */
static bool
engine_occurrence_cut(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t n)
{
	size_t	k;
	int	cuts = 0;

	for (k = n - 1; k > 1 && cuts < 8; k--) {
		unsigned char c = (unsigned char)s[k - 1];

		if (s[k] != ' ' || !(c >= 0x80 ||
		    (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z')))
			continue;
		cuts++;
		if (cls_engine_match(engine, m, type, s, k) &&
		    engine_occurrence_ok(&cls_types[type], s, k))
			return true;
	}
	return false;
}

/*
 * Does free text s[0..len) contain an occurrence of type that has the
 * type's shape and, for a weak type, its strong form, and validates?
 * Looks at each occurrence in turn, at most a few dozen per value, and
 * at shorter forms of one that does not validate.
 */
bool
cls_engine_search(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t len)
{
	const struct cls_type_def *t = &cls_types[type];
	PCRE2_SIZE *ov, start = 0;
	int	tries;

	if (engine->search[type] == NULL)
		return false;
	ov = pcre2_get_ovector_pointer(m->md);
	for (tries = 0; tries < 32 && start < len; tries++) {
		size_t	b, n, end;

		if (pcre2_match(engine->search[type], (PCRE2_SPTR)s, len, start,
		    0, m->md, engine->limits) < 0)
			return false;
		b = ov[0];
		n = ov[1] - ov[0];
		end = ov[1];
		if (engine_occurrence_ok(t, s + b, n) ||
		    (n > 2 && engine_occurrence_cut(engine, m, type, s + b, n)))
			return true;
		start = end > start ? end : start + 1;
	}
	return false;
}

/* Is s one of the strings of the NULL-terminated list? */
bool
cls_in_list(const char *s, const char *const *list)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* Drop ASCII white space at both ends of the value *s of *len bytes. */
void
cls_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\n' ||
	    **s == '\r')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\n' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

/* Count digits and letters and note @ : . in one pass over the value. */
void
cls_value_facts(const char *s, size_t len, struct cls_value_facts *f)
{
	size_t	i;

	f->len = len;
	f->digits = f->alpha = f->spaces = 0;
	f->has_at = f->has_colon = f->has_dot = f->has_dollar = false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			f->digits++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			f->alpha++;
		else if (c == '@')
			f->has_at = true;
		else if (c == ':')
			f->has_colon = true;
		else if (c == '.')
			f->has_dot = true;
		else if (c == '$')
			f->has_dollar = true;
		else if (c == ' ')
			f->spaces++;
	}
}

/* Trim, prefilter, match and validate one value for one type. */
bool
cls_value_check(const struct cls_engine *engine, struct cls_matcher *m,
    size_t type, const char *s, size_t len, bool *shape)
{
	struct cls_value_facts f;
	bool	matched;

	if (shape != NULL)
		*shape = false;
	if (type >= cls_ntypes)
		return false;
	cls_trim(&s, &len);
	if (len == 0 || len > CLS_MAX_VALUE)
		return false;
	if (len > (cls_types[type].max_len ? cls_types[type].max_len :
	    CLS_MAX_SHORT))
		return false;
	/* The same prefilter as the column loop, so vectors test it too. */
	cls_value_facts(s, len, &f);
	if (cls_types[type].prefilter != NULL && !cls_types[type].prefilter(&f))
		return false;
	matched = cls_engine_match(engine, m, type, s, len);
	if (shape != NULL)
		*shape = matched;
	return matched && cls_type_validate(&cls_types[type], s, len);
}
