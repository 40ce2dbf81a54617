/*
 * backtrace.h: the responsible party of a source address, as
 * mnw-backtrace(1) finds it.  One section per source file:
 *
 *  bttxt.c    parsers of the TXT answers (Team Cymru, Abusix); fuzzed
 *  dns.c      the c-ares event loop: PTR with forward confirmation,
 *             origin ASN, AS name and abuse-contact TXT lookups
 *  geo.c      offline data: MaxMind DB files and CSV range tables
 *  contact.c  host name and mailbox checks, the override file, the
 *             registered-domain guess
 *  btcache.c  the cache file of answers and "no contact found"
 *
 * Text that comes from the network (PTR names, AS names, contacts) is
 * kept here as received, after the checks named below, and is escaped
 * with mnw_escape() only when a record is written.
 */
#ifndef MNW_BACKTRACE_H
#define MNW_BACKTRACE_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "hash.h"
#include "mnw.h"

#define MNW_BT_ASNS 8		/* origin ASNs kept per address */
#define MNW_BT_CONTACTS 4	/* abuse contacts kept per address */
#define MNW_BT_NAME_MAX 255	/* longest PTR or host name, bytes */
#define MNW_BT_ASNAME_MAX 255	/* longest AS name kept, bytes */
#define MNW_BT_MAILBOX_MAX 254	/* RFC 5321 path limit minus brackets */
#define MNW_BT_SOURCE_MAX 300	/* longest provenance text: "whois:" + host */

/* Lookups, as bits of mnw_bt_result.failed and .skipped. */
enum {
	MNW_BT_L_PTR = 0x01,	/* PTR of the address */
	MNW_BT_L_FORWARD = 0x02,	/* A or AAAA of the PTR name */
	MNW_BT_L_ORIGIN = 0x04,	/* Team Cymru origin TXT */
	MNW_BT_L_ASNAME = 0x08,	/* Team Cymru AS name TXT */
	MNW_BT_L_ABUSIX = 0x10,	/* abuse-contact TXT zone */
	MNW_BT_L_WHOIS = 0x20,	/* WHOIS over TCP port 43 */
};
#define MNW_BT_L_ALL 0x3f
#define MNW_BT_L_DNS (MNW_BT_L_ALL & ~MNW_BT_L_WHOIS)
#define MNW_BT_LOOKUPS 6

/* "ptr", "forward", "origin", "asname", "abuse-zone", "whois": bit i. */
extern const char *const mnw_bt_lookup_names[MNW_BT_LOOKUPS];

enum mnw_bt_ptr {
	MNW_BT_PTR_UNKNOWN = 0,	/* not looked up (skipped or failed) */
	MNW_BT_PTR_NONE,	/* no PTR record */
	MNW_BT_PTR_CONFIRMED,	/* valid name whose A/AAAA is the address */
	MNW_BT_PTR_UNCONFIRMED,	/* valid name, forward lookup disagrees */
	MNW_BT_PTR_INVALID,	/* not a valid host name: never used */
};

struct mnw_bt_contact {
	char mailbox[MNW_BT_MAILBOX_MAX + 1];
	char source[MNW_BT_SOURCE_MAX + 1];	/* "abusix", "whois:HOST", ... */
	time_t when;		/* when it was looked up */
};

struct mnw_bt_result {
	struct mnw_addr addr;
	time_t looked;		/* when the network lookups ran */
	enum mnw_bt_ptr ptr_status;
	char ptr[MNW_BT_NAME_MAX + 1];	/* valid host name, or "" */
	uint32_t asn[MNW_BT_ASNS];	/* sorted, distinct */
	int nasn;
	char asname[MNW_BT_ASNAME_MAX + 1];
	char prefix[MNW_ADDR_STRLEN + 4];	/* "198.51.100.0/24" or "" */
	char registry[16];	/* "ripencc", "arin", ... or "" */
	char alloccc[3];	/* allocation country, or "" */
	char geocc[3];		/* geolocated country, or "" */
	char netsrc[16];	/* where asn..alloccc came from */
	/* Contacts from the abuse-contact zone and WHOIS. */
	struct mnw_bt_contact net[MNW_BT_CONTACTS];
	int nnet;
	unsigned failed;	/* MNW_BT_L_* that failed for now */
	unsigned skipped;	/* MNW_BT_L_* not tried */
	unsigned rejected;	/* answers dropped by a check (counted) */
};

