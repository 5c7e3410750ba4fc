/*
 * scanner/lineage-view.c: the column lineage of a view, read from the
 * query tree PostgreSQL stored for it (pg_rewrite.ev_action), never from
 * its SQL text.
 *
 * Each output column's expression is walked down to the Vars it reads;
 * a Var is followed through the range table: a base relation (or another
 * view: views on views resolve level by level) ends the walk, a subquery,
 * a CTE or a join alias continues it, and a set operation (UNION,
 * INTERSECT, EXCEPT) continues into every branch. The kind of an edge is
 * what lay on the way: nothing (copy), a function, operator or other
 * computation (expression), an aggregate or window function (aggregate).
 * Vars in WHERE, JOIN ... ON and HAVING conditions, at any level, are
 * filter edges of the view as a whole. Functions met on the way are
 * recorded by OID, so the caller can tell which keep the data.
 */
#include <string.h>

#include "common/xmalloc.h"
#include "scanner/lineage.h"

#define LIN_MAX_LEVELS	64	/* nesting of queries followed */
#define LIN_MAX_PATH	256	/* subqueries, CTEs and joins followed at once */
#define LIN_MAX_DEPTH	4000	/* expressions walked at once: the C stack */
#define LIN_MAX_STEPS	100000	/* work on one view, against loops */

/* The walk's state. */
struct lin_walk {
	struct lin_edges *out;
	const struct nt *stack[LIN_MAX_LEVELS];	/* queries, outermost first */
	/*
	 * What the walk is inside: the subqueries, CTE queries and join
	 * entries it followed to get here. A recursive CTE refers to itself,
	 * and a tree PostgreSQL never wrote may make a join its own alias;
	 * neither is entered again.
	 */
	const struct nt *path[LIN_MAX_PATH];
	int	npath;
	int	depth;			/* lin_expr() calls under way */
	long	steps;
};

/* What is carried down an expression. */
struct lin_way {
	int	down;			/* output column, 0 for a filter */
	enum lin_kind kind;
	unsigned int via[LIN_MAX_VIA];
	size_t	nvia;
};

static void lin_expr(struct lin_walk *w, int level, const struct nt *e,
    struct lin_way way);
static void lin_target(struct lin_walk *w, int level, long resno,
    struct lin_way way);
static void lin_filters(struct lin_walk *w, int level);

/*
 * Step into n, a subquery, CTE query or join entry: false when the walk
 * is inside it already (a loop) or too deep. lin_leave() undoes it.
 */
static bool
lin_enter(struct lin_walk *w, const struct nt *n)
{
	int	i;

	if (n == NULL || w->npath >= LIN_MAX_PATH)
		return false;
	for (i = 0; i < w->npath; i++)
		if (w->path[i] == n)
			return false;
	w->path[w->npath++] = n;
	return true;
}

static void
lin_leave(struct lin_walk *w)
{
	w->npath--;
}

/* Record an edge, merging it with an equal one. */
static void
lin_emit(struct lin_walk *w, const struct lin_way *way, unsigned int relid,
    int attnum)
{
	struct lin_edges *o = w->out;
	struct lin_edge *e;
	size_t	i;

	for (i = o->from; i < o->n; i++) {
		size_t	k, j;

		e = &o->edges[i];
		if (e->down != way->down || e->relid != relid ||
		    e->attnum != attnum || e->kind != way->kind)
			continue;
		/* The same edge by another way: add the functions on it. */
		for (k = 0; k < way->nvia; k++) {
			for (j = 0; j < e->nvia && e->via[j] != way->via[k]; j++)
				;
			if (j == e->nvia && e->nvia < LIN_MAX_VIA)
				e->via[e->nvia++] = way->via[k];
		}
		return;
	}
	o->edges = xreallocarray(o->edges, o->n + 1, sizeof *o->edges);
	e = &o->edges[o->n++];
	memset(e, 0, sizeof *e);
	e->down = way->down;
	e->relid = relid;
	e->attnum = attnum;
	e->kind = way->kind;
	e->nvia = way->nvia;
	memcpy(e->via, way->via, way->nvia * sizeof *way->via);
}

/* Note a function (or LIN_VIA_TEST) on the way; the kind becomes at
 * least expression. */
static void
lin_via(struct lin_way *way, unsigned int oid)
{
	if (way->kind == LIN_COPY)
		way->kind = LIN_EXPRESSION;
	if (way->nvia < LIN_MAX_VIA)
		way->via[way->nvia++] = oid;
	else
		way->via[LIN_MAX_VIA - 1] = LIN_VIA_TEST; /* too long to judge */
}

