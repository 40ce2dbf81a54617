/*
 * mnw-dedupe: pass on the event records that are not repeats.
 *
 * Two kinds of repeat are dropped.  A line key (agent, digest) catches
 * the same input line submitted twice, which happens when an agent
 * resends after a lost acknowledgement or when submissions overlap.  A
 * window key (agent, source, ports, target, protocol, ICMP type, flags)
 * catches identical packets a few seconds apart: TCP retransmissions of
 * one SYN, or a line that a firewall logged twice.
 *
 * Keys live in two tables of fixed-size entries with an index from
 * hash.h, and are saved in a state file between runs.  Expiry is
 * measured in event time (the newest event seen), not wall-clock time,
 * so that replaying old logs gives the same result as reading them
 * live.  The state is committed only after the output is flushed and
 * synced, so a crash between the two makes the next run repeat events
 * but never loses one.
 *
 * Agents are stored as the 64-bit XXH64 digest of their id, which
 * keeps entries small.  Two agents would have to share a digest to have
 * their events taken for each other's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "evread.h"
#include "hash.h"
#include "mnw.h"
#include "state.h"

#define SYNOPSIS "[-hnqw] [-d dir] [-e expiry] [-m maxkeys] [-o output] " \
	"[-s state] [-t window] [-u rejects] [file ...]"

#define STATE_TYPE "dedupe-state"
#define STATE_VERSION 1
#define STATE_NFIELDS 11

/*
 * Window keys stay this long beyond the window, in event time, so that
 * an agent whose clock lags behind the others' is still deduplicated.
 */
#define WINDOW_SLACK (10 * 60)
/* Event times further ahead of the wall clock do not advance expiry. */
#define FUTURE_MAX (24 * 3600)

static const char *const state_columns[] = {
	"kind", "agent", "digest", "src", "sport", "dst", "dport", "proto",
	"icmp", "flags", "last", NULL,
};

/* Every table entry starts with this header. */
struct key_head {
	time_t last;		/* newest event time of the key */
	uint64_t hash;		/* for rebuilding the index */
};

struct line_key {
	struct key_head h;
	uint64_t agent;		/* mnw_digest() of the agent id */
	uint64_t digest;
};

struct window_key {
	struct key_head h;
	uint64_t agent;
	struct mnw_addr src, dst;
	int sport, dport;
	int proto, icmp_type, icmp_code, tcpflags;
};

/* A table of keys of one kind: entries in one array, bounded. */
struct key_table {
	char *ents;
	size_t esz;		/* bytes per entry */
	size_t n, cap;
	size_t max;		/* most entries kept */
	struct mnw_hash index;
	unsigned long long evicted;
};

#define ENTRY(t, i) ((void *)((t)->ents + (size_t)(i) * (t)->esz))
#define HEAD(t, i) ((struct key_head *)ENTRY(t, i))

static void
table_init(struct key_table *t, size_t esz, size_t max)
{
	memset(t, 0, sizeof *t);
	t->esz = esz;
	t->max = max;
	mnw_hash_init(&t->index);
}

static void
table_free(struct key_table *t)
{
	free(t->ents);
	mnw_hash_free(&t->index);
}

static void
table_reindex(struct key_table *t)
{
	mnw_hash_clear(&t->index);
	for (size_t i = 0; i < t->n; i++)
		if (mnw_hash_insert(&t->index, HEAD(t, i)->hash,
		    (uint32_t)i) == -1)
			mnw_err(MNW_EXIT_TEMP, "key index");
}

/*
 * Remove the entries for which drop[i] is set, keeping the order of
 * the rest, and rebuild the index.
 */
static void
table_compact(struct key_table *t, const unsigned char *drop)
{
	size_t o = 0;

	for (size_t i = 0; i < t->n; i++) {
		if (drop[i])
			continue;
		if (o != i)
			memcpy(ENTRY(t, o), ENTRY(t, i), t->esz);
		o++;
	}
	t->n = o;
	table_reindex(t);
}

