/*
 * classifiers/valid-password.c: stored password hashes.
 *
 * The formats that applications and databases store: bcrypt
 * ($2a$/$2b$/$2x$/$2y$, cost 04-31, 53 characters of salt and hash),
 * SHA-crypt ($5$ and $6$, optional rounds=, salt up to 16, hash 43 or
 * 86), MD5-crypt ($1$ and Apache's $apr1$), yescrypt ($y$), PHC strings
 * of argon2 ($argon2id$v=19$m=...,t=...,p=...$salt$hash), scrypt and
 * pbkdf2, Django's pbkdf2_sha256$iterations$salt$hash, and PostgreSQL's
 * own md5<32 hex> and SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey.
 * Bare hex digests (unsalted MD5, SHA-1, SHA-2) validate too but are
 * weak: checksums look the same, so they need the column's name.
 * A plain-text password cannot be recognised by its value: the column's
 * name has to say so (docs/classification.md).
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Is c in the crypt(3) alphabet ./0-9A-Za-z? */
static bool
pw_crypt64(char c)
{
	return c == '.' || c == '/' || (c >= '0' && c <= '9') ||
	    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Is c in the base64 alphabet (standard or URL-safe, padding allowed)? */
static bool
pw_b64(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '+' || c == '/' || c == '=' ||
	    c == '-' || c == '_' || c == '.';
}

/* Do the n bytes at s all satisfy ok, with min <= n <= max? */
static bool
pw_run(const char *s, size_t n, size_t min, size_t max, bool (*ok)(char))
{
	size_t	i;

	if (n < min || n > max)
		return false;
	for (i = 0; i < n; i++) {
		if (!ok(s[i]))
			return false;
	}
	return true;
}

/* Does s start with the string p? */
static bool
pw_prefix(const char *s, size_t len, const char *p)
{
	size_t	n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

/*
 * Split s at '$' into at most max fields (a leading '$' gives an empty
 * first field). Returns the number of fields; start and size describe
 * each.
 */
static size_t
pw_fields(const char *s, size_t len, const char **start, size_t *size,
    size_t max)
{
	size_t	i, n = 0, from = 0;

	for (i = 0; i <= len && n < max; i++) {
		if (i == len || s[i] == '$') {
			start[n] = s + from;
			size[n++] = i - from;
			from = i + 1;
		}
	}
	return i <= len ? max + 1 : n;
}

/* Is the field all digits, within min..max? */
static bool
pw_digits(const char *s, size_t n, size_t min, size_t max)
{
	size_t	i;

	if (n < min || n > max)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return true;
}

/* bcrypt: $2b$12$ + 22 salt + 31 hash characters. */
static bool
pw_bcrypt(const char *s, size_t len)
{
	int	cost;

	if (len != 60 || s[0] != '$' || s[1] != '2' || s[6] != '$' ||
	    strchr("abxy", s[2]) == NULL || s[3] != '$' ||
	    !pw_digits(s + 4, 2, 2, 2))
		return false;
	cost = (s[4] - '0') * 10 + (s[5] - '0');
	return cost >= 4 && cost <= 31 && pw_run(s + 7, 53, 53, 53, pw_crypt64);
}

/* $id$[rounds=N$]salt$hash for SHA-crypt, MD5-crypt and yescrypt. */
static bool
pw_crypt(const char *s, size_t len)
{
	const char *f[6];
	size_t	n[6], k, hash;

	k = pw_fields(s, len, f, n, 6);
	if (k < 4 || k > 5 || n[0] != 0)
		return false;
	if (n[1] == 1 && (f[1][0] == '5' || f[1][0] == '6')) {
		hash = f[1][0] == '5' ? 43 : 86;
		if (k == 5 && !(n[2] > 7 && memcmp(f[2], "rounds=", 7) == 0 &&
		    pw_digits(f[2] + 7, n[2] - 7, 1, 9)))
			return false;
		return pw_run(f[k - 2], n[k - 2], 0, 16, pw_crypt64) &&
		    pw_run(f[k - 1], n[k - 1], hash, hash, pw_crypt64);
	}
	if (k == 4 && ((n[1] == 1 && f[1][0] == '1') ||
	    (n[1] == 4 && memcmp(f[1], "apr1", 4) == 0)))
		return pw_run(f[2], n[2], 1, 8, pw_crypt64) &&
		    pw_run(f[3], n[3], 22, 22, pw_crypt64);
	if (k == 5 && n[1] == 1 && f[1][0] == 'y')
		return pw_run(f[2], n[2], 1, 32, pw_crypt64) &&
		    pw_run(f[3], n[3], 1, 64, pw_crypt64) &&
		    pw_run(f[4], n[4], 43, 43, pw_crypt64);
	return false;
}

/*
 * PHC strings: $argon2id$v=19$m=65536,t=3,p=4$salt$hash, and the same
 * layout for scrypt and pbkdf2-sha256: parameters of name=value pairs,
 * then base64 salt and hash.
 */
static bool
pw_phc(const char *s, size_t len)
{
	const char *f[7];
	size_t	n[7], k, p, i;

	k = pw_fields(s, len, f, n, 7);
	if (k < 5 || k > 6 || n[0] != 0)
		return false;
	if (!((n[1] == 8 && memcmp(f[1], "argon2id", 8) == 0) ||
	    (n[1] == 7 && (memcmp(f[1], "argon2i", 7) == 0 ||
	    memcmp(f[1], "argon2d", 7) == 0)) ||
	    (n[1] == 6 && memcmp(f[1], "scrypt", 6) == 0) ||
	    (n[1] >= 6 && memcmp(f[1], "pbkdf2", 6) == 0 && n[1] <= 13)))
		return false;
	/* The parameter fields hold name=value pairs (or bare digits). */
	for (p = 2; p < k - 2; p++) {
		if (n[p] == 0 || n[p] > 64)
			return false;
		for (i = 0; i < n[p]; i++) {
			char	c = f[p][i];

			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '=' || c == ','))
				return false;
		}
	}
	return pw_run(f[k - 2], n[k - 2], 8, 128, pw_b64) &&
	    pw_run(f[k - 1], n[k - 1], 16, 256, pw_b64);
}

