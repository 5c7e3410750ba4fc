/*
 * classifiers/column.c: evidence gathered over a column's sampled values,
 * and the decision it leads to.
 *
 * For every type the column's data type allows, each value is counted as
 * matched (it has the type's shape), validated (it also passed the
 * validator) and strong (a distinctive form of a weak type). Distinct
 * validated values are counted through 64-bit hashes, never the values.
 * The decision rule is in cls_column_decide() and docs/classification.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "classifiers/classifiers-int.h"

#define DISTINCT_SLOTS	1024	/* hash slots per type, lazily allocated */
#define DISTINCT_MAX	768	/* counted exactly up to this many */
#define FEW_VALUES	5	/* below this, values alone prove little */
#define TEXT_MIN	3	/* free-text mentions needed to report */

/* Counters of one type in one column. */
struct type_counts {
	size_t	matched;
	size_t	validated;
	size_t	strong;
	size_t	loose;		/* the looser strong form (generic names) */
	size_t	in_text;	/* free-text values with an occurrence */
	size_t	distinct;
	uint64_t *hashes;	/* DISTINCT_SLOTS, 0 = empty */
	size_t	bare;		/* validated values of digits alone */
	uint64_t lo, hi;	/* their smallest and largest */
	size_t	nexamples;	/* masked examples kept */
	char	(*examples)[CLS_EXAMPLE_LEN];	/* CLS_MAX_EXAMPLES, or NULL
						   until one is kept */
};

struct cls_column {
	const struct cls_engine *engine;
	uint64_t allowed;		/* types the data type can hold */
	uint64_t typed;			/* types the data type implies */
	struct cls_name_evidence name;
	bool	count_all;		/* named for a CLS_F_NAME_ENOUGH type */
	struct type_counts all;		/* distinct count of every value */
	size_t	texty;			/* values that read as free text */
	bool	array;			/* values are array literals */
	bool	integer;		/* of an integer type: no leading 0s */
	size_t	values;
	struct type_counts counts[CLS_MAX_TYPES];
	/* A json or jsonb column: its paths, each a column of its own. */
	size_t	want_examples;		/* masked examples to keep per type */
	bool	json;
	char   *json_name;		/* the column's name, for its paths */
	struct column_path *paths;
	size_t	npaths;
	size_t	dropped;		/* leaves of paths past the limit */
};

/* One path of a json column. */
struct column_path {
	char   *path;			/* "contact.email", "tags[]" */
	char   *full;			/* "profile.contact.email" */
	const char *data_type;		/* of its first leaf */
	struct cls_column *col;
};

/* Does the data type begin with prefix? */
static bool
type_is(const char *data_type, const char *prefix)
{
	return strncmp(data_type, prefix, strlen(prefix)) == 0;
}

/* Is the data type a whole-number one (numeric(p,s) with s > 0 aside)? */
static bool
type_integer(const char *dt)
{
	return type_is(dt, "integer") || type_is(dt, "bigint") ||
	    type_is(dt, "smallint") || type_is(dt, "numeric");
}

/*
 * Which types a column of this data type can hold, and which it implies.
 * Dates and timestamps hold only dates of birth; numbers with a
 * fractional part, floating point, money, booleans, times and UUIDs hold
 * none of them; integers only those stored as
 * digits; inet and cidr only IP addresses, macaddr only MAC addresses.
 */
