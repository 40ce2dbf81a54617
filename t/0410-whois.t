#!/bin/sh
# WHOIS lookups against local servers (t/whoisd.pl) that replay answers
# in each registry's shape from t/data/whois: referrals ARIN -> RIPE and
# ARIN -> RWhois, a referral loop, the hop limit, placeholders, a 10 MiB
# answer, a stalled server, early close, refusal with backoff.  Only
# 127.0.0.1 is contacted: the driver runs with a strict server map.
. "${MNW_TOP:-.}/t/lib.sh"

query="$MNW_BIN/../t/whois-query"
[ -x "$query" ] || skip_all "no $query (make test-shell builds it)"
command -v perl >/dev/null || skip_all "perl is not installed"

pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# start_whoisd NAME DIR: start a server, set $port to its port.
start_whoisd() {
	perl "$MNW_TOP/t/whoisd.pl" -d "$2" -P "$TMP/$1.port" \
	    -l "$TMP/$1.log" >/dev/null 2>"$TMP/$1.err" &
	pids="$pids $!"
	_i=0
	while [ ! -s "$TMP/$1.port" ] && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	port=$(cat "$TMP/$1.port" 2>/dev/null)
	[ -n "$port" ] || { echo "Bail out! whoisd $1 did not start"; exit 1; }
}

start_whoisd main "$MNW_TOP/t/data/whois"
main=$port
start_whoisd iana "$MNW_TOP/t/data/whois/iana"
map="*=127.0.0.1:$main,whois.iana.org=127.0.0.1:$port"

