/*
 * lineio.c: a line reader with no fixed line length and a maximum.
 *
 * Lines up to lr->max bytes are returned whole; a longer line is read
 * through and thrown away chunk by chunk, so a 1 GiB line costs time
 * but no memory, and the caller gets its length so that it can count
 * and report it.  The buffer grows by doubling up to max + 1 bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"

#define CHUNK (256 * 1024)
/* A multiple of the usual stdio buffer sizes; see fill(). */
#define READ_UNIT (64 * 1024)

void
mnw_lines_init(struct mnw_lines *lr, FILE *fp, const char *name, size_t max)
{
	memset(lr, 0, sizeof *lr);
	lr->fp = fp;
	lr->name = name;
	lr->max = max ? max : MNW_LINE_MAX_DEFAULT;
	lr->cap = CHUNK;
	if (lr->cap < lr->max + 2 && lr->max + 2 < 4 * CHUNK)
		lr->cap = lr->max + 2;
	lr->buf = mnw_xmalloc(lr->cap);
}

void
mnw_lines_free(struct mnw_lines *lr)
{
	free(lr->buf);
	lr->buf = NULL;
}

/* Read more input behind lr->end.  Returns bytes read, 0 at EOF, -1. */
static long
fill(struct mnw_lines *lr)
{
	size_t n, want;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	if (lr->end + 1 >= lr->cap) {
		size_t ncap = lr->cap * 2;

		if (ncap > lr->max + 2 && lr->cap < lr->max + 2)
			ncap = lr->max + 2;
		if (ncap > lr->cap) {
			lr->buf = mnw_xrealloc(lr->buf, ncap);
			lr->cap = ncap;
		}
	}
	/*
	 * glibc's fread (2.36, seen with strace) reads the whole buffers of
	 * a request straight into buf, but the rest through its own buffer
	 * of st_blksize bytes, with a second read(2) and a copy.  A request
	 * of whole READ_UNITs is whole buffers for the usual sizes.
	 */
	want = lr->cap - 1 - lr->end;
	if (want > READ_UNIT)
		want -= want % READ_UNIT;
	n = fread(lr->buf + lr->end, 1, want, lr->fp);
	if (n == 0) {
		if (ferror(lr->fp))
			return -1;
		lr->eof = 1;
		return 0;
	}
	lr->end += n;
	return (long)n;
}

/* Consume the rest of an over-long line.  *len counts its bytes. */
static enum mnw_line_status
skip_long(struct mnw_lines *lr, size_t *len)
{
	for (;;) {
		char *nl = memchr(lr->buf + lr->start, '\n', lr->end - lr->start);

		if (nl != NULL) {
			*len += (size_t)(nl - (lr->buf + lr->start));
			lr->start = (size_t)(nl - lr->buf) + 1;
			return MNW_LINE_TOO_LONG;
		}
		*len += lr->end - lr->start;
		lr->start = lr->end = 0;
		if (lr->eof)
			return MNW_LINE_TOO_LONG;
		if (fill(lr) == -1)
			return MNW_LINE_ERROR;
	}
}

enum mnw_line_status
mnw_lines_next(struct mnw_lines *lr, char **line, size_t *len)
{
	size_t scanned = 0;

	for (;;) {
		char *base = lr->buf + lr->start;
		size_t avail = lr->end - lr->start;
		char *nl = memchr(base + scanned, '\n', avail - scanned);

		if (nl != NULL || (lr->eof && avail > 0)) {
			size_t n = nl != NULL ? (size_t)(nl - base) : avail;

			lr->lineno++;
			if (n > lr->max) {
				lr->start += n + (nl != NULL);
				*len = n;
				return MNW_LINE_TOO_LONG;
			}
			/* At EOF without newline, fill() kept one byte free. */
			base[n] = '\0';
			lr->start += n + (nl != NULL);
			if (n > 0 && base[n - 1] == '\r')
				base[--n] = '\0';
			*line = base;
			*len = n;
			return MNW_LINE_OK;
		}
		if (lr->eof)
			return MNW_LINE_EOF;
		scanned = avail;
		if (avail > lr->max) {
			lr->lineno++;
			*len = 0;
			return skip_long(lr, len);
		}
		if (fill(lr) == -1)
			return MNW_LINE_ERROR;
		/* fill() moved the data to the front; rescan only new bytes. */
	}
}
