/*
 * incident.c: distinct counts and top-port summaries of fixed maximum
 * size, with their text forms (incident.h).
 *
 * Most incidents have one or two agents and a handful of targets, so a
 * set starts with two values inline and allocates only when it grows.
 * A set never takes more than MNW_DSET_HLL_SIZE bytes on the heap.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "incident.h"

const char *const mnw_incident_columns[] = {
	"source", "prefix", "first", "last", "events", "filtered", "agents",
	"targets", "targetnets", "ports", "protos", "evidence", "verdict",
	"rule", "agentlist", NULL,
};

static const char hexdigits[] = "0123456789abcdef";

/* The MurmurHash3 finaliser: spreads any 64-bit value over all bits. */
static uint64_t
fmix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void
hll_add(uint8_t *reg, uint64_t v)
{
	uint64_t x = fmix64(v);
	unsigned idx = (unsigned)(x >> (64 - MNW_DSET_HLL_BITS));
	uint64_t rest = x << MNW_DSET_HLL_BITS;
	unsigned rank = 1;

	/* Position of the first 1 bit in the remaining 56 bits. */
	while (rank <= 64 - MNW_DSET_HLL_BITS && !(rest & (1ULL << 63))) {
		rest <<= 1;
		rank++;
	}
	if (rank > reg[idx])
		reg[idx] = (uint8_t)rank;
}

static uint64_t
hll_estimate(const uint8_t *reg)
{
	const double m = MNW_DSET_HLL_SIZE;
	const double alpha = 0.7213 / (1.0 + 1.079 / m);
	double sum = 0, e;
	unsigned zeros = 0;

	for (int i = 0; i < MNW_DSET_HLL_SIZE; i++) {
		sum += ldexp(1.0, -(int)reg[i]);
		zeros += reg[i] == 0;
	}
	e = alpha * m * m / sum;
	/* Small range: linear counting is more accurate (Flajolet et al.). */
	if (e <= 2.5 * m && zeros > 0)
		e = m * log(m / zeros);
	return (uint64_t)(e + 0.5);
}

/* Switch s to the estimate, carrying its exact values over. */
static void
to_hll(struct mnw_dset *s)
{
	uint8_t *reg = mnw_xcalloc(MNW_DSET_HLL_SIZE, 1);
	const uint64_t *v = s->mode == MNW_DSET_LIST ? s->u.list : s->u.inl;

	for (uint32_t i = 0; i < s->n; i++)
		hll_add(reg, v[i]);
	if (s->mode == MNW_DSET_LIST)
		free(s->u.list);
	s->u.hll = reg;
	s->mode = MNW_DSET_HLL;
}

void
mnw_dset_add(struct mnw_dset *s, uint64_t v)
{
	uint64_t *vals;

	if (s->mode == MNW_DSET_HLL) {
		hll_add(s->u.hll, v);
		return;
	}
	vals = s->mode == MNW_DSET_LIST ? s->u.list : s->u.inl;
	for (uint32_t i = 0; i < s->n; i++)
		if (vals[i] == v)
			return;
	if (s->mode == MNW_DSET_INLINE && s->n < 2) {
		s->u.inl[s->n++] = v;
		return;
	}
	if (s->n == MNW_DSET_EXACT) {
		to_hll(s);
		hll_add(s->u.hll, v);
		s->n = MNW_DSET_EXACT + 1;
		return;
	}
	if (s->mode == MNW_DSET_INLINE) {
		uint64_t *list = mnw_xmalloc(8 * sizeof *list);

		list[0] = s->u.inl[0];
		list[1] = s->u.inl[1];
		s->u.list = list;
		s->mode = MNW_DSET_LIST;
		s->cap = 8;
	} else if (s->n == s->cap) {
		s->cap = (uint8_t)(s->cap * 2 > MNW_DSET_EXACT ?
		    MNW_DSET_EXACT : s->cap * 2);
		s->u.list = mnw_xrealloc(s->u.list, s->cap * sizeof *s->u.list);
	}
	s->u.list[s->n++] = v;
}

uint64_t
mnw_dset_count(const struct mnw_dset *s)
{
	uint64_t e;

	if (s->mode != MNW_DSET_HLL)
		return s->n;
	e = hll_estimate(s->u.hll);
	return e > s->n ? e : s->n;
}

void
mnw_dset_merge(struct mnw_dset *dst, const struct mnw_dset *src)
{
	const uint64_t *v;

	if (src->mode == MNW_DSET_HLL) {
		if (dst->mode != MNW_DSET_HLL)
			to_hll(dst);
		for (int i = 0; i < MNW_DSET_HLL_SIZE; i++)
			if (src->u.hll[i] > dst->u.hll[i])
				dst->u.hll[i] = src->u.hll[i];
		if (src->n > dst->n)
			dst->n = src->n;
		return;
	}
	v = src->mode == MNW_DSET_LIST ? src->u.list : src->u.inl;
	for (uint32_t i = 0; i < src->n; i++)
		mnw_dset_add(dst, v[i]);
}

void
mnw_dset_free(struct mnw_dset *s)
{
	if (s->mode == MNW_DSET_LIST)
		free(s->u.list);
	else if (s->mode == MNW_DSET_HLL)
		free(s->u.hll);
	memset(s, 0, sizeof *s);
}

