/*
 * tests/unit/classifiers/test-column.c: column decisions from values,
 * names and data types (docs/classification.md), and classifying from
 * several threads with one engine.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers.h"
#include "tests/lib/tap.h"

static struct cls_engine *engine;

/* A deterministic pseudo-random generator, so runs repeat. */
static unsigned long rng_state = 12345;

static unsigned int
rng(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned int)(rng_state >> 33);
}

/* A 16-digit Visa-range number; valid Luhn unless bad is true. */
static void
make_card(char out[17], bool bad)
{
	int	i, sum = 0;

	out[0] = '4';
	for (i = 1; i < 15; i++)
		out[i] = (char)('0' + rng() % 10);
	for (i = 0; i < 15; i++) {
		int	d = out[14 - i] - '0';

		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	out[15] = (char)('0' + (10 - sum % 10) % 10);
	if (bad)
		out[15] = (char)('0' + (out[15] - '0' + 1) % 10);
	out[16] = '\0';
}

/* A valid SSN, bare or with hyphens. */
static void
make_ssn(char out[12], bool hyphens)
{
	unsigned int a = 1 + rng() % 665, g = 1 + rng() % 99,
	    s = 1 + rng() % 9999;

	if (hyphens)
		snprintf(out, 12, "%03u-%02u-%04u", a, g, s);
	else
		snprintf(out, 12, "%03u%02u%04u", a, g, s);
}

/* Add a string value. */
static void
add(struct cls_column *c, struct cls_matcher *m, const char *v)
{
	cls_column_add(c, m, v, strlen(v));
}

/* The result for type id in a decided column, or NULL. */
static const struct cls_result *
find(const struct cls_result *r, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(cls_type_id(r[i].type), id) == 0)
			return &r[i];
	return NULL;
}

/* Likelihood of type id in column c, or -1 if not reported. */
static int
decide(const struct cls_column *c, const char *id, struct cls_result *copy)
{
	struct cls_result r[8];
	const struct cls_result *x;
	size_t	n;

	n = cls_column_decide(c, r, 8);
	x = find(r, n, id);
	if (x != NULL && copy != NULL)
		*copy = *x;
	return x ? (int)x->likelihood : -1;
}

/* How many types c would be reported as (POSSIBLE or above). */
static int
reported(const struct cls_column *c)
{
	struct cls_result r[8];
	size_t	i, n;
	int	shown = 0;

	n = cls_column_decide(c, r, 8);
	for (i = 0; i < n; i++)
		if (r[i].likelihood >= CLS_POSSIBLE)
			shown++;
	return shown;
}

static void
test_cards(struct cls_matcher *m)
{
	struct cls_column *c;
	struct cls_result r;
	char	card[17];
	int	i;

	c = cls_column_new(engine, "c2", "text");
	for (i = 0; i < 200; i++) {
		make_card(card, false);
		add(c, m, card);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", &r), CLS_VERY_LIKELY,
	    "200 valid card numbers under an opaque name are VERY_LIKELY");
	tap_ok(r.ev_values && !r.ev_name, "...on the evidence of values alone");
	tap_is_double(r.match_ratio, 1.0, 1e-9, "...with a match ratio of 1");
	tap_ok(r.score >= 0.85 && r.score <= 1.0, "...and a score in 0.85..1");
	tap_is_int((long long)r.distinct, 200, "...200 distinct values");
	cls_column_free(c);

	c = cls_column_new(engine, "order_no", "text");
	for (i = 0; i < 200; i++) {
		make_card(card, true);
		add(c, m, card);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", NULL), -1,
	    "200 Luhn-failing 16-digit numbers are not card numbers");
	cls_column_free(c);

	c = cls_column_new(engine, "total", "numeric(20,2)");
	for (i = 0; i < 50; i++) {
		make_card(card, false);
		add(c, m, card);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", NULL), -1,
	    "a numeric(20,2) column never holds card numbers");
	cls_column_free(c);

	c = cls_column_new(engine, "pan", "bigint");
	for (i = 0; i < 50; i++) {
		make_card(card, false);
		add(c, m, card);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", NULL), CLS_VERY_LIKELY,
	    "a bigint column may hold card numbers");
	cls_column_free(c);

	c = cls_column_new(engine, "test_card", "text");
	for (i = 0; i < 50; i++)
		add(c, m, "4111111111111111");
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", &r), CLS_POSSIBLE,
	    "one test number repeated is at most POSSIBLE");
	tap_is_int((long long)r.distinct, 1, "...its distinct count is 1");
	cls_column_free(c);
}

