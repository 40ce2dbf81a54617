/*
 * hash.h: an open-addressing index from 64-bit hashes to positions in
 * an array that the caller owns.
 *
 * The caller keeps its entries in one array (no allocation per entry)
 * and computes a 64-bit hash of each key.  The index maps the hash to
 * the entry's position.  The caller compares keys itself while walking
 * the candidates, so the index never needs to know what a key is:
 *
 *	uint32_t i;
 *	size_t pos;
 *
 *	for (i = mnw_hash_first(&h, hash, &pos); i != MNW_HASH_NONE;
 *	    i = mnw_hash_next(&h, hash, &pos))
 *		if (key_equal(&entries[i], key))
 *			break;
 *
 * The table uses linear probing with slots of {hash, position}.  It
 * doubles when it is more than 3/4 full, and removal shifts later slots
 * back, so there are no tombstones.  Slot positions are derived from the hash
 * mixed with a random per-table seed, so input crafted to collide in
 * the low bits of a public hash does not pile up in one run of slots.
 */
#ifndef MNW_HASH_H
#define MNW_HASH_H

#include <stddef.h>
#include <stdint.h>

#define MNW_HASH_NONE UINT32_MAX	/* not a valid position */

struct mnw_hash_slot {
	uint64_t hash;
	uint32_t index;		/* MNW_HASH_NONE marks an empty slot */
};

struct mnw_hash {
	struct mnw_hash_slot *slots;
	size_t size;		/* number of slots: 0 or a power of two */
	size_t count;		/* occupied slots */
	uint64_t seed;
};

void mnw_hash_init(struct mnw_hash *h);
void mnw_hash_free(struct mnw_hash *h);
/* Remove every entry but keep the slots allocated. */
void mnw_hash_clear(struct mnw_hash *h);
/* Make room for n entries without growing.  Returns 0, or -1 (ENOMEM). */
int mnw_hash_reserve(struct mnw_hash *h, size_t n);

/*
 * Walk the positions stored under hash, in probe order.  Each returns
 * MNW_HASH_NONE when there are no more.  *pos is the walk's cursor,
 * valid until the table is changed.
 */
uint32_t mnw_hash_first(const struct mnw_hash *h, uint64_t hash, size_t *pos);
uint32_t mnw_hash_next(const struct mnw_hash *h, uint64_t hash, size_t *pos);

/*
 * Add index under hash.  Does not look for an equal key first: the
 * caller does that with mnw_hash_first().  Returns 0, or -1 (ENOMEM)
 * with the table unchanged.
 */
int mnw_hash_insert(struct mnw_hash *h, uint64_t hash, uint32_t index);
/* Remove the slot that contains index under hash.  Returns 1 if found. */
int mnw_hash_remove(struct mnw_hash *h, uint64_t hash, uint32_t index);
/*
 * Point the slot that contains from (under hash) at to instead, as after
 * moving the last array entry into a hole.  Returns 1 if found.
 */
int mnw_hash_reindex(struct mnw_hash *h, uint64_t hash, uint32_t from,
    uint32_t to);

/*
 * A table of interned strings: each distinct string is stored once and
 * named by a small number, so that records can store the number.
 */
struct mnw_strtab {
	char **str;		/* NUL-terminated copies */
	uint64_t *hash;		/* mnw_digest() of each */
	uint32_t n, cap;
	struct mnw_hash index;
};

void mnw_strtab_init(struct mnw_strtab *t);
void mnw_strtab_free(struct mnw_strtab *t);
/*
 * The number of s (len bytes, no NUL inside), adding it if new.
 * Exits with MNW_EXIT_TEMP when out of memory.
 */
uint32_t mnw_strtab_intern(struct mnw_strtab *t, const char *s, size_t len);
/* The number of s, or MNW_HASH_NONE if it was never added. */
uint32_t mnw_strtab_find(const struct mnw_strtab *t, const char *s,
    size_t len);

#endif