/* Follow column attnum of range-table entry rte of the query at level. */
static void
lin_rte(struct lin_walk *w, int level, const struct nt *rte, long attnum,
    struct lin_way way)
{
	const struct nt *sub, *cte, *list, *saved;
	long	kind = nt_int(rte, "rtekind", -1), up;
	const char *name;
	size_t	i;

	switch (kind) {
	case 0:		/* a relation */
		lin_emit(w, &way, (unsigned int)nt_int(rte, "relid", 0),
		    (int)attnum);
		return;
	case 1:		/* a subquery */
		sub = nt_get(rte, "subquery");
		if (sub == NULL || level + 1 >= LIN_MAX_LEVELS ||
		    !lin_enter(w, sub))
			return;
		saved = w->stack[level + 1];
		w->stack[level + 1] = sub;
		lin_target(w, level + 1, attnum, way);
		w->stack[level + 1] = saved;
		lin_leave(w);
		return;
	case 2:		/* a join: its alias variables */
		if (!lin_enter(w, rte))
			return;
		lin_expr(w, level, nt_item(nt_get(rte, "joinaliasvars"), attnum),
		    way);
		lin_leave(w);
		return;
	case 6:		/* a CTE, found by name up the levels */
		up = level - nt_int(rte, "ctelevelsup", 0);
		name = nt_text(rte, "ctename");
		if (up < 0 || name == NULL || up + 1 >= LIN_MAX_LEVELS)
			return;
		list = nt_get(w->stack[up], "cteList");
		for (i = 0; list != NULL && list->kind == NT_LIST &&
		    i < list->n; i++) {
			cte = list->items[i];
			sub = nt_get(cte, "ctequery");
			if (nt_text(cte, "ctename") == NULL ||
			    strcmp(nt_text(cte, "ctename"), name) != 0 ||
			    sub == NULL)
				continue;
			/*
			 * Inside a recursive CTE, its reference to itself
			 * adds nothing to what its other branch reads.
			 */
			if (!lin_enter(w, sub))
				return;
			saved = w->stack[up + 1];
			w->stack[up + 1] = sub;
			lin_target(w, (int)up + 1, attnum, way);
			w->stack[up + 1] = saved;
			lin_leave(w);
			return;
		}
		return;
	default:	/* functions, VALUES, ...: no column of a relation */
		return;
	}
}

/* The leaves (range-table indexes) of a set-operation tree. */
static void
lin_setop_leaves(struct lin_walk *w, int level, const struct nt *op,
    long resno, struct lin_way way)
{
	const struct nt *rte;

	if (nt_is(op, "RANGETBLREF")) {
		rte = nt_item(nt_get(w->stack[level], "rtable"),
		    nt_int(op, "rtindex", 0));
		if (rte != NULL)
			lin_rte(w, level, rte, resno, way);
		return;
	}
	if (nt_is(op, "SETOPERATIONSTMT")) {
		lin_setop_leaves(w, level, nt_get(op, "larg"), resno, way);
		lin_setop_leaves(w, level, nt_get(op, "rarg"), resno, way);
	}
}

/* Output column resno of the query at level. */
static void
lin_target(struct lin_walk *w, int level, long resno, struct lin_way way)
{
	const struct nt *q = w->stack[level], *tl, *te, *setop;
	size_t	i;

	if (++w->steps > LIN_MAX_STEPS)
		return;
	setop = nt_get(q, "setOperations");
	if (setop != NULL && setop->kind == NT_NODE) {
		lin_setop_leaves(w, level, setop, resno, way);
		return;
	}
	tl = nt_get(q, "targetList");
	for (i = 0; tl != NULL && tl->kind == NT_LIST && i < tl->n; i++) {
		te = tl->items[i];
		if (nt_int(te, "resno", -1) == resno) {
			lin_expr(w, level, nt_get(te, "expr"), way);
			return;
		}
	}
}

/* Walk every node or list among the fields of n. */
static void
lin_fields(struct lin_walk *w, int level, const struct nt *n,
    struct lin_way way)
{
	size_t	i;

	for (i = 0; i < n->n; i++) {
		const struct nt *v = n->fields[i].value;

		if (v != NULL && (v->kind == NT_NODE || v->kind == NT_LIST))
			lin_expr(w, level, v, way);
	}
}

