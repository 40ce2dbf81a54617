/*
 * fmt_isa.c: the logs of Microsoft ISA Server 2000, 2004 and 2006 and
 * Forefront TMG.
 *
 * ISA writes its W3C extended logs tab-separated, under header lines:
 *
 *   #Software: Microsoft Internet Security and Acceleration Server 2004
 *   #Version: 2.0
 *   #Date: 2026-12-04 00:00:00
 *   #Fields: computer<TAB>date<TAB>time<TAB>IP protocol<TAB>source<TAB>
 *       destination<TAB>original client IP<TAB>source network<TAB>
 *       destination network<TAB>action<TAB>status<TAB>rule<TAB>...
 *   FW1<TAB>2026-12-04<TAB>19:10:59<TAB>TCP<TAB>192.0.2.7:4123<TAB>
 *       198.51.100.9:3389<TAB>192.0.2.7<TAB>External<TAB>Local Host<TAB>
 *       Denied<TAB>0xc004000d<TAB>-<TAB>...
 *
 * (each shown on one line in the file).  Field names contain spaces,
 * so only tabs separate them.  The #Fields header names the columns of
 * the lines that follow it and is kept in the stream state.  Its names
 * decide which of three logs follows:
 *
 *   firewall log (2004, 2006, TMG): "IP protocol", "source",
 *       "destination", "action".  Denied is a drop; "Initiated
 *       Connection" from the External network is an accept; other
 *       connections and actions (Closed Connection, Intermediate,
 *       Established) are skipped.
 *   packet filter log (2000): "source-ip", "destination-ip",
 *       "protocol", "param#1", "param#2", "tcp-flags", "filter-rule".
 *       Microsoft's KB article 284818 lists three filter-rule values.
 *       BLOCKED (dropped) is an event.  ALLOWED (passed by an allow
 *       filter, logged only when the administrator turns that on) is
 *       skipped, because the log does not say which way the packet
 *       went.  INTERNAL (seen on the internal interface, so from the
 *       firewall's own network) is skipped.  The ISA 2000 SDK documents
 *       0 (dropped) and 1 (accepted) for the same field, read alike.
 *   web proxy and firewall service log (2000 to TMG): "c-ip",
 *       "s-svcname".  Every line is a request of a client of the
 *       proxy, not an attempt on the agent: skipped.
 *
 * A stream without a #Fields header is read as a firewall log in its
 * default column order, shown above.  ISA 2000 can also write its
 * firewall service and web proxy logs in "ISA Server format", comma and
 * space separated without a header:
 *
 *   10.0.0.7, SYSTEM, svc.exe:3:5.1, Y, 12/4/2026, 19:10:59, fwsrv,
 *       FW1, -, -, -, 50000, ...
 *
 * Those lines are skipped too.  The firewall service log records the
 * sessions of firewall client software: Connect (outgoing), Bind,
 * Listen, UdpMap, GHBN and GHBA (name look-ups) and Accept, an incoming
 * connection that a server publishing rule let through.  KB 284818
 * names no operation for a denied attempt, so no line becomes an event.
 *
 * Times: ISA writes W3C extended logs in UTC (as the log field lists of
 * the ISA 2000 SDK and of ISA 2006 and TMG state), so after a #Fields
 * header times are read as UTC.  NOTE: a stream without a header may
 * be a cut from such a file or a copy made in local time; its times
 * are read in the -z zone.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Limits of a #Fields header.  NOTE: guessed with room to spare: the
 * sample headers seen have 12 to 29 fields and names of at most 28
 * bytes ("connection time intermediate"). */
#define ISA_COLS_MAX 64
#define ISA_NAME_MAX 48
/* Fields read from a line in the default order. */
#define ISA_DEFAULT_COLS 10

enum isa_kind { KIND_NONE, KIND_FIREWALL, KIND_PACKET, KIND_PROXY };

