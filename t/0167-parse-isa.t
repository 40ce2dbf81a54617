#!/bin/sh
# mnw-parse format isa: exact fields of ISA Server log lines written
# for this test (firewall log in the default order and after a
# #Fields header, ISA 2000 packet filter log, web proxy and firewall
# service logs), skipped lines, rejections, and #Fields headers that
# end with their input file.  Runs only when the format is in
# mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  isa ' ||
    skip_all "format isa is not in mnw-parse's format table"

# isa FIELD...: a log line from its first twelve fields.
isa() {
	printf '%s' "$1"
	shift
	printf '\t%s' "$@"
}
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "isa denied tcp" \
    "$(ev "$(isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:3389 192.0.2.7 External 'Local Host' Denied 0xc004000d -)")" \
    "$E4 4123 198.51.100.9 3389 tcp - - drop 1 isa -"
ZONE=+01:00
is "isa time in the -z zone" \
    "$(ev "$(isa FW1 2026-12-04 20:10:59 UDP 192.0.2.7:53 198.51.100.9:5353 192.0.2.7 External 'Local Host' Denied 0xc004000d -)")" \
    "$E4 53 198.51.100.9 5353 udp - - drop 1 isa -"
ZONE=UTC
is "isa igmp without ports" \
    "$(ev "$(isa FW1 2026-12-04 19:10:59 IGMP 192.0.2.7 224.0.0.1 192.0.2.7 Internal 'Local Host' Denied 0xc004000d -)")" \
    "$E4 - 224.0.0.1 - 2 - - drop 1 isa -"
is "isa initiated from external" \
    "$(ev "$(isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:443 192.0.2.7 External Perimeter 'Initiated Connection' 0x0 'Allow web')")" \
    "$E4 4123 198.51.100.9 443 tcp - - accept 1 isa -"
is "isa initiated from internal skipped" \
    "$(why "$(isa FW1 2026-12-04 19:10:59 TCP 10.0.0.7:4123 198.51.100.9:443 10.0.0.7 Internal External 'Initiated Connection' 0x0 'Allow web')")" \
    "skip: connection not from the External network"
is "isa intermediate skipped" \
    "$(why "$(isa FW1 2026-12-04 19:10:59 TCP 10.0.0.7:1 10.0.0.9:135 10.0.0.7 'Local Host' Internal Intermediate 0x0 'Allow RPC')")" \
    "skip: not a denied or initiated connection"
is "isa address 300" \
    "$(why "$(isa FW1 2026-12-04 19:10:59 TCP 300.0.2.7:1 198.51.100.9:22 300.0.2.7 External 'Local Host' Denied 0xc004000d -)")" \
    "invalid source address '300.0.2.7:1'"

# stream LINE...: the summary of these lines as one input, without the
# "mnw-parse: stdin: " prefix.
stream() {
	printf '%s\n' "$@" |
	    mnw-parse -H -r t -y "$REF" -z "${ZONE:-UTC}" 2>&1 >/dev/null |
	    sed -n '$s/^mnw-parse: stdin: //p'
}

# evs LINE...: like ev, for lines that make up one input.
evs() {
	printf '%s\n' "$@" |
	    mnw-parse -H -q -r t -y "$REF" -z "${ZONE:-UTC}" 2>/dev/null |
	    cut -f1,3-13 | tr '\t' ' '
}

SW='#Software: Microsoft Internet Security and Acceleration Server 2004'
SW2K='#Software: Microsoft(R) Internet Security and Acceleration Server 2000'

# Firewall log with a reordered #Fields header.  After a header the
# time is UTC, whatever -z says.
FWH="#Fields: $(isa action 'IP protocol' destination source date time computer 'source network' rule)"
ZONE=+05:00
is "isa reordered fields denied" \
    "$(evs "$SW" '#Version: 2.0' '#Date: 2026-12-04 00:00:00' "$FWH" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1 External -)")" \
    "$E4 1024 198.51.100.9 161 udp - - drop 1 isa -"
ZONE=UTC
is "isa reordered fields initiated" \
    "$(evs "$FWH" \
    "$(isa 'Initiated Connection' TCP 198.51.100.9:22 192.0.2.7:50000 2026-12-04 19:10:59 FW1 External 'Allow ssh')")" \
    "$E4 50000 198.51.100.9 22 tcp - - accept 1 isa -"
