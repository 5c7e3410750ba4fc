/*
 * classifiers/types.c: the type table, one row per type id from
 * spec/types.md, and the names of likelihoods and sensitivities.
 *
 * Adding a type is a row here, a validator in valid-<what>.c and a
 * vectors file in tests/vectors/. Patterns are anchored at both ends when
 * compiled; they give the shape, the validator decides.
 */
#include <string.h>
#include <strings.h>

#include "classifiers/classifiers-int.h"

/* Prefilters: cheap facts that rule a type out before any regex runs. */
static bool
pre_email(const struct cls_value_facts *f)
{
	return f->has_at && f->has_dot && f->len >= 6;
}

/* 7 to 15 digits and no letter. */
static bool
pre_phone(const struct cls_value_facts *f)
{
	return f->digits >= 7 && f->digits <= 15 && f->alpha == 0;
}

/* 12 to 19 digits and no letter. */
static bool
pre_card(const struct cls_value_facts *f)
{
	return f->digits >= 12 && f->digits <= 19 && f->alpha == 0;
}

/* Long enough, with a country's letters and check digits. */
static bool
pre_iban(const struct cls_value_facts *f)
{
	return f->len >= 15 && f->alpha >= 2 && f->digits >= 2;
}

/* Nine digits, no letter, at most two separators. */
static bool
pre_nine(const struct cls_value_facts *f)
{
	return f->digits == 9 && f->alpha == 0 && f->len <= 11;
}

/* Ten digits and no letter. */
static bool
pre_ten(const struct cls_value_facts *f)
{
	return f->digits == 10 && f->alpha == 0 && f->len <= 12;
}

/* Two letters, six digits and a letter, with spaces. */
static bool
pre_nino(const struct cls_value_facts *f)
{
	return f->digits == 6 && f->alpha == 3 && f->len <= 13;
}

/* A hash format's marks: a "$" (or PostgreSQL's md5), and some length. */
static bool
pre_password(const struct cls_value_facts *f)
{
	return f->len >= 20 && (f->has_dollar || f->len == 35 ||
	    f->len == 32 || f->len == 40 || f->len == 64 || f->len == 128);
}

/* Long enough to be a secret. */
static bool
pre_token(const struct cls_value_facts *f)
{
	return f->len >= 20;
}

/* A date's digits: 8 in all, no letters beyond a timestamp's T and Z. */
static bool
pre_date(const struct cls_value_facts *f)
{
	return f->digits >= 8 && f->alpha <= 2 && f->len <= 40;
}

/* A short word. */
static bool
pre_gender(const struct cls_value_facts *f)
{
	return f->len <= 20 && f->digits == 0;
}

/* Letters, no digit, no "@", short. */
static bool
pre_person(const struct cls_value_facts *f)
{
	return f->len <= 80 && f->alpha >= 2 && f->digits == 0 && !f->has_at;
}

/* A house number's digits and a street's letters. */
static bool
pre_address(const struct cls_value_facts *f)
{
	return f->len <= 200 && f->digits >= 1 && f->alpha >= 3 &&
	    !f->has_at && f->spaces >= 1;
}

/* A dot or a colon, and short. */
static bool
pre_ip(const struct cls_value_facts *f)
{
	return (f->has_dot || f->has_colon) && f->len <= 49;
}

/* The length of one of the two MAC forms. */
static bool
pre_mac(const struct cls_value_facts *f)
{
	return f->len == 17 || f->len == 14;
}

/* 8 or 11 characters, mostly letters. */
static bool
pre_swift(const struct cls_value_facts *f)
{
	return (f->len == 8 || f->len == 11) && f->alpha >= 6;
}

static const char *const names_email[] = { "email", "mail", "emails",
	"emailaddress", "mailaddress", "correo", "courriel", "epost",
	"eposta", "posta elettronica", NULL };
static const char *const names_phone[] = { "phone", "phonenumber",
	"phoneno", "telephone", "tel", "telefono", "telefone", "telefon",
	"telefonnummer", "mobile", "mobil", "cell", "cellphone", "handy",
	"fax", "msisdn", "movil", "celular", "portable", "telephonenumber",
	"telemovel", "cellulare", "telefonino", "telefoonnummer", "mobiel",
	"gsm", "komorka", "puhelin", "mobilnummer", NULL };
static const char *const names_card[] = { "card", "cc", "ccnum", "ccn",
	"pan", "cardnumber", "cardno", "creditcard", "kreditkarte",
	"tarjeta", "carte", "carta", NULL };
static const char *const names_iban[] = { "iban", "ibans", NULL };
static const char *const names_ssn[] = { "ssn", "ssns",
	"social security", "socialsecurity", "socsec", NULL };
static const char *const names_itin[] = { "itin", "itins",
	"taxpayer id", "tin", NULL };