enum isa_key {
	K_DATE, K_TIME,
	K_FW_PROTO, K_FW_SRC, K_FW_DST, K_FW_SRCNET, K_FW_ACTION,
	K_PF_SRC, K_PF_DST, K_PF_PROTO, K_PF_PARAM1, K_PF_PARAM2,
	K_PF_FLAGS, K_PF_RULE,
	K_PX_CIP, K_PX_SVC,
	K_NKEYS
};

/* The field names as ISA writes them in #Fields. */
static const char *const key_names[K_NKEYS] = {
	"date", "time",
	"IP protocol", "source", "destination", "source network", "action",
	"source-ip", "destination-ip", "protocol", "param#1", "param#2",
	"tcp-flags", "filter-rule",
	"c-ip", "s-svcname",
};

/* Firewall log columns of a stream without a #Fields header. */
static const signed char default_cols[K_NKEYS] = {
	1, 2, 3, 4, 5, 7, 9,
	-1, -1, -1, -1, -1, -1, -1,
	-1, -1,
};

struct isa_state {
	enum isa_kind kind;	/* KIND_FIREWALL until a #Fields header */
	int has_fields;		/* a #Fields header of ISA was read */
	int usable;		/* 0 after a #Fields header that was rejected */
	int after_software;	/* the line before was an ISA #Software,
				   #Version or #Date line */
	int ncols;		/* fields named by #Fields */
	signed char col[K_NKEYS];	/* column of each key, -1 if none */
};

extern const struct mnw_format mnw_format_isa;

static void
isa_free_state(void *state)
{
	free(state);
}

static int
isa_index(void)
{
	static int idx = -2;

	if (idx == -2)
		idx = fmt_index(&mnw_format_isa);
	return idx;
}

/* The state of this stream, created on first use; NULL if the format
 * is not in the table. */
static struct isa_state *
isa_state(struct mnw_parse_ctx *ctx)
{
	struct isa_state *st;
	int idx = isa_index();

	if (idx < 0)
		return NULL;
	if (ctx->state[idx] == NULL) {
		st = mnw_xcalloc(1, sizeof(*st));
		st->kind = KIND_FIREWALL;
		st->usable = 1;
		memcpy(st->col, default_cols, sizeof(st->col));
		ctx->state[idx] = st;
	}
	return ctx->state[idx];
}

static struct isa_state *
isa_state_peek(const struct mnw_parse_ctx *ctx)
{
	int idx = isa_index();

	return idx < 0 ? NULL : ctx->state[idx];
}

static int
has_key(const signed char *col, int k)
{
	return col[k] >= 0;
}

/*
 * Read the tab-separated names of "#Fields: ..." (s is after the
 * space) into col[] and *ncols, and set *kind to the log they name.
 * Returns NULL, or the reason why an ISA header cannot be used.
 * *kind is KIND_NONE for a header of another program (Windows
 * Firewall, IIS): none of ISA's own names is in it.  Every name is
 * looked at, so a header that is too long is still recognised.
 */
static const char *
read_fields(const char *s, const char *end, signed char *col, int *ncols,
    enum isa_kind *kind)
{
	const char *problem = NULL, *p = s;
	int n = 0, ours;

	memset(col, -1, K_NKEYS);
	*kind = KIND_NONE;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		size_t wl = (size_t)((tab != NULL ? tab : end) - p);

		if (n == ISA_COLS_MAX) {
			if (problem == NULL)
				problem = "too many fields in #Fields header";
		} else {
			if (wl > ISA_NAME_MAX && problem == NULL)
				problem = "field name too long in #Fields "
				    "header";
			for (int k = 0; k < K_NKEYS; k++) {
				if (!fmt_eq(p, wl, key_names[k]))
					continue;
				if (col[k] != -1 && problem == NULL)
					problem = "field named twice in "
					    "#Fields header";
				col[k] = (signed char)n;
			}
			n++;
		}
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	*ncols = n;

