/*
 * dns.c: the DNS lookups of mnw-backtrace, many in flight at once on
 * one c-ares channel.
 *
 * For each address (a "job") three queries start together: the PTR,
 * the Team Cymru origin TXT and the abuse-contact TXT.  Answers start
 * follow-up queries: a valid PTR name gets its A or AAAA lookup (the
 * forward confirmation), an origin ASN gets its AS name.  AS names are
 * shared by many addresses, so each ASN is asked for once per call of
 * mnw_dns_resolve() and the jobs that need it wait on that one query.  A job is finished when
 * none of its queries is outstanding.
 *
 * At most max_inflight / 3 jobs run at once, which bounds the queries
 * outstanding and the memory c-ares holds for them.  c-ares does the
 * timeouts and retries (ARES_OPT_TIMEOUTMS, ARES_OPT_TRIES).
 *
 * Answer status is split three ways: an answer (used after the checks
 * in bttxt.c and contact.c), a definite "no such record" (NXDOMAIN or
 * no data: an answer too, of nothing), and a failure for now (timeout,
 * refused, server failure), which sets the lookup's bit in
 * mnw_bt_result.failed so that the result is not cached and the exit
 * status says to retry.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <ares.h>

#include "backtrace.h"

#define QNAME_MAX 256

/* DNS class and types (RFC 1035, RFC 3596). */
enum { C_IN = 1, T_A = 1, T_PTR = 12, T_TXT = 16, T_AAAA = 28 };
#define TXT_MAX 1024		/* longest TXT record parsed, bytes */
/*
 * After this many failed queries without a single answer, the servers
 * are taken to be down and the remaining jobs fail at once, so that a
 * run with DNS down costs seconds, not one timeout per address.
 */
#define DEAD_AFTER 200

enum { Q_PTR, Q_FORWARD, Q_ORIGIN, Q_ASNAME, Q_ABUSE };

struct asname {
	uint32_t asn;
	int state;		/* 0 pending, 1 answered, 2 failed */
	char name[MNW_BT_ASNAME_MAX + 1];
	size_t waiters;		/* first waiting job + 1, 0 if none */
};

struct job {
	int pending;		/* queries outstanding */
	size_t next_waiter;	/* next job waiting on the same ASN, + 1 */
};

struct ctx {
	const struct mnw_dns_conf *conf;
	ares_channel channel;
	struct mnw_bt_result *r;
	struct job *jobs;
	size_t active;
	struct asname *as;
	size_t nas, capas;
	struct mnw_hash asindex;
	struct mnw_dns_stats *st;
};

struct query {
	struct ctx *ctx;
	size_t job;		/* for Q_ASNAME: index into ctx->as */
	int kind;
};

static void send_query(struct ctx *, size_t, int, const char *, int);

static int
is_temporary(int status)
{
	return status != ARES_SUCCESS && status != ARES_ENOTFOUND &&
	    status != ARES_ENODATA && status != ARES_EBADRESP &&
	    status != ARES_EBADNAME && status != ARES_EFORMERR;
}

static void
job_done_one(struct ctx *c, size_t j)
{
	if (--c->jobs[j].pending == 0)
		c->active--;
}

/* The reversed name of addr under zone: "4.3.2.1.zone" or nibbles. */
static int
reverse_name(const struct mnw_addr *a, const char *zone, char *buf,
    size_t cap)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	int i, n;

	if (a->family == 4) {
		n = snprintf(buf, cap, "%u.%u.%u.%u.%s", a->bytes[3],
		    a->bytes[2], a->bytes[1], a->bytes[0], zone);
		return n < 0 || (size_t)n >= cap ? -1 : 0;
	}
	if (cap < 64 + strlen(zone) + 1)
		return -1;
	for (i = 15; i >= 0; i--) {
		buf[o++] = hex[a->bytes[i] & 0xf];
		buf[o++] = '.';
		buf[o++] = hex[a->bytes[i] >> 4];
		buf[o++] = '.';
	}
	memcpy(buf + o, zone, strlen(zone) + 1);
	return 0;
}

/*
 * Call fn on each TXT record of the answer, its strings joined.  A
 * record longer than TXT_MAX is counted as rejected.
 */
