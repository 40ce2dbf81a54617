/*
 * Unit tests for the mnw-backtrace library parts: name and mailbox
 * checks and the override file (lib/contact.c), the TXT parsers
 * (lib/bttxt.c), the cache (lib/btcache.c) and the CSV tables
 * (lib/geo.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backtrace.h"
#include "mnw.h"
#include "unit.h"

static int
host_ok(const char *s)
{
	return mnw_bt_hostname_valid(s, strlen(s));
}

static int
mailbox_ok(const char *s)
{
	return mnw_bt_mailbox_valid(s, strlen(s));
}

static struct mnw_addr
addr(const char *s)
{
	struct mnw_addr a;

	ck_assert_int_eq(mnw_addr_parse(&a, s, strlen(s)), 0);
	return a;
}

/* Write text to a new temporary file; the caller unlinks path. */
static void
write_temp(char *path, const char *text)
{
	int fd;

	strcpy(path, "/tmp/mnw-bt-test.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

START_TEST(hostname_syntax)
{
	ck_assert(host_ok("host7.provider-a.nl"));
	ck_assert(host_ok("host7.provider-a.nl."));
	ck_assert(host_ok("1st.example-isp.co.uk"));
	ck_assert(!host_ok("localhost"));
	ck_assert(!host_ok("198.51.100.7"));
	ck_assert(!host_ok("-bad.provider.nl"));
	ck_assert(!host_ok("bad-.provider.nl"));
	ck_assert(!host_ok("a..b.nl"));
	ck_assert(!host_ok("under_score.provider.nl"));
	ck_assert(!host_ok("evil\nname.provider.nl"));
	ck_assert(!host_ok("<b>x</b>.provider.nl"));
	ck_assert(!host_ok("$(reboot).provider.nl"));
	ck_assert(!host_ok(""));
	ck_assert(!host_ok("."));
	ck_assert(!mnw_bt_hostname_valid("a.b\0c.nl", 8));
}
END_TEST

START_TEST(hostname_lengths)
{
	char label[70], name[300];

	memset(label, 'a', 63);
	label[63] = '\0';
	snprintf(name, sizeof name, "%s.nl", label);
	ck_assert(host_ok(name));
	memset(label, 'a', 64);
	label[64] = '\0';
	snprintf(name, sizeof name, "%s.nl", label);
	ck_assert(!host_ok(name));
	/* Three labels of 63, one of 58 and "nl": 253 bytes, the maximum. */
	memset(label, 'b', 63);
	label[63] = '\0';
	snprintf(name, sizeof name, "%s.%s.%s.%.58s.nl", label, label, label,
	    label);
	ck_assert_uint_eq(strlen(name), 253);
	ck_assert(host_ok(name));
	snprintf(name, sizeof name, "%s.%s.%s.%.59s.nl", label, label, label,
	    label);
	ck_assert_uint_eq(strlen(name), 254);
	ck_assert(!host_ok(name));
}
END_TEST

START_TEST(mailbox_check)
{
	ck_assert(mailbox_ok("abuse@provider-a.nl"));
	ck_assert(mailbox_ok("abuse+ripe@provider-a.nl"));
	ck_assert(mailbox_ok("first.last@provider-a.nl"));
	ck_assert(!mailbox_ok("abuse"));
	ck_assert(!mailbox_ok("@provider-a.nl"));
	ck_assert(!mailbox_ok("abuse@"));
	ck_assert(!mailbox_ok("abuse@provider-a.nl."));
	ck_assert(!mailbox_ok("\"abuse desk\"@provider-a.nl"));
	ck_assert(!mailbox_ok("abuse@[192.0.2.1]"));
	ck_assert(!mailbox_ok("ab..use@provider-a.nl"));
	ck_assert(!mailbox_ok(".abuse@provider-a.nl"));
	ck_assert(!mailbox_ok("-oQ/tmp@provider-a.nl"));
	ck_assert(!mailbox_ok("abuse@provider-a.nl\r\nBcc: x@y.nl"));
	ck_assert(!mailbox_ok("a@b@provider-a.nl"));
	ck_assert(!mailbox_ok("<script>@provider-a.nl"));
	ck_assert(!mnw_bt_mailbox_valid("abuse@x.nl\0y", 12));
}
END_TEST

START_TEST(mailbox_limits)
{
	char mb[400];

	memset(mb, 'a', 64);
	strcpy(mb + 64, "@provider-a.nl");
	ck_assert(mailbox_ok(mb));
	memset(mb, 'a', 65);
	strcpy(mb + 65, "@provider-a.nl");
	ck_assert(!mailbox_ok(mb));
}
END_TEST

START_TEST(placeholders)
{
	ck_assert(mnw_bt_mailbox_placeholder("abuse@example.com"));
	ck_assert(mnw_bt_mailbox_placeholder("abuse@sub.example.net"));
	ck_assert(mnw_bt_mailbox_placeholder("abuse@isp.invalid"));
	ck_assert(mnw_bt_mailbox_placeholder("abuse@isp.local"));
	ck_assert(!mnw_bt_mailbox_placeholder("abuse@isp.example"));
	ck_assert(mnw_bt_mailbox_placeholder("nobody@provider-a.nl"));
	ck_assert(mnw_bt_mailbox_placeholder("NoReply@provider-a.nl"));
	ck_assert(!mnw_bt_mailbox_placeholder("abuse@provider-a.nl"));
	ck_assert(!mnw_bt_mailbox_placeholder("abuse@notexample.com"));
}
END_TEST

START_TEST(registered_domain)
{
	ck_assert_str_eq(mnw_bt_registered_domain("h.dsl.provider-a.nl"),
	    "provider-a.nl");
	ck_assert_str_eq(mnw_bt_registered_domain("dsl-9.customers."
	    "example-isp.co.uk"), "example-isp.co.uk");
	ck_assert_str_eq(mnw_bt_registered_domain("provider-a.nl"),
	    "provider-a.nl");
	ck_assert_str_eq(mnw_bt_registered_domain("a.b.com.au"), "b.com.au");
	ck_assert_str_eq(mnw_bt_registered_domain("a.b.provider.de."),
	    "provider.de.");
}
END_TEST

START_TEST(origin_parse)
{
	struct mnw_addr a = addr("198.51.100.7");
	struct mnw_bt_origin o;
	const char *s;

	s = "64500 | 198.51.100.0/24 | NL | ripencc | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), 0);
	ck_assert_int_eq(o.nasn, 1);
	ck_assert_uint_eq(o.asn[0], 64500);
	ck_assert_uint_eq(o.bits, 24);
	ck_assert_str_eq(o.cc, "NL");
	ck_assert_str_eq(o.registry, "ripencc");

	s = "64511 64510 64511 | 198.51.100.0/25 | | arin |";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), 0);
	ck_assert_int_eq(o.nasn, 2);
	ck_assert_uint_eq(o.asn[0], 64510);
	ck_assert_uint_eq(o.asn[1], 64511);
	ck_assert_str_eq(o.cc, "");

	s = "64500 | 10.0.0.0/8 | NL | ripencc | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), -1);
	s = "64500 | 198.51.100.7/24 | NL | ripencc | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), -1);
	s = "0 | 198.51.100.0/24 | NL | ripencc | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), -1);
	s = "64500 | 198.51.100.0/24 | Nl | ripencc | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), -1);
	s = "64500 | 198.51.100.0/24 | NL | RIPE\nNCC | 2001-01-01";
	ck_assert_int_eq(mnw_bt_parse_origin(s, strlen(s), &a, &o), -1);
	ck_assert_int_eq(mnw_bt_parse_origin("64500 | 198.51.100.0/24\0 | NL",
	    30, &a, &o), -1);
	ck_assert_int_eq(mnw_bt_parse_origin("", 0, &a, &o), -1);
}
END_TEST

