/*
 * fmt_sidewinder.c: Secure Computing Sidewinder (Sidewinder G2, later
 * McAfee Firewall Enterprise) audit records sent through syslog by
 * auditd, comma-separated key=value pairs after the tag.
 *
 *   Dec  4 19:10:59 fw1 auditd: date="Dec  4 19:10:59 2026 UTC",
 *       fac=f_ping_proxy,area=a_proxy,type=t_nettraffic,pri=p_major,
 *       pid=311,...,event=proxy traffic denied,srcip=192.0.2.7,
 *       srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6,...
 *
 * (one line, written for this comment).  A value is either quoted
 * ("...", no escapes) or runs to the next comma, spaces included
 * ("event=access deny").  A key read twice, text that is not a pair,
 * a quoted value not followed by a comma, or an unterminated quote
 * rejects the line, so that a quoted reason= or information= text
 * cannot supply a key.
 *
 * Sources (read for the layout, nothing copied): the audit field
 * table of the Sidewinder G2 6.1 Administration Guide (srcip, dstip,
 * srcport, dstport, burbs), the Snare Central page "Log Types:
 * SidewinderFirewallLog" (a t_attack sample with event "ACL deny",
 * attackip and protocol=6, and its field list: attackip is the
 * "attack IP address"), and the OSSEC documentation's Sidewinder
 * sample.
 *
 * Events:
 *   type=t_nettraffic  event deny, ACL deny, access deny or proxy
 *                      traffic denied: drop; other events skipped
 *   type=t_attack      the same events: drop; any other: alert
 * Every other type is skipped.
 *
 * The source is srcip=, the peer of the connection the firewall saw.
 * attackip= is not read: in the Snare sample it equals srcip, but in
 * a sendmail record it differs, and no document describes how sendmail
 * chose it (a mail header that the sender wrote could name anyone).
 * Without dstip= the target is the firewall itself (0.0.0.0 or ::),
 * as for a sendmail record about its own SMTP server.  protocol= is a
 * number or a name; without it the protocol is unknown.  The time is
 * the syslog header's, or date="Mon dd hh:mm:ss yyyy ZONE" when the
 * header has none (a zone fmt_zone.h does not know: the -z zone).
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"
#include "fmt_zone.h"

enum sw_key {
	K_DATE, K_TYPE, K_EVENT, K_SRC, K_SPORT, K_DST, K_DPORT, K_PROTO,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"date", "type", "event", "srcip", "srcport", "dstip", "dstport",
	"protocol",
};

/*
 * Read the comma-separated pairs of p..end into v (zeroed by the
 * caller).  Returns 0, or -1 with *reason and the offending text set.
 */
static int
read_pairs(const char *p, const char *end, struct fmt_kv_value *v,
    const char **reason, const char **bad, size_t *badlen)
{
	while (p < end) {
		const char *k = p, *val;
		size_t kn, vn;

		while (p < end && (fmt_isalpha(*p) || fmt_isdigit(*p) ||
		    *p == '_'))
			p++;
		kn = (size_t)(p - k);
		if (kn == 0 || kn > FMT_KV_KEY_MAX || p >= end || *p != '=') {
			*reason = "invalid key=value text";
			*bad = k;
			*badlen = (size_t)(end - k) < 32 ? (size_t)(end - k) :
			    32;
			return -1;
		}
		p++;
		if (p < end && *p == '"') {
			const char *q;

			val = p + 1;
			q = memchr(val, '"', (size_t)(end - val));
			if (q == NULL) {
				*reason = "unterminated quoted value";
				*bad = k;
				*badlen = kn;
				return -1;
			}
			vn = (size_t)(q - val);
			p = q + 1;
			if (p < end && *p != ',') {
				*reason = "invalid key=value text";
				*bad = k;
				*badlen = kn;
				return -1;
			}
		} else {
			const char *q = memchr(p, ',', (size_t)(end - p));

			val = p;
			p = q != NULL ? q : end;
			vn = (size_t)(p - val);
		}
		if (p < end)
			p++;	/* the comma */
		for (size_t i = 0; i < K_COUNT; i++) {
			if (!fmt_eq(k, kn, key_names[i]))
				continue;
			if (v[i].seen) {
				*reason = "repeated key";
				*bad = k;
				*badlen = kn;
				return -1;
			}
			v[i].seen = 1;
			v[i].s = val;
			v[i].n = vn;
			break;
		}
	}
	return 0;
}

