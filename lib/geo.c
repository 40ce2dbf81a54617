/*
 * geo.c: the offline answers of mnw-backtrace: country and ASN of an
 * address from MaxMind DB files (read with libmaxminddb) or from CSV
 * range tables.
 *
 * Two MaxMind DB shapes are read: GeoLite2 style ("country" ->
 * "iso_code", "autonomous_system_number", "autonomous_system_
 * organization") and the ip-location-db style ("country_code").  The
 * CSV tables are the ip-location-db ones: "first,last,CC" for
 * countries and "first,last,ASN,AS name" for ASNs, one range a line,
 * with an optional header line; empty lines and lines starting with
 * '#' are skipped.  A CSV table is loaded into a sorted
 * array and searched by bisection, so a lookup costs O(log n).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <maxminddb.h>

#include "backtrace.h"

#define CSV_LINE_MAX 4096
#define CSV_WARN_MAX 10

struct range {
	struct mnw_addr first, last;
	uint32_t asn;		/* 0 in a country table */
	uint32_t name;		/* strtab index of the AS name or country */
};

struct table {
	struct range *r;
	size_t n, cap;
	struct mnw_strtab names;
};

struct source {
	int kind;		/* 0 none, 1 mmdb, 2 csv */
	MMDB_s mmdb;
	struct table t;
};

struct mnw_geo {
	struct source country, asn;
};

static int
range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return mnw_addr_cmp(&x->first, &y->first);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t l = strlen(s), m = strlen(suffix);

	return l >= m && strcmp(s + l - m, suffix) == 0;
}

/* Split a CSV line of at most 4 fields; the last one keeps its commas. */
static int
csv_split(char *line, size_t len, char **f, size_t *fl, int max)
{
	size_t i, start = 0;
	int n = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && (line[i] != ',' || n == max - 1))
			continue;
		f[n] = line + start;
		fl[n] = i - start;
		n++;
		start = i + 1;
	}
	/* A quoted last field: strip the quotes, undo "" doubling. */
	if (fl[n - 1] >= 2 && f[n - 1][0] == '"' &&
	    f[n - 1][fl[n - 1] - 1] == '"') {
		char *s = f[n - 1] + 1, *d = f[n - 1];
		size_t k, m = fl[n - 1] - 2, o = 0;

		for (k = 0; k < m; k++) {
			d[o++] = s[k];
			if (s[k] == '"' && k + 1 < m && s[k + 1] == '"')
				k++;
		}
		fl[n - 1] = o;
	}
	return n;
}

static int
csv_load(struct table *t, const char *path, int want_asn)
{
	struct mnw_lines lr;
	FILE *fp;
	char *line, *f[4];
	size_t len, fl[4];
	struct range rg;
	unsigned long long bad = 0;
	enum mnw_line_status st;
	long long asn;
	int n;

	if ((fp = fopen(path, "r")) == NULL) {
		mnw_warn("%s", mnw_quote(path, strlen(path), 200));
		return -1;
	}
	mnw_strtab_init(&t->names);
	mnw_lines_init(&lr, fp, path, CSV_LINE_MAX);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		if (st == MNW_LINE_ERROR) {
			mnw_warn("%s", path);
			mnw_lines_free(&lr);
			fclose(fp);
			return -1;
		}
		if (st == MNW_LINE_OK && (len == 0 || line[0] == '#'))
			continue;
		if (st == MNW_LINE_TOO_LONG)
			goto next_bad;
		n = csv_split(line, len, f, fl, want_asn ? 4 : 3);
		memset(&rg, 0, sizeof rg);
		if (n != (want_asn ? 4 : 3) ||
		    mnw_addr_parse(&rg.first, f[0], fl[0]) == -1 ||
		    mnw_addr_parse(&rg.last, f[1], fl[1]) == -1 ||
		    rg.first.family != rg.last.family ||
		    mnw_addr_cmp(&rg.first, &rg.last) > 0)
			goto next_bad;
		if (want_asn) {
			if (mnw_strntonum(f[2], fl[2], 0, 4294967295LL,
			    &asn) == -1 || memchr(f[3], '\0', fl[3]) ||
			    fl[3] > MNW_BT_ASNAME_MAX)
				goto next_bad;
			rg.asn = (uint32_t)asn;
			rg.name = mnw_strtab_intern(&t->names, f[3], fl[3]);
		} else {
			if (fl[2] != 2 || memchr(f[2], '\0', 2))
				goto next_bad;
			rg.name = mnw_strtab_intern(&t->names, f[2], 2);
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 1024;
			t->r = mnw_xrealloc(t->r, t->cap * sizeof *t->r);
		}
		t->r[t->n++] = rg;
		continue;
next_bad:
		/* A header line is expected, so the first line is not counted. */
		if (lr.lineno == 1)
			continue;
		if (++bad <= CSV_WARN_MAX)
			mnw_warnx("%s:%llu: invalid %s range '%s'", path,
			    lr.lineno, want_asn ? "ASN" : "country",
			    mnw_quote(line, st == MNW_LINE_OK ? len : 0, 80));
	}
	if (bad > CSV_WARN_MAX)
		mnw_warnx("%s: %llu invalid lines in all", path, bad);
	mnw_lines_free(&lr);
	fclose(fp);
	qsort(t->r, t->n, sizeof *t->r, range_cmp);
	return 0;
}

