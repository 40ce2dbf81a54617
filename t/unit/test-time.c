/* Unit tests for timestamps and time zones (lib/time.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mnw.h"
#include "unit.h"

/*
 * Check's ck_assert records a mark point through a pipe on every call,
 * which makes loops of many thousand cases slow.  Loops use this.
 */
#define REQUIRE(cond, ...) do {				\
	if (!(cond))					\
		ck_abort_msg(__VA_ARGS__);		\
} while (0)

/* 2027-01-01T00:00:00Z and other fixed points, checked with Python's
 * calendar.timegm. */
#define T_2027 1798761600LL

/*
 * Copy s into a buffer of exactly its length (no NUL), so that
 * AddressSanitizer catches a parser that reads one byte too far.
 */
static char *
exact_copy(const char *s, size_t len)
{
	char *p = malloc(len > 0 ? len : 1);

	REQUIRE(p != NULL, "out of memory");
	memcpy(p, s, len);
	return p;
}

static struct mnw_tz
tz(const char *s)
{
	struct mnw_tz z;

	ck_assert_msg(mnw_tz_parse(&z, s) == 0, "zone '%s' rejected", s);
	return z;
}

/* Epoch seconds of a UTC record time, via the record parser. */
static time_t
utc(const char *s)
{
	time_t t;

	ck_assert_msg(mnw_time_parse_record(s, strlen(s), &t) == 0,
	    "'%s' rejected", s);
	return t;
}

static const char *
fmt(time_t t)
{
	static char buf[MNW_TIME_STRLEN];

	return mnw_time_format(t, buf);
}

START_TEST(timegm_known_values)
{
	static const struct {
		int y, mon, d, h, mi, s;
		long long t;
	} t[] = {
		{ 1970, 1, 1, 0, 0, 0, 0 },
		{ 1970, 1, 2, 0, 0, 0, 86400 },
		{ 1969, 12, 31, 23, 59, 59, -1 },
		{ 2000, 3, 1, 0, 0, 0, 951868800 },
		{ 2026, 12, 4, 19, 10, 59, 1796411459 },
		{ 2027, 1, 1, 0, 0, 0, T_2027 },
		{ 2028, 2, 29, 12, 0, 0, 1835438400 },
		{ 2038, 1, 19, 3, 14, 8, 2147483648LL },
		{ 9999, 12, 31, 23, 59, 59, 253402300799LL },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct tm tm;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = t[i].y - 1900;
		tm.tm_mon = t[i].mon - 1;
		tm.tm_mday = t[i].d;
		tm.tm_hour = t[i].h;
		tm.tm_min = t[i].mi;
		tm.tm_sec = t[i].s;
		ck_assert_msg((long long)mnw_timegm(&tm) == t[i].t,
		    "%04d-%02d-%02d: got %lld", t[i].y, t[i].mon, t[i].d,
		    (long long)mnw_timegm(&tm));
	}
}
END_TEST

START_TEST(timegm_matches_libc)
{
	/* Every 997 hours and a few seconds from 1970 to 9999, and every
	 * 7 hours from 2020 to 2040. */
	for (int pass = 0; pass < 2; pass++) {
		long long from = pass == 0 ? 0 : 1577836800LL;
		long long to = pass == 0 ? 253402300799LL : 2208988800LL;
		long long step = pass == 0 ? 997 * 3600 + 13 : 7 * 3600 + 1;

		for (long long t = from; t < to; t += step) {
			time_t tt = (time_t)t;
			struct tm tm;

			REQUIRE(gmtime_r(&tt, &tm) != NULL, "gmtime_r failed");
			REQUIRE((long long)mnw_timegm(&tm) == t,
			    "round trip of %lld", t);
		}
	}
}
END_TEST

START_TEST(timegm_carries)
{
	struct tm tm;

	/* Out-of-range fields carry over as timegm(3) does. */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 12;		/* January 2027 */
	tm.tm_mday = 1;
	ck_assert_int_eq((long long)mnw_timegm(&tm), T_2027);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 11;
	tm.tm_mday = 32;	/* January 1st */
	ck_assert_int_eq((long long)mnw_timegm(&tm), T_2027);
	tm.tm_mday = 31;
	tm.tm_hour = 24;
	ck_assert_int_eq((long long)mnw_timegm(&tm), T_2027);
	tm.tm_year = 2027 - 1900;
	tm.tm_mon = -1;		/* December 2026 */
	tm.tm_mday = 31;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 60;
	ck_assert_int_eq((long long)mnw_timegm(&tm), T_2027);
}
END_TEST

