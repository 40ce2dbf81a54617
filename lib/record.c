/*
 * record.c: tab-separated records, stream headers, and the event record.
 *
 * mnw_event_write() is on the hot path of mnw-parse (millions of lines
 * a second), so it formats by hand into one buffer and calls fwrite
 * once, with no printf.  mnw_event_parse() checks every field, because
 * records may come from agents that are not trusted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mnw.h"

const char *const mnw_event_columns[] = {
	"time", "agent", "src", "sport", "dst", "dport", "proto", "icmp",
	"flags", "action", "count", "format", "host", "digest", NULL,
};

int
mnw_record_split(char *line, size_t len, char **fields, size_t *lens, int max)
{
	int n = 0;
	char *p = line, *end = line + len;

	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *fe = tab != NULL ? tab : end;

		if (n == max)
			return -1;
		fields[n] = p;
		lens[n] = (size_t)(fe - p);
		*fe = '\0';
		n++;
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

/* ---- headers ---- */

int
mnw_header_check(const char *line, const char *type, int version,
    char *errbuf, size_t errcap)
{
	const char *p, *slash;
	size_t tlen;
	long long v;

	if (strncmp(line, "#mnw-", 5) != 0)
		return 0;
	p = line + 5;
	slash = strchr(p, '/');
	if (slash == NULL) {
		snprintf(errbuf, errcap, "invalid stream header '%s'",
		    mnw_quote(line, strlen(line), 40));
		return -1;
	}
	tlen = (size_t)(slash - p);
	if (tlen != strlen(type) || memcmp(p, type, tlen) != 0) {
		snprintf(errbuf, errcap,
		    "input is a stream of '%s' records, expected '%s' records",
		    mnw_quote(p, tlen, 40), type);
		return -1;
	}
	p = slash + 1;
	tlen = strcspn(p, "\t ");
	if (mnw_strntonum(p, tlen, 0, 1000000, &v) == -1 || v != version) {
		snprintf(errbuf, errcap,
		    "unsupported %s record version '%s', expected %d", type,
		    mnw_quote(p, tlen, 20), version);
		return -1;
	}
	return 1;
}

void
mnw_header_write(FILE *fp, const char *type, int version,
    const char *const *columns)
{
	/* A space before the first name, tabs between the others: field N
	 * of the header line is then the name of column N, for cut -f. */
	fprintf(fp, "#mnw-%s/%d", type, version);
	for (size_t i = 0; columns != NULL && columns[i] != NULL; i++)
		fprintf(fp, "%c%s", i == 0 ? ' ' : '\t', columns[i]);
	fputc('\n', fp);
}

/* ---- small value types ---- */

static const struct {
	int bit;
	char letter;
} flag_letters[] = {
	{ MNW_TCP_CWR, 'C' }, { MNW_TCP_ECE, 'E' }, { MNW_TCP_URG, 'U' },
	{ MNW_TCP_ACK, 'A' }, { MNW_TCP_PSH, 'P' }, { MNW_TCP_RST, 'R' },
	{ MNW_TCP_SYN, 'S' }, { MNW_TCP_FIN, 'F' },
};

char *
mnw_tcpflags_format(int flags, char *buf)
{
	size_t o = 0;

	if (flags < 0) {
		strcpy(buf, "-");
		return buf;
	}
	for (size_t i = 0; i < sizeof flag_letters / sizeof flag_letters[0]; i++)
		if (flags & flag_letters[i].bit)
			buf[o++] = flag_letters[i].letter;
	if (o == 0)
		buf[o++] = '0';	/* known to be none, as in a null scan */
	buf[o] = '\0';
	return buf;
}

int
mnw_tcpflags_parse(const char *s, size_t len, int *flags)
{
	int f = 0;

	if (len == 1 && s[0] == '-') {
		*flags = -1;
		return 0;
	}
	if (len == 1 && s[0] == '0') {
		*flags = 0;
		return 0;
	}
	if (len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		size_t k;
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		for (k = 0; k < sizeof flag_letters / sizeof flag_letters[0]; k++)
			if (flag_letters[k].letter == c)
				break;
		if (k == sizeof flag_letters / sizeof flag_letters[0])
			return -1;
		f |= flag_letters[k].bit;
	}
	*flags = f;
	return 0;
}

