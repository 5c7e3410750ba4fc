/*
 * common/text.h: text from a database shown safely: UTF-8 checked, and
 * control characters escaped before a name reaches a terminal or a log.
 */
#ifndef PGSIFT_COMMON_TEXT_H
#define PGSIFT_COMMON_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/buf.h"

/*
 * The length of the well-formed UTF-8 character at s, of at most len
 * bytes: 1 to 4, or 0 when the bytes there are not one (overlong forms,
 * surrogates and code points past U+10FFFF are not).
 */
size_t	sift_utf8_char(const unsigned char *s, size_t len);

/* Is s (len bytes) well-formed UTF-8? */
bool	sift_utf8_valid(const char *s, size_t len);

/*
 * Append the NUL-terminated s to b with every byte that is not part of
 * well-formed UTF-8 written as \xNN, and, when controls is true, every
 * control character (U+0000..U+001F, U+007F) too.
 */
void	sift_buf_add_clean(struct sift_buf *b, const char *s, bool controls);

/*
 * A copy of s with what is not well-formed UTF-8 as \xNN (controls
 * kept), or NULL when s is well-formed already. Caller frees.
 */
char   *sift_utf8_escape(const char *s);

/*
 * Write s to f as sift_buf_add_clean() with controls: a table or schema
 * named with an escape sequence or a newline cannot recolour a terminal
 * or forge a line of output.
 */
void	sift_fput_clean(FILE *f, const char *s);

#endif /* PGSIFT_COMMON_TEXT_H */