static const struct range *
csv_find(const struct table *t, const struct mnw_addr *a)
{
	size_t lo = 0, hi = t->n, mid;

	/* The last range whose first address is <= a. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (mnw_addr_cmp(&t->r[mid].first, a) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	if (t->r[lo - 1].first.family != a->family ||
	    mnw_addr_cmp(&t->r[lo - 1].last, a) < 0)
		return NULL;
	return &t->r[lo - 1];
}

static int
source_open(struct source *s, const char *path, int want_asn)
{
	int rc;

	memset(s, 0, sizeof *s);
	if (path == NULL)
		return 0;
	if (has_suffix(path, ".mmdb")) {
		rc = MMDB_open(path, MMDB_MODE_MMAP, &s->mmdb);
		if (rc != MMDB_SUCCESS) {
			if (rc == MMDB_IO_ERROR)
				mnw_warnx("%s: %s: %s", mnw_quote(path,
				    strlen(path), 200), MMDB_strerror(rc),
				    strerror(errno));
			else
				mnw_warnx("%s: %s", mnw_quote(path,
				    strlen(path), 200), MMDB_strerror(rc));
			return -1;
		}
		s->kind = 1;
		return 0;
	}
	if (csv_load(&s->t, path, want_asn) == -1)
		return -1;
	s->kind = 2;
	return 0;
}

static void
source_close(struct source *s)
{
	if (s->kind == 1)
		MMDB_close(&s->mmdb);
	if (s->kind == 2) {
		free(s->t.r);
		mnw_strtab_free(&s->t.names);
	}
	s->kind = 0;
}

struct mnw_geo *
mnw_geo_open(const char *country_path, const char *asn_path)
{
	struct mnw_geo *g = mnw_xcalloc(1, sizeof *g);

	if (source_open(&g->country, country_path, 0) == -1 ||
	    source_open(&g->asn, asn_path, 1) == -1) {
		mnw_geo_close(g);
		return NULL;
	}
	return g;
}

void
mnw_geo_close(struct mnw_geo *g)
{
	if (g == NULL)
		return;
	source_close(&g->country);
	source_close(&g->asn);
	free(g);
}

static int
mmdb_find(MMDB_s *db, const struct mnw_addr *a, MMDB_lookup_result_s *res)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	const struct sockaddr *sa;
	int mmerr;

	if (a->family == 4) {
		memset(&sin, 0, sizeof sin);
		sin.sin_family = AF_INET;
		memcpy(&sin.sin_addr, a->bytes, 4);
		sa = (const struct sockaddr *)&sin;
	} else {
		memset(&sin6, 0, sizeof sin6);
		sin6.sin6_family = AF_INET6;
		memcpy(&sin6.sin6_addr, a->bytes, 16);
		sa = (const struct sockaddr *)&sin6;
	}
	*res = MMDB_lookup_sockaddr(db, sa, &mmerr);
	return mmerr == MMDB_SUCCESS && res->found_entry ? 0 : -1;
}

/* Copy a UTF-8 string value at path into buf; 0 or -1. */
static int
mmdb_string(MMDB_lookup_result_s *res, char *buf, size_t cap,
    const char *const *path)
{
	MMDB_entry_data_s d;

	if (MMDB_aget_value(&res->entry, &d, path) != MMDB_SUCCESS ||
	    !d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING ||
	    d.data_size >= cap || memchr(d.utf8_string, '\0', d.data_size))
		return -1;
	memcpy(buf, d.utf8_string, d.data_size);
	buf[d.data_size] = '\0';
	return 0;
}

static void
set_cc(char *cc, const char *s)
{
	if (strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z')
		memcpy(cc, s, 3);
}

static void
set_prefix(struct mnw_bt_result *r, const MMDB_s *db, unsigned netmask)
{
	struct mnw_addr net = r->addr;
	char buf[MNW_ADDR_STRLEN];

	if (r->addr.family == 4 && db->metadata.ip_version == 6) {
		if (netmask < 96)
			return;
		netmask -= 96;
	}
	if (netmask > (r->addr.family == 4 ? 32u : 128u))
		return;
	mnw_addr_mask(&net, netmask);
	snprintf(r->prefix, sizeof r->prefix, "%s/%u",
	    mnw_addr_format(&net, buf), netmask);
}

void
mnw_geo_lookup(struct mnw_geo *g, struct mnw_bt_result *r, int want_asn)
{
	static const char *const p_iso[] = { "country", "iso_code", NULL };
	static const char *const p_cc[] = { "country_code", NULL };
	static const char *const p_asn[] = { "autonomous_system_number",
	    NULL };
	static const char *const p_org[] = {
	    "autonomous_system_organization", NULL };
	MMDB_lookup_result_s res;
	MMDB_entry_data_s d;
	const struct range *rg;
	char buf[MNW_BT_ASNAME_MAX + 1];

	if (g == NULL)
		return;
	if (g->country.kind == 1 && mmdb_find(&g->country.mmdb, &r->addr,
	    &res) == 0) {
		if (mmdb_string(&res, buf, sizeof buf, p_iso) == 0 ||
		    mmdb_string(&res, buf, sizeof buf, p_cc) == 0)
			set_cc(r->geocc, buf);
	} else if (g->country.kind == 2 &&
	    (rg = csv_find(&g->country.t, &r->addr)) != NULL)
		set_cc(r->geocc, g->country.t.names.str[rg->name]);

	if (!want_asn)
		return;
	if (g->asn.kind == 1 && mmdb_find(&g->asn.mmdb, &r->addr, &res) == 0) {
		if (MMDB_aget_value(&res.entry, &d, p_asn) != MMDB_SUCCESS ||
		    !d.has_data || d.type != MMDB_DATA_TYPE_UINT32 ||
		    d.uint32 == 0)
			return;
		r->asn[0] = d.uint32;
		r->nasn = 1;
		if (mmdb_string(&res, buf, sizeof buf, p_org) == 0)
			memcpy(r->asname, buf, strlen(buf) + 1);
		set_prefix(r, &g->asn.mmdb, res.netmask);
		snprintf(r->netsrc, sizeof r->netsrc, "offline");
	} else if (g->asn.kind == 2 &&
	    (rg = csv_find(&g->asn.t, &r->addr)) != NULL && rg->asn != 0) {
		r->asn[0] = rg->asn;
		r->nasn = 1;
		snprintf(r->asname, sizeof r->asname, "%s",
		    g->asn.t.names.str[rg->name]);
		snprintf(r->netsrc, sizeof r->netsrc, "offline");
	}
}
