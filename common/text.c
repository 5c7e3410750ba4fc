/*
 * common/text.c: checking UTF-8 and escaping what a terminal, a log or a
 * report must not receive raw.
 *
 * Names come from the scanned database. In a SQL_ASCII database they may
 * hold any bytes, and in any database control characters: an ESC that
 * recolours the terminal, a newline that forges a log line. What pgsift
 * stores stays as it was given where it is well-formed; what it prints
 * for people is escaped.
 */
#include <string.h>

#include "common/text.h"

/* The length of the UTF-8 character at s (see text.h). */
size_t
sift_utf8_char(const unsigned char *s, size_t len)
{
	size_t	n, i;
	unsigned int cp;

	if (len == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;	/* a continuation byte, 0xc0, 0xc1, 0xf5.. */
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, beyond Unicode. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* Is s well-formed UTF-8 (see text.h)? */
bool
sift_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	i = 0, n;

	while (i < len) {
		n = sift_utf8_char(u + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* Append s to b, escaped (see text.h). */
void
sift_buf_add_clean(struct sift_buf *b, const char *s, bool controls)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	len = strlen(s), i = 0, n;

	while (i < len) {
		n = sift_utf8_char(u + i, len - i);
		if (n == 0 || (controls && n == 1 && (u[i] < 0x20 ||
		    u[i] == 0x7f))) {
			sift_buf_printf(b, "\\x%02x", u[i]);
			i++;
			continue;
		}
		sift_buf_add(b, u + i, n);
		i += n;
	}
}

/* An escaped copy of s, or NULL when it needs none (see text.h). */
char *
sift_utf8_escape(const char *s)
{
	struct sift_buf b;

	if (sift_utf8_valid(s, strlen(s)))
		return NULL;
	sift_buf_init(&b);
	sift_buf_add_clean(&b, s, false);
	return sift_buf_detach(&b);
}

/* Write s to f, escaped (see text.h). */
void
sift_fput_clean(FILE *f, const char *s)
{
	struct sift_buf b;

	sift_buf_init(&b);
	sift_buf_add_clean(&b, s, true);
	fwrite(b.data, 1, b.len, f);
	sift_buf_release(&b);
}
