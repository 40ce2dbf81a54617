/*
 * fmt_pf.c: pf's log as "tcpdump -n -e -ttt -r /var/log/pflog" prints it.
 *
 * pf itself writes binary packets to pflog; the text comes from
 * tcpdump, whose output differs between OpenBSD and the tcpdump.org
 * code that FreeBSD ships:
 *
 *   OpenBSD:  Mar 29 19:32:17.184835 rule 4/(match) block in on em0:
 *             192.0.2.1.53614 > 198.51.100.7.1435: S 78609:78609(0) win 3072
 *   FreeBSD:  2026-12-04 19:10:59.123456 rule 4/match: block in on em0:
 *             192.0.2.1.53614 > 198.51.100.7.1435: Flags [S], seq 78609, ...
 *
 * (each one line).  Either may come bare or inside a syslog envelope
 * ("Mar 30 15:55:20 gw pf: Mar 30 15:53:25.793256 rule 2/(match) ...").
 * Fields are read in the order tcpdump prints them: time stamp, "rule",
 * rule number and reason, action, direction, "on" and interface, then
 * the packet: source and target as ADDRESS.PORT, and the protocol's
 * own text, which determines the protocol.
 *
 * Time stamps: "Mmm dd hh:mm:ss" (OpenBSD -ttt), "Mmm dd yyyy hh:mm:ss",
 * "yyyy-mm-dd hh:mm:ss" (tcpdump.org -tttt) and epoch seconds (-tt)
 * give the packet's time, local to -z.  A stamp without a date (the
 * default time of day, or the delta of tcpdump.org -ttt) and no stamp
 * at all (-t) take the time of the syslog envelope; without an
 * envelope such a line is rejected, because no date can be known.
 *
 * Actions: block and synproxy-drop are drops, pass is an accept,
 * match (a "match log" rule, whose final verdict is not in the log) is
 * an event with unknown action.  "pass out" is skipped: it is the
 * host's own or forwarded outbound traffic that pf let through.  nat,
 * binat, rdr, scrub and defer lines are skipped: they log an address
 * translation or normalisation, not a filter decision.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Source of the packet's time. */
enum stamp_kind {
	STAMP_NONE,		/* no time stamp (tcpdump -t) */
	STAMP_DATE,		/* a full date and time */
	STAMP_NODATE,		/* time of day or delta: no date */
};

/* "<PRI>" at the start of a line: its length, or 0. */
static size_t
pri_len(const char *s, size_t len)
{
	size_t i = 1;

	if (len < 3 || s[0] != '<')
		return 0;
	while (i < len && i < 5 && fmt_isdigit(s[i]))
		i++;
	return i > 1 && i < len && s[i] == '>' ? i + 1 : 0;
}

/* "hh:mm:ss" with optional ".fraction": its length, or 0. */
static size_t
clock_len(const char *s, size_t len)
{
	size_t n = 8;

	if (len < 8 || !fmt_isdigit(s[0]) || !fmt_isdigit(s[1]) ||
	    s[2] != ':' || !fmt_isdigit(s[3]) || !fmt_isdigit(s[4]) ||
	    s[5] != ':' || !fmt_isdigit(s[6]) || !fmt_isdigit(s[7]))
		return 0;
	if (n + 1 < len && s[n] == '.' && fmt_isdigit(s[n + 1])) {
		n++;
		while (n < len && fmt_isdigit(s[n]))
			n++;
	}
	return n;
}

static int
days_in_month(int year, int mon)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (mon == 1 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return days[mon];
}

/*
 * "Mmm dd yyyy hh:mm:ss[.frac]", local to tz.  Returns its length or 0.
 */
static size_t
parse_stamp_year(const char *s, size_t len, const struct mnw_tz *tz,
    time_t *out)
{
	struct tm tm;
	unsigned long long v;
	size_t n;
	int mon, day;

	if (len < 20 || s[3] != ' ' || s[6] != ' ' || s[11] != ' ' ||
	    (mon = mnw_month_from_abbr(s)) < 0)
		return 0;
	if (s[4] == ' ' && fmt_isdigit(s[5]))
		day = s[5] - '0';
	else if (fmt_uint(s + 4, 2, 31, &v) == 0)
		day = (int)v;
	else
		return 0;
	if (fmt_uint(s + 7, 4, 9999, &v) == -1 || v < 1970)
		return 0;
	if (day < 1 || day > days_in_month((int)v, mon))
		return 0;
	if ((n = clock_len(s + 12, len - 12)) == 0)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)v - 1900;
	tm.tm_mon = mon;
	tm.tm_mday = day;
	tm.tm_hour = (s[12] - '0') * 10 + (s[13] - '0');
	tm.tm_min = (s[15] - '0') * 10 + (s[16] - '0');
	tm.tm_sec = (s[18] - '0') * 10 + (s[19] - '0');
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return 0;
	if (tm.tm_sec == 60)
		tm.tm_sec = 59;	/* a leap second; time_t has no room */
	if (mnw_tz_mktime(tz, &tm, out) == -1)
		return 0;
	return 12 + n;
}

