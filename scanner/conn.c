/*
 * scanner/conn.c: opening and configuring a scanning session.
 *
 * A session is made safe before any other query: the search path is
 * emptied (every query says pg_catalog.), transactions default to read
 * only, and statement, lock and idle-in-transaction timeouts are set, so
 * that a scan can neither change data nor queue for long behind DDL.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "scanner/scanner-int.h"

/*
 * Route server notices to our debug log, one line each, instead of
 * libpq's default of printing them on stderr.
 */
static void
conn_notice(void *arg, const char *message)
{
	size_t	len;

	(void)arg;
	len = strlen(message);
	while (len > 0 && message[len - 1] == '\n')
		len--;
	sift_log(SIFT_LOG_DEBUG, "server notice: %.*s", (int)len, message);
}

/*
 * Copy the message of a failed result into err as one line, with its
 * SQLSTATE. Returns -1.
 */
int
scan_result_error(const PGresult *res, struct sift_err *err)
{
	const char *primary, *state;

	primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (primary == NULL)
		primary = res ? PQresultErrorMessage(res) : "no result";
	if (primary == NULL || *primary == '\0')
		primary = "unknown error";
	sift_err_set(err, SIFT_E_QUERY, "%s", primary);
	if (err != NULL && state != NULL)
		snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
	return -1;
}

/*
 * Close conn's session but keep what describes it (its database,
 * target, source, transport and connection string), so that
 * scan_conn_again() can open others like it. scan_conn_ok() is false
 * from then on; scan_conn_free() still frees it.
 */
void
scan_conn_hangup(struct scan_conn *conn)
{
	PQfinish(conn->pg);
	conn->pg = NULL;
}

/* Is the connection still usable? */
bool
scan_conn_ok(const struct scan_conn *conn)
{
	return PQstatus(conn->pg) == CONNECTION_OK;
}

/*
 * Did err end the session? The connection is gone, or the server said
 * it is ending it: a shutdown or crash of the server (57P01, 57P02), a
 * restart still under way (57P03), a connection exception (08...); or a
 * query failed with no SQLSTATE, which only libpq's own errors lack
 * ("server closed the connection unexpectedly" on a failed send leaves
 * the connection's status OK until the next read).
 */
bool
scan_conn_lost(const struct scan_conn *conn, const struct sift_err *err)
{
	return !scan_conn_ok(conn) || strncmp(err->sqlstate, "08", 2) == 0 ||
	    strncmp(err->sqlstate, "57P", 3) == 0 ||
	    ((err->code == SIFT_E_QUERY || err->code == SIFT_E_CONNECT) &&
	    err->sqlstate[0] == '\0');
}

/*
 * Run one command that returns no rows. Returns 0, or -1 with err filled
 * in from the server's message.
 */
int
scan_conn_exec(struct scan_conn *conn, const char *sql, struct sift_err *err)
{
	PGresult *res;
	int	rc = 0;

	res = PQexec(conn->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (res == NULL || !scan_conn_ok(conn))
			rc = sift_err_set(err, SIFT_E_CONNECT, "%s",
			    PQerrorMessage(conn->pg));
		else
			rc = scan_result_error(res, err);
	}
	PQclear(res);
	return rc;
}

/*
 * Describe the connection without secrets: the host, port, database and
 * user that libpq actually used. Returns a string the caller frees.
 */
static char *
conn_describe(PGconn *pg)
{
	struct sift_buf b;
	const char *host;

	sift_buf_init(&b);
	host = PQhost(pg);
	sift_buf_printf(&b, "host=%s port=%s dbname=%s user=%s",
	    host && *host ? host : "localhost", PQport(pg), PQdb(pg),
	    PQuser(pg));
	return sift_buf_detach(&b);
}

/*
 * Pin the session: empty search_path, read-only transactions, no JIT and
 * the timeouts from opts. idle_in_transaction_session_timeout makes the
 * server end our transaction if pgsift stalls while holding one.
 */
