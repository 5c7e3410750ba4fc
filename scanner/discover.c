/*
 * scanner/discover.c: listing relations and columns from pg_catalog.
 *
 * Discovery reads pg_class, pg_namespace, pg_inherits, pg_attribute and
 * pg_type directly (not information_schema, which hides what the role
 * cannot read and is slow on big catalogs). System schemas are left out.
 * The include and exclude patterns of the scan options are applied here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/text.h"
#include "common/xmalloc.h"
#include "scanner/scanner-int.h"

/*
 * Every relation a scan can report on, with its partition parent. Names
 * starting with pg_ are reserved for system schemas (pg_catalog,
 * pg_toast, pg_temp_N), so that one test leaves them all out.
 */
static const char rel_sql[] =
    "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispopulated, "
    "       c.reltuples, pn.nspname, pc.relname, "
    /* What tells a rescan that it changed: files, and row changes. */
    "       CASE WHEN c.relkind = 'p' THEN (SELECT sum(t.relfilenode::int8) "
    "           FROM pg_catalog.pg_partition_tree(c.oid) p "
    "           JOIN pg_catalog.pg_class t ON t.oid = p.relid) "
    "         ELSE c.relfilenode::int8 END, "
    "       CASE WHEN NOT pg_catalog.current_setting('track_counts')::bool "
    "         THEN NULL "
    "         WHEN c.relkind = 'p' THEN (SELECT sum("
    "             pg_catalog.pg_stat_get_tuples_inserted(p.relid) + "
    "             pg_catalog.pg_stat_get_tuples_updated(p.relid) + "
    "             pg_catalog.pg_stat_get_tuples_deleted(p.relid)) "
    "           FROM pg_catalog.pg_partition_tree(c.oid) p) "
    "         WHEN c.relkind IN ('r', 'm') THEN "
    "             pg_catalog.pg_stat_get_tuples_inserted(c.oid) + "
    "             pg_catalog.pg_stat_get_tuples_updated(c.oid) + "
    "             pg_catalog.pg_stat_get_tuples_deleted(c.oid) "
    "       END, "
    /* Whether lineage must look for children and foreign keys. */
    "       c.relhassubclass OR EXISTS (SELECT 1 "
    "           FROM pg_catalog.pg_inherits x WHERE x.inhrelid = c.oid), "
    "       c.relhastriggers "
    "FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_catalog.pg_inherits i "
    "       ON c.relispartition AND i.inhrelid = c.oid "
    "LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent "
    "LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace "
    "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
    "  AND n.nspname <> 'information_schema' "
    "  AND n.nspname NOT LIKE 'pg\\_%' "
    "ORDER BY c.oid";

/*
 * The columns of those relations. "fetch" says whether the type can hold
 * a value we classify: booleans, geometry, bit strings, binary data and
 * internal types cannot, so their values are never read. Domains are
 * judged by their base type, through any number of domains over domains.
 */
