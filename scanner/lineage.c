/*
 * scanner/lineage.c: reading the lineage of one database's discovered
 * relations and writing it to the catalog.
 *
 * Views and materialized views: their stored query trees (pg_rewrite),
 * walked by lineage-view.c. Foreign keys (pg_constraint), partitions and
 * inheritance (pg_inherits, columns matched by name) and foreign tables
 * (pg_foreign_table and the column_name, schema_name and table_name
 * options) come straight from the system catalogs. Everything is read in
 * one read-only transaction; names are looked up by OID and attnum, so
 * renamed and quoted identifiers come out as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "scanner/lineage.h"

/* Functions through which values pass, changed in form but kept. */
static const char *const lin_keepers[] = { "lower", "upper", "initcap",
	"btrim", "ltrim", "rtrim", "textcat", "concat", "concat_ws",
	"anytextcat", "textanycat", "substring", "substr", "left", "right",
	"replace", "translate", "overlay", "lpad", "rpad", "split_part",
	"regexp_replace", "text", "varchar", "bpchar", "name", "format",
	"to_char", "date", "array_to_string", "unaccent", "normalize",
	"string_agg", "array_agg", "min", "max", "json_agg", "jsonb_agg",
	"to_json", "to_jsonb", "row_to_json", "json_build_object",
	"jsonb_build_object", "coalesce", "nullif", "casefold", NULL };

/* A column's names, by relation OID and attnum. */
struct lin_name {
	unsigned int relid;
	int	attnum;
	char   *schema, *table, *column;
};

struct lin_names {
	struct lin_name *v;
	size_t	n;
};

/* A function's name, by OID. */
struct lin_func {
	unsigned int oid;
	char   *name;
};

/* The name of an edge kind. */
const char *
lin_kind_name(enum lin_kind kind)
{
	switch (kind) {
	case LIN_COPY:
		return "copy";
	case LIN_EXPRESSION:
		return "expression";
	case LIN_AGGREGATE:
		return "aggregate";
	case LIN_FILTER:
		return "filter";
	}
	return "expression";
}

/* Run a query with one text parameter; NULL with err on failure. */
static PGresult *
lin_query(struct scan_conn *conn, const char *sql, const char *param,
    struct sift_err *err)
{
	const char *params[1] = { param };
	PGresult *res;

	res = PQexecParams(conn->pg, sql, param ? 1 : 0, NULL,
	    param ? params : NULL, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		scan_result_error(res, err);
		PQclear(res);
		return NULL;
	}
	return res;
}

/* Append an OID to an array literal being built in b ("{1,2"). */
static void
lin_oid_add(struct sift_buf *b, unsigned int oid)
{
	sift_buf_printf(b, "%s%u", b->len > 1 ? "," : "", oid);
}

/* The names of a column; NULL if unknown. */
static const struct lin_name *
lin_name_find(const struct lin_names *names, unsigned int relid, int attnum)
{
	size_t	i;

	for (i = 0; i < names->n; i++)
		if (names->v[i].relid == relid && names->v[i].attnum == attnum)
			return &names->v[i];
	return NULL;
}

/* Load the names of every column of the relations in oids ("{...}"). */
static int
lin_names_load(struct scan_conn *conn, const char *oids,
    struct lin_names *names, struct sift_err *err)
{
	PGresult *res;
	int	i;

	res = lin_query(conn, "SELECT c.oid, a.attnum, n.nspname, c.relname, "
	    "a.attname FROM pg_catalog.pg_class c "
	    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
	    "WHERE c.oid = ANY ($1::pg_catalog.oid[]) AND a.attnum > 0 "
	    "AND NOT a.attisdropped", oids, err);
	if (res == NULL)
		return -1;
	names->v = xcalloc((size_t)PQntuples(res) + 1, sizeof *names->v);
	for (i = 0; i < PQntuples(res); i++) {
		struct lin_name *nm = &names->v[names->n++];

		nm->relid = (unsigned int)strtoul(PQgetvalue(res, i, 0), NULL, 10);
		nm->attnum = atoi(PQgetvalue(res, i, 1));
		nm->schema = xstrdup(PQgetvalue(res, i, 2));
		nm->table = xstrdup(PQgetvalue(res, i, 3));
		nm->column = xstrdup(PQgetvalue(res, i, 4));
	}
	PQclear(res);
	return 0;
}