static int
conn_configure(struct scan_conn *conn, const struct scan_options *opts,
    struct sift_err *err)
{
	static const char sql[] =
	    "SELECT pg_catalog.set_config('search_path', '', false), "
	    "pg_catalog.set_config('default_transaction_read_only', 'on', false), "
	    "pg_catalog.set_config('statement_timeout', $1, false), "
	    "pg_catalog.set_config('lock_timeout', $2, false), "
	    "pg_catalog.set_config('idle_in_transaction_session_timeout', $3, false), "
	    /* JIT costs more than it saves on short catalog queries. */
	    "pg_catalog.set_config('jit', 'off', false)";
	char	stmt[32], lock[32], idle[32];
	const char *params[3] = { stmt, lock, idle };
	PGresult *res;
	int	rc = 0;

	snprintf(stmt, sizeof stmt, "%ld", opts->statement_timeout_ms);
	snprintf(lock, sizeof lock, "%ld", opts->lock_timeout_ms);
	snprintf(idle, sizeof idle, "%ld",
	    opts->statement_timeout_ms > 0 ? 2 * opts->statement_timeout_ms +
	    60000 : 0);
	res = PQexecParams(conn->pg, sql, 3, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = scan_result_error(res, err);
	PQclear(res);
	return rc;
}

/*
 * Open a session to the database conninfo names, with
 * application_name=pgsift, and configure it. Returns a connection the
 * caller frees with scan_conn_free(), or NULL with err filled in:
 * SIFT_E_USAGE when conninfo cannot be parsed, SIFT_E_CONNECT otherwise.
 */
struct scan_conn *
scan_conn_open(const char *conninfo, const struct scan_options *opts,
    struct sift_err *err)
{
	/*
	 * Later keywords override what conninfo says: the application name
	 * marks our sessions in pg_stat_activity, and UTF-8 is what the
	 * classifiers and the reports expect, whatever the server encoding.
	 */
	const char *keys[] = { "dbname", "application_name", "client_encoding",
		NULL, NULL, NULL };
	const char *vals[] = { conninfo, "pgsift", "UTF8", NULL, NULL, NULL };
	struct scan_conn *conn;
	const char *port, *enc;
	PGconn *pg;
	size_t	k;
	bool	require;

	if (scan_conninfo_check(conninfo, err) != 0)
		return NULL;
	if (conninfo == NULL || *conninfo == '\0') {
		/* No conninfo: let the PG* variables decide everything else. */
		keys[0] = "application_name";
		vals[0] = "pgsift";
		keys[1] = "client_encoding";
		vals[1] = "UTF8";
		keys[2] = NULL;
	}
	/* A later dbname overrides the one the conninfo names. */
	k = keys[2] == NULL ? 2 : 3;
	if (opts->dbname != NULL) {
		keys[k] = "dbname";
		vals[k] = opts->dbname;
		k++;
	}
	/* TLS to any host but a local one (see transport.c). */
	if (scan_transport_check(keys, vals, opts->allow_insecure, &require,
	    err) != 0)
		return NULL;
	if (require) {
		keys[k] = "sslmode";
		vals[k] = "require";
	}
	pg = PQconnectdbParams(keys, vals, 1);
	if (pg == NULL) {
		sift_err_set(err, SIFT_E_CONNECT, "could not connect: out of memory");
		return NULL;
	}
	if (PQstatus(pg) != CONNECTION_OK) {
		sift_err_set(err, SIFT_E_CONNECT, "%s%s", PQerrorMessage(pg),
		    require ? " (pgsift requires TLS to hosts other than a "
		    "local one; --allow-insecure lifts that)" : "");
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, conn_notice, NULL);
	/*
	 * A SQL_ASCII database holds bytes, not characters: the server
	 * cannot convert them to UTF-8 and refuses any result with a byte it
	 * cannot check. Read them as they are; names that are not UTF-8 are
	 * escaped (discover.c), values are classified as bytes.
	 */
	enc = PQparameterStatus(pg, "server_encoding");
	if (enc != NULL && strcmp(enc, "SQL_ASCII") == 0 &&
	    PQsetClientEncoding(pg, "SQL_ASCII") != 0) {
		sift_err_set(err, SIFT_E_CONNECT, "could not read a SQL_ASCII "
		    "database as bytes: %s", PQerrorMessage(pg));
		PQfinish(pg);
		return NULL;
	}
	conn = xcalloc(1, sizeof *conn);
	conn->pg = pg;
	conn->conninfo = conninfo != NULL ? xstrdup(conninfo) : NULL;
	scan_transport_describe(pg, &conn->transport);
	conn->target = conn_describe(pg);
	conn->dbname = xstrdup(PQdb(pg));
	conn->catalog_timeout_ms = opts->statement_timeout_ms <= 0 ? 0 :
	    opts->statement_timeout_ms > SCAN_CATALOG_TIMEOUT_MS ?
	    opts->statement_timeout_ms : SCAN_CATALOG_TIMEOUT_MS;
	port = PQport(pg);
	conn->source_name = opts->source_name != NULL ?
	    xstrdup(opts->source_name) : xasprintf("%s:%s",
	    PQhost(pg) && *PQhost(pg) ? PQhost(pg) : "localhost",
	    port && *port ? port : "5432");
	if (conn_configure(conn, opts, err) != 0) {
		sift_err_prefix(err, "could not configure the session");
		err->code = SIFT_E_CONNECT;
		scan_conn_free(conn);
		return NULL;
	}
	sift_log(SIFT_LOG_DEBUG, "connected: %s", conn->target);
	return conn;
}

/*
 * Begin the read-only, repeatable-read transaction of the catalog reads
 * (discovery, lineage), with their own statement timeout (scanner-int.h).
 */
int
scan_conn_begin_catalog(struct scan_conn *conn, struct sift_err *err)
{
	char	ms[32];
	const char *params[1] = { ms };
	PGresult *res;

	if (scan_conn_exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ "
	    "READ ONLY", err) != 0)
		return -1;
	snprintf(ms, sizeof ms, "%ld", conn->catalog_timeout_ms);
	res = PQexecParams(conn->pg, "SELECT pg_catalog.set_config("
	    "'statement_timeout', $1, true)", 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		scan_result_error(res, err);
		PQclear(res);
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		return -1;
	}
	PQclear(res);
	return 0;
}

