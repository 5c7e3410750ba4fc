# tests/: integration scripts against a real PostgreSQL, fixtures, helpers.
PG_TESTS = tests/pg/t100-scan-basic.sh tests/pg/t110-scan-safety.sh \
	tests/pg/t120-scan-privileges.sh tests/pg/t130-scan-encoding.sh \
	tests/pg/t150-scan-datasets.sh \
	tests/pg/t160-scan-demo.sh \
	tests/pg/t170-lineage.sh tests/pg/t180-rescan.sh tests/pg/t190-estate.sh \
	tests/pg/t200-reports.sh tests/pg/t210-html.sh tests/pg/t220-jobs.sh \
	tests/pg/t230-tls.sh tests/pg/t240-faults.sh tests/pg/t250-auth.sh \
	tests/pg/t260-hostile.sh \
	tests/pg/t500-cli.sh \
	tests/pg/t510-classify.sh \
	tests/pg/t520-rules.sh
TESTS += $(PG_TESTS)
dist_check_SCRIPTS += $(PG_TESTS)
EXTRA_DIST += tests/lib/pgtmp.sh tests/lib/tap.sh tests/lib/report.sh \
	tests/lib/validate-json.py \
	tests/fixtures/basic.sql demo/estate.sql demo/check.sql \
	tests/fixtures/generators.sql tests/fixtures/rules/acme.json \
	tests/fixtures/lineage.sql \
	tests/fixtures/rules/departments.txt \
	scripts/deps.sh scripts/test.sh scripts/demo.sh .ci/run \
	contrib/pgsift-rescan.service contrib/pgsift-rescan.timer \
	contrib/pgsift.crontab docs/sources.md

# tests/fuzz: the libFuzzer targets of fuzz/ (docs/fuzzing.md), built and
# run for a few seconds each; skipped without clang and libFuzzer.
FUZZ_TESTS = tests/fuzz/t600-fuzz.sh
TESTS += $(FUZZ_TESTS)
dist_check_SCRIPTS += $(FUZZ_TESTS)
EXTRA_DIST += fuzz/build.sh fuzz/fuzz.h fuzz/fuzz-util.c \
	fuzz/fuzz-validators.c fuzz/fuzz-engine.c fuzz/fuzz-rules.c \
	fuzz/fuzz-sources.c fuzz/fuzz-nodetree.c fuzz/fuzz-lineage.c \
	fuzz/corpus docs/fuzzing.md
