/*
 * classifiers/valid-iban.c: international bank account numbers
 * (ISO 13616).
 *
 * An IBAN is a country code, two check digits and a country-specific
 * BBAN; each country has one fixed length. Printed IBANs come in groups
 * of four separated by single spaces. The check: move the first four
 * characters to the end, turn letters into numbers (A = 10 ... Z = 35),
 * and the result mod 97 must be 1 (ISO 7064 MOD 97-10).
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Country code and IBAN length, from the IBAN registry. */
static const char iban_lengths[] =
    "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24"
    "DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27"
    "GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20"
    "LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28"
    "PS29QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23"
    "TN24TR26UA29VA22VG24XK20YE30";

/* The IBAN length of a country, or 0 if it has no IBAN. */
static size_t
iban_country_length(char a, char b)
{
	const char *p;

	for (p = iban_lengths; *p != '\0'; p += 4) {
		if (p[0] == a && p[1] == b)
			return (size_t)((p[2] - '0') * 10 + (p[3] - '0'));
	}
	return 0;
}

/* Upper-case an ASCII letter; anything else unchanged. */
static char
iban_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Add one character's digits to the running remainder mod 97. */
static unsigned int
iban_mod_add(unsigned int r, char c)
{
	if (c >= '0' && c <= '9')
		return (r * 10 + (unsigned int)(c - '0')) % 97;
	/* A letter is two digits, 10..35. */
	return (r * 100 + (unsigned int)(c - 'A' + 10)) % 97;
}

/* An IBAN: country length, check digits, then mod 97 == 1. */
bool
cls_valid_iban(const char *s, size_t len)
{
	char	c[34];
	size_t	i, n = 0, want;
	unsigned int r = 0;

	if (len < 15 || len > 42)
		return false;
	for (i = 0; i < len; i++) {
		char	ch = iban_upper(s[i]);

		if (ch == ' ') {
			/* Only single spaces between groups of four. */
			if (n == 0 || n % 4 != 0 || i + 1 == len || s[i + 1] == ' ')
				return false;
			continue;
		}
		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z')))
			return false;
		if (n == sizeof c)
			return false;
		c[n++] = ch;
	}
	if (n < 15 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    c[2] < '0' || c[2] > '9' || c[3] < '0' || c[3] > '9')
		return false;
	want = iban_country_length(c[0], c[1]);
	if (want == 0 || n != want)
		return false;
	/* Check digits 00, 01 and 99 are never issued. */
	if ((c[2] == '0' && c[3] <= '1') || (c[2] == '9' && c[3] == '9'))
		return false;
	for (i = 4; i < n; i++)
		r = iban_mod_add(r, c[i]);
	for (i = 0; i < 4; i++)
		r = iban_mod_add(r, c[i]);
	return r == 1;
}
