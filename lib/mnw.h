/*
 * mnw.h: the library that every mnw program links.
 *
 * One header, one section per source file in lib/.  Programs include
 * only this file.  Functions that can fail return -1 or NULL, and the
 * caller prints the message.  The mnw_x* allocators are the exception:
 * they exit with MNW_EXIT_TEMP when memory runs out.
 */
#ifndef MNW_H
#define MNW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#if defined(__GNUC__)
#define MNW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define MNW_NORETURN __attribute__((noreturn))
#else
#define MNW_PRINTF(f, a)
#define MNW_NORETURN
#endif

/* ------------------------------------------------------------------ */
/* Exit codes (shared by every program; listed in each man page).      */
/* ------------------------------------------------------------------ */

enum {
	MNW_EXIT_OK = 0,	/* success */
	MNW_EXIT_NOTHING = 1,	/* nothing to do: no input records */
	MNW_EXIT_USAGE = 64,	/* command line usage error (EX_USAGE) */
	MNW_EXIT_DATA = 65,	/* input data unusable: permanent (EX_DATAERR) */
	MNW_EXIT_NOINPUT = 66,	/* an input file cannot be opened (EX_NOINPUT) */
	MNW_EXIT_SOFTWARE = 70,	/* internal error, a bug (EX_SOFTWARE) */
	MNW_EXIT_TEMP = 75,	/* temporary failure, retry later (EX_TEMPFAIL) */
	MNW_EXIT_CONFIG = 78,	/* configuration file error (EX_CONFIG) */
};

/* ------------------------------------------------------------------ */
/* err.c: messages on stderr, one phrasing for every program.          */
/*                                                                    */
/* "mnw-parse: kern.log:1042: invalid source address '300.1.2.3'"      */
/* Program name, then where (optional), then what: lowercase, no full  */
/* stop.  Values quoted with mnw_quote() so that input bytes never     */
/* reach the terminal raw.                                             */
/* ------------------------------------------------------------------ */

extern const char *mnw_progname;

void mnw_setprogname(const char *argv0);
void mnw_warnx(const char *fmt, ...) MNW_PRINTF(1, 2);
void mnw_warn(const char *fmt, ...) MNW_PRINTF(1, 2);	/* appends strerror(errno) */
MNW_NORETURN void mnw_errx(int code, const char *fmt, ...) MNW_PRINTF(2, 3);
MNW_NORETURN void mnw_err(int code, const char *fmt, ...) MNW_PRINTF(2, 3);
/* Print "usage: PROG SYNOPSIS" to stderr and exit MNW_EXIT_USAGE. */
MNW_NORETURN void mnw_usage(const char *synopsis);

/*
 * Quote untrusted bytes for a message: printable ASCII is kept, a quote
 * or backslash is escaped, anything else becomes \xHH; at most max input
 * bytes are shown, then "..." .  The result lives in one of a few
 * rotating static buffers, so up to 4 calls can appear in one message.
 */
const char *mnw_quote(const char *s, size_t len, size_t max);

/* Allocation that exits with MNW_EXIT_TEMP (out of memory) on failure. */
void *mnw_xmalloc(size_t n);
void *mnw_xcalloc(size_t n, size_t size);
void *mnw_xrealloc(void *p, size_t n);
char *mnw_xstrdup(const char *s);

/* ------------------------------------------------------------------ */
/* num.c: range-checked numbers (never atoi).                          */
/* ------------------------------------------------------------------ */

/*
 * Parse all of s as a decimal integer in [min, max].  Returns 0 on
 * success; -1 with *errstr set to "invalid", "too small" or "too large".
 */
int mnw_strtonum(const char *s, long long min, long long max,
    long long *out, const char **errstr);
/* Same for len bytes that need not be NUL-terminated. */
int mnw_strntonum(const char *s, size_t len, long long min, long long max,
    long long *out);
/* Parse a duration: plain seconds or a number with s, m, h, d or w. */
int mnw_parse_duration(const char *s, long long *seconds);