/* Remove the keys last seen before cutoff.  Returns how many. */
static size_t
table_expire(struct key_table *t, time_t cutoff)
{
	unsigned char *drop;
	size_t k = 0;

	if (t->n == 0)
		return 0;
	drop = mnw_xcalloc(t->n, 1);
	for (size_t i = 0; i < t->n; i++)
		if (HEAD(t, i)->last < cutoff) {
			drop[i] = 1;
			k++;
		}
	if (k > 0)
		table_compact(t, drop);
	free(drop);
	return k;
}

/* The k-th smallest (0-based) of v[0..n), which is reordered. */
static time_t
select_kth(time_t *v, size_t n, size_t k)
{
	static uint64_t rnd = 0x9e3779b97f4a7c15ULL;

	while (n > 1) {
		size_t lt = 0, i = 0, gt = n;
		time_t pivot, tmp;

		/* A pseudo-random pivot keeps crafted times from making
		 * this quadratic. */
		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		pivot = v[rnd % n];
		/* Three parts: v[0..lt) < pivot, v[lt..gt) == pivot,
		 * v[gt..n) > pivot. */
		while (i < gt) {
			if (v[i] < pivot) {
				tmp = v[lt];
				v[lt++] = v[i];
				v[i++] = tmp;
			} else if (v[i] > pivot) {
				tmp = v[--gt];
				v[gt] = v[i];
				v[i] = tmp;
			} else {
				i++;
			}
		}
		if (k < lt) {
			n = lt;
		} else if (k < gt) {
			return pivot;
		} else {
			v += gt;
			k -= gt;
			n -= gt;
		}
	}
	return v[0];
}

/* Evict the k oldest keys (k < t->n). */
static void
table_evict(struct key_table *t, size_t k)
{
	time_t *times = mnw_xmalloc(t->n * sizeof *times), limit;
	unsigned char *drop = mnw_xcalloc(t->n, 1);
	size_t removed = 0;

	for (size_t i = 0; i < t->n; i++)
		times[i] = HEAD(t, i)->last;
	limit = select_kth(times, t->n, k - 1);
	for (size_t i = 0; i < t->n; i++)
		if (HEAD(t, i)->last < limit) {
			drop[i] = 1;
			removed++;
		}
	for (size_t i = 0; i < t->n && removed < k; i++)
		if (HEAD(t, i)->last == limit) {
			drop[i] = 1;
			removed++;
		}
	table_compact(t, drop);
	t->evicted += removed;
	free(times);
	free(drop);
}

/*
 * Add a copy of ent (whose header contains its hash).  When the table is
 * full, keys older than cutoff go first, then the oldest eighth.
 * Returns the stored entry.
 */
static void *
table_add(struct key_table *t, const void *ent, time_t cutoff)
{
	const struct key_head *h = ent;

	if (t->n >= t->max) {
		table_expire(t, cutoff);
		if (t->n >= t->max)
			table_evict(t, t->n / 8 > 0 ? t->n / 8 : 1);
	}
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 1024;

		if (ncap > t->max)
			ncap = t->max;
		t->ents = mnw_xrealloc(t->ents, ncap * t->esz);
		t->cap = ncap;
	}
	memcpy(ENTRY(t, t->n), ent, t->esz);
	if (mnw_hash_insert(&t->index, h->hash, (uint32_t)t->n) == -1)
		mnw_err(MNW_EXIT_TEMP, "key index");
	return ENTRY(t, t->n++);
}

static uint64_t
line_hash(const struct line_key *k)
{
	return k->agent ^ (k->digest * 0x9e3779b97f4a7c15ULL);
}

static struct line_key *
line_find(struct key_table *t, const struct line_key *k)
{
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(&t->index, k->h.hash, &pos);
	    i != MNW_HASH_NONE; i = mnw_hash_next(&t->index, k->h.hash, &pos)) {
		struct line_key *e = ENTRY(t, i);

		if (e->agent == k->agent && e->digest == k->digest)
			return e;
	}
	return NULL;
}

