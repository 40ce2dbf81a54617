/* Unit tests for the WHOIS parser, mailbox check and limiter (lib/whois.c,
 * lib/whois_query.c).  The answers are made up, each in the shape of one
 * registry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mnw.h"
#include "whois.h"
#include "unit.h"

/* Parse a string literal from an exact-size heap copy, so that
 * AddressSanitizer catches a read past the end. */
static int
parse_n(const char *s, size_t len, struct mnw_whois_result *r)
{
	char *p = malloc(len > 0 ? len : 1);
	int n;

	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	n = mnw_whois_parse(p, len, r);
	free(p);
	return n;
}

static int
parse(const char *s, struct mnw_whois_result *r)
{
	return parse_n(s, strlen(s), r);
}

static const char *
best(const struct mnw_whois_result *r)
{
	const struct mnw_whois_contact *c = mnw_whois_best(r);

	return c != NULL ? c->mailbox : "";
}

/* ------------------------------------------------------------------ */

START_TEST(mailbox_valid_accepts)
{
	static const char *const ok[] = {
		"abuse@example.net", "a.b+c@x-y.example.co", "x@a.b",
		"o'brien@mail.example.ie", "ABUSE@EXAMPLE.NET",
		"a!#$%&*+/=?^_`{|}~-z@example.org", "a@b1.c2",
	};
	char local[80];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		ck_assert_msg(mnw_mailbox_valid(ok[i], strlen(ok[i])),
		    "rejected '%s'", ok[i]);
	/* A local part of 64 octets is the maximum. */
	memset(local, 'x', 64);
	memcpy(local + 64, "@example.com", 12);
	ck_assert(mnw_mailbox_valid(local, 76));
	memset(local, 'x', 65);
	memcpy(local + 65, "@example.com", 12);
	ck_assert(!mnw_mailbox_valid(local, 77));
}
END_TEST

START_TEST(mailbox_valid_rejects)
{
	static const char *const bad[] = {
		"", "@x.com", "a@", "a@b", "a@b.", "a@.b.com", "a..b@x.com",
		".a@x.com", "a.@x.com", "a b@x.com", "a@b_c.com", "a@-b.com",
		"a@b-.com", "a@1.2.3.4", "a@[192.0.2.1]", "\"q\"@x.com",
		"a@@x.com", "a@x..com", "a(b)@x.com", "a@x.com ", " a@x.com",
		"a@x.com\r\nBcc: b@y.com", "\xc3\xa4@x.com", "a@x.c\xc3\xb6m",
		"a,b@x.com", "<a@x.com>", "a@x.com>", "a\\b@x.com",
	};
	char big[300];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ck_assert_msg(!mnw_mailbox_valid(bad[i], strlen(bad[i])),
		    "accepted '%s'", bad[i]);
	/* NUL inside: len covers it. */
	ck_assert(!mnw_mailbox_valid("a\0b@x.com", 9));
	ck_assert(!mnw_mailbox_valid("a@x.com\0", 8));
	/* 255 octets: labels of 63, one too long in all. */
	memset(big, 'a', sizeof(big));
	big[0] = 'b';
	big[1] = '@';
	for (i = 2 + 63; i < 255; i += 64)
		big[i] = '.';
	ck_assert(!mnw_mailbox_valid(big, 255));
	ck_assert(mnw_mailbox_valid(big, 190));
	/* A domain label of 64 octets. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "b@", 2);
	memcpy(big + 2 + 64, ".com", 4);
	ck_assert(!mnw_mailbox_valid(big, 70));
	ck_assert(mnw_mailbox_valid(big + 1, 69) == 0);
	memcpy(big + 1, "b@", 2);
	ck_assert(mnw_mailbox_valid(big + 1, 69));
}
END_TEST

/* ------------------------------------------------------------------ */
/* Registry shapes.                                                   */
/* ------------------------------------------------------------------ */

START_TEST(ripe_header_wins)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "% This is the RIPE Database query service.\n"
	    "\n"
	    "% Abuse contact for '192.0.2.0 - 192.0.2.255' is "
	    "'abuse@isp.example'\n"
	    "\n"
	    "inetnum:        192.0.2.0 - 192.0.2.255\n"
	    "netname:        EXAMPLE-NET\n"
	    "descr:          Example ISP\n"
	    "country:        nl\n"
	    "abuse-c:        EA1-RIPE\n"
	    "remarks:        abuse reports to old-abuse@isp.example please\n"
	    "source:         RIPE # Filtered\n"
	    "\n"
	    "role:           Example Abuse\n"
	    "abuse-mailbox:  desk@isp.example\n"
	    "nic-hdl:        EA1-RIPE\n"
	    "source:         RIPE # Filtered\n", &r), 2);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
	ck_assert_str_eq(r.contacts[0].field, "% Abuse contact");
	ck_assert_str_eq(r.contacts[1].mailbox, "desk@isp.example");
	ck_assert_int_eq(r.contacts[1].rank, MNW_WHOIS_RANK_ABUSE_C);
	ck_assert_str_eq(r.contacts[2].mailbox, "old-abuse@isp.example");
	ck_assert_int_eq(r.contacts[2].rank, MNW_WHOIS_RANK_REMARK);
	ck_assert_str_eq(r.range, "192.0.2.0 - 192.0.2.255");
	ck_assert_str_eq(r.country, "NL");
	ck_assert_str_eq(r.netname, "EXAMPLE-NET");
	ck_assert_str_eq(r.org, "Example ISP");
	ck_assert_int_eq(r.first.family, 4);
	ck_assert_int_eq(r.flags, 0);
}
END_TEST

