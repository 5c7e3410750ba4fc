/*
 * classifiers/valid-net.c: IP addresses (v4 and v6) and MAC addresses.
 *
 * IPv4: four decimal parts 0-255 without leading zeros. IPv6: eight
 * groups of one to four hex digits, one "::" standing for one or more
 * zero groups, optionally ending in an IPv4 address (RFC 4291 2.2).
 * Either may carry a "/prefix" as PostgreSQL's inet prints it. MAC:
 * EUI-48 as six hex pairs joined by ":" or "-", or Cisco's three dotted
 * quads; the all-zero and broadcast addresses are not devices.
 */
#include <string.h>

#include "classifiers/classifiers-int.h"

/* The value of hex digit c, or -1. */
static int
net_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Is s[0..len) a dotted-quad IPv4 address? */
static bool
net_ipv4(const char *s, size_t len)
{
	size_t	i = 0;
	int	part;

	for (part = 0; part < 4; part++) {
		size_t	start = i;
		unsigned int v = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3)
			v = v * 10 + (unsigned int)(s[i++] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return false;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return false;
			i++;
		}
	}
	return i == len;
}

/* Is s[0..len) an IPv6 address? */
static bool
net_ipv6(const char *s, size_t len)
{
	size_t	i = 0, groups = 0;
	bool	gap = false;

	if (len < 2)
		return false;
	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		gap = true;
		i = 2;
		if (i == len)
			return true;	/* "::" */
	}
	while (i < len) {
		size_t	start = i;
		const char *dot;

		while (i < len && net_hex(s[i]) >= 0 && i - start < 4)
			i++;
		if (i < len && s[i] == '.') {
			/* An embedded IPv4 address ends the value. */
			dot = s + start;
			if (!net_ipv4(dot, len - start))
				return false;
			groups += 2;
			break;
		}
		if (i == start)
			return false;
		groups++;
		if (i == len)
			break;
		if (s[i] != ':')
			return false;
		i++;
		if (i < len && s[i] == ':') {
			if (gap)
				return false;
			gap = true;
			i++;
			if (i == len)
				break;
		} else if (i == len)
			return false;	/* trailing single ":" */
	}
	return gap ? groups < 8 : groups == 8;
}

/* Split off a "/prefix" of at most max; returns the address length or 0. */
static size_t
net_prefix(const char *s, size_t len, unsigned int max)
{
	const char *slash;
	unsigned int v = 0;
	size_t	i;

	slash = memchr(s, '/', len);
	if (slash == NULL)
		return len;
	i = (size_t)(slash - s) + 1;
	if (i == len || len - i > 3)
		return 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	return v <= max ? (size_t)(slash - s) : 0;
}

/* An IPv4 or IPv6 address, with an optional /prefix. */
bool
cls_valid_ip(const char *s, size_t len)
{
	size_t	n;

	if (len < 2 || len > 49)
		return false;
	if (memchr(s, ':', len) != NULL) {
		n = net_prefix(s, len, 128);
		return n > 0 && net_ipv6(s, n);
	}
	n = net_prefix(s, len, 32);
	return n > 0 && net_ipv4(s, n);
}

/* An EUI-48 MAC address, written in one of its forms, not zero or broadcast. */
bool
cls_valid_mac(const char *s, size_t len)
{
	unsigned int or_all = 0, and_all = 0xff;
	size_t	i, pos[6];
	char	sep;

	if (len == 17) {
		sep = s[2];
		if (sep != ':' && sep != '-')
			return false;
		for (i = 0; i < 6; i++) {
			pos[i] = i * 3;
			if (i < 5 && s[pos[i] + 2] != sep)
				return false;
		}
	} else if (len == 14) {
		/* xxxx.xxxx.xxxx: bytes at 0, 2, 5, 7, 10, 12 */
		static const size_t cisco[6] = { 0, 2, 5, 7, 10, 12 };

		if (s[4] != '.' || s[9] != '.')
			return false;
		memcpy(pos, cisco, sizeof pos);
	} else
		return false;
	for (i = 0; i < 6; i++) {
		int	hi = net_hex(s[pos[i]]), lo = net_hex(s[pos[i] + 1]);

		if (hi < 0 || lo < 0)
			return false;
		or_all |= (unsigned int)(hi << 4 | lo);
		and_all &= (unsigned int)(hi << 4 | lo);
	}
	return or_all != 0 && and_all != 0xff;
}
