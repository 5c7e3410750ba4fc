/*
 * classifiers/valid-ca.c: Canadian social insurance numbers.
 *
 * Nine digits, often written 3-3-3 with spaces or hyphens, passing the
 * Luhn check. The first digit is never 0 (fictitious numbers) or 8
 * (business numbers).
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* A SIN, bare or 3-3-3: Luhn, and a first digit a person can have. */
bool
cls_valid_ca_sin(const char *s, size_t len)
{
	char	d[9];
	size_t	i, n = 0;
	char	sep = 0;

	if (len != 9 && len != 11)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (n == 9)
				return false;
			d[n++] = s[i];
		} else if (len == 11 && (i == 3 || i == 7) &&
		    (s[i] == ' ' || s[i] == '-') && (sep == 0 || sep == s[i]))
			sep = s[i];
		else
			return false;
	}
	if (n != 9 || d[0] == '0' || d[0] == '8')
		return false;
	return cls_luhn_digits(d, 9);
}

/* A SIN written 3-3-3 is distinctive. */
bool
cls_strong_ca_sin(const char *s, size_t len)
{
	(void)s;
	return len == 11;
}
