/*
 * bttxt.c: parsers of the TXT strings that mnw-backtrace gets from the
 * Team Cymru IP-to-ASN zones and from an abuse-contact zone.
 *
 * The strings come from whoever runs the zone, or from whoever can
 * forge its answers, so every field is checked against a narrow syntax
 * and a string that does not fit is rejected as a whole.  A string is
 * given with its length and may contain any byte, NUL included.  The
 * parsers only read inside [s, s + len) and never allocate, which keeps
 * them simple to fuzz (fuzz/fuzz-txt.c).
 */
#include <string.h>

#include "backtrace.h"

#define FIELDS_MAX 6

const char *const mnw_bt_lookup_names[MNW_BT_LOOKUPS] = {
	"ptr", "forward", "origin", "asname", "abuse-zone", "whois",
};

void
mnw_bt_result_init(struct mnw_bt_result *r, const struct mnw_addr *a)
{
	memset(r, 0, sizeof *r);
	if (a != NULL)
		r->addr = *a;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Split at '|' into trimmed fields; returns the count or -1. */
static int
split_bars(const char *s, size_t len, const char **f, size_t *fl)
{
	size_t i, start = 0;
	int n = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		if (n == FIELDS_MAX)
			return -1;
		f[n] = s + start;
		fl[n] = i - start;
		while (fl[n] > 0 && is_blank(*f[n])) {
			f[n]++;
			fl[n]--;
		}
		while (fl[n] > 0 && is_blank(f[n][fl[n] - 1]))
			fl[n]--;
		n++;
		start = i + 1;
	}
	return n;
}

static int
parse_asn(const char *s, size_t len, uint32_t *asn)
{
	long long v;

	if (len == 0 || len > 10)
		return -1;
	if (mnw_strntonum(s, len, 1, 4294967295LL, &v) == -1)
		return -1;
	*asn = (uint32_t)v;
	return 0;
}

static int
parse_cc(const char *s, size_t len, char *cc)
{
	cc[0] = '\0';
	if (len == 0)
		return 0;
	if (len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return -1;
	cc[0] = s[0];
	cc[1] = s[1];
	cc[2] = '\0';
	return 0;
}

static int
parse_registry(const char *s, size_t len, char *out, size_t cap)
{
	size_t i;

	out[0] = '\0';
	if (len >= cap)
		return -1;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

static void
asn_insert(uint32_t *asn, int *n, uint32_t v)
{
	int i, j;

	for (i = 0; i < *n && asn[i] < v; i++)
		;
	if (i < *n && asn[i] == v)
		return;
	if (*n == MNW_BT_ASNS)
		return;
	for (j = *n; j > i; j--)
		asn[j] = asn[j - 1];
	asn[i] = v;
	(*n)++;
}

int
mnw_bt_parse_origin(const char *s, size_t len, const struct mnw_addr *addr,
    struct mnw_bt_origin *out)
{
	const char *f[FIELDS_MAX];
	size_t fl[FIELDS_MAX], i, start;
	uint32_t asn;
	int nf;

	memset(out, 0, sizeof *out);
	if (memchr(s, '\0', len) != NULL)
		return -1;
	nf = split_bars(s, len, f, fl);
	if (nf < 3 || nf > 5)
		return -1;

	/* Several origin ASNs of one prefix are separated by spaces. */
	for (i = 0, start = 0; i <= fl[0]; i++) {
		if (i < fl[0] && f[0][i] != ' ')
			continue;
		if (i > start) {
			if (parse_asn(f[0] + start, i - start, &asn) == -1)
				return -1;
			asn_insert(out->asn, &out->nasn, asn);
		}
		start = i + 1;
	}
	if (out->nasn == 0)
		return -1;

	if (mnw_prefix_parse(&out->net, &out->bits, f[1], fl[1]) == -1)
		return -1;
	if (!mnw_addr_in_prefix(addr, &out->net, out->bits))
		return -1;
	if (parse_cc(f[2], fl[2], out->cc) == -1)
		return -1;
	if (nf >= 4 && parse_registry(f[3], fl[3], out->registry,
	    sizeof out->registry) == -1)
		return -1;
	return 0;
}

int
mnw_bt_parse_asname(const char *s, size_t len, uint32_t asn, char *name,
    size_t cap)
{
	const char *f[FIELDS_MAX];
	size_t fl[FIELDS_MAX];
	uint32_t got;
	int nf;

	name[0] = '\0';
	if (memchr(s, '\0', len) != NULL)
		return -1;
	nf = split_bars(s, len, f, fl);
	if (nf != 5)
		return -1;
	if (parse_asn(f[0], fl[0], &got) == -1 || got != asn)
		return -1;
	if (fl[4] == 0 || fl[4] > MNW_BT_ASNAME_MAX || fl[4] >= cap)
		return -1;
	memcpy(name, f[4], fl[4]);
	name[fl[4]] = '\0';
	return 0;
}

int
mnw_bt_parse_abusix(const char *s, size_t len, char *out, size_t cap)
{
	out[0] = '\0';
	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 0 || len >= cap)
		return -1;
	if (!mnw_bt_mailbox_valid(s, len))
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	if (mnw_bt_mailbox_placeholder(out)) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