static const char *const names_aba[] = { "aba", "routing", "rtn", "micr",
	"routingnumber", "routing number", "abarouting", NULL };
static const char *const names_ein[] = { "ein", "fein", "eins",
	"employer id", "employerid", "taxid", "tax id", NULL };
static const char *const names_nino[] = { "nino", "nin", "ni number",
	"ninumber", "national insurance", "insurance number", NULL };
static const char *const names_nhs[] = { "nhs", "nhsno", "nhsnumber",
	"nhs number", NULL };
static const char *const names_sin[] = { "sin", "sins", "nas",
	"social insurance", "socialinsurance", NULL };
static const char *const names_dob[] = { "dob", "birth", "birthday",
	"birthdate", "born", "bday", "geburtsdatum", "geburtstag",
	"nacimiento", "naissance", "nascita", "urodzenia", "fødselsdato",
	"födelsedatum", "geboortedatum", NULL };
static const char *const names_gender[] = { "gender", "sex", "genders",
	"geschlecht", "sexo", "genero", "género", "genre", "sesso", "płeć",
	"plec",
	"kön", "køn", "geslacht", NULL };
static const char *const names_password[] = { "password", "passwords",
	"passwd", "pwd", "pass", "passphrase", "passwort", "contrasena",
	"contraseña", "motdepasse", "pwhash", "passhash", "hashedpassword",
	"pw", "senha", "wachtwoord", "haslo", "hasło", "salasana", NULL };
static const char *const names_token[] = { "token", "tokens", "apikey",
	"api key", "accesstoken", "access token", "authtoken", "auth token",
	"refresh token", "bearer", "jwt", "privatekey", "private key",
	"secretkey", "secret key", "secret", "clientsecret", "client secret",
	"credential", "credentials", "sas", NULL };
static const char *const not_ip[] = { "version", "ver", "release",
	"build", "semver", "firmware", NULL };
static const char *const not_password[] = { "commit", "sha", "sha1",
	"sha256", "checksum", "digest", "etag", "fingerprint", "md5sum",
	"revision", NULL };
static const char *const names_ip[] = { "ip", "ips", "ipaddr", "ipaddress",
	"ipv4", "ipv6", "inet", "remote addr", "client addr", "host addr",
	NULL };
static const char *const names_mac[] = { "mac", "macaddr", "macaddress",
	"hwaddr", "hardware address", "bssid", NULL };
static const char *const names_person[] = { "first name", "last name",
	"account holder", "accountholder", "cardholder", "card holder",
	"given name", "family name", "full name", "middle name",
	"maiden name", "contact name", "customer name", "person name",
	"legal name", "birth name", "firstname", "lastname", "givenname",
	"familyname", "fullname", "middlename", "maidenname", "fname",
	"lname", "surname", "surnames", "forename", "forenames",
	"vorname", "vornamen", "nachname", "familienname", "prenom",
	"prénom", "nom de famille", "apellido", "apellidos",
	"nombre completo", "cognome", "voornaam", "achternaam", "imie",
	"imię", "nazwisko", "sobrenome", "nome completo", "etunimi",
	"sukunimi", "fornavn", "efternavn", "etternavn", "förnamn",
	"efternamn", NULL };
static const char *const generic_person[] = { "name", "names", "nombre",
	"nom", "nome", "naam", "navn", "namn", "nimi", NULL };
static const char *const names_address[] = { "street", "streetaddress",
	"street address", "address1", "address2", "addr1", "addr2",
	"address line", "addressline", "addressline1", "addressline2",
	"home address", "postal address", "mailing address",
	"billing address", "shipping address", "delivery address",
	"residential address", "ship address", "strasse", "straße",
	"anschrift", "calle", "direccion", "dirección", "domicilio",
	"indirizzo", "endereco", "endereço", "logradouro", "ulica", "adres",
	"straat", "gatuadress", "katuosoite", NULL };
static const char *const names_swift[] = { "swift", "bic", "swiftcode",
	"biccode", NULL };

