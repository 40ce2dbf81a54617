/*
 * filter.c: the false-alarm filters declared in filter.h.
 *
 * The allowlist may list thousands of prefixes (published lists of
 * research scanners), so it is a hash table per prefix length, probed
 * from the longest length in use to the shortest.  Operator rules are
 * few and are tried one by one in file order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* Maximum length of the name after an allowlist entry. */
#define NAME_MAX_LEN 64
/* Room for mnw_quote() of a path: at most 200 bytes, 4 bytes each. */
#define QUOTED_PATH_MAX (4 * 200 + 4)

/* ---- rule names ---- */

uint32_t
mnw_filter_rule(struct mnw_filter *f, const char *name)
{
	return mnw_strtab_intern(&f->rules, name, strlen(name));
}

const char *
mnw_filter_rule_name(const struct mnw_filter *f, uint32_t rule)
{
	return rule < f->rules.n ? f->rules.str[rule] : "-";
}

/* Names of the built-in filters after the src-* ones, in enum order. */
#define NAMED_BUILTINS (MNW_FILTER_BUILTINS - MNW_FILTER_DST_MULTICAST)

static const char *const builtin_names[NAMED_BUILTINS] = {
	"dst-multicast", "dst-broadcast", "lan-chatter", "late-reply",
};

void
mnw_filter_init(struct mnw_filter *f)
{
	char name[64];

	memset(f, 0, sizeof *f);
	mnw_strtab_init(&f->rules);
	mnw_hash_init(&f->allow.index);
	/* The built-in rule names come first, so that their numbers are
	 * the MNW_FILTER_* constants. */
	for (int cls = 0; cls <= MNW_ADDR_RESERVED; cls++) {
		snprintf(name, sizeof name, "src-%s",
		    mnw_addr_class_name((enum mnw_addr_class)cls));
		mnw_filter_rule(f, name);
	}
	for (int i = 0; i < NAMED_BUILTINS; i++)
		mnw_filter_rule(f, builtin_names[i]);
}

/* The MNW_FILTER_* number of a built-in rule name, or -1. */
static int
builtin_find(const char *name)
{
	char buf[64];

	for (int cls = 1; cls <= MNW_ADDR_RESERVED; cls++) {
		snprintf(buf, sizeof buf, "src-%s",
		    mnw_addr_class_name((enum mnw_addr_class)cls));
		if (strcmp(buf, name) == 0)
			return MNW_FILTER_SRC + cls;
	}
	for (int i = 0; i < NAMED_BUILTINS; i++)
		if (strcmp(builtin_names[i], name) == 0)
			return MNW_FILTER_DST_MULTICAST + i;
	return -1;
}

/* ---- prefix sets ---- */

static uint64_t
prefix_hash(const struct mnw_addr *net, unsigned bits)
{
	return mnw_addr_hash(net) ^ ((uint64_t)bits * 0x9e3779b97f4a7c15ULL);
}

/* The entry for exactly net/bits, or NULL. */
static struct mnw_prefix_entry *
prefix_find(const struct mnw_prefix_set *ps, const struct mnw_addr *net,
    unsigned bits)
{
	uint64_t h = prefix_hash(net, bits);
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(&ps->index, h, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(&ps->index, h, &pos))
		if (ps->e[i].bits == bits && mnw_addr_equal(&ps->e[i].net, net))
			return &ps->e[i];
	return NULL;
}

/* Add net/bits.  Returns 0, or -1 if it is already there. */
static int
prefix_add(struct mnw_prefix_set *ps, const struct mnw_addr *net,
    unsigned bits, uint32_t rule)
{
	int fam = net->family == 6;
	int k;

	if (prefix_find(ps, net, bits) != NULL)
		return -1;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->e = mnw_xrealloc(ps->e, ps->cap * sizeof *ps->e);
	}
	ps->e[ps->n].net = *net;
	ps->e[ps->n].bits = (uint8_t)bits;
	ps->e[ps->n].rule = rule;
	if (mnw_hash_insert(&ps->index, prefix_hash(net, bits),
	    (uint32_t)ps->n) == -1)
		mnw_err(MNW_EXIT_TEMP, "allowlist index");
	ps->n++;
	/* Keep the lengths in use sorted, longest first. */
	for (k = 0; k < ps->nlens[fam]; k++)
		if (ps->lens[fam][k] <= bits)
			break;
	if (k < ps->nlens[fam] && ps->lens[fam][k] == bits)
		return 0;
	memmove(&ps->lens[fam][k + 1], &ps->lens[fam][k],
	    (size_t)(ps->nlens[fam] - k));
	ps->lens[fam][k] = (uint8_t)bits;
	ps->nlens[fam]++;
	return 0;
}