static void
test_ssn(struct cls_matcher *m)
{
	struct cls_column *c, *named;
	struct cls_result r;
	char	ssn[12];
	int	i;

	c = cls_column_new(engine, "product_code", "text");
	named = cls_column_new(engine, "ssn_no", "text");
	for (i = 0; i < 200; i++) {
		make_ssn(ssn, false);
		add(c, m, ssn);
		add(named, m, ssn);
	}
	tap_ok(decide(c, "US_SOCIAL_SECURITY_NUMBER", NULL) < CLS_LIKELY,
	    "bare 9-digit numbers without a name are below LIKELY");
	tap_is_int(decide(named, "US_SOCIAL_SECURITY_NUMBER", &r),
	    CLS_VERY_LIKELY, "the same numbers in ssn_no are VERY_LIKELY");
	tap_ok(r.ev_name && r.ev_values, "...on values and the name");
	tap_is_str(r.name_tokens, "ssn", "...the name token is ssn");
	tap_is_int(decide(named, "PHONE_NUMBER", NULL), -1,
	    "SSNs are not counted as phone numbers");
	cls_column_free(c);
	cls_column_free(named);

	/* As bigint, SSNs of areas 001-099 lost their leading zeros. */
	c = cls_column_new(engine, "ssn", "bigint");
	for (i = 0; i < 100; i++) {
		snprintf(ssn, sizeof ssn, "%u%02u%04u", 1 + rng() % 99,
		    1 + rng() % 99, 1 + rng() % 9999);
		add(c, m, ssn);
	}
	tap_is_int(decide(c, "US_SOCIAL_SECURITY_NUMBER", &r), CLS_VERY_LIKELY,
	    "SSNs stored as bigint are found without their leading zeros");
	tap_is_int((long long)r.validated, 100, "...every one of them");
	cls_column_free(c);

	c = cls_column_new(engine, "ssn", "text");
	for (i = 0; i < 100; i++) {
		snprintf(ssn, sizeof ssn, "%u%02u%04u", 1 + rng() % 99,
		    1 + rng() % 99, 1 + rng() % 9999);
		add(c, m, ssn);
	}
	tap_is_int(decide(c, "US_SOCIAL_SECURITY_NUMBER", NULL), -1,
	    "...but 7- and 8-digit text is not padded");
	cls_column_free(c);

	c = cls_column_new(engine, "x", "text");
	for (i = 0; i < 100; i++) {
		make_ssn(ssn, true);
		add(c, m, ssn);
	}
	tap_is_int(decide(c, "US_SOCIAL_SECURITY_NUMBER", NULL),
	    CLS_VERY_LIKELY, "hyphenated SSNs are VERY_LIKELY without a name");
	cls_column_free(c);
}

static void
test_email_and_names(struct cls_matcher *m)
{
	struct cls_column *c;
	struct cls_result r;
	char	v[64];
	int	i;

	c = cls_column_new(engine, "comment", "text");
	add(c, m, "someone@example.com");
	for (i = 0; i < 999; i++)
		add(c, m, "a perfectly ordinary remark");
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), -1,
	    "one e-mail address in 1000 values does not classify the column");
	cls_column_free(c);

	c = cls_column_new(engine, "email", "text");
	for (i = 0; i < 200; i++)
		add(c, m, "not an address");
	tap_ok(decide(c, "EMAIL_ADDRESS", NULL) < CLS_LIKELY,
	    "a name alone, against the values, is below LIKELY");
	cls_column_free(c);

	c = cls_column_new(engine, "username", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "user%d@example.com", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "EMAIL_ADDRESS", &r), CLS_VERY_LIKELY,
	    "e-mail values in username are VERY_LIKELY");
	tap_ok(!r.ev_name, "...but username is not name evidence (whole tokens)");
	cls_column_free(c);

	c = cls_column_new(engine, "contactEmail", "character varying(64)");
	tap_is_int(decide(c, "EMAIL_ADDRESS", &r), CLS_POSSIBLE,
	    "an empty column named contactEmail is POSSIBLE");
	tap_ok(r.ev_name && !r.ev_values, "...on the name alone");
	for (i = 0; i < 3; i++) {
		snprintf(v, sizeof v, "user%d@example.com", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), CLS_VERY_LIKELY,
	    "three addresses agreeing with the name are enough");
	cls_column_free(c);

	c = cls_column_new(engine, "misc", "text");
	for (i = 0; i < 3; i++) {
		snprintf(v, sizeof v, "user%d@example.com", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), CLS_POSSIBLE,
	    "three addresses without a name are only POSSIBLE");
	cls_column_free(c);
}

