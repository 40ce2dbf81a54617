/*
 * mnw-parse: turn raw firewall log lines into event records.
 *
 * Each input line has its envelope (syslog, journal, kernel ring
 * buffer) taken off by lib/syslog.c.  Then it is offered to the format
 * parsers in the order of mnw_formats[] until one claims it.  Every
 * line ends up in exactly one of three counts.  An event is written to
 * stdout.  A skipped line is a format's header or status line, or an
 * empty line.  A rejected line gets a warning on stderr with its
 * reason, is counted by reason, and is copied to the -u file.  Nothing
 * is dropped silently.
 *
 * Limits: a line longer than -L bytes is never held in memory, only
 * counted and reported; a line with a NUL byte is rejected.  Warnings
 * are rate-limited per reason so that a file of garbage cannot flood
 * stderr, and the summary line at the end of each input has all counts.
 *
 * Speed: the output goes through one large stdio buffer, and the
 * parsers do no allocation per line.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mnw.h"
#include "parse.h"

#define SYNOPSIS "[-HhnqV] [-B boottime] [-f format] [-L maxlen] " \
	"[-r agent] [-u rejectfile] [-y reftime] [-z zone] [file ...]"

#ifndef MNW_VERSION
#define MNW_VERSION "0.1"
#endif

/* Warnings printed per reason and input before they are only counted. */
#define WARN_MAX 10
/* Distinct reasons counted per input; further ones share one count. */
#define REASONS_MAX 32
#define REASON_LEN 64
/* Bytes of a bad value or line shown in a warning. */
#define QUOTE_MAX 60
/* Maximum -L value: 1 GiB. */
#define LINE_MAX_LIMIT (1024LL * 1024 * 1024)
#define OUTBUF_SIZE (256 * 1024)
#define NFORMATS_MAX MNW_FORMATS_MAX	/* the size of mnw_parse_ctx.state[] */
/* The times an event record can hold: 0000-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z (four-digit years). */
#define RECORD_TIME_MIN (-62167219200LL)
#define RECORD_TIME_MAX 253402300799LL

struct reason_count {
	char text[REASON_LEN];
	int skipped;		/* 1 for a skip reason, 0 for a reject */
	unsigned long long n;
};

/* Slots of the table of format hints (a power of two). */
#define HINTS 256

/* Counts for one input. */
struct stats {
	unsigned long long lines, events, skipped, rejected;
	struct reason_count reasons[REASONS_MAX + 1];	/* last: overflow */
	size_t nreasons;
	size_t last_format;	/* index of the format of the last event */
	/* Format index + 1 of the last line claimed in each source_hint()
	 * slot, 0 for none.  The key is not stored, so a collision only
	 * costs speed. */
	unsigned char hint[HINTS];
};

struct options {
	const struct mnw_format *only;	/* -f, or NULL for all */
	const char *agent;
	size_t agentlen;
	size_t maxlen;
	int header;
	int quiet;
	int stamp;		/* -n: stamp lines that carry no time */
	int ref_given;		/* -y was given */
	FILE *rejects;
	const char *rejects_name;
	struct mnw_tz tz;
	time_t ref;
	int has_boot;
	time_t boot;
};

static unsigned long long total_events, total_rejected;
/* The stdout buffer: static, because stdout stays open until exit. */
static char outbuf[OUTBUF_SIZE];
/* The number of entries of mnw_formats[], counted once in main(). */
static size_t nformats;

static void
write_error(const char *name)
{
	mnw_err(MNW_EXIT_TEMP, "write error on %s", name);
}

/* Count one line under reason; returns how many lines had it so far. */
static unsigned long long
count_reason(struct stats *st, const char *reason, int skipped)
{
	struct reason_count *rc;
	size_t i;

	for (i = 0; i < st->nreasons; i++) {
		rc = &st->reasons[i];
		if (rc->skipped == skipped && strcmp(rc->text, reason) == 0)
			return ++rc->n;
	}
	if (st->nreasons < REASONS_MAX) {
		rc = &st->reasons[st->nreasons++];
		/* Reasons are short constant phrases; a longer one from a
		 * parser's buffer is cut at a byte boundary, which is only
		 * a label. */
		snprintf(rc->text, sizeof(rc->text), "%s", reason);
		rc->skipped = skipped;
	} else {
		rc = &st->reasons[REASONS_MAX];
		snprintf(rc->text, sizeof(rc->text), "other reasons");
	}
	return ++rc->n;
}

