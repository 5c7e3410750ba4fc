/*
 * classifiers/valid-phone.c: telephone numbers, national or E.164.
 *
 * A phone number has 7 to 15 digits (E.164 allows 15) once separators
 * are removed: spaces, hyphens, dots, slashes and one pair of
 * parentheses, with an optional leading "+" or "00". Values that merely
 * have that many digits are refused when they are really something else:
 * one digit repeated, a date (2024-01-15, 15.01.2024), an amount
 * (1234567.89), a dotted version or IPv4 address (2.4.1.17,
 * 10.20.30.40), or 7 or 8 bare digits (an order number: written without
 * any separator, a national number has 9 digits or more). A phone number is a weak shape, so a column needs its
 * name to say "phone" before plain digit strings count for much; a
 * leading "+" (international format) is distinctive on its own.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Is s[0..len) made of digits only? */
static bool
phone_all_digits(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return len > 0;
}

/* The number in s[0..len) of digits; -1 if empty or too long. */
static long
phone_num(const char *s, size_t len)
{
	long	v = 0;
	size_t	i;

	if (len == 0 || len > 4)
		return -1;
	for (i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * Is the value three digit groups joined by one of - / . that read as a
 * calendar date, year first or last?
 */
static bool
phone_is_date(const char *s, size_t len)
{
	const char *p1, *p2;
	long	a, b, c;
	char	sep;

	if (len < 6 || len > 10)
		return false;
	p1 = s;
	while (p1 < s + len && *p1 >= '0' && *p1 <= '9')
		p1++;
	if (p1 == s + len || strchr("-/.", *p1) == NULL)
		return false;
	sep = *p1;
	p2 = memchr(p1 + 1, sep, (size_t)(s + len - p1 - 1));
	if (p2 == NULL || !phone_all_digits(p1 + 1, (size_t)(p2 - p1 - 1)) ||
	    !phone_all_digits(p2 + 1, (size_t)(s + len - p2 - 1)))
		return false;
	a = phone_num(s, (size_t)(p1 - s));
	b = phone_num(p1 + 1, (size_t)(p2 - p1 - 1));
	c = phone_num(p2 + 1, (size_t)(s + len - p2 - 1));
	if (p1 - s == 4)	/* year, month, day */
		return b >= 1 && b <= 12 && c >= 1 && c <= 31;
	if (s + len - p2 - 1 == 4 || s + len - p2 - 1 == 2)	/* d m y, m d y */
		return a >= 1 && a <= 31 && b >= 1 && b <= 31 &&
		    (a <= 12 || b <= 12);
	return false;
}

/*
 * Is the value a dotted version or address rather than a phone number:
 * dots as the only separator, and either a one-digit group (2.4.1.7) or
 * four groups of at most three digits (10.20.30.40)? Phone numbers
 * written with dots (202.555.0123, 06.12.34.56.78) have neither.
 */
static bool
phone_is_dotted_version(const char *s, size_t len)
{
	size_t	i, groups = 0, run = 0, longest = 0;
	bool	single = false;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] >= '0' && s[i] <= '9') {
			run++;
			continue;
		}
		if (i < len && s[i] != '.')
			return false;
		groups++;
		single = single || run == 1;
		longest = run > longest ? run : longest;
		run = 0;
	}
	return groups >= 3 && (single || (groups == 4 && longest <= 3));
}

/* Is the value digits with one decimal separator before two digits? */
static bool
phone_is_amount(const char *s, size_t len)
{
	return len >= 4 && (s[len - 3] == '.' || s[len - 3] == ',') &&
	    phone_all_digits(s, len - 3) && phone_all_digits(s + len - 2, 2);
}

/* 7 to 15 digits written as a phone number, not a date or an amount. */
bool
cls_valid_phone(const char *s, size_t len)
{
	size_t	i, digits = 0, start = 0;
	int	parens = 0, pairs = 0;
	char	first = 0;
	bool	same = true;

	if (len < 7 || len > 24)
		return false;
	if (s[0] == '+')
		start = 1;
	for (i = start; i < len; i++) {
		char	c = s[i];

		if (c >= '0' && c <= '9') {
			if (digits == 0)
				first = c;
			else if (c != first)
				same = false;
			digits++;
		} else if (c == '(') {
			if (parens != 0 || pairs != 0)
				return false;
			parens = 1;
		} else if (c == ')') {
			if (parens != 1)
				return false;
			parens = 0;
			pairs++;
		} else if (strchr(" -./", c) == NULL || c == '\0')
			return false;
		else if (i + 1 < len && strchr(" -./", s[i + 1]) != NULL)
			return false;	/* two separators in a row */
	}
	if (parens != 0 || digits < 7 || digits > 15 || same)
		return false;
	/* 7 or 8 bare digits are an order or invoice number, not a phone. */
	if (digits < 9 && start == 0 && phone_all_digits(s, len))
		return false;
	if (phone_is_date(s, len) || phone_is_amount(s, len) ||
	    phone_is_dotted_version(s, len))
		return false;
	return true;
}

/*
 * A North American number written as people write it: "(NXX) NXX-XXXX",
 * "NXX-NXX-XXXX" or "NXX.NXX.XXXX", N being 2-9.
 */
static bool
phone_nanp(const char *s, size_t len)
{
	char	d[10];
	size_t	i, n = 0;

	if (len == 14 && s[0] == '(' && s[4] == ')' && s[5] == ' ' &&
	    s[9] == '-') {
		for (i = 0; i < len; i++)
			if (i != 0 && i != 4 && i != 5 && i != 9)
				d[n++] = s[i];
	} else if (len == 12 && (s[3] == '-' || s[3] == '.') &&
	    s[7] == s[3]) {
		for (i = 0; i < len; i++)
			if (i != 3 && i != 7)
				d[n++] = s[i];
	} else
		return false;
	for (i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	return n == 10 && d[0] >= '2' && d[3] >= '2';
}

/*
 * Distinctive forms: an international number ("+" or "00" first), or a
 * North American number in its usual punctuation.
 */
bool
cls_strong_phone(const char *s, size_t len)
{
	return len > 0 && (s[0] == '+' || (len > 2 && s[0] == '0' &&
	    s[1] == '0') || phone_nanp(s, len));
}
