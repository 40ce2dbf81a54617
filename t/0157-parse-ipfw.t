#!/bin/sh
# mnw-parse format ipfw: exact fields of FreeBSD and macOS ipfw log
# lines written for this test, skipped lines, and rejections with their
# reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H='Dec  4 19:10:59 gw'
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "ipfw deny tcp macos" \
    "$(ev "$H ipfw: 12190 Deny TCP 192.0.2.7:4835 198.51.100.9:6881 in via en1")" \
    "$E4 4835 198.51.100.9 6881 tcp - - drop 1 ipfw gw"
is "ipfw unreach under macOS's mach_kernel tag" \
    "$(ev "$H mach_kernel: ipfw: 65000 Unreach TCP 192.0.2.7:2190 198.51.100.9:80 in via en0")" \
    "$E4 2190 198.51.100.9 80 tcp - - reject 1 ipfw gw"
# Other programs' logs of ipfw's text (the Windows port): a time stamp
# in ISO or BSD form, or none, before "ipfw: ".
is "ipfw text after an ISO time stamp" \
    "$(ev "2026-12-04 19:10:59 ipfw: 100 Deny TCP 192.0.2.7:4835 198.51.100.9:22 in via em0")" \
    "$E4 4835 198.51.100.9 22 tcp - - drop 1 ipfw -"
is "ipfw text after a BSD time stamp without a host" \
    "$(ev "Dec  4 19:10:59 ipfw: 100 Deny TCP 192.0.2.7:4835 198.51.100.9:22 in via em0")" \
    "$E4 4835 198.51.100.9 22 tcp - - drop 1 ipfw -"
is "bare ipfw text without a time" \
    "$(why "ipfw: 100 Deny TCP 192.0.2.7:4835 198.51.100.9:22 in via em0")" \
    "missing time stamp"
is "ipfw deny in kernel message" \
    "$(ev "$H kernel: ipfw: 100 Deny UDP 192.0.2.7:53 198.51.100.9:5353 in via em0")" \
    "$E4 53 198.51.100.9 5353 udp - - drop 1 ipfw gw"
is "ipfw icmp type and code" \
    "$(ev "$H kernel: ipfw: 100 Deny ICMP:8.0 192.0.2.7 198.51.100.9 in via em0")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 ipfw gw"
is "ipfw icmpv6" \
    "$(ev "$H kernel: ipfw: 100 Deny ICMPv6:128.0 2001:db8::7 2001:db8::9 in via em0")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - drop 1 ipfw gw"
is "ipfw ipv6 with ports" \
    "$(ev "$H kernel: ipfw: 200 Reset TCP [2001:db8::7]:4123 [2001:db8::9]:22 in via em0")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - - reject 1 ipfw gw"
is "ipfw unreach with code" \
    "$(ev "$H kernel: ipfw: 300 Unreach 3 UDP 192.0.2.7:1 198.51.100.9:161 in via em0")" \
    "$E4 1 198.51.100.9 161 udp - - reject 1 ipfw gw"
is "ipfw accept out" \
    "$(ev "$H kernel: ipfw: 400 Accept P:47 192.0.2.7 198.51.100.9 out via em0")" \
    "$E4 - 198.51.100.9 - 47 - - accept 1 ipfw gw"
is "ipfw count" \
    "$(ev "$H kernel: ipfw: 500 Count TCP 192.0.2.7:1 198.51.100.9:25 in via em0")" \
    "$E4 1 198.51.100.9 25 tcp - - - 1 ipfw gw"
is "ipfw later fragment without ports" \
    "$(ev "$H kernel: ipfw: 100 Deny UDP 192.0.2.7 198.51.100.9 in via em0 (frag 1234:1480@1480)")" \
    "$E4 - 198.51.100.9 - udp - - drop 1 ipfw gw"

is "ipfw divert skipped" \
    "$(why "$H kernel: ipfw: 50 Divert 8668 TCP 192.0.2.7:1 198.51.100.9:25 in via em0")" \
    "skip: packet passed to another rule or subsystem"
is "ipfw limit note skipped" \
    "$(why "$H kernel: ipfw: limit 100 reached on entry 12190")" \
    "skip: log limit note"
is "ipfw address 300" \
    "$(why "$H ipfw: 1 Deny TCP 300.0.2.7:1 198.51.100.9:22 in via em0")" \
    "invalid source address '300.0.2.7:1'"
is "ipfw port 70000" \
    "$(why "$H ipfw: 1 Deny TCP 192.0.2.7:1 198.51.100.9:70000 in via em0")" \
    "invalid target address '198.51.100.9:70000'"
is "ipfw unknown protocol" \
    "$(why "$H ipfw: 1 Deny GRE 192.0.2.7 198.51.100.9 in via em0")" \
    "invalid protocol 'GRE'"
is "ipfw cut short" \
    "$(why "$H ipfw: 1 Deny TCP 192.0.2.7:1")" \
    "missing target address"
like "ipfw text from another program" \
    "$(why "$H crond[1]: ipfw: 1 Deny TCP 192.0.2.7:1 198.51.100.9:22 in via em0")" \
    "unknown format '"

done_testing
