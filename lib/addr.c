/*
 * addr.c: IPv4 and IPv6 addresses in binary and canonical text.
 *
 * mnw-parse parses and formats two addresses per log line, millions of
 * lines a second, so the parsers are single passes over length-delimited
 * text with no allocation.  inet_pton(3) would need a NUL-terminated
 * copy of each field and has no lenient mode for the zero-padded
 * dotted quads that some firewalls print.
 * Strictness matters more than convenience here: an address that is
 * not written the way the firewall writes it is a sign of a misparsed
 * line, and the line is rejected rather than guessed at.
 *
 * Canonical text is RFC 5952, so two records that name the same host
 * compare equal as strings and sort, cut and join work on them.
 */
#include <string.h>

#include "mnw.h"

/* Maximum length of valid text: six 4-digit groups and an IPv4 tail. */
#define ADDR_TEXT_MAX 45

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;		/* ASCII lower case; digits were handled above */
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Parse exactly len bytes as a dotted quad.  Each part has 1 to 3
 * decimal digits and is at most 255.  A leading zero is allowed only in
 * a lone "0" unless lenient is set, when "010" means ten (never octal).
 */
static int
parse4(uint8_t out[4], const char *s, size_t len, int lenient)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		size_t start;
		unsigned v = 0;

		if (part > 0) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
		start = i;
		while (i < len && i - start < 3 && s[i] >= '0' && s[i] <= '9')
			v = v * 10 + (unsigned)(s[i++] - '0');
		if (i == start)
			return -1;
		if (i < len && s[i] >= '0' && s[i] <= '9')
			return -1;	/* four or more digits */
		if (!lenient && i - start > 1 && s[start] == '0')
			return -1;
		if (v > 255)
			return -1;
		out[part] = (uint8_t)v;
	}
	return i == len ? 0 : -1;
}

/*
 * Parse exactly len bytes as an IPv6 address (RFC 4291 section 2.2).
 * It has up to eight groups of 1 to 4 hex digits and at most one "::",
 * which replaces one or more zero groups.  A dotted quad may take the
 * place of the last two groups.
 */
static int
parse6(uint8_t out[16], const char *s, size_t len)
{
	uint16_t group[8];
	int ngroups = 0, gap = -1;
	size_t i = 0;

	if (len < 2)
		return -1;
	if (s[0] == ':') {
		if (s[1] != ':')
			return -1;
		gap = 0;
		i = 2;
		if (i == len)
			goto expand;
	}
	for (;;) {
		size_t start = i;
		unsigned v = 0;
		int d;

		/* One digit more than allowed, to tell "12345" from "1234". */
		while (i < len && i - start < 5) {
			if ((d = hexval((unsigned char)s[i])) < 0)
				break;
			v = v * 16 + (unsigned)d;
			i++;
		}
		if (i < len && s[i] == '.') {
			uint8_t v4[4];

			/* The tail takes two groups and ends the address. */
			if (ngroups > 6 || parse4(v4, s + start, len - start, 0) == -1)
				return -1;
			group[ngroups++] = (uint16_t)(v4[0] << 8 | v4[1]);
			group[ngroups++] = (uint16_t)(v4[2] << 8 | v4[3]);
			break;
		}
		if (i == start || i - start > 4 || ngroups == 8)
			return -1;
		group[ngroups++] = (uint16_t)v;
		if (i == len)
			break;
		if (s[i] != ':')
			return -1;
		i++;
		if (i == len)
			return -1;	/* a single trailing colon */
		if (s[i] == ':') {
			if (gap >= 0)
				return -1;
			gap = ngroups;
			i++;
			if (i == len)
				break;
		}
	}

expand:
	if (gap >= 0) {
		int nzero = 8 - ngroups;

		if (nzero < 1)
			return -1;	/* "::" must stand for a group */
		memmove(group + gap + nzero, group + gap,
		    (size_t)(ngroups - gap) * sizeof(group[0]));
		for (int k = 0; k < nzero; k++)
			group[gap + k] = 0;
	} else if (ngroups != 8)
		return -1;
	for (int k = 0; k < 8; k++) {
		out[2 * k] = (uint8_t)(group[k] >> 8);
		out[2 * k + 1] = (uint8_t)group[k];
	}
	return 0;
}

static int
addr_parse(struct mnw_addr *a, const char *s, size_t len, int lenient)
{
	struct mnw_addr r;
	int rc;

	memset(&r, 0, sizeof(r));
	if (len == 0 || len > ADDR_TEXT_MAX)
		rc = -1;
	else if (memchr(s, ':', len) != NULL) {
		r.family = 6;
		rc = parse6(r.bytes, s, len);
	} else {
		r.family = 4;
		rc = parse4(r.bytes, s, len, lenient);
	}
	if (rc == -1)
		memset(&r, 0, sizeof(r));
	*a = r;
	return rc;
}

