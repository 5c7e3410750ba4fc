/*
 * classifiers/valid-name.c: person names.
 *
 * A value is a person's name when it has a name's shape (one to five
 * words of letters, apostrophes, hyphens and initials, optionally "Last,
 * First") and at least one of its words is a known given name or surname
 * (names-data.c, built by scripts/gen-names.sh from public frequency
 * lists). Titles (Mr, Dr, Frau...) and particles (de, van, von...) are
 * skipped. The strong form, which tells a name column from its values
 * alone, is a capitalised given name followed by a known surname or
 * given name ("Ana Trujillo", "Smith, John").
 *
 * Words are looked up lower-cased and without accents, as the lists are
 * written: "MÜLLER", "Müller" and "Muller" are one word, and so are
 * "Élodie" and "Elodie" (records drop accents as often as they keep them).
 */
#include <stdlib.h>
#include <string.h>

#include "classifiers/classifiers-int.h"

#define NAME_MAX_WORDS	5
#define NAME_WORD	48	/* longest word looked up, in bytes */

/* Words that are not names but may stand in one. */
static const char *const name_skip[] = { "mr", "mrs", "ms", "miss", "mx",
	"dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "sr",
	"sra", "srta", "don", "doña", "sig", "sig.ra", "jr", "sen", "ii", "iii",
	"iv", "phd", "md", "de", "da", "di", "del", "della", "van", "von",
	"der", "den", "la", "le", "du", "dos", "das", "y", "e", "ter", "ten",
	"st", NULL };

/* Fold one UTF-8 letter at s (n bytes left) to lower case into out. */
static size_t
name_fold_char(const unsigned char *s, size_t n, unsigned char *out)
{
	unsigned int cp;

	if (s[0] < 0x80) {
		out[0] = (unsigned char)(s[0] >= 'A' && s[0] <= 'Z' ?
		    s[0] + 32 : s[0]);
		return 1;
	}
	if (n < 2 || (s[0] != 0xc3 && s[0] != 0xc4 && s[0] != 0xc5)) {
		out[0] = s[0];
		return 1;
	}
	cp = ((unsigned int)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		cp += 0x20;			/* Latin-1 capitals */
	else if (cp == 0x178)
		cp = 0xff;			/* Ÿ */
	else if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a &&
	    cp <= 0x177)) && cp % 2 == 0 && cp != 0x130)
		cp++;				/* Ā..ķ, Ŋ..ŷ: even capitals */
	else if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 &&
	    cp <= 0x17e)) && cp % 2 == 1)
		cp++;				/* Ĺ..ň, Ź..ž: odd capitals */
	out[0] = (unsigned char)(0xc0 | (cp >> 6));
	out[1] = (unsigned char)(0x80 | (cp & 0x3f));
	return 2;
}

/*
 * Lower-case s[0..len) into out (size bytes, NUL-terminated). Returns
 * false when it does not fit.
 */
