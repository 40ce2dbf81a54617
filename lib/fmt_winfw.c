/*
 * fmt_winfw.c: Windows Firewall's pfirewall.log.
 *
 * The file is in the W3C extended log format: a few header lines, then
 * one space-separated line per packet or connection:
 *
 *   #Version: 1.5
 *   #Software: Microsoft Windows Firewall
 *   #Time Format: Local
 *   #Fields: date time action protocol src-ip dst-ip src-port dst-port
 *            size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info
 *            path [pid]
 *   2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 22 52 S
 *            3391512 0 64240 - - - RECEIVE
 *
 * (each shown on one line in the file).  The #Fields header names the
 * columns of the lines that follow it, so it is kept in the stream
 * state.  A stream without one is read in the order above, with or
 * without the pid column that Windows 10 added.  Times are local to
 * the -z zone, or UTC after "#Time Format: UTC".
 *
 * Which lines are events:
 *   DROP                     drop, in either direction
 *   ALLOW, path not SEND     accept
 *   OPEN-INBOUND             accept (Windows XP: inbound connection)
 *   ALLOW with path SEND     skipped: the host's own outbound traffic
 *   OPEN                     skipped: Windows XP's outbound connection
 *   CLOSE                    skipped: the end of a connection already
 *                            logged when it was opened
 *   INFO-EVENTS-LOST and other INFO-* lines: skipped, with the
 *                            number of lost events as the value
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Maximum number of columns in a line or header; pfirewall writes 17
 * or 18. */
#define WINFW_COLS_MAX 32

enum winfw_key {
	K_DATE, K_TIME, K_ACTION, K_PROTO, K_SRC, K_DST, K_SPORT, K_DPORT,
	K_TCPFLAGS, K_ICMPTYPE, K_ICMPCODE, K_INFO, K_PATH, K_NKEYS
};

static const char *const key_names[K_NKEYS] = {
	"date", "time", "action", "protocol", "src-ip", "dst-ip",
	"src-port", "dst-port", "tcpflags", "icmptype", "icmpcode", "info",
	"path",
};

/* Column order of a stream without a #Fields header. */
static const signed char default_cols[K_NKEYS] = {
	0, 1, 2, 3, 4, 5, 6, 7, 9, 13, 14, 15, 16,
};

struct winfw_state {
	int usable;		/* 0 after a #Fields header we cannot use */
	int has_fields;		/* a #Fields header was read */
	int utc;		/* "#Time Format: UTC" */
	int ncols;		/* columns named by #Fields */
	signed char col[K_NKEYS];	/* column of each key, -1 if none */
};

extern const struct mnw_format mnw_format_winfw;

static void
winfw_free_state(void *state)
{
	free(state);
}

/* The state of this stream, created on first use. */
static struct winfw_state *
winfw_state(struct mnw_parse_ctx *ctx)
{
	static int idx = -2;
	struct winfw_state *st;

	if (idx == -2)
		idx = fmt_index(&mnw_format_winfw);
	if (idx < 0)
		return NULL;
	if (ctx->state[idx] == NULL) {
		st = mnw_xcalloc(1, sizeof(*st));
		st->usable = 1;
		memcpy(st->col, default_cols, sizeof(st->col));
		ctx->state[idx] = st;
	}
	return ctx->state[idx];
}

/* The existing state of this stream, or NULL. */
static const struct winfw_state *
winfw_state_peek(const struct mnw_parse_ctx *ctx)
{
	static int idx = -2;

	if (idx == -2)
		idx = fmt_index(&mnw_format_winfw);
	return idx < 0 ? NULL : ctx->state[idx];
}

/*
 * Read "#Fields: name name ..." (s is after the colon) into st.
 * Returns NULL on success, or the reason the header cannot be used.
 * Sets *ours to 0 if the header has none of pfirewall's address and
 * action columns: a W3C header of another program (IIS, ISA Server).
 */
static const char *
read_fields(struct winfw_state *st, const char *s, const char *end,
    int *ours)
{
	struct fmt_cur c = { s, end };
	signed char col[K_NKEYS];
	int ncols = 0;

	memset(col, -1, sizeof(col));
	*ours = 1;
	for (;;) {
		const char *w;
		size_t n;

		fmt_skip_spaces(&c);
		if (fmt_at_end(&c))
			break;
		n = fmt_word(&c, &w);
		if (ncols == WINFW_COLS_MAX)
			return "too many columns in #Fields header";
		for (int k = 0; k < K_NKEYS; k++) {
			if (!fmt_eq(w, n, key_names[k]))
				continue;
			if (col[k] != -1)
				return "column named twice in #Fields header";
			col[k] = (signed char)ncols;
		}
		ncols++;
	}
	if (col[K_ACTION] == -1 && col[K_SRC] == -1 && col[K_DST] == -1) {
		*ours = 0;
		return NULL;
	}
	for (int k = K_DATE; k <= K_DST; k++)
		if (col[k] == -1)
			return "#Fields header without a required column";
	if (st == NULL)
		return NULL;
	memcpy(st->col, col, sizeof(col));
	st->ncols = ncols;
	st->has_fields = 1;
	st->usable = 1;
	return NULL;
}

