# cli/: the pgsift command.
pgsift_SOURCES += cli/pgsift.c