static const char *const action_names[] = {
	[MNW_ACTION_UNKNOWN] = "-",
	[MNW_ACTION_DROP] = "drop",
	[MNW_ACTION_REJECT] = "reject",
	[MNW_ACTION_ACCEPT] = "accept",
	[MNW_ACTION_ALERT] = "alert",
	[MNW_ACTION_AUTHFAIL] = "auth-fail",
};

const char *
mnw_action_name(enum mnw_action a)
{
	if ((unsigned)a >= sizeof action_names / sizeof action_names[0])
		return "-";
	return action_names[a];
}

int
mnw_action_parse(const char *s, size_t len, enum mnw_action *out)
{
	for (size_t i = 0; i < sizeof action_names / sizeof action_names[0]; i++) {
		if (strlen(action_names[i]) == len &&
		    memcmp(action_names[i], s, len) == 0) {
			*out = (enum mnw_action)i;
			return 0;
		}
	}
	return -1;
}

const char *
mnw_proto_name(int proto, char *buf)
{
	switch (proto) {
	case 1: return "icmp";
	case 6: return "tcp";
	case 17: return "udp";
	case 58: return "icmpv6";
	case -1: return "-";
	default:
		snprintf(buf, 8, "%d", proto & 0xff);
		return buf;
	}
}

int
mnw_proto_parse(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int number;
	} names[] = {
		{ "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 },
		{ "gre", 47 }, { "esp", 50 }, { "ah", 51 }, { "icmpv6", 58 },
		{ "ipv6-icmp", 58 }, { "icmp6", 58 }, { "sctp", 132 },
		{ "udplite", 136 },
	};
	long long v;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == len &&
		    strncasecmp(names[i].name, s, len) == 0)
			return names[i].number;
	if (len > 0 && len <= 3 && mnw_strntonum(s, len, 0, 255, &v) == 0)
		return (int)v;
	return -1;
}

/* ---- digest ---- */

/*
 * The digest is XXH64 (Yann Collet's xxHash, 64-bit variant, as its
 * specification XXH64 describes it), read in little-endian order on
 * every machine so that digests written by one agent match another's.
 * It reads 8 bytes a step, so it costs mnw-parse a few percent where
 * a byte-at-a-time hash cost a third of the run time.
 */
#define XXH_P1 0x9E3779B185EBCA87ULL
#define XXH_P2 0xC2B2AE3D27D4EB4FULL
#define XXH_P3 0x165667B19E3779F9ULL
#define XXH_P4 0x85EBCA77C2B2AE63ULL
#define XXH_P5 0x27D4EB2F165667C5ULL

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t
read64le(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint32_t
read32le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
xxh_round(uint64_t acc, uint64_t input)
{
	acc += input * XXH_P2;
	acc = rotl64(acc, 31);
	return acc * XXH_P1;
}

static inline uint64_t
xxh_merge(uint64_t acc, uint64_t v)
{
	acc ^= xxh_round(0, v);
	return acc * XXH_P1 + XXH_P4;
}

uint64_t
mnw_digest_continue(uint64_t seed, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = seed + XXH_P1 + XXH_P2, v2 = seed + XXH_P2;
		uint64_t v3 = seed, v4 = seed - XXH_P1;

		do {
			v1 = xxh_round(v1, read64le(p));
			v2 = xxh_round(v2, read64le(p + 8));
			v3 = xxh_round(v3, read64le(p + 16));
			v4 = xxh_round(v4, read64le(p + 24));
			p += 32;
		} while ((size_t)(end - p) >= 32);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) +
		    rotl64(v4, 18);
		h = xxh_merge(h, v1);
		h = xxh_merge(h, v2);
		h = xxh_merge(h, v3);
		h = xxh_merge(h, v4);
	} else {
		h = seed + XXH_P5;
	}
	h += (uint64_t)len;
	while ((size_t)(end - p) >= 8) {
		h ^= xxh_round(0, read64le(p));
		h = rotl64(h, 27) * XXH_P1 + XXH_P4;
		p += 8;
	}
	if ((size_t)(end - p) >= 4) {
		h ^= (uint64_t)read32le(p) * XXH_P1;
		h = rotl64(h, 23) * XXH_P2 + XXH_P3;
		p += 4;
	}
	while (p < end) {
		h ^= (uint64_t)*p++ * XXH_P5;
		h = rotl64(h, 11) * XXH_P1;
	}
	h ^= h >> 33;
	h *= XXH_P2;
	h ^= h >> 29;
	h *= XXH_P3;
	h ^= h >> 32;
	return h;
}

