/*
 * fmt_sophos.c: Sophos Firewall (SFOS, XG) firewall and intrusion
 * logs, key=value pairs starting with device= or device_name=.
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

static enum mnw_parse_result
sophos_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	const char *s = env->msg, *end = env->msg + env->msglen;
	const struct fmt_kv_value *ty, *sub;

	(void)line;
	(void)len;
	if (env->taglen > 0 || (!fmt_prefix(s, (size_t)(end - s),
	    "device=") && !fmt_prefix(s, (size_t)(end - s), "device_name=")))
		return MNW_PARSE_NO;
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
	if (!v[K_SRC].seen || mnw_addr_parse(&ev->src, v[K_SRC].s,
	    v[K_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (!v[K_DST].seen || mnw_addr_parse(&ev->dst, v[K_DST].s,
	    v[K_DST].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[K_DST].s, v[K_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (!v[K_PROTO].seen || (ev->proto = mnw_proto_parse(v[K_PROTO].s,
	    v[K_PROTO].n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    v[K_PROTO].s, v[K_PROTO].n);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		if (!v[K_SPORT].seen || fmt_port(v[K_SPORT].s, v[K_SPORT].n,
		    &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", v[K_SPORT].s, v[K_SPORT].n);
		if (!v[K_DPORT].seen || fmt_port(v[K_DPORT].s, v[K_DPORT].n,
		    &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[K_DPORT].s, v[K_DPORT].n);
	} else if (fmt_proto_is_icmp(ev->proto) && v[K_ICMPTYPE].seen &&
	    v[K_ICMPTYPE].n > 0) {
		if (fmt_byte(v[K_ICMPTYPE].s, v[K_ICMPTYPE].n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_ICMPTYPE].s,
			    v[K_ICMPTYPE].n);
		if (v[K_ICMPCODE].seen && v[K_ICMPCODE].n > 0 &&
		    fmt_byte(v[K_ICMPCODE].s, v[K_ICMPCODE].n,
		    &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_ICMPCODE].s,
			    v[K_ICMPCODE].n);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_sophos = {
	.name = "sophos",
	.description = "Sophos Firewall (SFOS, XG) firewall and IPS logs",
	.parse = sophos_parse,
	.free_state = NULL,
};
