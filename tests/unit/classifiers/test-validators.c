/*
 * tests/unit/classifiers/test-validators.c: validators called directly,
 * on the edges the vectors files cannot express: empty input, lengths
 * that stop before the end of a buffer, embedded NUL bytes and non-ASCII
 * bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers.h"
#include "tests/lib/tap.h"

typedef bool (*validator)(const char *, size_t);

static const struct {
	const char *name;
	validator fn;
	const char *good;
} validators[] = {
	{ "email", cls_valid_email, "bob@example.io" },
	{ "phone", cls_valid_phone, "555-0123" },
	{ "card", cls_valid_card, "4111111111111111" },
	{ "iban", cls_valid_iban, "DE89370400440532013000" },
	{ "ssn", cls_valid_us_ssn, "536-22-8796" },
	{ "ip", cls_valid_ip, "192.0.2.1" },
	{ "mac", cls_valid_mac, "00:1a:2b:3c:4d:5e" },
	{ "swift", cls_valid_swift, "DEUTDEFF" },
	{ "itin", cls_valid_us_itin, "912-70-1234" },
	{ "aba", cls_valid_us_aba, "021000021" },
	{ "ein", cls_valid_us_ein, "12-3456789" },
	{ "nino", cls_valid_uk_nino, "AB123456C" },
	{ "nhs", cls_valid_uk_nhs, "9434765919" },
	{ "sin", cls_valid_ca_sin, "498259795" },
	{ "password", cls_valid_password,
	    "md5c8f3b5a3b6b1ac2f6d0a9e7b4c2f1e0d" },
	{ "token", cls_valid_token, "AKIAIOSFODNN7EXAMPLE" },
};

int
main(void)
{
	char	buf[128];
	size_t	i, len;

	for (i = 0; i < sizeof validators / sizeof validators[0]; i++) {
		const char *good = validators[i].good;
		char   *copy;

		len = strlen(good);
		tap_ok(validators[i].fn(good, len), "%s accepts %s",
		    validators[i].name, good);
		tap_ok(!validators[i].fn("", 0), "%s rejects the empty value",
		    validators[i].name);
		/*
		 * The exact-size heap copy has no NUL: ASan catches any read
		 * past len.
		 */
		copy = malloc(len);
		memcpy(copy, good, len);
		tap_ok(validators[i].fn(copy, len),
		    "%s reads no further than len", validators[i].name);
		tap_ok(!validators[i].fn(copy, len - 1),
		    "%s rejects the value cut by one byte", validators[i].name);
		free(copy);
		memcpy(buf, good, len);
		buf[len / 2] = '\0';
		tap_ok(!validators[i].fn(buf, len),
		    "%s rejects an embedded NUL byte", validators[i].name);
		memcpy(buf, good, len);
		buf[len / 2] = (char)0xc3;
		tap_ok(!validators[i].fn(buf, len),
		    "%s rejects a non-ASCII byte", validators[i].name);
	}
	{
		const char *pem = "-----BEGIN PRIVATE KEY-----\n"
		    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
		    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMn\n"
		    "-----END PRIVATE KEY-----";
		const char *mismatch = "-----BEGIN RSA PRIVATE KEY-----\n"
		    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
		    "-----END EC PRIVATE KEY-----";

		tap_ok(cls_valid_token(pem, strlen(pem)),
		    "a multi-line PEM private key is a token");
		tap_ok(!cls_valid_token(mismatch, strlen(mismatch)),
		    "a PEM key whose footer does not match its header is not");
	}
	tap_ok(cls_luhn("79927398713", 11), "Luhn accepts 79927398713");
	tap_ok(!cls_luhn("79927398710", 11), "Luhn rejects 79927398710");
	tap_ok(cls_luhn("7992 7398 713", 13), "Luhn skips single spaces");
	tap_ok(!cls_luhn("", 0), "Luhn rejects no digits");
	tap_ok(cls_valid_card("4111111111111111xyz", 16),
	    "card looks only at the first len bytes");
	tap_ok(!cls_valid_iban("DE89370400440532013000", 21),
	    "an IBAN one character short of its country's length fails");
	return tap_done();
}
