/*
 * mnw-backtrace: append the responsible party of each source to its
 * incident record (or to a plain list of addresses): reverse DNS name,
 * origin ASN and prefix, registry, countries, and abuse contacts, each
 * with where it came from and when.
 *
 * Records are read in batches.  The distinct addresses of a batch are
 * looked up in the cache first, the rest all at once through c-ares
 * (dns.c), then, for those still without a contact, through WHOIS one
 * at a time (whois.c paces itself per server).  The offline data fills
 * in the country always, and the ASN when DNS gave none.  A batch is
 * written in input order once all its lookups are done, so memory is
 * bounded by the batch size (-b) and the cache bound (-M).
 *
 * The contact of an address is chosen at output time, in this order:
 * the operator's override file, the abuse-contact DNS zone, WHOIS, and
 * last abuse@ the registered domain of a forward-confirmed PTR name,
 * marked as a guess.  Overrides are not cached, so an edit to the file
 * applies to the next run.
 *
 * Partial answers are written: a lookup that failed for now is named in
 * the lookups column, the result is not cached, and the exit status is
 * MNW_EXIT_TEMP so that a cron driver runs the stage again later.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "backtrace.h"
#include "hash.h"
#include "incident.h"
#include "mnw.h"
#include "state.h"
#include "whois.h"

#define SYNOPSIS "[-Chnqvw] [-a asndata] [-b batch] [-c cache] " \
	"[-D datadir] [-g countrydata] [-j queries] [-M entries] " \
	"[-N lifetime] [-o overrides] [-r tries] [-s servers] " \
	"[-T lifetime] [-t ms] [-W whoismap] [-Z zone] [file ...]"

#define BT_TYPE "backtrace"
#define INC_BT_TYPE "incident-backtrace"
#define BT_VERSION 1
#define BT_NFIELDS 13
#define DATA_DIR_DEFAULT "/usr/share/mnw"
#define WARN_MAX 10

static const char *const bt_columns[] = {
	"ptr", "ptrstatus", "asn", "asname", "bgpprefix", "registry",
	"alloccc", "geocc", "netsrc", "contacts", "contactsrc",
	"contacttime", "lookups",
};

static const char *const ptr_status_names[] = {
	"-", "none", "confirmed", "unconfirmed", "invalid",
};

enum { MODE_UNKNOWN = 0, MODE_ADDRESS, MODE_INCIDENT };

struct rec {
	char *line;		/* fields to copy, escaped as read */
	size_t len;
	uint32_t addr;		/* index into batch.res */
};

struct batch {
	struct rec *rec;
	size_t nrec, caprec;
	struct mnw_bt_result *res;	/* one per distinct address */
	uint8_t *cached;
	uint32_t nres, capres;
	struct mnw_hash index;
};

static struct {
	const char *cache_path;
	const char *overrides_path;
	const char *whois_map;
	long long batch_max;
	long long cache_max;
	long long ttl_pos, ttl_neg;
	int offline, use_whois, quiet, verbose;
	struct mnw_dns_conf dns;
} opt;

static struct {
	unsigned long long records, rejected, addresses, cached, looked;
	unsigned long long whois;
	unsigned long long rejected_answers;	/* failed a check, dropped */
	unsigned failed, skipped;
	struct mnw_dns_stats dns;
} stats;

static struct mnw_bt_overrides overrides;
static struct mnw_btcache cache;
static int have_cache;
static struct mnw_geo *geo;
static int mode;
static int header_written;
static int exit_data;
static time_t now;

static void
write_lookups(FILE *fp, unsigned failed, unsigned skipped, int from_cache)
{
	int i, any = 0;

	if (from_cache) {
		fputs("cache", fp);
		any = 1;
	}
	for (i = 0; i < MNW_BT_LOOKUPS; i++) {
		if (failed & (1u << i))
			fprintf(fp, "%s%s:failed", any++ ? "," : "",
			    mnw_bt_lookup_names[i]);
		else if (skipped & (1u << i))
			fprintf(fp, "%s%s:skipped", any++ ? "," : "",
			    mnw_bt_lookup_names[i]);
	}
	if (!any)
		fputc('-', fp);
}

