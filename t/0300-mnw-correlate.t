#!/bin/sh
# mnw-correlate: incident columns, every filter rule, thresholds,
# grouping, state across runs, expiry, bad input, locks and memory.
. "${MNW_TOP:-.}/t/lib.sh"

T0=2026-12-04T19:10:59Z
T1=2026-12-04T19:11:00Z
T2=2026-12-04T19:12:00Z

# ev TIME AGENT SRC SPORT DST DPORT PROTO ICMP FLAGS ACTION COUNT: one
# event line; the digest is a running number.
digest_no=0
ev() {
	digest_no=$((digest_no + 1))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\tnetfilter\t-\t%016x\n' \
	    "$@" "$digest_no"
}
# syn TIME AGENT SRC DST DPORT: a single TCP SYN that was dropped.
syn() {
	ev "$1" "$2" "$3" 40000 "$4" "$5" tcp - S drop 1
}

# co ARGS...: run mnw-correlate; stdout to $TMP/out, stderr to
# $TMP/err, status to $rc.
co() {
	mnw-correlate "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# incident SRCPREFIX: the record for that prefix in $TMP/out.
incident() {
	awk -F '\t' -v p="$1" '$2 == p' "$TMP/out"
}
# verdict SRCPREFIX: its verdict and rule columns.
verdict() {
	incident "$1" | cut -f 13,14 | tr '\t' ' '
}

# ---- the record ----

{
	syn $T0 a1 45.10.0.1 203.0.113.5 22
	ev $T1 a2 45.10.0.1 40001 203.0.113.6 22 tcp - S drop 2
	syn $T2 a2 45.10.0.1 198.51.100.9 23
	ev $T1 a1 45.10.0.2 5000 203.0.113.5 - icmp 8/0 - drop 1
	ev $T1 a1 45.10.0.2 5000 203.0.113.5 53 udp - - drop 1
} >"$TMP/rec"
co "$TMP/rec"
is "record: exit status" "$rc" 0
is "record: header" "$(head -n 1 "$TMP/out")" \
    "$(printf '#mnw-incident/1 source\tprefix\tfirst\tlast\tevents\tfiltered\tagents\ttargets\ttargetnets\tports\tprotos\tevidence\tverdict\trule\tagentlist')"
is "record: all columns" "$(incident 45.10.0.1/32)" \
    "$(printf '45.10.0.1\t45.10.0.1/32\t%s\t%s\t4\t0\t2\t3\t2\t22:3,23:1\ttcp\tstrong\tcandidate\tagents>=2\ta1,a2' $T0 $T2)"
is "record: icmp and udp, weak" "$(incident 45.10.0.2/32)" \
    "$(printf '45.10.0.2\t45.10.0.2/32\t%s\t%s\t2\t0\t1\t1\t1\t53:1\ticmp,udp\tweak\tbelow-threshold\tagents<3\ta1' $T1 $T1)"
is "record: one line per incident, sorted" "$(grep -v '^#' "$TMP/out" | cut -f 2 | tr '\n' ' ')" \
    "45.10.0.1/32 45.10.0.2/32 "
is "record: fields per line" "$(grep -v '^#' "$TMP/out" | awk -F '\t' '{print NF}' | sort -u)" 15
is "record: summary" "$(cat "$TMP/err")" \
"mnw-correlate: 5 events read, 5 counted, 0 filtered, 0 lines rejected
mnw-correlate: 2 incidents written: 1 candidates, 1 below threshold, 0 filtered; 0 kept in state, 0 expired, 0 evicted"

# Agent ids with a comma or a control byte are escaped in the list.
{
	ev $T0 'x,y' 45.10.0.3 1 203.0.113.5 22 tcp - S alert 1
	ev $T0 'tab\there' 45.10.0.3 1 203.0.113.5 22 tcp - S alert 1
} >"$TMP/esc"
co "$TMP/esc"
is "record: agent list escaped" "$(incident 45.10.0.3/32 | cut -f 15)" \
    'x\x2cy,tab\there'

# ---- filters ----

# rule EVENT-ARGS...: the verdict and rule of the incident of one event.
rule() {
	ev "$@" >"$TMP/one"
	co $OPTS "$TMP/one"
	grep -v '^#' "$TMP/out" | cut -f 13,14 | tr '\t' ' '
}
OPTS=
is "filter: src-private" "$(rule $T0 a1 10.1.2.3 1 203.0.113.5 22 tcp - S drop 1)" "filtered src-private"
is "filter: src-loopback" "$(rule $T0 a1 127.0.0.1 1 203.0.113.5 22 tcp - S drop 1)" "filtered src-loopback"
is "filter: src-documentation" "$(rule $T0 a1 192.0.2.7 1 203.0.113.5 22 tcp - S drop 1)" "filtered src-documentation"
is "filter: src-shared" "$(rule $T0 a1 100.64.1.1 1 203.0.113.5 22 tcp - S drop 1)" "filtered src-shared"
is "filter: src-link-local v6" "$(rule $T0 a1 fe80::1 1 2001:db8::1 22 tcp - S drop 1)" "filtered src-link-local"
is "filter: src-reserved" "$(rule $T0 a1 240.0.0.1 1 203.0.113.5 22 tcp - S drop 1)" "filtered src-reserved"
is "filter: dst-multicast" "$(rule $T0 a1 45.10.1.1 5353 224.0.0.251 5353 udp - - drop 1)" "filtered dst-multicast"
is "filter: dst-broadcast" "$(rule $T0 a1 45.10.1.2 68 255.255.255.255 67 udp - - drop 1)" "filtered dst-broadcast"
is "filter: lan-chatter netbios" "$(rule $T0 a1 45.10.1.3 137 203.0.113.5 137 udp - - drop 1)" "filtered lan-chatter"
is "filter: lan-chatter ssdp" "$(rule $T0 a1 45.10.1.3 5000 203.0.113.5 1900 udp - - drop 1)" "filtered lan-chatter"
is "filter: lan-chatter same network" "$(rule $T0 a1 45.10.1.3 5000 45.10.1.9 1900 udp - - drop 1)" "filtered lan-chatter"
is "filter: netbios scan of global target" "$(rule $T0 a1 45.10.1.3 137 45.20.0.5 137 udp - - drop 1)" "below-threshold agents<3"
is "filter: ssdp scan of global target" "$(rule $T0 a1 45.10.1.3 5000 45.20.0.5 1900 udp - - drop 1)" "below-threshold agents<3"
is "filter: smb over tcp 139 is counted" "$(rule $T0 a1 45.10.1.3 5000 203.0.113.5 139 tcp - S drop 1)" "below-threshold agents<3"
is "filter: late-reply syn-ack" "$(rule $T0 a1 45.10.1.4 443 203.0.113.5 50000 tcp - SA drop 1)" "filtered late-reply"
is "filter: late-reply rst" "$(rule $T0 a1 45.10.1.4 443 203.0.113.5 50000 tcp - R drop 1)" "filtered late-reply"
is "filter: late-reply fin" "$(rule $T0 a1 45.10.1.4 80 203.0.113.5 50000 tcp - F drop 1)" "filtered late-reply"
is "filter: late-reply dns answer" "$(rule $T0 a1 45.10.1.4 53 203.0.113.5 40000 udp - - drop 1)" "filtered late-reply"
is "filter: late-reply ntp answer" "$(rule $T0 a1 45.10.1.4 123 203.0.113.5 40000 udp - - drop 1)" "filtered late-reply"
is "filter: late-reply symmetric ntp" "$(rule $T0 a1 45.10.1.4 123 203.0.113.5 123 udp - - drop 1)" "filtered late-reply"
is "filter: dns to dns port counted" "$(rule $T0 a1 45.10.1.4 53 203.0.113.5 53 udp - - drop 1)" "below-threshold agents<3"
is "filter: late-reply icmp unreachable" "$(rule $T0 a1 45.10.1.4 - 203.0.113.5 - icmp 3/3 - drop 1)" "filtered late-reply"
is "filter: late-reply icmp time exceeded" "$(rule $T0 a1 45.10.1.4 - 203.0.113.5 - icmp 11/0 - drop 1)" "filtered late-reply"
is "filter: late-reply icmpv6 error" "$(rule $T0 a1 2a01:4f8:1:2::1 - 2001:db8::1 - icmpv6 1/4 - drop 1)" "filtered late-reply"
is "filter: icmp echo request counted" "$(rule $T0 a1 45.10.1.4 - 203.0.113.5 - icmp 8/0 - drop 1)" "below-threshold agents<3"
is "filter: null scan counted" "$(rule $T0 a1 45.10.1.5 1 203.0.113.5 22 tcp - 0 drop 1)" "below-threshold agents<3"
is "filter: xmas scan counted" "$(rule $T0 a1 45.10.1.5 1 203.0.113.5 22 tcp - UPF drop 1)" "below-threshold agents<3"
is "filter: syn from port 80 counted" "$(rule $T0 a1 45.10.1.5 80 203.0.113.5 40000 tcp - S drop 1)" "below-threshold agents<3"
is "filter: udp to a low port counted" "$(rule $T0 a1 45.10.1.5 53 203.0.113.5 53 udp - - drop 1)" "below-threshold agents<3"
OPTS="-x late-reply"
is "filter: -x late-reply" "$(rule $T0 a1 45.10.1.4 443 203.0.113.5 50000 tcp - SA drop 1)" "below-threshold agents<3"
OPTS="-x src-private"
is "filter: -x src-private" "$(rule $T0 a1 10.1.2.3 1 203.0.113.5 22 tcp - S drop 1)" "below-threshold agents<3"
OPTS=
exit_is "filter: -x unknown rule" 64 mnw-correlate -x src-global "$TMP/one"

# The allowlist, longest match first.
cat >"$TMP/allow" <<'EOF'
# benign scanners
45.10.2.0/24      scanner
45.10.2.128/25    other-scanner
45.10.3.3
2a01:4f8:9::/48   v6-scanner   # trailing comment
EOF
OPTS="-a $TMP/allow"
is "allowlist: named" "$(rule $T0 a1 45.10.2.7 1 203.0.113.5 22 tcp - S drop 1)" "filtered allowlist:scanner"
is "allowlist: longest prefix" "$(rule $T0 a1 45.10.2.200 1 203.0.113.5 22 tcp - S drop 1)" "filtered allowlist:other-scanner"
is "allowlist: without name" "$(rule $T0 a1 45.10.3.3 1 203.0.113.5 22 tcp - S drop 1)" "filtered allowlist:45.10.3.3"
is "allowlist: ipv6" "$(rule $T0 a1 2a01:4f8:9:5::1 1 2001:db8::1 22 tcp - S drop 1)" "filtered allowlist:v6-scanner"
is "allowlist: before built-ins" "$(rule $T0 a1 45.10.2.7 53 203.0.113.5 40000 udp - - drop 1)" "filtered allowlist:scanner"
is "allowlist: others counted" "$(rule $T0 a1 45.10.3.4 1 203.0.113.5 22 tcp - S drop 1)" "below-threshold agents<3"

cat >"$TMP/rules" <<'EOF'
# operator rules
ignore dport 3074 udp
ignore src 45.10.4.0/24
ignore sport 6000-6010
ignore agent badagent   # clock is wrong
ignore dst 203.0.113.99
ignore dport 8000-8080
EOF
OPTS="-R $TMP/rules"
is "rules: dport with protocol" "$(rule $T0 a1 45.10.5.1 1 203.0.113.5 3074 udp - - drop 1)" "filtered rule:2"
is "rules: dport other protocol counted" "$(rule $T0 a1 45.10.5.1 1 203.0.113.5 3074 tcp - S drop 1)" "below-threshold agents<3"
is "rules: src prefix" "$(rule $T0 a1 45.10.4.9 1 203.0.113.5 22 tcp - S drop 1)" "filtered rule:3"
is "rules: sport range" "$(rule $T0 a1 45.10.5.1 6005 203.0.113.5 22 tcp - S drop 1)" "filtered rule:4"
is "rules: agent" "$(rule $T0 badagent 45.10.5.1 1 203.0.113.5 22 tcp - S drop 1)" "filtered rule:5"
is "rules: dst" "$(rule $T0 a1 45.10.5.1 1 203.0.113.99 22 tcp - S drop 1)" "filtered rule:6"
is "rules: dport range" "$(rule $T0 a1 45.10.5.1 1 203.0.113.5 8008 tcp - S drop 1)" "filtered rule:7"
is "rules: before built-ins" "$(rule $T0 a1 45.10.4.9 53 203.0.113.5 40000 udp - - drop 1)" "filtered rule:3"
OPTS=

# Filters apply per event: filtered events do not count, and the
# summary counts them by rule.
{
	syn $T0 a1 45.10.6.1 203.0.113.5 22
	ev $T1 a2 45.10.6.1 443 203.0.113.5 50000 tcp - A drop 3
	ev $T1 a3 45.10.6.1 443 203.0.113.6 50000 tcp - R drop 1
	ev $T2 a4 45.10.6.1 137 203.0.113.6 137 udp - - drop 1
} >"$TMP/mixed"
co "$TMP/mixed"
is "per event: filtered not counted" "$(incident 45.10.6.1/32 | cut -f 3-15)" \
    "$(printf '%s\t%s\t1\t5\t1\t1\t1\t22:1\ttcp\tweak\tbelow-threshold\tagents<3\ta1' $T0 $T2)"
like "per event: summary by rule" "$(head -n 1 "$TMP/err")" \
    "4 events read, 1 counted, 3 filtered (lan-chatter 1, late-reply 2), 0 lines rejected"
{
	ev $T0 a1 45.10.6.2 443 203.0.113.5 50000 tcp - A drop 1
	ev $T1 a2 45.10.6.2 137 203.0.113.6 137 udp - - drop 1
} >"$TMP/allfilt"
co "$TMP/allfilt"
is "per event: all filtered gives the first rule" "$(incident 45.10.6.2/32 | cut -f 5-15)" \
    "$(printf '0\t2\t0\t0\t0\t-\t-\t-\tfiltered\tlate-reply\t-')"

# ---- configuration errors ----

printf '45.10.0.0/8 x\n' >"$TMP/badallow"
co -a "$TMP/badallow" "$TMP/one"
is "config: allowlist host bits exit 78" "$rc" 78
is "config: allowlist message" "$(cat "$TMP/err")" \
    "mnw-correlate: $TMP/badallow:1: invalid prefix '45.10.0.0/8'"
printf '45.10.0.0/16 bad;name\n' >"$TMP/badallow"
co -a "$TMP/badallow" "$TMP/one"
is "config: allowlist bad name exit 78" "$rc" 78
printf '# ok\nignore dport 99999\n' >"$TMP/badrules"
co -R "$TMP/badrules" "$TMP/one"
is "config: rules bad port exit 78" "$rc" 78
is "config: rules message" "$(cat "$TMP/err")" \
    "mnw-correlate: $TMP/badrules:2: invalid port or port range '99999'"
printf 'drop src 45.10.0.0/16\n' >"$TMP/badrules"
co -R "$TMP/badrules" "$TMP/one"
is "config: rules unknown keyword exit 78" "$rc" 78
co -R "$TMP/nonexistent" "$TMP/one"
is "config: missing rules file exit 78" "$rc" 78

# ---- thresholds ----

# Strong evidence: TCP lines with count 2 (retried).
strong() {
	ev "$1" "$2" "$3" 40000 "$4" 22 tcp - S drop 2
}
{
	strong $T0 a1 45.20.0.1 203.0.113.5
	strong $T0 a1 45.20.0.2 203.0.113.5
	strong $T1 a2 45.20.0.2 203.0.113.6
	ev $T0 a1 45.20.0.3 1 203.0.113.5 22 tcp - S alert 1
	ev $T0 a2 45.20.0.3 1 203.0.113.5 22 tcp - S auth-fail 1
	# weak: single SYNs
	syn $T0 a1 45.20.1.1 203.0.113.5 22
	syn $T0 a1 45.20.1.2 203.0.113.5 22
	syn $T0 a2 45.20.1.2 203.0.113.6 22
	syn $T0 a1 45.20.1.3 203.0.113.5 22
	syn $T0 a2 45.20.1.3 203.0.113.5 22
	syn $T0 a3 45.20.1.3 203.0.113.5 22
	# weak: UDP only
	ev $T0 a1 45.20.2.1 5000 203.0.113.5 161 udp - - drop 5
	ev $T0 a2 45.20.2.1 5000 203.0.113.5 161 udp - - drop 5
	ev $T0 a1 45.20.2.2 5000 203.0.113.5 161 udp - - drop 1
	ev $T0 a2 45.20.2.2 5000 203.0.113.5 161 udp - - drop 1
	ev $T0 a3 45.20.2.2 5000 203.0.113.5 161 udp - - drop 1
} >"$TMP/thr"
# Weak evidence from 2 agents over 8 targets.
for i in 1 2 3 4 5 6 7 8; do
	syn $T0 a$((i % 2 + 1)) 45.20.3.1 203.0.113.$i 445
	syn $T0 a$((i % 2 + 1)) 45.20.3.2 203.0.113.$i 445
done >>"$TMP/thr"
# ... and a ninth target for the first, from a single agent for the other.
syn $T0 a1 45.20.3.3 203.0.113.1 445 >>"$TMP/thr"
for i in 2 3 4 5 6 7 8 9; do
	syn $T0 a1 45.20.3.3 203.0.113.$i 445
done >>"$TMP/thr"
co "$TMP/thr"
is "threshold: strong, 1 agent" "$(verdict 45.20.0.1/32)" "below-threshold agents<2"
is "threshold: strong, 2 agents" "$(verdict 45.20.0.2/32)" "candidate agents>=2"
is "threshold: alert and auth-fail are strong" "$(incident 45.20.0.3/32 | cut -f 12-14 | tr '\t' ' ')" \
    "strong candidate agents>=2"
is "threshold: single syn, 1 agent" "$(verdict 45.20.1.1/32)" "below-threshold agents<3"
is "threshold: single syn, 2 agents" "$(verdict 45.20.1.2/32)" "below-threshold agents<3,targets<8"
is "threshold: single syn, 3 agents" "$(verdict 45.20.1.3/32)" "candidate agents>=3"
is "threshold: udp only, 2 agents, count 5" "$(verdict 45.20.2.1/32)" "below-threshold agents<3,targets<8"
is "threshold: udp only, 3 agents" "$(verdict 45.20.2.2/32)" "candidate agents>=3"
is "threshold: weak, 2 agents, 8 targets" "$(verdict 45.20.3.1/32)" "candidate agents>=2,targets>=8"
is "threshold: weak, 1 agent, 9 targets" "$(verdict 45.20.3.3/32)" "below-threshold agents<3"
co -g 1 "$TMP/thr"
is "threshold: -g 1 makes one strong agent enough" "$(verdict 45.20.0.1/32)" "candidate agents>=1"
is "threshold: -g 1 and targets" "$(verdict 45.20.3.3/32)" "candidate agents>=1,targets>=8"
co -G 2 "$TMP/thr"
is "threshold: -G 2" "$(verdict 45.20.1.2/32)" "candidate agents>=2"
co -t 2 "$TMP/thr"
is "threshold: -t 2" "$(verdict 45.20.1.2/32)" "candidate agents>=2,targets>=2"
co -g 3 "$TMP/thr"
is "threshold: -g 3" "$(verdict 45.20.0.2/32)" "below-threshold agents<3"
exit_is "threshold: -g 0 is invalid" 64 mnw-correlate -g 0 "$TMP/thr"

# ---- grouping ----

{
	syn $T1 a1 2a01:4f8:1:2::5 2001:db8::1 22
	syn $T0 a2 2a01:4f8:1:2:ffff::9 2001:db8::2 22
	syn $T0 a1 2a01:4f8:1:3::5 2001:db8::1 22
	syn $T0 a1 45.30.0.1 203.0.113.5 22
	syn $T0 a2 45.30.0.200 203.0.113.5 22
	syn $T0 a3 ::ffff:45.30.1.1 ::ffff:203.0.113.5 22
} >"$TMP/group"
co "$TMP/group"
is "group: ipv6 per /64" "$(incident 2a01:4f8:1:2::/64 | cut -f 1,5,7,8)" \
    "$(printf '2a01:4f8:1:2:ffff::9\t2\t2\t2')"
is "group: other /64 apart" "$(incident 2a01:4f8:1:3::/64 | cut -f 1)" "2a01:4f8:1:3::5"
is "group: ipv4 per address" "$(grep -c '45\.30\.0\.' "$TMP/out")" 2
is "group: ipv4-mapped is ipv4" "$(incident 45.30.1.1/32 | cut -f 1,8)" \
    "$(printf '45.30.1.1\t1')"
co -6 128 -4 24 "$TMP/group"
is "group: -6 128" "$(grep -c '^2a01:4f8:1:2:' "$TMP/out")" 2
is "group: -4 24" "$(incident 45.30.0.0/24 | cut -f 1,7)" "$(printf '45.30.0.1\t2')"
co -m 16 "$TMP/thr"
is "group: -m 16 target networks" "$(incident 45.20.3.1/32 | cut -f 8,9 | tr '\t' ' ')" "8 1"

# ---- state across runs ----

# Event times more than one day ahead of the wall clock do not advance
# expiry, so the dates of these runs lie well in the past.
E0=2025-06-01T00:00:00Z
E1=2025-06-02T08:00:00Z
{
	strong $E0 a1 45.40.0.1 203.0.113.5
	syn $E0 a1 45.40.0.2 203.0.113.5 22
} >"$TMP/run1"
strong $E1 a2 45.40.0.1 203.0.113.7 >"$TMP/run2"
co -s "$TMP/st" "$TMP/run1"
is "state: first run" "$(verdict 45.40.0.1/32)" "below-threshold agents<2"
is "state: header" "$(head -n 1 "$TMP/st")" \
    "$(printf '#mnw-incident-state/1 prefix\tsource\tfirst\tlast\tevents\tfiltered\tfilterrule\tprotos\tevidence\tagents\ttargets\ttargetnets\tports\tagentlist')"
co -s "$TMP/st" "$TMP/run2"
is "state: second run merges" "$(incident 45.40.0.1/32 | cut -f 3-15)" \
    "$(printf '%s\t%s\t4\t0\t2\t2\t1\t22:4\ttcp\tstrong\tcandidate\tagents>=2\ta1,a2' $E0 $E1)"
is "state: untouched incident not written" "$(incident 45.40.0.2/32)" ""
like "state: summary" "$(tail -n 1 "$TMP/err")" "1 incidents written: 1 candidates, 0 below threshold, 0 filtered; 2 kept in state"
co -L -s "$TMP/st" </dev/null
is "state: -L lists all" "$(grep -v '^#' "$TMP/out" | cut -f 2 | tr '\n' ' ')" "45.40.0.1/32 45.40.0.2/32 "
is "state: -L exit 0 without events" "$rc" 0
co -s "$TMP/st" </dev/null
is "state: no events exit 1" "$rc" 1
co -n -s "$TMP/st" "$TMP/run2"
like "state: -n summary says not written" "$(tail -n 1 "$TMP/err")" \
    "kept in state (not written: -n)"
co -L -s "$TMP/st" </dev/null
is "state: -n does not write" "$(incident 45.40.0.1/32 | cut -f 5)" 4

# Two shards' state files concatenated merge into one.
syn $T0 a1 45.40.1.1 203.0.113.5 22 >"$TMP/shard1"
syn $T1 a2 45.40.1.1 203.0.113.6 22 >"$TMP/shard2"
co -s "$TMP/s1" "$TMP/shard1"
co -s "$TMP/s2" "$TMP/shard2"
{ cat "$TMP/s1"; tail -n +2 "$TMP/s2"; } >"$TMP/s12"
co -L -s "$TMP/s12" </dev/null
is "shards: merged" "$(incident 45.40.1.1/32 | cut -f 3-8,15)" \
    "$(printf '%s\t%s\t2\t0\t2\t2\ta1,a2' $T0 $T1)"

# Sets beyond 32 values survive the state file as estimates.
: >"$TMP/wide"
i=0
while [ $i -lt 300 ]; do
	syn $T0 a$((i % 40)) 45.40.2.1 198.51.$((i / 200)).$((i % 200)) 22
	i=$((i + 1))
done >"$TMP/wide"
co -s "$TMP/sw" "$TMP/wide"
first=$(incident 45.40.2.1/32 | cut -f 7-9)
co -L -s "$TMP/sw" </dev/null
is "state: estimates survive a reload" "$(incident 45.40.2.1/32 | cut -f 7-9)" "$first"
set -- $first
check "state: 40 agents estimated within 15%" test "$1" -ge 34 -a "$1" -le 46
check "state: 300 targets estimated within 25%" test "$2" -ge 225 -a "$2" -le 375

# ---- expiry ----

syn 2025-07-10T00:00:00Z a1 45.40.9.9 203.0.113.5 22 >"$TMP/later"
cp "$TMP/st" "$TMP/st2"
co -s "$TMP/st" "$TMP/later"
like "expiry: summary" "$(tail -n 1 "$TMP/err")" "1 kept in state, 2 expired"
is "expiry: old incidents dropped" "$(grep -c '^45\.40\.0\.' "$TMP/st")" 0
co -e 60d -s "$TMP/st2" "$TMP/later"
is "expiry: -e 60d keeps them" "$(grep -c '^45\.40\.0\.' "$TMP/st2")" 2

# An event dated far ahead of the clock does not expire the others.
syn 2099-01-01T00:00:00Z a1 45.40.9.8 203.0.113.5 22 >"$TMP/future"
cp "$TMP/st2" "$TMP/st3"
co -e 60d -s "$TMP/st3" "$TMP/future"
like "expiry: future event expires nothing" "$(tail -n 1 "$TMP/err")" \
    "0 expired"

# ---- bounded number of incidents ----

for i in 1 2 3 4 5 6 7 8 9; do
	syn 2026-12-04T10:00:0$((10 - i))Z a1 45.45.0.$i 203.0.113.5 22
done >"$TMP/nine"
co -k 4 -s "$TMP/sk" "$TMP/nine"
is "bound: every touched incident written" "$(grep -vc '^#' "$TMP/out")" 9
like "bound: evictions reported" "$(tail -n 1 "$TMP/err")" \
    "4 kept in state, 0 expired, 5 evicted"
is "bound: the newest are kept" "$(tail -n +2 "$TMP/sk" | cut -f 1 | sort | tr '\n' ' ')" \
    "45.45.0.1/32 45.45.0.2/32 45.45.0.3/32 45.45.0.9/32 "

# ---- bad input ----

{
	syn $T0 a1 45.50.0.1 203.0.113.5 22
	printf 'garbage\n'
	ev $T0 a1 45.50.0.1 1 203.0.113.5 22 tcp - S drop 0
	ev $T0 a1 45.50.0.1 1 2001:db8::1 22 tcp - S drop 1
} >"$TMP/bad"
co -u "$TMP/rej" "$TMP/bad"
is "bad: exit status" "$rc" 0
is "bad: messages with line numbers" "$(head -n 3 "$TMP/err")" \
"mnw-correlate: $TMP/bad:2: wrong number of fields 'garbage'
mnw-correlate: $TMP/bad:3: invalid count '0'
mnw-correlate: $TMP/bad:4: source and target address families differ '2001:db8::1'"
like "bad: counted" "$(sed -n 4p "$TMP/err")" "1 events read, 1 counted, 0 filtered, 3 lines rejected"
is "bad: reject file" "$(cut -f 2,3 "$TMP/rej" | tr '\t' ' ')" \
"2 wrong number of fields
3 invalid count
4 source and target address families differ"
printf '#mnw-incident/1\tsource\n' >"$TMP/wrong"
co "$TMP/wrong"
is "bad: stream of incidents exits 65" "$rc" 65
like "bad: wrong header message" "$(cat "$TMP/err")" \
    "input is a stream of 'incident' records, expected 'event' records"
echo "not a state" >"$TMP/foreign"
co -s "$TMP/foreign" "$TMP/rec"
is "bad: foreign state exits 65" "$rc" 65
is "bad: foreign state untouched" "$(cat "$TMP/foreign")" "not a state"

# ---- locking ----

if command -v flock >/dev/null 2>&1; then
	flock "$TMP/st.lock" sleep 3 &
	holder=$!
	sleep 1
	co -s "$TMP/st" "$TMP/rec"
	is "lock: second run exits 75" "$rc" 75
	like "lock: message" "$(cat "$TMP/err")" "st.lock: locked by another run"
	co -w -s "$TMP/st" "$TMP/rec"
	is "lock: -w waits" "$rc" 0
	wait "$holder"
else
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
fi

# ---- memory grows with sources, not events ----

awk 'BEGIN {
	for (i = 0; i < 200000; i++)
		printf "2026-12-04T10:%02d:%02dZ\ta%d\t45.60.0.1\t4000\t%d.%d.%d.%d\t22\ttcp\t-\tS\tdrop\t1\tnetfilter\t-\t%016x\n", \
		    i / 60 % 60, i % 60, i % 5, 60 + int(i / 65536), \
		    int(i / 256) % 256, i % 256, 1, i
}' >"$TMP/wide200k"
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -f %M -o "$TMP/rss" mnw-correlate "$TMP/wide200k" \
	    >"$TMP/out" 2>"$TMP/err"
	rss=$(tail -n 1 "$TMP/rss")
	diag "max RSS for 200000 targets of one source: $rss KiB"
	check "memory: 200000 targets in under 64 MiB" test "$rss" -lt 65536
