/*
 * classifiers/valid-ca.c: Canadian social insurance numbers.
 *
 * Nine digits, often written 3-3-3 with spaces or hyphens, passing the
 * Luhn check. The first digit is never 0 (fictitious numbers) or 8
 * (business numbers).
 */
#include "classifiers/classifiers-int.h"

/* A SIN, bare or 3-3-3: Luhn, and a first digit a person can have. */
bool
cls_valid_ca_sin(const char *s, size_t len)
{
	static const int seps[] = { 3, 7, -1 };
	char	d[9];

	if (!cls_digits_grouped(s, len, 9, seps, d) || d[0] == '0' ||
	    d[0] == '8')
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
