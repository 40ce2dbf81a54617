/*
 * fmt_kv.h: reading the key=value lines that FortiGate, SonicWall,
 * Sophos and Zyxel firewalls write, and turning the values of a
 * connection into event fields (fmt_kv_fill_conn(), which Huawei and
 * Sophos use).
 *
 * The pairs are read in order from the start of the text: a key of
 * letters, digits, '_' and '-', then '=', then a value that is either
 * quoted ("...", a backslash escapes the next byte) or runs to the next
 * space.  A quoted value (a URL, a user or host name that a client
 * chose) therefore cannot supply a key.  Only the keys asked for are
 * stored; one of them seen twice, text that is not a pair, or an
 * unterminated quote is an error, because each is what a value that
 * broke out of its quotes, or two records joined on one line, look
 * like.
 */
#ifndef MNW_FMT_KV_H
#define MNW_FMT_KV_H

#include <string.h>

#include "fmt_scan.h"

/* Maximum length of a key, well above the firewalls' longest. */
#define FMT_KV_KEY_MAX 32

/* One value read; s points into the line, without the quotes. */
struct fmt_kv_value {
	const char *s;
	size_t n;
	int seen;
	int escaped;		/* a quoted value with a backslash in it */
};

/*
 * Read the pairs of p..end.  names[i] is the key stored in values[i]
 * (values must be zeroed by the caller); several names may share an
 * index through map[i] (NULL: index i).  Returns 0, or -1 with
 * *reason set and *bad, *badlen pointing at the offending text.
 */
static inline int
fmt_kv_read(const char *p, const char *end, const char *const *names,
    const int *map, size_t nnames, struct fmt_kv_value *values,
    const char **reason, const char **bad, size_t *badlen)
{
	while (p < end) {
		const char *k, *val;
		size_t kn, vn;
		int escaped = 0;

		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		k = p;
		while (p < end && (fmt_isalpha(*p) || fmt_isdigit(*p) ||
		    *p == '_' || *p == '-'))
			p++;
		kn = (size_t)(p - k);
		if (kn == 0 || kn > FMT_KV_KEY_MAX || p >= end || *p != '=') {
			*reason = "invalid key=value text";
			*bad = k;
			*badlen = (size_t)(end - k) < 32 ? (size_t)(end - k) :
			    32;
			return -1;
		}
		p++;
		if (p < end && *p == '"') {
			val = ++p;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end) {
					escaped = 1;
					p++;
				}
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
			const char *sp = memchr(p, ' ', (size_t)(end - p));

			val = p;
			p = sp != NULL ? sp : end;
			vn = (size_t)(p - val);
		}
		for (size_t i = 0; i < nnames; i++) {
			struct fmt_kv_value *v;

			/* names[i] == k[0..kn), without a strlen per name:
			 * the line has no NUL, so strncmp stops at the end of
			 * a shorter name, and names[i][kn] is then in it. */
			if (names[i][0] != k[0] ||
			    strncmp(names[i], k, kn) != 0 ||
			    names[i][kn] != '\0')
				continue;
			v = &values[map != NULL ? map[i] : (int)i];
			if (v->seen) {
				*reason = "repeated key";
				*bad = k;
				*badlen = kn;
				return -1;
			}
			v->seen = 1;
			v->s = val;
			v->n = vn;
			v->escaped = escaped;
		}
	}
	return 0;
}

/*
 * Fields of one connection, as the key=value formats read them.  A
 * NULL or unseen icmp_type or icmp_code is absent.
 */
struct fmt_kv_conn {
	const struct fmt_kv_value *src, *dst, *proto, *sport, *dport;
	const struct fmt_kv_value *icmp_type, *icmp_code;
};

/*
 * Fill the addresses, protocol, ports and ICMP type and code of ev from
 * f.  Addresses and protocol are required, and so are both ports for a
 * protocol that has them.  Returns MNW_PARSE_EVENT, or MNW_PARSE_REJECT
 * with the reason and the value at fault.
 */
static inline enum mnw_parse_result
fmt_kv_fill_conn(const struct fmt_kv_conn *f, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	if (!f->src->seen || mnw_addr_parse(&ev->src, f->src->s,
	    f->src->n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", f->src->s, f->src->n);
	if (!f->dst->seen || mnw_addr_parse(&ev->dst, f->dst->s,
	    f->dst->n) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid target address", f->dst->s, f->dst->n);
	if (!fmt_families_match(ev))
		return fmt_reject(reason, value, valuelen,
		    "source and target address families differ", NULL, 0);
	if (!f->proto->seen || (ev->proto = mnw_proto_parse(f->proto->s,
	    f->proto->n)) == -1)
		return fmt_reject(reason, value, valuelen, "invalid protocol",
		    f->proto->s, f->proto->n);
	if (ev->proto == 1 && ev->src.family == 6)
		ev->proto = 58;

	if (fmt_proto_has_ports(ev->proto)) {
		if (!f->sport->seen || fmt_port(f->sport->s, f->sport->n,
		    &ev->sport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid source port", f->sport->s, f->sport->n);
		if (!f->dport->seen || fmt_port(f->dport->s, f->dport->n,
		    &ev->dport) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid target port", f->dport->s, f->dport->n);
	} else if (fmt_proto_is_icmp(ev->proto) && f->icmp_type != NULL &&
	    f->icmp_type->seen) {
		if (fmt_byte(f->icmp_type->s, f->icmp_type->n,
		    &ev->icmp_type) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp type", f->icmp_type->s,
			    f->icmp_type->n);
		if (f->icmp_code != NULL && f->icmp_code->seen &&
		    fmt_byte(f->icmp_code->s, f->icmp_code->n,
		    &ev->icmp_code) == -1)
			return fmt_reject(reason, value, valuelen,
			    "invalid icmp code", f->icmp_code->s,
			    f->icmp_code->n);
	}
	return MNW_PARSE_EVENT;
}

#endif
