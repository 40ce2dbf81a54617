/*
 * fmt_netfilter.c: Linux netfilter packet logs (iptables, ip6tables and
 * nftables "log", ufw, UniFi, ulogd's syslog emulation) and the
 * Proxmox VE firewall log (/var/log/pve-firewall.log).
 *
 * The kernel's log writer puts the rule's log prefix first and then a
 * fixed sequence of keys:
 *
 *   PREFIX"IN=if OUT=if [PHYSIN=if] [PHYSOUT=if] [MAC=...] SRC=a DST=a
 *   LEN=n ... PROTO=p [SPT=n DPT=n ... flags ... URGP=n | TYPE=n CODE=n
 *   [ [SRC=... inner packet ...] ]] ..."
 *
 * The prefix is operator text (up to 127 bytes with nftables) and may
 * contain anything, even "IN= OUT= SRC=9.9.9.9 ".  So the key sequence
 * is found from behind.  After the real " OUT=" the kernel writes only
 * interface names, numbers and fixed keywords, and none of them
 * contains " OUT=".  The last " OUT=" in the message is therefore the
 * real one, and the "IN=" in the word before it starts the keys.  From
 * there the keys are read in the kernel's order up to the first
 * packet's ports or ICMP type and code.  Neither the prefix nor the
 * packet quoted inside an ICMP error can supply an address.
 *
 * A record key (IN=, OUT=, SRC=, DST=, PROTO=, SPT=, DPT=) that starts
 * a word anywhere else, in the prefix or after the fields read, outside
 * the brackets of an ICMP error's quoted packet, rejects the line as
 * "repeated key".  That is what two records joined on one line look
 * like (a syslog relay that lost a newline), and a prefix that imitates
 * the keys gets the same treatment: such a line cannot be trusted to
 * describe one packet.
 *
 * Trust rule: only the kernel writes this text, so a line is taken only
 * when its syslog tag is "kernel" or when it has no tag at all (the
 * ring buffer, UniFi gateways and ulogd write none).  Any other program
 * that logs "IN= OUT= SRC=..." (an sshd message with a crafted user
 * name) is left to other formats and ends up rejected as unknown.
 *
 * Proxmox's pvefw-logger writes the same keys from NFLOG data in its
 * own line layout ("VMID LEVEL CHAIN dd/Mon/yyyy:hh:mm:ss +zzzz PREFIX
 * [IN=if] [OUT=if] ... SRC=a ..."), where IN= and OUT= are left out
 * when empty and no inner packets are printed; there the last "SRC=" is
 * the real one, and the same check for repeated keys applies.
 *
 * Everything is one forward pass plus one backward search for the
 * anchor, with no allocation, regular expression or sscanf.
 */
#include <stdint.h>
#include <string.h>

#include "parse.h"

/* Maximum length of a chain name in pvefw-logger lines (its
 * MAX_CHAIN_LEN). */
#define PVE_CHAIN_MAX 28

struct cursor {
	const char *p;
	const char *end;
};