/* On failure *a is cleared (family 0), never left half written. */
int
mnw_addr_parse(struct mnw_addr *a, const char *s, size_t len)
{
	return addr_parse(a, s, len, 0);
}

int
mnw_addr_parse_lenient(struct mnw_addr *a, const char *s, size_t len)
{
	return addr_parse(a, s, len, 1);
}

static char *
format4(const uint8_t b[4], char *p)
{
	for (int k = 0; k < 4; k++) {
		unsigned v = b[k];

		if (k > 0)
			*p++ = '.';
		if (v >= 100) {
			*p++ = (char)('0' + v / 100);
			v %= 100;
			*p++ = (char)('0' + v / 10);
		} else if (v >= 10)
			*p++ = (char)('0' + v / 10);
		*p++ = (char)('0' + v % 10);
	}
	return p;
}

static char *
formathex(unsigned v, char *p)
{
	static const char digits[] = "0123456789abcdef";
	int shift = 12;

	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*p++ = digits[(v >> shift) & 0xf];
	return p;
}

static const uint8_t mapped_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/*
 * Write RFC 5952 text: lower-case hex without leading zeros, the
 * longest run of two or more zero groups (the first one on a tie)
 * written as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d.  Other
 * forms with an embedded IPv4 address (NAT64 64:ff9b::/96, the
 * deprecated IPv4-compatible ::a.b.c.d) stay in hex, as RFC 5952
 * section 5 leaves them.  A family 0 address is written "-", the
 * record notation for an absent value.
 */
char *
mnw_addr_format(const struct mnw_addr *a, char *buf)
{
	char *p = buf;
	unsigned group[8];
	int best = -1, bestlen = 1, run = 0;

	if (a->family == 4) {
		*format4(a->bytes, p) = '\0';
		return buf;
	}
	if (a->family != 6) {
		strcpy(buf, "-");
		return buf;
	}
	if (memcmp(a->bytes, mapped_prefix, sizeof(mapped_prefix)) == 0) {
		memcpy(p, "::ffff:", 7);
		*format4(a->bytes + 12, p + 7) = '\0';
		return buf;
	}

	for (int k = 0; k < 8; k++) {
		group[k] = (unsigned)a->bytes[2 * k] << 8 | a->bytes[2 * k + 1];
		run = group[k] == 0 ? run + 1 : 0;
		if (run > bestlen) {
			bestlen = run;
			best = k - run + 1;
		}
	}

	for (int k = 0; k < 8; k++) {
		if (k == best) {
			*p++ = ':';
			*p++ = ':';
			k += bestlen - 1;
			continue;
		}
		if (k > 0 && k != best + bestlen)
			*p++ = ':';
		p = formathex(group[k], p);
	}
	*p = '\0';
	return buf;
}

/* Order: family first (IPv4 before IPv6), then the bytes as unsigned. */
int
mnw_addr_cmp(const struct mnw_addr *a, const struct mnw_addr *b)
{
	int c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->bytes, b->bytes, sizeof(a->bytes));
	return c < 0 ? -1 : c > 0;
}

int
mnw_addr_equal(const struct mnw_addr *a, const struct mnw_addr *b)
{
	return a->family == b->family &&
	    memcmp(a->bytes, b->bytes, sizeof(a->bytes)) == 0;
}

static unsigned
family_bits(uint8_t family)
{
	if (family == 4)
		return 32;
	if (family == 6)
		return 128;
	return 0;
}

/* Bits beyond the family's width (33 for IPv4) leave a unchanged. */
void
mnw_addr_mask(struct mnw_addr *a, unsigned bits)
{
	unsigned width = family_bits(a->family);
	size_t full;

	if (bits >= width)
		return;
	full = bits / 8;
	if (bits % 8 != 0) {
		a->bytes[full] &= (uint8_t)(0xff00u >> (bits % 8));
		full++;
	}
	memset(a->bytes + full, 0, sizeof(a->bytes) - full);
}

/* 1 if the first bits of a and net agree. */
static int
prefix_match(const uint8_t *a, const uint8_t *net, unsigned bits)
{
	size_t full = bits / 8;
	unsigned rest = bits % 8;

	if (memcmp(a, net, full) != 0)
		return 0;
	if (rest != 0) {
		uint8_t m = (uint8_t)(0xff00u >> rest);

		if ((a[full] & m) != (net[full] & m))
			return 0;
	}
	return 1;
}

