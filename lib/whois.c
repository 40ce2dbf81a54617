/*
 * whois.c: the WHOIS answer parser and the RFC 5321 mailbox check.
 *
 * Registries respond to port-43 queries in a few shapes:
 *
 *  - RPSL (RIPE, APNIC, AFRINIC): objects of "key: value" lines
 *    separated by blank lines.  The registry resolves the abuse contact
 *    itself and prints it as "% Abuse contact for 'RANGE' is 'ADDR'";
 *    the objects carry abuse-c: handles, role or irt objects with
 *    abuse-mailbox:, and mnt-irt: references.
 *  - ARIN: "Key: value" blocks, OrgAbuseEmail and RAbuseEmail, nets in
 *    "# start" / "# end" sections from the least to the most specific,
 *    ReferralServer: for space handled elsewhere.
 *  - LACNIC and NIC.br: RPSL-like; abuse-c: names a nic-hdl: (or
 *    nic-hdl-br:) block whose e-mail: is the contact.
 *  - JPNIC ("a. [Network Number] VALUE"), KRNIC ("E-Mail   : VALUE"),
 *    RWhois ("network:Attribute:value", "%referral URL").
 *
 * The parser reads the answer twice, line by line: the first pass
 * collects the abuse-c: handles, because the object a handle names may
 * come before or after the reference; the second pass takes everything
 * else.  Both passes are linear, hold no copy of the text, and keep at
 * most fixed-size tables, so memory does not grow with the answer.
 *
 * Every value that would become a contact passes mnw_mailbox_valid()
 * and the placeholder rules in reject_reason(); a value that fails is
 * counted, never silently used.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mnw.h"
#include "whois.h"

/* ------------------------------------------------------------------ */
/* RFC 5321 mailbox.                                                  */
/* ------------------------------------------------------------------ */

/* atext of RFC 5322 section 3.2.3, which RFC 5321 Dot-string uses. */
static int
is_atext(unsigned char c)
{
	if (isascii(c) && isalnum(c))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int
is_letdig(unsigned char c)
{
	return isascii(c) && isalnum(c);
}

int
mnw_mailbox_valid(const char *s, size_t len)
{
	const char *at;
	size_t i, local, label = 0, nlabels = 1;
	int alldigit = 1;

	if (len == 0 || len > MNW_MAILBOX_MAX)
		return 0;
	at = memchr(s, '@', len);
	if (at == NULL)
		return 0;
	local = (size_t)(at - s);
	if (local == 0 || local > 64)
		return 0;

	/* Dot-string: atoms of atext joined by single dots. */
	if (s[0] == '.' || s[local - 1] == '.')
		return 0;
	for (i = 0; i < local; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
		} else if (!is_atext((unsigned char)s[i]))
			return 0;
	}

	/* Domain: LDH labels, none starting or ending with '-'. */
	for (i = local + 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			nlabels++;
			label = 0;
			alldigit = 1;
			continue;
		}
		if (c == '-') {
			if (label == 0)
				return 0;
		} else if (!is_letdig(c))
			return 0;
		if (!isdigit(c))
			alldigit = 0;
		if (++label > 63)
			return 0;
	}
	if (label == 0 || s[len - 1] == '-')
		return 0;
	if (len - local - 1 > 253)
		return 0;
	/* One label is a local host name, and digits alone are an
	 * address, not a domain: neither reaches an abuse desk. */
	if (nlabels < 2 || alldigit)
		return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Small helpers.                                                     */
/* ------------------------------------------------------------------ */

static int
eq(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len == n && strncasecmp(s, word, n) == 0;
}

static int
starts(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len >= n && strncasecmp(s, word, n) == 0;
}

/* Case-insensitive search for word in len bytes of s (NULs allowed). */
static const char *
find(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	if (n > len)
		return NULL;
	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, word, n) == 0)
			return s + i;
	return NULL;
}

/* The last occurrence, case-sensitive. */
static const char *
rfind(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	for (i = len; i >= n; i--)
		if (memcmp(s + i - n, word, n) == 0)
			return s + i - n;
	return NULL;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Copy a value without control bytes; cut at cap - 1 bytes, never in
 * the middle of a UTF-8 sequence.  Returns 0, or -1 if s has a C0
 * control byte (other than tab) or DEL, and then dst is left alone. */
static int
copy_text(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -1;
	}
	if (len > cap - 1) {
		len = cap - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	for (i = 0; i < len; i++)
		dst[i] = s[i] == '\t' ? ' ' : s[i];
	dst[len] = '\0';
	return 0;
}

/* Write up to 60 bytes of s as printable ASCII with \xHH escapes. */
static void
escape_short(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 5 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'')
			dst[o++] = (char)c;
		else
			o += (size_t)snprintf(dst + o, cap - o, "\\x%02x", c);
	}
	if (i < len && o + 4 < cap) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
}

/* ------------------------------------------------------------------ */
/* Contacts.                                                          */
/* ------------------------------------------------------------------ */

/*
 * Local parts that registries and their users write where no mailbox
 * is meant: RIPE's dummy objects carry unread@ripe.net, LACNIC's
 * removed@lacnic.net stands for a deleted contact, and the rest are
 * common "no reply" or "redacted" fillers.
 */
