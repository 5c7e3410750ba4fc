/*
 * scanner/nodetree.h: reading PostgreSQL's pg_node_tree text (the stored
 * query of a view in pg_rewrite.ev_action) into a tree, for lineage.
 */
#ifndef PGSIFT_SCANNER_NODETREE_H
#define PGSIFT_SCANNER_NODETREE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

enum nt_kind { NT_NULL, NT_ATOM, NT_NODE, NT_LIST };

struct nt_field;

/* One value: "<>", an atom (123, v, "email"), {NODE ...} or (...). */
struct nt {
	enum nt_kind kind;
	const char *text;	/* NT_ATOM: unescaped; NT_NODE: the node's name */
	struct nt_field *fields;	/* NT_NODE */
	struct nt **items;	/* NT_LIST */
	size_t	n;		/* fields or items */
};

struct nt_field {
	const char *name;	/* without its ":" */
	struct nt *value;
};

/* The whole parse, owning every node; nt_free() frees it. */
struct nt_tree {
	struct nt *root;
	void  **blocks;		/* strings */
	size_t	nblocks;
	struct nt **nodes;	/* every value, with its arrays */
	size_t	nnodes;
};

/*
 * Parse text into tree. Returns 0, or -1 with err filled in (a malformed
 * tree, or deeper than 1000 levels); the tree is then empty.
 */
int	nt_parse(const char *text, struct nt_tree *tree, struct sift_err *err);
void	nt_free(struct nt_tree *tree);

/* Field name of node n, or NULL when absent or n is not a node. */
const struct nt *nt_get(const struct nt *n, const char *name);

/* Is n a node named name? */
bool	nt_is(const struct nt *n, const char *name);

/* The integer value of field name of n; def when absent or not a number. */
long	nt_int(const struct nt *n, const char *name, long def);

/*
 * The text of field name of n when that is an atom; NULL when absent, <>,
 * a node or a list. Borrowed from the tree.
 */
const char *nt_text(const struct nt *n, const char *name);

/* Item i of a list (1-based, as range tables count), or NULL. */
const struct nt *nt_item(const struct nt *list, long i);

#endif /* PGSIFT_SCANNER_NODETREE_H */