void mnw_bt_result_init(struct mnw_bt_result *r, const struct mnw_addr *a);

/* ------------------------------------------------------------------ */
/* bttxt.c: the TXT answer parsers.                                    */
/* ------------------------------------------------------------------ */

/*
 * One origin TXT string of origin.asn.cymru.com:
 * "64500 64501 | 198.51.100.0/24 | NL | ripencc | 2001-01-01".
 * Returns 0 and fills out (several ASNs for a multi-origin prefix), or
 * -1 if a field is invalid or the prefix does not contain addr.
 */
struct mnw_bt_origin {
	uint32_t asn[MNW_BT_ASNS];
	int nasn;
	struct mnw_addr net;
	unsigned bits;
	char registry[16];
	char cc[3];
};
int mnw_bt_parse_origin(const char *s, size_t len, const struct mnw_addr *addr,
    struct mnw_bt_origin *out);
/*
 * One AS name TXT string of asn.cymru.com:
 * "64500 | NL | ripencc | 2001-01-01 | EXAMPLE-AS Example BV, NL".
 * The name (the fifth field, trimmed) must be 1..MNW_BT_ASNAME_MAX
 * bytes without NUL; other bytes are kept for the record escape.
 * Returns 0, or -1 if the string is malformed or names another ASN.
 */
int mnw_bt_parse_asname(const char *s, size_t len, uint32_t asn, char *name,
    size_t cap);
/*
 * One abuse-contact TXT string: a mailbox, surrounding blanks allowed.
 * Returns 0 with the mailbox in out (cap bytes), or -1 if it fails
 * mnw_bt_mailbox_valid() or is a placeholder.
 */
