/*
 * classifiers/valid-swift.c: SWIFT/BIC codes (ISO 9362).
 *
 * Four letters for the institution, an ISO 3166-1 alpha-2 country code,
 * two letters or digits for the location, and an optional three-character
 * branch code: 8 or 11 characters in all, upper case. Eight capital
 * letters are also just a word, so the type is weak: a column needs its
 * name to say bic or swift.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* ISO 3166-1 alpha-2 codes in use, and XK (Kosovo), which SWIFT uses. */
static const char iso3166[] =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS"
    "BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE"
    "EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
    "HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC"
    "LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
    "NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW"
    "SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO"
    "TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

/* Is "ab" an ISO 3166 country code? */
static bool
swift_country(char a, char b)
{
	const char *p;

	for (p = iso3166; *p != '\0'; p += 2) {
		if (p[0] == a && p[1] == b)
			return true;
	}
	return false;
}

/* An upper-case letter or a digit. */
static bool
swift_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A BIC: bank, country, location, optional branch. */
bool
cls_valid_swift(const char *s, size_t len)
{
	size_t	i;

	if (len != 8 && len != 11)
		return false;
	for (i = 0; i < 6; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	}
	for (i = 6; i < len; i++) {
		if (!swift_alnum(s[i]))
			return false;
	}
	/* Location "0" in the second place marks a test BIC. */
	if (s[7] == '0')
		return false;
	return swift_country(s[4], s[5]);
}
