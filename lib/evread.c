/*
 * evread.c: the event record reader declared in evread.h.
 *
 * mnw_event_parse() splits the line in place, so the reader keeps a
 * copy of each line as read.  Messages quote the copy, and the rejects
 * file gets it whole, so that an operator can fix the lines and feed
 * them in again.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evread.h"

/* Bytes of a bad value shown in a message. */
#define QUOTE_MAX 80

void
mnw_evread_init(struct mnw_evread *r, char **files, int nfiles,
    FILE *rejects, const char *rejects_name)
{
	static char *stdin_only[] = { "-", NULL };

	memset(r, 0, sizeof *r);
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	r->files = files;
	r->nfiles = nfiles;
	r->rejects = rejects;
	r->rejects_name = rejects_name;
}

static void
raise_status(struct mnw_evread *r, int status)
{
	/* A temporary failure outranks bad data: the run is retried. */
	if (status == MNW_EXIT_TEMP || r->status == 0 ||
	    (r->status != MNW_EXIT_TEMP && status > r->status))
		r->status = status;
}

static void
close_input(struct mnw_evread *r)
{
	if (r->fp == NULL)
		return;
	r->nreasons = 0;
	mnw_lines_free(&r->lr);
	if (r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
}

/* Open the next input.  Returns 1, or 0 when there is none left. */
static int
open_next(struct mnw_evread *r)
{
	while (r->next < r->nfiles) {
		const char *file = r->files[r->next++];

		if (strcmp(file, "-") == 0) {
			r->fp = stdin;
			r->name = "stdin";
		} else if ((r->fp = fopen(file, "r")) == NULL) {
			mnw_warn("%s", mnw_quote(file, strlen(file), 200));
			raise_status(r, MNW_EXIT_NOINPUT);
			continue;
		} else {
			struct stat sb;

			if (fstat(fileno(r->fp), &sb) == 0 &&
			    S_ISDIR(sb.st_mode)) {
				mnw_warnx("%s: is a directory",
				    mnw_quote(file, strlen(file), 200));
				fclose(r->fp);
				r->fp = NULL;
				raise_status(r, MNW_EXIT_NOINPUT);
				continue;
			}
			r->name = file;
		}
		mnw_lines_init(&r->lr, r->fp, r->name, MNW_LINE_MAX_DEFAULT);
		return 1;
	}
	return 0;
}

static void
save_copy(struct mnw_evread *r, const char *line, size_t len)
{
	if (len + 1 > r->copycap) {
		r->copycap = len + 1 > 256 ? len + 1 : 256;
		r->copy = mnw_xrealloc(r->copy, r->copycap);
	}
	memcpy(r->copy, line, len);
	r->copy[len] = '\0';
}

/* Field number field (1-based) of the saved copy: start and length. */
static const char *
copy_field(const struct mnw_evread *r, size_t len, int field, size_t *flen)
{
	const char *p = r->copy, *end = r->copy + len, *tab;

	for (int i = 1; i < field; i++) {
		tab = memchr(p, '\t', (size_t)(end - p));
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	tab = memchr(p, '\t', (size_t)(end - p));
	*flen = (size_t)((tab != NULL ? tab : end) - p);
	return p;
}

/* Warnings so far for reason in the current input, this one included. */
static unsigned long long
count_reason(struct mnw_evread *r, const char *reason)
{
	int i;

	for (i = 0; i < r->nreasons; i++)
		if (strcmp(r->reasons[i].reason, reason) == 0)
			return ++r->reasons[i].n;
	if (i == MNW_EVREAD_REASONS)
		return MNW_EVREAD_WARN_MAX + 1;
	r->reasons[i].reason = reason;
	r->reasons[i].n = 1;
	r->nreasons++;
	return 1;
}

/*
 * Report a rejected line.  line is the copy as read (len bytes), or
 * NULL for a line too long to keep.  value is the part to quote.
 */
static void
reject(struct mnw_evread *r, const char *reason, const char *line, size_t len,
    const char *value, size_t vlen)
{
	const char *qname = mnw_quote(r->name, strlen(r->name), 200);
	unsigned long long n = count_reason(r, reason);
	char num[24];

	r->rejected++;
	if (!r->quiet && n <= MNW_EVREAD_WARN_MAX) {
		if (value != NULL)
			mnw_warnx("%s:%llu: %s '%s'", qname, r->lr.lineno,
			    reason, mnw_quote(value, vlen, QUOTE_MAX));
		else
			mnw_warnx("%s:%llu: %s", qname, r->lr.lineno, reason);
		if (n == MNW_EVREAD_WARN_MAX)
			mnw_warnx("%s: further lines rejected for '%s' are "
			    "only counted", qname, reason);
	}
	if (r->rejects == NULL)
		return;
	snprintf(num, sizeof num, "%llu", r->lr.lineno);
	mnw_escape_write(r->rejects, r->name, strlen(r->name));
	putc('\t', r->rejects);
	fputs(num, r->rejects);
	putc('\t', r->rejects);
	mnw_escape_write(r->rejects, reason, strlen(reason));
	putc('\t', r->rejects);
	if (line != NULL)
		mnw_escape_write(r->rejects, line, len);
	else
		putc('-', r->rejects);
	putc('\n', r->rejects);
}

/* Reject the saved copy, quoting field (1-based, 0 for the whole line). */
static void
reject_copy(struct mnw_evread *r, size_t len, const char *reason, int field)
{
	const char *value = r->copy;
	size_t vlen = len;

	if (field > 0)
		value = copy_field(r, len, field, &vlen);
	reject(r, reason, r->copy, len, value, vlen);
}

int
mnw_evread_next(struct mnw_evread *r, struct mnw_event *ev)
{
	char errbuf[200], *line;
	const char *reason;
	size_t len;
	int field;

	for (;;) {
		if (r->fp == NULL && !open_next(r))
			return 0;
		switch (mnw_lines_next(&r->lr, &line, &len)) {
		case MNW_LINE_OK:
			break;
		case MNW_LINE_EOF:
			close_input(r);
			continue;
		case MNW_LINE_TOO_LONG:
			/* The line was never held in memory, so the
			 * rejects file gets "-" in place of it. */
			reject(r, "line too long", NULL, 0, NULL, 0);
			continue;
		case MNW_LINE_ERROR:
			mnw_warn("%s: read error", mnw_quote(r->name,
			    strlen(r->name), 200));
			raise_status(r, MNW_EXIT_TEMP);
			close_input(r);
			continue;
		}
		if (len == 0)
			continue;
		save_copy(r, line, len);
		if (memchr(line, '\0', len) != NULL) {
			reject_copy(r, len, "NUL byte in line", 0);
			continue;
		}
		if (line[0] == '#') {
			switch (mnw_header_check(line, MNW_EVENT_TYPE,
			    MNW_EVENT_VERSION, errbuf, sizeof errbuf)) {
			case -1:
				mnw_warnx("%s:%llu: %s; rest of input not read",
				    mnw_quote(r->name, strlen(r->name), 200),
				    r->lr.lineno, errbuf);
				raise_status(r, MNW_EXIT_DATA);
				close_input(r);
				continue;
			default:
				continue;
			}
		}
		if (mnw_event_parse(ev, line, len, &reason, &field) == -1) {
			reject_copy(r, len, reason, field);
			continue;
		}
		r->events++;
		return 1;
	}
}

int
mnw_evread_end(struct mnw_evread *r)
{
	close_input(r);
	free(r->copy);
	r->copy = NULL;
	r->copycap = 0;
	if (r->rejects != NULL && (fflush(r->rejects) == EOF ||
	    ferror(r->rejects))) {
		mnw_warn("%s: write error", r->rejects_name != NULL ?
		    mnw_quote(r->rejects_name, strlen(r->rejects_name), 200) :
		    "rejects");
		raise_status(r, MNW_EXIT_TEMP);
	}
	return r->status;
}
