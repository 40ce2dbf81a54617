#!/bin/sh
# mnw-parse formats dshield, winfw, pf, filterlog and asa: exact fields
# of lines written for this test, skipped lines, and rejections with
# their reason and value, including hostile values.

. "${MNW_TOP:-.}/t/lib.sh"

REF=2026-12-05T00:00:00Z
TAB=$(printf '\t')

# ev LINE...: the event fields of the lines, one record per output line:
# time src sport dst dport proto icmp flags action count format host,
# separated by single spaces.
ev() {
	printf '%s\n' "$@" |
	    mnw-parse -H -q -r t -y "$REF" -z "${ZONE:-UTC}" 2>/dev/null |
	    cut -f1,3-13 | tr '\t' ' '
}

# why LINE: "skip: REASON" for a skipped line, else the warning for a
# rejected line without the "mnw-parse: stdin:1: " prefix.
why() {
	printf '%s\n' "$1" |
	    mnw-parse -H -r t -y "$REF" -z "${ZONE:-UTC}" >/dev/null 2>"$TMP/err"
	if grep -q ' 1 skipped (' "$TMP/err"; then
		sed -n 's/.* 1 skipped (1 \(.*\)), 0 rejected$/skip: \1/p' \
		    "$TMP/err"
	else
		sed -n '1s/^mnw-parse: stdin:1: //p' "$TMP/err"
	fi
}

# dsh F1 ... F9: a DShield line from its nine fields.
dsh() {
	_l=$1
	shift
	for _f in "$@"; do
		_l="$_l$TAB$_f"
	done
	printf '%s' "$_l"
}

D='2026-12-04 19:10:59 -05:00'

# ---- dshield -------------------------------------------------------

is "dshield tcp ipv4" \
    "$(ev "$(dsh "$D" 4711 3 192.0.2.7 4123 198.51.100.9 22 TCP S)")" \
    "2026-12-05T00:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - S drop 3 dshield -"
is "dshield udp ipv6 by number" \
    "$(ev "$(dsh "$D" 4711 1 2001:db8::7 53 2001:db8::9 5353 17 '')")" \
    "2026-12-05T00:10:59Z 2001:db8::7 53 2001:db8::9 5353 udp - - drop 1 dshield -"
is "dshield icmp type in ports" \
    "$(ev "$(dsh "$D" 4711 2 192.0.2.7 8 198.51.100.9 0 ICMP '')")" \
    "2026-12-05T00:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - drop 2 dshield -"
is "dshield icmpv6" \
    "$(ev "$(dsh "$D" 4711 1 2001:db8::7 128 2001:db8::9 0 58 '')")" \
    "2026-12-05T00:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - drop 1 dshield -"
is "dshield snort flag letters" \
    "$(ev "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 2 6 12UAPRSF)")" \
    "2026-12-05T00:10:59Z 192.0.2.7 1 198.51.100.9 2 tcp - CEUAPRSF drop 1 dshield -"
is "dshield utc zone and max count" \
    "$(ev "$(dsh '2026-12-04 19:10:59 +00:00' x 4294967295 192.0.2.7 1 198.51.100.9 2 6 S)")" \
    "2026-12-04T19:10:59Z 192.0.2.7 1 198.51.100.9 2 tcp - S drop 4294967295 dshield -"
is "dshield gre ports not kept" \
    "$(ev "$(dsh "$D" 4711 1 192.0.2.7 0 198.51.100.9 0 47 '')")" \
    "2026-12-05T00:10:59Z 192.0.2.7 - 198.51.100.9 - 47 - - drop 1 dshield -"

is "dshield address 300" \
    "$(why "$(dsh "$D" 4711 1 300.1.2.3 1 198.51.100.9 22 6 S)")" \
    "invalid source address '300.1.2.3'"
is "dshield target port 70000" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 70000 6 S)")" \
    "invalid target port '70000'"
is "dshield huge count" \
    "$(why "$(dsh "$D" 4711 99999999999999999999 192.0.2.7 1 198.51.100.9 22 6 S)")" \
    "invalid count '99999999999999999999'"
is "dshield count above record range" \
    "$(why "$(dsh "$D" 4711 4294967296 192.0.2.7 1 198.51.100.9 22 6 S)")" \
    "invalid count '4294967296'"
is "dshield count zero" \
    "$(why "$(dsh "$D" 4711 0 192.0.2.7 1 198.51.100.9 22 6 S)")" \
    "invalid count '0'"
