/*
 * tests/unit/common/test-text.c: UTF-8 checks and the escaping of names
 * before they reach a terminal, a log or the catalog.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text.h"
#include "tests/lib/tap.h"

/* s escaped by sift_buf_add_clean(); the caller frees. */
static char *
clean(const char *s, int controls)
{
	struct sift_buf b;

	sift_buf_init(&b);
	sift_buf_add_clean(&b, s, controls != 0);
	return sift_buf_detach(&b);
}

/* Is clean(s, controls) want? */
static void
is_clean(const char *s, int controls, const char *want, const char *what)
{
	char   *got = clean(s, controls);

	tap_is_str(got, want, "%s", what);
	free(got);
}

static void
test_utf8(void)
{
	static const struct {
		const char *s;
		int	valid;
		const char *what;
	} cases[] = {
		{ "plain", 1, "ASCII" },
		{ "caf\xc3\xa9", 1, "a two-byte character" },
		{ "\xe2\x82\xac", 1, "a three-byte character (euro)" },
		{ "\xf0\x9f\x98\x80", 1, "a four-byte character (emoji)" },
		{ "\xff", 0, "0xff is never UTF-8" },
		{ "caf\xe9", 0, "a LATIN1 byte" },
		{ "\xc0\xaf", 0, "an overlong slash" },
		{ "\xe0\x80\xaf", 0, "an overlong three-byte form" },
		{ "\xed\xa0\x80", 0, "a UTF-16 surrogate" },
		{ "\xf4\x90\x80\x80", 0, "past U+10FFFF" },
		{ "\xe2\x82", 0, "a character cut short" },
		{ "\x80", 0, "a lone continuation byte" },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		tap_is_int(sift_utf8_valid(cases[i].s, strlen(cases[i].s)),
		    cases[i].valid, "sift_utf8_valid: %s", cases[i].what);
	tap_is_int((long long)sift_utf8_char((const unsigned char *)
	    "\xf0\x9f\x98\x80", 3), 0,
	    "a character longer than the bytes left is not one");
}

static void
test_clean(void)
{
	char   *e;

	is_clean("bad\xff", 0, "bad\\xff", "an invalid byte is written \\xNN");
	is_clean("caf\xc3\xa9 \xf0\x9f\x98\x80", 0, "caf\xc3\xa9 \xf0\x9f\x98\x80",
	    "well-formed UTF-8 is kept");
	is_clean("a\nb\x1b[31m", 0, "a\nb\x1b[31m",
	    "without controls, control characters are kept");
	is_clean("a\nb\x1b[31mc\x7f", 1, "a\\x0ab\\x1b[31mc\\x7f",
	    "with controls, newline, ESC and DEL are escaped");
	is_clean("back\\slash", 1, "back\\slash", "a backslash stays");
	e = sift_utf8_escape("ok \xc3\xa9");
	tap_ok(e == NULL, "sift_utf8_escape: NULL for well-formed text");
	e = sift_utf8_escape("t\xfe");
	tap_is_str(e, "t\\xfe", "sift_utf8_escape: a copy with \\xNN");
	free(e);
}

int
main(void)
{
	test_utf8();
	test_clean();
	return tap_done();
}
