/*
 * escape.c: the one escape scheme for bytes that cannot appear in a
 * record field (mnw-records(5)).
 *
 * A field never holds a tab, newline or any other C0 control byte,
 * DEL, a C1 control, or bytes that are not valid UTF-8, so records stay
 * safe to split on tabs and to print on a terminal.  Such bytes become
 * \t, \n, \r or \xHH, and a backslash becomes \\.  "-" alone means an
 * empty field, so a value that is "-" itself is written \x2d, and a '#'
 * at the start is written \x23 so that no record line looks like a
 * comment.
 */
#include <stdlib.h>
#include <string.h>

#include "mnw.h"

static const char hexdigits[] = "0123456789abcdef";

/*
 * Length of the valid UTF-8 sequence at s (at most len bytes), or 0 if
 * the bytes there are not valid UTF-8 or encode a C1 control.  Rejects
 * overlong forms, surrogates and code points above U+10FFFF.
 */
static size_t
utf8_valid(const unsigned char *s, size_t len)
{
	unsigned c = s[0];

	if (c >= 0xc2 && c <= 0xdf) {
		if (len < 2 || (s[1] & 0xc0) != 0x80)
			return 0;
		if (c == 0xc2 && s[1] < 0xa0)
			return 0;	/* U+0080..U+009F: C1 controls */
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef) {
		if (len < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0;	/* surrogates */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (len < 4 || (s[1] & 0xc0) != 0x80 ||
		    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;	/* overlong */
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;	/* above U+10FFFF */
		return 4;
	}
	return 0;
}

/* Append one byte or escape to out if there is room; count always. */
#define PUT(ch) do { if (o + 1 < cap) out[o] = (ch); o++; } while (0)

size_t
mnw_escape(char *out, size_t cap, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0, i = 0;

	if (len == 0) {
		PUT('-');
		goto done;
	}
	if (len == 1 && s[0] == '-') {
		PUT('\\'); PUT('x'); PUT('2'); PUT('d');
		goto done;
	}
	while (i < len) {
		unsigned c = u[i];

		if (c >= 0x20 && c < 0x7f && c != '\\' && !(c == '#' && i == 0)) {
			PUT((char)c);
			i++;
		} else if (c == '\\') {
			PUT('\\'); PUT('\\');
			i++;
		} else if (c == '\t') {
			PUT('\\'); PUT('t');
			i++;
		} else if (c == '\n') {
			PUT('\\'); PUT('n');
			i++;
		} else if (c == '\r') {
			PUT('\\'); PUT('r');
			i++;
		} else if (c >= 0x80 && utf8_valid(u + i, len - i) > 0) {
			size_t n = utf8_valid(u + i, len - i);

			while (n-- > 0)
				PUT((char)u[i++]);
		} else {
			PUT('\\'); PUT('x');
			PUT(hexdigits[c >> 4]); PUT(hexdigits[c & 15]);
			i++;
		}
	}
done:
	if (cap > 0)
		out[o < cap ? o : cap - 1] = '\0';
	return o;
}

#undef PUT

char *
mnw_escape_dup(const char *s, size_t len)
{
	size_t need = mnw_escape(NULL, 0, s, len) + 1;
	char *out = mnw_xmalloc(need);

	mnw_escape(out, need, s, len);
	return out;
}

int
mnw_escape_write(FILE *fp, const char *s, size_t len)
{
	char small[512];
	size_t need = mnw_escape(small, sizeof small, s, len);

	if (need < sizeof small)
		return fwrite(small, 1, need, fp) == need ? 0 : -1;

	char *big = mnw_escape_dup(s, len);
	int rc = fwrite(big, 1, need, fp) == need ? 0 : -1;

	free(big);
	return rc;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
mnw_unescape(char *s, size_t *len)
{
	size_t i, o = 0, n = *len;

	if (n == 1 && s[0] == '-') {
		s[0] = '\0';
		*len = 0;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i >= n)
			return -1;
		switch (s[i]) {
		case '\\': s[o++] = '\\'; break;
		case 't': s[o++] = '\t'; break;
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		case 'x': {
			int hi, lo;

			if (i + 2 >= n)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			s[o++] = (char)(hi << 4 | lo);
			i += 2;
			break;
		}
		default:
			return -1;
		}
	}
	s[o] = '\0';
	*len = o;
	return 0;
}
