#!/bin/sh
# mnw-parse format sophos: exact fields of Sophos Firewall lines
# written for this test, zones, skipped logs, and rejections.  Runs
# only when the format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  sophos ' ||
    skip_all "format sophos is not in mnw-parse's format table"

# ev LINE...: time src sport dst dport proto icmp flags action count
# format host of each event, separated by single spaces.
ev() {
	printf '%s\n' "$@" |
	    mnw-parse -H -q -r t -y "$REF" -z "${ZONE:-UTC}" 2>/dev/null |
	    cut -f1,3-13 | tr '\t' ' '
}

# why LINE: "skip: REASON" for a skipped line, else the warning for a
# rejected line without the "mnw-parse: stdin:1: " prefix.
why() {
	printf '%s\n' "$1" |
	    mnw-parse -H -r t -y "$REF" -z "${ZONE:-UTC}" >/dev/null 2>"$TMP/err"
	if grep -q ' 1 skipped (' "$TMP/err"; then
		sed -n 's/.* 1 skipped (1 \(.*\)), 0 rejected$/skip: \1/p' \
		    "$TMP/err"
	else
		sed -n '1s/^mnw-parse: stdin:1: //p' "$TMP/err"
	fi
}

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

done_testing