static void
column_type_mask(const char *dt, uint64_t *allowed, uint64_t *typed)
{
	size_t	i;
	bool	integer;

	*allowed = 0;
	*typed = 0;
	if (type_is(dt, "date") || type_is(dt, "timestamp")) {
		for (i = 0; i < cls_ntypes; i++)
			if ((cls_types[i].flags & CLS_F_DATES) &&
			    !(cls_types[i].flags & CLS_F_DISABLED))
				*allowed |= (uint64_t)1 << i;
		return;
	}
	if (type_is(dt, "boolean") || type_is(dt, "time") ||
	    type_is(dt, "interval") || type_is(dt, "uuid") ||
	    type_is(dt, "money") || type_is(dt, "real") ||
	    type_is(dt, "double precision"))
		return;
	/* numeric(p,s) with s > 0 holds amounts, not identifiers. */
	if (type_is(dt, "numeric(") && strchr(dt, ',') != NULL &&
	    strstr(dt, ",0)") == NULL)
		return;
	integer = type_integer(dt);
	for (i = 0; i < cls_ntypes; i++) {
		unsigned int fl = cls_types[i].flags;
		uint64_t bit = (uint64_t)1 << i;

		if (fl & CLS_F_DISABLED)
			continue;
		if (type_is(dt, "inet") || type_is(dt, "cidr")) {
			if (fl & CLS_F_NET)
				*allowed |= bit, *typed |= bit;
		} else if (type_is(dt, "macaddr")) {
			if (fl & CLS_F_MACADDR)
				*allowed |= bit, *typed |= bit;
		} else if (integer) {
			if (fl & CLS_F_NUMBERS)
				*allowed |= bit;
		} else
			*allowed |= bit;
	}
}

/* A new, empty evidence record for a column (see classifiers.h). */
struct cls_column *
cls_column_new(const struct cls_engine *engine, const char *column_name,
    const char *data_type)
{
	struct cls_column *col;
	size_t	i;

	col = xcalloc(1, sizeof *col);
	col->engine = engine;
	if (data_type != NULL && (strcmp(data_type, "json") == 0 ||
	    strcmp(data_type, "jsonb") == 0)) {
		/* Classified path by path; the document itself holds none. */
		col->json = true;
		col->json_name = xstrdup(column_name ? column_name : "");
		return col;
	}
	if (data_type != NULL && strlen(data_type) > 2 &&
	    strcmp(data_type + strlen(data_type) - 2, "[]") == 0) {
		/* An array is judged by its elements' type. */
		char	elem[128];

		snprintf(elem, sizeof elem, "%.*s", (int)(strlen(data_type) - 2),
		    data_type);
		col->array = true;
		column_type_mask(elem, &col->allowed, &col->typed);
		col->integer = type_integer(elem);
	} else {
		column_type_mask(data_type ? data_type : "text", &col->allowed,
		    &col->typed);
		col->integer = data_type != NULL && type_integer(data_type);
	}
	cls_name_evidence(column_name ? column_name : "", &col->name);
	for (i = 0; i < cls_ntypes; i++) {
		/* A rules file's column-name pattern counts as name tokens. */
		if (cls_types[i].name_pattern != NULL && column_name != NULL &&
		    cls_engine_name_match(engine, i, column_name)) {
			col->name.types |= (uint64_t)1 << i;
			snprintf(col->name.tokens[i], sizeof col->name.tokens[i],
			    "%s", column_name);
		}
	}
	/*
	 * A name can rule a type out ("version" holds versions, not
	 * addresses) unless it also names the type or the data type implies
	 * it.
	 */
	col->allowed &= ~(col->name.excluded & ~col->name.types & ~col->typed);
	/* Types that need their name are not even counted without it. */
	for (i = 0; i < cls_ntypes; i++) {
		if ((cls_types[i].flags & CLS_F_NEEDS_NAME) &&
		    !(col->name.types & ((uint64_t)1 << i)))
			col->allowed &= ~((uint64_t)1 << i);
	}
	for (i = 0; i < cls_ntypes; i++) {
		if ((cls_types[i].flags & CLS_F_NAME_ENOUGH) &&
		    (col->name.types & ((uint64_t)1 << i)) &&
		    (col->allowed & ((uint64_t)1 << i)))
			col->count_all = true;
	}
	return col;
}

/* Free a column's evidence, hashes included; col may be NULL. */
void
cls_column_free(struct cls_column *col)
{
	size_t	i;

	if (col == NULL)
		return;
	for (i = 0; i < col->npaths; i++) {
		free(col->paths[i].path);
		free(col->paths[i].full);
		cls_column_free(col->paths[i].col);
	}
	free(col->paths);
	free(col->json_name);
	for (i = 0; i < CLS_MAX_TYPES; i++) {
		free(col->counts[i].hashes);
		free(col->counts[i].examples);
	}
	free(col->all.hashes);
	free(col->all.examples);
	free(col);
}

