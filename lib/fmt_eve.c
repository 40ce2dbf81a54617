/*
 * fmt_eve.c: Suricata EVE JSON, one JSON object per line, as
 * eve.json or in a syslog message.
 *
 *   {"timestamp":"2026-12-04T19:10:59.123456+0000","flow_id":1,
 *    "event_type":"alert","src_ip":"192.0.2.7","src_port":4123,
 *    "dest_ip":"198.51.100.9","dest_port":22,"proto":"TCP",
 *    "alert":{"action":"allowed","signature_id":2001219,...},...}
 *
 * (one line).  Three event types are taken.  "alert" gives action
 * alert, or drop when alert.action is "blocked".  "drop" gives action
 * drop.  "flow" is a flow that the sensor saw, with no verdict, so the
 * action is unknown; its pkts_toserver is the count and
 * tcp.tcp_flags_ts the TCP flags.  Every other event type (stats, http,
 * dns, tls, anomaly, ...) is skipped.
 *
 * The line must be one valid JSON text (RFC 8259), checked by a small
 * scanner of our own: nesting depth at most EVE_DEPTH_MAX, strings of
 * valid UTF-8 with valid escapes, no control bytes, numbers in JSON's
 * grammar, nothing after the object but white space.  Fields are taken
 * only at their fixed places, the top-level members and the members of
 * the top-level "alert", "flow" and "tcp" objects, never from the
 * nested HTTP, DNS or TLS data that a client controls.  A member read
 * that appears twice, or whose value has the wrong type or contains an
 * escape, rejects the line: Suricata writes neither.
 *
 * The scanner is one forward pass over the line, recursion bounded by
 * the depth limit, with no allocation.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Maximum nesting depth, a bound well above that of Suricata's own
 * records.  It bounds the recursion on hostile input. */
#define EVE_DEPTH_MAX 32

/* Members read, by index in the slots of struct eve_scan. */
enum eve_field {
	F_TIMESTAMP, F_EVENT_TYPE, F_SRC_IP, F_SRC_PORT, F_DEST_IP,
	F_DEST_PORT, F_PROTO, F_ICMP_TYPE, F_ICMP_CODE,
	F_ALERT_ACTION, F_FLOW_PKTS, F_TCP_FLAGS,
	F_COUNT
};

/* Objects whose members are read: the top level and three below it. */
enum eve_object {
	OBJ_OTHER, OBJ_TOP, OBJ_ALERT, OBJ_FLOW, OBJ_TCP,
};

/* JSON value types that a member may need. */
enum eve_type {
	T_NONE, T_STRING, T_NUMBER, T_OTHER,
};

static const struct {
	enum eve_object parent;
	const char *key;
	enum eve_field field;
} members[] = {
	{ OBJ_TOP, "timestamp", F_TIMESTAMP },
	{ OBJ_TOP, "event_type", F_EVENT_TYPE },
	{ OBJ_TOP, "src_ip", F_SRC_IP },
	{ OBJ_TOP, "src_port", F_SRC_PORT },
	{ OBJ_TOP, "dest_ip", F_DEST_IP },
	{ OBJ_TOP, "dest_port", F_DEST_PORT },
	{ OBJ_TOP, "proto", F_PROTO },
	{ OBJ_TOP, "icmp_type", F_ICMP_TYPE },
	{ OBJ_TOP, "icmp_code", F_ICMP_CODE },
	{ OBJ_ALERT, "action", F_ALERT_ACTION },
	{ OBJ_FLOW, "pkts_toserver", F_FLOW_PKTS },
	{ OBJ_TCP, "tcp_flags_ts", F_TCP_FLAGS },
};

/* Names of the members, for messages. */
static const char *const field_names[F_COUNT] = {
	"timestamp", "event_type", "src_ip", "src_port", "dest_ip",
	"dest_port", "proto", "icmp_type", "icmp_code", "alert.action",
	"flow.pkts_toserver", "tcp.tcp_flags_ts",
};

/* The value of one member read: its text without quotes. */
struct eve_slot {
	enum eve_type type;
	int escaped;		/* a string with a backslash escape */
	const char *s;
	size_t n;
};