static int
each_txt(const unsigned char *abuf, int alen, struct mnw_bt_result *r,
    void (*fn)(struct ctx *, size_t, const char *, size_t), struct ctx *c,
    size_t j)
{
	struct ares_txt_ext *txt, *t;
	char buf[TXT_MAX];
	size_t len = 0;
	int over = 0, any = 0;

	if (ares_parse_txt_reply_ext(abuf, alen, &txt) != ARES_SUCCESS) {
		r->rejected++;
		return -1;
	}
	for (t = txt; t != NULL; t = t->next) {
		if (t->record_start && t != txt) {
			if (over)
				r->rejected++;
			else
				fn(c, j, buf, len);
			any = 1;
			len = 0;
			over = 0;
		}
		if (len + t->length > sizeof buf)
			over = 1;
		else {
			memcpy(buf + len, t->txt, t->length);
			len += t->length;
		}
	}
	if (txt != NULL) {
		if (over)
			r->rejected++;
		else
			fn(c, j, buf, len);
		any = 1;
	}
	ares_free_data(txt);
	return any ? 0 : -1;
}

static void
on_origin_txt(struct ctx *c, size_t j, const char *s, size_t len)
{
	struct mnw_bt_result *r = &c->r[j];
	struct mnw_bt_origin o;
	unsigned cur = 0;
	char buf[MNW_ADDR_STRLEN];
	int i;

	if (mnw_bt_parse_origin(s, len, &r->addr, &o) == -1) {
		r->rejected++;
		return;
	}
	/* The most specific prefix is the one that routes the address. */
	if (strcmp(r->netsrc, "cymru") == 0) {
		const char *slash = strrchr(r->prefix, '/');
		long long v;

		if (slash != NULL && mnw_strntonum(slash + 1,
		    strlen(slash + 1), 0, 128, &v) == 0)
			cur = (unsigned)v;
		if (o.bits < cur)
			return;
		if (o.bits == cur) {
			/* Another origin of the same prefix. */
			for (i = 0; i < o.nasn; i++) {
				int k, have = 0;

				for (k = 0; k < r->nasn; k++)
					have |= r->asn[k] == o.asn[i];
				if (!have && r->nasn < MNW_BT_ASNS)
					r->asn[r->nasn++] = o.asn[i];
			}
			return;
		}
	}
	memcpy(r->asn, o.asn, sizeof o.asn);
	r->nasn = o.nasn;
	snprintf(r->prefix, sizeof r->prefix, "%s/%u",
	    mnw_addr_format(&o.net, buf), o.bits);
	memcpy(r->registry, o.registry, sizeof r->registry);
	memcpy(r->alloccc, o.cc, sizeof r->alloccc);
	snprintf(r->netsrc, sizeof r->netsrc, "cymru");
	r->asname[0] = '\0';
}

static void
on_abuse_txt(struct ctx *c, size_t j, const char *s, size_t len)
{
	struct mnw_bt_result *r = &c->r[j];
	struct mnw_bt_contact *ct;
	char mb[MNW_BT_MAILBOX_MAX + 1];
	int i;

	if (mnw_bt_parse_abusix(s, len, mb, sizeof mb) == -1) {
		r->rejected++;
		return;
	}
	for (i = 0; i < r->nnet; i++)
		if (strcasecmp(r->net[i].mailbox, mb) == 0)
			return;
	if (r->nnet == MNW_BT_CONTACTS)
		return;
	ct = &r->net[r->nnet++];
	memcpy(ct->mailbox, mb, sizeof ct->mailbox);
	snprintf(ct->source, sizeof ct->source, "dns:%s",
	    c->conf->abusezone);
	ct->when = r->looked;
}

static void
asname_finish(struct ctx *c, size_t ai)
{
	struct asname *as = &c->as[ai];
	size_t w, next;

	for (w = as->waiters; w != 0; w = next) {
		next = c->jobs[w - 1].next_waiter;
		c->jobs[w - 1].next_waiter = 0;
		if (as->state == 1)
			memcpy(c->r[w - 1].asname, as->name, sizeof as->name);
		else if (as->state == 2)
			c->r[w - 1].failed |= MNW_BT_L_ASNAME;
		job_done_one(c, w - 1);
	}
	as->waiters = 0;
}