static void
field(FILE *fp, const char *s)
{
	fputc('\t', fp);
	mnw_escape_write(fp, s, strlen(s));
}

/* The contacts of r by the lookup order, as three parallel lists. */
static void
write_contacts(FILE *fp, const struct mnw_bt_result *r)
{
	const struct mnw_bt_rule *rule;
	char src[MNW_BT_SOURCE_MAX + 1], t[MNW_TIME_STRLEN];
	char guess[MNW_BT_MAILBOX_MAX + 1];
	int i, n;

	rule = mnw_bt_overrides_match(&overrides, r);
	if (rule != NULL) {
		snprintf(src, sizeof src, "%s:%lu", rule->mailbox ?
		    "override" : "never", rule->line);
		field(fp, rule->mailbox ? rule->mailbox : "");
		field(fp, src);
		field(fp, mnw_time_format(now, t));
		return;
	}
	if (r->nnet > 0) {
		fputc('\t', fp);
		for (i = 0; i < r->nnet; i++) {
			fputs(i ? "," : "", fp);
			mnw_escape_write(fp, r->net[i].mailbox,
			    strlen(r->net[i].mailbox));
		}
		fputc('\t', fp);
		for (i = 0; i < r->nnet; i++) {
			fputs(i ? "," : "", fp);
			mnw_escape_write(fp, r->net[i].source,
			    strlen(r->net[i].source));
		}
		fputc('\t', fp);
		for (i = 0; i < r->nnet; i++)
			fprintf(fp, "%s%s", i ? "," : "",
			    mnw_time_format(r->net[i].when, t));
		return;
	}
	/* RFC 2142 names abuse@ as the mailbox for abuse reports. */
	if (r->ptr_status == MNW_BT_PTR_CONFIRMED) {
		n = snprintf(guess, sizeof guess, "abuse@%s",
		    mnw_bt_registered_domain(r->ptr));
		if (n > 0 && (size_t)n < sizeof guess &&
		    mnw_bt_mailbox_valid(guess, (size_t)n) &&
		    !mnw_bt_mailbox_placeholder(guess)) {
			field(fp, guess);
			field(fp, "guess:ptr");
			field(fp, mnw_time_format(r->looked, t));
			return;
		}
	}
	fputs("\t-\t-\t-", fp);
}

static void
write_result(FILE *fp, const struct mnw_bt_result *r, int from_cache)
{
	int i;

	field(fp, r->ptr);
	fprintf(fp, "\t%s", ptr_status_names[r->ptr_status]);
	fputc('\t', fp);
	for (i = 0; i < r->nasn; i++)
		fprintf(fp, "%s%u", i ? "," : "", r->asn[i]);
	if (r->nasn == 0)
		fputc('-', fp);
	field(fp, r->asname);
	field(fp, r->prefix);
	field(fp, r->registry);
	field(fp, r->alloccc);
	field(fp, r->geocc);
	field(fp, r->netsrc);
	write_contacts(fp, r);
	fputc('\t', fp);
	write_lookups(fp, r->failed, r->skipped, from_cache);
	fputc('\n', fp);
}

static void
write_header(FILE *fp)
{
	const char *cols[MNW_INCIDENT_NFIELDS + BT_NFIELDS + 1];
	int n = 0, i;

	if (mode == MODE_INCIDENT)
		for (i = 0; i < MNW_INCIDENT_NFIELDS; i++)
			cols[n++] = mnw_incident_columns[i];
	else
		cols[n++] = "source";
	for (i = 0; i < BT_NFIELDS; i++)
		cols[n++] = bt_columns[i];
	cols[n] = NULL;
	mnw_header_write(fp, mode == MODE_INCIDENT ? INC_BT_TYPE : BT_TYPE,
	    BT_VERSION, cols);
	header_written = 1;
}

/* ---- one batch ---- */

