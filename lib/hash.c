/*
 * hash.c: the open-addressing index declared in hash.h.
 *
 * Slots hold the full 64-bit hash, so a probe compares hashes before it
 * ever calls back into the caller's keys, and growing the table needs
 * no access to the keys at all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "mnw.h"

#define MIN_SLOTS 16

/* A 64-bit finaliser (the MurmurHash3 fmix64 constants). */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static size_t
home(const struct mnw_hash *h, uint64_t hash)
{
	return (size_t)mix(hash ^ h->seed) & (h->size - 1);
}

void
mnw_hash_init(struct mnw_hash *h)
{
	uint64_t seed;

	memset(h, 0, sizeof *h);
	if (getentropy(&seed, sizeof seed) == -1)
		seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	h->seed = seed;
}

void
mnw_hash_free(struct mnw_hash *h)
{
	free(h->slots);
	h->slots = NULL;
	h->size = h->count = 0;
}

void
mnw_hash_clear(struct mnw_hash *h)
{
	for (size_t i = 0; i < h->size; i++)
		h->slots[i].index = MNW_HASH_NONE;
	h->count = 0;
}

/* Move every entry into a new table of size slots (a power of two). */
static int
rehash(struct mnw_hash *h, size_t size)
{
	struct mnw_hash_slot *old = h->slots, *slots;
	size_t oldsize = h->size;

	if (size > SIZE_MAX / sizeof *slots ||
	    (slots = malloc(size * sizeof *slots)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (size_t i = 0; i < size; i++)
		slots[i].index = MNW_HASH_NONE;
	h->slots = slots;
	h->size = size;
	for (size_t i = 0; i < oldsize; i++) {
		size_t p;

		if (old[i].index == MNW_HASH_NONE)
			continue;
		p = home(h, old[i].hash);
		while (slots[p].index != MNW_HASH_NONE)
			p = (p + 1) & (size - 1);
		slots[p] = old[i];
	}
	free(old);
	return 0;
}

int
mnw_hash_reserve(struct mnw_hash *h, size_t n)
{
	size_t size = h->size ? h->size : MIN_SLOTS;

	/* Keep the load at or below 3/4. */
	while (n > size / 4 * 3) {
		if (size > SIZE_MAX / 2) {
			errno = ENOMEM;
			return -1;
		}
		size *= 2;
	}
	if (size == h->size)
		return 0;
	return rehash(h, size);
}

uint32_t
mnw_hash_first(const struct mnw_hash *h, uint64_t hash, size_t *pos)
{
	if (h->size == 0)
		return MNW_HASH_NONE;
	*pos = home(h, hash);
	for (;;) {
		const struct mnw_hash_slot *s = &h->slots[*pos];

		if (s->index == MNW_HASH_NONE)
			return MNW_HASH_NONE;
		if (s->hash == hash)
			return s->index;
		*pos = (*pos + 1) & (h->size - 1);
	}
}

uint32_t
mnw_hash_next(const struct mnw_hash *h, uint64_t hash, size_t *pos)
{
	if (h->size == 0)
		return MNW_HASH_NONE;
	for (;;) {
		const struct mnw_hash_slot *s;

		*pos = (*pos + 1) & (h->size - 1);
		s = &h->slots[*pos];
		if (s->index == MNW_HASH_NONE)
			return MNW_HASH_NONE;
		if (s->hash == hash)
			return s->index;
	}
}

int
mnw_hash_insert(struct mnw_hash *h, uint64_t hash, uint32_t index)
{
	size_t p;

	if (index == MNW_HASH_NONE) {
		errno = EINVAL;
		return -1;
	}
	if (mnw_hash_reserve(h, h->count + 1) == -1)
		return -1;
	p = home(h, hash);
	while (h->slots[p].index != MNW_HASH_NONE)
		p = (p + 1) & (h->size - 1);
	h->slots[p].hash = hash;
	h->slots[p].index = index;
	h->count++;
	return 0;
}

/* The slot holding index under hash, or h->size if there is none. */
static size_t
find_slot(const struct mnw_hash *h, uint64_t hash, uint32_t index)
{
	size_t p;
	uint32_t i;

	for (i = mnw_hash_first(h, hash, &p); i != MNW_HASH_NONE;
	    i = mnw_hash_next(h, hash, &p))
		if (i == index)
			return p;
	return h->size;
}

int
mnw_hash_remove(struct mnw_hash *h, uint64_t hash, uint32_t index)
{
	size_t hole = find_slot(h, hash, index), mask = h->size - 1, j;

	if (hole == h->size)
		return 0;
	/*
	 * Shift back every later slot of the run whose home is not in
	 * (hole, j]: such an entry was pushed past the hole and could no
	 * longer be found if the hole stayed empty.
	 */
	for (j = (hole + 1) & mask; h->slots[j].index != MNW_HASH_NONE;
	    j = (j + 1) & mask) {
		size_t k = home(h, h->slots[j].hash);

		if (((j - k) & mask) >= ((j - hole) & mask)) {
			h->slots[hole] = h->slots[j];
			hole = j;
		}
	}
	h->slots[hole].index = MNW_HASH_NONE;
	h->count--;
	return 1;
}

int
mnw_hash_reindex(struct mnw_hash *h, uint64_t hash, uint32_t from,
    uint32_t to)
{
	size_t p = find_slot(h, hash, from);

	if (p == h->size || to == MNW_HASH_NONE)
		return 0;
	h->slots[p].index = to;
	return 1;
}

/* ---- interned strings ---- */

void
mnw_strtab_init(struct mnw_strtab *t)
{
	memset(t, 0, sizeof *t);
	mnw_hash_init(&t->index);
}

void
mnw_strtab_free(struct mnw_strtab *t)
{
	for (uint32_t i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->hash);
	mnw_hash_free(&t->index);
	memset(t, 0, sizeof *t);
}

static uint32_t
strtab_lookup(const struct mnw_strtab *t, const char *s, size_t len,
    uint64_t h)
{
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(&t->index, h, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(&t->index, h, &pos))
		if (strlen(t->str[i]) == len && memcmp(t->str[i], s, len) == 0)
			return i;
	return MNW_HASH_NONE;
}

uint32_t
mnw_strtab_find(const struct mnw_strtab *t, const char *s, size_t len)
{
	return strtab_lookup(t, s, len, mnw_digest(s, len));
}

uint32_t
mnw_strtab_intern(struct mnw_strtab *t, const char *s, size_t len)
{
	uint64_t h = mnw_digest(s, len);
	uint32_t i = strtab_lookup(t, s, len, h);
	char *copy;

	if (i != MNW_HASH_NONE)
		return i;
	if (t->n == t->cap) {
		if (t->cap >= UINT32_MAX / 2)
			mnw_errx(MNW_EXIT_TEMP, "too many distinct strings");
		t->cap = t->cap ? t->cap * 2 : 64;
		t->str = mnw_xrealloc(t->str, t->cap * sizeof *t->str);
		t->hash = mnw_xrealloc(t->hash, t->cap * sizeof *t->hash);
	}
	copy = mnw_xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (mnw_hash_insert(&t->index, h, t->n) == -1)
		mnw_err(MNW_EXIT_TEMP, "string table");
	t->str[t->n] = copy;
	t->hash[t->n] = h;
	return t->n++;
}