/* How many non-NULL values were counted. */
size_t
cls_column_values(const struct cls_column *col)
{
	return col->values;
}

/* FNV-1a, 64 bits; never 0, which marks an empty slot. */
static uint64_t
column_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t	i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

/* Count a validated value towards the type's distinct count. */
static void
column_distinct(struct type_counts *c, const char *s, size_t len)
{
	uint64_t h;
	size_t	slot;

	if (c->distinct >= DISTINCT_MAX)
		return;
	if (c->hashes == NULL)
		c->hashes = xcalloc(DISTINCT_SLOTS, sizeof *c->hashes);
	h = column_hash(s, len);
	for (slot = h % DISTINCT_SLOTS; c->hashes[slot] != 0;
	    slot = (slot + 1) % DISTINCT_SLOTS) {
		if (c->hashes[slot] == h)
			return;
	}
	c->hashes[slot] = h;
	c->distinct++;
}

/* Mask a value as cls_column_set_examples() says (see classifiers.h). */
void
cls_mask(const char *s, size_t len, char *out, size_t size)
{
	size_t	keep = 0, i, n = 0, alnum = 0;
	char	c;

	for (i = 0; i < len; i++)
		if ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z'))
			alnum++;
	for (i = 0; i < len && n + 1 < size; i++) {
		c = s[i];
		if ((unsigned char)c >= 0x80)
			c = 'x';	/* any other letter */
		else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')) {
			if (++keep <= alnum - (alnum > 4 ? 2 : 0))
				c = c >= '0' && c <= '9' ? '0' : 'x';
		}
		out[n++] = c;
	}
	if (i < len && n >= 3)
		memcpy(out + n - 3, "...", 3);
	out[n] = '\0';
}

/* Keep a masked example of a validated value, once each. */
static void
column_example(struct type_counts *c, const char *s, size_t len)
{
	char	m[CLS_EXAMPLE_LEN];
	size_t	i;

	cls_mask(s, len, m, sizeof m);
	if (c->examples == NULL)
		c->examples = xcalloc(CLS_MAX_EXAMPLES, sizeof *c->examples);
	for (i = 0; i < c->nexamples; i++)
		if (strcmp(c->examples[i], m) == 0)
			return;
	memcpy(c->examples[c->nexamples++], m, sizeof m);
}

/* Keep up to n masked examples per type (see classifiers.h). */
void
cls_column_set_examples(struct cls_column *col, size_t n)
{
	size_t	i;

	col->want_examples = n > CLS_MAX_EXAMPLES ? CLS_MAX_EXAMPLES : n;
	for (i = 0; i < col->npaths; i++)
		cls_column_set_examples(col->paths[i].col, n);
}

/* Note the numeric range of validated values made of digits alone. */
static void
column_bare(struct type_counts *c, const char *s, size_t len)
{
	uint64_t v = 0;
	size_t	i;

	if (len > 18)
		return;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (c->bare == 0 || v < c->lo)
		c->lo = v;
	if (c->bare == 0 || v > c->hi)
		c->hi = v;
	c->bare++;
}

/*
 * Count value for type i if it has the type's shape and validates.
 * Returns whether it validated.
 */
static bool
column_count(struct cls_column *col, struct cls_matcher *m, size_t i,
    const char *value, size_t len, const struct cls_value_facts *f)
{
	const struct cls_type_def *t = &cls_types[i];
	struct type_counts *c = &col->counts[i];
	struct cls_value_facts pf;
	char	padded[32];

	if (len > (t->max_len ? t->max_len : CLS_MAX_SHORT))
		return false;
	/* An integer column dropped the leading zeros of fixed widths. */
	if (col->integer && t->digits > len && t->digits < sizeof padded &&
	    len + 3 >= t->digits && f->digits == len) {
		memset(padded, '0', t->digits - len);
		memcpy(padded + t->digits - len, value, len);
		value = padded;
		len = t->digits;
		cls_value_facts(value, len, &pf);
		f = &pf;
	}
	if (t->prefilter != NULL && !t->prefilter(f))
		return false;
	if (!cls_engine_match(col->engine, m, i, value, len))
		return false;
	c->matched++;
	if (!cls_type_validate(t, value, len))
		return false;
	c->validated++;
	if (t->strong != NULL && t->strong(value, len))
		c->strong++;
	if (t->loose != NULL && t->loose(value, len))
		c->loose++;
	column_bare(c, value, len);
	if (c->nexamples < col->want_examples)
		column_example(c, value, len);
	column_distinct(c, value, len);
	return true;
}