START_TEST(asname_parse)
{
	char name[MNW_BT_ASNAME_MAX + 1];
	const char *s;

	s = "64500 | NL | ripencc | 2001-01-01 | PROVIDER-A Provider A, NL";
	ck_assert_int_eq(mnw_bt_parse_asname(s, strlen(s), 64500, name,
	    sizeof name), 0);
	ck_assert_str_eq(name, "PROVIDER-A Provider A, NL");
	ck_assert_int_eq(mnw_bt_parse_asname(s, strlen(s), 64501, name,
	    sizeof name), -1);
	/* Control bytes are kept for the record escape; NUL is not. */
	s = "64500 | NL | ripencc | 2001 | EVIL\r\nX: 1";
	ck_assert_int_eq(mnw_bt_parse_asname(s, strlen(s), 64500, name,
	    sizeof name), 0);
	ck_assert_str_eq(name, "EVIL\r\nX: 1");
	ck_assert_int_eq(mnw_bt_parse_asname("64500 | NL | r | 2 | A\0B", 24,
	    64500, name, sizeof name), -1);
	s = "64500 | NL | ripencc | 2001 |  ";
	ck_assert_int_eq(mnw_bt_parse_asname(s, strlen(s), 64500, name,
	    sizeof name), -1);
}
END_TEST

