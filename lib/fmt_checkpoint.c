/*
 * fmt_checkpoint.c: Check Point firewall logs, in the Log Exporter
 * syslog format (R80 and later), in the older "fw log" text form that
 * syslog relays write, and in the "key=value|key=value" form of OPSEC
 * LEA clients (fw1-loggrabber and SIEM collectors).
 *
 *   <134>1 2026-12-04T19:10:59Z gw CheckPoint 19710 - [action:"Drop";
 *       ifdir:"inbound"; origin:"198.51.100.1"; src:"192.0.2.7";
 *       dst:"198.51.100.9"; proto:"6"; s_port:"4123"; service:"22"]
 *   Dec  4 19:10:59 gw Checkpoint:  4Dec2026 19:10:59 drop 198.51.100.1
 *       >eth0 rule: 9; src: 192.0.2.7; dst: 198.51.100.9; proto: tcp;
 *       service: 22; s_port: 4123;
 *
 *   loc=7803|time=2026-12-04 19:10:59|action=drop|orig=fw1|
 *       i/f_dir=inbound|i/f_name=eth0|has_accounting=0|product=VPN-1 &
 *       FireWall-1|src=192.0.2.7|s_port=4123|dst=198.51.100.9|
 *       service=22|proto=tcp|rule=9
 *
 * (each one line).  The first two are "key: value;" lists, the exporter's with
 * quoted values, the old form's with bare ones after its header "DATE
 * TIME ACTION ORIGIN >IFACE".  The pairs are read in order; a key that
 * is read and appears twice rejects the line.  Keys read: action, src,
 * dst, proto, s_port, service (the target port), and icmp_type,
 * icmp_code ("ICMP Type", "ICMP Code" in the old form).
 *
 * Actions: Accept is an accept, Drop a drop, Reject a reject; the IPS
 * verdicts Prevent and Detect are a drop and an alert.  Other actions
 * (Encrypt, Decrypt, Key Install, Monitored, Login, ...) are skipped.
 * The time is the syslog header's.
 *
 * The LEA form splits at '|' and at the first '=' of each field, so a
 * value may contain '=' (the policy tag does) but not '|'.  A line of
 * this form has an orig= field.  Its time= (epoch seconds,
 * "4Dec2026 19:10:59", "2026-12-04 19:10:59" or ISO 8601) is read in
 * the -z zone unless it carries an offset.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

enum cp_key {
	K_ACTION, K_SRC, K_DST, K_PROTO, K_SPORT, K_SERVICE, K_ICMPTYPE,
	K_ICMPCODE, K_COUNT
};

/* The ICMP keys as the exporter, the old form and LEA clients write
 * them. */
static const char *const key_names[] = {
	"action", "src", "dst", "proto", "s_port", "service", "icmp_type",
	"icmp_code", "ICMP Type", "ICMP Code", "icmp-type", "icmp-code",
};
static const int key_map[] = {
	K_ACTION, K_SRC, K_DST, K_PROTO, K_SPORT, K_SERVICE, K_ICMPTYPE,
	K_ICMPCODE, K_ICMPTYPE, K_ICMPCODE, K_ICMPTYPE, K_ICMPCODE,
};

struct cp_value {
	const char *s;
	size_t n;
	int seen;
};

/* Maximum length of a key; the old form has keys with spaces. */
#define CP_KEY_MAX 40

/*
 * Read "key: value; key:"value"; ..." from p to end (a closing ']' of
 * the exporter's list ends it).  Returns 0 or -1 with *reason set.
 */
static int
read_pairs(const char *p, const char *end, struct cp_value *v,
    const char **reason, const char **bad, size_t *badlen)
{
	while (p < end) {
		const char *k, *val;
		size_t kn, vn;

		while (p < end && (*p == ' ' || *p == ';'))
			p++;
		if (p >= end || *p == ']')
			break;
		k = p;
		while (p < end && *p != ':' && *p != ';' && p - k <= CP_KEY_MAX)
			p++;
		kn = (size_t)(p - k);
		if (p >= end || *p != ':' || kn == 0 || kn > CP_KEY_MAX) {
			*reason = "invalid key: value text";
			*bad = k;
			*badlen = (size_t)(end - k) < 32 ? (size_t)(end - k) :
			    32;
			return -1;
		}
		p++;
		if (p < end && *p == ' ')
			p++;
		if (p < end && *p == '"') {
			val = ++p;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			if (p >= end) {
				*reason = "unterminated quoted value";
				*bad = k;
				*badlen = kn;
				return -1;
			}
			vn = (size_t)(p - val);
			p++;
		} else {
			val = p;
			while (p < end && *p != ';')
				p++;
			vn = (size_t)(p - val);
		}
		for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]);
		    i++) {
			struct cp_value *cv;

			if (!fmt_eq(k, kn, key_names[i]))
				continue;
			cv = &v[key_map[i]];
			if (cv->seen) {
				*reason = "repeated key";
				*bad = k;
				*badlen = kn;
				return -1;
			}
			cv->seen = 1;
			cv->s = val;
			cv->n = vn;
		}
	}
	return 0;
}

