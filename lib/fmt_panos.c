/*
 * fmt_panos.c: Palo Alto Networks PAN-OS traffic and threat logs in
 * the default syslog CSV format.
 *
 *   Dec  4 19:11:00 pa1 1,2026/12/04 19:10:59,0123456789,TRAFFIC,end,
 *       2561,2026/12/04 19:10:59,192.0.2.7,198.51.100.9,0.0.0.0,
 *       0.0.0.0,allow-web,,,web-browsing,vsys1,untrust,dmz,
 *       ethernet1/1,ethernet1/2,fwd,2026/12/04 19:10:59,4711,1,4123,443,
 *       0,0,0x400000,tcp,allow,...
 *
 * (one line).  The fields are read by their number, which is the same
 * for traffic and threat logs up to the action: 1 receive time, 3 type,
 * 4 subtype, 6 generated time, 7 source, 8 target, 23 repeat count,
 * 24 source port, 25 target port, 29 protocol, 30 action.  A field may
 * be quoted ("a,b" with "" for a quote), so that a rule or user name
 * with a comma cannot move the fields after it.  The generated time is
 * "YYYY/MM/DD hh:mm:ss" in the -z zone (the firewall's own zone), or
 * RFC 3339 where a custom format writes that.
 *
 * Events:
 *   TRAFFIC (end, drop, deny) action allow: accept; deny, drop,
 *                             drop-ICMP: drop; reset-*: reject
 *   THREAT vulnerability, spyware, scan, flood, virus
 *                             action alert or allow: alert; reset-*:
 *                             reject; drop, block, deny, sinkhole
 *                             and the like: drop
 * TRAFFIC start is skipped (the session is logged again at its end), as
 * are other threat subtypes (url, file, data, wildfire) and other log
 * types (SYSTEM, CONFIG, ...).
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Fields read: up to the action, number 30. */
#define PAN_FIELDS 31

/*
 * Split s..end at commas into at most PAN_FIELDS fields; a quoted field
 * is returned without its quotes and may contain "" pairs.  Returns the
 * number of fields found (at most PAN_FIELDS; the rest of the line is
 * not split), or -1 for an unterminated quote.
 */
static int
split_csv(const char *s, const char *end, const char **f, size_t *fl)
{
	const char *p = s;
	int n = 0;

	while (n < PAN_FIELDS) {
		if (p < end && *p == '"') {
			const char *q = ++p;

			for (;;) {
				if (p >= end)
					return -1;
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						p += 2;
						continue;
					}
					break;
				}
				p++;
			}
			f[n] = q;
			fl[n] = (size_t)(p - q);
			p++;
			n++;
			if (p < end && *p != ',')
				return -1;
		} else {
			const char *q = p;

			while (p < end && *p != ',')
				p++;
			f[n] = q;
			fl[n] = (size_t)(p - q);
			n++;
		}
		if (p >= end)
			break;
		p++;		/* the comma */
	}
	return n;
}

/* "YYYY/MM/DD hh:mm:ss" (local to tz) or RFC 3339. */
static int
read_time(const char *s, size_t n, const struct mnw_tz *tz, time_t *t)
{
	char buf[19];

	if (n == 19 && s[4] == '/' && s[7] == '/' && s[10] == ' ') {
		memcpy(buf, s, 19);
		buf[4] = '-';
		buf[7] = '-';
		return mnw_time_parse_iso(buf, 19, tz, t) == 19 ? 0 : -1;
	}
	return mnw_time_parse_iso(s, n, tz, t) == n && n > 0 ? 0 : -1;
}

/* Threat actions that stop the packet or session. */
static enum mnw_action
threat_action(const char *s, size_t n)
{
	if (fmt_eq(s, n, "alert") || fmt_eq(s, n, "allow"))
		return MNW_ACTION_ALERT;
	if (fmt_prefix(s, n, "reset-"))
		return MNW_ACTION_REJECT;
	return MNW_ACTION_DROP;
}

