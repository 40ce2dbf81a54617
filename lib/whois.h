/*
 * whois.h: abuse contacts from WHOIS answers (RFC 3912, port 43).
 *
 * Three layers, each usable alone:
 *
 *  - mnw_whois_parse() reads one answer of any registry's shape and
 *    returns the abuse contacts found, each with the field it came
 *    from, the referral to the next server, the network range, country
 *    and organisation.  It does no I/O, so it is fuzzed directly.
 *  - mnw_whois_query() sends one query over TCP and reads the answer,
 *    with a deadline and a size cap.
 *  - mnw_whois_lookup() starts at the registry that holds an address,
 *    follows referrals, and applies each server's query style and a
 *    politeness limiter.
 *
 * mnw_mailbox_valid() is the RFC 5321 check that every address passes
 * before it is used, whatever its source.
 */
#ifndef MNW_WHOIS_H
#define MNW_WHOIS_H

#include <stddef.h>
#include <time.h>

#include "mnw.h"

/*
 * Limits.  An answer longer than MNW_WHOIS_ANSWER_MAX is cut there and
 * flagged MNW_WHOIS_TRUNCATED: registry answers for one address are a
 * few KiB, so a megabyte is either an error or an attack.  A line longer
 * than MNW_WHOIS_LINE_MAX is skipped and counted in nlong (RIPE route
 * objects have mnt-routes lines of about 500 bytes).
 */
#define MNW_WHOIS_ANSWER_MAX (1024 * 1024)
#define MNW_WHOIS_LINE_MAX 8192
#define MNW_WHOIS_CONTACTS_MAX 8
#define MNW_MAILBOX_MAX 254	/* RFC 5321 path of 256 octets minus "<>" */
#define MNW_WHOIS_HOST_MAX 253
#define MNW_WHOIS_TEXT_MAX 127	/* org, netname: longer values are cut */
#define MNW_WHOIS_RANGE_MAX 95

/*
 * Check a mailbox as RFC 5321 section 4.1.2 defines it.  The local part
 * is a Dot-string of at most 64 octets.  The domain has at least two LDH
 * labels of at most 63 octets each, and its top label is not all digits.
 * The whole is at most 254 octets.  Quoted local parts, address literals
 * and non-ASCII (SMTPUTF8) are rejected, because no registry publishes
 * them and each would need quoting in every later consumer.  A valid
 * mailbox may still begin with '-', so programs pass it after "--".
 * Returns 1 if valid, 0 if not.
 */
int mnw_mailbox_valid(const char *s, size_t len);

/* Source of a contact, best first. */
enum mnw_whois_rank {
	MNW_WHOIS_RANK_HEADER = 0,	/* "% Abuse contact for ... is '...'" */
	MNW_WHOIS_RANK_ARIN_R,		/* ARIN RAbuseEmail (the net's own POC) */
	MNW_WHOIS_RANK_ARIN_ORG,	/* ARIN OrgAbuseEmail */
	MNW_WHOIS_RANK_ABUSE_C,		/* object named by abuse-c: */
	MNW_WHOIS_RANK_IRT,		/* irt object (mnt-irt:) */
	MNW_WHOIS_RANK_MAILBOX,		/* abuse-mailbox: of another object */
	MNW_WHOIS_RANK_RWHOIS,		/* RWhois abuse e-mail attribute */
	MNW_WHOIS_RANK_NIR,		/* JPNIC, KRNIC contact e-mail */
	MNW_WHOIS_RANK_REMARK,		/* an address in free text: fallback */
};

struct mnw_whois_contact {
	char mailbox[MNW_MAILBOX_MAX + 1];
	char field[32];		/* "abuse-mailbox", "OrgAbuseEmail", ... */
	enum mnw_whois_rank rank;
	int section;		/* ARIN "# start" block; later is more specific */
};

/* Result flags. */
enum {
	MNW_WHOIS_TRUNCATED = 0x01,	/* answer longer than the limit */
	MNW_WHOIS_NO_ABUSE = 0x02,	/* registry says no abuse contact */
	MNW_WHOIS_REFUSED = 0x04,	/* access denied or rate limited */
	MNW_WHOIS_NOT_FOUND = 0x08,	/* no entries found */
	MNW_WHOIS_DELEGATED = 0x10,	/* net transferred to another registry */
	MNW_WHOIS_NOT_MANAGED = 0x20,	/* registry does not manage the block */
	MNW_WHOIS_NIR = 0x40,		/* mirrored national registry object */
};

