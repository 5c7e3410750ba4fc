/*
 * tests/unit/classifiers/test-name.c: splitting column names into
 * tokens, and which names count as evidence for which type (whole tokens
 * only).
 */
#include <string.h>

#include "classifiers/classifiers.h"
#include "tests/lib/tap.h"

/* The tokens of name joined by "|". */
static const char *
joined(const char *name)
{
	static char out[512];
	char	t[16][32];
	size_t	n, i;

	n = cls_name_tokens(name, t, 16);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, "|");
		strcat(out, t[i]);
	}
	return out;
}

int
main(void)
{
	char	t[3][32];

	tap_is_str(joined("customer_email"), "customer|email", "snake_case");
	tap_is_str(joined("customerEmail2"), "customer|email|2",
	    "camelCase and a trailing digit");
	tap_is_str(joined("IPAddress"), "ip|address",
	    "an upper-case run before a capitalised word");
	tap_is_str(joined("E-Mail Adresse"), "e|mail|adresse",
	    "hyphens and spaces");
	tap_is_str(joined("ssn_no"), "ssn|no", "ssn_no");
	tap_is_str(joined("address2"), "address|2", "letters and digits apart");
	tap_is_str(joined("Straße"), "straße",
	    "non-ASCII letters stay inside the token");
	tap_is_str(joined("__x__"), "x", "runs of separators");
	tap_is_str(joined(""), "", "an empty name has no tokens");
	tap_is_int((long long)cls_name_tokens("a_b_c_d_e", t, 3), 3,
	    "no more tokens than asked for");
	tap_is_str(joined("averyveryveryveryverylongcolumnnamethatgoeson"),
	    "averyveryveryveryverylongcolumn",
	    "a long token is cut to 31 bytes");
	return tap_done();
}