is "dshield icmp type 256" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 256 198.51.100.9 0 1 '')")" \
    "invalid icmp type '256'"
is "dshield mixed families" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 2001:db8::9 22 6 S)")" \
    "source and target address families differ '2001:db8::9'"
is "dshield bad flag letter" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 6 SX)")" \
    "invalid tcp flags 'SX'"
is "dshield unknown protocol" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 tcpx S)")" \
    "invalid protocol 'tcpx'"
is "dshield impossible date" \
    "$(why "$(dsh '2026-02-30 19:10:59 -05:00' 4711 1 192.0.2.7 1 198.51.100.9 22 6 S)")" \
    "invalid time '2026-02-30 19:10:59 -05:00'"
long=$(awk 'BEGIN { while (n++ < 100) printf "u" }')
is "dshield submitter of 100 bytes" \
    "$(why "$(dsh "$D" "$long" 1 192.0.2.7 1 198.51.100.9 22 6 S)")" \
    "invalid submitter id 'uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu...'"
long=$(awk 'BEGIN { while (n++ < 50000) printf "S" }')
is "dshield flags of 50000 bytes" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 6 "$long")")" \
    "invalid tcp flags 'SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS...'"
is "dshield eight fields not claimed" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 6)")" \
    "unknown format '2026-12-04 19:10:59 -05:00\\x094711\\x091\\x09192.0.2.7\\x091\\x09198.51.100.9\\x092...'"
like "dshield ten fields not claimed" \
    "$(why "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 6 S x)")" \
    "unknown format '"
printf '%s\n' "$(dsh "$D" 4711 1 192.0.2.7 1 198.51.100.9 22 6 S)" |
    sed 's/4711/47\x0011/' > "$TMP/nul"
mnw-parse -H -r t -z UTC "$TMP/nul" >/dev/null 2>"$TMP/err"
like "dshield NUL byte rejected" "$(cat "$TMP/err")" "NUL byte in line"

# ---- winfw ---------------------------------------------------------

cat > "$TMP/pfirewall.log" <<'EOF'
#Version: 1.5
#Software: Microsoft Windows Firewall
#Time Format: Local
#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid
2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 3389 52 S 3391512 0 64240 - - - RECEIVE 4
2026-12-04 19:11:00 ALLOW UDP 2001:db8::7 2001:db8::9 5353 53 60 - - - - - - - RECEIVE 1234
2026-12-04 19:11:01 ALLOW UDP 198.51.100.9 192.0.2.53 50000 53 60 - - - - - - - SEND 1234
2026-12-04 19:11:02 DROP ICMP 192.0.2.7 198.51.100.9 - - 84 - - - - 8 0 - RECEIVE 4
2026-12-04 19:11:03 DROP ICMP fe80::1 ff02::1 - - 72 - - - - 135 0 - RECEIVE 4
2026-12-04 19:11:04 DROP 2 192.0.2.7 224.0.0.22 - - 40 - - - - - - - RECEIVE 4
2026-12-04 19:11:05 INFO-EVENTS-LOST - - - - - - - - - - - - 59 - -
EOF
ZONE=+01:00
is "winfw stream with header and pid" \
    "$(ev "$(cat "$TMP/pfirewall.log")")" \
    "2026-12-04T18:10:59Z 192.0.2.7 4123 198.51.100.9 3389 tcp - S drop 1 winfw -
2026-12-04T18:11:00Z 2001:db8::7 5353 2001:db8::9 53 udp - - accept 1 winfw -
2026-12-04T18:11:02Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - drop 1 winfw -
2026-12-04T18:11:03Z fe80::1 - ff02::1 - icmpv6 135/0 - drop 1 winfw -
2026-12-04T18:11:04Z 192.0.2.7 - 224.0.0.22 - 2 - - drop 1 winfw -"
mnw-parse -H -r t -z +01:00 "$TMP/pfirewall.log" >/dev/null 2>"$TMP/err"
like "winfw headers and outbound skipped" "$(cat "$TMP/err")" \
    "11 lines, 5 events, 6 skipped (4 windows firewall header, 1 outbound connection allowed, 1 firewall lost events), 0 rejected"
is "winfw xp line without header" \
    "$(ev '2005-04-11 08:06:26 DROP TCP 192.0.2.7 198.51.100.9 80 1774 576 AP 123456789 987654321 12345 - - - RECEIVE')" \
    "2005-04-11T07:06:26Z 192.0.2.7 80 198.51.100.9 1774 tcp - AP drop 1 winfw -"
