#!/bin/sh
# mnw-parse format juniper: exact fields of Junos SRX denied sessions
# and screen alarms (structured data and text) and of NetScreen traffic
# logs and attack alarms written for this test; skipped messages; and
# rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H5='<14>1 2026-12-04T19:10:59.803Z srx1'
SD='[junos@2636.1.1.1.2.39 source-address="192.0.2.7" source-port="4123" destination-address="198.51.100.9" destination-port="22" service-name="junos-ssh" protocol-id="6" icmp-type="0" policy-name="deny-all" source-zone-name="untrust" destination-zone-name="trust" application="UNKNOWN" nested-application="UNKNOWN" username="N/A" roles="N/A" packet-incoming-interface="ge-0/0/0.0" encrypted="UNKNOWN" reason="policy deny"]'
TXT='session denied 192.0.2.7/4123->198.51.100.9/22 junos-ssh 6(0) deny-all untrust trust UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0 UNKNOWN policy deny'
NS='Dec  4 19:10:59 fw1 ns1: NetScreen device_id=ns1  [Root]'
E4='2026-12-04T19:10:59Z 192.0.2.7'

# ---- junos ---------------------------------------------------------

is "srx rfc 5424 structured data" \
    "$(ev "$H5 RT_FLOW - RT_FLOW_SESSION_DENY $SD $TXT")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 juniper srx1"
is "srx rfc 5424 without structured data" \
    "$(ev "$H5 RT_FLOW - RT_FLOW_SESSION_DENY - $TXT")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 juniper srx1"
is "srx structured data relayed in bsd syslog" \
    "$(ev "Dec  4 19:11:30 192.0.2.1 junos-flow: 2026-12-04T19:10:59.803Z srx1 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address=\"192.0.2.7\" source-port=\"53\" destination-address=\"198.51.100.9\" destination-port=\"5353\" service-name=\"junos-dns-udp\" protocol-id=\"17\" icmp-type=\"0\" policy-name=\"x\"]")" \
    "$E4 53 198.51.100.9 5353 udp - - drop 1 juniper 192.0.2.1"
is "srx icmp type" \
    "$(ev "$H5 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address=\"192.0.2.7\" source-port=\"1\" destination-address=\"198.51.100.9\" destination-port=\"7\" protocol-id=\"1\" icmp-type=\"8\"]")" \
    "$E4 - 198.51.100.9 - icmp 8 - drop 1 juniper srx1"
is "srx bsd text form" \
    "$(ev "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: $TXT")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 juniper srx1"
is "srx text form icmpv6" \
    "$(ev "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session denied 2001:db8::7/0->2001:db8::9/0 icmpv6 58(128) deny-all untrust trust UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0 UNKNOWN policy deny")" \
    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128 - drop 1 juniper srx1"
is "srx tcp screen" \
    "$(ev "$H5 RT_IDS - RT_SCREEN_TCP [junos@2636.1.1.1.2.135 attack-name=\"TCP port scan!\" source-address=\"192.0.2.7\" source-port=\"4123\" destination-address=\"198.51.100.9\" destination-port=\"23\" source-zone-name=\"untrust\" interface-name=\"ge-0/0/0.0\" action=\"drop\"]")" \
    "$E4 4123 198.51.100.9 23 tcp - - drop 1 juniper srx1"
is "srx screen without drop" \
    "$(ev "$H5 RT_IDS - RT_SCREEN_ICMP [junos@2636.1.1.1.2.135 attack-name=\"ICMP sweep!\" source-address=\"192.0.2.7\" destination-address=\"198.51.100.9\" source-zone-name=\"untrust\" interface-name=\"ge-0/0/0.0\" action=\"alarm-without-drop\"]")" \
    "$E4 - 198.51.100.9 - icmp - - alert 1 juniper srx1"
is "srx ip screen without ports" \
    "$(ev "$H5 RT_IDS - RT_SCREEN_IP [junos@2636.1.1.1.2.135 attack-name=\"IP spoofing!\" source-address=\"192.0.2.7\" destination-address=\"198.51.100.9\" protocol-id=\"17\" source-zone-name=\"untrust\" interface-name=\"ge-0/0/0.0\" action=\"drop\"]")" \
    "$E4 - 198.51.100.9 - udp - - drop 1 juniper srx1"
is "srx session create skipped" \
    "$(why "$H5 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.39 source-address=\"192.0.2.7\"] session created")" \
    "skip: not a denied session or screen alarm"
is "srx text session close skipped" \
    "$(why "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 192.0.2.7/4123->198.51.100.9/22 junos-ssh")" \
    "skip: not a denied session or screen alarm"
is "srx repeated parameter" \
    "$(why "$H5 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address=\"198.51.100.66\" source-address=\"192.0.2.7\" source-port=\"1\" destination-address=\"198.51.100.9\" destination-port=\"22\" protocol-id=\"6\"]")" \
    "repeated structured data parameter"