static const char *const placeholder_local[] = {
	"redacted", "redacted-for-privacy", "privacy", "withheld",
	"noreply", "no-reply", "donotreply", "do-not-reply", "do_not_reply",
	"nomail", "no-mail", "no-email", "noemail", "none", "null", "nobody",
	"unread", "removed", "placeholder", "dummy", "invalid", "unknown",
	"n-a", "na", "not-available", "notavailable",
};

/* Domain labels that mark a filler address, and the RFC 2606 top
 * labels that can never receive mail. */
static const char *const placeholder_label[] = {
	"redacted", "redacted-for-privacy", "privacy-protected",
};
static const char *const invalid_tld[] = { "invalid", "localhost", "local" };

static const char *
reject_reason(const char *s, size_t len)
{
	const char *at, *p, *end = s + len;
	size_t i;

	if (!mnw_mailbox_valid(s, len))
		return "invalid mailbox";
	at = memchr(s, '@', len);
	for (i = 0; i < sizeof(placeholder_local) / sizeof(*placeholder_local);
	    i++)
		if (eq(s, (size_t)(at - s), placeholder_local[i]))
			return "placeholder";
	/* A leading '-' is valid RFC 5321 but looks like an option to
	 * every program that might get it as an argument. */
	if (s[0] == '-')
		return "leading hyphen";
	for (p = at + 1; p < end;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t n = (size_t)((dot != NULL ? dot : end) - p);

		for (i = 0; i < sizeof(placeholder_label) /
		    sizeof(*placeholder_label); i++)
			if (eq(p, n, placeholder_label[i]))
				return "placeholder";
		if (dot == NULL) {
			for (i = 0; i < sizeof(invalid_tld) /
			    sizeof(*invalid_tld); i++)
				if (eq(p, n, invalid_tld[i]))
					return "placeholder";
			break;
		}
		p = dot + 1;
	}
	return NULL;
}

static int
rank_class(enum mnw_whois_rank r)
{
	return r == MNW_WHOIS_RANK_ARIN_ORG ? MNW_WHOIS_RANK_ARIN_R : (int)r;
}

/*
 * Order of contacts: by rank, except that ARIN contacts of a later
 * "# start" section (a more specific net) come before those of an
 * earlier one, whatever their rank.
 */
static int
contact_cmp(const struct mnw_whois_contact *a,
    const struct mnw_whois_contact *b)
{
	if (rank_class(a->rank) != rank_class(b->rank))
		return rank_class(a->rank) - rank_class(b->rank);
	if (a->section != b->section)
		return b->section - a->section;
	return (int)a->rank - (int)b->rank;
}

static void
note_rejected(struct mnw_whois_result *r, const char *s, size_t len,
    const char *why)
{
	if (r->nrejected++ == 0) {
		escape_short(r->rejected, sizeof(r->rejected), s,
		    len > 60 ? 60 : len);
		r->rejected_reason = why;
	}
}

/* Take a contact value: strip <...> and a trailing RPSL "# comment",
 * apply the checks, merge with an equal address already found. */
static void
add_contact(struct mnw_whois_result *r, const char *s, size_t len,
    const char *field, enum mnw_whois_rank rank, int section,
    int placeholder)
{
	struct mnw_whois_contact c, *slot = NULL;
	const char *hash, *why;
	int i;

	hash = memchr(s, '#', len);
	if (hash != NULL && hash > s && (hash[-1] == ' ' || hash[-1] == '\t'))
		len = (size_t)(hash - s);
	trim(&s, &len);
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		s++;
		len -= 2;
	}
	if (len == 0)
		return;
	why = placeholder ? "placeholder" : reject_reason(s, len);
	if (why != NULL) {
		note_rejected(r, s, len, why);
		return;
	}

	memset(&c, 0, sizeof(c));
	memcpy(c.mailbox, s, len);
	c.mailbox[len] = '\0';
	snprintf(c.field, sizeof(c.field), "%s", field);
	c.rank = rank;
	c.section = section;

	for (i = 0; i < r->ncontacts; i++)
		if (strcasecmp(r->contacts[i].mailbox, c.mailbox) == 0) {
			if (contact_cmp(&c, &r->contacts[i]) < 0)
				r->contacts[i] = c;
			return;
		}
	if (r->ncontacts < MNW_WHOIS_CONTACTS_MAX)
		slot = &r->contacts[r->ncontacts++];
	else {
		/* Full: the new one replaces the worst if it is better. */
		slot = &r->contacts[0];
		for (i = 1; i < r->ncontacts; i++)
			if (contact_cmp(&r->contacts[i], slot) > 0)
				slot = &r->contacts[i];
		if (contact_cmp(&c, slot) >= 0)
			return;
	}
	*slot = c;
}

/* Take every address-like word of a free-text line that mentions
 * abuse, as a fallback of rank REMARK. */