static void
test_ip_and_phone(struct cls_matcher *m)
{
	struct cls_column *c;
	char	v[64];
	int	i;

	c = cls_column_new(engine, "version", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%d.%d.%d.%d", i % 20, i % 7, i % 13, i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "IP_ADDRESS", NULL), -1,
	    "a column named version holds versions, not addresses");
	cls_column_free(c);

	c = cls_column_new(engine, "peer", "inet");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "192.0.2.%d", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "IP_ADDRESS", NULL), CLS_VERY_LIKELY,
	    "an inet column of addresses is VERY_LIKELY");
	tap_is_int(decide(c, "PHONE_NUMBER", NULL), -1,
	    "...and never a phone number");
	cls_column_free(c);

	c = cls_column_new(engine, "c7", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%010d", 200000000 + i * 7919);
		add(c, m, v);
	}
	tap_ok(decide(c, "PHONE_NUMBER", NULL) <= CLS_POSSIBLE,
	    "plain 10-digit numbers without a name are at most POSSIBLE");
	cls_column_free(c);

	c = cls_column_new(engine, "phone", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%u", 100000 + rng() % 99900000);
		add(c, m, v);
	}
	tap_ok(decide(c, "PHONE_NUMBER", NULL) < CLS_LIKELY,
	    "a phone column holding 6- to 8-digit order ids is not LIKELY");
	cls_column_free(c);

	c = cls_column_new(engine, "phone", "bigint");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%ld", 4100000000L + i * 3);
		add(c, m, v);
	}
	tap_ok(decide(c, "PHONE_NUMBER", NULL) < CLS_POSSIBLE,
	    "...nor one holding a sequence of 10-digit ids: not reported");
	cls_column_free(c);

	/* Sequential 9-digit ids pass the EIN, SSN and SIN rules alike. */
	c = cls_column_new(engine, "order_ref", "text");
	for (i = 0; i < 200; i++) {
		snprintf(v, sizeof v, "%d", 100000000 + i * 7);
		add(c, m, v);
	}
	tap_is_int(reported(c), 0, "sequential 9-digit order ids in "
	    "order_ref are reported as nothing");
	cls_column_free(c);

	/* Spanish numbers: nine bare digits, most of them valid SSNs too. */
	c = cls_column_new(engine, "telefono", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%c%08u", "679"[i % 3],
		    rng() % 100000000u);
		add(c, m, v);
	}
	tap_ok(decide(c, "PHONE_NUMBER", NULL) >= CLS_LIKELY,
	    "bare 9-digit numbers under telefono are phone numbers");
	tap_is_int(reported(c), 1, "...and reported as nothing else");
	cls_column_free(c);

	c = cls_column_new(engine, "phone", "text");
	for (i = 0; i < 100; i++) {
		switch (i % 4) {
		case 0:
			snprintf(v, sizeof v, "(%03u) %03u-%04u", 201 + rng() % 700,
			    200 + rng() % 700, rng() % 10000);
			break;
		case 1:
			snprintf(v, sizeof v, "+44 20 7946 %04u", rng() % 10000);
			break;
		case 2:
			snprintf(v, sizeof v, "%03u.%03u.%04u", 201 + rng() % 700,
			    200 + rng() % 700, rng() % 10000);
			break;
		default:
			snprintf(v, sizeof v, "0%u", 1000000000u + rng() %
			    900000000u);
		}
		add(c, m, v);
	}
	tap_is_int(decide(c, "PHONE_NUMBER", NULL), CLS_VERY_LIKELY,
	    "phones in four formats under phone are VERY_LIKELY");
	cls_column_free(c);

	c = cls_column_new(engine, "c8", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "+1 202 555 %04d", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "PHONE_NUMBER", NULL), CLS_VERY_LIKELY,
	    "international numbers (+...) are VERY_LIKELY without a name");
	cls_column_free(c);

	c = cls_column_new(engine, "flag", "boolean");
	add(c, m, "true");
	tap_is_int((long long)cls_column_values(c), 1,
	    "values of any type are counted");
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), -1,
	    "a boolean column holds none of the types");
	cls_column_free(c);
}

