#!/bin/sh
# mnw-backtrace against a local unbound serving test zones, a local
# WHOIS server and MaxMind DB files built by t/mkmmdb.pl.
. "${MNW_TOP:-.}/t/lib.sh"
. "$MNW_TOP/t/unbound.sh"

command -v unbound >/dev/null 2>&1 ||
	skip_all "unbound is not installed (Debian package unbound)"

D=$MNW_TOP/t/data/backtrace
perl "$MNW_TOP/t/mkmmdb.pl" country "$D/country.txt" "$TMP/country.mmdb" ||
	skip_all "cannot build the test MaxMind DB"
perl "$MNW_TOP/t/mkmmdb.pl" asn "$D/asn.txt" "$TMP/asn.mmdb"
unbound_start "$D/zones.conf" || skip_all "unbound did not start"
DEAD=$(free_port)

# Column N of the output line for address A.
col() {
	awk -F '\t' -v a="$1" -v n="$2" '$1 == a { print $n }' "$3"
}

bt() {
	mnw-backtrace -D "$TMP/none" -g "$TMP/country.mmdb" \
	    -a "$TMP/asn.mmdb" -t 500 -r 2 "$@"
}

addrs() {
	for h in 7 8 9 10 11 12 13 14 15 16 17 18; do
		echo "198.51.100.$h"
	done
	echo "2001:db8::5"
}

# ---- online, no cache ----
addrs >"$TMP/addrs"
bt -v -w -s "127.0.0.1:$DNS_PORT" -o "$D/overrides" "$TMP/addrs" \
    >"$TMP/out" 2>"$TMP/err"
is "online run exit status" "$?" 0
like "rejected answers are counted" "$(cat "$TMP/err")" \
    "DNS or WHOIS answers rejected"
is "header names the type" "$(head -n 1 "$TMP/out" | cut -d ' ' -f1)" \
    "#mnw-backtrace/1"
is "header field 11 names column 11" "$(head -n 1 "$TMP/out" | cut -f11)" \
    contacts
is "one line per address" "$(grep -vc '^#' "$TMP/out")" 13
is "every line has 14 fields" \
    "$(grep -v '^#' "$TMP/out" | awk -F '\t' 'NF != 14' | wc -l | tr -d ' ')" 0
check "no control bytes in output" no_control_bytes "$TMP/out"

O=$TMP/out
is "confirmed PTR" "$(col 198.51.100.7 2 "$O") $(col 198.51.100.7 3 "$O")" \
    "host7.provider-a.nl confirmed"
is "origin ASN" "$(col 198.51.100.7 4 "$O")" 64500
is "AS name" "$(col 198.51.100.7 5 "$O")" "PROVIDER-A Provider A BV, NL"
is "announced prefix" "$(col 198.51.100.7 6 "$O")" 198.51.100.0/24
is "registry and allocation country" \
    "$(col 198.51.100.7 7 "$O") $(col 198.51.100.7 8 "$O")" "ripencc NL"
is "geolocated country from mmdb" "$(col 198.51.100.7 9 "$O")" BE
is "network facts from Team Cymru" "$(col 198.51.100.7 10 "$O")" cymru
is "abuse-zone contact" "$(col 198.51.100.7 11 "$O")" abuse@provider-a.nl
is "abuse-zone provenance" "$(col 198.51.100.7 12 "$O")" \
    dns:abuse-contacts.abusix.zone
like "contact time is ISO 8601" "$(col 198.51.100.7 13 "$O")" "Z"
is "all lookups answered" "$(col 198.51.100.7 14 "$O")" -
is "WHOIS skipped for no contact" "$(col 198.51.100.8 14 "$O")" whois:skipped

is "unconfirmed PTR" "$(col 198.51.100.8 3 "$O")" unconfirmed
is "most specific prefix wins" "$(col 198.51.100.8 6 "$O")" 198.51.100.0/25
is "several origin ASNs" "$(col 198.51.100.8 4 "$O")" 64510,64511
is "unconfirmed PTR gives no guess" "$(col 198.51.100.8 11 "$O")" -