static void
add_remark_contacts(struct mnw_whois_result *r, const char *s, size_t len,
    const char *field, int section)
{
	const char *p = s, *end = s + len;

	if (find(s, len, "abuse") == NULL)
		return;
	while (p < end) {
		const char *w, *e;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		e = p;
		if (memchr(w, '@', (size_t)(e - w)) == NULL)
			continue;
		while (w < e && *w != '\0' && strchr("<([\"'*,;:", *w) != NULL)
			w++;
		while (e > w && e[-1] != '\0' &&
		    strchr(">)]\"'*,;:.", e[-1]) != NULL)
			e--;
		if (mnw_mailbox_valid(w, (size_t)(e - w)))
			add_contact(r, w, (size_t)(e - w), field,
			    MNW_WHOIS_RANK_REMARK, section, 0);
	}
}

/* ------------------------------------------------------------------ */
/* Referrals.                                                         */
/* ------------------------------------------------------------------ */

/* Parse into *ref, which the caller clears when this fails. */
static int
referral_parse(struct mnw_whois_referral *ref, const char *s, size_t len,
    enum mnw_whois_proto def)
{
	const char *colon, *slash;
	size_t hostlen, i;
	long long port;

	memset(ref, 0, sizeof(*ref));
	trim(&s, &len);
	ref->proto = def;
	if (starts(s, len, "whois://")) {
		ref->proto = MNW_WHOIS_PROTO_WHOIS;
		s += 8;
		len -= 8;
	} else if (starts(s, len, "rwhois://")) {
		ref->proto = MNW_WHOIS_PROTO_RWHOIS;
		s += 9;
		len -= 9;
	}
	slash = memchr(s, '/', len);
	if (slash != NULL)
		len = (size_t)(slash - s);
	colon = memchr(s, ':', len);
	hostlen = colon != NULL ? (size_t)(colon - s) : len;
	if (colon != NULL) {
		if (mnw_strntonum(colon + 1, len - hostlen - 1, 1, 65535,
		    &port) == -1)
			return -1;
		ref->port = (unsigned)port;
	} else
		ref->port = ref->proto == MNW_WHOIS_PROTO_RWHOIS ? 4321 : 43;

	/* Host name syntax: LDH labels, so that the name can go to
	 * getaddrinfo and into messages as it is. */
	if (hostlen == 0 || hostlen > MNW_WHOIS_HOST_MAX)
		return -1;
	for (i = 0; i < hostlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (i == 0 || s[i - 1] == '.' || i + 1 == hostlen)
				return -1;
		} else if (!is_letdig(c) && c != '-')
			return -1;
		ref->host[i] = (char)tolower(c);
	}
	ref->host[hostlen] = '\0';
	if (ref->proto == MNW_WHOIS_PROTO_NONE)
		ref->proto = MNW_WHOIS_PROTO_WHOIS;
	return 0;
}

int
mnw_whois_referral_parse(struct mnw_whois_referral *ref, const char *s,
    size_t len, enum mnw_whois_proto def)
{
	struct mnw_whois_referral tmp;

	if (referral_parse(&tmp, s, len, def) == -1) {
		memset(ref, 0, sizeof(*ref));
		return -1;
	}
	*ref = tmp;
	return 0;
}

/* The server of a registry named in ARIN's "NetType: Transferred to X"
 * or "Allocated to X", for answers that carry no ReferralServer. */
static const char *
registry_server(const char *s, size_t len)
{
	if (find(s, len, "RIPE") != NULL)
		return "whois.ripe.net";
	if (find(s, len, "LACNIC") != NULL)
		return "whois.lacnic.net";
	if (find(s, len, "AFRINIC") != NULL)
		return "whois.afrinic.net";
	if (find(s, len, "APNIC") != NULL)
		return "whois.apnic.net";
	return NULL;
}