/* Open and configure a session (public name of scan_conn_open()). */
struct scan_conn *
scan_connect(const char *conninfo, const struct scan_options *opts,
    struct sift_err *err)
{
	return scan_conn_open(conninfo, opts, err);
}

/* Close a session; conn may be NULL. */
void
scan_disconnect(struct scan_conn *conn)
{
	scan_conn_free(conn);
}

/* The source name, "host:port". */
const char *
scan_conn_source(const struct scan_conn *conn)
{
	return conn->source_name;
}

/* The connection target without secrets. */
const char *
scan_conn_target(const struct scan_conn *conn)
{
	return conn->target;
}

/* How the session reached its server (see scanner.h). */
const struct scan_transport *
scan_conn_transport(const struct scan_conn *conn)
{
	return &conn->transport;
}

/*
 * Copy libpq's message about a connection string that does not parse
 * into out (size bytes), one line, with what it quotes of the string
 * (missing "=" after "2secret", invalid percent-encoded token:
 * "s3cr%zzet") replaced by "...": a quoted fragment may be part of a
 * password. A quoted single punctuation character ("=", "]") is kept.
 */
static void
conn_redact(const char *msg, char *out, size_t size)
{
	const char *close;
	size_t	o = 0, n;

	while (*msg != '\0' && *msg != '\n' && o + 6 < size) {
		if (*msg != '"') {
			out[o++] = *msg++;
			continue;
		}
		close = strchr(msg + 1, '"');
		n = close != NULL ? (size_t)(close - msg - 1) : 0;
		if (n == 1 && ispunct((unsigned char)msg[1])) {
			memcpy(out + o, msg, 3);
			o += 3;
		} else {
			memcpy(out + o, "\"...\"", 5);
			o += 5;
		}
		if (close == NULL)
			break;
		msg = close + 1;
	}
	out[o] = '\0';
}

/*
 * Does conninfo parse? No connection is made. libpq's reason is given
 * without the parts of the string it quotes.
 */
