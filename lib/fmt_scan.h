/*
 * fmt_scan.h: small scanning helpers shared by the format parsers
 * (fmt_dshield.c, fmt_winfw.c, fmt_pf.c, fmt_filterlog.c, fmt_asa.c).
 *
 * Every helper reads a length-delimited span and never looks past its
 * end, so that a parser can work on a line without a NUL terminator at
 * the place it is reading.  They are static inline: the parsers run at
 * millions of lines a second, and a call per byte would show.
 */
#ifndef MNW_FMT_SCAN_H
#define MNW_FMT_SCAN_H

#include <string.h>

#include "parse.h"

/* A read position inside a line: p moves forward, end stays. */
struct fmt_cur {
	const char *p;
	const char *end;
};

static inline int
fmt_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
fmt_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 if the n bytes at s are exactly the string lit. */
static inline int
fmt_eq(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n == l && memcmp(s, lit, l) == 0;
}

/* 1 if the n bytes at s start with lit. */
static inline int
fmt_prefix(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n >= l && memcmp(s, lit, l) == 0;
}

/* Skip lit at the cursor if it is there; 1 if it was. */
static inline int
fmt_eat(struct fmt_cur *c, const char *lit)
{
	size_t l = strlen(lit);

	if ((size_t)(c->end - c->p) < l || memcmp(c->p, lit, l) != 0)
		return 0;
	c->p += l;
	return 1;
}

static inline int
fmt_eatc(struct fmt_cur *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return 0;
	c->p++;
	return 1;
}

static inline int
fmt_at_end(const struct fmt_cur *c)
{
	return c->p >= c->end;
}

/*
 * The word at the cursor: bytes up to the next space or the end.  The
 * cursor moves to the space (not past it).  Returns the word's length,
 * 0 at a space or at the end.
 */
static inline size_t
fmt_word(struct fmt_cur *c, const char **w)
{
	const char *s = c->p;

	while (c->p < c->end && *c->p != ' ')
		c->p++;
	*w = s;
	return (size_t)(c->p - s);
}

/* Bytes up to the byte ch (or the end), cursor moves to ch. */
static inline size_t
fmt_until(struct fmt_cur *c, char ch, const char **w)
{
	const char *s = c->p;
	const char *q = memchr(s, ch, (size_t)(c->end - s));

	c->p = q != NULL ? q : c->end;
	*w = s;
	return (size_t)(c->p - s);
}