static void
test_national_ids(struct cls_matcher *m)
{
	static const char *const aba[] = { "011000015", "021000021",
		"026009593", "121000358", "111000025", "322271627", "061000104" };
	static const char *const nino[] = { "AB123456C", "JG103759A",
		"CE654321D", "ZA987654B", "AB 12 34 56 C" };
	struct cls_column *c, *named;
	char	v[32];
	int	i;

	c = cls_column_new(engine, "c1", "text");
	named = cls_column_new(engine, "bank_routing_number", "text");
	for (i = 0; i < 70; i++) {
		add(c, m, aba[i % 7]);
		add(named, m, aba[i % 7]);
	}
	tap_ok(decide(c, "US_BANK_ROUTING_MICR", NULL) >= CLS_LIKELY,
	    "routing numbers under an opaque name, every one passing the "
	    "3-7-1 check digit, are LIKELY or above");
	cls_column_free(c);
	c = cls_column_new(engine, "c1", "text");
	for (i = 0; i < 200; i++) {
		snprintf(v, sizeof v, "%09u", 100000000 + rng() % 220000000);
		add(c, m, v);
	}
	tap_ok(decide(c, "US_BANK_ROUTING_MICR", NULL) < CLS_LIKELY,
	    "random nine-digit numbers, a few passing the check digit by "
	    "chance, are not routing numbers");
	tap_is_int(decide(named, "US_BANK_ROUTING_MICR", NULL), CLS_VERY_LIKELY,
	    "under bank_routing_number they are VERY_LIKELY");
	cls_column_free(c);
	cls_column_free(named);

	c = cls_column_new(engine, "ref", "text");
	for (i = 0; i < 50; i++)
		add(c, m, nino[i % 5]);
	tap_is_int(decide(c, "UK_NATIONAL_INSURANCE_NUMBER", NULL),
	    CLS_VERY_LIKELY, "National Insurance numbers are VERY_LIKELY alone");
	cls_column_free(c);

	c = cls_column_new(engine, "x", "text");
	for (i = 0; i < 50; i++) {
		snprintf(v, sizeof v, "9%02d-%02d-%04d", 10 + i, 70 + i % 18,
		    1000 + i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
	    NULL), CLS_VERY_LIKELY, "hyphenated ITINs are VERY_LIKELY alone");
	tap_is_int(decide(c, "US_SOCIAL_SECURITY_NUMBER", NULL), -1,
	    "...and never SSNs (area 9xx)");
	cls_column_free(c);
}

static void
test_secrets(struct cls_matcher *m)
{
	struct cls_column *c;
	struct cls_result r;
	char	v[64];
	int	i;

	c = cls_column_new(engine, "password", "text");
	for (i = 0; i < 50; i++) {
		snprintf(v, sizeof v, "hunter%d!", i * 7);
		add(c, m, v);
	}
	tap_is_int(decide(c, "PASSWORD", &r), CLS_LIKELY,
	    "plain-text values in a column named password are LIKELY");
	tap_ok(r.ev_name && !r.ev_values, "...on the name alone");
	cls_column_free(c);

	c = cls_column_new(engine, "token_type", "text");
	for (i = 0; i < 50; i++)
		add(c, m, "bearer");
	tap_ok(decide(c, "AUTH_TOKEN", NULL) < CLS_LIKELY,
	    "one repeated value under a token name is below LIKELY");
	cls_column_free(c);

	/* Names about a secret: distinct values, but not the secret. */
	c = cls_column_new(engine, "password_changed_at", "text");
	for (i = 0; i < 50; i++) {
		snprintf(v, sizeof v, "2024-03-%02d 10:%02d:00", i % 28 + 1, i);
		add(c, m, v);
	}
	tap_is_int(reported(c), 0,
	    "timestamps in password_changed_at are reported as nothing");
	cls_column_free(c);

	c = cls_column_new(engine, "passwordHint", "text");
	for (i = 0; i < 50; i++) {
		snprintf(v, sizeof v, "name of my pet %d", i);
		add(c, m, v);
	}
	tap_is_int(reported(c), 0, "nor are the hints in passwordHint");
	cls_column_free(c);

	c = cls_column_new(engine, "c9", "text");
	for (i = 0; i < 20; i++)
		add(c, m, "$2b$12$65OzqcvuiaTLT8azftY7DpJfHyp37cfgzu69Ww65btYlg0vhJCz5P");
	for (i = 0; i < 20; i++) {
		snprintf(v, sizeof v, "$2b$10$%053d", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "PASSWORD", NULL), CLS_VERY_LIKELY,
	    "bcrypt hashes are VERY_LIKELY whatever the name");
	cls_column_free(c);
}