int
scan_conninfo_check(const char *conninfo, struct sift_err *err)
{
	PQconninfoOption *parsed;
	char   *perr = NULL;
	char	why[256];

	if (conninfo == NULL || *conninfo == '\0')
		return 0;
	parsed = PQconninfoParse(conninfo, &perr);
	if (parsed == NULL) {
		conn_redact(perr ? perr : "out of memory", why, sizeof why);
		sift_err_set(err, SIFT_E_USAGE, "invalid connection string: %s",
		    why);
		if (perr != NULL) {
			explicit_bzero(perr, strlen(perr));
			PQfreemem(perr);
		}
		return -1;
	}
	PQconninfoFree(parsed);
	return 0;
}

/*
 * Another session like conn: the same connection string, on the database
 * conn reached (which a --all-databases or sources override chose).
 */
struct scan_conn *
scan_conn_again(const struct scan_conn *conn, const struct scan_options *opts,
    struct sift_err *err)
{
	struct scan_options o = *opts;

	o.dbname = conn->dbname;
	o.source_name = conn->source_name;
	return scan_conn_open(conn->conninfo, &o, err);
}

/*
 * Pauses between reconnection attempts, in milliseconds: a server that
 * restarts takes a few seconds to accept connections again.
 */
static const unsigned int conn_backoff_ms[] = { 250, 1000, 4000 };

/* Another session like conn's, after a pause or a few (see scanner-int.h). */
struct scan_conn *
scan_conn_again_patiently(const struct scan_conn *conn,
    const struct scan_options *opts, struct sift_err *err)
{
	struct scan_conn *fresh = NULL;
	struct timespec ts;
	size_t	i;

	for (i = 0; i < sizeof conn_backoff_ms / sizeof *conn_backoff_ms; i++) {
		ts.tv_sec = conn_backoff_ms[i] / 1000;
		ts.tv_nsec = (long)(conn_backoff_ms[i] % 1000) * 1000000L;
		nanosleep(&ts, NULL);
		sift_err_clear(err);
		fresh = scan_conn_again(conn, opts, err);
		if (fresh != NULL)
			break;
	}
	return fresh;
}

/* Replace conn's session with a new one (see scanner-int.h). */
int
scan_conn_reconnect(struct scan_conn *conn, const struct scan_options *opts,
    struct sift_err *err)
{
	struct scan_conn *fresh;

	fresh = scan_conn_again_patiently(conn, opts, err);
	if (fresh == NULL)
		return -1;
	PQfinish(conn->pg);
	conn->pg = fresh->pg;
	fresh->pg = NULL;
	scan_conn_free(fresh);
	sift_log(SIFT_LOG_DEBUG, "reconnected: %s", conn->target);
	return 0;
}

/* Close the session and free conn. conn may be NULL. */
void
scan_conn_free(struct scan_conn *conn)
{
	if (conn == NULL)
		return;
	PQfinish(conn->pg);
	free(conn->target);
	free(conn->source_name);
	free(conn->dbname);
	if (conn->conninfo != NULL) {
		explicit_bzero(conn->conninfo, strlen(conn->conninfo));
		free(conn->conninfo);
	}
	free(conn);
}

/* The databases a role may connect to (see scanner.h). */
int
scan_list_databases(const char *conninfo, const struct scan_options *opts,
    char ***names, size_t *n, struct sift_err *err)
{
	struct scan_conn *conn;
	PGresult *res;
	int	i;

	*names = NULL;
	*n = 0;
	conn = scan_conn_open(conninfo, opts, err);
	if (conn == NULL)
		return -1;
	res = PQexec(conn->pg, "SELECT datname FROM pg_catalog.pg_database "
	    "WHERE datallowconn AND NOT datistemplate "
	    "AND pg_catalog.has_database_privilege(datname, 'CONNECT') "
	    "ORDER BY datname");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		scan_result_error(res, err);
		PQclear(res);
		scan_conn_free(conn);
		return -1;
	}
	*names = xcalloc((size_t)PQntuples(res) + 1, sizeof **names);
	for (i = 0; i < PQntuples(res); i++)
		(*names)[(*n)++] = xstrdup(PQgetvalue(res, i, 0));
	PQclear(res);
	scan_conn_free(conn);
	return 0;
}