/* The reason for a reject or skip, and the offending value. */
struct verdict {
	const char *reason;
	const char *value;
	size_t valuelen;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_SCAN 1
#endif
/* SSE2 is part of every x86-64 CPU. */
#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define VECTOR_SCAN 1
#endif

/* The high bit of every zero byte of w, and possibly of a 0x01 byte
 * above a zero byte (the borrow of the subtraction reaches it). */
#define ZERO_BYTES(w) \
	(((w) - 0x0101010101010101ULL) & ~(w) & 0x8080808080808080ULL)

/*
 * The end of the word at p: the first space in [p, end), or end.  With
 * a little-endian GCC or Clang it tests 8 bytes a step, the zero-byte
 * test on the word XOR "        ", whose lowest set bit marks the first
 * space exactly.  That costs one step for most tokens and far fewer
 * than a byte loop for a MAC= value; elsewhere a byte loop does it.
 */
static inline const char *
word_end(const char *p, const char *end)
{
#ifdef WORD_SCAN
	while (end - p >= 8) {
		uint64_t w, m;

		memcpy(&w, p, 8);
		m = ZERO_BYTES(w ^ 0x2020202020202020ULL);
		if (m != 0)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
#endif
	while (p < end && *p != ' ')
		p++;
	return p;
}

/*
 * Next space-separated token, or 0 at the end of the text.  This runs
 * for every word of every line, so the cursor is kept in locals (the
 * bytes read could alias c, so each step would store it).
 */
static int
next_token(struct cursor *c, const char **tok, size_t *len)
{
	const char *p = c->p, *end = c->end, *s;

	while (p < end && *p == ' ')
		p++;
	if (p >= end) {
		c->p = p;
		return 0;
	}
	s = p;
	p = word_end(p, end);
	c->p = p;
	*tok = s;
	*len = (size_t)(p - s);
	return 1;
}

/*
 * 1 if the token starts with key.  Keys are a few bytes long, so a
 * byte loop that the compiler unrolls for a constant key costs less
 * than a call to memcmp; the first byte rules out most tokens.
 */
static inline int
has_key(const char *tok, size_t len, const char *key, size_t keylen)
{
	size_t i;

	if (len < keylen || tok[0] != key[0])
		return 0;
	for (i = 1; i < keylen; i++)
		if (tok[i] != key[i])
			return 0;
	return 1;
}

#define HAS_KEY(tok, len, key) has_key(tok, len, key, sizeof(key) - 1)
#define IS_WORD(tok, len, w) \
	((len) == sizeof(w) - 1 && has_key(tok, len, w, sizeof(w) - 1))

/*
 * The keys that the kernel writes once per record outside an ICMP
 * error's quoted packet.  If the word at tok starts with one, return
 * its length without the '=' (so that tok is the key's name), else 0.
 * The first byte rules out most words without a comparison.
 */
static inline size_t
record_key(const char *tok, size_t len)
{
	switch (tok[0]) {
	case 'S':
		if (HAS_KEY(tok, len, "SRC=") || HAS_KEY(tok, len, "SPT="))
			return 3;
		break;
	case 'D':
		if (HAS_KEY(tok, len, "DST=") || HAS_KEY(tok, len, "DPT="))
			return 3;
		break;
	case 'P':
		if (HAS_KEY(tok, len, "PROTO="))
			return 5;
		break;
	case 'I':
		if (HAS_KEY(tok, len, "IN="))
			return 2;
		break;
	case 'O':
		if (HAS_KEY(tok, len, "OUT="))
			return 3;
		break;
	}
	return 0;
}

/*
 * Parse a dotted quad exactly as mnw_addr_parse() does (1 to 3 digits a
 * part, at most 255, no leading zero), the kernel's IPv4 text.  Every
 * line has two addresses, so the common case gets this short loop.
 * Any other text, IPv6 or invalid, returns -1 and goes to
 * mnw_addr_parse(), which decides.
 */
static inline int
ipv4_parse(struct mnw_addr *a, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	uint8_t b[4];
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v;

		if (part > 0) {
			if (p >= end || *p != '.')
				return -1;
			p++;
		}
		if (p >= end || !is_digit(*p))
			return -1;
		v = (unsigned)(*p++ - '0');
		if (p < end && is_digit(*p)) {
			if (v == 0)
				return -1;
			v = v * 10 + (unsigned)(*p++ - '0');
			if (p < end && is_digit(*p)) {
				v = v * 10 + (unsigned)(*p++ - '0');
				if (v > 255 || (p < end && is_digit(*p)))
					return -1;
			}
		}
		b[part] = (uint8_t)v;
	}
	if (p != end)
		return -1;
	memset(a, 0, sizeof(*a));
	a->family = 4;
	memcpy(a->bytes, b, 4);
	return 0;
}

static int
addr_parse(struct mnw_addr *a, const char *s, size_t len)
{
	if (ipv4_parse(a, s, len) == 0)
		return 0;
	return mnw_addr_parse(a, s, len);
}

/* Decimal digits only, at most max.  Returns the value or -1. */
static long
parse_number(const char *s, size_t len, long max)
{
	long v = 0;
	size_t i;

	if (len == 0 || len > 10)
		return -1;
	for (i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

static enum mnw_parse_result
reject(struct verdict *vd, const char *reason, const char *value,
    size_t valuelen)
{
	vd->reason = reason;
	vd->value = value;
	vd->valuelen = valuelen;
	return MNW_PARSE_REJECT;
}

/* Reject for a record key seen twice; tok is the second one. */
static enum mnw_parse_result
reject_repeated(struct verdict *vd, const char *tok, size_t keylen)
{
	return reject(vd, "repeated key", tok, keylen);
}

/*
 * Check the text before the real "IN=" (the log prefix) for words that
 * start with a record key.  The kernel writes none there, but two
 * records joined on one line (a lost newline between two syslog
 * messages) leave the first record's keys in front of the second.
 * Such a line is rejected, because it cannot be distinguished from one
 * record whose fields come from two packets.  A packet key (SRC=,
 * DST=, ...) is named in preference to IN= or OUT=.
 */
static enum mnw_parse_result
check_prefix(const char *s, const char *end, struct verdict *vd)
{
	const char *iface = NULL, *p;
	size_t ifacelen = 0, n;

	for (p = s; p < end; p++) {
		if (p > s && p[-1] != ' ')
			continue;
		if ((n = record_key(p, (size_t)(end - p))) == 0)
			continue;
		if (*p != 'I' && *p != 'O')
			return reject_repeated(vd, p, n);
		if (iface == NULL) {
			iface = p;
			ifacelen = n;
		}
	}
	if (iface != NULL)
		return reject_repeated(vd, iface, ifacelen);
	return MNW_PARSE_EVENT;
}

/*
 * Check what follows the fields that were read: the rest of the record,
 * where a record key may only appear inside the brackets of an ICMP
 * error's quoted packet ("[SRC=... DST=... ]", possibly nested).  A key
 * outside them is the start of a second record joined to this one.
 */
static enum mnw_parse_result
check_tail(struct cursor *c, struct verdict *vd)
{
	const char *tok;
	size_t len, n, i;
	int depth = 0;

	while (next_token(c, &tok, &len)) {
		if (depth == 0 && tok[0] != '[' &&
		    (n = record_key(tok, len)) > 0)
			return reject_repeated(vd, tok, n);
		for (i = 0; i < len; i++) {
			if (tok[i] == '[')
				depth++;
			else if (tok[i] == ']' && depth > 0)
				depth--;
		}
	}
	return MNW_PARSE_EVENT;
}

static enum mnw_parse_result
skip(struct verdict *vd, const char *reason)
{
	vd->reason = reason;
	vd->value = NULL;
	vd->valuelen = 0;
	return MNW_PARSE_SKIP;
}

/* ------------------------------------------------------------------ */
/* The action, from the operator's log prefix.                         */
/* ------------------------------------------------------------------ */

#define ACTION_WORD(w, a) { w, sizeof(w) - 1, a }

static const struct {
	const char *word;
	size_t len;
	enum mnw_action action;
} action_words[] = {
	ACTION_WORD("drop", MNW_ACTION_DROP),
	ACTION_WORD("dropped", MNW_ACTION_DROP),
	ACTION_WORD("deny", MNW_ACTION_DROP),
	ACTION_WORD("denied", MNW_ACTION_DROP),
	ACTION_WORD("block", MNW_ACTION_DROP),
	ACTION_WORD("blocked", MNW_ACTION_DROP),
	ACTION_WORD("reject", MNW_ACTION_REJECT),
	ACTION_WORD("rejected", MNW_ACTION_REJECT),
	ACTION_WORD("accept", MNW_ACTION_ACCEPT),
	ACTION_WORD("accepted", MNW_ACTION_ACCEPT),
	ACTION_WORD("allow", MNW_ACTION_ACCEPT),
	ACTION_WORD("allowed", MNW_ACTION_ACCEPT),
	ACTION_WORD("permit", MNW_ACTION_ACCEPT),
	ACTION_WORD("permitted", MNW_ACTION_ACCEPT),
};

/* The maximum length of a word that names an action ("logpermitted"). */
#define ACTION_WORD_MAX 12

/* The action named by a lower-case word of n bytes, or unknown. */
static enum mnw_action
action_from_lower(const char *w, size_t n)
{
	size_t i;

	/* Every action word starts with one of these letters. */
	if (w[0] != 'a' && w[0] != 'b' && w[0] != 'd' && w[0] != 'l' &&
	    w[0] != 'p' && w[0] != 'r')
		return MNW_ACTION_UNKNOWN;

	/* "LOGDROP" and "logaccept" are common names for log-then-act
	 * chains in iptables scripts. */
	if (n > 3 && w[0] == 'l' && w[1] == 'o' && w[2] == 'g') {
		enum mnw_action a = action_from_lower(w + 3, n - 3);

		if (a != MNW_ACTION_UNKNOWN)
			return a;
	}
	for (i = 0; i < sizeof(action_words) / sizeof(action_words[0]); i++)
		if (action_words[i].len == n &&
		    has_key(w, n, action_words[i].word, n))
			return action_words[i].action;
	return MNW_ACTION_UNKNOWN;
}

/* The action named by a word (any case) of at most ACTION_WORD_MAX
 * bytes, or unknown. */
static enum mnw_action
action_from_word(const char *w, size_t n)
{
	char lower[ACTION_WORD_MAX];
	size_t i;

	if (n == 0 || n > ACTION_WORD_MAX)
		return MNW_ACTION_UNKNOWN;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)w[i];

		lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	return action_from_lower(lower, n);
}

/*
 * UniFi gateways start the prefix with "[RULESET-RULE-X]" where X is A
 * (accept), D (drop) or R (reject), e.g. "[WAN_LOCAL-D-2147483647]" or
 * "[LAN_LOCAL-default-A]".  The letter is the rule's real action, so it
 * wins over words in a description that follows.
 */
static enum mnw_action
action_unifi(const char *s, const char *end)
{
	const char *close, *part;
	enum mnw_action a = MNW_ACTION_UNKNOWN;

	if (s >= end || *s != '[')
		return MNW_ACTION_UNKNOWN;
	s++;
	close = memchr(s, ']', (size_t)(end - s));
	if (close == NULL || memchr(s, '-', (size_t)(close - s)) == NULL)
		return MNW_ACTION_UNKNOWN;
	for (part = s; part <= close; part++) {
		const char *q = part;

		while (q < close && *q != '-')
			q++;
		if (q - part == 1) {
			if (*part == 'A')
				a = MNW_ACTION_ACCEPT;
			else if (*part == 'D')
				a = MNW_ACTION_DROP;
			else if (*part == 'R')
				a = MNW_ACTION_REJECT;
		}
		part = q;
	}
	return a;
}

/*
 * Derive the action from the prefix: the UniFi rule letter, else the
 * first word (a run of letters and digits) that names an action:
 * "[UFW BLOCK]", "DROP(src wan)", "FINAL_REJECT: ", "policy DROP: ",
 * "Shorewall:net2fw:DROP:".  "[UFW AUDIT]" and prefixes without such a
 * word stay unknown.
 */
static enum mnw_action
action_from_prefix(const char *s, const char *end)
{
	enum mnw_action a;

	while (s < end && *s == ' ')
		s++;
	if ((a = action_unifi(s, end)) != MNW_ACTION_UNKNOWN)
		return a;
	while (s < end) {
		const char *w;

		while (s < end && !is_alnum((unsigned char)*s))
			s++;
		w = s;
		while (s < end && is_alnum((unsigned char)*s))
			s++;
		if (s > w && (size_t)(s - w) <= ACTION_WORD_MAX &&
		    (a = action_from_word(w, (size_t)(s - w))) !=
		    MNW_ACTION_UNKNOWN)
			return a;
	}
	return MNW_ACTION_UNKNOWN;
}

/* ------------------------------------------------------------------ */
/* The packet: from SRC= to the ports or the ICMP type and code.       */
/* ------------------------------------------------------------------ */

/* One "KEY=number" token that must come next. */
static int
expect_number(struct cursor *c, const char *key, size_t keylen, long max,
    long *out, const char **tok, size_t *toklen)
{
	*tok = NULL;
	*toklen = 0;
	if (!next_token(c, tok, toklen) || !has_key(*tok, *toklen, key, keylen))
		return -1;
	*out = parse_number(*tok + keylen, *toklen - keylen, max);
	return *out < 0 ? -2 : 0;
}

/* TCP flags between DPT= and URGP= (kernel) or the end (Proxmox). */
static void
parse_tcp_flags(struct cursor *c, struct mnw_event *ev)
{
	static const struct {
		const char *name;
		int bit;
	} flags[] = {
		{ "CWR", MNW_TCP_CWR }, { "ECE", MNW_TCP_ECE },
		{ "URG", MNW_TCP_URG }, { "ACK", MNW_TCP_ACK },
		{ "PSH", MNW_TCP_PSH }, { "RST", MNW_TCP_RST },
		{ "SYN", MNW_TCP_SYN }, { "FIN", MNW_TCP_FIN },
	};
	const char *tok;
	size_t len, i;
	int bits = 0, known = 0;

	for (;;) {
		struct cursor before = *c;

		if (!next_token(c, &tok, &len))
			break;
		if (HAS_KEY(tok, len, "URGP=") || HAS_KEY(tok, len, "OPT") ||
		    HAS_KEY(tok, len, "UID=") || HAS_KEY(tok, len, "MARK=") ||
		    HAS_KEY(tok, len, "mark="))
			break;
		/* The start of a joined record: left for check_tail(). */
		if (record_key(tok, len) > 0) {
			*c = before;
			break;
		}
		if (HAS_KEY(tok, len, "WINDOW=")) {
			known = 1;
			continue;
		}
		if (len != 3)
			continue;
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			if (has_key(tok, len, flags[i].name, 3))
				bits |= flags[i].bit;
	}
	ev->tcpflags = known ? bits : -1;
}

/*
 * Read "SRC=a DST=a ... PROTO=p ..." from c, which starts at "SRC=".
 */
static enum mnw_parse_result
parse_packet(struct cursor *c, struct mnw_event *ev, struct verdict *vd)
{
	const char *tok;
	size_t len, n;
	long v;
	int fragment = 0, r;

	if (!next_token(c, &tok, &len) || !HAS_KEY(tok, len, "SRC="))
		return reject(vd, "missing source address", NULL, 0);
	if (addr_parse(&ev->src, tok + 4, len - 4) == -1)
		return reject(vd, "invalid source address", tok + 4, len - 4);
	if (!next_token(c, &tok, &len) || !HAS_KEY(tok, len, "DST="))
		return reject(vd, "missing target address", NULL, 0);
	if (addr_parse(&ev->dst, tok + 4, len - 4) == -1)
		return reject(vd, "invalid target address", tok + 4,
		    len - 4);
	if (ev->src.family != ev->dst.family)
		return reject(vd, "source and target address families "
		    "differ", tok + 4, len - 4);

	/* IP header fields up to PROTO=: LEN TOS PREC TTL ID CE DF MF
	 * FRAG OPT for IPv4, LEN TC HOPLIMIT FLOWLBL and extension
	 * headers for IPv6.  Only a fragment offset matters here. */
	for (;;) {
		if (!next_token(c, &tok, &len))
			return reject(vd, "missing protocol", NULL, 0);
		if (HAS_KEY(tok, len, "PROTO="))
			break;
		if ((n = record_key(tok, len)) > 0)
			return reject_repeated(vd, tok, n);
		if (tok[0] == '[')
			return reject(vd, "unexpected field before protocol",
			    tok, len);
		if ((HAS_KEY(tok, len, "FRAG:") || HAS_KEY(tok, len, "FRAG=")) &&
		    parse_number(tok + 5, len - 5, 65535) != 0)
			fragment = 1;
	}
	tok += 6;
	len -= 6;
	if (IS_WORD(tok, len, "ARP"))
		return skip(vd, "not an IP packet");
	/* The kernel's own spellings first, without a table search. */
	if (IS_WORD(tok, len, "TCP"))
		ev->proto = 6;
	else if (IS_WORD(tok, len, "UDP"))
		ev->proto = 17;
	else if ((ev->proto = mnw_proto_parse(tok, len)) == -1)
		return reject(vd, "invalid protocol", tok, len);
	/*
	 * The writers print a name only for the protocols whose header
	 * they decode: TCP, UDP, UDPLITE, ICMP, ICMPv6, and SCTP for
	 * Proxmox.  Any other protocol is a bare number with nothing after
	 * it, and that includes SCTP, or ICMPv6 inside IPv4, from the
	 * kernel.
	 */
	if (is_digit(tok[0]))
		return MNW_PARSE_EVENT;
	if ((ev->proto == 1 && ev->src.family != 4) ||
	    (ev->proto == 58 && ev->src.family != 6))
		return reject(vd, "protocol does not match address family",
		    tok, len);

	switch (ev->proto) {
	case 6:			/* TCP */
	case 17:		/* UDP */
	case 132:		/* SCTP */
	case 136:		/* UDP-Lite */
		if (fragment)
			break;	/* no transport header in this packet */
		{
			struct cursor peek = *c;

			/* "INCOMPLETE [n bytes]" (kernel) or "LEN=n
			 * INVALID=LEN" (Proxmox): the header was cut off. */
			if (next_token(&peek, &tok, &len) &&
			    (IS_WORD(tok, len, "INCOMPLETE") ||
			    HAS_KEY(tok, len, "LEN=")))
				break;
		}
		r = expect_number(c, "SPT=", 4, 65535, &v, &tok, &len);
		if (r == -1)
			return reject(vd, "missing source port", NULL, 0);
		if (r == -2)
			return reject(vd, "invalid source port", tok + 4,
			    len - 4);
		ev->sport = (int)v;
		r = expect_number(c, "DPT=", 4, 65535, &v, &tok, &len);
		if (r == -1)
			return reject(vd, "missing target port", NULL, 0);
		if (r == -2)
			return reject(vd, "invalid target port", tok + 4,
			    len - 4);
		ev->dport = (int)v;
		if (ev->proto == 6)
			parse_tcp_flags(c, ev);
		break;
	case 1:			/* ICMP */
	case 58:		/* ICMPv6 */
		if (fragment)
			break;
		{
			struct cursor peek = *c;

			if (next_token(&peek, &tok, &len) &&
			    (IS_WORD(tok, len, "INCOMPLETE") ||
			    HAS_KEY(tok, len, "LEN=")))
				break;
		}
		r = expect_number(c, "TYPE=", 5, 255, &v, &tok, &len);
		if (r == -1)
			return reject(vd, "missing icmp type", NULL, 0);
		if (r == -2)
			return reject(vd, "invalid icmp type", tok + 5, len - 5);
		ev->icmp_type = (int)v;
		r = expect_number(c, "CODE=", 5, 255, &v, &tok, &len);
		if (r == -1)
			return reject(vd, "missing icmp code", NULL, 0);
		if (r == -2)
			return reject(vd, "invalid icmp code", tok + 5, len - 5);
		ev->icmp_code = (int)v;
		/* What follows an error type is the offending packet in
		 * brackets: never read. */
		break;
	default:
		break;
	}
	return MNW_PARSE_EVENT;
}

/* ------------------------------------------------------------------ */
/* Kernel text.                                                        */
/* ------------------------------------------------------------------ */

/*
 * Find the "IN=" that starts the key sequence: the word before the last
 * " OUT=" in [s, end), at its last "IN=".  Returns its offset from s and
 * stores the offset of " OUT=" in *out, or returns -1.
 */
static long
find_anchor(const char *s, const char *end, size_t *out)
{
	size_t n = (size_t)(end - s), j, i, ws, k;
	const char *last = NULL;

	/*
	 * The last " OUT=" wins, so the search runs backwards from the end
	 * and stops at the first match.  j is the offset of a candidate
	 * 'O', 1 to n - 4.
	 */
#define OUT_AT(j) (s[j] == 'O' && s[(j) - 1] == ' ' && s[(j) + 1] == 'U' && \
	s[(j) + 2] == 'T' && s[(j) + 3] == '=')
	if (n < 5)
		return -1;
	j = n - 4;
#ifdef VECTOR_SCAN
	/* The same test as below on 16 bytes a step, with exact flags. */
	for (; j >= 16 && last == NULL; j -= 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(s + j - 15));
		__m128i before = _mm_loadu_si128((const __m128i *)(s + j - 16));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(w, _mm_set1_epi8('O')),
		    _mm_cmpeq_epi8(before, _mm_set1_epi8(' '))));

		while (m != 0) {
			int bit = 31 - __builtin_clz(m);
			size_t at = j - 15 + (size_t)bit;

			if (OUT_AT(at)) {
				last = s + at - 1;
				break;
			}
			m &= ~(1U << bit);
		}
	}
	if (last != NULL)
		goto found;
