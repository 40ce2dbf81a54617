/*
 * mnw-correlate: group events into one incident per source prefix,
 * filter false alarms, and decide which incidents are escalation
 * candidates.
 *
 * Firewall logs show packets that never completed a handshake, so a
 * source address may be forged, and an agent may lie.  Independent
 * evidence is therefore what makes a candidate: enough distinct agents,
 * and more of them when the evidence is cheap to forge (UDP, ICMP, a
 * lone SYN).  One agent alone is never enough unless the operator sets
 * -g 1, as a single administrator running the whole chain would.
 *
 * Filters apply to each event.  An event that matches one is not
 * counted toward its incident, but under the filter's rule name.  An
 * incident whose events were all filtered gets the verdict "filtered"
 * with the rule of its first filtered event.  Applying filters per
 * event keeps a /64 incident correct when one address in it is on the
 * allowlist and the others are not.
 *
 * Memory grows with the number of source prefixes, not with events:
 * each incident is a fixed-size entry whose sets are bounded summaries
 * (incident.h), and the number of incidents is bounded by -k.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "evread.h"
#include "filter.h"
#include "hash.h"
#include "incident.h"
#include "mnw.h"
#include "state.h"

#define SYNOPSIS "[-hLnqw] [-4 bits] [-6 bits] [-a allowlist] [-d dir] " \
	"[-e expiry] [-G agents] [-g agents] [-k incidents] [-M bits] " \
	"[-m bits] [-o output] [-R rules] [-s state] [-t targets] " \
	"[-u rejects] [-x rule] [file ...]"

#define STATE_TYPE "incident-state"
#define STATE_VERSION 1
#define STATE_NFIELDS 14

/* Event times further ahead of the wall clock do not advance expiry. */
#define FUTURE_MAX (24 * 3600)
/* Maximum length of a rule text: "allowlist:" and a name, or a threshold. */
#define RULE_TEXT_MAX 128
/* Room for mnw_quote() of a path: at most 200 bytes, 4 bytes each. */
#define QUOTED_PATH_MAX (4 * 200 + 4)

static const char *const state_columns[] = {
	"prefix", "source", "first", "last", "events", "filtered",
	"filterrule", "protos", "evidence", "agents", "targets",
	"targetnets", "ports", "agentlist", NULL,
};

enum { EVIDENCE_NONE = 0, EVIDENCE_WEAK, EVIDENCE_STRONG };

struct incident {
	struct mnw_addr prefix;	/* source masked to bits */
	uint8_t bits;
	uint8_t evidence;	/* EVIDENCE_* of the counted events */
	uint8_t touched;	/* an event of this run was added */
	uint8_t nlisted;	/* entries used in agentlist */
	struct mnw_addr source;	/* first source address seen */
	time_t first, last;
	uint64_t events, filtered;	/* packets */
	uint32_t filter_rule;	/* rule of the first filtered event */
	uint32_t agentlist[MNW_INCIDENT_AGENTLIST];	/* agent names */
	uint64_t protos[4];	/* bit per IP protocol number */
	struct mnw_dset agents, targets, nets;
	struct mnw_topk ports;
};

struct correlate {
	/* settings */
	unsigned bits4, bits6;		/* source grouping */
	unsigned netbits4, netbits6;	/* target networks */
	long long min_agents, min_agents_weak, min_targets_weak;
	long long expiry;
	time_t state_cutoff;		/* incidents last seen before are dropped */
	size_t max_incidents;
	struct mnw_filter filter;

	/* incidents */
	struct incident *inc;
	size_t n, cap;
	struct mnw_hash index;

	struct mnw_strtab agents;	/* agent ids, for agentlist */
	unsigned long long *rule_events;	/* events filtered, by rule */
	size_t rule_events_cap;

	time_t newest, future_max;
	int have_newest;

	/* counters */
	unsigned long long counted, filtered, expired, evicted;
	unsigned long long candidates, below, filtered_inc;
};

/* Count one event filtered by rule, for the summary. */
static void
count_filtered(struct correlate *c, uint32_t rule)
{
	if (rule >= c->rule_events_cap) {
		size_t ncap = c->rule_events_cap ? c->rule_events_cap * 2 : 64;

		while (ncap <= rule)
			ncap *= 2;
		c->rule_events = mnw_xrealloc(c->rule_events,
		    ncap * sizeof *c->rule_events);
		memset(c->rule_events + c->rule_events_cap, 0,
		    (ncap - c->rule_events_cap) * sizeof *c->rule_events);
		c->rule_events_cap = ncap;
	}
	c->rule_events[rule]++;
	c->filtered++;
}

/*
 * Strong evidence is harder to forge.  An IDS alert and a failed login
 * normally need an established connection, so the source completed the
 * handshake.  A line for two or more packets shows a sender that
 * retried, as a TCP stack does.  UDP, ICMP and a single SYN are weak.
 */