enum mnw_whois_proto {
	MNW_WHOIS_PROTO_NONE = 0,
	MNW_WHOIS_PROTO_WHOIS,		/* whois://host[:port], port 43 */
	MNW_WHOIS_PROTO_RWHOIS,		/* rwhois://host[:port], port 4321 */
};

struct mnw_whois_referral {
	enum mnw_whois_proto proto;
	char host[MNW_WHOIS_HOST_MAX + 1];	/* lower case, checked syntax */
	unsigned port;
};

struct mnw_whois_result {
	/* Contacts sorted best first; the ones of rank REMARK come last. */
	struct mnw_whois_contact contacts[MNW_WHOIS_CONTACTS_MAX];
	int ncontacts;
	struct mnw_whois_referral referral;
	char range[MNW_WHOIS_RANGE_MAX + 1];	/* most specific, as written */
	struct mnw_addr first, last;		/* the range; family 0 if unknown */
	char country[3];			/* ISO 3166 code, upper case */
	char org[MNW_WHOIS_TEXT_MAX + 1];
	char netname[MNW_WHOIS_TEXT_MAX + 1];
	unsigned flags;				/* MNW_WHOIS_* */
	size_t parsed;		/* bytes of the answer that were read */
	unsigned nlines;	/* lines read */
	unsigned nlong;		/* lines skipped: longer than LINE_MAX */
	unsigned nrejected;	/* contact values rejected (see below) */
	unsigned nbadtext;	/* org, netname, range values with control bytes */
	char rejected[64];	/* first rejected value, escaped, for messages */
	const char *rejected_reason;	/* "placeholder", "invalid mailbox" */
};

/*
 * Parse one answer of len bytes (need not be NUL-terminated; NUL bytes
 * inside are data).  Reads at most MNW_WHOIS_ANSWER_MAX bytes, in time
 * linear in len.  Every contact returned has passed mnw_mailbox_valid()
 * and the placeholder rules in whois.c.  Strings in *out contain no C0
 * control byte and no DEL.  Other bytes of org and netname, invalid
 * UTF-8 included, are kept as sent, so that writers still escape them.
 * Returns the number of contacts that are not of rank
 * MNW_WHOIS_RANK_REMARK.
 */
int mnw_whois_parse(const char *text, size_t len, struct mnw_whois_result *out);

/* The best contact that is not a remark, or NULL. */
const struct mnw_whois_contact *
    mnw_whois_best(const struct mnw_whois_result *r);

/*
 * Parse a referral: "whois://host[:port][/path]", "rwhois://host[:port]",
 * "host" or "host:port".  def is the protocol for a bare host.  Returns 0,
 * or -1 if the text is not a host name with an optional port 1..65535.
 */
int mnw_whois_referral_parse(struct mnw_whois_referral *ref, const char *s,
    size_t len, enum mnw_whois_proto def);

/* ------------------------------------------------------------------ */
/* Client.                                                            */
/* ------------------------------------------------------------------ */

/* A growing answer buffer; data[len] is always a NUL. */
struct mnw_whois_buf {
	char *data;
	size_t len, cap;
	int truncated;		/* the server sent more than MNW_WHOIS_ANSWER_MAX */
};

void mnw_whois_buf_free(struct mnw_whois_buf *b);

/* Failure of a query (mnw_whois_query and mnw_whois_lookup). */
enum mnw_whois_error {
	MNW_WHOIS_OK = 0,
	MNW_WHOIS_E_RESOLVE,	/* host name not resolved */
	MNW_WHOIS_E_CONNECT,	/* connection refused or unreachable */
	MNW_WHOIS_E_TIMEOUT,	/* connect, write or read timed out */
	MNW_WHOIS_E_IO,		/* read or write failed */
	MNW_WHOIS_E_EMPTY,	/* closed without sending anything */
	MNW_WHOIS_E_QUERY,	/* query text contains control bytes */
	MNW_WHOIS_E_REFUSED,	/* answer says access denied or rate limit */
	MNW_WHOIS_E_BUSY,	/* politeness limit: retry later */
	MNW_WHOIS_E_NOSERVER,	/* no server known, or not in the strict map */
	MNW_WHOIS_E_ADDR,	/* address is not global unicast */
};

const char *mnw_whois_strerror(enum mnw_whois_error e);

/*
 * Send query plus CRLF to host:port and read until the server closes.
 * The whole exchange (connect, write, read) must finish within
 * timeout_ms milliseconds.  buf is reset first.  Returns MNW_WHOIS_OK,
 * also when the answer was cut at MNW_WHOIS_ANSWER_MAX (buf->truncated).
 */
enum mnw_whois_error mnw_whois_query(const char *host, unsigned port,
    const char *query, int timeout_ms, struct mnw_whois_buf *buf);