else
	mnw-correlate "$TMP/wide200k" >"$TMP/out" 2>"$TMP/err"
	skip "memory: no /usr/bin/time -f"
fi
set -- $(incident 45.60.0.1/32 | cut -f 5,7,8)
is "memory: events exact" "$1" 200000
is "memory: agents exact" "$2" 5
check "memory: targets estimated within 25%" test "$3" -ge 150000 -a "$3" -le 250000

# One million events from 1000 sources: time and memory.
gen1m() {
	awk 'BEGIN {
		for (i = 0; i < 1000000; i++)
			printf "2026-12-04T%02d:%02d:%02dZ\ta%d\t45.70.%d.%d\t4000\t198.51.100.%d\t%d\ttcp\t-\tS\tdrop\t1\tnetfilter\t-\t%016x\n", \
			    i / 3600 % 24, i / 60 % 60, i % 60, i % 50, \
			    i % 1000 / 250, i % 250, i % 200, 22 + i % 7, i
	}'
}
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	gen1m | /usr/bin/time -f '%e %M' -o "$TMP/rss" mnw-correlate \
	    >"$TMP/out" 2>"$TMP/err"
	set -- $(tail -n 1 "$TMP/rss")
	diag "1000000 events from 1000 sources: $1 s, max RSS $2 KiB"
	check "scale: 1000000 events in under 64 MiB" test "$2" -lt 65536