bool
cls_fold_lower(const char *s, size_t len, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	i = 0, o = 0, k;
	unsigned char buf[2];

	while (i < len) {
		k = name_fold_char(u + i, len - i, buf);
		if (o + k >= size)
			return false;
		memcpy(out + o, buf, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return true;
}

/* bsearch comparator over an array of strings. */
static int
name_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

/*
 * Write the lower-case word w without its accents into out (size bytes),
 * with cls_name_fold. Returns false for a letter that has no plain form
 * (no name in the lists has one) or when it does not fit.
 */
static bool
name_plain(const char *w, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)w;
	const char *f;
	unsigned int cp;
	size_t	o = 0, k;

	while (*u != '\0') {
		if (*u < 0x80) {
			if (o + 1 >= size)
				return false;
			out[o++] = (char)*u++;
			continue;
		}
		if (*u < 0xc3 || *u > 0xc9 || (u[1] & 0xc0) != 0x80)
			return false;
		cp = ((unsigned int)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
		/* 0xc9 leads U+0240..U+027F too: the table ends at U+024F. */
		if (cp - CLS_NAME_FOLD_FIRST >= CLS_NAME_FOLD_COUNT)
			return false;
		f = cls_name_fold[cp - CLS_NAME_FOLD_FIRST];
		if (f == NULL || o + (k = strlen(f)) >= size)
			return false;
		memcpy(out + o, f, k);
		o += k;
		u += 2;
	}
	out[o] = '\0';
	return true;
}

/* Is the lower-case word w, accents aside, in list? */
static bool
name_in(const char *w, const char *const *list, size_t count)
{
	char	plain[2 * NAME_WORD];

	return name_plain(w, plain, sizeof plain) &&
	    bsearch(plain, list, count, sizeof *list, name_cmp) != NULL;
}

/* Is w (lower case) a known given name, hyphenated parts included? */
static bool
name_given(const char *w)
{
	const char *h = strchr(w, '-');
	char	part[NAME_WORD];

	if (name_in(w, cls_given_names, cls_given_names_count))
		return true;
	if (h == NULL || (size_t)(h - w) >= sizeof part)
		return false;
	memcpy(part, w, (size_t)(h - w));	/* "jean" of "jean-pierre" */
	part[h - w] = '\0';
	return name_in(part, cls_given_names, cls_given_names_count);
}

/* Is w (lower case) a known surname or given name, parts included? */
static bool
name_known(const char *w)
{
	const char *h;

	if (name_given(w) || name_in(w, cls_surnames, cls_surnames_count))
		return true;
	for (h = strchr(w, '-'); h != NULL; h = strchr(h + 1, '-'))
		if (name_in(h + 1, cls_surnames, cls_surnames_count) ||
		    name_in(h + 1, cls_given_names, cls_given_names_count))
			return true;
	return false;
}

/* Does the byte start a capital: A-Z, or a Latin-1/Extended-A capital? */
static bool
name_capital(const unsigned char *s, size_t n)
{
	unsigned char low[2];

	if (s[0] >= 'A' && s[0] <= 'Z')
		return true;
	return s[0] >= 0xc3 && s[0] <= 0xc5 && n >= 2 &&
	    name_fold_char(s, n, low) == 2 && low[1] != s[1];
}

/*
 * Drop apostrophes, ' and U+2019, from w: the lists spell "obrien".
 * strncmp() stops at the NUL, where memcmp() would read past the end of
 * a word that fills its buffer.
 */
static void
name_unquote(char *w)
{
	char	*r = w, *o = w;

	while (*r != '\0') {
		if (*r == '\'')
			r++;
		else if (strncmp(r, "\xe2\x80\x99", 3) == 0)
			r += 3;
		else
			*o++ = *r++;
	}
	*o = '\0';
}

/* The words of a name, lower-cased, with what the shape says of them. */
struct name_words {
	size_t	n;
	char	w[NAME_MAX_WORDS][NAME_WORD];
	bool	cap[NAME_MAX_WORDS];	/* written with a capital */
	size_t	comma;			/* words before a comma; 0: none */
	size_t	initials;		/* "J." and "H" */
};

/*
 * Split s[0..len) into words, dropping titles, particles and initials.
 * Returns false when it is not a name's shape: a byte that no name has,
 * a word too long, more than NAME_MAX_WORDS words, or a second comma.
 */
static bool
name_split(const char *s, size_t len, struct name_words *nw)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	i = 0, start, wl;
	char	w[NAME_WORD];

	memset(nw, 0, sizeof *nw);
	while (i < len) {
		while (i < len && (u[i] == ' ' || u[i] == ','))
			if (u[i++] == ',') {
				if (nw->comma > 0 || nw->n == 0)
					return false;
				nw->comma = nw->n;
			}
		if (i >= len)
			break;
		start = i;
		while (i < len && u[i] != ' ' && u[i] != ',') {
			if ((u[i] >= '0' && u[i] <= '9') || u[i] == '@' ||
			    u[i] == '_' || u[i] == '/' || u[i] == '(' ||
			    u[i] == ':' || u[i] == '&' || u[i] == '#')
				return false;
			i++;
		}
		wl = i - start;
		while (wl > 0 && u[start + wl - 1] == '.')
			wl--;		/* "Jr." and "J." */
		if (wl == 0)
			continue;
		if (!cls_fold_lower(s + start, wl, w, sizeof w))
			return false;
		name_unquote(w);
		if (wl == 1 && name_capital(u + start, len - start)) {
			nw->initials++;
			continue;
		}
		if (wl == 1 || cls_in_list(w, name_skip))
			continue;	/* a title, a particle */
		if (nw->n == NAME_MAX_WORDS)
			return false;
		memcpy(nw->w[nw->n], w, sizeof w);
		nw->cap[nw->n] = name_capital(u + start, len - start);
		nw->n++;
	}
	if (nw->comma >= nw->n)
		nw->comma = 0;
	return nw->n > 0;
}

/* A name: its shape, and one word a known given name or surname. */
bool
cls_valid_person_name(const char *s, size_t len)
{
	struct name_words nw;
	size_t	i;

	if (len > 80 || !name_split(s, len, &nw))
		return false;
	for (i = 0; i < nw.n; i++)
		if (name_known(nw.w[i]))
			return true;
	return false;
}

/*
 * The strong form, all words capitalised: a known given name first and a
 * known name last ("Ana Trujillo", "Maria del Carmen Ruiz"); "Smith,
 * John"; a known name with an initial ("Lucy H.", "J. Smith"). A given
 * name before an unknown word is not enough: "Rose Bouquet", "Olive Oil".
 */
bool
cls_strong_person_name(const char *s, size_t len)
{
	struct name_words nw;
	size_t	i;

	if (len > 80 || !name_split(s, len, &nw) || nw.n > 4)
		return false;
	for (i = 0; i < nw.n; i++)
		if (!nw.cap[i])
			return false;
	if (nw.n == 1)
		return nw.initials > 0 && name_known(nw.w[0]);
	if (nw.comma > 0)
		return name_known(nw.w[0]) && name_given(nw.w[nw.comma]);
	return name_given(nw.w[0]) && name_known(nw.w[nw.n - 1]);
}

/*
 * The loose form, counted under a generic column name ("name"): two or
 * three capitalised words, a known given name first ("Mathieu
 * Chevalier"). Alone it would take "Olive Oil" for a name.
 */
bool
cls_loose_person_name(const char *s, size_t len)
{
	struct name_words nw;
	size_t	i;

	if (len > 80 || !name_split(s, len, &nw) || nw.n < 2 || nw.n > 3 ||
	    nw.comma > 0)
		return false;
	for (i = 0; i < nw.n; i++)
		if (!nw.cap[i])
			return false;
	return name_given(nw.w[0]);
}