/* Free the names. */
static void
lin_names_free(struct lin_names *names)
{
	size_t	i;

	for (i = 0; i < names->n; i++) {
		free(names->v[i].schema);
		free(names->v[i].table);
		free(names->v[i].column);
	}
	free(names->v);
}

/* Write one edge between two named columns. */
static int
lin_put(struct catalog *cat, struct catalog_lineage *l,
    const struct lin_name *down, const char *down_column,
    const char *up_schema, const char *up_table, const char *up_column,
    const char *kind, bool keeps, const char *via, struct sift_err *err)
{
	l->down_schema = down->schema;
	l->down_table = down->table;
	l->down_column = down_column;
	l->up_schema = up_schema;
	l->up_table = up_table;
	l->up_column = up_column;
	l->kind = kind;
	l->keeps = keeps;
	l->via = via;
	return catalog_lineage_put(cat, l, err);
}

/*
 * Does an edge keep the values, and through which functions? A copy
 * keeps them; an expression or aggregate when every function on its way
 * is a keeper; a filter never.
 */
static bool
lin_keeps(const struct lin_edge *e, PGresult *funcs, char *via, size_t size)
{
	bool	keeps = e->kind == LIN_COPY;
	size_t	i, len = 0;
	int	r, k;

	via[0] = '\0';
	if (e->kind == LIN_EXPRESSION || e->kind == LIN_AGGREGATE)
		keeps = true;
	for (i = 0; i < e->nvia; i++) {
		const char *name = NULL;

		for (r = 0; funcs != NULL && r < PQntuples(funcs); r++)
			if (strtoul(PQgetvalue(funcs, r, 0), NULL, 10) == e->via[i])
				name = PQgetvalue(funcs, r, 1);
		if (name == NULL) {
			keeps = false;	/* a test, or not a function we know */
			continue;
		}
		snprintf(via + len, size - len, "%s%s", len ? "," : "", name);
		len = strlen(via);
		for (k = 0; lin_keepers[k] != NULL; k++)
			if (strcmp(lin_keepers[k], name) == 0)
				break;
		if (lin_keepers[k] == NULL)
			keeps = false;
	}
	return keeps && e->kind != LIN_FILTER;
}

/* The views' edges: parse each stored query, name both ends, write. */
static int
lin_views(struct scan_conn *conn, struct catalog *cat,
    struct catalog_lineage *l, const char *view_oids, struct sift_err *err)
{
	struct lin_edges edges = { 0 };
	struct lin_names names = { 0 };
	struct sift_buf rels, fns;
	PGresult *res, *funcs = NULL;
	struct nt_tree tree;
	unsigned int *owner = NULL;
	char	via[256];
	size_t	i, before;
	int	r, rc = -1;

	res = lin_query(conn, "SELECT ev_class, ev_action::text "
	    "FROM pg_catalog.pg_rewrite WHERE ev_class = ANY "
	    "($1::pg_catalog.oid[]) AND rulename = '_RETURN'", view_oids, err);
	if (res == NULL)
		return -1;
	for (r = 0; r < PQntuples(res); r++) {
		if (nt_parse(PQgetvalue(res, r, 1), &tree, err) != 0)
			continue;	/* an unreadable tree: no edges */
		before = edges.n;
		lin_view_edges(tree.root, &edges);
		nt_free(&tree);
		owner = xreallocarray(owner, edges.n + 1, sizeof *owner);
		for (i = before; i < edges.n; i++)
			owner[i] = (unsigned int)strtoul(PQgetvalue(res, r, 0),
			    NULL, 10);
	}
	PQclear(res);
	sift_buf_init(&rels);
	sift_buf_init(&fns);
	sift_buf_addch(&rels, '{');
	sift_buf_addch(&fns, '{');
	for (i = 0; i < edges.n; i++) {
		size_t	k;

		lin_oid_add(&rels, owner[i]);
		lin_oid_add(&rels, edges.edges[i].relid);
		for (k = 0; k < edges.edges[i].nvia; k++)
			if (edges.edges[i].via[k] != LIN_VIA_TEST)
				lin_oid_add(&fns, edges.edges[i].via[k]);
	}
	sift_buf_addch(&rels, '}');
	sift_buf_addch(&fns, '}');
	if (lin_names_load(conn, rels.data, &names, err) != 0)
		goto out;
	funcs = lin_query(conn, "SELECT oid, proname FROM pg_catalog.pg_proc "
	    "WHERE oid = ANY ($1::pg_catalog.oid[])", fns.data, err);
	if (funcs == NULL)
		goto out;
	for (i = 0; i < edges.n; i++) {
		const struct lin_edge *e = &edges.edges[i];
		const struct lin_name *down, *up, *view;
		bool	keeps = lin_keeps(e, funcs, via, sizeof via);
		size_t	k;

		view = lin_name_find(&names, owner[i], 1);
		down = e->down ? lin_name_find(&names, owner[i], e->down) : view;
		if (down == NULL)
			continue;
		if (e->attnum > 0) {
			up = lin_name_find(&names, e->relid, e->attnum);
			if (up != NULL && lin_put(cat, l, down, e->down ?
			    down->column : "", up->schema, up->table, up->column,
			    lin_kind_name(e->kind), keeps, via, err) != 0)
				goto out;
			continue;
		}
		/* A whole-row reference reads every column. */
		for (k = 0; k < names.n; k++) {
			up = &names.v[k];
			if (up->relid == e->relid && lin_put(cat, l, down,
			    e->down ? down->column : "", up->schema, up->table,
			    up->column, lin_kind_name(e->kind), keeps, via,
			    err) != 0)
				goto out;
		}
	}
	rc = 0;
out:
	PQclear(funcs);
	lin_names_free(&names);
	sift_buf_release(&rels);
	sift_buf_release(&fns);
	free(edges.edges);
	free(owner);
	return rc;
}

