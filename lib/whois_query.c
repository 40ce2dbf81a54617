/*
 * whois_query.c: WHOIS over TCP (RFC 3912), politeness, and the lookup
 * that walks from a registry to the network's own contact.
 *
 * Rules, each with its reason:
 *
 *  - Start at the regional registry that IANA's tables name for the
 *    address (a copy is built in below), because each registry is
 *    authoritative only for its own space.  Space that the
 *    table does not list goes to whois.iana.org, whose "refer:" line
 *    names the registry.
 *  - Follow ReferralServer (ARIN), refer (IANA), NetType "Transferred
 *    to X" (ARIN, when no ReferralServer is given) and mirrored national
 *    registry objects (APNIC "source: JPNIC") when the answer has no
 *    contact.  RWhois servers' own "%referral" lines are not followed:
 *    they point at the RWhois root, which knows no networks.
 *  - At most opt->hops servers per lookup, never the same server twice
 *    (a referral loop ends the walk and is reported).
 *  - Query style per server: ARIN reads a bare address as ambiguous,
 *    so it gets "n + ADDR" (networks only, "+" for the full record with
 *    the org's POCs and every net from the least to the most specific);
 *    JPNIC answers in Japanese unless the query ends in "/e".  RIPE,
 *    APNIC, AFRINIC, LACNIC and IANA get the bare address: their
 *    default answer carries the abuse contact, and "-B" (unfiltered)
 *    would only add personal data that counts against RIPE's daily
 *    limit.
 *  - The contact of the deepest answer that has one wins, because each
 *    referral leads to a more specific registry.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "mnw.h"
#include "whois.h"

const char *
mnw_whois_strerror(enum mnw_whois_error e)
{
	switch (e) {
	case MNW_WHOIS_OK:
		return "no error";
	case MNW_WHOIS_E_RESOLVE:
		return "server name not resolved";
	case MNW_WHOIS_E_CONNECT:
		return "connection failed";
	case MNW_WHOIS_E_TIMEOUT:
		return "timed out";
	case MNW_WHOIS_E_IO:
		return "read or write failed";
	case MNW_WHOIS_E_EMPTY:
		return "server closed the connection without an answer";
	case MNW_WHOIS_E_QUERY:
		return "invalid query";
	case MNW_WHOIS_E_REFUSED:
		return "server refused the query (access denied or rate limit)";
	case MNW_WHOIS_E_BUSY:
		return "politeness limit reached, retry later";
	case MNW_WHOIS_E_NOSERVER:
		return "no server for this address";
	case MNW_WHOIS_E_ADDR:
		return "address is not global unicast";
	}
	return "unknown error";
}

/* ------------------------------------------------------------------ */
/* One query.                                                         */
/* ------------------------------------------------------------------ */

void
mnw_whois_buf_free(struct mnw_whois_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for events on fd until the deadline.  Returns 1 when ready, 0 on
 * timeout, -1 on error. */
static int
wait_fd(int fd, short events, long long deadline)
{
	struct pollfd pfd;
	long long left;
	int n;

	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		n = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
		if (n > 0)
			return 1;
		if (n == -1 && errno != EINTR)
			return -1;
	}
}

static enum mnw_whois_error
connect_one(const struct addrinfo *ai, long long deadline, int *fdp)
{
	int fd, soerr = 0, flags;
	socklen_t slen = sizeof(soerr);

	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd == -1)
		return MNW_WHOIS_E_CONNECT;
	flags = fcntl(fd, F_GETFL);
	if (flags == -1 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		close(fd);
		return MNW_WHOIS_E_CONNECT;
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
		int ready;

		if (errno != EINPROGRESS) {
			close(fd);
			return MNW_WHOIS_E_CONNECT;
		}
		ready = wait_fd(fd, POLLOUT, deadline);
		if (ready <= 0) {
			close(fd);
			return ready == 0 ? MNW_WHOIS_E_TIMEOUT :
			    MNW_WHOIS_E_CONNECT;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &slen) == -1 ||
		    soerr != 0) {
			close(fd);
			return MNW_WHOIS_E_CONNECT;
		}
	}
	*fdp = fd;
	return MNW_WHOIS_OK;
}

