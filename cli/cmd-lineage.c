/*
 * cli/cmd-lineage.c: "pgsift lineage", the lineage of one column from
 * a scan in the catalog: where its values come from, where they go,
 * level by level, as text, JSON or Graphviz dot.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "common/xmalloc.h"
#include "catalog/catalog.h"
#include "cli/cli.h"

#define LINEAGE_MAX_NODES	10000

static const char lineage_usage[] =
    "Usage: pgsift lineage [OPTIONS] [DATABASE.]SCHEMA.TABLE.COLUMN\n"
    "\n"
    "Show where a column's values come from (upstream) and where they go\n"
    "(downstream), as the latest scan (or --scan) recorded them: views,\n"
    "materialized views, foreign keys, partitions, inheritance, foreign\n"
    "tables. Views on views are followed level by level.\n"
    "\n"
    "Options:\n"
    "  -c, --catalog FILE   the catalog (default pgsift.db)\n"
    "  -s, --scan ID        the scan (default: the latest)\n"
    "  -u, --upstream       only where the values come from\n"
    "  -d, --downstream     only where they go\n"
    "  -n, --depth N        levels to follow (default 10)\n"
    "  -f, --format FORMAT  text (default), json or dot (Graphviz)\n"
    "  -h, --help           show this help and exit\n";

/* A column reached, and how. */
struct lin_node {
	char   *database, *schema, *table, *column;
	int	depth;
	bool	upstream;
	int	from;			/* node it was reached from, -1 */
	char   *kind, *via;
	bool	keeps;
};

struct lin_graph {
	struct lin_node *v;
	size_t	n;
};

/* Index of the node with these names and direction, or -1. */
static int
lin_find(const struct lin_graph *g, const char *db, const char *schema,
    const char *table, const char *column, bool upstream)
{
	size_t	i;

	for (i = 0; i < g->n; i++) {
		const struct lin_node *x = &g->v[i];

		if ((x->from < 0 || x->upstream == upstream) &&
		    strcmp(x->database, db) == 0 &&
		    strcmp(x->schema, schema) == 0 &&
		    strcmp(x->table, table) == 0 &&
		    strcmp(x->column, column) == 0)
			return (int)i;
	}
	return -1;
}

/* Add a node; returns its index. */
static int
lin_add(struct lin_graph *g, const struct catalog_edge *e, int depth,
    bool upstream, int from)
{
	struct lin_node *x;

	g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
	x = &g->v[g->n];
	x->database = xstrdup(e->database);
	x->schema = xstrdup(e->schema);
	x->table = xstrdup(e->table);
	x->column = xstrdup(e->column);
	x->kind = xstrdup(e->kind ? e->kind : "");
	x->via = xstrdup(e->via ? e->via : "");
	x->keeps = e->keeps;
	x->depth = depth;
	x->upstream = upstream;
	x->from = from;
	return (int)g->n++;
}

/*
 * Follow edges from node start in one direction, breadth first, to
 * depth levels; a column already reached is not followed again.
 */
static int
lin_walk(struct catalog *cat, int64_t scan_id, struct lin_graph *g,
    int start, bool upstream, int depth, struct sift_err *err)
{
	struct catalog_edge *edges;
	size_t	i, k;
	long	n;

	for (i = (size_t)start; i < g->n && g->n < LINEAGE_MAX_NODES; i++) {
		struct lin_node *x = &g->v[i];

		if ((x->from >= 0 && x->upstream != upstream) ||
		    x->depth >= depth || x->column[0] == '\0')
			continue;
		n = catalog_lineage_step(cat, scan_id, x->database, x->schema,
		    x->table, x->column, upstream, &edges, err);
		if (n < 0)
			return -1;
		for (k = 0; k < (size_t)n; k++) {
			if (lin_find(g, edges[k].database, edges[k].schema,
			    edges[k].table, edges[k].column, upstream) < 0)
				lin_add(g, &edges[k], g->v[i].depth + 1,
				    upstream, (int)i);
		}
		catalog_edges_free(edges, (size_t)n);
	}
	return 0;
}

