/*
 * classifiers/valid-token.c: API keys, access tokens and private keys.
 *
 * Provider formats that identify themselves:
 *   - AWS access key IDs: AKIA (long-term) or ASIA (temporary) and the
 *     other IAM unique-ID prefixes, then 16 base32 characters;
 *   - GitHub tokens: ghp_/gho_/ghu_/ghs_/ghr_, 30 base62 characters and
 *     a 6-character base62 CRC32 of those 30 (see gh_checksum()), and
 *     fine-grained github_pat_ tokens;
 *   - Slack tokens (xoxb-, xoxp-, xoxa-, xoxo-, xoxr-, xoxs-);
 *   - Stripe secret and restricted keys (sk_live_, rk_test_, ...);
 *   - Google API keys (AIza and 35 more characters);
 *   - JSON Web Tokens, whose first part decodes to a JSON header with an
 *     "alg";
 *   - PEM private keys ("-----BEGIN ... PRIVATE KEY-----");
 *   - Azure storage account keys in connection strings, and shared
 *     access signatures (sv= and sig= in a query string).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "classifiers/classifiers-int.h"

/* Does s[0..len) start with p? */
static bool
tok_prefix(const char *s, size_t len, const char *p)
{
	size_t	n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

/* Is every byte of s[0..n) in the set of characters allowed? */
static bool
tok_all(const char *s, size_t n, const char *extra)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		char	c = s[i];

		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z'))
			continue;
		if (c == '\0' || extra == NULL || strchr(extra, c) == NULL)
			return false;
	}
	return true;
}

/* CRC-32 (IEEE 802.3, reflected, as zlib computes it). */
static uint32_t
tok_crc32(const char *s, size_t n)
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

/* The value of a base62 digit in alphabet, or -1. */
static int
tok_b62(const char *alphabet, char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

/*
 * A GitHub token's checksum: the last 6 characters are the CRC32 of the
 * 30 before them, in base62 with leading zeros. The digit order
 * 0-9A-Za-z is the one published examples use; 0-9a-zA-Z is accepted
 * too, since both orders are in use among base62 libraries.
 */
static bool
gh_checksum(const char *entropy, const char *check)
{
	static const char *const alphabets[] = {
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
		"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
	};
	uint32_t crc = tok_crc32(entropy, 30);
	size_t	a, i;

	for (a = 0; a < 2; a++) {
		uint64_t v = 0;

		for (i = 0; i < 6; i++) {
			int	d = tok_b62(alphabets[a], check[i]);

			if (d < 0)
				break;
			v = v * 62 + (uint64_t)d;
		}
		if (i == 6 && v == crc)
			return true;
	}
	return false;
}

/* GitHub classic (with checksum) and fine-grained tokens. */
static bool
tok_github(const char *s, size_t len)
{
	if (len == 40 && s[0] == 'g' && s[1] == 'h' &&
	    strchr("pousr", s[2]) != NULL && s[2] != '\0' && s[3] == '_')
		return tok_all(s + 4, 36, NULL) && gh_checksum(s + 4, s + 34);
	if (len == 93 && tok_prefix(s, len, "github_pat_") && s[33] == '_')
		return tok_all(s + 11, 22, NULL) && tok_all(s + 34, 59, NULL);
	return false;
}

/* AWS access key ID: a unique-ID prefix and 16 base32 characters. */
static bool
tok_aws(const char *s, size_t len)
{
	static const char *const prefixes[] = { "AKIA", "ASIA", "AGPA",
		"AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA" };
	size_t	i;

	if (len != 20)
		return false;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		if (memcmp(s, prefixes[i], 4) == 0)
			break;
	}
	if (i == sizeof prefixes / sizeof prefixes[0])
		return false;
	for (i = 4; i < 20; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '2' && s[i] <= '7')))
			return false;
	}
	return true;
}

/* Slack, Stripe and Google keys: a prefix and a body of some length. */
static bool
tok_prefixed(const char *s, size_t len)
{
	static const struct {
		const char *prefix;
		size_t	min, max;
		const char *extra;
	} kinds[] = {
		{ "xoxb-", 20, 250, "-" }, { "xoxp-", 20, 250, "-" },
		{ "xoxa-", 20, 250, "-" }, { "xoxo-", 20, 250, "-" },
		{ "xoxr-", 20, 250, "-" }, { "xoxs-", 20, 250, "-" },
		{ "sk_live_", 24, 247, NULL }, { "sk_test_", 24, 247, NULL },
		{ "rk_live_", 24, 247, NULL }, { "rk_test_", 24, 247, NULL },
		{ "AIza", 35, 35, "-_" },
	};
	size_t	i, p;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (!tok_prefix(s, len, kinds[i].prefix))
			continue;
		p = strlen(kinds[i].prefix);
		return len - p >= kinds[i].min && len - p <= kinds[i].max &&
		    tok_all(s + p, len - p, kinds[i].extra);
	}
	return false;
}