static int
evidence_of(const struct mnw_event *ev)
{
	if (ev->proto != 6)
		return EVIDENCE_WEAK;
	if (ev->action == MNW_ACTION_ALERT ||
	    ev->action == MNW_ACTION_AUTHFAIL || ev->count >= 2)
		return EVIDENCE_STRONG;
	return EVIDENCE_WEAK;
}

/* ---- incidents ---- */

static uint64_t
incident_hash(const struct mnw_addr *prefix, unsigned bits)
{
	return mnw_addr_hash(prefix) ^ ((uint64_t)bits * 0x9e3779b97f4a7c15ULL);
}

static struct incident *
incident_find(struct correlate *c, const struct mnw_addr *prefix,
    unsigned bits, uint64_t h)
{
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(&c->index, h, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(&c->index, h, &pos))
		if (c->inc[i].bits == bits &&
		    mnw_addr_equal(&c->inc[i].prefix, prefix))
			return &c->inc[i];
	return NULL;
}

static void
incident_free(struct incident *in)
{
	mnw_dset_free(&in->agents);
	mnw_dset_free(&in->targets);
	mnw_dset_free(&in->nets);
}

static void
reindex(struct correlate *c)
{
	mnw_hash_clear(&c->index);
	for (size_t i = 0; i < c->n; i++)
		if (mnw_hash_insert(&c->index, incident_hash(&c->inc[i].prefix,
		    c->inc[i].bits), (uint32_t)i) == -1)
			mnw_err(MNW_EXIT_TEMP, "incident index");
}

static void incident_output(FILE *fp, struct correlate *c,
    const struct incident *in);

/*
 * Make room by evicting the oldest eighth of the incidents (by last
 * event time).  Evicted incidents that this run touched are written to
 * out first, so that the run's output still has them.
 */
static void
evict_oldest(struct correlate *c, FILE *out)
{
	size_t k = c->n / 8 > 0 ? c->n / 8 : 1, o = 0, removed = 0;
	time_t *times = mnw_xmalloc(c->n * sizeof *times), limit;
	unsigned char *drop = mnw_xcalloc(c->n, 1);
	size_t lo = 0, hi = c->n;
	uint64_t rnd = 0x9e3779b97f4a7c15ULL ^ c->n;

	for (size_t i = 0; i < c->n; i++)
		times[i] = c->inc[i].last;
	/* Quickselect the k-th smallest time into times[k - 1]. */
	while (hi - lo > 1) {
		size_t lt = lo, i = lo, gt = hi;
		time_t pivot, tmp;

		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		pivot = times[lo + rnd % (hi - lo)];
		while (i < gt) {
			if (times[i] < pivot) {
				tmp = times[lt];
				times[lt++] = times[i];
				times[i++] = tmp;
			} else if (times[i] > pivot) {
				tmp = times[--gt];
				times[gt] = times[i];
				times[i] = tmp;
			} else {
				i++;
			}
		}
		if (k - 1 < lt)
			hi = lt;
		else if (k - 1 < gt)
			break;
		else
			lo = gt;
	}
	limit = times[k - 1];
	for (size_t i = 0; i < c->n; i++)
		if (c->inc[i].last < limit) {
			drop[i] = 1;
			removed++;
		}
	for (size_t i = 0; i < c->n && removed < k; i++)
		if (c->inc[i].last == limit && !drop[i]) {
			drop[i] = 1;
			removed++;
		}
	for (size_t i = 0; i < c->n; i++) {
		if (drop[i]) {
			if (c->inc[i].touched)
				incident_output(out, c, &c->inc[i]);
			incident_free(&c->inc[i]);
			continue;
		}
		if (o != i)
			c->inc[o] = c->inc[i];
		o++;
	}
	c->n = o;
	c->evicted += removed;
	reindex(c);
	free(times);
	free(drop);
}

/* The incident for prefix/bits, created empty if missing. */
static struct incident *
incident_get(struct correlate *c, const struct mnw_addr *prefix,
    unsigned bits, FILE *out)
{
	uint64_t h = incident_hash(prefix, bits);
	struct incident *in = incident_find(c, prefix, bits, h);

	if (in != NULL)
		return in;
	if (c->n >= c->max_incidents)
		evict_oldest(c, out);
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 1024;

		if (ncap > c->max_incidents)
			ncap = c->max_incidents;
		c->inc = mnw_xrealloc(c->inc, ncap * sizeof *c->inc);
		c->cap = ncap;
	}
	in = &c->inc[c->n];
	memset(in, 0, sizeof *in);
	in->prefix = *prefix;
	in->bits = (uint8_t)bits;
	in->filter_rule = MNW_FILTER_NONE;
	if (mnw_hash_insert(&c->index, h, (uint32_t)c->n) == -1)
		mnw_err(MNW_EXIT_TEMP, "incident index");
	c->n++;
	return in;
}

