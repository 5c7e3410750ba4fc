/*
 * scanner/transport.c: the TLS policy, and what a session's transport
 * was.
 *
 * A session to a local socket or a loopback address may go without TLS;
 * one to any other host must use it (libpq's sslmode=require at least)
 * unless the user passed --allow-insecure. The host is judged by its
 * name as the connection string gives it ("host"), not by the address it
 * resolves to, and by the address it names ("hostaddr"), to which libpq
 * connects: "host=db.example.test hostaddr=127.0.0.1" and
 * "host=localhost hostaddr=192.0.2.1" are both remote. A
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "scanner/scanner-int.h"

/* Is an address (len bytes, no commas) a loopback one? */
static bool
transport_loopback(const char *a, size_t len)
{
	if ((len == 3 && strncmp(a, "::1", 3) == 0) ||
	    (len == 5 && strncmp(a, "[::1]", 5) == 0))
		return true;
	return len >= 4 && strncmp(a, "127.", 4) == 0 &&
	    strspn(a, "0123456789.") == len;
}

/*
 * Is one host entry (no commas) a local socket or a loopback name? An
 * empty one is libpq's default, the local socket.
 */
static bool
transport_local_host(const char *h, size_t len)
{
	if (len == 0 || h[0] == '/' || h[0] == '@')
		return true;		/* a socket directory, an abstract one */
	if (len == 9 && strncmp(h, "localhost", 9) == 0)
		return true;
	return transport_loopback(h, len);
}

/*
 * Entry i of a comma-separated list into *start and *len; an absent list
 * or entry is empty. Returns whether the list has more than i entries.
 */
static bool
transport_entry(const char *list, size_t i, const char **start, size_t *len)
{
	const char *p = list, *comma;

	*start = "";
	*len = 0;
	if (list == NULL || *list == '\0')
		return false;
	for (;;) {
		comma = strchr(p, ',');
		if (i == 0) {
			*start = p;
			*len = comma ? (size_t)(comma - p) : strlen(p);
			return true;
		}
		if (comma == NULL)
			return false;
		p = comma + 1;
		i--;
	}
}

/*
 * Are all the hosts of a connection local? host and hostaddr are libpq's
 * comma-separated lists, paired by position. An entry is local when its
 * name is (a socket, localhost, a loopback address) and, when it has an
 * address, that address is a loopback one too: with a hostaddr libpq
 * connects over TCP to the address whatever the name says, so
 * "host=localhost hostaddr=192.0.2.1" is remote, and so is
 * "host=db.example.test hostaddr=127.0.0.1", by its name.
 */
static bool
transport_local(const char *host, const char *hostaddr)
{
	const char *h, *a;
	size_t	hlen, alen, i;
	bool	more_h, more_a;

	for (i = 0; ; i++) {
		more_h = transport_entry(host, i, &h, &hlen);
		more_a = transport_entry(hostaddr, i, &a, &alen);
		if (!more_h && !more_a)
			return true;	/* none at all: the local socket */
		if (!transport_local_host(h, hlen))
			return false;
		if (alen > 0 && !transport_loopback(a, alen))
			return false;
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

/*
 * Does libpq verify the server's certificate chain in sslmode=require?
 * It does, as verify-ca, when a root certificate file exists: the
 * sslrootcert option, or ~/.postgresql/root.crt without one.
 */
static bool
transport_root_cert(const char *sslrootcert)
{
	char	path[4096];
	const char *home;

	if (sslrootcert != NULL && *sslrootcert != '\0')
		return access(sslrootcert, R_OK) == 0;
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return false;
	snprintf(path, sizeof path, "%s/.postgresql/root.crt", home);
	return access(path, R_OK) == 0;
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
		else if (mode != NULL && strcmp(mode, "require") == 0 &&
		    transport_root_cert(transport_option(opts, "sslrootcert")))
			t->verified = "ca";
	}
	PQconninfoFree(opts);
}
