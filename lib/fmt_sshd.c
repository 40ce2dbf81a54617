/*
 * fmt_sshd.c: failed logins of OpenSSH's sshd and of Dropbear, as
 * events to TCP port 22 with action auth-fail.
 *
 *   Dec  4 19:10:59 host sshd[812]: Failed password for invalid user
 *       admin from 192.0.2.7 port 4123 ssh2
 *   Dec  4 19:10:59 host dropbear[77]: Bad password attempt for 'root'
 *       from 192.0.2.7:4123
 *
 * (each one line).  The user name in these messages is text that the
 * client sent, and it may contain spaces and words such as "from
 * 6.6.6.6 port 22".  So the address is never searched for: it is read
 * at its fixed place counted from the END of the message, where sshd
 * writes it after the user name ("from ADDR[ port PORT][ ssh2]"), or,
 * for "User NAME from ADDR not allowed because REASON", before the last
 * " not allowed because ", whose reason must be one that sshd writes.
 * The user name itself is never copied into the record: people type
 * passwords into it.
 *
 * Lines are taken only with the syslog tag sshd, sshd-session or
 * sshd-auth (OpenSSH 9.8 and later split sshd into these programs) or
 * dropbear.  Events:
 *
 *   sshd      Failed METHOD for [invalid user |illegal user ]NAME
 *             from ADDR[ port PORT[ ssh2]]
 *             Invalid user NAME from ADDR[ port PORT]  (and "Illegal")
 *             User NAME from ADDR not allowed because REASON
 *   dropbear  Bad password attempt for 'NAME' from ADDR:PORT
 *             Bad PAM password attempt for 'NAME' from ADDR:PORT
 *             Login attempt for nonexistent user from ADDR:PORT
 *
 * Other messages of these programs are skipped with a reason: logins
 * that succeeded, connections closed before authentication, summaries
 * that repeat failures already logged one by one (maximum
 * authentication attempts, Dropbear's "Exit before auth"), and PAM's
 * own messages, which repeat sshd's.
 *
 * The logs do not name the address that was connected to, so the
 * target is the unspecified address of the source's family (0.0.0.0
 * or ::), that is, the logging host itself.  A source written as an
 * IPv4-mapped IPv6 address (::ffff:192.0.2.7, from a dual-stack
 * socket) is taken as the IPv4 address it is.
 */
#include <string.h>

#include "parse.h"
#include "fmt_scan.h"

/* Reasons that sshd writes after "User NAME from HOST not allowed
 * because " (OpenSSH auth.c, allowed_user()).  Its other reasons
 * (a locked account, a missing shell) come without "from HOST". */
static const char *const not_allowed_reasons[] = {
	"listed in DenyUsers",
	"not listed in AllowUsers",
	"not in any group",
	"a group is listed in DenyGroups",
	"none of user's groups are listed in AllowGroups",
};

/* A span of the message, shrunk from the end as words are read. */
struct span {
	const char *start;
	const char *end;
};

/* Take the last word of sp off its end: sp ends before the space in
 * front of it.  Returns the word's length, 0 if there is none. */
static size_t
pop_word(struct span *sp, const char **w)
{
	const char *p = sp->end, *wend = sp->end;

	while (p > sp->start && p[-1] != ' ')
		p--;
	*w = p;
	sp->end = p > sp->start ? p - 1 : p;
	return (size_t)(wend - p);
}

/* 1 if sp ends with lit, which is then taken off. */
static int
pop_suffix(struct span *sp, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(sp->end - sp->start) < n ||
	    memcmp(sp->end - n, lit, n) != 0)
		return 0;
	sp->end -= n;
	return 1;
}

/* Parse a source address; an IPv4-mapped IPv6 address becomes IPv4. */
static int
parse_source(struct mnw_addr *a, const char *s, size_t n)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	if (mnw_addr_parse(a, s, n) == -1)
		return -1;
	if (a->family == 6 && memcmp(a->bytes, mapped, 12) == 0) {
		a->family = 4;
		memmove(a->bytes, a->bytes + 12, 4);
		memset(a->bytes + 4, 0, 12);
	}
	return 0;
}