static void
count_skip(struct stats *st, const char *reason)
{
	st->skipped++;
	count_reason(st, reason, 1);
}

/*
 * Report a rejected line: a warning (the first WARN_MAX per reason),
 * the count, and a copy in the -u file as
 * "FILE<TAB>LINENO<TAB>REASON<TAB>LINE" with LINE escaped.
 */
static void
reject_line(struct stats *st, const struct options *o, const char *name,
    unsigned long long lineno, const char *reason, const char *value,
    size_t valuelen, const char *line, size_t len, const char *detail)
{
	unsigned long long n;
	char num[24];

	st->rejected++;
	n = count_reason(st, reason, 0);
	if (!o->quiet && n <= WARN_MAX) {
		if (detail != NULL)
			mnw_warnx("%s:%llu: %s (%s)",
			    mnw_quote(name, strlen(name), 200), lineno, reason,
			    detail);
		else if (value != NULL)
			mnw_warnx("%s:%llu: %s '%s'",
			    mnw_quote(name, strlen(name), 200), lineno, reason,
			    mnw_quote(value, valuelen, QUOTE_MAX));
		else
			mnw_warnx("%s:%llu: %s", mnw_quote(name, strlen(name),
			    200), lineno, reason);
		if (n == WARN_MAX)
			mnw_warnx("%s: further lines rejected for '%s' are "
			    "only counted", mnw_quote(name, strlen(name), 200),
			    mnw_quote(reason, strlen(reason), REASON_LEN));
	}
	if (o->rejects == NULL)
		return;
	snprintf(num, sizeof(num), "%llu", lineno);
	if (mnw_escape_write(o->rejects, name, strlen(name)) == -1 ||
	    putc('\t', o->rejects) == EOF ||
	    fputs(num, o->rejects) == EOF ||
	    putc('\t', o->rejects) == EOF ||
	    mnw_escape_write(o->rejects, reason, strlen(reason)) == -1 ||
	    putc('\t', o->rejects) == EOF ||
	    mnw_escape_write(o->rejects, line, len) == -1 ||
	    putc('\n', o->rejects) == EOF)
		write_error(mnw_quote(o->rejects_name,
		    strlen(o->rejects_name), 200));
}

/* "-- Logs begin at ... --", "-- Boot 0123... --", "-- No entries --". */
static int
is_journal_marker(const char *line, size_t len)
{
	return len >= 6 && memcmp(line, "-- ", 3) == 0 &&
	    memcmp(line + len - 3, " --", 3) == 0;
}

