/*
 * scanner/transport.c: the TLS policy, and what a session's transport
 * was.
 *
 * A session to a local socket or a loopback address may go without TLS;
 * one to any other host must use it (libpq's sslmode=require at least)
 * unless the user passed --allow-insecure. The host is judged by its
 * name as the connection string gives it ("host"), not by the address it
 * resolves to: "host=db.example.test hostaddr=127.0.0.1" is remote. A
 * connection that would go remote with sslmode=prefer (libpq's default)
 * is made with sslmode=require instead; one that says disable or allow is
 * refused before anything is sent but the TCP handshake.
 *
 * The options a connection would use (its string, the PG* variables and a
 * service file together) are what libpq resolved when it started the
 * connection: PQconninfo() of a connection started and dropped before
 * its startup packet can be answered. No password is ever sent then:
 * libpq sends one only when the server asks.
 */
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

#include "scanner/scanner-int.h"

/* Is one host entry (no commas) a local socket or a loopback address? */
static bool
transport_local_host(const char *h, size_t len, bool has_addr)
{
	if (len == 0)
		return !has_addr;	/* libpq's default: the local socket */
	if (h[0] == '/' || h[0] == '@')
		return true;		/* a socket directory, an abstract one */
	if ((len == 9 && strncmp(h, "localhost", 9) == 0) ||
	    (len == 3 && strncmp(h, "::1", 3) == 0) ||
	    (len == 5 && strncmp(h, "[::1]", 5) == 0))
		return true;
	return len >= 4 && strncmp(h, "127.", 4) == 0 &&
	    strspn(h, "0123456789.") == len;
}

/*
 * Are all the hosts of a connection local? host and hostaddr are libpq's
 * comma-separated lists; without a host name, an address decides.
 */
static bool
transport_local(const char *host, const char *hostaddr)
{
	const char *p, *comma;
	bool	has_addr = hostaddr != NULL && *hostaddr != '\0';

	if (host == NULL || *host == '\0')
		return !has_addr || transport_local_host(hostaddr,
		    strcspn(hostaddr, ","), false);
	for (p = host; ; p = comma + 1) {
		comma = strchr(p, ',');
		if (!transport_local_host(p, comma ? (size_t)(comma - p) :
		    strlen(p), has_addr))
			return false;
		if (comma == NULL)
			return true;
	}
}

/* The value of keyword in a PQconninfo() array, or NULL. */
static const char *
transport_option(const PQconninfoOption *opts, const char *keyword)
{
	for (; opts != NULL && opts->keyword != NULL; opts++)
		if (strcmp(opts->keyword, keyword) == 0)
			return opts->val;
	return NULL;
}

/* Decide whether a connection may go ahead (see scanner-int.h). */
int
scan_transport_check(const char *const *keys, const char *const *vals,
    bool allow_insecure, bool *require, struct sift_err *err)
{
	PQconninfoOption *opts;
	const char *host, *addr, *mode;
	PGconn *probe;
	int	rc = 0;

	*require = false;
	if (allow_insecure)
		return 0;
	probe = PQconnectStartParams(keys, vals, 1);
	if (probe == NULL)
		return sift_err_set(err, SIFT_E_CONNECT,
		    "could not connect: out of memory");
	opts = PQconninfo(probe);
	if (opts == NULL) {
		/* Options that do not parse: the real attempt says why. */
		PQfinish(probe);
		return 0;
	}
	host = transport_option(opts, "host");
	addr = transport_option(opts, "hostaddr");
	mode = transport_option(opts, "sslmode");
	if (!transport_local(host, addr)) {
		if (mode == NULL || strcmp(mode, "prefer") == 0)
			*require = true;
		else if (strcmp(mode, "disable") == 0 ||
		    strcmp(mode, "allow") == 0)
			rc = sift_err_set(err, SIFT_E_USAGE, "refusing to connect "
			    "to %s without TLS (sslmode=%s): use sslmode=require "
			    "or stronger, or --allow-insecure", host && *host ?
			    host : addr, mode);
	}
	PQconninfoFree(opts);
	PQfinish(probe);
	return rc;
}

/* Describe the transport of a connected session into t. */
void
scan_transport_describe(PGconn *pg, struct scan_transport *t)
{
	PQconninfoOption *opts;
	const char *host, *addr, *mode, *a;

	memset(t, 0, sizeof *t);
	opts = PQconninfo(pg);
	host = PQhost(pg);
	addr = transport_option(opts, "hostaddr");
	mode = transport_option(opts, "sslmode");
	t->local = transport_local(host, addr);
	snprintf(t->host, sizeof t->host, "%s", host && *host ? host :
	    "localhost");
	t->tls = PQsslInUse(pg) != 0;
	t->verified = "none";
	if (t->tls) {
		a = PQsslAttribute(pg, "protocol");
		snprintf(t->tls_version, sizeof t->tls_version, "%s", a ? a : "");
		a = PQsslAttribute(pg, "cipher");
		snprintf(t->tls_cipher, sizeof t->tls_cipher, "%s", a ? a : "");
		if (mode != NULL && strcmp(mode, "verify-full") == 0)
			t->verified = "full";
		else if (mode != NULL && strcmp(mode, "verify-ca") == 0)
			t->verified = "ca";
	}
	PQconninfoFree(opts);
}
