#!/bin/sh
# mnw-parse format eve: exact fields of Suricata EVE JSON alert, drop
# and flow events written for this test, skipped event types, and
# rejections of invalid JSON and of members that are repeated, escaped
# or of the wrong type.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

T='"timestamp":"2026-12-04T20:10:59.123456+0100","flow_id":1234567890'
A='"alert":{"action":"allowed","gid":1,"signature_id":2001219,"rev":20,"signature":"ET SCAN Potential SSH Scan","category":"Attempted Information Leak","severity":2}'
TCP='"src_ip":"192.0.2.7","src_port":4123,"dest_ip":"198.51.100.9","dest_port":22,"proto":"TCP"'

# ---- events --------------------------------------------------------

is "eve alert tcp" \
    "$(ev "{$T,\"in_iface\":\"eth0\",\"event_type\":\"alert\",$TCP,$A}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 eve -"
is "eve alert blocked is a drop" \
    "$(ev "{$T,\"event_type\":\"alert\",$TCP,\"alert\":{\"action\":\"blocked\",\"signature_id\":1}}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - drop 1 eve -"
is "eve drop event" \
    "$(ev "{$T,\"event_type\":\"drop\",$TCP,\"drop\":{\"len\":60,\"syn\":true}}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - drop 1 eve -"
is "eve flow with packets and flags" \
    "$(ev "{$T,\"event_type\":\"flow\",$TCP,\"flow\":{\"pkts_toserver\":3,\"pkts_toclient\":1,\"state\":\"closed\"},\"tcp\":{\"tcp_flags\":\"16\",\"tcp_flags_ts\":\"02\",\"tcp_flags_tc\":\"14\",\"syn\":true}}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - S - 3 eve -"
is "eve icmp type and code" \
    "$(ev "{$T,\"event_type\":\"alert\",\"src_ip\":\"192.0.2.7\",\"dest_ip\":\"198.51.100.9\",\"proto\":\"ICMP\",\"icmp_type\":8,\"icmp_code\":0,$A}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - alert 1 eve -"
is "eve ipv6 icmp" \
    "$(ev "{$T,\"event_type\":\"alert\",\"src_ip\":\"2001:db8::7\",\"dest_ip\":\"2001:db8::9\",\"proto\":\"IPv6-ICMP\",\"icmp_type\":128,\"icmp_code\":0,$A}")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - alert 1 eve -"
is "eve nested client data ignored" \
    "$(ev "{$T,\"event_type\":\"alert\",$TCP,$A,\"http\":{\"hostname\":\"x\",\"src_ip\":\"9.9.9.9\",\"alert\":{\"action\":\"blocked\"}}}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 eve -"
is "eve escapes and utf-8 elsewhere" \
    "$(ev "{$T,\"event_type\":\"alert\",$TCP,$A,\"http\":{\"url\":\"/a\\\"b\\u00e9\\n\",\"http_user_agent\":\"caf$(printf '\303\251')\"},\"n\":[-1.5e3,0,true,false,null,{}]}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 eve -"
is "eve in syslog" \
    "$(ev "Dec  4 19:11:00 ids suricata[812]: {$T,\"event_type\":\"alert\",$TCP,$A}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 eve ids"
is "eve in syslog with cee cookie" \
    "$(ev "Dec  4 19:11:00 ids suricata[812]: @cee: {$T,\"event_type\":\"alert\",$TCP,$A}")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - alert 1 eve ids"

# ---- skipped -------------------------------------------------------

is "eve stats skipped" \
    "$(why "{$T,\"event_type\":\"stats\",\"stats\":{\"uptime\":5}}")" \
    "skip: not an alert, drop or flow event"
is "eve http event skipped" \
    "$(why "{$T,\"event_type\":\"http\",$TCP,\"http\":{\"url\":\"/\"}}")" \
    "skip: not an alert, drop or flow event"

# ---- rejected ------------------------------------------------------

is "eve repeated src_ip" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,\"src_ip\":\"9.9.9.9\",$A}")" \
    "repeated JSON member 'src_ip'"
is "eve repeated alert object" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A,\"alert\":{}}")" \
    "repeated JSON member 'alert'"
is "eve escaped address" \
    "$(why "{$T,\"event_type\":\"alert\",\"src_ip\":\"192.0.2.\\u0037\",\"src_port\":1,\"dest_ip\":\"198.51.100.9\",\"dest_port\":22,\"proto\":\"TCP\",$A}")" \
    "invalid member 'src_ip'"
is "eve escaped member name" \
    "$(why "{$T,\"event_type\":\"alert\",\"src\\u005fip\":\"9.9.9.9\",$TCP,$A}")" \
    "escaped JSON member name 'src\\\\u005fip'"
is "eve port as string" \
    "$(why "{$T,\"event_type\":\"alert\",\"src_ip\":\"192.0.2.7\",\"src_port\":\"1\",\"dest_ip\":\"198.51.100.9\",\"dest_port\":22,\"proto\":\"TCP\",$A}")" \
    "invalid source port 'src_port'"
is "eve port 70000" \
    "$(why "{$T,\"event_type\":\"alert\",\"src_ip\":\"192.0.2.7\",\"src_port\":1,\"dest_ip\":\"198.51.100.9\",\"dest_port\":70000,\"proto\":\"TCP\",$A}")" \
    "invalid target port '70000'"
is "eve address 300" \
    "$(why "{$T,\"event_type\":\"alert\",\"src_ip\":\"300.0.2.7\",\"src_port\":1,\"dest_ip\":\"198.51.100.9\",\"dest_port\":22,\"proto\":\"TCP\",$A}")" \
    "invalid source address '300.0.2.7'"
is "eve missing source" \
    "$(why "{$T,\"event_type\":\"alert\",\"dest_ip\":\"198.51.100.9\",\"dest_port\":22,\"proto\":\"TCP\",$A}")" \
    "missing source address 'src_ip'"
is "eve impossible time" \
    "$(why "{\"timestamp\":\"2026-02-30T10:00:00.000000+0000\",\"event_type\":\"alert\",$TCP,$A}")" \
    "invalid time '2026-02-30T10:00:00.000000+0000'"
is "eve trailing comma" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A,}")" \
    "invalid JSON object '}'"
is "eve number with leading zero" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A,\"x\":01}")" \
    "invalid JSON object '1}'"
is "eve text after object" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A} {\"src_ip\":\"9.9.9.9\"}")" \
    "text after JSON object '{\"src_ip\":\"9.9.9.9\"}'"
is "eve cut short" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,\"alert\":{\"action\":\"all")" \
    "unterminated JSON string"
is "eve invalid utf-8" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A,\"x\":\"$(printf '\300\257')\"}")" \
    "invalid UTF-8 in JSON string '\\xc0\\xaf\"}'"
deep=$(awk 'BEGIN { while (n++ < 40) printf "["; while (m++ < 40) printf "]" }')
is "eve nested too deep" \
    "$(why "{$T,\"event_type\":\"alert\",$TCP,$A,\"x\":$deep}")" \
    "JSON nested too deep '[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}'"
long=$(awk 'BEGIN { while (n++ < 30000) printf "[" }')
like "eve 30000 open brackets" \
    "$(why "{$T,\"x\":$long")" \
    "JSON nested too deep"
like "eve without timestamp first not claimed" \
    "$(why "{\"src_ip\":\"9.9.9.9\"}")" \
    "unknown format '"

done_testing
