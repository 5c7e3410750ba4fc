/*
 * tests/unit/common/test-jsonpos.c: finding a value's line and column in
 * a JSON text from its path, and errors rewritten with them.
 */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/jsonpos.h"
#include "tests/lib/tap.h"

static const char doc[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"rules\": [\n"
    "    { \"id\": \"A\", \"pattern\": \"x\" },\n"
    "    { \"id\": \"B\\\"q\", \"tags\": [1, [2, 3], {\"k\": null}],\n"
    "      \"pattern\": \"(\" }\n"
    "  ],\n"
    "  \"builtin\": { \"EMAIL_ADDRESS\": { \"min_share\": 2 } }\n"
    "}\n";

/* "LINE:COL" of path in doc, or "none". */
static const char *
where(const char *path)
{
	static char out[32];
	size_t	off, line, col;

	if (!sift_json_locate(doc, strlen(doc), path, &off))
		return "none";
	sift_text_position(doc, off, &line, &col);
	snprintf(out, sizeof out, "%zu:%zu", line, col);
	return out;
}

static void
test_locate(void)
{
	tap_is_str(where("top level"), "1:1", "the top level is at 1:1");
	tap_is_str(where("version"), "2:3", "a member is found at its key");
	tap_is_str(where("rules[0]"), "4:5", "an element at its first byte");
	tap_is_str(where("rules[1].pattern"), "6:7",
	    "a member of the second element, past nested arrays and objects");
	tap_is_str(where("rules[1].tags[1][0]"), "5:34",
	    "an element of a nested array");
	tap_is_str(where("rules[1].tags[2].k"), "5:42",
	    "a member inside an array inside an element");
	tap_is_str(where("builtin.EMAIL_ADDRESS"), "8:16",
	    "a member of a member");
	tap_is_str(where("rules[2]"), "none", "an element past the end is not");
	tap_is_str(where("rules[1].nosuch"), "none", "nor a missing member");
}

static void
test_rewrite(void)
{
	struct sift_err err;

	sift_err_set(&err, SIFT_E_RULES, "r.json: rules[1].pattern: bad "
	    "pattern at offset 1: missing closing parenthesis");
	sift_err_json_position(&err, "r.json", doc, strlen(doc));
	tap_is_str(err.msg, "r.json:6:7: rules[1].pattern: bad pattern at "
	    "offset 1: missing closing parenthesis",
	    "an error gets the line and column of its path");
	tap_is_int(err.code, SIFT_E_RULES, "...keeping its code");

	sift_err_set(&err, SIFT_E_RULES, "r.json: rules[1]: unknown key "
	    "\"tags\"");
	sift_err_json_position(&err, "r.json", doc, strlen(doc));
	tap_is_str(err.msg, "r.json:5:21: rules[1]: unknown key \"tags\"",
	    "an unknown key is pointed at itself");

	sift_err_set(&err, SIFT_E_RULES, "r.json: builtin.EMAIL_ADDRESS: "
	    "min_share must be a number in (0, 1]");
	sift_err_json_position(&err, "r.json", doc, strlen(doc));
	tap_is_str(err.msg, "r.json:8:35: builtin.EMAIL_ADDRESS: min_share "
	    "must be a number in (0, 1]",
	    "a message that begins with a member's key points at it");

	sift_err_set(&err, SIFT_E_RULES, "r.json: rules[7]: gone");
	sift_err_json_position(&err, "r.json", doc, strlen(doc));
	tap_is_str(err.msg, "r.json: rules[7]: gone",
	    "a path that is not there leaves the message alone");

	sift_err_set(&err, SIFT_E_RULES, "other.json: rules[0]: x");
	sift_err_json_position(&err, "r.json", doc, strlen(doc));
	tap_is_str(err.msg, "other.json: rules[0]: x",
	    "so does a message about another file");

	sift_err_set(&err, SIFT_E_RULES, "r.json: rules[0]: x");
	sift_err_json_position(&err, "r.json", "{\"rules\": [", 11);
	tap_is_str(err.msg, "r.json: rules[0]: x",
	    "a text cut short is read no further than its end");
}

int
main(void)
{
	test_locate();
	test_rewrite();
	return tap_done();
}