static void
test_person(struct cls_matcher *m)
{
	static const char *const genders[] = { "female", "male", "Female",
		"non-binary", "M", "F" };
	struct cls_column *c, *named;
	char	v[32];
	int	i;

	c = cls_column_new(engine, "created_at", "date");
	named = cls_column_new(engine, "date_of_birth", "date");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "19%02d-%02d-%02d", 40 + i % 60,
		    1 + i % 12, 1 + i % 28);
		add(c, m, v);
		add(named, m, v);
	}
	tap_is_int(decide(c, "DATE_OF_BIRTH", NULL), -1,
	    "dates in created_at are not dates of birth");
	tap_is_int(decide(named, "DATE_OF_BIRTH", NULL), CLS_VERY_LIKELY,
	    "the same dates in date_of_birth are VERY_LIKELY");
	cls_column_free(c);
	cls_column_free(named);

	c = cls_column_new(engine, "place_of_birth", "text");
	for (i = 0; i < 100; i++)
		add(c, m, i % 2 ? "Lyon" : "Kraków");
	tap_is_int(decide(c, "DATE_OF_BIRTH", NULL), -1,
	    "a birth place is not a date of birth");
	cls_column_free(c);

	c = cls_column_new(engine, "gender", "text");
	named = cls_column_new(engine, "size", "text");
	for (i = 0; i < 60; i++) {
		add(c, m, genders[i % 6]);
		add(named, m, i % 3 ? "M" : "F");
	}
	tap_is_int(decide(c, "GENDER", NULL), CLS_VERY_LIKELY,
	    "gender values under gender are VERY_LIKELY");
	tap_is_int(decide(named, "GENDER", NULL), -1,
	    "M and F under size are not genders");
	cls_column_free(c);
	cls_column_free(named);
}

static void
test_free_text(struct cls_matcher *m)
{
	struct cls_column *c;
	struct cls_result r;
	char	v[128];
	int	i;

	c = cls_column_new(engine, "notes", "text");
	for (i = 0; i < 200; i++) {
		if (i % 20 == 0)
			snprintf(v, sizeof v, "Card 4111 1111 1111 1111 was "
			    "declined on order %d.", i);
		else if (i % 20 == 1)
			snprintf(v, sizeof v, "Card 4111 1111 1111 1112 was "
			    "mistyped on order %d.", i);
		else
			snprintf(v, sizeof v, "Parcel %d arrived late, sorry.", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", &r), CLS_LIKELY,
	    "free text where 5%% of rows hold a valid card number is LIKELY");
	tap_is_double(r.match_ratio, 0.05, 1e-9,
	    "...reported with its share, 0.05");
	tap_ok(r.ev_text && r.in_text == 10,
	    "...on free-text evidence (10 mentions; Luhn failures not counted)");
	cls_column_free(c);

	c = cls_column_new(engine, "notes", "text");
	for (i = 0; i < 200; i++) {
		snprintf(v, sizeof v, "Release 10.2.%d.4 fixed order "
		    "4111111111111112 and ticket %d.", i % 9, i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", NULL), -1,
	    "numbers failing Luhn inside sentences are not card numbers");
	tap_is_int(decide(c, "PHONE_NUMBER", NULL), -1,
	    "...nor plain digit runs phone numbers");
	cls_column_free(c);

	/* The longest run of digits is card and code: the card is found. */
	c = cls_column_new(engine, "notes", "text");
	for (i = 0; i < 200; i++) {
		if (i % 10 == 0)
			snprintf(v, sizeof v, "Paid with 4111 1111 1111 1111 "
			    "%03d at the desk, ticket %d.", 100 + i, i);
		else
			snprintf(v, sizeof v, "Parcel %d arrived late, sorry.", i);
		add(c, m, v);
	}
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", &r), CLS_LIKELY,
	    "a card followed by its 3-digit code in text is still found");
	tap_ok(r.in_text == 20, "...in each of the 20 rows that hold one");
	cls_column_free(c);

	c = cls_column_new(engine, "comment", "text");
	add(c, m, "write to anna@example.org about it please");
	for (i = 0; i < 999; i++)
		add(c, m, "a perfectly ordinary remark here");
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), -1,
	    "one mention in 1000 rows of text is not reported");
	cls_column_free(c);
}

