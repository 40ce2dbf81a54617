#!/bin/sh
# mnw-parse format huawei: exact fields of Huawei USG policy and packet
# deny logs written for this test, skipped messages, and rejections.
# Runs only when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  huawei ' ||
    skip_all "format huawei is not in mnw-parse's format table"

E4='2026-12-04T19:10:59Z 192.0.2.7'
PD='%%01POLICY/6/POLICYDENY(l):vsys=public, protocol=6, source-ip=192.0.2.7, source-port=4123, destination-ip=198.51.100.9, destination-port=22, time=2026/12/4 19:10:59, source-zone=untrust, destination-zone=trust'

is "huawei policy deny with device stamp" \
    "$(ev "2026/12/04 19:10:59 USG6300 $PD, rule-name=deny-all.")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 huawei -"
is "huawei month stamp and comma in rule name" \
    "$(ev "Dec  4 2026 19:10:59 USG6300 $PD, rule-name=deny, all.")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 huawei -"
is "huawei packet deny in syslog" \
    "$(ev "2026-12-04T19:10:59Z USG6300 %%01SECLOG/4/PACKET_DENY(l):IPVer=4,Protocol=udp,SourceIP=192.0.2.7,DestinationIP=198.51.100.9,SourcePort=53,DestinationPort=5353,BeginTime=1,EndTime=1,SourceVpnID=0,DestinationVpnID=0,SourceZone=untrust,DestinationZone=trust,PolicyName=x,CloseReason=deny")" \
    "$E4 53 198.51.100.9 5353 udp - - drop 1 huawei USG6300"
is "huawei permit" \
    "$(ev "2026/12/04 19:10:59 USG6300 %%01POLICY/6/POLICYPERMIT(l):vsys=public, protocol=17, source-ip=192.0.2.7, source-port=1, destination-ip=198.51.100.9, destination-port=2, rule-name=a.")" \
    "$E4 1 198.51.100.9 2 udp - - accept 1 huawei -"
is "huawei teardown skipped" \
    "$(why "2026-12-04 19:10:59 USG6300 %%01SECLOG/6/SESSION_TEARDOWN(l):IPVer=4,Protocol=tcp,SourceIP=192.0.2.7")" \
    "skip: not a policy or packet deny log"
is "huawei rule name imitating a key" \
    "$(why "2026/12/04 19:10:59 USG6300 $PD, rule-name=x, source-ip=198.51.100.66.")" \
    "repeated key 'source-ip'"
is "huawei address 300" \
    "$(why "2026/12/04 19:10:59 USG6300 %%01POLICY/6/POLICYDENY(l):vsys=public, protocol=6, source-ip=300.0.2.7, source-port=1, destination-ip=198.51.100.9, destination-port=22")" \
    "invalid source address '300.0.2.7'"

done_testing
