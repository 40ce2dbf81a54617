/*
 * fmt_ios.c: Cisco IOS and IOS XE access list log messages.
 *
 * An access list entry with the "log" keyword makes the router write
 * one message for the first matching packet of a flow and then, every
 * five minutes, one with the number of packets since:
 *
 *   %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067)
 *       -> 198.51.100.9(139), 1 packet
 *   %SEC-6-IPACCESSLOGDP: list 102 denied icmp 192.0.2.7
 *       -> 198.51.100.9 (8/0), 3 packets
 *   %IPV6_ACL-6-ACCESSLOGP: list v6in/20 denied tcp 2001:DB8::7(3067)
 *       -> 2001:DB8::9(22), 1 packet
 *
 * (each one line).  All access list messages share one text: "list
 * ACL ACTION PROTOCOL SOURCE -> TARGET, COUNT packet[s]", where the
 * source and the target carry "(PORT)" for TCP and UDP, "log-input"
 * adds "(INTERFACE [MAC]) " after the source, ICMP adds " (TYPE/CODE)"
 * after the target, and IGMP adds its type as " (TYPE)".  The
 * mnemonic variants (IPACCESSLOGP with ports, DP for ICMP, NP for a
 * protocol number, RP and SP for other protocols) differ only in which
 * of these parts are present, so the text is read by its protocol word,
 * not by its mnemonic.  IPACCESSLOGS (standard access lists) names no target and
 * is skipped, as are the rate-limit notes (IPACCESSLOGRL) and every
 * other IOS message.
 *
 * Before the message IOS may write a sequence number ("4872: ") and
 * its own time stamp ("service timestamps log datetime"), optionally
 * with milliseconds, year and zone: "*Mar  1 2026 00:01:02.123 UTC: ".
 * A leading '*' says the clock is not set and '.' that it has lost its
 * time source.  The stamp's time replaces the envelope's, except that a
 * '*' stamp is used only when there is no envelope time.  Uptime stamps
 * ("00:00:46: ", "1d02h: ") carry no date and are not used.
 *
 * IOS IPS alerts (%IPS-4-SIGNATURE) end with the packet's endpoints in
 * brackets, "[192.0.2.7:51654 -> 198.51.100.9:80]", and become alert
 * events without a protocol, which the message does not name.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_zone.h"

/* Maximum length of the facility and the mnemonic of a message id,
 * a bound chosen well above the names IOS uses. */
#define IOS_WORD_MAX 40

/* Kinds of message id this parser reads. */
enum ios_kind {
	IOS_OTHER,		/* any other IOS message: skipped */
	IOS_ACL,		/* access list log with a target */
	IOS_ACL_STANDARD,	/* IPACCESSLOGS: no target */
	IOS_ACL_RATE,		/* rate-limit note */
	IOS_IPS,		/* IPS signature alert */
};

/*
 * Read "%FACILITY-SEVERITY-MNEMONIC" from s.  Returns its length (not
 * counting the colon) and its kind, or 0 if s does not start with one.
 * Facilities of the ASA family are left to the asa format.
 */