is "guess from confirmed PTR" "$(col 198.51.100.9 11 "$O")" \
    abuse@example-isp.co.uk
is "guess provenance" "$(col 198.51.100.9 12 "$O")" guess:ptr

is "PTR with control bytes is invalid" \
    "$(col 198.51.100.10 2 "$O") $(col 198.51.100.10 3 "$O")" "- invalid"
is "TXT with CR LF is no contact" "$(col 198.51.100.10 11 "$O")" -
is "300-character PTR is invalid" "$(col 198.51.100.11 3 "$O")" invalid
is "TXT with NUL, placeholder, HTML: no contact" \
    "$(col 198.51.100.12 11 "$O")" -
is "PTR with HTML is invalid" "$(col 198.51.100.13 3 "$O")" invalid
is "origin prefix not containing the address is ignored" \
    "$(col 198.51.100.14 6 "$O")" 198.51.100.14/32
is "hostile AS name is escaped" "$(col 198.51.100.14 5 "$O")" \
    'EVIL\r\nX-Injected: 1\t<script>'

is "override: never report" \
    "$(col 198.51.100.15 11 "$O") $(col 198.51.100.15 12 "$O")" "- never:2"
is "override by ASN" \
    "$(col 198.51.100.16 11 "$O") $(col 198.51.100.16 12 "$O")" \
    "abuse-desk@provider-k.nl override:3"
is "override by domain" \
    "$(col 198.51.100.17 11 "$O") $(col 198.51.100.17 12 "$O")" \
    "noc@provider-l.nl override:4"
is "no records at all" \
    "$(col 198.51.100.18 3 "$O") $(col 198.51.100.18 4 "$O") $(col 198.51.100.18 10 "$O")" \
    "none 64599 offline"

is "IPv6 confirmed PTR" "$(col 2001:db8::5 2 "$O") $(col 2001:db8::5 3 "$O")" \
    "v6host.provider-a.nl confirmed"
is "IPv6 origin" "$(col 2001:db8::5 4 "$O") $(col 2001:db8::5 6 "$O")" \
    "64501 2001:db8::/32"
is "IPv6 contact" "$(col 2001:db8::5 11 "$O")" abuse@v6.provider-a.nl

# ---- incident records ----
tab=$(printf '\t')
{
	printf '#mnw-incident/1\tsource\tprefix\tfirst\tlast\tevents\tfiltered'
	printf '\tagents\ttargets\ttargetnets\tports\tprotos\tevidence'
	printf '\tverdict\trule\tagentlist\n'
	printf '198.51.100.7\t198.51.100.7/32\t2026-12-01T00:00:00Z'
	printf '\t2026-12-01T01:00:00Z\t12\t0\t3\t3\t3\t22:12\ttcp\tstrong'
	printf '\tcandidate\tagents>=3\ta,b,c\n'
} >"$TMP/inc"
bt -w -s "127.0.0.1:$DNS_PORT" "$TMP/inc" >"$TMP/incout" 2>"$TMP/err"
is "incident run exit status" "$?" 0
is "incident header type" "$(head -n 1 "$TMP/incout" | cut -d ' ' -f1)" \
    "#mnw-incident-backtrace/1"
is "incident header field 25" "$(head -n 1 "$TMP/incout" | cut -f25)" \
    contacts
is "incident fields kept" "$(tail -n 1 "$TMP/incout" | cut -f1-15)" \
    "$(tail -n 1 "$TMP/inc")"
is "incident contact in field 25" "$(tail -n 1 "$TMP/incout" | cut -f25)" \
    abuse@provider-a.nl
# A second backtrace of enriched records replaces the old fields.
bt -w -s "127.0.0.1:$DNS_PORT" "$TMP/incout" >"$TMP/incout2" 2>"$TMP/err"
is "rerun on enriched records" \
    "$(tail -n 1 "$TMP/incout2" | awk -F '\t' '{ print NF, $25 }')" \
    "28 abuse@provider-a.nl"

