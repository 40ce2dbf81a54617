/*
 * time.c: log timestamps to UTC seconds since the epoch, and back.
 *
 * Records carry UTC only, so every parser here ends in a time_t.  The
 * parsers read length-delimited text at a fixed position and never read
 * past len.  They check every field's range, because a date that does
 * not exist means a misparsed line.  They return the number of bytes
 * consumed, so a format parser can go on reading after the timestamp.
 *
 * Calendar arithmetic is done here rather than with timegm(3) and
 * strftime(3), because those are slow on the hot path and timegm is not
 * in POSIX.  Local time in a named zone still needs the C library's tz
 * database, which is reached only through TZ and mktime(3); the result
 * for each local hour is cached, because a log file has millions of
 * lines in the same few hours.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mnw.h"

#define SECS_PER_DAY 86400LL

/* Bound on any zone's UTC offset, with a margin: tzdata offsets, local
 * mean time included, stay within 16 hours. */
#define OFFSET_BOUND (26 * 3600LL)

static int
is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1..12) of year y. */
static int
month_days(long long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
 * The year is shifted to start in March, so that the leap day is the
 * last day of the shifted year and each 400-year era has 146097 days.
 */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;			/* 0..399 */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void
civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Fields out of range are carried over as timegm(3) does: tm_mon 12
 * is January of the next year, tm_mday 32 the next month's first day.
 */
time_t
mnw_timegm(const struct tm *tm)
{
	long long y = 1900LL + tm->tm_year, mon = tm->tm_mon, days;

	y += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		y--;
	}
	days = days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1;
	return (time_t)(days * SECS_PER_DAY + tm->tm_hour * 3600LL +
	    tm->tm_min * 60LL + tm->tm_sec);
}

/* ------------------------------------------------------------------ */
/* Time zones                                                          */
/* ------------------------------------------------------------------ */

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Two decimal digits at s (the caller checked that they exist). */
static int
two_digits(const char *s, int *v)
{
	if (!digit(s[0]) || !digit(s[1]))
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/*
 * Parse a numeric UTC offset at s: "+hh:mm" or "+hhmm", and also "+hh"
 * if allow_hours is set.  hh is at most 23, mm at most 59.  Stores the
 * offset in seconds east in *offset and returns the bytes consumed, or
 * returns 0.
 */
static size_t
parse_offset(const char *s, size_t len, int allow_hours, long *offset)
{
	int hh, mm = 0;
	size_t n;

	if (len < 3 || (s[0] != '+' && s[0] != '-') ||
	    two_digits(s + 1, &hh) == -1 || hh > 23)
		return 0;
	if (len >= 6 && s[3] == ':' && two_digits(s + 4, &mm) == 0)
		n = 6;
	else if (len >= 5 && two_digits(s + 3, &mm) == 0)
		n = 5;
	else if (allow_hours) {
		if (len > 3 && (s[3] == ':' || digit(s[3])))
			return 0;	/* "+05:" or "+053" */
		n = 3;
	} else
		return 0;
	if (mm > 59 || (n < len && digit(s[n])))
		return 0;
	*offset = (hh * 3600L + mm * 60L) * (s[0] == '-' ? -1 : 1);
	return n;
}

static int
zone_name_valid(const char *s, size_t len)
{
	size_t start = 0;

	if (len == 0 || len >= sizeof(((struct mnw_tz *)0)->name))
		return 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '/') {
			/*
			 * No empty, "." or ".." component and no hidden
			 * file, so the name cannot leave the zoneinfo
			 * directory.
			 */
			if (i == start || s[start] == '.')
				return 0;
			start = i + 1;
			continue;
		}
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || digit(s[i]) || s[i] == '_' ||
		    s[i] == '-' || s[i] == '+' || s[i] == '.'))
			return 0;
	}
	return 1;
}

/*
 * 1 if name is a compiled zone file (magic "TZif") in the directory
 * where the C library looks for it: $TZDIR, else /usr/share/zoneinfo.
 */
