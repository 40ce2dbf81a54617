/*
 * btcache.c: the cache file of mnw-backtrace.
 *
 * One line per address: the network answers of its last lookup and
 * the time they expire.  mnw-backtrace stores only results in which no
 * lookup failed, so a cached entry is a whole answer: either contacts,
 * or a definite "no contact found".  The caller picks the lifetime of
 * each (mnw-backtrace -T and -N).  The lookups that were skipped on
 * request are stored too, so that a later run that would do one of
 * them does not take the entry as complete.
 *
 * The file is read whole at start and replaced at the end with
 * mnw_atomic_*, so a crash leaves the old cache or the new one.  It is
 * bounded: when it holds more than max entries, those that expire
 * first are dropped.  Fields are escaped as in every record, because a
 * PTR name or AS name from the network ends up here too.
 *
 *  1 address   2 expires   3 looked    4 ptrstatus  5 ptr
 *  6 asn       7 asname    8 prefix    9 registry  10 alloccc
 * 11 netsrc   12 contacts 13 sources  14 times     15 skipped
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace.h"

#define CACHE_TYPE "backtrace-cache"
#define CACHE_VERSION 1
#define CACHE_NFIELDS 15
#define CACHE_LINE_MAX 8192

static const char *const cache_columns[] = {
	"address", "expires", "looked", "ptrstatus", "ptr", "asn", "asname",
	"prefix", "registry", "alloccc", "netsrc", "contacts", "sources",
	"times", "skipped", NULL,
};

static const char *const ptr_names[] = {
	"-", "none", "confirmed", "unconfirmed", "invalid",
};

static uint64_t
addr_key(const struct mnw_addr *a)
{
	return mnw_addr_hash(a);
}

static int
index_rebuild(struct mnw_btcache *c)
{
	uint32_t i;

	mnw_hash_clear(&c->index);
	for (i = 0; i < c->n; i++)
		if (mnw_hash_insert(&c->index, addr_key(&c->e[i].r.addr),
		    i) == -1)
			return -1;
	return 0;
}

static int
later_first(const void *a, const void *b)
{
	const struct mnw_btcache_entry *x = a, *y = b;

	if (x->expires != y->expires)
		return x->expires > y->expires ? -1 : 1;
	return mnw_addr_cmp(&x->r.addr, &y->r.addr);
}

/* Keep the max entries that expire last. */
static void
trim(struct mnw_btcache *c)
{
	if (c->n <= c->max)
		return;
	qsort(c->e, c->n, sizeof *c->e, later_first);
	c->n = (uint32_t)c->max;
	if (index_rebuild(c) == -1)
		mnw_errx(MNW_EXIT_TEMP, "out of memory");
	c->dirty = 1;
}

static uint32_t
find(const struct mnw_btcache *c, const struct mnw_addr *a)
{
	uint32_t i;
	size_t pos;

	for (i = mnw_hash_first(&c->index, addr_key(a), &pos);
	    i != MNW_HASH_NONE; i = mnw_hash_next(&c->index, addr_key(a), &pos))
		if (mnw_addr_equal(&c->e[i].r.addr, a))
			return i;
	return MNW_HASH_NONE;
}

/* Copy an unescaped field into buf (cap bytes); "-" gives "". */
static int
field_copy(char *f, size_t len, char *buf, size_t cap)
{
	if (mnw_unescape(f, &len) == -1 || len >= cap || memchr(f, 0, len))
		return -1;
	memcpy(buf, f, len);
	buf[len] = '\0';
	return 0;
}

/* Split a comma list in place; returns the count or -1 if over max. */
static int
split_commas(char *s, char **item, int max)
{
	int n = 0;

	if (*s == '\0')
		return 0;
	for (;;) {
		if (n == max)
			return -1;
		item[n++] = s;
		s = strchr(s, ',');
		if (s == NULL)
			return n;
		*s++ = '\0';
	}
}