# ---- cache: a warm run asks nobody ----
bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cache" -o "$D/overrides" \
    "$TMP/addrs" >"$TMP/cold" 2>"$TMP/err"
is "cold run with cache" "$?" 0
check "cache file written" test -s "$TMP/cache"
bt -v -w -s "127.0.0.1:$DEAD" -c "$TMP/cache" -o "$D/overrides" \
    "$TMP/addrs" >"$TMP/warm" 2>"$TMP/err"
is "warm run exit status" "$?" 0
like "warm run makes no DNS queries" "$(cat "$TMP/err")" "; 0 DNS queries"
is "warm run gives the same answers" "$(cut -f1-13 "$TMP/warm")" \
    "$(cut -f1-13 "$TMP/cold")"
is "warm run marks the cache" "$(col 198.51.100.7 14 "$TMP/warm")" cache
like "no-contact entries are cached" "$(col 198.51.100.18 14 "$TMP/warm")" \
    cache
check "hostile AS name escaped in the cache" \
    grep -qF 'EVIL\r\nX-Injected: 1\t<script>' "$TMP/cache"
# A run that asks WHOIS does not take an entry that skipped it.
echo 198.51.100.7 | bt -s "127.0.0.1:$DNS_PORT" -W "*=127.0.0.1:$DEAD" \
    -c "$TMP/cache" >"$TMP/warmw" 2>"$TMP/err"
is "entry with a contact still served" "$(col 198.51.100.7 14 "$TMP/warmw")" \
    cache
echo 94.0.0.12 | bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cachew" \
    >/dev/null 2>&1
echo 94.0.0.12 | bt -s "127.0.0.1:$DNS_PORT" -W "*=127.0.0.1:$DEAD" \
    -c "$TMP/cachew" >"$TMP/warmw" 2>"$TMP/err"
is "WHOIS run over -w cache: exit status 75" "$?" 75
is "entry that skipped WHOIS looked up again" \
    "$(col 94.0.0.12 14 "$TMP/warmw")" whois:failed
# An expired entry is not used: lifetime 0 stores nothing fresh.
bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cache0" -T 0 -N 0 "$TMP/addrs" \
    >/dev/null 2>&1
bt -v -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cache0" "$TMP/addrs" \
    >/dev/null 2>"$TMP/err"
like "expired entries are looked up again" "$(cat "$TMP/err")" \
    "0 from the cache"
# The bound on entries.
bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cache5" -M 5 "$TMP/addrs" \
    >/dev/null 2>&1
is "cache is bounded" "$(grep -vc '^#' "$TMP/cache5")" 5

# ---- two runs sharing one cache at the same time keep both results ----
# The second run waits for the first one's lock, loads what it saved
# and saves both; without the lock the later save would drop the
# earlier run's answers.
head -n 6 "$TMP/addrs" >"$TMP/addrs-a"
tail -n +7 "$TMP/addrs" >"$TMP/addrs-b"
bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cachec" "$TMP/addrs-a" \
    >/dev/null 2>&1 &
pa=$!
bt -w -s "127.0.0.1:$DNS_PORT" -c "$TMP/cachec" "$TMP/addrs-b" \
    >/dev/null 2>&1 &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
rb=$?
is "parallel runs on one cache: exit statuses" "$ra $rb" "0 0"
bt -v -w -s "127.0.0.1:$DEAD" -c "$TMP/cachec" "$TMP/addrs" \
    >/dev/null 2>"$TMP/err"
like "parallel runs: both runs' answers are in the cache" \
    "$(cat "$TMP/err")" "; 0 DNS queries"

# ---- DNS down: offline data still answers ----
bt -w -s "127.0.0.1:$DEAD" -r 1 -o "$D/overrides" "$TMP/addrs" \
    >"$TMP/down" 2>"$TMP/err"
is "DNS down: exit status 75" "$?" 75
is "DNS down: ASN from offline data" \
    "$(col 198.51.100.7 4 "$TMP/down") $(col 198.51.100.7 10 "$TMP/down")" \
    "64500 offline"