START_TEST(ripe_abuse_c_before_reference)
{
	struct mnw_whois_result r;

	/* The role object comes first; its handle is named later. */
	ck_assert_int_eq(parse(
	    "role:           Example Abuse\n"
	    "nic-hdl:        EA2-RIPE\n"
	    "e-mail:         noc@isp.example\n"
	    "abuse-mailbox:  abuse@isp.example\n"
	    "\n"
	    "role:           Other\n"
	    "nic-hdl:        OT1-RIPE\n"
	    "e-mail:         other@isp.example\n"
	    "\n"
	    "inet6num:       2001:db8::/32\n"
	    "abuse-c:        EA2-RIPE\n", &r), 1);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
	ck_assert_str_eq(r.contacts[0].field, "abuse-c/abuse-mailbox");
	ck_assert_str_eq(r.range, "2001:db8::/32");
	ck_assert_int_eq(r.first.family, 6);
}
END_TEST

START_TEST(apnic_irt)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "% [whois.apnic.net]\n"
	    "\n"
	    "inetnum:        203.0.113.0 - 203.0.113.255\n"
	    "country:        AU\n"
	    "mnt-irt:        IRT-EXAMPLE-AU\n"
	    "source:         APNIC\n"
	    "\n"
	    "irt:            IRT-EXAMPLE-AU\n"
	    "e-mail:         noc@pacific.example\n"
	    "abuse-mailbox:  abuse@pacific.example\n"
	    "\n"
	    "person:         Someone\n"
	    "e-mail:         someone@pacific.example\n"
	    "country:        ZZ\n", &r), 1);
	ck_assert_str_eq(best(&r), "abuse@pacific.example");
	ck_assert_str_eq(r.contacts[0].field, "irt/abuse-mailbox");
	ck_assert_str_eq(r.country, "AU");
}
END_TEST

START_TEST(arin_resource_poc_and_sections)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "# start\n"
	    "\n"
	    "NetRange:       198.51.0.0 - 198.51.255.255\n"
	    "CIDR:           198.51.0.0/16\n"
	    "NetName:        BIG-NET\n"
	    "Organization:   Big Carrier (BIG)\n"
	    "\n"
	    "OrgName:        Big Carrier\n"
	    "Country:        US\n"
	    "\n"
	    "OrgAbuseEmail:  abuse@carrier.example\n"
	    "RAbuseEmail:    r-abuse@carrier.example\n"
	    "\n"
	    "# end\n"
	    "\n"
	    "# start\n"
	    "\n"
	    "NetRange:       198.51.100.0 - 198.51.100.255\n"
	    "NetName:        SMALL-NET\n"
	    "Organization:   Small Host (SMALL)\n"
	    "\n"
	    "OrgName:        Small Host\n"
	    "Country:        CA\n"
	    "\n"
	    "OrgAbuseEmail:  abuse@host.example\n"
	    "\n"
	    "# end\n", &r), 3);
	/* The most specific net's POC beats the less specific net's
	 * resource POC. */
	ck_assert_str_eq(best(&r), "abuse@host.example");
	ck_assert_str_eq(r.contacts[1].mailbox, "r-abuse@carrier.example");
	ck_assert_str_eq(r.contacts[2].mailbox, "abuse@carrier.example");
	ck_assert_str_eq(r.range, "198.51.100.0 - 198.51.100.255");
	ck_assert_str_eq(r.org, "Small Host");
	ck_assert_str_eq(r.country, "CA");
	ck_assert_str_eq(r.netname, "SMALL-NET");
}
END_TEST

