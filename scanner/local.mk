# scanner/: libpq sessions, discovery, sampling, the scan of a database.
libpgsift_a_SOURCES += scanner/conn.c scanner/discover.c scanner/patterns.c \
	scanner/sample.c scanner/scan.c scanner/nodetree.c \
	scanner/lineage-view.c scanner/lineage.c scanner/pool.c \
	scanner/transport.c
noinst_HEADERS += scanner/scanner.h scanner/scanner-int.h \
	scanner/nodetree.h scanner/lineage.h scanner/pool.h

check_PROGRAMS += tests/unit/scanner/test-plan
TESTS += tests/unit/scanner/test-plan
tests_unit_scanner_test_plan_LDADD = $(UNIT_LDADD)