is "winfw open-inbound is accept" \
    "$(ev '2005-04-11 08:06:26 OPEN-INBOUND TCP 192.0.2.7 198.51.100.9 1606 445 - - - - - - - - -')" \
    "2005-04-11T07:06:26Z 192.0.2.7 1606 198.51.100.9 445 tcp - - accept 1 winfw -"
is "winfw open skipped" \
    "$(why '2005-04-11 08:09:29 OPEN TCP 192.0.2.7 198.51.100.9 1606 445 - - - - - - - - -')" \
    "skip: outbound connection opened"
is "winfw close skipped" \
    "$(why '2005-04-11 08:09:30 CLOSE TCP 192.0.2.7 198.51.100.9 1607 139 - - - - - - - - -')" \
    "skip: connection closed"
is "winfw source port 70000" \
    "$(why '2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 70000 22 52 S 1 0 1 - - - RECEIVE')" \
    "invalid source port '70000'"
is "winfw address 300" \
    "$(why '2026-12-04 19:10:59 DROP UDP 192.0.2.300 198.51.100.9 7 22 52 - - - - - - - RECEIVE')" \
    "invalid source address '192.0.2.300'"
is "winfw icmp code 300" \
    "$(why '2026-12-04 19:10:59 DROP ICMP 192.0.2.7 198.51.100.9 - - 52 - - - - 3 300 - RECEIVE')" \
    "invalid icmp code '300'"
# The envelope step reads "date time ACTION ..." as an ISO syslog
# header with ACTION as the host; pfirewall.log has no logging host.
is "winfw host is not the action word" \
    "$(printf '%s\n' '2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 22 52 S 1 0 1 - - - RECEIVE' \
    '2026-12-04 19:11:00 ALLOW UDP 192.0.2.7 198.51.100.9 4123 53 52 - - - - - - - RECEIVE' \
    '2026-12-04 19:11:01 OPEN-INBOUND TCP 192.0.2.7 198.51.100.9 4123 445 - - - - - - - - -' |
    mnw-parse -H -q -r t -z UTC | cut -f13 | tr '\n' ' ')" "- - - "
is "winfw two lines joined" \
    "$(why '2006-09-19 03:38:39 OPEN UDP 192.0.2.7 198.51.100.9 123 123 - - - - - - - - -2006-09-19 03:39:05 CLOSE UDP 192.0.2.7 198.51.100.9 1025 53 - - - - - - - - -')" \
    "wrong number of fields"

# A #Fields header reorders the columns; "#Time Format: UTC" makes
# times UTC whatever -z says.
cat > "$TMP/reorder.log" <<'EOF'
#Fields: action date time src-ip dst-ip protocol dst-port src-port path
DROP 2026-12-04 19:11:00 192.0.2.8 198.51.100.9 TCP 23 5555 RECEIVE
#Time Format: UTC
DROP 2026-12-04 19:11:00 192.0.2.8 198.51.100.9 UDP 161 5556 RECEIVE
2026-12-04 19:11:00 DROP TCP 192.0.2.8 198.51.100.9 1 2 - - - - - - - - RECEIVE
EOF
mnw-parse -H -r t -z +01:00 "$TMP/reorder.log" 2>"$TMP/err" |
    cut -f1,3-13 | tr '\t' ' ' > "$TMP/out"
is "winfw fields header reorders columns" "$(cat "$TMP/out")" \
    "2026-12-04T18:11:00Z 192.0.2.8 5555 198.51.100.9 23 tcp - - drop 1 winfw -
2026-12-04T19:11:00Z 192.0.2.8 5556 198.51.100.9 161 udp - - drop 1 winfw -"
like "winfw line in the old order after reorder" "$(cat "$TMP/err")" \
    "reorder.log:5: unknown format"

cat > "$TMP/badfields.log" <<'EOF'
#Fields: date time action protocol dst-ip src-port dst-port
2026-12-04 19:11:00 DROP TCP 198.51.100.9 5555 23
#Fields: date s-ip cs-method cs-uri-stem
EOF
mnw-parse -H -r t -z UTC "$TMP/badfields.log" >/dev/null 2>"$TMP/err"
like "winfw fields header without src-ip" "$(cat "$TMP/err")" \
    "badfields.log:1: #Fields header without a required column '#Fields: date"
like "winfw lines after unusable header" "$(cat "$TMP/err")" \
    "badfields.log:2: columns unknown after an unusable #Fields header"