START_TEST(arin_rabuse_beats_orgabuse)
{
	struct mnw_whois_result r;

	parse("NetRange: 198.51.100.0 - 198.51.100.255\n"
	    "OrgAbuseEmail:  org@host.example\n"
	    "RAbuseEmail:    net@host.example\n", &r);
	ck_assert_str_eq(best(&r), "net@host.example");
	ck_assert_str_eq(r.contacts[0].field, "RAbuseEmail");
}
END_TEST

START_TEST(arin_transferred_is_a_referral)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "NetRange:       192.0.2.0 - 192.0.2.255\n"
	    "NetType:        Transferred to LACNIC\n"
	    "Comment:        abuse questions: abuse@lacnic.example\n"
	    "\n"
	    "OrgName:        Registry\n"
	    "\n"
	    "OrgAbuseEmail:  abuse@lacnic.example\n", &r), 0);
	ck_assert_int_eq(r.ncontacts, 0);
	ck_assert(r.flags & MNW_WHOIS_DELEGATED);
	/* No ReferralServer: the registry comes from NetType. */
	ck_assert_int_eq(r.referral.proto, MNW_WHOIS_PROTO_WHOIS);
	ck_assert_str_eq(r.referral.host, "whois.lacnic.net");
	ck_assert_uint_eq(r.referral.port, 43);

	parse("NetRange: 192.0.2.0 - 192.0.2.255\n"
	    "NetType:        Allocated to RIPE NCC\n"
	    "ReferralServer: whois://whois.ripe.net:4343/\n", &r);
	ck_assert_str_eq(r.referral.host, "whois.ripe.net");
	ck_assert_uint_eq(r.referral.port, 4343);
}
END_TEST

START_TEST(arin_rwhois_referral)
{
	struct mnw_whois_result r;

	parse("NetRange: 192.0.2.0 - 192.0.2.255\n"
	    "ReferralServer:  rwhois://RWhois.Cable.example:4321\n"
	    "OrgAbuseEmail:  abuse@cable.example\n", &r);
	ck_assert_str_eq(best(&r), "abuse@cable.example");
	ck_assert_int_eq(r.referral.proto, MNW_WHOIS_PROTO_RWHOIS);
	ck_assert_str_eq(r.referral.host, "rwhois.cable.example");
	ck_assert_uint_eq(r.referral.port, 4321);
}
END_TEST

START_TEST(lacnic_abuse_c_email)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "\r\n% Joint Whois - whois.lacnic.net\r\n \r\n"
	    "inetnum:     200.57.128/19\r\n"
	    "owner:       Ejemplo S.A.\r\n"
	    "country:     MX\r\n"
	    "owner-c:     TEC1\r\n"
	    "abuse-c:     ABU1\r\n"
	    "\r\n"
	    "nic-hdl:     TEC1\r\n"
	    "e-mail:      tecnico@ejemplo.example\r\n"
	    "\r\n"
	    "nic-hdl:     ABU1\r\n"
	    "e-mail:      abuso@EJEMPLO.EXAMPLE\r\n", &r), 1);
	ck_assert_str_eq(best(&r), "abuso@EJEMPLO.EXAMPLE");
	ck_assert_str_eq(r.contacts[0].field, "abuse-c/e-mail");
	ck_assert_str_eq(r.range, "200.57.128/19");
	ck_assert_str_eq(r.org, "Ejemplo S.A.");
	ck_assert_str_eq(r.country, "MX");
	ck_assert_int_eq(r.first.family, 4);
	ck_assert_int_eq(r.first.bytes[2], 128);
	ck_assert_int_eq(r.last.bytes[2], 159);
	ck_assert_int_eq(r.last.bytes[3], 255);
}
END_TEST