/* "#..." header lines of pfirewall.log. */
static enum mnw_parse_result
parse_header(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const char **reason, const char **value, size_t *valuelen)
{
	struct winfw_state *st;
	const char *end = line + len;
	const char *problem;

	if (fmt_prefix(line, len, "#Fields: ")) {
		int ours;

		/* A dry run first, so that another program's header
		 * leaves this stream's state alone. */
		(void)read_fields(NULL, line + 9, end, &ours);
		if (!ours || (st = winfw_state(ctx)) == NULL)
			return MNW_PARSE_NO;
		if ((problem = read_fields(st, line + 9, end, &ours)) !=
		    NULL) {
			st->usable = 0;
			return fmt_reject(reason, value, valuelen, problem,
			    line, len);
		}
		return fmt_skip(reason, value, valuelen,
		    "windows firewall header", NULL, 0);
	}
	if (fmt_eq(line, len, "#Time Format: Local") ||
	    fmt_eq(line, len, "#Time Format: UTC")) {
		if ((st = winfw_state(ctx)) == NULL)
			return MNW_PARSE_NO;
		st->utc = line[14] == 'U';
		return fmt_skip(reason, value, valuelen,
		    "windows firewall header", NULL, 0);
	}
	if (fmt_prefix(line, len, "#Software: Microsoft Windows Firewall") ||
	    fmt_eq(line, len, "#Version: 1.5"))
		return fmt_skip(reason, value, valuelen,
		    "windows firewall header", NULL, 0);
	return MNW_PARSE_NO;
}

/* "YYYY-MM-DD" and "hh:mm:ss" shapes, digits checked later. */
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

enum winfw_action {
	A_NONE, A_DROP, A_ALLOW, A_OPEN, A_OPEN_INBOUND, A_CLOSE, A_INFO
};

static enum winfw_action
action_of(const char *s, size_t n)
{
	if (fmt_eq(s, n, "DROP"))
		return A_DROP;
	if (fmt_eq(s, n, "ALLOW"))
		return A_ALLOW;
	if (fmt_eq(s, n, "OPEN"))
		return A_OPEN;
	if (fmt_eq(s, n, "OPEN-INBOUND"))
		return A_OPEN_INBOUND;
	if (fmt_eq(s, n, "CLOSE"))
		return A_CLOSE;
	if (fmt_prefix(s, n, "INFO-"))
		return A_INFO;
	return A_NONE;
}

static int
is_dash(const char *s, size_t n)
{
	return n == 1 && s[0] == '-';
}