static enum mnw_whois_error
send_all(int fd, const char *s, size_t len, long long deadline)
{
	while (len > 0) {
		ssize_t n = send(fd, s, len, MSG_NOSIGNAL);

		if (n > 0) {
			s += n;
			len -= (size_t)n;
		} else if (n == -1 && (errno == EAGAIN || errno == EINTR)) {
			int ready = wait_fd(fd, POLLOUT, deadline);

			if (ready <= 0)
				return ready == 0 ? MNW_WHOIS_E_TIMEOUT :
				    MNW_WHOIS_E_IO;
		} else
			return MNW_WHOIS_E_IO;
	}
	return MNW_WHOIS_OK;
}

/* Read until EOF, the size cap, or the deadline. */
static enum mnw_whois_error
read_all(int fd, struct mnw_whois_buf *b, long long deadline)
{
	char extra;

	for (;;) {
		ssize_t n;
		int ready;

		if (b->len == MNW_WHOIS_ANSWER_MAX) {
			/* Full: reading one more byte separates a cut
			 * answer from one of exactly the maximum size. */
			ready = wait_fd(fd, POLLIN, deadline);
			if (ready == 1 && read(fd, &extra, 1) == 1)
				b->truncated = 1;
			return MNW_WHOIS_OK;
		}
		if (b->cap - b->len < 2) {
			size_t ncap = b->cap * 2;

			if (ncap > MNW_WHOIS_ANSWER_MAX + 1)
				ncap = MNW_WHOIS_ANSWER_MAX + 1;
			b->data = mnw_xrealloc(b->data, ncap);
			b->cap = ncap;
		}
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n > 0) {
			b->len += (size_t)n;
			b->data[b->len] = '\0';
			continue;
		}
		if (n == 0)
			return MNW_WHOIS_OK;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return MNW_WHOIS_E_IO;
		ready = wait_fd(fd, POLLIN, deadline);
		if (ready <= 0)
			return ready == 0 ? MNW_WHOIS_E_TIMEOUT : MNW_WHOIS_E_IO;
	}
}

enum mnw_whois_error
mnw_whois_query(const char *host, unsigned port, const char *query,
    int timeout_ms, struct mnw_whois_buf *buf)
{
	struct addrinfo hints, *res = NULL, *ai;
	enum mnw_whois_error err = MNW_WHOIS_E_CONNECT;
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 1);
	char portstr[8], line[260];
	size_t qlen = strlen(query), i;
	int fd = -1;

	if (buf->data == NULL) {
		buf->cap = 4096;
		buf->data = mnw_xmalloc(buf->cap);
	}
	buf->len = 0;
	buf->data[0] = '\0';
	buf->truncated = 0;

	/* A query is one line: a CR or LF in it would send a second. */
	if (qlen == 0 || qlen > 255 || port == 0 || port > 65535)
		return MNW_WHOIS_E_QUERY;
	for (i = 0; i < qlen; i++)
		if ((unsigned char)query[i] < 0x20 || query[i] == 0x7f)
			return MNW_WHOIS_E_QUERY;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(portstr, sizeof(portstr), "%u", port);
	if (getaddrinfo(host, portstr, &hints, &res) != 0)
		return MNW_WHOIS_E_RESOLVE;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		err = connect_one(ai, deadline, &fd);
		if (err == MNW_WHOIS_OK || err == MNW_WHOIS_E_TIMEOUT)
			break;
	}
	freeaddrinfo(res);
	if (err != MNW_WHOIS_OK)
		return err;

	snprintf(line, sizeof(line), "%s\r\n", query);
	err = send_all(fd, line, qlen + 2, deadline);
	if (err == MNW_WHOIS_OK)
		err = read_all(fd, buf, deadline);
	close(fd);
	if (err == MNW_WHOIS_OK && buf->len == 0)
		err = MNW_WHOIS_E_EMPTY;
	return err;
}