/* ------------------------------------------------------------------ */
/* lineio.c: read lines of any length, with a documented maximum.      */
/* ------------------------------------------------------------------ */

#define MNW_LINE_MAX_DEFAULT (64 * 1024)

struct mnw_lines {
	FILE *fp;
	const char *name;	/* file name for messages, "-" for stdin */
	char *buf;
	size_t cap;
	size_t start, end;	/* unread bytes are buf[start..end) */
	int eof;
	size_t max;		/* longest accepted line in bytes, without newline */
	unsigned long long lineno;	/* number of the line last returned */
};

enum mnw_line_status {
	MNW_LINE_OK = 0,	/* a line is in *line, NUL-terminated, no newline */
	MNW_LINE_EOF = 1,
	MNW_LINE_TOO_LONG = 2,	/* skipped to the next newline; *len is its length */
	MNW_LINE_ERROR = 3,	/* read error, errno set */
};

void mnw_lines_init(struct mnw_lines *lr, FILE *fp, const char *name,
    size_t max);
/*
 * Read the next line.  On MNW_LINE_OK, *line points into the reader's
 * buffer (valid until the next call) and *len is its length without the
 * newline.  A final line without newline is returned too, and a
 * trailing CR is removed.  The line may contain NUL bytes: use *len, and
 * memchr(line, 0, len) to reject them.  A line longer than max is never
 * held in memory: it is consumed and reported as MNW_LINE_TOO_LONG.
 */
enum mnw_line_status mnw_lines_next(struct mnw_lines *lr, char **line,
    size_t *len);
void mnw_lines_free(struct mnw_lines *lr);

/* ------------------------------------------------------------------ */
/* escape.c: the one escape scheme for record fields.                  */
/*                                                                    */
/* Bytes that cannot appear raw in a field are written as \t \n \r \\  */
/* or \xHH (two lowercase hex digits): all C0 controls, DEL, bytes     */
/* that are not part of valid UTF-8, UTF-8 encoded C1 controls         */
/* (U+0080..U+009F, written as two \xHH), a '#' that starts a field    */
/* and a field that is exactly "-" (written \x2d).  An empty value is  */
/* written "-".  See mnw-records(5).                                   */
/* ------------------------------------------------------------------ */

/* Escape len bytes of s into out (cap bytes).  Returns the length
 * written without NUL, or the length needed (>= cap) if out is too small. */
size_t mnw_escape(char *out, size_t cap, const char *s, size_t len);
/* Escape into a newly allocated string. */
char *mnw_escape_dup(const char *s, size_t len);
/* Write the escaped field to fp. */
int mnw_escape_write(FILE *fp, const char *s, size_t len);
/*
 * Undo mnw_escape in place: s becomes the raw bytes, *len their count.
 * "-" becomes the empty string.  Returns -1 on a malformed escape.
 */
int mnw_unescape(char *s, size_t *len);

/* ------------------------------------------------------------------ */
/* addr.c: IPv4 and IPv6 addresses.                                    */
/* ------------------------------------------------------------------ */

struct mnw_addr {
	uint8_t family;		/* 4 or 6; 0 = none */
	uint8_t bytes[16];	/* IPv4 in bytes[0..3], rest zero */
};

#define MNW_ADDR_STRLEN 46	/* enough for any canonical text plus NUL */

/*
 * Parse an address in its usual text: dotted quad IPv4 (four decimal
 * parts, no leading zeros beyond a single 0, each <= 255), or IPv6 as
 * RFC 4291 section 2.2 allows (with :: and an embedded IPv4 tail), no
 * zone index.  len bytes of s, not NUL-terminated.  Returns 0 or -1.
 */
int mnw_addr_parse(struct mnw_addr *a, const char *s, size_t len);
/*
 * Same, but also accepts IPv4 parts with leading zeros (010.001.002.003,
 * as some firewalls print them), read as decimal.
 */
