/*
 * classifiers/valid-address.c: street addresses.
 *
 * A value is a street address when a house number and a street-type word
 * stand together in one of the orders that postal addresses use:
 *
 *   number, words, type      123 Main St, 47 MySakila Drive
 *   number, type, words      12 rue de la Paix, 24, place Kléber
 *   type, words, number      Calle Mayor, 3; Via Roma 10; ul. Długa 5
 *   compound, number         Hauptstraße 5, Kalverstraat 12, Åkergatan 24
 *   words, type, number      Berliner Straße 12, Obere Str. 57
 *
 * The third order is only taken for types that come first in their
 * language (calle, via, rue...), and the last two for the German, Dutch
 * and Nordic types, so "Street Fighter 2" is not an address. A number is
 * 1 to 5 digits with an optional letter or range ("221B", "12-14",
 * "3174/6"). Words after the street (a city, a postcode) do not matter.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

#define ADDR_MAX_WORDS	24
#define ADDR_WORD	40

/* Street types that follow the street's name (English) or precede it. */
static const char *const addr_types[] = { "street", "st", "avenue", "ave",
	"av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd",
	"way", "court", "ct", "terrace", "square", "sq", "circle",
	"crescent", "parkway", "pkwy", "highway", "hwy", "close", "grove",
	"gardens", "mews", "alley", "trail", "trl", "plaza", "pike", "manor",
	"loop", "path", "row", "walk", "point", "ridge", "run", "pass", "pl",
	"ter", "cir", "cres", "expressway", "expy", "freeway", "fwy",
	"turnpike", "tpke", "hill", "heights", "park", "green", "vista",
	"crossing", "xing", NULL };
/* Types written before the street's name, then the number. */
static const char *const addr_prefix[] = { "rue", "avenue", "av", "avda",
	"avenida", "boulevard", "bd", "bld", "chemin", "impasse", "allée",
	"place", "quai", "route", "cours", "chaussée", "calle", "c/",
	"paseo", "plaza", "pza", "carretera", "camino", "ronda", "rambla",
	"travesía", "carrera", "via", "viale", "piazza", "piazzale", "corso",
	"strada", "vicolo", "largo", "rua", "travessa", "praça", "estrada",
	"alameda", "ul", "ulica", "aleja", "al", "plac", "os", "osiedle",
	"gran", NULL };
/* German, Dutch and Nordic types, alone or ending a compound word. */
static const char *const addr_compound[] = { "straße", "strasse", "str",
	"weg", "platz", "allee", "gasse", "damm", "ufer", "ring", "straat",
	"laan", "gracht", "plein", "kade", "singel", "gatan", "gata", "vägen",
	"väg", "gade", "vej", "veien", "vei", "gate", "katu", "tie", "utca",
	NULL };

/*
 * Does w end in a compound type after a stem of three bytes or more
 * ("hauptstraße", "bahnhofstr", "åkergatan")? Short stems are words of
 * their own ("spring", "gate").
 */
static bool
addr_compound_word(const char *w)
{
	size_t	i, wl = strlen(w), tl;

	for (i = 0; addr_compound[i] != NULL; i++) {
		tl = strlen(addr_compound[i]);
		if (tl >= 4 && wl >= tl + 3 &&
		    strcmp(w + wl - tl, addr_compound[i]) == 0)
			return true;
	}
	/* "Forsterstr." is "forsterstr" once its dot is gone. */
	return wl >= 6 && strcmp(w + wl - 3, "str") == 0;
}

/* Is w an ordinal: "14th", "1st", "22nd", "3rd"? */
static bool
addr_ordinal(const char *w)
{
	size_t	i = 0;

	while (w[i] >= '0' && w[i] <= '9')
		i++;
	return i > 0 && i <= 3 && (strcmp(w + i, "st") == 0 ||
	    strcmp(w + i, "nd") == 0 || strcmp(w + i, "rd") == 0 ||
	    strcmp(w + i, "th") == 0);
}