uint64_t
mnw_digest(const void *p, size_t len)
{
	return mnw_digest_continue(0, p, len);
}

/* ---- the event record ---- */

void
mnw_event_init(struct mnw_event *ev)
{
	ev->time = 0;
	ev->agent[0] = '\0';
	memset(&ev->src, 0, sizeof ev->src);
	memset(&ev->dst, 0, sizeof ev->dst);
	ev->sport = ev->dport = -1;
	ev->proto = -1;
	ev->icmp_type = ev->icmp_code = -1;
	ev->tcpflags = -1;
	ev->action = MNW_ACTION_UNKNOWN;
	ev->count = 1;
	ev->format[0] = '\0';
	ev->host[0] = '\0';
	ev->digest = 0;
}

/*
 * Text tables for mnw_event_write(), filled on its first call: the
 * decimal text of 0 to 255 (for dotted quads) and of 00 to 99 (two
 * digits a step for other numbers), the hex text of each byte (for the
 * digest) and the text of each set of TCP flags.  A lookup costs less
 * than a division or a loop per digit, on a path run for every event.
 */
static struct {
	int ready;
	char dec[256][4];	/* digits, then the count in [3] */
	char pairs[100][2];
	char hex[256][2];
	char flags[256][9];	/* mnw_tcpflags_format() of each value */
} text_tables;

static void
text_tables_init(void)
{
	static const char hexdigits[] = "0123456789abcdef";

	for (int v = 0; v < 256; v++) {
		char *d = text_tables.dec[v];
		int n = 0;

		if (v >= 100)
			d[n++] = (char)('0' + v / 100);
		if (v >= 10)
			d[n++] = (char)('0' + v / 10 % 10);
		d[n++] = (char)('0' + v % 10);
		d[3] = (char)n;
		text_tables.hex[v][0] = hexdigits[v >> 4];
		text_tables.hex[v][1] = hexdigits[v & 15];
		mnw_tcpflags_format(v, text_tables.flags[v]);
	}
	for (int v = 0; v < 100; v++) {
		text_tables.pairs[v][0] = (char)('0' + v / 10);
		text_tables.pairs[v][1] = (char)('0' + v % 10);
	}
	text_tables.ready = 1;
}

/* Write the decimal digits of v at p; returns the new end.  Needs
 * text_tables_init(). */
static char *
put_ulong(char *p, unsigned long long v)
{
	unsigned long long t = v;
	char *end;
	int n = 1;

	while (t >= 10) {
		t /= 10;
		n++;
	}
	end = p + n;
	p = end;
	while (v >= 100) {
		p -= 2;
		memcpy(p, text_tables.pairs[v % 100], 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, text_tables.pairs[v], 2);
	} else
		*--p = (char)('0' + v);
	return end;
}

static char *
put_int_or_dash(char *p, int v)
{
	if (v < 0) {
		*p++ = '-';
		return p;
	}
	return put_ulong(p, (unsigned long long)v);
}

static char *
put_str(char *p, const char *s)
{
	/* The strings are a few bytes long: a copy loop costs less than
	 * strlen plus memcpy, two library calls per field. */
	while (*s != '\0')
		*p++ = *s++;
	return p;
}

/* The end of the string just written at p. */
static char *
str_end(char *p)
{
	while (*p != '\0')
		p++;
	return p;
}

/*
 * An address in canonical text.  IPv4 is written here from the table,
 * because mnw-parse writes two addresses per event; other families go
 * through mnw_addr_format().  Needs text_tables_init().
 */