START_TEST(abusix_parse)
{
	char mb[MNW_BT_MAILBOX_MAX + 1];
	const char *s;

	s = " abuse@provider-a.nl ";
	ck_assert_int_eq(mnw_bt_parse_abusix(s, strlen(s), mb, sizeof mb), 0);
	ck_assert_str_eq(mb, "abuse@provider-a.nl");
	s = "abuse@provider-a.nl\r\nBcc: x@y.nl";
	ck_assert_int_eq(mnw_bt_parse_abusix(s, strlen(s), mb, sizeof mb), -1);
	ck_assert_str_eq(mb, "");
	ck_assert_int_eq(mnw_bt_parse_abusix("abuse@x.nl\0y", 12, mb,
	    sizeof mb), -1);
	s = "abuse@example.com";
	ck_assert_int_eq(mnw_bt_parse_abusix(s, strlen(s), mb, sizeof mb), -1);
	ck_assert_str_eq(mb, "");
}
END_TEST

START_TEST(overrides)
{
	struct mnw_bt_overrides ov;
	struct mnw_bt_result r;
	struct mnw_addr a;
	const struct mnw_bt_rule *ru;
	char path[64];
	int open_failed;

	write_temp(path, "# rules\n"
	    "198.51.100.0/24 abuse@wide.nl\n"
	    "198.51.100.0/28\tnever  # scanner\n"
	    "AS64500 as@provider-a.nl\n"
	    "provider-l.nl noc@provider-l.nl\n"
	    "dsl.provider-l.nl dsl@provider-l.nl\n");
	ck_assert_int_eq(mnw_bt_overrides_load(&ov, path, &open_failed), 0);
	ck_assert_uint_eq(ov.n, 5);

	a = addr("198.51.100.7");
	mnw_bt_result_init(&r, &a);
	ru = mnw_bt_overrides_match(&ov, &r);
	ck_assert_ptr_nonnull(ru);
	ck_assert_ptr_null(ru->mailbox);	/* the /28 "never" wins */
	ck_assert_uint_eq(ru->line, 3);

	a = addr("198.51.100.70");
	mnw_bt_result_init(&r, &a);
	ru = mnw_bt_overrides_match(&ov, &r);
	ck_assert_str_eq(ru->mailbox, "abuse@wide.nl");

	a = addr("192.0.2.1");
	mnw_bt_result_init(&r, &a);
	ck_assert_ptr_null(mnw_bt_overrides_match(&ov, &r));
	r.asn[0] = 64500;
	r.nasn = 1;
	ck_assert_str_eq(mnw_bt_overrides_match(&ov, &r)->mailbox,
	    "as@provider-a.nl");
	r.nasn = 0;

	/* Domains match only a confirmed PTR name, the longest first. */
	strcpy(r.ptr, "h1.dsl.provider-l.nl");
	r.ptr_status = MNW_BT_PTR_UNCONFIRMED;
	ck_assert_ptr_null(mnw_bt_overrides_match(&ov, &r));
	r.ptr_status = MNW_BT_PTR_CONFIRMED;
	ck_assert_str_eq(mnw_bt_overrides_match(&ov, &r)->mailbox,
	    "dsl@provider-l.nl");
	strcpy(r.ptr, "gw.provider-l.nl");
	ck_assert_str_eq(mnw_bt_overrides_match(&ov, &r)->mailbox,
	    "noc@provider-l.nl");
	strcpy(r.ptr, "gw.notprovider-l.nl");
	ck_assert_ptr_null(mnw_bt_overrides_match(&ov, &r));
	mnw_bt_overrides_free(&ov);
	unlink(path);
}
END_TEST

