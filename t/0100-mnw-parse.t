#!/bin/sh
# mnw-parse: options, header, summary line, -u file, exit codes, and
# hostile input.
. "${MNW_TOP:-.}/t/lib.sh"

P="mnw-parse -z UTC -y 2026-12-05T00:00:00Z -r test"
GOOD='Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=TCP SPT=40000 DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0 '
printf '%s\n' "$GOOD" >"$TMP/good"

# ---- options ----------------------------------------------------------

exit_is "unknown option is a usage error" 64 mnw-parse -X
mnw-parse -X 2>"$TMP/err" </dev/null
like "usage message" "$(cat "$TMP/err")" "usage: mnw-parse [-HhnqV]"
exit_is "unknown format is a usage error" 64 mnw-parse -f nosuch "$TMP/good"
mnw-parse -f nosuch 2>"$TMP/err" </dev/null
like "unknown format lists the formats" "$(cat "$TMP/err")" "netfilter"
exit_is "-L too small" 64 mnw-parse -L 5 "$TMP/good"
exit_is "-L not a number" 64 mnw-parse -L 10x "$TMP/good"
exit_is "-L too large" 64 mnw-parse -L 2000000000 "$TMP/good"
exit_is "-r with a space" 64 mnw-parse -r 'a b' "$TMP/good"
exit_is "-r too long" 64 mnw-parse -r \
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "$TMP/good"
exit_is "-z unknown zone" 64 mnw-parse -z No/Such_Zone "$TMP/good"
exit_is "-y not a time" 64 mnw-parse -y yesterday "$TMP/good"
exit_is "-B not a time" 64 mnw-parse -B 12:00 "$TMP/good"
exit_is "-h exits 0" 0 mnw-parse -h
like "-h lists formats" "$(mnw-parse -h)" "netfilter"
exit_is "-V exits 0" 0 mnw-parse -V
like "-V prints the version" "$(mnw-parse -V)" "mnw-parse "

# ---- header, records, summary -----------------------------------------

$P "$TMP/good" >"$TMP/out" 2>"$TMP/err"
is "header line" "$(head -n 1 "$TMP/out")" \
    "$(printf '#mnw-event/1 time\tagent\tsrc\tsport\tdst\tdport\tproto\ticmp\tflags\taction\tcount\tformat\thost\tdigest')"
is "one event" "$(sed 1d "$TMP/out" | cut -f 1-13)" \
    "$(printf '2026-12-04T19:10:59Z\ttest\t198.51.100.1\t40000\t203.0.113.5\t22\ttcp\t-\tS\tdrop\t1\tnetfilter\tgw')"
# The digest is XXH64 of the line as read, without newline; xxhsum
# (Debian package xxhash) computes it independently.
if command -v xxhsum >/dev/null 2>&1; then
	want=$(printf '%s' "$GOOD" | xxhsum -H64 - | cut -d ' ' -f 1)
	is "digest is XXH64 of the line" "$(sed 1d "$TMP/out" | cut -f 14)" \
	    "$want"
else
	skip "digest check needs xxhsum (apt-get install xxhash)"
fi
is "summary line" "$(cat "$TMP/err")" \
    "mnw-parse: $TMP/good: 1 lines, 1 events, 0 skipped, 0 rejected"
is "-H: no header" "$($P -H "$TMP/good" 2>/dev/null | grep -c '^#')" 0
is "stdin" "$($P -H <"$TMP/good" 2>&1 >/dev/null)" \
    "mnw-parse: stdin: 1 lines, 1 events, 0 skipped, 0 rejected"
is "- is stdin" "$($P -H - <"$TMP/good" 2>/dev/null | cut -f 3)" \
    "198.51.100.1"
is "same line twice, same digest" \
    "$(cat "$TMP/good" "$TMP/good" | $P -H 2>/dev/null | cut -f 14 | uniq | wc -l | tr -d ' ')" 1
hostname_agent=$(mnw-parse -H -z UTC "$TMP/good" 2>/dev/null | cut -f 2)
case $hostname_agent in
"$(hostname)"|local) ok "default agent is the host name or local" ;;
*) not_ok "default agent is the host name or local"; diag "$hostname_agent" ;;
esac
is "-f netfilter takes netfilter" "$($P -H -f netfilter "$TMP/good" 2>/dev/null | cut -f 12)" \
    "netfilter"

