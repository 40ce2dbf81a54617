/*
 * Unit tests for the text of numbers, addresses, flags and the digest
 * in mnw_event_write() (lib/record.c), which writes them from lookup
 * tables, at the edges of each table and in a write-then-parse loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"
#include "unit.h"

/* Write ev to a string with mnw_event_write. */
static char *
event_text(const struct mnw_event *ev)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(mnw_event_write(fp, ev), 0);
	fclose(fp);
	return buf;
}

/* Copy field n (counted from 1) of the event's text into buf. */
static const char *
event_field(const struct mnw_event *ev, int n, char *buf, size_t cap)
{
	char *text = event_text(ev), *p = text, *tab;

	for (int i = 1; i < n; i++) {
		p = strchr(p, '\t');
		ck_assert_ptr_nonnull(p);
		p++;
	}
	tab = strpbrk(p, "\t\n");
	ck_assert_ptr_nonnull(tab);
	*tab = '\0';
	ck_assert_uint_lt(strlen(p), cap);
	strcpy(buf, p);
	free(text);
	return buf;
}

static void
base_event(struct mnw_event *ev)
{
	mnw_event_init(ev);
	ev->time = 1796411459;	/* 2026-12-04T19:10:59Z */
	strcpy(ev->agent, "a");
	ck_assert_int_eq(mnw_addr_parse(&ev->src, "203.0.113.7", 11), 0);
	ck_assert_int_eq(mnw_addr_parse(&ev->dst, "192.0.2.1", 9), 0);
	ev->proto = 17;
	strcpy(ev->format, "netfilter");
}

START_TEST(ports_at_digit_edges)
{
	static const struct {
		int port;
		const char *text;
	} cases[] = {
		{ -1, "-" }, { 0, "0" }, { 9, "9" }, { 10, "10" }, { 99, "99" },
		{ 100, "100" }, { 999, "999" }, { 1000, "1000" },
		{ 9999, "9999" }, { 10000, "10000" }, { 65535, "65535" },
	};
	struct mnw_event ev;
	char buf[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		base_event(&ev);
		ev.sport = cases[i].port;
		ev.dport = cases[i].port;
		ck_assert_str_eq(event_field(&ev, 4, buf, sizeof(buf)),
		    cases[i].text);
		ck_assert_str_eq(event_field(&ev, 6, buf, sizeof(buf)),
		    cases[i].text);
	}
}
END_TEST

START_TEST(count_and_icmp_text)
{
	struct mnw_event ev;
	char buf[64];

	base_event(&ev);
	ev.count = 4294967295UL;
	ck_assert_str_eq(event_field(&ev, 11, buf, sizeof(buf)), "4294967295");
	ev.count = 100;
	ck_assert_str_eq(event_field(&ev, 11, buf, sizeof(buf)), "100");
	ev.proto = 1;
	ev.icmp_type = 255;
	ev.icmp_code = 255;
	ck_assert_str_eq(event_field(&ev, 8, buf, sizeof(buf)), "255/255");
	ev.icmp_type = 3;
	ev.icmp_code = -1;
	ck_assert_str_eq(event_field(&ev, 8, buf, sizeof(buf)), "3");
	ev.icmp_type = 0;
	ev.icmp_code = 10;
	ck_assert_str_eq(event_field(&ev, 8, buf, sizeof(buf)), "0/10");
}
END_TEST