/*
 * Read the time stamp at s, if any.  Returns its length (0 if there is
 * none) and sets *kind; *out is set for STAMP_DATE.  ref is the time
 * near which a date without a year lies.
 */
static size_t
parse_stamp(const char *s, size_t len, const struct mnw_parse_ctx *ctx,
    time_t ref, enum stamp_kind *kind, time_t *out)
{
	size_t n, i;

	*kind = STAMP_NONE;
	if (len == 0)
		return 0;
	if (fmt_isalpha(s[0]) && len > 4 && s[3] == ' ') {
		if ((n = parse_stamp_year(s, len, &ctx->tz, out)) > 0 ||
		    (n = mnw_time_parse_bsd(s, len, &ctx->tz, ref,
		    out)) > 0) {
			*kind = STAMP_DATE;
			return n;
		}
		return 0;
	}
	if (fmt_isdigit(s[0]) && len > 10 && s[4] == '-' && s[7] == '-') {
		if ((n = mnw_time_parse_iso(s, len, &ctx->tz, out)) > 0)
			*kind = STAMP_DATE;
		return n;
	}
	/* Epoch seconds with a fraction (tcpdump -tt). */
	for (i = 0; i < len && fmt_isdigit(s[i]); i++)
		;
	if (i >= 9 && i < len && s[i] == '.') {
		if ((n = mnw_time_parse_epoch(s, len, out)) > 0)
			*kind = STAMP_DATE;
		return n;
	}
	/* A time of day, or a delta that tcpdump.org -ttt prints with a
	 * leading space or minus sign. */
	i = (s[0] == '-' || s[0] == ' ') ? 1 : 0;
	if ((n = clock_len(s + i, len - i)) > 0) {
		*kind = STAMP_NODATE;
		return i + n;
	}
	return 0;
}

/*
 * Split "ADDRESS.PORT" or "ADDRESS" (tcpdump -n).  The port is the
 * part after the last dot, and an IPv4 address alone has three dots,
 * so the whole word is tried as an address first.  *port is -1 when
 * there is none.  Returns 0, -1 if no address can be read, or -2 if
 * the address is good but the port is not.
 */
static int
split_addr_port(const char *s, size_t n, struct mnw_addr *a, int *port)
{
	const char *dot;

	*port = -1;
	if (mnw_addr_parse(a, s, n) == 0)
		return 0;
	for (dot = s + n; dot > s && dot[-1] != '.'; dot--)
		;
	if (dot == s)
		return -1;
	if (mnw_addr_parse(a, s, (size_t)(dot - 1 - s)) == -1)
		return -1;
	if (fmt_port(dot, (size_t)(s + n - dot), port) == -1)
		return -2;
	return 0;
}

/* Text after "icmp: " or "ICMP ": type and code where tcpdump's words
 * name them.  Unknown words leave both -1. */