struct eve_scan {
	const char *p, *end;
	const char *reason;	/* first error, NULL while all is well */
	const char *at;		/* the offending text, or NULL */
	size_t atlen;
	int seen_objects[3];	/* alert, flow, tcp at the top level */
	struct eve_slot slot[F_COUNT];
};

/* Record the first error, with the n bytes at s as its value. */
static int
scan_fail_value(struct eve_scan *sc, const char *reason, const char *s,
    size_t n)
{
	if (sc->reason == NULL) {
		sc->reason = reason;
		sc->at = n > 0 ? s : NULL;
		sc->atlen = n;
	}
	return -1;
}

/* Record the first error, with the text from the scan position on as
 * its value (the message shortens it). */
static int
scan_fail(struct eve_scan *sc, const char *reason)
{
	return scan_fail_value(sc, reason, sc->p, (size_t)(sc->end - sc->p));
}

static void
skip_ws(struct eve_scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	    *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
}

static int
hexdigit(int c)
{
	return fmt_isdigit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * Check one UTF-8 sequence that starts with a byte >= 0x80 at sc->p
 * and step over it.  Overlong forms, surrogates and code points above
 * U+10FFFF are invalid (RFC 3629).
 */
static int
scan_utf8(struct eve_scan *sc)
{
	const unsigned char *u = (const unsigned char *)sc->p;
	size_t left = (size_t)(sc->end - sc->p), need;
	unsigned char lo = 0x80, hi = 0xBF;

	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		need = 1;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 2;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 3;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
	} else
		return scan_fail(sc, "invalid UTF-8 in JSON string");
	if (left <= need || u[1] < lo || u[1] > hi)
		return scan_fail(sc, "invalid UTF-8 in JSON string");
	for (size_t i = 2; i <= need; i++)
		if (u[i] < 0x80 || u[i] > 0xBF)
			return scan_fail(sc, "invalid UTF-8 in JSON string");
	sc->p += need + 1;
	return 0;
}

/* A string at sc->p (at its opening quote).  *s and *n get the text
 * between the quotes, *escaped whether it has a backslash escape. */
static int
scan_string(struct eve_scan *sc, const char **s, size_t *n, int *escaped)
{
	*escaped = 0;
	sc->p++;
	*s = sc->p;
	while (sc->p < sc->end) {
		unsigned char ch = (unsigned char)*sc->p;

		if (ch == '"') {
			*n = (size_t)(sc->p - *s);
			sc->p++;
			return 0;
		}
		if (ch < 0x20)
			return scan_fail(sc, "control byte in JSON string");
		if (ch == '\\') {
			*escaped = 1;
			if (sc->end - sc->p < 2)
				break;
			switch (sc->p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				sc->p += 2;
				continue;
			case 'u':
				if (sc->end - sc->p < 6 || !hexdigit(sc->p[2]) ||
				    !hexdigit(sc->p[3]) || !hexdigit(sc->p[4]) ||
				    !hexdigit(sc->p[5]))
					return scan_fail(sc,
					    "invalid JSON escape");
				sc->p += 6;
				continue;
			default:
				return scan_fail(sc, "invalid JSON escape");
			}
		}
		if (ch >= 0x80) {
			if (scan_utf8(sc) == -1)
				return -1;
			continue;
		}
		sc->p++;
	}
	return scan_fail(sc, "unterminated JSON string");
}

/* A number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
scan_number(struct eve_scan *sc)
{
	const char *p = sc->p, *end = sc->end;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		while (p < end && fmt_isdigit(*p))
			p++;
	else
		return scan_fail(sc, "invalid JSON number");
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !fmt_isdigit(*p))
			return scan_fail(sc, "invalid JSON number");
		while (p < end && fmt_isdigit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !fmt_isdigit(*p))
			return scan_fail(sc, "invalid JSON number");
		while (p < end && fmt_isdigit(*p))
			p++;
	}
	sc->p = p;
	return 0;
}

static int scan_value(struct eve_scan *sc, int depth, enum eve_object obj,
    enum eve_type *type, const char **s, size_t *n, int *escaped);

/* The member table entry for key in object obj, or -1. */
static int
find_member(enum eve_object obj, const char *key, size_t keylen)
{
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		if (members[i].parent == obj &&
		    fmt_eq(key, keylen, members[i].key))
			return (int)members[i].field;
	return -1;
}

