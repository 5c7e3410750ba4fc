/*
 * tests/unit/common/test-error.c: filling struct sift_err.
 */
#include <string.h>

#include "common/error.h"
#include "tests/lib/tap.h"

int
main(void)
{
	struct sift_err err;
	char	longmsg[2000];

	tap_is_int(sift_err_set(&err, SIFT_E_QUERY, "could not %s: %d", "x", 3),
	    -1, "sift_err_set returns -1");
	tap_is_int(err.code, SIFT_E_QUERY, "the code is kept");
	tap_is_str(err.msg, "could not x: 3", "the message is formatted");
	sift_err_set(&err, SIFT_E_CONNECT, "server closed\nthe connection\n");
	tap_is_str(err.msg, "server closed the connection",
	    "newlines become spaces and the trailing one goes");
	sift_err_prefix(&err, "could not connect to \"%s\"", "db");
	tap_is_str(err.msg,
	    "could not connect to \"db\": server closed the connection",
	    "prefix puts the context first");
	tap_is_int(err.code, SIFT_E_CONNECT, "prefix keeps the code");
	memset(longmsg, 'a', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	sift_err_set(&err, SIFT_E_IO, "%s", longmsg);
	tap_is_int((long long)strlen(err.msg), (long long)sizeof err.msg - 1,
	    "a long message is cut to the buffer");
	tap_is_int(sift_err_set(NULL, SIFT_E_IO, "x"), -1,
	    "a NULL err is allowed");
	sift_err_clear(&err);
	tap_ok(err.code == SIFT_E_OK && err.msg[0] == '\0', "clear resets");
	return tap_done();
}
