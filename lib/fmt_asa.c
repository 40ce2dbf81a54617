/*
 * fmt_asa.c: Cisco ASA, PIX, FWSM and Firepower Threat Defense messages
 * about denied and logged connections.
 *
 * Every message starts with "%ASA-LEVEL-NUMBER:" (PIX, FWSM and FTD
 * write their own name, some configurations add a class word:
 * "%ASA-session-5-106100:"), and the number fixes the text that
 * follows.  Each message handled here is read word by word in the
 * order of its text in Cisco's message reference, for example
 *
 *   %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123
 *       dst inside:198.51.100.9/22 by access-group "in" [0x0, 0x0]
 *   %ASA-6-106100: access-list in denied udp outside/192.0.2.7(4123)
 *       -> inside/198.51.100.9(53) hit-cnt 3 300-second interval [...]
 *
 * (each one line).  Other messages (status, VPN, translation, ...)
 * are skipped with the reason "not a connection message".
 *
 * The ASA may put its own time stamp before the message ("logging
 * timestamp"): "Apr 15 2013 09:36:50: %ASA-..." or with a zone,
 * "Apr 15 2014 09:34:34 EDT: %ASA-...", optionally followed by the
 * device id ("Apr 24 2013 16:00:28 FW01 : %ASA-...").  That time is
 * used in place of the envelope's.  A zone abbreviation in the table
 * below gives its offset; any other is taken as the -z zone, as is a
 * stamp without zone.
 *
 * Messages and what they give:
 *   106001 106006 106007 106010 106014 106015 106016 106017 106020
 *   106021 106022 106023 313004 313005 338008 410001 418001 420002
 *   421001 434002 500003 500004 710003        drop
 *   106100 denied: drop; permitted, est-allowed: accept; the hit
 *          count is the event count
 *   302013 302015 Built inbound: accept; Built outbound: skipped
 *   other 302xxx (teardown and ICMP connection state): skipped
 *
 * Where the ASA prints an object name in place of an address (when
 * "names" is configured), the line is rejected: no address can be
 * read from it.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Service names the ASA prints in place of port numbers (its "TCP and
 * UDP ports" table); a name means the same port for TCP and UDP. */
static const struct {
	const char *name;
	int port;
} service_names[] = {
	{ "aol", 5190 }, { "bgp", 179 }, { "biff", 512 }, { "bootpc", 68 },
	{ "bootps", 67 }, { "chargen", 19 }, { "cifs", 3020 },
	{ "citrix-ica", 1494 }, { "cmd", 514 }, { "ctiqbe", 2748 },
	{ "daytime", 13 }, { "discard", 9 }, { "dnsix", 195 },
	{ "domain", 53 }, { "echo", 7 }, { "exec", 512 }, { "finger", 79 },
	{ "ftp", 21 }, { "ftp-data", 20 }, { "gopher", 70 },
	{ "h323", 1720 }, { "hostname", 101 }, { "http", 80 },
	{ "https", 443 }, { "ident", 113 }, { "imap4", 143 }, { "irc", 194 },
	{ "isakmp", 500 }, { "kerberos", 750 }, { "klogin", 543 },
	{ "kshell", 544 }, { "ldap", 389 }, { "ldaps", 636 },
	{ "login", 513 }, { "lotusnotes", 1352 }, { "lpd", 515 },
	{ "mobile-ip", 434 }, { "nameserver", 42 }, { "netbios-dgm", 138 },
	{ "netbios-ns", 137 }, { "netbios-ssn", 139 }, { "nfs", 2049 },
	{ "nntp", 119 }, { "ntp", 123 }, { "pcanywhere-data", 5631 },
	{ "pcanywhere-status", 5632 }, { "pim-auto-rp", 496 },
	{ "pop2", 109 }, { "pop3", 110 }, { "pptp", 1723 },
	{ "radius", 1645 }, { "radius-acct", 1646 }, { "rip", 520 },
	{ "rsh", 514 }, { "rtsp", 554 }, { "secureid-udp", 5510 },
	{ "sip", 5060 }, { "smtp", 25 }, { "snmp", 161 },
	{ "snmptrap", 162 }, { "sqlnet", 1521 }, { "ssh", 22 },
	{ "sunrpc", 111 }, { "syslog", 514 }, { "tacacs", 49 },
	{ "talk", 517 }, { "telnet", 23 }, { "tftp", 69 }, { "time", 37 },
	{ "uucp", 540 }, { "who", 513 }, { "whois", 43 }, { "www", 80 },
	{ "xdmcp", 177 },
};