void
mnw_dset_write(FILE *fp, const struct mnw_dset *s)
{
	const uint64_t *v;

	if (s->mode == MNW_DSET_HLL) {
		char hex[2 * MNW_DSET_HLL_SIZE + 1];

		for (int i = 0; i < MNW_DSET_HLL_SIZE; i++) {
			hex[2 * i] = hexdigits[s->u.hll[i] >> 4];
			hex[2 * i + 1] = hexdigits[s->u.hll[i] & 15];
		}
		hex[2 * MNW_DSET_HLL_SIZE] = '\0';
		fprintf(fp, "h:%lu:%s", (unsigned long)s->n, hex);
		return;
	}
	if (s->n == 0) {
		putc('-', fp);
		return;
	}
	v = s->mode == MNW_DSET_LIST ? s->u.list : s->u.inl;
	fputs("x:", fp);
	for (uint32_t i = 0; i < s->n; i++)
		fprintf(fp, "%s%016llx", i > 0 ? "," : "",
		    (unsigned long long)v[i]);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int
parse_hex64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	for (int i = 0; i < 16; i++) {
		int d = hexval((unsigned char)s[i]);

		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

int
mnw_dset_parse(struct mnw_dset *s, const char *text, size_t len)
{
	memset(s, 0, sizeof *s);
	if (len == 1 && text[0] == '-')
		return 0;
	if (len > 2 && memcmp(text, "x:", 2) == 0) {
		const char *p = text + 2, *end = text + len;

		for (;;) {
			uint64_t v;

			if (end - p < 16 || parse_hex64(p, &v) == -1)
				goto fail;
			mnw_dset_add(s, v);
			p += 16;
			if (p == end)
				return 0;
			if (*p++ != ',')
				goto fail;
		}
	}
	if (len > 2 && memcmp(text, "h:", 2) == 0) {
		const char *colon = memchr(text + 2, ':', len - 2);
		long long n;

		if (colon == NULL || mnw_strntonum(text + 2,
		    (size_t)(colon - text - 2), 0, UINT32_MAX, &n) == -1 ||
		    (size_t)(text + len - colon - 1) != 2 * MNW_DSET_HLL_SIZE)
			goto fail;
		s->u.hll = mnw_xcalloc(MNW_DSET_HLL_SIZE, 1);
		s->mode = MNW_DSET_HLL;
		s->n = (uint32_t)n;
		for (int i = 0; i < MNW_DSET_HLL_SIZE; i++) {
			int hi = hexval((unsigned char)colon[1 + 2 * i]);
			int lo = hexval((unsigned char)colon[2 + 2 * i]);

			if (hi < 0 || lo < 0 || hi * 16 + lo >
			    65 - MNW_DSET_HLL_BITS)
				goto fail;
			s->u.hll[i] = (uint8_t)(hi * 16 + lo);
		}
		return 0;
	}
fail:
	mnw_dset_free(s);
	return -1;
}

/* ---- top ports ---- */

static uint32_t
sat_add(uint32_t a, unsigned long b)
{
	return b >= (unsigned long)(UINT32_MAX - a) ? UINT32_MAX :
	    (uint32_t)(a + b);
}

void
mnw_topk_add(struct mnw_topk *t, unsigned port, unsigned long count)
{
	int min = 0;

	for (int i = 0; i < t->n; i++) {
		if (t->port[i] == port) {
			t->count[i] = sat_add(t->count[i], count);
			return;
		}
		if (t->count[i] < t->count[min])
			min = i;
	}
	if (t->n < MNW_TOPK_SLOTS) {
		t->port[t->n] = (uint16_t)port;
		t->count[t->n] = sat_add(0, count);
		t->n++;
		return;
	}
	/* Space-Saving: the newcomer inherits the smallest count. */
	t->port[min] = (uint16_t)port;
	t->count[min] = sat_add(t->count[min], count);
}

void
mnw_topk_merge(struct mnw_topk *dst, const struct mnw_topk *src)
{
	for (int i = 0; i < src->n; i++)
		mnw_topk_add(dst, src->port[i], src->count[i]);
}

void
mnw_topk_write(FILE *fp, const struct mnw_topk *t)
{
	int order[MNW_TOPK_SLOTS];

	if (t->n == 0) {
		putc('-', fp);
		return;
	}
	/* Insertion sort: most frequent first, then by port number. */
	for (int i = 0; i < t->n; i++) {
		int j = i;

		while (j > 0 && (t->count[order[j - 1]] < t->count[i] ||
		    (t->count[order[j - 1]] == t->count[i] &&
		    t->port[order[j - 1]] > t->port[i]))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (int i = 0; i < t->n; i++)
		fprintf(fp, "%s%u:%lu", i > 0 ? "," : "",
		    (unsigned)t->port[order[i]],
		    (unsigned long)t->count[order[i]]);
}

int
mnw_topk_parse(struct mnw_topk *t, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	memset(t, 0, sizeof *t);
	if (len == 1 && text[0] == '-')
		return 0;
	while (p < end) {
		const char *colon, *comma;
		long long port, count;

		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		colon = memchr(p, ':', (size_t)(comma - p));
		if (colon == NULL || t->n == MNW_TOPK_SLOTS ||
		    mnw_strntonum(p, (size_t)(colon - p), 0, 65535, &port) ==
		    -1 || mnw_strntonum(colon + 1, (size_t)(comma - colon - 1),
		    1, UINT32_MAX, &count) == -1)
			return -1;
		for (int i = 0; i < t->n; i++)
			if (t->port[i] == port)
				return -1;
		t->port[t->n] = (uint16_t)port;
		t->count[t->n] = (uint32_t)count;
		t->n++;
		if (comma == end)
			break;
		p = comma + 1;
		if (p == end)
			return -1;
	}
	return t->n > 0 ? 0 : -1;
}