const struct cls_type_def cls_builtin_types[] = {
	{ .id = "EMAIL_ADDRESS",
	  .pattern = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\\x80-\\xff-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+",
	  .validate = cls_valid_email, .prefilter = pre_email,
	  .names = names_email, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT },
	{ .id = "PHONE_NUMBER",
	  .pattern = "(?:\\+|00)?[0-9(][0-9 ().\\/-]{5,22}[0-9]",
	  .validate = cls_valid_phone, .strong = cls_strong_phone,
	  .prefilter = pre_phone, .names = names_phone,
	  .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT | CLS_F_WEAK | CLS_F_NUMBERS | CLS_F_FALLBACK },
	{ .id = "CREDIT_CARD_NUMBER",
	  .pattern = "[0-9](?:[ -]?[0-9]){11,18}",
	  .validate = cls_valid_card, .prefilter = pre_card,
	  .names = names_card, .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT | CLS_F_NUMBERS },
	{ .id = "IBAN_CODE",
	  .pattern = "[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}",
	  .validate = cls_valid_iban, .prefilter = pre_iban,
	  .names = names_iban, .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT },
	{ .id = "SWIFT_CODE",
	  .pattern = "[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?",
	  .validate = cls_valid_swift, .prefilter = pre_swift,
	  .names = names_swift, .sensitivity = CLS_SENS_GENERAL,
	  .flags = CLS_F_WEAK },
	{ .id = "US_SOCIAL_SECURITY_NUMBER",
	  .pattern = "[0-9]{3}([- ]?)[0-9]{2}\\1[0-9]{4}",
	  .validate = cls_valid_us_ssn, .strong = cls_strong_ssn,
	  .prefilter = pre_nine, .names = names_ssn,
	  .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT | CLS_F_WEAK | CLS_F_NUMBERS, .digits = 9 },
	{ .id = "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
	  .pattern = "9[0-9]{2}([- ]?)[0-9]{2}\\1[0-9]{4}",
	  .validate = cls_valid_us_itin, .strong = cls_strong_separated,
	  .prefilter = pre_nine, .names = names_itin,
	  .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_NUMBERS, .digits = 9 },
	{ .id = "US_BANK_ROUTING_MICR",
	  .pattern = "[0-9]{9}",
	  .validate = cls_valid_us_aba, .prefilter = pre_nine,
	  .names = names_aba, .sensitivity = CLS_SENS_GENERAL,
	  .flags = CLS_F_WEAK | CLS_F_CHECKSUM | CLS_F_NUMBERS, .digits = 9 },
	{ .id = "US_EMPLOYER_IDENTIFICATION_NUMBER",
	  .pattern = "[0-9]{2}-?[0-9]{7}",
	  .validate = cls_valid_us_ein, .strong = cls_strong_separated,
	  .prefilter = pre_nine, .names = names_ein,
	  .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_NUMBERS, .digits = 9 },
	{ .id = "UK_NATIONAL_INSURANCE_NUMBER",
	  .pattern = "[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]",
	  .validate = cls_valid_uk_nino, .prefilter = pre_nino,
	  .names = names_nino, .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL },
	{ .id = "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
	  .pattern = "[0-9]{3}([- ]?)[0-9]{3}\\1[0-9]{4}",
	  .validate = cls_valid_uk_nhs, .strong = cls_strong_nhs,
	  .prefilter = pre_ten, .names = names_nhs,
	  .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_CHECKSUM | CLS_F_NUMBERS, .digits = 10 },
	{ .id = "CANADA_SOCIAL_INSURANCE_NUMBER",
	  .pattern = "[0-9]{3}([- ]?)[0-9]{3}\\1[0-9]{3}",
	  .validate = cls_valid_ca_sin, .strong = cls_strong_ca_sin,
	  .prefilter = pre_nine, .names = names_sin,
	  .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_CHECKSUM | CLS_F_NUMBERS, .digits = 9 },
	{ .id = "IP_ADDRESS",
	  .pattern = "(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/[0-9]{1,3})?",
	  .validate = cls_valid_ip, .prefilter = pre_ip, .names = names_ip,
	  .not_names = not_ip, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT | CLS_F_NET },
	{ .id = "MAC_ADDRESS",
	  .pattern = "[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}",
	  .validate = cls_valid_mac, .prefilter = pre_mac, .names = names_mac,
	  .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_IN_TEXT | CLS_F_MACADDR },
	{ .id = "PERSON_NAME",
	  .pattern = "[A-Za-z\\x80-\\xff][A-Za-z\\x80-\\xff'.-]*(?:,? +[A-Za-z\\x80-\\xff][A-Za-z\\x80-\\xff'.-]*){0,7}",
	  .validate = cls_valid_person_name,
	  .strong = cls_strong_person_name, .prefilter = pre_person,
	  .names = names_person, .generic_names = generic_person,
	  .loose = cls_loose_person_name, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_SHAPE_NAMED, .max_len = 80 },
	{ .id = "STREET_ADDRESS",
	  .pattern = "(?s)[^@]{5,200}",
	  .validate = cls_valid_street_address, .prefilter = pre_address,
	  .names = names_address, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .max_len = 200 },
	{ .id = "DATE_OF_BIRTH",
	  .pattern = "[0-9]{4}([-/])[0-9]{2}\\1[0-9]{2}(?:[ T][0-9:.+Z-]+)?|[0-9]{2}([./-])[0-9]{2}\\2[0-9]{4}|[0-9]{8}",
	  .validate = cls_valid_birth_date, .prefilter = pre_date,
	  .names = names_dob, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_NEEDS_NAME | CLS_F_DATES },
	{ .id = "GENDER",
	  .pattern = "[^0-9]{1,20}",
	  .validate = cls_valid_gender, .prefilter = pre_gender,
	  .names = names_gender, .sensitivity = CLS_SENS_CONFIDENTIAL,
	  .flags = CLS_F_WEAK | CLS_F_NEEDS_NAME },
	{ .id = "PASSWORD",
	  .pattern = "(?:\\$[0-9a-z-]{1,16}\\$\\S+|pbkdf2_sha(?:1|256|512)\\$\\S+|SCRAM-SHA-256\\$\\S+|md5[0-9a-f]{32}|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})",
	  .validate = cls_valid_password, .strong = cls_strong_password,
	  .prefilter = pre_password, .names = names_password,
	  .not_names = not_password,
	  .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_NAME_ENOUGH | CLS_F_WEAK, .max_len = 512 },
	{ .id = "AUTH_TOKEN",
	  .pattern = "(?s)(?:-----BEGIN .*|\\S{20,})",
	  .validate = cls_valid_token, .prefilter = pre_token,
	  .names = names_token, .sensitivity = CLS_SENS_HIGHLY_CONFIDENTIAL,
	  .flags = CLS_F_NAME_ENOUGH, .max_len = CLS_MAX_VALUE },
};

