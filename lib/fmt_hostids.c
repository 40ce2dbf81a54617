/*
 * fmt_hostids.c: host-based scan detectors that log the packets sent to
 * the logging host: PortSentry, scanlogd and iplog.
 *
 * None of them writes the address that was scanned, except scanlogd,
 * so the target is the unspecified address of the source's family
 * (0.0.0.0 or ::), that is, the logging host itself.  Where they print
 * a reverse DNS name (which the scanner's network controls) before the
 * address, the address is read from its fixed place at the end of that
 * part, never from the name.
 *
 * portsentry  portsentry.history and portsentry.blocked.*:
 *               1796411459 - 12/04/2026 19:10:59 Host: NAME/ADDR
 *               Port: 23 TCP Blocked
 *             and its syslog alerts (tag "portsentry"):
 *               attackalert: Connect from host: NAME/ADDR to TCP port: 23
 *               attackalert: SYN/Normal scan from host: NAME/ADDR to TCP
 *               port: 23
 *             A Blocked line is a drop (the host was blocked after
 *             it reached the port).  An alert has no action: in its
 *             classic modes PortSentry accepts the connection before
 *             it blocks the host.  Other portsentry messages are
 *             skipped.
 *
 * scanlogd    "SRC to DST ports P1, P2, ..., FLAGS, TOS xx[, TTL n]
 *             @hh:mm:ss" (tag "scanlogd"): one event per line with the
 *             number of ports listed as the count and no target port,
 *             since the line stands for a scan of many ports.  Action
 *             unknown: scanlogd only watches.
 *
 * iplog       "TCP: SERVICE connection attempt from [NAME (]ADDR[)]:PORT"
 *             (tag "iplog", or the tag "TCP" when iplog logs without
 *             its name): the service name, or "port N", gives the
 *             target port.  Action unknown.  Its scan summaries and
 *             other messages are skipped.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Set the target to the logging host (0.0.0.0 or ::). */
static void
set_local_target(struct mnw_event *ev)
{
	memset(&ev->dst, 0, sizeof(ev->dst));
	ev->dst.family = ev->src.family;
}

/* ---- portsentry --------------------------------------------------- */

/*
 * "NAME/ADDR": the address after the last slash.  NAME may itself hold
 * slashes; the address never does.
 */
static int
read_name_addr(const char *w, size_t n, struct mnw_addr *a)
{
	size_t k = n;

	while (k > 0 && w[k - 1] != '/')
		k--;
	if (k == 0)
		return -1;
	return mnw_addr_parse(a, w + k, n - k);
}

/* The word that ends at end (after the last space before it). */
static size_t
word_before(const char *start, const char *end, const char **w)
{
	const char *p = end;

	while (p > start && p[-1] != ' ')
		p--;
	*w = p;
	return (size_t)(end - p);
}