static enum mnw_parse_result
winfw_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	const struct winfw_state *st;
	const signed char *col;
	const char *f[WINFW_COLS_MAX];
	size_t fl[WINFW_COLS_MAX];
	const char *p = line, *end = line + len;
	char stamp[20];
	enum winfw_action action;
	int nf = 0, k;
	time_t t;

	(void)env;
	if (len > 0 && line[0] == '#')
		return parse_header(ctx, line, len, reason, value, valuelen);
	st = winfw_state_peek(ctx);
	/* Without a #Fields header the line starts with its date: a
	 * cheap test that turns away most other formats' lines. */
	if (len < 20 || ((st == NULL || !st->has_fields) &&
	    (!fmt_isdigit(line[0]) || line[4] != '-')))
		return MNW_PARSE_NO;

	/* Split at single spaces, as pfirewall writes them.  A line with
	 * more columns than any header allows counts as WINFW_COLS_MAX + 1
	 * columns, so that it is rejected below if it is pfirewall's. */
	while (p <= end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));

		if (nf == WINFW_COLS_MAX) {
			nf++;
			break;
		}
		f[nf] = p;
		fl[nf] = (size_t)((sp != NULL ? sp : end) - p);
		nf++;
		if (sp == NULL)
			break;
		p = sp + 1;
	}

	col = st != NULL ? st->col : default_cols;
	for (k = K_DATE; k <= K_DST; k++)
		if (col[k] < 0 || col[k] >= nf || col[k] >= WINFW_COLS_MAX)
			return MNW_PARSE_NO;
	if (!looks_like_date(f[col[K_DATE]], fl[col[K_DATE]]) ||
	    !looks_like_time(f[col[K_TIME]], fl[col[K_TIME]]))
		return MNW_PARSE_NO;
	action = action_of(f[col[K_ACTION]], fl[col[K_ACTION]]);
	if (action == A_NONE)
		return MNW_PARSE_NO;

	/* From here on the line is pfirewall's.  It has no logging host:
	 * what the envelope step took for one is the action column. */
	ev->host[0] = '\0';
	if (st != NULL && !st->usable)
		return fmt_reject(reason, value, valuelen,
		    "columns unknown after an unusable #Fields header", NULL,
		    0);
	if (st != NULL && st->has_fields ? nf != st->ncols :
	    nf != 17 && nf != 18)
		return fmt_reject(reason, value, valuelen,
		    "wrong number of fields", NULL, 0);

	memcpy(stamp, f[col[K_DATE]], 10);
	stamp[10] = ' ';
	memcpy(stamp + 11, f[col[K_TIME]], 8);
	stamp[19] = '\0';
	if (mnw_time_parse_iso(stamp, 19, st != NULL && st->utc ? NULL :
	    &ctx->tz, &t) != 19)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    f[col[K_DATE]], fl[col[K_DATE]]);
	ev->time = t;

	switch (action) {
	case A_CLOSE:
		return fmt_skip(reason, value, valuelen, "connection closed",
		    NULL, 0);
	case A_OPEN:
		return fmt_skip(reason, value, valuelen,
		    "outbound connection opened", NULL, 0);
	case A_INFO:
		if (col[K_INFO] >= 0 && col[K_INFO] < nf &&
		    fmt_eq(f[col[K_ACTION]], fl[col[K_ACTION]],
		    "INFO-EVENTS-LOST"))
			return fmt_skip(reason, value, valuelen,
			    "firewall lost events", f[col[K_INFO]],
			    fl[col[K_INFO]]);
		return fmt_skip(reason, value, valuelen,
		    "firewall status line", f[col[K_ACTION]],
		    fl[col[K_ACTION]]);
	case A_ALLOW:
		if (col[K_PATH] >= 0 && col[K_PATH] < nf &&
		    fmt_eq(f[col[K_PATH]], fl[col[K_PATH]], "SEND"))
			return fmt_skip(reason, value, valuelen,
			    "outbound connection allowed", NULL, 0);
		ev->action = MNW_ACTION_ACCEPT;
		break;
	case A_OPEN_INBOUND:
		ev->action = MNW_ACTION_ACCEPT;
		break;
	case A_DROP:
		ev->action = MNW_ACTION_DROP;
		break;
	case A_NONE:
		return MNW_PARSE_NO;
	}

	if ((ev->proto = mnw_proto_parse(f[col[K_PROTO]],
	    fl[col[K_PROTO]])) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f[col[K_PROTO]], fl[col[K_PROTO]]);
	if (mnw_addr_parse(&ev->src, f[col[K_SRC]], fl[col[K_SRC]]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f[col[K_SRC]], fl[col[K_SRC]]);
	if (mnw_addr_parse(&ev->dst, f[col[K_DST]], fl[col[K_DST]]) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f[col[K_DST]], fl[col[K_DST]]);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ",
		    f[col[K_DST]], fl[col[K_DST]]);
	/* Windows writes "ICMP" for ICMPv6 too. */
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;

	if (fmt_proto_has_ports(ev->proto)) {
		if (col[K_SPORT] < 0 || col[K_SPORT] >= nf ||
		    fmt_port(f[col[K_SPORT]], fl[col[K_SPORT]],
		    &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port",
			    col[K_SPORT] >= 0 ? f[col[K_SPORT]] : NULL,
			    col[K_SPORT] >= 0 ? fl[col[K_SPORT]] : 0);
		if (col[K_DPORT] < 0 || col[K_DPORT] >= nf ||
		    fmt_port(f[col[K_DPORT]], fl[col[K_DPORT]],
		    &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port",
			    col[K_DPORT] >= 0 ? f[col[K_DPORT]] : NULL,
			    col[K_DPORT] >= 0 ? fl[col[K_DPORT]] : 0);
	}
	if (fmt_proto_is_icmp(ev->proto)) {
		k = col[K_ICMPTYPE];
		if (k >= 0 && k < nf && !is_dash(f[k], fl[k]) &&
		    fmt_byte(f[k], fl[k], &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", f[k], fl[k]);
		k = col[K_ICMPCODE];
		if (ev->icmp_type >= 0 && k >= 0 && k < nf &&
		    !is_dash(f[k], fl[k]) &&
		    fmt_byte(f[k], fl[k], &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp code", f[k], fl[k]);
	}
	if (ev->proto == 6) {
		k = col[K_TCPFLAGS];
		if (k >= 0 && k < nf && !is_dash(f[k], fl[k]) &&
		    mnw_tcpflags_parse(f[k], fl[k], &ev->tcpflags) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid tcp flags", f[k], fl[k]);
	}
	return MNW_PARSE_EVENT;
}

const struct mnw_format mnw_format_winfw = {
	.name = "winfw",
	.description = "Windows Firewall pfirewall.log (W3C extended)",
	.parse = winfw_parse,
	.free_state = winfw_free_state,
};
