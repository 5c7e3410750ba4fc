/*
 * bench/bench-accuracy.c: how well the column classifier labels columns.
 *
 * Generates a labelled corpus of synthetic columns from a fixed seed:
 * positives for every type (values with correct check digits, computed
 * here), free text and JSON that mention a type in some rows, and hard
 * negatives that look like a type but are not one (order numbers failing
 * Luhn, versions, digests, amounts, ...). Each column goes through the
 * public API (cls_column_new(), cls_column_add(), cls_column_decide()); a
 * type counts as predicted at CLS_LIKELY or above. Prints per-type
 * precision, recall and F1, the false positives on hard negatives and the
 * micro-averaged F1 over all types. A column whose expected type is not in
 * the type table (yet) is skipped and counted as such.
 *
 * Every column draws from its own generator, seeded from the corpus seed
 * and the column's number, so skipping one changes no other. Run with
 * "make bench-accuracy"; it is a measurement, not a test: the exit status
 * is 0 whenever it ran, 1 on bad usage or an internal error.
 *
 * Usage: bench-accuracy [-v] [-s SEED]
 *   -v  also print each misclassified column: its name, data type, the
 *       expected type and the types predicted, with their likelihood
 *
 * Conventions: a ratio whose denominator is 0 is printed as 0.000.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classifiers/classifiers.h"

#define VAL_SIZE	4096	/* longest value generated, NUL included */
#define REPS		5	/* columns made from each template */
#define MAX_IDS		64	/* type ids tracked */
#define MAX_RESULTS	8	/* classifications asked per column */
#define DEFAULT_SEED	20240517ULL

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(a)		((a)[rng_below(NELEM(a))])

/* Random state of the column being generated (xorshift64*). */
static uint64_t rng_state = 1;

/* One step of splitmix64: turns a counter into a well-mixed word. */
static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Seed the generator for column number col of the corpus of seed. */
static void
rng_seed(uint64_t seed, size_t col)
{
	uint64_t x = seed ^ ((uint64_t)col * 0xd1b54a32d192ed03ULL);

	rng_state = splitmix64(&x);
	if (rng_state == 0)
		rng_state = 1;	/* xorshift never leaves 0 */
}

/* The next 64 random bits (xorshift64*). */
static uint64_t
rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A random number in [0, n); n must not be 0. */
static unsigned int
rng_below(size_t n)
{
	return (unsigned int)(rng_next() % n);
}

/* A random number in [lo, hi]. */
static unsigned int
rng_range(unsigned int lo, unsigned int hi)
{
	return lo + rng_below((size_t)(hi - lo) + 1);
}

/*
 * Choosing exactly `need` of `left` items in one pass (Knuth's selection
 * sampling), so a column's share of NULLs or mentions is exact and not
 * left to chance near a threshold.
 */
struct choose {
	size_t	left;
	size_t	need;
};

/* Is the next item one of those chosen? */
static bool
choose_next(struct choose *c)
{
	bool	take;

	if (c->left == 0)
		return false;
	take = rng_below(c->left) < c->need;
	c->left--;
	if (take)
		c->need--;
	return take;
}

/* A value being generated: a fixed buffer of VAL_SIZE, always terminated. */
struct out {
	char	*buf;
	size_t	len;
};