else
	gen1m | mnw-correlate >"$TMP/out" 2>"$TMP/err"
	skip "scale: no /usr/bin/time -f"
fi
like "scale: every event counted" "$(head -n 1 "$TMP/err")" \
    "1000000 events read, 1000000 counted"
is "scale: one incident per source" "$(grep -vc '^#' "$TMP/out")" 1000

# A private target behind two agents' NAT is two hosts, a global one is one.
{
	ev $T0 a1 45.30.0.1 1 192.168.1.20 22 tcp - S drop 1
	ev $T0 a2 45.30.0.1 1 192.168.1.20 22 tcp - S drop 1
	ev $T0 a1 45.30.0.2 1 45.20.0.9 22 tcp - S drop 1
	ev $T0 a2 45.30.0.2 1 45.20.0.9 22 tcp - S drop 1
} >"$TMP/nat"
co "$TMP/nat"
is "targets: private target counted per agent" "$(incident 45.30.0.1/32 | cut -f 8,9)" "$(printf '2\t2')"
is "targets: global target counted once" "$(incident 45.30.0.2/32 | cut -f 8,9)" "$(printf '1\t1')"
{
	ev $T0 a1 45.30.0.3 1 0.0.0.0 22 tcp - - auth-fail 1
	ev $T0 a2 45.30.0.3 1 0.0.0.0 22 tcp - - auth-fail 1
	ev $T0 a3 45.30.0.3 1 0.0.0.0 22 tcp - - auth-fail 1
} >"$TMP/self"
co "$TMP/self"
is "targets: logging host counted per agent" "$(incident 45.30.0.3/32 | cut -f 8,9)" "$(printf '3\t3')"

exit_is "-h exits 0" 0 mnw-correlate -h
like "-h lists the options" "$(mnw-correlate -h)" "-x rule"

done_testing
