/*
 * fmt_zyxel.c: Zyxel firewalls on ZLD firmware (USG, ZyWALL, ATP,
 * USG FLEX), the key="value" event lines they send to a syslog server.
 *
 *   Dec  4 19:10:59 usg60 src="192.0.2.7:4123" dst="198.51.100.9:22"
 *       msg="..." note="ACCESS BLOCK" user="unknown"
 *       devID="bc9911223344" cat="Firewall" class="Access Control"
 *       dir="WAN:ZyWALL" protoID=6 proto="ssh"
 *
 * (one line, written for this comment).  The message follows the
 * syslog host with no program tag and starts with src=; the pairs are
 * read by fmt_kv_read() (fmt_kv.h), so a quoted value cannot supply a
 * key.  msg= is free text that can carry a user name or a URL and is
 * never read.
 *
 * Sources (read for the layout, nothing copied): the "Syslog Logs"
 * table of the ZyWALL 2 Plus User's Guide (the src, dst, msg, note,
 * devID and cat keys, and protoID= as the IP protocol number with
 * proto= as the service name), the ZyWALL P1 User's Guide's log
 * example table (note "ACCESS BLOCK": the device blocked the packet),
 * and the key lists of Exabeam's USG FLEX parsers
 * (ExabeamLabs/Content-Library-CIM2, DS/Zyxel_Networks), which show
 * the categories "Security Policy Control", "IPS" and "Sessions Limit".
 *
 * Events:
 *   cat Firewall, Access Control, Security Policy or Security Policy
 *       Control, with note="ACCESS BLOCK": drop.  Other notes of these
 *       categories (a forwarded packet) are skipped.
 *   cat IDP or IPS: alert, or drop with note="ACCESS BLOCK".
 * Every other category (User, System, IPSec VPN, SSL VPN, Anti-Virus,
 * Traffic Log, Sessions Limit, ...) is skipped with its name in the
 * reason.  An unknown category is skipped as "unknown category".
 * Admin login failures (cat User) are skipped too: no document read
 * shows that their src= is always the remote client.
 *
 * Assumed, not seen in the documents: src= and dst= may hold an IPv6
 * address, either as "[V6]:PORT" or bare without a port; a value with
 * two or more colons and no brackets is read as a bare IPv6 address.
 * Without protoID= the protocol is unknown ("-") and the ports are
 * kept.  No ICMP type or code is read (the lines show none outside
 * msg=).  The time is the syslog header's.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"

enum zy_key {
	K_SRC, K_DST, K_NOTE, K_DEVID, K_CAT, K_PROTOID, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"src", "dst", "note", "devID", "cat", "protoID",
};

/* Categories that are not connection verdicts, each with its own skip
 * reason, so that the reasons stay a fixed set whatever a line contains. */
static const struct {
	const char *cat;
	const char *reason;
} skipped_cats[] = {
	{ "User", "category User is not a connection log" },
	{ "System", "category System is not a connection log" },
	{ "System Monitoring",
	    "category System Monitoring is not a connection log" },
	{ "Traffic Log", "category Traffic Log is not a blocked connection" },
	{ "IPSec VPN", "category IPSec VPN is not a connection log" },
	{ "IPSec", "category IPSec is not a connection log" },
	{ "SSL VPN", "category SSL VPN is not a connection log" },
	{ "L2TP Over IPSec",
	    "category L2TP Over IPSec is not a connection log" },
	{ "Anti-Virus", "category Anti-Virus is not a connection verdict" },
	{ "Anti-Spam", "category Anti-Spam is not a connection verdict" },
	{ "Content Filter",
	    "category Content Filter is not a connection verdict" },
	{ "Application Patrol",
	    "category Application Patrol is not a connection verdict" },
	{ "Sandboxing", "category Sandboxing is not a connection verdict" },
	{ "Sessions Limit",
	    "category Sessions Limit is not a connection verdict" },
	{ "Interface", "category Interface is not a connection log" },
	{ "DHCP", "category DHCP is not a connection log" },
	{ "Routing", "category Routing is not a connection log" },
	{ "Policy Route", "category Policy Route is not a connection log" },
	{ "Connectivity Check",
	    "category Connectivity Check is not a connection log" },
	{ "Device HA", "category Device HA is not a connection log" },
};

