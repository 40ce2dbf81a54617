/*
 * fmt_juniper.c: Juniper SRX (Junos) denied sessions and screen alarms,
 * and NetScreen (ScreenOS) traffic logs and attack alarms.
 *
 * Junos writes RT_FLOW_SESSION_DENY and the RT_SCREEN_* alarms in two
 * shapes.  With "structured-data" the fields are RFC 5424 structured
 * data, whether in an RFC 5424 envelope or relayed inside a BSD syslog
 * message ("Dec  4 ... junos-flow: 2026-12-04T19:10:59.803Z srx1
 * RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39
 * source-address="192.0.2.7" source-port="4123" ...]").  Only the
 * parameters named below are read, each at most once.  Without it the
 * message is text in a fixed word order:
 *
 *   RT_FLOW_SESSION_DENY: session denied 192.0.2.7/4123->198.51.100.9/22
 *       junos-ssh 6(0) deny-all untrust trust ...
 *
 * (one line), where the words are source/port->target/port, service
 * name, protocol(ICMP type).  RT_FLOW_SESSION_CREATE and _CLOSE
 * (allowed traffic) and other Junos messages are skipped.
 *
 * ScreenOS lines start "NetScreen device_id=ID  [VSYS]system-LEVEL-
 * NNNNN(traffic): " followed by key=value pairs in a fixed order
 * (start_time, duration, policy_id, service, proto, src zone, dst zone,
 * action, sent, rcvd, src, dst, src_port, dst_port, ...); action Deny
 * is a drop, Reject a reject, Permit an accept.  Attack alarms read
 * "NAME! From A[:P] to B[:P], proto P (zone Z, int I). Occurred N
 * times."  The attack names are ScreenOS's own text.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Structured data parameters read, by index. */
enum sd_param {
	SD_SRC, SD_SPORT, SD_DST, SD_DPORT, SD_PROTO, SD_ICMP_TYPE,
	SD_ACTION, SD_COUNT
};

static const char *const sd_names[SD_COUNT] = {
	"source-address", "source-port", "destination-address",
	"destination-port", "protocol-id", "icmp-type", "action",
};

struct sd_value {
	const char *s;
	size_t n;
	int seen;
};

/*
 * Read the first SD element at s ("[junos@... k="v" ...]") and store
 * the parameters named in sd_names.  A value with a backslash escape
 * or a parameter seen twice is an error.  Returns 0 or -1 with
 * *reason set.
 */
static int
read_sd(const char *s, const char *end, struct sd_value *v,
    const char **reason)
{
	const char *p = s;

	if (p >= end || *p != '[')
		return *reason = "missing structured data", -1;
	while (p < end && *p != ' ' && *p != ']')
		p++;		/* the SD-ID */
	while (p < end && *p == ' ') {
		const char *name, *val;
		size_t namelen, vallen;
		int escaped = 0;

		p++;
		name = p;
		while (p < end && *p != '=' && *p != ' ' && *p != ']')
			p++;
		namelen = (size_t)(p - name);
		if (p + 1 >= end || p[0] != '=' || p[1] != '"')
			return *reason = "invalid structured data", -1;
		p += 2;
		val = p;
		while (p < end && *p != '"') {
			if (*p == '\\') {
				escaped = 1;
				p++;
			}
			p++;
		}
		if (p >= end)
			return *reason = "invalid structured data", -1;
		vallen = (size_t)(p - val);
		p++;
		for (int i = 0; i < SD_COUNT; i++) {
			if (!fmt_eq(name, namelen, sd_names[i]))
				continue;
			if (v[i].seen)
				return *reason = "repeated structured data "
				    "parameter", -1;
			if (escaped)
				return *reason = "invalid structured data", -1;
			v[i].seen = 1;
			v[i].s = val;
			v[i].n = vallen;
		}
	}
	if (p >= end || *p != ']')
		return *reason = "invalid structured data", -1;
	return 0;
}

