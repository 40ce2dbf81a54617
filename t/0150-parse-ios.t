#!/bin/sh
# mnw-parse format ios: exact fields of Cisco IOS access list messages
# and IPS alerts written for this test, with and without sequence
# numbers and the router's own time stamps; skipped messages; and
# rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H='Dec  4 19:10:59 rtr1'

# ---- events --------------------------------------------------------

is "ios sequence number, no stamp" \
    "$(ev "$H 4711: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) -> 198.51.100.9(139), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 139 tcp - - drop 1 ios rtr1"
is "ios message id as syslog tag" \
    "$(ev "$H %SEC-6-IPACCESSLOGP: list 102 denied udp 192.0.2.7(1028) -> 198.51.100.9(137), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 1028 198.51.100.9 137 udp - - drop 1 ios rtr1"
is "ios stamp with zone replaces syslog time" \
    "$(ev "Dec  4 19:11:02 rtr1 4712: .Dec  4 20:10:58.123 CET: %SEC-6-IPACCESSLOGP: list in permitted udp 192.0.2.7(53) -> 198.51.100.9(5353), 12 packets")" \
    "2026-12-04T19:10:58Z 192.0.2.7 53 198.51.100.9 5353 udp - - accept 12 ios rtr1"
is "ios lowercase zone" \
    "$(ev "4713: Dec  4 11:10:59.001 pst: %SEC-6-IPACCESSLOGP: list 100 denied udp 192.0.2.7(1026) -> 198.51.100.9(137), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 1026 198.51.100.9 137 udp - - drop 1 ios -"
ZONE=+01:00
is "ios unknown zone name is the -z zone" \
    "$(ev "4714: Dec 4 20:10:59 mng: %SEC-6-IPACCESSLOGP: list 100 denied udp 192.0.2.7(1026) -> 198.51.100.9(137), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 1026 198.51.100.9 137 udp - - drop 1 ios -"
ZONE=UTC
is "ios stamp with year" \
    "$(ev "5: Dec  4 2026 20:10:59 CET: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 22 tcp - - drop 1 ios -"
is "ios unset clock yields to syslog time" \
    "$(ev "$H 12: *Mar  1 00:01:02.003 UTC: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 22 tcp - - drop 1 ios rtr1"
is "ios unset clock alone is used" \
    "$(ev "12: *Dec  4 19:00:00.003 UTC: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet")" \
    "2026-12-04T19:00:00Z 192.0.2.7 3067 198.51.100.9 22 tcp - - drop 1 ios -"
is "ios uptime stamp" \
    "$(ev "$H 6: 1d02h: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet" \
    "$H 7: 00:00:46: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3068) -> 198.51.100.9(22), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 22 tcp - - drop 1 ios rtr1
2026-12-04T19:10:59Z 192.0.2.7 3068 198.51.100.9 22 tcp - - drop 1 ios rtr1"
is "ios log-input interface and mac" \
    "$(ev "$H 8: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) (GigabitEthernet0/1.6 0011.2233.4455) -> 198.51.100.9(23), 2 packets" \
    "$H 9: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(3067) (Serial4/3 ) -> 198.51.100.9(23), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 23 tcp - - drop 2 ios rtr1
2026-12-04T19:10:59Z 192.0.2.7 3067 198.51.100.9 23 tcp - - drop 1 ios rtr1"
is "ios icmp type and code" \
    "$(ev "$H 10: %SEC-6-IPACCESSLOGDP: list 102 denied icmp 192.0.2.7 -> 198.51.100.9 (8/0), 3 packets")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - icmp 8/0 - drop 3 ios rtr1"
is "ios protocol number" \
    "$(ev "$H 11: %SEC-6-IPACCESSLOGNP: list 102 denied 47 192.0.2.7 -> 198.51.100.9, 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 198.51.100.9 - 47 - - drop 1 ios rtr1"
is "ios igmp type not an icmp type" \
    "$(ev "$H 13: %SEC-6-IPACCESSLOGRP: list 102 denied igmp 192.0.2.7 -> 224.0.0.22 (20), 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 224.0.0.22 - 2 - - drop 1 ios rtr1"
is "ios protocol name of its own" \
    "$(ev "$H 14: %SEC-6-IPACCESSLOGRP: list 102 denied ospf 192.0.2.7 -> 224.0.0.5, 1 packet")" \
    "2026-12-04T19:10:59Z 192.0.2.7 - 224.0.0.5 - 89 - - drop 1 ios rtr1"
