#!/bin/sh
# mnw-parse format checkpoint: exact fields of Check Point Log Exporter
# and fw log lines written for this test, skipped verdicts, and
# rejections.  Runs only when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  checkpoint ' ||
    skip_all "format checkpoint is not in mnw-parse's format table"

X='<134>1 2026-12-04T19:10:59Z gw CheckPoint 19710 -'
O='Dec  4 19:10:59 gw Checkpoint:  4Dec2026 19:10:59'
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "checkpoint reject without protocol" \
    "$(ev "$X [action:\"Reject\"; ifdir:\"inbound\"; origin:\"198.51.100.1\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"]")" \
    "$E4 - 198.51.100.9 - - - - reject 1 checkpoint gw"
is "checkpoint exporter drop" \
    "$(ev "$X [action:\"Drop\"; ifdir:\"inbound\"; origin:\"198.51.100.1\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"; proto:\"6\"; s_port:\"4123\"; service:\"22\"]")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 checkpoint gw"
is "checkpoint exporter without pri" \
    "$(ev "1 2026-12-04T19:10:59Z gw CheckPoint 19710 - [action:\"Reject\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"; proto:\"17\"; s_port:\"53\"; service:\"5353\"]")" \
    "$E4 53 198.51.100.9 5353 udp - - reject 1 checkpoint -"
is "checkpoint exporter quoted value imitating keys" \
    "$(ev "$X [action:\"Accept\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"; proto:\"6\"; s_port:\"1\"; service:\"443\"; http_host:\"x; src: 198.51.100.66; a\"]")" \
    "$E4 1 198.51.100.9 443 tcp - - accept 1 checkpoint gw"
is "checkpoint old form drop" \
    "$(ev "$O drop   198.51.100.1 >eth0 rule: 9; rule_uid: {1}; service_id: ssh; src: 192.0.2.7; dst: 198.51.100.9; proto: tcp; product: VPN-1 & FireWall-1; service: 22; s_port: 4123;")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 checkpoint gw"
is "checkpoint old form icmp" \
    "$(ev "$O accept 198.51.100.1 >eth5 rule: 112; service_id: icmp-proto; ICMP: Echo Request; src: 192.0.2.7; dst: 198.51.100.9; proto: icmp; ICMP Type: 8; ICMP Code: 0; product: VPN-1 & FireWall-1")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - accept 1 checkpoint gw"
is "checkpoint old form service name" \
    "$(ev "$O drop   198.51.100.1 >eth0 rule: 9; src: 192.0.2.7; dst: 198.51.100.9; proto: udp; service: nbdatagram; s_port: 138;")" \
    "$E4 138 198.51.100.9 138 udp - - drop 1 checkpoint gw"

is "checkpoint encrypt skipped" \
    "$(why "$X [action:\"Encrypt\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"]")" \
    "skip: not a connection verdict"
is "checkpoint repeated src" \
    "$(why "$X [action:\"Drop\"; src:\"198.51.100.66\"; src:\"192.0.2.7\"; dst:\"198.51.100.9\"; proto:\"6\"; s_port:\"1\"; service:\"22\"]")" \
    "repeated key 'src'"
is "checkpoint missing source" \
    "$(why "$O drop   198.51.100.1 >eth8 rule: 134; dst: 255.255.255.255; proto: udp; service: 67; s_port: 68;")" \
    "missing source address"
is "checkpoint address 300" \
    "$(why "$X [action:\"Drop\"; src:\"300.0.2.7\"; dst:\"198.51.100.9\"; proto:\"6\"; s_port:\"1\"; service:\"22\"]")" \
    "invalid source address '300.0.2.7'"
is "checkpoint unterminated quote" \
    "$(why "$X [action:\"Drop\"; src:\"192.0.2.7")" \
    "unterminated quoted value 'src'"

# ---- OPSEC LEA clients: key=value|key=value -------------------------
L='loc=7803|time=2026-12-04 19:10:59|action=drop|orig=fw1|i/f_dir=inbound|i/f_name=eth0|has_accounting=0|product=VPN-1 & FireWall-1|__policy_id_tag=product=VPN-1 & FireWall-1[db_tag={9F95};mgmt=fw1;policy_name=Standard]'
is "lea drop, policy tag with '=' inside" \
    "$(ev "$L|src=192.0.2.7|s_port=4123|dst=198.51.100.9|service=22|proto=tcp|rule=9")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 checkpoint -"
is "lea behind a syslog header, date with a padded hour" \
    "$(ev "Dec  4 19:11:00 col fw1-loggrabber[9868]: time=4Dec2026  9:10:59|action=reject|orig=fw1|src=192.0.2.7|s_port=53|dst=198.51.100.9|service=domain-udp|proto=udp")" \
    "2026-12-04T09:10:59Z 192.0.2.7 53 198.51.100.9 53 udp - - reject 1 checkpoint col"
is "lea epoch time and icmp" \
    "$(ev "time=1796411459|action=drop|orig=fw1|src=192.0.2.7|dst=198.51.100.9|proto=icmp|ICMP Type=8|ICMP Code=0")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 checkpoint -"
is "lea ISO time in the zone of -z" \
    "$(ZONE=Europe/Berlin ev "time=2026-12-04 20:10:59|action=accept|orig=fw1|src=2001:db8::7|s_port=1|dst=2001:db8::9|service=443|proto=tcp")" \
    "2026-12-04T19:10:59Z 2001:db8::7 1 2001:db8::9 443 tcp - - accept 1 checkpoint -"
is "lea host name in place of an address" \
    "$(why "time=1796411459|action=accept|orig=fw1|src=naruto|s_port=36973|dst=fw1|service=941|proto=tcp")" \
    "invalid source address 'naruto'"
is "lea action that is no verdict" \
    "$(why "time=1796411459|action=Encrypt|orig=fw1|src=192.0.2.7")" \
    "skip: not a connection verdict"
is "lea source given twice" \
    "$(why "time=1796411459|action=drop|orig=fw1|src=203.0.113.66|src=192.0.2.7|dst=198.51.100.9|proto=tcp|s_port=1|service=2")" \
    "repeated key 'src'"
is "lea bad time" \
    "$(why "time=31Foo2026 19:10:59|action=drop|orig=fw1|src=192.0.2.7|dst=198.51.100.9|proto=tcp|s_port=1|service=2")" \
    "invalid time '31Foo2026 19:10:59'"
is "lea field without '='" \
    "$(why "time=1796411459|action=drop|orig=fw1|junk|src=192.0.2.7")" \
    "invalid key=value text 'junk'"
is "time=...| without orig= is not lea" \
    "$(why "time=1796411459|action=drop|src=192.0.2.7" | cut -c1-15)" \
    "unknown format "

done_testing