static void
asname_request(struct ctx *c, size_t j, uint32_t asn)
{
	char name[QNAME_MAX];
	uint32_t i;
	size_t pos;
	uint64_t h = mnw_digest(&asn, sizeof asn);

	for (i = mnw_hash_first(&c->asindex, h, &pos); i != MNW_HASH_NONE;
	    i = mnw_hash_next(&c->asindex, h, &pos))
		if (c->as[i].asn == asn)
			break;
	if (i != MNW_HASH_NONE && c->as[i].state != 0) {
		if (c->as[i].state == 1)
			memcpy(c->r[j].asname, c->as[i].name,
			    sizeof c->as[i].name);
		else
			c->r[j].failed |= MNW_BT_L_ASNAME;
		return;
	}
	if (i == MNW_HASH_NONE) {
		if (c->nas == c->capas) {
			c->capas = c->capas ? c->capas * 2 : 64;
			c->as = mnw_xrealloc(c->as, c->capas * sizeof *c->as);
		}
		i = (uint32_t)c->nas++;
		memset(&c->as[i], 0, sizeof c->as[i]);
		c->as[i].asn = asn;
		if (mnw_hash_insert(&c->asindex, h, i) == -1)
			mnw_errx(MNW_EXIT_TEMP, "out of memory");
		if (snprintf(name, sizeof name, "AS%u.%s", asn,
		    c->conf->asnzone) >= (int)sizeof name) {
			c->as[i].state = 2;
			c->r[j].failed |= MNW_BT_L_ASNAME;
			return;
		}
		send_query(c, i, Q_ASNAME, name, T_TXT);
	}
	/* Wait on the pending query (sent now or by an earlier job). */
	if (c->as[i].state != 0) {
		/* The query failed at once, inside send_query(). */
		if (c->as[i].state == 1)
			memcpy(c->r[j].asname, c->as[i].name,
			    sizeof c->as[i].name);
		else
			c->r[j].failed |= MNW_BT_L_ASNAME;
		return;
	}
	c->jobs[j].pending++;
	c->jobs[j].next_waiter = c->as[i].waiters;
	c->as[i].waiters = j + 1;
}

static void
on_ptr(struct ctx *c, size_t j, int status, unsigned char *abuf, int alen)
{
	struct mnw_bt_result *r = &c->r[j];
	struct hostent *he = NULL;
	const char *name = NULL;
	int rc, i;

	if (status == ARES_ENOTFOUND || status == ARES_ENODATA) {
		r->ptr_status = MNW_BT_PTR_NONE;
		return;
	}
	if (status != ARES_SUCCESS) {
		if (is_temporary(status))
			r->failed |= MNW_BT_L_PTR;
		else
			r->ptr_status = MNW_BT_PTR_INVALID;
		return;
	}
	rc = ares_parse_ptr_reply(abuf, alen, r->addr.bytes,
	    r->addr.family == 4 ? 4 : 16,
	    r->addr.family == 4 ? AF_INET : AF_INET6, &he);
	if (rc == ARES_ENODATA || rc == ARES_ENOTFOUND) {
		r->ptr_status = MNW_BT_PTR_NONE;
		return;
	}
	if (rc != ARES_SUCCESS || he == NULL) {
		/*
		 * A malformed answer fails here, and so, since c-ares
		 * 1.17.2, does a name with bytes outside host name syntax.
		 */
		r->ptr_status = MNW_BT_PTR_INVALID;
		r->rejected++;
		return;
	}
	/* The first name with valid syntax; c-ares lists the rest as aliases. */
	if (he->h_name != NULL && mnw_bt_hostname_valid(he->h_name,
	    strlen(he->h_name)))
		name = he->h_name;
	for (i = 0; name == NULL && he->h_aliases != NULL &&
	    he->h_aliases[i] != NULL; i++)
		if (mnw_bt_hostname_valid(he->h_aliases[i],
		    strlen(he->h_aliases[i])))
			name = he->h_aliases[i];
	if (name == NULL) {
		r->ptr_status = MNW_BT_PTR_INVALID;
		r->rejected++;
		ares_free_hostent(he);
		return;
	}
	snprintf(r->ptr, sizeof r->ptr, "%s", name);
	if (r->ptr[0] != '\0' && r->ptr[strlen(r->ptr) - 1] == '.')
		r->ptr[strlen(r->ptr) - 1] = '\0';
	for (i = 0; r->ptr[i] != '\0'; i++)
		if (r->ptr[i] >= 'A' && r->ptr[i] <= 'Z')
			r->ptr[i] = (char)(r->ptr[i] - 'A' + 'a');
	ares_free_hostent(he);
	r->ptr_status = MNW_BT_PTR_UNCONFIRMED;
	if (c->conf->lookups & MNW_BT_L_FORWARD)
		send_query(c, j, Q_FORWARD, r->ptr,
		    r->addr.family == 4 ? T_A : T_AAAA);
	else
		r->skipped |= MNW_BT_L_FORWARD;
}