/*
 * Count one value. A fallback type (a phone number: any 7 to 15 digits)
 * counts only values that no other type validated, so SSNs, card numbers
 * and IP addresses do not also look like phone numbers.
 */
static void column_add_one(struct cls_column *col, struct cls_matcher *m,
    const char *value, size_t len);

/*
 * Count the elements of an array literal as PostgreSQL prints it:
 * {a,b,"c, d",NULL}, nested braces flattened. Quoted elements are
 * unescaped into a fixed buffer; NULL elements are skipped.
 */
static void
column_add_array(struct cls_column *col, struct cls_matcher *m,
    const char *s, size_t len)
{
	char	elem[CLS_MAX_VALUE + 1];
	size_t	i = 0, n;
	bool	quoted;

	while (i < len) {
		while (i < len && (s[i] == '{' || s[i] == '}' || s[i] == ',' ||
		    s[i] == ' '))
			i++;
		if (i >= len)
			break;
		n = 0;
		quoted = s[i] == '"';
		if (quoted) {
			for (i++; i < len && s[i] != '"'; i++) {
				if (s[i] == '\\' && i + 1 < len)
					i++;
				if (n < CLS_MAX_VALUE)
					elem[n++] = s[i];
			}
			i++;	/* the closing quote */
		} else {
			for (; i < len && s[i] != ',' && s[i] != '}'; i++)
				if (n < CLS_MAX_VALUE)
					elem[n++] = s[i];
			if (n == 4 && memcmp(elem, "NULL", 4) == 0)
				continue;
		}
		column_add_one(col, m, elem, n);
	}
}

/* What column_leaf() needs. */
struct column_leaf_ctx {
	struct cls_column *col;
	struct cls_matcher *m;
};

/*
 * One leaf of a json column's document: counted in its path's column,
 * made on first sight with the data type of that leaf (a string: text;
 * a whole number: bigint; any other number: double precision).
 */
static void
column_leaf(void *arg, const char *path, const char *v, size_t len,
    bool number)
{
	struct column_leaf_ctx *ctx = arg;
	struct cls_column *col = ctx->col;
	struct column_path *p = NULL;
	size_t	i, flen;

	if (path[0] == '\0')
		return;			/* a bare scalar document */
	for (i = 0; i < col->npaths; i++) {
		if (strcmp(col->paths[i].path, path) == 0) {
			p = &col->paths[i];
			break;
		}
	}
	if (p == NULL) {
		if (col->npaths == CLS_MAX_PATHS) {
			col->dropped++;
			return;
		}
		col->paths = xreallocarray(col->paths, col->npaths + 1,
		    sizeof *col->paths);
		p = &col->paths[col->npaths++];
		p->path = xstrdup(path);
		flen = strlen(col->json_name) + strlen(path) + 2;
		p->full = xmalloc(flen);
		snprintf(p->full, flen, "%s%s%s", col->json_name,
		    path[0] == '[' ? "" : ".", path);
		p->data_type = !number ? "text" :
		    memchr(v, '.', len) != NULL || memchr(v, 'e', len) != NULL ||
		    memchr(v, 'E', len) != NULL ? "double precision" : "bigint";
		p->col = cls_column_new(col->engine, p->full, p->data_type);
		p->col->want_examples = col->want_examples;
	}
	cls_column_add(p->col, ctx->m, v, len);
}

/* How many paths a json column has (0 for any other column). */
size_t
cls_column_paths(const struct cls_column *col)
{
	return col->npaths;
}

/*
 * Path i of a json column: its column (decided like any other), its
 * path ("contact.email"), full name ("profile.contact.email") and the
 * data type it was judged as.
 */