static int
is_blank(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

static void parse_line(struct mnw_parse_ctx *, const struct options *,
    struct stats *, const char *, size_t);

/*
 * Parse one line of input: a log line, or one or more octet-counted
 * frames.  Each frame is parsed and counted as a line of its own.  A
 * frame that runs past the end of the line (a newline inside the
 * message, or a stream cut short) is rejected.  The reader removed the
 * newline at the end of the line, so a last frame whose count includes
 * it is one byte short, and that is accepted.
 */
static void
parse_input_line(struct mnw_parse_ctx *ctx, const struct options *o,
    struct stats *st, char *line, size_t len)
{
	const char *p = line, *msg;
	size_t n = len, msglen, digits;
	char save;

	if (mnw_frame_header(line, len, &msglen) == 0) {
		parse_line(ctx, o, st, line, len);
		return;
	}
	for (int first = 1;; first = 0) {
		switch (mnw_frame_next(&p, &n, &msg, &msglen)) {
		case MNW_FRAME_END:
			return;
		case MNW_FRAME_CUT:
			if (!first)
				st->lines++;
			for (digits = 0; p[digits] != ' '; digits++)
				;
			reject_line(st, o, ctx->file, ctx->lineno,
			    "octet-counted frame cut short", p, digits, line,
			    len, NULL);
			return;
		case MNW_FRAME_TRAILING:
			st->lines++;
			reject_line(st, o, ctx->file, ctx->lineno,
			    "text after the last octet-counted frame", p, n,
			    line, len, NULL);
			return;
		case MNW_FRAME_OK:
			break;
		}
		if (!first)
			st->lines++;
		/* parse_line wants a NUL-terminated line; msg lies in the
		 * writable line buffer. */
		save = line[msg - line + msglen];
		line[msg - line + msglen] = '\0';
		parse_line(ctx, o, st, msg, msglen);
		line[msg - line + msglen] = save;
	}
}

/*
 * The slot of a line's source in the hint table: its logging host, its
 * program tag and the first two bytes of its message.  In a stream that
 * mixes devices, lines with the same host and tag are nearly always of
 * one format, so the format that claimed the last such line is the
 * first one to offer the next.
 */
static size_t
source_hint(const struct mnw_envelope *env)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < env->hostlen; i++)
		h = (h ^ (unsigned char)env->host[i]) * 16777619u;
	h = (h ^ '\n') * 16777619u;
	for (i = 0; i < env->taglen; i++)
		h = (h ^ (unsigned char)env->tag[i]) * 16777619u;
	for (i = 0; i < env->msglen && i < 2; i++)
		h = (h ^ (unsigned char)env->msg[i]) * 16777619u;
	return (size_t)(h ^ (h >> 16)) & (HINTS - 1);
}

/* The message is the kernel's: its tag, or the ring buffer's stamp. */
static int
is_kernel(const struct mnw_envelope *env)
{
	return (env->taglen == 6 && memcmp(env->tag, "kernel", 6) == 0) ||
	    (env->taglen == 11 && memcmp(env->tag, "mach_kernel", 11) == 0) ||
	    (env->kind != NULL && strcmp(env->kind, "kernel") == 0);
}

/* Return 1 if the n bytes at s contain the string lit. */
static int
has_text(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit), i;

	for (i = 0; i + l <= n; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, l) == 0)
			return 1;
	return 0;
}

/* Offer one line to the formats and write its event. */
static void
parse_line(struct mnw_parse_ctx *ctx, const struct options *o,
    struct stats *st, const char *line, size_t len)
{
	struct mnw_envelope env;
	struct mnw_event ev;
	const struct mnw_format *fmt = NULL;
	const char *reason = NULL, *value = NULL;
	size_t valuelen = 0, i, slot, first;
	int stamped = 0;
	enum mnw_parse_result r = MNW_PARSE_NO;

	if (is_blank(line, len)) {
		count_skip(st, "empty line");
		return;
	}
	if (memchr(line, '\0', len) != NULL) {
		reject_line(st, o, ctx->file, ctx->lineno, "NUL byte in line",
		    NULL, 0, line, len, NULL);
		return;
	}

	mnw_envelope_parse(&env, line, len, ctx);
	if (env.taglen == 0 && env.hostlen == 0 && !env.has_time &&
	    is_journal_marker(line, len)) {
		count_skip(st, "journal marker line");
		return;
	}

	/*
	 * The format that claimed the last line from the same host and
	 * tag (source_hint()) is offered the line first.  Without one, the
	 * format of the last event goes first, since most streams are in
	 * one format.  On NO the others follow in table order.  The formats'
	 * signatures do not overlap, so the order changes the speed, not
	 * which parser claims a line.
	 */
	slot = source_hint(&env);
	first = st->hint[slot] != 0 ? (size_t)st->hint[slot] - 1 :
	    st->last_format;
	for (size_t k = 0; k <= nformats; k++) {
		if (k == 0)
			i = first;
		else if ((i = k - 1) == first)
			continue;
		if (o->only != NULL && mnw_formats[i] != o->only)
			continue;
		mnw_event_init(&ev);
		ev.time = env.has_time ? env.time : MNW_TIME_UNSET;
		memcpy(ev.host, env.host != NULL ? env.host : "", env.hostlen);
		ev.host[env.hostlen] = '\0';
		reason = NULL;
		value = NULL;
		valuelen = 0;
		r = mnw_formats[i]->parse(ctx, line, len, &env, &ev, &reason,
		    &value, &valuelen);
		if (r != MNW_PARSE_NO) {
			fmt = mnw_formats[i];
			st->hint[slot] = (unsigned char)(i + 1);
			if (r == MNW_PARSE_EVENT)
				st->last_format = i;
			break;
		}
	}

