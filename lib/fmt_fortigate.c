/*
 * fmt_fortigate.c: Fortinet FortiGate (FortiOS) traffic and intrusion
 * logs, key=value pairs in syslog or as the device writes them to disk.
 *
 *   date=2026-12-04 time=19:10:59 devname="fw1" devid="FGT60E" tz="+0100"
 *       logid="0000000013" type="traffic" subtype="forward" srcip=192.0.2.7
 *       srcport=4123 srcintf="wan1" srcintfrole="wan" dstip=198.51.100.9
 *       dstport=22 proto=6 action="deny" policyid=0 service="SSH" ...
 *
 * (one line).  The pairs are read in order, a value either quoted
 * (with backslash escapes) or up to the next space, so a quoted value
 * (a URL, a user name, a host name the client sent) cannot supply a
 * key.  A key that is read and appears twice rejects the line, as does
 * text that is not a key=value pair.  FortiOS 4 names the keys src, dst,
 * src_port, dst_port and status in place of srcip, dstip, srcport,
 * dstport and action; both are read, and status is the action only
 * when there is no action= (later versions use status= for other
 * things).
 *
 * Events:
 *   type=traffic   action deny or block: drop; any other action
 *                  (accept, close, timeout, server-rst, ...): accept,
 *                  but skipped when srcintfrole is "lan" (the inside
 *                  host's own traffic)
 *   type=utm subtype=ips or anomaly, and FortiOS 4's type=ips and
 *   type=anomaly   action dropped, blocked, reset or clear_session:
 *                  drop; any other: alert.  Ports may be missing (an
 *                  anomaly of the IP header), and count= is the count
 * Every other type (event, utm virus, webfilter, ...) is skipped.
 *
 * The time is date= and time=, in the zone of tz= when present, else
 * in the -z zone.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"

enum fg_key {
	K_DATE, K_TIME, K_TZ, K_TYPE, K_SUBTYPE, K_ACTION, K_STATUS, K_SRC,
	K_DST, K_SPORT, K_DPORT, K_PROTO, K_ICMPTYPE, K_ICMPCODE, K_SRCROLE,
	K_REPEATS, K_COUNT
};

/* Key names, FortiOS 5 and later first, then FortiOS 4's, and the
 * value each one fills. */
static const char *const key_names[] = {
	"date", "time", "tz", "type", "subtype", "action", "status",
	"srcip", "src", "dstip", "dst", "srcport", "src_port", "dstport",
	"dst_port", "proto", "icmptype", "icmpcode", "srcintfrole", "count",
};
static const int key_map[] = {
	K_DATE, K_TIME, K_TZ, K_TYPE, K_SUBTYPE, K_ACTION, K_STATUS,
	K_SRC, K_SRC, K_DST, K_DST, K_SPORT, K_SPORT, K_DPORT,
	K_DPORT, K_PROTO, K_ICMPTYPE, K_ICMPCODE, K_SRCROLE, K_REPEATS,
};

