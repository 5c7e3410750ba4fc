/*
 * common/xmalloc.h: allocators that never return NULL.
 *
 * On out-of-memory they print a message and abort(): the only way code
 * outside main() may end the process.
 */
#ifndef PGSIFT_COMMON_XMALLOC_H
#define PGSIFT_COMMON_XMALLOC_H

#include <stddef.h>

/* Like malloc(), calloc(), realloc(), strdup(), strndup(); never NULL. */
void   *xmalloc(size_t size);
void   *xcalloc(size_t nmemb, size_t size);
void   *xreallocarray(void *ptr, size_t nmemb, size_t size);
char   *xstrdup(const char *s);
char   *xstrndup(const char *s, size_t n);

/* A printf-formatted string the caller frees with free(). */
char   *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* PGSIFT_COMMON_XMALLOC_H */
