/*
 * common/error.h: the error struct every module fills.
 *
 * Module functions return 0 or -1 (or a pointer or NULL) and describe the
 * failure in a caller-owned struct sift_err. Only cli/ turns an error code
 * into a message on stderr and an exit status.
 */
#ifndef PGSIFT_COMMON_ERROR_H
#define PGSIFT_COMMON_ERROR_H

enum sift_errcode {
	SIFT_E_OK = 0,
	SIFT_E_USAGE,		/* bad option or argument */
	SIFT_E_CONNECT,		/* could not connect to PostgreSQL */
	SIFT_E_QUERY,		/* a query failed */
	SIFT_E_CATALOG,		/* the catalog file is unusable */
	SIFT_E_NOTFOUND,	/* asked-for object does not exist */
	SIFT_E_IO,		/* file system error */
	SIFT_E_RULES,		/* bad classifier rules */
	SIFT_E_INTERRUPTED,	/* stopped by a signal, what was done kept */
	SIFT_E_INTERNAL		/* a bug or an impossible state */
};

struct sift_err {
	enum sift_errcode code;
	char		  sqlstate[6];	/* from PostgreSQL, "" if none */
	char		  msg[512];	/* one line, no trailing newline */
};

/*
 * Fill err (if not NULL) with code and a printf-style message and return -1,
 * so that callers can write "return sift_err_set(err, ...);". Newlines in
 * the formatted message are replaced by spaces and trailing white space is
 * dropped, so messages from libpq or SQLite stay on one line.
 */
int	sift_err_set(struct sift_err *err, enum sift_errcode code,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Reset err to "no error". err may be NULL. */
void	sift_err_clear(struct sift_err *err);

/*
 * Prepend a printf-style context to the message already in err, separated
 * by ": ", keeping its code and SQLSTATE. Returns -1.
 */
int	sift_err_prefix(struct sift_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* PGSIFT_COMMON_ERROR_H */
