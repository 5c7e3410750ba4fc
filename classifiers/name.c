/*
 * classifiers/name.c: evidence from column names.
 *
 * A name is split into whole tokens (snake_case, kebab-case, spaces,
 * camelCase, letters and digits apart), lower-cased, and each type's
 * name list is looked up token by token: "customerEmail2" gives
 * "customer", "email" and "2", and names EMAIL_ADDRESS; "username" is one
 * token and names nothing. An entry of two words ("social security")
 * matches two tokens in a row. Bytes outside ASCII are kept inside
 * tokens, so "straße" stays one token.
 */
#include <stdio.h>
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Character classes for splitting. */
static bool
name_lower(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* An ASCII capital letter. */
static bool
name_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* An ASCII digit. */
static bool
name_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Split a column name into lower-case whole tokens (see the file comment). */
size_t
cls_name_tokens(const char *name, char tokens[][32], size_t max)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t	n = 0, len = 0, i;

	for (i = 0; s[i] != '\0' && n < max; i++) {
		unsigned char c = s[i], prev = i ? s[i - 1] : 0, next = s[i + 1];
		bool	word = name_lower(c) || name_upper(c) || name_digit(c);
		bool	split = false;

		if (!word) {
			if (len > 0) {
				tokens[n++][len] = '\0';
				len = 0;
			}
			continue;
		}
		if (len > 0) {
			/* fooBar | FOOBar | foo2 | 2foo */
			if (name_upper(c) && name_lower(prev))
				split = true;
			else if (name_upper(c) && name_upper(prev) &&
			    name_lower(next) && next < 0x80)
				split = true;
			else if (name_digit(c) != name_digit(prev))
				split = true;
		}
		if (split) {
			tokens[n++][len] = '\0';
			len = 0;
			if (n == max)
				break;
		}
		if (len < 31)
			tokens[n][len++] = (char)(name_upper(c) ? c - 'A' + 'a' : c);
	}
	if (len > 0 && n < max)
		tokens[n++][len] = '\0';
	return n;
}

/*
 * Does entry (one word, or two separated by a space) match the tokens at
 * position i? Returns the number of tokens matched, 0 if none.
 */
static size_t
name_entry_at(const char *entry, char tokens[][32], size_t n, size_t i)
{
	const char *sp = strchr(entry, ' ');

	if (sp == NULL)
		return strcmp(tokens[i], entry) == 0 ? 1 : 0;
	if (i + 1 >= n || strncmp(tokens[i], entry, (size_t)(sp - entry)) != 0 ||
	    tokens[i][sp - entry] != '\0' || strcmp(tokens[i + 1], sp + 1) != 0)
		return 0;
	return 2;
}

/* Append a matched token (or pair) to the evidence text of a type. */
static void
name_note(char *out, size_t size, char tokens[][32], size_t i, size_t k)
{
	size_t	len = strlen(out);

	snprintf(out + len, size - len, "%s%s%s%s", len ? "," : "", tokens[i],
	    k == 2 ? "_" : "", k == 2 ? tokens[i + 1] : "");
}

/*
 * Tokens that make a name describe something about a value rather than
 * the value itself: password_hint, password_changed_at, token_count,
 * api_key_id. The type is still named (a hint is worth a look), but a
 * type that its name alone may decide (rule 6 of docs/classification.md)
 * is not decided by such a name.
 */
static const char *const name_meta[] = { "hint", "hints", "question",
	"answer", "changed", "updated", "created", "modified", "set",
	"expires", "expiry", "expired", "expiration", "at", "on", "date",
	"time", "ts", "timestamp", "count", "counter", "attempts", "tries",
	"failures", "length", "len", "policy", "type", "kind", "required",
	"strength", "last", "age", "status", "state", "enabled", "flag",
	"is", "has", "algorithm", "algo", "scheme", "format", "version", "id",
	"name", "label", "scope", "scopes", "prefix", "salt", "rotation",
	NULL };

/* Which types the tokens of name name, and which they rule out. */
void
cls_name_evidence(const char *name, struct cls_name_evidence *ev)
{
	char	tokens[CLS_MAX_TOKENS][32];
	size_t	n, i, t, e, k;

	memset(ev, 0, sizeof *ev);
	n = cls_name_tokens(name, tokens, CLS_MAX_TOKENS);
	for (i = 0; i < n; i++) {
		if (cls_in_list(tokens[i], name_meta))
			ev->meta = true;
		for (t = 0; t < cls_ntypes && t < CLS_MAX_TYPES; t++) {
			const char *const *names = cls_types[t].names;
			const char *const *nots = cls_types[t].not_names;

			for (e = 0; nots != NULL && nots[e] != NULL; e++) {
				if (name_entry_at(nots[e], tokens, n, i) > 0)
					ev->excluded |= (uint64_t)1 << t;
			}
			if (cls_types[t].generic_names != NULL &&
			    cls_in_list(tokens[i], cls_types[t].generic_names))
				ev->generic |= (uint64_t)1 << t;

			for (e = 0; names != NULL && names[e] != NULL; e++) {
				k = name_entry_at(names[e], tokens, n, i);
				if (k == 0)
					continue;
				ev->types |= (uint64_t)1 << t;
				name_note(ev->tokens[t], sizeof ev->tokens[t],
				    tokens, i, k);
				break;
			}
		}
	}
}