START_TEST(nicbr_handle)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "% Copyright (c) Nic.br\n"
	    "inetnum:     177.0.0.0/22\n"
	    "abuse-c:     EXA12\n"
	    "owner:       Exemplo Ltda\n"
	    "\n"
	    "nic-hdl-br:  EXA12\n"
	    "e-mail:      noc@exemplo.example\n"
	    "\n"
	    "% Security and mail abuse issues should also be addressed to\n"
	    "% cert.br, respectivelly to cert@cert.example\n", &r), 1);
	ck_assert_str_eq(best(&r), "noc@exemplo.example");
}
END_TEST

START_TEST(jpnic_brackets)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "Network Information:\n"
	    "a. [Network Number]             <A HREF=\"x\">192.0.2.0/24</A>\n"
	    "b. [Network Name]               EXAMPLE-NET\n"
	    "g. [Organization]               Example University\n"
	    "m. [Administrative Contact]     EX123JP\n"
	    "y. [Abuse]                      abuse@univ.example\n", &r), 1);
	ck_assert_str_eq(best(&r), "abuse@univ.example");
	ck_assert_str_eq(r.range, "192.0.2.0/24");
	ck_assert_str_eq(r.netname, "EXAMPLE-NET");
	ck_assert_str_eq(r.org, "Example University");
}
END_TEST

START_TEST(krnic_spaced_keys)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "# ENGLISH\n"
	    "\n"
	    "[ Network Information ]\n"
	    "IPv4 Address       : 192.0.2.0 - 192.0.2.63 (/26)\n"
	    "Organization Name  : Example Telecom\n"
	    "Service Name       : EXNET\n"
	    "\n"
	    "<div id=\"x\">Name               : IP Manager\n"
	    "Phone              : +82-2-000-0000\n"
	    "E-Mail             : ip@telecom.example\n"
	    "</div>\n", &r), 1);
	ck_assert_str_eq(best(&r), "ip@telecom.example");
	ck_assert_int_eq(r.contacts[0].rank, MNW_WHOIS_RANK_NIR);
	ck_assert_str_eq(r.org, "Example Telecom");
	ck_assert_str_eq(r.netname, "EXNET");
	ck_assert_int_eq(r.last.bytes[3], 63);
}
END_TEST

START_TEST(rwhois_answer)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "%rwhois V-1.5:003fff:00 rwhois.example (by Network Solutions)\n"
	    "network:Class-Name:network\n"
	    "network:IP-Network:192.0.2.0/25\n"
	    "network:Org-Name:Example Customer\n"
	    "network:Abuse-Email:abuse@customer.example\n"
	    "network:Tech-Contact;I:tech@customer.example\n"
	    "%referral rwhois://root.rwhois.net:4321/auth-area=.\n"
	    "%ok\n", &r), 1);
	ck_assert_str_eq(best(&r), "abuse@customer.example");
	ck_assert_str_eq(r.range, "192.0.2.0/25");
	ck_assert_str_eq(r.org, "Example Customer");
	ck_assert_int_eq(r.referral.proto, MNW_WHOIS_PROTO_RWHOIS);
	ck_assert_str_eq(r.referral.host, "root.rwhois.net");
}
END_TEST

START_TEST(iana_refer)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "% IANA WHOIS server\n\n"
	    "refer:        whois.apnic.net\n\n"
	    "inetnum:      171.0.0.0 - 171.255.255.255\n"
	    "whois:        whois.apnic.net\n", &r), 0);
	ck_assert_str_eq(r.referral.host, "whois.apnic.net");
	ck_assert_uint_eq(r.referral.port, 43);
}
END_TEST

START_TEST(nir_mirror_refers)
{
	struct mnw_whois_result r;

	parse("inet6num:       2001:db8::/48\n"
	    "netname:        MIRRORED\n"
	    "source:         JPNIC\n", &r);
	ck_assert(r.flags & MNW_WHOIS_NIR);
	ck_assert_str_eq(r.referral.host, "whois.nic.ad.jp");
}
END_TEST

