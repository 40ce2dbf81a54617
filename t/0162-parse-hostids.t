#!/bin/sh
# mnw-parse formats portsentry, scanlogd and iplog: exact fields of
# lines written for this test, reverse DNS names that imitate
# addresses, skipped lines, and rejections.  Each part runs only when
# its format is in mnw-parse's format table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

# has FORMAT: the format is in mnw-parse's table.
has() {
	mnw-parse -h 2>&1 | grep -q "^  $1 "
}

E4='2026-12-04T19:10:59Z 192.0.2.7'

if has portsentry; then
	is "portsentry history line" \
	    "$(ev "1796411459 - 12/04/2026 19:10:59 Host: 192.0.2.7/192.0.2.7 Port: 23 TCP Blocked")" \
	    "$E4 - 0.0.0.0 23 tcp - - drop 1 portsentry -"
	is "portsentry name imitating an address" \
	    "$(ev "1796411459 - 12/04/2026 19:10:59 Host: 198.51.100.66 Port: 1 x/y/192.0.2.7 Port: 111 UDP Blocked")" \
	    "$E4 - 0.0.0.0 111 udp - - drop 1 portsentry -"
	is "portsentry syslog alert" \
	    "$(ev "Dec  4 19:10:59 gw portsentry[812]: attackalert: SYN/Normal scan from host: scan.example/192.0.2.7 to TCP port: 143")" \
	    "$E4 - 0.0.0.0 143 tcp - - - 1 portsentry gw"
	is "portsentry ipv6 alert" \
	    "$(ev "Dec  4 19:10:59 gw portsentry[812]: attackalert: Connect from host: 2001:db8::7/2001:db8::7 to TCP port: 23")" \
	    "2026-12-04T19:10:59Z 2001:db8::7 - :: 23 tcp - - - 1 portsentry gw"
	is "portsentry other message skipped" \
	    "$(why "Dec  4 19:10:59 gw portsentry[812]: adminalert: PortSentry is now active and listening.")" \
	    "skip: not an attack alert"
	is "portsentry port 70000" \
	    "$(why "Dec  4 19:10:59 gw portsentry[812]: attackalert: Connect from host: 192.0.2.7/192.0.2.7 to TCP port: 70000")" \
	    "invalid target port '70000'"
else
	skip "format portsentry is not in mnw-parse's format table"
fi

if has scanlogd; then
	is "scanlogd report" \
	    "$(ev "Dec  4 19:10:59 srv scanlogd: 192.0.2.7 to 198.51.100.9 ports 80, 81, 83, 88, 99, 443, 1080, 3128, ..., f????uxy, TOS 00, TTL 49 @19:10:58")" \
	    "$E4 - 198.51.100.9 - tcp - - - 8 scanlogd srv"
	is "scanlogd address 300" \
	    "$(why "Dec  4 19:10:59 srv scanlogd: 300.0.2.7 to 198.51.100.9 ports 80, 81, fSrpauxy, TOS 00 @19:10:58")" \
	    "invalid source address '300.0.2.7'"
	is "scanlogd other message skipped" \
	    "$(why "Dec  4 19:10:59 srv scanlogd: started")" \
	    "skip: not a scan report"
else
	skip "format scanlogd is not in mnw-parse's format table"
fi

if has iplog; then
	is "iplog attempt with name" \
	    "$(ev "Dec  4 19:10:59 gw iplog[9]: TCP: ftp connection attempt from mail.example (192.0.2.7):52516")" \
	    "$E4 52516 0.0.0.0 21 tcp - - - 1 iplog gw"
	is "iplog attempt by port number" \
	    "$(ev "Dec  4 19:10:59 gw iplog[9]: TCP: port 31337 connection attempt from 192.0.2.7:4123")" \
	    "$E4 4123 0.0.0.0 31337 tcp - - - 1 iplog gw"
	is "iplog name imitating an address" \
	    "$(ev "Dec  4 19:10:59 gw iplog[9]: TCP: ssh connection attempt from (198.51.100.66):1 x (192.0.2.7):22222")" \
	    "$E4 22222 0.0.0.0 22 tcp - - - 1 iplog gw"
	is "iplog scan summary skipped" \
	    "$(why "Dec  4 19:10:59 gw iplog[9]: TCP: port scan detected [ports 21,23] from 192.0.2.7 [ports 1,2]")" \
	    "skip: port scan summary"
	is "iplog unknown service" \
	    "$(why "Dec  4 19:10:59 gw iplog[9]: TCP: gopher connection attempt from 192.0.2.7:1")" \
	    "unknown service name 'gopher'"
else
	skip "format iplog is not in mnw-parse's format table"
fi

done_testing