is "DNS down: country from offline data" "$(col 198.51.100.7 9 "$TMP/down")" BE
is "DNS down: override still applies" "$(col 198.51.100.15 12 "$TMP/down")" \
    never:2
like "DNS down: failed lookups marked" "$(col 198.51.100.7 14 "$TMP/down")" \
    "ptr:failed"
like "DNS down: message" "$(cat "$TMP/err")" \
    "lookups failed for some addresses, run again later: ptr, origin, abuse-zone"

# A server that never answers: the run gives up on DNS early.
perl -MIO::Socket::INET -e '$| = 1;
	my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1",
	    LocalPort => 0, Proto => "udp") or die;
	print $s->sockport, "\n";
	sleep 60' >"$TMP/hole.port" &
HOLE=$!
sleep 0.3
i=0
while [ $i -lt 1000 ]; do
	echo "45.18.$((i / 256)).$((i % 256))"
	i=$((i + 1))
done >"$TMP/many"
bt -v -w -C -t 200 -r 1 -j 30 -s "127.0.0.1:$(cat "$TMP/hole.port")" \
    "$TMP/many" >"$TMP/hole" 2>"$TMP/err"
is "silent DNS: exit status 75" "$?" 75
sent=$(sed -n 's/.*; \([0-9]*\) DNS queries.*/\1/p' "$TMP/err")
check "silent DNS: gives up after 200 failures" \
    test "${sent:-0}" -ge 200 -a "${sent:-0}" -le 230
is "silent DNS: every line written" "$(grep -vc '^#' "$TMP/hole")" 1000
like "silent DNS: lookups marked failed" \
    "$(tail -n 1 "$TMP/hole" | cut -f14)" "ptr:failed" 
kill "$HOLE" 2>/dev/null

# ---- offline mode ----
bt -n -o "$D/overrides" "$TMP/addrs" >"$TMP/off" 2>"$TMP/err"
is "offline exit status" "$?" 0
is "offline ASN" "$(col 198.51.100.16 4 "$TMP/off")" 64599
like "offline run names skipped lookups" "$(col 198.51.100.7 14 "$TMP/off")" \
    "whois:skipped"

# ---- WHOIS through the local server ----
mkdir -p "$TMP/whois"
cat >"$TMP/whois/default" <<'EOF'
% Abuse contact for '94.0.0.0 - 94.0.0.255' is 'abuse@provider-w.nl'

inetnum:        94.0.0.0 - 94.0.0.255
netname:        PROVIDER-W
country:        NL
abuse-c:        PW1-RIPE
source:         RIPE
EOF
perl "$MNW_TOP/t/whoisd.pl" -d "$TMP/whois" -P "$TMP/whois.port" \
    >/dev/null 2>&1 &
WPID=$!
trap 'kill $WPID 2>/dev/null; unbound_stop; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/whois.port" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
WPORT=$(cat "$TMP/whois.port" 2>/dev/null)
echo 94.0.0.10 | bt -s "127.0.0.1:$DNS_PORT" -W "*=127.0.0.1:$WPORT" \
    >"$TMP/w" 2>"$TMP/err"
is "WHOIS run exit status" "$?" 0
is "WHOIS contact" "$(col 94.0.0.10 11 "$TMP/w")" abuse@provider-w.nl
like "WHOIS provenance" "$(col 94.0.0.10 12 "$TMP/w")" "whois:"
echo 94.0.0.11 | bt -s "127.0.0.1:$DNS_PORT" -W "*=127.0.0.1:$DEAD" \
    >"$TMP/w2" 2>/dev/null
is "WHOIS down: exit status 75" "$?" 75
like "WHOIS down: marked" "$(col 94.0.0.11 14 "$TMP/w2")" whois:failed
kill "$WPID" 2>/dev/null

