#!/bin/sh
# mnw-parse format fastlog: exact fields of Snort 2, Snort 3 and
# Suricata fast alert lines and Snort syslog alerts written for this
# test, and rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

SURI='12/04/2026-19:10:59.123456  [**] [1:2008578:4] ET SCAN Sipvicious Scan [**] [Classification: Attempted Information Leak] [Priority: 2]'
SNORT='12/04-19:10:59.123456  [**] [1:469:3] ICMP PING NMAP [**] [Classification: Attempted Information Leak] [Priority: 2]'

# ---- events --------------------------------------------------------

is "fastlog suricata udp" \
    "$(ev "$SURI {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060")" \
    "2026-12-04T19:10:59Z 192.0.2.7 5116 198.51.100.9 5060 udp - - alert 1 fastlog -"
ZONE=+01:00
is "fastlog time in the -z zone" \
    "$(ev "$SURI {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060")" \
    "2026-12-04T18:10:59Z 192.0.2.7 5116 198.51.100.9 5060 udp - - alert 1 fastlog -"
ZONE=UTC
is "fastlog suricata icmp type and code" \
    "$(ev "$SURI {ICMP} 192.0.2.7:8 -> 198.51.100.9:0")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - alert 1 fastlog -"
is "fastlog suricata ipv6 port glued on" \
    "$(ev "$SURI {TCP} 2001:db8::7:4123 -> 2001:db8::9:22")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - - alert 1 fastlog -"
is "fastlog suricata icmpv6" \
    "$(ev "$SURI {IPV6-ICMP} 2001:db8::7:128 -> 2001:db8::9:0")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - alert 1 fastlog -"
is "fastlog suricata drop verdict" \
    "$(ev "12/04/2026-19:10:59.123456  [Drop] [**] [1:2008578:4] ET SCAN Sipvicious Scan [**] [Classification: Attempted Information Leak] [Priority: 2] {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060")" \
    "2026-12-04T19:10:59Z 192.0.2.7 5116 198.51.100.9 5060 udp - - drop 1 fastlog -"
is "fastlog suricata protocol number" \
    "$(ev "$SURI {PROTO:047} 192.0.2.7:0 -> 198.51.100.9:0")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - 47 - - alert 1 fastlog -"
is "fastlog snort 2 without year" \
    "$(ev "$SNORT {ICMP} 192.0.2.7 -> 198.51.100.9")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp - - alert 1 fastlog -"
is "fastlog snort 2 year last" \
    "$(ev "12/04/26-19:10:59.123456  [**] [1:1:1] X [**] [Priority: 1] {TCP} 192.0.2.7:4123 -> 198.51.100.9:22")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 fastlog -"
is "fastlog snort 3 year first" \
    "$(ev "26/12/04-19:10:59.123456 [**] [1:20035:1000] MALWARE-CNC outbound connection [**] [Priority: 1] {TCP} 2001:db8:0:0:0:0:0:7:4123 -> 2001:db8:0:0:0:0:0:9:80")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 80 tcp - - alert 1 fastlog -"
is "fastlog snort 3 ipv6 without port" \
    "$(ev "26/12/04-19:10:59.123456 [**] [1:366:11] PROTOCOL-ICMP PING Unix [**] [Priority: 3] {ICMP} 2001:db8:0:0:0:0:0:7 -> 2001:db8:0:0:0:0:0:9")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 - - alert 1 fastlog -"
is "fastlog snort portscan pseudo protocol" \
    "$(ev "12/04-19:10:59.123456  [**] [122:1:1] (port_scan) TCP Portscan [**] [Classification: Attempted Information Leak] [Priority: 2] {PROTO:255} 192.0.2.7 -> 198.51.100.9")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - 255 - - alert 1 fastlog -"
is "fastlog message imitating a tail" \
    "$(ev "12/04-19:10:59.123456  [**] [1:1:1] {TCP} 9.9.9.9:1 -> 8.8.8.8:2 [**] [Priority: 1] {TCP} 192.0.2.7:4123 -> 198.51.100.9:22")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 fastlog -"
is "fastlog snort syslog alert" \
    "$(ev "Dec  4 19:10:59 ids snort[1234]: [1:2008578:4] ET SCAN Sipvicious Scan [Classification: Attempted Information Leak] [Priority: 2] {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060")" \
    "2026-12-04T19:10:59Z 192.0.2.7 5116 198.51.100.9 5060 udp - - alert 1 fastlog ids"

# ---- rejected ------------------------------------------------------

is "fastlog impossible date" \
    "$(why "02/30/2026-19:10:59.123456  [**] [1:1:1] X [**] [Priority: 1] {TCP} 192.0.2.7:1 -> 198.51.100.9:22")" \
    "invalid time '02/30/2026-19:10:59.123456'"
is "fastlog address 300" \
    "$(why "$SURI {TCP} 300.0.2.7:1 -> 198.51.100.9:22")" \
    "invalid source address '300.0.2.7'"
is "fastlog port 70000" \
    "$(why "$SURI {TCP} 192.0.2.7:1 -> 198.51.100.9:70000")" \
    "invalid target port '70000'"
is "fastlog snort tcp without port" \
    "$(why "$SNORT {TCP} 192.0.2.7 -> 198.51.100.9:22")" \
    "missing source port '192.0.2.7'"
is "fastlog no arrow" \
    "$(why "$SURI {TCP} 192.0.2.7:1")" \
    "missing source and target"
is "fastlog unknown protocol" \
    "$(why "$SURI {FOO} 192.0.2.7:1 -> 198.51.100.9:22")" \
    "invalid protocol '{FOO}'"
is "fastlog mixed families" \
    "$(why "$SURI {TCP} 192.0.2.7:1 -> 2001:db8::9:22")" \
    "source and target address families differ"
is "fastlog suricata icmp type 300" \
    "$(why "$SURI {ICMP} 192.0.2.7:300 -> 198.51.100.9:0")" \
    "invalid icmp type '192.0.2.7:300'"
like "fastlog alert text from cron not claimed" \
    "$(why "Dec  4 19:10:59 h crond[1]: [1:2:3] x {TCP} 9.9.9.9:1 -> 198.51.100.9:22")" \
    "unknown format '"

done_testing
