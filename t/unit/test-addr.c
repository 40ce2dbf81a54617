/* Unit tests for IPv4 and IPv6 addresses (lib/addr.c). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mnw.h"
#include "unit.h"

/*
 * Check's ck_assert records a mark point through a pipe on every call,
 * which makes loops of many thousand cases slow.  Loops use this.
 */
#define REQUIRE(cond, ...) do {				\
	if (!(cond))					\
		ck_abort_msg(__VA_ARGS__);		\
} while (0)

/*
 * Copy s into a buffer of exactly its length (no NUL), so that
 * AddressSanitizer catches a parser that reads one byte too far.
 */
static char *
exact_copy(const char *s, size_t len)
{
	char *p = malloc(len > 0 ? len : 1);

	REQUIRE(p != NULL, "out of memory");
	memcpy(p, s, len);
	return p;
}

static int
parse_exact(struct mnw_addr *a, const char *s, int lenient)
{
	size_t len = strlen(s);
	char *p = exact_copy(s, len);
	int rc = lenient ? mnw_addr_parse_lenient(a, p, len) :
	    mnw_addr_parse(a, p, len);

	free(p);
	return rc;
}

/* Valid text and its canonical form. */
static const struct {
	const char *in;
	const char *canon;
} valid[] = {
	{ "0.0.0.0", "0.0.0.0" },
	{ "1.2.3.4", "1.2.3.4" },
	{ "10.0.0.1", "10.0.0.1" },
	{ "99.100.109.110", "99.100.109.110" },
	{ "255.255.255.255", "255.255.255.255" },
	{ "::", "::" },
	{ "::1", "::1" },
	{ "1::", "1::" },
	{ "0:0:0:0:0:0:0:0", "::" },
	{ "0:0:0:0:0:0:0:1", "::1" },
	{ "1:0:0:0:0:0:0:0", "1::" },
	/* RFC 5952 section 4 examples. */
	{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
	{ "2001:db8::0:1", "2001:db8::1" },
	{ "2001:db8:0:0:0:0:2:1", "2001:db8::2:1" },
	{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
	{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
	{ "2001:db8::aaaa:0:0:1", "2001:db8::aaaa:0:0:1" },
	{ "2001:DB8::ABCD:EF", "2001:db8::abcd:ef" },
	{ "2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::" },
	{ "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
	{ "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
	{ "::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8" },
	{ "1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0" },
	{ "fe80::1", "fe80::1" },
	{ "FE80:0000::0001", "fe80::1" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	/* Embedded IPv4: only IPv4-mapped is written dotted. */
	{ "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
	{ "::FFFF:0102:0304", "::ffff:1.2.3.4" },
	{ "::ffff:0:0", "::ffff:0.0.0.0" },
	{ "0:0:0:0:0:ffff:192.0.2.1", "::ffff:192.0.2.1" },
	{ "::1.2.3.4", "::102:304" },
	{ "64:ff9b::192.0.2.33", "64:ff9b::c000:221" },
	{ "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304" },
	{ "1::1.2.3.4", "1::102:304" },
	{ "0000:0000:0000:0000:0000:0000:255.255.255.255", "::ffff:ffff" },
};

START_TEST(parse_format_valid)
{
	struct mnw_addr a;
	char buf[MNW_ADDR_STRLEN];

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		ck_assert_msg(parse_exact(&a, valid[i].in, 0) == 0,
		    "'%s' rejected", valid[i].in);
		mnw_addr_format(&a, buf);
		ck_assert_msg(strcmp(buf, valid[i].canon) == 0,
		    "'%s': got '%s' expected '%s'", valid[i].in, buf,
		    valid[i].canon);

		/* The canonical text parses back to the same address. */
		struct mnw_addr b;
		ck_assert_int_eq(parse_exact(&b, buf, 0), 0);
		ck_assert(mnw_addr_equal(&a, &b));
	}
}
END_TEST

static const char *const invalid[] = {
	"", " ", ".", "1", "1.2.3", "1.2.3.4.5", "300.1.2.3", "256.0.0.0",
	"1.2.3.256", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "1.2.3.", ".1.2.3",
	"1.2.3.-4", "+1.2.3.4", "1.2.3.4/24", "0x1.2.3.4", "1234.1.1.1",
	"1.2.3.4a", "a.b.c.d", "1,2,3,4", "1.2.3.4\n",
	/* leading zeros: rejected by the strict parser only */
	"01.2.3.4", "1.2.3.04", "010.001.002.003", "00.0.0.0",
	":", ":::", "::::", "1::2::3", "::1::", "1:2:3:4:5:6:7:8:9",
	"1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::8",
	"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7:8",
	"1:2:3:4:5:6:7:8:", ":1::", "1:", "1::2:", "12345::", "::12345",
	"00000::1", "g::1", "::g", "1:2:3:4:5:6:7:8 ", " ::1",
	"1.2.3.4::", "::1.2.3.4:5", "::1.2.3.4:", "1:2:3:4:5:6:7:1.2.3.4",
	"1:2:3:4:5:6:7:8:1.2.3.4", "::1.2.3", "::01.2.3.4", "::256.1.1.1",
	"::1.2.3.4.5", "::ffff:1.2.3.4/96", "1.2.3.4:80", "::1.2.3.a",
	"fe80::1%eth0", "[::1]", "::-1", "0x::1", "::ffff:1.2.3",
	"0000:0000:0000:0000:0000:0000:0000:00001",
	"0000:0000:0000:0000:0000:0000:0255.255.255.255",
};

START_TEST(parse_invalid)
{
	struct mnw_addr a;

	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		memset(&a, 0xa5, sizeof(a));
		ck_assert_msg(parse_exact(&a, invalid[i], 0) == -1,
		    "'%s' accepted", invalid[i]);
		ck_assert_uint_eq(a.family, 0);
	}
}
END_TEST

START_TEST(parse_embedded_nul)
{
	struct mnw_addr a;

	ck_assert_int_eq(mnw_addr_parse(&a, "1.2.3.4\0", 8), -1);
	ck_assert_int_eq(mnw_addr_parse(&a, "1.2\0.3.4", 8), -1);
	ck_assert_int_eq(mnw_addr_parse(&a, "::1\0", 4), -1);
}
END_TEST

START_TEST(parse_length_delimited)
{
	struct mnw_addr a;
	char buf[MNW_ADDR_STRLEN];

	/* Only len bytes count: the rest of the line is not looked at. */
	ck_assert_int_eq(mnw_addr_parse(&a, "1.2.3.4xyz", 7), 0);
	ck_assert_str_eq(mnw_addr_format(&a, buf), "1.2.3.4");
	ck_assert_int_eq(mnw_addr_parse(&a, "1.2.3.45", 7), 0);
	ck_assert_str_eq(mnw_addr_format(&a, buf), "1.2.3.4");
	ck_assert_int_eq(mnw_addr_parse(&a, "::1:2", 3), 0);
	ck_assert_str_eq(mnw_addr_format(&a, buf), "::1");
	ck_assert_int_eq(mnw_addr_parse(&a, "1.2.3.4", 6), -1);
	ck_assert_int_eq(mnw_addr_parse(&a, "1.2.3.4", 0), -1);
}
END_TEST

START_TEST(parse_truncations)
{
	struct mnw_addr a;

	/* Every prefix of a valid address, parsed from an exact buffer. */
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		size_t len = strlen(valid[i].in);

		for (size_t n = 0; n <= len; n++) {
			char *p = exact_copy(valid[i].in, n);

			(void)mnw_addr_parse(&a, p, n);
			(void)mnw_addr_parse_lenient(&a, p, n);
			free(p);
		}
	}
}
END_TEST

static const struct {
	const char *in;
	const char *canon;	/* NULL: rejected by the lenient parser */
} lenient[] = {
	{ "010.001.002.003", "10.1.2.3" },
	{ "01.2.3.4", "1.2.3.4" },
	{ "00.0.0.0", "0.0.0.0" },
	{ "000.000.000.000", "0.0.0.0" },
	{ "192.168.001.010", "192.168.1.10" },
	{ "255.255.255.255", "255.255.255.255" },
	{ "0001.2.3.4", NULL },
	{ "256.1.1.1", NULL },
	{ "1.2.3", NULL },
	{ "1.2.3.4.5", NULL },
	{ "::1", "::1" },
	{ "::ffff:01.2.3.4", NULL },	/* IPv6 tails stay strict */
};

START_TEST(parse_lenient)
{
	struct mnw_addr a;
	char buf[MNW_ADDR_STRLEN];

	for (size_t i = 0; i < sizeof(lenient) / sizeof(lenient[0]); i++) {
		int rc = parse_exact(&a, lenient[i].in, 1);

		if (lenient[i].canon == NULL) {
			ck_assert_msg(rc == -1, "'%s' accepted", lenient[i].in);
			continue;
		}
		ck_assert_msg(rc == 0, "'%s' rejected", lenient[i].in);
		ck_assert_str_eq(mnw_addr_format(&a, buf), lenient[i].canon);
	}
	/* Every strict address is also a lenient one. */
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		ck_assert_int_eq(parse_exact(&a, valid[i].in, 1), 0);
}
END_TEST

/* Compare acceptance and result with the C library's inet_pton. */
static void
compare_pton(const char *s)
{
	struct mnw_addr a;
	unsigned char ref[16];
	int fam = strchr(s, ':') != NULL ? AF_INET6 : AF_INET;
	int want = inet_pton(fam, s, ref) == 1;
	int got = parse_exact(&a, s, 0) == 0;

	REQUIRE(got == want, "'%s': mnw %s, inet_pton %s", s,
	    got ? "accepts" : "rejects", want ? "accepts" : "rejects");
	if (got)
		REQUIRE(memcmp(a.bytes, ref, fam == AF_INET ? 4 : 16) == 0,
		    "'%s': bytes differ from inet_pton", s);
}

START_TEST(parse_matches_inet_pton)
{
	static const char alphabet[] = "0123456789abcdefABCDEF:::::....";
	char s[48];

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		compare_pton(valid[i].in);
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		compare_pton(invalid[i]);

	/* Random strings over the address alphabet. */
	srandom(42);
	for (int i = 0; i < 200000; i++) {
		size_t len = 1 + (size_t)random() % 20;

		for (size_t k = 0; k < len; k++)
			s[k] = alphabet[random() % (sizeof(alphabet) - 1)];
		s[len] = '\0';
		compare_pton(s);
	}
}
END_TEST

/*
 * Write the 16 bytes of b as IPv6 text in a random one of its valid
 * spellings: groups with up to three leading zeros, random case, "::"
 * over a random run of zero groups, and sometimes a dotted IPv4 tail.
 */
static void
random_spelling(const uint8_t b[16], char *s)
{
	unsigned g[8];
	int from = -1, to = -1, tail = random() % 4 == 0;
	int ngroups = tail ? 6 : 8;
	char *p = s;

	for (int k = 0; k < 8; k++)
		g[k] = (unsigned)b[2 * k] << 8 | b[2 * k + 1];
	/* Pick a zero run to compress, if there is one. */
	for (int tries = 0; tries < 4 && from < 0; tries++) {
		int k = (int)(random() % ngroups);

		if (g[k] != 0)
			continue;
		from = to = k;
		while (to + 1 < ngroups && g[to + 1] == 0 && random() % 4 != 0)
			to++;
	}
	for (int k = 0; k < ngroups; k++) {
		if (k == from) {
			p += sprintf(p, "::");
			k = to;
			continue;
		}
		if (k > 0 && k != to + 1)
			*p++ = ':';
		p += sprintf(p, random() % 2 ? "%0*x" : "%0*X",
		    (int)(random() % 5), g[k]);
	}
	if (tail) {
		if (to != ngroups - 1)
			*p++ = ':';
		p += sprintf(p, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
	}
	*p = '\0';
}

START_TEST(parse_generated_ipv6)
{
	uint8_t b[16], ref[16];
	char s[64];
	struct mnw_addr a;

	srandom(11);
	for (int i = 0; i < 200000; i++) {
		for (int k = 0; k < 16; k += 2) {
			unsigned v = random() % 2 ? 0 : (unsigned)random();

			b[k] = (uint8_t)(v >> 8);
			b[k + 1] = (uint8_t)v;
		}
		random_spelling(b, s);
		REQUIRE(parse_exact(&a, s, 0) == 0, "'%s' rejected", s);
		REQUIRE(memcmp(a.bytes, b, 16) == 0, "'%s' misread", s);
		REQUIRE(inet_pton(AF_INET6, s, ref) == 1 &&
		    memcmp(ref, b, 16) == 0, "'%s': inet_pton disagrees", s);
	}
}
END_TEST

START_TEST(format_matches_inet_ntop)
{
	struct mnw_addr a;
	char buf[MNW_ADDR_STRLEN], ref[INET6_ADDRSTRLEN];

	srandom(7);
	a.family = 6;
	for (int i = 0; i < 200000; i++) {
		/* Half the groups zero, to get many runs and ties. */
		for (int k = 0; k < 8; k++) {
			unsigned v = random() % 2 ? 0 : (unsigned)random() %
			    (random() % 2 ? 16 : 65536);

			a.bytes[2 * k] = (uint8_t)(v >> 8);
			a.bytes[2 * k + 1] = (uint8_t)v;
		}
		/* glibc writes ::a.b.c.d for IPv4-compatible addresses,
		 * which RFC 5952 does not ask for. */
		static const uint8_t zero[12];
		if (memcmp(a.bytes, zero, 12) == 0)
			continue;
		REQUIRE(inet_ntop(AF_INET6, a.bytes, ref, sizeof(ref)) != NULL,
		    "inet_ntop failed");
		mnw_addr_format(&a, buf);
		REQUIRE(strcmp(buf, ref) == 0, "got '%s', inet_ntop '%s'",
		    buf, ref);
		REQUIRE(strlen(buf) < MNW_ADDR_STRLEN, "'%s' too long", buf);
	}
}
END_TEST

START_TEST(format_longest)
{
	struct mnw_addr a;
	char buf[MNW_ADDR_STRLEN];
	const char *s = "0000:0000:0000:0000:0000:ffff:255.255.255.255";

	ck_assert_int_eq(mnw_addr_parse(&a, s, strlen(s)), 0);
	ck_assert_str_eq(mnw_addr_format(&a, buf), "::ffff:255.255.255.255");
	memset(&a, 0, sizeof(a));
	ck_assert_str_eq(mnw_addr_format(&a, buf), "-");
}
END_TEST

static struct mnw_addr
addr(const char *s)
{
	struct mnw_addr a;

	ck_assert_msg(mnw_addr_parse(&a, s, strlen(s)) == 0, "'%s'", s);
	return a;
}

START_TEST(cmp_and_equal)
{
	struct mnw_addr a = addr("1.2.3.4"), b = addr("1.2.3.5");
	struct mnw_addr c = addr("::1"), d = addr("0::0:1");
	struct mnw_addr e = addr("255.255.255.255"), f = addr("::");

	ck_assert_int_eq(mnw_addr_cmp(&a, &b), -1);
	ck_assert_int_eq(mnw_addr_cmp(&b, &a), 1);
	ck_assert_int_eq(mnw_addr_cmp(&a, &a), 0);
	ck_assert_int_eq(mnw_addr_cmp(&c, &d), 0);
	ck_assert(mnw_addr_equal(&c, &d));
	ck_assert(!mnw_addr_equal(&a, &b));
	/* IPv4 sorts before IPv6 whatever the bytes. */
	ck_assert_int_eq(mnw_addr_cmp(&e, &f), -1);
	ck_assert_int_eq(mnw_addr_cmp(&f, &e), 1);
	/* 0.0.0.0 and :: have the same bytes but are not equal. */
	struct mnw_addr g = addr("0.0.0.0");
	ck_assert(!mnw_addr_equal(&g, &f));
	/* Bytes compare unsigned. */
	struct mnw_addr h = addr("128.0.0.0"), k = addr("127.255.255.255");
	ck_assert_int_eq(mnw_addr_cmp(&h, &k), 1);
}
END_TEST

START_TEST(mask_bits)
{
	static const struct {
		const char *in;
		unsigned bits;
		const char *out;
	} t[] = {
		{ "10.1.2.3", 8, "10.0.0.0" },
		{ "172.31.255.255", 12, "172.16.0.0" },
		{ "192.168.1.255", 25, "192.168.1.128" },
		{ "1.2.3.4", 0, "0.0.0.0" },
		{ "1.2.3.4", 32, "1.2.3.4" },
		{ "1.2.3.4", 33, "1.2.3.4" },
		{ "1.2.3.4", 1000, "1.2.3.4" },
		{ "2001:db8:1:2:3:4:5:6", 64, "2001:db8:1:2::" },
		{ "2001:db8:1:2:3:4:5:6", 48, "2001:db8:1::" },
		{ "2001:db8:ffff::", 33, "2001:db8:8000::" },
		{ "2001:db8::1", 127, "2001:db8::" },
		{ "2001:db8::1", 128, "2001:db8::1" },
		{ "2001:db8::1", 0, "::" },
	};
	char buf[MNW_ADDR_STRLEN];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct mnw_addr a = addr(t[i].in);

		mnw_addr_mask(&a, t[i].bits);
		ck_assert_msg(strcmp(mnw_addr_format(&a, buf), t[i].out) == 0,
		    "%s/%u: got %s expected %s", t[i].in, t[i].bits, buf,
		    t[i].out);
	}
}
END_TEST

START_TEST(in_prefix)
{
	static const struct {
		const char *a, *net;
		unsigned bits;
		int in;
	} t[] = {
		{ "10.1.2.3", "10.0.0.0", 8, 1 },
		{ "11.0.0.0", "10.0.0.0", 8, 0 },
		{ "9.255.255.255", "10.0.0.0", 8, 0 },
		{ "172.31.0.1", "172.16.0.0", 12, 1 },
		{ "172.32.0.1", "172.16.0.0", 12, 0 },
		{ "1.2.3.4", "0.0.0.0", 0, 1 },
		{ "1.2.3.4", "1.2.3.4", 32, 1 },
		{ "1.2.3.5", "1.2.3.4", 32, 0 },
		{ "1.2.3.4", "1.2.3.4", 33, 0 },
		{ "::ffff:10.0.0.1", "10.0.0.0", 8, 0 },	/* family */
		{ "10.0.0.1", "::", 0, 0 },
		{ "2001:db8:1:2::5", "2001:db8:1:2::", 64, 1 },
		{ "2001:db8:1:3::5", "2001:db8:1:2::", 64, 0 },
		{ "2001:db8:1:3::5", "2001:db8:1:2::", 63, 1 },
		{ "2001:db8:1:4::5", "2001:db8:1:2::", 63, 0 },
		{ "fe80::1", "fe80::", 10, 1 },
		{ "febf::1", "fe80::", 10, 1 },
		{ "fec0::1", "fe80::", 10, 0 },
		{ "::1", "::1", 128, 1 },
		{ "::1", "::1", 129, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct mnw_addr a = addr(t[i].a), net = addr(t[i].net);

		ck_assert_msg(mnw_addr_in_prefix(&a, &net, t[i].bits) ==
		    t[i].in, "%s in %s/%u", t[i].a, t[i].net, t[i].bits);
	}
}
END_TEST

START_TEST(prefix_parse)
{
	static const struct {
		const char *in;
		int rc;
		const char *net;
		unsigned bits;
	} t[] = {
		{ "10.0.0.0/8", 0, "10.0.0.0", 8 },
		{ "0.0.0.0/0", 0, "0.0.0.0", 0 },
		{ "192.168.1.128/25", 0, "192.168.1.128", 25 },
		{ "1.2.3.4/32", 0, "1.2.3.4", 32 },
		{ "1.2.3.4", 0, "1.2.3.4", 32 },
		{ "2001:db8::/32", 0, "2001:db8::", 32 },
		{ "2001:db8::1/128", 0, "2001:db8::1", 128 },
		{ "::/0", 0, "::", 0 },
		{ "::1", 0, "::1", 128 },
		{ "fe80::/10", 0, "fe80::", 10 },
		{ "10.1.0.0/8", -1, NULL, 0 },		/* host bits */
		{ "192.168.1.129/25", -1, NULL, 0 },
		{ "2001:db8::1/64", -1, NULL, 0 },
		{ "10.0.0.0/33", -1, NULL, 0 },
		{ "2001:db8::/129", -1, NULL, 0 },
		{ "10.0.0.0/", -1, NULL, 0 },
		{ "10.0.0.0/08", -1, NULL, 0 },
		{ "10.0.0.0/-8", -1, NULL, 0 },
		{ "10.0.0.0/+8", -1, NULL, 0 },
		{ "10.0.0.0/8/8", -1, NULL, 0 },
		{ "10.0.0.0/8 ", -1, NULL, 0 },
		{ "10.0.0.0/1000", -1, NULL, 0 },
		{ "10.0.0.0/4294967304", -1, NULL, 0 },
		{ "/8", -1, NULL, 0 },
		{ "10.0.0/8", -1, NULL, 0 },
		{ "", -1, NULL, 0 },
	};
	char buf[MNW_ADDR_STRLEN];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct mnw_addr net;
		unsigned bits = 999;
		size_t len = strlen(t[i].in);
		char *p = exact_copy(t[i].in, len);
		int rc = mnw_prefix_parse(&net, &bits, p, len);

		free(p);
		ck_assert_msg(rc == t[i].rc, "'%s': rc %d", t[i].in, rc);
		if (rc != 0)
			continue;
		ck_assert_str_eq(mnw_addr_format(&net, buf), t[i].net);
		ck_assert_uint_eq(bits, t[i].bits);
	}
}
END_TEST

START_TEST(hash_values)
{
	struct mnw_addr a = addr("192.0.2.1"), b = addr("192.0.2.1");
	struct mnw_addr v4 = addr("0.0.0.0"), v6 = addr("::"), c6;
	uint64_t seen[4096];
	int flips = 0;

	ck_assert(mnw_addr_hash(&a) == mnw_addr_hash(&b));
	ck_assert(mnw_addr_hash(&v4) != mnw_addr_hash(&v6));
	/* Pinned, because collectors may shard by it on other machines. */
	ck_assert(mnw_addr_hash(&a) == UINT64_C(0xe3ebb29969e93a01));
	c6 = addr("2001:db8::1");
	ck_assert(mnw_addr_hash(&c6) == UINT64_C(0xbe0892ff8ec43596));

	/* Sequential addresses give distinct hashes. */
	for (int i = 0; i < 4096; i++) {
		a.bytes[2] = (uint8_t)(i >> 8);
		a.bytes[3] = (uint8_t)i;
		seen[i] = mnw_addr_hash(&a);
		for (int k = 0; k < i; k++)
			REQUIRE(seen[k] != seen[i], "hash of %d equals %d", i, k);
	}

	/* Each input bit flips about half of the output bits. */
	b = addr("2001:db8::1");
	for (int bit = 0; bit < 128; bit++) {
		struct mnw_addr c = b;

		c.bytes[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		flips += __builtin_popcountll(mnw_addr_hash(&b) ^
		    mnw_addr_hash(&c));
	}
	ck_assert_int_gt(flips, 128 * 28);
	ck_assert_int_lt(flips, 128 * 36);
}
END_TEST

static const struct {
	const char *in;
	enum mnw_addr_class cls;
} classes[] = {
	{ "8.8.8.8", MNW_ADDR_GLOBAL },
	{ "1.1.1.1", MNW_ADDR_GLOBAL },
	{ "0.0.0.0", MNW_ADDR_UNSPECIFIED },
	{ "0.255.255.255", MNW_ADDR_UNSPECIFIED },
	{ "1.0.0.0", MNW_ADDR_GLOBAL },
	{ "10.0.0.0", MNW_ADDR_PRIVATE },
	{ "10.255.255.255", MNW_ADDR_PRIVATE },
	{ "11.0.0.0", MNW_ADDR_GLOBAL },
	{ "100.63.255.255", MNW_ADDR_GLOBAL },
	{ "100.64.0.0", MNW_ADDR_SHARED },
	{ "100.127.255.255", MNW_ADDR_SHARED },
	{ "100.128.0.0", MNW_ADDR_GLOBAL },
	{ "127.0.0.1", MNW_ADDR_LOOPBACK },
	{ "127.255.255.254", MNW_ADDR_LOOPBACK },
	{ "169.254.1.1", MNW_ADDR_LINKLOCAL },
	{ "169.255.0.1", MNW_ADDR_GLOBAL },
	{ "172.15.255.255", MNW_ADDR_GLOBAL },
	{ "172.16.0.1", MNW_ADDR_PRIVATE },
	{ "172.31.255.255", MNW_ADDR_PRIVATE },
	{ "172.32.0.0", MNW_ADDR_GLOBAL },
	{ "192.0.0.0", MNW_ADDR_RESERVED },
	{ "192.0.0.8", MNW_ADDR_RESERVED },
	{ "192.0.0.9", MNW_ADDR_GLOBAL },
	{ "192.0.0.10", MNW_ADDR_GLOBAL },
	{ "192.0.0.170", MNW_ADDR_RESERVED },
	{ "192.0.0.255", MNW_ADDR_RESERVED },
	{ "192.0.1.1", MNW_ADDR_GLOBAL },
	{ "192.0.2.1", MNW_ADDR_DOCUMENTATION },
	{ "192.31.196.1", MNW_ADDR_GLOBAL },
	{ "192.88.99.1", MNW_ADDR_RESERVED },
	{ "192.88.98.1", MNW_ADDR_GLOBAL },
	{ "192.167.255.255", MNW_ADDR_GLOBAL },
	{ "192.168.0.1", MNW_ADDR_PRIVATE },
	{ "192.168.255.255", MNW_ADDR_PRIVATE },
	{ "192.169.0.0", MNW_ADDR_GLOBAL },
	{ "198.17.255.255", MNW_ADDR_GLOBAL },
	{ "198.18.0.0", MNW_ADDR_BENCHMARK },
	{ "198.19.255.255", MNW_ADDR_BENCHMARK },
	{ "198.20.0.0", MNW_ADDR_GLOBAL },
	{ "198.51.100.7", MNW_ADDR_DOCUMENTATION },
	{ "203.0.113.200", MNW_ADDR_DOCUMENTATION },
	{ "203.0.114.1", MNW_ADDR_GLOBAL },
	{ "223.255.255.255", MNW_ADDR_GLOBAL },
	{ "224.0.0.1", MNW_ADDR_MULTICAST },
	{ "239.255.255.255", MNW_ADDR_MULTICAST },
	{ "240.0.0.1", MNW_ADDR_RESERVED },
	{ "255.255.255.254", MNW_ADDR_RESERVED },
	{ "255.255.255.255", MNW_ADDR_BROADCAST },
	{ "::", MNW_ADDR_UNSPECIFIED },
	{ "::1", MNW_ADDR_LOOPBACK },
	{ "::2", MNW_ADDR_RESERVED },
	{ "::1.2.3.4", MNW_ADDR_RESERVED },		/* IPv4-compatible */
	{ "::ffff:8.8.8.8", MNW_ADDR_GLOBAL },
	{ "::ffff:10.1.2.3", MNW_ADDR_PRIVATE },
	{ "::ffff:127.0.0.1", MNW_ADDR_LOOPBACK },
	{ "::ffff:255.255.255.255", MNW_ADDR_BROADCAST },
	{ "::ffff:0.0.0.0", MNW_ADDR_UNSPECIFIED },
	{ "64:ff9b::8.8.8.8", MNW_ADDR_GLOBAL },
	{ "64:ff9b::192.168.1.1", MNW_ADDR_PRIVATE },
	{ "64:ff9b::198.51.100.1", MNW_ADDR_DOCUMENTATION },
	{ "64:ff9b:1::1", MNW_ADDR_RESERVED },		/* local-use NAT64 */
	{ "100::1", MNW_ADDR_RESERVED },		/* discard-only */
	{ "2001::1", MNW_ADDR_GLOBAL },			/* Teredo */
	{ "2001:0:4136:e378:8000:63bf:3fff:fdd2", MNW_ADDR_GLOBAL },
	{ "2001:1::1", MNW_ADDR_GLOBAL },
	{ "2001:1::2", MNW_ADDR_GLOBAL },
	{ "2001:1::3", MNW_ADDR_GLOBAL },
	{ "2001:1::4", MNW_ADDR_RESERVED },
	{ "2001:2::1", MNW_ADDR_BENCHMARK },
	{ "2001:2:0:ffff::1", MNW_ADDR_BENCHMARK },
	{ "2001:2:1::1", MNW_ADDR_RESERVED },
	{ "2001:3::1", MNW_ADDR_GLOBAL },
	{ "2001:4:112::1", MNW_ADDR_GLOBAL },
	{ "2001:4:113::1", MNW_ADDR_RESERVED },
	{ "2001:10::1", MNW_ADDR_RESERVED },		/* retired ORCHID */
	{ "2001:20::1", MNW_ADDR_GLOBAL },
	{ "2001:2f::1", MNW_ADDR_GLOBAL },
	{ "2001:30::1", MNW_ADDR_GLOBAL },
	{ "2001:40::1", MNW_ADDR_RESERVED },
	{ "2001:1ff:ffff::1", MNW_ADDR_RESERVED },
	{ "2001:200::1", MNW_ADDR_GLOBAL },
	{ "2001:db8::1", MNW_ADDR_DOCUMENTATION },
	{ "2001:db8:ffff:ffff::1", MNW_ADDR_DOCUMENTATION },
	{ "2001:db9::1", MNW_ADDR_GLOBAL },
	{ "2002:c000:201::1", MNW_ADDR_GLOBAL },	/* 6to4 */
	{ "2606:4700::1111", MNW_ADDR_GLOBAL },
	{ "1fff:ffff::1", MNW_ADDR_RESERVED },
	{ "2000::1", MNW_ADDR_GLOBAL },
	{ "3fff::1", MNW_ADDR_DOCUMENTATION },
	{ "3fff:fff::1", MNW_ADDR_DOCUMENTATION },
	{ "3fff:1000::1", MNW_ADDR_GLOBAL },
	{ "3ffe::1", MNW_ADDR_GLOBAL },
	{ "4000::1", MNW_ADDR_RESERVED },
	{ "5f00::1", MNW_ADDR_RESERVED },		/* SRv6 SIDs */
	{ "fbff::1", MNW_ADDR_RESERVED },
	{ "fc00::1", MNW_ADDR_PRIVATE },
	{ "fd12:3456::1", MNW_ADDR_PRIVATE },
	{ "fe00::1", MNW_ADDR_RESERVED },
	{ "fe80::1", MNW_ADDR_LINKLOCAL },
	{ "febf:ffff::1", MNW_ADDR_LINKLOCAL },
	{ "fec0::1", MNW_ADDR_RESERVED },		/* old site-local */
	{ "ff02::1", MNW_ADDR_MULTICAST },
	{ "ff0e::1", MNW_ADDR_MULTICAST },
};

START_TEST(classify_table)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		struct mnw_addr a = addr(classes[i].in);
		enum mnw_addr_class c = mnw_addr_classify(&a);

		ck_assert_msg(c == classes[i].cls, "%s: got %s expected %s",
		    classes[i].in, mnw_addr_class_name(c),
		    mnw_addr_class_name(classes[i].cls));
	}
}
END_TEST

START_TEST(classify_none)
{
	struct mnw_addr a;

	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(mnw_addr_classify(&a), MNW_ADDR_UNSPECIFIED);
}
END_TEST

START_TEST(class_names)
{
	static const char *const names[] = {
		"global", "unspecified", "loopback", "private", "shared",
		"link-local", "multicast", "broadcast", "documentation",
		"benchmark", "reserved",
	};

	for (int c = MNW_ADDR_GLOBAL; c <= MNW_ADDR_RESERVED; c++)
		ck_assert_str_eq(mnw_addr_class_name(c), names[c]);
	ck_assert_str_eq(mnw_addr_class_name((enum mnw_addr_class)99),
	    "unknown");
}
END_TEST

static Suite *
addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("addr");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, parse_format_valid);
	tcase_add_test(tc, parse_invalid);
	tcase_add_test(tc, parse_embedded_nul);
	tcase_add_test(tc, parse_length_delimited);
	tcase_add_test(tc, parse_truncations);
	tcase_add_test(tc, parse_lenient);
	tcase_add_test(tc, parse_matches_inet_pton);
	tcase_add_test(tc, parse_generated_ipv6);
	tcase_add_test(tc, format_matches_inet_ntop);
	tcase_add_test(tc, format_longest);
	tcase_add_test(tc, cmp_and_equal);
	tcase_add_test(tc, mask_bits);
	tcase_add_test(tc, in_prefix);
	tcase_add_test(tc, prefix_parse);
	tcase_add_test(tc, hash_values);
	tcase_add_test(tc, classify_table);
	tcase_add_test(tc, classify_none);
	tcase_add_test(tc, class_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mnw_unit_run(addr_suite());
}