	switch (r) {
	case MNW_PARSE_NO:
		/* kern.log contains every kernel message, not only packet
		 * logs, and the other messages are skipped, not rejected.
		 * One with a key of a packet log may be a packet log cut
		 * short or damaged, so it stays a rejection. */
		if (o->only == NULL && is_kernel(&env) &&
		    !has_text(env.msg, env.msglen, "IN=") &&
		    !has_text(env.msg, env.msglen, "OUT=") &&
		    !has_text(env.msg, env.msglen, "SRC=")) {
			count_skip(st, "kernel message that is no packet log");
			return;
		}
		reject_line(st, o, ctx->file, ctx->lineno, o->only != NULL ?
		    "not in the requested format" : "unknown format", line,
		    len, line, len, NULL);
		return;
	case MNW_PARSE_SKIP:
		count_skip(st, reason != NULL ? reason : "not an event");
		return;
	case MNW_PARSE_REJECT:
		reject_line(st, o, ctx->file, ctx->lineno,
		    reason != NULL ? reason : "invalid line", value, valuelen,
		    line, len, NULL);
		return;
	case MNW_PARSE_EVENT:
		break;
	}

	/* Neither the envelope nor the parser found a time.  With -n the
	 * line gets the time it is read (or the -y time), as a syslog relay
	 * stamps a message that arrives without one (RFC 3164, 4.3.2).
	 * Cisco ASA sends its messages without a time by default. */
	if (ev.time == MNW_TIME_UNSET) {
		if (!o->stamp) {
			reject_line(st, o, ctx->file, ctx->lineno,
			    "missing time stamp", NULL, 0, line, len, NULL);
			return;
		}
		ev.time = o->ref_given ? o->ref : time(NULL);
		stamped = 1;
	}
	/* A far-off stamp (epoch seconds, an uptime added to -B) cannot
	 * be written as a record that the next program reads back. */
	if ((long long)ev.time < RECORD_TIME_MIN ||
	    (long long)ev.time > RECORD_TIME_MAX) {
		reject_line(st, o, ctx->file, ctx->lineno,
		    "time stamp out of range", NULL, 0, line, len, NULL);
		return;
	}
	if (ev.src.family == 0) {
		reject_line(st, o, ctx->file, ctx->lineno,
		    "missing source address", NULL, 0, line, len, NULL);
		return;
	}
	/* Both lengths were checked: the agent by agent_valid(), format
	 * names are constants of at most MNW_FORMAT_MAX bytes. */
	memcpy(ev.agent, o->agent, o->agentlen + 1);
	for (i = 0; fmt->name[i] != '\0'; i++)
		ev.format[i] = fmt->name[i];
	ev.format[i] = '\0';
	ev.digest = mnw_digest(line, len);
	if (stamped) {
		/* The same message sent again later is a new event, not a
		 * line submitted twice.  So the time -n gave it goes into the
		 * digest, which mnw-dedupe compares. */
		char t[24];
		int tn = snprintf(t, sizeof(t), "%lld", (long long)ev.time);

		ev.digest = mnw_digest_continue(ev.digest, t, (size_t)tn);
	}
	if (mnw_event_write(stdout, &ev) == -1)
		write_error("standard output");
	st->events++;
}

