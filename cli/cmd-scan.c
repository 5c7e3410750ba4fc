/*
 * cli/cmd-scan.c: "pgsift scan", scanning databases into the catalog.
 *
 * Everything that can be checked before touching anything is checked
 * first: options, connection strings, and the catalog file. The catalog
 * is opened for writing, and the scan recorded, only once a first
 * database has answered, so that an unreachable server or a bad argument
 * leaves an existing catalog as it was.
 */
#include "config.h"

#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "catalog/catalog.h"
#include "classifiers/classifiers.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "cli/sources.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/scanner.h"

static const char scan_usage[] =
    "Usage: pgsift scan [OPTIONS] [CONNINFO...]\n"
    "\n"
    "Scan each database named by a connection string or URI (with none,\n"
    "libpq's PG* environment variables decide, as with psql) and record\n"
    "what it holds in the catalog.\n"
    "\n"
    "Options:\n"
    "  -c, --catalog FILE          the catalog (default pgsift.db)\n"
    "  -n, --sample-rows N         rows sampled per table (default 1000)\n"
    "  -j, --jobs N                sample with N workers, each with its own\n"
    "                              connection, sharing the tables of every\n"
    "                              database (default: the number of CPUs;\n"
    "                              never more than a server's free\n"
    "                              connections)\n"
    "      --seed N                draw the same samples again for the\n"
    "                              same N (default: new ones every scan)\n"
    "      --schema PATTERN        scan only matching schemas (repeatable)\n"
    "      --exclude-schema PATTERN  skip matching schemas (repeatable)\n"
    "  -t, --table PATTERN         scan only matching tables, as \"name\" or\n"
    "                              \"schema.name\" (repeatable)\n"
    "  -T, --exclude-table PATTERN skip matching tables (repeatable)\n"
    "      --exclude-column PATTERN  never read matching columns, as\n"
    "                              \"column\", \"table.column\" or\n"
    "                              \"schema.table.column\" (repeatable)\n"
    "      --allow-insecure        connect to hosts other than a local\n"
    "                              socket or loopback without TLS\n"
    "      --all-databases         scan every database the role may\n"
    "                              connect to on each server\n"
    "      --sources FILE          the sources of an estate, see\n"
    "                              docs/sources.md\n"
    "      --wait DURATION         wait this long for another scan into the\n"
    "                              same catalog to end (default 60s)\n"
    "      --statement-timeout DURATION  per query (default 30s; 0: none)\n"
    "      --lock-timeout DURATION       wait for a lock at most this long\n"
    "                              (default 1s; 0: wait forever)\n"
    "      --fail-on LIKELIHOOD    exit with status 6 when a finding at or\n"
    "                              above LIKELIHOOD exists (e.g. LIKELY)\n"
    "      --examples N            keep N (0-3, default 0) masked examples\n"
    "                              of each finding for reports\n"
    "      --resume                continue the last scan, interrupted by a\n"
    "                              signal or killed: what it finished stays\n"
    "                              (give the same CONNINFO or --sources)\n"
    "      --full                  sample every relation again; by default a\n"
    "                              rescan carries unchanged ones forward\n"
    "      --rules FILE            custom classification rules, see\n"
    "                              docs/rules.md (repeatable)\n"
    "  -q, --quiet                 print nothing but errors\n"
    "  -v, --verbose               say what is being sampled; twice: and\n"
    "                              the queries that sample it\n"
    "  -h, --help                  show this help and exit\n"
    "\n"
    "Patterns are shell globs (*, ?, [...]) on names as stored, unquoted.\n"
    "Durations take a unit: ms, s, min or h (no unit: milliseconds).\n";

/* Growable list of pattern strings (borrowed from argv). */
struct pattern_list {
	const char **items;
	size_t	n;
};

