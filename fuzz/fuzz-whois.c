/*
 * fuzz-whois.c: libFuzzer harness for the WHOIS answer parser.
 *
 * Besides "no crash, no leak, no undefined behaviour", it checks the
 * promises of whois.h on every input and aborts when one is broken:
 * each contact passes mnw_mailbox_valid(), the strings in the result
 * hold no control bytes, the counts stay inside their arrays, and a
 * referral host has host name syntax.  The same entry point is built
 * without libFuzzer by fuzz/replay.c for make check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"
#include "whois.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require_clean(const char *s, size_t cap)
{
	size_t len = strnlen(s, cap);

	if (len == cap)
		abort();	/* not NUL-terminated */
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mnw_whois_result r;
	struct mnw_whois_referral ref;
	const char *text = (const char *)data;
	int i, n;

	n = mnw_whois_parse(text, size, &r);
	if (n < 0 || n > r.ncontacts || r.ncontacts > MNW_WHOIS_CONTACTS_MAX ||
	    r.parsed > size)
		abort();
	for (i = 0; i < r.ncontacts; i++) {
		const struct mnw_whois_contact *c = &r.contacts[i];

		require_clean(c->mailbox, sizeof(c->mailbox));
		if (!mnw_mailbox_valid(c->mailbox, strlen(c->mailbox)))
			abort();
		require_clean(c->field, sizeof(c->field));
		if (i > 0 && c->rank != MNW_WHOIS_RANK_REMARK &&
		    r.contacts[i - 1].rank == MNW_WHOIS_RANK_REMARK)
			abort();	/* remarks come last */
	}
	require_clean(r.range, sizeof(r.range));
	require_clean(r.country, sizeof(r.country));
	require_clean(r.org, sizeof(r.org));
	require_clean(r.netname, sizeof(r.netname));
	require_clean(r.rejected, sizeof(r.rejected));
	if (r.referral.proto != MNW_WHOIS_PROTO_NONE) {
		require_clean(r.referral.host, sizeof(r.referral.host));
		if (r.referral.host[0] == '\0' || r.referral.port == 0 ||
		    r.referral.port > 65535)
			abort();
	}

	/* The smaller entry points, on a prefix of the same bytes. */
	if (mnw_whois_referral_parse(&ref, text, size < 300 ? size : 300,
	    MNW_WHOIS_PROTO_WHOIS) == 0)
		require_clean(ref.host, sizeof(ref.host));
	if (mnw_mailbox_valid(text, size) && memchr(text, '@', size) == NULL)
		abort();
	return 0;
}
