/*
 * fmt_ipfw.c: FreeBSD and macOS ipfw log lines.
 *
 *   Dec  4 19:10:59 gw ipfw: 12190 Deny TCP 192.0.2.7:4835
 *       198.51.100.9:6881 in via em0
 *   Dec  4 19:10:59 gw kernel: ipfw: 100 Deny ICMP:8.0 192.0.2.7
 *       198.51.100.9 in via em0
 *
 * (each one line).  The kernel writes "RULE ACTION PROTO SRC DST
 * DIRECTION via IF", where PROTO is "TCP", "UDP", "SCTP", "ICMP:T.C",
 * "ICMPv6:T.C" or "P:N", TCP, UDP and SCTP addresses carry ":PORT",
 * and IPv6 addresses are in brackets when they do ("[2001:db8::7]:22").
 * A fragment adds " (frag ID:OFF@LEN)" after the interface, and a
 * fragment other than the first has no ports.
 *
 * Actions: Deny is a drop; Reject, Reset and Unreach a reject; Accept an
 * accept; Count logs without a verdict (action unknown).  Lines of the
 * other actions (Divert, Tee, SkipTo, Pipe, Queue, Nat, Forward, Call,
 * ...), which pass the packet on to another rule or subsystem, are
 * skipped, as are the "limit N reached on entry R" notes.
 *
 * Lines are taken with the syslog tag "ipfw", or "kernel" (macOS:
 * "mach_kernel") with the message starting "ipfw: ".
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* "ICMP:8.0": type and code after the colon. */
static int
read_icmp(const char *s, size_t n, int *type, int *code)
{
	const char *dot = memchr(s, '.', n);

	if (dot == NULL)
		return -1;
	if (fmt_byte(s, (size_t)(dot - s), type) == -1 ||
	    fmt_byte(dot + 1, n - (size_t)(dot - s) - 1, code) == -1)
		return -1;
	return 0;
}

static enum mnw_parse_result
ipfw_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	const char *w, *src, *dst;
	size_t n, srclen, dstlen;
	unsigned long long rule;
	int ports;

	(void)ctx;
	(void)line;
	(void)len;
	if (fmt_eq(env->tag, env->taglen, "kernel") ||
	    fmt_eq(env->tag, env->taglen, "mach_kernel")) {
		if (!fmt_eat(&c, "ipfw: "))
			return MNW_PARSE_NO;
	} else if (!fmt_eq(env->tag, env->taglen, "ipfw")) {
		return MNW_PARSE_NO;
	}
	fmt_skip_spaces(&c);
	if (fmt_eat(&c, "limit "))
		return fmt_skip(reason, value, valuelen, "log limit note",
		    NULL, 0);

	/* RULE */
	n = fmt_word(&c, &w);
	if (fmt_uint(w, n, 65535, &rule) == -1)
		return fmt_skip(reason, value, valuelen,
		    "not a packet log line", NULL, 0);
	(void)fmt_eatc(&c, ' ');

	/* ACTION; Divert, Tee, SkipTo, ... carry a number or address */
	n = fmt_word(&c, &w);
	if (fmt_eq(w, n, "Deny"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(w, n, "Reject") || fmt_eq(w, n, "Reset") ||
	    fmt_eq(w, n, "Unreach") || fmt_eq(w, n, "Unreach6"))
		ev->action = MNW_ACTION_REJECT;
	else if (fmt_eq(w, n, "Accept"))
		ev->action = MNW_ACTION_ACCEPT;
	else if (fmt_eq(w, n, "Count"))
		ev->action = MNW_ACTION_UNKNOWN;
	else
		return fmt_skip(reason, value, valuelen,
		    "packet passed to another rule or subsystem", NULL, 0);
	(void)fmt_eatc(&c, ' ');
	if ((fmt_eq(w, n, "Unreach") || fmt_eq(w, n, "Unreach6"))) {
		/* "Unreach 3" or "Unreach host"; macOS Server writes no
		 * code, so a protocol word is left for the next step. */
		struct fmt_cur before = c;

		n = fmt_word(&c, &w);
		if (fmt_eq(w, n, "TCP") || fmt_eq(w, n, "UDP") ||
		    fmt_eq(w, n, "SCTP") || fmt_prefix(w, n, "ICMP") ||
		    fmt_prefix(w, n, "P:"))
			c = before;
		else
			(void)fmt_eatc(&c, ' ');
	}

	/* PROTO */
	n = fmt_word(&c, &w);
	if (fmt_eq(w, n, "TCP"))
		ev->proto = 6;
	else if (fmt_eq(w, n, "UDP"))
		ev->proto = 17;
	else if (fmt_eq(w, n, "SCTP"))
		ev->proto = 132;
	else if (fmt_prefix(w, n, "ICMP:")) {
		ev->proto = 1;
		if (read_icmp(w + 5, n - 5, &ev->icmp_type, &ev->icmp_code) ==
		    -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", w, n);
	} else if (fmt_prefix(w, n, "ICMPv6:")) {
		ev->proto = 58;
		if (read_icmp(w + 7, n - 7, &ev->icmp_type, &ev->icmp_code) ==
		    -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", w, n);
	} else if (fmt_prefix(w, n, "P:")) {
		unsigned long long p;

		if (fmt_uint(w + 2, n - 2, 255, &p) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", w, n);
		ev->proto = (int)p;
	} else {
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	}
	ports = fmt_proto_has_ports(ev->proto);

	/* SRC DST (in|out) via IF */
	if (!fmt_eatc(&c, ' '))
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	srclen = fmt_word(&c, &src);
	if (!fmt_eatc(&c, ' '))
		return fmt_reject(reason, value, valuelen,
		    "missing target address", NULL, 0);
	dstlen = fmt_word(&c, &dst);
	if (!fmt_eat(&c, " in via ") && !fmt_eat(&c, " out via ") &&
	    !fmt_eat(&c, " in recv ") && !fmt_eat(&c, " out xmit ") &&
	    !fmt_eat(&c, " out via ") && !fmt_eat(&c, " in "))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", c.p,
		    (size_t)(c.end - c.p) < 32 ? (size_t)(c.end - c.p) : 32);
	/* A later fragment has no ports: " (frag ID:OFF@LEN)" follows. */
	(void)fmt_word(&c, &w);
	if (ports && fmt_prefix(c.p, (size_t)(c.end - c.p), " (frag ") &&
	    memchr(src, ':', srclen) == NULL && src[0] != '[')
		ports = 0;
	if (fmt_endpoint(src, srclen, ports, &ev->src, &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", src, srclen);
	if (fmt_endpoint(dst, dstlen, ports, &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", dst, dstlen);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_ipfw = {
	.name = "ipfw",
	.description = "FreeBSD and macOS ipfw log lines",
	.parse = ipfw_parse,
	.free_state = NULL,
};