# A mixed file: events, skipped and rejected lines, each counted once.
# A kernel message that is no packet log is skipped; another program's
# line is no format's and is rejected.
{
	printf '%s\n' "$GOOD"
	printf '\n'
	printf '%s\n' 'Dec  4 19:10:59 gw cron[12]: (root) CMD (run-parts /etc/cron.hourly)'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: martian source 198.51.100.9 from 192.0.2.1, on dev eth0'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=300.1.2.3 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=1 DPT=23'
	printf '%s\n' '-- Boot 0123456789abcdef --'
	printf '%s\n' "$GOOD"
} >"$TMP/mixed"
$P -u "$TMP/rej" "$TMP/mixed" >"$TMP/out" 2>"$TMP/err"
is "mixed: exit 0 with rejected lines" "$?" 0
is "mixed: summary" "$(tail -n 1 "$TMP/err")" \
    "mnw-parse: $TMP/mixed: 7 lines, 2 events, 3 skipped (1 empty line, 1 kernel message that is no packet log, 1 journal marker line), 2 rejected (1 unknown format, 1 invalid source address)"
is "mixed: warning for a bad address" "$(sed -n 2p "$TMP/err")" \
    "mnw-parse: $TMP/mixed:5: invalid source address '300.1.2.3'"
is "mixed: -u file" "$(cat "$TMP/rej")" \
    "$(printf '%s\t3\tunknown format\tDec  4 19:10:59 gw cron[12]: (root) CMD (run-parts /etc/cron.hourly)\n%s\t5\tinvalid source address\tDec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=300.1.2.3 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=1 DPT=23' "$TMP/mixed" "$TMP/mixed")"
is "a kernel line cut inside its packet log stays rejected" \
    "$(printf 'Dec  4 19:10:59 gw kernel: [UFW BLOCK] IN=eth0 OU\n' |
    $P -H 2>&1 >/dev/null | tail -n 1 | sed 's/.*, //')" \
    "1 rejected (1 unknown format)"

# Warnings are rate-limited per reason; the summary has every count.
i=0
while [ $i -lt 50 ]; do
	echo "garbage line $i"
	i=$((i + 1))
done >"$TMP/garbage"
$P "$TMP/garbage" >/dev/null 2>"$TMP/err"
is "garbage: exit 65" "$?" 65
is "garbage: 10 warnings, a note, the summary" "$(wc -l <"$TMP/err" | tr -d ' ')" 12
like "garbage: note" "$(cat "$TMP/err")" \
    "further lines rejected for 'unknown format' are only counted"
is "garbage: summary" "$(tail -n 1 "$TMP/err")" \
    "mnw-parse: $TMP/garbage: 50 lines, 0 events, 0 skipped, 50 rejected (50 unknown format)"
$P -q "$TMP/garbage" >/dev/null 2>"$TMP/err"
is "-q: only the summary" "$(wc -l <"$TMP/err" | tr -d ' ')" 1
$P -q "$TMP/good" >/dev/null 2>"$TMP/err"
is "-q: nothing when nothing was rejected" "$(wc -c <"$TMP/err" | tr -d ' ')" 0

# ---- exit codes -------------------------------------------------------

exit_is "events: exit 0" 0 $P "$TMP/good"
: >"$TMP/empty"
exit_is "empty input: exit 1" 1 $P "$TMP/empty"
printf '\n\n' >"$TMP/blank"
exit_is "only skipped lines: exit 1" 1 $P "$TMP/blank"
exit_is "only rejected lines: exit 65" 65 $P "$TMP/garbage"
exit_is "missing file: exit 66" 66 $P "$TMP/nosuch"
$P "$TMP/nosuch" "$TMP/good" >"$TMP/out" 2>"$TMP/err"
is "missing file: exit 66 after the others" "$?" 66
is "missing file: others still read" "$(grep -vc '^#' "$TMP/out")" 1
like "missing file: message" "$(cat "$TMP/err")" "$TMP/nosuch: No such file"
exit_is "directory: exit 66" 66 $P "$TMP"
if [ -w /dev/full ]; then
	exit_is "write error: exit 75" 75 sh -c "$P \"\$1\" >/dev/full" sh "$TMP/good"
	exit_is "-u write error: exit 75" 75 $P -u /dev/full "$TMP/garbage"