#endif
#ifdef WORD_SCAN
	/*
	 * 8 candidates a step: a byte is flagged when it is an 'O' and the
	 * byte before it a space.  ZERO_BYTES() flags every zero byte of a
	 * word, and at most a few false ones above a true one, so each flag
	 * is checked, from the highest.  Words without a flag, nearly all
	 * of them, cost no branch per byte.
	 */
	for (; j >= 8; j -= 8) {
		uint64_t w, before, m;

		memcpy(&w, s + j - 7, 8);
		memcpy(&before, s + j - 8, 8);
		m = ZERO_BYTES(w ^ 0x4f4f4f4f4f4f4f4fULL) &
		    ZERO_BYTES(before ^ 0x2020202020202020ULL);
		while (m != 0) {
			int bit = 63 - __builtin_clzll(m);
			size_t at = j - 7 + (size_t)(bit >> 3);

			if (OUT_AT(at)) {
				last = s + at - 1;
				break;
			}
			m &= ~(0xffULL << (bit & ~7));
		}
		if (last != NULL)
			break;
	}
#endif
	for (; j >= 1 && last == NULL; j--)
		if (OUT_AT(j))
			last = s + j - 1;
#ifdef VECTOR_SCAN
found:
#endif
#undef OUT_AT
	if (last == NULL)
		return -1;
	i = (size_t)(last - s);
	ws = i;
	while (ws > 0 && s[ws - 1] != ' ')
		ws--;
	if (i - ws < 3)
		return -1;
	for (k = i - 3; ; k--) {
		if (s[k] == 'I' && s[k + 1] == 'N' && s[k + 2] == '=') {
			*out = i;
			return (long)k;
		}
		if (k == ws)
			return -1;
	}
}