static int
parse_entry(struct mnw_btcache_entry *e, char *line, size_t len)
{
	char *f[CACHE_NFIELDS + 1], tmp[1024], tmp2[1024], tmp3[1024];
	char *ia[MNW_BT_CONTACTS + 1], *ib[MNW_BT_CONTACTS + 1];
	char *ic[MNW_BT_CONTACTS + 1], *ias[MNW_BT_ASNS + 1];
	size_t fl[CACHE_NFIELDS + 1];
	struct mnw_bt_result *r = &e->r;
	const char *errstr;
	long long v;
	int nf, i, k, na, nb, nc;

	memset(e, 0, sizeof *e);
	nf = mnw_record_split(line, len, f, fl, CACHE_NFIELDS + 1);
	if (nf != CACHE_NFIELDS)
		return -1;
	if (mnw_addr_parse(&r->addr, f[0], fl[0]) == -1 ||
	    mnw_time_parse_record(f[1], fl[1], &e->expires) == -1 ||
	    mnw_time_parse_record(f[2], fl[2], &r->looked) == -1)
		return -1;
	for (k = 0; k < 5; k++)
		if (strlen(ptr_names[k]) == fl[3] &&
		    memcmp(ptr_names[k], f[3], fl[3]) == 0)
			break;
	if (k == 5)
		return -1;
	r->ptr_status = (enum mnw_bt_ptr)k;
	if (field_copy(f[4], fl[4], r->ptr, sizeof r->ptr) == -1 ||
	    (r->ptr[0] != '\0' && !mnw_bt_hostname_valid(r->ptr,
	    strlen(r->ptr))))
		return -1;
	if (field_copy(f[5], fl[5], tmp, sizeof tmp) == -1 ||
	    (na = split_commas(tmp, ias, MNW_BT_ASNS)) == -1)
		return -1;
	for (i = 0; i < na; i++) {
		if (mnw_strtonum(ias[i], 1, 4294967295LL, &v, &errstr) == -1)
			return -1;
		r->asn[i] = (uint32_t)v;
	}
	r->nasn = na;
	if (field_copy(f[6], fl[6], r->asname, sizeof r->asname) == -1 ||
	    field_copy(f[7], fl[7], r->prefix, sizeof r->prefix) == -1 ||
	    field_copy(f[8], fl[8], r->registry, sizeof r->registry) == -1 ||
	    field_copy(f[9], fl[9], r->alloccc, sizeof r->alloccc) == -1 ||
	    field_copy(f[10], fl[10], r->netsrc, sizeof r->netsrc) == -1)
		return -1;
	if (field_copy(f[11], fl[11], tmp, sizeof tmp) == -1 ||
	    field_copy(f[12], fl[12], tmp2, sizeof tmp2) == -1 ||
	    field_copy(f[13], fl[13], tmp3, sizeof tmp3) == -1)
		return -1;
	na = split_commas(tmp, ia, MNW_BT_CONTACTS);
	nb = split_commas(tmp2, ib, MNW_BT_CONTACTS);
	nc = split_commas(tmp3, ic, MNW_BT_CONTACTS);
	if (na == -1 || na != nb || na != nc)
		return -1;
	for (i = 0; i < na; i++) {
		struct mnw_bt_contact *ct = &r->net[i];

		if (!mnw_bt_mailbox_valid(ia[i], strlen(ia[i])) ||
		    strlen(ib[i]) > MNW_BT_SOURCE_MAX ||
		    mnw_time_parse_record(ic[i], strlen(ic[i]),
		    &ct->when) == -1)
			return -1;
		memcpy(ct->mailbox, ia[i], strlen(ia[i]) + 1);
		memcpy(ct->source, ib[i], strlen(ib[i]) + 1);
	}
	r->nnet = na;

	/* Skipped lookups by name, "-" for none. */
	if (field_copy(f[14], fl[14], tmp, sizeof tmp) == -1 ||
	    (na = split_commas(tmp, ias, MNW_BT_LOOKUPS)) == -1)
		return -1;
	r->skipped = 0;
	for (i = 0; i < na; i++) {
		for (k = 0; k < MNW_BT_LOOKUPS; k++)
			if (strcmp(ias[i], mnw_bt_lookup_names[k]) == 0)
				break;
		if (k == MNW_BT_LOOKUPS)
			return -1;
		r->skipped |= 1u << k;
	}
	return 0;
}