static uint64_t
window_hash(const struct window_key *k)
{
	int32_t v[6];
	uint64_t h;

	v[0] = k->sport;
	v[1] = k->dport;
	v[2] = k->proto;
	v[3] = k->icmp_type;
	v[4] = k->icmp_code;
	v[5] = k->tcpflags;
	h = mnw_digest(&k->agent, sizeof k->agent);
	h = mnw_digest_continue(h, &k->src.family, 1);
	h = mnw_digest_continue(h, k->src.bytes, sizeof k->src.bytes);
	h = mnw_digest_continue(h, k->dst.bytes, sizeof k->dst.bytes);
	return mnw_digest_continue(h, v, sizeof v);
}

static int
window_equal(const struct window_key *a, const struct window_key *b)
{
	return a->agent == b->agent && a->sport == b->sport &&
	    a->dport == b->dport && a->proto == b->proto &&
	    a->icmp_type == b->icmp_type && a->icmp_code == b->icmp_code &&
	    a->tcpflags == b->tcpflags && mnw_addr_equal(&a->src, &b->src) &&
	    mnw_addr_equal(&a->dst, &b->dst);
}

static struct window_key *
window_find(struct key_table *t, const struct window_key *k)
{
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(&t->index, k->h.hash, &pos);
	    i != MNW_HASH_NONE; i = mnw_hash_next(&t->index, k->h.hash, &pos)) {
		struct window_key *e = ENTRY(t, i);

		if (window_equal(e, k))
			return e;
	}
	return NULL;
}

/* Settings and counters of one run. */
struct dedupe {
	struct key_table lines, windows;
	long long window;	/* seconds */
	long long expiry;	/* seconds */
	time_t newest;		/* newest event time seen, for expiry */
	time_t future_max;	/* event times beyond this are not trusted */
	int have_newest;
	size_t prune_at;	/* window table size that triggers a prune */

	unsigned long long written, repeat_lines, repeat_window;
};

static void
see_time(struct dedupe *d, time_t t)
{
	if (t > d->future_max)
		return;
	if (!d->have_newest || t > d->newest) {
		d->newest = t;
		d->have_newest = 1;
	}
}

static time_t
line_cutoff(const struct dedupe *d)
{
	return d->have_newest ? d->newest - (time_t)d->expiry : 0;
}

static time_t
window_cutoff(const struct dedupe *d)
{
	return d->have_newest ?
	    d->newest - (time_t)d->window - WINDOW_SLACK : 0;
}

static void
line_key_of(struct line_key *k, uint64_t agent, uint64_t digest, time_t t)
{
	memset(k, 0, sizeof *k);
	k->agent = agent;
	k->digest = digest;
	k->h.last = t;
	k->h.hash = line_hash(k);
}

/* Add a line key or move its time forward. */
static void
line_note(struct dedupe *d, const struct line_key *k)
{
	struct line_key *e = line_find(&d->lines, k);

	if (e == NULL)
		table_add(&d->lines, k, line_cutoff(d));
	else if (k->h.last > e->h.last)
		e->h.last = k->h.last;
}

static void
window_note(struct dedupe *d, const struct window_key *k)
{
	struct window_key *e = window_find(&d->windows, k);

	if (e != NULL) {
		if (k->h.last > e->h.last)
			e->h.last = k->h.last;
		return;
	}
	/* Window keys are short-lived: drop the stale ones now and then
	 * rather than letting them fill the table. */
	if (d->windows.n >= d->prune_at) {
		table_expire(&d->windows, window_cutoff(d));
		d->prune_at = d->windows.n * 2 > 4096 ? d->windows.n * 2 : 4096;
	}
	table_add(&d->windows, k, window_cutoff(d));
}

