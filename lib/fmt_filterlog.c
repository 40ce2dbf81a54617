/*
 * fmt_filterlog.c: pfSense and OPNsense "filterlog" lines.
 *
 * filterlog reads pf's log device and writes one comma-separated line
 * per packet through syslog, with the tag "filterlog" (BSD syslog on
 * pfSense, RFC 5424 on OPNsense).  The fields, as pfSense documents
 * them ("Raw Filter Log Format"):
 *
 *   all:   rule, sub rule, anchor, tracker, interface, reason, action,
 *          direction, ip version,
 *   IPv4:  tos, ecn, ttl, id, offset, flags, protocol id, protocol,
 *   IPv6:  class, flow label, hop limit, protocol, protocol id,
 *   both:  length, source address, target address,
 *   TCP:   source port, target port, data length, flags, sequence,
 *          ack, window, urg, options
 *   UDP:   source port, target port, data length
 *   ICMP:  icmp type word (request, reply, unreachport, ...), then
 *          type-specific fields
 *
 * for example
 *
 *   5,,,1000102433,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,
 *   192.0.2.7,198.51.100.9,51234,22,0,S,1543512,,64240,,mss
 *
 * (one line).  Only the message of a line whose program tag is
 * "filterlog" is read: another program cannot write one by accident,
 * and the tag is the one thing every filterlog line has besides the
 * fields.  The time is the envelope's: filterlog writes none.
 *
 * Actions: block is a drop, reject a reject, and pass an accept.
 * "pass" with direction "out" is skipped, because it is outbound
 * traffic that was let through.  match (a "match log" rule) gives an
 * event with unknown action.  nat, rdr, binat and scrub are skipped as
 * not a filter decision.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Fields read: the common nine, eight of IPv4, three shared, and the
 * first four protocol fields.  Later fields (TCP options) are ignored. */
#define FL_FIELDS_MAX 24

enum {
	F_RULE = 0, F_ACTION = 6, F_DIR = 7, F_IPVER = 8,
	F4_PROTOID = 15, F4_SRC = 18, F4_DST = 19, F4_NEXT = 20,
	F6_PROTOID = 13, F6_SRC = 15, F6_DST = 16, F6_NEXT = 17,
};

/* TCP flag letters as filterlog writes them: pf's "FSRPAUEW". */
static int
parse_flags(const char *s, size_t n, int *flags)
{
	int f = 0;

	if (n == 0) {
		*flags = -1;
		return 0;
	}
	if (n > 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'F': f |= MNW_TCP_FIN; break;
		case 'S': f |= MNW_TCP_SYN; break;
		case 'R': f |= MNW_TCP_RST; break;
		case 'P': f |= MNW_TCP_PSH; break;
		case 'A': f |= MNW_TCP_ACK; break;
		case 'U': f |= MNW_TCP_URG; break;
		case 'E': f |= MNW_TCP_ECE; break;
		case 'W': case 'C': f |= MNW_TCP_CWR; break;
		default: return -1;
		}
	}
	*flags = f;
	return 0;
}

/*
 * The ICMP type word of an IPv4 ICMP line.  filterlog appends the
 * packet length to the last field without a comma ("request,0,064"),
 * so the words that are last ("source quench84") are matched by
 * their start.  Unknown words leave type and code -1.
 */
static void
icmp_type(const char *s, size_t n, struct mnw_event *ev)
{
	static const struct {
		const char *word;
		int exact;
		int type, code;
	} words[] = {
		{ "request", 1, 8, 0 }, { "reply", 1, 0, 0 },
		{ "unreachproto", 1, 3, 2 }, { "unreachport", 1, 3, 3 },
		{ "needfrag", 1, 3, 4 }, { "unreach", 1, 3, -1 },
		{ "redirect", 1, 5, -1 }, { "timexceed", 1, 11, -1 },
		{ "paramprob", 1, 12, -1 }, { "maskreply", 1, 18, 0 },
		{ "tstamp", 1, 13, 0 }, { "tstampreply", 1, 14, 0 },
		{ "routeradv", 0, 9, 0 }, { "source quench", 0, 4, 0 },
		{ "router solicitation", 0, 10, 0 },
		{ "information request", 0, 15, 0 },
		{ "information reply", 0, 16, 0 },
		{ "address mask request", 0, 17, 0 },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (words[i].exact ? fmt_eq(s, n, words[i].word) :
		    fmt_prefix(s, n, words[i].word)) {
			ev->icmp_type = words[i].type;
			ev->icmp_code = words[i].code;
			return;
		}
	}
}

