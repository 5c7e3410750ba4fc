/*
 * classifiers/json.c: walking a JSON document to its leaves, each with
 * its path ("contact.email", "orders[].card"), so a json or jsonb column
 * is classified path by path.
 *
 * Strings are unescaped (\uXXXX to UTF-8, surrogate pairs joined);
 * numbers are passed as written, so a 16-digit number keeps its digits;
 * true, false and null are skipped. A document cut short (the scanner
 * reads at most 4096 characters of a value) or malformed ends the walk
 * where the problem is: the leaves before it count.
 */
#include <stdio.h>
#include <string.h>

#include "classifiers/classifiers-int.h"

#define JSON_MAX_DEPTH	32
#define JSON_TAIL	64	/* path bytes kept for ".*.key" */

/* The walk's state. */
struct json_walk {
	const char *s;
	size_t	len;
	size_t	pos;
	char	path[CLS_JSON_PATH];
	size_t	plen;
	int	cut;			/* levels pushed since the path did
					   not fit; 0: it fits */
	const char *last;		/* the last key read, while cut */
	char	value[CLS_MAX_VALUE + 1];
	cls_json_leaf_fn *leaf;
	void   *arg;
};

/* Skip white space. */
static void
json_space(struct json_walk *w)
{
	while (w->pos < w->len && (w->s[w->pos] == ' ' ||
	    w->s[w->pos] == '\t' || w->s[w->pos] == '\n' ||
	    w->s[w->pos] == '\r'))
		w->pos++;
}

/* Four hex digits at w->pos into *u. */
static bool
json_hex4(struct json_walk *w, unsigned int *u)
{
	size_t	i;

	*u = 0;
	if (w->pos + 4 > w->len)
		return false;
	for (i = 0; i < 4; i++) {
		char	c = w->s[w->pos++];

		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u |= (unsigned int)(c - 'A' + 10);
		else
			return false;
	}
	return true;
}