/* ------------------------------------------------------------------ */
/* Politeness.                                                        */
/* ------------------------------------------------------------------ */

void
mnw_whois_limiter_init(struct mnw_whois_limiter *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->concurrent = 2;
	lim->per_minute = 20;
	lim->backoff_min = 60;
	lim->backoff_max = 3600;
}

static struct mnw_whois_server_state *
server_state(struct mnw_whois_limiter *lim, const char *host, time_t now)
{
	struct mnw_whois_server_state *s, *oldest = NULL;
	int i;

	for (i = 0; i < lim->nservers; i++)
		if (strcmp(lim->servers[i].host, host) == 0)
			return &lim->servers[i];
	if (lim->nservers < MNW_WHOIS_LIMIT_SERVERS)
		s = &lim->servers[lim->nservers++];
	else {
		/* Full table: reuse an idle server's slot that has no
		 * backoff running; refuse if there is none. */
		for (i = 0; i < lim->nservers; i++) {
			s = &lim->servers[i];
			if (s->inflight == 0 && s->blocked_until <= now &&
			    (oldest == NULL || s->nstarts == 0))
				oldest = s;
		}
		if (oldest == NULL)
			return NULL;
		s = oldest;
	}
	memset(s, 0, sizeof(*s));
	snprintf(s->host, sizeof(s->host), "%s", host);
	return s;
}

int
mnw_whois_limiter_begin(struct mnw_whois_limiter *lim, const char *host,
    time_t now, time_t *retry_at)
{
	struct mnw_whois_server_state *s = server_state(lim, host, now);
	int per_minute = lim->per_minute, i, recent = 0;
	time_t oldest = now;

	if (s == NULL) {
		*retry_at = now + 1;
		return 1;
	}
	if (per_minute < 1)
		per_minute = 1;
	if (per_minute > MNW_WHOIS_LIMIT_WINDOW)
		per_minute = MNW_WHOIS_LIMIT_WINDOW;
	if (s->blocked_until > now) {
		*retry_at = s->blocked_until;
		return 1;
	}
	if (s->inflight >= (lim->concurrent > 0 ? lim->concurrent : 1)) {
		*retry_at = now + 1;
		return 1;
	}
	for (i = 0; i < (int)s->nstarts && i < MNW_WHOIS_LIMIT_WINDOW; i++)
		if (s->starts[i] > now - 60) {
			recent++;
			if (s->starts[i] < oldest)
				oldest = s->starts[i];
		}
	if (recent >= per_minute) {
		*retry_at = oldest + 60;
		return 1;
	}
	s->starts[s->nstarts % MNW_WHOIS_LIMIT_WINDOW] = now;
	s->nstarts++;
	if (s->nstarts >= 2 * MNW_WHOIS_LIMIT_WINDOW)
		s->nstarts -= MNW_WHOIS_LIMIT_WINDOW;
	s->inflight++;
	return 0;
}

void
mnw_whois_limiter_end(struct mnw_whois_limiter *lim, const char *host,
    time_t now, enum mnw_whois_outcome outcome)
{
	struct mnw_whois_server_state *s = server_state(lim, host, now);

	if (s == NULL)
		return;
	if (s->inflight > 0)
		s->inflight--;
	if (outcome == MNW_WHOIS_DONE_OK) {
		s->backoff = 0;
		return;
	}
	/* Back off: backoff_min, then twice as long per failure in a row. */
	if (s->backoff == 0)
		s->backoff = lim->backoff_min > 0 ? lim->backoff_min : 1;
	else if (s->backoff < lim->backoff_max)
		s->backoff *= 2;
	if (s->backoff > lim->backoff_max)
		s->backoff = lim->backoff_max;
	s->blocked_until = now + s->backoff;
}

/* ------------------------------------------------------------------ */
/* Registries.                                                        */
/* ------------------------------------------------------------------ */

enum { IANA, ARIN, RIPE, APNIC, LACNIC, AFRINIC };

static const char *const rir_server[] = {
	"whois.iana.org", "whois.arin.net", "whois.ripe.net",
	"whois.apnic.net", "whois.lacnic.net", "whois.afrinic.net",
};