static size_t
read_msgid(const char *s, size_t n, enum ios_kind *kind)
{
	const char *fac, *mnemonic;
	size_t i = 1, faclen, mnlen;

	if (n < 6 || s[0] != '%')
		return 0;
	fac = s + 1;
	while (i < n && i <= IOS_WORD_MAX && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    fmt_isdigit(s[i]) || s[i] == '_'))
		i++;
	faclen = (size_t)(s + i - fac);
	if (faclen == 0 || !fmt_isalpha(fac[0]) || i + 3 > n ||
	    s[i] != '-' || !fmt_isdigit(s[i + 1]) || s[i + 2] != '-')
		return 0;
	if (fmt_eq(fac, faclen, "ASA") || fmt_eq(fac, faclen, "PIX") ||
	    fmt_eq(fac, faclen, "FTD") || fmt_eq(fac, faclen, "FWSM"))
		return 0;
	i += 3;
	mnemonic = s + i;
	while (i < n && (size_t)(s + i - mnemonic) <= IOS_WORD_MAX &&
	    ((s[i] >= 'A' && s[i] <= 'Z') || fmt_isdigit(s[i]) ||
	    s[i] == '_'))
		i++;
	mnlen = (size_t)(s + i - mnemonic);
	if (mnlen == 0 || mnlen > IOS_WORD_MAX || (i < n && s[i] != ':'))
		return 0;

	*kind = IOS_OTHER;
	if (fmt_eq(fac, faclen, "SEC")) {
		if (fmt_eq(mnemonic, mnlen, "IPACCESSLOGS"))
			*kind = IOS_ACL_STANDARD;
		else if (fmt_eq(mnemonic, mnlen, "IPACCESSLOGRL"))
			*kind = IOS_ACL_RATE;
		else if (fmt_eq(mnemonic, mnlen, "IPACCESSLOGP") ||
		    fmt_eq(mnemonic, mnlen, "IPACCESSLOGDP") ||
		    fmt_eq(mnemonic, mnlen, "IPACCESSLOGNP") ||
		    fmt_eq(mnemonic, mnlen, "IPACCESSLOGRP") ||
		    fmt_eq(mnemonic, mnlen, "IPACCESSLOGSP"))
			*kind = IOS_ACL;
	} else if (fmt_eq(fac, faclen, "IPV6") ||
	    fmt_eq(fac, faclen, "IPV6_ACL")) {
		if (fmt_eq(mnemonic, mnlen, "ACCESSLOGRL"))
			*kind = IOS_ACL_RATE;
		else if (fmt_eq(mnemonic, mnlen, "ACCESSLOGP") ||
		    fmt_eq(mnemonic, mnlen, "ACCESSLOGDP") ||
		    fmt_eq(mnemonic, mnlen, "ACCESSLOGNP") ||
		    fmt_eq(mnemonic, mnlen, "ACCESSLOGSP"))
			*kind = IOS_ACL;
	} else if (fmt_eq(fac, faclen, "IPS") &&
	    fmt_eq(mnemonic, mnlen, "SIGNATURE")) {
		*kind = IOS_IPS;
	}
	return i;
}

/* Status of the router's own time stamp. */
enum ios_stamp {
	STAMP_NONE,		/* no stamp before the message id */
	STAMP_UPTIME,		/* time since boot: no date */
	STAMP_DATE,		/* a date: *t is set */
	STAMP_BAD,		/* a date that does not exist */
};

/*
 * Read a stamp "[*.]Mmm d[d] [yyyy ]hh:mm:ss[.fff][ ZONE]: " or an
 * uptime "hh:mm:ss: ", "1d02h: ", "2w3d: ".  Returns the length up to
 * and including ": ", or 0 if the text has not this shape.
 */
static size_t
read_stamp(const char *s, size_t n, const struct mnw_parse_ctx *ctx,
    enum ios_stamp *st, time_t *t, int *unset_clock)
{
	struct fmt_cur c = { s, s + n };
	char buf[16];
	const char *w, *day, *year = NULL, *clock, *zone = NULL;
	size_t wn, daylen, zonelen = 0;
	struct mnw_tz tz;
	int minutes;

	*unset_clock = 0;
	*st = STAMP_NONE;

