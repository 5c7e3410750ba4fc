/*
 * common/jsonpos.c: the position of a value in a JSON text.
 *
 * cJSON keeps no positions, so a reader that finds something wrong in a
 * well-formed file knows the path of the value ("rules[2].pattern") but
 * not where it is. This walks the text once more, building each value's
 * path as it goes, until it meets the one asked for. The text has already
 * been parsed, so the walker only needs to follow well-formed JSON; it
 * stops, without reading past the end, on anything else.
 */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/jsonpos.h"

#define JP_PATH		256	/* longest path followed */
#define JP_DEPTH	1100	/* deeper than any parser we use accepts */

struct jp {
	const char *text;
	const char *s;		/* next byte */
	const char *end;
	const char *want;	/* the path looked for */
	char	path[JP_PATH];	/* the path of the value being read */
	bool	found;
	size_t	off;
};

static bool jp_value(struct jp *p, size_t plen, int depth);

/* Skip JSON white space. */
static void
jp_space(struct jp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' ||
	    *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

/*
 * Read the string at p->s (its opening quote), copying its raw contents
 * to out (an escape keeps the byte after its backslash) when out is not
 * NULL. False when it does not end.
 */
static bool
jp_string(struct jp *p, char *out, size_t size)
{
	size_t	n = 0;

	p->s++;
	while (p->s < p->end && *p->s != '"') {
		if (*p->s == '\\' && p->s + 1 < p->end)
			p->s++;
		if (out != NULL && n + 1 < size)
			out[n++] = *p->s;
		p->s++;
	}
	if (out != NULL)
		out[n] = '\0';
	if (p->s >= p->end)
		return false;
	p->s++;
	return true;
}

/*
 * After a member or element: 1 past a comma (another follows), 0 past the
 * closing bracket close, -1 on anything else.
 */
static int
jp_next(struct jp *p, char close)
{
	char	c;

	jp_space(p);
	if (p->s >= p->end || (*p->s != ',' && *p->s != close))
		return -1;
	c = *p->s++;
	jp_space(p);
	return c == ',' ? 1 : 0;
}

/* Is the value starting now, or the member key at key, the one wanted? */
static void
jp_check(struct jp *p, const char *at)
{
	if (!p->found && strcmp(p->path, p->want) == 0) {
		p->found = true;
		p->off = (size_t)(at - p->text);
	}
}

/* Read an object's members, the path so far being plen bytes. */
static bool
jp_object(struct jp *p, size_t plen, int depth)
{
	char	key[JP_PATH];
	const char *at;

	p->s++;
	jp_space(p);
	if (p->s < p->end && *p->s == '}') {
		p->s++;
		return true;
	}
	while (p->s < p->end && *p->s == '"') {
		at = p->s;
		if (!jp_string(p, key, sizeof key))
			return false;
		snprintf(p->path + plen, sizeof p->path - plen, "%s%s",
		    plen ? "." : "", key);
		jp_check(p, at);
		jp_space(p);
		if (p->s >= p->end || *p->s != ':')
			return false;
		p->s++;
		if (!jp_value(p, strlen(p->path), depth + 1))
			return false;
		p->path[plen] = '\0';
		switch (jp_next(p, '}')) {
		case 1:
			continue;
		case 0:
			return true;
		default:
			return false;
		}
	}
	return false;
}

/* Read an array's elements, the path so far being plen bytes. */
static bool
jp_array(struct jp *p, size_t plen, int depth)
{
	size_t	i = 0;

	p->s++;
	jp_space(p);
	if (p->s < p->end && *p->s == ']') {
		p->s++;
		return true;
	}
	for (;;) {
		snprintf(p->path + plen, sizeof p->path - plen, "[%zu]", i++);
		if (!jp_value(p, strlen(p->path), depth + 1))
			return false;
		p->path[plen] = '\0';
		switch (jp_next(p, ']')) {
		case 1:
			continue;
		case 0:
			return true;
		default:
			return false;
		}
	}
}

/* Read one value of any kind, whose path is p->path (plen bytes). */
static bool
jp_value(struct jp *p, size_t plen, int depth)
{
	jp_space(p);
	if (p->s >= p->end || depth > JP_DEPTH || plen + 1 >= JP_PATH)
		return false;
	jp_check(p, p->s);
	if (p->found)
		return true;
	switch (*p->s) {
	case '{':
		return jp_object(p, plen, depth);
	case '[':
		return jp_array(p, plen, depth);
	case '"':
		return jp_string(p, NULL, 0);
	default:
		/* A number, true, false or null. */
		while (p->s < p->end && strchr(",]} \t\r\n", *p->s) == NULL)
			p->s++;
		return true;
	}
}

/* Find the value at path (see jsonpos.h). */
bool
sift_json_locate(const char *text, size_t len, const char *path,
    size_t *off)
{
	struct jp p;

	memset(&p, 0, sizeof p);
	p.text = p.s = text;
	p.end = text + len;
	p.want = strcmp(path, "top level") == 0 ? "" : path;
	(void)jp_value(&p, 0, 0);
	if (p.found)
		*off = p.off;
	return p.found;
}

/* Put the line and column of err's path into its message (jsonpos.h). */
void
sift_err_json_position(struct sift_err *err, const char *file,
    const char *text, size_t len)
{
	char	where[JP_PATH + 16], rest[sizeof err->msg];
	const char *m = err->msg, *sep, *key;
	size_t	flen = strlen(file), off, line, col, klen;
	bool	found = false;

	if (strncmp(m, file, flen) != 0 || strncmp(m + flen, ": ", 2) != 0)
		return;
	m += flen + 2;
	sep = strstr(m, ": ");
	if (sep == NULL || (size_t)(sep - m) >= JP_PATH)
		return;
	snprintf(rest, sizeof rest, "%s", sep + 2);
	/*
	 * Point at the member the message is about, when it names one:
	 * 'unknown key "k"', 'unknown validator ...', or a message that
	 * begins with the member's key ("min_share must be ...").
	 */
	if (strncmp(rest, "unknown key \"", 13) == 0) {
		key = rest + 13;
		klen = strcspn(key, "\"");
	} else if (strncmp(rest, "unknown validator", 17) == 0) {
		key = "validator";
		klen = 9;
	} else {
		key = rest;
		klen = strcspn(key, " ");
	}
	if (klen > 0 && klen < JP_PATH) {
		snprintf(where, sizeof where, "%.*s.%.*s", (int)(sep - m), m,
		    (int)klen, key);
		found = sift_json_locate(text, len, where, &off);
	}
	snprintf(where, sizeof where, "%.*s", (int)(sep - m), m);
	if (!found && !sift_json_locate(text, len, where, &off))
		return;
	sift_text_position(text, off, &line, &col);
	sift_err_set(err, err->code, "%s:%zu:%zu: %s: %s", file, line, col,
	    where, rest);
}