/* Fill the parts of an event that every failed login shares. */
static void
set_login_event(struct mnw_event *ev, int sport)
{
	ev->proto = 6;
	ev->sport = sport;
	ev->dport = 22;
	ev->action = MNW_ACTION_AUTHFAIL;
	memset(&ev->dst, 0, sizeof(ev->dst));
	ev->dst.family = ev->src.family;
}

/*
 * Take ": KEYTYPE SHA256:FINGERPRINT" off the end of a publickey
 * failure ("... port 4123 ssh2: RSA SHA256:abc..."), leaving "ssh2".
 * Only that shape is taken off, because a certificate's details there
 * include its key ID, which the client chooses; such a line keeps its
 * tail and is rejected for the missing address.
 */
static void
strip_key_info(struct span *sp)
{
	struct span t = *sp;
	const char *fp, *type, *ssh;
	size_t fpn = pop_word(&t, &fp), typen = pop_word(&t, &type);
	size_t sshn = pop_word(&t, &ssh);

	if (!fmt_eq(ssh, sshn, "ssh2:") || typen == 0 ||
	    (!fmt_prefix(fp, fpn, "SHA256:") && !fmt_prefix(fp, fpn, "MD5:")))
		return;
	for (size_t i = 0; i < typen; i++)
		if (!fmt_isalpha(type[i]) && !fmt_isdigit(type[i]) &&
		    type[i] != '-' && type[i] != '@' && type[i] != '.')
			return;
	for (size_t i = 0; i < fpn; i++)
		if (!fmt_isalpha(fp[i]) && !fmt_isdigit(fp[i]) &&
		    fp[i] != ':' && fp[i] != '+' && fp[i] != '/' &&
		    fp[i] != '=')
			return;
	/* Leave "ssh2" (without the colon) at the end. */
	sp->end = ssh + sshn - 1;
}

/*
 * Read sshd's tail "from ADDR[ port PORT][ ssh2]" at the end of sp, the
 * part of the message after the fixed words that precede the user name.
 * The word "from" must come after sp->start, so that an empty user
 * name does not let the fixed words supply it.
 */
