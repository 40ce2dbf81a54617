/*
 * frame.c: RFC 6587 octet counting, the framing of syslog over TCP
 * that PAN-OS and other devices use: "LEN SP <PRI>...", where LEN is the
 * length of the message in bytes.  A line of a captured TCP stream may
 * contain one frame or several in a row, and these functions take them
 * off the line for mnw-parse.
 */
#include "parse.h"

size_t
mnw_frame_header(const char *p, size_t n, size_t *msglen)
{
	size_t i, v = 0;

	if (n < 4 || p[0] < '1' || p[0] > '9')
		return 0;
	/* Nine digits: frames are far shorter, and v cannot overflow. */
	for (i = 0; i < n && i < 9 && p[i] >= '0' && p[i] <= '9'; i++)
		v = v * 10 + (size_t)(p[i] - '0');
	if (i + 2 >= n || p[i] != ' ' || p[i + 1] != '<' ||
	    p[i + 2] < '0' || p[i + 2] > '9')
		return 0;
	*msglen = v;
	return i + 1;
}

enum mnw_frame_result
mnw_frame_next(const char **p, size_t *n, const char **msg, size_t *msglen)
{
	size_t hdr, len;

	if (*n == 0)
		return MNW_FRAME_END;
	if ((hdr = mnw_frame_header(*p, *n, &len)) == 0)
		return MNW_FRAME_TRAILING;
	/* The line reader removed the newline at the end of the line, so a
	 * last frame whose count includes it is one byte short. */
	if (len == *n - hdr + 1)
		len--;
	if (len == 0 || len > *n - hdr)
		return MNW_FRAME_CUT;
	*msg = *p + hdr;
	*msglen = len;
	*p += hdr + len;
	*n -= hdr + len;
	return MNW_FRAME_OK;
}