/* Service names the old form may print in place of a port. */
static int
service_port(const char *s, size_t n, int *port)
{
	static const struct {
		const char *name;
		int port;
	} names[] = {
		{ "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 }, { "smtp", 25 },
		{ "domain-udp", 53 }, { "domain-tcp", 53 }, { "http", 80 },
		{ "pop-3", 110 }, { "nbname", 137 }, { "nbdatagram", 138 },
		{ "nbsession", 139 }, { "imap", 143 }, { "snmp", 161 },
		{ "ldap", 389 }, { "https", 443 }, { "microsoft-ds", 445 },
	};

	if (fmt_port(s, n, port) == 0)
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fmt_eq(s, n, names[i].name)) {
			*port = names[i].port;
			return 0;
		}
	return -1;
}

/* The action word (the exporter's "Drop" or the old form's "drop"). */
static int
read_action(const char *s, size_t n, enum mnw_action *a)
{
	char low[8];

	if (n == 0 || n >= sizeof(low))
		return -1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	if (fmt_eq(low, n, "accept"))
		*a = MNW_ACTION_ACCEPT;
	else if (fmt_eq(low, n, "drop") || fmt_eq(low, n, "prevent"))
		*a = MNW_ACTION_DROP;
	else if (fmt_eq(low, n, "reject"))
		*a = MNW_ACTION_REJECT;
	else if (fmt_eq(low, n, "detect"))
		*a = MNW_ACTION_ALERT;
	else
		return -1;
	return 0;
}

