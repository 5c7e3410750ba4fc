/*
 * classifiers/valid-uk.c: UK National Insurance and NHS numbers.
 *
 * NINO: two prefix letters, six digits and a suffix A-D, often written
 * "QQ 12 34 56 C". The first letter is never D, F, I, Q, U or V, the
 * second never D, F, I, O, Q, U or V, and the prefixes BG, GB, KN, NK,
 * NT, TN and ZZ are not allocated.
 *
 * NHS number: ten digits, often 3-3-4. The first nine are weighted 10
 * down to 2; 11 minus the sum mod 11 is the tenth digit (11 counts as 0,
 * and 10 means the number cannot exist).
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Upper-case an ASCII letter. */
static char
uk_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* A National Insurance number, with or without its spaces. */
bool
cls_valid_uk_nino(const char *s, size_t len)
{
	static const char *const bad_prefix[] = { "BG", "GB", "KN", "NK",
		"NT", "TN", "ZZ" };
	char	c[9];
	size_t	i, n = 0;

	if (len < 9 || len > 13)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			/* spaces only between the groups QQ 12 34 56 C */
			if (n != 2 && n != 4 && n != 6 && n != 8)
				return false;
			if (i + 1 == len || s[i + 1] == ' ')
				return false;
			continue;
		}
		if (n == 9)
			return false;
		c[n++] = uk_upper(s[i]);
	}
	if (n != 9)
		return false;
	if (c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    strchr("DFIQUV", c[0]) != NULL || strchr("DFIOQUV", c[1]) != NULL)
		return false;
	for (i = 0; i < sizeof bad_prefix / sizeof bad_prefix[0]; i++) {
		if (c[0] == bad_prefix[i][0] && c[1] == bad_prefix[i][1])
			return false;
	}
	for (i = 2; i < 8; i++) {
		if (c[i] < '0' || c[i] > '9')
			return false;
	}
	return c[8] >= 'A' && c[8] <= 'D';
}

/* An NHS number: ten digits (3-3-4 separators allowed) and mod 11. */
bool
cls_valid_uk_nhs(const char *s, size_t len)
{
	static const int seps[] = { 3, 7, -1 };
	char	d[10];
	size_t	i;
	int	sum = 0, check;

	if (!cls_digits_grouped(s, len, 10, seps, d))
		return false;
	for (i = 1; i < 10 && d[i] == d[0]; i++)
		;
	if (i == 10)
		return false;
	for (i = 0; i < 9; i++)
		sum += (int)(10 - i) * (d[i] - '0');
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == d[9] - '0';
}

/* An NHS number written 3-3-4 is distinctive. */
bool
cls_strong_nhs(const char *s, size_t len)
{
	(void)s;
	return len == 12;
}