/* The longest prefix that contains a, or NULL. */
static const struct mnw_prefix_entry *
prefix_match(const struct mnw_prefix_set *ps, const struct mnw_addr *a)
{
	int fam = a->family == 6;

	for (int k = 0; k < ps->nlens[fam]; k++) {
		struct mnw_addr m = *a;
		const struct mnw_prefix_entry *e;

		mnw_addr_mask(&m, ps->lens[fam][k]);
		if ((e = prefix_find(ps, &m, ps->lens[fam][k])) != NULL)
			return e;
	}
	return NULL;
}

/* ---- configuration files ---- */

/* Split a configuration line into words, up to a word starting '#'. */
static int
split_words(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return -1;
		w[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p == '\0')
			return n;
		*p++ = '\0';
	}
}

static int
name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("._:@/+-", ch) != NULL))
			return 0;
	}
	return 1;
}

/* Open a configuration file or exit MNW_EXIT_CONFIG. */
static FILE *
config_open(const char *path, struct mnw_lines *lr)
{
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		mnw_err(MNW_EXIT_CONFIG, "%s",
		    mnw_quote(path, strlen(path), 200));
	mnw_lines_init(lr, fp, path, 4096);
	return fp;
}

/* Next line of a configuration file, NULL at the end. */
static char *
config_line(struct mnw_lines *lr, const char *path)
{
	char *line;
	size_t len;

	switch (mnw_lines_next(lr, &line, &len)) {
	case MNW_LINE_OK:
		if (memchr(line, '\0', len) != NULL)
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: NUL byte in line",
			    mnw_quote(path, strlen(path), 200), lr->lineno);
		return line;
	case MNW_LINE_EOF:
		return NULL;
	case MNW_LINE_TOO_LONG:
		mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: line too long (maximum "
		    "%zu bytes)", mnw_quote(path, strlen(path), 200),
		    lr->lineno, lr->max);
	default:
		mnw_err(MNW_EXIT_CONFIG, "%s: read error",
		    mnw_quote(path, strlen(path), 200));
	}
}

/*
 * Read an allowlist: "PREFIX [NAME]" per line, '#' comments.  The rule
 * name is "allowlist:NAME", or "allowlist:PREFIX" without a name.
 */
void
mnw_filter_allowlist_load_or_die(struct mnw_filter *f, const char *path)
{
	struct mnw_lines lr;
	FILE *fp = config_open(path, &lr);
	char qpath[QUOTED_PATH_MAX];
	char *line, *w[3], name[NAME_MAX_LEN + 16];

	/* A copy, because mnw_quote() reuses its buffers. */
	snprintf(qpath, sizeof qpath, "%s", mnw_quote(path, strlen(path), 200));
	while ((line = config_line(&lr, path)) != NULL) {
		struct mnw_addr net;
		unsigned bits;
		int n = split_words(line, w, 2);

		if (n == 0)
			continue;
		if (n < 0)
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: more than a prefix "
			    "and a name", qpath, lr.lineno);
		if (mnw_prefix_parse(&net, &bits, w[0], strlen(w[0])) == -1)
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: invalid prefix "
			    "'%s'", qpath, lr.lineno,
			    mnw_quote(w[0], strlen(w[0]), 60));
		if (n == 2 && !name_valid(w[1]))
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: invalid name '%s' "
			    "(letters, digits and ._:@/+- only, at most %d)",
			    qpath, lr.lineno, mnw_quote(w[1], strlen(w[1]),
			    80), NAME_MAX_LEN);
		snprintf(name, sizeof name, "allowlist:%s",
		    n == 2 ? w[1] : w[0]);
		if (prefix_add(&f->allow, &net, bits,
		    mnw_filter_rule(f, name)) == -1)
			mnw_warnx("%s:%llu: prefix '%s' listed before; the "
			    "first entry is used", qpath, lr.lineno,
			    mnw_quote(w[0], strlen(w[0]), 60));
	}
	mnw_lines_free(&lr);
	fclose(fp);
}

