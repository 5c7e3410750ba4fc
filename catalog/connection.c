/*
 * catalog/connection.c: how each database of a scan was reached, for the
 * reports to show and flag (a remote host without TLS, or with a server
 * certificate nobody verified).
 */
#include <string.h>

#include "catalog/catalog-int.h"

/* Record how one database of a scan was reached (see catalog.h). */
int
catalog_connection_put(struct catalog *cat, const struct catalog_connection *c,
    struct sift_err *err)
{
	sqlite3_stmt *st;
	int	rc;

	st = catalog_cached(cat, "INSERT INTO connections (scan_id, source_id, "
	    "database, host, local, tls, tls_version, tls_cipher, "
	    "server_verified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	    "ON CONFLICT (scan_id, source_id, database) DO UPDATE SET "
	    "host = excluded.host, local = excluded.local, tls = excluded.tls, "
	    "tls_version = excluded.tls_version, "
	    "tls_cipher = excluded.tls_cipher, "
	    "server_verified = excluded.server_verified", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->scan_id);
	sqlite3_bind_int64(st, 2, c->source_id);
	catalog_bind_text(st, 3, c->database);
	catalog_bind_text(st, 4, c->host);
	sqlite3_bind_int(st, 5, c->local);
	sqlite3_bind_int(st, 6, c->tls);
	catalog_bind_text(st, 7, c->tls ? c->tls_version : NULL);
	catalog_bind_text(st, 8, c->tls ? c->tls_cipher : NULL);
	catalog_bind_text(st, 9, c->server_verified);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(cat, err, "record a connection");
	return 0;
}

/* Call fn for each connection of a scan (see catalog.h). */
int
catalog_connections_foreach(struct catalog *cat, int64_t scan_id,
    catalog_connection_fn fn, void *arg, struct sift_err *err)
{
	struct catalog_connection c;
	sqlite3_stmt *st;
	int	rc, out = 0;

	st = catalog_prepare(cat, "SELECT k.scan_id, k.source_id, s.name, "
	    "k.database, k.host, k.local, k.tls, k.tls_version, k.tls_cipher, "
	    "k.server_verified FROM connections k "
	    "JOIN sources s ON s.id = k.source_id WHERE k.scan_id = ?1 "
	    "ORDER BY s.name, k.database", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scan_id);
	while (out == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&c, 0, sizeof c);
		c.scan_id = sqlite3_column_int64(st, 0);
		c.source_id = sqlite3_column_int64(st, 1);
		c.source = (const char *)sqlite3_column_text(st, 2);
		c.database = (const char *)sqlite3_column_text(st, 3);
		c.host = (const char *)sqlite3_column_text(st, 4);
		c.local = sqlite3_column_int(st, 5) != 0;
		c.tls = sqlite3_column_int(st, 6) != 0;
		c.tls_version = (const char *)sqlite3_column_text(st, 7);
		c.tls_cipher = (const char *)sqlite3_column_text(st, 8);
		c.server_verified = (const char *)sqlite3_column_text(st, 9);
		out = fn(&c, arg, err);
	}
	if (out == 0 && rc != SQLITE_DONE)
		out = catalog_fail(cat, err, "read the connections");
	sqlite3_finalize(st);
	return out;
}