static void
print_summary(const char *name, const struct stats *st)
{
	/* Room for every reason: each is at most REASON_LEN bytes, and
	 * mnw_quote() writes at most 4 bytes per byte. */
	char buf[(REASONS_MAX + 1) * (4 * REASON_LEN + 32) + 128];
	size_t o = 0, i;
	int pass, first, n;

	n = snprintf(buf, sizeof(buf), "%llu lines, %llu events, "
	    "%llu skipped", st->lines, st->events, st->skipped);
	o = (size_t)n;
	for (pass = 1; pass >= 0; pass--) {
		if (pass == 0) {
			n = snprintf(buf + o, sizeof(buf) - o, ", %llu rejected",
			    st->rejected);
			if (n > 0 && (size_t)n < sizeof(buf) - o)
				o += (size_t)n;
		}
		first = 1;
		for (i = 0; i <= REASONS_MAX; i++) {
			const struct reason_count *rc = &st->reasons[i];

			if (rc->n == 0 || (i < REASONS_MAX &&
			    rc->skipped != pass))
				continue;
			if (i == REASONS_MAX && pass == 1)
				continue;	/* overflow is listed once */
			n = snprintf(buf + o, sizeof(buf) - o, "%s%llu %s",
			    first ? " (" : ", ", rc->n,
			    mnw_quote(rc->text, strlen(rc->text), REASON_LEN));
			if (n < 0 || (size_t)n >= sizeof(buf) - o)
				break;
			o += (size_t)n;
			first = 0;
		}
		if (!first && o + 1 < sizeof(buf)) {
			buf[o++] = ')';
			buf[o] = '\0';
		}
	}
	mnw_warnx("%s: %s", mnw_quote(name, strlen(name), 200), buf);
}

/*
 * Parse one input.  Returns 0, MNW_EXIT_NOINPUT if it cannot be
 * opened, or MNW_EXIT_TEMP on a read error.
 */
static int
parse_file(const char *path, const struct options *o)
{
	struct mnw_parse_ctx ctx;
	struct mnw_lines lr;
	struct stats st;
	struct stat sb;
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	FILE *fp = stdin;
	char *line;
	size_t len, i;
	int status = 0;

	if (strcmp(path, "-") != 0) {
		if ((fp = fopen(path, "r")) == NULL) {
			mnw_warn("%s", mnw_quote(path, strlen(path), 200));
			return MNW_EXIT_NOINPUT;
		}
		if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
			mnw_warnx("%s: is a directory",
			    mnw_quote(path, strlen(path), 200));
			fclose(fp);
			return MNW_EXIT_NOINPUT;
		}
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.tz = o->tz;
	ctx.ref = o->ref;
	ctx.has_boot = o->has_boot;
	ctx.boot = o->boot;
	ctx.agent = o->agent;
	ctx.file = name;
	memset(&st, 0, sizeof(st));

	mnw_lines_init(&lr, fp, name, o->maxlen);
	for (;;) {
		enum mnw_line_status ls = mnw_lines_next(&lr, &line, &len);

		if (ls == MNW_LINE_EOF)
			break;
		if (ls == MNW_LINE_ERROR) {
			mnw_warn("%s: read error",
			    mnw_quote(name, strlen(name), 200));
			status = MNW_EXIT_TEMP;
			break;
		}
		st.lines++;
		ctx.lineno = lr.lineno;
		if (ls == MNW_LINE_TOO_LONG) {
			char detail[80];

			/* The line is not in memory: the -u file gets an
			 * empty line field ("-"). */
			snprintf(detail, sizeof(detail), "%zu bytes, maximum "
			    "%zu, see option -L", len, o->maxlen);
			reject_line(&st, o, name, lr.lineno, "line too long",
			    NULL, 0, "", 0, detail);
			continue;
		}
		parse_input_line(&ctx, o, &st, line, len);
	}
	mnw_lines_free(&lr);
	if (fp != stdin)
		fclose(fp);
	for (i = 0; mnw_formats[i] != NULL && i < NFORMATS_MAX; i++)
		if (ctx.state[i] != NULL && mnw_formats[i]->free_state != NULL)
			mnw_formats[i]->free_state(ctx.state[i]);

	if (!o->quiet || st.rejected > 0)
		print_summary(name, &st);
	total_events += st.events;
	total_rejected += st.rejected;
	return status;
}

/* A time option: epoch seconds or an ISO 8601 time (local to -z). */
static time_t
option_time(const char *s, const struct mnw_tz *tz, time_t now,
    const char *what)
{
	time_t t;
	size_t len = strlen(s);

	if (len == 0 || mnw_time_parse_any(s, len, tz, now, &t) != len)
		mnw_errx(MNW_EXIT_USAGE, "invalid %s '%s' (expected seconds "
		    "since 1970 or a time like 2026-12-04T19:10:59Z)", what,
		    mnw_quote(s, len, 60));
	return t;
}

