# reports/: report writers; they read the catalog, never the database.
libpgsift_a_SOURCES += reports/json.c reports/output.c reports/flat.c \
	reports/html.c
# The HTML report's CSS, JavaScript and page parts, as C strings.
HTML_ASSETS = reports/assets/head.html reports/assets/nav.html \
	reports/assets/body.html reports/assets/report.css \
	reports/assets/report.js
nodist_libpgsift_a_SOURCES += reports/html-assets.h
BUILT_SOURCES += reports/html-assets.h
EXTRA_DIST += $(HTML_ASSETS) reports/assets/embed.sh
reports/html-assets.h: $(HTML_ASSETS:%=$(srcdir)/%) \
    $(srcdir)/reports/assets/embed.sh
	$(MKDIR_P) reports
	$(SHELL) $(srcdir)/reports/assets/embed.sh $(srcdir)/reports/assets \
	    >$@.tmp && mv $@.tmp $@
noinst_HEADERS += reports/reports.h reports/reports-int.h

check_PROGRAMS += tests/unit/reports/test-json
TESTS += tests/unit/reports/test-json
tests_unit_reports_test_json_LDADD = $(UNIT_LDADD)
EXTRA_DIST += docs/report.md docs/report.schema.json
# Also when only pgsift is asked for (BUILT_SOURCES serve "all" and
# "check" only).
reports/html.$(OBJEXT): reports/html-assets.h