/* Nodes that pass their arguments' values through, changed in form. */
static bool
lin_keeper(const char *name)
{
	static const char *const keep[] = { "COALESCEEXPR", "MINMAXEXPR",
		"ARRAYEXPR", "ROWEXPR", "FIELDSELECT", "SUBSCRIPTINGREF",
		"COERCEVIAIO", "ARRAYCOERCEEXPR", "CONVERTROWTYPEEXPR",
		"COLLATEEXPR", "COERCETODOMAIN", NULL };
	size_t	i;

	for (i = 0; keep[i] != NULL; i++)
		if (strcmp(name, keep[i]) == 0)
			return true;
	return false;
}

static void lin_expr_node(struct lin_walk *w, int level, const struct nt *e,
    struct lin_way way);

/*
 * One expression (see the file comment), within LIN_MAX_STEPS of work
 * and LIN_MAX_DEPTH of nesting, so that no tree can exhaust the stack.
 */
static void
lin_expr(struct lin_walk *w, int level, const struct nt *e,
    struct lin_way way)
{
	if (e == NULL || ++w->steps > LIN_MAX_STEPS ||
	    w->depth >= LIN_MAX_DEPTH)
		return;
	w->depth++;
	lin_expr_node(w, level, e, way);
	w->depth--;
}

/* The work of lin_expr(). */
static void
lin_expr_node(struct lin_walk *w, int level, const struct nt *e,
    struct lin_way way)
{
	const struct nt *rte, *sub, *saved;
	long	up;
	size_t	i;
	if (e->kind == NT_LIST) {
		for (i = 0; i < e->n; i++)
			lin_expr(w, level, e->items[i], way);
		return;
	}
	if (e->kind != NT_NODE)
		return;
	if (nt_is(e, "VAR")) {
		up = level - nt_int(e, "varlevelsup", 0);
		if (up < 0)
			return;
		rte = nt_item(nt_get(w->stack[up], "rtable"),
		    nt_int(e, "varno", 0));
		if (rte != NULL)
			lin_rte(w, (int)up, rte, nt_int(e, "varattno", 0), way);
		return;
	}
	if (nt_is(e, "CONST") || nt_is(e, "PARAM"))
		return;
	if (nt_is(e, "TARGETENTRY") || nt_is(e, "RELABELTYPE")) {
		lin_expr(w, level, nt_get(e, nt_is(e, "TARGETENTRY") ? "expr" :
		    "arg"), way);
		return;
	}
	if (nt_is(e, "AGGREF") || nt_is(e, "WINDOWFUNC")) {
		struct lin_way inner = way;

		if (inner.kind != LIN_FILTER) {
			inner.kind = LIN_AGGREGATE;
			if (inner.nvia < LIN_MAX_VIA)
				inner.via[inner.nvia++] = (unsigned int)nt_int(e,
				    nt_is(e, "AGGREF") ? "aggfnoid" : "winfnoid", 0);
		}
		lin_expr(w, level, nt_get(e, "args"), inner);
		if (nt_get(e, "aggfilter") != NULL) {
			inner = way;
			inner.kind = LIN_FILTER;
			inner.down = 0;
			lin_expr(w, level, nt_get(e, "aggfilter"), inner);
		}
		return;
	}
	if (nt_is(e, "FUNCEXPR") || nt_is(e, "OPEXPR") ||
	    nt_is(e, "DISTINCTEXPR") || nt_is(e, "NULLIFEXPR")) {
		struct lin_way inner = way;

		if (inner.kind != LIN_FILTER)
			lin_via(&inner, (unsigned int)nt_int(e,
			    nt_is(e, "FUNCEXPR") ? "funcid" : "opfuncid", 0));
		lin_expr(w, level, nt_get(e, "args"), inner);
		return;
	}
	if (nt_is(e, "CASEEXPR")) {
		struct lin_way test = way, result = way;
		const struct nt *whens = nt_get(e, "args");

		if (result.kind == LIN_COPY)
			result.kind = LIN_EXPRESSION;
		if (test.kind != LIN_FILTER)
			lin_via(&test, LIN_VIA_TEST);
		lin_expr(w, level, nt_get(e, "arg"), test);
		for (i = 0; whens != NULL && whens->kind == NT_LIST &&
		    i < whens->n; i++) {
			lin_expr(w, level, nt_get(whens->items[i], "expr"), test);
			lin_expr(w, level, nt_get(whens->items[i], "result"),
			    result);
		}
		lin_expr(w, level, nt_get(e, "defresult"), result);
		return;
	}
	if (nt_is(e, "SUBLINK")) {
		struct lin_way inner = way;

		sub = nt_get(e, "subselect");
		if (nt_int(e, "subLinkType", -1) != 4 && inner.kind != LIN_FILTER)
			lin_via(&inner, LIN_VIA_TEST);	/* EXISTS, IN, ... */
		else if (inner.kind == LIN_COPY)
			inner.kind = LIN_EXPRESSION;	/* a scalar subquery */
		lin_expr(w, level, nt_get(e, "testexpr"), inner);
		if (sub != NULL && level + 1 < LIN_MAX_LEVELS) {
			saved = w->stack[level + 1];
			w->stack[level + 1] = sub;
			lin_target(w, level + 1, 1, inner);
			lin_filters(w, level + 1);
			w->stack[level + 1] = saved;
		}
		return;
	}
	/* Anything else computes: through some nodes the values pass. */
	{
		struct lin_way inner = way;

		if (inner.kind != LIN_FILTER && !lin_keeper(e->text))
			lin_via(&inner, LIN_VIA_TEST);
		else if (inner.kind == LIN_COPY)
			inner.kind = LIN_EXPRESSION;
		lin_fields(w, level, e, inner);
	}
}

