#!/bin/sh
# mnw-parse format zonealarm: exact fields of ZoneAlarm log lines
# written for this test, skipped lines, and rejections.  Runs only
# when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  zonealarm ' ||
    skip_all "format zonealarm is not in mnw-parse's format table"

E4='2026-12-04T19:10:59Z 192.0.2.7'

is "zonealarm inbound tcp blocked" \
    "$(ev "FWIN,2026/12/04,14:10:59 -5:00 GMT,192.0.2.7:4123,198.51.100.9:445,TCP (flags:S)")" \
    "$E4 4123 198.51.100.9 445 tcp - S drop 1 zonealarm -"
is "zonealarm inbound udp allowed" \
    "$(ev "FWIN_OK,2026/12/04,20:40:59 +1:30 GMT,192.0.2.7:68,198.51.100.9:67,UDP")" \
    "$E4 68 198.51.100.9 67 udp - - accept 1 zonealarm -"
is "zonealarm icmp type" \
    "$(ev "FWIN,2026/12/04,19:10:59 +0:00 GMT,192.0.2.7,198.51.100.9,ICMP (type:8/subtype:0)")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 zonealarm -"
is "zonealarm outbound skipped" \
    "$(why "FWOUT,2026/12/04,14:10:59 -5:00 GMT,198.51.100.9:1134,192.0.2.7:445,TCP (flags:S)")" \
    "skip: outbound traffic of the computer"
is "zonealarm program line skipped" \
    "$(why "ACCESS,2026/12/04,14:10:59 -5:00 GMT,Program x has been blocked,N/A,N/A")" \
    "skip: not a firewall line"
is "zonealarm header skipped" \
    "$(why "type,date,time,source,destination,transport (Security)")" \
    "skip: header line"
is "zonealarm address 300" \
    "$(why "FWIN,2026/12/04,14:10:59 -5:00 GMT,300.0.2.7:1,198.51.100.9:445,TCP (flags:S)")" \
    "invalid source address '300.0.2.7:1'"
is "zonealarm impossible date" \
    "$(why "FWIN,2026/02/30,14:10:59 -5:00 GMT,192.0.2.7:1,198.51.100.9:445,UDP")" \
    "invalid time '14:10:59 -5:00 GMT'"

done_testing