/* Length of a ring buffer time stamp "[  123.456789] " at s, or 0. */
static size_t
kernel_stamp_len(const char *s, const char *end)
{
	const char *p = s + 1;

	if (s >= end || *s != '[')
		return 0;
	while (p < end && *p == ' ')
		p++;
	if (p >= end || !is_digit(*p))
		return 0;
	while (p < end && (is_digit(*p) || *p == '.'))
		p++;
	if (p >= end || *p != ']')
		return 0;
	p++;
	if (p < end && *p == ' ')
		p++;
	return (size_t)(p - s);
}

/*
 * The last log prefix that passed check_prefix(), with its action.  A
 * log holds few distinct prefixes ("[UFW BLOCK] " on most lines), and
 * both results depend on the prefix bytes alone, so a line with the
 * same prefix skips both scans.  Static like the syslog time cache, so
 * the parser is not thread-safe.
 */
#define PREFIX_CACHE_MAX 64

static struct {
	size_t len;		/* 0: empty */
	char text[PREFIX_CACHE_MAX];
	enum mnw_action action;
} prefix_cache;

static int
prefix_cached(const char *s, const char *end, enum mnw_action *action)
{
	size_t len = (size_t)(end - s);

	if (len == 0 || len != prefix_cache.len ||
	    memcmp(s, prefix_cache.text, len) != 0)
		return 0;
	*action = prefix_cache.action;
	return 1;
}