is "srx escaped value" \
    "$(why "$H5 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address=\"192.0.2.\\7\" source-port=\"1\" destination-address=\"198.51.100.9\" destination-port=\"22\" protocol-id=\"6\"]")" \
    "invalid structured data"
is "srx address 300" \
    "$(why "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session denied 300.0.2.7/4123->198.51.100.9/22 junos-ssh 6(0) x")" \
    "invalid source address '300.0.2.7/4123'"
is "srx missing arrow" \
    "$(why "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session denied 192.0.2.7/4123 junos-ssh 6(0) x")" \
    "missing source and target '192.0.2.7/4123'"
like "srx text from another program" \
    "$(why "Dec  4 19:10:59 srx1 crond[1]: RT_FLOW_SESSION_DENY: $TXT")" \
    "unknown format '"

# ---- netscreen -----------------------------------------------------

is "netscreen traffic deny" \
    "$(ev "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=0 policy_id=119 service=udp/port:7001 proto=17 src zone=Untrust dst zone=Trust action=Deny sent=0 rcvd=0 src=192.0.2.7 dst=198.51.100.9 src_port=3036 dst_port=7001")" \
    "$E4 3036 198.51.100.9 7001 udp - - drop 1 juniper fw1"
is "netscreen traffic permit with translation" \
    "$(ev "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=2 policy_id=4 service=http proto=6 src zone=Untrust dst zone=DMZ action=Permit sent=400 rcvd=900 src=192.0.2.7 dst=198.51.100.9 src_port=4123 dst_port=80 src-xlated ip=192.0.2.7 port=4123 dst-xlated ip=10.0.0.9 port=80 session_id=77 reason=Close - TCP FIN")" \
    "$E4 4123 198.51.100.9 80 tcp - - accept 1 juniper fw1"
is "netscreen traffic icmp type" \
    "$(ev "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=0 policy_id=2 service=icmp proto=1 src zone=Untrust dst zone=Trust action=Deny sent=0 rcvd=0 src=192.0.2.7 dst=198.51.100.9 icmp type=8")" \
    "$E4 - 198.51.100.9 - icmp 8 - drop 1 juniper fw1"
is "netscreen port scan alarm" \
    "$(ev "${NS}system-alert-00016: Port scan! From 192.0.2.7:54886 to 198.51.100.9:406, proto TCP (zone Untrust, int untrust). Occurred 3 times. (2026-12-04 19:10:58)")" \
    "$E4 54886 198.51.100.9 406 tcp - - drop 3 juniper fw1"
is "netscreen icmp alarm" \
    "$(ev "${NS}system-critical-00436: Large ICMP packet! From 192.0.2.7 to 198.51.100.9, proto 1 (zone Untrust, int ethernet1/2). Occurred 1 times. (2026-12-04 19:10:58)")" \
    "$E4 - 198.51.100.9 - icmp - - drop 1 juniper fw1"
is "netscreen event log line" \
    "$(ev "[00001] 2026-12-04 19:10:59 [Root]system-alert-00008: IP spoofing! From 192.0.2.7:80 to 198.51.100.9:49807, proto TCP (zone Untrust, int ethernet3). Occurred 1 times.")" \
    "$E4 80 198.51.100.9 49807 tcp - - drop 1 juniper -"
is "netscreen other message skipped" \
    "$(why "${NS}system-warning-00515: Management session via SSH from 192.0.2.7:0 for admin netscreen has timed out (2026-12-04 19:10:58)")" \
    "skip: not a traffic log or attack alarm"
is "netscreen ipsec replay skipped" \
    "$(why "[00001] 2026-12-04 19:10:59 [Root]system-critical-00042: Replay packet detected on IPSec tunnel on ethernet3 with tunnel ID 0x1c! From 192.0.2.7 to 198.51.100.9/336, ESP, SPI 0xf63af637, SEQ 0xe337.")" \
    "skip: not a traffic log or attack alarm"
is "netscreen repeated key" \
    "$(why "${NS}system-notification-00257(traffic): proto=6 action=Deny src=198.51.100.66 src=192.0.2.7 dst=198.51.100.9 src_port=1 dst_port=22")" \
    "repeated key 'src'"
is "netscreen unknown action" \
    "$(why "${NS}system-notification-00257(traffic): proto=6 action=Maybe src=192.0.2.7 dst=198.51.100.9 src_port=1 dst_port=22")" \
    "invalid action 'Maybe'"
is "netscreen masked address" \
    "$(why "${NS}system-alert-00008: IP spoofing! From 192.0.2.7:80 to a.b.c.d:49807, proto TCP (zone Untrust, int ethernet3). Occurred 1 times.")" \
    "invalid target address 'a.b.c.d:49807'"

done_testing