/*
 * The registry of each IPv4 /8, as IANA's IPv4 Address Space Registry
 * (ipv4-address-space.csv) lists its WHOIS server; checked entry by
 * entry against a copy of that file.  Legacy /8s ("Administered by X")
 * go to the registry that keeps their records.  Blocks that were since
 * transferred inside a /8 are found through that registry's referrals.
 * The value 0 (IANA) marks special-purpose space, which
 * mnw_whois_registry() rejects before it reads this table.
 */
static const unsigned char v4_rir[256] = {
	/*   0 */ IANA, APNIC, RIPE, ARIN, ARIN, RIPE, ARIN, ARIN,
	/*   8 */ ARIN, ARIN, IANA, ARIN, ARIN, ARIN, APNIC, ARIN,
	/*  16 */ ARIN, ARIN, ARIN, ARIN, ARIN, ARIN, ARIN, ARIN,
	/*  24 */ ARIN, RIPE, ARIN, APNIC, ARIN, ARIN, ARIN, RIPE,
	/*  32 */ ARIN, ARIN, ARIN, ARIN, APNIC, RIPE, ARIN, APNIC,
	/*  40 */ ARIN, AFRINIC, APNIC, APNIC, ARIN, ARIN, RIPE, ARIN,
	/*  48 */ ARIN, APNIC, ARIN, RIPE, ARIN, RIPE, ARIN, ARIN,
	/*  56 */ ARIN, RIPE, APNIC, APNIC, APNIC, APNIC, RIPE, ARIN,
	/*  64 */ ARIN, ARIN, ARIN, ARIN, ARIN, ARIN, ARIN, ARIN,
	/*  72 */ ARIN, ARIN, ARIN, ARIN, ARIN, RIPE, RIPE, RIPE,
	/*  80 */ RIPE, RIPE, RIPE, RIPE, RIPE, RIPE, RIPE, RIPE,
	/*  88 */ RIPE, RIPE, RIPE, RIPE, RIPE, RIPE, RIPE, RIPE,
	/*  96 */ ARIN, ARIN, ARIN, ARIN, ARIN, APNIC, AFRINIC, APNIC,
	/* 104 */ ARIN, AFRINIC, APNIC, ARIN, ARIN, RIPE, APNIC, APNIC,
	/* 112 */ APNIC, APNIC, APNIC, APNIC, APNIC, APNIC, APNIC, APNIC,
	/* 120 */ APNIC, APNIC, APNIC, APNIC, APNIC, APNIC, APNIC, IANA,
	/* 128 */ ARIN, ARIN, ARIN, ARIN, ARIN, APNIC, ARIN, ARIN,
	/* 136 */ ARIN, ARIN, ARIN, ARIN, ARIN, RIPE, ARIN, ARIN,
	/* 144 */ ARIN, RIPE, ARIN, ARIN, ARIN, ARIN, APNIC, RIPE,
	/* 152 */ ARIN, APNIC, AFRINIC, ARIN, ARIN, ARIN, ARIN, ARIN,
	/* 160 */ ARIN, ARIN, ARIN, APNIC, ARIN, ARIN, ARIN, ARIN,
	/* 168 */ ARIN, ARIN, ARIN, APNIC, ARIN, ARIN, ARIN, APNIC,
	/* 176 */ RIPE, LACNIC, RIPE, LACNIC, APNIC, LACNIC, APNIC, APNIC,
	/* 184 */ ARIN, RIPE, LACNIC, LACNIC, RIPE, LACNIC, LACNIC, LACNIC,
	/* 192 */ ARIN, RIPE, RIPE, RIPE, AFRINIC, AFRINIC, ARIN, ARIN,
	/* 200 */ LACNIC, LACNIC, APNIC, APNIC, ARIN, ARIN, ARIN, ARIN,
	/* 208 */ ARIN, ARIN, APNIC, APNIC, RIPE, RIPE, ARIN, ARIN,
	/* 216 */ ARIN, RIPE, APNIC, APNIC, APNIC, APNIC, APNIC, APNIC,
	/* 224 */ IANA, IANA, IANA, IANA, IANA, IANA, IANA, IANA,
	/* 232 */ IANA, IANA, IANA, IANA, IANA, IANA, IANA, IANA,
	/* 240 */ IANA, IANA, IANA, IANA, IANA, IANA, IANA, IANA,
	/* 248 */ IANA, IANA, IANA, IANA, IANA, IANA, IANA, IANA,
};