/*
 * Decide whether ev repeats an earlier event.  Returns 0 if it is new,
 * 1 for a repeated line, 2 for a repeat within the window.
 */
static int
classify(struct dedupe *d, const struct mnw_event *ev)
{
	struct line_key lk;
	struct line_key *le;
	struct window_key wk;
	struct window_key *we;
	uint64_t agent = mnw_digest(ev->agent, strlen(ev->agent));

	see_time(d, ev->time);
	line_key_of(&lk, agent, ev->digest, ev->time);
	if ((le = line_find(&d->lines, &lk)) != NULL) {
		if (ev->time > le->h.last)
			le->h.last = ev->time;
		return 1;
	}
	line_note(d, &lk);

	memset(&wk, 0, sizeof wk);
	wk.agent = agent;
	wk.src = ev->src;
	wk.dst = ev->dst;
	wk.sport = ev->sport;
	wk.dport = ev->dport;
	wk.proto = ev->proto;
	wk.icmp_type = ev->icmp_type;
	wk.icmp_code = ev->icmp_code;
	wk.tcpflags = ev->tcpflags;
	wk.h.last = ev->time;
	wk.h.hash = window_hash(&wk);
	we = window_find(&d->windows, &wk);
	if (we != NULL && d->window > 0) {
		long long gap = (long long)ev->time - (long long)we->h.last;

		if (gap < 0)
			gap = -gap;
		if (ev->time > we->h.last)
			we->h.last = ev->time;
		if (gap <= d->window)
			return 2;
		return 0;
	}
	window_note(d, &wk);
	return 0;
}

/* ---- state file ---- */

static int
parse_hex64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len != 16)
		return -1;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int
parse_port(const char *s, size_t len, int *port)
{
	long long v;

	if (len == 1 && s[0] == '-') {
		*port = -1;
		return 0;
	}
	if (len > 5 || mnw_strntonum(s, len, 0, 65535, &v) == -1)
		return -1;
	*port = (int)v;
	return 0;
}

static int
parse_icmp(const char *s, size_t len, int *type, int *code)
{
	const char *slash = memchr(s, '/', len);
	long long t, c = -1;

	*type = *code = -1;
	if (len == 1 && s[0] == '-')
		return 0;
	if (slash == NULL) {
		if (mnw_strntonum(s, len, 0, 255, &t) == -1)
			return -1;
	} else if (mnw_strntonum(s, (size_t)(slash - s), 0, 255, &t) == -1 ||
	    mnw_strntonum(slash + 1, len - (size_t)(slash - s) - 1, 0, 255,
	    &c) == -1)
		return -1;
	*type = (int)t;
	*code = (int)c;
	return 0;
}

/* Parse one state line into the tables.  Returns NULL or a reason. */
static const char *
state_parse(struct dedupe *d, char *line, size_t len)
{
	char *f[STATE_NFIELDS + 1];
	size_t fl[STATE_NFIELDS + 1];
	time_t last;
	uint64_t agent;
	int n;

	n = mnw_record_split(line, len, f, fl, STATE_NFIELDS + 1);
	if (n != STATE_NFIELDS)
		return "wrong number of fields";
	if (parse_hex64(f[1], fl[1], &agent) == -1)
		return "invalid agent digest";
	if (mnw_time_parse_record(f[10], fl[10], &last) == -1)
		return "invalid time";
	if (strcmp(f[0], "line") == 0) {
		struct line_key k;
		uint64_t digest;

		if (parse_hex64(f[2], fl[2], &digest) == -1)
			return "invalid digest";
		line_key_of(&k, agent, digest, last);
		see_time(d, last);
		line_note(d, &k);
	} else if (strcmp(f[0], "window") == 0) {
		struct window_key k;

		memset(&k, 0, sizeof k);
		k.agent = agent;
		if (mnw_addr_parse(&k.src, f[3], fl[3]) == -1 ||
		    mnw_addr_parse(&k.dst, f[5], fl[5]) == -1 ||
		    k.src.family != k.dst.family)
			return "invalid address";
		if (parse_port(f[4], fl[4], &k.sport) == -1 ||
		    parse_port(f[6], fl[6], &k.dport) == -1)
			return "invalid port";
		if (fl[7] == 1 && f[7][0] == '-')
			k.proto = -1;
		else if ((k.proto = mnw_proto_parse(f[7], fl[7])) == -1)
			return "invalid protocol";
		if (parse_icmp(f[8], fl[8], &k.icmp_type, &k.icmp_code) == -1)
			return "invalid icmp type/code";
		if (mnw_tcpflags_parse(f[9], fl[9], &k.tcpflags) == -1)
			return "invalid tcp flags";
		k.h.last = last;
		k.h.hash = window_hash(&k);
		see_time(d, last);
		window_note(d, &k);
	} else
		return "invalid key kind";
	return NULL;
}