static void
see_time(struct correlate *c, time_t t)
{
	if (t > c->future_max)
		return;
	if (!c->have_newest || t > c->newest) {
		c->newest = t;
		c->have_newest = 1;
	}
}

static void
note_times(struct incident *in, time_t first, time_t last)
{
	if (in->events == 0 && in->filtered == 0) {
		in->first = first;
		in->last = last;
		return;
	}
	if (first < in->first)
		in->first = first;
	if (last > in->last)
		in->last = last;
}

static uint64_t
add_sat64(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static void
list_agent(struct incident *in, uint32_t id)
{
	for (int i = 0; i < in->nlisted; i++)
		if (in->agentlist[i] == id)
			return;
	if (in->nlisted < MNW_INCIDENT_AGENTLIST)
		in->agentlist[in->nlisted++] = id;
}

/* IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 address it carries. */
static void
unmap(struct mnw_addr *a)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (a->family == 6 && memcmp(a->bytes, mapped, 12) == 0) {
		memmove(a->bytes, a->bytes + 12, 4);
		memset(a->bytes + 4, 0, 12);
		a->family = 4;
	}
}


/* 1 if addr names a different host behind each agent: space that each
 * site reuses behind its NAT, or 0.0.0.0 and :: for "this host". */
static int
local_target(const struct mnw_addr *addr)
{
	switch (mnw_addr_classify(addr)) {
	case MNW_ADDR_PRIVATE:
	case MNW_ADDR_SHARED:
	case MNW_ADDR_LINKLOCAL:
	case MNW_ADDR_UNSPECIFIED:	/* "the logging host" (sshd, ...) */
		return 1;
	default:
		return 0;
	}
}

static void
add_event(struct correlate *c, struct mnw_event *ev, FILE *out)
{
	struct mnw_addr prefix, net;
	struct incident *in;
	unsigned bits;
	uint32_t rule, agent;
	int evidence;

	unmap(&ev->src);
	unmap(&ev->dst);
	see_time(c, ev->time);
	prefix = ev->src;
	bits = prefix.family == 4 ? c->bits4 : c->bits6;
	mnw_addr_mask(&prefix, bits);
	in = incident_get(c, &prefix, bits, out);
	if (in->events == 0 && in->filtered == 0)
		in->source = ev->src;
	else if (ev->time < in->first)
		in->source = ev->src;
	note_times(in, ev->time, ev->time);
	in->touched = 1;

	rule = mnw_filter_match(&c->filter, ev);
	if (rule != MNW_FILTER_NONE) {
		in->filtered = add_sat64(in->filtered, ev->count);
		if (in->filter_rule == MNW_FILTER_NONE)
			in->filter_rule = rule;
		count_filtered(c, rule);
		return;
	}
	c->counted++;
	in->events = add_sat64(in->events, ev->count);
	evidence = evidence_of(ev);
	if (evidence > in->evidence)
		in->evidence = (uint8_t)evidence;
	/* The interned name carries its mnw_digest(), the set's value. */
	agent = mnw_strtab_intern(&c->agents, ev->agent, strlen(ev->agent));
	mnw_dset_add(&in->agents, c->agents.hash[agent]);
	list_agent(in, agent);
	/*
	 * A private, shared (carrier-grade NAT) or link-local target, such
	 * as 192.168.1.20 behind one agent's NAT, names a different host
	 * behind each agent, so it is counted per agent: two home networks
	 * are two targets.
	 */
	net = ev->dst;
	mnw_addr_mask(&net, net.family == 4 ? c->netbits4 : c->netbits6);
	if (!local_target(&ev->dst)) {
		mnw_dset_add(&in->targets, mnw_addr_hash(&ev->dst));
		mnw_dset_add(&in->nets, mnw_addr_hash(&net));
	} else {
		uint64_t ah = c->agents.hash[agent];

		mnw_dset_add(&in->targets, mnw_digest_continue(ah,
		    ev->dst.bytes, sizeof ev->dst.bytes));
		mnw_dset_add(&in->nets, mnw_digest_continue(ah,
		    net.bytes, sizeof net.bytes));
	}
	if (ev->dport >= 0)
		mnw_topk_add(&in->ports, (unsigned)ev->dport, ev->count);
	if (ev->proto >= 0)
		in->protos[ev->proto / 64] |= 1ULL << (ev->proto % 64);
}

/* ---- verdicts and output ---- */

enum { V_CANDIDATE, V_BELOW, V_FILTERED };
static const char *const verdict_names[] = {
	"candidate", "below-threshold", "filtered",
};