static void
prefix_remember(const char *s, const char *end, enum mnw_action action)
{
	size_t len = (size_t)(end - s);

	if (len == 0 || len > PREFIX_CACHE_MAX)
		return;
	memcpy(prefix_cache.text, s, len);
	prefix_cache.len = len;
	prefix_cache.action = action;
}

/*
 * The prefix of an untagged message: no '=', '"', ',' or tab (the marks
 * of key=value, CSV and tab-separated formats), except in the
 * DESCR="rule description" that UniFi gateways write after their rule
 * tag ("[WAN_LOCAL-D-2147483647] DESCR=\"[WAN_LOCAL]Block All\" ").
 */
static int
plain_prefix(const char *start, const char *end)
{
	for (const char *p = start; p < end; p++) {
		if ((size_t)(end - p) > 7 && memcmp(p, "DESCR=\"", 7) == 0 &&
		    (p == start || p[-1] == ' ' || p[-1] == ']')) {
			const char *q = memchr(p + 7, '"', (size_t)(end - p - 7));

			if (q == NULL)
				return 0;
			p = q;
			continue;
		}
		if (*p == '=' || *p == '"' || *p == ',' || *p == '\t')
			return 0;
	}
	return 1;
}

/* The maximum length of a kernel log prefix (NF_LOG_PREFIXLEN - 1). */
#define PREFIX_MAX 127

