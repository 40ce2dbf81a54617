#!/bin/sh
# mnw-parse format fortigate: exact fields of FortiGate traffic and
# intrusion logs written for this test (FortiOS 5 and later, and
# FortiOS 4 key names), skipped logs, and rejections, including quoted
# values that imitate keys.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

FG='date=2026-12-04 time=20:10:59 devname="fw1" devid="FGT60E0000000001" eventtime=1796411459 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root"'
E4='2026-12-04T19:10:59Z 192.0.2.7'

# ---- events --------------------------------------------------------

is "fortigate deny with zone" \
    "$(ev "<189>$FG srcip=192.0.2.7 srcport=4123 srcintf=\"wan1\" srcintfrole=\"wan\" dstip=198.51.100.9 dstport=22 dstintf=\"internal\" dstintfrole=\"lan\" sessionid=1 proto=6 action=\"deny\" policyid=0 policytype=\"policy\" service=\"SSH\" duration=0 sentbyte=0 rcvdbyte=0")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 fortigate -"
is "fortigate inbound accept" \
    "$(ev "Dec  4 19:11:00 192.0.2.1 $FG srcip=192.0.2.7 srcport=4123 srcintf=\"wan1\" srcintfrole=\"wan\" dstip=198.51.100.9 dstport=443 proto=6 action=\"close\" policyid=4 service=\"HTTPS\"")" \
    "$E4 4123 198.51.100.9 443 tcp - - accept 1 fortigate 192.0.2.1"
is "fortigate icmp type in hex" \
    "$(ev "$FG srcip=192.0.2.7 srcintfrole=\"wan\" dstip=198.51.100.9 proto=1 action=\"deny\" policyid=0 service=\"PING\" icmpid=0x1a2b icmptype=0x08 icmpcode=0x00")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 fortigate -"
is "fortigate ipv6" \
    "$(ev "$FG srcip=2001:db8::7 srcport=4123 dstip=2001:db8::9 dstport=25 proto=6 action=\"deny\"")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 25 tcp - - drop 1 fortigate -"
ZONE=+01:00
is "fortigate without tz is the -z zone" \
    "$(ev "date=2026-12-04 time=20:10:59 devname=fw1 type=traffic subtype=forward srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=2 proto=17 action=deny")" \
    "$E4 1 198.51.100.9 2 udp - - drop 1 fortigate -"
ZONE=UTC
is "fortigate fortios 4 keys" \
    "$(ev "date=2026-12-04 time=19:10:59 devname=fw1 device_id=FGT1 log_id=0038016004 type=traffic subtype=other pri=notice status=deny vd=\"root\" src=192.0.2.7 src_port=1111 dst=198.51.100.9 dst_port=2222 service=2222/tcp proto=6")" \
    "$E4 1111 198.51.100.9 2222 tcp - - drop 1 fortigate -"
is "fortigate ips signature" \
    "$(ev "$(printf '%s' "$FG" | sed 's/type="traffic" subtype="forward"/type="utm" subtype="ips" eventtype="signature"/') severity=\"high\" srcip=192.0.2.7 srcport=46810 dstip=198.51.100.9 dstport=80 proto=6 action=\"dropped\" attack=\"Bash.Function.Definitions.Remote.Code.Execution\" msg=\"web_server: srcip=9.9.9.9\"")" \
    "$E4 46810 198.51.100.9 80 tcp - - drop 1 fortigate -"
is "fortigate anomaly without ports" \
    "$(ev "date=2026-12-04 time=19:10:59 devname=fw1 type=anomaly subtype=anomaly level=alert vd=\"root\" srcip=192.0.2.7 dstip=198.51.100.9 sessionid=0 action=detected proto=6 service=NONE count=9 attack=\"IP.Bad.Header\"")" \
    "$E4 - 198.51.100.9 - tcp - - alert 9 fortigate -"
is "fortigate quoted value imitating keys" \
    "$(ev "$FG srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=80 proto=6 action=\"deny\" url=\"/x srcip=198.51.100.66 \\\" srcport=9\" hostname=\"a b\"")" \
    "$E4 1 198.51.100.9 80 tcp - - drop 1 fortigate -"

# ---- skipped -------------------------------------------------------

is "fortigate lan traffic allowed" \
    "$(why "$FG srcip=10.0.0.5 srcport=4123 srcintfrole=\"lan\" dstip=198.51.100.9 dstport=443 proto=6 action=\"accept\"")" \
    "skip: allowed traffic from a lan interface"
is "fortigate event log" \
    "$(why "date=2026-12-04 time=19:10:59 devname=fw1 type=event subtype=system level=alert vd=\"root\" logdesc=\"Admin login failed\" user=\"root\" ui=ssh(192.0.2.7) action=login status=failed")" \
    "skip: not a traffic or intrusion log"

# ---- rejected ------------------------------------------------------

is "fortigate repeated srcip" \
    "$(why "$FG srcip=198.51.100.66 srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=22 proto=6 action=deny")" \
    "repeated key 'srcip'"
is "fortigate text that is no pair" \
    "$(why "date=2026-12-04 time=10: 13:03 devname=fw1 type=traffic srcip=192.0.2.7")" \
    "invalid key=value text '13:03 devname=fw1 type=traffic s'"
is "fortigate unterminated quote" \
    "$(why "$FG srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=22 proto=6 action=\"deny")" \
    "unterminated quoted value 'action'"
is "fortigate address 300" \
    "$(why "$FG srcip=300.0.2.7 srcport=1 dstip=198.51.100.9 dstport=22 proto=6 action=deny")" \
    "invalid source address '300.0.2.7'"
is "fortigate tcp without port" \
    "$(why "$FG srcip=192.0.2.7 dstip=198.51.100.9 dstport=22 proto=6 action=deny")" \
    "invalid source port"
is "fortigate impossible date" \
    "$(why "date=2026-02-30 time=19:10:59 type=traffic srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=22 proto=6 action=deny")" \
    "invalid time '19:10:59'"
like "fortigate text from a tagged program" \
    "$(why "Dec  4 19:10:59 h crond[1]: date=2026-12-04 time=19:10:59 type=traffic srcip=192.0.2.7 srcport=1 dstip=198.51.100.9 dstport=22 proto=6 action=deny")" \
    "unknown format '"

done_testing
