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

const struct mnw_format *const mnw_formats[] = {
	&mnw_format_dshield,
	&mnw_format_winfw,
	&mnw_format_pf,
	&mnw_format_filterlog,
	&mnw_format_asa,
	&mnw_format_netfilter,
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