/*
 * tagged: the message came with the tag "kernel".  An untagged message
 * may be any program's, and the free text of a key=value, CSV or quoted
 * format (a FortiGate msg="...", a PAN-OS rule name) can contain a whole
 * netfilter record.  So the prefix of an untagged message must look like
 * one that a kernel log rule writes (plain_prefix()).  Any prefix is at
 * most PREFIX_MAX bytes, because the kernel cuts longer ones.
 */
static enum mnw_parse_result
parse_kernel_text(const char *msg, const char *end, int tagged,
    struct mnw_event *ev, struct verdict *vd)
{
	struct cursor c;
	const char *tok, *prefix = msg;
	size_t len, outat, n;
	long inat;
	int macproto_ip = 1, cached;
	enum mnw_parse_result r;
	enum mnw_action action;

	if ((inat = find_anchor(msg, end, &outat)) < 0)
		return MNW_PARSE_NO;
	prefix += kernel_stamp_len(prefix, msg + inat);
	if (!tagged && !plain_prefix(prefix, msg + inat))
		return MNW_PARSE_NO;

	/* Skip the OUT= interface, then the link-layer keys before SRC=. */
	c.p = msg + outat + 5;
	c.end = end;
	while (c.p < end && *c.p != ' ')
		c.p++;
	for (;;) {
		struct cursor before = c;

		if (!next_token(&c, &tok, &len)) {
			if (!macproto_ip)
				return skip(vd, "not an IP packet");
			return reject(vd, "missing source address", NULL, 0);
		}
		if (HAS_KEY(tok, len, "SRC=")) {
			c = before;
			break;
		}
		if (IS_WORD(tok, len, "ARP"))
			return skip(vd, "not an IP packet");
		if ((n = record_key(tok, len)) > 0)
			return reject_repeated(vd, tok, n);
		if (HAS_KEY(tok, len, "MACPROTO="))
			macproto_ip = IS_WORD(tok, len, "MACPROTO=0800") ||
			    IS_WORD(tok, len, "MACPROTO=86dd");
		/* PHYSIN= PHYSOUT= MAC= MACSRC= MACDST= VPROTO= VID=
		 * TUNNEL=: upper-case keys, values not needed. */
		{
			size_t k = 0;

			while (k < len && tok[k] >= 'A' && tok[k] <= 'Z')
				k++;
			if (k == 0 || k >= len || tok[k] != '=')
				return reject(vd, "unexpected field before "
				    "source address", tok, len);
		}
	}
	/* The prefix is checked first, so that two joined records are
	 * reported as such, not by what is missing from the second. */
	cached = prefix_cached(prefix, msg + inat, &action);
	if (!cached &&
	    (r = check_prefix(prefix, msg + inat, vd)) != MNW_PARSE_EVENT)
		return r;
	if (msg + inat - prefix > PREFIX_MAX)
		return MNW_PARSE_NO;
	if ((r = parse_packet(&c, ev, vd)) != MNW_PARSE_EVENT)
		return r;
	if ((r = check_tail(&c, vd)) != MNW_PARSE_EVENT)
		return r;
	if (!cached) {
		action = action_from_prefix(prefix, msg + inat);
		prefix_remember(prefix, msg + inat, action);
	}
	ev->action = action;
	return MNW_PARSE_EVENT;
}

