/* Unit tests for records, headers and the event record (lib/record.c). */
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

static void
sample_event(struct mnw_event *ev)
{
	mnw_event_init(ev);
	ev->time = 1796411459;	/* 2026-12-04T19:10:59Z */
	strcpy(ev->agent, "home-gw");
	ck_assert_int_eq(mnw_addr_parse(&ev->src, "203.0.113.7", 11), 0);
	ck_assert_int_eq(mnw_addr_parse(&ev->dst, "192.0.2.1", 9), 0);
	ev->sport = 51234;
	ev->dport = 445;
	ev->proto = 6;
	ev->tcpflags = MNW_TCP_SYN;
	ev->action = MNW_ACTION_DROP;
	ev->count = 3;
	strcpy(ev->format, "netfilter");
	strcpy(ev->host, "gw");
	ev->digest = 0x0123456789abcdefULL;
}

START_TEST(event_write_exact)
{
	struct mnw_event ev;
	char *text;

	sample_event(&ev);
	text = event_text(&ev);
	ck_assert_str_eq(text, "2026-12-04T19:10:59Z\thome-gw\t203.0.113.7\t"
	    "51234\t192.0.2.1\t445\ttcp\t-\tS\tdrop\t3\tnetfilter\tgw\t"
	    "0123456789abcdef\n");
	free(text);
}
END_TEST

START_TEST(event_round_trip)
{
	struct mnw_event ev, back;
	const char *reason;
	int field;
	char *text;

	sample_event(&ev);
	strcpy(ev.host, "evil\thost\n#");
	ev.proto = 58;
	ev.sport = ev.dport = -1;
	ev.icmp_type = 128;
	ev.icmp_code = 0;
	ev.tcpflags = -1;
	ck_assert_int_eq(mnw_addr_parse(&ev.src, "2001:db8::7", 11), 0);
	ck_assert_int_eq(mnw_addr_parse(&ev.dst, "2001:db8::1", 11), 0);
	text = event_text(&ev);
	ck_assert(strchr(text, '\n') == text + strlen(text) - 1);
	text[strlen(text) - 1] = '\0';
	ck_assert_int_eq(mnw_event_parse(&back, text, strlen(text), &reason,
	    &field), 0);
	ck_assert_int_eq(back.time, ev.time);
	ck_assert_str_eq(back.host, "evil\thost\n#");
	ck_assert_int_eq(back.proto, 58);
	ck_assert_int_eq(back.icmp_type, 128);
	ck_assert_int_eq(back.icmp_code, 0);
	ck_assert_int_eq(back.sport, -1);
	ck_assert_int_eq(back.tcpflags, -1);
	ck_assert(mnw_addr_equal(&back.src, &ev.src));
	ck_assert(back.digest == ev.digest);
	free(text);
}
END_TEST

