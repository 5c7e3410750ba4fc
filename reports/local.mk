# reports/: report writers; they read the catalog, never the database.
libpgsift_a_SOURCES += reports/json.c reports/output.c reports/flat.c
noinst_HEADERS += reports/reports.h reports/reports-int.h

check_PROGRAMS += tests/unit/reports/test-json
TESTS += tests/unit/reports/test-json
tests_unit_reports_test_json_LDADD = $(UNIT_LDADD)
EXTRA_DIST += docs/report.md docs/report.schema.json
