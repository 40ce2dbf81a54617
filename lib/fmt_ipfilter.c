/*
 * fmt_ipfilter.c: IP Filter (ipf) packet logs as ipmon writes them,
 * to syslog or to a file.
 *
 *   Dec  4 19:10:59 gw ipmon[81]: 19:10:59.123456 2x em0 @0:17 b
 *       192.0.2.7,4123 -> 198.51.100.9,22 PR tcp len 20 40 -S IN
 *   04/12/2026 19:10:59.123456 em0 @0:17 b 192.0.2.7,4123 ->
 *       198.51.100.9,22 PR tcp len 20 40 -S IN
 *
 * (each one line).  The syslog form (tag "ipmon") starts with the time
 * of day, whose date and zone the syslog header gives; the file form
 * starts with "DD/MM/YYYY hh:mm:ss.uuuuuu", read in the -z zone.  Then:
 * an optional repeat count "Nx" (the count), the interface,
 * "@GROUP:RULE", the action letter, SRC[,PORT] -> DST[,PORT], "PR"
 * and the protocol, "len HLEN TOTLEN", then for TCP the flags as
 * "-SA", for ICMP "icmp TYPE/CODE", and last the direction IN or OUT.
 *
 * Actions: b (block) is a drop, p (pass) an accept; other letters (L
 * for a "log" rule, n for no match, S for a short packet, A for
 * accounting) log without a verdict, so the action is unknown.  Packets
 * passed outbound (p ... OUT) are the logging host's own traffic and
 * are skipped, as are ipmon's "missed N ipf log entries" notes.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* ICMP type names that ipmon may print in place of numbers. */
static const struct {
	const char *name;
	int type;
} icmp_names[] = {
	{ "echorep", 0 }, { "unreach", 3 }, { "squench", 4 },
	{ "redir", 5 }, { "echo", 8 }, { "routerad", 9 },
	{ "routersol", 10 }, { "timex", 11 }, { "paramprob", 12 },
	{ "timest", 13 }, { "timestrep", 14 }, { "inforeq", 15 },
	{ "inforep", 16 }, { "maskreq", 17 }, { "maskrep", 18 },
};

static int
read_icmp_type(const char *s, size_t n, int *type)
{
	if (fmt_byte(s, n, type) == 0)
		return 0;
	for (size_t i = 0; i < sizeof(icmp_names) / sizeof(icmp_names[0]);
	    i++)
		if (fmt_eq(s, n, icmp_names[i].name)) {
			*type = icmp_names[i].type;
			return 0;
		}
	return -1;
}

/* "ADDR" or "ADDR,PORT" (the comma also for IPv6). */
static int
read_endpoint(const char *w, size_t n, int ports, struct mnw_addr *a,
    int *port)
{
	const char *comma = memchr(w, ',', n);

	if (ports) {
		if (comma == NULL)
			return -1;
		if (mnw_addr_parse(a, w, (size_t)(comma - w)) == -1)
			return -1;
		return fmt_port(comma + 1, (size_t)(w + n - comma - 1), port);
	}
	if (comma != NULL)
		return -1;
	return mnw_addr_parse(a, w, n);
}

/* "DD/MM/YYYY hh:mm:ss" at s, local to tz. */
static int
read_file_date(const char *s, size_t n, const struct mnw_tz *tz, time_t *t)
{
	char buf[19];

	if (n < 19 || s[2] != '/' || s[5] != '/' || s[10] != ' ')
		return -1;
	/* As "YYYY-MM-DD hh:mm:ss" for the ISO reader. */
	memcpy(buf, s + 6, 4);
	buf[4] = '-';
	memcpy(buf + 5, s + 3, 2);
	buf[7] = '-';
	memcpy(buf + 8, s, 2);
	buf[10] = ' ';
	memcpy(buf + 11, s + 11, 8);
	return mnw_time_parse_iso(buf, 19, tz, t) == 19 ? 0 : -1;
}

