# tests/: integration scripts against a real PostgreSQL, fixtures, helpers.
EXTRA_DIST += tests/lib/pgtmp.sh