/*
 * Load the state file if it exists.  A file that is not a dedupe state
 * (no header, or another record type) is never read or replaced: it is
 * more likely a wrong -s argument than a damaged state.
 */
static void
state_load(struct dedupe *d, const char *path)
{
	struct mnw_lines lr;
	char errbuf[200], *line;
	size_t len;
	FILE *fp;
	int first = 1;
	enum mnw_line_status st;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return;
		mnw_err(MNW_EXIT_TEMP, "%s",
		    mnw_quote(path, strlen(path), 200));
	}
	mnw_lines_init(&lr, fp, path, MNW_LINE_MAX_DEFAULT);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		const char *reason;

		if (st == MNW_LINE_ERROR)
			mnw_err(MNW_EXIT_TEMP, "%s: read error",
			    mnw_quote(path, strlen(path), 200));
		if (first) {
			first = 0;
			if (st != MNW_LINE_OK || mnw_header_check(line,
			    STATE_TYPE, STATE_VERSION, errbuf,
			    sizeof errbuf) != 1)
				mnw_errx(MNW_EXIT_DATA, "%s: not a %s file "
				    "(no '#mnw-%s/%d' header); not replacing "
				    "it",
				    mnw_quote(path, strlen(path), 200),
				    STATE_TYPE, STATE_TYPE, STATE_VERSION);
			continue;
		}
		if (st == MNW_LINE_TOO_LONG) {
			mnw_warnx("%s:%llu: line too long, key dropped",
			    mnw_quote(path, strlen(path), 200), lr.lineno);
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (memchr(line, '\0', len) != NULL) {
			reason = "NUL byte in line";
		} else {
			reason = state_parse(d, line, len);
		}
		if (reason != NULL) {
			mnw_warnx("%s:%llu: %s, key dropped",
			    mnw_quote(path, strlen(path), 200), lr.lineno,
			    reason);
		}
	}
	mnw_lines_free(&lr);
	fclose(fp);
}

static void
put_hex64(FILE *fp, uint64_t v)
{
	fprintf(fp, "%016llx", (unsigned long long)v);
}

