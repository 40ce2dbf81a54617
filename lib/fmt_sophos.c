/*
 * fmt_sophos.c: Sophos Firewall (SFOS, XG) firewall and intrusion
 * logs, key=value pairs starting with device= or device_name=, and the
 * packet filter and IPS logs of Sophos UTM (formerly Astaro Security
 * Gateway), described after the SFOS ones.
 *
 *   device="SFW" date=2026-12-04 time=20:10:59 timezone="CET"
 *       device_name="XG210" log_id=010101600001 log_type="Firewall"
 *       log_component="Firewall Rule" log_subtype="Denied" status="Deny"
 *       ... src_ip=192.0.2.7 dst_ip=198.51.100.9 protocol="TCP"
 *       src_port=4123 dst_port=22 ...
 *
 * (one line).  The pairs are read by fmt_kv_read() (fmt_kv.h).
 * Events:
 *
 *   log_type="Firewall"  log_subtype Denied or Dropped: drop;
 *                        Allowed: accept
 *   log_type="IDP"       log_subtype Drop: drop; any other: alert
 *
 * Other log types and subtypes (Admin, Authentication, System, Virus,
 * Spam, ...) are skipped.  The time is date= and time= in the zone of
 * timezone= (an offset "+08", "+0530" or an abbreviation fmt_zone.h
 * knows); with another or no zone, in the -z zone.  The SFOS 18 form
 * with timestamp="2026-12-04T20:10:59+0100" is read too.
 *
 * Sophos UTM 9 writes its own stamp, year first, in local time, then
 * the host and the daemon, then quoted key="value" pairs starting with
 * id=:
 *
 *   2026:12:04-20:10:59 utm ulogd[5019]: id="2001" severity="info"
 *       sys="SecureNet" sub="packetfilter" name="Packet dropped"
 *       action="drop" fwrule="60001" initf="eth1" srcip="192.0.2.7"
 *       dstip="198.51.100.9" proto="6" length="60" ... srcport="4123"
 *       dstport="22" tcpflags="SYN"
 *
 * (one line).  The host may be missing.  A relay may put a BSD syslog
 * header in front, but the UTM stamp stays the time because it carries
 * the year.  Events: sub="packetfilter" with action drop or
 * reject (a drop) or accept; sub="ips" with action drop (a drop) or
 * alert.  Other subsystems (http proxy, VPN, web admin ...) are
 * skipped.  ICMP gives type= and code=.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"
#include "fmt_zone.h"

enum sf_key {
	K_DATE, K_TIME, K_ZONE, K_STAMP, K_TYPE, K_SUBTYPE, K_SRC, K_DST,
	K_PROTO, K_SPORT, K_DPORT, K_ICMPTYPE, K_ICMPCODE, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"date", "time", "timezone", "timestamp", "log_type", "log_subtype",
	"src_ip", "dst_ip", "protocol", "src_port", "dst_port", "icmp_type",
	"icmp_code",
};

/* date= time= timezone=, or timestamp= */
static int
read_time(const struct fmt_kv_value *v, const struct mnw_tz *ztz,
    time_t *t)
{
	char buf[32];
	struct mnw_tz tz = *ztz;
	int minutes;

	if (v[K_STAMP].seen)
		return v[K_STAMP].n > 0 && mnw_time_parse_iso(v[K_STAMP].s,
		    v[K_STAMP].n, ztz, t) == v[K_STAMP].n ? 0 : -1;
	if (!v[K_DATE].seen || !v[K_TIME].seen || v[K_DATE].n != 10 ||
	    v[K_TIME].n != 8)
		return -1;
	memcpy(buf, v[K_DATE].s, 10);
	buf[10] = 'T';
	memcpy(buf + 11, v[K_TIME].s, 8);
	if (v[K_ZONE].seen) {
		const char *z = v[K_ZONE].s;
		size_t zn = v[K_ZONE].n;
		unsigned long long h, m = 0;

		if ((zn == 3 || zn == 5) && (z[0] == '+' || z[0] == '-') &&
		    fmt_uint(z + 1, 2, 23, &h) == 0 &&
		    (zn == 3 || fmt_uint(z + 3, 2, 59, &m) == 0)) {
			tz.fixed = 1;
			tz.offset = (long)(h * 3600 + m * 60) *
			    (z[0] == '-' ? -1 : 1);
		} else if (fmt_zone_offset(z, zn, &minutes)) {
			tz.fixed = 1;
			tz.offset = (long)minutes * 60;
		}
	}
	return mnw_time_parse_iso(buf, 19, &tz, t) == 19 ? 0 : -1;
}

enum utm_key {
	U_SUB, U_ACTION, U_SRC, U_DST, U_PROTO, U_SPORT, U_DPORT, U_TYPE,
	U_CODE, U_FLAGS, U_COUNT
};

static const char *const utm_names[U_COUNT] = {
	"sub", "action", "srcip", "dstip", "proto", "srcport", "dstport",
	"type", "code", "tcpflags",
};

/* Read the UTM stamp "2026:12:04-20:10:59 " at s, in the -z zone.
 * Returns 1 and sets *t, or returns 0. */
static int
utm_stamp(const char *s, const char *end, const struct mnw_tz *tz,
    time_t *t)
{
	char buf[19];

	if (end - s < 20 || s[4] != ':' || s[7] != ':' || s[10] != '-' ||
	    s[13] != ':' || s[16] != ':' || s[19] != ' ')
		return 0;
	memcpy(buf, s, 19);
	buf[4] = buf[7] = '-';
	buf[10] = 'T';
	return mnw_time_parse_iso(buf, 19, tz, t) == 19;
}