const struct cls_column *
cls_column_path(const struct cls_column *col, size_t i, const char **path,
    const char **full, const char **data_type)
{
	if (i >= col->npaths)
		return NULL;
	*path = col->paths[i].path;
	*full = col->paths[i].full;
	*data_type = col->paths[i].data_type;
	return col->paths[i].col;
}

/*
 * Count one non-NULL value: an array's elements one by one, a json
 * document leaf by leaf, anything else whole.
 */
void
cls_column_add(struct cls_column *col, struct cls_matcher *m,
    const char *value, size_t len)
{
	struct column_leaf_ctx ctx;

	if (col->json) {
		col->values++;
		ctx.col = col;
		ctx.m = m;
		(void)cls_json_walk(value, len, column_leaf, &ctx);
		return;
	}
	if (col->array && len > 0 && value[0] == '{')
		column_add_array(col, m, value, len);
	else
		column_add_one(col, m, value, len);
}

/* Count one value against every type the column may hold. */
static void
column_add_one(struct cls_column *col, struct cls_matcher *m,
    const char *value, size_t len)
{
	struct cls_value_facts f;
	bool	claimed = false;
	size_t	i;

	col->values++;
	cls_trim(&value, &len);
	if (len == 0 || len > CLS_MAX_VALUE || col->allowed == 0)
		return;
	cls_value_facts(value, len, &f);
	if (col->count_all)
		column_distinct(&col->all, value, len);
	/*
	 * A fallback type (a phone number) takes only what no other type
	 * took, unless the column's name names it: then a bare 9-digit
	 * number under "telefono" counts as a phone as well as an SSN.
	 */
	for (i = 0; i < cls_ntypes; i++) {
		if ((col->allowed & ((uint64_t)1 << i)) &&
		    (!(cls_types[i].flags & CLS_F_FALLBACK) ||
		    (col->name.types & ((uint64_t)1 << i))) &&
		    column_count(col, m, i, value, len, &f))
			claimed = true;
	}
	if (claimed)
		return;
	for (i = 0; i < cls_ntypes; i++) {
		if ((col->allowed & ((uint64_t)1 << i)) &&
		    (cls_types[i].flags & CLS_F_FALLBACK) &&
		    !(col->name.types & ((uint64_t)1 << i)) &&
		    column_count(col, m, i, value, len, &f))
			claimed = true;
	}
	if (claimed || f.spaces < 2 || len < 16)
		return;
	/* A sentence or more: look for what it mentions. */
	col->texty++;
	for (i = 0; i < cls_ntypes; i++) {
		if ((col->allowed & ((uint64_t)1 << i)) &&
		    (cls_types[i].flags & CLS_F_IN_TEXT) &&
		    cls_engine_search(col->engine, m, i, value, len))
			col->counts[i].in_text++;
	}
}

/* The likelihood a share of values earns on its own. */
static enum cls_likelihood
level(double share)
{
	if (share >= 0.8)
		return CLS_VERY_LIKELY;
	if (share >= 0.5)
		return CLS_LIKELY;
	if (share >= 0.2)
		return CLS_POSSIBLE;
	if (share > 0)
		return CLS_UNLIKELY;
	return CLS_VERY_UNLIKELY;
}

/* The lower of two likelihoods. */
static enum cls_likelihood
lmin(enum cls_likelihood a, enum cls_likelihood b)
{
	return a < b ? a : b;
}

/* The higher of two likelihoods. */
static enum cls_likelihood
lmax(enum cls_likelihood a, enum cls_likelihood b)
{
	return a > b ? a : b;
}

/*
 * Did a weak type's check digit speak? At least 20 values of its shape,
 * and 90% or more of them pass a validator that only one random shape
 * in ten passes.
 */
static bool
column_checked(const struct cls_type_def *t, const struct type_counts *c)
{
	return (t->flags & CLS_F_CHECKSUM) && c->matched >= 20 &&
	    c->validated * 10 >= c->matched * 9;
}

/*
 * Does the column's name name a type other than i that at least half of
 * its values validate as?
 */