is "isa reordered fields counts" \
    "$(stream "$SW" '#Version: 2.0' '#Date: 2026-12-04 00:00:00' "$FWH" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1 External -)" \
    "$(isa Intermediate TCP 10.0.0.9:135 10.0.0.7:1 2026-12-04 19:10:59 FW1 'Local Host' -)")" \
    "6 lines, 1 events, 5 skipped (4 header line, 1 not a denied or initiated connection), 0 rejected"
is "isa header without source network" \
    "$(stream "#Fields: $(isa date time 'IP protocol' source destination action)" \
    "$(isa 2026-12-04 19:10:59 TCP 192.0.2.7:1 198.51.100.9:443 'Initiated Connection')")" \
    "2 lines, 0 events, 2 skipped (1 header line, 1 connection from an unknown network), 0 rejected"
is "isa wrong field count" \
    "$(stream "$FWH" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1 External - extra)" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1)")" \
    "3 lines, 0 events, 1 skipped (1 header line), 2 rejected (2 wrong number of fields for the #Fields header)"

# #Fields headers that cannot be used: the header and the lines under
# it are rejected.
MANY="#Fields: $(isa date time 'IP protocol' source destination action)"
i=0
while [ $i -lt 60 ]; do
	MANY="$MANY	extra$i"
	i=$((i + 1))
done
is "isa too many fields" \
    "$(stream "$MANY" "$(isa 2026-12-04 19:10:59 TCP 192.0.2.7:1 198.51.100.9:22 Denied)")" \
    "2 lines, 0 events, 0 skipped, 2 rejected (1 too many fields in #Fields header, 1 columns unknown after an unusable #Fields header)"
LONG=$(printf '%049d' 0)
is "isa field name too long" \
    "$(why "#Fields: $(isa date time 'IP protocol' source destination action "$LONG")")" \
    "field name too long in #Fields header '#Fields: date\\x09time\\x09IP protocol\\x09source\\x09destination\\x09action\\x09000...'"
is "isa field named twice" \
    "$(stream "#Fields: $(isa date time 'IP protocol' source destination action source)")" \
    "1 lines, 0 events, 0 skipped, 1 rejected (1 field named twice in #Fields header)"
is "isa header without a date" \
    "$(stream "#Fields: $(isa time 'IP protocol' source destination action)")" \
    "1 lines, 0 events, 0 skipped, 1 rejected (1 #Fields header without a required field)"
is "isa header of another program" \
    "$(stream "#Fields: date time s-ip cs-method cs-uri-stem c-ip" '#Version: 1.0')" \
    "2 lines, 0 events, 0 skipped, 2 rejected (2 unknown format)"

# ISA 2000 packet filter log.
PFH="#Fields: $(isa date time source-ip destination-ip protocol 'param#1' 'param#2' tcp-flags filter-rule interface ip-header payload)"
pf() {
	isa 2026-12-04 19:10:59 192.0.2.7 198.51.100.9 "$@" 198.51.100.9 '45 00 00 28' '00 50'
}
is "isa packet filter events" \
    "$(evs "$SW2K" '#Version: 1.0' '#Date: 2026-12-04 00:00:00' "$PFH" \
    "$(pf Tcp 4123 3389 'SYN ' BLOCKED)" "$(pf Tcp 80 50000 'SYN ACK ' BLOCKED)" \
    "$(pf Udp 53 5353 - BLOCKED)" "$(pf Icmp 8 0 - BLOCKED)")" \
    "$E4 4123 198.51.100.9 3389 tcp - S drop 1 isa -
$E4 80 198.51.100.9 50000 tcp - AS drop 1 isa -
$E4 53 198.51.100.9 5353 udp - - drop 1 isa -
$E4 - 198.51.100.9 - icmp 8/0 - drop 1 isa -"
is "isa packet filter skipped" \
    "$(stream "$PFH" "$(pf Udp 53 5353 - ALLOWED)" "$(pf Udp 137 137 - INTERNAL)")" \
    "3 lines, 0 events, 3 skipped (1 header line, 1 packet allowed by a packet filter, 1 packet on the internal interface), 0 rejected"