/* Append printf-style text, cut at the end of the buffer. */
static void __attribute__((format(printf, 2, 3)))
out_fmt(struct out *o, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (o->len >= VAL_SIZE - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, VAL_SIZE - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n < VAL_SIZE - o->len ? (size_t)n :
		    VAL_SIZE - 1 - o->len;
}

/* Append a string. */
static void
out_str(struct out *o, const char *s)
{
	out_fmt(o, "%s", s);
}

/* Append n characters drawn from alphabet. */
static void
out_rand(struct out *o, const char *alphabet, size_t n)
{
	size_t	k = strlen(alphabet), i;

	for (i = 0; i < n && o->len < VAL_SIZE - 1; i++)
		o->buf[o->len++] = alphabet[rng_below(k)];
	o->buf[o->len] = '\0';
}

/*
 * Append the digit string d in groups: sizes holds the group lengths as
 * digits ("444" for 4-4-4), each group after the first preceded by sep
 * (none when sep is 0). Digits past the groups follow the last one.
 */
static void
out_groups(struct out *o, const char *d, const char *sizes, char sep)
{
	size_t	n = strlen(d), at = 0, k;

	for (k = 0; sizes[k] != '\0' && at < n; k++) {
		size_t	g = (size_t)(sizes[k] - '0');

		if (k > 0 && sep != 0)
			out_fmt(o, "%c", sep);
		if (sizes[k + 1] == '\0')
			g = n - at;
		out_fmt(o, "%.*s", (int)g, d + at);
		at += g;
	}
}

/* Append s lower-cased (ASCII only), without spaces, apostrophes or dashes. */
static void
out_slug(struct out *o, const char *s)
{
	for (; *s != '\0' && o->len < VAL_SIZE - 1; s++) {
		char	c = *s;

		if (c == ' ' || c == '\'' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		o->buf[o->len++] = c;
	}
	o->buf[o->len] = '\0';
}

/*
 * Append the initial of name lower-cased; a name starting with a letter
 * outside ASCII is appended whole, so no UTF-8 character is cut.
 */
static void
out_initial(struct out *o, const char *name)
{
	char	c = name[0];

	if ((unsigned char)c >= 0x80) {
		out_slug(o, name);
		return;
	}
	out_fmt(o, "%c", c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Fill d[0..n) with random digits and terminate it. */
static void
rand_digits(char *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		d[i] = (char)('0' + rng_below(10));
	d[n] = '\0';
}

/*
 * Set the last of the n digits of d so that Luhn passes: from the right,
 * every second digit (starting left of the check digit) is doubled.
 */
static void
luhn_fill(char *d, size_t n)
{
	unsigned int sum = 0;
	bool	dbl = true;
	size_t	i;

	for (i = n - 1; i-- > 0;) {
		unsigned int v = (unsigned int)(d[i] - '0');

		if (dbl)
			v = v * 2 > 9 ? v * 2 - 9 : v * 2;
		sum += v;
		dbl = !dbl;
	}
	d[n - 1] = (char)('0' + (10 - sum % 10) % 10);
}

/* Base64 of in[0..n): URL-safe without padding, or standard with it. */
static void
out_base64(struct out *o, const unsigned char *in, size_t n, bool url)
{
	const char *abc = url ?
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" :
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t	i;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t	k = n - i < 3 ? n - i : 3;

		if (k > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (k > 2)
			v |= in[i + 2];
		out_fmt(o, "%c%c", abc[v >> 18 & 63], abc[v >> 12 & 63]);
		if (k > 1)
			out_fmt(o, "%c", abc[v >> 6 & 63]);
		else if (!url)
			out_str(o, "=");
		if (k > 2)
			out_fmt(o, "%c", abc[v & 63]);
		else if (!url)
			out_str(o, "=");
	}
}

/* CRC-32 as zlib computes it (reflected, polynomial 0xedb88320). */
static uint32_t
crc32_of(const char *s, size_t n)
{
	uint32_t crc = 0xffffffffU;
	size_t	i;
	int	k;

	for (i = 0; i < n; i++) {
		crc ^= (unsigned char)s[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1U)));
	}
	return ~crc;
}

/* Locales: names and streets, written for this benchmark. */
#define NLOCALES 7

static const char *const en_given[] = { "James", "Mary", "Robert",
	"Patricia", "John", "Jennifer", "Michael", "Linda", "David",
	"Elizabeth", "William", "Susan", "Thomas", "Sarah", "Daniel", "Emily",
	"George", "Hannah", "Oliver", "Grace" };
static const char *const en_family[] = { "Smith", "Johnson", "Williams",
	"Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark",
	"Walker", "Wright", "Hughes", "Evans", "Roberts", "Green", "Baker",
	"Turner", "Cooper", "O'Brien" };
static const char *const de_given[] = { "Lukas", "Anna", "Felix", "Lena",
	"Jonas", "Marie", "Leon", "Sophie", "Paul", "Laura", "Maximilian",
	"Johanna", "Tobias", "Katharina", "Jürgen", "Gisela", "Stefan",
	"Sabine", "Jörg", "Birgit" };
static const char *const de_family[] = { "Müller", "Schmidt", "Schneider",
	"Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
	"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
	"Neumann", "Krüger", "Zimmermann" };
static const char *const fr_given[] = { "Jean", "Marie", "Pierre",
	"Camille", "Louis", "Chloé", "Lucas", "Léa", "Hugo", "Manon", "Théo",
	"Inès", "Nicolas", "Élodie", "Julien", "Céline", "Antoine", "Amélie",
	"François", "Hélène" };
static const char *const fr_family[] = { "Martin", "Bernard", "Dubois",
	"Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
	"Simon", "Laurent", "Lefebvre", "Fournier", "Girard", "Bonnet",
	"Dupont", "Lambert", "Fontaine", "Guérin" };
static const char *const es_given[] = { "José", "María", "Antonio",
	"Carmen", "Manuel", "Lucía", "Francisco", "Isabel", "Javier", "Pilar",
	"Alejandro", "Dolores", "Pablo", "Sofía", "Diego", "Elena", "Sergio",
	"Marta", "Álvaro", "Rocío" };
static const char *const es_family[] = { "García", "Rodríguez",
	"González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
	"Gómez", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
	"Álvarez", "Romero", "Navarro", "Torres", "Vázquez" };
static const char *const it_given[] = { "Giuseppe", "Maria", "Giovanni",
	"Anna", "Antonio", "Giulia", "Francesco", "Chiara", "Alessandro",
	"Francesca", "Lorenzo", "Sara", "Matteo", "Valentina", "Andrea",
	"Federica", "Marco", "Elisa", "Niccolò", "Beatrice" };
static const char *const it_family[] = { "Rossi", "Russo", "Ferrari",
	"Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
	"Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
	"Rizzo", "Lombardi", "Moretti" };
static const char *const nl_given[] = { "Daan", "Emma", "Sem", "Julia",
	"Lucas", "Tess", "Milan", "Sophie", "Levi", "Fenna", "Bram", "Anouk",
	"Thijs", "Lotte", "Jeroen", "Sanne", "Pieter", "Femke", "Joost",
	"Marieke" };
static const char *const nl_family[] = { "de Jong", "Jansen", "de Vries",
	"van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
	"Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
	"Hendriks", "van Leeuwen", "Dekker", "Brouwer" };
static const char *const pl_given[] = { "Jan", "Anna", "Piotr", "Maria",
	"Krzysztof", "Katarzyna", "Andrzej", "Małgorzata", "Tomasz",
	"Agnieszka", "Paweł", "Barbara", "Michał", "Ewa", "Marcin",
	"Magdalena", "Łukasz", "Joanna", "Grzegorz", "Żaneta" };
static const char *const pl_family[] = { "Nowak", "Kowalski",
	"Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
	"Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski",
	"Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Kaczmarek",
	"Piotrowski", "Zając", "Wróbel" };

static const char *const en_streets[] = { "Main Street", "Oak Avenue",
	"Maple Ave", "Cedar Lane", "Park Road", "Elm St", "Washington Blvd",
	"Lake Drive", "Hill Road", "Church Street", "High Street",
	"Station Road", "Victoria Road", "Mill Lane", "Green Way" };
static const char *const en_cities[] = { "Springfield, IL 62701",
	"Portland, OR 97205", "London SW1A 2AA", "Manchester M1 1AE",
	"Boston, MA 02108", "Leeds LS1 4DY", "Denver, CO 80202" };
static const char *const de_streets[] = { "Hauptstraße", "Bahnhofstraße",
	"Gartenstraße", "Schulstraße", "Dorfstraße", "Lindenstraße",
	"Bergstraße", "Kirchstraße", "Waldweg", "Goethestraße",
	"Schillerstraße", "Am Markt", "Mühlenweg", "Friedrichstr.",
	"Rosenstraße" };
static const char *const de_cities[] = { "10115 Berlin", "80331 München",
	"20095 Hamburg", "50667 Köln", "60311 Frankfurt am Main",
	"70173 Stuttgart", "04109 Leipzig" };
static const char *const fr_streets[] = { "rue de la Paix",
	"rue Victor Hugo", "avenue Jean Jaurès", "boulevard Voltaire",
	"rue du Moulin", "place de l'Église", "rue Pasteur",
	"chemin des Vignes", "allée des Tilleuls", "rue des Écoles",
	"impasse des Lilas", "rue Nationale", "quai de la Loire",
	"avenue de la République", "rue du Château" };
static const char *const fr_cities[] = { "75002 Paris", "69001 Lyon",
	"13001 Marseille", "31000 Toulouse", "33000 Bordeaux", "44000 Nantes",
	"67000 Strasbourg" };
static const char *const es_streets[] = { "Calle Mayor", "Calle Real",
	"Avenida de la Constitución", "Calle del Sol", "Paseo de Gracia",
	"Gran Vía", "Calle de Alcalá", "Plaza de España", "Calle San Juan",
	"Avenida de América", "Calle Nueva", "Camino Viejo", "Calle Ancha",
	"Ronda de Toledo", "Calle del Carmen" };
static const char *const es_cities[] = { "28013 Madrid",
	"08001 Barcelona", "41001 Sevilla", "46001 Valencia", "29001 Málaga",
	"50001 Zaragoza", "48001 Bilbao" };
static const char *const it_streets[] = { "Via Roma", "Via Garibaldi",
	"Corso Italia", "Via Mazzini", "Piazza Dante", "Via Verdi",
	"Viale Europa", "Via dei Mille", "Corso Vittorio Emanuele",
	"Via San Francesco", "Via Cavour", "Via Manzoni", "Via XX Settembre",
	"Largo Augusto", "Via della Repubblica" };
static const char *const it_cities[] = { "00184 Roma", "20121 Milano",
	"80133 Napoli", "10121 Torino", "40121 Bologna", "50122 Firenze",
	"90133 Palermo" };
static const char *const nl_streets[] = { "Kalverstraat", "Dorpsstraat",
	"Kerkstraat", "Molenweg", "Stationsweg", "Schoolstraat",
	"Prinsengracht", "Julianalaan", "Beatrixlaan", "Nieuwstraat",
	"Markt", "Hoofdstraat", "Wilhelminastraat", "Lindelaan", "Kanaalweg" };
static const char *const nl_cities[] = { "1012 NX Amsterdam",
	"3011 AD Rotterdam", "2511 CS Den Haag", "3511 LN Utrecht",
	"5611 EM Eindhoven", "9711 LM Groningen", "6811 CG Arnhem" };
static const char *const pl_streets[] = { "ul. Długa", "ul. Polna",
	"ul. Leśna", "ul. Słoneczna", "ul. Krótka", "ul. Szkolna",
	"ul. Ogrodowa", "ul. Lipowa", "ul. Kościuszki", "ul. Mickiewicza",
	"ul. Marszałkowska", "al. Jerozolimskie", "ul. Piękna",
	"pl. Grunwaldzki", "ul. Wiejska" };
static const char *const pl_cities[] = { "00-238 Warszawa",
	"31-042 Kraków", "50-106 Wrocław", "80-831 Gdańsk", "61-772 Poznań",
	"90-001 Łódź", "20-001 Lublin" };

/* How one locale writes names and street addresses. */
struct locale {
	const char *const *given, *const *family, *const *streets,
	    *const *cities;
	size_t	ngiven, nfamily, nstreets, ncities;
	bool	number_first;	/* "12 rue ..." rather than "Via Roma 10" */
	const char *sep;	/* between street and number */
};

#define LOCALE(g, f, s, c, first, sep) { g, f, s, c, NELEM(g), NELEM(f), \
	NELEM(s), NELEM(c), first, sep }

static const struct locale locales[NLOCALES] = {
	LOCALE(en_given, en_family, en_streets, en_cities, true, " "),
	LOCALE(de_given, de_family, de_streets, de_cities, false, " "),
	LOCALE(fr_given, fr_family, fr_streets, fr_cities, true, " "),
	LOCALE(es_given, es_family, es_streets, es_cities, false, ", "),
	LOCALE(it_given, it_family, it_streets, it_cities, false, " "),
	LOCALE(nl_given, nl_family, nl_streets, nl_cities, false, " "),
	LOCALE(pl_given, pl_family, pl_streets, pl_cities, false, " "),
};

/* What a generator knows of the row it writes. */
struct gen_ctx {
	int	variant;	/* the template's variant; -1: mixed per row */
	unsigned int colrand;	/* drawn once per column */
	size_t	row;		/* row number, from 0 */
	bool	hit;		/* free text, JSON: the row mentions the type */
};

typedef void gen_fn(struct out *o, const struct gen_ctx *g);

/* The variant to write: the template's, or one of n at random. */
static int
variant_of(const struct gen_ctx *g, int n)
{
	return g->variant >= 0 ? g->variant % n : (int)rng_below((size_t)n);
}

/* The locale of a row: the column's own (colrand % 8 < 7), or mixed. */
static const struct locale *
locale_of(const struct gen_ctx *g)
{
	unsigned int k = g->colrand % (NLOCALES + 1);

	return &locales[k < NLOCALES ? k : rng_below(NLOCALES)];
}

/* A given name. */
static const char *
given_name(const struct locale *l)
{
	return l->given[rng_below(l->ngiven)];
}

/* A family name. */
static const char *
family_name(const struct locale *l)
{
	return l->family[rng_below(l->nfamily)];
}

/* E-mail: local part from a name, at a domain reserved for examples. */
static void
gen_email(struct out *o, const struct gen_ctx *g)
{
	static const char *const domains[] = { "example.com", "example.org",
		"mail.example.net", "example.co.uk", "beispiel.de",
		"exemple.fr", "ejemplo.es", "esempio.it", "voorbeeld.nl",
		"przyklad.pl", "corp.example.com" };
	const struct locale *l = locale_of(g);

	switch (rng_below(5)) {
	case 0:
		out_slug(o, given_name(l));
		out_str(o, ".");
		out_slug(o, family_name(l));
		break;
	case 1:
		out_slug(o, given_name(l));
		out_fmt(o, "_%u", rng_range(1, 99));
		break;
	case 2:
		out_initial(o, given_name(l));
		out_slug(o, family_name(l));
		break;
	case 3:
		out_slug(o, family_name(l));
		out_str(o, "+news");
		break;
	default:
		out_fmt(o, "user%u", rng_range(1, 99999));
		break;
	}
	out_fmt(o, "@%s", PICK(domains));
}

/* An array literal of one to three e-mail addresses, as text[] prints. */
static void
gen_email_array(struct out *o, const struct gen_ctx *g)
{
	unsigned int n = rng_range(1, 3), i;

	out_str(o, "{");
	for (i = 0; i < n; i++) {
		if (i > 0)
			out_str(o, ",");
		gen_email(o, g);
	}
	out_str(o, "}");
}

/*
 * Phone numbers. 0: E.164; 1: US national; 2: UK national; 3: German;
 * 4: French. Digits are random within each plan's shape.
 */
static void
gen_phone(struct out *o, const struct gen_ctx *g)
{
	static const char *const e164[] = { "1", "44", "49", "33", "34",
		"39", "31", "48" };
	char	d[16];

	switch (variant_of(g, 6)) {
	case 0:
		rand_digits(d, 9);
		d[0] = (char)('2' + rng_below(8));
		out_fmt(o, "+%s%s%u", PICK(e164), d, rng_below(10));
		break;
	case 1:
		switch (rng_below(3)) {
		case 0:
			out_fmt(o, "(%u) %u-%04u", rng_range(201, 989),
			    rng_range(200, 999), rng_below(10000));
			break;
		case 1:
			out_fmt(o, "%u-%u-%04u", rng_range(201, 989),
			    rng_range(200, 999), rng_below(10000));
			break;
		default:
			out_fmt(o, "%u.%u.%04u", rng_range(201, 989),
			    rng_range(200, 999), rng_below(10000));
		}
		break;
	case 2:
		if (rng_below(2))
			out_fmt(o, "020 %u %04u", rng_range(7000, 8999),
			    rng_below(10000));
		else
			out_fmt(o, "07%03u %06u", rng_below(1000),
			    rng_below(1000000));
		break;
	case 3:
		if (rng_below(2))
			out_fmt(o, "0%u %07u", rng_range(30, 89),
			    rng_range(1000000, 9999999));
		else
			out_fmt(o, "015%u/%08u", rng_range(1, 9),
			    rng_range(10000000, 99999999));
		break;
	case 4:
		out_fmt(o, "0%u %02u %02u %02u %02u", rng_range(1, 7),
		    rng_below(100), rng_below(100), rng_below(100),
		    rng_below(100));
		break;
	default:
		/* Spain and Portugal: nine bare digits, 6, 7 or 9 first. */
		out_fmt(o, "%c%08u", "679"[rng_below(3)],
		    rng_below(100000000));
	}
}

/* An international number as people write it, for free text. */
static void
gen_phone_intl(struct out *o)
{
	if (rng_below(2))
		out_fmt(o, "+44 20 %u %04u", rng_range(7000, 8999),
		    rng_below(10000));
	else
		out_fmt(o, "+49 30 %08u", rng_range(10000000, 99999999));
}

/*
 * The digits of a card number with a valid issuer prefix, length and
 * Luhn digit; *groups receives its usual grouping.
 */
static void
card_make(char *d, const char **groups)
{
	static const struct {
		const char *prefix;
		size_t	len;
		const char *groups;
	} brands[] = {
		{ "4", 16, "4444" }, { "4", 16, "4444" }, { "51", 16, "4444" },
		{ "53", 16, "4444" }, { "55", 16, "4444" },
		{ "2221", 16, "4444" }, { "2720", 16, "4444" },
		{ "34", 15, "465" }, { "37", 15, "465" },
		{ "6011", 16, "4444" }, { "65", 16, "4444" },
	};
	size_t	b = rng_below(NELEM(brands)), p = strlen(brands[b].prefix);

	rand_digits(d, brands[b].len);
	memcpy(d, brands[b].prefix, p);
	luhn_fill(d, brands[b].len);
	*groups = brands[b].groups;
}

/* Card numbers. 0: bare digits; 1: spaced; 2: dashed. */
static void
gen_card(struct out *o, const struct gen_ctx *g)
{
	static const char seps[] = { 0, ' ', '-' };
	const char *groups;
	char	d[20];

	card_make(d, &groups);
	out_groups(o, d, groups, seps[variant_of(g, 3)]);
}

/* IBANs of several countries. 0: electronic form; 1: print form. */
static void
gen_iban(struct out *o, const struct gen_ctx *g)
{
	/* BBAN shapes: n a digit, a a capital letter. */
	static const char *const bban[] = { "DEnnnnnnnnnnnnnnnnnn",
		"GBaaaannnnnnnnnnnnnn", "FRnnnnnnnnnnnnnnnnnnnnnnn",
		"ESnnnnnnnnnnnnnnnnnnnn", "ITannnnnnnnnnnnnnnnnnnnnn",
		"NLaaaannnnnnnnnn", "PLnnnnnnnnnnnnnnnnnnnnnnnn",
		"BEnnnnnnnnnnnn", "ATnnnnnnnnnnnnnnnn", "CHnnnnnnnnnnnnnnnnn" };
	const char *shape = PICK(bban);
	char	iban[40], check[8];
	size_t	n = strlen(shape), i;
	unsigned int r = 0;

	memcpy(iban, shape, 2);
	memcpy(iban + 2, "00", 2);
	for (i = 2; i < n; i++)
		iban[i + 2] = shape[i] == 'n' ? (char)('0' + rng_below(10)) :
		    (char)('A' + rng_below(26));
	iban[n + 2] = '\0';
	/* ISO 7064 MOD 97-10 over BBAN, country and "00"; check = 98 - r. */
	for (i = 0; i < n + 2; i++) {
		char	c = iban[(i + 4) % (n + 2)];

		r = c <= '9' ? (r * 10 + (unsigned int)(c - '0')) % 97 :
		    (r * 100 + (unsigned int)(c - 'A' + 10)) % 97;
	}
	snprintf(check, sizeof check, "%02u", 98 - r);
	memcpy(iban + 2, check, 2);
	if (variant_of(g, 2) == 0)
		out_str(o, iban);
	else
		out_groups(o, iban, "44444444", ' ');
}

/* BICs: bank, an ISO country, a location not ending in 0, a branch. */
static void
gen_swift(struct out *o, const struct gen_ctx *g)
{
	static const char *const countries[] = { "DE", "GB", "FR", "ES",
		"IT", "NL", "PL", "US", "CH", "BE", "AT" };
	const char *alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	(void)g;
	out_rand(o, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4);
	out_str(o, PICK(countries));
	out_rand(o, alnum, 1);
	out_rand(o, "ABCDEFGHJKLMNPQRSTUVWXYZ123456789", 1);
	if (rng_below(3) == 0)
		return;
	if (rng_below(2))
		out_str(o, "XXX");
	else
		out_rand(o, alnum, 3);
}

/* Nine SSN digits that the SSA could issue (area, group, serial). */
static void
ssn_make(char *d)
{
	unsigned int area;

	do
		area = rng_range(1, 899);
	while (area == 666);
	snprintf(d, 10, "%03u%02u%04u", area, rng_range(1, 99),
	    rng_range(1, 9999));
}

/*
 * US SSNs. 0: AAA-GG-SSSS; 1: nine bare digits; 2: as bigint prints them
 * (leading zeros lost, as in a real bigint column).
 */
static void
gen_ssn(struct out *o, const struct gen_ctx *g)
{
	char	d[10];

	ssn_make(d);
	switch (variant_of(g, 3)) {
	case 0:
		out_groups(o, d, "324", '-');
		break;
	case 1:
		out_str(o, d);
		break;
	default:
		out_fmt(o, "%lu", strtoul(d, NULL, 10));
	}
}

/* ITINs: 9XX, an IRS issuing group, a serial. 0: dashed; 1: bare. */
static void
gen_itin(struct out *o, const struct gen_ctx *g)
{
	unsigned int grp;
	char	d[10];

	do
		grp = rng_range(50, 99);
	while ((grp > 65 && grp < 70) || grp == 89 || grp == 93);
	snprintf(d, sizeof d, "9%02u%02u%04u", rng_below(100), grp,
	    rng_below(10000));
	out_groups(o, d, "324", variant_of(g, 2) == 0 ? '-' : 0);
}

/* ABA routing numbers: a routing symbol, six digits, the 3-7-1 check. */
static void
gen_aba(struct out *o, const struct gen_ctx *g)
{
	static const int w[8] = { 3, 7, 1, 3, 7, 1, 3, 7 };
	unsigned int p, sum = 0, i;
	char	d[10];

	(void)g;
	do
		p = rng_below(81);
	while (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) ||
	    p == 80));
	snprintf(d, sizeof d, "%02u%06u0", p, rng_below(1000000));
	for (i = 0; i < 8; i++)
		sum += (unsigned int)w[i] * (unsigned int)(d[i] - '0');
	d[8] = (char)('0' + (10 - sum % 10) % 10);
	out_str(o, d);
}

