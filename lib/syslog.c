/*
 * syslog.c: take the envelope off a log line.
 *
 * Firewalls rarely write their own files; their lines reach us wrapped
 * by whatever carried them: a syslog daemon, journald, or the kernel
 * ring buffer.  The wrapper gives the time, the logging host and the
 * program tag, and the format parsers only see what remains.  The tag
 * matters for trust: a netfilter line is accepted only from the kernel,
 * so a user who gets "SRC=..." into an sshd message cannot forge one.
 *
 * Envelopes recognised, each optionally preceded by "<PRI>":
 *
 *   bsd-syslog  "Dec  4 19:10:59 host tag[pid]: msg" (RFC 3164); the
 *               host or the tag may be missing, as UniFi writes them.
 *               Some daemons and relays do not pad the day ("Dec 4"),
 *               and FreeBSD syslogd -v puts the facility and severity
 *               after the time ("<4.6> " or, with -v -v, "<auth.info> ")
 *   journal     journalctl -o short ("Dec 04 ...") and -o short-iso
 *               ("2026-12-04T19:10:59+0100 host tag[pid]: msg")
 *   iso-syslog  "2026-12-04T19:10:59.123456+01:00 host tag: msg", as
 *               rsyslog's RFC 3339 templates write it
 *   rfc5424     "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG"
 *   kernel      the ring buffer as dmesg prints it: "[12345.678901] msg"
 *               or, with dmesg -T, "[Fri Dec  4 19:10:59 2026] msg"
 *   none        anything else: the whole line is the message, but a
 *               leading "tag[pid]: " is still taken as the tag
 *
 * Every step is a bounded forward scan: no regular expressions, no
 * allocation, and nothing is read past len.
 */
#include <stdint.h>
#include <string.h>

#include "parse.h"

/* RFC 5424 section 6 limits, used to reject what cannot be a header. */
#define RFC5424_HOST_MAX 255
#define RFC5424_APP_MAX 48
#define RFC5424_PROCID_MAX 128
#define RFC5424_MSGID_MAX 32

/* Maximum length of a program tag in a BSD header.  RFC 3164 says 32,
 * but real tags such as "postfix/submission/smtpd" are longer. */
#define TAG_MAX 64
#define PID_MAX 20

/* Maximum digits of the seconds since boot in a ring buffer time stamp.
 * 10^12 s is over 31,000 years, so a longer number is not an uptime,
 * and the limit keeps the sum with the boot time from overflowing. */
#define UPTIME_DIGITS_MAX 12

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Length of the word at s: bytes up to the next space or end. */
static size_t
word_len(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && *p != ' ')
		p++;
	return (size_t)(p - s);
}

/*
 * Check whether the word w (n bytes) is a program tag "NAME:" or
 * "NAME[PID]:".  On success store the name in *tag, *taglen.
 */
static int
tag_check(const char *w, size_t n, const char **tag, size_t *taglen)
{
	size_t namelen, i;

	if (n < 2 || w[n - 1] != ':')
		return 0;
	n--;
	namelen = n;
	if (w[n - 1] == ']') {
		const char *open = memchr(w, '[', n);
		size_t pidlen;

		if (open == NULL)
			return 0;
		namelen = (size_t)(open - w);
		pidlen = n - namelen - 2;
		if (pidlen == 0 || pidlen > PID_MAX)
			return 0;
		for (i = namelen + 1; i < n - 1; i++)
			if (w[i] == '[' || w[i] == ']')
				return 0;
	}
	if (namelen == 0 || namelen > TAG_MAX)
		return 0;
	for (i = 0; i < namelen; i++) {
		unsigned char c = (unsigned char)w[i];

		/* A colon inside means an IPv6 address or a time, an
		 * equals sign a key=value pair, neither is a tag. */
		if (c == ':' || c == '[' || c == ']' || c == '=' ||
		    c == '"' || c < 0x21 || c == 0x7f)
			return 0;
	}
	*tag = w;
	*taglen = namelen;
	return 1;
}