static enum mnw_parse_result
ipfilter_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c;
	const char *w, *src, *dst, *last;
	size_t n, srclen, dstlen, lastlen;
	unsigned long long u;
	int ports, out;
	char act;

	if (fmt_eq(env->tag, env->taglen, "ipmon")) {
		c.p = env->msg;
		c.end = env->msg + env->msglen;
		if (fmt_prefix(c.p, (size_t)(c.end - c.p), "missed "))
			return fmt_skip(reason, value, valuelen,
			    "missed log entries note", NULL, 0);
		/* hh:mm:ss.uuuuuu; the syslog header has the date. */
		n = fmt_word(&c, &w);
		if (n < 8 || w[2] != ':' || w[5] != ':')
			return fmt_skip(reason, value, valuelen,
			    "not a packet log line", NULL, 0);
	} else {
		/* The file form: the line itself, with the date. */
		time_t t;

		c.p = line;
		c.end = line + len;
		if (fmt_prefix(line, len, "missed ")) {
			c.p += 7;
			n = fmt_word(&c, &w);
			if (fmt_uint(w, n, 4294967295ULL, &u) == 0 &&
			    fmt_eat(&c, " ipf log entries"))
				return fmt_skip(reason, value, valuelen,
				    "missed log entries note", NULL, 0);
			return MNW_PARSE_NO;
		}
		if (len < 27 || line[2] != '/' || line[5] != '/' ||
		    line[10] != ' ' || line[13] != ':' || line[19] != '.')
			return MNW_PARSE_NO;
		if (read_file_date(line, len, &ctx->tz, &t) == -1)
			return MNW_PARSE_NO;
		ev->time = t;
		c.p += 19;
		(void)fmt_word(&c, &w);		/* .uuuuuu */
	}
	fmt_skip_spaces(&c);

	/* [Nx ]IFACE @GROUP:RULE ACTION */
	n = fmt_word(&c, &w);
	if (n >= 2 && w[n - 1] == 'x' && fmt_uint(w, n - 1, 4294967295ULL,
	    &u) == 0) {
		if (u == 0)
			return fmt_reject(reason, value, valuelen,
			    "invalid count", w, n);
		ev->count = (unsigned long)u;
		fmt_skip_spaces(&c);
		n = fmt_word(&c, &w);
	}
	if (n == 0 || !fmt_eatc(&c, ' ') || !fmt_eatc(&c, '@'))
		return MNW_PARSE_NO;
	(void)fmt_word(&c, &w);
	if (!fmt_eatc(&c, ' ') || (n = fmt_word(&c, &w)) != 1)
		return MNW_PARSE_NO;
	act = w[0];

	/* SRC -> DST PR PROTO */
	if (!fmt_eatc(&c, ' '))
		return MNW_PARSE_NO;
	srclen = fmt_word(&c, &src);
	if (!fmt_eat(&c, " -> "))
		return MNW_PARSE_NO;
	dstlen = fmt_word(&c, &dst);
	if (!fmt_eat(&c, " PR "))
		return fmt_reject(reason, value, valuelen,
		    "missing protocol", NULL, 0);

	/* From here on the line is ipmon's. */
	n = fmt_word(&c, &w);
	if (fmt_eq(w, n, "ip"))
		ev->proto = 0;
	else if ((ev->proto = mnw_proto_parse(w, n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	ports = fmt_proto_has_ports(ev->proto);
	if (read_endpoint(src, srclen, ports, &ev->src, &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", src, srclen);
	if (read_endpoint(dst, dstlen, ports, &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", dst, dstlen);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;

	/* The rest: "len H T", flags, "icmp T/C", ..., IN or OUT last. */
	last = NULL;
	lastlen = 0;
	while (!fmt_at_end(&c)) {
		fmt_skip_spaces(&c);
		n = fmt_word(&c, &w);
		if (n == 0)
			continue;
		if (ev->proto == 6 && w[0] == '-' && n > 1 &&
		    ev->tcpflags == -1) {
			/* ipmon's letters: F S R P A U E C */
			if (mnw_tcpflags_parse(w + 1, n - 1, &ev->tcpflags) ==
			    -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid tcp flags", w, n);
		} else if (fmt_eq(w, n, "icmp") &&
		    fmt_proto_is_icmp(ev->proto) && ev->icmp_type == -1) {
			const char *t, *slash;
			size_t tn;

			(void)fmt_eatc(&c, ' ');
			tn = fmt_word(&c, &t);
			slash = memchr(t, '/', tn);
			if (slash == NULL || read_icmp_type(t,
			    (size_t)(slash - t), &ev->icmp_type) == -1 ||
			    fmt_byte(slash + 1, tn - (size_t)(slash - t) - 1,
			    &ev->icmp_code) == -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", t, tn);
		}
		last = w;
		lastlen = n;
	}
	if (fmt_eq(last, lastlen, "IN"))
		out = 0;
	else if (fmt_eq(last, lastlen, "OUT"))
		out = 1;
	else
		return fmt_reject(reason, value, valuelen,
		    "missing direction", last, lastlen);

	switch (act) {
	case 'b':
		ev->action = MNW_ACTION_DROP;
		break;
	case 'p':
		if (out)
			return fmt_skip(reason, value, valuelen,
			    "outbound packet let through", NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
		break;
	default:
		ev->action = MNW_ACTION_UNKNOWN;
		break;
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_ipfilter = {
	.name = "ipfilter",
	.description = "IP Filter packet logs from ipmon",
	.parse = ipfilter_parse,
	.free_state = NULL,
};
