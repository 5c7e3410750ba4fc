# reports/: report writers; they read the catalog, never the database.
libpgsift_a_SOURCES += reports/json.c reports/output.c
noinst_HEADERS += reports/reports.h reports/reports-int.h
