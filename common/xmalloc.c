/*
 * common/xmalloc.c: allocators that abort on out-of-memory.
 *
 * A scanner that runs out of memory half way through a relation has no
 * sensible way to go on, and checking every small allocation would bury
 * the code that matters; so these abort with a message instead.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"

/* Print the out-of-memory message and abort. Never returns. */
static void __attribute__((noreturn))
xmalloc_fail(size_t size)
{
	fprintf(stderr, "pgsift: out of memory (allocating %zu bytes)\n",
	    size);
	abort();
}

/* malloc() that never returns NULL. */
void *
xmalloc(size_t size)
{
	void   *p;

	p = malloc(size == 0 ? 1 : size);
	if (p == NULL)
		xmalloc_fail(size);
	return p;
}

/* calloc() that never returns NULL. */
void *
xcalloc(size_t nmemb, size_t size)
{
	void   *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		xmalloc_fail(nmemb * size);
	return p;
}

/* realloc() of nmemb * size bytes, checked for overflow; never NULL. */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void   *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		xmalloc_fail(SIZE_MAX);
	p = realloc(ptr, nmemb * size == 0 ? 1 : nmemb * size);
	if (p == NULL)
		xmalloc_fail(nmemb * size);
	return p;
}

/* strdup() that never returns NULL. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* strndup() that never returns NULL. */
char *
xstrndup(const char *s, size_t n)
{
	size_t	len;
	char   *p;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* A newly allocated printf-formatted string; never NULL. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	int	len;
	char   *p;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		xmalloc_fail(0);
	p = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}