START_TEST(errors_and_flags)
{
	struct mnw_whois_result r;

	parse("%ERROR:201: access denied for 192.0.2.1\n", &r);
	ck_assert(r.flags & MNW_WHOIS_REFUSED);
	parse("%ERROR:101: no entries found\n", &r);
	ck_assert(r.flags & MNW_WHOIS_NOT_FOUND);
	parse("No match found for n + 192.0.2.1.\n", &r);
	ck_assert(r.flags & MNW_WHOIS_NOT_FOUND);
	parse("% No abuse contact registered for 192.0.2.0 - 192.0.2.255\n",
	    &r);
	ck_assert(r.flags & MNW_WHOIS_NO_ABUSE);
	parse("inetnum: 0.0.0.0 - 255.255.255.255\n"
	    "netname: IANA-BLK\n", &r);
	ck_assert(r.flags & MNW_WHOIS_NOT_MANAGED);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Placeholders.                                                      */
/* ------------------------------------------------------------------ */

START_TEST(placeholders_rejected)
{
	static const char *const values[] = {
		"REDACTED FOR PRIVACY", "Please see https://example.net/abuse",
		"not available", "No abuse contact", "N/A", "none",
		"unread@ripe.net", "removed@lacnic.net", "noreply@isp.example",
		"no-reply@isp.example", "redacted@isp.example",
		"abuse@redacted.example", "abuse@isp.invalid", "abuse@localhost",
		"-oQ/tmp/x@isp.example", "abuse@isp.example (24x7)",
	};
	struct mnw_whois_result r;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(*values); i++) {
		snprintf(text, sizeof(text), "abuse-mailbox:  %s\n", values[i]);
		ck_assert_msg(parse(text, &r) == 0, "took '%s'", values[i]);
		ck_assert_int_eq(r.nrejected, 1);
		ck_assert_ptr_nonnull(r.rejected_reason);
	}
	/* The first rejected value is kept, escaped, for the message. */
	parse("OrgAbuseEmail: REDACTED FOR PRIVACY\n", &r);
	ck_assert_str_eq(r.rejected, "REDACTED FOR PRIVACY");
	ck_assert_str_eq(r.rejected_reason, "invalid mailbox");
	parse("OrgAbuseEmail: unread@ripe.net\n", &r);
	ck_assert_str_eq(r.rejected_reason, "placeholder");
	/* An empty value is no contact and no rejection. */
	parse("OrgAbuseEmail:\n", &r);
	ck_assert_int_eq(r.nrejected, 0);
}
END_TEST

START_TEST(dummy_object_rejected)
{
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(
	    "inetnum:  192.0.2.0 - 192.0.2.255\n"
	    "abuse-c:  DUMY-RIPE\n"
	    "\n"
	    "role:     Dummy Role for the RIPE Database\n"
	    "nic-hdl:  DUMY-RIPE\n"
	    "abuse-mailbox: real-looking@isp.example\n", &r), 0);
	ck_assert_int_eq(r.nrejected, 1);
	ck_assert_str_eq(r.rejected_reason, "placeholder");
}
END_TEST