static enum mnw_parse_result
utm_parse(struct mnw_parse_ctx *ctx, const struct mnw_envelope *env,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	struct fmt_kv_value v[U_COUNT];
	struct fmt_kv_conn conn;
	enum mnw_parse_result r;
	const char *s = env->msg, *end = env->msg + env->msglen, *w;
	const char *host = NULL;
	size_t hostn = 0;
	int tagged = 0;
	const struct fmt_kv_value *sub, *act;
	time_t t;

	if (utm_stamp(s, end, &ctx->tz, &t)) {
		/* Skip the optional host and the "daemon[pid]:" tag. */
		s += 20;
		for (int words = 0; words < 2; words++) {
			for (w = s; s < end && *s != ' '; s++)
				;
			if (s == w || s >= end)
				return MNW_PARSE_NO;
			if (s[-1] == ':') {
				tagged = 1;
				break;
			}
			host = w;
			hostn = (size_t)(s - w);
			s++;
		}
		if (!tagged)
			return MNW_PARSE_NO;
		s++;
	} else {
		if (env->taglen == 0 || !env->has_time)
			return MNW_PARSE_NO;
		t = env->time;
	}
	if (!fmt_prefix(s, (size_t)(end - s), "id=\""))
		return MNW_PARSE_NO;
	memset(v, 0, sizeof(v));
	if (fmt_kv_read(s, end, utm_names, NULL, U_COUNT, v, reason, value,
	    valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[U_SUB].seen)
		return MNW_PARSE_NO;
	ev->time = t;
	if (host != NULL && hostn <= MNW_HOST_MAX) {
		memcpy(ev->host, host, hostn);
		ev->host[hostn] = '\0';
	}

	sub = &v[U_SUB];
	act = &v[U_ACTION];
	if (fmt_eq(sub->s, sub->n, "packetfilter")) {
		if (fmt_eq(act->s, act->n, "drop") ||
		    fmt_eq(act->s, act->n, "reject"))
			ev->action = MNW_ACTION_DROP;
		else if (fmt_eq(act->s, act->n, "accept"))
			ev->action = MNW_ACTION_ACCEPT;
		else
			return fmt_skip(reason, value, valuelen,
			    "not a packet filter verdict", act->s, act->n);
	} else if (fmt_eq(sub->s, sub->n, "ips")) {
		ev->action = fmt_eq(act->s, act->n, "drop") ?
		    MNW_ACTION_DROP : MNW_ACTION_ALERT;
	} else
		return fmt_skip(reason, value, valuelen,
		    "not a packet filter or intrusion log", NULL, 0);

	conn = (struct fmt_kv_conn){ &v[U_SRC], &v[U_DST], &v[U_PROTO],
	    &v[U_SPORT], &v[U_DPORT], &v[U_TYPE], &v[U_CODE] };
	if ((r = fmt_kv_fill_conn(&conn, ev, reason, value, valuelen)) !=
	    MNW_PARSE_EVENT)
		return r;
	if (ev->proto == 6 && v[U_FLAGS].seen &&
	    fmt_tcpflag_names(v[U_FLAGS].s, v[U_FLAGS].n, ' ',
	    &ev->tcpflags) == -1)
		return fmt_reject(reason, value, valuelen, "invalid tcp flags",
		    v[U_FLAGS].s, v[U_FLAGS].n);
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
sophos_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	struct fmt_kv_conn conn;
	const char *s = env->msg, *end = env->msg + env->msglen;
	const struct fmt_kv_value *ty, *sub;

	(void)line;
	(void)len;
	if (env->taglen > 0 || (!fmt_prefix(s, (size_t)(end - s),
	    "device=") && !fmt_prefix(s, (size_t)(end - s), "device_name=")))
		return utm_parse(ctx, env, ev, reason, value, valuelen);
	memset(v, 0, sizeof(v));
	if (fmt_kv_read(s, end, key_names, NULL, K_COUNT, v, reason, value,
	    valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_TYPE].seen)
		return MNW_PARSE_NO;

	ty = &v[K_TYPE];
	sub = &v[K_SUBTYPE];
	if (fmt_eq(ty->s, ty->n, "Firewall")) {
		if (fmt_eq(sub->s, sub->n, "Denied") ||
		    fmt_eq(sub->s, sub->n, "Dropped"))
			ev->action = MNW_ACTION_DROP;
		else if (fmt_eq(sub->s, sub->n, "Allowed"))
			ev->action = MNW_ACTION_ACCEPT;
		else
			return fmt_skip(reason, value, valuelen,
			    "not a firewall verdict or intrusion log", NULL, 0);
	} else if (fmt_eq(ty->s, ty->n, "IDP")) {
		ev->action = fmt_eq(sub->s, sub->n, "Drop") ?
		    MNW_ACTION_DROP : MNW_ACTION_ALERT;
	} else {
		return fmt_skip(reason, value, valuelen,
		    "not a firewall verdict or intrusion log", NULL, 0);
	}

	if (read_time(v, &ctx->tz, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    v[K_STAMP].seen ? v[K_STAMP].s : v[K_DATE].s,
		    v[K_STAMP].seen ? v[K_STAMP].n : v[K_DATE].n);
	/* An empty icmp_type= or icmp_code= counts as absent. */
	conn = (struct fmt_kv_conn){ &v[K_SRC], &v[K_DST], &v[K_PROTO],
	    &v[K_SPORT], &v[K_DPORT],
	    v[K_ICMPTYPE].n > 0 ? &v[K_ICMPTYPE] : NULL,
	    v[K_ICMPCODE].n > 0 ? &v[K_ICMPCODE] : NULL };
	return fmt_kv_fill_conn(&conn, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_sophos = {
	.name = "sophos",
	.description = "Sophos Firewall (SFOS, XG) and Sophos UTM firewall "
	    "and IPS logs",
	.parse = sophos_parse,
	.free_state = NULL,
};
