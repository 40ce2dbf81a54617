/*
 * fmt_huawei.c: Huawei USG firewall policy and packet deny logs.
 *
 *   2026/12/04 19:10:59 USG6300 %%01POLICY/6/POLICYDENY(l):vsys=public,
 *       protocol=6, source-ip=192.0.2.7, source-port=4123,
 *       destination-ip=198.51.100.9, destination-port=22,
 *       time=2026/12/4 19:10:59, source-zone=untrust,
 *       destination-zone=trust, rule-name=deny-all.
 *
 * (one line).  A message is "%%VERSION MODULE/SEVERITY/NAME(l):"
 * followed by comma-separated key=value pairs.  Events:
 *
 *   POLICY/POLICYDENY     drop      (keys protocol, source-ip,
 *   POLICY/POLICYPERMIT   accept     source-port, destination-ip,
 *                                    destination-port)
 *   SECLOG/PACKET_DENY    drop      (keys Protocol, SourceIP,
 *                                    SourcePort, DestinationIP,
 *                                    DestinationPort)
 *
 * Other messages (session teardown, URL filter, ...) are skipped.  A
 * key that is read and appears twice rejects the line; a piece without
 * '=' belongs to the value before it (a rule name may hold a comma).
 * The time is the syslog header's or, without one, the device's own
 * stamp before the host name ("YYYY/MM/DD hh:mm:ss", "YYYY-MM-DD
 * hh:mm:ss" or "Mmm dd YYYY hh:mm:ss"), read in the -z zone.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"
#include "fmt_kv.h"

enum hw_key { K_PROTO, K_SRC, K_SPORT, K_DST, K_DPORT, K_COUNT };

static const char *const key_names[] = {
	"protocol", "source-ip", "source-port", "destination-ip",
	"destination-port",
	"Protocol", "SourceIP", "SourcePort", "DestinationIP",
	"DestinationPort",
};
static const int key_map[] = {
	K_PROTO, K_SRC, K_SPORT, K_DST, K_DPORT,
	K_PROTO, K_SRC, K_SPORT, K_DST, K_DPORT,
};

static int
read_pairs(const char *p, const char *end, struct fmt_kv_value *v,
    const char **reason, const char **bad, size_t *badlen)
{
	while (p < end) {
		const char *k = p, *eq = NULL, *val;
		size_t kn;

		while (p < end && *p != ',') {
			if (*p == '=' && eq == NULL)
				eq = p;
			p++;
		}
		/* A piece without '=' continues the value before it. */
		if (eq != NULL) {
			kn = (size_t)(eq - k);
			val = eq + 1;
			for (size_t i = 0; i < sizeof(key_names) /
			    sizeof(key_names[0]); i++) {
				struct fmt_kv_value *hv;

				if (!fmt_eq(k, kn, key_names[i]))
					continue;
				hv = &v[key_map[i]];
				if (hv->seen) {
					*reason = "repeated key";
					*bad = k;
					*badlen = kn;
					return -1;
				}
				hv->seen = 1;
				hv->s = val;
				hv->n = (size_t)(p - val);
			}
		}
		if (p < end)
			p++;
		while (p < end && *p == ' ')
			p++;
	}
	return 0;
}

