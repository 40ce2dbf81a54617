/*
 * evread.h: read event records from files or stdin, for the programs
 * that consume them (mnw-dedupe, mnw-correlate).
 *
 * The reader implements the rules every consumer shares.  A
 * "#mnw-event/1" header is accepted.  A header of another record type
 * ends that input with exit status MNW_EXIT_DATA.  Other '#' lines and
 * empty lines are skipped.  Every line that is not a valid event is
 * reported as "PROG: FILE:LINE: REASON 'VALUE'", counted, and written
 * to the rejects file if there is one, in the format of mnw-parse -u:
 * "FILE<TAB>LINENO<TAB>REASON<TAB>LINE" with each field escaped.  As in
 * mnw-parse, only the first MNW_EVREAD_WARN_MAX warnings per reason and
 * input are printed, and the rest are only counted.
 */
#ifndef MNW_EVREAD_H
#define MNW_EVREAD_H

#include <stdio.h>

#include "mnw.h"

#define MNW_EVREAD_WARN_MAX 10
#define MNW_EVREAD_REASONS 32

struct mnw_evread {
	char **files;		/* input names, "-" for stdin */
	int nfiles;
	int next;		/* index of the next file to open */
	FILE *fp;		/* current input, NULL between files */
	const char *name;	/* its name for messages */
	struct mnw_lines lr;
	char *copy;		/* the current line as read, for messages */
	size_t copycap;
	FILE *rejects;		/* invalid lines go here, or NULL */
	const char *rejects_name;
	int quiet;		/* no per-line warnings */
	struct {
		const char *reason;	/* a string constant */
		unsigned long long n;
	} reasons[MNW_EVREAD_REASONS];	/* warnings of the current input */
	int nreasons;

	unsigned long long events;	/* valid events returned */
	unsigned long long rejected;	/* invalid lines, reported */
	int status;		/* worst MNW_EXIT_* so far, 0 if none */
};

/*
 * Prepare to read files[0..nfiles) in order, or stdin if nfiles is 0.
 * rejects may be NULL.
 */
void mnw_evread_init(struct mnw_evread *r, char **files, int nfiles,
    FILE *rejects, const char *rejects_name);
/*
 * Read the next valid event into *ev.  Returns 1, or 0 when all input
 * is read.  An input that cannot be opened or read is reported and
 * skipped (status MNW_EXIT_NOINPUT or MNW_EXIT_TEMP), and a wrong
 * header ends its input (MNW_EXIT_DATA).
 */
int mnw_evread_next(struct mnw_evread *r, struct mnw_event *ev);
/*
 * Close the current input.  Returns the reader's status, or
 * MNW_EXIT_TEMP if the rejects file could not be written.
 */
int mnw_evread_end(struct mnw_evread *r);

#endif