int mnw_addr_parse_lenient(struct mnw_addr *a, const char *s, size_t len);
/* Canonical text: dotted quad, or RFC 5952 for IPv6 (IPv4-mapped as
 * ::ffff:1.2.3.4).  buf has at least MNW_ADDR_STRLEN bytes. */
char *mnw_addr_format(const struct mnw_addr *a, char *buf);
int mnw_addr_cmp(const struct mnw_addr *a, const struct mnw_addr *b);
int mnw_addr_equal(const struct mnw_addr *a, const struct mnw_addr *b);
/* Clear all bits after the first bits (prefix length). */
void mnw_addr_mask(struct mnw_addr *a, unsigned bits);
/* 1 if a is inside net/bits (same family), else 0. */
int mnw_addr_in_prefix(const struct mnw_addr *a, const struct mnw_addr *net,
    unsigned bits);
/* Parse "ADDR/BITS" or a lone address (bits = 32 or 128). Host bits set
 * in ADDR are an error (-1), as in most routers' configuration. */
int mnw_prefix_parse(struct mnw_addr *net, unsigned *bits, const char *s,
    size_t len);
/* 64-bit hash of the address, for hash tables. */
uint64_t mnw_addr_hash(const struct mnw_addr *a);

/* Special-purpose address classes (RFC 6890 registries and neighbours). */
enum mnw_addr_class {
	MNW_ADDR_GLOBAL = 0,	/* ordinary routable unicast */
	MNW_ADDR_UNSPECIFIED,	/* 0.0.0.0/8 ("this network"), :: */
	MNW_ADDR_LOOPBACK,	/* 127/8, ::1 */
	MNW_ADDR_PRIVATE,	/* 10/8, 172.16/12, 192.168/16, fc00::/7 */
	MNW_ADDR_SHARED,	/* 100.64/10 (RFC 6598, carrier-grade NAT) */
	MNW_ADDR_LINKLOCAL,	/* 169.254/16, fe80::/10 */
	MNW_ADDR_MULTICAST,	/* 224/4, ff00::/8 */
	MNW_ADDR_BROADCAST,	/* 255.255.255.255 */
	MNW_ADDR_DOCUMENTATION,	/* 192.0.2/24, 198.51.100/24, 203.0.113/24,
				   2001:db8::/32, 3fff::/20 */
	MNW_ADDR_BENCHMARK,	/* 198.18/15, 2001:2::/48 */
	MNW_ADDR_RESERVED,	/* 240/4, 192.0.0/24, and the IPv6 space
				   outside 2000::/3 not listed above */
};

enum mnw_addr_class mnw_addr_classify(const struct mnw_addr *a);
/* Lower-case name of a class: "global", "private", "loopback", ... */
const char *mnw_addr_class_name(enum mnw_addr_class c);

/* ------------------------------------------------------------------ */
/* time.c: timestamps, all converted to UTC seconds since the epoch.   */
/* ------------------------------------------------------------------ */

/*
 * A time zone for input that carries none: a fixed offset ("+02:00",
 * "-0500", "UTC", "Z") or a zoneinfo name ("Europe/Berlin").  Named zones
 * are converted with the C library's tz database by switching TZ, so
 * conversions with a named zone are not thread-safe.
 */
struct mnw_tz {
	int fixed;		/* 1 if offset applies, 0 = named zone */
	long offset;		/* seconds east of UTC */
	char name[64];
};

int mnw_tz_parse(struct mnw_tz *tz, const char *s);
/* Convert a broken-down local time (tm_isdst ignored) in zone tz. */
int mnw_tz_mktime(const struct mnw_tz *tz, const struct tm *local,
    time_t *out);

/* Days-from-civil: UTC broken-down time to epoch seconds, no libc. */
time_t mnw_timegm(const struct tm *tm);

/*
 * Parse a BSD syslog timestamp "Mmm dd hh:mm:ss" (day may be
 * space-padded; optional fractional seconds ".123456" are accepted and
 * dropped).  It has no year: the year is chosen so that the result is
 * not more than one day after ref (the time the log was read), which
 * puts December lines read in January in the previous year.  Returns
 * the number of bytes consumed, or 0 if s does not start with one.
 */
