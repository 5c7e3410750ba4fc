/*
 * common/jsonpos.h: where in a JSON file a value is, so that an error
 * about a well-formed file's content ("rules[2].pattern: bad pattern")
 * can name the line and column, as a syntax error does.
 */
#ifndef PGSIFT_COMMON_JSONPOS_H
#define PGSIFT_COMMON_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

/*
 * Find the value at path in the well-formed JSON text of len bytes: path
 * is "top level", or members and elements as "rules[2].pattern" or
 * "builtin.EMAIL_ADDRESS". An object member is found at its key. Sets
 * *off to its byte offset and returns true, or returns false when no
 * such value exists.
 */
bool	sift_json_locate(const char *text, size_t len, const char *path,
    size_t *off);

/*
 * err holds "FILE: PATH: message", as the rules and sources readers set
 * it: rewrite it to "FILE:LINE:COLUMN: PATH: message" when PATH can be
 * found in text. When the message names a member of PATH ('unknown key
 * "k"', "min_share must be ...") that member is pointed at.
 * Leaves err alone otherwise.
 */
void	sift_err_json_position(struct sift_err *err, const char *file,
    const char *text, size_t len);

#endif
