/*
 * contact.c: what makes a name or a mailbox usable, the operator's
 * override file, and the last-resort guess of a contact.
 *
 * A contact ends up as a recipient of mail that mnw-escalate hands to
 * msmtp, so the mailbox check is strict: a Dot-string local part and a
 * host name domain, nothing that needs quoting and nothing that looks
 * like an option.  A real abuse desk never needs more than that.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backtrace.h"
#include "whois.h"

int
mnw_bt_hostname_valid(const char *s, size_t len)
{
	size_t i, label = 0, labels = 0, last_start = 0;
	int all_digits = 1;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (label == 0 || label > 63)
				return 0;
			if (s[i - 1] == '-')
				return 0;
			labels++;
			last_start = i - label;
			label = 0;
			continue;
		}
		if (label == 0 && s[i] == '-')
			return 0;
		if (!isascii((unsigned char)s[i]) ||
		    !(isalnum((unsigned char)s[i]) || s[i] == '-'))
			return 0;
		label++;
	}
	if (labels < 2)
		return 0;
	for (i = last_start; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			all_digits = 0;
	return !all_digits;
}

/*
 * The RFC 5321 check itself is mnw_mailbox_valid() in whois.c, so that
 * every source of contacts applies the same rule.
 */
int
mnw_bt_mailbox_valid(const char *s, size_t len)
{
	if (len == 0 || s[0] == '-')
		return 0;
	return mnw_mailbox_valid(s, len);
}

static int
domain_is_or_under(const char *domain, const char *zone)
{
	size_t dl = strlen(domain), zl = strlen(zone);

	if (dl == zl)
		return strcasecmp(domain, zone) == 0;
	if (dl > zl && domain[dl - zl - 1] == '.')
		return strcasecmp(domain + dl - zl, zone) == 0;
	return 0;
}

/*
 * The second-level example domains are what incomplete registry
 * records carry in place of a mailbox.  The top-level names "example"
 * and "test" are left alone: real records do not use them, mail to them
 * bounces, and test data, where no mail is sent, is written with them.
 */
int
mnw_bt_mailbox_placeholder(const char *s)
{
	static const char *const zones[] = {
		"example.com", "example.net", "example.org", "invalid",
		"localhost", "local", NULL,
	};
	static const char *const locals[] = {
		"nobody", "noreply", "no-reply", "donotreply", "do-not-reply",
		"none", "null", "devnull", "root", "postmaster-dummy", NULL,
	};
	const char *at = strchr(s, '@');
	size_t llen;
	int i;

	if (at == NULL)
		return 1;
	for (i = 0; zones[i] != NULL; i++)
		if (domain_is_or_under(at + 1, zones[i]))
			return 1;
	llen = (size_t)(at - s);
	for (i = 0; locals[i] != NULL; i++)
		if (strlen(locals[i]) == llen &&
		    strncasecmp(s, locals[i], llen) == 0)
			return 1;
	return 0;
}

/*
 * NOTE: without the Public Suffix List this recognises only the common
 * second-level suffixes of country domains ("co.uk", "com.au"), so a
 * name under another public suffix yields the suffix itself.  The
 * result is only ever used for a contact marked as a guess.
 */
const char *
mnw_bt_registered_domain(const char *name)
{
	static const char *const second[] = {
		"ac", "co", "com", "edu", "gov", "go", "ne", "net", "or",
		"org", "ltd", "plc", NULL,
	};
	const char *dots[3] = { NULL, NULL, NULL };
	size_t len = strlen(name), i, want;
	int k;

	if (len > 0 && name[len - 1] == '.')
		len--;
	/* The last three dots, right to left. */
	for (i = len, k = 0; i > 0 && k < 3; i--)
		if (name[i - 1] == '.')
			dots[k++] = name + i - 1;
	if (dots[0] == NULL)
		return name;
	want = 2;
	if (len - (size_t)(dots[0] + 1 - name) == 2 && dots[1] != NULL) {
		size_t sl = (size_t)(dots[0] - dots[1] - 1);

		for (k = 0; second[k] != NULL; k++)
			if (strlen(second[k]) == sl &&
			    strncasecmp(dots[1] + 1, second[k], sl) == 0)
				want = 3;
	}
	if (dots[want - 1] == NULL)
		return name;
	return dots[want - 1] + 1;
}

/* ---- the override file ---- */

static int
is_blank_or_tab(int c)
{
	return c == ' ' || c == '\t';
}