static void
test_arrays(struct cls_matcher *m)
{
	struct cls_column *c;
	struct cls_result r;
	char	v[128];
	int	i;

	c = cls_column_new(engine, "aliases", "text[]");
	for (i = 0; i < 40; i++) {
		snprintf(v, sizeof v, "{a%d@example.com,\"b%d@example.org\",NULL}",
		    i, i);
		add(c, m, v);
	}
	tap_is_int((long long)cls_column_values(c), 80,
	    "a text[] column counts its non-NULL elements as values");
	tap_is_int(decide(c, "EMAIL_ADDRESS", &r), CLS_VERY_LIKELY,
	    "arrays of addresses are EMAIL_ADDRESS, element by element");
	tap_is_int((long long)r.distinct, 80, "...every element counted once");
	cls_column_free(c);

	c = cls_column_new(engine, "card_numbers", "bigint[]");
	add(c, m, "{4111111111111111,5555555555554444}");
	add(c, m, "{378282246310005}");
	tap_is_int(decide(c, "CREDIT_CARD_NUMBER", NULL), CLS_VERY_LIKELY,
	    "a bigint[] takes the element type's rules");
	cls_column_free(c);
}

/* Classify a fixed set of columns; fills out with likelihoods. */
struct thread_job {
	int	out[4];
};

static void *
thread_run(void *arg)
{
	struct thread_job *job = arg;
	struct cls_matcher *m = cls_matcher_new(engine);
	static const char *const ids[4] = { "EMAIL_ADDRESS", "IBAN_CODE",
		"IP_ADDRESS", "PHONE_NUMBER" };
	char	v[64];
	int	k, i;

	for (k = 0; k < 4; k++) {
		struct cls_column *c = cls_column_new(engine, "data", "text");

		for (i = 0; i < 2000; i++) {
			if (k == 0)
				snprintf(v, sizeof v, "u%d@example.org", i);
			else if (k == 1)
				snprintf(v, sizeof v, "%s",
				    i % 2 ? "DE89370400440532013000" :
				    "GB82WEST12345698765432");
			else if (k == 2)
				snprintf(v, sizeof v, "2001:db8::%x", i);
			else
				snprintf(v, sizeof v, "+44 20 7946 %04d", i);
			add(c, m, v);
		}
		job->out[k] = decide(c, ids[k], NULL);
		cls_column_free(c);
	}
	cls_matcher_free(m);
	return NULL;
}

static void
test_threads(void)
{
	struct thread_job one, two[2];
	pthread_t t[2];
	int	k;

	thread_run(&one);
	pthread_create(&t[0], NULL, thread_run, &two[0]);
	pthread_create(&t[1], NULL, thread_run, &two[1]);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	for (k = 0; k < 4; k++)
		tap_ok(one.out[k] == two[0].out[k] && one.out[k] == two[1].out[k] &&
		    one.out[k] >= CLS_POSSIBLE,
		    "two threads sharing the engine decide column %d as one does", k);
}

/*
 * Names and addresses: the column of first names, surnames from a locale
 * the dictionaries do not cover, full names without a telling column
 * name, and the near misses (cities, colours, product names).
 */
