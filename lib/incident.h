/*
 * incident.h: the incident record, and the bounded summaries that an
 * incident keeps of its events.
 *
 * An incident is everything mnw-correlate has seen from one source
 * prefix.  Its memory must not grow with its events, so the sets it
 * keeps are summaries of fixed maximum size:
 *
 *  - struct mnw_dset counts distinct values (agents, targets, target
 *    networks): exactly up to MNW_DSET_EXACT values, then with a
 *    HyperLogLog sketch of 2^MNW_DSET_HLL_BITS one-byte registers,
 *    whose standard error is about 1.04 / sqrt(256), so 6.5%.
 *  - struct mnw_topk keeps the MNW_TOPK_SLOTS most frequent target
 *    ports with the Space-Saving algorithm (Metwally, Agrawal and El
 *    Abbadi, 2005).  Counts are exact while an incident has at most
 *    that many distinct ports.  Beyond, a newcomer takes the smallest
 *    slot and inherits its count, so a count can be too high by at most
 *    the smallest count kept.
 *
 * Both have a text form for the state file, so that two state files
 * (of two runs, or of two shards) merge without loss of what the
 * summaries hold.  The text form depends on mnw_addr_hash() and
 * mnw_digest() staying the same from one version to the next.
 */
#ifndef MNW_INCIDENT_H
#define MNW_INCIDENT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "mnw.h"

/*
 * The incident record, version 1 (see mnw-correlate(1) and
 * mnw-records(5)):
 *
 *  1 source      first source address seen
 *  2 prefix      source prefix of the incident, "198.51.100.7/32"
 *  3 first       time of the first event, counted or filtered
 *  4 last        time of the last event, counted or filtered
 *  5 events      packets counted (sum of the count column)
 *  6 filtered    packets not counted because a filter matched
 *  7 agents      distinct agents that reported counted events
 *  8 targets     distinct target addresses
 *  9 targetnets  distinct target networks (targets masked, /24 and /64)
 * 10 ports       top target ports with packet counts, "22:120,23:40"
 * 11 protos      protocols of counted events, "tcp,udp"
 * 12 evidence    "strong", "weak", or "-" when nothing was counted
 * 13 verdict     "candidate", "below-threshold" or "filtered"
 * 14 rule        threshold reached, threshold missed, or filter rule
 * 15 agentlist   the first MNW_INCIDENT_AGENTLIST agents, comma-separated
 */
#define MNW_INCIDENT_TYPE "incident"
#define MNW_INCIDENT_VERSION 1
#define MNW_INCIDENT_NFIELDS 15
extern const char *const mnw_incident_columns[];

/* Agents named in the agentlist column at most. */
#define MNW_INCIDENT_AGENTLIST 8

/* ---- distinct counts ---- */

#define MNW_DSET_EXACT 32
#define MNW_DSET_HLL_BITS 8
#define MNW_DSET_HLL_SIZE (1 << MNW_DSET_HLL_BITS)

enum {
	MNW_DSET_INLINE = 0,	/* up to 2 values in u.inl */
	MNW_DSET_LIST,		/* up to MNW_DSET_EXACT values in u.list */
	MNW_DSET_HLL,		/* estimate from u.hll */
};

struct mnw_dset {
	uint32_t n;		/* distinct values while exact, and a
				   lower bound once estimated */
	uint8_t mode;
	uint8_t cap;		/* allocated slots of u.list */
	union {
		uint64_t inl[2];
		uint64_t *list;
		uint8_t *hll;
	} u;
};

/* Values are 64-bit hashes, and callers pass well-mixed ones. */
void mnw_dset_add(struct mnw_dset *s, uint64_t v);
uint64_t mnw_dset_count(const struct mnw_dset *s);
void mnw_dset_merge(struct mnw_dset *dst, const struct mnw_dset *src);
void mnw_dset_free(struct mnw_dset *s);
/*
 * Text form: "-" (empty), "x:HASH,HASH,..." (exact, 16 hex digits
 * each) or "h:N:REGISTERS" (N the lower bound, then 512 hex digits).
 */
void mnw_dset_write(FILE *fp, const struct mnw_dset *s);
/* Parse the text form into an empty set.  Returns 0 or -1. */
int mnw_dset_parse(struct mnw_dset *s, const char *text, size_t len);

/* ---- top ports ---- */

#define MNW_TOPK_SLOTS 8

struct mnw_topk {
	uint32_t count[MNW_TOPK_SLOTS];	/* saturates at UINT32_MAX */
	uint16_t port[MNW_TOPK_SLOTS];
	uint8_t n;
};

void mnw_topk_add(struct mnw_topk *t, unsigned port, unsigned long count);
void mnw_topk_merge(struct mnw_topk *dst, const struct mnw_topk *src);
/* "22:120,23:40", most frequent first, or "-". */
void mnw_topk_write(FILE *fp, const struct mnw_topk *t);
/* Parse the text form into an empty summary.  Returns 0 or -1. */
int mnw_topk_parse(struct mnw_topk *t, const char *text, size_t len);

#endif