is "ios ipv6 tcp" \
    "$(ev "$H 33: %IPV6_ACL-6-ACCESSLOGP: list v6in/20 denied tcp 2001:DB8::7(3067) -> 2001:DB8::9(22), 1 packet")" \
    "2026-12-04T19:10:59Z 2001:db8::7 3067 2001:db8::9 22 tcp - - drop 1 ios rtr1"
is "ios ipv6 icmpv6" \
    "$(ev "$H 34: %IPV6-6-ACCESSLOGDP: list v6in/30 permitted icmpv6 2001:DB8::7 -> 2001:DB8::9 (128/0), 2 packets")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - accept 2 ios rtr1"
is "ios ips alert" \
    "$(ev "$H %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.0.2.7:51654 -> 198.51.100.9:4444]")" \
    "2026-12-04T19:10:59Z 192.0.2.7 51654 198.51.100.9 4444 - - - alert 1 ios rtr1"

# ---- skipped -------------------------------------------------------

is "ios standard access list has no target" \
    "$(why "$H 15: %SEC-6-IPACCESSLOGS: list 10 denied 192.0.2.7 1 packet")" \
    "skip: no target address in message"
is "ios rate-limit note" \
    "$(why "$H 16: %SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed 36 packets")" \
    "skip: access list rate-limit note"
is "ios other message" \
    "$(why "$H 17: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.1)")" \
    "skip: not an access list message"
is "ios link message with uptime" \
    "$(why "00:00:46: %LINK-3-UPDOWN: Interface Port-channel1, changed state to up")" \
    "skip: not an access list message"

# ---- rejected ------------------------------------------------------

is "ios address 300" \
    "$(why "$H 18: %SEC-6-IPACCESSLOGP: list 102 denied tcp 300.0.2.7(3067) -> 198.51.100.9(22), 1 packet")" \
    "invalid source address '300.0.2.7'"
is "ios masked address" \
    "$(why "$H 19: %SEC-6-IPACCESSLOGP: list 102 denied udp 192.0.2.7(137) -> xx.xx.xx.xx(137), 1 packet")" \
    "invalid target address 'xx.xx.xx.xx'"
is "ios port 70000" \
    "$(why "$H 20: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(70000) -> 198.51.100.9(22), 1 packet")" \
    "invalid source port '70000'"
is "ios tcp without port" \
    "$(why "$H 21: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7 -> 198.51.100.9(22), 1 packet")" \
    "missing source port '192.0.2.7'"
is "ios count zero" \
    "$(why "$H 22: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(1) -> 198.51.100.9(22), 0 packets")" \
    "invalid count '0'"
is "ios unknown action" \
    "$(why "$H 23: %SEC-6-IPACCESSLOGP: list 102 blocked tcp 192.0.2.7(1) -> 198.51.100.9(22), 1 packet")" \
    "invalid action 'blocked'"
is "ios icmp code 256" \
    "$(why "$H 24: %SEC-6-IPACCESSLOGDP: list 102 denied icmp 192.0.2.7 -> 198.51.100.9 (8/256), 1 packet")" \
    "invalid icmp type '8/256'"
is "ios trailing text" \
    "$(why "$H 25: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(1) -> 198.51.100.9(22), 1 packet 9.9.9.9")" \
    "unexpected message text ' 9.9.9.9'"
is "ios impossible date" \
    "$(why "26: Feb 30 10:00:00 UTC: %SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(1) -> 198.51.100.9(22), 1 packet")" \
    "invalid time 'Feb 30 10:00:00'"
is "ios mixed families" \
    "$(why "$H 27: %IPV6-6-ACCESSLOGP: list v6 denied tcp 2001:db8::7(1) -> 198.51.100.9(22), 1 packet")" \
    "source and target address families differ"
is "ios without any time" \
    "$(why "%SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.7(1) -> 198.51.100.9(22), 1 packet")" \
    "missing time stamp"

# Another program's message that imitates an IOS line is not IOS.
like "ios text in a cron message not claimed" \
    "$(why "$H crond[1]: %SEC-6-IPACCESSLOGP: list 1 denied tcp 9.9.9.9(1) -> 198.51.100.9(22), 1 packet")" \
    "unknown format '"
is "ios asa message left to asa" \
    "$(printf '%s\n' "$H %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group \"in\" [0x0, 0x0]" |
    mnw-parse -H -q -f ios -r t -y "$REF" -z UTC 2>&1 >/dev/null | tail -n 1)" \
    "mnw-parse: stdin: 1 lines, 0 events, 0 skipped, 1 rejected (1 not in the requested format)"

done_testing