	/* Names that no other W3C log uses mark the header as ISA's. */
	ours = has_key(col, K_FW_PROTO) || has_key(col, K_PF_RULE) ||
	    has_key(col, K_PF_PARAM1) || has_key(col, K_PX_SVC);
	if (!ours)
		return NULL;
	if (has_key(col, K_FW_PROTO) && has_key(col, K_FW_SRC) &&
	    has_key(col, K_FW_DST) && has_key(col, K_FW_ACTION))
		*kind = KIND_FIREWALL;
	else if (has_key(col, K_PF_RULE) && has_key(col, K_PF_SRC) &&
	    has_key(col, K_PF_DST) && has_key(col, K_PF_PROTO))
		*kind = KIND_PACKET;
	else if (has_key(col, K_PX_SVC))
		*kind = KIND_PROXY;
	if (problem == NULL && (*kind == KIND_NONE || !has_key(col, K_DATE) ||
	    !has_key(col, K_TIME)))
		problem = "#Fields header without a required field";
	if (*kind == KIND_NONE)
		*kind = KIND_FIREWALL;	/* ours, but of no known kind */
	return problem;
}

/* "#..." lines: the W3C headers of ISA's logs. */
static enum mnw_parse_result
parse_header(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const char **reason, const char **value, size_t *valuelen)
{
	struct isa_state *st;
	signed char col[K_NKEYS];
	enum isa_kind kind;
	const char *problem;
	int ncols;

	if (fmt_prefix(line, len, "#Fields: ")) {
		problem = read_fields(line + 9, line + len, col, &ncols,
		    &kind);
		if (kind == KIND_NONE || (st = isa_state(ctx)) == NULL)
			return MNW_PARSE_NO;
		st->after_software = 0;
		st->kind = kind;
		st->has_fields = 1;
		st->ncols = ncols;
		memcpy(st->col, col, sizeof(col));
		st->usable = problem == NULL;
		if (problem != NULL)
			return fmt_reject(reason, value, valuelen, problem,
			    line, len);
		return fmt_skip(reason, value, valuelen, "header line", NULL,
		    0);
	}
	if (fmt_prefix(line, len, "#Software: Microsoft Internet Security") ||
	    fmt_prefix(line, len,
	    "#Software: Microsoft(R) Internet Security") ||
	    fmt_prefix(line, len, "#Software: Microsoft Forefront Threat")) {
		if ((st = isa_state(ctx)) != NULL)
			st->after_software = 1;
		return fmt_skip(reason, value, valuelen, "header line", NULL,
		    0);
	}
	/* #Version and #Date are in every W3C log: they are ISA's only
	 * right after ISA's #Software line. */
	if ((st = isa_state_peek(ctx)) == NULL || !st->after_software)
		return MNW_PARSE_NO;
	if (fmt_prefix(line, len, "#Version: ") ||
	    fmt_prefix(line, len, "#Date: "))
		return fmt_skip(reason, value, valuelen, "header line", NULL,
		    0);
	st->after_software = 0;
	return MNW_PARSE_NO;
}

/* "YYYY-MM-DD" and "hh:mm:ss" shapes; the digits are checked when the
 * time is parsed. */
static int
looks_like_date(const char *s, size_t n)
{
	return n == 10 && s[4] == '-' && s[7] == '-' && fmt_isdigit(s[0]);
}

static int
looks_like_time(const char *s, size_t n)
{
	return n == 8 && s[2] == ':' && s[5] == ':' && fmt_isdigit(s[0]);
}

/* 1 to max digits followed by sep at s[*i]; moves *i past sep. */
static int
eat_digits(const char *s, size_t n, size_t *i, size_t max, char sep)
{
	size_t start = *i;

	while (*i < n && fmt_isdigit(s[*i]) && *i - start < max)
		(*i)++;
	if (*i == start)
		return 0;
	if (sep == '\0')
		return *i == n;
	if (*i >= n || s[*i] != sep)
		return 0;
	(*i)++;
	return 1;
}

