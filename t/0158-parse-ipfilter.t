#!/bin/sh
# mnw-parse format ipfilter: exact fields of ipmon lines written for
# this test, in syslog and in its file form, with repeat counts; skipped
# lines; and rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

S='Dec  4 19:10:59 gw ipmon[81]: 19:10:59.123456'
F='04/12/2026 20:10:59.123456'
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "ipfilter syslog block" \
    "$(ev "$S em0 @0:17 b 192.0.2.7,4123 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "$E4 4123 198.51.100.9 22 tcp - S drop 1 ipfilter gw"
is "ipfilter repeat count" \
    "$(ev "$S 2x em0 @0:17 b 192.0.2.7,4123 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "$E4 4123 198.51.100.9 22 tcp - S drop 2 ipfilter gw"
ZONE=+01:00
is "ipfilter file form in the -z zone" \
    "$(ev "$F em0 @0:17 b 192.0.2.7,53 -> 198.51.100.9,5353 PR udp len 20 60 IN")" \
    "$E4 53 198.51.100.9 5353 udp - - drop 1 ipfilter -"
ZONE=UTC
is "ipfilter icmp numbers" \
    "$(ev "$S em0 @0:3 b 192.0.2.7 -> 198.51.100.9 PR icmp len 20 84 icmp 8/0 IN")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 ipfilter gw"
is "ipfilter icmp name" \
    "$(ev "$S em0 @0:3 b 192.0.2.7 -> 198.51.100.9 PR icmp len 20 84 icmp echo/0 IN")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 ipfilter gw"
is "ipfilter ipv6 with comma port" \
    "$(ev "$S em0 @0:4 b 2001:db8::7,4123 -> 2001:db8::9,22 PR tcp len 40 60 -S IN")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - S drop 1 ipfilter gw"
is "ipfilter pass in with state" \
    "$(ev "$S em0 @0:1 p 192.0.2.7,1025 -> 198.51.100.9,25 PR tcp len 20 40 -S K-S IN")" \
    "$E4 1025 198.51.100.9 25 tcp - S accept 1 ipfilter gw"
is "ipfilter log rule without verdict" \
    "$(ev "$S em0 @-1:-1 L 192.0.2.7,1 -> 198.51.100.9,53 PR udp len 20 40 IN")" \
    "$E4 1 198.51.100.9 53 udp - - - 1 ipfilter gw"

is "ipfilter pass out skipped" \
    "$(why "$S em0 @0:1 p 198.51.100.9,25 -> 192.0.2.7,1025 PR tcp len 20 40 -AS K-S OUT")" \
    "skip: outbound packet let through"
is "ipfilter missed entries skipped" \
    "$(why "missed 1 ipf log entries: 0 1")" \
    "skip: missed log entries note"
is "ipfilter address 300" \
    "$(why "$S em0 @0:1 b 300.0.2.7,1 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "invalid source address '300.0.2.7,1'"
is "ipfilter tcp without port" \
    "$(why "$S em0 @0:1 b 192.0.2.7 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "invalid source address '192.0.2.7'"
is "ipfilter count zero" \
    "$(why "$S 0x em0 @0:1 b 192.0.2.7,1 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "invalid count '0x'"
is "ipfilter no direction" \
    "$(why "$S em0 @0:1 b 192.0.2.7,1 -> 198.51.100.9,22 PR tcp len 20 40 -S")" \
    "missing direction '-S'"
is "ipfilter bad flag" \
    "$(why "$S em0 @0:1 b 192.0.2.7,1 -> 198.51.100.9,22 PR tcp len 20 40 -SX IN")" \
    "invalid tcp flags '-SX'"
is "ipfilter impossible date not claimed" \
    "$(why "31/02/2026 19:10:59.000000 em0 @0:1 b 192.0.2.7,1 -> 198.51.100.9,22 PR tcp len 20 40 -S IN")" \
    "unknown format '31/02/2026 19:10:59.000000 em0 @0:1 b 192.0.2.7,1 -> 198.51....'"

done_testing