static bool
column_named_other(const struct cls_column *col, size_t i)
{
	size_t	j;

	for (j = 0; j < cls_ntypes; j++) {
		if (j != i && (col->name.types & ((uint64_t)1 << j)) &&
		    col->values > 0 &&
		    col->counts[j].validated * 2 >= col->values)
			return true;
	}
	return false;
}

/* Score bands, so the score always agrees with the likelihood. */
static const double band_low[] = { 0.0, 0.2, 0.4, 0.65, 0.85 };
static const double band_high[] = { 0.2, 0.4, 0.65, 0.85, 1.0 };

/*
 * Decide one type for the column; see docs/classification.md. Returns
 * the likelihood and fills r.
 */
static enum cls_likelihood
column_decide_type(const struct cls_column *col, size_t i,
    struct cls_result *r)
{
	const struct cls_type_def *t = &cls_types[i];
	const struct type_counts *c = &col->counts[i];
	uint64_t bit = (uint64_t)1 << i;
	bool	named = (col->name.types & bit) != 0;
	bool	typed = (col->typed & bit) != 0;
	double	share, strong;
	enum cls_likelihood l;

	memset(r, 0, sizeof *r);
	/* 0. Some types are never told from their values alone. */
	if ((t->flags & CLS_F_NEEDS_NAME) && !named)
		return CLS_VERY_UNLIKELY;
	share = col->values ? (double)c->validated / (double)col->values : 0;
	strong = col->values ? (double)c->strong / (double)col->values : 0;

	/* 1. What the values say alone; weak shapes need their strong form. */
	l = level(share);
	if ((t->flags & CLS_F_SHAPE_NAMED) && !named) {
		double	loose = col->values ?
		    (double)c->loose / (double)col->values : 0;

		/*
		 * "Jackson" may be a city: only the strong form counts. Under
		 * a generic name ("name") the loose form ("Mathieu Chevalier")
		 * counts too: 90% VERY_LIKELY, 65% LIKELY, as do 80% known
		 * words; elsewhere 80% in the loose form make LIKELY.
		 */
		l = level(strong);
		if (col->name.generic & bit) {
			l = lmax(l, loose >= 0.9 ? CLS_VERY_LIKELY :
			    loose >= 0.65 || share >= 0.8 ? CLS_LIKELY :
			    loose >= 0.2 ? CLS_POSSIBLE : CLS_VERY_UNLIKELY);
		} else if (loose >= 0.8)
			l = lmax(l, CLS_LIKELY);
	}
	else if ((t->flags & CLS_F_WEAK) && !column_checked(t, c))
		l = lmax(lmin(l, CLS_POSSIBLE), level(strong));
	/*
	 * 1b. Another type's name: when the column's name names a type that
	 * half its values validate as, a weak type the name does not name
	 * is what those values also look like (the bare 9-digit phones of
	 * a "telefono" column pass the SSN rules), not a second finding.
	 */
	if ((t->flags & CLS_F_WEAK) && !named && column_named_other(col, i))
		l = lmin(l, CLS_UNLIKELY);
	/* 2. A handful of values proves little. */
	if (col->values < FEW_VALUES)
		l = lmin(l, CLS_POSSIBLE);
	/* 3. One value repeated is a default or a test value. */
	if (c->validated >= 10 && c->distinct == 1)
		l = lmin(l, CLS_POSSIBLE);
	/* 4. The name or the data type agrees: one step up. */
	if ((named || typed) && share >= 0.5)
		l = lmin(lmax(level(share), l) + 1, CLS_VERY_LIKELY);
	else if ((named || typed) && col->values == 0)
		l = CLS_POSSIBLE;	/* nothing to contradict it */
	else if ((named || typed) && share >= 0.2)
		l = lmax(l, CLS_POSSIBLE);
	/*
	 * 5. A name type under its own name: values of the type's shape, a
	 * tenth of them known, are enough (surnames from a country the
	 * dictionaries do not cover).
	 */
	if ((t->flags & CLS_F_SHAPE_NAMED) && named &&
	    col->values >= FEW_VALUES &&
	    (double)c->matched >= 0.8 * (double)col->values &&
	    (double)c->validated >= 0.1 * (double)col->values)
		l = lmax(l, CLS_LIKELY);
	if (c->validated >= 10 && c->distinct == 1)
		l = lmin(l, CLS_POSSIBLE);
	/*
	 * 3b. A sequence: bare numbers of a weak type, most of the validated
	 * ones, within a span under ten times their count, are identifiers
	 * handed out in order (order numbers in a phone column), not numbers
	 * of people: not reported, whatever the name says.
	 */
	if ((t->flags & CLS_F_WEAK) && c->bare >= 10 &&
	    c->bare * 2 >= c->validated &&
	    c->hi - c->lo < (uint64_t)c->bare * 10)
		l = lmin(l, CLS_UNLIKELY);
	/*
	 * 6. Passwords and secrets in plain text cannot be validated: their
	 * name suffices when the values are there and nearly all different
	 * (a column of "bearer" is a token type, not tokens).
	 */
	/*
	 * 7. Free text: a column whose values are mostly sentences is
	 * reported as containing a type by the share of values that mention
	 * a validated one, on lower thresholds than structured values.
	 */
	if (c->in_text >= TEXT_MIN && col->texty * 2 >= col->values) {
		double	ts = (double)c->in_text / (double)col->values;
		enum cls_likelihood lt = ts >= 0.2 ? CLS_VERY_LIKELY :
		    ts >= 0.05 ? CLS_LIKELY : ts >= 0.01 ? CLS_POSSIBLE :
		    CLS_UNLIKELY;

		if (lt > l) {
			l = lt;
			share = ts;
			r->ev_text = true;
		}
	}
	if ((t->flags & CLS_F_NAME_ENOUGH) && named && !col->name.meta &&
	    col->values > 0) {
		if (col->values < FEW_VALUES)
			l = lmax(l, CLS_POSSIBLE);	/* too few to object */
		else if (col->all.distinct >= DISTINCT_MAX ||
		    (double)col->all.distinct >= 0.8 * (double)col->values)
			l = lmax(l, CLS_LIKELY);
	}
	/*
	 * 8. Thresholds from a rules file: below min_share or min_distinct,
	 * at most POSSIBLE; with both met (and a min_share set), at least
	 * LIKELY.
	 */
	if (t->min_share > 0 || t->min_distinct > 0) {
		if (share < t->min_share || c->distinct < t->min_distinct)
			l = lmin(l, CLS_POSSIBLE);
		else if (t->min_share > 0 && col->values >= FEW_VALUES)
			l = lmax(l, CLS_LIKELY);
	}

