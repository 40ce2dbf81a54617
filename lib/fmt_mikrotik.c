/*
 * fmt_mikrotik.c: MikroTik RouterOS firewall log lines and login
 * failures, as RouterOS sends them to a remote syslog server.
 *
 *   2026-12-04T19:10:59+00:00 gw firewall,info drop-in input:
 *       in:ether1-WAN out:(unknown 0), connection-state:new
 *       src-mac 00:11:22:33:44:55, proto TCP (SYN),
 *       192.0.2.7:4123->198.51.100.9:23, len 40
 *   Dec  4 19:10:59 gw system,error,critical login failure for user
 *       admin from 192.0.2.7 via ssh
 *
 * (each one line).  The message starts with the log topics
 * ("firewall,info"); a firewall line then has the rule's log prefix
 * (text the administrator chose), the chain, and ": in:" where the
 * fields that RouterOS writes begin: "in:IF out:IF, [connection-state:
 * S ][src-mac M, ]proto P[ (FLAGS)], SRC->DST, ...".  Addresses carry
 * ":PORT" for TCP and UDP, IPv6 addresses in brackets; ICMP writes
 * "proto ICMP (type T, code C)".
 *
 * RouterOS does not log what the rule did, so the action is taken from
 * the first word of the prefix that names one (drop, deny, block,
 * reject, accept, allow); without one it is unknown.
 *
 * "login failure for user NAME from ADDR via SERVICE" is a failed login
 * (action auth-fail) to the service's port: ssh 22, telnet 23, ftp 21,
 * web 80, winbox 8291, api 8728, api-ssl 8729.  NAME is text the client
 * sent, so ADDR is read counting from the end of the message.  The
 * target is the router itself, which the line does not name: 0.0.0.0
 * or ::.  Other messages with a "firewall" or "system" topic are
 * skipped.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Action named by a word of the log prefix, or UNKNOWN. */
static enum mnw_action
action_word(const char *w, size_t n)
{
	static const struct {
		const char *word;
		enum mnw_action action;
	} words[] = {
		{ "drop", MNW_ACTION_DROP }, { "deny", MNW_ACTION_DROP },
		{ "block", MNW_ACTION_DROP }, { "reject", MNW_ACTION_REJECT },
		{ "accept", MNW_ACTION_ACCEPT }, { "allow", MNW_ACTION_ACCEPT },
	};
	char low[8];

	if (n >= sizeof(low))
		return MNW_ACTION_UNKNOWN;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (fmt_eq(low, n, words[i].word))
			return words[i].action;
	return MNW_ACTION_UNKNOWN;
}

static enum mnw_action
action_from_prefix(const char *s, const char *end)
{
	enum mnw_action a;

	while (s < end) {
		const char *w;

		while (s < end && !fmt_isalpha(*s))
			s++;
		w = s;
		while (s < end && fmt_isalpha(*s))
			s++;
		if (s > w && (a = action_word(w, (size_t)(s - w))) !=
		    MNW_ACTION_UNKNOWN)
			return a;
	}
	return MNW_ACTION_UNKNOWN;
}

/* TCP flag names as RouterOS writes them: "SYN,ACK". */
static int
read_flags(const char *s, size_t n, int *flags)
{
	static const struct {
		const char *name;
		int bit;
	} names[] = {
		{ "FIN", MNW_TCP_FIN }, { "SYN", MNW_TCP_SYN },
		{ "RST", MNW_TCP_RST }, { "PSH", MNW_TCP_PSH },
		{ "ACK", MNW_TCP_ACK }, { "URG", MNW_TCP_URG },
		{ "ECE", MNW_TCP_ECE }, { "CWR", MNW_TCP_CWR },
	};
	struct fmt_cur c = { s, s + n };
	int v = 0;

	while (!fmt_at_end(&c)) {
		const char *w;
		size_t wn = fmt_until(&c, ',', &w), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (fmt_eq(w, wn, names[i].name))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		v |= names[i].bit;
		(void)fmt_eatc(&c, ',');
	}
	*flags = v;
	return 0;
}