/* IANA's IPv6 Global Unicast Address Assignments
 * (ipv6-unicast-address-assignments.csv), checked against a copy. */
static const struct {
	uint8_t prefix[4];	/* first 32 bits */
	unsigned bits;
	unsigned char rir;
} v6_rir[] = {
	{ { 0x20, 0x01, 0x02, 0x00 }, 23, APNIC },
	{ { 0x20, 0x01, 0x04, 0x00 }, 23, ARIN },
	{ { 0x20, 0x01, 0x06, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x08, 0x00 }, 22, RIPE },
	{ { 0x20, 0x01, 0x0c, 0x00 }, 23, APNIC },
	{ { 0x20, 0x01, 0x0e, 0x00 }, 23, APNIC },
	{ { 0x20, 0x01, 0x12, 0x00 }, 23, LACNIC },
	{ { 0x20, 0x01, 0x14, 0x00 }, 22, RIPE },
	{ { 0x20, 0x01, 0x18, 0x00 }, 23, ARIN },
	{ { 0x20, 0x01, 0x1a, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x1c, 0x00 }, 22, RIPE },
	{ { 0x20, 0x01, 0x20, 0x00 }, 19, RIPE },
	{ { 0x20, 0x01, 0x40, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x42, 0x00 }, 23, AFRINIC },
	{ { 0x20, 0x01, 0x44, 0x00 }, 23, APNIC },
	{ { 0x20, 0x01, 0x46, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x48, 0x00 }, 23, ARIN },
	{ { 0x20, 0x01, 0x4a, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x4c, 0x00 }, 23, RIPE },
	{ { 0x20, 0x01, 0x50, 0x00 }, 20, RIPE },
	{ { 0x20, 0x01, 0x80, 0x00 }, 19, APNIC },
	{ { 0x20, 0x01, 0xa0, 0x00 }, 20, APNIC },
	{ { 0x20, 0x01, 0xb0, 0x00 }, 20, APNIC },
	{ { 0x20, 0x03, 0x00, 0x00 }, 18, RIPE },
	{ { 0x24, 0x00, 0x00, 0x00 }, 12, APNIC },
	{ { 0x26, 0x00, 0x00, 0x00 }, 12, ARIN },
	{ { 0x26, 0x10, 0x00, 0x00 }, 23, ARIN },
	{ { 0x26, 0x20, 0x00, 0x00 }, 23, ARIN },
	{ { 0x26, 0x30, 0x00, 0x00 }, 12, ARIN },
	{ { 0x28, 0x00, 0x00, 0x00 }, 12, LACNIC },
	{ { 0x2a, 0x00, 0x00, 0x00 }, 12, RIPE },
	{ { 0x2a, 0x10, 0x00, 0x00 }, 12, RIPE },
	{ { 0x2c, 0x00, 0x00, 0x00 }, 12, AFRINIC },
};

const char *
mnw_whois_registry(const struct mnw_addr *addr)
{
	struct mnw_addr net;
	size_t i;

	if (mnw_addr_classify(addr) != MNW_ADDR_GLOBAL)
		return NULL;
	if (addr->family == 4)
		return rir_server[v4_rir[addr->bytes[0]]];
	memset(&net, 0, sizeof(net));
	net.family = 6;
	for (i = 0; i < sizeof(v6_rir) / sizeof(*v6_rir); i++) {
		memcpy(net.bytes, v6_rir[i].prefix, 4);
		if (mnw_addr_in_prefix(addr, &net, v6_rir[i].bits))
			return rir_server[v6_rir[i].rir];
	}
	return rir_server[IANA];
}