/*
 * Write the edges of a result whose rows are down schema, table and
 * column, up schema, table and column, and kind; every kind but
 * foreign_key keeps the values. Clears res. Returns 0 or -1.
 */
static int
lin_put_rows(struct catalog *cat, struct catalog_lineage *l, PGresult *res,
    struct sift_err *err)
{
	int	r, rc = 0;

	if (res == NULL)
		return -1;
	for (r = 0; rc == 0 && r < PQntuples(res); r++) {
		struct lin_name down = { 0, 0, PQgetvalue(res, r, 0),
			PQgetvalue(res, r, 1), NULL };
		const char *kind = PQgetvalue(res, r, 6);

		rc = lin_put(cat, l, &down, PQgetvalue(res, r, 2),
		    PQgetvalue(res, r, 3), PQgetvalue(res, r, 4),
		    PQgetvalue(res, r, 5), kind,
		    strcmp(kind, "foreign_key") != 0, "", err);
	}
	PQclear(res);
	return rc;
}

/* Foreign keys: referencing column -> referenced column, pair by pair. */
static int
lin_foreign_keys(struct scan_conn *conn, struct catalog *cat,
    struct catalog_lineage *l, const char *oids, struct sift_err *err)
{
	PGresult *res;

	res = lin_query(conn, "SELECT dn.nspname, dc.relname, da.attname, "
	    "un.nspname, uc.relname, ua.attname, 'foreign_key' "
	    "FROM pg_catalog.pg_constraint con "
	    "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(down, up) "
	    "JOIN pg_catalog.pg_class dc ON dc.oid = con.conrelid "
	    "JOIN pg_catalog.pg_namespace dn ON dn.oid = dc.relnamespace "
	    "JOIN pg_catalog.pg_attribute da ON da.attrelid = con.conrelid "
	    "  AND da.attnum = k.down "
	    "JOIN pg_catalog.pg_class uc ON uc.oid = con.confrelid "
	    "JOIN pg_catalog.pg_namespace un ON un.oid = uc.relnamespace "
	    "JOIN pg_catalog.pg_attribute ua ON ua.attrelid = con.confrelid "
	    "  AND ua.attnum = k.up "
	    "WHERE con.contype = 'f' AND con.conparentid = 0 "
	    "AND con.conrelid = ANY ($1::pg_catalog.oid[]) "
	    "ORDER BY 1, 2, 3, 4, 5, 6", oids, err);
	return lin_put_rows(cat, l, res, err);
}

/*
 * Partitions and inheritance: each child's column -> the parent's
 * column of the same name; foreign tables: each column -> the remote
 * column its options name.
 */
static int
lin_children(struct scan_conn *conn, struct catalog *cat,
    struct catalog_lineage *l, const char *oids, struct sift_err *err)
{
	PGresult *res;

