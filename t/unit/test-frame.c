/* Unit tests for RFC 6587 octet-counted frames (lib/frame.c). */
#include <string.h>

#include "parse.h"
#include "unit.h"

START_TEST(frame_header)
{
	size_t n = 0;

	ck_assert_uint_eq(mnw_frame_header("12 <14>1 x", 10, &n), 3);
	ck_assert_uint_eq(n, 12);
	ck_assert_uint_eq(mnw_frame_header("123456789 <1>", 13, &n), 10);
	ck_assert_uint_eq(n, 123456789);
	/* Not frames: a leading zero, ten digits, no '<' or no digit
	 * after it, a date, too short. */
	ck_assert_uint_eq(mnw_frame_header("012 <14>", 8, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("1234567890 <1>", 14, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("12 14>", 6, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("12 <x>", 6, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("2026-12-04 <1>", 14, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("1 <", 3, &n), 0);
	ck_assert_uint_eq(mnw_frame_header("", 0, &n), 0);
}
END_TEST

START_TEST(frame_next_two)
{
	const char *line = "5 <1>ab6 <2>cde";
	const char *p = line, *msg;
	size_t n = strlen(line), len;

	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_OK);
	ck_assert_uint_eq(len, 5);
	ck_assert_int_eq(memcmp(msg, "<1>ab", 5), 0);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_OK);
	ck_assert_uint_eq(len, 6);
	ck_assert_int_eq(memcmp(msg, "<2>cde", 6), 0);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_END);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* A count that includes the newline the line reader removed. */
START_TEST(frame_next_counted_newline)
{
	const char *line = "6 <1>ab";
	const char *p = line, *msg;
	size_t n = strlen(line), len;

	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_OK);
	ck_assert_uint_eq(len, 5);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_END);
}
END_TEST

START_TEST(frame_next_cut_and_trailing)
{
	const char *cut = "9 <1>ab", *p = cut, *msg;
	const char *tail = "5 <1>abjunk";
	size_t n = strlen(cut), len;

	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_CUT);
	ck_assert_ptr_eq(p, cut);
	ck_assert_uint_eq(n, strlen(cut));

	p = tail;
	n = strlen(tail);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_OK);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len),
	    MNW_FRAME_TRAILING);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(memcmp(p, "junk", 4), 0);
}
END_TEST

/* A count of 0 is no header (it starts with a zero), so "0 <" after a
 * good frame is text after the last frame. */
START_TEST(frame_next_zero)
{
	const char *line = "5 <1>ab0 <";
	const char *p = line, *msg;
	size_t n = strlen(line), len;

	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len), MNW_FRAME_OK);
	ck_assert_int_eq(mnw_frame_next(&p, &n, &msg, &len),
	    MNW_FRAME_TRAILING);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("frame");

	tcase_add_test(tc, frame_header);
	tcase_add_test(tc, frame_next_two);
	tcase_add_test(tc, frame_next_counted_newline);
	tcase_add_test(tc, frame_next_cut_and_trailing);
	tcase_add_test(tc, frame_next_zero);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