static enum mnw_parse_result
fill_event(const struct cp_value *v, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	if (!v[K_SRC].seen)
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	if (mnw_addr_parse(&ev->src, v[K_SRC].s, v[K_SRC].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", v[K_SRC].s, v[K_SRC].n);
	if (!v[K_DST].seen || mnw_addr_parse(&ev->dst, v[K_DST].s,
	    v[K_DST].n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", v[K_DST].s, v[K_DST].n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	/* A rejected IKE negotiation names no protocol or service: it is
	 * still a refused connection attempt, with the protocol unknown. */
	if (!v[K_PROTO].seen)
		ev->proto = -1;
	else if ((ev->proto = mnw_proto_parse(v[K_PROTO].s,
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
		if (!v[K_SERVICE].seen || service_port(v[K_SERVICE].s,
		    v[K_SERVICE].n, &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", v[K_SERVICE].s,
			    v[K_SERVICE].n);
	} else if (fmt_proto_is_icmp(ev->proto) && v[K_ICMPTYPE].seen) {
		if (fmt_byte(v[K_ICMPTYPE].s, v[K_ICMPTYPE].n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", v[K_ICMPTYPE].s,
			    v[K_ICMPTYPE].n);
		if (v[K_ICMPCODE].seen && fmt_byte(v[K_ICMPCODE].s,
		    v[K_ICMPCODE].n, &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp code", v[K_ICMPCODE].s,
			    v[K_ICMPCODE].n);
	}
	return MNW_PARSE_EVENT;
}

/* Read "4Dec2026 19:10:59" (also "17Apr2015  8:10:16") into *t.
 * Returns 1, or 0 if s is not such a time. */
static int
read_lea_date(const char *s, size_t n, const struct mnw_tz *tz, time_t *t)
{
	struct fmt_cur c = { s, s + n };
	struct tm tm;
	unsigned long long v;
	char mon[4];
	const char *w;
	size_t k;

	memset(&tm, 0, sizeof(tm));
	for (k = 0; k < n && k < 2 && fmt_isdigit(s[k]); k++)
		;
	if (k == 0 || n < k + 7 || fmt_uint(s, k, 31, &v) == -1 || v == 0)
		return 0;
	tm.tm_mday = (int)v;
	memcpy(mon, s + k, 3);
	mon[3] = '\0';
	if ((tm.tm_mon = mnw_month_from_abbr(mon)) < 0 ||
	    fmt_uint(s + k + 3, 4, 9999, &v) == -1)
		return 0;
	tm.tm_year = (int)v - 1900;
	c.p = s + k + 7;
	fmt_skip_spaces(&c);
	n = fmt_word(&c, &w);		/* h:mm:ss or hh:mm:ss */
	if ((n != 7 && n != 8) || c.p != c.end ||
	    fmt_uint(w, n - 6, 23, &v) == -1 || w[n - 6] != ':' ||
	    w[n - 3] != ':')
		return 0;
	tm.tm_hour = (int)v;
	if (fmt_uint(w + n - 5, 2, 59, &v) == -1)
		return 0;
	tm.tm_min = (int)v;
	if (fmt_uint(w + n - 2, 2, 60, &v) == -1)
		return 0;
	tm.tm_sec = (int)v;
	return mnw_tz_mktime(tz, &tm, t) == 0;
}

static int
read_lea_time(const char *s, size_t n, const struct mnw_tz *tz, time_t *t)
{
	if (n > 0 && fmt_isdigit(s[0]) && (n < 3 || fmt_isdigit(s[2])) &&
	    mnw_time_parse_epoch(s, n, t) == n)
		return 1;
	if (n >= 10 && s[4] == '-' && mnw_time_parse_iso(s, n, tz, t) == n)
		return 1;
	return read_lea_date(s, n, tz, t);
}

/*
 * The LEA form at s: fields split at '|', each "key=value".  Returns
 * MNW_PARSE_NO when the text is not that form (no orig= field).
 */
static enum mnw_parse_result
read_lea(struct mnw_parse_ctx *ctx, const char *s, const char *end,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	struct cp_value v[K_COUNT], tv = { NULL, 0, 0 };
	int orig = 0;

	memset(v, 0, sizeof(v));
	while (s < end) {
		const char *bar = memchr(s, '|', (size_t)(end - s));
		const char *fend = bar != NULL ? bar : end;
		const char *eq = memchr(s, '=', (size_t)(fend - s));
		size_t kn;
		struct cp_value *cv = NULL;

		if (eq == NULL || eq == s || (kn = (size_t)(eq - s)) >
		    CP_KEY_MAX) {
			if (!orig)
				return MNW_PARSE_NO;
			return fmt_reject(reason, value, valuelen,
			    "invalid key=value text", s,
			    (size_t)(fend - s) < 32 ? (size_t)(fend - s) : 32);
		}
		if (fmt_eq(s, kn, "orig"))
			orig = 1;
		else if (fmt_eq(s, kn, "time"))
			cv = &tv;
		else
			for (size_t i = 0; i < sizeof(key_names) /
			    sizeof(key_names[0]); i++)
				if (fmt_eq(s, kn, key_names[i])) {
					cv = &v[key_map[i]];
					break;
				}
		if (cv != NULL) {
			if (cv->seen)
				return fmt_reject(reason, value, valuelen,
				    "repeated key", s, kn);
			cv->seen = 1;
			cv->s = eq + 1;
			cv->n = (size_t)(fend - eq - 1);
		}
		s = bar != NULL ? bar + 1 : end;
	}
	if (!orig)
		return MNW_PARSE_NO;
	if (!v[K_ACTION].seen || read_action(v[K_ACTION].s, v[K_ACTION].n,
	    &ev->action) == -1)
		return fmt_skip(reason, value, valuelen,
		    "not a connection verdict", NULL, 0);
	if (tv.seen && !read_lea_time(tv.s, tv.n, &ctx->tz, &ev->time))
		return fmt_reject(reason, value, valuelen, "invalid time",
		    tv.s, tv.n);
	return fill_event(v, ev, reason, value, valuelen);
}

/* "[action:...]" of the exporter, at s. */
static enum mnw_parse_result
read_exporter(const char *s, const char *end, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct cp_value v[K_COUNT];

	memset(v, 0, sizeof(v));
	if (read_pairs(s + 1, end, v, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	if (!v[K_ACTION].seen || read_action(v[K_ACTION].s, v[K_ACTION].n,
	    &ev->action) == -1)
		return fmt_skip(reason, value, valuelen,
		    "not a connection verdict", NULL, 0);
	return fill_event(v, ev, reason, value, valuelen);
}

/* "1 TIMESTAMP HOST CheckPoint PID - [" at s: the list's start, or NULL. */
static const char *
find_exporter(const char *s, const char *end, const struct mnw_tz *tz,
    time_t *t, int *has_time)
{
	struct fmt_cur c = { s, end };
	const char *w;
	size_t n;

	*has_time = 0;
	if (fmt_eat(&c, "1 ")) {
		if ((n = mnw_time_parse_iso(c.p, (size_t)(c.end - c.p), tz,
		    t)) == 0)
			return NULL;
		*has_time = 1;
		c.p += n;
		if (!fmt_eatc(&c, ' ') || fmt_word(&c, &w) == 0 ||
		    !fmt_eatc(&c, ' '))
			return NULL;
	}
	n = fmt_word(&c, &w);
	if (!fmt_eq(w, n, "CheckPoint") || !fmt_eatc(&c, ' ') ||
	    fmt_word(&c, &w) == 0 || !fmt_eat(&c, " - ["))
		return NULL;
	return c.p - 1;
}

static enum mnw_parse_result
checkpoint_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	struct cp_value v[K_COUNT];
	const char *list, *w;
	size_t n;
	time_t t;
	int has_time;

	/* Log Exporter: in an RFC 5424 envelope the list is the structured
	 * data, which the envelope step passed over. */
	if (env->kind != NULL && strcmp(env->kind, "rfc5424") == 0 &&
	    fmt_eq(env->tag, env->taglen, "CheckPoint")) {
		const char *p = env->tag + env->taglen;

		/* " PROCID MSGID [" follows the app name. */
		c.p = p;
		c.end = line + len;
		if (!fmt_eatc(&c, ' ') || fmt_word(&c, &w) == 0 ||
		    !fmt_eatc(&c, ' ') || fmt_word(&c, &w) == 0 ||
		    !fmt_eat(&c, " ["))
			return fmt_skip(reason, value, valuelen,
			    "not a connection verdict", NULL, 0);
		return read_exporter(c.p - 1, line + len, ev, reason, value,
		    valuelen);
	}
	if ((list = find_exporter(env->msg, c.end, &ctx->tz, &t,
	    &has_time)) != NULL) {
		if (has_time)
			ev->time = t;
		return read_exporter(list, c.end, ev, reason, value,
		    valuelen);
	}

	/* LEA: "loc=...|" or "time=...|" opens the line. */
	if ((fmt_prefix(c.p, (size_t)(c.end - c.p), "loc=") ||
	    fmt_prefix(c.p, (size_t)(c.end - c.p), "time=")) &&
	    memchr(c.p, '|', (size_t)(c.end - c.p) < 64 ?
	    (size_t)(c.end - c.p) : 64) != NULL)
		return read_lea(ctx, c.p, c.end, ev, reason, value, valuelen);

	/* The old form: "Checkpoint: DATE TIME ACTION ORIGIN >IFACE ..." */
	if (!fmt_eq(env->tag, env->taglen, "Checkpoint"))
		return MNW_PARSE_NO;
	fmt_skip_spaces(&c);
	n = fmt_word(&c, &w);		/* 4Dec2026 */
	if (n < 8 || !fmt_isdigit(w[0]) || !fmt_eatc(&c, ' '))
		return MNW_PARSE_NO;
	n = fmt_word(&c, &w);		/* hh:mm:ss */
	if (n != 8 || w[2] != ':' || !fmt_eatc(&c, ' '))
		return MNW_PARSE_NO;
	n = fmt_word(&c, &w);
	if (read_action(w, n, &ev->action) == -1)
		return fmt_skip(reason, value, valuelen,
		    "not a connection verdict", NULL, 0);
	/* The action is padded to six columns ("drop   192.0.2.1"). */
	fmt_skip_spaces(&c);
	if (fmt_word(&c, &w) == 0 || !fmt_eatc(&c, ' '))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", NULL, 0);
	n = fmt_word(&c, &w);		/* >eth0 or <eth0 */
	if (n < 2 || (w[0] != '>' && w[0] != '<'))
		return fmt_reject(reason, value, valuelen,
		    "unexpected message text", w, n);
	memset(v, 0, sizeof(v));
	if (read_pairs(c.p, c.end, v, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	return fill_event(v, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_checkpoint = {
	.name = "checkpoint",
	.description = "Check Point firewall logs (Log Exporter and fw log)",
	.parse = checkpoint_parse,
	.free_state = NULL,
};