static void
on_forward(struct ctx *c, size_t j, int status, unsigned char *abuf, int alen)
{
	struct mnw_bt_result *r = &c->r[j];
	struct hostent *he = NULL;
	int rc, i;

	if (status != ARES_SUCCESS) {
		if (is_temporary(status))
			r->failed |= MNW_BT_L_FORWARD;
		return;
	}
	if (r->addr.family == 4)
		rc = ares_parse_a_reply(abuf, alen, &he, NULL, NULL);
	else
		rc = ares_parse_aaaa_reply(abuf, alen, &he, NULL, NULL);
	if (rc != ARES_SUCCESS || he == NULL)
		return;
	for (i = 0; he->h_addr_list[i] != NULL; i++)
		if (memcmp(he->h_addr_list[i], r->addr.bytes,
		    r->addr.family == 4 ? 4 : 16) == 0)
			r->ptr_status = MNW_BT_PTR_CONFIRMED;
	ares_free_hostent(he);
}

static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct query *q = arg;
	struct ctx *c = q->ctx;
	struct mnw_bt_result *r;
	unsigned bit;

	(void)timeouts;
	if (status == ARES_EDESTRUCTION) {
		free(q);
		return;
	}
	if (status == ARES_SUCCESS)
		c->st->answers++;
	else if (is_temporary(status))
		c->st->failures++;

	if (q->kind == Q_ASNAME) {
		struct asname *as = &c->as[q->job];

		as->state = 2;
		if (status == ARES_SUCCESS || !is_temporary(status))
			as->state = 1;
		if (status == ARES_SUCCESS) {
			struct ares_txt_ext *txt, *t;

			if (ares_parse_txt_reply_ext(abuf, alen, &txt) ==
			    ARES_SUCCESS) {
				for (t = txt; t != NULL; t = t->next)
					if (t->record_start &&
					    mnw_bt_parse_asname((char *)t->txt,
					    t->length, as->asn, as->name,
					    sizeof as->name) == 0)
						break;
				ares_free_data(txt);
			}
		}
		asname_finish(c, q->job);
		free(q);
		return;
	}

	r = &c->r[q->job];
	switch (q->kind) {
	case Q_PTR:
		on_ptr(c, q->job, status, abuf, alen);
		break;
	case Q_FORWARD:
		on_forward(c, q->job, status, abuf, alen);
		break;
	case Q_ORIGIN:
	case Q_ABUSE:
		bit = q->kind == Q_ORIGIN ? MNW_BT_L_ORIGIN : MNW_BT_L_ABUSIX;
		if (status == ARES_SUCCESS)
			each_txt(abuf, alen, r, q->kind == Q_ORIGIN ?
			    on_origin_txt : on_abuse_txt, c, q->job);
		else if (is_temporary(status))
			r->failed |= bit;
		if (q->kind == Q_ORIGIN && r->nasn > 0 &&
		    strcmp(r->netsrc, "cymru") == 0) {
			if (c->conf->lookups & MNW_BT_L_ASNAME)
				asname_request(c, q->job, r->asn[0]);
			else
				r->skipped |= MNW_BT_L_ASNAME;
		}
		break;
	}
	job_done_one(c, q->job);
	free(q);
}

static void
send_query(struct ctx *c, size_t j, int kind, const char *name, int type)
{
	struct query *q = mnw_xmalloc(sizeof *q);

	q->ctx = c;
	q->job = j;
	q->kind = kind;
	if (kind != Q_ASNAME)
		c->jobs[j].pending++;
	c->st->queries++;
	ares_query(c->channel, name, C_IN, type, on_answer, q);
}

static void
job_start(struct ctx *c, size_t j)
{
	struct mnw_bt_result *r = &c->r[j];
	unsigned want = c->conf->lookups;
	char name[QNAME_MAX];

	c->active++;
	c->jobs[j].pending = 1;	/* held until every query is sent */
	r->skipped |= MNW_BT_L_DNS & ~want;
	if (c->st->answers == 0 && c->st->failures >= DEAD_AFTER) {
		r->failed |= want & (MNW_BT_L_PTR | MNW_BT_L_ORIGIN |
		    MNW_BT_L_ABUSIX);
		job_done_one(c, j);
		return;
	}
	if (want & MNW_BT_L_PTR) {
		if (reverse_name(&r->addr, r->addr.family == 4 ?
		    "in-addr.arpa" : "ip6.arpa", name, sizeof name) == 0)
			send_query(c, j, Q_PTR, name, T_PTR);
	} else
		r->skipped |= MNW_BT_L_FORWARD;
	if (want & MNW_BT_L_ORIGIN) {
		if (reverse_name(&r->addr, r->addr.family == 4 ?
		    c->conf->origin4 : c->conf->origin6, name,
		    sizeof name) == 0)
			send_query(c, j, Q_ORIGIN, name, T_TXT);
	} else
		r->skipped |= MNW_BT_L_ASNAME;
	if ((want & MNW_BT_L_ABUSIX) && c->conf->abusezone != NULL &&
	    reverse_name(&r->addr, c->conf->abusezone, name,
	    sizeof name) == 0)
		send_query(c, j, Q_ABUSE, name, T_TXT);
	job_done_one(c, j);
}

