/*
 * fuzz/fuzz-nodetree.c: the pg_node_tree reader (scanner/nodetree.c) on
 * arbitrary text, without a database.
 *
 * The input, up to its first NUL byte, is the text of pg_rewrite's
 * ev_action. A tree that parses is looked over through the accessors of
 * nodetree.h: every value of a known kind, atoms and nodes with their
 * text, lists whose items nt_item() finds. A text that does not parse
 * must leave an empty tree and a one-line error. fuzz-lineage.c walks
 * the trees as the scanner does.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/nodetree.h"
#include "fuzz/fuzz.h"

/* Look over every value of a parsed tree through the accessors. */
static void
fuzz_check_tree(const struct nt_tree *tree)
{
	const struct nt *n;
	size_t	i, k;

	for (i = 0; i < tree->nnodes; i++) {
		n = tree->nodes[i];
		switch (n->kind) {
		case NT_NULL:
			break;
		case NT_ATOM:
			if (n->text == NULL)
				fuzz_fail("an atom without its text");
			break;
		case NT_NODE:
			if (n->text == NULL || !nt_is(n, n->text))
				fuzz_fail("a node without its name");
			for (k = 0; k < n->n; k++) {
				if (n->fields[k].name == NULL)
					fuzz_fail("a field without its name");
				(void)nt_get(n, n->fields[k].name);
				(void)nt_int(n, n->fields[k].name, 0);
			}
			break;
		case NT_LIST:
			for (k = 0; k < n->n; k++)
				if (nt_item(n, (long)k + 1) != n->items[k])
					fuzz_fail("nt_item() is not the k-th item");
			if (nt_item(n, 0) != NULL ||
			    nt_item(n, (long)n->n + 1) != NULL)
				fuzz_fail("nt_item() outside the list");
			break;
		default:
			fuzz_fail("a value of an unknown kind");
		}
	}
}

/* One input: a pg_node_tree text. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nt_tree tree;
	struct sift_err err;
	char   *text;

	text = malloc(size + 1);
	if (text == NULL)
		fuzz_fail("out of memory");
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&err, 0, sizeof err);
	if (nt_parse(text, &tree, &err) == 0) {
		if (tree.root == NULL)
			fuzz_fail("a parsed tree without a root");
		fuzz_check_tree(&tree);
		nt_free(&tree);
	} else {
		if (tree.root != NULL || tree.nnodes != 0 || tree.nblocks != 0)
			fuzz_fail("a failed parse left a tree");
		if (err.msg[0] == '\0' || strchr(err.msg, '\n') != NULL)
			fuzz_fail("a parse error that is not one line");
	}
	free(text);
	return 0;
}