static inline void
fmt_skip_spaces(struct fmt_cur *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

/*
 * Skip a group that starts at the cursor with open and ends with the
 * matching close, nested groups included.  Returns 0 if the group is
 * not closed before the end (the cursor is then unchanged).
 */
static inline int
fmt_skip_group(struct fmt_cur *c, char open, char close)
{
	const char *q = c->p;
	int depth = 0;

	if (q >= c->end || *q != open)
		return 0;
	for (; q < c->end; q++) {
		if (*q == open)
			depth++;
		else if (*q == close && --depth == 0) {
			c->p = q + 1;
			return 1;
		}
	}
	return 0;
}

/*
 * Parse n bytes of decimal digits (no sign, no space) as a value of at
 * most max.  More than 18 digits are rejected, so the arithmetic cannot
 * overflow.  Returns 0 or -1.
 */
static inline int
fmt_uint(const char *s, size_t n, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long v = 0;

	if (n == 0 || n > 18)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!fmt_isdigit(s[i]))
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* A port 0..65535 written in decimal. */
static inline int
fmt_port(const char *s, size_t n, int *port)
{
	unsigned long long v;

	if (fmt_uint(s, n, 65535, &v) == -1)
		return -1;
	*port = (int)v;
	return 0;
}

/*
 * An address with an optional port: "A:P" or "[V6]:P" when ports is
 * set, "A" or "[V6]" when it is not.  Returns 0, or -1 if w is not
 * exactly that shape.
 */
static inline int
fmt_endpoint(const char *w, size_t n, int ports, struct mnw_addr *a,
    int *port)
{
	const char *addr = w, *colon = NULL;
	size_t alen = n;

	if (n > 0 && w[0] == '[') {
		const char *close = memchr(w, ']', n);

		if (close == NULL)
			return -1;
		addr = w + 1;
		alen = (size_t)(close - addr);
		if (close + 1 < w + n) {
			if (close[1] != ':')
				return -1;
			colon = close + 1;
		}
	} else if (ports) {
		colon = memchr(w, ':', n);
		if (colon != NULL)
			alen = (size_t)(colon - w);
	}
	if (mnw_addr_parse(a, addr, alen) == -1)
		return -1;
	if (ports) {
		if (colon == NULL)
			return -1;
		return fmt_port(colon + 1, (size_t)(w + n - colon - 1), port);
	}
	return colon == NULL ? 0 : -1;
}

/* An ICMP type or code 0..255 written in decimal. */
static inline int
fmt_byte(const char *s, size_t n, int *out)
{
	unsigned long long v;

	if (fmt_uint(s, n, 255, &v) == -1)
		return -1;
	*out = (int)v;
	return 0;
}

/* Protocols whose packets carry port numbers. */
static inline int
fmt_proto_has_ports(int proto)
{
	return proto == 6 || proto == 17 || proto == 33 || proto == 132 ||
	    proto == 136;
}

static inline int
fmt_proto_is_icmp(int proto)
{
	return proto == 1 || proto == 58;
}

/*
 * Set a rejection: *reason and, when s is not NULL, the offending
 * value.  Returns MNW_PARSE_REJECT so that a parser can write
 * "return fmt_reject(...)".
 */
static inline enum mnw_parse_result
fmt_reject(const char **reason, const char **value, size_t *valuelen,
    const char *why, const char *s, size_t n)
{
	*reason = why;
	if (s != NULL) {
		*value = s;
		*valuelen = n;
	}
	return MNW_PARSE_REJECT;
}

static inline enum mnw_parse_result
fmt_skip(const char **reason, const char **value, size_t *valuelen,
    const char *why, const char *s, size_t n)
{
	*reason = why;
	if (s != NULL) {
		*value = s;
		*valuelen = n;
	}
	return MNW_PARSE_SKIP;
}

/*
 * Both addresses of an event must be of one family: a record with an
 * IPv4 source and an IPv6 target is invalid (mnw_event_parse rejects
 * it), because one IP header cannot hold both.
 */
static inline int
fmt_families_match(const struct mnw_event *ev)
{
	return ev->src.family == ev->dst.family;
}

/* Copy n bytes into the event's host field, if they fit and it is
 * still empty. */
static inline void
fmt_set_host(struct mnw_event *ev, const char *s, size_t n)
{
	if (ev->host[0] != '\0' || n == 0 || n > MNW_HOST_MAX)
		return;
	memcpy(ev->host, s, n);
	ev->host[n] = '\0';
}

/*
 * Read TCP flag names ("SYN", "ACK", ...) separated by runs of sep, as
 * ISA 2000 and Sophos UTM write them ("SYN ACK").  Returns the number
 * of names read, with their bits in *flags, or -1 for a name that is
 * no TCP flag.
 */
static inline int
fmt_tcpflag_names(const char *s, size_t n, char sep, int *flags)
{
	static const struct {
		const char *name;
		int bit;
	} names[] = {
		{ "FIN", MNW_TCP_FIN }, { "SYN", MNW_TCP_SYN },
		{ "RST", MNW_TCP_RST }, { "PSH", MNW_TCP_PSH },
		{ "ACK", MNW_TCP_ACK }, { "URG", MNW_TCP_URG },
		{ "ECE", MNW_TCP_ECE }, { "CWR", MNW_TCP_CWR },
	};
	const char *end = s + n, *w;
	size_t i;
	int count = 0;

	*flags = 0;
	for (;;) {
		while (s < end && *s == sep)
			s++;
		if (s == end)
			return count;
		for (w = s; s < end && *s != sep; s++)
			;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (fmt_eq(w, (size_t)(s - w), names[i].name))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		*flags |= names[i].bit;
		count++;
	}
}

/* Index of format f in mnw_formats[], for ctx->state; -1 if absent. */
static inline int
fmt_index(const struct mnw_format *f)
{
	for (int i = 0; mnw_formats[i] != NULL && i < MNW_FORMATS_MAX; i++)
		if (mnw_formats[i] == f)
			return i;
	return -1;
}

#endif
