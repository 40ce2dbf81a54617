/* Unit tests for the incident summaries (lib/incident.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident.h"
#include "unit.h"

/* A well-mixed 64-bit value for i, as the callers pass. */
static uint64_t
value(uint64_t i)
{
	return (i + 1) * 0x9e3779b97f4a7c15ULL;
}

/* The text form of a set, in a static buffer. */
static const char *
dset_text(const struct mnw_dset *s)
{
	static char buf[1024];
	FILE *fp = fmemopen(buf, sizeof buf, "w");

	ck_assert_ptr_nonnull(fp);
	mnw_dset_write(fp, s);
	fclose(fp);
	return buf;
}

static const char *
topk_text(const struct mnw_topk *t)
{
	static char buf[256];
	FILE *fp = fmemopen(buf, sizeof buf, "w");

	ck_assert_ptr_nonnull(fp);
	mnw_topk_write(fp, t);
	fclose(fp);
	return buf;
}

START_TEST(dset_exact)
{
	struct mnw_dset s = { 0 };

	ck_assert_uint_eq(mnw_dset_count(&s), 0);
	ck_assert_str_eq(dset_text(&s), "-");
	for (int round = 0; round < 3; round++)
		for (uint64_t i = 0; i < MNW_DSET_EXACT; i++)
			mnw_dset_add(&s, value(i));
	ck_assert_uint_eq(mnw_dset_count(&s), MNW_DSET_EXACT);
	ck_assert_int_eq(s.mode, MNW_DSET_LIST);
	mnw_dset_add(&s, value(MNW_DSET_EXACT));
	ck_assert_int_eq(s.mode, MNW_DSET_HLL);
	ck_assert_uint_ge(mnw_dset_count(&s), MNW_DSET_EXACT + 1);
	mnw_dset_free(&s);
	ck_assert_uint_eq(mnw_dset_count(&s), 0);
}
END_TEST

START_TEST(dset_estimate)
{
	static const uint64_t sizes[] = { 100, 1000, 10000, 100000 };

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		struct mnw_dset s = { 0 };
		uint64_t n = sizes[k], est;

		for (uint64_t i = 0; i < n; i++) {
			mnw_dset_add(&s, value(i));
			mnw_dset_add(&s, value(i));
		}
		est = mnw_dset_count(&s);
		/* Four standard errors of 6.5%. */
		ck_assert_msg(est > n * 74 / 100 && est < n * 126 / 100,
		    "%llu values estimated as %llu", (unsigned long long)n,
		    (unsigned long long)est);
		mnw_dset_free(&s);
	}
}
END_TEST

START_TEST(dset_merge)
{
	struct mnw_dset a = { 0 }, b = { 0 }, c = { 0 };

	mnw_dset_add(&a, value(1));
	mnw_dset_add(&a, value(2));
	mnw_dset_add(&b, value(2));
	mnw_dset_add(&b, value(3));
	mnw_dset_merge(&a, &b);
	ck_assert_uint_eq(mnw_dset_count(&a), 3);
	/* An estimated set merged into an exact one makes it estimated. */
	for (uint64_t i = 100; i < 1100; i++)
		mnw_dset_add(&c, value(i));
	mnw_dset_merge(&a, &c);
	ck_assert_int_eq(a.mode, MNW_DSET_HLL);
	ck_assert_uint_gt(mnw_dset_count(&a), 800);
	ck_assert_uint_lt(mnw_dset_count(&a), 1300);
	/* Merging a set into itself changes nothing. */
	{
		uint64_t before = mnw_dset_count(&c);

		mnw_dset_merge(&c, &c);
		ck_assert_uint_eq(mnw_dset_count(&c), before);
	}
	mnw_dset_free(&a);
	mnw_dset_free(&b);
	mnw_dset_free(&c);
}
END_TEST

START_TEST(dset_text_round_trip)
{
	struct mnw_dset s = { 0 }, t;
	char text[1024];

	mnw_dset_add(&s, 0x0123456789abcdefULL);
	mnw_dset_add(&s, 1);
	ck_assert_str_eq(dset_text(&s), "x:0123456789abcdef,0000000000000001");
	strcpy(text, dset_text(&s));
	ck_assert_int_eq(mnw_dset_parse(&t, text, strlen(text)), 0);
	ck_assert_uint_eq(mnw_dset_count(&t), 2);
	mnw_dset_free(&t);
	for (uint64_t i = 0; i < 500; i++)
		mnw_dset_add(&s, value(i));
	strcpy(text, dset_text(&s));
	ck_assert_int_eq(strncmp(text, "h:33:", 5), 0);
	ck_assert_uint_eq(strlen(text), 5 + 2 * MNW_DSET_HLL_SIZE);
	ck_assert_int_eq(mnw_dset_parse(&t, text, strlen(text)), 0);
	ck_assert_uint_eq(mnw_dset_count(&t), mnw_dset_count(&s));
	ck_assert_str_eq(dset_text(&t), text);
	mnw_dset_free(&t);
	mnw_dset_free(&s);
	ck_assert_int_eq(mnw_dset_parse(&t, "-", 1), 0);
	ck_assert_uint_eq(mnw_dset_count(&t), 0);
}
END_TEST

