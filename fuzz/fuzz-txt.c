/*
 * fuzz-txt.c: libFuzzer harness for the TXT answer parsers of
 * mnw-backtrace (bttxt.c) and the name checks they rely on
 * (contact.c).
 *
 * The first input byte picks the parser, the rest is the TXT string:
 *   0  origin.asn.cymru.com answer, for 198.51.100.7
 *   1  origin6.asn.cymru.com answer, for 2001:db8::7
 *   2  asn.cymru.com answer, for AS64500
 *   3  abuse-contact zone answer
 *   4  host name check, then the registered domain of a valid name
 * Besides "no crash, no leak, no undefined behaviour", the harness
 * aborts when a promise of backtrace.h is broken: an accepted origin
 * prefix contains the address, an accepted contact is a valid mailbox
 * and no placeholder, and the record escape of an accepted AS name
 * holds no control byte.  fuzz/replay.c runs the same entry point
 * without libFuzzer for make check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace.h"
#include "mnw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require_no_controls(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mnw_bt_origin o;
	struct mnw_addr a;
	char buf[MNW_BT_ASNAME_MAX + 1], esc[4 * sizeof buf + 8];
	const char *s;
	size_t len, n;
	int i;

	if (size < 1)
		return 0;
	s = (const char *)data + 1;
	len = size - 1;
	switch (data[0] % 5) {
	case 0:
	case 1:
		if (data[0] % 5 == 0)
			mnw_addr_parse(&a, "198.51.100.7", 12);
		else
			mnw_addr_parse(&a, "2001:db8::7", 11);
		if (mnw_bt_parse_origin(s, len, &a, &o) == 0) {
			if (o.nasn < 1 || o.nasn > MNW_BT_ASNS)
				abort();
			for (i = 0; i < o.nasn; i++)
				if (o.asn[i] == 0 || (i > 0 &&
				    o.asn[i] <= o.asn[i - 1]))
					abort();
			if (!mnw_addr_in_prefix(&a, &o.net, o.bits))
				abort();
			require_no_controls(o.registry);
			require_no_controls(o.cc);
		}
		break;
	case 2:
		if (mnw_bt_parse_asname(s, len, 64500, buf, sizeof buf) == 0) {
			n = mnw_escape(esc, sizeof esc, buf, strlen(buf));
			if (n >= sizeof esc || strlen(buf) == 0)
				abort();
			require_no_controls(esc);
		}
		break;
	case 3:
		if (mnw_bt_parse_abusix(s, len, buf, sizeof buf) == 0) {
			if (!mnw_bt_mailbox_valid(buf, strlen(buf)) ||
			    mnw_bt_mailbox_placeholder(buf))
				abort();
			require_no_controls(buf);
		}
		break;
	case 4:
		if (len < sizeof buf && memchr(s, '\0', len) == NULL &&
		    mnw_bt_hostname_valid(s, len)) {
			memcpy(buf, s, len);
			buf[len] = '\0';
			require_no_controls(buf);
			s = mnw_bt_registered_domain(buf);
			if (s < buf || s >= buf + len || *s == '.')
				abort();
		}
		break;
	}
	return 0;
}
