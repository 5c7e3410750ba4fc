/*
 * classifiers/valid-card.c: payment card numbers (PANs) and the Luhn
 * check.
 *
 * A card number is 12 to 19 digits, optionally in groups separated by
 * single spaces or hyphens (one kind per value). It must start with an
 * issuer identification number (IIN) range that a card scheme uses, have
 * a length that scheme issues, and pass the Luhn check. The cheap checks
 * run first.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* An IIN range: the first `digits` digits in [lo, hi], lengths min..max. */
struct iin_range {
	unsigned int lo, hi;
	unsigned char digits;
	unsigned char min, max;
};

/*
 * Ranges published by the card schemes (ISO/IEC 7812 IINs): Visa,
 * Mastercard (51-55 and the 2-series), American Express, Discover and
 * its partners, JCB, Diners Club, UnionPay, Maestro, Mir, RuPay, Verve,
 * UATP.
 */
static const struct iin_range iin_ranges[] = {
	{ 4, 4, 1, 13, 19 },		/* Visa (13, 16, 19 issued) */
	{ 51, 55, 2, 16, 16 },		/* Mastercard */
	{ 2221, 2720, 4, 16, 16 },	/* Mastercard 2-series */
	{ 34, 34, 2, 15, 15 },		/* American Express */
	{ 37, 37, 2, 15, 15 },
	{ 6011, 6011, 4, 16, 19 },	/* Discover */
	{ 644, 649, 3, 16, 19 },
	{ 65, 65, 2, 16, 19 },
	{ 622126, 622925, 6, 16, 19 },	/* Discover / UnionPay co-brand */
	{ 3528, 3589, 4, 16, 19 },	/* JCB */
	{ 300, 305, 3, 14, 19 },	/* Diners Club */
	{ 3095, 3095, 4, 14, 19 },
	{ 36, 36, 2, 14, 19 },
	{ 38, 39, 2, 14, 19 },
	{ 62, 62, 2, 16, 19 },		/* UnionPay */
	{ 81, 81, 2, 16, 19 },
	{ 5018, 5018, 4, 12, 19 },	/* Maestro */
	{ 5020, 5020, 4, 12, 19 },
	{ 5038, 5038, 4, 12, 19 },
	{ 5893, 5893, 4, 12, 19 },
	{ 6304, 6304, 4, 12, 19 },
	{ 6759, 6759, 4, 12, 19 },
	{ 6761, 6763, 4, 12, 19 },
	{ 2200, 2204, 4, 16, 19 },	/* Mir */
	{ 60, 60, 2, 16, 16 },		/* RuPay */
	{ 508, 508, 3, 16, 16 },
	{ 506099, 506198, 6, 16, 19 },	/* Verve */
	{ 650002, 650027, 6, 16, 19 },
	{ 1, 1, 1, 15, 15 },		/* UATP */
};

/*
 * Luhn (ISO/IEC 7812-1 annex B) over n digit characters: from the right,
 * double every second digit, subtract 9 from doubles over 9, and the sum
 * must be a multiple of 10.
 */
bool
cls_luhn_digits(const char *digits, size_t n)
{
	unsigned int sum = 0;
	bool	dbl = false;
	size_t	i;

	if (n == 0)
		return false;
	for (i = n; i-- > 0;) {
		unsigned int d = (unsigned int)(digits[i] - '0');

		if (d > 9)
			return false;
		if (dbl) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

/*
 * Copy the digits of s into out (at most max), allowing single spaces or
 * hyphens between digits, of one kind only. Returns the digit count, or
 * 0 if s has anything else.
 */
static size_t
card_digits(const char *s, size_t len, char *out, size_t max)
{
	char	sep = 0;
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		char	c = s[i];

		if (c >= '0' && c <= '9') {
			if (n == max)
				return 0;
			out[n++] = c;
			continue;
		}
		if (c != ' ' && c != '-')
			return 0;
		/* A separator sits between two digits and is always the same. */
		if (i == 0 || i + 1 == len || s[i - 1] < '0' || s[i - 1] > '9')
			return 0;
		if (sep != 0 && c != sep)
			return 0;
		sep = c;
	}
	return n;
}

/* Luhn over the digits of a card-shaped value (single separators allowed). */
bool
cls_luhn(const char *s, size_t len)
{
	char	d[64];
	size_t	n;

	n = card_digits(s, len, d, sizeof d);
	return cls_luhn_digits(d, n);
}

/* Does a scheme issue n-digit cards starting with these digits? */
static bool
card_iin_ok(const char *d, size_t n)
{
	size_t	i, k;

	for (i = 0; i < sizeof iin_ranges / sizeof iin_ranges[0]; i++) {
		const struct iin_range *r = &iin_ranges[i];
		unsigned int prefix = 0;

		if (n < r->min || n > r->max)
			continue;
		for (k = 0; k < r->digits; k++)
			prefix = prefix * 10 + (unsigned int)(d[k] - '0');
		if (prefix >= r->lo && prefix <= r->hi)
			return true;
	}
	return false;
}

/* A payment card number: shape, issuer range and length, then Luhn. */
bool
cls_valid_card(const char *s, size_t len)
{
	char	d[19];
	size_t	n, i;

	if (len < 12 || len > 23)
		return false;
	n = card_digits(s, len, d, sizeof d);
	if (n < 12 || n > 19)
		return false;
	/* One digit repeated is a placeholder, not a card. */
	for (i = 1; i < n && d[i] == d[0]; i++)
		;
	if (i == n)
		return false;
	if (!card_iin_ok(d, n))
		return false;
	return cls_luhn_digits(d, n);
}