static void
test_names_and_addresses(struct cls_matcher *m)
{
	static const char *const given[] = { "Mary", "James", "Sophie",
		"Luca", "Ana", "Thomas", "Emma", "Lukas", "Chloé", "Javier" };
	/* Polish surnames past the lists' top twenty, and two listed. */
	static const char *const pl_surnames[] = { "Stępień",
		"Jabłoński", "Majewski", "Olszewski", "Jaworski",
		"Malinowski", "Zając", "Wróbel", "Miller", "Smith" };
	static const char *const cities[] = { "Austin", "Charlotte",
		"Jackson", "Madison", "Florence", "Paris", "Leipzig", "Lyon",
		"Valencia", "Porto" };
	static const char *const products[] = { "Street Fighter 2",
		"Route 66 Mug", "Rose Bouquet", "Jack Daniels Whiskey 70cl",
		"Chocolate Milk", "Version 2 Cable", "Amber Lamp", "Olive Oil",
		"Ruby Ring", "Summer Dress" };
	static const char *const streets[] = { "Main St", "Hauptstraße",
		"rue de la Paix", "Calle Mayor", "Via Roma", "Kalverstraat" };
	struct cls_column *c, *n2;
	char	v[96];
	int	i;

	c = cls_column_new(engine, "first_name", "text");
	n2 = cls_column_new(engine, "given", "text");
	for (i = 0; i < 200; i++) {
		add(c, m, given[rng() % 10]);
		add(n2, m, given[rng() % 10]);
	}
	tap_is_int(decide(c, "PERSON_NAME", NULL), CLS_VERY_LIKELY,
	    "a column of first names under first_name is VERY_LIKELY");
	tap_ok(decide(n2, "PERSON_NAME", NULL) < CLS_LIKELY,
	    "first names alone, under no telling name, stay below LIKELY "
	    "(they could be places)");
	cls_column_free(c);
	cls_column_free(n2);

	c = cls_column_new(engine, "nazwisko", "text");
	for (i = 0; i < 100; i++)
		add(c, m, pl_surnames[i % 10]);
	tap_is_int(decide(c, "PERSON_NAME", NULL), CLS_LIKELY,
	    "surnames under nazwisko, a fifth of them listed: the shape "
	    "and the name make LIKELY");
	cls_column_free(c);

	c = cls_column_new(engine, "c3", "text");
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "%s %s", given[rng() % 10],
		    i % 3 ? (i % 2 ? "Garcia" : "Schmidt") :
		    pl_surnames[rng() % 8]);
		add(c, m, v);
	}
	tap_ok(decide(c, "PERSON_NAME", NULL) >= CLS_LIKELY,
	    "full names under an opaque name, two in three with a listed "
	    "surname, are LIKELY or above");
	cls_column_free(c);

	c = cls_column_new(engine, "city", "text");
	n2 = cls_column_new(engine, "product_name", "text");
	for (i = 0; i < 100; i++) {
		add(c, m, cities[rng() % 10]);
		add(n2, m, products[rng() % 10]);
	}
	tap_is_int(decide(c, "PERSON_NAME", NULL), -1,
	    "cities that are also given names are not names");
	tap_ok(decide(n2, "PERSON_NAME", NULL) < CLS_LIKELY,
	    "product names, half of them a given name and a word, are not "
	    "names");
	tap_is_int(decide(n2, "STREET_ADDRESS", NULL), -1,
	    "product names with a street word and a number are not addresses");
	cls_column_free(c);
	cls_column_free(n2);

	c = cls_column_new(engine, "attr_7", "text");
	n2 = cls_column_new(engine, "street", "text");
	for (i = 0; i < 100; i++) {
		unsigned int k = rng() % 6, num = 1 + rng() % 400;

		if (k == 0 || k == 5)
			snprintf(v, sizeof v, "%u %s", num, streets[k]);
		else if (k == 2)
			snprintf(v, sizeof v, "%u, %s", num, streets[k]);
		else
			snprintf(v, sizeof v, "%s %u", streets[k], num);
		add(c, m, v);
		add(n2, m, i % 4 ? "Hauptstraße" : v);
	}
	tap_is_int(decide(c, "STREET_ADDRESS", NULL), CLS_VERY_LIKELY,
	    "addresses in six languages under an opaque name are VERY_LIKELY");
	tap_ok(decide(n2, "STREET_ADDRESS", NULL) < CLS_LIKELY,
	    "street names without house numbers are not called addresses");
	cls_column_free(c);
	cls_column_free(n2);
}