static uint32_t
batch_address(struct batch *b, const struct mnw_addr *a)
{
	uint64_t h = mnw_addr_hash(a);
	uint32_t i;
	size_t pos;

	for (i = mnw_hash_first(&b->index, h, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(&b->index, h, &pos))
		if (mnw_addr_equal(&b->res[i].addr, a))
			return i;
	if (b->nres == b->capres) {
		b->capres = b->capres ? b->capres * 2 : 256;
		b->res = mnw_xrealloc(b->res, b->capres * sizeof *b->res);
		b->cached = mnw_xrealloc(b->cached, b->capres);
	}
	i = b->nres++;
	mnw_bt_result_init(&b->res[i], a);
	b->cached[i] = 0;
	if (mnw_hash_insert(&b->index, h, i) == -1)
		mnw_errx(MNW_EXIT_TEMP, "out of memory");
	return i;
}

static void
whois_one(struct mnw_bt_result *r, const struct mnw_whois_options *wo)
{
	struct mnw_whois_lookup_result *out;
	enum mnw_whois_error e;
	const struct mnw_whois_contact *best;
	int i;

	out = mnw_xcalloc(1, sizeof *out);
	stats.whois++;
	e = mnw_whois_lookup(&r->addr, wo, out);
	/* No registry holds a special-purpose address: nothing to ask. */
	if (e == MNW_WHOIS_E_ADDR) {
		free(out);
		return;
	}
	if (e == MNW_WHOIS_E_NOSERVER) {
		r->skipped |= MNW_BT_L_WHOIS;
		free(out);
		return;
	}
	if (e != MNW_WHOIS_OK) {
		r->failed |= MNW_BT_L_WHOIS;
		free(out);
		return;
	}
	/*
	 * The contacts of the best rank.  An address from free text is
	 * taken only when there is nothing else, and its source says so.
	 */
	best = mnw_whois_best(&out->result);
	for (i = 0; i < out->result.ncontacts && r->nnet < MNW_BT_CONTACTS;
	    i++) {
		const struct mnw_whois_contact *wc = &out->result.contacts[i];
		struct mnw_bt_contact *ct;

		if (best != NULL ? wc->rank != best->rank : i > 0)
			continue;
		if (!mnw_bt_mailbox_valid(wc->mailbox, strlen(wc->mailbox)) ||
		    mnw_bt_mailbox_placeholder(wc->mailbox)) {
			r->rejected++;
			continue;
		}
		ct = &r->net[r->nnet++];
		memcpy(ct->mailbox, wc->mailbox, sizeof ct->mailbox);
		if (mnw_bt_hostname_valid(out->server, strlen(out->server)))
			snprintf(ct->source, sizeof ct->source, "%s:%s",
			    best != NULL ? "whois" : "whois-remark",
			    out->server);
		else
			snprintf(ct->source, sizeof ct->source, "%s",
			    best != NULL ? "whois" : "whois-remark");
		ct->when = r->looked;
	}
	free(out);
}

/*
 * 1 if DNS and WHOIS may be asked about a: a global address, or one of
 * the documentation and benchmarking ranges that examples, tests and
 * make bench use.  Private,
 * loopback, link-local, shared and other special addresses are never
 * sent to outside servers: they would leak the site's internal
 * addresses and could only fail.  The offline data and the override
 * file still answer for them.
 */
static int
lookup_allowed(const struct mnw_addr *a)
{
	enum mnw_addr_class c = mnw_addr_classify(a);

	return c == MNW_ADDR_GLOBAL || c == MNW_ADDR_DOCUMENTATION ||
	    c == MNW_ADDR_BENCHMARK;
}

static void
batch_lookup(struct batch *b)
{
	struct mnw_bt_result *todo;
	struct mnw_whois_options wo;
	const struct mnw_bt_result *hit;
	uint32_t *where, i, n = 0;
	unsigned wanted = 0;

	/* A cached entry serves if it skipped none of this run's lookups. */
	if (!opt.offline)
		wanted = opt.dns.lookups | (opt.use_whois ? MNW_BT_L_WHOIS : 0);
	todo = mnw_xcalloc(b->nres ? b->nres : 1, sizeof *todo);
	where = mnw_xcalloc(b->nres ? b->nres : 1, sizeof *where);
	for (i = 0; i < b->nres; i++) {
		if (!lookup_allowed(&b->res[i].addr)) {
			b->res[i].skipped = MNW_BT_L_ALL;
			b->res[i].looked = now;
			continue;
		}
		if (have_cache &&
		    (hit = mnw_btcache_get(&cache, &b->res[i].addr)) != NULL &&
		    (hit->skipped & wanted) == 0) {
			b->res[i] = *hit;
			b->cached[i] = 1;
			stats.cached++;
			continue;
		}
		todo[n] = b->res[i];
		todo[n].looked = now;
		where[n++] = i;
	}
	stats.looked += n;

	if (opt.offline) {
		for (i = 0; i < n; i++)
			todo[i].skipped = MNW_BT_L_ALL;
	} else if (n > 0) {
		if (mnw_dns_resolve(&opt.dns, todo, n, &stats.dns) == -1)
			exit(MNW_EXIT_TEMP);
		mnw_whois_options_init(&wo);
		if (opt.whois_map != NULL) {
			wo.map = opt.whois_map;
			wo.map_only = 1;
		}
		wo.timeout_ms = opt.dns.timeout_ms * opt.dns.tries * 2;
		/* WHOIS only for addresses that DNS gave no contact. */
		for (i = 0; i < n; i++) {
			if (todo[i].nnet > 0)
				continue;
			if (opt.use_whois)
				whois_one(&todo[i], &wo);
			else
				todo[i].skipped |= MNW_BT_L_WHOIS;
		}
	}

	for (i = 0; i < n; i++) {
		struct mnw_bt_result *r = &todo[i];

		if (have_cache && !opt.offline && r->failed == 0)
			mnw_btcache_put(&cache, r, now + (r->nnet > 0 ?
			    opt.ttl_pos : opt.ttl_neg));
		b->res[where[i]] = *r;
	}
	for (i = 0; i < b->nres; i++) {
		struct mnw_bt_result *r = &b->res[i];

		mnw_geo_lookup(geo, r, r->nasn == 0);
		if (!b->cached[i])
			stats.rejected_answers += r->rejected;
		stats.failed |= r->failed;
		stats.skipped |= r->skipped;
	}
	free(todo);
	free(where);
}

static void
batch_flush(struct batch *b, FILE *out)
{
	size_t k;

	if (b->nrec == 0)
		return;
	batch_lookup(b);
	if (!header_written)
		write_header(out);
	for (k = 0; k < b->nrec; k++) {
		struct rec *rc = &b->rec[k];

		fwrite(rc->line, 1, rc->len, out);
		write_result(out, &b->res[rc->addr], b->cached[rc->addr]);
		free(rc->line);
	}
	if (fflush(out) == EOF || ferror(out))
		mnw_err(MNW_EXIT_TEMP, "write error");
	b->nrec = 0;
	b->nres = 0;
	mnw_hash_clear(&b->index);
}

/* ---- input ---- */

static void
reject(const char *name, unsigned long long lineno, const char *reason,
    const char *value, size_t len)
{
	stats.rejected++;
	exit_data = 1;
	if (stats.rejected <= WARN_MAX && !opt.quiet)
		mnw_warnx("%s:%llu: %s '%s'", name, lineno, reason,
		    mnw_quote(value, len, 80));
}

/* 0 to go on, -1 to stop reading this input (wrong record type). */
static int
read_header(const char *name, const char *line)
{
	char err[200], other[200];
	int rc;

	rc = mnw_header_check(line, MNW_INCIDENT_TYPE, MNW_INCIDENT_VERSION,
	    err, sizeof err);
	if (rc == 0 || rc == 1) {
		if (rc == 1) {
			if (mode == MODE_ADDRESS) {
				mnw_warnx("%s: incident records after "
				    "addresses", name);
				return -1;
			}
			mode = MODE_INCIDENT;
		}
		return 0;
	}
	if (mnw_header_check(line, INC_BT_TYPE, BT_VERSION, other,
	    sizeof other) == 1 && mode != MODE_ADDRESS) {
		mode = MODE_INCIDENT;
		return 0;
	}
	if (mnw_header_check(line, BT_TYPE, BT_VERSION, other,
	    sizeof other) == 1 && mode != MODE_INCIDENT) {
		mode = MODE_ADDRESS;
		return 0;
	}
	mnw_warnx("%s: %s", name, err);
	return -1;
}

static void
read_input(FILE *fp, const char *name, struct batch *b, FILE *out)
{
	struct mnw_lines lr;
	char *line, *fields[MNW_FIELDS_MAX];
	size_t len, lens[MNW_FIELDS_MAX], keep;
	struct mnw_addr a;
	enum mnw_line_status st;
	int nf;

	mnw_lines_init(&lr, fp, name, MNW_LINE_MAX_DEFAULT);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		if (st == MNW_LINE_ERROR)
			mnw_err(MNW_EXIT_NOINPUT, "%s", name);
		if (st == MNW_LINE_TOO_LONG) {
			reject(name, lr.lineno, "line too long", line, 0);
			continue;
		}
		if (len == 0)
			continue;
		if (line[0] == '#') {
			if (strncmp(line, "#mnw-", 5) == 0 &&
			    read_header(name, line) == -1) {
				exit_data = 1;
				break;
			}
			continue;
		}
		if (memchr(line, '\0', len) != NULL) {
			reject(name, lr.lineno, "NUL byte in line", line, len);
			continue;
		}
		nf = mnw_record_split(line, len, fields, lens, MNW_FIELDS_MAX);
		keep = 0;
		if ((nf == 1 || nf == 1 + BT_NFIELDS) &&
		    mode != MODE_INCIDENT) {
			mode = MODE_ADDRESS;
		} else if ((nf == MNW_INCIDENT_NFIELDS ||
		    nf == MNW_INCIDENT_NFIELDS + BT_NFIELDS) &&
		    mode != MODE_ADDRESS) {
			mode = MODE_INCIDENT;
			/* Fields 1..15; earlier backtrace fields are redone. */
			keep = (size_t)(fields[MNW_INCIDENT_NFIELDS - 1] +
			    lens[MNW_INCIDENT_NFIELDS - 1] - fields[0]);
		} else {
			/* mnw_record_split() cut the line: show field 1. */
			reject(name, lr.lineno, mode == MODE_INCIDENT ?
			    "wrong number of fields in incident record" :
			    "not an address or incident record", fields[0],
			    lens[0]);
			continue;
		}
		if (mnw_addr_parse(&a, fields[0], lens[0]) == -1) {
			reject(name, lr.lineno, "invalid source address",
			    fields[0], lens[0]);
			continue;
		}
		if (b->nrec == b->caprec) {
			b->caprec = b->caprec ? b->caprec * 2 : 256;
			b->rec = mnw_xrealloc(b->rec, b->caprec *
			    sizeof *b->rec);
		}
		if (mode == MODE_ADDRESS) {
			char buf[MNW_ADDR_STRLEN];

			mnw_addr_format(&a, buf);
			b->rec[b->nrec].line = mnw_xstrdup(buf);
			b->rec[b->nrec].len = strlen(buf);
		} else {
			char *copy = mnw_xmalloc(keep + 1);
			size_t i;

			/* mnw_record_split() put NULs at the tabs. */
			memcpy(copy, fields[0], keep);
			for (i = 0; i + 1 < (size_t)nf &&
			    i + 1 < MNW_INCIDENT_NFIELDS; i++)
				copy[fields[i] - fields[0] + lens[i]] = '\t';
			copy[keep] = '\0';
			b->rec[b->nrec].line = copy;
			b->rec[b->nrec].len = keep;
		}
		b->rec[b->nrec].addr = batch_address(b, &a);
		b->nrec++;
		stats.records++;
		if ((long long)b->nrec >= opt.batch_max)
			batch_flush(b, out);
	}
	mnw_lines_free(&lr);
}