static int
zone_file_exists(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[1024], magic[4];
	struct stat st;
	int fd, n, ok;

	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return 0;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

/*
 * A name that starts with a sign must be an offset.  Names such as
 * "Etc/GMT+5" go to the zoneinfo check like any other name.
 */
int
mnw_tz_parse(struct mnw_tz *tz, const char *s)
{
	size_t len = strlen(s);
	long off;

	memset(tz, 0, sizeof(*tz));
	if (strcmp(s, "UTC") == 0 || strcmp(s, "Z") == 0) {
		tz->fixed = 1;
		strcpy(tz->name, "UTC");
		return 0;
	}
	if (s[0] == '+' || s[0] == '-') {
		if (parse_offset(s, len, 1, &off) != len)
			return -1;
		tz->fixed = 1;
		tz->offset = off;
		snprintf(tz->name, sizeof(tz->name), "%c%02ld:%02ld",
		    off < 0 ? '-' : '+', labs(off) / 3600, labs(off) / 60 % 60);
		return 0;
	}
	if (!zone_name_valid(s, len) || !zone_file_exists(s))
		return -1;
	memcpy(tz->name, s, len + 1);
	return 0;
}

/*
 * Run mktime(3) with TZ set to zone, then put TZ back as it was.
 * Returns 0, or -1 if mktime fails or TZ cannot be set.
 */
static int
zone_mktime(const char *zone, struct tm *tm, time_t *out)
{
	char want[1 + sizeof(((struct mnw_tz *)0)->name)];
	const char *old = getenv("TZ");
	char *saved = NULL;
	time_t t;
	int rc = 0, switched;

	/* The colon makes the C library read want as a file name only. */
	want[0] = ':';
	strcpy(want + 1, zone);
	switched = old == NULL || strcmp(old, want) != 0;
	if (switched) {
		if (old != NULL && (saved = strdup(old)) == NULL)
			return -1;
		if (setenv("TZ", want, 1) == -1) {
			free(saved);
			return -1;
		}
		tzset();
	}

	tm->tm_isdst = -1;
	tm->tm_wday = -1;	/* mktime sets it on success; -1 is a valid time_t */
	t = mktime(tm);
	if (tm->tm_wday == -1)
		rc = -1;
	else
		*out = t;

	if (switched) {
		if (saved != NULL)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
		free(saved);
	}
	return rc;
}

/*
 * The UTC time of the start of recently used local hours, per zone.
 * An hour is cached only if mktime puts its first and last second
 * 3599 s apart, that is if no offset change falls inside it.
 */
#define HOUR_CACHE_SIZE 8

struct hour_entry {
	char zone[sizeof(((struct mnw_tz *)0)->name)];
	long long key;		/* local year, month, day and hour */
	time_t start;
};

static struct hour_entry hour_cache[HOUR_CACHE_SIZE];
static size_t hour_cache_used, hour_cache_next;

static int
named_mktime(const char *zone, const struct tm *local, time_t *out)
{
	struct tm tm = *local, last;
	time_t start, end;
	long long key;

	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
	    tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
	    tm.tm_sec > 59)
		return zone_mktime(zone, &tm, out);	/* let mktime carry */

	key = (((long long)tm.tm_year * 12 + tm.tm_mon) * 32 + tm.tm_mday) *
	    24 + tm.tm_hour;
	for (size_t i = 0; i < hour_cache_used; i++) {
		if (hour_cache[i].key == key &&
		    strcmp(hour_cache[i].zone, zone) == 0) {
			*out = hour_cache[i].start + tm.tm_min * 60 + tm.tm_sec;
			return 0;
		}
	}

	tm.tm_min = tm.tm_sec = 0;
	last = tm;
	last.tm_min = last.tm_sec = 59;
	if (zone_mktime(zone, &tm, &start) == -1 ||
	    zone_mktime(zone, &last, &end) == -1)
		return -1;
	if (end - start != 3599) {
		/* An offset change inside this hour: no shortcut. */
		tm = *local;
		return zone_mktime(zone, &tm, out);
	}

	strcpy(hour_cache[hour_cache_next].zone, zone);
	hour_cache[hour_cache_next].key = key;
	hour_cache[hour_cache_next].start = start;
	hour_cache_next = (hour_cache_next + 1) % HOUR_CACHE_SIZE;
	if (hour_cache_used < HOUR_CACHE_SIZE)
		hour_cache_used++;
	*out = start + local->tm_min * 60 + local->tm_sec;
	return 0;
}

/*
 * A NULL tz, or one that is all zero bytes (as in a zero-initialised
 * parse context), means UTC.
 */
int
mnw_tz_mktime(const struct mnw_tz *tz, const struct tm *local, time_t *out)
{
	if (tz == NULL || (!tz->fixed && tz->name[0] == '\0')) {
		*out = mnw_timegm(local);
		return 0;
	}
	if (tz->fixed) {
		*out = mnw_timegm(local) - tz->offset;
		return 0;
	}
	if (memchr(tz->name, '\0', sizeof(tz->name)) == NULL)
		return -1;	/* not from mnw_tz_parse */
	return named_mktime(tz->name, local, out);
}