START_TEST(dset_parse_rejects)
{
	static const char *const bad[] = {
		"", "x:", "x:123", "x:0123456789abcdeg", "x:0123456789abcdef,",
		"x:0123456789ABCDEF", "h:1:00", "h::", "y:0123456789abcdef",
		"h:-1:00",
	};
	struct mnw_dset t;
	char text[600];
	size_t len = 5 + 2 * MNW_DSET_HLL_SIZE;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(mnw_dset_parse(&t, bad[i], strlen(bad[i])) == -1,
		    "accepted '%s'", bad[i]);
	/* A register above the largest possible rank. */
	memset(text, '0', sizeof text);
	memcpy(text, "h:40:", 5);
	text[5] = 'f';
	text[6] = 'f';
	ck_assert_int_eq(mnw_dset_parse(&t, text, len), -1);
	text[5] = '3';
	text[6] = '9';		/* 57, the largest rank */
	ck_assert_int_eq(mnw_dset_parse(&t, text, len), 0);
	mnw_dset_free(&t);
}
END_TEST

START_TEST(topk_exact_and_order)
{
	struct mnw_topk t = { 0 };

	ck_assert_str_eq(topk_text(&t), "-");
	mnw_topk_add(&t, 23, 40);
	mnw_topk_add(&t, 22, 100);
	mnw_topk_add(&t, 22, 20);
	mnw_topk_add(&t, 80, 40);
	ck_assert_str_eq(topk_text(&t), "22:120,23:40,80:40");
}
END_TEST

START_TEST(topk_space_saving)
{
	struct mnw_topk t = { 0 };

	for (unsigned p = 1; p <= MNW_TOPK_SLOTS; p++)
		mnw_topk_add(&t, p, 10 * p);
	/* A ninth port replaces the smallest slot (port 1, 10) and
	 * inherits its count. */
	mnw_topk_add(&t, 9999, 1);
	ck_assert_uint_eq(t.n, MNW_TOPK_SLOTS);
	ck_assert_str_eq(topk_text(&t),
	    "8:80,7:70,6:60,5:50,4:40,3:30,2:20,9999:11");
	/* A heavy port arriving late still rises to the top. */
	for (int i = 0; i < 100; i++)
		mnw_topk_add(&t, 445, 5);
	ck_assert_int_eq(strncmp(topk_text(&t), "445:", 4), 0);
}
END_TEST

START_TEST(topk_saturates)
{
	struct mnw_topk t = { 0 };

	mnw_topk_add(&t, 22, 4294967295UL);
	mnw_topk_add(&t, 22, 5);
	ck_assert_uint_eq(t.count[0], UINT32_MAX);
}
END_TEST

START_TEST(topk_parse)
{
	static const char *const bad[] = {
		"", "22", "22:", ":5", "22:0", "65536:1", "22:1,22:2", "22:1,",
		"1:1,2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1", "22:4294967296",
	};
	struct mnw_topk t;

	ck_assert_int_eq(mnw_topk_parse(&t, "22:120,23:40", 12), 0);
	ck_assert_str_eq(topk_text(&t), "22:120,23:40");
	ck_assert_int_eq(mnw_topk_parse(&t, "-", 1), 0);
	ck_assert_uint_eq(t.n, 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(mnw_topk_parse(&t, bad[i], strlen(bad[i])) == -1,
		    "accepted '%s'", bad[i]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("incident");
	TCase *tc = tcase_create("incident");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, dset_exact);
	tcase_add_test(tc, dset_estimate);
	tcase_add_test(tc, dset_merge);
	tcase_add_test(tc, dset_text_round_trip);
	tcase_add_test(tc, dset_parse_rejects);
	tcase_add_test(tc, topk_exact_and_order);
	tcase_add_test(tc, topk_space_saving);
	tcase_add_test(tc, topk_saturates);
	tcase_add_test(tc, topk_parse);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
