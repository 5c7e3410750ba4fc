/*
 * scanner/nodetree.c: a reader for pg_node_tree text.
 *
 * The format is PostgreSQL's outfuncs.c output: tokens separated by
 * white space, with "(", ")", "{" and "}" tokens of their own; a
 * backslash escapes the next character; "<>" is NULL. A node is
 * "{NAME :field value :field value ...}", a list "(...)" of nodes or
 * atoms (integer lists start with "i", OID lists with "o", bitmapsets
 * with "b"). A field's value is one item, except a Const's datum, "5 [ 20
 * 0 0 0 32 ]", of which the first item is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "scanner/nodetree.h"

#define NT_MAX_DEPTH	1000

/* The reader's state. */
struct nt_reader {
	const char *p;
	struct nt_tree *tree;
	char   *tok;		/* the current token, unescaped */
	size_t	toklen;
	size_t	tokcap;
	bool	special;	/* the token was one of ( ) { } */
};

/* Allocate size zeroed bytes owned by the tree. */
static void *
nt_alloc(struct nt_tree *tree, size_t size)
{
	void   *p = xcalloc(1, size);

	tree->blocks = xreallocarray(tree->blocks, tree->nblocks + 1,
	    sizeof *tree->blocks);
	tree->blocks[tree->nblocks++] = p;
	return p;
}

/* A new value owned by the tree. */
static struct nt *
nt_new(struct nt_tree *tree)
{
	struct nt *n = xcalloc(1, sizeof *n);

	tree->nodes = xreallocarray(tree->nodes, tree->nnodes + 1,
	    sizeof *tree->nodes);
	tree->nodes[tree->nnodes++] = n;
	return n;
}

/* A copy of s owned by the tree. */
static const char *
nt_strdup(struct nt_tree *tree, const char *s, size_t len)
{
	char   *c = nt_alloc(tree, len + 1);

	memcpy(c, s, len);
	return c;
}

/* Add a byte to the current token. */
static void
nt_tokch(struct nt_reader *r, char c)
{
	if (r->toklen + 1 >= r->tokcap) {
		r->tokcap = r->tokcap ? r->tokcap * 2 : 64;
		r->tok = xreallocarray(r->tok, r->tokcap, 1);
	}
	r->tok[r->toklen++] = c;
	r->tok[r->toklen] = '\0';
}

/* Read the next token; false at the end of the text. */
static bool
nt_next(struct nt_reader *r)
{
	const char *p = r->p;

	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	r->toklen = 0;
	nt_tokch(r, '\0');
	r->toklen = 0;
	r->special = false;
	if (*p == '\0') {
		r->p = p;
		return false;
	}
	if (strchr("(){}", *p) != NULL) {
		nt_tokch(r, *p++);
		r->special = true;
		r->p = p;
		return true;
	}
	while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t' &&
	    *p != '\r' && strchr("(){}", *p) == NULL) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		nt_tokch(r, *p++);
	}
	r->p = p;
	return true;
}

/* Look at the next token without consuming it: its first byte, or 0. */
static char
nt_peek(const struct nt_reader *r)
{
	const char *p = r->p;

	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return *p;
}

static struct nt *nt_item_read(struct nt_reader *r, int depth,
    struct sift_err *err);

/* A node, its "{" read. */
static struct nt *
nt_node_read(struct nt_reader *r, int depth, struct sift_err *err)
{
	struct nt *n = nt_new(r->tree);
	const char *fname;
	struct nt *v;
	size_t	cap = 0;

	n->kind = NT_NODE;
	if (!nt_next(r) || r->special)
		goto bad;
	n->text = nt_strdup(r->tree, r->tok, r->toklen);
	for (;;) {
		if (nt_peek(r) == '}') {
			nt_next(r);
			return n;
		}
		if (!nt_next(r) || r->special || r->tok[0] != ':')
			goto bad;
		fname = nt_strdup(r->tree, r->tok + 1, r->toklen - 1);
		v = NULL;
		/* One item; more (a datum's bytes) until the next field. */
		while (nt_peek(r) != '}' && nt_peek(r) != '\0' &&
		    !(nt_peek(r) == ':' && v != NULL)) {
			struct nt *it = nt_item_read(r, depth + 1, err);

			if (it == NULL)
				return NULL;
			if (v == NULL)
				v = it;
		}
		if (n->n == cap) {
			cap = cap ? cap * 2 : 8;
			n->fields = xreallocarray(n->fields, cap, sizeof *n->fields);
		}
		n->fields[n->n].name = fname;
		n->fields[n->n++].value = v;
	}
bad:
	sift_err_set(err, SIFT_E_QUERY, "unreadable view definition tree");
	return NULL;
}

