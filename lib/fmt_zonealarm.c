/*
 * fmt_zonealarm.c: ZoneAlarm firewall log (ZALog.txt), comma-separated
 * lines "TYPE,DATE,TIME,SOURCE,DESTINATION,TRANSPORT".
 *
 *   FWIN,2026/12/04,14:10:59 -5:00 GMT,192.0.2.7:4123,198.51.100.9:445,
 *       TCP (flags:S)
 *
 * (one line).  TIME carries the computer's offset from GMT.  TRANSPORT
 * is "TCP (flags:LETTERS)", "UDP", or "ICMP (type:T/subtype:C)", and
 * the addresses carry ":PORT" for TCP and UDP.
 *
 * Types: FWIN (an inbound packet blocked) and FWROUTE (a routed packet
 * blocked) are drops, FWIN_OK (inbound let through) an accept.  FWOUT
 * and FWOUT_OK are the computer's own outbound traffic and are skipped,
 * as are the program and update lines (ACCESS, PE, ZLUpdate, ...) and
 * the header lines of the file ("ZoneAlarm Logging Client ...",
 * "type,date,time,...").
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* "ADDR:PORT" or "ADDR" */
static int
read_endpoint(const char *w, size_t n, int ports, struct mnw_addr *a,
    int *port)
{
	const char *colon = NULL;

	if (ports) {
		for (size_t k = n; k > 0; k--)
			if (w[k - 1] == ':') {
				colon = w + k - 1;
				break;
			}
		if (colon == NULL)
			return -1;
		if (mnw_addr_parse(a, w, (size_t)(colon - w)) == -1)
			return -1;
		return fmt_port(colon + 1, (size_t)(w + n - colon - 1), port);
	}
	return mnw_addr_parse(a, w, n);
}

/* "hh:mm:ss -5:00 GMT" with DATE "YYYY/MM/DD". */
static int
read_time(const char *d, size_t dn, const char *t, size_t tn,
    const struct mnw_tz *tz, time_t *out)
{
	char buf[32];
	size_t n;
	const char *z;

	if (dn != 10 || tn < 17 || t[8] != ' ' ||
	    memcmp(t + tn - 4, " GMT", 4) != 0)
		return -1;
	memcpy(buf, d, 10);
	buf[4] = '-';
	buf[7] = '-';
	buf[10] = 'T';
	memcpy(buf + 11, t, 8);
	n = 19;
	/* "-5:00" or "+10:30" becomes "-05:00", "+10:30". */
	z = t + 9;
	if (z[0] != '+' && z[0] != '-')
		return -1;
	buf[n++] = z[0];
	if (z[2] == ':') {
		buf[n++] = '0';
		memcpy(buf + n, z + 1, 4);
		n += 4;
		if (tn != 9 + 5 + 4)
			return -1;
	} else {
		memcpy(buf + n, z + 1, 5);
		n += 5;
		if (tn != 9 + 6 + 4)
			return -1;
	}
	return mnw_time_parse_iso(buf, n, tz, out) == n ? 0 : -1;
}

static enum mnw_parse_result
zonealarm_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { line, line + len };
	const char *f[6];
	size_t fl[6];
	int nf = 0, ports;

	(void)env;
	if (fmt_prefix(line, len, "type,date,time,") ||
	    fmt_prefix(line, len, "ZoneAlarm Logging Client "))
		return fmt_skip(reason, value, valuelen, "header line", NULL,
		    0);
	/* Six fields; the transport is the rest of the line. */
	while (nf < 5) {
		fl[nf] = fmt_until(&c, ',', &f[nf]);
		if (fmt_at_end(&c))
			return MNW_PARSE_NO;
		c.p++;
		nf++;
	}
	f[5] = c.p;
	fl[5] = (size_t)(c.end - c.p);

	if (fmt_eq(f[0], fl[0], "FWIN") || fmt_eq(f[0], fl[0], "FWROUTE"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(f[0], fl[0], "FWIN_OK"))
		ev->action = MNW_ACTION_ACCEPT;
	else if (fmt_eq(f[0], fl[0], "FWOUT") ||
	    fmt_eq(f[0], fl[0], "FWOUT_OK"))
		return fmt_skip(reason, value, valuelen,
		    "outbound traffic of the computer", NULL, 0);
	else if (fl[1] == 10 && f[1][4] == '/' && f[1][7] == '/')
		return fmt_skip(reason, value, valuelen,
		    "not a firewall line", NULL, 0);
	else
		return MNW_PARSE_NO;

	if (read_time(f[1], fl[1], f[2], fl[2], &ctx->tz, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[2], fl[2]);
	if (fmt_prefix(f[5], fl[5], "TCP")) {
		ev->proto = 6;
		if (fmt_prefix(f[5] + 3, fl[5] - 3, " (flags:") &&
		    f[5][fl[5] - 1] == ')') {
			if (mnw_tcpflags_parse(f[5] + 11, fl[5] - 12,
			    &ev->tcpflags) == -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid tcp flags", f[5], fl[5]);
		} else if (fl[5] != 3) {
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", f[5], fl[5]);
		}
	} else if (fmt_eq(f[5], fl[5], "UDP")) {
		ev->proto = 17;
	} else if (fmt_prefix(f[5], fl[5], "ICMP")) {
		struct fmt_cur t = { f[5] + 4, f[5] + fl[5] };
		const char *w;
		size_t n;

		ev->proto = 1;
		if (fmt_eat(&t, " (type:")) {
			n = fmt_until(&t, '/', &w);
			if (fmt_byte(w, n, &ev->icmp_type) == -1 ||
			    !fmt_eat(&t, "/subtype:"))
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", f[5], fl[5]);
			n = fmt_until(&t, ')', &w);
			if (fmt_byte(w, n, &ev->icmp_code) == -1 ||
			    !fmt_eatc(&t, ')') || !fmt_at_end(&t))
				return fmt_reject(reason, value, valuelen,
				    "invalid icmp type", f[5], fl[5]);
		} else if (!fmt_at_end(&t)) {
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", f[5], fl[5]);
		}
	} else {
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[5], fl[5]);
	}
	ports = fmt_proto_has_ports(ev->proto);
	if (read_endpoint(f[3], fl[3], ports, &ev->src, &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[3], fl[3]);
	if (read_endpoint(f[4], fl[4], ports, &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[4], fl[4]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_zonealarm = {
	.name = "zonealarm",
	.description = "ZoneAlarm firewall log (ZALog.txt)",
	.parse = zonealarm_parse,
	.free_state = NULL,
};