static void
icmp4_type(const char *s, size_t n, struct mnw_event *ev)
{
	static const struct {
		const char *text;
		int type, code;
	} exact[] = {
		{ "echo request", 8, 0 }, { "echo reply", 0, 0 },
		{ "time stamp request", 13, 0 }, { "time stamp reply", 14, 0 },
		{ "source quench", 4, 0 },
		{ "router solicitation", 10, 0 },
		{ "router advertisement", 9, 0 },
		{ "address mask request", 17, 0 },
		{ "address mask is", 18, 0 },
		{ "information request", 15, 0 },
		{ "information reply", 16, 0 },
		{ "time exceeded in-transit", 11, 0 },
		{ "ip reassembly time exceeded", 11, 1 },
		{ "parameter problem", 12, -1 },
		{ "redirect", 5, -1 },
	};
	struct fmt_cur c = { s, s + n };
	const char *w1, *w2, *w3;
	size_t n1, n2, n3;

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		if (fmt_prefix(s, n, exact[i].text)) {
			ev->icmp_type = exact[i].type;
			ev->icmp_code = exact[i].code;
			return;
		}
	}
	/*
	 * Unreachable: "net X unreachable", "host X unreachable",
	 * "X protocol N unreachable", "X udp port N unreachable", and
	 * "... unreachable - need to frag (mtu N)".  X is an address from
	 * inside the ICMP payload: it is skipped, never read.
	 */
	n1 = fmt_word(&c, &w1);
	fmt_eatc(&c, ' ');
	n2 = fmt_word(&c, &w2);
	fmt_eatc(&c, ' ');
	n3 = fmt_word(&c, &w3);
	ev->icmp_type = -1;
	ev->icmp_code = -1;
	if (fmt_eq(w1, n1, "net") && fmt_prefix(w3, n3, "unreachable")) {
		ev->icmp_type = 3;
		ev->icmp_code = 0;
	} else if (fmt_eq(w1, n1, "host") &&
	    fmt_prefix(w3, n3, "unreachable")) {
		ev->icmp_type = 3;
		ev->icmp_code = 1;
	} else if (fmt_eq(w2, n2, "protocol")) {
		ev->icmp_type = 3;
		ev->icmp_code = 2;
	} else if ((fmt_eq(w2, n2, "udp") || fmt_eq(w2, n2, "tcp")) &&
	    fmt_eq(w3, n3, "port")) {
		ev->icmp_type = 3;
		ev->icmp_code = 3;
	} else if (fmt_prefix(w2, n2, "unreachable")) {
		ev->icmp_type = 3;
		fmt_eatc(&c, ' ');
		if (fmt_eat(&c, "- need to frag"))
			ev->icmp_code = 4;
	}
	/* "- admin prohibited" and the like refine the code. */
	if (ev->icmp_type == 3 && ev->icmp_code <= 1 &&
	    fmt_prefix(w3, n3, "unreachable")) {
		fmt_eatc(&c, ' ');
		if (fmt_eat(&c, "- admin prohibited filter"))
			ev->icmp_code = 13;
		else if (fmt_eat(&c, "- admin prohibited"))
			ev->icmp_code = ev->icmp_code == 0 ? 9 : 10;
		else if (fmt_eat(&c, "- unknown"))
			ev->icmp_code = ev->icmp_code == 0 ? 6 : 7;
	}
}

/* Text after "icmp6: " or "ICMP6, ". */
static void
icmp6_type(const char *s, size_t n, struct mnw_event *ev)
{
	static const struct {
		const char *text;
		int type, code;
	} prefix[] = {
		{ "echo request", 128, 0 }, { "echo reply", 129, 0 },
		{ "router solicitation", 133, 0 },
		{ "router advertisement", 134, 0 },
		{ "neighbor sol", 135, 0 }, { "neighbor adv", 136, 0 },
		{ "redirect", 137, 0 },
		{ "multicast listener query", 130, 0 },
		{ "multicast listener report", 131, 0 },
		{ "multicast listener done", 132, 0 },
		{ "packet too big", 2, 0 }, { "time exceeded", 3, -1 },
		{ "parameter problem", 4, -1 },
		{ "destination unreachable", 1, -1 },
	};

	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++) {
		if (fmt_prefix(s, n, prefix[i].text)) {
			ev->icmp_type = prefix[i].type;
			ev->icmp_code = prefix[i].code;
			return;
		}
	}
	/* OpenBSD: "icmp6: 2001:db8::1 unreachable port". */
	{
		struct fmt_cur c = { s, s + n };
		const char *w;
		size_t wn;

		(void)fmt_word(&c, &w);
		fmt_eatc(&c, ' ');
		wn = fmt_word(&c, &w);
		if (fmt_eq(w, wn, "unreachable"))
			ev->icmp_type = 1;
	}
}

/* TCP flag letters inside tcpdump.org's "Flags [...]": '.' is ACK. */
static int
flags_bracketed(const char *s, size_t n, int *flags)
{
	int f = 0;

	if (fmt_eq(s, n, "none")) {
		*flags = 0;
		return 0;
	}
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'S': f |= MNW_TCP_SYN; break;
		case 'F': f |= MNW_TCP_FIN; break;
		case 'R': f |= MNW_TCP_RST; break;
		case 'P': f |= MNW_TCP_PSH; break;
		case 'U': f |= MNW_TCP_URG; break;
		case 'W': f |= MNW_TCP_CWR; break;
		case 'E': f |= MNW_TCP_ECE; break;
		case '.': f |= MNW_TCP_ACK; break;
		default: return -1;
		}
	}
	*flags = f;
	return 0;
}