else
	skip "no /dev/full"
	skip "no /dev/full"
fi
exit_is "-u in a missing directory: exit 75" 75 $P -u "$TMP/no/dir" "$TMP/good"

# A closed pipe is a write error too.
i=0
while [ $i -lt 2000 ]; do
	printf '%s\n' "$GOOD"
	i=$((i + 1))
done >"$TMP/many"
i=0
while [ $i -lt 6 ]; do
	cat "$TMP/many" "$TMP/many" "$TMP/many" "$TMP/many"
	i=$((i + 1))
done >"$TMP/lots"
{ $P "$TMP/lots" 2>"$TMP/err"; echo $? >"$TMP/rc"; } | head -n 1 >/dev/null
is "closed pipe: exit 75" "$(cat "$TMP/rc")" 75
like "closed pipe: message" "$(cat "$TMP/err")" "write error on standard output"

# ---- hostile input ----------------------------------------------------

# Lines of 1 MiB and 2 MiB: rejected and counted, never held in memory.
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; print s; print s s }' \
    >"$TMP/long"
printf '%s\n' "$GOOD" >>"$TMP/long"
$P -u "$TMP/rej" "$TMP/long" >"$TMP/out" 2>"$TMP/err"
is "long lines: exit 0" "$?" 0
is "long lines: summary" "$(tail -n 1 "$TMP/err")" \
    "mnw-parse: $TMP/long: 3 lines, 1 events, 0 skipped, 2 rejected (2 line too long)"
is "long lines: warning" "$(head -n 1 "$TMP/err")" \
    "mnw-parse: $TMP/long:1: line too long (1048576 bytes, maximum 65536, see option -L)"
is "long lines: -u has no copy" "$(cut -f 2-4 "$TMP/rej" | tr '\t' ' ')" \
    "$(printf '1 line too long -\n2 line too long -')"
is "long lines: -L admits them" \
    "$($P -L 4194304 "$TMP/long" 2>&1 >/dev/null | tail -n 1)" \
    "mnw-parse: $TMP/long: 3 lines, 1 events, 0 skipped, 2 rejected (2 unknown format)"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$TMP/rss1" $P "$TMP/good" >/dev/null 2>&1
	/usr/bin/time -f %M -o "$TMP/rss2" $P "$TMP/long" >/dev/null 2>&1
	growth=$(($(tail -n 1 "$TMP/rss2") - $(tail -n 1 "$TMP/rss1")))
	if [ "$growth" -lt 1024 ]; then
		ok "long lines: memory grows by less than 1 MiB ($growth KiB)"
	else
		not_ok "long lines: memory grows by less than 1 MiB ($growth KiB)"
	fi
else
	skip "no /usr/bin/time to measure memory"
fi

