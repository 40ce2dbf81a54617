/*
 * parse-stream.h: the part of mnw-parse's per-line path that the parse
 * fuzz harnesses share (fuzz-parse.c, fuzz-parse-format.c).
 *
 * The input is read as a log stream through the line reader, the
 * envelope step and the format parsers.  One parse context serves the
 * whole input, so that state kept across lines (the Windows Firewall
 * #Fields header) is fuzzed too.  Besides "no crash, no leak, no
 * undefined behaviour", every result is checked against what
 * mnw-parse relies on, and a broken promise aborts:
 *
 *   - a reason or value is readable, a value is no longer than the
 *     line, and its quoted form (what the warning shows) holds no
 *     control byte;
 *   - an event has fields in range; written as a record it is one line
 *     of 14 fields without control bytes, and reading that line back
 *     gives the same fields.
 */
#ifndef MNW_FUZZ_PARSE_STREAM_H
#define MNW_FUZZ_PARSE_STREAM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnw.h"
#include "parse.h"

/* Line length limit of the stream, small so that the over-long path
 * of the line reader is reached by inputs of fuzzer size. */
#define FUZZ_LINE_MAX 2048

/* Name the broken promise on stderr, then abort for libFuzzer. */
static void
fuzz_fail(const char *format, const char *what)
{
	fprintf(stderr, "fuzz: format %s: %s\n", format, what);
	abort();
}

static void
fuzz_require_printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			abort();
}

/* The -u file and the warning quote the reason and the value. */
static void
fuzz_check_verdict(const char *format, size_t len, const char *reason,
    const char *value, size_t valuelen)
{
	if (reason != NULL)
		fuzz_require_printable(mnw_quote(reason, strlen(reason), 64));
	if (value == NULL)
		return;
	/* parse.h specifies a pointer into the line, but a parser that
	 * decodes a field (JSON escapes) may point into its own buffer.
	 * Either way all valuelen bytes must be readable (AddressSanitizer
	 * checks the digest's reads), and decoding never makes a value
	 * longer than the line. */
	if (valuelen > len)
		fuzz_fail(format, "value longer than the line");
	(void)mnw_digest(value, valuelen);
	fuzz_require_printable(mnw_quote(value, valuelen, 60));
}

static void
fuzz_check_fields(const char *format, const struct mnw_event *ev)
{
	if (ev->src.family != 4 && ev->src.family != 6)
		fuzz_fail(format, "event field out of range");
	if (ev->dst.family != 0 && ev->dst.family != ev->src.family)
		fuzz_fail(format, "event field out of range");
	if (ev->sport < -1 || ev->sport > 65535 || ev->dport < -1 ||
	    ev->dport > 65535)
		fuzz_fail(format, "event field out of range");
	if (ev->proto < -1 || ev->proto > 255 || ev->icmp_type < -1 ||
	    ev->icmp_type > 255 || ev->icmp_code < -1 ||
	    ev->icmp_code > 255)
		fuzz_fail(format, "event field out of range");
	if (ev->tcpflags < -1 || ev->tcpflags > 255 || ev->count < 1)
		fuzz_fail(format, "event field out of range");
	if (ev->action < MNW_ACTION_UNKNOWN || ev->action > MNW_ACTION_AUTHFAIL)
		fuzz_fail(format, "event field out of range");
	if (memchr(ev->host, '\0', sizeof(ev->host)) == NULL)
		fuzz_fail(format, "event field out of range");
}

/* Write the event as mnw-parse does and read the record back. */
static void
fuzz_check_record(const struct mnw_event *ev)
{
	struct mnw_event back;
	char *buf = NULL, *nl;
	size_t size = 0, i;
	const char *reason;
	int field, tabs = 0;
	FILE *fp;

	if ((fp = open_memstream(&buf, &size)) == NULL)
		abort();
	if (mnw_event_write(fp, ev) == -1 || fclose(fp) == EOF)
		fuzz_fail(ev->format, "event write failed");
	nl = memchr(buf, '\n', size);
	if (nl == NULL || nl != buf + size - 1)
		fuzz_fail(ev->format, "record is not one line");
	for (i = 0; i + 1 < size; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\t')
			tabs++;
		else if (c < 0x20 || c == 0x7f)
			fuzz_fail(ev->format, "control byte in record");
	}
	if (tabs != MNW_EVENT_NFIELDS - 1)
		fuzz_fail(ev->format, "wrong number of fields in record");
	*nl = '\0';
	if (mnw_event_parse(&back, buf, (size_t)(nl - buf), &reason,
	    &field) == -1) {
		fprintf(stderr, "fuzz: record field %d: %s\n", field, reason);
		fuzz_fail(ev->format, "record does not read back");
	}
	if (back.time != ev->time || !mnw_addr_equal(&back.src, &ev->src) ||
	    back.sport != ev->sport || back.dport != ev->dport ||
	    back.proto != ev->proto || back.icmp_type != ev->icmp_type ||
	    back.tcpflags != ev->tcpflags || back.action != ev->action ||
	    back.count != ev->count || back.digest != ev->digest ||
	    strcmp(back.host, ev->host) != 0)
		fuzz_fail(ev->format, "record reads back different");
	if (ev->dst.family != 0 && !mnw_addr_equal(&back.dst, &ev->dst))
		fuzz_fail(ev->format, "target reads back different");
	free(buf);
}