START_TEST(format_values)
{
	static const struct {
		long long t;
		const char *s;
	} t[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ 1796411459, "2026-12-04T19:10:59Z" },
		{ T_2027 - 1, "2026-12-31T23:59:59Z" },
		{ 1835438400, "2028-02-29T12:00:00Z" },
		{ 253402300799LL, "9999-12-31T23:59:59Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ -62167219200LL, "0000-01-01T00:00:00Z" },
		{ 253402300800LL, "10000-01-01T00:00:00Z" },
		{ -62167219201LL, "-1-12-31T23:59:59Z" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_str_eq(fmt((time_t)t[i].t), t[i].s);
}
END_TEST

START_TEST(format_parse_round_trip)
{
	char buf[MNW_TIME_STRLEN];

	for (long long t = 0; t < 253402300799LL; t += 86400 * 13 + 3607) {
		time_t back;

		mnw_time_format((time_t)t, buf);
		REQUIRE(strlen(buf) == 20, "'%s' has the wrong length", buf);
		REQUIRE(mnw_time_parse_record(buf, 20, &back) == 0,
		    "'%s' rejected", buf);
		REQUIRE((long long)back == t, "'%s' read back as %lld", buf,
		    (long long)back);
	}
}
END_TEST

START_TEST(format_extremes)
{
	char buf[MNW_TIME_STRLEN];
	time_t big = (time_t)(sizeof(time_t) == 8 ? INT64_MAX : INT32_MAX);
	time_t small = (time_t)(sizeof(time_t) == 8 ? INT64_MIN : INT32_MIN);

	/* Any time_t fits the buffer, even if no record can hold it. */
	ck_assert_uint_lt(strlen(mnw_time_format(big, buf)), MNW_TIME_STRLEN);
	ck_assert_uint_lt(strlen(mnw_time_format(small, buf)),
	    MNW_TIME_STRLEN);
}
END_TEST

START_TEST(parse_record_invalid)
{
	static const char *const bad[] = {
		"", "2026-12-04T19:10:59", "2026-12-04T19:10:59z",
		"2026-12-04t19:10:59Z", "2026-12-04 19:10:59Z",
		"2026-12-04T19:10:59+00:00", "2026-12-04T19:10:59.5Z",
		"2026-12-04T19:10:59ZZ", " 2026-12-04T19:10:59Z",
		"2026-13-04T19:10:59Z", "2026-00-04T19:10:59Z",
		"2026-12-00T19:10:59Z", "2026-12-32T19:10:59Z",
		"2026-04-31T19:10:59Z", "2027-02-29T00:00:00Z",
		"2100-02-29T00:00:00Z", "2026-12-04T24:00:00Z",
		"2026-12-04T19:60:00Z", "2026-12-04T19:10:60Z",
		"2026-12-4T19:10:59Z ", "2026/12/04T19:10:59Z",
		"+026-12-04T19:10:59Z", "2026-12-04T19:1a:59Z",
		"10000-01-01T00:00:00Z",
	};
	time_t t;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = strlen(bad[i]);
		char *p = exact_copy(bad[i], len);

		ck_assert_msg(mnw_time_parse_record(p, len, &t) == -1,
		    "'%s' accepted", bad[i]);
		free(p);
	}
	/* Leap days that exist. */
	ck_assert_int_eq((long long)utc("2028-02-29T00:00:00Z"), 1835395200);
	ck_assert_int_eq((long long)utc("2000-02-29T00:00:00Z"), 951782400);
}
END_TEST

START_TEST(month_abbr)
{
	static const char *const names[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};

	for (int m = 0; m < 12; m++)
		ck_assert_int_eq(mnw_month_from_abbr(names[m]), m);
	ck_assert_int_eq(mnw_month_from_abbr("jan"), 0);
	ck_assert_int_eq(mnw_month_from_abbr("DEC"), 11);
	ck_assert_int_eq(mnw_month_from_abbr("Dec 31 23:59:59"), 11);
	ck_assert_int_eq(mnw_month_from_abbr("Jux"), -1);
	ck_assert_int_eq(mnw_month_from_abbr("Ja"), -1);
	ck_assert_int_eq(mnw_month_from_abbr(""), -1);
	ck_assert_int_eq(mnw_month_from_abbr("J\0n"), -1);
	ck_assert_int_eq(mnw_month_from_abbr("Ja@"), -1);
	ck_assert_int_eq(mnw_month_from_abbr("123"), -1);
}
END_TEST

START_TEST(tz_parse_fixed)
{
	static const struct {
		const char *in;
		long offset;
		const char *name;
	} t[] = {
		{ "UTC", 0, "UTC" },
		{ "Z", 0, "UTC" },
		{ "+00:00", 0, "+00:00" },
		{ "-00:00", 0, "+00:00" },
		{ "+02:00", 7200, "+02:00" },
		{ "-0500", -18000, "-05:00" },
		{ "+05", 18000, "+05:00" },
		{ "+0530", 19800, "+05:30" },
		{ "+05:45", 20700, "+05:45" },
		{ "-09:30", -34200, "-09:30" },
		{ "+14:00", 50400, "+14:00" },
		{ "+23:59", 86340, "+23:59" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct mnw_tz z = tz(t[i].in);

		ck_assert_int_eq(z.fixed, 1);
		ck_assert_int_eq(z.offset, t[i].offset);
		ck_assert_str_eq(z.name, t[i].name);
	}
}
END_TEST

START_TEST(tz_parse_invalid)
{
	static const char *const bad[] = {
		"", "utc", "z", "+24:00", "+2", "+2:00", "+02:60", "+02:0",
		"+02:", "+020", "+02000", "+02:00 ", " +02:00", "02:00", "+",
		"-", "++02", "+0a", "+02:00:00",
		"../etc/passwd", "Europe/../Europe/Berlin", "./UTC",
		"/usr/share/zoneinfo/Europe/Berlin", "Europe//Berlin",
		"Europe/Berlin/", "Nowhere/City", "Europe", ".", "..",
		"Europe/.Berlin", "Europe/Berlin\n", "Europe/Ber lin",
		"zone1970.tab", "Europe/Berlin;rm",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct mnw_tz z;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(mnw_tz_parse(&z, bad[i]) == -1, "'%s' accepted",
		    bad[i]);
}
END_TEST

START_TEST(tz_mktime_fixed)
{
	struct mnw_tz z = tz("+02:00");
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 11;
	tm.tm_mday = 4;
	tm.tm_hour = 21;
	tm.tm_min = 10;
	tm.tm_sec = 59;
	tm.tm_isdst = 1;	/* ignored */
	ck_assert_int_eq(mnw_tz_mktime(&z, &tm, &t), 0);
	ck_assert_str_eq(fmt(t), "2026-12-04T19:10:59Z");
	z = tz("-0500");
	ck_assert_int_eq(mnw_tz_mktime(&z, &tm, &t), 0);
	ck_assert_str_eq(fmt(t), "2026-12-05T02:10:59Z");
	ck_assert_int_eq(mnw_tz_mktime(NULL, &tm, &t), 0);
	ck_assert_str_eq(fmt(t), "2026-12-04T21:10:59Z");
	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(mnw_tz_mktime(&z, &tm, &t), 0);
	ck_assert_str_eq(fmt(t), "2026-12-04T21:10:59Z");
}
END_TEST

START_TEST(parse_iso_valid)
{
	static const struct {
		const char *in;
		size_t consumed;
		const char *utc;
	} t[] = {
		{ "2026-12-04T19:10:59Z", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04t19:10:59z", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04 19:10:59Z", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59", 19, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59.123456Z", 27, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59,5Z", 22, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59.999999999", 29, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T21:10:59+02:00", 25, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T21:10:59+0200", 24, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T14:10:59-05:00", 25, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59-00:00", 25, "2026-12-04T19:10:59Z" },
		{ "2026-12-05T00:40:59+05:30", 25, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T14:10:59.5-05:00", 27, "2026-12-04T19:10:59Z" },
		{ "2026-12-04 14:10:59 -05:00", 26, "2026-12-04T19:10:59Z" },
		{ "2026-12-04 14:10:59 -0500", 25, "2026-12-04T19:10:59Z" },
		{ "2026-12-31T23:59:60Z", 20, "2026-12-31T23:59:59Z" },
		{ "2027-01-01T01:00:00+01:00", 25, "2027-01-01T00:00:00Z" },
		{ "2026-12-31T23:00:00-01:00", 25, "2027-01-01T00:00:00Z" },
		{ "2028-02-29T12:00:00Z", 20, "2028-02-29T12:00:00Z" },
		{ "2000-02-29T00:00:00Z", 20, "2000-02-29T00:00:00Z" },
		{ "1970-01-01T00:00:00Z", 20, "1970-01-01T00:00:00Z" },
		{ "9999-12-31T23:59:59Z", 20, "9999-12-31T23:59:59Z" },
		/* Trailing text is left for the caller. */
		{ "2026-12-04T19:10:59Z host", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59 host", 19, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59 -1", 19, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59.", 19, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59Zx", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59 +01:001", 19, "2026-12-04T19:10:59Z" },
		{ "2026-12-04T19:10:59.1234567890123x", 33,
		    "2026-12-04T19:10:59Z" },
	};
	struct mnw_tz z = tz("UTC");

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = strlen(t[i].in);
		char *p = exact_copy(t[i].in, len);
		time_t out;
		size_t n = mnw_time_parse_iso(p, len, &z, &out);

		free(p);
		ck_assert_msg(n == t[i].consumed, "'%s': consumed %zu",
		    t[i].in, n);
		ck_assert_msg(strcmp(fmt(out), t[i].utc) == 0,
		    "'%s': got %s expected %s", t[i].in, fmt(out), t[i].utc);
	}
}
END_TEST

START_TEST(parse_iso_invalid)
{
	static const char *const bad[] = {
		"", "2026", "2026-12-04", "2026-12-04T19:10", "2026-12-04T19:10:5",
		"2026-13-04T19:10:59Z", "2026-00-04T19:10:59Z",
		"2026-12-00T19:10:59Z", "2026-12-32T19:10:59Z",
		"2026-04-31T19:10:59Z", "2026-06-31T00:00:00Z",
		"2026-09-31T00:00:00Z", "2026-11-31T00:00:00Z",
		"2027-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
		"2026-02-30T00:00:00Z",
		"2026-12-04T24:00:00Z", "2026-12-04T19:60:00Z",
		"2026-12-04T19:10:61Z", "2026-12-04T19:10:599Z",
		"2026-12-04X19:10:59Z", "2026-12-4T19:10:59Z",
		"26-12-04T19:10:59Z", "2026/12/04T19:10:59Z",
		"2026-12-04T19:10:59+24:00", "2026-12-04T19:10:59+01:60",
		"2026-12-04T19:10:59+1", "2026-12-04T19:10:59+01",
		"2026-12-04T19:10:59+01:0", "2026-12-04T19:10:59+010",
		"2026-12-04T19:10:59+01000", "2026-12-04T19:10:59+01:00:00",
		"2026-12-04T19:10:59Z1", "2026-12-04T19:10:59-",
		" 2026-12-04T19:10:59Z", "2026-12-04T19:10:59.123+0", "x026-12-04T19:10:59Z",
		"2026-12-04T19:1a:59Z",
	};
	struct mnw_tz z = tz("UTC");

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = strlen(bad[i]);
		char *p = exact_copy(bad[i], len);
		time_t out;
		size_t n = mnw_time_parse_iso(p, len, &z, &out);

		free(p);
		ck_assert_msg(n == 0, "'%s' accepted (%zu bytes)", bad[i], n);
	}
}
END_TEST

START_TEST(parse_iso_local_zone)
{
	struct mnw_tz z = tz("+02:00");
	const char *s = "2026-12-04T21:10:59";
	time_t out;

	/* No offset in the text: the time is local to tz. */
	ck_assert_uint_eq(mnw_time_parse_iso(s, strlen(s), &z, &out), 19);
	ck_assert_str_eq(fmt(out), "2026-12-04T19:10:59Z");
	ck_assert_uint_eq(mnw_time_parse_iso(s, strlen(s), NULL, &out), 19);
	ck_assert_str_eq(fmt(out), "2026-12-04T21:10:59Z");
	/* An offset in the text wins over tz. */
	s = "2026-12-04T21:10:59Z";
	ck_assert_uint_eq(mnw_time_parse_iso(s, strlen(s), &z, &out), 20);
	ck_assert_str_eq(fmt(out), "2026-12-04T21:10:59Z");
}
END_TEST

static size_t
bsd(const char *s, const struct mnw_tz *z, time_t ref, time_t *out)
{
	size_t len = strlen(s);
	char *p = exact_copy(s, len);
	size_t n = mnw_time_parse_bsd(p, len, z, ref, out);

	free(p);
	return n;
}

START_TEST(parse_bsd_year_guess)
{
	static const struct {
		const char *line;
		const char *ref;
		const char *utc;
	} t[] = {
		/* A December line read on New Year's Day is last year's. */
		{ "Dec 31 23:59:59", "2027-01-01T00:00:00Z",
		    "2026-12-31T23:59:59Z" },
		{ "Dec 31 23:59:59", "2027-01-01T08:00:00Z",
		    "2026-12-31T23:59:59Z" },
		{ "Jan  1 00:00:01", "2027-01-01T00:00:00Z",
		    "2027-01-01T00:00:01Z" },
		/* Up to one day in the future is this year... */
		{ "Jan  2 00:00:00", "2027-01-01T00:00:00Z",
		    "2027-01-02T00:00:00Z" },
		/* ...one second more is last year. */
		{ "Jan  2 00:00:01", "2027-01-01T00:00:00Z",
		    "2026-01-02T00:00:01Z" },
		/* Read just before midnight, a line from January is next year's. */
		{ "Jan  1 00:10:00", "2026-12-31T23:30:00Z",
		    "2027-01-01T00:10:00Z" },
		{ "Jun 15 12:00:00", "2026-07-01T00:00:00Z",
		    "2026-06-15T12:00:00Z" },
		{ "Aug 15 12:00:00", "2026-07-01T00:00:00Z",
		    "2025-08-15T12:00:00Z" },
		/* Feb 29 goes back to the last leap year. */
		{ "Feb 29 12:00:00", "2028-03-01T00:00:00Z",
		    "2028-02-29T12:00:00Z" },
		{ "Feb 29 12:00:00", "2027-06-01T00:00:00Z",
		    "2024-02-29T12:00:00Z" },
		{ "Feb 29 12:00:00", "2028-02-28T13:00:00Z",
		    "2028-02-29T12:00:00Z" },
		{ "Feb 29 12:00:00", "2028-02-27T13:00:00Z",
		    "2024-02-29T12:00:00Z" },
		{ "Feb 29 00:00:00", "2104-01-01T00:00:00Z",
		    "2096-02-29T00:00:00Z" },
		{ "Feb 28 12:00:00", "2027-06-01T00:00:00Z",
		    "2027-02-28T12:00:00Z" },
		/* Before the epoch year of ref works too. */
		{ "Dec 31 23:59:59", "1970-01-01T00:00:00Z",
		    "1969-12-31T23:59:59Z" },
	};
	struct mnw_tz z = tz("UTC");

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		time_t out;
		size_t n = bsd(t[i].line, &z, utc(t[i].ref), &out);

		ck_assert_msg(n == 15, "'%s' ref %s: consumed %zu", t[i].line,
		    t[i].ref, n);
		ck_assert_msg(strcmp(fmt(out), t[i].utc) == 0,
		    "'%s' ref %s: got %s expected %s", t[i].line, t[i].ref,
		    fmt(out), t[i].utc);
	}
}
END_TEST

START_TEST(parse_bsd_forms)
{
	static const struct {
		const char *line;
		size_t consumed;	/* 0: no timestamp */
		const char *utc;
	} t[] = {
		{ "Dec  4 19:10:59", 15, "2026-12-04T19:10:59Z" },
		{ "Dec 04 19:10:59", 15, "2026-12-04T19:10:59Z" },
		{ "Dec 14 19:10:59", 15, "2026-12-14T19:10:59Z" },
		{ "dec 14 19:10:59", 15, "2026-12-14T19:10:59Z" },
		{ "Dec 14 19:10:59 gw kernel: x", 15, "2026-12-14T19:10:59Z" },
		{ "Dec 14 19:10:59.123456 gw", 22, "2026-12-14T19:10:59Z" },
		{ "Dec 14 19:10:59.1", 17, "2026-12-14T19:10:59Z" },
		{ "Dec 14 19:10:59. gw", 15, "2026-12-14T19:10:59Z" },
		{ "Nov 30 00:00:00", 15, "2026-11-30T00:00:00Z" },
		{ "Jun 30 23:59:60", 15, "2026-06-30T23:59:59Z" },
		{ "Dec 4 19:10:59", 0, NULL },
		{ "Dec  4 19:10:5", 0, NULL },
		{ "Dec  4 19:10:590", 0, NULL },
		{ "Dec  4 19:10:59.5x", 17, "2026-12-04T19:10:59Z" },
		{ "Dec  0 19:10:59", 0, NULL },
		{ "Dec 00 19:10:59", 0, NULL },
		{ "Dec 32 19:10:59", 0, NULL },
		{ "Nov 31 19:10:59", 0, NULL },
		{ "Apr 31 00:00:00", 0, NULL },
		{ "Feb 30 00:00:00", 0, NULL },
		{ "Dec 14 24:00:00", 0, NULL },
		{ "Dec 14 23:60:00", 0, NULL },
		{ "Dec 14 23:59:61", 0, NULL },
		{ "Dex 14 19:10:59", 0, NULL },
		{ "December 14 19:10:59", 0, NULL },
		{ "Dec-14 19:10:59", 0, NULL },
		{ "Dec 14T19:10:59", 0, NULL },
		{ "Dec 14 19-10-59", 0, NULL },
		{ "Dec 1a 19:10:59", 0, NULL },
		{ " Dec 14 19:10:59", 0, NULL },
		{ "", 0, NULL },
	};
	struct mnw_tz z = tz("UTC");
	time_t ref = utc("2026-12-20T00:00:00Z");

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		time_t out;
		size_t n = bsd(t[i].line, &z, ref, &out);

		ck_assert_msg(n == t[i].consumed, "'%s': consumed %zu",
		    t[i].line, n);
		if (n == 0)
			continue;
		ck_assert_msg(strcmp(fmt(out), t[i].utc) == 0,
		    "'%s': got %s expected %s", t[i].line, fmt(out), t[i].utc);
	}
}
END_TEST

START_TEST(parse_bsd_fixed_offset)
{
	struct mnw_tz z = tz("+02:00");
	time_t out;

	ck_assert_uint_eq(bsd("Jun 15 12:00:00", &z,
	    utc("2026-07-01T00:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-06-15T10:00:00Z");
	/* 00:30 local on New Year's Day is still last year in UTC. */
	ck_assert_uint_eq(bsd("Jan  1 00:30:00", &z,
	    utc("2027-01-01T00:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-12-31T22:30:00Z");
	z = tz("-05:00");
	ck_assert_uint_eq(bsd("Dec 31 22:00:00", &z,
	    utc("2027-01-01T04:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2027-01-01T03:00:00Z");
	ck_assert_uint_eq(bsd("Dec  4 19:10:59", NULL,
	    utc("2027-01-01T04:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-12-04T19:10:59Z");
}
END_TEST

START_TEST(parse_epoch)
{
	static const struct {
		const char *in;
		size_t consumed;
		long long t;
	} t[] = {
		{ "0", 1, 0 },
		{ "1796411459", 10, 1796411459 },
		{ "1796411459.123", 14, 1796411459 },
		{ "1796411459.123 rest", 14, 1796411459 },
		{ "1796411459 rest", 10, 1796411459 },
		{ "1796411459.", 10, 1796411459 },
		{ "253402300799", 12, 253402300799LL },
		{ "1796411459123", 0, 0 },	/* milliseconds: no guess */
		{ "", 0, 0 },
		{ "x1", 0, 0 },
		{ "-1", 0, 0 },
		{ ".5", 0, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = strlen(t[i].in);
		char *p = exact_copy(t[i].in, len);
		time_t out = 12345;
		size_t n = mnw_time_parse_epoch(p, len, &out);

		free(p);
		ck_assert_msg(n == t[i].consumed, "'%s': consumed %zu",
		    t[i].in, n);
		if (n > 0)
			ck_assert_int_eq((long long)out, t[i].t);
	}
}
END_TEST

START_TEST(parse_any)
{
	static const struct {
		const char *in;
		size_t consumed;
		const char *utc;
	} t[] = {
		{ "2026-12-04T19:10:59Z", 20, "2026-12-04T19:10:59Z" },
		{ "2026-12-04 14:10:59 -05:00", 26, "2026-12-04T19:10:59Z" },
		{ "Dec  4 19:10:59", 15, "2026-12-04T19:10:59Z" },
		{ "1796411459", 10, "2026-12-04T19:10:59Z" },
		{ "1796411459.25", 13, "2026-12-04T19:10:59Z" },
		{ "2027-02-29 00:00:00", 0, NULL },	/* not epoch 2027 */
		{ "2026-12-04T25:00:00Z", 0, NULL },
		{ "19:10:59", 0, NULL },
		{ "yesterday", 0, NULL },
		{ "", 0, NULL },
	};
	struct mnw_tz z = tz("UTC");
	time_t ref = utc("2026-12-20T00:00:00Z");

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = strlen(t[i].in);
		char *p = exact_copy(t[i].in, len);
		time_t out;
		size_t n = mnw_time_parse_any(p, len, &z, ref, &out);

		free(p);
		ck_assert_msg(n == t[i].consumed, "'%s': consumed %zu",
		    t[i].in, n);
		if (n > 0)
			ck_assert_str_eq(fmt(out), t[i].utc);
	}
}
END_TEST

START_TEST(parsers_truncated_input)
{
	static const char *const lines[] = {
		"2026-12-04T19:10:59.123456+05:30 rest",
		"2026-12-04 14:10:59 -05:00",
		"Dec 14 19:10:59.123456 gw",
		"1796411459.123",
		"2026-12-04T19:10:59Z",
	};
	struct mnw_tz z = tz("+01:00");
	time_t ref = utc("2026-12-20T00:00:00Z");

	/* Every prefix, from a buffer that ends where the prefix ends. */
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t len = strlen(lines[i]);

		for (size_t n = 0; n <= len; n++) {
			char *p = exact_copy(lines[i], n);
			time_t out;

			ck_assert_uint_le(mnw_time_parse_iso(p, n, &z, &out), n);
			ck_assert_uint_le(mnw_time_parse_bsd(p, n, &z, ref,
			    &out), n);
			ck_assert_uint_le(mnw_time_parse_epoch(p, n, &out), n);
			ck_assert_uint_le(mnw_time_parse_any(p, n, &z, ref,
			    &out), n);
			(void)mnw_time_parse_record(p, n, &out);
			free(p);
		}
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Named zones: need the zoneinfo files (Debian package tzdata).       */
/* ------------------------------------------------------------------ */

static time_t
iso_in(const char *s, const struct mnw_tz *z)
{
	time_t out;

	ck_assert_msg(mnw_time_parse_iso(s, strlen(s), z, &out) ==
	    strlen(s), "'%s' rejected", s);
	return out;
}

START_TEST(named_zone_berlin_dst)
{
	static const struct {
		const char *local;
		const char *utc;
	} t[] = {
		{ "2026-01-15 12:00:00", "2026-01-15T11:00:00Z" },
		{ "2026-07-01 12:00:00", "2026-07-01T10:00:00Z" },
		/* Spring forward: 02:00 CET becomes 03:00 CEST on Mar 29. */
		{ "2026-03-29 01:59:59", "2026-03-29T00:59:59Z" },
		{ "2026-03-29 03:00:00", "2026-03-29T01:00:00Z" },
		{ "2026-03-29 03:30:00", "2026-03-29T01:30:00Z" },
		{ "2026-03-28 02:30:00", "2026-03-28T01:30:00Z" },
		/* Fall back: 03:00 CEST becomes 02:00 CET on Oct 25. */
		{ "2026-10-25 01:59:59", "2026-10-24T23:59:59Z" },
		{ "2026-10-25 03:00:00", "2026-10-25T02:00:00Z" },
		{ "2026-10-25 04:15:00", "2026-10-25T03:15:00Z" },
		{ "2026-12-31 23:59:59", "2026-12-31T22:59:59Z" },
		{ "2027-01-01 00:30:00", "2026-12-31T23:30:00Z" },
	};
	struct mnw_tz z = tz("Europe/Berlin");

	ck_assert_int_eq(z.fixed, 0);
	ck_assert_str_eq(z.name, "Europe/Berlin");
	/* Twice: the second round comes from the hour cache. */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			time_t out = iso_in(t[i].local, &z);

			ck_assert_msg(strcmp(fmt(out), t[i].utc) == 0,
			    "%s Berlin: got %s expected %s (round %d)",
			    t[i].local, fmt(out), t[i].utc, round);
		}
	}
}
END_TEST

START_TEST(named_zone_gap_and_overlap)
{
	struct mnw_tz z = tz("Europe/Berlin");
	time_t out;

	/* 02:30 does not exist on Mar 29, so either neighbour is accepted. */
	out = iso_in("2026-03-29 02:30:00", &z);
	ck_assert_msg(out == utc("2026-03-29T00:30:00Z") ||
	    out == utc("2026-03-29T01:30:00Z"), "gap: got %s", fmt(out));
	/* 02:30 happens twice on Oct 25. */
	out = iso_in("2026-10-25 02:30:00", &z);
	ck_assert_msg(out == utc("2026-10-25T00:30:00Z") ||
	    out == utc("2026-10-25T01:30:00Z"), "overlap: got %s", fmt(out));
	/* Within an hour the minutes and seconds add up linearly. */
	ck_assert_int_eq((long long)iso_in("2026-10-25 02:59:59", &z) -
	    (long long)iso_in("2026-10-25 02:00:00", &z), 3599);
}
END_TEST

START_TEST(named_zone_mid_hour_change)
{
	/* Nepal moved from +05:30 to +05:45 at 1986-01-01 00:00 local, so
	 * the hour from 00:00 has two offsets and must not be cached. */
	static const struct {
		const char *local;
		const char *utc;
	} t[] = {
		{ "1985-12-31 23:59:59", "1985-12-31T18:29:59Z" },
		{ "1986-01-01 00:30:00", "1985-12-31T18:45:00Z" },
		{ "1986-01-01 00:59:59", "1985-12-31T19:14:59Z" },
		{ "1986-01-01 01:00:00", "1985-12-31T19:15:00Z" },
	};
	struct mnw_tz z = tz("Asia/Kathmandu");

	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			time_t out = iso_in(t[i].local, &z);

			ck_assert_msg(strcmp(fmt(out), t[i].utc) == 0,
			    "%s Kathmandu: got %s expected %s", t[i].local,
			    fmt(out), t[i].utc);
		}
	}
}
END_TEST

START_TEST(named_zone_cache_per_zone)
{
	struct mnw_tz berlin = tz("Europe/Berlin");
	struct mnw_tz newyork = tz("America/New_York");
	struct mnw_tz kolkata = tz("Asia/Kolkata");

	/* The same local hour in different zones, interleaved. */
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(fmt(iso_in("2026-07-01 12:34:56", &berlin)),
		    "2026-07-01T10:34:56Z");
		ck_assert_str_eq(fmt(iso_in("2026-07-01 12:34:56", &newyork)),
		    "2026-07-01T16:34:56Z");
		ck_assert_str_eq(fmt(iso_in("2026-07-01 12:00:01", &kolkata)),
		    "2026-07-01T06:30:01Z");
	}
	/* More hours than the cache holds. */
	for (int h = 0; h < 24; h++) {
		char s[32];

		snprintf(s, sizeof(s), "2026-01-10 %02d:05:00", h);
		ck_assert_int_eq((long long)iso_in(s, &berlin),
		    (long long)utc("2026-01-10T00:05:00Z") + (h - 1) * 3600);
	}
}
END_TEST

START_TEST(named_zone_bsd)
{
	struct mnw_tz z = tz("Europe/Berlin");
	time_t out;

	ck_assert_uint_eq(bsd("Dec 31 23:59:59", &z,
	    utc("2027-01-01T00:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-12-31T22:59:59Z");
	ck_assert_uint_eq(bsd("Jan  1 00:30:00", &z,
	    utc("2026-12-31T23:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-12-31T23:30:00Z");
	ck_assert_uint_eq(bsd("Mar 29 03:00:00", &z,
	    utc("2026-04-01T00:00:00Z"), &out), 15);
	ck_assert_str_eq(fmt(out), "2026-03-29T01:00:00Z");
}
END_TEST

START_TEST(named_zone_restores_tz)
{
	struct mnw_tz z = tz("Europe/Berlin");
	const char *env;

	ck_assert_int_eq(setenv("TZ", "UTC0", 1), 0);
	tzset();
	(void)iso_in("2026-05-05 05:05:05", &z);
	env = getenv("TZ");
	ck_assert_ptr_nonnull(env);
	ck_assert_str_eq(env, "UTC0");

	ck_assert_int_eq(unsetenv("TZ"), 0);
	tzset();
	(void)iso_in("2026-05-06 05:05:05", &z);
	ck_assert_ptr_null(getenv("TZ"));

	/* Already the zone: works without switching. */
	ck_assert_int_eq(setenv("TZ", ":Europe/Berlin", 1), 0);
	tzset();
	ck_assert_str_eq(fmt(iso_in("2026-05-07 05:05:05", &z)),
	    "2026-05-07T03:05:05Z");
	ck_assert_str_eq(getenv("TZ"), ":Europe/Berlin");
}
END_TEST

static int
have_zoneinfo(void)
{
	struct mnw_tz z;

	return mnw_tz_parse(&z, "Europe/Berlin") == 0 &&
	    mnw_tz_parse(&z, "America/New_York") == 0 &&
	    mnw_tz_parse(&z, "Asia/Kolkata") == 0 &&
	    mnw_tz_parse(&z, "Asia/Kathmandu") == 0;
}

static Suite *
time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("time");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, timegm_known_values);
	tcase_add_test(tc, timegm_matches_libc);
	tcase_add_test(tc, timegm_carries);
	tcase_add_test(tc, format_values);
	tcase_add_test(tc, format_parse_round_trip);
	tcase_add_test(tc, format_extremes);
	tcase_add_test(tc, parse_record_invalid);
	tcase_add_test(tc, month_abbr);
	tcase_add_test(tc, tz_parse_fixed);
	tcase_add_test(tc, tz_parse_invalid);
	tcase_add_test(tc, tz_mktime_fixed);
	tcase_add_test(tc, parse_iso_valid);
	tcase_add_test(tc, parse_iso_invalid);
	tcase_add_test(tc, parse_iso_local_zone);
	tcase_add_test(tc, parse_bsd_year_guess);
	tcase_add_test(tc, parse_bsd_forms);
	tcase_add_test(tc, parse_bsd_fixed_offset);
	tcase_add_test(tc, parse_epoch);
	tcase_add_test(tc, parse_any);
	tcase_add_test(tc, parsers_truncated_input);
	suite_add_tcase(s, tc);

	if (have_zoneinfo()) {
		TCase *named = tcase_create("named");

		tcase_add_test(named, named_zone_berlin_dst);
		tcase_add_test(named, named_zone_gap_and_overlap);
		tcase_add_test(named, named_zone_mid_hour_change);
		tcase_add_test(named, named_zone_cache_per_zone);
		tcase_add_test(named, named_zone_bsd);
		tcase_add_test(named, named_zone_restores_tz);
		suite_add_tcase(s, named);
	} else
		printf("# named zone tests skipped: zoneinfo files missing "
		    "(install tzdata)\n");
	fflush(stdout);	/* before Check forks */
	return s;
}

int
main(void)
{
	return mnw_unit_run(time_suite());
}
