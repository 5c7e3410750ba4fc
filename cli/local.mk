# cli/: the pgsift command.
pgsift_SOURCES += cli/pgsift.c cli/cli.h cli/util.c cli/cmd-scan.c \
	cli/cmd-report.c cli/summary.c cli/cmd-classify.c cli/cmd-rules.c \
	cli/csv.c cli/csv.h cli/cmd-lineage.c cli/cmd-review.c cli/cmd-diff.c \
	cli/sources.c cli/sources.h cli/progress.c cli/progress.h
