# common/: errors, buffers, allocators, logging.
libpgsift_a_SOURCES += common/error.c common/buf.c common/xmalloc.c \
	common/log.c
noinst_HEADERS += common/error.h common/buf.h common/xmalloc.h common/log.h

check_PROGRAMS += tests/unit/common/test-buf tests/unit/common/test-error
TESTS += tests/unit/common/test-buf tests/unit/common/test-error
tests_unit_common_test_buf_LDADD = $(UNIT_LDADD)
tests_unit_common_test_error_LDADD = $(UNIT_LDADD)
