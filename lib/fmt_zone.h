/*
 * fmt_zone.h: time zone abbreviations that devices print after their
 * own time stamps ("15:58:56.590 EDT:"), for the format parsers that
 * read such stamps (fmt_ios.c).
 *
 * Only abbreviations with one common meaning are listed.  Any other
 * word (IOS lets the administrator name the zone freely: "clock
 * timezone mng 1") is not in the table, and the parser then takes the
 * time as local to the -z zone.
 */
#ifndef MNW_FMT_ZONE_H
#define MNW_FMT_ZONE_H

#include <stddef.h>

/*
 * Look up the n bytes at s, in any letter case.  Returns 1 and sets
 * *minutes (east of UTC) if the abbreviation is known, else 0.
 */
static inline int
fmt_zone_offset(const char *s, size_t n, int *minutes)
{
	static const struct {
		const char *name;
		int offset;
	} zones[] = {
		{ "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
		{ "WEST", 60 }, { "BST", 60 }, { "CET", 60 },
		{ "CEST", 120 }, { "MET", 60 }, { "MEST", 120 },
		{ "EET", 120 }, { "EEST", 180 }, { "MSK", 180 },
		{ "JST", 540 }, { "KST", 540 }, { "HKT", 480 },
		{ "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 },
		{ "NZDT", 780 }, { "EST", -300 }, { "EDT", -240 },
		{ "CST", -360 }, { "CDT", -300 }, { "MST", -420 },
		{ "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
		{ "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 },
	};

	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		const char *z = zones[i].name;
		size_t k;

		for (k = 0; k < n && z[k] != '\0'; k++)
			if ((s[k] & ~0x20) != z[k])
				break;
		if (k == n && z[k] == '\0') {
			*minutes = zones[i].offset;
			return 1;
		}
	}
	return 0;
}

#endif