static enum mnw_parse_result
read_sshd_tail(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *w, *addr;
	size_t n, addrlen;
	int sport = -1;

	strip_key_info(&sp);
	n = pop_word(&sp, &w);
	if (fmt_eq(w, n, "ssh2") || fmt_eq(w, n, "ssh1") ||
	    fmt_eq(w, n, "ssh"))
		n = pop_word(&sp, &w);
	if (n > 0 && fmt_isdigit(w[0])) {
		struct span before = sp;
		const char *pw;
		size_t pn = pop_word(&before, &pw);

		if (fmt_eq(pw, pn, "port")) {
			if (fmt_port(w, n, &sport) == -1)
				return fmt_reject(reason, value, valuelen,
				    "invalid source port", w, n);
			sp = before;
			n = pop_word(&sp, &w);
		}
	}
	addr = w;
	addrlen = n;
	n = pop_word(&sp, &w);
	if (!fmt_eq(w, n, "from") || w == sp.start)
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	if (parse_source(&ev->src, addr, addrlen) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", addr, addrlen);
	set_login_event(ev, sport);
	return MNW_PARSE_EVENT;
}

/* "User NAME from ADDR not allowed because REASON" */
static enum mnw_parse_result
read_not_allowed(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	static const char anchor[] = " not allowed because ";
	const size_t alen = sizeof(anchor) - 1;
	const char *p, *why = NULL, *addr, *w;
	size_t n, addrlen;

	/* The last anchor is sshd's: the reasons do not contain it. */
	for (p = sp.end - alen; p >= sp.start; p--) {
		if (memcmp(p, anchor, alen) == 0) {
			why = p + alen;
			break;
		}
	}
	if (why == NULL)
		return fmt_skip(reason, value, valuelen, "not a failed login",
		    NULL, 0);
	n = (size_t)(sp.end - why);
	for (size_t i = 0; i < sizeof(not_allowed_reasons) /
	    sizeof(not_allowed_reasons[0]); i++)
		if (fmt_eq(why, n, not_allowed_reasons[i]))
			goto known;
	if (fmt_eq(why, n, "account is locked") ||
	    fmt_prefix(why, n, "shell ") || (n > 7 &&
	    memcmp(why + n - 7, " exists", 7) == 0))
		return fmt_skip(reason, value, valuelen,
		    "no source address in message", NULL, 0);
	return fmt_reject(reason, value, valuelen,
	    "unknown reason for a refused user", why, n);
known:
	/* NAME is a local account here, never text of the client's
	 * choosing: sshd checks AllowUsers and its kin only for users that
	 * exist.  Before OpenSSH 5.x the line had no "from ADDR". */
	sp.end = p;
	addrlen = pop_word(&sp, &addr);
	n = pop_word(&sp, &w);
	if (!fmt_eq(w, n, "from") || w == sp.start)
		return fmt_skip(reason, value, valuelen,
		    "no source address in message", NULL, 0);
	if (parse_source(&ev->src, addr, addrlen) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", addr, addrlen);
	set_login_event(ev, -1);
	return MNW_PARSE_EVENT;
}

/*
 * "refused connect from HOST (ADDR)": TCP wrappers (libwrap) refused the
 * connection.  HOST comes from reverse DNS, which the client's network
 * controls, so only the last word is read.
 */
static enum mnw_parse_result
read_refused(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *w;
	size_t n = pop_word(&sp, &w);

	if (n < 3 || w[0] != '(' || w[n - 1] != ')')
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	if (parse_source(&ev->src, w + 1, n - 2) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", w + 1, n - 2);
	set_login_event(ev, -1);
	ev->action = MNW_ACTION_REJECT;
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
read_sshd(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	struct fmt_cur c = { sp.start, sp.end };
	size_t n;
	const char *w;

	(void)pop_suffix(&sp, " [preauth]");
	c.end = sp.end;
	if (fmt_eat(&c, "Failed ")) {
		/* METHOD, then " for " */
		n = fmt_word(&c, &w);
		if (n == 0 || !fmt_eat(&c, " for "))
			return fmt_skip(reason, value, valuelen,
			    "not a failed login", NULL, 0);
		sp.start = c.p;
		return read_sshd_tail(sp, ev, reason, value, valuelen);
	}
	if (fmt_eat(&c, "Invalid user ") || fmt_eat(&c, "Illegal user ")) {
		sp.start = c.p;
		return read_sshd_tail(sp, ev, reason, value, valuelen);
	}
	if (fmt_eat(&c, "User ")) {
		sp.start = c.p;
		return read_not_allowed(sp, ev, reason, value, valuelen);
	}

	c.p = sp.start;
	if (fmt_eat(&c, "refused connect from "))
		return read_refused(sp, ev, reason, value, valuelen);
	if (fmt_eat(&c, "Accepted "))
		return fmt_skip(reason, value, valuelen, "successful login",
		    NULL, 0);
	if (fmt_eat(&c, "Connection closed by ") ||
	    fmt_eat(&c, "Connection reset by ") ||
	    fmt_eat(&c, "Disconnected from ") ||
	    fmt_eat(&c, "Disconnecting "))
		return fmt_skip(reason, value, valuelen,
		    "connection closed before authentication", NULL, 0);
	if (fmt_eat(&c, "error: maximum authentication attempts exceeded "))
		return fmt_skip(reason, value, valuelen,
		    "summary of failed logins", NULL, 0);
	if (fmt_eat(&c, "pam_unix(") || fmt_eat(&c, "error: PAM: "))
		return fmt_skip(reason, value, valuelen,
		    "PAM message", NULL, 0);
	return fmt_skip(reason, value, valuelen, "not a failed login",
	    NULL, 0);
}

/* Dropbear's tail "from ADDR:PORT", the port glued on with a colon. */
static enum mnw_parse_result
read_dropbear_tail(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	const char *w, *hp = NULL;
	size_t n = pop_word(&sp, &w), fn;
	const char *from;
	int sport;

	for (size_t k = n; k > 0; k--)
		if (w[k - 1] == ':') {
			hp = w + k - 1;
			break;
		}
	fn = pop_word(&sp, &from);
	if (!fmt_eq(from, fn, "from") || from == sp.start)
		return fmt_reject(reason, value, valuelen,
		    "missing source address", NULL, 0);
	if (hp == NULL)
		return fmt_reject(reason, value, valuelen,
		    "missing source port", w, n);
	if (parse_source(&ev->src, w, (size_t)(hp - w)) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source address", w, (size_t)(hp - w));
	if (fmt_port(hp + 1, n - (size_t)(hp - w) - 1, &sport) == -1)
		return fmt_reject(reason, value, valuelen,
		    "invalid source port", hp + 1, n - (size_t)(hp - w) - 1);
	set_login_event(ev, sport);
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
read_dropbear(struct span sp, struct mnw_event *ev, const char **reason,
    const char **value, size_t *valuelen)
{
	struct fmt_cur c = { sp.start, sp.end };

	/* Dropbear run with -E writes "[PID] Mmm dd hh:mm:ss " first. */
	if (c.p < c.end && *c.p == '[') {
		struct fmt_cur t = c;

		if (fmt_skip_group(&t, '[', ']') && fmt_eatc(&t, ' ') &&
		    (size_t)(t.end - t.p) >= 16 && t.p[15] == ' ' &&
		    t.p[9] == ':' && t.p[12] == ':') {
			t.p += 16;
			c = t;
		}
	}
	if (fmt_eat(&c, "Bad password attempt for ") ||
	    fmt_eat(&c, "bad password attempt for ") ||
	    fmt_eat(&c, "Bad PAM password attempt for ") ||
	    fmt_eat(&c, "Login attempt for nonexistent user") ||
	    fmt_eat(&c, "login attempt for nonexistent user")) {
		sp.start = c.p;
		return read_dropbear_tail(sp, ev, reason, value, valuelen);
	}
	if (fmt_eat(&c, "Exit before auth"))
		return fmt_skip(reason, value, valuelen,
		    "summary of failed logins", NULL, 0);
	if (fmt_eat(&c, "Password auth succeeded") ||
	    fmt_eat(&c, "Pubkey auth succeeded"))
		return fmt_skip(reason, value, valuelen, "successful login",
		    NULL, 0);
	return fmt_skip(reason, value, valuelen, "not a failed login",
	    NULL, 0);
}

static enum mnw_parse_result
sshd_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct span sp = { env->msg, env->msg + env->msglen };
	struct fmt_cur c = { env->msg, env->msg + env->msglen };
	int dropbear;

	(void)ctx;
	(void)line;
	(void)len;
	if (fmt_eq(env->tag, env->taglen, "dropbear"))
		dropbear = 1;
	else if (fmt_eq(env->tag, env->taglen, "sshd") ||
	    fmt_eq(env->tag, env->taglen, "sshd-session") ||
	    fmt_eq(env->tag, env->taglen, "sshd-auth"))
		dropbear = 0;
	else
		return MNW_PARSE_NO;

	/* Solaris puts "[ID 800047 auth.notice] " before the text. */
	if (fmt_eat(&c, "[ID ")) {
		const char *id;

		if (fmt_until(&c, ']', &id) > 0 && fmt_eat(&c, "] "))
			sp.start = c.p;
	}
	while (sp.end > sp.start && sp.end[-1] == ' ')
		sp.end--;
	return dropbear ? read_dropbear(sp, ev, reason, value, valuelen) :
	    read_sshd(sp, ev, reason, value, valuelen);
}

const struct mnw_format mnw_format_sshd = {
	.name = "sshd",
	.description = "OpenSSH sshd and Dropbear failed logins",
	.parse = sshd_parse,
	.free_state = NULL,
};