START_TEST(angle_brackets_and_comment)
{
	struct mnw_whois_result r;

	parse("abuse-mailbox:  <abuse@isp.example>\n", &r);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
	parse("abuse-mailbox:  abuse@isp.example # Filtered\n", &r);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile text.                                                      */
/* ------------------------------------------------------------------ */

START_TEST(hostile_cr_in_value)
{
	static const char text[] =
	    "abuse-mailbox:  abuse@isp.example\rSubject: forged\n";
	struct mnw_whois_result r;

	ck_assert_int_eq(parse(text, &r), 0);
	ck_assert_int_eq(r.nrejected, 1);
	/* The rejected value is escaped, not raw. */
	ck_assert_ptr_null(strchr(r.rejected, '\r'));
	ck_assert_ptr_nonnull(strstr(r.rejected, "\\x0d"));
}
END_TEST

START_TEST(hostile_nul_in_value)
{
	static const char text[] =
	    "abuse-mailbox:  abuse@isp.example\0evil@attacker.example\n"
	    "OrgName:  Evil\0Org\n";
	struct mnw_whois_result r;

	ck_assert_int_eq(parse_n(text, sizeof(text) - 1, &r), 0);
	ck_assert_int_eq(r.nrejected, 1);
}
END_TEST

START_TEST(hostile_header_lines)
{
	struct mnw_whois_result r;

	/* Lines shaped like mail headers are not contacts, and a second
	 * line cannot extend the first value. */
	ck_assert_int_eq(parse(
	    "Subject: you have been hacked\n"
	    "To: victim@target.example\n"
	    "Bcc: victim@target.example\n"
	    "abuse-mailbox:  abuse@isp.example\n"
	    "Bcc: other@target.example\n"
	    "+Cc: third@target.example\n", &r), 1);
	ck_assert_int_eq(r.ncontacts, 1);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
}
END_TEST

START_TEST(hostile_control_in_org)
{
	struct mnw_whois_result r;

	parse("inetnum:  192.0.2.0 - 192.0.2.255\n"
	    "netname:  EVIL\x1b[31mNET\n"
	    "descr:    Evil\x7f Org\n"
	    "country:  \x01X\n", &r);
	ck_assert_str_eq(r.netname, "");
	ck_assert_str_eq(r.org, "");
	ck_assert_str_eq(r.country, "");
	ck_assert_int_eq(r.nbadtext, 2);
}
END_TEST

START_TEST(hostile_header_quote)
{
	struct mnw_whois_result r;

	/* A quote inside the range cannot move the address. */
	parse("% Abuse contact for 'x' is 'evil@attacker.example' is "
	    "'abuse@isp.example'\n", &r);
	ck_assert_str_eq(best(&r), "abuse@isp.example");
	parse("% Abuse contact for 'x' is 'abuse@isp.example\x1b]0;x\x07'\n",
	    &r);
	ck_assert_int_eq(r.ncontacts, 0);
	ck_assert_int_eq(r.nrejected, 1);
}
END_TEST

START_TEST(hostile_long_value)
{
	size_t n = 64 * 1024;
	char *text = malloc(n + 64);
	struct mnw_whois_result r;
	size_t len;

	ck_assert_ptr_nonnull(text);
	len = (size_t)sprintf(text, "abuse-mailbox:  ");
	memset(text + len, 'a', n);
	len += n;
	len += (size_t)sprintf(text + len, "@isp.example\n"
	    "OrgAbuseEmail: ok@isp.example\n");
	ck_assert_int_eq(parse_n(text, len, &r), 1);
	ck_assert_int_eq(r.nlong, 1);
	ck_assert_str_eq(best(&r), "ok@isp.example");

	/* A long org name is cut at a UTF-8 boundary. */
	len = (size_t)sprintf(text, "inetnum: 192.0.2.0 - 192.0.2.255\n"
	    "descr: ");
	memset(text + len, 'o', 126);
	len += 126;
	memcpy(text + len, "\xc3\xa9\xc3\xa9\n", 5);
	len += 5;
	parse_n(text, len, &r);
	ck_assert_uint_eq(strlen(r.org), 126);
	free(text);
}
END_TEST

START_TEST(many_contacts_bounded)
{
	char text[4096];
	struct mnw_whois_result r;
	size_t len = 0;
	int i;

	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "abuse-mailbox: a%d@isp.example\n\n", i);
	len += (size_t)snprintf(text + len, sizeof(text) - len,
	    "%% Abuse contact for 'x' is 'late@isp.example'\n");
	ck_assert_int_eq(parse_n(text, len, &r), MNW_WHOIS_CONTACTS_MAX);
	ck_assert_int_eq(r.ncontacts, MNW_WHOIS_CONTACTS_MAX);
	/* The best one still gets in when the table is full. */
	ck_assert_str_eq(best(&r), "late@isp.example");
}
END_TEST

START_TEST(answer_size_limit)
{
	size_t n = MNW_WHOIS_ANSWER_MAX + 4096, len;
	char *text = malloc(n);
	const char *line = "remarks:        filler filler filler filler\n";
	struct mnw_whois_result r;

	ck_assert_ptr_nonnull(text);
	len = (size_t)sprintf(text, "abuse-mailbox:  first@isp.example\n");
	while (len + strlen(line) < MNW_WHOIS_ANSWER_MAX - 10) {
		memcpy(text + len, line, strlen(line));
		len += strlen(line);
	}
	/* A line that the limit cuts in two, then one after the limit. */
	len += (size_t)sprintf(text + len, "\nabuse-mailbox:  cut@isp.example.org\n");
	len += (size_t)sprintf(text + len, "\nabuse-mailbox:  late@isp.example\n");
	ck_assert_uint_gt(len, MNW_WHOIS_ANSWER_MAX);
	ck_assert_int_eq(parse_n(text, len, &r), 1);
	ck_assert(r.flags & MNW_WHOIS_TRUNCATED);
	ck_assert_str_eq(best(&r), "first@isp.example");
	ck_assert_uint_le(r.parsed, MNW_WHOIS_ANSWER_MAX);
	free(text);
}
END_TEST

