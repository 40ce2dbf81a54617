/*
 * fmt_isa.c: Microsoft ISA Server 2004/2006 and Forefront TMG firewall
 * log, tab-separated in the default column order of its "#Fields:"
 * header:
 *
 *   computer date time IP-protocol source destination original-client-IP
 *   source-network destination-network action status rule ...
 *
 *   FW1<TAB>2026-12-04<TAB>19:10:59<TAB>TCP<TAB>192.0.2.7:4123<TAB>
 *       198.51.100.9:3389<TAB>192.0.2.7<TAB>External<TAB>Local Host<TAB>
 *       Denied<TAB>0xc004000d<TAB>-<TAB>...
 *
 * (one line).  Denied is a drop; "Initiated Connection" from the
 * External network is an accept.  Other actions (Closed Connection,
 * Intermediate, ...), connections started elsewhere, the "#" header
 * lines and the web proxy log (another column order) are skipped or
 * not claimed.
 *
 * NOTE: only the default column order is read; a "#Fields:" header
 * that orders the columns otherwise is not followed.  The time is read
 * in the -z zone; whether a server wrote UTC or local time depends on
 * its settings, which the log does not record.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

#define ISA_FIELDS 10

/* "ADDR:PORT" or "ADDR" */
static int
read_endpoint(const char *w, size_t n, int ports, struct mnw_addr *a,
    int *port)
{
	const char *colon = NULL;
	int unused;

	for (size_t k = n; k > 0; k--)
		if (w[k - 1] == ':') {
			colon = w + k - 1;
			break;
		}
	/* Without ports (IGMP, ICMP) a ":N" may still be written. */
	if (!ports && mnw_addr_parse(a, w, n) == 0)
		return 0;
	if (colon == NULL || mnw_addr_parse(a, w, (size_t)(colon - w)) == -1)
		return -1;
	return fmt_port(colon + 1, (size_t)(w + n - colon - 1),
	    ports ? port : &unused);
}

static enum mnw_parse_result
isa_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { line, line + len };
	const char *f[ISA_FIELDS];
	size_t fl[ISA_FIELDS];
	char buf[19];
	int ports;

	(void)env;
	if (fmt_prefix(line, len, "#Fields: computer\tdate\ttime\tIP protocol") ||
	    fmt_prefix(line, len, "#Software: Microsoft Internet Security") ||
	    fmt_prefix(line, len, "#Software: Microsoft Forefront Threat"))
		return fmt_skip(reason, value, valuelen, "header line", NULL,
		    0);
	for (int i = 0; i < ISA_FIELDS; i++) {
		fl[i] = fmt_until(&c, '\t', &f[i]);
		if (fmt_at_end(&c) && i < ISA_FIELDS - 1)
			return MNW_PARSE_NO;
		if (!fmt_at_end(&c))
			c.p++;
	}
	/* The shape: a date, a time, and an action this file uses. */
	if (fl[1] != 10 || f[1][4] != '-' || f[1][7] != '-' || fl[2] != 8 ||
	    f[2][2] != ':' || f[2][5] != ':')
		return MNW_PARSE_NO;
	if (fmt_eq(f[9], fl[9], "Denied")) {
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(f[9], fl[9], "Initiated Connection")) {
		if (!fmt_eq(f[7], fl[7], "External"))
			return fmt_skip(reason, value, valuelen,
			    "connection not from the External network",
			    NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
	} else if (fmt_eq(f[9], fl[9], "Closed Connection") ||
	    fmt_eq(f[9], fl[9], "Intermediate") ||
	    fmt_eq(f[9], fl[9], "Established")) {
		return fmt_skip(reason, value, valuelen,
		    "not a denied or initiated connection", NULL, 0);
	} else {
		return MNW_PARSE_NO;
	}

	memcpy(buf, f[1], 10);
	buf[10] = 'T';
	memcpy(buf + 11, f[2], 8);
	if (mnw_time_parse_iso(buf, 19, &ctx->tz, &ev->time) != 19)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[1], fl[1] + 1 + fl[2]);
	if ((ev->proto = mnw_proto_parse(f[3], fl[3])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[3], fl[3]);
	ports = fmt_proto_has_ports(ev->proto);
	if (read_endpoint(f[4], fl[4], ports, &ev->src, &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[4], fl[4]);
	if (read_endpoint(f[5], fl[5], ports, &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[5], fl[5]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_isa = {
	.name = "isa",
	.description = "Microsoft ISA Server and Forefront TMG firewall log",
	.parse = isa_parse,
	.free_state = NULL,
};