/* ISA Server format: "M/D/YYYY" and "H:MM:SS". */
static int
looks_like_mdy(const char *s, size_t n)
{
	size_t i = 0;

	return eat_digits(s, n, &i, 2, '/') && eat_digits(s, n, &i, 2, '/') &&
	    eat_digits(s, n, &i, 4, '\0') && n >= 8;
}

static int
looks_like_hms(const char *s, size_t n)
{
	size_t i = 0;

	return eat_digits(s, n, &i, 2, ':') && eat_digits(s, n, &i, 2, ':') &&
	    eat_digits(s, n, &i, 2, '\0');
}

/* The service names of the web proxy and firewall service logs. */
static enum mnw_parse_result
skip_service(const char *svc, size_t n, const char **reason,
    const char **value, size_t *valuelen)
{
	if (fmt_eq(svc, n, "w3proxy") || fmt_eq(svc, n, "w3reverseproxy"))
		return fmt_skip(reason, value, valuelen, "web proxy log",
		    NULL, 0);
	if (fmt_eq(svc, n, "fwsrv"))
		return fmt_skip(reason, value, valuelen,
		    "firewall service log", NULL, 0);
	return MNW_PARSE_NO;
}

/*
 * ISA 2000's "ISA Server format": ", "-separated fields, the client
 * address first, then user, agent, authenticated, date, time and the
 * service name at fixed positions.  NOTE: a client agent with ", " in
 * it moves the later fields, and such a line is not recognised.
 */
static enum mnw_parse_result
parse_comma(const char *line, size_t len, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *f[7], *p = line, *end = line + len;
	size_t fl[7];
	struct mnw_addr a;

	for (int i = 0; i < 7; i++) {
		const char *q = p;

		while (q < end && *q != ',')
			q++;
		if (q >= end - 1 || q[1] != ' ')
			return MNW_PARSE_NO;
		f[i] = p;
		fl[i] = (size_t)(q - p);
		p = q + 2;
	}
	if (!looks_like_mdy(f[4], fl[4]) || !looks_like_hms(f[5], fl[5]) ||
	    mnw_addr_parse(&a, f[0], fl[0]) == -1)
		return MNW_PARSE_NO;
	return skip_service(f[6], fl[6], reason, value, valuelen);
}

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

/* Parse the date and time columns into *out, as UTC if tz is NULL.
 * Returns 0 or -1. */
static int
read_time(const char *date, const char *tim, const struct mnw_tz *tz,
    time_t *out)
{
	char buf[19];

	memcpy(buf, date, 10);
	buf[10] = 'T';
	memcpy(buf + 11, tim, 8);
	return mnw_time_parse_iso(buf, 19, tz, out) == 19 ? 0 : -1;
}