static enum mnw_parse_result
panos_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *f[PAN_FIELDS];
	size_t fl[PAN_FIELDS];
	const char *s = env->msg, *end = env->msg + env->msglen;
	unsigned long long u;
	time_t t;
	int n, traffic;

	/* Without a host name in the syslog header, the envelope step takes
	 * the CSV up to its first space for the host. */
	if (env->hostlen > 2 && env->taglen == 0 && (env->host[0] == '0' ||
	    env->host[0] == '1') && env->host[1] == ',') {
		s = env->host;
		end = line + len;
		ev->host[0] = '\0';
	}
	/* "1,2026/12/04 19:10:59,SERIAL,TYPE," -- PAN-OS writes no tag. */
	if (env->taglen > 0 || end - s < 24 || (s[0] != '0' && s[0] != '1') ||
	    s[1] != ',' || !fmt_isdigit(s[2]) || !fmt_isdigit(s[5]))
		return MNW_PARSE_NO;
	if ((n = split_csv(s, end, f, fl)) < 5)
		return MNW_PARSE_NO;
	if (read_time(f[1], fl[1], &ctx->tz, &t) == -1)
		return MNW_PARSE_NO;

	if (fmt_eq(f[3], fl[3], "TRAFFIC")) {
		traffic = 1;
		if (fmt_eq(f[4], fl[4], "start"))
			return fmt_skip(reason, value, valuelen,
			    "session start, logged again at its end", NULL, 0);
	} else if (fmt_eq(f[3], fl[3], "THREAT")) {
		traffic = 0;
		if (!fmt_eq(f[4], fl[4], "vulnerability") &&
		    !fmt_eq(f[4], fl[4], "spyware") &&
		    !fmt_eq(f[4], fl[4], "scan") &&
		    !fmt_eq(f[4], fl[4], "flood") &&
		    !fmt_eq(f[4], fl[4], "virus"))
			return fmt_skip(reason, value, valuelen,
			    "not an attack threat log", NULL, 0);
	} else {
		return fmt_skip(reason, value, valuelen,
		    "not a traffic or threat log", NULL, 0);
	}
	if (n < PAN_FIELDS)
		return fmt_reject(reason, value, valuelen,
		    "line cut short", NULL, 0);

	if (read_time(f[6], fl[6], &ctx->tz, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[6], fl[6]);
	if (mnw_addr_parse(&ev->src, f[7], fl[7]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[7], fl[7]);
	if (mnw_addr_parse(&ev->dst, f[8], fl[8]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[8], fl[8]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if ((ev->proto = mnw_proto_parse(f[29], fl[29])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[29], fl[29]);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		if (fmt_port(f[24], fl[24], &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f[24], fl[24]);
		if (fmt_port(f[25], fl[25], &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f[25], fl[25]);
	}
	/* A scan or flood threat log covers many packets, and it writes
	 * port 0 where it has no port. */
	if (!traffic && ev->sport == 0 && ev->dport == 0)
		ev->sport = ev->dport = -1;
	if (fmt_uint(f[23], fl[23], 4294967295ULL, &u) == -1 || u == 0)
		return fmt_reject(reason, value, valuelen, "invalid count",
		    f[23], fl[23]);
	ev->count = (unsigned long)u;

	if (!traffic) {
		ev->action = threat_action(f[30], fl[30]);
	} else if (fmt_eq(f[30], fl[30], "allow")) {
		ev->action = MNW_ACTION_ACCEPT;
	} else if (fmt_eq(f[30], fl[30], "deny") ||
	    fmt_eq(f[30], fl[30], "drop") ||
	    fmt_eq(f[30], fl[30], "drop-ICMP") ||
	    fmt_eq(f[30], fl[30], "drop-icmp")) {
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_prefix(f[30], fl[30], "reset-")) {
		ev->action = MNW_ACTION_REJECT;
	} else {
		return fmt_reject(reason, value, valuelen, "invalid action",
		    f[30], fl[30]);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_panos = {
	.name = "panos",
	.description = "Palo Alto Networks PAN-OS traffic and threat logs",
	.parse = panos_parse,
	.free_state = NULL,
};