/* Each broken field is named by number and reason. */
START_TEST(event_parse_rejects)
{
	static const struct {
		const char *line;
		int field;
		const char *reason;
	} bad[] = {
		{ "x", 0, "wrong number of fields" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef\textra",
		  0, "wrong number of fields" },
		{ "2026-13-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  1, "invalid time" },
		{ "2026-12-04T19:10:59Z\t-\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  2, "invalid agent" },
		{ "2026-12-04T19:10:59Z\ta\\x00b\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  2, "invalid agent" },
		{ "2026-12-04T19:10:59Z\ta\t300.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  3, "invalid source address" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t65536\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  4, "invalid source port" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t::1\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  5, "source and target address families differ" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcpx\t-\tS\tdrop\t1\tf\t-\t0123456789abcdef",
		  7, "invalid protocol" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ticmp\t8/256\t-\tdrop\t1\tf\t-\t0123456789abcdef",
		  8, "invalid icmp type/code" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tSX\tdrop\t1\tf\t-\t0123456789abcdef",
		  9, "invalid tcp flags" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tnuke\t1\tf\t-\t0123456789abcdef",
		  10, "invalid action" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t0\tf\t-\t0123456789abcdef",
		  11, "invalid count" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t99999999999999999999999\tf\t-\t0123456789abcdef",
		  11, "invalid count" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t\\q\t0123456789abcdef",
		  13, "invalid host" },
		{ "2026-12-04T19:10:59Z\ta\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\t-\tS\tdrop\t1\tf\t-\t0123456789ABCDEF",
		  14, "invalid digest" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct mnw_event ev;
		const char *reason = NULL;
		int field = -1;
		char *copy = strdup(bad[i].line);

		ck_assert_int_eq(mnw_event_parse(&ev, copy, strlen(copy),
		    &reason, &field), -1);
		ck_assert_msg(strcmp(reason, bad[i].reason) == 0,
		    "case %zu: reason '%s'", i, reason);
		ck_assert_int_eq(field, bad[i].field);
		free(copy);
	}
}
END_TEST

START_TEST(header_check)
{
	char err[200];

	ck_assert_int_eq(mnw_header_check("#mnw-event/1\ttime", "event", 1,
	    err, sizeof err), 1);
	ck_assert_int_eq(mnw_header_check("#mnw-event/1 time\tagent", "event",
	    1, err, sizeof err), 1);
	ck_assert_int_eq(mnw_header_check("# a comment", "event", 1,
	    err, sizeof err), 0);
	ck_assert_int_eq(mnw_header_check("#mnw-incident/1\tsrc", "event", 1,
	    err, sizeof err), -1);
	ck_assert_str_eq(err,
	    "input is a stream of 'incident' records, expected 'event' records");
	ck_assert_int_eq(mnw_header_check("#mnw-event/2", "event", 1,
	    err, sizeof err), -1);
	ck_assert_int_eq(mnw_header_check("#mnw-event", "event", 1,
	    err, sizeof err), -1);
}
END_TEST

/* Field N of the header line names column N. */
START_TEST(header_write_aligns_columns)
{
	static const char *const cols[] = { "a", "b", "c", NULL };
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	mnw_header_write(fp, "event", 1, cols);
	fclose(fp);
	ck_assert_str_eq(buf, "#mnw-event/1 a\tb\tc\n");
	free(buf);
}
END_TEST

START_TEST(split_fields)
{
	char line[] = "a\t\tc";
	char *f[4];
	size_t l[4];

	ck_assert_int_eq(mnw_record_split(line, 4, f, l, 4), 3);
	ck_assert_str_eq(f[0], "a");
	ck_assert_uint_eq(l[1], 0);
	ck_assert_str_eq(f[2], "c");
	char line2[] = "a\tb\tc";
	ck_assert_int_eq(mnw_record_split(line2, 5, f, l, 2), -1);
}
END_TEST

START_TEST(tcpflags_and_protocols)
{
	char buf[16];
	int flags;

	ck_assert_str_eq(mnw_tcpflags_format(MNW_TCP_SYN | MNW_TCP_ACK, buf),
	    "AS");
	ck_assert_str_eq(mnw_tcpflags_format(0, buf), "0");
	ck_assert_str_eq(mnw_tcpflags_format(-1, buf), "-");
	ck_assert_int_eq(mnw_tcpflags_parse("fpu", 3, &flags), 0);
	ck_assert_int_eq(flags, MNW_TCP_FIN | MNW_TCP_PSH | MNW_TCP_URG);
	ck_assert_int_eq(mnw_tcpflags_parse("", 0, &flags), -1);
	ck_assert_int_eq(mnw_proto_parse("TCP", 3), 6);
	ck_assert_int_eq(mnw_proto_parse("ipv6-icmp", 9), 58);
	ck_assert_int_eq(mnw_proto_parse("47", 2), 47);
	ck_assert_int_eq(mnw_proto_parse("256", 3), -1);
	ck_assert_int_eq(mnw_proto_parse("0047", 4), -1);
	ck_assert_str_eq(mnw_proto_name(47, buf), "47");
	ck_assert_str_eq(mnw_proto_name(58, buf), "icmpv6");
}
END_TEST

START_TEST(digest_is_xxh64)
{
	/* XXH64 test vectors with seed 0. */
	ck_assert(mnw_digest("", 0) == 0xef46db3751d8e999ULL);
	ck_assert(mnw_digest("a", 1) == 0xd24ec4f1a98c6e5bULL);
	ck_assert(mnw_digest("abc", 3) == 0x44bc2cf5ad770999ULL);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("record");

	tcase_add_test(tc, event_write_exact);
	tcase_add_test(tc, event_round_trip);
	tcase_add_test(tc, event_parse_rejects);
	tcase_add_test(tc, header_check);
	tcase_add_test(tc, header_write_aligns_columns);
	tcase_add_test(tc, split_fields);
	tcase_add_test(tc, tcpflags_and_protocols);
	tcase_add_test(tc, digest_is_xxh64);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
