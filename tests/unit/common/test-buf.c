/*
 * tests/unit/common/test-buf.c: the growable buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "tests/lib/tap.h"

int
main(void)
{
	struct sift_buf b;
	char   *s;
	int	i;

	sift_buf_init(&b);
	tap_is_str(b.data, "", "a new buffer is an empty string");
	sift_buf_addstr(&b, "abc");
	sift_buf_addch(&b, '-');
	sift_buf_printf(&b, "%d/%s", 42, "x");
	tap_is_str(b.data, "abc-42/x", "add, addch and printf append in order");
	tap_is_int((long long)b.len, 8, "len counts the bytes added");
	for (i = 0; i < 1000; i++)
		sift_buf_add(&b, "0123456789", 10);
	tap_is_int((long long)b.len, 10008, "the buffer grows past its first size");
	tap_ok(b.data[b.len] == '\0', "the data stays NUL-terminated");
	sift_buf_reset(&b);
	tap_is_str(b.data, "", "reset empties the buffer");
	sift_buf_add(&b, "a\0b", 3);
	tap_ok(b.len == 3 && memcmp(b.data, "a\0b", 3) == 0,
	    "binary data with a NUL is kept whole");
	s = sift_buf_detach(&b);
	tap_ok(s != NULL && s[1] == '\0', "detach hands over the data");
	tap_ok(b.data == NULL && b.len == 0,
	    "after detach the buffer holds nothing");
	free(s);
	sift_buf_init(&b);
	sift_buf_addstr(&b, "again");
	tap_is_str(b.data, "again", "a detached buffer can be set up again");
	sift_buf_release(&b);
	return tap_done();
}
