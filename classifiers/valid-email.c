/*
 * classifiers/valid-email.c: e-mail addresses.
 *
 * The shape of RFC 5321 mailboxes as people store them: a dot-atom local
 * part of at most 64 bytes (UTF-8 allowed there, as RFC 6531 does), "@",
 * and a domain of at most 253 characters made of dotted labels (letters,
 * digits, inner hyphens, 63 at most each) ending in a plausible top-level
 * domain: 2 to 63 letters, or an internationalised "xn--" label, and not
 * a file name extension (icon@2x.png is an image, not an address). Quoted
 * local parts and address literals are legal but are not how personal
 * addresses are stored.
 */
#include <string.h>
#include <strings.h>

#include "classifiers/classifiers-int.h"

/*
 * Characters of a dot-atom: letters, digits, RFC 5322 atext, and the
 * bytes of UTF-8 characters, which RFC 6531 allows in the local part
 * ("josé@example.com").
 */
static bool
email_atext(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80)
		return true;
	return c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

/* A letter, digit or hyphen. */
static bool
email_ldh(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/* Is the local part a dot-atom: no leading, trailing or double dot? */
static bool
email_local_ok(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 64 || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!email_atext(s[i]))
			return false;
	}
	return true;
}

/*
 * File name extensions that are not top-level domains, so that an asset
 * name such as "icon@2x.png" or "logo@3x.webp" (the convention for
 * high-density images) is not an address. Extensions that are also
 * delegated TLDs (.zip, .mov, .md, .so, .py) are left out.
 */
static const char *const email_not_tld[] = { "png", "jpg", "jpeg", "gif",
	"svg", "webp", "bmp", "ico", "tif", "tiff", "heic", "avif", "pdf",
	"txt", "css", "js", "mjs", "htm", "html", "php", "json", "xml", "csv",
	"yml", "yaml", "exe", "dll", "doc", "docx", "xls", "xlsx", "log",
	"tmp", "bak", "sql", "gz", "tgz", "tar", "woff", "woff2", NULL };

/* Is the last label a plausible top-level domain? */
static bool
email_tld_ok(const char *s, size_t len)
{
	size_t	i;
	const char *const *x;

	if (len >= 5 && (s[0] == 'x' || s[0] == 'X') &&
	    (s[1] == 'n' || s[1] == 'N') && s[2] == '-' && s[3] == '-')
		return true;
	if (len < 2 || len > 63)
		return false;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	}
	/* Every extension listed has at most five letters. */
	for (x = email_not_tld; len <= 5 && *x != NULL; x++) {
		if (strlen(*x) == len && strncasecmp(*x, s, len) == 0)
			return false;
	}
	return true;
}

/* Is the domain at least two dotted LDH labels with a plausible TLD? */
static bool
email_domain_ok(const char *s, size_t len)
{
	size_t	i, start = 0, labels = 0;

	if (len < 4 || len > 253)
		return false;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!email_ldh(s[i]))
				return false;
			continue;
		}
		/* A label ends at i. */
		if (i == start || i - start > 63 || s[start] == '-' ||
		    s[i - 1] == '-')
			return false;
		labels++;
		if (i == len)
			return labels >= 2 && email_tld_ok(s + start, i - start);
		start = i + 1;
	}
	return false;
}

/* An e-mail address: local part, "@", domain (see the file comment). */
bool
cls_valid_email(const char *s, size_t len)
{
	const char *at;

	if (len < 6 || len > 254)
		return false;
	at = memchr(s, '@', len);
	if (at == NULL || memchr(at + 1, '@', len - (size_t)(at - s) - 1) != NULL)
		return false;
	return email_local_ok(s, (size_t)(at - s)) &&
	    email_domain_ok(at + 1, len - (size_t)(at - s) - 1);
}