/* ------------------------------------------------------------------ */
/* Parsers                                                             */
/* ------------------------------------------------------------------ */

static int
month_from_abbr(const char *s)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char lower[3];

	for (int i = 0; i < 3; i++) {
		if (s[i] == '\0')
			return -1;
		lower[i] = (char)(s[i] | 0x20);
	}
	for (int m = 0; m < 12; m++)
		if (memcmp(lower, names + 3 * m, 3) == 0)
			return m;
	return -1;
}

/*
 * Only the first three bytes are read (fewer at a NUL), so s may point
 * into a line: "Dec 31 ..." gives 11.  Case is ignored.
 */
int
mnw_month_from_abbr(const char *s)
{
	return month_from_abbr(s);
}

/*
 * Parse "hh:mm:ss" with an optional fraction (dropped) after '.', or
 * also after ',' if comma is set.  A leap second 60 becomes 59, as
 * time_t cannot hold it.  Returns the bytes consumed or 0.
 */
static size_t
parse_clock(const char *s, size_t len, int comma, struct tm *tm)
{
	size_t n = 8;

	if (len < 8 || s[2] != ':' || s[5] != ':' ||
	    two_digits(s, &tm->tm_hour) == -1 ||
	    two_digits(s + 3, &tm->tm_min) == -1 ||
	    two_digits(s + 6, &tm->tm_sec) == -1)
		return 0;
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 60)
		return 0;
	if (tm->tm_sec == 60)
		tm->tm_sec = 59;
	if (n + 1 < len && (s[n] == '.' || (comma && s[n] == ',')) &&
	    digit(s[n + 1])) {
		n++;
		while (n < len && digit(s[n]))
			n++;
	}
	if (n < len && digit(s[n]))
		return 0;
	return n;
}

/*
 * The year for a BSD syslog time: the latest year in which the date
 * exists and the time is at most one day after ref.  Starting one year
 * after ref's year covers a log read just before midnight on New
 * Year's Eve that already has lines from January; going back up to
 * eight years finds the last Feb 29 even across a century year.
 */
size_t
mnw_time_parse_bsd(const char *s, size_t len, const struct mnw_tz *tz,
    time_t ref, time_t *out)
{
	struct tm tm;
	long long refyear, y;
	int refmon, refday, mon, day;
	size_t n;

	if (len < 15 || s[3] != ' ' || (mon = month_from_abbr(s)) == -1)
		return 0;
	if (s[4] == ' ' && digit(s[5]))
		day = s[5] - '0';
	else if (two_digits(s + 4, &day) == -1)
		return 0;
	if (day < 1 || day > 31 || s[6] != ' ')
		return 0;
	memset(&tm, 0, sizeof(tm));
	if ((n = parse_clock(s + 7, len - 7, 0, &tm)) == 0)
		return 0;
	n += 7;

	civil_from_days((long long)ref / SECS_PER_DAY -
	    ((long long)ref % SECS_PER_DAY < 0), &refyear, &refmon, &refday);
	for (y = refyear + 1; y >= refyear - 8; y--) {
		time_t t;

		if (day > month_days(y, mon + 1))
			continue;
		tm.tm_year = (int)(y - 1900);
		tm.tm_mon = mon;
		tm.tm_mday = day;
		/* Skip next year without a zone lookup when clearly late. */
		if (y > refyear && (long long)mnw_timegm(&tm) - OFFSET_BOUND >
		    (long long)ref + SECS_PER_DAY)
			continue;
		if (mnw_tz_mktime(tz, &tm, &t) == -1)
			return 0;
		if ((long long)t <= (long long)ref + SECS_PER_DAY) {
			*out = t;
			return n;
		}
	}
	return 0;
}

/*
 * Besides the header's forms this accepts 't' and 'z' in lower case
 * (RFC 3339 section 5.6 allows them), ',' before the fraction (ISO
 * 8601), and one space before a numeric offset, which is how DShield
 * writes "2026-12-04 19:10:59 -05:00".
 */
