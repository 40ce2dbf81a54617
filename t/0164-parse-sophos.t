#!/bin/sh
# mnw-parse format sophos: exact fields of Sophos Firewall lines
# written for this test, zones, skipped logs, and rejections.  Runs
# only when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  sophos ' ||
    skip_all "format sophos is not in mnw-parse's format table"

# sfw ZONE TYPE SUBTYPE REST: a line from its varying parts.
sfw() {
	printf 'device="SFW" date=2026-12-04 time=20:10:59 timezone="%s" device_name="XG210" device_id=X log_id=010101600001 log_type="%s" log_component="Firewall Rule" log_subtype="%s" priority=Information fw_rule_id=14 user_name="" %s' \
	    "$1" "$2" "$3" "$4"
}
E4='2026-12-04T19:10:59Z 192.0.2.7'
P='src_ip=192.0.2.7 dst_ip=198.51.100.9 protocol="TCP" src_port=4123 dst_port=22'

is "sophos denied with zone abbreviation" \
    "$(ev "$(sfw CET Firewall Denied "status=\"Deny\" $P")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 sophos -"
is "sophos allowed with offset" \
    "$(ev "$(sfw +01 Firewall Allowed "status=\"Allow\" $P")")" \
    "$E4 4123 198.51.100.9 22 tcp - - accept 1 sophos -"
is "sophos icmp" \
    "$(ev "$(sfw +0100 Firewall Dropped "src_ip=192.0.2.7 dst_ip=198.51.100.9 protocol=\"ICMP\" icmp_type=8 icmp_code=0")")" \
    "$E4 - 198.51.100.9 - icmp 8/0 - drop 1 sophos -"
ZONE=+01:00
is "sophos unknown zone is the -z zone" \
    "$(ev "$(sfw XYZ Firewall Denied "$P")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 sophos -"
ZONE=UTC
is "sophos idp alert" \
    "$(ev "$(sfw CET IDP Detect "$P message=\"src_ip=198.51.100.66\"")")" \
    "$E4 4123 198.51.100.9 22 tcp - - alert 1 sophos -"
is "sophos virus skipped" \
    "$(why "$(sfw CET Firewall Virus "$P")")" \
    "skip: not a firewall verdict or intrusion log"
is "sophos repeated src_ip" \
    "$(why "$(sfw CET Firewall Denied "src_ip=198.51.100.66 $P")")" \
    "repeated key 'src_ip'"
is "sophos address 300" \
    "$(why "$(sfw CET Firewall Denied "src_ip=300.0.2.7 dst_ip=198.51.100.9 protocol=\"TCP\" src_port=1 dst_port=2")")" \
    "invalid source address '300.0.2.7'"
is "sophos unterminated quote" \
    "$(why "$(sfw CET Firewall Denied "$P message=\"x")")" \
    "unterminated quoted value 'message'"

# ---- Sophos UTM 9 (ulogd packet filter, snort IPS) ------------------
U='id="2001" severity="info" sys="SecureNet" sub="packetfilter" name="Packet dropped"'
P='srcip="192.0.2.7" dstip="198.51.100.9" proto="6" length="60" tos="0x00" srcport="4123" dstport="22"'
is "utm packet dropped, UTM stamp in the -z zone" \
    "$(ZONE=Europe/Berlin ev "2026:12:04-20:10:59 utm ulogd[5019]: $U action=\"drop\" fwrule=\"60001\" initf=\"eth1\" $P tcpflags=\"SYN\"")" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - S drop 1 sophos utm"
is "utm stamp without a host, reject is a drop, flags words" \
    "$(ev "2026:12:04-20:10:59 ulogd[5019]: $U action=\"reject\" $P tcpflags=\"ACK RST\"")" \
    "2026-12-04T20:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - AR drop 1 sophos -"
is "utm behind a relay's BSD header: the UTM stamp and host win" \
    "$(ev "Dec  4 23:59:59 relay1 2026:12:04-20:10:59 utm ulogd[5019]: $U action=\"accept\" $P")" \
    "2026-12-04T20:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - accept 1 sophos utm"
is "utm in a BSD header of its own" \
    "$(ev "Dec  4 20:10:59 utm ulogd[5019]: $U action=\"drop\" $P")" \
    "2026-12-04T20:10:59Z 192.0.2.7 4123 198.51.100.9 22 tcp - - drop 1 sophos utm"
is "utm icmp over IPv6" \
    "$(ev "2026:12:04-20:10:59 utm ulogd[1]: $U action=\"drop\" srcip=\"2001:db8::7\" dstip=\"2001:db8::9\" proto=\"58\" type=\"128\" code=\"0\"")" \
    "2026-12-04T20:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 128/0 - drop 1 sophos utm"
is "utm ips alert; an address in the quoted reason is not read" \
    "$(ev "2026:12:04-20:10:59 utm snort[7]: id=\"2101\" severity=\"warn\" sys=\"SecureNet\" sub=\"ips\" name=\"SCAN from 203.0.113.66\" action=\"alert\" reason=\"srcip=203.0.113.66\" srcip=\"192.0.2.7\" dstip=\"198.51.100.9\" proto=\"17\" srcport=\"53\" dstport=\"1900\"")" \
    "2026-12-04T20:10:59Z 192.0.2.7 53 198.51.100.9 1900 udp - - alert 1 sophos utm"
is "utm web proxy skipped" \
    "$(why "2026:12:04-20:10:59 utm httpproxy[1]: id=\"0001\" sys=\"SecureWeb\" sub=\"http\" action=\"pass\" srcip=\"192.0.2.7\" dstip=\"198.51.100.9\"")" \
    "skip: not a packet filter or intrusion log"
is "utm unknown packet filter action" \
    "$(why "2026:12:04-20:10:59 utm ulogd[1]: $U action=\"log\" $P")" \
    "skip: not a packet filter verdict"
is "utm bad flag word" \
    "$(why "2026:12:04-20:10:59 utm ulogd[1]: $U action=\"drop\" $P tcpflags=\"SYN BOGUS\"")" \
    "invalid tcp flags 'SYN BOGUS'"
is "utm source address repeated" \
    "$(why "2026:12:04-20:10:59 utm ulogd[1]: $U action=\"drop\" srcip=\"203.0.113.66\" $P")" \
    "repeated key 'srcip'"
is "utm bad stamp not claimed" \
    "$(why "2026:13:04-20:10:59 utm ulogd[1]: $U action=\"drop\" $P" | cut -c1-15)" \
    "unknown format "

done_testing