/* Decide the verdict, and write the rule text to buf. */
static int
verdict(const struct correlate *c, const struct incident *in, char *buf,
    size_t cap)
{
	uint64_t agents = mnw_dset_count(&in->agents);
	uint64_t targets = mnw_dset_count(&in->targets);

	if (in->events == 0) {
		snprintf(buf, cap, "%s",
		    mnw_filter_rule_name(&c->filter, in->filter_rule));
		return V_FILTERED;
	}
	if (in->evidence == EVIDENCE_STRONG) {
		if (agents >= (uint64_t)c->min_agents) {
			snprintf(buf, cap, "agents>=%lld", c->min_agents);
			return V_CANDIDATE;
		}
		snprintf(buf, cap, "agents<%lld", c->min_agents);
		return V_BELOW;
	}
	if (agents >= (uint64_t)c->min_agents_weak) {
		snprintf(buf, cap, "agents>=%lld", c->min_agents_weak);
		return V_CANDIDATE;
	}
	if (agents >= (uint64_t)c->min_agents &&
	    targets >= (uint64_t)c->min_targets_weak) {
		snprintf(buf, cap, "agents>=%lld,targets>=%lld", c->min_agents,
		    c->min_targets_weak);
		return V_CANDIDATE;
	}
	if (agents < (uint64_t)c->min_agents)
		snprintf(buf, cap, "agents<%lld", c->min_agents_weak);
	else
		snprintf(buf, cap, "agents<%lld,targets<%lld",
		    c->min_agents_weak, c->min_targets_weak);
	return V_BELOW;
}

static void
write_protos(FILE *fp, const struct incident *in)
{
	char buf[8];
	int any = 0;

	for (int p = 0; p < 256; p++) {
		if (!(in->protos[p / 64] & (1ULL << (p % 64))))
			continue;
		fprintf(fp, "%s%s", any ? "," : "", mnw_proto_name(p, buf));
		any = 1;
	}
	if (!any)
		putc('-', fp);
}

/* An agent name escaped for a comma-separated list: ',' as \x2c. */
static void
write_list_item(FILE *fp, const char *s)
{
	char *e = mnw_escape_dup(s, strlen(s));

	for (char *p = e; *p != '\0'; p++) {
		if (*p == ',')
			fputs("\\x2c", fp);
		else
			putc(*p, fp);
	}
	free(e);
}

static void
write_agentlist(FILE *fp, const struct correlate *c, const struct incident *in)
{
	if (in->nlisted == 0) {
		putc('-', fp);
		return;
	}
	for (int i = 0; i < in->nlisted; i++) {
		if (i > 0)
			putc(',', fp);
		write_list_item(fp, c->agents.str[in->agentlist[i]]);
	}
}

static const char *
evidence_name(int e)
{
	return e == EVIDENCE_STRONG ? "strong" : e == EVIDENCE_WEAK ? "weak" :
	    "-";
}

static void
incident_output(FILE *fp, struct correlate *c, const struct incident *in)
{
	char a1[MNW_ADDR_STRLEN], a2[MNW_ADDR_STRLEN];
	char t1[MNW_TIME_STRLEN], t2[MNW_TIME_STRLEN], rule[RULE_TEXT_MAX];
	int v = verdict(c, in, rule, sizeof rule);

	switch (v) {
	case V_CANDIDATE:
		c->candidates++;
		break;
	case V_BELOW:
		c->below++;
		break;
	default:
		c->filtered_inc++;
	}
	fprintf(fp, "%s\t%s/%u\t%s\t%s\t%llu\t%llu\t%llu\t%llu\t%llu\t",
	    mnw_addr_format(&in->source, a1), mnw_addr_format(&in->prefix, a2),
	    (unsigned)in->bits, mnw_time_format(in->first, t1),
	    mnw_time_format(in->last, t2), (unsigned long long)in->events,
	    (unsigned long long)in->filtered,
	    (unsigned long long)mnw_dset_count(&in->agents),
	    (unsigned long long)mnw_dset_count(&in->targets),
	    (unsigned long long)mnw_dset_count(&in->nets));
	mnw_topk_write(fp, &in->ports);
	putc('\t', fp);
	write_protos(fp, in);
	fprintf(fp, "\t%s\t%s\t", evidence_name(in->evidence),
	    verdict_names[v]);
	mnw_escape_write(fp, rule, strlen(rule));
	putc('\t', fp);
	write_agentlist(fp, c, in);
	putc('\n', fp);
}

static int
incident_order(const void *a, const void *b)
{
	const struct incident *x = *(struct incident *const *)a;
	const struct incident *y = *(struct incident *const *)b;
	int r = mnw_addr_cmp(&x->prefix, &y->prefix);

	if (r != 0)
		return r;
	return (x->bits > y->bits) - (x->bits < y->bits);
}

/* Write the incidents of this run (or all with all set), in prefix order. */
static void
output_all(FILE *fp, struct correlate *c, int all, time_t cutoff)
{
	struct incident **v = mnw_xmalloc((c->n ? c->n : 1) * sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++)
		if (c->inc[i].touched || (all && c->inc[i].last >= cutoff))
			v[k++] = &c->inc[i];
	qsort(v, k, sizeof *v, incident_order);
	for (size_t i = 0; i < k; i++)
		incident_output(fp, c, v[i]);
	free(v);
}