/*
 * One line, as parse_line() in mnw-parse offers it: the envelope, then
 * each format (or only the format `only`) until one claims the line.
 */
static void
fuzz_parse_line(struct mnw_parse_ctx *ctx, const struct mnw_format *only,
    const char *line, size_t len)
{
	struct mnw_envelope env;
	struct mnw_event ev;
	const struct mnw_format *fmt = NULL;
	enum mnw_parse_result r = MNW_PARSE_NO;
	const char *reason, *value;
	size_t valuelen, i;

	if (memchr(line, '\0', len) != NULL)
		return;		/* rejected before any parser sees it */
	mnw_envelope_parse(&env, line, len, ctx);
	if (env.msg < line || env.msglen > (size_t)(line + len - env.msg) ||
	    env.hostlen > MNW_HOST_MAX ||
	    (env.hostlen > 0 && (env.host < line ||
	    env.hostlen > (size_t)(line + len - env.host))) ||
	    (env.taglen > 0 && (env.tag < line ||
	    env.taglen > (size_t)(line + len - env.tag))))
		abort();

	for (i = 0; mnw_formats[i] != NULL; i++) {
		if (only != NULL && mnw_formats[i] != only)
			continue;
		mnw_event_init(&ev);
		ev.time = env.has_time ? env.time : MNW_TIME_UNSET;
		if (env.hostlen > 0)
			memcpy(ev.host, env.host, env.hostlen);
		ev.host[env.hostlen] = '\0';
		reason = value = NULL;
		valuelen = 0;
		r = mnw_formats[i]->parse(ctx, line, len, &env, &ev, &reason,
		    &value, &valuelen);
		if (r != MNW_PARSE_NO) {
			fmt = mnw_formats[i];
			break;
		}
	}
	if (r == MNW_PARSE_SKIP || r == MNW_PARSE_REJECT)
		fuzz_check_verdict(fmt->name, len, reason, value, valuelen);
	if (r != MNW_PARSE_EVENT)
		return;
	/* mnw-parse's own checks before it writes an event. */
	if (ev.time == MNW_TIME_UNSET || ev.src.family == 0 ||
	    (long long)ev.time < -62167219200LL ||
	    (long long)ev.time > 253402300799LL)
		return;
	fuzz_check_fields(fmt->name, &ev);
	memcpy(ev.agent, "fuzz", 5);
	if (strlen(fmt->name) > MNW_FORMAT_MAX)
		abort();
	memcpy(ev.format, fmt->name, strlen(fmt->name) + 1);
	ev.digest = mnw_digest(line, len);
	fuzz_check_record(&ev);
}

/*
 * Parse one line of the stream as mnw-parse does: a log line, or the
 * octet-counted frames it holds, each as a line of its own.  A frame
 * must lie inside the line.
 */
static void
fuzz_parse_input_line(struct mnw_parse_ctx *ctx,
    const struct mnw_format *only, char *line, size_t len)
{
	const char *p = line, *msg;
	size_t n = len, msglen;
	char save;

	if (mnw_frame_header(line, len, &msglen) == 0) {
		fuzz_parse_line(ctx, only, line, len);
		return;
	}
	while (mnw_frame_next(&p, &n, &msg, &msglen) == MNW_FRAME_OK) {
		if (msg < line || msglen == 0 || msg + msglen > line + len ||
		    p != msg + msglen || n != (size_t)(line + len - p))
			abort();
		save = line[msg - line + msglen];
		line[msg - line + msglen] = '\0';
		fuzz_parse_line(ctx, only, msg, msglen);
		line[msg - line + msglen] = save;
	}
}

/* Parse size bytes at data as one input file of mnw-parse. */
static void
fuzz_parse_stream(const struct mnw_format *only, const uint8_t *data,
    size_t size)
{
	struct mnw_parse_ctx ctx;
	struct mnw_lines lr;
	char *line;
	size_t len, i;
	FILE *fp;

	/* fmemopen cannot open an empty buffer on every libc. */
	if (size == 0)
		return;
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		abort();
	memset(&ctx, 0, sizeof(ctx));
	if (mnw_tz_parse(&ctx.tz, "+01:00") == -1)
		abort();
	ctx.ref = 1796410800;		/* 2026-12-04T19:00:00Z */
	ctx.has_boot = 1;
	ctx.boot = 1796400000;
	ctx.agent = "fuzz";
	ctx.file = "fuzz";
	mnw_lines_init(&lr, fp, "fuzz", FUZZ_LINE_MAX);
	for (;;) {
		enum mnw_line_status ls = mnw_lines_next(&lr, &line, &len);

		if (ls == MNW_LINE_EOF || ls == MNW_LINE_ERROR)
			break;
		ctx.lineno = lr.lineno;
		if (ls == MNW_LINE_OK)
			fuzz_parse_input_line(&ctx, only, line, len);
	}
	mnw_lines_free(&lr);
	fclose(fp);
	for (i = 0; mnw_formats[i] != NULL && i < MNW_FORMATS_MAX; i++)
		if (ctx.state[i] != NULL && mnw_formats[i]->free_state != NULL)
			mnw_formats[i]->free_state(ctx.state[i]);
}

#endif