like "winfw iis header not claimed" "$(cat "$TMP/err")" \
    "badfields.log:3: unknown format '#Fields: date s-ip"

ZONE=UTC

# ---- pf ------------------------------------------------------------

is "pf openbsd bare syn" \
    "$(ev 'Dec 04 19:10:59.184835 rule 4/(match) [uid 0, pid 10758] block in on em0: 192.0.2.1.53614 > 198.51.100.7.1435: S [tcp sum ok] 786092310:786092310(0) win 3072 <mss 1460> (ttl 42, id 1076, len 44)')" \
    "2026-12-04T19:10:59Z 192.0.2.1 53614 198.51.100.7 1435 tcp - S drop 1 pf -"
is "pf ipv6" \
    "$(ev 'Dec 04 19:10:59.123456 rule 4/(match) block in on em0: 2001:db8::1.443 > 2001:db8::2.55000: S 1:1(0) win 1024')" \
    "2026-12-04T19:10:59Z 2001:db8::1 443 2001:db8::2 55000 tcp - S drop 1 pf -"
is "pf flags S. F. R P. and dot" \
    "$(ev 'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: S. 1:1(0) ack 5 win 1024' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: F. 1:1(0) ack 5 win 1024' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: R 1:1(0) win 0' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: P 1:10(9) ack 1 win 512' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: . ack 1 win 512')" \
    "2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - AS drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - AF drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - R drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - AP drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - A drop 1 pf -"
is "pf tcpdump.org tcp udp icmp icmp6" \
    "$(ev '2026-12-04 19:10:59.123456 rule 0/match: block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: Flags [S.], seq 1, ack 1, win 1024, length 0' \
    '2026-12-04 19:10:59.123456 rule 0/match: block in on em0: 192.0.2.1.4000 > 198.51.100.2.53: UDP, length 40' \
    '2026-12-04 19:10:59.123456 rule 0/match: block in on em0: 192.0.2.1 > 198.51.100.2: ICMP echo request, id 1, seq 1, length 64' \
    '2026-12-04 19:10:59.123456 rule 0/match: block in on em0: 2001:db8::1 > 2001:db8::2: ICMP6, echo request, seq 1, length 64')" \
    "2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - AS drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 53 udp - - drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 - 198.51.100.2 - icmp 8/0 - drop 1 pf -
2026-12-04T19:10:59Z 2001:db8::1 - 2001:db8::2 - icmpv6 128/0 - drop 1 pf -"
is "pf openbsd udp icmp icmp6 match" \
    "$(ev 'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.5 > 198.51.100.2.53: udp 40' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1 > 198.51.100.2: icmp: 6.6.6.6 udp port 53 unreachable' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 2001:db8::1 > 2001:db8::2: icmp6: echo reply' \
    'Dec 04 2026 19:10:59.123 rule 2/(match) match in on em0: 192.0.2.1.5 > 198.51.100.2.53: udp 40')" \
    "2026-12-04T19:10:59Z 192.0.2.1 5 198.51.100.2 53 udp - - drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 - 198.51.100.2 - icmp 3/3 - drop 1 pf -
2026-12-04T19:10:59Z 2001:db8::1 - 2001:db8::2 - icmpv6 129/0 - drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 5 198.51.100.2 53 udp - - - 1 pf -"
# Epoch seconds past 9999-12-31T23:59:59Z are no time stamp.
is "pf epoch stamp past year 9999" \
    "$(why '461796411459.000001 rule def/(match) block in on em0: 192.0.2.1 > 198.51.100.2: ip-proto-253 20')" \
    "unknown format '461796411459.000001 rule def/(match) block in on em0: 192.0....'"
is "pf epoch stamp of year 9999" \
    "$(ev '253402300799.000001 rule def/(match) block in on em0: 192.0.2.1 > 198.51.100.2: ip-proto-253 20')" \
    "9999-12-31T23:59:59Z 192.0.2.1 - 198.51.100.2 - 253 - - drop 1 pf -"
# "[|tcp]": tcpdump's snapshot ended inside the TCP header.
is "pf truncated tcp header is tcp" \
    "$(ev 'Dec 03 2026 09:16:40.100200 rule 3/(match) block in on em0: 192.0.2.1.51890 > 198.51.100.2.445: [|tcp] (DF)' \
    '2026-12-04 19:10:59.123456 rule 0/match: block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: [|tcp]')" \
    "2026-12-03T09:16:40Z 192.0.2.1 51890 198.51.100.2 445 tcp - - drop 1 pf -
