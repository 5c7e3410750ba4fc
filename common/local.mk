# common/: errors, buffers, allocators, logging, text.
libpgsift_a_SOURCES += common/error.c common/buf.c common/xmalloc.c \
	common/log.c common/text.c common/jsonpos.c
noinst_HEADERS += common/error.h common/buf.h common/xmalloc.h common/log.h \
	common/text.h common/jsonpos.h

check_PROGRAMS += tests/unit/common/test-buf tests/unit/common/test-error \
	tests/unit/common/test-text tests/unit/common/test-jsonpos
TESTS += tests/unit/common/test-buf tests/unit/common/test-error \
	tests/unit/common/test-text tests/unit/common/test-jsonpos
tests_unit_common_test_buf_LDADD = $(UNIT_LDADD)
tests_unit_common_test_error_LDADD = $(UNIT_LDADD)
tests_unit_common_test_text_LDADD = $(UNIT_LDADD)
tests_unit_common_test_jsonpos_LDADD = $(UNIT_LDADD)
