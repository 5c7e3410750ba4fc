/*
 * classifiers/valid-us.c: US taxpayer and bank numbers besides the SSN.
 *
 * ITIN: 9XX-GG-XXXX, the IRS issuing groups 50-65, 70-88, 90-92 and
 * 94-99. ABA routing number (MICR): nine digits whose first two are a
 * Federal Reserve routing symbol (00-12, 21-32, 61-72, 80) and whose
 * weighted sum 3-7-1 is a multiple of 10. EIN: XX-XXXXXXX with a prefix
 * that an IRS campus assigns. All three are nine digits, a shape much
 * other data shares, so they are weak types: a column needs its name,
 * or the written form with hyphens, before they count for much.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* The two-digit number at d. */
static int
us_two(const char *d)
{
	return (d[0] - '0') * 10 + (d[1] - '0');
}

/* An ITIN: 9XX-GG-XXXX with an issuing group. */
bool
cls_valid_us_itin(const char *s, size_t len)
{
	static const int seps[] = { 3, 6, -1 };
	char	d[9];
	int	g;

	if (!cls_digits_grouped(s, len, 9, seps, d) || d[0] != '9')
		return false;
	g = us_two(d + 3);
	return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) ||
	    (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/* An ABA routing number: routing symbol, then the 3-7-1 checksum. */
bool
cls_valid_us_aba(const char *s, size_t len)
{
	static const int none[] = { -1 };
	static const int w[9] = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };
	char	d[9];
	int	p, sum = 0, i;

	if (!cls_digits_grouped(s, len, 9, none, d))
		return false;
	p = us_two(d);
	if (!((p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) ||
	    p == 80))
		return false;
	if (memcmp(d, "000000000", 9) == 0)
		return false;
	for (i = 0; i < 9; i++)
		sum += w[i] * (d[i] - '0');
	return sum % 10 == 0;
}

/*
 * An EIN: XX-XXXXXXX with a campus prefix; the prefixes below were never
 * assigned.
 */
bool
cls_valid_us_ein(const char *s, size_t len)
{
	static const int seps[] = { 2, -1 };
	static const int unused[] = { 0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69,
		70, 78, 79, 89, 96, 97 };
	char	d[9];
	size_t	i;
	int	p;

	if (!cls_digits_grouped(s, len, 9, seps, d))
		return false;
	p = us_two(d);
	for (i = 0; i < sizeof unused / sizeof unused[0]; i++) {
		if (p == unused[i])
			return false;
	}
	return memcmp(d + 2, "0000000", 7) != 0;
}

/* ITINs and EINs written with their hyphens are distinctive. */
bool
cls_strong_separated(const char *s, size_t len)
{
	return len > 9 && memchr(s, '-', len) != NULL;
}