/* The fields after ": in:", at the cursor. */
static enum mnw_parse_result
read_firewall(struct fmt_cur *c, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *w, *arrow;
	size_t n;
	int ports;

	/* "IF out:IF, " -- interface names have no ", " */
	{
		const char *p = c->p;

		while (p + 1 < c->end && !(p[0] == ',' && p[1] == ' '))
			p++;
		if (p + 1 >= c->end)
			return fmt_reject(reason, value, valuelen,
			    "unexpected message text", NULL, 0);
		c->p = p + 2;
	}
	if (fmt_eat(c, "connection-state:")) {
		(void)fmt_word(c, &w);
		fmt_skip_spaces(c);
	}
	if (fmt_eat(c, "src-mac ")) {
		(void)fmt_until(c, ',', &w);
		if (!fmt_eat(c, ", "))
			return fmt_reject(reason, value, valuelen,
			    "unexpected message text", NULL, 0);
	}
	if (!fmt_eat(c, "proto "))
		return fmt_reject(reason, value, valuelen, "missing protocol",
		    NULL, 0);
	n = fmt_word(c, &w);
	if (n > 0 && w[n - 1] == ',')
		n--;
	if ((ev->proto = mnw_proto_parse(w, n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	c->p = w + n;
	if (fmt_eat(c, " (")) {
		const char *g;
		size_t gn = fmt_until(c, ')', &g);

		if (!fmt_eatc(c, ')'))
			return fmt_reject(reason, value, valuelen,
			    "unexpected message text", g, gn);
		if (ev->proto == 6) {
			if (read_flags(g, gn, &ev->tcpflags) == -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid tcp flags", g, gn);
		} else if (fmt_proto_is_icmp(ev->proto)) {
			/* "type T, code C" */
			struct fmt_cur t = { g, g + gn };
			const char *tw;
			size_t tn;

			if (!fmt_eat(&t, "type "))
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", g, gn);
			tn = fmt_until(&t, ',', &tw);
			if (fmt_byte(tw, tn, &ev->icmp_type) == -1 ||
			    !fmt_eat(&t, ", code "))
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", g, gn);
			tn = (size_t)(t.end - t.p);
			if (fmt_byte(t.p, tn, &ev->icmp_code) == -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", g, gn);
		}
	}
	if (!fmt_eat(c, ", "))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);

	/* "SRC->DST," */
	n = fmt_until(c, ',', &w);
	arrow = NULL;
	for (size_t k = 0; k + 2 <= n; k++)
		if (w[k] == '-' && w[k + 1] == '>') {
			arrow = w + k;
			break;
		}
	if (arrow == NULL)
		return fmt_reject(reason, value, valuelen,
		    "missing source and target", w, n);
	ports = fmt_proto_has_ports(ev->proto);
	if (fmt_endpoint(w, (size_t)(arrow - w), ports, &ev->src,
	    &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", w, (size_t)(arrow - w));
	if (fmt_endpoint(arrow + 2, (size_t)(w + n - arrow - 2), ports,
	    &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", arrow + 2,
		    (size_t)(w + n - arrow - 2));
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

/* "login failure for user NAME from ADDR via SERVICE", read from the
 * end because NAME is the client's text. */
static enum mnw_parse_result
read_login(const char *s, const char *end, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	static const struct {
		const char *name;
		int port;
	} services[] = {
		{ "ssh", 22 }, { "telnet", 23 }, { "ftp", 21 }, { "web", 80 },
		{ "winbox", 8291 }, { "api", 8728 }, { "api-ssl", 8729 },
	};
	const char *p = end, *svc, *addr;
	size_t svclen, addrlen, i;

	while (p > s && p[-1] != ' ')
		p--;
	svc = p;
	svclen = (size_t)(end - p);
	if (p - s < 5 || memcmp(p - 5, " via ", 5) != 0)
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	end = p - 5;
	p = end;
	while (p > s && p[-1] != ' ')
		p--;
	addr = p;
	addrlen = (size_t)(end - p);
	/* " from " must follow the fixed words, not be part of them. */
	if (p - s < 6 || memcmp(p - 6, " from ", 6) != 0 ||
	    p - 6 < s + strlen("login failure for user"))
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (fmt_eq(svc, svclen, services[i].name))
			break;
	if (i == sizeof(services) / sizeof(services[0]))
		return fmt_reject(reason, value, valuelen, "unknown service",
		    svc, svclen);
	if (mnw_addr_parse(&ev->src, addr, addrlen) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", addr, addrlen);
	memset(&ev->dst, 0, sizeof(ev->dst));
	ev->dst.family = ev->src.family;
	ev->proto = 6;
	ev->dport = services[i].port;
	ev->action = MNW_ACTION_AUTHFAIL;
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
mikrotik_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	const char *topics, *p;
	size_t n;
	int firewall;

	(void)ctx;
	(void)line;
	(void)len;
	/* RouterOS writes no program tag: the topics come first. */
	if (env->taglen > 0)
		return MNW_PARSE_NO;
	n = fmt_word(&c, &topics);
	if (fmt_prefix(topics, n, "firewall,"))
		firewall = 1;
	else if (fmt_prefix(topics, n, "system,"))
		firewall = 0;
	else
		return MNW_PARSE_NO;
	for (size_t i = 0; i < n; i++)
		if (!fmt_isalpha(topics[i]) && topics[i] != ',')
			return MNW_PARSE_NO;
	if (!fmt_eatc(&c, ' '))
		return MNW_PARSE_NO;

	if (!firewall) {
		if (!fmt_prefix(c.p, (size_t)(c.end - c.p),
		    "login failure for user "))
			return fmt_skip(reason, value, valuelen,
			    "not a firewall or login failure message", NULL, 0);
		return read_login(c.p, c.end, ev, reason, value, valuelen);
	}

	/* "[PREFIX ]CHAIN: in:" -- the first ": in:" ends the prefix. */
	for (p = c.p; p + 5 <= c.end; p++)
		if (memcmp(p, ": in:", 5) == 0)
			break;
	if (p + 5 > c.end)
		return fmt_skip(reason, value, valuelen,
		    "not a firewall or login failure message", NULL, 0);
	ev->action = action_from_prefix(c.p, p);
	c.p = p + 5;
	return read_firewall(&c, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_mikrotik = {
	.name = "mikrotik",
	.description = "MikroTik RouterOS firewall logs and login failures",
	.parse = mikrotik_parse,
	.free_state = NULL,
};
