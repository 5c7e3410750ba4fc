/*
 * fuzz/fuzz-lineage.c: the view-lineage walk (scanner/lineage-view.c) on
 * whatever the pg_node_tree reader makes of arbitrary text, without a
 * database.
 *
 * The input, up to its first NUL byte, is the text of pg_rewrite's
 * ev_action; fuzz/corpus/lineage holds real ones, of views of every
 * shape. A tree that parses is walked as the scanner walks a view's
 * query, and every edge found must be of a known kind with a bounded
 * list of functions. Known crashes of the walk are kept in fuzz/crashes
 * (docs/fuzzing.md).
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/lineage.h"
#include "fuzz/fuzz.h"

/* Walk a parsed tree as a view's query; the edges must be well formed. */
static void
fuzz_walk(const struct nt *root)
{
	struct lin_edges out;
	size_t	i;

	memset(&out, 0, sizeof out);
	lin_view_edges(root, &out);
	if (out.n > 0 && out.edges == NULL)
		fuzz_fail("edges counted but not kept");
	for (i = 0; i < out.n; i++) {
		if (out.edges[i].kind > LIN_FILTER)
			fuzz_fail("an edge of an unknown kind");
		if (out.edges[i].nvia > LIN_MAX_VIA)
			fuzz_fail("an edge with too many functions");
	}
	free(out.edges);
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
	if (nt_parse(text, &tree, &err) == 0) {
		fuzz_walk(tree.root);
		nt_free(&tree);
	}
	free(text);
	return 0;
}