static enum mnw_parse_result
filterlog_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *f[FL_FIELDS_MAX];
	size_t fl[FL_FIELDS_MAX];
	const char *p, *end;
	int nf = 0, v6, src, dst, next, protoid;
	unsigned long long v;

	(void)ctx;
	(void)line;
	(void)len;
	if (!fmt_eq(env->tag, env->taglen, "filterlog"))
		return MNW_PARSE_NO;
	p = env->msg;
	end = env->msg + env->msglen;
	if (p >= end || !fmt_isdigit(*p))
		return fmt_skip(reason, value, valuelen,
		    "not a packet record", env->msg, env->msglen);

	while (nf < FL_FIELDS_MAX) {
		const char *comma = memchr(p, ',', (size_t)(end - p));

		f[nf] = p;
		fl[nf] = (size_t)((comma != NULL ? comma : end) - p);
		nf++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (nf <= F_IPVER)
		return fmt_reject(reason, value, valuelen, "too few fields",
		    NULL, 0);
	if (fmt_uint(f[F_RULE], fl[F_RULE], 0xffffffffULL, &v) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid rule number", f[F_RULE], fl[F_RULE]);

	if (fmt_eq(f[F_IPVER], fl[F_IPVER], "4")) {
		v6 = 0;
		protoid = F4_PROTOID;
		src = F4_SRC;
		dst = F4_DST;
		next = F4_NEXT;
	} else if (fmt_eq(f[F_IPVER], fl[F_IPVER], "6")) {
		v6 = 1;
		protoid = F6_PROTOID;
		src = F6_SRC;
		dst = F6_DST;
		next = F6_NEXT;
	} else
		return fmt_reject(reason, value, valuelen,
		    "invalid ip version", f[F_IPVER], fl[F_IPVER]);
	if (nf <= dst)
		return fmt_reject(reason, value, valuelen, "too few fields",
		    NULL, 0);

	if (fmt_eq(f[F_ACTION], fl[F_ACTION], "block") ||
	    fmt_eq(f[F_ACTION], fl[F_ACTION], "synproxy-drop"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(f[F_ACTION], fl[F_ACTION], "reject"))
		ev->action = MNW_ACTION_REJECT;
	else if (fmt_eq(f[F_ACTION], fl[F_ACTION], "pass")) {
		if (fmt_eq(f[F_DIR], fl[F_DIR], "out"))
			return fmt_skip(reason, value, valuelen,
			    "outbound traffic allowed", NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
	} else if (fmt_eq(f[F_ACTION], fl[F_ACTION], "match"))
		ev->action = MNW_ACTION_UNKNOWN;
	else if (fmt_eq(f[F_ACTION], fl[F_ACTION], "nat") ||
	    fmt_eq(f[F_ACTION], fl[F_ACTION], "binat") ||
	    fmt_eq(f[F_ACTION], fl[F_ACTION], "rdr") ||
	    fmt_eq(f[F_ACTION], fl[F_ACTION], "scrub"))
		return fmt_skip(reason, value, valuelen,
		    "not a filter decision", f[F_ACTION], fl[F_ACTION]);
	else
		return fmt_reject(reason, value, valuelen, "invalid action",
		    f[F_ACTION], fl[F_ACTION]);
	if (!fmt_eq(f[F_DIR], fl[F_DIR], "in") &&
	    !fmt_eq(f[F_DIR], fl[F_DIR], "out"))
		return fmt_reject(reason, value, valuelen,
		    "invalid direction", f[F_DIR], fl[F_DIR]);

	if (fmt_uint(f[protoid], fl[protoid], 255, &v) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[protoid], fl[protoid]);
	ev->proto = (int)v;
	if (mnw_addr_parse(&ev->src, f[src], fl[src]) == -1 ||
	    ev->src.family != (v6 ? 6 : 4))
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[src], fl[src]);
	if (mnw_addr_parse(&ev->dst, f[dst], fl[dst]) == -1 ||
	    ev->dst.family != (v6 ? 6 : 4))
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[dst], fl[dst]);

	if (ev->proto == 6 || ev->proto == 17) {
		if (nf <= next + 1)
			return fmt_reject(reason, value, valuelen,
			    "too few fields", NULL, 0);
		if (fmt_port(f[next], fl[next], &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f[next], fl[next]);
		if (fmt_port(f[next + 1], fl[next + 1], &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f[next + 1], fl[next + 1]);
	}
	if (ev->proto == 6) {
		if (nf <= next + 3)
			return fmt_reject(reason, value, valuelen,
			    "too few fields", NULL, 0);
		if (parse_flags(f[next + 3], fl[next + 3], &ev->tcpflags) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid tcp flags", f[next + 3], fl[next + 3]);
	}
	/* ICMPv6 lines carry no type word; IPv4 ICMP lines do, except
	 * from old versions that write "datalength=N" instead. */
	if (ev->proto == 1 && nf > next)
		icmp_type(f[next], fl[next], ev);
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_filterlog = {
	.name = "filterlog",
	.description = "pfSense and OPNsense filterlog (CSV in syslog)",
	.parse = filterlog_parse,
	.free_state = NULL,
};
