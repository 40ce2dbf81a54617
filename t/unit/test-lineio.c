/* Unit tests for the line reader (lib/lineio.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"
#include "unit.h"

/* A FILE reading the given bytes. */
static FILE *
input(const char *data, size_t len)
{
	FILE *fp = tmpfile();

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	rewind(fp);
	return fp;
}

START_TEST(lines_basic)
{
	static const char data[] = "one\ntwo\r\n\nlast";
	FILE *fp = input(data, sizeof data - 1);
	struct mnw_lines lr;
	char *line;
	size_t len;

	mnw_lines_init(&lr, fp, "t", 0);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_str_eq(line, "one");
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_str_eq(line, "two");
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_str_eq(line, "last");
	ck_assert_uint_eq(lr.lineno, 4);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_EOF);
	mnw_lines_free(&lr);
	fclose(fp);
}
END_TEST

START_TEST(lines_keep_nul)
{
	static const char data[] = "a\0b\nc\n";
	FILE *fp = input(data, sizeof data - 1);
	struct mnw_lines lr;
	char *line;
	size_t len;

	mnw_lines_init(&lr, fp, "t", 0);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_uint_eq(len, 3);
	ck_assert(memchr(line, 0, len) != NULL);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_str_eq(line, "c");
	mnw_lines_free(&lr);
	fclose(fp);
}
END_TEST

/* Lines around the maximum, and one far longer than the buffer. */
START_TEST(lines_too_long)
{
	size_t max = 100, big = 3 * 1024 * 1024;
	size_t total = 100 + 1 + 101 + 1 + big + 1 + 2;
	char *data = malloc(total), *p = data, *line;
	struct mnw_lines lr;
	size_t len;
	FILE *fp;

	memset(p, 'a', 100); p += 100; *p++ = '\n';
	memset(p, 'b', 101); p += 101; *p++ = '\n';
	memset(p, 'c', big); p += big; *p++ = '\n';
	memcpy(p, "ok", 2);
	fp = input(data, total);
	mnw_lines_init(&lr, fp, "t", max);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_uint_eq(len, 100);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_TOO_LONG);
	ck_assert_uint_eq(len, 101);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_TOO_LONG);
	ck_assert_uint_eq(len, big);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
	ck_assert_str_eq(line, "ok");
	ck_assert_uint_eq(lr.lineno, 4);
	/* The buffer never grew for the long line. */
	ck_assert_uint_le(lr.cap, 256 * 1024);
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_EOF);
	mnw_lines_free(&lr);
	fclose(fp);
	free(data);
}
END_TEST

/* Many lines crossing the 64 KiB refill boundary come back intact. */
START_TEST(lines_across_refills)
{
	FILE *fp = tmpfile();
	struct mnw_lines lr;
	char *line, want[32];
	size_t len;
	int i;

	for (i = 0; i < 50000; i++)
		fprintf(fp, "line %d\n", i);
	rewind(fp);
	mnw_lines_init(&lr, fp, "t", 0);
	for (i = 0; i < 50000; i++) {
		ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_OK);
		snprintf(want, sizeof want, "line %d", i);
		ck_assert_str_eq(line, want);
	}
	ck_assert_int_eq(mnw_lines_next(&lr, &line, &len), MNW_LINE_EOF);
	mnw_lines_free(&lr);
	fclose(fp);
}
END_TEST

START_TEST(strtonum_ranges)
{
	long long v;
	const char *errstr;

	ck_assert_int_eq(mnw_strtonum("42", 0, 100, &v, &errstr), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(mnw_strtonum("101", 0, 100, &v, &errstr), -1);
	ck_assert_str_eq(errstr, "too large");
	ck_assert_int_eq(mnw_strtonum("-1", 0, 100, &v, &errstr), -1);
	ck_assert_str_eq(errstr, "too small");
	ck_assert_int_eq(mnw_strtonum("12abc", 0, 100, &v, &errstr), -1);
	ck_assert_str_eq(errstr, "invalid");
	ck_assert_int_eq(mnw_strtonum("", 0, 100, &v, &errstr), -1);
	ck_assert_int_eq(mnw_strtonum(" 1", 0, 100, &v, &errstr), -1);
	ck_assert_int_eq(mnw_strtonum("99999999999999999999", 0,
	    100, &v, &errstr), -1);
	ck_assert_int_eq(mnw_strntonum("65535x", 5, 0, 65535, &v), 0);
	ck_assert_int_eq(v, 65535);
	ck_assert_int_eq(mnw_strntonum("65536", 5, 0, 65535, &v), -1);
	ck_assert_int_eq(mnw_strntonum("18446744073709551616", 20, 0,
	    9223372036854775807LL, &v), -1);
	ck_assert_int_eq(mnw_strntonum("-", 1, -5, 5, &v), -1);
}
END_TEST

START_TEST(duration_units)
{
	long long s;

	ck_assert_int_eq(mnw_parse_duration("90", &s), 0);
	ck_assert_int_eq(s, 90);
	ck_assert_int_eq(mnw_parse_duration("5m", &s), 0);
	ck_assert_int_eq(s, 300);
	ck_assert_int_eq(mnw_parse_duration("48h", &s), 0);
	ck_assert_int_eq(s, 172800);
	ck_assert_int_eq(mnw_parse_duration("7d", &s), 0);
	ck_assert_int_eq(s, 604800);
	ck_assert_int_eq(mnw_parse_duration("h", &s), -1);
	ck_assert_int_eq(mnw_parse_duration("3x", &s), -1);
	ck_assert_int_eq(mnw_parse_duration("-3s", &s), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lineio");
	TCase *tc = tcase_create("lineio");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lines_basic);
	tcase_add_test(tc, lines_keep_nul);
	tcase_add_test(tc, lines_too_long);
	tcase_add_test(tc, lines_across_refills);
	tcase_add_test(tc, strtonum_ranges);
	tcase_add_test(tc, duration_units);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
