/* Unit tests for the field escape scheme (lib/escape.c). */
#include <string.h>

#include "mnw.h"
#include "unit.h"

static const struct {
	const char *raw;
	size_t rawlen;
	const char *escaped;
} cases[] = {
	{ "plain", 5, "plain" },
	{ "", 0, "-" },
	{ "-", 1, "\\x2d" },
	{ "--", 2, "--" },
	{ "a\tb", 3, "a\\tb" },
	{ "a\nb\r", 4, "a\\nb\\r" },
	{ "back\\slash", 10, "back\\\\slash" },
	{ "#comment", 8, "\\x23comment" },
	{ "a#b", 3, "a#b" },
	{ "nul\0byte", 8, "nul\\x00byte" },
	{ "\x1b[31mred", 8, "\\x1b[31mred" },
	{ "del\x7f", 4, "del\\x7f" },
	{ "caf\xc3\xa9", 5, "caf\xc3\xa9" },		/* valid UTF-8 kept */
	{ "\xe2\x82\xac", 3, "\xe2\x82\xac" },		/* euro sign */
	{ "\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80" },	/* emoji */
	{ "\xc2\x85", 2, "\\xc2\\x85" },		/* C1 control NEL */
	{ "\xc3", 1, "\\xc3" },				/* truncated */
	{ "\xc0\xaf", 2, "\\xc0\\xaf" },		/* overlong '/' */
	{ "\xed\xa0\x80", 3, "\\xed\\xa0\\x80" },	/* surrogate */
	{ "\xf4\x90\x80\x80", 4, "\\xf4\\x90\\x80\\x80" }, /* > U+10FFFF */
	{ "\xff", 1, "\\xff" },
};

START_TEST(escape_table)
{
	char out[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = mnw_escape(out, sizeof out, cases[i].raw,
		    cases[i].rawlen);

		ck_assert_msg(strcmp(out, cases[i].escaped) == 0,
		    "case %zu: got '%s' expected '%s'", i, out,
		    cases[i].escaped);
		ck_assert_uint_eq(n, strlen(cases[i].escaped));
	}
}
END_TEST

START_TEST(unescape_round_trip)
{
	char buf[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = mnw_escape(buf, sizeof buf, cases[i].raw,
		    cases[i].rawlen);

		ck_assert_int_eq(mnw_unescape(buf, &len), 0);
		ck_assert_uint_eq(len, cases[i].rawlen);
		ck_assert(memcmp(buf, cases[i].raw, len) == 0);
	}
}
END_TEST

START_TEST(unescape_rejects_malformed)
{
	const char *bad[] = { "a\\", "\\q", "\\x", "\\x4", "\\xzz", "\\x4g" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char buf[16];
		size_t len = strlen(bad[i]);

		memcpy(buf, bad[i], len + 1);
		ck_assert_msg(mnw_unescape(buf, &len) == -1, "case '%s'",
		    bad[i]);
	}
}
END_TEST

START_TEST(escape_reports_needed_length)
{
	char small[4];
	size_t n = mnw_escape(small, sizeof small, "a\tbcdef", 7);

	ck_assert_uint_eq(n, 8);
	ck_assert_uint_eq(strlen(small), 3);
	ck_assert_uint_eq(mnw_escape(NULL, 0, "\n\n", 2), 4);
}
END_TEST

START_TEST(escaped_text_has_no_controls)
{
	char raw[256], out[1100];

	for (int i = 0; i < 256; i++)
		raw[i] = (char)i;
	mnw_escape(out, sizeof out, raw, sizeof raw);
	for (size_t i = 0; out[i] != '\0'; i++) {
		unsigned char c = (unsigned char)out[i];

		ck_assert_msg(c >= 0x20 && c != 0x7f, "byte 0x%02x at %zu",
		    c, i);
	}
}
END_TEST

START_TEST(quote_hides_controls)
{
	const char *q = mnw_quote("a'b\n\x1b", 5, 100);

	ck_assert_str_eq(q, "a\\'b\\x0a\\x1b");
	q = mnw_quote("abcdefgh", 8, 3);
	ck_assert_str_eq(q, "abc...");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, escape_table);
	tcase_add_test(tc, unescape_round_trip);
	tcase_add_test(tc, unescape_rejects_malformed);
	tcase_add_test(tc, escape_reports_needed_length);
	tcase_add_test(tc, escaped_text_has_no_controls);
	tcase_add_test(tc, quote_hides_controls);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