/* A line of the firewall log; f[] has every column that col[] names. */
static enum mnw_parse_result
parse_firewall(const signed char *col, const char **f, const size_t *fl,
    const struct mnw_tz *tz, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *act = f[col[K_FW_ACTION]];
	size_t actl = fl[col[K_FW_ACTION]];
	int k, ports;

	if (fmt_eq(act, actl, "Denied")) {
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(act, actl, "Initiated Connection")) {
		k = col[K_FW_SRCNET];
		if (k < 0)
			return fmt_skip(reason, value, valuelen,
			    "connection from an unknown network", NULL, 0);
		if (!fmt_eq(f[k], fl[k], "External"))
			return fmt_skip(reason, value, valuelen,
			    "connection not from the External network",
			    NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
	} else if (fmt_eq(act, actl, "Closed Connection") ||
	    fmt_eq(act, actl, "Intermediate") ||
	    fmt_eq(act, actl, "Established")) {
		return fmt_skip(reason, value, valuelen,
		    "not a denied or initiated connection", NULL, 0);
	} else {
		return MNW_PARSE_NO;
	}

	if (read_time(f[col[K_DATE]], f[col[K_TIME]], tz, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[col[K_DATE]], fl[col[K_DATE]]);
	k = col[K_FW_PROTO];
	if ((ev->proto = mnw_proto_parse(f[k], fl[k])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[k], fl[k]);
	ports = fmt_proto_has_ports(ev->proto);
	k = col[K_FW_SRC];
	if (read_endpoint(f[k], fl[k], ports, &ev->src, &ev->sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[k], fl[k]);
	k = col[K_FW_DST];
	if (read_endpoint(f[k], fl[k], ports, &ev->dst, &ev->dport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[k], fl[k]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;
	return MNW_PARSE_EVENT;
}

/* ISA 2000's tcp-flags: flag names separated by spaces ("SYN ACK "),
 * or "-".  Returns 0 or -1. */
static int
read_tcpflags(const char *s, size_t n, int *out)
{
	int flags;

	if (n == 1 && s[0] == '-')
		return 0;
	if (fmt_tcpflag_names(s, n, ' ', &flags) <= 0)
		return -1;
	*out = flags;
	return 0;
}

/* A line of ISA 2000's packet filter log (after a #Fields header). */
static enum mnw_parse_result
parse_packet(const signed char *col, const char **f, const size_t *fl,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	const char *rule = f[col[K_PF_RULE]];
	size_t rulel = fl[col[K_PF_RULE]];
	int k, k2;

	if (fmt_eq(rule, rulel, "BLOCKED") || fmt_eq(rule, rulel, "0"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(rule, rulel, "ALLOWED") || fmt_eq(rule, rulel, "1"))
		return fmt_skip(reason, value, valuelen,
		    "packet allowed by a packet filter", NULL, 0);
	else if (fmt_eq(rule, rulel, "INTERNAL"))
		return fmt_skip(reason, value, valuelen,
		    "packet on the internal interface", NULL, 0);
	else
		return MNW_PARSE_NO;

	if (read_time(f[col[K_DATE]], f[col[K_TIME]], NULL, &ev->time) == -1)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[col[K_DATE]], fl[col[K_DATE]]);
	k = col[K_PF_PROTO];
	if ((ev->proto = mnw_proto_parse(f[k], fl[k])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[k], fl[k]);
	k = col[K_PF_SRC];
	if (mnw_addr_parse(&ev->src, f[k], fl[k]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[k], fl[k]);
	k = col[K_PF_DST];
	if (mnw_addr_parse(&ev->dst, f[k], fl[k]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[k], fl[k]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);

	/* param#1 and param#2: ports for TCP and UDP, ICMP type and code
	 * for ICMP. */
	k = col[K_PF_PARAM1];
	k2 = col[K_PF_PARAM2];
	if (fmt_proto_has_ports(ev->proto)) {
		if (k < 0 || fmt_port(f[k], fl[k], &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", k >= 0 ? f[k] : NULL,
			    k >= 0 ? fl[k] : 0);
		if (k2 < 0 || fmt_port(f[k2], fl[k2], &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", k2 >= 0 ? f[k2] : NULL,
			    k2 >= 0 ? fl[k2] : 0);
	} else if (fmt_proto_is_icmp(ev->proto)) {
		if (k >= 0 && fmt_byte(f[k], fl[k], &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", f[k], fl[k]);
		if (k2 >= 0 && ev->icmp_type >= 0 &&
		    fmt_byte(f[k2], fl[k2], &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp code", f[k2], fl[k2]);
	}
	k = col[K_PF_FLAGS];
	if (ev->proto == 6 && k >= 0 &&
	    read_tcpflags(f[k], fl[k], &ev->tcpflags) == -1)
		return fmt_reject(reason, value, valuelen, "invalid tcp flags",
		    f[k], fl[k]);
	return MNW_PARSE_EVENT;
}

/*
 * Split line at tabs into f[] and fl[].  Returns the number of fields,
 * or ISA_COLS_MAX + 1 for a line with more fields than any header may
 * name.
 */
static int
split_tabs(const char *line, size_t len, const char **f, size_t *fl)
{
	const char *p = line, *end = line + len;
	int nf = 0;

	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		if (nf == ISA_COLS_MAX)
			return ISA_COLS_MAX + 1;
		f[nf] = p;
		fl[nf] = (size_t)((tab != NULL ? tab : end) - p);
		nf++;
		if (tab == NULL)
			return nf;
		p = tab + 1;
	}
}

static enum mnw_parse_result
isa_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct isa_state *st;
	const signed char *col;
	const char *f[ISA_COLS_MAX];
	size_t fl[ISA_COLS_MAX];
	int nf;

	(void)env;
	if (len > 0 && line[0] == '#')
		return parse_header(ctx, line, len, reason, value, valuelen);
	st = isa_state_peek(ctx);
	if (st != NULL)
		st->after_software = 0;
	/* Cheap tests first: an ISA data line is tab-separated, or in the
	 * comma-separated format, which starts with the client's address. */
	if (memchr(line, '\t', len) == NULL)
		return len > 0 && fmt_isdigit(line[0]) ?
		    parse_comma(line, len, reason, value, valuelen) :
		    MNW_PARSE_NO;

	nf = split_tabs(line, len, f, fl);
	col = st != NULL ? st->col : default_cols;
	/* A web proxy line is skipped without reading its time, so the
	 * service name at its column is enough, with the right number of
	 * fields. */
	if (st != NULL && st->has_fields && st->usable &&
	    st->kind == KIND_PROXY && nf == st->ncols &&
	    skip_service(f[col[K_PX_SVC]], fl[col[K_PX_SVC]], reason, value,
	    valuelen) == MNW_PARSE_SKIP)
		return MNW_PARSE_SKIP;
	if (col[K_DATE] < 0 || col[K_TIME] < 0 || col[K_DATE] >= nf ||
	    col[K_TIME] >= nf || col[K_DATE] >= ISA_COLS_MAX ||
	    col[K_TIME] >= ISA_COLS_MAX ||
	    !looks_like_date(f[col[K_DATE]], fl[col[K_DATE]]) ||
	    !looks_like_time(f[col[K_TIME]], fl[col[K_TIME]]))
		return MNW_PARSE_NO;

	if (st == NULL || !st->has_fields) {
		/* The default order: the first ten fields are read and
		 * more may follow. */
		if (nf < ISA_DEFAULT_COLS)
			return MNW_PARSE_NO;
		return parse_firewall(col, f, fl, &ctx->tz, ev, reason, value,
		    valuelen);
	}

	/* From here on the line has the date and time where this
	 * stream's #Fields header put them. */
	if (!st->usable)
		return fmt_reject(reason, value, valuelen,
		    "columns unknown after an unusable #Fields header", NULL,
		    0);
	if (nf != st->ncols)
		return fmt_reject(reason, value, valuelen,
		    "wrong number of fields for the #Fields header", NULL, 0);
	switch (st->kind) {
	case KIND_FIREWALL:
		return parse_firewall(col, f, fl, NULL, ev, reason, value,
		    valuelen);
	case KIND_PACKET:
		return parse_packet(col, f, fl, ev, reason, value, valuelen);
	case KIND_PROXY:
		return skip_service(f[col[K_PX_SVC]], fl[col[K_PX_SVC]],
		    reason, value, valuelen);
	case KIND_NONE:
		break;
	}
	return MNW_PARSE_NO;
}

const struct mnw_format mnw_format_isa = {
	.name = "isa",
	.description = "Microsoft ISA Server and Forefront TMG logs",
	.parse = isa_parse,
	.free_state = isa_free_state,
};
