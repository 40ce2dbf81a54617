#!/bin/sh
# mnw-parse format isa: exact fields of ISA Server firewall log lines
# written for this test, skipped lines, and rejections.  Runs only
# when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  isa ' ||
    skip_all "format isa is not in mnw-parse's format table"

# ev LINE...: time src sport dst dport proto icmp flags action count
# format host of each event, separated by single spaces.
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

done_testing
