# t/unbound.sh: run a local unbound on 127.0.0.1 for the DNS tests.
# Source it after t/lib.sh:
#
#	. "$MNW_TOP/t/unbound.sh"
#	unbound_start "$TMP/zone.conf"	# lines of local-zone/local-data
#	... mnw-backtrace -s "127.0.0.1:$DNS_PORT" ...
#	unbound_stop
#
# unbound answers only from the test zones: every other name is
# refused (local-zone "." refuse), so nothing is ever asked of another
# server.  The server runs in the foreground of a background job, and
# the EXIT trap stops it by its process id and removes $TMP, as t/lib.sh
# does, unless UNBOUND_KEEP_TMP is set (scripts/bench-backtrace sets it,
# because its $TMP holds the results).

DNS_PORT=
DNS_PID=

# Print a port on 127.0.0.1 that is free for both UDP and TCP now.
free_port() {
	perl -MIO::Socket::INET -e '
	for (1 .. 50) {
		my $u = IO::Socket::INET->new(LocalAddr => "127.0.0.1",
		    LocalPort => 0, Proto => "udp") or next;
		my $p = $u->sockport;
		my $t = IO::Socket::INET->new(LocalAddr => "127.0.0.1",
		    LocalPort => $p, Proto => "tcp", Listen => 1) or next;
		print "$p\n";
		exit 0;
	}
	exit 1;'
}

# Wait until something answers a DNS query on 127.0.0.1:$1, for at
# most $UNBOUND_WAIT tenths of a second (default 50).
dns_wait() {
	perl -MIO::Socket::INET -e '
	my ($port, $tries) = @ARGV;
	# Query id 0x1234, RD, one question: ". IN SOA".
	my $q = pack("nnnnnn", 0x1234, 0x0100, 1, 0, 0, 0) . "\0" .
	    pack("nn", 6, 1);
	for (1 .. $tries) {
		my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
		    PeerPort => $port, Proto => "udp") or die;
		$s->send($q);
		my $rin = "";
		vec($rin, fileno($s), 1) = 1;
		if (select(my $r = $rin, undef, undef, 0.1)) {
			my $buf;
			exit 0 if defined $s->recv($buf, 512) && length $buf;
			# An ICMP error wakes select at once: wait anyway.
			select(undef, undef, undef, 0.1);
		}
	}
	exit 1;' "$1" "${UNBOUND_WAIT:-50}"
}

unbound_start() {
	command -v unbound >/dev/null 2>&1 || return 1
	DNS_PORT=$(free_port) || return 1
	cat >"$TMP/unbound.conf" <<EOF
server:
	interface: 127.0.0.1
	port: $DNS_PORT
	do-daemonize: no
	username: ""
	chroot: ""
	directory: "$TMP"
	pidfile: "$TMP/unbound.pid"
	use-syslog: no
	logfile: "$TMP/unbound.log"
	verbosity: 0
	do-ip6: no
	num-threads: 1
	access-control: 127.0.0.0/8 allow
	module-config: "iterator"
	local-zone: "." refuse
EOF
	cat "$1" >>"$TMP/unbound.conf"
	printf 'remote-control:\n\tcontrol-enable: no\n' >>"$TMP/unbound.conf"
	unbound -d -c "$TMP/unbound.conf" >"$TMP/unbound.out" 2>&1 &
	DNS_PID=$!
	trap 'unbound_stop; [ -n "${UNBOUND_KEEP_TMP-}" ] || rm -rf "$TMP"' EXIT
	if ! dns_wait "$DNS_PORT"; then
		cat "$TMP/unbound.out" "$TMP/unbound.log" 2>/dev/null |
		    sed 's/^/# /'
		unbound_stop
		return 1
	fi
}

unbound_stop() {
	if [ -n "$DNS_PID" ]; then
		kill "$DNS_PID" 2>/dev/null
		wait "$DNS_PID" 2>/dev/null
		DNS_PID=
	fi
}