/* ---- state file ---- */

static void
merge_incident(struct correlate *c, struct incident *dst,
    struct incident *src)
{
	int empty = dst->events == 0 && dst->filtered == 0;

	if (empty || src->first < dst->first)
		dst->source = src->source;
	if (empty) {
		dst->first = src->first;
		dst->last = src->last;
	} else {
		note_times(dst, src->first, src->last);
	}
	dst->events = add_sat64(dst->events, src->events);
	dst->filtered = add_sat64(dst->filtered, src->filtered);
	if (dst->filter_rule == MNW_FILTER_NONE)
		dst->filter_rule = src->filter_rule;
	if (src->evidence > dst->evidence)
		dst->evidence = src->evidence;
	for (int i = 0; i < 4; i++)
		dst->protos[i] |= src->protos[i];
	for (int i = 0; i < src->nlisted; i++)
		list_agent(dst, src->agentlist[i]);
	mnw_dset_merge(&dst->agents, &src->agents);
	mnw_dset_merge(&dst->targets, &src->targets);
	mnw_dset_merge(&dst->nets, &src->nets);
	mnw_topk_merge(&dst->ports, &src->ports);
	(void)c;
}

static int
parse_count(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 20)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
parse_protos(struct incident *in, char *s, size_t len)
{
	char *p = s, *end = s + len;

	if (len == 1 && s[0] == '-')
		return 0;
	while (p <= end) {
		char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = (size_t)((comma != NULL ? comma : end) - p);
		int proto = mnw_proto_parse(p, n);

		if (proto < 0)
			return -1;
		in->protos[proto / 64] |= 1ULL << (proto % 64);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

static int
parse_agentlist(struct correlate *c, struct incident *in, char *s, size_t len)
{
	char *p = s, *end = s + len;

	if (len == 1 && s[0] == '-')
		return 0;
	while (p <= end) {
		char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = (size_t)((comma != NULL ? comma : end) - p);

		if (comma != NULL)
			*comma = '\0';
		if (mnw_unescape(p, &n) == -1 || n == 0 || n > MNW_AGENT_MAX ||
		    memchr(p, '\0', n) != NULL)
			return -1;
		list_agent(in, mnw_strtab_intern(&c->agents, p, n));
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

/* Parse one state line into *in (zeroed first).  NULL or a reason. */
static const char *
state_parse(struct correlate *c, struct incident *in, char *line, size_t len)
{
	char *f[STATE_NFIELDS + 1];
	size_t fl[STATE_NFIELDS + 1];
	unsigned bits;
	struct mnw_addr masked;

	memset(in, 0, sizeof *in);
	in->filter_rule = MNW_FILTER_NONE;
	if (mnw_record_split(line, len, f, fl, STATE_NFIELDS + 1) !=
	    STATE_NFIELDS)
		return "wrong number of fields";
	if (mnw_prefix_parse(&in->prefix, &bits, f[0], fl[0]) == -1)
		return "invalid prefix";
	in->bits = (uint8_t)bits;
	if (mnw_addr_parse(&in->source, f[1], fl[1]) == -1)
		return "invalid source address";
	masked = in->source;
	mnw_addr_mask(&masked, bits);
	if (!mnw_addr_equal(&masked, &in->prefix))
		return "source outside its prefix";
	if (mnw_time_parse_record(f[2], fl[2], &in->first) == -1 ||
	    mnw_time_parse_record(f[3], fl[3], &in->last) == -1 ||
	    in->first > in->last)
		return "invalid time";
	if (parse_count(f[4], fl[4], &in->events) == -1 ||
	    parse_count(f[5], fl[5], &in->filtered) == -1)
		return "invalid count";
	if (!(fl[6] == 1 && f[6][0] == '-')) {
		size_t n = fl[6];

		if (mnw_unescape(f[6], &n) == -1 || n == 0 ||
		    memchr(f[6], '\0', n) != NULL)
			return "invalid filter rule";
		in->filter_rule = mnw_filter_rule(&c->filter, f[6]);
	}
	if (parse_protos(in, f[7], fl[7]) == -1)
		return "invalid protocol list";
	if (strcmp(f[8], "strong") == 0)
		in->evidence = EVIDENCE_STRONG;
	else if (strcmp(f[8], "weak") == 0)
		in->evidence = EVIDENCE_WEAK;
	else if (strcmp(f[8], "-") != 0)
		return "invalid evidence";
	if (mnw_dset_parse(&in->agents, f[9], fl[9]) == -1 ||
	    mnw_dset_parse(&in->targets, f[10], fl[10]) == -1 ||
	    mnw_dset_parse(&in->nets, f[11], fl[11]) == -1) {
		incident_free(in);
		return "invalid set";
	}
	if (mnw_topk_parse(&in->ports, f[12], fl[12]) == -1) {
		incident_free(in);
		return "invalid port list";
	}
	if (parse_agentlist(c, in, f[13], fl[13]) == -1) {
		incident_free(in);
		return "invalid agent list";
	}
	return NULL;
}

/*
 * Load the state file if it exists.  Records for one prefix that occur
 * more than once (state files of shards concatenated) are merged.  A
 * file without the state header is never read or replaced.
 */
static void
state_load(struct correlate *c, const char *path)
{
	struct mnw_lines lr;
	char qpath[QUOTED_PATH_MAX];
	char errbuf[200], *line;
	size_t len;
	FILE *fp;
	int first = 1;
	enum mnw_line_status st;

	/* A copy, because mnw_quote() reuses its buffers. */
	snprintf(qpath, sizeof qpath, "%s", mnw_quote(path, strlen(path), 200));
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return;
		mnw_err(MNW_EXIT_TEMP, "%s", qpath);
	}
	mnw_lines_init(&lr, fp, path, MNW_LINE_MAX_DEFAULT);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		struct incident tmp, *in;
		const char *reason;

		if (st == MNW_LINE_ERROR)
			mnw_err(MNW_EXIT_TEMP, "%s: read error", qpath);
		if (first) {
			first = 0;
			if (st != MNW_LINE_OK || mnw_header_check(line,
			    STATE_TYPE, STATE_VERSION, errbuf,
			    sizeof errbuf) != 1)
				mnw_errx(MNW_EXIT_DATA, "%s: not an %s file "
				    "(no '#mnw-%s/%d' header); not replacing "
				    "it",
				    qpath, STATE_TYPE, STATE_TYPE,
				    STATE_VERSION);
			continue;
		}
		if (st == MNW_LINE_TOO_LONG) {
			mnw_warnx("%s:%llu: line too long, incident dropped",
			    qpath, lr.lineno);
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		reason = memchr(line, '\0', len) != NULL ? "NUL byte in line" :
		    state_parse(c, &tmp, line, len);
		if (reason != NULL) {
			mnw_warnx("%s:%llu: %s, incident dropped", qpath,
			    lr.lineno, reason);
			continue;
		}
		see_time(c, tmp.last);
		in = incident_get(c, &tmp.prefix, tmp.bits, NULL);
		merge_incident(c, in, &tmp);
		incident_free(&tmp);
	}
	mnw_lines_free(&lr);
	fclose(fp);
}

static void
state_write(FILE *fp, void *arg)
{
	struct correlate *c = arg;
	time_t cutoff = c->state_cutoff;

	char a1[MNW_ADDR_STRLEN], a2[MNW_ADDR_STRLEN];
	char t1[MNW_TIME_STRLEN], t2[MNW_TIME_STRLEN];

	mnw_header_write(fp, STATE_TYPE, STATE_VERSION, state_columns);
	for (size_t i = 0; i < c->n; i++) {
		const struct incident *in = &c->inc[i];

		if (in->last < cutoff) {
			c->expired++;
			continue;
		}
		fprintf(fp, "%s/%u\t%s\t%s\t%s\t%llu\t%llu\t",
		    mnw_addr_format(&in->prefix, a1), (unsigned)in->bits,
		    mnw_addr_format(&in->source, a2),
		    mnw_time_format(in->first, t1),
		    mnw_time_format(in->last, t2),
		    (unsigned long long)in->events,
		    (unsigned long long)in->filtered);
		if (in->filter_rule == MNW_FILTER_NONE) {
			putc('-', fp);
		} else {
			const char *name = mnw_filter_rule_name(&c->filter,
			    in->filter_rule);

			mnw_escape_write(fp, name, strlen(name));
		}
		putc('\t', fp);
		write_protos(fp, in);
		fprintf(fp, "\t%s\t", evidence_name(in->evidence));
		mnw_dset_write(fp, &in->agents);
		putc('\t', fp);
		mnw_dset_write(fp, &in->targets);
		putc('\t', fp);
		mnw_dset_write(fp, &in->nets);
		putc('\t', fp);
		mnw_topk_write(fp, &in->ports);
		putc('\t', fp);
		write_agentlist(fp, c, in);
		putc('\n', fp);
	}
}

/* ---- main ---- */

static long long
option_number(const char *s, long long min, long long max, const char *what)
{
	const char *errstr;
	long long v;

	if (mnw_strtonum(s, min, max, &v, &errstr) == -1)
		mnw_errx(MNW_EXIT_USAGE, "%s is %s: '%s' (%lld to %lld)", what,
		    errstr, mnw_quote(s, strlen(s), 40), min, max);
	return v;
}

static void
summary(const struct correlate *c, const struct mnw_evread *rd,
    unsigned long long kept, int dry_run)
{
	char buf[1024];
	size_t o = 0;

	for (size_t i = 0; i < c->rule_events_cap && o < sizeof buf; i++) {
		const char *name;

		if (c->rule_events[i] == 0)
			continue;
		name = mnw_filter_rule_name(&c->filter, (uint32_t)i);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s %llu",
		    o > 0 ? ", " : "", mnw_quote(name, strlen(name), 80),
		    c->rule_events[i]);
	}
	if (o >= sizeof buf)
		memcpy(buf + sizeof buf - 4, "...", 4);
	mnw_warnx("%llu events read, %llu counted, %llu filtered%s%s%s, %llu "
	    "lines rejected", rd->events, c->counted, c->filtered,
	    o > 0 ? " (" : "", o > 0 ? buf : "", o > 0 ? ")" : "",
	    rd->rejected);
	mnw_warnx("%llu incidents written: %llu candidates, %llu below "
	    "threshold, %llu filtered; %llu kept in state%s, %llu expired, "
	    "%llu evicted", c->candidates + c->below + c->filtered_inc,
	    c->candidates, c->below, c->filtered_inc, kept,
	    dry_run ? " (not written: -n)" : "", c->expired, c->evicted);
}

/* Print the synopsis and a line per option to stdout. */
static void
help(void)
{
	printf("usage: %s %s\n\n", mnw_progname, SYNOPSIS);
	fputs(
	    "  -4 bits       group IPv4 sources by this prefix length (default 32)\n"
	    "  -6 bits       group IPv6 sources by this prefix length (default 64)\n"
	    "  -a allowlist  never count sources in this file of addresses and prefixes\n"
	    "  -d dir        keep the state in DIR/state/incidents (default: $MNW_SPOOL)\n"
	    "  -e expiry     drop an incident this long after its last event (default 30d)\n"
	    "  -G agents     agents that make weak evidence a candidate (default 3)\n"
	    "  -g agents     agents that make strong evidence a candidate (default 2)\n"
	    "  -h            print this help and exit\n"
	    "  -k incidents  most incidents kept in the state (default 1000000)\n"
	    "  -L            write every incident in the state, not only this run's\n"
	    "  -M bits       prefix length of an IPv6 target network (default 64)\n"
	    "  -m bits       prefix length of an IPv4 target network (default 24)\n"
	    "  -n            read the state but do not write it\n"
	    "  -o output     write the incidents to OUTPUT, synced before the state\n"
	    "  -q            no per-line warnings; summary only if lines were rejected\n"
	    "  -R rules      read operator filter rules from this file\n"
	    "  -s state      keep the state in the file STATE\n"
	    "  -t targets    distinct targets that, with -g agents, make weak evidence\n"
	    "                a candidate (default 8)\n"
	    "  -u file       write rejected lines to FILE\n"
	    "  -w            wait for the state lock instead of exiting with 75\n"
	    "  -x rule       turn off a built-in filter rule (repeatable)\n",
	    stdout);
}

int
main(int argc, char *argv[])
{
	struct correlate c;
	struct mnw_evread rd;
	struct mnw_event ev;
	struct mnw_atomic out_af;
	const char *state_opt = NULL, *dir_opt = NULL, *out_opt = NULL;
	const char *rejects_opt = NULL, *allow_opt = NULL, *rules_opt = NULL;
	/* Static, so that LeakSanitizer still finds it when an error
	 * exit comes while it is in use. */
	static char *state_path;
	FILE *out = stdout, *rejects = NULL;
	time_t cutoff;
	int ch, all = 0, dry_run = 0, quiet = 0, wait = 0, status, lockfd = -1;
	mnw_setprogname(argv[0]);
	/* getopt's own messages name argv[0]: make it the short name. */
	argv[0] = (char *)mnw_progname;
	/* A closed pipe is a write error (exit 75) with a message, and
	 * the state is then left as it was: no output, no commit. */
	signal(SIGPIPE, SIG_IGN);
	memset(&c, 0, sizeof c);
	c.bits4 = 32;
	c.bits6 = 64;
	c.netbits4 = 24;
	c.netbits6 = 64;
	c.min_agents = 2;
	c.min_agents_weak = 3;
	c.min_targets_weak = 8;
	c.expiry = 30 * 86400;
	c.max_incidents = 1000000;
	mnw_strtab_init(&c.agents);
	mnw_hash_init(&c.index);
	mnw_filter_init(&c.filter);

	while ((ch = getopt(argc, argv,
	    "4:6:a:d:e:G:g:hk:LM:m:no:qR:s:t:u:wx:")) != -1) {
		switch (ch) {
		case '4':
			c.bits4 = (unsigned)option_number(optarg, 1, 32,
			    "IPv4 source prefix length");
			break;
		case '6':
			c.bits6 = (unsigned)option_number(optarg, 1, 128,
			    "IPv6 source prefix length");
			break;
		case 'a':
			allow_opt = optarg;
			break;
		case 'd':
			dir_opt = optarg;
			break;
		case 'e':
			if (mnw_parse_duration(optarg, &c.expiry) == -1 ||
			    c.expiry < 1 || c.expiry > 100LL * 366 * 86400)
				mnw_errx(MNW_EXIT_USAGE, "invalid expiry: '%s' "
				    "(a number of seconds, or with a unit s, "
				    "m, h, d or w)",
				    mnw_quote(optarg, strlen(optarg), 40));
			break;
		case 'G':
			c.min_agents_weak = option_number(optarg, 1, 1000000,
			    "agents for weak evidence");
			break;
		case 'g':
			c.min_agents = option_number(optarg, 1, 1000000,
			    "agents for strong evidence");
			break;
		case 'k':
			c.max_incidents = (size_t)option_number(optarg, 1,
			    100000000, "maximum number of incidents");
			break;
		case 'L':
			all = 1;
			break;
		case 'M':
			c.netbits6 = (unsigned)option_number(optarg, 0, 128,
			    "IPv6 target network prefix length");
			break;
		case 'm':
			c.netbits4 = (unsigned)option_number(optarg, 0, 32,
			    "IPv4 target network prefix length");
			break;
		case 'n':
			dry_run = 1;
			break;
		case 'o':
			out_opt = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'R':
			rules_opt = optarg;
			break;
		case 's':
			state_opt = optarg;
			break;
		case 't':
			c.min_targets_weak = option_number(optarg, 1, 100000000,
			    "targets for weak evidence");
			break;
		case 'u':
			rejects_opt = optarg;
			break;
		case 'w':
			wait = 1;
			break;
		case 'x':
			if (mnw_filter_disable(&c.filter, optarg) == -1)
				mnw_errx(MNW_EXIT_USAGE, "unknown built-in "
				    "rule '%s'", mnw_quote(optarg,
				    strlen(optarg), 40));
			break;
		case 'h':
			help();
			exit(MNW_EXIT_OK);
		default:
			mnw_usage(SYNOPSIS);
		}
	}
	argc -= optind;
	argv += optind;
	c.future_max = time(NULL) + FUTURE_MAX;

	if (allow_opt != NULL)
		mnw_filter_allowlist_load_or_die(&c.filter, allow_opt);
	if (rules_opt != NULL)
		mnw_filter_rules_load_or_die(&c.filter, rules_opt);

	/* Lock, then read the state: the lock is held until the commit. */
	state_path = mnw_state_path_or_die(state_opt, dir_opt, "incidents");
	if (state_path != NULL) {
		lockfd = mnw_state_lock_or_die(state_path, wait);
		state_load(&c, state_path);
	}

	if (rejects_opt != NULL && (rejects = fopen(rejects_opt, "w")) == NULL)
		mnw_err(MNW_EXIT_TEMP, "%s",
		    mnw_quote(rejects_opt, strlen(rejects_opt), 200));
	out = mnw_output_open_or_die(&out_af, out_opt);
	mnw_header_write(out, MNW_INCIDENT_TYPE, MNW_INCIDENT_VERSION,
	    mnw_incident_columns);

	mnw_evread_init(&rd, argv, argc, rejects, rejects_opt);
	rd.quiet = quiet;
	while (mnw_evread_next(&rd, &ev))
		add_event(&c, &ev, out);
	status = mnw_evread_end(&rd);
	if (rejects != NULL && fclose(rejects) == EOF) {
		mnw_warn("%s",
		    mnw_quote(rejects_opt, strlen(rejects_opt), 200));
		status = MNW_EXIT_TEMP;
	}

	cutoff = c.have_newest ? c.newest - (time_t)c.expiry : 0;
	output_all(out, &c, all, cutoff);
	/* The output first: the state may only record what was written. */
	mnw_output_commit_or_die(&out_af, out_opt);
	if (state_path != NULL && !dry_run) {
		c.state_cutoff = cutoff;
		mnw_state_save_or_die(state_path, state_write, &c);
	}
	if (lockfd != -1)
		close(lockfd);

	if (!quiet || rd.rejected > 0)
		summary(&c, &rd, state_path != NULL ? c.n - c.expired : 0,
		    dry_run);

	for (size_t i = 0; i < c.n; i++)
		incident_free(&c.inc[i]);
	free(c.inc);
	mnw_hash_free(&c.index);
	mnw_filter_free(&c.filter);
	free(c.rule_events);
	mnw_strtab_free(&c.agents);
	free(state_path);
	if (status != 0)
		return status;
	if (rd.events > 0 || all)
		return MNW_EXIT_OK;
	return rd.rejected > 0 ? MNW_EXIT_DATA : MNW_EXIT_NOTHING;
}