/* Is w a house number: 1-5 digits, a letter or a range may follow? */
static bool
addr_number(const char *w)
{
	size_t	i = 0, d = 0;

	if (addr_ordinal(w))
		return false;
	while (w[i] >= '0' && w[i] <= '9')
		i++, d++;
	if (d == 0 || d > 5)
		return false;
	if (w[i] == '-' || w[i] == '/') {
		size_t	e = 0;

		for (i++; w[i] >= '0' && w[i] <= '9'; i++)
			e++;
		if (e == 0 || e > 5)
			return false;
	}
	if (w[i] >= 'a' && w[i] <= 'z')
		i++;
	return w[i] == '\0' || (w[i] >= 'a' && w[i] <= 'z' && w[i + 1] == '\0');
}

/* Is w a word of a street's name: a letter first, or an ordinal? */
static bool
addr_word(const char *w)
{
	unsigned char c = (unsigned char)w[0];

	return (c >= 'a' && c <= 'z') || c >= 0x80 || addr_ordinal(w);
}

/* Words of an address, lower-cased, trailing dots dropped. */
struct addr_words {
	size_t	n;
	char	w[ADDR_MAX_WORDS][ADDR_WORD];
};

/* Split s[0..len) at spaces and commas. False if too many or too long. */
static bool
addr_split(const char *s, size_t len, struct addr_words *aw)
{
	size_t	i = 0, start, wl;

	aw->n = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == ','))
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != ',')
			i++;
		wl = i - start;
		while (wl > 1 && s[start + wl - 1] == '.')
			wl--;
		if (wl == 1 && s[start] == '-')
			continue;	/* "507 - 20th Ave." */
		if (aw->n == ADDR_MAX_WORDS)
			return false;
		if (!cls_fold_lower(s + start, wl, aw->w[aw->n], ADDR_WORD))
			return false;
		aw->n++;
	}
	return aw->n >= 2;
}

/* Is the word at i a type of the given list, or (compound) a compound? */
static bool
addr_type_at(const struct addr_words *aw, size_t i)
{
	return cls_in_list(aw->w[i], addr_types) ||
	    cls_in_list(aw->w[i], addr_prefix) ||
	    cls_in_list(aw->w[i], addr_compound);
}

/* One of the five orders in the file comment, starting at word i. */
static bool
addr_at(const struct addr_words *aw, size_t i)
{
	size_t	j, names = 0;

	if (addr_number(aw->w[i])) {
		/* number, words, type  |  number, type, words */
		for (j = i + 1; j < aw->n && j <= i + 5; j++) {
			if (addr_type_at(aw, j) && (names > 0 ||
			    (j + 1 < aw->n && addr_word(aw->w[j + 1]) &&
			    !addr_number(aw->w[j + 1]))))
				return true;
			if (!addr_word(aw->w[j]))
				return false;
			names++;
		}
		return false;
	}
	if (addr_compound_word(aw->w[i]) && i + 1 < aw->n &&
	    addr_number(aw->w[i + 1]))
		return true;
	if (cls_in_list(aw->w[i], addr_compound) && i > 0 &&
	    addr_word(aw->w[i - 1]) && i + 1 < aw->n &&
	    addr_number(aw->w[i + 1]))
		return true;
	if (cls_in_list(aw->w[i], addr_prefix)) {
		/* type, words, number */
		for (j = i + 1; j < aw->n && j <= i + 6; j++) {
			if (addr_number(aw->w[j]))
				return names > 0;
			if (!addr_word(aw->w[j]))
				return false;
			names++;
		}
	}
	return false;
}

/* A street address: a house number and a street type (file comment). */
bool
cls_valid_street_address(const char *s, size_t len)
{
	struct addr_words aw;
	size_t	i;

	if (len > 200 || !addr_split(s, len, &aw))
		return false;
	for (i = 0; i < aw.n; i++)
		if (addr_at(&aw, i))
			return true;
	return false;
}