/* A prefix length beyond the family's width matches nothing. */
int
mnw_addr_in_prefix(const struct mnw_addr *a, const struct mnw_addr *net,
    unsigned bits)
{
	if (a->family != net->family || a->family == 0 ||
	    bits > family_bits(a->family))
		return 0;
	return prefix_match(a->bytes, net->bytes, bits);
}

/*
 * The prefix length is plain decimal without sign or leading zeros
 * ("/08" is rejected like the octet "08"), at most 32 or 128.
 */
int
mnw_prefix_parse(struct mnw_addr *net, unsigned *bits, const char *s,
    size_t len)
{
	const char *slash = memchr(s, '/', len);
	struct mnw_addr masked;
	size_t alen = slash != NULL ? (size_t)(slash - s) : len;
	unsigned v = 0;

	if (mnw_addr_parse(net, s, alen) == -1)
		return -1;
	if (slash == NULL) {
		*bits = family_bits(net->family);
		return 0;
	}
	s = slash + 1;
	len -= alen + 1;
	if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
		goto fail;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto fail;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > family_bits(net->family))
		goto fail;
	masked = *net;
	mnw_addr_mask(&masked, v);
	if (!mnw_addr_equal(&masked, net))
		goto fail;	/* host bits set, e.g. 10.1.2.3/8 */
	*bits = v;
	return 0;

fail:
	memset(net, 0, sizeof(*net));
	return -1;
}

static uint64_t
mix64(uint64_t x)
{
	/* The splitmix64 finaliser: every input bit affects every output bit. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t
load_be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int k = 0; k < 8; k++)
		v = v << 8 | p[k];
	return v;
}

/*
 * The bytes are read big-endian, so the hash is the same on every
 * machine: collectors may shard event streams by it.
 */
uint64_t
mnw_addr_hash(const struct mnw_addr *a)
{
	uint64_t h;

	/* The family scaled by the golden ratio seeds the first word, so
	 * 0.0.0.0 and :: (same bytes) hash apart. */
	h = mix64(load_be64(a->bytes) ^ a->family * 0x9e3779b97f4a7c15ULL);
	h = mix64(h ^ load_be64(a->bytes + 8));
	return h;
}

struct class_range {
	uint8_t net[16];
	unsigned bits;
	enum mnw_addr_class cls;
};

/*
 * IPv4 special-purpose blocks, from the IANA IPv4 Special-Purpose
 * Address Registry (RFC 6890 and its updates).  Entries the registry
 * marks "globally reachable" inside a larger block come before that
 * block, because the first match wins.
 */
static const struct class_range class4[] = {
	{ { 0 }, 8, MNW_ADDR_UNSPECIFIED },
	{ { 10 }, 8, MNW_ADDR_PRIVATE },
	{ { 100, 64 }, 10, MNW_ADDR_SHARED },
	{ { 127 }, 8, MNW_ADDR_LOOPBACK },
	{ { 169, 254 }, 16, MNW_ADDR_LINKLOCAL },
	{ { 172, 16 }, 12, MNW_ADDR_PRIVATE },
	/* Port Control Protocol and TURN anycast (RFC 7723, RFC 8155). */
	{ { 192, 0, 0, 9 }, 32, MNW_ADDR_GLOBAL },
	{ { 192, 0, 0, 10 }, 32, MNW_ADDR_GLOBAL },
	{ { 192, 0, 0 }, 24, MNW_ADDR_RESERVED },
	{ { 192, 0, 2 }, 24, MNW_ADDR_DOCUMENTATION },
	/* Deprecated 6to4 relay anycast (RFC 7526): no host sends from it. */
	{ { 192, 88, 99 }, 24, MNW_ADDR_RESERVED },
	{ { 192, 168 }, 16, MNW_ADDR_PRIVATE },
	{ { 198, 18 }, 15, MNW_ADDR_BENCHMARK },
	{ { 198, 51, 100 }, 24, MNW_ADDR_DOCUMENTATION },
	{ { 203, 0, 113 }, 24, MNW_ADDR_DOCUMENTATION },
	{ { 224 }, 4, MNW_ADDR_MULTICAST },
	{ { 255, 255, 255, 255 }, 32, MNW_ADDR_BROADCAST },
	{ { 240 }, 4, MNW_ADDR_RESERVED },
};

/*
 * IPv6 blocks from the IANA IPv6 Special-Purpose Address Registry.
 * ::ffff:0:0/96 and 64:ff9b::/96 are not here: they are classified by
 * the IPv4 address they carry.  Space outside 2000::/3 that no entry
 * names is reserved (see mnw_addr_classify).
 */
static const struct class_range class6[] = {
	{ { 0 }, 128, MNW_ADDR_UNSPECIFIED },
	{ { [15] = 1 }, 128, MNW_ADDR_LOOPBACK },
	/* Anycast for PCP, TURN and DNS-SD SRP (RFC 7723, 8155, 9665). */
	{ { 0x20, 0x01, 0x00, 0x01, [15] = 1 }, 128, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x01, [15] = 2 }, 128, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x01, [15] = 3 }, 128, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x02, 0x00, 0x00 }, 48, MNW_ADDR_BENCHMARK },
	/* AMT (RFC 7450), AS112-v6 (RFC 7535), ORCHIDv2 (RFC 7343), drone
	 * remote ID (RFC 9374): routed and globally reachable. */
	{ { 0x20, 0x01, 0x00, 0x03 }, 32, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x04, 0x01, 0x12 }, 48, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x20 }, 28, MNW_ADDR_GLOBAL },
	{ { 0x20, 0x01, 0x00, 0x30 }, 28, MNW_ADDR_GLOBAL },
	/*
	 * Teredo (RFC 4380): the registry lists "N/A" for global
	 * reachability because delivery goes through relays, but the
	 * addresses belong to real hosts that do send traffic.
	 */
	{ { 0x20, 0x01, 0x00, 0x00 }, 32, MNW_ADDR_GLOBAL },
	/* IETF protocol assignments, including the retired ORCHID. */
	{ { 0x20, 0x01, 0x00, 0x00 }, 23, MNW_ADDR_RESERVED },
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, MNW_ADDR_DOCUMENTATION },
	{ { 0x3f, 0xff, 0x00 }, 20, MNW_ADDR_DOCUMENTATION },
	{ { 0xfc }, 7, MNW_ADDR_PRIVATE },
	{ { 0xfe, 0x80 }, 10, MNW_ADDR_LINKLOCAL },
	{ { 0xff }, 8, MNW_ADDR_MULTICAST },
};