/* Django: pbkdf2_sha256$iterations$salt$hash (or sha1, sha512). */
static bool
pw_django(const char *s, size_t len)
{
	const char *f[5];
	size_t	n[5];

	if (pw_fields(s, len, f, n, 5) != 4)
		return false;
	return (n[0] == 13 || n[0] == 11) && pw_digits(f[1], n[1], 3, 9) &&
	    pw_run(f[2], n[2], 4, 64, pw_b64) && pw_run(f[3], n[3], 20, 128,
	    pw_b64);
}

/* PostgreSQL: md5 + 32 hex digits, or SCRAM-SHA-256$i:salt$key:key. */
static bool
pw_postgres(const char *s, size_t len)
{
	const char *colon;
	size_t	i;

	if (len == 35 && memcmp(s, "md5", 3) == 0) {
		for (i = 3; i < 35; i++) {
			if (!((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'f')))
				return false;
		}
		return true;
	}
	if (!pw_prefix(s, len, "SCRAM-SHA-256$"))
		return false;
	s += 14;
	len -= 14;
	colon = memchr(s, ':', len);
	if (colon == NULL || !pw_digits(s, (size_t)(colon - s), 1, 9))
		return false;
	for (i = (size_t)(colon - s) + 1; i < len; i++) {
		if (!pw_b64(s[i]) && s[i] != '$' && s[i] != ':')
			return false;
	}
	return memchr(colon, '$', len - (size_t)(colon - s)) != NULL;
}

/*
 * A bare hex digest of 32, 40, 64 or 128 digits: how legacy systems store
 * unsalted MD5, SHA-1, SHA-256 and SHA-512 passwords, but also what
 * checksums and commit ids look like. One case only, not all digits.
 */
static bool
pw_hex_digest(const char *s, size_t len)
{
	bool	lower = false, upper = false, letter = false;
	size_t	i;

	if (len != 32 && len != 40 && len != 64 && len != 128)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'f')
			lower = letter = true;
		else if (s[i] >= 'A' && s[i] <= 'F')
			upper = letter = true;
		else if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return letter && !(lower && upper);
}

/* A self-describing hash format (everything but a bare hex digest). */
bool
cls_strong_password(const char *s, size_t len)
{
	return !pw_hex_digest(s, len);
}

/* A stored password hash in one of the formats above. */
bool
cls_valid_password(const char *s, size_t len)
{
	if (len < 20 || len > 512)
		return false;
	if (pw_hex_digest(s, len))
		return true;
	if (pw_bcrypt(s, len) || pw_crypt(s, len) || pw_phc(s, len))
		return true;
	if (pw_prefix(s, len, "pbkdf2_"))
		return pw_django(s, len);
	return pw_postgres(s, len);
}
