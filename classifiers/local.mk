# classifiers/: type table, PCRE2 patterns, validators, column decisions.
libpgsift_a_SOURCES += classifiers/types.c classifiers/engine.c \
	classifiers/digits.c \
	classifiers/name.c classifiers/column.c classifiers/valid-card.c \
	classifiers/valid-iban.c classifiers/valid-email.c \
	classifiers/valid-phone.c classifiers/valid-ssn.c \
	classifiers/valid-net.c classifiers/valid-swift.c \
	classifiers/valid-us.c classifiers/valid-uk.c classifiers/valid-ca.c \
	classifiers/valid-password.c classifiers/valid-token.c \
	classifiers/valid-person.c classifiers/valid-name.c \
	classifiers/valid-address.c classifiers/names-data.c \
	classifiers/rules.c classifiers/json.c
noinst_HEADERS += classifiers/classifiers.h classifiers/classifiers-int.h

CLS_TESTS = tests/unit/classifiers/test-vectors \
	tests/unit/classifiers/test-validators \
	tests/unit/classifiers/test-name tests/unit/classifiers/test-column
check_PROGRAMS += $(CLS_TESTS)
TESTS += $(CLS_TESTS)
tests_unit_classifiers_test_vectors_LDADD = $(UNIT_LDADD)
tests_unit_classifiers_test_validators_LDADD = $(UNIT_LDADD)
tests_unit_classifiers_test_name_LDADD = $(UNIT_LDADD)
tests_unit_classifiers_test_column_LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/vectors/CREDIT_CARD_NUMBER.txt \
	tests/vectors/EMAIL_ADDRESS.txt tests/vectors/IBAN_CODE.txt \
	tests/vectors/IP_ADDRESS.txt tests/vectors/MAC_ADDRESS.txt \
	tests/vectors/PHONE_NUMBER.txt tests/vectors/SWIFT_CODE.txt \
	tests/vectors/US_SOCIAL_SECURITY_NUMBER.txt \
	tests/vectors/US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER.txt \
	tests/vectors/US_BANK_ROUTING_MICR.txt \
	tests/vectors/US_EMPLOYER_IDENTIFICATION_NUMBER.txt \
	tests/vectors/UK_NATIONAL_INSURANCE_NUMBER.txt \
	tests/vectors/UK_NATIONAL_HEALTH_SERVICE_NUMBER.txt \
	tests/vectors/CANADA_SOCIAL_INSURANCE_NUMBER.txt \
	tests/vectors/PASSWORD.txt tests/vectors/AUTH_TOKEN.txt \
	tests/vectors/DATE_OF_BIRTH.txt tests/vectors/GENDER.txt \
	tests/vectors/PERSON_NAME.txt tests/vectors/STREET_ADDRESS.txt \
	scripts/gen-names.sh scripts/names/surnames-by-country.txt \
	docs/classification.md docs/rules.md docs/lineage.md