/* "schema.table.column", or "schema.table" for a view as a whole. */
static void
lin_name(const struct lin_node *x, char *out, size_t size)
{
	if (x->column[0] == '\0')
		snprintf(out, size, "%s.%s.%s (as a whole)", x->database,
		    x->schema, x->table);
	else
		snprintf(out, size, "%s.%s.%s.%s", x->database, x->schema,
		    x->table, x->column);
}

/* Print the graph as indented text, one line per column reached. */
static void
lin_text(const struct lin_graph *g)
{
	char	name[1024];
	size_t	i;
	int	dir;

	lin_name(&g->v[0], name, sizeof name);
	printf("%s\n", name);
	for (dir = 1; dir >= 0; dir--) {
		bool	any = false;

		for (i = 1; i < g->n; i++) {
			const struct lin_node *x = &g->v[i];

			if (x->upstream != (dir == 1))
				continue;
			if (!any)
				printf("%s:\n", dir ? "upstream" : "downstream");
			any = true;
			lin_name(x, name, sizeof name);
			printf("%*s%s %s (%s%s%s%s)\n", x->depth * 2, "",
			    dir ? "<-" : "->", name, x->kind,
			    x->keeps ? ", keeps values" : "",
			    x->via[0] ? ", via " : "", x->via);
		}
	}
}

/* Print the graph as JSON. */
static int
lin_json(const struct lin_graph *g)
{
	cJSON  *root, *arr, *o;
	size_t	i;

	root = cJSON_CreateObject();
	o = cJSON_AddObjectToObject(root, "column");
	cJSON_AddStringToObject(o, "database", g->v[0].database);
	cJSON_AddStringToObject(o, "schema", g->v[0].schema);
	cJSON_AddStringToObject(o, "table", g->v[0].table);
	cJSON_AddStringToObject(o, "column", g->v[0].column);
	arr = cJSON_AddArrayToObject(root, "edges");
	for (i = 1; i < g->n; i++) {
		const struct lin_node *x = &g->v[i], *f = &g->v[x->from];
		const struct lin_node *up = x->upstream ? x : f;
		const struct lin_node *down = x->upstream ? f : x;
		cJSON  *e = cJSON_CreateObject(), *u, *d;

		u = cJSON_AddObjectToObject(e, "up");
		cJSON_AddStringToObject(u, "database", up->database);
		cJSON_AddStringToObject(u, "schema", up->schema);
		cJSON_AddStringToObject(u, "table", up->table);
		cJSON_AddStringToObject(u, "column", up->column);
		d = cJSON_AddObjectToObject(e, "down");
		cJSON_AddStringToObject(d, "database", down->database);
		cJSON_AddStringToObject(d, "schema", down->schema);
		cJSON_AddStringToObject(d, "table", down->table);
		cJSON_AddStringToObject(d, "column", down->column);
		cJSON_AddStringToObject(e, "kind", x->kind);
		cJSON_AddBoolToObject(e, "keeps", x->keeps);
		if (x->via[0] != '\0')
			cJSON_AddStringToObject(e, "via", x->via);
		cJSON_AddNumberToObject(e, "depth", x->depth);
		cJSON_AddStringToObject(e, "direction", x->upstream ?
		    "upstream" : "downstream");
		cJSON_AddItemToArray(arr, e);
	}
	return cli_print_json(root);
}

/* Print a dot string, quoted and escaped. */
static void
lin_dot_quote(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

/* Print the graph for Graphviz: values flow along the arrows. */
static void
lin_dot(const struct lin_graph *g)
{
	char	a[1024], b[1024];
	size_t	i;

	printf("digraph lineage {\n\trankdir=LR;\n\tnode [shape=box];\n\t");
	lin_name(&g->v[0], a, sizeof a);
	lin_dot_quote(a);
	printf(" [style=bold];\n");
	for (i = 1; i < g->n; i++) {
		const struct lin_node *x = &g->v[i], *f = &g->v[x->from];

		lin_name(x->upstream ? x : f, a, sizeof a);
		lin_name(x->upstream ? f : x, b, sizeof b);
		putchar('\t');
		lin_dot_quote(a);
		printf(" -> ");
		lin_dot_quote(b);
		printf(" [label=");
		lin_dot_quote(x->kind);
		printf("%s];\n", x->keeps ? "" : ", style=dashed");
	}
	printf("}\n");
}

/* Free the graph. */
static void
lin_graph_free(struct lin_graph *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].database);
		free(g->v[i].schema);
		free(g->v[i].table);
		free(g->v[i].column);
		free(g->v[i].kind);
		free(g->v[i].via);
	}
	free(g->v);
}

