/*
 * common/log.h: the one place modules write messages to the user.
 *
 * Lines go to stderr prefixed "pgsift: ". Never pass a sampled value.
 */
#ifndef PGSIFT_COMMON_LOG_H
#define PGSIFT_COMMON_LOG_H

enum sift_log_level {
	SIFT_LOG_ERROR = 0,
	SIFT_LOG_WARNING,
	SIFT_LOG_INFO,
	SIFT_LOG_DEBUG
};

/* Messages above level are dropped; the default is SIFT_LOG_WARNING. */
void	sift_log_set_level(enum sift_log_level level);
enum sift_log_level sift_log_get_level(void);

/*
 * Call fn(arg) before each line is written (a progress line on the
 * terminal clears itself); NULL for none.
 */
void	sift_log_set_hook(void (*fn)(void *arg), void *arg);

/* Write one line at level; the format needs no trailing newline. */
void	sift_log(enum sift_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* PGSIFT_COMMON_LOG_H */