static void
wait_io(struct ctx *c)
{
	ares_socket_t socks[ARES_GETSOCK_MAXNUM];
	struct pollfd pfd[ARES_GETSOCK_MAXNUM];
	struct timeval tv, *tvp;
	unsigned bits;
	int i, n = 0, ms, rc;

	/*
	 * The ARES_GETSOCK_* macros shift a signed 1 into bit 31, which is
	 * undefined behaviour, so the bits are tested here unsigned.
	 */
	bits = (unsigned)ares_getsock(c->channel, socks, ARES_GETSOCK_MAXNUM);
	for (i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
		unsigned rd = bits & (1u << i);
		unsigned wr = bits & (1u << (i + ARES_GETSOCK_MAXNUM));

		if (!rd && !wr)
			continue;
		pfd[n].fd = socks[i];
		pfd[n].events = (short)((rd ? POLLIN : 0) | (wr ? POLLOUT : 0));
		pfd[n].revents = 0;
		n++;
	}
	tvp = ares_timeout(c->channel, NULL, &tv);
	ms = tvp == NULL ? 1000 : (int)(tvp->tv_sec * 1000 +
	    (tvp->tv_usec + 999) / 1000);
	rc = poll(pfd, (nfds_t)n, ms);
	if (rc <= 0) {
		/* Nothing ready: let c-ares handle the timeouts. */
		ares_process_fd(c->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
		return;
	}
	for (i = 0; i < n; i++) {
		if (pfd[i].revents == 0)
			continue;
		ares_process_fd(c->channel,
		    pfd[i].revents & (POLLIN | POLLERR | POLLHUP) ?
		    pfd[i].fd : ARES_SOCKET_BAD,
		    pfd[i].revents & POLLOUT ? pfd[i].fd : ARES_SOCKET_BAD);
	}
}

int
mnw_dns_resolve(const struct mnw_dns_conf *conf, struct mnw_bt_result *r,
    size_t n, struct mnw_dns_stats *st)
{
	static int lib_ready;
	struct ares_options opt;
	struct ctx c;
	size_t next = 0, maxjobs;
	int rc;

	if (!lib_ready) {
		if ((rc = ares_library_init(ARES_LIB_INIT_ALL)) != ARES_SUCCESS) {
			mnw_warnx("c-ares: %s", ares_strerror(rc));
			return -1;
		}
		lib_ready = 1;
	}
	memset(&c, 0, sizeof c);
	c.conf = conf;
	c.r = r;
	c.st = st;
	mnw_hash_init(&c.asindex);
	memset(&opt, 0, sizeof opt);
	/* No search list and no HOSTALIASES: names are used as given. */
	opt.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
	opt.timeout = conf->timeout_ms;
	opt.tries = conf->tries;
	rc = ares_init_options(&c.channel, &opt,
	    ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
	if (rc != ARES_SUCCESS) {
		mnw_warnx("c-ares: %s", ares_strerror(rc));
		return -1;
	}
	if (conf->servers != NULL &&
	    (rc = ares_set_servers_ports_csv(c.channel, conf->servers)) !=
	    ARES_SUCCESS) {
		mnw_warnx("invalid DNS server list '%s': %s",
		    mnw_quote(conf->servers, strlen(conf->servers), 200),
		    ares_strerror(rc));
		ares_destroy(c.channel);
		return -1;
	}
	c.jobs = mnw_xcalloc(n ? n : 1, sizeof *c.jobs);
	maxjobs = conf->max_inflight / 3 > 0 ? (size_t)conf->max_inflight / 3
	    : 1;

	while (next < n || c.active > 0) {
		while (next < n && c.active < maxjobs)
			job_start(&c, next++);
		if (c.active > 0)
			wait_io(&c);
	}
	ares_destroy(c.channel);
	free(c.jobs);
	free(c.as);
	mnw_hash_free(&c.asindex);
	return 0;
}