is "isa packet filter bad flags" \
    "$(stream "$PFH" "$(pf Tcp 1 22 'SYN BOGUS' BLOCKED)" "$(pf Tcp 1 70000 SYN BLOCKED)")" \
    "3 lines, 0 events, 1 skipped (1 header line), 2 rejected (1 invalid tcp flags, 1 invalid target port)"

# Web proxy and firewall service logs (W3C and ISA Server format).
PXH="#Fields: $(isa c-ip cs-username c-agent sc-authenticated date time s-svcname s-computername r-host r-ip r-port cs-uri action)"
px() {
	isa 10.0.0.7 'EXAMPLE\alice' 'Mozilla/4.0 (compatible)' Y 2026-12-04 19:10:59 "$1" FW1 www.example.com 198.51.100.9 80 http://www.example.com/ Allowed
}
is "isa web proxy and firewall service skipped" \
    "$(stream "$SW" '#Version: 2.0' '#Date: 2026-12-04 00:00:00' "$PXH" \
    "$(px w3proxy)" "$(px w3reverseproxy)" "$(px fwsrv)" \
    '10.0.0.7, SYSTEM, svc.exe:3:5.1, Y, 12/4/2026, 19:10:59, fwsrv, FW1, -, -, -, 50000, -, 0, 0, 50000, TCP, Bind, -, -, -, 0, 0, -, -, -, -' \
    '10.0.0.7, alice, app.exe:3:5.1, Y, 12/4/2026, 9:10:59, fwsrv, FW1, -, -, 198.51.100.9, 25, -, 0, 0, 25, TCP, Accept, -, -, -, 0, 0, Publish SMTP, -, -, -' \
    '10.0.0.7, anonymous, Mozilla/4.0, N, 12/4/2026, 19:10:59, w3proxy, FW1, -, www.example.com, 198.51.100.9, 80, 5, 100, 200, http, TCP, GET, http://www.example.com/, -, -, 200, 0, Allow web, -, -, -')" \
    "10 lines, 0 events, 10 skipped (4 header line, 3 web proxy log, 3 firewall service log), 0 rejected"
is "isa comma line of another service" \
    "$(stream '10.0.0.7, alice, app.exe, Y, 12/4/2026, 19:10:59, smtpd, FW1, -')" \
    "1 lines, 0 events, 0 skipped, 1 rejected (1 unknown format)"
is "isa #Version without #Software" \
    "$(stream "$FWH" '#Version: 2.0')" \
    "2 lines, 0 events, 1 skipped (1 header line), 1 rejected (1 unknown format)"

# The #Fields header belongs to its input: a second file without one
# is read in the default order.
printf '%s\n' "$FWH" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1 External -)" \
    >"$TMP/first.log"
isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:3389 192.0.2.7 External 'Local Host' Denied 0xc004000d - >"$TMP/second.log"
echo >>"$TMP/second.log"
mnw-parse -H -r t -y "$REF" -z UTC "$TMP/first.log" "$TMP/second.log" \
    >"$TMP/out" 2>"$TMP/err"
is "isa two files events" \
    "$(cut -f1,3-13 "$TMP/out" | tr '\t' ' ')" \
    "$E4 1024 198.51.100.9 161 udp - - drop 1 isa -
$E4 4123 198.51.100.9 3389 tcp - - drop 1 isa -"
is "isa two files second summary" \
    "$(sed -n "s|^mnw-parse: $TMP/second.log: ||p" "$TMP/err")" \
    "1 lines, 1 events, 0 skipped, 0 rejected"

# A Windows Firewall log after an ISA log in one stream stays winfw's.
is "isa then winfw in one stream" \
    "$(printf '%s\n' "$FWH" \
    "$(isa Denied UDP 198.51.100.9:161 192.0.2.7:1024 2026-12-04 19:10:59 FW1 External -)" \
    '#Version: 1.5' '#Software: Microsoft Windows Firewall' \
    '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path' \
    '2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 22 52 S 1 0 64240 - - - RECEIVE' |
    mnw-parse -H -q -r t -y "$REF" -z UTC 2>/dev/null | cut -f1,3-12 | tr '\t' ' ')" \
    "$E4 1024 198.51.100.9 161 udp - - drop 1 isa
$E4 4123 198.51.100.9 22 tcp - S drop 1 winfw"

done_testing