2026-12-04T19:10:59Z 192.0.2.1 4000 198.51.100.2 22 tcp - - drop 1 pf -"
is "pf truncated sctp header is sctp" \
    "$(ev 'Dec 03 2026 09:16:40.100200 rule 3/(match) block in on em0: 192.0.2.1.51890 > 198.51.100.2.445: [|sctp]')" \
    "2026-12-03T09:16:40Z 192.0.2.1 51890 198.51.100.2 445 132 - - drop 1 pf -"
is "pf in syslog with inner stamp" \
    "$(ev 'Dec  4 19:11:30 gw pf: Dec  4 19:10:59.793256 rule 2/(match) pass in on xl0: 192.0.2.1.50425 > 198.51.100.10.22: . ack 2450721 win 73')" \
    "2026-12-04T19:10:59Z 192.0.2.1 50425 198.51.100.10 22 tcp - A accept 1 pf gw"
is "pf delta time takes envelope time" \
    "$(ev 'Dec  4 19:11:30 gw pflog: 00:00:01.000100 rule 0/match: block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: Flags [R.], seq 1')" \
    "2026-12-04T19:11:30Z 192.0.2.1 4000 198.51.100.2 22 tcp - AR drop 1 pf gw"
is "pf epoch stamp and anchor rule" \
    "$(ev '1764875459.500000 rule 3.myanchor.1/0(match): block in on em0: 192.0.2.1 > 198.51.100.2: GREv0, length 40')" \
    "2025-12-04T19:10:59Z 192.0.2.1 - 198.51.100.2 - 47 - - drop 1 pf -"
is "pf delta time without envelope" \
    "$(why ' 00:00:00.000000 rule 0/match: block in on em0: 192.0.2.1.4000 > 198.51.100.2.22: Flags [S], seq 1')" \
    "time stamp without a date ' 00:00:00.000000'"
is "pf pass out skipped" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) pass out on em0: 192.0.2.1.5 > 198.51.100.2.53: udp 40')" \
    "skip: outbound traffic allowed"
is "pf nat skipped" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) nat out on em0: 192.0.2.1.5 > 198.51.100.2.53: udp 40')" \
    "skip: not a filter decision"
is "pf address 300" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 300.0.2.1.4000 > 198.51.100.2.22: S 1:1(0) win 1024')" \
    "invalid source address '300.0.2.1.4000'"
is "pf port 70000" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000 > 198.51.100.2.70000: S 1:1(0) win 1024')" \
    "invalid target port '198.51.100.2.70000'"
is "pf unknown action not claimed" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) allow in on em0: 192.0.2.1.4000 > 198.51.100.2.22: S 1:1(0) win 1024')" \
    "unknown format 'Dec 04 2026 19:10:59.123 rule 2/(match) allow in on em0: 192...'"
is "pf iptables prefix rule not claimed" \
    "$(ev 'Dec  4 19:10:59 gw kernel: rule 5/drop IN=eth0 OUT= MAC= SRC=192.0.2.7 DST=198.51.100.9 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=5 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0')" \
    "2026-12-04T19:10:59Z 192.0.2.7 40000 198.51.100.9 22 tcp - S drop 1 netfilter gw"
is "pf truncated line" \
    "$(why 'Dec 04 2026 19:10:59.123 rule 2/(match) block in on em0: 192.0.2.1.4000')" \
    "truncated packet '192.0.2.1.4000'"

# ---- filterlog -----------------------------------------------------

is "filterlog pfsense tcp udp icmp igmp" \
    "$(ev 'Dec  4 19:10:59 pfSense filterlog[1234]: 5,,,1000102433,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.9,51234,22,0,S,1543512,,64240,,mss' \
    'Dec  4 19:10:59 pfSense filterlog[1234]: 9,,,1000102434,em0,match,pass,in,4,0x0,,64,0,0,DF,17,udp,76,192.0.2.7,198.51.100.9,123,123,56' \
    'Dec  4 19:10:59 pfSense filterlog[1234]: 9,,,1000102434,em0,match,block,in,4,0x0,,64,0,0,DF,1,icmp,84,192.0.2.7,198.51.100.9,request,37728,164' \
    'Dec  4 19:10:59 pfSense filterlog[1234]: 9,,,1000102434,em0,match,reject,in,4,0xc0,,1,0,0,DF,2,igmp,32,192.0.2.7,239.255.255.250,datalength=8')" \
    "2026-12-04T19:10:59Z 192.0.2.7 51234 198.51.100.9 22 tcp - S drop 1 filterlog pfSense