size_t mnw_time_parse_bsd(const char *s, size_t len, const struct mnw_tz *tz,
    time_t ref, time_t *out);
/*
 * Parse RFC 3339 / ISO 8601: "YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|+hhmm)"
 * and the same with a space in place of T; without an offset the
 * time is local to tz.  Returns bytes consumed or 0.
 */
size_t mnw_time_parse_iso(const char *s, size_t len, const struct mnw_tz *tz,
    time_t *out);
/* Epoch seconds, optionally with a fraction.  Returns bytes consumed or 0. */
size_t mnw_time_parse_epoch(const char *s, size_t len, time_t *out);
/* Any of the above, tried in turn (for option values and DShield). */
size_t mnw_time_parse_any(const char *s, size_t len, const struct mnw_tz *tz,
    time_t ref, time_t *out);
/* "2026-12-04T19:10:59Z"; buf has at least MNW_TIME_STRLEN bytes. */
#define MNW_TIME_STRLEN 32
char *mnw_time_format(time_t t, char *buf);
/* Parse exactly the format of mnw_time_format().  Returns 0 or -1. */
int mnw_time_parse_record(const char *s, size_t len, time_t *out);
/* Month number 0..11 from a three-letter English abbreviation, or -1. */
int mnw_month_from_abbr(const char *s);

/* ------------------------------------------------------------------ */
/* record.c: tab-separated records and the event record.               */
/* ------------------------------------------------------------------ */

#define MNW_FIELDS_MAX 64

/*
 * Split a record line in place at tabs.  Fields stay escaped.  Returns
 * the number of fields, or -1 if there are more than max.
 */
int mnw_record_split(char *line, size_t len, char **fields, size_t *lens,
    int max);

/*
 * Stream headers.  A stream may begin with "#mnw-TYPE/VERSION" followed
 * by a space, the first column name, and the other names after tabs, so
 * that field N of the header names column N.  A tab in place of the
 * space is accepted too.
 *
 * mnw_header_check() returns 1 if line is a header of the given type
 * and version, and 0 if it is not an mnw header at all (an ordinary
 * comment).  It returns -1, with a message in errbuf, for a header of
 * another type or version.
 */
int mnw_header_check(const char *line, const char *type, int version,
    char *errbuf, size_t errcap);
void mnw_header_write(FILE *fp, const char *type, int version,
    const char *const *columns);

/* TCP flags as letters in this order: C E U A P R S F (CWR ECE URG ACK
 * PSH RST SYN FIN), as tcpdump and pf name them. */
enum {
	MNW_TCP_FIN = 0x01, MNW_TCP_SYN = 0x02, MNW_TCP_RST = 0x04,
	MNW_TCP_PSH = 0x08, MNW_TCP_ACK = 0x10, MNW_TCP_URG = 0x20,
	MNW_TCP_ECE = 0x40, MNW_TCP_CWR = 0x80,
};
/* Write flags as letters ("SA", "-" when none are known). buf >= 9. */
char *mnw_tcpflags_format(int flags, char *buf);
/* Parse letters (any order, case-insensitive) or "-".  -1 if invalid. */
int mnw_tcpflags_parse(const char *s, size_t len, int *flags);

enum mnw_action {
	MNW_ACTION_UNKNOWN = 0,
	MNW_ACTION_DROP,	/* silently discarded (DROP, block, deny) */
	MNW_ACTION_REJECT,	/* refused with a reset or ICMP error */
	MNW_ACTION_ACCEPT,	/* logged but let through */
	MNW_ACTION_ALERT,	/* an IDS alert on a packet */
	MNW_ACTION_AUTHFAIL,	/* failed login (issue to come) */
};
const char *mnw_action_name(enum mnw_action a);	/* "drop", ... , "-" */
int mnw_action_parse(const char *s, size_t len, enum mnw_action *out);