static const uint8_t nat64_prefix[12] = {
	0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0
};

static int
class_match(const struct class_range *tab, size_t n, const uint8_t *bytes,
    enum mnw_addr_class *cls)
{
	for (size_t i = 0; i < n; i++) {
		if (prefix_match(bytes, tab[i].net, tab[i].bits)) {
			*cls = tab[i].cls;
			return 1;
		}
	}
	return 0;
}

static enum mnw_addr_class
classify4(const uint8_t *b)
{
	enum mnw_addr_class cls;

	if (class_match(class4, sizeof(class4) / sizeof(class4[0]), b, &cls))
		return cls;
	return MNW_ADDR_GLOBAL;
}

/* A family 0 address ("none") is reported as unspecified. */
enum mnw_addr_class
mnw_addr_classify(const struct mnw_addr *a)
{
	enum mnw_addr_class cls;

	if (a->family == 4)
		return classify4(a->bytes);
	if (a->family != 6)
		return MNW_ADDR_UNSPECIFIED;
	if (memcmp(a->bytes, mapped_prefix, 12) == 0 ||
	    memcmp(a->bytes, nat64_prefix, 12) == 0)
		return classify4(a->bytes + 12);
	if (class_match(class6, sizeof(class6) / sizeof(class6[0]), a->bytes,
	    &cls))
		return cls;
	if ((a->bytes[0] & 0xe0) != 0x20)
		return MNW_ADDR_RESERVED;	/* outside 2000::/3 */
	return MNW_ADDR_GLOBAL;
}

const char *
mnw_addr_class_name(enum mnw_addr_class c)
{
	switch (c) {
	case MNW_ADDR_GLOBAL:		return "global";
	case MNW_ADDR_UNSPECIFIED:	return "unspecified";
	case MNW_ADDR_LOOPBACK:		return "loopback";
	case MNW_ADDR_PRIVATE:		return "private";
	case MNW_ADDR_SHARED:		return "shared";
	case MNW_ADDR_LINKLOCAL:	return "link-local";
	case MNW_ADDR_MULTICAST:	return "multicast";
	case MNW_ADDR_BROADCAST:	return "broadcast";
	case MNW_ADDR_DOCUMENTATION:	return "documentation";
	case MNW_ADDR_BENCHMARK:	return "benchmark";
	case MNW_ADDR_RESERVED:		return "reserved";
	}
	return "unknown";
}
