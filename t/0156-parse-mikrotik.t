#!/bin/sh
# mnw-parse format mikrotik: exact fields of RouterOS firewall lines
# and login failures written for this test, the action taken from the
# log prefix, user names that imitate addresses, skipped messages, and
# rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H='2026-12-04T20:10:59.123456+01:00 gw'
IN='in:ether1-WAN out:(unknown 0), connection-state:new src-mac 00:11:22:33:44:55,'
E4='2026-12-04T19:10:59Z 192.0.2.7'

# ---- firewall ------------------------------------------------------

is "mikrotik tcp syn dropped" \
    "$(ev "$H firewall,info drop-in input: $IN proto TCP (SYN), 192.0.2.7:4123->198.51.100.9:23, len 40")" \
    "$E4 4123 198.51.100.9 23 tcp - S drop 1 mikrotik gw"
is "mikrotik flags and no prefix" \
    "$(ev "$H firewall,info forward: in:ether1 out:bridge, connection-state:invalid proto TCP (ACK,RST), 192.0.2.7:4123->198.51.100.9:443, len 40")" \
    "$E4 4123 198.51.100.9 443 tcp - AR - 1 mikrotik gw"
is "mikrotik reject prefix" \
    "$(ev "$H firewall,info REJECT_wan input: $IN proto UDP, 192.0.2.7:5060->198.51.100.9:5060, len 400")" \
    "$E4 5060 198.51.100.9 5060 udp - - reject 1 mikrotik gw"
is "mikrotik icmp" \
    "$(ev "$H firewall,info drop input: $IN proto ICMP (type 8, code 0), 192.0.2.7->198.51.100.9, len 84")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 mikrotik gw"
is "mikrotik ipv6 in brackets" \
    "$(ev "$H firewall,info input: $IN proto TCP (SYN), [2001:db8::7]:4123->[2001:db8::9]:22, len 24")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - S - 1 mikrotik gw"
is "mikrotik nat after endpoints" \
    "$(ev "$H firewall,info accept forward: in:ether1 out:bridge, proto TCP (SYN), 192.0.2.7:4123->198.51.100.9:80, NAT 192.0.2.7:4123->(198.51.100.9:80->10.0.0.9:80), len 60")" \
    "$E4 4123 198.51.100.9 80 tcp - S accept 1 mikrotik gw"
is "mikrotik gre protocol number" \
    "$(ev "$H firewall,info drop input: $IN proto 47, 192.0.2.7->198.51.100.9, len 80")" \
    "$E4 - 198.51.100.9 - 47 - - drop 1 mikrotik gw"

# ---- login failures ------------------------------------------------

is "mikrotik login failure via winbox" \
    "$(ev "Dec  4 19:10:59 gw system,error,critical login failure for user admin from 192.0.2.7 via winbox")" \
    "$E4 - 0.0.0.0 8291 tcp - - auth-fail 1 mikrotik gw"
is "mikrotik user name imitating an address" \
    "$(ev "Dec  4 19:10:59 gw system,error,critical login failure for user x from 198.51.100.66 via ssh from 192.0.2.7 via ssh")" \
    "$E4 - 0.0.0.0 22 tcp - - auth-fail 1 mikrotik gw"
is "mikrotik empty user ipv6" \
    "$(ev "Dec  4 19:10:59 gw system,error,critical login failure for user  from 2001:db8::7 via web")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - :: 80 tcp - - auth-fail 1 mikrotik gw"

# ---- skipped and rejected ------------------------------------------

is "mikrotik other system message" \
    "$(why "Dec  4 19:10:59 gw system,info log rule changed by admin")" \
    "skip: not a firewall or login failure message"
is "mikrotik address 300" \
    "$(why "$H firewall,info drop input: $IN proto UDP, 300.0.2.7:1->198.51.100.9:53, len 60")" \
    "invalid source address '300.0.2.7:1'"
is "mikrotik tcp without port" \
    "$(why "$H firewall,info drop input: $IN proto TCP (SYN), 192.0.2.7->198.51.100.9:22, len 60")" \
    "invalid source address '192.0.2.7'"
is "mikrotik unknown flag" \
    "$(why "$H firewall,info drop input: $IN proto TCP (SYN,XYZ), 192.0.2.7:1->198.51.100.9:22, len 60")" \
    "invalid tcp flags 'SYN,XYZ'"
is "mikrotik unknown login service" \
    "$(why "Dec  4 19:10:59 gw system,error,critical login failure for user a from 192.0.2.7 via pigeon")" \
    "unknown service 'pigeon'"
like "mikrotik text from a tagged program" \
    "$(why "Dec  4 19:10:59 gw crond[1]: firewall,info drop input: $IN proto UDP, 192.0.2.7:1->198.51.100.9:53, len 60")" \
    "unknown format '"

done_testing