/* National registries whose objects APNIC mirrors ("source: JPNIC"). */
static const char *
nir_server(const char *s, size_t len)
{
	if (eq(s, len, "JPNIC"))
		return "whois.nic.ad.jp";
	if (eq(s, len, "KRNIC"))
		return "whois.kisa.or.kr";
	if (eq(s, len, "TWNIC"))
		return "whois.twnic.net";
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Network ranges.                                                    */
/* ------------------------------------------------------------------ */

/* Parse an address; an IPv4 prefix may be abbreviated ("200.57.128"). */
static int
parse_net_addr(struct mnw_addr *a, const char *s, size_t len, int abbrev)
{
	char buf[MNW_ADDR_STRLEN + 8];
	size_t dots = 0, i;

	trim(&s, &len);
	if (len == 0 || len >= MNW_ADDR_STRLEN)
		return -1;
	if (mnw_addr_parse(a, s, len) == 0)
		return 0;
	if (!abbrev || memchr(s, ':', len) != NULL)
		return -1;
	for (i = 0; i < len; i++)
		dots += s[i] == '.';
	if (dots > 2)
		return -1;
	memcpy(buf, s, len);
	for (; dots < 3; dots++) {
		memcpy(buf + len, ".0", 2);
		len += 2;
	}
	return mnw_addr_parse(a, buf, len);
}

static void
set_host_bits(struct mnw_addr *a, unsigned bits)
{
	unsigned total = a->family == 4 ? 32 : 128, i;

	for (i = bits; i < total; i++)
		a->bytes[i / 8] |= (uint8_t)(0x80 >> (i % 8));
}

/*
 * Read "A - B", "A/LEN" or an abbreviated LACNIC "200.57.128/19"; text
 * after the range in parentheses (KRNIC's "(/12+/13)") is ignored.
 */
static int
parse_range(const char *s, size_t len, struct mnw_addr *first,
    struct mnw_addr *last)
{
	const char *dash, *slash, *paren;
	long long bits;

	paren = memchr(s, '(', len);
	if (paren != NULL)
		len = (size_t)(paren - s);
	trim(&s, &len);
	dash = find(s, len, " - ");
	if (dash != NULL) {
		if (parse_net_addr(first, s, (size_t)(dash - s), 0) == -1 ||
		    parse_net_addr(last, dash + 3,
		    len - (size_t)(dash - s) - 3, 0) == -1 ||
		    first->family != last->family ||
		    mnw_addr_cmp(first, last) > 0)
			return -1;
		return 0;
	}
	slash = memchr(s, '/', len);
	if (slash == NULL)
		return -1;
	if (parse_net_addr(first, s, (size_t)(slash - s), 1) == -1)
		return -1;
	if (mnw_strntonum(slash + 1, len - (size_t)(slash - s) - 1, 0,
	    first->family == 4 ? 32 : 128, &bits) == -1)
		return -1;
	mnw_addr_mask(first, (unsigned)bits);
	*last = *first;
	set_host_bits(last, (unsigned)bits);
	return 0;
}

/* 1 if [f1, l1] is narrower than [f2, l2] or as wide (later wins). */
static int
narrower_or_equal(const struct mnw_addr *f1, const struct mnw_addr *l1,
    const struct mnw_addr *f2, const struct mnw_addr *l2)
{
	uint8_t d1[16], d2[16];
	int i, borrow1 = 0, borrow2 = 0;

	if (f1->family != f2->family)
		return f1->family == 4 ? 0 : 1;
	for (i = 15; i >= 0; i--) {
		int v1 = l1->bytes[i] - f1->bytes[i] - borrow1;
		int v2 = l2->bytes[i] - f2->bytes[i] - borrow2;

		borrow1 = v1 < 0;
		borrow2 = v2 < 0;
		d1[i] = (uint8_t)(v1 + (borrow1 ? 256 : 0));
		d2[i] = (uint8_t)(v2 + (borrow2 ? 256 : 0));
	}
	return memcmp(d1, d2, 16) <= 0;
}

/* ------------------------------------------------------------------ */
/* The parser.                                                        */
/* ------------------------------------------------------------------ */

#define REFS_MAX 16		/* abuse-c handles remembered */
#define HANDLE_MAX 64
#define CANDS_MAX 4		/* mailboxes remembered per object */

enum netkind { NET_NONE, NET_RPSL, NET_ARIN, NET_OTHER };

/* A network object and the fields that describe it. */
struct netcand {
	enum netkind kind;
	int valid;		/* range parsed */
	int object;		/* object number where it started */
	char range[MNW_WHOIS_RANGE_MAX + 1];
	struct mnw_addr first, last;
	char country[3];
	char org[MNW_WHOIS_TEXT_MAX + 1];
	int org_weak;		/* org is only a descr: line */
	char netname[MNW_WHOIS_TEXT_MAX + 1];
};

struct cand {
	const char *s;
	size_t len;
	int abuse;		/* abuse-mailbox: rather than e-mail: */
};

struct parser {
	struct mnw_whois_result *r;

	/* abuse-c handles from the first pass */
	char refs[REFS_MAX][HANDLE_MAX + 1];
	int nrefs;

	/* the current object */
	int object;		/* counts objects, for netcand */
	int inobj;
	char kind[24];		/* first key, lower case */
	char handle[HANDLE_MAX + 1];
	int dummy;
	struct cand cands[CANDS_MAX];
	int ncands;

	int section;		/* ARIN "# start" count */
	unsigned long long delegated;	/* ARIN sections of transferred nets */
	int rwhois;
	int have_ref;
	const char *registry_ref;	/* from NetType, if no ReferralServer */
	const char *nir_ref;

	struct netcand cur, best;
};

static int
is_ref(const struct parser *p, const char *s, size_t len)
{
	int i;

	for (i = 0; i < p->nrefs; i++)
		if (eq(s, len, p->refs[i]))
			return 1;
	return 0;
}

static void
set_text(struct parser *p, char *dst, size_t cap, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (copy_text(dst, cap, s, len) == -1)
		p->r->nbadtext++;
}

static void
net_commit(struct parser *p)
{
	struct netcand *c = &p->cur;

	if (c->kind == NET_NONE)
		return;
	if (p->best.kind == NET_NONE ||
	    (c->valid && (!p->best.valid || narrower_or_equal(&c->first,
	    &c->last, &p->best.first, &p->best.last))))
		p->best = *c;
	memset(c, 0, sizeof(*c));
}

static void
net_start(struct parser *p, enum netkind kind, const char *s, size_t len)
{
	const char *lt, *gt;
	size_t i;

	net_commit(p);
	p->cur.kind = kind;
	p->cur.object = p->object;

	/* JPNIC's web gateway wraps the value in a link. */
	if (len > 0 && s[0] == '<' && (gt = memchr(s, '>', len)) != NULL) {
		len -= (size_t)(gt + 1 - s);
		s = gt + 1;
		if ((lt = memchr(s, '<', len)) != NULL)
			len = (size_t)(lt - s);
	}
	trim(&s, &len);
	if (len == 0 || len > MNW_WHOIS_RANGE_MAX)
		return;
	for (i = 0; i < len; i++)
		if (!isascii((unsigned char)s[i]) ||
		    (!isxdigit((unsigned char)s[i]) &&
		    strchr(".:/ -()+", s[i]) == NULL)) {
			p->r->nbadtext++;
			return;
		}
	memcpy(p->cur.range, s, len);
	p->cur.range[len] = '\0';
	p->cur.valid = parse_range(s, len, &p->cur.first, &p->cur.last) == 0;
}

/* Fields that describe the current network: RPSL ones only inside its
 * own object, ARIN ones (in the Org block after a blank line) until
 * the next network. */
static int
net_attached(const struct parser *p)
{
	if (p->cur.kind == NET_NONE)
		return 0;
	if (p->cur.kind == NET_ARIN)
		return 1;
	return p->cur.object == p->object;
}

static void
net_country(struct parser *p, const char *s, size_t len)
{
	if (!net_attached(p) || p->cur.country[0] != '\0')
		return;
	if (len != 2 || !isascii((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[0]) || !isascii((unsigned char)s[1]) ||
	    !isalpha((unsigned char)s[1]))
		return;
	p->cur.country[0] = (char)toupper((unsigned char)s[0]);
	p->cur.country[1] = (char)toupper((unsigned char)s[1]);
	p->cur.country[2] = '\0';
}

static void
net_org(struct parser *p, const char *s, size_t len, int weak)
{
	struct netcand *c = &p->cur;

	if (c->kind == NET_NONE || (weak && !net_attached(p)))
		return;
	if (c->org[0] != '\0' && (weak || !c->org_weak))
		return;
	set_text(p, c->org, sizeof(c->org), s, len);
	c->org_weak = weak;
}

static void
net_name(struct parser *p, const char *s, size_t len)
{
	if (net_attached(p) && p->cur.netname[0] == '\0')
		set_text(p, p->cur.netname, sizeof(p->cur.netname), s, len);
}

/* End of an RPSL object: decide what its mailboxes are. */
static void
object_end(struct parser *p)
{
	struct mnw_whois_result *r = p->r;
	int i, have_abuse = 0, referenced;

	if (!p->inobj)
		return;
	referenced = p->handle[0] != '\0' && is_ref(p, p->handle,
	    strlen(p->handle));
	for (i = 0; i < p->ncands; i++)
		have_abuse |= p->cands[i].abuse;
	for (i = 0; i < p->ncands; i++) {
		const struct cand *c = &p->cands[i];

		if (referenced && (c->abuse || !have_abuse))
			add_contact(r, c->s, c->len, c->abuse ?
			    "abuse-c/abuse-mailbox" : "abuse-c/e-mail",
			    MNW_WHOIS_RANK_ABUSE_C, 0, p->dummy);
		else if (c->abuse && strcmp(p->kind, "irt") == 0)
			add_contact(r, c->s, c->len, "irt/abuse-mailbox",
			    MNW_WHOIS_RANK_IRT, 0, p->dummy);
		else if (c->abuse)
			add_contact(r, c->s, c->len, "abuse-mailbox",
			    MNW_WHOIS_RANK_MAILBOX, 0, p->dummy);
	}
	p->inobj = 0;
	p->kind[0] = '\0';
	p->handle[0] = '\0';
	p->dummy = 0;
	p->ncands = 0;
	p->object++;
}

static void
set_handle(struct parser *p, const char *s, size_t len)
{
	if (len > 0 && len <= HANDLE_MAX && p->handle[0] == '\0') {
		memcpy(p->handle, s, len);
		p->handle[len] = '\0';
	}
}

static void
add_cand(struct parser *p, const char *s, size_t len, int abuse)
{
	if (p->ncands < CANDS_MAX) {
		p->cands[p->ncands].s = s;
		p->cands[p->ncands].len = len;
		p->cands[p->ncands].abuse = abuse;
		p->ncands++;
	} else
		note_rejected(p->r, s, len, "too many mailboxes in one object");
}

/* A comment line: "% ..." (RPSL, LACNIC, RWhois) or "# ..." (ARIN). */
static void
comment_line(struct parser *p, const char *s, size_t len)
{
	struct mnw_whois_result *r = p->r;
	const char *q, *e;

	if (starts(s, len, "% Abuse contact for ")) {
		/* "% Abuse contact for 'RANGE' is 'ADDR'": the last quoted
		 * text, so that a quote inside RANGE cannot shift it. */
		if (len >= 2 && s[len - 1] == '\'' &&
		    (q = rfind(s, len, "' is '")) != NULL) {
			q += 6;
			e = s + len - 1;
			if (e > q)
				add_contact(r, q, (size_t)(e - q),
				    "% Abuse contact", MNW_WHOIS_RANK_HEADER, 0,
				    0);
		}
		return;
	}
	if (starts(s, len, "% No abuse contact registered"))
		r->flags |= MNW_WHOIS_NO_ABUSE;
	else if (starts(s, len, "%rwhois "))
		p->rwhois = 1;
	else if (starts(s, len, "%referral ")) {
		if (!p->have_ref && mnw_whois_referral_parse(&r->referral,
		    s + 10, len - 10, MNW_WHOIS_PROTO_RWHOIS) == 0)
			p->have_ref = 1;
	} else if (eq(s, len, "# start")) {
		if (p->section < 63)
			p->section++;
	}

	/* Refusals as RIPE-software registries (RIPE, APNIC, AFRINIC)
	 * write them, and the rate-limit notices of ARIN and LACNIC. */
	if (starts(s, len, "%ERROR:201") || find(s, len, "access denied") ||
	    find(s, len, "rate limit exceeded") ||
	    find(s, len, "query limit exceeded") ||
	    find(s, len, "too many queries"))
		r->flags |= MNW_WHOIS_REFUSED;
	if (starts(s, len, "%ERROR:101") || find(s, len, "no entries found") ||
	    find(s, len, "No match found") || starts(s, len, "%error 230"))
		r->flags |= MNW_WHOIS_NOT_FOUND;
}

/* "network:Attribute:value" of an RWhois answer ("Attribute;I" for
 * an attribute that holds a handle). */
static void
rwhois_line(struct parser *p, const char *val, size_t vlen)
{
	const char *colon = memchr(val, ':', vlen), *semi, *attr = val;
	size_t alen;

	if (colon == NULL)
		return;
	alen = (size_t)(colon - val);
	semi = memchr(val, ';', alen);
	if (semi != NULL)
		alen = (size_t)(semi - val);
	vlen -= (size_t)(colon + 1 - val);
	val = colon + 1;
	trim(&val, &vlen);
	if (eq(attr, alen, "IP-Network"))
		net_start(p, NET_OTHER, val, vlen);
	else if (eq(attr, alen, "Org-Name"))
		net_org(p, val, vlen, 0);
	else if (eq(attr, alen, "Network-Name"))
		net_name(p, val, vlen);
	else if (find(attr, alen, "abuse") != NULL &&
	    find(attr, alen, "mail") != NULL)
		add_contact(p->r, val, vlen, "rwhois Abuse-Email",
		    MNW_WHOIS_RANK_RWHOIS, 0, 0);
}

/* An attribute line of the second pass. */
static void
attr_line(struct parser *p, const char *key, size_t klen, int spaced,
    const char *val, size_t vlen)
{
	struct mnw_whois_result *r = p->r;

	if (!p->inobj) {
		p->inobj = 1;
		if (klen < sizeof(p->kind)) {
			size_t i;

			for (i = 0; i < klen; i++)
				p->kind[i] = (char)tolower((unsigned char)key[i]);
			p->kind[klen] = '\0';
		}
		if ((eq(key, klen, "person") || eq(key, klen, "role")) &&
		    (find(val, vlen, "dummy") || find(val, vlen, "placeholder")))
			p->dummy = 1;
		if (eq(key, klen, "irt"))
			set_handle(p, val, vlen);
	}

	if (spaced) {
		/* KRNIC: "IPv4 Address : A - B (/12)", "E-Mail : ADDR". */
		if (eq(key, klen, "IPv4 Address") || eq(key, klen, "IPv6 Address"))
			net_start(p, NET_OTHER, val, vlen);
		else if (eq(key, klen, "Organization Name"))
			net_org(p, val, vlen, 0);
		else if (eq(key, klen, "Service Name"))
			net_name(p, val, vlen);
		else if (eq(key, klen, "E-Mail"))
			add_contact(r, val, vlen, "E-Mail",
			    MNW_WHOIS_RANK_NIR, 0, 0);
		return;
	}
	if (p->rwhois && eq(key, klen, "network")) {
		rwhois_line(p, val, vlen);
		return;
	}

	/* Networks and what describes them. */
	if (eq(key, klen, "inetnum") || eq(key, klen, "inet6num"))
		net_start(p, NET_RPSL, val, vlen);
	else if (eq(key, klen, "NetRange"))
		net_start(p, NET_ARIN, val, vlen);
	else if (eq(key, klen, "CIDR")) {
		/* "CIDR: A/N, B/M": only when no NetRange came first. */
		if (p->cur.kind != NET_ARIN || p->cur.range[0] == '\0') {
			const char *comma = memchr(val, ',', vlen);

			net_start(p, NET_ARIN, val, comma != NULL ?
			    (size_t)(comma - val) : vlen);
		}
	} else if (eq(key, klen, "country"))
		net_country(p, val, vlen);
	else if (eq(key, klen, "netname") || eq(key, klen, "NetName"))
		net_name(p, val, vlen);
	else if (eq(key, klen, "OrgName") || eq(key, klen, "org-name") ||
	    eq(key, klen, "owner"))
		net_org(p, val, vlen, 0);
	else if (eq(key, klen, "descr") || eq(key, klen, "Organization"))
		net_org(p, val, vlen, 1);

	/* Handles, references, mailboxes. */
	else if (eq(key, klen, "nic-hdl") || eq(key, klen, "nic-hdl-br"))
		set_handle(p, val, vlen);
	else if (eq(key, klen, "abuse-mailbox"))
		add_cand(p, val, vlen, 1);
	else if (eq(key, klen, "e-mail"))
		add_cand(p, val, vlen, 0);
	else if (eq(key, klen, "OrgAbuseEmail"))
		add_contact(r, val, vlen, "OrgAbuseEmail",
		    MNW_WHOIS_RANK_ARIN_ORG, p->section, 0);
	else if (eq(key, klen, "RAbuseEmail"))
		add_contact(r, val, vlen, "RAbuseEmail",
		    MNW_WHOIS_RANK_ARIN_R, p->section, 0);
	else if (eq(key, klen, "remarks") || eq(key, klen, "Comment"))
		add_remark_contacts(r, val, vlen, eq(key, klen, "remarks") ?
		    "remarks" : "Comment", p->section);

	/* Where to ask next. */
	else if (eq(key, klen, "ReferralServer") || eq(key, klen, "refer")) {
		if (!p->have_ref && mnw_whois_referral_parse(&r->referral,
		    val, vlen, MNW_WHOIS_PROTO_WHOIS) == 0)
			p->have_ref = 1;
	} else if (eq(key, klen, "NetType")) {
		if (starts(val, vlen, "Transferred to") ||
		    starts(val, vlen, "Allocated to")) {
			p->delegated |= 1ULL << p->section;
			r->flags |= MNW_WHOIS_DELEGATED;
			if (p->registry_ref == NULL)
				p->registry_ref = registry_server(val, vlen);
		}
	} else if (eq(key, klen, "source")) {
		const char *sp = memchr(val, ' ', vlen);
		size_t n = sp != NULL ? (size_t)(sp - val) : vlen;

		if (nir_server(val, n) != NULL && net_attached(p)) {
			r->flags |= MNW_WHOIS_NIR;
			p->nir_ref = nir_server(val, n);
		}
	}

	/* Blocks that a registry keeps only as a placeholder for space
	 * that another registry manages. */
	if ((eq(key, klen, "netname") || eq(key, klen, "NetName")) &&
	    (starts(val, vlen, "NON-RIPE-NCC-MANAGED") ||
	    starts(val, vlen, "IANA-BLK") || starts(val, vlen, "IANA-NETBLOCK") ||
	    starts(val, vlen, "ERX-NETBLOCK") ||
	    starts(val, vlen, "NON-AFRINIC") ||
	    starts(val, vlen, "NOT-APNIC")))
		r->flags |= MNW_WHOIS_NOT_MANAGED;
}

/* JPNIC: "a. [Network Number]   VALUE". */
static void
bracket_line(struct parser *p, const char *s, size_t len)
{
	const char *close = memchr(s, ']', len), *val;
	size_t klen, vlen;

	if (close == NULL)
		return;
	klen = (size_t)(close - s - 1);
	val = close + 1;
	vlen = len - (size_t)(val - s);
	trim(&val, &vlen);
	if (eq(s + 1, klen, "Network Number"))
		net_start(p, NET_OTHER, val, vlen);
	else if (eq(s + 1, klen, "Network Name"))
		net_name(p, val, vlen);
	else if (eq(s + 1, klen, "Organization"))
		net_org(p, val, vlen, 0);
	else if (find(s + 1, klen, "abuse") != NULL)
		/* NOTE: no JPNIC answer with an abuse field was available;
		 * any bracketed key that names abuse is taken. */
		add_contact(p->r, val, vlen, "JPNIC abuse",
		    MNW_WHOIS_RANK_NIR, 0, 0);
}

/*
 * Split "key: value".  A key is letters, digits, '-', '_' and inner
 * spaces; *spaced is set when spaces come before the colon (KRNIC).
 * Returns -1 if the line has no such key.
 */
static int
split_attr(const char *s, size_t len, const char **key, size_t *klen,
    int *spaced, const char **val, size_t *vlen)
{
	const char *colon = memchr(s, ':', len > 64 ? 64 : len);
	size_t i, n;

	if (colon == NULL || colon == s)
		return -1;
	n = (size_t)(colon - s);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!is_letdig(c) && c != '-' && c != '_' && c != ' ')
			return -1;
	}
	*spaced = s[n - 1] == ' ';
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return -1;
	*key = s;
	*klen = n;
	*val = colon + 1;
	*vlen = len - (size_t)(colon + 1 - s);
	trim(val, vlen);
	return 0;
}