START_TEST(addresses_from_table)
{
	static const char *const cases[][2] = {
		{ "0.0.0.0", "0.0.0.0" },
		{ "255.255.255.255", "255.255.255.255" },
		{ "10.100.1.200", "10.100.1.200" },
		{ "2001:db8:0:0:0:0:0:1", "2001:db8::1" },
		{ "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
	};
	struct mnw_event ev;
	char buf[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		base_event(&ev);
		ck_assert_int_eq(mnw_addr_parse(&ev.src, cases[i][0],
		    strlen(cases[i][0])), 0);
		ev.dst = ev.src;
		ck_assert_str_eq(event_field(&ev, 3, buf, sizeof(buf)),
		    cases[i][1]);
		ck_assert_str_eq(event_field(&ev, 5, buf, sizeof(buf)),
		    cases[i][1]);
	}
}
END_TEST

START_TEST(flags_and_digest_text)
{
	struct mnw_event ev;
	char buf[64];

	base_event(&ev);
	ev.proto = 6;
	ev.tcpflags = -1;
	ck_assert_str_eq(event_field(&ev, 9, buf, sizeof(buf)), "-");
	ev.tcpflags = 0;
	ck_assert_str_eq(event_field(&ev, 9, buf, sizeof(buf)), "0");
	ev.tcpflags = 0xff;
	ck_assert_str_eq(event_field(&ev, 9, buf, sizeof(buf)), "CEUAPRSF");
	ev.tcpflags = MNW_TCP_ACK | MNW_TCP_FIN;
	ck_assert_str_eq(event_field(&ev, 9, buf, sizeof(buf)), "AF");
	ev.digest = 0;
	ck_assert_str_eq(event_field(&ev, 14, buf, sizeof(buf)),
	    "0000000000000000");
	ev.digest = 0xffffffffffffffffULL;
	ck_assert_str_eq(event_field(&ev, 14, buf, sizeof(buf)),
	    "ffffffffffffffff");
	ev.digest = 0x0123456789abcdefULL;
	ck_assert_str_eq(event_field(&ev, 14, buf, sizeof(buf)),
	    "0123456789abcdef");
}
END_TEST

/* Random events written and parsed back give the same fields. */
START_TEST(random_events_round_trip)
{
	struct mnw_event ev, back;
	const char *reason;
	int field;

	srand(12345);
	for (int n = 0; n < 2000; n++) {
		char *text;
		size_t len;

		base_event(&ev);
		ev.src.family = 4;
		for (int k = 0; k < 4; k++) {
			ev.src.bytes[k] = (uint8_t)(rand() & 0xff);
			ev.dst.bytes[k] = (uint8_t)(rand() & 0xff);
		}
		ev.sport = rand() % 65537 - 1;
		ev.dport = rand() % 65537 - 1;
		ev.proto = rand() % 2 ? 6 : 1;
		ev.tcpflags = rand() % 257 - 1;
		ev.icmp_type = rand() % 257 - 1;
		ev.icmp_code = ev.icmp_type < 0 ? -1 : rand() % 257 - 1;
		ev.count = 1 + (unsigned long)rand() % 4294967295UL;
		ev.digest = (uint64_t)rand() << 33 ^ (uint64_t)rand() << 11 ^
		    (uint64_t)rand();
		text = event_text(&ev);
		len = strlen(text);
		ck_assert(len > 0 && text[len - 1] == '\n');
		text[--len] = '\0';
		ck_assert_msg(mnw_event_parse(&back, text, len, &reason,
		    &field) == 0, "field %d: %s", field, reason);
		ck_assert(mnw_addr_equal(&back.src, &ev.src));
		ck_assert(mnw_addr_equal(&back.dst, &ev.dst));
		ck_assert_int_eq(back.sport, ev.sport);
		ck_assert_int_eq(back.dport, ev.dport);
		ck_assert_int_eq(back.tcpflags, ev.tcpflags);
		ck_assert_int_eq(back.icmp_type, ev.icmp_type);
		ck_assert_int_eq(back.icmp_code, ev.icmp_code);
		ck_assert_uint_eq(back.count, ev.count);
		ck_assert(back.digest == ev.digest);
		free(text);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("event-write");
	TCase *tc = tcase_create("event-write");

	tcase_add_test(tc, ports_at_digit_edges);
	tcase_add_test(tc, count_and_icmp_text);
	tcase_add_test(tc, addresses_from_table);
	tcase_add_test(tc, flags_and_digest_text);
	tcase_add_test(tc, random_events_round_trip);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