START_TEST(overrides_errors)
{
	struct mnw_bt_overrides ov;
	char path[64];
	int open_failed;

	write_temp(path, "198.51.100.0/24 maybe\n");
	ck_assert_int_eq(mnw_bt_overrides_load(&ov, path, &open_failed), -1);
	ck_assert_int_eq(open_failed, 0);
	mnw_bt_overrides_free(&ov);
	unlink(path);

	write_temp(path, "198.51.100.7/24 abuse@x.nl\n");
	ck_assert_int_eq(mnw_bt_overrides_load(&ov, path, &open_failed), -1);
	mnw_bt_overrides_free(&ov);
	unlink(path);

	write_temp(path, "AS64500\n");
	ck_assert_int_eq(mnw_bt_overrides_load(&ov, path, &open_failed), -1);
	mnw_bt_overrides_free(&ov);
	unlink(path);

	ck_assert_int_eq(mnw_bt_overrides_load(&ov, "/nonexistent/ov",
	    &open_failed), -1);
	ck_assert_int_eq(open_failed, 1);
	mnw_bt_overrides_free(&ov);
}
END_TEST

START_TEST(cache_round_trip)
{
	struct mnw_btcache c;
	struct mnw_bt_result r;
	const struct mnw_bt_result *got;
	struct mnw_addr a = addr("198.51.100.7"), b = addr("2001:db8::5");
	char path[64];

	write_temp(path, "");
	unlink(path);
	ck_assert_int_eq(mnw_btcache_load(&c, path, 10, 1000), 0);
	mnw_bt_result_init(&r, &a);
	r.looked = 900;
	r.ptr_status = MNW_BT_PTR_CONFIRMED;
	strcpy(r.ptr, "host7.provider-a.nl");
	r.asn[0] = 64500;
	r.asn[1] = 64501;
	r.nasn = 2;
	strcpy(r.asname, "EVIL\r\n\t#-");
	strcpy(r.prefix, "198.51.100.0/24");
	strcpy(r.registry, "ripencc");
	strcpy(r.alloccc, "NL");
	strcpy(r.netsrc, "cymru");
	strcpy(r.net[0].mailbox, "abuse@provider-a.nl");
	strcpy(r.net[0].source, "dns:abuse-contacts.abusix.zone");
	r.net[0].when = 900;
	strcpy(r.net[1].mailbox, "noc@provider-a.nl");
	strcpy(r.net[1].source, "whois:whois.ripe.net");
	r.net[1].when = 901;
	r.nnet = 2;
	r.skipped = MNW_BT_L_WHOIS | MNW_BT_L_PTR;
	mnw_btcache_put(&c, &r, 5000);
	mnw_bt_result_init(&r, &b);
	r.looked = 900;
	r.ptr_status = MNW_BT_PTR_NONE;
	mnw_btcache_put(&c, &r, 1500);
	ck_assert_int_eq(mnw_btcache_save(&c), 0);
	mnw_btcache_free(&c);

	ck_assert_int_eq(mnw_btcache_load(&c, path, 10, 1000), 0);
	ck_assert_uint_eq(c.invalid, 0);
	got = mnw_btcache_get(&c, &a);
	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(got->ptr_status, MNW_BT_PTR_CONFIRMED);
	ck_assert_str_eq(got->ptr, "host7.provider-a.nl");
	ck_assert_int_eq(got->nasn, 2);
	ck_assert_uint_eq(got->asn[1], 64501);
	ck_assert_str_eq(got->asname, "EVIL\r\n\t#-");
	ck_assert_str_eq(got->prefix, "198.51.100.0/24");
	ck_assert_int_eq(got->nnet, 2);
	ck_assert_str_eq(got->net[1].mailbox, "noc@provider-a.nl");
	ck_assert_str_eq(got->net[1].source, "whois:whois.ripe.net");
	ck_assert_int_eq(got->net[1].when, 901);
	ck_assert_uint_eq(got->skipped, MNW_BT_L_WHOIS | MNW_BT_L_PTR);
	got = mnw_btcache_get(&c, &b);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(got->skipped, 0);
	ck_assert_int_eq(got->nnet, 0);
	ck_assert_int_eq(got->ptr_status, MNW_BT_PTR_NONE);
	mnw_btcache_free(&c);

	/* Later, the second entry has expired. */
	ck_assert_int_eq(mnw_btcache_load(&c, path, 10, 2000), 0);
	ck_assert_ptr_nonnull(mnw_btcache_get(&c, &a));
	ck_assert_ptr_null(mnw_btcache_get(&c, &b));
	mnw_btcache_free(&c);
	unlink(path);
}
END_TEST