	/* Uptime: "00:00:46: ", "1d02h: ", "2w3d: ", "1y2w: " */
	wn = fmt_until(&c, ':', &w);
	if (wn > 0 && wn <= 8 && fmt_isdigit(w[0]) && (w[wn - 1] == 'h' ||
	    w[wn - 1] == 'd' || w[wn - 1] == 'w')) {
		size_t k;

		for (k = 0; k < wn; k++)
			if (!fmt_isdigit(w[k]) && w[k] != 'y' && w[k] != 'w' &&
			    w[k] != 'd' && w[k] != 'h')
				break;
		if (k == wn && fmt_eat(&c, ": ")) {
			*st = STAMP_UPTIME;
			return (size_t)(c.p - s);
		}
	}
	c.p = s;
	if (n >= 10 && fmt_isdigit(s[0]) && fmt_isdigit(s[1]) &&
	    s[2] == ':' && s[5] == ':' && fmt_prefix(s + 8, n - 8, ": ")) {
		for (int k = 0; k < 8; k++)
			if (k != 2 && k != 5 && !fmt_isdigit(s[k]))
				return 0;
		*st = STAMP_UPTIME;
		return 10;
	}

	if (fmt_eatc(&c, '*'))
		*unset_clock = 1;
	else
		(void)fmt_eatc(&c, '.');
	if (c.end - c.p < 14 || !fmt_isalpha(c.p[0]) || c.p[3] != ' ' ||
	    mnw_month_from_abbr(c.p) < 0)
		return 0;
	memcpy(buf, c.p, 4);
	c.p += 4;
	fmt_skip_spaces(&c);
	daylen = fmt_word(&c, &day);
	if (daylen < 1 || daylen > 2 || !fmt_eatc(&c, ' '))
		return 0;
	/* An optional year of four digits. */
	if (c.end - c.p >= 5 && fmt_isdigit(c.p[0]) && c.p[4] == ' ' &&
	    c.p[2] != ':') {
		year = c.p;
		c.p += 5;
	}
	clock = c.p;
	if (c.end - c.p < 8 || c.p[2] != ':' || c.p[5] != ':')
		return 0;
	c.p += 8;
	if (fmt_eatc(&c, '.'))
		while (c.p < c.end && fmt_isdigit(*c.p))
			c.p++;
	if (fmt_eatc(&c, ' ')) {
		zonelen = fmt_until(&c, ':', &zone);
		if (zonelen == 0 || zonelen > 8)
			return 0;
		for (size_t k = 0; k < zonelen; k++)
			if (!fmt_isalpha(zone[k]))
				return 0;
	}
	if (!fmt_eat(&c, ": "))
		return 0;

	/* The shape fits: from here on a bad value is an invalid time. */
	*st = STAMP_BAD;
	tz = ctx->tz;
	if (zone != NULL && fmt_zone_offset(zone, zonelen, &minutes)) {
		tz.fixed = 1;
		tz.offset = (long)minutes * 60;
	}
	/* "Mmm dd hh:mm:ss" with the day padded, as the bsd reader wants. */
	buf[4] = daylen == 1 ? ' ' : day[0];
	buf[5] = day[daylen - 1];
	buf[6] = ' ';
	memcpy(buf + 7, clock, 8);
	if (year == NULL) {
		if (mnw_time_parse_bsd(buf, 15, &tz, ctx->ref, t) != 15)
			return (size_t)(c.p - s);
	} else {
		struct tm tm;
		unsigned long long v;
		time_t probe;

		/* Read the day and clock through the bsd reader, then set
		 * the year that the stamp gives. */
		if (mnw_time_parse_bsd(buf, 15, &tz, ctx->ref, &probe) != 15 ||
		    fmt_uint(year, 4, 9999, &v) == -1 || v < 1970)
			return (size_t)(c.p - s);
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = (int)v - 1900;
		tm.tm_mon = mnw_month_from_abbr(buf);
		tm.tm_mday = (buf[4] == ' ' ? 0 : (buf[4] - '0') * 10) +
		    (buf[5] - '0');
		tm.tm_hour = (clock[0] - '0') * 10 + (clock[1] - '0');
		tm.tm_min = (clock[3] - '0') * 10 + (clock[4] - '0');
		tm.tm_sec = (clock[6] - '0') * 10 + (clock[7] - '0');
		if (tm.tm_sec == 60)
			tm.tm_sec = 59;
		/* 29 February in a year without it. */
		if (tm.tm_mon == 1 && tm.tm_mday == 29 && !((v % 4 == 0 &&
		    v % 100 != 0) || v % 400 == 0))
			return (size_t)(c.p - s);
		if (mnw_tz_mktime(&tz, &tm, t) == -1)
			return (size_t)(c.p - s);
	}
	*st = STAMP_DATE;
	return (size_t)(c.p - s);
}