static char *
put_addr(char *p, const struct mnw_addr *a)
{
	if (a->family != 4)
		return str_end(mnw_addr_format(a, p));
	for (int k = 0; k < 4; k++) {
		const char *d = text_tables.dec[a->bytes[k]];

		/* Copy all three bytes, then advance by the digit count. */
		memcpy(p, d, 3);
		p += d[3];
		*p++ = '.';
	}
	return p - 1;
}

/* Escaped text of a short field; the callers' limits keep it in room. */
static char *
put_field(char *p, const char *s, size_t room)
{
	size_t i, n;

	/* Fast path: plain printable ASCII that needs no escape. */
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			break;
	}
	if (s[i] == '\0' && i > 0 && i < room && s[0] != '#' &&
	    !(i == 1 && s[0] == '-')) {
		memcpy(p, s, i);
		return p + i;
	}
	n = mnw_escape(p, room, s, i + strlen(s + i));
	return p + (n < room ? n : room - 1);
}

int
mnw_event_write(FILE *fp, const struct mnw_event *ev)
{
	/* Escaping at most quadruples agent and host; the rest is short. */
	char line[4 * (MNW_AGENT_MAX + MNW_HOST_MAX + MNW_FORMAT_MAX) + 512];
	char tmp[16], *p = line;

	/* Consecutive events mostly share their second: format it once. */
	static time_t last_time = -1;
	static char last_text[MNW_TIME_STRLEN];
	static size_t last_len;

	if (!text_tables.ready)
		text_tables_init();
	if (ev->time != last_time) {
		mnw_time_format(ev->time, last_text);
		last_len = strlen(last_text);
		last_time = ev->time;
	}
	memcpy(p, last_text, last_len);
	p += last_len;
	*p++ = '\t';
	p = put_field(p, ev->agent, 4 * MNW_AGENT_MAX + 2);
	*p++ = '\t';
	p = put_addr(p, &ev->src);
	*p++ = '\t';
	p = put_int_or_dash(p, ev->sport);
	*p++ = '\t';
	p = put_addr(p, &ev->dst);
	*p++ = '\t';
	p = put_int_or_dash(p, ev->dport);
	*p++ = '\t';
	p = put_str(p, mnw_proto_name(ev->proto, tmp));
	*p++ = '\t';
	if (ev->icmp_type >= 0) {
		p = put_ulong(p, (unsigned)ev->icmp_type);
		if (ev->icmp_code >= 0) {
			*p++ = '/';
			p = put_ulong(p, (unsigned)ev->icmp_code);
		}
	} else {
		*p++ = '-';
	}
	*p++ = '\t';
	if (ev->tcpflags >= 0 && ev->tcpflags < 256)
		p = put_str(p, text_tables.flags[ev->tcpflags]);
	else
		p = put_str(p, mnw_tcpflags_format(ev->tcpflags, tmp));
	*p++ = '\t';
	p = put_str(p, mnw_action_name(ev->action));
	*p++ = '\t';
	p = put_ulong(p, ev->count);
	*p++ = '\t';
	p = put_field(p, ev->format, 4 * MNW_FORMAT_MAX + 2);
	*p++ = '\t';
	p = put_field(p, ev->host, 4 * MNW_HOST_MAX + 2);
	*p++ = '\t';
	for (int shift = 56; shift >= 0; shift -= 8) {
		memcpy(p, text_tables.hex[(ev->digest >> shift) & 0xff], 2);
		p += 2;
	}
	*p++ = '\n';
	/* mnw programs write each stream from one thread, so the stream
	 * lock that fwrite takes per call is not needed. */
#ifdef __GLIBC__
	return fwrite_unlocked(line, 1, (size_t)(p - line), fp) ==
	    (size_t)(p - line) ? 0 : -1;
#else
	return fwrite(line, 1, (size_t)(p - line), fp) == (size_t)(p - line) ?
	    0 : -1;
#endif
}

/* Parse a port column: "-" or 0..65535. */
static int
parse_port(const char *s, size_t len, int *port)
{
	long long v;

	if (len == 1 && s[0] == '-') {
		*port = -1;
		return 0;
	}
	if (len > 5 || mnw_strntonum(s, len, 0, 65535, &v) == -1)
		return -1;
	*port = (int)v;
	return 0;
}