/* The index of the path named full in a json column, or -1. */
static int
path_index(const struct cls_column *c, const char *full)
{
	const char *p, *f, *t;
	size_t	i;

	for (i = 0; i < cls_column_paths(c); i++) {
		cls_column_path(c, i, &p, &f, &t);
		if (strcmp(f, full) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * json and jsonb columns: flattened to paths, each decided like a column
 * under the name column.path (arrays as []), numbers kept as written.
 */
static void
test_json(struct cls_matcher *m)
{
	const struct cls_column *pc;
	const char *path, *full, *type;
	struct cls_column *c;
	struct cls_result r;
	char	v[512], card[17];
	int	i, k;

	c = cls_column_new(engine, "profile", "jsonb");
	for (i = 0; i < 60; i++) {
		make_card(card, false);
		snprintf(v, sizeof v, "{\"contact\": {\"e\\u006dail\": "
		    "\"user%d@example.com\", \"phones\": [\"+44 20 7946 %04d\"]},"
		    " \"pan\": %s, \"score\": %d.5, \"ok\": true, \"x\": null}",
		    i, i, card, i);
		add(c, m, v);
	}
	add(c, m, "{\"contact\": {\"email\": \"cut@example.com\", \"pho");
	tap_is_int((long long)cls_column_values(c), 61,
	    "a jsonb column counts its documents");
	tap_is_int(decide(c, "EMAIL_ADDRESS", NULL), -1,
	    "...and is not classified itself");
	tap_is_int((long long)cls_column_paths(c), 4,
	    "...but has four paths (booleans and nulls are not leaves)");
	k = path_index(c, "profile.contact.email");
	if (tap_ok(k >= 0, "profile.contact.email is a path (\\u006d unescaped)")) {
		pc = cls_column_path(c, (size_t)k, &path, &full, &type);
		tap_is_str(path, "contact.email", "...its path");
		tap_is_int((long long)cls_column_values(pc), 61,
		    "...with the leaf of the document cut short counted");
		tap_is_int(decide(pc, "EMAIL_ADDRESS", &r), CLS_VERY_LIKELY,
		    "...and VERY_LIKELY EMAIL_ADDRESS");
		tap_is_str(r.name_tokens, "email", "...named by its last key");
	}
	k = path_index(c, "profile.contact.phones[]");
	if (tap_ok(k >= 0, "arrays are written []")) {
		pc = cls_column_path(c, (size_t)k, &path, &full, &type);
		tap_is_int(decide(pc, "PHONE_NUMBER", NULL), CLS_VERY_LIKELY,
		    "...and their elements classified");
	}
	k = path_index(c, "profile.pan");
	if (tap_ok(k >= 0, "a number is a leaf")) {
		pc = cls_column_path(c, (size_t)k, &path, &full, &type);
		tap_is_str(type, "bigint", "...a whole one judged as bigint");
		tap_is_int(decide(pc, "CREDIT_CARD_NUMBER", NULL),
		    CLS_VERY_LIKELY, "...its 16 digits kept: VERY_LIKELY cards");
	}
	k = path_index(c, "profile.score");
	if (tap_ok(k >= 0, "a fractional number is a leaf too")) {
		cls_column_path(c, (size_t)k, &path, &full, &type);
		tap_is_str(type, "double precision", "...judged as double precision");
	}
	cls_column_free(c);

	c = cls_column_new(engine, "doc", "json");
	for (i = 0; i < 300; i++) {
		snprintf(v, sizeof v, "{\"k%d\": \"v\"}", i);
		add(c, m, v);
	}
	add(c, m, "not json at all");
	add(c, m, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	tap_is_int((long long)cls_column_paths(c), 128,
	    "a json column keeps at most 128 paths; bad and deep documents "
	    "are survived");
	cls_column_free(c);

	/* Keys so long that the path cannot hold them all. */
	c = cls_column_new(engine, "doc", "jsonb");
	memset(card, 0, sizeof card);
	for (i = 0; i < 40; i++) {
		snprintf(v, sizeof v, "{\"%0120d\": {\"%0120d\": {\"%0120d\": "
		    "{\"n\": 1, \"mail\": \"u%d@example.com\"}}}, "
		    "\"short\": {\"x\": \"plain words here\"}}", 1, 2, 3, i);
		add(c, m, v);
	}
	k = path_index(c, "doc.short.x");
	tap_ok(k >= 0, "after a path too long, the next key's path is right");
	tap_is_int((long long)cls_column_paths(c), 3,
	    "...the long one cut to its head, .* and each leaf's key");
	for (i = 0; i < (int)cls_column_paths(c); i++) {
		pc = cls_column_path(c, (size_t)i, &path, &full, &type);
		if (strlen(path) > 10 &&
		    strcmp(path + strlen(path) - 7, ".*.mail") == 0)
			break;
	}
	if (tap_ok(i < (int)cls_column_paths(c), "a path ends in .*.mail"))
		tap_is_int(decide(pc, "EMAIL_ADDRESS", NULL), CLS_VERY_LIKELY,
		    "...and its addresses are still found");
	cls_column_free(c);
}

int
main(void)
{
	struct cls_matcher *m;
	struct sift_err err;

	engine = cls_engine_new(&err);
	if (!tap_ok(engine != NULL, "the engine compiles"))
		return tap_done();
	m = cls_matcher_new(engine);
	test_cards(m);
	test_ssn(m);
	test_email_and_names(m);
	test_ip_and_phone(m);
	test_national_ids(m);
	test_secrets(m);
	test_person(m);
	test_names_and_addresses(m);
	test_free_text(m);
	test_arrays(m);
	test_json(m);
	test_threads();
	tap_is_str(cls_likelihood_name(CLS_LIKELY), "LIKELY", "likelihood names");
	tap_is_int(cls_likelihood_parse("very_likely"), CLS_VERY_LIKELY,
	    "likelihoods parse case-insensitively");
	tap_is_int(cls_likelihood_parse("sure"), -1, "unknown likelihoods do not");
	tap_is_str(cls_sensitivity_name(CLS_SENS_HIGHLY_CONFIDENTIAL),
	    "highly_confidential", "sensitivity names");
	cls_matcher_free(m);
	cls_engine_free(engine);
	return tap_done();
}