static void
state_write(FILE *fp, void *arg)
{
	struct dedupe *d = arg;

	char tbuf[MNW_TIME_STRLEN], a1[MNW_ADDR_STRLEN], a2[MNW_ADDR_STRLEN];
	char pbuf[8], fbuf[12];
	time_t lcut = line_cutoff(d), wcut = window_cutoff(d);

	mnw_header_write(fp, STATE_TYPE, STATE_VERSION, state_columns);
	for (size_t i = 0; i < d->lines.n; i++) {
		const struct line_key *k = ENTRY(&d->lines, i);

		if (k->h.last < lcut)
			continue;
		fputs("line\t", fp);
		put_hex64(fp, k->agent);
		putc('\t', fp);
		put_hex64(fp, k->digest);
		fprintf(fp, "\t-\t-\t-\t-\t-\t-\t-\t%s\n",
		    mnw_time_format(k->h.last, tbuf));
	}
	for (size_t i = 0; i < d->windows.n; i++) {
		const struct window_key *k = ENTRY(&d->windows, i);

		if (k->h.last < wcut)
			continue;
		fputs("window\t", fp);
		put_hex64(fp, k->agent);
		fprintf(fp, "\t-\t%s\t", mnw_addr_format(&k->src, a1));
		if (k->sport >= 0)
			fprintf(fp, "%d", k->sport);
		else
			putc('-', fp);
		fprintf(fp, "\t%s\t", mnw_addr_format(&k->dst, a2));
		if (k->dport >= 0)
			fprintf(fp, "%d", k->dport);
		else
			putc('-', fp);
		fprintf(fp, "\t%s\t", mnw_proto_name(k->proto, pbuf));
		if (k->icmp_type < 0)
			putc('-', fp);
		else if (k->icmp_code < 0)
			fprintf(fp, "%d", k->icmp_type);
		else
			fprintf(fp, "%d/%d", k->icmp_type, k->icmp_code);
		fprintf(fp, "\t%s\t%s\n",
		    mnw_tcpflags_format(k->tcpflags, fbuf),
		    mnw_time_format(k->h.last, tbuf));
	}
}

/* ---- main ---- */

static long long
option_number(const char *s, long long min, long long max, const char *what)
{
	const char *errstr;
	long long v;

	if (mnw_strtonum(s, min, max, &v, &errstr) == -1)
		mnw_errx(MNW_EXIT_USAGE, "%s is %s: %s", what, errstr,
		    mnw_quote(s, strlen(s), 40));
	return v;
}

static long long
option_duration(const char *s, long long min, long long max, const char *what)
{
	long long v;

	if (mnw_parse_duration(s, &v) == -1)
		mnw_errx(MNW_EXIT_USAGE, "invalid %s: '%s' (a number of "
		    "seconds, or with a unit s, m, h, d or w)", what,
		    mnw_quote(s, strlen(s), 40));
	if (v < min || v > max)
		mnw_errx(MNW_EXIT_USAGE, "%s out of range: '%s' (%lld to "
		    "%lld seconds)", what, mnw_quote(s, strlen(s), 40), min,
		    max);
	return v;
}

/* Print the synopsis and a line per option to stdout. */
static void
help(void)
{
	printf("usage: %s %s\n\n", mnw_progname, SYNOPSIS);
	fputs(
	    "  -d dir        keep the state in DIR/state/dedupe (default: $MNW_SPOOL)\n"
	    "  -e expiry     forget a key this long after its event, in event time\n"
	    "                (seconds, or a number with s, m, h, d or w; default 48h)\n"
	    "  -h            print this help and exit\n"
	    "  -m maxkeys    most keys kept of each kind (default 1000000)\n"
	    "  -n            read the state but do not write it\n"
	    "  -o output     write the events to OUTPUT, synced before the state\n"
	    "  -q            no per-line warnings; summary only if lines were rejected\n"
	    "  -s state      keep the state in the file STATE\n"
	    "  -t window     drop an identical event repeated within WINDOW (default 5s)\n"
	    "  -u file       write rejected lines to FILE\n"
	    "  -w            wait for the state lock instead of exiting with 75\n",
	    stdout);
}