/* The value of a base64url character, or -1. */
static int
tok_b64url(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '-' ? 62 : c == '_' ? 63 : -1;
}

/*
 * A JWT: three base64url parts; the first decodes to a JSON object
 * naming its "alg".
 */
static bool
tok_jwt(const char *s, size_t len)
{
	const char *dot1, *dot2;
	char	hdr[256];
	size_t	i, n = 0, bits = 0;
	uint32_t acc = 0;

	dot1 = memchr(s, '.', len);
	if (dot1 == NULL || dot1 - s < 10 || dot1 - s > 340)
		return false;
	dot2 = memchr(dot1 + 1, '.', len - (size_t)(dot1 - s) - 1);
	if (dot2 == NULL || dot2 - dot1 < 10 ||
	    !tok_all(dot1 + 1, (size_t)(dot2 - dot1 - 1), "-_") ||
	    !tok_all(dot2 + 1, len - (size_t)(dot2 - s) - 1, "-_"))
		return false;
	for (i = 0; i < (size_t)(dot1 - s); i++) {
		int	v = tok_b64url(s[i]);

		if (v < 0)
			return false;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			hdr[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	hdr[n] = '\0';
	return n > 8 && hdr[0] == '{' && strstr(hdr, "\"alg\"") != NULL;
}

/* The first place needle occurs in s[0..len), or NULL. */
static const char *
tok_find(const char *s, size_t len, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = 0; n <= len && i <= len - n; i++) {
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	}
	return NULL;
}

/* A PEM private key: its header, base64 lines, and a matching footer. */
static bool
tok_pem(const char *s, size_t len)
{
	static const char *const kinds[] = { "", "RSA ", "EC ", "DSA ",
		"OPENSSH ", "ENCRYPTED ", "PGP " };
	char	begin[64], end[64];
	size_t	i, blen, elen;
	const char *body;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		blen = (size_t)snprintf(begin, sizeof begin,
		    "-----BEGIN %sPRIVATE KEY-----", kinds[i]);
		if (tok_prefix(s, len, begin))
			break;
	}
	if (i == sizeof kinds / sizeof kinds[0])
		return false;
	elen = (size_t)snprintf(end, sizeof end, "-----END %sPRIVATE KEY-----",
	    kinds[i]);
	body = s + blen;
	/* A value cut by the scanner's length limit may lack the footer. */
	if (len >= blen + elen && memcmp(s + len - elen, end, elen) == 0)
		len -= elen;
	if (len - blen < 32)
		return false;
	/* Any other "-----" line is a wrong or second footer. */
	if (tok_find(body, len - blen, "-----") != NULL)
		return false;
	return tok_all(body, len - blen, "+/=\r\n:- ,");
}

/* Azure: AccountKey=<86 base64>== in a connection string, or a SAS. */
static bool
tok_azure(const char *s, size_t len)
{
	const char *p;
	size_t	rest, i;

	p = tok_find(s, len, "AccountKey=");
	if (p != NULL) {
		p += 11;
		rest = len - (size_t)(p - s);
		return rest >= 88 && tok_all(p, 86, "+/") && p[86] == '=' &&
		    p[87] == '=' && (rest == 88 || p[88] == ';');
	}
	/* A shared access signature: sv= and sig= parameters. */
	if ((tok_find(s, len, "?sv=") != NULL || tok_prefix(s, len, "sv=") ||
	    tok_find(s, len, "&sv=") != NULL) &&
	    (p = tok_find(s, len, "sig=")) != NULL &&
	    (p == s || p[-1] == '&' || p[-1] == '?')) {
		rest = len - (size_t)(p - s) - 4;
		for (i = 0; i < rest && p[4 + i] != '&'; i++)
			;
		return i >= 20;
	}
	return false;
}

/* A secret in one of the provider formats above. */
bool
cls_valid_token(const char *s, size_t len)
{
	if (len < 20)
		return false;
	switch (s[0]) {
	case 'g':
		return tok_github(s, len);
	case 'A':
		return tok_aws(s, len) || tok_prefixed(s, len) ||
		    tok_azure(s, len);
	case 'x':
	case 's':
	case 'r':
		return tok_prefixed(s, len) || tok_azure(s, len);
	case 'e':
		return tok_jwt(s, len);
	case '-':
		return tok_pem(s, len);
	default:
		return tok_azure(s, len);
	}
}