# get KEY FILE: the value of the first "KEY<TAB>value" line.
get() { awk -F '\t' -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# hop N FILE: the Nth hop line without its key.
hop() { awk -F '\t' -v n="$1" '$1 == "hop" && ++i == n {
	print $2 " " $3 " " $4 " " $5 }' "$2"; }
count() { awk -F '\t' -v k="$1" '$1 == k { n++ } END { print n + 0 }' "$2"; }

# lookup NAME ADDR [OPTIONS]: run the driver, output in $TMP/NAME.
lookup() {
	_name=$1
	_addr=$2
	shift 2
	"$query" -M -m "$map" -t 3000 "$@" "$_addr" >"$TMP/$_name" \
	    2>"$TMP/$_name.err"
	rc=$?
}

lookup arin 24.0.0.1
is "arin: exit status" "$rc" 0
is "arin: resource POC of the most specific net" \
    "$(get abuse "$TMP/arin")" security@hosting.example
is "arin: query style" "$(hop 1 "$TMP/arin")" \
    "whois.arin.net 43 n + 24.0.0.1 ok"
is "arin: range of the most specific net" "$(get range "$TMP/arin")" \
    "24.0.0.0 - 24.0.0.255"
is "arin: country" "$(get country "$TMP/arin")" US

lookup ripe 128.0.0.1
is "arin to ripe: exit status" "$rc" 0
is "arin to ripe: contact from ripe" "$(get abuse "$TMP/ripe")" \
    abuse@transit.example
is "arin to ripe: server" "$(get server "$TMP/ripe")" whois.ripe.net
is "arin to ripe: second hop" "$(hop 2 "$TMP/ripe")" \
    "whois.ripe.net 43 128.0.0.1 ok"
is "arin to ripe: two hops" "$(count hop "$TMP/ripe")" 2
if grep -q 'abuse@ripe.net' "$TMP/ripe"; then
	not_ok "arin to ripe: registry desk not taken"
else
	ok "arin to ripe: registry desk not taken"
fi

lookup rwhois 130.0.0.1
is "arin to rwhois: contact" "$(get abuse "$TMP/rwhois")" \
    cs-abuse@uni.example
is "arin to rwhois: second hop" "$(hop 2 "$TMP/rwhois")" \
    "rwhois.uni.example 4321 130.0.0.1 ok"
is "arin to rwhois: root referral not followed" \
    "$(count hop "$TMP/rwhois")" 2

lookup loop 132.0.0.1
is "loop: exit status" "$rc" 0
is "loop: detected" "$(get loop "$TMP/loop")" 1
is "loop: two hops" "$(count hop "$TMP/loop")" 2

lookup hops 128.0.0.1 -n 1
is "hop limit: one hop" "$(count hop "$TMP/hops")" 1
is "hop limit: no contact" "$(get abuse "$TMP/hops")" -

lookup placeholder 77.0.0.1
is "placeholders: no contact" "$(get abuse "$TMP/placeholder")" -
is "placeholders: rejected count" "$(get rejected "$TMP/placeholder")" 2
like "placeholders: first rejected" \
    "$(grep '^rejected-first' "$TMP/placeholder")" "placeholder	unread@ripe.net"

start=$(date +%s)
lookup big 78.0.0.1
end=$(date +%s)
is "10 MiB answer: exit status" "$rc" 0
is "10 MiB answer: contact before the limit" "$(get abuse "$TMP/big")" \
    abuse@big.example
is "10 MiB answer: flagged" "$(get flags "$TMP/big")" truncated
if grep -q late@big.example "$TMP/big"; then
	not_ok "10 MiB answer: nothing after the limit"
else
	ok "10 MiB answer: nothing after the limit"
fi
check "10 MiB answer: under 10 seconds" [ $((end - start)) -lt 10 ]

start=$(date +%s)
lookup stall 79.0.0.1 -t 1000
end=$(date +%s)
is "stalled server: exit status" "$rc" 75
is "stalled server: error" "$(get error "$TMP/stall")" "timed out"
check "stalled server: gives up in time" [ $((end - start)) -lt 5 ]

lookup close 81.0.0.1
is "early close: exit status" "$rc" 75
is "early close: error" "$(get error "$TMP/close")" \
    "server closed the connection without an answer"

lookup refused 82.0.0.1 -c 2 -w 0
is "refusal: exit status" "$rc" 75
is "refusal: first lookup refused" \
    "$(awk -F '\t' '$1 == "error" { print $2; exit }' "$TMP/refused")" \
    "server refused the query (access denied or rate limit)"
is "refusal: second lookup backs off" \
    "$(awk -F '\t' '$1 == "error" { e = $2 } END { print e }' "$TMP/refused")" \
    "politeness limit reached, retry later"
is "refusal: server asked once" "$(grep -c '^82\.0\.0\.1$' "$TMP/main.log")" 1

"$query" -M -m '*=127.0.0.1:1' -t 2000 24.0.0.1 >"$TMP/conn" 2>&1
is "connection refused: exit status" "$?" 75
is "connection refused: error" "$(get error "$TMP/conn")" "connection failed"

"$query" -M -m "whois.arin.net=127.0.0.1:$main" 1.0.0.1 >"$TMP/strict" 2>&1
is "strict map: exit status" "$?" 75
is "strict map: error" "$(get error "$TMP/strict")" \
    "no server for this address"
is "strict map: nothing sent" "$(grep -c '^1\.0\.0\.1$' "$TMP/main.log")" 0

"$query" -M -m "$map" 10.0.0.1 >"$TMP/private" 2>&1
is "private address: error" "$(get error "$TMP/private")" \
    "address is not global unicast"

lookup apnic 1.0.0.1
is "apnic: irt contact" "$(get abuse "$TMP/apnic")" abuse@pacific.example
lookup afrinic 41.0.0.1
is "afrinic: no contact" "$(get abuse "$TMP/afrinic")" -
is "afrinic: flag" "$(get flags "$TMP/afrinic")" no-abuse
like "afrinic: remark kept as fallback" "$(grep '^contact' "$TMP/afrinic")" \
    "abuse@africa.example	remarks	remark"
lookup lacnic 200.0.0.1
is "lacnic: abuse-c e-mail" "$(get abuse "$TMP/lacnic")" abuso@telecom.example
is "lacnic: range" "$(get net "$TMP/lacnic")" "200.0.0.0 200.0.15.255"
lookup ripe6 2a00::1
is "ripe ipv6: contact" "$(get abuse "$TMP/ripe6")" abuse@v6.example
lookup arin6 2001:400::1
is "arin ipv6: contact" "$(get abuse "$TMP/arin6")" abuse@energy.example
lookup iana 2e00::1
is "iana: first hop" "$(hop 1 "$TMP/iana")" "whois.iana.org 43 2e00::1 ok"
is "iana: contact after refer" "$(get abuse "$TMP/iana")" \
    abuse@iana-path.example

lookup hostile 83.0.0.1
is "hostile answer: contact" "$(get abuse "$TMP/hostile")" \
    abuse@hostile.example
is "hostile answer: values with CR or NUL rejected" \
    "$(get rejected "$TMP/hostile")" 2
is "hostile answer: netname with ESC dropped" "$(get netname "$TMP/hostile")" -
is "hostile answer: one contact" "$(count contact "$TMP/hostile")" 1
like "hostile answer: rejected value escaped" \
    "$(grep '^rejected-first' "$TMP/hostile")" 'second@hostile.example\x0dBcc'


bad=0
for f in "$TMP"/*; do
	no_control_bytes "$f" || { bad=1; diag "control bytes in $f"; }
done
is "no control bytes in any output" "$bad" 0

done_testing