/* "pgsift lineage". */
int
cmd_lineage(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "scan", required_argument, NULL, 's' },
		{ "upstream", no_argument, NULL, 'u' },
		{ "downstream", no_argument, NULL, 'd' },
		{ "depth", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *catalog_path = "pgsift.db", *format = "text";
	char   *spec, *db, *schema, *table, *column;
	struct catalog_scan_info info;
	struct catalog_edge start;
	struct lin_graph g = { 0 };
	struct catalog *cat;
	struct sift_err err;
	bool	up = true, down = true;
	long	scan_id = 0, depth = 10;
	int	c, rc = CLI_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":c:s:udn:f:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			catalog_path = optarg;
			break;
		case 's':
			if (cli_parse_long("--scan", optarg, 1, 2147483647L,
			    &scan_id, &err) != 0)
				return cli_usage_error("lineage", "%s", err.msg);
			break;
		case 'u':
			down = false;
			break;
		case 'd':
			up = false;
			break;
		case 'n':
			if (cli_parse_long("--depth", optarg, 1, 100, &depth,
			    &err) != 0)
				return cli_usage_error("lineage", "%s", err.msg);
			break;
		case 'f':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "dot") != 0)
				return cli_usage_error("lineage",
				    "unknown format \"%s\"", optarg);
			format = optarg;
			break;
		case 'h':
			fputs(lineage_usage, stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("lineage",
			    "option \"%s\" needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("lineage", "unknown option \"%s\"",
			    argv[optind - 1]);
		}
	}
	if (!up && !down)
		return cli_usage_error("lineage",
		    "--upstream and --downstream exclude each other");
	if (argc - optind != 1)
		return cli_usage_error("lineage", argc - optind < 1 ?
		    "no column given" : "more than one column given");
	spec = xstrdup(argv[optind]);
	if (!cli_parse_column(spec, &db, &schema, &table, &column)) {
		free(spec);
		return cli_usage_error("lineage", "\"%s\" is not "
		    "[DATABASE.]SCHEMA.TABLE.COLUMN", argv[optind]);
	}
	cat = catalog_open(catalog_path, CATALOG_READ, &err);
	if (cat == NULL) {
		free(spec);
		return cli_fail(&err);
	}
	if (catalog_scan_get(cat, scan_id, &info, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	memset(&start, 0, sizeof start);
	start.database = db ? db : "";
	start.schema = schema;
	start.table = table;
	start.column = column;
	lin_add(&g, &start, 0, true, -1);
	if (db == NULL) {
		/* Any database: take the first that has the column in lineage. */
		struct catalog_edge *e;
		long	n;

		n = catalog_lineage_step(cat, info.id, NULL, schema, table,
		    column, up, &e, &err);
		if (n == 0 && up && down) {
			n = catalog_lineage_step(cat, info.id, NULL, schema, table,
			    column, false, &e, &err);
		}
		if (n < 0) {
			rc = cli_fail(&err);
			goto out;
		}
		free(g.v[0].database);
		g.v[0].database = xstrdup(n > 0 ? e[0].database : "");
		catalog_edges_free(e, (size_t)n);
	}
	if ((up && lin_walk(cat, info.id, &g, 0, true, (int)depth, &err) != 0) ||
	    (down && lin_walk(cat, info.id, &g, 0, false, (int)depth,
	    &err) != 0)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (g.n == 1 && g.v[0].database[0] == '\0') {
		sift_err_set(&err, SIFT_E_NOTFOUND, "no lineage recorded for "
		    "\"%s\" in scan %lld", argv[optind], (long long)info.id);
		rc = cli_fail(&err);
		goto out;
	}
	if (strcmp(format, "json") == 0)
		rc = lin_json(&g);
	else if (strcmp(format, "dot") == 0)
		lin_dot(&g);
	else
		lin_text(&g);
out:
	lin_graph_free(&g);
	catalog_close(cat);
	free(spec);
	return rc;
}