/*
 * Politeness limiter.  Per server, it allows at most `concurrent`
 * queries at once and `per_minute` queries in any 60 seconds.  After a
 * refusal or a failed connection the server is left alone for a backoff
 * that starts at backoff_min seconds and doubles up to backoff_max.  It
 * is not thread-safe, so a program that queries from several threads
 * takes its own lock around these calls.  Times are passed in, so that
 * tests need no clock.
 */
#define MNW_WHOIS_LIMIT_SERVERS 32
#define MNW_WHOIS_LIMIT_WINDOW 64	/* remembered start times per server */

struct mnw_whois_server_state {
	char host[MNW_WHOIS_HOST_MAX + 1];
	int inflight;
	time_t starts[MNW_WHOIS_LIMIT_WINDOW];	/* ring of query start times */
	unsigned nstarts;
	time_t blocked_until;	/* backoff end */
	time_t backoff;		/* current backoff length, seconds */
};

struct mnw_whois_limiter {
	int concurrent;		/* default 2 */
	int per_minute;		/* default 30, at most LIMIT_WINDOW */
	time_t backoff_min;	/* default 60 */
	time_t backoff_max;	/* default 3600 */
	struct mnw_whois_server_state servers[MNW_WHOIS_LIMIT_SERVERS];
	int nservers;
};

enum mnw_whois_outcome {
	MNW_WHOIS_DONE_OK,	/* an answer, whatever it says */
	MNW_WHOIS_DONE_REFUSED,	/* access denied, rate limit */
	MNW_WHOIS_DONE_FAILED,	/* connect refused, timeout: back off too */
};

void mnw_whois_limiter_init(struct mnw_whois_limiter *lim);
/*
 * Ask to start a query to host at time now.  Returns 0 and counts the
 * query, or returns 1 and sets *retry_at to the earliest time when a
 * query may start.
 */
int mnw_whois_limiter_begin(struct mnw_whois_limiter *lim, const char *host,
    time_t now, time_t *retry_at);
void mnw_whois_limiter_end(struct mnw_whois_limiter *lim, const char *host,
    time_t now, enum mnw_whois_outcome outcome);

/* ------------------------------------------------------------------ */
/* Lookup.                                                            */
/* ------------------------------------------------------------------ */

#define MNW_WHOIS_HOPS_MAX 6

struct mnw_whois_options {
	int timeout_ms;		/* per query; default 10000 */
	int hops;		/* servers asked at most; default 4, <= HOPS_MAX */
	int wait_max;		/* seconds to sleep for the limiter; default 10 */
	/*
	 * Server map: "NAME=HOST:PORT[,NAME=HOST:PORT...]", NAME "*"
	 * matching every server.  Tests point every registry at a local
	 * server with it.  With map_only set, a server not in the map is
	 * an error (MNW_WHOIS_E_NOSERVER) and nothing else is contacted.
	 */
	const char *map;
	int map_only;
	struct mnw_whois_limiter *limiter;	/* NULL: one kept in whois.c */
};

/* One server asked during a lookup. */
struct mnw_whois_hop {
	char server[MNW_WHOIS_HOST_MAX + 1];
	unsigned port;
	char query[64];
	enum mnw_whois_error error;
	unsigned flags;		/* flags of that answer */
	int ncontacts;
};

struct mnw_whois_lookup_result {
	struct mnw_whois_result result;	/* contacts of the deepest useful answer */
	char server[MNW_WHOIS_HOST_MAX + 1];	/* the server they came from */
	struct mnw_whois_hop hops[MNW_WHOIS_HOPS_MAX];
	int nhops;
	int loop;		/* a referral pointed back to a server asked */
	enum mnw_whois_error error;	/* of the first failed hop, or OK */
};

void mnw_whois_options_init(struct mnw_whois_options *opt);

/*
 * Return the WHOIS server of the registry responsible for addr by the
 * built-in copy of the IANA allocation tables: whois.iana.org for space
 * not listed, NULL for an address that is not global unicast.
 */
const char *mnw_whois_registry(const struct mnw_addr *addr);

/*
 * Find the abuse contact of addr: ask its registry, then follow
 * referrals.  Returns MNW_WHOIS_OK when some server sent an answer,
 * which may contain no contact (check result.ncontacts).  Otherwise it
 * returns the error of the first failed server, and the caller should
 * retry later.  With opt->limiter NULL it uses one limiter kept in
 * whois_query.c, which is not thread-safe.
 */
enum mnw_whois_error mnw_whois_lookup(const struct mnw_addr *addr,
    const struct mnw_whois_options *opt, struct mnw_whois_lookup_result *out);

#endif
