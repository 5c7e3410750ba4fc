/*
 * fuzz/fuzz-validators.c: every validator of classifiers/ on arbitrary
 * bytes.
 *
 * The first byte of an input picks a function from the table below
 * (modulo its size); the rest is the value. libFuzzer hands the input in
 * a heap block of exactly its size, so AddressSanitizer catches a
 * validator that reads past len or expects a terminating NUL. Besides
 * not crashing, a validator must give the same answer twice (it keeps no
 * state), and the helpers that write into a caller's buffer (lower-case
 * folding, masking) must stay inside it and keep what they promise.
 *
 * The table only grows at its end, so that the seed corpus in
 * fuzz/corpus/validators (file names say which function) keeps pointing
 * at the same functions.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers-int.h"
#include "fuzz/fuzz.h"

typedef bool validator_fn(const char *s, size_t len);

static bool fuzz_fold(const char *s, size_t len);
static bool fuzz_mask(const char *s, size_t len);
static bool fuzz_grouped(const char *s, size_t len);
static bool fuzz_luhn_digits(const char *s, size_t len);
static bool fuzz_trim_facts(const char *s, size_t len);

/* Index (first byte % count) to function; append only. */
static validator_fn *const fuzz_validators[] = {
	cls_valid_email,		/* 0 */
	cls_valid_phone,		/* 1 */
	cls_valid_card,			/* 2 */
	cls_valid_iban,			/* 3 */
	cls_valid_us_ssn,		/* 4 */
	cls_valid_ip,			/* 5 */
	cls_valid_mac,			/* 6 */
	cls_valid_swift,		/* 7 */
	cls_valid_us_itin,		/* 8 */
	cls_valid_us_aba,		/* 9 */
	cls_valid_us_ein,		/* 10 */
	cls_valid_uk_nino,		/* 11 */
	cls_valid_uk_nhs,		/* 12 */
	cls_valid_ca_sin,		/* 13 */
	cls_valid_birth_date,		/* 14 */
	cls_valid_gender,		/* 15 */
	cls_valid_person_name,		/* 16 */
	cls_valid_street_address,	/* 17 */
	cls_valid_password,		/* 18 */
	cls_valid_token,		/* 19 */
	cls_luhn,			/* 20 */
	cls_strong_phone,		/* 21 */
	cls_strong_ssn,			/* 22 */
	cls_strong_separated,		/* 23 */
	cls_strong_nhs,			/* 24 */
	cls_strong_ca_sin,		/* 25 */
	cls_strong_password,		/* 26 */
	cls_strong_person_name,		/* 27 */
	cls_loose_person_name,		/* 28 */
	fuzz_fold,			/* 29 */
	fuzz_mask,			/* 30 */
	fuzz_grouped,			/* 31 */
	fuzz_luhn_digits,		/* 32 */
	fuzz_trim_facts,		/* 33 */
};

#define FUZZ_NVALIDATORS (sizeof fuzz_validators / sizeof fuzz_validators[0])

/*
 * cls_fold_lower() into a buffer of 1 to 64 bytes, its size taken from
 * the value's first byte: it must stay inside the buffer and, when it
 * says the value fit, leave a NUL-terminated string there.
 */
static bool
fuzz_fold(const char *s, size_t len)
{
	size_t	size;
	char   *out;
	bool	fit;

	if (len == 0)
		return false;
	size = 1 + (unsigned char)s[0] % 64;
	out = malloc(size);
	if (out == NULL)
		fuzz_fail("out of memory");
	fit = cls_fold_lower(s + 1, len - 1, out, size);
	if (fit && memchr(out, '\0', size) == NULL)
		fuzz_fail("cls_fold_lower() left no NUL in the buffer");
	free(out);
	return fit;
}

/*
 * cls_mask() into a buffer of 1 to 64 bytes: a NUL-terminated string
 * inside the buffer, in which at most two letters or digits are left
 * unmasked (anything but x and 0), as classifiers.h promises.
 */
static bool
fuzz_mask(const char *s, size_t len)
{
	size_t	size, i, shown = 0;
	char   *out, c;

	if (len == 0)
		return false;
	size = 1 + (unsigned char)s[0] % 64;
	out = malloc(size);
	if (out == NULL)
		fuzz_fail("out of memory");
	cls_mask(s + 1, len - 1, out, size);
	if (memchr(out, '\0', size) == NULL)
		fuzz_fail("cls_mask() left no NUL in the buffer");
	for (i = 0; out[i] != '\0'; i++) {
		c = out[i];
		if (((c >= '1' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')) && c != 'x')
			shown++;
	}
	free(out);
	if (shown > 2)
		fuzz_fail("cls_mask() showed more than two letters or digits");
	return shown > 0;
}

/*
 * cls_digits_grouped() with the groupings the validators use (SSN
 * 3-2-4, NHS 3-3-4, SIN 3-3-3, EIN 2-7, ITIN bare), picked by the value's
 * first byte; the digits land in an exact-size buffer, and when it says
 * yes they are all digits.
 */
static bool
fuzz_grouped(const char *s, size_t len)
{
	static const int ssn[] = { 3, 6, -1 }, nhs[] = { 3, 7, -1 },
	    sin[] = { 3, 7, -1 }, ein[] = { 2, -1 }, none[] = { -1 };
	static const struct {
		size_t	want;
		const int *seps;
	} forms[] = { { 9, ssn }, { 10, nhs }, { 9, sin }, { 9, ein },
		{ 9, none } };
	size_t	k, i;
	char   *d;
	bool	ok;

	if (len == 0)
		return false;
	k = (unsigned char)s[0] % (sizeof forms / sizeof forms[0]);
	d = malloc(forms[k].want);
	if (d == NULL)
		fuzz_fail("out of memory");
	ok = cls_digits_grouped(s + 1, len - 1, forms[k].want, forms[k].seps,
	    d);
	for (i = 0; ok && i < forms[k].want; i++)
		if (d[i] < '0' || d[i] > '9')
			fuzz_fail("cls_digits_grouped() gave a non-digit");
	free(d);
	return ok;
}

/* The Luhn check over raw bytes: false on anything but digits. */
static bool
fuzz_luhn_digits(const char *s, size_t len)
{
	return cls_luhn_digits(s, len);
}

/* Is c white space as cls_trim() sees it? */
static bool
fuzz_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * cls_trim() must leave a range inside the value, without white space
 * at its ends; cls_value_facts() counts no more than there is.
 */
static bool
fuzz_trim_facts(const char *s, size_t len)
{
	struct cls_value_facts f;
	const char *t = s;
	size_t	n = len;

	cls_trim(&t, &n);
	if (t < s || t + n > s + len)
		fuzz_fail("cls_trim() left the value");
	if (n > 0 && (fuzz_space(t[0]) || fuzz_space(t[n - 1])))
		fuzz_fail("cls_trim() left white space at an end");
	cls_value_facts(t, n, &f);
	if (f.len != n || f.digits + f.alpha + f.spaces > n)
		fuzz_fail("cls_value_facts() counted more than the value holds");
	return n > 0;
}

/* One input: pick a function by the first byte and run it twice. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	validator_fn *fn;
	const char *s;
	size_t	len;
	bool	first;

	if (size == 0)
		return 0;
	fn = fuzz_validators[data[0] % FUZZ_NVALIDATORS];
	s = (const char *)data + 1;
	len = size - 1;
	first = fn(s, len);
	if (fn(s, len) != first)
		fuzz_fail("a validator answered differently the second time");
	return 0;
}
