#!/bin/sh
# mnw-parse over the pfsense-filterlog, pflog, cisco-asa and
# windows-firewall folders of the shared log corpus: at least 99% of the
# event lines become events, every other line is reported with a reason,
# and the fields match crowdsec's expected results where the corpus has
# them.  Each folder runs through t/corpus-check.sh, whose TAP lines are
# renumbered here into one stream.
#
# Event lines are the packet lines of each folder minus the lines that
# are not events by design (see the -x patterns): outbound traffic that
# the firewall let through, and for Cisco ASA an object name printed in
# place of an address, which leaves no address to read.

. "${MNW_TOP:-.}/t/lib.sh"

[ -d "$SHARED/corpus" ] ||
    skip_all "no corpus folder $SHARED/corpus (../shared is not here)"

# folder ARGS...: run corpus-check.sh and pass its results on, each
# description prefixed with the folder name.
folder() {
	_name=$1
	shift
	sh "$MNW_TOP/t/corpus-check.sh" "$@" >"$TMP/sub" 2>&1
	while IFS= read -r _l; do
		case $_l in
		"1..0 # SKIP"*)
			skip "$_name: ${_l#1..0 # SKIP }" ;;
		"ok "*"# SKIP"*)
			skip "$_name: ${_l#*# SKIP }" ;;
		"ok "*)
			ok "$_name: ${_l#ok * - }" ;;
		"not ok "*)
			not_ok "$_name: ${_l#not ok * - }" ;;
		"#"*)
			echo "$_l" ;;
		esac
	done <"$TMP/sub"
}

# pfSense and OPNsense: every filterlog line but "pass ... out".
folder filterlog -f filterlog -p 'filterlog' -x ',pass,out,' \
    pfsense-filterlog 99

# pf: every "rule" line but "pass out".
folder pf -f pf -p ' rule [^ ]+ ' -x ' pass out on ' pflog 99

# Windows Firewall: DROP, inbound ALLOW and OPEN-INBOUND lines.
folder winfw -f winfw \
    -p '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} (DROP|ALLOW|OPEN-INBOUND) ' \
    -x ' ALLOW .* SEND( [0-9]+)?$' windows-firewall 99

# Cisco ASA: the messages about denied or logged connections.  Left
# out: "Built outbound" (the inside host's own connection), object
# names in place of addresses, and the wazuh-logtest fragments that
# start with "%ASA" and have no time, which are checked below.
fac='%(ASA|PIX|FTD|FWSM)-([a-z]+-)?[0-9]-'
ids='106001|106006|106007|106010|106014|106015|106016|106017|106020'
ids="$ids|106021|106022|106023|106100|302013|302015|313004|313005|338008"
ids="$ids|410001|418001|420002|421001|434002|500003|500004|710003"
folder asa -f asa -p "$fac($ids)" \
    -x '^%|Built outbound|(src|dst) [^ :]+:[A-Za-z][^ /]*/' cisco-asa 99

# The wazuh-logtest file has ASA messages without any header, so they
# have no time and are rejected for it.  With a syslog header put in
# front, their fields must parse too.  Three of them are the template
# text of Cisco's message reference ("flags tcp_flags", "Deny protocol
# ...") and must be rejected with the reason.
ini="$SHARED/corpus/cisco-asa/wazuh-cisco_asa.ini"
if [ -f "$ini" ]; then
	"$MNW_TOP/scripts/corpus-lines" "$ini" |
	    grep -E "^$fac($ids)" | grep -v 'Built outbound' |
	    sed 's/^/Dec  4 19:10:59 fw /' >"$TMP/frag"
	grep -vE 'tcp_flags|Deny protocol ' "$TMP/frag" >"$TMP/frag-events"
	n=$(wc -l <"$TMP/frag-events" | tr -d ' ')
	e=$(mnw-parse -H -q -f asa -r corpus -z UTC "$TMP/frag-events" \
	    2>/dev/null | wc -l | tr -d ' ')
	if [ "$n" -gt 0 ] && [ $((e * 100)) -ge $((n * 99)) ]; then
		ok "asa: wazuh fragments: $e of $n event lines became events"
	else
		not_ok "asa: wazuh fragments: $e of $n event lines became events"
	fi
	mnw-parse -H -q -f asa -r corpus -z UTC -u "$TMP/frag-rej" \
	    "$TMP/frag" >/dev/null 2>&1
	is "asa: wazuh template lines rejected with reasons" \
	    "$(cut -f3 "$TMP/frag-rej" | sort | uniq -c | tr -s ' ')" \
	    " 2 invalid protocol
 1 invalid tcp flags"
else
	skip "asa: no $ini"
	skip "asa: no $ini"
fi

done_testing
