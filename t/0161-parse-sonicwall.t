#!/bin/sh
# mnw-parse format sonicwall: exact fields of SonicOS drop and login
# failure lines written for this test, IPv6, skipped messages, and
# rejections, including quoted values that imitate keys.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H='Dec  4 19:11:00 192.0.2.1 id=firewall sn=0017C5000000 time="2026-12-04 19:10:59 UTC" fw=198.51.100.9 pri=5'
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "sonicwall tcp dropped" \
    "$(ev "$H c=64 m=36 msg=\"TCP connection dropped\" n=2686 src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445")" \
    "$E4 4507 198.51.100.9 445 tcp - - drop 1 sonicwall 192.0.2.1"
is "sonicwall udp dropped without source port" \
    "$(ev "$H c=128 m=37 msg=\"UDP packet dropped\" n=1 src=192.0.2.7 dst=198.51.100.9:1025:LAN")" \
    "$E4 - 198.51.100.9 1025 udp - - drop 1 sonicwall 192.0.2.1"
is "sonicwall icmp type and code" \
    "$(ev "$H c=256 m=38 msg=\"ICMP packet dropped\" n=2 src=192.0.2.7:1026:WAN dst=198.51.100.9:6822:WAN  type=3 code=3 ")" \
    "$E4 - 198.51.100.9 - icmp 3/3 - drop 1 sonicwall 192.0.2.1"
ZONE=+01:00
is "sonicwall local time in the -z zone" \
    "$(ev "id=firewall sn=1 time=\"2026-12-04 20:10:59\" fw=198.51.100.9 pri=5 c=64 m=36 msg=\"TCP connection dropped\" n=3 src=192.0.2.7:1:X1 dst=198.51.100.9:22:X0")" \
    "$E4 1 198.51.100.9 22 tcp - - drop 1 sonicwall -"
ZONE=UTC
is "sonicwall ipv6" \
    "$(ev "$H c=64 m=37 msg=\"UDP packet dropped\" n=4 srcV6=2001:db8::7 src=:49702:X1 dstV6=2001:db8::9 dst=:5355 proto=udp/5355")" \
    "2026-12-04T19:10:59Z 2001:db8::7 49702 2001:db8::9 5355 udp - - drop 1 sonicwall 192.0.2.1"
is "sonicwall admin login denied" \
    "$(ev "$H c=32 m=30 msg=\"Administrator login denied due to bad credentials\" n=7 src=192.0.2.7:36701:WAN dst=198.51.100.9:443:WAN")" \
    "$E4 36701 198.51.100.9 443 tcp - - auth-fail 1 sonicwall 192.0.2.1"
is "sonicwall quoted value imitating keys" \
    "$(ev "$H c=64 m=36 msg=\"TCP connection dropped src=198.51.100.66:1:X1\" n=5 src=192.0.2.7:1:X1 dst=198.51.100.9:22:X0 note=\"m=30 dst=198.51.100.66\"")" \
    "$E4 1 198.51.100.9 22 tcp - - drop 1 sonicwall 192.0.2.1"

is "sonicwall connection opened skipped" \
    "$(why "$H c=262144 m=98 msg=\"Connection Opened\" n=6 src=192.0.2.7:1:WAN dst=198.51.100.9:22:LAN proto=tcp/22")" \
    "skip: not a dropped packet or login failure"
is "sonicwall repeated src" \
    "$(why "$H c=64 m=36 msg=\"x\" n=7 src=198.51.100.66:1:X1 src=192.0.2.7:1:X1 dst=198.51.100.9:22:X0")" \
    "repeated key 'src'"
is "sonicwall text that is no pair" \
    "$(why "$H c=64 m=36 msg=\"x\" n=8 src=192.0.2 .7:1:X1 dst=198.51.100.9:22:X0")" \
    "invalid key=value text '.7:1:X1 dst=198.51.100.9:22:X0'"
is "sonicwall address 300" \
    "$(why "$H c=64 m=36 msg=\"x\" n=9 src=300.0.2.7:1:X1 dst=198.51.100.9:22:X0")" \
    "invalid source address '300.0.2.7:1:X1'"
is "sonicwall port 70000" \
    "$(why "$H c=64 m=36 msg=\"x\" n=9 src=192.0.2.7:70000:X1 dst=198.51.100.9:22:X0")" \
    "invalid source address '192.0.2.7:70000:X1'"
is "sonicwall impossible time" \
    "$(why "id=firewall sn=1 time=\"2026-02-30 19:10:59\" m=36 src=192.0.2.7:1:X1 dst=198.51.100.9:22:X0")" \
    "invalid time '2026-02-30 19:10:59'"
like "sonicwall text from a tagged program" \
    "$(why "Dec  4 19:10:59 h crond[1]: id=firewall m=36 src=192.0.2.7:1:X1 dst=198.51.100.9:22:X0")" \
    "unknown format '"

done_testing
