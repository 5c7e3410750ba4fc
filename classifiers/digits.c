/*
 * classifiers/digits.c: reading identifiers that are a fixed number of
 * digits, written bare or in groups (123-45-6789, 943 476 5919).
 */
#include "classifiers/classifiers-int.h"

/*
 * Copy want digits from s into d: s is either exactly want bare digits,
 * or those digits with one separator at each offset in seps (a -1
 * terminated list), a hyphen or a space, the same one each time. Returns
 * whether s has one of the two forms.
 */
bool
cls_digits_grouped(const char *s, size_t len, size_t want, const int *seps,
    char *d)
{
	size_t	i, n = 0, k = 0;
	char	sep = 0;

	while (seps[k] >= 0)
		k++;
	if (len != want && len != want + k)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (n == want)
				return false;
			d[n++] = s[i];
			continue;
		}
		if (len == want || (s[i] != '-' && s[i] != ' ') ||
		    (sep != 0 && s[i] != sep))
			return false;
		for (k = 0; seps[k] >= 0 && (size_t)seps[k] != i; k++)
			;
		if (seps[k] < 0)
			return false;
		sep = s[i];
	}
	return n == want;
}