/* Append code point u as UTF-8 to out (n bytes used of size). */
static void
json_utf8(unsigned int u, char *out, size_t *n, size_t size)
{
	unsigned char b[4];
	size_t	k, i;

	if (u < 0x80) {
		b[0] = (unsigned char)u;
		k = 1;
	} else if (u < 0x800) {
		b[0] = (unsigned char)(0xc0 | (u >> 6));
		b[1] = (unsigned char)(0x80 | (u & 0x3f));
		k = 2;
	} else if (u < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (u >> 12));
		b[1] = (unsigned char)(0x80 | ((u >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (u & 0x3f));
		k = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (u >> 18));
		b[1] = (unsigned char)(0x80 | ((u >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((u >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (u & 0x3f));
		k = 4;
	}
	for (i = 0; i < k && *n + 1 < size; i++)
		out[(*n)++] = (char)b[i];
}

/*
 * A string at w->pos (on its opening quote), unescaped into out (size
 * bytes, truncated to fit). Returns its length, or -1 if malformed.
 */
static long
json_string(struct json_walk *w, char *out, size_t size)
{
	size_t	n = 0;
	unsigned int u, lo;

	w->pos++;
	while (w->pos < w->len) {
		char	c = w->s[w->pos++];

		if (c == '"') {
			out[n] = '\0';
			return (long)n;
		}
		if (c != '\\') {
			if (n + 1 < size)
				out[n++] = c;
			continue;
		}
		if (w->pos >= w->len)
			return -1;
		c = w->s[w->pos++];
		switch (c) {
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u':
			if (!json_hex4(w, &u))
				return -1;
			if (u >= 0xd800 && u < 0xdc00 && w->pos + 6 <= w->len &&
			    w->s[w->pos] == '\\' && w->s[w->pos + 1] == 'u') {
				w->pos += 2;
				if (!json_hex4(w, &lo) || lo < 0xdc00 || lo > 0xdfff)
					return -1;
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			}
			json_utf8(u, out, &n, size);
			continue;
		default:
			break;		/* \" \\ \/ */
		}
		if (n + 1 < size)
			out[n++] = c;
	}
	return -1;
}

/*
 * Extend the path with ".key", "key" or "[]"; returns the old length.
 * Past CLS_JSON_PATH bytes (less JSON_TAIL kept for what json_leaf()
 * adds), the path stays where it was and the levels below it are
 * counted, so that the right level is restored on the way back up.
 */
static size_t
json_push(struct json_walk *w, const char *part, bool array)
{
	size_t	old = w->plen, room = sizeof w->path - JSON_TAIL;
	int	k;

	if (w->cut > 0) {
		w->cut++;
		return old;
	}
	k = snprintf(w->path + w->plen, room - w->plen, "%s%s",
	    array ? "" : (w->plen ? "." : ""), array ? "[]" : part);
	if (k < 0 || (size_t)k >= room - w->plen) {
		w->cut = 1;
		w->path[old] = '\0';
		return old;
	}
	w->plen += (size_t)k;
	return old;
}

/* Back to a path of length old (see json_push()). */
static void
json_pop(struct json_walk *w, size_t old)
{
	if (w->cut > 0 && --w->cut > 0)
		return;
	w->plen = old;
	w->path[old] = '\0';
}

/*
 * Hand a leaf to the caller. When its path did not fit, under the head
 * that did, "*" for what was left out, and its own key: "a.*.email".
 */
static void
json_leaf(struct json_walk *w, const char *v, size_t len, bool number)
{
	if (w->cut > 0)
		snprintf(w->path + w->plen, JSON_TAIL, "%s*%s%.*s",
		    w->plen ? "." : "", w->last ? "." : "",
		    JSON_TAIL - 8, w->last ? w->last : "");
	w->leaf(w->arg, w->path, v, len, number);
	w->path[w->plen] = '\0';
}

static bool json_value(struct json_walk *w, int depth);

/* An object at w->pos (on its brace). */
static bool
json_object(struct json_walk *w, int depth)
{
	char	key[CLS_JSON_PATH];
	size_t	old;

	w->pos++;
	json_space(w);
	if (w->pos < w->len && w->s[w->pos] == '}') {
		w->pos++;
		return true;
	}
	for (;;) {
		json_space(w);
		if (w->pos >= w->len || w->s[w->pos] != '"' ||
		    json_string(w, key, sizeof key) < 0)
			return false;
		json_space(w);
		if (w->pos >= w->len || w->s[w->pos++] != ':')
			return false;
		old = json_push(w, key, false);
		w->last = key;
		if (!json_value(w, depth + 1))
			return false;
		w->last = NULL;
		json_pop(w, old);
		json_space(w);
		if (w->pos >= w->len)
			return false;
		if (w->s[w->pos] == '}') {
			w->pos++;
			return true;
		}
		if (w->s[w->pos++] != ',')
			return false;
	}
}

/* An array at w->pos (on its bracket): every element under "[]". */
static bool
json_array(struct json_walk *w, int depth)
{
	size_t	old;

	w->pos++;
	json_space(w);
	if (w->pos < w->len && w->s[w->pos] == ']') {
		w->pos++;
		return true;
	}
	old = json_push(w, NULL, true);
	for (;;) {
		if (!json_value(w, depth + 1))
			return false;
		json_space(w);
		if (w->pos >= w->len)
			return false;
		if (w->s[w->pos] == ']') {
			w->pos++;
			json_pop(w, old);
			return true;
		}
		if (w->s[w->pos++] != ',')
			return false;
	}
}

/* Any value at w->pos; leaves go to the callback. */
static bool
json_value(struct json_walk *w, int depth)
{
	size_t	start;
	long	n;
	char	c;

	if (depth > JSON_MAX_DEPTH)
		return false;
	json_space(w);
	if (w->pos >= w->len)
		return false;
	c = w->s[w->pos];
	if (c == '{')
		return json_object(w, depth);
	if (c == '[')
		return json_array(w, depth);
	if (c == '"') {
		n = json_string(w, w->value, sizeof w->value);
		if (n < 0)
			return false;
		json_leaf(w, w->value, (size_t)n, false);
		return true;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		start = w->pos;
		while (w->pos < w->len && strchr("+-0123456789.eE",
		    w->s[w->pos]) != NULL && w->s[w->pos] != '\0')
			w->pos++;
		if (w->pos >= w->len)
			return false;	/* cut short: the number may be too */
		json_leaf(w, w->s + start, w->pos - start, true);
		return true;
	}
	for (start = w->pos; w->pos < w->len && w->s[w->pos] >= 'a' &&
	    w->s[w->pos] <= 'z'; w->pos++)
		;
	n = (long)(w->pos - start);
	return (n == 4 && (memcmp(w->s + start, "true", 4) == 0 ||
	    memcmp(w->s + start, "null", 4) == 0)) ||
	    (n == 5 && memcmp(w->s + start, "false", 5) == 0);
}

/* Walk a document (see the file comment). */
bool
cls_json_walk(const char *s, size_t len, cls_json_leaf_fn *leaf, void *arg)
{
	struct json_walk w;

	w.s = s;
	w.len = len;
	w.pos = 0;
	w.plen = 0;
	w.path[0] = '\0';
	w.cut = 0;
	w.last = NULL;
	w.leaf = leaf;
	w.arg = arg;
	if (!json_value(&w, 0))
		return false;
	json_space(&w);
	return w.pos == w.len;
}