/* ------------------------------------------------------------------ */
/* Lookup.                                                            */
/* ------------------------------------------------------------------ */

void
mnw_whois_options_init(struct mnw_whois_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->timeout_ms = 10000;
	opt->hops = 4;
	opt->wait_max = 10;
}

/*
 * Find name in the server map.  Returns 1 and sets host and port when
 * an entry (or "*") matches, 0 when none does, -1 when the entry is
 * malformed.
 */
static int
map_find(const char *map, const char *name, char *host, size_t hostcap,
    unsigned *port)
{
	const char *p = map, *wild = NULL, *hit = NULL;
	size_t wildlen = 0, hitlen = 0, namelen = strlen(name);

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ','), *eqs;
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		eqs = memchr(p, '=', len);
		if (eqs != NULL) {
			size_t nlen = (size_t)(eqs - p);

			if (nlen == namelen && strncasecmp(p, name, nlen) == 0) {
				hit = eqs + 1;
				hitlen = len - nlen - 1;
			} else if (nlen == 1 && *p == '*') {
				wild = eqs + 1;
				wildlen = len - 2;
			}
		}
		p = comma != NULL ? comma + 1 : NULL;
	}
	if (hit == NULL) {
		hit = wild;
		hitlen = wildlen;
	}
	if (hit == NULL)
		return 0;
	{
		const char *colon = NULL, *q;
		long long v;

		for (q = hit; q < hit + hitlen; q++)
			if (*q == ':')
				colon = q;
		if (colon == NULL || (size_t)(colon - hit) >= hostcap ||
		    colon == hit || mnw_strntonum(colon + 1,
		    hitlen - (size_t)(colon - hit) - 1, 1, 65535, &v) == -1)
			return -1;
		memcpy(host, hit, (size_t)(colon - hit));
		host[colon - hit] = '\0';
		*port = (unsigned)v;
	}
	return 1;
}

static void
make_query(char *q, size_t cap, const char *server, const char *addr)
{
	if (strcmp(server, "whois.arin.net") == 0)
		snprintf(q, cap, "n + %s", addr);
	else if (strcmp(server, "whois.nic.ad.jp") == 0)
		snprintf(q, cap, "%s/e", addr);
	else
		snprintf(q, cap, "%s", addr);
}

/* Ask the limiter, sleeping up to wait_max seconds in all. */
static int
limiter_wait(struct mnw_whois_limiter *lim, const char *server, int wait_max)
{
	time_t retry_at, start = time(NULL), now = start;

	while (mnw_whois_limiter_begin(lim, server, now, &retry_at) != 0) {
		struct timespec ts;

		if (retry_at - start > wait_max)
			return -1;
		ts.tv_sec = retry_at > now ? retry_at - now : 1;
		ts.tv_nsec = 0;
		nanosleep(&ts, NULL);
		now = time(NULL);
	}
	return 0;
}