/* ------------------------------------------------------------------ */
/* Proxmox pvefw-logger lines.                                         */
/* ------------------------------------------------------------------ */

/* "dd/Mon/yyyy:hh:mm:ss +zzzz" (strftime "%d/%b/%Y:%H:%M:%S %z"), 26
 * bytes.  Returns 0 and the UTC time, or -1. */
static int
parse_clf_time(const char *s, const char *end, time_t *out)
{
	struct tm tm;
	char mon[4];
	int i;
	long off;
	static const int digit_at[] = { 0, 1, 7, 8, 9, 10, 12, 13, 15, 16,
	    18, 19, 22, 23, 24, 25 };

	if (end - s < 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' ||
	    s[14] != ':' || s[17] != ':' || s[20] != ' ' ||
	    (s[21] != '+' && s[21] != '-'))
		return -1;
	for (i = 0; i < (int)(sizeof(digit_at) / sizeof(digit_at[0])); i++)
		if (!is_digit(s[digit_at[i]]))
			return -1;
	memcpy(mon, s + 3, 3);
	mon[3] = '\0';
	memset(&tm, 0, sizeof(tm));
	if ((tm.tm_mon = mnw_month_from_abbr(mon)) < 0)
		return -1;
#define D2(i) ((s[i] - '0') * 10 + (s[(i) + 1] - '0'))
	tm.tm_mday = D2(0);
	tm.tm_year = D2(7) * 100 + D2(9) - 1900;
	tm.tm_hour = D2(12);
	tm.tm_min = D2(15);
	tm.tm_sec = D2(18);
	off = (long)D2(22) * 3600 + (long)D2(24) * 60;
#undef D2
	if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60 || off > 14 * 3600)
		return -1;
	if (s[21] == '-')
		off = -off;
	*out = mnw_timegm(&tm) - off;
	return 0;
}

