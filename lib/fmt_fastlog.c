/*
 * fmt_fastlog.c: Snort and Suricata alerts in the "fast" one-line
 * format (alert_fast, fast.log), and Snort's alert_syslog lines.
 *
 *   12/04/2026-19:10:59.123456  [**] [1:2008578:4] ET SCAN Sipvicious
 *       Scan [**] [Classification: Attempted Information Leak]
 *       [Priority: 2] {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060
 *
 * (one line).  The rule's message and classification in the middle are
 * free text of any length, so the line is read from both ends.  The
 * head is the time stamp, an optional Suricata verdict ("[Drop]",
 * "[wDrop]") and "[**] [GID:SID:REV]".  The tail is the "{PROTOCOL}"
 * word and the last three words, which are always "SOURCE -> TARGET".
 *
 * Time stamps: Suricata writes "MM/DD/YYYY-hh:mm:ss.uuuuuu", Snort 2
 * "MM/DD-hh:mm:ss.uuuuuu" or, with -y, "MM/DD/YY-...", and Snort 3 with
 * -y "YY/MM/DD-...".  All are the sensor's local time unless it was run
 * with -U, so they are read in the -z zone; a stamp without year gets
 * the year as a syslog stamp does.
 *
 * Endpoints: a port is glued to the address with a colon, IPv6 too
 * ("2001:db8::7:60884"), so the last colon splits them.  Suricata
 * prints a port for every protocol (for ICMP the type and the code);
 * Snort prints ports only for TCP and UDP, and a bare address for
 * others.  The two are told apart by the year: only Suricata writes
 * four digits.
 *
 * Snort's alert_syslog writes the same text from "[GID:SID:REV]" on,
 * with the time in the syslog header; such lines are taken when the
 * syslog tag is "snort" or "suricata".
 *
 * Every alert becomes an event with action alert, or drop when
 * Suricata says "[Drop]".
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Program that wrote a line, because that decides which endpoints
 * carry a port. */
enum fast_writer {
	WRITER_SNORT,
	WRITER_SURICATA,
};

