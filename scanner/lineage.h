/*
 * scanner/lineage.h: column lineage: views from their stored query trees
 * (lineage-view.c), and the edges the system catalogs state outright:
 * foreign keys, partitions, inheritance, foreign tables (lineage.c).
 */
#ifndef PGSIFT_SCANNER_LINEAGE_H
#define PGSIFT_SCANNER_LINEAGE_H

#include <stddef.h>

#include "catalog/catalog.h"
#include "scanner/nodetree.h"
#include "scanner/scanner-int.h"

#define LIN_MAX_VIA	8	/* functions recorded on one edge */
#define LIN_VIA_TEST	1	/* a computation that does not keep values */

enum lin_kind { LIN_COPY, LIN_EXPRESSION, LIN_AGGREGATE, LIN_FILTER };

/* An edge of a view: output column down (0: the view as a whole). */
struct lin_edge {
	int	down;
	unsigned int relid;	/* upstream relation */
	int	attnum;		/* its column; 0: the whole row */
	enum lin_kind kind;
	unsigned int via[LIN_MAX_VIA];	/* function OIDs on the way */
	size_t	nvia;
};

struct lin_edges {
	struct lin_edge *edges;
	size_t	n;
	size_t	from;		/* the current view's first edge */
};

/* lineage-view.c: append the edges of a view's ev_action to out. */
void	lin_view_edges(const struct nt *action, struct lin_edges *out);

/* The name of an edge kind, as the catalog stores it. */
const char *lin_kind_name(enum lin_kind kind);

/*
 * lineage.c: read the lineage of the discovered relations of one
 * database and write its edges to the catalog for the scan. It reads
 * the server's catalogs only, so it may run before the relations are
 * sampled; carrying classifications along the edges
 * (catalog_lineage_propagate()) is the caller's, once they are. Returns
 * 0, or -1 with err filled in.
 */
int	lin_record(struct scan_conn *conn, struct catalog *cat,
    int64_t scan_id, int64_t source_id,
    const struct scan_relation_list *list, struct sift_err *err);

#endif /* PGSIFT_SCANNER_LINEAGE_H */
