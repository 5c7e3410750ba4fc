# catalog/: the SQLite catalog.
libpgsift_a_SOURCES += catalog/open.c catalog/schema.c catalog/write.c \
	catalog/read.c
noinst_HEADERS += catalog/catalog.h catalog/catalog-int.h