/* EINs with an assigned campus prefix. 0: XX-XXXXXXX; 1: bare. */
static void
gen_ein(struct out *o, const struct gen_ctx *g)
{
	static const unsigned int prefixes[] = { 1, 2, 3, 4, 5, 6, 10, 11,
		12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
		50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
		66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85,
		86, 87, 88, 90, 91, 92, 93, 94, 95, 98, 99 };
	char	d[10];

	snprintf(d, sizeof d, "%02u%07u", PICK(prefixes),
	    rng_range(1, 9999999));
	out_groups(o, d, "27", variant_of(g, 2) == 0 ? '-' : 0);
}

/* UK National Insurance numbers. 0: "QQ 12 34 56 C"; 1: bare. */
static void
gen_nino(struct out *o, const struct gen_ctx *g)
{
	static const char *const bad[] = { "BG", "GB", "KN", "NK", "NT",
		"TN", "ZZ" };
	char	p[3], d[7];
	size_t	i;

again:
	p[0] = "ABCEGHJKLMNOPRSTWXYZ"[rng_below(20)];
	p[1] = "ABCEGHJKLMNPRSTWXYZ"[rng_below(19)];
	p[2] = '\0';
	for (i = 0; i < NELEM(bad); i++)
		if (strcmp(p, bad[i]) == 0)
			goto again;
	rand_digits(d, 6);
	if (variant_of(g, 2) == 0)
		out_fmt(o, "%s %.2s %.2s %.2s %c", p, d, d + 2, d + 4,
		    'A' + rng_below(4));
	else
		out_fmt(o, "%s%s%c", p, d, 'A' + rng_below(4));
}