static int
parse_port_range(const char *s, int *lo, int *hi)
{
	const char *dash = strchr(s, '-');
	long long a, b;

	if (dash == NULL) {
		if (mnw_strntonum(s, strlen(s), 0, 65535, &a) == -1)
			return -1;
		*lo = *hi = (int)a;
		return 0;
	}
	if (mnw_strntonum(s, (size_t)(dash - s), 0, 65535, &a) == -1 ||
	    mnw_strntonum(dash + 1, strlen(dash + 1), 0, 65535, &b) == -1 ||
	    a > b)
		return -1;
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

/*
 * Read operator rules, one per line, named "rule:LINE":
 *	ignore src PREFIX
 *	ignore dst PREFIX
 *	ignore sport PORT[-PORT] [PROTO]
 *	ignore dport PORT[-PORT] [PROTO]
 *	ignore agent AGENT
 */
void
mnw_filter_rules_load_or_die(struct mnw_filter *f, const char *path)
{
	struct mnw_lines lr;
	FILE *fp = config_open(path, &lr);
	char qpath[QUOTED_PATH_MAX];
	char *line, *w[5], name[32];

	snprintf(qpath, sizeof qpath, "%s", mnw_quote(path, strlen(path), 200));
	while ((line = config_line(&lr, path)) != NULL) {
		struct mnw_op_rule r;
		int n = split_words(line, w, 4);

		if (n == 0)
			continue;
		memset(&r, 0, sizeof r);
		r.proto = -1;
		if (n < 0 || n < 3 || strcmp(w[0], "ignore") != 0)
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: expected 'ignore "
			    "src|dst PREFIX', 'ignore sport|dport PORT[-PORT] "
			    "[PROTO]' or 'ignore agent AGENT'", qpath,
			    lr.lineno);
		if (strcmp(w[1], "src") == 0 || strcmp(w[1], "dst") == 0) {
			r.kind = w[1][0] == 's' ? MNW_OP_SRC : MNW_OP_DST;
			if (n != 3 || mnw_prefix_parse(&r.net, &r.bits, w[2],
			    strlen(w[2])) == -1)
				mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: invalid "
				    "prefix '%s'", qpath, lr.lineno,
				    mnw_quote(w[2], strlen(w[2]), 60));
		} else if (strcmp(w[1], "sport") == 0 ||
		    strcmp(w[1], "dport") == 0) {
			r.kind = w[1][0] == 's' ? MNW_OP_SPORT : MNW_OP_DPORT;
			if (parse_port_range(w[2], &r.lo, &r.hi) == -1)
				mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: invalid "
				    "port or port range '%s'", qpath, lr.lineno,
				    mnw_quote(w[2], strlen(w[2]), 60));
			if (n == 4 && (r.proto = mnw_proto_parse(w[3],
			    strlen(w[3]))) == -1)
				mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: invalid "
				    "protocol '%s'", qpath, lr.lineno,
				    mnw_quote(w[3], strlen(w[3]), 60));
		} else if (strcmp(w[1], "agent") == 0 && n == 3) {
			r.kind = MNW_OP_AGENT;
			r.agent = mnw_xstrdup(w[2]);
		} else {
			mnw_errx(MNW_EXIT_CONFIG, "%s:%llu: unknown rule "
			    "'%s %s'", qpath, lr.lineno,
			    mnw_quote(w[0], strlen(w[0]), 20),
			    mnw_quote(w[1], strlen(w[1]), 20));
		}
		snprintf(name, sizeof name, "rule:%llu", lr.lineno);
		r.rule = mnw_filter_rule(f, name);
		if (f->nops == f->opscap) {
			f->opscap = f->opscap ? f->opscap * 2 : 16;
			f->ops = mnw_xrealloc(f->ops,
			    f->opscap * sizeof *f->ops);
		}
		f->ops[f->nops++] = r;
	}
	mnw_lines_free(&lr);
	fclose(fp);
}

/* ---- filters ---- */

/* Source ports of services whose replies reach high ports. */
static int
service_port(int port)
{
	static const int ports[] = {
		20, 21, 22, 25, 53, 80, 110, 123, 143, 443, 465, 587, 853,
		993, 995, 3478,
	};

	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
		if (ports[i] == port)
			return 1;
	return 0;
}

static int
from_service(const struct mnw_event *ev)
{
	if (!service_port(ev->sport))
		return 0;
	/* NTP servers also answer from 123 to 123 (symmetric mode). */
	return ev->dport >= 1024 || (ev->sport == 123 && ev->dport == 123);
}

/*
 * A packet that a stateful firewall logs when it has already forgotten
 * the connection it belongs to: a reply, an ICMP error, or a TCP packet
 * without SYN.  NULL and Xmas packets are scans, never replies.
 */
