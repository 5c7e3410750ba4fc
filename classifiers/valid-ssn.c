/*
 * classifiers/valid-ssn.c: US social security numbers.
 *
 * AAA-GG-SSSS, with the separators (hyphens or spaces, the same both
 * times) or without. The Social Security Administration never issues
 * area 000, 666 or 900-999 (the 9xx range is for ITINs), group 00 or
 * serial 0000. Numbers published in advertisements and widely used as
 * examples (078-05-1120, 219-09-9999, 123-45-6789) are not real SSNs.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Famous example numbers that were never, or are no longer, anyone's. */
static const char *const ssn_examples[] = {
	"078051120", "219099999", "123456789",
};

/* Check the digits AAAGGSSSS against the issuing rules. */
static bool
ssn_digits_ok(const char *d)
{
	size_t	i;

	if (memcmp(d, "000", 3) == 0 || memcmp(d, "666", 3) == 0 || d[0] == '9')
		return false;
	if (memcmp(d + 3, "00", 2) == 0 || memcmp(d + 5, "0000", 4) == 0)
		return false;
	for (i = 0; i < sizeof ssn_examples / sizeof ssn_examples[0]; i++) {
		if (memcmp(d, ssn_examples[i], 9) == 0)
			return false;
	}
	return true;
}

/* A US SSN, with or without separators, following the issuing rules. */
bool
cls_valid_us_ssn(const char *s, size_t len)
{
	char	d[9];
	size_t	i, n = 0;

	if (len == 9) {
		memcpy(d, s, 9);
	} else if (len == 11 && (s[3] == '-' || s[3] == ' ') && s[6] == s[3]) {
		memcpy(d, s, 3);
		memcpy(d + 3, s + 4, 2);
		memcpy(d + 5, s + 7, 4);
	} else
		return false;
	for (i = 0; i < 9; i++) {
		if (d[i] < '0' || d[i] > '9')
			return false;
		n++;
	}
	return n == 9 && ssn_digits_ok(d);
}

/* With its separators an SSN is recognisable; nine bare digits are not. */
bool
cls_strong_ssn(const char *s, size_t len)
{
	(void)s;
	return len == 11;
}