/* The parsed command line. */
struct scan_args {
	const char *catalog;
	struct scan_options opts;
	struct pattern_list schemas, exclude_schemas, tables, exclude_tables;
	struct pattern_list rules;
	struct pattern_list exclude_columns;
	const char *sources;	/* --sources FILE, or NULL */
	bool	all_databases;
	long	wait_ms;	/* for another scan's catalog lock */
	int	fail_on;	/* likelihood, or -1 */
	bool	quiet;
	int	verbose;	/* -v: 1; -vv: 2 */
	char  **conninfos;
	int	nconninfos;
};

/* Append s to l. */
static void
pattern_add(struct pattern_list *l, const char *s)
{
	l->items = xreallocarray(l->items, l->n + 1, sizeof *l->items);
	l->items[l->n++] = s;
}

/*
 * Parse the command line into a. Returns -1 to go on, or an exit status
 * (for --help and usage errors).
 */
static int
scan_parse(int argc, char **argv, struct scan_args *a)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "sample-rows", required_argument, NULL, 'n' },
		{ "schema", required_argument, NULL, 'S' },
		{ "exclude-schema", required_argument, NULL, 'X' },
		{ "table", required_argument, NULL, 't' },
		{ "exclude-table", required_argument, NULL, 'T' },
		{ "statement-timeout", required_argument, NULL, 1 },
		{ "lock-timeout", required_argument, NULL, 2 },
		{ "rules", required_argument, NULL, 3 },
		{ "full", no_argument, NULL, 4 },
		{ "fail-on", required_argument, NULL, 5 },
		{ "exclude-column", required_argument, NULL, 6 },
		{ "all-databases", no_argument, NULL, 7 },
		{ "allow-insecure", no_argument, NULL, 12 },
		{ "resume", no_argument, NULL, 13 },
		{ "sources", required_argument, NULL, 8 },
		{ "wait", required_argument, NULL, 9 },
		{ "examples", required_argument, NULL, 10 },
		{ "jobs", required_argument, NULL, 'j' },
		{ "seed", required_argument, NULL, 11 },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sift_err err;
	int	c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":c:n:j:t:T:qvh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			a->catalog = optarg;
			break;
		case 'n':
			if (cli_parse_long("--sample-rows", optarg, 1, 10000000,
			    &a->opts.sample_rows, &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			break;
		case 'j': {
			long	n;

			if (cli_parse_long("--jobs", optarg, 1, SCAN_MAX_JOBS, &n,
			    &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			a->opts.jobs = (int)n;
			break;
		}
		case 11: {
			long	n;

			if (cli_parse_long("--seed", optarg, 0, LONG_MAX, &n,
			    &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			a->opts.seeded = true;
			a->opts.seed = (uint64_t)n;
			break;
		}
		case 'S':
			pattern_add(&a->schemas, optarg);
			break;
		case 'X':
			pattern_add(&a->exclude_schemas, optarg);
			break;
		case 't':
			pattern_add(&a->tables, optarg);
			break;
		case 'T':
			pattern_add(&a->exclude_tables, optarg);
			break;
		case 1:
			if (cli_parse_duration("--statement-timeout", optarg,
			    &a->opts.statement_timeout_ms, &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			break;
		case 2:
			if (cli_parse_duration("--lock-timeout", optarg,
			    &a->opts.lock_timeout_ms, &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			break;
		case 3:
			pattern_add(&a->rules, optarg);
			break;
		case 4:
			a->opts.full = true;
			break;
		case 6:
			pattern_add(&a->exclude_columns, optarg);
			break;
		case 7:
			a->all_databases = true;
			break;
		case 12:
			a->opts.allow_insecure = true;
			break;
		case 13:
			a->opts.resume = true;
			break;
		case 8:
			a->sources = optarg;
			break;
		case 9:
			if (cli_parse_duration("--wait", optarg, &a->wait_ms,
			    &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			break;
		case 10: {
			long	n;

			if (cli_parse_long("--examples", optarg, 0, 3, &n,
			    &err) != 0)
				return cli_usage_error("scan", "%s", err.msg);
			a->opts.examples = (int)n;
			break;
		}
		case 5:
			a->fail_on = cls_likelihood_parse(optarg);
			if (a->fail_on < 0)
				return cli_usage_error("scan", "unknown "
				    "likelihood \"%s\"", optarg);
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'v':
			a->verbose++;
			break;
		case 'h':
			fputs(scan_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("scan",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("scan", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	a->conninfos = argv + optind;
	a->nconninfos = argc - optind;
	a->opts.schemas.items = a->schemas.items;
	a->opts.schemas.n = a->schemas.n;
	a->opts.exclude_schemas.items = a->exclude_schemas.items;
	a->opts.exclude_schemas.n = a->exclude_schemas.n;
	a->opts.tables.items = a->tables.items;
	a->opts.tables.n = a->tables.n;
	a->opts.exclude_tables.items = a->exclude_tables.items;
	a->opts.exclude_tables.n = a->exclude_tables.n;
	a->opts.exclude_columns.items = a->exclude_columns.items;
	a->opts.exclude_columns.n = a->exclude_columns.n;
	if (a->sources != NULL && a->nconninfos > 0)
		return cli_usage_error("scan", "give CONNINFO arguments or "
		    "--sources, not both");
	return -1;
}

/* Add a JSON array of the patterns in l to obj under name. */
static void
scan_json_patterns(cJSON *obj, const char *name, const struct pattern_list *l)
{
	cJSON  *arr;
	size_t	i;

	arr = cJSON_AddArrayToObject(obj, name);
	for (i = 0; i < l->n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(l->items[i]));
}

/*
 * The options a scan ran with, as JSON for the catalog. Connection
 * strings are left out: they may hold a password. Caller frees.
 */
static char *
scan_options_json(const struct scan_args *a)
{
	cJSON  *o;
	char   *s;

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "sample_rows", (double)a->opts.sample_rows);
	cJSON_AddNumberToObject(o, "jobs", (double)a->opts.jobs);
	cJSON_AddBoolToObject(o, "allow_insecure", a->opts.allow_insecure);
	if (a->opts.seeded)
		cJSON_AddNumberToObject(o, "seed", (double)a->opts.seed);
	cJSON_AddNumberToObject(o, "statement_timeout_ms",
	    (double)a->opts.statement_timeout_ms);
	cJSON_AddNumberToObject(o, "lock_timeout_ms",
	    (double)a->opts.lock_timeout_ms);
	cJSON_AddNumberToObject(o, "databases", a->nconninfos ? a->nconninfos : 1);
	scan_json_patterns(o, "schemas", &a->schemas);
	scan_json_patterns(o, "exclude_schemas", &a->exclude_schemas);
	scan_json_patterns(o, "tables", &a->tables);
	scan_json_patterns(o, "exclude_tables", &a->exclude_tables);
	scan_json_patterns(o, "rules", &a->rules);
	scan_json_patterns(o, "exclude_columns", &a->exclude_columns);
	cJSON_AddBoolToObject(o, "all_databases", a->all_databases);
	if (a->sources != NULL)
		cJSON_AddStringToObject(o, "sources", a->sources);
	cJSON_AddBoolToObject(o, "full", a->opts.full);
	cJSON_AddNumberToObject(o, "examples", a->opts.examples);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (s == NULL)
		abort();
	return s;
}

/* The state of a run across its databases. */
struct scan_run {
	struct catalog *cat;
	struct cls_engine *engine;
	int64_t	scan_id;
	struct scan_stats stats;
	int	databases;	/* scanned */
	int	unreachable;	/* could not connect */
	int	broken;		/* connected, but the scan stopped */
	bool	interrupted;	/* by SIGINT or SIGTERM */
	struct scan_queue *queue;	/* the databases being scanned */
};

/*
 * Open the catalog and record the scan, on the first database that
 * answered. Returns 0 or -1.
 */
static int
scan_start(struct scan_run *run, const struct scan_args *a,
    struct sift_err *err)
{
	char   *json;
	int	rc;

	if (run->cat != NULL)
		return 0;
	run->cat = catalog_open(a->catalog, CATALOG_WRITE, err);
	if (run->cat == NULL)
		return -1;
	if (a->opts.resume) {
		if (catalog_scan_resumable(run->cat, &run->scan_id, err) != 0 ||
		    catalog_scan_reopen(run->cat, run->scan_id, err) != 0)
			return -1;
		sift_log(SIFT_LOG_INFO, "resuming scan %lld",
		    (long long)run->scan_id);
		return 0;
	}
	json = scan_options_json(a);
	rc = catalog_scan_begin(run->cat, json, &run->scan_id, err);
	free(json);
	return rc;
}

/* A database of the run is over (a scan_queue_done_fn): count it. */
static void
scan_database_done(const char *database, const struct sift_err *err,
    void *arg)
{
	struct scan_run *run = arg;

	(void)database;
	if (err == NULL)
		run->databases++;
	else if (err->code == SIFT_E_INTERRUPTED)
		run->interrupted = true;
	else {
		cli_fail(err);
		run->broken++;
	}
}

/*
 * Connect to one database and queue it: its relations are sampled once
 * every database is queued. Returns 0 to go on with the next, or an exit
 * status that ends the run (the catalog failed).
 */
static int
scan_one_database(struct scan_run *run, const struct scan_args *a,
    const char *conninfo, const struct scan_options *opts)
{
	struct scan_conn *conn;
	struct sift_err err;

	sift_err_clear(&err);
	conn = scan_connect(conninfo, opts, &err);
	if (conn == NULL) {
		cli_fail(&err);
		run->unreachable++;
		return 0;
	}
	if (scan_start(run, a, &err) != 0) {
		scan_disconnect(conn);
		return cli_fail(&err);
	}
	/* The queue takes conn. */
	if (scan_queue_add(run->queue, run->cat, run->scan_id, conn, opts,
	    &err) != 0) {
		cli_fail(&err);
		if (err.code == SIFT_E_CATALOG || err.code == SIFT_E_IO)
			return CLI_EXIT_CATALOG;
		run->broken++;
	}
	return 0;
}

/* Print the closing summary of a finished scan. */
static void
scan_print_summary(const struct scan_run *run, const char *status)
{
	const struct scan_stats *s = &run->stats;

	printf("scan %lld %s: %d database%s, %ld relations (%ld sampled, "
	    "%ld unchanged and carried forward, %ld not sampled by design, "
	    "%ld failed, %ld removed", (long long)run->scan_id, status,
	    run->databases, run->databases == 1 ? "" : "s", s->relations,
	    s->sampled, s->carried, s->skipped, s->failed, s->removed);
	if (s->resumed > 0)
		printf(", %ld done before it was resumed", s->resumed);
	printf("), %lld rows read, %ld columns, %ld classified\n", s->rows,
	    s->columns, s->classified);
}

/* Append the patterns of a source to a copy of the command line's. */
static void
scan_merge(struct scan_patterns *out, const struct scan_patterns *cli,
    const struct source_patterns *src, const char ***owned)
{
	const char **v;
	size_t	i;

	if (src->n == 0) {
		*out = *cli;
		return;
	}
	v = xcalloc(cli->n + src->n + 1, sizeof *v);
	for (i = 0; i < cli->n; i++)
		v[i] = cli->items[i];
	for (i = 0; i < src->n; i++)
		v[cli->n + i] = src->items[i];
	out->items = v;
	out->n = cli->n + src->n;
	*owned = v;
}

/*
 * Scan one source: its database, or every database it may connect to,
 * with the command line's options and the source's own on top. Returns
 * 0 to go on, or an exit status that ends the run.
 */
static int
scan_source(struct scan_run *run, const struct scan_args *a,
    const struct scan_source *src)
{
	struct scan_options o = a->opts;
	const char **owned[5] = { NULL };
	struct sift_err err;
	char	ruleset[128], **dbs = NULL;
	size_t	ndbs = 0, i;
	int	rc = 0;

	scan_merge(&o.schemas, &a->opts.schemas, &src->schemas, &owned[0]);
	scan_merge(&o.exclude_schemas, &a->opts.exclude_schemas,
	    &src->exclude_schemas, &owned[1]);
	scan_merge(&o.tables, &a->opts.tables, &src->tables, &owned[2]);
	scan_merge(&o.exclude_tables, &a->opts.exclude_tables,
	    &src->exclude_tables, &owned[3]);
	scan_merge(&o.exclude_columns, &a->opts.exclude_columns,
	    &src->exclude_columns, &owned[4]);
	if (src->sample_rows > 0)
		o.sample_rows = src->sample_rows;
	if (src->statement_timeout_ms >= 0)
		o.statement_timeout_ms = src->statement_timeout_ms;
	if (src->lock_timeout_ms >= 0)
		o.lock_timeout_ms = src->lock_timeout_ms;
	o.source_name = src->name;
	/* What a carried relation must have been classified under. */
	snprintf(ruleset, sizeof ruleset, "%s/%016llx/%ld", PACKAGE_VERSION,
	    (unsigned long long)cls_ruleset_fingerprint(), o.sample_rows);
	o.ruleset = ruleset;
	if (!src->all_databases) {
		rc = scan_one_database(run, a, src->conninfo, &o);
		goto out;
	}
	if (scan_list_databases(src->conninfo, &o, &dbs, &ndbs, &err) != 0) {
		cli_fail(&err);
		run->unreachable++;
		goto out;
	}
	for (i = 0; rc == 0 && !scan_interrupted() && i < ndbs; i++) {
		if (!sources_wanted(&src->databases, &src->exclude_databases,
		    dbs[i]))
			continue;
		o.dbname = dbs[i];
		rc = scan_one_database(run, a, src->conninfo, &o);
	}
out:
	for (i = 0; i < ndbs; i++)
		free(dbs[i]);
	free(dbs);
	for (i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(owned[i]);
	return rc;
}

/*
 * Take the catalog's scan lock, "CATALOG.lock", waiting up to wait_ms
 * for a scan that holds it. Returns 0 with *fd (closing it releases the
 * lock), or -1 with err.
 */
static int
scan_lock(const char *catalog, long wait_ms, int *fd, struct sift_err *err)
{
	char   *path = xasprintf("%s.lock", catalog);
	long	waited = 0;

	sift_err_clear(err);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0) {
		sift_err_set(err, SIFT_E_IO, "could not open \"%s\": %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	while (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			sift_err_set(err, SIFT_E_IO, "could not lock \"%s\": %s",
			    path, strerror(errno));
			break;
		}
		if (waited >= wait_ms) {
			sift_err_set(err, SIFT_E_CATALOG, "another pgsift scan is "
			    "writing to catalog \"%s\"; gave up after waiting "
			    "%ld ms (see --wait)", catalog, waited);
			break;
		}
		usleep(100000);
		waited += 100;
	}
	if (err->code != SIFT_E_OK) {
		close(*fd);
		*fd = -1;
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* A signal that stops the scan (see scan_interrupt()). */
static void
scan_on_signal(int sig)
{
	(void)sig;
	scan_interrupt();
}

/*
 * Catch SIGINT and SIGTERM while scanning (on), or no longer (off). The
 * first stops the scan cleanly; the handler is then reset, so a second
 * one ends pgsift at once (the catalog stays consistent: SQLite).
 */
static void
scan_signals(bool on)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? scan_on_signal : SIG_DFL;
	sa.sa_flags = on ? SA_RESETHAND : 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The counts of a run, as JSON for the catalog. Caller frees. */
static char *
scan_stats_json(const struct scan_run *run)
{
	const struct scan_stats *s = &run->stats;
	cJSON  *o = cJSON_CreateObject();
	char   *text;

	cJSON_AddNumberToObject(o, "databases", run->databases);
	cJSON_AddNumberToObject(o, "unreachable", run->unreachable);
	cJSON_AddNumberToObject(o, "relations", (double)s->relations);
	cJSON_AddNumberToObject(o, "sampled", (double)s->sampled);
	cJSON_AddNumberToObject(o, "carried", (double)s->carried);
	cJSON_AddNumberToObject(o, "not_sampled", (double)s->skipped);
	cJSON_AddNumberToObject(o, "failed", (double)s->failed);
	cJSON_AddNumberToObject(o, "removed", (double)s->removed);
	cJSON_AddNumberToObject(o, "rows", (double)s->rows);
	cJSON_AddNumberToObject(o, "columns", (double)s->columns);
	cJSON_AddNumberToObject(o, "classified", (double)s->classified);
	if (s->resumed > 0)
		cJSON_AddNumberToObject(o, "resumed", (double)s->resumed);
	if (run->interrupted)
		cJSON_AddBoolToObject(o, "interrupted", true);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (text == NULL)
		abort();
	return text;
}

/* Counting findings for --fail-on. */
struct scan_alert {
	int	level;
	long	n;
};

/* Count a column's findings at or above the level. */
static int
scan_alert_column(const struct catalog_column_view *col, void *arg,
    struct sift_err *err)
{
	struct scan_alert *alert = arg;
	size_t	i;

	(void)err;
	for (i = 0; i < col->nfindings; i++)
		if (cls_likelihood_parse(col->findings[i].likelihood) >=
		    alert->level)
			alert->n++;
	return 0;
}

/*
 * "pgsift scan": check everything, then settle each database in turn,
 * and sample them all.
 */
int
cmd_scan(int argc, char **argv)
{
	struct scan_args a;
	struct scan_run run;
	struct sift_err err;
	struct scan_source *sources = NULL;
	struct progress progress;
	size_t	nsources = 0, k;
	int	lock_fd = -1, rc2;
	char   *stats_json;
	const char *status;
	int	rc, i;

	memset(&a, 0, sizeof a);
	memset(&run, 0, sizeof run);
	a.catalog = "pgsift.db";
	scan_options_init(&a.opts);
	a.opts.jobs = scan_default_jobs();
	a.fail_on = -1;
	a.wait_ms = 60000;
	rc = scan_parse(argc, argv, &a);
	if (rc >= 0)
		goto out;
	sift_log_set_level(a.quiet ? SIFT_LOG_ERROR :
	    a.verbose > 1 ? SIFT_LOG_DEBUG : a.verbose ? SIFT_LOG_INFO :
	    SIFT_LOG_WARNING);
	for (i = 0; i < a.nconninfos; i++) {
		if (scan_conninfo_check(a.conninfos[i], &err) != 0) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	/* Check the catalog before connecting anywhere; nothing is written. */
	if (catalog_check(a.catalog, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (a.rules.n > 0 && !cls_rules_load(a.rules.items, a.rules.n, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	run.engine = cls_engine_new(&err);
	if (run.engine == NULL) {
		rc = cli_fail(&err);
		goto out;
	}
	if (a.sources != NULL && sources_load(a.sources, &sources, &nsources,
	    &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	/* One scan into a catalog at a time; wait a while for another. */
	if (scan_lock(a.catalog, a.wait_ms, &lock_fd, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!a.quiet) {
		progress_init(&progress, stderr);
		a.opts.progress = progress_update;
		a.opts.progress_arg = &progress;
		sift_log_set_hook(progress_clear, &progress);
	}
	rc = 0;
	run.queue = scan_queue_new(run.engine, a.opts.jobs, &run.stats,
	    scan_database_done, &run);
	scan_signals(true);
	if (sources != NULL) {
		for (k = 0; rc == 0 && !scan_interrupted() && k < nsources; k++)
			rc = scan_source(&run, &a, &sources[k]);
	} else {
		for (i = 0; rc == 0 && !scan_interrupted() &&
		    i < (a.nconninfos ? a.nconninfos : 1); i++) {
			struct scan_source cli_source;

			memset(&cli_source, 0, sizeof cli_source);
			cli_source.conninfo = a.nconninfos ? a.conninfos[i] : NULL;
			cli_source.all_databases = a.all_databases;
			cli_source.sample_rows = -1;
			cli_source.statement_timeout_ms = -1;
			cli_source.lock_timeout_ms = -1;
			rc = scan_source(&run, &a, &cli_source);
		}
	}
	/* Every database is queued: sample them all, with one pool. */
	if (rc == 0 && run.cat != NULL &&
	    scan_queue_run(run.queue, &err) != 0)
		rc = cli_fail(&err);
	scan_signals(false);
	if (!a.quiet) {
		progress_done(&progress);
		sift_log_set_hook(NULL, NULL);
	}
	run.interrupted = run.interrupted || scan_interrupted();
	if (run.cat == NULL) {
		/* Nothing answered: nothing was written. */
		if (rc == 0)
			rc = CLI_EXIT_CONNECT;
		goto out;
	}
	/*
	 * A database whose scan began and broke off (its server went away)
	 * keeps what was recorded: the scan is partial, and --resume
	 * continues it. Failed means that nothing could be scanned.
	 */
	if (rc != 0)
		status = "failed";
	else if (run.databases == 0 && run.broken == 0 && !run.interrupted)
		status = "failed";
	else if (run.unreachable || run.broken || run.stats.failed ||
	    run.interrupted)
		status = "partial";
	else
		status = "completed";
	stats_json = scan_stats_json(&run);
	rc2 = catalog_scan_finish(run.cat, run.scan_id, status, stats_json,
	    &err);
	free(stats_json);
	if (rc2 != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!a.quiet) {
		scan_print_summary(&run, status);
		if (cli_print_findings(run.cat, run.scan_id, stdout, &err) != 0)
			rc = cli_fail(&err);
	}
	if (run.interrupted)
		fprintf(stderr, "pgsift: interrupted: scan %lld is recorded as "
		    "partial; \"pgsift scan --resume\" with the same arguments "
		    "continues it\n", (long long)run.scan_id);
	if (rc == 0 && strcmp(status, "completed") != 0)
		rc = strcmp(status, "failed") == 0 ? CLI_EXIT_CONNECT :
		    CLI_EXIT_PARTIAL;
	/* Findings at or above --fail-on outrank a partial scan. */
	if ((rc == 0 || rc == CLI_EXIT_PARTIAL) && a.fail_on >= 0) {
		struct scan_alert alert = { a.fail_on, 0 };

		if (catalog_columns_foreach(run.cat, run.scan_id, scan_alert_column,
		    &alert, &err) != 0)
			rc = cli_fail(&err);
		else if (alert.n > 0) {
			fprintf(stderr, "pgsift: %ld finding%s at or above %s\n",
			    alert.n, alert.n == 1 ? "" : "s",
			    cls_likelihood_name((enum cls_likelihood)a.fail_on));
			rc = CLI_EXIT_FINDINGS;
		}
	}
out:
	scan_queue_free(run.queue);
	catalog_close(run.cat);
	cls_engine_free(run.engine);
	free(a.schemas.items);
	free(a.exclude_schemas.items);
	free(a.tables.items);
	free(a.exclude_tables.items);
	free(a.rules.items);
	free(a.exclude_columns.items);
	sources_free(sources, nsources);
	if (lock_fd >= 0)
		close(lock_fd);
	cls_rules_reset();
	return rc;
}
