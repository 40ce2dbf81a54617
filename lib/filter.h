/*
 * filter.h: the false-alarm filters of mnw-correlate.
 *
 * A filter names an event that should not count as evidence against
 * its source.  Each filter has a rule name, printed in the rule column
 * of an incident and counted in the summary.  The filters are tried in
 * a fixed order, and the first that matches names the event.  First
 * comes the operator's allowlist (longest matching prefix,
 * "allowlist:NAME"), then the operator's rules in file order
 * ("rule:LINE"), then the built-in filters below.  Each built-in filter
 * can be turned off.  mnw-correlate(1) documents every rule and both
 * file formats.
 */
#ifndef MNW_FILTER_H
#define MNW_FILTER_H

#include <stdint.h>

#include "hash.h"
#include "mnw.h"

#define MNW_FILTER_NONE MNW_HASH_NONE	/* no filter matched */

/* Built-in filters, in the order they are tried after the operator's.
 * Their rule numbers are these constants. */
enum {
	MNW_FILTER_SRC = 0,	/* one per address class: SRC + class */
	MNW_FILTER_DST_MULTICAST = MNW_FILTER_SRC + MNW_ADDR_RESERVED + 1,
	MNW_FILTER_DST_BROADCAST,
	MNW_FILTER_LAN_CHATTER,
	MNW_FILTER_LATE_REPLY,
	MNW_FILTER_BUILTINS,
};

/* An allowlist entry or an operator rule that names a prefix. */
struct mnw_prefix_entry {
	struct mnw_addr net;
	uint8_t bits;
	uint32_t rule;
};

/* Prefixes looked up by longest match: one hash probe per length used. */
struct mnw_prefix_set {
	struct mnw_prefix_entry *e;
	size_t n, cap;
	struct mnw_hash index;
	uint8_t lens[2][129];	/* prefix lengths in use, longest first, */
	int nlens[2];		/* [0] for IPv4 and [1] for IPv6 */
};

/* The field an operator rule matches: "ignore src|dst|sport|dport|agent". */
enum mnw_op_kind {
	MNW_OP_SRC, MNW_OP_DST, MNW_OP_SPORT, MNW_OP_DPORT, MNW_OP_AGENT,
};

/* One line of the operator's rules file. */
struct mnw_op_rule {
	enum mnw_op_kind kind;
	struct mnw_addr net;
	unsigned bits;
	int lo, hi;		/* port range */
	int proto;		/* -1 for any */
	char *agent;
	uint32_t rule;
};

struct mnw_filter {
	struct mnw_strtab rules;	/* rule names, built-ins first */
	int disabled[MNW_FILTER_BUILTINS];
	struct mnw_prefix_set allow;
	struct mnw_op_rule *ops;	/* operator rules in file order */
	size_t nops, opscap;
};

void mnw_filter_init(struct mnw_filter *f);
void mnw_filter_free(struct mnw_filter *f);
/* Turn off the built-in filter called name.  Returns 0, or -1 if no
 * built-in filter has that name. */
int mnw_filter_disable(struct mnw_filter *f, const char *name);
/* Read an allowlist or a rules file.  Exit MNW_EXIT_CONFIG with a
 * message naming the file and line on any error. */
void mnw_filter_allowlist_load_or_die(struct mnw_filter *f, const char *path);
void mnw_filter_rules_load_or_die(struct mnw_filter *f, const char *path);
/* The rule that filters ev, or MNW_FILTER_NONE if ev counts. */
uint32_t mnw_filter_match(const struct mnw_filter *f,
    const struct mnw_event *ev);
/* The number of a rule name, added if new (as read from a state file). */
uint32_t mnw_filter_rule(struct mnw_filter *f, const char *name);
/* The name of a rule number, or "-" if there is no such rule. */
const char *mnw_filter_rule_name(const struct mnw_filter *f, uint32_t rule);

#endif