static int
late_reply(const struct mnw_event *ev)
{
	int flags = ev->tcpflags;

	switch (ev->proto) {
	case 6:
		if (flags < 0)
			return from_service(ev);
		if (flags & MNW_TCP_ACK)
			return 1;
		if ((flags & MNW_TCP_SYN) || flags == 0)
			return 0;
		if ((flags & (MNW_TCP_FIN | MNW_TCP_PSH | MNW_TCP_URG)) ==
		    (MNW_TCP_FIN | MNW_TCP_PSH | MNW_TCP_URG))
			return 0;
		return 1;
	case 17:
		return from_service(ev);
	case 1:
		switch (ev->icmp_type) {
		case 0: case 3: case 4: case 11: case 12: case 14: case 16:
		case 18:
			return 1;
		}
		return 0;
	case 58:
		return (ev->icmp_type >= 1 && ev->icmp_type <= 4) ||
		    ev->icmp_type == 129;
	}
	return 0;
}

/* 1 if a and b are in the same /24 (IPv4) or /64 (IPv6). */
static int
same_network(const struct mnw_addr *a, const struct mnw_addr *b)
{
	return a->family == b->family &&
	    mnw_addr_in_prefix(a, b, a->family == 4 ? 24 : 64);
}

/*
 * Local-network protocols, counted as chatter only where they stay
 * local: to a target that is not a global address, or between two
 * hosts of one network.  The same ports probed on a global address
 * from afar are scans (NetBIOS worms, SSDP reflection hunters).
 */
static int
lan_chatter(const struct mnw_event *ev)
{
	if (ev->proto != 17)
		return 0;
	switch (ev->dport) {
	case 67: case 68: case 137: case 138: case 139: case 1900:
	case 5353: case 5355:
		break;
	default:
		return 0;
	}
	return mnw_addr_classify(&ev->dst) != MNW_ADDR_GLOBAL ||
	    same_network(&ev->src, &ev->dst);
}

static int
port_in(int port, int lo, int hi)
{
	return port >= lo && port <= hi;
}

uint32_t
mnw_filter_match(const struct mnw_filter *f, const struct mnw_event *ev)
{
	const struct mnw_prefix_entry *pe;
	enum mnw_addr_class cls;

	if (f->allow.n > 0 && (pe = prefix_match(&f->allow, &ev->src)) != NULL)
		return pe->rule;
	for (size_t i = 0; i < f->nops; i++) {
		const struct mnw_op_rule *r = &f->ops[i];
		int hit = 0;

		switch (r->kind) {
		case MNW_OP_SRC:
			hit = mnw_addr_in_prefix(&ev->src, &r->net, r->bits);
			break;
		case MNW_OP_DST:
			hit = mnw_addr_in_prefix(&ev->dst, &r->net, r->bits);
			break;
		case MNW_OP_SPORT:
			hit = port_in(ev->sport, r->lo, r->hi) &&
			    (r->proto < 0 || r->proto == ev->proto);
			break;
		case MNW_OP_DPORT:
			hit = port_in(ev->dport, r->lo, r->hi) &&
			    (r->proto < 0 || r->proto == ev->proto);
			break;
		case MNW_OP_AGENT:
			hit = strcmp(ev->agent, r->agent) == 0;
			break;
		}
		if (hit)
			return r->rule;
	}
	cls = mnw_addr_classify(&ev->src);
	if (cls != MNW_ADDR_GLOBAL && !f->disabled[MNW_FILTER_SRC + cls])
		return MNW_FILTER_SRC + cls;
	cls = mnw_addr_classify(&ev->dst);
	if (cls == MNW_ADDR_MULTICAST && !f->disabled[MNW_FILTER_DST_MULTICAST])
		return MNW_FILTER_DST_MULTICAST;
	if (cls == MNW_ADDR_BROADCAST && !f->disabled[MNW_FILTER_DST_BROADCAST])
		return MNW_FILTER_DST_BROADCAST;
	if (!f->disabled[MNW_FILTER_LAN_CHATTER] && lan_chatter(ev))
		return MNW_FILTER_LAN_CHATTER;
	if (!f->disabled[MNW_FILTER_LATE_REPLY] && late_reply(ev))
		return MNW_FILTER_LATE_REPLY;
	return MNW_HASH_NONE;
}

int
mnw_filter_disable(struct mnw_filter *f, const char *name)
{
	int b = builtin_find(name);

	if (b < 0)
		return -1;
	f->disabled[b] = 1;
	return 0;
}

void
mnw_filter_free(struct mnw_filter *f)
{
	for (size_t i = 0; i < f->nops; i++)
		free(f->ops[i].agent);
	free(f->ops);
	free(f->allow.e);
	mnw_hash_free(&f->allow.index);
	mnw_strtab_free(&f->rules);
	memset(f, 0, sizeof *f);
}