# The registry answers of the WHOIS tests: ARIN, a referral from ARIN
# to RIPE, and a placeholder, through mnw-backtrace.
W=$MNW_TOP/t/data/whois
if [ -f "$W/n_+_24.0.0.1" ]; then
	perl "$MNW_TOP/t/whoisd.pl" -d "$W" -P "$TMP/wm.port" \
	    >/dev/null 2>&1 &
	WPIDS=$!
	perl "$MNW_TOP/t/whoisd.pl" -d "$W/iana" -P "$TMP/wi.port" \
	    >/dev/null 2>&1 &
	WPIDS="$WPIDS $!"
	trap 'kill $WPIDS 2>/dev/null; unbound_stop; rm -rf "$TMP"' EXIT
	i=0
	while { [ ! -s "$TMP/wm.port" ] || [ ! -s "$TMP/wi.port" ]; } &&
	    [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	map="*=127.0.0.1:$(cat "$TMP/wm.port"),whois.iana.org=127.0.0.1:$(cat "$TMP/wi.port")"
	printf '24.0.0.1\n128.0.0.1\n' |
	    bt -s "127.0.0.1:$DNS_PORT" -W "$map" >"$TMP/reg" 2>"$TMP/err"
	is "registries: exit status" "$?" 0
	is "ARIN: resource abuse POC" \
	    "$(col 24.0.0.1 11 "$TMP/reg") $(col 24.0.0.1 12 "$TMP/reg")" \
	    "security@hosting.example whois:whois.arin.net"
	is "ARIN to RIPE: contact of the referral" \
	    "$(col 128.0.0.1 11 "$TMP/reg") $(col 128.0.0.1 12 "$TMP/reg")" \
	    "abuse@transit.example whois:whois.ripe.net"
	kill $WPIDS 2>/dev/null
else
	skip "no WHOIS test answers in $W"
fi

# ---- exit statuses and messages ----
exit_is "usage error" 64 mnw-backtrace -j 0
printf '198.51.100.0/24 maybe\n' >"$TMP/badov"
exit_is "bad override file" 78 mnw-backtrace -n -o "$TMP/badov" /dev/null
mnw-backtrace -n -o "$TMP/badov" /dev/null 2>"$TMP/err"
like "override error names the line" "$(cat "$TMP/err")" "badov:1: invalid mailbox 'maybe'"
exit_is "missing input file" 66 mnw-backtrace -n "$TMP/nonexistent"
exit_is "missing override file" 78 mnw-backtrace -n -o "$TMP/nonexistent" "$TMP/nonexistent"
exit_is "no input" 1 mnw-backtrace -n /dev/null
printf '198.51.100.7\n300.1.2.3\n' >"$TMP/bad"
mnw-backtrace -n -D "$TMP/none" "$TMP/bad" >"$TMP/out" 2>"$TMP/err"
is "invalid address: exit status 65" "$?" 65
like "invalid address message" "$(cat "$TMP/err")" \
    "bad:2: invalid source address '300.1.2.3'"
is "valid lines still written" "$(grep -vc '^#' "$TMP/out")" 1
printf '#mnw-event/1\ttime\n' >"$TMP/ev"
exit_is "wrong record type" 65 mnw-backtrace -n "$TMP/ev"
# Private and loopback sources never reach a DNS or WHOIS server: with
# a server that does not answer, nothing fails and nothing is sent.
printf '10.1.1.1\n127.0.0.1\nfe80::1\n' |
    mnw-backtrace -C -v -w -s 127.0.0.1:1 -t 100 >"$TMP/priv" 2>"$TMP/priv.err"
is "private sources: exit 0" "$?" 0
like "private sources: no DNS query" "$(cat "$TMP/priv.err")" "0 DNS queries"
is "private sources: lookups skipped" \
    "$(grep -v '^#' "$TMP/priv" | cut -f 14 | sort -u)" \
    "ptr:skipped,forward:skipped,origin:skipped,asname:skipped,abuse-zone:skipped,whois:skipped"
exit_is "-h exits 0" 0 mnw-backtrace -h
like "-h lists the options" "$(mnw-backtrace -h)" "-Z zone"
like "-n without any offline data says so" \
    "$(printf '198.51.100.7\n' |
    MNW_DATA="$TMP/no-such-dir" mnw-backtrace -n -C 2>&1 >/dev/null)" \
    "offline data directory $TMP/no-such-dir: "

unbound_stop
done_testing