/* The object kind of a top-level member named key. */
static enum eve_object
child_object(enum eve_object obj, const char *key, size_t keylen)
{
	if (obj != OBJ_TOP)
		return OBJ_OTHER;
	if (fmt_eq(key, keylen, "alert"))
		return OBJ_ALERT;
	if (fmt_eq(key, keylen, "flow"))
		return OBJ_FLOW;
	if (fmt_eq(key, keylen, "tcp"))
		return OBJ_TCP;
	return OBJ_OTHER;
}

/* An object at sc->p (at '{').  Members of obj are stored in slots. */
static int
scan_object(struct eve_scan *sc, int depth, enum eve_object obj)
{
	const char *key, *vs;
	size_t keylen, vn;
	int escaped, field;
	enum eve_type type;
	enum eve_object child;

	sc->p++;
	skip_ws(sc);
	if (sc->p < sc->end && *sc->p == '}') {
		sc->p++;
		return 0;
	}
	for (;;) {
		if (sc->p >= sc->end || *sc->p != '"')
			return scan_fail(sc, "invalid JSON object");
		if (scan_string(sc, &key, &keylen, &escaped) == -1)
			return -1;
		if (escaped && obj != OBJ_OTHER)
			return scan_fail_value(sc, "escaped JSON member name",
			    key, keylen);
		skip_ws(sc);
		if (sc->p >= sc->end || *sc->p != ':')
			return scan_fail(sc, "invalid JSON object");
		sc->p++;
		skip_ws(sc);
		child = child_object(obj, key, keylen);
		if (child != OBJ_OTHER) {
			int *seen = &sc->seen_objects[child - OBJ_ALERT];

			if (*seen)
				return scan_fail_value(sc,
				    "repeated JSON member", key, keylen);
			*seen = 1;
		}
		if (scan_value(sc, depth + 1, child, &type, &vs, &vn,
		    &escaped) == -1)
			return -1;
		if (obj != OBJ_OTHER &&
		    (field = find_member(obj, key, keylen)) >= 0) {
			struct eve_slot *sl = &sc->slot[field];

			if (sl->type != T_NONE)
				return scan_fail_value(sc,
				    "repeated JSON member", key, keylen);
			sl->type = type;
			sl->escaped = escaped;
			sl->s = vs;
			sl->n = vn;
		}
		skip_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			skip_ws(sc);
			continue;
		}
		if (sc->p < sc->end && *sc->p == '}') {
			sc->p++;
			return 0;
		}
		return scan_fail(sc, "invalid JSON object");
	}
}

static int
scan_array(struct eve_scan *sc, int depth)
{
	enum eve_type type;
	const char *s;
	size_t n;
	int escaped;

	sc->p++;
	skip_ws(sc);
	if (sc->p < sc->end && *sc->p == ']') {
		sc->p++;
		return 0;
	}
	for (;;) {
		if (scan_value(sc, depth + 1, OBJ_OTHER, &type, &s, &n,
		    &escaped) == -1)
			return -1;
		skip_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			skip_ws(sc);
			continue;
		}
		if (sc->p < sc->end && *sc->p == ']') {
			sc->p++;
			return 0;
		}
		return scan_fail(sc, "invalid JSON array");
	}
}

/*
 * Any value at sc->p.  *type, *s, *n and *escaped describe it: the
 * text of a string without its quotes, or the text of a number.
 */
static int
scan_value(struct eve_scan *sc, int depth, enum eve_object obj,
    enum eve_type *type, const char **s, size_t *n, int *escaped)
{
	const char *start = sc->p;

	*type = T_OTHER;
	*s = start;
	*n = 0;
	*escaped = 0;
	if (depth > EVE_DEPTH_MAX)
		return scan_fail(sc, "JSON nested too deep");
	if (sc->p >= sc->end)
		return scan_fail(sc, "JSON text cut short");
	switch (*sc->p) {
	case '{':
		return scan_object(sc, depth, obj);
	case '[':
		return scan_array(sc, depth);
	case '"':
		*type = T_STRING;
		return scan_string(sc, s, n, escaped);
	case 't':
		if (fmt_prefix(sc->p, (size_t)(sc->end - sc->p), "true")) {
			sc->p += 4;
			return 0;
		}
		break;
	case 'f':
		if (fmt_prefix(sc->p, (size_t)(sc->end - sc->p), "false")) {
			sc->p += 5;
			return 0;
		}
		break;
	case 'n':
		if (fmt_prefix(sc->p, (size_t)(sc->end - sc->p), "null")) {
			sc->p += 4;
			return 0;
		}
		break;
	default:
		if (*sc->p == '-' || fmt_isdigit(*sc->p)) {
			if (scan_number(sc) == -1)
				return -1;
			*type = T_NUMBER;
			*n = (size_t)(sc->p - start);
			return 0;
		}
		break;
	}
	return scan_fail(sc, "invalid JSON value");
}