START_TEST(linear_time)
{
	/* 1 MiB of lines that each touch the slow paths: abuse-c lines
	 * (first pass), remarks with addresses, one object each. */
	size_t n = MNW_WHOIS_ANSWER_MAX, len = 0;
	char *text = malloc(n);
	struct mnw_whois_result r;
	clock_t t0;
	int i = 0;

	ck_assert_ptr_nonnull(text);
	while (len + 128 < n)
		len += (size_t)snprintf(text + len, n - len,
		    "abuse-c: H%d\nremarks: abuse x%d@isp.example\n"
		    "nic-hdl: H%d\n\n", i % 40, i, i % 40), i++;
	t0 = clock();
	parse_n(text, len, &r);
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0,
	    "1 MiB took %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(text);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Referrals, registries, limiter.                                    */
/* ------------------------------------------------------------------ */

START_TEST(referral_parse)
{
	struct mnw_whois_referral ref;
	static const char *const bad[] = {
		"", "whois://", "host:0", "host:70000", "bad host", "a..b",
		".a", "a.", "host:4x", "h\rst", "rwhois://:4321",
	};
	size_t i;

	ck_assert_int_eq(mnw_whois_referral_parse(&ref, "whois://whois.lacnic.net",
	    24, MNW_WHOIS_PROTO_WHOIS), 0);
	ck_assert_str_eq(ref.host, "whois.lacnic.net");
	ck_assert_uint_eq(ref.port, 43);
	ck_assert_int_eq(mnw_whois_referral_parse(&ref, "rwhois://r.example",
	    18, MNW_WHOIS_PROTO_WHOIS), 0);
	ck_assert_uint_eq(ref.port, 4321);
	ck_assert_int_eq(mnw_whois_referral_parse(&ref, "whois.ripe.net:4343",
	    19, MNW_WHOIS_PROTO_WHOIS), 0);
	ck_assert_uint_eq(ref.port, 4343);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ck_assert_msg(mnw_whois_referral_parse(&ref, bad[i],
		    strlen(bad[i]), MNW_WHOIS_PROTO_WHOIS) == -1,
		    "accepted '%s'", bad[i]);
	/* A failed parse leaves no half-filled referral behind. */
	ck_assert_int_eq(mnw_whois_referral_parse(&ref, "whois://:0", 10,
	    MNW_WHOIS_PROTO_WHOIS), -1);
	ck_assert_int_eq(ref.proto, MNW_WHOIS_PROTO_NONE);
	ck_assert_str_eq(ref.host, "");
}
END_TEST

START_TEST(registry_table)
{
	static const struct {
		const char *addr, *server;
	} cases[] = {
		{ "24.0.0.1", "whois.arin.net" },
		{ "62.239.237.1", "whois.ripe.net" },
		{ "1.0.0.1", "whois.apnic.net" },
		{ "41.0.0.1", "whois.afrinic.net" },
		{ "200.0.0.1", "whois.lacnic.net" },
		{ "2a00::1", "whois.ripe.net" },
		{ "2001:4860::1", "whois.arin.net" },
		{ "2800:1::1", "whois.lacnic.net" },
		{ "2e00::1", "whois.iana.org" },
		{ "10.0.0.1", NULL },
		{ "127.0.0.1", NULL },
		{ "192.0.2.1", NULL },
		{ "fe80::1", NULL },
	};
	struct mnw_addr a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *got;

		ck_assert_int_eq(mnw_addr_parse(&a, cases[i].addr,
		    strlen(cases[i].addr)), 0);
		got = mnw_whois_registry(&a);
		if (cases[i].server == NULL)
			ck_assert_msg(got == NULL, "%s: got %s", cases[i].addr,
			    got);
		else
			ck_assert_msg(got != NULL &&
			    strcmp(got, cases[i].server) == 0, "%s: got %s",
			    cases[i].addr, got != NULL ? got : "NULL");
	}
}
END_TEST

START_TEST(query_rejects_line_breaks)
{
	struct mnw_whois_buf b = { NULL, 0, 0, 0 };

	ck_assert_int_eq(mnw_whois_query("127.0.0.1", 43,
	    "192.0.2.1\r\nhelp", 1000, &b), MNW_WHOIS_E_QUERY);
	ck_assert_int_eq(mnw_whois_query("127.0.0.1", 43, "", 1000, &b),
	    MNW_WHOIS_E_QUERY);
	mnw_whois_buf_free(&b);
}
END_TEST

