#!/bin/sh
# mnw-parse over the corpus folders of the formats added after the
# first six, one folder() call each below; a format that is not in
# mnw-parse's table is skipped.  At least 99% of the event lines of
# each folder become events, every other line is reported with a
# reason, and the fields match crowdsec's expected results where the
# corpus has them.  Each folder runs through t/corpus-check.sh, whose
# TAP lines are renumbered here into one stream.
#
# Event lines are the messages each format reads, minus those that
# cannot be events by design (see the -x patterns).

. "${MNW_TOP:-.}/t/lib.sh"

[ -d "$SHARED/corpus" ] ||
    skip_all "no corpus folder $SHARED/corpus (../shared is not here)"

# folder NAME ARGS...: run corpus-check.sh with ARGS and pass its
# results on, each description prefixed with NAME.
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

# Cisco IOS: access list messages and IPS alerts.  Left out: the
# lines whose addresses the corpus masked as "xx.xxx.xx.xx".
folder ios -f ios \
    -p '%(SEC-6-IPACCESSLOG(P|DP|NP|RP|SP)|IPV6(_ACL)?-6-ACCESSLOG(P|DP|NP|SP)|IPS-4-SIGNATURE):' \
    -x 'xx\.' cisco-ios 99

# Snort and Suricata fast alerts: every line with a rule id.
folder fastlog -f fastlog -p '\[\*\*\] \[[0-9]+:[0-9]+:[0-9]+\]' \
    snort-suricata-fast 99

# Suricata EVE JSON: alert, drop and flow events.
folder eve -f eve -p '"event_type":"(alert|drop|flow)"' suricata-eve 99

# Juniper: SRX denied sessions and screens, NetScreen traffic logs and
# attack alarms.  Left out: addresses the corpus masked ("a.b.c.d"),
# and lines whose syslog host the corpus replaced with "[xx]", which
# the envelope step does not read.
folder juniper -f juniper \
    -p 'RT_FLOW_SESSION_DENY|RT_SCREEN_|\(traffic\): |! From [^ ]+ to [^ ]+, proto ' \
    -x '\[xx\]|a\.b\.c\.d' juniper 99

# FortiGate: traffic logs and intrusion logs.  Left out: allowed traffic
# from lan interfaces (skipped by design), the corpus's "time=10: 13:03"
# (a space inside the value), and lines behind a log collector's own
# "2018 Apr 09 16:03:37 host->addr" header.
folder fortigate -f fortigate \
    -p 'type="?(traffic|ips|anomaly)"?|subtype="?(ips|anomaly)"?' \
    -x 'srcintfrole="lan"|time=[0-9]+: |^[0-9]{4} [A-Z][a-z]{2} [0-9]{2} [0-9:]{8} [^ ]+->' \
    fortigate 99

# MikroTik: firewall lines and login failures.
folder mikrotik -f mikrotik -p 'firewall,[a-z,]+ .*: in:|login failure for user ' \
    mikrotik 99

# ipfw: the packet lines.
folder ipfw -f ipfw -p 'ipfw: +[0-9]+ ' ipfw 99

# IP Filter: the ipmon lines.  The corpus file is ipftest output, whose
# time stamps are all 1970-01-01 00:00:00: a real time (the epoch), so
# every packet line but the two passed outbound ones is an event with
# that time.
folder ipfilter -f ipfilter -p ' @-?[0-9]+:-?[0-9]+ ' -x ' p .* OUT$' \
    ipfilter 99
ipf="$SHARED/corpus/ipfilter/ipfilter-test-expected-l1.txt"
if [ -f "$ipf" ]; then
	"$MNW_TOP/scripts/corpus-lines" "$ipf" >"$TMP/ipf"
	n=$(grep -c '^01/01/1970 00:00:00.* @' "$TMP/ipf")
	mnw-parse -H -q -f ipfilter -r corpus -z UTC "$TMP/ipf" \
	    >"$TMP/ipf.out" 2>/dev/null
	e=$(grep -c '^1970-01-01T00:00:00Z	' "$TMP/ipf.out")
	o=$(grep -c ' p .* OUT$' "$TMP/ipf")
	is "ipfilter: epoch-stamped packet lines become events" "$e" \
	    $((n - o))
else
	skip "ipfilter: no $ipf"
fi

# PAN-OS: traffic logs and attack threat logs.  Left out: traffic
# session starts (skipped by design), and the corpus's anonymized lines
# ("May 00", "2020/00/00") and truncated ones ("TRAFFIC," at the end).
folder panos -f panos \
    -p ',(TRAFFIC|THREAT),(end|drop|deny|N/A|vulnerability|spyware|scan|flood|virus),' \
    -x 'TRAFFIC,start,|/00/00 |^May 00 ' panos 99

# SonicWall: the dropped packets and login failures.  Left out: the
# corpus line with a space inside an address ("67.101.200 .27"), whose
# syslog header also has a one-digit day without padding.
folder sonicwall -f sonicwall -p ' m=(30|36|37|38) ' -x '[0-9] \.[0-9]' \
    sonicwall 99

# PortSentry, scanlogd, iplog: the attack lines.  iplog's corpus page
# has its lines without a program tag; they come with the tag "TCP".
for f in portsentry scanlogd iplog; do
	if ! mnw-parse -h 2>&1 | grep -q "^  $f "; then
		skip "$f: format $f is not in mnw-parse's format table"
		continue
	fi
	case $f in
	portsentry) folder $f -f $f -p ' Blocked$|attackalert: ' portsentry 99 ;;
	scanlogd) folder $f -f $f -p 'scanlogd: .* ports ' scanlogd 99 ;;
	iplog) folder $f -f $f -p 'TCP: .* connection attempt from ' iplog 99 ;;
	esac