static char *
lower_dup(const char *s, size_t len)
{
	char *d = mnw_xmalloc(len + 1);
	size_t i;

	for (i = 0; i < len; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	d[len] = '\0';
	return d;
}

static int
parse_rule(struct mnw_bt_rule *r, char **w, size_t *wl)
{
	long long asn;

	memset(r, 0, sizeof *r);
	if (wl[0] > 2 && strncasecmp(w[0], "AS", 2) == 0 &&
	    isdigit((unsigned char)w[0][2])) {
		if (mnw_strntonum(w[0] + 2, wl[0] - 2, 1, 4294967295LL,
		    &asn) == -1)
			return -1;
		r->kind = MNW_BT_OV_ASN;
		r->asn = (uint32_t)asn;
	} else if (mnw_prefix_parse(&r->net, &r->bits, w[0], wl[0]) == 0) {
		r->kind = MNW_BT_OV_PREFIX;
	} else if (mnw_bt_hostname_valid(w[0], wl[0])) {
		r->kind = MNW_BT_OV_DOMAIN;
		if (w[0][wl[0] - 1] == '.')
			wl[0]--;
		r->domain = lower_dup(w[0], wl[0]);
	} else
		return -1;

	if (wl[1] == 5 && strncmp(w[1], "never", 5) == 0)
		return 0;
	if (!mnw_bt_mailbox_valid(w[1], wl[1])) {
		free(r->domain);
		r->domain = NULL;
		return -2;
	}
	r->mailbox = mnw_xmalloc(wl[1] + 1);
	memcpy(r->mailbox, w[1], wl[1]);
	r->mailbox[wl[1]] = '\0';
	return 0;
}

int
mnw_bt_overrides_load(struct mnw_bt_overrides *ov, const char *path,
    int *open_failed)
{
	struct mnw_lines lr;
	FILE *fp;
	char *line, *w[3];
	size_t len, wl[3], i;
	int nw, errors = 0, rc;
	enum mnw_line_status st;

	memset(ov, 0, sizeof *ov);
	*open_failed = 0;
	ov->name = mnw_xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL) {
		*open_failed = 1;
		mnw_warn("%s", mnw_quote(path, strlen(path), 200));
		return -1;
	}
	mnw_lines_init(&lr, fp, path, 4096);
	while ((st = mnw_lines_next(&lr, &line, &len)) != MNW_LINE_EOF) {
		if (st == MNW_LINE_ERROR) {
			mnw_warn("%s", path);
			errors++;
			break;
		}
		if (st == MNW_LINE_TOO_LONG) {
			mnw_warnx("%s:%llu: line too long (%zu bytes, maximum "
			    "4096)", path, lr.lineno, len);
			errors++;
			continue;
		}
		/* Words separated by blanks; '#' starts a comment. */
		for (i = 0, nw = 0; i < len && nw < 3;) {
			while (i < len && is_blank_or_tab(line[i]))
				i++;
			if (i == len || line[i] == '#')
				break;
			w[nw] = line + i;
			while (i < len && !is_blank_or_tab(line[i]) &&
			    line[i] != '#')
				i++;
			wl[nw] = (size_t)(line + i - w[nw]);
			nw++;
		}
		if (nw == 0)
			continue;
		if (nw != 2) {
			mnw_warnx("%s:%llu: expected a prefix, ASN or domain "
			    "and then a mailbox or 'never' '%s'", path,
			    lr.lineno, mnw_quote(line, len, 80));
			errors++;
			continue;
		}
		if (ov->n == ov->cap) {
			ov->cap = ov->cap ? ov->cap * 2 : 16;
			ov->rule = mnw_xrealloc(ov->rule,
			    ov->cap * sizeof *ov->rule);
		}
		rc = parse_rule(&ov->rule[ov->n], w, wl);
		if (rc == -1) {
			mnw_warnx("%s:%llu: invalid prefix, ASN or domain "
			    "'%s'", path, lr.lineno, mnw_quote(w[0], wl[0], 80));
			errors++;
			continue;
		}
		if (rc == -2) {
			mnw_warnx("%s:%llu: invalid mailbox '%s'", path,
			    lr.lineno, mnw_quote(w[1], wl[1], 80));
			errors++;
			continue;
		}
		ov->rule[ov->n].line = (unsigned long)lr.lineno;
		ov->n++;
	}
	mnw_lines_free(&lr);
	fclose(fp);
	return errors ? -1 : 0;
}

void
mnw_bt_overrides_free(struct mnw_bt_overrides *ov)
{
	size_t i;

	for (i = 0; i < ov->n; i++) {
		free(ov->rule[i].domain);
		free(ov->rule[i].mailbox);
	}
	free(ov->rule);
	free(ov->name);
	memset(ov, 0, sizeof *ov);
}

const struct mnw_bt_rule *
mnw_bt_overrides_match(const struct mnw_bt_overrides *ov,
    const struct mnw_bt_result *r)
{
	const struct mnw_bt_rule *best = NULL, *ru;
	size_t i, bestlen = 0;
	int k;

	for (i = 0; i < ov->n; i++) {
		ru = &ov->rule[i];
		if (ru->kind == MNW_BT_OV_PREFIX &&
		    mnw_addr_in_prefix(&r->addr, &ru->net, ru->bits) &&
		    (best == NULL || ru->bits > best->bits))
			best = ru;
	}
	if (best != NULL)
		return best;
	for (i = 0; i < ov->n; i++) {
		ru = &ov->rule[i];
		if (ru->kind != MNW_BT_OV_ASN)
			continue;
		for (k = 0; k < r->nasn; k++)
			if (r->asn[k] == ru->asn)
				return ru;
	}
	if (r->ptr_status != MNW_BT_PTR_CONFIRMED)
		return NULL;
	for (i = 0; i < ov->n; i++) {
		ru = &ov->rule[i];
		if (ru->kind == MNW_BT_OV_DOMAIN &&
		    domain_is_or_under(r->ptr, ru->domain) &&
		    strlen(ru->domain) > bestlen) {
			best = ru;
			bestlen = strlen(ru->domain);
		}
	}
	return best;
}