/* ---- setup ---- */

static const char *
data_file(const char *dir, const char *base, char *buf, size_t cap)
{
	static const char *const ext[] = { ".mmdb", ".csv" };
	int i;

	for (i = 0; i < 2; i++) {
		if (snprintf(buf, cap, "%s/%s%s", dir, base, ext[i]) >=
		    (int)cap)
			continue;
		if (access(buf, R_OK) == 0)
			return buf;
	}
	return NULL;
}

static long long
number_arg(const char *s, long long min, long long max, const char *what)
{
	const char *errstr;
	long long v;

	if (mnw_strtonum(s, min, max, &v, &errstr) == -1)
		mnw_errx(MNW_EXIT_USAGE, "%s is %s: '%s'", what, errstr,
		    mnw_quote(s, strlen(s), 40));
	return v;
}

static long long
duration_arg(const char *s, const char *what)
{
	long long v;

	if (mnw_parse_duration(s, &v) == -1 || v < 0)
		mnw_errx(MNW_EXIT_USAGE, "invalid %s '%s'", what,
		    mnw_quote(s, strlen(s), 40));
	return v;
}

/* "ptr, origin, whois" for the MNW_BT_L_* bits in set. */
static const char *
lookup_list(unsigned set)
{
	static char buf[128];
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < MNW_BT_LOOKUPS; i++)
		if (set & (1u << i))
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s",
			    o ? ", " : "", mnw_bt_lookup_names[i]);
	return buf;
}