/* The slot as a string without escapes, or a rejection. */
static int
want_string(const struct eve_scan *sc, enum eve_field f, int required,
    const char **reason, const char **value, size_t *valuelen)
{
	const struct eve_slot *sl = &sc->slot[f];

	if (sl->type == T_NONE && !required)
		return 0;
	if (sl->type == T_NONE) {
		*reason = f == F_SRC_IP ? "missing source address" :
		    f == F_DEST_IP ? "missing target address" :
		    f == F_TIMESTAMP ? "missing time stamp" : "missing member";
		*value = field_names[f];
		*valuelen = strlen(field_names[f]);
		return -1;
	}
	if (sl->type != T_STRING || sl->escaped) {
		*reason = "invalid member";
		*value = field_names[f];
		*valuelen = strlen(field_names[f]);
		return -1;
	}
	return 1;
}

/* The slot as a whole number of at most max; 0 if absent. */
static int
want_number(const struct eve_scan *sc, enum eve_field f,
    unsigned long long max, unsigned long long *out, const char **reason,
    const char **value, size_t *valuelen)
{
	const struct eve_slot *sl = &sc->slot[f];

	if (sl->type == T_NONE)
		return 0;
	if (sl->type != T_NUMBER || fmt_uint(sl->s, sl->n, max, out) == -1) {
		*reason = f == F_SRC_PORT ? "invalid source port" :
		    f == F_DEST_PORT ? "invalid target port" :
		    f == F_ICMP_TYPE || f == F_ICMP_CODE ?
		    "invalid icmp type" : "invalid member";
		*value = sl->type == T_NUMBER ? sl->s : field_names[f];
		*valuelen = sl->type == T_NUMBER ? sl->n :
		    strlen(field_names[f]);
		return -1;
	}
	return 1;
}

/* Suricata's TCP flags: one byte as two hexadecimal digits, in the
 * order of the TCP header, which is the order of the MNW_TCP_ bits. */
static int
read_tcp_flags(const char *s, size_t n, int *flags)
{
	int v = 0;

	if (n == 0 || n > 2)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;

		if (fmt_isdigit(c))
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	*flags = v;
	return 0;
}

