# classifiers/: type table, PCRE2 patterns, validators, column decisions.
libpgsift_a_SOURCES += classifiers/types.c classifiers/engine.c \
	classifiers/name.c classifiers/column.c classifiers/valid-card.c \
	classifiers/valid-iban.c classifiers/valid-email.c \
	classifiers/valid-phone.c classifiers/valid-ssn.c \
	classifiers/valid-net.c classifiers/valid-swift.c
noinst_HEADERS += classifiers/classifiers.h classifiers/classifiers-int.h
