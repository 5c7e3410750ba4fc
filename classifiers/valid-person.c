/*
 * classifiers/valid-person.c: dates of birth and genders.
 *
 * Neither can be told from its values alone: a date is a date, and "F"
 * or "male" could be a size or a breed. Both types need the column's name
 * (CLS_F_NEEDS_NAME); the validators only check that the values agree.
 *
 * Date of birth: a calendar date from 1900-01-01 to today (the day the
 * engine was made; 2099-12-31 before that),
 * written as ISO 8601 (1985-03-02, with an optional time as timestamps
 * print it), day first (02.03.1985, 02/03/1985, 02-03-1985) or month
 * first (03/02/1985), or compact (19850302).
 *
 * Gender: a closed set of values in several languages, any case.
 */
#include <string.h>
#include <strings.h>

#include "classifiers/classifiers-int.h"

/* The number in s[0..n) of digits, or -1. */
static int
pd_num(const char *s, size_t n)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return n > 0 ? v : -1;
}

/*
 * The latest date of birth accepted, as YYYYMMDD: nobody is born in the
 * future. cls_engine_new() sets it to the day the engine is made, before
 * any worker runs; until then 2099-12-31.
 */
static long pd_latest = 20991231;

/* Accept dates of birth up to y-m-d (see above). */
void
cls_birth_date_latest(int y, int m, int d)
{
	pd_latest = (long)y * 10000 + m * 100 + d;
}

/* Is y-m-d a real calendar day from 1900-01-01 to the latest accepted? */
static bool
pd_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int	max;

	if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1)
		return false;
	max = days[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		max = 29;
	return d <= max && (long)y * 10000 + m * 100 + d <= pd_latest;
}

/* Is the rest of a timestamp after its date a time of day? */
static bool
pd_time(const char *s, size_t len)
{
	size_t	i;

	if (len == 0)
		return true;
	if (s[0] != ' ' && s[0] != 'T')
		return false;
	for (i = 1; i < len; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ':' ||
		    s[i] == '.' || s[i] == '+' || s[i] == '-' || s[i] == 'Z'))
			return false;
	}
	return len >= 6;
}

/* A plausible date of birth in one of the written forms above. */
bool
cls_valid_birth_date(const char *s, size_t len)
{
	int	a, b, c;

	if (len == 8)
		return pd_day(pd_num(s, 4), pd_num(s + 4, 2), pd_num(s + 6, 2));
	if (len < 10)
		return false;
	if ((s[4] == '-' || s[4] == '/') && s[7] == s[4])
		return pd_day(pd_num(s, 4), pd_num(s + 5, 2),
		    pd_num(s + 8, 2)) && pd_time(s + 10, len - 10);
	if (len != 10 || strchr("./-", s[2]) == NULL || s[5] != s[2] ||
	    s[2] == '\0')
		return false;
	a = pd_num(s, 2);
	b = pd_num(s + 3, 2);
	c = pd_num(s + 6, 4);
	/* Day first or month first: either reading may be the right one. */
	return pd_day(c, b, a) || pd_day(c, a, b);
}

/* A gender value from the closed set, in any case. */
bool
cls_valid_gender(const char *s, size_t len)
{
	static const char *const values[] = { "m", "f", "x", "male", "female",
		"man", "woman", "men", "women", "non-binary", "nonbinary",
		"non binary", "other", "unknown", "unspecified", "undisclosed",
		"prefer not to say", "diverse", "divers", "männlich",
		"weiblich", "w", "masculino", "femenino", "hombre", "mujer",
		"masculin", "féminin", "homme", "femme", "h", "maschio",
		"femmina", "mężczyzna", "kobieta", "genderqueer",
		"transgender", "trans", "agender", "intersex", NULL };
	size_t	i;

	if (len == 0 || len > 20)
		return false;
	for (i = 0; values[i] != NULL; i++) {
		if (strlen(values[i]) == len && strncasecmp(s, values[i], len) == 0)
			return true;
	}
	return false;
}