/* One message being read: the cursor and where a rejection points. */
struct ios_msg {
	struct fmt_cur c;
	const char *reason;
	const char *value;
	size_t valuelen;
};

static int
fail(struct ios_msg *m, const char *reason, const char *s, size_t n)
{
	if (m->reason == NULL) {
		m->reason = reason;
		m->value = s;
		m->valuelen = n;
	}
	return -1;
}

static int
expect(struct ios_msg *m, const char *lit)
{
	if (fmt_eat(&m->c, lit))
		return 0;
	return fail(m, "unexpected message text", m->c.p,
	    (size_t)(m->c.end - m->c.p) < 32 ? (size_t)(m->c.end - m->c.p) :
	    32);
}

/*
 * An endpoint "ADDR" or "ADDR(PORT)", up to the next space.  With
 * ports, "(PORT)" must be there; without, it must not.
 */
static int
read_endpoint(struct ios_msg *m, int ports, struct mnw_addr *a, int *port,
    int src)
{
	const char *w, *open;
	size_t n = fmt_word(&m->c, &w), alen = n;

	if (ports) {
		open = n > 0 && w[n - 1] == ')' ? memchr(w, '(', n) : NULL;
		if (open == NULL)
			return fail(m, src ? "missing source port" :
			    "missing target port", w, n);
		alen = (size_t)(open - w);
		if (fmt_port(open + 1, n - alen - 2, port) == -1)
			return fail(m, src ? "invalid source port" :
			    "invalid target port", open + 1, n - alen - 2);
	}
	if (mnw_addr_parse(a, w, alen) == -1)
		return fail(m, src ? "invalid source address" :
		    "invalid target address", w, alen);
	return 0;
}

/*
 * A protocol as IOS prints it: a name of its access list syntax or a
 * number.  Returns -1 for "ip" and "ipv6" (any protocol), -2 if
 * invalid.
 */
static int
read_proto(const char *w, size_t n)
{
	static const struct {
		const char *name;
		int number;
	} ios_names[] = {
		{ "ipinip", 4 }, { "ahp", 51 }, { "eigrp", 88 },
		{ "ospf", 89 }, { "nos", 94 }, { "pim", 103 }, { "pcp", 108 },
	};
	int proto;

	if (fmt_eq(w, n, "ip") || fmt_eq(w, n, "ipv6"))
		return -1;
	if ((proto = mnw_proto_parse(w, n)) >= 0)
		return proto;
	for (size_t i = 0; i < sizeof(ios_names) / sizeof(ios_names[0]); i++)
		if (fmt_eq(w, n, ios_names[i].name))
			return ios_names[i].number;
	return -2;
}

/*
 * "list ACL {denied|permitted} PROTO SRC [(IFC [MAC]) ]-> DST[ (T/C)],
 * N packet[s]"
 */