	res = lin_query(conn, "SELECT pn.nspname, p.relname, pa.attname, "
	    "cn.nspname, c.relname, ca.attname, "
	    "CASE WHEN c.relispartition THEN 'partition' ELSE 'inheritance' END "
	    "FROM pg_catalog.pg_inherits i "
	    "JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid "
	    "JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace "
	    "JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
	    "JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace "
	    "JOIN pg_catalog.pg_attribute ca ON ca.attrelid = c.oid "
	    "  AND ca.attnum > 0 AND NOT ca.attisdropped "
	    "JOIN pg_catalog.pg_attribute pa ON pa.attrelid = p.oid "
	    "  AND pa.attname = ca.attname AND NOT pa.attisdropped "
	    "WHERE i.inhrelid = ANY ($1::pg_catalog.oid[]) "
	    "UNION ALL "
	    "SELECT n.nspname, c.relname, a.attname, "
	    "  s.srvname || ':' || coalesce((SELECT substr(o, 13) FROM "
	    "    unnest(ft.ftoptions) o WHERE o LIKE 'schema_name=%'), "
	    "    n.nspname), "
	    "  coalesce((SELECT substr(o, 12) FROM unnest(ft.ftoptions) o "
	    "    WHERE o LIKE 'table_name=%'), c.relname), "
	    "  coalesce((SELECT substr(o, 13) FROM unnest(a.attfdwoptions) o "
	    "    WHERE o LIKE 'column_name=%'), a.attname), 'foreign_table' "
	    "FROM pg_catalog.pg_foreign_table ft "
	    "JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid "
	    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	    "JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver "
	    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
	    "  AND a.attnum > 0 AND NOT a.attisdropped "
	    "WHERE ft.ftrelid = ANY ($1::pg_catalog.oid[]) "
	    "ORDER BY 1, 2, 3, 4, 5, 6", oids, err);
	return lin_put_rows(cat, l, res, err);
}

/* Read and record the lineage of one database (see lineage.h). */
int
lin_record(struct scan_conn *conn, struct catalog *cat, int64_t scan_id,
    int64_t source_id, const struct scan_relation_list *list,
    struct sift_err *err)
{
	struct catalog_lineage l;
	struct sift_buf all, views;
	bool	fkeys = false, children = false;
	size_t	i;
	int	rc = -1;

	if (list->n == 0)
		return 0;	/* nothing discovered, nothing to relate */
	memset(&l, 0, sizeof l);
	l.scan_id = scan_id;
	l.source_id = source_id;
	l.database = conn->dbname;
	sift_buf_init(&all);
	sift_buf_init(&views);
	sift_buf_addch(&all, '{');
	sift_buf_addch(&views, '{');
	for (i = 0; i < list->n; i++) {
		lin_oid_add(&all, list->rels[i].oid);
		if (list->rels[i].relkind == 'v' || list->rels[i].relkind == 'm')
			lin_oid_add(&views, list->rels[i].oid);
		/*
		 * A foreign key puts triggers on both its tables; a child
		 * sets its parent's relhassubclass. Without either, those
		 * queries (costly to plan on a fresh session) can only come
		 * back empty.
		 */
		fkeys = fkeys || list->rels[i].has_triggers;
		children = children || list->rels[i].has_children ||
		    list->rels[i].relkind == 'f';
	}
	sift_buf_addch(&all, '}');
	sift_buf_addch(&views, '}');
	if (scan_conn_begin_catalog(conn, err) != 0)
		goto out;
	if (catalog_begin(cat, err) != 0) {
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		goto out;
	}
	/* A resumed scan may have recorded this database's edges already. */
	if (catalog_lineage_clear(cat, scan_id, source_id, conn->dbname,
	    err) != 0 ||
	    lin_views(conn, cat, &l, views.data, err) != 0 ||
	    (fkeys && lin_foreign_keys(conn, cat, &l, all.data, err) != 0) ||
	    (children && lin_children(conn, cat, &l, all.data, err) != 0)) {
		catalog_rollback(cat);
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		goto out;
	}
	if (catalog_commit(cat, err) != 0) {
		PQclear(PQexec(conn->pg, "ROLLBACK"));
		goto out;
	}
	rc = scan_conn_exec(conn, "COMMIT", err);
out:
	sift_buf_release(&all);
	sift_buf_release(&views);
	return rc;
}
