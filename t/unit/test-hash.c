/* Unit tests for the open-addressing index (lib/hash.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "unit.h"

#define NKEYS 20000

/* The position stored under hash for key, or MNW_HASH_NONE. */
static uint32_t
lookup(const struct mnw_hash *h, const uint64_t *keys, uint64_t hash,
    uint64_t key)
{
	size_t pos;
	uint32_t i;

	for (i = mnw_hash_first(h, hash, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(h, hash, &pos))
		if (keys[i] == key)
			return i;
	return MNW_HASH_NONE;
}

START_TEST(hash_insert_find)
{
	static uint64_t keys[NKEYS];
	struct mnw_hash h;

	mnw_hash_init(&h);
	ck_assert_uint_eq(lookup(&h, keys, 1, 1), MNW_HASH_NONE);
	for (uint32_t i = 0; i < NKEYS; i++) {
		keys[i] = (uint64_t)i * 7919 + 13;
		ck_assert_int_eq(mnw_hash_insert(&h, keys[i], i), 0);
	}
	ck_assert_uint_eq(h.count, NKEYS);
	ck_assert(h.count <= h.size / 4 * 3);
	for (uint32_t i = 0; i < NKEYS; i++)
		ck_assert_uint_eq(lookup(&h, keys, keys[i], keys[i]), i);
	ck_assert_uint_eq(lookup(&h, keys, 5, 5), MNW_HASH_NONE);
	mnw_hash_free(&h);
}
END_TEST

/* Many keys under one hash: the caller's comparison distinguishes them. */
START_TEST(hash_same_hash)
{
	uint64_t keys[64];
	struct mnw_hash h;

	mnw_hash_init(&h);
	for (uint32_t i = 0; i < 64; i++) {
		keys[i] = 1000 + i;
		ck_assert_int_eq(mnw_hash_insert(&h, 42, i), 0);
	}
	for (uint32_t i = 0; i < 64; i++)
		ck_assert_uint_eq(lookup(&h, keys, 42, keys[i]), i);
	ck_assert_int_eq(mnw_hash_remove(&h, 42, 10), 1);
	ck_assert_int_eq(mnw_hash_remove(&h, 42, 10), 0);
	ck_assert_uint_eq(lookup(&h, keys, 42, keys[10]), MNW_HASH_NONE);
	for (uint32_t i = 0; i < 64; i++)
		if (i != 10)
			ck_assert_uint_eq(lookup(&h, keys, 42, keys[i]), i);
	mnw_hash_free(&h);
}
END_TEST

/*
 * Remove keys in a random order, with small hashes that share slots,
 * and check after each removal that every remaining key is found.
 */
START_TEST(hash_remove_keeps_others)
{
	enum { N = 3000 };
	static uint64_t keys[N];
	static int present[N];
	struct mnw_hash h;
	unsigned seed = 12345;

	mnw_hash_init(&h);
	for (uint32_t i = 0; i < N; i++) {
		keys[i] = i % 500;	/* six keys per hash value */
		present[i] = 1;
		ck_assert_int_eq(mnw_hash_insert(&h, keys[i], i), 0);
	}
	for (int round = 0; round < N; round++) {
		uint32_t victim;

		seed = seed * 1103515245 + 12345;
		victim = (seed >> 8) % N;
		ck_assert_int_eq(mnw_hash_remove(&h, keys[victim], victim),
		    present[victim]);
		present[victim] = 0;
		if (round % 100 != 0)
			continue;
		for (uint32_t i = 0; i < N; i++) {
			size_t pos;
			uint32_t j;
			int found = 0;

			for (j = mnw_hash_first(&h, keys[i], &pos);
			    j != MNW_HASH_NONE;
			    j = mnw_hash_next(&h, keys[i], &pos))
				found |= j == i;
			ck_assert_int_eq(found, present[i]);
		}
	}
	mnw_hash_free(&h);
}
END_TEST

START_TEST(hash_reindex_clear)
{
	uint64_t keys[3] = { 7, 8, 9 };
	struct mnw_hash h;

	mnw_hash_init(&h);
	ck_assert_int_eq(mnw_hash_insert(&h, 7, 0), 0);
	ck_assert_int_eq(mnw_hash_insert(&h, 9, 2), 0);
	/* Move entry 2 into position 1, as after a swap-remove. */
	keys[1] = 9;
	ck_assert_int_eq(mnw_hash_reindex(&h, 9, 2, 1), 1);
	ck_assert_uint_eq(lookup(&h, keys, 9, 9), 1);
	ck_assert_int_eq(mnw_hash_reindex(&h, 9, 2, 1), 0);
	ck_assert_int_eq(mnw_hash_insert(&h, 5, MNW_HASH_NONE), -1);
	mnw_hash_clear(&h);
	ck_assert_uint_eq(h.count, 0);
	ck_assert_uint_eq(lookup(&h, keys, 7, 7), MNW_HASH_NONE);
	ck_assert_int_eq(mnw_hash_reserve(&h, 1000), 0);
	ck_assert(h.size >= 1334);
	mnw_hash_free(&h);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("hash");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, hash_insert_find);
	tcase_add_test(tc, hash_same_hash);
	tcase_add_test(tc, hash_remove_keeps_others);
	tcase_add_test(tc, hash_reindex_clear);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