/*
 * NHS numbers: nine digits and the mod 11 check digit (weights 10..2;
 * a check of 10 cannot be issued, so draw again). 0: 3-3-4 with spaces;
 * 1: bare (also how bigint prints them, the first digit being 4-9).
 */
static void
gen_nhs(struct out *o, const struct gen_ctx *g)
{
	char	d[11];
	unsigned int sum, check, i;

	do {
		rand_digits(d, 10);
		d[0] = "4679"[rng_below(4)];
		for (sum = 0, i = 0; i < 9; i++)
			sum += (10 - i) * (unsigned int)(d[i] - '0');
		check = (11 - sum % 11) % 11;
	} while (check == 10);
	d[9] = (char)('0' + check);
	out_groups(o, d, "334", variant_of(g, 2) == 0 ? ' ' : 0);
}

/* Canadian SINs: Luhn, first digit not 0 or 8. 0: 3-3-3; 1: bare. */
static void
gen_sin(struct out *o, const struct gen_ctx *g)
{
	char	d[10];

	rand_digits(d, 9);
	d[0] = "12345679"[rng_below(8)];
	luhn_fill(d, 9);
	out_groups(o, d, "333", variant_of(g, 2) == 0 ? ' ' : 0);
}

/*
 * IP addresses. 0: IPv4; 1: IPv6 (full or compressed); 2: as inet
 * prints either, sometimes with a network prefix.
 */
static void
gen_ip(struct out *o, const struct gen_ctx *g)
{
	int	v = variant_of(g, 3);

	if (v == 2)
		v = rng_below(4) == 0;
	if (v == 0) {
		out_fmt(o, "%u.%u.%u.%u", rng_range(1, 223), rng_below(256),
		    rng_below(256), rng_range(1, 254));
		if (g->variant == 2 && rng_below(5) == 0)
			out_fmt(o, "/%u", rng_range(8, 30));
	} else if (rng_below(2))
		out_fmt(o, "2001:db8:%x:%x:%x:%x:%x:%x", rng_below(65536),
		    rng_below(65536), rng_below(65536), rng_below(65536),
		    rng_below(65536), rng_range(1, 65535));
	else
		out_fmt(o, "fe80::%x:%x", rng_range(1, 65535),
		    rng_range(1, 65535));
}

/* MAC addresses. 0: aa:bb:..; 1: AA-BB-..; 2: Cisco's aabb.ccdd.eeff. */
static void
gen_mac(struct out *o, const struct gen_ctx *g)
{
	unsigned int b[6], i;

	for (i = 0; i < 6; i++)
		b[i] = rng_below(256);
	b[0] = (b[0] & 0xfc) | 0x02;	/* locally administered, unicast */
	switch (variant_of(g, 3)) {
	case 0:
		out_fmt(o, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2],
		    b[3], b[4], b[5]);
		break;
	case 1:
		out_fmt(o, "%02X-%02X-%02X-%02X-%02X-%02X", b[0], b[1], b[2],
		    b[3], b[4], b[5]);
		break;
	default:
		out_fmt(o, "%02x%02x.%02x%02x.%02x%02x", b[0], b[1], b[2],
		    b[3], b[4], b[5]);
	}
}

/*
 * Dates of birth from 1930 to 2008. 0: ISO, as a date column prints;
 * 1: 15.03.1985; 2: 03/15/1985; 3: 15/03/1985; 4: 19850315.
 */
static void
gen_dob(struct out *o, const struct gen_ctx *g)
{
	unsigned int y = rng_range(1930, 2008), m = rng_range(1, 12),
	    d = rng_range(1, 28);

	switch (variant_of(g, 5)) {
	case 0:
		out_fmt(o, "%04u-%02u-%02u", y, m, d);
		break;
	case 1:
		out_fmt(o, "%02u.%02u.%04u", d, m, y);
		break;
	case 2:
		out_fmt(o, "%02u/%02u/%04u", m, d, y);
		break;
	case 3:
		out_fmt(o, "%02u/%02u/%04u", d, m, y);
		break;
	default:
		out_fmt(o, "%04u%02u%02u", y, m, d);
	}
}

/* Genders: each column keeps one vocabulary, in some language. */
static void
gen_gender(struct out *o, const struct gen_ctx *g)
{
	static const char *const sets[][4] = {
		{ "M", "F", "M", "F" },
		{ "male", "female", "other", "unknown" },
		{ "männlich", "weiblich", "divers", "weiblich" },
		{ "hombre", "mujer", "hombre", "mujer" },
		{ "homme", "femme", "homme", "femme" },
		{ "Male", "Female", "Non-binary", "Prefer not to say" },
		{ "maschio", "femmina", "maschio", "femmina" },
		{ "mężczyzna", "kobieta", "mężczyzna", "kobieta" },
		{ "m", "w", "d", "w" },
	};

	out_str(o, sets[g->colrand % NELEM(sets)][rng_below(4)]);
}

/*
 * Passwords. 0: bcrypt; 1: argon2id; 2: SHA-512 crypt; 3: plain text;
 * 4: unsalted SHA-256 hex digest.
 */
static void
gen_password(struct out *o, const struct gen_ctx *g)
{
	static const char *const words[] = { "sunflower", "dragon", "letmein",
		"monkey", "Sommer", "soleil", "tesoro", "zonnebloem", "kwiatek",
		"football", "Passwort", "bonjour", "qwerty", "shadow", "Milano",
		"hunter", "Winter", "amore", "princess", "trustno" };
	const char *c64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz";
	const char *b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";

	switch (variant_of(g, 3 + (g->variant >= 0) * 2)) {
	case 0:
		out_fmt(o, "$2%c$%02u$", "aby"[rng_below(3)],
		    rng_range(10, 13));
		out_rand(o, c64, 53);
		break;
	case 1:
		out_str(o, "$argon2id$v=19$m=65536,t=3,p=4$");
		out_rand(o, b64, 22);
		out_str(o, "$");
		out_rand(o, b64, 43);
		break;
	case 2:
		out_str(o, rng_below(2) ? "$6$" : "$6$rounds=5000$");
		out_rand(o, c64, 16);
		out_str(o, "$");
		out_rand(o, c64, 86);
		break;
	case 3:
		out_fmt(o, "%s%u%s", PICK(words), rng_below(10000),
		    rng_below(3) ? "" : "!");
		break;
	default:
		out_rand(o, "0123456789abcdef", 64);
	}
}

/* A GitHub classic token: ghp_, 30 base62, their CRC32 in base62. */
static void
gen_github(struct out *o)
{
	static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz";
	char	ent[31], sum[7];
	uint32_t crc;
	int	i;

	for (i = 0; i < 30; i++)
		ent[i] = b62[rng_below(62)];
	ent[30] = '\0';
	crc = crc32_of(ent, 30);
	for (i = 5; i >= 0; i--) {
		sum[i] = b62[crc % 62];
		crc /= 62;
	}
	sum[6] = '\0';
	out_fmt(o, "gh%c_%s%s", "pousr"[rng_below(5)], ent, sum);
}

/* A JWT: a JSON header with "alg", a payload, a random signature. */
static void
gen_jwt(struct out *o)
{
	char	hdr[96], body[128];
	unsigned char sig[32];
	size_t	i;

	snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"typ\":\"JWT\"}",
	    rng_below(2) ? "HS256" : "RS256");
	snprintf(body, sizeof body,
	    "{\"sub\":\"%u\",\"iat\":%u,\"scope\":\"read write\"}",
	    rng_range(1, 999999), rng_range(1600000000, 1800000000));
	out_base64(o, (const unsigned char *)hdr, strlen(hdr), true);
	out_str(o, ".");
	out_base64(o, (const unsigned char *)body, strlen(body), true);
	out_str(o, ".");
	for (i = 0; i < sizeof sig; i++)
		sig[i] = (unsigned char)rng_below(256);
	out_base64(o, sig, sizeof sig, true);
}

/* A PEM private key with a random body in 64-column lines. */
static void
gen_pem(struct out *o)
{
	unsigned char raw[48];
	unsigned int lines = rng_range(8, 25), i;
	size_t	k;

	out_str(o, "-----BEGIN PRIVATE KEY-----\n");
	for (i = 0; i < lines; i++) {
		for (k = 0; k < sizeof raw; k++)
			raw[k] = (unsigned char)rng_below(256);
		out_base64(o, raw, sizeof raw, false);
		out_str(o, "\n");
	}
	out_str(o, "-----END PRIVATE KEY-----");
}

/*
 * Secrets. 0: AWS key IDs; 1: JWTs; 2: PEM keys; 3: GitHub tokens;
 * 4: opaque keys (random hex: only the name can tell).
 */