/* Iterate over lines; a truncated answer loses its last partial line,
 * so that a cut address is never read as a whole one. */
struct lines {
	const char *p, *end;
};

static int
next_line(struct lines *it, const char **line, size_t *len, int *toolong)
{
	const char *nl;

	if (it->p >= it->end)
		return 0;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*line = it->p;
	*len = (size_t)((nl != NULL ? nl : it->end) - it->p);
	it->p = nl != NULL ? nl + 1 : it->end;
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	*toolong = *len > MNW_WHOIS_LINE_MAX;
	return 1;
}

static int
is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* First pass: the handles that abuse-c: names. */
static void
collect_refs(struct parser *p, const char *text, size_t n)
{
	struct lines it = { text, text + n };
	const char *line, *key, *val;
	size_t len, klen, vlen;
	int toolong, spaced;

	while (next_line(&it, &line, &len, &toolong)) {
		if (toolong || !starts(line, len, "abuse-c:"))
			continue;
		if (split_attr(line, len, &key, &klen, &spaced, &val,
		    &vlen) == -1 || vlen == 0 || vlen > HANDLE_MAX ||
		    is_ref(p, val, vlen) || p->nrefs == REFS_MAX)
			continue;
		memcpy(p->refs[p->nrefs], val, vlen);
		p->refs[p->nrefs][vlen] = '\0';
		p->nrefs++;
	}
}

