/*
 * fmt_kv.h: reading the key=value lines that FortiGate, SonicWall and
 * Sophos firewalls write (fmt_fortigate.c, fmt_sonicwall.c,
 * fmt_sophos.c).
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

#endif