START_TEST(cache_bound_and_damage)
{
	struct mnw_btcache c;
	struct mnw_bt_result r;
	struct mnw_addr a;
	char path[64], text[64];
	int i;

	write_temp(path, "");
	ck_assert_int_eq(mnw_btcache_load(&c, path, 3, 1000), 0);
	for (i = 1; i <= 10; i++) {
		snprintf(text, sizeof text, "198.51.100.%d", i);
		a = addr(text);
		mnw_bt_result_init(&r, &a);
		r.looked = 900;
		mnw_btcache_put(&c, &r, 2000 + i);
	}
	ck_assert_int_eq(mnw_btcache_save(&c), 0);
	mnw_btcache_free(&c);
	ck_assert_int_eq(mnw_btcache_load(&c, path, 3, 1000), 0);
	ck_assert_uint_eq(c.n, 3);
	/* The entries that expire last are kept. */
	a = addr("198.51.100.10");
	ck_assert_ptr_nonnull(mnw_btcache_get(&c, &a));
	a = addr("198.51.100.7");
	ck_assert_ptr_null(mnw_btcache_get(&c, &a));
	mnw_btcache_free(&c);
	unlink(path);

	write_temp(path, "#mnw-backtrace-cache/1\n"
	    "garbage\n"
	    "198.51.100.1\t2026-12-04T00:00:00Z\t2026-12-04T00:00:00Z\tnone"
	    "\tbad\\x0aname.nl\t-\t-\t-\t-\t-\t-\t-\t-\t-\n");
	ck_assert_int_eq(mnw_btcache_load(&c, path, 3, 1000), 0);
	ck_assert_uint_eq(c.invalid, 2);
	ck_assert_uint_eq(c.n, 0);
	mnw_btcache_free(&c);
	unlink(path);
}
END_TEST

START_TEST(geo_csv)
{
	struct mnw_geo *g;
	struct mnw_bt_result r;
	struct mnw_addr a;
	char cpath[64], apath[64];

	write_temp(cpath, "ip_range_start,ip_range_end,country_code\n"
	    "198.51.100.0,198.51.100.255,NL\n"
	    "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,FR\n");
	write_temp(apath, "198.51.100.0,198.51.100.127,64500,"
	    "\"Provider A, \"\"BV\"\"\"\n"
	    "198.51.100.128,198.51.100.255,64501,Provider B\n");
	g = mnw_geo_open(cpath, apath);
	ck_assert_ptr_nonnull(g);

	a = addr("198.51.100.7");
	mnw_bt_result_init(&r, &a);
	mnw_geo_lookup(g, &r, 1);
	ck_assert_str_eq(r.geocc, "NL");
	ck_assert_int_eq(r.nasn, 1);
	ck_assert_uint_eq(r.asn[0], 64500);
	ck_assert_str_eq(r.asname, "Provider A, \"BV\"");
	ck_assert_str_eq(r.netsrc, "offline");

	a = addr("198.51.100.200");
	mnw_bt_result_init(&r, &a);
	mnw_geo_lookup(g, &r, 1);
	ck_assert_uint_eq(r.asn[0], 64501);

	a = addr("2001:db8::1");
	mnw_bt_result_init(&r, &a);
	mnw_geo_lookup(g, &r, 1);
	ck_assert_str_eq(r.geocc, "FR");
	ck_assert_int_eq(r.nasn, 0);

	a = addr("192.0.2.1");
	mnw_bt_result_init(&r, &a);
	mnw_geo_lookup(g, &r, 1);
	ck_assert_str_eq(r.geocc, "");
	ck_assert_int_eq(r.nasn, 0);
	mnw_geo_close(g);
	unlink(cpath);
	unlink(apath);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("backtrace");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, hostname_syntax);
	tcase_add_test(tc, hostname_lengths);
	tcase_add_test(tc, mailbox_check);
	tcase_add_test(tc, mailbox_limits);
	tcase_add_test(tc, placeholders);
	tcase_add_test(tc, registered_domain);
	tcase_add_test(tc, origin_parse);
	tcase_add_test(tc, asname_parse);
	tcase_add_test(tc, abusix_parse);
	tcase_add_test(tc, overrides);
	tcase_add_test(tc, overrides_errors);
	tcase_add_test(tc, cache_round_trip);
	tcase_add_test(tc, cache_bound_and_damage);
	tcase_add_test(tc, geo_csv);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mnw_unit_run(suite());
}