size_t
mnw_time_parse_iso(const char *s, size_t len, const struct mnw_tz *tz,
    time_t *out)
{
	struct tm tm;
	int y1, y2;
	long off = 0;
	size_t n, m;
	int have_offset = 0;

	if (len < 19 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return 0;
	memset(&tm, 0, sizeof(tm));
	if (two_digits(s, &y1) == -1 || two_digits(s + 2, &y2) == -1 ||
	    two_digits(s + 5, &tm.tm_mon) == -1 ||
	    two_digits(s + 8, &tm.tm_mday) == -1)
		return 0;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > month_days(y1 * 100 + y2, tm.tm_mon))
		return 0;
	tm.tm_year = y1 * 100 + y2 - 1900;
	tm.tm_mon--;
	if ((n = parse_clock(s + 11, len - 11, 1, &tm)) == 0)
		return 0;
	n += 11;

	if (n < len && (s[n] == 'Z' || s[n] == 'z')) {
		have_offset = 1;
		n++;
	} else if ((m = parse_offset(s + n, len - n, 0, &off)) > 0) {
		have_offset = 1;
		n += m;
	} else if (n + 1 < len && s[n] == ' ' &&
	    (m = parse_offset(s + n + 1, len - n - 1, 0, &off)) > 0) {
		have_offset = 1;
		n += 1 + m;
	}
	/* A sign right after the clock that is no offset ("+01:0", "+1"),
	 * or a digit or colon after the offset, means a broken zone. */
	if (!have_offset && n < len && (s[n] == '+' || s[n] == '-'))
		return 0;
	if (n < len && (digit(s[n]) || s[n] == ':'))
		return 0;

	if (have_offset)
		*out = mnw_timegm(&tm) - off;
	else if (mnw_tz_mktime(tz, &tm, out) == -1)
		return 0;
	return n;
}

/*
 * Epoch seconds up to 9999-12-31T23:59:59Z (12 digits), with an
 * optional fraction that is dropped.  Thirteen or more digits are
 * rejected, not guessed to be milliseconds.
 */
size_t
mnw_time_parse_epoch(const char *s, size_t len, time_t *out)
{
	long long v = 0;
	size_t n = 0;

	while (n < len && n < 13 && digit(s[n]))
		v = v * 10 + (s[n++] - '0');
	/* 253402300799 is 9999-12-31T23:59:59Z, the last time that a
	 * record can hold. */
	if (n == 0 || n > 12 || v > 253402300799LL)
		return 0;
	if (n + 1 < len && s[n] == '.' && digit(s[n + 1])) {
		n++;
		while (n < len && digit(s[n]))
			n++;
	}
	*out = (time_t)v;
	return n;
}

/*
 * ISO first, because its year would otherwise read as epoch seconds.
 * An epoch number followed by '-' or ':' is part of a date or clock
 * that failed its range checks, so it is no match either.
 */
size_t
mnw_time_parse_any(const char *s, size_t len, const struct mnw_tz *tz,
    time_t ref, time_t *out)
{
	size_t n;

	if ((n = mnw_time_parse_iso(s, len, tz, out)) > 0)
		return n;
	if ((n = mnw_time_parse_bsd(s, len, tz, ref, out)) > 0)
		return n;
	if ((n = mnw_time_parse_epoch(s, len, out)) > 0 &&
	    (n == len || (s[n] != '-' && s[n] != ':')))
		return n;
	return 0;
}

static char *
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/*
 * Years outside 0..9999 (possible only with a time_t from elsewhere)
 * are written with a sign or more digits; mnw_time_parse_record
 * rejects them.
 */
char *
mnw_time_format(time_t t, char *buf)
{
	long long days = (long long)t / SECS_PER_DAY;
	long long secs = (long long)t % SECS_PER_DAY, y;
	int m, d;
	char *p = buf;

	if (secs < 0) {
		secs += SECS_PER_DAY;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y >= 0 && y <= 9999) {
		p = put2(p, (int)(y / 100));
		p = put2(p, (int)(y % 100));
	} else
		p += snprintf(p, 16, "%lld", y);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, d);
	*p++ = 'T';
	p = put2(p, (int)(secs / 3600));
	*p++ = ':';
	p = put2(p, (int)(secs / 60 % 60));
	*p++ = ':';
	p = put2(p, (int)(secs % 60));
	*p++ = 'Z';
	*p = '\0';
	return buf;
}

int
mnw_time_parse_record(const char *s, size_t len, time_t *out)
{
	struct tm tm;
	int y1, y2;

	if (len != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (two_digits(s, &y1) == -1 || two_digits(s + 2, &y2) == -1 ||
	    two_digits(s + 5, &tm.tm_mon) == -1 ||
	    two_digits(s + 8, &tm.tm_mday) == -1 ||
	    two_digits(s + 11, &tm.tm_hour) == -1 ||
	    two_digits(s + 14, &tm.tm_min) == -1 ||
	    two_digits(s + 17, &tm.tm_sec) == -1)
		return -1;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > month_days(y1 * 100 + y2, tm.tm_mon) ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
		return -1;
	tm.tm_year = y1 * 100 + y2 - 1900;
	tm.tm_mon--;
	*out = mnw_timegm(&tm);
	return 0;
}