2026-12-04T19:10:59Z 192.0.2.7 123 198.51.100.9 123 udp - - accept 1 filterlog pfSense
2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - drop 1 filterlog pfSense
2026-12-04T19:10:59Z 192.0.2.7 - 239.255.255.250 - 2 - - reject 1 filterlog pfSense"
is "filterlog opnsense rfc5424 ipv6" \
    "$(ev '<134>1 2026-12-04T19:10:59+01:00 opnsense filterlog 69805 - [meta sequenceId="1"] 98,,,881dd59a3e942966c90498ac104715a0,re0,match,block,in,6,0x00,0x0ea87,51,udp,17,73,2001:db8::7,2001:db8::9,6881,51918,73')" \
    "2026-12-04T18:10:59Z 2001:db8::7 6881 2001:db8::9 51918 udp - - drop 1 filterlog opnsense"
is "filterlog tcp flags and out block" \
    "$(ev 'Dec  4 19:10:59 pfSense filterlog: 6,,,1000102434,em0,match,block,out,4,0x0,,64,0,0,DF,6,tcp,40,198.51.100.9,192.0.2.7,22,53742,0,FPAW,1,2,65535,,')" \
    "2026-12-04T19:10:59Z 198.51.100.9 22 192.0.2.7 53742 tcp - CAPF drop 1 filterlog pfSense"
is "filterlog pass out skipped" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 65,,,0,vmx1,match,pass,out,4,0x0,,63,21011,0,none,1,icmp,56,192.0.2.7,198.51.100.9,datalength=36')" \
    "skip: outbound traffic allowed"
is "filterlog status message skipped" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog[1234]: Listening on pflog0')" \
    "skip: not a packet record"
# The sshd parser skips it as an sshd message; filterlog must not claim it.
is "filterlog text in sshd line not claimed" \
    "$(why 'Dec  4 19:10:59 gw sshd[99]: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.9,1,22,0,S,1,,1,,')" \
    "skip: not a failed login"
is "filterlog text in sshd line, -f filterlog" \
    "$(printf '%s\n' 'Dec  4 19:10:59 gw sshd[99]: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.9,1,22,0,S,1,,1,,' |
    mnw-parse -H -f filterlog -r t -y "$REF" -z UTC 2>&1 >/dev/null | sed -n 's/^mnw-parse: stdin:1: \([a-z ]*\).*/\1/p')" \
    "not in the requested format "
is "filterlog ip version 5" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 5,,,1,em0,match,block,in,5,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.9,1,22,0,S,1,,1,,')" \
    "invalid ip version '5'"
is "filterlog ipv6 address in ipv4 line" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,2001:db8::1,198.51.100.9,1,22,0,S,1,,1,,')" \
    "invalid source address '2001:db8::1'"
is "filterlog address 300" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.300,1,22,0,S,1,,1,,')" \
    "invalid target address '198.51.100.300'"
is "filterlog port 70000" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,17,udp,60,192.0.2.7,198.51.100.9,70000,22,0')" \
    "invalid source port '70000'"
is "filterlog cut short" \
    "$(why 'Dec  4 19:10:59 pfSense filterlog: 5,,,1,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7')" \
    "too few fields"

# ---- asa -----------------------------------------------------------

is "asa 106023 with own stamp" \
    "$(ev 'Dec 04 2026 19:10:59: %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group "in" [0x0, 0x0]')" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - drop 1 asa -"
is "asa stamp with zone and device id" \
    "$(ev 'Dec 04 2026 14:10:59 EST FW01 : %ASA-4-106023: Deny udp src outside:192.0.2.7/4123 dst inside:198.51.100.9/53 by access-group "in" [0x0, 0x0]')" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 53 udp - - drop 1 asa FW01"
is "asa stamp with padded day" \
    "$(ev 'Dec  4 2026 19:10:59: %ASA-2-106006: Deny inbound UDP from 192.0.2.7/137 to 198.51.100.9/137 on interface outside')" \
    "2026-12-04T19:10:59Z 192.0.2.7 137 198.51.100.9 137 udp - - drop 1 asa -"
is "asa stamp of a day that does not exist" \
    "$(why 'Feb 29 2026 19:10:59: %ASA-2-106006: Deny inbound UDP from 192.0.2.7/137 to 198.51.100.9/137 on interface outside')" \
    "invalid time 'Feb 29 2026 19:10:59'"