/* IP protocol numbers and names. */
/* "tcp", "udp", "icmp", "icmpv6", or the number as text; buf >= 8. */
const char *mnw_proto_name(int proto, char *buf);
/* Name (case-insensitive) or number 0..255; -1 if invalid. */
int mnw_proto_parse(const char *s, size_t len);

#define MNW_AGENT_MAX 64	/* longest agent id, bytes */
#define MNW_HOST_MAX 255	/* longest logging host name, bytes */
#define MNW_FORMAT_MAX 31

/*
 * One connection attempt.  Columns of the "event" record, version 1,
 * in this order (see mnw-records(5)):
 *
 *  1 time    2 agent   3 src     4 sport   5 dst     6 dport
 *  7 proto   8 icmp    9 flags  10 action 11 count  12 format
 * 13 host   14 digest
 *
 * Ports are -1 when absent (ICMP, other protocols).  icmp_type and
 * icmp_code are -1 unless proto is ICMP or ICMPv6.  digest identifies
 * the input line (see mnw_digest), so that a line submitted twice is
 * recognised.
 */
struct mnw_event {
	time_t time;
	char agent[MNW_AGENT_MAX + 1];
	struct mnw_addr src, dst;
	int sport, dport;
	int proto;		/* 0..255, -1 unknown */
	int icmp_type, icmp_code;
	int tcpflags;		/* MNW_TCP_* bits, -1 unknown */
	enum mnw_action action;
	unsigned long count;	/* packets this line stands for, >= 1 */
	char format[MNW_FORMAT_MAX + 1];
	char host[MNW_HOST_MAX + 1];	/* logging host, "" if none */
	uint64_t digest;
};

#define MNW_EVENT_TYPE "event"
#define MNW_EVENT_VERSION 1
#define MNW_EVENT_NFIELDS 14
extern const char *const mnw_event_columns[];

void mnw_event_init(struct mnw_event *ev);
/* Write one event line (with newline).  Returns -1 on write error. */
int mnw_event_write(FILE *fp, const struct mnw_event *ev);
/*
 * Parse one event line (no newline; modified in place).  Returns 0, or
 * -1 with a short reason ("wrong number of fields", "invalid source
 * address", ...) in *reason and the offending field number in *field.
 */
int mnw_event_parse(struct mnw_event *ev, char *line, size_t len,
    const char **reason, int *field);

/* XXH64 of len bytes with seed 0, written as 16 hex digits in the
 * digest column.  mnw_digest_continue() hashes with another seed, so
 * that several fields can be chained: h = mnw_digest_continue(h, ...). */
uint64_t mnw_digest(const void *p, size_t len);
uint64_t mnw_digest_continue(uint64_t seed, const void *p, size_t len);

/* ------------------------------------------------------------------ */
/* atomic.c: crash-safe file replacement (write, fsync, rename, fsync  */
/* directory).                                                         */
/* ------------------------------------------------------------------ */

struct mnw_atomic {
	char *path;		/* final name */
	char *tmppath;		/* DIR/.NAME.tmp.PID.COUNTER, O_EXCL */
	FILE *fp;		/* write the new content here */
};

/* Create the temporary file next to path.  Returns 0 or -1 (errno). */
int mnw_atomic_open(struct mnw_atomic *af, const char *path);
/* Flush, fsync, close, rename over path, fsync the directory.  On an
 * error before the rename the temporary file is removed and path is
 * untouched; if only the directory fsync fails, path already holds the
 * whole new file.  Either way it returns -1 with errno set. */
int mnw_atomic_commit(struct mnw_atomic *af);
/* Remove the temporary file; path is untouched. */
void mnw_atomic_abort(struct mnw_atomic *af);

/*
 * Take an exclusive flock(2) on path (created if missing).  Returns the
 * descriptor, or -1: errno EWOULDBLOCK when another process holds it
 * and wait is 0.
 */
int mnw_lock(const char *path, int wait);

#endif