static void
finish(struct parser *p)
{
	struct mnw_whois_result *r = p->r;
	int i, j;

	object_end(p);
	net_commit(p);
	if (p->best.kind != NET_NONE) {
		memcpy(r->range, p->best.range, sizeof(r->range));
		if (p->best.valid) {
			r->first = p->best.first;
			r->last = p->best.last;
		}
		memcpy(r->country, p->best.country, sizeof(r->country));
		memcpy(r->org, p->best.org, sizeof(r->org));
		memcpy(r->netname, p->best.netname, sizeof(r->netname));
	}

	/* A net that ARIN transferred to another registry names that
	 * registry's own desk (abuse@lacnic.net): a notice, not the
	 * contact for the address. */
	for (i = j = 0; i < r->ncontacts; i++) {
		const struct mnw_whois_contact *c = &r->contacts[i];

		if ((p->delegated >> c->section & 1) &&
		    (c->rank == MNW_WHOIS_RANK_ARIN_R ||
		    c->rank == MNW_WHOIS_RANK_ARIN_ORG ||
		    c->rank == MNW_WHOIS_RANK_REMARK))
			continue;
		r->contacts[j++] = *c;
	}
	r->ncontacts = j;

	/* Insertion sort: at most MNW_WHOIS_CONTACTS_MAX entries. */
	for (i = 1; i < r->ncontacts; i++) {
		struct mnw_whois_contact c = r->contacts[i];

		for (j = i; j > 0 && contact_cmp(&c, &r->contacts[j - 1]) < 0;
		    j--)
			r->contacts[j] = r->contacts[j - 1];
		r->contacts[j] = c;
	}

	if (!p->have_ref && p->registry_ref != NULL)
		mnw_whois_referral_parse(&r->referral, p->registry_ref,
		    strlen(p->registry_ref), MNW_WHOIS_PROTO_WHOIS);
	else if (!p->have_ref && p->nir_ref != NULL &&
	    mnw_whois_best(r) == NULL)
		mnw_whois_referral_parse(&r->referral, p->nir_ref,
		    strlen(p->nir_ref), MNW_WHOIS_PROTO_WHOIS);
}