enum mnw_whois_error
mnw_whois_lookup(const struct mnw_addr *addr,
    const struct mnw_whois_options *opt, struct mnw_whois_lookup_result *out)
{
	static struct mnw_whois_limiter default_limiter;
	static int default_ready;
	struct mnw_whois_limiter *lim = opt->limiter;
	struct mnw_whois_buf buf = { NULL, 0, 0, 0 };
	struct mnw_whois_result *r = NULL;
	struct mnw_whois_referral next;
	char addrtext[MNW_ADDR_STRLEN];
	const char *start;
	int hops = opt->hops, answered = 0, have_contact = 0, asked_iana = 0;
	enum mnw_whois_error first_error = MNW_WHOIS_OK;

	memset(out, 0, sizeof(*out));
	if (lim == NULL) {
		if (!default_ready) {
			mnw_whois_limiter_init(&default_limiter);
			default_ready = 1;
		}
		lim = &default_limiter;
	}
	if (hops < 1 || hops > MNW_WHOIS_HOPS_MAX)
		hops = hops < 1 ? 1 : MNW_WHOIS_HOPS_MAX;
	start = mnw_whois_registry(addr);
	if (start == NULL)
		return out->error = MNW_WHOIS_E_ADDR;
	mnw_addr_format(addr, addrtext);
	memset(&next, 0, sizeof(next));
	next.proto = MNW_WHOIS_PROTO_WHOIS;
	next.port = 43;
	snprintf(next.host, sizeof(next.host), "%s", start);
	r = mnw_xmalloc(sizeof(*r));

	while (out->nhops < hops) {
		struct mnw_whois_hop *h = &out->hops[out->nhops];
		enum mnw_whois_proto proto = next.proto;
		enum mnw_whois_outcome outcome;
		char host[MNW_WHOIS_HOST_MAX + 1];
		unsigned port = next.port;
		int i, m;

		/* Loop detection: a server is asked once per lookup. */
		for (i = 0; i < out->nhops; i++)
			if (strcmp(out->hops[i].server, next.host) == 0 &&
			    out->hops[i].port == next.port)
				break;
		if (i < out->nhops) {
			out->loop = 1;
			break;
		}
		out->nhops++;
		snprintf(h->server, sizeof(h->server), "%s", next.host);
		h->port = next.port;
		asked_iana |= strcmp(next.host, "whois.iana.org") == 0;
		make_query(h->query, sizeof(h->query), next.host, addrtext);

		snprintf(host, sizeof(host), "%s", next.host);
		m = opt->map != NULL ? map_find(opt->map, next.host, host,
		    sizeof(host), &port) : 0;
		if (m == -1 || (m == 0 && opt->map_only)) {
			h->error = MNW_WHOIS_E_NOSERVER;
			goto failed;
		}
		if (limiter_wait(lim, h->server, opt->wait_max) == -1) {
			h->error = MNW_WHOIS_E_BUSY;
			goto failed;
		}
		h->error = mnw_whois_query(host, port, h->query,
		    opt->timeout_ms, &buf);
		if (h->error == MNW_WHOIS_OK) {
			mnw_whois_parse(buf.data, buf.len, r);
			if (buf.truncated)
				r->flags |= MNW_WHOIS_TRUNCATED;
			h->flags = r->flags;
			h->ncontacts = r->ncontacts;
			if (r->flags & MNW_WHOIS_REFUSED)
				h->error = MNW_WHOIS_E_REFUSED;
		}
		outcome = h->error == MNW_WHOIS_OK ? MNW_WHOIS_DONE_OK :
		    h->error == MNW_WHOIS_E_REFUSED ? MNW_WHOIS_DONE_REFUSED :
		    MNW_WHOIS_DONE_FAILED;
		mnw_whois_limiter_end(lim, h->server, time(NULL), outcome);
		if (h->error != MNW_WHOIS_OK)
			goto failed;

		answered = 1;
		if (mnw_whois_best(r) != NULL || !have_contact) {
			have_contact |= mnw_whois_best(r) != NULL;
			out->result = *r;
			snprintf(out->server, sizeof(out->server), "%s",
			    h->server);
		}

		/* Where next. */
		if (r->referral.proto != MNW_WHOIS_PROTO_NONE &&
		    proto != MNW_WHOIS_PROTO_RWHOIS)
			next = r->referral;
		else if ((r->flags & MNW_WHOIS_NOT_MANAGED) && !have_contact &&
		    !asked_iana) {
			memset(&next, 0, sizeof(next));
			next.proto = MNW_WHOIS_PROTO_WHOIS;
			next.port = 43;
			snprintf(next.host, sizeof(next.host), "%s",
			    rir_server[IANA]);
		} else
			break;
		continue;
failed:
		if (first_error == MNW_WHOIS_OK)
			first_error = h->error;
		break;
	}

	free(r);
	mnw_whois_buf_free(&buf);
	/* An earlier answer with a contact is kept when a later server
	 * fails.  Without a contact, the failure is returned, because
	 * the caller should retry later. */
	if (answered && (have_contact || first_error == MNW_WHOIS_OK))
		return out->error = MNW_WHOIS_OK;
	return out->error = first_error != MNW_WHOIS_OK ? first_error :
	    MNW_WHOIS_E_NOSERVER;
}