/* Read date="Oct 23 17:03:55 2008 GMT", the day space-padded or not. */
static int
read_date(const char *s, size_t n, const struct mnw_tz *ztz, time_t *t)
{
	struct fmt_cur c = { s, s + n };
	struct mnw_tz tz = *ztz;
	char buf[20], mon[4];
	const char *w;
	size_t wn;
	int m, minutes;

	if (n < 3)
		return -1;
	memcpy(mon, s, 3);
	mon[3] = '\0';
	if ((m = mnw_month_from_abbr(mon)) == -1)
		return -1;
	c.p += 3;
	fmt_skip_spaces(&c);
	wn = fmt_word(&c, &w);				/* day */
	if (wn < 1 || wn > 2 || !fmt_isdigit(w[0]) ||
	    (wn == 2 && !fmt_isdigit(w[1])))
		return -1;
	buf[8] = wn == 2 ? w[0] : '0';
	buf[9] = w[wn - 1];
	fmt_skip_spaces(&c);
	if (fmt_word(&c, &w) != 8)			/* hh:mm:ss */
		return -1;
	memcpy(buf + 11, w, 8);
	fmt_skip_spaces(&c);
	if (fmt_word(&c, &w) != 4)			/* year */
		return -1;
	memcpy(buf, w, 4);
	buf[4] = '-';
	buf[5] = (char)('0' + (m + 1) / 10);
	buf[6] = (char)('0' + (m + 1) % 10);
	buf[7] = '-';
	buf[10] = 'T';
	fmt_skip_spaces(&c);
	if ((wn = fmt_word(&c, &w)) > 0 && fmt_zone_offset(w, wn, &minutes)) {
		tz.fixed = 1;
		tz.offset = (long)minutes * 60;
	}
	fmt_skip_spaces(&c);
	if (!fmt_at_end(&c))
		return -1;
	return mnw_time_parse_iso(buf, 19, &tz, t) == 19 ? 0 : -1;
}

/* The events that mean the firewall denied the connection. */
static int
is_denied(const struct fmt_kv_value *e)
{
	return fmt_eq(e->s, e->n, "deny") ||
	    fmt_eq(e->s, e->n, "ACL deny") ||
	    fmt_eq(e->s, e->n, "access deny") ||
	    fmt_eq(e->s, e->n, "proxy traffic denied");
}

static enum mnw_parse_result
sidewinder_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	const char *s = env->msg, *end = env->msg + env->msglen;
	const struct fmt_kv_value *ty, *e;

	(void)line;
	(void)len;
	if (!fmt_eq(env->tag, env->taglen, "auditd") ||
	    !fmt_prefix(s, (size_t)(end - s), "date=\""))
		return MNW_PARSE_NO;
	memset(v, 0, sizeof(v));
	if (read_pairs(s, end, v, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_TYPE].seen)
		return MNW_PARSE_NO;

	ty = &v[K_TYPE];
	e = &v[K_EVENT];
	if (fmt_eq(ty->s, ty->n, "t_nettraffic")) {
		if (!is_denied(e))
			return fmt_skip(reason, value, valuelen,
			    "not a denied connection", e->s, e->n);
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(ty->s, ty->n, "t_attack")) {
		ev->action = is_denied(e) ? MNW_ACTION_DROP : MNW_ACTION_ALERT;
	} else {
		return fmt_skip(reason, value, valuelen,
		    "not a traffic or attack record", ty->s, ty->n);
	}

	if (!env->has_time && read_date(v[K_DATE].s, v[K_DATE].n, &ctx->tz,
	    &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    v[K_DATE].s, v[K_DATE].n);
	if (!v[K_SRC].seen || mnw_addr_parse(&ev->src, v[K_SRC].s,
	    v[K_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (v[K_DST].seen) {
		if (mnw_addr_parse(&ev->dst, v[K_DST].s, v[K_DST].n) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target address", v[K_DST].s,
			    v[K_DST].n);
		if (!fmt_families_match(ev))
			return fmt_reject(reason, value, valuelen,
			    "source and target address families differ",
			    NULL, 0);
	} else {
		memset(&ev->dst, 0, sizeof(ev->dst));
		ev->dst.family = ev->src.family;
	}
	if (v[K_PROTO].seen) {
		if ((ev->proto = mnw_proto_parse(v[K_PROTO].s,
		    v[K_PROTO].n)) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", v[K_PROTO].s, v[K_PROTO].n);
		if (ev->proto == 1 && ev->src.family == 6)
			ev->proto = 58;
	}
	if (!fmt_proto_is_icmp(ev->proto)) {
		if (v[K_SPORT].seen && fmt_port(v[K_SPORT].s, v[K_SPORT].n,
		    &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", v[K_SPORT].s, v[K_SPORT].n);
		if (v[K_DPORT].seen && fmt_port(v[K_DPORT].s, v[K_DPORT].n,
		    &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[K_DPORT].s, v[K_DPORT].n);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_sidewinder = {
	.name = "sidewinder",
	.description = "Sidewinder / McAfee Firewall Enterprise audit logs",
	.parse = sidewinder_parse,
	.free_state = NULL,
};