	r->type = i;
	r->likelihood = l;
	r->match_ratio = share;
	r->values = col->values;
	r->matched = c->matched;
	r->validated = c->validated;
	r->distinct = c->distinct;
	r->ev_values = c->validated > 0;
	r->in_text = c->in_text;
	r->ev_name = named;
	r->sensitivity = t->sensitivity;
	r->nexamples = c->nexamples;
	if (c->nexamples > 0)
		memcpy(r->examples, c->examples, sizeof r->examples);
	r->score = band_low[l] + (band_high[l] - band_low[l]) *
	    (col->values ? share : 0.5);
	if (r->score > 1.0)
		r->score = 1.0;
	if (named)
		memcpy(r->name_tokens, col->name.tokens[i], sizeof r->name_tokens);
	else if (typed)
		memcpy(r->name_tokens, "(data type)", sizeof "(data type)");
	return l;
}

/*
 * Decide every type the column may hold; keep POSSIBLE and above, best
 * first.
 */
size_t
cls_column_decide(const struct cls_column *col, struct cls_result *out,
    size_t max)
{
	struct cls_result r;
	size_t	i, n = 0, j;

	for (i = 0; i < cls_ntypes; i++) {
		if (!(col->allowed & ((uint64_t)1 << i)))
			continue;
		if (column_decide_type(col, i, &r) < CLS_POSSIBLE)
			continue;
		/* Insert in score order, dropping the worst when full. */
		for (j = n; j > 0 && out[j - 1].score < r.score; j--)
			if (j < max)
				out[j] = out[j - 1];
		if (j < max) {
			out[j] = r;
			if (n < max)
				n++;
		}
	}
	return n;
}