static void
gen_token(struct out *o, const struct gen_ctx *g)
{
	switch (variant_of(g, 4 + (g->variant >= 0))) {
	case 0:
		out_str(o, rng_below(3) ? "AKIA" : "ASIA");
		out_rand(o, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
		break;
	case 1:
		gen_jwt(o);
		break;
	case 2:
		gen_pem(o);
		break;
	case 3:
		gen_github(o);
		break;
	default:
		out_rand(o, "0123456789abcdef", 40);
	}
}

/* Person names. 0: given names; 1: family names; 2: "Given Family". */
static void
gen_name(struct out *o, const struct gen_ctx *g)
{
	const struct locale *l = locale_of(g);

	switch (variant_of(g, 3)) {
	case 0:
		out_str(o, given_name(l));
		break;
	case 1:
		out_str(o, family_name(l));
		break;
	default:
		out_fmt(o, "%s %s", given_name(l), family_name(l));
	}
}

/* Street addresses. 0: street and number; 1: with postcode and city. */
static void
gen_address(struct out *o, const struct gen_ctx *g)
{
	const struct locale *l = locale_of(g);
	const char *street = l->streets[rng_below(l->nstreets)];
	unsigned int num = rng_range(1, rng_below(4) ? 60 : 450);

	if (l->number_first)
		out_fmt(o, "%u %s", num, street);
	else
		out_fmt(o, "%s%s%u", street, l->sep, num);
	if (variant_of(g, 2) == 1)
		out_fmt(o, ", %s", l->cities[rng_below(l->ncities)]);
}

/* Append the mention of a support note (see gen_note()). */
static void
note_mention(struct out *o, const struct gen_ctx *g)
{
	const char *groups;
	char	d[20];

	if (g->variant == 0)
		gen_email(o, g);
	else if (g->variant == 1) {
		card_make(d, &groups);
		out_groups(o, d, groups, rng_below(2) ? ' ' : 0);
	} else
		gen_phone_intl(o);
}

/*
 * A support note. With g->hit, it mentions what the variant says, inside
 * the sentence or at its end before the full stop: 0: an e-mail address;
 * 1: a card number; 2: an international phone number; 3: nothing ever
 * (a hard negative).
 */
static void
gen_note(struct out *o, const struct gen_ctx *g)
{
	static const char *const openers[] = { "Customer called about",
		"Left a voicemail regarding", "Please check",
		"Follow up on", "Escalated to billing:", "Refund requested for",
		"Spoke with the client about", "Kunde meldet sich wegen",
		"El cliente pregunta por", "Le client demande" };
	static const char *const topics[] = { "the late delivery",
		"an invoice from March", "the damaged parcel",
		"a duplicate charge", "the subscription renewal",
		"their account settings", "the warranty claim",
		"a missing item", "der Rechnung", "la factura" };
	static const char *const closers[] = { "and will call back tomorrow.",
		"no further action needed.", "see ticket history.",
		"waiting for the warehouse.", "resolved on first contact.",
		"bitte prüfen.", "pendiente de respuesta." };
	static const char *const lead[][2] = {
		{ "reply to", "new address is" },
		{ "paid with card", "card on file" },
		{ "call back on", "reachable at" },
	};
	bool	mention = g->hit && g->variant >= 0 && g->variant < 3;
	bool	at_end = mention && rng_below(2);

	out_fmt(o, "%s %s", PICK(openers), PICK(topics));
	if (mention && !at_end) {
		out_fmt(o, ", %s ", lead[g->variant][rng_below(2)]);
		note_mention(o, g);
	}
	out_fmt(o, " %s", PICK(closers));
	if (at_end) {
		out_fmt(o, " %c%s ", lead[g->variant][0][0] - 'a' + 'A',
		    lead[g->variant][0] + 1);
		note_mention(o, g);
		out_str(o, ".");
	}
}

/*
 * A JSON document as jsonb prints it. With g->hit an e-mail address sits
 * at some path (0: nested object; 1: inside an array); else it is null.
 */
static void
gen_json(struct out *o, const struct gen_ctx *g)
{
	static const char *const plans[] = { "free", "pro", "team", "trial" };

	out_fmt(o, "{\"id\": %u, \"plan\": \"%s\", ", rng_range(1, 999999),
	    PICK(plans));
	if (variant_of(g, 2) == 0) {
		out_str(o, "\"contact\": {\"email\": ");
		if (g->hit) {
			out_str(o, "\"");
			gen_email(o, g);
			out_str(o, "\"");
		} else
			out_str(o, "null");
		out_fmt(o, ", \"verified\": %s}}", rng_below(2) ? "true" :
		    "false");
		return;
	}
	out_str(o, "\"members\": [{\"role\": \"owner\", \"mail\": ");
	if (g->hit) {
		out_str(o, "\"");
		gen_email(o, g);
		out_str(o, "\"");
	} else
		out_str(o, "null");
	out_fmt(o, "}], \"seats\": %u}", rng_range(1, 50));
}

/* Hard negative: 16-digit numbers shaped like cards but failing Luhn. */
static void
neg_bad_luhn(struct out *o, const struct gen_ctx *g)
{
	const char *groups;
	char	d[20];
	size_t	n;

	(void)g;
	card_make(d, &groups);
	n = strlen(d);
	d[n - 1] = (char)('0' + (d[n - 1] - '0' + rng_range(1, 9)) % 10);
	out_str(o, d);
}

/* Hard negative: sequential nine-digit order numbers. */
static void
neg_sequence(struct out *o, const struct gen_ctx *g)
{
	out_fmt(o, "%lu", 100000000UL + g->colrand % 800000000UL +
	    (unsigned long)g->row);
}

/* Hard negative: dotted version numbers, "1.2.3.4" and "10.0.2". */
static void
neg_version(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	if (rng_below(3))
		out_fmt(o, "%u.%u.%u.%u", rng_below(12), rng_below(20),
		    rng_below(40), rng_below(250));
	else
		out_fmt(o, "%u.%u.%u", rng_below(12), rng_below(20),
		    rng_below(40));
}

/* Hard negative: version 4 UUIDs. */
static void
neg_uuid(struct out *o, const struct gen_ctx *g)
{
	const char *hex = "0123456789abcdef";

	(void)g;
	out_rand(o, hex, 8);
	out_str(o, "-");
	out_rand(o, hex, 4);
	out_str(o, "-4");
	out_rand(o, hex, 3);
	out_fmt(o, "-%c", "89ab"[rng_below(4)]);
	out_rand(o, hex, 3);
	out_str(o, "-");
	out_rand(o, hex, 12);
}

/* Hard negative: hex digests. 0: MD5; 1: SHA-1; 2: SHA-256. */
static void
neg_digest(struct out *o, const struct gen_ctx *g)
{
	static const size_t len[] = { 32, 40, 64 };

	out_rand(o, "0123456789abcdef", len[variant_of(g, 3)]);
}

/* Hard negative: six- to eight-digit order numbers (in a phone column). */
static void
neg_short_id(struct out *o, const struct gen_ctx *g)
{
	static const unsigned int lo[] = { 100000, 1000000, 10000000 };

	(void)g;
	out_fmt(o, "%u", (unsigned int)PICK(lo) * rng_range(1, 9) +
	    rng_below(lo[0]));
}

/* Hard negative: amounts as numeric(10,2) prints them. */
static void
neg_amount(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	out_fmt(o, "%u.%02u", rng_below(rng_below(2) ? 100 : 10000000),
	    rng_below(100));
}

/*
 * Hard negative: words. 0: product names; 1: cities; 2: colours;
 * 3: status words.
 */
static void
neg_words(struct out *o, const struct gen_ctx *g)
{
	static const char *const words[][8] = {
		{ "Desk Lamp Model 7", "Ergo Chair", "USB-C Cable 2m",
		  "Standing Desk XL", "Wireless Mouse", "Notebook A5",
		  "Coffee Grinder", "Kettle 1.7 l" },
		{ "Berlin", "Lyon", "Sevilla", "Bologna", "Utrecht", "Kraków",
		  "Leeds", "Denver" },
		{ "red", "dark blue", "Schwarz", "vert", "amarillo", "grigio",
		  "oranje", "magenta" },
		{ "pending", "shipped", "delivered", "cancelled", "on hold",
		  "refunded", "active", "archived" },
	};

	out_str(o, words[variant_of(g, 4)][rng_below(8)]);
}

/* Hard negative: timestamps as PostgreSQL prints them. */
static void
neg_timestamp(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	out_fmt(o, "20%02u-%02u-%02u %02u:%02u:%02u.%06u", rng_range(15, 25),
	    rng_range(1, 12), rng_range(1, 28), rng_below(24), rng_below(60),
	    rng_below(60), rng_below(1000000));
}

/* Hard negative: postal codes, US ZIP, ZIP+4 and German PLZ. */
static void
neg_zip(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	if (rng_below(4) == 0)
		out_fmt(o, "%05u-%04u", rng_range(1001, 99950),
		    rng_below(10000));
	else
		out_fmt(o, "%05u", rng_range(1001, 99950));
}

/* Hard negative: parcel tracking numbers of three carriers' shapes. */
static void
neg_tracking(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	switch (rng_below(3)) {
	case 0:
		out_str(o, "1Z");
		out_rand(o, "0123456789ABCDEFGHJKLMNPRSTVWXYZ", 16);
		break;
	case 1:
		out_str(o, "9400");
		out_rand(o, "0123456789", 18);
		break;
	default:
		out_fmt(o, "JJD%014u%u", rng_below(1000000000),
		    rng_below(100000));
	}
}

/* Hard negative: browser user agents. */
static void
neg_user_agent(struct out *o, const struct gen_ctx *g)
{
	static const char *const os[] = { "Windows NT 10.0; Win64; x64",
		"Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64",
		"iPhone; CPU iPhone OS 17_1 like Mac OS X" };

	(void)g;
	if (rng_below(2))
		out_fmt(o, "Mozilla/5.0 (%s) AppleWebKit/537.36 (KHTML, like "
		    "Gecko) Chrome/%u.0.0.0 Safari/537.36", PICK(os),
		    rng_range(100, 125));
	else
		out_fmt(o, "Mozilla/5.0 (%s; rv:%u.0) Gecko/20100101 "
		    "Firefox/%u.0", PICK(os), rng_range(100, 125),
		    rng_range(100, 125));
}

/* Hard negative: file paths. */
static void
neg_path(struct out *o, const struct gen_ctx *g)
{
	static const char *const dirs[] = { "/var/lib/app/uploads",
		"/srv/data/exports", "/home/build/cache", "C:\\Data\\Reports",
		"s3://bucket/archive" };
	static const char *const ext[] = { "csv", "pdf", "log", "json.gz" };

	(void)g;
	out_fmt(o, "%s/%04u/%02u/batch_%05u.%s", PICK(dirs),
	    rng_range(2015, 2025), rng_range(1, 12), rng_below(100000),
	    PICK(ext));
}

/* Hard negative: stock-keeping units, "AB-1234-X". */
static void
neg_sku(struct out *o, const struct gen_ctx *g)
{
	(void)g;
	out_rand(o, "ABCDEFGHJKLMNPRSTUVWXYZ", 2);
	out_fmt(o, "-%04u-", rng_below(10000));
	out_rand(o, "ABCDEFGHJKLMNPRSTUVWXYZ", 1);
}

/*
 * A column template: instance i of the template is named after the i-th
 * of names ("|"-separated, taken round-robin). nulls is the share of
 * NULL rows; hit_lo..hit_hi the range of the share of rows (of those
 * not NULL) with g->hit set, in percent.
 */
struct tmpl {
	const char *expect;	/* type id, or NULL for a hard negative */
	const char *names;
	const char *data_type;
	gen_fn	*gen;
	int	variant;
	unsigned int nulls;
	unsigned int hit_lo, hit_hi;
};

#define NEG	NULL

static const struct tmpl corpus[] = {
	/* E-mail: named in several languages, neutral, array, sparse. */
	{ "EMAIL_ADDRESS", "email|e_mail|correo|courriel|customerEmail", "text",
	  gen_email, 0, 0, 0, 0 },
	{ "EMAIL_ADDRESS", "col1|value|data|contact|c7", "text", gen_email, 0,
	  0, 0, 0 },
	{ "EMAIL_ADDRESS", "emails|cc_list|recipients|mail_aliases|to_list",
	  "text[]", gen_email_array, 0, 0, 0, 0 },
	{ "EMAIL_ADDRESS", "email|epost|login|username|email_address",
	  "character varying(255)", gen_email, 0, 40, 0, 0 },
	/* Phones: each national format, mixed, and neutral names. */
	{ "PHONE_NUMBER", "phone|telefono|mobile|msisdn|handy", "text",
	  gen_phone, 0, 0, 0, 0 },
	{ "PHONE_NUMBER", "col2|value|data|contact_info|x", "text", gen_phone,
	  0, 0, 0, 0 },
	{ "PHONE_NUMBER", "phone|phone_number|cell|telephone|fax", "text",
	  gen_phone, 1, 0, 0, 0 },
	{ "PHONE_NUMBER", "telefon|phone|mobile|tel|portable", "text",
	  gen_phone, 2, 0, 0, 0 },
	{ "PHONE_NUMBER", "telefonnummer|telefon|handy|phone|tel", "text",
	  gen_phone, 3, 0, 0, 0 },
	{ "PHONE_NUMBER", "telephone|portable|phone|tel|mobile", "text",
	  gen_phone, 4, 20, 0, 0 },
	{ "PHONE_NUMBER", "telefono|movil|telemovel|telefone|phone_no",
	  "text", gen_phone, 5, 0, 0, 0 },
	{ "PHONE_NUMBER", "phone|contact_phone|telefono|cellphone|tel_no",
	  "text", gen_phone, -1, 0, 0, 0 },
	{ "PHONE_NUMBER", "col3|value|data|contact|info", "text", gen_phone,
	  1, 0, 0, 0 },
	/* Cards: bare, spaced, dashed, bigint, mixed; named and neutral. */
	{ "CREDIT_CARD_NUMBER", "card_number|cc_num|pan|creditcard|tarjeta",
	  "text", gen_card, 0, 0, 0, 0 },
	{ "CREDIT_CARD_NUMBER", "col4|value|data|payment|c", "text", gen_card,
	  1, 0, 0, 0 },
	{ "CREDIT_CARD_NUMBER", "card|kreditkarte|carte|cardno|ccn",
	  "character varying(32)", gen_card, 2, 0, 0, 0 },
	{ "CREDIT_CARD_NUMBER", "card_number|pan|c1|value|cc", "bigint",
	  gen_card, 0, 0, 0, 0 },
	{ "CREDIT_CARD_NUMBER", "data|payload|field|c9|x1", "text", gen_card,
	  -1, 10, 0, 0 },
	/* IBANs. */
	{ "IBAN_CODE", "iban|ibans|account_iban|iban_code|IBAN", "text",
	  gen_iban, 0, 0, 0, 0 },
	{ "IBAN_CODE", "col5|value|account|bank_account|data", "text",
	  gen_iban, 1, 0, 0, 0 },
	{ "IBAN_CODE", "iban|konto|cuenta|compte|rekening", "text", gen_iban,
	  -1, 30, 0, 0 },
	/* BICs: weak, so named. */
	{ "SWIFT_CODE", "bic|swift|swift_code|bic_code|swiftBic", "text",
	  gen_swift, 0, 0, 0, 0 },
	{ "SWIFT_CODE", "bank_bic|bic|swift|bic_swift|beneficiary_bic",
	  "character(11)", gen_swift, 0, 20, 0, 0 },
	/* SSNs: dashed (strong), bare and bigint by name, sparse. */
	{ "US_SOCIAL_SECURITY_NUMBER", "ssn|social_security|ssn_no|socsec|ssns",
	  "text", gen_ssn, 0, 0, 0, 0 },
	{ "US_SOCIAL_SECURITY_NUMBER", "col7|value|data|id_number|c2", "text",
	  gen_ssn, 0, 0, 0, 0 },
	{ "US_SOCIAL_SECURITY_NUMBER", "ssn|ssn_no|social_security_number|ssn|"
	  "employee_ssn", "text", gen_ssn, 1, 0, 0, 0 },
	{ "US_SOCIAL_SECURITY_NUMBER", "ssn|ssn_no|ssn|socsec|ssn", "bigint",
	  gen_ssn, 2, 0, 0, 0 },
	{ "US_SOCIAL_SECURITY_NUMBER", "ssn_no|ssn|ssn|social_security|ssn",
	  "text", gen_ssn, 0, 90, 0, 0 },
	/* ITINs. */
	{ "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
	  "itin|taxpayer_id|itin|tin|itins", "text", gen_itin, 0, 0, 0, 0 },
	{ "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
	  "itin|itin|itins|tin|itin_number", "text", gen_itin, 1, 0, 0, 0 },
	{ "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
	  "col8|value|data|tax_ref|c3", "text", gen_itin, 0, 0, 0, 0 },
	/* ABA routing numbers: weak with no strong form. */
	{ "US_BANK_ROUTING_MICR", "routing_number|aba|rtn|routing|aba_routing",
	  "text", gen_aba, 0, 0, 0, 0 },
	{ "US_BANK_ROUTING_MICR", "col9|value|data|bank_code|num", "text",
	  gen_aba, 0, 0, 0, 0 },
	/* EINs. */
	{ "US_EMPLOYER_IDENTIFICATION_NUMBER",
	  "ein|fein|employer_id|tax_id|ein", "text", gen_ein, 0, 0, 0, 0 },
	{ "US_EMPLOYER_IDENTIFICATION_NUMBER", "ein|taxid|fein|ein|ein_number",
	  "text", gen_ein, 1, 0, 0, 0 },
	{ "US_EMPLOYER_IDENTIFICATION_NUMBER",
	  "col10|value|data|company_ref|c4", "text", gen_ein, 0, 0, 0, 0 },
	/* UK NINOs. */
	{ "UK_NATIONAL_INSURANCE_NUMBER",
	  "nino|ni_number|national_insurance|nin|nino", "text", gen_nino, 0,
	  0, 0, 0 },
	{ "UK_NATIONAL_INSURANCE_NUMBER", "col11|value|data|ref|c5", "text",
	  gen_nino, 1, 0, 0, 0 },
	/* NHS numbers. */
	{ "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
	  "nhs_number|nhs|nhsno|nhs|nhs_no", "text", gen_nhs, 0, 0, 0, 0 },
	{ "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
	  "nhs_number|nhs|nhs_no|nhsNumber|nhs", "text", gen_nhs, 1, 0, 0, 0 },
	{ "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
	  "col12|value|data|patient_ref|c6", "text", gen_nhs, 0, 0, 0, 0 },
	{ "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "col13|value|data|patient|c7",
	  "text", gen_nhs, 1, 0, 0, 0 },
	{ "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "nhs_number|nhs|nhsno|nhs|nhs",
	  "bigint", gen_nhs, 1, 0, 0, 0 },
	/* Canadian SINs. */
	{ "CANADA_SOCIAL_INSURANCE_NUMBER",
	  "sin|social_insurance|nas|sin|sin_number", "text", gen_sin, 0, 0,
	  0, 0 },
	{ "CANADA_SOCIAL_INSURANCE_NUMBER", "sin|nas|sin|sins|sin", "text",
	  gen_sin, 1, 0, 0, 0 },
	{ "CANADA_SOCIAL_INSURANCE_NUMBER", "col14|value|data|member_ref|c8",
	  "text", gen_sin, 0, 0, 0, 0 },
	/* IP addresses: text and inet, named and neutral. */
	{ "IP_ADDRESS", "ip_address|client_ip|remote_addr|ip|ipv4", "text",
	  gen_ip, 0, 0, 0, 0 },
	{ "IP_ADDRESS", "ipv6|ip|ip_addr|ipAddress|ips", "text", gen_ip, 1, 0,
	  0, 0 },
	{ "IP_ADDRESS", "addr|client|host|source|peer", "inet", gen_ip, 2, 10,
	  0, 0 },
	{ "IP_ADDRESS", "col15|value|host|source|peer", "text", gen_ip, 0, 0,
	  0, 0 },
	{ "IP_ADDRESS", "col16|value|data|origin|target", "text", gen_ip, 1, 0,
	  0, 0 },
	/* MAC addresses. */
	{ "MAC_ADDRESS", "mac|mac_address|hwaddr|bssid|macaddr", "text",
	  gen_mac, 0, 0, 0, 0 },
	{ "MAC_ADDRESS", "col17|value|data|device|hw", "text", gen_mac, 1, 0,
	  0, 0 },
	{ "MAC_ADDRESS", "col18|value|data|nic|iface", "text", gen_mac, 2, 0,
	  0, 0 },
	{ "MAC_ADDRESS", "device|hw|nic|iface|port", "macaddr", gen_mac, 0, 0,
	  0, 0 },
	/* Dates of birth: needs the name. */
	{ "DATE_OF_BIRTH",
	  "dob|birth_date|geburtsdatum|fecha_nacimiento|date_of_birth", "date",
	  gen_dob, 0, 5, 0, 0 },
	{ "DATE_OF_BIRTH", "geburtsdatum|geburtstag|dob|birthday|born_on",
	  "text", gen_dob, 1, 0, 0, 0 },
	{ "DATE_OF_BIRTH", "date_of_birth|dob|birthdate|bday|birth", "text",
	  gen_dob, 2, 0, 0, 0 },
	{ "DATE_OF_BIRTH",
	  "data_nascita|date_naissance|dob|birth|geboortedatum", "text",
	  gen_dob, 3, 0, 0, 0 },
	{ "DATE_OF_BIRTH", "dob|birth_date|birthdate|dob|bday", "text",
	  gen_dob, 4, 0, 0, 0 },
	/* Genders: needs the name. */
	{ "GENDER", "gender|sex|geschlecht|sexo|genre", "text", gen_gender,
	  0, 0, 0, 0 },
	{ "GENDER", "sesso|gender|geslacht|plec|sex", "character varying(20)",
	  gen_gender, 0, 15, 0, 0 },
	/* Passwords: hashes, plain text by name, neutral strong forms. */
	{ "PASSWORD", "password|password_hash|pwd|passwort|pw_hash", "text",
	  gen_password, 0, 0, 0, 0 },
	{ "PASSWORD", "col19|value|data|hash|h1", "text", gen_password, 1, 0,
	  0, 0 },
	{ "PASSWORD", "passwd|pass|password|contrasena|wachtwoord", "text",
	  gen_password, 2, 0, 0, 0 },
	{ "PASSWORD", "password|passwd|pwd|passwort|motdepasse", "text",
	  gen_password, 3, 0, 0, 0 },
	{ "PASSWORD", "password|password_sha256|pwd|passhash|hashedPassword",
	  "text", gen_password, 4, 0, 0, 0 },
	{ "PASSWORD", "col20|value|data|stored|h2", "text", gen_password, -1,
	  0, 0, 0 },
	/* Secrets. */
	{ "AUTH_TOKEN", "aws_key|access_key_id|col21|value|key_id", "text",
	  gen_token, 0, 0, 0, 0 },
	{ "AUTH_TOKEN", "jwt|access_token|token|auth_token|bearer", "text",
	  gen_token, 1, 0, 0, 0 },
	{ "AUTH_TOKEN", "private_key|privatekey|key_pem|col22|tls_key", "text",
	  gen_token, 2, 0, 0, 0 },
	{ "AUTH_TOKEN", "col23|value|data|gh|pat", "text", gen_token, 3, 0, 0,
	  0 },
	{ "AUTH_TOKEN", "api_key|secret|client_secret|apikey|refresh_token",
	  "text", gen_token, 4, 0, 0, 0 },
	{ "AUTH_TOKEN", "col24|value|data|cred_blob|k", "text", gen_token, -1,
	  0, 0, 0 },
	/* Person names, in every locale (the column's, or mixed). */
	{ "PERSON_NAME", "first_name|firstname|vorname|prenom|nombre", "text",
	  gen_name, 0, 0, 0, 0 },
	{ "PERSON_NAME", "last_name|surname|nachname|nom|apellido", "text",
	  gen_name, 1, 0, 0, 0 },
	{ "PERSON_NAME", "full_name|contact_name|name|customer_name|"
	  "nome_completo", "text", gen_name, 2, 0, 0, 0 },
	{ "PERSON_NAME", "col25|value|data|c9|field", "text", gen_name, 2, 0,
	  0, 0 },
	{ "PERSON_NAME", "given_name|voornaam|imie|nome|first", "text",
	  gen_name, 0, 10, 0, 0 },
	/* Street addresses, with and without the city. */
	{ "STREET_ADDRESS", "street|address|strasse|adresse|direccion", "text",
	  gen_address, 0, 0, 0, 0 },
	{ "STREET_ADDRESS", "address|indirizzo|adres|ulica|shipping_address",
	  "text", gen_address, 1, 0, 0, 0 },
	{ "STREET_ADDRESS", "col26|value|data|c10|line1", "text", gen_address,
	  -1, 0, 0, 0 },
	/* Free text mentioning a type in 5-30% of rows. */
	{ "EMAIL_ADDRESS", "notes|comments|bemerkung|remarks|comentarios",
	  "text", gen_note, 0, 0, 5, 30 },
	{ "CREDIT_CARD_NUMBER", "notes|comment|description|memo|log", "text",
	  gen_note, 1, 0, 5, 30 },
	{ "PHONE_NUMBER", "notes|comments|message|body|text", "text",
	  gen_note, 2, 0, 5, 30 },
	/* JSON documents with an e-mail address at some path. */
	{ "EMAIL_ADDRESS", "payload|doc|data|attributes|profile", "jsonb",
	  gen_json, 0, 0, 30, 100 },
	{ "EMAIL_ADDRESS", "payload|doc|meta|account|settings", "jsonb",
	  gen_json, 1, 0, 30, 100 },
	/* Hard negatives. */
	{ NEG, "order_number|reference|invoice_no|ref|order_id", "text",
	  neg_bad_luhn, 0, 0, 0, 0 },
	{ NEG, "order_number|external_id|ref|col27|value", "bigint",
	  neg_bad_luhn, 0, 0, 0, 0 },
	{ NEG, "order_ref|order_ref|order_id|ticket_no|seq", "text",
	  neg_sequence, 0, 0, 0, 0 },
	{ NEG, "order_ref|id|order_id|invoice_id|row_id", "bigint",
	  neg_sequence, 0, 0, 0, 0 },
	{ NEG, "version|app_version|firmware|release|build", "text",
	  neg_version, 0, 0, 0, 0 },
	{ NEG, "id|uuid|request_id|guid|correlation_id", "text", neg_uuid, 0,
	  0, 0, 0 },
	{ NEG, "id|uuid|session_id|trace_id|external_id", "uuid", neg_uuid, 0,
	  0, 0, 0 },
	{ NEG, "checksum|commit_sha|md5sum|digest|etag", "text", neg_digest,
	  0, 0, 0, 0 },
	{ NEG, "sha1|revision|fingerprint|commit|commit_sha", "text",
	  neg_digest, 1, 0, 0, 0 },
	{ NEG, "checksum|sha256|digest|fingerprint|file_checksum", "text",
	  neg_digest, 2, 0, 0, 0 },
	{ NEG, "phone|phone|tel|phone_no|mobile", "text", neg_short_id, 0, 0,
	  0, 0 },
	{ NEG, "amount|price|total|betrag|importe", "numeric(10,2)",
	  neg_amount, 0, 0, 0, 0 },
	{ NEG, "amount|price|total|balance|value", "text", neg_amount, 0, 0,
	  0, 0 },
	{ NEG, "product|product_name|title|item|artikel", "text", neg_words,
	  0, 0, 0, 0 },
	{ NEG, "city|town|ciudad|ville|stadt", "text", neg_words, 1, 0, 0, 0 },
	{ NEG, "color|colour|farbe|couleur|color_name", "text", neg_words, 2,
	  0, 0, 0 },
	{ NEG, "status|state|order_status|stage|phase", "text", neg_words, 3,
	  0, 0, 0 },
	{ NEG, "created_at|updated_at|modified|inserted_at|ts",
	  "timestamp without time zone", neg_timestamp, 0, 0, 0, 0 },
	{ NEG, "created_at|updated_at|event_time|logged_at|ts", "text",
	  neg_timestamp, 0, 0, 0, 0 },
	/* Names about a secret, not the secret: rule 6 does not apply. */
	{ NEG, "password_changed_at|token_expires_at|password_updated_at|"
	  "secret_rotated_at|password_set_date", "text", neg_timestamp, 0, 0,
	  0, 0 },
	{ NEG, "password_hint|token_type|password_policy|secret_name|"
	  "api_key_name", "text", neg_words, 3, 0, 0, 0 },
	{ NEG, "password_attempts|token_count|password_length|pwd_len|"
	  "token_id", "text", neg_short_id, 0, 0, 0, 0 },
	{ NEG, "zip|zipcode|postal_code|plz|zip_code", "text", neg_zip, 0, 0,
	  0, 0 },
	{ NEG, "tracking_number|tracking|awb|shipment_id|parcel", "text",
	  neg_tracking, 0, 0, 0, 0 },
	{ NEG, "user_agent|ua|browser|agent|client", "text", neg_user_agent, 0,
	  0, 0, 0 },
	{ NEG, "path|file_path|filename|location|object_key", "text",
	  neg_path, 0, 0, 0, 0 },
	{ NEG, "sku|article_no|part_number|item_code|sku", "text", neg_sku, 0,
	  0, 0, 0 },
	{ NEG, "notes|comments|description|memo|review", "text", gen_note, 3,
	  0, 0, 0 },
};

/* Counts for one type id. */
struct tstat {
	const char *id;
	bool	present;	/* in the type table */
	unsigned int tp, fp, fn, skipped;
};

/* The run: engine, options and counts. */
struct bench {
	struct cls_engine *engine;
	struct cls_matcher *m;
	uint64_t seed;
	bool	verbose;
	struct tstat stats[MAX_IDS];
	size_t	nstats;
	unsigned int columns, skipped, values, negatives, neg_fp_columns,
	    neg_fp;
};

/* The counts of type id, added (as absent) on first sight; NULL if full. */
static struct tstat *
bench_stat(struct bench *b, const char *id)
{
	size_t	i;

	for (i = 0; i < b->nstats; i++)
		if (strcmp(b->stats[i].id, id) == 0)
			return &b->stats[i];
	if (b->nstats == MAX_IDS)
		return NULL;
	memset(&b->stats[b->nstats], 0, sizeof b->stats[0]);
	b->stats[b->nstats].id = id;
	return &b->stats[b->nstats++];
}

/* Copy the k-th of the "|"-separated names (round-robin) into name. */
static void
tmpl_name(const struct tmpl *t, size_t k, char *name, size_t size)
{
	const char *p = t->names, *bar;
	size_t	n = 1, i;

	for (bar = p; (bar = strchr(bar, '|')) != NULL; bar++)
		n++;
	for (i = 0; i < k % n; i++)
		p = strchr(p, '|') + 1;
	bar = strchr(p, '|');
	snprintf(name, size, "%.*s", (int)(bar ? (size_t)(bar - p) :
	    strlen(p)), p);
}

/*
 * Fill column col with rows generated from template t: 50 to 300 rows,
 * exactly t->nulls percent of them NULL (rounded down), and of the
 * others a share drawn from t->hit_lo..t->hit_hi percent (rounded up)
 * with g.hit set.
 */
static void
column_fill(struct bench *b, const struct tmpl *t, struct cls_column *col)
{
	char	buf[VAL_SIZE];
	struct out o = { buf, 0 };
	struct gen_ctx g = { t->variant, 0, 0, false };
	struct choose present, hits;
	size_t	rows = rng_range(50, 300), values;
	unsigned int pct = rng_range(t->hit_lo, t->hit_hi);

	g.colrand = (unsigned int)(rng_next() >> 32);
	values = rows - rows * t->nulls / 100;
	present.left = rows;
	present.need = values;
	hits.left = values;
	hits.need = (values * pct + 99) / 100;
	for (g.row = 0; g.row < rows; g.row++) {
		if (!choose_next(&present))
			continue;	/* NULL: the classifier never sees it */
		g.hit = choose_next(&hits);
		o.len = 0;
		buf[0] = '\0';
		t->gen(&o, &g);
		cls_column_add(col, b->m, buf, o.len);
		b->values++;
	}
}

/*
 * Score one decided column against what it holds (expect < 0: nothing).
 * Returns whether it was misclassified.
 */
static bool
column_score(struct bench *b, int expect, const struct cls_result *r,
    size_t n)
{
	bool	found = false, wrong = false;
	size_t	k;

	for (k = 0; k < n; k++) {
		struct tstat *s = bench_stat(b, cls_type_id(r[k].type));

		if (r[k].likelihood < CLS_LIKELY || s == NULL)
			continue;
		if ((int)r[k].type == expect) {
			s->tp++;
			found = true;
			continue;
		}
		s->fp++;
		wrong = true;
		if (expect < 0)
			b->neg_fp++;
	}
	if (expect >= 0 && !found) {
		struct tstat *s = bench_stat(b, cls_type_id((size_t)expect));

		if (s != NULL)
			s->fn++;
		wrong = true;
	}
	if (expect < 0) {
		b->negatives++;
		if (wrong)
			b->neg_fp_columns++;
	}
	return wrong;
}

/* Print a misclassified column: never its values. */
static void
column_print_miss(size_t idx, const char *name, const struct tmpl *t,
    const struct cls_result *r, size_t n)
{
	size_t	k, shown = 0;

	printf("miss: #%zu %s (%s): expected %s, predicted", idx, name,
	    t->data_type, t->expect ? t->expect : "none");
	for (k = 0; k < n; k++) {
		if (r[k].likelihood < CLS_LIKELY)
			continue;
		printf("%s %s %s", shown++ ? "," : "", cls_type_id(r[k].type),
		    cls_likelihood_name(r[k].likelihood));
	}
	printf("%s\n", shown ? "" : " none");
}

/*
 * A json or jsonb column is classified path by path: its document holds
 * a type when any path does. Adds the best result of each type found in
 * its paths to r (n so far, max in all); returns the new count.
 */
static size_t
column_paths_merge(const struct cls_column *col, struct cls_result *r,
    size_t n, size_t max)
{
	struct cls_result pr[MAX_RESULTS];
	const char *path, *full, *type;
	size_t	i, k, j, m;

	for (i = 0; i < cls_column_paths(col); i++) {
		m = cls_column_decide(cls_column_path(col, i, &path, &full, &type),
		    pr, MAX_RESULTS);
		for (k = 0; k < m; k++) {
			for (j = 0; j < n && r[j].type != pr[k].type; j++)
				;
			if (j < n) {
				if (pr[k].likelihood > r[j].likelihood)
					r[j] = pr[k];
			} else if (n < max)
				r[n++] = pr[k];
		}
	}
	return n;
}

/* Generate, classify and score column number idx, instance k of t. */
static void
bench_column(struct bench *b, const struct tmpl *t, size_t idx, size_t k)
{
	struct cls_result r[MAX_RESULTS * 8];
	struct cls_column *col;
	char	name[64];
	int	expect = -1;
	size_t	n;

	tmpl_name(t, k, name, sizeof name);
	if (t->expect != NULL && (expect = cls_type_find(t->expect)) < 0) {
		bench_stat(b, t->expect)->skipped++;
		b->skipped++;
		return;
	}
	rng_seed(b->seed, idx);
	col = cls_column_new(b->engine, name, t->data_type);
	column_fill(b, t, col);
	n = cls_column_decide(col, r, MAX_RESULTS);
	n = column_paths_merge(col, r, n, sizeof r / sizeof r[0]);
	cls_column_free(col);
	b->columns++;
	if (column_score(b, expect, r, n) && b->verbose)
		column_print_miss(idx, name, t, r, n);
}

/* a / b, or 0 when b is 0. */
static double
ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

/* Order counts by type id. */
static int
tstat_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tstat *)a)->id,
	    ((const struct tstat *)b)->id);
}