is "asa in syslog envelope" \
    "$(ev 'Dec  4 19:10:59 fw01 %ASA-2-106001: Inbound TCP connection denied from 192.0.2.7/54322 to 198.51.100.9/1433 flags SYN on interface outside')" \
    "2026-12-04T19:10:59Z 192.0.2.7 54322 198.51.100.9 1433 tcp - S drop 1 asa fw01"
is "asa 106100 denied permitted and icmp" \
    "$(ev 'Dec  4 19:10:59 fw01 %ASA-6-106100: access-list in denied udp outside/192.0.2.7(1039) -> inside/198.51.100.9(53) hit-cnt 144 300-second interval [0x1, 0x0]' \
    'Dec  4 19:10:59 fw01 %ASA-session-5-106100: access-list in permitted tcp outside/192.0.2.7(2241) -> inside/198.51.100.9(443) hit-cnt 1 first hit [0x1, 0x0]' \
    'Dec  4 19:10:59 fw01 %ASA-6-106100: access-list in denied icmp outside/192.0.2.7(8) -> inside/198.51.100.9(0) hit-cnt 1 first hit [0x1, 0x0]')" \
    "2026-12-04T19:10:59Z 192.0.2.7 1039 198.51.100.9 53 udp - - drop 144 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 2241 198.51.100.9 443 tcp - - accept 1 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - drop 1 asa fw01"
is "asa 106006 106014 106015 710003" \
    "$(ev 'Dec  4 19:10:59 fw01 %ASA-2-106006: Deny inbound UDP from 192.0.2.7/137 to 198.51.100.9/137 on interface outside' \
    'Dec  4 19:10:59 fw01 %ASA-3-106014: Deny inbound icmp src outside:192.0.2.7 dst outside:198.51.100.9 (type 3, code 2)' \
    'Dec  4 19:10:59 fw01 %ASA-6-106015: Deny TCP (no connection) from 192.0.2.7/1234 to 198.51.100.9/5679 flags RST ACK  on interface outside' \
    'Dec  4 19:10:59 fw01 %ASA-3-710003: TCP access denied by ACL from 192.0.2.7/5555 to outside:198.51.100.9/ssh')" \
    "2026-12-04T19:10:59Z 192.0.2.7 137 198.51.100.9 137 udp - - drop 1 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 3/2 - drop 1 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 1234 198.51.100.9 5679 tcp - AR drop 1 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 5555 198.51.100.9 22 tcp - - drop 1 asa fw01"
is "asa ipv6 and ftd" \
    "$(ev 'Dec  4 19:10:59 fw01 %FTD-4-106023: Deny tcp src outside:2001:db8::7/4123 dst inside:2001:db8::9/22 by access-group "in" [0x0, 0x0]' \
    'Dec  4 19:10:59 fw01 %PIX-3-106010: Deny inbound protocol 47 src outside:192.0.2.7 dst inside:198.51.100.9')" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - - drop 1 asa fw01
2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - 47 - - drop 1 asa fw01"
is "asa built inbound accept" \
    "$(ev 'Dec  4 19:10:59 fw01 %ASA-6-302013: Built inbound TCP connection 27 for outside:192.0.2.7/49926 (192.0.2.7/49926) to dmz:198.51.100.9/80 (203.0.113.9/80)')" \
    "2026-12-04T19:10:59Z 192.0.2.7 49926 198.51.100.9 80 tcp - - accept 1 asa fw01"
is "asa built outbound skipped" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-6-302013: Built outbound TCP connection 9 for outside:192.0.2.7/22 (192.0.2.7/22) to inside:198.51.100.9/53496 (198.51.100.9/53496)')" \
    "skip: outbound connection"
is "asa threat detection skipped" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-4-733100: [Scanning] drop rate-1 exceeded. Current burst rate is 10 per second')" \
    "skip: not a connection message"
is "asa forged deny inside a user name" \
    "$(why "Dec  4 19:10:59 fw01 %ASA-5-111010: User 'Deny tcp src outside:6.6.6.6/1 dst inside:198.51.100.9/22', running 'CLI' from IP 192.0.2.1, executed 'x'")" \
    "skip: not a connection message"
is "asa object name as address" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-4-106023: Deny udp src office:192.0.2.7/3217 dst dmz:Server1/15000 by access-group "acl" [0x0, 0x0]')" \
    "invalid target address 'Server1'"
is "asa address 300" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-2-106006: Deny inbound UDP from 300.0.2.7/137 to 198.51.100.9/137 on interface outside')" \
    "invalid source address '300.0.2.7'"