static const char col_sql[] =
    "WITH RECURSIVE dom (oid, base) AS ("
    "  SELECT oid, typbasetype FROM pg_catalog.pg_type WHERE typtype = 'd' "
    "  UNION ALL "
    "  SELECT d.oid, t.typbasetype FROM dom d "
    "  JOIN pg_catalog.pg_type t ON t.oid = d.base AND t.typtype = 'd') "
    "SELECT a.attrelid, a.attnum, a.attname, "
    "       pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "       coalesce(bt.typcategory, t.typcategory) NOT IN "
    "           ('B', 'G', 'V', 'P', 'X') "
    "       AND coalesce(bt.typname, t.typname) NOT IN ('bytea', "
    "           'tsvector', 'tsquery', 'gtsvector', 'xid', 'xid8', 'cid', "
    "           'tid', 'pg_lsn', 'txid_snapshot', 'pg_snapshot', "
    "           'oidvector', 'int2vector') "
    "FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "LEFT JOIN (dom JOIN pg_catalog.pg_type bt "
    "       ON bt.oid = dom.base AND bt.typtype <> 'd') ON dom.oid = t.oid "
    "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
    "  AND n.nspname <> 'information_schema' "
    "  AND n.nspname NOT LIKE 'pg\\_%' "
    "  AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attrelid, a.attnum";

/* The name reports use for a pg_class.relkind. */
const char *
scan_relkind_name(char relkind)
{
	switch (relkind) {
	case 'r':
		return "table";
	case 'p':
		return "partitioned_table";
	case 'v':
		return "view";
	case 'm':
		return "materialized_view";
	case 'f':
		return "foreign_table";
	default:
		return "other";
	}
}

/*
 * Does the relation pass the schema and table patterns? Table patterns
 * match either the bare name or "schema.name".
 */
bool
scan_wanted(const struct scan_options *opts, const char *schema,
    const char *name)
{
	char   *qualified;
	bool	in, out;

	if (opts->schemas.n > 0 && !scan_patterns_match(&opts->schemas, schema))
		return false;
	if (scan_patterns_match(&opts->exclude_schemas, schema))
		return false;
	if (opts->tables.n == 0 && opts->exclude_tables.n == 0)
		return true;
	qualified = xasprintf("%s.%s", schema, name);
	in = opts->tables.n == 0 ||
	    scan_patterns_match(&opts->tables, name) ||
	    scan_patterns_match(&opts->tables, qualified);
	out = scan_patterns_match(&opts->exclude_tables, name) ||
	    scan_patterns_match(&opts->exclude_tables, qualified);
	free(qualified);
	return in && !out;
}

/* Free the relations of list and empty it. */
void
scan_relation_list_release(struct scan_relation_list *list)
{
	size_t	i, j;

	for (i = 0; i < list->n; i++) {
		struct scan_relation *r = &list->rels[i];

		for (j = 0; j < r->ncols; j++) {
			free(r->cols[j].name);
			free(r->cols[j].data_type);
		}
		free(r->cols);
		free(r->schema);
		free(r->name);
		free(r->parent_schema);
		free(r->parent_name);
	}
	free(list->rels);
	list->rels = NULL;
	list->n = 0;
}

/* Find the relation with oid in list, sorted by oid; NULL if absent. */
static struct scan_relation *
discover_find(struct scan_relation_list *list, unsigned int oid)
{
	size_t	lo = 0, hi = list->n;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;

		if (list->rels[mid].oid == oid)
			return &list->rels[mid];
		if (list->rels[mid].oid < oid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * A copy of a name from the server. In a SQL_ASCII database (read with
 * client_encoding SQL_ASCII, see conn.c) it may hold any bytes: what is
 * not UTF-8 is then written \xNN, and *bad is set, since the copy no
 * longer names the object in SQL.
 */
static char *
discover_name(const char *s, bool *bad)
{
	char   *e = sift_utf8_escape(s);

	if (e == NULL)
		return xstrdup(s);
	*bad = true;
	return e;
}

/* Fill list from the rows of rel_sql, keeping the wanted relations. */
static void
discover_relations(PGresult *res, const struct scan_options *opts,
    struct scan_relation_list *list)
{
	int	i, n;

	n = PQntuples(res);
	list->rels = xcalloc((size_t)n + 1, sizeof *list->rels);
	for (i = 0; i < n; i++) {
		struct scan_relation *r;

		if (!scan_wanted(opts, PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2)))
			continue;
		r = &list->rels[list->n++];
		r->oid = (unsigned int)strtoul(PQgetvalue(res, i, 0), NULL, 10);
		r->schema = discover_name(PQgetvalue(res, i, 1), &r->bad_name);
		r->name = discover_name(PQgetvalue(res, i, 2), &r->bad_name);
		r->relkind = PQgetvalue(res, i, 3)[0];
		r->populated = PQgetvalue(res, i, 4)[0] == 't';
		r->reltuples = strtod(PQgetvalue(res, i, 5), NULL);
		r->relfilenode = PQgetisnull(res, i, 8) ? 0 :
		    strtoll(PQgetvalue(res, i, 8), NULL, 10);
		r->mod_count = PQgetisnull(res, i, 9) ? -1 :
		    strtoll(PQgetvalue(res, i, 9), NULL, 10);
		r->has_children = PQgetvalue(res, i, 10)[0] == 't';
		r->has_triggers = PQgetvalue(res, i, 11)[0] == 't';
		if (!PQgetisnull(res, i, 6)) {
			bool	bad = false;

			r->parent_schema = discover_name(PQgetvalue(res, i, 6),
			    &bad);
			r->parent_name = discover_name(PQgetvalue(res, i, 7),
			    &bad);
		}
	}
}

/*
 * Does an exclude pattern name the column, as "column", "table.column"
 * or "schema.table.column"?
 */
static bool
discover_column_excluded(const struct scan_options *opts,
    const struct scan_relation *r, const char *column)
{
	char   *t, *st;
	bool	out;

	if (opts->exclude_columns.n == 0)
		return false;
	t = xasprintf("%s.%s", r->name, column);
	st = xasprintf("%s.%s.%s", r->schema, r->name, column);
	out = scan_patterns_match(&opts->exclude_columns, column) ||
	    scan_patterns_match(&opts->exclude_columns, t) ||
	    scan_patterns_match(&opts->exclude_columns, st);
	free(t);
	free(st);
	return out;
}

/*
 * A digest of a relation's columns, their numbers, names and types, so a
 * rescan can tell that they changed.
 */
static void
discover_col_hash(struct scan_relation *rel)
{
	uint64_t h = 14695981039346656037ULL;
	char	buf[32];
	size_t	i, k;

	for (i = 0; i < rel->ncols; i++) {
		const char *parts[3] = { rel->cols[i].name,
			rel->cols[i].data_type, buf };

		snprintf(buf, sizeof buf, "%d", rel->cols[i].attnum);
		for (k = 0; k < 3; k++) {
			const unsigned char *p = (const unsigned char *)parts[k];

			for (; *p != '\0'; p++) {
				h ^= *p;
				h *= 1099511628211ULL;
			}
			h ^= 0xff;
			h *= 1099511628211ULL;
		}
	}
	snprintf(rel->col_hash, sizeof rel->col_hash, "%016llx",
	    (unsigned long long)h);
}

/* Attach the rows of col_sql to their relations in list. */
static void
discover_columns(PGresult *res, struct scan_relation_list *list,
    const struct scan_options *opts)
{
	struct scan_relation *r = NULL;
	size_t	cap = 0;
	int	i, n;

	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		unsigned int oid;
		struct scan_column *c;
		bool	bad;

		oid = (unsigned int)strtoul(PQgetvalue(res, i, 0), NULL, 10);
		if (r == NULL || r->oid != oid) {
			r = discover_find(list, oid);
			cap = 0;
			if (r == NULL)
				continue;
		}
		if (r->ncols == cap) {
			cap = cap ? cap * 2 : 8;
			r->cols = xreallocarray(r->cols, cap, sizeof *r->cols);
		}
		c = &r->cols[r->ncols++];
		bad = false;
		c->attnum = atoi(PQgetvalue(res, i, 1));
		c->name = discover_name(PQgetvalue(res, i, 2), &bad);
		c->data_type = discover_name(PQgetvalue(res, i, 3), &bad);
		c->not_null = PQgetvalue(res, i, 4)[0] == 't';
		/* A name that is not UTF-8 cannot be quoted back: not read. */
		c->fetch = PQgetvalue(res, i, 5)[0] == 't' && !bad &&
		    !discover_column_excluded(opts, r, c->name);
	}
}

/*
 * List the relations and columns the options select, in one read-only
 * transaction so both queries see the same catalog. Returns 0 with list
 * filled (release it with scan_relation_list_release()), or -1.
 */
int
scan_discover(struct scan_conn *conn, const struct scan_options *opts,
    struct scan_relation_list *list, struct sift_err *err)
{
	PGresult *res = NULL;
	size_t	i;
	int	rc = -1;

	list->rels = NULL;
	list->n = 0;
	if (scan_conn_begin_catalog(conn, err) != 0)
		return -1;
	res = PQexec(conn->pg, rel_sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		scan_result_error(res, err);
		goto out;
	}
	discover_relations(res, opts, list);
	PQclear(res);
	res = PQexec(conn->pg, col_sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		scan_result_error(res, err);
		goto out;
	}
	discover_columns(res, list, opts);
	for (i = 0; i < list->n; i++)
		discover_col_hash(&list->rels[i]);
	rc = scan_conn_exec(conn, "COMMIT", err);
out:
	PQclear(res);
	if (rc != 0) {
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		scan_relation_list_release(list);
		sift_err_prefix(err, "could not list the relations of database \"%s\"",
		    conn->dbname);
	}
	return rc;
}
