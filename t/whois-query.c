/*
 * whois-query: a test driver for lib/whois.c, not an installed program.
 *
 *   whois-query -p FILE...          parse saved answers
 *   whois-query [-M] [-c COUNT] [-m MAP] [-n HOPS] [-t MS] [-w SECONDS] ADDR
 *                                   look up ADDR (COUNT times)
 *
 * Prints one "key<TAB>value" line per fact, values escaped as in
 * records, so that the shell tests can compare exact fields.  Exit
 * status 0, MNW_EXIT_TEMP when a lookup failed, MNW_EXIT_USAGE or
 * MNW_EXIT_NOINPUT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mnw.h"
#include "whois.h"

static void
put(const char *key, const char *val)
{
	fputs(key, stdout);
	putchar('\t');
	mnw_escape_write(stdout, val, strlen(val));
	putchar('\n');
}

static const char *
rank_name(enum mnw_whois_rank r)
{
	static const char *const names[] = { "header", "arin-r", "arin-org",
	    "abuse-c", "irt", "mailbox", "rwhois", "nir", "remark" };

	return (unsigned)r < sizeof(names) / sizeof(*names) ? names[r] : "?";
}

static void
print_result(const struct mnw_whois_result *r)
{
	static const char *const flagnames[] = { "truncated", "no-abuse",
	    "refused", "not-found", "delegated", "not-managed", "nir" };
	const struct mnw_whois_contact *best = mnw_whois_best(r);
	char flags[128] = "", buf[MNW_ADDR_STRLEN * 2 + 4];
	unsigned i;
	int c;

	put("abuse", best != NULL ? best->mailbox : "");
	for (c = 0; c < r->ncontacts; c++) {
		printf("contact\t");
		mnw_escape_write(stdout, r->contacts[c].mailbox,
		    strlen(r->contacts[c].mailbox));
		printf("\t%s\t%s\n", r->contacts[c].field,
		    rank_name(r->contacts[c].rank));
	}
	if (r->referral.proto != MNW_WHOIS_PROTO_NONE)
		printf("referral\t%s://%s:%u\n",
		    r->referral.proto == MNW_WHOIS_PROTO_RWHOIS ? "rwhois" :
		    "whois", r->referral.host, r->referral.port);
	put("range", r->range);
	if (r->first.family != 0) {
		char a[MNW_ADDR_STRLEN], b[MNW_ADDR_STRLEN];

		snprintf(buf, sizeof(buf), "%s %s",
		    mnw_addr_format(&r->first, a), mnw_addr_format(&r->last, b));
		put("net", buf);
	}
	put("country", r->country);
	put("org", r->org);
	put("netname", r->netname);
	for (i = 0; i < sizeof(flagnames) / sizeof(*flagnames); i++)
		if (r->flags & (1u << i)) {
			if (flags[0] != '\0')
				strcat(flags, ",");
			strcat(flags, flagnames[i]);
		}
	put("flags", flags);
	printf("lines\t%u\nlong\t%u\nbadtext\t%u\nrejected\t%u\n", r->nlines,
	    r->nlong, r->nbadtext, r->nrejected);
	if (r->nrejected > 0)
		printf("rejected-first\t%s\t%s\n", r->rejected_reason,
		    r->rejected);
}

static int
parse_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct mnw_whois_result r;
	char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		mnw_warn("%s", path);
		return -1;
	}
	do {
		if (cap - len < 65536) {
			cap = cap * 2 + 65536;
			data = mnw_xrealloc(data, cap);
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	mnw_whois_parse(data, len, &r);
	put("file", path);
	print_result(&r);
	free(data);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct mnw_whois_options opt;
	struct mnw_whois_lookup_result *lr;
	struct mnw_addr addr;
	long long v;
	const char *errstr;
	int ch, parse = 0, count = 1, rc = MNW_EXIT_OK, i, k;

	mnw_setprogname(argv[0]);
	mnw_whois_options_init(&opt);
	while ((ch = getopt(argc, argv, "c:Mm:n:pt:w:")) != -1) {
		switch (ch) {
		case 'c':
			if (mnw_strtonum(optarg, 1, 100, &v, &errstr) == -1)
				mnw_errx(MNW_EXIT_USAGE, "count is %s: %s",
				    errstr, mnw_quote(optarg, strlen(optarg), 40));
			count = (int)v;
			break;
		case 'M':
			opt.map_only = 1;
			break;
		case 'm':
			opt.map = optarg;
			break;
		case 'n':
			if (mnw_strtonum(optarg, 1, MNW_WHOIS_HOPS_MAX, &v,
			    &errstr) == -1)
				mnw_errx(MNW_EXIT_USAGE, "hops is %s: %s",
				    errstr, mnw_quote(optarg, strlen(optarg), 40));
			opt.hops = (int)v;
			break;
		case 'p':
			parse = 1;
			break;
		case 't':
			if (mnw_strtonum(optarg, 1, 600000, &v, &errstr) == -1)
				mnw_errx(MNW_EXIT_USAGE, "timeout is %s: %s",
				    errstr, mnw_quote(optarg, strlen(optarg), 40));
			opt.timeout_ms = (int)v;
			break;
		case 'w':
			if (mnw_strtonum(optarg, 0, 3600, &v, &errstr) == -1)
				mnw_errx(MNW_EXIT_USAGE, "wait is %s: %s",
				    errstr, mnw_quote(optarg, strlen(optarg), 40));
			opt.wait_max = (int)v;
			break;
		default:
			mnw_usage("whois-query -p file ... | "
			    "[-M] [-c count] [-m map] [-n hops] [-t ms] "
			    "[-w seconds] address");
		}
	}
	argc -= optind;
	argv += optind;

	if (parse) {
		for (i = 0; i < argc; i++)
			if (parse_file(argv[i]) == -1)
				rc = MNW_EXIT_NOINPUT;
		return rc;
	}
	if (argc != 1)
		mnw_usage("whois-query [-M] [-c count] [-m map] [-n hops] "
		    "[-t ms] [-w seconds] address");
	if (mnw_addr_parse(&addr, argv[0], strlen(argv[0])) == -1)
		mnw_errx(MNW_EXIT_USAGE, "invalid address %s",
		    mnw_quote(argv[0], strlen(argv[0]), 60));

	lr = mnw_xmalloc(sizeof(*lr));
	for (k = 0; k < count; k++) {
		enum mnw_whois_error e = mnw_whois_lookup(&addr, &opt, lr);

		put("lookup", argv[0]);
		for (i = 0; i < lr->nhops; i++)
			printf("hop\t%s\t%u\t%s\t%s\t%d\n", lr->hops[i].server,
			    lr->hops[i].port, lr->hops[i].query,
			    lr->hops[i].error == MNW_WHOIS_OK ? "ok" :
			    mnw_whois_strerror(lr->hops[i].error),
			    lr->hops[i].ncontacts);
		printf("loop\t%d\n", lr->loop);
		put("server", lr->server);
		put("error", e == MNW_WHOIS_OK ? "ok" : mnw_whois_strerror(e));
		if (e == MNW_WHOIS_OK)
			print_result(&lr->result);
		else
			rc = MNW_EXIT_TEMP;
	}
	free(lr);
	return rc;
}