is "asa port 70000" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-2-106006: Deny inbound UDP from 192.0.2.7/70000 to 198.51.100.9/137 on interface outside')" \
    "invalid source port '70000'"
is "asa huge hit count" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-6-106100: access-list in denied udp outside/192.0.2.7(1039) -> inside/198.51.100.9(53) hit-cnt 99999999999999999999 first hit [0x1, 0x0]')" \
    "invalid count '99999999999999999999'"
is "asa unknown flag word" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-6-106015: Deny TCP (no connection) from 192.0.2.7/1 to 198.51.100.9/2 flags tcp_flags on interface outside')" \
    "invalid tcp flags 'tcp_flags'"
is "asa message cut short" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123')" \
    "message cut short"
is "asa unexpected word" \
    "$(why 'Dec  4 19:10:59 fw01 %ASA-4-106023: Deny tcp from outside:192.0.2.7/4123')" \
    "unexpected message text 'from outside:192.0.2.7/4123'"
is "asa without any time" \
    "$(why '%ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group "in" [0x0, 0x0]')" \
    "missing time stamp"

# -n: a line without a time takes the -y time (without -y, the time it
# is read); a line with a time keeps its own.
asa_bare='%ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group "in" [0x0, 0x0]'
is "-n stamps a line without a time with the -y time" \
    "$(printf '%s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T19:10:59Z -z UTC | cut -f1,3,5)" \
    "2026-12-04T19:10:59Z	192.0.2.7	198.51.100.9"
is "-n keeps a line's own time" \
    "$(printf 'Dec  4 08:00:00 fw01 %s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T19:10:59Z -z UTC | cut -f1)" \
    "2026-12-04T08:00:00Z"
t0=$(date -u +%s)
got=$(printf '%s\n' "$asa_bare" | mnw-parse -H -q -n -r t -z UTC | cut -f1)
t1=$(date -u +%s)
# The stamp is the clock's reading: between $t0 and $t1, as dates.
gs=$(printf '%s\n' "$got" | perl -MTime::Local -ne \
    'print timegm($6,$5,$4,$3,$2-1,$1) if /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)Z$/')
if [ -n "$gs" ] && [ "$gs" -ge "$t0" ] && [ "$gs" -le "$t1" ]; then
	ok "-n without -y stamps the time of reading"
else
	not_ok "-n without -y stamps the time of reading"
	diag "got '$got', expected between $t0 and $t1"
fi
# The -n time is part of the digest: the same unstamped message sent
# again later is a new event for mnw-dedupe, not a repeated line.
d1=$(printf '%s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T10:00:00Z | cut -f14)
d2=$(printf '%s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T14:00:00Z | cut -f14)
d3=$(printf '%s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T14:00:00Z | cut -f14)
if [ -n "$d1" ] && [ "$d1" != "$d2" ] && [ "$d2" = "$d3" ]; then
	ok "-n: the stamped time is part of the digest"
else
	not_ok "-n: the stamped time is part of the digest"
	diag "10:00 $d1, 14:00 $d2 and $d3"
fi
mkdir "$TMP/spool-n"
for y in 2026-12-04T10:00:00Z 2026-12-04T14:00:00Z; do
	printf '%s\n' "$asa_bare" | mnw-parse -q -n -r t -y "$y" |
	    mnw-dedupe -d "$TMP/spool-n" >>"$TMP/dedup-n" 2>/dev/null
done
is "-n: mnw-dedupe keeps the message sent again hours later" \
    "$(grep -vc '^#' "$TMP/dedup-n")" 2
is "-n leaves the digest of a line with its own time alone" \
    "$(printf 'Dec  4 08:00:00 fw01 %s\n' "$asa_bare" |
    mnw-parse -H -q -n -r t -y 2026-12-04T19:10:59Z -z UTC | cut -f14)" \
    "$(printf 'Dec  4 08:00:00 fw01 %s\n' "$asa_bare" |
    mnw-parse -H -q -r t -y 2026-12-04T19:10:59Z -z UTC | cut -f14)"
is "epoch time 0 is a time, not a missing one" \
    "$(printf '01/01/1970 00:00:00.000000 le0 @0:1 b 192.0.2.7,4123 -> 198.51.100.9,22 PR tcp len 20 40 -S IN\n' |
    mnw-parse -H -q -r t -z UTC | cut -f1,3)" \
    "1970-01-01T00:00:00Z	192.0.2.7"

done_testing