/* Print the per-type lines, the hard negatives and the micro-F1. */
static void
bench_report(struct bench *b)
{
	unsigned int tp = 0, fp = 0, fn = 0;
	int	width = 0;
	size_t	i;

	qsort(b->stats, b->nstats, sizeof b->stats[0], tstat_cmp);
	for (i = 0; i < b->nstats; i++)
		if ((int)strlen(b->stats[i].id) > width)
			width = (int)strlen(b->stats[i].id);
	printf("seed %llu: %u columns, %u values, %u columns skipped\n",
	    (unsigned long long)b->seed, b->columns, b->values, b->skipped);
	for (i = 0; i < b->nstats; i++) {
		const struct tstat *s = &b->stats[i];
		double	p = ratio(s->tp, s->tp + s->fp),
			rc = ratio(s->tp, s->tp + s->fn);

		if (!s->present) {
			printf("%-*s  skipped: type absent (%u columns)\n",
			    width, s->id, s->skipped);
			continue;
		}
		printf("%-*s  tp=%u fp=%u fn=%u  precision=%.3f recall=%.3f "
		    "f1=%.3f\n", width, s->id, s->tp, s->fp, s->fn, p, rc,
		    ratio(2 * p * rc, p + rc));
		tp += s->tp;
		fp += s->fp;
		fn += s->fn;
	}
	printf("hard negatives: %u columns, %u false positives "
	    "(in %u columns)\n", b->negatives, b->neg_fp, b->neg_fp_columns);
	printf("overall: micro-F1=%.3f\n", ratio(2.0 * tp, 2.0 * tp + fp + fn));
}

