/*
 * formats.c: the table of log formats, in the order mnw-parse tries
 * them on each line.  Formats with the most specific signature come
 * first, so that a line is claimed by the parser that can check it
 * best: DShield lines are exact tab-separated records, Windows Firewall
 * and pf lines start with their own time stamps, and filterlog, Cisco
 * and netfilter lines are recognised inside a syslog envelope.
 */
#include <string.h>

#include "parse.h"

extern const struct mnw_format mnw_format_dshield;
extern const struct mnw_format mnw_format_winfw;
extern const struct mnw_format mnw_format_pf;
extern const struct mnw_format mnw_format_filterlog;
extern const struct mnw_format mnw_format_asa;
extern const struct mnw_format mnw_format_netfilter;
extern const struct mnw_format mnw_format_ios;
extern const struct mnw_format mnw_format_fastlog;
extern const struct mnw_format mnw_format_eve;
extern const struct mnw_format mnw_format_juniper;
extern const struct mnw_format mnw_format_fortigate;
extern const struct mnw_format mnw_format_mikrotik;
extern const struct mnw_format mnw_format_ipfw;
extern const struct mnw_format mnw_format_ipfilter;
extern const struct mnw_format mnw_format_panos;
extern const struct mnw_format mnw_format_sonicwall;

const struct mnw_format *const mnw_formats[] = {
	&mnw_format_dshield,
	&mnw_format_winfw,
	&mnw_format_pf,
	&mnw_format_filterlog,
	&mnw_format_asa,
	&mnw_format_netfilter,
	&mnw_format_ios,
	&mnw_format_fastlog,
	&mnw_format_eve,
	&mnw_format_juniper,
	&mnw_format_fortigate,
	&mnw_format_mikrotik,
	&mnw_format_ipfw,
	&mnw_format_ipfilter,
	&mnw_format_panos,
	&mnw_format_sonicwall,
	/*
	 * NOTE: the table is full: mnw-parse takes at most 16 formats
	 * (NFORMATS_MAX in cmd/mnw-parse.c, state[16] in parse.h).  Ready
	 * but not in the table: mnw_format_sshd (fmt_sshd.c),
	 * mnw_format_portsentry, mnw_format_scanlogd, mnw_format_iplog
	 * (fmt_hostids.c), mnw_format_checkpoint, mnw_format_sophos,
	 * mnw_format_zonealarm, mnw_format_huawei and mnw_format_isa.
	 * Adding sshd also needs t/0100, t/0110 and t/0120 updated: they
	 * expect sshd lines that carry other formats' text to be rejected
	 * as "unknown format", and sshd claims them.
	 */
	NULL,
};

const struct mnw_format *
mnw_format_find(const char *name)
{
	for (size_t i = 0; mnw_formats[i] != NULL; i++)
		if (strcmp(mnw_formats[i]->name, name) == 0)
			return mnw_formats[i];
	return NULL;
}