int
main(int argc, char *argv[])
{
	struct dedupe d;
	struct mnw_evread rd;
	struct mnw_event ev;
	struct mnw_atomic out_af;
	const char *state_opt = NULL, *dir_opt = NULL, *out_opt = NULL;
	const char *rejects_opt = NULL;
	/* Static, so that LeakSanitizer still finds it when an error
	 * exit comes while it is in use. */
	static char *state_path;
	FILE *out = stdout, *rejects = NULL;
	long long maxkeys = 1000000;
	int ch, dry_run = 0, quiet = 0, wait = 0, status, lockfd = -1;

	mnw_setprogname(argv[0]);
	/* getopt's own messages name argv[0]: make it the short name. */
	argv[0] = (char *)mnw_progname;
	/* A closed pipe is a write error (exit 75) with a message, and
	 * the state is then left as it was: no output, no commit. */
	signal(SIGPIPE, SIG_IGN);
	memset(&d, 0, sizeof d);
	d.window = 5;
	d.expiry = 48 * 3600;
	while ((ch = getopt(argc, argv, "d:e:hm:no:qs:t:u:w")) != -1) {
		switch (ch) {
		case 'd':
			dir_opt = optarg;
			break;
		case 'e':
			d.expiry = option_duration(optarg, 1,
			    100LL * 366 * 86400, "expiry");
			break;
		case 'm':
			maxkeys = option_number(optarg, 1, 100000000,
			    "maximum number of keys");
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
		case 's':
			state_opt = optarg;
			break;
		case 't':
			d.window = option_duration(optarg, 0, 86400, "window");
			break;
		case 'u':
			rejects_opt = optarg;
			break;
		case 'w':
			wait = 1;
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

	table_init(&d.lines, sizeof(struct line_key), (size_t)maxkeys);
	table_init(&d.windows, sizeof(struct window_key), (size_t)maxkeys);
	d.prune_at = 4096;
	d.future_max = time(NULL) + FUTURE_MAX;

	/* Lock, then read the state: the lock is held until the commit. */
	state_path = mnw_state_path_or_die(state_opt, dir_opt, "dedupe");
	if (state_path != NULL) {
		lockfd = mnw_state_lock_or_die(state_path, wait);
		state_load(&d, state_path);
	}

	if (rejects_opt != NULL && (rejects = fopen(rejects_opt, "w")) == NULL)
		mnw_err(MNW_EXIT_TEMP, "%s",
		    mnw_quote(rejects_opt, strlen(rejects_opt), 200));
	out = mnw_output_open_or_die(&out_af, out_opt);
	mnw_header_write(out, MNW_EVENT_TYPE, MNW_EVENT_VERSION,
	    mnw_event_columns);

	mnw_evread_init(&rd, argv, argc, rejects, rejects_opt);
	rd.quiet = quiet;
	while (mnw_evread_next(&rd, &ev)) {
		switch (classify(&d, &ev)) {
		case 1:
			d.repeat_lines++;
			break;
		case 2:
			d.repeat_window++;
			break;
		default:
			if (mnw_event_write(out, &ev) == -1)
				mnw_err(MNW_EXIT_TEMP, "write error on %s",
				    out_opt != NULL ? mnw_quote(out_opt,
				    strlen(out_opt), 200) : "standard output");
			d.written++;
		}
	}
	status = mnw_evread_end(&rd);
	if (rejects != NULL && fclose(rejects) == EOF) {
		mnw_warn("%s",
		    mnw_quote(rejects_opt, strlen(rejects_opt), 200));
		status = MNW_EXIT_TEMP;
	}

	/* The output first: only output that is safely written may be
	 * recorded in the state as seen. */
	mnw_output_commit_or_die(&out_af, out_opt);
	if (state_path != NULL && !dry_run)
		mnw_state_save_or_die(state_path, state_write, &d);
	if (lockfd != -1)
		close(lockfd);

	if (!quiet || rd.rejected > 0)
		mnw_warnx("%llu events read, %llu written, %llu repeated "
		    "lines, %llu repeats within %llds, %llu lines rejected, "
		    "%llu keys evicted", rd.events, d.written, d.repeat_lines,
		    d.repeat_window, d.window, rd.rejected,
		    d.lines.evicted + d.windows.evicted);
	table_free(&d.lines);
	table_free(&d.windows);
	free(state_path);
	if (status != 0)
		return status;
	if (rd.events > 0)
		return MNW_EXIT_OK;
	return rd.rejected > 0 ? MNW_EXIT_DATA : MNW_EXIT_NOTHING;
}
