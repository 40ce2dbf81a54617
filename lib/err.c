/*
 * err.c: messages on stderr in one phrasing, allocation that exits.
 *
 * Every message is "PROG: TEXT", with no full stop.  Untrusted bytes in
 * TEXT go through mnw_quote(), so a message never carries a raw control
 * byte or a forged line break to the terminal or to a log file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"

const char *mnw_progname = "mnw";

void
mnw_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	mnw_progname = slash != NULL ? slash + 1 : argv0;
}

static void MNW_PRINTF(2, 0)
vmessage(int errnum, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", mnw_progname);
	vfprintf(stderr, fmt, ap);
	if (errnum >= 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void
mnw_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(-1, fmt, ap);
	va_end(ap);
}

void
mnw_warn(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(saved, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
mnw_errx(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(-1, fmt, ap);
	va_end(ap);
	exit(code);
}

void
mnw_err(int code, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(saved, fmt, ap);
	va_end(ap);
	exit(code);
}

void
mnw_usage(const char *synopsis)
{
	fprintf(stderr, "usage: %s %s\n", mnw_progname, synopsis);
	exit(MNW_EXIT_USAGE);
}

#define QUOTE_SLOTS 4
#define QUOTE_CAP 512

const char *
mnw_quote(const char *s, size_t len, size_t max)
{
	static char slots[QUOTE_SLOTS][QUOTE_CAP];
	static unsigned next;
	static const char hex[] = "0123456789abcdef";
	char *out = slots[next++ % QUOTE_SLOTS];
	size_t o = 0, i;

	/* Each input byte takes at most 4 output bytes; keep room for
	 * "..." and the NUL. */
	if (max > (QUOTE_CAP - 4) / 4)
		max = (QUOTE_CAP - 4) / 4;
	for (i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\'' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c >= 0x20 && c < 0x7f) {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

static MNW_NORETURN void
out_of_memory(size_t n)
{
	mnw_errx(MNW_EXIT_TEMP, "out of memory (allocating %zu bytes)", n);
}

void *
mnw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
mnw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
mnw_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory(n);
	return q;
}

char *
mnw_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = mnw_xmalloc(n);

	memcpy(p, s, n);
	return p;
}
