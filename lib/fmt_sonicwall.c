/*
 * fmt_sonicwall.c: SonicWall (SonicOS) firewall logs, key=value pairs
 * starting with "id=".
 *
 *   Dec  4 19:11:00 192.0.2.1 id=firewall sn=0017C5000000
 *       time="2026-12-04 19:10:59 UTC" fw=198.51.100.9 pri=5 c=64 m=36
 *       msg="TCP connection dropped" n=2686
 *       src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445
 *
 * (one line).  The message number m= fixes what the line means; the
 * text of msg= is not read.  Events:
 *
 *   m=36 TCP connection dropped, m=37 UDP packet dropped,
 *   m=38 ICMP packet dropped                               drop
 *   m=30 Administrator login denied due to bad credentials  auth-fail
 *
 * Every other message (connections opened and closed, NAT, VPN, web
 * filter, ...) is skipped.  The pairs are read by fmt_kv_read(): a key
 * that is read and appears twice, or text that is not a pair, rejects
 * the line.  src= and dst= are
 * "ADDR[:PORT[:INTERFACE[:NAME]]]"; for IPv6 the address is in srcV6=
 * and dstV6= and src= starts with the colon before the port.  ICMP
 * lines carry type= and code=.  A port that SonicOS leaves out is
 * written as unknown.  The time is time=, in UTC when it ends
 * with " UTC", else in the -z zone.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"

enum sw_key {
	K_TIME, K_M, K_SRC, K_DST, K_SRC6, K_DST6, K_PROTO, K_TYPE, K_CODE,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"time", "m", "src", "dst", "srcV6", "dstV6", "proto", "type", "code",
};

/*
 * "ADDR[:PORT[:IF[:NAME]]]", or with v6 (the srcV6= value) ":PORT[:IF]".
 * *port is -1 when there is none.
 */
static int
read_endpoint(const struct fmt_kv_value *w, const struct fmt_kv_value *v6,
    struct mnw_addr *a, int *port)
{
	const char *s = w->s, *end = w->s + w->n, *colon, *pe;

	*port = -1;
	if (v6->seen) {
		if (mnw_addr_parse(a, v6->s, v6->n) == -1)
			return -1;
		if (s >= end || *s != ':')
			return -1;
		colon = s;
	} else {
		colon = memchr(s, ':', w->n);
		if (mnw_addr_parse(a, s, colon != NULL ?
		    (size_t)(colon - s) : w->n) == -1)
			return -1;
		if (colon == NULL)
			return 0;
	}
	pe = memchr(colon + 1, ':', (size_t)(end - colon - 1));
	if (pe == NULL)
		pe = end;
	if (pe == colon + 1)
		return 0;	/* "10.0.0.9::X0": no port */
	return fmt_port(colon + 1, (size_t)(pe - colon - 1), port);
}

static enum mnw_parse_result
sonicwall_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	const char *s = env->msg, *end = env->msg + env->msglen;
	unsigned long long m;
	int sport, dport;

	(void)line;
	(void)len;
	if (env->taglen > 0 || !fmt_prefix(s, (size_t)(end - s), "id="))
		return MNW_PARSE_NO;
	memset(v, 0, sizeof(v));
	if (fmt_kv_read(s, end, key_names, NULL, K_COUNT, v, reason, value,
	    valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_M].seen || fmt_uint(v[K_M].s, v[K_M].n, 999999, &m) == -1)
		return MNW_PARSE_NO;

	switch (m) {
	case 36:
		ev->proto = 6;
		ev->action = MNW_ACTION_DROP;
		break;
	case 37:
		ev->proto = 17;
		ev->action = MNW_ACTION_DROP;
		break;
	case 38:
		ev->proto = 1;
		ev->action = MNW_ACTION_DROP;
		break;
	case 30:
		ev->proto = 6;
		ev->action = MNW_ACTION_AUTHFAIL;
		break;
	default:
		return fmt_skip(reason, value, valuelen,
		    "not a dropped packet or login failure", NULL, 0);
	}

	/* time="YYYY-MM-DD hh:mm:ss[ UTC]" */
	if (v[K_TIME].seen) {
		struct mnw_tz utc;
		const struct mnw_tz *tz = &ctx->tz;
		size_t tn = v[K_TIME].n;

		if (tn == 23 && memcmp(v[K_TIME].s + 19, " UTC", 4) == 0) {
			memset(&utc, 0, sizeof(utc));
			utc.fixed = 1;
			tz = &utc;
			tn = 19;
		}
		if (tn != 19 || mnw_time_parse_iso(v[K_TIME].s, 19, tz,
		    &ev->time) != 19)
			return fmt_reject(reason, value, valuelen,
			    "invalid time", v[K_TIME].s, v[K_TIME].n);
	}

	if (!v[K_SRC].seen || read_endpoint(&v[K_SRC], &v[K_SRC6], &ev->src,
	    &sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (!v[K_DST].seen || read_endpoint(&v[K_DST], &v[K_DST6], &ev->dst,
	    &dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[K_DST].s, v[K_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;

	if (fmt_proto_has_ports(ev->proto)) {
		/* SonicOS leaves a port out at times ("src=192.0.2.7"). */
		ev->sport = sport;
		ev->dport = dport;
	} else if (v[K_TYPE].seen) {
		/* ICMP: the "ports" of src= and dst= mean nothing here. */
		if (fmt_byte(v[K_TYPE].s, v[K_TYPE].n, &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_TYPE].s, v[K_TYPE].n);
		if (v[K_CODE].seen && fmt_byte(v[K_CODE].s, v[K_CODE].n,
		    &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_CODE].s, v[K_CODE].n);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_sonicwall = {
	.name = "sonicwall",
	.description = "SonicWall dropped packets and login failures",
	.parse = sonicwall_parse,
	.free_state = NULL,
};
