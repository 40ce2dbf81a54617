/*
 * num.c: range-checked numbers for options and record fields.
 *
 * Like OpenBSD's strtonum(3): the whole string must be a decimal
 * number inside the range, so "12abc", "", " 1" and overflow are errors.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"

int
mnw_strntonum(const char *s, size_t len, long long min, long long max,
    long long *out)
{
	unsigned long long v = 0, limit;
	int neg = 0;
	size_t i = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return -1;
	limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; i < len; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (neg) {
		long long r = v == (unsigned long long)LLONG_MAX + 1 ?
		    LLONG_MIN : -(long long)v;
		if (r < min)
			return -1;
		*out = r;
	} else {
		if ((long long)v > max || (long long)v < min)
			return -1;
		*out = (long long)v;
	}
	return 0;
}

int
mnw_strtonum(const char *s, long long min, long long max, long long *out,
    const char **errstr)
{
	long long v;
	char *end;

	*errstr = NULL;
	if (min > max) {
		*errstr = "invalid";
		return -1;
	}
	if (*s == '\0' || (*s != '-' && *s != '+' && (*s < '0' || *s > '9'))) {
		*errstr = "invalid";
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*errstr = "invalid";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*errstr = "too small";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*errstr = "too large";
		return -1;
	}
	*out = v;
	return 0;
}

int
mnw_parse_duration(const char *s, long long *seconds)
{
	size_t len = strlen(s);
	long long v, unit = 1;

	if (len == 0)
		return -1;
	switch (s[len - 1]) {
	case 's': unit = 1; len--; break;
	case 'm': unit = 60; len--; break;
	case 'h': unit = 3600; len--; break;
	case 'd': unit = 86400; len--; break;
	case 'w': unit = 7 * 86400; len--; break;
	default: break;
	}
	if (mnw_strntonum(s, len, 0, LLONG_MAX / unit, &v) == -1)
		return -1;
	*seconds = v * unit;
	return 0;
}