/*
 * "VMID LEVEL CHAIN TIME ZONE ", as pvefw-logger starts every line.
 * Returns the length of that head, or 0; *chain_is_dash is set for
 * the logger's own status lines, which have "-" as chain.
 */
static size_t
pve_head(const char *s, const char *end, time_t *t, int *chain_is_dash)
{
	const char *p = s, *chain;
	int n = 0;

	while (p < end && is_digit(*p) && n <= 10) {
		p++;
		n++;
	}
	if (n == 0 || n > 10 || end - p < 4 || p[0] != ' ' ||
	    p[1] < '0' || p[1] > '7' || p[2] != ' ')
		return 0;
	p += 3;
	chain = p;
	while (p < end && *p != ' ')
		p++;
	if (p == chain || p - chain > PVE_CHAIN_MAX || p >= end)
		return 0;
	*chain_is_dash = (p - chain == 1 && *chain == '-');
	p++;
	if (parse_clf_time(p, end, t) == -1)
		return 0;
	p += 26;
	if (p < end && *p != ' ')
		return 0;
	if (p < end)
		p++;
	return (size_t)(p - s);
}

static int
is_pve_iface_key(const char *tok, size_t len)
{
	return HAS_KEY(tok, len, "IN=") || HAS_KEY(tok, len, "OUT=") ||
	    HAS_KEY(tok, len, "PHYSIN=") || HAS_KEY(tok, len, "PHYSOUT=") ||
	    HAS_KEY(tok, len, "MAC=");
}

static enum mnw_parse_result
parse_pve(const char *rest, const char *end, int status_line,
    struct mnw_event *ev, struct verdict *vd)
{
	const char *src = NULL, *keys, *q;
	struct cursor c;
	size_t i;

	/* The last "SRC=" that starts a word: pvefw-logger prints no inner
	 * packets, so nothing after the real one can contain it. */
	for (i = (size_t)(end - rest); i >= 4; i--) {
		q = end - i;
		if (q[0] == 'S' && memcmp(q, "SRC=", 4) == 0 &&
		    (q == rest || q[-1] == ' '))
			src = q;
	}
	if (src == NULL) {
		if (status_line)
			return skip(vd, "firewall logger status line");
		return skip(vd, "not an IP packet");
	}

	/* The interface and MAC keys before SRC= belong to the packet;
	 * what precedes them is the prefix. */
	keys = src;
	for (;;) {
		const char *w = keys;

		while (w > rest && w[-1] == ' ')
			w--;
		q = w;
		while (q > rest && q[-1] != ' ')
			q--;
		if (q == w || !is_pve_iface_key(q, (size_t)(w - q)))
			break;
		keys = q;
	}

	c.p = src;
	c.end = end;
	{
		enum mnw_parse_result r;

		if ((r = check_prefix(rest, keys, vd)) != MNW_PARSE_EVENT)
			return r;
		if ((r = parse_packet(&c, ev, vd)) != MNW_PARSE_EVENT)
			return r;
		if ((r = check_tail(&c, vd)) != MNW_PARSE_EVENT)
			return r;
	}
	ev->action = action_from_prefix(rest, keys);
	return MNW_PARSE_EVENT;
}

/* ------------------------------------------------------------------ */

static int
tag_is_kernel(const struct mnw_envelope *env)
{
	return env->taglen == 0 || IS_WORD(env->tag, env->taglen, "kernel");
}

static enum mnw_parse_result
netfilter_parse(struct mnw_parse_ctx *ctx, const char *line, size_t len,
    const struct mnw_envelope *env, struct mnw_event *ev,
    const char **reason, const char **value, size_t *valuelen)
{
	struct verdict vd = { NULL, NULL, 0 };
	enum mnw_parse_result r;
	const char *end = line + len;
	size_t head;
	time_t t = 0;
	int status_line = 0;

	(void)ctx;
	if (!tag_is_kernel(env))
		return MNW_PARSE_NO;

	if (env->hostlen == 0 && len > 0 && is_digit(line[0]) &&
	    (head = pve_head(line, end, &t, &status_line)) > 0) {
		r = parse_pve(line + head, end, status_line, ev, &vd);
		if (r == MNW_PARSE_EVENT)
			ev->time = t;
	} else {
		/* Without an envelope time, mnw-parse rejects the event
		 * as "missing time stamp" or, with -n, stamps it. */
		r = parse_kernel_text(env->msg, env->msg + env->msglen,
		    env->taglen > 0, ev, &vd);
	}
	if (r == MNW_PARSE_REJECT || r == MNW_PARSE_SKIP) {
		*reason = vd.reason;
		*value = vd.value;
		*valuelen = vd.valuelen;
	}
	return r;
}

const struct mnw_format mnw_format_netfilter = {
	"netfilter",
	"Linux netfilter log (iptables, ip6tables, nftables, ufw) and "
	    "Proxmox VE firewall log",
	netfilter_parse,
	NULL,
};