const size_t cls_nbuiltin = sizeof cls_builtin_types /
    sizeof cls_builtin_types[0];
const struct cls_type_def *cls_types = cls_builtin_types;
size_t	cls_ntypes = sizeof cls_builtin_types / sizeof cls_builtin_types[0];

/* How many types the table has. */
size_t
cls_type_count(void)
{
	return cls_ntypes;
}

/* How many of the types are built in: they come first. */
size_t
cls_builtin_count(void)
{
	return cls_nbuiltin;
}

/* The id of a type, or NULL past the end of the table. */
const char *
cls_type_id(size_t type)
{
	return type < cls_ntypes ? cls_types[type].id : NULL;
}

/* The default sensitivity of a type. */
enum cls_sensitivity
cls_type_sensitivity(size_t type)
{
	return type < cls_ntypes ? cls_types[type].sensitivity : CLS_SENS_PUBLIC;
}

/* The index of the type with this id, or -1. */
int
cls_type_find(const char *id)
{
	size_t	i;

	for (i = 0; i < cls_ntypes; i++) {
		if (strcmp(cls_types[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

/* Copy what the table says of one type into info. */
void
cls_type_describe(size_t type, struct cls_type_info *info)
{
	const struct cls_type_def *t = &cls_types[type];

	info->id = t->id;
	info->pattern = t->pattern;
	info->names = t->names;
	info->not_names = t->not_names;
	info->sensitivity = t->sensitivity;
	info->weak = (t->flags & CLS_F_WEAK) != 0;
	info->needs_name = (t->flags & CLS_F_NEEDS_NAME) != 0;
	info->name_enough = (t->flags & CLS_F_NAME_ENOUGH) != 0;
	info->max_len = t->max_len ? t->max_len : CLS_MAX_SHORT;
	info->source = t->source;
	info->description = t->description;
	info->name_pattern = t->name_pattern;
	info->disabled = (t->flags & CLS_F_DISABLED) != 0;
	info->min_share = t->min_share;
	info->min_distinct = t->min_distinct;
	info->dictionary = t->ndict;
}

static const char *const likelihood_names[] = { "VERY_UNLIKELY", "UNLIKELY",
	"POSSIBLE", "LIKELY", "VERY_LIKELY" };

/* The name of a likelihood, as reports print it. */
const char *
cls_likelihood_name(enum cls_likelihood l)
{
	if ((unsigned int)l > CLS_VERY_LIKELY)
		return "VERY_UNLIKELY";
	return likelihood_names[l];
}

/* The likelihood with this name (any case), or -1. */
int
cls_likelihood_parse(const char *s)
{
	int	i;

	for (i = 0; i <= CLS_VERY_LIKELY; i++) {
		if (strcasecmp(s, likelihood_names[i]) == 0)
			return i;
	}
	return -1;
}

/* The name of a sensitivity label, as reports print it. */
const char *
cls_sensitivity_name(enum cls_sensitivity s)
{
	switch (s) {
	case CLS_SENS_PUBLIC:
		return "public";
	case CLS_SENS_GENERAL:
		return "general";
	case CLS_SENS_CONFIDENTIAL:
		return "confidential";
	case CLS_SENS_HIGHLY_CONFIDENTIAL:
		return "highly_confidential";
	}
	return "confidential";
}