START_TEST(limiter_per_minute)
{
	struct mnw_whois_limiter lim;
	time_t retry;
	int i;

	mnw_whois_limiter_init(&lim);
	lim.per_minute = 3;
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w.example",
		    100 + i, &retry), 0);
		mnw_whois_limiter_end(&lim, "w.example", 100 + i,
		    MNW_WHOIS_DONE_OK);
	}
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w.example", 110,
	    &retry), 1);
	ck_assert_int_eq(retry, 160);
	/* Other servers are not affected. */
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "other.example", 110,
	    &retry), 0);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w.example", 160,
	    &retry), 0);
}
END_TEST

START_TEST(limiter_concurrent)
{
	struct mnw_whois_limiter lim;
	time_t retry;

	mnw_whois_limiter_init(&lim);
	lim.concurrent = 2;
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 0, &retry), 0);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 0, &retry), 0);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 0, &retry), 1);
	mnw_whois_limiter_end(&lim, "w", 0, MNW_WHOIS_DONE_OK);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 0, &retry), 0);
}
END_TEST

START_TEST(limiter_backoff)
{
	struct mnw_whois_limiter lim;
	time_t retry;

	mnw_whois_limiter_init(&lim);
	lim.backoff_min = 60;
	lim.backoff_max = 200;
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 0, &retry), 0);
	mnw_whois_limiter_end(&lim, "w", 0, MNW_WHOIS_DONE_REFUSED);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 10, &retry), 1);
	ck_assert_int_eq(retry, 60);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 60, &retry), 0);
	mnw_whois_limiter_end(&lim, "w", 60, MNW_WHOIS_DONE_FAILED);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 100, &retry), 1);
	ck_assert_int_eq(retry, 180);	/* doubled */
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 180, &retry), 0);
	mnw_whois_limiter_end(&lim, "w", 180, MNW_WHOIS_DONE_FAILED);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 181, &retry), 1);
	ck_assert_int_eq(retry, 380);	/* capped at backoff_max */
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 380, &retry), 0);
	mnw_whois_limiter_end(&lim, "w", 380, MNW_WHOIS_DONE_OK);
	ck_assert_int_eq(mnw_whois_limiter_begin(&lim, "w", 381, &retry), 0);
}
END_TEST

static Suite *
whois_suite(void)
{
	Suite *s = suite_create("whois");
	TCase *tc = tcase_create("whois");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, mailbox_valid_accepts);
	tcase_add_test(tc, mailbox_valid_rejects);
	tcase_add_test(tc, ripe_header_wins);
	tcase_add_test(tc, ripe_abuse_c_before_reference);
	tcase_add_test(tc, apnic_irt);
	tcase_add_test(tc, arin_resource_poc_and_sections);
	tcase_add_test(tc, arin_rabuse_beats_orgabuse);
	tcase_add_test(tc, arin_transferred_is_a_referral);
	tcase_add_test(tc, arin_rwhois_referral);
	tcase_add_test(tc, lacnic_abuse_c_email);
	tcase_add_test(tc, nicbr_handle);
	tcase_add_test(tc, jpnic_brackets);
	tcase_add_test(tc, krnic_spaced_keys);
	tcase_add_test(tc, rwhois_answer);
	tcase_add_test(tc, iana_refer);
	tcase_add_test(tc, nir_mirror_refers);
	tcase_add_test(tc, errors_and_flags);
	tcase_add_test(tc, placeholders_rejected);
	tcase_add_test(tc, dummy_object_rejected);
	tcase_add_test(tc, angle_brackets_and_comment);
	tcase_add_test(tc, hostile_cr_in_value);
	tcase_add_test(tc, hostile_nul_in_value);
	tcase_add_test(tc, hostile_header_lines);
	tcase_add_test(tc, hostile_control_in_org);
	tcase_add_test(tc, hostile_header_quote);
	tcase_add_test(tc, hostile_long_value);
	tcase_add_test(tc, many_contacts_bounded);
	tcase_add_test(tc, answer_size_limit);
	tcase_add_test(tc, linear_time);
	tcase_add_test(tc, referral_parse);
	tcase_add_test(tc, registry_table);
	tcase_add_test(tc, query_rejects_line_breaks);
	tcase_add_test(tc, limiter_per_minute);
	tcase_add_test(tc, limiter_concurrent);
	tcase_add_test(tc, limiter_backoff);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mnw_unit_run(whois_suite());
}