int mnw_bt_parse_abusix(const char *s, size_t len, char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* contact.c: checks, override file, guess.                            */
/* ------------------------------------------------------------------ */

/*
 * Check host name syntax (RFC 952, RFC 1123 section 2.1).  A valid
 * name has at least two dot-separated labels of letters, digits and
 * hyphens, 1..63 bytes each, with no hyphen at either end.  It is at
 * most 253 bytes long without the optional final dot, and its
 * top-level label is not all digits.
 */
int mnw_bt_hostname_valid(const char *s, size_t len);
/*
 * Check an RFC 5321 Mailbox with mnw_mailbox_valid() (whois.h): a
 * Dot-string local part of at most 64 bytes, "@", and a host name
 * domain, at most MNW_BT_MAILBOX_MAX bytes.  Quoted local parts and
 * address literals are rejected.  A local part that starts with '-' is
 * rejected too, so that no contact can look like a command option.
 * Returns 1 if valid.
 */
int mnw_bt_mailbox_valid(const char *s, size_t len);
/*
 * 1 if a valid mailbox is a known placeholder: a domain under
 * example.com, example.net, example.org (RFC 2606), "invalid",
 * "localhost" or "local", or a local part such as "nobody" or
 * "noreply".
 */
int mnw_bt_mailbox_placeholder(const char *s);
/* The registered domain of a host name, as a pointer into name. */
const char *mnw_bt_registered_domain(const char *name);

enum { MNW_BT_OV_PREFIX = 1, MNW_BT_OV_ASN, MNW_BT_OV_DOMAIN };

struct mnw_bt_rule {
	int kind;		/* MNW_BT_OV_* */
	struct mnw_addr net;
	unsigned bits;
	uint32_t asn;
	char *domain;		/* lower case, no final dot */
	char *mailbox;		/* NULL: never report */
	unsigned long line;
};

struct mnw_bt_overrides {
	struct mnw_bt_rule *rule;
	size_t n, cap;
	char *name;		/* file name for provenance */
};

/*
 * Read an override file, printing each error with file and line.
 * Returns 0 or -1.  After -1, *open_failed is 1 if the file could not
 * be opened and 0 if it was invalid; mnw-backtrace exits with
 * MNW_EXIT_CONFIG in both cases.
 */
int mnw_bt_overrides_load(struct mnw_bt_overrides *ov, const char *path,
    int *open_failed);
void mnw_bt_overrides_free(struct mnw_bt_overrides *ov);
/*
 * The rule for a result: the longest matching prefix, else a rule for
 * one of its origin ASNs, else the longest domain rule that the
 * confirmed PTR name is in.  NULL if none.
 */
const struct mnw_bt_rule *mnw_bt_overrides_match(
    const struct mnw_bt_overrides *ov, const struct mnw_bt_result *r);

/* ------------------------------------------------------------------ */
/* geo.c: offline data.                                                */
/* ------------------------------------------------------------------ */

struct mnw_geo;

/*
 * Open the country and ASN data: each path is a MaxMind DB file
 * (".mmdb") or a CSV range table, or NULL.  Errors are printed;
 * returns NULL on failure.
 */
struct mnw_geo *mnw_geo_open(const char *country_path, const char *asn_path);
void mnw_geo_close(struct mnw_geo *g);
/* Fill geocc, and asn/asname/prefix when the ASN data has them. */
void mnw_geo_lookup(struct mnw_geo *g, struct mnw_bt_result *r, int want_asn);

/* ------------------------------------------------------------------ */
/* dns.c: concurrent DNS lookups with c-ares.                          */
/* ------------------------------------------------------------------ */

struct mnw_dns_conf {
	const char *servers;	/* "127.0.0.1:5353,..." or NULL: system */
	int timeout_ms;		/* first try; c-ares doubles it per round */
	int tries;
	int max_inflight;	/* queries outstanding at once */
	const char *origin4;	/* "origin.asn.cymru.com" */
	const char *origin6;	/* "origin6.asn.cymru.com" */
	const char *asnzone;	/* "asn.cymru.com" */
	const char *abusezone;	/* "abuse-contacts.abusix.zone", or NULL */
	unsigned lookups;	/* MNW_BT_L_* to do */
};

struct mnw_dns_stats {
	unsigned long long queries;	/* sent, retries not counted */
	unsigned long long answers;	/* with status ARES_SUCCESS */
	unsigned long long failures;	/* timeouts and server failures */
};

/*
 * Resolve every result of r[0..n) in place: each gets its PTR, origin
 * and AS name, and abuse-contact answers.  Returns 0, or -1 with a
 * message if c-ares cannot start.
 */
int mnw_dns_resolve(const struct mnw_dns_conf *conf,
    struct mnw_bt_result *r, size_t n, struct mnw_dns_stats *st);

/* ------------------------------------------------------------------ */
/* btcache.c: the cache file.                                          */
/* ------------------------------------------------------------------ */

struct mnw_btcache_entry {
	struct mnw_bt_result r;
	time_t expires;
};

struct mnw_btcache {
	char *path;
	struct mnw_btcache_entry *e;
	uint32_t n, cap;
	struct mnw_hash index;
	size_t max;		/* entries kept at most */
	int dirty;
	unsigned long long invalid;	/* lines skipped at load */
};

/*
 * Load the cache file (a missing file is an empty cache).  Entries
 * that expired before now are dropped.  Returns 0, or -1 (errno) on a
 * read error.
 */
int mnw_btcache_load(struct mnw_btcache *c, const char *path, size_t max,
    time_t now);
/* The fresh entry for a, or NULL. */
const struct mnw_bt_result *mnw_btcache_get(const struct mnw_btcache *c,
    const struct mnw_addr *a);
/* Store r until expires, replacing an older entry. */
void mnw_btcache_put(struct mnw_btcache *c, const struct mnw_bt_result *r,
    time_t expires);
/* Write the cache atomically if it changed.  Returns 0 or -1 (errno). */
int mnw_btcache_save(struct mnw_btcache *c);
void mnw_btcache_free(struct mnw_btcache *c);

#endif