static enum mnw_parse_result
read_portsentry_history(const char *s, const char *end,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	struct fmt_cur c = { s, end };
	const char *w, *hp, *pp, *proto;
	size_t n, hn, pn, protolen;
	unsigned long long t;

	/* EPOCH - MM/DD/YYYY hh:mm:ss Host: NAME/ADDR Port: N PROTO Blocked */
	n = fmt_word(&c, &w);
	if (fmt_uint(w, n, 99999999999ULL, &t) == -1 || !fmt_eat(&c, " - "))
		return MNW_PARSE_NO;
	/* The date repeats the epoch in local time: checked, not read. */
	if (c.end - c.p < 26 || c.p[2] != '/' || c.p[5] != '/' ||
	    c.p[10] != ' ' || c.p[13] != ':' || c.p[16] != ':' ||
	    c.p[19] != ' ')
		return MNW_PARSE_NO;
	c.p += 20;
	if (!fmt_eat(&c, "Host: "))
		return MNW_PARSE_NO;
	/* From the end: "Port: N PROTO Blocked" */
	if (end - c.p < 8 || memcmp(end - 8, " Blocked", 8) != 0)
		return fmt_skip(reason, value, valuelen,
		    "not a blocked host line", NULL, 0);
	protolen = word_before(c.p, end - 8, &proto);
	pn = word_before(c.p, proto - 1, &pp);
	n = word_before(c.p, pp - 1, &w);
	if (proto == c.p || pp == c.p || w == c.p ||
	    !fmt_eq(w, n, "Port:"))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	hn = word_before(c.p, w - 1, &hp);
	if ((ev->proto = mnw_proto_parse(proto, protolen)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    proto, protolen);
	if (fmt_port(pp, pn, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target port", pp, pn);
	if (read_name_addr(hp, hn, &ev->src) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", hp, hn);
	ev->time = (time_t)t;
	set_local_target(ev);
	ev->action = MNW_ACTION_DROP;
	return MNW_PARSE_EVENT;
}

/* "attackalert: ... from host: NAME/ADDR to PROTO port: N" */
static enum mnw_parse_result
read_portsentry_alert(const char *s, const char *end, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *pp, *w, *proto, *hp;
	size_t pn, n, protolen, hn;

	if (!fmt_prefix(s, (size_t)(end - s), "attackalert: "))
		return fmt_skip(reason, value, valuelen,
		    "not an attack alert", NULL, 0);
	pn = word_before(s, end, &pp);
	n = word_before(s, pp - 1, &w);
	if (pp == s || w == s || !fmt_eq(w, n, "port:"))
		return fmt_skip(reason, value, valuelen,
		    "not an attack alert", NULL, 0);
	protolen = word_before(s, w - 1, &proto);
	n = word_before(s, proto - 1, &w);
	if (proto == s || w == s || !fmt_eq(w, n, "to"))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	hn = word_before(s, w - 1, &hp);
	n = word_before(s, hp - 1, &w);
	if (hp == s || !fmt_eq(w, n, "host:"))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	if ((ev->proto = mnw_proto_parse(proto, protolen)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    proto, protolen);
	if (fmt_port(pp, pn, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target port", pp, pn);
	if (read_name_addr(hp, hn, &ev->src) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", hp, hn);
	set_local_target(ev);
	ev->action = MNW_ACTION_UNKNOWN;
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
portsentry_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	(void)ctx;
	if (fmt_eq(env->tag, env->taglen, "portsentry"))
		return read_portsentry_alert(env->msg, env->msg + env->msglen,
		    ev, reason, value, valuelen);
	if (len > 0 && fmt_isdigit(line[0]))
		return read_portsentry_history(line, line + len, ev, reason,
		    value, valuelen);
	return MNW_PARSE_NO;
}

/* ---- scanlogd ----------------------------------------------------- */

static enum mnw_parse_result
scanlogd_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	const char *w;
	size_t n;
	unsigned long count = 0;

	(void)ctx;
	(void)line;
	(void)len;
	if (!fmt_eq(env->tag, env->taglen, "scanlogd"))
		return MNW_PARSE_NO;
	/* "SRC to DST ports " */
	n = fmt_word(&c, &w);
	if (mnw_addr_parse(&ev->src, w, n) == -1) {
		if (!fmt_prefix(c.p, (size_t)(c.end - c.p), " to "))
			return fmt_skip(reason, value, valuelen,
			    "not a scan report", NULL, 0);
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", w, n);
	}
	if (!fmt_eat(&c, " to "))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	n = fmt_word(&c, &w);
	if (mnw_addr_parse(&ev->dst, w, n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", w, n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (!fmt_eat(&c, " ports "))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	/* "P1, P2, ..., FLAGS, TOS xx": count the ports. */
	for (;;) {
		int port;

		n = fmt_until(&c, ',', &w);
		if (fmt_at_end(&c))
			return fmt_reject(reason, value, valuelen,
			    "unexpected message text", NULL, 0);
		if (fmt_eq(w, n, "..."))
			;
		else if (fmt_port(w, n, &port) == 0)
			count++;
		else
			break;	/* the flags */
		c.p++;
		fmt_skip_spaces(&c);
	}
	if (count == 0)
		return fmt_reject(reason, value, valuelen, "missing ports",
		    NULL, 0);
	ev->proto = 6;
	ev->count = count;
	ev->action = MNW_ACTION_UNKNOWN;
	return MNW_PARSE_EVENT;
}

/* ---- iplog -------------------------------------------------------- */

/* Service names iplog prints from the services database, for the ports
 * that scans hit most.  NOTE: a name missing here rejects the line. */
static const struct {
	const char *name;
	int port;
} services[] = {
	{ "ftp-data", 20 }, { "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 },
	{ "smtp", 25 }, { "domain", 53 }, { "http", 80 }, { "www", 80 },
	{ "pop3", 110 }, { "sunrpc", 111 }, { "auth", 113 },
	{ "ident", 113 }, { "nntp", 119 }, { "ntp", 123 },
	{ "epmap", 135 }, { "loc-srv", 135 }, { "netbios-ns", 137 },
	{ "netbios-dgm", 138 }, { "netbios-ssn", 139 }, { "imap", 143 },
	{ "imap2", 143 }, { "snmp", 161 }, { "ldap", 389 },
	{ "https", 443 }, { "microsoft-ds", 445 }, { "submission", 587 },
	{ "ldaps", 636 }, { "imaps", 993 }, { "pop3s", 995 },
	{ "socks", 1080 }, { "ms-sql-s", 1433 }, { "pptp", 1723 },
	{ "nfs", 2049 }, { "mysql", 3306 }, { "rdp", 3389 },
	{ "ms-wbt-server", 3389 }, { "rtsp", 554 }, { "sip", 5060 },
	{ "postgresql", 5432 }, { "vnc", 5900 }, { "x11", 6000 },
	{ "http-alt", 8080 }, { "webcache", 8080 },
};

static enum mnw_parse_result
iplog_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	const char *w, *end, *colon, *addr;
	size_t n, addrlen, i;

	(void)ctx;
	(void)line;
	(void)len;
	if (fmt_eq(env->tag, env->taglen, "iplog")) {
		if (!fmt_eat(&c, "TCP: "))
			return fmt_skip(reason, value, valuelen,
			    "not a tcp connection attempt", NULL, 0);
	} else if (!fmt_eq(env->tag, env->taglen, "TCP")) {
		return MNW_PARSE_NO;
	}

	/* "SERVICE connection attempt from ..." or "port N connection...";
	 * "port scan detected ..." sums up attempts logged one by one. */
	if (fmt_prefix(c.p, (size_t)(c.end - c.p), "port scan "))
		return fmt_skip(reason, value, valuelen, "port scan summary",
		    NULL, 0);
	if (fmt_eat(&c, "port ")) {
		n = fmt_word(&c, &w);
		if (fmt_port(w, n, &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", w, n);
	} else {
		n = fmt_word(&c, &w);
		for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
			if (fmt_eq(w, n, services[i].name))
				break;
		if (!fmt_prefix(c.p, (size_t)(c.end - c.p),
		    " connection attempt from "))
			return fmt_skip(reason, value, valuelen,
			    "not a tcp connection attempt", NULL, 0);
		if (i == sizeof(services) / sizeof(services[0]))
			return fmt_reject(reason, value, valuelen,
			    "unknown service name", w, n);
		ev->dport = services[i].port;
	}
	if (!fmt_eat(&c, " connection attempt from "))
		return fmt_skip(reason, value, valuelen,
		    "not a tcp connection attempt", NULL, 0);

	/* The last word: "(ADDR):PORT" after a name, or "ADDR:PORT". */
	end = c.end;
	while (end > c.p && end[-1] == ' ')
		end--;
	n = word_before(c.p, end, &w);
	colon = NULL;
	for (size_t k = n; k > 0; k--)
		if (w[k - 1] == ':') {
			colon = w + k - 1;
			break;
		}
	if (colon == NULL)
		return fmt_reject(reason, value, valuelen,
		    "missing source port", w, n);
	if (fmt_port(colon + 1, (size_t)(w + n - colon - 1), &ev->sport) ==
	    -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source port", colon + 1,
		    (size_t)(w + n - colon - 1));
	addr = w;
	addrlen = (size_t)(colon - w);
	if (addrlen >= 2 && addr[0] == '(' && addr[addrlen - 1] == ')') {
		addr++;
		addrlen -= 2;
	}
	if (mnw_addr_parse(&ev->src, addr, addrlen) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", addr, addrlen);
	ev->proto = 6;
	set_local_target(ev);
	ev->action = MNW_ACTION_UNKNOWN;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_portsentry = {
	.name = "portsentry",
	.description = "PortSentry blocked hosts and attack alerts",
	.parse = portsentry_parse,
	.free_state = NULL,
};

const struct mnw_format mnw_format_scanlogd = {
	.name = "scanlogd",
	.description = "scanlogd port scan reports",
	.parse = scanlogd_parse,
	.free_state = NULL,
};

const struct mnw_format mnw_format_iplog = {
	.name = "iplog",
	.description = "iplog TCP connection attempts",
	.parse = iplog_parse,
	.free_state = NULL,
};