/* Agent ids go into records and later into file names and reports. */
static int
agent_valid(const char *s)
{
	size_t i, len = strlen(s);

	if (len == 0 || len > MNW_AGENT_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_'))
			return 0;
	}
	return s[0] != '.' && s[0] != '-';
}

static const char *
default_agent(void)
{
	static char host[256];

	if (gethostname(host, sizeof(host)) == -1)
		return "local";
	host[sizeof(host) - 1] = '\0';
	return agent_valid(host) ? host : "local";
}

/* The zone for times written without one: TZ, the system's, or UTC. */
static void
default_zone(struct mnw_tz *tz)
{
	const char *env = getenv("TZ");

	if (env != NULL && *env == ':')
		env++;
	if (env != NULL && *env != '\0' && mnw_tz_parse(tz, env) == 0)
		return;
	if (mnw_tz_parse(tz, "localtime") == 0)
		return;
	mnw_tz_parse(tz, "UTC");
}

static void
list_formats(FILE *fp)
{
	size_t i;

	for (i = 0; mnw_formats[i] != NULL; i++)
		fprintf(fp, "%s%s", i > 0 ? ", " : "", mnw_formats[i]->name);
}

static void
help(void)
{
	size_t i;

	printf("usage: %s %s\n\n"
	    "  -B boottime   boot time for kernel ring buffer lines\n"
	    "  -f format     take only lines of this format\n"
	    "  -H            write no header line\n"
	    "  -h            print this help and exit\n"
	    "  -L maxlen     longest line in bytes (default %d)\n"
	    "  -n            give lines without a time stamp the time they "
	    "are read\n"
	    "  -q            no per-line warnings; summary only for inputs "
	    "with rejected lines\n"
	    "  -r agent      agent id in the records (default: host name)\n"
	    "  -u file       write rejected lines to file\n"
	    "  -V            print the version and exit\n"
	    "  -y reftime    time the logs were read, for years (default: "
	    "now)\n"
	    "  -z zone       zone of times written without one (default: "
	    "TZ or the system's)\n\nformats:\n", mnw_progname, SYNOPSIS,
	    MNW_LINE_MAX_DEFAULT);
	for (i = 0; mnw_formats[i] != NULL; i++)
		printf("  %-12s  %s\n", mnw_formats[i]->name,
		    mnw_formats[i]->description);
	if (fflush(stdout) == EOF || ferror(stdout))
		write_error("standard output");
	exit(MNW_EXIT_OK);
}