/*
 * OpenBSD's flag word: letters S F R P W E, or "." for none of them;
 * ACK is printed later as "ack N".  A '.' after letters ("S.") is the
 * tcpdump.org notation for ACK.  Returns 0 if w is such a word.
 */
static int
flags_openbsd(const char *w, size_t n, int *flags)
{
	int f = 0;

	if (n == 0 || n > 8)
		return -1;
	if (n == 1 && w[0] == '.') {
		*flags = 0;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		switch (w[i]) {
		case 'S': f |= MNW_TCP_SYN; break;
		case 'F': f |= MNW_TCP_FIN; break;
		case 'R': f |= MNW_TCP_RST; break;
		case 'P': f |= MNW_TCP_PSH; break;
		case 'W': f |= MNW_TCP_CWR; break;
		case 'E': f |= MNW_TCP_ECE; break;
		case 'U': f |= MNW_TCP_URG; break;
		case '.':
			if (i == 0)
				return -1;
			f |= MNW_TCP_ACK;
			break;
		default: return -1;
		}
	}
	*flags = f;
	return 0;
}

/*
 * After OpenBSD's flag word: "[tcp sum ok]"-style notes, the sequence
 * range "N:N(N)", then "ack N" when ACK is set.  1 if "ack" is there.
 */
static int
openbsd_has_ack(struct fmt_cur c)
{
	const char *w;
	size_t n;

	for (int words = 0; words < 4 && !fmt_at_end(&c); words++) {
		fmt_skip_spaces(&c);
		if (!fmt_at_end(&c) && *c.p == '[') {
			if (!fmt_skip_group(&c, '[', ']'))
				return 0;
			continue;
		}
		n = fmt_word(&c, &w);
		if (fmt_eq(w, n, "ack"))
			return 1;
		if (n == 0 || !fmt_isdigit(w[0]))
			return 0;	/* "win", "urg", options: no ack */
	}
	return 0;
}

/*
 * The protocol's text after "SRC > DST: ".  Sets proto, flags and the
 * ICMP type.  Returns NULL, or a reason to reject the line.
 */
static const char *
read_payload(struct fmt_cur *c, int has_ports, struct mnw_event *ev)
{
	const char *s = c->p, *w;
	size_t n = (size_t)(c->end - c->p), wn;
	struct fmt_cur t = *c;

	if (fmt_prefix(s, n, "icmp: ") || fmt_prefix(s, n, "ICMP ")) {
		size_t skip = s[0] == 'i' ? 6 : 5;

		ev->proto = 1;
		icmp4_type(s + skip, n - skip, ev);
		return NULL;
	}
	if (fmt_prefix(s, n, "icmp6: ") || fmt_prefix(s, n, "ICMP6, ")) {
		ev->proto = 58;
		icmp6_type(s + 7, n - 7, ev);
		return NULL;
	}
	if (!has_ports) {
		static const struct {
			const char *text;
			int proto;
		} named[] = {
			{ "igmp", 2 }, { "IGMP", 2 }, { "gre", 47 },
			{ "GRE", 47 }, { "esp", 50 }, { "ESP", 50 },
			{ "ah", 51 }, { "AH", 51 }, { "carp", 112 },
			{ "CARP", 112 }, { "VRRP", 112 }, { "vrrp", 112 },
			{ "pim", 103 }, { "PIM", 103 }, { "OSPF", 89 },
			{ "ospf", 89 },
		};
		unsigned long long v;

		wn = fmt_word(&t, &w);
		if (fmt_prefix(w, wn, "ip-proto-") &&
		    fmt_uint(w + 9, wn - 9, 255, &v) == 0) {
			ev->proto = (int)v;
			return NULL;
		}
		for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
			size_t l = strlen(named[i].text);

			/* "gre", "GREv0,", "ESP(spi=...)", "igmp query" */
			if (wn >= l && memcmp(w, named[i].text, l) == 0 &&
			    (wn == l || !fmt_isalpha(w[l]) ||
			    (w[l] == 'v' && wn > l + 1 &&
			    fmt_isdigit(w[l + 1])))) {
				ev->proto = named[i].proto;
				return NULL;
			}
		}
		return "unknown protocol";
	}

	/* With ports: TCP if the text has TCP's shape, else UDP. */
	/* tcpdump prints "[|tcp]" when the snapshot ends inside the TCP
	 * header: the protocol is known, the flags are not. */
	if (fmt_prefix(s, n, "[|tcp]")) {
		ev->tcpflags = -1;
		ev->proto = 6;
		return NULL;
	}
	if (fmt_eat(&t, "Flags [")) {
		const char *fs;
		size_t fn = fmt_until(&t, ']', &fs);

		if (fmt_at_end(&t) || flags_bracketed(fs, fn, &ev->tcpflags))
			return "invalid tcp flags";
		ev->proto = 6;
		return NULL;
	}
	wn = fmt_word(&t, &w);
	if (flags_openbsd(w, wn, &ev->tcpflags) == 0 &&
	    (fmt_at_end(&t) || *t.p == ' ')) {
		ev->proto = 6;
		if (openbsd_has_ack(t))
			ev->tcpflags |= MNW_TCP_ACK;
		return NULL;
	}
	if (fmt_prefix(w, wn, "sctp") || fmt_prefix(w, wn, "[|sctp]")) {
		ev->proto = 132;
		return NULL;
	}
	/*
	 * "udp 57" (OpenBSD), "UDP, length 57" (tcpdump.org), or the text
	 * of an application protocol that tcpdump decoded from a UDP
	 * port (DNS, NTP, ...), which does not name UDP.
	 * NOTE: a protocol with ports other than TCP, UDP and SCTP (DCCP,
	 * UDP-Lite) is read as UDP here.
	 */
	ev->tcpflags = -1;
	ev->proto = 17;
	return NULL;
}