static void
summary(void)
{
	if (opt.quiet)
		return;
	if (opt.verbose)
		mnw_warnx("%llu records, %llu addresses, %llu from the cache, "
		    "%llu looked up; %llu DNS queries, %llu answers, %llu "
		    "failures; %llu WHOIS lookups", stats.records,
		    stats.addresses, stats.cached, stats.looked,
		    stats.dns.queries, stats.dns.answers, stats.dns.failures,
		    stats.whois);
	if (stats.rejected > WARN_MAX)
		mnw_warnx("%llu invalid lines in all", stats.rejected);
	if (opt.verbose && stats.rejected_answers > 0)
		mnw_warnx("%llu DNS or WHOIS answers rejected: invalid names, "
		    "mailboxes or fields, or placeholders",
		    stats.rejected_answers);
	if (stats.failed != 0)
		mnw_warnx("lookups failed for some addresses, run again later: "
		    "%s", lookup_list(stats.failed));
	if (opt.verbose && (stats.skipped & ~stats.failed) != 0)
		mnw_warnx("lookups skipped%s: %s", opt.offline ? " (-n)" : "",
		    lookup_list(stats.skipped & ~stats.failed));
}

/* Print the synopsis and a line per option to stdout. */
static void
help(void)
{
	printf("usage: %s %s\n\n", mnw_progname, SYNOPSIS);
	fputs(
	    "  -a asndata    offline ASN data (MaxMind DB or CSV file)\n"
	    "  -b batch      records read before their lookups start (default 4096)\n"
	    "  -C            use no cache file\n"
	    "  -c cache      use this cache file (default: $MNW_SPOOL/backtrace.cache)\n"
	    "  -D datadir    offline data directory (default: $MNW_DATA or /usr/share/mnw)\n"
	    "  -g countrydata offline country data (MaxMind DB or CSV file)\n"
	    "  -h            print this help and exit\n"
	    "  -j queries    DNS queries in flight at most (default 100)\n"
	    "  -M entries    cache entries kept at most (default 1000000)\n"
	    "  -N lifetime   lifetime of a cached \"no contact found\" (default 6h)\n"
	    "  -n            offline: no DNS and no WHOIS\n"
	    "  -o overrides  read override rules from this file\n"
	    "  -q            no warnings about invalid lines and no summary\n"
	    "  -r tries      tries of each DNS query (default 2)\n"
	    "  -s servers    DNS servers, ADDRESS[:PORT],... (default: /etc/resolv.conf)\n"
	    "  -T lifetime   lifetime of cached contacts (default 1d)\n"
	    "  -t ms         timeout of a DNS query's first try (default 2000)\n"
	    "  -v            print a summary of records, lookups and cache hits\n"
	    "  -W whoismap   send WHOIS queries only to NAME=HOST:PORT,...\n"
	    "  -w            do not use WHOIS\n"
	    "  -Z zone       abuse-contact DNS zone (default abuse-contacts.abusix.zone)\n",
	    stdout);
}