int
main(int argc, char *argv[])
{
	struct options o;
	const char *boot_opt = NULL, *ref_opt = NULL, *zone_opt = NULL;
	const char *errstr;
	long long v;
	time_t now = time(NULL);
	int ch, i, status = 0, s;

	mnw_setprogname(argv[0]);
	/* getopt's own messages name argv[0]: make it the short name. */
	argv[0] = (char *)mnw_progname;
	for (i = 0; mnw_formats[i] != NULL; i++)
		if (strlen(mnw_formats[i]->name) > MNW_FORMAT_MAX ||
		    i >= NFORMATS_MAX)
			mnw_errx(MNW_EXIT_SOFTWARE, "format table: name '%s' "
			    "too long or too many formats",
			    mnw_formats[i]->name);
	nformats = (size_t)i;
	memset(&o, 0, sizeof(o));
	o.header = 1;
	o.maxlen = MNW_LINE_MAX_DEFAULT;

	while ((ch = getopt(argc, argv, "B:f:HhL:nqr:u:Vy:z:")) != -1) {
		switch (ch) {
		case 'B':
			boot_opt = optarg;
			break;
		case 'f':
			if ((o.only = mnw_format_find(optarg)) == NULL) {
				mnw_warnx("unknown format '%s'",
				    mnw_quote(optarg, strlen(optarg), 40));
				fprintf(stderr, "%s: formats: ", mnw_progname);
				list_formats(stderr);
				fputc('\n', stderr);
				exit(MNW_EXIT_USAGE);
			}
			break;
		case 'H':
			o.header = 0;
			break;
		case 'h':
			help();
			break;
		case 'L':
			if (mnw_strtonum(optarg, 16, LINE_MAX_LIMIT, &v,
			    &errstr) == -1)
				mnw_errx(MNW_EXIT_USAGE, "maximum line length "
				    "'%s' is %s (16 to %lld bytes)",
				    mnw_quote(optarg, strlen(optarg), 40),
				    errstr, LINE_MAX_LIMIT);
			o.maxlen = (size_t)v;
			break;
		case 'n':
			o.stamp = 1;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'r':
			if (!agent_valid(optarg))
				mnw_errx(MNW_EXIT_USAGE, "invalid agent id "
				    "'%s' (1 to %d letters, digits, '.', '-' "
				    "or '_', not starting with '.' or '-')",
				    mnw_quote(optarg,
				    strlen(optarg), 80), MNW_AGENT_MAX);
			o.agent = optarg;
			break;
		case 'u':
			o.rejects_name = optarg;
			break;
		case 'V':
			printf("mnw-parse %s\n", MNW_VERSION);
			if (fflush(stdout) == EOF || ferror(stdout))
				write_error("standard output");
			exit(MNW_EXIT_OK);
		case 'y':
			ref_opt = optarg;
			break;
		case 'z':
			zone_opt = optarg;
			break;
		default:
			mnw_usage(SYNOPSIS);
		}
	}
	argc -= optind;
	argv += optind;

	if (zone_opt != NULL) {
		if (mnw_tz_parse(&o.tz, zone_opt) == -1)
			mnw_errx(MNW_EXIT_USAGE, "invalid time zone '%s' "
			    "(expected UTC, an offset like +01:00 or a "
			    "zoneinfo name like Europe/Berlin)",
			    mnw_quote(zone_opt, strlen(zone_opt), 60));
	} else
		default_zone(&o.tz);
	o.ref_given = ref_opt != NULL;
	o.ref = ref_opt != NULL ? option_time(ref_opt, &o.tz, now,
	    "reference time") : now;
	if (boot_opt != NULL) {
		o.has_boot = 1;
		o.boot = option_time(boot_opt, &o.tz, now, "boot time");
	}
	if (o.agent == NULL)
		o.agent = default_agent();
	o.agentlen = strlen(o.agent);

	/* A closed pipe must show up as a write error, not kill us
	 * silently: the caller needs exit status 75. */
	signal(SIGPIPE, SIG_IGN);

	if (o.rejects_name != NULL &&
	    (o.rejects = fopen(o.rejects_name, "w")) == NULL)
		mnw_err(MNW_EXIT_TEMP, "%s", mnw_quote(o.rejects_name,
		    strlen(o.rejects_name), 200));
	/* glibc (2.36, seen with strace) ignores the size when the buffer
	 * is NULL and keeps st_blksize, a write(2) per 4 KiB here. */
	setvbuf(stdout, outbuf, _IOFBF, OUTBUF_SIZE);
	if (o.header)
		mnw_header_write(stdout, MNW_EVENT_TYPE, MNW_EVENT_VERSION,
		    mnw_event_columns);

	if (argc == 0) {
		status = parse_file("-", &o);
	} else {
		for (i = 0; i < argc; i++) {
			s = parse_file(argv[i], &o);
			/* A temporary failure outranks a missing input. */
			if (s != 0 && status != MNW_EXIT_TEMP)
				status = s;
		}
	}

	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF)
		write_error("standard output");
	if (o.rejects != NULL && (fflush(o.rejects) == EOF ||
	    ferror(o.rejects) || fclose(o.rejects) == EOF))
		write_error(mnw_quote(o.rejects_name, strlen(o.rejects_name),
		    200));

	if (status != 0)
		return status;
	if (total_events > 0)
		return MNW_EXIT_OK;
	return total_rejected > 0 ? MNW_EXIT_DATA : MNW_EXIT_NOTHING;
}