/*
 * Check whether the word w can be a host name field.  Syslog daemons
 * write a name, an IPv4 or an IPv6 address there.  A word with '=' or
 * '"', or one starting with '[', is the message (a key=value pair or a
 * UniFi rule name), which means the sender left the host out.  One
 * starting with '<' is a broken syslogd -v "<4.6>" and no host either.
 */
static int
host_check(const char *w, size_t n)
{
	size_t i;

	if (n == 0 || n > MNW_HOST_MAX || w[0] == '[' || w[0] == '<')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c == '=' || c == '"' || c < 0x21 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Set the message to [p, end), after one space if there is one. */
static void
set_msg(struct mnw_envelope *env, const char *p, const char *end)
{
	if (p < end && *p == ' ')
		p++;
	env->msg = p;
	env->msglen = (size_t)(end - p);
}

/*
 * The last "host tag:" head that parse_host_tag() split into a host and
 * a tag: its text from the host to the end of the tag word, and where
 * the host and the tag are in it.  The split depends only on the words,
 * so a line whose head is the same text followed by a space or the end
 * splits the same way.  Most lines of a log come from one host and tag.
 * Static like the time stamp cache below, so not thread-safe.
 */
#define HEAD_CACHE_MAX 128

static struct {
	size_t len;		/* 0: empty */
	char text[HEAD_CACHE_MAX];
	size_t hostlen, tagoff, taglen;
} head_cache;

/*
 * After a BSD or ISO time stamp: "host tag[pid]: msg".  The host is
 * left out when the first word is already a tag, or cannot be a host.
 * UniFi gateways write the host twice ("UDMP UDMP [RULE]..."): the
 * repeat is skipped.  A missing tag leaves taglen 0.
 */
static void
parse_host_tag(struct mnw_envelope *env, const char *p, const char *end)
{
	const char *head;
	size_t n;

	if (p < end && *p == ' ')
		p++;
	head = p;
	n = head_cache.len;
	if (n > 0 && (size_t)(end - p) >= n &&
	    (p + n == end || p[n] == ' ') && memcmp(p, head_cache.text, n) == 0) {
		env->host = p;
		env->hostlen = head_cache.hostlen;
		env->tag = p + head_cache.tagoff;
		env->taglen = head_cache.taglen;
		set_msg(env, p + n, end);
		return;
	}
	n = word_len(p, end);
	if (tag_check(p, n, &env->tag, &env->taglen)) {
		set_msg(env, p + n, end);
		return;
	}
	if (!host_check(p, n)) {
		set_msg(env, p, end);
		return;
	}
	env->host = p;
	env->hostlen = n;
	p += n;
	if (p < end)
		p++;		/* the space after the host */
	n = word_len(p, end);
	if (n == env->hostlen && memcmp(p, env->host, n) == 0 &&
	    p + n < end) {
		p += n + 1;
		n = word_len(p, end);
	}
	if (tag_check(p, n, &env->tag, &env->taglen)) {
		if ((size_t)(p + n - head) <= HEAD_CACHE_MAX) {
			head_cache.len = (size_t)(p + n - head);
			memcpy(head_cache.text, head, head_cache.len);
			head_cache.hostlen = env->hostlen;
			head_cache.tagoff = (size_t)(env->tag - head);
			head_cache.taglen = env->taglen;
		}
		set_msg(env, p + n, end);
		return;
	}
	env->msg = p;
	env->msglen = (size_t)(end - p);
}

/* "<PRI>" with PRI 0..191 (facility * 8 + severity).  Returns its length
 * or 0. */
static size_t
parse_pri(const char *s, const char *end)
{
	const char *p = s + 1;
	int v = 0, digits = 0;

	if (p >= end || *s != '<')
		return 0;
	while (p < end && is_digit(*p) && digits < 3) {
		v = v * 10 + (*p - '0');
		digits++;
		p++;
	}
	if (digits == 0 || p >= end || *p != '>' || v > 191)
		return 0;
	if (digits > 1 && s[1] == '0')
		return 0;	/* RFC 5424: no leading zeros */
	return (size_t)(p + 1 - s);
}

/*
 * One RFC 5424 header field: a run of printable ASCII without space,
 * at most max bytes, followed by a space.  "-" (NILVALUE) gives an
 * empty field.  Returns the position after the space, or NULL.
 */
static const char *
parse_5424_field(const char *p, const char *end, size_t max,
    const char **field, size_t *fieldlen)
{
	const char *s = p;

	while (p < end && *p != ' ') {
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return NULL;
		p++;
	}
	if (p == s || p >= end || (size_t)(p - s) > max)
		return NULL;
	if (p - s == 1 && *s == '-') {
		*field = NULL;
		*fieldlen = 0;
	} else {
		*field = s;
		*fieldlen = (size_t)(p - s);
	}
	return p + 1;
}

/*
 * Skip RFC 5424 STRUCTURED-DATA: "-" or one or more
 * [SD-ID PARAM="VALUE" ...] elements.  Inside a quoted value a
 * backslash escapes the next byte, so \] and \" do not end anything.
 * Returns the position after the data, or NULL if it is malformed or
 * cut short.
 */
static const char *
skip_5424_sd(const char *p, const char *end)
{
	if (p < end && *p == '-')
		return p + 1;
	if (p >= end || *p != '[')
		return NULL;
	while (p < end && *p == '[') {
		int quoted = 0;

		for (p++; p < end; p++) {
			if (quoted) {
				if (*p == '\\')
					p++;	/* may step to end: loop stops */
				else if (*p == '"')
					quoted = 0;
			} else if (*p == '"') {
				quoted = 1;
			} else if (*p == ']') {
				break;
			}
		}
		if (p >= end)
			return NULL;
		p++;		/* past ']' */
	}
	return p;
}

/*
 * "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]", p just after
 * "<PRI>".  Returns 1 if the header is well formed; 0 leaves env
 * untouched.
 */
static int
parse_rfc5424(struct mnw_envelope *env, const char *p, const char *end,
    const struct mnw_parse_ctx *ctx)
{
	const char *host, *app, *procid, *msgid;
	size_t hostlen, applen, procidlen, msgidlen, n;
	int has_time = 0;
	time_t t = 0;

	if (end - p < 2 || p[0] != '1' || p[1] != ' ')
		return 0;
	p += 2;
	if (p < end && *p == '-') {
		p++;
	} else {
		n = mnw_time_parse_iso(p, (size_t)(end - p), &ctx->tz, &t);
		if (n == 0)
			return 0;
		p += n;
		has_time = 1;
	}
	if (p >= end || *p != ' ')
		return 0;
	p++;
	if ((p = parse_5424_field(p, end, RFC5424_HOST_MAX, &host,
	    &hostlen)) == NULL)
		return 0;
	if ((p = parse_5424_field(p, end, RFC5424_APP_MAX, &app,
	    &applen)) == NULL)
		return 0;
	if ((p = parse_5424_field(p, end, RFC5424_PROCID_MAX, &procid,
	    &procidlen)) == NULL)
		return 0;
	if ((p = parse_5424_field(p, end, RFC5424_MSGID_MAX, &msgid,
	    &msgidlen)) == NULL)
		return 0;
	if ((p = skip_5424_sd(p, end)) == NULL)
		return 0;
	if (p < end && *p != ' ')
		return 0;
	if (p < end)
		p++;
	/* A message may start with a UTF-8 byte order mark (RFC 5424
	 * section 6.4); it is not part of the text. */
	if (end - p >= 3 && (unsigned char)p[0] == 0xef &&
	    (unsigned char)p[1] == 0xbb && (unsigned char)p[2] == 0xbf)
		p += 3;

	env->kind = "rfc5424";
	env->has_time = has_time;
	env->time = t;
	env->host = host;
	env->hostlen = hostlen;
	env->tag = app;
	env->taglen = applen;
	env->msg = p;
	env->msglen = (size_t)(end - p);
	return 1;
}

/*
 * Kernel ring buffer: "[  12345.678901] msg" (seconds since boot) or
 * "[Fri Dec  4 19:10:59 2026] msg" (dmesg -T, local time).  Returns 1
 * if the line starts with either.
 */
static int
parse_kernel(struct mnw_envelope *env, const char *p, const char *end,
    const struct mnw_parse_ctx *ctx)
{
	const char *q = p + 1;
	long long secs = 0;
	int digits = 0;

	while (q < end && *q == ' ')
		q++;
	while (q < end && is_digit(*q)) {
		if (++digits > UPTIME_DIGITS_MAX)
			return 0;
		secs = secs * 10 + (*q - '0');
		q++;
	}
	if (digits > 0) {
		if (q < end && *q == '.') {
			q++;
			while (q < end && is_digit(*q))
				q++;
		}
		if (q >= end || *q != ']')
			return 0;
		env->has_time = ctx->has_boot;
		if (ctx->has_boot)
			env->time = ctx->boot + (time_t)secs;
	} else {
		/* dmesg -T: weekday, then "Mmm dd hh:mm:ss yyyy]". */
		struct tm tm;
		int v;
		const char *r;
		time_t t;

		if (end - q < 25 || q[3] != ' ')
			return 0;
		q += 4;
		memset(&tm, 0, sizeof(tm));
		{
			char mon[4];

			memcpy(mon, q, 3);
			mon[3] = '\0';
			if ((tm.tm_mon = mnw_month_from_abbr(mon)) < 0)
				return 0;
		}
		if (q[3] != ' ')
			return 0;
		r = q + 4;
		if (*r == ' ')
			r++;
		for (v = 0; r < end && is_digit(*r) && v < 100; r++)
			v = v * 10 + (*r - '0');
		if (v < 1 || v > 31 || r >= end || *r != ' ')
			return 0;
		tm.tm_mday = v;
		r++;
		if (end - r < 14 || !is_digit(r[0]) || !is_digit(r[1]) ||
		    r[2] != ':' || !is_digit(r[3]) || !is_digit(r[4]) ||
		    r[5] != ':' || !is_digit(r[6]) || !is_digit(r[7]) ||
		    r[8] != ' ' || !is_digit(r[9]) || !is_digit(r[10]) ||
		    !is_digit(r[11]) || !is_digit(r[12]) || r[13] != ']')
			return 0;
		tm.tm_hour = (r[0] - '0') * 10 + (r[1] - '0');
		tm.tm_min = (r[3] - '0') * 10 + (r[4] - '0');
		tm.tm_sec = (r[6] - '0') * 10 + (r[7] - '0');
		tm.tm_year = (r[9] - '0') * 1000 + (r[10] - '0') * 100 +
		    (r[11] - '0') * 10 + (r[12] - '0') - 1900;
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
			return 0;
		if (mnw_tz_mktime(&ctx->tz, &tm, &t) != 0)
			return 0;
		env->has_time = 1;
		env->time = t;
		q = r + 13;
	}
	env->kind = "kernel";
	set_msg(env, q + 1, end);
	return 1;
}

/*
 * mnw_time_parse_bsd with a one-entry cache: busy logs repeat the same
 * second on many lines in a row, and the year inference and zone
 * conversion cost more than the rest of the envelope.  The cache key is
 * the time stamp text, the zone and the reference time; the stamp
 * without a fraction is at most 15 bytes ("Dec  4 19:10:59").  The
 * cache is static, so the envelope parser is not thread-safe, like the
 * named-zone conversion in time.c.
 */
#define BSD_STAMP_LEN 15

static struct {
	int valid;
	char text[BSD_STAMP_LEN];
	struct mnw_tz tz;
	time_t ref;
	size_t n;
	time_t t;
} bsd_cache;

/* Compare two 15-byte stamps as two overlapping 8-byte words, which
 * the compiler turns into plain loads instead of a memcmp call. */
static int
stamp_equal(const char *a, const char *b)
{
	uint64_t a1, a2, b1, b2;

	memcpy(&a1, a, 8);
	memcpy(&b1, b, 8);
	memcpy(&a2, a + BSD_STAMP_LEN - 8, 8);
	memcpy(&b2, b + BSD_STAMP_LEN - 8, 8);
	return a1 == b1 && a2 == b2;
}

static size_t
parse_bsd_cached(const char *s, size_t len, const struct mnw_parse_ctx *ctx,
    time_t *out)
{
	size_t n;

	if (len < BSD_STAMP_LEN)
		return 0;
	/* A fraction after the seconds changes the length consumed, so
	 * only stamps followed by a space or the end are cached. */
	if (bsd_cache.valid && (len == BSD_STAMP_LEN || s[BSD_STAMP_LEN] == ' ') &&
	    bsd_cache.ref == ctx->ref && stamp_equal(bsd_cache.text, s) &&
	    memcmp(&bsd_cache.tz, &ctx->tz, sizeof(ctx->tz)) == 0) {
		*out = bsd_cache.t;
		return bsd_cache.n;
	}
	n = mnw_time_parse_bsd(s, len, &ctx->tz, ctx->ref, out);
	if (n == BSD_STAMP_LEN) {
		bsd_cache.valid = 1;
		memcpy(bsd_cache.text, s, BSD_STAMP_LEN);
		bsd_cache.tz = ctx->tz;
		bsd_cache.ref = ctx->ref;
		bsd_cache.n = n;
		bsd_cache.t = *out;
	}
	return n;
}

/*
 * Parse a BSD time stamp at p, with the day padded ("Dec  4", "Dec 04")
 * or not ("Dec 4 19:10:59"), as some daemons and relays write it.  An
 * unpadded stamp is padded in a copy, so that it shares the cache.  The
 * copy holds a fraction of up to 40 digits.  A longer one is cut, and
 * the caller rejects it because no space follows the stamp.  Returns
 * the length of the stamp in the line, or 0.
 */
#define BSD_UNPADDED_COPY 56

static size_t
parse_bsd_stamp(const char *p, const char *end, const struct mnw_parse_ctx *ctx,
    time_t *out)
{
	char buf[BSD_UNPADDED_COPY];
	size_t len = (size_t)(end - p), n;

	if (len < BSD_STAMP_LEN - 1 || p[4] == ' ' || p[4] == '0' ||
	    p[5] != ' ')
		return parse_bsd_cached(p, len, ctx, out);
	/* "Mmm D hh:mm:ss" has one digit 1..9 between single spaces. */
	if (p[3] != ' ' || p[4] < '1' || p[4] > '9' || !is_digit(p[6]))
		return 0;
	if (len > sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	memcpy(buf, p, 4);
	buf[4] = ' ';
	memcpy(buf + 5, p + 4, len - 4);
	n = parse_bsd_cached(buf, len + 1, ctx, out);
	return n > 0 ? n - 1 : 0;
}

/* Names that FreeBSD syslogd -v -v writes.  It takes the first entry
 * of the system's table for each value, so "err" and "warn", never
 * "error" or "warning". */
static const char *const facility_names[] = {
	"auth", "authpriv", "console", "cron", "daemon", "ftp", "kern",
	"lpr", "mail", "mark", "news", "ntp", "security", "syslog", "user",
	"uucp", "local0", "local1", "local2", "local3", "local4", "local5",
	"local6", "local7", NULL
};
static const char *const severity_names[] = {
	"alert", "crit", "debug", "emerg", "err", "info", "notice", "warn",
	NULL
};

/* Check whether w (n bytes) is one of names, or a decimal number from
 * 0 to max without a leading zero. */
static int
facpri_word(const char *w, size_t n, const char *const *names, int max)
{
	size_t i;
	int v = 0;

	if (n == 0)
		return 0;
	if (is_digit(w[0])) {
		if (n > 2 || (n == 2 && w[0] == '0'))
			return 0;
		for (i = 0; i < n; i++) {
			if (!is_digit(w[i]))
				return 0;
			v = v * 10 + (w[i] - '0');
		}
		return v <= max;
	}
	for (; *names != NULL; names++)
		if (strlen(*names) == n && memcmp(*names, w, n) == 0)
			return 1;
	return 0;
}

/*
 * Measure the " <FACILITY.SEVERITY>" that FreeBSD syslogd -v writes
 * after the time stamp: numbers ("<4.6>", facility 24 being syslogd's
 * own mark messages) or, with -v -v, names ("<auth.info>").  p is at
 * the space after the stamp.  Returns the length of " <F.S>" when one
 * space and a word follow, else 0.
 * NOTE: a sender's PRI over 191 would give syslogd a facility over 24,
 * which is not taken, because RFC 3164 allows none.
 */
#define FACPRI_MAX 20

static size_t
facpri_len(const char *p, const char *end)
{
	const char *s = p + 2, *dot = NULL, *q;

	for (q = s; q < end && q - s <= FACPRI_MAX && *q != '>'; q++)
		if (*q == '.' && dot == NULL)
			dot = q;
	if (q >= end || *q != '>' || dot == NULL)
		return 0;
	if (end - q < 3 || q[1] != ' ' || q[2] == ' ')
		return 0;
	if (!facpri_word(s, (size_t)(dot - s), facility_names, 24) ||
	    !facpri_word(dot + 1, (size_t)(q - dot - 1), severity_names, 7))
		return 0;
	return (size_t)(q + 1 - p);
}

/*
 * Check whether the unpadded stamp at p (n bytes) is Cisco IOS's own
 * "Oct 6 03:32:02.070 mng: %SEC-6-IPACCESSLOGP: ...": a zone name and
 * a colon, then the message id.  That is no syslog header, so the line
 * stays whole for the ios format, which reads the stamp and the zone.
 */
static int
ios_stamp(const char *p, size_t n, const char *end)
{
	const char *q = p + n + 1;
	size_t w;

	if (p[5] != ' ' || q >= end)
		return 0;
	w = word_len(q, end);
	return w > 1 && q[w - 1] == ':' && end - (q + w) > 1 &&
	    q[w] == ' ' && q[w + 1] == '%';
}

void
mnw_envelope_parse(struct mnw_envelope *env, const char *line, size_t len,
    const struct mnw_parse_ctx *ctx)
{
	const char *p = line, *end = line + len;
	size_t n, pri;
	time_t t;

	memset(env, 0, sizeof(*env));
	env->msg = line;
	env->msglen = len;
	env->kind = "none";

	pri = parse_pri(p, end);
	p += pri;
	if (pri > 0 && parse_rfc5424(env, p, end, ctx))
		return;
	if (p < end && *p == '[' && parse_kernel(env, p, end, ctx))
		return;

	if (p < end && *p >= 'A' && *p <= 'Z' &&
	    (n = parse_bsd_stamp(p, end, ctx, &t)) > 0 &&
	    (p + n == end || p[n] == ' ') && !ios_stamp(p, n, end)) {
		/* journalctl pads the day with a zero, syslogd with a
		 * space: "Dec 04" against "Dec  4". */
		env->kind = (n > 4 && p[4] == '0') ? "journal" : "bsd-syslog";
		env->has_time = 1;
		env->time = t;
		p += n;
		if (end - p > 1 && p[1] == '<')
			p += facpri_len(p, end);
		parse_host_tag(env, p, end);
		return;
	}
	if (p < end && is_digit(*p) &&
	    (n = mnw_time_parse_iso(p, (size_t)(end - p), &ctx->tz, &t)) > 0 &&
	    (p + n == end || p[n] == ' ')) {
		/* journalctl -o short-iso writes the offset as +0100,
		 * rsyslog as +01:00. */
		const char *q = p + n;

		env->kind = (n > 5 && (p[n - 5] == '+' || p[n - 5] == '-') &&
		    p[n - 3] != ':') ? "journal" : "iso-syslog";
		env->has_time = 1;
		env->time = t;
		/* macOS "log show" pads its time column with a second
		 * space: "2020-03-25 08:01:34.584936-0700  host sshd[1]:". */
		while (end - q > 1 && q[1] == ' ')
			q++;
		parse_host_tag(env, q, end);
		return;
	}

	/* No time stamp: a priority alone makes it syslog (RFC 3164
	 * section 4.3.3 keeps such a message whole), and a leading
	 * "tag: " is kept as the tag either way. */
	if (pri > 0)
		env->kind = "bsd-syslog";
	n = word_len(p, end);
	if (tag_check(p, n, &env->tag, &env->taglen))
		set_msg(env, p + n, end);
	else {
		env->msg = p;
		env->msglen = (size_t)(end - p);
	}
}