/* "0x08" or "8": an ICMP type or code. */
static int
read_icmp_byte(const char *s, size_t n, int *out)
{
	int v = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (n > 4)
			return -1;
		for (size_t i = 2; i < n; i++) {
			int c = (unsigned char)s[i];

			if (fmt_isdigit(c))
				v = v * 16 + (c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v * 16 + (c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v = v * 16 + (c - 'A' + 10);
			else
				return -1;
		}
		*out = v;
		return 0;
	}
	return fmt_byte(s, n, out);
}

/* date= time= tz= as one time. */
static int
read_time(const struct fmt_kv_value *v, const struct mnw_tz *tz, time_t *t)
{
	char buf[32];
	size_t n;

	if (v[K_DATE].n != 10 || v[K_TIME].n != 8)
		return -1;
	memcpy(buf, v[K_DATE].s, 10);
	buf[10] = 'T';
	memcpy(buf + 11, v[K_TIME].s, 8);
	n = 19;
	if (v[K_TZ].seen) {
		if (v[K_TZ].n != 5 || (v[K_TZ].s[0] != '+' &&
		    v[K_TZ].s[0] != '-'))
			return -1;
		memcpy(buf + n, v[K_TZ].s, 5);
		n += 5;
	}
	return mnw_time_parse_iso(buf, n, tz, t) == n ? 0 : -1;
}

static enum mnw_parse_result
fortigate_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	const char *s = env->msg, *end = env->msg + env->msglen;
	const struct fmt_kv_value *ty, *sub, *act;
	int intrusion;
	unsigned long long u;

	(void)line;
	(void)len;
	/* FortiOS lines start with date= (or logver= and then date=), and
	 * FortiOS writes no program tag. */
	if (env->taglen > 0)
		return MNW_PARSE_NO;
	if (!fmt_prefix(s, (size_t)(end - s), "date=") &&
	    !fmt_prefix(s, (size_t)(end - s), "logver="))
		return MNW_PARSE_NO;
	memset(v, 0, sizeof(v));
	if (fmt_kv_read(s, end, key_names, key_map, sizeof(key_names) /
	    sizeof(key_names[0]), v, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_TYPE].seen || !v[K_DATE].seen || !v[K_TIME].seen)
		return MNW_PARSE_NO;

	ty = &v[K_TYPE];
	sub = &v[K_SUBTYPE];
	act = v[K_ACTION].seen ? &v[K_ACTION] : &v[K_STATUS];
	if (fmt_eq(ty->s, ty->n, "traffic"))
		intrusion = 0;
	else if ((fmt_eq(ty->s, ty->n, "utm") && (fmt_eq(sub->s, sub->n,
	    "ips") || fmt_eq(sub->s, sub->n, "anomaly"))) ||
	    fmt_eq(ty->s, ty->n, "ips") || fmt_eq(ty->s, ty->n, "anomaly"))
		intrusion = 1;
	else
		return fmt_skip(reason, value, valuelen,
		    "not a traffic or intrusion log", NULL, 0);

	if (read_time(v, &ctx->tz, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    v[K_TIME].s, v[K_TIME].n);

	if (!act->seen)
		return fmt_reject(reason, value, valuelen, "missing action",
		    NULL, 0);
	if (!intrusion) {
		if (fmt_eq(act->s, act->n, "deny") ||
		    fmt_eq(act->s, act->n, "block") ||
		    fmt_eq(act->s, act->n, "blocked"))
			ev->action = MNW_ACTION_DROP;
		else if (v[K_SRCROLE].seen && fmt_eq(v[K_SRCROLE].s,
		    v[K_SRCROLE].n, "lan"))
			return fmt_skip(reason, value, valuelen,
			    "allowed traffic from a lan interface", NULL, 0);
		else
			ev->action = MNW_ACTION_ACCEPT;
	} else {
		if (fmt_eq(act->s, act->n, "dropped") ||
		    fmt_eq(act->s, act->n, "blocked") ||
		    fmt_eq(act->s, act->n, "reset") ||
		    fmt_eq(act->s, act->n, "clear_session"))
			ev->action = MNW_ACTION_DROP;
		else
			ev->action = MNW_ACTION_ALERT;
	}

	if (!v[K_SRC].seen || v[K_SRC].escaped ||
	    mnw_addr_parse(&ev->src, v[K_SRC].s, v[K_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (!v[K_DST].seen || v[K_DST].escaped ||
	    mnw_addr_parse(&ev->dst, v[K_DST].s, v[K_DST].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[K_DST].s, v[K_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (!v[K_PROTO].seen || fmt_uint(v[K_PROTO].s, v[K_PROTO].n, 255,
	    &u) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    v[K_PROTO].s, v[K_PROTO].n);
	ev->proto = (int)u;
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (intrusion && v[K_REPEATS].seen) {
		if (fmt_uint(v[K_REPEATS].s, v[K_REPEATS].n, 4294967295ULL,
		    &u) == -1 || u == 0)
			return fmt_reject(reason, value, valuelen,
			    "invalid count", v[K_REPEATS].s, v[K_REPEATS].n);
		ev->count = (unsigned long)u;
	}
	if (intrusion && fmt_proto_has_ports(ev->proto) &&
	    !v[K_SPORT].seen && !v[K_DPORT].seen) {
		/* An anomaly of the IP header names no ports. */
	} else if (fmt_proto_has_ports(ev->proto)) {
		if (!v[K_SPORT].seen || fmt_port(v[K_SPORT].s, v[K_SPORT].n,
		    &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", v[K_SPORT].s, v[K_SPORT].n);
		if (!v[K_DPORT].seen || fmt_port(v[K_DPORT].s, v[K_DPORT].n,
		    &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[K_DPORT].s, v[K_DPORT].n);
	} else if (fmt_proto_is_icmp(ev->proto) && v[K_ICMPTYPE].seen) {
		if (read_icmp_byte(v[K_ICMPTYPE].s, v[K_ICMPTYPE].n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_ICMPTYPE].s,
			    v[K_ICMPTYPE].n);
		if (v[K_ICMPCODE].seen && read_icmp_byte(v[K_ICMPCODE].s,
		    v[K_ICMPCODE].n, &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_ICMPCODE].s,
			    v[K_ICMPCODE].n);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_fortigate = {
	.name = "fortigate",
	.description = "Fortinet FortiGate traffic and intrusion logs",
	.parse = fortigate_parse,
	.free_state = NULL,
};