/* The device's stamp before "HOST %%": returns its length or 0. */
static size_t
read_stamp(const char *s, size_t n, const struct mnw_tz *tz, time_t *t)
{
	char buf[20];

	if (n >= 20 && fmt_isdigit(s[0]) && (s[4] == '/' || s[4] == '-') &&
	    s[10] == ' ' && s[19] == ' ') {
		memcpy(buf, s, 19);
		buf[4] = buf[7] = '-';
		return mnw_time_parse_iso(buf, 19, tz, t) == 19 ? 19 : 0;
	}
	if (n >= 21 && fmt_isalpha(s[0]) && s[3] == ' ' && s[6] == ' ' &&
	    s[11] == ' ' && s[20] == ' ') {
		unsigned long long y;
		int mon = mnw_month_from_abbr(s), day;

		if (mon < 0 || fmt_uint(s + 7, 4, 9999, &y) == -1)
			return 0;
		day = s[4] == ' ' ? s[5] - '0' : (s[4] - '0') * 10 +
		    (s[5] - '0');
		/* Through the ISO reader, which checks every part. */
		buf[0] = (char)('0' + (int)(y / 1000));
		buf[1] = (char)('0' + (int)(y / 100 % 10));
		buf[2] = (char)('0' + (int)(y / 10 % 10));
		buf[3] = (char)('0' + (int)(y % 10));
		buf[4] = '-';
		buf[5] = (char)('0' + (mon + 1) / 10);
		buf[6] = (char)('0' + (mon + 1) % 10);
		buf[7] = '-';
		buf[8] = (char)('0' + day / 10);
		buf[9] = (char)('0' + day % 10);
		buf[10] = 'T';
		memcpy(buf + 11, s + 12, 8);
		if (!fmt_isdigit(buf[8]) || !fmt_isdigit(buf[9]))
			return 0;
		return mnw_time_parse_iso(buf, 19, tz, t) == 19 ? 20 : 0;
	}
	return 0;
}

static enum mnw_parse_result
huawei_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	struct fmt_kv_value v[K_COUNT];
	struct fmt_kv_conn conn;
	const char *w, *name;
	size_t n, namelen;
	time_t t;

	(void)line;
	(void)len;
	if (!env->has_time) {
		if ((n = read_stamp(c.p, (size_t)(c.end - c.p), &ctx->tz,
		    &t)) == 0)
			return MNW_PARSE_NO;
		c.p += n;
		fmt_skip_spaces(&c);
		if (fmt_word(&c, &w) == 0 || !fmt_eatc(&c, ' '))
			return MNW_PARSE_NO;
		ev->time = t;
	} else if (!fmt_prefix(c.p, (size_t)(c.end - c.p), "%%")) {
		/* "HOST %%01..." when the header has no host */
		if (fmt_word(&c, &w) == 0 || !fmt_eatc(&c, ' '))
			return MNW_PARSE_NO;
	}
	/* "%%01POLICY/6/POLICYDENY(l):" */
	if (!fmt_eat(&c, "%%") || c.end - c.p < 2 || !fmt_isdigit(c.p[0]) ||
	    !fmt_isdigit(c.p[1]))
		return MNW_PARSE_NO;
	c.p += 2;
	namelen = fmt_until(&c, '(', &name);
	if (fmt_at_end(&c) || namelen == 0 || namelen > 64)
		return MNW_PARSE_NO;
	if (!fmt_eat(&c, "(l):") && !fmt_eat(&c, "(s):") &&
	    !fmt_eat(&c, "(d):"))
		return MNW_PARSE_NO;
	fmt_skip_spaces(&c);

	if (fmt_eq(name, namelen, "POLICY/6/POLICYDENY") ||
	    fmt_eq(name, namelen, "SECLOG/4/PACKET_DENY"))
		ev->action = MNW_ACTION_DROP;
	else if (fmt_eq(name, namelen, "POLICY/6/POLICYPERMIT"))
		ev->action = MNW_ACTION_ACCEPT;
	else
		return fmt_skip(reason, value, valuelen,
		    "not a policy or packet deny log", NULL, 0);

	memset(v, 0, sizeof(v));
	if (read_pairs(c.p, c.end, v, reason, value, valuelen) == -1)
		return MNW_PARSE_REJECT;
	conn = (struct fmt_kv_conn){ &v[K_SRC], &v[K_DST], &v[K_PROTO],
	    &v[K_SPORT], &v[K_DPORT], NULL, NULL };
	return fmt_kv_fill_conn(&conn, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_huawei = {
	.name = "huawei",
	.description = "Huawei USG policy and packet deny logs",
	.parse = huawei_parse,
	.free_state = NULL,
};