/* Parse the command line into b; returns -1 on bad usage. */
static int
bench_options(struct bench *b, int argc, char **argv)
{
	char	*end;
	int	c;

	while ((c = getopt(argc, argv, "s:v")) != -1) {
		switch (c) {
		case 's':
			b->seed = strtoull(optarg, &end, 0);
			if (*optarg == '\0' || *end != '\0')
				return -1;
			break;
		case 'v':
			b->verbose = true;
			break;
		default:
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

/*
 * Build the corpus column by column, classify and score each, print the
 * report. Returns 0 when it ran, 1 on bad usage or if the engine could not
 * be built.
 */
int
main(int argc, char **argv)
{
	static struct bench b;
	struct sift_err err = { 0 };
	size_t	i, k;

	b.seed = DEFAULT_SEED;
	if (bench_options(&b, argc, argv) < 0) {
		fprintf(stderr, "usage: bench-accuracy [-v] [-s SEED]\n");
		return 1;
	}
	for (i = 0; i < cls_type_count(); i++)
		bench_stat(&b, cls_type_id(i))->present = true;
	b.engine = cls_engine_new(&err);
	if (b.engine == NULL) {
		fprintf(stderr, "bench-accuracy: %s\n", err.msg);
		return 1;
	}
	b.m = cls_matcher_new(b.engine);
	for (i = 0; i < NELEM(corpus); i++)
		for (k = 0; k < REPS; k++)
			bench_column(&b, &corpus[i], i * REPS + k, k);
	bench_report(&b);
	cls_matcher_free(b.m);
	cls_engine_free(b.engine);
	return 0;
}