int
mnw_whois_parse(const char *text, size_t len, struct mnw_whois_result *out)
{
	static struct parser zero;
	struct parser p = zero;
	struct lines it;
	const char *line, *key, *val;
	size_t n = len, llen, klen, vlen;
	int toolong, spaced, i, count = 0;

	memset(out, 0, sizeof(*out));
	p.r = out;
	if (n > MNW_WHOIS_ANSWER_MAX) {
		out->flags |= MNW_WHOIS_TRUNCATED;
		n = MNW_WHOIS_ANSWER_MAX;
		while (n > 0 && text[n - 1] != '\n')
			n--;
	}
	out->parsed = n;

	collect_refs(&p, text, n);

	it.p = text;
	it.end = text + n;
	while (next_line(&it, &line, &llen, &toolong)) {
		out->nlines++;
		if (toolong) {
			out->nlong++;
			continue;
		}
		if (is_blank(line, llen)) {
			object_end(&p);
			continue;
		}
		if (line[0] == '%' || line[0] == '#') {
			object_end(&p);
			comment_line(&p, line, llen);
			continue;
		}
		/* A continuation line ("   more text", "+"), or HTML. */
		if (line[0] == ' ' || line[0] == '\t' || line[0] == '+' ||
		    line[0] == '<')
			continue;
		if (line[0] == '[' || (llen > 3 && line[1] == '.' &&
		    line[2] == ' ' && line[3] == '[')) {
			bracket_line(&p, line[0] == '[' ? line : line + 3,
			    line[0] == '[' ? llen : llen - 3);
			continue;
		}
		if (starts(line, llen, "No match found"))
			out->flags |= MNW_WHOIS_NOT_FOUND;
		if (split_attr(line, llen, &key, &klen, &spaced, &val,
		    &vlen) == 0)
			attr_line(&p, key, klen, spaced, val, vlen);
	}
	finish(&p);

	for (i = 0; i < out->ncontacts; i++)
		if (out->contacts[i].rank != MNW_WHOIS_RANK_REMARK)
			count++;
	return count;
}

const struct mnw_whois_contact *
mnw_whois_best(const struct mnw_whois_result *r)
{
	if (r->ncontacts > 0 && r->contacts[0].rank != MNW_WHOIS_RANK_REMARK)
		return &r->contacts[0];
	return NULL;
}