/* The conditions of a join tree: FROM items and their ON clauses. */
static void
lin_join_quals(struct lin_walk *w, int level, const struct nt *j,
    const struct lin_way *way)
{
	if (nt_is(j, "FROMEXPR")) {
		lin_expr(w, level, nt_get(j, "quals"), *way);
		lin_join_quals(w, level, nt_get(j, "fromlist"), way);
	} else if (nt_is(j, "JOINEXPR")) {
		lin_expr(w, level, nt_get(j, "quals"), *way);
		lin_join_quals(w, level, nt_get(j, "larg"), way);
		lin_join_quals(w, level, nt_get(j, "rarg"), way);
	} else if (j != NULL && j->kind == NT_LIST) {
		size_t	i;

		for (i = 0; i < j->n; i++)
			lin_join_quals(w, level, j->items[i], way);
	}
}

/*
 * Filter edges: the conditions of the query at level and of every query
 * inside it: subqueries in FROM and set-operation branches (both in the
 * range table) and CTEs; the conditions of a sublink are walked where
 * the sublink is met.
 */
static void
lin_filters(struct lin_walk *w, int level)
{
	const struct nt *q = w->stack[level], *rt, *ctes, *sub, *saved;
	struct lin_way way;
	size_t	i;

	if (++w->steps > LIN_MAX_STEPS || level + 1 >= LIN_MAX_LEVELS)
		return;
	memset(&way, 0, sizeof way);
	way.kind = LIN_FILTER;
	lin_join_quals(w, level, nt_get(q, "jointree"), &way);
	lin_expr(w, level, nt_get(q, "havingQual"), way);
	rt = nt_get(q, "rtable");
	for (i = 0; rt != NULL && rt->kind == NT_LIST && i < rt->n; i++) {
		sub = nt_get(rt->items[i], "subquery");
		if (sub != NULL && sub->kind == NT_NODE) {
			saved = w->stack[level + 1];
			w->stack[level + 1] = sub;
			lin_filters(w, level + 1);
			w->stack[level + 1] = saved;
		}
	}
	ctes = nt_get(q, "cteList");
	for (i = 0; ctes != NULL && ctes->kind == NT_LIST && i < ctes->n; i++) {
		sub = nt_get(ctes->items[i], "ctequery");
		if (sub != NULL && sub->kind == NT_NODE) {
			saved = w->stack[level + 1];
			w->stack[level + 1] = sub;
			lin_filters(w, level + 1);
			w->stack[level + 1] = saved;
		}
	}
}

/* The edges of a view from its ev_action tree (see lineage.h). */
void
lin_view_edges(const struct nt *action, struct lin_edges *out)
{
	const struct nt *q, *tl, *te;
	struct lin_walk w;
	struct lin_way way;
	size_t	i;

	q = action != NULL && action->kind == NT_LIST ? nt_item(action, 1) :
	    action;
	if (!nt_is(q, "QUERY"))
		return;
	memset(&w, 0, sizeof w);
	w.out = out;
	out->from = out->n;
	w.stack[0] = q;
	tl = nt_get(q, "targetList");
	for (i = 0; tl != NULL && tl->kind == NT_LIST && i < tl->n; i++) {
		te = tl->items[i];
		if (nt_text(te, "resjunk") != NULL &&
		    strcmp(nt_text(te, "resjunk"), "true") == 0)
			continue;
		memset(&way, 0, sizeof way);
		way.down = (int)nt_int(te, "resno", 0);
		way.kind = LIN_COPY;
		lin_target(&w, 0, way.down, way);
	}
	lin_filters(&w, 0);
}