done

# Check Point: the verdicts.  Left out: the corpus's lines cut short
# with "...", and fw log lines without a source (the page removed it).
if mnw-parse -h 2>&1 | grep -q '^  checkpoint '; then
	folder checkpoint -f checkpoint \
	    -p 'action:"(Accept|Drop|Reject|Prevent|Detect)"|Checkpoint: +[0-9]+[A-Z][a-z]+[0-9]+ [0-9:]+ (accept|drop|reject) ' \
	    -x '\.\.\.$|;\.\.\.|[0-9] >eth[0-9]+ rule: [0-9]+; rule_uid: \{[^}]*\}; dst: ' \
	    checkpoint 99
else
	skip "checkpoint: format checkpoint is not in mnw-parse's format table"
fi

# Sophos: every corpus line ends with a quote that the test file cut
# ('"Signature"th="No Heartbeat'), so each is rejected as it is; with
# that tail taken off, the firewall verdicts must become events.
sop="$SHARED/corpus/sophos/wazuh-sophos_fw.ini"
if ! mnw-parse -h 2>&1 | grep -q '^  sophos '; then
	skip "sophos: format sophos is not in mnw-parse's format table"
elif [ -f "$sop" ]; then
	"$MNW_TOP/scripts/corpus-lines" "$sop" |
	    sed 's/"Signature"th="No Heartbeat.*$/"Signature"/' >"$TMP/sop"
	n=$(grep -cE 'log_type="Firewall" .*log_subtype="(Denied|Dropped|Allowed)"' "$TMP/sop")
	e=$(mnw-parse -H -q -f sophos -r corpus -z UTC "$TMP/sop" \
	    2>/dev/null | wc -l | tr -d ' ')
	is "sophos: repaired verdict lines become events" "$e" "$n"
else
	skip "sophos: no $sop"
fi

# ZoneAlarm: the inbound firewall lines.
if mnw-parse -h 2>&1 | grep -q '^  zonealarm '; then
	folder zonealarm -f zonealarm -p '^(FWIN|FWIN_OK|FWROUTE),' zonealarm 99
else
	skip "zonealarm: format zonealarm is not in mnw-parse's format table"
fi

# Huawei USG: the policy and packet deny lines.
if mnw-parse -h 2>&1 | grep -q '^  huawei '; then
	folder huawei -f huawei -p '%%[0-9]+(POLICY/6/POLICY(DENY|PERMIT)|SECLOG/4/PACKET_DENY)\(' \
	    huawei-usg 99
else
	skip "huawei: format huawei is not in mnw-parse's format table"
fi

# ISA Server: the firewall log lines (the page's web proxy logs have
# another column order and are not this format).
if mnw-parse -h 2>&1 | grep -q '^  isa '; then
	folder isa -f isa \
	    -p '^[^	]+	[0-9]{4}-[0-9]{2}-[0-9]{2}	[0-9:]{8}	[A-Z]+	[^	]+	[^	]+	[^	]+	External	[^	]+	Initiated Connection	|^[^	]+	[0-9-]{10}	[0-9:]{8}	[A-Z]+	([^	]+	){5}Denied	' \
	    ms-isa-server 99
else
	skip "isa: format isa is not in mnw-parse's format table"
fi

# Sidewinder: the denied traffic and attack records.  The only corpus
# line ends inside its quoted information= value, so it is left out of
# the packet lines here and checked below with a closing quote put in.
sid="$SHARED/corpus/sidewinder/ossec-docs-sidewinder.rst"
if ! mnw-parse -h 2>&1 | grep -q '^  sidewinder '; then
	skip "sidewinder: format sidewinder is not in mnw-parse's format table"
elif [ -f "$sid" ]; then
	folder sidewinder -f sidewinder -p 'auditd: .*type=t_(nettraffic|attack),' \
	    -x 'information="[^"]*$' sidewinder 99
	"$MNW_TOP/scripts/corpus-lines" "$sid" | sed 's/$/"/' >"$TMP/sid"
	is "sidewinder: repaired attack line is a drop from srcip" \
	    "$(mnw-parse -H -q -f sidewinder -r corpus -z UTC \
	    -y 2026-12-31T00:00:00Z "$TMP/sid" 2>/dev/null |
	    cut -f3-7,10 | tr '\t' ' ')" \
	    "1.1.1.1 - 0.0.0.0 - - drop"
else
	skip "sidewinder: no $sid"
fi

# sshd and Dropbear: the failed logins.  Left out: host names in place
# of addresses (sshd with UseDNS).
sshd_p='sshd(-session)?\[[0-9]+\]: (\[ID [^]]*\] )?(Failed [^ ]+ for|Invalid user|Illegal user|User [^ ]+ from .* not allowed)'
sshd_p="$sshd_p|dropbear\[[0-9]+\]: (\[[0-9]+\] .{15} )?([Bb]ad (PAM )?password attempt|[Ll]ogin attempt for nonexistent)"
if mnw-parse -h 2>&1 | grep -q '^  sshd '; then
	folder sshd -f sshd -p "$sshd_p" \
	    -x 'from [a-z][-a-z.]*$' \
	    sshd-auth 99
else
	skip "sshd: format sshd is not in mnw-parse's format table"
fi

done_testing