# NUL bytes, invalid UTF-8 and control bytes.
{
	printf 'Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1\000 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=1 DPT=2\n'
	printf 'Dec  4 19:10:59 g\377w kernel: \377\033[31m DROP IN=eth0 OUT= SRC=198.51.100.2 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=1 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=8\n'
	printf 'Dec  4 19:10:59 gw\033]0;title\007 kernel: IN=eth0 OUT= SRC=198.51.100.3 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=1 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=8\n'
	printf 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=\033[2J DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1 DPT=2\n'
	printf '\r\r\r\001\002\003\n'
} >"$TMP/bytes"
$P -u "$TMP/rej" "$TMP/bytes" >"$TMP/out" 2>"$TMP/err"
like "NUL byte rejected" "$(cat "$TMP/err")" "bytes:1: NUL byte in line"
is "invalid UTF-8 host escaped" "$(grep 198.51.100.2 "$TMP/out" | cut -f 13)" 'g\xffw'
is "invalid UTF-8 in prefix still parsed" \
    "$(grep 198.51.100.2 "$TMP/out" | cut -f 3,4)" \
    "$(printf '198.51.100.2\t1')"
like "NUL byte escaped in -u file" "$(cat "$TMP/rej")" 'SRC=198.51.100.1\x00 DST'
check "records: no control bytes" no_control_bytes "$TMP/out"
check "messages: no control bytes" no_control_bytes "$TMP/err"
check "-u file: no control bytes" no_control_bytes "$TMP/rej"
is "bytes: every line counted" "$(tail -n 1 "$TMP/err" | sed 's/.*: \([0-9]*\) lines.*/\1/')" 5

# A line cut off at every length: each cut is an event, skipped or
# rejected with a reason, and nothing crashes.
line="Dec  4 19:10:59 gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=2001:0db8:0000:0000:0000:0000:0000:0001 DST=2001:0db8:0000:0000:0000:0000:0000:0002 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=1 PROTO=ICMPv6 TYPE=1 CODE=4 [SRC=2001:0db8:0000:0000:0000:0000:0000:0002 DST=2001:0db8:0000:0000:0000:0000:0000:0009 LEN=72 PROTO=UDP SPT=1 DPT=2 LEN=32 ] "
n=${#line}
awk -v s="$line" 'BEGIN { for (i = 1; i <= length(s); i++) print substr(s, 1, i) }' \
    >"$TMP/cuts"
$P -u "$TMP/rej" "$TMP/cuts" >"$TMP/out" 2>"$TMP/err"
rc=$?
case $rc in 0|65) ok "cut lines: exit $rc" ;; *) not_ok "cut lines: exit $rc" ;; esac
summary=$(tail -n 1 "$TMP/err")
like "cut lines: all counted" "$summary" ": $n lines, "
lines=$(printf '%s\n' "$summary" | sed -n 's/.*: \([0-9]*\) lines, \([0-9]*\) events, \([0-9]*\) skipped.*, \([0-9]*\) rejected.*/\2 \3 \4/p')
set -- $lines
is "cut lines: events + skipped + rejected" "$(($1 + $2 + $3))" "$n"
is "cut lines: rejected lines in -u file" "$(wc -l <"$TMP/rej" | tr -d ' ')" "$3"
is "cut lines: inner packet never the source" \
    "$(grep -v '^#' "$TMP/out" | cut -f 3 | sort -u)" "2001:db8::1"

# Numbers that overflow.
{
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=4294967296 DPT=2'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=18446744073709551617 DPT=2'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1 DPT=-1'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=ICMP TYPE=8 CODE=99999999999'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=99999'
	printf '%s\n' '[99999999999999999999.000000] IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1 DPT=2'
	printf '%s\n' 'Dec 99 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1 DPT=2'
	printf '%s\n' '<99999>Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1 DPT=2'
} >"$TMP/big"
$P -B 2026-12-04T00:00:00Z -u "$TMP/rej" "$TMP/big" >"$TMP/out" 2>"$TMP/err"
is "overflow: exit 65" "$?" 65
is "overflow: reasons" "$(cut -f 2,3 "$TMP/rej" | tr '\t' ' ')" \
"1 invalid source port
2 invalid source port
3 invalid target port
4 invalid icmp code
5 invalid protocol
6 missing time stamp
7 missing time stamp
8 missing time stamp"

# Text that others write never becomes an address.
{
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: SRC=9.9.9.9 IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=1 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=8'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN= OUT= SRC=9.9.9.9 IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=1 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=8'
	printf '%s\n' 'Dec  4 19:10:59 gw sshd[123]: Invalid user IN= OUT= SRC=9.9.9.9 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=1 DPT=22 from 198.51.100.1 port 22'
	printf '%s\n' 'Dec  4 19:10:59 gw sshd[123]: Failed password for IN= OUT= SRC=9.9.9.9 from 198.51.100.1 port 22 ssh2'
	printf '%s\n' 'Dec  4 19:10:59 gw kernel: IN= OUT= SRC=9.9.9.9 '
} >"$TMP/forged"
$P -u "$TMP/rej" "$TMP/forged" >"$TMP/out" 2>"$TMP/err"
is "forged: never 9.9.9.9" "$(grep -c 9.9.9.9 "$TMP/out")" 0
# The two sshd lines are failed logins from 198.51.100.1, read from the
# end of the message; the user name field never supplies the source.
is "forged: only the sshd logins are events" \
    "$(grep -v '^#' "$TMP/out" | cut -f 3,6,10,12 | tr '\t' ' ')" \
"198.51.100.1 22 auth-fail sshd
198.51.100.1 22 auth-fail sshd"
is "forged: the kernel lines rejected" "$(cut -f 2,3 "$TMP/rej" | tr '\t' ' ')" \
"1 repeated key
2 repeated key
5 missing target address"

done_testing
