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
extern const struct mnw_format mnw_format_sshd;
extern const struct mnw_format mnw_format_portsentry;
extern const struct mnw_format mnw_format_scanlogd;
extern const struct mnw_format mnw_format_iplog;
extern const struct mnw_format mnw_format_checkpoint;
extern const struct mnw_format mnw_format_sophos;
extern const struct mnw_format mnw_format_zonealarm;
extern const struct mnw_format mnw_format_huawei;
extern const struct mnw_format mnw_format_isa;
extern const struct mnw_format mnw_format_zyxel;
extern const struct mnw_format mnw_format_sidewinder;

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
	&mnw_format_sshd,
	&mnw_format_portsentry,
	&mnw_format_scanlogd,
	&mnw_format_iplog,
	&mnw_format_checkpoint,
	&mnw_format_sophos,
	&mnw_format_zonealarm,
	&mnw_format_huawei,
	&mnw_format_isa,
	&mnw_format_zyxel,
	&mnw_format_sidewinder,
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