/*
 * Parse from "rule " to the end of the line.  On MNW_PARSE_NO the event
 * is unchanged.
 */
static enum mnw_parse_result
parse_rule(struct fmt_cur *c, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *w, *src, *dst, *act, *dir;
	size_t n, srcn, dstn, actn, dirn;
	const char *problem;
	int outbound;

	if (!fmt_eat(c, "rule "))
		return MNW_PARSE_NO;
	/*
	 * The header up to the interface must be pf's in every word, else
	 * the line is left to the other formats: an iptables log prefix
	 * can start with "rule " too.
	 * Rule words: "4/(match)", "4/match:", "0/0(match):",
	 * "3.anchor.2/(match)", "def/(match)", "4/(unkn 23)".
	 */
	n = fmt_word(c, &w);
	if (n == 0 || memchr(w, '/', n) == NULL)
		return MNW_PARSE_NO;
	if (memchr(w, '(', n) != NULL && memchr(w, ')', n) == NULL) {
		const char *close = memchr(c->p, ')', (size_t)(c->end - c->p));

		if (close == NULL)
			return MNW_PARSE_NO;
		c->p = close + 1;
	}
	fmt_skip_spaces(c);
	if (!fmt_at_end(c) && *c->p == '[') {	/* "[uid 0, pid 10758]" */
		if (!fmt_skip_group(c, '[', ']'))
			return MNW_PARSE_NO;
		fmt_eatc(c, ':');
		fmt_skip_spaces(c);
	}

	actn = fmt_word(c, &act);
	if (!fmt_eatc(c, ' '))
		return MNW_PARSE_NO;
	dirn = fmt_word(c, &dir);
	if (!fmt_eat(c, " on "))
		return MNW_PARSE_NO;
	n = fmt_word(c, &w);		/* "em0:" */
	if (n < 2 || w[n - 1] != ':')
		return MNW_PARSE_NO;
	if (fmt_eq(dir, dirn, "out"))
		outbound = 1;
	else if (fmt_eq(dir, dirn, "in") || fmt_eq(dir, dirn, "in/out"))
		outbound = 0;
	else
		return MNW_PARSE_NO;

	if (fmt_eq(act, actn, "block") || fmt_eq(act, actn, "synproxy-drop"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(act, actn, "pass")) {
		if (outbound)
			return fmt_skip(reason, value, valuelen,
			    "outbound traffic allowed", NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
	} else if (fmt_eq(act, actn, "match"))
		ev->action = MNW_ACTION_UNKNOWN;
	else if (fmt_eq(act, actn, "nat") || fmt_eq(act, actn, "binat") ||
	    fmt_eq(act, actn, "rdr") || fmt_eq(act, actn, "scrub") ||
	    fmt_eq(act, actn, "defer"))
		return fmt_skip(reason, value, valuelen,
		    "not a filter decision", act, actn);
	else
		return MNW_PARSE_NO;

	/* Notes OpenBSD prints with -v before the packet. */
	fmt_skip_spaces(c);
	while (!fmt_at_end(c) && *c->p == '[') {
		if (!fmt_skip_group(c, '[', ']'))
			return fmt_reject(reason, value, valuelen,
			    "truncated packet", NULL, 0);
		fmt_skip_spaces(c);
	}
	/* tcpdump.org -v: "(tos 0x0, ttl 64, ..., length 60) " */
	if (!fmt_at_end(c) && *c->p == '(') {
		if (!fmt_skip_group(c, '(', ')'))
			return fmt_reject(reason, value, valuelen,
			    "truncated packet", NULL, 0);
		fmt_skip_spaces(c);
	}
	if (!fmt_eat(c, "IP "))
		(void)fmt_eat(c, "IP6 ");

	srcn = fmt_word(c, &src);
	if (!fmt_eat(c, " > "))
		return fmt_reject(reason, value, valuelen,
		    "truncated packet", src, srcn);
	dstn = fmt_word(c, &dst);
	if (dstn < 2 || dst[dstn - 1] != ':')
		return fmt_reject(reason, value, valuelen,
		    "truncated packet", dst, dstn);
	dstn--;
	fmt_skip_spaces(c);

	switch (split_addr_port(src, srcn, &ev->src, &ev->sport)) {
	case -1:
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", src, srcn);
	case -2:
		return fmt_reject(reason, value, valuelen,
		    "invalid source port", src, srcn);
	}
	switch (split_addr_port(dst, dstn, &ev->dst, &ev->dport)) {
	case -1:
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", dst, dstn);
	case -2:
		return fmt_reject(reason, value, valuelen,
		    "invalid target port", dst, dstn);
	}
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", dst, dstn);
	if ((ev->sport < 0) != (ev->dport < 0))
		return fmt_reject(reason, value, valuelen,
		    "port on one side only", dst, dstn);

	if ((problem = read_payload(c, ev->sport >= 0, ev)) != NULL) {
		n = fmt_word(c, &w);
		return fmt_reject(reason, value, valuelen, problem, w, n);
	}
	if (!fmt_proto_has_ports(ev->proto)) {
		if (ev->sport >= 0)
			return fmt_reject(reason, value, valuelen,
			    "ports on a protocol without ports", dst, dstn);
	}
	if (ev->proto != 6)
		ev->tcpflags = -1;
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
pf_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c;
	enum stamp_kind kind;
	enum mnw_parse_result r;
	const char *text;
	size_t textlen, n;
	time_t t = 0, ref;
	int bare;

	ref = env->has_time ? env->time : ctx->ref;

	/*
	 * First the line itself: tcpdump output that no syslog daemon
	 * wrapped.  Its "Mmm dd hh:mm:ss.frac rule" start looks like a
	 * syslog header to the envelope step, which then takes "rule"
	 * for a host name.  Then the envelope's message.
	 */
	n = pri_len(line, len);
	text = line + n;
	textlen = len - n;
	bare = 1;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (env->msg == text || env->msg == line)
				return MNW_PARSE_NO;
			text = env->msg;
			textlen = env->msglen;
			bare = 0;
		}
		n = parse_stamp(text, textlen, ctx, ref, &kind, &t);
		if (kind != STAMP_NONE && (n >= textlen || text[n] != ' '))
			continue;
		if (kind != STAMP_NONE)
			n++;
		if (fmt_prefix(text + n, textlen - n, "rule "))
			break;
		if (pass == 1)
			return MNW_PARSE_NO;
	}

	c.p = text + n;
	c.end = text + textlen;
	if ((r = parse_rule(&c, ev, reason, value, valuelen)) !=
	    MNW_PARSE_EVENT)
		return r;

	if (bare) {
		/* No envelope: whatever the envelope step read as a host
		 * was part of the tcpdump text. */
		ev->host[0] = '\0';
	}
	if (kind == STAMP_DATE)
		ev->time = t;
	else if (bare || !env->has_time)
		return fmt_reject(reason, value, valuelen,
		    "time stamp without a date", text, n > 0 ? n - 1 : 0);
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_pf = {
	.name = "pf",
	.description = "OpenBSD and FreeBSD pf log as tcpdump -n -e prints it",
	.parse = pf_parse,
	.free_state = NULL,
};