/* Turn the members read into the event. */
static enum mnw_parse_result
fill_event(const struct eve_scan *sc, const struct mnw_parse_ctx *ctx,
    struct mnw_event *ev, const char **reason, const char **value,
    size_t *valuelen)
{
	const struct eve_slot *sl;
	unsigned long long v;
	int r;

	if (want_string(sc, F_EVENT_TYPE, 1, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	sl = &sc->slot[F_EVENT_TYPE];
	if (fmt_eq(sl->s, sl->n, "alert")) {
		ev->action = MNW_ACTION_ALERT;
		if ((r = want_string(sc, F_ALERT_ACTION, 0, reason, value,
		    valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 1 && fmt_eq(sc->slot[F_ALERT_ACTION].s,
		    sc->slot[F_ALERT_ACTION].n, "blocked"))
			ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(sl->s, sl->n, "drop")) {
		ev->action = MNW_ACTION_DROP;
	} else if (fmt_eq(sl->s, sl->n, "flow")) {
		ev->action = MNW_ACTION_UNKNOWN;
		if ((r = want_number(sc, F_FLOW_PKTS, 4294967295ULL, &v,
		    reason, value, valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 1 && v > 0)
			ev->count = (unsigned long)v;
	} else {
		return fmt_skip(reason, value, valuelen,
		    "not an alert, drop or flow event", NULL, 0);
	}

	/* Time: RFC 3339 with the offset as +hhmm. */
	if (want_string(sc, F_TIMESTAMP, 1, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	sl = &sc->slot[F_TIMESTAMP];
	if (mnw_time_parse_iso(sl->s, sl->n, &ctx->tz, &ev->time) != sl->n)
		return fmt_reject(reason, value, valuelen, "invalid time",
		    sl->s, sl->n);

	if (want_string(sc, F_SRC_IP, 1, reason, value, valuelen) == -1 ||
	    want_string(sc, F_DEST_IP, 1, reason, value, valuelen) == -1 ||
	    want_string(sc, F_PROTO, 1, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	sl = &sc->slot[F_SRC_IP];
	if (mnw_addr_parse(&ev->src, sl->s, sl->n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", sl->s, sl->n);
	sl = &sc->slot[F_DEST_IP];
	if (mnw_addr_parse(&ev->dst, sl->s, sl->n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", sl->s, sl->n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	sl = &sc->slot[F_PROTO];
	if ((ev->proto = mnw_proto_parse(sl->s, sl->n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    sl->s, sl->n);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;

	if (fmt_proto_has_ports(ev->proto)) {
		if ((r = want_number(sc, F_SRC_PORT, 65535, &v, reason, value,
		    valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 0)
			return fmt_reject(reason, value, valuelen,
			    "missing source port", NULL, 0);
		ev->sport = (int)v;
		if ((r = want_number(sc, F_DEST_PORT, 65535, &v, reason, value,
		    valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 0)
			return fmt_reject(reason, value, valuelen,
			    "missing target port", NULL, 0);
		ev->dport = (int)v;
	} else if (fmt_proto_is_icmp(ev->proto)) {
		if ((r = want_number(sc, F_ICMP_TYPE, 255, &v, reason, value,
		    valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 1)
			ev->icmp_type = (int)v;
		if ((r = want_number(sc, F_ICMP_CODE, 255, &v, reason, value,
		    valuelen)) == -1)
			return MNW_PARSE_REJECT;
		if (r == 1 && ev->icmp_type >= 0)
			ev->icmp_code = (int)v;
	}

	if (ev->proto == 6 && sc->slot[F_TCP_FLAGS].type != T_NONE) {
		sl = &sc->slot[F_TCP_FLAGS];
		if (sl->type != T_STRING ||
		    read_tcp_flags(sl->s, sl->n, &ev->tcpflags) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid tcp flags", sl->s, sl->n);
	}
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
eve_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct eve_scan sc;
	enum eve_type type;
	const char *s, *text, *end;
	size_t n;
	int escaped;

	/* eve.json lines start with the object; in syslog it is the
	 * message, optionally after the "@cee:" cookie. */
	if (len > 0 && line[0] == '{') {
		text = line;
		end = line + len;
	} else if (env->msglen > 0 && env->msg[0] == '{') {
		text = env->msg;
		end = env->msg + env->msglen;
	} else if (fmt_prefix(env->msg, env->msglen, "@cee:")) {
		text = env->msg + 5;
		end = env->msg + env->msglen;
		while (text < end && *text == ' ')
			text++;
		if (text == end || *text != '{')
			return MNW_PARSE_NO;
	} else {
		return MNW_PARSE_NO;
	}
	/* Claim only what starts like an EVE record. */
	if (!fmt_prefix(text, (size_t)(end - text), "{\"timestamp\":") &&
	    !fmt_prefix(text, (size_t)(end - text), "{\"event_type\":") &&
	    !fmt_prefix(text, (size_t)(end - text), "{ \"timestamp\":"))
		return MNW_PARSE_NO;

	memset(&sc, 0, sizeof(sc));
	sc.p = text;
	sc.end = end;
	if (scan_value(&sc, 1, OBJ_TOP, &type, &s, &n, &escaped) == 0) {
		skip_ws(&sc);
		if (sc.p != sc.end)
			(void)scan_fail(&sc, "text after JSON object");
	}
	if (sc.reason != NULL)
		return fmt_reject(reason, value, valuelen, sc.reason, sc.at,
		    sc.atlen);
	return fill_event(&sc, ctx, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_eve = {
	.name = "eve",
	.description = "Suricata EVE JSON alert, drop and flow events",
	.parse = eve_parse,
	.free_state = NULL,
};