/* An SD value as an address, a port or a byte. */
static enum mnw_parse_result
sd_event(const struct sd_value *v, int screen, int screen_proto,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	unsigned long long u;

	if (!v[SD_SRC].seen || mnw_addr_parse(&ev->src, v[SD_SRC].s,
	    v[SD_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[SD_SRC].s, v[SD_SRC].n);
	if (!v[SD_DST].seen || mnw_addr_parse(&ev->dst, v[SD_DST].s,
	    v[SD_DST].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[SD_DST].s, v[SD_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (v[SD_PROTO].seen) {
		if (fmt_uint(v[SD_PROTO].s, v[SD_PROTO].n, 255, &u) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", v[SD_PROTO].s, v[SD_PROTO].n);
		ev->proto = (int)u;
	} else if (screen_proto >= 0) {
		ev->proto = screen_proto;
	} else {
		return fmt_reject(reason, value, valuelen,
		    "missing protocol", NULL, 0);
	}
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (screen && fmt_proto_has_ports(ev->proto) && !v[SD_SPORT].seen &&
	    !v[SD_DPORT].seen) {
		/* RT_SCREEN_IP names the protocol but no ports. */
	} else if (fmt_proto_has_ports(ev->proto)) {
		if (!v[SD_SPORT].seen || fmt_port(v[SD_SPORT].s,
		    v[SD_SPORT].n, &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", v[SD_SPORT].s,
			    v[SD_SPORT].n);
		if (!v[SD_DPORT].seen || fmt_port(v[SD_DPORT].s,
		    v[SD_DPORT].n, &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[SD_DPORT].s,
			    v[SD_DPORT].n);
	} else if (fmt_proto_is_icmp(ev->proto) && v[SD_ICMP_TYPE].seen) {
		if (fmt_byte(v[SD_ICMP_TYPE].s, v[SD_ICMP_TYPE].n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[SD_ICMP_TYPE].s,
			    v[SD_ICMP_TYPE].n);
	}
	return MNW_PARSE_EVENT;
}

/* The protocol that an RT_SCREEN_ message implies, or -1. */
static int
screen_protocol(const char *msgid, size_t n)
{
	if (fmt_eq(msgid, n, "RT_SCREEN_TCP"))
		return 6;
	if (fmt_eq(msgid, n, "RT_SCREEN_UDP"))
		return 17;
	if (fmt_eq(msgid, n, "RT_SCREEN_ICMP"))
		return 1;
	return -1;
}

/* Kind of a Junos message of the RT_FLOW or RT_IDS facility: 'D' for a
 * denied session, 'S' for a screen alarm, 'O' for any other. */
static int
junos_kind(const char *msgid, size_t n)
{
	if (fmt_eq(msgid, n, "RT_FLOW_SESSION_DENY"))
		return 'D';
	if (fmt_prefix(msgid, n, "RT_SCREEN_"))
		return 'S';
	return 'O';
}

/* 1 if app is a Junos facility whose messages this format reads. */
static int
junos_app(const char *app, size_t n)
{
	return fmt_eq(app, n, "RT_FLOW") || fmt_eq(app, n, "RT_IDS");
}

/* Structured data of message msgid at sd. */
static enum mnw_parse_result
read_junos_sd(const char *msgid, size_t msgidlen, const char *sd,
    const char *end, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	struct sd_value v[SD_COUNT];
	int kind = junos_kind(msgid, msgidlen);

	if (kind == 'O')
		return fmt_skip(reason, value, valuelen,
		    "not a denied session or screen alarm", NULL, 0);
	memset(v, 0, sizeof(v));
	if (read_sd(sd, end, v, reason) == -1)
		return MNW_PARSE_REJECT;
	ev->action = MNW_ACTION_DROP;
	if (kind == 'S') {
		if (v[SD_ACTION].seen && !fmt_eq(v[SD_ACTION].s,
		    v[SD_ACTION].n, "drop"))
			ev->action = MNW_ACTION_ALERT;
		return sd_event(v, 1, screen_protocol(msgid, msgidlen), ev,
		    reason, value, valuelen);
	}
	return sd_event(v, 0, -1, ev, reason, value, valuelen);
}

/*
 * "session denied A/P->B/P SERVICE PROTO(ICMPTYPE) ...": the Junos text
 * form of RT_FLOW_SESSION_DENY, at the cursor.
 */
static enum mnw_parse_result
read_junos_text(struct fmt_cur *c, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *w, *slash, *arrow, *open;
	size_t n;
	int icmp;

	if (!fmt_eat(c, "session denied "))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	n = fmt_word(c, &w);
	/* "A/P->B/P": IPv6 addresses have no slash, so the arrow and
	 * the last slash before it split the words. */
	arrow = NULL;
	for (size_t k = 0; k + 2 <= n; k++)
		if (w[k] == '-' && w[k + 1] == '>') {
			arrow = w + k;
			break;
		}
	if (arrow == NULL)
		return fmt_reject(reason, value, valuelen,
		    "missing source and target", w, n);
	slash = memchr(w, '/', (size_t)(arrow - w));
	if (slash == NULL || mnw_addr_parse(&ev->src, w,
	    (size_t)(slash - w)) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", w, (size_t)(arrow - w));
	if (fmt_port(slash + 1, (size_t)(arrow - slash - 1), &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source port", slash + 1,
		    (size_t)(arrow - slash - 1));
	arrow += 2;
	slash = memchr(arrow, '/', (size_t)(w + n - arrow));
	if (slash == NULL || mnw_addr_parse(&ev->dst, arrow,
	    (size_t)(slash - arrow)) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", arrow, (size_t)(w + n - arrow));
	if (fmt_port(slash + 1, (size_t)(w + n - slash - 1), &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target port", slash + 1,
		    (size_t)(w + n - slash - 1));
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	/* Service name, then "PROTO(ICMPTYPE)". */
	if (!fmt_eatc(c, ' ') || fmt_word(c, &w) == 0 || !fmt_eatc(c, ' '))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	n = fmt_word(c, &w);
	open = memchr(w, '(', n);
	if (open == NULL || w[n - 1] != ')')
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	if ((ev->proto = mnw_proto_parse(w, (size_t)(open - w))) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	if (fmt_byte(open + 1, (size_t)(w + n - open - 2), &icmp) == -1)
		return fmt_reject(reason, value, valuelen, "invalid icmp type",
		    w, n);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_is_icmp(ev->proto)) {
		ev->icmp_type = icmp;
		ev->sport = ev->dport = -1;
	} else if (!fmt_proto_has_ports(ev->proto)) {
		ev->sport = ev->dport = -1;
	}
	ev->action = MNW_ACTION_DROP;
	return MNW_PARSE_EVENT;
}

/*
 * An RFC 5424 header "TS HOST APP PROCID MSGID " at s (as Junos writes
 * it inside a BSD syslog message).  Returns the MSGID and the start of
 * the SD, or 0 if s has not this shape.
 */
static int
read_inner_5424(const char *s, const char *end, const struct mnw_tz *tz,
    time_t *t, const char **msgid, size_t *msgidlen, const char **sd)
{
	struct fmt_cur c = { s, end };
	const char *w;
	size_t n;

	if ((n = mnw_time_parse_iso(s, (size_t)(end - s), tz, t)) == 0)
		return 0;
	c.p += n;
	/* HOST, APP (a Junos facility), PROCID.  The APP word is read into
	 * w before junos_app() looks at it: the order in which a call's
	 * arguments are evaluated is unspecified. */
	if (!fmt_eatc(&c, ' ') || fmt_word(&c, &w) == 0 || !fmt_eatc(&c, ' '))
		return 0;
	n = fmt_word(&c, &w);
	if (!junos_app(w, n) || !fmt_eatc(&c, ' ') || fmt_word(&c, &w) == 0)
		return 0;
	if (!fmt_eatc(&c, ' ') || (*msgidlen = fmt_word(&c, msgid)) == 0 ||
	    !fmt_eatc(&c, ' '))
		return 0;
	*sd = c.p;
	return 1;
}

/* The RFC 5424 MSGID and SD of line, whose envelope step found an
 * RFC 5424 header. */
static int
find_5424_sd(const char *line, size_t len, const char **msgid,
    size_t *msgidlen, const char **sd)
{
	struct fmt_cur c = { line, line + len };
	const char *w;
	const char *gt = memchr(line, '>', len);

	if (gt == NULL)
		return 0;
	c.p = gt + 1;
	if (!fmt_eat(&c, "1 "))
		return 0;
	for (int i = 0; i < 4; i++)
		if (fmt_word(&c, &w) == 0 || !fmt_eatc(&c, ' '))
			return 0;
	if ((*msgidlen = fmt_word(&c, msgid)) == 0 || !fmt_eatc(&c, ' '))
		return 0;
	*sd = c.p;
	return 1;
}

/* ---- NetScreen ---------------------------------------------------- */

/* The value of "key=" as a word in the traffic text, at most once. */
struct ns_field {
	const char *key;
	const char *s;
	size_t n;
	int seen;
};

enum { NS_PROTO, NS_ACTION, NS_SRC, NS_DST, NS_SPORT, NS_DPORT,
	NS_ICMP_TYPE, NS_COUNT };

static enum mnw_parse_result
read_netscreen_traffic(struct fmt_cur *c, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct ns_field f[NS_COUNT] = {
		{ "proto=", NULL, 0, 0 }, { "action=", NULL, 0, 0 },
		{ "src=", NULL, 0, 0 }, { "dst=", NULL, 0, 0 },
		{ "src_port=", NULL, 0, 0 }, { "dst_port=", NULL, 0, 0 },
		{ "type=", NULL, 0, 0 },
	};
	const char *w, *prev = NULL;
	size_t n, prevlen = 0;
	unsigned long long u;

	/* Keys in the device's order up to the translated addresses:
	 * "src-xlated ip=..." repeats address keys of another meaning. */
	while (!fmt_at_end(c)) {
		fmt_skip_spaces(c);
		n = fmt_word(c, &w);
		if (fmt_prefix(w, n, "src-xlated") ||
		    fmt_prefix(w, n, "dst-xlated") ||
		    fmt_prefix(w, n, "session_id="))
			break;
		for (int i = 0; i < NS_COUNT; i++) {
			size_t kl = strlen(f[i].key);

			if (!fmt_prefix(w, n, f[i].key))
				continue;
			/* "type=" only as "icmp type=" */
			if (i == NS_ICMP_TYPE && !fmt_eq(prev, prevlen,
			    "icmp"))
				continue;
			if (f[i].seen)
				return fmt_reject(reason, value, valuelen,
				    "repeated key", w, kl - 1);
			f[i].seen = 1;
			f[i].s = w + kl;
			f[i].n = n - kl;
		}
		prev = w;
		prevlen = n;
	}
	if (!f[NS_ACTION].seen)
		return fmt_reject(reason, value, valuelen, "missing action",
		    NULL, 0);
	if (fmt_eq(f[NS_ACTION].s, f[NS_ACTION].n, "Deny"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(f[NS_ACTION].s, f[NS_ACTION].n, "Reject"))
		ev->action = MNW_ACTION_REJECT;
	else if (fmt_eq(f[NS_ACTION].s, f[NS_ACTION].n, "Permit"))
		ev->action = MNW_ACTION_ACCEPT;
	else
		return fmt_reject(reason, value, valuelen, "invalid action",
		    f[NS_ACTION].s, f[NS_ACTION].n);
	if (!f[NS_SRC].seen || mnw_addr_parse(&ev->src, f[NS_SRC].s,
	    f[NS_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[NS_SRC].s, f[NS_SRC].n);
	if (!f[NS_DST].seen || mnw_addr_parse(&ev->dst, f[NS_DST].s,
	    f[NS_DST].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[NS_DST].s, f[NS_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (!f[NS_PROTO].seen || fmt_uint(f[NS_PROTO].s, f[NS_PROTO].n,
	    255, &u) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[NS_PROTO].s, f[NS_PROTO].n);
	ev->proto = (int)u;
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		if (!f[NS_SPORT].seen || fmt_port(f[NS_SPORT].s,
		    f[NS_SPORT].n, &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f[NS_SPORT].s,
			    f[NS_SPORT].n);
		if (!f[NS_DPORT].seen || fmt_port(f[NS_DPORT].s,
		    f[NS_DPORT].n, &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f[NS_DPORT].s,
			    f[NS_DPORT].n);
	} else if (fmt_proto_is_icmp(ev->proto) && f[NS_ICMP_TYPE].seen) {
		if (fmt_byte(f[NS_ICMP_TYPE].s, f[NS_ICMP_TYPE].n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", f[NS_ICMP_TYPE].s,
			    f[NS_ICMP_TYPE].n);
	}
	return MNW_PARSE_EVENT;
}

/* "A[:P]" of an attack alarm.  NOTE: an IPv6 address with a port is
 * not read: how ScreenOS joins the two is not known here. */
static int
read_ns_endpoint(const char *w, size_t n, struct mnw_addr *a, int *port)
{
	const char *colon = memchr(w, ':', n);

	if (colon == NULL)
		return mnw_addr_parse(a, w, n);
	if (mnw_addr_parse(a, w, (size_t)(colon - w)) == -1)
		return -1;
	return fmt_port(colon + 1, n - (size_t)(colon - w) - 1, port);
}

/*
 * "NAME! From A[:P] to B[:P], proto P (zone Z, int I). Occurred N
 * times." at the cursor.
 */
static enum mnw_parse_result
read_netscreen_attack(struct fmt_cur *c, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *mark, *w, *sw, *dw;
	size_t n, sn, dn;
	unsigned long long u;
	int sport = -1, dport = -1;

	mark = NULL;
	for (const char *p = c->p; p + 7 <= c->end; p++)
		if (memcmp(p, "! From ", 7) == 0) {
			mark = p;
			break;
		}
	if (mark == NULL)
		return fmt_skip(reason, value, valuelen,
		    "not a traffic log or attack alarm", NULL, 0);
	/* "From A[:P] to B[:P], proto ": other alarms with "! From ",
	 * such as an IPsec replay (00042), are no connection attempts. */
	c->p = mark + 7;
	sn = fmt_word(c, &sw);
	if (!fmt_eat(c, " to "))
		return fmt_skip(reason, value, valuelen,
		    "not a traffic log or attack alarm", NULL, 0);
	dn = fmt_word(c, &dw);
	if (!fmt_eat(c, " proto ") || dn == 0 || dw[dn - 1] != ',')
		return fmt_skip(reason, value, valuelen,
		    "not a traffic log or attack alarm", NULL, 0);
	if (read_ns_endpoint(sw, sn, &ev->src, &sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", sw, sn);
	if (read_ns_endpoint(dw, dn - 1, &ev->dst, &dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", dw, dn - 1);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	n = fmt_word(c, &w);
	if ((ev->proto = mnw_proto_parse(w, n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    w, n);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		if (sport < 0 || dport < 0)
			return fmt_reject(reason, value, valuelen,
			    "missing port", NULL, 0);
		ev->sport = sport;
		ev->dport = dport;
	}
	/* " (zone Z, int I). Occurred N times." */
	fmt_skip_spaces(c);
	if (!fmt_skip_group(c, '(', ')'))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	if (fmt_eat(c, ". Occurred ")) {
		n = fmt_word(c, &w);
		if (fmt_uint(w, n, 4294967295ULL, &u) == -1 || u == 0)
			return fmt_reject(reason, value, valuelen,
			    "invalid count", w, n);
		ev->count = (unsigned long)u;
	}
	ev->action = MNW_ACTION_DROP;
	return MNW_PARSE_EVENT;
}

/*
 * "NetScreen device_id=ID  [VSYS]system-LEVEL-NNNNN[(traffic)]: " or,
 * in the device's own event log, "[NNNNN] YYYY-MM-DD hh:mm:ss
 * [VSYS]system-...".  Returns 1 and moves the cursor past the colon,
 * with *traffic set to 1 for a traffic log, else 0.
 */
static int
read_netscreen_head(struct fmt_cur *c, int *traffic)
{
	const char *w;
	size_t n;

	fmt_skip_spaces(c);
	if (c->p >= c->end || *c->p != '[' || !fmt_skip_group(c, '[', ']'))
		return 0;
	if (!fmt_eat(c, "system-"))
		return 0;
	n = fmt_until(c, ':', &w);
	if (fmt_at_end(c) || n == 0 || n > 48)
		return 0;
	*traffic = n > 9 && memcmp(w + n - 9, "(traffic)", 9) == 0;
	c->p++;
	fmt_skip_spaces(c);
	return 1;
}

static enum mnw_parse_result
juniper_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	const char *msgid, *sd;
	size_t msgidlen;
	time_t t;
	int traffic;

	/* RFC 5424 envelope: the MSGID and the SD are in the header. */
	if (env->kind != NULL && strcmp(env->kind, "rfc5424") == 0 &&
	    junos_app(env->tag, env->taglen) &&
	    find_5424_sd(line, len, &msgid, &msgidlen, &sd)) {
		if (*sd == '[')
			return read_junos_sd(msgid, msgidlen, sd, env->msg,
			    ev, reason, value, valuelen);
		if (junos_kind(msgid, msgidlen) != 'D')
			return fmt_skip(reason, value, valuelen,
			    "not a denied session or screen alarm", NULL, 0);
		return read_junos_text(&c, ev, reason, value, valuelen);
	}

	/* Junos structured data relayed in a BSD syslog message. */
	if (env->msglen > 20 && fmt_isdigit(env->msg[0]) &&
	    read_inner_5424(env->msg, c.end, &ctx->tz, &t, &msgid, &msgidlen,
	    &sd) && *sd == '[') {
		ev->time = t;
		return read_junos_sd(msgid, msgidlen, sd, c.end, ev, reason,
		    value, valuelen);
	}

	/* Junos text: "RT_FLOW_SESSION_DENY: session denied ..." */
	if (fmt_eat(&c, "RT_FLOW_SESSION_DENY: ")) {
		if (!fmt_eq(env->tag, env->taglen, "RT_FLOW"))
			return MNW_PARSE_NO;
		return read_junos_text(&c, ev, reason, value, valuelen);
	}
	if (fmt_eq(env->tag, env->taglen, "RT_FLOW") && (fmt_prefix(c.p,
	    (size_t)(c.end - c.p), "RT_FLOW_SESSION_CREATE: ") ||
	    fmt_prefix(c.p, (size_t)(c.end - c.p), "RT_FLOW_SESSION_CLOSE: ")))
		return fmt_skip(reason, value, valuelen,
		    "not a denied session or screen alarm", NULL, 0);

	/* NetScreen, in syslog or in the device's own event log, where
	 * "[00001] 2007-04-01 15:32:00 [Root]system-..." starts the line. */
	if (len > 29 && line[0] == '[' && line[6] == ']' && line[7] == ' ' &&
	    line[27] == ' ' && line[28] == '[') {
		for (int i = 1; i < 6; i++)
			if (!fmt_isdigit(line[i]))
				return MNW_PARSE_NO;
		if (mnw_time_parse_iso(line + 8, 19, &ctx->tz, &t) != 19)
			return MNW_PARSE_NO;
		c.p = line + 28;
		c.end = line + len;
		if (!read_netscreen_head(&c, &traffic))
			return MNW_PARSE_NO;
		ev->time = t;
		goto body;
	}
	if (fmt_eat(&c, "NetScreen device_id=")) {
		const char *w;

		(void)fmt_word(&c, &w);
	} else {
		return MNW_PARSE_NO;
	}
	if (!read_netscreen_head(&c, &traffic))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
body:
	if (traffic)
		return read_netscreen_traffic(&c, ev, reason, value, valuelen);
	return read_netscreen_attack(&c, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_juniper = {
	.name = "juniper",
	.description = "Juniper SRX denied sessions and screens, NetScreen "
	    "traffic and attack logs",
	.parse = juniper_parse,
	.free_state = NULL,
};
