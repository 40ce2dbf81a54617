/*
 * parse.h: the log format parsers behind mnw-parse.
 *
 * A raw log line goes through two steps.  First the envelope is taken
 * off (syslog.c): a BSD syslog, RFC 5424 or journalctl header gives the
 * time, the logging host and the program tag; the rest is the message.
 * Then each format parser in mnw_formats[] is offered the line and its
 * message in turn until one claims it.  A parser reads fields at fixed
 * positions of text that the firewall writes; it never scans free text
 * for something that looks like an address.
 */
#ifndef MNW_PARSE_H
#define MNW_PARSE_H

#include "mnw.h"

/* The maximum number of formats in mnw_formats[] (the size of state[]). */
#define MNW_FORMATS_MAX 64

/* The result of the envelope step.  Pointers point into the line. */
struct mnw_envelope {
	int has_time;
	time_t time;
	const char *host;	/* logging host, not NUL-terminated */
	size_t hostlen;		/* 0 if none */
	const char *tag;	/* program name without [pid] and ':' */
	size_t taglen;		/* 0 if none */
	const char *msg;	/* message after the header (or whole line) */
	size_t msglen;
	const char *kind;	/* "bsd-syslog", "rfc5424", "journal", "none" */
};

/* Settings for one input stream, plus state that formats keep across
 * lines of that stream (the W3C #Fields header of Windows Firewall). */
struct mnw_parse_ctx {
	struct mnw_tz tz;	/* for times written without a zone */
	time_t ref;		/* now: for syslog timestamps without year */
	int has_boot;		/* boot time given for kernel ring buffer */
	time_t boot;
	const char *agent;
	const char *file;	/* name for messages */
	unsigned long long lineno;
	void *state[MNW_FORMATS_MAX];	/* per-format stream state, by index */
};

/*
 * Take the envelope off line (len bytes, NUL-terminated, no NUL inside).
 * Always succeeds: a line without a recognised header gets kind "none"
 * and msg = the whole line.
 */
void mnw_envelope_parse(struct mnw_envelope *env, const char *line,
    size_t len, const struct mnw_parse_ctx *ctx);

/* Result of one format parser on one line. */
enum mnw_parse_result {
	MNW_PARSE_NO = 0,	/* not this format: try the next one */
	MNW_PARSE_EVENT,	/* *ev is filled */
	MNW_PARSE_SKIP,		/* this format's, but not an event (header,
				   status line): counted as skipped with reason */
	MNW_PARSE_REJECT,	/* this format's, but invalid: reason set */
};

struct mnw_format {
	const char *name;	/* as in -f and the format column */
	const char *description;
	/*
	 * Parse one line.  ev was initialised with mnw_event_init and
	 * carries the envelope's time and host; the parser fills the rest
	 * and may override time.  On SKIP or REJECT it sets *reason to a
	 * short lowercase phrase (a string constant or a buffer in the
	 * state) naming what was wrong and may set *value to the bad value
	 * (pointer into line, *valuelen bytes).
	 */
	enum mnw_parse_result (*parse)(struct mnw_parse_ctx *ctx,
	    const char *line, size_t len, const struct mnw_envelope *env,
	    struct mnw_event *ev, const char **reason,
	    const char **value, size_t *valuelen);
	void (*free_state)(void *state);
};

/*
 * The time of an event before a parser runs, when the envelope found
 * none.  It is below every time a record can contain, so it is never
 * taken for one.  0 is not used, because logs do contain the time
 * 1970-01-01T00:00:00Z (ipfilter's test output does).
 */
#define MNW_TIME_UNSET ((time_t)-0x7fffffffffffffffLL)

/* The result of mnw_frame_next(). */
enum mnw_frame_result {
	MNW_FRAME_OK,		/* *msg and *msglen set, *p advanced */
	MNW_FRAME_END,		/* nothing is left */
	MNW_FRAME_CUT,		/* the frame is longer than the rest of the
				   text; *p still points at its header */
	MNW_FRAME_TRAILING,	/* the rest of the text is no frame */
};

/*
 * Return the length of the RFC 6587 "LEN " header at p and set
 * *msglen, or return 0 if p does not start with one (frame.c).  '<'
 * and a digit must follow the header, so that a line of another
 * format that starts with a number is not taken for a frame.
 */
size_t mnw_frame_header(const char *p, size_t n, size_t *msglen);
/* Take the next frame off the *n bytes at *p. */
enum mnw_frame_result mnw_frame_next(const char **p, size_t *n,
    const char **msg, size_t *msglen);

/* All formats, in the order they are tried; NULL-terminated. */
extern const struct mnw_format *const mnw_formats[];
const struct mnw_format *mnw_format_find(const char *name);

#endif
