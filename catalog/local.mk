# catalog/: the SQLite catalog.
libpgsift_a_SOURCES += catalog/open.c catalog/schema.c catalog/write.c \
	catalog/read.c catalog/lineage.c catalog/rescan.c catalog/review.c \
	catalog/diff.c catalog/connection.c catalog/resume.c
noinst_HEADERS += catalog/catalog.h catalog/catalog-int.h

check_PROGRAMS += tests/unit/catalog/test-catalog
TESTS += tests/unit/catalog/test-catalog
tests_unit_catalog_test_catalog_LDADD = $(UNIT_LDADD)
EXTRA_DIST += docs/catalog.md