/* Unescape a text column into dst (cap bytes with NUL). */
static int
parse_text(char *s, size_t len, char *dst, size_t cap)
{
	/* A NUL would cut the C string short, so two agents could merge. */
	if (mnw_unescape(s, &len) == -1 || len >= cap ||
	    memchr(s, '\0', len) != NULL)
		return -1;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

static int
parse_icmp(const char *s, size_t len, int *type, int *code)
{
	const char *slash = memchr(s, '/', len);
	long long v;

	*type = *code = -1;
	if (len == 1 && s[0] == '-')
		return 0;
	if (slash == NULL)
		return mnw_strntonum(s, len, 0, 255, &v) == -1 ? -1 :
		    (*type = (int)v, 0);
	if (mnw_strntonum(s, (size_t)(slash - s), 0, 255, &v) == -1)
		return -1;
	*type = (int)v;
	if (mnw_strntonum(slash + 1, len - (size_t)(slash - s) - 1, 0, 255,
	    &v) == -1)
		return -1;
	*code = (int)v;
	return 0;
}

int
mnw_event_parse(struct mnw_event *ev, char *line, size_t len,
    const char **reason, int *field)
{
	char *f[MNW_EVENT_NFIELDS + 1];
	size_t fl[MNW_EVENT_NFIELDS + 1];
	long long v;
	int n;

	mnw_event_init(ev);
	*field = 0;
	n = mnw_record_split(line, len, f, fl, MNW_EVENT_NFIELDS + 1);
	if (n != MNW_EVENT_NFIELDS) {
		*reason = "wrong number of fields";
		return -1;
	}
#define FAIL(col, why) do { *field = (col); *reason = (why); return -1; } while (0)
	if (mnw_time_parse_record(f[0], fl[0], &ev->time) == -1)
		FAIL(1, "invalid time");
	if (parse_text(f[1], fl[1], ev->agent, sizeof ev->agent) == -1 ||
	    ev->agent[0] == '\0')
		FAIL(2, "invalid agent");
	if (mnw_addr_parse(&ev->src, f[2], fl[2]) == -1)
		FAIL(3, "invalid source address");
	if (parse_port(f[3], fl[3], &ev->sport) == -1)
		FAIL(4, "invalid source port");
	if (mnw_addr_parse(&ev->dst, f[4], fl[4]) == -1)
		FAIL(5, "invalid target address");
	if (ev->src.family != ev->dst.family)
		FAIL(5, "source and target address families differ");
	if (parse_port(f[5], fl[5], &ev->dport) == -1)
		FAIL(6, "invalid target port");
	if (fl[6] == 1 && f[6][0] == '-')
		ev->proto = -1;
	else if ((ev->proto = mnw_proto_parse(f[6], fl[6])) == -1)
		FAIL(7, "invalid protocol");
	if (parse_icmp(f[7], fl[7], &ev->icmp_type, &ev->icmp_code) == -1)
		FAIL(8, "invalid icmp type/code");
	if (mnw_tcpflags_parse(f[8], fl[8], &ev->tcpflags) == -1)
		FAIL(9, "invalid tcp flags");
	if (mnw_action_parse(f[9], fl[9], &ev->action) == -1)
		FAIL(10, "invalid action");
	if (fl[10] > 20 || mnw_strntonum(f[10], fl[10], 1, 4294967295LL, &v) == -1)
		FAIL(11, "invalid count");
	ev->count = (unsigned long)v;
	if (parse_text(f[11], fl[11], ev->format, sizeof ev->format) == -1)
		FAIL(12, "invalid format");
	if (parse_text(f[12], fl[12], ev->host, sizeof ev->host) == -1)
		FAIL(13, "invalid host");
	if (fl[13] != 16)
		FAIL(14, "invalid digest");
	ev->digest = 0;
	for (size_t i = 0; i < 16; i++) {
		int c = (unsigned char)f[13][i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			FAIL(14, "invalid digest");
		ev->digest = ev->digest << 4 | (uint64_t)d;
	}
#undef FAIL
	return 0;
}