/* Zone abbreviations with a single meaning, for the ASA's own stamp. */
static const struct {
	const char *name;
	int offset;		/* minutes east of UTC */
} zone_names[] = {
	{ "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
	{ "WEST", 60 }, { "BST", 60 }, { "CET", 60 }, { "CEST", 120 },
	{ "MET", 60 }, { "MEST", 120 }, { "EET", 120 }, { "EEST", 180 },
	{ "MSK", 180 }, { "JST", 540 }, { "KST", 540 }, { "HKT", 480 },
	{ "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 }, { "NZDT", 780 },
	{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
	{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	{ "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 },
};

/* Reasons shared by several messages. */
static const char R_SRC[] = "invalid source address";
static const char R_DST[] = "invalid target address";
static const char R_SPORT[] = "invalid source port";
static const char R_DPORT[] = "invalid target port";
static const char R_SHAPE[] = "unexpected message text";

/* One message being read: the cursor and where a rejection points. */
struct asa_msg {
	struct fmt_cur c;
	const char *reason;	/* NULL while all is well */
	const char *value;	/* offending text */
	size_t valuelen;
};

static int
fail(struct asa_msg *m, const char *reason, const char *s, size_t n)
{
	if (m->reason == NULL) {
		m->reason = reason;
		m->value = s;
		m->valuelen = n;
	}
	return -1;
}

/* Skip the literal text lit, or fail with "unexpected message text". */
static int
expect(struct asa_msg *m, const char *lit)
{
	if (fmt_eat(&m->c, lit))
		return 0;
	if (fmt_at_end(&m->c))
		return fail(m, "message cut short", NULL, 0);
	return fail(m, R_SHAPE, m->c.p, (size_t)(m->c.end - m->c.p));
}

static int
read_port(const char *s, size_t n, int *port)
{
	if (n > 0 && fmt_isdigit(s[0]))
		return fmt_port(s, n, port);
	for (size_t i = 0; i < sizeof(service_names) /
	    sizeof(service_names[0]); i++) {
		if (fmt_eq(s, n, service_names[i].name)) {
			*port = service_names[i].port;
			return 0;
		}
	}
	return -1;
}

/*
 * An endpoint written "ADDR", "ADDR/PORT", "IFC:ADDR" or "IFC:ADDR/PORT"
 * (the last two when has_ifc is 1).  The interface name ends at the first colon,
 * because nameif names have none; the port starts after the last
 * slash.  port may be NULL when the message has no port there.
 */
static int
read_endpoint(struct asa_msg *m, int has_ifc, struct mnw_addr *a,
    int *port, int src)
{
	const char *w, *s;
	size_t n, an;
	const char *slash;

	n = fmt_word(&m->c, &w);
	/* "to outside:192.0.2.7/53;" and "(...)," end a clause. */
	if (n > 0 && (w[n - 1] == ';' || w[n - 1] == ','))
		n--;
	s = w;
	if (has_ifc) {
		const char *colon = memchr(w, ':', n);

		if (colon == NULL)
			return fail(m, src ? R_SRC : R_DST, w, n);
		s = colon + 1;
	}
	an = (size_t)(w + n - s);
	slash = memchr(s, '/', an);
	if (slash != NULL)
		an = (size_t)(slash - s);
	if (mnw_addr_parse(a, s, an) == -1)
		return fail(m, src ? R_SRC : R_DST, s, an);
	if (slash != NULL && port != NULL) {
		const char *ps = slash + 1;
		size_t pn = (size_t)(w + n - ps);

		if (read_port(ps, pn, port) == -1)
			return fail(m, src ? R_SPORT : R_DPORT, ps, pn);
	}
	return 0;
}

/* "IFC/ADDR(PORT)" of message 106100. */
static int
read_endpoint_paren(struct asa_msg *m, struct mnw_addr *a, int *port,
    int src)
{
	const char *w, *s, *open;
	size_t n;

	n = fmt_word(&m->c, &w);
	if ((s = memchr(w, '/', n)) == NULL)
		return fail(m, src ? R_SRC : R_DST, w, n);
	s++;
	open = memchr(s, '(', (size_t)(w + n - s));
	if (open == NULL || w[n - 1] != ')')
		return fail(m, src ? R_SRC : R_DST, w, n);
	if (mnw_addr_parse(a, s, (size_t)(open - s)) == -1)
		return fail(m, src ? R_SRC : R_DST, s, (size_t)(open - s));
	if (read_port(open + 1, (size_t)(w + n - 1 - (open + 1)), port) == -1)
		return fail(m, src ? R_SPORT : R_DPORT, open + 1,
		    (size_t)(w + n - 1 - (open + 1)));
	return 0;
}

/*
 * A protocol: a name ("tcp", "UDP", "icmp6"), a number, or
 * "protocol N".  "IP" means any protocol and gives -1.
 */
static int
read_proto(struct asa_msg *m, int *proto)
{
	const char *w;
	size_t n = fmt_word(&m->c, &w);

	if (fmt_eq(w, n, "protocol")) {
		struct fmt_cur save = m->c;

		if (fmt_eatc(&m->c, ' ')) {
			const char *num;
			size_t nn = fmt_word(&m->c, &num);
			unsigned long long v;

			if (fmt_uint(num, nn, 255, &v) == 0) {
				*proto = (int)v;
				return 0;
			}
		}
		m->c = save;
		return fail(m, "invalid protocol", w, n);
	}
	if (fmt_eq(w, n, "IP") || fmt_eq(w, n, "ip")) {
		*proto = -1;
		return 0;
	}
	if ((*proto = mnw_proto_parse(w, n)) == -1)
		return fail(m, "invalid protocol", w, n);
	return 0;
}

/*
 * Flag words up to " on " or the end: "SYN", "RST ACK", "FIN PSH ACK".
 */
static int
read_flag_words(struct asa_msg *m, int *flags)
{
	int f = 0, any = 0;

	for (;;) {
		const char *w;
		size_t n;

		fmt_skip_spaces(&m->c);
		if (fmt_at_end(&m->c) || fmt_prefix(m->c.p,
		    (size_t)(m->c.end - m->c.p), "on "))
			break;
		n = fmt_word(&m->c, &w);
		if (n > 0 && w[n - 1] == ',')
			n--;
		if (fmt_eq(w, n, "SYN")) f |= MNW_TCP_SYN;
		else if (fmt_eq(w, n, "ACK")) f |= MNW_TCP_ACK;
		else if (fmt_eq(w, n, "FIN")) f |= MNW_TCP_FIN;
		else if (fmt_eq(w, n, "RST")) f |= MNW_TCP_RST;
		else if (fmt_eq(w, n, "PSH")) f |= MNW_TCP_PSH;
		else if (fmt_eq(w, n, "URG")) f |= MNW_TCP_URG;
		else if (fmt_eq(w, n, "ECE")) f |= MNW_TCP_ECE;
		else if (fmt_eq(w, n, "CWR")) f |= MNW_TCP_CWR;
		else
			return fail(m, "invalid tcp flags", w, n);
		any = 1;
	}
	*flags = any ? f : -1;
	return 0;
}

/* Skip " (user)" groups that identity firewall adds after an address. */
static void
skip_user_groups(struct asa_msg *m)
{
	for (;;) {
		struct fmt_cur save = m->c;

		fmt_skip_spaces(&m->c);
		if (fmt_prefix(m->c.p, (size_t)(m->c.end - m->c.p), "(type ") ||
		    !fmt_skip_group(&m->c, '(', ')')) {
			m->c = save;
			return;
		}
	}
}

/* "type N, code M" with or without parentheses, if it is next. */
static int
read_type_code(struct asa_msg *m, struct mnw_event *ev)
{
	const char *w;
	size_t n;
	int paren;

	fmt_skip_spaces(&m->c);
	paren = fmt_eat(&m->c, "(type ");
	if (!paren && !fmt_eat(&m->c, "type "))
		return 0;
	n = fmt_until(&m->c, ',', &w);
	if (fmt_byte(w, n, &ev->icmp_type) == -1)
		return fail(m, "invalid icmp type", w, n);
	if (expect(m, ", code ") == -1)
		return -1;
	n = 0;
	w = m->c.p;
	while (m->c.p < m->c.end && fmt_isdigit(*m->c.p)) {
		m->c.p++;
		n++;
	}
	if (fmt_byte(w, n, &ev->icmp_code) == -1)
		return fail(m, "invalid icmp code", w, n);
	if (paren && expect(m, ")") == -1)
		return -1;
	(void)fmt_eatc(&m->c, ',');
	return 0;
}

/*
 * "from [IFC:]A[/P] to [IFC:]B[/P]" and the variants with a mapped
 * address "(MA/MP)" after each endpoint.
 */
static int
read_from_to(struct asa_msg *m, struct mnw_event *ev, int src_ifc,
    int dst_ifc)
{
	if (expect(m, "from ") == -1 ||
	    read_endpoint(m, src_ifc, &ev->src, &ev->sport, 1) == -1)
		return -1;
	skip_user_groups(m);
	fmt_skip_spaces(&m->c);
	if (expect(m, "to ") == -1 ||
	    read_endpoint(m, dst_ifc, &ev->dst, &ev->dport, 0) == -1)
		return -1;
	return 0;
}

/* Same as read_from_to, for "src IFC:A[/P] ... dst IFC:B[/P]". */
static int
read_src_dst(struct asa_msg *m, struct mnw_event *ev)
{
	if (expect(m, "src ") == -1 ||
	    read_endpoint(m, 1, &ev->src, &ev->sport, 1) == -1)
		return -1;
	skip_user_groups(m);
	fmt_skip_spaces(&m->c);
	if (expect(m, "dst ") == -1 ||
	    read_endpoint(m, 1, &ev->dst, &ev->dport, 0) == -1)
		return -1;
	skip_user_groups(m);
	return 0;
}

/* A bare address word, optionally in parentheses or with a trailing
 * colon or comma: "(0.0.0.0)", "172.16.1.10:". */
static int
read_bare_addr(struct asa_msg *m, struct mnw_addr *a, int src)
{
	const char *w;
	size_t n = fmt_word(&m->c, &w);

	if (n >= 2 && w[0] == '(' && w[n - 1] == ')') {
		w++;
		n -= 2;
	} else if (n > 0 && (w[n - 1] == ':' || w[n - 1] == ',' ||
	    w[n - 1] == '.')) {
		n--;
	}
	if (mnw_addr_parse(a, w, n) == -1)
		return fail(m, src ? R_SRC : R_DST, w, n);
	return 0;
}

/*
 * The body of one message, by number.  Returns 1 for an event, 0 for a
 * skipped message (*skip_reason set), -1 for a rejection (m->reason set).
 */
static int
read_body(struct asa_msg *m, long id, struct mnw_event *ev,
    const char **skip_reason)
{
	const char *w;
	size_t n;
	unsigned long long v;

	ev->action = MNW_ACTION_DROP;
	switch (id) {
	case 106001:
		/* Inbound TCP connection denied from A/P to B/P flags F
		 * on interface IFC */
		ev->proto = 6;
		if (expect(m, "Inbound TCP connection denied ") == -1 ||
		    read_from_to(m, ev, 0, 0) == -1 ||
		    expect(m, " flags") == -1 ||
		    read_flag_words(m, &ev->tcpflags) == -1)
			return -1;
		return 1;
	case 106006:
	case 106007:
		/* Deny inbound UDP from A/P to B/P on interface IFC
		 * Deny inbound UDP from A/P to B/P due to DNS Query */
		ev->proto = 17;
		if (expect(m, "Deny inbound UDP ") == -1 ||
		    read_from_to(m, ev, 0, 0) == -1)
			return -1;
		return 1;
	case 106010:
		/* Deny inbound PROTO src IFC:A[/P] dst IFC:B[/P] */
		if (expect(m, "Deny inbound ") == -1 ||
		    read_proto(m, &ev->proto) == -1 || expect(m, " ") == -1 ||
		    read_src_dst(m, ev) == -1)
			return -1;
		return 1;
	case 106014:
		/* Deny {inbound|outbound} icmp src IFC:A dst IFC:B
		 * (type N, code M) */
		if (expect(m, "Deny ") == -1)
			return -1;
		if (!fmt_eat(&m->c, "inbound ") &&
		    !fmt_eat(&m->c, "outbound "))
			return fail(m, R_SHAPE, m->c.p, 0);
		if (read_proto(m, &ev->proto) == -1 || expect(m, " ") == -1 ||
		    read_src_dst(m, ev) == -1 || read_type_code(m, ev) == -1)
			return -1;
		return 1;
	case 106015:
		/* Deny TCP (no connection) from A/P to B/P flags F on
		 * interface IFC */
		ev->proto = 6;
		if (expect(m, "Deny TCP (no connection) ") == -1 ||
		    read_from_to(m, ev, 0, 0) == -1 ||
		    expect(m, " flags") == -1 ||
		    read_flag_words(m, &ev->tcpflags) == -1)
			return -1;
		return 1;
	case 106016:
		/* Deny IP spoof from (A) to B on interface IFC */
		if (expect(m, "Deny IP spoof from ") == -1 ||
		    read_bare_addr(m, &ev->src, 1) == -1 ||
		    expect(m, " to ") == -1 ||
		    read_bare_addr(m, &ev->dst, 0) == -1)
			return -1;
		return 1;
	case 106017:
		/* Deny IP due to Land Attack from A to B */
		if (expect(m, "Deny IP due to Land Attack from ") == -1 ||
		    read_bare_addr(m, &ev->src, 1) == -1 ||
		    expect(m, " to ") == -1 ||
		    read_bare_addr(m, &ev->dst, 0) == -1)
			return -1;
		return 1;
	case 106020:
		/* Deny IP teardrop fragment (size = N, offset = M) from A
		 * to B */
		if (expect(m, "Deny IP teardrop fragment ") == -1)
			return -1;
		if (!fmt_skip_group(&m->c, '(', ')'))
			return fail(m, R_SHAPE, m->c.p, 0);
		if (expect(m, " from ") == -1 ||
		    read_bare_addr(m, &ev->src, 1) == -1 ||
		    expect(m, " to ") == -1 ||
		    read_bare_addr(m, &ev->dst, 0) == -1)
			return -1;
		return 1;
	case 106021:
	case 106022:
		/* Deny PROTO reverse path check from A to B on interface
		 * IFC; Deny PROTO connection spoof from A to B on ... */
		if (expect(m, "Deny ") == -1 ||
		    read_proto(m, &ev->proto) == -1)
			return -1;
		if (expect(m, id == 106021 ? " reverse path check from " :
		    " connection spoof from ") == -1 ||
		    read_bare_addr(m, &ev->src, 1) == -1 ||
		    expect(m, " to ") == -1 ||
		    read_bare_addr(m, &ev->dst, 0) == -1)
			return -1;
		return 1;
	case 106023:
		/* Deny PROTO src IFC:A[/P] dst IFC:B[/P]
		 * [(type N, code M)] by access-group "ACL" [...] */
		if (expect(m, "Deny ") == -1 ||
		    read_proto(m, &ev->proto) == -1 || expect(m, " ") == -1 ||
		    read_src_dst(m, ev) == -1 || read_type_code(m, ev) == -1)
			return -1;
		return 1;
	case 106100:
		/* access-list ACL {permitted|denied|est-allowed} PROTO
		 * IFC/A(P) -> IFC/B(P) hit-cnt N ... */
		if (expect(m, "access-list ") == -1)
			return -1;
		(void)fmt_word(&m->c, &w);
		if (expect(m, " ") == -1)
			return -1;
		n = fmt_word(&m->c, &w);
		if (fmt_eq(w, n, "denied"))
			ev->action = MNW_ACTION_DROP;
		else if (fmt_eq(w, n, "permitted") ||
		    fmt_eq(w, n, "est-allowed"))
			ev->action = MNW_ACTION_ACCEPT;
		else
			return fail(m, "invalid action", w, n);
		if (expect(m, " ") == -1 || read_proto(m, &ev->proto) == -1 ||
		    expect(m, " ") == -1 ||
		    read_endpoint_paren(m, &ev->src, &ev->sport, 1) == -1)
			return -1;
		skip_user_groups(m);
		if (expect(m, " -> ") == -1 ||
		    read_endpoint_paren(m, &ev->dst, &ev->dport, 0) == -1)
			return -1;
		skip_user_groups(m);
		if (expect(m, " hit-cnt ") == -1)
			return -1;
		n = fmt_word(&m->c, &w);
		if (fmt_uint(w, n, 4294967295ULL, &v) == -1 || v == 0)
			return fail(m, "invalid count", w, n);
		ev->count = (unsigned long)v;
		/* For ICMP the "ports" are the type and the code. */
		if (fmt_proto_is_icmp(ev->proto)) {
			ev->icmp_type = ev->sport;
			ev->icmp_code = ev->dport;
			if (ev->icmp_type > 255 || ev->icmp_code > 255)
				return fail(m, "invalid icmp type", NULL, 0);
		}
		return 1;
	case 302013:
	case 302015:
		/* Built {inbound|outbound} {TCP|UDP} connection ID for
		 * IFC:A/P (MA/MP) to IFC:B/P (MB/MP) */
		if (expect(m, "Built ") == -1)
			return -1;
		if (fmt_eat(&m->c, "outbound ")) {
			*skip_reason = "outbound connection";
			return 0;
		}
		if (expect(m, "inbound ") == -1 ||
		    read_proto(m, &ev->proto) == -1 ||
		    expect(m, " connection ") == -1)
			return -1;
		(void)fmt_word(&m->c, &w);	/* connection id */
		if (expect(m, " for ") == -1 ||
		    read_endpoint(m, 1, &ev->src, &ev->sport, 1) == -1)
			return -1;
		skip_user_groups(m);
		fmt_skip_spaces(&m->c);
		if (expect(m, "to ") == -1 ||
		    read_endpoint(m, 1, &ev->dst, &ev->dport, 0) == -1)
			return -1;
		ev->action = MNW_ACTION_ACCEPT;
		return 1;
	case 313001:
		/* Denied ICMP type=N, code=M from A on interface IFC:
		 * the target (the ASA itself) is not in the message. */
		*skip_reason = "no target address in message";
		return 0;
	case 313004:
		/* Denied ICMP type=N, from laddr A on interface IFC to B:
		 * no matching session */
		ev->proto = 1;
		if (expect(m, "Denied ICMP type=") == -1)
			return -1;
		n = fmt_until(&m->c, ',', &w);
		if (fmt_byte(w, n, &ev->icmp_type) == -1)
			return fail(m, "invalid icmp type", w, n);
		if (expect(m, ", from laddr ") == -1 ||
		    read_bare_addr(m, &ev->src, 1) == -1 ||
		    expect(m, " on interface ") == -1)
			return -1;
		(void)fmt_word(&m->c, &w);
		if (expect(m, " to ") == -1 ||
		    read_bare_addr(m, &ev->dst, 0) == -1)
			return -1;
		if (ev->src.family == 6)
			ev->proto = 58;
		return 1;
	case 313005:
		/* No matching connection for ICMP error message: icmp src
		 * IFC:A dst IFC:B (type N, code M) on IFC interface. */
		if (expect(m, "No matching connection for ICMP error "
		    "message: ") == -1 || read_proto(m, &ev->proto) == -1 ||
		    expect(m, " ") == -1 || read_src_dst(m, ev) == -1 ||
		    read_type_code(m, ev) == -1)
			return -1;
		return 1;
	case 338008:
		/* Dynamic Filter dropped blacklisted PROTO traffic from
		 * IFC:A/P (MA/MP) to IFC:B/P (MB/MP), ... */
		if (expect(m, "Dynamic Filter dropped blacklisted ") == -1 ||
		    read_proto(m, &ev->proto) == -1 ||
		    expect(m, " traffic ") == -1 ||
		    read_from_to(m, ev, 1, 1) == -1)
			return -1;
		return 1;
	case 410001:
		/* Dropped UDP DNS {request|reply} from IFC:A/P to IFC:B/P; */
		ev->proto = 17;
		if (expect(m, "Dropped UDP DNS ") == -1)
			return -1;
		(void)fmt_word(&m->c, &w);
		if (expect(m, " ") == -1 || read_from_to(m, ev, 1, 1) == -1)
			return -1;
		return 1;
	case 418001:
		/* Through-the-device packet to/from management-only
		 * network is denied: PROTO src IFC:A/P dst IFC:B/P */
		if (expect(m, "Through-the-device packet to/from "
		    "management-only network is denied: ") == -1 ||
		    read_proto(m, &ev->proto) == -1 || expect(m, " ") == -1 ||
		    read_src_dst(m, ev) == -1)
			return -1;
		return 1;
	case 420002:
	case 434002:
		/* {IPS|SFR} requested to drop PROTO packet from IFC:A/P
		 * to IFC:B/P */
		if (expect(m, id == 420002 ? "IPS requested to drop " :
		    "SFR requested to drop ") == -1 ||
		    read_proto(m, &ev->proto) == -1 ||
		    expect(m, " packet ") == -1 ||
		    read_from_to(m, ev, 1, 1) == -1)
			return -1;
		return 1;
	case 421001:
		/* PROTO flow from IFC:A/P to IFC:B/P is dropped because
		 * ... */
		if (read_proto(m, &ev->proto) == -1 ||
		    expect(m, " flow ") == -1 ||
		    read_from_to(m, ev, 1, 1) == -1 ||
		    expect(m, " is dropped") == -1)
			return -1;
		return 1;
	case 500003:
		/* Bad TCP hdr length (hdrlen=N, pktlen=M) from A/P to
		 * B/P, flags: F, on interface IFC */
		ev->proto = 6;
		if (expect(m, "Bad TCP hdr length ") == -1)
			return -1;
		if (!fmt_skip_group(&m->c, '(', ')'))
			return fail(m, R_SHAPE, m->c.p, 0);
		if (expect(m, " ") == -1 || read_from_to(m, ev, 0, 0) == -1)
			return -1;
		return 1;
	case 500004:
		/* Invalid transport field for protocol=PROTO, from A/P to
		 * B/P */
		if (expect(m, "Invalid transport field for protocol=") == -1)
			return -1;
		n = fmt_until(&m->c, ',', &w);
		if ((ev->proto = mnw_proto_parse(w, n)) == -1)
			return fail(m, "invalid protocol", w, n);
		if (expect(m, ", ") == -1 || read_from_to(m, ev, 0, 0) == -1)
			return -1;
		return 1;
	case 710003:
		/* {TCP|UDP} access denied by ACL from A/P to IFC:B/SERVICE */
		if (read_proto(m, &ev->proto) == -1 ||
		    expect(m, " access denied by ACL ") == -1 ||
		    read_from_to(m, ev, 0, 1) == -1)
			return -1;
		return 1;
	default:
		if (id / 1000 == 302) {
			*skip_reason = "connection state message";
			return 0;
		}
		*skip_reason = "not a connection message";
		return 0;
	}
}

/* Check an event that read_body filled against its protocol. */
static int
check_event(struct asa_msg *m, struct mnw_event *ev)
{
	if (!fmt_families_match(ev))
		return fail(m, "source and target address families differ",
		    NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	if (fmt_proto_has_ports(ev->proto)) {
		if (ev->sport < 0)
			return fail(m, "missing source port", NULL, 0);
		if (ev->dport < 0)
			return fail(m, "missing target port", NULL, 0);
	} else {
		/* ICMP "ports" in 106100 were moved to type and code;
		 * other protocols have none. */
		ev->sport = ev->dport = -1;
	}
	if (!fmt_proto_is_icmp(ev->proto))
		ev->icmp_type = ev->icmp_code = -1;
	if (ev->proto != 6)
		ev->tcpflags = -1;
	return 0;
}

/*
 * "%ASA-4-106023" (also %PIX-, %FTD-, %FWSM-, and with a class word
 * "%ASA-session-5-106100"): its length, and the message number.
 */
static size_t
read_msgid(const char *s, size_t n, long *id)
{
	struct fmt_cur c = { s, s + n };
	unsigned long long v;
	const char *w;
	size_t wn;

	if (!fmt_eat(&c, "%ASA-") && !fmt_eat(&c, "%PIX-") &&
	    !fmt_eat(&c, "%FTD-") && !fmt_eat(&c, "%FWSM-"))
		return 0;
	if (c.p < c.end && *c.p >= 'a' && *c.p <= 'z') {
		wn = fmt_until(&c, '-', &w);
		if (wn > 16 || fmt_at_end(&c))
			return 0;
		for (size_t i = 0; i < wn; i++)
			if (w[i] < 'a' || w[i] > 'z')
				return 0;
		c.p++;
	}
	if (c.end - c.p < 8 || !fmt_isdigit(c.p[0]) || c.p[1] != '-')
		return 0;
	c.p += 2;
	if (fmt_uint(c.p, 6, 999999, &v) == -1)
		return 0;
	c.p += 6;
	if (c.p < c.end && fmt_isdigit(*c.p))
		return 0;
	*id = (long)v;
	return (size_t)(c.p - s);
}

/*
 * The ASA's own stamp "Mmm dd yyyy hh:mm:ss[.frac]", then up to two
 * words (zone, device id) and a colon.  Returns the length up to and
 * including ": ", or 0 if the text has not this shape.  *valid is 1 if
 * the date and time exist, and then *t is set; *host is set to the
 * device id, if there is one.
 */
static size_t
read_asa_stamp(const char *s, size_t n, const struct mnw_tz *tz,
    time_t *t, int *valid, const char **host, size_t *hostlen)
{
	struct fmt_cur c = { s, s + n };
	struct tm tm;
	unsigned long long v;
	const char *w[2];
	size_t wl[2];
	int nw = 0, mon, zone = -1, leap;
	static const unsigned char mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	*valid = 0;
	*host = NULL;
	*hostlen = 0;
	if (n < 21 || !fmt_isalpha(s[0]) || s[3] != ' ' || s[6] != ' ' ||
	    s[11] != ' ' || s[14] != ':' || s[17] != ':')
		return 0;
	c.p = s + 20;
	if (fmt_eatc(&c, '.'))
		while (c.p < c.end && fmt_isdigit(*c.p))
			c.p++;

	/* Up to two words before the colon: a zone, a device id. */
	for (;;) {
		if (fmt_eat(&c, ": ") || fmt_eat(&c, " : "))
			break;
		if (nw == 2 || !fmt_eatc(&c, ' '))
			return 0;
		w[nw] = c.p;
		while (c.p < c.end && *c.p != ' ' && *c.p != ':')
			c.p++;
		wl[nw] = (size_t)(c.p - w[nw]);
		if (wl[nw] == 0)
			return 0;
		nw++;
	}
	if (nw > 0) {
		for (size_t i = 0; i < sizeof(zone_names) /
		    sizeof(zone_names[0]); i++)
			if (fmt_eq(w[0], wl[0], zone_names[i].name))
				zone = (int)i;
		if (nw == 2 && zone < 0)
			return 0;	/* two words, the first no zone */
		if (nw == 2 || zone < 0) {
			*host = w[nw - 1];
			*hostlen = wl[nw - 1];
		}
	}

	/* The shape fits: from here on a bad value is an invalid time. */
	memset(&tm, 0, sizeof(tm));
	if ((mon = mnw_month_from_abbr(s)) < 0)
		return (size_t)(c.p - s);
	if (s[4] == ' ' && fmt_isdigit(s[5]))
		v = (unsigned long long)(s[5] - '0');	/* "Apr  5" */
	else if (fmt_uint(s + 4, 2, 31, &v) == -1)
		return (size_t)(c.p - s);
	if (v == 0 || v > mdays[mon])
		return (size_t)(c.p - s);
	tm.tm_mday = (int)v;
	tm.tm_mon = mon;
	if (fmt_uint(s + 7, 4, 9999, &v) == -1 || v < 1970)
		return (size_t)(c.p - s);
	tm.tm_year = (int)v - 1900;
	leap = (v % 4 == 0 && v % 100 != 0) || v % 400 == 0;
	if (mon == 1 && tm.tm_mday == 29 && !leap)
		return (size_t)(c.p - s);
	if (fmt_uint(s + 12, 2, 23, &v) == -1)
		return (size_t)(c.p - s);
	tm.tm_hour = (int)v;
	if (fmt_uint(s + 15, 2, 59, &v) == -1)
		return (size_t)(c.p - s);
	tm.tm_min = (int)v;
	if (fmt_uint(s + 18, 2, 60, &v) == -1)
		return (size_t)(c.p - s);
	tm.tm_sec = v == 60 ? 59 : (int)v;	/* a leap second */
	if (zone >= 0)
		*t = mnw_timegm(&tm) - zone_names[zone].offset * 60;
	else if (mnw_tz_mktime(tz, &tm, t) == -1)
		return (size_t)(c.p - s);
	*valid = 1;
	return (size_t)(c.p - s);
}

static enum mnw_parse_result
asa_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct asa_msg m;
	const char *body, *host = NULL;
	size_t bodylen, n, hostlen = 0;
	long id;
	time_t t;
	int has_stamp = 0, valid = 0, r;
	const char *stamp = NULL;
	const char *skip_reason = NULL;

	(void)line;
	(void)len;
	if (env->taglen > 0 && (n = read_msgid(env->tag, env->taglen,
	    &id)) == env->taglen) {
		/* The envelope step took "%ASA-6-106100:" for a tag. */
		body = env->msg;
		bodylen = env->msglen;
	} else {
		const char *p = env->msg, *end = env->msg + env->msglen;

		/* The message of another program (a kernel log prefix, an
		 * application's text) may start with "%ASA-" too, so only an
		 * untagged message is taken for the firewall's. */
		if (env->taglen > 0)
			return MNW_PARSE_NO;
		if ((n = read_asa_stamp(p, (size_t)(end - p), &ctx->tz, &t,
		    &valid, &host, &hostlen)) > 0) {
			has_stamp = 1;
			stamp = p;
			p += n;
		} else if (fmt_prefix(p, (size_t)(end - p), ": ")) {
			/* "host : %ASA-..." after a syslog header */
			p += 2;
		}
		if ((n = read_msgid(p, (size_t)(end - p), &id)) == 0)
			return MNW_PARSE_NO;
		p += n;
		if (p < end && *p == ':')
			p++;
		if (p < end && *p == ' ')
			p++;
		body = p;
		bodylen = (size_t)(end - p);
	}

	if (has_stamp && !valid)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    stamp, 20);
	if (has_stamp)
		ev->time = t;
	if (host != NULL)
		fmt_set_host(ev, host, hostlen);

	m.c.p = body;
	m.c.end = body + bodylen;
	m.reason = NULL;
	m.value = NULL;
	m.valuelen = 0;
	r = read_body(&m, id, ev, &skip_reason);
	if (r == 0)
		return fmt_skip(reason, value, valuelen, skip_reason, NULL, 0);
	if (r == 1 && check_event(&m, ev) == 0)
		return MNW_PARSE_EVENT;
	return fmt_reject(reason, value, valuelen,
	    m.reason != NULL ? m.reason : R_SHAPE, m.value, m.valuelen);
}

const struct mnw_format mnw_format_asa = {
	.name = "asa",
	.description = "Cisco ASA, PIX and FTD deny and connection messages",
	.parse = asa_parse,
	.free_state = NULL,
};