/*
 * Read an endpoint "ADDR:PORT", "ADDR", "[V6]:PORT", "[V6]" or a bare
 * IPv6 address.  *port is -1 when the value has none.
 * NOTE: the IPv6 forms are assumed; if ZLD wrote "V6:PORT" bare, the
 * port would be read as the last group of the address.
 */
static int
read_endpoint(const char *s, size_t n, struct mnw_addr *a, int *port)
{
	const char *colon;

	*port = -1;
	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);

		return fmt_endpoint(s, n, close != NULL && close + 1 < s + n,
		    a, port);
	}
	colon = memchr(s, ':', n);
	if (colon == NULL)
		return mnw_addr_parse(a, s, n);
	if (memchr(colon + 1, ':', (size_t)(s + n - colon - 1)) != NULL)
		return mnw_addr_parse(a, s, n);	/* bare IPv6 */
	return fmt_endpoint(s, n, 1, a, port);
}

static enum mnw_parse_result
zyxel_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_kv_value v[K_COUNT];
	const char *s = env->msg, *end = env->msg + env->msglen;
	const struct fmt_kv_value *cat, *note;
	int sport, dport, blocked;

	(void)ctx;
	(void)line;
	(void)len;
	if (env->taglen > 0 || !fmt_prefix(s, (size_t)(end - s), "src=\""))
		return MNW_PARSE_NO;
	memset(v, 0, sizeof(v));
	if (fmt_kv_read(s, end, key_names, NULL, K_COUNT, v, reason, value,
	    valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_DEVID].seen || !v[K_CAT].seen)
		return MNW_PARSE_NO;

	cat = &v[K_CAT];
	note = &v[K_NOTE];
	blocked = note->seen && fmt_eq(note->s, note->n, "ACCESS BLOCK");
	if (fmt_eq(cat->s, cat->n, "Firewall") ||
	    fmt_eq(cat->s, cat->n, "Access Control") ||
	    fmt_eq(cat->s, cat->n, "Security Policy") ||
	    fmt_eq(cat->s, cat->n, "Security Policy Control")) {
		if (!blocked)
			return fmt_skip(reason, value, valuelen,
			    "not a blocked connection", note->s, note->n);
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(cat->s, cat->n, "IDP") ||
	    fmt_eq(cat->s, cat->n, "IPS")) {
		ev->action = blocked ? MNW_ACTION_DROP : MNW_ACTION_ALERT;
	} else {
		for (size_t i = 0; i < sizeof(skipped_cats) /
		    sizeof(skipped_cats[0]); i++)
			if (fmt_eq(cat->s, cat->n, skipped_cats[i].cat))
				return fmt_skip(reason, value, valuelen,
				    skipped_cats[i].reason, cat->s, cat->n);
		return fmt_skip(reason, value, valuelen, "unknown category",
		    cat->s, cat->n);
	}

	if (read_endpoint(v[K_SRC].s, v[K_SRC].n, &ev->src, &sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (!v[K_DST].seen || read_endpoint(v[K_DST].s, v[K_DST].n,
	    &ev->dst, &dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[K_DST].s, v[K_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (v[K_PROTOID].seen) {
		unsigned long long p;

		if (fmt_uint(v[K_PROTOID].s, v[K_PROTOID].n, 255, &p) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid protocol", v[K_PROTOID].s,
			    v[K_PROTOID].n);
		ev->proto = (int)p;
		if (ev->proto == 1 && ev->src.family == 6)
			ev->proto = 58;
	}
	if (fmt_proto_has_ports(ev->proto)) {
		if (sport == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", v[K_SRC].s, v[K_SRC].n);
		if (dport == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[K_DST].s, v[K_DST].n);
	}
	/* A port written for ICMP or another protocol without ports is
	 * dropped; with protoID= missing both are kept. */
	if (ev->proto == -1 || fmt_proto_has_ports(ev->proto)) {
		ev->sport = sport;
		ev->dport = dport;
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_zyxel = {
	.name = "zyxel",
	.description = "Zyxel USG, ZyWALL, ATP and USG FLEX (ZLD) logs",
	.parse = zyxel_parse,
	.free_state = NULL,
};