static int
read_acl(struct ios_msg *m, struct mnw_event *ev)
{
	const char *w;
	size_t n;
	unsigned long long v;
	int ports;

	if (expect(m, "list ") == -1)
		return -1;
	(void)fmt_word(&m->c, &w);	/* ACL name or number */
	if (expect(m, " ") == -1)
		return -1;
	n = fmt_word(&m->c, &w);
	if (fmt_eq(w, n, "denied"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(w, n, "permitted"))
		ev->action = MNW_ACTION_ACCEPT;
	else
		return fail(m, "invalid action", w, n);
	if (expect(m, " ") == -1)
		return -1;
	n = fmt_word(&m->c, &w);
	if ((ev->proto = read_proto(w, n)) == -2)
		return fail(m, "invalid protocol", w, n);
	if (expect(m, " ") == -1)
		return -1;
	ports = fmt_proto_has_ports(ev->proto);
	if (read_endpoint(m, ports, &ev->src, &ev->sport, 1) == -1 ||
	    expect(m, " ") == -1)
		return -1;
	/* "(Serial4/3 ) " or "(GigabitEthernet0/1.6 ca5c.1da2.ba43) " */
	if (m->c.p < m->c.end && *m->c.p == '(') {
		if (!fmt_skip_group(&m->c, '(', ')') || expect(m, " ") == -1)
			return fail(m, "unexpected message text", NULL, 0);
	}
	if (expect(m, "-> ") == -1)
		return -1;
	/* The target ends at the comma before the count. */
	{
		struct fmt_cur save = m->c;
		const char *comma = memchr(m->c.p, ',',
		    (size_t)(m->c.end - m->c.p));

		if (comma == NULL)
			return fail(m, "missing packet count", NULL, 0);
		m->c.end = comma;
		if (read_endpoint(m, ports, &ev->dst, &ev->dport, 0) == -1)
			return -1;
		if (fmt_eat(&m->c, " (")) {
			/* ICMP "(TYPE/CODE)", IGMP "(TYPE)" */
			const char *t;
			size_t tn = fmt_until(&m->c, ')', &t);
			const char *slash = memchr(t, '/', tn);

			if (!fmt_eatc(&m->c, ')'))
				return fail(m, "unexpected message text",
				    t, tn);
			if (fmt_proto_is_icmp(ev->proto)) {
				if (slash == NULL || fmt_byte(t, (size_t)(slash -
				    t), &ev->icmp_type) == -1 ||
				    fmt_byte(slash + 1, tn - (size_t)(slash - t) -
				    1, &ev->icmp_code) == -1)
					return fail(m, "invalid icmp type", t,
					    tn);
			}
		}
		if (!fmt_at_end(&m->c))
			return fail(m, "unexpected message text", m->c.p,
			    (size_t)(m->c.end - m->c.p));
		m->c.end = save.end;
	}
	if (expect(m, ", ") == -1)
		return -1;
	n = fmt_word(&m->c, &w);
	if (fmt_uint(w, n, 4294967295ULL, &v) == -1 || v == 0)
		return fail(m, "invalid count", w, n);
	ev->count = (unsigned long)v;
	if (!fmt_eat(&m->c, " packets") && !fmt_eat(&m->c, " packet"))
		return fail(m, "unexpected message text", m->c.p,
		    (size_t)(m->c.end - m->c.p));
	if (!fmt_at_end(&m->c))
		return fail(m, "unexpected message text", m->c.p,
		    (size_t)(m->c.end - m->c.p));
	return 0;
}

/* An endpoint "ADDR:PORT" of an IPS alert; IPv6 as "[ADDR]:PORT" is
 * not known to be written, so the last colon splits. */
static int
read_ips_endpoint(struct ios_msg *m, const char *w, size_t n,
    struct mnw_addr *a, int *port, int src)
{
	const char *colon = NULL;

	for (size_t k = n; k > 0; k--)
		if (w[k - 1] == ':') {
			colon = w + k - 1;
			break;
		}
	if (colon == NULL)
		return fail(m, src ? "missing source port" :
		    "missing target port", w, n);
	if (fmt_port(colon + 1, n - (size_t)(colon - w) - 1, port) == -1)
		return fail(m, src ? "invalid source port" :
		    "invalid target port", colon + 1,
		    n - (size_t)(colon - w) - 1);
	if (mnw_addr_parse(a, w, (size_t)(colon - w)) == -1)
		return fail(m, src ? "invalid source address" :
		    "invalid target address", w, (size_t)(colon - w));
	return 0;
}

/*
 * "Sig:N Subsig:N Sev:N NAME [A:P -> B:P]": the signature name is
 * from Cisco's signature set and has spaces, so the endpoints are read
 * from the bracket group that ends the message.
 */
static int
read_ips(struct ios_msg *m, struct mnw_event *ev)
{
	const char *end = m->c.end, *open, *arrow;
	size_t n;

	if (expect(m, "Sig:") == -1)
		return -1;
	while (end > m->c.p && end[-1] == ' ')
		end--;
	if (end == m->c.p || end[-1] != ']')
		return fail(m, "missing endpoints", NULL, 0);
	for (open = end - 1; open > m->c.p && *open != '['; open--)
		;
	if (*open != '[' || open == m->c.p || open[-1] != ' ')
		return fail(m, "missing endpoints", NULL, 0);
	n = (size_t)(end - 1 - (open + 1));
	open++;
	arrow = NULL;
	for (size_t k = 0; k + 4 <= n; k++)
		if (memcmp(open + k, " -> ", 4) == 0) {
			arrow = open + k;
			break;
		}
	if (arrow == NULL)
		return fail(m, "missing endpoints", open, n);
	if (read_ips_endpoint(m, open, (size_t)(arrow - open), &ev->src,
	    &ev->sport, 1) == -1 ||
	    read_ips_endpoint(m, arrow + 4, n - (size_t)(arrow - open) - 4,
	    &ev->dst, &ev->dport, 0) == -1)
		return -1;
	ev->action = MNW_ACTION_ALERT;
	return 0;
}

static enum mnw_parse_result
ios_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct ios_msg m;
	enum ios_kind kind;
	enum ios_stamp st = STAMP_NONE;
	const char *p, *end, *stamp = NULL;
	size_t n;
	time_t t = 0;
	int unset_clock = 0;

	(void)line;
	(void)len;
	p = env->msg;
	end = env->msg + env->msglen;
	if (env->taglen > 0 && read_msgid(env->tag, env->taglen, &kind) ==
	    env->taglen) {
		/* The envelope step took "%SEC-6-IPACCESSLOGP:" for a tag. */
	} else {
		/* A sequence number becomes the tag; a tag of another
		 * program is not IOS. */
		if (env->taglen > 0) {
			for (size_t k = 0; k < env->taglen; k++)
				if (!fmt_isdigit(env->tag[k]))
					return MNW_PARSE_NO;
		}
		if ((n = read_stamp(p, (size_t)(end - p), ctx, &st, &t,
		    &unset_clock)) > 0) {
			stamp = p;
			p += n;
		}
		if ((n = read_msgid(p, (size_t)(end - p), &kind)) == 0)
			return MNW_PARSE_NO;
		p += n;
		if (p < end && *p == ':')
			p++;
		if (p < end && *p == ' ')
			p++;
	}

	switch (kind) {
	case IOS_OTHER:
		return fmt_skip(reason, value, valuelen,
		    "not an access list message", NULL, 0);
	case IOS_ACL_STANDARD:
		return fmt_skip(reason, value, valuelen,
		    "no target address in message", NULL, 0);
	case IOS_ACL_RATE:
		return fmt_skip(reason, value, valuelen,
		    "access list rate-limit note", NULL, 0);
	case IOS_ACL:
	case IOS_IPS:
		break;
	}

	if (st == STAMP_BAD)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    stamp, 15);
	if (st == STAMP_DATE && !(unset_clock && env->has_time))
		ev->time = t;

	m.c.p = p;
	m.c.end = end;
	m.reason = NULL;
	m.value = NULL;
	m.valuelen = 0;
	if ((kind == IOS_ACL ? read_acl(&m, ev) : read_ips(&m, ev)) == -1)
		return fmt_reject(reason, value, valuelen, m.reason, m.value,
		    m.valuelen);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_ios = {
	.name = "ios",
	.description = "Cisco IOS and IOS XE access list logs and IPS alerts",
	.parse = ios_parse,
	.free_state = NULL,
};