/* Two decimal digits at s, or -1. */
static int
two_digits(const char *s)
{
	if (!fmt_isdigit(s[0]) || !fmt_isdigit(s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Read the time stamp at the start of s.  Returns its length, or 0 if s
 * has not the shape of one.  *valid is 1 when the date exists, and then
 * *t is set.
 */
static size_t
read_stamp(const char *s, size_t n, const struct mnw_parse_ctx *ctx,
    enum fast_writer *writer, time_t *t, int *valid)
{
	int a, b, year = -1, mon, day, len;
	char buf[16];

	*valid = 0;
	*writer = WRITER_SNORT;
	if (n < 21 || s[2] != '/')
		return 0;
	a = two_digits(s);
	b = two_digits(s + 3);
	if (a < 0 || b < 0)
		return 0;
	if (s[5] == '-') {
		/* MM/DD- */
		mon = a;
		day = b;
		len = 5;
	} else if (s[5] == '/' && n >= 27 && fmt_isdigit(s[6]) &&
	    fmt_isdigit(s[7]) && fmt_isdigit(s[8]) && fmt_isdigit(s[9]) &&
	    s[10] == '-') {
		/* MM/DD/YYYY- (Suricata) */
		mon = a;
		day = b;
		year = two_digits(s + 6) * 100 + two_digits(s + 8);
		len = 10;
		*writer = WRITER_SURICATA;
	} else if (s[5] == '/' && s[8] == '-' && two_digits(s + 6) >= 0) {
		int c = two_digits(s + 6);

		/*
		 * MM/DD/YY (Snort 2 -y) or YY/MM/DD (Snort 3 -y).  A first
		 * part above 12 cannot be a month.
		 * NOTE: a date valid both ways ("10/05/10") is read as
		 * Snort 2 writes it.
		 */
		if (a > 12) {
			year = 2000 + a;
			mon = b;
			day = c;
		} else {
			year = 2000 + c;
			mon = a;
			day = b;
		}
		len = 8;
	} else {
		return 0;
	}
	s += len + 1;
	n -= (size_t)len + 1;
	if (n < 15 || s[2] != ':' || s[5] != ':' || s[8] != '.')
		return 0;

	/* The shape fits: from here on a bad value is an invalid time. */
	if (mon < 1 || mon > 12 || day < 1 || day > 31)
		return (size_t)len + 1 + 8;
	memcpy(buf, month_abbr[mon - 1], 3);
	buf[3] = ' ';
	buf[4] = (char)('0' + day / 10);
	buf[5] = (char)('0' + day % 10);
	buf[6] = ' ';
	memcpy(buf + 7, s, 8);
	if (year < 0) {
		if (mnw_time_parse_bsd(buf, 15, &ctx->tz, ctx->ref, t) != 15)
			return (size_t)len + 1 + 8;
	} else {
		struct tm tm;
		int hour = two_digits(s), min = two_digits(s + 3),
		    sec = two_digits(s + 6);
		static const unsigned char mdays[12] = {
			31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
		};

		if (hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 ||
		    sec > 60 || day > mdays[mon - 1] || year < 1970)
			return (size_t)len + 1 + 8;
		if (mon == 2 && day == 29 && !((year % 4 == 0 &&
		    year % 100 != 0) || year % 400 == 0))
			return (size_t)len + 1 + 8;
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = year - 1900;
		tm.tm_mon = mon - 1;
		tm.tm_mday = day;
		tm.tm_hour = hour;
		tm.tm_min = min;
		tm.tm_sec = sec == 60 ? 59 : sec;
		if (mnw_tz_mktime(&ctx->tz, &tm, t) == -1)
			return (size_t)len + 1 + 8;
	}
	*valid = 1;
	return (size_t)len + 1 + 8;
}

/* "[GID:SID:REV]": three numbers.  Returns its length or 0. */
static size_t
read_rule_id(const char *s, size_t n)
{
	size_t i = 1;
	int parts = 0;

	if (n < 7 || s[0] != '[')
		return 0;
	while (parts < 3) {
		size_t start = i;

		while (i < n && i - start < 10 && fmt_isdigit(s[i]))
			i++;
		if (i == start || i >= n)
			return 0;
		parts++;
		if (s[i] == (parts == 3 ? ']' : ':'))
			i++;
		else
			return 0;
	}
	return i;
}

/* Split "ADDR:PORT" at its last colon. */
static int
split_port(const char *w, size_t n, size_t *alen, const char **port,
    size_t *portlen)
{
	for (size_t k = n; k > 0; k--) {
		if (w[k - 1] == ':') {
			*alen = k - 1;
			*port = w + k;
			*portlen = n - k;
			return 0;
		}
	}
	return -1;
}

/* One endpoint word of the tail. */
static int
read_endpoint(const char *w, size_t n, int with_port, struct mnw_addr *a,
    int *port, int src, const char **reason, const char **value,
    size_t *valuelen)
{
	const char *p = NULL;
	size_t alen = n, plen = 0;

	if (with_port && split_port(w, n, &alen, &p, &plen) == -1) {
		fmt_reject(reason, value, valuelen, src ?
		    "missing source port" : "missing target port", w, n);
		return -1;
	}
	if (mnw_addr_parse(a, w, alen) == -1) {
		fmt_reject(reason, value, valuelen, src ?
		    "invalid source address" : "invalid target address", w,
		    alen);
		return -1;
	}
	if (with_port && fmt_port(p, plen, port) == -1) {
		fmt_reject(reason, value, valuelen, src ?
		    "invalid source port" : "invalid target port", p, plen);
		return -1;
	}
	return 0;
}

/* The word that ends just before end (after the last space before it). */
static size_t
last_word(const char *start, const char *end, const char **w)
{
	const char *p = end;

	while (p > start && p[-1] != ' ')
		p--;
	*w = p;
	return (size_t)(end - p);
}

/* "{TCP}", "{IPV6-ICMP}", "{PROTO:047}": the protocol number, or -1. */
static int
read_proto(const char *w, size_t n)
{
	if (n < 3 || w[0] != '{' || w[n - 1] != '}')
		return -1;
	w++;
	n -= 2;
	if (fmt_prefix(w, n, "PROTO:")) {
		unsigned long long v;

		if (fmt_uint(w + 6, n - 6, 255, &v) == -1)
			return -1;
		return (int)v;
	}
	return mnw_proto_parse(w, n);
}

/*
 * Read the tail "{PROTO} SOURCE -> TARGET" that ends at end, no earlier
 * than start.
 */
static enum mnw_parse_result
read_tail(const char *start, const char *end, enum fast_writer writer,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	const char *dst, *src, *arrow, *proto;
	size_t dstlen, srclen, arrowlen, protolen;
	int with_port, sport = -1, dport = -1;

	while (end > start && end[-1] == ' ')
		end--;
	dstlen = last_word(start, end, &dst);
	if (dst == start || dstlen == 0)
		return fmt_reject(reason, value, valuelen,
		    "missing target address", NULL, 0);
	arrowlen = last_word(start, dst - 1, &arrow);
	if (!fmt_eq(arrow, arrowlen, "->") || arrow == start)
		return fmt_reject(reason, value, valuelen,
		    "missing source and target", NULL, 0);
	srclen = last_word(start, arrow - 1, &src);
	if (src == start || srclen == 0)
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	protolen = last_word(start, src - 1, &proto);
	if ((ev->proto = read_proto(proto, protolen)) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid protocol", proto, protolen);

	with_port = writer == WRITER_SURICATA ||
	    fmt_proto_has_ports(ev->proto);
	if (read_endpoint(src, srclen, with_port, &ev->src, &sport, 1,
	    reason, value, valuelen) == -1 ||
	    read_endpoint(dst, dstlen, with_port, &ev->dst, &dport, 0,
	    reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		ev->sport = sport;
		ev->dport = dport;
	} else if (fmt_proto_is_icmp(ev->proto) && with_port) {
		/* Suricata's ICMP "ports" are the type and the code. */
		if (sport > 255 || dport > 255)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", src, srclen);
		ev->icmp_type = sport;
		ev->icmp_code = dport;
	}
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
fastlog_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	enum fast_writer writer = WRITER_SNORT;
	size_t n;
	time_t t;
	int valid;

	(void)line;
	(void)len;
	ev->action = MNW_ACTION_ALERT;
	if ((n = read_stamp(c.p, (size_t)(c.end - c.p), ctx, &writer, &t,
	    &valid)) > 0) {
		const char *stamp = c.p;
		size_t stamplen;

		c.p += n;
		/* Decimal fraction of the second. */
		c.p++;
		while (c.p < c.end && fmt_isdigit(*c.p))
			c.p++;
		stamplen = (size_t)(c.p - stamp);
		if (!fmt_eatc(&c, ' '))
			return MNW_PARSE_NO;
		fmt_skip_spaces(&c);
		if (fmt_eat(&c, "[Drop] ")) {
			ev->action = MNW_ACTION_DROP;
			writer = WRITER_SURICATA;
		} else if (fmt_eat(&c, "[wDrop] ")) {
			writer = WRITER_SURICATA;
		}
		if (!fmt_eat(&c, "[**] "))
			return MNW_PARSE_NO;
		if ((n = read_rule_id(c.p, (size_t)(c.end - c.p))) == 0)
			return MNW_PARSE_NO;
		if (!valid)
			return fmt_reject(reason, value, valuelen,
			    "invalid time", stamp, stamplen);
		ev->time = t;
	} else if (fmt_eq(env->tag, env->taglen, "snort") ||
	    fmt_eq(env->tag, env->taglen, "suricata")) {
		/* alert_syslog: "[GID:SID:REV] MSG [Classification: ...]
		 * [Priority: N] {PROTO} SOURCE -> TARGET" */
		if ((n = read_rule_id(c.p, (size_t)(c.end - c.p))) == 0)
			return MNW_PARSE_NO;
		if (fmt_eq(env->tag, env->taglen, "suricata"))
			writer = WRITER_SURICATA;
	} else {
		return MNW_PARSE_NO;
	}
	c.p += n;
	return read_tail(c.p, c.end, writer, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_fastlog = {
	.name = "fastlog",
	.description = "Snort and Suricata fast alert log and Snort syslog alerts",
	.parse = fastlog_parse,
	.free_state = NULL,
};