/* One item: a node, a list, NULL or an atom. */
static struct nt *
nt_item_read(struct nt_reader *r, int depth, struct sift_err *err)
{
	struct nt *n, *it;
	size_t	cap = 0;

	if (depth > NT_MAX_DEPTH) {
		sift_err_set(err, SIFT_E_QUERY, "view definition tree too deep");
		return NULL;
	}
	if (!nt_next(r)) {
		sift_err_set(err, SIFT_E_QUERY, "view definition tree cut short");
		return NULL;
	}
	if (r->special && r->tok[0] == '{')
		return nt_node_read(r, depth, err);
	n = nt_new(r->tree);
	if (r->special && r->tok[0] == '(') {
		n->kind = NT_LIST;
		for (;;) {
			if (nt_peek(r) == ')') {
				nt_next(r);
				return n;
			}
			if (nt_peek(r) == '\0') {
				sift_err_set(err, SIFT_E_QUERY,
				    "view definition tree cut short");
				return NULL;
			}
			it = nt_item_read(r, depth + 1, err);
			if (it == NULL)
				return NULL;
			if (n->n == cap) {
				cap = cap ? cap * 2 : 8;
				n->items = xreallocarray(n->items, cap,
				    sizeof *n->items);
			}
			n->items[n->n++] = it;
		}
	}
	if (r->special) {
		sift_err_set(err, SIFT_E_QUERY, "unexpected \"%s\" in a view "
		    "definition tree", r->tok);
		return NULL;
	}
	if (strcmp(r->tok, "<>") == 0) {
		n->kind = NT_NULL;
		return n;
	}
	n->kind = NT_ATOM;
	if (r->toklen >= 2 && r->tok[0] == '"' && r->tok[r->toklen - 1] == '"')
		n->text = nt_strdup(r->tree, r->tok + 1, r->toklen - 2);
	else
		n->text = nt_strdup(r->tree, r->tok, r->toklen);
	return n;
}

/* Parse a whole tree (see nodetree.h). */
int
nt_parse(const char *text, struct nt_tree *tree, struct sift_err *err)
{
	struct nt_reader r;

	memset(tree, 0, sizeof *tree);
	memset(&r, 0, sizeof r);
	r.p = text;
	r.tree = tree;
	tree->root = nt_item_read(&r, 0, err);
	free(r.tok);
	if (tree->root == NULL) {
		nt_free(tree);
		return -1;
	}
	return 0;
}

/* Free everything the tree owns. */
void
nt_free(struct nt_tree *tree)
{
	size_t	i;

	for (i = 0; i < tree->nblocks; i++)
		free(tree->blocks[i]);
	free(tree->blocks);
	for (i = 0; i < tree->nnodes; i++) {
		free(tree->nodes[i]->fields);
		free(tree->nodes[i]->items);
		free(tree->nodes[i]);
	}
	free(tree->nodes);
	memset(tree, 0, sizeof *tree);
}

/* Field name of n (see nodetree.h). */
const struct nt *
nt_get(const struct nt *n, const char *name)
{
	size_t	i;

	if (n == NULL || n->kind != NT_NODE)
		return NULL;
	for (i = 0; i < n->n; i++)
		if (strcmp(n->fields[i].name, name) == 0)
			return n->fields[i].value;
	return NULL;
}

/* Is n a node named name? */
bool
nt_is(const struct nt *n, const char *name)
{
	return n != NULL && n->kind == NT_NODE && strcmp(n->text, name) == 0;
}

/* The integer value of field name of n, or def. */
long
nt_int(const struct nt *n, const char *name, long def)
{
	const struct nt *v = nt_get(n, name);
	char   *end;
	long	x;

	if (v == NULL || v->kind != NT_ATOM)
		return def;
	x = strtol(v->text, &end, 10);
	return *end == '\0' && end != v->text ? x : def;
}

/* The text of field name of n when it is an atom, or NULL. */
const char *
nt_text(const struct nt *n, const char *name)
{
	const struct nt *v = nt_get(n, name);

	return v != NULL && v->kind == NT_ATOM ? v->text : NULL;
}

/* Item i (1-based) of a list, or NULL. */
const struct nt *
nt_item(const struct nt *list, long i)
{
	if (list == NULL || list->kind != NT_LIST || i < 1 ||
	    (size_t)i > list->n)
		return NULL;
	return list->items[i - 1];
}