int
mnw_btcache_load(struct mnw_btcache *c, const char *path, size_t max,
    time_t now)
{
	struct mnw_lines lr;
	struct mnw_btcache_entry e;
	FILE *fp;
	char *line;
	size_t len;
	enum mnw_line_status st;
	int dropped = 0;

	memset(c, 0, sizeof *c);
	c->path = mnw_xstrdup(path);
	c->max = max > 0 ? max : 1;
	mnw_hash_init(&c->index);
	if ((fp = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -1;
	mnw_lines_init(&lr, fp, path, CACHE_LINE_MAX);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		if (st == MNW_LINE_ERROR) {
			mnw_lines_free(&lr);
			fclose(fp);
			return -1;
		}
		if (st == MNW_LINE_OK && len > 0 && line[0] == '#')
			continue;
		if (st != MNW_LINE_OK || parse_entry(&e, line, len) == -1) {
			c->invalid++;
			dropped = 1;
			continue;
		}
		if (e.expires <= now) {
			dropped = 1;
			continue;
		}
		mnw_btcache_put(c, &e.r, e.expires);
	}
	mnw_lines_free(&lr);
	fclose(fp);
	/* Loading alone rewrites the file only to drop lines. */
	c->dirty = dropped || c->n > c->max;
	return 0;
}

const struct mnw_bt_result *
mnw_btcache_get(const struct mnw_btcache *c, const struct mnw_addr *a)
{
	uint32_t i = find(c, a);

	return i == MNW_HASH_NONE ? NULL : &c->e[i].r;
}

void
mnw_btcache_put(struct mnw_btcache *c, const struct mnw_bt_result *r,
    time_t expires)
{
	uint32_t i = find(c, &r->addr);

	c->dirty = 1;
	if (i != MNW_HASH_NONE) {
		c->e[i].r = *r;
		c->e[i].expires = expires;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->e = mnw_xrealloc(c->e, c->cap * sizeof *c->e);
	}
	c->e[c->n].r = *r;
	c->e[c->n].expires = expires;
	if (mnw_hash_insert(&c->index, addr_key(&r->addr), c->n) == -1)
		mnw_errx(MNW_EXIT_TEMP, "out of memory");
	c->n++;
	/* Trim in steps, so memory stays within twice the bound. */
	if (c->n >= 2 * c->max)
		trim(c);
}

static void
write_field(FILE *fp, const char *s)
{
	mnw_escape_write(fp, s, strlen(s));
}

static void
write_entry(FILE *fp, const struct mnw_btcache_entry *e)
{
	const struct mnw_bt_result *r = &e->r;
	char buf[MNW_ADDR_STRLEN], t1[MNW_TIME_STRLEN], t2[MNW_TIME_STRLEN];
	int i, k;

	fprintf(fp, "%s\t%s\t%s\t%s\t", mnw_addr_format(&r->addr, buf),
	    mnw_time_format(e->expires, t1), mnw_time_format(r->looked, t2),
	    ptr_names[r->ptr_status]);
	write_field(fp, r->ptr);
	fputc('\t', fp);
	for (i = 0; i < r->nasn; i++)
		fprintf(fp, "%s%u", i ? "," : "", r->asn[i]);
	if (r->nasn == 0)
		fputc('-', fp);
	fputc('\t', fp);
	write_field(fp, r->asname);
	fputc('\t', fp);
	write_field(fp, r->prefix);
	fputc('\t', fp);
	write_field(fp, r->registry);
	fputc('\t', fp);
	write_field(fp, r->alloccc);
	fputc('\t', fp);
	write_field(fp, r->netsrc);
	fputc('\t', fp);
	if (r->nnet == 0)
		fputs("-\t-\t-", fp);
	else {
		for (i = 0; i < r->nnet; i++) {
			fputs(i ? "," : "", fp);
			write_field(fp, r->net[i].mailbox);
		}
		fputc('\t', fp);
		for (i = 0; i < r->nnet; i++) {
			fputs(i ? "," : "", fp);
			write_field(fp, r->net[i].source);
		}
		fputc('\t', fp);
		for (i = 0; i < r->nnet; i++)
			fprintf(fp, "%s%s", i ? "," : "",
			    mnw_time_format(r->net[i].when, t1));
	}
	fputc('\t', fp);
	for (i = 0, k = 0; i < MNW_BT_LOOKUPS; i++)
		if (r->skipped & (1u << i))
			fprintf(fp, "%s%s", k++ ? "," : "",
			    mnw_bt_lookup_names[i]);
	if (k == 0)
		fputc('-', fp);
	fputc('\n', fp);
}

int
mnw_btcache_save(struct mnw_btcache *c)
{
	struct mnw_atomic af;
	uint32_t i;

	if (!c->dirty)
		return 0;
	trim(c);
	if (mnw_atomic_open(&af, c->path) == -1)
		return -1;
	mnw_header_write(af.fp, CACHE_TYPE, CACHE_VERSION, cache_columns);
	for (i = 0; i < c->n; i++)
		write_entry(af.fp, &c->e[i]);
	if (ferror(af.fp)) {
		mnw_atomic_abort(&af);
		errno = EIO;
		return -1;
	}
	if (mnw_atomic_commit(&af) == -1)
		return -1;
	c->dirty = 0;
	return 0;
}

void
mnw_btcache_free(struct mnw_btcache *c)
{
	free(c->e);
	free(c->path);
	mnw_hash_free(&c->index);
	memset(c, 0, sizeof *c);
}