int
main(int argc, char *argv[])
{
	const char *country_path = NULL, *asn_path = NULL, *data_dir;
	const char *spool;
	char cbuf[4096], abuf[4096], pbuf[4096];
	struct batch b;
	FILE *fp;
	int ch, i, no_cache = 0, open_failed, rc, data_dir_given = 0;

	mnw_setprogname(argv[0]);
	/* getopt's own messages name argv[0]: make it the short name. */
	argv[0] = (char *)mnw_progname;
	opt.batch_max = 4096;
	opt.cache_max = 1000000;
	opt.ttl_pos = 86400;
	opt.ttl_neg = 6 * 3600;
	opt.use_whois = 1;
	opt.dns.timeout_ms = 2000;
	opt.dns.tries = 2;
	opt.dns.max_inflight = 100;
	opt.dns.origin4 = "origin.asn.cymru.com";
	opt.dns.origin6 = "origin6.asn.cymru.com";
	opt.dns.asnzone = "asn.cymru.com";
	opt.dns.abusezone = "abuse-contacts.abusix.zone";
	opt.dns.lookups = MNW_BT_L_DNS;
	data_dir = getenv("MNW_DATA");
	if (data_dir == NULL || *data_dir == '\0')
		data_dir = DATA_DIR_DEFAULT;

	while ((ch = getopt(argc, argv,
	    "a:b:Cc:D:g:hj:M:N:nqo:r:s:T:t:vW:wZ:")) != -1) {
		switch (ch) {
		case 'a':
			asn_path = optarg;
			break;
		case 'b':
			opt.batch_max = number_arg(optarg, 1, 1000000,
			    "batch size");
			break;
		case 'C':
			no_cache = 1;
			break;
		case 'c':
			opt.cache_path = optarg;
			break;
		case 'D':
			data_dir = optarg;
			data_dir_given = 1;
			break;
		case 'g':
			country_path = optarg;
			break;
		case 'j':
			opt.dns.max_inflight = (int)number_arg(optarg, 1,
			    10000, "queries in flight");
			break;
		case 'M':
			opt.cache_max = number_arg(optarg, 1, 100000000,
			    "cache size");
			break;
		case 'N':
			opt.ttl_neg = duration_arg(optarg, "lifetime");
			break;
		case 'n':
			opt.offline = 1;
			break;
		case 'o':
			opt.overrides_path = optarg;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 'r':
			opt.dns.tries = (int)number_arg(optarg, 1, 10,
			    "tries");
			break;
		case 's':
			opt.dns.servers = optarg;
			break;
		case 'T':
			opt.ttl_pos = duration_arg(optarg, "lifetime");
			break;
		case 't':
			opt.dns.timeout_ms = (int)number_arg(optarg, 10,
			    60000, "timeout");
			break;
		case 'v':
			opt.verbose = 1;
			break;
		case 'W':
			opt.whois_map = optarg;
			break;
		case 'w':
			opt.use_whois = 0;
			break;
		case 'Z':
			opt.dns.abusezone = strcmp(optarg, "-") == 0 ? NULL :
			    optarg;
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
	if (opt.dns.abusezone != NULL && !mnw_bt_hostname_valid(
	    opt.dns.abusezone, strlen(opt.dns.abusezone)))
		mnw_errx(MNW_EXIT_USAGE, "invalid zone name '%s'",
		    mnw_quote(opt.dns.abusezone, strlen(opt.dns.abusezone),
		    80));
	if (opt.dns.abusezone == NULL)
		opt.dns.lookups &= ~MNW_BT_L_ABUSIX;
	now = time(NULL);

	if (opt.overrides_path != NULL &&
	    mnw_bt_overrides_load(&overrides, opt.overrides_path,
	    &open_failed) == -1)
		exit(MNW_EXIT_CONFIG);	/* missing or invalid: both setup */

	/* Without offline data the run still works.  An operator who named
	 * a directory, or who requested an offline run (-n) that has
	 * nothing else to go on, gets a warning that nothing was found. */
	if ((country_path == NULL || asn_path == NULL) &&
	    access(data_dir, R_OK | X_OK) == -1 &&
	    (data_dir_given || opt.offline || errno != ENOENT))
		mnw_warn("offline data directory %s",
		    mnw_quote(data_dir, strlen(data_dir), 200));
	if (country_path == NULL)
		country_path = data_file(data_dir, "country", cbuf,
		    sizeof cbuf);
	if (asn_path == NULL)
		asn_path = data_file(data_dir, "asn", abuf, sizeof abuf);
	if ((geo = mnw_geo_open(country_path, asn_path)) == NULL)
		exit(MNW_EXIT_NOINPUT);

	spool = getenv("MNW_SPOOL");
	if (opt.cache_path == NULL && spool != NULL && *spool != '\0' &&
	    snprintf(pbuf, sizeof pbuf, "%s/backtrace.cache", spool) <
	    (int)sizeof pbuf)
		opt.cache_path = pbuf;
	if (opt.cache_path != NULL && !no_cache) {
		/* Two runs sharing a cache would each save what they
		 * loaded plus their own results, so the later save would
		 * drop the earlier run's results.  The second run waits. */
		(void)mnw_state_lock_or_die(opt.cache_path, 1);
		if (mnw_btcache_load(&cache, opt.cache_path,
		    (size_t)opt.cache_max, now) == -1)
			mnw_err(MNW_EXIT_TEMP, "%s", mnw_quote(opt.cache_path,
			    strlen(opt.cache_path), 200));
		if (cache.invalid > 0)
			mnw_warnx("%s: %llu invalid cache lines dropped",
			    mnw_quote(opt.cache_path, strlen(opt.cache_path),
			    200), cache.invalid);
		have_cache = 1;
	}

	memset(&b, 0, sizeof b);
	mnw_hash_init(&b.index);
	if (argc == 0)
		read_input(stdin, "-", &b, stdout);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			read_input(stdin, "-", &b, stdout);
			continue;
		}
		if ((fp = fopen(argv[i], "r")) == NULL) {
			mnw_warn("%s", mnw_quote(argv[i], strlen(argv[i]),
			    200));
			exit(MNW_EXIT_NOINPUT);
		}
		read_input(fp, argv[i], &b, stdout);
		fclose(fp);
	}
	/* Distinct addresses are counted per batch. */
	stats.addresses = stats.cached + stats.looked;
	batch_flush(&b, stdout);
	stats.addresses = stats.cached + stats.looked;

	rc = MNW_EXIT_OK;
	if (have_cache && mnw_btcache_save(&cache) == -1) {
		mnw_warn("%s", mnw_quote(opt.cache_path,
		    strlen(opt.cache_path), 200));
		rc = MNW_EXIT_TEMP;
	}
	summary();
	if (stats.failed != 0)
		rc = MNW_EXIT_TEMP;
	else if (rc == MNW_EXIT_OK && exit_data)
		rc = MNW_EXIT_DATA;
	else if (rc == MNW_EXIT_OK && stats.records == 0)
		rc = MNW_EXIT_NOTHING;

	free(b.rec);
	free(b.res);
	free(b.cached);
	mnw_hash_free(&b.index);
	if (have_cache)
		mnw_btcache_free(&cache);
	mnw_bt_overrides_free(&overrides);
	mnw_geo_close(geo);
	return rc;
}
