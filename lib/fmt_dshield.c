/*
 * fmt_dshield.c: the DShield submission format.
 *
 * One event per line, nine tab-separated fields:
 *
 *   date time zone  submitter  count  src  sport  dst  dport  proto  flags
 *   2026-12-04 19:10:59 -05:00	4711	3	192.0.2.7	4123	198.51.100.9	22	6	S
 *
 * It is the nearest thing to a standard for firewall events, and an
 * mnw event record converts to it with one awk line.  A line is
 * claimed only if it has exactly this shape: nine fields, the first
 * starting with a date.  Anything else is left to the other formats.
 *
 * For ICMP, DShield puts the type in the source port field and the
 * code in the target port field.  The submitter id is checked but not
 * used as the agent: an agent is named by the -a option or by the
 * transport that delivered its events, never by text inside a line,
 * so one agent cannot submit events in the name of another.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

#define DSHIELD_FIELDS 9

/* Maximum length of a submitter id: the same as for an agent name. */
#define SUBMITTER_MAX MNW_AGENT_MAX

/* The highest count a record can carry (see mnw_event_parse). */
#define COUNT_MAX 4294967295ULL

/*
 * TCP flags as DShield clients write them: the letters of mnw's own
 * set, plus '1' and '2' for the two bits that older tools called
 * reserved (now CWR and ECE), as in Snort's "12UAPRSF".
 */
static int
parse_flags(const char *s, size_t n, int *flags)
{
	int f = 0;

	if (n == 0 || (n == 1 && s[0] == '-')) {
		*flags = -1;
		return 0;
	}
	if (n > 16)
		return -1;
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'F': case 'f': f |= MNW_TCP_FIN; break;
		case 'S': case 's': f |= MNW_TCP_SYN; break;
		case 'R': case 'r': f |= MNW_TCP_RST; break;
		case 'P': case 'p': f |= MNW_TCP_PSH; break;
		case 'A': case 'a': f |= MNW_TCP_ACK; break;
		case 'U': case 'u': f |= MNW_TCP_URG; break;
		case 'E': case 'e': case '2': f |= MNW_TCP_ECE; break;
		case 'C': case 'c': case '1': f |= MNW_TCP_CWR; break;
		case '*': break;	/* Snort's "flag not set" */
		default: return -1;
		}
	}
	*flags = f;
	return 0;
}

/* A submitter id: printable ASCII without spaces, 1..SUBMITTER_MAX. */
static int
submitter_valid(const char *s, size_t n)
{
	if (n == 0 || n > SUBMITTER_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* "-" or nothing: the field is not given. */
static int
is_absent(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '-');
}

static enum mnw_parse_result
dshield_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const char *f[DSHIELD_FIELDS];
	size_t fl[DSHIELD_FIELDS];
	const char *p = line, *end = line + len;
	unsigned long long count;
	time_t t;
	size_t n;
	int i;

	/*
	 * The first field must start "YYYY-MM-DD hh:mm:ss"; checking the
	 * separators first keeps the cost for other formats' lines at a
	 * few byte comparisons.
	 */
	if (len < 20 || line[4] != '-' || line[7] != '-' || line[10] != ' ' ||
	    line[13] != ':' || line[16] != ':' || !fmt_isdigit(line[0]))
		return MNW_PARSE_NO;
	for (i = 0; i < DSHIELD_FIELDS; i++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		if (tab == NULL && i != DSHIELD_FIELDS - 1)
			return MNW_PARSE_NO;
		if (tab != NULL && i == DSHIELD_FIELDS - 1)
			return MNW_PARSE_NO;	/* more than nine fields */
		f[i] = p;
		fl[i] = (size_t)((tab != NULL ? tab : end) - p);
		p = tab != NULL ? tab + 1 : end;
	}

	n = mnw_time_parse_iso(f[0], fl[0], &ctx->tz, &t);
	if (n == 0 || n != fl[0])
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[0], fl[0]);
	ev->time = t;
	/* The line has no logging host; a host the envelope step found
	 * in it would be a misreading. */
	if (strcmp(env->kind, "none") != 0)
		ev->host[0] = '\0';

	if (!submitter_valid(f[1], fl[1]))
		return fmt_reject(reason, value, valuelen,
		    "invalid submitter id", f[1], fl[1]);
	if (fmt_uint(f[2], fl[2], COUNT_MAX, &count) == -1 || count == 0)
		return fmt_reject(reason, value, valuelen, "invalid count",
		    f[2], fl[2]);
	ev->count = (unsigned long)count;

	if (mnw_addr_parse(&ev->src, f[3], fl[3]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[3], fl[3]);
	if (mnw_addr_parse(&ev->dst, f[5], fl[5]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[5], fl[5]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", f[5], fl[5]);

	if ((ev->proto = mnw_proto_parse(f[7], fl[7])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[7], fl[7]);

	if (fmt_proto_has_ports(ev->proto)) {
		if (fmt_port(f[4], fl[4], &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f[4], fl[4]);
		if (fmt_port(f[6], fl[6], &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f[6], fl[6]);
	} else if (fmt_proto_is_icmp(ev->proto)) {
		if (!is_absent(f[4], fl[4]) &&
		    fmt_byte(f[4], fl[4], &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", f[4], fl[4]);
		if (!is_absent(f[6], fl[6]) &&
		    fmt_byte(f[6], fl[6], &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp code", f[6], fl[6]);
		if (ev->icmp_type < 0)
			ev->icmp_code = -1;
	} else {
		/* No ports in this protocol: the fields must be empty or
		 * a number, which is then not kept. */
		int unused;

		if (!is_absent(f[4], fl[4]) &&
		    fmt_port(f[4], fl[4], &unused) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f[4], fl[4]);
		if (!is_absent(f[6], fl[6]) &&
		    fmt_port(f[6], fl[6], &unused) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f[6], fl[6]);
	}

	if (ev->proto == 6) {
		if (parse_flags(f[8], fl[8], &ev->tcpflags) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid tcp flags", f[8], fl[8]);
	}
	/* DShield lines are what a firewall blocked. */
	ev->action = MNW_ACTION_DROP;
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_dshield = {
	.name = "dshield",
	.description = "DShield submission format (tab-separated)",
	.parse = dshield_parse,
	.free_state = NULL,
};
